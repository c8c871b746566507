//! Opt-Out Guard's wasm-bindgen facade: the only code that touches the DOM or JS values.
//!
//! Exports (camelCase in JS; the module is loaded as the `wasm_bindgen` global of the
//! `--target no-modules` glue):
//! - content script: [`start_content_script`], [`on_background_message`];
//! - background: [`accept_content_message`], [`badge_for`], [`record_phase`],
//!   [`remembered_phase`];
//! - popup: [`popup_model`].
//!
//! Every decision is made by `optout-core`; this crate reads, renders and clicks.

use optout_core::badge::badge_model;
use optout_core::catalog::AI_TRAINING;
use optout_core::memory::{LoadStatus, Memory};
use optout_core::message::ContentMessage;
use optout_core::{classify_url, Phase};
use serde::Serialize;
use wasm_bindgen::prelude::*;

mod banner;
mod content;
mod dom;

pub use content::{on_background_message, start_content_script};

fn to_js<T: Serialize>(v: &T) -> JsValue {
    // Maps, not objects, are serde-wasm-bindgen's default for maps; we only send structs.
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL)
}

fn phase_from_js(v: JsValue) -> Option<Phase> {
    if v.is_null() || v.is_undefined() {
        return None;
    }
    serde_wasm_bindgen::from_value(v).ok()
}

/// Background: checks a message from a content script and its sender. Returns the message
/// (`{type, …}`) when it is exactly a `ContentMessage` sent by this extension (`from_self`)
/// from the top frame (`frame_id` 0) of a tab on `https://www.linkedin.com`; `null` otherwise,
/// and the caller drops it.
#[wasm_bindgen(js_name = acceptContentMessage)]
pub fn accept_content_message(message: JsValue, sender_url: Option<String>, frame_id: Option<i32>, from_self: bool) -> JsValue {
    let sender_ok = from_self
        && frame_id == Some(0)
        && sender_url.as_deref().is_some_and(|u| classify_url(u).is_linkedin());
    if !sender_ok {
        return JsValue::NULL;
    }
    match serde_wasm_bindgen::from_value::<ContentMessage>(message) {
        Ok(m) => to_js(&m),
        Err(_) => JsValue::NULL,
    }
}

/// Background: the action badge `{text, color, textColor, title}` for a phase name
/// (`on | off | switching | verified | failed | unknown | waiting`), or for "not checked yet"
/// when `phase` is `null` or not a phase name.
#[wasm_bindgen(js_name = badgeFor)]
pub fn badge_for(phase: JsValue) -> JsValue {
    to_js(&badge_model(phase_from_js(phase)))
}

fn memory_from_js(v: JsValue) -> Memory {
    // A missing, corrupt or other-version memory starts afresh rather than failing.
    load_memory(v).0
}

fn load_memory(v: JsValue) -> (Memory, LoadStatus) {
    let stored = (!v.is_undefined() && !v.is_null()).then(|| serde_wasm_bindgen::from_value::<Memory>(v).map_err(|_| ()));
    Memory::load(stored)
}

#[derive(Serialize)]
struct Checked {
    memory: Memory,
    status: LoadStatus,
}

/// Background: reads what `storage.local` holds under `memory` (any value, `undefined` when
/// absent). Returns `{memory, status}` with `status` ∈ `empty | current | reset`; on `reset` the
/// caller stores the fresh `memory` and tells the user.
#[wasm_bindgen(js_name = checkMemory)]
pub fn check_memory(stored: JsValue) -> JsValue {
    let (memory, status) = load_memory(stored);
    to_js(&Checked { memory, status })
}

/// Background: records a phase in the stored memory (the `storage.local` value `memory`, any
/// shape) at `now_ms` (ms since the epoch). Returns the new memory object, or `null` when
/// nothing changed and nothing needs writing.
#[wasm_bindgen(js_name = recordPhase)]
pub fn record_phase(memory: JsValue, phase: JsValue, now_ms: f64) -> JsValue {
    let mut m = memory_from_js(memory);
    match phase_from_js(phase) {
        Some(p) if m.record(p, now_ms) => to_js(&m),
        _ => JsValue::NULL,
    }
}

/// Background: the phase name the remembered state stands for (`on` or `off`), or `null`
/// when never checked.
#[wasm_bindgen(js_name = rememberedPhase)]
pub fn remembered_phase(memory: JsValue) -> JsValue {
    to_js(&memory_from_js(memory).remembered_phase())
}

/// Popup: `{state, settingTitle, headline, detail, buttonLabel, open: {url, inCurrentTab},
/// notice}` from the stored memory, the active tab's live phase (or `null`), the active tab's
/// URL (or `null`), the time in ms since the epoch, and whether the memory was reset since the
/// popup last showed it (`notice` is then a sentence, else `null`).
#[wasm_bindgen(js_name = popupModel)]
pub fn popup_model(memory: JsValue, live_phase: JsValue, active_tab_url: Option<String>, now_ms: f64, memory_was_reset: bool) -> JsValue {
    let m = memory_from_js(memory);
    let mut model = optout_core::popup::popup_model(&AI_TRAINING, phase_from_js(live_phase), m.ai_training, active_tab_url.as_deref(), now_ms);
    if memory_was_reset {
        model.notice = Some(optout_core::popup::MEMORY_RESET_NOTICE);
    }
    to_js(&model)
}
