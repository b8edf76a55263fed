//! Search, data exports, charts, feed and sitemap: what issue "offline search, data exports
//! and pictures" asks of the built site.

use std::path::{Path, PathBuf};

use crate::browser::Chromium;
use crate::html::{copy_site, files};
use crate::support::{fixture, run};

fn built(from: &Path, name: &str, args: &[&str]) -> PathBuf {
    let root = copy_site(from, name);
    let mut all = vec!["build"];
    all.extend(args);
    let result = run(&root, &all);
    assert_eq!(result.code, 0, "build failed:\n{}", result.stderr);
    root.join("site")
}

fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn search_index_text(site: &Path) -> String {
    files(site)
        .iter()
        .filter(|f| f.starts_with("search/"))
        .map(|f| std::fs::read_to_string(site.join(f)).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn search_index_holds_published_words_and_no_draft_words() {
    let site = built(&fixture("build/basic"), "outputs-index", &[]);
    let index = search_index_text(&site);
    assert!(index.contains("\"kumquat\""), "a word of a published page is missing from the index");
    assert!(index.contains("\"riverside\""), "a tag is missing from the index");
    assert!(!index.contains("zanzibarian"), "a word of a draft is in the index");
    assert!(!index.contains("Hill Village"), "a draft's title is in the index");
    // With --drafts, the draft is searchable.
    let site = built(&fixture("build/basic"), "outputs-index-drafts", &["--drafts"]);
    assert!(search_index_text(&site).contains("\"zanzibarian\""));
}

#[test]
fn search_works_from_disk_in_a_real_browser() {
    let Some(browser) = Chromium::find() else { return };
    let site = built(&example(), "outputs-browser-search", &[]);
    let page = site.join("search.html");
    // Accents and case: "tetouan" finds the profile in Tanger-Tétouan-Al Hoceïma.
    let dom = browser.dom(&page, "?q=tetouan", "search-1");
    assert!(dom.contains("href=\"communities/ain-lmaati.html\""), "tetouan did not find Aïn Lmaati:\n{dom}");
    // Several words, all required; the last one also as a prefix.
    let dom = browser.dom(&page, "?q=housing%20landl", "search-2");
    assert!(dom.contains("href=\"guidance/housing.html\""), "{dom}");
    assert!(dom.contains("<mark>"), "matching words are highlighted");
    // Nothing from a draft or a confidential profile.
    let dom = browser.dom(&page, "?q=keur%20ndiaye", "search-3");
    assert!(!dom.contains("keur-ndiaye-lo"), "a draft is found by search");
    assert!(dom.contains("Nothing found"), "{dom}");
}

/// A country's page is found by its name in any of the four languages, and a tag's by the
/// tag, each in a group of its own; a French reader is led to the French page.
#[test]
fn search_finds_a_countrys_and_a_tags_page() {
    let site = built(&example(), "outputs-search-places", &[]);
    let index = search_index_text(&site);
    assert!(index.contains("countries/senegal.html") && index.contains("tags/fishing.html"), "{index}");
    let Some(browser) = Chromium::find() else { return };
    // `Sénégal`, as the French table names it, finds the page on an English site.
    let dom = browser.dom(&site.join("search.html"), "?q=s%C3%A9n%C3%A9gal", "search-places-1");
    assert!(dom.contains("href=\"countries/senegal.html\""), "{dom}");
    assert!(dom.contains("<h2>Countries <span class=\"count\">1</span></h2>"), "{dom}");
    let dom = browser.dom(&site.join("search.html"), "?q=fishing", "search-places-2");
    assert!(dom.contains("href=\"tags/fishing.html\""), "{dom}");
    assert!(dom.contains("<h2>Tags "), "{dom}");
    // In French, `Senegal` finds the French page, named in French.
    let dom = browser.dom(&site.join("fr/search.html"), "?q=senegal", "search-places-3");
    assert!(dom.contains("href=\"../fr/countries/senegal.html\""), "{dom}");
    assert!(dom.contains(">Sénégal</a>") || dom.contains("Sénégal</mark>"), "{dom}");
    assert!(dom.contains("<h2>Pays "), "{dom}");
}

/// The text of the element with id `id` in a dumped DOM.
fn text_of(dom: &str, id: &str) -> String {
    let start = dom.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no #{id}:\n{dom}"));
    let open = dom[start..].find('>').unwrap() + start + 1;
    let close = dom[open..].find('<').unwrap() + open;
    dom[open..close].to_string()
}

#[test]
fn search_shows_how_many_pages_match_when_it_lists_only_the_best() {
    let Some(browser) = Chromium::find() else { return };
    // 1,200 plain pages with the word "kumquat", a quarter of them "ripe" too.
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("outputs-search-many");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("fieldbook.toml"), "title = \"Many pages\"\n").unwrap();
    for n in 0..1200 {
        let ripe = if n % 4 == 0 { " The fruit is ripe." } else { "" };
        let page = format!("---\ntitle: Orchard {n}\nstatus: published\n---\nA kumquat tree, number {n}.{ripe}\n");
        std::fs::write(root.join(format!("content/orchard-{n}.md")), page).unwrap();
    }
    let result = run(&root, &["build"]);
    assert_eq!(result.code, 0, "build failed:\n{}", result.stderr);
    let page = root.join("site/search.html");

    let dom = browser.dom(&page, "?q=kumquat", "search-many-1");
    assert_eq!(text_of(&dom, "search-status"), "1,200 results, showing the first 500");
    // The first 500 are listed, 20 at a time.
    assert!(dom.contains("<span class=\"count\">500</span>"), "{dom}");
    let listed = &dom[dom.find("id=\"search-results\"").unwrap()..];
    assert_eq!(listed.matches("<li dir=\"auto\">").count(), 20, "{listed}");
    assert!(dom.contains("Show more (480)"), "{dom}");
    // Under the limit, the count alone.
    let dom = browser.dom(&page, "?q=kumquat%20ripe", "search-many-2");
    assert_eq!(text_of(&dom, "search-status"), "300 results");
    let dom = browser.dom(&page, "?q=kumquat%20ripe%20orchard%20100%20", "search-many-3");
    assert_eq!(text_of(&dom, "search-status"), "1 result");
}

#[test]
fn indicators_csv_round_trips_with_its_hxl_row() {
    let site = built(&example(), "outputs-csv", &[]);
    let bytes = std::fs::read(site.join("data/indicators.csv")).unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "no UTF-8 byte-order mark");
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "community_id");
    let mut records = reader.records();
    let hxl = records.next().unwrap().unwrap();
    assert_eq!(hxl.len(), headers.len());
    assert!(hxl.iter().all(|tag| tag.starts_with('#')), "the second row is all HXL hashtags: {hxl:?}");
    let position = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let mut rows = 0;
    let mut saw_accent = false;
    let mut saw_masked = false;
    let mut saw_yes_no = false;
    for record in records {
        let record = record.unwrap();
        assert_eq!(record.len(), headers.len());
        rows += 1;
        saw_accent |= record[position("community")].contains('ï');
        saw_masked |= &record[position("value_text")] == "<5";
        if &record[position("indicator_id")] == "reception-centre" {
            // A yes or no is no number: in value_text alone, never a 1 or 0 to add up.
            assert!(matches!(&record[position("value_text")], "Yes" | "No"), "{record:?}");
            assert_eq!(&record[position("value")], "", "{record:?}");
            saw_yes_no = true;
        }
        assert_ne!(&record[position("indicator_id")], "social-inclusion", "a sensitive indicator is exported");
        assert!(!record[position("community_id")].is_empty());
    }
    assert!(rows > 100, "only {rows} rows");
    assert!(saw_accent, "accented names were not kept");
    assert!(saw_masked, "small counts are masked as <5");
    assert!(saw_yes_no, "no yes/no indicator in the example's export");

    let bytes = std::fs::read(site.join("data/criteria.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    assert_eq!(
        reader.records().count(),
        1 + 6 * 7,
        "the HXL row, then 7 criteria for each of the 6 published profiles"
    );
}

