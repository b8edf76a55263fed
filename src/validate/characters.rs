//! Characters that do not belong in content, though a parser takes them: direction controls
//! that can disguise what a field says, control characters (a NUL byte, an escape) that
//! would be written raw into the pages, and text made only of invisible characters.

use super::read::Reader;
use crate::diagnostic::Diagnostic;
use crate::load::{Entry, Node, NodeKind};
use crate::messages::Message;
use crate::source::Span;

/// The most character problems reported for one file: a file full of them (binary data
/// pasted in) says so once it reaches this many.
const MAX_REPORTED: usize = 10;

/// The direction embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069),
/// with their names. The marks U+200E and U+200F are not among them: Arabic and Hebrew text
/// needs them, and they cannot reorder what follows.
const BIDI_CONTROLS: [(char, &str); 9] = [
    ('\u{202A}', "LEFT-TO-RIGHT EMBEDDING"),
    ('\u{202B}', "RIGHT-TO-LEFT EMBEDDING"),
    ('\u{202C}', "POP DIRECTIONAL FORMATTING"),
    ('\u{202D}', "LEFT-TO-RIGHT OVERRIDE"),
    ('\u{202E}', "RIGHT-TO-LEFT OVERRIDE"),
    ('\u{2066}', "LEFT-TO-RIGHT ISOLATE"),
    ('\u{2067}', "RIGHT-TO-LEFT ISOLATE"),
    ('\u{2068}', "FIRST STRONG ISOLATE"),
    ('\u{2069}', "POP DIRECTIONAL ISOLATE"),
];

/// Names of the invisible characters met most often, for messages.
const INVISIBLE_NAMES: [(char, &str); 8] = [
    ('\u{200B}', "ZERO WIDTH SPACE"),
    ('\u{200C}', "ZERO WIDTH NON-JOINER"),
    ('\u{200D}', "ZERO WIDTH JOINER"),
    ('\u{200E}', "LEFT-TO-RIGHT MARK"),
    ('\u{200F}', "RIGHT-TO-LEFT MARK"),
    ('\u{2060}', "WORD JOINER"),
    ('\u{FEFF}', "ZERO WIDTH NO-BREAK SPACE"),
    ('\u{00AD}', "SOFT HYPHEN"),
];

/// True for a character that shows nothing: white space, format characters (zero-width
/// spaces and joiners, direction marks and controls), fillers and variation selectors.
pub(crate) fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{2800}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
            | '\u{FFA0}' | '\u{E0000}'..='\u{E0FFF}')
}

/// A dash a word processor writes where a hyphen was typed, or pastes from a document: the
/// hyphen and no-break hyphen of Unicode, the figure, en and em dashes, the horizontal bar,
/// the minus sign and their small and full-width forms. Each looks like `-`, which ids are
/// written with.
pub(crate) fn is_pasted_dash(c: char) -> bool {
    matches!(c, '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}')
}

/// True when `text` has characters and every one of them is invisible.
pub(crate) fn only_invisible(text: &str) -> bool {
    !text.is_empty() && text.chars().all(is_invisible)
}

/// "U+200B ZERO WIDTH SPACE", or the code alone for a character without a name here.
fn describe(c: char) -> String {
    let name = BIDI_CONTROLS.iter().chain(&INVISIBLE_NAMES).find(|(k, _)| *k == c).map(|(_, n)| *n).or(match c {
        '\0' => Some("NUL"),
        '\u{1B}' => Some("ESCAPE"),
        '\u{7F}' => Some("DELETE"),
        '\u{FFFE}' | '\u{FFFF}' => Some("NOT A CHARACTER"),
        _ => None,
    });
    match name {
        Some(name) => format!("U+{:04X} {name}", c as u32),
        None => format!("U+{:04X}", c as u32),
    }
}

/// Report `text` (the value of `name` at `node`) made only of invisible characters: it would
/// show as empty, so it is read as nothing.
pub(crate) fn report_invisible(reader: &mut Reader<'_>, node: &Node, name: &str, text: &str) {
    let mut seen: Vec<char> = Vec::new();
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        if !seen.contains(&c) {
            seen.push(c);
        }
    }
    let named: Vec<String> = seen.iter().take(3).map(|&c| describe(c)).collect();
    reader.error_said(
        "invisible-text",
        node.span,
        Message::new("characters.invisible").with("field", name).with("characters", named.join(", ")),
        Some(Message::new("characters.invisible-help")),
    );
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A control character other than tab and the line breaks: never meant in content, and
/// written raw into HTML it is an error there too.
fn is_bad_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || is_xml_noncharacter(c)
}

