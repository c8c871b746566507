//! What the extension shows, as data: the banner on a setting's page, the toolbar badge and the
//! popup. Every text is a [`text::Text`] (a `_locales` message key with its placeholders), so the
//! renderers (the wasm facade and the extension shell) hold no wording; every closed set that
//! reaches the DOM (button actions, row states, tones, `data-state`) is an enum with one wire
//! string per variant.

pub mod badge;
pub mod banner;
pub mod popup;
pub mod text;
