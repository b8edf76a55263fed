//! Pages saved under another name: a file under `content/` whose text opens with a
//! frontmatter but whose name does not end in `.md`.
//!
//! Windows' Notepad saves "text documents" as `bargny.md.txt` (and hides the `.txt`), WordPad
//! saves `.rtf`, Word `.docx`, LibreOffice `.odt`; other editors use `.markdown`. Such a file is
//! not read as a page, so nothing checks it, and as a plain-text file or a document it would be
//! published as it is: its frontmatter, `status: confidential` and `internal_notes` included.
//! So it is refused with an error saying how to name it.

use std::io::Read;

/// Extensions that mean "markdown" to some editor, besides `.md`.
const MARKDOWN_EXTENSIONS: [&str; 9] = ["markdown", "mdown", "mkd", "mkdn", "mdwn", "mdtxt", "mdtext", "text", "mdx"];

/// How many paragraphs after the opening `---` a field must appear in.
const FIELD_WITHIN: usize = 40;

/// Largest part of an office document read to find its first paragraphs.
const MAX_DOCUMENT_XML: u64 = 8 * 1024 * 1024;

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

/// Whether a document (`rtf`, `docx`, `odt`; `bytes` its whole file) is a page written in a
/// word processor. A document that cannot be read is not one.
pub(super) fn document_is_page(extension: &str, bytes: &[u8]) -> bool {
    match extension {
        "rtf" => paragraphs_are_page(rtf_paragraphs(bytes).into_iter()),
        "docx" => {
            xml_in_zip(bytes, "word/document.xml").is_some_and(|xml| paragraphs_are_page(xml_paragraphs(&xml, &["p"])))
        }
        "odt" => {
            xml_in_zip(bytes, "content.xml").is_some_and(|xml| paragraphs_are_page(xml_paragraphs(&xml, &["p", "h"])))
        }
        _ => false,
    }
}

/// The name the page should have: `bargny.md.txt` and `bargny.docx` become `bargny.md`.
pub(super) fn page_name(content_path: &str) -> String {
    let name = content_path.rsplit('/').next().unwrap_or(content_path);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    if stem.to_ascii_lowercase().ends_with(".md") { stem.to_string() } else { format!("{stem}.md") }
}

/// The first paragraph with text is `---`, and one of the next few is a `field:`.
fn paragraphs_are_page(paragraphs: impl Iterator<Item = String>) -> bool {
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

/// The text of an RTF file, a paragraph a line: control words dropped, `\par` and `\line`
/// ending a paragraph, the groups that hold no text (font and colour tables, styles, the
/// document's information, pictures, `{\*...}`) skipped, `\'e9` read as Latin-1 (the few
/// Windows-1252 characters that differ, curly quotes and dashes, are not needed to find a
/// frontmatter).
fn rtf_paragraphs(bytes: &[u8]) -> Vec<String> {
    const SKIPPED: [&str; 8] = ["fonttbl", "colortbl", "stylesheet", "info", "pict", "header", "footer", "listtable"];
    let mut paragraphs = vec![String::new()];
    // For each open group, whether its text is skipped.
    let mut skipping: Vec<bool> = vec![false];
    let mut i = 0;
    let at = |i: usize| bytes.get(i).copied();
    while let Some(byte) = at(i) {
        let skip = *skipping.last().unwrap_or(&false);
        match byte {
            b'{' => {
                let starts_skipped = bytes[i + 1..].starts_with(b"\\*")
                    || SKIPPED.iter().any(|word| {
                        bytes[i + 1..].strip_prefix(b"\\").is_some_and(|rest| {
                            rest.starts_with(word.as_bytes())
                                && !rest.get(word.len()).is_some_and(u8::is_ascii_alphabetic)
                        })
                    });
                skipping.push(skip || starts_skipped);
                i += 1;
            }
            b'}' => {
                if skipping.len() > 1 {
                    skipping.pop();
                }
                i += 1;
            }
            b'\\' => {
                let next = at(i + 1);
                match next {
                    Some(b'\\' | b'{' | b'}') => {
                        if !skip {
                            paragraphs.last_mut().unwrap().push(char::from(next.unwrap_or(b' ')));
                        }
                        i += 2;
                    }
                    Some(b'\'') => {
                        let hex = bytes.get(i + 2..i + 4).and_then(|h| std::str::from_utf8(h).ok());
                        if let (false, Some(value)) = (skip, hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
                            paragraphs.last_mut().unwrap().push(char::from(value));
                        }
                        i += 4;
                    }
                    Some(c) if c.is_ascii_alphabetic() => {
                        let start = i + 1;
                        let mut end = start;
                        while at(end).is_some_and(|c| c.is_ascii_alphabetic()) {
                            end += 1;
                        }
                        let word = &bytes[start..end];
                        if at(end) == Some(b'-') {
                            end += 1;
                        }
                        while at(end).is_some_and(|c| c.is_ascii_digit()) {
                            end += 1;
                        }
                        // One space ends a control word and is part of it.
                        if at(end) == Some(b' ') {
                            end += 1;
                        }
                        if !skip && (word == b"par" || word == b"line") {
                            paragraphs.push(String::new());
                        } else if !skip && word == b"tab" {
                            paragraphs.last_mut().unwrap().push('\t');
                        }
                        i = end;
                    }
                    Some(b'~') => {
                        if !skip {
                            paragraphs.last_mut().unwrap().push(' ');
                        }
                        i += 2;
                    }
                    _ => i += 2,
                }
            }
            // Line ends in the file are not text in RTF.
            b'\r' | b'\n' => i += 1,
            _ => {
                if !skip {
                    paragraphs.last_mut().unwrap().push(char::from(byte));
                }
                i += 1;
            }
        }
    }
    paragraphs
}

/// The text of one part of a zip archive (an office document), if it is there and not too
/// large.
fn xml_in_zip(bytes: &[u8], name: &str) -> Option<String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let file = archive.by_name(name).ok()?;
    let mut xml = String::new();
    file.take(MAX_DOCUMENT_XML).read_to_string(&mut xml).ok()?;
    Some(xml)
}

