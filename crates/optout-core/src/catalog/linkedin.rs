//! LinkedIn as data: the site ([`LINKEDIN`]: origin, the settings app's address grammar) and its
//! settings, the AI-training one first and primary. Every fact carries its evidence tag and its
//! source in `docs/evidence/linkedin.md`.

use super::{
    Access, CaveatLink, Control, Coupling, Evidence, GpcOptOut, Label, Locator, PathGrammar, Setting, SettingId,
    SettingMessages, SettingPages, Site, SiteId, Surface,
};
use crate::vocab::SwitchState;

/// LinkedIn: origin `https://www.linkedin.com`, its settings app and its settings in checkup order.
///
/// Grammar (docs/evidence/linkedin.md §1.1): a setting's page is `/mypreferences/d/<path>` on
/// desktop [C] and `/mypreferences/m/<path>` on mobile web ([C] for other settings, [I] for the AI
/// one). The content script is declared for the app roots `/mypreferences/` (desktop, mobile web,
/// and the guest form `/mypreferences/g/…` [C]) and the legacy `/psettings/` [S]. `/settings/…`
/// (the legacy member-cookies form [C]) and `/mwlite/settings` (a parallel mobile-web tree [C])
/// are settings pages too, but not served the content script.
pub static LINKEDIN: Site = Site {
    id: SiteId::LinkedIn,
    name: "LinkedIn",
    origin: "https://www.linkedin.com",
    access: Access::AtInstall,
    grammar: PathGrammar {
        canonical: SettingPages { prefix: "/mypreferences/d/", surface: Surface::Desktop },
        also: &[SettingPages { prefix: "/mypreferences/m/", surface: Surface::MobileWeb }],
        app_roots: &["/mypreferences/", "/psettings/"],
        other_settings_roots: &["/settings/", "/mwlite/settings/"],
    },
    settings: &[
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
        &NON_ESSENTIAL_COOKIES,
    ],
};

/// LinkedIn's Data Processing Objection Form, which covers the AI uses the AI-training switch does
/// not (personalisation, safety models) [C] (LinkedIn Help a6278444, docs/evidence/linkedin.md §4.1,
/// §8.2).
pub const OBJECTION_FORM_URL: &str = "https://www.linkedin.com/help/linkedin/ask/TS-DPRO";

const fn en(text: &'static str, evidence: Evidence, source: &'static str) -> Label {
    Label { locale: "en", text, evidence, source }
}

/// "Data for Generative AI improvement": the switch "Use my data for training content creation
/// AI models". URL and key [C]: brave/psst-component `src/linkedin/user.ts` (docs/evidence/linkedin.md
/// §1.1, §2.1). Default ON since 2024-09-18, in the EU/EEA/UK/CH since 2025-11-03 (§4.1). The
/// primary setting. Caveats: switching off is not retroactive [S] and covers content-creating
/// models only [C], for the rest there is the objection form (§4.1).
pub static AI_TRAINING: Setting = Setting {
    id: SettingId::AiTraining,
    path: "settings/data-for-ai-improvement",
    locators: &[
        Locator::LabelledBy("allowDataForGenerativeAI"),
        Locator::Label(&[
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
        ]),
    ],
    control: Control::Checkbox,
    source: "brave/psst-component src/linkedin/user.ts (docs/evidence/linkedin.md §2.1)",
    evidence: Evidence::Confirmed,
    title: "Data for Generative AI Improvement",
    private_state: SwitchState::Off,
    primary: true,
    caveats: &["caveat_notRetroactive", "caveat_otherModels"],
    links: &[CaveatLink { label: "link_objectionForm", url: OBJECTION_FORM_URL }],
    couplings: &[],
    reveal: None,
    help_url: Some("https://www.linkedin.com/help/linkedin/answer/a6278444"),
    gpc: None,
    messages: SettingMessages {
        id: "aiTraining",
        title: "s_aiTraining_title",
        what: "s_aiTraining_what",
        path: "s_aiTraining_path",
        switch: "s_aiTraining_switch",
        region: "s_aiTraining_region",
        not_found: None,
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
            not_found: None,
        }
    };
}

