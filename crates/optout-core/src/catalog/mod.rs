//! The catalog: every site and every setting Opt-Out Guard knows, as data.
//!
//! A [`Site`] is an origin, the address grammar of its settings app ([`PathGrammar`]) and its
//! settings. A [`Setting`] carries every fact the rest of the core needs about one switch: its
//! page path, how the switch is found ([`Locator`]), its private state, its caveats and links,
//! whether it is its site's primary setting, and which other settings the site moves with it
//! ([`Coupling`]). The rest of the code reads these fields: nothing outside the catalog names a
//! site's origin or path grammar, builds a site's selectors, or singles out a setting by its id.
//!
//! The sites: [`linkedin`] (asked for at install) and [`chatgpt`] (asked for at use). Each fact about a site carries its evidence tag
//! and source from `docs/evidence/<site>.md`.

pub mod chatgpt;
pub mod linkedin;

use serde::{Deserialize, Serialize};

use crate::label::normalize_label;
pub use crate::snapshot::Control;
use crate::snapshot::Via;
use crate::vocab::SwitchState;

/// How sure we are of a fact about a site's page (the evidence tags of `docs/evidence/linkedin.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evidence {
    /// [C] stated directly by a source (production code, verbatim quote, live measurement).
    Confirmed,
    /// [S] reported by a news or blog guide, possibly re-translated.
    Secondary,
    /// [I] inferred from surrounding facts; behaviour must stay safe if it is wrong.
    Inferred,
}

/// A piece of a site's UI text in one locale, with where it was seen.
#[derive(Clone, Copy, Debug)]
pub struct Label {
    /// BCP 47 language tag as the site puts it in `<html lang>` (e.g. `en`, `pt-BR`).
    pub locale: &'static str,
    /// The text exactly as reported, typographic apostrophes included.
    pub text: &'static str,
    /// How sure the text is ([C]/[S]/[I], e.g. docs/evidence/linkedin.md §3).
    pub evidence: Evidence,
    /// Where the text was seen (e.g. docs/evidence/linkedin.md §3 source column).
    pub source: &'static str,
}

/// Stable identifier of a catalog setting; the wire form (camelCase) is used in messages,
/// storage and message keys (`s_<id>_title`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SettingId {
    /// Data for Generative AI improvement.
    AiTraining,
    /// Social, economic, and workplace research.
    Research,
    /// Share data with affiliates and partners.
    PartnerSharing,
    /// Ads outside of LinkedIn.
    AdsBeyondLinkedIn,
    /// Interactions with businesses (data others give LinkedIn, for ads).
    BusinessData,
    /// Ad-related actions (measuring ad success).
    AdInsights,
    /// Ads by age range.
    AdsByAge,
    /// Ads by gender.
    AdsByGender,
    /// Interests and traits.
    Interests,
    /// Inferred city location.
    InferredLocation,
    /// LinkedIn promotions (the marketing-ads switch of a two-switch page).
    Marketing,
    /// Non-essential cookies (the switch found by its element id).
    NonEssentialCookies,
    /// ChatGPT's "Improve the model for everyone".
    ImproveModel,
}

impl SettingId {
    /// The wire name, e.g. `aiTraining`.
    pub fn as_str(self) -> &'static str {
        by_id(self).messages.id
    }
}

/// The keys of a setting's texts in `extension/src/_locales/*/messages.json`.
#[derive(Debug)]
pub struct SettingMessages {
    /// The setting id's wire name.
    pub id: &'static str,
    /// Our name for the setting (the site's English row title where it is clear).
    pub title: &'static str,
    /// One sentence: what the site may do while the switch is on.
    pub what: &'static str,
    /// The site's menu path to the page, in the site's words for the locale where known
    /// (e.g. docs/evidence/linkedin.md §1.2, §3).
    pub path: &'static str,
    /// The site's label of the switch, in the locale's wording where known.
    pub switch: &'static str,
    /// Where the site offers it: a short region note.
    pub region: &'static str,
    /// A sentence that says, instead of the general `reason_notFound`, why the switch may not be
    /// on the page yet and what brings it there, for a setting whose page keeps the switch out of
    /// sight until the person acts (ChatGPT's dialog); `None`: the general sentence.
    pub not_found: Option<&'static str>,
}

