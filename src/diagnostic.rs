//! Problems found in a site's files, and how they are shown.
//!
//! Content problems are never fatal on their own: every stage pushes [`Diagnostic`]s into a
//! [`Diagnostics`] list and carries on, so one run reports everything. Each diagnostic carries
//! its location already resolved (file, line, column and the source line), so it can be printed
//! long after the file it came from has been dropped.

use std::fmt::Write as _;

use serde::Serialize;

use crate::messages::{Message, Messages};
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
    /// The source line, for the code frame; for a very long line, a window of it around the
    /// column, with `…` where it was cut.
    #[serde(skip)]
    pub line_text: String,
    /// The 1-based column, in characters, of the place within `line_text`: the same as
    /// `column` unless the line was cut.
    #[serde(skip)]
    pub frame_column: usize,
}

impl Location {
    /// A whole file, no line.
    pub fn file(file: impl Into<String>) -> Location {
        Location { file: file.into(), line: None, column: None, width: 0, line_text: String::new(), frame_column: 0 }
    }

    /// A place in `source`, from the bytes `span` covers.
    ///
    /// Only a window of a very long line is kept (and later shown), so that many problems on
    /// one long line cost memory and output in proportion to their number, not to the line.
    pub fn at(source: &SourceFile, span: Span) -> Location {
        // A file whose frontmatter was dropped from memory and has changed on disk since.
        let Some(text) = source.whole_text() else { return Location::file(source.display_path.clone()) };
        let start = source.line_col(span.start as usize);
        let whole = source.line_text(start.line);
        let offset = crate::source::floor_char_boundary(text, (span.start as usize).min(text.len()));
        let in_line = (offset - line_start(text, whole)).min(whole.len());
        let (line_text, frame_column) = window(whole, in_line, start.column);
        // The marker covers the span, but never runs past the end of its first line.
        let covered = source.slice(span);
        let first_line = covered.split(['\n', '\r']).next().unwrap_or("");
        let remaining = line_text.chars().count().saturating_sub(frame_column - 1);
        let width = first_line.chars().count().clamp(1, remaining.max(1));
        Location {
            file: source.display_path.clone(),
            line: Some(start.line),
            column: Some(start.column),
            width,
            line_text,
            frame_column,
        }
    }
}

/// The byte offset in `text` where `line`, a slice of it, starts.
fn line_start(text: &str, line: &str) -> usize {
    (line.as_ptr() as usize).saturating_sub(text.as_ptr() as usize)
}

/// The part of `line` shown in a code frame, and where the place at byte `at` (character
/// `column`) falls in it: the whole line when it is short, else a window around the place
/// with `…` where it was cut. Takes time in proportion to the window, not the line.
fn window(line: &str, at: usize, column: usize) -> (String, usize) {
    if line.len() <= MAX_WHOLE_LINE || line.chars().nth(MAX_WHOLE_LINE).is_none() {
        return (line.to_string(), column);
    }
    let before_limit = MAX_FRAME_WIDTH / 3;
    let head = &line[..at];
    let (mut start, mut before) = (at, 0);
    for (i, _) in head.char_indices().rev().take(before_limit) {
        start = i;
        before += 1;
    }
    let tail = &line[at..];
    let end = tail.char_indices().nth(MAX_FRAME_WIDTH - before).map_or(line.len(), |(i, _)| at + i);
    let mut shown = String::with_capacity(end - start + 6);
    let mut frame_column = before + 1;
    if start > 0 {
        shown.push('…');
        frame_column += 1;
    }
    shown.push_str(&line[start..end]);
    if end < line.len() {
        shown.push('…');
    }
    (shown, frame_column)
}

/// `text` with every control character (C0, DEL, C1) and every bidirectional override or
/// isolate (U+202A to U+202E, U+2066 to U+2069) written as an escape such as `\u{1b}`, so
/// that a file name or a value cannot move the cursor, change colours or reorder what a
/// terminal shows. Other text is unchanged.
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe_char(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// True for a character [`escape_controls`] escapes.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A note attached to a diagnostic, pointing at a second place (the first definition of a
/// duplicate, say).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    /// What the second place is.
    pub message: String,
    /// The second place.
    pub location: Location,
    /// The message as its id and arguments, to be said in another language; `None` for a
    /// note not yet in the catalogue, always said in English.
    #[serde(skip)]
    pub said: Option<Box<Message>>,
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
    /// What the warning stands for, for the site-wide summary (see [`crate::report`]); not
    /// printed.
    #[serde(skip)]
    pub facts: Option<Box<Facts>>,
    /// The message and help as ids and arguments, to be said in the language the report is
    /// in ([`crate::messages`]); `message` and `help` keep them in English.
    #[serde(skip)]
    pub said: Option<Box<Said>>,
}

