//! The site core behind `check`, `build` and `serve`: after each kind of edit, the site it
//! renders is byte for byte the site a fresh load of the same files renders, and an edit with
//! errors leaves the last good version in place.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use fieldbook::date::Date;
use fieldbook::link::Audience;
use fieldbook::loaded::{Applied, MemoryOutput, Rejected, Session, SessionOptions};

fn options(root: &Path) -> SessionOptions {
    SessionOptions { root: root.to_path_buf(), audience: Audience::PUBLIC, today: Date::new(2026, 11, 22).unwrap() }
}

fn open(root: &Path) -> Session {
    match Session::open(options(root)).expect("open") {
        Ok(session) => session,
        Err(rejected) => panic!("the site has errors: {rejected:?}"),
    }
}

fn everything(session: &Session) -> BTreeMap<String, Vec<u8>> {
    let output = MemoryOutput::default();
    session.render_all(&output).unwrap();
    output.files.into_inner().unwrap()
}

/// Compare two renderings file by file, naming the first difference.
fn assert_same(incremental: &BTreeMap<String, Vec<u8>>, fresh: &BTreeMap<String, Vec<u8>>, edit: &str) {
    let a: Vec<&String> = incremental.keys().collect();
    let b: Vec<&String> = fresh.keys().collect();
    assert_eq!(a, b, "after {edit}: not the same files");
    for (path, bytes) in incremental {
        if bytes != &fresh[path] {
            let (x, y) = (String::from_utf8_lossy(bytes), String::from_utf8_lossy(&fresh[path]));
            let at = x.chars().zip(y.chars()).position(|(p, q)| p != q).unwrap_or(0);
            let context = |t: &str| t.chars().skip(at.saturating_sub(80)).take(200).collect::<String>();
            panic!("after {edit}: {path} differs\n--- incremental\n{}\n--- fresh\n{}", context(&x), context(&y));
        }
    }
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no `{from}`", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

struct Case {
    what: &'static str,
    file: &'static str,
    from: &'static str,
    to: &'static str,
    applied: Applied,
}

#[test]
fn every_kind_of_edit_renders_what_a_fresh_load_renders() {
    let root = crate::html::copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), "session-edits");
    let mut session = open(&root);
    let cases = [
        Case {
            what: "a sentence of the text",
            file: "content/communities/canton-el-zapotal.md",
            from: "spreads over the green hills",
            to: "lies on the green hills",
            applied: Applied::Fast,
        },
        Case {
            what: "an indicator value",
            file: "content/communities/canton-el-zapotal.md",
            from: "  access-to-services:\n    value: 36.8\n",
            to: "  access-to-services:\n    value: 44\n",
            applied: Applied::Fast,
        },
        Case {
            what: "an indicator a profile did not give (its entries after it move up one)",
            file: "content/communities/sinthiou-dialle.md",
            from: "  migration-rates:\n    value: 27.4",
            to: "  safety-levels:\n    value: 3\n  migration-rates:\n    value: 27.4",
            applied: Applied::Fast,
        },
        Case {
            what: "a figure another profile quotes (that profile's page quotes the new one)",
            file: "content/communities/villa-los-almendros.md",
            from: "  access-to-services:\n    value: 51.3\n",
            to: "  access-to-services:\n    value: 58\n",
            applied: Applied::Relinked,
        },
        Case {
            what: "a criterion's evidence that quotes a figure",
            file: "content/communities/canton-el-zapotal.md",
            from: "evidence: Only {{ access-to-services }} of households",
            to: "evidence: Just {{ access-to-services }} of households",
            applied: Applied::Fast,
        },
        Case {
            what: "a title that other pages list",
            file: "content/communities/ndiebene-plage.md",
            from: "title = \"Ndiébène Plage\"",
            to: "title = \"Ndiébène Plage (fishing quarter)\"",
            applied: Applied::Fast,
        },
        Case {
            what: "a criterion status",
            file: "content/communities/canton-el-zapotal.md",
            from: "  community-interest:\n    status: met",
            to: "  community-interest:\n    status: partial",
            applied: Applied::Fast,
        },
        Case {
            what: "a location (its neighbours' locator maps and its country's map change)",
            // A profile with no translation: editing an original links its translations again.
            file: "content/communities/sinthiou-dialle.md",
            from: "location: { lat: 14.1826, lon: -12.7163 }",
            to: "location: { lat: 13.7700, lon: -13.6700 }",
            applied: Applied::Fast,
        },
        Case {
            what: "a new link to another page (its backlinks change)",
            file: "content/communities/canton-el-zapotal.md",
            from: "## Opportunities\n",
            to: "## Opportunities\n\nSee also [Tizi Nouzrou](community:tizi-nouzrou).\n",
            applied: Applied::Fast,
        },
        Case {
            what: "the text of a translation (it takes from its original: linked again)",
            file: "content/communities/ain-lmaati.fr.md",
            from: "se trouve là où la route",
            to: "est située là où la route",
            applied: Applied::Relinked,
        },
        Case {
            what: "a translated page's original (its translation takes from it)",
            file: "content/communities/ain-lmaati.md",
            from: "sits where the coastal road",
            to: "lies where the coastal road",
            applied: Applied::Relinked,
        },
        Case {
            what: "a project's communities",
            file: "content/projects/ain-lmaati-boat-repair-cooperative.md",
            from: "communities: [ain-lmaati]",
            to: "communities: [ain-lmaati, tizi-nouzrou]",
            applied: Applied::Fast,
        },
        Case {
            what: "a heading other pages may link to",
            file: "content/communities/tizi-nouzrou.md",
            from: "## Opportunities",
            to: "## Openings",
            applied: Applied::Relinked,
        },
        Case {
            what: "a country (the list of countries changes)",
            file: "content/communities/villa-los-almendros.md",
            from: "country: El Salvador",
            to: "country: Guatemala",
            applied: Applied::Relinked,
        },
        Case {
            what: "a region written as the country, with its code (it joins that country)",
            file: "content/communities/sinthiou-dialle.md",
            from: "country: Senegal",
            to: "country: Sénégal oriental\ncountry_code: SEN",
            applied: Applied::Relinked,
        },
        Case {
            what: "a region's code alone (it moves to the other country)",
            file: "content/communities/sinthiou-dialle.md",
            from: "country_code: SEN",
            to: "country_code: GMB",
            applied: Applied::Relinked,
        },
        Case {
            what: "the country's name again, for the region and its code",
            file: "content/communities/sinthiou-dialle.md",
            from: "country: Sénégal oriental\ncountry_code: GMB",
            to: "country: Senegal",
            applied: Applied::Relinked,
        },
        Case {
            what: "a status (the page leaves the site)",
            file: "content/case-studies/senegal-fish-processing-inclusion.md",
            from: "status: published",
            to: "status: draft",
            applied: Applied::Relinked,
        },
    ];
    for case in cases {
        let path = root.join(case.file);
        edit(&path, case.from, case.to);
        let applied = match session.update(&[path]).unwrap() {
            Ok(applied) => applied,
            Err(rejected) => panic!("{}: rejected: {rejected:?}", case.what),
        };
        assert_eq!(applied, case.applied, "{}", case.what);
        assert_same(&everything(&session), &everything(&open(&root)), case.what);
    }

    // New, deleted and renamed files, and translations: linked again from the documents the
    // session has, reading only the new files.
    for (what, change) in file_changes(&root) {
        let paths = change();
        let applied = match session.update(&paths).unwrap() {
            Ok(applied) => applied,
            Err(rejected) => panic!("{what}: rejected: {rejected:?}"),
        };
        assert_eq!(applied, Applied::Relinked, "{what}");
        assert_same(&everything(&session), &everything(&open(&root)), what);
    }
    assert!(session.page("about-the-team.html").is_none());
    assert!(session.page("communities/sinthiou-dialle-village.html").is_some());
    assert!(session.page("communities/sinthiou-dialle.html").is_none());
    assert!(session.page("es/communities/canton-el-zapotal.html").is_some());
    assert!(session.page("fr/communities/ain-lmaati.html").is_none());
}

