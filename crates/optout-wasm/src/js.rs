//! Conversions at the JS boundary, explicit about what they drop: values to JS through serde
//! (JSON-compatible), and the stored memory and options decoded from whatever storage holds.

use optout_core::memory::{DecodeError, LoadStatus, Memory, MemoryV1, MemoryV2, Options, StoredMemory, MEMORY_VERSION};
use serde::Serialize;
use wasm_bindgen::JsValue;

/// The one explicit choice at a JS call that can fail and whose failure the content script can
/// live with (a banner that could not be built, rendered or attached; a report the background did
/// not take): the value, or `None` with a console warning naming `what` and the JS error.
pub(crate) fn warn_on_error<T>(what: &str, result: Result<T, JsValue>) -> Option<T> {
    match result {
        Ok(v) => Some(v),
        Err(e) => {
            let detail = e.as_string().or_else(|| js_sys::JSON::stringify(&e).ok().and_then(|s| s.as_string()));
            web_sys::console::warn_1(&JsValue::from_str(&format!(
                "Opt-Out Guard: {what} failed: {}",
                detail.unwrap_or_else(|| "unknown error".into())
            )));
            None
        }
    }
}

/// `v` as a JS value (plain objects, not `Map`s); `null`, with a console warning, in the one case
/// serde-wasm-bindgen fails to serialise (a type that cannot be expressed in JS; none of ours).
pub(crate) fn to_js<T: Serialize>(v: &T) -> JsValue {
    // Maps, not objects, are serde-wasm-bindgen's default for maps; we only send structs.
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or_else(|e| {
        web_sys::console::warn_1(&JsValue::from_str(&format!("Opt-Out Guard: a value could not cross to JS: {e}")));
        JsValue::NULL
    })
}

/// The property `name` of `v`, or `undefined` when `v` has none (or is no object).
pub(crate) fn field(v: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// The stored `options` (any value) as valid options: defaults when absent or unreadable.
pub(crate) fn options_from_js(v: JsValue) -> Options {
    let stored = (!v.is_undefined() && !v.is_null())
        .then(|| serde_wasm_bindgen::from_value::<Options>(v).map_err(|_| DecodeError::Malformed));
    Options::load(stored)
}

/// The stored `memory` (any value) loaded: migrated, reset or empty as [`Memory::load`] decides.
pub(crate) fn load_memory(v: JsValue) -> (Memory, LoadStatus) {
    let stored = (!v.is_undefined() && !v.is_null()).then(|| decode_memory(v));
    Memory::load(stored)
}

/// Decodes a stored memory by its `version` field, each schema as a plain struct: an older
/// memory is never tried as another schema, and an unknown version is unreadable at once.
fn decode_memory(v: JsValue) -> Result<StoredMemory, DecodeError> {
    let version = js_sys::Reflect::get(&v, &JsValue::from_str("version")).ok().and_then(|n| n.as_f64());
    match version {
        Some(n) if n == MEMORY_VERSION as f64 => {
            serde_wasm_bindgen::from_value::<Memory>(v).map(StoredMemory::Current).map_err(|_| DecodeError::Malformed)
        }
        Some(2.0) => {
            serde_wasm_bindgen::from_value::<MemoryV2>(v).map(StoredMemory::V2).map_err(|_| DecodeError::Malformed)
        }
        Some(1.0) => {
            serde_wasm_bindgen::from_value::<MemoryV1>(v).map(StoredMemory::V1).map_err(|_| DecodeError::Malformed)
        }
        _ => Err(DecodeError::UnknownVersion),
    }
}
