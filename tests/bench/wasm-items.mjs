// What a Wasm module's bytes are made of, for the benchmark: the size of each function body
// (code section) by its name (the "name" custom section, which cargo's release build keeps until
// wasm-opt strips it), the data segments, and the rest. Reads the module's binary format directly
// (https://webassembly.github.io/spec/core/binary/modules.html), so the benchmark needs no tool
// of its own (twiggy and the like are not installed by the build).
import { readFileSync } from 'node:fs';

/** Reads an unsigned LEB128 at `pos`; returns [value, next position]. */
function leb(buf, pos) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos++];
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [value, pos];
    shift += 7;
  }
}

/**
 * The sections of a module: [{id, name (custom sections), start, end}] (byte offsets of the
 * section's contents). Throws on a file that is not a Wasm module.
 */
export function sections(buf) {
  if (buf.readUInt32LE(0) !== 0x6d736100) throw new Error('not a Wasm module');
  const out = [];
  let pos = 8;
  while (pos < buf.length) {
    const id = buf[pos];
    let size;
    [size, pos] = leb(buf, pos + 1);
    const start = pos;
    let name = null;
    if (id === 0) {
      let len;
      let p;
      [len, p] = leb(buf, pos);
      name = buf.toString('utf8', p, p + len);
    }
    out.push({ id, name, start, end: start + size });
    pos = start + size;
  }
  return out;
}

/**
 * A Rust v0 symbol (`_RNvNtCs…_4core3fmt5write`) as the path of its identifiers (`core::fmt::write`),
 * read loosely: crate hashes (`Cs…_`), disambiguators (`s…_`) and back-references (`B…_`) are
 * skipped, generic arguments are flattened into the path. Enough to tell which crate an item is from.
 */
function demangleV0(symbol) {
  const parts = [];
  let pos = 2;
  while (pos < symbol.length) {
    const c = symbol[pos];
    if (/\d/.test(c)) {
      const m = /^\d+/.exec(symbol.slice(pos));
      pos += m[0].length;
      if (symbol[pos] === '_') pos++;
      parts.push(symbol.slice(pos, pos + Number(m[0])));
      pos += Number(m[0]);
    } else if ((c === 'C' && symbol[pos + 1] === 's') || c === 's' || c === 'B') {
      const end = symbol.indexOf('_', pos);
      pos = end < 0 ? symbol.length : end + 1;
    } else {
      pos++;
    }
  }
  return parts.length ? parts.join('::') : symbol;
}

/**
 * A mangled Rust symbol as a path: legacy (`_ZN4core3fmt5write17h…E` → `core::fmt::write`) or v0
 * (see demangleV0); other names unchanged.
 */
export function demangle(symbol) {
  if (symbol.startsWith('_R')) return demangleV0(symbol);
  if (!symbol.startsWith('_ZN')) return symbol;
  const parts = [];
  let pos = 3;
  while (pos < symbol.length && symbol[pos] !== 'E') {
    const m = /^\d+/.exec(symbol.slice(pos));
    if (!m) return symbol;
    const len = Number(m[0]);
    pos += m[0].length;
    parts.push(symbol.slice(pos, pos + len));
    pos += len;
  }
  if (parts.length > 1 && /^h[0-9a-f]{16}$/.test(parts.at(-1))) parts.pop();
  return parts.join('::').replaceAll('$LT$', '<').replaceAll('$GT$', '>').replaceAll('$u20$', ' ').replaceAll('$C$', ',')
    .replaceAll('..', '::').replaceAll('$RF$', '&').replaceAll('$BP$', '*').replaceAll('$u7b$', '{').replaceAll('$u7d$', '}');
}

/**
 * The module at `path`: {bytes, code, data, functions: [{name, size}] largest first}, sizes in
 * bytes; a function without a name (a stripped module) is named by its index.
 */
export function wasmItems(path) {
  const buf = readFileSync(path);
  const secs = sections(buf);
  let imported = 0;
  const names = new Map();
  const importSec = secs.find((s) => s.id === 2);
  if (importSec) {
    let [count, pos] = leb(buf, importSec.start);
    for (let i = 0; i < count; i++) {
      for (let k = 0; k < 2; k++) {
        let len;
        [len, pos] = leb(buf, pos);
        pos += len;
      }
      const kind = buf[pos++];
      if (kind === 0) { [, pos] = leb(buf, pos); imported++; } // function: type index
      else if (kind === 1) { pos++; const flags = buf[pos++]; [, pos] = leb(buf, pos); if (flags & 1) [, pos] = leb(buf, pos); } // table
      else if (kind === 2) { const flags = buf[pos++]; [, pos] = leb(buf, pos); if (flags & 1) [, pos] = leb(buf, pos); } // memory
      else if (kind === 3) pos += 2; // global: type, mutability
      else if (kind === 4) { pos++; [, pos] = leb(buf, pos); } // tag
    }
  }
  const nameSec = secs.find((s) => s.name === 'name');
  if (nameSec) {
    let [len, pos] = leb(buf, nameSec.start);
    pos += len;
    while (pos < nameSec.end) {
      const sub = buf[pos];
      let size;
      [size, pos] = leb(buf, pos + 1);
      if (sub === 1) {
        let [count, p] = leb(buf, pos);
        for (let i = 0; i < count; i++) {
          let index;
          let n;
          [index, p] = leb(buf, p);
          [n, p] = leb(buf, p);
          names.set(index, demangle(buf.toString('utf8', p, p + n)));
          p += n;
        }
      }
      pos += size;
    }
  }
  const functions = [];
  const codeSec = secs.find((s) => s.id === 10);
  if (codeSec) {
    let [count, pos] = leb(buf, codeSec.start);
    for (let i = 0; i < count; i++) {
      let size;
      const at = pos;
      [size, pos] = leb(buf, pos);
      const index = imported + i;
      functions.push({ name: names.get(index) ?? `function ${index}`, size: pos - at + size });
      pos += size;
    }
  }
  functions.sort((a, b) => b.size - a.size);
  const sizeOf = (id) => secs.filter((s) => s.id === id).reduce((a, s) => a + s.end - s.start, 0);
  return { bytes: buf.length, code: sizeOf(10), data: sizeOf(11), functions };
}

/** The first path segment of an item's name (`core`, `serde`, `optout_core`, …), or `<other>`. */
export function crateOf(name) {
  const path = name.replace(/^[_<]+/, '');
  const m = /^([a-z_][a-z0-9_]*)::/.exec(path);
  return m ? m[1] : '<other>';
}

/** Code bytes per crate, largest first: [{crate, size, count}]. */
export function byCrate(functions) {
  const totals = new Map();
  for (const f of functions) {
    const c = crateOf(f.name);
    const t = totals.get(c) ?? { crate: c, size: 0, count: 0 };
    t.size += f.size;
    t.count++;
    totals.set(c, t);
  }
  return [...totals.values()].sort((a, b) => b.size - a.size);
}