/// A change to the files of the site at `root`, made when called, with the paths a watcher
/// reports for it.
type FileChange = Box<dyn Fn() -> Vec<PathBuf>>;

/// Files added, deleted and renamed, translations added and removed, a heading changed, each
/// with what it is.
fn file_changes(root: &Path) -> Vec<(&'static str, FileChange)> {
    let at = |path: &str| root.join(path);
    let team = at("content/about-the-team.md");
    let (old_name, new_name) =
        (at("content/communities/sinthiou-dialle.md"), at("content/communities/sinthiou-dialle-village.md"));
    let spanish = at("content/communities/canton-el-zapotal.es.md");
    let french = at("content/communities/ain-lmaati.fr.md");
    let guide = at("content/guidance/housing.md");
    let linking = at("content/about.md");
    vec![
        (
            "a new page",
            Box::new({
                let team = team.clone();
                move || {
                    std::fs::write(&team, "---\ntitle: The team\nstatus: published\n---\n\nWho we are.\n").unwrap();
                    vec![team.clone()]
                }
            }) as FileChange,
        ),
        (
            "a new page that links to others, and a link to it",
            Box::new({
                let (team, linking) = (team.clone(), linking.clone());
                move || {
                    let text = "---\ntitle: The team\nstatus: published\n---\n\n## Who we are\n\nSee [Tizi Nouzrou](community:tizi-nouzrou).\n";
                    std::fs::write(&team, text).unwrap();
                    let mut about = std::fs::read_to_string(&linking).unwrap();
                    about.push_str("\nMeet [the team](about-the-team.md#who-we-are).\n");
                    std::fs::write(&linking, about).unwrap();
                    vec![team.clone(), linking.clone()]
                }
            }),
        ),
        (
            "a heading that a link names, renamed with the link",
            Box::new({
                let (team, linking) = (team.clone(), linking.clone());
                move || {
                    edit(&team, "## Who we are", "## Who we are today");
                    edit(&linking, "about-the-team.md#who-we-are)", "about-the-team.md#who-we-are-today)");
                    vec![team.clone(), linking.clone()]
                }
            }),
        ),
        (
            "a page deleted, with the link to it",
            Box::new({
                let (team, linking) = (team.clone(), linking.clone());
                move || {
                    std::fs::remove_file(&team).unwrap();
                    edit(&linking, "\nMeet [the team](about-the-team.md#who-we-are-today).\n", "");
                    vec![team.clone(), linking.clone()]
                }
            }),
        ),
        (
            "a profile renamed (its id changes)",
            Box::new(move || {
                std::fs::rename(&old_name, &new_name).unwrap();
                vec![old_name.clone(), new_name.clone()]
            }),
        ),
        (
            "a new heading in a guide",
            Box::new(move || {
                let mut text = std::fs::read_to_string(&guide).unwrap();
                text.push_str("\n## A new heading\n\nMore text.\n");
                std::fs::write(&guide, text).unwrap();
                vec![guide.clone()]
            }),
        ),
        (
            "a new translation (its original gains a language switcher)",
            Box::new({
                let spanish = spanish.clone();
                move || {
                    std::fs::write(&spanish, "---\ntitle: Cantón El Zapotal\n---\n\nTexto en español.\n").unwrap();
                    vec![spanish.clone()]
                }
            }),
        ),
        (
            "a translation removed",
            Box::new(move || {
                std::fs::remove_file(&french).unwrap();
                vec![french.clone()]
            }),
        ),
    ]
}

