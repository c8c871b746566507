// Accessibility, end to end in real Chromium and Firefox: axe-core on the banner in each of its
// six states and on the popup, in a light and a dark colour scheme; the banner with the keyboard
// only; its live region; where focus is (and is not) moved; reduced motion; and its place on the
// page, never over LinkedIn's switch, at desktop width and at 400 px.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  BANNER_HOST, BANNER_TIMEOUT_MS, SETTING_URL, after, bannerState, before, describe, it, launch, openFixture, openOptions, openPopup,
  pollPage, pressBannerButton, sleep, testHook, waitFor, waitForBanner,
} from '../harness/index.mjs';

/** axe-core's browser build, evaluated into each page by the driver (see injectAxe). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Fixture configs that put the banner in each state, and the button to press to get there.
 * `switching` holds for ~6 s (the fixture disables its switch while its save is pending, and the
 * extension settles only on a readable switch), then turns `verified`. `unknown`: two switches
 * carry the key, shown as unknown once the bounded wait (8 s) ends.
 */
const STATES = {
  on: { config: { state: 'on' } },
  off: { config: { state: 'off' } },
  switching: { config: { state: 'on', saveDelayMs: 6_000, disableWhileSaving: true }, press: 'switch-off' },
  failed: { config: { state: 'on', reject: true, saveDelayMs: 300 }, press: 'switch-off' },
  unknown: { config: { state: 'on', extraSwitches: 1 } },
};

/**
 * Makes axe-core available in `page`: its source is evaluated by the driver (CDP in Chromium,
 * WebDriver BiDi in Firefox), which the page's Content-Security-Policy does not govern, so no
 * <script> element is added and LinkedIn's CSP (and the extension pages' CSP) stay in force.
 */
async function injectAxe(page) {
  if (!(await page.evaluate(() => typeof window.axe?.run === 'function'))) await page.evaluate(AXE_SOURCE);
  const version = await page.evaluate(() => window.axe?.version);
  assert.ok(version, 'axe-core did not load in the page');
}

/**
 * Runs axe-core with every rule it enables by default (WCAG 2.x A and AA, and best practices) on
 * `context` (a CSS selector, or null for the whole document). Returns {violations, incomplete}
 * as readable lists, `contrastPassed`: the number of elements whose colour contrast axe
 * measured and found sufficient, and `inBanner`: violations of a whole-document run that point
 * into the banner.
 */
async function runAxe(page, context) {
  await injectAxe(page);
  return page.evaluate(async (ctx, host) => {
    const result = await window.axe.run(ctx ? { include: [ctx] } : document, { elementRef: true });
    const bannerHost = document.querySelector(host);
    const inBanner = (el) => !!bannerHost && (el === bannerHost || el?.getRootNode() === bannerHost.shadowRoot);
    const list = (items, keep = () => true) => items.flatMap((r) => r.nodes.filter((n) => keep(n.element)).map((n) => ({
      rule: r.id, impact: n.impact, target: n.target.flat().join(' >>> '), why: n.failureSummary ?? n.any.map((c) => c.message).join('; '),
    })));
    const contrast = result.passes.find((r) => r.id === 'color-contrast');
    return {
      violations: list(result.violations),
      incomplete: list(result.incomplete),
      contrastPassed: contrast?.nodes.length ?? 0,
      rulesPassed: result.passes.length,
      inBanner: list(result.violations, inBanner),
    };
  }, context, BANNER_HOST);
}

/** The number of elements in the banner's shadow root that show text of their own. */
function bannerTextElements(page) {
  return page.evaluate((host) => [...document.querySelector(host).shadowRoot.querySelectorAll('*')]
    .filter((e) => e.tagName !== 'STYLE' && [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim())).length, BANNER_HOST);
}

/** Asserts that axe finds nothing wrong with the banner, and that it measured every text's contrast. */
async function assertBannerAccessible(page, state) {
  const scoped = await runAxe(page, BANNER_HOST);
  assert.deepEqual(scoped.violations, [], `axe violations in the banner (${state})`);
  assert.ok(scoped.rulesPassed >= 10, `axe checked the banner (${scoped.rulesPassed} rules passed)`);
  assert.deepEqual(scoped.incomplete.filter((i) => i.rule === 'color-contrast'), [], `contrast axe could not measure (${state})`);
  assert.equal(scoped.contrastPassed, await bannerTextElements(page), `every text in the banner passed color-contrast (${state})`);
  // Page-level rules (landmarks, ids) see the banner only in a whole-document run.
  const whole = await runAxe(page, null);
  assert.deepEqual(whole.inBanner, [], `whole-page axe violations in the banner (${state})`);
}

