//! A frontmatter document as a tree of located nodes, the same for YAML and TOML.
//!
//! Scalars keep the text as written and whether it was quoted. Types are decided later, by the
//! validator, which knows what each field expects: this is what keeps `place_code: 0123` from
//! losing its leading zero and lets "a number written as text" get its own message.

use crate::source::Span;

/// Most nodes a frontmatter may expand to, aliases included. A full profile has a few hundred.
pub const MAX_NODES: usize = 100_000;
/// Deepest nesting allowed. A profile needs four levels.
pub const MAX_DEPTH: usize = 64;

/// One value of a frontmatter document, with where it is in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub kind: NodeKind,
    /// Where the value is, in bytes from the start of the file.
    pub span: Span,
}

/// The shape of a [`Node`].
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// A single value, as written.
    Scalar(Scalar),
    /// A list.
    Seq(Vec<Node>),
    /// Keys and values, in the order written. Keys are unique (the parsers reject duplicates).
    Map(Vec<Entry>),
}

/// How a scalar was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarStyle {
    /// Bare, as in `value: 12`: may be read as a number, a yes/no or nothing.
    Plain,
    /// In quotes, as in `value: "12"`: always text.
    Quoted,
    /// A YAML block (`|` or `>`): always text.
    Block,
}

/// A single value as written in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Scalar {
    /// The text, after the format's escapes are processed.
    pub text: String,
    /// How it was written.
    pub style: ScalarStyle,
}

/// One key and its value in a map.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key.
    pub key: String,
    /// Where the key is.
    pub key_span: Span,
    /// The value.
    pub value: Node,
}

impl Node {
    /// An empty map at `span`: what an empty frontmatter means.
    pub fn empty_map(span: Span) -> Node {
        Node { kind: NodeKind::Map(Vec::new()), span }
    }

    /// True for a bare `~`, `null` or nothing at all.
    pub fn is_null(&self) -> bool {
        match &self.kind {
            NodeKind::Scalar(s) => {
                s.style == ScalarStyle::Plain && matches!(s.text.as_str(), "" | "~" | "null" | "Null" | "NULL")
            }
            _ => false,
        }
    }

    /// The scalar, if this is one.
    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.kind {
            NodeKind::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The entries, if this is a map.
    pub fn as_map(&self) -> Option<&[Entry]> {
        match &self.kind {
            NodeKind::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The value under `key`, if this is a map that has it.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.as_map()?.iter().find(|e| e.key == key)
    }

    /// What this is, for messages: "a list", "a map", "text"...
    pub fn describe(&self) -> &'static str {
        match &self.kind {
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a set of fields",
            NodeKind::Scalar(_) if self.is_null() => "nothing",
            NodeKind::Scalar(_) => "a single value",
        }
    }

    /// [`Node::describe`] as a phrase of the message catalogue.
    pub fn describe_said(&self) -> crate::messages::Message {
        crate::messages::Message::new(match &self.kind {
            NodeKind::Seq(_) => "shape.list",
            NodeKind::Map(_) => "shape.map",
            NodeKind::Scalar(_) if self.is_null() => "shape.nothing",
            NodeKind::Scalar(_) => "shape.single",
        })
    }

    /// How many nodes this tree holds, itself included.
    pub fn size(&self) -> usize {
        1 + match &self.kind {
            NodeKind::Scalar(_) => 0,
            NodeKind::Seq(items) => items.iter().map(Node::size).sum(),
            NodeKind::Map(entries) => entries.iter().map(|e| 1 + e.value.size()).sum(),
        }
    }
}
