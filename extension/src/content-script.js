// Content script (isolated world, top frame of https://www.linkedin.com/* only).
// Thin shell: instantiates the Rust core (wasm, bytes bundled in pkg/optout_wasm_bytes.js so no
// web-accessible resource exists for LinkedIn to probe) and wires browser messaging to it.
// Every decision is made in Rust; see crates/optout-wasm/src/content.rs.
(() => {
  'use strict';
  const api = globalThis.browser ?? globalThis.chrome;
  let started = null;

  // Cheap gate so LinkedIn pages outside the settings apps pay nothing: the wasm module is
  // instantiated only once the tab shows a settings URL (the core then classifies it exactly).
  const mayBeSettings = () => /^\/(mypreferences|psettings)\//.test(location.pathname);

  function start() {
    started ??= wasm_bindgen({ module_or_path: OPTOUT_GUARD_WASM_BYTES() })
      .then(() => wasm_bindgen.startContentScript((message) => {
        api.runtime.sendMessage(message).catch(() => {});
      }))
      .catch((error) => console.error('Opt-Out Guard could not start:', error));
    return started;
  }

  api.runtime.onMessage.addListener((message, sender) => {
    if (sender.id !== api.runtime.id) return;
    if (started) {
      started.then(() => wasm_bindgen.onBackgroundMessage(message));
    } else if (mayBeSettings()) {
      start().then(() => wasm_bindgen.onBackgroundMessage(message));
    }
  });

  if (mayBeSettings()) start();
})();
