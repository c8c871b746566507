//! Reads the live DOM into an `optout_core::Snapshot` (the only DOM reader) and clicks.

use optout_core::{Candidate, Setting, Snapshot, Via};
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, HtmlInputElement};

/// At most this many elements are examined per query and scan, bounding the work on a page
/// that floods the DOM. Settings pages have a handful [C: the dark-mode page has 3 inputs,
/// docs/evidence/linkedin.md §2.3]; past the cap the snapshot is marked truncated and detection says
/// unknown, since uniqueness can no longer be shown.
pub const MAX_LABEL_CANDIDATES: u32 = 200;

/// A snapshot together with the live elements, in the same order.
pub struct Scan {
    pub snapshot: Snapshot,
    pub elements: Vec<Element>,
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

fn has_box(el: &Element) -> bool {
    el.get_client_rects().length() > 0
}

/// True when a `<label>` names this input (so a person operates it through the label).
fn has_label(el: &Element) -> bool {
    el.dyn_ref::<HtmlInputElement>().and_then(|i| i.labels()).is_some_and(|l| l.length() > 0)
}

fn candidate(el: &Element, via: Via) -> Candidate {
    let input = el.dyn_ref::<HtmlInputElement>();
    Candidate {
        via,
        tag: el.local_name(),
        input_type: input.map(|i| i.type_().to_ascii_lowercase()),
        role: el.get_attribute("role"),
        checked: input.map(|i| i.checked()),
        visible: has_box(el) || (has_label(el) && el.parent_element().is_some_and(|p| has_box(&p))),
        disabled: input.is_some_and(|i| i.disabled()) || el.get_attribute("aria-disabled").as_deref() == Some("true"),
        inert: el.closest("[hidden], [inert]").ok().flatten().is_some(),
    }
}

fn is_top_frame() -> bool {
    let Some(w) = web_sys::window() else { return false };
    match w.top() {
        Ok(Some(top)) => js_sys::Object::is(&w, &top),
        _ => false,
    }
}

/// Reads every element that claims to be `setting`'s switch: those whose `aria-labelledby`
/// names the setting's key (current markup, [C] docs/evidence/linkedin.md §2.1), then checkboxes whose
/// accessible name equals a catalog label (legacy `artdeco-toggle`, [C] §2.2), without
/// duplicates, in document order per group.
pub fn scan(doc: &Document, setting: &Setting) -> Scan {
    let (keyed, keyed_cut) = list(doc, &format!("[aria-labelledby~=\"{}\"]", setting.key), MAX_LABEL_CANDIDATES);
    let mut elements = keyed.clone();
    let mut candidates: Vec<Candidate> = keyed.iter().map(|e| candidate(e, Via::Key)).collect();
    let (checkboxes, checkboxes_cut) = list(doc, "input[type=checkbox]", MAX_LABEL_CANDIDATES);
    for el in checkboxes {
        if keyed.iter().any(|k| k == &el) {
            continue;
        }
        if setting.matches_switch_label(&accessible_name(doc, &el)) {
            candidates.push(candidate(&el, Via::Label));
            elements.push(el);
        }
    }
    let truncated = keyed_cut || checkboxes_cut;
    Scan { snapshot: Snapshot { top_frame: is_top_frame(), candidates, truncated }, elements }
}

/// Clicks LinkedIn's own control exactly once, as a user's click would reach it: the page's
/// handlers flip the switch and save [C: Brave calls `.click()` on this input, §2.1].
pub fn click(el: &Element) {
    if let Some(h) = el.dyn_ref::<HtmlElement>() {
        h.click();
    }
}
