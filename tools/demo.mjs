// ./build.sh demo: shows the built extension on the bundled reconstruction of LinkedIn's settings
// page. With a display ($DISPLAY or $WAYLAND_DISPLAY) it opens a visible Chromium and waits until
// you close it; without one it runs headless in both browsers and saves a screenshot of each state
// under demo/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { BROWSERS, ROOT, SETTING_URL, launch, openFixture, pressBannerButton, waitForBanner } from '../tests/e2e/harness/index.mjs';

const headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !process.env.CI;
const out = join(ROOT, 'demo');
mkdirSync(out, { recursive: true });

async function shoot(page, file) {
  await page.screenshot({ path: join(out, file) });
  console.log(`saved demo/${file}`);
}

if (headed) {
  const browser = await puppeteer.launch({
    browser: 'chrome', executablePath: '/usr/bin/chromium', headless: false, pipe: true, enableExtensions: true,
    defaultViewport: null, args: ['--no-first-run', '--disable-background-networking', '--disable-sync'],
  });
  const ctx = { browser, extensionId: await browser.installExtension(join(ROOT, 'dist', 'chromium')) };
  await openFixture(ctx, SETTING_URL, { config: { state: 'on' } });
  console.log('Chromium is open on the reconstructed settings page. Close the window to end the demo.');
  await new Promise((resolve) => browser.on('disconnected', resolve));
} else {
  for (const name of BROWSERS) {
    const ctx = await launch(name);
    try {
      for (const markup of ['current', 'legacy']) {
        const { page } = await openFixture(ctx, SETTING_URL, { config: { markup, state: 'on' } });
        await waitForBanner(page, 'on');
        await shoot(page, `${name}-${markup}-on.png`);
        await pressBannerButton(page, 'switch-off');
        await waitForBanner(page, 'switching');
        await shoot(page, `${name}-${markup}-switching.png`);
        await waitForBanner(page, 'verified');
        await shoot(page, `${name}-${markup}-verified.png`);
        await page.close();
      }
      for (const [state, config] of [['off', { state: 'off' }], ['failed', { state: 'on', reject: true, rejectMessage: true }],
        ['unknown', { state: 'on', extraSwitches: 1 }]]) {
        const { page } = await openFixture(ctx, SETTING_URL, { config });
        if (state === 'failed') {
          await waitForBanner(page, 'on');
          await pressBannerButton(page, 'switch-off');
        }
        await waitForBanner(page, state, 15_000);
        await shoot(page, `${name}-current-${state}.png`);
        await page.close();
      }
      // A privacy-checkup page: the same banner, then the link to the next page of the checkup.
      const research = await openFixture(ctx, 'https://www.linkedin.com/mypreferences/d/settings/policy-and-academic-research', { config: { state: 'on' } });
      await waitForBanner(research.page, 'on');
      await pressBannerButton(research.page, 'switch-off');
      await waitForBanner(research.page, 'verified');
      await shoot(research.page, `${name}-checkup-verified.png`);
      await research.page.close();
      if (name === 'chromium') {
        // The popup, as the toolbar button shows it (400 px wide), after the checks above: the AI
        // setting, the checkup list, the history with undo; light and dark.
        const popup = await ctx.browser.newPage();
        await popup.setViewport({ width: 400, height: 600 });
        await popup.goto(`chrome-extension://${ctx.extensionId}/popup.html`);
        await popup.waitForSelector('#popup:not([data-state="loading"])');
        await popup.screenshot({ path: join(out, 'chromium-popup.png'), fullPage: true });
        await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
        await popup.screenshot({ path: join(out, 'chromium-popup-dark.png'), fullPage: true });
        console.log('saved demo/chromium-popup.png and demo/chromium-popup-dark.png');
        await popup.close();
      }
    } finally {
      await ctx.browser.close();
    }
  }
}
