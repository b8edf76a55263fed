//! A template that names something that does not exist: a filter, test, function or component
//! Tera does not have, a template to include that the theme does not have, or a block that no
//! template it extends has (so it would never be shown). Tera finds these once every template
//! is read, and reports them together as one text; each becomes a diagnostic here, at its place
//! in the site's file, with the nearest name that exists.

use crate::diagnostic::{Diagnostic, Location, did_you_mean};
use crate::messages::Message;
use crate::source::{SourceFile, Span};

use super::problems::display_path;

/// The code of a name that does not exist.
const CODE: &str = "template-unknown";

/// Tera's own filters, tests and functions (version 2.4), and the function Fieldbook adds
/// (`count`): the names a misspelt one is compared with. A test renders each of them, so a
/// name Tera drops fails it; one Tera adds is only missing from the suggestions.
const FILTERS: &[&str] = &[
    "abs",
    "capitalize",
    "default",
    "escape",
    "escape_html",
    "escape_xml",
    "first",
    "float",
    "get",
    "group_by",
    "indent",
    "int",
    "join",
    "keys",
    "last",
    "length",
    "lower",
    "newlines_to_br",
    "nth",
    "pairs",
    "pluralize",
    "replace",
    "reverse",
    "round",
    "safe",
    "sort",
    "split",
    "str",
    "title",
    "trim",
    "trim_end",
    "trim_start",
    "truncate",
    "unique",
    "upper",
    "values",
    "wordcount",
];

/// Tera's own tests (see [`FILTERS`]).
const TESTS: &[&str] = &[
    "array",
    "bool",
    "containing",
    "defined",
    "divisible_by",
    "ending_with",
    "even",
    "float",
    "integer",
    "iterable",
    "map",
    "none",
    "number",
    "odd",
    "starting_with",
    "string",
    "undefined",
];

/// Tera's own functions and Fieldbook's `count` (see [`FILTERS`]).
const FUNCTIONS: &[&str] = &["count", "range", "throw"];

/// The diagnostics for Tera's report `text` of names that do not exist, given every template's
/// name and text; empty when `text` is not such a report (or names a template not given).
pub(super) fn diagnostics(text: &str, templates: &[(String, String)]) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for report in text.split("\n\nerror: ") {
        let Some(one) = diagnostic(report.trim_start_matches("error: "), templates) else { return Vec::new() };
        found.push(one);
    }
    found
}

/// One report: `Unknown filter `x``, then ` --> name:line:column`, the quoted line and its
/// carets.
fn diagnostic(report: &str, templates: &[(String, String)]) -> Option<Diagnostic> {
    let mut lines = report.lines();
    let said = lines.next()?.trim();
    let place = lines.next()?.trim().strip_prefix("--> ")?;
    let (rest, column) = place.rsplit_once(':')?;
    let (name, line) = rest.rsplit_once(':')?;
    let (line, column): (usize, usize) = (line.parse().ok()?, column.parse().ok()?);
    let width = lines.find(|l| l.contains('^')).map_or(1, |l| l.chars().filter(|c| *c == '^').count());
    let (_, text) = templates.iter().find(|(n, _)| n == name)?;
    let source = SourceFile::new(display_path(&format!("templates/{name}")), name, text.clone());
    let line_start: usize =
        text.split_inclusive('\n').take(line.checked_sub(1)?).map(str::len).sum::<usize>().min(text.len());
    let offset_in =
        |chars: usize| text[line_start..].char_indices().nth(chars).map_or(text.len(), |(at, _)| line_start + at);
    let start = offset_in(column.saturating_sub(1));
    let end = offset_in(column.saturating_sub(1) + width).max(start);
    let location = Location::at(&source, Span::new(start, end));
    let (message, help) = explain(said, templates)?;
    Some(Diagnostic::error_said(CODE, location, message).with_help_said(help))
}

/// The message and help for Tera's sentence `said`: `Unknown filter `x``, `Block `x` is not
/// defined in any parent template`.
fn explain(said: &str, templates: &[(String, String)]) -> Option<(Message, Message)> {
    let named = said.split('`').nth(1)?;
    let (id, candidates): (&'static str, Vec<&str>) = if said.starts_with("Unknown filter") {
        ("theme.unknown-filter", FILTERS.to_vec())
    } else if said.starts_with("Unknown test") {
        ("theme.unknown-test", TESTS.to_vec())
    } else if said.starts_with("Unknown function") {
        ("theme.unknown-function", FUNCTIONS.to_vec())
    } else if said.starts_with("Unknown component") {
        ("theme.unknown-component", Vec::new())
    } else if said.starts_with("Unknown template") {
        ("theme.unknown-template", templates.iter().map(|(n, _)| n.as_str()).collect())
    } else if said.starts_with("Block") && said.ends_with("is not defined in any parent template") {
        ("theme.unknown-block", templates.iter().flat_map(|(_, text)| block_names(text)).collect())
    } else {
        return None;
    };
    let message = Message::new(id).with("name", named);
    let help = match did_you_mean(named, candidates.iter().copied().filter(|c| *c != named)) {
        Some(near) => Message::new("hint.did-you-mean").with("near", near),
        None if id == "theme.unknown-template" => Message::new("theme.unknown-template-help"),
        None if id == "theme.unknown-block" => Message::new("theme.unknown-block-help"),
        None => Message::new("theme.unknown-help"),
    };
    Some((message, help))
}

