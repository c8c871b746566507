// What the user is shown is always true (issue 13, break-test b87e5f1): in-app navigation while
// the background sleeps (D1), where the banner goes on pages whose <main> is hidden, a grid or a
// flex row (D2, D3), its direction and language (D4, D5), a refused save answered late (D6), going
// back while switching (D7), a setting LinkedIn moves with another (D8), the person's own click
// (D9) and the checkup's next link (D11).
import assert from 'node:assert/strict';
import {
  BANNER_TIMEOUT_MS, QUIET_MS, SETTING_URL, bannerState, bannerText, chromiumBadge, describe, it, openPopup, pollPage, pressBannerButton,
  recordBannerStates, resetMemory, sleep, storedMemory, suiteContexts, testHook, waitFor, waitForBanner,
} from '../harness/index.mjs';

const BASE = 'https://www.linkedin.com/mypreferences/d/';
const memory = storedMemory;
/** Waits until the memory remembers the AI setting at `state`; resolves to the memory. */
const rememberedAi = (ctx, state, what = 'the reading remembered') => waitFor(what, async () => {
  const got = await memory(ctx);
  return got?.settings?.aiTraining?.state === state && got;
});
const states = (page) => page.evaluate(() => window.__bannerStates);

/**
 * Where the banner and LinkedIn's switch are: the banner's box, the box of the element that holds
 * it, the switch's box and, for the switch's section, its width with and without the banner
 * (the banner hidden for one measurement, then shown again). CSS px, relative to the viewport.
 */
function placement(page) {
  return page.evaluate(() => {
    const host = document.querySelector('[data-optout-guard="banner"]');
    const sw = document.querySelector('[data-fixture-switch="0"]');
    const section = sw.closest('section');
    const box = (e) => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, width: r.width, height: r.height }; };
    // The same scrollbar in both measurements (Firefox shows one only once the page is taller).
    document.documentElement.style.overflowY = 'scroll';
    const withBanner = { section: box(section), sw: box(sw) };
    host.style.display = 'none';
    const without = { section: box(section), sw: box(sw) };
    host.style.display = '';
    document.documentElement.style.overflowY = '';
    return {
      banner: box(host), parent: box(host.parentElement), inMain: host.closest('main')?.id ?? null,
      holdsSwitch: host.parentElement.contains(sw), withBanner, without, viewport: innerHeight,
      region: (() => { const r = host.shadowRoot.querySelector('[role="region"]'); return { dir: r.getAttribute('dir'), lang: r.getAttribute('lang'), direction: getComputedStyle(r).direction }; })(),
    };
  });
}