#[test]
fn communities_json_validates_against_schema_json() {
    let site = built(&example(), "outputs-json", &[]);
    let read = |path: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(site.join(path)).unwrap()).unwrap()
    };
    let schema = read("data/schema.json");
    let data = read("data/communities.json");
    let indicators: std::collections::HashMap<&str, &serde_json::Value> =
        schema["indicators"].as_array().unwrap().iter().map(|i| (i["id"].as_str().unwrap(), i)).collect();
    let criteria: Vec<&str> =
        schema["criteria"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    let statuses: Vec<&str> =
        schema["criterion_statuses"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    let questions: Vec<&str> =
        schema["research_questions"].as_array().unwrap().iter().map(|q| q["id"].as_str().unwrap()).collect();
    let methods: Vec<&str> = schema["methods"].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap()).collect();
    let communities = data["communities"].as_array().unwrap();
    assert_eq!(communities.len(), 6, "six published profiles");
    for c in communities {
        let id = c["id"].as_str().unwrap();
        for (indicator, entry) in c["indicators"].as_object().unwrap() {
            let definition =
                indicators.get(indicator.as_str()).unwrap_or_else(|| panic!("{id}: unknown indicator {indicator}"));
            assert_eq!(definition["sensitive"], false, "{id}: sensitive {indicator} exported");
            let value = &entry["value"];
            let kind = definition["kind"].as_str().unwrap();
            let ok = value == "unknown"
                || match kind {
                    "number" | "percent" | "count" | "rating" => value.is_number(),
                    "distribution" => value.is_object(),
                    "list" => value.is_array(),
                    "text" => value.is_string(),
                    "yes-no" => value.is_boolean(),
                    _ => false,
                };
            assert!(ok, "{id}: {indicator} is a {kind} but its value is {value}");
            if let Some(method) = entry["method"].as_str() {
                assert!(methods.contains(&method), "{id}: unknown method {method}");
            }
        }
        for (criterion, entry) in c["criteria"].as_object().unwrap() {
            assert!(criteria.contains(&criterion.as_str()), "{id}: unknown criterion {criterion}");
            assert!(statuses.contains(&entry["status"].as_str().unwrap()), "{id}: bad status");
        }
        for question in c["research"].as_object().unwrap().keys() {
            assert!(questions.contains(&question.as_str()), "{id}: unknown question {question}");
        }
        // Each profile's own file holds the same object.
        let own = read(&format!("data/communities/{id}.json"));
        assert_eq!(&own, c);
        assert!(c.get("contacts").is_none() && c.get("internal_notes").is_none(), "{id}: internal fields exported");
    }
}