/// The names of the blocks `text` opens (`{% block main %}`).
fn block_names(text: &str) -> impl Iterator<Item = &str> {
    text.split("{%").skip(1).filter_map(|tag| {
        let mut words = tag.trim_start_matches('-').split_whitespace();
        (words.next() == Some("block")).then(|| words.next()).flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The diagnostics for templates `templates`, which Tera must refuse.
    fn refused(templates: &[(&str, &str)]) -> Vec<Diagnostic> {
        let templates: Vec<(String, String)> = templates.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
        let mut tera = tera::Tera::default();
        crate::render::theme::register_count(
            &mut tera,
            std::sync::Arc::new(crate::locale::Locale::new("en", &Default::default())),
        );
        let error = tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str()))).unwrap_err();
        crate::render::theme::problems::template_error(&error, &templates)
    }

    #[test]
    fn each_unknown_name_is_placed_with_the_nearest_one() {
        let found = refused(&[
            ("base.html", "<main>{% block main %}{% endblock main %}</main>"),
            ("a.html", "<p>{{ x | uppr }}</p>\n<p>{{ rnage(end=2) }} {% include \"bse.html\" %}</p>"),
            ("b.html", "{% extends \"base.html\" %}{% block mian %}x{% endblock mian %}"),
            ("c.html", "{% if x is evn %}x{% endif %}"),
        ]);
        // Each as `file:line:column message / help`.
        let shown: Vec<String> = found
            .iter()
            .map(|d| {
                assert_eq!(d.code, CODE);
                let (line, column) = (d.location.line.unwrap_or(0), d.location.column.unwrap_or(0));
                let help = d.help.clone().unwrap_or_default();
                format!("{}:{line}:{column} {} / {help}", d.location.file, d.message)
            })
            .collect();
        let has = |file: &str, line: usize, column: usize, message: &str, help: &str| {
            let wanted = format!("themes/default/templates/{file}:{line}:{column} {message} / {help}");
            assert!(shown.contains(&wanted), "{wanted} not in {shown:#?}");
        };
        has("a.html", 1, 11, "there is no filter `uppr`", "did you mean `upper`?");
        has("a.html", 2, 7, "there is no function `rnage`", "did you mean `range`?");
        has("a.html", 2, 34, "there is no template `bse.html` to include", "did you mean `base.html`?");
        has(
            "b.html",
            1,
            35,
            "no template this one extends has a block `mian`, so it would never be shown",
            "did you mean `main`?",
        );
        has("c.html", 1, 12, "there is no test `evn`", "did you mean `even`?");
        assert_eq!(found.len(), 5);
        let frame = found.iter().find(|d| d.message.contains("uppr")).unwrap().render();
        assert!(frame.contains("1 | <p>{{ x | uppr }}</p>\n  |           ^^^^"), "{frame}");
    }

    #[test]
    fn every_name_suggested_is_one_tera_has() {
        let mut tera = tera::Tera::default();
        crate::render::theme::register_count(
            &mut tera,
            std::sync::Arc::new(crate::locale::Locale::new("en", &Default::default())),
        );
        let uses: Vec<String> = FILTERS
            .iter()
            .map(|f| format!("{{{{ x | {f} }}}}"))
            .chain(TESTS.iter().map(|t| format!("{{% if x is {t} %}}{{% endif %}}")))
            .chain(FUNCTIONS.iter().map(|f| format!("{{{{ {f}() }}}}")))
            .collect();
        // Each is only named: Tera checks the names when the template is added.
        tera.add_raw_template("all.html", &uses.join("\n")).unwrap();
    }

    #[test]
    fn another_report_is_left_to_the_caller() {
        assert!(diagnostics("something else entirely", &[]).is_empty());
        assert!(diagnostics("error: Unknown filter `x`\n --> gone.html:1:1\n", &[]).is_empty());
    }
}
