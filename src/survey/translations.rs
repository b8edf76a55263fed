//! A profile's translations brought level with the figures an import writes into the profile.
//!
//! A translation shows its original's figures. One that repeats them beside its own words
//! (`value`, `n`, `disaggregation`, `date`, `method` beside a translated `source`) must repeat
//! them exactly, or `check` reports `translation-contradicts`: so for each entry the import
//! writes, every figure a translation's entry repeats is written as the profile now has it
//! (or taken out, when the profile's entry no longer has one: a date the round could not
//! read, a disaggregation left out for privacy), and nothing else in the file changes. The
//! translation's words stay as the translator wrote them; those of entries whose figures
//! changed may now describe the previous round (a `source` naming its month, `notes` about
//! its figures), and are listed for review ([`WordsToReview`]). A translation that gives only
//! its words shows the new figures without being written.
//!
//! The new text is made, checked and written as a profile's is ([`super::write`]): put in
//! `fmt`'s canonical form, read as `check` reads it and compared with the profile's new
//! figures, and written with the other files, all or nothing.

use std::path::{Path, PathBuf};

use super::import::ImportOptions;
use super::write::{FileChange, NewEntry, Planned, cannot_write, change_line, checked, line_end, line_start};
use super::write::{number, reach, value_text};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::link::{contradictions_with, is_figure};
use crate::load::{self, ContentFile, NodeKind, frontmatter};
use crate::messages::Message;
use crate::model::{ContentType, Disaggregation, Doc, IndicatorEntry};
use crate::schema::{Schema, ValueKind};
use crate::source::SourceFile;

/// A translation whose entries give their own words beside figures an import changed: the
/// words may describe the previous figures, and the translator should read them again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordsToReview {
    /// The translation, relative to the site root.
    pub path: String,
    /// The indicators whose entries give words, by id, in the order the import writes them.
    pub indicators: Vec<String>,
}

/// The new text of `translation`, whose original the import writes `entries` into (`profile`,
/// the original as it reads with them), and the words to review. It has no new text when the
/// translation repeats no figure that changes.
pub(super) fn plan_translation(
    root: &Path,
    schema: &Schema,
    config: &Config,
    options: &ImportOptions,
    translation: &Doc,
    profile: &Doc,
    entries: &[NewEntry],
) -> crate::error::Result<Planned> {
    let relative = format!("content/{}", translation.content_path);
    let Some(community) = translation.community() else { return Ok(Planned::default()) };
    let own = |new: &NewEntry| community.indicators.iter().find(|e| e.indicator == new.indicator);
    let mut edits: Vec<(&NewEntry, Vec<&'static str>)> = Vec::new();
    let mut to_review = Vec::new();
    for new in entries {
        let Some(entry) = own(new) else { continue };
        let stale = stale_figures(schema, entry, new);
        if !stale.is_empty() {
            edits.push((new, stale));
        }
        if gives_words(entry) && changes(schema, new) {
            to_review.push(schema.indicators[new.indicator].term.id.clone());
        }
    }
    let review = (!to_review.is_empty()).then(|| WordsToReview { path: relative.clone(), indicators: to_review });
    if edits.is_empty() {
        return Ok(Planned { review, ..Planned::default() });
    }
    let path: PathBuf = root.join(&relative);
    let text = std::fs::read_to_string(&path).map_err(|e| crate::error::Error::io("read", &path, e))?;
    let spliced = match splice_figures(&text, &edits, schema, &relative) {
        Ok(spliced) => spliced,
        Err(d) => return Ok(Planned { problems: vec![d], review, ..Planned::default() }),
    };
    let formatted =
        crate::fmt::format_frontmatter(&spliced, ContentType::Community, schema, &relative).unwrap_or(spliced);
    let file = ContentFile {
        path: path.clone(),
        display: relative.clone(),
        content_path: translation.content_path.clone(),
        content_type: ContentType::Community,
    };
    let (doc, mut problems) = checked(file, &formatted, schema, config, options.today);
    // What `check` will say of the figures the import wrote: nothing, unless the translation
    // repeats one the import does not write (its `confidence`) and that disagrees.
    if let Some(doc) = &doc {
        let community = doc.community();
        let written: Vec<usize> = edits
            .iter()
            .filter_map(|(new, _)| community?.indicators.iter().find(|e| e.indicator == new.indicator))
            .map(|e| doc.source.line_col(e.span.start as usize).line)
            .collect();
        let at_written = |d: &Diagnostic| d.location.line.is_some_and(|line| written.contains(&line));
        problems.extend(
            contradictions_with(doc, profile, schema)
                .into_vec()
                .into_iter()
                .filter(|d| d.severity == Severity::Error && at_written(d))
                .map(|d| {
                    d.with_note_said(Message::new("import.line-to-write-translation"), Location::file(relative.clone()))
                }),
        );
    }
    if formatted == text {
        return Ok(Planned { problems, review, ..Planned::default() });
    }
    let lines = edits.iter().map(|(new, _)| change_line(schema, new)).collect();
    let change = FileChange { path: relative, created: false, translation: true, lines };
    Ok(Planned { file: Some((path, formatted, change)), problems, review })
}

/// The figures translation entry `entry` repeats that differ from the new entry's, by key:
/// what the import must write in the translation.
fn stale_figures(schema: &Schema, entry: &IndicatorEntry, new: &NewEntry) -> Vec<&'static str> {
    let mut stale = Vec::new();
    if !entry.value_from_original && is_figure(entry) && entry.value != new.value {
        stale.push("value");
    }
    if entry.n().is_some_and(|n| n != new.n) {
        stale.push("n");
    }
    if entry.date.is_some() && entry.date != new.date {
        stale.push("date");
    }
    if entry.method().is_some() && entry.method() != schema.methods.get(&new.method) {
        stale.push("method");
    }
    if !entry.disaggregation.is_empty() && !same_parts(schema, &entry.disaggregation, &new.disaggregation) {
        stale.push("disaggregation");
    }
    stale
}

