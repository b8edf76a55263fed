//! Text that YAML reads as a comment though the author meant it as part of a value. In YAML a
//! `#` after a space starts a comment, so `summary: Fishing village #lebou, 45 returnees`
//! publishes "Fishing village" and drops the rest without a word; so do `#Yoff`, `#2` or a
//! hashtag pasted from a message. A comment written as comments are (`# note`, a space after
//! the mark) is left alone: that is a comment on purpose.

use super::read::Reader;
use crate::load::{Entry, Node, NodeKind, ScalarStyle};
use crate::messages::Message;
use crate::source::Span;

/// Warn about each plain value of `entries` (YAML frontmatter) that a comment cuts short.
pub(super) fn scan(reader: &mut Reader<'_>, entries: &[Entry], body_start: usize) {
    let text = &reader.source.text;
    let frontmatter = text.get(..body_start).unwrap_or(text);
    // Nearly every file has no `#` glued to a word after a space: one look at its few `#`
    // spares the walk through every value.
    let bytes = frontmatter.as_bytes();
    let glued =
        |at: usize| at > 0 && bytes[at - 1] == b' ' && bytes.get(at + 1).is_some_and(|b| !b.is_ascii_whitespace());
    if !memchr::memchr_iter(b'#', bytes).any(glued) {
        return;
    }
    let mut cut: Vec<(Span, Span)> = Vec::new();
    for entry in entries {
        find_in(&entry.value, frontmatter, &mut cut);
    }
    for (value, comment) in cut {
        let kept = reader.source.slice(value).to_string();
        let dropped = reader.source.slice(comment).trim_end().to_string();
        let quote = if kept.contains('"') { '\'' } else { '"' };
        let help = Message::new("page.comment-in-value-help").with("quoted", format!("{quote}{kept} {dropped}{quote}"));
        let message = Message::new("page.comment-in-value").with("dropped", dropped).with("kept", kept);
        reader.warning_said("comment-in-value", comment, message, Some(help));
    }
}

/// Each plain scalar under `node` followed on its line by a comment glued to its first word:
/// the value's span and the comment's, to the end of the line.
fn find_in(node: &Node, text: &str, cut: &mut Vec<(Span, Span)>) {
    match &node.kind {
        NodeKind::Scalar(s) if s.style == ScalarStyle::Plain => {
            let end = node.span.end as usize;
            let Some(rest) = text.get(end..) else { return };
            let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
            let spaces = line.len() - line.trim_start_matches([' ', '\t']).len();
            let after = &line[spaces..];
            let glued = after.strip_prefix('#').and_then(|c| c.chars().next()).is_some_and(|c| !c.is_whitespace());
            if spaces > 0 && glued {
                let start = end + spaces;
                cut.push((node.span, Span::new(start, end + line.len())));
            }
        }
        NodeKind::Scalar(_) => {}
        NodeKind::Seq(items) => items.iter().for_each(|item| find_in(item, text, cut)),
        NodeKind::Map(entries) => entries.iter().for_each(|e| find_in(&e.value, text, cut)),
    }
}
