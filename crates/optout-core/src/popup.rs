//! The popup's content: the setting's state and where the button takes the user.

use serde::Serialize;

use crate::catalog::Setting;
use crate::flow::Phase;
use crate::memory::Seen;
use crate::page::classify_url;

/// Where "Open the setting" navigates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenTarget {
    /// The setting's canonical URL.
    pub url: String,
    /// True: navigate the active tab (it is a LinkedIn tab); false: open a new tab.
    pub in_current_tab: bool,
}

/// Decides where to open the setting: in the active tab when it shows LinkedIn, else in a new
/// tab. `active_tab_url` is `None` when the browser withholds it (non-LinkedIn tabs, since the
/// extension has no `tabs` permission).
pub fn open_target(setting: &Setting, active_tab_url: Option<&str>) -> OpenTarget {
    let in_current_tab = active_tab_url.is_some_and(|u| classify_url(u).is_linkedin());
    OpenTarget { url: setting.url(), in_current_tab }
}

/// What the popup shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PopupModel {
    /// `notChecked | on | off | switching | unknown`: drives the popup's styling.
    pub state: &'static str,
    pub setting_title: &'static str,
    pub headline: &'static str,
    pub detail: String,
    pub button_label: &'static str,
    pub open: OpenTarget,
    /// A one-time notice (e.g. [`MEMORY_RESET_NOTICE`]), or `None`.
    pub notice: Option<&'static str>,
}

/// Shown once after stored data could not be read and was reset.
pub const MEMORY_RESET_NOTICE: &str =
    "Opt-Out Guard's saved state could not be read, so it was reset. Open the setting to check it again.";

/// Builds the popup from the live phase of the active tab (when it shows the setting's page)
/// or else the remembered state. `now_ms` and `seen_at_ms` are ms since the Unix epoch.
pub fn popup_model(
    setting: &'static Setting,
    live: Option<Phase>,
    remembered: Option<Seen>,
    active_tab_url: Option<&str>,
    now_ms: f64,
) -> PopupModel {
    let open = open_target(setting, active_tab_url);
    let remembered_phase = remembered.map(|s| s.phase());
    let when = remembered.map(|s| format!(" Last checked {}.", ago(now_ms - s.seen_at_ms))).unwrap_or_default();
    // A tab's live phase counts only while that tab shows the setting's page: after it navigates
    // away, the stored value is stale.
    let on_setting_page = active_tab_url.is_some_and(|u| matches!(classify_url(u), crate::page::PageKind::Setting { .. }));
    let live = live.filter(|p| *p != Phase::Waiting && on_setting_page);
    let (phase, detail) = match live {
        Some(p) => (Some(p), String::from(" (on this page)")),
        None => (remembered_phase, when),
    };
    let (state, headline, text, button_label) = match phase {
        None | Some(Phase::Waiting) => (
            "notChecked",
            "Not checked yet",
            "Open the setting once and Opt-Out Guard will tell you whether LinkedIn uses your data to train AI.",
            "Check the setting",
        ),
        Some(Phase::On) | Some(Phase::Failed) => (
            "on",
            "On: LinkedIn may use your data to train AI",
            "Open the setting; a banner there switches it off in one click.",
            "Open the setting",
        ),
        Some(Phase::Off) | Some(Phase::Verified) => (
            "off",
            "Off",
            "LinkedIn does not use your data to train its content-creation AI.",
            "Open the setting",
        ),
        Some(Phase::Switching) => ("switching", "Switching off…", "Waiting for LinkedIn to save the change.", "Open the setting"),
        Some(Phase::Unknown) => (
            "unknown",
            "Could not be read",
            "The page did not show the switch as expected; the banner there lists the manual steps.",
            "Open the setting",
        ),
    };
    PopupModel { state, setting_title: setting.title, headline, detail: format!("{text}{detail}"), button_label, open, notice: None }
}

/// A rough "time ago" in English.
fn ago(ms: f64) -> String {
    let mins = (ms.max(0.0) / 60_000.0).floor() as u64;
    match mins {
        0 => "just now".into(),
        1..=59 => format!("{mins} min ago"),
        60..=1439 => format!("{} h ago", mins / 60),
        _ => format!("{} days ago", mins / 1440),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::AI_TRAINING;
    use crate::detect::ToggleState;

    #[test]
    fn opens_in_current_tab_only_on_linkedin() {
        assert!(open_target(&AI_TRAINING, Some("https://www.linkedin.com/feed/")).in_current_tab);
        assert!(!open_target(&AI_TRAINING, Some("https://example.org/")).in_current_tab);
        assert!(!open_target(&AI_TRAINING, None).in_current_tab);
        assert_eq!(open_target(&AI_TRAINING, None).url, AI_TRAINING.url());
    }

    #[test]
    fn live_beats_remembered() {
        let seen = Seen { state: ToggleState::Off, seen_at_ms: 0.0, verified_by_us: true };
        let here = Some("https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement");
        let m = popup_model(&AI_TRAINING, Some(Phase::On), Some(seen), here, 3_600_000.0);
        assert_eq!(m.state, "on");
        let stale = popup_model(&AI_TRAINING, Some(Phase::Switching), Some(seen), Some("https://www.linkedin.com/feed/"), 0.0);
        assert_eq!(stale.state, "off", "a live phase from a page the tab has left is ignored");
        let m = popup_model(&AI_TRAINING, None, Some(seen), None, 2.0 * 3_600_000.0);
        assert_eq!(m.state, "off");
        assert!(m.detail.contains("2 h ago"), "{}", m.detail);
        let m = popup_model(&AI_TRAINING, Some(Phase::Waiting), None, None, 0.0);
        assert_eq!(m.state, "notChecked");
    }
}
