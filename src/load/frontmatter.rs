//! Finding the frontmatter of a content file: `---` (YAML) or `+++` (TOML) on the first line,
//! the same marker again on a line of its own to close it, and the markdown body after.

use crate::diagnostic::{Diagnostic, Location};
use crate::messages::Message;
use crate::source::{SourceFile, Span};

/// The frontmatter format, told by the opening line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Between `---` lines.
    Yaml,
    /// Between `+++` lines.
    Toml,
}

impl Format {
    /// The delimiter line.
    pub fn fence(self) -> &'static str {
        match self {
            Format::Yaml => "---",
            Format::Toml => "+++",
        }
    }

    /// The fence at the start of a line: after a line break.
    fn fence_after_break(self) -> &'static str {
        match self {
            Format::Yaml => "\n---",
            Format::Toml => "\n+++",
        }
    }
}

/// Where the parts of a content file are, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    /// The frontmatter format.
    pub format: Format,
    /// First byte of the frontmatter text (after the opening line).
    pub frontmatter_start: usize,
    /// One past the last byte of the frontmatter text (the start of the closing line).
    pub frontmatter_end: usize,
    /// First byte of the body (after the closing line).
    pub body_start: usize,
}

/// Why the parts could not be found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitError {
    /// The file has no text at all.
    Empty,
    /// The first line is not a frontmatter fence.
    Missing {
        /// A fence was found further down, after blank lines or text: its byte offset.
        later_fence: Option<usize>,
    },
    /// The opening fence has no closing fence.
    Unclosed(Format),
    /// The first line is nearly a fence: more or fewer than three dashes or pluses (`----`),
    /// or dashes an editor made typographic (`—`). Its length in bytes.
    OddOpening {
        /// The length of the first line, in bytes, without its line break.
        len: usize,
    },
    /// The opening fence has no closing fence, but a line below is nearly one (`----`).
    OddClosing {
        /// The fence that opened.
        format: Format,
        /// Where the line that nearly closes it starts, in bytes.
        at: usize,
        /// Its length, in bytes.
        len: usize,
    },
    /// The lines end with a carriage return alone (old Mac line endings), so the file reads
    /// as one line. The byte offset of the first one.
    CarriageReturns {
        /// Where the first lone carriage return is.
        at: usize,
    },
}

/// True for a line that is nearly a fence of `fence_char`: the character repeated, but not
/// three times (`----`, `--`), or typographic dashes (`—`, `–-`).
fn nearly_a_fence(line: &str, fence_char: char) -> bool {
    let line = line.trim_end();
    let typographic = fence_char == '-' && line.contains(['—', '–']);
    let all =
        !line.is_empty() && line.chars().all(|c| c == fence_char || (fence_char == '-' && matches!(c, '—' | '–')));
    all && (typographic || line.len() == 2 || line.len() > 3)
}

/// Where the first line break is a carriage return not followed by a line feed.
fn lone_carriage_return(text: &str) -> Option<usize> {
    let at = text.find(['\r', '\n'])?;
    (text.as_bytes()[at] == b'\r' && text.as_bytes().get(at + 1) != Some(&b'\n')).then_some(at)
}

/// Find the frontmatter and body of `text`.
pub fn split(text: &str) -> Result<Parts, SplitError> {
    if text.trim().is_empty() {
        return Err(SplitError::Empty);
    }
    if let Some(at) = lone_carriage_return(text) {
        return Err(SplitError::CarriageReturns { at });
    }
    let (_, first) = lines_with_offsets(text).next().unwrap_or((0, ""));
    let format = match first.trim_end() {
        "---" => Format::Yaml,
        "+++" => Format::Toml,
        line if nearly_a_fence(line, '-') || nearly_a_fence(line, '+') => {
            return Err(SplitError::OddOpening { len: first.len() });
        }
        _ => {
            let later_fence = lines_with_offsets(text)
                .find(|(_, line)| matches!(line.trim(), "---" | "+++"))
                .map(|(offset, line)| offset + (line.len() - line.trim_start().len()));
            return Err(SplitError::Missing { later_fence });
        }
    };
    let frontmatter_start = first.len() + line_break_len(&text[first.len()..]);
    // The closing fence is a line that starts with the fence (only its end is trimmed): look
    // for the fence after a line break rather than cutting every line, which cost a search for
    // the end of each of a profile's hundred lines.
    let fence = format.fence();
    let mut line_start = frontmatter_start;
    while line_start < text.len() {
        let start = if text[line_start..].starts_with(fence) {
            line_start
        } else {
            match memchr::memmem::find(&text.as_bytes()[line_start..], format.fence_after_break().as_bytes()) {
                Some(at) => line_start + at + 1,
                None => break,
            }
        };
        let end = text[start..].find('\n').map_or(text.len(), |at| start + at);
        let line = &text[start..end];
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim_end() == fence {
            let after = start + line.len();
            return Ok(Parts {
                format,
                frontmatter_start,
                frontmatter_end: start,
                body_start: after + line_break_len(&text[after..]),
            });
        }
        line_start = end;
    }
    let fence_char = if format == Format::Yaml { '-' } else { '+' };
    let odd = lines_with_offsets(text).skip(1).find(|(_, line)| nearly_a_fence(line, fence_char));
    match odd {
        Some((at, line)) => Err(SplitError::OddClosing { format, at, len: line.len() }),
        None => Err(SplitError::Unclosed(format)),
    }
}

