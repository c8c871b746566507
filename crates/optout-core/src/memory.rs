//! What the extension remembers in `storage.local`: the last state it saw for each setting.

use serde::{Deserialize, Serialize};

use crate::detect::ToggleState;
use crate::flow::Phase;

/// Current schema version of [`Memory`].
pub const MEMORY_VERSION: u32 = 1;

/// The last state seen of one setting.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Seen {
    pub state: ToggleState,
    /// When it was read, in ms since the Unix epoch.
    pub seen_at_ms: f64,
    /// True when Opt-Out Guard switched it off itself and verified the result.
    pub verified_by_us: bool,
}

impl Seen {
    /// The phase this reading stands for (`On` or `Off`).
    pub fn phase(&self) -> Phase {
        match self.state {
            ToggleState::On => Phase::On,
            ToggleState::Off => Phase::Off,
        }
    }
}

/// The whole stored memory (`storage.local` key `memory`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Memory {
    pub version: u32,
    pub ai_training: Option<Seen>,
}

impl Default for Memory {
    fn default() -> Self {
        Memory { version: MEMORY_VERSION, ai_training: None }
    }
}

/// What loading the stored memory found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum LoadStatus {
    /// Nothing stored yet.
    Empty,
    /// A memory of the current schema.
    Current,
    /// Something unreadable (corrupt, a schema this build does not know, e.g. written by a newer
    /// version): replaced by an empty memory. The user is told once, in the popup.
    Reset,
}

impl Memory {
    /// Interprets what `storage.local` holds under `memory`: `None` when the key is absent,
    /// `Some(Ok(m))` when it decoded as this schema, `Some(Err(()))` when it did not. Version 1 is
    /// the first schema, so there is nothing older to migrate yet; a later schema change adds its
    /// migration here, before the reset.
    pub fn load(stored: Option<Result<Memory, ()>>) -> (Memory, LoadStatus) {
        match stored {
            None => (Memory::default(), LoadStatus::Empty),
            Some(Ok(m)) if m.version == MEMORY_VERSION => (m, LoadStatus::Current),
            Some(_) => (Memory::default(), LoadStatus::Reset),
        }
    }

    /// Records what a phase says about the switch at `now_ms`. Returns true when the memory
    /// changed. Phases that say nothing definite (waiting, switching, unknown) change nothing:
    /// a remembered state is only ever replaced by a state actually read from the page.
    pub fn record(&mut self, phase: Phase, now_ms: f64) -> bool {
        let seen = match phase {
            Phase::On | Phase::Failed => Seen { state: ToggleState::On, seen_at_ms: now_ms, verified_by_us: false },
            Phase::Off => Seen {
                state: ToggleState::Off,
                seen_at_ms: now_ms,
                // still off after our own verified change
                verified_by_us: matches!(self.ai_training, Some(Seen { state: ToggleState::Off, verified_by_us: true, .. })),
            },
            Phase::Verified => Seen { state: ToggleState::Off, seen_at_ms: now_ms, verified_by_us: true },
            Phase::Waiting | Phase::Switching | Phase::Unknown => return false,
        };
        self.ai_training = Some(seen);
        true
    }

    /// The phase the remembered state stands for, for the badge: `None` when never checked.
    pub fn remembered_phase(&self) -> Option<Phase> {
        self.ai_training.map(|s| s.phase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_only_definite_states() {
        let mut m = Memory::default();
        assert_eq!(m.remembered_phase(), None);
        assert!(!m.record(Phase::Unknown, 1.0));
        assert!(!m.record(Phase::Switching, 1.0));
        assert!(m.record(Phase::On, 2.0));
        assert_eq!(m.remembered_phase(), Some(Phase::On));
        assert!(m.record(Phase::Verified, 3.0));
        assert_eq!(m.ai_training, Some(Seen { state: ToggleState::Off, seen_at_ms: 3.0, verified_by_us: true }));
        assert!(m.record(Phase::Off, 4.0));
        assert!(m.ai_training.unwrap().verified_by_us, "a later off read keeps the verified mark");
        assert!(m.record(Phase::Failed, 5.0));
        assert_eq!(m.remembered_phase(), Some(Phase::On));
    }

    #[test]
    fn load_resets_what_it_cannot_read() {
        let good = Memory { version: 1, ai_training: None };
        assert_eq!(Memory::load(None).1, LoadStatus::Empty);
        assert_eq!(Memory::load(Some(Ok(good.clone()))), (good, LoadStatus::Current));
        assert_eq!(Memory::load(Some(Ok(Memory { version: 7, ai_training: None }))).1, LoadStatus::Reset);
        assert_eq!(Memory::load(Some(Err(()))), (Memory::default(), LoadStatus::Reset));
    }

    #[test]
    fn schema_is_strict() {
        let ok = r#"{"version":1,"aiTraining":{"state":"off","seenAtMs":5.0,"verifiedByUs":true}}"#;
        assert!(serde_json::from_str::<Memory>(ok).is_ok());
        let extra = r#"{"version":1,"aiTraining":null,"x":1}"#;
        assert!(serde_json::from_str::<Memory>(extra).is_err());
    }
}
