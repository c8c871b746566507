//! Renders the banner inside an open shadow root so LinkedIn's CSS cannot reach it.
//!
//! Test contract (README): the host is `[data-optout-guard="banner"]` with `data-state` ∈
//! `on | off | switching | verified | failed | unknown` (while `switching`, `data-switch-reads`
//! = `off | on` once LinkedIn's switch reads at the target); its shadow root holds
//! `button[data-action="switch-off"]` while the state is `on`.

use gloo_events::EventListener;
use optout_core::view::banner::{Action, BannerModel};
use optout_core::view::text::Text;
use optout_core::vocab::Phase;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement, Node, ShadowRoot, ShadowRootInit, ShadowRootMode};

use crate::dom::has_box;
use crate::js::warn_on_error;

const CSS: &str = include_str!("banner.css");

/// The banner's host element and its shadow root. One click listener is delegated on the
/// shadow root for the banner's whole life, so re-rendering never drops a listener that is
/// running.
///
/// Accessibility (README, Accessibility): the shadow tree is built once — a labelled region
/// holding one polite live region (`role="status"`) and the buttons' container — and each render
/// changes only their content, so screen readers announce every state change (a live region
/// created anew on each render is often not announced at all). The banner never takes focus on
/// its own; it keeps focus inside when a render replaces the focused button, and hands it to the
/// page's main heading when it is dismissed while focus is inside it.
pub struct Banner {
    host: Element,
    root: ShadowRoot,
    /// The labelled region (a landmark) around everything; focused when a render leaves no button.
    region: Element,
    /// The one persistent polite live region: its children are replaced on each render.
    status: Element,
    /// Links (objection form, next page of the checkup), replaced on each render.
    links: Element,
    /// The buttons' container: its children are replaced on each render.
    actions: Element,
    _click: EventListener,
}

/// The language and direction of the extension's own words, from the locale its messages
/// resolved to (`localeCode` and `localeDir` in `_locales`), not from the browser's UI locale
/// (`@@ui_locale` and `@@bidi_dir` follow the browser even where the messages come from another
/// locale, docs/evidence/toolchain.md). Set on the banner's region as `lang` and `dir`: `all:
/// initial` does not reset `direction`, so without it a right-to-left page lays out our text
/// right to left, and a screen reader would read it in the page's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ui {
    /// A BCP 47 language tag (`"en"`, `"pt-BR"`); empty when the shell gave none that looks like one.
    pub lang: String,
    /// `"ltr"` or `"rtl"`.
    pub dir: &'static str,
    /// The extension's version as the manifest gives it, for the bug report (which keeps its
    /// digits and dots only).
    pub version: String,
}

impl Ui {
    /// Reads `{lang, dir, version}`: a `lang` of letters, digits and hyphens (at most 35
    /// characters) is kept, anything else is dropped; `dir` is `"rtl"` only when it says so, else
    /// `"ltr"`; `version` as given.
    pub fn from_js(v: &JsValue) -> Ui {
        let get = |name: &str| crate::js::field(v, name).as_string();
        let lang = get("lang")
            .filter(|l| !l.is_empty() && l.len() <= 35 && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or_default();
        let dir = if get("dir").as_deref() == Some("rtl") { "rtl" } else { "ltr" };
        Ui { lang, dir, version: get("version").unwrap_or_default() }
    }
}

fn el(doc: &Document, tag: &str, class: Option<&str>, text: Option<&str>) -> Result<Element, JsValue> {
    let e = doc.create_element(tag)?;
    if let Some(c) = class {
        e.set_class_name(c);
    }
    if let Some(t) = text {
        e.set_text_content(Some(t));
    }
    Ok(e)
}

impl Banner {
    /// Builds the (detached) banner. `on_action` receives the action named by the `data-action`
    /// of a pressed button (a value that names no [`Action`] is ignored).
    pub fn new(
        doc: &Document,
        translate: &js_sys::Function,
        ui: &Ui,
        on_action: impl Fn(Action) + 'static,
    ) -> Result<Banner, JsValue> {
        let host = doc.create_element("div")?;
        host.set_attribute("data-optout-guard", "banner")?;
        let root = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?;
        let style = el(doc, "style", None, Some(CSS))?;
        root.append_child(&style)?;
        let region = el(doc, "section", Some("banner"), None)?;
        region.set_attribute("role", "region")?;
        region.set_attribute("aria-label", &tr(translate, &Text::new("extName")))?;
        region.set_attribute("tabindex", "-1")?;
        region.set_attribute("dir", ui.dir)?;
        if !ui.lang.is_empty() {
            region.set_attribute("lang", &ui.lang)?;
        }
        root.append_child(&region)?;
        let status = el(doc, "div", Some("text"), None)?;
        status.set_attribute("role", "status")?;
        status.set_attribute("aria-live", "polite")?;
        status.set_attribute("aria-atomic", "true")?;
        region.append_child(&status)?;
        // Buttons before links: Tab reaches the main action first.
        let actions = el(doc, "div", Some("actions"), None)?;
        region.append_child(&actions)?;
        let links = el(doc, "p", Some("links"), None)?;
        region.append_child(&links)?;
        let click = EventListener::new(&root, "click", move |event| {
            // Only a person's click counts: a page script clicking our buttons is ignored.
            if !event.is_trusted() {
                return;
            }
            let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
            let Ok(Some(button)) = target.closest("button[data-action]") else { return };
            if let Some(action) = button.get_attribute("data-action").as_deref().and_then(Action::from_wire) {
                on_action(action);
            }
        });
        Ok(Banner { host, root, region, status, links, actions, _click: click })
    }

