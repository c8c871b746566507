// Background: service worker in Chromium, background script in Firefox. Owns the action badge and
// the memory in storage.local. It keeps no state in variables (the service worker may stop at any
// time) and makes no decisions: for each event it reads what is stored once, hands both to the
// Rust core (crates/optout-core/src/background.rs), and carries out the effects it returns, in
// order.
// In Chromium the build prepends the importScripts of the generated core scripts to this bundle
// (tools/build-dist.mjs, CONTEXTS); in Firefox the manifest lists them before it.
import { now as readClock } from './lib/clock.js';
import { loadCore } from './lib/core.js';
import { text } from './lib/i18n.js';
import { api, dropped, warnOnError } from './lib/platform.js';
import { FOLLOWERS, MEMORY, NOTICE, OPTIONS, tabKey } from './lib/storage.js';

/** The alarm that re-evaluates staleness of the remembered state (no page loads, no network). */
const RECHECK_ALARM = 'recheck';
const RECHECK_ALARM_PERIOD_MIN = 60;
/** A one-shot alarm at the moment the remembered state turns old. */
const STALE_ALARM = 'stale';
/** The stale alarm fires this long after the moment, so the state is old when it runs (ms). */
const STALE_ALARM_MARGIN_MS = 1000;

let core;
const ready = loadCore(() => api.runtime.getURL('pkg/optout_wasm_bg.wasm')).then((loaded) => {
  core = loaded.core;
});

// Events are handled one at a time, so that two arriving together (two tabs, or a phase change
// right after another) never both read the same memory and lose one update.
let queue = Promise.resolve();
function serially(task) {
  const run = queue.then(task);
  queue = run.catch(dropped('a failed task, already reported by its caller'));
  return run;
}

/** Everything the core decides from, read once per event. */
async function readStored() {
  const local = await api.storage.local.get([MEMORY, OPTIONS, NOTICE]);
  const session = await api.storage.session.get(FOLLOWERS);
  // Which sites asked for at use are enabled: the remembered badge summarises them.
  const { origins = [] } = await api.permissions.getAll();
  return { memory: local[MEMORY], options: local[OPTIONS], notice: local[NOTICE], followers: session[FOLLOWERS], granted: origins, nowMs: await readClock() };
}

