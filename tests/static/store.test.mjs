// The store listings (docs/store/) against the package: every permission the manifest requests has
// its justification and nothing else is justified; the listing's name and Chrome summary are the
// manifest's (extName, extDescription) within the stores' limits; the privacy texts say that
// nothing is collected or sent and name every storage key the shell uses; the screenshots are
// 1280 × 800 PNGs without alpha; English and German are both there.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../e2e/harness/paths.mjs';

const STORE = join(ROOT, 'docs', 'store');
const read = (...path) => readFileSync(join(...path), 'utf8');
const manifest = JSON.parse(read(ROOT, 'manifest.json'));
const LOCALES = join(ROOT, 'extension', 'src', '_locales');
const messages = (locale) => JSON.parse(read(LOCALES, locale, 'messages.json'));
const LANGS = { en: 'English (en)', de: 'German (de)' };
/** Characters as a person (and a store's counter) counts them, not UTF-16 units. */
const length = (text) => [...text].length;

/** The text of the Markdown section under `heading` (any level), up to the next heading of the same or a higher level. */
function section(md, heading) {
  const lines = md.split('\n');
  const start = lines.findIndex((l) => /^#+ /.test(l) && l.replace(/^#+ /, '') === heading);
  assert.ok(start >= 0, `a section "${heading}"`);
  const level = lines[start].match(/^#+/)[0].length;
  const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && l.match(/^#+/)[0].length <= level);
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** The first fenced ```text block of a section: the text to paste, as it is. */
function pasted(md, heading) {
  const m = section(md, heading).match(/^```text\n([\s\S]*?)\n```$/m);
  assert.ok(m, `a \`\`\`text block under "${heading}"`);
  return m[1];
}

/** PNG header facts read from the bytes: signature, then the IHDR chunk (width, height, bit depth, colour type). */
function pngHeader(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(bytes.toString('latin1', 12, 16), 'IHDR', 'IHDR is the first chunk');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), bitDepth: bytes[24], colourType: bytes[25] };
}

describe('docs/store/listing.md', () => {
  const listing = read(STORE, 'listing.md');

  it('has English and German', () => {
    for (const heading of Object.values(LANGS)) assert.ok(section(listing, heading).length > 0, heading);
  });

  for (const [lang, heading] of Object.entries(LANGS)) {
    describe(lang, () => {
      const part = section(listing, heading);
      const field = (name) => pasted(part, name);
      const own = messages(lang);

      it("the name is the extension's extName, within both stores' limits", () => {
        assert.equal(field('Name'), own.extName.message);
        assert.ok(length(field('Name')) <= 50, 'AMO: at most 50 characters (Chrome Web Store: 75)');
      });

      it("the Chrome Web Store summary is the manifest's description (extDescription), at most 132 characters", () => {
        assert.equal(manifest.description, '__MSG_extDescription__');
        assert.equal(field('Chrome Web Store summary'), own.extDescription.message);
        assert.ok(length(field('Chrome Web Store summary')) <= 132, `${length(field('Chrome Web Store summary'))} characters`);
      });

      it('the AMO summary has at most 250 characters, the description and single purpose exist', () => {
        assert.ok(length(field('AMO summary')) <= 250, `${length(field('AMO summary'))} characters`);
        assert.ok(length(field('Single purpose')) > 100);
        assert.ok(length(field('Description')) > 500);
        assert.ok(length(field('Description')) <= 16_000, 'Chrome Web Store: at most 16,000 characters');
      });

      it('the description counts the languages and the checkup as the package has them', () => {
        const locales = readdirSync(LOCALES).length;
        const word = { en: 'languages', de: 'Sprachen' }[lang];
        assert.ok(field('Description').includes(`${locales} ${word}`), `"${locales} ${word}"`);
        // Each catalog setting has a title message; the checkup is every LinkedIn setting but the
        // AI-training one (ChatGPT's one setting, s_improveModel_*, is not in it).
        const more = Object.keys(messages('en')).filter((k) => /^s_[A-Za-z]+_title$/.test(k) && k !== 's_improveModel_title').length - 1;
        const spelled = { 11: { en: 'eleven', de: 'elf' } }[more]?.[lang];
        assert.ok(spelled, `the listing spells out ${more} more settings: add the word here and to the texts`);
        for (const name of ['AMO summary', 'Description']) assert.ok(field(name).includes(`${spelled} `), `${name}: "${spelled}"`);
      });
    });
  }

  it('every extension locale keeps the Chrome Web Store summary limit (each locale is a summary there)', () => {
    for (const locale of readdirSync(LOCALES)) {
      const m = messages(locale);
      assert.equal(m.extName.message, 'Opt-Out Guard', `${locale}: extName`);
      assert.ok(length(m.extDescription.message) <= 132, `${locale}: extDescription has ${length(m.extDescription.message)} characters`);
    }
  });

  it("names the Firefox add-on id of the manifest", () => {
    assert.ok(listing.includes(`\`${manifest.browser_specific_settings.gecko.id}\``));
  });

  it('the screenshots are 1280 × 800 PNGs without alpha, the same count in English and German, at most 5 each', () => {
    const named = [...listing.matchAll(/screenshot-(en|de)-(\d)\.png/g)].map((m) => m[0]);
    const files = readdirSync(STORE).filter((f) => f.endsWith('.png'));
    assert.deepEqual([...new Set(named)].sort(), files.sort(), 'the listing names exactly the PNGs in docs/store/');
    const count = (lang) => files.filter((f) => f.startsWith(`screenshot-${lang}-`)).length;
    assert.ok(count('en') >= 3 && count('en') <= 5, `${count('en')} English screenshots`);
    assert.equal(count('de'), count('en'), 'as many German as English screenshots');
    for (const f of files) {
      const png = pngHeader(readFileSync(join(STORE, f)));
      assert.deepEqual([png.width, png.height], [1280, 800], `${f}: the stores' size`);
      // The Chrome Web Store takes JPEG or 24-bit PNG without alpha: truecolour (2), 8 bits per channel.
      assert.deepEqual([png.colourType, png.bitDepth], [2, 8], `${f}: RGB, no alpha`);
    }
  });
});

