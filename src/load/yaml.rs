//! YAML frontmatter to a [`Node`] tree, from the events of saphyr-parser (plain frontmatter
//! is read first by the quick reader of `plain_yaml`, which builds the same tree).
//!
//! We build the tree ourselves rather than through serde because we want a position on every
//! key and value, and because serde's generic layer costs several times the parse itself. The
//! builder also enforces what a hand-written file should never need: it rejects duplicate keys,
//! caps how far aliases may expand (an "billion laughs" file stops at the budget, with the
//! alias located) and caps nesting depth.

use std::collections::{HashMap, HashSet};

use saphyr_parser::{Event, Parser, ScalarStyle as YamlStyle};

use super::node::{Entry, MAX_DEPTH, MAX_NODES, Node, NodeKind, Scalar, ScalarStyle};
use crate::diagnostic::{Diagnostic, Location, Said};
use crate::messages::Message;
use crate::source::{SourceFile, Span};

/// Why a YAML frontmatter could not be read, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    /// What went wrong, in plain words.
    pub message: String,
    /// Where, in bytes from the start of the file.
    pub span: Span,
    /// How to fix it, when we can tell.
    pub help: Option<String>,
    /// A second place that explains the error (the first of two duplicate keys).
    pub related: Option<(String, Span)>,
    /// The message and help as the catalogue has them ([`crate::messages`]), for a report in
    /// another language; `message` and `help` are their English.
    pub said: Box<Said>,
    /// The note of `related`, as the catalogue has it.
    pub related_said: Option<Box<Message>>,
}

impl YamlError {
    /// The `invalid-yaml` error in `source`, the file the frontmatter was read from, with its
    /// note and its words from the catalogue where it has them.
    pub fn diagnostic(self, source: &SourceFile) -> Diagnostic {
        let mut d = Diagnostic::error("invalid-yaml", Location::at(source, self.span), self.message)
            .with_optional_help(self.help);
        if self.said.message.is_some() {
            d.said = Some(self.said);
        }
        match (self.related, self.related_said) {
            (Some((_, span)), Some(said)) => d = d.with_note_said(*said, Location::at(source, span)),
            (Some((message, span)), None) => d = d.with_note(message, Location::at(source, span)),
            _ => {}
        }
        d
    }

    fn at(span: Span, message: impl Into<String>) -> Self {
        YamlError { message: message.into(), span, help: None, related: None, said: Box::default(), related_said: None }
    }

    /// An error whose message comes from the catalogue.
    fn said(span: Span, message: Message) -> Self {
        let mut error = YamlError::at(span, message.english());
        error.said.message = Some(message);
        error
    }

    /// Add how to fix it, from the catalogue.
    fn help_said(mut self, help: Message) -> Self {
        self.help = Some(help.english());
        self.said.help = Some(help);
        self
    }
}

enum Frame {
    Seq {
        items: Vec<Node>,
        start: usize,
        anchor: usize,
    },
    Map {
        entries: Vec<Entry>,
        pending_key: Option<(String, Span)>,
        start: usize,
        anchor: usize,
        keys: Option<HashSet<String>>,
    },
}

/// Parse `text`, the frontmatter found at byte `offset` of its file, into a tree.
///
/// An empty frontmatter is an empty map.
pub fn parse(text: &str, offset: usize) -> Result<Node, YamlError> {
    // Plain frontmatter (nearly all of it) is read by the quick reader; whatever it does not
    // know, and every error, goes to saphyr-parser.
    let parsed = match super::plain_yaml::parse(text, offset) {
        Some(node) => Ok(node),
        None => parse_fully(text, offset).map_err(|error| {
            // A figure quoted in a value without quotes (`summary: {{ population }} people`)
            // is a mistake of its own, whatever the parser made of it: say how to write it.
            let at = (error.span.start as usize).saturating_sub(offset);
            match super::yaml_mistakes::quoted_figure(text, at) {
                Some(help) => error.help_said(help),
                None => error,
            }
        }),
    }?;
    // A key that starts or ends with a no-break space is read without an error, as a field
    // nobody meant: say what the line holds instead (only text beyond ASCII can have one).
    if !text.is_ascii()
        && let Some(mistake) = super::yaml_pasted::in_keys(&parsed, text, offset)
    {
        let span = Span::new(mistake.start + offset, mistake.end + offset);
        return Err(YamlError::said(span, mistake.message).help_said(mistake.help));
    }
    Ok(parsed)
}

