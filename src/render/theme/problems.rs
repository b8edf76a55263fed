//! A theme's problems as diagnostics: a template Tera refuses, an interface-strings file that
//! is not valid TOML. Each is located in the site's own file (`themes/default/templates/…`),
//! at the cause: for a block never closed, the tag that opens it, which Tera cannot point at
//! (it only notices at the end of the file, or at a closing tag of another block).

use tera::ErrorKind;

use crate::diagnostic::{Diagnostic, Location};
use crate::messages::Message;
use crate::source::{SourceFile, Span};

/// The folder a site's theme overrides live in, relative to the site root.
pub const THEME_DIR: &str = "themes/default";

/// The path messages show for the theme file `name` (`templates/community.html`).
pub fn display_path(name: &str) -> String {
    format!("{THEME_DIR}/{name}")
}

/// The diagnostics for Tera's refusal of the templates, given every template's name and text:
/// one for a template that does not parse; one for each filter, test, function, component,
/// included template or block that a template names and that does not exist.
pub fn template_error(error: &tera::Error, templates: &[(String, String)]) -> Vec<Diagnostic> {
    if let ErrorKind::Msg(text) = error.kind() {
        let found = super::unknown::diagnostics(text, templates);
        if !found.is_empty() {
            return found;
        }
    }
    vec![template_error_once(error, templates)]
}

fn template_error_once(error: &tera::Error, templates: &[(String, String)]) -> Diagnostic {
    let source_of = |name: &str| {
        templates
            .iter()
            .find(|(n, _)| n == name)
            .map(|(n, text)| SourceFile::new(display_path(&format!("templates/{n}")), n, text.clone()))
    };
    match error.kind() {
        ErrorKind::SyntaxError(report) => {
            let Some(source) = source_of(report.filename()) else {
                return whole_theme(error);
            };
            let span = report.span();
            let at = span.range.start.min(source.text.len());
            if let Some(found) =
                unbalanced_block(&source.text).filter(|found| found.noticed_at <= at.max(span.range.end))
            {
                return found.diagnostic(&source);
            }
            Diagnostic::error_said(
                "template-syntax",
                Location::at(&source, Span::new(at, span.range.end.min(source.text.len()))),
                Message::new("theme.syntax").with("reason", first_line(report.message())),
            )
            .with_help_said(Message::new("theme.syntax-help"))
        }
        ErrorKind::MissingParent { current, parent } => match source_of(current) {
            Some(source) => Diagnostic::error_said(
                "template-missing-parent",
                locate_word(&source, parent),
                Message::new("theme.missing-parent").with("parent", parent.as_str()),
            )
            .with_help_said(
                Message::new("theme.missing-parent-help").with("path", display_path(&format!("templates/{parent}"))),
            ),
            None => whole_theme(error),
        },
        _ => whole_theme(error),
    }
}

/// Tera's report of a template that failed while a page was made, with the list Tera adds of
/// every field or variable there is (over four hundred names for `t`, one line thousands of
/// characters long) cut down to the nearest name: "Field `coverag` is not defined. Did you
/// mean `coverage`?". A short list stays. A quoted line of the template wider than
/// [`QUOTED_WIDTH`] (the default theme's are up to 700 characters) is cut around its caret;
/// the rest of the report is Tera's, as it wrote it.
pub fn tidy_report(report: &str) -> String {
    let lines: Vec<&str> = report.split('\n').collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut k = 0;
    while k < lines.len() {
        if let Some((quoted, caret)) = lines.get(k + 1).and_then(|next| cut_around_caret(lines[k], next)) {
            out.push(quoted);
            out.push(caret);
            k += 2;
            continue;
        }
        out.push(tidy_line(lines[k]));
        k += 1;
    }
    out.join("\n")
}

/// The most characters of a template's line a report quotes.
pub const QUOTED_WIDTH: usize = 100;

