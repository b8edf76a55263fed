//! The mistakes people make most in YAML frontmatter, recognised from the text around the
//! place saphyr-parser gave up.
//!
//! The parser reports where it noticed a problem, which is often a line or two after the
//! mistake, in words about its own states (`simple key expect ':'`). A person fixes the line
//! they wrote wrong: so for a few common mistakes we look at the source lines before that
//! place, find the line at fault, and say what is wrong with it in plain words. Each check
//! answers only for the parser's errors that mistake gives, and only when the source shows
//! the mistake, so that any other error keeps the parser's own position.

use crate::messages::Message;

/// A mistake found in the frontmatter's text: where (in bytes from the start of the
/// frontmatter), what is wrong, and how to fix it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Mistake {
    pub start: usize,
    pub end: usize,
    pub message: Message,
    pub help: Message,
}

/// The common mistake that explains the parser's error `info` at byte `at` of `text`, if
/// the text shows one.
pub(super) fn explain(text: &str, at: usize, info: &str) -> Option<Mistake> {
    // A character pasted from a word processor where YAML needs its own explains any error
    // at or after its line.
    if let Some(found) = super::yaml_pasted::in_lines(text, at, info.contains("tab")) {
        return Some(found);
    }
    let flow_error = ["flow", "illegal placement", "expected ',' or", "simple key"].iter().any(|s| info.contains(s));
    if flow_error && let Some(found) = unclosed_flow(text, at) {
        return Some(found);
    }
    let key_unfinished = info.contains("simple key") || info.contains("could not find expected ':'");
    if key_unfinished && let Some(found) = missing_space(text, at) {
        return Some(found);
    }
    let second_colon = info.contains("mapping values are not allowed");
    if (key_unfinished || second_colon)
        && let Some(found) = no_colon(text, at, second_colon)
    {
        return Some(found);
    }
    if second_colon || info.contains("did not find expected key") {
        return indented_under_a_value(text, at);
    }
    None
}

/// `summary: {{ population }} people`, `evidence: Services: {{ x }}`: a figure quoted in a
/// value without quotes, which YAML reads as its own braces (a value starting with `{`) or as
/// a second field (the `: ` of `{{ other-profile: indicator }}`, or of the text). When the
/// line of the error at byte `at` is such a field, the help that shows it with its whole
/// value in quotes: double quotes, or single ones when the value holds a `"` or a `\`.
pub(super) fn quoted_figure(text: &str, at: usize) -> Option<Message> {
    let line = lines(text).into_iter().rev().find(|line| line.start <= at)?;
    let (key, _, value) = line.field()?;
    if !value.contains("{{") || value.starts_with(['"', '\'']) {
        return None;
    }
    let quoted =
        if value.contains(['"', '\\']) { format!("'{}'", value.replace('\'', "''")) } else { format!("\"{value}\"") };
    Some(Message::new("yaml-figures.quote-the-value").with("line", format!("{key}: {quoted}")))
}

/// One line of the frontmatter: where it starts, and its text without the line break.
#[derive(Clone, Copy)]
pub(super) struct Line<'a> {
    pub(super) start: usize,
    pub(super) text: &'a str,
}

impl<'a> Line<'a> {
    /// How many spaces the line starts with.
    pub(super) fn indent(&self) -> usize {
        self.text.len() - self.text.trim_start_matches(' ').len()
    }

    /// Nothing but spaces, or a comment.
    pub(super) fn is_blank(&self) -> bool {
        let rest = self.text.trim();
        rest.is_empty() || rest.starts_with('#')
    }

    /// Where the line's key or value starts, after its indentation and any list dashes
    /// (`- - name: x` starts at `name`).
    pub(super) fn content_start(&self) -> usize {
        let mut at = self.indent();
        while let Some(item) = self.text.get(at..).and_then(|rest| rest.strip_prefix("- ")) {
            at += 2 + item.len() - item.trim_start_matches(' ').len();
        }
        at
    }

    /// The line's key (`status` in `status: x`), where it starts on the line, and its value
    /// (the rest, after `: `, trimmed; empty for `status:`), when the line starts with a
    /// plain key.
    pub(super) fn field(&self) -> Option<(&'a str, usize, &'a str)> {
        let from = self.content_start();
        let content = self.text.get(from..)?;
        let key_len = key_length(content);
        let rest = content.get(key_len..)?.trim_end();
        if key_len == 0 || !rest.starts_with(':') {
            return None;
        }
        let after = &rest[1..];
        if !(after.is_empty() || after.starts_with([' ', '\t'])) {
            return None;
        }
        Some((&content[..key_len], from, after.trim()))
    }
}

