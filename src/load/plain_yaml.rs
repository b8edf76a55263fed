//! A quick reader for the plain YAML that frontmatter nearly always is, in front of the full
//! parser.
//!
//! Profiles are block maps of `key: value` lines, lists, one-line `[...]` and `{...}`, quoted
//! text and comments. saphyr-parser reads that at about 200 instructions a byte, a fifth of a
//! build; this reader reads it in a single pass over the bytes. It accepts only that subset:
//! at anything else (block scalars, anchors, tags, escapes, text over several lines, tabs, a
//! duplicate key, any mistake) it gives up and the full parser reads the file. So it never
//! decides an error and never reads a file differently: it builds the same tree, positions
//! included, which the tests check against the full parser on every fixture, the example
//! site and thousands of generated documents.

use super::node::{Entry, MAX_DEPTH, MAX_NODES, Node, NodeKind, Scalar, ScalarStyle};
use crate::source::Span;

/// The tree of `text` (frontmatter found at byte `offset` of its file), or `None` when the
/// text is not plain YAML of the kind this reader knows; the full parser must then read it.
pub(super) fn parse(text: &str, offset: usize) -> Option<Node> {
    let bytes = text.as_bytes();
    if !plain_characters(bytes) {
        return None;
    }
    let mut reader = Reader { text, bytes, offset, nodes: 0, depth: 0 };
    let first = reader.next_token(0);
    if first >= bytes.len() {
        return None;
    }
    let (root, next) = reader.block_map(first)?;
    (next >= bytes.len()).then_some(root)
}

/// True when `bytes` hold no tab, carriage return, control character, byte order mark or line
/// separator, and no line starts a new document (`---`, `...`): the places where YAML's rules
/// get subtle, left to the full parser.
fn plain_characters(bytes: &[u8]) -> bool {
    // Printable ASCII and newlines, checked a block at a time without branches (which the
    // compiler turns into vector code); other text is looked at byte by byte.
    let simple = |b: &u8| (0x20..0x7f).contains(b) || *b == b'\n';
    let ascii = bytes.chunks(64).all(|block| block.iter().fold(true, |all, b| all & simple(b)));
    if !ascii && !unusual_characters_absent(bytes) {
        return false;
    }
    // Each line's start found with memchr: splitting byte by byte was 5% of `check`.
    let marker = |at: usize| bytes[at..].starts_with(b"---") || bytes[at..].starts_with(b"...");
    !(marker(0) || memchr::memchr_iter(b'\n', bytes).any(|newline| marker(newline + 1)))
}

fn unusual_characters_absent(bytes: &[u8]) -> bool {
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        match b {
            b'\n' | 0x20..=0x7e => {}
            0x80.. => {
                let next = bytes.get(at + 1).copied().unwrap_or(0);
                let third = bytes.get(at + 2).copied().unwrap_or(0);
                let unusual = (b == 0xc2 && next < 0xa0)
                    || (b == 0xe2 && next == 0x80 && (third == 0xa8 || third == 0xa9))
                    || (b == 0xef && next == 0xbb && third == 0xbf)
                    || (b == 0xef && next == 0xbf && (third == 0xbe || third == 0xbf));
                if unusual {
                    return false;
                }
            }
            _ => return false,
        }
        at += 1;
    }
    true
}

/// Characters that cannot start a plain value.
fn is_indicator(b: u8) -> bool {
    b"-?:,[]{}#&*!|>'\"%@`".contains(&b)
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    offset: usize,
    nodes: usize,
    depth: usize,
}