/// A quoted line of the template (`9 | <tbody>…`) and the caret line under it (`  |   ^^^`),
/// cut to [`QUOTED_WIDTH`] characters around the caret, `…` where something was left out;
/// `None` when they are not such a pair or the line is narrow enough.
fn cut_around_caret(quoted: &str, caret: &str) -> Option<(String, String)> {
    let (number, code) = quoted.split_once(" | ")?;
    if number.trim().parse::<u32>().is_err() || code.chars().count() <= QUOTED_WIDTH {
        return None;
    }
    let (margin, marks) = caret.split_once(" | ")?;
    if !margin.trim().is_empty() {
        return None;
    }
    let start = marks.chars().take_while(|c| *c == ' ').count();
    let carets = marks[start..].chars().take_while(|c| *c == '^').count();
    let chars: Vec<char> = code.chars().collect();
    // A caret past the end of the line (where Tera saw the end of the input) is left as is.
    if carets == 0 || start >= chars.len() {
        return None;
    }
    let context = QUOTED_WIDTH.saturating_sub(carets.min(QUOTED_WIDTH)) / 2;
    let from = start.saturating_sub(context);
    let to = (start + carets + context).min(chars.len()).max(from);
    let before = if from > 0 { "…" } else { "" };
    let after = if to < chars.len() { "…" } else { "" };
    let shown: String = chars[from..to].iter().collect();
    let pad = " ".repeat(start - from + before.chars().count());
    let marked = "^".repeat(carets.min(to.saturating_sub(start)).max(1));
    Some((format!("{number} | {before}{shown}{after}"), format!("{margin} | {pad}{marked}")))
}

/// One line of Tera's report, its list of names cut down (see [`tidy_report`]).
fn tidy_line(line: &str) -> String {
    for (marker, what) in [(". Available fields: ", "fields"), (". Available variables: ", "variables")] {
        let Some((head, list)) = line.split_once(marker) else { continue };
        let names: Vec<&str> = list.split(", ").collect();
        // "Field `coverag` is not defined": the name between the first two backticks.
        let name = head.split('`').nth(1).unwrap_or_default();
        let tail = match crate::diagnostic::did_you_mean(name, names.iter().copied()) {
            Some(near) => format!(". Did you mean `{near}`?"),
            None if names.len() <= 12 => format!("{marker}{list}"),
            None => {
                format!(". None of the {} {what} here is close to it (the guide's page Themes lists them)", names.len())
            }
        };
        return format!("{head}{tail}");
    }
    line.to_string()
}

/// The diagnostics for an interface-strings file (`i18n/<lang>.toml`) that is not valid TOML
/// (said as fieldbook.toml's mistakes are, one), or whose entries are not all strings or
/// counted phrases (one for each such entry, at its key or its form).
pub fn strings_error(name: &str, text: &str, error: &crate::locale::WordingError) -> Vec<Diagnostic> {
    let source = SourceFile::new(display_path(name), name, text.to_string());
    if let Some(reader) = &error.reader {
        let mistake = crate::config::toml_mistake(&display_path(name), text, reader);
        let help = mistake.help.unwrap_or_else(|| Message::new("theme.strings-help"));
        return vec![
            Diagnostic::error_said("theme-strings", Location::at(&source, mistake.span), mistake.message)
                .with_help_said(help),
        ];
    }
    error.shapes.iter().map(|shape| shape_error(&source, shape)).collect()
}

/// The diagnostic for one entry of a wording file that is not wording, at its form when it is
/// about one, else at its key.
fn shape_error(source: &SourceFile, shape: &crate::locale::Shape) -> Diagnostic {
    use crate::locale::{CATEGORIES, Shape};
    let key = shape.key();
    let (message, help) = match shape {
        Shape::NotACategory { category, .. } => (
            Message::new("theme.strings-not-category").with("key", key).with("category", category.as_str()),
            Message::new("theme.strings-not-category-help").with("categories", CATEGORIES.join(", ")),
        ),
        Shape::FormNotText { category, .. } => (
            Message::new("theme.strings-form-not-text").with("key", key).with("category", category.as_str()),
            Message::new("theme.strings-help"),
        ),
        Shape::NoOther { .. } => {
            (Message::new("theme.strings-no-other").with("key", key), Message::new("theme.strings-no-other-help"))
        }
        Shape::NotText { .. } => {
            (Message::new("theme.strings-not-text").with("key", key), Message::new("theme.strings-help"))
        }
    };
    let location = match key_span(&source.text, key, shape.category()) {
        Some(span) => Location::at(source, span),
        None => Location::file(source.display_path.clone()),
    };
    Diagnostic::error_said("theme-strings", location, message).with_help_said(help)
}

