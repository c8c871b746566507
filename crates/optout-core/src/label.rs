//! Label normalisation for detection's label fallback: the accessible name LinkedIn gives a
//! checkbox is compared with the catalog's switch labels
//! ([`Locator::matches_label`](crate::catalog::Locator::matches_label)).

/// Normalises a label for comparison: Unicode whitespace runs become one ASCII space, the ends
/// are trimmed, typographic apostrophes (U+2019, U+2018, U+02BC) become `'`, and letters are
/// lower-cased. Source of the apostrophe trap: docs/evidence/linkedin.md §3 and §5 #13 (French and
/// Italian use U+2019) [C].
pub fn normalize_label(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for ch in s.chars() {
        if ch.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match ch {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' => out.push('\''),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalize_label;

    #[test]
    fn collapses_whitespace_and_case() {
        assert_eq!(normalize_label("  Use my\n\tdata  "), "use my data");
        assert_eq!(normalize_label("\u{a0}Ein\u{a0}Aus"), "ein aus");
    }

    #[test]
    fn folds_typographic_apostrophes() {
        assert_eq!(normalize_label("l\u{2019}IA"), normalize_label("l'IA"));
    }

    #[test]
    fn empty_stays_empty() {
        assert_eq!(normalize_label(" \n "), "");
    }
}
