// Switching off, end to end in real Chromium and Firefox: detect, warn, switch off, verify.
import assert from 'node:assert/strict';
import {
  FEED_URL, PRIVACY_URL, QUIET_MS, SETTING_URL, after, bannerActions, bannerState, bannerText, before, chromiumBadge, describe, it, launch,
  openFixture, pressBannerButton, pressUntilFailed, recordBannerStates, sleep, waitForBadge, waitForBanner,
} from '../harness/index.mjs';

/** Defines this suite for browser `name` (`chromium` or `firefox`). */
export function switchOffSuite(name) {
  describe(`switch-off in ${name}`, () => {
    let ctx;
    const opened = [];
    const open = async (url, site) => {
      const o = await openFixture(ctx, url, site);
      opened.push(o);
      return o;
    };
    const fixture = (page) => page.evaluate(() => ({ clicks: window.__fixture.clicks, saves: window.__fixture.saves }));
    const switchChecked = (page) => page.evaluate(() => document.querySelector('[data-fixture-switch="0"]').checked);

    before(async () => {
      ctx = await launch(name);
    });
    after(async () => {
      // Nothing leaves the browser: no request ever went anywhere but the fixture host.
      const violations = opened.flatMap((o) => o.violations);
      await ctx?.browser.close();
      assert.deepEqual(ctx?.networkRequests() ?? [], [], 'requests that reached the network, from any context');
      assert.deepEqual(violations, [], 'requests outside the fixture host');
    });

    for (const markup of ['current', 'legacy']) {
      it(`${markup} markup, on: warns, switches off in one click, verifies`, async () => {
        const { page } = await open(SETTING_URL, { config: { markup, state: 'on' } });
        await waitForBanner(page, 'on');
        const hasButton = await page.evaluate(() =>
          !!document.querySelector('[data-optout-guard="banner"]').shadowRoot.querySelector('button[data-action="switch-off"]'));
        assert.ok(hasButton, 'switch-off button while on');
        assert.match(await bannerText(page), /not undo training/);
        assert.deepEqual(await fixture(page), { clicks: 0, saves: 0 }, 'nothing clicked before the user asks');
        if (name === 'chromium') await waitForBadge(ctx, SETTING_URL, 'ON');

        await recordBannerStates(page);
        await pressBannerButton(page, 'switch-off');
        await waitForBanner(page, 'verified');
        assert.equal(await switchChecked(page), false, "LinkedIn's switch is off");
        assert.deepEqual(await fixture(page), { clicks: 1, saves: 1 });
        const states = await page.evaluate(() => window.__bannerStates);
        assert.deepEqual(states, ['on', 'switching', 'verified']);
        if (name === 'chromium') {
          const badge = await waitForBadge(ctx, SETTING_URL, 'OFF');
          assert.match(badge.title, /is off/);
        }
        await page.close();
      });

      it(`${markup} markup, off: says so, touches nothing, can be dismissed`, async () => {
        const { page } = await open(SETTING_URL, { config: { markup, state: 'off' } });
        await waitForBanner(page, 'off');
        assert.deepEqual(await bannerActions(page), ['dismiss']);
        await sleep(500);
        assert.deepEqual(await fixture(page), { clicks: 0, saves: 0 });
        assert.equal(await switchChecked(page), false);
        await pressBannerButton(page, 'dismiss');
        await page.waitForFunction(() => !document.querySelector('[data-optout-guard="banner"]')?.isConnected, { timeout: 3_000 });
        await page.close();
      });
    }

    it('a save LinkedIn rejects ends failed, never verified, with the manual path', async () => {
      const { page } = await open(SETTING_URL, { config: { state: 'on', reject: true, rejectMessage: true, saveDelayMs: 400 } });
      await waitForBanner(page, 'on');
      const states = await pressUntilFailed(page);
      assert.ok(!states.includes('verified'), `states: ${states}`);
      assert.equal(await switchChecked(page), true, 'LinkedIn flipped it back');
      assert.match(await bannerText(page), /Me › Settings & Privacy › Data privacy › Data for Generative AI Improvement/);
      assert.deepEqual(await fixture(page), { clicks: 1, saves: 1 });
      await page.close();
    });

    it('while switching, the banner says at once that the switch reads off, and still waits for the save before "Done"', async () => {
      // The states the host shows, each as `state` or `state/reads` (data-switch-reads), in order.
      const record = (page) => page.evaluate(() => {
        window.__shown = [];
        const seen = () => {
          const host = document.querySelector('[data-optout-guard="banner"]');
          const s = host ? `${host.dataset.state}${host.dataset.switchReads ? `/${host.dataset.switchReads}` : ''}` : null;
          if (window.__shown.at(-1) !== s) window.__shown.push(s);
          if (s === 'switching/off') window.__readsOffText = host.shadowRoot.textContent;
        };
        seen();
        new MutationObserver(seen).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state', 'data-switch-reads'] });
      });
      const saved = await open(SETTING_URL, { config: { state: 'on', saveDelayMs: 1500 } });
      await waitForBanner(saved.page, 'on');
      await record(saved.page);
      await pressBannerButton(saved.page, 'switch-off');
      await saved.page.waitForFunction(() => window.__shown.includes('switching/off'), { timeout: 5_000 });
      assert.match(await saved.page.evaluate(() => window.__readsOffText), /The switch reads off now\. Confirming in a moment that LinkedIn saved it/);
      assert.equal(await bannerState(saved.page), 'switching', 'no verdict before the save had its time');
      await waitForBanner(saved.page, 'verified');
      assert.deepEqual(await saved.page.evaluate(() => window.__shown.filter((x) => x !== 'switching')), ['on', 'switching/off', 'verified']);
      assert.equal(await saved.page.evaluate(() => document.querySelector('[data-optout-guard="banner"]').hasAttribute('data-switch-reads')), false);
      assert.deepEqual(await fixture(saved.page), { clicks: 1, saves: 1 });
      await saved.page.close();
      // A save LinkedIn rejects: it read off for a moment, then flipped back: failed, and nothing says it reads off.
      const rejected = await open(SETTING_URL, { config: { state: 'on', reject: true, saveDelayMs: 600 } });
      await waitForBanner(rejected.page, 'on');
      await record(rejected.page);
      await pressBannerButton(rejected.page, 'switch-off');
      await waitForBanner(rejected.page, 'failed');
      const shown = await rejected.page.evaluate(() => window.__shown);
      assert.ok(shown.includes('switching/off') && !shown.includes('verified'), `shown: ${shown}`);
      assert.equal(shown.at(-1), 'failed');
      assert.doesNotMatch(await bannerText(rejected.page), /reads off now/);
      await rejected.page.close();
    });

    it('a second press while switching never causes a second click', async () => {
      const { page } = await open(SETTING_URL, { config: { state: 'on', saveDelayMs: 300 } });
      await waitForBanner(page, 'on');
      // A double click: the second press reaches the banner while it is switching.
      await pressBannerButton(page, 'switch-off', 2);
      await waitForBanner(page, 'verified');
      assert.deepEqual(await fixture(page), { clicks: 1, saves: 1 });
      await page.close();
    });

    it('two switches with the key: unknown, manual path, nothing clicked', async () => {
      const { page } = await open(SETTING_URL, { config: { state: 'on', extraSwitches: 1 } });
      await waitForBanner(page, 'unknown');
      const text = await bannerText(page);
      assert.match(text, /more than one switch/);
      assert.match(text, /Nothing was clicked/);
      const hasSwitchOff = await page.evaluate(() =>
        !!document.querySelector('[data-optout-guard="banner"]').shadowRoot.querySelector('button[data-action="switch-off"]'));
      assert.equal(hasSwitchOff, false);
      assert.deepEqual(await fixture(page), { clicks: 0, saves: 0 });
      await page.close();
    });

    for (const [what, config] of [['the key on a text input', { markup: 'textInput' }], ['two keyed switches', { extraSwitches: 1 }]]) {
      it(`a page showing only what it will not act on (${what}) says unknown once the page is quiet, before the 8 s wait ends`, async () => {
        const { page } = await open(SETTING_URL, { config: { state: 'on', ...config } });
        // Quiet for 1.5 s after the last DOM change: the verdict comes well before the bounded wait.
        await waitForBanner(page, 'unknown', 5_000);
        assert.equal((await fixture(page)).clicks, 0);
        await page.close();
      });
    }

    it('a switch that renders 3 s after load is found', async () => {
      const { page } = await open(SETTING_URL, { config: { state: 'on', renderDelayMs: 3_000 } });
      await sleep(1_000);
      assert.equal(await bannerState(page), null, 'no banner while the page is still a skeleton');
      await waitForBanner(page, 'on');
      await page.close();
    });

    it('a page that never renders the switch ends unknown after the bounded wait', async () => {
      const { page } = await open(SETTING_URL, { config: { state: 'on', renderDelayMs: -1 } });
      await waitForBanner(page, 'unknown', 15_000);
      assert.match(await bannerText(page), /could not find the switch where it looks/);
      await page.close();
    });

    it('a non-settings LinkedIn page shows no banner and nothing is clicked', async () => {
      const { page } = await open(FEED_URL);
      await sleep(QUIET_MS);
      assert.equal(await bannerState(page), null);
      assert.equal(await page.evaluate(() => window.__fixture.decoyClicks), 0);
      await page.close();
    });

    it('another settings page shows no banner', async () => {
      const { page } = await open(PRIVACY_URL, { config: { state: 'on' } });
      await sleep(QUIET_MS);
      assert.equal(await bannerState(page), null);
      await page.close();
    });

    it('client-side navigation into the setting shows the banner, away removes it', async () => {
      const { page } = await open(PRIVACY_URL, { config: { state: 'on' } });
      await sleep(500);
      await page.click('a[href="/mypreferences/d/settings/data-for-ai-improvement"]');
      await waitForBanner(page, 'on');
      await page.evaluate(() => window.__navigate('/mypreferences/d/categories/privacy'));
      await page.waitForFunction(() => !document.querySelector('[data-optout-guard="banner"]'), { timeout: 5_000 });
      if (name === 'chromium') assert.notEqual((await chromiumBadge(ctx, PRIVACY_URL))?.text, 'switching');
      await page.close();
    });

    it('entering the setting in-app from the feed (no page load, no content script yet): the banner appears, one click switches it off', async () => {
      // One app for all of LinkedIn: the feed's URL matches no content script of the manifest.
      const { page } = await open(FEED_URL, { page: 'settings-app.html', config: { state: 'on' } });
      await sleep(QUIET_MS);
      assert.equal(await bannerState(page), null, 'nothing on the feed');
      await page.evaluate(() => window.__navigate('/mypreferences/d/settings/data-for-ai-improvement'));
      await waitForBanner(page, 'on');
      await pressBannerButton(page, 'switch-off');
      await waitForBanner(page, 'verified');
      assert.deepEqual(await fixture(page), { clicks: 1, saves: 1 });
      // In and out and in again: the content script injected once keeps following the page.
      await page.evaluate(() => window.__navigate('/feed/'));
      await page.waitForFunction(() => !document.querySelector('[data-optout-guard="banner"]'), { timeout: 5_000 });
      await page.evaluate(() => window.__navigate('/mypreferences/d/settings/data-for-ai-improvement'));
      await waitForBanner(page, 'off');
      await page.close();
    });

    if (name === 'chromium') {
      it('the popup shows the remembered state and links to the setting', async () => {
        const page = await ctx.browser.newPage();
        await page.goto(`chrome-extension://${ctx.extensionId}/popup.html`);
        await page.waitForFunction(() => document.getElementById('popup').dataset.state !== 'loading');
        const model = await page.evaluate(() => ({
          state: document.getElementById('popup').dataset.state,
          headline: document.getElementById('headline').textContent,
          button: document.getElementById('open').textContent,
        }));
        // Earlier tests in this browser ended with the switch off (verified) or on (rejected).
        assert.ok(['on', 'off'].includes(model.state), JSON.stringify(model));
        assert.equal(model.button, 'Open the setting');
        await page.close();
      });
    }
  });
}
