// What counts as a request "of our own" in the end-to-end network check. Pure functions over the
// lines the recording proxy writes (`METHOD URL` for plain HTTP, `CONNECT host:port` for TLS) and
// over the request records that Chromium's DevTools protocol gives, so that they are unit-tested
// (tests/static/network.test.mjs) on the very lines real browsers sent.

/**
 * Hosts whose traffic the browser makes on its own, with or without the extension, and only in
 * Chromium: component and extension updates (`update.googleapis.com`, also as plain-HTTP `POST
 * …/service/update2/json` with CUP signing), network time (`clients2.google.com/time/1/current`),
 * account preconnects (`accounts.google.com`). Measured on Chromium 156 started without the
 * extension. They are told apart by host, whatever the method or scheme; the extension's own
 * contexts are watched directly over CDP (harness.mjs), so a request the extension itself sends
 * to one of these hosts is still reported.
 *
 * Firefox has no such list: its own Remote Settings traffic is silenced with preferences
 * (harness.mjs), and everything that reaches the proxy from it fails the suite, because its
 * background cannot be watched over WebDriver BiDi.
 */
export const BROWSER_OWN_HOSTS = {
  chromium: ['google.com', 'googleapis.com', 'gstatic.com'],
  firefox: [],
};

/**
 * The host of one proxy line: `CONNECT www.linkedin.com:443` → `www.linkedin.com`,
 * `POST http://update.googleapis.com/service/…` → `update.googleapis.com`. Null when the line has
 * neither shape (it then counts as the extension's: unknown traffic is never excused).
 */
export function hostOfProxyLine(line) {
  const connect = /^CONNECT \[?([^\]\s]+?)\]?:\d+$/.exec(line);
  if (connect) return connect[1].toLowerCase();
  const plain = /^[A-Z]+ ([a-z][a-z0-9+.-]*:\/\/\S+)$/.exec(line);
  if (!plain) return null;
  try {
    return new URL(plain[1]).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/** True when `host` is `domain` or one of its subdomains (`a.b.google.com` under `google.com`). */
function underDomain(host, domain) {
  return host === domain || host.endsWith(`.${domain}`);
}

/** The fixture sites' hosts (tests/e2e/harness/fixtures.mjs serves their pages by interception). */
const FIXTURE_CONNECTS = ['CONNECT www.linkedin.com:443', 'CONNECT chatgpt.com:443'];

/**
 * True when a proxy line is the browser's own traffic, not the extension's. Chromium: any method
 * to a host under BROWSER_OWN_HOSTS.chromium, and the browser-level `CONNECT` to a fixture site's
 * host (`www.linkedin.com:443`, `chatgpt.com:443`: favicon fetch, preconnect, the same with and
 * without the extension), whose extension-made counterparts are caught by the per-context watch
 * instead. Firefox: nothing.
 */
export function isBrowserOwnTraffic(browserName, line) {
  const host = hostOfProxyLine(line);
  if (host === null) return false;
  if (browserName !== 'chromium') return false;
  if (FIXTURE_CONNECTS.includes(line)) return true;
  return BROWSER_OWN_HOSTS.chromium.some((d) => underDomain(host, d));
}

/** URL schemes of the extension's own files, which never leave the machine. */
const EXTENSION_SCHEME = /^(chrome-extension|moz-extension):\/\//;

/**
 * Chromium, from a CDP `Network.requestWillBeSent` event (`{request: {url, method}, documentURL,
 * initiator}`): the context of the extension that sent it, or null when it is not the extension's.
 * `service worker` and `extension page` are told by the document URL (the worker's script or the
 * popup/options page); `content script` by a call frame of the extension's own scripts in the
 * initiator's stack, the only mark a content script's request carries in a web page.
 */
export function extensionContextOf(event) {
  const url = event.request?.url ?? '';
  if (EXTENSION_SCHEME.test(url) || /^(data|blob|about):/.test(url)) return null;
  const doc = event.documentURL ?? '';
  if (EXTENSION_SCHEME.test(doc)) return /\.js$/.test(new URL(doc).pathname) ? 'service worker' : 'extension page';
  return initiatedByExtension(event.initiator) ? 'content script' : null;
}

/** True when a CDP initiator's stack (and its async parents) holds a frame of an extension script. */
export function initiatedByExtension(initiator) {
  for (let stack = initiator?.stack; stack; stack = stack.parent) {
    if (stack.callFrames?.some((f) => EXTENSION_SCHEME.test(f.url ?? ''))) return true;
  }
  return EXTENSION_SCHEME.test(initiator?.url ?? '');
}
