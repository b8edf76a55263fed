//! Pages saved under another name: a file under `content/` whose text opens with a
//! frontmatter but whose name does not end in `.md`.
//!
//! Windows' Notepad saves "text documents" as `bargny.md.txt` (and hides the `.txt`), WordPad
//! saves `.rtf`, Word `.docx`, LibreOffice `.odt`; other editors use `.markdown`, and some
//! authors type a page into a file named `.html`. Such a file is not read as a page, so
//! nothing checks it, and as a plain-text file, a document or HTML it would be published as it
//! is: its frontmatter, `status: confidential` and `internal_notes` included. So it is refused
//! with an error saying how to name it. A document's paragraphs are read by
//! `validate::documents`.

/// Extensions that mean "markdown" to some editor, besides `.md`.
const MARKDOWN_EXTENSIONS: [&str; 9] = ["markdown", "mdown", "mkd", "mkdn", "mdwn", "mdtxt", "mdtext", "text", "mdx"];

/// How many paragraphs after the opening `---` a field must appear in.
const FIELD_WITHIN: usize = 40;

/// How a page came to be under another name, which decides how to mend it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Misnamed {
    /// Plain text under another extension: renaming it is enough.
    Renamed,
    /// A word processor's document: its text must be saved again as plain text.
    WordProcessor,
}

/// Whether `extension` (lower case) is another editor's name for markdown.
pub(super) fn is_markdown_extension(extension: &str) -> bool {
    MARKDOWN_EXTENSIONS.contains(&extension)
}

/// The file's extension, lower case.
pub(super) fn extension(content_path: &str) -> String {
    let name = content_path.rsplit('/').next().unwrap_or(content_path);
    name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default()
}

/// Whether plain text opens with a frontmatter: its first line that is not blank is `---`, and
/// a `field:` line follows it.
pub(super) fn text_is_page(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes));
    paragraphs_are_page(text.lines().map(str::to_string))
}

/// The name the page should have: `bargny.md.txt` and `bargny.docx` become `bargny.md`.
pub(super) fn page_name(content_path: &str) -> String {
    let name = content_path.rsplit('/').next().unwrap_or(content_path);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    if stem.to_ascii_lowercase().ends_with(".md") { stem.to_string() } else { format!("{stem}.md") }
}

/// The first paragraph with text is `---`, and one of the next few is a `field:`: a page, in
/// a plain text's lines or a document's paragraphs.
pub(super) fn paragraphs_are_page(paragraphs: impl Iterator<Item = String>) -> bool {
    let mut rest = paragraphs.map(|p| p.trim().to_string()).filter(|p| !p.is_empty());
    if rest.next().as_deref() != Some("---") {
        return false;
    }
    rest.take(FIELD_WITHIN).any(|p| is_field_line(&p))
}

/// `title: Bargny`, `status:`: a name of letters, digits, `_` and `-`, then a colon.
fn is_field_line(line: &str) -> bool {
    let Some((name, _)) = line.split_once(':') else { return false };
    let mut chars = name.trim_end().chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_opening_with_a_frontmatter_is_a_page() {
        assert!(text_is_page(b"---\ntitle: Bargny\nstatus: confidential\n---\nText.\n"));
        assert!(text_is_page(b"\xEF\xBB\xBF\r\n---\r\ntitle: Bargny\r\n"), "a byte-order mark and a blank line first");
        assert!(!text_is_page(b"community;share\nTanger;27%\n"));
        assert!(!text_is_page(b"---\n\nA rule, then prose: nothing like a field.\n"));
        assert!(!text_is_page(b"Notes\n---\ntitle: x\n"), "the fence must come first");
    }

    #[test]
    fn the_page_s_name_ends_in_md_once() {
        assert_eq!(page_name("communities/bargny.md.txt"), "bargny.md");
        assert_eq!(page_name("thies.txt"), "thies.md");
        assert_eq!(page_name("rufisque.markdown"), "rufisque.md");
        assert_eq!(page_name("guidance/Notes.MD.docx"), "Notes.MD");
        assert!(is_markdown_extension(&extension("a/b.Markdown")));
        assert!(!is_markdown_extension(&extension("a/b.zip")));
    }
}
