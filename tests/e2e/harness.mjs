// Shared end-to-end harness: launches Debian's Chromium or Firefox ESR headless with the built
// extension (puppeteer-core 24.x drives both: CDP for Chromium, WebDriver BiDi for Firefox),
// serves fixture pages for https://www.linkedin.com/… by request interception with LinkedIn's
// real CSP header, and records every request.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { extensionContextOf, isBrowserOwnTraffic } from './network.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '..', '..');
const FIXTURES = join(ROOT, 'tests', 'fixtures');

/** LinkedIn's real Content-Security-Policy header (shared/linkedin-page.md §0.3, captured 2023-01-21). */
export const LINKEDIN_CSP =
  "default-src *; connect-src 'self' *.licdn.com *.linkedin.com wss://*.linkedin.com dpm.demdex.net/id lnkd.demdex.net blob: accounts.google.com/gsi/ *.microsoft.com; " +
  "img-src data: blob: *; font-src data: *; style-src 'unsafe-inline' 'self' static-src.linkedin.com *.licdn.com; " +
  "script-src 'unsafe-inline' 'unsafe-eval' 'self' spdy.linkedin.com static-src.linkedin.com *.ads.linkedin.com *.licdn.com static.chartbeat.com platform.linkedin.com; " +
  "object-src 'none'; media-src blob: *; worker-src blob: 'self'; frame-src blob: lnkd-communities: voyager: *; " +
  "frame-ancestors 'self' *.linkedin.com www.linkedin.cn; report-uri /security/csp?e=p&f=rl";

export const SETTING_URL = 'https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement';
export const PRIVACY_URL = 'https://www.linkedin.com/mypreferences/d/categories/privacy';
export const FEED_URL = 'https://www.linkedin.com/feed/';
const FIXTURE_HOST = 'https://www.linkedin.com/';
const FIREFOX_ID = 'optout-guard@optout-guard.invalid';
const FIREFOX_UUID = '6f0b8f5e-3c1d-4c59-9f3a-0d7a7c0e5a11';

export const BROWSERS = ['chromium', 'firefox'];

/**
 * A strict, nonce-based policy LinkedIn could switch to (toolchain notes, step 2): no
 * 'unsafe-eval', no 'wasm-unsafe-eval'. Chromium then refuses to compile Wasm in content scripts.
 */
export function strictCsp(nonce) {
  return `default-src 'self'; script-src 'nonce-${nonce}' 'strict-dynamic' 'report-sample'; style-src 'self' 'nonce-${nonce}'; ` +
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
}

/**
 * Launches `name` with the extension installed. Returns {browser, name, extensionId, uuid,
 * networkRequests, media}: `networkRequests()` lists every request of the extension's own (see
 * watchExtensionContexts) and every line of the recording proxy that is not the browser's own
 * traffic (network.mjs), so a suite asserts it is empty.
 * Options: `testHooks` installs dist-test/<name> (release build + test hooks) instead of
 * dist/<name>; `probe` installs dist-probe/<name> (test build + deliberate requests from every
 * context, extension/test-hooks/probe.js) to prove that the network check catches them; `noWasm` starts the browser without WebAssembly in any context (JIT-less policy).
 * `viewport` ({width, height}, CSS px) is every new page's viewport (Firefox's driver applies it
 * only to pages it opens itself, not to tabs the extension opens). `colorScheme` ('light' |
 * 'dark') and `reducedMotion` ('reduce' | 'no-preference') set the user preferences the
 * pages see: Firefox through preferences at launch (its driver cannot emulate media features),
 * Chromium through media emulation on each page opened by openFixture and openPopup.
 */
export async function launch(name, {
  testHooks = false, noWasm = false, extension = true, viewport = { width: 1100, height: 640 }, colorScheme, reducedMotion,
  locale = null, userDataDir = undefined, probe = false,
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
  browser.once('disconnected', () => proxy.server.close());
  const extensionRequests = [];
  if (name === 'chromium') await watchExtensionContexts(browser, extensionRequests);
  const dir = probe ? 'dist-probe' : testHooks ? 'dist-test' : 'dist';
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
    // A refusal the browser understands: a reset socket makes Firefox retry the tunnel for seconds.
    socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, hits, port: server.address().port };
}

