//! The popup's content: the catalog's primary setting (LinkedIn's AI-training one) first and most
//! prominent, then the privacy checkup (every other setting of its site with its remembered
//! state), the history of changes with undo, and the primary setting's caveats. Every text is a
//! [`Text`].

use serde::Serialize;

use crate::catalog::{self, by_id, Setting, SettingId};
use crate::memory::{CoupledChange, Memory, Options, Seen};
use crate::page::{classify_url, PageKind};
use crate::view::banner::{caveat_links, Link};
use crate::view::text::{state_word, Arg, Text};
use crate::vocab::{wire_enum, Phase};

/// Where a button navigates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenTarget {
    /// The setting's canonical URL.
    pub url: String,
    /// True: navigate the active tab (it is a LinkedIn tab); false: open a new tab.
    pub in_current_tab: bool,
}

/// Decides where to open the setting: in the active tab when it shows a page of the setting's
/// own site, else in a new tab (a ChatGPT setting never replaces a LinkedIn tab).
/// `active_tab_url` is `None` when the browser withholds it (tabs of sites not granted, since
/// the extension has no `tabs` permission).
pub fn open_target(setting: &Setting, active_tab_url: Option<&str>) -> OpenTarget {
    let in_current_tab = active_tab_url.and_then(crate::page::site_of).is_some_and(|site| site.id == setting.site().id);
    OpenTarget { url: setting.url(), in_current_tab }
}

wire_enum! {
    /// What a popup row says of its setting; the wire string drives the row's styling in
    /// `popup.js`.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
    pub enum RowState {
        /// Never read (or the tab is still waiting for the switch to render).
        NotChecked = "notChecked",
        /// On (read on, or our click failed).
        On = "on",
        /// Off (read off, or our change was verified).
        Off = "off",
        /// The tab is switching it right now.
        Switching = "switching",
        /// The tab cannot tell.
        Unknown = "unknown",
        /// The remembered reading is older than the re-check period.
        Stale = "stale",
    }
}

/// One setting in the popup.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SettingRow {
    /// The catalog setting this row shows.
    pub id: SettingId,
    /// What the row says of the setting: drives the styling.
    pub state: RowState,
    /// The setting's name (its `s_<id>_title` key).
    pub title: Text,
    /// One line on the state (a `popup_state_*` key).
    pub headline: Text,
    /// Sentences under the headline.
    pub detail: Vec<Text>,
    /// The row's button label (a `btn_*` key: check, re-check or open).
    pub button: Text,
    /// Where the row's button navigates.
    pub open: OpenTarget,
    /// When the person dismissed the setting's banner and it stays hidden: the line that says so
    /// (`popup_bannerHidden` with the date), shown with a "Show the banner again" button.
    pub banner_hidden: Option<Text>,
    /// What the site says the browser's Global Privacy Control signal does to this setting, when
    /// the browser sends it ([`crate::catalog::GpcOptOut`]); shown under the row's state.
    pub gpc_note: Option<Text>,
}

/// One change in the history, newest first.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryRow {
    /// The change's id, for [`Memory::request_undo`].
    pub change: u32,
    /// The setting that was changed.
    pub setting: SettingId,
    /// What was done and when (`history_switchedOff`/`history_switchedOn` with title and date).
    pub text: Text,
    /// When it was moved back, if it was.
    pub undone: Option<Text>,
    /// For a setting the site moves others with: undoing it may not move those back.
    pub note: Option<Text>,
    /// The site's wording had changed when the change was made (the label seen, quoted).
    pub wording: Option<Text>,
    /// True when the popup offers "Undo".
    pub undoable: bool,
    /// Where "Undo" navigates.
    pub open: OpenTarget,
}

