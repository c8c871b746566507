// The banner's page object: reads and presses the banner through its test contract
// ([data-optout-guard="banner"], data-state, an open shadow root, button[data-action]).
import { pollPage, sleep } from './wait.mjs';

/** The banner's host element, the test contract's one selector. */
export const BANNER_HOST = '[data-optout-guard="banner"]';
/** Time in which a banner would certainly have appeared, had the extension wanted one (ms). */
export const QUIET_MS = 2_500;
/** Upper bound for a banner state to appear: the 8 s bounded wait plus margin on 2 busy cores (ms). */
export const BANNER_TIMEOUT_MS = 14_000;

/** The banner's state (`data-state`), or null when there is no banner. */
export function bannerState(page) {
  return page.evaluate(() => document.querySelector('[data-optout-guard="banner"]')?.getAttribute('data-state') ?? null);
}

/** Waits until the banner shows `state`, or until there is no banner when `state` is null (ms timeout). */
export async function waitForBanner(page, state, timeout = 12_000) {
  await pollPage(page, (s) => (document.querySelector('[data-optout-guard="banner"]')?.getAttribute('data-state') ?? null) === s, state, timeout);
}

/** Records every `data-state` the banner takes, from now on, into window.__bannerStates. */
export async function recordBannerStates(page) {
  await page.evaluate(() => {
    window.__bannerStates = [];
    const seen = () => {
      const s = document.querySelector('[data-optout-guard="banner"]')?.getAttribute('data-state') ?? null;
      if (window.__bannerStates.at(-1) !== s) window.__bannerStates.push(s);
    };
    seen();
    new MutationObserver(seen).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  });
}

/**
 * On a banner showing `on`: presses "Turn it off", waits for `failed` and 800 ms more (a late
 * flip), and resolves to every state the banner took from the press on (it must never include
 * `verified` where the site refused the save).
 */
export async function pressUntilFailed(page) {
  await recordBannerStates(page);
  await pressBannerButton(page, 'switch-off');
  await waitForBanner(page, 'failed');
  await sleep(800);
  return page.evaluate(() => window.__bannerStates);
}

/** Presses a banner button by its data-action, as a user's click (trusted input); `count` 2 = a double click. */
export async function pressBannerButton(page, action, count = 1) {
  const handle = await page.evaluateHandle(
    (a) => document.querySelector('[data-optout-guard="banner"]')?.shadowRoot?.querySelector(`button[data-action="${a}"]`) ?? null,
    action,
  );
  const el = handle.asElement();
  if (!el) throw new Error(`no banner button ${action}`);
  await el.click({ count });
}

/** The `data-action`s of the banner's buttons, in order ([] without a banner). */
export function bannerActions(page) {
  return page.evaluate(() => [...(document.querySelector('[data-optout-guard="banner"]')?.shadowRoot?.querySelectorAll('button') ?? [])]
    .map((b) => b.dataset.action));
}

/** The texts of the banner's shadow root. */
export function bannerText(page) {
  return page.evaluate(() => document.querySelector('[data-optout-guard="banner"]')?.shadowRoot?.textContent ?? null);
}

