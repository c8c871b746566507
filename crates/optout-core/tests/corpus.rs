//! The adversarial corpus (`tests/corpus/cases.json`), run as snapshots through the core: every
//! case's URL is classified, and every case that carries a snapshot is detected. The same cases
//! run end to end in Chromium and Firefox (`tests/e2e/suites/corpus.mjs`).

use optout_core::detect::detect_setting;
use optout_core::page::PageKind;
use optout_core::{classify_url, detect, Candidate, Detection, Snapshot, SwitchState, UnknownReason, Via};
use serde_json::Value;

#[allow(
    clippy::expect_used,
    reason = "test helper outside #[test]: a missing or malformed corpus file must fail the test run, with this message"
)]
fn cases() -> Vec<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/corpus/cases.json");
    let text = std::fs::read_to_string(path).expect("tests/corpus/cases.json");
    let v: Value = serde_json::from_str(&text).expect("valid JSON");
    v["cases"].as_array().expect("cases array").clone()
}

/// `"via tag type state [flags…]"`, e.g. `"key input checkbox on hidden"` or, for an ARIA switch
/// found by its test id, `"testid button - on"` (the state is then its `aria-checked`); `-` for none.
fn candidate(short: &str) -> Candidate {
    let parts: Vec<&str> = short.split_whitespace().collect();
    let opt = |s: &str| (s != "-").then(|| s.to_string());
    let flags = &parts[4..];
    // An input's state is its `.checked`; any other element's, its `aria-checked`.
    let input = parts[1] == "input";
    let state = match parts[3] {
        "on" => Some(true),
        "off" => Some(false),
        _ => None,
    };
    Candidate {
        via: match parts[0] {
            "key" => Via::Key,
            "id" => Via::Id,
            "label" => Via::Label,
            "testid" => Via::TestId,
            other => panic!("via {other}"),
        },
        tag: parts[1].into(),
        input_type: opt(parts[2]),
        role: Some("switch".into()),
        checked: state.filter(|_| input),
        aria_checked: state.filter(|_| !input).map(|on| on.to_string()),
        visible: !flags.contains(&"hidden"),
        shown: !flags.contains(&"unshown"),
        disabled: flags.contains(&"disabled"),
        inert: flags.contains(&"inert"),
        label: None,
        refs: vec![],
    }
}

fn detection_name(d: Detection) -> String {
    match d {
        Detection::Found { state: SwitchState::On, .. } => "on".into(),
        Detection::Found { state: SwitchState::Off, .. } => "off".into(),
        // Read from the row that opens the switch's dialog, the switch not on the page.
        Detection::Row { state: SwitchState::On } => "row on".into(),
        Detection::Row { state: SwitchState::Off } => "row off".into(),
        Detection::Unknown(r) => format!(
            "unknown:{}",
            match r {
                UnknownReason::NotFound => "notFound",
                UnknownReason::Ambiguous => "ambiguous",
                UnknownReason::NotACheckbox => "notACheckbox",
                UnknownReason::Hidden => "hidden",
                UnknownReason::Disabled => "disabled",
                UnknownReason::NotTopFrame => "notTopFrame",
            }
        ),
    }
}

#[test]
fn corpus_has_at_least_40_cases_with_unique_ids() {
    let cases = cases();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    let mut ids: Vec<&str> = cases.iter().map(|c| c["id"].as_str().unwrap()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), cases.len(), "duplicate ids");
}

#[test]
fn every_case_url_classifies_as_stated() {
    for c in cases() {
        let url = c["url"].as_str().unwrap();
        let got = match classify_url(url) {
            PageKind::Setting { .. } => "setting",
            PageKind::OtherSettings => "other-settings",
            PageKind::OtherOnSite => "linkedin",
            PageKind::Foreign => "foreign",
        };
        assert_eq!(got, c["page"].as_str().unwrap(), "case {}: {url}", c["id"]);
    }
}

#[test]
fn every_snapshot_case_detects_as_stated() {
    let mut n = 0;
    for c in cases() {
        let Some(s) = c.get("snapshot") else { continue };
        let snapshot = Snapshot {
            top_frame: s["frame"] == "top",
            candidates: s["candidates"].as_array().unwrap().iter().map(|x| candidate(x.as_str().unwrap())).collect(),
            truncated: s["truncated"] == true,
            lang: s.get("lang").and_then(|l| l.as_str()).map(String::from),
            // The Data controls row, where the case shows one (`{shown, disabled, inert, texts}`).
            rows: s.get("rows").map(|r| serde_json::from_value(r.clone()).unwrap()).unwrap_or_default(),
        };
        // Each case is detected as its page's setting reads its switch (a checkbox on LinkedIn, an
        // ARIA switch on ChatGPT); a case on no setting's page, as a checkbox.
        let url = c["url"].as_str().unwrap();
        let got = match classify_url(url) {
            PageKind::Setting { setting, .. } => detect_setting(setting, &snapshot),
            _ => detect(&snapshot),
        };
        assert_eq!(detection_name(got), c["detection"].as_str().unwrap(), "case {}", c["id"]);
        // The end-to-end expectation agrees with the snapshot's verdict.
        let banner = c["expect"].get("initial").or_else(|| c["expect"].get("banner")).and_then(Value::as_str);
        // A row's reading ("row on") is the banner's `on` as much as the switch's.
        let want = c["detection"].as_str().unwrap().trim_start_matches("row ").split(':').next().unwrap();
        assert_eq!(banner, Some(want), "case {}: expect vs detection", c["id"]);
        n += 1;
    }
    assert!(n >= 30, "{n} snapshot cases");
}