    /// Puts the host where the person sees it, above the setting's own block ([`place`]), unless
    /// it is already in the document with a layout box, or already in the element [`place`]
    /// chooses. Never moves focus.
    pub fn attach(&self, doc: &Document, switch: Option<&Element>) -> Result<(), JsValue> {
        // A switch in a dialog (ChatGPT's) wants the banner inside that dialog: a modal dialog
        // leaves the rest of the page unreachable, so a banner placed before it opened moves in.
        let dialog = switch.and_then(dialog_of);
        let in_dialog = dialog.as_ref().is_none_or(|d| d.contains(Some(&self.host)));
        if self.host.is_connected() && has_box(&self.host) && in_dialog {
            return Ok(());
        }
        let Some(parent) = place(doc, switch) else { return Ok(()) };
        if self.host.is_connected() && self.host.parent_element().as_ref() == Some(&parent) {
            return Ok(());
        }
        let first: Option<Node> = parent.first_child();
        parent.insert_before(&self.host, first.as_ref())?;
        Ok(())
    }

    /// Takes the banner out of the document (it can be attached again): the person dismissed it.
    /// When focus was inside the banner (a keyboard or screen-reader user pressed "Dismiss" or
    /// "Not now"), it moves to the page's main heading, the first `<h1>` of the element that held
    /// the banner (LinkedIn's `<main>`), or to that element itself: reading goes on where the
    /// banner was, with the page's title, rather than restarting from `<body>`. Never to
    /// LinkedIn's switch: a second press of Space would flip the setting.
    pub fn detach(&self) {
        let had_focus = self.root.active_element().is_some();
        let parent = self.host.parent_element();
        self.host.remove();
        if had_focus {
            if let Some(parent) = parent {
                focus_after_dismiss(&parent);
            }
        }
    }

