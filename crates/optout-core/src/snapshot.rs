//! What the DOM reader hands to the core: the candidate controls for one setting, as plain data.

use serde::{Deserialize, Serialize};

use crate::vocab::SwitchState;

/// How a candidate was found: which kind of the setting's
/// [`Locator`](crate::catalog::Locator)s named it. Detection treats every kind alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Via {
    /// Its `aria-labelledby` token list contains the setting's key (current markup [C]).
    Key,
    /// Its `id` is the setting's element id (LinkedIn's member-cookies page [C],
    /// docs/evidence/linkedin.md §2.3).
    Id,
    /// Its `data-testid` is the setting's test id (ChatGPT's markup [C],
    /// docs/evidence/platforms.md §1.1).
    TestId,
    /// It is a checkbox whose accessible name equals a catalog label for the setting (legacy
    /// `artdeco-toggle` markup, which names the input through `label[for]` [C]).
    Label,
}

/// What kind of control a setting's switch is: which candidates may be it and how its state is
/// read. [`detect_as`](crate::detect::detect_as) (a setting's `control` in the catalog) accepts only this kind as the switch; a
/// candidate of any other kind that a person can see makes the page unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Control {
    /// A native `<input type="checkbox">`, its state the live `.checked` property (never the
    /// attribute). LinkedIn's switches [C] (docs/evidence/linkedin.md §2.1, §2.2).
    Checkbox,
    /// A `<button role="switch">`, its state `aria-checked`: `"true"` is on, `"false"` off, any
    /// other value unreadable (never guessed). ChatGPT's "Improve the model for everyone" is
    /// `button[data-testid="improve-model-toggle"]` read through `aria-checked` [C: Brave's
    /// scripts] (docs/evidence/platforms.md §1.1).
    AriaSwitch,
}

/// One element that claims to be the setting's switch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Candidate {
    /// How the element was found: by the setting's key, its element id or its label.
    pub via: Via,
    /// Lower-case tag name, e.g. `input`.
    pub tag: String,
    /// The `type` of an `<input>` (lower-case), `None` for other elements.
    pub input_type: Option<String>,
    /// The `role` attribute, if any.
    pub role: Option<String>,
    /// The live `.checked` property of an `<input>` (never the attribute, which artdeco leaves
    /// at the initial value [C], docs/evidence/linkedin.md §2.2); `None` for other elements.
    pub checked: Option<bool>,
    /// The `aria-checked` attribute as written, if any (how a [`Control::AriaSwitch`] is read).
    /// Absent from snapshots written before it existed: read as none.
    #[serde(default)]
    pub aria_checked: Option<String>,
    /// The element has a layout box, or it has none but is named by a `<label>` and its parent
    /// has one (the hidden-input-with-styled-label pattern: LinkedIn hides its switch input and
    /// styles the wrapper [C], docs/evidence/linkedin.md §2.2).
    pub visible: bool,
    /// A person can see it where it is: its own box, or the box of a `<label>` that names it (the
    /// styled-label pattern), has a nonzero area at least partly inside the page (not moved off
    /// its top or left edge) and is not `visibility: hidden`. A checkbox with a layout box that
    /// is not shown (an offscreen, zero-size or `visibility: hidden` copy) still counts as a
    /// candidate, so beside the switch it makes the page ambiguous, but it is never the one acted
    /// on (found by the generated pages, tests/generated, seed 218: while a re-render took the
    /// switch away, the offscreen copy left alone was read and clicked). Absent from snapshots
    /// written before it existed (the corpus's): read as shown.
    #[serde(default = "shown_unless_said")]
    pub shown: bool,
    /// The element is disabled (its own `disabled`, or a disabled `<fieldset>` around it: CSS
    /// `:disabled`) or `aria-disabled="true"`.
    pub disabled: bool,
    /// The element sits inside a `hidden` or `inert` subtree. (`aria-hidden` is not counted:
    /// modal overlays such as cookie consent set it on the whole app [I].)
    pub inert: bool,
    /// Its accessible name as the label fallback reads it (the texts its `aria-labelledby`
    /// names, else `aria-label`, else its `<label>`s), at most
    /// [`crate::detect::LABEL_READ_MAX_CHARS`] characters; `None` when not read. Compared with
    /// the catalog's wordings only ([`crate::detect::wording`]), never shown unless they differ.
    #[serde(default)]
    pub label: Option<String>,
    /// The ids it points to or carries (`aria-labelledby`, `aria-describedby`, `aria-controls`
    /// tokens, then its own `id`), at most [`crate::report::REFS_MAX`], each at most
    /// [`crate::report::REF_MAX_CHARS`] characters: for the bug report only, which names catalog
    /// keys and describes any other by its shape.
    #[serde(default)]
    pub refs: Vec<AriaRef>,
}