/// Which flavour of a site's settings app serves a page (for LinkedIn: `/mypreferences/d/…` on
/// desktop [C], `/mypreferences/m/…` on mobile web, docs/evidence/linkedin.md §1.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Surface {
    /// The desktop settings app.
    Desktop,
    /// The mobile-web settings app.
    MobileWeb,
}

/// One prefix under which a site's settings app puts a setting's own page: the page of setting
/// `s` is at `<origin><prefix><s.path>`.
#[derive(Clone, Copy, Debug)]
pub struct SettingPages {
    /// The path prefix, with leading and trailing `/`, e.g. `/mypreferences/d/`.
    pub prefix: &'static str,
    /// The flavour of the settings app that serves pages under it.
    pub surface: Surface,
}

/// The address grammar of a site's settings app, as paths under its origin. Every prefix and
/// root starts and ends with `/`; a root also covers its own path without the final `/`.
#[derive(Clone, Copy, Debug)]
pub struct PathGrammar {
    /// Where the links Opt-Out Guard opens point: [`Setting::url`] is `<origin><canonical.prefix><path>`.
    pub canonical: SettingPages,
    /// Further prefixes of the same setting pages (e.g. the mobile-web app), recognised but never linked.
    pub also: &'static [SettingPages],
    /// The settings app's roots: the content script is declared for exactly these
    /// (`manifest.json` `content_scripts[0].matches` is `<origin><root>*` for each, pinned by
    /// `crates/optout-core/tests/catalog.rs`); every setting prefix lies under one of them.
    pub app_roots: &'static [&'static str],
    /// Further settings trees of the site (legacy or parallel forms): their pages count as
    /// "other settings pages", but the content script is not declared for them.
    pub other_settings_roots: &'static [&'static str],
}

impl PathGrammar {
    /// Every prefix of setting pages, the canonical one first.
    pub fn setting_pages(&self) -> impl Iterator<Item = &SettingPages> {
        std::iter::once(&self.canonical).chain(self.also)
    }

    /// True when `path` (a URL path without query, fragment or final `/`) lies in one of the
    /// site's settings trees: under an app root or another settings root.
    pub fn is_settings_path(&self, path: &str) -> bool {
        let under = |root: &str| path.starts_with(root) || path == root.trim_end_matches('/');
        self.app_roots.iter().chain(self.other_settings_roots).any(|r| under(r))
    }
}

/// Identifies a [`Site`]. Not sent on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SiteId {
    /// `https://www.linkedin.com` ([`linkedin::LINKEDIN`]).
    LinkedIn,
    /// `https://chatgpt.com` ([`chatgpt::CHATGPT`]).
    ChatGpt,
}

/// When the extension asks for a site's host permission.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// At install: `manifest.json` lists `<origin>/*` in `host_permissions` and declares the
    /// content script for the settings-app roots (LinkedIn only).
    AtInstall,
    /// When the person chooses the site in the popup: `manifest.json` lists `<origin>/*` in
    /// `optional_host_permissions`; once granted, the background registers the content script
    /// for the settings-app roots ([`Site::content_script_matches`]).
    AtUse,
}

/// A website whose settings Opt-Out Guard reads and switches.
#[derive(Debug)]
pub struct Site {
    /// The site's id.
    pub id: SiteId,
    /// The site's name as the site writes it (a brand: never translated), e.g. `LinkedIn`. The
    /// extension's texts about any site name it through their `$SITE$` placeholder.
    pub name: &'static str,
    /// The one origin (scheme and host, no trailing `/`) Opt-Out Guard acts on for this site,
    /// e.g. `https://www.linkedin.com`. `manifest.json` lists [`Site::host_pattern`] in
    /// `host_permissions` or `optional_host_permissions`, by [`Site::access`].
    pub origin: &'static str,
    /// When the extension asks for the site's host permission.
    pub access: Access,
    /// The address grammar of the site's settings app.
    pub grammar: PathGrammar,
    /// The site's settings, in the order the privacy checkup walks them; exactly one is
    /// [`Setting::primary`].
    pub settings: &'static [&'static Setting],
}