pub(super) fn lines(text: &str) -> Vec<Line<'_>> {
    let mut start = 0;
    text.split_inclusive('\n')
        .map(|raw| {
            let line = Line { start, text: raw.trim_end_matches(['\n', '\r']) };
            start += raw.len();
            line
        })
        .collect()
}

/// The length in bytes of the plain name at the start of `text`: letters, digits, `_`,
/// `-` and `.`, starting with a letter, a digit or `_`.
pub(super) fn key_length(text: &str) -> usize {
    if !text.starts_with(|c: char| c.is_alphanumeric() || c == '_') {
        return 0;
    }
    text.find(|c: char| !(c.is_alphanumeric() || "_-.".contains(c))).unwrap_or(text.len())
}

/// `status:published`: with no space after its colon, the line is one word of text, which
/// the parser only finds wrong at the next field (or at the end of the frontmatter).
fn missing_space(text: &str, at: usize) -> Option<Mistake> {
    // Walk back from the error over the lines the parser took for more of that text;
    // a well-formed field on the way means the mistake is elsewhere.
    for line in lines(text).iter().rev().filter(|line| line.start < at).take(50) {
        if line.is_blank() {
            continue;
        }
        if line.field().is_some() {
            return None;
        }
        let from = line.content_start();
        let content = &line.text[from..];
        let key_len = key_length(content);
        let Some(value) = content.get(key_len..).and_then(|rest| rest.strip_prefix(':')) else {
            continue;
        };
        // `http://…` is an address, not a field; `a::b` is something else again.
        if key_len == 0 || value.starts_with(|c: char| c.is_whitespace() || c == ':' || c == '/') {
            continue;
        }
        let key = &content[..key_len];
        let value = value.split(" #").next().unwrap_or("").trim_end();
        let written = format!("{key}:{value}");
        let start = line.start + from;
        let (shown, help) = if written.chars().count() <= 40 {
            (format!("`{written}`"), Message::new("yaml.no-space-help").with("key", key).with("value", value))
        } else {
            let start = value.chars().take(12).collect::<String>();
            (format!("`{key}:{start}…`"), Message::new("yaml.no-space-long-help").with("key", key))
        };
        return Some(Mistake {
            start,
            end: start + written.len(),
            message: Message::new("yaml.no-space").with("written", shown),
            help,
        });
    }
    None
}

/// `population 24500`, `les chiffres de 2024`: a line with no `: ` at all, which the parser
/// takes for the start of a key and finds wrong only at the next line (a key ends on its own
/// line), or at the colon of the field it ran into (`  access 47` then `  b: 1`, when
/// `second_colon`). The line at fault is the one above the error, or the first of the lines
/// of text it starts.
fn no_colon(text: &str, at: usize, second_colon: bool) -> Option<Mistake> {
    let all = lines(text);
    // The line of the error; past the last line's end, none.
    let here = match all.iter().rposition(|line| line.start <= at)? {
        i if at > all[i].start + all[i].text.len() => i + 1,
        i => i,
    };
    if second_colon {
        let line = all.get(here)?;
        // At the colon of a field, not at a colon in its value (another mistake).
        let (key, key_at, _) = line.field()?;
        if at > line.start + key_at + key.len() {
            return None;
        }
    }
    let above = |i: usize| (0..i).rev().find(|&j| !all[j].is_blank());
    let mut culprit = above(here)?;
    loop {
        let line = all[culprit];
        let content = &line.text[line.indent()..];
        // A field, a list item, or a value YAML reads over several lines.
        if line.field().is_some()
            || line.content_start() > line.indent()
            || content.contains(": ")
            || content.ends_with(':')
            || content.starts_with(|c: char| "[]{},\"'|>&*!?%@`".contains(c))
        {
            return None;
        }
        match above(culprit) {
            // Indented under a field with a value, the line is more of that value.
            Some(j) if all[j].indent() < line.indent() && all[j].field().is_some_and(|(_, _, v)| !v.is_empty()) => {
                return None;
            }
            // Indented under more text, it goes on with it: the mistake is where that starts.
            Some(j) if all[j].indent() < line.indent() && all[j].field().is_none() => culprit = j,
            _ => break,
        }
    }
    let line = all[culprit];
    let from = line.indent();
    let content = line.text[from..].split(" #").next().unwrap_or("").trim_end();
    let key_len = key_length(content);
    let value = content[key_len..].trim();
    let message = Message::new("yaml.no-colon");
    if key_len > 0 && content[key_len..].starts_with(' ') && is_id(&content[..key_len]) && looks_like_a_value(value) {
        let start = line.start + from + key_len;
        let help = Message::new("yaml.no-colon-help").with("line", format!("{}: {value}", &content[..key_len]));
        return Some(Mistake { start, end: start + 1, message, help });
    }
    let start = line.start + from;
    let help = Message::new("yaml.no-colon-text-help").with("line", content);
    Some(Mistake { start, end: start + content.len(), message, help })
}

