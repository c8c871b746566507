//! The banner's content for each phase, as data the facade renders inside a shadow root. Every
//! text is a [`Text`] (a `_locales` message key with its placeholders): the renderer holds no
//! wording.

use serde::Serialize;

use crate::catalog::Setting;
use crate::view::text::{Arg, Text};
use crate::vocab::{wire_enum, Phase, SwitchState, UnknownReason};

wire_enum! {
    /// Visual tone of the banner: the renderer sets the class `tone-<wire string>`.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
    pub enum Tone {
        /// The switch is away from its target (`tone-warning`): the user is asked to act.
        Warning = "warning",
        /// The switch is at its target, or our change was verified (`tone-ok`).
        Ok = "ok",
        /// Waiting for LinkedIn (switching, `tone-busy`): shown by the tone alone, as an
        /// `aria-busy` on the live region's ancestor would hold back its announcement.
        Busy = "busy",
        /// Our click did not take effect (`tone-error`): retry or switch by hand.
        Error = "error",
        /// The state is unknown (`tone-neutral`): manual steps, no switch button.
        Neutral = "neutral",
    }
}

wire_enum! {
    /// What a banner button does. The wire string is the test contract's `data-action` value
    /// (`button[data-action=…]` in the banner's shadow root).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
    pub enum Action {
        /// Move the switch off, to the setting's private state ("Turn it off").
        SwitchOff = "switch-off",
        /// Move the switch back on, undoing an earlier change ("Switch it back on").
        SwitchOn = "switch-on",
        /// Try our click again after it failed.
        Retry = "retry",
        /// Hide the banner ("Dismiss", "Not now"); the watch goes on.
        Dismiss = "dismiss",
        /// Copy the details for a bug report ([`crate::report`]) to the clipboard and show them.
        CopyReport = "copy-report",
        /// Bring the switch onto the page and read it, where the page shows no readable state
        /// (the setting's [`Reveal`](crate::catalog::Reveal): open its dialog).
        Check = "check",
    }
}

impl Action {
    /// The action a `data-action` value names; `None` for any other string (our shadow root is
    /// open, so a page script could have written one).
    pub fn from_wire(s: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.as_str() == s)
    }
}

/// A button in the banner.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BannerButton {
    /// What the button does; its wire string is the button's `data-action`.
    pub action: Action,
    /// The button's text (a `btn_*` message key).
    pub label: Text,
    /// The main call to action (styled as primary).
    pub primary: bool,
}

/// A link to a page on LinkedIn (opened by the user's own click; nothing is fetched).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Link {
    /// The link's text (a `link_*` message key, with its placeholders).
    pub label: Text,
    /// Absolute address on the setting's site, opened in a new tab.
    pub url: String,
}

/// Everything the banner shows in one phase.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BannerModel {
    /// The phase shown; its wire string is the host's `data-state` value (`on | off | switching
    /// | verified | failed | unknown`; never `waiting`, which shows no banner).
    pub state: Phase,
    /// The colour scheme (the `tone-*` class on the banner).
    pub tone: Tone,
    /// The heading (a `banner_*_title` key, most with the setting's title as placeholder).
    pub title: Text,
    /// Paragraphs.
    pub body: Vec<Text>,
    /// Shown as numbered steps when the user must act by hand.
    pub manual_steps: Vec<Text>,
    /// Short honest caveats (not retroactive, other AI models, regions).
    pub caveats: Vec<Text>,
    /// Links shown under the caveats (objection form, next checkup page); may be empty.
    pub links: Vec<Link>,
    /// Buttons in display order; empty while switching.
    pub buttons: Vec<BannerButton>,
    /// The details for a bug report, once the person asked for them (`unknown` and `failed`).
    pub report: Option<ReportPanel>,
    /// While switching: the position LinkedIn's switch reads at, once it reads at the target
    /// (not yet verified). Its wire string is the host's `data-switch-reads` value (`off | on`);
    /// absent otherwise.
    pub switch_reads: Option<SwitchState>,
}

/// The details for a bug report, shown in a read-only field the person can copy from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReportPanel {
    /// Whether they were copied, and that nothing is sent (`report_copied` or `report_notCopied`):
    /// said last in the banner's live region, after the manual steps.
    pub status: Text,
    /// The field's label.
    pub label: Text,
    /// The report's text ([`crate::report::bug_report`]).
    pub text: String,
}