/// Parse with saphyr-parser, which reads all of YAML and explains every error.
pub(super) fn parse_fully(text: &str, offset: usize) -> Result<Node, YamlError> {
    let mut parser = Parser::new_from_str(text);
    let bytes = ByteOffsets::of(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut root: Option<Node> = None;
    let mut nodes = 0usize;

    while let Some(event) = parser.next_event() {
        let (event, span) = match event {
            Ok(ok) => ok,
            Err(e) => {
                let local = bytes.at(e.marker().index());
                let at = local + offset;
                let found = text.get(local..).and_then(|rest| rest.chars().next());
                if e.info().contains("unknown anchor") {
                    let name: String = text
                        .get(local..)
                        .unwrap_or("")
                        .trim_start_matches('*')
                        .chars()
                        .take_while(|c| !c.is_whitespace() && !",]}".contains(*c))
                        .collect();
                    return Err(YamlError::said(
                        Span::new(at, at + name.len() + 1),
                        Message::new("yaml.unknown-anchor").with("name", name.as_str()),
                    )
                    .help_said(Message::new("yaml.unknown-anchor-help").with("name", name)));
                }
                // The parser places an escape's error at the quote that opens its value:
                // find the escape, and say what is wrong with it.
                if e.info().contains("quoted scalar")
                    && let Some((start, end, message, help)) = text.get(local..).and_then(bad_escape)
                {
                    return Err(YamlError::said(Span::new(at + start, at + end), message).help_said(help));
                }
                // A mistake seen in the lines around the error explains it better, at the
                // line at fault; a control character is named before anything else.
                let control = found.is_some_and(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
                if !control && let Some(mistake) = super::yaml_mistakes::explain(text, local, e.info()) {
                    let span = Span::new(mistake.start + offset, mistake.end + offset);
                    return Err(YamlError::said(span, mistake.message).help_said(mistake.help));
                }
                return Err(scan_error(
                    e.info().to_string(),
                    Span::new(at, at + found.map_or(1, char::len_utf8)),
                    found,
                ));
            }
        };
        let start = bytes.at(span.start.index()) + offset;
        let end = bytes.at(span.end.index()).max(start - offset) + offset;
        let here = Span::new(start, end);

        let complete: Node = match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentStart(..) | Event::DocumentEnd => continue,
            Event::Alias(id) => {
                let Some(target) = anchors.get(&id) else {
                    return Err(YamlError::said(here, Message::new("yaml.undefined-alias")));
                };
                nodes += target.size();
                if nodes > MAX_NODES {
                    return Err(YamlError::said(
                        here,
                        Message::new("yaml.alias-expansion").number("limit", MAX_NODES as u64),
                    )
                    .help_said(Message::new("yaml.alias-expansion-help")));
                }
                let mut node = target.clone();
                node.span = here;
                node
            }
            Event::Scalar(value, style, anchor, tag) => {
                nodes += 1;
                let mut style = match style {
                    YamlStyle::Plain => ScalarStyle::Plain,
                    YamlStyle::SingleQuoted | YamlStyle::DoubleQuoted => ScalarStyle::Quoted,
                    _ => ScalarStyle::Block,
                };
                if let Some(tag) = tag {
                    if tag.is_yaml_core_schema() && tag.suffix == "str" {
                        style = ScalarStyle::Quoted;
                    } else {
                        return Err(unsupported_tag(here));
                    }
                }
                let node = Node { kind: NodeKind::Scalar(Scalar { text: value.into_owned(), style }), span: here };
                if anchor != 0 {
                    anchors.insert(anchor, node.clone());
                }
                node
            }
            Event::SequenceStart(anchor, tag) => {
                if tag.is_some() {
                    return Err(unsupported_tag(here));
                }
                nodes += 1;
                if stack.len() >= MAX_DEPTH {
                    return Err(too_deep(here));
                }
                stack.push(Frame::Seq { items: Vec::new(), start, anchor });
                continue;
            }
            Event::MappingStart(anchor, tag) => {
                if tag.is_some() {
                    return Err(unsupported_tag(here));
                }
                nodes += 1;
                if stack.len() >= MAX_DEPTH {
                    return Err(too_deep(here));
                }
                stack.push(Frame::Map { entries: Vec::new(), pending_key: None, start, anchor, keys: None });
                continue;
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::Seq { items, start, anchor }) => {
                    let node = Node { kind: NodeKind::Seq(items), span: Span::new(start, end) };
                    if anchor != 0 {
                        anchors.insert(anchor, node.clone());
                    }
                    node
                }
                _ => return Err(YamlError::said(here, Message::new("yaml.unexpected-list-end"))),
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Map { entries, start, anchor, .. }) => {
                    let node = Node { kind: NodeKind::Map(entries), span: Span::new(start, end) };
                    if anchor != 0 {
                        anchors.insert(anchor, node.clone());
                    }
                    node
                }
                _ => return Err(YamlError::said(here, Message::new("yaml.unexpected-map-end"))),
            },
            // Reserved by the parser; never produced.
            Event::Nothing => continue,
        };
        if nodes > MAX_NODES {
            return Err(YamlError::said(here, Message::new("yaml.too-many-values").number("limit", MAX_NODES as u64)));
        }

        // Hand the finished node to its parent.
        match stack.last_mut() {
            None => root = Some(complete),
            Some(Frame::Seq { items, .. }) => items.push(complete),
            Some(Frame::Map { entries, pending_key, keys, .. }) => match pending_key.take() {
                None => {
                    let NodeKind::Scalar(key) = complete.kind else {
                        return Err(YamlError::said(complete.span, Message::new("yaml.key-not-plain"))
                            .help_said(Message::new("yaml.key-not-plain-help")));
                    };
                    if let Some(first) = find_key(entries, keys, &key.text) {
                        let mut err =
                            YamlError::said(complete.span, Message::new("yaml.duplicate-key").with("key", &key.text))
                                .help_said(Message::new("yaml.duplicate-key-help"));
                        let note = Message::new("yaml.first-used");
                        err.related = Some((note.english(), first));
                        err.related_said = Some(Box::new(note));
                        return Err(err);
                    }
                    *pending_key = Some((key.text, complete.span));
                }
                Some((key, key_span)) => {
                    if let Some(set) = keys {
                        set.insert(key.clone());
                    } else if entries.len() >= 16 {
                        // Large maps switch to a set so that duplicate checks stay linear.
                        *keys = Some(entries.iter().map(|e| e.key.clone()).chain([key.clone()]).collect());
                    }
                    entries.push(Entry { key, key_span, value: complete });
                }
            },
        }
    }
    Ok(root.unwrap_or_else(|| Node::empty_map(Span::new(offset, offset))))
}

