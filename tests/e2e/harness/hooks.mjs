// Test-build hooks (dist-test/, dist-probe/; never dist/): read the badge and storage where the
// driver cannot reach them, and run background commands (extension/test-hooks).
import { openFixture } from './fixtures.mjs';

/** Chromium only: {text, title} of the action badge for the tab showing `url`. */
export async function chromiumBadge(ctx, url) {
  const target = await ctx.browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${ctx.extensionId}/`),
  );
  const worker = await target.worker();
  return worker.evaluate(async (u) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((t) => t.url === u);
    if (!tab) return null;
    return { text: await chrome.action.getBadgeText({ tabId: tab.id }), title: await chrome.action.getTitle({ tabId: tab.id }) };
  }, url);
}

/**
 * Chromium only: waits until the action badge of the tab showing `url` reads `text` (the
 * background sets it from the page's report, a moment after the banner changes); returns
 * {text, title}. Throws after `timeout` ms with the last badge seen.
 */
export async function waitForBadge(ctx, url, text, timeout = 5_000) {
  const deadline = Date.now() + timeout;
  let badge = null;
  while (Date.now() < deadline) {
    badge = await chromiumBadge(ctx, url);
    if (badge?.text === text) return badge;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`the badge did not read ${text} within ${timeout} ms: ${JSON.stringify(badge)}`);
}

/**
 * Test builds only: runs a test-hook command in the background (see extension/test-hooks) from a
 * fixture page at https://www.linkedin.com/__optout_test__/, opened once per context.
 */
export async function testHook(ctx, cmd, args = {}) {
  if (!ctx.hookPage) {
    ctx.hookPage = (await openFixture(ctx, 'https://www.linkedin.com/__optout_test__/')).page;
    await ctx.hookPage.waitForFunction(() => document.documentElement.dataset.optoutGuardTestHooks === 'ready');
  }
  return ctx.hookPage.evaluate((request) => new Promise((resolve) => {
    const onMessage = (event) => {
      const r = event.data?.optoutGuardTestResult;
      if (r?.id !== request.id) return;
      window.removeEventListener('message', onMessage);
      resolve(r.result);
    };
    window.addEventListener('message', onMessage);
    window.postMessage({ optoutGuardTest: request }, '*');
  }), { id: Math.random().toString(36).slice(2), cmd, args });
}


/**
 * Clicks the toolbar button in the tab of `page` (its URL must be the only tab's showing it). Chromium: the real button, over CDP
 * (`Extensions.triggerAction`; opens the popup when one is set, else fires `action.onClicked`);
 * resolves to null. Firefox (test builds only): its driver cannot click the button, so the test
 * hook does what a click does: resolves to {popup} when a popup is set (the browser would open
 * it), else runs the background's onClicked handler and resolves to {clicked: true}.
 */
export async function clickToolbarButton(ctx, page) {
  if (ctx.name === 'firefox') return testHook(ctx, 'clickAction', { url: page.url() });
  // The action runs on a tab target (the parent of the page's target), found by the page's URL.
  const session = await ctx.browser.target().createCDPSession();
  const { targetInfos } = await session.send('Target.getTargets', { filter: [{ type: 'tab' }] });
  const tabs = targetInfos.filter((t) => t.url === page.url());
  if (tabs.length !== 1) throw new Error(`${tabs.length} tabs show ${page.url()}: the toolbar button's tab is not known`);
  await session.send('Extensions.triggerAction', { id: ctx.extensionId, targetId: tabs[0].targetId });
  await session.detach();
  return null;
}

/**
 * Test builds only: waits (up to `timeout` ms) for a tab showing `url` that the extension opened,
 * then closes every tab showing it, asking again until none is left (a tab that is still
 * committing its navigation can be missed by one query); resolves to how many tabs it closed.
 */
export async function closeTabsShowing(ctx, url, timeout = 15_000) {
  const closed = new Set();
  const deadline = Date.now() + timeout;
  // Once one is closed, ask for another 500 ms: a second tab opened a moment later is counted too.
  let settledAt = null;
  for (;;) {
    const now = await testHook(ctx, 'closeTabs', { url });
    for (const id of now) closed.add(id);
    if (now.length > 0) settledAt = null;
    else if (closed.size > 0) settledAt ??= Date.now();
    if (settledAt !== null && Date.now() - settledAt >= 500) return closed.size;
    if (Date.now() > deadline) {
      if (now.length > 0) throw new Error(`a tab showing ${url} was still open after ${timeout} ms`);
      return 0;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Test builds only: the stored memory (`storage.local` `memory`), undefined when none. */
export async function storedMemory(ctx) {
  return (await testHook(ctx, 'storageGet', { area: 'local', keys: ['memory'] })).memory;
}

/** Test builds only: an empty memory (schema v2), for a test that starts from nothing remembered. */
export function resetMemory(ctx) {
  return testHook(ctx, 'storageSet', { area: 'local', items: { memory: { version: 3, settings: {}, history: [], undo: null } } });
}
