//! The action badge: text, colour and the `action.setTitle` sentence for each state.

use serde::Serialize;

use crate::flow::Phase;

/// What the toolbar button shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BadgeModel {
    /// Badge text (at most 4 characters, as browsers truncate longer ones).
    pub text: &'static str,
    /// Badge background colour, `#rrggbb`.
    pub color: &'static str,
    /// Badge text colour, `#rrggbb` (white on every background here; contrast ≥ 4.5:1).
    #[serde(rename = "textColor")]
    pub text_color: &'static str,
    /// The button's title: a full sentence, read by screen readers.
    pub title: &'static str,
}

/// The badge for a phase; `None` means the setting has not been checked yet.
pub fn badge_model(phase: Option<Phase>) -> BadgeModel {
    let white = "#ffffff";
    match phase {
        None | Some(Phase::Waiting) => BadgeModel {
            text: "?",
            color: "#5f6368",
            text_color: white,
            title: "Opt-Out Guard: LinkedIn's AI-training setting has not been checked yet. Click to check it.",
        },
        Some(Phase::On) | Some(Phase::Failed) => BadgeModel {
            text: "ON",
            color: "#b3261e",
            text_color: white,
            title: "Opt-Out Guard: LinkedIn's AI-training setting is ON: LinkedIn may use your data to train AI. Click to switch it off.",
        },
        Some(Phase::Off) | Some(Phase::Verified) => BadgeModel {
            text: "OFF",
            color: "#1e6b34",
            text_color: white,
            title: "Opt-Out Guard: LinkedIn's AI-training setting is off.",
        },
        Some(Phase::Switching) => BadgeModel {
            text: "…",
            color: "#0b57d0",
            text_color: white,
            title: "Opt-Out Guard: switching LinkedIn's AI-training setting off…",
        },
        Some(Phase::Unknown) => BadgeModel {
            text: "!",
            color: "#8a4b00",
            text_color: white,
            title: "Opt-Out Guard could not read LinkedIn's AI-training setting. Click for the manual steps.",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn on_off_unknown_and_unchecked_are_distinct() {
        let all = [badge_model(None), badge_model(Some(Phase::On)), badge_model(Some(Phase::Off)), badge_model(Some(Phase::Unknown))];
        for (i, a) in all.iter().enumerate() {
            assert!(a.text.chars().count() <= 4);
            for b in &all[i + 1..] {
                assert_ne!(a.text, b.text);
                assert_ne!(a.color, b.color);
                assert_ne!(a.title, b.title);
            }
        }
        assert_eq!(badge_model(Some(Phase::Verified)).text, "OFF");
        assert_eq!(badge_model(Some(Phase::Failed)).text, "ON");
    }
}
