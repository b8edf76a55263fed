//! The figures of an import written into the profiles, all or nothing.
//!
//! Each entry replaces the profile's entry for its indicator, or is added; the rest of the
//! frontmatter (other indicators, comments) and the narrative are left as they were, and the
//! file is then put in `fmt`'s canonical form. A profile that does not exist is made with
//! `new`'s scaffold, as a draft. Every new text is checked as `check` would before anything is
//! written: when one has an error, no file is written. A profile's translations that repeat
//! figures of the entries are brought level with them the same way ([`super::translations`]).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::import::{ImportOptions, ImportReport};
use crate::config::Config;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::error::{Error, Result};
use crate::load::{self, ContentFile, Node, NodeKind, frontmatter};
use crate::messages::Message;
use crate::model::{ContentType, Doc, IndicatorEntry, IndicatorValue};
use crate::scaffold::yaml_scalar;
use crate::schema::Schema;
use crate::source::SourceFile;

/// One indicator entry made from the submissions.
#[derive(Debug, Clone)]
pub struct NewEntry {
    /// The indicator (index in the schema).
    pub indicator: usize,
    /// Its value.
    pub value: IndicatorValue,
    /// The answers used.
    pub n: u64,
    /// The method's id.
    pub method: String,
    /// The last submission's date.
    pub date: Option<Date>,
    /// The form, its version and the round's month.
    pub source: String,
    /// Values by dimension and part, for the parts with enough respondents.
    pub disaggregation: Vec<(String, Vec<(String, f64)>)>,
    /// The entry it replaces.
    pub old: Option<IndicatorEntry>,
}

/// One community's figures to write: its profile (when it has one), the profile's
/// translations, and the entries made from the submissions.
pub(super) struct Plan<'a> {
    /// The community's id.
    pub id: String,
    /// Its profile as the site has it; `None` when it is to be created.
    pub profile: Option<&'a Doc>,
    /// The profile's translations, as the site has them.
    pub translations: Vec<&'a Doc>,
    /// The entries to write.
    pub entries: Vec<NewEntry>,
}

/// What an import changes in one file.
#[derive(Debug, Clone)]
pub struct FileChange {
    /// The file, relative to the site root.
    pub path: String,
    /// True when the profile is created.
    pub created: bool,
    /// True for a profile's translation, whose repeated figures are brought level with the
    /// profile's new ones.
    pub translation: bool,
    /// One line per indicator, `access-to-services: 63 → 61.2 (n 250 → 212)`, as a message of
    /// the catalogue, for the command line to say in the site's language.
    pub lines: Vec<Message>,
}

/// What became of one file: its new text (`None` when it stays as it is), the problems that
/// stop the import, and for a translation, the words of its entries that may be out of date.
#[derive(Default)]
pub(super) struct Planned {
    /// The file, its new text, and what changes in it.
    pub file: Option<(PathBuf, String, FileChange)>,
    /// Errors in the text the import would write.
    pub problems: Vec<Diagnostic>,
    /// A translation's entries whose words may describe the previous figures.
    pub review: Option<super::translations::WordsToReview>,
}

/// Write (or, with `dry_run`, only describe) the entries of each community, and the figures
/// its translations repeat. The files are made and checked in parallel, then written one by
/// one, only when none has an error.
pub(super) fn write_entries(
    root: &Path,
    schema: &Schema,
    config: &Config,
    options: &ImportOptions,
    plans: Vec<Plan<'_>>,
    report: &mut ImportReport,
) -> Result<()> {
    use rayon::prelude::*;
    let planned: Vec<Result<Vec<Planned>>> = plans
        .into_par_iter()
        .filter(|plan| !plan.entries.is_empty())
        .map(|plan| plan_community(root, schema, config, options, &plan))
        .collect();
    let mut texts = Vec::new();
    for result in planned {
        for planned in result? {
            for d in planned.problems {
                report.problems.push(d);
            }
            report.translations_to_review.extend(planned.review);
            if let Some((path, text, change)) = planned.file {
                texts.push((path, text, change.created));
                report.changes.push(change);
            }
        }
    }
    if !report.problems.is_ok() || options.dry_run {
        return Ok(());
    }
    write_all(&texts)
}

