//! Detection: from a [`Snapshot`] to the one switch and its state, or to "unknown".

use crate::catalog::Setting;
use crate::label::normalize_label;
use crate::snapshot::{Candidate, Control, Row, Snapshot, Via};
use crate::vocab::{SwitchState, UnknownReason};

/// At most this many characters of a switch's label are kept when the site's wording changed
/// (the DOM reader reads no more; the memory stores no more).
pub const LABEL_SEEN_MAX_CHARS: usize = 160;

/// At most this many characters of a candidate's accessible name are read into its snapshot
/// ([`crate::Candidate::label`]).
pub const LABEL_READ_MAX_CHARS: usize = 640;

/// What the found switch's label says of the site's wording, compared with the catalog's
/// labels for the page's language ([`wording`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Wording {
    /// The label holds one of the wordings known for the page's language (or the switch was
    /// found by its label, so it matches by definition).
    Known,
    /// Nothing to compare: no wording is known for the page's language, the page names no
    /// language, or the label could not be read (empty).
    Unjudged,
    /// The switch was found by its key or id, but its label holds none of the wordings known
    /// for the page's language: the site changed the page's wording. The label as seen.
    Changed(String),
}

/// Judges the wording of `snapshot`'s candidate `index` (the switch [`detect`] found) for
/// `setting`. Only informs: the switch is acted on by its key or id as before, and the banner
/// and history say that the wording changed (issue 17 point 3). A known label counts when its
/// normalised text appears within the normalised label (the label may join several texts its
/// `aria-labelledby` names). Languages compare by their primary subtag (`pt-BR` and `pt`).
pub fn wording(setting: &Setting, snapshot: &Snapshot, index: usize) -> Wording {
    let Some(c) = snapshot.candidates.get(index) else { return Wording::Unjudged };
    if c.via == Via::Label {
        return Wording::Known;
    }
    let Some(lang) = snapshot.lang.as_deref() else { return Wording::Unjudged };
    let known: Vec<String> = setting.wordings_for(lang).map(|l| normalize_label(l.text)).collect();
    let seen = c.label.as_deref().map(normalize_label).unwrap_or_default();
    if known.is_empty() || seen.is_empty() {
        Wording::Unjudged
    } else if known.iter().any(|k| seen.contains(k.as_str())) {
        Wording::Known
    } else {
        quotable(c.label.as_deref().unwrap_or_default()).map_or(Wording::Unjudged, Wording::Changed)
    }
}

/// The label as it may be quoted in our own sentences: invisible format characters (bidi
/// overrides and isolates, zero-width characters) removed, so the page cannot reorder or hide
/// our words around it; quotation marks made plain apostrophes, so it cannot close our quote;
/// whitespace runs one space; cut at [`LABEL_SEEN_MAX_CHARS`] with "…". `None` when nothing
/// visible is left.
fn quotable(label: &str) -> Option<String> {
    let invisible = |c: char| matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}');
    let quote = |c: char| {
        matches!(c, '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' | '\u{300C}' | '\u{300D}')
    };
    let cleaned: String = label
        .chars()
        .filter(|c| !invisible(*c))
        .map(|c| match c {
            c if quote(c) => '\'',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let words = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.is_empty() {
        return None;
    }
    if words.chars().count() <= LABEL_SEEN_MAX_CHARS {
        return Some(words);
    }
    let cut: String = words.chars().take(LABEL_SEEN_MAX_CHARS - 1).collect();
    Some(format!("{}\u{2026}", cut.trim_end()))
}

/// The outcome of detection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detection {
    /// Exactly one actionable switch: `index` into `Snapshot::candidates`, and its live state.
    Found {
        /// Position of the switch in `Snapshot::candidates`.
        index: usize,
        /// The switch's live state.
        state: SwitchState,
    },
    /// The switch is not on the page, but the one row that opens its dialog shows its state
    /// ([`row_seen`]): a reading, never something to click (the press runs the setting's
    /// [`Reveal`](crate::catalog::Reveal) steps first).
    Row {
        /// The state the row shows.
        state: SwitchState,
    },
    /// Anything else. Never acted on.
    Unknown(UnknownReason),
}

impl Detection {
    /// The state, when a unique switch was found or the row shows it.
    pub fn state(&self) -> Option<SwitchState> {
        match self {
            Detection::Found { state, .. } | Detection::Row { state } => Some(*state),
            Detection::Unknown(_) => None,
        }
    }
}

