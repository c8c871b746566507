// ChatGPT (issue 14), end to end in real Chromium and Firefox on the granted test build
// (dist-granted), whose manifest
// lists chatgpt.com as granted (the state after the person enabled it in the popup): the
// background registers the content script for ChatGPT's settings, and the banner follows the
// same contract as on LinkedIn: read from the Data controls row while the dialog is closed, inside
// the dialog that holds the switch once it is open.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CHATGPT_CHAT_URL, CHATGPT_SETTING_URL, after, bannerActions, bannerState, bannerText, before, closeTabsShowing, describe, it, launch,
  openFixture, openPopup, pressBannerButton, pressUntilFailed, recordBannerStates, sleep, storedMemory, testHook, waitFor, waitForBanner,
} from '../harness/index.mjs';

/** The popup's ChatGPT row: {state, text, action} (null without one). */
/**
 * Polls `fn` in the popup (every 50 ms, through reloads) until it returns a truthy value, which it
 * resolves to. Not waitForFunction: Firefox's extension pages refuse the `Function()` it polls with
 * once the condition is not met at once (their CSP).
 */
const inPopup = (popup, what, fn, timeout = 10_000) => waitFor(what, () => popup.evaluate(fn).catch(() => null), timeout);
const siteRow = (popup) => inPopup(popup, 'the ChatGPT row', () => document.querySelector('#sites li[data-site="ChatGPT"]') !== null)
  .then(() => popup.evaluate(() => {
    const li = document.querySelector('#sites li[data-site="ChatGPT"]');
    return { state: li.dataset.state, text: li.textContent.replace(/\s+/g, ' ').trim(), action: li.querySelector(':scope > button')?.dataset.action ?? null };
  }));
const HOST = 'https://chatgpt.com/*';
const registered = (ctx) => testHook(ctx, 'registeredScripts');

/**
 * In the popup, turns ChatGPT off: opens the row's disclosure, ticks "also forget" when `forget`,
 * and presses the button. Resolves once the popup reloaded with the row not enabled, or (where
 * the browser keeps the permission) once its alert shows; to {failed, alert}.
 */
async function turnOffInPopup(popup, forget) {
  await inPopup(popup, 'the disclosure', () => document.querySelector('#sites details.disable-site > summary') !== null);
  await popup.click('#sites details.disable-site > summary');
  if (forget) await popup.click('#sites input[data-action="forget-site"]');
  await popup.click('#sites button[data-action="disable-site"]');
  return inPopup(popup, 'the outcome', () => {
    const alert = document.querySelector('#sites details.disable-site [role=alert]');
    if (alert && !alert.hidden) return { failed: true, alert: alert.textContent };
    return document.querySelector('#sites button[data-action="enable-site"]') ? { failed: false, alert: null } : null;
  });
}

/** The fixture's counts and its switch's state (null without a switch). */
const fixture = (page) => page.evaluate(() => ({
  rowClicks: window.__fixture.rowClicks,
  clicks: window.__fixture.clicks,
  saves: window.__fixture.saves,
  decoyClicks: window.__fixture.decoyClicks,
  checked: document.querySelector('button[role=switch]')?.getAttribute('aria-checked') ?? null,
}));

