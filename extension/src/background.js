// Background: service worker in Chromium, background script in Firefox. Owns the action badge and
// the memory in storage.local (no state lives in variables: the service worker may stop at any
// time). Decisions and message checks are made by the Rust core.
// In Chromium the build prepends the importScripts of the generated core scripts to this bundle
// (tools/build-dist.mjs, CONTEXTS); in Firefox the manifest lists them before it.
import { now as readClock } from './lib/clock.js';
import { loadCore } from './lib/core.js';
import { text } from './lib/i18n.js';
import { api, dropped, warnOnError } from './lib/platform.js';
import { FOLLOWERS, MEMORY, NOTICE, NOTICE_MEMORY_RESET, OPTIONS, tabKey } from './lib/storage.js';

/** The alarm that re-evaluates staleness of the remembered state (no page loads, no network). */
const RECHECK_ALARM = 'recheck';
const RECHECK_ALARM_PERIOD_MIN = 60;
/** A one-shot alarm at the moment the remembered state turns old. */
const STALE_ALARM = 'stale';
let core;
const ready = loadCore(() => api.runtime.getURL('pkg/optout_wasm_bg.wasm')).then((loaded) => {
  core = loaded.core;
});

// Storage updates run one at a time, so that two reports arriving together (two tabs, or a phase
// change right after another) never both read the same memory and lose one update.
let queue = Promise.resolve();
function serially(task) {
  const run = queue.then(task);
  queue = run.catch(dropped('a failed task, already reported by its caller'));
  return run;
}

async function setActionBadge(badge, tabId) {
  const target = tabId === undefined ? {} : { tabId };
  await Promise.all([
    api.action.setBadgeText({ ...target, text: text(badge.text) }),
    api.action.setBadgeBackgroundColor({ ...target, color: badge.color }),
    api.action.setBadgeTextColor?.({ ...target, color: badge.textColor }),
    api.action.setTitle({ ...target, title: text(badge.title) }),
  ]);
}

// The stored memory, checked by the core: an older schema is migrated and stored; unreadable
// memory is replaced and the popup told once.
async function loadMemory() {
  const memory = (await api.storage.local.get(MEMORY))[MEMORY];
  const checked = core.checkMemory(memory);
  if (checked.status === 'reset') await api.storage.local.set({ [MEMORY]: checked.memory, [NOTICE]: NOTICE_MEMORY_RESET });
  if (checked.status === 'migrated') await api.storage.local.set({ [MEMORY]: checked.memory });
  return checked.memory;
}

// The badge of every tab without its own: the AI-training setting's remembered state, or "old".
// Tabs that left a setting's page but could not drop their own badge (Chromium cannot reset a
// tab's colour or title to the global one) carry a copy; storage.session lists them
// (`followers`) so that every change reaches them too.
export async function refreshRememberedBadge() {
  await ready;
  const state = await storedState();
  const badge = rememberedBadge(state);
  await setActionBadge(badge);
  const followers = (await api.storage.session.get(FOLLOWERS))[FOLLOWERS] ?? [];
  const alive = [];
  for (const tabId of followers) {
    try {
      await setActionBadge(badge, tabId);
      alive.push(tabId);
    } catch {
      // the tab is gone
    }
  }
  if (alive.length !== followers.length) await api.storage.session.set({ [FOLLOWERS]: alive });
  await scheduleStaleAlarm(state);
}

// What the remembered badge is computed from, read once: {memory (checked), options, now}.
async function storedState() {
  const options = (await api.storage.local.get(OPTIONS))[OPTIONS];
  return { memory: await loadMemory(), options, now: await readClock() };
}

function rememberedBadge({ memory, options, now }) {
  return core.rememberedBadge(memory, options, now);
}

async function setFollower(tabId, follows) {
  const followers = (await api.storage.session.get(FOLLOWERS))[FOLLOWERS] ?? [];
  const next = followers.filter((t) => t !== tabId).concat(follows ? [tabId] : []);
  if (next.length !== followers.length || follows) await api.storage.session.set({ [FOLLOWERS]: next });
}

// A tab left a setting's page: it shows the remembered badge again. Each part is reset to the
// global one where the browser allows it (Firefox: all; Chromium: the text only); otherwise the
// tab gets a copy and follows later changes.
async function clearTabBadge(tabId) {
  const resets = [
    () => api.action.setBadgeText({ tabId, text: null }),
    () => api.action.setBadgeBackgroundColor({ tabId, color: null }),
    () => api.action.setTitle({ tabId, title: null }),
  ];
  let all = true;
  for (const reset of resets) {
    try {
      await reset();
    } catch {
      all = false;
    }
  }
  if (all) return setFollower(tabId, false);
  await setActionBadge(rememberedBadge(await storedState()), tabId);
  await setFollower(tabId, true);
}

