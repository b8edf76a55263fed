//! Problems found in a site's files, and how they are shown.
//!
//! Content problems are never fatal on their own: every stage pushes [`Diagnostic`]s into a
//! [`Diagnostics`] list and carries on, so one run reports everything. Each diagnostic carries
//! its location already resolved (file, line, column and the source line), so it can be printed
//! long after the file it came from has been dropped.

use std::fmt::Write as _;

use serde::Serialize;

use crate::source::{SourceFile, Span};

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks `build`, makes `check` exit 1.
    Error,
    /// Worth fixing, but the site still builds.
    Warning,
}

/// Where a problem is: a file, and a place in it when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    /// File path relative to the site root, with `/` separators.
    pub file: String,
    /// 1-based line, if the problem is at a place in the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based column in characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// How many characters the marker under the source line covers.
    #[serde(skip)]
    pub width: usize,
    /// The source line, for the code frame.
    #[serde(skip)]
    pub line_text: String,
}

impl Location {
    /// A whole file, no line.
    pub fn file(file: impl Into<String>) -> Location {
        Location { file: file.into(), line: None, column: None, width: 0, line_text: String::new() }
    }

    /// A place in `source`, from the bytes `span` covers.
    pub fn at(source: &SourceFile, span: Span) -> Location {
        let start = source.line_col(span.start as usize);
        let line_text = source.line_text(start.line).to_string();
        // The marker covers the span, but never runs past the end of its first line.
        let covered = source.slice(span);
        let first_line = covered.split(['\n', '\r']).next().unwrap_or("");
        let remaining = line_text.chars().count().saturating_sub(start.column - 1);
        let width = first_line.chars().count().clamp(1, remaining.max(1));
        Location {
            file: source.display_path.clone(),
            line: Some(start.line),
            column: Some(start.column),
            width,
            line_text,
        }
    }
}

/// A note attached to a diagnostic, pointing at a second place (the first definition of a
/// duplicate, say).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    /// What the second place is.
    pub message: String,
    /// The second place.
    pub location: Location,
}

/// One problem in the site's files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable, kebab-case name for the kind of problem (`unknown-indicator`), for tools.
    pub code: &'static str,
    /// What is wrong, in plain language: starts lowercase, values in backticks.
    pub message: String,
    /// Where.
    pub location: Location,
    /// How to fix it, when we can tell.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Other places that explain the problem.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

impl Diagnostic {
    /// An error at `location`.
    pub fn error(code: &'static str, location: Location, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, code, message: message.into(), location, help: None, notes: Vec::new() }
    }

    /// A warning at `location`.
    pub fn warning(code: &'static str, location: Location, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(code, location, message) }
    }

    /// Add how to fix it.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Add help only if there is some.
    pub fn with_optional_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// Add a note pointing at another place.
    pub fn with_note(mut self, message: impl Into<String>, location: Location) -> Self {
        self.notes.push(Note { message: message.into(), location });
        self
    }

    /// Render for a terminal, in the style of rustc and just.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(out, "{label}[{}]: {}", self.code, self.message);
        render_frame(&mut out, &self.location);
        for note in &self.notes {
            let _ = writeln!(out, "note: {}", note.message);
            render_frame(&mut out, &note.location);
        }
        if let Some(help) = &self.help {
            for (i, line) in help.lines().enumerate() {
                let lead = if i == 0 { "help: " } else { "      " };
                let _ = writeln!(out, "{lead}{line}");
            }
        }
        out
    }
}

fn render_frame(out: &mut String, location: &Location) {
    let (Some(line), Some(column)) = (location.line, location.column) else {
        let _ = writeln!(out, "  --> {}", location.file);
        return;
    };
    let gutter = line.to_string().len();
    let pad = " ".repeat(gutter);
    let _ = writeln!(out, "{pad}--> {}:{line}:{column}", location.file);
    let _ = writeln!(out, "{pad} |");
    // Tabs are shown as single spaces so that the marker lines up under the source; other
    // control characters as their visible symbols (NUL as ␀), never raw.
    let shown: String = location
        .line_text
        .chars()
        .map(|c| match c {
            '\t' => ' ',
            c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('?'),
            '\u{7f}' => '␡',
            c => c,
        })
        .collect();
    // A very long line is cut to a window around the column, marked with "…".
    let chars: Vec<char> = shown.chars().collect();
    let (shown, column, width) = if chars.len() > MAX_WHOLE_LINE {
        let at = column.saturating_sub(1).min(chars.len());
        let end = (at.saturating_sub(MAX_FRAME_WIDTH / 3) + MAX_FRAME_WIDTH).min(chars.len());
        let start = end.saturating_sub(MAX_FRAME_WIDTH);
        let mut window: String = chars[start..end].iter().collect();
        let mut caret = at - start;
        if start > 0 {
            window.insert(0, '…');
            caret += 1;
        }
        if end < chars.len() {
            window.push('…');
        }
        let width = location.width.min(end.saturating_sub(at).max(1));
        (window, caret + 1, width)
    } else {
        (shown, column, location.width)
    };
    let _ = writeln!(out, "{line} | {shown}");
    let _ = writeln!(out, "{pad} | {}{}", " ".repeat(column.saturating_sub(1)), "^".repeat(width.max(1)));
}

