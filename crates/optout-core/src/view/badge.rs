//! The action badge: text, colour and the `action.setTitle` sentence for each state. Texts are
//! message keys ([`Text`]); every locale's badge text must stay within 4 characters (tested on
//! the `_locales` files), as browsers truncate longer ones.

use serde::Serialize;

use crate::catalog::{Setting, Site};
use crate::memory::{Memory, Seen};
use crate::view::text::{state_word, Arg, Text};
use crate::vocab::{Phase, SwitchState};

/// What the toolbar button shows.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BadgeModel {
    /// Badge text (message key; at most 4 characters in every locale).
    pub text: Text,
    /// Badge background colour, `#rrggbb`.
    pub color: &'static str,
    /// Badge text colour, `#rrggbb` (white on every background here; contrast ≥ 4.5:1).
    pub text_color: &'static str,
    /// The button's title: a full sentence, read by screen readers.
    pub title: Text,
}

const WHITE: &str = "#ffffff";

fn badge(text: &'static str, color: &'static str, title: Text) -> BadgeModel {
    BadgeModel { text: Text::new(text), color, text_color: WHITE, title }
}

/// The badge for `setting` in `phase`; `None` means the setting has not been checked yet.
pub fn badge_model(setting: &Setting, phase: Option<Phase>) -> BadgeModel {
    let t = |key: &'static str| Text::new(key).with(setting.messages.title);
    match phase {
        None | Some(Phase::Waiting) => badge("badge_notChecked", "#5f6368", t("badgeTitle_notChecked")),
        Some(Phase::On) | Some(Phase::Failed) => {
            badge("badge_on", "#b3261e", t("badgeTitle_on").with(setting.site().name_arg()))
        }
        Some(Phase::Off) | Some(Phase::Verified) => badge("badge_off", "#1e6b34", t("badgeTitle_off")),
        Some(Phase::Switching) => badge("badge_switching", "#0b57d0", t("badgeTitle_switching")),
        Some(Phase::Unknown) => badge("badge_unknown", "#8a4b00", t("badgeTitle_unknown")),
    }
}

/// The badge for a remembered reading of `setting` at `now_ms` (ms since the epoch): the
/// reading's own badge, or, once it is older than `recheck_days`, the "old" badge that asks
/// for a re-check. `None`: never checked.
pub fn remembered_badge(setting: &Setting, seen: Option<Seen>, now_ms: f64, recheck_days: u32) -> BadgeModel {
    match seen {
        Some(s) if s.is_stale(now_ms, recheck_days) => {
            // The date, not a day count: getMessage has no plural forms ("1 days").
            let title = Text::new("badgeTitle_stale")
                .with(setting.messages.title)
                .with(state_word(s.state))
                .with(Arg::Date { date: s.seen_at_ms });
            badge("badge_stale", "#6a4c93", title)
        }
        Some(s) => badge_model(setting, Some(s.phase())),
        None => badge_model(setting, None),
    }
}

/// The badge for what `memory` holds about `setting` at `now_ms`: a pending change of ours
/// ([`Memory::pending`]) first, "being checked" while fresh and "not confirmed" after, else the
/// remembered reading ([`remembered_badge`]). A pending change is never shown as the reading
/// before it: the click was made, so the old state is no longer known.
pub fn memory_badge(setting: &Setting, memory: &Memory, now_ms: f64, recheck_days: u32) -> BadgeModel {
    match memory.pending_change(setting.id) {
        Some(p) if p.is_fresh(now_ms) => {
            badge("badge_switching", "#0b57d0", Text::new("badgeTitle_pending").with(setting.messages.title))
        }
        Some(p) => badge(
            "badge_unknown",
            "#8a4b00",
            Text::new("badgeTitle_notConfirmed").with(setting.messages.title).with(Arg::Date { date: p.pressed_at_ms }),
        ),
        None => remembered_badge(setting, memory.seen(setting.id), now_ms, recheck_days),
    }
}

/// How the summary of several sites counts one site's primary setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Known {
    On,
    Off,
    Not,
}

