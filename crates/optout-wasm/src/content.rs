//! The content script's life on a LinkedIn tab: follow the URL, and on a setting's page watch
//! for the switch with an owned MutationObserver, drive the core's `Flow`, render the banner.

use std::cell::RefCell;

use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Timeout;
use optout_core::catalog::{Step, Surface};
use optout_core::detect::{check_possible, row_to_click, wording, Wording};
use optout_core::flow::{
    next_scan_delay_ms, settle_due, EARLY_VERDICT_QUIET_MS, LOST_GRACE_MS, SINGLE_AFTER_TWO_MS, WAIT_FOR_SWITCH_MS,
    WATCH_INTERVAL_MS,
};
use optout_core::memory::{Memory, Options};
use optout_core::message::{BackgroundMessage, ContentMessage};
use optout_core::report::{bug_report, ReportInput};
use optout_core::view::banner::{banner_model, Action, BannerInput, ReportShown};
use optout_core::{classify_url, ChangeNote, Command, Detection, Event, Flow, PageKind, Phase, Setting, UnknownReason};
use wasm_bindgen::prelude::*;
use web_sys::{Document, MutationObserver, MutationObserverInit};

use crate::banner::{Banner, Ui};
use crate::clock::{self, now_ms};
use crate::dom;
use crate::js::{self, warn_on_error};

/// How often the settle condition is checked after our click, in ms.
pub const SETTLE_TICK_MS: u32 = 100;

thread_local! {
    static STATE: RefCell<Option<Content>> = const { RefCell::new(None) };
    static NEXT_VISIT_ID: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
}

struct Content {
    report: js_sys::Function,
    /// Resolves a core `Text` (`{key, args}`) to a string in the UI language (`extension/src/lib/i18n.js`).
    translate: js_sys::Function,
    /// The language and direction of the extension's own words (the banner's `lang` and `dir`).
    ui: Ui,
    /// The stored memory, followed as it changes: its undo request (used by at most one visit),
    /// its pending change, and the readings the checkup's next link skips by.
    memory: Memory,
    /// The stored options (the re-check period the checkup's next link uses).
    options: Options,
    visit: Option<Visit>,
    _listeners: [Option<EventListener>; 2],
}

/// One stay on a setting's page. Dropping it disconnects the observer, removes the banner and
/// cancels its timers (each an owned [`Timeout`], cancelled when dropped; a callback may drop its
/// own, as wasm-bindgen frees a closure only after its call returns).
struct Visit {
    /// Unique per visit: every timer callback checks it, so a timer of an earlier visit can never
    /// act on a later one.
    id: u64,
    setting: &'static Setting,
    href: String,
    flow: Flow,
    observer: MutationObserver,
    _observer_cb: Closure<dyn FnMut(js_sys::Array, MutationObserver)>,
    /// `change` and `click`, in the capture phase on the document (`on_change`, `on_click`).
    _listeners: [EventListener; 2],
    /// LinkedIn's switch as last detected: what the person's own action is recognised on.
    switch: Option<web_sys::Element>,
    /// Where the banner goes: the switch as last detected, else the one row a person can see
    /// that opens its dialog (ChatGPT's), as of the last scan.
    anchor: Option<web_sys::Element>,
    /// The last scan showed the setting's one row, its state unreadable, and it could be
    /// clicked ([`check_possible`]): the banner may offer `check`.
    row_unreadable: bool,
    /// The bound of the running reveal's wait for the switch (or a step that could not be carried
    /// out, at once): ends with `Event::RevealEnded`.
    reveal_timer: Option<Timeout>,
    /// The bounded wait for the switch to appear (`WAIT_FOR_SWITCH_MS`).
    wait_timer: Option<Timeout>,
    /// The next scan, throttled by `next_scan_delay_ms`.
    scan_timer: Option<Timeout>,
    /// The next settle check after a click (`SETTLE_TICK_MS`).
    settle_timer: Option<Timeout>,
    /// The next re-read while the page is open (`WATCH_INTERVAL_MS`).
    watch_timer: Option<Timeout>,
    /// The wait for a read switch that left the page to come back (`LOST_GRACE_MS`).
    grace_timer: Option<Timeout>,
    /// The wait for a single switch read after two to stay alone (`SINGLE_AFTER_TWO_MS`).
    hold_timer: Option<Timeout>,
    /// The next check for a quiet page (`EARLY_VERDICT_QUIET_MS` without DOM changes).
    quiet_timer: Option<Timeout>,
    last_scan_ms: f64,
    /// How long the last scan took, in ms.
    last_scan_cost_ms: f64,
    clicked_ms: Option<f64>,
    last_mutation_ms: f64,
    banner: Option<Banner>,
    /// The switch's label while the page shows it in a wording the catalog does not know for the
    /// page's language (`Wording::Changed`), as of the last scan that could judge it; `None`
    /// while the wording is known.
    label_seen: Option<String>,
    /// The details for a bug report the person asked for, whether the clipboard took them, and
    /// the phase and reason they were made in: shown only while both are still the same.
    report: Option<ReportMade>,
}