/// The parser counts positions in characters; diagnostics need bytes. Frontmatter is mostly
/// ASCII, where the two are the same, so a table is only made for text that needs one.
struct ByteOffsets(Option<Vec<u32>>);

impl ByteOffsets {
    fn of(text: &str) -> Self {
        ByteOffsets(
            (!text.is_ascii())
                .then(|| text.char_indices().map(|(at, _)| at as u32).chain([text.len() as u32]).collect()),
        )
    }

    /// The byte offset of the character at `index` (the end of the text past the last one).
    fn at(&self, index: usize) -> usize {
        match &self.0 {
            None => index,
            Some(table) => table.get(index).or(table.last()).map_or(index, |&at| at as usize),
        }
    }
}

fn find_key(entries: &[Entry], keys: &Option<HashSet<String>>, key: &str) -> Option<Span> {
    if let Some(set) = keys
        && !set.contains(key)
    {
        return None;
    }
    entries.iter().find(|e| e.key == key).map(|e| e.key_span)
}

/// The first escape of the double-quoted value at the start of `quoted` that YAML cannot
/// read: where it is (in bytes from the quote), what is wrong, and what to write instead.
fn bad_escape(quoted: &str) -> Option<(usize, usize, Message, Message)> {
    let backslash_help = || Message::new("yaml.backslash-help");
    let mut chars = quoted.char_indices().skip_while(|(_, c)| *c != '"').skip(1);
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => return None,
            '\\' => {}
            _ => continue,
        }
        let (_, kind) = chars.next()?;
        let digits = match kind {
            'x' => 2,
            'u' => 4,
            'U' => 8,
            '0' | 'a' | 'b' | 't' | '\t' | 'n' | 'v' | 'f' | 'r' | 'e' | ' ' | '"' | '/' | '\\' | 'N' | '_' | 'L'
            | 'P' | '\n' | '\r' => continue,
            other => {
                let end = at + 1 + other.len_utf8();
                let message = Message::new("yaml.unknown-escape").with("escape", other.to_string());
                return Some((at, end, message, backslash_help()));
            }
        };
        let code: String = quoted[at + 2..].chars().take(digits).collect();
        let end = at + 2 + code.len();
        let Some(value) = (code.len() == digits).then(|| u32::from_str_radix(&code, 16).ok()).flatten() else {
            // The escape up to its first character that is not a hexadecimal digit.
            let hex = quoted[at + 2..].chars().take(digits).take_while(char::is_ascii_hexdigit).count();
            let written: String = quoted[at..].chars().take(3 + hex).take_while(|c| *c != '"').collect();
            let end = at + written.len();
            let message = Message::new("yaml.short-escape")
                .with("written", written)
                .with("kind", kind.to_string())
                .number("digits", digits as u64);
            return Some((at, end, message, backslash_help()));
        };
        if let Some((message, help)) = code_escape_problem(&quoted[at..end], value) {
            return Some((at, end, message, help));
        }
    }
    None
}