    /// Replaces the banner's content with `model`. The live region and the region keep their
    /// elements. If focus was inside the banner, it moves to the new button with the same action,
    /// else to the new primary button, else to the banner region, so keyboard users are not
    /// dropped.
    pub fn render(&self, doc: &Document, model: &BannerModel, translate: &js_sys::Function) -> Result<(), JsValue> {
        let t = |text: &Text| tr(translate, text);
        let focused_action = self.root.active_element().map(|e| e.get_attribute("data-action"));
        self.host.set_attribute("data-state", model.state.as_str())?;
        match model.switch_reads {
            Some(reads) => self.host.set_attribute("data-switch-reads", Phase::from(reads).as_str())?,
            None => self.host.remove_attribute("data-switch-reads")?,
        }
        self.region.set_class_name(&format!("banner tone-{}", model.tone.as_str()));
        // No aria-busy here (waiting is shown by the busy tone): on an ancestor of the live
        // region it would hold back the "Turning it off…" announcement until the save is read.

        self.status.set_text_content(None);
        let title = el(doc, "p", Some("title"), Some(&t(&model.title)))?;
        self.status.append_child(&title)?;
        for paragraph in &model.body {
            let body = el(doc, "p", Some("body"), Some(&t(paragraph)))?;
            self.status.append_child(&body)?;
        }
        if !model.manual_steps.is_empty() {
            let ol = el(doc, "ol", Some("steps"), None)?;
            for s in &model.manual_steps {
                let li = el(doc, "li", None, Some(&t(s)))?;
                ol.append_child(&li)?;
            }
            self.status.append_child(&ol)?;
        }
        for c in &model.caveats {
            let caveat = el(doc, "p", Some("caveat"), Some(&t(c)))?;
            self.status.append_child(&caveat)?;
        }
        if let Some(report) = &model.report {
            let said = el(doc, "p", Some("body report-status"), Some(&t(&report.status)))?;
            self.status.append_child(&said)?;
        }
        self.links.set_text_content(None);
        for l in &model.links {
            let a = el(doc, "a", None, Some(&t(&l.label)))?;
            a.set_attribute("href", &l.url)?;
            // Links to other LinkedIn pages than the settings app open in a new tab.
            if !l.url.contains("/mypreferences/") {
                a.set_attribute("target", "_blank")?;
                a.set_attribute("rel", "noopener noreferrer")?;
            }
            self.links.append_child(&a)?;
        }
        if let Some(report) = &model.report {
            // Outside the live region: the confirmation above is announced, the details are not.
            let label = el(doc, "label", Some("report-label"), Some(&t(&report.label)))?;
            let field = el(doc, "textarea", Some("report"), None)?;
            field.set_attribute("readonly", "")?;
            field.set_attribute("rows", "8")?;
            field.set_attribute("spellcheck", "false")?;
            field.set_attribute("data-report", "")?;
            field.set_text_content(Some(&report.text));
            label.append_child(&field)?;
            self.links.append_child(&label)?;
        }

        self.actions.set_text_content(None);
        let mut first: Option<Element> = None;
        let mut same: Option<Element> = None;
        for b in &model.buttons {
            let button = el(doc, "button", Some(if b.primary { "primary" } else { "secondary" }), Some(&t(&b.label)))?;
            button.set_attribute("type", "button")?;
            button.set_attribute("data-action", b.action.as_str())?;
            self.actions.append_child(&button)?;
            if same.is_none() && focused_action.as_ref().is_some_and(|a| a.as_deref() == Some(b.action.as_str())) {
                same = Some(button.clone());
            }
            if first.is_none() {
                first = Some(button);
            }
        }
        if focused_action.is_some() {
            let target = same.or(first).unwrap_or_else(|| self.region.clone());
            if let Some(h) = target.dyn_ref::<HtmlElement>() {
                h.focus()?;
            }
        }
        Ok(())
    }
}

/// True when `el` lays its children out side by side: a grid, or a flex container whose main
/// axis is a row (`inline-` variants included), where a banner inserted as a child would become
/// a cell beside LinkedIn's. A column flex container stacks its children like a block.
fn side_by_side(el: &Element) -> bool {
    let Some(style) = web_sys::window().and_then(|w| w.get_computed_style(el).ok().flatten()) else { return false };
    let display = style.get_property_value("display").unwrap_or_default();
    let direction = style.get_property_value("flex-direction").unwrap_or_default();
    display.contains("grid") || (display.contains("flex") && !direction.starts_with("column"))
}

fn width(el: &Element) -> f64 {
    el.get_bounding_client_rect().width()
}

/// The dialog (`[role=dialog]`, `[role=alertdialog]` or `<dialog>`) that holds `switch`, the
/// nearest one, if any (ChatGPT's switch is in one: docs/evidence/platforms.md §1.1 [C]).
fn dialog_of(switch: &Element) -> Option<Element> {
    switch.closest("[role=dialog], [role=alertdialog], dialog").ok().flatten()
}

/// The element whose first child the banner becomes (break-test b87e5f1, D2 and D3):
/// - start from the dialog that holds `switch` ([`dialog_of`]: a modal dialog leaves the rest of
///   the page out of reach), else the `<main>` that holds it (LinkedIn's content landmark, below
///   its fixed global nav), else the first `<main>` with a layout box (a hidden loading `<main>`
///   may come first), else `<body>`;
/// - while that element lays its children out side by side (a grid or a row-flex container), go
///   down to its child that holds the switch, so the banner spans the setting's own block
///   instead of becoming a narrow column beside it or squeezing LinkedIn's pane; but not into a
///   child narrower than half of it (the switch's own row or control: label | switch), and
///   never below the switch.
///
/// `None` when the document has no `<body>`.
pub fn place(doc: &Document, switch: Option<&Element>) -> Option<Element> {
    let holding = switch.and_then(|s| dialog_of(s).or_else(|| s.closest("main").ok().flatten()));
    let visible = || {
        let mains = doc.query_selector_all("main").ok()?;
        (0..mains.length()).filter_map(|i| mains.get(i)?.dyn_into::<Element>().ok()).find(has_box)
    };
    let mut container = holding.or_else(visible).or_else(|| doc.body().map(Into::into))?;
    let Some(switch) = switch else { return Some(container) };
    while side_by_side(&container) {
        let children = container.children();
        let child = (0..children.length()).filter_map(|i| children.item(i)).find(|c| c.contains(Some(switch)));
        match child {
            Some(c) if &c != switch && width(&c) >= width(&container) / 2.0 => container = c,
            _ => break,
        }
    }
    Some(container)
}

/// Resolves a core text through the shell's `translate` (`i18n.getMessage`); an empty string
/// when the shell fails, never a panic.
pub fn tr(translate: &js_sys::Function, text: &Text) -> String {
    translate.call1(&JsValue::NULL, &crate::js::to_js(text)).ok().and_then(|v| v.as_string()).unwrap_or_default()
}

/// Focuses the main heading in `container` (its first `<h1>`), or `container` itself, making
/// it focusable from script only (`tabindex="-1"`) for as long as it has focus when it was not.
fn focus_after_dismiss(container: &Element) {
    let target = match container.query_selector("h1") {
        Ok(Some(h1)) => h1,
        _ if container.local_name() == "main" => container.clone(),
        _ => return,
    };
    let Some(h) = target.dyn_ref::<HtmlElement>() else { return };
    let added = !target.has_attribute("tabindex") && target.set_attribute("tabindex", "-1").is_ok();
    warn_on_error("moving focus to the main heading", h.focus());
    if added {
        // Leave LinkedIn's markup as it was once focus moves on.
        let t = target.clone();
        EventListener::once(&target, "blur", move |_| {
            warn_on_error("restoring the heading's tabindex", t.remove_attribute("tabindex"));
        })
        .forget();
    }
}

impl Drop for Banner {
    fn drop(&mut self) {
        self.host.remove();
    }
}