/// What a snapshot shows of a setting's row ([`Reveal::row`](crate::catalog::Reveal::row)).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowSeen {
    /// The setting has no row, or the page shows none (the snapshot names no row a person can see).
    Absent,
    /// Exactly one row a person can see, but its state cannot be read: its last text is not one
    /// of the words known for the page's language, or no words are known for it (the banner
    /// may offer `check`). Several rows a person can see are unreadable too.
    Unreadable,
    /// Exactly one row a person can see, and its last text is the word for this state.
    Reads(SwitchState),
}

/// Reads the state a setting's row shows: only in the top frame; only from the one row a
/// person can see (shown, outside hidden or inert parts); only from its last text piece,
/// compared after [`normalize_label`] with the catalog's words for the page's language
/// ([`Reveal::words_for`](crate::catalog::Reveal::words_for)). Never a guess: a page in a
/// language without words, a row whose last text is anything else, or two rows is
/// [`RowSeen::Unreadable`].
pub fn row_seen(setting: &Setting, snapshot: &Snapshot) -> RowSeen {
    let Some(reveal) = setting.reveal else { return RowSeen::Absent };
    let seen = seen_rows(setting, snapshot);
    let [i] = seen.as_slice() else {
        return if seen.is_empty() { RowSeen::Absent } else { RowSeen::Unreadable };
    };
    let row: &Row = &snapshot.rows[*i];
    let words = snapshot.lang.as_deref().and_then(|lang| reveal.words_for(lang));
    let last = row.texts.last().map(|t| normalize_label(t));
    match (words, last) {
        (Some(w), Some(last)) if last == normalize_label(w.on) => RowSeen::Reads(SwitchState::On),
        (Some(w), Some(last)) if last == normalize_label(w.off) => RowSeen::Reads(SwitchState::Off),
        _ => RowSeen::Unreadable,
    }
}

/// The row the reveal's [`Step::ClickRow`](crate::catalog::Step::ClickRow) may click: the
/// index (into `Snapshot::rows`) of the one row a person can see and operate (shown, enabled,
/// outside hidden or inert parts) when no other row can be seen; `None` otherwise (also in a
/// frame, and for a setting without a row).
pub fn row_to_click(setting: &Setting, snapshot: &Snapshot) -> Option<usize> {
    match seen_rows(setting, snapshot).as_slice() {
        [i] if !snapshot.rows[*i].disabled => Some(*i),
        _ => None,
    }
}

/// The indices (into `Snapshot::rows`) of the rows a person can see (shown, outside hidden,
/// inert or `aria-hidden` parts): none for a setting without a row or outside the top frame.
fn seen_rows(setting: &Setting, snapshot: &Snapshot) -> Vec<usize> {
    if setting.reveal.is_none() || !snapshot.top_frame {
        return Vec::new();
    }
    (0..snapshot.rows.len()).filter(|&i| snapshot.rows[i].shown && !snapshot.rows[i].inert).collect()
}

/// True when the banner may offer `check` on this page (with [`crate::flow::Flow::can_check`]):
/// the setting's one row a person can see shows no readable state ([`RowSeen::Unreadable`])
/// and could be clicked ([`row_to_click`]); two rows, a disabled row or no row: false.
pub fn check_possible(setting: &Setting, snapshot: &Snapshot) -> bool {
    row_seen(setting, snapshot) == RowSeen::Unreadable && row_to_click(setting, snapshot).is_some()
}

/// Detection for `setting` as its catalog entry reads it: [`detect_as`] with its control; where
/// that finds no switch at all ([`UnknownReason::NotFound`]) and the setting has a row that
/// reads a state ([`row_seen`]) and could be clicked ([`row_to_click`]: a disabled row's word
/// would offer a press that cannot work), [`Detection::Row`].
pub fn detect_setting(setting: &Setting, snapshot: &Snapshot) -> Detection {
    match detect_as(setting.control, snapshot) {
        Detection::Unknown(UnknownReason::NotFound) => match row_seen(setting, snapshot) {
            RowSeen::Reads(state) if row_to_click(setting, snapshot).is_some() => Detection::Row { state },
            _ => Detection::Unknown(UnknownReason::NotFound),
        },
        d => d,
    }
}

