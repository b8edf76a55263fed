//! `fieldbook fmt`: the canonical form is stable (formatting twice changes nothing more), it
//! never changes what a file means (the same check results, documents and built pages before
//! and after), `check` mode writes nothing, broken files are reported and left alone, and
//! comments survive the reordering of keys.

use std::path::{Path, PathBuf};

use fieldbook::date::Date;
use fieldbook::fmt::{format_site, format_text};
use fieldbook::link::Audience;
use fieldbook::model::ContentType;
use proptest::prelude::*;

use crate::html::{copy_site, snapshot};
use crate::support::{fixture, run};

fn example_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The example site as it was first written by hand, before `fmt` tidied it: real input with
/// fields out of order, long lists on one line, quoted keys.
fn handwritten() -> PathBuf {
    fixture("fmt/handwritten")
}

fn today() -> Date {
    Date::parse("2026-11-22").unwrap()
}

/// Every content file of the site at `root`: its path from the root, type and text.
fn content_files(root: &Path) -> Vec<(String, ContentType, String)> {
    let (discovered, _) = fieldbook::load::discover(&root.join("content"), root);
    discovered
        .files
        .into_iter()
        .map(|f| (f.display, f.content_type, std::fs::read_to_string(&f.path).unwrap()))
        .collect()
}

/// `text` without the positions Debug output carries (`Span { start: 1, end: 2 }`), which
/// formatting moves.
fn without_spans(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("Span { start: ") {
        out.push_str(&rest[..i]);
        out.push_str("Span");
        let after = &rest[i..];
        rest = &after[after.find('}').unwrap() + 1..];
    }
    out.push_str(rest);
    out
}

/// What `check` says about the site at `root`, position aside: every diagnostic but the
/// quoted-value warnings fmt fixes, and every document's fields.
fn checked(root: &Path) -> (Vec<String>, Vec<String>) {
    let options = fieldbook::CheckOptions {
        root: root.to_path_buf(),
        audience: Audience { drafts: true, internal: true },
        today: today(),
    };
    let checked = fieldbook::check(&options).unwrap();
    let mut diagnostics: Vec<String> = checked
        .diagnostics()
        .iter()
        .filter(|d| d.code != "quoted-value")
        .map(|d| format!("{:?} {} {}: {} (help: {:?})", d.severity, d.code, d.location.file, d.message, d.help))
        .collect();
    diagnostics.sort();
    let site = checked.site().expect("the site was read");
    let docs = site
        .docs
        .iter()
        .map(|d| {
            without_spans(&format!(
                "{} {:?} {} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
                d.content_path,
                d.content_type,
                d.title,
                d.status,
                d.summary,
                d.tags,
                d.language,
                d.illustrative,
                d.updated,
                d.internal_notes,
                d.extra,
                d.details
            ))
        })
        .collect();
    (diagnostics, docs)
}

fn build(root: &Path, drafts: bool, internal: bool) -> std::collections::BTreeMap<String, Vec<u8>> {
    let options = fieldbook::BuildOptions {
        root: root.to_path_buf(),
        drafts,
        internal,
        output_dir: None,
        base_url: None,
        today: today(),
        cancel: None,
        progress: None,
        fresh: false,
    };
    let (checked, report) = fieldbook::build(&options).unwrap();
    let report = report.unwrap_or_else(|| panic!("not built: {:?}", checked.diagnostics()));
    snapshot(&report.output)
}

#[test]
fn every_handwritten_file_is_formatted_idempotently() {
    let (schema, _) = fieldbook::schema_in_force(&handwritten()).unwrap();
    for (path, content_type, text) in content_files(&handwritten()) {
        let once = format_text(&text, content_type, &schema, &path).unwrap_or_else(|d| panic!("{}", d.render()));
        let twice = format_text(&once, content_type, &schema, &path).unwrap();
        assert_eq!(once, twice, "{path}: formatting again changes it");
        assert!(once.ends_with('\n') && !once.ends_with("\n\n"), "{path} does not end with one newline");
    }
}