#[test]
fn an_edit_with_errors_leaves_the_last_good_version() {
    let root = crate::html::copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), "session-errors");
    let mut session = open(&root);
    let before = everything(&session);
    let path: PathBuf = root.join("content/communities/ain-lmaati.md");
    let good = std::fs::read_to_string(&path).unwrap();

    // A validation error, then a broken link: each rejected with its place, nothing changed.
    for (from, to, expected) in [
        ("    value: 61", "    value: 161", "content/communities/ain-lmaati.md"),
        ("## Opportunities\n", "## Opportunities\n\n[gone](community:nowhere)\n", "nowhere"),
    ] {
        edit(&path, from, to);
        match session.update(std::slice::from_ref(&path)).unwrap() {
            Err(Rejected::Problems(problems)) => {
                let text: String = problems.iter().map(|d| d.render()).collect();
                assert!(text.contains(expected), "{text}");
                assert!(problems.error_count() > 0);
            }
            other => panic!("accepted: {other:?}"),
        }
        assert_same(&everything(&session), &before, "a rejected edit");
        std::fs::write(&path, &good).unwrap();
    }
    // Fixed: the next change goes through (linked again, as the page has a French translation).
    edit(&path, "sits where the coastal road", "lies where the coastal road");
    assert_eq!(session.update(std::slice::from_ref(&path)).unwrap().unwrap(), Applied::Relinked);
    let page = String::from_utf8(session.file("communities/ain-lmaati.html").unwrap().unwrap()).unwrap();
    assert!(page.contains("lies where the coastal road"));
}