/// A diagnostic's message and help as the catalogue has them, each `None` when that part is
/// not in the catalogue yet (it is then said in English).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Said {
    /// What is wrong.
    pub message: Option<Message>,
    /// How to fix it.
    pub help: Option<Message>,
}

/// What a warning stands for, in numbers, so that a summary can add warnings up without
/// reading their messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Facts {
    /// A `more-warnings` warning: `count` warnings of kind `code` in its file were not kept.
    Hidden {
        /// The kind left out.
        code: &'static str,
        /// How many.
        count: usize,
    },
    /// A `missing-indicators` warning: the profile's coverage, and the ids of the counted
    /// indicators it does not give.
    Coverage {
        /// Given of counted.
        coverage: crate::coverage::Coverage,
        /// The counted indicators missing, in schema order.
        missing: Vec<String>,
    },
}

impl Diagnostic {
    /// An error at `location`.
    pub fn error(code: &'static str, location: Location, message: impl Into<String>) -> Self {
        debug_assert!(crate::codes::find(code).is_some(), "the diagnostic code `{code}` is not in codes::CODES");
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            location,
            help: None,
            notes: Vec::new(),
            facts: None,
            said: None,
        }
    }

    /// An error at `location`, its message from the catalogue ([`crate::messages`]).
    pub fn error_said(code: &'static str, location: Location, message: Message) -> Self {
        let mut d = Diagnostic::error(code, location, message.english());
        d.said = Some(Box::new(Said { message: Some(message), help: None }));
        d
    }

    /// A warning at `location`, its message from the catalogue.
    pub fn warning_said(code: &'static str, location: Location, message: Message) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error_said(code, location, message) }
    }

    /// Add how to fix it, from the catalogue.
    pub fn with_help_said(mut self, help: Message) -> Self {
        self.help = Some(help.english());
        self.said.get_or_insert_with(Default::default).help = Some(help);
        self
    }

    /// Add help from the catalogue only if there is some.
    pub fn with_optional_help_said(self, help: Option<Message>) -> Self {
        match help {
            Some(help) => self.with_help_said(help),
            None => self.with_optional_help(None),
        }
    }

    /// Add a note from the catalogue pointing at another place.
    pub fn with_note_said(mut self, message: Message, location: Location) -> Self {
        let english = message.english();
        self.notes.push(Note { message: english, location, said: Some(Box::new(message)) });
        self
    }

    /// The message in the language of `messages` (English when it is not in the catalogue).
    pub fn message_in(&self, messages: &Messages) -> String {
        match self.said.as_ref().and_then(|s| s.message.as_ref()) {
            Some(message) if !messages.is_english() => messages.render(message),
            _ => self.message.clone(),
        }
    }

    /// The help in the language of `messages`.
    pub fn help_in(&self, messages: &Messages) -> Option<String> {
        match self.said.as_ref().and_then(|s| s.help.as_ref()) {
            Some(help) if !messages.is_english() => Some(messages.render(help)),
            _ => self.help.clone(),
        }
    }

    /// A warning at `location`.
    pub fn warning(code: &'static str, location: Location, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(code, location, message) }
    }

    /// Add how to fix it.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        if let Some(said) = &mut self.said {
            said.help = None;
        }
        self
    }

    /// Add help only if there is some.
    pub fn with_optional_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        if let Some(said) = &mut self.said {
            said.help = None;
        }
        self
    }

    /// Add what the warning stands for.
    pub fn with_facts(mut self, facts: Facts) -> Self {
        self.facts = Some(Box::new(facts));
        self
    }

    /// Add a note pointing at another place.
    pub fn with_note(mut self, message: impl Into<String>, location: Location) -> Self {
        self.notes.push(Note { message: message.into(), location, said: None });
        self
    }

    /// Render for a terminal, in the style of rustc and cargo, through annotate-snippets
    /// (which measures the source line by its display width, so that the marker stays under
    /// the right character after wide ones such as CJK or emoji).
    pub fn render(&self) -> String {
        self.render_in(&Messages::english())
    }

    /// [`Diagnostic::render`] in the language of `messages`: the message, help and notes,
    /// and the words `error`, `warning`, `help` and `note`. The code, the `-->` line and the
    /// code frame are the same in every language.
    pub fn render_in(&self, messages: &Messages) -> String {
        use annotate_snippets::{Group, Level, Renderer};
        // English keeps annotate-snippets' own words, so that its output is as it always was.
        let named = |level: Level<'static>, name: String| {
            if messages.is_english() { level } else { level.with_name(Some(name)) }
        };
        let level = match self.severity {
            Severity::Error => named(Level::ERROR, messages.error_label()),
            Severity::Warning => named(Level::WARNING, messages.warning_label()),
        };
        let help_level = named(Level::HELP, messages.help_label());
        let note_level = named(Level::NOTE, messages.note_label());
        let message = self.message_in(messages);
        let message = escape_controls(&message);
        let help = self.help_in(messages);
        // A help may run over several lines (an example to copy): each line is shown escaped,
        // and annotate-snippets sets the lines after the first under the first, so that none
        // can pass for a message of its own.
        let help = help.as_deref().map(|help| {
            if help.contains('\n') {
                std::borrow::Cow::Owned(help.split('\n').map(escape_controls).collect::<Vec<_>>().join("\n"))
            } else {
                escape_controls(help)
            }
        });
        let mut first = Group::with_title(level.primary_title(message.as_ref()).id(self.code));
        let frame = Frame::of(&self.location);
        first = frame.add_to(first);
        if let Some(help) = &help {
            first = first.element(help_level.clone().message(help.as_ref()));
        }
        let note_texts: Vec<String> = self
            .notes
            .iter()
            .map(|note| match &note.said {
                Some(said) if !messages.is_english() => messages.render(said),
                _ => note.message.clone(),
            })
            .collect();
        let notes: Vec<(std::borrow::Cow<'_, str>, Frame<'_>)> = self
            .notes
            .iter()
            .zip(&note_texts)
            .map(|(note, text)| (escape_controls(text), Frame::of(&note.location)))
            .collect();
        let mut groups = vec![first];
        for (message, frame) in &notes {
            groups.push(frame.add_to(Group::with_title(note_level.clone().secondary_title(message.as_ref()))));
        }
        let mut out = Renderer::plain().render(&groups);
        // A cut line is measured from where its window starts: say the line's own column.
        for frame in std::iter::once(&frame).chain(notes.iter().map(|(_, f)| f)) {
            if let Some((shown, real)) = &frame.column_fix {
                out = out.replacen(shown.as_str(), real, 1);
            }
        }
        out.push('\n');
        out
    }
}

