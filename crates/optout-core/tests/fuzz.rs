//! Property tests (proptest) over everything that decodes or decides from outside input:
//! message and storage decoders, snapshots, URL classification and the flow. No input may
//! panic, and no sequence of events may produce a click the rules forbid.

use optout_core::detect::detect_as;
use optout_core::memory::Memory;
use optout_core::message::{BackgroundMessage, ContentMessage};
use optout_core::snapshot::Control;
use optout_core::{
    classify_url, detect, Candidate, Command, Detection, Event, Flow, Snapshot, SwitchState, UnknownReason, Via,
};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Arbitrary JSON, biased towards the shapes our decoders expect (objects with known keys).
fn json_value() -> impl Strategy<Value = Value> {
    let keys = prop::sample::select(vec![
        "type",
        "setting",
        "phase",
        "version",
        "aiTraining",
        "state",
        "seenAtMs",
        "verifiedByUs",
        "topFrame",
        "candidates",
        "via",
        "tag",
        "inputType",
        "role",
        "checked",
        "ariaChecked",
        "visible",
        "shown",
        "disabled",
        "inert",
        "x",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>().prop_map(|f| json!(f)),
        any::<i64>().prop_map(|i| json!(i)),
        prop::sample::select(vec![
            "phaseChanged",
            "leftSettingPage",
            "urlChanged",
            "aiTraining",
            "on",
            "off",
            "verified",
            "key",
            "label",
            "input",
            "checkbox",
            ""
        ])
        .prop_map(|s| json!(s)),
        ".{0,40}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::btree_map(keys.clone(), inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
        ]
    })
}

fn candidate() -> impl Strategy<Value = Candidate> {
    (
        (
            prop::bool::ANY,
            prop::sample::select(vec!["input", "div", "span", "button"]),
            prop::option::of(prop::sample::select(vec!["checkbox", "text", "radio"])),
            prop::option::of(prop::sample::select(vec!["switch", "checkbox", "button"])),
            prop::option::of(any::<bool>()),
            prop::option::of(prop::sample::select(vec!["true", "false", "mixed", "", "TRUE"])),
        ),
        (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()),
    )
        .prop_map(|((key, tag, ty, role, checked, aria), (visible, shown, disabled, inert))| Candidate {
            via: if key { Via::Key } else { Via::Label },
            tag: tag.into(),
            input_type: ty.map(String::from),
            role: role.map(String::from),
            checked,
            aria_checked: aria.map(String::from),
            visible,
            shown,
            disabled,
            inert,
            label: None,
            refs: vec![],
        })
}

fn snapshot() -> impl Strategy<Value = Snapshot> {
    (any::<bool>(), prop::collection::vec(candidate(), 0..6)).prop_map(|(top_frame, candidates)| Snapshot {
        top_frame,
        candidates,
        truncated: false,
        lang: None,
        rows: vec![],
    })
}

