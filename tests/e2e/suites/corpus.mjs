// The adversarial corpus (tests/corpus/cases.json), end to end in Chromium and Firefox: each case
// states its expected outcome; clicks on the site's switch, clicks on decoys and every request are
// counted over the whole run (LinkedIn's and ChatGPT's cases).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BANNER_TIMEOUT_MS, QUIET_MS, ROOT, after, bannerActions, bannerState, bannerText, before, describe, it, launch, openFixture, pressBannerButton,
  recordBannerStates, sleep, testHook, waitFor, waitForBanner,
} from '../harness/index.mjs';

const { cases } = JSON.parse(readFileSync(join(ROOT, 'tests', 'corpus', 'cases.json'), 'utf8'));
/**
 * Per site (the case URL's host): the manual path its banner shows (English), how the case's
 * browser is started, and the page's switch. ChatGPT is asked for at use: its cases run in a
 * second browser on the test build, whose manifest lists chatgpt.com as granted (the state after
 * the person enabled it in the popup).
 */
const SITES = {
  'www.linkedin.com': {
    manualPath: 'Me › Settings & Privacy › Data privacy › Data for Generative AI Improvement',
    launch: {},
    checked: () => document.querySelector('[data-fixture-switch="0"]').checked,
  },
  'chatgpt.com': {
    manualPath: 'Profile › Settings › Data controls › Improve the model for everyone',
    launch: { testHooks: true, granted: true },
    // The background registers its content script once it has started: the first case waits for it.
    ready: (ctx) => waitFor('ChatGPT\'s content script registered', async () => (await testHook(ctx, 'registeredScripts')).length > 0, 10_000),
    checked: () => document.querySelector('button[data-testid="improve-model-toggle"]')?.getAttribute('aria-checked') === 'true',
  },
};
const siteOf = (c) => SITES[new URL(c.url).host];

const counters = (page) => page.evaluate(() => ({
  clicks: window.__fixture?.clicks ?? 0, saves: window.__fixture?.saves ?? 0, decoyClicks: window.__fixture?.decoyClicks ?? 0,
}));

async function runStep(page, step) {
  if (step === 'press') {
    await waitForBanner(page, 'on', BANNER_TIMEOUT_MS);
    await pressBannerButton(page, 'switch-off');
  } else if (step === 'pressTwice') {
    await waitForBanner(page, 'on', BANNER_TIMEOUT_MS);
    await pressBannerButton(page, 'switch-off', 2);
  } else if (step === 'check') {
    await waitForBanner(page, 'unknown', BANNER_TIMEOUT_MS);
    await pressBannerButton(page, 'check');
  } else if (step === 'back') {
    await page.evaluate(() => history.back());
  } else if ('click' in step) {
    await page.waitForSelector(step.click);
    await page.click(step.click);
  } else if ('navigate' in step) {
    await page.evaluate((p) => window.__navigate(p), step.navigate);
  } else if ('sleep' in step) {
    await sleep(step.sleep);
  } else if ('expectBanner' in step) {
    assert.equal(await bannerState(page), step.expectBanner, `banner at this step`);
  } else if ('waitBanner' in step) {
    await waitForBanner(page, step.waitBanner, BANNER_TIMEOUT_MS);
  } else {
    throw new Error(`unknown step ${JSON.stringify(step)}`);
  }
}

/**
 * Where the person sees the banner: in the first screen, spanning the content box of the element
 * it is in, above LinkedIn's switch, which stays within the first screen too (CSS px).
 */
async function assertPlacement(page) {
  const p = await page.evaluate(() => {
    const host = document.querySelector('[data-optout-guard="banner"]');
    const sw = document.querySelector('[data-fixture-switch="0"]');
    const parent = host.parentElement;
    const cs = getComputedStyle(parent);
    const content = parent.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    return { banner: host.getBoundingClientRect().toJSON(), content, sw: sw.getBoundingClientRect().toJSON(), viewport: innerHeight };
  });
  assert.ok(p.banner.height > 40 && p.banner.top >= 0 && p.banner.bottom <= p.viewport, `banner in the first screen: ${JSON.stringify(p.banner)}`);
  assert.ok(Math.abs(p.banner.width - p.content) < 1, `spans its block: ${p.banner.width} of ${p.content}`);
  assert.ok(p.banner.bottom <= p.sw.top && p.sw.bottom <= p.viewport, `above the switch, which is in the first screen: ${JSON.stringify(p.sw)}`);
}