/// Details for a bug report, as made on the person's click.
struct ReportMade {
    text: String,
    copied: bool,
    phase: Phase,
    reason: Option<UnknownReason>,
}

impl Drop for Visit {
    fn drop(&mut self) {
        self.observer.disconnect();
        // The timers are cancelled as their fields drop.
    }
}

fn document() -> Option<Document> {
    web_sys::window()?.document()
}

/// Runs `f` once on a fresh task, owned by nobody (it cannot be cancelled; the closure is freed
/// after it runs). Timers a visit may cancel are [`Timeout`]s it owns instead.
fn run_soon(f: impl FnOnce() + 'static) {
    let cb = Closure::once_into_js(f);
    if let Some(w) = web_sys::window() {
        warn_on_error(
            "scheduling a task",
            w.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), 0),
        );
    }
}

/// Runs `f` on the state if it is free; when the state is busy (an event fired synchronously
/// inside our own call, e.g. `change` during our click), retries on a fresh task.
fn with_state(f: impl FnOnce(&mut Content) + 'static) {
    let done = STATE.with(|s| match s.try_borrow_mut() {
        Ok(mut guard) => {
            if let Some(content) = guard.as_mut() {
                f(content);
            }
            Ok(())
        }
        Err(_) => Err(f),
    });
    if let Err(f) = done {
        run_soon(move || with_state(f));
    }
}

fn report(content: &Content, msg: &ContentMessage) {
    let value = crate::js::to_js(msg);
    warn_on_error("sending a report to the background", content.report.call1(&JsValue::NULL, &value));
}

/// Starts the content script. `report` is called with each `ContentMessage` (as a plain
/// object) for the shell to forward to the background. Safe to call once per document; later
/// calls only re-check the URL.
///
/// `translate` resolves a text object to a string; `stored` is `{memory, options}` as
/// `storage.local` holds them (any values: decoded by the core, unreadable ones as empty or
/// default); `ui` is `{lang, dir}`, the language code and direction (`"ltr"` or `"rtl"`) of the
/// locale the extension's messages resolved to (`localeCode`, `localeDir`).
#[wasm_bindgen(js_name = startContentScript)]
pub fn start_content_script(report: js_sys::Function, translate: js_sys::Function, stored: JsValue, ui: JsValue) {
    let (memory, options) = stored_from_js(&stored);
    let ui = Ui::from_js(&ui);
    STATE.with(|s| {
        let mut guard = s.borrow_mut();
        if guard.is_some() {
            return;
        }
        let popstate = web_sys::window().map(|w| EventListener::new(&w, "popstate", |_| with_state(check_location)));
        // A page restored from the back/forward cache keeps its visit, but the browser reset the
        // tab's badge: report the current phase again.
        let pageshow = web_sys::window().map(|w| {
            EventListener::new(&w, "pageshow", |event| {
                let persisted =
                    js_sys::Reflect::get(event, &JsValue::from_str("persisted")).ok().and_then(|v| v.as_bool());
                if persisted == Some(true) {
                    with_state(|c| {
                        let Some(v) = c.visit.as_ref() else { return };
                        if v.flow.phase() != optout_core::Phase::Waiting {
                            let msg = phase_message(v, ChangeNote::None);
                            self::report(c, &msg);
                        }
                    });
                }
            })
        });
        *guard =
            Some(Content { report, translate, ui, memory, options, visit: None, _listeners: [popstate, pageshow] });
    });
    with_state(check_location);
}

