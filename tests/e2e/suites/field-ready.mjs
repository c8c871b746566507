// Field-ready on LinkedIn (issue 17): what happens when the real page differs from what we know.
// Wording drift (point 3): a switch found by its key whose label matches none of the wordings
// known for the page's language is operated as before, and the banner and the history say once
// that LinkedIn changed the wording, quoting the label seen.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  SETTING_URL, bannerActions, bannerText, openPopup, pressBannerButton, resetMemory, storedMemory, suiteContexts, waitFor, waitForBanner,
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

    it('after unknown, "Copy details for a bug report" copies a structural summary with no text planted on the page', async () => {
      const c = await context();
      const planted = ['Jane', 'Rivera', 'jane.rivera@example.org', 'example.org', 'secret post', 'Contoso', 'jane-rivera-9f3k', 'post-urn-li-activity-7212'];
      const { page } = await open(c, SETTING_URL, {
        config: { state: 'on', extraSwitches: 1, decoys: ['personal'], label: 'Jane Rivera (jane.rivera@example.org): my secret post' },
      });
      if (name === 'chromium') {
        await c.browser.defaultBrowserContext().overridePermissions('https://www.linkedin.com', ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
      }
      await waitForBanner(page, 'unknown');
      assert.deepEqual(await bannerActions(page), ['copy-report', 'dismiss']);
      await pressBannerButton(page, 'copy-report');
      const report = await waitFor('the details shown', () => page.evaluate(() => document.querySelector('[data-optout-guard="banner"]').shadowRoot.querySelector('textarea[data-report]')?.value ?? null));
      for (const p of planted) assert.ok(!report.includes(p), `"${p}" is in the report:\n${report}`);
      // What it does say: the setting, the verdict, each candidate by its shape and how it was rejected.
      assert.match(report, /^setting: aiTraining \(settings\/data-for-ai-improvement, desktop\)$/m);
      assert.match(report, /^shown: unknown \(ambiguous\)/m);
      assert.match(report, /^page language: en$/m);
      assert.match(report, /^extension: \d+\.\d+\.\d+$/m);
      assert.match(report, name === 'chromium' ? /^browser: Chromium \d+$/m : /^browser: Firefox \d+$/m);
      assert.match(report, /^candidates: 3 /m);
      assert.match(report, /rejected: one of several shown checkboxes/);
      assert.match(report, /tag div, type none, role switch; .*rejected: not a native checkbox/);
      assert.match(report, /aria-labelledby: allowDataForGenerativeAI \(catalog key\)/);
      assert.match(report, /aria-labelledby: not a catalog key \(16 characters: lower-case letters, digits, - or _\)/);
      assert.match(report, /“Use my data for training content creation AI models”/);
      const text = await bannerText(page);
      const copied = text.includes('Copied to your clipboard');
      assert.ok(copied || text.includes('did not let Opt-Out Guard copy them'), text);
      if (name === 'chromium') {
        // Pasted: what reached the clipboard is the same text.
        assert.ok(copied, 'Chromium with clipboard permission copies');
        assert.equal(await page.evaluate(() => navigator.clipboard.readText()), report);
      }
      await page.close();
    });

    it('after failed, the details are offered beside "Try again"', async () => {
      const c = await context();
      const { page } = await open(c, SETTING_URL, { config: { state: 'on', reject: true } });
      await waitForBanner(page, 'on');
      await pressBannerButton(page, 'switch-off');
      await waitForBanner(page, 'failed', 15_000);
      assert.deepEqual(await bannerActions(page), ['retry', 'copy-report', 'dismiss']);
      await pressBannerButton(page, 'copy-report');
      const report = await waitFor('the details shown', () => page.evaluate(() => document.querySelector('[data-optout-guard="banner"]').shadowRoot.querySelector('textarea[data-report]')?.value ?? null));
      assert.match(report, /^shown: failed; clicks by Opt-Out Guard on this visit: 1$/m);
      assert.match(report, /taken: the one switch/);
      await page.close();
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
