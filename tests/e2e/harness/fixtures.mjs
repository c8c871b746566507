// Fixture pages: reconstructions of LinkedIn's pages (tests/fixtures) served for
// https://www.linkedin.com/… by request interception, with LinkedIn's real CSP header or a stricter one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from './paths.mjs';

/** LinkedIn's real Content-Security-Policy header (docs/evidence/linkedin.md §0.3, captured 2023-01-21). */
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
/** ChatGPT's origin, served tests/fixtures/chatgpt-app.html for every page path. */
const CHATGPT_HOST = 'https://chatgpt.com/';
export const CHATGPT_SETTING_URL = 'https://chatgpt.com/settings/data-controls';
export const CHATGPT_CHAT_URL = 'https://chatgpt.com/';
/**
 * A strict, nonce-based policy LinkedIn could switch to (docs/evidence/toolchain.md, step 2): no
 * 'unsafe-eval', no 'wasm-unsafe-eval'. Chromium then refuses to compile Wasm in content scripts.
 */
export function strictCsp(nonce) {
  return `default-src 'self'; script-src 'nonce-${nonce}' 'strict-dynamic' 'report-sample'; style-src 'self' 'nonce-${nonce}'; ` +
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
}

/**
 * The fixture page for a https://www.linkedin.com/ URL: the settings app for /mypreferences/…
 * (with the case's `config`), the messaging thread for /messaging/…, the feed for any other
 * page path; null (404) for sub-resources such as /favicon.ico.
 */
function fixtureBody(url, site) {
  const path = new URL(url).pathname;
  if (url.startsWith(CHATGPT_HOST)) {
    if (/\.(ico|png|svg|js|css)$/.test(path)) return null;
    return readFileSync(join(FIXTURES, 'chatgpt-app.html'), 'utf8')
      .replace('const FIXTURE_CONFIG = {};', `const FIXTURE_CONFIG = ${JSON.stringify(site.config ?? {})};`);
  }
  const settingsApp = () => readFileSync(join(FIXTURES, 'settings-app.html'), 'utf8')
    .replace('const FIXTURE_CONFIG = {};', `const FIXTURE_CONFIG = ${JSON.stringify(site.config ?? {})};`);
  if (path.startsWith('/mypreferences/')) return settingsApp();
  // The settings app served for another path too (one app for all of LinkedIn, entered in-app).
  if (site.page === 'settings-app.html') return settingsApp();
  if (site.page) return readFileSync(join(FIXTURES, site.page), 'utf8');
  if (path.startsWith('/messaging/')) return readFileSync(join(FIXTURES, 'messaging.html'), 'utf8');
  if (path.startsWith('/__optout_test__/')) return '<!doctype html><title>test hooks</title><p>test hooks</p>';
  if (/\.(ico|png|svg|js|css)$/.test(path)) return null;
  return readFileSync(join(FIXTURES, 'feed.html'), 'utf8');
}

/**
 * Opens a new tab on `url` with fixture `site` ({config, csp: 'linkedin' | 'strict' | 'none', page: a
 * tests/fixtures file served for every path outside /mypreferences/; `settings-app.html` takes the
 * config there too; window: true opens it in a window of its own, whose timers a browser does not
 * throttle as it does a background tab's; onNewDocument: a function run in the page's main world
 * at the start of every document, before its scripts}). Returns
 * {page, requests, violations}.
 * `violations` lists every request that did not go to the fixture host or the extension itself.
 */
export async function openFixture(ctx, url, site = {}) {
  const page = await ctx.browser.newPage(site.window ? { type: 'window' } : undefined);
  await emulateMedia(ctx, page);
  const requests = [];
  const violations = [];
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const u = req.url();
    requests.push(u);
    if (u.startsWith(FIXTURE_HOST) || u.startsWith(CHATGPT_HOST)) {
      let body = fixtureBody(u, site);
      let csp = LINKEDIN_CSP;
      // ChatGPT's real policy is not in the evidence: its pages get the strict nonce-based policy
      // (no 'wasm-unsafe-eval'), the harder case for the content script [I].
      if (body !== null && (site.csp === 'strict' || (u.startsWith(CHATGPT_HOST) && site.csp !== 'none'))) {
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
  // A script to run in every new document of the page before the page's own (site.onNewDocument).
  if (site.onNewDocument) await page.evaluateOnNewDocument(site.onNewDocument);
  await page.goto(url, { waitUntil: 'load' });
  await watchTraces(page);
  return { page, requests, violations };
}

/**
 * What a page keeps for its site, read in its main world: cookie names and values, and every
 * localStorage and sessionStorage entry; null when the page is no longer on the fixture host.
 */
function siteStorage(page) {
  return page.evaluate(() => {
    if (location.origin !== 'https://www.linkedin.com' && location.origin !== 'https://chatgpt.com') return null;
    const entries = (store) => Object.keys(store).sort().map((k) => [k, store.getItem(k)]);
    // LinkedIn's own consent cookie is written by the fixture's member-cookies save, and stays in
    // the browser's jar for later pages; the member-cookies tests count those writes themselves.
    const cookies = document.cookie.split('; ').filter((c) => c && !c.startsWith('li_gc=')).sort();
    return JSON.stringify({ cookies, local: entries(localStorage), session: entries(sessionStorage) });
  }).catch(() => null);
}

/**
 * Leave no trace on LinkedIn: the page's cookies, localStorage and sessionStorage when it closes
 * must be what they were after it loaded (the fixtures write none; LinkedIn's consent cookie
 * `li_gc`, which the member-cookies fixture writes on its own save, is left out). Checked on every page.close() of a fixture page, so every suite asserts
 * it: a difference makes close() throw.
 */
async function watchTraces(page) {
  const before = await siteStorage(page);
  const close = page.close.bind(page);
  page.close = async (...args) => {
    const now = before === null || page.isClosed() ? null : await siteStorage(page);
    await close(...args);
    if (now !== null && now !== before) throw new Error(`the site's storage changed while the extension ran: ${before} → ${now}`);
  };
}

/** Chromium: applies the launch's `colorScheme` and `reducedMotion` to `page` (Firefox has them as preferences). */
export async function emulateMedia(ctx, page) {
  if (ctx.name === 'chromium' && ctx.media?.length) await page.emulateMediaFeatures(ctx.media);
}

