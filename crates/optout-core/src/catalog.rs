//! The catalog: every LinkedIn setting Opt-Out Guard knows, expressed as data.
//!
//! For now it holds the one setting this product exists for, "Data for Generative AI
//! improvement". Each fact carries its evidence tag and source from `docs/evidence/linkedin.md`.

use serde::{Deserialize, Serialize};

use crate::label::normalize_label;
use crate::vocab::SwitchState;

/// The only origin Opt-Out Guard acts on: every catalog setting's page is under it, and
/// `page::classify_url` reads it from here.
pub const LINKEDIN_ORIGIN: &str = "https://www.linkedin.com";

/// How sure we are of a fact about LinkedIn's page (docs/evidence/linkedin.md's evidence tags).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evidence {
    /// [C] stated directly by a source (production code, verbatim quote, live measurement).
    Confirmed,
    /// [S] reported by a news or blog guide, possibly re-translated.
    Secondary,
    /// [I] inferred from surrounding facts; behaviour must stay safe if it is wrong.
    Inferred,
}

/// A piece of LinkedIn UI text in one locale, with where it was seen.
#[derive(Clone, Copy, Debug)]
pub struct Label {
    /// BCP 47 language tag as LinkedIn puts it in `<html lang>` (e.g. `en`, `pt-BR`).
    pub locale: &'static str,
    /// The text exactly as reported, typographic apostrophes included.
    pub text: &'static str,
    /// How sure the text is ([C]/[S]/[I], docs/evidence/linkedin.md §3).
    pub evidence: Evidence,
    /// Where the text was seen (docs/evidence/linkedin.md §3 source column).
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
}

impl SettingId {
    /// The wire name, e.g. `aiTraining`.
    pub fn as_str(self) -> &'static str {
        by_id(self).messages.id
    }
}

/// The keys of a setting's texts in `extension/_locales/*/messages.json`.
#[derive(Debug)]
pub struct SettingMessages {
    /// The setting id's wire name.
    pub id: &'static str,
    /// Our name for the setting (LinkedIn's English row title where it is clear).
    pub title: &'static str,
    /// One sentence: what LinkedIn may do while the switch is on.
    pub what: &'static str,
    /// LinkedIn's menu path to the page, in LinkedIn's words for the locale where known
    /// (docs/evidence/linkedin.md §1.2, §3).
    pub path: &'static str,
    /// LinkedIn's label of the switch, in the locale's LinkedIn wording where known.
    pub switch: &'static str,
    /// Where LinkedIn offers it: a short region note.
    pub region: &'static str,
}

/// One LinkedIn setting: a page and the one switch on it that Opt-Out Guard may operate.
#[derive(Debug)]
pub struct Setting {
    /// The setting's stable id (unique in [`CATALOG`]).
    pub id: SettingId,
    /// The page's path under `/mypreferences/{d,m}/`, e.g. `settings/data-for-ai-improvement`.
    pub path: &'static str,
    /// The `aria-labelledby` key of the switch (also the settings-API key [I]). Pages with two
    /// switches (linkedin-promotions, docs/evidence/linkedin.md §2.3 [C]) are told apart by this key.
    pub key: &'static str,
    /// Where the path and key were seen, with their evidence.
    pub key_source: &'static str,
    /// How sure the path and key are (docs/evidence/linkedin.md §2.1, §2.3).
    pub key_evidence: Evidence,
    /// LinkedIn's English title of the setting's row.
    pub title: &'static str,
    /// Accessible names of the switch, per locale, used only by the label fallback (exact match
    /// after normalisation, on this setting's page only).
    pub switch_labels: &'static [Label],
    /// The state that keeps the user's data out of the feature.
    pub private_state: SwitchState,
    /// LinkedIn's own help article for the setting, when one is known.
    pub help_url: Option<&'static str>,
    /// Keys of the extension's texts about this setting.
    pub messages: SettingMessages,
}

impl PartialEq for Setting {
    /// Settings are equal when their ids are.
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for Setting {}

impl Setting {
    /// Canonical desktop URL of the setting's page, e.g.
    /// `https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement` [C].
    pub fn url(&self) -> String {
        format!("{LINKEDIN_ORIGIN}/mypreferences/d/{}", self.path)
    }

