// Popup: the AI-training setting first, the privacy checkup as one line (its list on demand), the
// latest change with undo (earlier ones on demand), the caveats behind "Good to know": the first
// screen of a popup capped at 600 px tall holds what matters first. The model comes from the Rust
// core; this file only renders it and navigates.
import { now } from './lib/clock.js';
import { loadCore } from './lib/core.js';
import { localizePage, text as t } from './lib/i18n.js';
import { api } from './lib/platform.js';
import { OPTIONS, tabKey } from './lib/storage.js';

(async () => {
  localizePage();
  const { core } = await loadCore(() => 'pkg/optout_wasm_bg.wasm');
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  // The background checks the memory (migrating an older schema, resetting an unreadable one) and
  // hands over the one-time notice; the popup writes nothing itself.
  const opened = await api.runtime.sendMessage({ type: 'popupOpened' });
  if (!opened) throw new Error('the background did not answer');
  const options = (await api.storage.local.get(OPTIONS))[OPTIONS];
  const key = tab ? tabKey(tab.id) : null;
  const live = key ? (await api.storage.session.get(key))[key] : undefined;
  // Global Privacy Control: Firefox 120 and later when the person turned it on; Chrome has none.
  const gpc = navigator.globalPrivacyControl === true;
  // The sites asked for at use (ChatGPT) are enabled by their host permission.
  const { origins: granted = [] } = await api.permissions.getAll();
  const model = core.popupModel(opened.memory, options, live ?? null, tab?.url ?? null, await now(), opened.memoryWasReset, { gpc, granted });

  const go = async (target) => {
    if (target.inCurrentTab && tab) await api.tabs.update(tab.id, { url: target.url });
    else await api.tabs.create({ url: target.url });
    window.close();
  };
  const el = (tag, props = {}, text) => {
    const e = Object.assign(document.createElement(tag), props);
    if (text !== undefined) e.textContent = text;
    return e;
  };
  // The banner the person dismissed on a setting's page, and the way to bring it back.
  const showBanner = (setting, describedBy) => {
    const show = el('button', { className: 'small' }, t({ key: 'btn_showBanner' }));
    show.type = 'button';
    show.dataset.action = 'show-banner';
    show.setAttribute('aria-describedby', describedBy);
    show.addEventListener('click', async () => {
      show.disabled = true;
      await api.runtime.sendMessage({ type: 'showBanner', setting });
      location.reload();
    });
    return show;
  };
  // One list row: a name (its id names the row), an optional state line, and an optional small
  // button whose accessible name is its visible text and whose description is the row's name.
  const row = ({ data, nameId, name, state, details = [], note, button, onPress, hidden }) => {
    const li = el('li', { className: 'row' });
    Object.assign(li.dataset, data);
    const text = el('div', { className: 'row-text' });
    text.append(el('span', { className: 'name', id: nameId }, name));
    if (state !== undefined) text.append(el('span', { className: 'state' }, state));
    for (const d of details) text.append(el('span', { className: 'state' }, d));
    if (note) text.append(el('span', { className: 'state note' }, t(note)));
    if (hidden) text.append(el('span', { className: 'state' }, t(hidden)), showBanner(data.setting, nameId));
    li.append(text);
    if (button) {
      button.classList.add('small');
      button.type = 'button';
      button.setAttribute('aria-describedby', nameId);
      button.addEventListener('click', onPress);
      li.append(button);
    }
    return li;
  };

  const root = document.getElementById('popup');
  root.dataset.state = model.main.state;
  document.getElementById('setting-title').textContent = t(model.main.title);
  document.getElementById('headline').textContent = t(model.main.headline);
  const detail = [...model.main.detail, ...(model.main.gpcNote ? [model.main.gpcNote] : [])].map((d) => el('p', {}, t(d)));
  if (model.main.bannerHidden) detail.push(el('p', {}, t(model.main.bannerHidden)), showBanner(model.main.id, 'setting-title'));
  document.getElementById('detail').replaceChildren(...detail);
  const noticeEl = document.getElementById('notice');
  noticeEl.hidden = !model.notice;
  noticeEl.textContent = model.notice ? t(model.notice) : '';
  const open = document.getElementById('open');
  open.textContent = t(model.main.button);
  open.disabled = false;
  open.addEventListener('click', () => go(model.main.open));

  document.getElementById('checkup').replaceChildren(...model.checkup.map((r) => row({
    data: { setting: r.id, state: r.state },
    nameId: `row-${r.id}`,
    name: t(r.title),
    state: t(r.headline),
    note: r.gpcNote,
    button: el('button', {}, t(r.button)),
    onPress: () => go(r.open),
    hidden: r.bannerHidden,
  })));
  document.getElementById('checkup-progress').textContent = t(model.checkupProgress);
  const start = document.getElementById('start-checkup');
  start.disabled = false;
  start.addEventListener('click', () => go(model.checkupStart));

  // A site not enabled yet: its button asks the browser for the site (permissions.request must be
  // the click's first call, or Firefox refuses it); the background registers the site's content
  // script when the permission is granted, also if this popup closed meanwhile.
  // An enabled site can be turned off again: the permission is given back (the background then
  // unregisters the content script), and, if the person ticks it, the memory forgets the site.
  const disableSite = (s, nameId) => {
    const box = el('details', { className: 'disable-site' });
    box.dataset.site = s.name;
    const summary = el('summary', {}, t(s.disable.summary));
    summary.setAttribute('aria-describedby', nameId);
    const forget = el('input', { type: 'checkbox', id: `forget-${s.name}` });
    forget.dataset.action = 'forget-site';
    const label = el('label', { htmlFor: forget.id }, t(s.disable.forget));
    const confirm = el('button', { type: 'button', className: 'small' }, t(s.disable.confirm));
    confirm.dataset.action = 'disable-site';
    const failed = el('p', { className: 'state note', hidden: true }, t(s.disable.failed));
    failed.setAttribute('role', 'alert');
    confirm.addEventListener('click', async () => {
      confirm.disabled = true;
      const removed = await api.permissions.remove({ origins: [s.hostPattern] }).catch(() => false);
      if (!removed) {
        failed.hidden = false;
        confirm.disabled = false;
        return;
      }
      if (forget.checked) await api.runtime.sendMessage({ type: 'forgetSite', hostPattern: s.hostPattern });
      location.reload();
    });
    const choice = el('p', { className: 'forget' });
    choice.append(forget, ' ', label);
    box.append(summary, choice, confirm, failed);
    return box;
  };
  document.getElementById('sites').replaceChildren(...model.sites.map((s) => {
    const button = el('button', {}, t(s.button));
    button.dataset.action = s.enabled ? 'open-site' : 'enable-site';
    const li = row({
      data: { site: s.name, state: s.enabled ? s.setting.state : 'notEnabled', ...(s.enabled ? { setting: s.setting.id } : {}) },
      nameId: `site-${s.name}`,
      name: s.enabled ? `${s.name}: ${t(s.setting.title)}` : s.name,
      state: t(s.headline),
      details: s.detail.map(t),
      button,
      onPress: s.enabled ? () => go(s.setting.open) : () => {
        api.permissions.request({ origins: [s.hostPattern] }).then((ok) => {
          if (ok) location.reload();
        }, (error) => console.error(error));
      },
    });
    // After the row's own button, on a line of its own: the setting comes first.
    if (s.disable) li.append(disableSite(s, `site-${s.name}`));
    return li;
  }));

  document.getElementById('history-empty').hidden = model.history.length > 0;
  const changes = model.history.map((h) => {
    const undo = h.undoable ? el('button', {}, t({ key: 'btn_undo' })) : null;
    if (undo) undo.dataset.action = 'undo';
    return row({
      data: { change: String(h.change), setting: h.setting },
      nameId: `change-${h.change}`,
      name: t(h.text),
      state: [h.undone, h.note, h.wording].filter(Boolean).map(t).join(' ') || undefined,
      button: undo,
      onPress: async () => {
        undo.disabled = true; // one request per press
        const started = await api.runtime.sendMessage({ type: 'requestUndo', change: h.change });
        if (!started) return;
        await go({ url: started.url, inCurrentTab: h.open.inCurrentTab });
      },
    });
  });
  // The latest change is shown; the earlier ones open on demand.
  document.getElementById('history-latest').replaceChildren(...changes.slice(0, 1));
  document.getElementById('history-earlier').replaceChildren(...changes.slice(1));
  document.getElementById('history-more').hidden = !model.historyEarlier;
  document.getElementById('history-more-summary').textContent = model.historyEarlier ? t(model.historyEarlier) : '';

  const caveats = model.caveats.map((c) => el('li', {}, t(c)));
  for (const link of model.links) {
    const li = el('li');
    const a = el('a', { href: link.url, target: '_blank', rel: 'noopener noreferrer' }, t(link.label));
    li.append(a);
    caveats.push(li);
  }
  document.getElementById('caveats').replaceChildren(...caveats);
  document.getElementById('options').addEventListener('click', () => api.runtime.openOptionsPage().then(() => window.close()));
  root.setAttribute('aria-busy', 'false');
})().catch((error) => {
  document.getElementById('headline').textContent = t({ key: 'popup_startError' }) || 'Opt-Out Guard could not start.';
  console.error(error);
});
