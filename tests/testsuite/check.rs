//! `fieldbook check`: every diagnostic kind pinned with its exact text, position and code
//! frame, the exit codes, and the JSON, SARIF and GitHub outputs. Each case is a small site in
//! check/<case>/, and its expected output is check/<case>/expected.txt (stderr, then the exit
//! code).

use crate::support::{assert_matches_file, fixture, run};

fn check_case(case: &str) -> crate::support::Run {
    let root = fixture(&format!("check/{case}"));
    let result = run(&root, &["check"]);
    let shown = format!("{}[exit: {}]\n", result.stderr, result.code);
    assert_matches_file(&shown, &root.join("expected.txt"));
    result
}

#[test]
fn many_warnings_of_a_kind_show_five_then_a_count() {
    let result = check_case("many-warnings");
    assert_eq!(result.stderr.matches("warning[personal-email]: `").count(), 5);
    assert!(result.stderr.contains("warning[personal-email]: 18 more like this are not shown (23 in all)"));
    assert!(result.stderr.ends_with("checked 1 file: 0 errors, 23 warnings (23 personal-email)\n"));
    // With --all, the first twenty of the file, then the per-file count.
    let all = run(&fixture("check/many-warnings"), &["check", "--all"]);
    assert_eq!(all.stderr.matches("warning[personal-email]: `").count(), 20);
    assert!(all.stderr.contains("warning[more-warnings]: 3 more `personal-email` warnings in this file"));
    // The line is long: each frame shows a window of it.
    assert!(all.stderr.lines().all(|l| l.chars().count() < 200), "{}", all.stderr);
}

