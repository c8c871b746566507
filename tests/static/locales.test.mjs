// Every locale has every message of the default locale (en), with the same placeholders, and
// uses each of them; badge texts fit in 4 characters.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const dir = new URL('../../extension/src/_locales/', import.meta.url).pathname;
const REQUIRED = ['en', 'de', 'fr', 'es', 'pt_BR', 'nl', 'it', 'pl', 'sv', 'tr', 'ja', 'zh_CN'];
const load = (locale) => JSON.parse(readFileSync(join(dir, locale, 'messages.json'), 'utf8'));
const en = load('en');

test('the twelve required locales exist', () => {
  const have = readdirSync(dir).sort();
  for (const l of REQUIRED) assert.ok(have.includes(l), `missing locale ${l}`);
});

for (const locale of readdirSync(dir).sort()) {
  test(`${locale}: every key, placeholders intact`, () => {
    const msgs = load(locale);
    assert.deepEqual(Object.keys(msgs).sort(), Object.keys(en).sort(), 'same keys as en');
    for (const [key, want] of Object.entries(en)) {
      const got = msgs[key];
      assert.equal(typeof got.message, 'string', key);
      assert.ok(got.message.trim().length > 0, `${key} is empty`);
      const names = (e) => Object.fromEntries(Object.entries(e.placeholders ?? {}).map(([n, p]) => [n.toLowerCase(), p.content]));
      assert.deepEqual(names(got), names(want), `${key}: placeholder names and contents`);
      for (const name of Object.keys(names(want))) {
        assert.match(got.message, new RegExp(`\\$${name}\\$`, 'i'), `${key} uses $${name}$`);
      }
      // No stray $n$-style references to placeholders that do not exist.
      for (const ref of got.message.match(/\$[A-Za-z_]+\$/g) ?? []) {
        assert.ok(ref.slice(1, -1).toLowerCase() in names(want), `${key}: unknown placeholder ${ref}`);
      }
      if (key.startsWith('badge_')) assert.ok([...got.message].length <= 4, `${key} "${got.message}" longer than 4 characters`);
    }
  });
}
