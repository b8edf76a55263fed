//! Multilingual sites: translations beside their originals (`page.fr.md`), published under
//! their language's folder, linked both ways, counted once, checked against their originals,
//! found by search in the reader's language; Arabic pages right to left.

use std::path::{Path, PathBuf};

use crate::browser::{Chromium, Driver};
use crate::html::{copy_site, files, link_problems, parse};
use crate::support::{assert_matches_file, fixture, run};

pub(crate) fn built(name: &str, args: &[&str]) -> PathBuf {
    let root = copy_site(&fixture("translations/site"), name);
    let mut all = vec!["build"];
    all.extend(args);
    let result = run(&root, &all);
    assert_eq!(result.code, 0, "build failed:\n{}", result.stderr);
    root.join("site")
}

/// A copy of the project's example site, built: its folder.
pub(crate) fn built_example(name: &str) -> PathBuf {
    let root = copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), name);
    let result = run(&root, &["build"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    root
}

/// Replace `from` by `to` in the file at `path`, which must hold it.
pub(crate) fn edit_file(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    std::fs::write(path, text.replace(from, to)).unwrap();
}

pub(crate) fn read(site: &Path, path: &str) -> String {
    std::fs::read_to_string(site.join(path)).unwrap_or_else(|_| panic!("{path} was not written"))
}

/// The `href` of every `<link rel="alternate" hreflang>` of a page, by language.
fn alternates(html: &str) -> Vec<(String, String)> {
    let (elements, _) = parse(html);
    elements
        .iter()
        .filter(|e| e.name == "link" && e.attrs.get("rel").is_some_and(|r| r == "alternate"))
        .filter_map(|e| Some((e.attrs.get("hreflang")?.clone(), e.attrs.get("href")?.clone())))
        .collect()
}

/// The links of the language switcher: (language, href), the current page as an empty href.
pub(crate) fn switcher(html: &str) -> Vec<(String, String)> {
    let nav = &html[html.find("<nav class=\"languages\"").expect("no language switcher")..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    let (elements, _) = parse(nav);
    elements
        .iter()
        .filter(|e| e.name == "a" || (e.name == "span" && e.attrs.contains_key("aria-current")))
        .map(|e| (e.attrs["lang"].clone(), e.attrs.get("href").cloned().unwrap_or_default()))
        .collect()
}

#[test]
fn a_translation_pair_links_both_ways_and_every_link_works() {
    let site = built("translations-pair", &[]);
    let original = read(&site, "communities/river-town.html");
    let french = read(&site, "fr/communities/river-town.html");
    assert!(original.contains("<html lang=\"en\" dir=\"ltr\">"));
    assert!(french.contains("<html lang=\"fr\" dir=\"ltr\">"), "the translation declares its language");
    let both = |en: &str, fr: &str| vec![("en".to_string(), en.to_string()), ("fr".to_string(), fr.to_string())];
    assert_eq!(alternates(&original), both("../communities/river-town.html", "../fr/communities/river-town.html"));
    assert_eq!(alternates(&french), both("../../communities/river-town.html", "../../fr/communities/river-town.html"));
    assert_eq!(switcher(&original), both("", "../fr/communities/river-town.html"));
    assert_eq!(switcher(&french), both("../../communities/river-town.html", ""));
    // A page in one language has neither (the 404 page is the site's, once).
    let alone = read(&site, "404.html");
    assert!(alternates(&alone).is_empty() && !alone.contains("class=\"languages\""));
    // Every link of every page, under fr/ and ar/ too, leads to a file of the site.
    let problems = link_problems(&site);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn pages_in_a_language_show_the_site_s_title_and_description_in_it() {
    let site = built("translations-site-title", &[]);
    let head = |html: &str| {
        let title = html.split("<title>").nth(1).and_then(|t| t.split("</title>").next()).unwrap_or_default();
        let header = html.split("class=\"site-title\"").nth(1).and_then(|t| t.split('<').next()).unwrap_or_default();
        let description = html.split("name=\"description\" content=\"").nth(1).and_then(|t| t.split('"').next());
        (title.to_string(), header.to_string(), description.map(str::to_string))
    };
    // `[translation.fr]` gives the French pages their title and description.
    let (title, header, description) = head(&read(&site, "fr/communities/river-town.html"));
    assert!(title.ends_with(" · Fixture des traductions"), "{title}");
    assert!(header.ends_with(">Fixture des traductions"), "{header}");
    assert_eq!(description.as_deref(), Some("Un site d&#39;essai en trois langues."));
    // The English pages keep the site's own; the Arabic ones, which have no table, too.
    for path in ["communities/river-town.html", "ar/guidance/housing.html"] {
        let (title, header, description) = head(&read(&site, path));
        assert!(
            title.ends_with(" · Translations fixture") && header.ends_with(">Translations fixture"),
            "{path}: {title}"
        );
        assert_eq!(description, None, "{path}");
    }
}

#[test]
fn a_translation_shows_its_original_s_data_and_links_within_its_language() {
    let site = built("translations-data", &[]);
    let french = read(&site, "fr/communities/river-town.html");
    // The figures are the original's; the words of the entry the translation gives are its own.
    assert!(french.contains("État civil"), "the translated source");
    assert!(french.contains("12,5"), "the original's figure, as French writes it");
    assert!(french.contains("Revue documentaire"), "the original's method, which the translation leaves out");
    assert!(french.contains("Trente personnes de retour"), "the translated evidence");
    // A link to a page translated into French leads to the translation; to one that is not,
    // to the page in the default language.
    let (elements, _) = parse(&french);
    let hrefs: Vec<&str> = elements.iter().filter_map(|e| e.attrs.get("href")).map(String::as_str).collect();
    assert!(hrefs.contains(&"../projects/oil-press.html"), "{hrefs:?}");
    assert!(hrefs.contains(&"../../guidance/housing.html"), "{hrefs:?}");
    // The translation lists its original's backlinks: the project that refers to the
    // community, in its French translation.
    assert!(french.contains("href=\"../../fr/projects/oil-press.html\">Le pressoir</a>"), "the original's backlinks");
}

/// The row of indicator `id` in a profile page's tables.
fn indicator_row<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html.find(&format!("indicators/{id}.html\">")).unwrap_or_else(|| panic!("no row for {id}"));
    let row = &html[start..];
    &row[..row.find("</tr>").unwrap()]
}

/// A translation's entry that gives only its words (`source`) is valid, and its page shows the
/// original's figures (value, disaggregation, `n`, date, method) with the translation's
/// source; what it leaves out (the notes) is the original's. A list's value is words: the
/// translation's own.
#[test]
fn an_entry_with_only_its_words_shows_the_original_s_figures() {
    let root = copy_site(&fixture("translations/site"), "translations-words-only");
    let checked = run(&root, &["check"]);
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    assert!(!checked.stderr.contains("error["), "{}", checked.stderr);
    let built = run(&root, &["build"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let site = root.join("site");
    let french = read(&site, "fr/communities/river-town.html");
    let row = indicator_row(&french, "access-to-services");
    for shown in [
        "61\u{202f}%",
        "rapatriés 48\u{202f}%",
        "Enquête auprès des ménages",
        "Enquête individuelle",
        "30 avril 2026",
        "n = 140",
        "Returnee families wait longer.",
    ] {
        assert!(row.contains(shown), "{shown} missing from the French row:\n{row}");
    }
    assert!(!row.contains("Household survey"), "{row}");
    let languages = indicator_row(&french, "languages-spoken");
    assert!(languages.contains("wolof, français"), "{languages}");
    // The original is as it was.
    let english = read(&site, "communities/river-town.html");
    let row = indicator_row(&english, "access-to-services");
    assert!(row.contains("Household survey") && row.contains("61%") && row.contains("n = 140"), "{row}");
    assert!(!row.contains("Enquête"), "{row}");
    assert!(indicator_row(&english, "languages-spoken").contains("Wolof, French"));
}

/// The cards of a translated page (pages that refer to it, a guidance page's projects) are in
/// the page's language: each linked page's translation into it when there is one, its title,
/// summary and address, with labels in the page's language; a page with no translation is
/// listed as written, marked with its language.
#[test]
fn cards_on_a_translated_page_show_the_linked_pages_in_its_language() {
    let root = copy_site(&fixture("translations/site"), "translations-cards");
    let case_study = "---\ntitle: A shared well\nstatus: published\nsummary: Digging a well together.\n\
        country: Senegal\ncommunities: [river-town]\napproaches: [collective-returnee]\n\
        sectors: [infrastructure-and-safety]\ndate: 2026-06-01\n---\nA well.\n";
    std::fs::create_dir_all(root.join("content/case-studies")).unwrap();
    std::fs::write(root.join("content/case-studies/well.md"), case_study).unwrap();
    let summary = "---\ntitle: Le pressoir\nsummary: Un pressoir à huile partagé par le village.\n---\n";
    let french_project = root.join("content/projects/oil-press.fr.md");
    let text = std::fs::read_to_string(&french_project).unwrap();
    std::fs::write(&french_project, text.replacen("---\ntitle: Le pressoir\n---\n", summary, 1)).unwrap();
    let result = run(&root, &["build"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let site = root.join("site");
    let cards = |html: &str| -> Vec<String> {
        html.split("<li class=\"card ").skip(1).map(|c| c[..c.find("</li>").unwrap()].to_string()).collect()
    };

    let french = read(&site, "fr/communities/river-town.html");
    let cards_fr = cards(&french);
    let project = cards_fr.iter().find(|c| c.contains("oil-press")).expect("the project's card");
    assert!(
        project.contains("<a class=\"card-title\" href=\"../../fr/projects/oil-press.html\">Le pressoir</a>"),
        "{project}"
    );
    assert!(project.contains("<span class=\"card-kind\">Projet</span>"), "{project}");
    assert!(
        project.contains("<span class=\"card-summary\">Un pressoir à huile partagé par le village.</span>"),
        "{project}"
    );
    assert!(!project.contains("Oil press") && !project.contains("lang="), "{project}");
    // No French translation: the page as written, its language said, the labels in French.
    let well = cards_fr.iter().find(|c| c.contains("well")).expect("the case study's card");
    assert!(
        well.contains("<a class=\"card-title\" lang=\"en\" href=\"../../case-studies/well.html\">A shared well</a>"),
        "{well}"
    );
    assert!(well.contains("<span class=\"card-summary\" lang=\"en\">Digging a well together.</span>"), "{well}");
    assert!(well.contains("<span class=\"card-kind\">Étude de cas</span>"), "{well}");

    // The French project's facts name its community's French translation too.
    let project = read(&site, "fr/projects/oil-press.html");
    let facts = &project[project.find("<dl").expect("the facts")..];
    let facts = &facts[..facts.find("</dl>").unwrap()];
    assert!(facts.contains("href=\"../../fr/communities/river-town.html\""), "{facts}");

    // The original's cards are as they were: the English pages.
    let english = cards(&read(&site, "communities/river-town.html"));
    let project = english.iter().find(|c| c.contains("oil-press")).unwrap();
    assert!(project.contains("href=\"../projects/oil-press.html\">Oil press</a>"), "{project}");
    assert!(project.contains("<span class=\"card-kind\">Project</span>") && !project.contains("lang="), "{project}");
}

#[test]
fn listings_counts_and_exports_count_a_translated_page_once() {
    let site = built("translations-once", &[]);
    let listing = read(&site, "communities/index.html");
    assert_eq!(listing.matches("href=\"../communities/river-town.html\"").count(), 1, "{listing}");
    assert!(!listing.contains("Ville du Fleuve"));
    let projects = read(&site, "projects/index.html");
    assert!(!projects.contains("Le pressoir"), "a translation is in a listing");
    let export = read(&site, "data/communities.json");
    assert_eq!(export.matches("\"id\":\"river-town\"").count(), 1, "{export}");
    assert!(!export.contains("Ville du Fleuve"));
    let comparison = read(&site, "indicators/migration-rates.html");
    assert!(comparison.contains("River Town"));
    assert!(!comparison.contains("Ville du Fleuve"), "a translation is compared as a second community");
    let home = read(&site, "index.html");
    assert!(!home.contains("Ville du Fleuve"));
}

#[test]
fn a_translation_of_a_confidential_page_is_confidential() {
    let site = built("translations-confidential", &[]);
    assert!(!site.join("fr/communities/hill-village.html").exists());
    for file in files(&site) {
        let text = std::fs::read(site.join(&file)).unwrap();
        assert!(!String::from_utf8_lossy(&text).contains("grenadiers"), "{file} holds the confidential translation");
        assert!(!String::from_utf8_lossy(&text).contains("Village de la Colline"), "{file}");
    }
    // The internal build has it, beside its original.
    let root = copy_site(&fixture("translations/site"), "translations-internal");
    let result = run(&root, &["build", "--include-confidential"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(root.join("site-internal/fr/communities/hill-village.html").exists());
}

#[test]
fn an_arabic_translation_is_laid_out_right_to_left() {
    let site = built("translations-arabic", &[]);
    let arabic = read(&site, "ar/guidance/housing.html");
    assert!(arabic.contains("<html lang=\"ar\" dir=\"rtl\">"));
    // The switcher names each language in itself, in its own direction.
    assert!(arabic.contains("<span lang=\"ar\" dir=\"rtl\" aria-current=\"page\">العربية</span>"), "{arabic}");
    assert!(arabic.contains("hreflang=\"en\" lang=\"en\" dir=\"ltr\">English</a>"));
}

#[test]
fn the_search_index_holds_each_language_of_a_page_with_its_group() {
    let site = built("translations-index", &[]);
    let docs = read(&site, "search/docs-0.js");
    assert!(
        docs.contains(",\"fr\",\"communities/river-town.html\"]"),
        "the translation's row names its language and group: {docs}"
    );
    assert!(docs.contains(",\"en\",\"communities/river-town.html\"]"), "the original's too: {docs}");
    // The handbook's pages are in each language with pages of its own, grouped the same way
    // by their path in the site's language.
    assert!(docs.contains("\"sectors/housing.html\",\"Sector\""), "{docs}");
    assert!(docs.contains(",\"en\",\"sectors/housing.html\"]"), "{docs}");
    assert!(docs.contains("\"fr/sectors/housing.html\",\"Secteur\""), "{docs}");
    assert!(docs.contains(",\"fr\",\"sectors/housing.html\"]"), "{docs}");
    // A page in one language keeps its five fields.
    let root = copy_site(&fixture("translations/site"), "translations-index-one-language");
    edit_file(&root.join("fieldbook.toml"), "languages = [\"en\", \"fr\", \"ar\"]", "languages = [\"en\"]");
    for file in [
        "communities/hill-village.fr.md",
        "communities/river-town.fr.md",
        "projects/oil-press.fr.md",
        "guidance/housing.ar.md",
    ] {
        std::fs::remove_file(root.join("content").join(file)).unwrap();
    }
    let result = run(&root, &["build"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let docs = read(&root.join("site"), "search/docs-0.js");
    let sector_row = &docs[docs.find("\"sectors/housing.html\"").unwrap()..];
    assert!(sector_row[..sector_row.find(']').unwrap()].matches("\",\"").count() == 2, "{sector_row}");
}

#[test]
fn check_reports_each_problem_of_a_translation_at_its_place() {
    let root = fixture("translations/bad");
    let result = run(&root, &["check"]);
    assert_matches_file(&format!("{}[exit: {}]\n", result.stderr, result.code), &root.join("expected.txt"));
    for code in [
        "[translation-without-original]",
        "[translation-language-mismatch]",
        "[translation-language-unknown]",
        "[translation-contradicts]",
        "[missing-field]",
    ] {
        assert!(result.stderr.contains(code), "{code} missing:\n{}", result.stderr);
    }
    assert_eq!(result.code, 1);
}

#[test]
fn search_shows_a_page_once_in_the_reader_s_language_and_folds_arabic() {
    let Some(browser) = Chromium::find() else { return };
    let site = built("translations-search", &[]);
    let page = site.join("search.html");
    // "kumquat" is in the English page and (as "kumquats") in the French one: one result, in
    // the language the reader's browser prefers.
    let french = browser.dom_accepting(&page, "?q=kumquat", "translations-search-fr", "fr,en");
    assert!(french.contains("href=\"fr/communities/river-town.html\""), "{french}");
    assert!(!french.contains("href=\"communities/river-town.html\""), "listed twice:\n{french}");
    let english = browser.dom_accepting(&page, "?q=kumquat", "translations-search-en", "en-GB,en");
    assert!(english.contains("href=\"communities/river-town.html\""), "{english}");
    assert!(!english.contains("href=\"fr/communities/river-town.html\""), "listed twice:\n{english}");
    // A word only the French page has finds it, whatever the reader's language.
    let fleuve = browser.dom_accepting(&page, "?q=fleuve", "translations-search-fleuve", "en");
    assert!(fleuve.contains("href=\"fr/communities/river-town.html\""), "{fleuve}");
    // Without the hamza, الاسكان finds the page titled الإسكان.
    let arabic =
        browser.dom_accepting(&page, "?q=%D8%A7%D9%84%D8%A7%D8%B3%D9%83%D8%A7%D9%86", "translations-search-ar", "ar");
    assert!(arabic.contains("href=\"ar/guidance/housing.html\""), "{arabic}");
    // The French search page, opened by an English browser: its reader chose French, so the
    // French page is listed, and its link leads from fr/ to it.
    let chosen = browser.dom_accepting(&site.join("fr/search.html"), "?q=kumquat", "translations-search-chosen", "en");
    assert!(chosen.contains("href=\"../fr/communities/river-town.html\""), "{chosen}");
    assert!(!chosen.contains("href=\"../communities/river-town.html\""), "listed twice:\n{chosen}");
    // A page the French search has no French version of is listed as written, from fr/ too.
    let guidance = browser.dom_accepting(&site.join("fr/search.html"), "?q=housing", "translations-search-other", "en");
    assert!(guidance.contains("href=\"../guidance/housing.html\""), "{guidance}");
    // The handbook's pages are found by their words in each language, once, and lead to the
    // page in the reader's language: "hébergement" is only in the French sector's label.
    let sector =
        browser.dom_accepting(&site.join("fr/search.html"), "?q=hebergement", "translations-search-sector", "en");
    assert!(sector.contains("href=\"../fr/sectors/housing.html\""), "{sector}");
    assert!(!sector.contains("href=\"../sectors/housing.html\""), "listed twice:\n{sector}");
    let english = browser.dom_accepting(&page, "?q=accommodation", "translations-search-sector-en", "en");
    assert!(english.contains("href=\"sectors/housing.html\""), "{english}");
    assert!(!english.contains("href=\"fr/sectors/housing.html\""), "listed twice:\n{english}");
}

#[test]
fn each_language_of_the_site_has_its_home_page_and_its_pages_lead_to_it() {
    let site = built("translations-home-pages", &[]);
    let french = read(&site, "fr/index.html");
    assert!(french.contains("<html lang=\"fr\" dir=\"ltr\">"), "the page speaks French");
    assert!(french.contains("<title>Fixture des traductions</title>"), "its title in French");
    assert!(french.contains("Communautés remplissant chaque critère"), "its headings in French");
    // The latest assessments lead to the profiles' French translations.
    let latest = &french[french.rfind("<table").unwrap()..];
    assert!(latest.contains("href=\"../fr/communities/river-town.html\""), "{latest}");
    assert!(!latest.contains("href=\"../communities/river-town.html\""), "{latest}");
    let arabic = read(&site, "ar/index.html");
    assert!(arabic.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert_eq!(
        switcher(&french),
        vec![
            ("en".to_string(), "../index.html".to_string()),
            ("fr".to_string(), String::new()),
            ("ar".to_string(), "../ar/index.html".to_string()),
        ]
    );
    // A French page's site title and first breadcrumb lead to the French home page; an
    // English page's to the site's.
    let page = read(&site, "fr/communities/river-town.html");
    assert!(page.contains("class=\"site-title\" href=\"../../fr/index.html\""), "{page}");
    assert!(page.contains("<ol><li><a href=\"../../fr/index.html\">Accueil</a></li>"), "{page}");
    let english = read(&site, "communities/river-town.html");
    assert!(english.contains("class=\"site-title\" href=\"../index.html\""));
    assert!(english.contains("<ol><li><a href=\"../index.html\">Home</a></li>"), "{english}");
}

/// The example's Arabic home page: its map's markers and table, and its latest assessments,
/// name each community by its Arabic translation and lead to it.
#[test]
fn a_home_page_in_another_language_maps_the_communities_by_their_translations() {
    let root = built_example("translations-home-map");
    let arabic = read(&root.join("site"), "ar/index.html");
    let map = &arabic[arabic.find("<figure class=\"map-figure\"").expect("a map")..];
    let map = &map[..map.find("</figure>").unwrap()];
    assert!(map.matches("href=\"../ar/communities/ain-lmaati.html\"").count() >= 2, "marker and table row: {map}");
    assert!(!map.contains("href=\"../communities/ain-lmaati.html\""), "{map}");
    assert!(map.contains("عين المعاطي") && !map.contains("Aïn Lmaati"), "{map}");
    // A community with no Arabic translation is named and linked as written.
    assert!(map.contains("href=\"../communities/villa-los-almendros.html\""), "{map}");
    let english = read(&root.join("site"), "index.html");
    assert!(!english.contains("ar/communities/"), "the site's own home page leads to the originals");
}

#[test]
fn each_language_of_the_site_has_its_search_page_and_its_pages_lead_to_it() {
    let site = built("translations-search-pages", &[]);
    let french = read(&site, "fr/search.html");
    assert!(french.contains("<html lang=\"fr\" dir=\"ltr\">"), "the page speaks French");
    assert!(french.contains("<h1>Recherche</h1>"), "{french}");
    assert!(french.contains("data-root=\"../\" data-language-first=\"fr\""), "{french}");
    let arabic = read(&site, "ar/search.html");
    assert!(arabic.contains("<html lang=\"ar\" dir=\"rtl\">"));
    // The site's own search page names no language to put first.
    let english = read(&site, "search.html");
    assert!(english.contains("data-root=\"\"></script>"), "{english}");
    // Each switches to the others, in the order of `languages`.
    let all = |current: &str| {
        ["en", "fr", "ar"]
            .iter()
            .map(|l| {
                let path = if *l == "en" { "search.html".to_string() } else { format!("{l}/search.html") };
                let href = if *l == current {
                    String::new()
                } else if current == "en" {
                    path
                } else {
                    format!("../{path}")
                };
                (l.to_string(), href)
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(switcher(&english), all("en"));
    assert_eq!(switcher(&french), all("fr"));
    // A French page's menu leads to the French search; an English page's to the site's.
    assert!(read(&site, "fr/communities/river-town.html").contains("href=\"../../fr/search.html\""));
    assert!(read(&site, "communities/river-town.html").contains("href=\"../search.html\""));
    let problems = link_problems(&site);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The guide's screenshot (docs/src/arabic.png) is made by hand from the example site, as the
/// README's other one; this test opens the same page and checks what a reader sees: the page
/// runs right to left, its scorecard from the right, and a Latin-script run keeps its order.
#[test]
fn an_arabic_page_reads_right_to_left_in_a_real_browser() {
    let Some(driver) = Driver::start("translations-arabic-page") else { return };
    let root = built_example("translations-arabic-page");
    driver.go(&format!("file://{}", root.join("site/ar/communities/ain-lmaati.html").display()));
    let direction = driver.eval("return getComputedStyle(document.querySelector('main')).direction");
    assert_eq!(direction, "rtl");
    // The title sits at the right edge of the page.
    let title_right = driver.eval(
        "var h = document.querySelector('main h1').getBoundingClientRect(); var m = document.querySelector('main').getBoundingClientRect(); return m.right - h.right < 40",
    );
    assert_eq!(title_right, true, "the title is not at the right");
    // The scorecard's first criterion is drawn at the right of the last.
    let mirrored = driver.eval(
        "var g = document.querySelectorAll('svg[aria-labelledby^=\"scorecard-\"] g rect'); return g.length > 1 && Number(g[0].getAttribute('x')) > Number(g[g.length - 1].getAttribute('x'))",
    );
    assert_eq!(mirrored, true, "the scorecard is not mirrored");
    // The breadcrumbs run from the right: Home is right of the page's own title.
    let crumbs = driver.eval(
        "var li = document.querySelectorAll('.crumbs li'); return li[0].getBoundingClientRect().left > li[li.length - 1].getBoundingClientRect().left",
    );
    assert_eq!(crumbs, true, "the breadcrumbs are not mirrored");
    // The English notice on the Arabic page keeps its full stop at its end (on the right).
    let notice = driver.eval("return getComputedStyle(document.querySelector('.notice')).unicodeBidi");
    assert_eq!(notice, "plaintext");
}

/// The locator map of the built page at `path`, from its opening to its `</svg>`.
fn locator_map(site: &Path, path: &str) -> String {
    let page = read(site, path);
    let start = page.find("class=\"map map-small\"").unwrap_or_else(|| panic!("{path} has no locator map"));
    page[start..start + page[start..].find("</svg>").unwrap()].to_string()
}

#[test]
fn a_translated_profile_shows_its_original_s_locator_map() {
    let root = built_example("translations-locator");
    let site = root.join("site");
    let original = read(&site, "communities/ain-lmaati.html");
    assert!(original.contains("class=\"map map-small\""), "the original has its locator map");
    for translation in ["fr/communities/ain-lmaati.html", "ar/communities/ain-lmaati.html"] {
        let map = locator_map(&site, translation);
        // The original's point and neighbours: the markers link to the other profiles (in the
        // page's language where they are translated into it).
        assert!(map.contains("communities/tizi-nouzrou.html\""), "{translation}: the map links no neighbour:\n{map}");
    }
    // The community is named as its translation names it, on the map as in the page.
    let map = locator_map(&site, "ar/communities/ain-lmaati.html");
    assert!(map.contains("عين المعاطي") && !map.contains("Aïn Lmaati"), "{map}");
    // The parts under a value are isolated on the Arabic page, so "18-34" keeps its order; the
    // English page's are plain.
    let arabic = read(&site, "ar/communities/ain-lmaati.html");
    assert!(arabic.contains("<bdi>18-34</bdi> <bdi>31.5</bdi>"), "the parts are not isolated");
    assert!(!original.contains("<bdi>18-34</bdi>"), "the English page's parts are isolated");
}

/// A translated profile's locator map leads to each neighbour's translation in the page's
/// language, with its title, when there is one (Tizi Nouzrou has an Arabic translation), and to
/// the original otherwise (it has no French one).
#[test]
fn a_translated_locator_map_links_the_neighbours_translations() {
    let root = built_example("translations-locator-neighbours");
    let site = root.join("site");
    let locator = |path: &str| locator_map(&site, path);
    let arabic = locator("ar/communities/ain-lmaati.html");
    assert!(arabic.contains("href=\"../../ar/communities/tizi-nouzrou.html\""), "{arabic}");
    assert!(arabic.contains("تيزي نوزرو") && !arabic.contains("Tizi Nouzrou"), "the translation's title:\n{arabic}");
    assert!(!arabic.contains("href=\"../../communities/tizi-nouzrou.html\""), "{arabic}");
    let french = locator("fr/communities/ain-lmaati.html");
    assert!(french.contains("href=\"../../communities/tizi-nouzrou.html\""), "no French translation:\n{french}");
    assert!(french.contains("Tizi Nouzrou"), "{french}");
    // The original's map links the originals, whatever their translations.
    let original = locator("communities/ain-lmaati.html");
    assert!(original.contains("href=\"../communities/tizi-nouzrou.html\"") && !original.contains("تيزي"), "{original}");
}

#[test]
fn translate_starts_a_translation_that_checks_builds_and_speaks_its_language() {
    let root = copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), "translations-start");
    let result = run(&root, &["translate", "content/communities/canton-el-zapotal.md", "fr"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert_eq!(result.stdout.trim(), "content/communities/canton-el-zapotal.fr.md");
    let text = std::fs::read_to_string(root.join("content/communities/canton-el-zapotal.fr.md")).unwrap();
    // What to do, in French; the title and summary to translate; a draft; no figure repeated.
    assert!(text.starts_with("---\n# Traduction de canton-el-zapotal.md : traduisez le titre"), "{text}");
    assert!(text.contains("\ntitle: Cantón El Zapotal\n"), "{text}");
    assert!(text.contains("\nsummary: "), "{text}");
    assert!(text.contains("\nstatus: draft\n"), "{text}");
    for left_out in ["indicators:", "criteria:", "population:", "country:", "assessed:"] {
        assert!(!text.contains(left_out), "{left_out} repeated:\n{text}");
    }
    // The schema's section headings in French, the text as the original has it.
    assert!(text.contains("\n## Contexte\n"), "{text}");
    assert!(!text.contains("\n## Context\n"), "{text}");
    let original = std::fs::read_to_string(root.join("content/communities/canton-el-zapotal.md")).unwrap();
    let first_paragraph = original.split("\n## Context\n").nth(1).unwrap().trim_start().lines().next().unwrap();
    assert!(text.contains(first_paragraph), "{text}");
    // From TOML frontmatter and by id, into Spanish.
    let result = run(&root, &["translate", "community:ndiebene-plage", "es"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let spanish = std::fs::read_to_string(root.join("content/communities/ndiebene-plage.es.md")).unwrap();
    assert!(spanish.starts_with("---\n# Traducción de ndiebene-plage.md"), "{spanish}");
    assert!(spanish.contains("\n## Contexto\n"), "{spanish}");
    // Both check, stay tidy and are published under their language once drafts are shown.
    let check = run(&root, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(!check.stderr.contains("canton-el-zapotal.fr.md"), "{}", check.stderr);
    assert_eq!(run(&root, &["fmt", "--check"]).code, 0);
    let build = run(&root, &["build", "--drafts"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(root.join("site/fr/communities/canton-el-zapotal.html").is_file());
    assert!(root.join("site/es/communities/ndiebene-plage.html").is_file());
}

#[test]
fn translate_refuses_what_it_cannot_start_and_writes_nothing() {
    let root = copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), "translations-refused");
    let before = files(&root.join("content"));
    let cases = [
        (vec!["community:ain-lmaati", "fr"], "`content/communities/ain-lmaati.fr.md` already exists"),
        (
            vec!["community:canton-el-zapotal", "pt"],
            "`pt` is not one of the site's languages; translate into fr, es, ar",
        ),
        (vec!["community:canton-el-zapotal", "en"], "`en` is the site's own language"),
        (
            vec!["content/communities/ain-lmaati.fr.md", "es"],
            "is the `fr` translation of `ain-lmaati.md`; translate the original",
        ),
        (vec!["community:nowhere", "fr"], "there is no page `content/communities/nowhere.md`"),
        (vec!["place:somewhere", "fr"], "`place:` names no kind of page"),
        (vec!["../fieldbook.toml", "fr"], "`../fieldbook.toml` is not a page in content/"),
        (vec!["community:../../outside", "fr"], "is not a page in content/"),
        (vec!["/etc/hostname", "fr"], "`/etc/hostname` is not a page in content/"),
    ];
    for (args, message) in cases {
        let mut all = vec!["translate"];
        all.extend(args.iter().copied());
        let result = run(&root, &all);
        assert_eq!(result.code, 2, "{args:?}: {}", result.stderr);
        assert!(result.stderr.contains(message), "{args:?}: {}", result.stderr);
    }
    // A page written in French on an English site is not translated into French.
    let page = root.join("content/communities/canton-el-zapotal.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replacen("\ntitle:", "\nlanguage: fr\ntitle:", 1)).unwrap();
    let result = run(&root, &["translate", "community:canton-el-zapotal", "fr"]);
    assert_eq!(result.code, 2, "{}", result.stderr);
    assert!(result.stderr.contains("`canton-el-zapotal.md` is written in `fr` already"), "{}", result.stderr);
    std::fs::write(&page, text).unwrap();
    assert_eq!(files(&root.join("content")), before, "a refused translation wrote something");
    // A site in one language is told how to list its languages.
    let settings = std::fs::read_to_string(root.join("fieldbook.toml")).unwrap();
    let one = settings.lines().filter(|l| !l.starts_with("languages")).collect::<Vec<_>>().join("\n");
    std::fs::write(root.join("fieldbook.toml"), one).unwrap();
    let result = run(&root, &["translate", "community:canton-el-zapotal", "fr"]);
    assert_eq!(result.code, 2, "{}", result.stderr);
    assert!(result.stderr.contains("languages = [\"en\", \"fr\"]"), "{}", result.stderr);
}

#[test]
fn a_translation_updated_before_its_original_is_reported_behind_at_its_updated() {
    let root = copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), "translations-behind");
    let set_updated = |file: &str, date: &str| {
        let path = root.join("content/communities").join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let text = match text.find("\nupdated:") {
            Some(at) => {
                let end = text[at + 1..].find('\n').unwrap() + at + 1;
                format!("{}\nupdated: {date}{}", &text[..at], &text[end..])
            }
            None => text.replacen("\ntitle:", &format!("\nupdated: {date}\ntitle:"), 1),
        };
        std::fs::write(&path, text).unwrap();
    };
    set_updated("ain-lmaati.md", "2026-11-20");
    set_updated("ain-lmaati.fr.md", "2026-10-01");
    let check = run(&root, &["check"]);
    assert_eq!(check.code, 0, "a warning, not an error:\n{}", check.stderr);
    assert!(
        check.stderr.contains(
            "warning[translation-behind]: this translation was updated on 2026-10-01, before its original `ain-lmaati.md` (updated on 2026-11-20)"
        ),
        "{}",
        check.stderr
    );
    assert!(check.stderr.contains("--> content/communities/ain-lmaati.fr.md:4:1"), "{}", check.stderr);
    assert!(check.stderr.contains("set `updated: 2026-11-20` here"), "{}", check.stderr);
    // The Arabic translation gives no `updated`: nothing to compare.
    assert!(!check.stderr.contains("ain-lmaati.ar.md"), "{}", check.stderr);
    // Brought level, it is no longer behind; a translation started now begins level.
    set_updated("ain-lmaati.fr.md", "2026-11-20");
    assert!(!run(&root, &["check"]).stderr.contains("translation-behind"));
    std::fs::remove_file(root.join("content/communities/ain-lmaati.fr.md")).unwrap();
    assert_eq!(run(&root, &["translate", "community:ain-lmaati", "fr"]).code, 0);
    let started = std::fs::read_to_string(root.join("content/communities/ain-lmaati.fr.md")).unwrap();
    assert!(started.contains("\nupdated: 2026-11-20\n"), "{started}");
    assert!(!run(&root, &["check"]).stderr.contains("translation-behind"));
}

#[test]
fn translate_missing_starts_every_published_page_that_has_no_translation_in_the_language() {
    let root = copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), "translations-missing");
    let before = files(&root.join("content"));
    let refused = run(&root, &["translate", "--missing", "pt"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert_eq!(files(&root.join("content")), before, "a refused language started something");
    let result = run(&root, &["translate", "--missing", "es"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let created: Vec<&str> = result.stdout.lines().filter_map(|l| l.strip_prefix("created ")).collect();
    for expected in
        ["content/communities/canton-el-zapotal.es.md", "content/guidance/advocacy.es.md", "content/about.es.md"]
    {
        assert!(created.contains(&expected), "{expected} not started:\n{}", result.stdout);
    }
    // Its Spanish translation exists; a draft and a confidential page are not started.
    for left_out in ["villa-los-almendros.es.md", "keur-ndiaye-lo.es.md", "hay-ennakhil-sud.es.md"] {
        assert!(!result.stdout.contains(left_out), "{left_out}:\n{}", result.stdout);
        assert!(!created.iter().any(|c| c.ends_with(left_out)));
    }
    assert!(created.iter().all(|c| root.join(c).is_file()));
    assert!(created.iter().all(|c| c.ends_with(".es.md")));
    assert_eq!(run(&root, &["check"]).code, 0);
    // Nothing is left to start.
    let again = run(&root, &["translate", "--missing", "es"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(again.stdout, "", "{}", again.stdout);
}

/// A translation shows its original's values of the site's own fields (the example's donor and
/// budget of a project), in its language's way of writing numbers, unless it gives its own.
#[test]
fn a_translation_shows_its_original_s_values_of_the_site_s_own_fields() {
    let root = copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), "translations-site-fields");
    let original = "content/projects/ain-lmaati-boat-repair-cooperative.md";
    assert_eq!(run(&root, &["translate", original, "fr"]).code, 0);
    let build = run(&root, &["build", "--drafts"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let french = read(&root.join("site"), "fr/projects/ain-lmaati-boat-repair-cooperative.html");
    assert!(french.contains("<dt>Budget (milliers USD)</dt><dd>186,5</dd>"), "{french}");
    assert!(
        french.contains("<dt>Bailleur de fonds</dt><dd>Mediterranean Coastal Livelihoods Fund (illustrative)</dd>"),
        "{french}"
    );
    // What the translation gives is its own.
    let translation = root.join("content/projects/ain-lmaati-boat-repair-cooperative.fr.md");
    edit_file(&translation, "status: draft\n", "status: draft\ndonor: Fonds pour les moyens de subsistance côtiers\n");
    assert_eq!(run(&root, &["build", "--drafts"]).code, 0);
    let french = read(&root.join("site"), "fr/projects/ain-lmaati-boat-repair-cooperative.html");
    assert!(french.contains("<dd>Fonds pour les moyens de subsistance côtiers</dd>"), "{french}");
    assert!(french.contains("<dd>186,5</dd>") && !french.contains("Mediterranean Coastal"), "{french}");
    // A number is the same in every language: repeated, it must agree, however it is written.
    edit_file(&translation, "status: draft\n", "status: draft\nbudget_kusd: 186.50\n");
    let check = run(&root, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(!check.stderr.contains("translation-contradicts"), "{}", check.stderr);
    edit_file(&translation, "budget_kusd: 186.50\n", "budget_kusd: 190\n");
    let check = run(&root, &["check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(
        check.stderr.contains(
            "error[translation-contradicts]: `budget_kusd` is `190` here but `186.5` in `ain-lmaati-boat-repair-cooperative.md`"
        ),
        "{}",
        check.stderr
    );
    assert!(check.stderr.contains("ain-lmaati-boat-repair-cooperative.fr.md:7:14"), "{}", check.stderr);
    // Nor does it give a figure its original does not.
    edit_file(&translation, "budget_kusd: 190\n", "budget_kusd: 186.5\n");
    let original = root.join(original);
    edit_file(&original, "budget_kusd: 186.5\n", "");
    let check = run(&root, &["check"]);
    assert!(
        check.stderr.contains(
            "error[translation-contradicts]: `budget_kusd` is `186.5` here but not given in `ain-lmaati-boat-repair-cooperative.md`"
        ),
        "{}",
        check.stderr
    );
}

/// Each language with a folder has its own feed: its title, the communities' translations into
/// it (an untranslated one as written, marked with its language), addresses that work from its
/// folder; its pages name it in their head.
#[test]
fn each_language_of_the_site_has_its_feed_of_its_versions() {
    let site = built("translations-feeds", &[]);
    let english = read(&site, "feed.xml");
    assert!(english.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">"), "{english}");
    assert!(english.contains("<entry>\n<title>River Town</title>"), "{english}");
    let french = read(&site, "fr/feed.xml");
    assert!(french.contains("xml:lang=\"fr\">\n<title>Fixture des traductions</title>"), "{french}");
    assert!(french.contains("<link rel=\"self\" href=\"../fr/feed.xml\"/>"), "{french}");
    assert!(french.contains("<entry>\n<title>Ville du Fleuve</title>"), "{french}");
    assert!(french.contains("<link href=\"../fr/communities/river-town.html\"/>"), "{french}");
    assert!(french.contains("<summary>Une ville de marché"), "{french}");
    // River Town has no Arabic translation: the Arabic feed lists it as written, in English.
    let arabic = read(&site, "ar/feed.xml");
    assert!(arabic.contains("<entry xml:lang=\"en\">\n<title>River Town</title>"), "{arabic}");
    assert!(arabic.contains("<link href=\"../communities/river-town.html\"/>"), "{arabic}");
    let feed_link = |path: &str| {
        let page = read(&site, path);
        let at = page.find("type=\"application/atom+xml\"").unwrap();
        page[at..].split("href=\"").nth(1).unwrap().split('"').next().unwrap().to_string()
    };
    assert_eq!(feed_link("fr/communities/river-town.html"), "../../fr/feed.xml");
    assert_eq!(feed_link("fr/index.html"), "../fr/feed.xml");
    assert_eq!(feed_link("communities/river-town.html"), "../feed.xml");
    // With an address, every link is absolute.
    let site = built("translations-feeds-addressed", &["--base-url", "https://example.org/returns/"]);
    let french = read(&site, "fr/feed.xml");
    assert!(french.contains("<id>https://example.org/returns/fr/feed.xml</id>"), "{french}");
    assert!(french.contains("<link href=\"https://example.org/returns/fr/communities/river-town.html\"/>"), "{french}");
}
