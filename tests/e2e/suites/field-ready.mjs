// Field-ready on LinkedIn (issue 17): what happens when the real page differs from what we know.
// Wording drift (point 3): a switch found by its key whose label matches none of the wordings
// known for the page's language is operated as before, and the banner and the history say once
// that LinkedIn changed the wording, quoting the label seen. The bug report (point 4). A popup
// that fits in 600 px (point 5), in English and German, light and dark (screenshots in demo/).
// Global Privacy Control beside "Data sharing" (point 2, Firefox only).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  ROOT, SETTING_URL, bannerActions, bannerText, describe, it, openPopup, pressBannerButton, readPopup, resetMemory, setViewport, storedMemory,
  suiteContexts, testHook, waitFor, waitForBanner,
} from '../harness/index.mjs';

const NEW_WORDS = 'Let LinkedIn use your data to improve its AI';
const count = (text, part) => text.split(part).length - 1;
/** The bug report's details in the banner's field, or null while none is shown. */
const reportField = (page) => page.evaluate(
  () => document.querySelector('[data-optout-guard="banner"]').shadowRoot.querySelector('textarea[data-report]')?.value ?? null,
);

/**
 * A full memory for the popup's worst first screen: the AI setting on (its longest text) with its
 * banner dismissed ("Not now": the line and its button), four checkup readings, three changes
 * (one undoable per setting), the latest with its coupling note, the popup in charge.
 */
function fullMemory(now) {
  const seen = (state, ago, verifiedByUs = false) => ({ state, seenAtMs: now - ago, verifiedByUs });
  return {
    version: 3,
    settings: {
      aiTraining: seen('on', 90_000), research: seen('off', 80_000, true), partnerSharing: seen('on', 70_000),
      adsByAge: seen('off', 60_000, true), adsBeyondLinkedIn: seen('off', 50_000, true),
    },
    history: [
      { id: 1, setting: 'research', to: 'off', atMs: now - 80_000, undoneAtMs: null },
      { id: 2, setting: 'adsByAge', to: 'off', atMs: now - 60_000, undoneAtMs: null },
      { id: 3, setting: 'adsBeyondLinkedIn', to: 'off', atMs: now - 50_000, undoneAtMs: null },
    ],
    undo: null,
    dismissed: { aiTraining: { reading: 'on', atMs: now - 85_000 } },
    popupSinceMs: now - 100_000,
  };
}

