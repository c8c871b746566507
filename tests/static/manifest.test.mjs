// Pins what the built extension may do, so that any widening of permissions, host permissions,
// content-script reach or CSP is a visible, reviewed change to this file.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../e2e/harness/paths.mjs';

const PINNED = {
  permissions: ['storage', 'alarms', 'scripting'],
  host_permissions: ['https://www.linkedin.com/*'],
  // Asked for at use, never at install (issue 14): ChatGPT only.
  optional_host_permissions: ['https://chatgpt.com/*'],
  content_security_policy: { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'" },
  content_scripts: [{
    matches: ['https://www.linkedin.com/mypreferences/*', 'https://www.linkedin.com/psettings/*'],
    js: ['pkg/content/optout_wasm.js', 'content-script.js'],
    run_at: 'document_idle',
    all_frames: false,
  }],
};
const BACKGROUND = {
  chromium: { service_worker: 'background.js' },
  firefox: { scripts: ['pkg/optout_wasm.js', 'pkg/optout_wasm_fallback.js', 'background.js'] },
};
const SHELL = ['content-script.js', 'background.js', 'popup.js', 'options.js'];
// The Firefox add-on id (browser_specific_settings.gecko.id). addons.mozilla.org ties the listing,
// every signed version and the users' updates to it, and Firefox keys each installation's storage
// by it: once published it must NEVER change. Chosen once (issue 17, point 11), a GUID in braces.
const GECKO_ID = '{b067c84e-5148-4698-b01d-f2da7102908f}';

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

for (const name of ['chromium', 'firefox']) {
  describe(`dist/${name}`, () => {
    const dir = join(ROOT, 'dist', name);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

    it('asks for exactly the pinned permissions, host permissions, CSP and content-script reach', () => {
      for (const [key, value] of Object.entries(PINNED)) assert.deepEqual(manifest[key], value, key);
      assert.deepEqual(manifest.background, BACKGROUND[name]);
      // The content script's module bytes are messaged (typed arrays kept): Chromium opts in, Firefox always does.
      assert.equal(manifest.message_serialization, name === 'chromium' ? 'structured_clone' : undefined);
      assert.ok(existsSync(join(dir, 'pkg', 'content', 'optout_wasm_bg.wasm')), 'the content script\'s module is a package file');
      for (const key of ['optional_permissions', 'web_accessible_resources', 'externally_connectable']) {
        assert.equal(manifest[key], undefined, `${key} must stay absent`);
      }
    });

    it('carries the Firefox add-on id and declares no data collection', () => {
      const gecko = manifest.browser_specific_settings?.gecko;
      if (name === 'firefox') {
        assert.equal(gecko.id, GECKO_ID, 'the add-on id must never change once published');
        assert.deepEqual(gecko.data_collection_permissions, { required: ['none'] });
      } else {
        assert.equal(gecko, undefined);
      }
    });

    it('contains no test hooks', () => {
      const all = files(dir);
      assert.ok(!all.some((f) => f.includes('test-hooks')), 'no test-hook files');
      for (const f of all.filter((p) => p.endsWith('.js') || p.endsWith('.json') || p.endsWith('.html'))) {
        const src = readFileSync(join(f), 'utf8');
        assert.ok(!src.includes('__optout_test__'), `${f} mentions the test path`);
        assert.ok(!src.includes('testClockOffsetMs'), `${f} can move the clock`);
        assert.ok(!src.includes('optoutGuardContentStartMs'), `${f} marks the content script's start on the page`);
      }
    });

    it("the JavaScript shell makes no network request of its own", () => {
      for (const f of SHELL) {
        // One fetch is the shell's: the background reads the content script's module from the
        // package (an extension URL, never the network). Any other fetch fails here.
        const src = readFileSync(join(dir, f), 'utf8').replaceAll('fetch(api.runtime.getURL(CONTENT_MODULE))', '');
        for (const api of ['fetch(', 'XMLHttpRequest', 'WebSocket', 'sendBeacon', 'EventSource', 'http://', 'https://']) {
          assert.ok(!src.includes(api), `${f} uses ${api}`);
        }
      }
      assert.ok(existsSync(join(dir, 'pkg', 'optout_wasm_bg.wasm')));
    });

    it("a setting's page loads the content script's build of the core, without the background's or the pages' code", () => {
      const pages = readFileSync(join(dir, 'pkg', 'optout_wasm.js'), 'utf8');
      const content = readFileSync(join(dir, 'pkg', 'content', 'optout_wasm.js'), 'utf8');
      for (const exported of ['backgroundOnEvent', 'backgroundOnContentMessage', 'backgroundOnPopupMessage', 'popupModel', 'checkOptions', 'parseRecheckDays']) {
        assert.ok(pages.includes(exported), `the pages' build exports ${exported}`);
        assert.ok(!content.includes(exported), `the content script's build has no ${exported}`);
      }
      assert.ok(content.includes('startContentScript'), "the content script's build starts the content script");
    });
  });
}

describe('manifest.json', () => {
  it('names the one Firefox add-on id, which never changes', () => {
    const source = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8'));
    assert.equal(source.browser_specific_settings.gecko.id, GECKO_ID, 'the add-on id must never change once published');
    // AMO takes a GUID in braces or an email-like id; this one is the GUID form.
    assert.match(GECKO_ID, /^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/);
  });
});
