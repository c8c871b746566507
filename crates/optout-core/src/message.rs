//! Messages between the extension's contexts. Every message is a tagged serde type with
//! `deny_unknown_fields`: anything else fails to decode and is dropped, never acted on.

use serde::{Deserialize, Serialize};

use crate::catalog::SettingId;
use crate::flow::ChangeNote;
use crate::vocab::{Phase, SwitchState};

/// Content script → background service worker / background script.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
pub enum ContentMessage {
    /// The flow on `setting`'s page moved to `phase`. `reading` is the switch position the phase
    /// stands for (`null` when none is definite); `change` says what the report means for a
    /// change of ours: pressed (pending until read), verified (the history records it, once per
    /// click), or did not hold (the history entry is withdrawn).
    #[serde(rename_all = "camelCase")]
    PhaseChanged {
        /// The setting whose page the tab shows.
        setting: SettingId,
        /// The flow's new phase.
        phase: Phase,
        /// The definite switch position, or `None` (`null`, or absent on the wire).
        #[serde(default)]
        reading: Option<SwitchState>,
        /// `"none"` (also when absent), `{"pressed": "off" | "on"}`, `"verified"` or `"didNotHold"`.
        #[serde(default)]
        change: ChangeNote,
        /// The switch's label as the page shows it, when it holds none of the wordings known for
        /// the page's language ([`crate::detect::Wording::Changed`]); absent otherwise. Noted on
        /// the history entry of a verified change.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label_seen: Option<String>,
    },
    /// The tab left the setting's page (client-side navigation): restore the remembered badge.
    LeftSettingPage,
    /// WebAssembly cannot run in this content script (Chromium applies the page's CSP to
    /// content-script Wasm; a browser may have no Wasm at all): inject the JavaScript build of
    /// the core, which no page loads otherwise. The shell answers once it has run.
    NeedFallback,
    /// The content script's first message: it needs the bytes of its Wasm module
    /// (`pkg/content/optout_wasm_bg.wasm`), which the background reads from the package and sends
    /// as the answer (structured clone: Firefox always, Chromium 148 and later with the manifest's
    /// `"message_serialization": "structured_clone"`). The content script ships no copy of them,
    /// and no page can fetch them (no web-accessible resources). An answer that is not bytes
    /// (an older Chromium serialises messages as JSON) makes the content script ask for the
    /// JavaScript build instead ([`ContentMessage::NeedFallback`]).
    NeedModule,
    /// The person dismissed the banner of `setting` while it stood for `reading`.
    #[serde(rename_all = "camelCase")]
    BannerDismissed {
        /// The setting whose page showed the banner.
        setting: SettingId,
        /// The reading the banner stood for (`null` for none).
        #[serde(default)]
        reading: Option<SwitchState>,
    },
    /// The setting's page now offers the pending undo: the request is used up.
    #[serde(rename_all = "camelCase")]
    UndoOffered {
        /// The setting whose page showed the undo offer.
        setting: SettingId,
    },
}

/// Popup → background (the popup's writes go through the background, one at a time with the
/// content scripts' reports).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
pub enum PopupMessage {
    /// The popup opened: check (migrate or reset) the stored memory and hand it over with the
    /// one-time notice, which is then cleared.
    PopupOpened,
    /// The user pressed "Show the banner again" for `setting`.
    #[serde(rename_all = "camelCase")]
    ShowBanner {
        /// The setting whose dismissal ends.
        setting: SettingId,
    },
    /// The user pressed "Undo" on history entry `change`.
    #[serde(rename_all = "camelCase")]
    RequestUndo {
        /// The [`Change::id`](crate::memory::Change::id) of the history entry.
        change: u32,
    },
    /// The user turned a site asked for at use off in the popup (its host permission is already
    /// removed) and chose to forget what the memory holds about it
    /// ([`Memory::forget_site`](crate::memory::Memory::forget_site)).
    #[serde(rename_all = "camelCase")]
    ForgetSite {
        /// The site's host permission, as the popup's row names it
        /// ([`Site::host_pattern`](crate::catalog::Site::host_pattern)), e.g. `https://chatgpt.com/*`.
        host_pattern: String,
    },
}

