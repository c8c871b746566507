//! What the extension remembers in `storage.local`: per setting, the last state it read and when;
//! the history of the changes it made (for undo); a pending undo request; and the user's options.
//!
//! Schema history: v1 (`{version: 1, aiTraining: Seen | null}`, the walking skeleton) and v2 (one
//! pending change for the whole memory) are migrated to v3 (a pending change per setting, so that
//! a press on one site's page never drops another's) on load. Anything else unreadable is reset
//! and the user told once.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::catalog::{by_id, SettingId};
use crate::flow::ChangeNote;
use crate::vocab::{Phase, SwitchState};

/// Current schema version of [`Memory`].
pub const MEMORY_VERSION: u32 = 3;
/// One day, in ms.
pub const DAY_MS: f64 = 86_400_000.0;
/// The history keeps at most this many changes (the oldest are dropped).
pub const HISTORY_MAX: usize = 50;
/// Change ids stay below this (a memory claiming more is unreadable), so the next id never
/// overflows.
pub const MAX_CHANGE_ID: u32 = 1_000_000_000;
/// The latest moment a JavaScript `Date` can show, in ms since the epoch (ECMA-262 §21.4.1.1).
pub const MAX_TIME_MS: f64 = 8.64e15;

/// True for a moment a `Date` can show: finite and within ±[`MAX_TIME_MS`].
pub fn is_valid_time(ms: f64) -> bool {
    ms.is_finite() && ms.abs() <= MAX_TIME_MS
}

/// An undo request is honoured on the setting's page for this long after the user asked, in ms.
pub const UNDO_REQUEST_TTL_MS: f64 = 30.0 * 60_000.0;

/// A change of ours stays pending this long after our click, in ms: a later visit of the setting
/// that reads the switch at its target within this time verifies it (and the history records
/// it); after that, it is "not confirmed" until the setting is read again, and no reading
/// credits it to us.
pub const PENDING_TTL_MS: f64 = 30.0 * 60_000.0;

/// Our click was made on a setting's page, but the visit ended before its result could be read
/// (the person went back, the tab closed): the change waits for the next reading.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PendingChange {
    /// The setting whose switch was clicked.
    pub setting: SettingId,
    /// The state the click moves it to.
    pub to: SwitchState,
    /// When the button was pressed, ms since the Unix epoch.
    pub pressed_at_ms: f64,
}

impl PendingChange {
    /// True while a reading at `now_ms` may still verify it ([`PENDING_TTL_MS`]).
    pub fn is_fresh(&self, now_ms: f64) -> bool {
        let age = now_ms - self.pressed_at_ms;
        (0.0..=PENDING_TTL_MS).contains(&age)
    }

    /// When it stops being fresh, ms since the epoch.
    pub fn expires_at_ms(&self) -> f64 {
        self.pressed_at_ms + PENDING_TTL_MS
    }
}

/// The site probably moved a setting by itself: Opt-Out Guard changed a setting the catalog
/// couples it with ([`crate::catalog::Coupling`]), so its remembered reading no longer stands
/// until it is read again.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CoupledChange {
    /// The setting Opt-Out Guard changed.
    pub by: SettingId,
    /// The state the site probably moved this one to; `None` when it may have changed either way
    /// (the coupled change was undone, and the site may not move this one back by itself).
    pub likely: Option<SwitchState>,
    /// When the change of `by` was verified, ms since the Unix epoch.
    pub at_ms: f64,
}

/// The person dismissed a setting's banner ("Not now", "Dismiss"): later visits that show the
/// same reading keep it hidden, for the re-check period.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Dismissal {
    /// The reading the banner stood for (`None`: no definite one, e.g. unknown).
    pub reading: Option<SwitchState>,
    /// When it was dismissed, ms since the Unix epoch.
    pub at_ms: f64,
}

/// The last state seen of one setting.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Seen {
    /// The switch's position at that reading.
    pub state: SwitchState,
    /// When it was read, in ms since the Unix epoch.
    pub seen_at_ms: f64,
    /// True when Opt-Out Guard moved it to its private state itself and verified the result,
    /// and it has read the same since.
    pub verified_by_us: bool,
}

impl Seen {
    /// The phase this reading stands for (`On` or `Off`).
    pub fn phase(&self) -> Phase {
        self.state.into()
    }

    /// True when the reading is older than `recheck_days` at `now_ms`: the user should check
    /// again, since LinkedIn has switched settings on silently before (docs/evidence/linkedin.md §4.1).
    /// A reading dated more than a day after `now_ms` is stale too: the clock was wrong when it
    /// was taken (or is wrong now), and it must not hold off the re-check.
    pub fn is_stale(&self, now_ms: f64, recheck_days: u32) -> bool {
        now_ms - self.seen_at_ms > recheck_days as f64 * DAY_MS || self.seen_at_ms - now_ms > DAY_MS
    }

    /// When the reading turns stale, ms since the epoch.
    pub fn stale_at(&self, recheck_days: u32) -> f64 {
        self.seen_at_ms + recheck_days as f64 * DAY_MS
    }
}

/// One change Opt-Out Guard made and verified.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Change {
    /// Unique within the memory, increasing.
    pub id: u32,
    /// The setting whose switch was moved.
    pub setting: SettingId,
    /// The state the switch was moved to.
    pub to: SwitchState,
    /// When the change was verified, ms since the Unix epoch.
    pub at_ms: f64,
    /// When a later reading showed it moved back (by our undo or otherwise), ms since the epoch.
    pub undone_at_ms: Option<f64>,
    /// The switch's label as the page showed it when the site's wording matched none known for
    /// the page's language ([`crate::detect::Wording::Changed`]), at most
    /// [`crate::detect::LABEL_SEEN_MAX_CHARS`] characters; absent on the wire when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_seen: Option<String>,
}

/// The user asked, in the popup, to undo change `change`: the setting's page offers to switch it
/// back.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UndoRequest {
    /// The [`Change::id`] to undo; it must be in the history.
    pub change: u32,
    /// The setting of that change (must equal its `Change::setting`).
    pub setting: SettingId,
    /// ms since the Unix epoch.
    pub requested_at_ms: f64,
}

impl UndoRequest {
    /// True while the request should still be honoured at `now_ms`.
    pub fn is_fresh(&self, now_ms: f64) -> bool {
        let age = now_ms - self.requested_at_ms;
        (0.0..=UNDO_REQUEST_TTL_MS).contains(&age)
    }
}

