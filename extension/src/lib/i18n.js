// The extension's words: resolves the core's texts ({key, args}) with i18n.getMessage in the
// browser's UI language (extension/src/_locales), and fills static pages' [data-i18n] elements.
// Arguments: a string is verbatim, {date: ms} becomes a localised date and time, and {key, args}
// is another message.
import { api } from './platform.js';

/** The language the messages come from (e.g. "de", "pt-BR"): dates follow it. */
export function language() {
  // Our own messages name their language: Chromium's @@ui_locale and getUILanguage() can report
  // the browser's locale even when the messages come from another (measured in headless Chromium).
  return api.i18n.getMessage('localeCode') || api.i18n.getUILanguage();
}

/**
 * The writing direction of the language the messages come from ("ltr" or "rtl"), declared by the
 * messages themselves (`localeDir`): @@bidi_dir follows the browser's UI locale, like @@ui_locale.
 */
export function direction() {
  return api.i18n.getMessage('localeDir') === 'rtl' ? 'rtl' : 'ltr';
}

/** The text of a core `Text` ({key, args}); '' for anything else. */
export function text(t) {
  const lang = language();
  const arg = (a) => {
    if (typeof a === 'string') return a;
    if (a && typeof a.date === 'number') {
      const date = new Date(a.date);
      // An impossible date (the core rejects them; kept safe here too) shows as a dash, never throws.
      if (Number.isNaN(date.getTime())) return '—';
      return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
    }
    return text(a);
  };
  if (!t || typeof t.key !== 'string') return '';
  return api.i18n.getMessage(t.key, (t.args ?? []).map(arg));
}

/**
 * Fills every [data-i18n] element's text (and [data-i18n-aria-label]'s label) of an extension
 * page, and sets the page's language and direction.
 */
export function localizePage(doc = document) {
  doc.documentElement.lang = language();
  doc.documentElement.dir = direction();
  for (const el of doc.querySelectorAll('[data-i18n]')) el.textContent = api.i18n.getMessage(el.dataset.i18n);
  for (const el of doc.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', api.i18n.getMessage(el.dataset.i18nAriaLabel));
}