/// Brave PSST's settings-page table: every path, key and id below is [C] there
/// (docs/evidence/linkedin.md §2.3); titles and wording are [S] from §4.2.
const PSST: &str = "brave/psst-component (docs/evidence/linkedin.md §2.3)";

/// A privacy-checkup setting from Brave PSST's table: path and locators [C], private state off,
/// not primary, no caveats, links or couplings, no help article unless given.
const fn psst(
    id: SettingId,
    path: &'static str,
    locators: &'static [Locator],
    title: &'static str,
    messages: SettingMessages,
) -> Setting {
    Setting {
        id,
        path,
        locators,
        control: Control::Checkbox,
        source: PSST,
        evidence: Evidence::Confirmed,
        title,
        private_state: SwitchState::Off,
        primary: false,
        caveats: &[],
        links: &[],
        couplings: &[],
        reveal: None,
        help_url: None,
        gpc: None,
        messages,
    }
}

const STELLAR: &str = "StellarSand/privacy-settings LinkedIn.md (docs/evidence/linkedin.md §4.2)";

/// Social, economic, and workplace research: "Use data for research" [S].
pub static RESEARCH: Setting = psst(
    SettingId::Research,
    "settings/policy-and-academic-research",
    &[
        Locator::LabelledBy("allowAnonymizedDataResearch"),
        Locator::Label(&[en("Use data for research", Evidence::Secondary, STELLAR)]),
    ],
    "Social, economic, and workplace research",
    messages!("research"),
);

/// Share data with affiliates and partners (advertising data) [S]; expanded in the US and most
/// regions except the EU, UK and Switzerland on 2025-11-03 (docs/evidence/linkedin.md §4.1 [S]).
///
/// In the US a Global Privacy Control signal opts the member out of "Data sharing" [C: LinkedIn
/// Help a1397243]; that this is that setting is inferred [I] (docs/evidence/linkedin.md §8.2).
pub static PARTNER_SHARING: Setting = Setting {
    reveal: None,
    help_url: Some("https://www.linkedin.com/help/linkedin/answer/a1397243"),
    gpc: Some(GpcOptOut {
        note: "popup_gpc_partnerSharing",
        evidence: Evidence::Inferred,
        source: "LinkedIn Help a1397243 [C] (docs/evidence/linkedin.md §8.2); 'Data sharing' = this switch [I]",
    }),
    ..psst(
        SettingId::PartnerSharing,
        "settings/share-data-with-select-partners",
        &[
            Locator::LabelledBy("shareDataWithTrustedPartners"),
            Locator::Label(&[en(
                "Share data with affiliates and partners",
                Evidence::Secondary,
                "psst-component; thenewsfacts.com (docs/evidence/linkedin.md §4.2)",
            )]),
        ],
        "Share data with affiliates and partners",
        SettingMessages { region: "s_partnerSharing_region", ..messages!("partnerSharing") },
    )
};

/// Ads outside of LinkedIn [S]. LinkedIn couples it: "If you are opted out from Ads outside of
/// LinkedIn, your Data Sharing setting is automatically turned off" [C: LinkedIn Help a1397243],
/// and that "Data sharing" is [`PARTNER_SHARING`] is likely but unverified [I]
/// (docs/evidence/linkedin.md §8.2, §4.2).
pub static ADS_BEYOND_LINKEDIN: Setting = Setting {
    couplings: &[Coupling {
        when: SwitchState::Off,
        also: SettingId::PartnerSharing,
        to: SwitchState::Off,
        evidence: Evidence::Inferred,
        source: "LinkedIn Help a1397243 (docs/evidence/linkedin.md §8.2, §4.2)",
    }],
    ..psst(
        SettingId::AdsBeyondLinkedIn,
        "settings/ads-beyond-linkedin",
        &[
            Locator::LabelledBy("allowLinkedInAudienceNetwork"),
            Locator::Label(&[en("Ads outside of LinkedIn", Evidence::Secondary, STELLAR)]),
        ],
        "Ads outside of LinkedIn",
        messages!("adsBeyondLinkedIn"),
    )
};