/// `{memory, options}` decoded: an unreadable memory counts as empty here (the background resets
/// it and tells the user), unreadable options as the defaults.
fn stored_from_js(stored: &JsValue) -> (Memory, Options) {
    let (memory, _) = js::load_memory(js::field(stored, "memory"));
    (memory, js::options_from_js(js::field(stored, "options")))
}

/// Follows the stored `{memory, options}` as they change, so that an undo request used up or
/// withdrawn elsewhere is never offered from a stale copy, and the checkup's next link and a
/// pending change are read from the latest memory.
#[wasm_bindgen(js_name = setStored)]
pub fn set_stored(stored: JsValue) {
    let (memory, options) = stored_from_js(&stored);
    with_state(move |c| {
        c.memory = memory;
        c.options = options;
    });
}

/// Handles a message from the background (`{type: "urlChanged"}`); anything else is dropped.
#[wasm_bindgen(js_name = onBackgroundMessage)]
pub fn on_background_message(message: JsValue) {
    if let Ok(BackgroundMessage::UrlChanged) = serde_wasm_bindgen::from_value(message) {
        with_state(check_location);
    }
}

fn current_href() -> Option<String> {
    web_sys::window().and_then(|w| w.location().href().ok())
}

/// Compares the tab's URL with the current visit: starts, keeps or ends it. Called on
/// `popstate`, on the background's `urlChanged`, and before every scan (the page's own URL is
/// followed whatever the background is doing: asleep, restarting, or slow).
fn check_location(content: &mut Content) {
    let Some(href) = current_href() else { return };
    match classify_url(&href) {
        PageKind::Setting { setting, .. } => {
            if content.visit.as_ref().is_some_and(|v| v.setting == setting) {
                if let Some(v) = content.visit.as_mut() {
                    v.href = href;
                }
                return;
            }
            content.visit = None;
            let now = js_sys::Date::now();
            let flow = match (content.memory.pending_for(setting.id, now), content.memory.undo) {
                // Our click on an earlier visit that ended before its result was read (a
                // switch-off, or an undo): this visit reads it, towards the same state.
                (Some(p), _) => Flow::resumed(p.to),
                // A pending undo for this setting turns this visit's target around, once: the
                // background is told, so that no other load or tab offers it again.
                (None, Some(u)) if u.setting == setting.id && u.is_fresh(now) => {
                    content.memory.undo = None;
                    report(content, &ContentMessage::UndoOffered { setting: setting.id });
                    Flow::new(setting.private_state.flipped())
                }
                _ => Flow::new(setting.private_state),
            };
            // The person said "Not now" here before: the same reading stays hidden.
            let flow = match content.memory.dismissal_for(setting.id, now, content.options.recheck_days) {
                Some(d) => flow.holding_dismissal(d.reading),
                None => flow,
            };
            match Visit::start(setting, href, flow) {
                Ok(v) => {
                    content.visit = Some(v);
                    schedule_scan(content);
                }
                Err(error) => {
                    web_sys::console::error_2(&JsValue::from_str("Opt-Out Guard could not watch this page:"), &error);
                    content.visit = None;
                }
            }
        }
        _ => {
            if content.visit.take().is_some() {
                report(content, &ContentMessage::LeftSettingPage);
            }
        }
    }
}