#[test]
fn the_files_made_from_every_page_are_served_too() {
    let root = crate::html::copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), "session-files");
    let session = open(&root);
    for path in ["search/meta.js", "data/communities.json", "data/indicators.csv", "assets/style.css", "feed.xml"] {
        assert!(session.file(path).is_some_and(|f| f.is_ok()), "{path}");
    }
    assert!(session.file("communities/img/ain-lmaati-sketch.svg").is_some(), "content files");
    assert!(session.file("../fieldbook.toml").is_none());
    assert!(session.file("nothing-here.html").is_none());
}

#[test]
fn theme_schema_and_settings_changes_are_taken_in() {
    let root = crate::html::copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), "session-theme");
    let mut session = open(&root);
    let page = |session: &Session| session.page("communities/ain-lmaati.html").unwrap().unwrap();

    // A template of the site's theme.
    let base = root.join("themes/default/templates/base.html");
    edit(&base, "</footer>", "<p>Theme test mark</p></footer>");
    assert_eq!(session.update(std::slice::from_ref(&base)).unwrap().unwrap(), Applied::Theme);
    assert!(page(&session).contains("Theme test mark"));
    // A template that does not parse: rejected, the last good theme stays.
    edit(&base, "</footer>", "{% if %}</footer>");
    match session.update(std::slice::from_ref(&base)).unwrap() {
        Err(Rejected::Problems(problems)) => {
            let problem = problems.iter().next().unwrap();
            assert_eq!(problem.code, "template-syntax", "{problem:?}");
            assert_eq!(problem.location.file, "themes/default/templates/base.html");
            assert!(problem.location.line.is_some(), "{problem:?}");
        }
        other => panic!("accepted: {other:?}"),
    }
    assert!(page(&session).contains("Theme test mark"));
    edit(&base, "{% if %}</footer>", "</footer>");
    // The stylesheet.
    let css = root.join("themes/default/static/style.css");
    let mut text = std::fs::read_to_string(&css).unwrap();
    text.push_str("\n/* theme test */\n");
    std::fs::write(&css, text).unwrap();
    assert_eq!(session.update(&[base, css]).unwrap().unwrap(), Applied::Theme);
    let served = session.file("assets/style.css").unwrap().unwrap();
    assert!(String::from_utf8(served).unwrap().contains("theme test"));

    // Settings and schema: the site is loaded again.
    let config = root.join("fieldbook.toml");
    edit(&config, "title = \"", "title = \"Renamed: ");
    assert_eq!(session.update(std::slice::from_ref(&config)).unwrap().unwrap(), Applied::Reloaded);
    assert!(page(&session).contains("Renamed: "));
    let schema = root.join("schema.toml");
    edit(&schema, "label = \"Donor\"", "label = \"Funder\"");
    assert_eq!(session.update(std::slice::from_ref(&schema)).unwrap().unwrap(), Applied::Reloaded);
    assert!(session.page("projects/ain-lmaati-boat-repair-cooperative.html").unwrap().unwrap().contains("Funder"));

    // Editors' scratch files are not changes.
    let scratch = root.join("content/communities/.ain-lmaati.md.swp");
    std::fs::write(&scratch, "x").unwrap();
    let backup = root.join("content/communities/ain-lmaati.md~");
    std::fs::write(&backup, "x").unwrap();
    assert_eq!(session.update(&[scratch, backup]).unwrap().unwrap(), Applied::Nothing);
}

