// Browser launch for the end-to-end tests: Debian's Chromium or Firefox ESR, headless, with the
// built extension (puppeteer-core 24.x drives both: CDP for Chromium, WebDriver BiDi for Firefox),
// every request that would leave the machine sent to a local recording proxy, and the
// extension's own contexts watched (network.mjs says what counts as the extension's).
import { createServer } from 'node:http';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { extensionContextOf, isBrowserOwnTraffic } from '../network.mjs';
import { ROOT } from './paths.mjs';
import { boundBrowser } from './bounds.mjs';

const FIREFOX_ID = '{b067c84e-5148-4698-b01d-f2da7102908f}';
export const FIREFOX_UUID = '6f0b8f5e-3c1d-4c59-9f3a-0d7a7c0e5a11';

export const BROWSERS = ['chromium', 'firefox'];
/**
 * Launches `name` with the extension installed. Returns {browser, name, extensionId, uuid,
 * networkRequests, media}: `networkRequests()` lists every request of the extension's own (see
 * watchExtensionContexts) and every line of the recording proxy that is not the browser's own
 * traffic (network.mjs), so a suite asserts it is empty.
 * Options: `testHooks` installs dist-test/<name> (release build + test hooks) instead of
 * dist/<name>; `granted` installs dist-granted/<name>, the test build (hooks included) whose
 * manifest lists the sites asked for at use (ChatGPT) as granted; `probe` installs dist-probe/<name> (test build + deliberate requests from every
 * context, extension/test-hooks/probe.js) to prove that the network check catches them;
 * `scaledClock` installs dist-scaled/<name> (release build, the content script's timers five times
 * faster: crates/optout-wasm/src/clock.rs; the generated pages' long run); `noWasm` starts the browser without WebAssembly in any context (JIT-less policy).
 * `viewport` ({width, height}, CSS px) is every new page's viewport (Firefox's driver applies it
 * only to pages it opens itself, not to tabs the extension opens). `colorScheme` ('light' |
 * 'dark') and `reducedMotion` ('reduce' | 'no-preference') set the user preferences the
 * pages see: Firefox through preferences at launch (its driver cannot emulate media features),
 * Chromium through media emulation on each page opened by openFixture and openPopup.
 * `keepWorkerAwake` false (Chromium): no DevTools client of the harness's own on the service
 * worker, whose session keeps it awake; the extension's own requests are then seen by the proxy
 * only. `prefs`: more Firefox preferences (e.g. `extensions.background.idle.timeout`, ms).
 */
