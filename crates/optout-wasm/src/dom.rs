//! Reads the live DOM into an `optout_core::Snapshot` (the only DOM reader) and clicks.

use optout_core::catalog::Locator;
use optout_core::detect::{detect_setting, Detection};
use optout_core::report::{REFS_MAX, REF_MAX_CHARS};
use optout_core::snapshot::{Row, ROW_TEXTS_MAX, ROW_TEXT_MAX_CHARS};
use optout_core::{AriaRef, Candidate, Setting, Snapshot, Via};
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, HtmlInputElement};

/// At most this many elements are examined per query and scan, bounding the work on a page
/// that floods the DOM. Settings pages have a handful [C: the dark-mode page has 3 inputs,
/// docs/evidence/linkedin.md §2.3]; past the cap the snapshot is marked truncated and detection says
/// unknown, since uniqueness can no longer be shown.
pub const MAX_LABEL_CANDIDATES: u32 = 200;

/// A snapshot together with the live elements, in the same order (the switch's candidates and,
/// for a setting with a reveal, its rows), and the setting it was read for.
pub struct Scan {
    pub snapshot: Snapshot,
    pub elements: Vec<Element>,
    pub rows: Vec<Element>,
    pub setting: &'static Setting,
}

impl Scan {
    /// The core's detection on this snapshot, as the setting's catalog entry reads it (its kind
    /// of control; its row where the switch is not on the page).
    pub fn detection(&self) -> Detection {
        detect_setting(self.setting, &self.snapshot)
    }
}

/// The first `max` elements matching `selector`, and whether more were left out.
fn list(doc: &Document, selector: &str, max: u32) -> (Vec<Element>, bool) {
    let Ok(nodes) = doc.query_selector_all(selector) else { return (vec![], false) };
    let els = (0..nodes.length().min(max)).filter_map(|i| nodes.get(i)?.dyn_into::<Element>().ok()).collect();
    (els, nodes.length() > max)
}

fn text_of(el: &Element) -> String {
    el.text_content().unwrap_or_default()
}

/// The accessible name of a checkbox as far as the label fallback needs it: the texts its
/// `aria-labelledby` points to, else `aria-label`, else its `<label>`s.
fn accessible_name(doc: &Document, el: &Element) -> String {
    if let Some(ids) = el.get_attribute("aria-labelledby") {
        let parts: Vec<String> =
            ids.split_whitespace().filter_map(|id| doc.get_element_by_id(id)).map(|e| text_of(&e)).collect();
        if !parts.is_empty() {
            return parts.join(" ");
        }
    }
    if let Some(label) = el.get_attribute("aria-label") {
        return label;
    }
    let Some(labels) = el.dyn_ref::<HtmlInputElement>().and_then(|i| i.labels()) else { return String::new() };
    (0..labels.length())
        .filter_map(|i| labels.get(i))
        .map(|n| n.text_content().unwrap_or_default())
        .collect::<Vec<_>>()
        .join(" ")
}

/// True when `el` has a layout box (it is rendered: not `display: none`, not detached).
pub(crate) fn has_box(el: &Element) -> bool {
    el.get_client_rects().length() > 0
}

