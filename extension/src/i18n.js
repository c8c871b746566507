// The extension's words: resolves the core's texts ({key, args}) with i18n.getMessage in the
// browser's UI language (extension/src/_locales), and fills static pages' [data-i18n] elements.
// Arguments: a string is verbatim, {date: ms} becomes a localised date and time, and {key, args}
// is another message.
'use strict';
// The language the messages come from (e.g. "de", "pt-BR"): dates follow it.
function optoutGuardLanguage() {
  const api = globalThis.browser ?? globalThis.chrome;
  // Our own messages name their language: Chromium's @@ui_locale and getUILanguage() can report
  // the browser's locale even when the messages come from another (measured in headless Chromium).
  return api.i18n.getMessage('localeCode') || api.i18n.getUILanguage();
}

function optoutGuardText(text) {
  const api = globalThis.browser ?? globalThis.chrome;
  const lang = optoutGuardLanguage();
  const arg = (a) => {
    if (typeof a === 'string') return a;
    if (a && typeof a.date === 'number') {
      const date = new Date(a.date);
      // An impossible date (the core rejects them; kept safe here too) shows as a dash, never throws.
      if (Number.isNaN(date.getTime())) return '—';
      return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
    }
    return optoutGuardText(a);
  };
  if (!text || typeof text.key !== 'string') return '';
  return api.i18n.getMessage(text.key, (text.args ?? []).map(arg));
}

// Fills every [data-i18n] element's text (and [data-i18n-title], [data-i18n-aria-label]) of an
// extension page, and sets the page's language and direction.
function optoutGuardLocalizePage(doc = document) {
  const api = globalThis.browser ?? globalThis.chrome;
  doc.documentElement.lang = optoutGuardLanguage();
  doc.documentElement.dir = api.i18n.getMessage('@@bidi_dir') || 'ltr';
  for (const el of doc.querySelectorAll('[data-i18n]')) el.textContent = api.i18n.getMessage(el.dataset.i18n);
  for (const el of doc.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', api.i18n.getMessage(el.dataset.i18nAriaLabel));
}

// Time source, ms since the epoch. Test builds (dist-test/) define optoutGuardTestClock to move
// the clock; release builds contain nothing that can.
async function optoutGuardNow() {
  return typeof globalThis.optoutGuardTestClock === 'function' ? globalThis.optoutGuardTestClock() : Date.now();
}
