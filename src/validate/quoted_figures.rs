//! Figures quoted in the frontmatter's text. Only a profile's body has its quoted figures
//! (`{{ income-and-employment }}`, [`crate::figure_refs`]) filled in; one written in a field
//! (`summary`, a criterion's `evidence`, an entry's `notes`) would be published braces and
//! all, so `check` says so where it is written.

use super::read::Reader;
use crate::diagnostic::Diagnostic;
use crate::load::{Entry, Node, NodeKind};
use crate::messages::Message;
use crate::source::Span;

/// The most such warnings for one file.
const MAX_REPORTED: usize = 10;

/// Warn of each figure reference written in the frontmatter's values.
pub(super) fn scan(reader: &mut Reader<'_>, entries: &[Entry], body_start: usize) {
    let text = &reader.source.text;
    let frontmatter = text.get(..body_start).unwrap_or(text);
    // One look at the bytes spares the walk through the values of nearly every file.
    if memchr::memmem::find(frontmatter.as_bytes(), b"{{").is_none() {
        return;
    }
    let mut found: Vec<Span> = Vec::new();
    for entry in entries {
        references_in(reader, &entry.value, &mut found);
    }
    for span in found.into_iter().take(MAX_REPORTED) {
        let written = reader.source.slice(span).to_string();
        reader.push(
            Diagnostic::warning_said(
                "figure-in-frontmatter",
                reader.at(span),
                Message::new("figure.in-frontmatter").with("reference", written),
            )
            .with_help_said(Message::new("figure.in-frontmatter-help")),
        );
    }
}

/// The references in `node`'s scalars, as written in the file (so that each is located
/// exactly, quotes and escapes of the value included).
fn references_in(reader: &Reader<'_>, node: &Node, found: &mut Vec<Span>) {
    match &node.kind {
        NodeKind::Scalar(_) => {
            let start = node.span.start;
            found.extend(
                crate::figure_refs::in_plain(reader.source.slice(node.span))
                    .into_iter()
                    .map(|figure| Span::new((start + figure.span.start) as usize, (start + figure.span.end) as usize)),
            );
        }
        NodeKind::Seq(items) => items.iter().for_each(|item| references_in(reader, item, found)),
        NodeKind::Map(entries) => entries.iter().for_each(|entry| references_in(reader, &entry.value, found)),
    }
}
