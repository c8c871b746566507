//! The popup's and the options page's exports.

use optout_core::memory::Options;
use optout_core::view::popup::{self, PopupInput};
use optout_core::{Phase, SettingId};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::js::{load_memory, options_from_js, to_js};

/// Options page: the stored `options` (any shape) as valid options
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

#[derive(Deserialize)]
struct Live {
    setting: SettingId,
    phase: Phase,
}

/// What the popup reads of the browser: `{gpc, granted}`.
#[derive(Deserialize, Default)]
#[serde(default)]
struct BrowserJs {
    gpc: bool,
    granted: Vec<String>,
}

/// Popup: the whole popup model (see `optout_core::view::popup::PopupModel`; texts as `{key, args}`)
/// from the stored memory and options, the active tab's last report `{setting, phase}` (or
/// `null`), the active tab's URL (or `null`), the time in ms since the epoch, whether the
/// memory was reset since the popup last showed it, and what the popup read of the browser,
/// `{gpc, granted}`: whether it sends Global Privacy Control (`navigator.globalPrivacyControl
/// === true`) and the granted origins' match patterns (`permissions.getAll().origins`); a value
/// of another shape counts as no signal and nothing granted.
#[wasm_bindgen(js_name = popupModel)]
pub fn popup_model(
    memory: JsValue,
    options: JsValue,
    live: JsValue,
    active_tab_url: Option<String>,
    now_ms: f64,
    memory_was_reset: bool,
    browser: JsValue,
) -> JsValue {
    let browser = serde_wasm_bindgen::from_value::<BrowserJs>(browser).unwrap_or_default();
    let m = load_memory(memory).0;
    let live = serde_wasm_bindgen::from_value::<Live>(live).ok().map(|l| (l.setting, l.phase));
    let input = PopupInput {
        memory: &m,
        options: options_from_js(options),
        live,
        active_tab_url: active_tab_url.as_deref(),
        now_ms,
        memory_was_reset,
        gpc: browser.gpc,
        granted: &browser.granted,
    };
    to_js(&popup::popup_model(input))
}
