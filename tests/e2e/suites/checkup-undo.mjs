// The privacy checkup, memory and undo, end to end in real Chromium and Firefox (test-hook builds): the privacy checkup on
// catalog pages besides the AI one, undo from the popup's history, the stale badge with a moved
// clock and the options page, schema migration, and memory that survives a browser restart.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  closeTabsShowing, SETTING_URL, after, bannerActions, bannerText, before, describe, it, launch, openFixture, openOptions, openPopup, pollPage,
  pressBannerButton, sleep, storedMemory, testHook, waitFor, waitForBanner,
} from '../harness/index.mjs';

const BASE = 'https://www.linkedin.com/mypreferences/d/';
const DAY_MS = 86_400_000;
/** Catalog pages besides the AI one: path, setting id, our English title (en messages.json). */
const CHECKUP = [
  ['settings/policy-and-academic-research', 'research', 'Social, economic, and workplace research'],
  ['settings/ads-by-age', 'adsByAge', 'Ads by age range'],
  ['interest-categories', 'interests', 'Interests and traits'],
  ['settings/linkedin-promotions', 'marketing', 'LinkedIn promotions'],
];
/** A navigation the user asked for (the popup opening LinkedIn in a new tab) reaches the proxy as this. */
const USER_NAVIGATION = 'CONNECT www.linkedin.com:443';

const memory = storedMemory;
const fixture = (page) => page.evaluate(() => ({ ...window.__fixture, cfg: undefined, checked: document.querySelector('[data-fixture-switch="0"]')?.checked }));

/** Switches a setting off through the banner on its fixture page and waits for the verified read. */
async function switchOff(ctx, url, config = {}) {
  const { page, violations } = await openFixture(ctx, url, { config: { state: 'on', ...config } });
  await waitForBanner(page, 'on');
  await pressBannerButton(page, 'switch-off');
  await waitForBanner(page, 'verified');
  return { page, violations };
}

/** The popup's rows: {main: state, rows: {id: state}, history: [{setting, undoable, text}]}. */
async function readPopupModel(popup) {
  await pollPage(popup, () => document.getElementById('popup')?.dataset.state !== 'loading', null);
  return popup.evaluate(() => ({
    main: document.getElementById('popup').dataset.state,
    headline: document.getElementById('headline').textContent,
    rows: Object.fromEntries([...document.querySelectorAll('#checkup li')].map((li) => [li.dataset.setting, li.dataset.state])),
    history: [...document.querySelectorAll('#history li')].map((li) => ({
      setting: li.dataset.setting, undoable: !!li.querySelector('[data-action="undo"]'), text: li.textContent,
    })),
    caveats: document.getElementById('caveats').textContent,
  }));
}

