//! Every diagnostic code in the registry (`fieldbook::codes::CODES`) is pinned: it is named,
//! as `[code]` or `"code"`, in an expected output or in a test's source. That shows a test
//! states it, not that the test runs the code's path: the expected files are made by running
//! Fieldbook, and the assertions compare what it produced. A code that no
//! test produces could change or break unseen; a code missing from the registry fails every
//! test that produces it (the registry is checked in debug builds).

use std::path::Path;

/// The text of every test and fixture: integration tests, their expected outputs, and the
/// unit tests in the library's sources.
fn test_texts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    for entry in walkdir::WalkDir::new(root.join("tests")).into_iter().flatten() {
        let is_test = entry.path().extension().is_some_and(|e| e == "rs" || e == "txt" || e == "json");
        if entry.file_type().is_file() && is_test {
            texts.push(std::fs::read_to_string(entry.path()).unwrap_or_default());
        }
    }
    for entry in walkdir::WalkDir::new(root.join("src")).into_iter().flatten() {
        if entry.path().extension().is_some_and(|e| e == "rs") && entry.file_type().is_file() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            // Only the unit tests: a module's code names its codes without testing them.
            let tests = if entry.file_name() == "tests.rs" {
                Some(text.as_str())
            } else {
                text.find("#[cfg(test)]").map(|at| &text[at..])
            };
            texts.extend(tests.map(str::to_string));
        }
    }
    texts
}

#[test]
fn every_diagnostic_code_is_pinned_by_a_test() {
    let texts = test_texts();
    let unpinned: Vec<&str> = fieldbook::codes::CODES
        .iter()
        .map(|c| c.id)
        .filter(|id| !texts.iter().any(|t| t.contains(&format!("[{id}]")) || t.contains(&format!("\"{id}\""))))
        .collect();
    assert!(unpinned.is_empty(), "no test produces these codes: {unpinned:?}");
}

#[test]
fn the_rare_codes_are_produced() {
    let root = crate::support::fixture("check/rare-codes");
    let result = crate::support::run(&root, &["check"]);
    crate::support::assert_matches_file(
        &format!("{}[exit: {}]\n", result.stderr, result.code),
        &root.join("expected.txt"),
    );
    let root = crate::support::fixture("check/no-content");
    let result = crate::support::run(&root, &["check"]);
    assert!(result.stderr.contains("error[no-content]"), "{}", result.stderr);
    assert_eq!(result.code, 1);
}

#[test]
fn explain_prints_a_code_s_meaning_and_what_to_do_offline() {
    let root = crate::support::fixture("check/no-content");
    let result = crate::support::run(&root, &["explain", "error[broken-link]"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let code = fieldbook::codes::find("broken-link").unwrap();
    assert!(result.stdout.starts_with("broken-link\n\n"), "{}", result.stdout);
    assert!(result.stdout.contains(code.means) && result.stdout.contains(code.fix), "{}", result.stdout);
    let all = crate::support::run(&root, &["explain"]);
    assert_eq!(all.stdout.lines().count(), fieldbook::codes::CODES.len());
    let unknown = crate::support::run(&root, &["explain", "brokn-link"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("did you mean `broken-link`?"), "{}", unknown.stderr);
}