#[test]
fn formatting_the_handwritten_site_changes_no_check_result_document_or_page() {
    let before = copy_site(&handwritten(), "fmt-example-before");
    let after = copy_site(&handwritten(), "fmt-example-after");
    let report = format_site(&after, &[], false).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.files, content_files(&before).len());
    assert!(report.changed.len() >= 20, "only {} files changed: the test needs untidy input", report.changed.len());

    let (before_diagnostics, before_docs) = checked(&before);
    let (after_diagnostics, after_docs) = checked(&after);
    assert_eq!(before_diagnostics, after_diagnostics);
    assert_eq!(before_docs.len(), after_docs.len());
    for (b, a) in before_docs.iter().zip(&after_docs) {
        assert_eq!(b, a);
    }

    for (drafts, internal) in [(false, false), (true, true)] {
        let old = build(&before, drafts, internal);
        let new = build(&after, drafts, internal);
        assert_eq!(old.keys().collect::<Vec<_>>(), new.keys().collect::<Vec<_>>());
        for (path, bytes) in &old {
            if path == fieldbook::write::CACHE_FILE {
                // The build cache's fingerprints of the files, which fmt did change.
                continue;
            }
            assert!(new[path] == *bytes, "{path} differs after fmt (drafts {drafts}, internal {internal})");
        }
    }

    // A second run finds nothing to do.
    let again = format_site(&after, &[], false).unwrap();
    assert!(again.changed.is_empty(), "changed again: {:?}", again.changed);
}

#[test]
fn the_example_site_is_tidy() {
    let report = format_site(&example_root(), &[], true).unwrap();
    assert!(report.changed.is_empty(), "run `cargo run -- fmt`: {:?}", report.changed);
    assert!(report.problems.is_empty());
}

#[test]
fn check_mode_lists_what_would_change_and_writes_nothing() {
    let root = copy_site(&fixture("fmt/messy"), "fmt-messy-check");
    let before = snapshot(&root.join("content"));
    let report = format_site(&root, &[], true).unwrap();
    assert_eq!(report.files, 4);
    assert_eq!(report.changed, ["content/communities/messy.md"]);
    let problems: Vec<_> =
        report.problems.iter().map(|d| (d.code, d.location.file.as_str(), d.location.line)).collect();
    assert_eq!(problems, [("invalid-yaml", "content/communities/broken.md", Some(2))]);
    assert_eq!(snapshot(&root.join("content")), before, "check mode wrote something");
}

#[test]
fn formatting_writes_the_canonical_form_once_and_leaves_broken_files_alone() {
    let root = copy_site(&fixture("fmt/messy"), "fmt-messy-write");
    let broken = std::fs::read(root.join("content/communities/broken.md")).unwrap();
    let report = format_site(&root, &[], false).unwrap();
    assert_eq!(report.changed, ["content/communities/messy.md"]);
    assert_eq!(report.problems.iter().count(), 1);

    // Keys in schema order, quotes only where they mean something, every comment kept beside
    // its key, the body after one blank line.
    let expected = "---
title: River Town
status: draft
country: Examplia
place_code: \"00123\"
population: 12000
assessed: 2026-03-01
# Who assessed it
assessed_by: [River Association] # organizations only
methods: [desk-review]
indicators:
  age-distribution: { 0-14: 30, 15-24: 20, 25-64: 40, 65+: 10 } # rounded
  # from the household survey
  gender-distribution: { female: 51, male: 49 }
criteria:
  returnee-numbers:
    status: met
    evidence: 12 returnees. # registry
# reviewed next spring
---

Some *text*.
";
    assert_eq!(std::fs::read_to_string(root.join("content/communities/messy.md")).unwrap(), expected);
    assert_eq!(std::fs::read(root.join("content/communities/broken.md")).unwrap(), broken);
    // No temporary file is left beside the files.
    let names: Vec<String> = std::fs::read_dir(root.join("content/communities"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.starts_with('.')), "{names:?}");

    let again = format_site(&root, &[], false).unwrap();
    assert!(again.changed.is_empty(), "{:?}", again.changed);
    assert_eq!(again.problems.iter().count(), 1);
}

