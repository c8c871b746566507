// Firefox for Android, as far as desktop Firefox can show it (issue 17, point 6): Firefox ESR with
// a phone's viewport (400 × 800 CSS px) and Firefox for Android's user agent, on LinkedIn's
// mobile-web routes (/mypreferences/m/…, docs/evidence/linkedin.md §1.1). The banner is the status
// display there (Firefox for Android may not show a toolbar badge; popups open as tabs): it states
// the switch's state in words, fits the phone's width, stands above the switch and switches it off
// in one click; the popup, opened as a tab, fits too and opens the setting in a new tab. Not shown
// here: GeckoView itself, its toolbar, touch input, the real mobile page's markup (the fixture's
// `mobile` frame is a reconstruction [I]).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  closeTabsShowing, BANNER_HOST, BANNER_TIMEOUT_MS, FEED_URL, QUIET_MS, ROOT, SETTING_URL, bannerActions, bannerState, bannerText, before, describe, it,
  launch, openFixture, openPopup, pressBannerButton, readPopup, setViewport, sleep, suiteContexts, testHook, waitFor, waitForBanner,
} from '../harness/index.mjs';

const MOBILE = 'https://www.linkedin.com/mypreferences/m/';
/** A phone's viewport in CSS px (a small Android phone held upright). */
const PHONE = { width: 400, height: 800 };
/**
 * Firefox for Android's user agent at the oldest version the manifest admits
 * (`browser_specific_settings.gecko_android.strict_min_version`), set with the
 * `general.useragent.override` preference for pages and the extension's own contexts alike.
 */
const ANDROID_MIN = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')).browser_specific_settings.gecko_android.strict_min_version;
const MOBILE_UA = `Mozilla/5.0 (Android 14; Mobile; rv:${ANDROID_MIN}) Gecko/${ANDROID_MIN} Firefox/${ANDROID_MIN}`;
/** A navigation the person asked for (the popup opening LinkedIn in a new tab) reaches the proxy as this. */
const USER_NAVIGATION = 'CONNECT www.linkedin.com:443';
/** WCAG 2.2 2.5.8 (AA): the target size axe's `target-size` rule checks (CSS px). */
const TARGET_AA_PX = 24;
/** WCAG 2.1 2.5.5 (AAA), also Apple's 44 pt: the size asked for a touch target on a phone (CSS px). */
const TARGET_TOUCH_PX = 44;

/** axe-core's browser build, evaluated into the page by the driver as the a11y suite does (no <script>: the page's CSP stays). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const fixture = (page) => page.evaluate(() => ({
  clicks: window.__fixture.clicks, saves: window.__fixture.saves, decoyClicks: window.__fixture.decoyClicks,
  checked: document.querySelector('[data-fixture-switch="0"]')?.checked ?? null,
}));

/**
 * What the phone shows at the top of the page (not scrolled), CSS px: the viewport, the page's
 * laid-out and scrolled widths, the user agent, and the boxes of the banner, LinkedIn's switch and
 * each banner button.
 */
function phoneLayout(page) {
  return page.evaluate((host) => {
    const h = document.querySelector(host);
    const sw = document.querySelector('[data-fixture-switch="0"]');
    const box = (e) => { const r = e.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height }; };
    return {
      innerWidth, innerHeight, scrollY,
      clientWidth: document.documentElement.clientWidth, scrollWidth: document.documentElement.scrollWidth,
      userAgent: navigator.userAgent,
      banner: box(h), switchBox: sw && box(sw),
      buttons: [...h.shadowRoot.querySelectorAll('button')].map((b) => ({ action: b.dataset.action, ...box(b) })),
    };
  }, BANNER_HOST);
}

/** axe-core's `target-size` rule (WCAG 2.2 2.5.8; off in axe's defaults, so run on its own) on the banner. */
async function targetSizeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe?.run === 'function'))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (host) => {
    const result = await window.axe.run({ include: [host] }, { runOnly: ['target-size'] });
    if (!result.passes.length && !result.violations.length && !result.incomplete.length) return ['target-size checked nothing'];
    return [...result.violations, ...result.incomplete].flatMap((r) => r.nodes.map((n) => `${r.id}: ${n.target.flat().join(' >>> ')}: ${n.failureSummary}`));
  }, BANNER_HOST);
}