/** Defines this suite for browser `name` (`chromium` or `firefox`). */
export function chatgptSuite(name) {
  describe(`ChatGPT in ${name}`, () => {
    let ctx;
    const opened = [];
    const open = async (url, config = {}) => {
      const o = await openFixture(ctx, url, { config });
      opened.push(o);
      return o;
    };

    before(async () => {
      // Firefox grants an optional host permission without its prompt with this preference (the
      // click that asks is still needed); Chromium's prompt cannot be answered by the driver.
      ctx = await launch(name, { testHooks: true, granted: true, prefs: { 'extensions.webextOptionalPermissionPrompts': false } });
    });
    after(async () => {
      const violations = opened.flatMap((o) => o.violations);
      await ctx?.browser.close();
      // The one request allowed: the tab the popup opened on the person's click loads chatgpt.com
      // itself (no fixture serves a tab the extension opens).
      const requests = (ctx?.networkRequests() ?? []).filter((r) => r !== 'CONNECT chatgpt.com:443');
      assert.deepEqual(requests, [], 'requests that reached the network, from any context');
      assert.deepEqual(violations, [], 'requests outside the fixture hosts');
    });

    it('the granted site gets its content script registered, for its settings only', async () => {
      const scripts = await waitFor('the registration', async () => {
        const s = await testHook(ctx, 'registeredScripts');
        return s.length ? s : null;
      }, 5_000);
      assert.deepEqual(scripts, [{ id: 'site:https://chatgpt.com', matches: ['https://chatgpt.com/settings/*'] }]);
    });

    it('on, in its dialog: warns inside the dialog, switches off in one click, verifies', async () => {
      const { page } = await open(CHATGPT_SETTING_URL, { state: 'on', dialogOpen: true });
      await waitForBanner(page, 'on');
      assert.equal(await page.evaluate(() => !!document.querySelector('[role=dialog].inner [data-optout-guard="banner"]')), true, 'the banner is in the dialog');
      assert.match(await bannerText(page), /Improve the model for everyone/);
      assert.deepEqual(await fixture(page), { rowClicks: 0, clicks: 0, saves: 0, decoyClicks: 0, checked: 'true' }, 'nothing clicked before the person asks');
      await recordBannerStates(page);
      // A real click where the button is: the page's modal leaves everything outside its dialogs unclickable.
      await pressBannerButton(page, 'switch-off');
      await waitForBanner(page, 'verified');
      assert.deepEqual(await fixture(page), { rowClicks: 0, clicks: 1, saves: 1, decoyClicks: 0, checked: 'false' }, 'the open dialog is not opened again');
      assert.deepEqual(await page.evaluate(() => window.__bannerStates), ['on', 'switching', 'verified']);
      assert.match(await bannerText(page), /ChatGPT/);
      await page.close();
    });

    it('off: says so and touches nothing', async () => {
      const { page } = await open(CHATGPT_SETTING_URL, { state: 'off', dialogOpen: true });
      await waitForBanner(page, 'off');
      assert.deepEqual(await bannerActions(page), ['dismiss']);
      assert.match(await bannerText(page), /ChatGPT shows this switch as off/);
      await sleep(500);
      assert.deepEqual(await fixture(page), { rowClicks: 0, clicks: 0, saves: 0, decoyClicks: 0, checked: 'false' });
      await page.close();
    });

    it('the dialog closed: the row reads on; one click opens the dialog, switches off, verifies; closing the dialog keeps it verified', async () => {
      const { page } = await open(CHATGPT_SETTING_URL, { state: 'on' });
      await waitForBanner(page, 'on');
      assert.match(await bannerText(page), /Improve the model for everyone/);
      assert.deepEqual(await bannerActions(page), ['switch-off', 'dismiss']);
      await sleep(500);
      assert.deepEqual(await fixture(page), { rowClicks: 0, clicks: 0, saves: 0, decoyClicks: 0, checked: null }, 'reading opened nothing');
      await recordBannerStates(page);
      await pressBannerButton(page, 'switch-off');
      await waitForBanner(page, 'verified');
      assert.deepEqual(await fixture(page), { rowClicks: 1, clicks: 1, saves: 1, decoyClicks: 0, checked: 'false' }, 'the row once, the switch once');
      assert.deepEqual(await page.evaluate(() => window.__bannerStates), ['on', 'switching', 'verified']);
      assert.equal(await page.evaluate(() => !!document.querySelector('[role=dialog].inner [data-optout-guard="banner"]')), true, 'the banner moved into the dialog');
      // The person closes the dialog: the switch is unmounted, the row reads off; still verified.
      await page.click('[role=dialog].inner button.done');
      await sleep(1_500);
      assert.equal(await page.evaluate(() => document.querySelector('[data-testid="improve-model-open-modal-button"]').textContent), 'Off');
      assert.equal(await bannerState(page), 'verified');
      assert.equal(await page.evaluate(() => window.__bannerStates.at(-1)), 'verified');
      const memory = await waitFor('the reading remembered', async () => ((await storedMemory(ctx))?.settings?.improveModel?.state === 'off' ? storedMemory(ctx) : null), 5_000);
      assert.equal(memory.settings.improveModel.verifiedByUs, true);
      await page.close();
    });

    it('a page whose row cannot be read (German): unknown with the manual path and Check the setting; the check opens the dialog and reads on, clicks nothing; then one click off', async () => {
      const { page } = await open(CHATGPT_SETTING_URL, { state: 'on', lang: 'de' });
      await waitForBanner(page, 'unknown');
      assert.match(await bannerText(page), /Profile › Settings › Data controls › Improve the model for everyone/);
      assert.match(await bannerText(page), /ChatGPT does not show this setting’s state here/);
      assert.deepEqual(await bannerActions(page), ['check', 'copy-report', 'dismiss']);
      assert.deepEqual(await fixture(page), { rowClicks: 0, clicks: 0, saves: 0, decoyClicks: 0, checked: null });
      await pressBannerButton(page, 'check');
      await waitForBanner(page, 'on');
      assert.deepEqual(await fixture(page), { rowClicks: 1, clicks: 0, saves: 0, decoyClicks: 0, checked: 'true' }, 'the check opened the dialog and changed nothing');
      await pressBannerButton(page, 'switch-off');
      await waitForBanner(page, 'verified');
      assert.deepEqual(await fixture(page), { rowClicks: 1, clicks: 1, saves: 1, decoyClicks: 0, checked: 'false' });
      await page.close();
    });

    it('the row opens nothing: the press ends unknown and stays so, in reach, saying the row was opened and nothing changed', async () => {
      const { page } = await open(CHATGPT_SETTING_URL, { state: 'on', rowDead: true });
      await waitForBanner(page, 'on');
      await pressBannerButton(page, 'switch-off');
      await waitForBanner(page, 'unknown');
      await sleep(2_500);
      assert.equal(await bannerState(page), 'unknown', 'the row is not read again');
      assert.deepEqual(await bannerActions(page), ['copy-report', 'dismiss'], 'no second press, no check');
      const text = await bannerText(page);
      assert.match(text, /ChatGPT showed no switch after Opt-Out Guard opened the row that holds it/);
      assert.match(text, /opened the setting’s row, but changed nothing/);
      assert.doesNotMatch(text, /Nothing was clicked/);
      assert.deepEqual(await fixture(page), { rowClicks: 1, clicks: 0, saves: 0, decoyClicks: 0, checked: null });
      assert.equal(await page.evaluate(() => !!document.querySelector('[role=dialog] [data-optout-guard="banner"]')), true, 'in the settings dialog, where it can be reached');
      await page.close();
    });

    it('two rows: unknown, the banner in the settings dialog (reachable), nothing clicked', async () => {
      const { page } = await open(CHATGPT_SETTING_URL, { state: 'on', twoRows: true });
      await waitForBanner(page, 'unknown');
      assert.equal(await page.evaluate(() => !!document.querySelector('[role=dialog] [data-optout-guard="banner"]')), true);
      // What a real click at the banner's Dismiss reaches is the banner.
      const hit = await page.evaluate(() => {
        const host = document.querySelector('[data-optout-guard="banner"]');
        const r = host.shadowRoot.querySelector('button[data-action="dismiss"]').getBoundingClientRect();
        return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === host;
      });
      assert.equal(hit, true, 'not under the overlay');
      assert.deepEqual(await fixture(page), { rowClicks: 0, clicks: 0, saves: 0, decoyClicks: 0, checked: null });
      await page.close();
    });

    it('a save ChatGPT rejects ends failed, never verified', async () => {
      const { page } = await open(CHATGPT_SETTING_URL, { state: 'on', dialogOpen: true, reject: true, saveDelayMs: 400 });
      await waitForBanner(page, 'on');
      const states = await pressUntilFailed(page);
      assert.ok(!states.includes('verified'), `states: ${states}`);
      assert.deepEqual(await fixture(page), { rowClicks: 0, clicks: 1, saves: 1, decoyClicks: 0, checked: 'true' });
      await page.close();
    });

    for (const [what, config] of [
      ['two switches with the test id', { twoSwitches: true }],
      ['the signed-out page', { signedOut: true }],
    ]) {
      it(`${what}: unknown, nothing clicked`, async () => {
        const { page } = await open(CHATGPT_SETTING_URL, { state: 'on', dialogOpen: true, ...config });
        await waitForBanner(page, 'unknown');
        await sleep(500);
        const f = await fixture(page);
        assert.deepEqual([f.clicks, f.saves, f.decoyClicks], [0, 0, 0]);
        assert.equal(await bannerState(page), 'unknown');
        assert.ok(!(await bannerActions(page)).includes('check'), 'no check where no row can be read');
        await page.close();
      });
    }

    it('a chat has no banner; entering the settings in-app brings the banner', async () => {
      const { page } = await open(CHATGPT_CHAT_URL, {});
      await sleep(1_500);
      assert.equal(await bannerState(page), null, 'no banner in a chat');
      await page.click('#to-settings');
      await waitForBanner(page, 'on');
      assert.equal((await fixture(page)).rowClicks, 0);
      await page.close();
    });

    it('the popup lists ChatGPT with its state, and opens its setting in a new tab', async () => {
      const popup = await openPopup(ctx);
      const row = await siteRow(popup);
      assert.equal(row.action, 'open-site', JSON.stringify(row));
      assert.match(row.text, /ChatGPT: Improve the model for everyone/);
      // The last reading (the in-app test above, from the row) was on: the banner there offers
      // the one click (it opens the dialog itself).
      assert.equal(row.state, 'on', JSON.stringify(row));
      assert.match(row.text, /Open the setting: a banner there switches it off in one click\./);
      await popup.click('#sites button[data-action="open-site"]');
      assert.equal(await closeTabsShowing(ctx, CHATGPT_SETTING_URL), 1, 'one new tab on the setting');
      if (!popup.isClosed()) await popup.close();
    });

    it('the toolbar badge summarises LinkedIn and ChatGPT without counting, its title naming each site\'s state', async () => {
      const base = await waitFor('ChatGPT remembered', async () => {
        const m = await storedMemory(ctx);
        return m?.settings?.improveModel && m;
      }, 5_000);
      const at = base.settings.improveModel.seenAtMs;
      const reading = (state) => ({ state, seenAtMs: at, verifiedByUs: false });
      const cases = [
        [{ improveModel: reading('off') }, '?', /LinkedIn: Not checked yet; ChatGPT: Off/],
        [{ aiTraining: reading('off'), improveModel: reading('off') }, 'OFF', /LinkedIn: Off; ChatGPT: Off/],
        [{ aiTraining: reading('off'), improveModel: reading('on') }, 'ON', /LinkedIn: Off; ChatGPT: On/],
      ];
      for (const [settings, text, title] of cases) {
        const others = Object.fromEntries(Object.entries(base.settings).filter(([id]) => id !== 'aiTraining' && id !== 'improveModel'));
        await testHook(ctx, 'storageSet', { area: 'local', items: { memory: { ...base, settings: { ...others, ...settings } } } });
        const badge = await waitFor(`the badge ${text}`, async () => {
          const b = await testHook(ctx, 'badge');
          return b?.text === text && title.test(b.title) ? b : null;
        }, 5_000);
        assert.doesNotMatch(badge.title, /\d+ (sites|of)/, 'no count');
      }
      // Back to what the suite had stored.
      await testHook(ctx, 'storageSet', { area: 'local', items: { memory: base } });
    });

    if (name === 'chromium') {
      it('on the release build, ChatGPT is not enabled at install: the popup offers to enable it, nothing is registered', async () => {
        // Its own launch: the release build (no test hooks, chatgpt.com optional as in the store package).
        const release = await launch(name);
        try {
          const popup = await openPopup(release);
          const row = await siteRow(popup);
          assert.deepEqual([row.state, row.action], ['notEnabled', 'enable-site']);
          assert.match(row.text, /Enable ChatGPT/);
          const sw = release.browser.targets().find((t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${release.extensionId}/`));
          const worker = await sw.worker();
          assert.deepEqual(await worker.evaluate(() => chrome.scripting.getRegisteredContentScripts()), []);
          assert.equal(await worker.evaluate(() => chrome.permissions.contains({ origins: ['https://chatgpt.com/*'] })), false);
        } finally {
          await release.browser.close();
        }
      });
    }

    if (name === 'firefox') {
      it('the person removes ChatGPT, then enables it again from the popup: unregistered, asked for, registered, and it works', async () => {
        await testHook(ctx, 'removeHosts', { origins: [HOST] });
        await waitFor('the unregistration', async () => (await registered(ctx)).length === 0, 5_000);
        const popup = await openPopup(ctx);
        const row = await siteRow(popup);
        assert.deepEqual([row.state, row.action], ['notEnabled', 'enable-site']);
        assert.match(row.text, /Not enabled.*only when you choose it here/);
        // The real request, from a real click in the popup (a user gesture).
        await popup.click('#sites button[data-action="enable-site"]');
        await waitFor('the registration', async () => (await registered(ctx)).length === 1, 5_000);
        assert.deepEqual(await registered(ctx), [{ id: 'site:https://chatgpt.com', matches: ['https://chatgpt.com/settings/*'] }]);
        // The popup reloads itself once granted, and offers the setting.
        await inPopup(popup, 'the open button', () => document.querySelector('#sites button[data-action="open-site"]') !== null);
        if (!popup.isClosed()) await popup.close();
        const { page } = await open(CHATGPT_SETTING_URL, { state: 'on', dialogOpen: true });
        await waitForBanner(page, 'on');
        await pressBannerButton(page, 'switch-off');
        await waitForBanner(page, 'verified');
        assert.deepEqual(await fixture(page), { rowClicks: 0, clicks: 1, saves: 1, decoyClicks: 0, checked: 'false' });
        await page.close();
      });

      it('the person turns ChatGPT off in the popup: unregistered; its memory kept, or forgotten when ticked, LinkedIn\'s kept either way', async () => {
        await waitFor('ChatGPT remembered', async () => (await storedMemory(ctx))?.settings?.improveModel?.state === 'off', 5_000);
        // Something of LinkedIn's to keep.
        const linkedin = { state: 'off', seenAtMs: Date.now(), verifiedByUs: false };
        const before = await storedMemory(ctx);
        await testHook(ctx, 'storageSet', { area: 'local', items: { memory: { ...before, settings: { ...before.settings, research: linkedin } } } });
        // Kept: the permission goes, the script goes, the memory stays.
        let popup = await openPopup(ctx);
        assert.deepEqual(await turnOffInPopup(popup, false), { failed: false, alert: null });
        await waitFor('the unregistration', async () => (await registered(ctx)).length === 0, 5_000);
        assert.equal((await storedMemory(ctx)).settings.improveModel.state, 'off', 'kept');
        // Enabled again, then turned off with "also forget".
        await popup.click('#sites button[data-action="enable-site"]');
        await waitFor('the registration', async () => (await registered(ctx)).length === 1, 5_000);
        await inPopup(popup, 'the disclosure', () => document.querySelector('#sites details.disable-site') !== null);
        assert.deepEqual(await turnOffInPopup(popup, true), { failed: false, alert: null });
        await waitFor('the unregistration', async () => (await registered(ctx)).length === 0, 5_000);
        const after = await waitFor('ChatGPT forgotten', async () => {
          const m = await storedMemory(ctx);
          return !m.settings.improveModel && m;
        }, 5_000);
        assert.ok(after.history.every((c) => c.setting !== 'improveModel'), 'its history entries gone');
        assert.deepEqual(after.settings.research, linkedin, "LinkedIn's reading kept");
        if (!popup.isClosed()) await popup.close();
        // Enabled again for the suites that follow.
        popup = await openPopup(ctx);
        await inPopup(popup, 'the enable button', () => document.querySelector('#sites button[data-action="enable-site"]') !== null);
        await popup.click('#sites button[data-action="enable-site"]');
        await waitFor('the registration', async () => (await registered(ctx)).length === 1, 5_000);
        if (!popup.isClosed()) await popup.close();
      });
    }

    if (name === 'chromium') {
      it('where the browser keeps the permission (the test build requires the host), turning ChatGPT off says so and forgets nothing', async () => {
        const before = await storedMemory(ctx);
        const popup = await openPopup(ctx);
        const outcome = await turnOffInPopup(popup, true);
        assert.equal(outcome.failed, true);
        assert.match(outcome.alert, /kept Opt-Out Guard’s access to ChatGPT/);
        assert.equal((await registered(ctx)).length, 1, 'still registered');
        assert.deepEqual(await storedMemory(ctx), before, 'nothing forgotten');
        if (!popup.isClosed()) await popup.close();
      });
    }
  });

  describe(`ChatGPT across a browser restart in ${name}`, () => {
    let profile;
    before(() => {
      profile = mkdtempSync(join(tmpdir(), `optout-guard-chatgpt-${name}-`));
    });
    after(() => rmSync(profile, { recursive: true, force: true }));

    it('the granted site keeps its content script after closing and reopening the browser (persistent profile)', async () => {
      const script = [{ id: 'site:https://chatgpt.com', matches: ['https://chatgpt.com/settings/*'] }];
      const first = await launch(name, { testHooks: true, granted: true, userDataDir: profile });
      try {
        await waitFor('the registration', async () => (await registered(first)).length === 1, 5_000);
      } finally {
        await first.browser.close();
      }
      const second = await launch(name, { testHooks: true, granted: true, userDataDir: profile });
      try {
        await waitFor('the registration after the restart', async () => (await registered(second)).length === 1, 5_000);
        assert.deepEqual(await registered(second), script, 'one registration, not two');
        const { page } = await openFixture(second, CHATGPT_SETTING_URL, { config: { state: 'on', dialogOpen: true } });
        await waitForBanner(page, 'on');
        await page.close();
      } finally {
        await second.browser.close();
      }
    });
  });
}