/// What `memory` knows of `setting` at `now_ms`, for the summary: known on or off only from a
/// reading within `recheck_days` and no pending change of ours; with the words the title says
/// it in (the popup's state words).
fn known(setting: &Setting, memory: &Memory, now_ms: f64, recheck_days: u32) -> (Known, Text) {
    match (memory.pending_change(setting.id), memory.seen(setting.id)) {
        (Some(p), _) if p.is_fresh(now_ms) => (Known::Not, Text::new("popup_state_switching")),
        (Some(_), _) => (Known::Not, Text::new("popup_state_notConfirmed")),
        (None, Some(s)) if s.is_stale(now_ms, recheck_days) => {
            (Known::Not, Text::new("popup_state_stale").with(state_word(s.state)))
        }
        (None, Some(s)) if s.state == SwitchState::On => (Known::On, Text::new("popup_state_on")),
        (None, Some(_)) => (Known::Off, Text::new("popup_state_off")),
        (None, None) => (Known::Not, Text::new("popup_state_notChecked")),
    }
}

/// `items` as one text: the first, then `badgeTitle_siteList` ("$FIRST$; $REST$") around the
/// rest, so that any number of sites is listed without counting them. `None` for no items.
fn listed(mut items: Vec<Text>) -> Option<Text> {
    let last = items.pop()?;
    Some(items.into_iter().rev().fold(last, |rest, first| Text::new("badgeTitle_siteList").with(first).with(rest)))
}

/// The remembered badge for the primary settings of the enabled `sites` (catalog order,
/// LinkedIn first). One site: its [`memory_badge`], as before any other site existed. Several:
/// **ON** (red) when any is known on, **OFF** (green) when all are known off, **?** (grey)
/// otherwise (not checked, old, being confirmed, not confirmed): never a count, as
/// `i18n.getMessage` has no plural forms; the title names each site's state
/// (`badgeTitle_sites`, each `$SITE$: $STATE$` in the popup's state words). Known means a
/// reading within `recheck_days` of `now_ms` (ms since the epoch) with no pending change.
pub fn sites_badge(sites: &[&Site], memory: &Memory, now_ms: f64, recheck_days: u32) -> BadgeModel {
    if let [site] = sites {
        return memory_badge(site.primary(), memory, now_ms, recheck_days);
    }
    let states: Vec<(Known, Text)> = sites.iter().map(|s| known(s.primary(), memory, now_ms, recheck_days)).collect();
    let items = sites
        .iter()
        .zip(&states)
        .map(|(site, (_, words))| Text::new("badgeTitle_siteState").with(site.name_arg()).with(words.clone()))
        .collect();
    let title =
        Text::new("badgeTitle_sites").with(listed(items).unwrap_or_else(|| Text::new("popup_state_notChecked")));
    let phase = if states.iter().any(|(k, _)| *k == Known::On) {
        Some(Phase::On)
    } else if !states.is_empty() && states.iter().all(|(k, _)| *k == Known::Off) {
        Some(Phase::Off)
    } else {
        None
    };
    // The single-site badge's text and colour for that reading (ON, OFF, ?), with the summary's title.
    BadgeModel { title, ..badge_model(crate::catalog::primary(), phase) }
}