/// The profile of `plan` and each of its translations, planned: the profile first.
fn plan_community(
    root: &Path,
    schema: &Schema,
    config: &Config,
    options: &ImportOptions,
    plan: &Plan<'_>,
) -> Result<Vec<Planned>> {
    let (profile, new_doc) = plan_file(root, schema, config, options, &plan.id, plan.profile.is_some(), &plan.entries)?;
    let mut planned = vec![profile];
    // A profile that cannot take its figures has none for its translations to follow.
    let Some(new_doc) = new_doc.filter(|_| planned[0].problems.is_empty()) else { return Ok(planned) };
    for translation in &plan.translations {
        planned.push(super::translations::plan_translation(
            root,
            schema,
            config,
            options,
            translation,
            &new_doc,
            &plan.entries,
        )?);
    }
    Ok(planned)
}

/// Write every file: each to a hidden temporary file beside it, then each renamed over its
/// file (or, for a new profile, linked to its name, which fails rather than replace a file made
/// in the meantime), so that no profile is ever left half written. The files are not flushed
/// to disk one by one as `fmt` does: on this machine that made an import of a thousand
/// profiles take 5 s instead of under one, and an import can be run again from its
/// submissions file, which it never changes.
fn write_all(texts: &[(PathBuf, String, bool)]) -> Result<()> {
    let mut temporaries: Vec<(PathBuf, PathBuf, bool)> = Vec::with_capacity(texts.len());
    let clean = |temporaries: &[(PathBuf, PathBuf, bool)]| {
        for (temporary, _, _) in temporaries {
            let _ = std::fs::remove_file(temporary);
        }
    };
    for (path, text, created) in texts {
        let target = match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                std::fs::canonicalize(path).map_err(|e| Error::io("read", path, e))?
            }
            _ => path.clone(),
        };
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
        }
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let temporary = target.with_file_name(format!(".{name}.{}.fieldbook-import", std::process::id()));
        let written = std::fs::write(&temporary, text).and_then(|()| match std::fs::metadata(&target) {
            Ok(meta) => std::fs::set_permissions(&temporary, meta.permissions()),
            Err(_) => Ok(()),
        });
        temporaries.push((temporary.clone(), target, *created));
        if let Err(e) = written {
            clean(&temporaries);
            return Err(Error::io("write", &temporary, e));
        }
    }
    for (i, (temporary, target, created)) in temporaries.iter().enumerate() {
        let moved = if *created {
            std::fs::hard_link(temporary, target).and_then(|()| std::fs::remove_file(temporary))
        } else {
            std::fs::rename(temporary, target)
        };
        if let Err(e) = moved {
            clean(&temporaries[i..]);
            if i == 0 {
                return Err(Error::io("write", target, e));
            }
            // Some profiles have this round's figures already (a file made read-only, a disk
            // gone): say which, so that the author knows where the site stands.
            let written: Vec<String> =
                temporaries[..i].iter().map(|(_, t, _)| t.display().to_string().replace('\\', "/")).collect();
            let written: Vec<&str> = written.iter().map(String::as_str).collect();
            let said = Message::new("import.partly-written")
                .with("path", target.display().to_string())
                .with("why", e.to_string())
                .number("n", i as u64)
                .list("written", &written);
            return Err(Error::Said(said));
        }
    }
    Ok(())
}