/**
 * Asserts that the phone shows the banner whole: a 400 px viewport with Firefox for Android's
 * user agent, no horizontal scrolling, the banner and its buttons within the page's width (and,
 * with `firstScreen`, within the first screen), above LinkedIn's switch, every button at least
 * 24 × 24 px by axe's rule. Returns the layout.
 */
async function assertFitsPhone(page, what, { firstScreen = true } = {}) {
  const l = await phoneLayout(page);
  const seen = JSON.stringify(l);
  assert.equal(l.userAgent, MOBILE_UA, `the page sees Firefox for Android (${what})`);
  assert.deepEqual([l.innerWidth, l.innerHeight], [PHONE.width, PHONE.height], `a phone's viewport (${what})`);
  assert.equal(l.scrollY, 0, `measured at the top of the page (${what})`);
  assert.ok(l.scrollWidth <= l.clientWidth && l.clientWidth <= l.innerWidth, `no horizontal scrolling: ${l.scrollWidth} px of ${l.clientWidth} (${what})`);
  assert.ok(l.banner.width > 0 && l.banner.left >= 0 && l.banner.right <= l.clientWidth, `the banner within the page's width: ${seen} (${what})`);
  if (firstScreen) assert.ok(l.banner.top >= 0 && l.banner.bottom <= l.innerHeight, `the banner in the first screen: ${seen} (${what})`);
  assert.ok(l.switchBox && l.banner.bottom <= l.switchBox.top, `the banner above LinkedIn's switch: ${seen} (${what})`);
  assert.ok(l.buttons.length > 0, `the banner has buttons (${what})`);
  for (const b of l.buttons) {
    assert.ok(b.left >= l.banner.left && b.right <= l.banner.right && b.top >= l.banner.top && b.bottom <= l.banner.bottom,
      `button ${b.action} inside the banner: ${seen} (${what})`);
    assert.ok(b.width >= TARGET_AA_PX && b.height >= TARGET_AA_PX, `button ${b.action} at least ${TARGET_AA_PX} × ${TARGET_AA_PX} px: ${JSON.stringify(b)} (${what})`);
  }
  assert.deepEqual(await targetSizeViolations(page), [], `axe target-size on the banner (${what})`);
  return l;
}