/// The text of each paragraph of an office document's XML: the elements whose local name is
/// one of `names` (`p` in Word, `p` and `h` in OpenDocument), their text nodes joined.
fn xml_paragraphs(xml: &str, names: &[&str]) -> impl Iterator<Item = String> {
    let options = roxmltree::ParsingOptions { allow_dtd: false, ..Default::default() };
    let paragraphs: Vec<String> = match roxmltree::Document::parse_with_options(xml, options) {
        Ok(document) => document
            .descendants()
            .filter(|n| n.is_element() && names.contains(&n.tag_name().name()))
            .map(|p| p.descendants().filter(|n| n.is_text()).filter_map(|n| n.text()).collect())
            .collect(),
        Err(_) => Vec::new(),
    };
    paragraphs.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What WordPad writes for a page typed into it.
    const WORDPAD: &[u8] = b"{\\rtf1\\ansi\\ansicpg1252\\deff0\\nouicompat\\deflang1036{\\fonttbl{\\f0\\fnil\\fcharset0 Calibri;}}\r\n{\\*\\generator Riched20 10.0.19041}\\viewkind4\\uc1 \r\n\\pard\\sa200\\sl276\\slmult1\\f0\\fs22\\lang12 ---\\par\r\ntitle: Bargny\\par\r\nstatus: confidential\\par\r\ninternal_notes: Le chef de quartier a signal\\'e9 trois familles.\\par\r\n---\\par\r\nTexte.\\par\r\n}\r\n";

    #[test]
    fn text_opening_with_a_frontmatter_is_a_page() {
        assert!(text_is_page(b"---\ntitle: Bargny\nstatus: confidential\n---\nText.\n"));
        assert!(text_is_page(b"\xEF\xBB\xBF\r\n---\r\ntitle: Bargny\r\n"), "a byte-order mark and a blank line first");
        assert!(!text_is_page(b"community;share\nTanger;27%\n"));
        assert!(!text_is_page(b"---\n\nA rule, then prose: nothing like a field.\n"));
        assert!(!text_is_page(b"Notes\n---\ntitle: x\n"), "the fence must come first");
    }

    #[test]
    fn a_page_typed_into_wordpad_is_found_and_its_text_read() {
        let paragraphs = rtf_paragraphs(WORDPAD);
        let text: Vec<&str> = paragraphs.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect();
        assert_eq!(
            text,
            [
                "---",
                "title: Bargny",
                "status: confidential",
                "internal_notes: Le chef de quartier a signalé trois familles.",
                "---",
                "Texte."
            ]
        );
        assert!(document_is_page("rtf", WORDPAD));
        assert!(!document_is_page(
            "rtf",
            b"{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}\\pard Rapport annuel\\par ---\\par title: x\\par}"
        ));
        assert!(!document_is_page("rtf", b"{\\rtf1 unterminated \\"), "a truncated file is read without a panic");
    }

    fn zipped(name: &str, xml: &str) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn pages_typed_into_word_and_libreoffice_are_found() {
        let word = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>---</w:t></w:r></w:p><w:p><w:r><w:t>tit</w:t></w:r><w:r><w:t>le: Bargny</w:t></w:r></w:p></w:body></w:document>"#;
        assert!(document_is_page("docx", &zipped("word/document.xml", word)));
        let report = word.replace("---", "Rapport annuel");
        assert!(!document_is_page("docx", &zipped("word/document.xml", &report)));
        let odt = r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>---</text:p><text:p>status: confidential</text:p></office:text></office:body></office:document-content>"#;
        assert!(document_is_page("odt", &zipped("content.xml", odt)));
        assert!(!document_is_page("docx", b"not a zip"));
        assert!(!document_is_page("pdf", b"%PDF ---\ntitle: x"));
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
