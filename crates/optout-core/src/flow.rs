//! The content script's state machine: detect → warn → switch off → verify. Its phases are the
//! vocabulary's [`Phase`].
//!
//! The facade feeds it [`Event`]s built from fresh snapshots and carries out the [`Command`]s it
//! returns. All timing is decided here; the facade only owns the timers.

use serde::{Deserialize, Serialize};

use crate::detect::Detection;
use crate::vocab::{Phase, SwitchState, UnknownReason};

/// How long to wait for the switch to render before saying "unknown", in ms. LinkedIn's
/// settings app renders on the client; Brave waits up to 6 × 1000 ms [C] and hydration takes
/// 3–4 s on other pages [C] (docs/evidence/linkedin.md §1.3).
pub const WAIT_FOR_SWITCH_MS: u32 = 8_000;
/// After our click, the least time to wait before re-reading the switch, in ms: the save is
/// sent at once [S/I], saves are quiet (no reliable toast) [C, docs/evidence/linkedin.md §2.4], and a
/// rejected save flips the switch back [I]. Long enough for a slow save to come back.
pub const SETTLE_MIN_MS: u32 = 3_000;
/// The page counts as settled after this long without DOM mutations, in ms.
pub const SETTLE_QUIET_MS: u32 = 400;
/// Re-read no later than this after our click, settled or not, in ms.
pub const SETTLE_MAX_MS: u32 = 10_000;

/// While waiting for the switch, a page that shows only candidates Opt-Out Guard will not act on
/// (the key on a text input or a `div role=switch`, two keyed switches, a disabled switch) gets
/// its verdict, `unknown`, once the page has had no DOM change for this long, in ms, instead of
/// after the whole `WAIT_FOR_SWITCH_MS`; a page that later settles into one clear switch still
/// moves on to `on` or `off`. A page with no candidate at all keeps the full wait: its switch may
/// still be rendering.
pub const EARLY_VERDICT_QUIET_MS: u32 = 1_500;

/// A switch that was read `on` or `off` and then leaves the page (LinkedIn re-renders its row, or
/// the app is on its way to another page) is waited for this long, in ms, before the banner says
/// it could not be found.
pub const LOST_GRACE_MS: u32 = 1_500;

/// Once two keyed switches were read, a single switch read afterwards is taken only after it
/// has been the only one for this long, in ms (no scan meanwhile read two): which of the two it
/// is cannot be told while the page still changes (found by the generated pages,
/// tests/generated, seed 8: while a re-render took one of two keyed switches away, the other
/// was read and clicked).
pub const SINGLE_AFTER_TWO_MS: u32 = 1_500;

/// While on the setting's page, the switch is re-read at least this often, in ms, even when the
/// page neither mutates nor fires events (a script may set `.checked` alone). A switch that
/// turns back on after a verified read then ends `Failed`.
pub const WATCH_INTERVAL_MS: u32 = 1_000;

/// Least time between two scans of the page, in ms.
pub const SCAN_INTERVAL_MS: f64 = 16.0;
/// A scan may use at most 1 / `SCAN_BUDGET_FACTOR` of the main thread: after a scan that took
/// `t` ms, the next waits at least `t × SCAN_BUDGET_FACTOR` ms.
pub const SCAN_BUDGET_FACTOR: f64 = 5.0;

/// The least delay before the next scan, in ms, given how long the last one took (ms). Bounds
/// the work a page that mutates continuously (or has a huge DOM) can make the content script do
/// to about 20% of the main thread, and never more often than every `SCAN_INTERVAL_MS`.
pub fn next_scan_delay_ms(last_scan_cost_ms: f64) -> f64 {
    let cost = if last_scan_cost_ms.is_finite() { last_scan_cost_ms.max(0.0) } else { 0.0 };
    SCAN_INTERVAL_MS.max(cost * SCAN_BUDGET_FACTOR)
}

/// When to re-read after a click: true once `SETTLE_MIN_MS` have passed, the page has been quiet
/// for `SETTLE_QUIET_MS` and the switch reads as a unique switch again (a switch that is
/// disabled or absent is still being saved or re-rendered [I]); or once `SETTLE_MAX_MS` have
/// passed, whatever it reads. Times in ms since the click and since the last DOM mutation;
/// `now` is a detection taken at this moment.
pub fn settle_due(elapsed_ms: f64, since_last_mutation_ms: f64, now: &Detection) -> bool {
    if elapsed_ms >= SETTLE_MAX_MS as f64 {
        return true;
    }
    let quiet = elapsed_ms >= SETTLE_MIN_MS as f64 && since_last_mutation_ms >= SETTLE_QUIET_MS as f64;
    let readable = !matches!(now, Detection::Unknown(UnknownReason::Disabled)) && !gone(*now);
    quiet && readable
}

/// True when `d` shows no switch a person can see: none is on the page, or only copies hidden,
/// inert or not shown are (LinkedIn re-renders the row, and a hidden copy stays: found by the
/// generated pages, tests/generated, seed 4746, where a re-render beside a hidden copy turned an
/// `off` banner into `unknown` at once, then back). Waited for like a switch that left.
fn gone(d: Detection) -> bool {
    matches!(d, Detection::Unknown(UnknownReason::NotFound | UnknownReason::Hidden))
}

/// Something that happened, with a detection from a snapshot taken just now where relevant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// The DOM changed (or the watch just started).
    Scanned(Detection),
    /// `WAIT_FOR_SWITCH_MS` passed since the watch started.
    WaitExpired,
    /// The user pressed the banner's main button ("Turn it off", "Switch it back on", "Try
    /// again"): move the switch to the flow's target state.
    Pressed(Detection),
    /// `settle_due` became true after our click.
    Settled(Detection),
    /// The user dismissed the banner.
    Dismissed,
    /// The person operated LinkedIn's switch themselves: a trusted `click` on the switch or its
    /// label, or a trusted Space or Enter on the switch, caught in the capture phase (our own
    /// `.click()` is untrusted; `input` and `change` are trusted even then, so they cannot tell).
    PersonActed,
    /// `LOST_GRACE_MS` passed since a read switch left the page (after [`Command::StartGrace`]).
    GraceExpired,
    /// The page has had no DOM change for `EARLY_VERDICT_QUIET_MS` (after
    /// [`Command::WatchForQuiet`]).
    PageQuiet,
    /// `SINGLE_AFTER_TWO_MS` passed since [`Command::StartHold`].
    HoldExpired,
    /// The person pressed the banner's `check` (offered where the page shows no readable state
    /// but the setting has a [`Reveal`](crate::catalog::Reveal)): bring the switch onto the page
    /// and read it.
    Check,
    /// The [`Command::Reveal`] steps ended without the switch on the page: a step could not be
    /// carried out as written (no row, two rows, a disabled row) or its bounded wait ran out.
    RevealEnded,
}

/// What a phase report says about a change of ours, for the history (`ContentMessage`'s `change`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ChangeNote {
    /// Nothing about a change of ours.
    #[default]
    None,
    /// Our click was just made, towards this state: the change is pending until it is read.
    Pressed(SwitchState),
    /// Our click's result was verified: a change for the history (once per click).
    Verified,
    /// A change reported `Verified` in this visit did not hold (the switch went back): it is not
    /// a change, and the history entry is withdrawn.
    DidNotHold,
}

