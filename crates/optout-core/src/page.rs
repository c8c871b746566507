//! Page classification from the URL the tab has actually landed on.

use serde::Serialize;

use crate::catalog::{self, Setting, LINKEDIN_ORIGIN};

/// Which flavour of LinkedIn's settings app serves a page: `/mypreferences/d/…` on desktop
/// [C], `/mypreferences/m/…` on mobile web ([C] for other settings, [I] for this one;
/// docs/evidence/linkedin.md §1.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Surface {
    /// `/mypreferences/d/…` [C] (docs/evidence/linkedin.md §1.1).
    Desktop,
    /// `/mypreferences/m/…` ([C] for other settings, [I] for this one; docs/evidence/linkedin.md §1.1).
    MobileWeb,
}

/// What a URL is, for Opt-Out Guard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageKind {
    /// The page of a catalog setting: the only kind of page where a banner may appear.
    Setting {
        /// The catalog setting whose page this is.
        setting: &'static Setting,
        /// Which flavour of the settings app serves it.
        surface: Surface,
    },
    /// Some other page of LinkedIn's settings apps (`/mypreferences/…`, legacy `/psettings/…`).
    OtherSettings,
    /// Any other page on `https://www.linkedin.com` (feed, messages, profiles…).
    OtherLinkedIn,
    /// Not LinkedIn at all.
    Foreign,
}

impl PageKind {
    /// True for any page on LinkedIn's origin.
    pub fn is_linkedin(&self) -> bool {
        !matches!(self, PageKind::Foreign)
    }
}

/// Classifies a URL as the browser reports it (`location.href` or `tabs.Tab.url`, so already
/// normalised: lower-case scheme and host, no default port).
///
/// Only the path decides: the query and fragment are ignored, and one trailing slash is
/// tolerated. Classification keys on the URL the tab has *landed* on, never the one requested
/// (docs/evidence/linkedin.md §5 #17: `/mypreferences/d/` lands on the account category).
pub fn classify_url(href: &str) -> PageKind {
    let Some(rest) = href.strip_prefix(LINKEDIN_ORIGIN) else {
        return PageKind::Foreign;
    };
    if !(rest.is_empty() || rest.starts_with(['/', '?', '#'])) {
        // e.g. https://www.linkedin.com.evil.example/
        return PageKind::Foreign;
    }
    let path = rest.split(['?', '#']).next().unwrap_or("");
    let path = path.strip_suffix('/').unwrap_or(path);
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    match segments.as_slice() {
        ["mypreferences", app, rest @ ..] if (*app == "d" || *app == "m") && !rest.is_empty() => {
            let surface = if *app == "d" { Surface::Desktop } else { Surface::MobileWeb };
            match catalog::by_path(&rest.join("/")) {
                Some(setting) => PageKind::Setting { setting, surface },
                None => PageKind::OtherSettings,
            }
        }
        ["mypreferences", ..] | ["psettings", ..] | ["settings", ..] | ["mwlite", "settings", ..] => {
            PageKind::OtherSettings
        }
        _ => PageKind::OtherLinkedIn,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(url: &str) -> &'static str {
        match classify_url(url) {
            PageKind::Setting { surface: Surface::Desktop, .. } => "setting/desktop",
            PageKind::Setting { surface: Surface::MobileWeb, .. } => "setting/mobile",
            PageKind::OtherSettings => "other-settings",
            PageKind::OtherLinkedIn => "linkedin",
            PageKind::Foreign => "foreign",
        }
    }

    #[test]
    fn table() {
        let cases = [
            ("https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement", "setting/desktop"),
            ("https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement/", "setting/desktop"),
            ("https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement?trk=x#top", "setting/desktop"),
            ("https://www.linkedin.com/mypreferences/m/settings/data-for-ai-improvement", "setting/mobile"),
            // wrong slugs circulating publicly (docs/evidence/linkedin.md §1.1)
            ("https://www.linkedin.com/mypreferences/d/settings/data-for-generative-ai-improvement", "other-settings"),
            ("https://www.linkedin.com/mypreferences/d/settings/data-for-generative-ai", "other-settings"),
            ("https://www.linkedin.com/mypreferences/d/categories/privacy", "other-settings"),
            ("https://www.linkedin.com/mypreferences/d/", "other-settings"),
            ("https://www.linkedin.com/mypreferences/g/guest-cookies", "other-settings"),
            ("https://www.linkedin.com/psettings/privacy", "other-settings"),
            ("https://www.linkedin.com/mypreferences/x/settings/data-for-ai-improvement", "other-settings"),
            ("https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement/extra", "other-settings"),
            ("https://www.linkedin.com/mypreferences/d/settings/ads-by-age", "setting/desktop"),
            ("https://www.linkedin.com/mypreferences/d/interest-categories", "setting/desktop"),
            ("https://www.linkedin.com/mypreferences/d/settings/linkedin-promotions/", "setting/desktop"),
            ("https://www.linkedin.com/mypreferences/d/settings/interest-categories", "other-settings"),
            ("https://www.linkedin.com/mypreferences/d/member-cookies", "other-settings"),
            ("https://www.linkedin.com/feed/", "linkedin"),
            ("https://www.linkedin.com/feed/?q=mypreferences/d/settings/data-for-ai-improvement", "linkedin"),
            ("https://www.linkedin.com", "linkedin"),
            ("https://www.linkedin.com.evil.example/mypreferences/d/settings/data-for-ai-improvement", "foreign"),
            ("http://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement", "foreign"),
            ("https://linkedin.com/mypreferences/d/settings/data-for-ai-improvement", "foreign"),
            ("https://example.org/", "foreign"),
            ("", "foreign"),
        ];
        for (url, want) in cases {
            assert_eq!(kind(url), want, "{url}");
        }
    }
}
