//! The site's own pages in each of its other languages: listings, countries, indicators,
//! criteria and the rest in the folder of each language a page is translated into (see the
//! guide's page Translations, "Where the pages are published").

use crate::html::{copy_site, link_problems};
use crate::support::{fixture, run};
use crate::translations::{built, built_example, read, switcher};

/// Each of the site's other languages has the whole site in its folder: listings, countries,
/// indicators, criteria and the rest, in that language, each page they list by its translation
/// into it when there is one, and every page in the language leading to the others in it.
#[test]
fn each_language_of_the_site_has_the_whole_site_in_its_folder() {
    let site = built("translations-sections", &[]);
    let listing = read(&site, "fr/communities/index.html");
    assert!(listing.contains("<html lang=\"fr\" dir=\"ltr\">"), "the listing speaks French");
    assert!(listing.contains("<h1>Communautés</h1>"), "{listing}");
    assert!(listing.contains("href=\"../../fr/communities/river-town.html\">Ville du Fleuve</a>"), "{listing}");
    assert!(listing.contains("href=\"../../fr/countries/senegal.html\">Sénégal</a>"), "{listing}");
    assert_eq!(
        switcher(&listing),
        vec![
            ("en".to_string(), "../../communities/index.html".to_string()),
            ("fr".to_string(), String::new()),
            ("ar".to_string(), "../../ar/communities/index.html".to_string()),
        ]
    );
    // The site's own listing switches to the others too, and keeps its originals.
    let english = read(&site, "communities/index.html");
    assert_eq!(switcher(&english)[1], ("fr".to_string(), "../fr/communities/index.html".to_string()));
    assert!(english.contains("href=\"../communities/river-town.html\">River Town</a>"), "{english}");
    // A country's page, the indicators and the criteria, in French.
    let country = read(&site, "fr/countries/senegal.html");
    assert!(country.contains("<h1>Sénégal</h1>") && country.contains("../../fr/communities/river-town.html"));
    assert!(read(&site, "fr/indicators/index.html").contains("<h1>Indicateurs</h1>"));
    let criteria = read(&site, "fr/criteria/index.html");
    assert!(criteria.contains("Ville du Fleuve") && !criteria.contains("River Town"), "{criteria}");
    // The data page leads to the one set of exports.
    assert!(read(&site, "fr/data/index.html").contains("href=\"../../data/communities.csv\""));
    // A page with no Arabic translation is listed as written, marked with its language.
    let projects = read(&site, "ar/projects/index.html");
    assert!(projects.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(projects.contains("lang=\"en\" href=\"../../projects/oil-press.html\">Oil press</a>"), "{projects}");
    assert!(
        read(&site, "fr/projects/index.html").contains("href=\"../../fr/projects/oil-press.html\">Le pressoir</a>")
    );
    // A French translation leads to the French pages: its menu, its country, its search box.
    let page = read(&site, "fr/communities/river-town.html");
    for href in ["../../fr/communities/index.html", "../../fr/countries/senegal.html", "../../fr/indicators/index.html"]
    {
        assert!(page.contains(&format!("href=\"{href}\"")), "{href}: {page}");
    }
    assert!(page.contains("action=\"../../fr/search.html\""), "{page}");
    // So does a link its text writes to one of the handbook's pages (from fr/communities/).
    assert!(page.contains("<a href=\"../indicators/access-to-services.html\">accès aux services</a>"), "{page}");
    let original = read(&site, "communities/river-town.html");
    assert!(original.contains("href=\"../countries/senegal.html\"") && !original.contains("fr/countries"));
    // The 404 page is the site's, once.
    assert!(!site.join("fr/404.html").exists());
    let problems = link_problems(&site);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A language the site lists with nothing translated into it has no folder, and nothing leads
/// there.
#[test]
fn a_language_with_no_translation_has_no_pages() {
    let root = copy_site(&fixture("translations/site"), "translations-no-arabic");
    std::fs::remove_file(root.join("content/guidance/housing.ar.md")).unwrap();
    let result = run(&root, &["build"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let site = root.join("site");
    assert!(site.join("fr/communities/index.html").exists());
    assert!(!site.join("ar").exists(), "no Arabic folder");
    let listing = read(&site, "fr/communities/index.html");
    assert_eq!(switcher(&listing).iter().map(|(l, _)| l.as_str()).collect::<Vec<_>>(), ["en", "fr"]);
    assert!(link_problems(&site).is_empty());
}

/// The example site's About page is translated into French: every French page's footer leads
/// to it by its French title, and its links to the handbook's pages lead to the French ones;
/// a Spanish page, with no Spanish About page, leads to the site's.
#[test]
fn the_example_s_about_page_in_french_is_the_one_french_pages_lead_to() {
    let site = built_example("language-folders-about").join("site");
    let french = read(&site, "fr/indicators/index.html");
    assert!(french.contains("<a href=\"../../fr/about.html\">À propos de ce site d&#39;exemple</a>"), "{french}");
    let spanish = read(&site, "es/indicators/index.html");
    assert!(spanish.contains("<a href=\"../../about.html\">About this example site</a>"), "{spanish}");
    let about = read(&site, "fr/about.html");
    assert!(about.contains("href=\"indicators/access-to-services.html\""), "from fr/, the French comparison: {about}");
    assert!(about.contains("href=\"communities/ain-lmaati.html\""), "the French profile: {about}");
    assert!(about.contains("href=\"../communities/ndiebene-plage.html\""), "a profile with no French page: {about}");
}