/// What the facade must do, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// Click the candidate at this index of the snapshot the event was built from.
    Click {
        /// Position of the switch in `Snapshot::candidates`.
        index: usize,
    },
    /// Start timing the settle after a click.
    StartSettle,
    /// Show or update the banner for the current phase.
    Render,
    /// Remove the banner (the watch continues).
    Hide,
    /// Tell the background the new phase (for the badge and memory).
    Report,
    /// Start (or restart) the `LOST_GRACE_MS` wait; it ends with [`Event::GraceExpired`].
    StartGrace,
    /// The person dismissed a banner that asked them to act (on, failed): remember it (with
    /// [`Flow::reading`]) for later visits.
    RememberDismissal,
    /// Watch for `EARLY_VERDICT_QUIET_MS` without DOM changes; then send [`Event::PageQuiet`].
    WatchForQuiet,
    /// Start (or restart) the `SINGLE_AFTER_TWO_MS` wait; it ends with [`Event::HoldExpired`].
    StartHold,
    /// Carry out the setting's [`Reveal`](crate::catalog::Reveal) steps (click its row once, wait
    /// for the switch, bounded); their failure is [`Event::RevealEnded`]. The switch read
    /// afterwards is a plain scan; after a press it is pressed at once ([`Flow::handle`]).
    Reveal,
}

/// The state machine for one visit to a setting's page. Create one per visit.
#[derive(Clone, Debug)]
pub struct Flow {
    phase: Phase,
    /// The state our click moves the switch to.
    target: SwitchState,
    /// Why the phase is `Unknown`, for the banner's explanation.
    reason: Option<UnknownReason>,
    last: Option<Detection>,
    dismissed: bool,
    clicks: u32,
    /// The latest click's verified result has been handed out as [`ChangeNote::Verified`] (and
    /// not withdrawn since).
    in_history: bool,
    /// The report for the latest `Switching` has not been handed out yet.
    press_unreported: bool,
    /// The person operated the switch themselves since our latest click: readings are theirs.
    person: bool,
    /// While switching: the latest scan read the switch at the target (not yet verified: the
    /// settle rule has not passed).
    reads_target: bool,
    /// A read switch left the page and the grace wait runs.
    lost: bool,
    /// The watch for a quiet page runs (asked for once per visit).
    watching_quiet: bool,
    /// Two switches were read, and no single switch has been the only one for
    /// `SINGLE_AFTER_TWO_MS` since: a single switch read now is held, not read (in every phase).
    doubted: bool,
    /// A held single switch waits out `SINGLE_AFTER_TWO_MS` (after [`Command::StartHold`]).
    holding: bool,
    /// What the person dismissed the banner at on an earlier visit (the reading, `None` for no
    /// definite one): this visit's first phase stays hidden if it shows the same.
    held: Option<Option<SwitchState>>,
    /// The reveal steps run ([`Command::Reveal`]), until the switch is read or they end.
    revealing: bool,
    /// The running reveal came from a press: the switch read next is pressed.
    press_after_reveal: bool,
    /// The reveal steps ended without the switch on this visit: `check` is not offered again,
    /// and the row's word is no longer read (a press would only click the row again).
    reveal_failed: bool,
    /// The switch itself was read on this visit: a row's word that says otherwise is believed
    /// only after it has said so for `LOST_GRACE_MS` (the row may lag behind the switch).
    switch_seen: bool,
    /// A reveal clicked the row on this visit ([`Flow::row_clicked`]): the banner never says
    /// that nothing was clicked.
    row_clicked: bool,
}

impl Default for Flow {
    fn default() -> Self {
        Self::new(SwitchState::Off)
    }
}

impl Flow {
    /// A flow whose click moves the switch to `target` (the setting's private state, or its
    /// opposite to undo an earlier change).
    pub fn new(target: SwitchState) -> Self {
        Flow {
            phase: Phase::Waiting,
            target,
            reason: None,
            last: None,
            dismissed: false,
            clicks: 0,
            in_history: false,
            press_unreported: false,
            person: false,
            reads_target: false,
            lost: false,
            watching_quiet: false,
            doubted: false,
            holding: false,
            held: None,
            revealing: false,
            press_after_reveal: false,
            reveal_failed: false,
            switch_seen: false,
            row_clicked: false,
        }
    }

    /// This flow, for a visit where the person dismissed the banner at `reading` before (a
    /// remembered "Not now"): its first phase stays hidden if it stands for the same reading.
    pub fn holding_dismissal(self, reading: Option<SwitchState>) -> Self {
        Flow { held: Some(reading), ..self }
    }

    /// A flow for a visit that resumes a pending change of ours towards `target` (our click was
    /// made on an earlier visit, which ended before it could be read): its first reading of the
    /// target is the verified result, a reading away from it a plain reading.
    pub fn resumed(target: SwitchState) -> Self {
        Flow { clicks: 1, ..Flow::new(target) }
    }

    /// The current phase (starts at `Waiting`).
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// The state our click aims for.
    pub fn target(&self) -> SwitchState {
        self.target
    }

    /// Why the phase is `Unknown` (`None` otherwise).
    pub fn reason(&self) -> Option<UnknownReason> {
        (self.phase == Phase::Unknown).then_some(self.reason).flatten()
    }

    /// The latest detection the flow took in (a scan, a press it acted on, a settle), which the
    /// end of a hold or of a grace reads (for tests and diagnostics).
    pub fn last_detection(&self) -> Option<Detection> {
        self.last
    }

    /// How many clicks this flow has commanded (for tests and diagnostics).
    pub fn clicks(&self) -> u32 {
        self.clicks
    }

    /// True while the banner is dismissed.
    pub fn dismissed(&self) -> bool {
        self.dismissed
    }

    /// True while the banner is shown: the flow has a verdict and the banner is not dismissed
    /// (what the facade may re-render when something beside the phase changes).
    pub fn banner_shown(&self) -> bool {
        !self.dismissed && self.phase != Phase::Waiting
    }

    /// The switch position the current phase stands for: the reading for `On`/`Off`, the
    /// target for `Verified`, its opposite for `Failed`; `None` when nothing definite is known.
    pub fn reading(&self) -> Option<SwitchState> {
        match self.phase {
            Phase::Verified => Some(self.target),
            Phase::Failed => Some(self.target.flipped()),
            p => p.reading(),
        }
    }

    /// What the report of the current phase says about a change of ours (handed out once):
    /// `Pressed` for a new click, `Verified` once per click whose result was read as the target,
    /// `DidNotHold` when such a result then went back in this visit (not by the person's own hand).
    pub fn take_change_note(&mut self) -> ChangeNote {
        match self.phase {
            Phase::Switching if self.press_unreported => {
                self.press_unreported = false;
                ChangeNote::Pressed(self.target)
            }
            Phase::Verified if self.clicks > 0 && !self.in_history => {
                self.in_history = true;
                ChangeNote::Verified
            }
            Phase::Failed if self.in_history => {
                self.in_history = false;
                ChangeNote::DidNotHold
            }
            _ => ChangeNote::None,
        }
    }

    /// True while `Switching` when the latest scan read the switch at the target and the person
    /// has not operated it since our click: the banner says it reads so and is being confirmed
    /// (the verdict still waits for the settle rule, [`settle_due`]).
    pub fn reads_target(&self) -> bool {
        self.phase == Phase::Switching && self.reads_target
    }

    /// True when the banner may offer `check`: the phase is `Unknown` because no switch is on
    /// the page, and no reveal runs or has failed on this visit. (The banner offers it only
    /// where the page also shows the setting's row, unreadable: [`crate::detect::RowSeen`].)
    pub fn can_check(&self) -> bool {
        self.phase == Phase::Unknown
            && self.reason == Some(UnknownReason::NotFound)
            && !self.revealing
            && !self.reveal_failed
    }

    /// True while the reveal steps run (the banner says the setting is being opened).
    pub fn revealing(&self) -> bool {
        self.revealing
    }

    /// True once a reveal ended without the switch on this visit (the banner says so).
    pub fn reveal_failed(&self) -> bool {
        self.reveal_failed
    }