/// A location as annotate-snippets shows it: the file, and the line with its marker.
struct Frame<'a> {
    file: std::borrow::Cow<'a, str>,
    /// The source line as shown, its 1-based number, and the marked bytes of it.
    line: Option<(String, usize, std::ops::Range<usize>)>,
    /// For a cut line, the `file:line:column` annotate-snippets writes and the one to show.
    column_fix: Option<(String, String)>,
}

impl<'a> Frame<'a> {
    fn of(location: &'a Location) -> Frame<'a> {
        let file = escape_controls(&location.file);
        let (Some(line), Some(column)) = (location.line, location.column) else {
            return Frame { file, line: None, column_fix: None };
        };
        // Tabs are shown as single spaces so that the marker lines up under the source; other
        // control characters as their visible symbols (NUL as ␀), bidirectional overrides as
        // `�`, never raw.
        let shown: String = location
            .line_text
            .chars()
            .map(|c| match c {
                '\t' => ' ',
                c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('?'),
                '\u{7f}' => '␡',
                c if is_unsafe_char(c) => '\u{fffd}',
                c => c,
            })
            .collect();
        let byte_at = |chars: usize| shown.char_indices().nth(chars).map_or(shown.len(), |(i, _)| i);
        let start = byte_at(location.frame_column.saturating_sub(1));
        let end = byte_at(location.frame_column.saturating_sub(1) + location.width.max(1)).max(start);
        let column_fix = (location.frame_column != column)
            .then(|| (format!("{file}:{line}:{}", location.frame_column), format!("{file}:{line}:{column}")));
        Frame { file, line: Some((shown, line, start..end)), column_fix }
    }

    fn add_to<'g>(&'g self, group: annotate_snippets::Group<'g>) -> annotate_snippets::Group<'g> {
        use annotate_snippets::{AnnotationKind, Origin, Snippet};
        match &self.line {
            None => group.element(Origin::path(self.file.as_ref())),
            Some((text, line, span)) => group.element(
                Snippet::source(text.as_str())
                    .path(self.file.as_ref())
                    .line_start(*line)
                    .annotation(AnnotationKind::Primary.span(span.clone())),
            ),
        }
    }
}

/// Longest source line shown whole in a code frame, in characters.
const MAX_WHOLE_LINE: usize = 160;
/// How much of a longer line is shown, around the column.
const MAX_FRAME_WIDTH: usize = 120;
/// How many warnings of one kind are shown for one file; the rest are counted in one
/// `more-warnings` warning.
pub const WARNINGS_SHOWN_PER_FILE: usize = 20;

/// The warning that stands for `hidden` more warnings of kind `code` in a file, at the first
/// of them.
pub fn more_warnings(code: &'static str, hidden: usize, location: Location) -> Diagnostic {
    Diagnostic::warning_said(
        "more-warnings",
        location,
        Message::new("report.more-warnings").count("n", hidden as u64).with("code", code),
    )
    .with_help_said(Message::new("report.more-warnings-help").count("limit", WARNINGS_SHOWN_PER_FILE as u64))
    .with_facts(Facts::Hidden { code, count: hidden })
}

/// 12345 as `12,345`.
pub fn format_count(n: usize) -> String {
    crate::text::group_thousands(n as u64)
}

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