describe('docs/store/permissions.md', () => {
  const permissions = read(STORE, 'permissions.md');
  const justified = [...permissions.matchAll(/^## `([^`]+)`$/gm)].map((m) => m[1]);

  it('justifies exactly what the manifest requests: every permission and host permission, nothing else', () => {
    const requested = [...manifest.permissions, ...manifest.host_permissions, ...(manifest.optional_host_permissions ?? [])];
    assert.deepEqual([...justified].sort(), [...requested].sort());
    assert.equal(manifest.optional_permissions, undefined, 'optional_permissions: justify them here too');
    for (const pattern of manifest.content_scripts.flatMap((c) => c.matches)) {
      assert.ok(manifest.host_permissions.some((h) => pattern.startsWith(h.replace(/\*$/, ''))), `${pattern} lies within a justified host permission`);
    }
  });

  it('each justification is a text to paste', () => {
    for (const name of justified) assert.ok(length(pasted(permissions, `\`${name}\``)) > 100, name);
  });

  it('answers the remote-code question: none', () => {
    assert.match(section(permissions, 'Remote code'), /No, I am not using remote code/);
    assert.match(pasted(permissions, 'Remote code'), /^No remote code\./);
  });
});

describe('docs/store/privacy.md and privacy-policy.md', () => {
  const privacy = read(STORE, 'privacy.md');
  const policy = read(STORE, 'privacy-policy.md');

  it('the privacy policy says, in English and German, that nothing is collected or sent', () => {
    const en = section(policy, 'English');
    const de = section(policy, 'Deutsch');
    assert.ok(en.includes('Opt-Out Guard collects no data and sends nothing anywhere.'));
    assert.ok(en.includes('no network requests'));
    assert.ok(de.includes('Opt-Out Guard erhebt keine Daten und sendet nichts irgendwohin.'));
    assert.ok(de.includes('keine Anfragen ins Netz'));
    for (const [text, host] of [[en, 'www.linkedin.com'], [de, 'www.linkedin.com']]) assert.ok(text.includes(host));
  });

  it('the privacy policy names every permission the manifest requests', () => {
    for (const p of manifest.permissions) {
      assert.ok(section(policy, 'English').includes(`\`${p}\``), `English: ${p}`);
      assert.ok(section(policy, 'Deutsch').includes(`\`${p}\``), `Deutsch: ${p}`);
    }
  });

  it("the store answers declare no data collected, as the Firefox manifest does", () => {
    assert.match(privacy, /\*\*None of the categories\*\*/);
    assert.deepEqual(manifest.browser_specific_settings.gecko.data_collection_permissions, { required: ['none'] });
    assert.ok(privacy.includes('"required": ["none"]'));
  });

  it('lists every storage key the shell uses (extension/src/lib/storage.js), with its area', () => {
    const source = read(ROOT, 'extension', 'src', 'lib', 'storage.js');
    // Each key is an export with its doc comment, which names its area: /** storage.<area>…: … */
    const keys = [...source.matchAll(/\/\*\*((?:[^*]|\*(?!\/))*)\*\/\s*export const (\w+) = ([^;]+);/g)].map(([, doc, name, value]) => {
      const area = doc.match(/storage\.(local|session)/)?.[1];
      assert.ok(area, `storage.js ${name}: its comment names storage.local or storage.session`);
      const key = value.match(/^'([^']+)'$/)?.[1] ?? value.match(/^\(\w+\) => `([^$`]+)\$\{\w+\}`$/)?.[1]?.concat('<tabId>');
      assert.ok(key, `storage.js ${name}: a key '…' or (id) => \`prefix\${id}\``);
      return { area, key, test: /test builds only/.test(doc) };
    });
    assert.ok(keys.filter((k) => !k.test).length >= 5, `the keys of storage.js: ${JSON.stringify(keys)}`);
    for (const { area, key, test } of keys) {
      if (test) continue; // never in a published package (manifest.test.mjs checks dist/ for it)
      assert.ok(new RegExp(`\\| \`storage\\.${area}\` \\| \`${key.replace(/[<>]/g, '.')}\` \\|`).test(privacy), `privacy.md's table names ${area} ${key}`);
    }
  });
});

describe('docs/store files', () => {
  it('exist', () => {
    for (const f of ['listing.md', 'permissions.md', 'privacy.md', 'privacy-policy.md']) assert.ok(existsSync(join(STORE, f)), f);
  });
});
