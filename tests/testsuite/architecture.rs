//! The shape of the library, as ARCHITECTURE.md states it: the stages import only earlier
//! stages and the ground floor, the ground floor imports no stage and no tool, and no source
//! file grows past 800 lines.

use std::path::Path;

/// The pipeline's stages, in order.
const STAGES: [&str; 5] = ["load", "validate", "link", "render", "write"];
/// Modules every stage may use, which use no stage.
const GROUND: [&str; 23] = [
    "codes",
    "config",
    "country",
    "coverage",
    "date",
    "diagnostic",
    "digest",
    "disclosure",
    "error",
    "figure_refs",
    "files",
    "geo",
    "locale",
    "messages",
    "markdown",
    "model",
    "raw_html",
    "report",
    "round",
    "schema",
    "source",
    "text",
    "timing",
];
/// Commands and tools built on the pipeline, which nothing in it may use.
const TOOLS: [&str; 8] = ["cli", "corpus", "fmt", "loaded", "reference", "scaffold", "serve", "survey"];

/// A library source file.
struct Source {
    /// Its path under src/.
    file: String,
    /// The top-level module it belongs to.
    module: String,
    /// Its code, without unit tests and comments.
    code: String,
    /// Its length in lines, everything included.
    lines: usize,
}

/// Every library source file.
fn sources() -> Vec<Source> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&src).into_iter().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let relative = path.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        let module = relative.split('/').next().unwrap().trim_end_matches(".rs").to_string();
        let text = std::fs::read_to_string(path).unwrap();
        let lines = text.lines().count();
        let code = match text.find("#[cfg(test)]") {
            Some(at) => &text[..at],
            None => &text,
        };
        let code: String = code.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
        let code = if relative.ends_with("tests.rs") { String::new() } else { code };
        out.push(Source { file: relative, module, code, lines });
    }
    out
}

#[test]
fn stages_import_only_downwards() {
    let mut wrong = Vec::new();
    for Source { file, module, code, .. } in sources() {
        let module = module.as_str();
        let stage = STAGES.iter().position(|s| *s == module);
        for (at, _) in code.match_indices("crate::") {
            let used: String = code[at + 7..].chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
            if used == module || used.is_empty() {
                continue;
            }
            let used_stage = STAGES.iter().position(|s| *s == used);
            let tool = TOOLS.contains(&used.as_str());
            let back = matches!((stage, used_stage), (Some(a), Some(b)) if b > a);
            let from_ground = GROUND.contains(&module) && (used_stage.is_some() || tool);
            if back || from_ground || (stage.is_some() && tool) {
                wrong.push(format!("{file} uses crate::{used}"));
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(wrong.is_empty(), "imports against the stages:\n{}", wrong.join("\n"));
}

#[test]
fn every_module_has_a_place_and_no_file_is_too_long() {
    for Source { file, module, lines, .. } in sources() {
        let module = module.as_str();
        let placed = STAGES.contains(&module)
            || GROUND.contains(&module)
            || TOOLS.contains(&module)
            || ["lib", "main"].contains(&module);
        assert!(placed, "src/{file}: the module `{module}` is neither a stage, the ground floor nor a tool");
        assert!(lines <= 800, "src/{file} has {lines} lines; split it along its seams");
    }
}
