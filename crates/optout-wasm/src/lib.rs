//! Opt-Out Guard's wasm-bindgen facade: the only code that touches the DOM or JS values.
//!
//! Exports (camelCase in JS; the module is loaded as the `wasm_bindgen` global of the
//! `--target no-modules` glue):
//! - content script: [`start_content_script`], [`on_background_message`], [`set_undo_request`];
//! - background: [`accept_content_message`], [`accept_popup_message`], [`badge_for`],
//!   [`remembered_badge`], [`stale_at`], [`record_report`], [`check_memory`], [`request_undo`];
//! - popup: [`popup_model`];
//! - options page: [`check_options`], [`parse_recheck_days`].
//!
//! Every decision is made by `optout-core`; this crate reads, renders and clicks.

use optout_core::catalog::{by_id, AI_TRAINING};
use optout_core::memory::{DecodeError, LoadStatus, Memory, MemoryV1, Options, StoredMemory, MEMORY_VERSION};
use optout_core::message::{ContentMessage, PopupMessage};
use optout_core::view::badge;
use optout_core::view::popup::{self, PopupInput};
use optout_core::{classify_url, Phase, SettingId};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

mod banner;
mod content;
mod dom;

pub use content::{on_background_message, set_undo_request, start_content_script};

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
pub fn accept_content_message(
    message: JsValue,
    sender_url: Option<String>,
    frame_id: Option<i32>,
    from_self: bool,
) -> JsValue {
    let sender_ok =
        from_self && frame_id == Some(0) && sender_url.as_deref().is_some_and(|u| classify_url(u).is_linkedin());
    if !sender_ok {
        return JsValue::NULL;
    }
    decoded::<ContentMessage>(message)
}

/// The message as a `T` (re-encoded, so unknown extras never pass through), or `null`.
fn decoded<T: serde::de::DeserializeOwned + Serialize>(message: JsValue) -> JsValue {
    match serde_wasm_bindgen::from_value::<T>(message) {
        Ok(m) => to_js(&m),
        Err(_) => JsValue::NULL,
    }
}

fn setting_from_js(v: &JsValue) -> Option<SettingId> {
    serde_wasm_bindgen::from_value(v.clone()).ok()
}

/// Background: checks a message from the popup: returns it (`{type, …}`) when it is exactly a
/// `PopupMessage` sent by this extension (`from_self`) from its popup page (`sender_url` equals
/// `popup_url`); `null` otherwise, and the caller drops it.
#[wasm_bindgen(js_name = acceptPopupMessage)]
pub fn accept_popup_message(
    message: JsValue,
    sender_url: Option<String>,
    from_self: bool,
    popup_url: String,
) -> JsValue {
    if !(from_self && sender_url.as_deref() == Some(popup_url.as_str())) {
        return JsValue::NULL;
    }
    decoded::<PopupMessage>(message)
}

/// Background: the action badge `{text, color, textColor, title}` (texts as `{key, args}`) for
/// `setting` (a setting id such as `aiTraining`; unknown ids fall back to the AI-training
/// setting) in a phase (`on | off | switching | verified | failed | unknown | waiting`), or for
/// "not checked yet" when `phase` is `null` or not a phase name.
#[wasm_bindgen(js_name = badgeFor)]
pub fn badge_for(setting: JsValue, phase: JsValue) -> JsValue {
    let setting = setting_from_js(&setting).map_or(&AI_TRAINING, by_id);
    to_js(&badge::badge_model(setting, phase_from_js(phase)))
}

/// Background: the badge every tab shows outside the setting pages: the AI-training setting's
/// remembered state in the stored `memory` (any shape), or the "old, check again" badge once it
/// is older than the stored `options`' re-check period at `now_ms` (ms since the epoch).
#[wasm_bindgen(js_name = rememberedBadge)]
pub fn remembered_badge(memory: JsValue, options: JsValue, now_ms: f64) -> JsValue {
    let m = load_memory(memory).0;
    let o = options_from_js(options);
    to_js(&badge::remembered_badge(&AI_TRAINING, m.seen(SettingId::AiTraining), now_ms, o.recheck_days))
}

fn options_from_js(v: JsValue) -> Options {
    let stored = (!v.is_undefined() && !v.is_null())
        .then(|| serde_wasm_bindgen::from_value::<Options>(v).map_err(|_| DecodeError::Malformed));
    Options::load(stored)
}

fn load_memory(v: JsValue) -> (Memory, LoadStatus) {
    let stored = (!v.is_undefined() && !v.is_null()).then(|| decode_memory(v));
    Memory::load(stored)
}