/// A name as the schema writes its fields: lowercase letters, digits, `-` and `_`.
pub(super) fn is_id(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// What a field's value is, unmistakably: a number, a date, yes or no, `unknown`, a list in
/// brackets or fields in braces. A line `population 24500` is a field without its colon; a
/// line of words may be anything.
fn looks_like_a_value(value: &str) -> bool {
    let number =
        value.bytes().any(|b| b.is_ascii_digit()) && value.bytes().all(|b| b.is_ascii_digit() || b".,-+%".contains(&b));
    number
        || (value.starts_with('[') && value.ends_with(']'))
        || (value.starts_with('{') && value.ends_with('}'))
        || matches!(value, "yes" | "no" | "unknown")
}

/// A `[` or `{` opened on a line and never closed: the parser reads on, looking for the
/// comma or the bracket, and gives up lines later.
fn unclosed_flow(text: &str, at: usize) -> Option<Mistake> {
    let mut scan = FlowScan::default();
    let mut open_at_error: Option<Vec<usize>> = None;
    let mut block_scalar: Option<usize> = None;
    for line in lines(text) {
        if open_at_error.is_none() && line.start > at {
            open_at_error = Some(scan.open.clone());
        }
        if scan.open.is_empty() && scan.quote.is_none() {
            // A block scalar (`|`, `>`) holds text, brackets and all, while it is indented.
            if let Some(indent) = block_scalar {
                if line.is_blank() || line.indent() > indent {
                    continue;
                }
                block_scalar = None;
            }
            let Some(value) = block_value_start(&line) else { continue };
            let rest = &line.text[value..];
            if rest.starts_with(['|', '>']) {
                block_scalar = Some(line.indent());
                continue;
            }
            if !rest.starts_with(['[', '{']) {
                continue;
            }
            scan.read(line.text, line.start, value, at, &mut open_at_error);
        } else {
            scan.read(line.text, line.start, 0, at, &mut open_at_error);
        }
    }
    let open = open_at_error.unwrap_or(scan.open);
    let &innermost = open.iter().rev().find(|&&i| !scan.openers[i].closed)?;
    let opener = &scan.openers[innermost];
    let help = if opener.bracket == '[' { "yaml.unclosed-list-help" } else { "yaml.unclosed-map-help" };
    Some(Mistake {
        start: opener.at,
        end: opener.at + 1,
        message: Message::new("yaml.unclosed").with("bracket", opener.bracket.to_string()),
        help: Message::new(help),
    })
}

/// Where the value of a line in block context starts (after `key: ` or `- `), if it has one.
fn block_value_start(line: &Line) -> Option<usize> {
    if line.is_blank() {
        return None;
    }
    let from = line.content_start();
    let content = &line.text[from..];
    if content.starts_with(['[', '{', '|', '>']) {
        return Some(from);
    }
    // A quoted key ends at its closing quote; a plain one at the first `: `.
    let key_end = match content.chars().next() {
        Some(q @ ('"' | '\'')) => content[1..].find(q).map_or(content.len(), |end| end + 2),
        _ => 0,
    };
    let colon = content[key_end..].find(": ").map(|c| c + key_end)?;
    let value = &content[colon + 1..];
    Some(from + colon + 1 + value.len() - value.trim_start().len())
}

/// A bracket opened in flow style, and whether the text closes it.
struct Opener {
    at: usize,
    bracket: char,
    closed: bool,
}

/// Brackets through flow-style values, line after line, skipping quoted text and comments.
#[derive(Default)]
struct FlowScan {
    openers: Vec<Opener>,
    /// The brackets open now, innermost last, as indices into `openers`.
    open: Vec<usize>,
    /// The quote a quoted value inside the brackets opened, while it is open.
    quote: Option<char>,
}

impl FlowScan {
    /// Read `line` (which starts at byte `offset` of the frontmatter) from byte `from` on,
    /// noting which brackets were open when the scan passed the error at `at`.
    fn read(&mut self, line: &str, offset: usize, from: usize, at: usize, open_at_error: &mut Option<Vec<usize>>) {
        // What came before, to tell a quote that opens a value from an apostrophe in one.
        let mut previous = ',';
        let mut chars = line[from..].char_indices().map(|(i, c)| (i + from, c)).peekable();
        while let Some((i, c)) = chars.next() {
            if open_at_error.is_none() && offset + i >= at {
                *open_at_error = Some(self.open.clone());
            }
            if let Some(q) = self.quote {
                if c == '\\' && q == '"' {
                    chars.next();
                } else if c == q {
                    // `''` inside single quotes is a quote itself.
                    if q == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') {
                        chars.next();
                    } else {
                        self.quote = None;
                    }
                }
                continue;
            }
            match c {
                '"' | '\'' if "[{,:".contains(previous) => self.quote = Some(c),
                '#' if i == 0 || line[..i].ends_with([' ', '\t']) => return,
                '[' | '{' => {
                    self.open.push(self.openers.len());
                    self.openers.push(Opener { at: offset + i, bracket: c, closed: false });
                }
                ']' | '}' => {
                    let opens = if c == ']' { '[' } else { '{' };
                    if let Some(&top) = self.open.last()
                        && self.openers[top].bracket == opens
                    {
                        self.openers[top].closed = true;
                        self.open.pop();
                        if self.open.is_empty() {
                            // Back in block context: the rest of the line is not ours.
                            return;
                        }
                    }
                }
                _ => {}
            }
            if !c.is_whitespace() {
                previous = c;
            }
        }
    }
}