// One more alarm at the moment the remembered state turns old, so the badge says so on time
// (the hourly alarm is the safety net).
async function scheduleStaleAlarm({ memory, options, now }) {
  const at = core.staleAt(memory, options);
  if (typeof at === 'number' && at > now) {
    // alarms run on the real clock: the test clock's offset is taken off.
    const offset = now - Date.now();
    await api.alarms.create(STALE_ALARM, { when: at - offset + 1000 });
  } else {
    await api.alarms.clear(STALE_ALARM);
  }
}

async function onContentMessage(raw, sender) {
  await ready;
  const message = core.acceptContentMessage(raw, sender.url ?? sender.tab?.url, sender.frameId, sender.id === api.runtime.id);
  if (!message || !sender.tab) return;
  const tabId = sender.tab.id;
  if (message.type === 'leftSettingPage') {
    await api.storage.session.remove(tabKey(tabId));
    await clearTabBadge(tabId);
    return;
  }
  const phaseChanged = message.type === 'phaseChanged';
  if (phaseChanged) {
    await api.storage.session.set({ [tabKey(tabId)]: { setting: message.setting, phase: message.phase } });
    await setFollower(tabId, false);
  }
  // Memory first (a reading, or the undo offer using up the request), then the badge: whatever
  // the badge says is already remembered.
  const updated = core.recordReport(await loadMemory(), message, await readClock());
  if (updated) await api.storage.local.set({ [MEMORY]: updated });
  if (phaseChanged) await setActionBadge(core.badgeFor(message.setting, message.phase), tabId);
}

// The popup's requests: its reads and writes of the memory go through here, one at a time with
// the content scripts' reports, so that neither overwrites the other.
async function onPopupMessage(message) {
  if (message.type === 'popupOpened') {
    const memory = await loadMemory();
    const notice = (await api.storage.local.get(NOTICE))[NOTICE];
    if (notice) await api.storage.local.remove(NOTICE);
    return { memory, memoryWasReset: notice === NOTICE_MEMORY_RESET };
  }
  if (message.type === 'requestUndo') {
    const started = core.requestUndo(await loadMemory(), message.change, await readClock());
    if (!started) return null;
    await api.storage.local.set({ [MEMORY]: started.memory });
    return { url: started.url };
  }
  return null;
}

api.runtime.onMessage.addListener((raw, sender, sendResponse) => {
  const popupUrl = api.runtime.getURL('popup.html');
  if (sender.url === popupUrl) {
    serially(async () => {
      await ready;
      const message = core.acceptPopupMessage(raw, sender.url, sender.id === api.runtime.id, popupUrl);
      return message ? onPopupMessage(message) : null;
    }).then(sendResponse, (error) => {
      warnOnError('background')(error);
      sendResponse(null);
    });
    return true;
  }
  serially(() => onContentMessage(raw, sender)).catch(warnOnError('background'));
  return false;
});

// The settings app navigates with pushState: tell the tab's content script to look again.
// changeInfo.url is only given for tabs matching our host permission (LinkedIn).
api.tabs.onUpdated.addListener((tabId, changeInfo) => {
  if (changeInfo.url === undefined) return;
  api.tabs.sendMessage(tabId, { type: 'urlChanged' }, { frameId: 0 }).catch(dropped('no content script in that tab'));
});

api.tabs.onRemoved.addListener((tabId) => {
  serially(async () => {
    await api.storage.session.remove(tabKey(tabId));
    await setFollower(tabId, false);
  }).catch(warnOnError('closing a tab'));
});

// The remembered badge follows the memory (content reports, undo from the popup) and the options
// (the re-check period), and the hourly alarm notices when a remembered state goes stale.
api.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && (changes[MEMORY] || changes[OPTIONS])) {
    serially(refreshRememberedBadge).catch(warnOnError('background'));
  }
});
api.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === RECHECK_ALARM || alarm.name === STALE_ALARM) serially(refreshRememberedBadge).catch(warnOnError('background'));
});
api.alarms.get(RECHECK_ALARM).then((existing) => {
  if (!existing) return api.alarms.create(RECHECK_ALARM, { periodInMinutes: RECHECK_ALARM_PERIOD_MIN });
}).catch(warnOnError('background'));

serially(refreshRememberedBadge).catch(warnOnError('background'));