#[test]
fn every_chart_is_xml_with_a_title() {
    let site = built(&example(), "outputs-svg", &[]);
    let mut charts = 0;
    for page in files(&site).iter().filter(|f| f.ends_with(".html")) {
        let html = std::fs::read_to_string(site.join(page)).unwrap();
        let mut rest = html.as_str();
        while let Some(start) = rest.find("<svg") {
            let end = rest[start..].find("</svg>").expect("closed svg") + start + "</svg>".len();
            let svg = &rest[start..end];
            let document =
                roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{page}: invalid SVG ({e}):\n{svg}"));
            let title = document.descendants().find(|n| n.has_tag_name("title")).map(|n| n.text().unwrap_or(""));
            assert!(title.is_some_and(|t| !t.is_empty()), "{page}: an SVG without a title");
            // A chart is one image; a map holds links to profiles, so it is a group (an image's
            // children are hidden from assistive technology).
            let is_map = document.root_element().attribute("class").is_some_and(|c| c.split(' ').any(|c| c == "map"));
            let role = if is_map { "group" } else { "img" };
            assert_eq!(document.root_element().attribute("role"), Some(role), "{page}");
            charts += 1;
            rest = &rest[end..];
        }
    }
    // Every profile has a scorecard and a coverage strip; indicator pages and the coverage map have theirs.
    assert!(charts >= 6 * 2 + 15, "only {charts} charts");
    let profile = std::fs::read_to_string(site.join("communities/ain-lmaati.html")).unwrap();
    assert!(profile.contains("class=\"s-met\""), "the scorecard shows statuses");
}