/// The message for a file whose frontmatter is nearly right (a fence of four dashes, old Mac
/// line endings): what was found and what to write instead. The other problems of
/// [`SplitError`] are told by `load::split_error`; here they get a plain word.
pub(crate) fn nearly_right(err: SplitError, source: &SourceFile) -> Diagnostic {
    match err {
        SplitError::OddOpening { len } => {
            let found = &source.text[..len];
            let (fence, what) =
                if found.starts_with('+') { ("+++", "frontmatter.plus-signs") } else { ("---", "frontmatter.dashes") };
            Diagnostic::error_said(
                "bad-fence",
                Location::at(source, Span::new(0, len)),
                Message::new("frontmatter.odd-opening")
                    .with("line", found.trim_end())
                    .phrase("made-of", fence_words(found))
                    .phrase("what", Message::new(what))
                    .with("fence", fence),
            )
            .with_help_said(Message::new("frontmatter.odd-opening-help").with("fence", fence))
        }
        SplitError::OddClosing { format, at, len } => {
            let found = &source.text[at..at + len];
            Diagnostic::error_said(
                "bad-fence",
                Location::at(source, Span::new(at, at + len)),
                Message::new("frontmatter.odd-closing")
                    .with("line", found.trim_end())
                    .phrase("made-of", fence_words(found))
                    .with("fence", format.fence()),
            )
            .with_note_said(Message::new("frontmatter.opens-here"), Location::at(source, Span::new(0, 3)))
            .with_help_said(Message::new("frontmatter.odd-closing-help").with("fence", format.fence()))
        }
        SplitError::CarriageReturns { at } => Diagnostic::error_said(
            "cr-line-endings",
            Location::at(source, Span::new(at, at + 1)),
            Message::new("frontmatter.carriage-returns"),
        )
        .with_help_said(Message::new("frontmatter.carriage-returns-help")),
        SplitError::Empty | SplitError::Missing { .. } | SplitError::Unclosed(_) => Diagnostic::error_said(
            "missing-frontmatter",
            Location::file(source.display_path.clone()),
            Message::new("frontmatter.not-found"),
        ),
    }
}

/// "four dashes", "typographic dashes": what a line that is nearly a fence is made of.
fn fence_words(line: &str) -> Message {
    let line = line.trim_end();
    if line.contains(['—', '–']) {
        return Message::new("frontmatter.typographic-dashes");
    }
    // Spelled out as far as five, as a person counts them at a glance.
    let id = match (line.starts_with('+'), line.len()) {
        (true, 2) => "frontmatter.two-plus-signs",
        (true, 4) => "frontmatter.four-plus-signs",
        (true, 5) => "frontmatter.five-plus-signs",
        (true, _) => "frontmatter.plus-signs-counted",
        (false, 2) => "frontmatter.two-dashes",
        (false, 4) => "frontmatter.four-dashes",
        (false, 5) => "frontmatter.five-dashes",
        (false, _) => "frontmatter.dashes-counted",
    };
    Message::new(id).number("n", line.len() as u64)
}

/// Each line's byte offset and text, without its line break.
fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |raw| {
        let start = offset;
        offset += raw.len();
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        (start, line.strip_suffix('\r').unwrap_or(line))
    })
}