impl Visit {
    fn start(setting: &'static Setting, href: String, flow: Flow) -> Result<Visit, JsValue> {
        let doc = document().ok_or_else(|| JsValue::from_str("no document"))?;
        let cb = Closure::<dyn FnMut(js_sys::Array, MutationObserver)>::new(|_records, _obs| {
            with_state(|c| {
                if let Some(v) = c.visit.as_mut() {
                    v.last_mutation_ms = now_ms();
                }
                schedule_scan(c);
            })
        });
        let observer = MutationObserver::new(cb.as_ref().unchecked_ref())?;
        let init = MutationObserverInit::new();
        init.set_child_list(true);
        init.set_subtree(true);
        init.set_attributes(true);
        // A row that shows the state as a word changes that word in place (a text node's data).
        init.set_character_data(setting.reveal.is_some());
        let filter: js_sys::Array =
            ["checked", "aria-checked", "role", "type", "disabled", "hidden", "inert", "class", "style"]
                .into_iter()
                .chain(dom::locator_attributes(setting))
                .map(JsValue::from_str)
                .collect();
        init.set_attribute_filter(&filter);
        observer.observe_with_options(&doc, &init)?;
        // `.checked` changes by the user fire no mutation: listen for the events instead.
        let opts = EventListenerOptions::run_in_capture_phase();
        // The person's own action on LinkedIn's switch (see `on_click` and `on_change`).
        let change = EventListener::new_with_options(&doc, "change", opts, on_change);
        let click = EventListener::new_with_options(&doc, "click", opts, on_click);
        let id = NEXT_VISIT_ID.with(|n| {
            let id = n.get();
            n.set(id + 1);
            id
        });
        let mut v = Visit {
            id,
            setting,
            href,
            flow,
            observer,
            _observer_cb: cb,
            _listeners: [change, click],
            switch: None,
            anchor: None,
            row_unreadable: false,
            reveal_timer: None,
            wait_timer: None,
            scan_timer: None,
            settle_timer: None,
            watch_timer: None,
            grace_timer: None,
            hold_timer: None,
            quiet_timer: None,
            last_scan_ms: f64::NEG_INFINITY,
            last_scan_cost_ms: 0.0,
            clicked_ms: None,
            last_mutation_ms: now_ms(),
            banner: None,
            label_seen: None,
            report: None,
        };
        v.wait_timer = Some(visit_timer(id, WAIT_FOR_SWITCH_MS, |v| v.wait_timer = None, Event::WaitExpired));
        watch_tick(&mut v);
        Ok(v)
    }
}

thread_local! {
    /// True while a person's click (trusted, not on our banner) is being handled, until the next
    /// task: a `change` of the switch in that time is theirs, even when the page's own handler
    /// forwarded their click to the switch (LinkedIn's legacy toggle does, with a script click).
    static PERSON_CLICK: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn event_target(event: &web_sys::Event) -> Option<web_sys::Element> {
    event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok())
}

/// True when `target` is `switch`, inside it, or inside one of its `<label>`s.
fn on_switch_or_label(target: &web_sys::Element, switch: &web_sys::Element) -> bool {
    if switch.contains(Some(target)) {
        return true;
    }
    let labels = switch.dyn_ref::<web_sys::HtmlInputElement>().and_then(|i| i.labels());
    labels.is_some_and(|l| (0..l.length()).filter_map(|i| l.get(i)).any(|label| label.contains(Some(target))))
}

/// A click, in the capture phase. A person's click (trusted, and not on our banner, whose press
/// makes our own click) opens the `PERSON_CLICK` window for this task; one on the switch or its
/// label is their action at once. Our own `.click()` is untrusted. Keys need no listener: Space
/// on a checkbox makes a trusted click; Enter toggles nothing.
fn on_click(event: &web_sys::Event) {
    if !event.is_trusted() {
        return;
    }
    let Some(target) = event_target(event) else { return };
    if target.closest("[data-optout-guard]").ok().flatten().is_some() {
        return;
    }
    PERSON_CLICK.with(|p| p.set(true));
    run_soon(|| PERSON_CLICK.with(|p| p.set(false)));
    with_state(move |c| {
        let on_switch =
            c.visit.as_ref().and_then(|v| v.switch.as_ref()).is_some_and(|s| on_switch_or_label(&target, s));
        if on_switch {
            person_acted(c);
        }
    });
}