/// The whole stored memory (`storage.local` key `memory`), schema v3.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Memory {
    /// Schema version: [`MEMORY_VERSION`] (3); 1 and 2 are migrated, anything else is reset on load.
    pub version: u32,
    /// Last reading per setting.
    pub settings: BTreeMap<SettingId, Seen>,
    /// Changes made by Opt-Out Guard, oldest first, at most [`HISTORY_MAX`].
    pub history: Vec<Change>,
    /// The pending undo request; `None` when the user has not asked for one.
    pub undo: Option<UndoRequest>,
    /// Changes of ours not read yet ([`PendingChange`]), by setting (each entry's `setting` is its
    /// key); absent on the wire when empty.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub pending: BTreeMap<SettingId, PendingChange>,
    /// Settings the site probably moved by itself, by setting ([`CoupledChange`]); absent on the
    /// wire when empty.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub coupled: BTreeMap<SettingId, CoupledChange>,
    /// Banners the person dismissed, by setting ([`Dismissal`]); absent on the wire when empty.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub dismissed: BTreeMap<SettingId, Dismissal>,
    /// When the popup took over the toolbar button (ms since the Unix epoch): the first click on
    /// the button, or the first report from a setting's page with a verdict (`unknown` counts).
    /// Until then a click opens the primary setting's page directly ([`Memory::popup_took_over`]);
    /// absent on the wire when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub popup_since_ms: Option<f64>,
}

/// Schema v1, read only to migrate it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MemoryV1 {
    /// Schema version: 1 (anything else is not migrated but reset).
    pub version: u32,
    /// The last reading of the AI-training setting; `None` before the first one.
    pub ai_training: Option<Seen>,
}

/// Schema v2, read only to migrate it: v3 with a single pending change for the whole memory.
/// A v2 memory without a pending change decodes as [`StoredMemory::Current`] (only its version
/// differs) and is migrated from there.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MemoryV2 {
    /// Schema version: 2 (anything else is not migrated but reset).
    pub version: u32,
    /// As [`Memory::settings`].
    pub settings: BTreeMap<SettingId, Seen>,
    /// As [`Memory::history`].
    pub history: Vec<Change>,
    /// As [`Memory::undo`].
    pub undo: Option<UndoRequest>,
    /// The one change of ours not read yet.
    #[serde(default)]
    pub pending: Option<PendingChange>,
    /// As [`Memory::coupled`].
    #[serde(default)]
    pub coupled: BTreeMap<SettingId, CoupledChange>,
    /// As [`Memory::dismissed`].
    #[serde(default)]
    pub dismissed: BTreeMap<SettingId, Dismissal>,
    /// As [`Memory::popup_since_ms`].
    #[serde(default)]
    pub popup_since_ms: Option<f64>,
}

/// Whatever a stored memory decoded as.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum StoredMemory {
    /// A v3 memory (or a v2 one without a pending change), not yet checked ([`Memory::load`]
    /// checks its version and structure).
    Current(Memory),
    /// A v2 memory with a pending change, migrated to v3 by [`Memory::load`].
    V2(MemoryV2),
    /// A v1 memory, migrated to v3 by [`Memory::load`].
    V1(MemoryV1),
}

/// Why a stored value (a memory or the options) could not be decoded. Either way the caller
/// treats it as unreadable: a memory is reset, options fall back to the defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The memory's `version` is missing, not a number, or a schema this build does not know.
    UnknownVersion,
    /// The value does not have the shape of its schema (wrong types, missing or unknown fields).
    Malformed,
}

impl Default for Memory {
    fn default() -> Self {
        Memory {
            version: MEMORY_VERSION,
            settings: BTreeMap::new(),
            history: Vec::new(),
            undo: None,
            pending: BTreeMap::new(),
            coupled: BTreeMap::new(),
            dismissed: BTreeMap::new(),
            popup_since_ms: None,
        }
    }
}

/// What loading the stored memory found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum LoadStatus {
    /// Nothing stored yet.
    Empty,
    /// A memory of the current schema.
    Current,
    /// An older schema, migrated: the caller stores the result.
    Migrated,
    /// Something unreadable (corrupt, a schema this build does not know, e.g. written by a newer
    /// version): replaced by an empty memory. The user is told once, in the popup.
    Reset,
}

impl Memory {
    /// Interprets what `storage.local` holds under `memory`: `None` when the key is absent,
    /// `Some(Ok(m))` when it decoded as a known schema, `Some(Err(_))` when it did not.
    ///
    /// v1 → v3: the AI-training reading is kept; a v1 reading marked as verified by us becomes a
    /// history entry dated at that reading (at or after the change, the best time v1 kept), so it
    /// can be undone. v2 → v3: everything is kept; its one pending change becomes its setting's.
    /// A migrated memory that breaks v3's rules is reset, as a v3 one would be.
    pub fn load(stored: Option<Result<StoredMemory, DecodeError>>) -> (Memory, LoadStatus) {
        match stored {
            None => (Memory::default(), LoadStatus::Empty),
            Some(Ok(StoredMemory::Current(m))) if m.version == MEMORY_VERSION && m.is_valid() => {
                (m, LoadStatus::Current)
            }
            Some(Ok(StoredMemory::Current(m))) if m.version == 2 && m.pending.is_empty() => {
                Memory { version: MEMORY_VERSION, ..m }.migrated()
            }
            Some(Ok(StoredMemory::V2(v2))) if v2.version == 2 => Memory {
                version: MEMORY_VERSION,
                settings: v2.settings,
                history: v2.history,
                undo: v2.undo,
                pending: v2.pending.map(|p| (p.setting, p)).into_iter().collect(),
                coupled: v2.coupled,
                dismissed: v2.dismissed,
                popup_since_ms: v2.popup_since_ms,
            }
            .migrated(),
            Some(Ok(StoredMemory::V1(v1))) if v1.version == 1 => {
                let mut m = Memory::default();
                if let Some(seen) = v1.ai_training {
                    m.settings.insert(SettingId::AiTraining, seen);
                    if seen.verified_by_us && seen.state == SwitchState::Off {
                        m.history.push(Change {
                            id: 1,
                            setting: SettingId::AiTraining,
                            to: seen.state,
                            at_ms: seen.seen_at_ms,
                            undone_at_ms: None,
                            label_seen: None,
                        });
                    }
                }
                (m, LoadStatus::Migrated)
            }
            Some(_) => (Memory::default(), LoadStatus::Reset),
        }
    }

    /// An older schema's memory in v3's shape: `Migrated` when it keeps v3's rules, else reset.
    fn migrated(self) -> (Memory, LoadStatus) {
        if self.is_valid() {
            (self, LoadStatus::Migrated)
        } else {
            (Memory::default(), LoadStatus::Reset)
        }
    }