    /// True when `accessible_name`, normalised, equals one of this setting's switch labels in
    /// any locale. Matching is exact after normalisation: a longer text that merely quotes the
    /// label (a feed post) does not match.
    pub fn matches_switch_label(&self, accessible_name: &str) -> bool {
        let wanted = normalize_label(accessible_name);
        !wanted.is_empty() && self.switch_labels.iter().any(|l| normalize_label(l.text) == wanted)
    }

    /// The next setting of the privacy checkup after this one (catalog order), if any.
    pub fn next_in_checkup(&self) -> Option<&'static Setting> {
        let i = CATALOG.iter().position(|s| s.id == self.id)?;
        CATALOG.get(i + 1).copied()
    }
}

const fn en(text: &'static str, evidence: Evidence, source: &'static str) -> Label {
    Label { locale: "en", text, evidence, source }
}

/// "Data for Generative AI improvement": the switch "Use my data for training content creation
/// AI models". URL and key [C]: brave/psst-component `src/linkedin/user.ts` (docs/evidence/linkedin.md
/// §1.1, §2.1). Default ON since 2024-09-18, in the EU/EEA/UK/CH since 2025-11-03 (§4.1).
pub static AI_TRAINING: Setting = Setting {
    id: SettingId::AiTraining,
    path: "settings/data-for-ai-improvement",
    key: "allowDataForGenerativeAI",
    key_source: "brave/psst-component src/linkedin/user.ts (docs/evidence/linkedin.md §2.1)",
    key_evidence: Evidence::Confirmed,
    title: "Data for Generative AI Improvement",
    switch_labels: &[
        en(
            "Use my data for training content creation AI models",
            Evidence::Confirmed,
            "blog.autiomaa.org 2025-09-18; inquirer.net 2024 (docs/evidence/linkedin.md §3)",
        ),
        Label {
            locale: "de",
            text: "Ihre Daten zum Schulen von KI-Modellen verwenden, um Inhalte zu erstellen",
            evidence: Evidence::Secondary,
            source: "sonntagsblatt.de 2025-10-24 (docs/evidence/linkedin.md §3)",
        },
        Label {
            locale: "fr",
            text: "Utiliser mes données pour entraîner des modèles d\u{2019}IA de création de contenu",
            evidence: Evidence::Secondary,
            source: "clubic.com; cookie-com.com (docs/evidence/linkedin.md §3)",
        },
        Label {
            locale: "fr",
            text: "Utiliser mes données pour entraîner les modèles d\u{2019}IA de création de contenu",
            evidence: Evidence::Secondary,
            source: "geeko.lesoir.be (docs/evidence/linkedin.md §3)",
        },
        Label {
            locale: "es",
            text: "Usar mis datos para entrenar modelos de IA de generación de contenido",
            evidence: Evidence::Secondary,
            source: "gptzone.net, low confidence (docs/evidence/linkedin.md §3)",
        },
        Label {
            locale: "pt-BR",
            text: "Usar meus dados para treinar modelos de IA para criar conteúdos",
            evidence: Evidence::Secondary,
            source: "bukib.com; canaltech.com.br (docs/evidence/linkedin.md §3)",
        },
        Label {
            locale: "nl",
            text: "Mijn gegevens gebruiken voor training van AI-modellen waarmee content wordt gemaakt",
            evidence: Evidence::Secondary,
            source: "iphoned.nl; hartvannederland.nl (docs/evidence/linkedin.md §3)",
        },
        // it: only a possibly truncated form is known ("Usa i miei dati per addestrare i
        // modelli di IA…", fastweb.it), so it is not used for matching; Italian pages are found
        // by the key, which does not change with the language [I].
    ],
    private_state: SwitchState::Off,
    help_url: Some("https://www.linkedin.com/help/linkedin/answer/a6278444"),
    messages: SettingMessages {
        id: "aiTraining",
        title: "s_aiTraining_title",
        what: "s_aiTraining_what",
        path: "s_aiTraining_path",
        switch: "s_aiTraining_switch",
        region: "s_aiTraining_region",
    },
};

macro_rules! messages {
    ($id:literal) => {
        SettingMessages {
            id: $id,
            title: concat!("s_", $id, "_title"),
            what: concat!("s_", $id, "_what"),
            path: concat!("s_", $id, "_path"),
            switch: concat!("s_", $id, "_switch"),
            region: "region_general",
        }
    };
}