/// The details for a bug report the person asked for on this visit: the text, and whether the
/// clipboard took it (else the banner says to copy it from the field).
#[derive(Clone, Copy, Debug)]
pub struct ReportShown<'a> {
    /// The report's text.
    pub text: &'a str,
    /// The clipboard write succeeded.
    pub copied: bool,
}

/// What the banner is rendered from.
#[derive(Clone, Copy, Debug)]
pub struct BannerInput<'a> {
    /// The catalog setting this page shows.
    pub setting: &'a Setting,
    /// Where the flow stands (`Waiting` gives no banner).
    pub phase: Phase,
    /// Why the phase is `Unknown`.
    pub reason: Option<UnknownReason>,
    /// True when Opt-Out Guard has clicked the switch during this visit, so that no banner
    /// claims otherwise.
    pub clicked: bool,
    /// The state our click aims for: the setting's private state, or its opposite while the
    /// user undoes an earlier change.
    pub target: SwitchState,
    /// The privacy checkup's next setting to link to ([`Setting::next_to_check`], which skips
    /// settings known to be off); `None` for no link.
    pub next: Option<&'a Setting>,
    /// The switch's label as the page shows it, when this visit saw it hold none of the
    /// wordings known for the page's language ([`crate::detect::Wording::Changed`]): the
    /// banner says once that the site changed its wording, whatever the phase.
    pub label_seen: Option<&'a str>,
    /// The details for a bug report, once asked for on this visit (shown while `unknown` or
    /// `failed`).
    pub report: Option<ReportShown<'a>>,
    /// While switching: the switch already reads at the target ([`crate::flow::Flow::reads_target`]).
    pub reads_target: bool,
    /// The banner offers `check`: [`crate::flow::Flow::can_check`] and the page shows the
    /// setting's row, its state unreadable ([`crate::detect::check_possible`]).
    pub offer_check: bool,
    /// The setting's reveal steps run ([`crate::flow::Flow::revealing`]): the banner says the
    /// setting is being opened and offers nothing to press meanwhile.
    pub revealing: bool,
    /// A reveal clicked the setting's row on this visit ([`crate::flow::Flow::row_clicked`]):
    /// an unknown banner says so instead of "nothing was clicked".
    pub row_clicked: bool,
    /// A reveal ended without the switch on this visit ([`crate::flow::Flow::reveal_failed`]):
    /// an unknown banner that found nothing says that the site showed no switch after the row.
    pub reveal_failed: bool,
}

fn copy_report() -> BannerButton {
    BannerButton { action: Action::CopyReport, label: Text::new("btn_copyReport"), primary: false }
}

fn dismiss() -> BannerButton {
    BannerButton { action: Action::Dismiss, label: Text::new("btn_dismiss"), primary: false }
}

fn title_of(setting: &Setting) -> Text {
    Text::new(setting.messages.title)
}

/// The manual path as steps: LinkedIn's menu path, then the switch to move to `target`.
pub fn manual_steps(setting: &Setting, target: SwitchState) -> Vec<Text> {
    let turn = match target {
        SwitchState::Off => "manual_turnOff",
        SwitchState::On => "manual_turnOn",
    };
    vec![Text::new("manual_go").with(setting.messages.path), Text::new(turn).with(setting.messages.switch)]
}

/// The honest caveats for a setting: its catalog caveats ([`Setting::caveats`], e.g. for the
/// AI-training switch that switching off is not retroactive and covers content-creating models
/// only), then its region note.
pub fn caveats(setting: &Setting) -> Vec<Text> {
    setting.caveats.iter().map(|&key| Text::new(key)).chain([Text::new(setting.messages.region)]).collect()
}

/// The links under a setting's caveats: its catalog links ([`Setting::links`], e.g. the objection
/// form for the AI-training setting).
pub fn caveat_links(setting: &Setting) -> Vec<Link> {
    setting.links.iter().map(|l| Link { label: Text::new(l.label), url: l.url.into() }).collect()
}

/// The link to the privacy checkup's next page, when there is one.
fn next_link(next: Option<&Setting>) -> Option<Link> {
    let next = next?;
    Some(Link { label: Text::new("link_next").with(next.messages.title), url: next.url() })
}

