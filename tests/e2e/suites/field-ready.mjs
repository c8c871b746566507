// Field-ready on LinkedIn (issue 17): what happens when the real page differs from what we know.
// Wording drift (point 3): a switch found by its key whose label matches none of the wordings
// known for the page's language is operated as before, and the banner and the history say once
// that LinkedIn changed the wording, quoting the label seen.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  SETTING_URL, bannerText, openPopup, pressBannerButton, resetMemory, storedMemory, suiteContexts, waitFor, waitForBanner,
} from '../harness/index.mjs';

const NEW_WORDS = 'Let LinkedIn use your data to improve its AI';
const count = (text, part) => text.split(part).length - 1;

/** Defines this suite for browser `name` (`chromium` or `firefox`). */
export function fieldReadySuite(name) {
  describe(`field-ready in ${name}`, () => {
    const { start, open } = suiteContexts(name);
    let ctx;
    const context = async () => (ctx ??= await start({ testHooks: true }));

    it('a changed wording: the key still finds the switch, the one click works, and the banner and history say so once', async () => {
      const c = await context();
      await resetMemory(c);
      const { page } = await open(c, SETTING_URL, { config: { state: 'on', label: NEW_WORDS } });
      await waitForBanner(page, 'on');
      const before = await bannerText(page);
      assert.equal(count(before, 'LinkedIn has changed the wording on this page'), 1, before);
      assert.equal(count(before, `“${NEW_WORDS}”`), 1, 'the label seen, quoted');
      await pressBannerButton(page, 'switch-off');
      await waitForBanner(page, 'verified');
      assert.equal(await page.evaluate(() => document.querySelector('[data-fixture-switch="0"]').checked), false);
      assert.equal(count(await bannerText(page), 'LinkedIn has changed the wording on this page'), 1);
      const m = await waitFor('the change in the history', async () => (await storedMemory(c))?.history?.[0]?.labelSeen && (await storedMemory(c)));
      assert.equal(m.history[0].labelSeen, NEW_WORDS);
      await page.close();
      const popup = await openPopup(c);
      const row = await waitFor('the history row', () => popup.evaluate(() => document.querySelector('#history li')?.textContent ?? null));
      assert.equal(count(row, `LinkedIn's wording had changed: the switch read “${NEW_WORDS}”.`), 1, row);
      await popup.close();
    });

    for (const [what, config] of [
      ['the known English wording', { state: 'on' }],
      ['the known German wording on a German page', { state: 'on', lang: 'de' }],
      ['a page in a language whose wording is not known (Italian)', { state: 'on', lang: 'it' }],
    ]) {
      it(`no wording note for ${what}`, async () => {
        const c = await context();
        await resetMemory(c);
        const { page } = await open(c, SETTING_URL, { config });
        await waitForBanner(page, 'on');
        const text = await bannerText(page);
        assert.equal(count(text, 'LinkedIn has changed the wording'), 0, text);
        assert.equal(count(text, 'LinkedIn hat den Text'), 0, text);
        await page.close();
      });
    }
  });
}