/// A `change`, in the capture phase: `.checked` changes fire no mutation, so the switch is read
/// again; a change of the switch while a person's click is handled is their action (`change`
/// alone cannot tell: it is trusted after a script's click too).
fn on_change(event: &web_sys::Event) {
    let theirs = PERSON_CLICK.with(|p| p.get());
    let target = event_target(event);
    run_soon(move || {
        with_state(move |c| {
            let on_switch =
                c.visit.as_ref().and_then(|v| v.switch.as_ref()).zip(target.as_ref()).is_some_and(|(s, t)| s == t);
            if theirs && on_switch {
                person_acted(c);
            } else {
                schedule_scan(c);
            }
        })
    });
}

/// Tells the flow that the person operated the switch, carrying out what it commands (it
/// changes no phase; while switching, the banner stops saying that the switch reads at our
/// target), then reads the switch: what it shows is theirs.
fn person_acted(c: &mut Content) {
    handle(c, |_| Event::PersonActed);
    schedule_scan(c);
}

/// Runs `f` on the state only while visit `id` is the current visit.
fn with_visit(id: u64, f: impl FnOnce(&mut Content) + 'static) {
    with_state(move |c| {
        if c.visit.as_ref().is_some_and(|v| v.id == id) {
            f(c);
        }
    });
}

/// Schedules one scan, no sooner than `next_scan_delay_ms` after the previous one.
fn schedule_scan(content: &mut Content) {
    let Some(v) = content.visit.as_mut() else { return };
    if v.scan_timer.is_some() {
        return;
    }
    let wait = (next_scan_delay_ms(v.last_scan_cost_ms) - (now_ms() - v.last_scan_ms)).max(0.0) as u32;
    let id = v.id;
    v.scan_timer = Some(clock::timeout(wait, move || {
        with_visit(id, |c| {
            let Some(v) = c.visit.as_mut() else { return };
            v.scan_timer = None;
            let start = now_ms();
            handle(c, Event::Scanned);
            if let Some(v) = c.visit.as_mut() {
                v.last_scan_ms = now_ms();
                v.last_scan_cost_ms = v.last_scan_ms - start;
            }
        })
    }));
}

/// Re-reads the switch every `WATCH_INTERVAL_MS` for as long as the visit lasts: LinkedIn may
/// flip it by setting the `.checked` property alone, which neither mutates the DOM nor fires an
/// event.
fn watch_tick(v: &mut Visit) {
    let id = v.id;
    v.watch_timer = Some(clock::timeout(WATCH_INTERVAL_MS, move || {
        with_visit(id, |c| {
            schedule_scan(c);
            if let Some(v) = c.visit.as_mut() {
                watch_tick(v);
            }
        })
    }));
}