/// Names the setting's switch in a snapshot, for a setting whose switch is a native checkbox
/// (every LinkedIn setting): [`detect_as`] with [`Control::Checkbox`].
pub fn detect(snapshot: &Snapshot) -> Detection {
    detect_as(Control::Checkbox, snapshot)
}

/// Names the switch in a snapshot of a setting whose switch is a `control` (the catalog's
/// `Setting::control`).
///
/// Rules (each one keeps a wrong click impossible):
/// - only in the top frame;
/// - the candidate must be of the `control` kind (a native `<input type=checkbox>`, or a
///   `<button role="switch">`), visible, outside inert/hidden subtrees, enabled, with a readable
///   state (a live `.checked`; `aria-checked` `"true"` or `"false"`);
/// - and shown where a person can see it ([`Candidate::shown`]): the one visible control that
///   is not shown (offscreen, zero size, `visibility: hidden`) is [`UnknownReason::Hidden`];
/// - exactly one such candidate may exist across every way of finding it (key and label);
///   two or more is [`UnknownReason::Ambiguous`], and so is a visible candidate of another kind
///   beside it;
/// - a snapshot the reader had to cut short is [`UnknownReason::Ambiguous`];
/// - with none actionable, the reason says what was seen instead.
pub fn detect_as(control: Control, snapshot: &Snapshot) -> Detection {
    if !snapshot.top_frame {
        return Detection::Unknown(UnknownReason::NotTopFrame);
    }
    if snapshot.truncated {
        return Detection::Unknown(UnknownReason::Ambiguous);
    }
    let cands = &snapshot.candidates;
    let seen = |c: &Candidate| c.visible && !c.inert;
    let visible_controls: Vec<usize> =
        (0..cands.len()).filter(|&i| cands[i].is_control(control) && seen(&cands[i])).collect();
    // Something else on the page that a person sees carries the key too (a `div role=switch`, a
    // text input): the page is not in a markup we know, and the control may be a copy, not the
    // one the person sees (found by the generated pages, tests/generated: a zero-size keyed
    // checkbox beside a keyed `div role=switch` was clicked, and "Done" read off the copy).
    let visible_other = cands.iter().any(|c| !c.is_control(control) && seen(c));
    match visible_controls.as_slice() {
        [_] if visible_other => Detection::Unknown(UnknownReason::Ambiguous),
        [i] if !cands[*i].shown => Detection::Unknown(UnknownReason::Hidden),
        [i] => match cands[*i].state_as(control) {
            Some(state) if cands[*i].is_actionable_as(control) => Detection::Found { index: *i, state },
            _ => Detection::Unknown(UnknownReason::Disabled),
        },
        [] if cands.is_empty() => Detection::Unknown(UnknownReason::NotFound),
        [] if cands.iter().any(|c| !c.is_control(control)) => Detection::Unknown(UnknownReason::NotACheckbox),
        [] => Detection::Unknown(UnknownReason::Hidden),
        _ => Detection::Unknown(UnknownReason::Ambiguous),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::Via;

    /// A ChatGPT page in `lang` with these rows and no switch.
    fn row_page(lang: Option<&str>, rows: Vec<Row>) -> Snapshot {
        Snapshot { top_frame: true, candidates: vec![], truncated: false, lang: lang.map(String::from), rows }
    }

    fn row(texts: &[&str]) -> Row {
        Row { shown: true, disabled: false, inert: false, texts: texts.iter().map(|t| t.to_string()).collect() }
    }

    #[test]
    fn the_row_reads_only_its_last_word_in_a_known_language_and_only_when_alone() {
        use crate::catalog::chatgpt::IMPROVE_MODEL;
        use crate::catalog::linkedin::AI_TRAINING;
        let seen = |lang, rows| row_seen(&IMPROVE_MODEL, &row_page(lang, rows));
        assert_eq!(seen(Some("en"), vec![row(&["On"])]), RowSeen::Reads(SwitchState::On));
        assert_eq!(seen(Some("en-US"), vec![row(&["Improve the model", " off "])]), RowSeen::Reads(SwitchState::Off));
        // Not its last text, another word, another language, no language: never a guess.
        assert_eq!(seen(Some("en"), vec![row(&["On", "Manage"])]), RowSeen::Unreadable);
        assert_eq!(seen(Some("en"), vec![row(&["Only"])]), RowSeen::Unreadable);
        assert_eq!(seen(Some("de"), vec![row(&["Ein"])]), RowSeen::Unreadable);
        assert_eq!(seen(Some("de"), vec![row(&["On"])]), RowSeen::Unreadable, "English word on a German page");
        assert_eq!(seen(None, vec![row(&["On"])]), RowSeen::Unreadable);
        assert_eq!(seen(Some("en"), vec![row(&[])]), RowSeen::Unreadable);
        // Two rows a person can see: unreadable, and neither is clicked.
        assert_eq!(seen(Some("en"), vec![row(&["On"]), row(&["On"])]), RowSeen::Unreadable);
        assert_eq!(row_to_click(&IMPROVE_MODEL, &row_page(Some("en"), vec![row(&["On"]), row(&["On"])])), None);
        assert!(!check_possible(&IMPROVE_MODEL, &row_page(Some("en"), vec![row(&["On"]), row(&["On"])])));
        assert!(check_possible(&IMPROVE_MODEL, &row_page(Some("de"), vec![row(&["On"])])));
        assert!(!check_possible(&IMPROVE_MODEL, &row_page(Some("en"), vec![row(&["On"])])), "readable");
        let disabled_de = row_page(Some("de"), vec![Row { disabled: true, ..row(&["On"]) }]);
        assert!(!check_possible(&IMPROVE_MODEL, &disabled_de));
        // A row nobody can see is no row; beside one that can be seen, the seen one counts.
        let unseen = Row { shown: false, ..row(&["On"]) };
        let inert = Row { inert: true, ..row(&["On"]) };
        assert_eq!(seen(Some("en"), vec![unseen.clone()]), RowSeen::Absent);
        assert_eq!(seen(Some("en"), vec![inert, row(&["Off"])]), RowSeen::Reads(SwitchState::Off));
        assert_eq!(row_to_click(&IMPROVE_MODEL, &row_page(Some("en"), vec![unseen, row(&["Off"])])), Some(1));
        // A disabled row is read but never clicked.
        let disabled = row_page(Some("en"), vec![Row { disabled: true, ..row(&["On"]) }]);
        assert_eq!(row_seen(&IMPROVE_MODEL, &disabled), RowSeen::Reads(SwitchState::On));
        assert_eq!(row_to_click(&IMPROVE_MODEL, &disabled), None);
        // In a frame, or for a setting without a row: nothing.
        let framed = Snapshot { top_frame: false, ..row_page(Some("en"), vec![row(&["On"])]) };
        assert_eq!(row_seen(&IMPROVE_MODEL, &framed), RowSeen::Absent);
        assert_eq!(row_to_click(&IMPROVE_MODEL, &framed), None);
        assert_eq!(row_seen(&AI_TRAINING, &row_page(Some("en"), vec![row(&["On"])])), RowSeen::Absent);
    }

    #[test]
    fn detection_reads_the_row_only_where_no_switch_is_on_the_page() {
        use crate::catalog::chatgpt::IMPROVE_MODEL;
        let aria = |on: bool| Candidate {
            via: Via::TestId,
            tag: "button".into(),
            input_type: None,
            checked: None,
            aria_checked: Some(on.to_string()),
            ..switch(on)
        };
        let page = |candidates, rows| Snapshot { candidates, ..row_page(Some("en"), rows) };
        let d = |s: &Snapshot| detect_setting(&IMPROVE_MODEL, s);
        assert_eq!(d(&page(vec![], vec![row(&["On"])])), Detection::Row { state: SwitchState::On });
        // The switch wins over the row (the dialog is open; the row may lag behind).
        assert_eq!(
            d(&page(vec![aria(false)], vec![row(&["On"])])),
            Detection::Found { index: 0, state: SwitchState::Off }
        );
        // Two switches stay ambiguous whatever the row says; a hidden switch is not replaced by it.
        assert_eq!(
            d(&page(vec![aria(true), aria(true)], vec![row(&["Off"])])),
            Detection::Unknown(UnknownReason::Ambiguous)
        );
        let hidden = Candidate { shown: false, ..aria(true) };
        assert_eq!(d(&page(vec![hidden], vec![row(&["Off"])])), Detection::Unknown(UnknownReason::Hidden));
        assert_eq!(d(&page(vec![], vec![row(&["Manage"])])), Detection::Unknown(UnknownReason::NotFound));
        let disabled = Row { disabled: true, ..row(&["On"]) };
        assert_eq!(d(&page(vec![], vec![disabled])), Detection::Unknown(UnknownReason::NotFound), "not pressable");
        assert_eq!(d(&page(vec![], vec![])), Detection::Unknown(UnknownReason::NotFound));
    }

    fn switch(checked: bool) -> Candidate {
        Candidate::keyed_checkbox(checked)
    }

    fn snap(candidates: Vec<Candidate>) -> Snapshot {
        Snapshot { top_frame: true, candidates, truncated: false, lang: None, rows: vec![] }
    }

    #[test]
    fn table() {
        let text_input = Candidate { input_type: Some("text".into()), checked: None, ..switch(false) };
        let span = Candidate { tag: "span".into(), input_type: None, checked: None, role: None, ..switch(false) };
        let hidden = Candidate { visible: false, ..switch(true) };
        let inert = Candidate { inert: true, ..switch(true) };
        let disabled = Candidate { disabled: true, ..switch(true) };
        let legacy = Candidate { via: Via::Label, role: None, ..switch(true) };
        let cases: Vec<(&str, Snapshot, Detection)> = vec![
            ("on", snap(vec![switch(true)]), Detection::Found { index: 0, state: SwitchState::On }),
            ("off", snap(vec![switch(false)]), Detection::Found { index: 0, state: SwitchState::Off }),
            ("legacy label match", snap(vec![legacy.clone()]), Detection::Found { index: 0, state: SwitchState::On }),
            ("nothing yet", snap(vec![]), Detection::Unknown(UnknownReason::NotFound)),
            ("two switches", snap(vec![switch(true), switch(false)]), Detection::Unknown(UnknownReason::Ambiguous)),
            (
                "a checkbox with a layout box that is not shown, alone (an offscreen copy)",
                snap(vec![Candidate { shown: false, ..switch(true) }]),
                Detection::Unknown(UnknownReason::Hidden),
            ),
            (
                "the switch beside a copy that is not shown",
                snap(vec![switch(true), Candidate { shown: false, ..switch(true) }]),
                Detection::Unknown(UnknownReason::Ambiguous),
            ),
            (
                "key and a different label match",
                snap(vec![switch(true), legacy]),
                Detection::Unknown(UnknownReason::Ambiguous),
            ),
            (
                "text input with the key",
                snap(vec![text_input.clone()]),
                Detection::Unknown(UnknownReason::NotACheckbox),
            ),
            ("span with the key", snap(vec![span.clone()]), Detection::Unknown(UnknownReason::NotACheckbox)),
            (
                "visible non-checkbox carrying the key beside the one checkbox",
                snap(vec![span.clone(), switch(false)]),
                Detection::Unknown(UnknownReason::Ambiguous),
            ),
            (
                "hidden non-checkbox carrying the key beside the one checkbox",
                snap(vec![Candidate { visible: false, ..span.clone() }, switch(false)]),
                Detection::Found { index: 1, state: SwitchState::Off },
            ),
            (
                "inert non-checkbox carrying the key beside the one checkbox",
                snap(vec![Candidate { inert: true, ..span }, switch(true)]),
                Detection::Found { index: 1, state: SwitchState::On },
            ),
            ("only hidden", snap(vec![hidden.clone()]), Detection::Unknown(UnknownReason::Hidden)),
            (
                "hidden copy beside the real one",
                snap(vec![hidden, switch(true)]),
                Detection::Found { index: 1, state: SwitchState::On },
            ),
            ("only inert", snap(vec![inert]), Detection::Unknown(UnknownReason::Hidden)),
            ("disabled", snap(vec![disabled]), Detection::Unknown(UnknownReason::Disabled)),
            (
                "iframe",
                Snapshot {
                    top_frame: false,
                    candidates: vec![switch(true)],
                    truncated: false,
                    lang: None,
                    rows: vec![],
                },
                Detection::Unknown(UnknownReason::NotTopFrame),
            ),
            (
                "reader hit its cap",
                Snapshot { top_frame: true, candidates: vec![switch(true)], truncated: true, lang: None, rows: vec![] },
                Detection::Unknown(UnknownReason::Ambiguous),
            ),
        ];
        for (name, s, want) in cases {
            assert_eq!(detect(&s), want, "{name}");
        }
    }

    /// Wording drift (issue 17 point 3): judged on the found switch's label against the
    /// catalog's wordings for the page's language only.
    #[test]
    fn a_key_switch_whose_label_matches_no_known_wording_is_a_changed_wording() {
        use crate::catalog::linkedin::{AI_TRAINING, NON_ESSENTIAL_COOKIES};
        let page = |lang: Option<&str>, label: Option<&str>, via: Via| Snapshot {
            top_frame: true,
            candidates: vec![Candidate { via, label: label.map(String::from), ..switch(true) }],
            truncated: false,
            lang: lang.map(String::from),
            rows: vec![],
        };
        let known = "Use my data for training content creation AI models";
        let judge = |s: &Snapshot| wording(&AI_TRAINING, s, 0);
        assert_eq!(judge(&page(Some("en"), Some(known), Via::Key)), Wording::Known);
        assert_eq!(judge(&page(Some("en-US"), Some(&format!("  {known}\n More")), Via::Key)), Wording::Known);
        let changed = "Let   LinkedIn use\nyour data for AI";
        assert_eq!(
            judge(&page(Some("en"), Some(changed), Via::Key)),
            Wording::Changed("Let LinkedIn use your data for AI".into())
        );
        // German wording on a German page is known; the English one there is not
        let de = "Ihre Daten zum Schulen von KI-Modellen verwenden, um Inhalte zu erstellen";
        assert_eq!(judge(&page(Some("de"), Some(de), Via::Key)), Wording::Known);
        assert!(matches!(judge(&page(Some("de"), Some(known), Via::Key)), Wording::Changed(_)));
        // pt-BR labels judge a "pt" page
        let pt = "Usar meus dados para treinar modelos de IA para criar conteúdos";
        assert_eq!(judge(&page(Some("pt"), Some(pt), Via::Key)), Wording::Known);
        // nothing to compare: no wording known for Italian, no language, an empty label
        assert_eq!(judge(&page(Some("it"), Some(changed), Via::Key)), Wording::Unjudged);
        assert_eq!(judge(&page(None, Some(changed), Via::Key)), Wording::Unjudged);
        assert_eq!(judge(&page(Some("en"), Some(" "), Via::Key)), Wording::Unjudged);
        assert_eq!(judge(&page(Some("en"), None, Via::Key)), Wording::Unjudged);
        // found by its label: known by definition; a setting with no labels: never judged
        assert_eq!(judge(&page(Some("en"), Some(changed), Via::Label)), Wording::Known);
        assert_eq!(wording(&NON_ESSENTIAL_COOKIES, &page(Some("en"), Some(changed), Via::Id), 0), Wording::Unjudged);
        // a long label is cut, and says so
        let long = "x".repeat(LABEL_READ_MAX_CHARS);
        let Wording::Changed(cut) = judge(&page(Some("en"), Some(&long), Via::Key)) else { panic!() };
        assert_eq!(cut.chars().count(), LABEL_SEEN_MAX_CHARS);
        assert!(cut.ends_with('\u{2026}'));
        // the page cannot reorder, hide or close our words around it (break-test of b595ffa)
        let spoof = "New\u{202E}words\u{200B} \u{201D}. Opt-Out Guard checked it: all is fine \u{201C}";
        assert_eq!(
            judge(&page(Some("en"), Some(spoof), Via::Key)),
            Wording::Changed("Newwords '. Opt-Out Guard checked it: all is fine '".into())
        );
        assert_eq!(judge(&page(Some("en"), Some("\u{200B}\u{200D}"), Via::Key)), Wording::Unjudged, "nothing visible");
    }

    /// A setting whose switch is a `<button role="switch">` (ChatGPT's "Improve the model for
    /// everyone", read through `aria-checked` [C], docs/evidence/platforms.md §1.1): the same
    /// rules, with that kind of control and that attribute.
    #[test]
    fn an_aria_switch_is_read_through_aria_checked_only() {
        let button = |aria: Option<&str>| Candidate {
            tag: "button".into(),
            input_type: None,
            checked: None,
            aria_checked: aria.map(String::from),
            ..switch(false)
        };
        let detect = |candidates: Vec<Candidate>| detect_as(Control::AriaSwitch, &snap(candidates));
        assert_eq!(detect(vec![button(Some("true"))]), Detection::Found { index: 0, state: SwitchState::On });
        assert_eq!(detect(vec![button(Some("false"))]), Detection::Found { index: 0, state: SwitchState::Off });
        for unreadable in [None, Some("mixed"), Some(""), Some("TRUE"), Some("on")] {
            assert_eq!(detect(vec![button(unreadable)]), Detection::Unknown(UnknownReason::Disabled), "{unreadable:?}");
        }
        assert_eq!(
            detect(vec![button(Some("true")), button(Some("true"))]),
            Detection::Unknown(UnknownReason::Ambiguous)
        );
        // a checkbox is not this kind of control: alone it is not the switch, beside it a doubt
        assert_eq!(detect(vec![switch(true)]), Detection::Unknown(UnknownReason::NotACheckbox));
        assert_eq!(detect(vec![switch(true), button(Some("true"))]), Detection::Unknown(UnknownReason::Ambiguous));
        // a `div role=switch` or a button without the role is not it either
        let div = Candidate { tag: "div".into(), ..button(Some("true")) };
        let plain = Candidate { role: None, ..button(Some("true")) };
        assert_eq!(detect(vec![div]), Detection::Unknown(UnknownReason::NotACheckbox));
        assert_eq!(detect(vec![plain]), Detection::Unknown(UnknownReason::NotACheckbox));
        let disabled = Candidate { disabled: true, ..button(Some("false")) };
        assert_eq!(detect(vec![disabled]), Detection::Unknown(UnknownReason::Disabled));
        let offscreen = Candidate { shown: false, ..button(Some("true")) };
        assert_eq!(detect(vec![offscreen]), Detection::Unknown(UnknownReason::Hidden));
        // and a checkbox setting never takes an ARIA switch
        assert_eq!(super::detect(&snap(vec![button(Some("true"))])), Detection::Unknown(UnknownReason::NotACheckbox));
    }

    /// A switch found by its element id (LinkedIn's member-cookies page, docs/evidence/linkedin.md
    /// §2.3) meets the same rules as one found by its key.
    #[test]
    fn element_id_candidates_meet_the_same_rules() {
        let by_id = |checked: bool| Candidate { via: Via::Id, ..switch(checked) };
        let div = Candidate { tag: "div".into(), input_type: None, checked: None, ..by_id(false) };
        let text_input = Candidate { input_type: Some("text".into()), checked: None, ..by_id(false) };
        let cases: Vec<(&str, Snapshot, Detection)> = vec![
            (
                "the id on a checkbox, on",
                snap(vec![by_id(true)]),
                Detection::Found { index: 0, state: SwitchState::On },
            ),
            (
                "the id on a checkbox, off",
                snap(vec![by_id(false)]),
                Detection::Found { index: 0, state: SwitchState::Off },
            ),
            ("the id on a div", snap(vec![div.clone()]), Detection::Unknown(UnknownReason::NotACheckbox)),
            ("the id on a text input", snap(vec![text_input]), Detection::Unknown(UnknownReason::NotACheckbox)),
            (
                "two checkboxes with the id",
                snap(vec![by_id(true), by_id(true)]),
                Detection::Unknown(UnknownReason::Ambiguous),
            ),
            (
                "the id on a visible div and on a checkbox",
                snap(vec![div, by_id(true)]),
                Detection::Unknown(UnknownReason::Ambiguous),
            ),
            (
                "hidden",
                snap(vec![Candidate { visible: false, ..by_id(true) }]),
                Detection::Unknown(UnknownReason::Hidden),
            ),
            ("inert", snap(vec![Candidate { inert: true, ..by_id(true) }]), Detection::Unknown(UnknownReason::Hidden)),
            (
                "disabled",
                snap(vec![Candidate { disabled: true, ..by_id(true) }]),
                Detection::Unknown(UnknownReason::Disabled),
            ),
            (
                "reader hit its cap",
                Snapshot { top_frame: true, candidates: vec![by_id(true)], truncated: true, lang: None, rows: vec![] },
                Detection::Unknown(UnknownReason::Ambiguous),
            ),
            (
                "iframe",
                Snapshot {
                    top_frame: false,
                    candidates: vec![by_id(true)],
                    truncated: false,
                    lang: None,
                    rows: vec![],
                },
                Detection::Unknown(UnknownReason::NotTopFrame),
            ),
        ];
        for (name, s, want) in cases {
            assert_eq!(detect(&s), want, "{name}");
        }
    }
}
