// Content script: top frame of LinkedIn's settings apps only (www.linkedin.com/mypreferences/*
// and the legacy /psettings/*), so the rest of LinkedIn never loads it.
// Thin shell: loads the Rust core (real Wasm, bytes bundled in pkg/optout_wasm_bytes.js so no
// web-accessible resource exists for LinkedIn to probe; the wasm2js build when the page's CSP or
// the browser refuses Wasm) and wires browser messaging, storage and i18n to it. Every decision
// is made in Rust; see crates/optout-wasm/src/content.rs.
(() => {
  'use strict';
  const api = globalThis.browser ?? globalThis.chrome;
  const send = (message) => api.runtime.sendMessage(message).catch(() => {});

  const started = Promise.all([
    loadOptOutCore(() => OPTOUT_GUARD_WASM_BYTES()),
    // A pending undo (asked for in the popup) makes the setting's page offer to switch it back.
    api.storage.local.get('memory').then(({ memory }) => memory?.undo ?? null, () => null),
  ]).then(([{ core, kind, reason }, undo]) => {
    if (kind === 'js') console.info(`Opt-Out Guard: WebAssembly unavailable here (${reason}); using the JavaScript build.`);
    core.startContentScript(send, optoutGuardText, undo);
    return core;
  });
  started.catch((error) => {
    // Neither build could start: say so through the badge (state unknown, manual path in its title).
    console.error('Opt-Out Guard could not start:', error);
    send({ type: 'phaseChanged', setting: 'aiTraining', phase: 'unknown' });
  });

  // The undo request as it changes (used up on another page, withdrawn, made anew).
  api.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !changes.memory) return;
    started.then((core) => core.setUndoRequest(changes.memory.newValue?.undo ?? null)).catch(() => {});
  });

  api.runtime.onMessage.addListener((message, sender) => {
    if (sender.id !== api.runtime.id) return;
    started.then((core) => core.onBackgroundMessage(message)).catch(() => {});
  });
})();
