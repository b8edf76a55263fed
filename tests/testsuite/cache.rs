//! The build cache: a rebuild takes from the previous site every file whose inputs did not
//! change, and whatever changes, it writes what a fresh build writes, byte for byte.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use fieldbook::date::Date;

use crate::html::{copy_site, snapshot};

fn today() -> Date {
    Date::parse("2026-11-22").unwrap()
}

fn options(root: &Path, output: &Path, today: Date, fresh: bool, base_url: Option<&str>) -> fieldbook::BuildOptions {
    fieldbook::BuildOptions {
        root: root.to_path_buf(),
        drafts: false,
        internal: false,
        output_dir: Some(output.to_path_buf()),
        base_url: base_url.map(str::to_string),
        today,
        cancel: None,
        progress: None,
        fresh,
    }
}

/// Build the site at `root` into `output`, with the cache unless `fresh`.
fn build_into(root: &Path, output: &Path, today: Date, fresh: bool) -> fieldbook::BuildReport {
    build_under(root, output, today, fresh, None)
}

/// Build the site at `root` into `output` as [`build_into`] does, published at `base_url`
/// (`build --base-url`) if given.
fn build_under(root: &Path, output: &Path, today: Date, fresh: bool, base_url: Option<&str>) -> fieldbook::BuildReport {
    let (checked, report) = fieldbook::build(&options(root, output, today, fresh, base_url)).unwrap();
    report.unwrap_or_else(|| panic!("not built: {:?}", checked.diagnostics()))
}

/// A copy of the example site, built once.
fn built_example(name: &str) -> (PathBuf, PathBuf) {
    let root = copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), name);
    let site = root.join("site");
    build_into(&root, &site, today(), false);
    (root, site)
}

/// Build `root` into its site with the cache and into a new folder afresh, check that the
/// two are the same byte for byte, and return the cached build's report.
fn rebuild_and_compare(root: &Path, site: &Path, today: Date, change: &str) -> fieldbook::BuildReport {
    rebuild_under_and_compare(root, site, today, None, change)
}

/// [`rebuild_and_compare`], both builds published at `base_url` if given.
fn rebuild_under_and_compare(
    root: &Path,
    site: &Path,
    today: Date,
    base_url: Option<&str>,
    change: &str,
) -> fieldbook::BuildReport {
    let report = build_under(root, site, today, false, base_url);
    let fresh = root.join("fresh");
    let _ = std::fs::remove_dir_all(&fresh);
    let fresh_report = build_under(root, &fresh, today, true, base_url);
    assert_eq!(fresh_report.reused, 0, "after {change}: a fresh build took files");
    assert_same(&snapshot(site), &snapshot(&fresh), change);
    report
}

fn assert_same(cached: &BTreeMap<String, Vec<u8>>, fresh: &BTreeMap<String, Vec<u8>>, change: &str) {
    let a: Vec<&String> = cached.keys().collect();
    let b: Vec<&String> = fresh.keys().collect();
    assert_eq!(a, b, "after {change}: the cached build has other files than a fresh one");
    for (path, bytes) in cached {
        assert!(bytes == &fresh[path], "after {change}: {path} differs from a fresh build's");
    }
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Pages, of the files a build wrote: `.html` files.
fn pages_in(site: &BTreeMap<String, Vec<u8>>) -> usize {
    site.keys().filter(|p| p.ends_with(".html")).count()
}

#[test]
fn a_rebuild_with_nothing_changed_writes_nothing() {
    let (root, site) = built_example("cache-unchanged");
    let folder = inode(&site);
    let report = rebuild_and_compare(&root, &site, today(), "nothing");
    assert!(report.unchanged, "the site was written again");
    assert_eq!(report.reused, report.files);
    assert_eq!(report.files, snapshot(&site).len() - 2, "every file but the marker and the list");
    // Not swapped: the very same folder.
    assert_eq!(inode(&site), folder);

    // A file the build would not write: built again, and the file is gone.
    std::fs::write(site.join("stray.html"), "left here by hand").unwrap();
    let report = rebuild_and_compare(&root, &site, today(), "a stray file in the output folder");
    assert!(!report.unchanged && report.reused > 0);
    assert!(!site.join("stray.html").exists());
    // A file missing: built again, and the file is back.
    std::fs::remove_file(site.join("communities/ain-lmaati.html")).unwrap();
    let report = rebuild_and_compare(&root, &site, today(), "a page deleted from the output folder");
    assert!(!report.unchanged);
    assert!(site.join("communities/ain-lmaati.html").is_file());
}

#[cfg(unix)]
fn inode(path: &Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(path).unwrap())
}

