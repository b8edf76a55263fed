//! `fieldbook build`: link integrity over every page, determinism, atomicity, output-folder
//! safety, backlinks, drafts, and a snapshot of a profile page.

use std::path::{Path, PathBuf};

use crate::html::{copy_site, link_problems, parse, snapshot};
use crate::support::{assert_matches_file, fixture, run};

fn example_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn build_ok(root: &Path, args: &[&str]) {
    let mut all = vec!["build"];
    all.extend(args);
    let result = run(root, &all);
    assert_eq!(result.code, 0, "build failed:\n{}", result.stderr);
}

#[test]
fn every_link_and_fragment_of_the_example_site_resolves() {
    let root = copy_site(&example_root(), "example-links");
    build_ok(&root, &[]);
    let problems = link_problems(&root.join("site"));
    assert!(problems.is_empty(), "{} broken links:\n{}", problems.len(), problems.join("\n"));
    // Nothing in the stylesheet is fetched from elsewhere.
    let css = std::fs::read_to_string(root.join("site/assets/style.css")).unwrap();
    assert!(!css.contains("url(http") && !css.contains("@import"), "the stylesheet loads something");
}

#[test]
fn every_link_of_the_fixture_site_resolves_with_and_without_drafts() {
    for (name, args) in [("basic-links", vec![]), ("basic-links-drafts", vec!["--drafts"])] {
        let root = copy_site(&fixture("build/basic"), name);
        build_ok(&root, &args);
        let problems = link_problems(&root.join("site"));
        assert!(problems.is_empty(), "{name}: {}", problems.join("\n"));
    }
}

/// axe-core's `label` rule: a form control needs an accessible name. The only ones in pages are
/// task-list boxes, named after their item.
#[test]
fn every_checkbox_of_the_example_site_has_an_accessible_name() {
    let root = copy_site(&example_root(), "example-checkboxes");
    build_ok(&root, &[]);
    let site = root.join("site");
    let mut named = std::collections::BTreeMap::new();
    for page in crate::html::files(&site).iter().filter(|f| f.ends_with(".html")) {
        let (elements, _) = parse(&std::fs::read_to_string(site.join(page)).unwrap());
        let ids: Vec<&String> = elements.iter().filter_map(|e| e.attrs.get("id")).collect();
        let labelled_for: Vec<&String> =
            elements.iter().filter(|e| e.name == "label").filter_map(|e| e.attrs.get("for")).collect();
        for input in
            elements.iter().filter(|e| e.name == "input" && e.attrs.get("type").is_some_and(|t| t == "checkbox"))
        {
            let by_label = input.attrs.get("aria-label").filter(|l| !l.trim().is_empty());
            let by_reference = input
                .attrs
                .get("aria-labelledby")
                .is_some_and(|refs| refs.split_whitespace().all(|r| ids.iter().any(|id| *id == r)));
            let by_for = input.attrs.get("id").is_some_and(|id| labelled_for.contains(&id));
            assert!(by_label.is_some() || by_reference || by_for, "{page}: a checkbox without a name: {input:?}");
            named.entry(page.clone()).or_insert_with(Vec::new).push(by_label.cloned().unwrap_or_default());
        }
    }
    let education = &named["guidance/education.html"];
    assert_eq!(education.len(), 7, "{education:?}");
    assert_eq!(
        education[0], "The profile gives educational achievement by sex and migrant status.",
        "the name is the item's text, link text included"
    );
    assert_eq!(education[6], "Training offered to returnees is also open to young people who never left.");
}