/**
 * The fixture page for a https://www.linkedin.com/ URL: the settings app for /mypreferences/…
 * (with the case's `config`), the messaging thread for /messaging/…, the feed for any other
 * page path; null (404) for sub-resources such as /favicon.ico.
 */
function fixtureBody(url, site) {
  const path = new URL(url).pathname;
  if (path.startsWith('/mypreferences/')) {
    const html = readFileSync(join(FIXTURES, 'settings-app.html'), 'utf8');
    return html.replace('const FIXTURE_CONFIG = {};', `const FIXTURE_CONFIG = ${JSON.stringify(site.config ?? {})};`);
  }
  if (site.page) return readFileSync(join(FIXTURES, site.page), 'utf8');
  if (path.startsWith('/messaging/')) return readFileSync(join(FIXTURES, 'messaging.html'), 'utf8');
  if (path.startsWith('/__optout_test__/')) return '<!doctype html><title>test hooks</title><p>test hooks</p>';
  if (/\.(ico|png|svg|js|css)$/.test(path)) return null;
  return readFileSync(join(FIXTURES, 'feed.html'), 'utf8');
}

/**
 * Opens a new tab on `url` with fixture `site` ({config, csp: 'linkedin' | 'strict' | 'none', page: a
 * tests/fixtures file served for every path outside /mypreferences/}). Returns
 * {page, requests, violations}.
 * `violations` lists every request that did not go to the fixture host or the extension itself.
 */
export async function openFixture(ctx, url, site = {}) {
  const page = await ctx.browser.newPage();
  await emulateMedia(ctx, page);
  const requests = [];
  const violations = [];
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const u = req.url();
    requests.push(u);
    if (u.startsWith(FIXTURE_HOST)) {
      let body = fixtureBody(u, site);
      let csp = LINKEDIN_CSP;
      if (body !== null && site.csp === 'strict') {
        const nonce = Math.random().toString(36).slice(2);
        csp = strictCsp(nonce);
        body = body.replaceAll('<script>', `<script nonce="${nonce}">`).replaceAll('<style>', `<style nonce="${nonce}">`);
      }
      const headers = { 'content-type': 'text/html; charset=utf-8', ...(site.csp === 'none' ? {} : { 'content-security-policy': csp }) };
      if (body === null) {
        req.respond({ status: 404, contentType: 'text/plain', body: 'not in fixture' });
      } else {
        req.respond({ status: 200, headers, body });
      }
    } else if (/^(chrome-extension|moz-extension|data|blob|about):/.test(u)) {
      req.continue();
    } else {
      violations.push(u);
      req.abort();
    }
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, requests, violations };
}

/** Chromium: applies the launch's `colorScheme` and `reducedMotion` to `page` (Firefox has them as preferences). */
async function emulateMedia(ctx, page) {
  if (ctx.name === 'chromium' && ctx.media?.length) await page.emulateMediaFeatures(ctx.media);
}

/** The banner's state (`data-state`), or null when there is no banner. */
export function bannerState(page) {
  return page.evaluate(() => document.querySelector('[data-optout-guard="banner"]')?.getAttribute('data-state') ?? null);
}

/** Waits until the banner shows `state`, or until there is no banner when `state` is null (ms timeout). */
export async function waitForBanner(page, state, timeout = 12_000) {
  await pollPage(page, (s) => (document.querySelector('[data-optout-guard="banner"]')?.getAttribute('data-state') ?? null) === s, state, timeout);
}

/**
 * Polls `fn(arg)` in the page every 50 ms until it returns true (ms timeout). Unlike
 * page.waitForFunction it needs no eval in the page, so it also works under a strict CSP in
 * Firefox, whose BiDi driver is bound by the page's policy.
 */