#[cfg(not(unix))]
fn inode(_path: &Path) -> u64 {
    0
}

#[test]
fn a_rebuild_takes_every_file_whose_inputs_did_not_change() {
    let (root, site) = built_example("cache-rebuild");
    // robots.txt is written whatever happens: without it the site must be built again.
    std::fs::remove_file(site.join("robots.txt")).unwrap();
    let report = rebuild_and_compare(&root, &site, today(), "robots.txt removed");
    assert!(!report.unchanged);
    // Every page, the search index and the exports are taken; the few small files written
    // whatever happens (feed, sitemap, robots.txt, the theme's and the site's own files) are
    // compared and linked as before.
    let files = snapshot(&site);
    assert!(report.reused >= pages_in(&files), "{} taken of {} files", report.reused, files.len());
    assert_eq!(report.reused, listed_files(&site).len());
    assert!(files.keys().any(|p| p.starts_with("search/")) && files.contains_key("data/communities.json"));
    let list = String::from_utf8(files[".fieldbook-cache"].clone()).unwrap();
    assert!(list.starts_with("fieldbook build cache 1\n"), "{list}");
    assert!(list.lines().any(|l| l.contains("\tsearch index\tsearch/")), "{list}");
    assert!(list.lines().any(|l| l.contains("\texports\t") && l.contains("\tdata/communities.csv\t")), "{list}");
    assert!(list.lines().any(|l| l.contains("\tcommunities/ain-lmaati.html\t")), "{list}");
    // Every page is in the list.
    let listed = listed_files(&site);
    assert!(files.keys().filter(|p| p.ends_with(".html")).all(|p| listed.contains(p)));
}

#[test]
fn every_kind_of_change_builds_what_a_fresh_build_builds() {
    let (root, site) = built_example("cache-changes");
    let profile = root.join("content/communities/canton-el-zapotal.md");

    // A sentence of a profile's text: that page and the search index are made again, every
    // other file of the list is taken.
    edit(&profile, "## Opportunities\n", "## Opportunities\n\nA sentence added to the text.\n");
    let report = rebuild_and_compare(&root, &site, today(), "a sentence in a profile's text");
    let listed = listed_files(&site);
    let search = listed.iter().filter(|p| p.starts_with("search/")).count();
    assert!(search > 0 && listed.iter().any(|p| p == "communities/canton-el-zapotal.html"));
    assert_eq!(report.reused, listed.len() - search - 1);
    assert!(
        String::from_utf8_lossy(&snapshot(&site)["communities/canton-el-zapotal.html"]).contains("A sentence added")
    );

    // The same for a translation's text.
    let translation = root.join("content/communities/ain-lmaati.fr.md");
    edit(&translation, "\n## ", "\nUne phrase ajoutée.\n\n## ");
    let report = rebuild_and_compare(&root, &site, today(), "a sentence in a translation's text");
    assert_eq!(report.reused, listed.len() - search - 1);

    // Changes that other pages show: each makes every page again, and the result is a fresh
    // build's.
    type Change<'a> = (&'a str, Box<dyn Fn() + 'a>);
    let changes: Vec<Change> = vec![
        ("a new heading", Box::new(|| edit(&profile, "## Opportunities\n", "## Opportunities\n\n### Fisheries\n"))),
        (
            "a new link in a body",
            Box::new(|| {
                edit(&profile, "## Opportunities\n", "## Opportunities\n\nSee [Tizi](community:tizi-nouzrou).\n")
            }),
        ),
        ("a title", Box::new(|| edit(&profile, "title: Cantón El Zapotal", "title: Cantón El Zapotal Norte"))),
        (
            "a new file",
            Box::new(|| {
                let text = std::fs::read_to_string(root.join("content/guidance/health.md")).unwrap();
                let text = text.replacen("title: ", "title: Copy of ", 1);
                std::fs::write(root.join("content/guidance/health-copy.md"), text).unwrap();
            }),
        ),
        ("a deleted file", Box::new(|| std::fs::remove_file(root.join("content/guidance/health-copy.md")).unwrap())),
        (
            "a template of the site's theme",
            Box::new(|| {
                let base = root.join("themes/default/templates/base.html");
                let text = std::fs::read_to_string(&base).unwrap();
                std::fs::write(&base, text.replacen("</body>", "<!-- changed --></body>", 1)).unwrap();
            }),
        ),
        (
            "the settings",
            Box::new(|| {
                edit(&root.join("fieldbook.toml"), "review_interval_months = 12", "review_interval_months = 6")
            }),
        ),
        (
            "a map outline added",
            Box::new(|| {
                std::fs::create_dir_all(root.join("content/maps")).unwrap();
                let outline = crate::support::fixture("maps/site/content/maps/oriental.geojson");
                std::fs::copy(outline, root.join("content/maps/oriental.geojson")).unwrap();
            }),
        ),
        // The same file, another shape: its path is the same, what the maps draw is not.
        (
            "a map outline changed",
            Box::new(|| edit(&root.join("content/maps/oriental.geojson"), "[-1.2, 35.1]", "[-1.0, 35.1]")),
        ),
    ];
    for (change, make) in &changes {
        make();
        let report = rebuild_and_compare(&root, &site, today(), change);
        assert_eq!(report.reused, 0, "after {change}: files were taken");
    }
    // The next day, when no profile's review state moves: nothing is made again.
    let report = rebuild_and_compare(&root, &site, Date::parse("2026-11-23").unwrap(), "the next day");
    assert!(report.unchanged, "the next day made files again");
    // A day months later, when profiles fall due: review states are measured against it.
    let report = rebuild_and_compare(&root, &site, Date::parse("2027-06-01").unwrap(), "another day");
    assert_eq!(report.reused, 0, "after another day: files were taken");
    // And a rebuild after all that takes every page again.
    let report = rebuild_and_compare(&root, &site, Date::parse("2027-06-01").unwrap(), "nothing");
    assert!(report.reused >= pages_in(&snapshot(&site)));
}

