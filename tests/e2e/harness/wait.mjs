// Waiting without page eval: polls that also work under a strict CSP in Firefox.

/**
 * Polls `fn(arg)` in the page every 50 ms until it returns true (ms timeout). Unlike
 * page.waitForFunction it needs no eval in the page, so it also works under a strict CSP in
 * Firefox, whose BiDi driver is bound by the page's policy.
 */
export async function pollPage(page, fn, arg, timeout = 12_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await page.evaluate(fn, arg)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${fn.toString().slice(0, 120)} (${JSON.stringify(arg)})`);
    await sleep(50);
  }
}


/**
 * Polls `fn()` in Node every 100 ms until it returns a truthy value, which it returns; throws
 * after `timeout` ms naming `what`.
 */
export async function waitFor(what, fn, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await sleep(100);
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