impl Site {
    /// The host permission's match pattern, `<origin>/*` (e.g. `https://chatgpt.com/*`).
    pub fn host_pattern(&self) -> String {
        format!("{}/*", self.origin)
    }

    /// The match patterns the content script runs on: `<origin><root>*` for each settings-app
    /// root (declared in `manifest.json` for [`Access::AtInstall`], registered at grant for
    /// [`Access::AtUse`]).
    pub fn content_script_matches(&self) -> Vec<String> {
        self.grammar.app_roots.iter().map(|root| format!("{}{root}*", self.origin)).collect()
    }

    /// True when the extension may act on the site: always for [`Access::AtInstall`]; for
    /// [`Access::AtUse`], while `granted` (the granted origins' match patterns,
    /// `permissions.getAll().origins`) holds its [`Site::host_pattern`].
    pub fn enabled(&self, granted: &[String]) -> bool {
        self.access == Access::AtInstall || granted.contains(&self.host_pattern())
    }

    /// The site's name as a placeholder value (verbatim: a brand is not translated).
    pub fn name_arg(&self) -> crate::view::text::Arg {
        crate::view::text::Arg::Plain(self.name.to_string())
    }

    /// The setting whose page has this path under one of the setting-page prefixes, if any.
    /// Paths are compared exactly (LinkedIn's are lower-case); wrong slugs that circulate
    /// publicly (docs/evidence/linkedin.md §1.1) match nothing.
    pub fn by_path(&self, path: &str) -> Option<&'static Setting> {
        self.settings.iter().copied().find(|s| s.path == path)
    }

    /// The site's primary setting: the one the product exists for, shown first and largest in
    /// the popup, whose remembered state the toolbar badge and the re-check alarm follow.
    #[allow(
        clippy::expect_used,
        reason = "static data: every site has exactly one primary setting, checked by catalog::tests"
    )]
    pub fn primary(&self) -> &'static Setting {
        self.settings.iter().copied().find(|s| s.primary).expect("every site has a primary setting")
    }
}

