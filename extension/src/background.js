// Background: service worker in Chromium, background script in Firefox. Owns the action badge and
// the memory in storage.local (no state lives in variables: the service worker may stop at any
// time). Decisions and message checks are made by the Rust core.
'use strict';
if (typeof importScripts === 'function') importScripts('pkg/optout_wasm.js', 'pkg/optout_wasm_fallback.js', 'core-loader.js', 'i18n.js');
const api = globalThis.browser ?? globalThis.chrome;
/** The alarm that re-evaluates staleness of the remembered state (no page loads, no network). */
const RECHECK_ALARM = 'recheck';
const RECHECK_ALARM_PERIOD_MIN = 60;
/** A one-shot alarm at the moment the remembered state turns old. */
const STALE_ALARM = 'stale';
let core;
const ready = loadOptOutCore(() => api.runtime.getURL('pkg/optout_wasm_bg.wasm')).then((loaded) => {
  core = loaded.core;
});

// Storage updates run one at a time, so that two reports arriving together (two tabs, or a phase
// change right after another) never both read the same memory and lose one update.
let queue = Promise.resolve();
function serially(task) {
  const run = queue.then(task);
  queue = run.catch(() => {});
  return run;
}

async function setActionBadge(badge, tabId) {
  const target = tabId === undefined ? {} : { tabId };
  await Promise.all([
    api.action.setBadgeText({ ...target, text: optoutGuardText(badge.text) }),
    api.action.setBadgeBackgroundColor({ ...target, color: badge.color }),
    api.action.setBadgeTextColor?.({ ...target, color: badge.textColor }),
    api.action.setTitle({ ...target, title: optoutGuardText(badge.title) }),
  ]);
}

// The stored memory, checked by the core: an older schema is migrated and stored; unreadable
// memory is replaced and the popup told once.
async function loadMemory() {
  const { memory } = await api.storage.local.get('memory');
  const checked = core.checkMemory(memory);
  if (checked.status === 'reset') await api.storage.local.set({ memory: checked.memory, notice: 'memoryReset' });
  if (checked.status === 'migrated') await api.storage.local.set({ memory: checked.memory });
  return checked.memory;
}

// The badge of every tab without its own: the AI-training setting's remembered state, or "old".
// Tabs that left a setting's page but could not drop their own badge (Chromium cannot reset a
// tab's colour or title to the global one) carry a copy; storage.session lists them
// (`followers`) so that every change reaches them too.
async function refreshRememberedBadge() {
  await ready;
  const state = await storedState();
  const badge = rememberedBadge(state);
  await setActionBadge(badge);
  const { followers = [] } = await api.storage.session.get('followers');
  const alive = [];
  for (const tabId of followers) {
    try {
      await setActionBadge(badge, tabId);
      alive.push(tabId);
    } catch {
      // the tab is gone
    }
  }
  if (alive.length !== followers.length) await api.storage.session.set({ followers: alive });
  await scheduleStaleAlarm(state);
}

// What the remembered badge is computed from, read once: {memory (checked), options, now}.
async function storedState() {
  const { options } = await api.storage.local.get('options');
  return { memory: await loadMemory(), options, now: await optoutGuardNow() };
}

function rememberedBadge({ memory, options, now }) {
  return core.rememberedBadge(memory, options, now);
}

async function setFollower(tabId, follows) {
  const { followers = [] } = await api.storage.session.get('followers');
  const next = followers.filter((t) => t !== tabId).concat(follows ? [tabId] : []);
  if (next.length !== followers.length || follows) await api.storage.session.set({ followers: next });
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
    await api.storage.session.remove(`tab:${tabId}`);
    await clearTabBadge(tabId);
    return;
  }
  const phaseChanged = message.type === 'phaseChanged';
  if (phaseChanged) {
    await api.storage.session.set({ [`tab:${tabId}`]: { setting: message.setting, phase: message.phase } });
    await setFollower(tabId, false);
  }
  // Memory first (a reading, or the undo offer using up the request), then the badge: whatever
  // the badge says is already remembered.
  const updated = core.recordReport(await loadMemory(), message, await optoutGuardNow());
  if (updated) await api.storage.local.set({ memory: updated });
  if (phaseChanged) await setActionBadge(core.badgeFor(message.setting, message.phase), tabId);
}

// The popup's requests: its reads and writes of the memory go through here, one at a time with
// the content scripts' reports, so that neither overwrites the other.
async function onPopupMessage(message) {
  if (message.type === 'popupOpened') {
    const memory = await loadMemory();
    const { notice } = await api.storage.local.get('notice');
    if (notice) await api.storage.local.remove('notice');
    return { memory, memoryWasReset: notice === 'memoryReset' };
  }
  if (message.type === 'requestUndo') {
    const started = core.requestUndo(await loadMemory(), message.change, await optoutGuardNow());
    if (!started) return null;
    await api.storage.local.set({ memory: started.memory });
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
      console.error('Opt-Out Guard:', error);
      sendResponse(null);
    });
    return true;
  }
  serially(() => onContentMessage(raw, sender)).catch((error) => console.error('Opt-Out Guard:', error));
  return false;
});

// The settings app navigates with pushState: tell the tab's content script to look again.
// changeInfo.url is only given for tabs matching our host permission (LinkedIn).
api.tabs.onUpdated.addListener((tabId, changeInfo) => {
  if (changeInfo.url === undefined) return;
  api.tabs.sendMessage(tabId, { type: 'urlChanged' }, { frameId: 0 }).catch(() => {});
});

api.tabs.onRemoved.addListener((tabId) => {
  serially(async () => {
    await api.storage.session.remove(`tab:${tabId}`);
    await setFollower(tabId, false);
  }).catch(() => {});
});

// The remembered badge follows the memory (content reports, undo from the popup) and the options
// (the re-check period), and the hourly alarm notices when a remembered state goes stale.
api.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && (changes.memory || changes.options)) {
    serially(refreshRememberedBadge).catch((error) => console.error('Opt-Out Guard:', error));
  }
});
api.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === RECHECK_ALARM || alarm.name === STALE_ALARM) serially(refreshRememberedBadge).catch((error) => console.error('Opt-Out Guard:', error));
});
api.alarms.get(RECHECK_ALARM).then((existing) => {
  if (!existing) return api.alarms.create(RECHECK_ALARM, { periodInMinutes: RECHECK_ALARM_PERIOD_MIN });
}).catch((error) => console.error('Opt-Out Guard:', error));

serially(refreshRememberedBadge).catch((error) => console.error('Opt-Out Guard:', error));