/// What is wrong with the escape `written` (`\uD800`), whose code is `value`, if it names
/// no character: half of a surrogate pair, or a code past the last one. Also used for TOML.
pub(super) fn code_escape_problem(written: &str, value: u32) -> Option<(Message, Message)> {
    if (0xD800..=0xDFFF).contains(&value) {
        Some((Message::new("yaml.surrogate").with("written", written), Message::new("yaml.surrogate-help")))
    } else if char::from_u32(value).is_none() {
        Some((Message::new("yaml.past-unicode").with("written", written), Message::new("yaml.past-unicode-help")))
    } else {
        None
    }
}

fn unsupported_tag(span: Span) -> YamlError {
    YamlError::said(span, Message::new("yaml.tag")).help_said(Message::new("yaml.tag-help"))
}

fn too_deep(span: Span) -> YamlError {
    YamlError::said(span, Message::new("yaml.nested").number("limit", MAX_DEPTH as u64))
        .help_said(Message::new("yaml.nested-help"))
}

/// Turn the parser's message into ours: same position, plainer words, and a hint for the
/// mistakes people make most.
fn scan_error(info: String, span: Span, found: Option<char>) -> YamlError {
    let info = info.lines().next().unwrap_or("").trim().to_string();
    let said = |id: &'static str| Message::new(id);
    let (message, help) = if let Some(c) = found.filter(|c| c.is_control() && *c != '\t' && *c != '\n' && *c != '\r') {
        (said("yaml.control").with("code", format!("{:04X}", c as u32)), Some(said("yaml.control-help")))
    } else if info.contains("recursion limit") {
        (said("yaml.too-deep"), Some(said("yaml.too-deep-help")))
    } else if info.contains("tab") {
        (said("yaml.tab"), Some(said("yaml.tab-help")))
    } else if info.contains("invalid trailing content after") {
        // `title: "San Martín" de los Andes`: the quote closes, and text goes on after it.
        (said("yaml.after-quote"), Some(said("yaml.after-quote-help")))
    } else if info.contains("unclosed quote") || info.contains("quoted scalar") {
        (said("yaml.unclosed-quote"), Some(said("yaml.unclosed-quote-help")))
    } else if info.contains("did not find expected key") {
        (said("yaml.indent"), Some(said("yaml.indent-help")))
    } else if info.contains("mapping values are not allowed") {
        (said("yaml.second-colon"), Some(said("yaml.second-colon-help")))
    } else if let Some(mark) = info.strip_suffix("' must be followed by a valid YAML whitespace") {
        // `':' must be…`, `'-' must be…`: said without the parser's words.
        let mark = mark.trim_start_matches('\'');
        (said("yaml.space-after").with("mark", mark), Some(said("yaml.space-after-help").with("mark", mark)))
    } else if info.contains("simple key") || info.contains("could not find expected ':'") {
        (said("yaml.not-a-field"), Some(said("yaml.not-a-field-help")))
    } else if info.contains("did not find expected '-' indicator") {
        (said("yaml.not-an-item"), Some(said("yaml.not-an-item-help")))
    } else {
        (said("yaml.invalid").with("info", info), None)
    };
    let error = YamlError::said(span, message);
    match help {
        Some(help) => error.help_said(help),
        None => error,
    }
}