/// How the DOM reader finds the elements that claim to be a setting's switch. The catalog says
/// what to look for; `crates/optout-wasm/src/dom.rs` carries out each kind. Whatever a locator
/// finds is only a candidate: `detect` still requires exactly one visible, enabled native
/// checkbox across all of a setting's locators, or the answer is unknown.
///
/// Keys, ids and test ids are plain ASCII identifiers, letters and digits with inner hyphens
/// (checked by `catalog::tests`), so the reader may put them in a quoted CSS attribute selector
/// as they are.
#[derive(Clone, Copy, Debug)]
pub enum Locator {
    /// Every element whose `aria-labelledby` token list contains this key (LinkedIn's current
    /// markup; the key is also the settings-API key [I], docs/evidence/linkedin.md §2.1, §2.3).
    /// Found as [`Via::Key`].
    LabelledBy(&'static str),
    /// Every element whose `id` is exactly this, all of them, so that a duplicated id is seen
    /// and detection says unknown (LinkedIn's member-cookies page, docs/evidence/linkedin.md §2.3).
    /// Found as [`Via::Id`].
    ElementId(&'static str),
    /// Every element whose `data-testid` is exactly this, all of them (ChatGPT marks its
    /// controls so: `improve-model-toggle` [C: Brave's scripts], docs/evidence/platforms.md §1.1).
    /// Found as [`Via::TestId`].
    TestId(&'static str),
    /// Every checkbox whose accessible name equals one of these labels after normalisation
    /// (legacy markup that names the input through `label[for]`, docs/evidence/linkedin.md §2.2).
    /// Exact match only: a longer text that merely quotes a label (a feed post) does not match.
    /// Found as [`Via::Label`].
    Label(&'static [Label]),
}

impl Locator {
    /// How a candidate found by this locator is marked in the snapshot.
    pub fn via(&self) -> Via {
        match self {
            Locator::LabelledBy(_) => Via::Key,
            Locator::ElementId(_) => Via::Id,
            Locator::TestId(_) => Via::TestId,
            Locator::Label(_) => Via::Label,
        }
    }

    /// For a [`Locator::Label`]: true when `accessible_name`, normalised, equals one of its
    /// labels in any locale. False for every other kind, and for an empty name.
    pub fn matches_label(&self, accessible_name: &str) -> bool {
        let Locator::Label(labels) = self else { return false };
        let wanted = normalize_label(accessible_name);
        !wanted.is_empty() && labels.iter().any(|l| normalize_label(l.text) == wanted)
    }
}

/// A link shown with a setting's caveats (opened by the user's own click; nothing is fetched).
#[derive(Clone, Copy, Debug)]
pub struct CaveatLink {
    /// The link's text: a `link_*` message key without placeholders.
    pub label: &'static str,
    /// Absolute address on the site's origin.
    pub url: &'static str,
}

/// A change the site makes to another setting by itself when this one is switched. Data only:
/// recorded for the undo and the checkup to use; no behaviour reads it yet.
#[derive(Clone, Copy, Debug)]
pub struct Coupling {
    /// When this setting is moved to this state…
    pub when: SwitchState,
    /// …the site also moves this setting…
    pub also: SettingId,
    /// …to this state.
    pub to: SwitchState,
    /// How sure the coupling is.
    pub evidence: Evidence,
    /// Where it was seen.
    pub source: &'static str,
}

/// One setting: a page and the one switch on it that Opt-Out Guard may operate.
#[derive(Debug)]
pub struct Setting {
    /// The setting's stable id (unique across the catalog).
    pub id: SettingId,
    /// The page's path after a setting-page prefix of its site's [`PathGrammar`], e.g.
    /// `settings/data-for-ai-improvement`.
    pub path: &'static str,
    /// How the switch is found, in the order the reader runs them; an element found by several
    /// counts once, as found by the first.
    pub locators: &'static [Locator],
    /// The kind of control the switch is.
    pub control: Control,
    /// Where the path and the locators' keys or ids were seen.
    pub source: &'static str,
    /// How sure the path and the keys or ids are.
    pub evidence: Evidence,
    /// The site's English title of the setting's row.
    pub title: &'static str,
    /// The state that keeps the user's data out of the feature.
    pub private_state: SwitchState,
    /// True for the one setting its site exists for ([`Site::primary`]).
    pub primary: bool,
    /// Message keys (no placeholders) of caveats shown with this setting's warning and verified
    /// banners before its region note, and in the popup when it is the primary setting.
    pub caveats: &'static [&'static str],
    /// Links shown under those caveats.
    pub links: &'static [CaveatLink],
    /// Other settings the site moves by itself when this one is switched.
    pub couplings: &'static [Coupling],
    /// The site's own help article for the setting, when one is known.
    pub help_url: Option<&'static str>,
    /// What the site says a Global Privacy Control signal does to this setting, when it says
    /// anything: the popup shows it beside the setting where the browser sends the signal.
    pub gpc: Option<GpcOptOut>,
    /// How the state is read and the switch brought onto the page when the page keeps the
    /// switch out of it until a row is clicked (ChatGPT's dialog); `None`: the switch is on the
    /// page itself (every LinkedIn setting).
    pub reveal: Option<&'static Reveal>,
    /// Keys of the extension's texts about this setting.
    pub messages: SettingMessages,
}

/// For a setting whose page shows a row that opens a dialog holding the switch (ChatGPT's Data
/// controls): the row, the words it shows for the switch's state, and the steps that bring the
/// switch onto the page. Data only: `crates/optout-wasm/src/dom.rs` reads the row's elements
/// into [`crate::snapshot::Row`]s, [`crate::detect::row_seen`] reads the state from them (never
/// a click), and the content script carries out the [`Step`]s, in order, only after the
/// person's click on the banner (`switch-off` or `check`), each step decided by the core
/// ([`crate::detect::row_to_click`], [`crate::flow::Flow`]).
#[derive(Debug)]
pub struct Reveal {
    /// Finds the row: every element it names is read; exactly one shown may be read or clicked.
    pub row: Locator,
    /// The words the row shows for the switch's state, per locale: a page in any other language
    /// has no readable row (the banner says unknown and offers `check`).
    pub words: &'static [StateWords],
    /// What the person's click on the banner runs before the flow acts on the switch.
    pub steps: &'static [Step],
}

/// The words a row shows for a switch's state in one locale, e.g. `On` / `Off`.
#[derive(Clone, Copy, Debug)]
pub struct StateWords {
    /// BCP 47 language tag (compared by its primary subtag, as [`Setting::wordings_for`]).
    pub locale: &'static str,
    /// The word for on, exactly as the row shows it (compared after [`normalize_label`]).
    pub on: &'static str,
    /// The word for off.
    pub off: &'static str,
    /// How sure the words are.
    pub evidence: Evidence,
    /// Where they were seen.
    pub source: &'static str,
}

impl Reveal {
    /// The words for a page in `lang` (by primary subtag), if the catalog knows them.
    pub fn words_for(&self, lang: &str) -> Option<&StateWords> {
        let lang = primary_subtag(lang);
        self.words.iter().find(|w| !lang.is_empty() && primary_subtag(w.locale) == lang)
    }

    /// The longest time the steps wait for the switch, in ms (the sum of their bounded waits).
    pub fn max_wait_ms(&self) -> u32 {
        self.steps
            .iter()
            .map(|s| match s {
                Step::ClickRow => 0,
                Step::WaitForSwitch { max_ms } => *max_ms,
            })
            .sum()
    }
}

/// One step of a [`Reveal`]. Each is bounded: a step that cannot be carried out as written
/// stops the steps, and the page reads unknown with the setting's manual path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Click the row, once: only when exactly one element [`Reveal::row`] names is shown,
    /// enabled and outside hidden or inert parts ([`crate::detect::row_to_click`]); none or
    /// several: stop.
    ClickRow,
    /// Wait until the setting's switch is on the page (detection finds one), at most `max_ms`
    /// ms; not there by then: stop.
    WaitForSwitch {
        /// The bound, in ms.
        max_ms: u32,
    },
}

/// A site's statement that a Global Privacy Control signal (`navigator.globalPrivacyControl`,
/// sent by Firefox 120 and later when the person turns it on; Chrome has no such property) opts
/// the member out of a setting. Data only; never a reading of the switch, never a reason to click.
#[derive(Clone, Copy, Debug)]
pub struct GpcOptOut {
    /// The popup's note beside the setting (a `popup_gpc_*` key without placeholders), worded
    /// with the hedges the evidence needs.
    pub note: &'static str,
    /// How sure it is that the statement covers this switch.
    pub evidence: Evidence,
    /// Where it was seen.
    pub source: &'static str,
}

impl PartialEq for Setting {
    /// Settings are equal when their ids are.
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for Setting {}

impl Setting {
    /// The site this setting belongs to.
    #[allow(
        clippy::expect_used,
        reason = "static data: every catalog setting is listed by exactly one site, checked by catalog::tests"
    )]
    pub fn site(&self) -> &'static Site {
        SITES.iter().copied().find(|site| site.settings.iter().any(|s| s.id == self.id)).expect("a site lists it")
    }

