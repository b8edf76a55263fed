//! `fieldbook fmt`: every content file in one canonical form, without changing what it means.
//!
//! People edit the same files in different editors, copy fields between profiles and paste
//! values from spreadsheets; a canonical form keeps diffs to what changed and makes files read
//! alike. This module owns that form and the command that applies it:
//!
//! - **YAML frontmatter** is written again from its parsed tree. Keys follow the schema (the
//!   fields of the content type in `fields.toml` order, indicators, criteria, research
//!   questions and screening criteria in schema order, the keys of an indicator entry in
//!   [`crate::schema::ENTRY_KEYS`] order, parts in their dimension's or indicator's order);
//!   keys the schema does not know keep their relative order, after the known ones. Values are
//!   written as the validator reads them: numbers, dates and yes/no without quotes where the
//!   field expects one, text in quotes only where a YAML editor would otherwise read it as
//!   something else, multi-line text as a literal block. Short lists are written `[a, b]`,
//!   distributions and disaggregation parts `{ female: 51, male: 49 }`, when they fit in 100
//!   characters; everything else is a block, two spaces per level. Comments are kept: a comment
//!   on its own line stays above the key that follows it (and moves with it), a comment after a
//!   value stays after it, comments after the last key stay at the end. A blank line before a
//!   top-level key (or before the comments above it) is kept as one blank line and moves with
//!   the key; every other blank line in the frontmatter is dropped. Aliases are written out.
//! - **TOML frontmatter** (between `+++` lines) is kept exactly as written: only its body is
//!   formatted. TOML has no comment-preserving writer here, and its files are rare.
//! - **The markdown body** goes through comrak's CommonMark writer with the extensions the
//!   renderer uses, without line wrapping. Heading ids written `{#id}` are protected from its
//!   escaping. The body is separated from the frontmatter by one blank line.
//! - The file keeps its line endings (CRLF stays CRLF), loses a byte-order mark, and ends with
//!   exactly one newline.
//!
//! Nothing here may change what a file means, so every result is checked before it is used:
//! the new frontmatter is parsed again and must give the same values (a file where it would
//! not is reported and left alone), and the new body must render to the same HTML as the old
//! one with the renderer's own markdown reader (when comrak's form would not, the body is kept
//! as written). Files are written atomically, each through a temporary file beside it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use comrak::nodes::{AstNode, NodeValue};
use rayon::prelude::*;

use crate::config::CONFIG_FILE;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::error::Error;
use crate::load::frontmatter::{self, Format, Parts};
use crate::load::{self, Entry, Node, NodeKind, Scalar, ScalarStyle};
use crate::model::ContentType;
use crate::schema::{FieldKind, Indicator, Schema, ValueKind};
use crate::source::{SourceFile, Span};

/// Longest line a flow list or map (`[a, b]`, `{ a: 1 }`) may make; longer ones are blocks.
const MAX_FLOW_WIDTH: usize = 100;

/// comrak's minimal-escaping pass parses the whole body again for every backslash it tries to
/// remove. Bodies where that would cost more than this (backslashes times bytes) keep comrak's
/// plain escaping instead, so that no file makes `fmt` slow.
const MINIMIZE_BUDGET: usize = 10_000_000;

/// What `fieldbook fmt` did.
#[derive(Debug, Default)]
pub struct FormatReport {
    /// Files (paths relative to the site root, `/` separators) that changed, or would change with `check`.
    pub changed: Vec<String>,
    /// Files that could not be formatted (frontmatter that does not parse), with why.
    pub problems: Diagnostics,
    /// How many files were looked at.
    pub files: usize,
}

/// The canonical form of one content file of type `content_type`. Err when its frontmatter
/// cannot be parsed (the diagnostic says why, located like `check`'s).
///
/// `display_path` is the file's path as messages show it. The result has the file's line
/// endings, no byte-order mark, and ends with one newline.
// The error is one diagnostic per file, returned once: its size costs nothing here, and the
// plain `Diagnostic` is what callers collect into `Diagnostics`.
#[allow(clippy::result_large_err)]
pub fn format_text(
    text: &str,
    content_type: ContentType,
    schema: &Schema,
    display_path: &str,
) -> Result<String, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let source = SourceFile::new(display_path, display_path, text.to_string());
    let newline = if text.find('\n').is_some_and(|i| text[..i].ends_with('\r')) { "\r\n" } else { "\n" };
    let parts = frontmatter::split(text).map_err(|e| load::split_error(e, &source))?;
    let frontmatter_text = &text[parts.frontmatter_start..parts.frontmatter_end];

    let mut out = String::with_capacity(text.len() + 64);
    let root = match parts.format {
        Format::Yaml => {
            let root = load::yaml::parse(frontmatter_text, parts.frontmatter_start).map_err(|e| {
                let mut d = Diagnostic::error("invalid-yaml", Location::at(&source, e.span), e.message)
                    .with_optional_help(e.help);
                if let Some((message, span)) = e.related {
                    d = d.with_note(message, Location::at(&source, span));
                }
                d
            })?;
            let comments = yaml_comments(frontmatter_text, parts.frontmatter_start)
                .ok_or_else(|| cannot_format(&source, "its comments could not be read"))?;
            let yaml = write_yaml(&root, comments, text, &parts, content_type, schema);
            out.push_str(&with_newline(&format!("---\n{yaml}---\n"), newline));
            Some(root)
        }
        Format::Toml => {
            load::toml::parse(frontmatter_text, parts.frontmatter_start)
                .map_err(|e| Diagnostic::error("invalid-toml", Location::at(&source, e.span), e.message))?;
            out.push_str(&text[..parts.body_start]);
            if !out.ends_with('\n') {
                out.push_str(newline);
            }
            None
        }
    };
    let body = format_body(&text[parts.body_start..], newline);
    if !body.is_empty() {
        out.push_str(newline);
        out.push_str(&body);
    }

    // The new frontmatter must read back as the same values, or the file is left alone.
    if let Some(root) = root {
        let reread = frontmatter::split(&out)
            .ok()
            .filter(|p| p.format == Format::Yaml)
            .and_then(|p| load::yaml::parse(&out[p.frontmatter_start..p.frontmatter_end], p.frontmatter_start).ok());
        if !reread.is_some_and(|reread| same_values(&root, &reread)) {
            return Err(cannot_format(&source, "its frontmatter could not be written so that it reads back the same"));
        }
    }
    Ok(out)
}

/// Format the content files of the site at `root` (all of them when `paths` is empty; else
/// the given files or folders, relative to the current directory, which must be inside the
/// site's content/ folder). With `check`, nothing is written. Writes are atomic (write a
/// temporary file beside, then rename) and only touch the given content files.
///
/// Files that cannot be formatted (frontmatter that does not parse, not UTF-8, too large) are
/// reported in [`FormatReport::problems`] and left as they are. Errors are for what stops the
/// command: no site, a path outside `content/`, a file that cannot be read or written.
pub fn format_site(root: &Path, paths: &[PathBuf], check: bool) -> Result<FormatReport, Error> {
    if !root.join(CONFIG_FILE).is_file() {
        return Err(Error::NoSite(root.to_path_buf()));
    }
    let content_dir = root.join("content");
    if !content_dir.is_dir() {
        return Err(Error::Other(format!("the site `{}` has no content/ folder", root.display())));
    }
    // Problems in schema.toml are `check`'s to report; fmt orders keys by what did load.
    let (schema, _) = crate::schema_in_force(root)?;
    let (discovered, _) = load::discover(&content_dir, root);
    let files = select(discovered.files, &content_dir, paths)?;

    let outcomes: Vec<Result<Outcome, Error>> =
        files.par_iter().map(|file| format_file(file, &schema, check)).collect();
    let mut report = FormatReport { files: files.len(), ..FormatReport::default() };
    for (file, outcome) in files.iter().zip(outcomes) {
        match outcome? {
            Outcome::Unchanged => {}
            Outcome::Changed => report.changed.push(file.display.clone()),
            Outcome::Problem(d) => report.problems.push(*d),
        }
    }
    Ok(report)
}

