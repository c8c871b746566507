// Release facts that must not drift: the extension has one version (manifest.json's), the build
// instructions in README.md name the toolchain the repository pins, and the store packages hold
// exactly what dist/ holds. Byte-for-byte reproducibility itself is checked by a real rebuild
// (`./build.sh reproduce`, part of `./build.sh test`).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const read = (path) => readFileSync(join(ROOT, path), 'utf8');
const json = (path) => JSON.parse(read(path));
const { version } = json('manifest.json');

// The keys of each [section] of a Cargo.toml: enough TOML for "which keys does [package] set".
function tomlKeys(text) {
  const keys = {};
  let section = '';
  for (const line of text.split('\n').map((l) => l.trim())) {
    const header = line.match(/^\[([^\]]+)\]$/);
    if (header) section = header[1];
    const key = line.match(/^([A-Za-z0-9_.-]+)\s*=/);
    if (key) (keys[section] ??= []).push(key[1]);
  }
  return keys;
}

function files(dir, prefix = '') {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(dir, `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

describe('one version: manifest.json "version"', () => {
  it('is a version both stores accept', () => {
    // Chrome: one to four dot-separated integers, each 0-65535, no leading zeros; Firefox takes these too.
    assert.match(version, /^(0|[1-9]\d{0,4})(\.(0|[1-9]\d{0,4})){0,3}$/);
    for (const part of version.split('.')) assert.ok(Number(part) <= 65535, `${version}: ${part} > 65535`);
  });

  it('is the version of both built manifests', () => {
    for (const browser of ['chromium', 'firefox']) assert.equal(json(`dist/${browser}/manifest.json`).version, version, browser);
  });

  it('npm carries no second version (package.json, package-lock.json)', () => {
    assert.equal(json('package.json').version, undefined, 'package.json "version"');
    const lock = json('package-lock.json');
    assert.equal(lock.version, undefined, 'package-lock.json "version"');
    assert.equal(lock.packages[''].version, undefined, 'package-lock.json packages[""].version');
  });

  it('the Cargo crates carry no second version (internal, never published)', () => {
    const manifests = ['Cargo.toml', ...readdirSync(join(ROOT, 'crates')).map((c) => `crates/${c}/Cargo.toml`)];
    for (const path of manifests.filter((p) => existsSync(join(ROOT, p)))) {
      const keys = tomlKeys(read(path));
      for (const section of ['package', 'workspace.package']) {
        const set = (keys[section] ?? []).filter((k) => k === 'version' || k.startsWith('version.'));
        assert.deepEqual(set, [], `${path} [${section}] sets a version`);
      }
    }
  });
});

describe('README.md build instructions name the pinned toolchain', () => {
  const readme = read('README.md');

  it('rustc and its wasm32 target: rust-toolchain.toml', () => {
    const toolchain = read('rust-toolchain.toml');
    const channel = toolchain.match(/^channel = "(.+)"$/m)[1];
    assert.match(channel, /^\d+\.\d+\.\d+$/, 'rust-toolchain.toml pins an exact release');
    assert.ok(toolchain.includes('"wasm32-unknown-unknown"'), 'rust-toolchain.toml lists the wasm32 target');
    assert.ok(readme.includes(`rustc ${channel}`), `README names rustc ${channel}`);
  });

  it('wasm-bindgen-cli: the wasm-bindgen crate in Cargo.lock', () => {
    const locked = read('Cargo.lock').match(/^name = "wasm-bindgen"\nversion = "(.+)"$/m)[1];
    assert.ok(readme.includes(`wasm-bindgen-cli ${locked}`), `README names wasm-bindgen-cli ${locked}`);
  });

  it('Node.js: package.json engines', () => {
    const major = json('package.json').engines.node.match(/\d+/)[0];
    assert.ok(readme.includes(`Node.js ${major}`), `README names Node.js ${major}`);
    assert.ok(readme.includes('./build.sh package'), 'README gives the command');
  });
});

describe('store packages', () => {
  const have = existsSync(join(ROOT, 'packages'));
  for (const [browser, ext] of [['chromium', 'zip'], ['firefox', 'xpi']]) {
    const name = `optout-guard-${version}-${browser}.${ext}`;
    it(`${name} holds exactly dist/${browser}, sorted, deflated`, { skip: !have && 'no packages/: run ./build.sh package' }, () => {
      const path = join(ROOT, 'packages', name);
      assert.ok(existsSync(path), `${name} missing: run ./build.sh package`);
      const order = [];
      const entries = unzipSync(readFileSync(path), {
        filter: (f) => (order.push(f.name), assert.equal(f.compression, 8, `${f.name} is deflated`), true),
      });
      const dir = join(ROOT, 'dist', browser);
      const want = files(dir).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      assert.deepEqual(order, want, 'entries: the files of dist, in code-unit order, no directories');
      for (const f of want) {
        assert.ok(Buffer.from(entries[f]).equals(readFileSync(join(dir, f))), `${f} differs from dist (stale package? run ./build.sh package)`);
      }
    });
  }
});