/// For the tests of the mistakes' messages: what the parse error of `text` (a frontmatter
/// found at byte 4 of its file) points at, its message and its help.
#[cfg(test)]
pub(super) fn error_said(text: &str) -> (String, String, String) {
    let err = parse(text, 4).expect_err(text);
    let at = &text[err.span.start as usize - 4..err.span.end as usize - 4];
    (at.to_string(), err.message, err.help.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(node: &Node) -> (&str, ScalarStyle) {
        let s = node.as_scalar().unwrap();
        (s.text.as_str(), s.style)
    }

    #[test]
    fn keys_and_values_keep_their_positions() {
        let text = "title: Tanger\nindicators:\n  acess-to-services: 3\n";
        let root = parse(text, 0).unwrap();
        let indicators = &root.get("indicators").unwrap().value;
        let entry = &indicators.as_map().unwrap()[0];
        assert_eq!(entry.key, "acess-to-services");
        assert_eq!(&text[entry.key_span.start as usize..entry.key_span.end as usize], "acess-to-services");
        assert_eq!(scalar(&entry.value), ("3", ScalarStyle::Plain));
    }

    #[test]
    fn offset_is_added_to_every_span() {
        let root = parse("a: 1\n", 4).unwrap();
        assert_eq!(root.get("a").unwrap().key_span, Span::new(4, 5));
    }

    #[test]
    fn quoted_and_plain_scalars_are_told_apart() {
        let root = parse("a: 12\nb: \"12\"\nc: 0123\nd: |\n  text\n", 0).unwrap();
        assert_eq!(scalar(&root.get("a").unwrap().value), ("12", ScalarStyle::Plain));
        assert_eq!(scalar(&root.get("b").unwrap().value), ("12", ScalarStyle::Quoted));
        assert_eq!(scalar(&root.get("c").unwrap().value), ("0123", ScalarStyle::Plain));
        assert_eq!(scalar(&root.get("d").unwrap().value), ("text\n", ScalarStyle::Block));
    }

    #[test]
    fn duplicate_key_points_at_the_second_and_notes_the_first() {
        let err = parse("title: T\ncountry: A\ntitle: U\n", 0).unwrap_err();
        assert_eq!(err.message, "the key `title` appears twice");
        assert_eq!(err.span, Span::new(20, 25));
        assert_eq!(err.related.unwrap().1, Span::new(0, 5));
    }

    #[test]
    fn duplicate_keys_are_found_in_large_maps() {
        let mut text: String = (0..40).map(|i| format!("k{i}: {i}\n")).collect();
        text.push_str("k3: again\n");
        assert_eq!(parse(&text, 0).unwrap_err().message, "the key `k3` appears twice");
    }

    #[test]
    fn alias_bomb_stops_at_the_budget() {
        let mut text = String::from("a: &a [x,x,x,x,x,x,x,x,x]\n");
        for (name, prev) in [("b", "a"), ("c", "b"), ("d", "c"), ("e", "d"), ("f", "e"), ("g", "f"), ("h", "g")] {
            let refs = vec![format!("*{prev}"); 9].join(",");
            text.push_str(&format!("{name}: &{name} [{refs}]\n"));
        }
        let err = parse(&text, 0).unwrap_err();
        assert!(err.message.contains("aliases here expand"), "{}", err.message);
    }

    #[test]
    fn small_aliases_work() {
        let root = parse("a: &x [1, 2]\nb: *x\n", 0).unwrap();
        assert_eq!(root.get("b").unwrap().value.size(), 3);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("a: {}{}\n", "[".repeat(200), "]".repeat(200));
        let err = parse(&text, 0).unwrap_err();
        assert!(err.message.contains("nested") || err.message.contains("not valid YAML"), "{}", err.message);
    }

    #[test]
    fn common_mistakes_get_plain_messages() {
        let tab = parse("title: T\nindicators:\n\ta: 1\n", 0).unwrap_err();
        assert_eq!(tab.message, "this line is indented with a tab: YAML indents with spaces only");
        assert_eq!(tab.span, Span::new(21, 22));
        assert_eq!(tab.help.unwrap(), "type its indentation again with ordinary spaces: `  a: 1`");
        // A tab before anything but a field or a list item is the parser's, said plainly.
        let tab = parse("title: T\ntags:\n\t[a, b]\n", 0).unwrap_err();
        assert_eq!(tab.message, "a tab is used for indentation");
        let quote = parse("title: \"Tanger\ncountry: MA\n", 0).unwrap_err();
        assert_eq!(quote.message, "this quote is never closed");
        assert_eq!(quote.span.start, 7);
        // A value that starts with a quoted part is not a quote never closed.
        let after = parse("title: \"San Martín\" de los Andes\n", 0).unwrap_err();
        assert_eq!(after.message, "text goes on after the closing quote");
        assert!(after.help.unwrap().contains("title: '\"San Martín\" de los Andes'"));
        let indent = parse("title: T\nindicators:\n  a: 1\n b: 2\n", 0).unwrap_err();
        assert_eq!(indent.message, "this line is not indented like the lines around it");
        let colon = parse("title: Tanger: Nord\n", 0).unwrap_err();
        assert_eq!(colon.message, "a colon here starts a second field on the same line");
        // The parser's own words (`simple key expect ':'`, `valid YAML whitespace`) never show.
        for (text, message) in [
            ("tags: [b:\tc]\n", "`:` must be followed by an ordinary space here"),
            ("a: 1\n[b\n, c]: 2\nd: 1\n", "YAML cannot read this line, or the one above it, as a field"),
            ("- a\nb: 1\n", "this line is not an item of the list above it"),
        ] {
            let err = parse(text, 0).unwrap_err();
            assert_eq!((err.message.as_str(), err.help.is_some()), (message, true), "{text:?}");
        }
    }

    /// The text an error points at, and its message and help.
    fn shown(text: &str) -> (String, String, String) {
        let err = parse(text, 4).unwrap_err();
        let at = &text[err.span.start as usize - 4..err.span.end as usize - 4];
        (at.to_string(), err.message, err.help.unwrap_or_default())
    }

    #[test]
    fn a_field_without_a_space_after_its_colon_is_found_on_its_own_line() {
        let expected = (
            "status:published".to_string(),
            "`status:published` has no space after its colon, so YAML reads it as text, not a field".to_string(),
            "write `status: published`".to_string(),
        );
        // The parser notices at the next field, or at the end of the frontmatter.
        assert_eq!(shown("title: T\nstatus:published\nsummary: s\n"), expected);
        assert_eq!(shown("title: T\nstatus:published\n"), expected);
        assert_eq!(shown("title: T\nstatus:published\n\n# notes\nindicators:\n  a: 1\n"), expected);
        let (at, message, _) =
            shown("title: T\nsummary:Returning migrants and their families rebuild\n  their homes\n");
        assert_eq!(at, "summary:Returning migrants and their families rebuild");
        assert!(message.starts_with("`summary:Returning mi…` has no space"), "{message}");
    }

    #[test]
    fn an_unclosed_bracket_is_shown_where_it_opens() {
        for (text, message, help) in [
            ("title: T\ntags: [a, b\n", "this `[` is never closed", "end the list with `]` on the same line"),
            (
                "title: T\ntags: [a, b\nsummary: s\n",
                "this `[` is never closed",
                "end the list with `]` on the same line",
            ),
            ("title: T\ntags: [a, [b, c]\n", "this `[` is never closed", "end the list with `]` on the same line"),
            (
                "title: T\nplace: {lat: 1, lon: 2\nsummary: s\n",
                "this `{` is never closed",
                "end the set of fields with `}` on the same line",
            ),
            (
                "title: T\ntags: ['it''s', \"a]\", b\nx: 1\n",
                "this `[` is never closed",
                "end the list with `]` on the same line",
            ),
        ] {
            let err = parse(text, 4).unwrap_err();
            // At the first bracket: the outer one, in `[a, [b, c]`.
            assert_eq!(err.span, Span::new(text.find(['[', '{']).unwrap() + 4, text.find(['[', '{']).unwrap() + 5));
            assert_eq!((err.message.as_str(), err.help.as_deref()), (message, Some(help)), "{text:?}");
        }
        // A list over several lines that does close is not blamed for another mistake.
        let (_, message, _) = shown("title: T\ntags: [a,\n  b]\nsummary: \"x\" y\n");
        assert_eq!(message, "text goes on after the closing quote");
    }

    #[test]
    fn a_field_indented_under_a_value_is_named_with_the_field_above() {
        for (text, key, help) in [
            ("title: T\n  status: published\n", "status", "start `status` in the same column as `title`"),
            ("title: \"T\"\n  status: published\n", "status", "start `status` in the same column as `title`"),
            ("title: T\n  status: published\nsummary: s\n", "status", "start `status` in the same column as `title`"),
            ("list:\n  - a: 1\n      b: 2\n", "b", "start `b` in the same column as `a`"),
        ] {
            let (at, message, got_help) = shown(text);
            assert_eq!(at, key, "{text:?}");
            assert_eq!(message, "this line is indented more than the field above it", "{text:?}");
            assert!(got_help.starts_with(help), "{text:?}: {got_help}");
        }
    }

    #[test]
    fn a_quoted_figure_in_an_unquoted_value_is_told_to_quote_the_whole_value() {
        // Inside a value, a figure is plain text to YAML; a figure of another profile is not,
        // for its `: `, which YAML reads as a second field on the line.
        assert!(parse("evidence: Better than {{ population }} there\n", 0).is_ok());
        for (text, line) in [
            (
                "evidence: Better than {{ villa-los-almendros: access-to-services }} there\n",
                "evidence: \"Better than {{ villa-los-almendros: access-to-services }} there\"",
            ),
            ("title: T\nsummary: {{ population }} people\n", "summary: \"{{ population }} people\""),
            ("title: T\nsummary: Services: {{ x }}\nstatus: draft\n", "summary: \"Services: {{ x }}\""),
            (
                "indicators:\n  access-to-services:\n    value: 3\n    evidence: Services: {{ alpha: access-to-services }}\n",
                "evidence: \"Services: {{ alpha: access-to-services }}\"",
            ),
            // A value with a double quote or a backslash goes in single quotes, as written.
            ("summary: {{ population }} \"people\" it's\n", "summary: '{{ population }} \"people\" it''s'"),
        ] {
            let (_, _, help) = shown(text);
            let wanted = format!(
                "put the whole value in quotes, so that YAML reads `{{{{ }}}}` and `: ` in it as text: `{line}`"
            );
            assert_eq!(help, wanted, "{text:?}");
            // The line it shows, put back in place of the one written, is read.
            let bad = text.lines().find(|l| l.contains("{{")).unwrap();
            let fixed = text.replace(bad, &format!("{}{line}", &bad[..bad.len() - bad.trim_start().len()]));
            assert!(parse(&fixed, 0).is_ok(), "{fixed}");
        }
        // A value already in quotes, or a line without a figure, keeps its own help.
        let (_, _, help) = shown("summary: \"{{ population }}\" people\n");
        assert!(help.starts_with("a value in quotes must end at its closing quote"), "{help}");
        let (_, _, help) = shown("title: Tanger: Nord\n");
        assert!(help.starts_with("put the value in quotes if it contains `: `"), "{help}");
    }

    #[test]
    fn bad_escapes_are_named_not_taken_for_an_unclosed_quote() {
        for (text, message, shown) in [
            ("title: \"\\uD800\"\n", "`\\uD800` is half of a UTF-16 surrogate pair, not a character", "\\uD800"),
            (
                "a: 1\ntitle: \"é \\udfff x\"\n",
                "`\\udfff` is half of a UTF-16 surrogate pair, not a character",
                "\\udfff",
            ),
            ("title: \"\\U00110000\"\n", "`\\U00110000` is not a character: Unicode ends at U+10FFFF", "\\U00110000"),
            ("source: \"C:\\Users\"\n", "`\\Us` is not an escape: `\\U` takes 8 hexadecimal digits", "\\Us"),
            ("source: \"C:\\data\"\n", "`\\d` is not an escape YAML knows", "\\d"),
            ("source: \"\\x4\"\n", "`\\x4` is not an escape: `\\x` takes 2 hexadecimal digits", "\\x4"),
        ] {
            let err = parse(text, 3).unwrap_err();
            assert_eq!(err.message, message, "{text:?}");
            assert_eq!(&text[err.span.start as usize - 3..err.span.end as usize - 3], shown, "{text:?}");
            assert!(err.help.is_some());
        }
        // Escapes YAML knows are read, and a quote never closed is still said to be.
        assert_eq!(
            parse("a: \"\\u00e9\\t\\\\\"\n", 0).unwrap().get("a").unwrap().value.as_scalar().unwrap().text,
            "é\t\\"
        );
        assert_eq!(parse("a: \"\\u00e9\nb: 1\n", 0).unwrap_err().message, "this quote is never closed");
    }

    #[test]
    fn positions_are_in_bytes_after_text_in_other_scripts() {
        // The parser counts characters; every span must still index the text in bytes.
        let broken = "title: مرحبا بكم\ncountry: Maroc\nnote: 'ça\n";
        let err = parse(broken, 10).unwrap_err();
        assert_eq!(err.message, "this quote is never closed");
        assert_eq!(err.span.start as usize - 10, broken.find('\'').unwrap());
        let text = "title: مرحبا بكم\ncountry: Maroc\n";
        let root = parse(text, 0).unwrap();
        let country = root.get("country").unwrap();
        assert_eq!(&text[country.key_span.start as usize..country.key_span.end as usize], "country");
        let title = &root.get("title").unwrap().value;
        assert_eq!(&text[title.span.start as usize..title.span.end as usize], "مرحبا بكم");
    }

    #[test]
    fn undefined_aliases_are_named() {
        let text = "a: 1\nb: [x, *nowhere]\n";
        let err = parse(text, 0).unwrap_err();
        assert_eq!(err.message, "`*nowhere` refers to an anchor that is not defined");
        assert_eq!(&text[err.span.start as usize..err.span.end as usize], "*nowhere");
    }

    #[test]
    fn empty_frontmatter_is_an_empty_map() {
        assert_eq!(parse("", 3).unwrap(), Node::empty_map(Span::new(3, 3)));
    }
}
