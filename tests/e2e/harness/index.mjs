// The end-to-end harness, one import for the suites: browser launch, fixture serving, the banner
// and popup page objects, test hooks and waits, each in its own module.
export { BROWSERS, launch } from './browser.mjs';
export { BANNER_HOST, BANNER_TIMEOUT_MS, QUIET_MS, bannerActions, bannerState, bannerText, pressBannerButton, pressUntilFailed, recordBannerStates, waitForBanner } from './banner.mjs';
export { CHATGPT_CHAT_URL, CHATGPT_SETTING_URL, FEED_URL, LINKEDIN_CSP, PRIVACY_URL, SETTING_URL, openFixture, strictCsp } from './fixtures.mjs';
export { chromiumBadge, clickToolbarButton, closeTabsShowing, resetMemory, storedMemory, testHook, waitForBadge } from './hooks.mjs';
export { ROOT } from './paths.mjs';
export { suiteContexts } from './contexts.mjs';
export { openOptions, openPopup, readPopup, setViewport } from './popup.mjs';
export { pollPage, sleep, waitFor } from './wait.mjs';
export { BROWSER_CLOSE_MS, PAGE_CLOSE_MS, TEST_TIMEOUT_MS, after, before, describe, it } from './bounds.mjs';
