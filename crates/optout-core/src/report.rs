//! The details for a bug report (issue 17 point 4): a structural summary of what the last scan
//! of a setting's page saw, made when the person asks for it on a banner that could not help
//! (`unknown`, `failed`), copied to their clipboard on that click and sent by nobody.
//!
//! What it holds: the setting and surface, the page's language tag, the extension's and the
//! browser's versions (name and major version only), the verdict, and for each candidate control
//! its kind, state flags, how detection rejected it, and its `aria-*` / `id` references, named
//! when they are catalog keys or ids and described by shape (length, character classes) when they
//! are not. What it never holds: page text other than the catalog's own wordings it compared
//! against, names, ids, emails or URLs beyond the catalog's settings paths. Every value that
//! comes from the page is either a closed set (tags, roles and types outside a known list are
//! written as `other`), a number, or a shape.

use crate::catalog::{self, Locator, Setting, Surface};
use crate::detect::{detect_as, row_seen, wording, Detection, RowSeen, Wording};
use crate::snapshot::{Candidate, Snapshot, Via};
use crate::vocab::{Phase, SwitchState, UnknownReason};

/// At most this many references of a candidate are read into its snapshot
/// ([`Candidate::refs`]) and described.
pub const REFS_MAX: usize = 8;

/// At most this many characters of one reference are read (a longer one is cut; its shape says
/// "at least").
pub const REF_MAX_CHARS: usize = 64;

/// What the report is made from.
#[derive(Clone, Copy, Debug)]
pub struct ReportInput<'a> {
    /// The setting whose page this is.
    pub setting: &'a Setting,
    /// Which settings app serves the page.
    pub surface: Surface,
    /// The scan made for the report (on the person's click).
    pub snapshot: &'a Snapshot,
    /// Where the flow stands.
    pub phase: Phase,
    /// Why the phase is `Unknown`, if it is.
    pub reason: Option<UnknownReason>,
    /// How many times Opt-Out Guard clicked the switch during this visit.
    pub clicks: u32,
    /// The extension's version (`runtime.getManifest().version`).
    pub extension_version: &'a str,
    /// `navigator.userAgent`: only the browser's name and major version are kept.
    pub user_agent: &'a str,
    /// The DOM reader's cap on elements per locator (`MAX_LABEL_CANDIDATES` in the facade).
    pub cap: u32,
}

/// Tags written as they are; any other is `other`.
const TAGS: &[&str] = &["input", "button", "div", "span", "label", "a", "li", "p", "artdeco-toggle"];
/// Roles written as they are; any other is `other`.
const ROLES: &[&str] = &["switch", "checkbox", "button", "menuitemcheckbox", "radio", "presentation", "none"];
/// Input types written as they are; any other is `other`.
const INPUT_TYPES: &[&str] = &["checkbox", "radio", "text", "hidden", "button", "submit"];

fn closed<'a>(value: Option<&str>, known: &[&'a str]) -> &'a str {
    match value {
        None => "none",
        Some(v) => known.iter().copied().find(|k| k.eq_ignore_ascii_case(v)).unwrap_or("other"),
    }
}

/// The browser's name and major version from a user agent, e.g. `Firefox 153`, `Chromium 156`;
/// `unknown browser` for anything else. Nothing else of the user agent is kept.
pub fn browser_of(user_agent: &str) -> String {
    let major = |name: &str| {
        let at = user_agent.find(name)? + name.len();
        let digits: String = user_agent[at..].chars().take_while(char::is_ascii_digit).take(4).collect();
        (!digits.is_empty()).then_some(digits)
    };
    let mobile = if user_agent.contains("Android") { " (Android)" } else { "" };
    if let Some(v) = major("Firefox/") {
        format!("Firefox {v}{mobile}")
    } else if let Some(v) = major("Chrome/") {
        format!("Chromium {v}{mobile}")
    } else {
        "unknown browser".into()
    }
}

/// The shape of a reference that is no catalog key or id: its length and which kinds of
/// characters it holds, never the characters themselves.
fn shape(token: &str) -> String {
    let mut kinds = Vec::new();
    if token.chars().any(|c| c.is_ascii_lowercase()) {
        kinds.push("lower-case letters");
    }
    if token.chars().any(|c| c.is_ascii_uppercase()) {
        kinds.push("capitals");
    }
    if token.chars().any(|c| c.is_ascii_digit()) {
        kinds.push("digits");
    }
    if token.chars().any(|c| c == '-' || c == '_') {
        kinds.push("- or _");
    }
    if token.chars().any(|c| !c.is_ascii_alphanumeric() && c != '-' && c != '_') {
        kinds.push("other characters");
    }
    let n = token.chars().count();
    let at_least = if n >= REF_MAX_CHARS { "at least " } else { "" };
    format!("not a catalog key ({at_least}{n} characters: {})", kinds.join(", "))
}

/// A reference named when it is one of the catalog's keys or ids (public, and the same for every
/// member), else described by [`shape`].
fn reference(token: &str) -> String {
    let known = catalog::settings().flat_map(|s| s.locators.iter()).any(|l| match l {
        Locator::LabelledBy(key) | Locator::ElementId(key) | Locator::TestId(key) => *key == token,
        Locator::Label(_) => false,
    });
    if known {
        format!("{token} (catalog key)")
    } else {
        shape(token)
    }
}