    /// The wordings its [`Locator::Label`]s know for a page in `lang` (a BCP 47 tag, compared by
    /// its primary subtag: a `pt-BR` wording serves a `pt` page and the reverse), in catalog order.
    pub fn wordings_for<'a>(&'a self, lang: &str) -> impl Iterator<Item = &'a Label> + 'a {
        let lang = primary_subtag(lang);
        self.locators
            .iter()
            .filter_map(|l| match l {
                Locator::Label(labels) => Some(*labels),
                _ => None,
            })
            .flatten()
            .filter(move |l| !lang.is_empty() && primary_subtag(l.locale) == lang)
    }

    /// Canonical URL of the setting's page, `<origin><canonical prefix><path>`, e.g.
    /// `https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement` [C].
    pub fn url(&self) -> String {
        let site = self.site();
        format!("{}{}{}", site.origin, site.grammar.canonical.prefix, self.path)
    }

    /// The next setting of the privacy checkup after this one (its site's order), if any.
    pub fn next_in_checkup(&self) -> Option<&'static Setting> {
        self.next_to_check(|_| false)
    }

    /// The privacy checkup's next setting after this one that `done` does not rule out: the
    /// checkup's one rule, shared by the banner's next link and the popup's start, passes
    /// [`Memory::known_private`](crate::memory::Memory::known_private), so settings known to be
    /// off are skipped. `None` past the site's last setting.
    pub fn next_to_check(&self, done: impl Fn(&Setting) -> bool) -> Option<&'static Setting> {
        let settings = self.site().settings;
        let i = settings.iter().position(|s| s.id == self.id)?;
        settings[i + 1..].iter().copied().find(|s| !done(s))
    }
}