/// True when a person can see `el` where it is ([`Candidate::shown`]): its own box is, or, for an
/// input a `<label>` names, the box of that label or of the input's parent (the styled-label
/// pattern, as for `visible`: LinkedIn hides its switch input and styles the wrapper [C],
/// docs/evidence/linkedin.md §2.2).
fn is_shown(el: &Element) -> bool {
    if box_is_seen(el) {
        return true;
    }
    let Some(labels) = el.dyn_ref::<HtmlInputElement>().and_then(|i| i.labels()).filter(|l| l.length() > 0) else {
        return false;
    };
    (0..labels.length())
        .filter_map(|i| labels.get(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .any(|e| box_is_seen(&e))
        || el.parent_element().is_some_and(|p| box_is_seen(&p))
}

/// True when `el`'s box has a nonzero area, is not `visibility: hidden` or `collapse`, and is not
/// moved wholly off the page's top edge, or its left edge on a left-to-right page (as
/// `left: -10000px` does), in page coordinates: the viewport's plus every ancestor's scroll
/// offset, so a switch scrolled out of view in the window or in an inner scrolling pane counts
/// (the person can scroll back to it); below or beyond the far edge is fine too.
fn box_is_seen(el: &Element) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let rect = el.get_bounding_client_rect();
    if rect.width() <= 0.0 || rect.height() <= 0.0 {
        return false;
    }
    let visibility =
        window.get_computed_style(el).ok().flatten().and_then(|style| style.get_property_value("visibility").ok());
    if matches!(visibility.as_deref(), Some("hidden" | "collapse")) {
        return false;
    }
    // documentElement's scroll offset is the window's in standards mode, body's in quirks mode:
    // every ancestor's is added, so both are covered.
    let (mut scroll_x, mut scroll_y) = (0.0, 0.0);
    let mut ancestor = el.parent_element();
    while let Some(a) = ancestor {
        scroll_x += f64::from(a.scroll_left());
        scroll_y += f64::from(a.scroll_top());
        ancestor = a.parent_element();
    }
    if rect.bottom() + scroll_y <= 0.0 {
        return false;
    }
    // Off the left edge counts on a left-to-right page only (the page's direction is read only then).
    let rtl = || {
        el.owner_document().and_then(|d| d.document_element()).is_some_and(|root| {
            window
                .get_computed_style(&root)
                .ok()
                .flatten()
                .and_then(|s| s.get_property_value("direction").ok())
                .as_deref()
                == Some("rtl")
        })
    };
    rect.right() + scroll_x > 0.0 || rtl()
}

/// True when a `<label>` names this input (so a person operates it through the label).
fn has_label(el: &Element) -> bool {
    el.dyn_ref::<HtmlInputElement>().and_then(|i| i.labels()).is_some_and(|l| l.length() > 0)
}

/// True when `el` cannot be operated: `:disabled` (an input's or a button's own `disabled`, or a
/// disabled `<fieldset>` around it) or `aria-disabled="true"`.
fn is_disabled(el: &Element) -> bool {
    el.matches(":disabled").unwrap_or(false) || el.get_attribute("aria-disabled").as_deref() == Some("true")
}

fn candidate(doc: &Document, el: &Element, via: Via) -> Candidate {
    let input = el.dyn_ref::<HtmlInputElement>();
    let label: String = accessible_name(doc, el).chars().take(optout_core::detect::LABEL_READ_MAX_CHARS).collect();
    Candidate {
        via,
        tag: el.local_name(),
        input_type: input.map(|i| i.type_().to_ascii_lowercase()),
        role: el.get_attribute("role"),
        checked: input.map(|i| i.checked()),
        aria_checked: el.get_attribute("aria-checked"),
        visible: has_box(el) || (has_label(el) && el.parent_element().is_some_and(|p| has_box(&p))),
        shown: is_shown(el),
        disabled: is_disabled(el),
        inert: el.closest("[hidden], [inert]").ok().flatten().is_some(),
        label: Some(label),
        refs: refs(el),
    }
}

/// The id references of `el` for the bug report: the tokens of its `aria-labelledby`,
/// `aria-describedby` and `aria-controls`, then its own `id`, at most `REFS_MAX`, each cut to
/// `REF_MAX_CHARS` characters.
fn refs(el: &Element) -> Vec<AriaRef> {
    let mut out = Vec::new();
    for attribute in ["aria-labelledby", "aria-describedby", "aria-controls", "id"] {
        let Some(value) = el.get_attribute(attribute) else { continue };
        for token in value.split_whitespace() {
            out.push(AriaRef { attribute: attribute.into(), token: token.chars().take(REF_MAX_CHARS).collect() });
        }
    }
    out.truncate(REFS_MAX);
    out
}

fn is_top_frame() -> bool {
    let Some(w) = web_sys::window() else { return false };
    match w.top() {
        Ok(Some(top)) => js_sys::Object::is(&w, &top),
        _ => false,
    }
}

/// Reads every element that claims to be `setting`'s switch: what each of its catalog
/// [`Locator`]s finds, in the catalog's order (for LinkedIn: the `aria-labelledby` key, [C]
/// docs/evidence/linkedin.md §2.1, or the element id, §2.3, then the legacy label, §2.2), each
/// element once (as found by the first locator that names it), in document order per locator.
/// Deciding which candidate is the switch is `detect`'s job, the same for every kind.
pub fn scan(doc: &Document, setting: &'static Setting) -> Scan {
    let mut elements: Vec<Element> = Vec::new();
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut truncated = false;
    for locator in setting.locators {
        let (found, cut) = find(doc, locator, &elements);
        truncated |= cut;
        for el in found {
            candidates.push(candidate(doc, &el, locator.via()));
            elements.push(el);
        }
    }
    let lang = doc.document_element().map(|e| e.get_attribute("lang").unwrap_or_default()).filter(|l| !l.is_empty());
    // The row that opens the switch's dialog (a setting with a reveal): every element its
    // locator names; past the cap the page is unknown anyway (truncated).
    let row_els = match setting.reveal {
        Some(reveal) => {
            let (found, cut) = find(doc, &reveal.row, &[]);
            truncated |= cut;
            found
        }
        None => Vec::new(),
    };
    let rows = row_els.iter().map(row).collect();
    Scan {
        snapshot: Snapshot { top_frame: is_top_frame(), candidates, truncated, lang, rows },
        elements,
        rows: row_els,
        setting,
    }
}

/// What the reader sees of one row ([`Row`]): whether a person can see and operate it, and its
/// text nodes, trimmed, the empty ones left out, at most `ROW_TEXTS_MAX` of at most
/// `ROW_TEXT_MAX_CHARS` characters each.
fn row(el: &Element) -> Row {
    let mut texts = Vec::new();
    if let Some(doc) = el.owner_document() {
        // SHOW_TEXT = 0x4: text nodes only.
        if let Ok(walker) = doc.create_tree_walker_with_what_to_show(el, 0x4) {
            while let Ok(Some(node)) = walker.next_node() {
                let text = node.text_content().unwrap_or_default();
                let text = text.trim();
                if text.is_empty() {
                    continue;
                }
                if texts.len() == ROW_TEXTS_MAX {
                    // Only the last pieces matter to the reading: keep the latest ones.
                    texts.remove(0);
                }
                texts.push(text.chars().take(ROW_TEXT_MAX_CHARS).collect());
            }
        }
    }
    Row {
        shown: box_is_seen(el),
        disabled: is_disabled(el),
        // Unlike a switch's candidates, a row under `aria-hidden` counts as out of reach too: a
        // modal dialog's library hides what lies behind it so [I], and a row the person cannot
        // reach is neither read nor clicked (the safe side: the page reads unknown).
        inert: el.closest("[hidden], [inert], [aria-hidden=\"true\"]").ok().flatten().is_some(),
        texts,
    }
}

/// Carries out one locator: the elements it names that are not in `seen` yet, and whether the
/// query stopped at its cap. Keys and ids are plain identifiers (the catalog's tests check it),
/// so they go into the quoted attribute selectors as they are.
fn find(doc: &Document, locator: &Locator, seen: &[Element]) -> (Vec<Element>, bool) {
    let (els, cut) = match locator {
        Locator::LabelledBy(key) => list(doc, &format!("[aria-labelledby~=\"{key}\"]"), MAX_LABEL_CANDIDATES),
        // An attribute selector, not `getElementById`: every element with the id is read, so that
        // a duplicate makes detection say unknown.
        Locator::ElementId(id) => list(doc, &format!("[id=\"{id}\"]"), MAX_LABEL_CANDIDATES),
        Locator::TestId(id) => list(doc, &format!("[data-testid=\"{id}\"]"), MAX_LABEL_CANDIDATES),
        Locator::Label(_) => list(doc, "input[type=checkbox]", MAX_LABEL_CANDIDATES),
    };
    let found = match locator {
        Locator::Label(_) => {
            // A label with the setting's wording whose `for` names an id that several checkboxes
            // carry names none of them for sure (the browser gives the first one the label): all
            // of them are candidates, so the page reads unknown, also while a re-render has left
            // one of them alone (found by the generated pages, tests/generated, seed 6391: two
            // legacy toggles with one id read as no switch, then, while the first was away, the
            // other was read and clicked).
            let shared = shared_label_targets(doc, locator, &els);
            els.into_iter()
                .filter(|el| !seen.contains(el))
                .filter(|el| shared.contains(&el.id()) || locator.matches_label(&accessible_name(doc, el)))
                .collect()
        }
        Locator::LabelledBy(_) | Locator::ElementId(_) | Locator::TestId(_) => {
            els.into_iter().filter(|el| !seen.contains(el)).collect()
        }
    };
    (found, cut)
}

/// The ids, among `checkboxes`, that more than one of them carries and that a `<label for>` with
/// one of the locator's wordings names. The page's labels are read only when some id is shared
/// (every scan of a label-found setting comes here; nearly every page has none).
fn shared_label_targets(doc: &Document, locator: &Locator, checkboxes: &[Element]) -> Vec<String> {
    let ids: Vec<String> = checkboxes.iter().map(Element::id).filter(|id| !id.is_empty()).collect();
    let shared: Vec<&String> = ids.iter().filter(|id| ids.iter().filter(|o| o == id).count() > 1).collect();
    if shared.is_empty() {
        return Vec::new();
    }
    let (labels, _) = list(doc, "label[for]", MAX_LABEL_CANDIDATES);
    labels
        .iter()
        .filter(|label| locator.matches_label(&text_of(label)))
        .filter_map(|label| label.get_attribute("for"))
        .filter(|id| shared.contains(&id))
        .collect()
}

/// The attributes whose change can make an element become or stop being one of `setting`'s
/// candidates through its locators (the content script's MutationObserver watches them beside
/// the switch's state and visibility attributes).
pub fn locator_attributes(setting: &Setting) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for locator in setting.locators.iter().chain(setting.reveal.map(|r| &r.row)) {
        let attributes: &[&'static str] = match locator {
            Locator::LabelledBy(_) => &["aria-labelledby"],
            // The label fallback reads the accessible name through `aria-labelledby` first, then
            // `<label for>`, whose target may be an id that several checkboxes share.
            Locator::Label(_) => &["aria-labelledby", "for", "id"],
            Locator::ElementId(_) => &["id"],
            Locator::TestId(_) => &["data-testid"],
        };
        for attribute in attributes {
            if !out.contains(attribute) {
                out.push(attribute);
            }
        }
    }
    out
}

/// The topmost open modal dialog a person can see: the last, in document order, of the
/// elements `[role=dialog][aria-modal=true]`, `[role=alertdialog][aria-modal=true]` and
/// `dialog[open]` that has a layout box and is not inside a `hidden`, `inert` or
/// `aria-hidden="true"` subtree (at most `MAX_LABEL_CANDIDATES` read). `None` without one.
pub fn topmost_modal(doc: &Document) -> Option<Element> {
    let selector = "[role=dialog][aria-modal=true], [role=alertdialog][aria-modal=true], dialog[open]";
    let (found, _) = list(doc, selector, MAX_LABEL_CANDIDATES);
    found
        .into_iter()
        .rev()
        .find(|d| has_box(d) && d.closest("[hidden], [inert], [aria-hidden=\"true\"]").ok().flatten().is_none())
}

/// Clicks LinkedIn's own control exactly once, as a user's click would reach it: the page's
/// handlers flip the switch and save [C: Brave calls `.click()` on this input, §2.1].
pub fn click(el: &Element) {
    if let Some(h) = el.dyn_ref::<HtmlElement>() {
        h.click();
    }
}
