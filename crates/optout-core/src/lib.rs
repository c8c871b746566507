//! Opt-Out Guard's decision logic, free of any DOM or browser API so that it builds and is
//! tested on the host with `cargo test`.
//!
//! The pipeline is `classify` (which page is this) → `detect` (which control, what state) →
//! [`flow::Flow`] (what to do next: warn, switch off, verify) → the banner, badge and popup
//! models of [`view`] that the wasm facade and the extension shell render.
//!
//! Layers, each importing only from those below it: [`vocab`] (the shared words: [`SwitchState`],
//! [`Phase`], [`UnknownReason`]) and [`label`]; [`snapshot`]; [`catalog`] (every site and
//! setting as data: origins, settings-app grammar, locators, caveats, the primary setting);
//! [`page`] and [`detect`](mod@detect); [`flow`] and [`memory`]; [`message`]; [`view`].
//!
//! The guarantee every module keeps: when anything is ambiguous, the outcome is
//! [`detect::Detection::Unknown`] and no click is ever commanded. Facts about LinkedIn's page
//! carry their evidence tag from `docs/evidence/linkedin.md`: **[C]** confirmed, **[S]** secondary,
//! **[I]** inferred. Where a fact is only inferred, the behaviour stays safe if it is wrong.

pub mod background;
pub mod catalog;
pub mod detect;
pub mod flow;
pub mod label;
pub mod memory;
pub mod message;
pub mod page;
pub mod report;
pub mod snapshot;
pub mod view;
pub mod vocab;

pub use catalog::{Setting, SettingId};
pub use detect::{detect, Detection};
pub use flow::{ChangeNote, Command, Event, Flow};
pub use page::{classify_url, PageKind};
pub use snapshot::{AriaRef, Candidate, Snapshot, Via};
pub use vocab::{Phase, SwitchState, UnknownReason};
