// Content script: top frame of LinkedIn's settings apps only (www.linkedin.com/mypreferences/*
// and the legacy /psettings/*), so the rest of LinkedIn never loads it.
// Thin shell: loads the Rust core (real Wasm, bytes bundled in pkg/optout_wasm_bytes.js so no
// web-accessible resource exists for LinkedIn to probe; the wasm2js build when the page's CSP or
// the browser refuses Wasm) and wires browser messaging, storage and i18n to it. Every decision
// is made in Rust; see crates/optout-wasm/src/content.rs.
/* global OPTOUT_GUARD_WASM_BYTES */
import { loadCore } from './lib/core.js';
import { text } from './lib/i18n.js';
import { api, dropped } from './lib/platform.js';
import { MEMORY } from './lib/storage.js';

const send = (message) => api.runtime.sendMessage(message).catch(dropped('the background did not take a report'));

const started = Promise.all([
  loadCore(() => OPTOUT_GUARD_WASM_BYTES()),
  // A pending undo (asked for in the popup) makes the setting's page offer to switch it back.
  api.storage.local.get(MEMORY).then(({ memory }) => memory?.undo ?? null, (error) => {
    dropped('reading the pending undo (none is offered)')(error);
    return null;
  }),
]).then(([{ core, kind, reason }, undo]) => {
  if (kind === 'js') console.info(`Opt-Out Guard: WebAssembly unavailable here (${reason}); using the JavaScript build.`);
  core.startContentScript(send, text, undo);
  return core;
});
started.catch((error) => {
  // Neither build could start: say so through the badge (state unknown, manual path in its title).
  console.error('Opt-Out Guard could not start:', error);
  // Without the core there is no catalog to ask: 'aiTraining' is the wire id of the catalog's
  // primary setting (optout_core::catalog::primary), pinned by crates/optout-core/tests/catalog.rs.
  send({ type: 'phaseChanged', setting: 'aiTraining', phase: 'unknown' });
});

// The undo request as it changes (used up on another page, withdrawn, made anew).
api.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local' || !changes[MEMORY]) return;
  started.then((core) => core.setUndoRequest(changes[MEMORY].newValue?.undo ?? null)).catch(dropped('the core did not start'));
});

api.runtime.onMessage.addListener((message, sender) => {
  if (sender.id !== api.runtime.id) return;
  started.then((core) => core.onBackgroundMessage(message)).catch(dropped('the core did not start'));
});