#[test]
fn an_asset_is_served_only_while_it_passes_the_build_s_checks() {
    let root = crate::html::copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), "session-assets");
    let mut session = open(&root);
    let svg = root.join("content/communities/img/ain-lmaati-sketch.svg");
    let path = "communities/img/ain-lmaati-sketch.svg";
    assert!(session.file(path).unwrap().is_ok());
    // An edit that puts a script in the image is refused, as a build would refuse it.
    let good = std::fs::read_to_string(&svg).unwrap();
    std::fs::write(&svg, good.replacen("<svg ", "<svg onload=\"alert(1)\" ", 1)).unwrap();
    match session.update(std::slice::from_ref(&svg)).unwrap() {
        Err(Rejected::Problems(problems)) => {
            assert!(problems.iter().any(|d| d.code == "active-svg"), "{problems:?}")
        }
        other => panic!("an SVG with a script was taken: {other:?}"),
    }
    std::fs::write(&svg, &good).unwrap();
    assert!(matches!(session.update(std::slice::from_ref(&svg)).unwrap(), Ok(Applied::Assets)));
    // A file replaced by a link to a file of the machine is never read.
    let outside = root.parent().unwrap().join("session-assets-outside.svg");
    std::fs::write(&outside, "Zzcanary").unwrap();
    std::fs::remove_file(&svg).unwrap();
    std::os::unix::fs::symlink(&outside, &svg).unwrap();
    match session.file(path) {
        Some(Err(e)) => assert!(!e.to_string().contains("Zzcanary"), "{e}"),
        Some(Ok(bytes)) => panic!("served through a link: {}", String::from_utf8_lossy(&bytes)),
        None => {}
    }
    assert!(session.update(std::slice::from_ref(&svg)).unwrap().is_err(), "the link is refused on reload");
}

/// `check`, `build` and `serve` share one site core: `check` gives back the site `serve`
/// would open, with the same problems, and a core loaded with errors renders nothing until a
/// change makes it good, when it renders what a fresh load renders.
#[test]
fn check_and_serve_load_one_core() {
    let root = crate::html::copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), "session-core");
    let path: PathBuf = root.join("content/communities/ain-lmaati.md");
    let good = std::fs::read_to_string(&path).unwrap();
    edit(&path, "    value: 61", "    value: 161");

    let mut core = fieldbook::check(&options(&root)).unwrap();
    assert!(core.diagnostics().error_count() > 0);
    match Session::open(options(&root)).unwrap() {
        Err(Rejected::Problems(problems)) => {
            assert_eq!(format!("{problems:?}"), format!("{:?}", core.diagnostics()), "not the problems check found");
        }
        other => panic!("not rejected for its problems: {other:?}"),
    }
    assert!(!core.prepare(), "a site with errors is not prepared for rendering");
    assert!(core.page("communities/ain-lmaati.html").is_none());
    assert!(core.render_all(&MemoryOutput::default()).is_err());

    std::fs::write(&path, &good).unwrap();
    assert_eq!(core.update(std::slice::from_ref(&path)).unwrap().unwrap(), Applied::Reloaded);
    assert!(core.diagnostics().is_ok());
    assert_same(&everything(&core), &everything(&open(&root)), "a fix to a site loaded with errors");
}