/** Where focus is: `banner:<data-action or tag>` inside the banner, else the focused page element. */
function focusedThing(page) {
  return page.evaluate((host) => {
    const a = document.activeElement;
    if (a?.matches(host)) {
      const inner = a.shadowRoot.activeElement;
      return `banner:${inner?.dataset.action ?? inner?.tagName.toLowerCase() ?? 'host'}`;
    }
    if (!a) return 'none';
    if (a.dataset.fixtureSwitch !== undefined) return 'switch';
    return a.tagName.toLowerCase() + (a.getAttribute('aria-label') ? `[${a.getAttribute('aria-label')}]` : '');
  }, BANNER_HOST);
}

/** Relative luminance (WCAG) of a computed `rgb(…)`/`rgba(…)` colour. */
function luminance(css) {
  const [r, g, b] = css.match(/[\d.]+/g).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Computed colours of the banner's box and motion in its shadow tree (pseudo-elements included). */
function bannerLook(page) {
  return page.evaluate((host) => {
    const root = document.querySelector(host).shadowRoot;
    const box = getComputedStyle(root.querySelector('.banner'));
    const styles = [...root.querySelectorAll('*')].flatMap((e) => [getComputedStyle(e), getComputedStyle(e, '::before'), getComputedStyle(e, '::after')]);
    const positive = (list) => list.split(',').some((d) => parseFloat(d) > 0);
    return {
      background: box.backgroundColor,
      color: box.color,
      animated: styles.filter((s) => s.animationName && s.animationName !== 'none' && positive(s.animationDuration)).length,
      transitions: styles.filter((s) => positive(s.transitionDuration)).length,
      running: typeof root.getAnimations === 'function' ? root.getAnimations().length : document.getAnimations().length,
    };
  }, BANNER_HOST);
}

/**
 * The banner and LinkedIn's switch on the page: their boxes (after scrolling the switch into
 * view), whether the switch is what a click at its centre would hit, and the banner's placement.
 */
function layout(page) {
  return page.evaluate((host) => {
    const h = document.querySelector(host);
    const sw = document.querySelector('[data-fixture-switch="0"]');
    sw.scrollIntoView({ block: 'center' });
    const box = (e) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    };
    const s = box(sw);
    const hit = document.elementFromPoint((s.left + s.right) / 2, (s.top + s.bottom) / 2);
    const region = h.shadowRoot.querySelector('.banner');
    return {
      banner: box(h),
      switchBox: s,
      row: box(sw.closest('.row')),
      switchHit: hit === sw,
      positions: [getComputedStyle(h).position, getComputedStyle(region).position],
      parent: h.parentElement.tagName.toLowerCase(),
      firstChild: h.parentElement.firstElementChild === h,
      buttons: [...h.shadowRoot.querySelectorAll('button')].map(box),
      regionBox: box(region),
      viewport: innerWidth,
    };
  }, BANNER_HOST);
}

const intersects = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Asserts that the banner sits in flow at the top of <main> and covers no part of LinkedIn's switch row. */
async function assertSwitchUncovered(page, what) {
  const l = await layout(page);
  assert.deepEqual(l.positions, ['static', 'static'], `banner is in flow, not an overlay (${what})`);
  assert.equal(l.parent, 'main', `banner is in <main> (${what})`);
  assert.ok(l.firstChild, `banner is <main>'s first child (${what})`);
  assert.ok(!intersects(l.banner, l.switchBox), `banner ${JSON.stringify(l.banner)} overlaps the switch ${JSON.stringify(l.switchBox)} (${what})`);
  assert.ok(!intersects(l.banner, l.row), `banner ${JSON.stringify(l.banner)} overlaps the switch's row ${JSON.stringify(l.row)} (${what})`);
  assert.ok(l.switchHit, `a click at the switch's centre reaches the switch (${what})`);
  return l;
}

