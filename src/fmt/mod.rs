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
//!   value stays after it, comments after the last key stay at the end. A comment indented
//!   deeper than the key that follows it ends the block it is indented as, and stays at its
//!   end in its column (the commented-out indicators after the last indicator given), so
//!   that uncommenting it gives an entry of that block. A blank line before a
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

mod body;
mod comments;
mod plan;
mod scalars;
mod writer;

use body::*;
use comments::*;
use plan::*;
use scalars::*;
use writer::*;

use comrak::nodes::{AstNode, NodeValue};
use rayon::prelude::*;

use crate::config::CONFIG_FILE;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::error::Error;
use crate::load::frontmatter::{self, Format, Parts};
use crate::load::{self, Entry, Node, NodeKind, Scalar, ScalarStyle};
use crate::messages::Message;
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
    /// Files whose text was left as written because its standard form would render
    /// differently (their frontmatter may still have been tidied).
    pub kept_as_written: Vec<String>,
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
    format_parts(text, content_type, schema, display_path, true).map(|(text, _)| text)
}

/// Like [`format_text`], but the markdown body is kept byte for byte: for tools that change
/// only the frontmatter (`import`), so that the narrative stays exactly as written.
#[allow(clippy::result_large_err)]
pub fn format_frontmatter(
    text: &str,
    content_type: ContentType,
    schema: &Schema,
    display_path: &str,
) -> Result<String, Diagnostic> {
    format_parts(text, content_type, schema, display_path, false).map(|(text, _)| text)
}

/// The formatted file, and whether its body was kept as written because its standard form
/// would render differently ([`FormattedBody::kept_as_written`]).
#[allow(clippy::result_large_err)]
fn format_parts(
    text: &str,
    content_type: ContentType,
    schema: &Schema,
    display_path: &str,
    body_too: bool,
) -> Result<(String, bool), Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let source = SourceFile::new(display_path, display_path, text.to_string());
    let newline = if text.find('\n').is_some_and(|i| text[..i].ends_with('\r')) { "\r\n" } else { "\n" };
    let parts = frontmatter::split(text).map_err(|e| load::split_error(e, &source))?;
    let frontmatter_text = &text[parts.frontmatter_start..parts.frontmatter_end];

    let mut out = String::with_capacity(text.len() + 64);
    let root = match parts.format {
        Format::Yaml => {
            let root =
                load::yaml::parse(frontmatter_text, parts.frontmatter_start).map_err(|e| e.diagnostic(&source))?;
            let comments = yaml_comments(frontmatter_text, parts.frontmatter_start)
                .ok_or_else(|| cannot_format(&source, Message::new("fmt.comments-unreadable")))?;
            let yaml = write_yaml(&root, comments, text, &parts, content_type, schema);
            out.push_str(&with_newline(&format!("---\n{yaml}---\n"), newline));
            Some(root)
        }
        Format::Toml => {
            load::toml::parse(frontmatter_text, parts.frontmatter_start).map_err(|e| e.diagnostic(&source))?;
            out.push_str(&text[..parts.body_start]);
            if !out.ends_with('\n') {
                out.push_str(newline);
            }
            None
        }
    };
    if !body_too {
        out.push_str(&text[parts.body_start..]);
    }
    let body = if body_too {
        format_body(&text[parts.body_start..], newline)
    } else {
        FormattedBody { text: String::new(), kept_as_written: false }
    };
    if !body.text.is_empty() {
        out.push_str(newline);
        out.push_str(&body.text);
    }

    // The new frontmatter must read back as the same values, or the file is left alone.
    if let Some(root) = root {
        let reread = frontmatter::split(&out)
            .ok()
            .filter(|p| p.format == Format::Yaml)
            .and_then(|p| load::yaml::parse(&out[p.frontmatter_start..p.frontmatter_end], p.frontmatter_start).ok());
        if !reread.is_some_and(|reread| same_values(&root, &reread)) {
            return Err(cannot_format(&source, Message::new("fmt.not-same")));
        }
    }
    Ok((out, body.kept_as_written))
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
        let shown = crate::error::shown(root);
        return Err(Error::Said(Message::new("fatal.no-content").with("path", shown)));
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
            Outcome::Done { changed, kept_as_written } => {
                if changed {
                    report.changed.push(file.display.clone());
                }
                if kept_as_written {
                    report.kept_as_written.push(file.display.clone());
                }
            }
            Outcome::Problem(d) => report.problems.push(*d),
        }
    }
    Ok(report)
}

/// What happened to one file.
enum Outcome {
    /// Formatted: whether the file changed (or would), and whether its text was kept as
    /// written.
    Done {
        changed: bool,
        kept_as_written: bool,
    },
    Problem(Box<Diagnostic>),
}

fn format_file(file: &load::ContentFile, schema: &Schema, check: bool) -> Result<Outcome, Error> {
    let problem = |code: &'static str, message: Message| {
        Ok(Outcome::Problem(Box::new(Diagnostic::error_said(code, Location::file(file.display.clone()), message))))
    };
    let size = std::fs::metadata(&file.path).map_err(|e| Error::io("read", &file.path, e))?.len();
    if size > load::MAX_FILE_BYTES {
        return problem(
            "file-too-large",
            Message::new("fmt.too-large").number("limit", load::MAX_FILE_BYTES / 1_048_576),
        );
    }
    let bytes = std::fs::read(&file.path).map_err(|e| Error::io("read", &file.path, e))?;
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return problem("not-utf8", Message::new("fmt.not-utf8"));
    };
    let (formatted, kept_as_written) = match format_parts(text, file.content_type, schema, &file.display, true) {
        Ok(formatted) => formatted,
        Err(d) => return Ok(Outcome::Problem(Box::new(d))),
    };
    if formatted.as_bytes() == bytes.as_slice() {
        return Ok(Outcome::Done { changed: false, kept_as_written });
    }
    if !check {
        write_atomically(&file.path, &formatted)?;
    }
    Ok(Outcome::Done { changed: true, kept_as_written })
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
            let message = Message::new("fatal.fmt-outside-content")
                .with("path", path.display().to_string())
                .with("content", content_dir.display().to_string());
            return Err(Error::Said(message));
        }
        wanted.push((path, canonical));
    }
    let canonical_files: Vec<PathBuf> =
        files.iter().map(|f| std::fs::canonicalize(&f.path).unwrap_or_else(|_| f.path.clone())).collect();
    for (path, canonical) in &wanted {
        if canonical.is_file() && !canonical_files.contains(canonical) {
            let message = Message::new("fatal.fmt-not-content").with("path", path.display().to_string());
            return Err(Error::Said(message));
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
fn cannot_format(source: &SourceFile, why: Message) -> Diagnostic {
    Diagnostic::error_said(
        "cannot-format",
        Location::at(source, Span::new(0, 3)),
        Message::new("fmt.cannot-format").phrase("reason", why),
    )
    .with_help_said(Message::new("fmt.cannot-format-help"))
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

#[cfg(test)]
mod tests;