fn line_break_len(rest: &str) -> usize {
    if rest.starts_with("\r\n") {
        2
    } else if rest.starts_with('\n') {
        1
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The closing fence found line by line, as `split` did before it searched for it.
    fn closing_fence_by_lines(text: &str, format: Format, frontmatter_start: usize) -> Option<(usize, usize)> {
        lines_with_offsets(text)
            .skip(1)
            .find(|(_, line)| line.trim_end() == format.fence())
            .map(|(offset, line)| {
                let after = offset + line.len();
                (offset, after + line_break_len(&text[after..]))
            })
            .filter(|(offset, _)| *offset >= frontmatter_start)
    }

    #[test]
    fn the_closing_fence_is_found_as_line_by_line() {
        let pieces = ["---", "+++", "----", "--- ", "---\t", "\r\n", "\n", "\n", "a", " ", "x: 1", "\u{3000}", "-"];
        let mut state = 11;
        for _ in 0..20_000 {
            let len = (crate::text::next_test_random(&mut state) % 14) as usize;
            let rest: String = (0..len)
                .map(|_| pieces[(crate::text::next_test_random(&mut state) % pieces.len() as u64) as usize])
                .collect();
            for open in ["---\n", "+++\r\n", "---"] {
                let text = format!("{open}{rest}");
                match split(&text) {
                    Ok(parts) => {
                        let expected = closing_fence_by_lines(&text, parts.format, parts.frontmatter_start);
                        assert_eq!(Some((parts.frontmatter_end, parts.body_start)), expected, "{text:?}");
                    }
                    Err(SplitError::Unclosed(format) | SplitError::OddClosing { format, .. }) => {
                        assert_eq!(closing_fence_by_lines(&text, format, 0), None, "{text:?}");
                    }
                    Err(_) => {}
                }
            }
        }
    }

    #[test]
    fn yaml_frontmatter_and_body() {
        let text = "---\ntitle: T\n---\n# Body\n";
        let parts = split(text).unwrap();
        assert_eq!(parts.format, Format::Yaml);
        assert_eq!(&text[parts.frontmatter_start..parts.frontmatter_end], "title: T\n");
        assert_eq!(&text[parts.body_start..], "# Body\n");
    }

    #[test]
    fn toml_frontmatter_with_crlf() {
        let text = "+++\r\ntitle = \"T\"\r\n+++\r\nBody\r\n";
        let parts = split(text).unwrap();
        assert_eq!(parts.format, Format::Toml);
        assert_eq!(&text[parts.frontmatter_start..parts.frontmatter_end], "title = \"T\"\r\n");
        assert_eq!(&text[parts.body_start..], "Body\r\n");
    }

    #[test]
    fn frontmatter_only_has_an_empty_body() {
        let text = "---\ntitle: T\n---";
        let parts = split(text).unwrap();
        assert_eq!(parts.body_start, text.len());
    }

    #[test]
    fn problems_are_told_apart() {
        assert_eq!(split(" \n\n"), Err(SplitError::Empty));
        assert_eq!(split("# Just a body\n"), Err(SplitError::Missing { later_fence: None }));
        assert_eq!(split("\n---\ntitle: T\n---\n"), Err(SplitError::Missing { later_fence: Some(1) }));
        assert_eq!(split("---\ntitle: T\n\nBody\n"), Err(SplitError::Unclosed(Format::Yaml)));
    }

    #[test]
    fn fences_nearly_right_and_old_mac_line_endings_are_named() {
        assert_eq!(split("----\ntitle: T\n----\n"), Err(SplitError::OddOpening { len: 4 }));
        assert_eq!(split("--\ntitle: T\n--\n"), Err(SplitError::OddOpening { len: 2 }));
        assert_eq!(split("++++ \ntitle = 1\n"), Err(SplitError::OddOpening { len: 5 }));
        assert_eq!(split("—\ntitle: T\n—\n"), Err(SplitError::OddOpening { len: 3 }));
        assert_eq!(
            split("---\ntitle: T\n-----\nBody\n"),
            Err(SplitError::OddClosing { format: Format::Yaml, at: 13, len: 5 })
        );
        assert_eq!(split("---\rtitle: T\r---\r"), Err(SplitError::CarriageReturns { at: 3 }));
        // A line of dashes in the body, or a horizontal rule, is no fence.
        assert!(split("---\ntitle: T\n---\n----\n").is_ok());
        assert!(split("---\r\ntitle: T\r\n---\r\n").is_ok());
        assert_eq!(split("# Title\n\n----\n"), Err(SplitError::Missing { later_fence: None }));
    }
}
