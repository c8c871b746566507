//! Opt-Out Guard's wasm-bindgen facade: the only code that touches the DOM or JS values.
//!
//! Exports (camelCase in JS; the module is loaded as the `wasm_bindgen` global of the
//! `--target no-modules` glue):
//! - content script: [`start_content_script`], [`on_background_message`], [`set_stored`];
//! - background: [`background::on_content_message`], [`background::on_popup_message`],
//!   [`background::on_event`] (events and stored state in, effects out: `optout_core::background`);
//! - popup: [`pages::popup_model`];
//! - options page: [`pages::check_options`], [`pages::parse_recheck_days`].
//!
//! Every decision is made by `optout-core`; this crate reads, renders and clicks.
//!
//! Two builds: the content script's (`--no-default-features`: detection, the flow, the banner)
//! and the extension pages' (feature `pages`, the default: also the background's decisions and
//! the popup and options models), so that a setting's page never loads the background's code.

#[cfg(feature = "pages")]
pub mod background;
mod banner;
mod clock;
mod content;
mod dom;
mod js;
#[cfg(feature = "pages")]
pub mod pages;

pub use content::{on_background_message, set_stored, start_content_script};