/// Brave PSST's settings-page table: every path and key below is [C] there
/// (docs/evidence/linkedin.md §2.3); titles and wording are [S] from §4.2.
const PSST: &str = "brave/psst-component (docs/evidence/linkedin.md §2.3)";

/// A privacy-checkup setting from Brave PSST's table: path and key [C], private state off, no
/// help article unless given.
const fn psst(
    id: SettingId,
    path: &'static str,
    key: &'static str,
    title: &'static str,
    switch_labels: &'static [Label],
    messages: SettingMessages,
) -> Setting {
    Setting {
        id,
        path,
        key,
        key_source: PSST,
        key_evidence: Evidence::Confirmed,
        title,
        switch_labels,
        private_state: SwitchState::Off,
        help_url: None,
        messages,
    }
}

const STELLAR: &str = "StellarSand/privacy-settings LinkedIn.md (docs/evidence/linkedin.md §4.2)";

/// Social, economic, and workplace research: "Use data for research" [S].
pub static RESEARCH: Setting = psst(
    SettingId::Research,
    "settings/policy-and-academic-research",
    "allowAnonymizedDataResearch",
    "Social, economic, and workplace research",
    &[en("Use data for research", Evidence::Secondary, STELLAR)],
    messages!("research"),
);

/// Share data with affiliates and partners (advertising data) [S]; expanded in the US and most
/// regions except the EU, UK and Switzerland on 2025-11-03 (docs/evidence/linkedin.md §4.1 [S]).
pub static PARTNER_SHARING: Setting = Setting {
    help_url: Some("https://www.linkedin.com/help/linkedin/answer/a1397243"),
    ..psst(
        SettingId::PartnerSharing,
        "settings/share-data-with-select-partners",
        "shareDataWithTrustedPartners",
        "Share data with affiliates and partners",
        &[en(
            "Share data with affiliates and partners",
            Evidence::Secondary,
            "psst-component; thenewsfacts.com (docs/evidence/linkedin.md §4.2)",
        )],
        SettingMessages { region: "s_partnerSharing_region", ..messages!("partnerSharing") },
    )
};

/// Ads outside of LinkedIn [S].
pub static ADS_BEYOND_LINKEDIN: Setting = psst(
    SettingId::AdsBeyondLinkedIn,
    "settings/ads-beyond-linkedin",
    "allowLinkedInAudienceNetwork",
    "Ads outside of LinkedIn",
    &[en("Ads outside of LinkedIn", Evidence::Secondary, STELLAR)],
    messages!("adsBeyondLinkedIn"),
);

/// Interactions with businesses: "Use data you've given to businesses" [S].
pub static BUSINESS_DATA: Setting = psst(
    SettingId::BusinessData,
    "settings/ads-interactions-with-business",
    "allowUseOfThirdPartyData",
    "Interactions with businesses",
    &[en("Use data you've given to businesses", Evidence::Secondary, STELLAR)],
    messages!("businessData"),
);

/// Ad-related actions: "Use your data for ad insights" [S].
pub static AD_INSIGHTS: Setting = psst(
    SettingId::AdInsights,
    "settings/ads-related-actions",
    "allowConversionTrackings",
    "Ad-related actions",
    &[en("Use your data for ad insights", Evidence::Secondary, STELLAR)],
    messages!("adInsights"),
);

/// Age range: "Use your age range for ads" [S].
pub static ADS_BY_AGE: Setting = psst(
    SettingId::AdsByAge,
    "settings/ads-by-age",
    "allowAdsByAge",
    "Age range",
    &[en("Use your age range for ads", Evidence::Secondary, STELLAR)],
    messages!("adsByAge"),
);

/// Gender: "Use your gender for ads" [S].
pub static ADS_BY_GENDER: Setting = psst(
    SettingId::AdsByGender,
    "settings/ads-by-gender",
    "allowAdsByGender",
    "Gender",
    &[en("Use your gender for ads", Evidence::Secondary, STELLAR)],
    messages!("adsByGender"),
);