/// `badge` with the title for a click that opens `setting`'s page directly, before the popup
/// takes over the toolbar button ([`Memory::popup_took_over`]).
pub fn opening_setting(badge: BadgeModel, setting: &Setting) -> BadgeModel {
    BadgeModel {
        title: Text::new("badgeTitle_firstClick").with(setting.messages.title).with(setting.site().name_arg()),
        ..badge
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::linkedin::AI_TRAINING;
    use crate::memory::DAY_MS;
    use crate::vocab::SwitchState;

    #[test]
    fn on_off_unknown_unchecked_and_stale_are_distinct() {
        let seen = Seen { state: SwitchState::Off, seen_at_ms: 0.0, verified_by_us: true };
        let all = [
            badge_model(&AI_TRAINING, None),
            badge_model(&AI_TRAINING, Some(Phase::On)),
            badge_model(&AI_TRAINING, Some(Phase::Off)),
            badge_model(&AI_TRAINING, Some(Phase::Unknown)),
            remembered_badge(&AI_TRAINING, Some(seen), 31.0 * DAY_MS, 30),
        ];
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(a.text, b.text);
                assert_ne!(a.color, b.color);
                assert_ne!(a.title, b.title);
            }
        }
        assert_eq!(badge_model(&AI_TRAINING, Some(Phase::Verified)).text.key, "badge_off");
        assert_eq!(badge_model(&AI_TRAINING, Some(Phase::Failed)).text.key, "badge_on");
    }

    #[test]
    fn several_sites_summarise_without_counting_and_name_each_state() {
        use crate::catalog::chatgpt::{CHATGPT, IMPROVE_MODEL};
        use crate::catalog::linkedin::LINKEDIN;
        use crate::flow::ChangeNote;
        let both: [&Site; 2] = [&LINKEDIN, &CHATGPT];
        let reading = |memory: &mut Memory, setting: &Setting, state: SwitchState, at: f64| {
            memory.record(setting.id, state.into(), Some(state), ChangeNote::None, at);
        };
        let now = 10.0 * DAY_MS;
        let mut memory = Memory::default();
        // One site: exactly the single-site badge, as before ChatGPT existed.
        reading(&mut memory, &AI_TRAINING, SwitchState::Off, now);
        assert_eq!(sites_badge(&[&LINKEDIN], &memory, now, 30), memory_badge(&AI_TRAINING, &memory, now, 30));
        // LinkedIn off, ChatGPT never checked: ?, and the title names both.
        let b = sites_badge(&both, &memory, now, 30);
        assert_eq!(b.text.key, "badge_notChecked");
        assert_eq!(
            b.title.keys(),
            [
                "badgeTitle_sites",
                "badgeTitle_siteList",
                "badgeTitle_siteState",
                "popup_state_off",
                "badgeTitle_siteState",
                "popup_state_notChecked"
            ]
        );
        let names: Vec<_> = [&b.title.args[0]]
            .iter()
            .filter_map(|a| if let Arg::Text(t) = a { Some(t) } else { None })
            .flat_map(|list| list.args.iter())
            .filter_map(|a| if let Arg::Text(t) = a { Some(t.args[0].clone()) } else { None })
            .collect();
        assert_eq!(names, [Arg::Plain("LinkedIn".into()), Arg::Plain("ChatGPT".into())]);
        // Both off: OFF. Either on: ON, whatever the other says.
        reading(&mut memory, &IMPROVE_MODEL, SwitchState::Off, now);
        assert_eq!(sites_badge(&both, &memory, now, 30).text.key, "badge_off");
        reading(&mut memory, &IMPROVE_MODEL, SwitchState::On, now);
        assert_eq!(sites_badge(&both, &memory, now, 30).text.key, "badge_on");
        let mut memory2 = Memory::default();
        reading(&mut memory2, &IMPROVE_MODEL, SwitchState::On, now);
        assert_eq!(sites_badge(&both, &memory2, now, 30).text.key, "badge_on", "on beside not checked");
        // An old reading is not known: off beside an old off is ?.
        let mut memory3 = Memory::default();
        reading(&mut memory3, &AI_TRAINING, SwitchState::Off, now);
        reading(&mut memory3, &IMPROVE_MODEL, SwitchState::Off, 0.0);
        let old = sites_badge(&both, &memory3, now + 25.0 * DAY_MS, 30);
        assert_eq!(old.text.key, "badge_notChecked");
        assert!(old.title.keys().contains(&"popup_state_stale"), "{:?}", old.title.keys());
        // The badge's text is never a number.
        for m in [&memory, &memory2, &memory3] {
            assert!(["badge_on", "badge_off", "badge_notChecked"].contains(&sites_badge(&both, m, now, 30).text.key));
        }
    }

    #[test]
    fn stale_after_the_recheck_period() {
        let seen = Seen { state: SwitchState::Off, seen_at_ms: 0.0, verified_by_us: true };
        assert_eq!(remembered_badge(&AI_TRAINING, Some(seen), 30.0 * DAY_MS, 30).text.key, "badge_off");
        let stale = remembered_badge(&AI_TRAINING, Some(seen), 45.0 * DAY_MS, 30);
        assert_eq!(stale.text.key, "badge_stale");
        assert_eq!(stale.title.keys(), vec!["badgeTitle_stale", "s_aiTraining_title", "state_off"]);
        assert_eq!(stale.title.args[2], Arg::Date { date: 0.0 });
        assert_eq!(remembered_badge(&AI_TRAINING, Some(seen), 45.0 * DAY_MS, 60).text.key, "badge_off");
        assert_eq!(remembered_badge(&AI_TRAINING, None, 45.0 * DAY_MS, 30).text.key, "badge_notChecked");
    }
}