/// Longest source line shown whole in a code frame, in characters.
const MAX_WHOLE_LINE: usize = 160;
/// How much of a longer line is shown, around the column.
const MAX_FRAME_WIDTH: usize = 120;

/// Everything a run found, in the order found.
#[derive(Debug, Default, Clone, Serialize)]
#[serde(transparent)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Record one problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Move every problem of `other` into this list.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// All problems.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Keep only the problems for which `keep` is true.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.items.retain(keep);
    }

    /// How many errors.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.severity == Severity::Error).count()
    }

    /// How many warnings.
    pub fn warning_count(&self) -> usize {
        self.items.iter().filter(|d| d.severity == Severity::Warning).count()
    }

    /// True when nothing is at error level.
    pub fn is_ok(&self) -> bool {
        self.error_count() == 0
    }

    /// True when there is nothing at all.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sort by file, then line and column, so output does not depend on thread timing.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.location.file, a.location.line, a.location.column, a.code, &a.message).cmp(&(
                &b.location.file,
                b.location.line,
                b.location.column,
                b.code,
                &b.message,
            ))
        });
    }

    /// Into the underlying list.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics { items: iter.into_iter().collect() }
    }
}

/// "1 error", "2 errors": a count with its noun in the right number.
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// The closest of `candidates` to `word`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_lower = word.to_lowercase();
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    // A shortened id ("focus-group" for "focus-group-discussion") is a typo too.
    let mut prefixed = candidates.iter().filter(|c| word_lower.len() >= 4 && c.to_lowercase().starts_with(&word_lower));
    if let (Some(only), None) = (prefixed.next(), prefixed.next()) {
        return Some(only);
    }
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&word_lower, &c.to_lowercase()), c))
        .filter(|(distance, c)| {
            // Allow about one typo per four characters, at least one.
            *distance <= (c.chars().count() / 4).max(1)
        })
        .min_by_key(|(distance, c)| (*distance, *c))
        .map(|(_, c)| c)
}

/// A help line suggesting the closest candidate, or listing what is allowed when there are few.
pub fn suggestion<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str> + Clone) -> Option<String> {
    if let Some(best) = did_you_mean(word, candidates.clone()) {
        return Some(format!("did you mean `{best}`?"));
    }
    let all: Vec<&str> = candidates.into_iter().collect();
    if all.is_empty() {
        None
    } else if all.len() <= 12 {
        Some(format!("expected one of {}", ticked_list(&all)))
    } else {
        None
    }
}

/// `a`, `b` or `c`: alternatives.
pub fn ticked_list(items: &[&str]) -> String {
    joined(items, "or")
}

/// `a`, `b` and `c`: all of them.
pub fn ticked_list_and(items: &[&str]) -> String {
    joined(items, "and")
}

fn joined(items: &[&str], conjunction: &str) -> String {
    match items {
        [] => String::new(),
        [one] => format!("`{one}`"),
        [init @ .., last] => {
            let head: Vec<String> = init.iter().map(|i| format!("`{i}`")).collect();
            format!("{} {conjunction} `{last}`", head.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typo_gets_the_closest_candidate() {
        let ids = ["access-to-services", "access-to-justice", "social-activities"];
        assert_eq!(did_you_mean("acess-to-services", ids), Some("access-to-services"));
        assert_eq!(did_you_mean("completely-different", ids), None);
        assert_eq!(
            did_you_mean("focus-group", ["focus-group-discussion", "desk-review"]),
            Some("focus-group-discussion")
        );
    }

    #[test]
    fn short_candidate_lists_are_spelled_out() {
        let statuses = ["met", "partial", "not-met", "unknown"];
        assert_eq!(
            suggestion("yes", statuses).as_deref(),
            Some("expected one of `met`, `partial`, `not-met` or `unknown`")
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let text = format!("{}X{}\n", "a".repeat(300), "b".repeat(300));
        assert!(text.len() > MAX_WHOLE_LINE);
        let source = SourceFile::new("c.md", "c.md", text);
        let d = Diagnostic::error("x", Location::at(&source, Span::new(300, 301)), "here");
        let rendered = d.render();
        let lines: Vec<&str> = rendered.lines().collect();
        let shown = lines[3].strip_prefix("1 | ").unwrap();
        let caret = lines[4].strip_prefix("  | ").unwrap();
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert!(shown.chars().count() <= MAX_FRAME_WIDTH + 2);
        // The caret sits under the X.
        assert_eq!(shown.chars().nth(caret.len() - 1), Some('X'), "{rendered}");
    }

    #[test]
    fn frame_points_at_the_column() {
        let source = SourceFile::new("c.md", "c.md", "a: 1\n  acess: 2\n".into());
        let d = Diagnostic::error("unknown-field", Location::at(&source, Span::new(7, 12)), "unknown field `acess`")
            .with_help("did you mean `access`?");
        assert_eq!(
            d.render(),
            "error[unknown-field]: unknown field `acess`\n --> c.md:2:3\n  |\n2 |   acess: 2\n  |   ^^^^^\nhelp: did you mean `access`?\n"
        );
    }
}