/** Defines this suite for browser `name` (`chromium` or `firefox`). */
export function corpusSuite(name) {
  describe(`corpus in ${name}`, () => {
    /** One browser per site's launch options, started at its first case. */
    const contexts = new Map();
    const contextFor = async (site) => {
      if (!contexts.has(site)) {
        const ctx = await launch(name, site.launch);
        contexts.set(site, ctx);
        await site.ready?.(ctx);
      }
      return contexts.get(site);
    };
    const opened = [];
    const totals = { cases: 0, clicks: 0, unexpectedClicks: 0, decoyClicks: 0 };
    const started = Date.now();

    before(async () => {
      await contextFor(SITES['www.linkedin.com']);
    });
    after(async () => {
      const requests = [];
      for (const ctx of contexts.values()) {
        await ctx.browser.close();
        requests.push(...ctx.networkRequests());
      }
      assert.deepEqual(requests, [], 'requests that reached the network, from any context');
      const violations = opened.flatMap((o) => o.violations);
      console.log(`# corpus ${name}: ${totals.cases} cases, ${totals.clicks} clicks on the sites' switches, ` +
        `${totals.unexpectedClicks} beyond the cases' expectations, ${totals.decoyClicks} on decoys, ${violations.length} requests off the fixture host, ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s`);
      assert.deepEqual(violations, [], 'requests outside the fixture host');
    });

    for (const c of cases) {
      it(`[${c.group}] ${c.id}: ${c.title}`, async () => {
        const site = siteOf(c);
        const o = await openFixture(await contextFor(site), c.url, { config: c.config });
        opened.push(o);
        const { page } = o;
        const e = c.expect;
        try {
          if (e.quietFirstMs) {
            await sleep(e.quietFirstMs);
            assert.equal(await bannerState(page), null, 'no banner before the switch renders');
          }
          if (e.initial) await waitForBanner(page, e.initial, BANNER_TIMEOUT_MS);
          if (e.placement && e.initial) await assertPlacement(page);
          await recordBannerStates(page);
          for (const step of c.steps) await runStep(page, step);
          if (e.banner === null) {
            await sleep(QUIET_MS);
            assert.equal(await bannerState(page), null, 'no banner');
          } else {
            await waitForBanner(page, e.banner, BANNER_TIMEOUT_MS);
            await sleep(300);
            assert.equal(await bannerState(page), e.banner, 'banner state is stable');
          }
          const got = await counters(page);
          totals.cases += 1;
          totals.clicks += got.clicks;
          totals.decoyClicks += got.decoyClicks;
          if (got.clicks > (e.clicks ?? 0)) totals.unexpectedClicks += got.clicks - (e.clicks ?? 0);
          if ('clicks' in e) assert.equal(got.clicks, e.clicks, "clicks on the site's switch");
          if ('saves' in e) assert.equal(got.saves, e.saves, 'saves');
          assert.equal(got.decoyClicks, 0, 'clicks on decoys');
          if ('checked' in e) {
            assert.equal(await page.evaluate(site.checked), e.checked, "the site's switch");
          }
          if (e.never) {
            const states = await page.evaluate(() => window.__bannerStates);
            for (const s of e.never) assert.ok(!states.includes(s), `never ${s}; saw ${states}`);
          }
          if (e.text) assert.match(await bannerText(page), new RegExp(e.text));
          if (e.manualPath) assert.ok((await bannerText(page)).includes(site.manualPath), 'manual path shown');
          if (e.noCheck) assert.ok(!(await bannerActions(page)).includes('check'), 'no check offered');
          if (e.placement && !e.initial) await assertPlacement(page);
          if (e.uiDirection) {
            const dir = await page.evaluate(() => getComputedStyle(document.querySelector('[data-optout-guard="banner"]').shadowRoot.querySelector('[role="region"]')).direction);
            assert.equal(dir, e.uiDirection, "the banner's own direction");
          }
        } finally {
          await page.close();
        }
      });
    }
  });
}
