//! Country names in every language a site speaks: a profile's `country` written in English,
//! French, Spanish or Arabic resolves to one country, with one page, shown in each page's
//! language (key facts, the country page's heading, map titles and labels), while the exports
//! keep the English name.

use std::path::{Path, PathBuf};

use crate::support::{fieldbook, run};

/// A site started by `fieldbook init --language <language>`, with `profiles` (file name,
/// frontmatter lines after the common ones) added beside its example, built.
fn built_site(language: &str, profiles: &[(&str, &str)]) -> PathBuf {
    built_named(&format!("countries-{language}"), language, profiles)
}

/// [`built_site`] in the folder `name`.
fn built_named(name: &str, language: &str, profiles: &[(&str, &str)]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    let made = fieldbook().arg("init").arg(&dir).args(["--language", language]).output().unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    for (name, fields) in profiles {
        let text = format!(
            "---\ntitle: {name}\nstatus: published\n{fields}\nassessed: 2026-03-14\nassessed_by: [Field team]\nmethods: [desk-review]\n---\n\nText.\n"
        );
        std::fs::write(dir.join("content/communities").join(format!("{name}.md")), text).unwrap();
    }
    let check = run(&dir, &["check"]);
    for code in ["unknown-country", "map-country", "location-outside-country", "broken-link"] {
        assert!(!check.stderr.contains(&format!("[{code}]")), "{code}:\n{}", check.stderr);
    }
    let build = run(&dir, &["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    dir
}

fn page(dir: &Path, path: &str) -> String {
    std::fs::read_to_string(dir.join("site").join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The text of the map's country labels (`<g class="map-names">`).
fn map_names(html: &str) -> Vec<String> {
    html.split("<g class=\"map-names\" aria-hidden=\"true\">")
        .skip(1)
        .filter_map(|g| g.split("</g>").next())
        .flat_map(|g| g.split("</text>").filter_map(|t| t.rsplit('>').next()).filter(|t| !t.is_empty()))
        .map(str::to_string)
        .collect()
}

#[test]
fn an_arabic_site_shows_countries_in_arabic_and_one_page_for_two_spellings() {
    let dir = built_site(
        "ar",
        &[
            ("basra", "country: العراق\nlocation: { lat: 30.51, lon: 47.78 }"),
            ("mosul", "country: Iraq\ncountry_code: IRQ\nlocation: { lat: 36.34, lon: 43.13 }"),
        ],
    );
    // One country page for both spellings, at the path an English site has.
    let countries = page(&dir, "countries/index.html");
    assert_eq!(countries.matches("iraq.html").count(), 1, "{countries}");
    assert!(countries.contains(">العراق<"), "{countries}");
    let country = page(&dir, "countries/iraq.html");
    assert!(country.contains("<h1>العراق</h1>") || country.contains(">العراق</h1>"), "heading:\n{country}");
    assert!(country.contains("basra") && country.contains("mosul"), "both profiles");
    assert!(country.contains("المجتمعات المحلية في العراق"), "the map's title");
    assert_eq!(map_names(&country), ["العراق"], "the map's label");
    // Readers see no English name where the Arabic one exists (the paths keep theirs).
    for path in ["countries/iraq.html", "communities/basra.html", "communities/mosul.html", "communities/index.html"] {
        let html = page(&dir, path);
        assert!(!html.contains("Iraq") && !html.contains("IRAQ"), "{path} names Iraq in English:\n{html}");
    }
    // Key facts: the name in Arabic, linked to the one page.
    let profile = page(&dir, "communities/basra.html");
    assert!(profile.contains("countries/iraq.html\">العراق</a>"), "{profile}");
    assert_eq!(map_names(&profile), ["العراق"], "the locator's label");
    // Search results show the Arabic name, and the English one finds the profiles too.
    let results = page(&dir, "search/docs-0.js");
    assert!(results.contains("العراق") && !results.contains("Iraq"), "{results}");
    assert!(page(&dir, "search/terms-i.js").contains("\"iraq\""), "the English name is a search term");
    // The exports keep the English name and the code, for data joins.
    let csv = page(&dir, "data/communities.csv");
    assert_eq!(csv.matches(",Iraq,IRQ,").count(), 2, "{csv}");
}

#[test]
fn a_french_site_shows_countries_in_french_whatever_language_they_are_written_in() {
    let dir = built_site(
        "fr",
        &[
            ("fes-medina", "country: Marruecos\nlocation: { lat: 34.06, lon: -4.97 }"),
            ("tiznit", "country: Morocco\nlocation: { lat: 29.70, lon: -9.73 }"),
        ],
    );
    std::fs::write(
        dir.join("content/about.md"),
        "---\ntitle: À propos\nstatus: published\n---\n\nVoir [le Maroc](country:maroc).\n",
    )
    .unwrap();
    let build = run(&dir, &["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let country = page(&dir, "countries/morocco.html");
    assert!(country.contains(">Maroc</h1>"), "heading:\n{country}");
    assert!(country.contains("fes-medina") && country.contains("tiznit"), "both profiles on one page");
    assert_eq!(map_names(&country), ["Maroc"], "the map's label");
    let profile = page(&dir, "communities/fes-medina.html");
    assert!(profile.contains("countries/morocco.html\">Maroc</a>"), "key facts:\n{profile}");
    for path in ["countries/morocco.html", "communities/fes-medina.html", "communities/tiznit.html"] {
        let html = page(&dir, path);
        assert!(!html.contains("Morocco") && !html.contains("Marruecos"), "{path}:\n{html}");
    }
    // A `country:` link finds the country by its name in any language.
    assert!(page(&dir, "about.html").contains("href=\"countries/morocco.html\""), "the country: link");
    // The English name stays in the exports.
    assert_eq!(page(&dir, "data/communities.csv").matches(",Morocco,MAR,").count(), 2);
}

#[test]
fn a_french_page_of_an_english_site_shows_the_french_name_and_the_english_page_is_as_written() {
    let dir = built_site("en", &[("tiznit", "country: Morocco\nlocation: { lat: 29.70, lon: -9.73 }")]);
    let config = std::fs::read_to_string(dir.join("fieldbook.toml")).unwrap();
    std::fs::write(dir.join("fieldbook.toml"), format!("languages = [\"en\", \"fr\"]\n{config}")).unwrap();
    std::fs::write(dir.join("content/communities/tiznit.fr.md"), "---\ntitle: Tiznit\n---\n\nTexte.\n").unwrap();
    let build = run(&dir, &["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let french = page(&dir, "fr/communities/tiznit.html");
    assert!(french.contains("countries/morocco.html\">Maroc</a>"), "key facts:\n{french}");
    let english = page(&dir, "communities/tiznit.html");
    assert!(english.contains("countries/morocco.html\">Morocco</a>"), "key facts:\n{english}");
}

/// The names of the maps of `html` (their `<title>`s).
fn map_titles(html: &str) -> Vec<String> {
    html.split("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map")
        .skip(1)
        .filter_map(|svg| svg.split("-title\">").nth(1)?.split("</title>").next().map(str::to_string))
        .collect()
}

#[test]
fn a_region_written_as_the_country_is_drawn_and_grouped_by_its_country_code() {
    let dir = built_named(
        "countries-region-ar",
        "ar",
        &[
            ("erbil", "country: Kurdistan\ncountry_code: IRQ\nlocation: { lat: 36.19, lon: 44.01 }"),
            ("mosul", "country: Iraq\nlocation: { lat: 36.34, lon: 43.13 }"),
            ("duhok", "country: IRQ\nlocation: { lat: 36.87, lon: 42.99 }"),
        ],
    );
    // A case study that names the region is in that country too.
    std::fs::write(
        dir.join("content/case-studies/erbil-workshop.md"),
        "---\ntitle: ورشة أربيل\nstatus: published\ncountry: Kurdistan\ndate: 2026-03-14\n---\n\nنص.\n",
    )
    .unwrap();
    let build = run(&dir, &["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    // One country page, named by the country's name, holding the region's profile and case
    // study; no page for the region.
    let countries = page(&dir, "countries/index.html");
    assert_eq!(countries.matches("countries/iraq.html").count(), 1, "{countries}");
    assert!(!countries.contains("kurdistan") && !countries.contains("Kurdistan"), "{countries}");
    assert!(!dir.join("site/countries/kurdistan.html").exists() && !dir.join("site/countries/irq.html").exists());
    let country = page(&dir, "countries/iraq.html");
    for doc in ["communities/erbil.html", "communities/mosul.html", "communities/duhok.html", "erbil-workshop.html"] {
        assert!(country.contains(doc), "{doc} is not on the country's page:\n{country}");
    }
    // The country's map is the country's, every community on its outline.
    assert_eq!(map_titles(&country), ["المجتمعات المحلية في العراق"], "{country}");
    assert_eq!(map_names(&country), ["العراق"]);
    // The region's locator is drawn on Iraq's outline, beside the other communities of Iraq.
    let erbil = page(&dir, "communities/erbil.html");
    assert_eq!(map_names(&erbil), ["العراق"], "the locator's outline");
    assert!(erbil.contains("countries/iraq.html\">Kurdistan</a>"), "key facts: as written, linked to Iraq's page");
    assert!(erbil.contains("mosul.html") && erbil.contains("duhok.html"), "its neighbours in Iraq");
    // A country written as its code is the country, named in the page's language.
    let duhok = page(&dir, "communities/duhok.html");
    assert!(duhok.contains("countries/iraq.html\">العراق</a>"), "{duhok}");
    let csv = page(&dir, "data/communities.csv");
    assert!(csv.contains(",Kurdistan,IRQ,") && csv.matches(",Iraq,IRQ,").count() == 2, "{csv}");
}

#[test]
fn a_region_alone_has_its_page_and_its_country_outline() {
    let dir = built_named(
        "countries-region-alone-en",
        "en",
        &[("erbil", "country: Kurdistan\ncountry_code: IRQ\nlocation: { lat: 36.19, lon: 44.01 }")],
    );
    let country = page(&dir, "countries/kurdistan.html");
    assert!(country.contains("communities/erbil.html"), "{country}");
    assert_eq!(map_names(&country), ["Iraq"], "the country page's outline");
    assert_eq!(map_names(&page(&dir, "communities/erbil.html")), ["Iraq"], "the locator's outline");
}
