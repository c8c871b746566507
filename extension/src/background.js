// Background: service worker in Chromium, background script in Firefox. Owns the action badge
// and the memory in storage.local; decisions and message checks are made by the Rust core.
'use strict';
if (typeof importScripts === 'function') importScripts('pkg/optout_wasm.js', 'pkg/optout_wasm_fallback.js', 'core-loader.js');
const api = globalThis.browser ?? globalThis.chrome;
let core;
const ready = loadOptOutCore(() => api.runtime.getURL('pkg/optout_wasm_bg.wasm')).then((loaded) => {
  core = loaded.core;
});

async function setActionBadge(phase, tabId) {
  const badge = core.badgeFor(phase ?? null);
  const target = tabId === undefined ? {} : { tabId };
  await Promise.all([
    api.action.setBadgeText({ ...target, text: badge.text }),
    api.action.setBadgeBackgroundColor({ ...target, color: badge.color }),
    api.action.setBadgeTextColor?.({ ...target, color: badge.textColor }),
    api.action.setTitle({ ...target, title: badge.title }),
  ]);
}

// The stored memory, checked by the core; unreadable memory is replaced and the popup told once.
async function loadMemory() {
  const { memory } = await api.storage.local.get('memory');
  const checked = core.checkMemory(memory);
  if (checked.status === 'reset') {
    await api.storage.local.set({ memory: checked.memory, notice: 'memoryReset' });
  }
  return checked.memory;
}

// Drops a tab's own badge so that it shows the global (remembered) one again, and keeps
// following it when the memory changes. Where a browser refuses null, the remembered badge is set
// on the tab instead.
async function clearTabBadge(tabId) {
  try {
    await Promise.all([
      api.action.setBadgeText({ tabId, text: null }),
      api.action.setBadgeBackgroundColor({ tabId, color: null }),
      api.action.setTitle({ tabId, title: null }),
    ]);
  } catch {
    await setActionBadge(await rememberedPhase(), tabId);
  }
}

async function rememberedPhase() {
  return core.rememberedPhase(await loadMemory());
}

async function onContentMessage(raw, sender) {
  await ready;
  const message = core.acceptContentMessage(raw, sender.url ?? sender.tab?.url, sender.frameId, sender.id === api.runtime.id);
  if (!message || !sender.tab) return;
  const tabId = sender.tab.id;
  if (message.type === 'phaseChanged') {
    await api.storage.session.set({ [`tab:${tabId}`]: message.phase });
    await setActionBadge(message.phase, tabId);
    const updated = core.recordPhase(await loadMemory(), message.phase, Date.now());
    if (updated) {
      await api.storage.local.set({ memory: updated });
      await setActionBadge(core.rememberedPhase(updated));
    }
  } else if (message.type === 'leftSettingPage') {
    await api.storage.session.remove(`tab:${tabId}`);
    await clearTabBadge(tabId);
  }
}

api.runtime.onMessage.addListener((message, sender) => {
  onContentMessage(message, sender).catch((error) => console.error('Opt-Out Guard:', error));
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

ready.then(async () => setActionBadge(await rememberedPhase()))
  .catch((error) => console.error('Opt-Out Guard:', error));
