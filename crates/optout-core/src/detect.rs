//! Detection: from a [`Snapshot`] to the one switch and its state, or to "unknown".

use crate::snapshot::Snapshot;
use crate::vocab::{SwitchState, UnknownReason};

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
    /// Anything else. Never acted on.
    Unknown(UnknownReason),
}

impl Detection {
    /// The state, when a unique switch was found.
    pub fn state(&self) -> Option<SwitchState> {
        match self {
            Detection::Found { state, .. } => Some(*state),
            Detection::Unknown(_) => None,
        }
    }
}

/// Names the setting's switch in a snapshot.
///
/// Rules (each one keeps a wrong click impossible):
/// - only in the top frame;
/// - the candidate must be a native `<input type=checkbox>`, visible, outside inert/hidden
///   subtrees, enabled, with a live `.checked` value;
/// - exactly one such candidate may exist across both ways of finding it (key and label);
///   two or more is [`UnknownReason::Ambiguous`];
/// - a snapshot the reader had to cut short is [`UnknownReason::Ambiguous`];
/// - with none actionable, the reason says what was seen instead.
pub fn detect(snapshot: &Snapshot) -> Detection {
    if !snapshot.top_frame {
        return Detection::Unknown(UnknownReason::NotTopFrame);
    }
    if snapshot.truncated {
        return Detection::Unknown(UnknownReason::Ambiguous);
    }
    let cands = &snapshot.candidates;
    let visible_checkboxes: Vec<usize> =
        (0..cands.len()).filter(|&i| cands[i].is_checkbox() && cands[i].visible && !cands[i].inert).collect();
    match visible_checkboxes.as_slice() {
        [i] => {
            let c = &cands[*i];
            if !c.is_actionable() {
                return Detection::Unknown(UnknownReason::Disabled);
            }
            let state = if c.checked == Some(true) { SwitchState::On } else { SwitchState::Off };
            Detection::Found { index: *i, state }
        }
        [] if cands.is_empty() => Detection::Unknown(UnknownReason::NotFound),
        [] if cands.iter().any(|c| !c.is_checkbox()) => Detection::Unknown(UnknownReason::NotACheckbox),
        [] => Detection::Unknown(UnknownReason::Hidden),
        _ => Detection::Unknown(UnknownReason::Ambiguous),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::{Candidate, Via};

    fn switch(checked: bool) -> Candidate {
        Candidate {
            via: Via::Key,
            tag: "input".into(),
            input_type: Some("checkbox".into()),
            role: Some("switch".into()),
            checked: Some(checked),
            visible: true,
            disabled: false,
            inert: false,
        }
    }

    fn snap(candidates: Vec<Candidate>) -> Snapshot {
        Snapshot { top_frame: true, candidates, truncated: false }
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
                "non-checkbox carrying the key beside the one checkbox",
                snap(vec![span, switch(false)]),
                Detection::Found { index: 1, state: SwitchState::Off },
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
                Snapshot { top_frame: false, candidates: vec![switch(true)], truncated: false },
                Detection::Unknown(UnknownReason::NotTopFrame),
            ),
            (
                "reader hit its cap",
                Snapshot { top_frame: true, candidates: vec![switch(true)], truncated: true },
                Detection::Unknown(UnknownReason::Ambiguous),
            ),
        ];
        for (name, s, want) in cases {
            assert_eq!(detect(&s), want, "{name}");
        }
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
                "the id on a div and on a checkbox",
                snap(vec![div, by_id(true)]),
                Detection::Found { index: 1, state: SwitchState::On },
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
                Snapshot { top_frame: true, candidates: vec![by_id(true)], truncated: true },
                Detection::Unknown(UnknownReason::Ambiguous),
            ),
            (
                "iframe",
                Snapshot { top_frame: false, candidates: vec![by_id(true)], truncated: false },
                Detection::Unknown(UnknownReason::NotTopFrame),
            ),
        ];
        for (name, s, want) in cases {
            assert_eq!(detect(&s), want, "{name}");
        }
    }
}