/// U+FFFE and U+FFFF: not characters at all (a byte-order mark read backwards, a marker some
/// programs use), and not allowed in XML, so one in a title would make the feed unreadable.
fn is_xml_noncharacter(c: char) -> bool {
    matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// True when `text` may hold a character this module reports: a quick look at the bytes
/// (the lead bytes of C1 controls and of U+2000 to U+2FFF) before looking at characters.
fn may_hold_one(text: &str) -> bool {
    any_byte(text, |b| control_byte(b) | (b == 0xe2))
}

/// True when `text` may hold a control character: a C0 one or DELETE, or the lead byte of a
/// C1 one.
fn may_hold_control(text: &str) -> bool {
    any_byte(text, control_byte)
}

/// The byte of a C0 control or DELETE, or the lead byte of a C1 control (0xC2) or of
/// U+F000 to U+FFFF (0xEF), where the noncharacters are.
fn control_byte(b: u8) -> bool {
    ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')) | (b == 0x7f) | (b == 0xc2) | (b == 0xef)
}

/// Whether any byte of `text` is `wanted`, looked at a block at a time without branches
/// (which the compiler turns into vector code): every value and body of every file passes
/// here.
fn any_byte(text: &str, wanted: impl Fn(u8) -> bool) -> bool {
    text.as_bytes().chunks(64).any(|block| block.iter().fold(false, |any, &b| any | wanted(b)))
}

/// Scan the frontmatter `entries` and the body (from `body_start`) of one file for direction
/// controls (in the frontmatter, where fields are short and nothing needs them) and control
/// characters (everywhere).
pub(super) fn scan(reader: &mut Reader<'_>, entries: &[Entry], body_start: usize) {
    let mut found: Vec<Finding> = Vec::new();
    let text = &reader.source.text;
    // The values hold such a character only if the frontmatter as written holds one, or an
    // escape (`\u202E`, `\0`) that makes one: one look at its bytes spares the walk through
    // every value of nearly every file.
    let frontmatter = text.get(..body_start).unwrap_or(text);
    if any_byte(frontmatter, |b| control_byte(b) | (b == 0xe2) | (b == b'\\')) {
        let mut path: Vec<&str> = Vec::new();
        for entry in entries {
            scan_entry(reader, entry, &mut path, &mut found);
        }
    }
    let body = text.get(body_start..).unwrap_or("");
    if may_hold_control(body) {
        for (at, c) in body.char_indices().filter(|(_, c)| is_bad_control(*c)) {
            let start = body_start + at;
            let span = Span::new(start, start + c.len_utf8());
            found.push(Finding { span, c, field: None, escaped: false, value_start: body_start });
        }
    }
    let total = found.len();
    for (n, finding) in found.into_iter().take(MAX_REPORTED).enumerate() {
        let more = if n + 1 == MAX_REPORTED && total > MAX_REPORTED {
            Message::new("characters.more").number("n", (total - MAX_REPORTED) as u64)
        } else {
            Message::new("list.nothing")
        };
        report(reader, finding, more);
    }
}

/// One character to report: where, which, in which field (`None` for the body), and
/// whether it was written as an escape (so that `span` is the whole value), and where the
/// value it is in starts.
struct Finding {
    span: Span,
    c: char,
    field: Option<String>,
    escaped: bool,
    value_start: usize,
}

fn scan_entry<'n>(reader: &Reader<'_>, entry: &'n Entry, path: &mut Vec<&'n str>, found: &mut Vec<Finding>) {
    path.push(entry.key.as_str());
    scan_text(reader, &entry.key, entry.key_span, path, found);
    scan_node(reader, &entry.value, path, found);
    path.pop();
}

fn scan_node<'n>(reader: &Reader<'_>, node: &'n Node, path: &mut Vec<&'n str>, found: &mut Vec<Finding>) {
    match &node.kind {
        NodeKind::Scalar(s) => scan_text(reader, &s.text, node.span, path, found),
        NodeKind::Seq(items) => items.iter().for_each(|item| scan_node(reader, item, path, found)),
        NodeKind::Map(entries) => entries.iter().for_each(|e| scan_entry(reader, e, path, found)),
    }
}