#[test]
fn a_text_fmt_cannot_tidy_without_changing_it_is_named_not_passed_over() {
    let root = copy_site(&fixture("fmt/messy"), "fmt-messy-kept");
    // Two lists one after the other: with one marker they would be one list.
    let lists = "---\ntitle: Lists\n---\n\n- a\n- b\n\n* c\n* d\n";
    std::fs::write(root.join("content/lists.md"), lists).unwrap();
    let report = format_site(&root, &[], true).unwrap();
    assert_eq!(report.kept_as_written, ["content/lists.md"]);
    assert_eq!(report.changed, ["content/communities/messy.md"]);

    let run = crate::support::run(&root, &["fmt"]);
    assert!(
        run.stderr.contains(
            "note: content/lists.md: its text is left as written, because its standard form would read differently"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(root.join("content/lists.md")).unwrap(), lists);
    // A tidy body, or one fmt tidies, is not named.
    assert!(!run.stderr.contains("messy.md: its text"), "{}", run.stderr);
    assert_eq!(format_site(&root, &[], true).unwrap().kept_as_written, ["content/lists.md"]);
}

#[test]
fn only_the_given_files_and_folders_are_formatted() {
    let root = copy_site(&fixture("fmt/messy"), "fmt-messy-paths");
    let report = format_site(&root, &[root.join("content/about.md")], true).unwrap();
    assert_eq!((report.files, report.changed.len()), (1, 0));
    let report = format_site(&root, &[root.join("content/communities")], true).unwrap();
    assert_eq!(report.files, 2);
    assert_eq!(report.changed, ["content/communities/messy.md"]);
    // Paths outside content/, and files that are not content, are refused.
    assert!(format_site(&root, &[root.join("fieldbook.toml")], true).is_err());
    assert!(format_site(&root, std::slice::from_ref(&root), true).is_err());
    assert!(format_site(&root, &[root.join("content/missing.md")], true).is_err());
    let report = format_site(&root, &[root.join("content/projects/tidy.md")], false).unwrap();
    assert!(report.changed.is_empty());
    assert!(std::fs::read_to_string(root.join("content/communities/messy.md")).unwrap().starts_with("---\n# Who"));
}

#[test]
fn screening_yes_keeps_its_meaning() {
    let root = copy_site(&fixture("fmt/messy"), "fmt-messy-screening");
    let text = std::fs::read_to_string(root.join("content/projects/tidy.md")).unwrap();
    let (schema, _) = fieldbook::schema_in_force(&root).unwrap();
    // A plain yes marks the criterion; a quoted one is a note that says "yes".
    assert_eq!(format_text(&text, ContentType::Project, &schema, "tidy.md").unwrap(), text);
}

/// 200 cases, or FIELDBOOK_FUZZ_CASES (as for the fuzz tests).
fn config() -> ProptestConfig {
    let cases = std::env::var("FIELDBOOK_FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(200);
    ProptestConfig { cases, max_shrink_iters: 500, failure_persistence: None, ..ProptestConfig::default() }
}

/// A frontmatter value of any shape, with any text, for the property tests.
fn value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        any::<String>().prop_map(serde_json::Value::from),
        "[ -~]{0,12}".prop_map(serde_json::Value::from),
        prop::sample::select(vec![
            "yes",
            "no",
            "null",
            "~",
            "12",
            "00123",
            "1e3",
            "2026-03-14",
            "unknown",
            "a: b",
            "#x",
            ""
        ])
        .prop_map(serde_json::Value::from),
        any::<i32>().prop_map(serde_json::Value::from),
        any::<bool>().prop_map(serde_json::Value::from),
        Just(serde_json::Value::Null),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
            prop::collection::btree_map(key(), inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Keys the schema knows, in any order, and others.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "title",
            "status",
            "population",
            "assessed",
            "indicators",
            "age-distribution",
            "gender-distribution",
            "access-to-services",
            "value",
            "n",
            "disaggregation",
            "sex",
            "female",
            "male",
            "criteria",
            "returnee-numbers",
            "status",
            "evidence",
            "research",
            "q1",
            "screening",
            "brings-together",
        ])
        .prop_map(String::from),
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(config())]

    /// Whatever the frontmatter holds (written as JSON, which is YAML too) and whatever the
    /// body, formatting succeeds, reads back the same (format_text checks that itself) and is
    /// stable.
    #[test]
    fn any_frontmatter_formats_stably(
        fields in prop::collection::btree_map(key(), value(), 0..8),
        body in prop::sample::select(vec!["", "Text\n", "# H {#id}\n\n* a\n* b\n", "x[^1]\n\n[^1]: n\n", "a  \nb\\\n"]),
        content_type in prop::sample::select(ContentType::ALL.to_vec()),
    ) {
        let json = serde_json::to_string(&fields).unwrap();
        let text = format!("---\n{json}\n---\n{body}");
        let schema = fieldbook::schema::Schema::builtin();
        let once = format_text(&text, content_type, &schema, "content/x.md");
        let once = match once {
            Ok(once) => once,
            // Only what YAML itself refuses (keys too long to be keys, say) may fail.
            Err(d) => { prop_assert_eq!(d.code, "invalid-yaml", "{}", d.render()); return Ok(()); }
        };
        let twice = format_text(&once, content_type, &schema, "content/x.md").unwrap();
        prop_assert_eq!(once, twice);
    }
}

