//! Where each page of the site is written: paths relative to the site root, with `/`.
//!
//! Every URL in the site is made from these paths relative to the page that links, so the
//! site works from file://, from any sub-folder of a web server and from inside a zip.

use crate::model::{ContentType, Doc};
use crate::text::slugify;

/// The home page.
pub const HOME: &str = "index.html";
/// The criteria matrix.
pub const CRITERIA: &str = "criteria/index.html";
/// The research questions (Table 3.1) and coverage.
pub const RESEARCH: &str = "research/index.html";
/// The list of indicators and the coverage heatmap.
pub const INDICATORS: &str = "indicators/index.html";
/// The list of approaches.
pub const APPROACHES: &str = "approaches/index.html";
/// The list of countries.
pub const COUNTRIES: &str = "countries/index.html";
/// The list of tags.
pub const TAGS: &str = "tags/index.html";
/// The search page.
pub const SEARCH: &str = "search.html";
/// The page shown for a missing address.
pub const NOT_FOUND: &str = "404.html";
/// The data exports page.
pub const DATA: &str = "data/index.html";
/// The coverage heatmap, communities by indicators.
pub const COVERAGE: &str = "coverage/index.html";
/// The Atom feed.
pub const FEED: &str = "feed.xml";
/// What crawlers may read.
pub const ROBOTS: &str = "robots.txt";

/// The site's own page at `path` (`indicators/index.html`) in `language`, one of the site's
/// other languages: `fr/indicators/index.html`. Each of those languages has the site's own
/// pages (home, search, listings, comparisons, the criteria and the rest) in a folder of its
/// own, beside its translated pages.
pub fn in_language(language: &str, path: &str) -> String {
    format!("{language}/{path}")
}

/// Output paths that content files may not take.
pub const RESERVED: [&str; 6] = [HOME, SEARCH, NOT_FOUND, "sitemap.xml", ROBOTS, FEED];

/// Top-level folders whose every file Fieldbook writes itself: the theme's files, the search
/// index and the data exports. Nothing from `content/` may be published inside them.
pub const GENERATED_FOLDERS: [&str; 3] = ["assets", "search", "data"];

/// Top-level folders of the pages Fieldbook makes itself, from the schema and the site's lists
/// rather than from files of `content/`: the criteria, research questions, indicators and
/// coverage, and a page per approach, country, sector, tag and guidance topic. Fieldbook owns
/// them whole: a file of `content/` there would sit among pages that come and go with the
/// site's countries and tags (and take the place of one that has its name).
pub const OWN_PAGE_FOLDERS: [&str; 9] =
    ["approaches", "countries", "coverage", "criteria", "indicators", "research", "sectors", "tags", "topics"];

/// The folder of [`OWN_PAGE_FOLDERS`] that `path` (a site path, lowercased as by
/// [`crate::text::path_key`]) lies in, if any, in the site's language or in a language's
/// folder (`fr/indicators/`, see [`in_language`]).
pub fn own_page_folder(path: &str) -> Option<&'static str> {
    let (folder, rest) = path.split_once('/')?;
    let own = |folder: &str| OWN_PAGE_FOLDERS.into_iter().find(|own| *own == folder);
    own(folder).or_else(|| {
        let (inner, _) = rest.split_once('/')?;
        if crate::locale::is_language_tag(folder) { own(inner) } else { None }
    })
}

/// Whether `path` is in one of [`OWN_PAGE_FOLDERS`] at the top of the site, in the site's
/// language (`indicators/access-to-services.html`, not `fr/indicators/…`): a page a link from a
/// page in another language leads to in that language's folder instead.
pub fn is_own_page(path: &str) -> bool {
    path.split_once('/').is_some_and(|(folder, _)| OWN_PAGE_FOLDERS.contains(&folder))
}

/// Whether Fieldbook writes a file of its own at `path` (outside the pages of documents): a
/// reserved page, anything in a generated folder, or a content type's listing and its pages
/// (`communities/index.html`, `communities/page-2.html`), and in a language's folder its
/// home and search pages, listings and data page (`fr/communities/index.html`, see
/// [`in_language`]).
pub fn is_generated(path: &str) -> bool {
    if RESERVED.contains(&path) {
        return true;
    }
    let Some((folder, file)) = path.split_once('/') else { return false };
    if crate::locale::is_language_tag(folder) && is_page_in_language(file) {
        return true;
    }
    if GENERATED_FOLDERS.contains(&folder) {
        return true;
    }
    is_listing(folder, file)
}