    /// The facade carried out a reveal's [`Step::ClickRow`](crate::catalog::Step::ClickRow): the
    /// row was clicked. Changes no phase.
    pub fn note_row_clicked(&mut self) {
        self.row_clicked = true;
    }

    /// True once a reveal clicked the row on this visit.
    pub fn row_clicked(&self) -> bool {
        self.row_clicked
    }

    /// True when the banner offers to move the switch: it reads away from the target, or the
    /// last attempt failed.
    pub fn actionable(&self) -> bool {
        self.phase == Phase::Failed || self.phase.reading() == Some(self.target.flipped())
    }

    /// Advances the machine. Guarantees: `Command::Click` is returned only for a `Pressed`
    /// whose fresh detection is a unique switch away from the target, or for the first
    /// `Scanned` switch after the reveal such a press started (the press read the row away from
    /// the target; the switch must be too, and no two switches read since), and never while a
    /// previous click is still being verified.
    pub fn handle(&mut self, event: Event) -> Vec<Command> {
        // After a reveal that failed, the row's word is not read any more on this visit.
        let event = match event {
            Event::Scanned(d) => Event::Scanned(self.believed(d)),
            Event::Pressed(d) => Event::Pressed(self.believed(d)),
            Event::Settled(d) => Event::Settled(self.believed(d)),
            other => other,
        };
        if let Event::Scanned(Detection::Found { .. })
        | Event::Pressed(Detection::Found { .. })
        | Event::Settled(Detection::Found { .. }) = event
        {
            self.switch_seen = true;
        }
        let before = (self.phase, self.reason, self.dismissed);
        let reads_before = self.reads_target();
        let target = self.target;
        let mut cmds = Vec::new();
        match event {
            Event::Scanned(d @ Detection::Found { .. }) if self.revealing => {
                // The reveal brought the switch: read it (held, like any single switch, while
                // two were read), and after a press, press it now (`press` holds it too).
                self.revealing = false;
                if std::mem::take(&mut self.press_after_reveal) {
                    self.press(d, &mut cmds);
                } else if self.doubted {
                    self.last = Some(d);
                    self.hold(&mut cmds);
                } else {
                    self.read(d, &mut cmds);
                }
            }
            Event::Scanned(d) => {
                self.doubt(d);
                if self.doubted && matches!(d, Detection::Found { .. }) {
                    // One switch again after two: held until it has been alone for a while.
                    self.last = Some(d);
                    self.reads_target = false;
                    self.hold(&mut cmds);
                } else {
                    self.read(d, &mut cmds);
                }
            }
            Event::HoldExpired => {
                if self.holding {
                    self.holding = false;
                    if let Some(d @ Detection::Found { .. }) = self.last {
                        self.doubted = false;
                        self.read(d, &mut cmds);
                    }
                }
            }
            Event::GraceExpired => {
                if self.lost && matches!(self.phase, Phase::On | Phase::Off | Phase::Verified | Phase::Failed) {
                    self.lost = false;
                    match self.last {
                        Some(d @ Detection::Unknown(_)) if matches!(self.phase, Phase::On | Phase::Off) => {
                            self.set_from(d)
                        }
                        // A row's word that said otherwise than the switch all along: believed now.
                        Some(d @ Detection::Row { .. }) => self.take(d, &mut cmds),
                        _ => {}
                    }
                }
            }
            Event::PageQuiet => {
                self.watching_quiet = false;
                match (self.phase, self.last) {
                    (Phase::Waiting, Some(Detection::Unknown(r))) if r != UnknownReason::NotFound => {
                        self.phase = Phase::Unknown;
                        self.reason = Some(r);
                    }
                    _ => {}
                }
            }
            Event::PersonActed => {
                if matches!(self.phase, Phase::Switching | Phase::Verified | Phase::Failed) {
                    self.person = true;
                    self.reads_target = false;
                }
            }
            Event::WaitExpired => {
                if self.phase == Phase::Waiting {
                    let d = self.last.unwrap_or(Detection::Unknown(UnknownReason::NotFound));
                    match d {
                        // Never quiet with one switch since two were read: still two for us.
                        Detection::Found { .. } if self.doubted => self.not_yet(&mut cmds),
                        Detection::Found { .. } | Detection::Row { .. } => self.set_from(d),
                        Detection::Unknown(r) => {
                            self.phase = Phase::Unknown;
                            self.reason = Some(r);
                        }
                    }
                }
            }
            Event::Pressed(d) => {
                if self.actionable() && !self.revealing {
                    self.press(d, &mut cmds);
                }
            }
            Event::Check => {
                if self.can_check() {
                    self.revealing = true;
                    cmds.push(Command::Reveal);
                    cmds.push(Command::Render);
                }
            }
            Event::RevealEnded => {
                if self.revealing {
                    self.revealing = false;
                    self.press_after_reveal = false;
                    self.reveal_failed = true;
                    // A reason the scans gave meanwhile (two switches, a disabled one) stays.
                    if self.phase != Phase::Unknown || self.reason.is_none() {
                        self.reason = Some(UnknownReason::NotFound);
                    }
                    self.phase = Phase::Unknown;
                    // Also when the phase stays: the banner no longer says it is opening it.
                    cmds.push(Command::Render);
                }
            }
            Event::Settled(d) => {
                if self.phase == Phase::Switching {
                    self.doubt(d);
                    self.last = Some(d);
                    match d {
                        // Two switches were read since our click: no verdict on either; the
                        // held one is read once it has been alone for a while.
                        Detection::Found { .. } if self.doubted => self.not_yet(&mut cmds),
                        // The person operated the switch meanwhile: their reading, nothing failed.
                        Detection::Found { .. } | Detection::Row { .. } if self.person => self.set_from(d),
                        Detection::Found { state, .. } | Detection::Row { state } => {
                            self.phase = if state == target { Phase::Verified } else { Phase::Failed };
                        }
                        Detection::Unknown(r) => {
                            self.phase = Phase::Unknown;
                            self.reason = Some(r);
                        }
                    }
                }
            }
            Event::Dismissed => {
                if self.phase != Phase::Switching && self.phase != Phase::Waiting && !self.dismissed {
                    // Only the banner that asks the person to act ("Not now") would nag on every
                    // visit; a confirmation or the manual path is shown again next time.
                    if self.actionable() {
                        cmds.push(Command::RememberDismissal);
                    }
                    self.dismissed = true;
                }
            }
        }
        // A switch that moves away from the target always brings the banner back.
        if self.phase != before.0 && self.actionable() {
            self.dismissed = false;
        }
        // …except on a new visit that shows exactly what the person said "Not now" to before.
        if before.0 == Phase::Waiting && self.phase != Phase::Waiting {
            if let Some(held) = self.held.take() {
                self.dismissed = self.reading() == held;
            }
        }
        let changed = (self.phase, self.reason, self.dismissed) != before;
        if !changed && self.reads_target() != reads_before && !self.dismissed {
            // Still switching: the banner now says that the switch reads at its target.
            cmds.push(Command::Render);
        }
        if changed {
            if self.dismissed && !before.2 {
                cmds.push(Command::Hide);
            } else if !self.dismissed && self.phase != Phase::Waiting && !cmds.contains(&Command::Render) {
                cmds.push(Command::Render);
            }
            if self.phase != before.0 {
                cmds.push(Command::Report);
            }
        }
        cmds
    }

