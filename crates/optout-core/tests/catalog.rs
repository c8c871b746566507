//! What lives outside the catalog but must say what the catalog says: `manifest.json`'s host
//! permissions and content-script matches (made from each site's origin and settings-app roots),
//! and the one report `extension/src/content-script.js` writes by hand when the core cannot start
//! (it names the primary setting).

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
    let manifest: Value = serde_json::from_str(&read("manifest.json")).unwrap();
    let hosts: Vec<String> = SITES.iter().map(|site| format!("{}/*", site.origin)).collect();
    let matches: Vec<String> = SITES
        .iter()
        .flat_map(|site| site.grammar.app_roots.iter().map(move |root| format!("{}{root}*", site.origin)))
        .collect();
    assert_eq!(strings(&manifest["host_permissions"]), hosts, "host_permissions: <origin>/* for each site");
    assert_eq!(
        strings(&manifest["content_scripts"][0]["matches"]),
        matches,
        "content_scripts[0].matches: <origin><root>* for each settings-app root"
    );
    // Every setting page the catalog knows lies under one of those matches.
    for s in catalog::settings() {
        for pages in s.site().grammar.setting_pages() {
            let url = format!("{}{}{}", s.site().origin, pages.prefix, s.path);
            assert!(matches.iter().any(|m| url.starts_with(m.trim_end_matches('*'))), "{url} outside the matches");
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