/// Whether `path`, under a language's folder, is one of the site's own pages there outside its
/// own page folders: the home, search and data pages, the feed and the listings.
fn is_page_in_language(path: &str) -> bool {
    if path == HOME || path == SEARCH || path == DATA || path == FEED {
        return true;
    }
    path.split_once('/').is_some_and(|(folder, file)| is_listing(folder, file))
}

/// Whether `file` in the top folder `folder` is a content type's listing or one of its pages.
fn is_listing(folder: &str, file: &str) -> bool {
    let listed = ContentType::ALL.into_iter().any(|t| t.folder() == Some(folder));
    let page_of_listing = file
        .strip_prefix("page-")
        .and_then(|rest| rest.strip_suffix(".html"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    listed && (file == "index.html" || page_of_listing)
}

/// The output path of a content file: its path under content/ with each folder made a slug and
/// `.md` turned into `.html`, so that relative links to images beside it keep working.
pub fn doc_path(content_path: &str, slug: &str) -> String {
    let mut path = String::with_capacity(content_path.len() + slug.len() + 5);
    if let Some((folders, _file)) = content_path.rsplit_once('/') {
        for folder in folders.split('/') {
            push_slug_or(&mut path, folder, "folder");
            path.push('/');
        }
    }
    path.push_str(slug);
    path.push_str(".html");
    path
}

/// The output path of a file beside the pages (an image, a document): its path under content/
/// with each folder made a slug as a page's folders are, its name kept. A folder is published
/// under one name whether it holds pages or files (`content/communities/Maroc Nord/` as
/// `communities/maroc-nord/`), so a page and the photo beside it share a folder on every
/// server: with the folder's case kept for the photo, the two would be one folder on the
/// laptop that built the site and two on a server that tells case apart.
pub fn asset_path(content_path: &str) -> String {
    match content_path.rsplit_once('/') {
        Some((folders, name)) => {
            let mut path = String::with_capacity(content_path.len());
            for folder in folders.split('/') {
                push_slug_or(&mut path, folder, "folder");
                path.push('/');
            }
            path.push_str(name);
            path
        }
        None => content_path.to_string(),
    }
}

fn slug_or(text: &str, fallback: &str) -> String {
    let mut slug = String::new();
    push_slug_or(&mut slug, text, fallback);
    slug
}

/// `text`'s slug pushed onto `out`, or `fallback` when it has none.
fn push_slug_or(out: &mut String, text: &str, fallback: &str) {
    // Nearly every folder is named as its slug (`communities`): spared the slug's making,
    // which `serve` would repeat for every page whenever a file is added or removed.
    if is_slug(text) {
        out.push_str(text);
        return;
    }
    let slug = slugify(text);
    out.push_str(if slug.is_empty() { fallback } else { &slug });
}

/// True if `text` is its own slug: lowercase ASCII letters and digits in runs joined by
/// single dashes.
fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with('-')
        && !text.ends_with('-')
        && !text.contains("--")
        && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The output path of a document; a translation's is under its language's folder
/// (`fr/communities/ain-lmaati.html`), so that every page in a language sits in that
/// language's tree and its links, made relative, work from `file://`.
pub fn of_doc(doc: &Doc) -> String {
    let path = doc_path(&doc.content_path, &doc.slug);
    match &doc.translation {
        Some(t) => format!("{}/{path}", slug_or(&t.language, "language")),
        None => path,
    }
}

/// The listing of a content type (every type but plain pages).
pub fn listing(content_type: ContentType) -> Option<String> {
    content_type.folder().map(|f| format!("{f}/index.html"))
}

/// Page `n` (from 1) of a paginated page whose first page is `first`: `communities/index.html`,
/// then `communities/page-2.html`...
pub fn paginated(first: &str, n: usize) -> String {
    if n <= 1 {
        return first.to_string();
    }
    match first.rsplit_once('/') {
        Some((dir, file)) => {
            let stem = file.trim_end_matches(".html");
            if stem == "index" { format!("{dir}/page-{n}.html") } else { format!("{dir}/{stem}-page-{n}.html") }
        }
        None => format!("{}-page-{n}.html", first.trim_end_matches(".html")),
    }
}

/// An indicator's comparison page.
pub fn indicator(id: &str) -> String {
    // Built by pushing: made for every indicator row of every profile.
    let mut path = String::with_capacity(id.len() + 16);
    path.push_str("indicators/");
    path.push_str(id);
    path.push_str(".html");
    path
}

/// An approach's page.
pub fn approach(id: &str) -> String {
    format!("approaches/{id}.html")
}

/// A sector's page.
pub fn sector(id: &str) -> String {
    format!("sectors/{id}.html")
}

/// A guidance topic's page (a topic that is not a sector).
pub fn topic(id: &str) -> String {
    format!("topics/{id}.html")
}

/// A country's listing.
pub fn country(name: &str) -> String {
    format!("countries/{}.html", slug_or(name, "country"))
}

/// A tag's listing.
pub fn tag(name: &str) -> String {
    format!("tags/{}.html", slug_or(name, "tag"))
}

/// The export of one profile.
pub fn profile_json(slug: &str) -> String {
    format!("data/communities/{slug}.json")
}

/// The site path of a project's own JSON export.
pub fn project_json(slug: &str) -> String {
    format!("data/projects/{slug}.json")
}

/// The site path of a case study's own JSON export.
pub fn case_study_json(slug: &str) -> String {
    format!("data/case-studies/{slug}.json")
}

/// The address of the page at `path` (a site path) for what is read outside the site (the
/// exports, the feed, the sitemap): under `base_url`, the address the site is published at,
/// when there is one; else the path itself, relative to the site's folder, which works from
/// `file://` and from any server the folder is copied to. Either way the path is
/// percent-encoded, as addresses must be (an Arabic id is letters no address holds as they are).
pub fn address(base_url: Option<&str>, path: &str) -> String {
    let path = crate::text::uri_path(path);
    match base_url {
        Some(base) if base.ends_with('/') => format!("{base}{path}"),
        Some(base) => format!("{base}/{path}"),
        None => path,
    }
}

/// `../` once per folder of `from`: the way from a page back to the site root.
pub fn root_of(from: &str) -> String {
    "../".repeat(from.matches('/').count())
}

/// The URL of `target` (a site path) as written on the page at `from` (a site path).
pub fn relative(from: &str, target: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect();
    let from_dirs = &from_dirs[..from_dirs.len() - 1];
    let target_parts: Vec<&str> = target.split('/').collect();
    let common = from_dirs.iter().zip(target_parts.iter()).take_while(|(a, b)| a == b).count();
    let common = common.min(target_parts.len() - 1);
    let mut url = "../".repeat(from_dirs.len() - common);
    url.push_str(&target_parts[common..].join("/"));
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_paths_mirror_content_folders() {
        assert_eq!(doc_path("communities/tanger-nord.md", "tanger-nord"), "communities/tanger-nord.html");
        assert_eq!(
            doc_path("communities/Maroc Nord/Tanger Nord.md", "tanger-nord"),
            "communities/maroc-nord/tanger-nord.html"
        );
        assert_eq!(doc_path("about.md", "about"), "about.html");
    }

    #[test]
    fn a_folder_named_as_its_slug_is_taken_as_it_is_and_any_other_is_made_a_slug() {
        // What a name is taken as must be what making its slug gives, or the fallback.
        let names = [
            "communities",
            "ma-2024",
            "a",
            "0",
            "",
            "-",
            "a-",
            "-a",
            "a--b",
            "A",
            "Maroc Nord",
            "é",
            "a_b",
            "a.b",
            "ab-cd-ef",
            "guidance",
            "إرشادات",
            "--",
            "a-b-",
        ];
        for name in names {
            let slug = slugify(name);
            let expected = if slug.is_empty() { "folder".to_string() } else { slug };
            assert_eq!(slug_or(name, "folder"), expected, "{name:?}");
            // Taken as it is only when it is its own slug (an Arabic name is too, and is made
            // a slug all the same).
            if is_slug(name) {
                assert_eq!(slugify(name), name);
            }
        }
        assert!(["communities", "ma-2024", "a", "0", "ab-cd-ef"].iter().all(|name| is_slug(name)));
        assert!(!["", "-", "a-", "-a", "a--b", "A", "a_b", "a.b", "é"].iter().any(|name| is_slug(name)));
    }

    #[test]
    fn files_beside_pages_are_in_the_folders_their_pages_are_in() {
        assert_eq!(asset_path("communities/Maroc Nord/Photo 1.JPG"), "communities/maroc-nord/Photo 1.JPG");
        assert_eq!(
            asset_path("communities/Maroc Nord/photo.jpg").rsplit_once('/').unwrap().0,
            doc_path("communities/Maroc Nord/Tanger Nord.md", "tanger-nord").rsplit_once('/').unwrap().0
        );
        assert_eq!(asset_path("Images/Logo.png"), "images/Logo.png");
        assert_eq!(asset_path("Report.pdf"), "Report.pdf");
    }

    #[test]
    fn fieldbook_s_own_page_folders_hold_every_page_it_makes_itself() {
        let made = [
            CRITERIA.to_string(),
            RESEARCH.to_string(),
            INDICATORS.to_string(),
            APPROACHES.to_string(),
            COUNTRIES.to_string(),
            TAGS.to_string(),
            COVERAGE.to_string(),
            indicator("x"),
            approach("x"),
            sector("x"),
            topic("x"),
            country("x"),
            tag("x"),
        ];
        for path in made {
            assert!(own_page_folder(&path).is_some(), "{path}");
        }
        assert_eq!(own_page_folder("tags/x.png"), Some("tags"));
        assert_eq!(own_page_folder("communities/tags/x.png"), None);
        assert_eq!(own_page_folder("tags.png"), None);
        // The same folders in a language's folder.
        assert_eq!(own_page_folder("fr/indicators/x.html"), Some("indicators"));
        assert_eq!(own_page_folder("ar/tags/x.png"), Some("tags"));
        assert_eq!(own_page_folder("fr/communities/x.html"), None);
        assert_eq!(own_page_folder("fr/tags.png"), None);
        assert_eq!(own_page_folder("communities/fr/tags/x.png"), None);
        assert!(is_own_page("indicators/x.html") && is_own_page("criteria/index.html"));
        assert!(!is_own_page("fr/indicators/x.html") && !is_own_page("communities/x.html") && !is_own_page("x.html"));
    }

    #[test]
    fn relative_urls_walk_up_and_down() {
        assert_eq!(relative("communities/a.html", "communities/b.html"), "b.html");
        assert_eq!(relative("communities/a.html", "indicators/x.html"), "../indicators/x.html");
        assert_eq!(relative("index.html", "indicators/x.html"), "indicators/x.html");
        assert_eq!(relative("communities/m/a.html", "index.html"), "../../index.html");
        assert_eq!(relative("communities/m/a.html", "communities/img/p.png"), "../img/p.png");
        assert_eq!(root_of("communities/m/a.html"), "../../");
        assert_eq!(root_of("index.html"), "");
    }

    #[test]
    fn addresses_are_under_the_base_url_with_or_without_its_slash_and_escaped() {
        for base in ["https://example.org/site/", "https://example.org/site"] {
            assert_eq!(address(Some(base), "communities/a.html"), "https://example.org/site/communities/a.html");
        }
        assert_eq!(address(Some("https://example.org/"), "index.html"), "https://example.org/index.html");
        assert_eq!(
            address(Some("https://example.org/"), "ar/communities/عين.html"),
            "https://example.org/ar/communities/%D8%B9%D9%8A%D9%86.html"
        );
        assert_eq!(address(None, "communities/a.html"), "communities/a.html");
        assert_eq!(address(None, "communities/tétouan.html"), "communities/t%C3%A9touan.html");
    }

    #[test]
    fn pages_after_the_first_get_numbers() {
        assert_eq!(paginated("communities/index.html", 1), "communities/index.html");
        assert_eq!(paginated("communities/index.html", 3), "communities/page-3.html");
        assert_eq!(paginated("indicators/age-distribution.html", 2), "indicators/age-distribution-page-2.html");
    }

    #[test]
    fn fieldbook_s_own_files_are_known() {
        for own in [
            "index.html",
            "feed.xml",
            "assets/search.js",
            "search/meta.js",
            "data/communities.json",
            "data/anything.csv",
            "communities/index.html",
            "guidance/page-12.html",
            "fr/index.html",
            "fr/search.html",
            "fr/data/index.html",
            "fr/feed.xml",
            "es/communities/index.html",
            "ar/projects/page-3.html",
        ] {
            assert!(is_generated(own), "{own}");
        }
        for free in [
            "communities/tanger.html",
            "communities/page-.html",
            "communities/photo.png",
            "about.html",
            "page-2.html",
            "fr/communities/tanger.html",
            "fr/about.html",
            "fr/data/notes.html",
        ] {
            assert!(!is_generated(free), "{free}");
        }
    }
}