/// `title: T` then `  status: published`: the second line, indented under a value, is read
/// as more of that value, and its colon is then out of place.
fn indented_under_a_value(text: &str, at: usize) -> Option<Mistake> {
    let all = lines(text);
    let here = all.iter().rposition(|line| line.start <= at)?;
    let line = all[here];
    let (key, key_at, _) = line.field()?;
    // The error is on this field's own colon or at its key, not at a colon in its value
    // (`title: Tanger: Nord` is another mistake).
    let colon = line.start + key_at + key.len();
    if at > colon {
        return None;
    }
    // The field above: the nearest line indented less, past any lines of its value.
    let above = all[..here].iter().rev().filter(|l| !l.is_blank()).find(|l| l.indent() < line.indent())?;
    let (above_key, above_at, value) = above.field()?;
    if value.is_empty() || value.starts_with(['|', '>']) || key_at <= above_at {
        return None;
    }
    Some(Mistake {
        start: line.start + key_at,
        end: colon,
        message: Message::new("yaml.indented-more"),
        help: Message::new("yaml.indented-more-help").with("key", key).with("above", above_key),
    })
}

#[cfg(test)]
mod tests {
    use super::super::yaml::parse;

    use super::super::yaml::error_said as said;

    const NO_COLON: &str = "this line has no `: ` between a field's name and its value";

    #[test]
    fn a_field_without_its_colon_is_found_on_its_own_line_with_the_line_mended() {
        for text in [
            "title: T\ncountry: S\npopulation 24500\nassessed: 2026-01-10\n",
            "title: T\npopulation 24500\n",
            "title: T\npopulation 24500 # from the census\n\n# dates\nassessed: 2026-01-10\n",
            "title: T\npopulation 24500\n  more\nassessed: 2026-01-10\n",
        ] {
            let (at, message, help) = said(text);
            // At the space where `: ` goes.
            assert_eq!(
                (at.as_str(), message.as_str(), help.as_str()),
                (" ", NO_COLON, "write `population: 24500`"),
                "{text:?}"
            );
            assert_eq!(parse(text, 4).unwrap_err().span.start as usize - 4, text.find(" 24500").unwrap());
        }
        // Under a block, before a field it runs into.
        let text = "indicators:\n  access-to-services 47\n  migration-rates: 3\n";
        assert_eq!(said(text).2, "write `access-to-services: 47`");
        assert_eq!(said("tags [a, b]\ntitle: T\n").2, "write `tags: [a, b]`");
    }

    #[test]
    fn a_line_of_text_among_fields_is_told_how_to_be_a_field_or_a_note() {
        for (text, line) in [
            ("title: T\npopulation: 24500\nles chiffres de 2024\nassessed: 2026-01-10\n", "les chiffres de 2024"),
            ("title: T\npopulation\nassessed: 2026-01-10\n", "population"),
            ("title: T\nstatus draft\nassessed: 2026-01-10\n", "status draft"),
        ] {
            let (at, message, help) = said(text);
            assert_eq!((at.as_str(), message.as_str()), (line, NO_COLON), "{text:?}");
            assert_eq!(
                help,
                format!(
                    "a field is written `name: value`, with a colon and a space; if this line is a note, start it with `#`: `# {line}`"
                )
            );
        }
    }

    #[test]
    fn text_that_goes_on_over_lines_is_not_taken_for_a_line_without_a_colon() {
        // More of the value above, then a field indented under it: the field is at fault.
        let (at, message, _) = said("summary: Returning migrants\n  rebuild homes\n  status: draft\n");
        assert_eq!((at.as_str(), message.as_str()), ("status", "this line is indented more than the field above it"));
        // A key of several words is a key.
        assert!(parse("title: T\nNote importante: voir\n", 0).is_ok());
    }
}
