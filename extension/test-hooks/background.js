// TEST BUILDS ONLY (dist-test/, never dist/): answers the test-hook content script.
// Commands: badge {url} → {text, title} of the tab showing url; storageGet {area, keys};
// storageSet {area, items}; openPopup → opens popup.html in a tab.
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const request = message?.__optoutGuardTest;
    if (!request || sender.id !== api.runtime.id) return false;
    (async () => {
      const { cmd, args = {} } = request;
      if (cmd === 'badge') {
        const tabs = await api.tabs.query({});
        const tab = tabs.find((t) => t.url === args.url);
        if (!tab) return null;
        return { text: await api.action.getBadgeText({ tabId: tab.id }), title: await api.action.getTitle({ tabId: tab.id }) };
      }
      if (cmd === 'storageGet') return api.storage[args.area].get(args.keys ?? null);
      if (cmd === 'storageSet') return api.storage[args.area].set(args.items);
      if (cmd === 'openPopup') return (await api.tabs.create({ url: api.runtime.getURL('popup.html') })).id;
      return { error: `unknown command ${cmd}` };
    })().then(sendResponse, (error) => sendResponse({ error: String(error) }));
    return true;
  });
})();