/// A site asked for at use (ChatGPT) in the popup: not enabled yet (its host permission is not
/// granted), or enabled, then with its primary setting's row.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SiteRow {
    /// The site's name (a brand, verbatim), e.g. `ChatGPT`.
    pub name: String,
    /// The host permission to ask for (`permissions.request({origins: [host_pattern]})`), e.g.
    /// `https://chatgpt.com/*`.
    pub host_pattern: String,
    /// True when the permission is granted.
    pub enabled: bool,
    /// While not enabled: `popup_site_notEnabled`; else the setting row's headline.
    pub headline: Text,
    /// While not enabled: why the permission is asked for and what it allows (`popup_site_why`).
    pub detail: Vec<Text>,
    /// While not enabled: `btn_enableSite` (it asks for the permission); else the setting row's button.
    pub button: Text,
    /// While enabled: the site's primary setting's row (its state, and where its button goes).
    pub setting: Option<SettingRow>,
    /// While enabled: how the person turns the site off again ([`SiteDisable`]).
    pub disable: Option<SiteDisable>,
}

/// Turning an enabled site off, in the popup: a disclosure (`summary`) that holds a choice to
/// forget what the memory holds about the site (`forget`, off until the person ticks it) and the
/// button that does it (`confirm`): it gives the host permission back
/// (`permissions.remove`; the background then unregisters the site's content script) and, when
/// ticked, has the background forget the site ([`crate::message::PopupMessage::ForgetSite`]).
/// `failed` is shown when the browser keeps the permission (an administrator's policy, or a
/// build whose manifest requires the host).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SiteDisable {
    /// `btn_disableSite`: opens the disclosure.
    pub summary: Text,
    /// `popup_site_forget`: the checkbox's label.
    pub forget: Text,
    /// `btn_disableSiteConfirm`: turns the site off.
    pub confirm: Text,
    /// `popup_site_disableFailed`: the browser kept the permission.
    pub failed: Text,
}

/// What the popup shows.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PopupModel {
    /// The catalog's primary setting ([`catalog::primary`]).
    pub main: SettingRow,
    /// The other settings of its site, in walk order.
    pub checkup: Vec<SettingRow>,
    /// The sites asked for at use, in catalog order, enabled or not.
    pub sites: Vec<SiteRow>,
    /// Where "Start the checkup" goes: the first checkup setting that is not known to be off
    /// and fresh, else the first one.
    pub checkup_start: OpenTarget,
    /// The checkup in one line (`popup_checkup_progress`: known off, of how many, on, to
    /// check), shown above its list, which opens on demand.
    pub checkup_progress: Text,
    /// The changes Opt-Out Guard made, newest first; empty when there are none. The first is
    /// shown; the rest open on demand under [`PopupModel::history_earlier`].
    pub history: Vec<HistoryRow>,
    /// The line that opens the earlier changes (`popup_history_earlier` with their number);
    /// `None` with fewer than two changes.
    pub history_earlier: Option<Text>,
    /// Short honest caveats: the primary setting's (not retroactive, other AI models), then the
    /// general region note.
    pub caveats: Vec<Text>,
    /// Links under the caveats: the primary setting's (LinkedIn's objection form).
    pub links: Vec<Link>,
    /// A one-time notice (e.g. the memory was reset), or `None`.
    pub notice: Option<Text>,
}

/// What the popup is built from.
#[derive(Clone, Copy, Debug)]
pub struct PopupInput<'a> {
    /// The remembered readings and history (as [`Memory::load`] returns them).
    pub memory: &'a Memory,
    /// The user's options (for the re-check period).
    pub options: Options,
    /// The active tab's last reported phase and its setting, when it reported one.
    pub live: Option<(SettingId, Phase)>,
    /// The active tab's URL; `None` when the browser withholds it (non-LinkedIn tabs).
    pub active_tab_url: Option<&'a str>,
    /// ms since the Unix epoch.
    pub now_ms: f64,
    /// True when loading found the memory unreadable and reset it: the popup says so once.
    pub memory_was_reset: bool,
    /// `navigator.globalPrivacyControl` is `true` in this browser (Firefox 120 and later, when
    /// the person turned it on; Chrome has no such property): settings the site says the signal
    /// covers get its note ([`crate::catalog::GpcOptOut`]).
    pub gpc: bool,
    /// The granted origins' match patterns (`permissions.getAll().origins`).
    pub granted: &'a [String],
}

