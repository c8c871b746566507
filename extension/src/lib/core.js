// Loads the Rust core in any extension context and returns its exports.
// First choice: real WebAssembly (the wasm-bindgen `no-modules` glue, pkg/optout_wasm.js, which
// defines the global `wasm_bindgen`). When WebAssembly is missing or refuses to compile (Chromium
// applies the page's CSP to Wasm in content scripts; JIT-less policies remove WebAssembly), the
// same Rust code compiled to JavaScript by wasm2js (pkg/optout_wasm_fallback.js, the global
// `OPTOUT_GUARD_FALLBACK`) is used instead. Both globals come from classic scripts that the build
// loads before each context's bundle (tools/build-dist.mjs, CONTEXTS).
/* global wasm_bindgen, OPTOUT_GUARD_FALLBACK */

/**
 * `wasmSource` returns (or resolves to) what wasm-bindgen's init accepts: bytes, or the URL of
 * the .wasm file; where it throws or rejects, the JavaScript build is used.
 * `fallback` resolves to the JavaScript build's constructor (default: the `OPTOUT_GUARD_FALLBACK`
 * global the context loaded; the content script has it injected only when Wasm fails).
 * Resolves to {core, kind: 'wasm' | 'js', reason?}; rejects only when both builds fail.
 */
export async function loadCore(wasmSource, fallback = async () => OPTOUT_GUARD_FALLBACK) {
  let reason;
  try {
    if (typeof WebAssembly !== 'object') throw new Error('WebAssembly is not available here');
    await wasm_bindgen({ module_or_path: await wasmSource() });
    return { core: wasm_bindgen, kind: 'wasm' };
  } catch (error) {
    reason = String(error?.message ?? error);
  }
  const build = await fallback();
  return { core: build(), kind: 'js', reason };
}