/// The new text of community `id`'s profile (`exists` or to be created), checked as `check`
/// reads it, and the profile as it reads then.
fn plan_file(
    root: &Path,
    schema: &Schema,
    config: &Config,
    options: &ImportOptions,
    id: &str,
    exists: bool,
    entries: &[NewEntry],
) -> Result<(Planned, Option<Doc>)> {
    let relative = format!("content/communities/{id}.md");
    let path = root.join(&relative);
    let text = if exists {
        std::fs::read_to_string(&path).map_err(|e| Error::io("read", &path, e))?
    } else {
        if options.country.is_none() || options.by.is_empty() {
            return Err(Error::Said(Message::new("import.create-needs").with("id", id)));
        }
        let mut values = vec![("country".to_string(), options.country.clone().unwrap_or_default())];
        values.extend(options.by.iter().map(|b| ("assessed_by".to_string(), b.clone())));
        // The profile was assessed by this round, with its method, not today by desk review.
        if let Some(last) = entries.iter().filter_map(|e| e.date).max() {
            values.push(("assessed".to_string(), last.to_string()));
        }
        if let Some(method) = entries.first().map(|e| e.method.clone()) {
            values.push(("methods".to_string(), method));
        }
        let request = crate::scaffold::NewRequest {
            content_type: ContentType::Community,
            title: id.to_string(),
            slug: Some(id.to_string()),
            values,
            today: options.today,
            language: config.language.clone(),
        };
        crate::scaffold::new_file_text(root, schema, &request)?
    };
    let spliced = match splice(&text, entries, schema, &relative) {
        Ok(t) => t,
        Err(d) => return Ok((Planned { problems: vec![d], ..Planned::default() }, None)),
    };
    let formatted =
        crate::fmt::format_frontmatter(&spliced, ContentType::Community, schema, &relative).unwrap_or(spliced);
    let file = ContentFile {
        path: path.clone(),
        display: relative.clone(),
        content_path: format!("communities/{id}.md"),
        content_type: ContentType::Community,
    };
    let (doc, errors) = checked(file, &formatted, schema, config, options.today);
    // The same round imported again: nothing to say, nothing to write.
    if exists && formatted == text {
        return Ok((Planned { problems: errors, ..Planned::default() }, doc));
    }
    let lines = entries.iter().map(|e| change_line(schema, e)).collect();
    let change = FileChange { path: relative, created: !exists, translation: false, lines };
    Ok((Planned { file: Some((path, formatted, change)), problems: errors, review: None }, doc))
}

/// `text`, the new text of `file`, read as `check` reads it: the document, and its errors.
/// These are located in the text the import would write, not in the file as it is: their
/// line numbers are that text's, which a note says, lest the reader look for them in the file
/// and find another field there.
pub(super) fn checked(
    file: ContentFile,
    text: &str,
    schema: &Schema,
    config: &Config,
    today: Date,
) -> (Option<Doc>, Vec<Diagnostic>) {
    let display = file.display.clone();
    let (raw, mut problems) = load::load_text(file, text.to_string());
    let mut doc = None;
    if let Some(raw) = raw {
        // Only errors stop an import; which languages have wording only ever warns.
        let context = crate::validate::Context { schema, config, today, wording: &[] };
        let (read, more) = crate::validate::validate_file(raw, context);
        problems.extend(more);
        doc = read.ok();
    }
    let errors = problems
        .into_vec()
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.with_note_said(Message::new("import.line-to-write"), Location::file(display.clone())))
        .collect();
    (doc, errors)
}

/// `access-to-services: 63 → 61.2 (n 250 → 212)`: the indicator's id and `n` as the file
/// writes them, the figures as the language writes numbers, "(none)" in its words.
pub(super) fn change_line(schema: &Schema, entry: &NewEntry) -> Message {
    let id = schema.indicators[entry.indicator].term.id.as_str();
    let line = Message::new("import.change").with("indicator", id);
    let line = match &entry.old {
        Some(old) => said_value(line, "old", &old.value),
        None => line.phrase("old", Message::new("import.no-entry")),
    };
    let line = match entry.old.as_ref().and_then(IndicatorEntry::n) {
        Some(n) => line.number("old_n", n),
        None => line.with("old_n", "-"),
    };
    said_value(line, "new", &entry.value).number("new_n", entry.n)
}

/// `message` with `{name}` as `value`: a figure written as the language writes numbers (a
/// distribution part by part), anything else as the file writes it (`yes`, `unknown`, the
/// choices of a list, a text), since that is what the author types.
fn said_value(message: Message, name: &'static str, value: &IndicatorValue) -> Message {
    match value {
        IndicatorValue::Number(x) | IndicatorValue::Percent(x) => message.content_figure(name, *x),
        IndicatorValue::Count(c) => message.content_figure(name, *c as f64),
        IndicatorValue::Rating(r) => message.content_figure(name, *r as f64),
        IndicatorValue::Distribution(parts) => {
            // Parts joined from the last: "{part}, {rest}", each joint in the language's words.
            let mut said: Option<Message> = None;
            for part in parts.iter().rev() {
                let one = Message::new("import.change-part")
                    .with("name", part.name.as_str())
                    .content_figure("value", part.value);
                said = Some(match said {
                    None => one,
                    Some(rest) => Message::new("import.change-parts").phrase("part", one).phrase("rest", rest),
                });
            }
            match said {
                Some(parts) => message.phrase(name, Message::new("import.change-distribution").phrase("parts", parts)),
                None => message.with(name, value_text(value)),
            }
        }
        _ => message.with(name, value_text(value)),
    }
}