/// A BCP 47 tag's primary subtag, lower-case (`pt-BR` and `pt_BR` → `pt`): how page languages
/// and catalog locales are compared.
fn primary_subtag(tag: &str) -> String {
    tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase()
}

/// Every site, in the order page classification tries them.
pub static SITES: &[&Site] = &[&linkedin::LINKEDIN, &chatgpt::CHATGPT];

/// The site asked for at use whose host permission is `host_pattern` (e.g. `https://chatgpt.com/*`);
/// `None` for any other pattern, a site asked for at install included.
pub fn site_asked_at_use(host_pattern: &str) -> Option<&'static Site> {
    SITES.iter().copied().find(|s| s.access == Access::AtUse && s.host_pattern() == host_pattern)
}

/// Every catalog setting, site by site, each site's in its checkup order.
pub fn settings() -> impl Iterator<Item = &'static Setting> + Clone {
    SITES.iter().flat_map(|site| site.settings.iter().copied())
}

/// The catalog entry for an id.
#[allow(
    clippy::expect_used,
    reason = "static data with an entry for every SettingId variant, checked by catalog::tests; the lookup cannot miss at run time"
)]
pub fn by_id(id: SettingId) -> &'static Setting {
    settings().find(|s| s.id == id).expect("every SettingId has a catalog entry")
}

/// The catalog's primary setting: the first site's [`Site::primary`] (LinkedIn's AI-training
/// setting). The toolbar badge outside a setting's page and the re-check alarm follow it, and the
/// content script's hand-written report when the core cannot start names it
/// (`extension/src/content-script.js`, pinned by `crates/optout-core/tests/catalog.rs`).
pub fn primary() -> &'static Setting {
    linkedin::LINKEDIN.primary()
}

#[cfg(test)]
mod tests {
    use super::linkedin::*;
    use super::*;

    #[test]
    fn url_is_the_canonical_desktop_url() {
        assert_eq!(AI_TRAINING.url(), "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement");
        assert_eq!(INTERESTS.url(), "https://www.linkedin.com/mypreferences/d/interest-categories");
    }

    #[test]
    fn label_match_is_exact_after_normalisation() {
        let labels = AI_TRAINING.locators.iter().find(|l| matches!(l, Locator::Label(_))).unwrap();
        assert!(labels.matches_label(" Use my data for training\ncontent creation AI models "));
        assert!(labels.matches_label("Utiliser mes données pour entraîner des modèles d'IA de création de contenu"));
        assert!(!labels.matches_label("PSA: go and turn off Use my data for training content creation AI models today"));
        assert!(!labels.matches_label(""));
        assert!(!Locator::LabelledBy("allowDataForGenerativeAI").matches_label("allowDataForGenerativeAI"));
        assert!(!Locator::ElementId("nonEssentialCookieConsent").matches_label("nonEssentialCookieConsent"));
    }