/** Where each first-screen part of the popup ends (CSS px from the top), and the page's widths. */
function popupLayout(popup) {
  return popup.evaluate(() => {
    const bottom = (sel) => document.querySelector(sel)?.getBoundingClientRect().bottom ?? null;
    return {
      main: bottom('#open'), progress: bottom('#checkup-progress'), start: bottom('#start-checkup'),
      latestUndo: bottom('#history-latest [data-action="undo"]'), goodToKnow: bottom('details.caveats > summary'),
      earlier: document.getElementById('history-earlier').children.length,
      openDetails: document.querySelectorAll('details[open]').length,
      scrollWidth: document.documentElement.scrollWidth, innerWidth,
    };
  });
}

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
      const report = await waitFor('the details shown', () => reportField(page));
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

    it('a wording that changes while the page is open is said at once, and unsaid when it comes back', async () => {
      const c = await context();
      await resetMemory(c);
      const { page } = await open(c, SETTING_URL, { config: { state: 'on' } });
      await waitForBanner(page, 'on');
      assert.equal(count(await bannerText(page), 'LinkedIn has changed the wording'), 0);
      const relabel = (text) => page.evaluate((t) => { document.getElementById('allowDataForGenerativeAI').textContent = t; }, text);
      await relabel(NEW_WORDS);
      await waitFor('the note, before any click', async () => (await bannerText(page)).includes(`“${NEW_WORDS}”`));
      assert.deepEqual(await bannerActions(page), ['switch-off', 'dismiss'], 'still offered, still on');
      await relabel('Second new words');
      await waitFor('the note follows the page', async () => (await bannerText(page)).includes('“Second new words”'));
      assert.ok(!(await bannerText(page)).includes(NEW_WORDS), 'the earlier label is not quoted any more');
      await relabel('Use my data for training content creation AI models');
      await waitFor('the note withdrawn', async () => !(await bannerText(page)).includes('LinkedIn has changed the wording'));
      await page.close();
    });

    it('the details belong to the verdict they were made for: a new reason takes them away', async () => {
      const c = await context();
      const { page } = await open(c, SETTING_URL, { config: { state: 'on', extraSwitches: 1 } });
      await waitForBanner(page, 'unknown');
      await pressBannerButton(page, 'copy-report');
      await waitFor('the details shown', async () => (await reportField(page)) !== null);
      // Both switches leave: still unknown, now for another reason.
      await page.evaluate(() => document.querySelectorAll('[data-fixture-switch]').forEach((s) => s.closest('.row').remove()));
      await waitFor('the new reason', async () => (await bannerText(page)).includes('could not find'), 15_000);
      assert.equal(await reportField(page), null, 'no details of the earlier verdict');
      assert.ok(!(await bannerText(page)).includes('Copied to your clipboard'));
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
      const report = await waitFor('the details shown', () => reportField(page));
      assert.match(report, /^shown: failed; clicks by Opt-Out Guard on this visit: 1$/m);
      assert.match(report, /taken: the one switch/);
      await page.close();
    });

    for (const [locale, colorScheme] of [[null, 'light'], [null, 'dark'], ['de', 'light'], ['de', 'dark']]) {
      it(`the popup's first screen fits in 400 × 600 px (${locale ?? 'en'}, ${colorScheme}): the AI setting, the checkup's line, the latest change`, async () => {
        const c = await start({ testHooks: true, locale, colorScheme });
        const now = Date.now();
        await testHook(c, 'storageSet', { area: 'local', items: { memory: fullMemory(now) } });
        const popup = await openPopup(c);
        await setViewport(popup, { width: 400, height: 600 });
        await readPopup(popup);
        const got = await popupLayout(popup);
        // What the person needs first; "Good to know" and the footer may follow below the fold in
        // this longest state.
        for (const part of ['main', 'progress', 'start', 'latestUndo']) {
          assert.ok(got[part] !== null && got[part] <= 600, `${part} ends at ${got[part]} px: ${JSON.stringify(got)}`);
        }
        assert.equal(got.openDetails, 0, 'the lists start closed');
        assert.equal(got.earlier, 2, 'the two earlier changes wait under "Earlier changes"');
        assert.ok(got.scrollWidth <= got.innerWidth, `no horizontal scroll: ${got.scrollWidth} > ${got.innerWidth}`);
        if (!locale) {
          assert.equal(await popup.$eval('#checkup-progress', (e) => e.textContent), 'Known off: 3 of 11 · On: 1 · To check: 7');
        }
        const shots = join(ROOT, 'demo');
        mkdirSync(shots, { recursive: true });
        await popup.screenshot({ path: join(shots, `${name}-popup-600-${locale ?? 'en'}-${colorScheme}.png`) });
        // The checkup's list opens on demand, every switch in it.
        await popup.click('#checkup-all > summary');
        const rows = await popup.$$eval('#checkup li', (lis) => lis.filter((li) => li.getBoundingClientRect().height > 0).length);
        assert.equal(rows, 11);
        await popup.close();
      });
    }

    it(name === 'firefox'
      ? 'Global Privacy Control on: the checkup says so beside "Data sharing" only, hedged; off: nothing'
      : 'no Global Privacy Control in Chromium: nothing is said of it', async () => {
      const note = 'Your browser sends Global Privacy Control';
      const rowsSaying = async (c) => {
        const popup = await openPopup(c);
        await readPopup(popup);
        const rows = await popup.$$eval('#popup li[data-setting], #main', (els) => els.map((e) => [e.dataset.setting ?? 'main', e.textContent]));
        await popup.close();
        return rows.filter(([, text]) => text.includes(note)).map(([id]) => id);
      };
      assert.deepEqual(await rowsSaying(await context()), [], 'not sent: not said');
      if (name !== 'firefox') return;
      const gpc = await start({ testHooks: true, prefs: { 'privacy.globalprivacycontrol.enabled': true } });
      assert.deepEqual(await rowsSaying(gpc), ['partnerSharing']);
      const popup = await openPopup(gpc);
      await readPopup(popup);
      const text = await popup.$eval('#checkup li[data-setting="partnerSharing"]', (e) => e.textContent);
      assert.match(text, /in the US this signal opts members out of “Data sharing”, which is probably this switch: check it to confirm/);
      assert.equal(await popup.$eval('#checkup li[data-setting="partnerSharing"]', (e) => e.dataset.state), 'notChecked', 'not a reading: still to check');
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