pub(super) fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 { format!("{}", x as i64) } else { format!("{x}") }
}

/// A value as YAML.
pub(super) fn value_text(value: &IndicatorValue) -> String {
    match value {
        IndicatorValue::Unknown => "unknown".into(),
        IndicatorValue::Number(x) | IndicatorValue::Percent(x) => number(*x),
        IndicatorValue::Count(c) => c.to_string(),
        IndicatorValue::Rating(r) => r.to_string(),
        IndicatorValue::Distribution(parts) => {
            let parts: Vec<String> = parts.iter().map(|p| format!("{}: {}", p.name, number(p.value))).collect();
            format!("{{ {} }}", parts.join(", "))
        }
        IndicatorValue::List(items) => {
            format!("[{}]", items.iter().map(|i| yaml_scalar(i, true)).collect::<Vec<_>>().join(", "))
        }
        IndicatorValue::Text(t) => yaml_scalar(t, false),
        IndicatorValue::YesNo(b) => if *b { "yes" } else { "no" }.into(),
    }
}

/// The entry as a YAML block, its key indented by `indent` spaces.
fn entry_yaml(schema: &Schema, entry: &NewEntry, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    let _ = writeln!(out, "{pad}{}:", schema.indicators[entry.indicator].term.id);
    let _ = writeln!(out, "{pad}  value: {}", value_text(&entry.value));
    let _ = writeln!(out, "{pad}  source: {}", yaml_scalar(&entry.source, false));
    let _ = writeln!(out, "{pad}  method: {}", entry.method);
    if let Some(date) = entry.date {
        let _ = writeln!(out, "{pad}  date: {date}");
    }
    let _ = writeln!(out, "{pad}  n: {}", entry.n);
    // What people wrote about the figure stays: it is theirs to update (the dry run and the
    // diff show the figure changing beside it).
    if let Some(old) = &entry.old {
        if let Some(c) = old.confidence {
            let _ = writeln!(out, "{pad}  confidence: {}", c.id());
        }
        if let Some(r) = old.confidence_reason() {
            let _ = writeln!(out, "{pad}  confidence_reason: {}", yaml_scalar(r, false));
        }
        if let Some(notes) = old.notes() {
            let _ = writeln!(out, "{pad}  notes: {}", yaml_scalar(notes, false));
        }
    }
    if !entry.disaggregation.is_empty() {
        let _ = writeln!(out, "{pad}  disaggregation:");
        for (dimension, parts) in &entry.disaggregation {
            let parts: Vec<String> = parts.iter().map(|(p, v)| format!("{p}: {}", number(*v))).collect();
            let _ = writeln!(out, "{pad}    {dimension}: {{ {} }}", parts.join(", "));
        }
    }
    out
}

/// One past the last byte of a node's own text: its last scalar, or the closing bracket of a
/// flow list or map (a block's span may run on over the comments after it).
pub(super) fn reach(text: &str, node: &Node) -> usize {
    let own = node.span.end as usize;
    let flow = text[node.span.start as usize..].starts_with(['[', '{']);
    match &node.kind {
        NodeKind::Scalar(_) => own,
        _ if flow => own,
        NodeKind::Seq(items) => items.iter().map(|n| reach(text, n)).fold(node.span.start as usize, usize::max),
        NodeKind::Map(entries) => entries
            .iter()
            .map(|e| reach(text, &e.value).max(e.key_span.end as usize))
            .fold(node.span.start as usize, usize::max),
    }
}

