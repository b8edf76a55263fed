//! Figures quoted in the frontmatter's text. The prose fields (a document's `summary`, a
//! criterion's `evidence`, an indicator entry's `notes`) have their quoted figures
//! (`{{ income-and-employment }}`, [`crate::figure_refs`]) filled in as the body's are: they
//! are collected here, located in the file, for the link stage to check. One written in any
//! other field (a title, a source, a list) would be published braces and all, so `check` says
//! so where it is written.

use super::read::Reader;
use crate::diagnostic::Diagnostic;
use crate::figure_refs::FigureRef;
use crate::load::{Entry, Node, NodeKind};
use crate::messages::Message;

/// The most such warnings for one file.
const MAX_REPORTED: usize = 10;

/// The figures quoted in the prose fields of the frontmatter (`entries`), located in the file;
/// a warning for each one written in any other field.
pub(super) fn scan(reader: &mut Reader<'_>, entries: &[Entry], body_start: usize) -> Vec<FigureRef> {
    let text = &reader.source.text;
    let frontmatter = text.get(..body_start).unwrap_or(text);
    // One look at the bytes spares the walk through the values of nearly every file.
    if memchr::memmem::find(frontmatter.as_bytes(), b"{{").is_none() {
        return Vec::new();
    }
    let mut prose: Vec<FigureRef> = Vec::new();
    let mut elsewhere: Vec<FigureRef> = Vec::new();
    for entry in entries {
        match (entry.key.as_str(), &entry.value.kind) {
            ("summary", NodeKind::Scalar(_)) => references_in(reader, &entry.value, &mut prose),
            ("criteria", NodeKind::Map(criteria)) => {
                in_entries(reader, criteria, "evidence", &mut prose, &mut elsewhere)
            }
            ("indicators", NodeKind::Map(indicators)) => {
                in_entries(reader, indicators, "notes", &mut prose, &mut elsewhere);
            }
            _ => references_in(reader, &entry.value, &mut elsewhere),
        }
    }
    for figure in elsewhere.into_iter().take(MAX_REPORTED) {
        let written = reader.source.slice(figure.span).to_string();
        reader.push(
            Diagnostic::warning_said(
                "figure-in-frontmatter",
                reader.at(figure.span),
                Message::new("figure.in-frontmatter").with("reference", written),
            )
            .with_help_said(Message::new("figure.in-frontmatter-help")),
        );
    }
    prose
}

/// The references in the `field` of each of `items` (a criterion's `evidence`, an entry's
/// `notes`) into `prose`, every other one into `elsewhere`.
fn in_entries(
    reader: &Reader<'_>,
    items: &[Entry],
    field: &str,
    prose: &mut Vec<FigureRef>,
    elsewhere: &mut Vec<FigureRef>,
) {
    for item in items {
        let NodeKind::Map(fields) = &item.value.kind else {
            references_in(reader, &item.value, elsewhere);
            continue;
        };
        for entry in fields {
            let found = if entry.key == field && matches!(entry.value.kind, NodeKind::Scalar(_)) {
                &mut *prose
            } else {
                &mut *elsewhere
            };
            references_in(reader, &entry.value, found);
        }
    }
}

/// The references in `node`'s scalars, as written in the file (so that each is located
/// exactly, quotes and escapes of the value included).
fn references_in(reader: &Reader<'_>, node: &Node, found: &mut Vec<FigureRef>) {
    match &node.kind {
        NodeKind::Scalar(_) => {
            let start = node.span.start as usize;
            let written = reader.source.slice(node.span);
            found.extend(crate::figure_refs::in_plain(written).into_iter().map(|figure| figure.shifted(start)));
        }
        NodeKind::Seq(items) => items.iter().for_each(|item| references_in(reader, item, found)),
        NodeKind::Map(entries) => entries.iter().for_each(|entry| references_in(reader, &entry.value, found)),
    }
}
