//! What lives outside the catalog but must say what the catalog says: `manifest.json`'s host
//! permissions and content-script matches (made from each site's origin and settings-app roots),
//! the one report `extension/src/content-script.js` writes by hand when the core cannot start
//! (it names the primary setting), and every setting's addresses as docs/evidence/linkedin.md §1.1
//! gives them (desktop and mobile web).

use optout_core::catalog::{self, SITES};
use serde_json::Value;

#[allow(
    clippy::expect_used,
    reason = "test helper outside #[test]: a missing or unreadable file must fail the test run, with this message"
)]
fn read(relative: &str) -> String {
    let path = format!("{}/../../{relative}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).expect(relative)
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array().map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_owned)).collect()).unwrap_or_default()
}

#[test]
fn manifest_reach_is_what_the_catalog_implies() {
    use optout_core::catalog::Access;
    let manifest: Value = serde_json::from_str(&read("manifest.json")).unwrap();
    let by = |access: Access| SITES.iter().filter(move |site| site.access == access);
    let hosts: Vec<String> = by(Access::AtInstall).map(|site| site.host_pattern()).collect();
    let optional: Vec<String> = by(Access::AtUse).map(|site| site.host_pattern()).collect();
    let matches: Vec<String> = by(Access::AtInstall).flat_map(|site| site.content_script_matches()).collect();
    assert_eq!(
        strings(&manifest["host_permissions"]),
        hosts,
        "host_permissions: <origin>/* for each site asked for at install"
    );
    assert_eq!(
        strings(&manifest["optional_host_permissions"]),
        optional,
        "optional_host_permissions: <origin>/* for each site asked for at use"
    );
    assert_eq!(
        strings(&manifest["content_scripts"][0]["matches"]),
        matches,
        "content_scripts[0].matches: <origin><root>* for each settings-app root of the sites asked for at install"
    );
    // Every setting page the catalog knows lies under its site's content-script matches.
    for s in catalog::settings() {
        let site = s.site();
        let ours = site.content_script_matches();
        for pages in site.grammar.setting_pages() {
            let url = format!("{}{}{}", site.origin, pages.prefix, s.path);
            assert!(ours.iter().any(|m| url.starts_with(m.trim_end_matches('*'))), "{url} outside the matches");
        }
    }
}

#[test]
fn the_content_scripts_fallback_report_names_the_primary_setting() {
    let primary = catalog::primary();
    // content-script.js cannot ask the core it failed to load, so it writes this id by hand.
    assert_eq!(primary.id.as_str(), "aiTraining", "update extension/src/content-script.js with the primary setting");
    assert_eq!(serde_json::to_value(primary.id).unwrap(), "aiTraining");
    let script = read("extension/src/content-script.js");
    let report = format!("{{ type: 'phaseChanged', setting: '{}', phase: 'unknown' }}", primary.id.as_str());
    assert!(script.contains(&report), "content-script.js's fallback report is {report}");
}

#[test]
fn every_setting_has_its_mobile_web_page() {
    use optout_core::catalog::SiteId;
    use optout_core::page::{classify_url, PageKind, Surface};

    // A setting's page is /mypreferences/d/<path> on desktop [C] and /mypreferences/m/<path> on
    // mobile web (docs/evidence/linkedin.md §1.1): written out here, not taken from the grammar,
    // so that a change to the grammar has to agree with the evidence.
    let mut seen = Vec::new();
    for s in catalog::settings().filter(|s| s.site().id == SiteId::LinkedIn) {
        let desktop = format!("https://www.linkedin.com/mypreferences/d/{}", s.path);
        let mobile = format!("https://www.linkedin.com/mypreferences/m/{}", s.path);
        assert_eq!(s.url(), desktop, "{:?}: links go to the desktop page", s.id);
        for url in [mobile.clone(), format!("{mobile}/"), format!("{mobile}?trk=mweb#top")] {
            match classify_url(&url) {
                PageKind::Setting { setting, surface } => {
                    assert_eq!(setting.id, s.id, "{url}: that setting's page");
                    assert_eq!(surface, Surface::MobileWeb, "{url}: the mobile-web surface");
                }
                other => panic!("{url}: {other:?}, not {:?}'s page", s.id),
            }
        }
        let (PageKind::Setting { setting: d, surface: Surface::Desktop }, PageKind::Setting { setting: m, .. }) =
            (classify_url(&desktop), classify_url(&mobile))
        else {
            panic!("{:?}: desktop {desktop} is not a desktop setting page", s.id)
        };
        assert_eq!(d.id, m.id, "{:?}: desktop and mobile web are one setting", s.id);
        // Another flavour letter is not a setting's page, whatever follows it.
        assert_eq!(
            classify_url(&format!("https://www.linkedin.com/mypreferences/x/{}", s.path)),
            PageKind::OtherSettings,
            "{:?}: /mypreferences/x/ is no setting page",
            s.id
        );
        seen.push(m.id);
    }
    seen.sort();
    seen.dedup();
    assert_eq!(
        seen.len(),
        catalog::settings().filter(|s| s.site().id == SiteId::LinkedIn).count(),
        "each setting's mobile page is its own"
    );
}