/** Defines this suite for browser `name` (`chromium` or `firefox`). */
export function shownTrueSuite(name) {
  describe(`what is shown is true in ${name}`, () => {
    const { start, open } = suiteContexts(name);
    let hooked;
    const hookedContext = async () => (hooked ??= await start({ testHooks: true }));

    it('D1: in-app navigation to another setting while the background sleeps: the banner follows the page, never the old setting', async () => {
      // Chromium: no DevTools session of the harness keeps the worker awake, and it is stopped
      // before the navigation. Firefox: the event page is suspended after 1 s idle.
      const ctx = await start({ keepWorkerAwake: false, prefs: { 'extensions.background.idle.timeout': 1000 } });
      const { page } = await open(ctx, SETTING_URL, { config: { state: 'on', renderDelayMs: 400, states: { 'settings/policy-and-academic-research': 'off' } } });
      await waitForBanner(page, 'on', BANNER_TIMEOUT_MS);
      if (name === 'chromium') {
        const cdp = await page.createCDPSession();
        await cdp.send('ServiceWorker.enable');
        await cdp.send('ServiceWorker.stopAllWorkers');
        await cdp.detach();
      } else {
        await sleep(3_000);
      }
      await recordBannerStates(page);
      await page.evaluate(() => window.__navigate('/mypreferences/d/settings/policy-and-academic-research'));
      await waitForBanner(page, 'off', BANNER_TIMEOUT_MS);
      assert.match(await bannerText(page), /Social, economic, and workplace research/, "the banner names the page's setting");
      await sleep(1_500);
      const seen = await states(page);
      assert.ok(!seen.includes('unknown'), `never "could not check" on the way: ${seen}`);
      assert.equal(seen.at(-1), 'off');
      await page.close();
    });

    it('D1: a switch that leaves the page for a moment (a re-render) is waited for, not "could not check"', async () => {
      const ctx = await start();
      const { page } = await open(ctx, SETTING_URL, { config: { state: 'on' } });
      await waitForBanner(page, 'on', BANNER_TIMEOUT_MS);
      await recordBannerStates(page);
      // LinkedIn's app re-renders the row: the switch is gone for 800 ms, then back, still on.
      await page.evaluate(() => {
        const row = document.querySelector('[data-fixture-switch="0"]').closest('.row');
        const slot = row.parentElement;
        row.remove();
        setTimeout(() => slot.prepend(row), 800);
      });
      await sleep(2_000);
      const seen = await states(page);
      assert.deepEqual(seen, ['on'], 'the banner stays on through the re-render');
      await page.close();
    });

    it('D2: a hidden loading <main> before the real one: the banner is in the <main> that holds the switch, and visible', async () => {
      const ctx = await start();
      const { page } = await open(ctx, SETTING_URL, { config: { state: 'on', hiddenMain: true } });
      await waitForBanner(page, 'on', BANNER_TIMEOUT_MS);
      const p = await placement(page);
      assert.equal(p.inMain, 'app', "in the switch's <main>, not the hidden one");
      assert.ok(p.banner.height > 40 && p.banner.top >= 0 && p.banner.bottom <= p.viewport, `visible in the first screen: ${JSON.stringify(p.banner)}`);
      await page.close();
    });

    for (const layout of ['grid', 'flex', 'flexChain']) {
      it(`D3: a ${layout} <main>: the banner spans the setting's block above the switch, which keeps its width within the first screen`, async () => {
        const ctx = await start();
        const { page } = await open(ctx, SETTING_URL, { config: { state: 'on', layout } });
        await waitForBanner(page, 'on', BANNER_TIMEOUT_MS);
        const p = await placement(page);
        assert.ok(p.holdsSwitch, 'the banner is in the block that holds the switch');
        assert.ok(Math.abs(p.banner.width - p.parent.width) < 1, `the banner spans its block: ${p.banner.width} of ${p.parent.width}`);
        assert.ok(p.banner.bottom <= p.withBanner.sw.top, 'above the switch');
        assert.ok(p.banner.width > 400, `not the 220 px column: ${p.banner.width} px wide`);
        assert.ok(Math.abs(p.withBanner.section.width - p.without.section.width) < 1,
          `the setting's section keeps its width: ${p.withBanner.section.width} vs ${p.without.section.width}`);
        assert.ok(Math.abs(p.withBanner.sw.left - p.without.sw.left) < 1, 'the switch stays in its column');
        assert.ok(p.withBanner.sw.bottom <= p.viewport, `the switch is within the first screen: ${p.withBanner.sw.bottom} of ${p.viewport}`);
        await page.close();
      });
    }

    it('D4, D5: on a right-to-left page the banner is laid out in its own language and direction', async () => {
      const ctx = await hookedContext();
      const { page } = await open(ctx, SETTING_URL, { config: { state: 'on', pageDir: 'rtl', lang: 'ar' } });
      await waitForBanner(page, 'on', BANNER_TIMEOUT_MS);
      const p = await placement(page);
      assert.deepEqual(p.region, { dir: 'ltr', lang: 'en', direction: 'ltr' }, 'the English banner is left to right and says it is English');
      const popup = await openPopup(ctx);
      await pollPage(popup, () => document.getElementById('popup')?.dataset.state !== 'loading', null);
      assert.deepEqual(await popup.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ['en', 'ltr']);
      await popup.close();
      await page.close();
    });

    it('D6: a refused save answered after the settle time: failed, and the history records no change', async () => {
      const ctx = await hookedContext();
      await resetMemory(ctx);
      const { page } = await open(ctx, SETTING_URL, { config: { state: 'on', saveDelayMs: 6_000, reject: true } });
      await waitForBanner(page, 'on', BANNER_TIMEOUT_MS);
      await recordBannerStates(page);
      await pressBannerButton(page, 'switch-off');
      await waitForBanner(page, 'failed', 15_000);
      const m = await rememberedAi(ctx, 'on', 'the failed reading remembered');
      assert.deepEqual(m.history, [], 'a change that did not hold is not in the history');
      assert.equal(m.settings.aiTraining.verifiedByUs, false);
      const popup = await openPopup(ctx);
      await pollPage(popup, () => document.getElementById('popup')?.dataset.state !== 'loading', null);
      assert.equal(await popup.evaluate(() => document.querySelectorAll('#history li[data-setting]').length), 0, 'the popup lists no change');
      await popup.close();
      await page.close();
    });

    it('D7: going back while switching: the change is pending (badge not ON), and the next visit confirms it into the history', async () => {
      const ctx = await hookedContext();
      await resetMemory(ctx);
      const { page } = await open(ctx, `${BASE}categories/privacy`, { config: { state: 'on' } });
      await page.evaluate(() => window.__navigate('/mypreferences/d/settings/data-for-ai-improvement'));
      await waitForBanner(page, 'on', BANNER_TIMEOUT_MS);
      await pressBannerButton(page, 'switch-off');
      await sleep(300);
      await page.evaluate(() => history.back());
      const pending = await waitFor('the pending change stored', async () => (await memory(ctx))?.pending?.aiTraining);
      assert.equal(pending.setting, 'aiTraining');
      assert.equal(pending.to, 'off');
      if (name === 'chromium') {
        const badge = await waitFor('the tab badge', () => chromiumBadge(ctx, `${BASE}categories/privacy`));
        assert.notEqual(badge.text, 'ON', `the badge does not claim ON: ${JSON.stringify(badge)}`);
      }
      const popup = await openPopup(ctx);
      await pollPage(popup, () => document.getElementById('popup')?.dataset.state !== 'loading', null);
      assert.equal(await popup.evaluate(() => document.getElementById('popup').dataset.state), 'switching', 'the popup says it is being checked');
      await popup.close();
      await page.evaluate(() => history.forward());
      await waitForBanner(page, 'verified', BANNER_TIMEOUT_MS);
      const m = await waitFor('the change confirmed', async () => {
        const got = await memory(ctx);
        return got?.history?.length === 1 && got;
      });
      assert.deepEqual([m.history[0].setting, m.history[0].to, m.history[0].undoneAtMs], ['aiTraining', 'off', null]);
      assert.equal(m.pending ?? null, null, 'no longer pending');
      assert.equal(m.settings.aiTraining.verifiedByUs, true);
      await page.close();
    });

    it('D9: the person flips the switch back on while it is switching: their reading, nothing failed, no change of ours', async () => {
      const ctx = await hookedContext();
      await resetMemory(ctx);
      const { page } = await open(ctx, SETTING_URL, { config: { state: 'on' } });
      await waitForBanner(page, 'on', BANNER_TIMEOUT_MS);
      await recordBannerStates(page);
      await pressBannerButton(page, 'switch-off');
      // It reads off (our click), then the person turns it back on before the verdict.
      await page.waitForFunction(() => document.querySelector('[data-optout-guard="banner"]')?.dataset.switchReads === 'off', { timeout: 5_000 });
      await sleep(300);
      await page.click('[data-fixture-switch="0"]');
      // At once, and before any verdict: no longer "reads off" (break-test helper-10: it stayed until the verdict).
      await page.waitForFunction(() => !document.querySelector('[data-optout-guard="banner"]')?.hasAttribute('data-switch-reads'), { timeout: 2_000 });
      assert.equal(await bannerState(page), 'switching', 'still before the verdict');
      assert.doesNotMatch(await bannerText(page), /reads off now/);
      await sleep(4_500);
      const seen = await states(page);
      assert.ok(!seen.includes('failed') && !seen.includes('verified'), `never failed or verified: ${seen}`);
      assert.equal(seen.at(-1), 'on', "the person's reading");
      assert.doesNotMatch(await bannerText(page), /did not work/);
      const m = await rememberedAi(ctx, 'on', 'the reading remembered');
      assert.deepEqual(m.history, [], 'no change of ours');
      await page.close();
    });

    it('D9: the person switches it back on after a verified change: their reading, and the history says it was changed back', async () => {
      const ctx = await hookedContext();
      await resetMemory(ctx);
      const { page } = await open(ctx, SETTING_URL, { config: { state: 'on' } });
      await waitForBanner(page, 'on', BANNER_TIMEOUT_MS);
      await pressBannerButton(page, 'switch-off');
      await waitForBanner(page, 'verified', BANNER_TIMEOUT_MS);
      await recordBannerStates(page);
      await page.click('[data-fixture-switch="0"]');
      await waitForBanner(page, 'on', 5_000);
      await sleep(1_500);
      const seen = await states(page);
      assert.ok(!seen.includes('failed'), `never failed: ${seen}`);
      const m = await rememberedAi(ctx, 'on', 'the reading remembered');
      assert.equal(m.history.length, 1);
      assert.equal(typeof m.history[0].undoneAtMs, 'number', 'the change is marked changed back');
      await page.close();
    });

    it('D8: after "Ads outside of LinkedIn" is switched off, "Data sharing" no longer shows its old "on" but "probably off, check"', async () => {
      const ctx = await hookedContext();
      await resetMemory(ctx);
      const states = { 'settings/share-data-with-select-partners': 'on', 'settings/ads-beyond-linkedin': 'on' };
      const partner = await open(ctx, `${BASE}settings/share-data-with-select-partners`, { config: { states } });
      await waitForBanner(partner.page, 'on', BANNER_TIMEOUT_MS);
      await partner.page.close();
      const { page } = await open(ctx, `${BASE}settings/ads-beyond-linkedin`, { config: { states } });
      await waitForBanner(page, 'on', BANNER_TIMEOUT_MS);
      await pressBannerButton(page, 'switch-off');
      await waitForBanner(page, 'verified', BANNER_TIMEOUT_MS);
      const m = await waitFor('the coupled setting marked', async () => (await memory(ctx))?.coupled?.partnerSharing);
      assert.deepEqual([m.by, m.likely], ['adsBeyondLinkedIn', 'off']);
      assert.equal(await page.evaluate(() => window.__fixture.decoyClicks), 0);
      const popup = await openPopup(ctx);
      await pollPage(popup, () => document.getElementById('popup')?.dataset.state !== 'loading', null);
      const shown = await popup.evaluate(() => ({
        row: document.querySelector('#checkup li[data-setting="partnerSharing"]').dataset.state,
        text: document.querySelector('#checkup li[data-setting="partnerSharing"]').textContent,
        history: document.querySelector('#history li[data-setting="adsBeyondLinkedIn"]').textContent,
      }));
      assert.equal(shown.row, 'stale', 'not the old reading');
      assert.match(shown.text, /Probably off now, changed with “Ads outside of LinkedIn”/);
      assert.match(shown.history, /Undoing it may not bring “Share data with affiliates and partners” back by itself/);
      await popup.close();
      await page.close();
    });

    it('D9: the person turns the legacy toggle back on by clicking its visible part (the page forwards it to the input): theirs, not a failure', async () => {
      const ctx = await hookedContext();
      await resetMemory(ctx);
      const { page } = await open(ctx, SETTING_URL, { config: { markup: 'legacy', state: 'on' } });
      await waitForBanner(page, 'on', BANNER_TIMEOUT_MS);
      await pressBannerButton(page, 'switch-off');
      await waitForBanner(page, 'verified', BANNER_TIMEOUT_MS);
      await recordBannerStates(page);
      // The toggle's visible track is the root's ::before, at its right end.
      const box = await page.evaluate(() => { const r = document.querySelector('.artdeco-toggle').getBoundingClientRect(); return { x: r.right - 12, y: r.top + r.height / 2 }; });
      await page.mouse.click(box.x, box.y);
      await waitForBanner(page, 'on', 5_000);
      await sleep(1_500);
      const seen = await states(page);
      assert.ok(!seen.includes('failed'), `never failed: ${seen}`);
      const m = await rememberedAi(ctx, 'on', 'the reading remembered');
      assert.equal(m.history.length, 1, 'the switch-off happened: its entry stays');
      assert.equal(typeof m.history[0].undoneAtMs, 'number', 'and is marked changed back');
      await page.close();
    });

    it('D6, D9: Enter on the switch toggles nothing: LinkedIn flipping it back later is still a change that did not hold', async () => {
      const ctx = await hookedContext();
      await resetMemory(ctx);
      const { page } = await open(ctx, SETTING_URL, { config: { state: 'on', lateFlipBackMs: 4_000 } });
      await waitForBanner(page, 'on', BANNER_TIMEOUT_MS);
      await pressBannerButton(page, 'switch-off');
      await waitForBanner(page, 'verified', BANNER_TIMEOUT_MS);
      await page.focus('[data-fixture-switch="0"]');
      await page.keyboard.press('Enter');
      await waitForBanner(page, 'failed', 10_000);
      const m = await rememberedAi(ctx, 'on', 'the flip-back remembered');
      assert.deepEqual(m.history, [], 'withdrawn: it did not hold');
      await page.close();
    });

    it('an undo interrupted before its result is read: no second Undo meanwhile, and the next visit records it as switched back on', async () => {
      const ctx = await hookedContext();
      const now = Date.now();
      const change = { id: 1, setting: 'aiTraining', to: 'off', atMs: now - 60_000, undoneAtMs: null };
      await testHook(ctx, 'storageSet', { area: 'local', items: { memory: {
        version: 3, settings: { aiTraining: { state: 'off', seenAtMs: now - 60_000, verifiedByUs: true } }, history: [change],
        undo: { change: 1, setting: 'aiTraining', requestedAtMs: now },
      } } });
      const first = await open(ctx, SETTING_URL, { config: { state: 'off', saveDelayMs: 2_000 } });
      await waitForBanner(first.page, 'off', BANNER_TIMEOUT_MS);
      await pressBannerButton(first.page, 'switch-on');
      const pending = await waitFor('the pending undo', async () => (await memory(ctx))?.pending?.aiTraining);
      assert.equal(pending.to, 'on');
      await first.page.close();
      const popup = await openPopup(ctx);
      await pollPage(popup, () => document.getElementById('popup')?.dataset.state !== 'loading', null);
      assert.equal(await popup.evaluate(() => document.querySelectorAll('#history [data-action="undo"]').length), 0, 'no Undo while it is pending');
      await popup.close();
      // The save went through: the next visit reads it on.
      const second = await open(ctx, SETTING_URL, { config: { state: 'on' } });
      await waitForBanner(second.page, 'verified', BANNER_TIMEOUT_MS);
      const m = await waitFor('the undo recorded', async () => {
        const got = await memory(ctx);
        return got?.history?.length === 2 && got;
      });
      assert.deepEqual(m.history.map((c) => c.to), ['off', 'on']);
      assert.equal(typeof m.history[0].undoneAtMs, 'number');
      assert.equal(m.pending ?? null, null);
      await second.page.close();
    });

    it('D11: "Next in the privacy checkup" skips a setting known to be off, as the popup does', async () => {
      const ctx = await hookedContext();
      const now = Date.now();
      await testHook(ctx, 'storageSet', { area: 'local', items: { memory: { version: 3, settings: { research: { state: 'off', seenAtMs: now, verifiedByUs: false } }, history: [], undo: null } } });
      const { page } = await open(ctx, SETTING_URL, { config: { state: 'off' } });
      await waitForBanner(page, 'off', BANNER_TIMEOUT_MS);
      const text = await bannerText(page);
      assert.match(text, /Next in the privacy checkup: Share data with affiliates and partners/);
      const href = await page.evaluate(() => document.querySelector('[data-optout-guard="banner"]').shadowRoot.querySelector('.links a')?.getAttribute('href'));
      assert.equal(href, `${BASE}settings/share-data-with-select-partners`);
      await page.close();
    });

    it('"Not now" means not now: a later visit showing the same stays quiet, and the popup brings the banner back', async () => {
      const ctx = await hookedContext();
      await resetMemory(ctx);
      const first = await open(ctx, SETTING_URL, { config: { state: 'on' } });
      await waitForBanner(first.page, 'on', BANNER_TIMEOUT_MS);
      await pressBannerButton(first.page, 'dismiss');
      await waitForBanner(first.page, null, 5_000);
      const d = await waitFor('the dismissal remembered', async () => (await memory(ctx))?.dismissed?.aiTraining);
      assert.equal(d.reading, 'on');
      await first.page.close();
      const second = await open(ctx, SETTING_URL, { config: { state: 'on' } });
      await sleep(QUIET_MS);
      assert.equal(await bannerState(second.page), null, 'the same reading stays quiet on a new visit');
      if (name === 'chromium') assert.equal((await chromiumBadge(ctx, SETTING_URL))?.text, 'ON', 'the badge still says it');
      await second.page.close();
      const popup = await openPopup(ctx);
      await pollPage(popup, () => document.getElementById('popup')?.dataset.state !== 'loading', null);
      assert.match(await popup.evaluate(() => document.getElementById('detail').textContent), /You hid its banner on/);
      // The popup reloads itself once the banner is back: close it only once the reload is done.
      await popup.evaluate(() => document.querySelector('#detail [data-action="show-banner"]').click());
      await waitFor('the dismissal withdrawn', async () => !(await memory(ctx))?.dismissed?.aiTraining);
      await waitFor('the popup reloaded, without the button', () => popup.evaluate(() => document.readyState === 'complete'
        && document.getElementById('popup')?.dataset.state !== 'loading' && !document.querySelector('[data-action="show-banner"]')).catch(() => false));
      await popup.close();
      const third = await open(ctx, SETTING_URL, { config: { state: 'on' } });
      await waitForBanner(third.page, 'on', BANNER_TIMEOUT_MS);
      await third.page.close();
    });
  });
}