/// The row of `site` (asked for at use) for the popup.
fn site_row(site: &'static crate::catalog::Site, input: &PopupInput) -> SiteRow {
    let host_pattern = site.host_pattern();
    let name = site.name_arg();
    if !site.enabled(input.granted) {
        return SiteRow {
            name: site.name.to_string(),
            host_pattern,
            enabled: false,
            headline: Text::new("popup_site_notEnabled"),
            detail: vec![Text::new("popup_site_why").with(name.clone())],
            button: Text::new("btn_enableSite").with(name),
            setting: None,
            disable: None,
        };
    }
    let setting = row(site.primary(), input);
    SiteRow {
        name: site.name.to_string(),
        host_pattern,
        enabled: true,
        headline: setting.headline.clone(),
        detail: setting.detail.clone(),
        button: setting.button.clone(),
        setting: Some(setting),
        disable: Some(SiteDisable {
            summary: Text::new("btn_disableSite").with(name.clone()),
            forget: Text::new("popup_site_forget").with(name.clone()),
            confirm: Text::new("btn_disableSiteConfirm").with(name.clone()),
            failed: Text::new("popup_site_disableFailed").with(name),
        }),
    }
}

fn row(setting: &'static Setting, input: &PopupInput) -> SettingRow {
    let open = open_target(setting, input.active_tab_url);
    let seen = input.memory.seen(setting.id);
    // A tab's live phase counts only while that tab shows this setting's page: after it navigates
    // away, the stored value is stale.
    let on_page = input
        .active_tab_url
        .is_some_and(|u| matches!(classify_url(u), PageKind::Setting { setting: s, .. } if s == setting));
    let live = input.live.filter(|(id, p)| *id == setting.id && *p != Phase::Waiting && on_page).map(|(_, p)| p);
    // The remembered reading, when there is no live phase and it is older than the re-check period.
    let stale = seen.filter(|s| live.is_none() && s.is_stale(input.now_ms, input.options.recheck_days));
    let phase = live.or(seen.map(|s| s.phase()));
    let title = Text::new(setting.messages.title);
    // A change of ours not read yet: the remembered reading is from before our click.
    let pending = input.memory.pending_change(setting.id).filter(|_| live.is_none());
    // The site probably moved it by itself with a coupled setting we changed.
    let coupled = input.memory.coupled_change(setting.id).filter(|_| live.is_none());
    let (state, headline, mut detail, button) = match (pending, stale, phase) {
        (None, _, _) if let Some(c) = coupled => coupled_row(c),
        (Some(p), _, _) if p.is_fresh(input.now_ms) => (
            RowState::Switching,
            Text::new("popup_state_switching"),
            vec![Text::new("popup_detail_pending")],
            Text::new("btn_open"),
        ),
        (Some(p), _, _) => (
            RowState::Unknown,
            Text::new("popup_state_notConfirmed"),
            vec![Text::new("popup_detail_notConfirmed").with(Arg::Date { date: p.pressed_at_ms })],
            Text::new("btn_open"),
        ),
        (None, stale, phase) => row_state(setting, stale, phase),
    };
    if live.is_some() {
        detail.push(Text::new("popup_onThisPage"));
    } else if let (None, Some(s)) = (pending, seen) {
        detail.push(Text::new("popup_lastChecked").with(Arg::Date { date: s.seen_at_ms }));
    }
    let banner_hidden = input
        .memory
        .dismissal_for(setting.id, input.now_ms, input.options.recheck_days)
        .map(|d| Text::new("popup_bannerHidden").with(Arg::Date { date: d.at_ms }));
    if banner_hidden.is_some() {
        // No banner waits there while it is hidden: the line that promises one would be untrue.
        detail.retain(|t| t.key != "popup_detail_on");
    }
    // The signal's note where the state is still to be learnt; beside a fresh reading the reading
    // is what counts (a switch read on is not covered, whatever the signal).
    let gpc_note =
        setting.gpc.filter(|_| input.gpc && !matches!(state, RowState::On | RowState::Off)).map(|g| Text::new(g.note));
    SettingRow { id: setting.id, state, title, headline, detail, button, open, banner_hidden, gpc_note }
}