/// Where `key` is written in a wording file's `text` (`key = …`, `"key" = …` or a table
/// `[key]`), or, with `form`, where that form of it is (`one = …` after the key): the first
/// such place.
fn key_span(text: &str, key: &str, form: Option<&str>) -> Option<Span> {
    let names = |name: &str| [format!("\"{name}\""), format!("'{name}'"), name.to_string()];
    // A name followed, after spaces, by `=` (or `]` for a table's header).
    let written_at = |from: usize, name: &str, ends: &[char]| -> Option<(usize, usize)> {
        names(name).into_iter().find_map(|written| {
            text[from..]
                .match_indices(written.as_str())
                .map(|(at, _)| from + at)
                .find(|&at| {
                    let before = text[..at].chars().next_back();
                    let after = text[at + written.len()..].trim_start_matches([' ', '\t']);
                    before.is_none_or(|c| c.is_whitespace() || matches!(c, '{' | ',' | '[')) && after.starts_with(ends)
                })
                .map(|at| (at, at + written.len()))
        })
    };
    let (start, end) = written_at(0, key, &['=', ']'])?;
    let Some(form) = form else { return Some(Span::new(start, end)) };
    let (start, end) = written_at(end, form, &['='])?;
    Some(Span::new(start, end))
}

/// The diagnostic for a template that is not UTF-8 text.
pub fn not_text(name: &str) -> Diagnostic {
    Diagnostic::error_said("template-not-text", Location::file(display_path(name)), Message::new("theme.not-text"))
        .with_help_said(Message::new("theme.not-text-help"))
}

/// A theme problem that points at no one file: a loop of `extends` or `include`, say.
fn whole_theme(error: &tera::Error) -> Diagnostic {
    Diagnostic::error_said(
        "template-error",
        Location::file(display_path("templates")),
        Message::new("theme.unusable").with("reason", first_line(&error.to_string())),
    )
    .with_help_said(Message::new("theme.unusable-help"))
}

/// The first place `word` appears in quotes in `source`, else the whole file.
fn locate_word(source: &SourceFile, word: &str) -> Location {
    for quoted in [format!("\"{word}\""), format!("'{word}'")] {
        if let Some(at) = source.text.find(&quoted) {
            return Location::at(source, Span::new(at, at + quoted.len()));
        }
    }
    Location::file(source.display_path.clone())
}

fn first_line(message: &str) -> &str {
    message.lines().next().unwrap_or(message).trim()
}

/// A block tag without its partner, found by scanning the template's tags.
#[derive(Debug, PartialEq, Eq)]
struct Unbalanced {
    /// The tag at fault: the opener never closed, or a closer that closes nothing.
    tag: Span,
    /// The tag's name: `if`, `for`, `endif`...
    name: String,
    /// What the scan met instead: the closer that does not match, or nothing (end of file).
    instead: Option<(Span, String)>,
    /// The byte where a parser notices: the mismatching closer, or the end of the file.
    noticed_at: usize,
}

impl Unbalanced {
    fn diagnostic(&self, source: &SourceFile) -> Diagnostic {
        let opens = !self.name.starts_with("end") && !self.name.starts_with("</");
        if !opens {
            let shown = source.slice(self.tag);
            return Diagnostic::error_said(
                "template-stray-end-tag",
                Location::at(source, self.tag),
                Message::new("theme.stray-end-tag").with("tag", shown),
            )
            .with_help_said(Message::new("theme.stray-end-tag-help"));
        }
        let closer = closer_of(&self.name);
        let mut diagnostic = Diagnostic::error_said(
            "template-unclosed-block",
            Location::at(source, self.tag),
            Message::new("theme.unclosed-block").with("name", self.name.as_str()),
        )
        .with_help_said(Message::new("theme.unclosed-block-help").with("closer", closer));
        if let Some((span, found)) = &self.instead {
            diagnostic = diagnostic.with_note_said(
                Message::new("theme.still-open").with("found", found.as_str()).with("name", self.name.as_str()),
                Location::at(source, *span),
            );
        }
        diagnostic
    }
}