/// Why detection did not take candidate `i` (or that it did).
fn verdict_of(snapshot: &Snapshot, found: Option<usize>, i: usize) -> &'static str {
    let c = &snapshot.candidates[i];
    let visible_checkboxes = snapshot.candidates.iter().filter(|c| c.is_checkbox() && c.visible && !c.inert).count();
    if found == Some(i) {
        "taken: the one switch"
    } else if !c.is_checkbox() {
        "rejected: not a native checkbox"
    } else if c.inert {
        "rejected: inside a hidden or inert part of the page"
    } else if !c.visible {
        "rejected: not shown (no layout box)"
    } else if visible_checkboxes > 1 {
        "rejected: one of several shown checkboxes (which one is the switch is not certain)"
    } else if c.disabled {
        "rejected: disabled"
    } else if c.checked.is_none() {
        "rejected: no live checked value"
    } else {
        "rejected: the page was not read whole (see above)"
    }
}

fn yes(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

fn candidate_lines(c: &Candidate, n: usize, verdict: &str, out: &mut Vec<String>) {
    let via = match c.via {
        Via::Key => "its aria-labelledby key",
        Via::Id => "its element id",
        Via::TestId => "its data-testid",
        Via::Label => "its label",
    };
    out.push(format!(
        "{n}. found by {via}: tag {}, type {}, role {}; shown {}, inside hidden/inert {}, disabled {}, live checked value {}; {verdict}",
        closed(Some(&c.tag), TAGS),
        closed(c.input_type.as_deref(), INPUT_TYPES),
        closed(c.role.as_deref(), ROLES),
        yes(c.visible),
        yes(c.inert),
        yes(c.disabled),
        yes(c.checked.is_some()),
    ));
    for r in c.refs.iter().take(REFS_MAX) {
        let attribute = match r.attribute.as_str() {
            a @ ("aria-labelledby" | "aria-describedby" | "aria-controls" | "id" | "for") => a,
            _ => "other attribute",
        };
        out.push(format!("   {attribute}: {}", reference(&r.token)));
    }
}

/// A language tag as the page gives it, kept only in the shape of a plain one: a language of 2 or
/// 3 letters, then optionally a script of 4 letters and a region of 2 letters or 3 digits
/// (`en`, `pt-BR`, `zh-Hant-TW`, `es-419`); anything else (private-use parts, words, names) is
/// written as `not a plain language tag`, so no page text passes through it.
fn language_tag(lang: Option<&str>) -> String {
    let Some(lang) = lang else { return "none".into() };
    let parts: Vec<&str> = lang.split('-').collect();
    let letters = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphabetic())
    };
    let region = |s: &str| letters(s, 2..=2) || (s.len() == 3 && s.chars().all(|c| c.is_ascii_digit()));
    let plain = match parts.as_slice() {
        [l] => letters(l, 2..=3),
        [l, r] => letters(l, 2..=3) && (letters(r, 4..=4) || region(r)),
        [l, s, r] => letters(l, 2..=3) && letters(s, 4..=4) && region(r),
        _ => false,
    };
    if plain {
        lang.into()
    } else {
        "not a plain language tag".into()
    }
}