#[test]
fn feed_and_sitemap_list_only_published_pages() {
    let site = built(&example(), "outputs-feed", &[]);
    for file in ["feed.xml", "sitemap.xml"] {
        let text = std::fs::read_to_string(site.join(file)).unwrap();
        roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{file} is not XML: {e}"));
        for hidden in ["keur-ndiaye-lo", "hay-ennakhil-sud"] {
            assert!(!text.contains(hidden), "{file} lists {hidden}");
        }
    }
    let sitemap = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://example.org/communities-of-return/communities/ain-lmaati.html</loc>"));
    let feed = std::fs::read_to_string(site.join("feed.xml")).unwrap();
    assert!(feed.contains("<title>Aïn Lmaati</title>"));
}

/// The README's screenshot (docs/profile.png) is made the same way, by hand: see the guide's
/// page "Development" (docs/src/development.md). The test writes only under the target folder.
#[test]
fn a_profile_page_renders_to_a_full_screenshot_in_a_real_browser() {
    let Some(browser) = Chromium::find() else { return };
    let site = built(&example(), "outputs-screenshot", &[]);
    let png = Path::new(env!("CARGO_TARGET_TMPDIR")).join("outputs-screenshot.png");
    browser.screenshot(&site.join("communities/villa-los-almendros.html"), &png, 1100, 1300, "screenshot");
    let bytes = std::fs::read(&png).expect("chromium wrote no screenshot");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    // The first chunk is IHDR: width and height, big-endian, at bytes 16..24.
    assert_eq!(&bytes[12..16], b"IHDR", "not a PNG");
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!((width, height), (1100, 1300), "the screenshot is not the window's size");
    // A blank or unstyled page compresses to a few kilobytes; the profile's colours and charts do not.
    assert!(bytes.len() > 50_000, "the screenshot looks blank ({} bytes)", bytes.len());
}

#[test]
fn the_sitemap_dates_each_page_and_robots_txt_points_at_it() {
    let site = built(&example(), "outputs-robots", &[]);
    let sitemap = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    let profile = "<loc>https://example.org/communities-of-return/communities/ain-lmaati.html</loc>";
    let line = sitemap.lines().find(|l| l.contains(profile)).unwrap();
    assert!(line.contains("<lastmod>2026-09-01</lastmod>"), "{line}");
    // Listings have no date of their own.
    assert!(sitemap.contains("<url><loc>https://example.org/communities-of-return/index.html</loc></url>"));
    let robots = std::fs::read_to_string(site.join("robots.txt")).unwrap();
    assert_eq!(robots, "User-agent: *\nAllow: /\n\nSitemap: https://example.org/communities-of-return/sitemap.xml\n");
    // The same files give the same sitemap.
    let again = built(&example(), "outputs-robots-again", &[]);
    assert_eq!(std::fs::read(again.join("sitemap.xml")).unwrap(), sitemap.as_bytes());

    let internal = copy_site(&example(), "outputs-robots-internal");
    let result = run(&internal, &["build", "--include-confidential"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let robots = std::fs::read_to_string(internal.join("site-internal/robots.txt")).unwrap();
    assert!(robots.contains("User-agent: *\nDisallow: /\n"), "{robots}");
    assert!(!robots.contains("Sitemap:"), "{robots}");
}
