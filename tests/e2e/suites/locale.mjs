// Issue 5, localisation end to end: with the browser's UI in German, the banner, the badge title
// and the popup speak German (from _locales/de through i18n.getMessage), and the manual path uses
// LinkedIn's German menu words. Screenshots (light and dark) go to demo/ for review.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SETTING_URL, after, bannerText, before, describe, it, launch, openFixture, openPopup, pollPage, setViewport, testHook, waitForBanner } from '../harness/index.mjs';

const de = JSON.parse(readFileSync(join(ROOT, 'extension', 'src', '_locales', 'de', 'messages.json'), 'utf8'));
/** A German message with its placeholders filled, as getMessage returns it. */
const msg = (key, ...args) => {
  const e = de[key];
  let text = e.message;
  for (const [name, p] of Object.entries(e.placeholders ?? {})) text = text.replaceAll(new RegExp(`\\$${name}\\$`, 'gi'), args[Number(p.content.slice(1)) - 1]);
  return text;
};

export function localeSuite(name) {
  describe(`German UI in ${name}`, () => {
    let ctx;
    const shots = join(ROOT, 'demo');
    before(async () => {
      mkdirSync(shots, { recursive: true });
      ctx = await launch(name, { testHooks: true, locale: 'de' });
    });
    after(async () => {
      await ctx?.browser.close();
      assert.deepEqual(ctx?.networkRequests() ?? [], [], 'requests that reached the network');
    });

    it('banner, manual path, badge title and popup are German', async () => {
      const title = msg('s_aiTraining_title');
      const { page } = await openFixture(ctx, SETTING_URL, { config: { state: 'on', lang: 'en' } });
      await waitForBanner(page, 'on');
      const text = await bannerText(page);
      assert.ok(text.includes(msg('banner_on_title', title)), `German title in: ${text}`);
      assert.ok(text.includes(msg('btn_turnOff')), 'German button');
      // On an English LinkedIn page, the German banner says it is German (a screen reader reads it
      // with a German voice), left to right.
      const region = await page.evaluate(() => {
        const r = document.querySelector('[data-optout-guard="banner"]').shadowRoot.querySelector('[role="region"]');
        return [r.getAttribute('lang'), r.getAttribute('dir')];
      });
      assert.deepEqual(region, ['de', 'ltr']);
      await page.screenshot({ path: join(shots, `${name}-de-banner-on.png`) });
      if (name === 'chromium') {
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
        await page.screenshot({ path: join(shots, `${name}-de-banner-on-dark.png`) });
      }
      const badge = await testHook(ctx, 'badge', { url: SETTING_URL });
      assert.equal(badge.text, msg('badge_on'));
      assert.equal(badge.title, msg('badgeTitle_on', title, 'LinkedIn'));
      // Unknown: the manual steps use LinkedIn's German menu words (docs/evidence/linkedin.md §3).
      const unknown = await openFixture(ctx, SETTING_URL, { config: { markup: 'absent', lang: 'de' } });
      await waitForBanner(unknown.page, 'unknown', 14_000);
      const steps = await bannerText(unknown.page);
      assert.ok(steps.includes(msg('manual_go', msg('s_aiTraining_path'))), `German manual path in: ${steps}`);
      assert.match(steps, /Datenschutz › Daten zur Verbesserung generativer KI/);
      await unknown.page.screenshot({ path: join(shots, `${name}-de-banner-unknown.png`) });

      const popup = await openPopup(ctx);
      await pollPage(popup, () => document.getElementById('popup')?.dataset.state !== 'loading', null);
      const shown = await popup.evaluate(() => ({
        lang: document.documentElement.lang,
        heading: document.getElementById('checkup-heading').textContent,
        headline: document.getElementById('headline').textContent,
      }));
      assert.match(shown.lang, /^de/);
      assert.equal(shown.heading, msg('popup_checkup_heading'));
      assert.equal(shown.headline, msg('popup_state_on'));
      await setViewport(popup, { width: 380, height: 900 });
      await popup.screenshot({ path: join(shots, `${name}-de-popup.png`), fullPage: true });
      if (name === 'chromium') {
        await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
        await popup.screenshot({ path: join(shots, `${name}-de-popup-dark.png`), fullPage: true });
      }
    });
  });
}
