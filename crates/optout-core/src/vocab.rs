//! The shared vocabulary, at the bottom of the core: the switch's position ([`SwitchState`]),
//! where a visit to a setting's page stands ([`Phase`]) and why a switch could not be named
//! ([`UnknownReason`]). Detection, the flow, the memory, the messages and the views all speak
//! these words; this module imports nothing from the crate.
//!
//! Closed sets whose wire string is also needed outside serde (a DOM attribute) are declared
//! with `wire_enum!`: each string is written once, beside its variant, and serde and
//! `as_str` both read it.

use serde::{Deserialize, Serialize};

/// Declares a closed set whose wire strings are written once, beside their variants.
///
/// Input: the enum with its attributes (its docs and derives, which must include `Serialize`)
/// and each variant written `Variant = "wire-string"`. Output: the enum, with
/// `#[serde(rename = "wire-string")]` on each variant; `ALL`, every variant in declaration
/// order; and `as_str`, which returns the same strings. A misspelt variant does not compile,
/// and serde and the DOM attributes set from `as_str` cannot disagree.
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$variant_meta:meta])*
                $variant:ident = $wire:literal
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $(
                $(#[$variant_meta])*
                #[serde(rename = $wire)]
                $variant,
            )+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The wire string: the serde name, and the value of any DOM attribute set from it.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $wire,)+
                }
            }
        }
    };
}
pub(crate) use wire_enum;

/// A switch's position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SwitchState {
    /// The checkbox's live `.checked` is true [C] (docs/evidence/linkedin.md §2.2).
    On,
    /// The checkbox's live `.checked` is false [C] (docs/evidence/linkedin.md §2.2).
    Off,
}

impl SwitchState {
    /// The other position.
    pub fn flipped(self) -> SwitchState {
        match self {
            SwitchState::On => SwitchState::Off,
            SwitchState::Off => SwitchState::On,
        }
    }
}

wire_enum! {
    /// Where a visit to a setting's page stands: what the banner (and the badge) says. The wire
    /// names are the test contract's `data-state` values, `on | off | switching | verified |
    /// failed | unknown` (no banner is shown while `waiting`). `On` and `Off` are readings of the
    /// switch; `Verified` and `Failed` are the outcome of our click towards the flow's target
    /// state (normally the setting's privacy-preserving state, or the opposite when the user
    /// undoes a change).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum Phase {
        /// Still waiting for the switch to render (no banner yet).
        Waiting = "waiting",
        /// The switch is on.
        On = "on",
        /// The switch is off (and we did not switch it during this visit).
        Off = "off",
        /// We clicked and wait for the page to settle.
        Switching = "switching",
        /// We clicked and re-read it in the target state.
        Verified = "verified",
        /// We clicked and the page shows it away from the target state again (LinkedIn rejected
        /// the change or flipped it back).
        Failed = "failed",
        /// We cannot tell; nothing is clicked and the manual path is shown.
        Unknown = "unknown",
    }
}

impl Phase {
    /// The reading a plain `On`/`Off` phase stands for; `None` for every other phase.
    pub fn reading(self) -> Option<SwitchState> {
        match self {
            Phase::On => Some(SwitchState::On),
            Phase::Off => Some(SwitchState::Off),
            Phase::Waiting | Phase::Switching | Phase::Verified | Phase::Failed | Phase::Unknown => None,
        }
    }
}

impl From<SwitchState> for Phase {
    /// The plain phase of a reading: `On` or `Off`.
    fn from(state: SwitchState) -> Phase {
        match state {
            SwitchState::On => Phase::On,
            SwitchState::Off => Phase::Off,
        }
    }
}

wire_enum! {
    /// Why detection could not name exactly one switch (the wire string is also what the bug
    /// report names it).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum UnknownReason {
        /// Nothing matched (yet): the page may still be rendering, or the setting is not offered.
        NotFound = "notFound",
        /// More than one visible control claims to be the switch (or another kind of element
        /// that a person sees claims it beside the one control).
        Ambiguous = "ambiguous",
        /// Something carries the key but is not the kind of control the setting's switch is (on
        /// LinkedIn: not a checkbox, docs/evidence/linkedin.md §5 #19). The wire name predates
        /// other kinds.
        NotACheckbox = "notACheckbox",
        /// The only matching checkboxes are hidden or inside inert/hidden subtrees.
        Hidden = "hidden",
        /// The one switch is disabled, or its state cannot be read (an ARIA switch whose
        /// `aria-checked` is neither `"true"` nor `"false"`).
        Disabled = "disabled",
        /// Read outside the top-level document.
        NotTopFrame = "notTopFrame",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn phase_wire_names_are_the_contract_and_serde_agrees() {
        let names: Vec<&str> = Phase::ALL.iter().map(|p| p.as_str()).collect();
        assert_eq!(names, ["waiting", "on", "off", "switching", "verified", "failed", "unknown"]);
        for p in Phase::ALL {
            assert_eq!(serde_json::to_value(p).unwrap(), json!(p.as_str()));
            assert_eq!(serde_json::from_value::<Phase>(json!(p.as_str())).unwrap(), *p);
        }
    }

    #[test]
    fn readings_and_phases_convert_both_ways() {
        for s in [SwitchState::On, SwitchState::Off] {
            assert_eq!(Phase::from(s).reading(), Some(s));
            assert_eq!(s.flipped().flipped(), s);
            assert_ne!(s.flipped(), s);
        }
        for p in Phase::ALL.iter().filter(|p| !matches!(p, Phase::On | Phase::Off)) {
            assert_eq!(p.reading(), None, "{p:?}");
        }
        assert_eq!(serde_json::to_value(SwitchState::Off).unwrap(), json!("off"));
    }
}