#[test]
fn twenty_thousand_addresses_on_one_line_make_twenty_one_short_warnings() {
    let root = crate::html::copy_site(&fixture("check/many-warnings"), "check-twenty-thousand-addresses");
    let line: Vec<String> = (0..20_000).map(|i| format!("fatima{i}@example.org")).collect();
    let text = format!("---\ntitle: List\nstatus: published\n---\n{}\n", line.join(" "));
    std::fs::write(root.join("content/list.md"), text).unwrap();
    let result = run(&root, &["check", "--all"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert_eq!(result.stderr.matches("warning[personal-email]").count(), 20);
    assert!(result.stderr.contains("19,980 more `personal-email` warnings"), "{}", result.stderr);
    assert!(result.stderr.len() < 12_000, "{} bytes of output", result.stderr.len());
    let summed = run(&root, &["check"]);
    assert!(summed.stderr.contains("19,995 more like this are not shown (20,000 in all)"), "{}", summed.stderr);
    assert!(summed.stderr.ends_with("0 errors, 20,000 warnings (20,000 personal-email)\n"), "{}", summed.stderr);
}

#[test]
fn misspelled_indicator_is_located_with_a_suggestion() {
    let result = check_case("unknown-indicator");
    assert_eq!(result.code, 1);
    // The acceptance test, spelled out: line 10, column 3, and the suggestion.
    assert!(result.stderr.contains("error[unknown-indicator]: unknown indicator `acess-to-services`"));
    assert!(result.stderr.contains("--> content/communities/tanger-nord.md:10:3"));
    assert!(result.stderr.contains("help: did you mean `access-to-services`?"));
}

#[test]
fn clean_site_exits_zero() {
    let result = check_case("clean");
    assert_eq!(result.code, 0);
    assert!(result.stderr.ends_with("checked 2 files: 0 errors, 0 warnings\n"), "{}", result.stderr);
}

#[test]
fn ten_broken_files_are_all_reported_in_one_run() {
    let result = check_case("ten-broken-files");
    assert_eq!(result.code, 1);
    let broken = [
        "unclosed-quote.md",
        "tab-indent.md",
        "no-frontmatter.md",
        "never-closed.md",
        "typo-field.md",
        "bad-date.md",
        "bad-distribution.md",
        "bad-refs.md",
        "bad-sector.md",
        "no-topic.md",
    ];
    for file in broken {
        assert!(
            result.stderr.lines().any(|l| l.contains("-->") && l.contains(file)),
            "no error reported for {file}:\n{}",
            result.stderr
        );
    }
}

#[test]
fn wrong_value_kinds_are_explained() {
    let result = check_case("value-kinds");
    assert_eq!(result.code, 1);
    // A rating off the scale lists the scale's points.
    assert!(
        result.stderr.contains("help: expected 1 to 5: 1 very negative, 2 negative, 3 mixed,"),
        "{}",
        result.stderr
    );
    // In the site's language, the scale's labels are the language's too.
    let root = crate::html::copy_site(&fixture("check/value-kinds"), "check-value-kinds-fr");
    std::fs::write(root.join("fieldbook.toml"), "title = \"Fixture\"\nlanguage = \"fr\"\n").unwrap();
    let french = run(&root, &["check"]);
    assert!(
        french.stderr.contains("`perception-of-migration` se note de 1 (très négative) à 5 (très positive)"),
        "{}",
        french.stderr
    );
    assert!(french.stderr.contains("1 très négative, 2 négative, 3 mitigée"), "{}", french.stderr);
}

#[test]
fn warnings_alone_exit_zero() {
    let result = check_case("warnings-only");
    assert_eq!(result.code, 0);
    for code in ["review-overdue", "review-due", "missing-indicators", "unsuggested-method", "small-count", "no-status"]
    {
        assert!(result.stderr.contains(&format!("warning[{code}]")), "no {code} warning:\n{}", result.stderr);
    }
}

#[test]
fn body_links_are_checked() {
    let result = check_case("links");
    assert_eq!(result.code, 1);
}

#[test]
fn raw_html_links_are_checked_as_markdown_links_are() {
    let result = check_case("raw-html-links");
    assert_eq!(result.code, 1);
    for code in ["unsafe-link", "absolute-link", "broken-link", "confidential-link", "remote-image"] {
        assert!(result.stderr.contains(&format!("error[{code}]")), "no {code}:\n{}", result.stderr);
    }
}

#[test]
fn duplicate_ids_are_errors() {
    let result = check_case("duplicates");
    assert_eq!(result.code, 1);
}

/// `Rif Est/port.md` and `rif-est/port.md` would both be published as
/// `communities/rif-est/port.html`. Two files can only share a page when they share an id
/// (pages are named after their id, under their folders' slugs), so this is reported as a
/// duplicate id, naming both files, and nothing is built over the other.
#[test]
fn files_in_folders_that_slug_alike_cannot_share_a_page() {
    let result = check_case("colliding-folders");
    assert_eq!(result.code, 1);
    assert!(result.stderr.contains("error[duplicate-id]: two files have the id `port`"), "{}", result.stderr);
    assert!(result.stderr.contains("content/communities/Rif Est/port.md"), "{}", result.stderr);
    assert!(result.stderr.contains("content/communities/rif-est/port.md"), "{}", result.stderr);
    let root = fixture("check/colliding-folders");
    let copy = crate::html::copy_site(&root, "check-colliding-folders");
    let built = run(&copy, &["build"]);
    assert_eq!(built.code, 1, "{}", built.stderr);
    assert!(!copy.join("site").exists(), "a site was built over the duplicate");
}

#[test]
fn json_output_is_machine_readable() {
    let root = fixture("check/unknown-indicator");
    let result = run(&root, &["check", "--format", "json"]);
    assert_eq!(result.code, 1);
    assert_matches_file(&result.stdout, &root.join("expected.json"));
    let parsed: serde_json::Value = serde_json::from_str(&result.stdout).expect("valid JSON");
    let diagnostics = parsed["diagnostics"].as_array().expect("a list of diagnostics");
    let unknown = diagnostics.iter().find(|d| d["code"] == "unknown-indicator").expect("the unknown indicator");
    assert_eq!(unknown["severity"], "error");
    assert_eq!(unknown["location"]["file"], "content/communities/tanger-nord.md");
    assert_eq!(unknown["location"]["line"], 10);
    assert_eq!(unknown["location"]["column"], 3);
    assert_eq!(unknown["help"], "did you mean `access-to-services`?");
    assert_eq!(parsed["summary"]["errors"], 1);
}

/// The places the human output points at (`--> file:line:column`), in order, notes included.
fn places_shown(stderr: &str) -> Vec<(String, u64, u64)> {
    stderr
        .lines()
        .filter_map(|l| l.split_once("--> ").map(|(_, place)| place))
        .filter_map(|place| {
            let mut parts = place.rsplitn(3, ':');
            let (column, line, file) = (parts.next()?, parts.next()?, parts.next()?);
            Some((file.to_string(), line.parse().ok()?, column.parse().ok()?))
        })
        .collect()
}

#[test]
fn sarif_output_is_a_valid_sarif_log_at_the_places_the_human_output_shows() {
    let root = fixture("check/unknown-indicator");
    let result = run(&root, &["check", "--format", "sarif"]);
    assert_eq!(result.code, 1, "the exit code is check's");
    let log: serde_json::Value = serde_json::from_str(&result.stdout).expect("valid JSON");
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().is_some_and(|s| s.ends_with("sarif-2.1.0.json")), "{}", log["$schema"]);
    let runs = log["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1);
    let run_ = &runs[0];
    assert_eq!(run_["columnKind"], "unicodeCodePoints");
    let driver = &run_["tool"]["driver"];
    assert_eq!(driver["name"], "fieldbook");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().expect("rules");
    for rule in rules {
        let id = rule["id"].as_str().expect("a rule id");
        let code = fieldbook::codes::find(id).unwrap_or_else(|| panic!("`{id}` is not in codes::CODES"));
        assert_eq!(rule["shortDescription"]["text"], code.means);
        assert_eq!(rule["help"]["text"], code.fix);
    }
    let results = run_["results"].as_array().expect("results");
    // Every diagnostic is a result, as in the JSON output.
    let json = run(&root, &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(results.len(), json["diagnostics"].as_array().unwrap().len());
    let mut places = Vec::new();
    for (r, d) in results.iter().zip(json["diagnostics"].as_array().unwrap()) {
        assert_eq!(r["ruleId"], d["code"]);
        assert_eq!(r["level"], d["severity"]);
        assert!(matches!(r["level"].as_str(), Some("error" | "warning")), "{r}");
        let index = r["ruleIndex"].as_u64().expect("a rule index") as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        let text = r["message"]["text"].as_str().expect("a message");
        assert!(text.starts_with(d["message"].as_str().unwrap()), "{text}");
        let location = &r["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let file = location["artifactLocation"]["uri"].as_str().expect("a uri").to_string();
        let region = &location["region"];
        places.push((file, region["startLine"].as_u64().unwrap(), region["startColumn"].as_u64().unwrap()));
    }
    let human = run(&root, &["check", "--all"]);
    assert_eq!(places, places_shown(&human.stderr));
    assert!(places.contains(&("content/communities/tanger-nord.md".into(), 10, 3)), "{places:?}");
    let unknown = results.iter().find(|r| r["ruleId"] == "unknown-indicator").unwrap();
    assert_eq!(
        unknown["message"]["text"],
        "unknown indicator `acess-to-services`\nhelp: did you mean `access-to-services`?"
    );
}

#[test]
fn sarif_notes_are_related_locations_and_paths_are_uris() {
    let root = fixture("check/colliding-folders");
    let result = run(&root, &["check", "--format", "sarif"]);
    assert_eq!(result.code, 1);
    let log: serde_json::Value = serde_json::from_str(&result.stdout).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let duplicate = results.iter().find(|r| r["ruleId"] == "duplicate-id").expect("the duplicate");
    let related = &duplicate["relatedLocations"][0];
    assert_eq!(related["message"]["text"], "the other one");
    assert_eq!(related["physicalLocation"]["artifactLocation"]["uri"], "content/communities/Rif%20Est/port.md");
}

#[test]
fn github_output_is_one_workflow_command_per_diagnostic_then_the_summary() {
    let root = fixture("check/duplicates");
    let result = run(&root, &["check", "--format", "github"]);
    assert_matches_file(&format!("{}[exit: {}]\n", result.stdout, result.code), &root.join("expected-github.txt"));
    assert_eq!(result.code, 1);
    let lines: Vec<&str> = result.stdout.lines().collect();
    let (summary, commands) = lines.split_last().unwrap();
    assert!(summary.starts_with("checked 4 files: 2 errors"), "{summary}");
    assert!(commands.iter().all(|l| l.starts_with("::error file=") || l.starts_with("::warning file=")));
    // Nothing is summed up.
    let human = run(&root, &["check", "--all"]);
    let headers = human.stderr.lines().filter(|l| l.starts_with("error[") || l.starts_with("warning[")).count();
    assert_eq!(commands.len(), headers);
}

#[test]
fn no_site_is_a_usage_error() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-site");
    std::fs::create_dir_all(&dir).unwrap();
    let result = run(&dir, &["check"]);
    assert_eq!(result.code, 2);
    assert!(result.stderr.starts_with("error: no fieldbook.toml in"), "{}", result.stderr);
}

#[test]
fn broken_config_is_located() {
    let result = check_case("bad-config");
    assert_eq!(result.code, 1);
}

#[test]
fn personal_data_in_public_content_is_warned_about() {
    let result = check_case("personal-data");
    assert_eq!(result.code, 0, "warnings only");
    for expected in [
        "`Fatima Zahra Benali` looks like a person's name",
        "`Mr Sow` looks like a person's name",
        "`registrar.dagana@example.sn` looks like an email address",
        "`77 123 45 67` looks like a phone number",
    ] {
        assert!(result.stderr.contains(expected), "missing: {expected}\n{}", result.stderr);
    }
    // Contacts are never published, and confidential pages are for the team: no warning.
    assert!(!result.stderr.contains("Mamadou") && !result.stderr.contains("m.diallo"), "{}", result.stderr);
    let personal: Vec<&str> = result.stderr.split("\n\n").filter(|block| block.contains("[personal-")).collect();
    assert_eq!(personal.len(), 4, "{personal:#?}");
    assert!(personal.iter().all(|block| !block.contains("closed.md")), "a confidential page was scanned");
}

/// A site's wording file whose entries are not all text or counted phrases: each such entry is
/// an error of its own, at its form when it is about one, else at its key, all at once and in
/// the reader's language.
#[test]
fn each_entry_of_a_wording_file_that_is_not_wording_is_said_at_its_place() {
    let root = crate::html::copy_site(&fixture("check/broken-theme"), "check-wording-shapes");
    let wording = concat!(
        "community = \"Community\"\n",
        "communities_count = { one = \"{n} community\", several = \"{n} communities\" }\n",
        "countries_count = { one = \"{n} country\" }\n",
        "next_review = 3\n",
    );
    std::fs::write(root.join("themes/default/i18n/en.toml"), wording).unwrap();
    let result = run(&root, &["check"]);
    assert_eq!(result.code, 1, "{}", result.stderr);
    let said = [
        ("`communities_count` has a form `several`, which is not a plural category", "en.toml:2:46"),
        ("the counted phrase `countries_count` has no `other` form, which every language needs", "en.toml:3:1"),
        ("`next_review` is neither text nor a counted phrase", "en.toml:4:1"),
    ];
    for (message, at) in said {
        let error = format!("error[theme-strings]: {message}\n --> themes/default/i18n/{at}");
        assert!(result.stderr.contains(&error), "missing: {error}\n{}", result.stderr);
    }
    let help =
        "help: name each form of a counted phrase by one of CLDR's plural categories: zero, one, two, few, many, other";
    assert!(result.stderr.contains(help), "{}", result.stderr);
    assert!(result.stderr.contains("help: add `other = \"…\"`"), "{}", result.stderr);
    let french = crate::support::run_speaking("fr", &root, &["check"]);
    assert!(
        french.stderr.contains("`next_review` n'est ni un texte ni une expression qui compte"),
        "{}",
        french.stderr
    );
}

#[test]
fn a_broken_theme_is_reported_by_check_at_the_cause_and_build_shows_the_same() {
    let result = check_case("broken-theme");
    assert_eq!(result.code, 1);
    // The unclosed `{% if %}` is at line 31; Tera only notices at the `endblock` of line 55.
    assert!(result.stderr.contains("error[template-unclosed-block]: this `{% if %}` is never closed"));
    assert!(result.stderr.contains("--> themes/default/templates/community.html:31:1"), "{}", result.stderr);
    assert!(result.stderr.contains("help: add `{% endif %}` where its block ends"));
    assert!(result.stderr.contains("error[theme-strings]"));
    assert!(result.stderr.contains("--> themes/default/i18n/en.toml:2:15"));
    let root = crate::html::copy_site(&fixture("check/broken-theme"), "check-broken-theme-build");
    let build = run(&root, &["build"]);
    assert_eq!(build.code, 1);
    assert!(build.stderr.contains("--> themes/default/templates/community.html:31:1"), "{}", build.stderr);
    assert!(build.stderr.contains("--> themes/default/i18n/en.toml:2:15"), "{}", build.stderr);
    assert!(!root.join("site").exists(), "nothing is built");
}

#[test]
fn names_a_template_uses_that_do_not_exist_are_each_placed_by_check() {
    let root = crate::html::copy_site(&fixture("check/clean"), "check-unknown-names");
    let templates = root.join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("project.html"),
        "{% extends \"document.html\" %}{% block kind %}{{ doc.title | uppr }}{% endblock kind %}\n{% block mian %}{% endblock mian %}\n",
    )
    .unwrap();
    let result = run(&root, &["check"]);
    assert_eq!(result.code, 1, "{}", result.stderr);
    for expected in [
        "error[template-unknown]: there is no filter `uppr`\n --> themes/default/templates/project.html:1:61",
        "help: did you mean `upper`?",
        "error[template-unknown]: no template this one extends has a block `mian`, so it would never be shown\n --> themes/default/templates/project.html:2:10",
        "help: did you mean `main`?",
    ] {
        assert!(result.stderr.contains(expected), "{expected}\n{}", result.stderr);
    }
    // The same in the site's language, and from `build`, which writes nothing.
    let said = crate::support::run_speaking("es", &root, &["build"]);
    assert_eq!(said.code, 1, "{}", said.stderr);
    assert!(said.stderr.contains("error[template-unknown]: no hay ningún filtro `uppr`"), "{}", said.stderr);
    assert!(!root.join("site").exists(), "nothing is built");
}

#[test]
fn a_list_item_cut_at_a_comma_inside_parentheses_is_pointed_out() {
    let root = crate::html::copy_site(&fixture("check/clean"), "check-list-item-cut");
    std::fs::write(
        root.join("content/notes.md"),
        "---\ntitle: Notes\nstatus: published\ntags: [water, Water for four douars (commune, 2023 to 2025), roads]\n---\n\nText.\n",
    )
    .unwrap();
    let result = run(&root, &["check"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let said = "warning[list-item-cut]: `Water for four douars (commune` and `2023 to 2025)` in `tags` read as one item cut in two at a comma inside parentheses\n --> content/notes.md:4:15";
    assert!(result.stderr.contains(said), "{}", result.stderr);
    assert!(
        result.stderr.contains("put this one in quotes, \"Water for four douars (commune, 2023 to 2025)\""),
        "{}",
        result.stderr
    );
    // Quoted, it is one item, and nothing is said.
    std::fs::write(
        root.join("content/notes.md"),
        "---\ntitle: Notes\nstatus: published\ntags: [water, \"Water for four douars (commune, 2023 to 2025)\"]\n---\n\nText.\n",
    )
    .unwrap();
    let result = run(&root, &["check", "--all"]);
    assert!(!result.stderr.contains("list-item-cut"), "{}", result.stderr);
}

#[test]
fn distributions_may_be_off_by_the_rounding_their_figures_imply() {
    let result = check_case("distribution-rounding");
    assert_eq!(result.code, 1);
    let refused: Vec<&str> = result.stderr.split("\n\n").filter(|b| b.contains("error[distribution-sum]")).collect();
    assert_eq!(refused.len(), 2, "{refused:#?}");
    // 98 in two whole parts (± 1) and 99.6 in three parts to a tenth (± 0.15) are refused;
    // 33/33/33, 99 and 101 in three whole parts (± 1.5) and 33.3 × 3 are not.
    assert!(refused[0].contains("ninety-eight.md") && refused[0].contains("so 100 ± 1 here"), "{}", refused[0]);
    assert!(refused[1].contains("tenths-short.md") && refused[1].contains("so 100 ± 0.15 here"), "{}", refused[1]);
}

#[test]
fn a_community_named_by_its_title_and_a_published_unviable_project_are_pointed_out() {
    let result = check_case("names-and-screening");
    assert_eq!(result.code, 1);
    // `Douar Kébir (Example)` is the profile's title, in other case and accents: its id is offered.
    assert!(result.stderr.contains("help: did you mean `douar-kebir`? it is the id of the profile titled"));
    assert!(result.stderr.contains("warning[not-viable-published]"));
    assert!(result.stderr.contains("--> content/projects/oil-press.md:10:3"));
}

#[test]
fn a_suggested_link_to_a_file_is_written_so_that_it_works() {
    let root = crate::html::copy_site(&fixture("check/clean"), "check-link-suggestion");
    // A file whose name holds `#` and a space: as written in a link, `#` starts a heading's name.
    std::fs::write(root.join("content/communities/two words#x.md"), "---\ntitle: Two\n---\n").unwrap();
    let page = root.join("content/communities/douar-kebir.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, format!("{text}\nSee [two](<two words#x.md>).\n")).unwrap();
    let result = run(&root, &["check"]);
    assert!(result.stderr.contains("help: did you mean `two%20words%23x.md`?"), "{}", result.stderr);
    // And so written, the link works.
    std::fs::write(&page, format!("{text}\nSee [two](two%20words%23x.md).\n")).unwrap();
    let result = run(&root, &["check"]);
    assert!(!result.stderr.contains("broken-link"), "{}", result.stderr);
}

#[test]
fn a_link_to_a_file_that_is_there_but_not_published_says_so() {
    let root = crate::html::copy_site(&fixture("check/clean"), "check-link-unpublished");
    std::fs::write(root.join("content/communities/run.sh"), "echo hi\n").unwrap();
    std::fs::write(root.join("content/communities/.env"), "KEY=1\n").unwrap();
    let page = root.join("content/communities/douar-kebir.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, format!("{text}\n[script](run.sh), [settings](.env), [gone](gone.csv).\n")).unwrap();
    let result = run(&root, &["check"]);
    for file in ["run.sh", ".env"] {
        assert!(
            result
                .stderr
                .contains(&format!("error[broken-link]: `{file}` is not published, so this link would lead nowhere")),
            "{}",
            result.stderr
        );
        assert!(
            result.stderr.contains(&format!("content/communities/{file} is left out of the site")),
            "{}",
            result.stderr
        );
    }
    assert!(result.stderr.contains("error[broken-link]: `gone.csv` does not exist"), "{}", result.stderr);
    assert!(result.stderr.contains("warning[file-not-published]"), "{}", result.stderr);
}

#[test]
fn quiet_prints_only_errors() {
    // A site with warnings only: nothing at all.
    let clean = run(&fixture("check/warnings-only"), &["check", "--quiet"]);
    assert_eq!((clean.code, clean.stderr.as_str(), clean.stdout.as_str()), (0, "", ""));
    // A site with errors and warnings: the errors and the summary line, no warning.
    let result = run(&fixture("check/links"), &["check", "-q"]);
    assert_eq!(result.code, 1);
    assert!(result.stderr.contains("error[broken-link]"), "{}", result.stderr);
    assert!(!result.stderr.contains("warning["), "{}", result.stderr);
    assert!(result.stderr.lines().last().unwrap().starts_with("checked "), "{}", result.stderr);
    // A quiet build that succeeds says nothing.
    let root = crate::html::copy_site(&fixture("check/warnings-only"), "quiet-build");
    let built = run(&root, &["build", "-q"]);
    assert_eq!((built.code, built.stderr.as_str()), (0, ""));
    assert!(root.join("site/index.html").is_file());
}

#[test]
fn messages_are_coloured_on_request_and_plain_otherwise() {
    let root = fixture("check/unknown-indicator");
    let coloured = run(&root, &["--color", "always", "check"]);
    assert!(coloured.stderr.contains("\x1b[1;31merror[unknown-indicator]\x1b[0m"), "{:?}", coloured.stderr);
    assert!(coloured.stderr.contains("\x1b[1;36mhelp:\x1b[0m"), "{:?}", coloured.stderr);
    // Not a terminal, and never: plain, byte for byte the pinned output.
    for args in [&["check"][..], &["--color", "never", "check"]] {
        let plain = run(&root, args);
        assert!(!plain.stderr.contains('\x1b'), "{args:?}: {:?}", plain.stderr);
    }
    // NO_COLOR does not stop --color always (it only turns off auto).
    let output = crate::support::fieldbook()
        .env("NO_COLOR", "1")
        .arg("--root")
        .arg(&root)
        .args(["--color", "always", "check"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&output.stderr).contains('\x1b'));
}

#[test]
fn a_country_not_recognized_is_a_located_warning_with_a_suggestion() {
    let result = check_case("countries");
    assert_eq!(result.code, 0, "warnings only");
    assert!(result.stderr.contains("warning[unknown-country]: `Marocco`"), "{}", result.stderr);
    assert!(result.stderr.contains("did you mean `Morocco`?"), "{}", result.stderr);
    assert!(result.stderr.contains("warning[unknown-country-code]: `mar`"), "{}", result.stderr);
    assert!(result.stderr.contains("write it in capitals: `MAR`"), "{}", result.stderr);
    // A code given for a name in another language is enough.
    assert!(!result.stderr.contains("Sénégal"), "{}", result.stderr);
    // A code that contradicts the name is told; a region's code says where it is, so its
    // location is checked against that country's outline, with no word.
    assert!(result.stderr.contains("warning[country-code-mismatch]: `SEN` is the code of Senegal, not of Morocco"));
    assert!(!result.stderr.contains("region.md") && !result.stderr.contains("[map-country]"), "{}", result.stderr);
}

/// Two files of a site's theme whose published paths differ only in case (`Logo.png` and
/// `logo.png`, `Style.css` beside Fieldbook's own `style.css`, `img/` and `Img/`) would
/// overwrite each other, or make one folder, on Windows, macOS or a USB stick: `check` refuses
/// them as it refuses such files of `content/`, each located at the theme's file, and `build`
/// says the same and writes nothing.
#[test]
fn theme_files_that_differ_only_in_case_are_refused_by_check() {
    // The files that clash with the fixture's are made here: a checkout on Windows or macOS
    // could not hold both.
    let fixture_root = fixture("check/theme-case-clash");
    let root = crate::html::copy_site(&fixture_root, "check-theme-case-clash");
    let stat = root.join("themes/default/static");
    std::fs::write(stat.join("logo.png"), "logo two").unwrap();
    std::fs::create_dir_all(stat.join("img")).unwrap();
    std::fs::write(stat.join("img/a.png"), "a").unwrap();
    let result = run(&root, &["check"]);
    let shown = format!("{}[exit: {}]\n", result.stderr, result.code);
    crate::support::assert_matches_file(&shown, &fixture_root.join("expected.txt"));
    assert_eq!(result.code, 1);
    for file in ["static/logo.png", "static/Style.css", "static/img/a.png"] {
        assert!(result.stderr.contains(&format!("--> themes/default/{file}\n")), "{file}: {}", result.stderr);
    }
    let build = run(&root, &["build"]);
    assert_eq!(build.code, 1, "{}", build.stderr);
    assert!(build.stderr.contains("error[theme-path-taken]"), "{}", build.stderr);
    assert!(!build.stderr.contains("this is a bug in Fieldbook"), "{}", build.stderr);
    assert!(!root.join("site").exists(), "nothing is built");
}

/// An entry `check` reports as invalid (a percentage of 120) is not given: the profile's
/// coverage counts the two valid entries, as its page, the coverage page and the exports count
/// them (from the entries the site has, which leave the invalid one out), and the warning
/// names the entry not counted and why.
#[test]
fn an_invalid_entry_is_not_counted_as_given() {
    let result = check_case("invalid-entry-coverage");
    assert_eq!(result.code, 1);
    assert!(result.stderr.contains("error[out-of-range]"), "{}", result.stderr);
    assert!(
        result.stderr.contains("this profile gives 2 of 18 published indicators (11% coverage)"),
        "{}",
        result.stderr
    );
    assert!(result.stderr.contains("not counted as given: `educational-achievement`"), "{}", result.stderr);
    // What pages, the coverage page and the exports count: the entries the site has.
    let root = fixture("check/invalid-entry-coverage");
    let loaded = fieldbook::load_site(&root, fieldbook::date::Date::new(2026, 11, 22).unwrap()).unwrap();
    let profile = loaded.validated.docs[0].community().unwrap();
    let coverage =
        fieldbook::coverage::Coverage::of(&loaded.schema, profile.indicators.iter().map(|e| e.indicator), false);
    assert_eq!((coverage.given, coverage.total), (2, 18));
}

/// Content folders put beside `content/` instead of in it are named, and a `Content/` folder
/// where `content/` is missing is pointed at: neither is read, and before, nothing said so.
#[test]
fn content_in_the_wrong_place_is_pointed_at() {
    let root = crate::html::copy_site(&fixture("check/value-kinds"), "check-content-outside");
    std::fs::create_dir_all(root.join("communities")).unwrap();
    std::fs::write(root.join("communities/louga.md"), "---\ntitle: Louga\n---\n").unwrap();
    let result = run(&root, &["check"]);
    assert!(
        result.stderr.contains(
            "warning[folder-outside-content]: `communities/` is beside `content/`, not in it, so its pages are not read"
        ),
        "{}",
        result.stderr
    );
    assert!(
        result.stderr.contains("help: move `communities/` into `content/` (`content/communities/`)"),
        "{}",
        result.stderr
    );
    std::fs::rename(root.join("content"), root.join("Content")).unwrap();
    let result = run(&root, &["check"]);
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert!(result.stderr.contains("error[no-content]"), "{}", result.stderr);
    assert!(result.stderr.contains("help: there is a folder `Content/`: rename it `content`"), "{}", result.stderr);
}

/// An entry written by its label (as the scaffold's comments and the pages show it) rather
/// than its id, in the site's language or another, in any case and without its accents, is
/// answered with its id.
#[test]
fn a_label_written_for_an_id_is_answered_with_the_id() {
    let root = crate::html::copy_site(&fixture("check/value-kinds"), "check-label-for-id");
    std::fs::write(root.join("fieldbook.toml"), "title = \"Fixture\"\nlanguage = \"fr\"\n").unwrap();
    let profile = "---\ntitle: Pikine\nstatus: published\ncountry: Senegal\nassessed: 2026-10-01\nassessed_by: [x]\nmethods: [Revue documentaire]\nindicators:\n  ACCES AUX SERVICES: 47\n  Access to services: 47\n---\nTexte.\n";
    std::fs::write(root.join("content/communities/pikine.md"), profile).unwrap();
    let result = run(&root, &["check"]);
    for (label, id) in [("Revue documentaire", "desk-review"), ("ACCES AUX SERVICES", "access-to-services")] {
        let help = format!(
            "aide: `{label}` est le libellé de cette entrée\u{202f}: les fichiers la désignent par son identifiant, `{id}`"
        );
        assert!(result.stderr.contains(&help), "{label}:\n{}", result.stderr);
    }
    assert!(result.stderr.contains("`Access to services` est le libellé"), "{}", result.stderr);
}

/// A page's status written as a field of its own (`confidential: true`, `brouillon: oui`) is
/// answered with the `status` line to write.
#[test]
fn a_status_written_as_a_field_is_answered_with_the_status_line() {
    let root = crate::html::copy_site(&fixture("check/value-kinds"), "check-status-as-field");
    let page = "---\ntitle: Notes\nconfidential: true\n---\nText.\n";
    std::fs::write(root.join("content/notes.md"), page).unwrap();
    std::fs::write(root.join("content/brouillon.md"), "---\ntitle: B\nBrouillon: oui\n---\nText.\n").unwrap();
    let result = run(&root, &["check"]);
    assert!(
        result.stderr.contains(
            "help: a page's status is one field, `status`: write `status: confidential` instead of `confidential:`"
        ),
        "{}",
        result.stderr
    );
    assert!(result.stderr.contains("write `status: draft` instead of `Brouillon:`"), "{}", result.stderr);
}
