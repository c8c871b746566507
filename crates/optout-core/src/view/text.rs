//! The extension's own words, as data: every user-facing text is a message key of
//! `extension/src/_locales/<locale>/messages.json` plus its substitutions. The shell resolves them
//! with `i18n.getMessage` in the browser's UI language (`extension/src/lib/i18n.js`), so the core
//! holds no wording and every locale gets the same structure. (Not to be confused with
//! [`crate::message`], the messages the extension's contexts send each other.)

use serde::Serialize;

use crate::vocab::SwitchState;

/// One text: a message key and the values of its placeholders (`$1`…`$9`, in order).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Text {
    /// The message key in `messages.json`, e.g. `banner_off_title`.
    pub key: &'static str,
    /// The placeholder values, `$1` first; empty (and left out of the JSON) when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<Arg>,
}

/// A placeholder value.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Arg {
    /// Another message, resolved in the same locale (e.g. a setting's title).
    Text(Text),
    /// Verbatim text (never translated).
    Plain(String),
    /// A moment, ms since the Unix epoch: shown as a localised date and time.
    Date {
        /// ms since the Unix epoch.
        date: f64,
    },
}

impl Text {
    /// A text without placeholders.
    pub fn new(key: &'static str) -> Text {
        Text { key, args: Vec::new() }
    }

    /// Adds the next placeholder's value.
    pub fn with(mut self, arg: impl Into<Arg>) -> Text {
        self.args.push(arg.into());
        self
    }

    /// Every message key this text uses, its own first, then those of nested texts.
    pub fn keys(&self) -> Vec<&'static str> {
        let mut out = vec![self.key];
        for a in &self.args {
            if let Arg::Text(t) = a {
                out.extend(t.keys());
            }
        }
        out
    }
}

/// The word for a switch position inside a sentence (`state_on` or `state_off`), e.g. in the
/// stale badge's title and the popup's stale headline.
pub fn state_word(state: SwitchState) -> Text {
    Text::new(match state {
        SwitchState::On => "state_on",
        SwitchState::Off => "state_off",
    })
}

impl From<Text> for Arg {
    fn from(t: Text) -> Arg {
        Arg::Text(t)
    }
}

impl From<&'static str> for Arg {
    /// A message key.
    fn from(key: &'static str) -> Arg {
        Arg::Text(Text::new(key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn wire_shape() {
        let t = Text::new("banner_on_title").with("s_aiTraining_title").with(Arg::Date { date: 5.0 });
        assert_eq!(
            serde_json::to_value(&t).unwrap(),
            json!({"key": "banner_on_title", "args": [{"key": "s_aiTraining_title"}, {"date": 5.0}]})
        );
        assert_eq!(t.keys(), vec!["banner_on_title", "s_aiTraining_title"]);
        assert_eq!(serde_json::to_value(Text::new("x")).unwrap(), json!({"key": "x"}));
    }
}