/// The report's text (English, for the project's issue tracker): plain lines, as described in
/// the module's documentation.
pub fn bug_report(input: ReportInput) -> String {
    let ReportInput { setting, surface, snapshot, phase, reason, clicks, extension_version, user_agent, cap } = input;
    let detection = detect_as(setting.control, snapshot);
    let found = match detection {
        Detection::Found { index, .. } => Some(index),
        Detection::Row { .. } | Detection::Unknown(_) => None,
    };
    let version: String =
        extension_version.chars().filter(|c| c.is_ascii_digit() || *c == '.').take(16).collect::<String>();
    let surface = match surface {
        Surface::Desktop => "desktop",
        Surface::MobileWeb => "mobile web",
    };
    let why = match reason {
        Some(r) => format!(" ({})", r.as_str()),
        None => String::new(),
    };
    let lang = language_tag(snapshot.lang.as_deref());
    let mut out = vec![
        "Opt-Out Guard: details for a bug report (copied by you; Opt-Out Guard sends nothing)".to_string(),
        format!("extension: {version}"),
        format!("browser: {}", browser_of(user_agent)),
        format!("setting: {} ({}, {surface})", setting.messages.id, setting.path),
        format!("page language: {lang}"),
        format!("shown: {}{why}; clicks by Opt-Out Guard on this visit: {clicks}", phase.as_str()),
        format!("read in the top frame: {}", yes(snapshot.top_frame)),
        format!(
            "candidates: {} (at most {cap} elements read per way of finding; read whole: {})",
            snapshot.candidates.len(),
            yes(!snapshot.truncated)
        ),
    ];
    for (i, c) in snapshot.candidates.iter().enumerate() {
        candidate_lines(c, i + 1, verdict_of(snapshot, found, i), &mut out);
    }
    if setting.reveal.is_some() {
        // The row's texts are the page's: only what they tell is said.
        let seen = match row_seen(setting, snapshot) {
            RowSeen::Absent => "none a person can see",
            RowSeen::Unreadable => "one or more, its state not readable",
            RowSeen::Reads(SwitchState::On) => "one, reads on",
            RowSeen::Reads(SwitchState::Off) => "one, reads off",
        };
        out.push(format!("rows that open the switch's dialog: {} read; {seen}", snapshot.rows.len()));
    }
    let known: Vec<&str> = setting.wordings_for(&lang).map(|l| l.text).collect();
    let judged = match found.map(|i| wording(setting, snapshot, i)) {
        Some(Wording::Known) => "the switch's label holds one of them",
        Some(Wording::Changed(_)) => "the switch's label holds none of them",
        Some(Wording::Unjudged) | None => "not compared",
    };
    if known.is_empty() {
        out.push(format!("known wordings for {lang}: none"));
    } else {
        out.push(format!("known wordings for {lang} ({judged}):"));
        out.extend(known.iter().map(|t| format!("   \u{201c}{t}\u{201d}")));
    }
    out.join("\n") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::linkedin::AI_TRAINING;
    use crate::snapshot::AriaRef;

    fn cand(via: Via, tag: &str, ty: Option<&str>, refs: &[(&str, &str)]) -> Candidate {
        Candidate {
            via,
            tag: tag.into(),
            input_type: ty.map(String::from),
            role: Some("switch".into()),
            checked: ty.map(|_| true),
            aria_checked: None,
            visible: true,
            shown: true,
            disabled: false,
            inert: false,
            label: Some("Jane Example, jane@example.org: my private post".into()),
            refs: refs.iter().map(|(a, t)| AriaRef { attribute: (*a).into(), token: (*t).into() }).collect(),
        }
    }

    fn report(snapshot: &Snapshot) -> String {
        bug_report(ReportInput {
            setting: &AI_TRAINING,
            surface: Surface::Desktop,
            snapshot,
            phase: Phase::Unknown,
            reason: Some(UnknownReason::Ambiguous),
            clicks: 0,
            extension_version: "0.1.0",
            user_agent: "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0",
            cap: 200,
        })
    }

    #[test]
    fn names_catalog_keys_describes_other_references_and_keeps_no_page_text() {
        let snapshot = Snapshot {
            top_frame: true,
            candidates: vec![
                cand(
                    Via::Key,
                    "input",
                    Some("checkbox"),
                    &[("aria-labelledby", "allowDataForGenerativeAI"), ("aria-describedby", "jane-doe-42")],
                ),
                cand(Via::Key, "x-profile-card", None, &[("aria-labelledby", "jane@example.org")]),
                cand(Via::Key, "input", Some("checkbox"), &[]),
            ],
            truncated: false,
            lang: Some("en-US".into()),
            rows: vec![],
        };
        let text = report(&snapshot);
        for planted in ["Jane", "jane", "example.org", "private post", "x-profile-card"] {
            assert!(!text.contains(planted), "{planted} leaked:\n{text}");
        }
        assert!(text.contains("aria-labelledby: allowDataForGenerativeAI (catalog key)"), "{text}");
        assert!(
            text.contains("aria-describedby: not a catalog key (11 characters: lower-case letters, digits, - or _)")
        );
        assert!(text.contains("tag other, type none, role switch"), "{text}");
        assert!(text.contains("rejected: not a native checkbox"));
        assert!(text.contains("rejected: one of several shown checkboxes"));
        assert!(text.contains("browser: Firefox 140\n"));
        assert!(text.contains("setting: aiTraining (settings/data-for-ai-improvement, desktop)"));
        assert!(text.contains("shown: unknown (ambiguous)"));
        assert!(text.contains("page language: en-US"));
        assert!(text.contains("\u{201c}Use my data for training content creation AI models\u{201d}"));
    }

    #[test]
    fn values_outside_their_shape_are_not_copied() {
        let snapshot = Snapshot {
            top_frame: true,
            candidates: vec![],
            truncated: true,
            lang: Some("Jane Example <jane@example.org>".into()),
            rows: vec![],
        };
        let text = report(&snapshot);
        assert!(text.contains("page language: not a plain language tag"));
        assert!(!text.contains("Jane"));
        assert!(text.contains("read whole: no"));
        assert_eq!(
            browser_of("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/156.0.0.0 Mobile"),
            "Chromium 156 (Android)"
        );
        assert_eq!(browser_of("curl/8"), "unknown browser");
        assert!(shape(&"a".repeat(REF_MAX_CHARS)).contains("at least 64 characters"));
        for plain in ["en", "pt-BR", "zh-Hant-TW", "es-419", "fil"] {
            assert_eq!(language_tag(Some(plain)), plain);
        }
        // shaped like a tag, yet a name or a private note (break-test of b595ffa)
        for smuggled in ["jane-rivera-9f3k", "janeRivera", "ZZPII-secret", "en-x-jane-rivera", "en-US-jane", ""] {
            assert_eq!(language_tag(Some(smuggled)), "not a plain language tag", "{smuggled}");
        }
    }
}