    /// Structural checks serde cannot make: unique change ids, a bounded history, an undo request
    /// that names a change of the same setting.
    fn is_valid(&self) -> bool {
        let ids_unique = self.history.windows(2).all(|w| w[0].id < w[1].id);
        let ids_bounded = self.history.iter().all(|c| c.id <= MAX_CHANGE_ID);
        let undo_ok = self.undo.is_none_or(|u| self.history.iter().any(|c| c.id == u.change && c.setting == u.setting));
        let times = self
            .settings
            .values()
            .map(|s| s.seen_at_ms)
            .chain(self.history.iter().flat_map(|c| [Some(c.at_ms), c.undone_at_ms]).flatten());
        let times_ok = times
            .chain(self.undo.map(|u| u.requested_at_ms))
            .chain(self.pending.values().map(|p| p.pressed_at_ms))
            .chain(self.coupled.values().map(|c| c.at_ms))
            .chain(self.dismissed.values().map(|d| d.at_ms))
            .chain(self.popup_since_ms)
            .all(is_valid_time);
        // A change is undone after it was made; only a private reading can be verified by us.
        let order_ok = self.history.iter().all(|c| c.undone_at_ms.is_none_or(|u| u >= c.at_ms));
        let verified_ok = self.settings.iter().all(|(id, s)| !s.verified_by_us || s.state == by_id(*id).private_state);
        let pending_ok = self.pending.iter().all(|(id, p)| p.setting == *id);
        ids_unique
            && ids_bounded
            && self.history.len() <= HISTORY_MAX
            && undo_ok
            && times_ok
            && order_ok
            && verified_ok
            && pending_ok
    }

    /// The last reading of `setting`.
    pub fn seen(&self, setting: SettingId) -> Option<Seen> {
        self.settings.get(&setting).copied()
    }

    /// Records a report from the setting's page at `now_ms`: the phase, the switch position it
    /// stands for (`reading`), and what it says about a change of ours (`change`). Returns true
    /// when the memory changed.
    ///
    /// - `Pressed`: our click was made; the change is pending ([`Memory::pending`]) until the
    ///   setting is read again.
    /// - Phases without a definite reading (waiting, switching, unknown) change nothing else: a
    ///   remembered state is only ever replaced by a state actually read from the page.
    /// - Any definite reading ends the pending change of its setting.
    /// - `Verified` adds the change to the history; `DidNotHold` withdraws the setting's latest
    ///   change (a change that did not hold within its visit is not a change); any other reading
    ///   that moves a setting away from the state of its latest change marks that change undone
    ///   (and ends a pending undo).
    /// - A recorded report, or any `unknown` (signed out, no such setting in the region), hands the
    ///   toolbar button to the popup ([`Memory::popup_since_ms`]).
    pub fn record(
        &mut self,
        setting: SettingId,
        phase: Phase,
        reading: Option<SwitchState>,
        change: ChangeNote,
        now_ms: f64,
    ) -> bool {
        if !is_valid_time(now_ms) {
            return false;
        }
        let recorded = self.record_reading(setting, phase, reading, change, now_ms);
        let took_over = (recorded || phase == Phase::Unknown) && self.hand_over_to_popup(now_ms);
        recorded || took_over
    }

    /// The popup takes over the toolbar button from `now_ms` unless it already has; true when
    /// that changed the memory.
    pub fn hand_over_to_popup(&mut self, now_ms: f64) -> bool {
        let first = self.popup_since_ms.is_none() && is_valid_time(now_ms);
        if first {
            self.popup_since_ms = Some(now_ms);
        }
        first
    }

    /// True once the popup has taken over the toolbar button; before, a click on it opens the
    /// primary setting's page directly (two clicks from install to switched off: issue 17).
    pub fn popup_took_over(&self) -> bool {
        self.popup_since_ms.is_some()
    }

    fn record_reading(
        &mut self,
        setting: SettingId,
        phase: Phase,
        reading: Option<SwitchState>,
        change: ChangeNote,
        now_ms: f64,
    ) -> bool {
        if let (Phase::Switching, ChangeNote::Pressed(to)) = (phase, change) {
            self.pending.insert(setting, PendingChange { setting, to, pressed_at_ms: now_ms });
            return true;
        }
        let Some(state) = reading else { return false };
        if matches!(phase, Phase::Waiting | Phase::Switching | Phase::Unknown) {
            return false;
        }
        // A plain reading must say what its phase says.
        if phase.reading().is_some_and(|r| r != state) {
            return false;
        }
        self.pending.remove(&setting);
        // Read again: whatever the site did to it by itself is now known.
        self.coupled.remove(&setting);
        let private = by_id(setting).private_state;
        let before = self.seen(setting);
        let still_ours = before.is_some_and(|b| b.verified_by_us && b.state == state);
        // One history entry per change: a repeated verified report of the state already verified
        // by us adds none.
        let ours_now = change == ChangeNote::Verified && phase == Phase::Verified && !(still_ours && state == private);
        let mut verified_by_us = state == private && (still_ours || ours_now);
        if change == ChangeNote::DidNotHold {
            self.withdraw_latest(setting, state);
            verified_by_us = state == private
                && self.latest_change(setting).is_some_and(|c| c.to == state && c.undone_at_ms.is_none());
        } else if let Some(last) = self.history.iter_mut().rev().find(|c| c.setting == setting) {
            // A reading away from the latest change's state: that change is undone.
            if last.to != state && last.undone_at_ms.is_none() {
                last.undone_at_ms = Some(now_ms);
            }
        }
        self.settings.insert(setting, Seen { state, seen_at_ms: now_ms, verified_by_us });
        if ours_now {
            self.mark_coupled(setting, state, now_ms);
            let id = self.history.last().map_or(1, |c| c.id + 1).min(MAX_CHANGE_ID);
            self.history.push(Change { id, setting, to: state, at_ms: now_ms, undone_at_ms: None, label_seen: None });
            if self.history.len() > HISTORY_MAX {
                let excess = self.history.len() - HISTORY_MAX;
                self.history.drain(..excess);
            }
        }
        if self.undo.is_some_and(|u| u.setting == setting && state != private) {
            self.undo = None;
        }
        if self.undo.is_some_and(|u| !self.history.iter().any(|c| c.id == u.change)) {
            self.undo = None;
        }
        true
    }

    /// Our verified change moved `setting` to `state`: every setting the catalog couples with it
    /// is marked as probably moved by the site (to the coupling's state when `state` is the one
    /// that triggers it; either way after the opposite move, e.g. an undo, since the site may not
    /// move it back by itself). Never a reading: the coupled switch is not read, let alone clicked.
    fn mark_coupled(&mut self, setting: SettingId, state: SwitchState, now_ms: f64) {
        for c in by_id(setting).couplings {
            let likely = (c.when == state).then_some(c.to);
            self.coupled.insert(c.also, CoupledChange { by: setting, likely, at_ms: now_ms });
        }
    }

    /// The person dismissed `setting`'s banner at `reading`, at `now_ms`. Returns true (the memory
    /// changed) unless `now_ms` is no time a `Date` can show.
    pub fn dismiss(&mut self, setting: SettingId, reading: Option<SwitchState>, now_ms: f64) -> bool {
        if !is_valid_time(now_ms) {
            return false;
        }
        self.dismissed.insert(setting, Dismissal { reading, at_ms: now_ms });
        true
    }