/// The banner for the input (`None` while waiting: no banner is shown then).
pub fn banner_model(input: BannerInput) -> Option<BannerModel> {
    let BannerInput {
        setting,
        phase,
        reason,
        clicked,
        target,
        next,
        label_seen,
        report,
        reads_target,
        offer_check,
        revealing,
        row_clicked,
        reveal_failed,
    } = input;
    let undo = target != setting.private_state;
    let title = title_of(setting);
    let site = setting.site().name_arg();
    let (to_on, verb) = match target {
        SwitchState::On => (true, Action::SwitchOn),
        SwitchState::Off => (false, Action::SwitchOff),
    };
    let pick = |off: &'static str, on: &'static str| if to_on { on } else { off };
    let mut m = BannerModel {
        state: phase,
        tone: Tone::Neutral,
        title: Text::new("banner_unknown_title"),
        body: vec![],
        manual_steps: vec![],
        caveats: vec![],
        links: vec![],
        buttons: vec![dismiss()],
        report: None,
        switch_reads: None,
    };
    let away = phase.reading() == Some(target.flipped());
    let at_target = phase.reading() == Some(target);
    match phase {
        Phase::Waiting => return None,
        // The dialog that holds the switch is being opened (a press, or `check`): nothing to press.
        _ if revealing => {
            m.tone = Tone::Busy;
            m.title = Text::new("banner_opening_title").with(title);
            m.body = vec![Text::new("banner_opening_body").with(site.clone())];
            m.buttons = vec![];
        }
        _ if away && !undo => {
            m.tone = Tone::Warning;
            m.title = Text::new("banner_on_title").with(title);
            m.body = vec![Text::new(setting.messages.what)];
            m.caveats = caveats(setting);
            m.links = caveat_links(setting);
            m.buttons = vec![
                BannerButton { action: verb, label: Text::new("btn_turnOff"), primary: true },
                BannerButton { action: Action::Dismiss, label: Text::new("btn_notNow"), primary: false },
            ];
        }
        _ if away => {
            m.tone = Tone::Warning;
            m.title = Text::new("banner_undo_title").with(title);
            m.body = vec![Text::new("banner_undo_body").with(setting.messages.what).with(site.clone())];
            m.buttons = vec![
                BannerButton { action: verb, label: Text::new("btn_turnOn"), primary: true },
                BannerButton { action: Action::Dismiss, label: Text::new("btn_notNow"), primary: false },
            ];
        }
        _ if at_target && undo => {
            m.tone = Tone::Ok;
            m.title = Text::new("banner_undo_already_title").with(title);
            m.body = vec![Text::new("banner_undo_already_body").with(site.clone())];
        }
        _ if at_target => {
            m.tone = Tone::Ok;
            m.title = Text::new("banner_off_title").with(title);
            m.body = vec![Text::new("banner_off_body").with(site.clone())];
            m.links = next_link(next).into_iter().collect();
        }
        Phase::Switching => {
            m.tone = Tone::Busy;
            m.title = Text::new(pick("banner_switching_off_title", "banner_switching_on_title"));
            if reads_target {
                // It reads at the target: said at once, while the settle rule still waits for
                // the site's save (a rejected save flips it back, then it is "failed").
                m.body = vec![Text::new(pick("banner_switching_readsOff_body", "banner_switching_readsOn_body"))
                    .with(site.clone())];
                m.switch_reads = Some(target);
            } else {
                m.body = vec![Text::new("banner_switching_body").with(site.clone())];
            }
            m.buttons = vec![];
        }
        Phase::Verified => {
            m.tone = Tone::Ok;
            m.title = Text::new(pick("banner_verified_off_title", "banner_verified_on_title")).with(title);
            m.body = vec![Text::new("banner_verified_body").with(site.clone())];
            if !undo {
                m.caveats = caveats(setting);
                m.links = caveat_links(setting);
                m.links.extend(next_link(next));
            }
        }
        Phase::Failed => {
            m.tone = Tone::Error;
            m.title = Text::new(pick("banner_failed_off_title", "banner_failed_on_title")).with(title);
            m.body = vec![Text::new("banner_failed_body").with(site.clone())];
            m.manual_steps = manual_steps(setting, target);
            m.buttons = vec![
                BannerButton { action: Action::Retry, label: Text::new("btn_retry"), primary: true },
                copy_report(),
                dismiss(),
            ];
        }
        // Unknown. (On and Off never get here: a reading is always either away from the target or
        // at it, and both are handled above.)
        Phase::Unknown | Phase::On | Phase::Off => {
            m.tone = Tone::Neutral;
            m.title = Text::new("banner_unknown_title");
            let why = match reason {
                // The row was opened and no switch came: that, not "sign in, then click the row".
                Some(UnknownReason::NotFound) | None if reveal_failed => {
                    Text::new("reason_revealFailed").with(site.clone())
                }
                _ => unknown_reason(reason, setting),
            };
            let what_we_did = match (clicked, row_clicked) {
                (true, _) => "unknown_clicked",
                (false, true) => "unknown_rowClicked",
                (false, false) => "unknown_notClicked",
            };
            m.body = vec![why, Text::new(what_we_did)];
            m.manual_steps = manual_steps(setting, target);
            m.buttons = vec![copy_report(), dismiss()];
            if offer_check {
                // The row is there, its word unreadable: that, not "could not find", is the reason.
                m.body[0] = Text::new("banner_check_body").with(site.clone());
                m.buttons
                    .insert(0, BannerButton { action: Action::Check, label: Text::new("btn_check"), primary: true });
            }
            if !undo {
                m.caveats = vec![Text::new(setting.messages.region)];
                m.links = next_link(next).into_iter().collect();
            }
        }
    }
    if let (Some(r), Phase::Unknown | Phase::Failed) = (report, phase) {
        m.report = Some(ReportPanel {
            status: Text::new(if r.copied { "report_copied" } else { "report_notCopied" }),
            label: Text::new("report_label"),
            text: r.text.to_string(),
        });
    }
    if let Some(label) = label_seen {
        m.body.push(Text::new("banner_wordingChanged").with(Arg::Plain(label.to_string())).with(site));
    }
    Some(m)
}

