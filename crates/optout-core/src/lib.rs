//! Opt-Out Guard's decision logic, free of any DOM or browser API so that it builds and is
//! tested on the host with `cargo test`.
//!
//! The pipeline is `classify` (which page is this) → `detect` (which control, what state) →
//! [`flow::Flow`] (what to do next: warn, switch off, verify) → the banner and badge models that
//! the wasm facade and the extension shell render.
//!
//! The guarantee every module keeps: when anything is ambiguous, the outcome is
//! [`detect::Detection::Unknown`] and no click is ever commanded. Facts about LinkedIn's page
//! carry their evidence tag from `docs/evidence/linkedin.md`: **[C]** confirmed, **[S]** secondary,
//! **[I]** inferred. Where a fact is only inferred, the behaviour stays safe if it is wrong.

pub mod badge;
pub mod banner;
pub mod catalog;
pub mod detect;
pub mod flow;
pub mod memory;
pub mod message;
pub mod msg;
pub mod page;
pub mod popup;
pub mod snapshot;
pub mod text;

pub use catalog::{Setting, SettingId};
pub use detect::{detect, Detection, ToggleState, UnknownReason};
pub use flow::{Command, Event, Flow, Phase};
pub use page::{classify_url, PageKind};
pub use snapshot::{Candidate, Snapshot, Via};
