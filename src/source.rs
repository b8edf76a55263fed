//! Source files as loaded from disk, and the mapping from byte offsets to lines and columns.
//!
//! Every later stage points into a [`SourceFile`] with a [`Span`] of byte offsets; only when a
//! diagnostic is made are offsets turned into the 1-based line and column a person reads.

use std::path::PathBuf;
use std::sync::OnceLock;

/// A range of bytes in a source file: `start..end`, offsets from the start of the file.
///
/// Offsets are `u32` because files larger than the loader's size limit are refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Span {
    /// First byte of the range.
    pub start: u32,
    /// One past the last byte of the range.
    pub end: u32,
}

impl Span {
    /// A span from `start` to `end` (byte offsets).
    pub fn new(start: usize, end: usize) -> Span {
        Span { start: start as u32, end: end.max(start) as u32 }
    }

    /// The same span moved `offset` bytes later.
    pub fn shifted(self, offset: usize) -> Span {
        Span { start: self.start + offset as u32, end: self.end + offset as u32 }
    }
}

/// A text file of the site, read into memory.
#[derive(Debug)]
pub struct SourceFile {
    /// Path as shown to the user: relative to the site root, with `/` separators.
    pub display_path: String,
    /// Path on disk.
    pub path: PathBuf,
    /// The whole text, without a leading byte-order mark.
    pub text: String,
    line_starts: OnceLock<Vec<u32>>,
}

/// A position as people count it: 1-based line, 1-based column in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    /// Line number, from 1.
    pub line: usize,
    /// Column number in characters (Unicode scalar values), from 1.
    pub column: usize,
}

impl SourceFile {
    /// Wrap text read from `path`; `display_path` is what messages show.
    pub fn new(display_path: impl Into<String>, path: impl Into<PathBuf>, text: String) -> Self {
        SourceFile { display_path: display_path.into(), path: path.into(), text, line_starts: OnceLock::new() }
    }

    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0u32];
            starts.extend(memchr_newlines(self.text.as_bytes()).map(|i| i as u32 + 1));
            starts
        })
    }

    /// The 0-based index of the line holding byte `offset`.
    fn line_index(&self, offset: usize) -> usize {
        let starts = self.line_starts();
        match starts.binary_search(&(offset as u32)) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Line and column of byte `offset` (clamped to the text, and to a character boundary).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line = self.line_index(offset);
        let start = self.line_starts()[line] as usize;
        let column = self.text[start..offset].chars().count() + 1;
        LineCol { line: line + 1, column }
    }

    /// The text of 1-based line `line`, without its line ending (`\n` or `\r\n`).
    pub fn line_text(&self, line: usize) -> &str {
        let starts = self.line_starts();
        let Some(&start) = starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = starts.get(line).map(|&e| e as usize).unwrap_or(self.text.len());
        let text = &self.text[start as usize..end];
        text.strip_suffix('\n').map(|t| t.strip_suffix('\r').unwrap_or(t)).unwrap_or(text)
    }

    /// The text covered by `span`, or "" if the span does not fit the text.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start as usize..span.end as usize).unwrap_or("")
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes.iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(i, _)| i)
}

/// The largest character boundary at or before `index`.
pub fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("t.md", "t.md", text.to_string())
    }

    #[test]
    fn line_and_column_count_characters_from_one() {
        let f = file("ab\nTétouan: x\n");
        assert_eq!(f.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(f.line_col(3), LineCol { line: 2, column: 1 });
        // "Tétouan" has a two-byte é: the colon is byte 8 of the line but character 8.
        let colon = f.text.find(':').unwrap();
        assert_eq!(f.line_col(colon), LineCol { line: 2, column: 8 });
    }

    #[test]
    fn crlf_lines_are_shown_without_carriage_return() {
        let f = file("a: 1\r\nb: 2\r\n");
        assert_eq!(f.line_text(1), "a: 1");
        assert_eq!(f.line_text(2), "b: 2");
        assert_eq!(f.line_col(6), LineCol { line: 2, column: 1 });
    }

    #[test]
    fn offsets_inside_a_character_or_past_the_end_are_clamped() {
        let f = file("é");
        assert_eq!(f.line_col(1), LineCol { line: 1, column: 1 });
        assert_eq!(f.line_col(99), LineCol { line: 1, column: 2 });
        assert_eq!(f.line_text(7), "");
    }
}