/** Defines this suite for browser `name` (`chromium` or `firefox`); it has tests in Firefox only. */
export function mobileSuite(name) {
  if (name !== 'firefox') {
    describe(`mobile web (Firefox for Android) in ${name}`, { skip: 'Firefox for Android is Gecko: only Firefox can stand in for it' }, () => {});
    return;
  }
  describe(`mobile web at phone size (Firefox for Android) in ${name}`, () => {
    const { start, open } = suiteContexts(name);
    let ctx;
    /** Every touch target measured, for the 44 px check at the end: {what, width, height}. */
    const targets = [];
    const recordTargets = (what, buttons) => targets.push(...buttons.map((b) => ({ what: `${what}: ${b.action}`, width: b.width, height: b.height })));

    before(async () => {
      ctx = await start({ testHooks: true, viewport: PHONE, prefs: { 'general.useragent.override': MOBILE_UA } });
    });

    it('the AI setting on its mobile route: the banner says "on" in words, fits the phone, stands above the switch; one click, verified', async () => {
      const { page } = await open(ctx, `${MOBILE}settings/data-for-ai-improvement`, { config: { state: 'on', mobile: true } });
      await waitForBanner(page, 'on', BANNER_TIMEOUT_MS);
      assert.match(await bannerText(page), /“Data for Generative AI Improvement” is on/, 'the state in words, not only a colour');
      assert.deepEqual(await bannerActions(page), ['switch-off', 'dismiss']);
      const l = await assertFitsPhone(page, 'on');
      recordTargets('banner on', l.buttons);
      assert.deepEqual(await fixture(page), { clicks: 0, saves: 0, decoyClicks: 0, checked: true }, 'nothing clicked before the person asks');

      await pressBannerButton(page, 'switch-off');
      await waitForBanner(page, 'verified', BANNER_TIMEOUT_MS);
      assert.match(await bannerText(page), /Done: “Data for Generative AI Improvement” is now off/);
      assert.deepEqual(await fixture(page), { clicks: 1, saves: 1, decoyClicks: 0, checked: false }, "one click, LinkedIn's switch off");
      recordTargets('banner verified', (await assertFitsPhone(page, 'verified')).buttons);
      await page.close();
    });

    it('the same route in the desktop app\'s markup (one responsive app): no horizontal scrolling, above the switch, one click, verified', async () => {
      // LinkedIn may serve its desktop app, settings rail and all, at phone width on this route [I].
      const { page } = await open(ctx, `${MOBILE}settings/data-for-ai-improvement`, { config: { state: 'on' } });
      await waitForBanner(page, 'on', BANNER_TIMEOUT_MS);
      // Beside the 240 px rail the banner is a narrow column taller than the screen (README: Firefox for Android).
      const l = await assertFitsPhone(page, 'desktop markup, on', { firstScreen: false });
      recordTargets('banner on, desktop markup', l.buttons);
      await pressBannerButton(page, 'switch-off');
      await waitForBanner(page, 'verified', BANNER_TIMEOUT_MS);
      assert.deepEqual(await fixture(page), { clicks: 1, saves: 1, decoyClicks: 0, checked: false });
      await page.close();
    });

    it('a checkup setting on its mobile route: the same banner, named for its setting, one click, verified', async () => {
      const { page } = await open(ctx, `${MOBILE}settings/policy-and-academic-research`, { config: { state: 'on', mobile: true } });
      await waitForBanner(page, 'on', BANNER_TIMEOUT_MS);
      assert.match(await bannerText(page), /“Social, economic, and workplace research” is on/);
      recordTargets('checkup banner on', (await assertFitsPhone(page, 'research, on')).buttons);
      await pressBannerButton(page, 'switch-off');
      await waitForBanner(page, 'verified', BANNER_TIMEOUT_MS);
      assert.match(await bannerText(page), /Done: “Social, economic, and workplace research” is now off/);
      assert.deepEqual(await fixture(page), { clicks: 1, saves: 1, decoyClicks: 0, checked: false });
      await page.close();
    });

    it('a switch already off on its mobile route (one of the mobile routes seen in public code [C]): the off banner, in words; nothing clicked', async () => {
      const { page } = await open(ctx, `${MOBILE}settings/ads-beyond-linkedin`, { config: { state: 'off', mobile: true } });
      await waitForBanner(page, 'off', BANNER_TIMEOUT_MS);
      assert.match(await bannerText(page), /“Ads outside of LinkedIn” is off/);
      assert.deepEqual(await bannerActions(page), ['dismiss']);
      recordTargets('banner off', (await assertFitsPhone(page, 'ads beyond LinkedIn, off')).buttons);
      assert.deepEqual(await fixture(page), { clicks: 0, saves: 0, decoyClicks: 0, checked: false });
      await page.close();
    });

    for (const [what, url, site] of [
      ['the mobile Data privacy category', `${MOBILE}categories/privacy`, { config: { state: 'on', mobile: true } }],
      ['the feed', FEED_URL, {}],
    ]) {
      it(`no banner on ${what}, a LinkedIn page that is not a setting's`, async () => {
        const { page } = await open(ctx, url, site);
        assert.equal(await page.evaluate(() => navigator.userAgent), MOBILE_UA);
        await sleep(QUIET_MS);
        assert.equal(await bannerState(page), null);
        assert.equal(await page.evaluate(() => window.__fixture?.clicks ?? 0), 0);
        assert.equal(await page.evaluate(() => window.__fixture?.decoyClicks ?? 0), 0);
        await page.close();
      });
    }

    it('the popup, opened as a tab at phone width: the state in words and its button without horizontal scrolling; the button opens the setting in a new tab', async () => {
      // Launched here, not by the suite: the new tab loads linkedin.com itself (no fixture serves a
      // tab the extension opens), the one request the check below allows.
      const own = await launch(name, { testHooks: true, viewport: PHONE, prefs: { 'general.useragent.override': MOBILE_UA } });
      try {
        // A reading on the mobile route, for the popup to show.
        const { page, violations } = await openFixture(own, `${MOBILE}settings/data-for-ai-improvement`, { config: { state: 'on', mobile: true } });
        await waitForBanner(page, 'on', BANNER_TIMEOUT_MS);
        await page.close();
        assert.deepEqual(violations, [], 'requests outside the fixture host');

        const popup = await openPopup(own);
        // The driver gives its viewport only to tabs it opens itself; this one the extension opened.
        await setViewport(popup, PHONE);
        const shown = await readPopup(popup);
        assert.equal(shown.state, 'on');
        assert.equal(shown.headline, 'On', 'the state in words');
        assert.equal(shown.button, 'Open the setting');
        const l = await popup.evaluate(() => {
          const box = (e) => { const r = e.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height }; };
          return {
            innerWidth, innerHeight, userAgent: navigator.userAgent, url: document.URL,
            clientWidth: document.documentElement.clientWidth, scrollWidth: document.documentElement.scrollWidth,
            title: document.getElementById('setting-title').textContent,
            headline: box(document.getElementById('headline')), button: box(document.getElementById('open')),
          };
        });
        const seen = JSON.stringify(l);
        assert.equal(l.userAgent, MOBILE_UA, 'the extension page sees Firefox for Android');
        assert.match(l.url, /^moz-extension:\/\/.*\/popup\.html$/, 'the popup is a tab of its own');
        assert.deepEqual([l.innerWidth, l.innerHeight], [PHONE.width, PHONE.height]);
        assert.ok(l.scrollWidth <= l.clientWidth, `no horizontal scrolling: ${seen}`);
        assert.equal(l.title, 'Data for Generative AI Improvement');
        for (const [part, b] of [['state', l.headline], ['button', l.button]]) {
          assert.ok(b.width > 0 && b.height > 0 && b.left >= 0 && b.right <= l.clientWidth, `the ${part} within the width: ${seen}`);
          assert.ok(b.top >= 0 && b.bottom <= l.innerHeight, `the ${part} in the first screen: ${seen}`);
        }
        assert.ok(l.button.height >= TARGET_AA_PX, `the button at least ${TARGET_AA_PX} px tall: ${seen}`);
        targets.push({ what: 'popup: open', width: l.button.width, height: l.button.height });

        // The person's press (trusted input). The popup is not a LinkedIn tab, so the setting opens in a new one.
        await popup.click('#open').catch(() => {}); // the popup may close itself while the click resolves
        assert.equal(await closeTabsShowing(own, SETTING_URL), 1, 'one new tab on the setting');
        // The link is the canonical desktop address (README: Firefox for Android); the popup's tab then closes, as a popup would.
        await waitFor("the popup's tab closed", async () => !(await testHook(own, 'tabUrls')).some((u) => u?.endsWith('/popup.html')));
        const requests = own.networkRequests().filter((r) => r !== USER_NAVIGATION);
        assert.deepEqual(requests, [], 'no request but the page the person asked for');
      } finally {
        await own.browser.close();
      }
    });

    it(`every touch target at least ${TARGET_TOUCH_PX} × ${TARGET_TOUCH_PX} px`, () => {
      assert.ok(targets.length > 0, 'targets were measured');
      const small = targets.filter((t) => t.width < TARGET_TOUCH_PX || t.height < TARGET_TOUCH_PX);
      assert.equal(small.length, 0, `below ${TARGET_TOUCH_PX} px: ${small.map((t) => `${t.what} ${t.width.toFixed(1)} × ${t.height.toFixed(1)}`).join('; ')}`);
    });
  });
}