    #[test]
    fn each_locator_kind_marks_its_candidates() {
        assert_eq!(Locator::LabelledBy("allowAdsByAge").via(), Via::Key);
        assert_eq!(Locator::ElementId("nonEssentialCookieConsent").via(), Via::Id);
        assert_eq!(Locator::Label(&[]).via(), Via::Label);
        assert_eq!(Locator::TestId("improve-model-toggle").via(), Via::TestId);
        assert_eq!(serde_json::to_value(Via::TestId).unwrap(), "testId");
        // The cookies switch is found by its element id alone [C] (docs/evidence/linkedin.md §2.3).
        assert!(matches!(NON_ESSENTIAL_COOKIES.locators, [Locator::ElementId("nonEssentialCookieConsent")]));
        assert_eq!(NON_ESSENTIAL_COOKIES.url(), "https://www.linkedin.com/mypreferences/d/member-cookies");
        assert_eq!(NON_ESSENTIAL_COOKIES.private_state, SwitchState::Off);
        assert_eq!(serde_json::to_value(Via::Id).unwrap(), "id");
    }

    #[test]
    fn wrong_public_slugs_are_not_the_setting() {
        assert!(LINKEDIN.by_path("settings/data-for-ai-improvement").is_some());
        assert!(LINKEDIN.by_path("settings/data-for-generative-ai-improvement").is_none());
        assert!(LINKEDIN.by_path("settings/data-for-generative-ai").is_none());
        assert!(LINKEDIN.by_path("settings/Data-For-AI-Improvement").is_none());
    }

    /// Letters and digits, with hyphens between them: safe inside a quoted CSS attribute selector.
    fn is_plain_identifier(n: &str) -> bool {
        !n.is_empty()
            && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !n.starts_with('-')
            && !n.ends_with('-')
    }

    #[test]
    fn plain_identifiers() {
        assert!(is_plain_identifier("allowDataForGenerativeAI") && is_plain_identifier("improve-model-toggle"));
        for bad in ["", "-x", "x-", "a\"b", "a]b", "a b", "a\\b"] {
            assert!(!is_plain_identifier(bad), "{bad:?}");
        }
    }

