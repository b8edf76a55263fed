//! TOML frontmatter (between `+++` lines) to the same [`Node`] tree as YAML.

use toml::de::{DeTable, DeValue};

use super::node::{Entry, Node, NodeKind, Scalar, ScalarStyle};
use crate::diagnostic::{Diagnostic, Location};
use crate::messages::Message;
use crate::source::{SourceFile, Span};

/// Why a TOML frontmatter could not be read, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct TomlError {
    /// What went wrong.
    pub message: String,
    /// Where, in bytes from the start of the file.
    pub span: Span,
    /// The message as the catalogue says it, when it is there.
    pub said: Option<Message>,
}

impl TomlError {
    /// The `invalid-toml` error in `source`, the file the frontmatter was read from.
    pub fn diagnostic(self, source: &SourceFile) -> Diagnostic {
        let location = Location::at(source, self.span);
        match self.said {
            Some(said) => Diagnostic::error_said("invalid-toml", location, said),
            None => Diagnostic::error("invalid-toml", location, self.message),
        }
    }
}

/// Parse `text`, the frontmatter found at byte `offset` of its file, into a tree.
pub fn parse(text: &str, offset: usize) -> Result<Node, TomlError> {
    let table = DeTable::parse(text).map_err(|e| {
        let range = e.span().unwrap_or(0..0);
        if let Some((start, end, said)) = bad_code_escape(text, range.start) {
            return TomlError {
                message: said.english(),
                span: Span::new(start + offset, end + offset),
                said: Some(said),
            };
        }
        let info = lowercase_first(e.message().trim().trim_end_matches('.'));
        let said = Message::new("file.invalid-toml").with("info", info);
        TomlError {
            message: said.english(),
            span: Span::new(range.start + offset, range.end + offset),
            said: Some(said),
        }
    })?;
    let span = table.span();
    Ok(Node { kind: table_kind(table.get_ref(), offset), span: Span::new(span.start + offset, span.end + offset) })
}

/// A `\\u` or `\\U` escape that names no character (half of a surrogate pair, a code past
/// U+10FFFF), when the parser's error at `at` is in one: its place and what is wrong.
fn bad_code_escape(text: &str, at: usize) -> Option<(usize, usize, Message)> {
    let from = at.saturating_sub(2);
    let found = text.get(from..at + 1)?.rfind(['u', 'U'])? + from;
    if found == 0 || text.as_bytes()[found - 1] != b'\\' {
        return None;
    }
    let digits = if text.as_bytes()[found] == b'u' { 4 } else { 8 };
    let code = text.get(found + 1..found + 1 + digits)?;
    let value = u32::from_str_radix(code, 16).ok()?;
    let (start, end) = (found - 1, found + 1 + digits);
    let (message, help) = super::yaml::code_escape_problem(&text[start..end], value)?;
    Some((start, end, Message::new("file.toml-escape").phrase("message", message).phrase("help", help)))
}

fn table_kind(table: &DeTable<'_>, offset: usize) -> NodeKind {
    NodeKind::Map(
        table
            .iter()
            .map(|(key, value)| {
                let key_range = key.span();
                Entry {
                    key: key.get_ref().to_string(),
                    key_span: Span::new(key_range.start + offset, key_range.end + offset),
                    value: value_node(value.get_ref(), value.span(), offset),
                }
            })
            .collect(),
    )
}

fn value_node(value: &DeValue<'_>, range: std::ops::Range<usize>, offset: usize) -> Node {
    let plain = |text: String| NodeKind::Scalar(Scalar { text, style: ScalarStyle::Plain });
    let kind = match value {
        DeValue::String(s) => NodeKind::Scalar(Scalar { text: s.to_string(), style: ScalarStyle::Quoted }),
        DeValue::Integer(i) => plain(i.as_str().replace('_', "")),
        DeValue::Float(f) => plain(f.as_str().replace('_', "")),
        DeValue::Boolean(b) => plain(b.to_string()),
        DeValue::Datetime(d) => plain(d.to_string()),
        DeValue::Array(items) => {
            NodeKind::Seq(items.iter().map(|item| value_node(item.get_ref(), item.span(), offset)).collect())
        }
        DeValue::Table(table) => table_kind(table, offset),
    };
    Node { kind, span: Span::new(range.start + offset, range.end + offset) }
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_that_name_no_character_are_explained() {
        let text = "title = \"x \\uD800\"\n";
        let err = parse(text, 4).unwrap_err();
        assert!(err.message.starts_with("`\\uD800` is half of a UTF-16 surrogate pair"), "{}", err.message);
        assert_eq!(&text[err.span.start as usize - 4..err.span.end as usize - 4], "\\uD800");
        let err = parse("title = \"\\U00110000\"\n", 0).unwrap_err();
        assert!(err.message.contains("Unicode ends at U+10FFFF"), "{}", err.message);
        // Other mistakes keep the parser's words.
        let err = parse("title = \"\\uZZZZ\"\n", 0).unwrap_err();
        assert!(err.message.starts_with("the frontmatter is not valid TOML"), "{}", err.message);
    }

    #[test]
    fn toml_values_become_located_nodes() {
        let text = "title = \"Tanger\"\nassessed = 2026-03-01\n[indicators]\nmigration-rates = 12.5\n";
        let root = parse(text, 4).unwrap();
        let title = root.get("title").unwrap();
        assert_eq!(title.key_span, Span::new(4, 9));
        assert_eq!(title.value.as_scalar().unwrap().style, ScalarStyle::Quoted);
        let assessed = root.get("assessed").unwrap().value.as_scalar().unwrap();
        assert_eq!(assessed.text, "2026-03-01");
        let rate = root.get("indicators").unwrap().value.get("migration-rates").unwrap();
        assert_eq!(rate.value.as_scalar().unwrap().text, "12.5");
    }

    #[test]
    fn duplicate_keys_are_located_errors() {
        let err = parse("title = \"a\"\ntitle = \"b\"\n", 0).unwrap_err();
        assert!(err.message.contains("not valid TOML"), "{}", err.message);
        assert_eq!(err.span.start, 12);
    }
}
