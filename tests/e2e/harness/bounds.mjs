// Every wait of the end-to-end run has an end. node:test gives a test no time limit by default, and
// puppeteer-core waits without one for a closed page's target to go (CdpPage#close awaits the
// tab target's closing after Target.closeTarget) and for a browser to exit: one such wait that never
// ends held a CI run until its 5,400 s limit, with nothing failed and nothing said. Here a test that
// hangs fails after TEST_TIMEOUT_MS with its name, and the suite goes on.
import * as nodeTest from 'node:test';

/**
 * Time limit of one test, or one before/after hook (ms): about 8 times the slowest test's 15 s
 * (`E2E_TEST_TIMEOUT_MS` overrides it, e.g. to see a hang fail quickly).
 */
export const TEST_TIMEOUT_MS = Number(process.env.E2E_TEST_TIMEOUT_MS ?? 120_000);
/** Time given to a page to close (ms) before the harness says so and goes on. */
export const PAGE_CLOSE_MS = 10_000;
/** Time given to a browser to close (ms) before its process is killed. */
export const BROWSER_CLOSE_MS = 20_000;

const withTimeout = (options) => ({ timeout: TEST_TIMEOUT_MS, ...options });
const hook = (register) => (fn, options) => register(fn, withTimeout(options));

/** node:test's describe (suites have no limit of their own: each of their tests has one). */
export const { describe } = nodeTest;
/** node:test's it, `it(name, [options], fn)`, with `timeout: TEST_TIMEOUT_MS` unless given. */
export function it(name, options, fn) {
  return typeof options === 'function' ? nodeTest.it(name, withTimeout({}), options) : nodeTest.it(name, withTimeout(options), fn);
}
/** node:test's hooks, each with `timeout: TEST_TIMEOUT_MS` unless given. */
export const before = hook(nodeTest.before);
export const after = hook(nodeTest.after);

/** Resolves to true when `promise` settles within `ms`, false when it does not (its outcome is then ignored). */
async function settlesWithin(promise, ms) {
  let timer;
  const late = new Promise((resolve) => { timer = setTimeout(resolve, ms, false); });
  try {
    return await Promise.race([promise.then(() => true, () => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Gives `page.close()` an end: a close that has not finished within PAGE_CLOSE_MS is reported on
 * stderr and treated as done (the page is gone or its browser is stuck; the next step will tell).
 * A close that fails rejects as before. Returns `page`.
 */
export function boundPage(page) {
  if (page.closeUnbounded) return page;
  page.closeUnbounded = page.close.bind(page);
  page.close = async (options) => {
    const closing = page.closeUnbounded(options);
    if (!(await settlesWithin(closing, PAGE_CLOSE_MS))) {
      console.error(`# harness: a page (${page.url()}) did not finish closing within ${PAGE_CLOSE_MS} ms; going on`);
      return;
    }
    await closing;
  };
  return page;
}

/**
 * Bounds every page that `browser` hands out (newPage, pages) with boundPage, and its close():
 * a browser that has not exited within BROWSER_CLOSE_MS is killed (SIGKILL). Returns `browser`.
 */
export function boundBrowser(browser) {
  const newPage = browser.newPage.bind(browser);
  const pages = browser.pages.bind(browser);
  const close = browser.close.bind(browser);
  browser.newPage = async (...args) => boundPage(await newPage(...args));
  browser.pages = async (...args) => (await pages(...args)).map(boundPage);
  browser.close = async () => {
    const closing = close();
    if (await settlesWithin(closing, BROWSER_CLOSE_MS)) return closing;
    console.error(`# harness: the browser did not exit within ${BROWSER_CLOSE_MS} ms; killing it`);
    browser.process()?.kill('SIGKILL');
    return undefined;
  };
  return browser;
}
