//! Page classification from the URL the tab has actually landed on, over the catalog's sites:
//! each [`Site`]'s origin and [`PathGrammar`](crate::catalog::PathGrammar) decide; nothing here
//! knows a site's addresses.

pub use crate::catalog::Surface;
use crate::catalog::{Setting, Site, SITES};

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
    /// Some other page of a site's settings trees ([`PathGrammar::is_settings_path`]; for
    /// LinkedIn `/mypreferences/…`, legacy `/psettings/…`).
    ///
    /// [`PathGrammar::is_settings_path`]: crate::catalog::PathGrammar::is_settings_path
    OtherSettings,
    /// Any other page on a catalog site's origin (LinkedIn's feed, a ChatGPT chat…).
    OtherOnSite,
    /// On no catalog site's origin.
    Foreign,
}

impl PageKind {
    /// True for any page on a catalog site's origin.
    pub fn is_on_site(&self) -> bool {
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
    SITES.iter().find_map(|site| classify_on(site, href)).unwrap_or(PageKind::Foreign)
}

/// The catalog site whose origin `href` is on, if any.
pub fn site_of(href: &str) -> Option<&'static Site> {
    SITES.iter().copied().find(|site| classify_on(site, href).is_some())
}

/// The page `href` is on `site`, or `None` when it is not on the site's origin.
fn classify_on(site: &'static Site, href: &str) -> Option<PageKind> {
    let rest = href.strip_prefix(site.origin)?;
    if !(rest.is_empty() || rest.starts_with(['/', '?', '#'])) {
        // e.g. https://www.linkedin.com.evil.example/
        return None;
    }
    let path = rest.split(['?', '#']).next().unwrap_or("");
    let path = path.strip_suffix('/').unwrap_or(path);
    for pages in site.grammar.setting_pages() {
        if let Some(setting_path) = path.strip_prefix(pages.prefix).filter(|p| !p.is_empty()) {
            return Some(match site.by_path(setting_path) {
                Some(setting) => PageKind::Setting { setting, surface: pages.surface },
                None => PageKind::OtherSettings,
            });
        }
    }
    Some(if site.grammar.is_settings_path(path) { PageKind::OtherSettings } else { PageKind::OtherOnSite })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(url: &str) -> &'static str {
        match classify_url(url) {
            PageKind::Setting { surface: Surface::Desktop, .. } => "setting/desktop",
            PageKind::Setting { surface: Surface::MobileWeb, .. } => "setting/mobile",
            PageKind::OtherSettings => "other-settings",
            PageKind::OtherOnSite => "on-site",
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
            // retired pages: in Brave's 2025 list, gone by 2026 [C] (docs/evidence/linkedin.md
            // §8.3): not in the catalog, so never a setting's page and nothing is read
            ("https://www.linkedin.com/mypreferences/d/settings/ads-location", "other-settings"),
            ("https://www.linkedin.com/mypreferences/d/settings/linked-in-activity-data", "other-settings"),
            ("https://www.linkedin.com/mypreferences/d/", "other-settings"),
            ("https://www.linkedin.com/mypreferences/g/guest-cookies", "other-settings"),
            ("https://www.linkedin.com/psettings/privacy", "other-settings"),
            ("https://www.linkedin.com/mypreferences/x/settings/data-for-ai-improvement", "other-settings"),
            ("https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement/extra", "other-settings"),
            ("https://www.linkedin.com/mypreferences/d/settings/ads-by-age", "setting/desktop"),
            ("https://www.linkedin.com/mypreferences/d/interest-categories", "setting/desktop"),
            ("https://www.linkedin.com/mypreferences/d/settings/linkedin-promotions/", "setting/desktop"),
            ("https://www.linkedin.com/mypreferences/d/settings/interest-categories", "other-settings"),
            ("https://www.linkedin.com/mypreferences/d/member-cookies", "setting/desktop"),
            ("https://www.linkedin.com/mypreferences/d/settings/member-cookies", "other-settings"),
            ("https://www.linkedin.com/settings/member-cookies/", "other-settings"),
            ("https://www.linkedin.com/feed/", "on-site"),
            ("https://www.linkedin.com/feed/?q=mypreferences/d/settings/data-for-ai-improvement", "on-site"),
            ("https://www.linkedin.com", "on-site"),
            ("https://www.linkedin.com.evil.example/mypreferences/d/settings/data-for-ai-improvement", "foreign"),
            ("http://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement", "foreign"),
            ("https://linkedin.com/mypreferences/d/settings/data-for-ai-improvement", "foreign"),
            ("https://example.org/", "foreign"),
            ("", "foreign"),
            // ChatGPT (docs/evidence/platforms.md §1.1: the path route [C]; the other tabs [I])
            ("https://chatgpt.com/settings/data-controls", "setting/desktop"),
            ("https://chatgpt.com/settings/data-controls/", "setting/desktop"),
            ("https://chatgpt.com/settings/general", "other-settings"),
            ("https://chatgpt.com/settings", "other-settings"),
            ("https://chatgpt.com/", "on-site"),
            ("https://chatgpt.com/c/6a1f0c2e-0000-4000-8000-000000000000", "on-site"),
            ("https://chatgpt.com/?q=settings/data-controls", "on-site"),
            ("https://chatgpt.com.evil.example/settings/data-controls", "foreign"),
            ("https://www.chatgpt.com/settings/data-controls", "foreign"),
            ("https://chat.openai.com/settings/data-controls", "foreign"),
        ];
        for (url, want) in cases {
            assert_eq!(kind(url), want, "{url}");
        }
    }
}
