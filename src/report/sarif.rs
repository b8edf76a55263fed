//! Problems as SARIF 2.1.0, the format code-review tools read (GitHub code scanning, GitLab,
//! reviewdog): one run, one result per diagnostic in the order given, and the rules of the
//! codes used, from [`crate::codes`].
//!
//! Paths are relative to the site folder, against the base `%SRCROOT%`; columns count
//! characters (`columnKind` is `unicodeCodePoints`), as every Fieldbook diagnostic does.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::diagnostic::{Diagnostic, Diagnostics, Location, Severity};

/// The schema a SARIF 2.1.0 log names.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The SARIF log of `diagnostics`. Every diagnostic is a result (nothing is summed up; the
/// per-file cap holds as in every output), and `tool.driver.rules` holds the codes used, sorted
/// by id, each result pointing at its rule by `ruleIndex`.
pub fn sarif(diagnostics: &Diagnostics) -> Value {
    let mut used: BTreeMap<&'static str, usize> = diagnostics.iter().map(|d| (d.code, 0)).collect();
    for (index, slot) in used.values_mut().enumerate() {
        *slot = index;
    }
    let rules: Vec<Value> = used.keys().map(|code| rule(code)).collect();
    let results: Vec<Value> = diagnostics.iter().map(|d| result(d, used[d.code])).collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "fieldbook",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

fn rule(code: &str) -> Value {
    match crate::codes::find(code) {
        Some(known) => json!({
            "id": known.id,
            "shortDescription": { "text": known.means },
            "help": { "text": known.fix },
        }),
        None => json!({ "id": code }),
    }
}

fn result(d: &Diagnostic, rule_index: usize) -> Value {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let text = match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.clone(),
    };
    let mut out = json!({
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": level,
        "message": { "text": text },
        "locations": [{ "physicalLocation": physical(&d.location) }],
    });
    if !d.notes.is_empty() {
        let related: Vec<Value> = d
            .notes
            .iter()
            .enumerate()
            .map(|(i, note)| {
                json!({
                    "id": i,
                    "physicalLocation": physical(&note.location),
                    "message": { "text": note.message },
                })
            })
            .collect();
        out["relatedLocations"] = Value::Array(related);
    }
    out
}

fn physical(location: &Location) -> Value {
    let mut out = json!({
        "artifactLocation": { "uri": uri(&location.file), "uriBaseId": "%SRCROOT%" },
    });
    if let Some(line) = location.line {
        let mut region = json!({ "startLine": line });
        if let Some(column) = location.column {
            region["startColumn"] = json!(column);
        }
        out["region"] = region;
    }
    out
}

/// A site-relative path as a relative URI.
pub fn uri(path: &str) -> String {
    crate::text::uri_path(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_relative_uris() {
        assert_eq!(uri("content/communities/Rif Est/port.md"), "content/communities/Rif%20Est/port.md");
        assert_eq!(uri("content/Tétouan.md"), "content/T%C3%A9touan.md");
        assert_eq!(uri("content/a_b-c.d~e.md"), "content/a_b-c.d~e.md");
    }

    #[test]
    fn a_result_has_its_rule_place_help_and_notes() {
        let mut list = Diagnostics::new();
        list.push(
            Diagnostic::warning("duplicate-entry", Location::file("b.md"), "again")
                .with_help("remove it")
                .with_note("first here", Location::file("a.md")),
        );
        list.push(Diagnostic::error("broken-link", Location::file("a.md"), "gone"));
        let log = sarif(&list);
        let run = &log["runs"][0];
        assert_eq!(run["tool"]["driver"]["rules"][0]["id"], "broken-link");
        assert_eq!(run["tool"]["driver"]["rules"][1]["id"], "duplicate-entry");
        let first = &run["results"][0];
        assert_eq!((first["ruleIndex"].as_u64(), first["level"].as_str()), (Some(1), Some("warning")));
        assert_eq!(first["message"]["text"], "again\nhelp: remove it");
        assert_eq!(first["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"], "a.md");
        assert!(first["locations"][0]["physicalLocation"].get("region").is_none(), "no line, no region");
        assert_eq!(run["results"][1]["level"], "error");
    }
}