#[test]
fn every_page_declares_language_and_direction() {
    let root = copy_site(&fixture("build/basic"), "basic-lang");
    build_ok(&root, &[]);
    for page in crate::html::files(&root.join("site")).iter().filter(|f| f.ends_with(".html")) {
        let html = std::fs::read_to_string(root.join("site").join(page)).unwrap();
        let (elements, _) = parse(&html);
        let html_tag = elements.iter().find(|e| e.name == "html").expect("an html element");
        assert_eq!(html_tag.attrs.get("lang").map(String::as_str), Some("en"), "{page}");
        assert_eq!(html_tag.attrs.get("dir").map(String::as_str), Some("ltr"), "{page}");
    }
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let root = copy_site(&fixture("build/basic"), "basic-drafts");
    build_ok(&root, &[]);
    let site = root.join("site");
    assert!(!site.join("communities/hill-village.html").exists());
    for (path, bytes) in snapshot(&site) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("Hill Village") && !text.contains("hill-village"), "the draft leaks into {path}");
    }
    // The link to the draft is shown as plain text.
    let river = std::fs::read_to_string(site.join("communities/river-town.html")).unwrap();
    assert!(river.contains("the draft profile"));
    build_ok(&root, &["--drafts"]);
    let draft = std::fs::read_to_string(site.join("communities/hill-village.html")).unwrap();
    assert!(draft.contains("Hill Village"));
    assert!(draft.contains(">Draft<"), "a draft is marked as such");
}