/** Defines this suite for browser `name` (`chromium` or `firefox`). */
export function checkupUndoSuite(name) {
  describe(`memory, checkup and undo in ${name}`, () => {
    let ctx;
    const violations = [];

    before(async () => {
      ctx = await launch(name, { testHooks: true });
    });
    after(async () => {
      await ctx?.browser.close();
      const requests = (ctx?.networkRequests() ?? []).filter((r) => r !== USER_NAVIGATION);
      assert.deepEqual(requests, [], 'requests that reached the network, from any context');
      assert.deepEqual(violations, [], 'requests outside the fixture host');
    });

    it('privacy checkup: three settings besides the AI one, each with the same banner and one click; the two-switch page by key', async () => {
      for (const [path, id, title] of CHECKUP) {
        const { page, violations: v } = await openFixture(ctx, BASE + path, { config: { state: 'on' } });
        violations.push(...v);
        await waitForBanner(page, 'on');
        assert.ok((await bannerText(page)).includes(title), `${id}: the banner names the setting`);
        await pressBannerButton(page, 'switch-off');
        await waitForBanner(page, 'verified');
        const f = await fixture(page);
        assert.equal(f.checked, false, `${id}: LinkedIn's switch is off`);
        assert.deepEqual([f.clicks, f.saves, f.decoyClicks], [1, 1, 0], `${id}: one click on the right switch only`);
        if (id === 'marketing') {
          const other = await page.evaluate(() => document.querySelector('[data-second-switch]').checked);
          assert.equal(other, true, 'the email-tips switch on the same page is untouched');
        }
        await page.close();
      }
      const m = await waitFor('four remembered settings', async () => {
        const mem = await memory(ctx);
        return CHECKUP.every(([, id]) => mem?.settings?.[id]?.state === 'off') && mem;
      });
      assert.equal(m.version, 3);
      assert.deepEqual(m.history.map((c) => [c.setting, c.to]), CHECKUP.map(([, id]) => [id, 'off']));
      for (const [, id] of CHECKUP) assert.equal(m.settings[id].verifiedByUs, true, id);

      const popup = await openPopup(ctx);
      const shown = await readPopupModel(popup);
      assert.equal(shown.main, 'notChecked', 'the AI setting stays first and is not mixed up with the others');
      for (const [, id] of CHECKUP) assert.equal(shown.rows[id], 'off', `${id} row`);
      assert.equal(shown.rows.partnerSharing, 'notChecked');
      assert.equal(shown.history.length, 4);
      assert.equal(shown.history[0].setting, 'marketing', 'newest first');
      assert.ok(shown.history.every((h) => h.undoable));
      assert.match(shown.caveats, /does not undo training/);
      assert.match(shown.caveats, /objection form/);
      await popup.close();
    });

    it('undo: the popup opens the page, the banner offers to switch it back on, verified, and the history says so', async () => {
      const popup = await openPopup(ctx);
      await readPopupModel(popup);
      await popup.evaluate(() => document.querySelector('#history li[data-setting="research"] [data-action="undo"]').click());
      const m1 = await waitFor('the undo request', async () => (await memory(ctx))?.undo);
      assert.equal(m1.setting, 'research');
      // The popup took the user to the setting's page (in a new tab, as the popup's own tab is not LinkedIn).
      const target = `${BASE}settings/policy-and-academic-research`;
      assert.equal(await closeTabsShowing(ctx, target), 1);
      await popup.close().catch(() => {});

      const { page, violations: v } = await openFixture(ctx, `${BASE}settings/policy-and-academic-research`, { config: { state: 'off' } });
      violations.push(...v);
      await waitForBanner(page, 'off');
      assert.deepEqual(await bannerActions(page), ['switch-on', 'dismiss'], 'offers to switch back on, never to switch off');
      assert.match(await bannerText(page), /You asked to switch/);
      assert.deepEqual((await fixture(page)).clicks, 0, 'nothing clicked before the user asks');
      await pressBannerButton(page, 'switch-on');
      await waitForBanner(page, 'verified');
      assert.match(await bannerText(page), /is on again/);
      const f = await fixture(page);
      assert.equal(f.checked, true, "LinkedIn's switch is on again");
      assert.equal(f.clicks, 1);
      const m2 = await waitFor('the undo recorded', async () => {
        const mem = await memory(ctx);
        return mem?.settings?.research?.state === 'on' && mem.undo === null && mem;
      });
      const research = m2.history.filter((c) => c.setting === 'research');
      assert.equal(research.length, 2);
      assert.equal(typeof research[0].undoneAtMs, 'number', 'the switch-off is marked undone');
      assert.equal(research[1].to, 'on');
      await page.close();

      // A later visit does not offer the undo again: the request was used.
      const again = await openFixture(ctx, `${BASE}settings/policy-and-academic-research`, { config: { state: 'off' } });
      violations.push(...again.violations);
      await waitForBanner(again.page, 'off');
      assert.deepEqual(await bannerActions(again.page), ['dismiss']);
      await again.page.close();

      const shown = await readPopupModel(await openPopup(ctx));
      const row = shown.history.find((h) => h.setting === 'research' && !h.undoable && /back on/.test(h.text));
      assert.ok(row, 'the history lists the switch back on');
    });

    it('an undo request is offered once, and never from a stale copy after it was withdrawn', async () => {
      const now = Date.now();
      const path = 'settings/ads-by-gender';
      const withUndo = {
        version: 3,
        settings: { adsByGender: { state: 'off', seenAtMs: now, verifiedByUs: true } },
        history: [{ id: 1, setting: 'adsByGender', to: 'off', atMs: now, undoneAtMs: null }],
        undo: { change: 1, setting: 'adsByGender', requestedAtMs: now },
      };
      await testHook(ctx, 'storageSet', { area: 'local', items: { memory: withUndo } });
      const { page, violations: v } = await openFixture(ctx, BASE + path, { config: { state: 'off' } });
      violations.push(...v);
      await waitForBanner(page, 'off');
      assert.deepEqual(await bannerActions(page), ['switch-on', 'dismiss']);
      await waitFor('the request used up', async () => (await memory(ctx))?.undo === null);
      await page.reload();
      await waitForBanner(page, 'off');
      assert.deepEqual(await bannerActions(page), ['dismiss'], 'a reload shows the plain banner');

      // A tab that started while a request was pending, then the request was withdrawn elsewhere.
      await testHook(ctx, 'storageSet', { area: 'local', items: { memory: { ...withUndo, undo: { ...withUndo.undo, requestedAtMs: Date.now() } } } });
      const other = await openFixture(ctx, `${BASE}categories/privacy`, { config: { state: 'off' } });
      violations.push(...other.violations);
      await sleep(500);
      await testHook(ctx, 'storageSet', { area: 'local', items: { memory: { ...withUndo, undo: null } } });
      await sleep(300);
      await other.page.evaluate((p) => window.__navigate(p), `/mypreferences/d/${path}`);
      await waitForBanner(other.page, 'off');
      assert.deepEqual(await bannerActions(other.page), ['dismiss'], 'no undo offered from the stale copy');
      assert.equal((await fixture(other.page)).clicks, 0);
      await page.close();
      await other.page.close();
    });

    it('a remembered state goes stale after the re-check period: badge and popup say so; the options page changes the period', async () => {
      const { page, violations: v } = await switchOff(ctx, SETTING_URL);
      violations.push(...v);
      await page.close();
      await waitFor('the OFF badge', async () => (await testHook(ctx, 'badge'))?.text === 'OFF');
      const alarm = await testHook(ctx, 'alarm');
      assert.equal(alarm?.name, 'recheck');
      assert.equal(alarm?.periodInMinutes, 60);
      // The one-shot alarm for the moment the reading turns old: 30 days from now (± a day).
      const staleAlarm = await waitFor('the stale alarm', () => testHook(ctx, 'alarm', { name: 'stale' }));
      assert.ok(Math.abs(staleAlarm.scheduledTime - (Date.now() + 30 * DAY_MS)) < DAY_MS, `scheduled at ${new Date(staleAlarm.scheduledTime).toISOString()}`);

      await testHook(ctx, 'clock', { offsetMs: 31 * DAY_MS });
      const stale = await waitFor('the stale badge', async () => {
        const b = await testHook(ctx, 'badge');
        return b?.text === 'OLD' && b;
      });
      assert.match(stale.title, /was off when last checked, on .*2\d\d\d/);
      const popup = await openPopup(ctx);
      const shown = await readPopupModel(popup);
      assert.equal(shown.main, 'stale');
      assert.match(shown.headline, /Was off when last checked: check again/);
      await popup.close();

      const options = await openOptions(ctx);
      await pollPage(options, () => document.getElementById('options-page')?.dataset.ready === 'true', null);
      assert.equal(await options.evaluate(() => document.getElementById('recheck-days').value), '30');
      const submit = (value) => options.evaluate((v) => {
        const input = document.getElementById('recheck-days');
        input.value = v;
        document.getElementById('save').click();
      }, value);
      await submit('0');
      await pollPage(options, () => document.getElementById('status').dataset.kind === 'error', null);
      assert.equal(await options.evaluate(() => document.getElementById('recheck-days').getAttribute('aria-invalid')), 'true');
      assert.equal((await testHook(ctx, 'storageGet', { area: 'local', keys: ['options'] })).options, undefined, 'nothing saved');
      await submit('60');
      await pollPage(options, () => document.getElementById('status').dataset.kind === 'ok', null);
      assert.deepEqual((await testHook(ctx, 'storageGet', { area: 'local', keys: ['options'] })).options, { recheckDays: 60 });
      await waitFor('the OFF badge again', async () => (await testHook(ctx, 'badge'))?.text === 'OFF');
      await options.close();
      await testHook(ctx, 'clock', { offsetMs: 0 });
    });

    it('a memory of the first schema (v1) is migrated, with its verified change in the history', async () => {
      const v1 = { version: 1, aiTraining: { state: 'off', seenAtMs: Date.now() - 3 * DAY_MS, verifiedByUs: true } };
      await testHook(ctx, 'storageSet', { area: 'local', items: { memory: v1 } });
      const shown = await readPopupModel(await openPopup(ctx));
      assert.equal(shown.main, 'off');
      assert.equal(shown.history.length, 1);
      assert.ok(shown.history[0].undoable);
      const m = await waitFor('the migrated memory', async () => {
        const mem = await memory(ctx);
        return mem?.version === 3 && mem;
      });
      assert.equal(m.settings.aiTraining.state, 'off');
    });

    it('a memory of schema v2 is migrated to v3: its one pending change becomes its setting\'s, the rest is kept', async () => {
      const now = Date.now();
      const v2 = {
        version: 2,
        settings: { aiTraining: { state: 'off', seenAtMs: now - DAY_MS, verifiedByUs: true } },
        history: [{ id: 1, setting: 'aiTraining', to: 'off', atMs: now - DAY_MS, undoneAtMs: null }],
        undo: null,
        pending: { setting: 'research', to: 'off', pressedAtMs: now - 60_000 },
      };
      await testHook(ctx, 'storageSet', { area: 'local', items: { memory: v2 } });
      const m = await waitFor('the migrated memory', async () => {
        const mem = await memory(ctx);
        return mem?.version === 3 && mem;
      });
      assert.deepEqual(m.pending, { research: { setting: 'research', to: 'off', pressedAtMs: now - 60_000 } });
      assert.deepEqual([m.settings.aiTraining.state, m.history.length], ['off', 1]);
      const shown = await readPopupModel(await openPopup(ctx));
      assert.equal(shown.main, 'off');
      assert.ok(shown.history[0].undoable, 'the change of another setting stays undoable');
    });
  });

  describe(`memory across a browser restart in ${name}`, () => {
    let profile;
    before(() => {
      profile = mkdtempSync(join(tmpdir(), `optout-guard-profile-${name}-`));
    });
    after(() => rmSync(profile, { recursive: true, force: true }));

    it('the remembered state and history survive closing and reopening the browser (persistent profile)', async () => {
      const first = await launch(name, { testHooks: true, userDataDir: profile });
      try {
        const { page } = await switchOff(first, SETTING_URL);
        await page.close();
        await waitFor('the memory written', async () => (await memory(first))?.settings?.aiTraining?.state === 'off');
      } finally {
        await first.browser.close();
      }
      const second = await launch(name, { testHooks: true, userDataDir: profile });
      try {
        const m = await memory(second);
        assert.equal(m?.settings?.aiTraining?.state, 'off');
        assert.equal(m.history.length, 1);
        await waitFor('the OFF badge after restart', async () => (await testHook(second, 'badge'))?.text === 'OFF');
        const shown = await readPopupModel(await openPopup(second));
        assert.equal(shown.main, 'off');
        assert.equal(shown.history.length, 1);
      } finally {
        await second.browser.close();
      }
    });
  });
}