impl Reader<'_> {
    fn at(&self, pos: usize) -> u8 {
        self.bytes.get(pos).copied().unwrap_or(b'\n')
    }

    fn column(&self, pos: usize) -> usize {
        pos - self.bytes[..pos].iter().rposition(|&b| b == b'\n').map_or(0, |nl| nl + 1)
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(start + self.offset, end + self.offset)
    }

    /// The text from `start` to `end`; `None` (give up) if a bound is inside a character.
    fn text(&self, start: usize, end: usize) -> Option<String> {
        self.text.get(start..end).map(str::to_string)
    }

    fn count(&mut self) -> Option<()> {
        self.nodes += 1;
        (self.nodes <= MAX_NODES).then_some(())
    }

    fn skip_spaces(&self, mut pos: usize) -> usize {
        while self.bytes.get(pos) == Some(&b' ') {
            pos += 1;
        }
        pos
    }

    fn line_end(&self, pos: usize) -> usize {
        self.bytes[pos..].iter().position(|&b| b == b'\n').map_or(self.bytes.len(), |n| pos + n)
    }

    /// From the end of a value: spaces and a comment, then the end of the line (its position),
    /// or `None` if something else follows on the line.
    fn rest_of_line(&self, pos: usize) -> Option<usize> {
        let after = self.skip_spaces(pos);
        match self.at(after) {
            b'\n' => Some(after.min(self.bytes.len())),
            b'#' if after > pos => Some(self.line_end(after)),
            _ => None,
        }
    }

    /// Where the full parser ends a quoted text or a closing bracket that ends at `pos`: after
    /// the spaces that follow it, and after a comment if one follows them.
    fn span_end_after(&self, pos: usize) -> usize {
        let after = self.skip_spaces(pos);
        if self.at(after) == b'#' && after > pos { self.line_end(after) } else { after }
    }

    /// True when a key's colon is at `pos`: followed by a space or the end of the line.
    fn colon_at(&self, pos: usize) -> bool {
        self.at(pos) == b':' && matches!(self.at(pos + 1), b' ' | b'\n')
    }

    /// The first token after the line that ends at `pos`: blank and comment lines skipped.
    /// The end of the text when there is none.
    fn next_token(&self, mut pos: usize) -> usize {
        loop {
            if pos >= self.bytes.len() {
                return self.bytes.len();
            }
            if self.bytes[pos] == b'\n' {
                pos += 1;
            }
            pos = self.skip_spaces(pos);
            match self.at(pos) {
                b'\n' => continue,
                b'#' => pos = self.line_end(pos),
                _ => return pos.min(self.bytes.len()),
            }
        }
    }

    fn open(&mut self) -> Option<()> {
        if self.depth >= MAX_DEPTH {
            return None;
        }
        self.depth += 1;
        self.count()
    }

    /// A block map whose first key is at `start`. Returns it and the next token after it.
    fn block_map(&mut self, start: usize) -> Option<(Node, usize)> {
        self.open()?;
        let column = self.column(start);
        // Most maps of a profile hold a handful of entries: start with room for them.
        let mut entries: Vec<Entry> = Vec::with_capacity(8);
        let mut pos = start;
        let next = loop {
            let (key, key_span, colon) = self.key(pos)?;
            let after = self.skip_spaces(colon + 1);
            let (value, next) = match self.at(after) {
                b'\n' | b'#' => {
                    let line_end = self.rest_of_line(colon + 1)?;
                    let next = self.next_token(line_end);
                    let next_column = self.column(next);
                    let dash = self.at(next) == b'-' && matches!(self.at(next + 1), b' ' | b'\n');
                    if next < self.bytes.len() && next_column > column {
                        if dash { self.block_seq(next, false)? } else { self.block_map(next)? }
                    } else if next < self.bytes.len() && next_column == column && dash {
                        self.block_seq(next, true)?
                    } else {
                        self.count()?;
                        (self.scalar(String::new(), ScalarStyle::Plain, colon, colon), next)
                    }
                }
                _ => {
                    let (value, end) = self.inline_value(after)?;
                    let next = self.next_token(self.rest_of_line(end)?);
                    if next < self.bytes.len() && self.column(next) > column {
                        return None;
                    }
                    (value, next)
                }
            };
            entries.push(Entry { key, key_span, value });
            if next >= self.bytes.len() {
                break next;
            }
            match self.column(next).cmp(&column) {
                std::cmp::Ordering::Less => break next,
                std::cmp::Ordering::Greater => return None,
                std::cmp::Ordering::Equal => pos = next,
            }
        };
        if has_duplicates(&entries) {
            return None;
        }
        self.depth -= 1;
        Some((Node { kind: NodeKind::Map(entries), span: self.span(start, next) }, next))
    }

    /// A block list whose first `-` is at `dash`. An indentless list (`key:` then `- item` in
    /// the key's column) ends at the next key of its map.
    fn block_seq(&mut self, dash: usize, indentless: bool) -> Option<(Node, usize)> {
        self.open()?;
        let column = self.column(dash);
        let mut items = Vec::new();
        let mut pos = dash;
        let mut start = dash;
        let next = loop {
            if self.at(pos + 1) != b' ' {
                return None;
            }
            let item = self.skip_spaces(pos + 1);
            if items.is_empty() && indentless {
                start = item;
            }
            let (node, next) = if self.key_at(item) {
                self.block_map(item)?
            } else {
                let (node, end) = self.inline_value(item)?;
                (node, self.next_token(self.rest_of_line(end)?))
            };
            items.push(node);
            let next_column = if next < self.bytes.len() { self.column(next) } else { 0 };
            if next >= self.bytes.len() || next_column < column {
                break next;
            }
            let dash_follows = self.at(next) == b'-' && self.at(next + 1) == b' ';
            if next_column > column || (!dash_follows && !indentless) {
                return None;
            }
            if !dash_follows {
                break next;
            }
            pos = next;
        };
        self.depth -= 1;
        Some((Node { kind: NodeKind::Seq(items), span: self.span(start, next) }, next))
    }

    fn scalar(&self, text: String, style: ScalarStyle, start: usize, end: usize) -> Node {
        Node { kind: NodeKind::Scalar(Scalar { text, style }), span: self.span(start, end) }
    }

    /// True when the line at `pos` starts with a key and its colon.
    fn key_at(&self, pos: usize) -> bool {
        match self.at(pos) {
            b'"' | b'\'' => self.quoted(pos).is_some_and(|(_, _, end)| self.colon_at(end)),
            _ => self.plain_key_end(pos).is_some(),
        }
    }

    /// Where a plain key at `pos` ends (trailing spaces trimmed) and its colon, when the line
    /// has one before any comment.
    fn plain_key_end(&self, pos: usize) -> Option<(usize, usize)> {
        if is_indicator(self.at(pos)) {
            return None;
        }
        let mut at = pos;
        loop {
            match self.at(at) {
                b'\n' | b'[' | b']' | b'{' | b'}' | b',' => return None,
                b'#' if self.bytes[at - 1] == b' ' => return None,
                b':' if self.colon_at(at) => {
                    let mut end = at;
                    while self.bytes[end - 1] == b' ' {
                        end -= 1;
                    }
                    return Some((end, at));
                }
                _ => at += 1,
            }
        }
    }

    /// The key at `pos`: its text, where it is, and its colon.
    fn key(&mut self, pos: usize) -> Option<(String, Span, usize)> {
        self.count()?;
        match self.at(pos) {
            b'"' | b'\'' => {
                let (text, _, end) = self.quoted(pos)?;
                self.colon_at(end).then(|| (text, self.span(pos, end), end))
            }
            _ => {
                let (end, colon) = self.plain_key_end(pos)?;
                Some((self.text(pos, end)?, self.span(pos, end), colon))
            }
        }
    }

    /// A quoted text at `pos` on one line without escapes: its text, the closing quote, and
    /// where the full parser ends it (after the spaces that follow).
    fn quoted(&self, pos: usize) -> Option<(String, usize, usize)> {
        let quote = self.bytes[pos];
        let mut at = pos + 1;
        let mut text = String::new();
        let mut from = at;
        loop {
            let b = *self.bytes.get(at)?;
            if b == b'\n' || (quote == b'"' && b == b'\\') {
                return None;
            }
            if b == quote {
                if quote == b'\'' && self.bytes.get(at + 1) == Some(&b'\'') {
                    // '' is a quote inside single quotes.
                    text.push_str(self.text.get(from..at + 1)?);
                    at += 2;
                    from = at;
                    continue;
                }
                text.push_str(self.text.get(from..at)?);
                return Some((text, at, self.skip_spaces(at + 1)));
            }
            at += 1;
        }
    }

    /// A value that starts at `pos` and ends on its line: plain or quoted text, or a one-line
    /// `[...]` or `{...}`. Returns it and where it ends.
    fn inline_value(&mut self, pos: usize) -> Option<(Node, usize)> {
        match self.at(pos) {
            b'[' | b'{' => self.flow(pos),
            b'"' | b'\'' => self.quoted_value(pos),
            b'-' if !matches!(self.at(pos + 1), b' ' | b'\n') => self.plain_value(pos),
            b if is_indicator(b) => None,
            _ => self.plain_value(pos),
        }
    }

    /// Plain text from `pos` to the end of its line or a comment.
    fn plain_value(&mut self, pos: usize) -> Option<(Node, usize)> {
        self.count()?;
        let mut at = pos;
        let mut end = pos;
        loop {
            match self.at(at) {
                b'\n' => break,
                b'#' if self.bytes[at - 1] == b' ' => break,
                b':' if self.colon_at(at) => return None,
                b' ' => at += 1,
                _ => {
                    at += 1;
                    end = at;
                }
            }
        }
        if end == pos {
            return None;
        }
        Some((self.scalar(self.text(pos, end)?, ScalarStyle::Plain, pos, end), end))
    }

    fn quoted_value(&mut self, pos: usize) -> Option<(Node, usize)> {
        self.count()?;
        let (text, close, _) = self.quoted(pos)?;
        Some((self.scalar(text, ScalarStyle::Quoted, pos, self.span_end_after(close + 1)), close + 1))
    }

    /// A `[...]` or `{...}` that closes on its line. Returns it and the position after it.
    fn flow(&mut self, open: usize) -> Option<(Node, usize)> {
        self.open()?;
        let is_map = self.bytes[open] == b'{';
        let close = if is_map { b'}' } else { b']' };
        let mut pos = self.skip_spaces(open + 1);
        let mut items = Vec::new();
        let mut entries = Vec::new();
        if self.at(pos) != close {
            loop {
                if is_map {
                    let (key, key_span, colon) = self.flow_key(pos)?;
                    let value_at = self.skip_spaces(colon + 1);
                    let (value, end) = self.flow_item(value_at)?;
                    entries.push(Entry { key, key_span, value });
                    pos = self.skip_spaces(end);
                } else {
                    let (item, end) = self.flow_item(pos)?;
                    items.push(item);
                    pos = self.skip_spaces(end);
                }
                match self.at(pos) {
                    b',' => {
                        pos = self.skip_spaces(pos + 1);
                        if matches!(self.at(pos), b']' | b'}') {
                            return None;
                        }
                    }
                    b if b == close => break,
                    _ => return None,
                }
            }
        }
        self.depth -= 1;
        let span = self.span(open, self.span_end_after(pos + 1));
        let kind = if is_map {
            if has_duplicates(&entries) {
                return None;
            }
            NodeKind::Map(entries)
        } else {
            NodeKind::Seq(items)
        };
        Some((Node { kind, span }, pos + 1))
    }

    fn flow_key(&mut self, pos: usize) -> Option<(String, Span, usize)> {
        self.count()?;
        let (text, span, after) = match self.at(pos) {
            b'"' | b'\'' => {
                let (text, _, end) = self.quoted(pos)?;
                (text, self.span(pos, end), end)
            }
            _ => {
                let end = self.flow_plain_end(pos)?;
                (self.text(pos, end)?, self.span(pos, end), self.skip_spaces(end))
            }
        };
        (self.at(after) == b':' && self.at(after + 1) == b' ').then_some((text, span, after))
    }

    fn flow_item(&mut self, pos: usize) -> Option<(Node, usize)> {
        match self.at(pos) {
            b'[' | b'{' => self.flow(pos),
            b'"' | b'\'' => {
                self.count()?;
                let (text, close, end) = self.quoted(pos)?;
                Some((self.scalar(text, ScalarStyle::Quoted, pos, end), close + 1))
            }
            _ => {
                self.count()?;
                let end = self.flow_plain_end(pos)?;
                if self.at(self.skip_spaces(end)) == b':' {
                    return None;
                }
                Some((self.scalar(self.text(pos, end)?, ScalarStyle::Plain, pos, end), end))
            }
        }
    }

    /// The end of a plain value inside `[...]` or `{...}` (trailing spaces trimmed): before a
    /// comma, a closing bracket or a colon.
    fn flow_plain_end(&self, pos: usize) -> Option<usize> {
        let first = self.at(pos);
        if is_indicator(first) && !(first == b'-' && self.at(pos + 1).is_ascii_alphanumeric()) {
            return None;
        }
        let mut at = pos;
        let mut end = pos;
        loop {
            match self.at(at) {
                b',' | b']' | b'}' => return Some(end),
                b':' if self.at(at + 1) == b' ' => return Some(end),
                b'\n' | b'#' | b'[' | b'{' | b':' => return None,
                b' ' => at += 1,
                _ => {
                    at += 1;
                    end = at;
                }
            }
        }
    }
}

fn has_duplicates(entries: &[Entry]) -> bool {
    if entries.len() <= 16 {
        return entries.iter().enumerate().any(|(n, e)| entries[..n].iter().any(|f| f.key == e.key));
    }
    let mut keys: Vec<&str> = entries.iter().map(|e| e.key.as_str()).collect();
    keys.sort_unstable();
    keys.windows(2).any(|w| w[0] == w[1])
}

#[cfg(test)]
mod tests;