/// Takes a fresh scan, builds the event from its detection, runs the flow and carries out its commands.
fn handle(content: &mut Content, make_event: impl FnOnce(Detection) -> Event) {
    let Some(doc) = document() else { return };
    // The page moved on without our hearing of it (no `popstate`, the background asleep): the
    // visit follows the URL first, so no scan of another page's DOM is read for this setting.
    let Some(id) = content.visit.as_ref().map(|v| v.id) else { return };
    if content.visit.as_ref().is_some_and(|v| current_href().is_some_and(|h| h != v.href)) {
        check_location(content);
        if content.visit.as_ref().map(|v| v.id) != Some(id) {
            return;
        }
    }
    let Some(v) = content.visit.as_mut() else { return };
    let scan = dom::scan(&doc, v.setting);
    // One detection per scan: the event's (if it takes one) and the banner's anchor.
    let detection = scan.detection();
    let event = make_event(detection);
    let mut label_changed = false;
    let row_was_unreadable = v.row_unreadable;
    v.row_unreadable = check_possible(v.setting, &scan.snapshot);
    // Where no switch is read on a page that keeps it in a dialog (a setting with a reveal), the
    // banner goes into the topmost open modal dialog (behind it, nothing can be read or pressed):
    // beside a row or candidate in it, so that it spans the row's block, else at its top.
    let modal = || {
        let m = v.setting.reveal.and_then(|_| dom::topmost_modal(&doc))?;
        Some(scan.rows.iter().chain(&scan.elements).find(|e| m.contains(Some(e))).cloned().unwrap_or(m))
    };
    v.anchor = match detection {
        Detection::Found { index, .. } => scan.elements.get(index).cloned(),
        _ => modal()
            .or_else(|| row_to_click(v.setting, &scan.snapshot).and_then(|i| scan.rows.get(i).cloned()))
            .or_else(|| v.anchor.take().filter(|a| a.is_connected())),
    };
    if let Event::Scanned(d) | Event::Pressed(d) | Event::Settled(d) = event {
        if let Detection::Found { index, .. } = d {
            v.switch = scan.elements.get(index).cloned();
            // The label as the page shows it now: a changed wording, or a known one again;
            // nothing to compare leaves what was seen.
            let seen = match wording(v.setting, &scan.snapshot, index) {
                Wording::Changed(label) => Some(label),
                Wording::Known => None,
                Wording::Unjudged => v.label_seen.clone(),
            };
            label_changed = seen != v.label_seen;
            v.label_seen = seen;
        }
    }
    let mut cmds = v.flow.handle(event);
    // A wording that changed while the phase did not, or a row that became readable or not
    // (`check` offered or not): the banner says so now, not at the next phase.
    let row_changed = row_was_unreadable != v.row_unreadable;
    if (label_changed || row_changed) && v.flow.banner_shown() && !cmds.contains(&Command::Render) {
        cmds.push(Command::Render);
    }
    let mut reports = Vec::new();
    for cmd in cmds {
        match cmd {
            Command::Click { index } => {
                if let Some(el) = scan.elements.get(index) {
                    dom::click(el);
                }
            }
            Command::StartSettle => {
                let t = now_ms();
                v.clicked_ms = Some(t);
                v.last_mutation_ms = t;
                settle_tick(v);
            }
            Command::Render => {
                let next = next_to_check(v.setting, &content.memory, content.options);
                render(v, &doc, &content.translate, &content.ui, next)
            }
            Command::StartGrace => start_grace(v),
            Command::StartHold => start_hold(v),
            // Not on a visit that offers an undo: its "Not now" is about the undo, used up anyway.
            Command::RememberDismissal if v.flow.target() == v.setting.private_state => {
                reports.push(ContentMessage::BannerDismissed { setting: v.setting.id, reading: v.flow.reading() })
            }
            Command::RememberDismissal => {}
            Command::WatchForQuiet => quiet_tick(v),
            Command::Reveal => reveal(v, &scan),
            Command::Hide => {
                if let Some(b) = v.banner.as_ref() {
                    b.detach();
                }
            }
            Command::Report => {
                let note = v.flow.take_change_note();
                reports.push(phase_message(v, note));
            }
        }
    }
    // The reveal ended (the switch read, or it failed): its bound is cancelled.
    if !v.flow.revealing() {
        v.reveal_timer = None;
    }
    // LinkedIn may re-render and drop our host: put it back while it should show.
    if !v.flow.dismissed() {
        if let Some(b) = v.banner.as_ref() {
            warn_on_error("attaching the banner", b.attach(&doc, v.anchor.as_ref()));
        }
    }
    for r in reports {
        report(content, &r);
    }
}

/// A timer of visit `id` that, after `ms` flow milliseconds, clears its own field (`clear`) and
/// hands `event` to the flow; it does nothing once that visit has ended. Not inside the generic
/// `handle`: a callback defined there would make each instance of `handle` name another.
fn visit_timer(id: u64, ms: u32, clear: fn(&mut Visit), event: Event) -> Timeout {
    clock::timeout(ms, move || {
        with_visit(id, move |c| {
            if let Some(v) = c.visit.as_mut() {
                clear(v);
            }
            handle(c, |_| event);
        })
    })
}

