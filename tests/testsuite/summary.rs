//! How `check` and `build` sum up many warnings: a generated site of 60 profiles (made at test
//! time, in a temporary folder) whose output is pinned in summary/sixty-profiles.txt, and
//! `--all` and the JSON output, which list everything.

use std::path::{Path, PathBuf};

use crate::support::{assert_matches_file, fixture, run};

/// The published indicators every generated profile gives.
const GIVEN: [&str; 12] = [
    "age-distribution",
    "gender-distribution",
    "educational-achievement",
    "migration-rates",
    "perception-of-migration",
    "safety-levels",
    "income-and-employment",
    "languages-spoken",
    "land-and-tenure-security",
    "social-activities",
    "support-networks",
    "access-to-services",
];

/// A site of `profiles` profiles in a fresh folder: each gives the 12 indicators of [`GIVEN`]
/// (as `unknown`), every third two more; every eighth is due for review; the first
/// `misspelt` have a misspelt field, an error.
fn generated_site(name: &str, profiles: usize, misspelt: usize) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("content/communities")).unwrap();
    std::fs::write(root.join("fieldbook.toml"), "title = \"Sixty\"\nreview_interval_months = 12\n").unwrap();
    for i in 0..profiles {
        let mut given: Vec<&str> = GIVEN.to_vec();
        if i % 3 == 0 {
            given.extend(["essential-needs-coverage", "diaspora-links"]);
        }
        let indicators: String = given.iter().map(|id| format!("  {id}: unknown\n")).collect();
        let assessed = if i % 8 == 0 { "2025-12-15" } else { "2026-06-01" };
        let typo = if i < misspelt { "populaton: 1200\n" } else { "" };
        let text = format!(
            "---\ntitle: Village {i:02}\nstatus: published\ncountry: Morocco\nassessed: {assessed}\n\
             assessed_by: [Association Tadamoun]\nmethods: [desk-review]\n{typo}indicators:\n{indicators}\
             criteria:\n  returnee-numbers: met\n  returnee-profiles: partial\n  community-interest: met\n  \
             basic-infrastructure: met\n  service-availability: partial\n  stability-and-opportunity: partial\n  \
             civil-society-activism: met\n---\n## Context\n\nA village.\n"
        );
        std::fs::write(root.join(format!("content/communities/village-{i:02}.md")), text).unwrap();
    }
    root
}

#[test]
fn sixty_profiles_print_every_error_and_a_summary_of_the_warnings() {
    let root = generated_site("summary-sixty", 60, 7);
    let result = run(&root, &["check"]);
    assert_matches_file(&format!("{}[exit: {}]\n", result.stderr, result.code), &fixture("summary/sixty-profiles.txt"));
    assert_eq!(result.code, 1);
    // Every error, though there are more than five of the kind.
    assert_eq!(result.stderr.matches("error[unknown-field]").count(), 7, "{}", result.stderr);
    // The coverage warnings, one line for the site.
    assert_eq!(result.stderr.matches("warning[missing-indicators]").count(), 1, "{}", result.stderr);
    assert!(result.stderr.contains(
        "warning[missing-indicators]: 60 profiles do not give every indicator; median coverage 12 of 18 published indicators (67%)"
    ));
    // Eight reviews due: the first five, then a count.
    assert_eq!(result.stderr.matches("warning[review-due]: this profile").count(), 5);
    assert!(result.stderr.contains(
        "warning[review-due]: 3 more like this are not shown (8 in all); `fieldbook check --all` shows them"
    ));
    assert!(result.stderr.ends_with(
        "checked 60 files: 7 errors (7 unknown-field), 68 warnings (60 missing-indicators, 8 review-due)\n"
    ));
}

#[test]
fn with_all_every_warning_is_printed() {
    let root = generated_site("summary-sixty-all", 60, 7);
    let result = run(&root, &["check", "--all"]);
    assert_eq!(result.stderr.matches("warning[missing-indicators]: this profile gives").count(), 60);
    assert!(result.stderr.contains(
        "warning[missing-indicators]: this profile gives 12 of 18 published indicators (67% coverage); missing:"
    ));
    assert_eq!(result.stderr.matches("warning[review-due]: this profile").count(), 8);
    assert_eq!(result.stderr.matches("error[unknown-field]").count(), 7);
    assert!(!result.stderr.contains("more like this"), "{}", result.stderr);
    assert!(result.stderr.ends_with(
        "checked 60 files: 7 errors (7 unknown-field), 68 warnings (60 missing-indicators, 8 review-due)\n"
    ));
}