/// One field of a generated frontmatter: its key, a value (text, or a few fields below it), and
/// optionally a comment above it and one after it.
type Field = (String, Result<String, Vec<(String, String, bool, bool)>>, bool, bool);

fn field_key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "title",
            "status",
            "summary",
            "country",
            "population",
            "tags",
            "indicators",
            "criteria",
            "research",
            "age-distribution",
            "gender-distribution",
            "migration-rates",
            "access-to-services",
            "returnee-numbers",
            "q1",
            "q11",
            "value",
            "source",
            "n",
            "status",
            "evidence",
            "female",
            "male",
        ])
        .prop_map(String::from),
        "[a-z][a-z_-]{0,8}",
    ]
}

fn fields() -> impl Strategy<Value = Vec<Field>> {
    let text = "[A-Za-z][A-Za-z0-9 ,.()-]{0,20}";
    let inner = prop::collection::btree_map(field_key(), (text, any::<bool>(), any::<bool>()), 1..5)
        .prop_map(|m| m.into_iter().map(|(k, (v, a, b))| (k, v, a, b)).collect::<Vec<_>>());
    let value = prop_oneof![text.prop_map(Ok), inner.prop_map(Err)];
    prop::collection::btree_map(field_key(), (value, any::<bool>(), any::<bool>()), 0..8)
        .prop_map(|m| m.into_iter().map(|(k, (v, a, b))| (k, v, a, b)).collect())
}

proptest! {
    #![proptest_config(config())]

    /// However the keys are reordered, every comment stays: a comment above a key is still
    /// right above it (or above the comments right above it), a comment after a value is still
    /// on that value's line.
    #[test]
    fn comments_survive_reordering(fields in fields(), content_type in prop::sample::select(ContentType::ALL.to_vec())) {
        let mut text = String::from("---\n");
        let mut expected = Vec::new();
        let mut n = 0;
        let mut line = |text: &mut String, indent: &str, key: &str, value: &str, above: bool, after: bool| {
            n += 1;
            if above {
                text.push_str(&format!("{indent}# above {n}\n"));
                expected.push((format!("# above {n}"), key.to_string(), true));
            }
            text.push_str(&format!("{indent}{key}:{value}"));
            if after {
                text.push_str(&format!("   # after {n}"));
                expected.push((format!("# after {n}"), key.to_string(), false));
            }
            text.push('\n');
        };
        for (key, value, above, after) in &fields {
            match value {
                Ok(v) => line(&mut text, "", key, &format!(" {v}"), *above, *after),
                Err(inner) => {
                    line(&mut text, "", key, "", *above, *after);
                    for (k, v, a, b) in inner {
                        line(&mut text, "  ", k, &format!(" {v}"), *a, *b);
                    }
                }
            }
        }
        text.push_str("---\n");
        let schema = fieldbook::schema::Schema::builtin();
        let out = format_text(&text, content_type, &schema, "content/x.md").unwrap();
        let lines: Vec<&str> = out.lines().collect();
        for (comment, key, above) in expected {
            let at = lines.iter().position(|l| l.ends_with(&comment)).unwrap_or_else(|| panic!("{comment} lost:\n{out}"));
            let keyed = |l: &str| {
                let l = l.trim_start().trim_start_matches("- ");
                l.starts_with(&format!("{key}:")) || l.starts_with(&format!("\"{key}\":"))
            };
            if above {
                let next = lines[at..].iter().find(|l| !l.trim_start().starts_with('#')).unwrap();
                prop_assert!(keyed(next), "{} is not above `{}`:\n{}", comment, key, out);
            } else {
                prop_assert!(keyed(lines[at]), "{} is not after `{}`:\n{}", comment, key, out);
            }
        }
        prop_assert_eq!(format_text(&out, content_type, &schema, "content/x.md").unwrap(), out);
    }
}

