//! The background's exports: thin over [`optout_core::background`]. The shell reads what is
//! stored once per event and passes it in with the event; it gets back the effects, in order, as
//! `[{effect: 'storeMemory', memory}, {effect: 'setBadge', tab?, badge}, …]` (see
//! [`optout_core::background::Effect`] for every shape), and carries them out.
//!
//! `stored` is `{memory, options, notice, followers, nowMs}`: the raw `storage.local` values of
//! `memory`, `options` and `notice`, `storage.session`'s `followers`, and the clock (ms since the
//! epoch). Each is decoded here once; anything unreadable is what [`Memory::load`] and
//! [`Options::load`] make of it (reset, defaults), never an error.

use optout_core::background::{self, Effect, Event, Notice, Sender, Stored, TabId};
use optout_core::message::{ContentMessage, PopupMessage};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::js::{field, load_memory, options_from_js, to_js};

/// A message's sender as the shell describes it: `{url, frameId, fromSelf, tabId}`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SenderJs {
    url: Option<String>,
    frame_id: Option<i32>,
    from_self: bool,
    tab_id: Option<TabId>,
}

/// The shell's own events, `{type, …}`.
#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
enum ShellEvent {
    Refresh,
    #[serde(rename_all = "camelCase")]
    TabUrlChanged {
        tab: TabId,
        url: String,
        loading: bool,
    },
    TabComplete {
        tab: TabId,
        url: String,
    },
    TabRemoved {
        tab: TabId,
    },
    FollowersGone {
        tabs: Vec<TabId>,
    },
    TabBadgeNotReset {
        tab: TabId,
    },
    ActionClicked {
        tab: Option<TabId>,
        url: Option<String>,
    },
    SitesChanged {
        granted: Vec<String>,
        registered: Vec<String>,
    },
}

/// Decodes what the shell read from storage, once.
fn stored_from_js(v: &JsValue) -> Stored {
    let (memory, memory_status) = load_memory(field(v, "memory"));
    let notice = field(v, "notice").as_string().filter(|s| !s.is_empty()).map(|s| Notice::from_stored(&s));
    let followers = serde_wasm_bindgen::from_value::<Vec<TabId>>(field(v, "followers")).unwrap_or_default();
    let now_ms = field(v, "nowMs").as_f64().unwrap_or(f64::NAN);
    // Unreadable: no site asked for at use counts as enabled (LinkedIn's badge alone).
    let granted = serde_wasm_bindgen::from_value::<Vec<String>>(field(v, "granted")).unwrap_or_default();
    Stored { memory, memory_status, options: options_from_js(field(v, "options")), notice, followers, granted, now_ms }
}

fn sender_from_js(v: JsValue) -> Sender {
    match serde_wasm_bindgen::from_value::<SenderJs>(v) {
        Ok(s) => Sender { url: s.url, frame_id: s.frame_id, from_self: s.from_self, tab: s.tab_id },
        Err(_) => Sender::default(),
    }
}

/// No effects: `[]`.
fn no_effects() -> JsValue {
    to_js(&Vec::<Effect>::new())
}

/// The effects as JS, or `[]` with a console warning naming what was dropped and why.
fn effects_or_drop(effects: Result<Vec<Effect>, &str>) -> JsValue {
    match effects {
        Ok(effects) => to_js(&effects),
        Err(why) => {
            web_sys::console::warn_1(&JsValue::from_str(&format!("Opt-Out Guard: dropped a background event: {why}")));
            no_effects()
        }
    }
}

/// A content script's message `raw` from `sender`: the effects, or `[]` when the message or its
/// sender is not acceptable (not this extension, not a LinkedIn tab's top frame, not exactly a
/// content message); such messages are dropped silently, as a page may send anything.
#[wasm_bindgen(js_name = backgroundOnContentMessage)]
pub fn on_content_message(raw: JsValue, sender: JsValue, stored: JsValue) -> JsValue {
    let Some(tab) = background::accept_content_message(&sender_from_js(sender)) else { return no_effects() };
    let Ok(message) = serde_wasm_bindgen::from_value::<ContentMessage>(raw) else { return no_effects() };
    to_js(&background::handle(Event::Content { message, tab }, stored_from_js(&stored)))
}

/// A popup's request `raw` from `sender` (accepted only from this extension's `popup_url`): the
/// effects, ending with `{effect: 'reply', reply}`; `[{effect: 'reply', reply: null}]` when the
/// request is not acceptable.
#[wasm_bindgen(js_name = backgroundOnPopupMessage)]
pub fn on_popup_message(raw: JsValue, sender: JsValue, popup_url: String, stored: JsValue) -> JsValue {
    let refused = || to_js(&[Effect::Reply { reply: None }]);
    if !background::accept_popup_message(&sender_from_js(sender), &popup_url) {
        return refused();
    }
    let Ok(message) = serde_wasm_bindgen::from_value::<PopupMessage>(raw) else { return refused() };
    to_js(&background::handle(Event::Popup(message), stored_from_js(&stored)))
}

/// One of the shell's own events (`{type: 'refresh'}`, `{type: 'tabUrlChanged', tab, url, loading}`,
/// `{type: 'tabComplete', tab, url}`,
/// `{type: 'tabRemoved' | 'tabBadgeNotReset', tab}`, `{type: 'followersGone', tabs}`,
/// `{type: 'actionClicked', tab?, url?}`): the effects; `[]` with a warning for anything else.
#[wasm_bindgen(js_name = backgroundOnEvent)]
pub fn on_event(event: JsValue, stored: JsValue) -> JsValue {
    let event = match serde_wasm_bindgen::from_value::<ShellEvent>(event) {
        Ok(ShellEvent::Refresh) => Event::Refresh,
        Ok(ShellEvent::TabUrlChanged { tab, url, loading }) => Event::TabUrlChanged { tab, url, loading },
        Ok(ShellEvent::TabComplete { tab, url }) => Event::TabComplete { tab, url },
        Ok(ShellEvent::TabRemoved { tab }) => Event::TabRemoved(tab),
        Ok(ShellEvent::FollowersGone { tabs }) => Event::FollowersGone(tabs),
        Ok(ShellEvent::TabBadgeNotReset { tab }) => Event::TabBadgeNotReset(tab),
        Ok(ShellEvent::ActionClicked { tab, url }) => Event::ActionClicked { tab, url },
        Ok(ShellEvent::SitesChanged { granted, registered }) => Event::SitesChanged { granted, registered },
        Err(_) => return effects_or_drop(Err("not a background event")),
    };
    effects_or_drop(Ok(background::handle(event, stored_from_js(&stored))))
}
