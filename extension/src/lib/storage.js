// Every storage key the shell reads or writes, described once. The values' shapes are the core's
// (crates/optout-core/src/memory.rs); the shell only moves them.

/** storage.local: the memory (schema v2: readings, history, undo request), decoded by the core. */
export const MEMORY = 'memory';
/** storage.local: the options ({recheckDays}), decoded by the core. */
export const OPTIONS = 'options';
/** storage.local: a one-time notice for the popup (its values are the core's `Notice`). */
export const NOTICE = 'notice';
/** storage.session: ids of tabs that carry a copy of the remembered badge (Chromium) and follow it. */
export const FOLLOWERS = 'followers';
/** storage.session: a tab's live state on a setting's page, {setting, phase}, under `tab:<tabId>`. */
export const tabKey = (tabId) => `tab:${tabId}`;
/** storage.local, test builds only (extension/test-hooks/clock.js): the clock's offset, ms. */
export const TEST_CLOCK_OFFSET = 'testClockOffsetMs';