#[test]
fn the_bad_input_fixtures_never_make_fmt_panic() {
    let (schema, _) = fieldbook::schema_in_force(&example_root()).unwrap();
    let mut looked_at = 0;
    for entry in walkdir::WalkDir::new(fixture("bad-input")).into_iter().flatten() {
        let path = entry.path();
        if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(path) else { continue };
        looked_at += 1;
        if let Ok(once) = format_text(&text, ContentType::Community, &schema, "bad.md") {
            assert_eq!(format_text(&once, ContentType::Community, &schema, "bad.md").unwrap(), once, "{path:?}");
        }
    }
    assert!(looked_at > 20);
}

#[test]
fn deeply_nested_markdown_is_formatted_or_kept_quickly() {
    let (schema, _) = fieldbook::schema_in_force(&example_root()).unwrap();
    for body in [
        format!("{}x\n", ">".repeat(5000)),
        format!("{}x{}\n", "[".repeat(3000), "](u)".repeat(3000)),
        format!("{}x{}\n", "<div>".repeat(5000), "</div>".repeat(5000)),
        "a_b ".repeat(20_000),
    ] {
        let text = format!("---\ntitle: T\n---\n\n{body}");
        let started = std::time::Instant::now();
        let once = format_text(&text, ContentType::Page, &schema, "deep.md").unwrap();
        assert!(started.elapsed().as_secs() < 30, "took {:?}", started.elapsed());
        assert_eq!(format_text(&once, ContentType::Page, &schema, "deep.md").unwrap(), once);
    }
}

/// Markdown pieces, odd ones included, for bodies.
const BODY_PIECES: &[&str] = &[
    "# Title {#custom-id}\n",
    "## Section {#s .class}\n",
    "Setext {#st}\n===\n",
    "Text with *emphasis*, __strong__, `code`, a_b_c, 2 > 1, 3 < 4, & more!\n",
    "-- dashes and \"quotes\" and 'single' and ... dots\n",
    "[by id](community:tanger-nord#criteria) and [a file](../projects/x.md#frag)\n",
    "[ref]\n\n[ref]: https://example.org \"Title\"\n",
    "Footnote[^1] and another[^long-note].\n",
    "[^1]: The first note.\n",
    "[^long-note]: A note\n    with two lines.\n",
    "| a | b |\n|:--|--:|\n| 1 | long cell |\n",
    "- [ ] task\n- [x] done\n",
    "* star\n* list\n",
    "+ plus\n",
    "1. one\n2. two\n",
    "3) paren\n",
    "> quote\n> more\n",
    "    indented code\n",
    "```rust\nfenced\n```\n",
    "~~~\ntilde fence\n~~~\n",
    "<div class=\"x\">\nraw *html*\n</div>\n",
    "inline <b>html</b> &amp; &copy; &#35;\n",
    "hard  \nbreak and \\\nbackslash\n",
    "~strike~ and ~~strike~~\n",
    "***\n",
    "line one\nline two\r\n",
    "\n\n\n",
    "<https://auto.link> <a@b.c>\n",
    "\\# not a heading \\* not a list\n",
    "1986\\. A year.\n",
];

/// A body as HTML, with line breaks as a browser reads them (CR LF and a lone CR are LF).
fn html_of(body: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(body, fieldbook::markdown::options()));
    html.replace("\r\n", "\n").replace('\r', "\n")
}