/// True if a translation's entry gives words of its own: a source, notes, a reason for its
/// confidence, a unit, or the value of a list or a text.
fn gives_words(entry: &IndicatorEntry) -> bool {
    let own_value = !entry.value_from_original && !is_figure(entry);
    own_value
        || entry.source.is_some()
        || entry.notes().is_some()
        || entry.confidence_reason().is_some()
        || entry.unit().is_some()
}

/// True if the import changes the profile's entry in substance: a figure, its date, its method
/// or its source (a new round), not only its layout.
fn changes(schema: &Schema, new: &NewEntry) -> bool {
    let Some(old) = &new.old else { return true };
    old.value != new.value
        || old.n() != Some(new.n)
        || old.date != new.date
        || old.method() != schema.methods.get(&new.method)
        || old.source.as_deref() != Some(new.source.as_str())
        || !same_parts(schema, &old.disaggregation, &new.disaggregation)
}

/// Whether a disaggregation as a file gives it and one as the import writes it (by dimension
/// id, each part's name and value) give the same figures, in whatever order.
fn same_parts(schema: &Schema, written: &[Disaggregation], new: &[(String, Vec<(String, f64)>)]) -> bool {
    let written = written.iter().map(|d| {
        (schema.disaggregations[d.dimension].term.id.as_str(), d.parts.iter().map(|p| (p.name.as_str(), p.value)))
    });
    let new = new.iter().map(|(dimension, parts)| (dimension.as_str(), parts.iter().map(|(p, v)| (p.as_str(), *v))));
    crate::model::sorted_figures(written) == crate::model::sorted_figures(new)
}