/// The row of a setting the site probably moved by itself: old, to be checked again, with the
/// coupled setting named and the likely state hedged ("probably").
fn coupled_row(coupled: CoupledChange) -> (RowState, Text, Vec<Text>, Text) {
    let by = by_id(coupled.by).messages.title;
    let headline = match coupled.likely {
        Some(likely) => Text::new("popup_state_coupled").with(state_word(likely)).with(by),
        None => Text::new("popup_state_coupledUnknown").with(by),
    };
    let site = by_id(coupled.by).site().name_arg();
    (RowState::Stale, headline, vec![Text::new("popup_detail_stale").with(site)], Text::new("btn_recheck"))
}

/// A row's state, headline, details and button from a reading (live or remembered) alone.
fn row_state(setting: &Setting, stale: Option<Seen>, phase: Option<Phase>) -> (RowState, Text, Vec<Text>, Text) {
    let site = setting.site().name_arg();
    match (stale, phase) {
        (Some(s), _) => (
            RowState::Stale,
            Text::new("popup_state_stale").with(state_word(s.state)),
            vec![Text::new("popup_detail_stale").with(site)],
            Text::new("btn_recheck"),
        ),
        (None, None | Some(Phase::Waiting)) => (
            RowState::NotChecked,
            Text::new("popup_state_notChecked"),
            vec![Text::new("popup_detail_notChecked")],
            Text::new("btn_check"),
        ),
        (None, Some(Phase::On | Phase::Failed)) => (
            RowState::On,
            Text::new("popup_state_on"),
            vec![Text::new(setting.messages.what), Text::new("popup_detail_on")],
            Text::new("btn_open"),
        ),
        (None, Some(Phase::Off | Phase::Verified)) => (
            RowState::Off,
            Text::new("popup_state_off"),
            vec![Text::new("popup_detail_off").with(site)],
            Text::new("btn_open"),
        ),
        (None, Some(Phase::Switching)) => (
            RowState::Switching,
            Text::new("popup_state_switching"),
            vec![Text::new("popup_detail_switching").with(site)],
            Text::new("btn_open"),
        ),
        (None, Some(Phase::Unknown)) => (
            RowState::Unknown,
            Text::new("popup_state_unknown"),
            vec![Text::new("popup_detail_unknown")],
            Text::new("btn_open"),
        ),
    }
}