/// One id reference of a candidate: the attribute and one of its tokens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AriaRef {
    /// `aria-labelledby`, `aria-describedby`, `aria-controls` or `id`.
    pub attribute: String,
    /// The token (an element id).
    pub token: String,
}

/// The default of [`Candidate::shown`] for snapshots that do not carry it.
fn shown_unless_said() -> bool {
    true
}

impl Candidate {
    /// A native checkbox: the only kind of control Opt-Out Guard will ever click
    /// (Brave's policy for this setting rejects anything else [C], docs/evidence/linkedin.md §2.1).
    pub fn is_checkbox(&self) -> bool {
        self.tag == "input" && self.input_type.as_deref() == Some("checkbox")
    }

    /// The plain switch: a native checkbox (`role="switch"`) found by its key, visible, shown,
    /// enabled, outside hidden or inert parts, `.checked` as `on`, no label or references read
    /// (the starting point of tests and examples).
    pub fn keyed_checkbox(on: bool) -> Candidate {
        Candidate {
            via: Via::Key,
            tag: "input".into(),
            input_type: Some("checkbox".into()),
            role: Some("switch".into()),
            checked: Some(on),
            aria_checked: None,
            visible: true,
            shown: true,
            disabled: false,
            inert: false,
            label: None,
            refs: vec![],
        }
    }

    /// A checkbox a person could operate right now.
    pub fn is_actionable(&self) -> bool {
        self.is_actionable_as(Control::Checkbox)
    }

    /// True when the element is of the kind `control` names: a native checkbox, or a
    /// `<button role="switch">` (whatever its `aria-checked` says).
    pub fn is_control(&self, control: Control) -> bool {
        match control {
            Control::Checkbox => self.is_checkbox(),
            Control::AriaSwitch => self.tag == "button" && self.role.as_deref() == Some("switch"),
        }
    }

    /// Its state read as `control` reads it: a checkbox's live `.checked`; an ARIA switch's
    /// `aria-checked`, `"true"` on and `"false"` off. `None` when the element is not of that
    /// kind or its state is unreadable (`aria-checked` missing, `"mixed"` or anything else).
    pub fn state_as(&self, control: Control) -> Option<SwitchState> {
        if !self.is_control(control) {
            return None;
        }
        let on = match control {
            Control::Checkbox => self.checked?,
            Control::AriaSwitch => match self.aria_checked.as_deref()? {
                "true" => true,
                "false" => false,
                _ => return None,
            },
        };
        Some(if on { SwitchState::On } else { SwitchState::Off })
    }

    /// A control of kind `control` a person could operate right now: visible, outside inert and
    /// hidden subtrees, enabled, its state readable.
    pub fn is_actionable_as(&self, control: Control) -> bool {
        self.visible && !self.inert && !self.disabled && self.state_as(control).is_some()
    }
}

/// Everything the DOM reader saw of one setting's switch at one moment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Snapshot {
    /// True when read in the top-level document (never in an iframe).
    pub top_frame: bool,
    /// Candidates in document order; the facade keeps the same order for `Command::Click`.
    pub candidates: Vec<Candidate>,
    /// True when the reader stopped at its cap before seeing every element that might match:
    /// uniqueness cannot be shown, so detection says unknown.
    #[serde(default)]
    pub truncated: bool,
    /// The document's language (`<html lang>`), `None` when it names none.
    #[serde(default)]
    pub lang: Option<String>,
    /// For a setting with a [`Reveal`](crate::catalog::Reveal): every element its row locator
    /// names, in document order (at most the reader's cap); empty for any other setting and in
    /// snapshots written before rows existed.
    #[serde(default)]
    pub rows: Vec<Row>,
}

/// One element that claims to be the row that opens a setting's dialog (ChatGPT's Data
/// controls row), as the reader saw it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Row {
    /// A person can see it where it is (as [`Candidate::shown`]).
    pub shown: bool,
    /// It is disabled (`:disabled` or `aria-disabled="true"`).
    pub disabled: bool,
    /// It sits inside a `hidden`, `inert` or `aria-hidden="true"` subtree (behind a modal dialog).
    pub inert: bool,
    /// Its text nodes in document order, each trimmed, empty ones left out: the last
    /// [`ROW_TEXTS_MAX`] (the reading needs the last), each at most [`ROW_TEXT_MAX_CHARS`]
    /// characters.
    pub texts: Vec<String>,
}

/// At most this many text pieces of a row are read.
pub const ROW_TEXTS_MAX: usize = 8;
/// At most this many characters of each text piece of a row are read.
pub const ROW_TEXT_MAX_CHARS: usize = 80;