/// `check` forgets each body as soon as its file is loaded, keeping what linking needs of
/// it (headings, links, quoted figures): it finds the same problems in the bodies' links as
/// the core `serve` keeps every body of, with the same outlines, and holds no body.
#[test]
fn check_forgets_the_bodies_and_links_as_a_core_that_keeps_them() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testsuite/check/links");
    let checked = fieldbook::check(&options(&root)).unwrap();
    let kept = Session::load(&options(&root)).unwrap();
    assert!(checked.diagnostics().error_count() > 0, "the fixture's broken links are found");
    assert_eq!(format!("{:?}", checked.diagnostics()), format!("{:?}", kept.diagnostics()));
    let (forgetful, keeping) = (checked.site().unwrap(), kept.site().unwrap());
    assert_eq!(forgetful.outlines, keeping.outlines);
    assert!(keeping.outlines.iter().any(|o| !o.links.is_empty() && !o.headings.is_empty()));
    for (forgotten, whole) in forgetful.docs.iter().zip(&keeping.docs) {
        assert_eq!(forgotten.body(), "", "{} is still in memory", forgotten.content_path);
        assert_eq!(forgotten.read_body().unwrap(), whole.body());
        assert_eq!(forgotten.body_digest(), whole.body_digest());
        assert_eq!(forgotten.source.head_digest(forgotten.body_start), whole.source.head_digest(whole.body_start));
    }
}

/// `build` renders the same core `serve` keeps: the built folder holds the files a session
/// renders, byte for byte.
#[test]
fn a_build_writes_what_a_session_renders() {
    let root = crate::html::copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), "session-build");
    let options = fieldbook::BuildOptions {
        root: root.clone(),
        drafts: false,
        internal: false,
        output_dir: None,
        base_url: None,
        today: Date::new(2026, 11, 22).unwrap(),
        cancel: None,
        progress: None,
        fresh: false,
    };
    let (checked, report) = fieldbook::build(&options).unwrap();
    let report = report.unwrap_or_else(|| panic!("not built: {:?}", checked.diagnostics()));
    let mut built = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&report.output).into_iter().flatten().filter(|e| e.file_type().is_file()) {
        let path = entry.path().strip_prefix(&report.output).unwrap().to_string_lossy().replace('\\', "/");
        if !path.starts_with('.') {
            built.insert(path, std::fs::read(entry.path()).unwrap());
        }
    }
    assert_same(&built, &everything(&open(&root)), "a build");
}

/// The search index is its own pass over the site: made alone, before any page is rendered, it
/// is byte for byte the index a whole build writes (when content pages filled it as they
/// rendered, an index made without the pages lacked every one of them).
#[test]
fn the_search_index_is_made_without_rendering_any_page() {
    let root = crate::html::copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), "session-search-pass");
    let session = open(&root);
    let input = fieldbook::render::RenderInput {
        site: session.site().unwrap(),
        schema: session.schema(),
        config: session.config().unwrap(),
        theme: session.theme().unwrap(),
        today: Date::new(2026, 11, 22).unwrap(),
        on_plan: None,
    };
    let prepared = fieldbook::render::Prepared::new(&input);
    let alone = MemoryOutput::default();
    prepared.search_index(&input, &alone).unwrap();
    let alone = alone.files.into_inner().unwrap();
    let whole: BTreeMap<String, Vec<u8>> =
        everything(&session).into_iter().filter(|(path, _)| path.starts_with("search/")).collect();
    assert!(whole.len() > 3, "{:?}", whole.keys());
    assert_same(&alone, &whole, "the index made alone");
    // The live preview serves it from that pass too.
    assert_eq!(session.file("search/meta.js").unwrap().unwrap(), whole["search/meta.js"]);
}