#[test]
fn a_rebuild_under_another_base_url_writes_the_exports_again() {
    // The exports give pages' full addresses under the base URL: a build under another one,
    // or under none, must not take the previous build's (each rebuild is compared with a fresh
    // build, byte for byte).
    let (root, site) = built_example("cache-base-url");
    let addresses = |site: &Path| {
        let files = snapshot(site);
        let text = |path: &str| String::from_utf8(files[path].clone()).unwrap();
        let table = text("data/communities.csv");
        let url = table.lines().next().unwrap().split(',').position(|name| name == "url").unwrap();
        let row = table.lines().find(|l| l.starts_with("ain-lmaati,")).unwrap().to_string();
        let json = text("data/communities/ain-lmaati.json");
        let json: serde_json::Value = serde_json::from_str(&json).unwrap();
        let geojson = text("data/communities.geojson");
        let page = geojson.lines().find(|l| l.contains("\"id\":\"ain-lmaati\"")).unwrap().to_string();
        let page: serde_json::Value = serde_json::from_str(page.trim_end_matches(',')).unwrap();
        let csv = row.split(',').nth(url).unwrap().to_string();
        [csv, json["url"].as_str().unwrap().to_string(), page["properties"]["page"].as_str().unwrap().to_string()]
    };
    let page = "communities/ain-lmaati.html";
    assert_eq!(addresses(&site), std::array::from_fn(|_| format!("https://example.org/communities-of-return/{page}")));

    let preview = Some("https://preview.example.org/pr-12");
    let listed = listed_files(&site);
    let exports = exports_in(&site);
    let report = rebuild_under_and_compare(&root, &site, today(), preview, "another base URL");
    assert_eq!(addresses(&site), std::array::from_fn(|_| format!("https://preview.example.org/pr-12/{page}")));
    // Only what uses the address is made again: the exports and the data page in each language
    // (whose context offers a theme the address); every other page and the search index are
    // taken.
    let data_pages = listed.iter().filter(|p| p.ends_with("data/index.html")).count();
    assert!(exports.len() > 5 && listed.contains(&"data/index.html".to_string()), "{exports:?}");
    assert_eq!(data_pages, 4, "the data page in each of the example's four languages");
    assert_eq!(report.reused, listed.len() - exports.len() - data_pages, "taken of {} listed", listed.len());
    assert!(report.files > report.reused + exports.len());
    assert_no_address(&site, "example.org/communities-of-return", true);
    let files = snapshot(&site);
    let text = |path: &str| String::from_utf8(files[path].clone()).unwrap();
    assert!(text("feed.xml").contains("https://preview.example.org/pr-12/communities/ain-lmaati.html"));
    assert!(text("sitemap.xml").contains(&format!("<loc>https://preview.example.org/pr-12/{page}</loc>")));
    assert!(text("robots.txt").contains("Sitemap: https://preview.example.org/pr-12/sitemap.xml"));
    let package: serde_json::Value = serde_json::from_str(&text("data/datapackage.json")).unwrap();
    assert_eq!(package["homepage"], "https://preview.example.org/pr-12/");
    // The same address again: everything is taken.
    let report = rebuild_under_and_compare(&root, &site, today(), preview, "the same base URL again");
    assert!(report.unchanged, "a rebuild under the same address made files again");

    // Back to fieldbook.toml's address, then to none at all.
    rebuild_and_compare(&root, &site, today(), "fieldbook.toml's base URL again");
    assert_eq!(addresses(&site), std::array::from_fn(|_| format!("https://example.org/communities-of-return/{page}")));
    edit(&root.join("fieldbook.toml"), "base_url = \"https://example.org/communities-of-return/\"\n", "");
    let report = rebuild_and_compare(&root, &site, today(), "no base URL");
    assert_eq!(addresses(&site), std::array::from_fn(|_| page.to_string()));
    assert_eq!(report.reused, listed.len() - exports.len() - data_pages);
    // Nothing of the address is left: no sitemap (it needs one), no address in any file.
    assert!(!site.join("sitemap.xml").exists(), "a sitemap without a base URL");
    assert_no_address(&site, "https://", false);
}