/// What happened to one file.
enum Outcome {
    Unchanged,
    Changed,
    Problem(Box<Diagnostic>),
}

fn format_file(file: &load::ContentFile, schema: &Schema, check: bool) -> Result<Outcome, Error> {
    let problem = |code: &'static str, message: String| {
        Ok(Outcome::Problem(Box::new(Diagnostic::error(code, Location::file(file.display.clone()), message))))
    };
    let size = std::fs::metadata(&file.path).map_err(|e| Error::io("read", &file.path, e))?.len();
    if size > load::MAX_FILE_BYTES {
        return problem(
            "file-too-large",
            format!("this file is larger than {} MB, so it is not formatted", load::MAX_FILE_BYTES / 1_048_576),
        );
    }
    let bytes = std::fs::read(&file.path).map_err(|e| Error::io("read", &file.path, e))?;
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return problem("not-utf8", "this file is not UTF-8 text, so it is not formatted".into());
    };
    let formatted = match format_text(text, file.content_type, schema, &file.display) {
        Ok(formatted) => formatted,
        Err(d) => return Ok(Outcome::Problem(Box::new(d))),
    };
    if formatted.as_bytes() == bytes.as_slice() {
        return Ok(Outcome::Unchanged);
    }
    if !check {
        write_atomically(&file.path, &formatted)?;
    }
    Ok(Outcome::Changed)
}

/// The discovered files that `paths` select (all when `paths` is empty).
fn select(
    files: Vec<load::ContentFile>,
    content_dir: &Path,
    paths: &[PathBuf],
) -> Result<Vec<load::ContentFile>, Error> {
    if paths.is_empty() {
        return Ok(files);
    }
    let cwd = std::env::current_dir().map_err(|e| Error::io("read", ".", e))?;
    let content = std::fs::canonicalize(content_dir).map_err(|e| Error::io("read", content_dir, e))?;
    let mut wanted = Vec::new();
    for path in paths {
        let absolute = if path.is_absolute() { path.clone() } else { cwd.join(path) };
        let canonical = std::fs::canonicalize(&absolute).map_err(|e| Error::io("find", &absolute, e))?;
        if !canonical.starts_with(&content) {
            return Err(Error::Other(format!(
                "`{}` is not inside the site's content/ folder (`{}`); fmt only formats content files",
                path.display(),
                content_dir.display()
            )));
        }
        wanted.push((path, canonical));
    }
    let canonical_files: Vec<PathBuf> =
        files.iter().map(|f| std::fs::canonicalize(&f.path).unwrap_or_else(|_| f.path.clone())).collect();
    for (path, canonical) in &wanted {
        if canonical.is_file() && !canonical_files.contains(canonical) {
            return Err(Error::Other(format!(
                "`{}` is not a content file: fmt formats the markdown files (.md) under content/",
                path.display()
            )));
        }
    }
    Ok(files
        .into_iter()
        .zip(canonical_files)
        .filter(|(_, canonical)| wanted.iter().any(|(_, w)| canonical.starts_with(w)))
        .map(|(file, _)| file)
        .collect())
}

/// Replace the file at `path` with `text` in one step: write a hidden temporary file beside it
/// (with the same permissions), then rename it over the file. A symbolic link is followed, so
/// the link stays a link.
fn write_atomically(path: &Path, text: &str) -> Result<(), Error> {
    let target = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            std::fs::canonicalize(path).map_err(|e| Error::io("read", path, e))?
        }
        _ => path.to_path_buf(),
    };
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // A hidden name without the .md extension: never read as content if it is left behind.
    let temporary = target.with_file_name(format!(".{name}.{}.fieldbook-fmt", std::process::id()));
    let write = || -> std::io::Result<()> {
        std::fs::write(&temporary, text)?;
        if let Ok(meta) = std::fs::metadata(&target) {
            std::fs::set_permissions(&temporary, meta.permissions())?;
        }
        std::fs::File::open(&temporary)?.sync_all()?;
        std::fs::rename(&temporary, &target)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        Error::io("write", &target, e)
    })
}

/// A file fmt cannot write safely: a bug in fmt, reported rather than risked.
fn cannot_format(source: &SourceFile, why: &str) -> Diagnostic {
    Diagnostic::error(
        "cannot-format",
        Location::at(source, Span::new(0, 3)),
        format!("fmt left this file as it is: {why}"),
    )
    .with_help("this is a bug in Fieldbook; please report it with the file")
}

fn with_newline(text: &str, newline: &str) -> String {
    if newline == "\n" { text.to_string() } else { text.replace('\n', newline) }
}