/// Carries out the setting's reveal steps ([`optout_core::catalog::Reveal`]) on the scan the
/// press or `check` was handled with: [`Step::ClickRow`] clicks the one row the core names
/// ([`row_to_click`]), once; [`Step::WaitForSwitch`] arms its bound and ends the steps (the
/// switch it waits for arrives as a scan). A step that cannot be carried out ends the reveal
/// at once, on a fresh task (`Event::RevealEnded`). A new reveal replaces the bound of any
/// earlier one.
fn reveal(v: &mut Visit, scan: &dom::Scan) {
    let id = v.id;
    let ended = |ms| visit_timer(id, ms, |v| v.reveal_timer = None, Event::RevealEnded);
    let Some(r) = v.setting.reveal else {
        v.reveal_timer = Some(ended(0));
        return;
    };
    for step in r.steps {
        match step {
            Step::ClickRow => match row_to_click(v.setting, &scan.snapshot).and_then(|i| scan.rows.get(i)) {
                Some(row) => {
                    dom::click(row);
                    v.flow.note_row_clicked();
                }
                None => {
                    v.reveal_timer = Some(ended(0));
                    return;
                }
            },
            Step::WaitForSwitch { max_ms } => {
                v.reveal_timer = Some(ended(*max_ms));
                return;
            }
        }
    }
    // Steps without a wait: nothing brings the switch.
    v.reveal_timer = Some(ended(0));
}

/// Arms the wait for a read switch that left the page (`LOST_GRACE_MS`); a new one replaces (and
/// so cancels) the one running.
fn start_grace(v: &mut Visit) {
    v.grace_timer = Some(visit_timer(v.id, LOST_GRACE_MS, |v| v.grace_timer = None, Event::GraceExpired));
}

/// Arms the wait for a single switch read after two to stay alone (`SINGLE_AFTER_TWO_MS`), as
/// [`start_grace`].
fn start_hold(v: &mut Visit) {
    v.hold_timer = Some(visit_timer(v.id, SINGLE_AFTER_TWO_MS, |v| v.hold_timer = None, Event::HoldExpired));
}

/// Checks every `SETTLE_TICK_MS` whether the page has had no DOM change for
/// `EARLY_VERDICT_QUIET_MS`; then tells the flow ([`Event::PageQuiet`]).
fn quiet_tick(v: &mut Visit) {
    let id = v.id;
    v.quiet_timer = Some(clock::timeout(SETTLE_TICK_MS, move || {
        with_visit(id, |c| {
            let Some(v) = c.visit.as_mut() else { return };
            v.quiet_timer = None;
            if now_ms() - v.last_mutation_ms >= EARLY_VERDICT_QUIET_MS as f64 {
                handle(c, |_| Event::PageQuiet);
            } else {
                quiet_tick(v);
            }
        })
    }));
}

fn settle_tick(v: &mut Visit) {
    let id = v.id;
    v.settle_timer = Some(clock::timeout(SETTLE_TICK_MS, move || {
        with_visit(id, |c| {
            let Some(v) = c.visit.as_mut() else { return };
            v.settle_timer = None;
            let Some(clicked) = v.clicked_ms else { return };
            let now = now_ms();
            let Some(doc) = document() else { return };
            let reading = dom::scan(&doc, v.setting).detection();
            if settle_due(now - clicked, now - v.last_mutation_ms, &reading) {
                v.clicked_ms = None;
                handle(c, Event::Settled);
            } else {
                settle_tick(v);
            }
        })
    }));
}

fn on_action(action: Action) {
    with_state(move |c| match action {
        Action::SwitchOff | Action::SwitchOn | Action::Retry => handle(c, Event::Pressed),
        Action::Dismiss => handle(c, |_| Event::Dismissed),
        Action::Check => handle(c, |_| Event::Check),
        Action::CopyReport => copy_report(c),
    });
}

