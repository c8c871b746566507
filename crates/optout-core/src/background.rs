//! The background's decisions: an event (a content script's report, a popup request, a tick of
//! the clock or the alarms, a tab change) and what the background has stored go in; the effects
//! come out, in the order the shell must carry them out. Like [`crate::flow::Flow`] for a
//! setting's page, this holds no state: the service worker may stop at any time, so everything
//! lives in storage, read once per event into a [`Stored`] and decoded once.
//!
//! The ordering rules the effects keep:
//! - memory is written before any badge that depends on it, so whatever a badge says is already
//!   remembered;
//! - a memory that had to be migrated or reset is written (with the one-time notice on reset)
//!   before anything else the event does;
//! - the remembered badge, every follower tab's copy and the stale alarm change together.

use serde::Serialize;

use crate::catalog::{by_id, SettingId};
use crate::flow::ChangeNote;
use crate::memory::{LoadStatus, Memory, Options};
use crate::message::{BackgroundMessage, ContentMessage, PopupMessage};
use crate::view::badge::{badge_model, opening_setting, sites_badge, BadgeModel};
use crate::vocab::Phase;

/// A browser tab's id (`tabs.Tab.id`), a non-negative integer.
pub type TabId = u32;

/// The one-time notices `storage.local` can hold under `notice` for the popup.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Notice {
    /// The stored memory could not be read and was reset (stored as `"memoryReset"`).
    MemoryReset,
    /// Any other stored value (never written by this version): removed like a known one, shown
    /// as nothing.
    Unknown,
}

impl Notice {
    /// The notice a stored value names: `"memoryReset"`, else [`Notice::Unknown`].
    pub fn from_stored(value: &str) -> Notice {
        if value == "memoryReset" {
            Notice::MemoryReset
        } else {
            Notice::Unknown
        }
    }
}

/// A tab's live state on a setting's page, stored in `storage.session` under `tab:<id>`: the
/// popup reads it to show the page's state rather than the remembered one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Live {
    /// The setting whose page the tab shows.
    pub setting: SettingId,
    /// The phase that page last reported.
    pub phase: Phase,
}

/// What the background has stored, read once at the start of an event.
#[derive(Clone, Debug)]
pub struct Stored {
    /// `storage.local` `memory`, decoded ([`Memory::load`]) with how it loaded.
    pub memory: Memory,
    /// How `memory` loaded: `Migrated` and `Reset` mean it must be written back.
    pub memory_status: LoadStatus,
    /// `storage.local` `options`, decoded (defaults when absent or invalid).
    pub options: Options,
    /// `storage.local` `notice`, when it holds one.
    pub notice: Option<Notice>,
    /// `storage.session` `followers`: tabs that carry a copy of the remembered badge.
    pub followers: Vec<TabId>,
    /// The granted origins' match patterns (`permissions.getAll().origins`): which sites asked
    /// for at use are enabled, for the remembered badge's summary.
    pub granted: Vec<String>,
    /// The clock, ms since the epoch (the test clock in test builds).
    pub now_ms: f64,
}

/// Who sent a runtime message, as the browser describes the sender.
#[derive(Clone, Debug, Default)]
pub struct Sender {
    /// `sender.url` (or the tab's URL when the browser gives no frame URL).
    pub url: Option<String>,
    /// `sender.frameId`: 0 is the top frame.
    pub frame_id: Option<i32>,
    /// `sender.id` equals this extension's id.
    pub from_self: bool,
    /// `sender.tab.id`, when the sender is a tab.
    pub tab: Option<TabId>,
}

/// Something that happened, for the background to decide on.
#[derive(Clone, Debug)]
pub enum Event {
    /// A content script's report, already checked and decoded ([`accept_content_message`]).
    Content {
        /// The report.
        message: ContentMessage,
        /// The tab it came from.
        tab: TabId,
    },
    /// A popup request, already checked and decoded ([`accept_popup_message`]).
    Popup(PopupMessage),
    /// Start-up, an alarm, or a change of the stored memory or options: the remembered badge,
    /// the followers' copies and the stale alarm are brought up to date.
    Refresh,
    /// A tab's URL changed (`tabs.onUpdated` with a URL; only tabs of hosts the extension may
    /// read show it, LinkedIn's).
    TabUrlChanged {
        /// The tab.
        tab: TabId,
        /// Its new URL.
        url: String,
        /// The tab is loading (`tab.status` `"loading"`): a new document, whose manifest content
        /// script runs if it is a setting's page, or (Chromium) a `pushState`, which reports
        /// `"loading"` too and then [`Event::TabComplete`]. `false` (Firefox's `pushState`): the
        /// same document changed its URL.
        loading: bool,
    },
    /// A tab finished loading (`tabs.onUpdated` with status `"complete"`), at `url`.
    TabComplete {
        /// The tab.
        tab: TabId,
        /// Its URL.
        url: String,
    },
    /// A tab closed.
    TabRemoved(TabId),
    /// The shell could not set these follower tabs' badges: they are gone.
    FollowersGone(Vec<TabId>),
    /// The shell could not reset this tab's own badge to the global one (Chromium cannot reset a
    /// tab's colour or title): the tab needs a copy and must follow later changes.
    TabBadgeNotReset(TabId),
    /// The toolbar button was clicked with no popup set (`action.onClicked`): the first click
    /// after install, before the popup took over ([`Memory::popup_took_over`]).
    ActionClicked {
        /// The tab the button was clicked in, when the browser names one.
        tab: Option<TabId>,
        /// That tab's URL, when the extension may read it (LinkedIn's tabs).
        url: Option<String>,
    },
    /// The background started, or a host permission was granted or removed
    /// (`permissions.onAdded` / `onRemoved`): the content scripts registered for the sites asked
    /// for at use are brought in line with the permissions.
    SitesChanged {
        /// The granted origins' match patterns (`permissions.getAll().origins`, e.g.
        /// `https://chatgpt.com/*`).
        granted: Vec<String>,
        /// The ids of the content scripts registered now (`scripting.getRegisteredContentScripts`).
        registered: Vec<String>,
    },
}

