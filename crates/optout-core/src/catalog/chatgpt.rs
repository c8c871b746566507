//! ChatGPT as data: the site ([`CHATGPT`]) and its one setting, "Improve the model for everyone"
//! ([`IMPROVE_MODEL`]). Every fact carries its evidence tag and its source in
//! `docs/evidence/platforms.md` §1.1.
//!
//! Unlike LinkedIn, ChatGPT is asked for at use ([`Access::AtUse`]): `manifest.json` lists its
//! origin under `optional_host_permissions`, the popup asks for it (`permissions.request`), and
//! once it is granted the background registers the content script for its settings app.

use super::{
    Access, Control, Evidence, Locator, PathGrammar, Reveal, Setting, SettingId, SettingMessages, SettingPages, Site,
    SiteId, StateWords, Step, Surface,
};
use crate::vocab::SwitchState;

/// ChatGPT: origin `https://chatgpt.com`, its settings at `/settings/<tab>`.
///
/// Grammar: the Data controls tab is the path route `/settings/data-controls`, verified live
/// 2026-10-02 [C: RQ-GPT] (docs/evidence/platforms.md §1.1). That the other tabs share the root
/// `/settings/` is [I]; the content script is registered for that root only, so it is never
/// loaded into a chat.
pub static CHATGPT: Site = Site {
    id: SiteId::ChatGpt,
    name: "ChatGPT",
    origin: "https://chatgpt.com",
    access: Access::AtUse,
    grammar: PathGrammar {
        canonical: SettingPages { prefix: "/settings/", surface: Surface::Desktop },
        also: &[],
        app_roots: &["/settings/"],
        other_settings_roots: &[],
    },
    settings: &[&IMPROVE_MODEL],
};

/// The Data controls row and the dialog it opens.
///
/// The row is `button[data-testid="improve-model-open-modal-button"]` [C: BPC `src/chatgpt/*`]
/// (docs/evidence/platforms.md §1.1). That it shows the state as a word, "On" or "Off", as its
/// last text [I: the settings UI's pattern; no primary source]: read in English only, and a row
/// that shows anything else is unreadable (the banner says unknown and offers `check`), so a
/// wrong guess here can only make the page unknown, never a click. The dialog is open within
/// 4 s of the row's click [I: Brave's scripts wait 2 s for a change to show, BPC].
pub static IMPROVE_MODEL_DIALOG: Reveal = Reveal {
    row: Locator::TestId("improve-model-open-modal-button"),
    words: &[StateWords {
        locale: "en",
        on: "On",
        off: "Off",
        evidence: Evidence::Inferred,
        source: "the settings UI's pattern; no primary source (docs/evidence/platforms.md §1.1)",
    }],
    steps: &[Step::ClickRow, Step::WaitForSwitch { max_ms: 4_000 }],
};

/// "Improve the model for everyone" (Settings › Data controls) [C: BPC, RQ-GPT].
///
/// The switch is `button[data-testid="improve-model-toggle"]` with `role="switch"`, its state in
/// `aria-checked` [C: BPC `src/chatgpt/*`] (docs/evidence/platforms.md §1.1). It sits in a dialog
/// that the Data controls row opens ([`IMPROVE_MODEL_DIALOG`]): until then the banner reads the
/// row's word, and the person's click on the banner opens the dialog and acts on the switch. On by default for Free, Go, Plus and Pro accounts, off for Business, Enterprise
/// and Edu [C: RQ-GPT quoting OpenAI's help] (the region note says so). Its wording is known in
/// English only; the test id does not change with the language [I].
pub static IMPROVE_MODEL: Setting = Setting {
    id: SettingId::ImproveModel,
    path: "data-controls",
    locators: &[Locator::TestId("improve-model-toggle")],
    control: Control::AriaSwitch,
    source: "brave/psst-component src/chatgpt/* (BPC); RQ-GPT (docs/evidence/platforms.md §1.1)",
    evidence: Evidence::Confirmed,
    title: "Improve the model for everyone",
    private_state: SwitchState::Off,
    primary: true,
    caveats: &[],
    links: &[],
    couplings: &[],
    reveal: Some(&IMPROVE_MODEL_DIALOG),
    help_url: None,
    gpc: None,
    messages: SettingMessages {
        id: "improveModel",
        title: "s_improveModel_title",
        what: "s_improveModel_what",
        path: "s_improveModel_path",
        switch: "s_improveModel_switch",
        region: "s_improveModel_region",
        not_found: Some("s_improveModel_notFound"),
    },
};