/// The tag that closes a block opened by `name`.
fn closer_of(name: &str) -> String {
    match name.strip_prefix('<') {
        Some(component) => format!("</{component}>"),
        None => format!("end{name}"),
    }
}

/// The first block tag of `text` without its partner, if any: a closer that does not match
/// the innermost open block (then that block is reported), a closer with no open block, or a
/// block still open at the end. Comments, expressions and `raw` blocks are skipped.
fn unbalanced_block(text: &str) -> Option<Unbalanced> {
    let mut open: Vec<(Span, String)> = Vec::new();
    let mut rest = 0;
    while let Some(found) = text[rest..].find('{') {
        let start = rest + found;
        let after = &text[start + 1..];
        let (close, is_tag) = match after.as_bytes().first() {
            Some(b'%') => ("%}", true),
            Some(b'{') => ("}}", false),
            Some(b'#') => ("#}", false),
            _ => {
                rest = start + 1;
                continue;
            }
        };
        // A comment is words, whose apostrophes open no string (`{# the project's #}`).
        let len = if close == "#}" { text[start + 2..].find(close) } else { tag_length(&text[start + 2..], close) };
        let Some(len) = len else { break };
        let end = start + 2 + len + close.len();
        rest = end;
        if !is_tag {
            continue;
        }
        let inner = text[start + 2..start + 2 + len].trim_matches(|c: char| c == '-' || c == '+' || c.is_whitespace());
        let span = Span::new(start, end);
        let Some(name) = block_word(inner) else { continue };
        if name == "raw" {
            // Nothing inside a raw block is a tag.
            match find_tag(text, end, "endraw") {
                Some(after_raw) => {
                    rest = after_raw;
                    continue;
                }
                None => return Some(Unbalanced { tag: span, name, instead: None, noticed_at: text.len() }),
            }
        }
        let closes = name.starts_with("end") || name.starts_with("</");
        if !closes {
            open.push((span, name));
            continue;
        }
        match open.last() {
            Some((_, opener)) if closer_of(opener) == name => {
                open.pop();
            }
            Some((opener_span, opener)) => {
                return Some(Unbalanced {
                    tag: *opener_span,
                    name: opener.clone(),
                    instead: Some((span, text[span.start as usize..span.end as usize].to_string())),
                    noticed_at: start,
                });
            }
            None => return Some(Unbalanced { tag: span, name, instead: None, noticed_at: start }),
        }
    }
    open.pop().map(|(tag, name)| Unbalanced { tag, name, instead: None, noticed_at: text.len() })
}

/// The length of a tag's inside up to `close`, skipping quoted strings; None if unclosed.
fn tag_length(text: &str, close: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in text.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if matches!(c, '"' | '\'' | '`') => quote = Some(c),
            None if text[i..].starts_with(close) => return Some(i),
            None => {}
        }
    }
    None
}

/// The end of the first `{% word %}` tag at or after `from`.
fn find_tag(text: &str, from: usize, word: &str) -> Option<usize> {
    let mut rest = from;
    while let Some(found) = text[rest..].find("{%") {
        let start = rest + found + 2;
        let len = text[start..].find("%}")?;
        let inner = text[start..start + len].trim_matches(|c: char| c == '-' || c == '+' || c.is_whitespace());
        if inner == word {
            return Some(start + len + 2);
        }
        rest = start;
    }
    None
}