    /// The person asked, in the popup, to see `setting`'s banner again. Returns true when a
    /// dismissal was removed.
    pub fn show_banner_again(&mut self, setting: SettingId) -> bool {
        self.dismissed.remove(&setting).is_some()
    }

    /// `setting`'s dismissal while it holds at `now_ms`: within `recheck_days` of it (the period
    /// after which Opt-Out Guard asks to look again anyway), and not dated in the future by more
    /// than a day (a wrong clock).
    pub fn dismissal_for(&self, setting: SettingId, now_ms: f64, recheck_days: u32) -> Option<Dismissal> {
        self.dismissed.get(&setting).copied().filter(|d| {
            let age = now_ms - d.at_ms;
            age >= -DAY_MS && age <= recheck_days as f64 * DAY_MS
        })
    }

    /// The site's probable move of `setting` after a coupled change, until it is read again.
    pub fn coupled_change(&self, setting: SettingId) -> Option<CoupledChange> {
        self.coupled.get(&setting).copied()
    }

    fn latest_change(&self, setting: SettingId) -> Option<&Change> {
        self.history.iter().rev().find(|c| c.setting == setting)
    }

    /// `setting`'s latest change went back within its visit (the switch reads `state` again):
    /// the entry goes, and the change before it, if the switch reads its state again, is in
    /// effect again (no longer marked changed back).
    fn withdraw_latest(&mut self, setting: SettingId, state: SwitchState) {
        let Some(i) = self.history.iter().rposition(|c| c.setting == setting) else { return };
        if self.history[i].to == state || self.history[i].undone_at_ms.is_some() {
            return;
        }
        self.history.remove(i);
        if let Some(prev) = self.history.iter_mut().rev().find(|c| c.setting == setting) {
            if prev.to == state {
                prev.undone_at_ms = None;
            }
        }
    }

    /// Forgets everything remembered about `site`'s settings: their readings, their changes in
    /// the history, their pending changes, couplings that name them, their dismissals, and an
    /// undo request of one of them (the person turned the site off in the popup and chose to
    /// forget it). Other sites' entries stay as they are. Returns true when the memory changed.
    pub fn forget_site(&mut self, site: &crate::catalog::Site) -> bool {
        let of_site = |id: &SettingId| site.settings.iter().any(|s| s.id == *id);
        let before = self.clone();
        self.settings.retain(|id, _| !of_site(id));
        self.history.retain(|c| !of_site(&c.setting));
        self.pending.retain(|id, _| !of_site(id));
        self.coupled.retain(|id, c| !of_site(id) && !of_site(&c.by));
        self.dismissed.retain(|id, _| !of_site(id));
        if self.undo.is_some_and(|u| of_site(&u.setting)) {
            self.undo = None;
        }
        *self != before
    }

    /// The pending change of `setting` at `now_ms`, while it is fresh ([`PENDING_TTL_MS`]).
    pub fn pending_for(&self, setting: SettingId, now_ms: f64) -> Option<PendingChange> {
        self.pending_change(setting).filter(|p| p.is_fresh(now_ms))
    }

    /// The pending change of `setting`, fresh or not (a stale one is "not confirmed").
    pub fn pending_change(&self, setting: SettingId) -> Option<PendingChange> {
        self.pending.get(&setting).copied()
    }

    /// True when `setting` is known to be at its private state at `now_ms`: read so, within the
    /// re-check period of `recheck_days`. The privacy checkup (the popup's start and the banner's
    /// next link) skips such settings.
    pub fn known_private(&self, setting: SettingId, now_ms: f64, recheck_days: u32) -> bool {
        self.seen(setting).is_some_and(|s| s.state == by_id(setting).private_state && !s.is_stale(now_ms, recheck_days))
            && !self.pending.contains_key(&setting)
            && !self.coupled.contains_key(&setting)
    }

    /// The change the popup may offer to undo for `change_id`: the latest change of its setting,
    /// to the private state, not yet undone, and with no change of that setting pending (an undo
    /// already pressed waits for its reading).
    pub fn undoable(&self, change_id: u32) -> Option<Change> {
        let c = self.history.iter().find(|c| c.id == change_id)?.clone();
        let latest = self.history.iter().rev().find(|x| x.setting == c.setting)?;
        let pending = self.pending.contains_key(&c.setting);
        (latest.id == c.id && c.undone_at_ms.is_none() && c.to == by_id(c.setting).private_state && !pending)
            .then_some(c)
    }

    /// Records the user's request to undo `change_id` at `now_ms`. Returns the setting whose page
    /// to open, or `None` when that change cannot be undone (then nothing changes).
    pub fn request_undo(&mut self, change_id: u32, now_ms: f64) -> Option<SettingId> {
        let c = self.undoable(change_id)?;
        self.undo = Some(UndoRequest { change: c.id, setting: c.setting, requested_at_ms: now_ms });
        Some(c.setting)
    }

    /// The site's wording matched none known when `setting` was just changed (`label` as the page
    /// showed it, cut to [`crate::detect::LABEL_SEEN_MAX_CHARS`]): noted on its latest change,
    /// once. Returns true when the memory changed.
    pub fn note_label_seen(&mut self, setting: SettingId, label: &str) -> bool {
        let label: String = label.chars().take(crate::detect::LABEL_SEEN_MAX_CHARS).collect();
        match self.history.iter_mut().rev().find(|c| c.setting == setting) {
            Some(c) if c.undone_at_ms.is_none() && c.label_seen.is_none() && !label.is_empty() => {
                c.label_seen = Some(label);
                true
            }
            _ => false,
        }
    }

    /// The setting's page has offered the pending undo for `setting`: the request is used up
    /// (offered once; the popup can ask again). Returns true when the memory changed.
    pub fn consume_undo(&mut self, setting: SettingId) -> bool {
        if self.undo.is_some_and(|u| u.setting == setting) {
            self.undo = None;
            true
        } else {
            false
        }
    }

    /// When the remembered state of `setting` turns stale with a period of `recheck_days`, ms
    /// since the epoch; `None` when never checked.
    pub fn stale_at(&self, setting: SettingId, recheck_days: u32) -> Option<f64> {
        self.seen(setting).map(|s| s.stale_at(recheck_days))
    }

    /// The phase the remembered state of `setting` stands for: `None` when never checked.
    pub fn remembered_phase(&self, setting: SettingId) -> Option<Phase> {
        self.seen(setting).map(|s| s.phase())
    }
}

/// The user's options (`storage.local` key `options`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Options {
    /// After this many days a remembered state is stale (1–365; default 30).
    pub recheck_days: u32,
}