/// Background → content script.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
pub enum BackgroundMessage {
    /// The tab's URL changed without a page load (the settings app uses `pushState`).
    UrlChanged,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn round_trip_and_wire_shape() {
        let m = ContentMessage::PhaseChanged {
            setting: SettingId::AiTraining,
            phase: Phase::Verified,
            reading: Some(SwitchState::Off),
            change: ChangeNote::Verified,
            label_seen: None,
        };
        let v = serde_json::to_value(&m).unwrap();
        assert_eq!(
            v,
            json!({"type": "phaseChanged", "setting": "aiTraining", "phase": "verified", "reading": "off", "change": "verified"})
        );
        assert_eq!(serde_json::from_value::<ContentMessage>(v).unwrap(), m);
        let pressed = json!({"type": "phaseChanged", "setting": "aiTraining", "phase": "switching", "reading": null, "change": {"pressed": "off"}});
        assert!(matches!(
            serde_json::from_value::<ContentMessage>(pressed).unwrap(),
            ContentMessage::PhaseChanged { change: ChangeNote::Pressed(SwitchState::Off), .. }
        ));
        // the shell's own failure report carries no reading
        let minimal = json!({"type": "phaseChanged", "setting": "research", "phase": "unknown"});
        assert!(matches!(
            serde_json::from_value::<ContentMessage>(minimal).unwrap(),
            ContentMessage::PhaseChanged { setting: SettingId::Research, reading: None, change: ChangeNote::None, .. }
        ));
        assert_eq!(serde_json::to_value(BackgroundMessage::UrlChanged).unwrap(), json!({"type": "urlChanged"}));
    }

    #[test]
    fn popup_messages() {
        assert_eq!(
            serde_json::from_value::<PopupMessage>(json!({"type": "popupOpened"})).unwrap(),
            PopupMessage::PopupOpened
        );
        assert_eq!(
            serde_json::from_value::<PopupMessage>(json!({"type": "requestUndo", "change": 3})).unwrap(),
            PopupMessage::RequestUndo { change: 3 }
        );
        for bad in [
            json!({"type": "requestUndo"}),
            json!({"type": "requestUndo", "change": -1}),
            json!({"type": "requestUndo", "change": 1, "x": 0}),
            json!({"type": "phaseChanged"}),
        ] {
            assert!(serde_json::from_value::<PopupMessage>(bad.clone()).is_err(), "{bad}");
        }
    }

    #[test]
    fn malformed_messages_are_refused() {
        let bad = [
            json!({"type": "phaseChanged", "setting": "aiTraining", "phase": "verified", "extra": 1}),
            json!({"type": "phaseChanged", "setting": "other", "phase": "on"}),
            json!({"type": "phaseChanged", "setting": "aiTraining", "phase": "ON"}),
            json!({"type": "phaseChanged", "setting": "aiTraining", "phase": "on", "reading": "maybe"}),
            json!({"type": "phaseChanged", "setting": "aiTraining", "phase": "on", "ourChange": true}),
            json!({"type": "phaseChanged", "setting": "aiTraining", "phase": "on", "change": "yes"}),
            json!({"type": "phaseChanged", "setting": "aiTraining", "phase": "on", "change": {"pressed": "maybe"}}),
            json!({"type": "phaseChanged", "setting": "aiTraining"}),
            json!({"type": "clickEverything"}),
            json!({"phase": "on"}),
            json!("phaseChanged"),
            json!(null),
        ];
        for b in bad {
            assert!(serde_json::from_value::<ContentMessage>(b.clone()).is_err(), "{b}");
        }
    }
}
