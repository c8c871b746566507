// TEST BUILDS ONLY (dist-test/, never dist/): a movable clock. The end-to-end tests store an
// offset (ms) under storage.local testClockOffsetMs; now() (src/lib/clock.js) then adds it.
globalThis.optoutGuardTestClock = async () => {
  const api = globalThis.browser ?? globalThis.chrome;
  const { testClockOffsetMs } = await api.storage.local.get('testClockOffsetMs');
  return Date.now() + (Number(testClockOffsetMs) || 0);
};
