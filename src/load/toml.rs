//! TOML frontmatter (between `+++` lines) to the same [`Node`] tree as YAML.

use toml::de::{DeTable, DeValue};

use super::node::{Entry, Node, NodeKind, Scalar, ScalarStyle};
use crate::source::Span;

/// Why a TOML frontmatter could not be read, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct TomlError {
    /// What went wrong.
    pub message: String,
    /// Where, in bytes from the start of the file.
    pub span: Span,
}

/// Parse `text`, the frontmatter found at byte `offset` of its file, into a tree.
pub fn parse(text: &str, offset: usize) -> Result<Node, TomlError> {
    let table = DeTable::parse(text).map_err(|e| {
        let range = e.span().unwrap_or(0..0);
        let message = e.message().trim().trim_end_matches('.').to_string();
        TomlError {
            message: format!("the frontmatter is not valid TOML: {}", lowercase_first(&message)),
            span: Span::new(range.start + offset, range.end + offset),
        }
    })?;
    let span = table.span();
    Ok(Node { kind: table_kind(table.get_ref(), offset), span: Span::new(span.start + offset, span.end + offset) })
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