#[test]
fn a_projects_card_names_the_screening_criteria_against_it() {
    let root = copy_site(&fixture("build/basic"), "basic-drawback-cards");
    let result = run(&root, &["build"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    // Published although screened not viable: built, with a warning.
    assert!(result.stderr.contains("warning[not-viable-published]"), "{}", result.stderr);
    let page = std::fs::read_to_string(root.join("site/approaches/collective-returnee.html")).unwrap();
    let warnings: Vec<&str> =
        page.split("<span class=\"card-warning\">").skip(1).filter_map(|s| s.split("</span>").next()).collect();
    assert_eq!(warnings, ["Warning: drawbacks found in screening: Not viable"], "{page}");
}

#[test]
fn backlinks_list_what_refers_to_a_community() {
    let root = copy_site(&fixture("build/basic"), "basic-backlinks");
    build_ok(&root, &[]);
    let page = std::fs::read_to_string(root.join("site/communities/river-town.html")).unwrap();
    let backlinks = &page[page.find("id=\"backlinks\"").expect("a backlinks section")..];
    assert!(backlinks.contains("href=\"../projects/oil-press.html\""), "project missing from backlinks");
    assert!(backlinks.contains("href=\"../case-studies/river-lessons.html\""), "case study missing from backlinks");
    // The project screening shows its drawback as a warning.
    let project = std::fs::read_to_string(root.join("site/projects/oil-press.html")).unwrap();
    assert!(project.contains("class=\"warning-box\""));
    assert!(project.contains("The market study is not finished."));
    // Its contents list the screening first, before the text's own headings, at its section.
    let toc = &project[project.find("<nav class=\"toc\"").expect("a project's contents")..];
    let toc = &toc[..toc.find("</nav>").unwrap()];
    let links: Vec<&str> = toc.split("href=\"").skip(1).filter_map(|l| l.split('"').next()).collect();
    assert_eq!(links.first(), Some(&"#screening"), "{toc}");
    assert!(links.len() > 1, "the text's headings follow: {toc}");
    for link in links {
        assert!(project.contains(&format!("id=\"{}\"", &link[1..])), "{link} leads nowhere");
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let a = copy_site(&example_root(), "example-determinism-a");
    let b = copy_site(&example_root(), "example-determinism-b");
    build_ok(&a, &[]);
    build_ok(&b, &[]);
    let (sa, sb) = (snapshot(&a.join("site")), snapshot(&b.join("site")));
    assert_eq!(sa.keys().collect::<Vec<_>>(), sb.keys().collect::<Vec<_>>());
    for (path, bytes) in &sa {
        assert!(bytes == &sb[path], "{path} differs between two builds");
    }
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let root = copy_site(&fixture("build/basic"), "basic-atomic");
    build_ok(&root, &[]);
    let before = snapshot(&root.join("site"));

    // An error in content: nothing is written.
    std::fs::write(root.join("content/communities/broken.md"), "---\ntitle: [unclosed\n---\n").unwrap();
    let result = run(&root, &["build"]);
    assert_eq!(result.code, 1);
    assert!(result.stderr.contains("nothing was written"));
    assert_eq!(snapshot(&root.join("site")), before);
    std::fs::remove_file(root.join("content/communities/broken.md")).unwrap();

    // A template that fails on one kind of page, after others were rendered: the build stops
    // with 2, the previous site as it was, no staging folder left; what it says is returned.
    let templates = root.join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    let failing = |block: &str| {
        let template = format!("{{% extends \"document.html\" %}}{{% block kind %}}{block}{{% endblock kind %}}");
        std::fs::write(templates.join("project.html"), template).unwrap();
        let result = run(&root, &["build"]);
        assert_eq!(result.code, 2, "{}", result.stderr);
        assert_eq!(snapshot(&root.join("site")), before);
        assert!(!root.join(".site.fieldbook-new").exists(), "the staging folder was left behind");
        result.stderr
    };
    let stderr = failing("{{ no_such_variable }}");
    assert!(stderr.contains("no_such_variable"), "{stderr}");
    assert!(
        stderr.contains("error[template-render]") && stderr.contains("--> themes/default/templates/project.html:1:")
    );
    // A misspelt word of the interface: the nearest one is named, not the four hundred there are.
    let stderr = failing("{{ t.coverag }}");
    assert!(stderr.contains("there is no field `coverag` here"), "{stderr}");
    assert!(stderr.contains("help: did you mean `coverage`?"), "{stderr}");
    assert!(!stderr.contains("Available fields") && stderr.len() < 1500, "{stderr}");
}

#[test]
fn a_template_that_fails_on_pages_is_reported_at_its_place_once() {
    let root = copy_site(&fixture("build/basic"), "basic-template-render");
    build_ok(&root, &[]);
    let before = snapshot(&root.join("site"));
    let templates = root.join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    // The template of countries' and tags' pages fails on each of them, at one place; the
    // project template at another: two problems, each in the site's own file, with the first
    // page (by path) and a count of the others; every other page is made, and nothing is
    // written.
    std::fs::write(
        templates.join("term.html"),
        "{% extends \"base.html\" %}\n{% block main %}<h1>{{ t.coverag }}</h1>{% endblock main %}\n",
    )
    .unwrap();
    std::fs::write(
        templates.join("project.html"),
        "{% extends \"document.html\" %}{% block kind %}{{ doc.title | round }}{% endblock kind %}",
    )
    .unwrap();
    let result = run(&root, &["build"]);
    assert_eq!(result.code, 2, "{}", result.stderr);
    assert_matches_file(&result.stderr, &fixture("build/template-render.txt"));
    assert_eq!(snapshot(&root.join("site")), before);
    // In the site's language (French puts a narrow no-break space before a colon): the words
    // of the report; the place and the template's line as they are.
    let said = crate::support::run_speaking("fr", &root, &["build"]);
    assert_eq!(said.code, 2, "{}", said.stderr);
    for words in [
        "erreur[template-render]: il n'y a pas de champ `coverag` ici",
        "= aide: vouliez-vous dire `coverage`\u{202f}?",
        " --> themes/default/templates/term.html:2:26",
        "note: en faisant la page `countries/",
        "note: 1 autre page a échoué de la même façon",
        "rien n'a été écrit\u{202f}: des gabarits ont échoué aux 2 endroits ci-dessus",
    ] {
        assert!(said.stderr.contains(words), "{words}\n{}", said.stderr);
    }
    // Fixed, the site builds again.
    std::fs::remove_dir_all(&templates).unwrap();
    build_ok(&root, &[]);
}

#[test]
fn output_folders_that_must_not_be_touched_are_refused() {
    let root = copy_site(&fixture("build/basic"), "basic-refusals");
    let config = |extra: &str| std::fs::write(root.join("fieldbook.toml"), format!("title = \"T\"\n{extra}")).unwrap();

    for (setting, reason) in [
        ("output_dir = \".\"", "it is the site folder itself"),
        ("output_dir = \"..\"", "it contains the site folder"),
        ("output_dir = \"content/site\"", "inside the site's content/ folder"),
        ("output_dir = \"out\"\ninternal_output_dir = \"out\"", "the public and the internal site would share it"),
    ] {
        config(setting);
        let result = run(&root, &["build"]);
        assert_eq!(result.code, 2, "{setting}: {}", result.stderr);
        assert!(result.stderr.contains(reason), "{setting}: {}", result.stderr);
    }

    // A file, or a device, is not a folder: refused before anything is written.
    std::fs::write(root.join("notes.txt"), "mine").unwrap();
    config("output_dir = \"notes.txt\"");
    let result = run(&root, &["build"]);
    assert_eq!(result.code, 2, "{}", result.stderr);
    assert!(result.stderr.contains("it is a file, not a folder"), "{}", result.stderr);
    assert_eq!(std::fs::read_to_string(root.join("notes.txt")).unwrap(), "mine");
    #[cfg(unix)]
    {
        config("");
        let result = run(&root, &["build", "--output-dir", "/dev/null"]);
        assert_eq!(result.code, 2, "{}", result.stderr);
        assert!(result.stderr.contains("it is a file, not a folder"), "{}", result.stderr);
    }

    // A folder Fieldbook did not make is never emptied.
    std::fs::create_dir_all(root.join("precious")).unwrap();
    std::fs::write(root.join("precious/thesis.docx"), "years of work").unwrap();
    config("output_dir = \"precious\"");
    let result = run(&root, &["build"]);
    assert_eq!(result.code, 2);
    assert!(result.stderr.contains("was not made by Fieldbook"), "{}", result.stderr);
    assert_eq!(std::fs::read_to_string(root.join("precious/thesis.docx")).unwrap(), "years of work");

    // The internal build never goes over the public one.
    config("output_dir = \"public\"\ninternal_output_dir = \"internal\"");
    build_ok(&root, &[]);
    std::fs::remove_dir_all(root.join("internal")).ok();
    config("output_dir = \"public\"\ninternal_output_dir = \"public2\"");
    build_ok(&root, &["--include-confidential"]);
    config("output_dir = \"public2\"\ninternal_output_dir = \"other\"");
    let result = run(&root, &["build"]);
    assert_eq!(result.code, 2);
    assert!(result.stderr.contains("holds the internal site"), "{}", result.stderr);
}

#[test]
fn profile_page_snapshot() {
    let root = copy_site(&fixture("build/basic"), "basic-snapshot");
    build_ok(&root, &[]);
    let page = std::fs::read_to_string(root.join("site/communities/river-town.html")).unwrap();
    assert_matches_file(&page, &fixture("build/basic/expected-river-town.html"));
}

#[test]
fn the_link_checker_itself_catches_problems() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("link-checker-sanity");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<p id=\"here\"><a href=\"a/page.html#there\">ok</a> <a href=\"#here\">ok</a></p>",
    )
    .unwrap();
    std::fs::write(
        dir.join("a/page.html"),
        "<h2 id=\"there\"></h2><a href=\"missing.html\">1</a><a href=\"../index.html#nowhere\">2</a><img src=\"https://cdn.example/x.png\"><a href=\"../../up.html\">4</a><a href=\"https://example.org\">fine</a>",
    )
    .unwrap();
    let problems = link_problems(&dir);
    assert_eq!(problems.len(), 4, "{problems:#?}");
}

#[test]
fn the_benchmark_corpus_builds_with_every_link_resolved_and_deterministically() {
    // The same generator as `cargo bench --bench build`, at a size a test can afford.
    let size = fieldbook::corpus::CorpusSize { profiles: 300, case_studies: 30 };
    let roots: Vec<PathBuf> = ["corpus-a", "corpus-b"]
        .iter()
        .map(|name| {
            let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
            let _ = std::fs::remove_dir_all(&root);
            fieldbook::corpus::write(&root, size).unwrap();
            let result = run(&root, &["build"]);
            assert_eq!(result.code, 0, "{}", result.stderr);
            assert!(result.stderr.contains("checked 330 files: 0 errors, 0 warnings"), "{}", result.stderr);
            root
        })
        .collect();
    let problems = link_problems(&roots[0].join("site"));
    assert!(
        problems.is_empty(),
        "{} broken links:\n{}",
        problems.len(),
        problems.iter().take(20).cloned().collect::<Vec<_>>().join("\n")
    );
    assert!(snapshot(&roots[0].join("site")) == snapshot(&roots[1].join("site")), "two builds of the corpus differ");
    // A rebuild with nothing changed links every page from the previous site, and is identical.
    let before = snapshot(&roots[0].join("site"));
    build_ok(&roots[0], &[]);
    assert!(snapshot(&roots[0].join("site")) == before, "a rebuild changed the site");
}

#[test]
fn a_criterion_added_by_the_site_counts_in_the_community_tables() {
    let root = copy_site(&example_root(), "example-extra-criterion");
    let mut schema = std::fs::read_to_string(root.join("schema.toml")).unwrap();
    schema.push_str(concat!(
        "\n[[criteria]]\nid = \"local-authority-support\"\nlabel = \"Local authority support\"\n",
        "description = \"The municipality backs the project.\"\n",
    ));
    std::fs::write(root.join("schema.toml"), schema).unwrap();
    let result = run(&root, &["build"]);
    assert_eq!(result.code, 0, "build failed:\n{}", result.stderr);
    let listing = std::fs::read_to_string(root.join("site/communities/index.html")).unwrap();
    assert!(listing.contains("/8</td>"), "{listing}");
    assert!(!listing.contains("/7</td>"), "the table still counts seven criteria");
}

/// The default theme shows a profile's indicator tables, criteria table and research list, an
/// indicator's comparison table and every page's key facts as Fieldbook draws them; the example
/// theme `themes/examples/own-tables/` loops over the values instead (`groups`, `criteria`,
/// `research`, `rows`, `doc.facts`), which its manifest says it reads, and makes the very same
/// pages.
#[test]
fn a_theme_that_loops_over_the_values_gets_them_and_the_same_pages() {
    let ready = copy_site(&example_root(), "example-tables-ready");
    let looped = copy_site(&example_root(), "example-tables-looped");
    let example = example_root().join("themes/examples/own-tables");
    let theme = looped.join("themes/default");
    std::fs::create_dir_all(theme.join("templates")).unwrap();
    std::fs::copy(example.join("theme.toml"), theme.join("theme.toml")).unwrap();
    for (name, own_loop) in [
        ("community.html", "{% for g in groups %}"),
        ("indicator.html", "{% for r in rows %}"),
        ("document.html", "items={doc.facts}"),
    ] {
        let own = std::fs::read_to_string(example.join("templates").join(name)).unwrap();
        assert!(own.contains(own_loop), "the example theme's {name} uses the values itself");
        std::fs::write(theme.join("templates").join(name), own).unwrap();
    }
    build_ok(&ready, &[]);
    let result = run(&looped, &["build"]);
    assert_eq!(result.code, 0, "build failed:\n{}", result.stderr);
    assert!(!result.stderr.contains("theme-reads-undeclared"), "{}", result.stderr);
    let (ready, looped_pages) = (snapshot(&ready.join("site")), snapshot(&looped.join("site")));
    let mut compared = 0;
    for (path, bytes) in &ready {
        if path.ends_with(".html") {
            assert!(bytes == &looped_pages[path], "{path} differs between the drawn tables and the theme's loops");
            compared += 1;
        }
    }
    let page = String::from_utf8_lossy(&ready["communities/ain-lmaati.html"]);
    for drawn in [
        "class=\"indicator-table\"",
        "class=\"parts\"",
        "class=\"entry-notes\"",
        "class=\"reason\"",
        "class=\"criteria-table\"",
        "<ul class=\"questions\"><li>",
        "<dl class=\"facts\"><div><dt>",
    ] {
        assert!(page.contains(drawn), "the example profile shows {drawn}");
    }
    assert!(compared > 20, "only {compared} pages compared");

    // Without the manifest, the same templates still get every value, and check says why the
    // build is slower and how to declare what they read.
    std::fs::remove_file(theme.join("theme.toml")).unwrap();
    let result = run(&looped, &["check"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(result.stderr.contains("warning[theme-reads-undeclared]"), "{}", result.stderr);
    assert!(result.stderr.contains("themes/default/theme.toml"), "{}", result.stderr);
    build_ok(&looped, &[]);
    let again = snapshot(&looped.join("site"));
    assert!(again["communities/ain-lmaati.html"] == ready["communities/ain-lmaati.html"]);

    // A manifest naming a value a template cannot read is an error at the value.
    std::fs::write(theme.join("theme.toml"), "[reads]\n\"indicator.html\" = [\"row\"]\n").unwrap();
    let result = run(&looped, &["check"]);
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert!(result.stderr.contains("error[theme-manifest]: `indicator.html` cannot read `row`"), "{}", result.stderr);
    assert!(result.stderr.contains("--> themes/default/theme.toml:2:21"), "{}", result.stderr);
    assert!(result.stderr.contains("did you mean `rows`?"), "{}", result.stderr);
}

#[test]
fn output_dir_writes_elsewhere_under_the_same_guards() {
    let root = copy_site(&fixture("build/basic"), "basic-output-dir");
    let preview = root.parent().unwrap().join("basic-output-dir-preview");
    let _ = std::fs::remove_dir_all(&preview);
    let preview_arg = preview.to_string_lossy().into_owned();
    build_ok(&root, &["--output-dir", &preview_arg]);
    assert!(preview.join("index.html").is_file(), "the site is in the folder given");
    assert!(!root.join("site").exists(), "fieldbook.toml's folder is left alone");
    // Again, over its own previous build: fine.
    build_ok(&root, &["-o", &preview_arg]);
    // Inside content/, or over a folder Fieldbook did not make: refused, nothing written.
    let inside = root.join("content/preview").to_string_lossy().into_owned();
    let refused = crate::support::run(&root, &["build", "-o", &inside]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(refused.stderr.contains("inside the site's content/ folder"), "{}", refused.stderr);
    assert!(!root.join("content/preview").exists());
    let foreign = root.parent().unwrap().join("basic-output-dir-foreign");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("notes.txt"), "mine").unwrap();
    let refused = crate::support::run(&root, &["build", "-o", &foreign.to_string_lossy()]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert_eq!(std::fs::read_to_string(foreign.join("notes.txt")).unwrap(), "mine");
}

#[test]
fn base_url_publishes_the_feed_and_sitemap_under_another_address() {
    let root = copy_site(&fixture("build/basic"), "basic-base-url");
    build_ok(&root, &["--base-url", "https://preview.example.org/pr-12"]);
    let sitemap = std::fs::read_to_string(root.join("site/sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://preview.example.org/pr-12/index.html</loc>"), "{sitemap}");
    let feed = std::fs::read_to_string(root.join("site/feed.xml")).unwrap();
    assert!(feed.contains("https://preview.example.org/pr-12/"), "{feed}");
    let refused = crate::support::run(&root, &["build", "--base-url", "preview.example.org"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(refused.stderr.contains("`base_url` must start with https://"), "{}", refused.stderr);
}

#[test]
fn verbose_prints_each_stage_time_and_counts_and_a_pipe_gets_no_progress_bar() {
    let root = copy_site(&example_root(), "build-verbose");
    // The progress bar would show at once if stderr were a terminal; here it is a pipe.
    let output = crate::support::fieldbook()
        .env("FIELDBOOK_PROGRESS_AFTER_MS", "0")
        .arg("--root")
        .arg(&root)
        .args(["build", "--verbose"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    for stage in ["load+check", "link", "pages", "exports", "render", "commit"] {
        assert!(stderr.lines().any(|l| l.starts_with("timing: ") && l.contains(stage)), "{stage}:\n{stderr}");
    }
    let pages = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .count()
        .to_string();
    for (what, n) in [("files", pages.as_str()), ("documents", pages.as_str()), ("errors", "0")] {
        let line = format!("count:  {what:<10} {n:>8}");
        assert!(stderr.lines().any(|l| l == line), "{line}:\n{stderr}");
    }
    assert!(stderr.lines().any(|l| l.starts_with("count:  written")), "{stderr}");
    // No progress bar, and no carriage return or escape sequence of one, in a pipe.
    assert!(!stderr.contains('\r') && !stderr.contains('\u{1b}') && !stderr.contains("writing"), "{stderr}");
    // Without --verbose, neither timings nor counts.
    let quiet = run(&root, &["build"]);
    assert!(!quiet.stderr.contains("timing:") && !quiet.stderr.contains("count:"), "{}", quiet.stderr);
    // -v works on every command: check too.
    let check = run(&root, &["-v", "check"]);
    assert!(check.stderr.contains("count:  documents"), "{}", check.stderr);
}

/// Every folder of the built site under `root`, as `a/b`.
fn folders(root: &Path, under: &str, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(root.join(under)).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            let name = entry.file_name().into_string().unwrap();
            let path = if under.is_empty() { name } else { format!("{under}/{name}") };
            folders(root, &path, out);
            out.push(path);
        }
    }
}

#[test]
fn files_beside_a_page_are_published_in_its_folder_whatever_the_case_of_the_folder() {
    let root = copy_site(&fixture("build/asset-folders"), "build-asset-folders");
    build_ok(&root, &[]);
    let site = root.join("site");
    // `content/communities/Maroc Nord/`: the page and its photo in one folder, its slug.
    assert!(site.join("communities/maroc-nord/tanger-nord.html").is_file());
    assert!(site.join("communities/maroc-nord/Market.png").is_file());
    assert!(site.join("images/Logo.png").is_file(), "a folder of files alone is published as its slug too");
    // `content/communities/Sahel/`, a folder that differs from its slug only in case.
    assert!(site.join("communities/sahel/Well.png").is_file());
    let page = std::fs::read_to_string(site.join("communities/maroc-nord/tanger-nord.html")).unwrap();
    assert!(page.contains("<img src=\"Market.png\" alt=\"The market\""), "{page}");
    assert!(page.contains("<img src=\"../../images/Logo.png\""), "{page}");
    // Links resolve as a server that tells case apart resolves them.
    assert_eq!(link_problems(&site), Vec::<String>::new());
    // No two folders differ only in case: the laptop that built the site would have made them
    // one, and uploaded that one under a single name, breaking the links into the other.
    let mut all = Vec::new();
    folders(&site, "", &mut all);
    let mut by_key: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for folder in all {
        by_key.entry(folder.to_lowercase()).or_default().push(folder);
    }
    let clashes: Vec<_> = by_key.values().filter(|v| v.len() > 1).collect();
    assert!(clashes.is_empty(), "folders that differ only in case: {clashes:?}");
    // A link written with the folder as it is published, not as it is in content/, is caught.
    let file = root.join("content/communities/Maroc Nord/tanger-nord.md");
    std::fs::write(&file, std::fs::read_to_string(&file).unwrap().replace("../../Images/", "../../images/")).unwrap();
    let result = run(&root, &["check"]);
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert!(result.stderr.contains("error[broken-link]: `../../images/Logo.png` does not exist"), "{}", result.stderr);
    assert!(result.stderr.contains("did you mean `../../Images/Logo.png`?"), "{}", result.stderr);
}

#[test]
fn a_folder_named_like_a_file_is_published_as_its_slug_beside_the_file() {
    // Folders are slugs and have no dot: `Search.html/` cannot be where `search.html` is.
    let root = copy_site(&fixture("bad-input/file-folder-case"), "build-file-folder-case");
    build_ok(&root, &[]);
    let site = root.join("site");
    for (file, folder) in [
        ("search.html", "search-html/logo.png"),
        ("Report.pdf", "report-pdf/cover.png"),
        ("maps.kml", "maps-kml/a.png"),
        ("robots.txt", "robots-txt/notes.txt"),
        ("communities/profile.html", "communities/profile-html/map.png"),
    ] {
        assert!(site.join(file).is_file(), "{file}");
        assert!(site.join(folder).is_file(), "{folder}");
    }
}

/// Adds to the page `kaolack.md` of a copy of the fixture `build/asset-folders` the markdown
/// `body`, and copies of its photo named `files` beside it, and builds the site: the site's
/// root and the page as built.
fn kaolack_with(name: &str, body: &str, files: &[&str]) -> (PathBuf, String) {
    kaolack_with_in(copy_site(&fixture("build/asset-folders"), name), body, files)
}

/// [`kaolack_with`] in a copy made already.
fn kaolack_with_in(root: PathBuf, body: &str, files: &[&str]) -> (PathBuf, String) {
    let sahel = root.join("content/communities/Sahel");
    for file in files {
        std::fs::copy(sahel.join("Well.png"), sahel.join(file)).unwrap();
    }
    let page = sahel.join("kaolack.md");
    std::fs::write(&page, format!("{}\n{body}\n", std::fs::read_to_string(&page).unwrap())).unwrap();
    build_ok(&root, &[]);
    let html = std::fs::read_to_string(root.join("site/communities/sahel/kaolack.html")).unwrap();
    (root, html)
}

/// An address in raw HTML is published as the same address in a markdown link is: a file
/// `Photo 1.png` linked as `Photo%201.png` is `Photo%201.png` in both, never a bare space,
/// which ends the address for some readers and is invalid in a URL.
#[test]
fn raw_html_addresses_are_percent_encoded_as_markdown_links_are() {
    let (root, html) = kaolack_with(
        "build-raw-html-escapes",
        "![Markdown](Photo%201.png) and <img src=\"Photo%201.png\" alt=\"Raw\"> and \
         <a href='Photo%201.png'>raw link</a>",
        &["Photo 1.png"],
    );
    assert!(html.contains("<img src=\"Photo%201.png\" alt=\"Markdown\""), "{html}");
    assert!(html.contains("<img src=\"Photo%201.png\" alt=\"Raw\""), "{html}");
    assert!(html.contains("<a href=\"Photo%201.png\""), "{html}");
    assert!(!html.contains("Photo 1.png"), "a bare space in an address: {html}");
    assert_eq!(link_problems(&root.join("site")), Vec::<String>::new());
}

/// A file whose name has its accents as separate marks (`Cafe\u{301}.png`, as macOS and
/// archives made on a Mac write them) is the file a link typed with composed accents names
/// (`Café.png`), and a name with composed accents is the one a link with separate marks names;
/// so is a page's file (`Se\u{301}ne\u{301}gal.md`). The page links to each as it is published.
#[test]
fn names_with_decomposed_accents_are_the_names_links_type() {
    let profile = "---\ntitle: Sénégal\nstatus: published\ncountry: Senegal\nassessed: 2026-06-01\n\
                   assessed_by: [Association Jappo]\nmethods: [desk-review]\n---\n\nText.\n";
    let root = copy_site(&fixture("build/asset-folders"), "build-decomposed-page");
    std::fs::write(root.join("content/communities/Se\u{301}ne\u{301}gal.md"), profile).unwrap();
    let body = "![Composed](Caf\u{e9}%20Photo.png), ![Marks](The\u{301}.png), \
                <img src=\"Caf\u{e9}%20Photo.png\" alt=\"Raw\"> and [the profile](../S\u{e9}n\u{e9}gal.md)";
    let (root, html) = kaolack_with_in(root, body, &["Cafe\u{301} Photo.png", "Th\u{e9}.png"]);
    assert!(html.contains("<img src=\"Cafe%CC%81%20Photo.png\" alt=\"Composed\""), "{html}");
    assert!(html.contains("<img src=\"Cafe%CC%81%20Photo.png\" alt=\"Raw\""), "{html}");
    assert!(html.contains("<img src=\"Th%C3%A9.png\" alt=\"Marks\""), "{html}");
    assert!(html.contains("<a href=\"../senegal.html\""), "{html}");
    assert_eq!(link_problems(&root.join("site")), Vec::<String>::new());
}