/// A content script for one site asked for at use, as `scripting.registerContentScripts` takes
/// it (the shell adds the files: the manifest's content-script files, and `document_idle`, top
/// frame only, as the manifest's own).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SiteScript {
    /// `site:<origin>`, e.g. `site:https://chatgpt.com` ([`site_script_id`]).
    pub id: String,
    /// The site's content-script matches ([`Site::content_script_matches`](crate::catalog::Site::content_script_matches)).
    pub matches: Vec<String>,
}

/// The id of the content script registered for `site`: `site:<origin>`.
pub fn site_script_id(site: &crate::catalog::Site) -> String {
    format!("site:{}", site.origin)
}

/// The registrations that bring the sites asked for at use in line with `granted` (match
/// patterns): `(to register, ids to unregister)`. A site is granted when its host pattern is;
/// only ids of the form `site:…` are ours to unregister (a registration of a site no longer
/// granted, or of no catalog site).
pub fn align_sites(granted: &[String], registered: &[String]) -> (Vec<SiteScript>, Vec<String>) {
    use crate::catalog::{Access, SITES};
    let wanted: Vec<&crate::catalog::Site> = SITES
        .iter()
        .copied()
        .filter(|site| site.access == Access::AtUse && granted.contains(&site.host_pattern()))
        .collect();
    let register = wanted
        .iter()
        .filter(|site| !registered.contains(&site_script_id(site)))
        .map(|site| SiteScript { id: site_script_id(site), matches: site.content_script_matches() })
        .collect();
    let unregister = registered
        .iter()
        .filter(|id| id.starts_with("site:") && !wanted.iter().any(|site| site_script_id(site) == **id))
        .cloned()
        .collect();
    (register, unregister)
}

/// One thing for the shell to do; a list of them is carried out in order.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "effect", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Effect {
    /// Write `storage.local` `memory`.
    StoreMemory {
        /// The memory to store (schema v2).
        memory: Memory,
    },
    /// Write `storage.local` `notice`.
    StoreNotice {
        /// The notice for the popup.
        notice: Notice,
    },
    /// Remove `storage.local` `notice`.
    RemoveNotice,
    /// Write `storage.session` `tab:<tab>`.
    StoreLive {
        /// The tab.
        tab: TabId,
        /// Its live state.
        live: Live,
    },
    /// Remove `storage.session` `tab:<tab>`.
    RemoveLive {
        /// The tab.
        tab: TabId,
    },
    /// Write `storage.session` `followers`.
    StoreFollowers {
        /// Every follower tab, in the order they started following.
        followers: Vec<TabId>,
    },
    /// Set the action badge: the global one (`tab` absent) or one tab's own.
    SetBadge {
        /// The tab, or `None` for the global badge.
        #[serde(skip_serializing_if = "Option::is_none")]
        tab: Option<TabId>,
        /// What the badge shows (texts as message keys).
        badge: BadgeModel,
    },
    /// Set each follower tab's own badge to `badge`; report the tabs that are gone with
    /// [`Event::FollowersGone`].
    SetFollowerBadges {
        /// The follower tabs.
        tabs: Vec<TabId>,
        /// The remembered badge they copy.
        badge: BadgeModel,
    },
    /// Reset a tab's own badge to the global one, each part where the browser allows it; when
    /// one part cannot be reset, set `fallback` as the tab's own badge and report
    /// [`Event::TabBadgeNotReset`].
    ResetTabBadge {
        /// The tab that left a setting's page.
        tab: TabId,
        /// The remembered badge, for a tab whose badge cannot be reset.
        fallback: BadgeModel,
    },
    /// Create (or move) the one-shot stale alarm to fire at `at_ms` on the background's clock
    /// (ms since the epoch; the shell takes the test clock's offset off).
    ScheduleStaleAlarm {
        /// When the remembered state turns old.
        at_ms: f64,
    },
    /// Clear the one-shot stale alarm.
    ClearStaleAlarm,
    /// Send a message to a tab's top-frame content script (a tab without one drops it).
    SendToTab {
        /// The tab.
        tab: TabId,
        /// The message.
        message: BackgroundMessage,
    },
    /// Make sure the tab's top frame runs the content script: inject the manifest's content-script
    /// files (`scripting.executeScript`) unless the content script already runs there (it marks
    /// its isolated world when it starts, and a second start does nothing).
    InjectContentScript {
        /// The tab.
        tab: TabId,
    },
    /// Run the content script's JavaScript build of the core (`pkg/content/optout_wasm_fallback.js`)
    /// in the tab's top frame (`scripting.executeScript`; a second run only defines it again).
    InjectFallback {
        /// The tab.
        tab: TabId,
    },
    /// Answer the content script's message with the bytes of its Wasm module
    /// (`pkg/content/optout_wasm_bg.wasm`, read from the package: a `Uint8Array`).
    SendModule,
    /// Set the toolbar button's popup for every tab (`action.setPopup`): `popup.html` when
    /// `popup`, else none, so that a click reaches [`Event::ActionClicked`]. The manifest names
    /// the popup, so a browser that starts before the background has run shows the popup: the
    /// safe side.
    SetActionPopup {
        /// True: the popup opens on a click.
        popup: bool,
    },
    /// Open a setting's page: in `tab` (navigate it), or in a new tab when `tab` is absent.
    OpenSetting {
        /// The page's URL.
        url: String,
        /// The tab to navigate; absent: a new tab.
        #[serde(skip_serializing_if = "Option::is_none")]
        tab: Option<TabId>,
    },
    /// Open the popup (`action.openPopup`): a click reached the background after the popup had
    /// taken over (the button's popup was not set yet after a browser start).
    OpenPopup,
    /// Register these content scripts (`scripting.registerContentScripts`, kept across browser
    /// restarts).
    RegisterContentScripts {
        /// The scripts.
        scripts: Vec<SiteScript>,
    },
    /// Unregister the content scripts with these ids (`scripting.unregisterContentScripts`).
    UnregisterContentScripts {
        /// The ids.
        ids: Vec<String>,
    },
    /// Answer the popup's request (`null` when it cannot be answered).
    Reply {
        /// The reply.
        reply: Option<PopupReply>,
    },
}

