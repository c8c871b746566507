//! Every text the core can produce names a message that exists in the extension's default
//! locale (`extension/src/_locales/en/messages.json`) with exactly as many placeholders as the
//! core fills. (That every other locale has every key with the same placeholders is checked by
//! `tests/static/locales.test.mjs`.)

use std::collections::BTreeMap;

use optout_core::catalog;
use optout_core::memory::{Memory, Options, Seen, DAY_MS};
use optout_core::view::badge::{badge_model, opening_setting, remembered_badge, sites_badge};
use optout_core::view::banner::{banner_model, BannerInput, ReportShown};
use optout_core::view::popup::{popup_model, PopupInput};
use optout_core::view::text::{Arg, Text};
use optout_core::ChangeNote;
use optout_core::{Phase, SettingId, SwitchState, UnknownReason};
use serde_json::Value;

#[allow(
    clippy::expect_used,
    reason = "test helper outside #[test]: a missing or malformed messages.json must fail the test run, with this message"
)]
fn messages() -> BTreeMap<String, Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../extension/src/_locales/en/messages.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("en messages.json")).expect("valid JSON")
}

fn check(text: &Text, msgs: &BTreeMap<String, Value>, used: &mut std::collections::BTreeSet<String>) {
    let entry = msgs.get(text.key).unwrap_or_else(|| panic!("message {} is missing from en/messages.json", text.key));
    used.insert(text.key.to_string());
    let placeholders = entry.get("placeholders").and_then(|p| p.as_object()).map_or(0, |p| p.len());
    assert_eq!(placeholders, text.args.len(), "{}: placeholders vs arguments", text.key);
    for a in &text.args {
        if let Arg::Text(t) = a {
            check(t, msgs, used);
        }
    }
}

#[test]
fn every_core_text_exists_in_the_default_locale() {
    let msgs = messages();
    let mut used = std::collections::BTreeSet::new();
    let phases =
        [Phase::Waiting, Phase::On, Phase::Off, Phase::Switching, Phase::Verified, Phase::Failed, Phase::Unknown];
    let reasons = [
        None,
        Some(UnknownReason::NotFound),
        Some(UnknownReason::Ambiguous),
        Some(UnknownReason::NotACheckbox),
        Some(UnknownReason::Hidden),
        Some(UnknownReason::Disabled),
        Some(UnknownReason::NotTopFrame),
    ];
    let mut memory = Memory::default();
    for setting in catalog::settings() {
        for phase in phases {
            for reason in reasons {
                for clicked in [false, true] {
                    for (target, extra) in
                        [SwitchState::Off, SwitchState::On].into_iter().flat_map(|t| [(t, false), (t, true)])
                    {
                        if let Some(m) = banner_model(BannerInput {
                            setting,
                            phase,
                            reason,
                            clicked,
                            target,
                            next: setting.next_in_checkup(),
                            // a changed wording said on half of them
                            label_seen: clicked.then_some("New words"),
                            report: Some(ReportShown { text: "details", copied: clicked }),
                            reads_target: clicked,
                            // `check` offered, or the reveal running, on a quarter each
                            offer_check: extra && clicked,
                            revealing: extra && !clicked && target == SwitchState::On,
                            row_clicked: extra,
                            reveal_failed: extra && !clicked,
                        }) {
                            let texts = std::iter::once(&m.title)
                                .chain(&m.body)
                                .chain(&m.manual_steps)
                                .chain(&m.caveats)
                                .chain(m.links.iter().map(|l| &l.label))
                                .chain(m.buttons.iter().map(|b| &b.label))
                                .chain(m.report.iter().flat_map(|r| [&r.label, &r.status]));
                            for t in texts {
                                check(t, &msgs, &mut used);
                            }
                        }
                    }
                }
            }
            let b = badge_model(setting, Some(phase));
            check(&b.text, &msgs, &mut used);
            check(&b.title, &msgs, &mut used);
            check(&opening_setting(b, setting).title, &msgs, &mut used);
        }
        for state in [SwitchState::On, SwitchState::Off] {
            let seen = Seen { state, seen_at_ms: 0.0, verified_by_us: false };
            let b = remembered_badge(setting, Some(seen), 40.0 * DAY_MS, 30);
            check(&b.text, &msgs, &mut used);
            check(&b.title, &msgs, &mut used);
        }
        memory.record(setting.id, Phase::Verified, Some(SwitchState::Off), ChangeNote::Verified, 1.0);
    }
    memory.note_label_seen(SettingId::AiTraining, "New words");
    memory.record(SettingId::Research, Phase::Verified, Some(SwitchState::On), ChangeNote::Verified, 2.0);
    memory
        .settings
        .insert(SettingId::AdsByAge, Seen { state: SwitchState::On, seen_at_ms: 0.0, verified_by_us: false });
    // The summary of every site: known, not known, old.
    for now in [3.0, 45.0 * DAY_MS] {
        for mem in [&memory, &Memory::default()] {
            let b = sites_badge(catalog::SITES, mem, now, 30);
            check(&b.text, &msgs, &mut used);
            check(&b.title, &msgs, &mut used);
        }
    }
    let granted: Vec<String> = optout_core::catalog::SITES.iter().map(|site| site.host_pattern()).collect();
    for live in [None, Some((SettingId::AiTraining, Phase::Switching)), Some((SettingId::AiTraining, Phase::Unknown))] {
        for (mem, reset) in [(&memory, true), (&Memory::default(), false)] {
            let url = Some("https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement");
            let p = popup_model(PopupInput {
                memory: mem,
                options: Options::default(),
                live,
                active_tab_url: url,
                now_ms: 45.0 * DAY_MS,
                memory_was_reset: reset,
                gpc: reset,
                // Both sides of every site asked for at use: not enabled, and enabled.
                granted: if reset { &[] } else { &granted },
            });
            let rows = std::iter::once(&p.main).chain(&p.checkup);
            for r in rows {
                for t in std::iter::once(&r.title).chain([&r.headline, &r.button]).chain(&r.detail).chain(&r.gpc_note) {
                    check(t, &msgs, &mut used);
                }
            }
            for site in &p.sites {
                for t in std::iter::once(&site.headline).chain([&site.button]).chain(&site.detail) {
                    check(t, &msgs, &mut used);
                }
                if let Some(r) = &site.setting {
                    for t in std::iter::once(&r.title).chain([&r.headline, &r.button]).chain(&r.detail) {
                        check(t, &msgs, &mut used);
                    }
                }
            }
            for h in &p.history {
                check(&h.text, &msgs, &mut used);
                for t in [&h.undone, &h.note, &h.wording].into_iter().flatten() {
                    check(t, &msgs, &mut used);
                }
            }
            for t in
                p.caveats.iter().chain(p.links.iter().map(|l| &l.label)).chain(&p.notice).chain([&p.checkup_progress])
            {
                check(t, &msgs, &mut used);
            }
        }
    }
    // Sanity: the walk above reached the texts of every catalog setting.
    for s in catalog::settings() {
        for key in [s.messages.title, s.messages.what, s.messages.path, s.messages.switch, s.messages.region] {
            assert!(used.contains(key), "{key} never produced");
        }
    }
}