    /// The person's press with a fresh detection `d` (or, after a reveal the press started, the
    /// switch it brought): a click only on one switch away from the target; a row that reads away
    /// from it runs the reveal steps first, and the switch they bring is pressed then.
    fn press(&mut self, d: Detection, cmds: &mut Vec<Command>) {
        let target = self.target;
        self.doubt(d);
        self.last = Some(d);
        match d {
            // Two switches were read and this one has not been alone for long: no click.
            Detection::Found { .. } if self.doubted => self.not_yet(cmds),
            Detection::Found { index, state } if state != target => {
                self.clicks += 1;
                self.phase = Phase::Switching;
                self.dismissed = false;
                self.in_history = false;
                self.press_unreported = true;
                self.person = false;
                self.reads_target = false;
                cmds.push(Command::Click { index });
                cmds.push(Command::StartSettle);
            }
            Detection::Row { state } if state != target => {
                self.revealing = true;
                self.press_after_reveal = true;
                cmds.push(Command::Reveal);
                cmds.push(Command::Render);
            }
            other => self.set_from(other),
        }
    }

    /// What a scan's detection `d` means in the current phase (every scan but a single switch
    /// held while the flow is doubted).
    fn read(&mut self, d: Detection, cmds: &mut Vec<Command>) {
        self.last = Some(d);
        let read = d.state();
        // The row's word says otherwise than the switch read on this visit: it may lag behind
        // (the dialog just closed); believed once it has said so for `LOST_GRACE_MS`.
        let settled = matches!(self.phase, Phase::On | Phase::Off | Phase::Verified | Phase::Failed);
        if matches!(d, Detection::Row { .. }) && self.switch_seen && settled && read != self.reading() {
            if !self.lost {
                self.lost = true;
                cmds.push(Command::StartGrace);
            }
            return;
        }
        if read.is_some() {
            self.lost = false;
        }
        self.take(d, cmds);
    }

    /// `d` after a failed reveal: a row's word is not read any more ([`UnknownReason::NotFound`]).
    fn believed(&self, d: Detection) -> Detection {
        match d {
            Detection::Row { .. } if self.reveal_failed => Detection::Unknown(UnknownReason::NotFound),
            d => d,
        }
    }

    /// What a scan's detection `d` means in the current phase, once it is believed.
    fn take(&mut self, d: Detection, cmds: &mut Vec<Command>) {
        let target = self.target;
        let read = d.state();
        match (self.phase, d) {
            (Phase::Switching, d) => {
                self.reads_target = !self.person && d.state() == Some(target);
            }
            // The reveal runs: the dialog is opening, the row may be covered, re-rendered or
            // change its word meanwhile; only the switch it brings counts (the phase stays).
            (Phase::On | Phase::Off, d) if self.revealing && gone(d) => {}
            (_, Detection::Row { .. }) if self.revealing => {}
            (Phase::Waiting, Detection::Unknown(UnknownReason::NotFound)) => {}
            // Candidates we will not act on: a verdict once the page is quiet.
            (Phase::Waiting, Detection::Unknown(_)) => {
                self.watch_for_quiet(cmds);
            }
            // A resumed change of ours read at its target: verified on this visit.
            (Phase::Waiting, _) if self.clicks > 0 && read == Some(target) => {
                self.phase = Phase::Verified;
            }
            // … read away from its target: that change did not go through.
            (Phase::Waiting, _) if self.clicks > 0 && read.is_some() => {
                self.clicks = 0;
                self.set_from(d);
            }
            // After the person's own action, what the page shows is their reading.
            (Phase::Verified | Phase::Failed, _) if self.person && read.is_some() => self.set_from(d),
            // The switch, or (its dialog closed) the row that shows it.
            (Phase::Verified | Phase::Failed, _) if read.is_some() => {
                self.phase = if read == Some(target) { Phase::Verified } else { Phase::Failed };
            }
            // A read switch left the page: first a short wait (a re-render, or the app on
            // its way to another page), not "could not check".
            (Phase::On | Phase::Off, d) if gone(d) => {
                if !self.lost {
                    self.lost = true;
                    cmds.push(Command::StartGrace);
                }
            }
            // The switch left the page (a re-render): nothing claims it moved; keep.
            (Phase::Verified | Phase::Failed, d) if gone(d) => {}
            // Unreadable after a verified read (disabled, duplicated…): stop claiming it.
            (Phase::Verified, Detection::Unknown(r)) => {
                self.phase = Phase::Unknown;
                self.reason = Some(r);
            }
            (Phase::Failed, Detection::Unknown(_)) => {}
            // We clicked, could not read it for a while, and now it reads as the target.
            (Phase::Unknown, _) if self.clicks > 0 && !self.person && read == Some(target) => {
                self.phase = Phase::Verified;
                self.reason = None;
            }
            (_, d) => self.set_from(d),
        }
    }

    /// Two switches in `d`: doubted until a single one has been alone for `SINGLE_AFTER_TWO_MS`
    /// (a hold that was running starts again at the next single switch).
    fn doubt(&mut self, d: Detection) {
        if d == Detection::Unknown(UnknownReason::Ambiguous) {
            self.doubted = true;
            self.holding = false;
        }
    }

    /// Starts the hold of a single switch read while doubted, unless it already runs.
    fn hold(&mut self, cmds: &mut Vec<Command>) {
        if !self.holding {
            self.holding = true;
            cmds.push(Command::StartHold);
        }
    }

    /// A single switch while the flow is doubted, in an event that needs a verdict now (the
    /// wait's end, a press, the settle): still two for us, so unknown (ambiguous), and the hold
    /// runs, so the switch is read once it has been alone for `SINGLE_AFTER_TWO_MS`.
    fn not_yet(&mut self, cmds: &mut Vec<Command>) {
        self.set_from(Detection::Unknown(UnknownReason::Ambiguous));
        self.hold(cmds);
    }

    /// Asks for [`Event::PageQuiet`] unless that watch already runs.
    fn watch_for_quiet(&mut self, cmds: &mut Vec<Command>) {
        if !self.watching_quiet {
            self.watching_quiet = true;
            cmds.push(Command::WatchForQuiet);
        }
    }

