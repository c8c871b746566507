// Popup: shows the setting's state and opens its page. The model comes from the Rust core.
'use strict';
(async () => {
  const api = globalThis.browser ?? globalThis.chrome;
  const { core } = await loadOptOutCore(() => 'pkg/optout_wasm_bg.wasm');
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  const { memory, notice } = await api.storage.local.get(['memory', 'notice']);
  const key = tab ? `tab:${tab.id}` : null;
  const live = key ? (await api.storage.session.get(key))[key] : undefined;
  // Unreadable stored state is replaced here too (the background may not have run yet), and said.
  const checked = core.checkMemory(memory);
  if (checked.status === 'reset') await api.storage.local.set({ memory: checked.memory });
  const wasReset = notice === 'memoryReset' || checked.status === 'reset';
  const model = core.popupModel(checked.memory, live ?? null, tab?.url ?? null, Date.now(), wasReset);
  if (notice) await api.storage.local.remove('notice');

  const root = document.getElementById('popup');
  root.dataset.state = model.state;
  root.setAttribute('aria-busy', 'false');
  document.getElementById('setting-title').textContent = model.settingTitle;
  document.getElementById('headline').textContent = model.headline;
  document.getElementById('detail').textContent = model.detail;
  const noticeEl = document.getElementById('notice');
  noticeEl.hidden = !model.notice;
  noticeEl.textContent = model.notice ?? '';
  const open = document.getElementById('open');
  open.textContent = model.buttonLabel;
  open.disabled = false;
  open.addEventListener('click', async () => {
    if (model.open.inCurrentTab && tab) await api.tabs.update(tab.id, { url: model.open.url });
    else await api.tabs.create({ url: model.open.url });
    window.close();
  });
})().catch((error) => {
  document.getElementById('headline').textContent = 'Opt-Out Guard could not start.';
  console.error(error);
});