/** Reads what is stored, asks the core (`decide(core, stored)` → effects) and carries them out; resolves to the popup's reply, if any. */
async function run(decide) {
  await ready;
  return perform(decide(core, await readStored()));
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

/** Resets each part of a tab's own badge to the global one; false when the browser refuses one (Chromium: colour and title). */
async function resetTabBadge(tabId) {
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
  return all;
}

/**
 * The manifest's content-script files as paths in the package (Firefox's getManifest() gives them
 * as absolute moz-extension: URLs, which registerContentScripts refuses).
 */
function contentScriptFiles() {
  const base = api.runtime.getURL('/');
  return api.runtime.getManifest().content_scripts[0].js.map((file) => (file.startsWith(base) ? file.slice(base.length) : file));
}

/** Tabs whose content-script injection is under way: a second URL change waits for none, and injects nothing. */
const injecting = new Set();

/**
 * Runs the manifest's content-script files in the tab's top frame unless the content script
 * already runs there (it sets OPTOUT_GUARD_CONTENT_SCRIPT in its isolated world when it starts).
 * A tab that closed or left LinkedIn meanwhile refuses the injection: nothing to do.
 */
async function injectContentScript(tabId) {
  if (injecting.has(tabId)) return;
  injecting.add(tabId);
  try {
    const target = { tabId, frameIds: [0] };
    const [probe] = await api.scripting.executeScript({ target, func: () => globalThis.OPTOUT_GUARD_CONTENT_SCRIPT === true });
    if (probe?.result === true) return;
    await api.scripting.executeScript({ target, files: contentScriptFiles() });
  } finally {
    injecting.delete(tabId);
  }
}

/** The content script's JavaScript build, injected only into a tab where Wasm fails (tools/build-dist.mjs). */
const CONTENT_FALLBACK = 'pkg/content/optout_wasm_fallback.js';
/** The content script's Wasm module, sent to it as its first answer (no page can fetch it: no web-accessible resources). */
const CONTENT_MODULE = 'pkg/content/optout_wasm_bg.wasm';

/**
 * The content script's module bytes (a Uint8Array), read from the package once per start of the
 * background and kept: a package file never changes while the extension runs. A read that fails
 * is tried again at the next request (the content script meanwhile uses the JavaScript build).
 */
let contentModuleBytes;
function contentModule() {
  contentModuleBytes ??= fetch(api.runtime.getURL(CONTENT_MODULE)).then(async (response) => {
    if (!response.ok) throw new Error(`${CONTENT_MODULE}: ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  });
  contentModuleBytes.catch(() => { contentModuleBytes = undefined; });
  return contentModuleBytes;
}
// Read at once: a setting's page that woke the background asks for it first.
contentModule().catch(warnOnError('reading the content script\'s module'));

/** Carries out the core's effects in order (crates/optout-core/src/background.rs, `Effect`); resolves to the popup's reply, if any. */
async function perform(effects) {
  let reply = null;
  for (const e of effects) {
    switch (e.effect) {
      case 'storeMemory': await api.storage.local.set({ [MEMORY]: e.memory }); break;
      case 'storeNotice': await api.storage.local.set({ [NOTICE]: e.notice }); break;
      case 'removeNotice': await api.storage.local.remove(NOTICE); break;
      case 'storeLive': await api.storage.session.set({ [tabKey(e.tab)]: e.live }); break;
      case 'removeLive': await api.storage.session.remove(tabKey(e.tab)); break;
      case 'storeFollowers': await api.storage.session.set({ [FOLLOWERS]: e.followers }); break;
      case 'setBadge': await setActionBadge(e.badge, e.tab); break;
      case 'setFollowerBadges': {
        const gone = [];
        for (const tab of e.tabs) await setActionBadge(e.badge, tab).catch(() => gone.push(tab));
        if (gone.length) await run((c, stored) => c.backgroundOnEvent({ type: 'followersGone', tabs: gone }, stored));
        break;
      }
      case 'resetTabBadge':
        if (!(await resetTabBadge(e.tab))) {
          await setActionBadge(e.fallback, e.tab);
          await run((c, stored) => c.backgroundOnEvent({ type: 'tabBadgeNotReset', tab: e.tab }, stored));
        }
        break;
      case 'scheduleStaleAlarm': {
        // Alarms run on the real clock: the test clock's offset is taken off.
        const offset = (await readClock()) - Date.now();
        await api.alarms.create(STALE_ALARM, { when: e.atMs - offset + STALE_ALARM_MARGIN_MS });
        break;
      }
      case 'clearStaleAlarm': await api.alarms.clear(STALE_ALARM); break;
      case 'sendToTab':
        await api.tabs.sendMessage(e.tab, e.message, { frameId: 0 }).catch(dropped('no content script in that tab'));
        break;
      case 'injectFallback':
        await api.scripting.executeScript({ target: { tabId: e.tab, frameIds: [0] }, files: [CONTENT_FALLBACK] });
        break;
      case 'injectContentScript':
        await injectContentScript(e.tab).catch(dropped('the tab took no content script'));
        break;
      case 'setActionPopup': await api.action.setPopup({ popup: e.popup ? 'popup.html' : '' }); break;
      case 'openSetting':
        if (e.tab === undefined) await api.tabs.create({ url: e.url });
        else await api.tabs.update(e.tab, { url: e.url });
        break;
      case 'openPopup': await api.action.openPopup().catch(dropped('the browser opens no popup from here')); break;
      case 'registerContentScripts':
        // The manifest's content-script files, at the manifest's moment, top frame only; kept
        // across browser restarts (the default).
        await api.scripting.registerContentScripts(e.scripts.map((script) => ({
          id: script.id, matches: script.matches, js: contentScriptFiles(), runAt: 'document_idle', allFrames: false,
        })));
        break;
      case 'unregisterContentScripts': await api.scripting.unregisterContentScripts({ ids: e.ids }); break;
      case 'reply': reply = e.reply; break;
      case 'sendModule': reply = await contentModule(); break;
      default: throw new Error(`unknown effect ${e.effect}`);
    }
  }
  return reply;
}

/** The remembered badge, the followers' copies and the stale alarm, brought up to date (also the test hooks' entry). */
export function refreshRememberedBadge() {
  return run((c, stored) => c.backgroundOnEvent({ type: 'refresh' }, stored));
}

const senderOf = (sender) => ({ url: sender.url ?? sender.tab?.url, frameId: sender.frameId, fromSelf: sender.id === api.runtime.id, tabId: sender.tab?.id });

api.runtime.onMessage.addListener((raw, sender, sendResponse) => {
  const popupUrl = api.runtime.getURL('popup.html');
  // Only the popup's requests are answered: the answer must be promised now, before the core runs.
  if (sender.url === popupUrl) {
    serially(() => run((c, stored) => c.backgroundOnPopupMessage(raw, senderOf(sender), popupUrl, stored))).then(sendResponse, (error) => {
      warnOnError('popup request')(error);
      sendResponse(null);
    });
    return true;
  }
  // Only our own messages ({type, …}) are taken and answered: another listener (the test builds'
  // hooks) answers its own. Answered once its effects are carried out (the content script waits
  // for an injected fallback), with the reply they made (its module's bytes) or true.
  if (typeof raw?.type !== 'string') return false;
  serially(() => run((c, stored) => c.backgroundOnContentMessage(raw, senderOf(sender), stored))).then((reply) => sendResponse(reply ?? true), (error) => {
    warnOnError('content report')(error);
    sendResponse(false);
  });
  return true;
});

// The settings app navigates with pushState: the tab's content script is told to look again, and
// a tab that enters a setting's page in-app (from the feed) gets the content script injected.
// changeInfo.url is only given for tabs matching our host permission (LinkedIn).
// Not queued behind other events: it writes no storage, and the page should hear it at once.
api.tabs.onUpdated.addListener((tab, changeInfo, tabInfo) => {
  if (changeInfo.url !== undefined) {
    const event = { type: 'tabUrlChanged', tab, url: changeInfo.url, loading: (changeInfo.status ?? tabInfo?.status) === 'loading' };
    run((c, stored) => c.backgroundOnEvent(event, stored)).catch(warnOnError('tab update'));
  }
  if (changeInfo.status === 'complete' && typeof tabInfo?.url === 'string') {
    run((c, stored) => c.backgroundOnEvent({ type: 'tabComplete', tab, url: tabInfo.url }, stored)).catch(warnOnError('tab update'));
  }
});

/**
 * A click on the toolbar button while no popup is set (before the popup took over: the core's
 * `Memory::popup_took_over`): the core opens the AI setting's page (also the test hooks' entry,
 * as Firefox's driver cannot click the button).
 */
export function onActionClicked(tab) {
  const event = { type: 'actionClicked', tab: tab?.id, url: tab?.url };
  return serially(() => run((c, stored) => c.backgroundOnEvent(event, stored)));
}
api.action.onClicked.addListener((tab) => {
  onActionClicked(tab).catch(warnOnError('toolbar button'));
});
// Listened to so that the browser starts the background at start-up and install, whose first
// refresh (below) sets the toolbar button's popup and badge.
api.runtime.onStartup.addListener(() => {});
api.runtime.onInstalled.addListener(() => {});

api.tabs.onRemoved.addListener((tab) => {
  serially(() => run((c, stored) => c.backgroundOnEvent({ type: 'tabRemoved', tab }, stored))).catch(warnOnError('closing a tab'));
});

// The remembered badge follows the memory (content reports, undo from the popup) and the options
// (the re-check period), and the alarms notice when a remembered state goes stale.
api.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && (changes[MEMORY] || changes[OPTIONS])) serially(refreshRememberedBadge).catch(warnOnError('background'));
});
api.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === RECHECK_ALARM || alarm.name === STALE_ALARM) serially(refreshRememberedBadge).catch(warnOnError('background'));
});
api.alarms.get(RECHECK_ALARM).then((existing) => {
  if (!existing) return api.alarms.create(RECHECK_ALARM, { periodInMinutes: RECHECK_ALARM_PERIOD_MIN });
}).catch(warnOnError('background'));

serially(refreshRememberedBadge).catch(warnOnError('background'));

/**
 * Brings the content scripts registered for the sites asked for at use (ChatGPT) in line with
 * the granted host permissions: at every start (a restart, an update, a grant by policy) and
 * whenever a permission is granted or removed, also while the popup that asked is closed.
 */
export function alignSites() {
  return serially(async () => {
    const [{ origins = [] }, registered] = await Promise.all([api.permissions.getAll(), api.scripting.getRegisteredContentScripts()]);
    const event = { type: 'sitesChanged', granted: origins, registered: registered.map((script) => script.id) };
    return run((c, stored) => c.backgroundOnEvent(event, stored));
  });
}
api.permissions.onAdded.addListener(() => { alignSites().catch(warnOnError('a granted site')); });
api.permissions.onRemoved.addListener(() => { alignSites().catch(warnOnError('a removed site')); });
alignSites().catch(warnOnError('background'));