    fn set_from(&mut self, d: Detection) {
        match d {
            Detection::Found { state, .. } | Detection::Row { state } => {
                self.phase = state.into();
                self.reason = None;
            }
            Detection::Unknown(r) => {
                self.phase = Phase::Unknown;
                self.reason = Some(r);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ON: Detection = Detection::Found { index: 0, state: SwitchState::On };
    const OFF: Detection = Detection::Found { index: 0, state: SwitchState::Off };
    const NONE: Detection = Detection::Unknown(UnknownReason::NotFound);
    const TWO: Detection = Detection::Unknown(UnknownReason::Ambiguous);
    const HIDDEN: Detection = Detection::Unknown(UnknownReason::Hidden);

    #[test]
    fn on_then_switch_off_then_verified() {
        let mut f = Flow::default();
        assert_eq!(f.handle(Event::Scanned(NONE)), vec![]);
        assert_eq!(f.phase(), Phase::Waiting);
        assert_eq!(f.handle(Event::Scanned(ON)), vec![Command::Render, Command::Report]);
        assert_eq!(
            f.handle(Event::Pressed(Detection::Found { index: 2, state: SwitchState::On })),
            vec![Command::Click { index: 2 }, Command::StartSettle, Command::Render, Command::Report]
        );
        assert_eq!(f.phase(), Phase::Switching);
        // Reading "off" while switching is no verdict: the banner says it reads so (one render,
        // no report), and the settle rule still decides.
        assert!(!f.reads_target());
        assert_eq!(f.handle(Event::Scanned(OFF)), vec![Command::Render]);
        assert!(f.reads_target());
        assert_eq!(f.phase(), Phase::Switching);
        assert_eq!(f.handle(Event::Scanned(OFF)), vec![], "said once");
        assert_eq!(f.handle(Event::Settled(OFF)), vec![Command::Render, Command::Report]);
        assert_eq!(f.phase(), Phase::Verified);
        assert!(!f.reads_target(), "only while switching");
        assert_eq!(f.clicks(), 1);
    }

    /// A flow that read the switch on, pressed it, and now reads it off (not yet settled).
    fn switching_reads_off() -> Flow {
        let mut f = Flow::default();
        f.handle(Event::Scanned(ON));
        f.handle(Event::Pressed(ON));
        f.handle(Event::Scanned(OFF));
        f
    }

    #[test]
    fn reads_target_follows_the_switch_while_switching_and_never_the_persons_hand() {
        let mut f = switching_reads_off();
        assert!(f.reads_target());
        // LinkedIn flips it back before the settle: no longer said, and the settle reads failed.
        assert_eq!(f.handle(Event::Scanned(ON)), vec![Command::Render]);
        assert!(!f.reads_target());
        // Re-rendering (not found) is not "reads off" either.
        f.handle(Event::Scanned(OFF));
        f.handle(Event::Scanned(NONE));
        assert!(!f.reads_target());
        // The person's own hand: their reading, never "confirming" ours.
        let mut g = switching_reads_off();
        assert_eq!(g.handle(Event::PersonActed), vec![Command::Render]);
        assert!(!g.reads_target());
        g.handle(Event::Scanned(OFF));
        assert!(!g.reads_target());
        // A new click starts from not reading it.
        let mut h = switching_reads_off();
        h.handle(Event::Settled(ON));
        assert_eq!(h.phase(), Phase::Failed);
        h.handle(Event::Pressed(ON));
        assert!(!h.reads_target());
    }

    const ROW_ON: Detection = Detection::Row { state: SwitchState::On };
    const ROW_OFF: Detection = Detection::Row { state: SwitchState::Off };

    /// A flow that read the row on and was pressed: the reveal runs, nothing clicked yet.
    fn pressed_on_row() -> Flow {
        let mut f = Flow::default();
        f.handle(Event::Scanned(ROW_ON));
        f.handle(Event::Pressed(ROW_ON));
        f
    }

    #[test]
    fn a_row_read_on_is_on_and_its_press_opens_the_dialog_then_clicks_the_switch_once() {
        let mut f = Flow::default();
        assert_eq!(f.handle(Event::Scanned(ROW_ON)), vec![Command::Render, Command::Report]);
        assert_eq!(f.phase(), Phase::On);
        assert!(f.actionable());
        // The press cannot click a row reading: the reveal runs, the banner says so.
        assert_eq!(f.handle(Event::Pressed(ROW_ON)), vec![Command::Reveal, Command::Render]);
        assert!(f.revealing());
        assert_eq!(f.clicks(), 0);
        // A second press meanwhile, and the row still read: nothing.
        assert_eq!(f.handle(Event::Pressed(ROW_ON)), vec![]);
        assert_eq!(f.handle(Event::Scanned(ROW_ON)), vec![]);
        assert_eq!(f.handle(Event::Scanned(NONE)), vec![], "the dialog opening: no grace, no unknown");
        // The dialog shows the switch: the press goes on, one click.
        let on = Detection::Found { index: 1, state: SwitchState::On };
        assert_eq!(
            f.handle(Event::Scanned(on)),
            vec![Command::Click { index: 1 }, Command::StartSettle, Command::Render, Command::Report]
        );
        assert!(!f.revealing());
        assert_eq!(f.handle(Event::Settled(OFF)), vec![Command::Render, Command::Report]);
        assert_eq!(f.phase(), Phase::Verified);
        assert_eq!(f.take_change_note(), ChangeNote::Verified);
        // The person closes the dialog: the switch is gone, the row says off; then unreadable.
        assert_eq!(f.handle(Event::Scanned(ROW_OFF)), vec![]);
        assert_eq!(f.handle(Event::Scanned(NONE)), vec![]);
        assert_eq!(f.phase(), Phase::Verified, "not readable any more keeps the verified reading");
        // The row says on a moment (lagging behind the switch): not believed at once…
        assert_eq!(f.handle(Event::Scanned(ROW_ON)), vec![Command::StartGrace]);
        assert_eq!(f.phase(), Phase::Verified);
        // …and it came round: the grace's end changes nothing.
        assert_eq!(f.handle(Event::Scanned(ROW_OFF)), vec![]);
        assert_eq!(f.handle(Event::GraceExpired), vec![]);
        assert_eq!(f.phase(), Phase::Verified);
        // The row says on for the whole grace: it did not hold.
        f.handle(Event::Scanned(ROW_ON));
        assert_eq!(f.handle(Event::GraceExpired), vec![Command::Render, Command::Report]);
        assert_eq!(f.phase(), Phase::Failed);
        assert_eq!(f.take_change_note(), ChangeNote::DidNotHold);
        assert_eq!(f.clicks(), 1);
    }

    #[test]
    fn after_a_reveal_that_failed_the_row_is_not_read_and_a_press_clicks_nothing() {
        let mut f = pressed_on_row();
        f.handle(Event::RevealEnded);
        assert_eq!(f.phase(), Phase::Unknown);
        // The row still reads on: unknown stays, and no press reveals again.
        assert_eq!(f.handle(Event::Scanned(ROW_ON)), vec![]);
        assert_eq!(f.phase(), Phase::Unknown);
        assert!(!f.actionable());
        assert_eq!(f.handle(Event::Pressed(ROW_ON)), vec![]);
        assert!(!f.revealing());
        // A reason the scans gave while the reveal ran stays its reason.
        let mut g = pressed_on_row();
        g.handle(Event::Scanned(TWO));
        g.handle(Event::RevealEnded);
        assert_eq!(g.reason(), Some(UnknownReason::Ambiguous));
    }

    #[test]
    fn while_the_dialog_opens_the_rows_word_changes_no_phase() {
        let mut f = pressed_on_row();
        assert_eq!(f.handle(Event::Scanned(ROW_OFF)), vec![]);
        assert_eq!(f.phase(), Phase::On);
        // The switch it brings decides: on, so the press clicks it.
        assert!(f.handle(Event::Scanned(ON)).contains(&Command::Click { index: 0 }));
        assert!(!f.row_clicked(), "only the facade knows the row was clicked");
        f.note_row_clicked();
        assert!(f.row_clicked());
    }

    #[test]
    fn a_check_that_brings_one_of_two_switches_holds_it_like_any_scan() {
        let mut f = Flow::default();
        f.handle(Event::WaitExpired);
        f.handle(Event::Check);
        f.handle(Event::Scanned(TWO));
        assert_eq!(f.handle(Event::Scanned(ON)), vec![Command::StartHold]);
        assert_eq!(f.phase(), Phase::Unknown);
        assert_eq!(f.handle(Event::HoldExpired), vec![Command::Render, Command::Report]);
        assert_eq!(f.phase(), Phase::On);
    }

    #[test]
    fn a_reveal_that_brings_the_switch_at_the_target_clicks_nothing() {
        let mut f = pressed_on_row();
        // The row said on, the switch says off: the switch is believed, nothing clicked.
        assert_eq!(f.handle(Event::Scanned(OFF)), vec![Command::Render, Command::Report]);
        assert_eq!((f.phase(), f.clicks()), (Phase::Off, 0));
        // Two switches after a reveal: no click either.
        let mut g = pressed_on_row();
        g.handle(Event::Scanned(TWO));
        let cmds = g.handle(Event::Scanned(ON));
        assert!(!cmds.iter().any(|c| matches!(c, Command::Click { .. })), "{cmds:?}");
        assert_eq!(g.clicks(), 0);
    }

    #[test]
    fn a_reveal_that_ends_without_the_switch_is_unknown_and_check_is_not_offered_again() {
        let mut f = pressed_on_row();
        assert_eq!(f.handle(Event::RevealEnded), vec![Command::Render, Command::Report]);
        assert_eq!((f.phase(), f.reason()), (Phase::Unknown, Some(UnknownReason::NotFound)));
        assert!(!f.can_check() && !f.revealing());
        // A late switch is a plain reading now, never clicked.
        let cmds = f.handle(Event::Scanned(ON));
        assert!(!cmds.iter().any(|c| matches!(c, Command::Click { .. })));
        assert_eq!(f.phase(), Phase::On);
    }

    #[test]
    fn check_reads_the_switch_the_reveal_brings_and_clicks_nothing() {
        let mut f = Flow::default();
        f.handle(Event::Scanned(NONE));
        f.handle(Event::WaitExpired);
        assert_eq!(f.phase(), Phase::Unknown);
        assert!(f.can_check());
        assert_eq!(f.handle(Event::Check), vec![Command::Reveal, Command::Render]);
        assert!(!f.can_check(), "not while it runs");
        assert_eq!(f.handle(Event::Check), vec![]);
        assert_eq!(f.handle(Event::Scanned(ON)), vec![Command::Render, Command::Report]);
        assert_eq!((f.phase(), f.clicks()), (Phase::On, 0));
        // The banner goes on as usual: the press clicks the switch now on the page.
        assert!(f.handle(Event::Pressed(ON)).contains(&Command::Click { index: 0 }));
        // Check is only for a page without a switch.
        let mut g = Flow::default();
        g.handle(Event::Scanned(TWO));
        g.handle(Event::PageQuiet);
        assert_eq!(g.phase(), Phase::Unknown);
        assert!(!g.can_check());
        assert_eq!(g.handle(Event::Check), vec![]);
        // A check that ends without the switch: unknown stays, not offered again.
        let mut h = Flow::default();
        h.handle(Event::WaitExpired);
        h.handle(Event::Check);
        assert_eq!(h.handle(Event::RevealEnded), vec![Command::Render]);
        assert!(!h.can_check());
    }

    #[test]
    fn second_press_while_switching_never_clicks() {
        let mut f = Flow::default();
        f.handle(Event::Scanned(ON));
        f.handle(Event::Pressed(ON));
        assert_eq!(f.handle(Event::Pressed(ON)), vec![]);
        assert_eq!(f.clicks(), 1);
    }

    #[test]
    fn flipped_back_is_failed_never_verified() {
        let mut f = Flow::default();
        f.handle(Event::Scanned(ON));
        f.handle(Event::Pressed(ON));
        f.handle(Event::Settled(ON));
        assert_eq!(f.phase(), Phase::Failed);
        // a later flip back after a verified read is caught too
        let mut g = Flow::default();
        g.handle(Event::Scanned(ON));
        g.handle(Event::Pressed(ON));
        g.handle(Event::Settled(OFF));
        assert_eq!(g.handle(Event::Scanned(ON)), vec![Command::Render, Command::Report]);
        assert_eq!(g.phase(), Phase::Failed);
    }

    #[test]
    fn switch_gone_after_click_is_unknown_not_verified() {
        let mut f = Flow::default();
        f.handle(Event::Scanned(ON));
        f.handle(Event::Pressed(ON));
        f.handle(Event::Settled(NONE));
        assert_eq!(f.phase(), Phase::Unknown);
        assert_eq!(f.reason(), Some(UnknownReason::NotFound));
    }

    #[test]
    fn press_acts_on_the_fresh_detection_only() {
        let mut f = Flow::default();
        f.handle(Event::Scanned(ON));
        // a second switch appeared between render and press
        assert_eq!(f.handle(Event::Pressed(TWO)), vec![Command::Render, Command::Report]);
        assert_eq!(f.phase(), Phase::Unknown);
        assert_eq!(f.clicks(), 0);
        // someone switched it off in the meantime: no click
        let mut g = Flow::default();
        g.handle(Event::Scanned(ON));
        g.handle(Event::Pressed(OFF));
        assert_eq!(g.phase(), Phase::Off);
        assert_eq!(g.clicks(), 0);
    }

    #[test]
    fn press_in_other_phases_is_ignored() {
        for setup in [vec![], vec![Event::Scanned(OFF)], vec![Event::Scanned(TWO), Event::WaitExpired]] {
            let mut f = Flow::default();
            for e in setup {
                f.handle(e);
            }
            assert_eq!(f.handle(Event::Pressed(ON)), vec![]);
            assert_eq!(f.clicks(), 0);
        }
    }

    #[test]
    fn retry_after_failure_clicks_once_more() {
        let mut f = Flow::default();
        f.handle(Event::Scanned(ON));
        f.handle(Event::Pressed(ON));
        f.handle(Event::Settled(ON));
        let cmds = f.handle(Event::Pressed(ON));
        assert_eq!(cmds[0], Command::Click { index: 0 });
        assert_eq!(f.clicks(), 2);
    }

    #[test]
    fn waiting_ends_unknown_with_the_last_reason() {
        let mut f = Flow::default();
        f.handle(Event::Scanned(TWO));
        assert_eq!(f.phase(), Phase::Waiting);
        assert_eq!(f.handle(Event::WaitExpired), vec![Command::Render, Command::Report]);
        assert_eq!(f.reason(), Some(UnknownReason::Ambiguous));
        let mut g = Flow::default();
        g.handle(Event::WaitExpired);
        assert_eq!(g.reason(), Some(UnknownReason::NotFound));
        // a switch that renders after the deadline is still picked up
        assert_eq!(g.handle(Event::Scanned(OFF)), vec![Command::Render, Command::Report]);
        assert_eq!(g.phase(), Phase::Off);
    }

    #[test]
    fn verified_never_outlives_an_unreadable_switch() {
        let disabled = Detection::Unknown(UnknownReason::Disabled);
        let mut f = Flow::default();
        f.handle(Event::Scanned(ON));
        f.handle(Event::Pressed(ON));
        f.handle(Event::Settled(OFF));
        assert_eq!(f.handle(Event::Scanned(NONE)), vec![], "a re-render that removes the switch keeps verified");
        assert_eq!(f.phase(), Phase::Verified);
        assert_eq!(f.handle(Event::Scanned(disabled)), vec![Command::Render, Command::Report]);
        assert_eq!(f.phase(), Phase::Unknown);
        f.handle(Event::Scanned(TWO));
        assert_eq!(f.phase(), Phase::Unknown);
        // readable and off again, after our click (and, after two switches, once it has been
        // alone for a while): verified again
        assert_eq!(f.handle(Event::Scanned(OFF)), vec![Command::StartHold]);
        assert_eq!(f.handle(Event::HoldExpired), vec![Command::Render, Command::Report]);
        assert_eq!(f.phase(), Phase::Verified);
        // without a click, an off reading after unknown is plain off
        let mut g = Flow::default();
        g.handle(Event::Scanned(TWO));
        g.handle(Event::WaitExpired);
        g.handle(Event::Scanned(OFF));
        g.handle(Event::HoldExpired);
        assert_eq!(g.phase(), Phase::Off);
    }

    #[test]
    fn dismiss_hides_until_it_turns_on_again() {
        let mut f = Flow::default();
        f.handle(Event::Scanned(OFF));
        assert_eq!(
            f.handle(Event::Dismissed),
            vec![Command::Hide],
            "an 'is off' banner is dismissed for this visit only"
        );
        assert_eq!(f.handle(Event::Scanned(OFF)), vec![]);
        assert_eq!(f.handle(Event::Scanned(ON)), vec![Command::Render, Command::Report]);
        assert!(!f.dismissed());
    }

    #[test]
    fn live_state_follows_the_page_before_any_click() {
        let mut f = Flow::default();
        f.handle(Event::Scanned(ON));
        assert_eq!(f.handle(Event::Scanned(OFF)), vec![Command::Render, Command::Report]);
        assert_eq!(f.phase(), Phase::Off);
        assert_eq!(f.handle(Event::Scanned(OFF)), vec![]);
    }

    #[test]
    fn candidates_we_will_not_act_on_get_their_verdict_once_the_page_is_quiet() {
        let mut f = Flow::default();
        assert_eq!(f.handle(Event::Scanned(NONE)), vec![], "no candidate: the full wait");
        assert_eq!(f.handle(Event::Scanned(TWO)), vec![Command::WatchForQuiet]);
        assert_eq!(f.handle(Event::Scanned(TWO)), vec![], "one watch");
        assert_eq!(f.phase(), Phase::Waiting);
        assert_eq!(f.handle(Event::PageQuiet), vec![Command::Render, Command::Report]);
        assert_eq!((f.phase(), f.reason()), (Phase::Unknown, Some(UnknownReason::Ambiguous)));
        // the page later settles into one clear switch: read once it has been alone for a while
        assert_eq!(f.handle(Event::Scanned(ON)), vec![Command::StartHold]);
        assert_eq!(f.handle(Event::Scanned(ON)), vec![], "one hold");
        assert_eq!(f.phase(), Phase::Unknown, "not yet: two switches were read a moment ago");
        assert_eq!(f.handle(Event::HoldExpired), vec![Command::Render, Command::Report]);
        assert_eq!(f.phase(), Phase::On);
        // a quiet page whose last scan found nothing gets no early verdict
        let mut g = Flow::default();
        g.handle(Event::Scanned(TWO));
        g.handle(Event::Scanned(NONE));
        assert_eq!(g.handle(Event::PageQuiet), vec![]);
        assert_eq!(g.phase(), Phase::Waiting);
        // …and one whose last scan found one switch after two gets that reading once it has
        // been alone for a while, not at the quiet
        let mut h = Flow::default();
        h.handle(Event::Scanned(TWO));
        assert_eq!(h.handle(Event::Scanned(OFF)), vec![Command::StartHold]);
        assert_eq!(h.handle(Event::PageQuiet), vec![]);
        assert_eq!(h.phase(), Phase::Waiting);
        assert_eq!(h.handle(Event::HoldExpired), vec![Command::Render, Command::Report]);
        assert_eq!(h.phase(), Phase::Off);
    }

    #[test]
    fn one_switch_read_while_a_second_comes_and_goes_is_never_acted_on() {
        // Two keyed switches; a re-render takes one away for a moment and brings it back.
        let mut f = Flow::default();
        assert_eq!(f.handle(Event::Scanned(TWO)), vec![Command::WatchForQuiet]);
        assert_eq!(f.handle(Event::Scanned(ON)), vec![Command::StartHold], "held");
        assert!(!f.actionable());
        assert_eq!(f.handle(Event::Pressed(ON)), vec![], "nothing to press: the banner offers no switch-off");
        assert_eq!(f.handle(Event::Scanned(TWO)), vec![]);
        assert_eq!(f.handle(Event::HoldExpired), vec![], "the hold was broken by the second switch");
        assert_eq!(f.handle(Event::PageQuiet), vec![Command::Render, Command::Report]);
        assert_eq!((f.phase(), f.reason()), (Phase::Unknown, Some(UnknownReason::Ambiguous)));
        // a new single switch starts a new hold
        assert_eq!(f.handle(Event::Scanned(ON)), vec![Command::StartHold]);
        assert_eq!(f.handle(Event::HoldExpired), vec![Command::Render, Command::Report]);
        assert_eq!(f.phase(), Phase::On);
        // a page whose single switch is never alone for long ends unknown at the wait's end
        let mut g = Flow::default();
        g.handle(Event::Scanned(TWO));
        g.handle(Event::Scanned(ON));
        assert_eq!(g.handle(Event::WaitExpired), vec![Command::Render, Command::Report]);
        assert_eq!((g.phase(), g.reason()), (Phase::Unknown, Some(UnknownReason::Ambiguous)));
        assert_eq!(g.clicks(), 0);
        // a page that was never ambiguous is read at once, as before
        let mut k = Flow::default();
        assert_eq!(k.handle(Event::Scanned(ON)), vec![Command::Render, Command::Report]);
    }

    #[test]
    fn two_switches_after_our_click_never_end_verified_on_a_guess() {
        // Failed, then two switches, then only the other one, off: not verified (helper-11, A).
        let mut f = Flow::default();
        f.handle(Event::Scanned(ON));
        f.handle(Event::Pressed(ON));
        f.handle(Event::Settled(ON));
        assert_eq!(f.phase(), Phase::Failed);
        f.handle(Event::Scanned(TWO));
        assert_eq!(f.phase(), Phase::Failed, "a failed verdict is kept through an unreadable scan");
        assert_eq!(f.handle(Event::Scanned(OFF)), vec![Command::StartHold]);
        assert_eq!(f.phase(), Phase::Failed, "held, not verified");
        // "Try again" meanwhile (the page still shows the other switch, off): no click,
        // unknown, and the hold goes on
        let cmds = f.handle(Event::Pressed(OFF));
        assert!(!cmds.iter().any(|c| matches!(c, Command::Click { .. })), "{cmds:?}");
        assert_eq!((f.phase(), f.reason()), (Phase::Unknown, Some(UnknownReason::Ambiguous)));
        assert_eq!(f.clicks(), 1);
        // alone for a while and off, after our click: verified then (helper-11, C: it recovers)
        assert_eq!(f.handle(Event::HoldExpired), vec![Command::Render, Command::Report]);
        assert_eq!(f.phase(), Phase::Verified);

        // Switching, two switches, then one other switch off at the settle: no verdict yet (B).
        let mut g = Flow::default();
        g.handle(Event::Scanned(ON));
        g.handle(Event::Pressed(ON));
        g.handle(Event::Scanned(TWO));
        assert_eq!(g.handle(Event::Scanned(OFF)), vec![Command::StartHold]);
        assert!(!g.reads_target(), "not said to read off while held");
        assert_eq!(g.handle(Event::Settled(OFF)), vec![Command::Render, Command::Report]);
        assert_eq!((g.phase(), g.reason()), (Phase::Unknown, Some(UnknownReason::Ambiguous)));
        assert_eq!(g.handle(Event::HoldExpired), vec![Command::Render, Command::Report]);
        assert_eq!(g.phase(), Phase::Verified);
        assert_eq!(g.take_change_note(), ChangeNote::Verified);
    }

    #[test]
    fn a_remembered_not_now_holds_for_the_same_reading_only() {
        let mut f = Flow::default();
        f.handle(Event::Scanned(ON));
        assert_eq!(f.handle(Event::Dismissed), vec![Command::RememberDismissal, Command::Hide]);
        assert_eq!(f.handle(Event::Dismissed), vec![], "once");
        // the next visit shows the same: hidden, but reported (the badge still says ON)
        let mut g = Flow::default().holding_dismissal(Some(SwitchState::On));
        assert_eq!(g.handle(Event::Scanned(ON)), vec![Command::Hide, Command::Report]);
        assert!(g.dismissed());
        // and the switch turning on again during that visit brings it back, as always
        assert_eq!(g.handle(Event::Scanned(OFF)), vec![Command::Report]);
        assert_eq!(g.handle(Event::Scanned(ON)), vec![Command::Render, Command::Report]);
        // a visit that shows something else is not held
        let mut h = Flow::default().holding_dismissal(Some(SwitchState::Off));
        assert_eq!(h.handle(Event::Scanned(ON)), vec![Command::Render, Command::Report]);
        assert!(!h.dismissed());
    }

    #[test]
    fn a_read_switch_that_leaves_is_first_waited_for() {
        let mut f = Flow::default();
        f.handle(Event::Scanned(ON));
        assert_eq!(f.handle(Event::Scanned(NONE)), vec![Command::StartGrace], "a wait, not unknown");
        assert_eq!(f.phase(), Phase::On);
        assert_eq!(f.handle(Event::Scanned(NONE)), vec![], "one wait at a time");
        assert_eq!(f.handle(Event::Scanned(ON)), vec![], "back in time: nothing to show");
        assert_eq!(
            f.handle(Event::GraceExpired),
            vec![],
            "a wait that ended after the switch came back changes nothing"
        );
        assert_eq!(f.phase(), Phase::On);
        f.handle(Event::Scanned(NONE));
        assert_eq!(f.handle(Event::GraceExpired), vec![Command::Render, Command::Report]);
        assert_eq!((f.phase(), f.reason()), (Phase::Unknown, Some(UnknownReason::NotFound)));
        // only hidden or unshown copies left (the switch away beside a hidden copy): waited for too
        let mut h = Flow::default();
        h.handle(Event::Scanned(OFF));
        assert_eq!(h.handle(Event::Scanned(HIDDEN)), vec![Command::StartGrace]);
        assert_eq!(h.phase(), Phase::Off);
        assert_eq!(h.handle(Event::Scanned(OFF)), vec![], "back: nothing to show");
        h.handle(Event::Scanned(HIDDEN));
        assert_eq!(h.handle(Event::GraceExpired), vec![Command::Render, Command::Report]);
        assert_eq!((h.phase(), h.reason()), (Phase::Unknown, Some(UnknownReason::Hidden)));
        // …and a verified change is kept through it, as through a re-render
        let mut v = Flow::default();
        v.handle(Event::Scanned(ON));
        v.handle(Event::Pressed(ON));
        v.handle(Event::Settled(OFF));
        assert_eq!(v.handle(Event::Scanned(HIDDEN)), vec![]);
        assert_eq!(v.phase(), Phase::Verified);
        assert!(!settle_due(SETTLE_MIN_MS as f64 + 1.0, 1_000.0, &HIDDEN), "not read yet");
        // other reasons are shown at once: a second switch is never waited out
        let mut g = Flow::default();
        g.handle(Event::Scanned(OFF));
        assert_eq!(g.handle(Event::Scanned(TWO)), vec![Command::Render, Command::Report]);
        assert_eq!(g.phase(), Phase::Unknown);
    }

    #[test]
    fn change_notes_pressed_verified_and_did_not_hold() {
        let mut f = Flow::default();
        f.handle(Event::Scanned(ON));
        assert_eq!(f.take_change_note(), ChangeNote::None);
        f.handle(Event::Pressed(ON));
        assert_eq!(f.take_change_note(), ChangeNote::Pressed(SwitchState::Off));
        assert_eq!(f.take_change_note(), ChangeNote::None, "once");
        f.handle(Event::Settled(OFF));
        assert_eq!(f.take_change_note(), ChangeNote::Verified);
        assert_eq!(f.take_change_note(), ChangeNote::None, "once per click");
        // the refused save is answered late: the switch goes back on in this visit
        f.handle(Event::Scanned(ON));
        assert_eq!(f.phase(), Phase::Failed);
        assert_eq!(f.take_change_note(), ChangeNote::DidNotHold);
        // and if it then reads off again, that is our change again (one entry)
        f.handle(Event::Scanned(OFF));
        assert_eq!(f.take_change_note(), ChangeNote::Verified);
        // a failure that was never verified withdraws nothing
        let mut g = Flow::default();
        g.handle(Event::Scanned(ON));
        g.handle(Event::Pressed(ON));
        g.take_change_note();
        g.handle(Event::Settled(ON));
        assert_eq!(g.take_change_note(), ChangeNote::None);
    }

    #[test]
    fn the_persons_own_action_is_theirs_not_a_failure() {
        // during switching
        let mut f = Flow::default();
        f.handle(Event::Scanned(ON));
        f.handle(Event::Pressed(ON));
        assert_eq!(f.take_change_note(), ChangeNote::Pressed(SwitchState::Off));
        assert_eq!(f.handle(Event::PersonActed), vec![]);
        assert_eq!(f.handle(Event::Settled(ON)), vec![Command::Render, Command::Report]);
        assert_eq!(f.phase(), Phase::On, "their reading");
        assert_eq!(f.take_change_note(), ChangeNote::None, "only the press was ours");
        assert!(f.actionable(), "the banner offers the switch-off again");
        // after a verified change
        let mut g = Flow::default();
        g.handle(Event::Scanned(ON));
        g.handle(Event::Pressed(ON));
        g.handle(Event::Settled(OFF));
        g.take_change_note();
        g.take_change_note();
        g.handle(Event::PersonActed);
        g.handle(Event::Scanned(ON));
        assert_eq!(g.phase(), Phase::On);
        assert_eq!(g.take_change_note(), ChangeNote::None, "the entry stays: they changed it back");
        // before any click of ours, the person's action is a plain reading anyway
        let mut h = Flow::default();
        h.handle(Event::Scanned(ON));
        h.handle(Event::PersonActed);
        h.handle(Event::Scanned(OFF));
        assert_eq!(h.phase(), Phase::Off);
        // a new click of ours after the person's: its result is ours again
        g.handle(Event::Pressed(ON));
        g.handle(Event::Settled(OFF));
        assert_eq!(g.phase(), Phase::Verified);
    }

    #[test]
    fn a_resumed_change_is_verified_by_its_first_reading() {
        let mut f = Flow::resumed(SwitchState::Off);
        assert_eq!(f.handle(Event::Scanned(OFF)), vec![Command::Render, Command::Report]);
        assert_eq!(f.phase(), Phase::Verified);
        assert_eq!(f.take_change_note(), ChangeNote::Verified);
        // read away from its target: it did not go through; a plain reading, nothing of ours
        let mut g = Flow::resumed(SwitchState::Off);
        g.handle(Event::Scanned(ON));
        assert_eq!(g.phase(), Phase::On);
        assert_eq!(g.take_change_note(), ChangeNote::None);
        assert_eq!(g.clicks(), 0);
    }

    #[test]
    fn scan_delay_is_bounded_by_cost() {
        assert_eq!(next_scan_delay_ms(0.5), SCAN_INTERVAL_MS);
        assert_eq!(next_scan_delay_ms(100.0), 500.0);
        assert_eq!(next_scan_delay_ms(f64::NAN), SCAN_INTERVAL_MS);
        assert_eq!(next_scan_delay_ms(-3.0), SCAN_INTERVAL_MS);
    }

    #[test]
    fn settle_timing() {
        let disabled = Detection::Unknown(UnknownReason::Disabled);
        assert!(!settle_due(100.0, 100.0, &OFF));
        assert!(!settle_due(3_100.0, 100.0, &OFF), "not quiet yet");
        assert!(settle_due(3_100.0, 500.0, &OFF));
        assert!(settle_due(3_100.0, 500.0, &ON));
        assert!(settle_due(3_100.0, 500.0, &TWO), "ambiguous after the click is a result (unknown)");
        assert!(!settle_due(3_100.0, 500.0, &disabled), "still saving");
        assert!(!settle_due(3_100.0, 500.0, &NONE), "still re-rendering");
        assert!(settle_due(10_000.0, 0.0, &NONE), "bounded");
    }
}