export async function launch(name, {
  testHooks = false, granted = false, noWasm = false, extension = true, viewport = { width: 1100, height: 640 }, colorScheme, reducedMotion,
  locale = null, userDataDir = undefined, probe = false, scaledClock = false, keepWorkerAwake = true, prefs = {},
} = {}) {
  const media = [
    ...(colorScheme ? [{ name: 'prefers-color-scheme', value: colorScheme }] : []),
    ...(reducedMotion ? [{ name: 'prefers-reduced-motion', value: reducedMotion }] : []),
  ];
  const proxy = await startRecordingProxy();
  const common = ['--no-first-run'];
  let browser;
  if (name === 'chromium') {
    browser = await puppeteer.launch({
      browser: 'chrome',
      executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
      headless: true,
      defaultViewport: viewport,
      pipe: true,
      enableExtensions: true,
      userDataDir,
      // The UI language (extension i18n follows it): Chromium on Linux reads LANGUAGE.
      env: locale ? { ...process.env, LANGUAGE: locale, LANG: `${locale}.UTF-8` } : process.env,
      args: [...common, ...(locale ? [`--lang=${locale}`] : []), ...(noWasm ? ['--js-flags=--jitless'] : []), `--proxy-server=http://127.0.0.1:${proxy.port}`,
        '--proxy-bypass-list=<-loopback>', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-domain-reliability',
        // The browser's own checks that the flags above leave on (measured, Chromium 156): the
        // component updater's POST to update.googleapis.com/service/update2/json stops when its
        // URL source is not a network URL, the network-time query to clients2.google.com with
        // this feature off. Whatever remains is told apart by host (network.mjs).
        '--component-updater=url-source=about:blank', '--disable-features=NetworkTimeServiceQuerying'],
    });
  } else {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: process.env.FIREFOX_BIN ?? '/usr/bin/firefox-esr',
      headless: true,
      defaultViewport: viewport,
      userDataDir,
      // Remote Settings (firefox.settings.services.mozilla.com) ignores its server preference on
      // release builds unless this is set; with it, the dummy server below keeps it off the network.
      env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
      extraPrefsFirefox: {
        // The browser's own traffic, silenced: its background cannot be watched over BiDi, so
        // the proxy stays strict for Firefox and every line that reaches it fails the suite.
        'services.settings.server': 'data:,#remote-settings-dummy/v1',
        // The captive-portal and connectivity checks (GET http://detectportal.firefox.com/…): seen
        // once in a short corpus run on a fresh machine, which the strict proxy rightly failed.
        'network.captive-portal-service.enabled': false,
        'network.connectivity-service.enabled': false,
        // The UI language: needs Debian's firefox-esr-l10n-<lang> language pack (build.sh installs de).
        ...(locale ? { 'intl.locale.requested': locale } : {}),
        // A temporary add-on is removed at shutdown; keep its storage so that a restart with the same
        // profile (and the same add-on id and UUID) finds it, as an installed add-on would.
        'extensions.webextensions.keepStorageOnUninstall': true,
        'extensions.webextensions.keepUuidOnUninstall': true,
        'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ID]: FIREFOX_UUID }),
        'network.dns.disableIPv6': true,
        ...(noWasm ? { 'javascript.options.wasm': false } : {}),
        // prefers-color-scheme: 0 dark, 1 light, for every page including the extension's own.
        ...(colorScheme ? { 'layout.css.prefers-color-scheme.content-override': colorScheme === 'dark' ? 0 : 1 } : {}),
        ...(reducedMotion ? { 'ui.prefersReducedMotion': reducedMotion === 'reduce' ? 1 : 0 } : {}),
        ...prefs,
        // Every request that reaches the network goes to the recording proxy.
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxy.port,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxy.port,
        'network.proxy.no_proxies_on': '',
        'network.proxy.allow_hijacking_localhost': true,
      },
    });
  }
  boundBrowser(browser);
  browser.once('disconnected', () => proxy.server.close());
  const extensionRequests = [];
  if (name === 'chromium' && keepWorkerAwake) await watchExtensionContexts(browser, extensionRequests);
  const dir = probe ? 'dist-probe' : granted ? 'dist-granted' : testHooks ? 'dist-test' : scaledClock ? 'dist-scaled' : 'dist';
  const extensionId = extension ? await browser.installExtension(join(ROOT, dir, name)) : null;
  const networkRequests = () => [...extensionRequests, ...proxy.hits.filter((h) => !isBrowserOwnTraffic(name, h))];
  return { browser, name, extensionId, uuid: name === 'firefox' ? FIREFOX_UUID : extensionId, networkRequests, media };
}

/**
 * Chromium: watches every service worker and page from its first instruction and records into
 * `into` each request that the extension itself sends (network.mjs extensionContextOf: the service
 * worker, the popup and options pages, content scripts by their initiator), wherever it goes,
 * including hosts whose proxy lines count as the browser's own and LinkedIn, whose requests the
 * fixtures answer. A second DevTools client of our own auto-attaches with
 * `waitForDebuggerOnStart`, so a new worker is paused until its network log is on: a request
 * sent the moment the worker starts is seen. Its session also keeps the worker awake.
 */
async function watchExtensionContexts(browser, into) {
  const session = await browser.target().createCDPSession();
  const connection = session.connection();
  session.on('Target.attachedToTarget', (event) => {
    const child = connection?.session(event.sessionId);
    if (!child) return;
    child.on('Network.requestWillBeSent', (e) => {
      const context = extensionContextOf(e);
      if (context) into.push(`${context}: ${e.request.method} ${e.request.url}`);
    });
    // Sent in this order on one session, so the log is on before the target runs. A target that
    // closes first rejects both, and has sent nothing.
    const closed = () => {};
    child.send('Network.enable').catch(closed);
    child.send('Runtime.runIfWaitingForDebugger').catch(closed);
  });
  await session.send('Target.setAutoAttach', {
    autoAttach: true, waitForDebuggerOnStart: true, flatten: true,
    filter: [{ type: 'service_worker' }, { type: 'page' }, { exclude: true }],
  });
}

/**
 * A local HTTP proxy on 127.0.0.1 that every browser is configured to use: it records each
 * request that would have left the machine (from any context: pages, background, extension) and
 * refuses it. Fixture pages never reach it: request interception answers them first.
 */
async function startRecordingProxy() {
  const hits = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(403).end();
  });
  server.on('connect', (req, socket) => {
    hits.push(`CONNECT ${req.url}`);
    // A browser that closes or resets the tunnel before reading the refusal: recorded already,
    // nothing to do (without a listener, the socket's ECONNRESET would fail whichever test runs).
    socket.on('error', () => {});
    // A refusal the browser understands: a reset socket makes Firefox retry the tunnel for seconds.
    socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
  });
  // A request the server cannot parse is still one that tried to leave: recorded; a connection
  // the browser reset is not a request.
  server.on('clientError', (error, socket) => {
    if (error.code !== 'ECONNRESET') hits.push(`unparsable request (${error.code})`);
    socket.destroy();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, hits, port: server.address().port };
}