/** Defines this suite for browser `name` (`chromium` or `firefox`). */
export function a11ySuite(name) {
  describe(`accessibility in ${name}`, () => {
    const contexts = [];
    const opened = [];
    /** Starts a browser (test build: Firefox reaches the popup through the test hooks). */
    const start = async (options) => {
      const ctx = await launch(name, { testHooks: true, ...options });
      contexts.push(ctx);
      return ctx;
    };
    const open = async (ctx, config) => {
      const o = await openFixture(ctx, SETTING_URL, { config });
      opened.push(o);
      return o.page;
    };
    /** Opens the setting's page and brings the banner to `state` (the first step's state when it is pressed). */
    const openInState = async (ctx, state) => {
      const { config, press } = STATES[state];
      const page = await open(ctx, config);
      if (press) {
        await waitForBanner(page, 'on', BANNER_TIMEOUT_MS);
        await pressBannerButton(page, press);
      }
      await waitForBanner(page, state, BANNER_TIMEOUT_MS);
      return page;
    };
    const fixture = (page) => page.evaluate(() => ({ clicks: window.__fixture.clicks, saves: window.__fixture.saves }));

    after(async () => {
      const violations = opened.flatMap((o) => o.violations);
      for (const ctx of contexts) await ctx.browser.close();
      assert.deepEqual(contexts.flatMap((c) => c.networkRequests()), [], 'requests that reached the network, from any context');
      assert.deepEqual(violations, [], 'requests outside the fixture host');
    });

    for (const scheme of ['light', 'dark']) {
      // Light with motion allowed, dark with reduced motion: each preference is seen both ways.
      const reducedMotion = scheme === 'dark' ? 'reduce' : 'no-preference';
      describe(`${scheme} colour scheme, reduced motion: ${reducedMotion}`, () => {
        let ctx;
        before(async () => {
          ctx = await start({ colorScheme: scheme, reducedMotion });
        });

        /** Asserts the banner's colours follow the scheme. */
        const assertScheme = async (page) => {
          const look = await bannerLook(page);
          const [bg, fg] = [luminance(look.background), luminance(look.color)];
          if (scheme === 'dark') assert.ok(bg < 0.1 && fg > 0.6, `dark banner: ${look.background} / ${look.color}`);
          else assert.ok(bg > 0.7 && fg < 0.1, `light banner: ${look.background} / ${look.color}`);
          return look;
        };

        for (const state of ['on', 'off', 'failed', 'unknown']) {
          it(`${state}: axe finds no violations, every text has enough contrast, colours follow the scheme`, async () => {
            const page = await openInState(ctx, state);
            await assertBannerAccessible(page, state);
            await assertScheme(page);
            await page.close();
          });
        }

        it(`switching, then verified: axe finds no violations; motion ${reducedMotion === 'reduce' ? 'stops' : 'shows'}`, async () => {
          const page = await openInState(ctx, 'switching');
          await assertBannerAccessible(page, 'switching');
          const look = await assertScheme(page);
          if (reducedMotion === 'reduce') {
            assert.deepEqual([look.animated, look.transitions, look.running], [0, 0, 0], 'no animation or transition with reduced motion');
          } else {
            // The busy spinner turns when motion is allowed (so the check above can fail).
            assert.ok(look.animated >= 1 && look.running >= 1, `busy spinner animates: ${JSON.stringify(look)}`);
          }
          await waitForBanner(page, 'verified', BANNER_TIMEOUT_MS);
          await assertBannerAccessible(page, 'verified');
          await assertScheme(page);
          await page.close();
        });

        it('options page: axe finds no violations, also with the error shown', async () => {
          const options = await openOptions(ctx);
          await pollPage(options, () => document.getElementById('options-page')?.dataset.ready === 'true', null);
          let result = await runAxe(options, null);
          assert.deepEqual(result.violations, [], 'axe violations on the options page');
          await options.evaluate(() => {
            document.getElementById('recheck-days').value = '0';
            document.getElementById('save').click();
          });
          await pollPage(options, () => document.getElementById('status').dataset.kind === 'error', null);
          result = await runAxe(options, null);
          assert.deepEqual(result.violations, [], 'axe violations with the validation error');
          assert.ok(result.contrastPassed >= 1, 'axe measured the text contrast');
          await options.close();
        });

        it('popup: axe finds no violations in the whole document', async () => {
          const popup = await openPopup(ctx);
          // Kept generic for any popup design: loaded, and nothing marked busy any more.
          await pollPage(popup, () => document.readyState === 'complete' && !document.querySelector('[aria-busy="true"]'), null);
          const result = await runAxe(popup, null);
          assert.deepEqual(result.violations, [], 'axe violations in the popup');
          assert.ok(result.contrastPassed >= 1, 'axe measured the popup text contrast');
          assert.deepEqual(result.incomplete.filter((i) => i.rule === 'color-contrast'), [], 'popup contrast axe could not measure');
          const dark = await popup.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
          assert.equal(dark, scheme === 'dark', 'the popup sees the colour scheme');
          await popup.close();
        });

        if (scheme !== 'light') return;

        it('keyboard only: Tab reaches the buttons, Enter switches off, Space dismisses; focus goes to the main heading', async () => {
          const page = await open(ctx, STATES.on.config);
          await waitForBanner(page, 'on');
          // Start from the page element just before the banner: the settings nav's last link.
          await page.focus('nav a:last-of-type');
          await page.keyboard.press('Tab');
          assert.equal(await focusedThing(page), 'banner:switch-off');
          await page.keyboard.press('Tab');
          assert.equal(await focusedThing(page), 'banner:dismiss');
          await page.keyboard.press('Tab');
          assert.equal(await focusedThing(page), 'banner:a', 'then the objection-form link, after the buttons');
          await page.keyboard.press('Tab');
          assert.equal(await focusedThing(page), 'button[Back]', 'Tab leaves the banner for the page');
          await page.keyboard.down('Shift');
          for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
          await page.keyboard.up('Shift');
          assert.equal(await focusedThing(page), 'banner:switch-off', 'Shift+Tab comes back');
          assert.deepEqual(await fixture(page), { clicks: 0, saves: 0 }, 'moving focus clicks nothing');

          await page.keyboard.press('Enter');
          await waitForBanner(page, 'switching');
          assert.equal(await focusedThing(page), 'banner:section', 'focus stays in the banner while its button is gone');
          await waitForBanner(page, 'verified', BANNER_TIMEOUT_MS);
          assert.deepEqual(await fixture(page), { clicks: 1, saves: 1 }, 'Enter switched it off, once');
          assert.equal(await focusedThing(page), 'banner:dismiss', 'focus on the one button left');

          await page.keyboard.press(' ');
          await pollPage(page, (h) => !document.querySelector(h), BANNER_HOST, 3_000);
          assert.equal(await focusedThing(page), 'h1', 'focus on the main heading after dismissing');
          assert.equal(await page.evaluate(() => document.querySelector('main h1').getAttribute('tabindex')), '-1');
          // Tab goes on from where the banner was, to LinkedIn's switch; the heading is left as found.
          await page.keyboard.press('Tab');
          assert.equal(await focusedThing(page), 'switch');
          assert.equal(await page.evaluate(() => document.querySelector('main h1').hasAttribute('tabindex')), false);
          assert.deepEqual(await fixture(page), { clicks: 1, saves: 1 }, 'nothing else was clicked');
          await page.close();
        });

        it('keyboard only: Space on "Not now" dismisses without clicking; focus goes to the main heading', async () => {
          const page = await open(ctx, STATES.on.config);
          await waitForBanner(page, 'on');
          await page.focus('nav a:last-of-type');
          await page.keyboard.press('Tab');
          await page.keyboard.press('Tab');
          assert.equal(await focusedThing(page), 'banner:dismiss');
          await page.keyboard.press(' ');
          await pollPage(page, (h) => !document.querySelector(h), BANNER_HOST, 3_000);
          assert.equal(await focusedThing(page), 'h1');
          await sleep(1_500);
          assert.equal(await bannerState(page), null, 'stays dismissed');
          assert.deepEqual(await fixture(page), { clicks: 0, saves: 0 });
          await page.close();
          // "Not now" is remembered for later visits: withdraw it, so the next tests see the banner.
          const { memory } = await waitFor('the dismissal remembered', async () => {
            const got = await testHook(ctx, 'storageGet', { area: 'local', keys: ['memory'] });
            return got?.memory?.dismissed?.aiTraining && got;
          });
          await testHook(ctx, 'storageSet', { area: 'local', items: { memory: { ...memory, dismissed: {} } } });
        });

        it('one persistent polite live region carries each state change', async () => {
          const page = await open(ctx, STATES.on.config);
          await waitForBanner(page, 'on');
          const live = await page.evaluate((host) => {
            const root = document.querySelector(host).shadowRoot;
            const regions = [...root.querySelectorAll('[aria-live], [role="status"], [role="alert"], [role="log"]')];
            window.__live = root.querySelector('[role="status"]');
            window.__liveTexts = [window.__live.querySelector('.title').textContent];
            new MutationObserver(() => {
              const title = window.__live.querySelector('.title')?.textContent;
              if (title && window.__liveTexts.at(-1) !== title) window.__liveTexts.push(title);
            }).observe(window.__live, { childList: true, subtree: true, characterData: true });
            return { count: regions.length, role: window.__live.getAttribute('role'), politeness: window.__live.getAttribute('aria-live') };
          }, BANNER_HOST);
          assert.deepEqual(live, { count: 1, role: 'status', politeness: 'polite' });
          const sameRegion = () => page.evaluate((host) => {
            const root = document.querySelector(host).shadowRoot;
            let busy = false;
            for (let e = window.__live; e; e = e.parentElement) busy ||= e.getAttribute('aria-busy') === 'true';
            return { same: window.__live.isConnected && root.querySelector('[role="status"]') === window.__live, busy };
          }, BANNER_HOST);
          await pressBannerButton(page, 'switch-off');
          await waitForBanner(page, 'switching');
          assert.deepEqual(await sameRegion(), { same: true, busy: false }, 'switching: same live region, not held back by aria-busy');
          await waitForBanner(page, 'verified', BANNER_TIMEOUT_MS);
          assert.deepEqual(await sameRegion(), { same: true, busy: false }, 'verified: same live region');
          const titles = await page.evaluate(() => window.__liveTexts);
          assert.equal(titles.length, 3, `one change per state: ${JSON.stringify(titles)}`);
          assert.match(titles[0], /Data for Generative AI Improvement” is on/);
          assert.match(titles[1], /Turning it off/);
          assert.match(titles[2], /^Done/);
          await page.close();
        });

        it('never takes focus: not when it appears, not when its state changes', async () => {
          // Focus on a page link while the switch (and so the banner) is still to come.
          const page = await open(ctx, { state: 'on', renderDelayMs: 1_500 });
          await page.evaluate(() => {
            window.__focusMoves = [];
            document.addEventListener('focusin', (e) => window.__focusMoves.push(e.composedPath()[0].tagName.toLowerCase()), true);
          });
          await page.focus('nav a[aria-current]');
          assert.equal(await bannerState(page), null, 'the banner is still to come');
          await waitForBanner(page, 'on');
          await sleep(500);
          // The page turns its switch off by itself: the banner re-renders as off.
          await page.evaluate(() => { document.querySelector('[data-fixture-switch="0"]').checked = false; });
          await waitForBanner(page, 'off', 5_000);
          await sleep(500);
          assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-current')), 'page', 'focus stayed on the link');
          assert.deepEqual(await page.evaluate(() => window.__focusMoves), ['a'], 'the only focus move was ours');

          // Nothing focused at all: the banner leaves it so.
          const quiet = await open(ctx, STATES.on.config);
          await waitForBanner(quiet, 'on');
          await sleep(500);
          assert.equal(await quiet.evaluate(() => document.activeElement === document.body), true, 'focus stays on <body>');
          await quiet.close();
          await page.close();
        });

        for (const state of ['on', 'failed']) {
          it(`${state}: the banner never covers LinkedIn's switch (desktop width)`, async () => {
            const page = await openInState(ctx, state);
            const l = await assertSwitchUncovered(page, `${state}, ${name}`);
            assert.equal(l.viewport, 1100);
            await page.close();
          });
        }
      });
    }

    describe('narrow window, 400 px', () => {
      let ctx;
      before(async () => {
        ctx = await start({ viewport: { width: 400, height: 800 } });
      });

      for (const state of ['on', 'failed']) {
        it(`${state}: the banner never covers LinkedIn's switch, keeps its buttons inside and does not widen the page`, async () => {
          const page = await openInState(ctx, state);
          const l = await assertSwitchUncovered(page, `${state}, 400 px, ${name}`);
          assert.equal(l.viewport, 400, 'the window is 400 px wide');
          for (const b of l.buttons) {
            assert.ok(b.left >= l.regionBox.left && b.right <= l.regionBox.right, `button ${JSON.stringify(b)} inside the banner ${JSON.stringify(l.regionBox)}`);
          }
          // Horizontal overflow of the page (scrolled-off width beyond the window, scrollbars aside).
          const overflow = await page.evaluate((host) => {
            const h = document.querySelector(host);
            const over = () => document.documentElement.scrollWidth - document.documentElement.clientWidth;
            const withBanner = over();
            h.style.display = 'none';
            const without = over();
            h.style.removeProperty('display');
            const main = h.parentElement.getBoundingClientRect();
            const box = h.getBoundingClientRect();
            return { withBanner, without, inMain: box.left >= main.left && box.right <= main.right };
          }, BANNER_HOST);
          assert.ok(overflow.withBanner <= overflow.without, `the banner does not make the page wider: ${JSON.stringify(overflow)}`);
          assert.ok(overflow.inMain, 'the banner fits in <main>');
          await assertBannerAccessible(page, `${state}, 400 px`);
          await page.close();
        });
      }
    });
  });
}