/// A snapshot for the flow's sequences, weighted towards what the flow meets on real pages (a
/// random snapshot is rarely one clear switch, so the flow's clicks were seldom reached): no
/// candidate, one actionable switch on or off, two of them, or any snapshot.
fn page_snapshot() -> impl Strategy<Value = Snapshot> {
    let page = |candidates: Vec<Candidate>| Snapshot {
        top_frame: true,
        candidates,
        truncated: false,
        lang: None,
        rows: vec![],
    };
    let switch = Candidate::keyed_checkbox;
    prop_oneof![
        2 => Just(page(vec![])),
        3 => any::<bool>().prop_map(move |on| page(vec![switch(on)])),
        1 => (any::<bool>(), any::<bool>()).prop_map(move |(a, b)| page(vec![switch(a), switch(b)])),
        2 => snapshot(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn decoders_never_panic(v in json_value()) {
        let _ = serde_json::from_value::<ContentMessage>(v.clone());
        let _ = serde_json::from_value::<BackgroundMessage>(v.clone());
        let _ = serde_json::from_value::<Memory>(v.clone());
        let _ = serde_json::from_value::<Snapshot>(v);
    }

    #[test]
    fn classify_never_panics(s in ".{0,200}", path in "[a-z/._?#-]{0,80}") {
        let _ = classify_url(&s);
        let _ = classify_url(&format!("https://www.linkedin.com/{path}"));
    }

    #[test]
    fn detect_names_only_a_unique_actionable_checkbox(s in snapshot()) {
        match detect(&s) {
            Detection::Found { index, state } => {
                let c = &s.candidates[index];
                prop_assert!(s.top_frame && c.is_actionable() && c.shown);
                prop_assert_eq!(state == SwitchState::On, c.checked == Some(true));
                let visible_checkboxes = s.candidates.iter().filter(|c| c.is_checkbox() && c.visible && !c.inert).count();
                prop_assert_eq!(visible_checkboxes, 1);
            }
            // detect and detect_as never read a row: that is detect_setting's.
            Detection::Row { .. } => prop_assert!(false, "a row reading from detect"),
            Detection::Unknown(_) => {}
        }
    }

    /// The same rules for a setting whose switch is a `<button role="switch">` read through
    /// `aria-checked` (Control::AriaSwitch): only a unique actionable one, its state exactly
    /// `"true"` or `"false"`, and no visible element of another kind beside it.
    #[test]
    fn detect_as_aria_switch_names_only_a_unique_readable_button(s in snapshot()) {
        let control = Control::AriaSwitch;
        match detect_as(control, &s) {
            Detection::Found { index, state } => {
                let c = &s.candidates[index];
                prop_assert!(s.top_frame && c.shown && c.visible && !c.inert && !c.disabled);
                prop_assert!(c.tag == "button" && c.role.as_deref() == Some("switch"));
                prop_assert_eq!(c.aria_checked.as_deref(), Some(if state == SwitchState::On { "true" } else { "false" }));
                prop_assert_eq!(s.candidates.iter().filter(|c| c.visible && !c.inert).count(), 1);
            }
            Detection::Row { .. } => prop_assert!(false, "a row reading from detect_as"),
            Detection::Unknown(_) => {}
        }
    }

    /// Any sequence of events, towards either target: a click only answers a press whose fresh
    /// detection is a unique switch away from the target, at most one per press, never while
    /// switching, and `Verified` is only ever reached from a reading of the target state (read
    /// just now, or, at the end of a hold, the single switch held since its last scan).
    #[test]
    fn flow_never_clicks_wrongly(undo in any::<bool>(), events in prop::collection::vec((0u8..8, page_snapshot()), 0..40)) {
        let target = if undo { SwitchState::On } else { SwitchState::Off };
        let mut flow = Flow::new(target);
        for (kind, snap) in events {
            let d = detect(&snap);
            let before = flow.phase();
            let held = flow.last_detection();
            let event = match kind {
                0 => Event::Scanned(d),
                1 => Event::WaitExpired,
                2 => Event::Pressed(d),
                3 => Event::Settled(d),
                4 => Event::PageQuiet,
                5 => Event::HoldExpired,
                6 => Event::GraceExpired,
                _ => Event::Dismissed,
            };
            let cmds = flow.handle(event);
            let clicks: Vec<_> = cmds.iter().filter(|c| matches!(c, Command::Click { .. })).collect();
            prop_assert!(clicks.len() <= 1);
            if let Some(Command::Click { index }) = clicks.first() {
                let pressed_away = matches!(event, Event::Pressed(Detection::Found { state, .. }) if state != target);
                prop_assert!(pressed_away);
                prop_assert!(before != optout_core::Phase::Switching);
                prop_assert!(snap.candidates[*index].is_actionable());
            }
            if flow.phase() == optout_core::Phase::Verified && before != optout_core::Phase::Verified {
                let read_target = matches!(event, Event::Settled(Detection::Found { state, .. })
                    | Event::Scanned(Detection::Found { state, .. }) if state == target)
                    || matches!(event, Event::HoldExpired) && held.and_then(|d| d.state()) == Some(target);
                prop_assert!(read_target);
                prop_assert_eq!(flow.reading(), Some(target));
            }
            if flow.phase() == optout_core::Phase::Unknown {
                prop_assert!(flow.reason().is_some());
            }
        }
    }

    /// A setting whose switch sits in a dialog (a [`Reveal`](optout_core::catalog::Reveal)): the
    /// row's readings, `check` and the end of the reveal in any order. The row is never clicked
    /// by the flow (it only asks for the reveal, on a press of a row that reads away from the
    /// target or on `check`), and a switch is clicked only for a press, or for the first switch
    /// read after the reveal that a press started, away from the target.
    #[test]
    fn flow_with_a_row_never_clicks_wrongly(undo in any::<bool>(), events in prop::collection::vec((0u8..10, 0u8..6), 0..50)) {
        let target = if undo { SwitchState::On } else { SwitchState::Off };
        let mut flow = Flow::new(target);
        // A reveal a press started runs: the next switch read may be clicked.
        let mut armed = false;
        for (kind, which) in events {
            let d = match which {
                0 => Detection::Found { index: 0, state: SwitchState::On },
                1 => Detection::Found { index: 0, state: SwitchState::Off },
                2 => Detection::Row { state: SwitchState::On },
                3 => Detection::Row { state: SwitchState::Off },
                4 => Detection::Unknown(UnknownReason::NotFound),
                _ => Detection::Unknown(UnknownReason::Ambiguous),
            };
            let before = flow.phase();
            let event = match kind {
                0 | 1 => Event::Scanned(d),
                2 => Event::Pressed(d),
                3 => Event::Settled(d),
                4 => Event::Check,
                5 => Event::RevealEnded,
                6 => Event::WaitExpired,
                7 => Event::GraceExpired,
                8 => Event::HoldExpired,
                _ => Event::Dismissed,
            };
            let cmds = flow.handle(event);
            let clicks = cmds.iter().filter(|c| matches!(c, Command::Click { .. })).count();
            prop_assert!(clicks <= 1);
            if clicks == 1 {
                let away = matches!(d, Detection::Found { state, .. } if state != target);
                let by_press = matches!(event, Event::Pressed(_));
                let after_reveal = armed && matches!(event, Event::Scanned(_));
                prop_assert!(away && (by_press || after_reveal), "{event:?} armed={armed}");
                prop_assert!(before != optout_core::Phase::Switching);
            }
            if cmds.contains(&Command::Reveal) {
                let pressed_row = matches!(event, Event::Pressed(Detection::Row { state }) if state != target);
                prop_assert!(pressed_row || event == Event::Check, "{event:?}");
                armed = pressed_row;
            }
            if matches!(event, Event::RevealEnded) || matches!(event, Event::Scanned(Detection::Found { .. })) {
                armed = false;
            }
            prop_assert_eq!(armed && !flow.revealing(), false, "armed only while the reveal runs");
            if flow.phase() == optout_core::Phase::Unknown {
                prop_assert!(flow.reason().is_some());
            }
        }
    }
}