/// The background's answers to the popup.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum PopupReply {
    /// To `popupOpened`: the checked memory and whether it was reset since the popup last
    /// showed it (the notice is then cleared).
    Opened {
        /// The memory, migrated or reset as needed.
        memory: Memory,
        /// True once after a reset.
        #[serde(rename = "memoryWasReset")]
        memory_was_reset: bool,
    },
    /// To `requestUndo`: the setting's page to open, where the banner offers to switch it back.
    UndoStarted {
        /// The setting's page URL.
        url: String,
    },
}

/// The checks on a content script's message: sent by this extension, from the top frame
/// (`frame_id` 0) of a tab on a LinkedIn page; `None` otherwise, and it is dropped.
pub fn accept_content_message(sender: &Sender) -> Option<TabId> {
    let from_linkedin = sender.url.as_deref().is_some_and(|u| crate::classify_url(u).is_on_site());
    (sender.from_self && sender.frame_id == Some(0) && from_linkedin).then_some(sender.tab).flatten()
}

/// The checks on a popup's message: sent by this extension from its popup page (`popup_url`).
pub fn accept_popup_message(sender: &Sender, popup_url: &str) -> bool {
    sender.from_self && sender.url.as_deref() == Some(popup_url)
}

/// The setting whose remembered state the global badge and the stale alarm follow: the
/// catalog's primary setting.
fn primary() -> SettingId {
    crate::catalog::primary().id
}

/// Decides what `event` does, given what is `stored`. The effects are in the order to carry out.
pub fn handle(event: Event, stored: Stored) -> Vec<Effect> {
    let mut out = Vec::new();
    let mut memory = stored.memory.clone();
    // A memory that loaded migrated or reset is written back first, whatever the event.
    match stored.memory_status {
        LoadStatus::Reset => {
            out.push(Effect::StoreMemory { memory: memory.clone() });
            out.push(Effect::StoreNotice { notice: Notice::MemoryReset });
        }
        LoadStatus::Migrated => out.push(Effect::StoreMemory { memory: memory.clone() }),
        LoadStatus::Empty | LoadStatus::Current => {}
    }
    let reset_now = stored.memory_status == LoadStatus::Reset;
    match event {
        Event::Content { message, tab } => content(message, tab, &stored, &mut memory, &mut out),
        Event::Popup(PopupMessage::PopupOpened) => {
            let was_reset = reset_now || stored.notice == Some(Notice::MemoryReset);
            if was_reset || stored.notice.is_some() {
                out.push(Effect::RemoveNotice);
            }
            out.push(Effect::Reply { reply: Some(PopupReply::Opened { memory, memory_was_reset: was_reset }) });
        }
        Event::Popup(PopupMessage::ShowBanner { setting }) => {
            if memory.show_banner_again(setting) {
                out.push(Effect::StoreMemory { memory: memory.clone() });
            }
            out.push(Effect::Reply { reply: None });
        }
        Event::Popup(PopupMessage::RequestUndo { change }) => match memory.request_undo(change, stored.now_ms) {
            Some(setting) => {
                out.push(Effect::StoreMemory { memory: memory.clone() });
                out.push(Effect::Reply { reply: Some(PopupReply::UndoStarted { url: by_id(setting).url() }) });
            }
            None => out.push(Effect::Reply { reply: None }),
        },
        Event::Popup(PopupMessage::ForgetSite { host_pattern }) => {
            // Only a site asked for at use can be turned off in the popup; any other pattern is
            // ignored. (The remembered badge follows when the stored memory changes.)
            let site = crate::catalog::site_asked_at_use(&host_pattern);
            if site.is_some_and(|site| memory.forget_site(site)) {
                out.push(Effect::StoreMemory { memory: memory.clone() });
            }
            out.push(Effect::Reply { reply: None });
        }
        Event::Refresh => refresh(&memory, &stored, &mut out),
        Event::TabUrlChanged { tab, url, loading } => {
            // Entering a setting's page in-app (from LinkedIn's feed, say) loads no content script
            // by the manifest: inject it (harmless where it already runs), then tell it.
            if !loading && is_setting_page(&url) {
                out.push(Effect::InjectContentScript { tab });
            }
            out.push(Effect::SendToTab { tab, message: BackgroundMessage::UrlChanged });
        }
        // After a page load the manifest's content script already runs (it starts at
        // `document_idle`, before "complete"), so the injection finds it and does nothing; after
        // Chromium's `pushState` it is injected here.
        Event::TabComplete { tab, url } => {
            if is_setting_page(&url) {
                out.push(Effect::InjectContentScript { tab });
            }
        }
        Event::SitesChanged { granted, registered } => {
            let (scripts, ids) = align_sites(&granted, &registered);
            if !ids.is_empty() {
                out.push(Effect::UnregisterContentScripts { ids });
            }
            if !scripts.is_empty() {
                out.push(Effect::RegisterContentScripts { scripts });
            }
            // A site enabled or turned off: the remembered badge summarises another set of sites.
            let stored = Stored { granted, ..stored.clone() };
            refresh(&memory, &stored, &mut out);
        }
        Event::TabRemoved(tab) => {
            out.push(Effect::RemoveLive { tab });
            follow(&stored.followers, tab, false, &mut out);
        }
        Event::FollowersGone(gone) => {
            let alive: Vec<TabId> = stored.followers.iter().copied().filter(|t| !gone.contains(t)).collect();
            if alive.len() != stored.followers.len() {
                out.push(Effect::StoreFollowers { followers: alive });
            }
        }
        Event::TabBadgeNotReset(tab) => follow(&stored.followers, tab, true, &mut out),
        Event::ActionClicked { tab, url } => {
            if memory.popup_took_over() {
                out.push(Effect::OpenPopup);
            } else {
                // Remembered first, so that however the page goes (signed out, no such setting),
                // the next click shows the popup.
                memory.hand_over_to_popup(stored.now_ms);
                out.push(Effect::StoreMemory { memory: memory.clone() });
                refresh(&memory, &stored, &mut out);
                let target = crate::view::popup::open_target(crate::catalog::primary(), url.as_deref());
                out.push(Effect::OpenSetting { url: target.url, tab: tab.filter(|_| target.in_current_tab) });
            }
        }
    }
    out
}