    /// Keep the first [`WARNINGS_SHOWN_PER_FILE`] warnings of each kind in each file, in the
    /// present order, and put one `more-warnings` warning, at the first left out, for the rest.
    pub fn limit_per_file(&mut self) {
        use std::collections::HashMap;
        let mut counts: HashMap<(String, &'static str), (usize, Option<usize>)> = HashMap::new();
        let mut kept = Vec::with_capacity(self.items.len());
        for d in std::mem::take(&mut self.items) {
            if d.severity != Severity::Warning || d.code == "more-warnings" {
                kept.push(d);
                continue;
            }
            let (seen, summary) = counts.entry((d.location.file.clone(), d.code)).or_insert((0, None));
            *seen += 1;
            if *seen <= WARNINGS_SHOWN_PER_FILE {
                kept.push(d);
            } else if summary.is_none() {
                *summary = Some(kept.len());
                kept.push(more_warnings(d.code, 0, d.location));
            }
        }
        for ((_, code), (seen, summary)) in counts {
            if let Some(at) = summary {
                kept[at] = more_warnings(code, seen - WARNINGS_SHOWN_PER_FILE, kept[at].location.clone());
            }
        }
        self.items = kept;
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

/// [`suggestion`] as a message of the catalogue, to be said in the report's language.
pub fn suggestion_said<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str> + Clone) -> Option<Message> {
    if let Some(best) = did_you_mean(word, candidates.clone()) {
        return Some(Message::new("hint.did-you-mean").with("near", best));
    }
    let all: Vec<&str> = candidates.into_iter().collect();
    (!all.is_empty() && all.len() <= 12).then(|| Message::new("hint.one-of").alternatives("ids", &all))
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
        let d = Diagnostic::error("broken-link", Location::at(&source, Span::new(300, 301)), "here");
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
    fn a_long_line_is_kept_only_as_a_window() {
        let text = format!("{}X{}\n", "é".repeat(100_000), "b".repeat(100_000));
        let source = SourceFile::new("c.md", "c.md", text);
        let location = Location::at(&source, Span::new(200_000, 200_001));
        assert_eq!(location.column, Some(100_001));
        assert!(location.line_text.chars().count() <= MAX_FRAME_WIDTH + 2, "{}", location.line_text.len());
        assert_eq!(location.line_text.chars().nth(location.frame_column - 1), Some('X'));
        // At the very start and end of the line.
        let first = Location::at(&source, Span::new(0, 2));
        assert!(first.line_text.starts_with('é') && first.line_text.ends_with('…') && first.frame_column == 1);
        let last = Location::at(&source, Span::new(300_000, 300_001));
        assert!(last.line_text.starts_with('…') && last.line_text.ends_with('b'));
        assert_eq!(last.line_text.chars().count(), last.frame_column);
    }

    #[test]
    fn control_characters_are_escaped_in_every_part_shown() {
        let source = SourceFile::new("red\u{1b}[31m\nerror: fake\u{202e}.md", "x.md", "a: \u{1b}[2J\u{202e}\n".into());
        let d =
            Diagnostic::warning("personal-email", Location::at(&source, Span::new(3, 4)), "value `\u{1b}[2J` \u{85}")
                .with_help("rename `\u{2066}`")
                .with_note("first `\u{7}`", Location::file("b\u{9b}.md"));
        let rendered = d.render();
        assert!(!rendered.chars().any(|c| is_unsafe_char(c) && c != '\n'), "{rendered:?}");
        assert!(rendered.contains("--> red\\u{1b}[31m\\u{a}error: fake\\u{202e}.md:1:4"), "{rendered}");
        assert!(rendered.contains("value `\\u{1b}[2J` \\u{85}"), "{rendered}");
        assert!(rendered.contains("1 | a: ␛[2J\u{fffd}"), "{rendered}");
        assert!(rendered.contains("help: rename `\\u{2066}`") && rendered.contains("--> b\\u{9b}.md"), "{rendered}");
        assert_eq!(rendered.lines().count(), 9, "no line break comes from the file name:\n{rendered}");
        assert_eq!(escape_controls("Tétouan.md"), "Tétouan.md");
    }

    #[test]
    fn a_help_of_several_lines_is_shown_as_lines_under_the_first_each_escaped() {
        let d = Diagnostic::error("missing-frontmatter", Location::file("a.md"), "no frontmatter")
            .with_help("start the file with:\n---\nerror[fake]: \u{1b}[31m\n---");
        let rendered = d.render();
        assert!(rendered.contains("= help: start the file with:\n"), "{rendered}");
        let under = |text: &str| rendered.lines().any(|l| l.starts_with("  ") && l.trim_start() == text);
        assert!(under("---") && under("error[fake]: \\u{1b}[31m"), "{rendered}");
        // Only the message's own line starts at the margin.
        assert_eq!(rendered.lines().filter(|l| l.starts_with("error")).count(), 1, "{rendered}");
        assert!(!rendered.chars().any(|c| is_unsafe_char(c) && c != '\n'), "{rendered:?}");
    }

    #[test]
    fn only_the_first_warnings_of_a_kind_are_kept_for_each_file() {
        let source = SourceFile::new("a.md", "a.md", "x\n".repeat(30));
        let at = |line: usize| Location::at(&source, Span::new(line * 2, line * 2 + 1));
        let mut list: Diagnostics = (0..30).map(|line| Diagnostic::warning("personal-phone", at(line), "p")).collect();
        list.push(Diagnostic::warning("hidden-link", at(3), "o"));
        list.push(Diagnostic::warning("personal-phone", Location::file("b.md"), "p"));
        list.push(Diagnostic::error("broken-link", at(4), "e"));
        list.limit_per_file();
        let items = list.into_vec();
        let codes = |code: &str| items.iter().filter(|d| d.code == code).count();
        assert_eq!(
            (codes("personal-phone"), codes("hidden-link"), codes("broken-link"), codes("more-warnings")),
            (21, 1, 1, 1)
        );
        let more = &items[WARNINGS_SHOWN_PER_FILE];
        assert_eq!(more.message, "10 more `personal-phone` warnings in this file, from here on, are not shown");
        assert_eq!(more.location.line, Some(21), "at the first left out");
        assert_eq!(format_count(19_980), "19,980");
    }

    #[test]
    fn frame_points_at_the_column() {
        let source = SourceFile::new("c.md", "c.md", "a: 1\n  acess: 2\n".into());
        let d = Diagnostic::error("unknown-field", Location::at(&source, Span::new(7, 12)), "unknown field `acess`")
            .with_help("did you mean `access`?");
        assert_eq!(
            d.render(),
            "error[unknown-field]: unknown field `acess`\n --> c.md:2:3\n  |\n2 |   acess: 2\n  |   ^^^^^\n  |\n  = help: did you mean `access`?\n"
        );
    }

    #[test]
    fn the_marker_stays_under_its_place_after_wide_characters() {
        let text = "title: 東京 😀 [x](x.md)\n";
        let source = SourceFile::new("c.md", "c.md", text.into());
        let at = text.find('[').unwrap();
        let d = Diagnostic::error("broken-link", Location::at(&source, Span::new(at, at + 9)), "no x.md");
        let rendered = d.render();
        assert!(rendered.contains(" --> c.md:1:13\n"), "the column counts characters:\n{rendered}");
        // Two terminal cells for each CJK character and the emoji: the marker starts under `[`
        // at display column 16, not at character 13.
        assert!(rendered.contains(&format!("\n  | {}^^^^^^^^^\n", " ".repeat(15))), "{rendered}");
    }

    #[test]
    fn a_cut_line_shows_the_column_of_the_whole_line() {
        let text = format!("{}X{}\n", "a".repeat(1_000), "b".repeat(1_000));
        let source = SourceFile::new("c.md", "c.md", text);
        let d = Diagnostic::warning("personal-email", Location::at(&source, Span::new(1_000, 1_001)), "x");
        let rendered = d.render();
        assert!(rendered.contains(" --> c.md:1:1001\n"), "{rendered}");
        let marker = rendered.lines().find(|l| l.trim_end().ends_with('^')).unwrap();
        let source_line = rendered.lines().find(|l| l.starts_with("1 | ")).unwrap();
        let under: String = source_line.chars().skip(marker.find('^').unwrap()).take(1).collect();
        assert_eq!(under, "X", "{rendered}");
    }
}