pub(super) fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The start of the line after the one that holds the byte before `at` (`at` is one past the
/// last byte of something).
pub(super) fn line_end(text: &str, at: usize) -> usize {
    if at == 0 || text.as_bytes().get(at - 1) == Some(&b'\n') {
        return at;
    }
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}

/// The line (start, end) in `range` of `text` that is the placeholder of indicator `id`, as
/// `fieldbook new` writes it: `# id:` alone, indented, with nothing after the colon.
fn placeholder(text: &str, range: std::ops::Range<usize>, id: &str) -> Option<(usize, usize)> {
    let mut at = range.start;
    for line in text[range.clone()].split_inclusive('\n') {
        let start = at;
        at += line.len();
        let body = line.trim_start_matches(' ');
        let is_it = body
            .strip_prefix('#')
            .map(str::trim_start)
            .and_then(|b| b.strip_prefix(id))
            .is_some_and(|rest| rest.strip_prefix(':').is_some_and(|after| after.trim().is_empty()));
        if is_it && body.len() < line.len() {
            return Some((start, at));
        }
    }
    None
}

/// The error for a file the import cannot write its figures into, and why (`import.not-yaml`...).
pub(super) fn cannot_write(display: &str, why: &'static str) -> Diagnostic {
    Diagnostic::error_said(
        "survey-cannot-write",
        Location::file(display),
        Message::new("import.cannot-write").phrase("why", Message::new(why)),
    )
    .with_help_said(Message::new(if why == "import.toml-frontmatter" {
        // `fmt` keeps a TOML frontmatter TOML: only rewriting it in YAML helps.
        "import.toml-frontmatter-help"
    } else {
        "import.cannot-write-help"
    }))
}

/// `text` with `entries` in place of (or beside) its indicator entries.
// One diagnostic per file, returned once, as in `fmt::format_text`.
#[allow(clippy::result_large_err)]
fn splice(text: &str, entries: &[NewEntry], schema: &Schema, display: &str) -> std::result::Result<String, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let source = SourceFile::new(display, display, text.to_string());
    let parts = frontmatter::split(text).map_err(|e| load::split_error(e, &source))?;
    let cannot = |why: &'static str| cannot_write(display, why);
    if parts.format != frontmatter::Format::Yaml {
        return Err(cannot("import.toml-frontmatter"));
    }
    let fm = &text[parts.frontmatter_start..parts.frontmatter_end];
    let root = load::yaml::parse(fm, parts.frontmatter_start).map_err(|_| cannot("import.not-yaml"))?;
    let top = root.as_map().unwrap_or(&[]);
    let indicators = top.iter().find(|e| e.key == "indicators");
    // Edits as (start, end, replacement), applied from the last.
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut added = String::new();
    let existing = indicators.and_then(|e| e.value.as_map());
    let indent = existing
        .and_then(|m| m.first())
        .map_or(2, |e| e.key_span.start as usize - line_start(text, e.key_span.start as usize));
    // The commented-out lines `fieldbook new` writes for the indicators not given yet
    // (`  # safety-levels:`), each taken by its figure in place, under its description.
    let placeholders = indicators.map_or(0..0, |e| e.key_span.end as usize..parts.frontmatter_end);
    for entry in entries {
        let id = &schema.indicators[entry.indicator].term.id;
        match existing.and_then(|m| m.iter().find(|e| e.key == *id)) {
            Some(e) => {
                let start = line_start(text, e.key_span.start as usize);
                let end = line_end(text, reach(text, &e.value).max(e.key_span.end as usize));
                edits.push((start, end, entry_yaml(schema, entry, indent)));
            }
            None => match placeholder(text, placeholders.clone(), id) {
                Some((start, end)) => edits.push((start, end, entry_yaml(schema, entry, indent))),
                None => added.push_str(&entry_yaml(schema, entry, indent)),
            },
        }
    }
    if !added.is_empty() {
        match indicators {
            Some(e) if matches!(e.value.kind, NodeKind::Map(ref m) if !m.is_empty()) => {
                if text[e.value.span.start as usize..].starts_with('{') {
                    return Err(cannot("import.indicators-in-braces"));
                }
                let at = line_end(text, reach(text, &e.value));
                edits.push((at, at, added));
            }
            Some(e) if e.value.is_null() || matches!(e.value.kind, NodeKind::Map(_)) => {
                if text[e.key_span.end as usize..].trim_start_matches([':', ' ']).starts_with('{') {
                    edits.push((e.value.span.start as usize, e.value.span.end as usize, String::new()));
                }
                let at = line_end(text, e.key_span.end as usize);
                edits.push((at, at, added));
            }
            Some(_) => return Err(cannot("import.indicators-not-a-map")),
            None => {
                let at = parts.frontmatter_end;
                let lead = if text[..at].ends_with('\n') { "" } else { "\n" };
                edits.push((at, at, format!("{lead}indicators:\n{added}")));
            }
        }
    }
    edits.sort_by_key(|&(start, end, _)| std::cmp::Reverse((start, end)));
    let mut out = text.to_string();
    for (start, end, replacement) in edits {
        out.replace_range(start..end, &replacement);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(schema: &Schema, id: &str, value: IndicatorValue) -> NewEntry {
        NewEntry {
            indicator: schema.indicators.get(id).unwrap(),
            value,
            n: 12,
            method: "individual-survey".into(),
            date: Date::new(2026, 1, 20),
            source: "Community survey, version 1, January 2026".into(),
            disaggregation: vec![("migrant-status".into(), vec![("returnee".into(), 50.0)])],
            old: None,
        }
    }

    #[test]
    fn entries_replace_and_join_the_others() {
        let schema = Schema::builtin();
        let text = "---\ntitle: A\nindicators:\n  # kept\n  access-to-services:\n    value: 3\n    notes: old\n  \
                    # the next one\n  languages-spoken: [Wolof]\n---\n\nBody.\n";
        let entries = [
            entry(&schema, "access-to-services", IndicatorValue::Percent(61.5)),
            entry(&schema, "land-and-tenure-security", IndicatorValue::Percent(40.0)),
        ];
        let out = splice(text, &entries, &schema, "a.md").unwrap();
        assert!(out.contains("  # kept\n  access-to-services:\n    value: 61.5\n"), "{out}");
        // The notes come back from the model's entry (`old`), not given here.
        assert!(!out.contains("notes: old"), "{out}");
        assert!(out.contains("  # the next one\n  languages-spoken: [Wolof]\n  land-and-tenure-security:\n"), "{out}");
        assert!(out.ends_with("---\n\nBody.\n"));
        // The last entry, before the closing `---`, replaced in its turn.
        let again = splice(&out, &entries[1..], &schema, "a.md").unwrap();
        assert_eq!(again, out);
        let bare = splice("---\ntitle: A\n---\nBody\n", &entries[..1], &schema, "a.md").unwrap();
        assert!(bare.starts_with("---\ntitle: A\nindicators:\n  access-to-services:\n"), "{bare}");
    }

    #[test]
    fn a_figure_takes_the_place_of_its_placeholder_from_new() {
        let schema = Schema::builtin();
        let text = "---\ntitle: A\nindicators:\n  # Uncomment an indicator.\n  #\n  # Safety levels: a rating\n  \
                    # safety-levels:\n  #\n  # Access to services: a percentage\n  # access-to-services:\n---\nBody\n";
        let entries = [entry(&schema, "access-to-services", IndicatorValue::Percent(61.5))];
        let out = splice(text, &entries, &schema, "a.md").unwrap();
        assert!(
            out.contains("  # Access to services: a percentage\n  access-to-services:\n    value: 61.5\n"),
            "under its description: {out}"
        );
        assert!(!out.contains("# access-to-services:"), "the placeholder stays: {out}");
        assert!(out.contains("  # Uncomment an indicator.\n"), "{out}");
        assert!(out.contains("  # safety-levels:\n"), "another's placeholder went: {out}");
        // The file reads as before, with the figure.
        let root = crate::load::yaml::parse(&out[4..out.find("\n---\nBody").unwrap() + 1], 4).unwrap();
        assert!(root.get("indicators").is_some());
    }

    #[test]
    fn a_profile_that_cannot_be_written_says_which_were() {
        let dir = std::env::temp_dir().join(format!("fieldbook-write-all-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("b.md")).unwrap();
        std::fs::write(dir.join("a.md"), "old a").unwrap();
        std::fs::write(dir.join("c.md"), "old c").unwrap();
        // `b.md` is a folder: its file is written beside it, then cannot take its name.
        let texts = vec![
            (dir.join("a.md"), "new a".to_string(), false),
            (dir.join("b.md"), "new b".to_string(), false),
            (dir.join("c.md"), "new c".to_string(), false),
        ];
        let Err(Error::Said(said)) = write_all(&texts) else { panic!("b.md was written") };
        let english = said.english();
        assert!(english.contains("1 profile had its figures written already") && english.contains("a.md"), "{english}");
        assert_eq!(std::fs::read_to_string(dir.join("a.md")).unwrap(), "new a");
        assert_eq!(std::fs::read_to_string(dir.join("c.md")).unwrap(), "old c");
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left.len(), 3, "temporary files left: {left:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
