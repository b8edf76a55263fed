//! What readers see is in the language of the page they read: dates in tables, the wording of
//! a rating's scale, a translation's line in the search results; and the example pages
//! `fieldbook init` writes use the schema's own section headings in their language.

use std::path::Path;

use crate::languages::{build, example_in};
use crate::support::fieldbook;

/// Dates shown to readers in the tables of communities (home page, listing, a country's and a
/// tag's page) and in an indicator's comparison table, in the site's language; the ISO date
/// stays for machines, in `<time datetime>`.
#[test]
fn tables_write_dates_in_the_site_language() {
    for (language, assessed, indicator_date, english) in [
        ("fr", "14 mars 2026", "31 décembre 2025", "December"),
        ("es", "14 de marzo de 2026", "31 de diciembre de 2025", "December"),
        ("ar", "14 مارس 2026", "31 ديسمبر 2025", "December"),
        ("en", "14 March 2026", "31 December 2025", "décembre"),
    ] {
        let out = build(&example_in(language, &format!("reader-dates-{language}")));
        let time = format!("<td><time datetime=\"2026-03-14\">{assessed}</time></td>");
        for page in ["index.html", "communities/index.html", "countries/morocco.html", "tags/coastal.html"] {
            let html = std::fs::read_to_string(out.join(page)).unwrap();
            assert!(html.contains(&time), "{language} {page} lacks {time}");
            assert!(!html.contains("<td>2026-"), "{language} {page} shows an ISO date");
        }
        let comparison = std::fs::read_to_string(out.join("indicators/migration-rates.html")).unwrap();
        assert!(comparison.contains(&format!("<td>{indicator_date}</td>")), "{language}: {indicator_date}");
        assert!(!comparison.contains(english), "{language}: a date in another language");
    }
}

/// A rating's scale on its indicator page is worded in the page's language, with its labels.
#[test]
fn a_rating_scale_is_worded_in_the_site_language() {
    for (language, wording) in
        [("fr", ["de 1 (", ") à 5 ("]), ("es", ["de 1 (", ") a 5 ("]), ("ar", ["من 1 (", ") إلى 5 ("])]
    {
        let out = build(&example_in(language, &format!("reader-scale-{language}")));
        let page = std::fs::read_to_string(out.join("indicators/perception-of-migration.html")).unwrap();
        for piece in wording {
            assert!(page.contains(piece), "{language}: `{piece}` not in the scale");
        }
        assert!(!page.contains(") to 5 ("), "{language}: the scale in English");
    }
}

/// On a site in several languages, a translation's search entry speaks the translation's
/// language: its line (country and date) as its page writes it.
#[test]
fn a_translation_is_found_with_its_line_in_its_own_language() {
    let site = crate::html::copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), "reader-search-translation");
    let out = build(&site);
    let mut rows = String::new();
    for file in crate::html::files(&out.join("search")) {
        if file.starts_with("docs-") {
            rows.push_str(&std::fs::read_to_string(out.join("search").join(file)).unwrap());
        }
    }
    let row = |path: &str| -> String {
        let at = rows.find(&format!("\"{path}\"")).unwrap_or_else(|| panic!("no search row for {path}"));
        let start = rows[..at].rfind('[').unwrap();
        let end = at + rows[at..].find(']').unwrap();
        rows[start..end].to_string()
    };
    assert!(
        row("communities/ain-lmaati.html").contains("Morocco · 14 March 2026"),
        "{}",
        row("communities/ain-lmaati.html")
    );
    assert!(
        row("fr/communities/ain-lmaati.html").contains("14 mars 2026"),
        "{}",
        row("fr/communities/ain-lmaati.html")
    );
    assert!(
        row("ar/communities/ain-lmaati.html").contains("14 مارس 2026"),
        "{}",
        row("ar/communities/ain-lmaati.html")
    );
}

/// The example pages `init` writes in each language have the schema's section headings in that
/// language, in its order, so that `translate` and `new` recognize them.
#[test]
fn every_starter_page_has_the_schema_section_headings_of_its_language() {
    use fieldbook::model::ContentType;
    let schema = fieldbook::schema::Schema::builtin();
    for language in ["en", "fr", "es", "ar"] {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("reader-starter-{language}"));
        let _ = std::fs::remove_dir_all(&dir);
        let output = fieldbook().arg("init").arg(&dir).args(["--language", language]).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let localized = schema.localized(language);
        let mut checked = 0;
        for (folder, content_type) in [
            ("communities", ContentType::Community),
            ("case-studies", ContentType::CaseStudy),
            ("projects", ContentType::Project),
            ("guidance", ContentType::Guidance),
        ] {
            let expected: Vec<&str> = localized.sections_of(content_type).map(|s| s.term.label.as_str()).collect();
            for file in crate::html::files(&dir.join("content").join(folder)) {
                let text = std::fs::read_to_string(dir.join("content").join(folder).join(&file)).unwrap();
                let headings: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix("## ")).collect();
                assert_eq!(headings, expected, "{language}: content/{folder}/{file}");
                checked += 1;
            }
        }
        assert_eq!(checked, 4, "{language}: a starter page per type with sections");
    }
}
