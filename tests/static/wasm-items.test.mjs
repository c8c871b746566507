// The benchmark's reader of Wasm modules (tests/bench/wasm-items.mjs), on the modules the build ships.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { byCrate, crateOf, demangle, wasmItems } from '../bench/wasm-items.mjs';
import { ROOT } from '../e2e/harness/paths.mjs';

describe('wasm-items', () => {
  it('splits a shipped module into its function bodies and data, which fit in the file', () => {
    for (const f of ['optout_wasm_bg.wasm', 'content/optout_wasm_bg.wasm']) {
      const m = wasmItems(join(ROOT, 'dist', 'chromium', 'pkg', f));
      assert.ok(m.functions.length > 100, `${f}: ${m.functions.length} functions`);
      const bodies = m.functions.reduce((a, fn) => a + fn.size, 0);
      // The code section is its count (a LEB128 of at most 5 bytes) and the bodies.
      assert.ok(m.code - bodies >= 1 && m.code - bodies <= 5, `${f}: code ${m.code}, bodies ${bodies}`);
      assert.ok(m.code + m.data < m.bytes);
      assert.ok(m.functions.every((fn, i) => i === 0 || m.functions[i - 1].size >= fn.size), 'largest first');
    }
  });

  it('names Rust items by their path, in both manglings, and groups them by crate', () => {
    assert.equal(demangle('_ZN4core3fmt5write17h0123456789abcdefE'), 'core::fmt::write');
    assert.equal(demangle('_RNvNtNtNtNtCsgXGp5Oqx2Ny_4core3num7flt2dec8strategy6dragon15format_shortest'), 'core::num::flt2dec::strategy::dragon::format_shortest');
    assert.equal(demangle('startContentScript'), 'startContentScript');
    assert.equal(crateOf('_<serde_wasm_bindgen::de::Deserializer as serde_core::de::Deserializer>::deserialize_struct'), 'serde_wasm_bindgen');
    assert.equal(crateOf('__multi3'), '<other>');
    assert.deepEqual(byCrate([{ name: 'core::a', size: 3 }, { name: 'alloc::b', size: 5 }, { name: 'core::c', size: 4 }]),
      [{ crate: 'core', size: 7, count: 2 }, { crate: 'alloc', size: 5, count: 1 }]);
  });
});
