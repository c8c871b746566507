//! The banner's content for each phase, as data the facade renders inside a shadow root.
//!
//! Texts are English for now; every string lives here so the renderer holds no wording.

use serde::Serialize;

use crate::catalog::Setting;
use crate::detect::UnknownReason;
use crate::flow::Phase;

/// Visual tone of the banner.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Tone {
    Warning,
    Ok,
    Busy,
    Error,
    Neutral,
}

/// A button in the banner. `action` is the test contract's `data-action` value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BannerButton {
    /// `switch-off`, `retry` or `dismiss`.
    pub action: &'static str,
    pub label: &'static str,
    /// The main call to action (styled as primary).
    pub primary: bool,
}

/// Everything the banner shows in one phase.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BannerModel {
    /// The `data-state` value (`on | off | switching | verified | failed | unknown`).
    pub state: &'static str,
    pub tone: Tone,
    pub title: String,
    pub body: String,
    /// A short honest caveat, if any (e.g. "not retroactive").
    pub caveat: Option<&'static str>,
    /// Shown as steps when the user must act by hand.
    pub manual_steps: Vec<String>,
    pub buttons: Vec<BannerButton>,
    /// True while waiting for LinkedIn (the banner announces it as busy).
    pub busy: bool,
}

const NOT_RETROACTIVE: &str =
    "Switching it off stops future use only: LinkedIn does not undo training that already used your data.";

const DISMISS: BannerButton = BannerButton { action: "dismiss", label: "Dismiss", primary: false };

/// The manual path as steps: the menu path, then the switch to turn off.
pub fn manual_steps(setting: &Setting) -> Vec<String> {
    let mut steps = vec![format!("Go to {} (this page, if you are on it).", setting.manual_path.join(" › "))];
    let label = setting.toggle_labels.first().map(|l| l.text).unwrap_or(setting.title);
    steps.push(format!("Turn off the switch “{label}” so that it shows Off."));
    steps
}

/// The banner for `phase` (`None` while waiting: no banner is shown then). `clicked` is true
/// when Opt-Out Guard has clicked the switch during this visit, so that no banner claims
/// otherwise.
pub fn banner_model(setting: &Setting, phase: Phase, reason: Option<UnknownReason>, clicked: bool) -> Option<BannerModel> {
    let title = setting.title;
    let m = match phase {
        Phase::Waiting => return None,
        Phase::On => BannerModel {
            state: "on",
            tone: Tone::Warning,
            title: "LinkedIn may use your data to train its AI".into(),
            body: format!(
                "“{title}” is on. LinkedIn can use your profile, posts and other content to train AI models that generate content."
            ),
            caveat: Some(NOT_RETROACTIVE),
            manual_steps: vec![],
            buttons: vec![
                BannerButton { action: "switch-off", label: "Turn it off", primary: true },
                BannerButton { action: "dismiss", label: "Not now", primary: false },
            ],
            busy: false,
        },
        Phase::Off => BannerModel {
            state: "off",
            tone: Tone::Ok,
            title: "AI training on your data is off".into(),
            body: format!("“{title}” is switched off for this account."),
            caveat: None,
            manual_steps: vec![],
            buttons: vec![DISMISS],
            busy: false,
        },
        Phase::Switching => BannerModel {
            state: "switching",
            tone: Tone::Busy,
            title: "Turning it off…".into(),
            body: "Waiting for LinkedIn to save the change, then checking it again.".into(),
            caveat: None,
            manual_steps: vec![],
            buttons: vec![],
            busy: true,
        },
        Phase::Verified => BannerModel {
            state: "verified",
            tone: Tone::Ok,
            title: "Done: AI training on your data is now off".into(),
            body: format!(
                "Opt-Out Guard switched off “{title}” and read it again a few seconds later: it is off. It keeps checking while this page is open."
            ),
            caveat: Some(NOT_RETROACTIVE),
            manual_steps: vec![],
            buttons: vec![DISMISS],
            busy: false,
        },
        Phase::Failed => BannerModel {
            state: "failed",
            tone: Tone::Error,
            title: "It did not work: the setting is on again".into(),
            body: "LinkedIn put the switch back on, so the change was not saved. Try once more, or do it yourself:".into(),
            caveat: None,
            manual_steps: manual_steps(setting),
            buttons: vec![
                BannerButton { action: "retry", label: "Try again", primary: true },
                DISMISS,
            ],
            busy: false,
        },
        Phase::Unknown => BannerModel {
            state: "unknown",
            tone: Tone::Neutral,
            title: "Opt-Out Guard could not check this setting".into(),
            body: format!(
                "{} {} You can check it yourself:",
                unknown_reason_text(reason),
                if clicked {
                    "Opt-Out Guard clicked the switch once, but could not read it afterwards, so it cannot say whether the change was saved."
                } else {
                    "Nothing was clicked."
                }
            ),
            caveat: None,
            manual_steps: manual_steps(setting),
            buttons: vec![DISMISS],
            busy: false,
        },
    };
    Some(m)
}

/// One plain sentence per reason.
pub fn unknown_reason_text(reason: Option<UnknownReason>) -> &'static str {
    match reason {
        Some(UnknownReason::NotFound) | None => {
            "The switch did not appear on this page. LinkedIn may not offer this setting in your region, or the page has changed."
        }
        Some(UnknownReason::Ambiguous) => "This page shows more than one switch that could be this setting.",
        Some(UnknownReason::Disabled) => "The switch is greyed out on this page.",
        Some(UnknownReason::NotACheckbox) | Some(UnknownReason::Hidden) => {
            "This page looks different from the LinkedIn page Opt-Out Guard knows."
        }
        Some(UnknownReason::NotTopFrame) => "The setting is shown inside an embedded frame.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::AI_TRAINING;

    #[test]
    fn switch_off_button_only_when_on() {
        for phase in [Phase::On, Phase::Off, Phase::Switching, Phase::Verified, Phase::Failed, Phase::Unknown] {
            let m = banner_model(&AI_TRAINING, phase, None, false).unwrap();
            assert_eq!(Some(m.state), phase.as_str());
            let has = m.buttons.iter().any(|b| b.action == "switch-off");
            assert_eq!(has, phase == Phase::On, "{phase:?}");
        }
        assert!(banner_model(&AI_TRAINING, Phase::Waiting, None, false).is_none());
    }

    #[test]
    fn manual_path_whenever_we_cannot_act() {
        for phase in [Phase::Failed, Phase::Unknown] {
            let m = banner_model(&AI_TRAINING, phase, Some(UnknownReason::Ambiguous), false).unwrap();
            assert!(m.manual_steps[0].contains("Me › Settings & Privacy › Data privacy › Data for Generative AI Improvement"));
        }
        let m = banner_model(&AI_TRAINING, Phase::Unknown, Some(UnknownReason::Ambiguous), false).unwrap();
        assert!(m.body.contains("more than one switch"));
        assert!(m.body.contains("Nothing was clicked"));
        let after_click = banner_model(&AI_TRAINING, Phase::Unknown, Some(UnknownReason::Disabled), true).unwrap();
        assert!(!after_click.body.contains("Nothing was clicked"));
        assert!(after_click.body.contains("clicked the switch once"));
    }

    #[test]
    fn on_banner_states_the_caveat() {
        let m = banner_model(&AI_TRAINING, Phase::On, None, false).unwrap();
        assert!(m.caveat.unwrap().contains("future use only"));
    }
}
