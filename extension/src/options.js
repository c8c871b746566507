// Options page: the re-check period (days). Validation is the core's (parseRecheckDays).
import { loadCore } from './lib/core.js';
import { localizePage } from './lib/i18n.js';
import { api, warnOnError } from './lib/platform.js';
import { OPTIONS } from './lib/storage.js';

(async () => {
  localizePage();
  const { core } = await loadCore(() => 'pkg/optout_wasm_bg.wasm');
  const input = document.getElementById('recheck-days');
  const status = document.getElementById('status');
  input.value = String(core.checkOptions((await api.storage.local.get(OPTIONS))[OPTIONS]).recheckDays);
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
    await api.storage.local.set({ [OPTIONS]: options });
    input.value = String(options.recheckDays);
    status.dataset.kind = 'ok';
    status.textContent = api.i18n.getMessage('options_saved');
  });
  document.getElementById('options-page').dataset.ready = 'true';
})().catch(warnOnError('options page'));