/// Builds the popup.
pub fn popup_model(input: PopupInput) -> PopupModel {
    let primary = catalog::primary();
    let main = row(primary, &input);
    let checkup: Vec<SettingRow> =
        primary.site().settings.iter().filter(|s| **s != primary).map(|s| row(s, &input)).collect();
    // The checkup's one rule (shared with the banner's next link): skip what is known to be off.
    let start = checkup.iter().find(|r| r.state != RowState::Off).unwrap_or(&checkup[0]);
    let checkup_start = start.open.clone();
    let count = |state: RowState| checkup.iter().filter(|r| r.state == state).count();
    let (off, on) = (count(RowState::Off), count(RowState::On));
    let checkup_progress = Text::new("popup_checkup_progress")
        .with(Arg::Plain(off.to_string()))
        .with(Arg::Plain(checkup.len().to_string()))
        .with(Arg::Plain(on.to_string()))
        .with(Arg::Plain((checkup.len() - off - on).to_string()));
    let history: Vec<HistoryRow> = input
        .memory
        .history
        .iter()
        .rev()
        .map(|c| {
            let setting = by_id(c.setting);
            let key = if c.to == setting.private_state { "history_switchedOff" } else { "history_switchedOn" };
            HistoryRow {
                change: c.id,
                setting: c.setting,
                text: Text::new(key).with(setting.messages.title).with(Arg::Date { date: c.at_ms }),
                undone: c.undone_at_ms.map(|d| Text::new("history_undone").with(Arg::Date { date: d })),
                note: setting
                    .couplings
                    .first()
                    .map(|k| Text::new("history_coupledNote").with(by_id(k.also).messages.title)),
                wording: c.label_seen.as_ref().map(|l| {
                    Text::new("history_wordingChanged").with(Arg::Plain(l.clone())).with(setting.site().name_arg())
                }),
                undoable: input.memory.undoable(c.id).is_some(),
                open: open_target(setting, input.active_tab_url),
            }
        })
        .collect();
    let sites = catalog::SITES
        .iter()
        .copied()
        .filter(|site| site.access == catalog::Access::AtUse)
        .map(|site| site_row(site, &input))
        .collect();
    PopupModel {
        main,
        checkup,
        sites,
        checkup_start,
        checkup_progress,
        history_earlier: (history.len() > 1)
            .then(|| Text::new("popup_history_earlier").with(Arg::Plain((history.len() - 1).to_string()))),
        history,
        caveats: primary.caveats.iter().map(|&key| Text::new(key)).chain([Text::new("caveat_regions")]).collect(),
        links: caveat_links(primary),
        notice: input.memory_was_reset.then(|| Text::new("popup_notice_reset")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::linkedin::{ADS_BY_AGE, AI_TRAINING, LINKEDIN, PARTNER_SHARING, RESEARCH};
    use crate::flow::ChangeNote;
    use crate::memory::{Seen, DAY_MS};
    use crate::vocab::SwitchState;

    const HERE: &str = "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement";

    fn input<'a>(
        memory: &'a Memory,
        live: Option<(SettingId, Phase)>,
        url: Option<&'a str>,
        now_ms: f64,
    ) -> PopupInput<'a> {
        PopupInput {
            memory,
            options: Options::default(),
            live,
            active_tab_url: url,
            now_ms,
            memory_was_reset: false,
            gpc: false,
            granted: &[],
        }
    }

    #[test]
    fn a_site_row_offers_enabling_until_granted_then_its_setting_and_turning_it_off() {
        let memory = Memory::default();
        let off = popup_model(input(&memory, None, None, 0.0));
        let row = &off.sites[0];
        assert_eq!((row.name.as_str(), row.enabled, row.button.key), ("ChatGPT", false, "btn_enableSite"));
        assert_eq!((row.setting.as_ref(), row.disable.as_ref()), (None, None));
        let granted = ["https://chatgpt.com/*".to_string()];
        let on = popup_model(PopupInput { granted: &granted, ..input(&memory, None, None, 0.0) });
        let row = &on.sites[0];
        assert!(row.enabled);
        assert_eq!(row.setting.as_ref().map(|s| s.id), Some(SettingId::ImproveModel));
        let disable = row.disable.as_ref().expect("an enabled site can be turned off");
        assert_eq!(
            [disable.summary.key, disable.forget.key, disable.confirm.key, disable.failed.key],
            ["btn_disableSite", "popup_site_forget", "btn_disableSiteConfirm", "popup_site_disableFailed"]
        );
        assert!([&disable.summary, &disable.forget, &disable.confirm, &disable.failed]
            .iter()
            .all(|t| t.args == vec![Arg::Plain("ChatGPT".into())]));
    }

    #[test]
    fn a_site_row_read_on_promises_the_one_click_unless_the_banner_is_hidden() {
        // ChatGPT's page reads its row and its banner opens the dialog on the press: the same
        // one click as LinkedIn's, not hidden when the person said "Not now".
        let mut memory = Memory::default();
        memory.record(SettingId::ImproveModel, Phase::On, Some(SwitchState::On), ChangeNote::None, 1.0);
        let granted = ["https://chatgpt.com/*".to_string()];
        let row = popup_model(PopupInput { granted: &granted, ..input(&memory, None, None, 2.0) }).sites[0].clone();
        let keys: Vec<_> = row.detail.iter().map(|t| t.key).collect();
        assert_eq!(keys, ["s_improveModel_what", "popup_detail_on", "popup_lastChecked"]);
        memory.dismiss(SettingId::ImproveModel, Some(SwitchState::On), 1.5);
        let hidden = popup_model(PopupInput { granted: &granted, ..input(&memory, None, None, 2.0) }).sites[0].clone();
        assert!(!hidden.detail.iter().any(|t| t.key == "popup_detail_on"), "{:?}", hidden.detail);
    }

    #[test]
    fn opens_in_current_tab_only_on_linkedin() {
        assert!(open_target(&AI_TRAINING, Some("https://www.linkedin.com/feed/")).in_current_tab);
        assert!(!open_target(&AI_TRAINING, Some("https://example.org/")).in_current_tab);
        assert!(!open_target(&AI_TRAINING, None).in_current_tab);
        assert_eq!(open_target(&AI_TRAINING, None).url, AI_TRAINING.url());
    }

    #[test]
    fn live_beats_remembered_only_on_its_own_page() {
        let mut memory = Memory::default();
        memory
            .settings
            .insert(SettingId::AiTraining, Seen { state: SwitchState::Off, seen_at_ms: 0.0, verified_by_us: true });
        let m = popup_model(input(&memory, Some((SettingId::AiTraining, Phase::On)), Some(HERE), 3_600_000.0));
        assert_eq!(m.main.state, RowState::On);
        assert_eq!(m.main.detail.last().unwrap().key, "popup_onThisPage");
        let left = popup_model(input(
            &memory,
            Some((SettingId::AiTraining, Phase::Switching)),
            Some("https://www.linkedin.com/feed/"),
            0.0,
        ));
        assert_eq!(left.main.state, RowState::Off, "a live phase from a page the tab has left is ignored");
        let other = popup_model(input(&memory, Some((SettingId::Research, Phase::On)), Some(HERE), 0.0));
        assert_eq!(other.main.state, RowState::Off, "a live phase of another setting is not this one's");
        let m = popup_model(input(&memory, None, None, 2.0 * 3_600_000.0));
        assert_eq!(m.main.detail.last().unwrap(), &Text::new("popup_lastChecked").with(Arg::Date { date: 0.0 }));
        assert_eq!(
            popup_model(input(&Memory::default(), Some((SettingId::AiTraining, Phase::Waiting)), Some(HERE), 0.0))
                .main
                .state,
            RowState::NotChecked
        );
    }

    #[test]
    fn checkup_rows_and_start() {
        let mut memory = Memory::default();
        memory
            .settings
            .insert(SettingId::Research, Seen { state: SwitchState::Off, seen_at_ms: 0.0, verified_by_us: false });
        let m = popup_model(input(&memory, None, None, DAY_MS));
        assert_eq!(m.checkup.len(), LINKEDIN.settings.len() - 1);
        assert_eq!(m.checkup[0].id, SettingId::Research);
        assert_eq!(m.checkup[0].state, RowState::Off);
        assert_eq!(m.checkup_start.url, PARTNER_SHARING.url(), "starts at the first setting not known off");
        let later = popup_model(input(&memory, None, None, 40.0 * DAY_MS));
        assert_eq!(later.checkup[0].state, RowState::Stale);
        assert_eq!(later.checkup[0].button.key, "btn_recheck");
        assert_eq!(later.checkup_start.url, RESEARCH.url());
    }

    #[test]
    fn a_pending_change_is_being_checked_then_not_confirmed() {
        let mut memory = Memory::default();
        memory.record(SettingId::AiTraining, Phase::On, Some(SwitchState::On), ChangeNote::None, 1.0);
        memory.record(SettingId::AiTraining, Phase::Switching, None, ChangeNote::Pressed(SwitchState::Off), 2.0);
        let at = |now_ms| popup_model(input(&memory, None, None, now_ms)).main;
        let fresh = at(3.0);
        assert_eq!(fresh.state, RowState::Switching);
        assert_eq!(fresh.detail[0].key, "popup_detail_pending");
        let old = at(2.0 + crate::memory::PENDING_TTL_MS + 1.0);
        assert_eq!((old.state, old.headline.key), (RowState::Unknown, "popup_state_notConfirmed"));
        assert_eq!(old.detail.len(), 1, "no 'last checked' date from before the click");
    }

    #[test]
    fn a_coupled_setting_shows_probably_moved_and_the_undo_says_it_may_not_come_back() {
        let mut memory = Memory::default();
        memory.record(SettingId::PartnerSharing, Phase::On, Some(SwitchState::On), ChangeNote::None, 1.0);
        memory.record(SettingId::AdsBeyondLinkedIn, Phase::Verified, Some(SwitchState::Off), ChangeNote::Verified, 2.0);
        let m = popup_model(input(&memory, None, None, 3.0));
        let partner = m.checkup.iter().find(|r| r.id == SettingId::PartnerSharing).unwrap();
        assert_eq!(partner.state, RowState::Stale, "no longer the old 'on'");
        assert_eq!(partner.headline.keys(), vec!["popup_state_coupled", "state_off", "s_adsBeyondLinkedIn_title"]);
        assert_eq!(partner.button.key, "btn_recheck");
        let note = m.history[0].note.as_ref().unwrap();
        assert_eq!(note.keys(), vec!["history_coupledNote", "s_partnerSharing_title"]);
    }

    #[test]
    fn a_change_made_when_the_wording_had_changed_says_so_with_the_label_seen() {
        let mut memory = Memory::default();
        memory.record(SettingId::AiTraining, Phase::Verified, Some(SwitchState::Off), ChangeNote::Verified, 2.0);
        memory.note_label_seen(SettingId::AiTraining, "New words");
        let m = popup_model(input(&memory, None, None, 3.0));
        let wording = m.history[0].wording.as_ref().unwrap();
        assert_eq!(
            (wording.key, &wording.args),
            ("history_wordingChanged", &vec![Arg::Plain("New words".into()), Arg::Plain("LinkedIn".into())])
        );
        assert_eq!(m.history_earlier, None, "one change: nothing earlier");
        memory.record(SettingId::Research, Phase::Verified, Some(SwitchState::Off), ChangeNote::Verified, 4.0);
        let two = popup_model(input(&memory, None, None, 5.0));
        assert_eq!(two.history_earlier.map(|t| t.args), Some(vec![Arg::Plain("1".into())]));
    }

    #[test]
    fn the_checkup_in_one_line_counts_off_on_and_the_rest() {
        let mut memory = Memory::default();
        memory.record(SettingId::Research, Phase::Off, Some(SwitchState::Off), ChangeNote::None, 1.0);
        memory.record(SettingId::AdsByAge, Phase::Off, Some(SwitchState::Off), ChangeNote::None, 1.0);
        memory.record(SettingId::Interests, Phase::On, Some(SwitchState::On), ChangeNote::None, 1.0);
        let m = popup_model(input(&memory, None, None, 2.0));
        let plain = |n: usize| Arg::Plain(n.to_string());
        let others = m.checkup.len();
        assert_eq!(m.checkup_progress.key, "popup_checkup_progress");
        assert_eq!(m.checkup_progress.args, vec![plain(2), plain(others), plain(1), plain(others - 3)]);
        // an old reading is not "known off"
        let later = popup_model(input(&memory, None, None, 2.0 + 31.0 * DAY_MS));
        assert_eq!(later.checkup_progress.args, vec![plain(0), plain(others), plain(0), plain(others)]);
    }

    #[test]
    fn gpc_is_noted_beside_data_sharing_only_where_the_browser_sends_it() {
        let memory = Memory::default();
        let note = |gpc: bool| {
            let m = popup_model(PopupInput { gpc, ..input(&memory, None, None, 1.0) });
            m.checkup
                .iter()
                .chain([&m.main])
                .filter(|r| r.gpc_note.as_ref().is_some_and(|t| t.key == "popup_gpc_partnerSharing"))
                .map(|r| r.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(note(true), vec![SettingId::PartnerSharing]);
        assert!(note(false).is_empty());
        // beside a fresh reading, on or off, the reading speaks (break-test of feaca49)
        for state in [SwitchState::On, SwitchState::Off] {
            let mut read = Memory::default();
            read.record(SettingId::PartnerSharing, state.into(), Some(state), ChangeNote::None, 0.5);
            let m = popup_model(PopupInput { gpc: true, ..input(&read, None, None, 1.0) });
            assert!(m.checkup.iter().all(|r| r.gpc_note.is_none()), "{state:?}");
        }
    }

    #[test]
    fn a_hidden_banner_is_not_promised() {
        let mut memory = Memory::default();
        memory.record(SettingId::AiTraining, Phase::On, Some(SwitchState::On), ChangeNote::None, 1.0);
        let shown = popup_model(input(&memory, None, None, 2.0)).main;
        assert!(shown.detail.iter().any(|t| t.key == "popup_detail_on"));
        memory.dismiss(SettingId::AiTraining, Some(SwitchState::On), 1.5);
        let hidden = popup_model(input(&memory, None, None, 2.0)).main;
        assert!(hidden.banner_hidden.is_some());
        assert!(!hidden.detail.iter().any(|t| t.key == "popup_detail_on"), "{:?}", hidden.detail);
    }

    #[test]
    fn a_dismissed_banner_is_named_with_its_date() {
        let mut memory = Memory::default();
        memory.dismiss(SettingId::Research, Some(SwitchState::On), 5.0);
        let m = popup_model(input(&memory, None, None, 6.0));
        let research = m.checkup.iter().find(|r| r.id == SettingId::Research).unwrap();
        assert_eq!(research.banner_hidden.as_ref().map(|t| t.key), Some("popup_bannerHidden"));
        assert!(m.main.banner_hidden.is_none());
    }

    #[test]
    fn history_newest_first_with_undo() {
        let mut memory = Memory::default();
        memory.record(SettingId::AdsByAge, Phase::Verified, Some(SwitchState::Off), ChangeNote::Verified, 10.0);
        memory.record(SettingId::AiTraining, Phase::Verified, Some(SwitchState::Off), ChangeNote::Verified, 20.0);
        memory.record(SettingId::AdsByAge, Phase::On, Some(SwitchState::On), ChangeNote::None, 30.0);
        let m = popup_model(input(&memory, None, None, 40.0));
        assert_eq!(m.history.len(), 2);
        assert_eq!(m.history[0].setting, SettingId::AiTraining);
        assert!(m.history[0].undoable);
        assert_eq!(m.history[0].text.keys(), vec!["history_switchedOff", "s_aiTraining_title"]);
        assert_eq!(m.history[1].open.url, ADS_BY_AGE.url());
        assert!(!m.history[1].undoable, "moved back on already");
        assert!(m.history[1].undone.is_some());
    }

    #[test]
    fn row_states_are_the_wire_strings_and_serde_agrees() {
        let names: Vec<&str> = RowState::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(names, ["notChecked", "on", "off", "switching", "unknown", "stale"]);
        for r in RowState::ALL {
            assert_eq!(serde_json::to_value(r).unwrap(), serde_json::json!(r.as_str()));
        }
        let m = popup_model(input(&Memory::default(), None, None, 0.0));
        assert_eq!(serde_json::to_value(&m.main).unwrap()["state"], "notChecked");
    }

    #[test]
    fn reset_notice() {
        let memory = Memory::default();
        let m = popup_model(PopupInput { memory_was_reset: true, ..input(&memory, None, None, 0.0) });
        assert_eq!(m.notice, Some(Text::new("popup_notice_reset")));
    }
}