fn is_setting_page(url: &str) -> bool {
    matches!(crate::classify_url(url), crate::PageKind::Setting { .. })
}

/// The sites enabled now ([`crate::catalog::Site::enabled`]), in catalog order.
fn enabled_sites(stored: &Stored) -> Vec<&'static crate::catalog::Site> {
    crate::catalog::SITES.iter().copied().filter(|s| s.enabled(&stored.granted)).collect()
}

/// The remembered badge: the enabled sites' primary settings ([`sites_badge`]: LinkedIn's
/// remembered state, or "old" past the re-check period, while it is the only site; a summary
/// beside others). While LinkedIn is the only site, its title says where a click goes before
/// the popup takes over; a summary's title names every site's state instead (a site enabled
/// by the browser's own settings or a policy before the first click: the badge may be red for
/// ChatGPT, and a title about LinkedIn alone would not say why).
fn remembered(memory: &Memory, stored: &Stored) -> BadgeModel {
    let setting = by_id(primary());
    let sites = enabled_sites(stored);
    let badge = sites_badge(&sites, memory, stored.now_ms, stored.options.recheck_days);
    if memory.popup_took_over() || sites.len() > 1 {
        badge
    } else {
        opening_setting(badge, setting)
    }
}

fn refresh(memory: &Memory, stored: &Stored, out: &mut Vec<Effect>) {
    out.push(Effect::SetActionPopup { popup: memory.popup_took_over() });
    let badge = remembered(memory, stored);
    out.push(Effect::SetBadge { tab: None, badge: badge.clone() });
    if !stored.followers.is_empty() {
        out.push(Effect::SetFollowerBadges { tabs: stored.followers.clone(), badge });
    }
    // The next moment the remembered badge changes by itself: a reading of an enabled site's
    // primary setting turns old, or a pending change turns "not confirmed".
    let next = enabled_sites(stored)
        .into_iter()
        .map(|site| site.primary().id)
        .flat_map(|id| {
            let expiry = memory.pending_change(id).map(|p| p.expires_at_ms());
            [memory.stale_at(id, stored.options.recheck_days), expiry]
        })
        .flatten()
        .filter(|&at| at > stored.now_ms)
        .reduce(f64::min);
    match next {
        Some(at_ms) => out.push(Effect::ScheduleStaleAlarm { at_ms }),
        None => out.push(Effect::ClearStaleAlarm),
    }
}

fn content(message: ContentMessage, tab: TabId, stored: &Stored, memory: &mut Memory, out: &mut Vec<Effect>) {
    match message {
        ContentMessage::LeftSettingPage => {
            out.push(Effect::RemoveLive { tab });
            // Not a follower first: where the reset fails, the shell's `TabBadgeNotReset` then
            // reads this list and adds the tab back last.
            follow(&stored.followers, tab, false, out);
            out.push(Effect::ResetTabBadge { tab, fallback: remembered(memory, stored) });
        }
        ContentMessage::PhaseChanged { setting, phase, reading, change, label_seen } => {
            out.push(Effect::StoreLive { tab, live: Live { setting, phase } });
            follow(&stored.followers, tab, false, out);
            let recorded = memory.record(setting, phase, reading, change, stored.now_ms);
            // The site's changed wording goes with the change it was seen at.
            let noted = change == ChangeNote::Verified
                && label_seen.as_deref().is_some_and(|label| memory.note_label_seen(setting, label));
            if recorded || noted {
                out.push(Effect::StoreMemory { memory: memory.clone() });
            }
            out.push(Effect::SetBadge { tab: Some(tab), badge: badge_model(by_id(setting), Some(phase)) });
        }
        ContentMessage::NeedFallback => out.push(Effect::InjectFallback { tab }),
        ContentMessage::NeedModule => out.push(Effect::SendModule),
        ContentMessage::BannerDismissed { setting, reading } => {
            if memory.dismiss(setting, reading, stored.now_ms) {
                out.push(Effect::StoreMemory { memory: memory.clone() });
            }
        }
        ContentMessage::UndoOffered { setting } => {
            if memory.consume_undo(setting) {
                out.push(Effect::StoreMemory { memory: memory.clone() });
            }
        }
    }
}