/// The files of the exports' unit in the list of `site`.
fn exports_in(site: &Path) -> Vec<String> {
    let list = std::fs::read_to_string(site.join(".fieldbook-cache")).unwrap();
    let line = list.lines().find(|l| l.split('\t').nth(1) == Some("exports")).expect("the exports in the list");
    line.split('\t').skip(2).step_by(2).map(str::to_string).collect()
}

/// No file of `site` holds `address` (the spreadsheet read inside its archive): nothing stale
/// is left of a previous build's base URL. Pages, the theme's files and the search index are
/// read only if `every_file`: they may link to the world outside, never to the site's address.
fn assert_no_address(site: &Path, address: &str, every_file: bool) {
    for (path, bytes) in snapshot(site) {
        let texts: Vec<(String, String)> = if path.ends_with(".xlsx") {
            let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            (0..archive.len())
                .map(|k| {
                    let mut part = archive.by_index(k).unwrap();
                    let mut xml = String::new();
                    std::io::Read::read_to_string(&mut part, &mut xml).unwrap();
                    (format!("{path}, part {k}"), xml)
                })
                .collect()
        } else if !every_file && (path.ends_with(".html") || path.starts_with("assets/") || path.starts_with("search/"))
        {
            continue;
        } else {
            vec![(path.clone(), String::from_utf8_lossy(&bytes).into_owned())]
        };
        for (name, text) in texts {
            let stale = text.match_indices(address).any(|(at, _)| !is_outside_address(&text[at..]));
            assert!(!stale, "{name} still holds {address}");
        }
    }
}

/// Addresses of standards the exports name whatever the base URL (schemas, namespaces).
fn is_outside_address(from: &str) -> bool {
    ["https://datapackage.org", "https://json-schema.org", "https://www.w3.org", "https://schemas."]
        .iter()
        .any(|outside| from.starts_with(outside))
}

/// Every file the list in `site` names.
fn listed_files(site: &Path) -> Vec<String> {
    let list = std::fs::read_to_string(site.join(".fieldbook-cache")).unwrap();
    let mut files = Vec::new();
    for line in list.lines().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            [_, page, _] => files.push(page.to_string()),
            [_, _, rest @ ..] => files.extend(rest.chunks(2).map(|pair| pair[0].to_string())),
            _ => panic!("a line of the list cannot be read: {line}"),
        }
    }
    files
}

#[test]
fn a_file_changed_in_the_output_folder_is_made_again() {
    let (root, site) = built_example("cache-tampered");
    let page = site.join("communities/ain-lmaati.html");
    let original = std::fs::read(&page).unwrap();
    // The same size, other bytes, written after the build: not taken.
    let mut changed = original.clone();
    changed[0] = b' ';
    std::fs::write(&page, &changed).unwrap();
    // Changed a moment after the build, as a person would: file times are kept to the
    // system's clock tick (a few milliseconds), and a test runs faster than that.
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(2);
    std::fs::File::options().write(true).open(&page).unwrap().set_modified(later).unwrap();
    rebuild_and_compare(&root, &site, today(), "a page changed in the output folder");
    assert_eq!(std::fs::read(&page).unwrap(), original);
}