/// True when two frontmatter trees hold the same values as the validator reads them: the same
/// keys (in any order), items, texts, and nothing where there was nothing.
fn same_values(a: &Node, b: &Node) -> bool {
    match (&a.kind, &b.kind) {
        (NodeKind::Scalar(x), NodeKind::Scalar(y)) => x.text == y.text && a.is_null() == b.is_null(),
        (NodeKind::Seq(x), NodeKind::Seq(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_values(a, b)),
        (NodeKind::Map(x), NodeKind::Map(y)) => {
            let index: HashMap<&str, &Node> = y.iter().map(|e| (e.key.as_str(), &e.value)).collect();
            x.len() == y.len() && x.iter().all(|e| index.get(e.key.as_str()).is_some_and(|v| same_values(&e.value, v)))
        }
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// YAML: what each value is, in what order, written how.

/// How a scalar is written, from what its field expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hint {
    /// Text: quoted when a YAML reader would take it for something else.
    Text,
    /// A number (or integer): plain when the validator reads it as one.
    Number,
    /// A date: plain when it is one.
    Date,
    /// Yes or no: plain when it is one.
    YesNo,
    /// Unknown, or where plain and quoted mean different things (screening's `yes`): a plain
    /// value stays plain, a quoted one stays quoted unless quotes change nothing.
    Preserve,
}

/// What the schema says about a value and what is inside it.
#[derive(Clone, Copy)]
enum Spec<'s> {
    /// The frontmatter of a content type.
    Root(ContentType),
    /// Nothing known: original order, scalars preserved.
    Generic,
    /// One value.
    Scalar(Hint),
    /// A list, or a single value standing for a list of one.
    List(Hint),
    /// `indicators:`.
    Indicators,
    /// One indicator: a bare value or an entry table.
    Indicator(&'s Indicator),
    /// The `value:` of an indicator entry table.
    IndicatorValue(&'s Indicator),
    /// Parts of a distribution or of a disaggregation dimension, in this order.
    Parts(&'s [String]),
    /// `disaggregation:` of an indicator entry.
    Disaggregation,
    /// `criteria:`.
    Criteria,
    /// One criterion: a status, or a table of status and evidence.
    Criterion,
    /// `research:`.
    Research,
    /// `screening:`.
    Screening,
}

/// An entry or a list item: what comments are attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Anchor {
    /// Where the key (or the item) starts in the file.
    offset: u32,
    /// An item of a list (which may start where its first key does).
    item: bool,
}

/// A value, decided and ready to write.
enum Value {
    Scalar(ScalarOut),
    Seq(Vec<Item>),
    /// Entries, and whether the map may be written as a flow map (parts of a distribution).
    Map(Vec<OutEntry>, bool),
}

struct Item {
    anchor: Anchor,
    value: Value,
}

struct OutEntry {
    anchor: Anchor,
    /// The key as written in a block.
    key: String,
    /// The key as written inside `{ }`.
    flow_key: String,
    value: Value,
}

/// A scalar in its block form and, when it can be written inside `[ ]` or `{ }`, its flow form.
struct ScalarOut {
    block: Written,
    flow: Option<String>,
    /// The flow form is plain (unquoted): lists are written as flow lists only then.
    plain: bool,
}

enum Written {
    /// On the line of its key (may be empty: a null written as nothing).
    Line(String),
    /// A literal block: `|` or `|-`, then the lines.
    Literal(&'static str, Vec<String>),
}

struct Builder<'s> {
    schema: &'s Schema,
}

impl<'s> Builder<'s> {
    fn value(&self, node: &Node, spec: Spec<'s>) -> Value {
        match &node.kind {
            // A value left out (`key:`) has no text in the file: it stays left out, rather
            // than becoming the `~` the parser reports for it.
            NodeKind::Scalar(s) if node.is_null() && node.span.start == node.span.end => {
                let empty = Scalar { text: String::new(), style: s.style };
                Value::Scalar(scalar(&empty, true, self.hint(spec)))
            }
            NodeKind::Scalar(s) => Value::Scalar(scalar(s, node.is_null(), self.hint(spec))),
            NodeKind::Seq(items) => {
                let spec = self.item_spec(spec);
                Value::Seq(
                    items
                        .iter()
                        .map(|i| Item {
                            anchor: Anchor { offset: i.span.start, item: true },
                            value: self.value(i, spec),
                        })
                        .collect(),
                )
            }
            NodeKind::Map(entries) => self.map(entries, spec),
        }
    }

    fn hint(&self, spec: Spec<'s>) -> Hint {
        match spec {
            Spec::Scalar(hint) | Spec::List(hint) => hint,
            Spec::Indicator(indicator) | Spec::IndicatorValue(indicator) => value_hint(indicator.kind),
            Spec::Criterion => Hint::Text,
            _ => Hint::Preserve,
        }
    }

    fn item_spec(&self, spec: Spec<'s>) -> Spec<'s> {
        match spec {
            Spec::List(hint) => Spec::Scalar(hint),
            Spec::Indicator(i) | Spec::IndicatorValue(i) if i.kind == ValueKind::List => Spec::Scalar(Hint::Text),
            _ => Spec::Generic,
        }
    }

    fn map(&self, entries: &[Entry], spec: Spec<'s>) -> Value {
        let schema = self.schema;
        match spec {
            Spec::Root(content_type) => self.ordered(
                entries,
                |k| schema.fields_of(content_type).position(|(_, f)| f.name == k),
                |k| field_spec(schema.field(content_type, k).map(|f| f.kind)),
                false,
            ),
            Spec::Indicators => self.ordered(
                entries,
                |k| schema.indicators.get(k),
                |k| schema.indicators.by_id(k).map_or(Spec::Generic, Spec::Indicator),
                false,
            ),
            Spec::Indicator(indicator)
                if indicator.kind == ValueKind::Distribution && !entries.iter().any(|e| e.key == "value") =>
            {
                self.map(entries, Spec::Parts(&indicator.parts[..]))
            }
            Spec::Indicator(indicator) => self.ordered(
                entries,
                |k| crate::schema::ENTRY_KEYS.iter().position(|e| *e == k),
                |k| entry_spec(k, indicator),
                false,
            ),
            Spec::IndicatorValue(indicator) if indicator.kind == ValueKind::Distribution => {
                self.map(entries, Spec::Parts(&indicator.parts[..]))
            }
            Spec::Parts(order) => {
                self.ordered(entries, |k| order.iter().position(|p| p == k), |_| Spec::Scalar(Hint::Number), true)
            }
            Spec::Disaggregation => self.ordered(
                entries,
                |k| schema.disaggregations.get(k),
                |k| Spec::Parts(schema.disaggregations.by_id(k).map_or(&[][..], |d| &d.parts[..])),
                false,
            ),
            Spec::Criteria => self.ordered(entries, |k| schema.criteria.get(k), |_| Spec::Criterion, false),
            Spec::Criterion => self.ordered(
                entries,
                |k| ["status", "evidence"].iter().position(|e| *e == k),
                |k| if matches!(k, "status" | "evidence") { Spec::Scalar(Hint::Text) } else { Spec::Generic },
                false,
            ),
            Spec::Research => {
                self.ordered(entries, |k| schema.research_questions.get(k), |_| Spec::List(Hint::Text), false)
            }
            Spec::Screening => {
                self.ordered(entries, |k| schema.project_criteria.get(k), |_| Spec::Scalar(Hint::Preserve), false)
            }
            _ => self.ordered(entries, |_| None, |_| Spec::Generic, false),
        }
    }

    /// The entries with known keys first, by `rank`, then the others in their original order.
    fn ordered(
        &self,
        entries: &[Entry],
        rank: impl Fn(&str) -> Option<usize>,
        child: impl Fn(&str) -> Spec<'s>,
        flow: bool,
    ) -> Value {
        let mut order: Vec<&Entry> = entries.iter().collect();
        order.sort_by_key(|e| rank(&e.key).map_or((1, 0), |r| (0, r)));
        let entries = order
            .into_iter()
            .map(|e| OutEntry {
                anchor: Anchor { offset: e.key_span.start, item: false },
                key: key_text(&e.key, false),
                flow_key: key_text(&e.key, true),
                value: self.value(&e.value, child(&e.key)),
            })
            .collect();
        Value::Map(entries, flow)
    }
}

fn field_spec<'s>(kind: Option<FieldKind>) -> Spec<'s> {
    match kind {
        None => Spec::Generic,
        Some(FieldKind::Text | FieldKind::Url | FieldKind::Id | FieldKind::Status | FieldKind::Ref) => {
            Spec::Scalar(Hint::Text)
        }
        Some(FieldKind::Date) => Spec::Scalar(Hint::Date),
        Some(FieldKind::Integer) => Spec::Scalar(Hint::Number),
        Some(FieldKind::YesNo) => Spec::Scalar(Hint::YesNo),
        Some(FieldKind::List | FieldKind::Ids | FieldKind::Refs) => Spec::List(Hint::Text),
        Some(FieldKind::Indicators) => Spec::Indicators,
        Some(FieldKind::Criteria) => Spec::Criteria,
        Some(FieldKind::Research) => Spec::Research,
        Some(FieldKind::Screening) => Spec::Screening,
    }
}

fn entry_spec<'s>(key: &str, indicator: &'s Indicator) -> Spec<'s> {
    match key {
        "value" => Spec::IndicatorValue(indicator),
        "date" => Spec::Scalar(Hint::Date),
        "n" => Spec::Scalar(Hint::Number),
        "disaggregation" => Spec::Disaggregation,
        "unit" | "source" | "method" | "confidence" | "confidence_reason" | "notes" => Spec::Scalar(Hint::Text),
        _ => Spec::Generic,
    }
}

fn value_hint(kind: ValueKind) -> Hint {
    match kind {
        ValueKind::Number | ValueKind::Percent | ValueKind::Count | ValueKind::Rating => Hint::Number,
        ValueKind::YesNo => Hint::YesNo,
        ValueKind::Text | ValueKind::List => Hint::Text,
        ValueKind::Distribution => Hint::Preserve,
    }
}

// ---------------------------------------------------------------------------------------------
// Scalars and keys.

/// How to write `s` (`null` when it is a plain `~`, `null` or nothing), given `hint`.
fn scalar(s: &Scalar, null: bool, hint: Hint) -> ScalarOut {
    let text = s.text.as_str();
    if null {
        // Nothing stays nothing, written as it was (`key:`, `key: ~`).
        return ScalarOut {
            block: Written::Line(text.to_string()),
            flow: (!text.is_empty()).then(|| text.to_string()),
            plain: true,
        };
    }
    let typed = match hint {
        Hint::Number => is_number(text),
        Hint::Date => crate::date::Date::parse(text).is_ok() && plain_ok(text, false),
        Hint::YesNo => matches!(text.to_ascii_lowercase().as_str(), "yes" | "no" | "true" | "false"),
        _ => false,
    };
    if typed {
        return plain(text);
    }
    let keep_plain = hint != Hint::Text && s.style == ScalarStyle::Plain;
    if !text.contains('\n') {
        if keep_plain && looks_typed(text) && typed_plain_ok(text) {
            return plain(text);
        }
        if plain_ok(text, false) && !looks_typed(text) {
            return plain(text);
        }
        return quoted(text);
    }
    match literal(text) {
        Some((header, lines)) => ScalarOut { block: Written::Literal(header, lines), flow: None, plain: false },
        None => quoted(text),
    }
}

fn plain(text: &str) -> ScalarOut {
    let flow_ok = plain_ok_in_flow(text);
    ScalarOut {
        block: Written::Line(text.to_string()),
        flow: Some(if flow_ok { text.to_string() } else { double_quoted(text) }),
        plain: flow_ok,
    }
}

fn quoted(text: &str) -> ScalarOut {
    let q = double_quoted(text);
    ScalarOut { block: Written::Line(q.clone()), flow: Some(q), plain: false }
}

/// A key: plain when that reads back as the same text in any YAML reader, else quoted.
fn key_text(key: &str, flow: bool) -> String {
    let ok = if flow { plain_ok_in_flow(key) } else { plain_ok(key, false) };
    if ok && !looks_typed(key) { key.to_string() } else { double_quoted(key) }
}

/// A number as the validator reads it (`12`, `-3.5`, `1e3`, `45%`; see `validate::read`), with
/// nothing around it, so that writing it plain is safe.
fn is_number(text: &str) -> bool {
    let digits = text.strip_suffix('%').unwrap_or(text);
    digits.bytes().any(|b| b.is_ascii_digit())
        && digits.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
        && digits.parse::<f64>().is_ok_and(f64::is_finite)
}

/// A character YAML cannot hold as it is in a plain or block scalar.
fn needs_escape(c: char) -> bool {
    matches!(c, '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
}

/// True when `text` can be written without quotes and reads back as the same text (typing
/// aside: see [`looks_typed`]). Stricter than YAML needs, for the sake of every editor.
fn plain_ok(text: &str, flow: bool) -> bool {
    let Some(first) = text.chars().next() else { return false };
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) || first == ' ' {
        return false;
    }
    if text.ends_with([' ', ':']) || text.starts_with("---") || text.starts_with("...") {
        return false;
    }
    if text.contains(": ") || text.contains(" #") || text.chars().any(needs_escape) {
        return false;
    }
    !flow || !text.contains([',', '[', ']', '{', '}', ':'])
}

fn plain_ok_in_flow(text: &str) -> bool {
    // A plain value that is a number (`-5`) is safe anywhere a plain value is.
    (plain_ok(text, true) || (looks_typed(text) && typed_plain_ok(text) && !text.contains([',', ':'])))
        && !text.is_empty()
}

/// A plain value the validator or a YAML reader takes as a number, yes/no or nothing, written
/// plain as it was: safe unless it holds what would start a comment or a key.
fn typed_plain_ok(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with(' ')
        && !text.ends_with([' ', ':'])
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.chars().any(needs_escape)
        && !text.contains([',', '[', ']', '{', '}', '#'])
}

/// True when a YAML 1.1 or 1.2 reader (an editor, a data tool) would read `text`, written
/// plain, as something other than text: nothing, a boolean, a number or a date.
fn looks_typed(text: &str) -> bool {
    const WORDS: [&str; 28] = [
        "", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes", "YES", "no",
        "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "<<", "=", ".nan", ".NaN", ".NAN",
    ];
    if WORDS.contains(&text) {
        return true;
    }
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") {
        return true;
    }
    let lower = unsigned.to_ascii_lowercase();
    for (prefix, digits) in [("0x", "0123456789abcdef_"), ("0o", "01234567_"), ("0b", "01_")] {
        if let Some(rest) = lower.strip_prefix(prefix)
            && !rest.is_empty()
            && rest.chars().all(|c| digits.contains(c))
        {
            return true;
        }
    }
    looks_numeric(unsigned) || looks_like_date(text)
}

/// Digits with dots, underscores, colons (sexagesimal) and an exponent: `12`, `1.5`, `1_000`,
/// `1e3`, `12:30`, `1.2.3`. More than YAML reads as numbers, never less.
fn looks_numeric(text: &str) -> bool {
    let bytes = text.as_bytes();
    let starts = match bytes {
        [first, ..] if first.is_ascii_digit() => true,
        [b'.', second, ..] => second.is_ascii_digit(),
        _ => false,
    };
    if !starts {
        return false;
    }
    let mut exponent = false;
    let mut previous = 0u8;
    for &b in bytes {
        match b {
            b'0'..=b'9' | b'_' | b'.' | b':' => {}
            b'e' | b'E' if !exponent => exponent = true,
            b'+' | b'-' if matches!(previous, b'e' | b'E') => {}
            _ => return false,
        }
        previous = b;
    }
    true
}

/// `2026-03-14`, and anything starting like a YAML 1.1 timestamp.
fn looks_like_date(text: &str) -> bool {
    let mut fields = text.splitn(3, '-');
    let (Some(year), Some(month), Some(rest)) = (fields.next(), fields.next(), fields.next()) else {
        return false;
    };
    let day: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let after = &rest[day.len()..];
    year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
        && (1..=2).contains(&month.len())
        && month.bytes().all(|b| b.is_ascii_digit())
        && (1..=2).contains(&day.len())
        && (after.is_empty() || after.starts_with(['T', 't', ' ', '\t']))
}

/// `text` in double quotes, with YAML's escapes.
fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\0' => out.push_str("\\0"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{b}' => out.push_str("\\v"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\u{1b}' => out.push_str("\\e"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if needs_escape(c) && (c as u32) <= 0xff => out.push_str(&format!("\\x{:02X}", c as u32)),
            c if needs_escape(c) => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Multi-line text as a literal block (`|` when it ends with one line break, `|-` without,
/// `|+` with more), unless a literal block cannot hold it exactly: then `None`, and it is
/// double-quoted.
fn literal(text: &str) -> Option<(&'static str, Vec<String>)> {
    if text.chars().any(|c| c != '\n' && c != '\t' && needs_escape(c)) {
        return None;
    }
    let (header, content) = match text.strip_suffix('\n') {
        Some(content) if content.ends_with('\n') => ("|+", content),
        Some(content) => ("|", content),
        None => ("|-", text),
    };
    let lines: Vec<&str> = content.split('\n').collect();
    // Lines of only spaces, and a first line that starts with a space or tab, would not read
    // back the same without an indentation indicator.
    if lines.iter().any(|l| !l.is_empty() && l.trim_matches([' ', '\t']).is_empty()) {
        return None;
    }
    let first = lines.iter().find(|l| !l.is_empty())?;
    if first.starts_with([' ', '\t']) {
        return None;
    }
    Some((header, lines.into_iter().map(str::to_string).collect()))
}

// ---------------------------------------------------------------------------------------------
// Comments.

/// A comment of the frontmatter: where it starts and its text, `#` included.
struct Comment {
    start: usize,
    text: String,
}

/// Every comment of a YAML frontmatter found at `offset` of its file, in order; `None` if the
/// text does not parse (the caller parsed it already).
fn yaml_comments(text: &str, offset: usize) -> Option<Vec<Comment>> {
    let mut parser = granit_parser::Parser::new_from_str(text);
    let mut comments = Vec::new();
    while let Some(event) = parser.next_event() {
        let (event, span) = event.ok()?;
        if let granit_parser::Event::Comment(body, _) = event {
            let start = span.start.byte_offset()? + offset;
            comments.push(Comment { start, text: format!("#{}", body.trim_end()) });
        }
    }
    Some(comments)
}

/// Comments attached to an entry or item.
#[derive(Default)]
struct Notes {
    /// Whole-line comments above it.
    leading: Vec<String>,
    /// Comments after it on its line.
    trailing: Vec<String>,
    /// A top-level entry with a blank line above it (or above its comments).
    blank_before: bool,
    /// Whole-line comments below an entry with no value, indented under it: a block written
    /// as comments for later (`indicators:` with every indicator commented out). They stay
    /// under it, indented, so that uncommenting a line gives a valid entry.
    inner: Vec<String>,
}

/// Where each comment goes: above the entry or item that follows it, or after the one on its
/// line; the rest at the end (with whether a blank line came before them).
struct Placement {
    notes: HashMap<Anchor, Notes>,
    end: Vec<String>,
    blank_before_end: bool,
}

fn place_comments(root: &Node, comments: Vec<Comment>, text: &str, parts: &Parts) -> Placement {
    // Every entry and item, with its depth, in file order; aliases repeat their target's
    // positions, which count once.
    let mut anchors: Vec<(u32, usize, Anchor)> = Vec::new();
    collect_anchors(root, 0, &mut anchors);
    anchors.sort_by_key(|(offset, depth, _)| (*offset, *depth));
    let mut seen = std::collections::HashSet::new();
    anchors.retain(|(_, _, anchor)| seen.insert(*anchor));
    let mut empty_entries = std::collections::HashSet::new();
    collect_empty_entries(root, &mut empty_entries);

    let line_starts: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let line_of = |offset: usize| line_starts.partition_point(|&s| s <= offset).saturating_sub(1);
    let first_line = line_of(parts.frontmatter_start);
    let blank_line_before = |line: usize| {
        line > first_line
            && line_starts.get(line - 1).zip(line_starts.get(line)).is_some_and(|(&a, &b)| {
                text.get(a..b).is_some_and(|l| l.trim_matches([' ', '\t', '\r', '\n']).is_empty())
            })
    };

    let mut placement = Placement { notes: HashMap::new(), end: Vec::new(), blank_before_end: false };
    let mut first_comment_line: HashMap<Anchor, usize> = HashMap::new();
    for comment in comments {
        let line = line_of(comment.start);
        let line_start = line_starts.get(line).copied().unwrap_or(0);
        let trailing = text.get(line_start..comment.start).is_some_and(|before| !before.trim().is_empty());
        let start = comment.start as u32;
        if trailing {
            // The first entry or item that starts on this line (the innermost of those starting
            // at the same place), else the last one before the comment (anchors are sorted by
            // place, then depth).
            let before = anchors.partition_point(|(offset, _, _)| *offset < start);
            let on_line = anchors.partition_point(|(offset, _, _)| (*offset as usize) < line_start);
            let chosen = match anchors.get(on_line).filter(|_| on_line < before) {
                Some((first, _, _)) => anchors[on_line..before].iter().take_while(|(o, _, _)| o == first).last(),
                None => before.checked_sub(1).and_then(|i| anchors.get(i)),
            };
            if let Some((_, _, anchor)) = chosen {
                placement.notes.entry(*anchor).or_default().trailing.push(comment.text);
                continue;
            }
        }
        // The outermost entry or item that starts first after the comment.
        let after = anchors.partition_point(|(offset, _, _)| *offset <= start);
        // Indented below an entry with no value: it belongs under that entry.
        if let Some((offset, _, anchor)) = after.checked_sub(1).and_then(|i| anchors.get(i))
            && empty_entries.contains(anchor)
        {
            let key_line = line_of(*offset as usize);
            let key_column = (*offset as usize).saturating_sub(line_starts.get(key_line).copied().unwrap_or(0));
            let column = comment.start.saturating_sub(line_start);
            if column > key_column {
                placement.notes.entry(*anchor).or_default().inner.push(comment.text);
                continue;
            }
        }
        match anchors.get(after) {
            Some((_, _, anchor)) => {
                first_comment_line.entry(*anchor).or_insert(line);
                placement.notes.entry(*anchor).or_default().leading.push(comment.text);
            }
            None => {
                if placement.end.is_empty() {
                    placement.blank_before_end = blank_line_before(line);
                }
                placement.end.push(comment.text);
            }
        }
    }
    if let NodeKind::Map(entries) = &root.kind {
        for e in entries {
            let anchor = Anchor { offset: e.key_span.start, item: false };
            let line = first_comment_line.get(&anchor).copied().unwrap_or_else(|| line_of(e.key_span.start as usize));
            if blank_line_before(line) {
                placement.notes.entry(anchor).or_default().blank_before = true;
            }
        }
    }
    placement
}

/// The entries whose value is nothing (`key:` or `key: ~`).
fn collect_empty_entries(node: &Node, out: &mut std::collections::HashSet<Anchor>) {
    match &node.kind {
        NodeKind::Scalar(_) => {}
        NodeKind::Seq(items) => items.iter().for_each(|item| collect_empty_entries(item, out)),
        NodeKind::Map(entries) => {
            for e in entries {
                if e.value.is_null() {
                    out.insert(Anchor { offset: e.key_span.start, item: false });
                }
                collect_empty_entries(&e.value, out);
            }
        }
    }
}

fn collect_anchors(node: &Node, depth: usize, out: &mut Vec<(u32, usize, Anchor)>) {
    match &node.kind {
        NodeKind::Scalar(_) => {}
        NodeKind::Seq(items) => {
            for item in items {
                out.push((item.span.start, depth, Anchor { offset: item.span.start, item: true }));
                collect_anchors(item, depth + 1, out);
            }
        }
        NodeKind::Map(entries) => {
            for e in entries {
                out.push((e.key_span.start, depth, Anchor { offset: e.key_span.start, item: false }));
                collect_anchors(&e.value, depth + 1, out);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Writing YAML.

/// The canonical text of a YAML frontmatter (without its `---` lines), with `\n` line breaks.
fn write_yaml(
    root: &Node,
    comments: Vec<Comment>,
    text: &str,
    parts: &Parts,
    content_type: ContentType,
    schema: &Schema,
) -> String {
    let placement = place_comments(root, comments, text, parts);
    let value = Builder { schema }.value(root, Spec::Root(content_type));
    let mut writer = Writer { out: String::new(), notes: placement.notes, after_keep: false };
    match &value {
        Value::Map(entries, _) => writer.entries(entries, 0, true),
        Value::Seq(items) => writer.items(items, 0),
        Value::Scalar(s) => match &s.block {
            Written::Line(line) if line.is_empty() => {}
            Written::Line(line) => {
                writer.out.push_str(line);
                writer.out.push('\n');
            }
            Written::Literal(header, lines) => {
                writer.out.push_str(header);
                writer.out.push('\n');
                writer.literal_lines(header, lines, 2);
            }
        },
    }
    // Comments whose entry was not written (none should be) are kept at the end.
    let mut left: Vec<(Anchor, Notes)> = writer.notes.drain().collect();
    left.sort_by_key(|(anchor, _)| (anchor.offset, anchor.item));
    let mut end: Vec<String> =
        left.into_iter().flat_map(|(_, n)| n.leading.into_iter().chain(n.trailing).chain(n.inner)).collect();
    end.extend(placement.end);
    if placement.blank_before_end && !writer.out.is_empty() && !end.is_empty() && !writer.after_keep {
        writer.out.push('\n');
    }
    writer.comments(&end, 0);
    writer.out
}

struct Writer {
    out: String,
    notes: HashMap<Anchor, Notes>,
    /// The last lines written end a `|+` block, whose blank lines at the end belong to it: a
    /// blank line written after them would join the text.
    after_keep: bool,
}

impl Writer {
    fn take(&mut self, anchor: Anchor) -> Notes {
        self.notes.remove(&anchor).unwrap_or_default()
    }

    fn comments(&mut self, comments: &[String], indent: usize) {
        for comment in comments {
            self.indent(indent);
            self.out.push_str(comment);
            self.out.push('\n');
            self.after_keep = false;
        }
    }

    fn indent(&mut self, indent: usize) {
        self.out.extend(std::iter::repeat_n(' ', indent));
    }

    /// The characters written so far on the current line.
    fn column(&self) -> usize {
        let start = self.out.rfind('\n').map_or(0, |i| i + 1);
        self.out[start..].chars().count()
    }

    fn end_line(&mut self, trailing: &[String]) {
        if !trailing.is_empty() {
            self.out.push(' ');
            self.out.push_str(&trailing.join(" "));
        }
        self.out.push('\n');
        self.after_keep = false;
    }

    fn entries(&mut self, entries: &[OutEntry], indent: usize, top: bool) {
        for entry in entries {
            let notes = self.take(entry.anchor);
            if top && notes.blank_before && !self.out.is_empty() && !self.after_keep {
                self.out.push('\n');
            }
            self.comments(&notes.leading, indent);
            self.indent(indent);
            self.entry(entry, indent, &notes.trailing);
            self.comments(&notes.inner, indent + 2);
        }
    }

    /// An entry from its key on, the cursor being where the key goes.
    fn entry(&mut self, entry: &OutEntry, indent: usize, trailing: &[String]) {
        self.out.push_str(&entry.key);
        self.out.push(':');
        self.value(&entry.value, indent, trailing);
    }

    fn items(&mut self, items: &[Item], indent: usize) {
        for item in items {
            let notes = self.take(item.anchor);
            if let Value::Map(entries, _) = &item.value
                && let Some(first) = entries.first()
                && self.flow(&item.value, indent + 2).is_none()
            {
                // `- key: value`, the other keys below it. The first key's comments go with the item.
                let first_notes = self.take(first.anchor);
                self.comments(&notes.leading, indent);
                self.comments(&first_notes.leading, indent);
                self.indent(indent);
                self.out.push_str("- ");
                let trailing: Vec<String> = notes.trailing.into_iter().chain(first_notes.trailing).collect();
                self.entry(first, indent + 2, &trailing);
                self.comments(&first_notes.inner, indent + 4);
                self.entries(&entries[1..], indent + 2, false);
                continue;
            }
            self.comments(&notes.leading, indent);
            self.indent(indent);
            self.out.push('-');
            self.value(&item.value, indent, &notes.trailing);
        }
    }

    /// A value after its `key:` or `-`, to the end of its line and the lines below it.
    fn value(&mut self, value: &Value, indent: usize, trailing: &[String]) {
        match value {
            Value::Scalar(s) => match &s.block {
                Written::Line(line) => {
                    if !line.is_empty() {
                        self.out.push(' ');
                        self.out.push_str(line);
                    }
                    self.end_line(trailing);
                }
                Written::Literal(header, lines) => {
                    self.out.push(' ');
                    self.out.push_str(header);
                    self.end_line(trailing);
                    self.literal_lines(header, lines, indent + 2);
                }
            },
            Value::Seq(items) if items.is_empty() => {
                self.out.push_str(" []");
                self.end_line(trailing);
            }
            Value::Map(entries, _) if entries.is_empty() => {
                self.out.push_str(" {}");
                self.end_line(trailing);
            }
            _ => {
                if let Some(flow) = self.flow(value, self.column() + 1) {
                    self.out.push(' ');
                    self.out.push_str(&flow);
                    self.end_line(trailing);
                    return;
                }
                self.end_line(trailing);
                match value {
                    Value::Seq(items) => self.items(items, indent + 2),
                    Value::Map(entries, _) => self.entries(entries, indent + 2, false),
                    Value::Scalar(_) => {}
                }
            }
        }
    }

    fn literal_lines(&mut self, header: &str, lines: &[String], indent: usize) {
        for line in lines {
            if !line.is_empty() {
                self.indent(indent);
                self.out.push_str(line);
            }
            self.out.push('\n');
        }
        self.after_keep = header == "|+";
    }

    /// The flow form of a list of plain scalars, or of parts whose values are scalars, if it
    /// has no comments inside and fits on a line starting at `column`.
    fn flow(&self, value: &Value, column: usize) -> Option<String> {
        let text = match value {
            Value::Seq(items) => {
                let mut parts = Vec::with_capacity(items.len());
                for item in items {
                    match &item.value {
                        Value::Scalar(ScalarOut { flow: Some(f), plain: true, .. })
                            if !self.notes.contains_key(&item.anchor) =>
                        {
                            parts.push(f.as_str())
                        }
                        _ => return None,
                    }
                }
                format!("[{}]", parts.join(", "))
            }
            Value::Map(entries, true) => {
                let mut parts = Vec::with_capacity(entries.len());
                for entry in entries {
                    match &entry.value {
                        Value::Scalar(ScalarOut { flow: Some(f), .. }) if !self.notes.contains_key(&entry.anchor) => {
                            parts.push(format!("{}: {f}", entry.flow_key))
                        }
                        _ => return None,
                    }
                }
                format!("{{ {} }}", parts.join(", "))
            }
            _ => return None,
        };
        (column + text.chars().count() <= MAX_FLOW_WIDTH).then_some(text)
    }
}

// ---------------------------------------------------------------------------------------------
// Markdown.

/// The canonical form of a body, in the file's line endings: comrak's CommonMark when it
/// renders exactly as the body does, else the body as written. Empty for a blank body.
fn format_body(body: &str, newline: &str) -> String {
    let wanted = body_html(body);
    // Markdown reads CR LF and a lone CR as line breaks too.
    let lf = body.replace("\r\n", "\n").replace('\r', "\n");
    if lf.trim_matches([' ', '\t', '\n', '\r']).is_empty() && wanted.is_empty() {
        return String::new();
    }
    let mut candidates = Vec::new();
    // A panic in comrak on some odd body must not stop fmt: the body is then kept as written.
    if let Some(markdown) = std::panic::catch_unwind(|| commonmark(&lf)).ok().flatten() {
        let joined = join_footnote_definitions(&markdown);
        if joined != markdown {
            candidates.push(joined);
        }
        candidates.push(markdown);
    }
    let trimmed = lf.trim_start_matches(['\n']).trim_end_matches([' ', '\t', '\n', '\r']);
    candidates.push(format!("{trimmed}\n"));
    for candidate in candidates {
        let candidate = with_newline(&candidate, newline);
        if body_html(&candidate) == wanted {
            return candidate;
        }
    }
    // As written, without the blank lines at the top (which markdown ignores, and which the
    // blank line after the frontmatter replaces), with a final line break.
    let mut body = body;
    while let Some(end) = body.find('\n')
        && body[..end].trim_matches([' ', '\t', '\r']).is_empty()
    {
        body = &body[end + 1..];
    }
    if body.ends_with('\n') { body.to_string() } else { format!("{body}{newline}") }
}

/// The body as the renderer's markdown reader sees it, as HTML: two bodies with the same HTML
/// make the same page. Line breaks are compared as a browser reads them (CR LF and a lone CR
/// are LF), so that a file with mixed line endings may have them made even.
fn body_html(body: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(body, crate::markdown::options()));
    if html.contains('\r') { html.replace("\r\n", "\n").replace('\r', "\n") } else { html }
}

fn comrak_options() -> comrak::Options<'static> {
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.footnotes = true;
    options.extension.tasklist = true;
    options.extension.strikethrough = true;
    // Footnote definitions stay where they are written, as the renderer shows them.
    options.parse.leave_footnote_definitions = true;
    options.render.width = 0;
    options
}

/// comrak's CommonMark for `body`, with as few escapes as it can afford.
fn commonmark(body: &str) -> Option<String> {
    let options = comrak_options();
    let arena = comrak::Arena::new();
    let root = comrak::parse_document(&arena, body, &options);
    let protected = protect_heading_attributes(root, body);
    let mut out = String::new();
    comrak::format_commonmark(root, &options, &mut out).ok()?;
    let escapes = out.matches('\\').count();
    if escapes > 0 && escapes.saturating_mul(out.len()) <= MINIMIZE_BUDGET {
        let mut minimal = options.clone();
        minimal.render.experimental_minimize_commonmark = true;
        let mut min = String::new();
        if comrak::format_commonmark(root, &minimal, &mut min).is_ok() {
            out = min;
        }
    }
    for (placeholder, attributes) in protected {
        out = out.replace(&placeholder, &attributes);
    }
    Some(out)
}

/// comrak does not read `{#id}` after a heading (the renderer does) and would escape its `#`.
/// Replace each such block by a placeholder comrak writes as it is; returns the placeholders
/// and what they stand for.
fn protect_heading_attributes<'a>(root: &'a AstNode<'a>, body: &str) -> Vec<(String, String)> {
    const MARKER: &str = "FIELDBOOKHEADINGATTRIBUTES";
    let mut protected = Vec::new();
    if body.contains(MARKER) {
        return protected;
    }
    let headings: Vec<&'a AstNode<'a>> =
        root.descendants().filter(|n| matches!(n.data().value, NodeValue::Heading(_))).collect();
    for heading in headings {
        // The text at the end of the heading, which comrak may hold in several nodes.
        let mut run = Vec::new();
        let mut child = heading.last_child();
        while let Some(node) = child {
            if !matches!(node.data().value, NodeValue::Text(_)) {
                break;
            }
            run.push(node);
            child = node.previous_sibling();
        }
        run.reverse();
        let joined: String = run
            .iter()
            .map(|n| match &n.data().value {
                NodeValue::Text(t) => t.to_string(),
                _ => String::new(),
            })
            .collect();
        let Some((open, close)) = attribute_block(&joined) else { continue };
        let placeholder = format!("{MARKER}{}END", protected.len());
        protected.push((placeholder.clone(), joined[open..close].to_string()));
        let Some((first, rest)) = run.split_first() else { continue };
        first.data_mut().value = NodeValue::Text(format!("{}{placeholder}", &joined[..open]).into());
        for node in rest {
            node.detach();
        }
    }
    protected
}

/// Where a heading's trailing `{...}` attribute block is in `text`, as pulldown-cmark finds it:
/// the last `{`, then no `{ } < > \` or line break, then `}` and only spaces to the end.
fn attribute_block(text: &str) -> Option<(usize, usize)> {
    let close = text.trim_end_matches([' ', '\t', '\n', '\r']).len();
    if close == 0 || !text[..close].ends_with('}') {
        return None;
    }
    let inner = &text[..close - 1];
    let open = inner.rfind(['{', '}', '<', '>', '\\', '\n', '\r'])?;
    (inner.as_bytes()[open] == b'{').then_some((open, close))
}

/// comrak writes a footnote definition's label on a line of its own (`[^1]:`, then the text
/// indented below); put a first paragraph back on the label's line, as people write it.
fn join_footnote_definitions(markdown: &str) -> String {
    let lines: Vec<&str> = markdown.split('\n').collect();
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let next = lines.get(i + 1).copied().unwrap_or("");
        let is_label = line.starts_with("[^") && line.ends_with("]:") && !line.contains(' ');
        if is_label
            && let Some(text) = next.strip_prefix("    ").filter(|t| !t.starts_with([' ', '\t']) && !t.is_empty())
        {
            out.push(format!("{line} {text}"));
            i += 2;
        } else {
            out.push(line.to_string());
            i += 1;
        }
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema() -> Schema {
        let (schema, _) = crate::schema::load(None);
        schema
    }

    fn fmt(text: &str, content_type: ContentType) -> String {
        format_text(text, content_type, &schema(), "content/x.md").unwrap()
    }

    fn community(text: &str) -> String {
        fmt(text, ContentType::Community)
    }

    #[test]
    fn keys_follow_the_schema_and_unknown_keys_come_last_in_their_order() {
        let text = "---\nzeta: 1\nstatus: draft\nalpha: 2\ntitle: T\n---\n";
        assert_eq!(community(text), "---\ntitle: T\nstatus: draft\nzeta: 1\nalpha: 2\n---\n");
    }

    #[test]
    fn indicator_entries_and_parts_follow_the_schema() {
        let text = "---\nindicators:\n  access-to-services:\n    n: 212\n    value: 61\n    disaggregation:\n      migrant-status: { non-migrant: 63, returnee: 48 }\n  age-distribution: { \"65+\": 7, \"0-14\": 27, \"15-24\": 19, \"25-64\": 47 }\n---\n";
        let expected = "---\nindicators:\n  age-distribution: { 0-14: 27, 15-24: 19, 25-64: 47, 65+: 7 }\n  access-to-services:\n    value: 61\n    n: 212\n    disaggregation:\n      migrant-status: { returnee: 48, non-migrant: 63 }\n---\n";
        assert_eq!(community(text), expected);
    }

    #[test]
    fn criteria_research_and_screening_follow_the_schema() {
        let text = "---\ncriteria:\n  service-availability: partial\n  returnee-numbers:\n    evidence: Many.\n    status: met\nresearch:\n  q11: individual-survey\n  q1: [desk-review]\n---\n";
        let expected = "---\ncriteria:\n  returnee-numbers:\n    status: met\n    evidence: Many.\n  service-availability: partial\nresearch:\n  q1: [desk-review]\n  q11: individual-survey\n---\n";
        assert_eq!(community(text), expected);
        let project = "---\nscreening:\n  not-viable: \"yes\"\n  brings-together: yes\n---\n";
        assert_eq!(
            fmt(project, ContentType::Project),
            "---\nscreening:\n  brings-together: yes\n  not-viable: \"yes\"\n---\n"
        );
    }

    #[test]
    fn values_are_written_as_the_validator_reads_them() {
        let text = "---\ntitle: 1984\nplace_code: 00123\npopulation: \"12000\"\nassessed: \"2026-03-14\"\nillustrative: 'yes'\nsummary: \"plain text\"\ncountry: \"yes\"\ntags: ['a', \"null\", ~]\nindicators:\n  migration-rates: \"14.2\"\n  safety-levels: \"unknown\"\n---\n";
        let expected = "---\ntitle: \"1984\"\nsummary: plain text\ntags:\n  - a\n  - \"null\"\n  - ~\nillustrative: yes\ncountry: \"yes\"\nplace_code: \"00123\"\npopulation: 12000\nassessed: 2026-03-14\nindicators:\n  migration-rates: 14.2\n  safety-levels: unknown\n---\n";
        assert_eq!(community(text), expected);
    }

    #[test]
    fn text_that_needs_quotes_gets_them() {
        for (text, expected) in [
            ("a: b", "\"a: b\""),
            ("x #y", "\"x #y\""),
            (" lead", "\" lead\""),
            ("trail ", "\"trail \""),
            ("- item", "\"- item\""),
            ("[x]", "\"[x]\""),
            ("@home", "\"@home\""),
            ("say \"hi\"", "say \"hi\""),
            ("", "\"\""),
            ("true", "\"true\""),
            ("~", "\"~\""),
            ("0x1F", "\"0x1F\""),
            ("1e3", "\"1e3\""),
            ("12:30", "\"12:30\""),
            (".inf", "\".inf\""),
            ("tab\there", "\"tab\\there\""),
            ("0-14", "0-14"),
            ("MA-FA-0412", "MA-FA-0412"),
            ("3 of 5", "3 of 5"),
            ("Aïn Lmaati", "Aïn Lmaati"),
        ] {
            let out = scalar(&Scalar { text: text.into(), style: ScalarStyle::Quoted }, false, Hint::Text);
            let Written::Line(line) = out.block else { panic!("{text:?} is not one line") };
            assert_eq!(line, expected, "{text:?}");
        }
    }

    #[test]
    fn multi_line_text_is_a_literal_block_that_reads_back_the_same() {
        let text = "---\nsummary: \"one\\ntwo\\n\"\ninternal_notes: \"a\\n\\n  b\"\ntitle: \"x\\n\\n\"\n---\n";
        let expected = "---\ntitle: |+\n  x\n\nsummary: |\n  one\n  two\ninternal_notes: |-\n  a\n\n    b\n---\n";
        assert_eq!(fmt(text, ContentType::Page), expected);
    }

    #[test]
    fn long_lists_are_blocks() {
        let items: Vec<String> = (0..20).map(|i| format!("item-number-{i}")).collect();
        let text = format!("---\ntags: [{}]\n---\n", items.join(", "));
        let out = fmt(&text, ContentType::Page);
        assert!(out.starts_with("---\ntags:\n  - item-number-0\n  - item-number-1\n"), "{out}");
        let short = fmt("---\ntags:\n  - a\n  - b\n---\n", ContentType::Page);
        assert_eq!(short, "---\ntags: [a, b]\n---\n");
    }

    #[test]
    fn comments_stay_with_their_keys() {
        let text = "---\n# about the status\nstatus: draft # not yet\ntitle: T\nindicators:\n  # the second\n  gender-distribution: { female: 51, male: 49 } # from the survey\n  # the first\n  age-distribution: { \"0-14\": 100 }\n# the end\n---\n";
        let expected = "---\ntitle: T\n# about the status\nstatus: draft # not yet\nindicators:\n  # the first\n  age-distribution: { 0-14: 100 }\n  # the second\n  gender-distribution: { female: 51, male: 49 } # from the survey\n# the end\n---\n";
        assert_eq!(community(text), expected);
    }

    #[test]
    fn comments_inside_a_list_make_it_a_block() {
        let text = "---\ntags: [a,\n  # about b\n  b]\n---\n";
        assert_eq!(fmt(text, ContentType::Page), "---\ntags:\n  - a\n  # about b\n  - b\n---\n");
        // A comment on the key's line stays on it.
        let text = "---\ntags: [a, # first\n  b]\n---\n";
        assert_eq!(fmt(text, ContentType::Page), "---\ntags: [a, b] # first\n---\n");
    }

    #[test]
    fn lists_of_maps_keep_comments() {
        let text = "---\nx:\n  # one\n  - b: 2 # bee\n    a: 1\n  - c\n---\n";
        let out = fmt(text, ContentType::Page);
        assert_eq!(out, "---\nx:\n  # one\n  - b: 2 # bee\n    a: 1\n  - c\n---\n");
    }

    #[test]
    fn blank_lines_before_top_level_keys_are_kept_once() {
        let text = "---\ntitle: T\n\n\n# group\nstatus: draft\n  \nsummary: S\n---\n";
        assert_eq!(fmt(text, ContentType::Page), "---\ntitle: T\n\n# group\nstatus: draft\n\nsummary: S\n---\n");
    }

    #[test]
    fn aliases_are_written_out() {
        let text = "---\ntags: &t [a, b]\nx: *t\n---\n";
        assert_eq!(fmt(text, ContentType::Page), "---\ntags: [a, b]\nx: [a, b]\n---\n");
    }

    #[test]
    fn toml_frontmatter_is_kept_and_the_body_is_formatted() {
        let text = "+++\ntitle = \"T\"  # note\nstatus=\"draft\"\n+++\nText\n* item\n";
        assert_eq!(
            fmt(text, ContentType::Page),
            "+++\ntitle = \"T\"  # note\nstatus=\"draft\"\n+++\n\nText\n\n- item\n"
        );
    }

    #[test]
    fn line_endings_are_kept_and_a_byte_order_mark_is_dropped() {
        let text = "\u{feff}---\r\nstatus: draft\r\ntitle: T # c\r\n---\r\n# Head\r\nText\r\n";
        assert_eq!(
            fmt(text, ContentType::Page),
            "---\r\ntitle: T # c\r\nstatus: draft\r\n---\r\n\r\n# Head\r\n\r\nText\r\n"
        );
        let text = "---\r\nsummary: |\r\n  a\r\n  b\r\ntitle: \"x\r\n  y\"\r\n---\r\n";
        assert_eq!(fmt(text, ContentType::Page), "---\r\ntitle: x y\r\nsummary: |\r\n  a\r\n  b\r\n---\r\n");
    }

    #[test]
    fn empty_bodies_and_frontmatters() {
        assert_eq!(fmt("---\ntitle: T\n---", ContentType::Page), "---\ntitle: T\n---\n");
        assert_eq!(fmt("---\n---\n\n\n", ContentType::Page), "---\n---\n");
        assert_eq!(fmt("---\n# only a comment\n---\nBody", ContentType::Page), "---\n# only a comment\n---\n\nBody\n");
    }

    #[test]
    fn heading_ids_links_and_footnotes_survive() {
        let body = "## Context {#ctx}\n\nSee [the profile](community:tanger-nord#criteria) and [x](../projects/x.md#frag).[^1]\n\n[^1]: A note.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [ ] task\n- [x] done\n\n~~gone~~ <b>bold</b>\n";
        let text = format!("---\ntitle: T\n---\n\n{body}");
        let out = fmt(&text, ContentType::Page);
        assert!(out.contains("## Context {#ctx}\n"), "{out}");
        assert!(out.contains("[^1]: A note.\n"), "{out}");
        assert!(out.contains("(community:tanger-nord#criteria)"), "{out}");
        assert_eq!(body_html(&out[out.find("\n\n").unwrap()..]), body_html(body));
    }

    #[test]
    fn a_body_comrak_would_change_is_kept_as_written() {
        // Two lists with different markers: comrak separates them with an HTML comment.
        let text = "---\ntitle: T\n---\n\n* one\n\n+ two\n";
        assert_eq!(fmt(text, ContentType::Page), text);
    }

    #[test]
    fn broken_frontmatter_is_an_error_located_like_check() {
        let err = format_text("---\ntitle: \"T\n---\n", ContentType::Page, &schema(), "content/x.md").unwrap_err();
        assert_eq!(err.code, "invalid-yaml");
        assert_eq!(err.location.line, Some(2));
        let err = format_text("no frontmatter\n", ContentType::Page, &schema(), "content/x.md").unwrap_err();
        assert_eq!(err.code, "missing-frontmatter");
        let err = format_text("+++\ntitle = \n+++\n", ContentType::Page, &schema(), "content/x.md").unwrap_err();
        assert_eq!(err.code, "invalid-toml");
    }

    #[test]
    fn formatting_is_idempotent_on_tricky_files() {
        let cases = [
            "---\n# head\n\ntitle: \"1984\" # a year\nodd key: 'x'\n\"quoted: key\": 1\n? complex\n: value\nindicators:\n  languages-spoken:\n  - Darija  # mostly\n  - 'French'\n  migration-rates: { value: \"3\", unit: per 1000 }\n  gender-distribution:\n    male: 49\n    female: 51\n\n# tail\n---\nText *em* _em_ a_b_c!\n",
            "---\nsummary: >\n  folded\n  text\n\n  para\ninternal_notes: |\n  keep\n    indented\n---\n",
            "---\r\ntitle: T\r\ntags: [a,\r\n  b] # c\r\n---\r\nBody\r\n",
            "---\n[a, b]\n---\n",
            "---\nplain scalar root\n---\n",
            "---\ntitle: \"\\u0001 control \\u2028 x\"\n---\n",
            "---\nsummary: |+\n  kept\n\n\n# after\n\ntitle: x\ninternal_notes: |+\n  end\n\n---\n",
            "---\nx:\n  - |+\n    a\n\n  - b\n\n# end\n---\n",
        ];
        for case in cases {
            let once = fmt(case, ContentType::Community);
            let twice = fmt(&once, ContentType::Community);
            assert_eq!(once, twice, "not idempotent for {case:?}");
        }
    }

    #[test]
    fn attribute_blocks_are_found_like_pulldown_does() {
        assert_eq!(attribute_block("Title {#id}"), Some((6, 11)));
        assert_eq!(attribute_block("Title {#id}  "), Some((6, 11)));
        assert_eq!(attribute_block("Title {#a<b}"), None);
        assert_eq!(attribute_block("Title"), None);
        assert_eq!(attribute_block("}"), None);
    }

    #[test]
    fn typed_looking_text_is_recognised() {
        for text in ["12", "-3.5", "1_000", "1e3", "0o17", "0x1f", "2026-03-14", "2026-3-4 10:00", "Yes", "off", "~"] {
            assert!(looks_typed(text), "{text}");
        }
        for text in ["0-14", "65+", "18-34", "MA-FA-0412", "12 people", "e3", "2026-03", "yesterday"] {
            assert!(!looks_typed(text), "{text}");
        }
    }

    #[test]
    fn a_file_fmt_cannot_write_safely_is_reported_as_a_bug() {
        let source =
            SourceFile::new("content/communities/x.md", "content/communities/x.md", "---\ntitle: X\n---\n".into());
        let d = cannot_format(&source, "its comments could not be read");
        assert_eq!(d.code, "cannot-format");
        assert_eq!(d.message, "fmt left this file as it is: its comments could not be read");
        assert_eq!((d.location.line, d.location.column), (Some(1), Some(1)));
    }
}
