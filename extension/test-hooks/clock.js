// TEST BUILDS ONLY (dist-test/, never dist/): a movable clock. The end-to-end tests store an
// offset (ms) under storage.local TEST_CLOCK_OFFSET; now() (src/lib/clock.js) then adds it.
import { api } from '../src/lib/platform.js';
import { TEST_CLOCK_OFFSET } from '../src/lib/storage.js';

globalThis.optoutGuardTestClock = async () => {
  const offset = (await api.storage.local.get(TEST_CLOCK_OFFSET))[TEST_CLOCK_OFFSET];
  return Date.now() + (Number(offset) || 0);
};