#[cfg(unix)]
#[test]
fn a_linked_folder_in_the_output_folder_is_not_followed() {
    let (root, site) = built_example("cache-linked");
    // The profiles' folder moved out and linked back, each file the same size and age but
    // other bytes: a build that followed the link would publish them.
    let elsewhere = root.join("elsewhere");
    std::fs::rename(site.join("communities"), &elsewhere).unwrap();
    for entry in std::fs::read_dir(&elsewhere).unwrap().flatten() {
        if entry.path().is_file() {
            let meta = entry.metadata().unwrap();
            std::fs::write(entry.path(), vec![b'x'; meta.len() as usize]).unwrap();
            let file = std::fs::File::options().write(true).open(entry.path()).unwrap();
            file.set_modified(meta.modified().unwrap()).unwrap();
        }
    }
    std::os::unix::fs::symlink(&elsewhere, site.join("communities")).unwrap();
    rebuild_and_compare(&root, &site, today(), "a linked folder in the output folder");
    assert!(!std::fs::symlink_metadata(site.join("communities")).unwrap().file_type().is_symlink());
    // Nothing outside the output folder was touched.
    for entry in std::fs::read_dir(&elsewhere).unwrap().flatten() {
        if entry.path().is_file() {
            assert!(std::fs::read(entry.path()).unwrap().iter().all(|&b| b == b'x'));
        }
    }
}

#[test]
fn a_damaged_list_or_fresh_takes_nothing() {
    let (root, site) = built_example("cache-damaged");
    std::fs::write(site.join(".fieldbook-cache"), "fieldbook build cache 1\nnot hex\tindex.html\t12\n\u{0}\n").unwrap();
    let report = rebuild_and_compare(&root, &site, today(), "a damaged list");
    assert_eq!(report.reused, 0);
    let report = build_into(&root, &site, today(), true);
    assert_eq!(report.reused, 0, "--fresh took files");
    let report = build_into(&root, &site, today(), false);
    assert!(report.reused > 0, "a fresh build wrote no list for the next");
}

#[test]
fn the_command_line_says_what_was_unchanged() {
    let root = copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), "cache-cli");
    let first = crate::support::run(&root, &["build"]);
    assert!(first.stderr.contains("built ") && !first.stderr.contains("unchanged"), "{}", first.stderr);
    let second = crate::support::run(&root, &["build"]);
    assert!(second.stderr.contains("is up to date: nothing changed since the last build"), "{}", second.stderr);
    std::fs::remove_file(root.join("site/robots.txt")).unwrap();
    let third = crate::support::run(&root, &["build"]);
    assert!(third.stderr.contains("unchanged since the last build"), "{}", third.stderr);
    let fresh = crate::support::run(&root, &["build", "--fresh"]);
    assert!(fresh.stderr.contains("built ") && !fresh.stderr.contains("unchanged"), "{}", fresh.stderr);
    assert!([&first, &second, &third, &fresh].iter().all(|run| run.code == 0));
}

#[test]
fn a_site_kept_between_ci_runs_is_taken_from_in_a_new_checkout() {
    // What the workflows `init --ci` writes set up: the site folder is kept between runs and
    // restored, with its files' times, beside a new checkout of the sources (new files, new
    // times, another folder). Nothing of the keys may depend on where the sources are.
    let (_, kept) = built_example("cache-ci-first");
    let checkout = copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), "cache-ci-next");
    let site = checkout.join("site");
    let _ = std::fs::remove_dir_all(&site);
    let restored = std::process::Command::new("cp").arg("-a").arg(&kept).arg(&site).status().unwrap();
    assert!(restored.success(), "cp -a failed");
    let report = rebuild_and_compare(&checkout, &site, today(), "a new checkout");
    assert!(report.unchanged, "the kept site was not found up to date in a new checkout");
    // A commit that changes one profile's text: its page is made, everything else taken.
    let profile = checkout.join("content/communities/canton-el-zapotal.md");
    edit(&profile, "## Opportunities\n", "## Opportunities\n\nA sentence added to the text.\n");
    let report = rebuild_and_compare(&checkout, &site, today(), "a new checkout with one profile changed");
    assert!(!report.unchanged);
    assert!(report.reused >= pages_in(&snapshot(&site)) - 1, "{} files taken", report.reused);
}
