//! Renders the banner inside an open shadow root so LinkedIn's CSS cannot reach it.
//!
//! Test contract (README): the host is `[data-optout-guard="banner"]` with `data-state` ∈
//! `on | off | switching | verified | failed | unknown`; its shadow root holds
//! `button[data-action="switch-off"]` while the state is `on`.

use gloo_events::EventListener;
use optout_core::banner::{BannerModel, Tone};
use optout_core::msg::Text;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, ShadowRoot, ShadowRootInit, ShadowRootMode};

const CSS: &str = include_str!("banner.css");

/// The banner's host element and its shadow root. One click listener is delegated on the
/// shadow root for the banner's whole life, so re-rendering never drops a listener that is
/// running.
pub struct Banner {
    host: Element,
    root: ShadowRoot,
    /// The persistent live region whose children are replaced on each render.
    region: Element,
    _click: EventListener,
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
    /// Builds the (detached) banner. `on_action` receives the `data-action` of a pressed button.
    pub fn new(doc: &Document, translate: &js_sys::Function, on_action: impl Fn(String) + 'static) -> Result<Banner, JsValue> {
        let host = doc.create_element("div")?;
        host.set_attribute("data-optout-guard", "banner")?;
        let root = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?;
        let style = el(doc, "style", None, Some(CSS))?;
        root.append_child(&style)?;
        let region = el(doc, "section", Some("banner"), None)?;
        region.set_attribute("role", "region")?;
        region.set_attribute("aria-label", &tr(translate, &Text::new("extName")))?;
        region.set_attribute("tabindex", "-1")?;
        root.append_child(&region)?;
        let click = EventListener::new(&root, "click", move |event| {
            // Only a person's click counts: a page script clicking our buttons is ignored.
            if !event.is_trusted() {
                return;
            }
            let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
            let Ok(Some(button)) = target.closest("button[data-action]") else { return };
            if let Some(action) = button.get_attribute("data-action") {
                on_action(action);
            }
        });
        Ok(Banner { host, root, region, _click: click })
    }

    /// Inserts the host at the top of LinkedIn's `<main>` (below the fixed global nav) or, when
    /// there is none, at the top of `<body>`, unless it is already in the document. Never moves
    /// focus.
    pub fn attach(&self, doc: &Document) -> Result<(), JsValue> {
        if self.host.is_connected() {
            return Ok(());
        }
        let parent = match doc.query_selector("main")? {
            Some(main) => main,
            None => match doc.body() {
                Some(b) => b.into(),
                None => return Ok(()),
            },
        };
        parent.insert_before(&self.host, parent.first_child().as_ref())?;
        Ok(())
    }

    /// Takes the banner out of the document (it can be attached again).
    pub fn detach(&self) {
        self.host.remove();
    }

    /// Replaces the banner's content with `model`. If focus was inside the banner, it moves to
    /// the new primary button, or to the banner region, so keyboard users are not dropped.
    pub fn render(&self, doc: &Document, model: &BannerModel, translate: &js_sys::Function) -> Result<(), JsValue> {
        let t = |text: &Text| tr(translate, text);
        let had_focus = self.root.active_element().is_some();
        self.host.set_attribute("data-state", model.state)?;
        let tone = match model.tone {
            Tone::Warning => "warning",
            Tone::Ok => "ok",
            Tone::Busy => "busy",
            Tone::Error => "error",
            Tone::Neutral => "neutral",
        };
        self.region.set_class_name(&format!("banner tone-{tone}"));
        self.region.set_attribute("aria-busy", if model.busy { "true" } else { "false" })?;
        self.region.set_text_content(None);

        let status = el(doc, "div", Some("text"), None)?;
        status.set_attribute("role", "status")?;
        status.set_attribute("aria-live", "polite")?;
        let title = el(doc, "p", Some("title"), Some(&t(&model.title)))?;
        status.append_child(&title)?;
        for paragraph in &model.body {
            let body = el(doc, "p", Some("body"), Some(&t(paragraph)))?;
            status.append_child(&body)?;
        }
        if !model.manual_steps.is_empty() {
            let ol = el(doc, "ol", Some("steps"), None)?;
            for s in &model.manual_steps {
                let li = el(doc, "li", None, Some(&t(s)))?;
                ol.append_child(&li)?;
            }
            status.append_child(&ol)?;
        }
        for c in &model.caveats {
            let caveat = el(doc, "p", Some("caveat"), Some(&t(c)))?;
            status.append_child(&caveat)?;
        }
        self.region.append_child(&status)?;
        if !model.links.is_empty() {
            let links = el(doc, "p", Some("links"), None)?;
            for l in &model.links {
                let a = el(doc, "a", None, Some(&t(&l.label)))?;
                a.set_attribute("href", &l.url)?;
                // Links to other LinkedIn pages than the settings app open in a new tab.
                if !l.url.contains("/mypreferences/") {
                    a.set_attribute("target", "_blank")?;
                    a.set_attribute("rel", "noopener noreferrer")?;
                }
                links.append_child(&a)?;
            }
            self.region.append_child(&links)?;
        }

        let mut first: Option<Element> = None;
        if !model.buttons.is_empty() {
            let actions = el(doc, "div", Some("actions"), None)?;
            for b in &model.buttons {
                let button = el(doc, "button", Some(if b.primary { "primary" } else { "secondary" }), Some(&t(&b.label)))?;
                button.set_attribute("type", "button")?;
                button.set_attribute("data-action", b.action)?;
                actions.append_child(&button)?;
                if first.is_none() {
                    first = Some(button);
                }
            }
            self.region.append_child(&actions)?;
        }
        if had_focus {
            let target = first.unwrap_or_else(|| self.region.clone());
            if let Some(h) = target.dyn_ref::<web_sys::HtmlElement>() {
                h.focus()?;
            }
        }
        Ok(())
    }
}

/// Resolves a core text through the shell's `translate` (`i18n.getMessage`); an empty string
/// when the shell fails, never a panic.
pub fn tr(translate: &js_sys::Function, text: &Text) -> String {
    translate.call1(&JsValue::NULL, &crate::to_js(text)).ok().and_then(|v| v.as_string()).unwrap_or_default()
}

impl Drop for Banner {
    fn drop(&mut self) {
        self.host.remove();
    }
}
