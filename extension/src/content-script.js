// Content script: top frame of LinkedIn's settings apps only (www.linkedin.com/mypreferences/*
// and the legacy /psettings/*), so the rest of LinkedIn never loads it.
// Thin shell: loads the Rust core (real Wasm, its bytes sent by the background, so no
// web-accessible resource exists for LinkedIn to probe and the page parses no copy of them; the
// wasm2js build when the page's CSP or the browser refuses Wasm) and wires browser messaging,
// storage and i18n to it. Every decision is made in Rust; see crates/optout-wasm/src/content.rs.
/* global OPTOUT_GUARD_FALLBACK */
import { loadCore } from './lib/core.js';
import { direction, language, text } from './lib/i18n.js';
import { api, dropped } from './lib/platform.js';
import { MEMORY, OPTIONS } from './lib/storage.js';

// Injected by the manifest on a page load, or by the background (scripting.executeScript) when a
// tab enters a setting's page in-app: the first run marks this isolated world, a second does nothing.
if (globalThis.OPTOUT_GUARD_CONTENT_SCRIPT !== true) {
  globalThis.OPTOUT_GUARD_CONTENT_SCRIPT = true;
  const send = (message) => api.runtime.sendMessage(message).catch(dropped('the background did not take a report'));

  // What the core reads from storage: the memory (a pending undo makes the setting's page offer to
  // switch it back; a pending change of ours is read on this visit; known readings steer the
  // checkup's next link) and the options. The core decodes both; unreadable values count as none.
  const readStored = () => api.storage.local.get([MEMORY, OPTIONS]).then(
    ({ [MEMORY]: memory, [OPTIONS]: options }) => ({ memory: memory ?? null, options: options ?? null }),
    (error) => {
      dropped('reading the memory (none is used)')(error);
      return { memory: null, options: null };
    },
  );

  // The module's bytes, from the background (structured clone: Firefox, Chromium 148 and later
  // with the manifest's message_serialization). Anything else (an older Chromium's JSON) is no
  // module: the JavaScript build is used instead.
  // A background that stops while it answers (Chromium may stop an idle worker) closes the
  // channel: asked once more before the JavaScript build is taken instead.
  const moduleBytes = async () => {
    const ask = () => api.runtime.sendMessage({ type: 'needModule' });
    const bytes = await ask().catch(ask);
    if (!ArrayBuffer.isView(bytes)) throw new Error('the background sent no module bytes');
    return bytes;
  };

  // Where Wasm cannot run, the background injects the JavaScript build into this frame (no page
  // loads its bytes otherwise); it defines OPTOUT_GUARD_FALLBACK in this isolated world.
  const fallback = async () => {
    await api.runtime.sendMessage({ type: 'needFallback' });
    if (typeof OPTOUT_GUARD_FALLBACK !== 'function') throw new Error('the JavaScript build was not injected');
    return OPTOUT_GUARD_FALLBACK;
  };

  const started = Promise.all([loadCore(moduleBytes, fallback), readStored()]).then(([{ core, kind, reason }, stored]) => {
    if (kind === 'js') console.info(`Opt-Out Guard: WebAssembly unavailable here (${reason}); using the JavaScript build.`);
    core.startContentScript(send, text, stored, { lang: language(), dir: direction(), version: api.runtime.getManifest().version });
    return core;
  });
  started.catch((error) => {
    // Neither build could start: say so through the badge (state unknown, manual path in its title).
    console.error('Opt-Out Guard could not start:', error);
    // Without the core there is no catalog to ask: 'aiTraining' is the wire id of the catalog's
    // primary setting (optout_core::catalog::primary), pinned by crates/optout-core/tests/catalog.rs.
    send({ type: 'phaseChanged', setting: 'aiTraining', phase: 'unknown' });
  });

  // The memory and options as they change (an undo used up on another page, a pending change, new readings).
  api.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !(changes[MEMORY] || changes[OPTIONS])) return;
    started.then((core) => readStored().then((stored) => core.setStored(stored))).catch(dropped('the core did not start'));
  });

  api.runtime.onMessage.addListener((message, sender) => {
    if (sender.id !== api.runtime.id) return;
    started.then((core) => core.onBackgroundMessage(message)).catch(dropped('the core did not start'));
  });
}