    #[test]
    fn catalog_is_consistent() {
        let all: Vec<&Setting> = settings().collect();
        for (i, s) in all.iter().enumerate() {
            assert_eq!(by_id(s.id), *s);
            assert_eq!(serde_json::to_value(s.id).unwrap(), s.messages.id);
            assert!(s.messages.title.starts_with(&format!("s_{}_", s.messages.id)));
            assert_eq!(SITES.iter().filter(|site| site.settings.contains(s)).count(), 1, "{:?}: one site", s.id);
            assert!(!s.locators.is_empty(), "{:?}: a way to find the switch", s.id);
            for other in &all[i + 1..] {
                assert_ne!(s.id, other.id);
                if s.site().id == other.site().id {
                    assert_ne!(s.path, other.path, "one setting per page path");
                }
            }
        }
        // Keys and ids: unique, and plain identifiers (dom.rs quotes them in CSS selectors as they are).
        let mut names: Vec<&str> = all
            .iter()
            .flat_map(|s| s.locators)
            .filter_map(|l| match l {
                Locator::LabelledBy(n) | Locator::ElementId(n) | Locator::TestId(n) => Some(*n),
                Locator::Label(_) => None,
            })
            .collect();
        for n in &names {
            assert!(is_plain_identifier(n), "{n:?}");
        }
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count, "a key or id names one setting's switch");
        // A reveal: its row is found by a plain identifier that names no switch; its steps click
        // the row at most once and end with the one bounded wait for the switch (the content
        // script stops at a wait: the switch it brings arrives as a scan); its words are known
        // for at least one locale, on and off different.
        for s in &all {
            let Some(r) = s.reveal else { continue };
            let (Locator::TestId(row) | Locator::ElementId(row) | Locator::LabelledBy(row)) = r.row else {
                panic!("{:?}: a row found by a label could be any text", s.id)
            };
            assert!(is_plain_identifier(row) && !names.contains(&row), "{:?}: row {row}", s.id);
            assert!(r.steps.iter().filter(|st| **st == Step::ClickRow).count() <= 1, "{:?}", s.id);
            assert!(matches!(r.steps.last(), Some(Step::WaitForSwitch { max_ms }) if *max_ms > 0), "{:?}", s.id);
            assert_eq!(r.steps.iter().filter(|st| matches!(st, Step::WaitForSwitch { .. })).count(), 1);
            assert!(!r.words.is_empty() && r.words.iter().all(|w| normalize_label(w.on) != normalize_label(w.off)));
            assert!(r.max_wait_ms() <= 10_000, "{:?}: a bounded wait", s.id);
        }
        // Couplings name other settings of the same site.
        for s in &all {
            for c in s.couplings {
                assert_ne!(c.also, s.id);
                assert_eq!(by_id(c.also).site().id, s.site().id);
            }
        }
    }

    #[test]
    fn every_id_has_an_entry() {
        // Exhaustive on purpose: a new SettingId variant fails to compile here until it is listed.
        for id in [
            SettingId::AiTraining,
            SettingId::Research,
            SettingId::PartnerSharing,
            SettingId::AdsBeyondLinkedIn,
            SettingId::BusinessData,
            SettingId::AdInsights,
            SettingId::AdsByAge,
            SettingId::AdsByGender,
            SettingId::Interests,
            SettingId::InferredLocation,
            SettingId::Marketing,
            SettingId::NonEssentialCookies,
            SettingId::ImproveModel,
        ] {
            match id {
                SettingId::AiTraining
                | SettingId::Research
                | SettingId::PartnerSharing
                | SettingId::AdsBeyondLinkedIn
                | SettingId::BusinessData
                | SettingId::AdInsights
                | SettingId::AdsByAge
                | SettingId::AdsByGender
                | SettingId::Interests
                | SettingId::InferredLocation
                | SettingId::Marketing
                | SettingId::NonEssentialCookies
                | SettingId::ImproveModel => assert_eq!(by_id(id).id, id),
            }
        }
        assert_eq!(settings().count(), 13);
    }

    #[test]
    fn couplings_are_recorded_as_data() {
        // docs/evidence/linkedin.md §8.2: opting out of "Ads outside of LinkedIn" also turns
        // "Data sharing" off; that it is the partner-sharing switch is [I].
        assert!(matches!(
            ADS_BEYOND_LINKEDIN.couplings,
            [Coupling {
                when: SwitchState::Off,
                also: SettingId::PartnerSharing,
                to: SwitchState::Off,
                evidence: Evidence::Inferred,
                ..
            }]
        ));
        assert_eq!(settings().filter(|s| !s.couplings.is_empty()).count(), 1);
    }

    #[test]
    fn one_primary_per_site_and_the_checkup_walks_the_rest() {
        for site in SITES {
            assert_eq!(site.settings.iter().filter(|s| s.primary).count(), 1, "{:?}", site.id);
            for p in site.grammar.setting_pages() {
                assert!(p.prefix.starts_with('/') && p.prefix.ends_with('/'), "{}", p.prefix);
                assert!(
                    site.grammar.app_roots.iter().any(|r| p.prefix.starts_with(r)),
                    "{} under an app root",
                    p.prefix
                );
            }
        }
        assert_eq!(primary(), &AI_TRAINING);
        assert_eq!(AI_TRAINING.next_in_checkup(), Some(&RESEARCH));
        assert_eq!(MARKETING.next_in_checkup(), Some(&NON_ESSENTIAL_COOKIES));
        assert_eq!(NON_ESSENTIAL_COOKIES.next_in_checkup(), None);
    }
}
