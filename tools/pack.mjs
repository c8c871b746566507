// Zips dist/chromium and dist/firefox into the store packages, the same bytes on every build:
// entries sorted by path, one fixed timestamp, one file mode (0644), no directory entries, and
// fflate's own deflate (pure JavaScript, so the bytes do not depend on the zlib that Node bundles).
// Usage: node tools/pack.mjs <repo-root> <out-dir>; prints the names it wrote.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';

const [root = '.', outDir = join(root, 'packages')] = process.argv.slice(2);
const { version } = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));

// Zip timestamps are MS-DOS local date fields with no time zone; fflate fills them from the local
// getters of this Date, so building it from local fields gives 1980-01-01 00:00 in every zone.
const MTIME = new Date(1980, 0, 1, 0, 0, 0);
const UNIX = 3; // "version made by" host: Unix, so that the mode below is read
const MODE = (0o100644 << 16) >>> 0; // regular file, rw-r--r--, in the external attributes' high half

function files(dir, prefix = '') {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(dir, `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

for (const [browser, ext] of [['chromium', 'zip'], ['firefox', 'xpi']]) {
  const dir = join(root, 'dist', browser);
  // Code-unit order, not localeCompare: the same order under every locale.
  const names = files(dir).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const entries = Object.fromEntries(names.map((name) => [name, readFileSync(join(dir, name))]));
  const zip = zipSync(entries, { level: 9, mtime: MTIME, os: UNIX, attrs: MODE });
  const name = `optout-guard-${version}-${browser}.${ext}`;
  writeFileSync(join(outDir, name), zip);
  console.log(name);
}