/// Why [`Options::parse_recheck_days`] rejected what the user typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecheckDaysError {
    /// Not a whole number of days after trimming (empty, a sign, a fraction, letters).
    NotANumber,
    /// A whole number outside [`RECHECK_DAYS_RANGE`] (1–365), including ones past `u32::MAX`.
    OutOfRange,
}

/// Default for [`Options::recheck_days`].
pub const DEFAULT_RECHECK_DAYS: u32 = 30;
/// Allowed range for [`Options::recheck_days`].
pub const RECHECK_DAYS_RANGE: std::ops::RangeInclusive<u32> = 1..=365;

impl Default for Options {
    fn default() -> Self {
        Options { recheck_days: DEFAULT_RECHECK_DAYS }
    }
}

impl Options {
    /// The stored options when they decode and are in range, else the defaults.
    pub fn load(stored: Option<Result<Options, DecodeError>>) -> Options {
        match stored {
            Some(Ok(o)) if RECHECK_DAYS_RANGE.contains(&o.recheck_days) => o,
            _ => Options::default(),
        }
    }

    /// Parses what the user typed as a day count: a whole number in [`RECHECK_DAYS_RANGE`],
    /// surrounding spaces allowed. A [`RecheckDaysError`] otherwise.
    pub fn parse_recheck_days(input: &str) -> Result<u32, RecheckDaysError> {
        let n: u32 = input.trim().parse().map_err(|e: std::num::ParseIntError| match e.kind() {
            std::num::IntErrorKind::PosOverflow => RecheckDaysError::OutOfRange,
            _ => RecheckDaysError::NotANumber,
        })?;
        if RECHECK_DAYS_RANGE.contains(&n) {
            Ok(n)
        } else {
            Err(RecheckDaysError::OutOfRange)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use SettingId::*;

    const T0: f64 = 1_700_000_000_000.0;

    #[test]
    fn a_press_is_pending_until_the_setting_is_read() {
        let mut m = Memory::default();
        m.record(AiTraining, Phase::On, Some(SwitchState::On), ChangeNote::None, T0);
        assert!(m.record(AiTraining, Phase::Switching, None, ChangeNote::Pressed(SwitchState::Off), T0 + 1.0));
        let p = m.pending_for(AiTraining, T0 + 2.0).unwrap();
        assert_eq!((p.setting, p.to, p.pressed_at_ms), (AiTraining, SwitchState::Off, T0 + 1.0));
        assert!(m.pending_for(Research, T0 + 2.0).is_none());
        assert!(m.pending_for(AiTraining, T0 + 1.0 + PENDING_TTL_MS + 1.0).is_none(), "expires");
        assert!(!m.known_private(AiTraining, T0 + 2.0, 30));
        // the next visit verifies it: one history entry, no longer pending
        m.record(AiTraining, Phase::Verified, Some(SwitchState::Off), ChangeNote::Verified, T0 + 60_000.0);
        assert_eq!(m.pending_change(AiTraining), None);
        assert_eq!(m.history.len(), 1);
        // any definite reading ends it, even one that says it did not go through
        m.record(AiTraining, Phase::Switching, None, ChangeNote::Pressed(SwitchState::Off), T0 + 70_000.0);
        m.record(AiTraining, Phase::On, Some(SwitchState::On), ChangeNote::None, T0 + 80_000.0);
        assert_eq!(m.pending_change(AiTraining), None);
        // a memory with a pending change survives its own round trip; one without writes no field
        m.record(Research, Phase::Switching, None, ChangeNote::Pressed(SwitchState::Off), T0 + 90_000.0);
        let v = serde_json::to_value(&m).unwrap();
        let back: Memory = serde_json::from_value(v).unwrap();
        assert_eq!(back, m);
        assert!(serde_json::to_value(Memory::default()).unwrap().get("pending").is_none());
    }

    #[test]
    fn a_coupled_setting_is_marked_probably_moved_until_read_again() {
        let mut m = Memory::default();
        m.record(PartnerSharing, Phase::On, Some(SwitchState::On), ChangeNote::None, T0);
        assert!(!m.known_private(PartnerSharing, T0, 30));
        m.record(AdsBeyondLinkedIn, Phase::Verified, Some(SwitchState::Off), ChangeNote::Verified, T0 + 1.0);
        let c = m.coupled_change(PartnerSharing).unwrap();
        assert_eq!((c.by, c.likely), (AdsBeyondLinkedIn, Some(SwitchState::Off)));
        assert_eq!(m.seen(PartnerSharing).map(|s| s.state), Some(SwitchState::On), "not a reading: nothing claims off");
        assert!(!m.known_private(PartnerSharing, T0 + 2.0, 30), "the checkup goes there");
        // undone: it may have changed either way
        m.record(AdsBeyondLinkedIn, Phase::Verified, Some(SwitchState::On), ChangeNote::Verified, T0 + 3.0);
        assert_eq!(m.coupled_change(PartnerSharing).map(|c| c.likely), Some(None));
        // read again: known
        m.record(PartnerSharing, Phase::Off, Some(SwitchState::Off), ChangeNote::None, T0 + 4.0);
        assert_eq!(m.coupled_change(PartnerSharing), None);
        assert!(m.known_private(PartnerSharing, T0 + 5.0, 30));
        // a plain reading of the coupling's source is not our change: nothing is marked
        let mut p = Memory::default();
        p.record(AdsBeyondLinkedIn, Phase::Off, Some(SwitchState::Off), ChangeNote::None, T0);
        assert!(p.coupled.is_empty());
        assert!(serde_json::to_value(&p).unwrap().get("coupled").is_none(), "absent on the wire when empty");
    }

    #[test]
    fn impossible_orders_and_claims_are_unreadable() {
        let load =
            |v: serde_json::Value| Memory::load(Some(Ok(StoredMemory::Current(serde_json::from_value(v).unwrap())))).1;
        let change = |at: f64, undone: f64| serde_json::json!({"id": 1, "setting": "aiTraining", "to": "off", "atMs": at, "undoneAtMs": undone});
        let memory = |history: serde_json::Value, seen: serde_json::Value| serde_json::json!({"version": 3, "settings": {"aiTraining": seen}, "history": history, "undo": null});
        let off = serde_json::json!({"state": "off", "seenAtMs": T0, "verifiedByUs": true});
        assert_eq!(load(memory(serde_json::json!([change(T0, T0 + 1.0)]), off.clone())), LoadStatus::Current);
        assert_eq!(
            load(memory(serde_json::json!([change(T0, T0 - 1.0)]), off)),
            LoadStatus::Reset,
            "changed back before it was made"
        );
        let on_ours = serde_json::json!({"state": "on", "seenAtMs": T0, "verifiedByUs": true});
        assert_eq!(load(memory(serde_json::json!([]), on_ours)), LoadStatus::Reset, "'on' is never verified by us");
    }

    #[test]
    fn no_undo_offered_while_a_change_of_that_setting_is_pending() {
        let mut m = Memory::default();
        m.record(AiTraining, Phase::Verified, Some(SwitchState::Off), ChangeNote::Verified, T0);
        let id = m.history[0].id;
        assert!(m.undoable(id).is_some());
        m.record(AiTraining, Phase::Switching, None, ChangeNote::Pressed(SwitchState::On), T0 + 1.0);
        assert!(m.undoable(id).is_none());
        // the next visit reads it back on: the undo is done, and recorded as such
        m.record(AiTraining, Phase::Verified, Some(SwitchState::On), ChangeNote::Verified, T0 + 2.0);
        assert_eq!(m.history.len(), 2);
        assert_eq!(m.history[1].to, SwitchState::On);
        assert!(m.history[0].undone_at_ms.is_some());
    }

    #[test]
    fn a_dismissal_holds_for_the_recheck_period_and_can_be_withdrawn() {
        let mut m = Memory::default();
        assert!(m.dismiss(AiTraining, Some(SwitchState::On), T0));
        assert_eq!(m.dismissal_for(AiTraining, T0 + DAY_MS, 30).map(|d| d.reading), Some(Some(SwitchState::On)));
        assert_eq!(m.dismissal_for(AiTraining, T0 + 31.0 * DAY_MS, 30), None, "the re-check period ends it");
        assert_eq!(m.dismissal_for(Research, T0, 30), None);
        assert!(m.show_banner_again(AiTraining));
        assert!(!m.show_banner_again(AiTraining));
        assert!(!m.dismiss(AiTraining, None, f64::NAN));
        assert!(serde_json::to_value(&m).unwrap().get("dismissed").is_none(), "absent on the wire when empty");
    }

    #[test]
    fn a_change_that_did_not_hold_is_withdrawn_not_undone() {
        let mut m = Memory::default();
        m.record(AiTraining, Phase::On, Some(SwitchState::On), ChangeNote::None, T0);
        m.record(AiTraining, Phase::Verified, Some(SwitchState::Off), ChangeNote::Verified, T0 + 1.0);
        assert_eq!(m.history.len(), 1);
        m.request_undo(m.history[0].id, T0 + 2.0).unwrap();
        m.record(AiTraining, Phase::Failed, Some(SwitchState::On), ChangeNote::DidNotHold, T0 + 9.0);
        assert!(m.history.is_empty(), "{:?}", m.history);
        assert_eq!(m.undo, None, "no undo for a change that is gone");
        assert_eq!(m.seen(AiTraining).map(|s| (s.state, s.verified_by_us)), Some((SwitchState::On, false)));
        // an undo (back on) that did not hold: the change before it is in effect again
        let mut u = Memory::default();
        u.record(AiTraining, Phase::Verified, Some(SwitchState::Off), ChangeNote::Verified, T0);
        u.record(AiTraining, Phase::Verified, Some(SwitchState::On), ChangeNote::Verified, T0 + 1.0);
        assert!(u.history[0].undone_at_ms.is_some());
        u.record(AiTraining, Phase::Failed, Some(SwitchState::Off), ChangeNote::DidNotHold, T0 + 2.0);
        assert_eq!(u.history.len(), 1);
        assert_eq!(u.history[0].undone_at_ms, None);
        assert_eq!(u.seen(AiTraining).map(|s| s.verified_by_us), Some(true));
    }

    #[test]
    fn records_only_definite_states() {
        let mut m = Memory::default();
        assert_eq!(m.remembered_phase(AiTraining), None);
        // an unknown records no state, only that something was read: the popup takes over
        assert!(m.record(AiTraining, Phase::Unknown, None, ChangeNote::None, 1.0));
        assert_eq!((m.settings.len(), m.popup_since_ms), (0, Some(1.0)));
        assert!(!m.record(AiTraining, Phase::Unknown, None, ChangeNote::None, 1.5), "once");
        assert!(!m.record(AiTraining, Phase::Switching, None, ChangeNote::None, 1.0));
        assert!(m.record(AiTraining, Phase::On, Some(SwitchState::On), ChangeNote::None, 2.0));
        assert_eq!(m.remembered_phase(AiTraining), Some(Phase::On));
        assert!(m.record(AiTraining, Phase::Verified, Some(SwitchState::Off), ChangeNote::Verified, 3.0));
        assert_eq!(m.seen(AiTraining), Some(Seen { state: SwitchState::Off, seen_at_ms: 3.0, verified_by_us: true }));
        assert!(m.record(AiTraining, Phase::Off, Some(SwitchState::Off), ChangeNote::None, 4.0));
        assert!(m.seen(AiTraining).unwrap().verified_by_us, "a later off read keeps the verified mark");
        assert!(m.record(AiTraining, Phase::Failed, Some(SwitchState::On), ChangeNote::None, 5.0));
        assert_eq!(m.remembered_phase(AiTraining), Some(Phase::On));
        assert!(!m.seen(AiTraining).unwrap().verified_by_us);
        assert_eq!(m.remembered_phase(Research), None, "settings are kept apart");
    }

    #[test]
    fn history_once_per_verified_click_and_undo() {
        let mut m = Memory::default();
        m.record(Research, Phase::On, Some(SwitchState::On), ChangeNote::None, T0);
        m.record(Research, Phase::Verified, Some(SwitchState::Off), ChangeNote::Verified, T0 + 1.0);
        // the same verified state reported again (flip back and forth) adds nothing
        m.record(Research, Phase::Verified, Some(SwitchState::Off), ChangeNote::None, T0 + 2.0);
        assert_eq!(m.history.len(), 1);
        let change = m.history[0].clone();
        assert_eq!((change.id, change.setting, change.to), (1, Research, SwitchState::Off));
        assert_eq!(m.undoable(1), Some(change));
        assert_eq!(m.undoable(2), None);

        assert_eq!(m.request_undo(1, T0 + 10.0), Some(Research));
        assert!(m.undo.unwrap().is_fresh(T0 + 10.0 + UNDO_REQUEST_TTL_MS));
        assert!(!m.undo.unwrap().is_fresh(T0 + 11.0 + UNDO_REQUEST_TTL_MS));
        // an unrelated setting's report does not end the request
        m.record(AiTraining, Phase::On, Some(SwitchState::On), ChangeNote::None, T0 + 11.0);
        assert!(m.undo.is_some());
        // the undo is verified on the page: switched back on
        m.record(Research, Phase::Verified, Some(SwitchState::On), ChangeNote::Verified, T0 + 20.0);
        assert_eq!(m.undo, None);
        assert_eq!(m.history.len(), 2);
        assert_eq!(m.history[0].undone_at_ms, Some(T0 + 20.0));
        assert_eq!(m.history[1].to, SwitchState::On);
        assert_eq!(m.undoable(1), None, "already undone");
        assert_eq!(m.undoable(2), None, "switching back on is not offered for undo");
        assert!(!m.seen(Research).unwrap().verified_by_us);
        assert!(m.is_valid());
    }

    #[test]
    fn a_changed_wording_is_noted_once_on_the_latest_change() {
        let mut m = Memory::default();
        assert!(!m.note_label_seen(AiTraining, "New words"), "no change to note it on");
        m.record(AiTraining, Phase::Verified, Some(SwitchState::Off), ChangeNote::Verified, T0);
        assert!(m.note_label_seen(AiTraining, "New words"));
        assert!(!m.note_label_seen(AiTraining, "Other words"), "once");
        assert_eq!(m.history[0].label_seen.as_deref(), Some("New words"));
        assert!(!m.note_label_seen(Research, "New words"), "only on its own setting's change");
        let json = serde_json::to_value(&m).unwrap();
        assert_eq!(json["history"][0]["labelSeen"], "New words");
        assert!(Memory::load(Some(Ok(serde_json::from_value(json).unwrap()))).1 == LoadStatus::Current);
    }

    #[test]
    fn a_manual_flip_back_marks_the_change_undone() {
        let mut m = Memory::default();
        m.record(AiTraining, Phase::Verified, Some(SwitchState::Off), ChangeNote::Verified, T0);
        m.request_undo(1, T0 + 1.0);
        m.record(AiTraining, Phase::On, Some(SwitchState::On), ChangeNote::None, T0 + 2.0);
        assert_eq!(m.history[0].undone_at_ms, Some(T0 + 2.0));
        assert_eq!(m.undo, None);
        assert_eq!(m.request_undo(1, T0 + 3.0), None);
    }

    #[test]
    fn reports_that_contradict_themselves_or_repeat_change_nothing() {
        let mut m = Memory::default();
        assert!(
            !m.record(AiTraining, Phase::On, Some(SwitchState::Off), ChangeNote::None, T0),
            "on phase, off reading"
        );
        assert!(!m.record(AiTraining, Phase::Off, Some(SwitchState::On), ChangeNote::None, T0));
        assert!(!m.record(AiTraining, Phase::On, Some(SwitchState::On), ChangeNote::None, f64::NAN));
        m.record(AiTraining, Phase::Verified, Some(SwitchState::Off), ChangeNote::Verified, T0);
        m.record(AiTraining, Phase::Verified, Some(SwitchState::Off), ChangeNote::Verified, T0 + 1.0);
        assert_eq!(m.history.len(), 1, "a repeated verified report is the same change");
        // flipped back by LinkedIn, then our next click verified: a second change
        m.record(AiTraining, Phase::Failed, Some(SwitchState::On), ChangeNote::None, T0 + 2.0);
        m.record(AiTraining, Phase::Verified, Some(SwitchState::Off), ChangeNote::Verified, T0 + 3.0);
        assert_eq!(m.history.len(), 2);
    }

    #[test]
    fn an_undo_request_is_used_once() {
        let mut m = Memory::default();
        m.record(Research, Phase::Verified, Some(SwitchState::Off), ChangeNote::Verified, T0);
        m.request_undo(1, T0 + 1.0);
        assert!(!m.consume_undo(AiTraining), "another setting's page leaves it");
        assert!(m.consume_undo(Research));
        assert_eq!(m.undo, None);
        assert!(!m.consume_undo(Research));
        assert!(m.undoable(1).is_some(), "the popup can ask again");
    }

    #[test]
    fn history_is_bounded() {
        let mut m = Memory::default();
        for i in 0..(HISTORY_MAX as u32 + 5) {
            m.record(AdsByAge, Phase::Verified, Some(SwitchState::Off), ChangeNote::Verified, T0 + i as f64);
            m.record(AdsByAge, Phase::On, Some(SwitchState::On), ChangeNote::None, T0 + i as f64 + 0.5);
        }
        assert_eq!(m.history.len(), HISTORY_MAX);
        assert_eq!(m.history[0].id, 6);
        assert!(m.is_valid());
    }

    #[test]
    fn staleness_with_an_injected_clock() {
        let seen = Seen { state: SwitchState::Off, seen_at_ms: T0, verified_by_us: true };
        assert!(!seen.is_stale(T0 + 30.0 * DAY_MS, 30));
        assert!(seen.is_stale(T0 + 30.0 * DAY_MS + 1.0, 30));
        assert!(seen.is_stale(T0 + 2.0 * DAY_MS, 1));
        assert!(!seen.is_stale(T0 - 0.5 * DAY_MS, 30), "a clock a little behind the reading");
        assert!(seen.is_stale(T0 - 100.0 * DAY_MS, 30), "a reading from the future (a wrong clock) is checked again");
        assert_eq!(seen.stale_at(30), T0 + 30.0 * DAY_MS);
    }

    #[test]
    fn load_migrates_v1_and_resets_what_it_cannot_read() {
        let parse = |s: &str| Some(serde_json::from_str::<StoredMemory>(s).map_err(|_| DecodeError::Malformed));
        assert_eq!(Memory::load(None).1, LoadStatus::Empty);
        let (m, status) =
            Memory::load(parse(r#"{"version":1,"aiTraining":{"state":"off","seenAtMs":5.0,"verifiedByUs":true}}"#));
        assert_eq!(status, LoadStatus::Migrated);
        assert_eq!(m.seen(AiTraining).unwrap().state, SwitchState::Off);
        assert_eq!(
            m.history,
            vec![Change {
                id: 1,
                setting: AiTraining,
                to: SwitchState::Off,
                at_ms: 5.0,
                undone_at_ms: None,
                label_seen: None
            }]
        );
        let (m, status) = Memory::load(parse(r#"{"version":1,"aiTraining":null}"#));
        assert_eq!((m, status), (Memory::default(), LoadStatus::Migrated));
        let (m, status) =
            Memory::load(parse(r#"{"version":1,"aiTraining":{"state":"on","seenAtMs":5.0,"verifiedByUs":false}}"#));
        assert_eq!(status, LoadStatus::Migrated);
        assert!(m.history.is_empty());

        let v3 = r#"{"version":3,"settings":{"research":{"state":"on","seenAtMs":1.0,"verifiedByUs":false}},"history":[],"undo":null}"#;
        assert_eq!(Memory::load(parse(v3)).1, LoadStatus::Current);
        for bad in [
            r#"{"version":7,"settings":{},"history":[],"undo":null}"#,
            r#"{"version":3,"settings":{},"history":[],"undo":null,"pending":{"research":{"setting":"aiTraining","to":"off","pressedAtMs":1.0}}}"#,
            r#"{"version":3,"settings":{},"history":[],"undo":null,"pending":{"setting":"research","to":"off","pressedAtMs":1.0}}"#,
            r#"{"version":2,"settings":{},"history":[],"undo":null,"x":1}"#,
            r#"{"version":2,"settings":{"nope":{"state":"on","seenAtMs":1.0,"verifiedByUs":false}},"history":[],"undo":null}"#,
            r#"{"version":2,"settings":{},"history":[],"undo":{"change":4,"setting":"research","requestedAtMs":1.0}}"#,
            r#"{"version":1,"aiTraining":null,"x":1}"#,
            r#"{"version":2,"aiTraining":null}"#,
            r#"{"version":2,"settings":{"research":{"state":"on","seenAtMs":1e20,"verifiedByUs":false}},"history":[],"undo":null}"#,
            r#"{"version":2,"settings":{},"history":[{"id":4294967295,"setting":"research","to":"off","atMs":1.0,"undoneAtMs":null}],"undo":null}"#,
            r#"[]"#,
        ] {
            assert_eq!(Memory::load(parse(bad)), (Memory::default(), LoadStatus::Reset), "{bad}");
        }
        assert_eq!(Memory::load(Some(Err(DecodeError::Malformed))), (Memory::default(), LoadStatus::Reset));
    }

    #[test]
    fn load_migrates_v2_with_its_pending_change_and_everything_else_kept() {
        let parse = |s: &str| Some(serde_json::from_str::<StoredMemory>(s).map_err(|_| DecodeError::Malformed));
        // Without a pending change: the same memory, version 3.
        let plain = r#"{"version":2,"settings":{"research":{"state":"on","seenAtMs":1.0,"verifiedByUs":false}},"history":[],"undo":null,"popupSinceMs":2.0}"#;
        let (m, status) = Memory::load(parse(plain));
        assert_eq!(status, LoadStatus::Migrated);
        assert_eq!(
            (m.version, m.seen(Research).map(|s| s.state), m.popup_since_ms),
            (3, Some(SwitchState::On), Some(2.0))
        );
        assert!(m.pending.is_empty());
        // With one: it becomes its setting's; the history, the undo request, the couplings and
        // the dismissals stay.
        let with = r#"{"version":2,"settings":{"aiTraining":{"state":"off","seenAtMs":5.0,"verifiedByUs":true}},
            "history":[{"id":3,"setting":"aiTraining","to":"off","atMs":5.0,"undoneAtMs":null}],
            "undo":{"change":3,"setting":"aiTraining","requestedAtMs":6.0},
            "pending":{"setting":"research","to":"off","pressedAtMs":7.0},
            "coupled":{"partnerSharing":{"by":"adsBeyondLinkedIn","likely":"off","atMs":4.0}},
            "dismissed":{"adsByAge":{"reading":"on","atMs":3.0}}}"#;
        let (m, status) = Memory::load(parse(with));
        assert_eq!(status, LoadStatus::Migrated);
        assert_eq!(m.pending_for(Research, 8.0).map(|p| (p.setting, p.to)), Some((Research, SwitchState::Off)));
        assert_eq!(m.pending_change(AiTraining), None);
        assert_eq!((m.history.len(), m.undo.map(|u| u.change)), (1, Some(3)));
        assert_eq!(m.coupled_change(PartnerSharing).map(|c| c.by), Some(AdsBeyondLinkedIn));
        assert!(m.dismissal_for(AdsByAge, 4.0, 30).is_some());
        // Written back as v3, it loads as it is.
        let back: StoredMemory = serde_json::from_value(serde_json::to_value(&m).unwrap()).unwrap();
        assert_eq!(Memory::load(Some(Ok(back))), (m, LoadStatus::Current));
        // A v2 memory that breaks the rules is reset, migrated or not.
        let bad = r#"{"version":2,"settings":{},"history":[],"undo":null,"pending":{"setting":"research","to":"off","pressedAtMs":1e20}}"#;
        assert_eq!(Memory::load(parse(bad)), (Memory::default(), LoadStatus::Reset));
    }

    #[test]
    fn forgetting_a_site_removes_its_settings_only() {
        let mut m = Memory::default();
        m.record(AiTraining, Phase::Verified, Some(SwitchState::Off), ChangeNote::Verified, T0);
        m.record(ImproveModel, Phase::Verified, Some(SwitchState::Off), ChangeNote::Verified, T0 + 1.0);
        let chatgpt_change = m.history.iter().find(|c| c.setting == ImproveModel).unwrap().id;
        m.request_undo(chatgpt_change, T0 + 2.0).unwrap();
        m.dismiss(ImproveModel, Some(SwitchState::Off), T0 + 3.0);
        m.record(Research, Phase::Switching, None, ChangeNote::Pressed(SwitchState::Off), T0 + 4.0);
        let chatgpt = crate::catalog::site_asked_at_use("https://chatgpt.com/*").unwrap();
        assert!(m.forget_site(chatgpt));
        assert_eq!(m.seen(ImproveModel), None);
        assert!(m.history.iter().all(|c| c.setting != ImproveModel));
        assert_eq!((m.undo, m.dismissal_for(ImproveModel, T0 + 5.0, 30)), (None, None));
        // LinkedIn's stay
        assert_eq!(m.seen(AiTraining).map(|s| s.state), Some(SwitchState::Off));
        assert_eq!(m.history.len(), 1);
        assert!(m.pending_for(Research, T0 + 5.0).is_some());
        assert!(!m.forget_site(chatgpt), "nothing left to forget");
        assert!(m.is_valid());
    }

    #[test]
    fn pending_changes_of_two_settings_are_kept_apart() {
        let mut m = Memory::default();
        m.record(AiTraining, Phase::Switching, None, ChangeNote::Pressed(SwitchState::Off), T0);
        m.record(ImproveModel, Phase::Switching, None, ChangeNote::Pressed(SwitchState::Off), T0 + 1.0);
        assert!(m.pending_for(AiTraining, T0 + 2.0).is_some(), "the second press keeps the first");
        m.record(ImproveModel, Phase::Verified, Some(SwitchState::Off), ChangeNote::Verified, T0 + 3.0);
        assert_eq!(m.pending_change(ImproveModel), None);
        assert!(m.pending_for(AiTraining, T0 + 4.0).is_some(), "a reading of one ends only its own");
    }

    #[test]
    fn options_are_validated() {
        assert_eq!(Options::load(None).recheck_days, 30);
        assert_eq!(Options::load(Some(Ok(Options { recheck_days: 7 }))).recheck_days, 7);
        assert_eq!(Options::load(Some(Ok(Options { recheck_days: 0 }))).recheck_days, 30);
        assert_eq!(Options::load(Some(Ok(Options { recheck_days: 366 }))).recheck_days, 30);
        assert_eq!(Options::load(Some(Err(DecodeError::Malformed))).recheck_days, 30);
        assert_eq!(Options::parse_recheck_days(" 14 "), Ok(14));
        for bad in ["0", "366", "-1", "1.5", "", "abc", "99999999999"] {
            assert!(Options::parse_recheck_days(bad).is_err(), "{bad}");
        }
    }
}
