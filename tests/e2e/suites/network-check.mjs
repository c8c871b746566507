// The network check checked: a probe build (dist-probe/, extension/test-hooks/probe.js) sends
// deliberate requests from every context of the extension, to a browser vendor's host (whose
// traffic the check would excuse as the browser's own) and to LinkedIn (whose requests the
// fixtures answer). Every one must be reported by ctx.networkRequests() or by the page's request
// log, or the check that every other suite relies on could be blind.
import assert from 'node:assert/strict';
import { SETTING_URL, describe, it, launch, openFixture, openOptions, openPopup, testHook, waitFor, waitForBanner } from '../harness/index.mjs';

const VENDOR = { chromium: 'update.googleapis.com', firefox: 'firefox.settings.services.mozilla.com' };
const REPORT_TIMEOUT_MS = 10_000;

/** True once `found()` is true, false when REPORT_TIMEOUT_MS pass first (the harness's waitFor, as a verdict). */
const eventually = (found) => waitFor('a reported request', found, REPORT_TIMEOUT_MS).then(() => true, () => false);

/** Defines this suite for browser `name` (`chromium` or `firefox`). */
export function networkCheckSuite(name) {
  describe(`network check in ${name}`, () => {
    it('reports deliberate requests from the background (at start and later), popup, options and content script', async () => {
      const ctx = await launch(name, { probe: true });
      const missed = [];
      const linkedinTunnels = () => ctx.networkRequests().filter((l) => l === 'CONNECT www.linkedin.com:443').length;
      /**
       * Runs `step`, then checks that the requests `context` sends were reported: the vendor host
       * by its per-context subdomain (a proxy line in Firefox, a watched request in Chromium);
       * LinkedIn by its tagged URL in Chromium, by one more tunnel to it in Firefox, whose proxy
       * lines carry no path.
       */
      const expectReported = async (context, step, { linkedinVisible = true } = {}) => {
        const tunnelsBefore = context === 'background-start' ? 0 : linkedinTunnels();
        const result = await step();
        const vendorHost = `${context}.probe.${VENDOR[name]}`;
        const extraSeen = result?.violations ?? [];
        const vendorSeen = () => ctx.networkRequests().some((l) => l.includes(vendorHost)) || extraSeen.some((u) => u.includes(vendorHost));
        if (!(await eventually(vendorSeen))) missed.push(`${context} → ${vendorHost}`);
        if (!linkedinVisible) return result;
        const linkedinSeen = name === 'chromium'
          ? () => ctx.networkRequests().some((l) => l.endsWith(`https://www.linkedin.com/optout-guard-probe/${context}`))
          : () => linkedinTunnels() > tunnelsBefore;
        if (!(await eventually(linkedinSeen))) missed.push(`${context} → www.linkedin.com`);
        return result;
      };
      try {
        await expectReported('background-start', async () => undefined);
        // A page without CSP: LinkedIn's would stop Firefox's content-script request to another
        // host before it is sent. Firefox: a content script's request to the page's own host
        // carries no mark of its origin over BiDi (initiator "other", the page's headers), and
        // the fixtures answer it, so it is not provable there (README, Tests); the vendor host is,
        // as a request off the fixture host.
        const opened = await expectReported('content-script', async () => {
          const o = await openFixture(ctx, SETTING_URL, { config: { state: 'on' }, csp: 'none' });
          await waitForBanner(o.page, 'on');
          return o;
        }, { linkedinVisible: name === 'chromium' });
        await expectReported('popup', () => openPopup(ctx));
        await expectReported('options', () => openOptions(ctx));
        await expectReported('background-later', async () => {
          const sent = await testHook(ctx, 'probe');
          assert.equal(sent.length, 2, `the probe hook answered ${JSON.stringify(sent)}`);
        });
        assert.deepEqual(missed, [], 'deliberate requests the network check did not report');
        // The probe's requests are all it reports: without them the list would be empty.
        const other = ctx.networkRequests().filter((l) => !/optout-guard-probe|\.probe\.|^CONNECT www\.linkedin\.com:443$/.test(l));
        assert.deepEqual(other, [], 'requests besides the probe\'s');
        assert.ok(opened.violations.every((u) => u.includes('optout-guard-probe')), `page requests off the fixture host: ${opened.violations}`);
      } finally {
        await ctx.browser.close();
      }
    });
  });
}
