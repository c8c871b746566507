//! The catalog: every LinkedIn setting Opt-Out Guard knows, expressed as data.
//!
//! For now it holds the one setting this product exists for, "Data for Generative AI
//! improvement". Each fact carries its evidence tag and source from `shared/linkedin-page.md`.

use serde::{Deserialize, Serialize};

use crate::detect::ToggleState;
use crate::text::normalize_label;

/// How sure we are of a fact about LinkedIn's page (linkedin-page.md's evidence tags).
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
    pub evidence: Evidence,
    /// Where the text was seen (linkedin-page.md §3 source column).
    pub source: &'static str,
}

/// Stable identifier of a catalog setting; the wire form is used in messages and storage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SettingId {
    /// Data for Generative AI improvement.
    #[serde(rename = "aiTraining")]
    AiTraining,
}

/// One LinkedIn setting page with a single switch.
#[derive(Debug)]
pub struct Setting {
    pub id: SettingId,
    /// Last path segment under `/mypreferences/{d,m}/settings/`.
    pub slug: &'static str,
    /// The `aria-labelledby` key of the switch (also the settings-API key [I]).
    pub key: &'static str,
    /// Page title in English, as LinkedIn writes it.
    pub title: &'static str,
    /// Accessible names of the switch, per locale, used only by the label fallback.
    pub toggle_labels: &'static [Label],
    /// The manual path a user follows, in English UI words [C/S] (linkedin-page.md §1.2).
    pub manual_path: &'static [&'static str],
    /// The state that keeps the user's data out of the feature.
    pub private_state: ToggleState,
    /// LinkedIn's own help article for the setting.
    pub help_url: &'static str,
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
        format!("{}/mypreferences/d/settings/{}", crate::page::LINKEDIN_ORIGIN, self.slug)
    }

    /// True when `accessible_name`, normalised, equals one of this setting's switch labels in
    /// any locale. Matching is exact after normalisation: a longer text that merely quotes the
    /// label (a feed post) does not match.
    pub fn matches_toggle_label(&self, accessible_name: &str) -> bool {
        let wanted = normalize_label(accessible_name);
        !wanted.is_empty() && self.toggle_labels.iter().any(|l| normalize_label(l.text) == wanted)
    }
}

/// "Data for Generative AI improvement": the switch "Use my data for training content creation
/// AI models". URL and key [C]: brave/psst-component `src/linkedin/user.ts` (linkedin-page.md
/// §1.1, §2.1). Default ON since 2024-09-18, in the EU/EEA/UK/CH since 2025-11-03 (§4.1).
pub static AI_TRAINING: Setting = Setting {
    id: SettingId::AiTraining,
    slug: "data-for-ai-improvement",
    key: "allowDataForGenerativeAI",
    title: "Data for Generative AI Improvement",
    toggle_labels: &[
        Label {
            locale: "en",
            text: "Use my data for training content creation AI models",
            evidence: Evidence::Confirmed,
            source: "blog.autiomaa.org 2025-09-18; inquirer.net 2024 (linkedin-page.md §3)",
        },
        Label {
            locale: "de",
            text: "Ihre Daten zum Schulen von KI-Modellen verwenden, um Inhalte zu erstellen",
            evidence: Evidence::Secondary,
            source: "sonntagsblatt.de 2025-10-24 (linkedin-page.md §3)",
        },
        Label {
            locale: "fr",
            text: "Utiliser mes données pour entraîner des modèles d\u{2019}IA de création de contenu",
            evidence: Evidence::Secondary,
            source: "clubic.com; cookie-com.com (linkedin-page.md §3)",
        },
        Label {
            locale: "fr",
            text: "Utiliser mes données pour entraîner les modèles d\u{2019}IA de création de contenu",
            evidence: Evidence::Secondary,
            source: "geeko.lesoir.be (linkedin-page.md §3)",
        },
        Label {
            locale: "es",
            text: "Usar mis datos para entrenar modelos de IA de generación de contenido",
            evidence: Evidence::Secondary,
            source: "gptzone.net, low confidence (linkedin-page.md §3)",
        },
        Label {
            locale: "pt-BR",
            text: "Usar meus dados para treinar modelos de IA para criar conteúdos",
            evidence: Evidence::Secondary,
            source: "bukib.com; canaltech.com.br (linkedin-page.md §3)",
        },
        Label {
            locale: "nl",
            text: "Mijn gegevens gebruiken voor training van AI-modellen waarmee content wordt gemaakt",
            evidence: Evidence::Secondary,
            source: "iphoned.nl; hartvannederland.nl (linkedin-page.md §3)",
        },
        // it: only a possibly truncated form is known ("Usa i miei dati per addestrare i
        // modelli di IA…", fastweb.it), so it is not used for matching; Italian pages are found
        // by the key, which does not change with the language [I].
    ],
    manual_path: &[
        "Me",
        "Settings & Privacy",
        "Data privacy",
        "Data for Generative AI Improvement",
    ],
    private_state: ToggleState::Off,
    help_url: "https://www.linkedin.com/help/linkedin/answer/a6278444",
};

/// Every catalog setting, most important first.
pub static CATALOG: &[&Setting] = &[&AI_TRAINING];

/// The setting whose page has this slug, if any. Slugs are compared exactly (LinkedIn's are
/// lower-case); the wrong slugs that circulate publicly (linkedin-page.md §1.1) match nothing.
pub fn by_slug(slug: &str) -> Option<&'static Setting> {
    CATALOG.iter().copied().find(|s| s.slug == slug)
}

/// The catalog entry for an id.
pub fn by_id(id: SettingId) -> &'static Setting {
    CATALOG.iter().copied().find(|s| s.id == id).expect("every SettingId has a catalog entry")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_is_the_canonical_desktop_url() {
        assert_eq!(
            AI_TRAINING.url(),
            "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement"
        );
    }

    #[test]
    fn label_match_is_exact_after_normalisation() {
        assert!(AI_TRAINING.matches_toggle_label(" Use my data for training\ncontent creation AI models "));
        assert!(AI_TRAINING.matches_toggle_label(
            "Utiliser mes données pour entraîner des modèles d'IA de création de contenu"
        ));
        assert!(!AI_TRAINING.matches_toggle_label(
            "PSA: go and turn off Use my data for training content creation AI models today"
        ));
        assert!(!AI_TRAINING.matches_toggle_label(""));
    }

    #[test]
    fn wrong_public_slugs_are_not_the_setting() {
        assert!(by_slug("data-for-ai-improvement").is_some());
        assert!(by_slug("data-for-generative-ai-improvement").is_none());
        assert!(by_slug("data-for-generative-ai").is_none());
        assert!(by_slug("Data-For-AI-Improvement").is_none());
    }

    #[test]
    fn every_id_resolves() {
        assert_eq!(by_id(SettingId::AiTraining).key, "allowDataForGenerativeAI");
    }
}
