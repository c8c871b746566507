// The network check's filter (tests/e2e/network.mjs), over lines that real browsers sent through
// the recording proxy and records Chromium's DevTools protocol gave (Chromium 156.0.8078.114,
// Firefox ESR 153.8.0esr, Debian 12).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extensionContextOf, hostOfProxyLine, isBrowserOwnTraffic } from '../e2e/network.mjs';

const CHROMIUM_OWN = [
  'POST http://update.googleapis.com/service/update2/json?cup2key=ML-DSA-44-16:nFwIGZ-ahc-9SPzzgly8Hff-5R-jG5pRPvNkL0_weAM&cup2hreq=a85fbeadb6ea1cfa45029c2d239e8810bdfedfd338263ce94c5dafb52cf402a4',
  'GET http://clients2.google.com/time/1/current?cup2key=ML-DSA-44-10:P9Fueubuk3-rdcCFgjfTC7V6FzahtuSJE7Jp37_vE0k&cup2hreq=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  'CONNECT update.googleapis.com:443',
  'CONNECT accounts.google.com:443',
  'CONNECT www.gstatic.com:443',
  'CONNECT www.linkedin.com:443',
];
const NEVER_OWN = [
  'CONNECT firefox.settings.services.mozilla.com:443',
  'CONNECT example.com:443',
  'GET http://example.com/',
  'POST http://evilgoogle.com/collect',
  'CONNECT google.com.example.net:443',
  'CONNECT static.licdn.com:443',
  'CONNECT linkedin.com:443',
  'GET http://www.linkedin.com/optout-guard-probe',
  'PUT http://www.linkedin.com/voyager/api/settings',
  'something the proxy never writes',
];

describe('proxy lines', () => {
  it('the host of a line, whatever the method or scheme', () => {
    assert.equal(hostOfProxyLine(CHROMIUM_OWN[0]), 'update.googleapis.com');
    assert.equal(hostOfProxyLine(CHROMIUM_OWN[1]), 'clients2.google.com');
    assert.equal(hostOfProxyLine('CONNECT accounts.google.com:443'), 'accounts.google.com');
    assert.equal(hostOfProxyLine('CONNECT [::1]:8080'), '::1');
    assert.equal(hostOfProxyLine('GET ws://push.example.org/socket'), 'push.example.org');
    assert.equal(hostOfProxyLine('garbage'), null);
  });

  it("Chromium: the browser's own update, time and account traffic is excused, by host", () => {
    for (const line of CHROMIUM_OWN) assert.equal(isBrowserOwnTraffic('chromium', line), true, line);
  });

  it('Chromium: any other host, a look-alike, LinkedIn over plain HTTP or an unreadable line is reported', () => {
    for (const line of NEVER_OWN) assert.equal(isBrowserOwnTraffic('chromium', line), false, line);
  });

  it('Firefox: nothing is excused, not even its own vendor hosts', () => {
    for (const line of [...CHROMIUM_OWN, ...NEVER_OWN]) assert.equal(isBrowserOwnTraffic('firefox', line), false, line);
  });
});

describe("Chromium: the extension's own contexts, from CDP request records", () => {
  const id = 'cpnjheigapaihnoebpkkbifphlahkldi';
  const event = (url, documentURL, initiator = { type: 'other' }) => ({ request: { method: 'GET', url }, documentURL, initiator });
  const scriptInitiator = (scriptUrl) => ({ type: 'script', stack: { callFrames: [{ functionName: '', scriptId: '3', url: scriptUrl, lineNumber: 0, columnNumber: 0 }] } });

  it('a request from the service worker, the popup or the options page', () => {
    const sw = `chrome-extension://${id}/background.js`;
    assert.equal(extensionContextOf(event('https://update.googleapis.com/x', sw, scriptInitiator(sw))), 'service worker');
    assert.equal(extensionContextOf(event('https://www.linkedin.com/x', `chrome-extension://${id}/popup.html`)), 'extension page');
    assert.equal(extensionContextOf(event('https://www.linkedin.com/x', `chrome-extension://${id}/options.html`)), 'extension page');
  });

  it("a content script's request from a LinkedIn page, by its initiator, also through an async parent", () => {
    const cs = scriptInitiator(`chrome-extension://${id}/content-script.js`);
    assert.equal(extensionContextOf(event('https://www.linkedin.com/voyager/x', 'https://www.linkedin.com/feed/', cs)), 'content script');
    const asyncParent = { type: 'script', stack: { callFrames: [{ url: 'https://www.linkedin.com/app.js' }], parent: cs.stack } };
    assert.equal(extensionContextOf(event('https://www.linkedin.com/x', 'https://www.linkedin.com/feed/', asyncParent)), 'content script');
  });

  it("the page's own requests and the extension's own files are not the extension's traffic", () => {
    assert.equal(extensionContextOf(event('https://www.linkedin.com/feed/', 'https://www.linkedin.com/feed/')), null);
    const pageScript = scriptInitiator('https://static.licdn.com/app.js');
    assert.equal(extensionContextOf(event('https://www.linkedin.com/voyager/x', 'https://www.linkedin.com/feed/', pageScript)), null);
    assert.equal(extensionContextOf(event(`chrome-extension://${id}/pkg/optout_wasm_bg.wasm`, `chrome-extension://${id}/popup.html`)), null);
    assert.equal(extensionContextOf(event('data:image/png;base64,AAAA', `chrome-extension://${id}/popup.html`)), null);
  });
});
