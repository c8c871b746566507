// Content script: top frame of LinkedIn's settings apps only (www.linkedin.com/mypreferences/*
// and the legacy /psettings/*), so the rest of LinkedIn never loads it.
// Thin shell: loads the Rust core (real Wasm, bytes bundled in pkg/optout_wasm_bytes.js so no
// web-accessible resource exists for LinkedIn to probe; the wasm2js build when the page's CSP or
// the browser refuses Wasm) and wires browser messaging to it. Every decision is made in Rust;
// see crates/optout-wasm/src/content.rs.
(() => {
  'use strict';
  const api = globalThis.browser ?? globalThis.chrome;
  const send = (message) => api.runtime.sendMessage(message).catch(() => {});

  const started = loadOptOutCore(() => OPTOUT_GUARD_WASM_BYTES()).then(({ core, kind, reason }) => {
    if (kind === 'js') console.info(`Opt-Out Guard: WebAssembly unavailable here (${reason}); using the JavaScript build.`);
    core.startContentScript(send);
    return core;
  });
  started.catch((error) => {
    // Neither build could start: say so through the badge (state unknown, manual path in its title).
    console.error('Opt-Out Guard could not start:', error);
    send({ type: 'phaseChanged', setting: 'aiTraining', phase: 'unknown' });
  });

  api.runtime.onMessage.addListener((message, sender) => {
    if (sender.id !== api.runtime.id) return;
    started.then((core) => core.onBackgroundMessage(message)).catch(() => {});
  });
})();