/// Interactions with businesses: "Use data you've given to businesses" [S].
pub static BUSINESS_DATA: Setting = psst(
    SettingId::BusinessData,
    "settings/ads-interactions-with-business",
    &[
        Locator::LabelledBy("allowUseOfThirdPartyData"),
        Locator::Label(&[en("Use data you've given to businesses", Evidence::Secondary, STELLAR)]),
    ],
    "Interactions with businesses",
    messages!("businessData"),
);

/// Ad-related actions: "Use your data for ad insights" [S].
pub static AD_INSIGHTS: Setting = psst(
    SettingId::AdInsights,
    "settings/ads-related-actions",
    &[
        Locator::LabelledBy("allowConversionTrackings"),
        Locator::Label(&[en("Use your data for ad insights", Evidence::Secondary, STELLAR)]),
    ],
    "Ad-related actions",
    messages!("adInsights"),
);

/// Age range: "Use your age range for ads" [S].
pub static ADS_BY_AGE: Setting = psst(
    SettingId::AdsByAge,
    "settings/ads-by-age",
    &[
        Locator::LabelledBy("allowAdsByAge"),
        Locator::Label(&[en("Use your age range for ads", Evidence::Secondary, STELLAR)]),
    ],
    "Age range",
    messages!("adsByAge"),
);

/// Gender: "Use your gender for ads" [S].
pub static ADS_BY_GENDER: Setting = psst(
    SettingId::AdsByGender,
    "settings/ads-by-gender",
    &[
        Locator::LabelledBy("allowAdsByGender"),
        Locator::Label(&[en("Use your gender for ads", Evidence::Secondary, STELLAR)]),
    ],
    "Gender",
    messages!("adsByGender"),
);

/// Interests and traits (no `settings/` segment in its path [C]). Its switch wording was not
/// found: the label locator has no labels and matches nothing. It stays so that the page reads
/// what it read before the catalog held locators: a page with more checkboxes than one scan
/// reads is cut short, and detection says unknown.
pub static INTERESTS: Setting = psst(
    SettingId::Interests,
    "interest-categories",
    &[Locator::LabelledBy("adsPrivacyAllowInterestsAndBehaviors"), Locator::Label(&[])],
    "Interests and traits",
    messages!("interests"),
);

/// Inferred city location (its wording was not found: key only, as for [`INTERESTS`]).
pub static INFERRED_LOCATION: Setting = psst(
    SettingId::InferredLocation,
    "settings/ads-inferred-location",
    &[Locator::LabelledBy("allowIpToPersonalizeAds"), Locator::Label(&[])],
    "Inferred city location",
    messages!("inferredLocation"),
);

/// LinkedIn promotions: a page with **two switches** [C], the marketing-ads one
/// (`allowProfileAndActivityDataForMarketingAds`) and an email-tips one
/// (`tipsForUsingLinkedinViaEmail`, not a data-use setting, never touched); they are told apart
/// by the key. Key only, as for [`INTERESTS`].
pub static MARKETING: Setting = psst(
    SettingId::Marketing,
    "settings/linkedin-promotions",
    &[Locator::LabelledBy("allowProfileAndActivityDataForMarketingAds"), Locator::Label(&[])],
    "LinkedIn promotions",
    messages!("marketing"),
);

/// Non-essential cookies: page `member-cookies` (no `settings/` segment), switch
/// `input[role=switch]#nonEssentialCookieConsent`, keyed by its element `id`, not by
/// `aria-labelledby` [C] (brave/psst-component `src/linkedin/user.ts`, docs/evidence/linkedin.md
/// §2.3, §8.3). Found by the id alone (its wording was not found, §4.2), and like every switch
/// only when it is the one visible, enabled checkbox. A cookie choice on LinkedIn has been reported
/// not to stick after one change (§5 #6, Consent-O-Matic#440): the re-read after the click says
/// so (failed).
pub static NON_ESSENTIAL_COOKIES: Setting = psst(
    SettingId::NonEssentialCookies,
    "member-cookies",
    &[Locator::ElementId("nonEssentialCookieConsent")],
    "Non-essential cookies",
    messages!("nonEssentialCookies"),
);
