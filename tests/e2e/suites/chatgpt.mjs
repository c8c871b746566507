// ChatGPT (issue 14), end to end in real Chromium and Firefox on the test build, whose manifest
// lists chatgpt.com as granted (the state after the person enabled it in the popup): the
// background registers the content script for ChatGPT's settings, and the banner follows the
// same contract as on LinkedIn, inside the dialog that holds the switch.
import assert from 'node:assert/strict';
import {
  CHATGPT_CHAT_URL, CHATGPT_SETTING_URL, after, bannerActions, bannerState, bannerText, before, describe, it, launch, openFixture,
  pressBannerButton, recordBannerStates, sleep, testHook, waitFor, waitForBanner,
} from '../harness/index.mjs';

/** The fixture's counts and its switch's state (null without a switch). */
const fixture = (page) => page.evaluate(() => ({
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
      ctx = await launch(name, { testHooks: true });
    });
    after(async () => {
      const violations = opened.flatMap((o) => o.violations);
      await ctx?.browser.close();
      assert.deepEqual(ctx?.networkRequests() ?? [], [], 'requests that reached the network, from any context');
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
      assert.deepEqual(await fixture(page), { clicks: 0, saves: 0, decoyClicks: 0, checked: 'true' }, 'nothing clicked before the person asks');
      await recordBannerStates(page);
      // A real click where the button is: the page's modal leaves everything outside its dialogs unclickable.
      await pressBannerButton(page, 'switch-off');
      await waitForBanner(page, 'verified');
      assert.deepEqual(await fixture(page), { clicks: 1, saves: 1, decoyClicks: 0, checked: 'false' });
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
      assert.deepEqual(await fixture(page), { clicks: 0, saves: 0, decoyClicks: 0, checked: 'false' });
      await page.close();
    });

    it('the dialog closed: unknown with the manual path, nothing clicked; opening it shows the switch on', async () => {
      const { page } = await open(CHATGPT_SETTING_URL, { state: 'on' });
      await waitForBanner(page, 'unknown');
      assert.match(await bannerText(page), /Profile › Settings › Data controls › Improve the model for everyone/);
      assert.deepEqual(await fixture(page), { clicks: 0, saves: 0, decoyClicks: 0, checked: null });
      await page.click('[data-testid="improve-model-open-modal-button"]');
      await waitForBanner(page, 'on');
      assert.deepEqual(await fixture(page), { clicks: 0, saves: 0, decoyClicks: 0, checked: 'true' });
      await page.close();
    });

    it('a save ChatGPT rejects ends failed, never verified', async () => {
      const { page } = await open(CHATGPT_SETTING_URL, { state: 'on', dialogOpen: true, reject: true, saveDelayMs: 400 });
      await waitForBanner(page, 'on');
      await recordBannerStates(page);
      await pressBannerButton(page, 'switch-off');
      await waitForBanner(page, 'failed');
      await sleep(800);
      const states = await page.evaluate(() => window.__bannerStates);
      assert.ok(!states.includes('verified'), `states: ${states}`);
      assert.deepEqual(await fixture(page), { clicks: 1, saves: 1, decoyClicks: 0, checked: 'true' });
      await page.close();
    });

    for (const [what, config] of [
      ['a switch without its test id', { noTestId: true }],
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
        await page.close();
      });
    }

    it('a chat has no banner; entering the settings in-app brings the banner', async () => {
      const { page } = await open(CHATGPT_CHAT_URL, {});
      await sleep(1_500);
      assert.equal(await bannerState(page), null, 'no banner in a chat');
      await page.click('#to-settings');
      await waitForBanner(page, 'unknown');
      await page.click('[data-testid="improve-model-open-modal-button"]');
      await waitForBanner(page, 'on');
      await page.close();
    });
  });
}
