// ./build.sh store-shots: the store listings' screenshots, docs/store/screenshot-<lang>-<n>.png,
// 1280 × 800 (the Chrome Web Store's size; addons.mozilla.org takes it too), in English and German.
// The built extension (dist/chromium) in headless Chromium, on the bundled reconstruction of
// LinkedIn's settings app (tests/fixtures, served by the end-to-end harness with LinkedIn's CSP),
// not on linkedin.com. Chromium only: both stores take screenshots from any browser, and the banner
// and popup are the same in Firefox (demo/ has Firefox's, from `./build.sh demo`).
//
//   1  the banner on the AI-training setting's page: it is on, with the one click (Turn it off)
//   2  the same page after the click: Done, verified
//   3  the popup (its top, as the toolbar button shows it) over a LinkedIn settings page
//   4  a privacy-checkup page after its one click, with the link to the next one
//   5  the popup with its earlier changes opened (each with Undo), and "nothing is sent anywhere"
//
// The popup is a page of its own (popup.html in a 400 × 600 tab: Chrome shows popups at most
// 800 × 600), placed at the top right over a screenshot of the settings page, so every image is
// exactly 1280 × 800. For the German images the browser's UI language is German (the extension
// speaks German through i18n, as in the locale suite) and the reconstruction's own English texts
// (navigation, paragraphs) are replaced by German ones before the shot; the banner is untouched.
/* global document, NodeFilter, window -- in the functions sent into pages (page.evaluate), which run there */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVACY_URL, ROOT, SETTING_URL, launch, openFixture, openPopup, pressBannerButton, waitForBanner } from '../tests/e2e/harness/index.mjs';

const SIZE = { width: 1280, height: 800 };
const POPUP = { width: 400, height: 600 };
const RESEARCH_URL = 'https://www.linkedin.com/mypreferences/d/settings/policy-and-academic-research';
const out = join(ROOT, 'docs', 'store');

/**
 * The reconstruction's own texts in German, by their English text (the fixture's `lang: 'de'` gives
 * the AI-training page's title, switch label and On/Off in LinkedIn's German words only). Menu
 * words as in extension/src/_locales/de (Datenschutz, Anzeigendaten); the rest translated.
 */
const GERMAN_PAGE = {
  'Home': 'Startseite',
  'My Network': 'Mein Netzwerk',
  'Messaging': 'Nachrichten',
  'Me ▾': 'Ich ▾',
  'Account preferences': 'Kontoeinstellungen',
  'Sign in & security': 'Anmelden und Sicherheit',
  'Visibility': 'Sichtbarkeit',
  'Data privacy': 'Datenschutz',
  'Advertising data': 'Anzeigendaten',
  'Notifications': 'Benachrichtigungen',
  'Can LinkedIn use your personal data and content you create on LinkedIn to train generative AI models that create content?':
    'Darf LinkedIn Ihre personenbezogenen Daten und die Inhalte, die Sie auf LinkedIn erstellen, verwenden, um generative KI-Modelle zu trainieren, die Inhalte erstellen?',
  'When this setting is on, LinkedIn can use your data and content to train content-generating AI models that are used in product features.':
    'Wenn diese Einstellung eingeschaltet ist, kann LinkedIn Ihre Daten und Inhalte verwenden, um KI-Modelle zu trainieren, die Inhalte erstellen und in Produktfunktionen eingesetzt werden.',
  'Learn more': 'Weitere Informationen',
  'Social, economic, and workplace research': 'Sozial-, Wirtschafts- und Arbeitsplatzforschung',
  'Use data for research': 'Daten für Forschung verwenden',
  'Learn more in the Help Center.': 'Weitere Informationen finden Sie im Hilfebereich.',
  'How LinkedIn uses your data': 'Wie LinkedIn Ihre Daten verwendet',
};

/**
 * Readies a fixture page for a store image: drops the reconstruction's test-only link ("Back to
 * feed (in-app)") and, for German, replaces its English texts (light DOM only: the banner lives in
 * its own shadow root). The switch is found by its key, not by these words.
 */
async function dress(page, lang) {
  await page.waitForSelector('main section h1');
  await page.evaluate((words) => {
    document.querySelector('a[href="/feed/"]')?.remove();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.replace(/\s+/g, ' ').trim();
      if (words[text]) node.textContent = node.textContent.replace(/\S[\s\S]*\S|\S/, words[text]);
    }
    if (Object.keys(words).length) document.documentElement.lang = 'de';
  }, lang === 'de' ? GERMAN_PAGE : {});
}

async function save(png, file) {
  writeFileSync(join(out, file), png);
  console.log(`saved docs/store/${file}`);
}

/** The popup's image placed at the top right over `background` (both PNG buffers), 1280 × 800. */
async function compose(ctx, background, popup) {
  const page = await ctx.browser.newPage();
  await page.setViewport(SIZE);
  const src = (png) => `data:image/png;base64,${png.toString('base64')}`;
  await page.setContent(`<!doctype html><style>
    html, body { margin: 0; width: ${SIZE.width}px; height: ${SIZE.height}px; overflow: hidden; }
    img { position: absolute; display: block; }
    .popup { top: 0; right: 24px; border: 1px solid #b9b9b9; border-top: 0; border-radius: 0 0 8px 8px;
      box-shadow: 0 8px 28px rgba(0, 0, 0, .30); }
  </style><img src="${src(background)}" style="left: 0; top: 0" alt=""><img class="popup" src="${src(popup)}" alt="">`, { waitUntil: 'load' });
  const png = await page.screenshot();
  await page.close();
  return png;
}

async function shots(lang) {
  const ctx = await launch('chromium', { locale: lang, viewport: SIZE });
  try {
    const n = (i) => `screenshot-${lang}-${i}.png`;
    const config = { state: 'on', lang };
    const ai = (await openFixture(ctx, SETTING_URL, { config })).page;
    await dress(ai, lang);
    await waitForBanner(ai, 'on');
    await save(await ai.screenshot(), n(1));
    await pressBannerButton(ai, 'switch-off');
    await waitForBanner(ai, 'verified');
    await save(await ai.screenshot(), n(2));
    await ai.close();

    const research = (await openFixture(ctx, RESEARCH_URL, { config })).page;
    await dress(research, lang);
    await waitForBanner(research, 'on');
    await pressBannerButton(research, 'switch-off');
    await waitForBanner(research, 'verified');
    await save(await research.screenshot(), n(4));
    await research.close();

    // The popup after the two changes: the AI setting off, the checkup, the history with Undo.
    const privacy = (await openFixture(ctx, PRIVACY_URL, { config: { lang } })).page;
    await dress(privacy, lang);
    const background = await privacy.screenshot();
    const popup = await openPopup(ctx);
    await popup.setViewport(POPUP);
    await popup.waitForSelector('#popup:not([data-state="loading"])');
    await save(await compose(ctx, background, await popup.screenshot()), n(3));
    // The earlier changes opened (each with Undo), scrolled to the end: "nothing is sent anywhere".
    await popup.evaluate(() => {
      document.getElementById('history-more').open = true;
      window.scrollTo(0, document.documentElement.scrollHeight);
    });
    await save(await compose(ctx, background, await popup.screenshot()), n(5));
    await popup.close();
    await privacy.close();
  } finally {
    await ctx.browser.close();
  }
  // The images are made the way the extension runs: nothing may have left the machine.
  const requests = ctx.networkRequests();
  if (requests.length) throw new Error(`requests reached the network while making the screenshots: ${requests.join(', ')}`);
}

mkdirSync(out, { recursive: true });
for (const lang of ['en', 'de']) await shots(lang);
