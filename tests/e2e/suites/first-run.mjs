// Two clicks from install to switched off (issue 17 point 1): the first click on the toolbar
// button opens the AI setting's page (the current tab when it shows LinkedIn, else a new tab),
// whose banner offers the one click; from then on, and once anything has been read, the popup
// takes over. Across browser restarts, with a persistent profile.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  closeTabsShowing, FEED_URL, ROOT, SETTING_URL, after, bannerActions, before, clickToolbarButton, describe, it, launch, pressBannerButton, suiteContexts,
  testHook, waitFor, waitForBanner,
} from '../harness/index.mjs';

const FIRST_CLICK_TITLE = 'Opt-Out Guard: “Data for Generative AI Improvement” has not been checked yet. Click to open it on LinkedIn.';

/** Waits until the toolbar button's popup is `popup` ('' for none): the background sets it when it starts. */
const popupIs = async (ctx, popup) => {
  let last;
  await waitFor(`the button's popup to be '${popup}'`, async () => (last = await testHook(ctx, 'actionPopup')) === popup).catch((e) => {
    throw new Error(`${e.message}; it is ${JSON.stringify(last)}`);
  });
};

/**
 * Clicks the toolbar button in `page`'s tab while the popup is set and checks that the popup is
 * what opens. Chromium: the popup's page appears; Firefox: the hook reports the popup.
 */
async function clickOpensPopup(ctx, page) {
  const clicked = await clickToolbarButton(ctx, page);
  if (ctx.name === 'firefox') {
    assert.match(clicked?.popup ?? '', /popup\.html$/);
    return;
  }
  const target = await ctx.browser.waitForTarget((t) => t.url() === `chrome-extension://${ctx.extensionId}/popup.html`, { timeout: 5_000 });
  assert.ok(target, 'the popup opened');
}

/** Defines this suite for browser `name` (`chromium` or `firefox`). */
export function firstRunSuite(name) {
  describe(`the first click after install in ${name}`, () => {
    const { start, open } = suiteContexts(name);
    let profile;
    before(() => {
      profile = mkdtempSync(join(tmpdir(), `optout-guard-first-run-${name}-`));
    });
    after(() => rmSync(profile, { recursive: true, force: true }));

    it('opens the setting in the LinkedIn tab, where the banner switches it off; then the popup takes over, across restarts', async () => {
      // Installed, nothing read: no popup, and the button's title says where a click goes.
      const installed = await launch(name, { testHooks: true, userDataDir: profile });
      try {
        await popupIs(installed, '');
        assert.equal((await testHook(installed, 'badge'))?.title, FIRST_CLICK_TITLE);
      } finally {
        await installed.browser.close();
      }
      // Restarted before the first click: still nothing read, still no popup.
      const ctx = await start({ testHooks: true, userDataDir: profile });
      await popupIs(ctx, '');
      const { page } = await open(ctx, FEED_URL, { config: { state: 'on' } });
      const clicked = await clickToolbarButton(ctx, page);
      if (name === 'firefox') assert.deepEqual(clicked, { clicked: true });
      await waitFor('the feed tab on the setting', () => page.url() === SETTING_URL);
      await waitForBanner(page, 'on');
      assert.ok((await bannerActions(page)).includes('switch-off'), 'the banner offers the one click');
      const shots = join(ROOT, 'demo');
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: join(shots, `${name}-first-run-1-opened.png`) });
      await pressBannerButton(page, 'switch-off');
      await waitForBanner(page, 'verified');
      await page.screenshot({ path: join(shots, `${name}-first-run-2-verified.png`) });
      await popupIs(ctx, 'popup.html');
      assert.notEqual((await testHook(ctx, 'badge'))?.title, FIRST_CLICK_TITLE);
      await clickOpensPopup(ctx, page);
      await page.close();
      await ctx.browser.close();
      // Restarted again: the popup, at once (the manifest names it; the memory keeps it).
      const again = await start({ testHooks: true, userDataDir: profile });
      await popupIs(again, 'popup.html');
      const feed = await open(again, FEED_URL);
      await clickOpensPopup(again, feed.page);
      await feed.page.close();
    });

    it('opens the setting in a new tab from any other tab, once: the next click shows the popup even though nothing was read', async () => {
      // Launched here, not by the suite: the new tab loads linkedin.com itself (no fixture serves a
      // tab the extension opens), the one request the check below allows.
      const ctx = await launch(name, { testHooks: true });
      try {
        await popupIs(ctx, '');
        const page = await ctx.browser.newPage();
        await page.goto('data:text/html,<title>another site</title>');
        await clickToolbarButton(ctx, page);
        assert.equal(await closeTabsShowing(ctx, SETTING_URL), 1, 'one new tab');
        assert.match(page.url(), /^data:/, 'the other tab stays where it was');
        // The new tab read nothing here, yet the next click is the popup's.
        await popupIs(ctx, 'popup.html');
        await clickOpensPopup(ctx, page);
        const requests = ctx.networkRequests().filter((r) => r !== 'CONNECT www.linkedin.com:443');
        assert.deepEqual(requests, [], 'no request but the page the person asked for');
      } finally {
        await ctx.browser.close();
      }
    });
  });
}