/// One plain sentence per reason, naming `setting`'s site where it says whose page it is.
pub fn unknown_reason(reason: Option<UnknownReason>, setting: &Setting) -> Text {
    let general = Text::new(unknown_reason_key(reason));
    match reason {
        Some(UnknownReason::NotFound) | None => {
            setting.messages.not_found.map_or_else(|| general.with(setting.site().name_arg()), Text::new)
        }
        Some(UnknownReason::NotACheckbox) | Some(UnknownReason::Hidden) => general.with(setting.site().name_arg()),
        _ => general,
    }
}

/// The message key of one plain sentence per reason (those of `reason_notFound` and
/// `reason_unfamiliar` take the site's name: [`unknown_reason`]).
pub fn unknown_reason_key(reason: Option<UnknownReason>) -> &'static str {
    match reason {
        Some(UnknownReason::NotFound) | None => "reason_notFound",
        Some(UnknownReason::Ambiguous) => "reason_ambiguous",
        Some(UnknownReason::Disabled) => "reason_disabled",
        Some(UnknownReason::NotACheckbox) | Some(UnknownReason::Hidden) => "reason_unfamiliar",
        Some(UnknownReason::NotTopFrame) => "reason_frame",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::linkedin::{AI_TRAINING, NON_ESSENTIAL_COOKIES, OBJECTION_FORM_URL, PARTNER_SHARING, RESEARCH};

    const ALL: [Phase; 6] = [Phase::On, Phase::Off, Phase::Switching, Phase::Verified, Phase::Failed, Phase::Unknown];

    fn model(setting: &Setting, phase: Phase, target: SwitchState) -> BannerModel {
        banner_model(BannerInput { setting, target, next: setting.next_in_checkup(), ..plain(phase) }).unwrap()
    }

    /// The AI setting's banner input in `phase`, switching off, with no link, note or report.
    fn plain(phase: Phase) -> BannerInput<'static> {
        BannerInput {
            setting: &AI_TRAINING,
            phase,
            reason: None,
            clicked: false,
            target: SwitchState::Off,
            next: None,
            label_seen: None,
            report: None,
            reads_target: false,
            offer_check: false,
            revealing: false,
            row_clicked: false,
            reveal_failed: false,
        }
    }

    #[test]
    fn the_bug_report_is_offered_and_shown_only_where_the_banner_could_not_help() {
        for phase in ALL {
            let m = model(&AI_TRAINING, phase, SwitchState::Off);
            let offered = m.buttons.iter().any(|b| b.action == Action::CopyReport);
            assert_eq!(offered, matches!(phase, Phase::Unknown | Phase::Failed), "{phase:?}");
            for copied in [true, false] {
                let report = Some(ReportShown { text: "details", copied });
                let shown = banner_model(BannerInput { report, ..plain(phase) }).unwrap();
                assert_eq!(shown.report.is_some(), offered, "{phase:?}");
                if let Some(report) = shown.report {
                    assert_eq!(report.status.key, if copied { "report_copied" } else { "report_notCopied" });
                    assert_eq!(report.text, "details");
                }
            }
        }
    }

    #[test]
    fn a_changed_wording_is_said_once_in_every_phase() {
        for phase in ALL {
            let m = banner_model(BannerInput { label_seen: Some("Let LinkedIn use your data for AI"), ..plain(phase) })
                .unwrap();
            let said: Vec<&Text> = m.body.iter().filter(|t| t.key == "banner_wordingChanged").collect();
            assert_eq!(said.len(), 1, "{phase:?}");
            assert_eq!(
                said[0].args,
                vec![Arg::Plain("Let LinkedIn use your data for AI".into()), Arg::Plain("LinkedIn".into())]
            );
            assert!(!model(&AI_TRAINING, phase, SwitchState::Off)
                .body
                .iter()
                .any(|t| t.key == "banner_wordingChanged"));
        }
    }

    #[test]
    fn switch_button_only_when_away_from_the_target() {
        for phase in ALL {
            let m = model(&AI_TRAINING, phase, SwitchState::Off);
            assert_eq!(m.state, phase);
            assert_eq!(m.buttons.iter().any(|b| b.action == Action::SwitchOff), phase == Phase::On, "{phase:?}");
            assert!(!m.buttons.iter().any(|b| b.action == Action::SwitchOn));
            let undo = model(&AI_TRAINING, phase, SwitchState::On);
            assert_eq!(undo.buttons.iter().any(|b| b.action == Action::SwitchOn), phase == Phase::Off, "{phase:?}");
            assert!(!undo.buttons.iter().any(|b| b.action == Action::SwitchOff), "undo never offers to switch off");
        }
        assert!(banner_model(BannerInput {
            setting: &AI_TRAINING,
            phase: Phase::Waiting,
            reason: None,
            clicked: false,
            target: SwitchState::Off,
            next: None,
            label_seen: None,
            report: None,
            reads_target: false,
            offer_check: false,
            revealing: false,
            row_clicked: false,
            reveal_failed: false,
        })
        .is_none());
    }

    #[test]
    fn switching_says_the_switch_reads_at_the_target_once_it_does_and_only_then() {
        for target in [SwitchState::Off, SwitchState::On] {
            let waiting = banner_model(BannerInput { target, ..plain(Phase::Switching) }).unwrap();
            assert_eq!(waiting.body[0].key, "banner_switching_body");
            assert_eq!(waiting.switch_reads, None);
            let reads = banner_model(BannerInput { target, reads_target: true, ..plain(Phase::Switching) }).unwrap();
            let key = if target == SwitchState::Off {
                "banner_switching_readsOff_body"
            } else {
                "banner_switching_readsOn_body"
            };
            assert_eq!(reads.body[0].key, key);
            assert_eq!(reads.switch_reads, Some(target));
            assert_eq!(reads.state, Phase::Switching, "still switching: no verdict yet");
            assert!(reads.buttons.is_empty());
        }
        // Outside switching it never says so.
        for phase in ALL.into_iter().filter(|&p| p != Phase::Switching) {
            assert_eq!(banner_model(BannerInput { reads_target: true, ..plain(phase) }).unwrap().switch_reads, None);
        }
    }

    #[test]
    fn manual_path_whenever_we_cannot_act() {
        for phase in [Phase::Failed, Phase::Unknown] {
            let m = model(&RESEARCH, phase, SwitchState::Off);
            assert_eq!(m.manual_steps[0].keys(), vec!["manual_go", "s_research_path"]);
            assert_eq!(m.manual_steps[1].keys(), vec!["manual_turnOff", "s_research_switch"]);
            assert_eq!(model(&RESEARCH, phase, SwitchState::On).manual_steps[1].key, "manual_turnOn");
        }
        let m = banner_model(BannerInput {
            setting: &AI_TRAINING,
            phase: Phase::Unknown,
            reason: Some(UnknownReason::Ambiguous),
            clicked: false,
            target: SwitchState::Off,
            next: None,
            label_seen: None,
            report: None,
            reads_target: false,
            offer_check: false,
            revealing: false,
            row_clicked: false,
            reveal_failed: false,
        })
        .unwrap();
        assert_eq!(m.body[0].key, "reason_ambiguous");
        assert_eq!(m.body[1].key, "unknown_notClicked");
        let after_click = banner_model(BannerInput {
            setting: &AI_TRAINING,
            phase: Phase::Unknown,
            reason: Some(UnknownReason::Disabled),
            clicked: true,
            target: SwitchState::Off,
            next: None,
            label_seen: None,
            report: None,
            reads_target: false,
            offer_check: false,
            revealing: false,
            row_clicked: false,
            reveal_failed: false,
        })
        .unwrap();
        assert_eq!(after_click.body[1].key, "unknown_clicked");
    }

    #[test]
    fn check_is_offered_only_when_asked_and_the_opening_offers_nothing() {
        use crate::catalog::chatgpt::IMPROVE_MODEL;
        let base =
            |phase| BannerInput { setting: &IMPROVE_MODEL, reason: Some(UnknownReason::NotFound), ..plain(phase) };
        let actions = |m: &BannerModel| m.buttons.iter().map(|b| b.action).collect::<Vec<_>>();
        let plain = banner_model(base(Phase::Unknown)).unwrap();
        assert_eq!(actions(&plain), [Action::CopyReport, Action::Dismiss]);
        let check = banner_model(BannerInput { offer_check: true, ..base(Phase::Unknown) }).unwrap();
        assert_eq!(actions(&check), [Action::Check, Action::CopyReport, Action::Dismiss]);
        assert!(check.buttons[0].primary && check.buttons[0].label.key == "btn_check");
        assert_eq!(check.body[0].key, "banner_check_body", "instead of the not-found sentence");
        assert!(!check.body.iter().any(|t| t.key == "s_improveModel_notFound"));
        assert!(!check.manual_steps.is_empty(), "the manual path stays");
        // Opening the dialog (after a press on `on`, or `check`): nothing to press, the state kept.
        for phase in [Phase::On, Phase::Unknown] {
            let opening = banner_model(BannerInput { revealing: true, ..base(phase) }).unwrap();
            assert_eq!((opening.state, opening.tone), (phase, Tone::Busy));
            assert!(opening.buttons.is_empty());
            assert_eq!(opening.title.key, "banner_opening_title");
        }
    }

    #[test]
    fn after_the_row_was_clicked_the_unknown_banner_says_so() {
        use crate::catalog::chatgpt::IMPROVE_MODEL;
        let m = |row_clicked, reveal_failed, clicked| {
            banner_model(BannerInput {
                setting: &IMPROVE_MODEL,
                reason: Some(UnknownReason::NotFound),
                clicked,
                row_clicked,
                reveal_failed,
                ..plain(Phase::Unknown)
            })
            .unwrap()
        };
        let keys = |b: BannerModel| b.body.iter().map(|t| t.key).collect::<Vec<_>>();
        assert_eq!(keys(m(false, false, false)), ["s_improveModel_notFound", "unknown_notClicked"]);
        assert_eq!(keys(m(true, true, false)), ["reason_revealFailed", "unknown_rowClicked"]);
        assert_eq!(keys(m(true, false, false)), ["s_improveModel_notFound", "unknown_rowClicked"]);
        assert_eq!(keys(m(true, true, true)), ["reason_revealFailed", "unknown_clicked"]);
    }

    #[test]
    fn wire_strings_are_the_contract_and_serde_agrees() {
        let actions: Vec<&str> = Action::ALL.iter().map(|a| a.as_str()).collect();
        assert_eq!(actions, ["switch-off", "switch-on", "retry", "dismiss", "copy-report", "check"]);
        for a in Action::ALL {
            assert_eq!(serde_json::to_value(a).unwrap(), serde_json::json!(a.as_str()));
            assert_eq!(Action::from_wire(a.as_str()), Some(*a));
        }
        for other in ["", "Switch-off", "switch_off", "click", "dismiss "] {
            assert_eq!(Action::from_wire(other), None, "{other:?}");
        }
        let tones: Vec<&str> = Tone::ALL.iter().map(|t| t.as_str()).collect();
        assert_eq!(tones, ["warning", "ok", "busy", "error", "neutral"]);
        for t in Tone::ALL {
            assert_eq!(serde_json::to_value(t).unwrap(), serde_json::json!(t.as_str()));
        }
        // The model's JSON carries the same strings as before the enums: `data-state`,
        // `action`, `tone`.
        let v = serde_json::to_value(model(&AI_TRAINING, Phase::On, SwitchState::Off)).unwrap();
        assert_eq!(v["state"], "on");
        assert_eq!(v["tone"], "warning");
        assert_eq!(v["buttons"][0]["action"], "switch-off");
        assert_eq!(v["buttons"][1]["action"], "dismiss");
    }

    #[test]
    fn caveats_and_links() {
        let on = model(&AI_TRAINING, Phase::On, SwitchState::Off);
        let keys: Vec<_> = on.caveats.iter().map(|c| c.key).collect();
        assert_eq!(keys, vec!["caveat_notRetroactive", "caveat_otherModels", "s_aiTraining_region"]);
        assert_eq!(on.links[0].url, OBJECTION_FORM_URL);
        let research = model(&RESEARCH, Phase::On, SwitchState::Off);
        assert_eq!(research.caveats.iter().map(|c| c.key).collect::<Vec<_>>(), vec!["region_general"]);
        // the checkup walk: off and verified pages link the next setting; the last one does not
        let off = model(&RESEARCH, Phase::Off, SwitchState::Off);
        assert_eq!(off.links.last().unwrap().url, PARTNER_SHARING.url());
        assert!(model(&NON_ESSENTIAL_COOKIES, Phase::Off, SwitchState::Off).links.is_empty());
    }

    #[test]
    fn next_link_skips_what_is_known_off_as_the_popup_start_does() {
        use crate::memory::{Memory, Options};
        use crate::view::popup::{popup_model, PopupInput};
        use crate::{ChangeNote, SettingId};
        let now = 1_800_000_000_000.0;
        let mut memory = Memory::default();
        memory.record(SettingId::Research, Phase::Off, Some(SwitchState::Off), ChangeNote::None, now);
        let days = Options::default().recheck_days;
        let next = AI_TRAINING.next_to_check(|s| memory.known_private(s.id, now, days));
        assert_eq!(next, Some(&PARTNER_SHARING));
        let m = banner_model(BannerInput {
            setting: &AI_TRAINING,
            phase: Phase::Off,
            reason: None,
            clicked: false,
            target: SwitchState::Off,
            next,
            label_seen: None,
            report: None,
            reads_target: false,
            offer_check: false,
            revealing: false,
            row_clicked: false,
            reveal_failed: false,
        })
        .unwrap();
        assert_eq!(m.links.last().unwrap().url, PARTNER_SHARING.url());
        let popup = popup_model(PopupInput {
            memory: &memory,
            options: Options::default(),
            live: None,
            active_tab_url: None,
            now_ms: now,
            memory_was_reset: false,
            gpc: false,
            granted: &[],
        });
        assert_eq!(popup.checkup_start.url, PARTNER_SHARING.url(), "one rule for both");
        // a reading older than the re-check period is not known
        assert!(!memory.known_private(SettingId::Research, now + 31.0 * 86_400_000.0, days));
    }

    #[test]
    fn a_switch_kept_out_of_sight_says_what_brings_it_there() {
        use crate::catalog::chatgpt::IMPROVE_MODEL;
        // ChatGPT's switch is in a dialog: "not found" says so, and how to open it.
        assert_eq!(unknown_reason(Some(UnknownReason::NotFound), &IMPROVE_MODEL).key, "s_improveModel_notFound");
        // Every other reason, and every LinkedIn setting, keeps the general sentences.
        assert_eq!(unknown_reason(Some(UnknownReason::Ambiguous), &IMPROVE_MODEL).key, "reason_ambiguous");
        let general = unknown_reason(Some(UnknownReason::NotFound), &AI_TRAINING);
        assert_eq!((general.key, general.args), ("reason_notFound", vec![Arg::Plain("LinkedIn".into())]));
    }
}