/// Interests and traits (no `settings/` segment in its path [C]).
pub static INTERESTS: Setting = psst(
    SettingId::Interests,
    "interest-categories",
    "adsPrivacyAllowInterestsAndBehaviors",
    "Interests and traits",
    &[],
    messages!("interests"),
);

/// Inferred city location (its wording was not found: key only).
pub static INFERRED_LOCATION: Setting = psst(
    SettingId::InferredLocation,
    "settings/ads-inferred-location",
    "allowIpToPersonalizeAds",
    "Inferred city location",
    &[],
    messages!("inferredLocation"),
);

/// LinkedIn promotions: a page with **two switches** [C], the marketing-ads one
/// (`allowProfileAndActivityDataForMarketingAds`) and an email-tips one
/// (`tipsForUsingLinkedinViaEmail`, not a data-use setting, never touched). Key only.
pub static MARKETING: Setting = psst(
    SettingId::Marketing,
    "settings/linkedin-promotions",
    "allowProfileAndActivityDataForMarketingAds",
    "LinkedIn promotions",
    &[],
    messages!("marketing"),
);

/// Every catalog setting: the AI-training setting first, then the privacy checkup in the order
/// the popup walks it.
pub static CATALOG: &[&Setting] = &[
    &AI_TRAINING,
    &RESEARCH,
    &PARTNER_SHARING,
    &ADS_BEYOND_LINKEDIN,
    &BUSINESS_DATA,
    &AD_INSIGHTS,
    &ADS_BY_AGE,
    &ADS_BY_GENDER,
    &INTERESTS,
    &INFERRED_LOCATION,
    &MARKETING,
];

/// The setting whose page has this path under `/mypreferences/{d,m}/`, if any. Paths are
/// compared exactly (LinkedIn's are lower-case); the wrong slugs that circulate publicly
/// (docs/evidence/linkedin.md §1.1) match nothing.
pub fn by_path(path: &str) -> Option<&'static Setting> {
    CATALOG.iter().copied().find(|s| s.path == path)
}

/// The catalog entry for an id.
#[allow(
    clippy::expect_used,
    reason = "CATALOG is a static table with an entry for every SettingId variant; the lookup cannot miss at run time"
)]
pub fn by_id(id: SettingId) -> &'static Setting {
    CATALOG.iter().copied().find(|s| s.id == id).expect("every SettingId has a catalog entry")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_is_the_canonical_desktop_url() {
        assert_eq!(AI_TRAINING.url(), "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement");
    }

    #[test]
    fn label_match_is_exact_after_normalisation() {
        assert!(AI_TRAINING.matches_switch_label(" Use my data for training\ncontent creation AI models "));
        assert!(AI_TRAINING
            .matches_switch_label("Utiliser mes données pour entraîner des modèles d'IA de création de contenu"));
        assert!(!AI_TRAINING
            .matches_switch_label("PSA: go and turn off Use my data for training content creation AI models today"));
        assert!(!AI_TRAINING.matches_switch_label(""));
    }

    #[test]
    fn wrong_public_slugs_are_not_the_setting() {
        assert!(by_path("settings/data-for-ai-improvement").is_some());
        assert!(by_path("settings/data-for-generative-ai-improvement").is_none());
        assert!(by_path("settings/data-for-generative-ai").is_none());
        assert!(by_path("settings/Data-For-AI-Improvement").is_none());
    }

    #[test]
    fn catalog_is_consistent() {
        assert_eq!(CATALOG[0].id, SettingId::AiTraining, "the AI-training setting stays first");
        for (i, s) in CATALOG.iter().enumerate() {
            assert_eq!(by_id(s.id), *s);
            assert_eq!(serde_json::to_value(s.id).unwrap(), s.messages.id);
            assert!(s.messages.title.starts_with(&format!("s_{}_", s.messages.id)));
            for other in &CATALOG[i + 1..] {
                assert_ne!(s.path, other.path, "one setting per page path");
                assert_ne!(s.key, other.key);
                assert_ne!(s.id, other.id);
            }
        }
        assert_eq!(MARKETING.next_in_checkup(), None);
        assert_eq!(AI_TRAINING.next_in_checkup(), Some(&RESEARCH));
        assert_eq!(INTERESTS.url(), "https://www.linkedin.com/mypreferences/d/interest-categories");
    }
}