export async function pollPage(page, fn, arg, timeout = 12_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await page.evaluate(fn, arg)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${fn.toString().slice(0, 120)} (${JSON.stringify(arg)})`);
    await sleep(50);
  }
}

/** Records every `data-state` the banner takes, from now on, into window.__bannerStates. */
export async function recordBannerStates(page) {
  await page.evaluate(() => {
    window.__bannerStates = [];
    const seen = () => {
      const s = document.querySelector('[data-optout-guard="banner"]')?.getAttribute('data-state') ?? null;
      if (window.__bannerStates.at(-1) !== s) window.__bannerStates.push(s);
    };
    seen();
    new MutationObserver(seen).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  });
}

/** Presses a banner button by its data-action, as a user's click (trusted input); `count` 2 = a double click. */
export async function pressBannerButton(page, action, count = 1) {
  const handle = await page.evaluateHandle(
    (a) => document.querySelector('[data-optout-guard="banner"]')?.shadowRoot?.querySelector(`button[data-action="${a}"]`) ?? null,
    action,
  );
  const el = handle.asElement();
  if (!el) throw new Error(`no banner button ${action}`);
  await el.click({ count });
}

/** The `data-action`s of the banner's buttons, in order ([] without a banner). */
export function bannerActions(page) {
  return page.evaluate(() => [...(document.querySelector('[data-optout-guard="banner"]')?.shadowRoot?.querySelectorAll('button') ?? [])]
    .map((b) => b.dataset.action));
}

/** The texts of the banner's shadow root. */
export function bannerText(page) {
  return page.evaluate(() => document.querySelector('[data-optout-guard="banner"]')?.shadowRoot?.textContent ?? null);
}

/** Chromium only: {text, title} of the action badge for the tab showing `url`. */
export async function chromiumBadge(ctx, url) {
  const target = await ctx.browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${ctx.extensionId}/`),
  );
  const worker = await target.worker();
  return worker.evaluate(async (u) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((t) => t.url === u);
    if (!tab) return null;
    return { text: await chrome.action.getBadgeText({ tabId: tab.id }), title: await chrome.action.getTitle({ tabId: tab.id }) };
  }, url);
}

/**
 * Test builds only: runs a test-hook command in the background (see extension/test-hooks) from a
 * fixture page at https://www.linkedin.com/__optout_test__/, opened once per context.
 */
export async function testHook(ctx, cmd, args = {}) {
  if (!ctx.hookPage) {
    ctx.hookPage = (await openFixture(ctx, 'https://www.linkedin.com/__optout_test__/')).page;
    await ctx.hookPage.waitForFunction(() => document.documentElement.dataset.optoutGuardTestHooks === 'ready');
  }
  return ctx.hookPage.evaluate((request) => new Promise((resolve) => {
    const onMessage = (event) => {
      const r = event.data?.optoutGuardTestResult;
      if (r?.id !== request.id) return;
      window.removeEventListener('message', onMessage);
      resolve(r.result);
    };
    window.addEventListener('message', onMessage);
    window.postMessage({ optoutGuardTest: request }, '*');
  }), { id: Math.random().toString(36).slice(2), cmd, args });
}

/**
 * Opens the extension's popup page in a tab and returns its page. Chromium: by URL. Firefox
 * (test builds only): the driver cannot navigate to moz-extension:// URLs, so the background
 * opens it and the new tab is found by its document URL.
 */
export async function openPopup(ctx) {
  return openExtensionPage(ctx, 'popup.html', 'openPopup');
}

/** Opens the options page in a tab, like openPopup. */
export async function openOptions(ctx) {
  return openExtensionPage(ctx, 'options.html', 'openOptions');
}

async function openExtensionPage(ctx, file, hook) {
  if (ctx.name === 'chromium') {
    const page = await ctx.browser.newPage();
    await emulateMedia(ctx, page);
    await page.goto(`chrome-extension://${ctx.extensionId}/${file}`);
    return page;
  }
  const before = new Set(await ctx.browser.pages());
  await testHook(ctx, hook);
  for (let i = 0; i < 100; i++) {
    for (const page of await ctx.browser.pages()) {
      if (before.has(page)) continue;
      const url = await page.evaluate(() => document.URL).catch(() => '');
      if (url.startsWith('moz-extension://') && url.endsWith(`/${file}`)) return page;
    }
    await sleep(100);
  }
  throw new Error(`${file} tab not found`);
}

/** The popup's shown state: {state, headline, detail, notice (null when hidden), button}. */
export async function readPopup(popup) {
  await pollPage(popup, () => document.getElementById('popup')?.dataset.state !== 'loading', null);
  return popup.evaluate(() => {
    const notice = document.getElementById('notice');
    return {
      state: document.getElementById('popup').dataset.state,
      headline: document.getElementById('headline').textContent,
      detail: document.getElementById('detail').textContent,
      notice: notice.hidden ? null : notice.textContent,
      button: document.getElementById('open').textContent,
    };
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