/// The name a tag opens or closes a block with (`if`, `endif`, `<card`, `</card>`), or None
/// for a tag that is no part of a pair (`extends`, `set x = 1`, `else`, `<card/>`).
fn block_word(inner: &str) -> Option<String> {
    if let Some(component) = inner.strip_prefix("</") {
        let name: String = component.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        return Some(format!("</{name}>"));
    }
    if let Some(component) = inner.strip_prefix('<') {
        if inner.ends_with("/>") {
            return None;
        }
        let name: String = component.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        return Some(format!("<{name}"));
    }
    let word: String = inner.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
    match word.as_str() {
        "if" | "for" | "block" | "filter" | "component" | "raw" => Some(word),
        "set" | "set_global" if !inner.contains('=') => Some("set".to_string()),
        "endif" | "endfor" | "endblock" | "endfilter" | "endcomponent" | "endraw" | "endset" => Some(word),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Option<(String, usize, Option<String>)> {
        unbalanced_block(text).map(|u| (u.name, u.tag.start as usize, u.instead.map(|(_, t)| t)))
    }

    #[test]
    fn balanced_templates_have_nothing_unbalanced() {
        let text = "{% extends \"base.html\" %}{% block main %}{% if a %}{{ '%}' }}{% else %}{# {% if %} #}\
                    {% endif %}{% for x in xs %}{% set y = x %}{% endfor %}{% raw %}{% if %}{% endraw %}\
                    {% set z %}z{% endset %}{% <card(a=1)> %}{% <pill/> %}{% </card> %}{%- endblock main -%}";
        assert_eq!(found(text), None);
        // An apostrophe in a comment is a word's, not a string's.
        assert_eq!(found("{% block main %}{# the project's screening #}{% endblock main %}"), None);
    }

    #[test]
    fn the_default_themes_templates_are_balanced() {
        for (name, bytes) in super::super::DEFAULT_THEME.iter().filter(|(n, _)| n.starts_with("templates/")) {
            assert_eq!(found(&String::from_utf8_lossy(bytes)), None, "{name}");
        }
    }

    #[test]
    fn an_unclosed_block_is_found_at_its_opening_tag() {
        let text = "{% block main %}\n{% if a %}\n{% for x in xs %}{% endfor %}\n{% endblock main %}";
        assert_eq!(found(text), Some(("if".into(), 17, Some("{% endblock main %}".into()))));
        assert_eq!(found("a {% for x in xs %} b"), Some(("for".into(), 2, None)));
        assert_eq!(found("{% endif %}"), Some(("endif".into(), 0, None)));
        assert_eq!(found("{% raw %} never ended"), Some(("raw".into(), 0, None)));
    }

    #[test]
    fn a_failed_pages_report_names_the_nearest_field_not_every_one() {
        let fields: Vec<String> = (0..400).map(|n| format!("key_{n}")).chain(["coverage".to_string()]).collect();
        let report = format!(
            "error: Field `coverag` is not defined. Available fields: {}\n --> a.html:1:4\n  |",
            fields.join(", ")
        );
        assert_eq!(
            tidy_report(&report),
            "error: Field `coverag` is not defined. Did you mean `coverage`?\n --> a.html:1:4\n  |"
        );
        let far = "error: Variable `zzz` is not defined. Available variables: ".to_string() + &fields.join(", ");
        assert_eq!(
            tidy_report(&far),
            "error: Variable `zzz` is not defined. None of the 401 variables here is close to it (the guide's page \
             Themes lists them)"
        );
        // A quoted line too wide is cut around its caret.
        let wide = format!("x{}{{{{ t.c }}}}{}", "a".repeat(300), "b".repeat(300));
        let report = format!(
            "error: Field `c` is not defined.\n --> a.html:9:302\n  |\n9 | {wide}\n  | {}^^^^^^^^^\n",
            " ".repeat(301)
        );
        let tidy = tidy_report(&report);
        let lines: Vec<&str> = tidy.lines().collect();
        assert_eq!(lines[3], format!("9 | …{}{{{{ t.c }}}}{}…", "a".repeat(45), "b".repeat(45)));
        assert_eq!(lines[4], format!("  | {}^^^^^^^^^", " ".repeat(46)));
        assert!(lines[3].chars().count() <= QUOTED_WIDTH + 6, "{}", lines[3]);
        // Narrow lines, and lines that are not a quoted line and its caret, are left alone.
        let narrow = "9 | {{ t.c }}\n  |    ^^^";
        assert_eq!(tidy_report(narrow), narrow);
        let past_the_end = format!("9 | {}\n  | {}^", "a".repeat(150), " ".repeat(400));
        assert_eq!(tidy_report(&past_the_end), past_the_end);
        // A short list is kept as Tera wrote it, and so is every other report.
        let few = "error: Field `x` is not defined. Available fields: path, title";
        assert_eq!(tidy_report(few), few);
        let other = "error: Filter `nope` not found\n --> a.html:2:3";
        assert_eq!(tidy_report(other), other);
        // Rendered by Tera itself: the list it writes is what this cuts.
        let mut tera = tera::Tera::default();
        tera.add_raw_template("a.html", "{{ t.coverag }}").unwrap();
        let mut context = tera::Context::new();
        let t: std::collections::BTreeMap<String, String> = fields.iter().map(|f| (f.clone(), f.clone())).collect();
        context.insert("t", &t);
        let error = tera.render("a.html", &context).unwrap_err().to_string();
        assert!(error.contains("Available fields: "), "{error}");
        assert!(tidy_report(&error).contains("Field `coverag` is not defined. Did you mean `coverage`?"), "{error}");
    }

    #[test]
    fn each_theme_problem_has_its_code() {
        let load = |name: &str, text: &str| {
            let templates = vec![(name.to_string(), text.to_string())];
            let mut tera = tera::Tera::default();
            let error = tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str()))).unwrap_err();
            template_error(&error, &templates).remove(0)
        };
        let unclosed = load("a.html", "<p>\n  {% if x %}\n{% block b %}{% endblock b %}");
        assert_eq!(unclosed.code, "template-unclosed-block");
        assert_eq!((unclosed.location.line, unclosed.location.column), (Some(2), Some(3)));
        assert_eq!(unclosed.location.file, "themes/default/templates/a.html");
        assert_eq!(unclosed.help.as_deref(), Some("add `{% endif %}` where its block ends"));
        assert_eq!(load("a.html", "x\n{% endfor %}").code, "template-stray-end-tag");
        let syntax = load("a.html", "ok\n{{ a | }}");
        assert_eq!(syntax.code, "template-syntax");
        assert_eq!(syntax.location.line, Some(2));
        let parent = load("a.html", "{% extends \"gone.html\" %}");
        assert_eq!(parent.code, "template-missing-parent");
        assert_eq!(parent.location.column, Some(12));
        assert_eq!(not_text("templates/a.html").code, "template-not-text");
        // Each entry that is not wording at its place: a key quoted, a form of a table.
        let text = "a = \"x\"\nab = 1\n\"b c\" = []\n[counted]\none = \"x\"\nsingle = \"y\"\n";
        let shapes: Vec<Diagnostic> =
            strings_error("i18n/en.toml", text, &crate::locale::Wording::parse(text).unwrap_err());
        let places: Vec<(Option<usize>, Option<usize>)> =
            shapes.iter().map(|d| (d.location.line, d.location.column)).collect();
        assert_eq!(places, [(Some(2), Some(1)), (Some(3), Some(1)), (Some(6), Some(1))]);
        assert_eq!(key_span(text, "counted", None).map(|s| &text[s.start as usize..s.end as usize]), Some("counted"));
        assert_eq!(key_span(text, "missing", None), None);
        let bad = crate::locale::Wording::parse("a = \"x\"\nb = unquoted\n").unwrap_err();
        let strings = strings_error("i18n/en.toml", "a = \"x\"\nb = unquoted\n", &bad).remove(0);
        assert_eq!((strings.code, strings.location.line), ("theme-strings", Some(2)));
        assert_eq!(strings.message, "themes/default/i18n/en.toml: `unquoted` is text, and text must be in quotes");
        assert_eq!(strings.help.as_deref(), Some("write `b = \"unquoted\"`"));
        let circular = {
            let templates = vec![
                ("a.html".to_string(), "{% extends \"b.html\" %}".to_string()),
                ("b.html".to_string(), "{% extends \"a.html\" %}".to_string()),
            ];
            let mut tera = tera::Tera::default();
            let error = tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str()))).unwrap_err();
            template_error(&error, &templates).remove(0)
        };
        assert_eq!(circular.code, "template-error");
    }
}
