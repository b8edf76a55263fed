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
    /// The text kept in memory, without a leading byte-order mark: the whole file, or, once
    /// [`SourceFile::keep_from`] has dropped what came before, the file from byte `kept_from`
    /// on. Offsets (spans) always count from the start of the whole file.
    pub text: String,
    /// Bytes of the file's start that are no longer in `text`.
    kept_from: usize,
    /// The digest of those bytes, made as they were dropped (see [`SourceFile::head_digest`]).
    dropped_digest: crate::digest::Digest,
    /// Once [`SourceFile::forget_body`] has dropped the rest too: where the body started and
    /// the digest of the body, to know it again when it is read back.
    forgotten: Option<(usize, crate::digest::Digest)>,
    /// The whole text read again from disk, when a message needs a line that was dropped.
    whole: OnceLock<Option<String>>,
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
        SourceFile {
            display_path: display_path.into(),
            path: path.into(),
            text,
            kept_from: 0,
            dropped_digest: 0,
            forgotten: None,
            whole: OnceLock::new(),
            line_starts: OnceLock::new(),
        }
    }

    /// Keep only the text from byte `offset` on (a document's body, once its frontmatter has
    /// been read and checked): a site's frontmatter is most of its text, and only a message
    /// about it needs it again, which then reads the file again ([`SourceFile::whole_text`]).
    pub fn keep_from(&mut self, offset: usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        if offset == 0 || self.kept_from != 0 {
            return;
        }
        self.dropped_digest = crate::digest::of("head", &self.text.as_bytes()[..offset]);
        self.text = self.text[offset..].to_string();
        self.kept_from = offset;
    }

    /// The digest of the file's first `end` bytes (a document's frontmatter, fences included,
    /// when `end` is where its body starts): what the build cache knows the frontmatter by
    /// once it has been dropped. Once [`SourceFile::keep_from`] has dropped the start, `end`
    /// must be where it dropped it.
    pub fn head_digest(&self, end: usize) -> crate::digest::Digest {
        if self.kept_from != 0 {
            debug_assert_eq!(end, self.kept_from, "the head was dropped at another offset");
            return self.dropped_digest;
        }
        let end = floor_char_boundary(&self.text, end.min(self.text.len()));
        crate::digest::of("head", &self.text.as_bytes()[..end])
    }

    /// Drop the text in memory too, keeping the digest of the body, which starts at byte
    /// `body_start` of the file (and, when [`SourceFile::keep_from`] has not dropped the
    /// frontmatter yet, the digest of what comes before it, as that would): a build reads
    /// each body again when its page is rendered ([`SourceFile::body`]), so that a large
    /// site's bodies (390 MB at 100,000 profiles) are never in memory all at once.
    pub fn forget_body(&mut self, body_start: usize) {
        if self.forgotten.is_some() {
            return;
        }
        let digest = self.body_digest(body_start);
        if self.kept_from == 0 {
            let head_end = floor_char_boundary(&self.text, body_start.min(self.text.len()));
            self.dropped_digest = crate::digest::of("head", &self.text.as_bytes()[..head_end]);
            self.kept_from = head_end;
        }
        self.forgotten = Some((body_start, digest));
        self.text = String::new();
    }

    /// The digest of the body that starts at byte `body_start`: what the build cache knows a
    /// body by.
    pub fn body_digest(&self, body_start: usize) -> crate::digest::Digest {
        match self.forgotten {
            Some((_, digest)) => digest,
            None => crate::digest::of("body", self.kept_text_from(body_start).as_bytes()),
        }
    }

    /// The part of `text` from byte `start` of the file on.
    fn kept_text_from(&self, start: usize) -> &str {
        let at = floor_char_boundary(&self.text, start.saturating_sub(self.kept_from).min(self.text.len()));
        &self.text[at..]
    }

    /// The body, which starts at byte `body_start`: from memory, or read again from disk once
    /// [`SourceFile::forget_body`] has dropped it. A file that changed since it was checked
    /// is an error rather than a page made of two versions of it.
    pub fn body(&self, body_start: usize) -> Result<std::borrow::Cow<'_, str>, String> {
        let Some((start, digest)) = self.forgotten else {
            return Ok(std::borrow::Cow::Borrowed(self.kept_text_from(body_start)));
        };
        let changed = || format!("{} changed during the build; build again", self.display_path);
        let text = self.read_again().ok_or_else(changed)?;
        let body = text.get(start..).ok_or_else(changed)?;
        if crate::digest::of("body", body.as_bytes()) != digest {
            return Err(changed());
        }
        Ok(std::borrow::Cow::Owned(body.to_string()))
    }

    /// The whole file read again from disk, without its byte-order mark, as it was first read.
    fn read_again(&self) -> Option<String> {
        let text = std::fs::read_to_string(&self.path).ok()?;
        Some(match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        })
    }

    /// Byte offset in the whole file where [`SourceFile::text`] starts.
    pub fn kept_from(&self) -> usize {
        self.kept_from
    }

    /// The whole text, as positions count it: `text` itself, or the file read again when its
    /// start was dropped. `None` when the file cannot be read or has changed since (its kept
    /// part differs): a message then names the file without a line.
    pub fn whole_text(&self) -> Option<&str> {
        if self.kept_from == 0 && self.forgotten.is_none() {
            return Some(&self.text);
        }
        self.whole
            .get_or_init(|| {
                let text = self.read_again()?;
                let same = match self.forgotten {
                    Some((start, digest)) => {
                        text.get(start..).is_some_and(|body| crate::digest::of("body", body.as_bytes()) == digest)
                    }
                    None => text.get(self.kept_from..) == Some(self.text.as_str()),
                };
                same.then_some(text)
            })
            .as_deref()
    }

    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0u32];
            starts.extend(memchr_newlines(self.whole_text().unwrap_or("").as_bytes()).map(|i| i as u32 + 1));
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
        let text = self.whole_text().unwrap_or("");
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_index(offset);
        let start = self.line_starts()[line] as usize;
        let column = text[start..offset].chars().count() + 1;
        LineCol { line: line + 1, column }
    }

    /// The text of 1-based line `line`, without its line ending (`\n` or `\r\n`).
    pub fn line_text(&self, line: usize) -> &str {
        let whole = self.whole_text().unwrap_or("");
        let starts = self.line_starts();
        let Some(&start) = starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = starts.get(line).map(|&e| e as usize).unwrap_or(whole.len());
        let text = whole.get(start as usize..end).unwrap_or("");
        text.strip_suffix('\n').map(|t| t.strip_suffix('\r').unwrap_or(t)).unwrap_or(text)
    }

    /// The text covered by `span`, or "" if the span does not fit the text.
    pub fn slice(&self, span: Span) -> &str {
        self.whole_text().and_then(|t| t.get(span.start as usize..span.end as usize)).unwrap_or("")
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
    fn the_head_digest_survives_dropping_the_head() {
        let text = "---\ntitle: Tétouan\n---\nBody text.\n";
        let body = text.find("Body").unwrap();
        let mut f = file(text);
        let before = f.head_digest(body);
        f.keep_from(body);
        assert_eq!(f.head_digest(body), before);
        // The body is not part of it; the frontmatter is.
        assert_eq!(file("---\ntitle: Tétouan\n---\nOther text.\n").head_digest(body), before);
        assert_ne!(file("---\ntitle: Tetouan\n---\nBody text.\n").head_digest(body - 1), before);
    }

    /// The file [`on_disk`] writes, byte-order mark and all.
    const ON_DISK: &str = "\u{feff}---\ntitle: Tétouan\n---\nBody text.\n";

    /// [`ON_DISK`] written to a folder of its own (`name`) and read as the loader reads it:
    /// the folder, the file's path and the file.
    fn on_disk(name: &str) -> (PathBuf, PathBuf, SourceFile) {
        let folder = std::env::temp_dir().join(format!("fieldbook-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        let path = folder.join("p.md");
        std::fs::write(&path, ON_DISK).unwrap();
        let file = SourceFile::new("p.md", &path, ON_DISK.trim_start_matches('\u{feff}').to_string());
        (folder, path, file)
    }

    #[test]
    fn a_forgotten_body_is_read_again_and_known_by_its_digest() {
        let (folder, path, mut f) = on_disk("source-body");
        let start = f.text.find("Body").unwrap();
        let digest = f.body_digest(start);
        f.keep_from(start);
        assert_eq!(f.body_digest(start), digest);
        f.forget_body(start);
        assert!(f.text.is_empty());
        assert_eq!(f.body_digest(start), digest);
        assert_eq!(f.body(start).unwrap(), "Body text.\n");
        assert_eq!(f.line_text(2), "title: Tétouan");
        // Changed on disk since: an error that says so, not another body.
        std::fs::write(&path, "---\ntitle: Tétouan\n---\nOther text.\n").unwrap();
        assert_eq!(f.body(start).unwrap_err(), "p.md changed during the build; build again");
        std::fs::remove_dir_all(&folder).unwrap();
    }

    #[test]
    fn a_body_forgotten_with_its_frontmatter_is_known_as_if_the_frontmatter_went_first() {
        let (folder, _, mut both) = on_disk("source-forget-all");
        let start = both.text.find("Body").unwrap();
        let (head, body) = (both.head_digest(start), both.body_digest(start));
        both.forget_body(start);
        assert!(both.text.is_empty());
        assert_eq!((both.head_digest(start), both.body_digest(start)), (head, body));
        assert_eq!(both.kept_from(), start);
        assert_eq!(both.body(start).unwrap(), "Body text.\n");
        assert_eq!(both.line_text(2), "title: Tétouan");
        std::fs::remove_dir_all(&folder).unwrap();
    }

    #[test]
    fn a_file_whose_start_was_dropped_is_read_again_for_positions() {
        let (folder, path, mut f) = on_disk("source");
        let body = f.text.find("Body").unwrap();
        f.keep_from(body);
        assert_eq!(f.text, "Body text.\n");
        assert_eq!(f.kept_from(), body);
        // Offsets still count from the start of the file.
        assert_eq!(f.line_col(4), LineCol { line: 2, column: 1 });
        assert_eq!(f.line_text(2), "title: Tétouan");
        assert_eq!(f.slice(Span::new(11, 19)), "Tétouan");
        // A file changed since: no line rather than a wrong one.
        std::fs::write(&path, "---\ntitle: Other\n---\nNew body.\n").unwrap();
        let mut changed = SourceFile::new("p.md", &path, ON_DISK.trim_start_matches('\u{feff}').to_string());
        changed.keep_from(body);
        assert_eq!(changed.whole_text(), None);
        assert_eq!(changed.slice(Span::new(11, 18)), "");
        let _ = std::fs::remove_dir_all(&folder);
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