/// Decodes a stored memory by its `version` field, each schema as a plain struct: a v2 memory is
/// never tried as v1 or the reverse, and an unknown version is unreadable at once.
fn decode_memory(v: JsValue) -> Result<StoredMemory, DecodeError> {
    let version = js_sys::Reflect::get(&v, &JsValue::from_str("version")).ok().and_then(|n| n.as_f64());
    match version {
        Some(n) if n == MEMORY_VERSION as f64 => {
            serde_wasm_bindgen::from_value::<Memory>(v).map(StoredMemory::Current).map_err(|_| DecodeError::Malformed)
        }
        Some(1.0) => {
            serde_wasm_bindgen::from_value::<MemoryV1>(v).map(StoredMemory::V1).map_err(|_| DecodeError::Malformed)
        }
        _ => Err(DecodeError::UnknownVersion),
    }
}

#[derive(Serialize)]
struct Checked {
    memory: Memory,
    status: LoadStatus,
}

/// Background and popup: reads what `storage.local` holds under `memory` (any value,
/// `undefined` when absent). Returns `{memory, status}` with `status` ∈ `empty | current |
/// migrated | reset`; on `migrated` or `reset` the caller stores the returned `memory`, and on
/// `reset` tells the user.
#[wasm_bindgen(js_name = checkMemory)]
pub fn check_memory(stored: JsValue) -> JsValue {
    let (memory, status) = load_memory(stored);
    to_js(&Checked { memory, status })
}

/// Options page and background: the stored `options` (any shape) as valid options
/// `{recheckDays}` (defaults when absent or invalid).
#[wasm_bindgen(js_name = checkOptions)]
pub fn check_options(stored: JsValue) -> JsValue {
    to_js(&options_from_js(stored))
}

/// Options page: what the user typed as the re-check period, as options `{recheckDays}`, or
/// `null` when it is not a whole number from 1 to 365.
#[wasm_bindgen(js_name = parseRecheckDays)]
pub fn parse_recheck_days(input: String) -> JsValue {
    match Options::parse_recheck_days(&input) {
        Ok(recheck_days) => to_js(&Options { recheck_days }),
        Err(_) => JsValue::NULL,
    }
}

/// Background: records an accepted content message in the stored memory (any shape) at `now_ms`
/// (ms since the epoch): a `phaseChanged` reading, or an `undoOffered` that uses up the pending
/// undo. Returns the new memory object, or `null` when nothing changed
/// and nothing needs writing.
#[wasm_bindgen(js_name = recordReport)]
pub fn record_report(memory: JsValue, message: JsValue, now_ms: f64) -> JsValue {
    let mut m = load_memory(memory).0;
    let changed = match serde_wasm_bindgen::from_value::<ContentMessage>(message) {
        Ok(ContentMessage::PhaseChanged { setting, phase, reading, our_change }) => {
            m.record(setting, phase, reading, our_change, now_ms)
        }
        Ok(ContentMessage::UndoOffered { setting }) => m.consume_undo(setting),
        _ => false,
    };
    if changed {
        to_js(&m)
    } else {
        JsValue::NULL
    }
}

/// Background: when the AI-training setting's remembered state turns stale (ms since the epoch),
/// from the stored memory and options (any shapes); `null` when it was never checked.
#[wasm_bindgen(js_name = staleAt)]
pub fn stale_at(memory: JsValue, options: JsValue) -> JsValue {
    let m = load_memory(memory).0;
    let o = options_from_js(options);
    match m.stale_at(SettingId::AiTraining, o.recheck_days) {
        Some(t) => JsValue::from_f64(t),
        None => JsValue::NULL,
    }
}

#[derive(Serialize)]
struct UndoStarted {
    memory: Memory,
    url: String,
}

/// Popup: the user pressed "Undo" on history entry `change` at `now_ms`. Returns `{memory, url}`
/// (store the memory, then open the setting's page at `url`, where the banner offers to switch
/// it back), or `null` when that change can no longer be undone.
#[wasm_bindgen(js_name = requestUndo)]
pub fn request_undo(memory: JsValue, change: u32, now_ms: f64) -> JsValue {
    let mut m = load_memory(memory).0;
    match m.request_undo(change, now_ms) {
        Some(setting) => to_js(&UndoStarted { url: by_id(setting).url(), memory: m }),
        None => JsValue::NULL,
    }
}

#[derive(Deserialize)]
struct Live {
    setting: SettingId,
    phase: Phase,
}

/// Popup: the whole popup model (see `optout_core::view::popup::PopupModel`; texts as `{key, args}`)
/// from the stored memory and options, the active tab's last report `{setting, phase}` (or
/// `null`), the active tab's URL (or `null`), the time in ms since the epoch, and whether the
/// memory was reset since the popup last showed it.
#[wasm_bindgen(js_name = popupModel)]
pub fn popup_model(
    memory: JsValue,
    options: JsValue,
    live: JsValue,
    active_tab_url: Option<String>,
    now_ms: f64,
    memory_was_reset: bool,
) -> JsValue {
    let m = load_memory(memory).0;
    let live = serde_wasm_bindgen::from_value::<Live>(live).ok().map(|l| (l.setting, l.phase));
    let input = PopupInput {
        memory: &m,
        options: options_from_js(options),
        live,
        active_tab_url: active_tab_url.as_deref(),
        now_ms,
        memory_was_reset,
    };
    to_js(&popup::popup_model(input))
}
