// Options page: the re-check period (days). Validation is the core's (parseRecheckDays).
'use strict';
(async () => {
  const api = globalThis.browser ?? globalThis.chrome;
  optoutGuardLocalizePage();
  const { core } = await loadOptOutCore(() => 'pkg/optout_wasm_bg.wasm');
  const input = document.getElementById('recheck-days');
  const status = document.getElementById('status');
  input.value = String(core.checkOptions((await api.storage.local.get('options')).options).recheckDays);
  document.getElementById('form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const options = core.parseRecheckDays(input.value);
    if (!options) {
      input.setAttribute('aria-invalid', 'true');
      status.dataset.kind = 'error';
      status.textContent = api.i18n.getMessage('options_invalid');
      input.focus();
      return;
    }
    input.removeAttribute('aria-invalid');
    await api.storage.local.set({ options });
    input.value = String(options.recheckDays);
    status.dataset.kind = 'ok';
    status.textContent = api.i18n.getMessage('options_saved');
  });
  document.getElementById('options-page').dataset.ready = 'true';
})().catch((error) => console.error('Opt-Out Guard:', error));
