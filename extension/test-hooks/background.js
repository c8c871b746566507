// TEST BUILDS ONLY (dist-test/, never dist/): answers the test-hook content script.
// Commands: badge {url} → {text, title} of the tab showing url (the global badge without url);
// storageGet {area, keys}; storageSet {area, items}; openPopup / openOptions → opens the page in
// a tab; tabUrls → every tab's URL; closeTabs {url} → the ids of the tabs closed; clock {offsetMs} → moves the clock of the background and extension pages; alarm {name} → the
// alarm of that name (default: the re-check alarm); fireAlarm → runs what the re-check alarm runs; probe → in a probe build
// (dist-probe/), sends its deliberate requests from the background now and returns their URLs;
// registeredScripts → the registered content scripts' {id, matches}; removeHosts {origins} → permissions.remove (Firefox: a
// host the manifest lists can be taken back, as the person can in about:addons);
// actionPopup → the toolbar button's popup for every tab, as a path in the package ('' when none); clickAction {url} → what
// a click on the toolbar button in the tab showing url (else the active tab) does, for Firefox,
// whose driver cannot click it: {popup} when a popup is set (the browser would open it), else the
// background's onClicked handler runs ({clicked: true}).
import { onActionClicked, refreshRememberedBadge } from '../src/background.js';
import { api } from '../src/lib/platform.js';
import { TEST_CLOCK_OFFSET } from '../src/lib/storage.js';

{
  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const request = message?.__optoutGuardTest;
    if (!request || sender.id !== api.runtime.id) return false;
    (async () => {
      const { cmd, args = {} } = request;
      if (cmd === 'badge' && !args.url) {
        return { text: await api.action.getBadgeText({}), title: await api.action.getTitle({}) };
      }
      if (cmd === 'clock') {
        await api.storage.local.set({ [TEST_CLOCK_OFFSET]: args.offsetMs });
        await refreshRememberedBadge();
        return true;
      }
      if (cmd === 'alarm') return (await api.alarms.get(args.name ?? 'recheck')) ?? null;
      if (cmd === 'fireAlarm') {
        await refreshRememberedBadge();
        return true;
      }
      if (cmd === 'actionPopup') {
        const popup = await api.action.getPopup({});
        return popup && new URL(popup, api.runtime.getURL('/')).pathname.slice(1);
      }
      if (cmd === 'clickAction') {
        const [active] = await api.tabs.query({ active: true, lastFocusedWindow: true });
        const tab = (args.url && (await api.tabs.query({})).find((t) => t.url === args.url)) || active;
        const popup = await api.action.getPopup({ tabId: tab.id });
        if (popup) return { popup };
        await onActionClicked(tab);
        return { clicked: true };
      }
      if (cmd === 'probe') return globalThis.optoutGuardProbe?.('background-later') ?? { error: 'not a probe build' };
      if (cmd === 'tabUrls') return (await api.tabs.query({})).map((t) => t.pendingUrl ?? t.url ?? null);
      if (cmd === 'closeTabs') {
        // A tab being opened may show the URL as pendingUrl, as url, or both while it commits.
        const tabs = (await api.tabs.query({})).filter((t) => t.pendingUrl === args.url || t.url === args.url);
        await api.tabs.remove(tabs.map((t) => t.id)).catch(() => {});
        return tabs.map((t) => t.id);
      }
      if (cmd === 'openOptions') return (await api.tabs.create({ url: api.runtime.getURL('options.html') })).id;
      if (cmd === 'badge') {
        const tabs = await api.tabs.query({});
        const tab = tabs.find((t) => t.url === args.url);
        if (!tab) return null;
        return { text: await api.action.getBadgeText({ tabId: tab.id }), title: await api.action.getTitle({ tabId: tab.id }) };
      }
      if (cmd === 'storageGet') return api.storage[args.area].get(args.keys ?? null);
      if (cmd === 'storageSet') return api.storage[args.area].set(args.items);
      if (cmd === 'openPopup') return (await api.tabs.create({ url: api.runtime.getURL('popup.html') })).id;
      if (cmd === 'registeredScripts') return (await api.scripting.getRegisteredContentScripts()).map((c) => ({ id: c.id, matches: c.matches }));
      if (cmd === 'removeHosts') return api.permissions.remove({ origins: args.origins });
      return { error: `unknown command ${cmd}` };
    })().then(sendResponse, (error) => sendResponse({ error: String(error) }));
    return true;
  });
}