/// `text`, a translation, with the figures of `edits` (each entry and the keys it repeats that
/// change) written as the new entries have them, or taken out where they have none. Its
/// words, comments and everything else stay as they are.
// One diagnostic per file, returned once, as in `write::splice`.
#[allow(clippy::result_large_err)]
fn splice_figures(
    text: &str,
    edits: &[(&NewEntry, Vec<&'static str>)],
    schema: &Schema,
    display: &str,
) -> Result<String, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let source = SourceFile::new(display, display, text.to_string());
    let parts = frontmatter::split(text).map_err(|e| load::split_error(e, &source))?;
    if parts.format != frontmatter::Format::Yaml {
        return Err(cannot_write(display, "import.toml-frontmatter"));
    }
    let fm = &text[parts.frontmatter_start..parts.frontmatter_end];
    let root = load::yaml::parse(fm, parts.frontmatter_start).map_err(|_| cannot_write(display, "import.not-yaml"))?;
    let indicators = root.get("indicators").and_then(|e| e.value.as_map()).unwrap_or(&[]);
    // Edits as (start, end, replacement), applied from the last.
    let mut replaced: Vec<(usize, usize, String)> = Vec::new();
    for (new, keys) in edits {
        let indicator = &schema.indicators[new.indicator];
        let Some(entry) = indicators.iter().find(|e| e.key == indicator.term.id) else { continue };
        let node = &entry.value;
        let flow = text[node.span.start as usize..].starts_with('{');
        let fields = match &node.kind {
            NodeKind::Map(fields) if indicator.kind != ValueKind::Distribution || node.get("value").is_some() => fields,
            // The figure written directly (`access-to-services: 61`, a distribution's parts).
            _ => {
                let end = reach(text, node).max(entry.key_span.end as usize);
                replaced.push((entry.key_span.end as usize, end, format!(": {}", value_text(&new.value))));
                continue;
            }
        };
        if flow {
            // `{ value: 61, source: … }`: the braces written again, each word as it was.
            let written: Vec<String> = fields
                .iter()
                .filter_map(|f| {
                    let as_written = &text[f.value.span.start as usize..reach(text, &f.value)];
                    match keys.contains(&f.key.as_str()) {
                        true => figure(new, &f.key, None).map(|v| format!("{}:{v}", f.key)),
                        false => Some(format!("{}: {as_written}", f.key)),
                    }
                })
                .collect();
            replaced.push((node.span.start as usize, reach(text, node), format!("{{ {} }}", written.join(", "))));
            continue;
        }
        for field in fields.iter().filter(|f| keys.contains(&f.key.as_str())) {
            let start = line_start(text, field.key_span.start as usize);
            let end = line_end(text, reach(text, &field.value).max(field.key_span.end as usize));
            let pad = " ".repeat(field.key_span.start as usize - start);
            let line =
                figure(new, &field.key, Some(&pad)).map_or_else(String::new, |v| format!("{pad}{}:{v}\n", field.key));
            replaced.push((start, end, line));
        }
    }
    replaced.sort_by_key(|&(start, end, _)| std::cmp::Reverse((start, end)));
    let mut out = text.to_string();
    for (start, end, replacement) in replaced {
        out.replace_range(start..end, &replacement);
    }
    Ok(out)
}

/// The new entry's figure under `key`, as YAML after `key:` (with its space); `None` when it
/// has none (no date, no disaggregation). A disaggregation is a block under its key when
/// `pad` (the key's indentation) is given, else on one line.
fn figure(new: &NewEntry, key: &str, pad: Option<&str>) -> Option<String> {
    match key {
        "value" => Some(format!(" {}", value_text(&new.value))),
        "n" => Some(format!(" {}", new.n)),
        "date" => new.date.map(|d| format!(" {d}")),
        "method" => Some(format!(" {}", new.method)),
        "disaggregation" if new.disaggregation.is_empty() => None,
        "disaggregation" => {
            let dimension = |(id, parts): &(String, Vec<(String, f64)>)| {
                let parts: Vec<String> = parts.iter().map(|(p, v)| format!("{p}: {}", number(*v))).collect();
                format!("{id}: {{ {} }}", parts.join(", "))
            };
            let dimensions = new.disaggregation.iter().map(dimension);
            Some(match pad {
                Some(pad) => dimensions.map(|d| format!("\n{pad}  {d}")).collect(),
                None => format!(" {{ {} }}", dimensions.collect::<Vec<_>>().join(", ")),
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests;