#[test]
fn json_lists_every_warning_with_counts_by_kind() {
    let root = generated_site("summary-sixty-json", 60, 0);
    let result = run(&root, &["check", "--format", "json"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let doc: serde_json::Value = serde_json::from_str(&result.stdout).unwrap();
    let diagnostics = doc["diagnostics"].as_array().unwrap();
    let of = |code: &str| diagnostics.iter().filter(|d| d["code"] == code).count();
    assert_eq!((diagnostics.len(), of("missing-indicators"), of("review-due")), (68, 60, 8));
    assert_eq!(doc["summary"]["warnings"], 68);
    assert_eq!(doc["summary"]["by_code"]["warnings"]["missing-indicators"], 60);
    assert_eq!(doc["summary"]["by_code"]["warnings"]["review-due"], 8);
}

#[test]
fn build_prints_the_same_summary_and_builds() {
    let root = generated_site("summary-sixty-build", 60, 0);
    let result = run(&root, &["build"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert_eq!(result.stderr.matches("warning[missing-indicators]").count(), 1, "{}", result.stderr);
    assert!(result.stderr.contains("`fieldbook build --all` shows them"), "{}", result.stderr);
    assert!(result.stderr.contains("checked 60 files: 0 errors, 68 warnings (60 missing-indicators, 8 review-due)\n"));
    let all = run(&root, &["build", "--all"]);
    assert_eq!(all.stderr.matches("warning[missing-indicators]").count(), 60, "{}", all.stderr);
}

#[test]
fn a_profile_page_and_check_give_the_same_coverage() {
    // Village 01 gives 12 of the 18 published indicators: 66.7%, shown as 67% in both.
    let root = generated_site("summary-coverage-agrees", 2, 0);
    let check = run(&root, &["check", "--all"]);
    assert!(
        check.stderr.contains("this profile gives 12 of 18 published indicators (67% coverage)"),
        "{}",
        check.stderr
    );
    let build = run(&root, &["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let page = std::fs::read_to_string(root.join("site/communities/village-01.html")).unwrap();
    assert!(page.contains("Coverage</a>: 12 of 18 published indicators given (67%)"), "{page}");
    let listing = std::fs::read_to_string(root.join("site/coverage/index.html")).unwrap();
    assert!(listing.contains("<td class=\"cov-share\">67%</td>"), "{listing}");
}

#[test]
fn the_internal_build_counts_the_sensitive_indicators_and_says_so() {
    let root = generated_site("summary-coverage-internal", 2, 0);
    let build = run(&root, &["build", "--include-confidential"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let page = std::fs::read_to_string(root.join("site-internal/communities/village-01.html")).unwrap();
    assert!(page.contains("Coverage</a>: 12 of 20 indicators given, sensitive ones included (60%)"), "{page}");
}

#[test]
fn serve_prints_the_same_summary_when_it_loads() {
    use std::io::BufRead;
    let root = generated_site("summary-sixty-serve", 60, 0);
    let mut child = crate::support::fieldbook()
        .arg("--root")
        .arg(&root)
        .args(["serve", "--port", "0"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start fieldbook serve");
    let stderr = child.stderr.take().expect("stderr");
    let mut printed = String::new();
    for line in std::io::BufReader::new(stderr).lines() {
        let Ok(line) = line else { break };
        printed.push_str(&line);
        printed.push('\n');
        if line.starts_with("loaded the site") {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(printed.matches("warning[missing-indicators]").count(), 1, "{printed}");
    assert!(printed.contains("warning[review-due]: 3 more like this are not shown (8 in all)"), "{printed}");
    let last = printed.lines().last().unwrap_or("");
    assert!(last.ends_with(": 68 warnings (60 missing-indicators, 8 review-due)"), "{printed}");
}