/// Adds or removes `tab` from the followers, writing them only when that changes them.
fn follow(followers: &[TabId], tab: TabId, follows: bool, out: &mut Vec<Effect>) {
    let mut next: Vec<TabId> = followers.iter().copied().filter(|&t| t != tab).collect();
    if follows {
        next.push(tab);
    }
    if next != followers {
        out.push(Effect::StoreFollowers { followers: next });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::StoredMemory;
    use crate::vocab::SwitchState;

    const NOW: f64 = 1_800_000_000_000.0;
    const DAY_MS: f64 = 86_400_000.0;

    fn stored() -> Stored {
        let (memory, memory_status) = Memory::load(None);
        Stored {
            memory,
            memory_status,
            options: Options::load(None),
            notice: None,
            followers: vec![],
            granted: vec![],
            now_ms: NOW,
        }
    }

    fn phase(setting: SettingId, phase: Phase, reading: Option<SwitchState>, change: ChangeNote) -> Event {
        Event::Content {
            message: ContentMessage::PhaseChanged { setting, phase, reading, change, label_seen: None },
            tab: 7,
        }
    }

    fn stored_memory(effects: &[Effect]) -> Option<&Memory> {
        effects.iter().find_map(|e| match e {
            Effect::StoreMemory { memory } => Some(memory),
            _ => None,
        })
    }

    #[test]
    fn a_reading_is_remembered_before_the_tab_badge_shows_it() {
        let effects =
            handle(phase(SettingId::AiTraining, Phase::On, Some(SwitchState::On), ChangeNote::None), stored());
        let live = Live { setting: SettingId::AiTraining, phase: Phase::On };
        assert_eq!(effects[0], Effect::StoreLive { tab: 7, live });
        let store = effects.iter().position(|e| matches!(e, Effect::StoreMemory { .. })).unwrap();
        let badge = effects.iter().position(|e| matches!(e, Effect::SetBadge { tab: Some(7), .. })).unwrap();
        assert!(store < badge, "{effects:?}");
        let memory = stored_memory(&effects).unwrap();
        assert_eq!(memory.seen(SettingId::AiTraining).map(|s| s.phase()), Some(Phase::On));
        match &effects[badge] {
            Effect::SetBadge { badge, .. } => assert_eq!(badge.text.key, "badge_on"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_report_without_a_reading_writes_no_memory_but_still_shows_on_the_tab() {
        let effects = handle(phase(SettingId::AiTraining, Phase::Switching, None, ChangeNote::None), stored());
        assert!(stored_memory(&effects).is_none(), "{effects:?}");
        assert!(effects.iter().any(|e| matches!(e, Effect::SetBadge { tab: Some(7), .. })));
    }

    #[test]
    fn a_press_is_remembered_as_pending_and_the_badge_never_shows_the_old_reading() {
        let mut s = stored();
        s.memory.record(SettingId::AiTraining, Phase::On, Some(SwitchState::On), ChangeNote::None, NOW - 1.0);
        let effects = handle(
            phase(SettingId::AiTraining, Phase::Switching, None, ChangeNote::Pressed(SwitchState::Off)),
            s.clone(),
        );
        let memory = stored_memory(&effects).expect("the press is stored").clone();
        assert_eq!(memory.pending_change(SettingId::AiTraining).map(|p| p.to), Some(SwitchState::Off));
        // the tab leaves the page before the result: its badge falls back to the remembered one,
        // which says "being checked", not ON
        let after = Stored { memory: memory.clone(), memory_status: LoadStatus::Current, ..s.clone() };
        let left = handle(Event::Content { message: ContentMessage::LeftSettingPage, tab: 7 }, after.clone());
        let fallback = left.iter().find_map(|e| match e {
            Effect::ResetTabBadge { fallback, .. } => Some(fallback.clone()),
            _ => None,
        });
        assert_eq!(fallback.map(|b| (b.text.key, b.title.key)), Some(("badge_switching", "badgeTitle_pending")));
        // the refresh schedules the alarm for when it turns "not confirmed"
        let refresh = handle(Event::Refresh, after.clone());
        let expiry = memory.pending_change(SettingId::AiTraining).unwrap().expires_at_ms();
        assert!(refresh.contains(&Effect::ScheduleStaleAlarm { at_ms: expiry }), "{refresh:?}");
        let later = handle(Event::Refresh, Stored { now_ms: expiry + 1.0, ..after });
        match &later[1] {
            Effect::SetBadge { tab: None, badge } => assert_eq!(badge.title.key, "badgeTitle_notConfirmed"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_first_click_after_install_opens_the_setting_and_hands_the_button_to_the_popup() {
        let fresh = handle(Event::Refresh, stored());
        assert_eq!(fresh[0], Effect::SetActionPopup { popup: false });
        let Effect::SetBadge { tab: None, badge } = &fresh[1] else { panic!("{fresh:?}") };
        assert_eq!((badge.text.key, badge.title.key), ("badge_notChecked", "badgeTitle_firstClick"));
        // clicked on a LinkedIn tab: that tab goes to the setting
        let feed = Some("https://www.linkedin.com/feed/".to_string());
        let effects = handle(Event::ActionClicked { tab: Some(4), url: feed }, stored());
        let memory = stored_memory(&effects).expect("remembered before anything else");
        assert_eq!(memory.popup_since_ms, Some(NOW));
        assert!(matches!(effects[0], Effect::StoreMemory { .. }));
        assert!(effects.contains(&Effect::SetActionPopup { popup: true }));
        let url = crate::catalog::primary().url();
        assert_eq!(effects.last(), Some(&Effect::OpenSetting { url: url.clone(), tab: Some(4) }));
        // elsewhere (no URL readable): a new tab
        let effects = handle(Event::ActionClicked { tab: Some(4), url: None }, stored());
        assert_eq!(effects.last(), Some(&Effect::OpenSetting { url, tab: None }));
        // once taken over, a click that still reaches the background opens the popup, nothing else
        let after = Stored { memory: memory.clone(), memory_status: LoadStatus::Current, ..stored() };
        assert_eq!(handle(Event::ActionClicked { tab: Some(4), url: None }, after.clone()), vec![Effect::OpenPopup]);
        let Effect::SetBadge { badge, .. } = &handle(Event::Refresh, after)[1] else { panic!() };
        assert_eq!(badge.title.key, "badgeTitle_notChecked");
    }

    #[test]
    fn an_unknown_report_also_hands_the_button_to_the_popup() {
        let effects = handle(phase(SettingId::AiTraining, Phase::Unknown, None, ChangeNote::None), stored());
        let memory = stored_memory(&effects).expect("the hand-over is stored");
        assert!(memory.popup_took_over() && memory.settings.is_empty());
    }

    #[test]
    fn effects_are_camel_case_on_the_wire_fields_included() {
        // The shell reads `e.atMs`: a snake_case field made every stale alarm NaN (found at d2de860).
        let v = serde_json::to_value(Effect::ScheduleStaleAlarm { at_ms: 5.0 }).unwrap();
        assert_eq!(v, serde_json::json!({"effect": "scheduleStaleAlarm", "atMs": 5.0}));
        let v = serde_json::to_value(Effect::InjectFallback { tab: 2 }).unwrap();
        assert_eq!(v, serde_json::json!({"effect": "injectFallback", "tab": 2}));
    }

    #[test]
    fn a_content_script_without_wasm_gets_the_fallback_injected_and_nothing_else() {
        let effects = handle(Event::Content { message: ContentMessage::NeedFallback, tab: 3 }, stored());
        assert_eq!(effects, vec![Effect::InjectFallback { tab: 3 }]);
    }

    #[test]
    fn a_content_script_asking_for_its_module_gets_the_bytes_and_nothing_else() {
        let message: ContentMessage = serde_json::from_value(serde_json::json!({"type": "needModule"})).unwrap();
        let effects = handle(Event::Content { message, tab: 3 }, stored());
        assert_eq!(effects, vec![Effect::SendModule]);
        assert_eq!(serde_json::to_value(&effects[0]).unwrap(), serde_json::json!({"effect": "sendModule"}));
    }

    #[test]
    fn unreadable_memory_is_reset_and_the_popup_told_once() {
        let (memory, memory_status) = Memory::load(Some(Err(crate::memory::DecodeError::Malformed)));
        assert_eq!(memory_status, LoadStatus::Reset);
        let s = Stored { memory, memory_status, ..stored() };
        let effects = handle(Event::Popup(PopupMessage::PopupOpened), s.clone());
        assert!(matches!(effects[0], Effect::StoreMemory { .. }));
        assert_eq!(effects[1], Effect::StoreNotice { notice: Notice::MemoryReset });
        assert!(matches!(
            effects.last(),
            Some(Effect::Reply { reply: Some(PopupReply::Opened { memory_was_reset: true, .. }) })
        ));
        // The next opening, with the memory now readable and the notice stored: told, then cleared.
        let next = Stored { memory_status: LoadStatus::Current, notice: Some(Notice::MemoryReset), ..s };
        let effects = handle(Event::Popup(PopupMessage::PopupOpened), next.clone());
        assert_eq!(effects[0], Effect::RemoveNotice);
        assert!(matches!(effects[1], Effect::Reply { reply: Some(PopupReply::Opened { memory_was_reset: true, .. }) }));
        let after = handle(Event::Popup(PopupMessage::PopupOpened), Stored { notice: None, ..next });
        assert_eq!(after.len(), 1);
        assert!(matches!(after[0], Effect::Reply { reply: Some(PopupReply::Opened { memory_was_reset: false, .. }) }));
    }

    #[test]
    fn a_v1_memory_is_migrated_and_written_back_first() {
        let v1: crate::memory::MemoryV1 = serde_json::from_value(serde_json::json!({
            "version": 1, "aiTraining": { "state": "off", "seenAtMs": NOW - DAY_MS, "verifiedByUs": false }
        }))
        .unwrap();
        let (memory, memory_status) = Memory::load(Some(Ok(StoredMemory::V1(v1))));
        assert_eq!(memory_status, LoadStatus::Migrated);
        let effects = handle(Event::Refresh, Stored { memory, memory_status, ..stored() });
        assert!(matches!(effects[0], Effect::StoreMemory { .. }), "{effects:?}");
    }

    #[test]
    fn refresh_sets_the_remembered_badge_for_every_follower_and_schedules_the_stale_alarm() {
        let mut s = stored();
        let first =
            handle(phase(SettingId::AiTraining, Phase::Off, Some(SwitchState::Off), ChangeNote::None), s.clone());
        s.memory = stored_memory(&first).unwrap().clone();
        s.followers = vec![3, 9];
        let effects = handle(Event::Refresh, s.clone());
        assert_eq!(effects[0], Effect::SetActionPopup { popup: true }, "a reading hands the button to the popup");
        let Effect::SetBadge { tab: None, badge } = &effects[1] else { panic!("{effects:?}") };
        assert_eq!(badge.text.key, "badge_off");
        assert_eq!(effects[2], Effect::SetFollowerBadges { tabs: vec![3, 9], badge: badge.clone() });
        let at = NOW + f64::from(s.options.recheck_days) * DAY_MS;
        assert_eq!(effects[3], Effect::ScheduleStaleAlarm { at_ms: at });
        // Past the period: the badge says old and no alarm is left.
        let later = handle(Event::Refresh, Stored { now_ms: at + 1.0, ..s });
        let Effect::SetBadge { badge, .. } = &later[1] else { panic!() };
        assert_eq!(badge.text.key, "badge_stale");
        assert_eq!(later.last(), Some(&Effect::ClearStaleAlarm));
    }

    #[test]
    fn a_tab_that_leaves_a_setting_page_gets_the_remembered_badge_back_and_follows_only_if_it_must() {
        let s = Stored { followers: vec![7], ..stored() };
        let effects = handle(Event::Content { message: ContentMessage::LeftSettingPage, tab: 7 }, s.clone());
        assert_eq!(effects[0], Effect::RemoveLive { tab: 7 });
        assert_eq!(effects[1], Effect::StoreFollowers { followers: vec![] });
        assert!(matches!(effects[2], Effect::ResetTabBadge { tab: 7, .. }));
        let not_reset = handle(Event::TabBadgeNotReset(7), Stored { followers: vec![], ..s });
        assert_eq!(not_reset, vec![Effect::StoreFollowers { followers: vec![7] }]);
        assert_eq!(handle(Event::TabBadgeNotReset(7), Stored { followers: vec![7], ..stored() }), vec![]);
    }

    /// Carries out `event` the way the shell does, on a store holding only `followers`: effects
    /// in order, `StoreFollowers` written at once, a failed badge reset answered by the nested
    /// `TabBadgeNotReset` event read from the store as it then is. Returns the final followers.
    fn followers_after(event: Event, followers: Vec<TabId>, reset_works: bool) -> Vec<TabId> {
        let mut store = followers;
        let mut queue = vec![event];
        while let Some(event) = queue.pop() {
            for effect in handle(event, Stored { followers: store.clone(), ..stored() }) {
                match effect {
                    Effect::StoreFollowers { followers } => store = followers,
                    Effect::ResetTabBadge { tab, .. } if !reset_works => {
                        for nested in
                            handle(Event::TabBadgeNotReset(tab), Stored { followers: store.clone(), ..stored() })
                        {
                            if let Effect::StoreFollowers { followers } = nested {
                                store = followers;
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        store
    }

    #[test]
    fn a_tab_that_leaves_again_where_its_badge_cannot_be_reset_still_follows() {
        let left = || Event::Content { message: ContentMessage::LeftSettingPage, tab: 7 };
        // Chromium: the reset fails, so the tab follows, however often it leaves.
        assert_eq!(followers_after(left(), vec![], false), vec![7]);
        assert_eq!(followers_after(left(), vec![7], false), vec![7]);
        assert_eq!(followers_after(left(), vec![3, 7], false), vec![3, 7]);
        // Firefox: the reset works, so it follows nothing.
        assert_eq!(followers_after(left(), vec![7], true), Vec::<TabId>::new());
    }

    #[test]
    fn followers_that_are_gone_or_closed_are_dropped() {
        let s = Stored { followers: vec![1, 2, 3], ..stored() };
        assert_eq!(
            handle(Event::FollowersGone(vec![2]), s.clone()),
            vec![Effect::StoreFollowers { followers: vec![1, 3] }]
        );
        assert_eq!(handle(Event::FollowersGone(vec![8]), s.clone()), vec![]);
        let closed = handle(Event::TabRemoved(1), s);
        assert_eq!(closed, vec![Effect::RemoveLive { tab: 1 }, Effect::StoreFollowers { followers: vec![2, 3] }]);
    }

    #[test]
    fn forgetting_a_site_stores_the_memory_without_it_and_ignores_other_patterns() {
        let mut s = stored();
        s.memory.record(SettingId::ImproveModel, Phase::Off, Some(SwitchState::Off), ChangeNote::None, NOW - 1.0);
        s.memory.record(SettingId::AiTraining, Phase::Off, Some(SwitchState::Off), ChangeNote::None, NOW - 1.0);
        let forget = |pattern: &str| Event::Popup(PopupMessage::ForgetSite { host_pattern: pattern.into() });
        let effects = handle(forget("https://chatgpt.com/*"), s.clone());
        let memory = stored_memory(&effects).expect("stored");
        assert_eq!(memory.seen(SettingId::ImproveModel), None);
        assert!(memory.seen(SettingId::AiTraining).is_some());
        assert_eq!(effects.last(), Some(&Effect::Reply { reply: None }));
        // LinkedIn is asked for at install: never forgotten this way; unknown patterns neither.
        for other in ["https://www.linkedin.com/*", "https://example.com/*", ""] {
            assert_eq!(handle(forget(other), s.clone()), vec![Effect::Reply { reply: None }], "{other}");
        }
    }

    #[test]
    fn undo_requests_are_answered_with_the_page_or_nothing() {
        assert_eq!(
            handle(Event::Popup(PopupMessage::RequestUndo { change: 1 }), stored()),
            vec![Effect::Reply { reply: None }]
        );
        let mut s = stored();
        let switched = handle(
            phase(SettingId::Research, Phase::Verified, Some(SwitchState::Off), ChangeNote::Verified),
            s.clone(),
        );
        s.memory = stored_memory(&switched).unwrap().clone();
        let change = s.memory.history.first().map(|c| c.id).unwrap();
        let effects = handle(Event::Popup(PopupMessage::RequestUndo { change }), s);
        assert!(matches!(effects[0], Effect::StoreMemory { .. }));
        let url = by_id(SettingId::Research).url();
        assert_eq!(effects[1], Effect::Reply { reply: Some(PopupReply::UndoStarted { url }) });
    }

    #[test]
    fn url_changes_are_passed_to_the_tab_and_the_sender_checks_hold() {
        let changed = |url: &str, loading| Event::TabUrlChanged { tab: 4, url: url.into(), loading };
        let told = Effect::SendToTab { tab: 4, message: BackgroundMessage::UrlChanged };
        assert_eq!(handle(changed("https://www.linkedin.com/feed/", false), stored()), vec![told.clone()]);
        let setting = by_id(SettingId::AiTraining).url();
        assert_eq!(
            handle(changed(&setting, false), stored()),
            vec![Effect::InjectContentScript { tab: 4 }, told.clone()],
            "entered in-app: the content script is injected first"
        );
        assert_eq!(handle(changed(&setting, true), stored()), vec![told], "loading: wait for complete");
        let complete = |url: &str| Event::TabComplete { tab: 4, url: url.into() };
        assert_eq!(handle(complete(&setting), stored()), vec![Effect::InjectContentScript { tab: 4 }]);
        assert_eq!(
            handle(complete("https://www.linkedin.com/feed/"), stored()),
            vec![],
            "nothing off a setting's page"
        );
        let good = Sender {
            url: Some("https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement".into()),
            frame_id: Some(0),
            from_self: true,
            tab: Some(4),
        };
        assert_eq!(accept_content_message(&good), Some(4));
        assert_eq!(accept_content_message(&Sender { frame_id: Some(3), ..good.clone() }), None);
        assert_eq!(accept_content_message(&Sender { from_self: false, ..good.clone() }), None);
        assert_eq!(accept_content_message(&Sender { url: Some("https://example.com/".into()), ..good.clone() }), None);
        assert_eq!(accept_content_message(&Sender { tab: None, ..good }), None);
        let popup = "chrome-extension://x/popup.html";
        assert!(accept_popup_message(&Sender { url: Some(popup.into()), from_self: true, ..Sender::default() }, popup));
        assert!(!accept_popup_message(
            &Sender { url: Some(popup.into()), from_self: false, ..Sender::default() },
            popup
        ));
    }

    #[test]
    fn the_sites_asked_for_at_use_are_registered_while_granted_and_only_then() {
        let gpt = || vec!["https://chatgpt.com/*".to_string()];
        let linkedin = "https://www.linkedin.com/*".to_string();
        let script = SiteScript {
            id: "site:https://chatgpt.com".into(),
            matches: vec!["https://chatgpt.com/settings/*".into()],
        };
        // Granted, not registered: registered, for the settings app's root only.
        assert_eq!(align_sites(&gpt(), &[]), (vec![script.clone()], vec![]));
        // Already registered: nothing to do (a second registration of an id fails).
        assert_eq!(align_sites(&gpt(), std::slice::from_ref(&script.id)), (vec![], vec![]));
        // Removed: unregistered. LinkedIn's permission never registers anything (its content
        // script is the manifest's), and ids that are not ours are left alone.
        let others = vec![script.id.clone(), "someone-else".to_string()];
        assert_eq!(align_sites(std::slice::from_ref(&linkedin), &others), (vec![], vec![script.id.clone()]));
        // A registration left by a site no longer in the catalog goes too.
        assert_eq!(
            align_sites(&gpt(), &[script.id.clone(), "site:https://gone.example".into()]).1,
            vec!["site:https://gone.example"]
        );
        // A wider or narrower grant is not the site's host pattern: not granted.
        assert_eq!(
            align_sites(&["https://chatgpt.com/settings/*".into(), "https://*.chatgpt.com/*".into()], &[]),
            (vec![], vec![])
        );
        // Through handle: unregister first, then register.
        let effects = handle(
            Event::SitesChanged { granted: gpt(), registered: vec!["site:https://gone.example".into()] },
            stored(),
        );
        assert_eq!(
            effects[..2],
            [
                Effect::UnregisterContentScripts { ids: vec!["site:https://gone.example".into()] },
                Effect::RegisterContentScripts { scripts: vec![script] },
            ]
        );
        // …then the remembered badge, which now summarises LinkedIn and ChatGPT (neither checked).
        let global = |effects: &[Effect]| {
            effects.iter().find_map(|e| match e {
                Effect::SetBadge { tab: None, badge } => Some(badge.clone()),
                _ => None,
            })
        };
        let summary = global(&effects).expect("the remembered badge");
        assert_eq!(summary.title.key, "badgeTitle_sites", "before the popup took over too: every site's state");
        let mut took_over = stored();
        took_over.memory.hand_over_to_popup(NOW);
        let summary =
            global(&handle(Event::SitesChanged { granted: gpt(), registered: vec![] }, took_over.clone())).unwrap();
        assert_eq!((summary.text.key, summary.title.key), ("badge_notChecked", "badgeTitle_sites"));
        // ChatGPT removed: LinkedIn's own badge again, the same as a refresh with nothing granted.
        let alone =
            global(&handle(Event::SitesChanged { granted: vec![linkedin], registered: vec![] }, took_over.clone()));
        assert_eq!(alone, global(&handle(Event::Refresh, took_over)));
        assert_eq!(alone.unwrap().title.key, "badgeTitle_notChecked");
    }

    #[test]
    fn the_stale_alarm_follows_every_enabled_sites_primary_setting() {
        use crate::catalog::SettingId;
        let mut s = stored();
        s.memory.hand_over_to_popup(NOW);
        s.memory.record(SettingId::AiTraining, Phase::Off, Some(SwitchState::Off), ChangeNote::None, NOW);
        s.memory.record(
            SettingId::ImproveModel,
            Phase::Off,
            Some(SwitchState::Off),
            ChangeNote::None,
            NOW - 10.0 * DAY_MS,
        );
        let alarm = |s: &Stored| {
            handle(Event::Refresh, s.clone()).into_iter().find_map(|e| match e {
                Effect::ScheduleStaleAlarm { at_ms } => Some(at_ms),
                _ => None,
            })
        };
        let days = f64::from(s.options.recheck_days);
        assert_eq!(alarm(&s), Some(NOW + days * DAY_MS), "ChatGPT not enabled: LinkedIn's reading only");
        s.granted = vec!["https://chatgpt.com/*".into()];
        assert_eq!(alarm(&s), Some(NOW - 10.0 * DAY_MS + days * DAY_MS), "ChatGPT's older reading first");
    }
}