proptest! {
    #![proptest_config(config())]

    /// Any body formats to one that renders the same, and formatting it again changes nothing.
    #[test]
    fn any_body_renders_the_same_after_fmt(
        pieces in prop::collection::vec(prop::sample::select(BODY_PIECES.to_vec()), 0..8),
        separators in prop::collection::vec(prop::sample::select(vec!["", "\n", "\n\n"]), 8),
        crlf in any::<bool>(),
    ) {
        let mut body: String = pieces.iter().zip(&separators).map(|(p, s)| format!("{p}{s}")).collect();
        if crlf {
            body = body.replace('\n', "\r\n");
        }
        let text = format!("---\ntitle: T\n---\n{body}");
        let schema = fieldbook::schema::Schema::builtin();
        let once = format_text(&text, ContentType::Page, &schema, "content/x.md").unwrap();
        let new_body = &once[once.find("---\n\n").or_else(|| once.find("---\r\n\r\n")).map_or(once.len(), |i| i + 3)..];
        prop_assert_eq!(html_of(new_body), html_of(&body));
        prop_assert_eq!(format_text(&once, ContentType::Page, &schema, "content/x.md").unwrap(), once);
    }

    /// Any single-line value written bare, however odd, is formatted to something that reads
    /// back the same (format_text checks), stably.
    #[test]
    fn any_bare_value_formats_stably(
        key in field_key(),
        value in "[ -~\u{a0}-\u{17f}\u{2028}\u{feff}]{0,24}",
        content_type in prop::sample::select(ContentType::ALL.to_vec()),
    ) {
        let text = format!("---\n{key}: {value}\nlist:\n  - {value}\n---\n");
        let schema = fieldbook::schema::Schema::builtin();
        match format_text(&text, content_type, &schema, "content/x.md") {
            Ok(once) => prop_assert_eq!(format_text(&once, content_type, &schema, "content/x.md").unwrap(), once),
            Err(d) => prop_assert_eq!(d.code, "invalid-yaml", "{}", d.render()),
        }
    }
}

/// A new profile's commented-out indicators, after one of them is given as a list and another
/// over several lines: `fmt` keeps every comment in the column of the indicators, so that
/// uncommenting one, as the file says to, gives an indicator and not a top-level field. The
/// formatted profile is pinned in fmt/scaffold/pikine.<language>.md.
#[test]
fn a_new_profiles_commented_out_indicators_stay_indicators_after_fmt() {
    for language in ["en", "fr"] {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("fmt-scaffold-{language}"));
        let _ = std::fs::remove_dir_all(&dir);
        let init = crate::support::fieldbook().arg("init").arg(&dir).args(["--language", language]).output().unwrap();
        assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));
        let new = run(&dir, &["new", "community", "Pikine", "--country", "Senegal", "--by", "ONG"]);
        assert_eq!(new.code, 0, "{}", new.stderr);
        let path = dir.join("content/communities/pikine.md");
        let scaffold = std::fs::read_to_string(&path).unwrap();
        let edited = scaffold
            .replacen("  # languages-spoken:\n", "  languages-spoken:\n    - Wolof\n    - French\n", 1)
            .replacen("  # access-to-services:\n", "  access-to-services:\n    value: 61\n    n: 212\n", 1);
        assert_ne!(edited, scaffold);
        std::fs::write(&path, &edited).unwrap();

        let formatted = run(&dir, &["fmt"]);
        assert_eq!(formatted.code, 0, "{}", formatted.stderr);
        let once = std::fs::read_to_string(&path).unwrap();
        crate::support::assert_matches_file(&once, &fixture(&format!("fmt/scaffold/pikine.{language}.md")));
        // Every comment as it was written, indentation and all, in the same order.
        let comments = |text: &str| {
            text.lines().filter(|l| l.trim_start().starts_with('#')).map(str::to_string).collect::<Vec<_>>()
        };
        assert_eq!(comments(&once), comments(&edited), "{language}");
        assert!(once.contains("  languages-spoken: [Wolof, French]\n  #\n"), "{once}");

        // Formatting again changes nothing.
        assert_eq!(run(&dir, &["fmt"]).code, 0);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), once, "{language}: fmt is not idempotent");

        // Uncommented and given a value, an indicator is one.
        let uncommented = once.replacen("  # essential-needs-coverage:\n", "  essential-needs-coverage: 40\n", 1);
        assert_ne!(uncommented, once);
        std::fs::write(&path, &uncommented).unwrap();
        let checked = run(&dir, &["check", "--quiet"]);
        assert_eq!((checked.code, checked.stderr.as_str()), (0, ""), "{language}");
        assert_eq!(run(&dir, &["fmt"]).code, 0);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            uncommented,
            "{language}: fmt moved the uncommented indicator"
        );
    }
}