/// Look at one value (or key) `text`, written at `span`.
fn scan_text(reader: &Reader<'_>, text: &str, written_span: Span, path: &[&str], found: &mut Vec<Finding>) {
    if !may_hold_one(text) {
        return;
    }
    let span = written_span;
    let written = reader.source.slice(span);
    let mut searched = 0;
    for c in text.chars().filter(|&c| is_bidi_control(c) || is_bad_control(c)) {
        // Point at the character as written; one written as an escape (`\u202E`) is
        // somewhere in the value.
        let raw = written.get(searched..).and_then(|rest| rest.find(c)).map(|at| searched + at);
        let (span, escaped) = match raw {
            Some(at) => {
                searched = at + c.len_utf8();
                let start = span.start as usize + at;
                (Span::new(start, start + c.len_utf8()), false)
            }
            None => (span, true),
        };
        let value_start = written_span.start as usize;
        found.push(Finding { span, c, field: Some(path.join(".")), escaped, value_start });
    }
}

fn report(reader: &mut Reader<'_>, finding: Finding, more: Message) {
    let Finding { span, c, field, escaped, value_start } = finding;
    let place = match &field {
        Some(name) => Message::new("characters.in-field").with("field", name.as_str()),
        None => Message::new("characters.in-text"),
    };
    // Say where it is in words too: the character is invisible in most editors.
    let line = reader.source.line_col(span.start as usize).line;
    let before: String = {
        let text = &reader.source.text[..span.start as usize];
        let line_start = text.rfind('\n').map_or(0, |at| at + 1).max(value_start.min(text.len()));
        let chars: Vec<char> = text[line_start..].chars().filter(|c| !is_invisible(*c) || *c == ' ').collect();
        let shown: String = chars[chars.len().saturating_sub(16)..].iter().collect();
        if chars.len() > 16 { format!("…{shown}") } else { shown }
    };
    let place_in_file = if escaped || before.trim().is_empty() {
        Message::new("characters.on-line").number("line", line as u64)
    } else {
        Message::new("characters.right-after")
            .number("line", line as u64)
            .with("before", before.trim_start_matches(['"', '\'']))
    };
    let (code, id, help) = match (is_bidi_control(c), escaped) {
        (true, false) => ("bidi-control", "characters.bidi", "characters.bidi-help"),
        (true, true) => ("bidi-control", "characters.bidi-escaped", "characters.bidi-help"),
        (false, false) => ("control-character", "characters.control", "characters.control-help"),
        (false, true) => ("control-character", "characters.control-escaped", "characters.control-help"),
    };
    let message = Message::new(id).phrase("place", place).with("character", describe(c)).phrase("more", more);
    let d = Diagnostic::error_said(code, reader.at(span), message)
        .with_help_said(Message::new(help).phrase("where", place_in_file));
    reader.push(d);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_text_is_told_from_text() {
        assert!(only_invisible("\u{200B}\u{200B}"));
        assert!(only_invisible("\u{200B} \u{FEFF}\u{2060}"));
        assert!(!only_invisible(""));
        assert!(!only_invisible("\u{200B}a"));
        // Arabic with a direction mark is text.
        assert!(!only_invisible("\u{200F}مرحبا"));
    }

    #[test]
    fn direction_marks_are_allowed_and_controls_are_not() {
        for c in ['\u{200E}', '\u{200F}', '\u{061C}'] {
            assert!(!is_bidi_control(c), "{c:?}");
        }
        for c in ['\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2069}'] {
            assert!(is_bidi_control(c), "{c:?}");
            assert!(may_hold_one(&c.to_string()));
        }
        for c in ['\0', '\u{1}', '\u{1B}', '\u{7F}', '\u{85}', '\u{9F}', '\u{FFFE}', '\u{FFFF}'] {
            assert!(is_bad_control(c) && may_hold_one(&format!("a{c}b")), "{c:?}");
        }
        assert!(!is_bad_control('\t') && !is_bad_control('\n') && !is_bad_control('\r'));
        assert!(!may_hold_one("Tanger\tNord\r\nété"));
        assert_eq!(describe('\u{202E}'), "U+202E RIGHT-TO-LEFT OVERRIDE");
        assert_eq!(describe('\u{3}'), "U+0003");
        assert_eq!(describe('\u{FFFF}'), "U+FFFF NOT A CHARACTER");
        // The characters around them are text.
        assert!(!is_bad_control('\u{FFFD}') && !is_bad_control('\u{FEFF}') && !is_bad_control('中'));
    }
}
