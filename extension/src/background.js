// Background: service worker in Chromium, background script in Firefox. Owns the action badge and
// the memory in storage.local (no state lives in variables: the service worker may stop at any
// time). Decisions and message checks are made by the Rust core.
'use strict';
if (typeof importScripts === 'function') importScripts('pkg/optout_wasm.js', 'pkg/optout_wasm_fallback.js', 'core-loader.js', 'i18n.js');
const api = globalThis.browser ?? globalThis.chrome;
/** The alarm that re-evaluates staleness of the remembered state (no page loads, no network). */
const RECHECK_ALARM = 'recheck';
const RECHECK_ALARM_PERIOD_MIN = 60;
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
async function refreshRememberedBadge() {
  await ready;
  const memory = await loadMemory();
  const { options } = await api.storage.local.get('options');
  await setActionBadge(core.rememberedBadge(memory, options, await optoutGuardNow()));
}

// Drops a tab's own badge so that it shows the global (remembered) one again. Where a browser
// refuses null, the remembered badge is set on the tab instead.
async function clearTabBadge(tabId) {
  try {
    await Promise.all([
      api.action.setBadgeText({ tabId, text: null }),
      api.action.setBadgeBackgroundColor({ tabId, color: null }),
      api.action.setTitle({ tabId, title: null }),
    ]);
  } catch {
    const { options } = await api.storage.local.get('options');
    await setActionBadge(core.rememberedBadge(await loadMemory(), options, await optoutGuardNow()), tabId);
  }
}

async function onContentMessage(raw, sender) {
  await ready;
  const message = core.acceptContentMessage(raw, sender.url ?? sender.tab?.url, sender.frameId, sender.id === api.runtime.id);
  if (!message || !sender.tab) return;
  const tabId = sender.tab.id;
  if (message.type === 'phaseChanged') {
    // Memory first, then the badge: whatever the badge says is already remembered.
    await api.storage.session.set({ [`tab:${tabId}`]: { setting: message.setting, phase: message.phase } });
    const updated = core.recordReport(await loadMemory(), message, await optoutGuardNow());
    if (updated) await api.storage.local.set({ memory: updated });
    await setActionBadge(core.badgeFor(message.setting, message.phase), tabId);
  } else if (message.type === 'leftSettingPage') {
    await api.storage.session.remove(`tab:${tabId}`);
    await clearTabBadge(tabId);
  }
}

api.runtime.onMessage.addListener((message, sender) => {
  serially(() => onContentMessage(message, sender)).catch((error) => console.error('Opt-Out Guard:', error));
  return false;
});

// The settings app navigates with pushState: tell the tab's content script to look again.
// changeInfo.url is only given for tabs matching our host permission (LinkedIn).
api.tabs.onUpdated.addListener((tabId, changeInfo) => {
  if (changeInfo.url === undefined) return;
  api.tabs.sendMessage(tabId, { type: 'urlChanged' }, { frameId: 0 }).catch(() => {});
});

api.tabs.onRemoved.addListener((tabId) => {
  api.storage.session.remove(`tab:${tabId}`).catch(() => {});
});

// The remembered badge follows the memory (content reports, undo from the popup) and the options
// (the re-check period), and the hourly alarm notices when a remembered state goes stale.
api.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && (changes.memory || changes.options)) {
    serially(refreshRememberedBadge).catch((error) => console.error('Opt-Out Guard:', error));
  }
});
api.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === RECHECK_ALARM) serially(refreshRememberedBadge).catch((error) => console.error('Opt-Out Guard:', error));
});
api.alarms.get(RECHECK_ALARM).then((existing) => {
  if (!existing) return api.alarms.create(RECHECK_ALARM, { periodInMinutes: RECHECK_ALARM_PERIOD_MIN });
}).catch((error) => console.error('Opt-Out Guard:', error));

serially(refreshRememberedBadge).catch((error) => console.error('Opt-Out Guard:', error));
