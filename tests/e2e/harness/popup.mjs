// The popup's and options page's page objects.
import { emulateMedia } from './fixtures.mjs';
import { testHook } from './hooks.mjs';
import { pollPage, sleep } from './wait.mjs';

/**
 * Opens the extension's popup page in a tab and returns its page. Chromium: by URL. Firefox
 * (test builds only): the driver cannot navigate to moz-extension:// URLs, so the background
 * opens it and the new tab is found by its document URL.
 */
export async function openPopup(ctx) {
  return openExtensionPage(ctx, 'popup.html', 'openPopup');
}

/** Opens the options page in a tab, like openPopup. */
export async function openOptions(ctx) {
  return openExtensionPage(ctx, 'options.html', 'openOptions');
}

async function openExtensionPage(ctx, file, hook) {
  if (ctx.name === 'chromium') {
    const page = await ctx.browser.newPage();
    await emulateMedia(ctx, page);
    await page.goto(`chrome-extension://${ctx.extensionId}/${file}`);
    return page;
  }
  const before = new Set(await ctx.browser.pages());
  await testHook(ctx, hook);
  // Up to 20 s: on two busy cores (both browsers' suites at once) Firefox once took over 10 s to show it.
  for (let i = 0; i < 200; i++) {
    for (const page of await ctx.browser.pages()) {
      if (before.has(page)) continue;
      const url = await page.evaluate(() => document.URL).catch(() => '');
      if (url.startsWith('moz-extension://') && url.endsWith(`/${file}`)) return page;
    }
    await sleep(100);
  }
  throw new Error(`${file} tab not found`);
}

/** The popup's shown state: {state, headline, detail, notice (null when hidden), button}. */
export async function readPopup(popup) {
  await pollPage(popup, () => document.getElementById('popup')?.dataset.state !== 'loading', null);
  return popup.evaluate(() => {
    const notice = document.getElementById('notice');
    return {
      state: document.getElementById('popup').dataset.state,
      headline: document.getElementById('headline').textContent,
      detail: document.getElementById('detail').textContent,
      notice: notice.hidden ? null : notice.textContent,
      button: document.getElementById('open').textContent,
    };
  });
}


/**
 * Gives `page` a viewport of {width, height} (CSS px) and resolves once its window has that size.
 * puppeteer-core 24's Firefox driver sends the screen-orientation override beside the viewport;
 * Firefox ESR 140.10 does not know that command and the call rejects although the viewport was
 * set (CI, December 2026). That one rejection is let through only when the page's inner size then
 * is the one asked for; any other error, or a size that did not take, fails the test.
 */
export async function setViewport(page, viewport) {
  try {
    await page.setViewport(viewport);
  } catch (error) {
    if (!/unknown command emulation\.setScreenOrientationOverride/.test(String(error?.message))) throw error;
  }
  await pollPage(page, ({ width, height }) => window.innerWidth === width && window.innerHeight === height, viewport, 5_000);
}
