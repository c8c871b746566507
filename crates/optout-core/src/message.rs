//! Messages between the extension's contexts. Every message is a tagged serde type with
//! `deny_unknown_fields`: anything else fails to decode and is dropped, never acted on.

use serde::{Deserialize, Serialize};

use crate::catalog::SettingId;
use crate::flow::Phase;

/// Content script → background service worker / background script.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
pub enum ContentMessage {
    /// The flow on a setting's page moved to `phase`.
    #[serde(rename_all = "camelCase")]
    PhaseChanged { setting: SettingId, phase: Phase },
    /// The tab left the setting's page (client-side navigation): restore the remembered badge.
    LeftSettingPage,
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
        let m = ContentMessage::PhaseChanged { setting: SettingId::AiTraining, phase: Phase::Verified };
        let v = serde_json::to_value(&m).unwrap();
        assert_eq!(v, json!({"type": "phaseChanged", "setting": "aiTraining", "phase": "verified"}));
        assert_eq!(serde_json::from_value::<ContentMessage>(v).unwrap(), m);
        assert_eq!(serde_json::to_value(BackgroundMessage::UrlChanged).unwrap(), json!({"type": "urlChanged"}));
    }

    #[test]
    fn malformed_messages_are_refused() {
        let bad = [
            json!({"type": "phaseChanged", "setting": "aiTraining", "phase": "verified", "extra": 1}),
            json!({"type": "phaseChanged", "setting": "other", "phase": "on"}),
            json!({"type": "phaseChanged", "setting": "aiTraining", "phase": "ON"}),
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