/// The person asked for the details for a bug report: made by the core from a scan now, written
/// to the clipboard on this click (the page's permissions policy may refuse it), and shown in the
/// banner either way, so they can be read and copied by hand.
fn copy_report(content: &mut Content) {
    let (Some(doc), Some(window)) = (document(), web_sys::window()) else { return };
    let Some(v) = content.visit.as_mut() else { return };
    let scan = dom::scan(&doc, v.setting);
    let surface = match classify_url(&v.href) {
        PageKind::Setting { surface, .. } => surface,
        _ => Surface::Desktop,
    };
    let navigator = window.navigator();
    let user_agent = navigator.user_agent().unwrap_or_default();
    let text = bug_report(ReportInput {
        setting: v.setting,
        surface,
        snapshot: &scan.snapshot,
        phase: v.flow.phase(),
        reason: v.flow.reason(),
        clicks: v.flow.clicks(),
        extension_version: &content.ui.version,
        user_agent: &user_agent,
        cap: dom::MAX_LABEL_CANDIDATES,
    });
    let id = v.id;
    let (phase, reason) = (v.flow.phase(), v.flow.reason());
    // Kept with the verdict they were made for: `render` shows them only while it stands, also
    // when the clipboard answers after the page moved on.
    let shown = move |text: String, copied: bool| {
        with_visit(id, move |c| {
            let Some(doc) = document() else { return };
            let Some(v) = c.visit.as_mut() else { return };
            v.report = Some(ReportMade { text, copied, phase, reason });
            // A dismissed banner stays away.
            if v.flow.banner_shown() {
                let next = next_to_check(v.setting, &c.memory, c.options);
                render(v, &doc, &c.translate, &c.ui, next);
            }
        })
    };
    let clipboard = crate::js::field(&navigator, "clipboard").dyn_into::<web_sys::Clipboard>().ok();
    let Some(clipboard) = clipboard else { return shown(text, false) };
    let written = clipboard.write_text(&text);
    let (ok_text, err_text) = (text.clone(), text);
    let ok: Closure<dyn FnMut(JsValue)> = Closure::once(move |_: JsValue| shown(ok_text, true));
    let err: Closure<dyn FnMut(JsValue)> = Closure::once(move |_: JsValue| shown(err_text, false));
    // The outcome arrives through one of the two callbacks; the chained promise is not needed.
    drop(written.then2(&ok, &err));
    // Left to the promise, which calls one of them once: the other is a few bytes per click.
    ok.forget();
    err.forget();
}

/// The report for the visit's current phase, with what it says about a change of ours.
fn phase_message(v: &Visit, change: ChangeNote) -> ContentMessage {
    ContentMessage::PhaseChanged {
        setting: v.setting.id,
        phase: v.flow.phase(),
        reading: v.flow.reading(),
        change,
        label_seen: v.label_seen.clone(),
    }
}

/// The privacy checkup's next setting after `setting`, skipping those the memory knows are off.
fn next_to_check(setting: &'static Setting, memory: &Memory, options: Options) -> Option<&'static Setting> {
    let now = js_sys::Date::now();
    setting.next_to_check(|s| memory.known_private(s.id, now, options.recheck_days))
}

fn render(v: &mut Visit, doc: &Document, translate: &js_sys::Function, ui: &Ui, next: Option<&'static Setting>) {
    let input = BannerInput {
        setting: v.setting,
        phase: v.flow.phase(),
        reason: v.flow.reason(),
        clicked: v.flow.clicks() > 0,
        target: v.flow.target(),
        next,
        label_seen: v.label_seen.as_deref(),
        report: v
            .report
            .as_ref()
            .filter(|r| (r.phase, r.reason) == (v.flow.phase(), v.flow.reason()))
            .map(|r| ReportShown { text: &r.text, copied: r.copied }),
        reads_target: v.flow.reads_target(),
        offer_check: v.flow.can_check() && v.row_unreadable,
        revealing: v.flow.revealing(),
        row_clicked: v.flow.row_clicked(),
        reveal_failed: v.flow.reveal_failed(),
    };
    let Some(model) = banner_model(input) else { return };
    if v.banner.is_none() {
        v.banner = warn_on_error("building the banner", Banner::new(doc, translate, ui, on_action));
    }
    if let Some(b) = v.banner.as_ref() {
        warn_on_error("rendering the banner", b.render(doc, &model, translate));
        warn_on_error("attaching the banner", b.attach(doc, v.anchor.as_ref()));
    }
}
