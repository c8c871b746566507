// Browsers a suite launches itself, each with the suite's two end-of-run checks.
import assert from 'node:assert/strict';
import { after } from './bounds.mjs';
import { launch } from './browser.mjs';
import { openFixture } from './fixtures.mjs';

/**
 * For a suite that launches several browsers of kind `name`: `start(options)` launches one
 * (launch's options), `open(ctx, url, site)` opens a fixture page in it (openFixture). Registers,
 * in the calling `describe`, an `after` that closes them all and asserts that no request reached
 * the network from any context and that no page asked for anything outside the fixture host.
 */
export function suiteContexts(name) {
  const contexts = [];
  const opened = [];
  after(async () => {
    for (const ctx of contexts) await ctx.browser.close();
    assert.deepEqual(contexts.flatMap((c) => c.networkRequests()), [], 'requests that reached the network, from any context');
    assert.deepEqual(opened.flatMap((o) => o.violations), [], 'requests outside the fixture host');
  });
  return {
    start: async (options) => {
      const ctx = await launch(name, options);
      contexts.push(ctx);
      return ctx;
    },
    open: async (ctx, url, site) => {
      const o = await openFixture(ctx, url, site);
      opened.push(o);
      return o;
    },
  };
}
