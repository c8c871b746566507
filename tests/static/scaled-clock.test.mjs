// The scaled-clock test build (issue 18's long run, dist-scaled/: the content script's timers five
// times faster, crates/optout-wasm/src/clock.rs) never reaches what users install: the cargo
// feature is off by default, only build.sh's scaled build passes it, and the content script's
// module in dist/ (which the store packages hold: release.test.mjs) is the one built without it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../e2e/harness/paths.mjs';

const read = (path) => readFileSync(join(ROOT, path));
const text = (path) => read(path).toString('utf8');
const BROWSERS = ['chromium', 'firefox'];

describe('the scaled-clock build', () => {
  it('is a cargo feature that is off by default', () => {
    const cargo = text('crates/optout-wasm/Cargo.toml');
    assert.match(cargo, /^scaled-clock = \[\]$/m);
    const defaults = cargo.match(/^default = \[(.*)\]$/m)?.[1];
    assert.equal(defaults, '"pages"', 'the default features');
    assert.ok(!/scaled-clock/.test(text('Cargo.toml')), 'the workspace does not turn it on');
  });

  it('is passed by build.sh only to the scaled build, whose outputs end in -scaled', () => {
    const uses = text('build.sh').split('\n').filter((l) => l.includes('scaled-clock') && l.includes('--features'));
    assert.equal(uses.length, 2, uses.join('\n'));
    for (const line of uses) assert.match(line, /build\/(pkg|mvp)-content-scaled target\/(content|mvp-content)-scaled /);
  });

  it('runs the flow on the page clock in every other build', () => {
    const clock = text('crates/optout-wasm/src/clock.rs');
    assert.match(clock, /#\[cfg\(not\(feature = "scaled-clock"\)\)\]\npub const CLOCK_SCALE: f64 = 1\.0;/);
  });

  for (const browser of BROWSERS) {
    it(`is not what dist/${browser} holds (built: the content script's module and its JavaScript build)`, () => {
      const wasm = (dir) => read(join(dir, 'pkg', 'content', 'optout_wasm_bg.wasm'));
      const release = read('build/pkg-content/optout_wasm_bg.wasm');
      const scaled = read('build/pkg-content-scaled/optout_wasm_bg.wasm');
      assert.ok(!release.equals(scaled), 'the two builds differ');
      assert.ok(wasm(`dist/${browser}`).equals(release), `dist/${browser}: the module built without the feature`);
      assert.ok(wasm(`dist-scaled/${browser}`).equals(scaled), `dist-scaled/${browser}: the scaled module`);
      const fallback = text(`dist/${browser}/pkg/content/optout_wasm_fallback.js`);
      assert.ok(fallback.includes(text('build/mvp-content/fallback.iife.js')), 'the release JavaScript build');
      assert.ok(!fallback.includes(text('build/mvp-content-scaled/fallback.iife.js')), 'not the scaled one');
      assert.ok(!JSON.parse(text(`dist/${browser}/manifest.json`)).name.includes('scaled'));
    });
  }
});
