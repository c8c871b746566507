// Time source. Test builds (dist-test/) define globalThis.optoutGuardTestClock
// (extension/test-hooks/clock.js) to move the clock; release builds contain nothing that can.

/** Now, in ms since the epoch. */
export async function now() {
  return typeof globalThis.optoutGuardTestClock === 'function' ? globalThis.optoutGuardTestClock() : Date.now();
}