/// The search index a session serves after each change is byte for byte a fresh load's: each
/// page's entry is kept between versions and made again only where the change reached it
/// (the page itself, the pages that show its title or link to it, its translations).
#[test]
fn the_search_index_after_each_change_is_a_fresh_load_s() {
    let root = crate::html::copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), "session-search-changes");
    let mut session = open(&root);
    let search = |session: &Session, fresh: &BTreeMap<String, Vec<u8>>| -> BTreeMap<String, Vec<u8>> {
        fresh
            .keys()
            .filter(|path| path.starts_with("search/"))
            .map(|path| (path.clone(), session.file(path).unwrap_or_else(|| panic!("no {path}")).unwrap()))
            .collect()
    };
    let fresh_search = |root: &Path| -> BTreeMap<String, Vec<u8>> {
        everything(&open(root)).into_iter().filter(|(path, _)| path.starts_with("search/")).collect()
    };
    // Every entry made once, before any change.
    assert!(session.file("search/meta.js").unwrap().is_ok());
    let mut changes: Vec<(&str, FileChange)> = vec![
        (
            "a sentence of a profile",
            Box::new({
                let path = root.join("content/communities/canton-el-zapotal.md");
                move || {
                    edit(&path, "spreads over the green hills", "lies on the green hills");
                    vec![path.clone()]
                }
            }),
        ),
        (
            "the title of a profile that a project lists among its communities",
            Box::new({
                let path = root.join("content/communities/tizi-nouzrou.md");
                move || {
                    let text = std::fs::read_to_string(&path).unwrap();
                    let title = text.lines().find(|l| l.starts_with("title:")).unwrap().to_string();
                    edit(&path, &title, &format!("{title} Renamed"));
                    vec![path.clone()]
                }
            }),
        ),
    ];
    changes.extend(file_changes(&root));
    for (what, change) in changes {
        let paths = change();
        if let Err(rejected) = session.update(&paths).unwrap() {
            panic!("{what}: rejected: {rejected:?}");
        }
        let fresh = fresh_search(&root);
        assert!(fresh.len() > 3, "{:?}", fresh.keys());
        assert_same(&search(&session, &fresh), &fresh, what);
    }
}

#[test]
fn a_figure_withheld_from_the_public_site_stays_withheld_when_other_files_change() {
    // With a threshold of 2, a total of 1 would be given away by its mark: the entry is left
    // out of the public site. Linking again after another file is added keeps the profile,
    // which was withheld from when it was first linked, as it was.
    let root = crate::html::copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), "session-withheld");
    edit(&root.join("fieldbook.toml"), "small_count_threshold = 5", "small_count_threshold = 2");
    edit(
        &root.join("content/communities/sinthiou-dialle.md"),
        "    value: 42\n    source: Programme case files and village chief, August 2025 to July 2026\n    method: desk-review\n    disaggregation:\n      sex: { female: 6, male: 36 }\n      age-group: { 18-34: 30, 35-59: 12 }\n",
        "    value: 1\n    source: Programme case files and village chief, August 2025 to July 2026\n    method: desk-review\n    disaggregation:\n      sex: { female: 0, male: 1 }\n      age-group: { 18-34: 1, 35-59: 0 }\n",
    );
    // Left out when linked, it is not counted among the profiles that give the indicator.
    let given_by = |files: &BTreeMap<String, Vec<u8>>| {
        let page = String::from_utf8_lossy(&files["indicators/returnees-last-12-months.html"]).into_owned();
        let at = page.find("given by ").expect("a count of the profiles that give it") + "given by ".len();
        page[at..].split(' ').next().unwrap().parse::<usize>().unwrap()
    };
    let withheld = |files: &BTreeMap<String, Vec<u8>>| {
        let page = String::from_utf8_lossy(&files["communities/sinthiou-dialle.html"]).into_owned();
        !page.contains("Programme case files and village chief")
    };
    let shown = given_by(&everything(&open(Path::new(env!("CARGO_MANIFEST_DIR")))));
    let mut session = open(&root);
    let first = everything(&session);
    assert!(withheld(&first), "the entry is left out of the first version");
    assert_eq!(given_by(&first), shown - 1);
    let team = root.join("content/about-the-team.md");
    std::fs::write(&team, "---\ntitle: The team\nstatus: published\n---\n\nWho we are.\n").unwrap();
    let applied = session.update(&[team]).unwrap().unwrap();
    assert_eq!(applied, Applied::Relinked);
    let incremental = everything(&session);
    assert!(withheld(&incremental), "the entry is still left out after linking again");
    assert_eq!(given_by(&incremental), shown - 1);
    assert_same(&incremental, &everything(&open(&root)), "a new page on a site with a withheld figure");
}
