//! Documents beside the pages are read before they are published: an email address or phone
//! number in a Word, PowerPoint, OpenDocument, EPUB or RTF document (its comments, notes,
//! headers and footnotes included) is warned of, placed by paragraph, slide or comment; a
//! document that cannot be read is refused; PDFs are published unread, which `check` notes
//! once for the site; a page typed into a
//! file named `.html` is told to be renamed `.md`. The documents are made here, as small as
//! the formats allow.

use std::io::Write;
use std::path::Path;

use crate::html::copy_site;
use crate::support::{fixture, run, run_speaking};

/// A zip archive of `parts` (name and text) at `path`, as an office document or a book is.
fn write_zip(path: &Path, parts: &[(&str, String)]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, text) in parts {
        zip.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
const P: &str = r#"xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main""#;
const OD: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0""#;

/// A Word document of `paragraphs`, with `comment` as a reviewer's comment.
fn docx(path: &Path, paragraphs: &[&str], comment: &str) {
    let body: String = paragraphs.iter().map(|p| format!("<w:p><w:r><w:t>{p}</w:t></w:r></w:p>")).collect();
    write_zip(
        path,
        &[
            ("word/document.xml", format!("<w:document {W}><w:body>{body}</w:body></w:document>")),
            (
                "word/comments.xml",
                format!(
                    r#"<w:comments {W}><w:comment w:id="0" w:author="R"><w:p><w:r><w:t>{comment}</w:t></w:r></w:p></w:comment></w:comments>"#
                ),
            ),
            ("docProps/core.xml", "<cp:coreProperties>Staff Name</cp:coreProperties>".to_string()),
        ],
    );
}

/// The block of `report` about `file` that says `said`, if there is one.
fn said_of<'r>(report: &'r str, file: &str, said: &str) -> Option<&'r str> {
    report.split("\n\n").find(|block| block.contains(&format!("content/reports/{file}")) && block.contains(said))
}

#[test]
fn personal_data_in_documents_is_warned_of_where_it_is() {
    let root = copy_site(&fixture("safety/canary"), "documents-scanned");
    let reports = root.join("content/reports");
    std::fs::create_dir_all(&reports).unwrap();
    docx(
        &reports.join("workshop.docx"),
        &["Workshop, Thiès", "Awa Diop: +221 77 123 45 67"],
        "write to awa.diop@example.org",
    );
    docx(&reports.join("clean.docx"), &["Workshop, Thiès"], "fine");
    // A name in the text whose link writes to the person: the address is only in the link.
    write_zip(
        &reports.join("invitation.docx"),
        &[
            (
                "word/document.xml",
                format!(
                    r#"<w:document {W} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body><w:p><w:r><w:t>Write to </w:t></w:r><w:hyperlink r:id="rId3"><w:r><w:t>Mariama</w:t></w:r></w:hyperlink></w:p></w:body></w:document>"#
                ),
            ),
            (
                "word/_rels/document.xml.rels",
                r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="mailto:mariama.sow@example.org" TargetMode="External"/></Relationships>"#.to_string(),
            ),
        ],
    );
    let slide = |text: &str| {
        format!(
            "<p:sld {P}><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>{text}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>"
        )
    };
    write_zip(
        &reports.join("deck.pptx"),
        &[
            ("ppt/slides/slide1.xml", slide("Findings")),
            ("ppt/slides/slide2.xml", slide("Contacts")),
            (
                "ppt/slides/_rels/slide2.xml.rels",
                r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesSlide" Target="../notesSlides/notesSlide1.xml"/></Relationships>"#.to_string(),
            ),
            ("ppt/notesSlides/notesSlide1.xml", slide("Call Ali: 0612345678").replace("p:sld", "p:notes")),
        ],
    );
    write_zip(
        &reports.join("notes.odt"),
        &[(
            "content.xml",
            format!(
                r#"<office:document-content {OD}><office:body><office:text><text:p>Interviews<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Source: fatima@example.org</text:p></text:note-body></text:note></text:p></office:text></office:body></office:document-content>"#
            ),
        )],
    );
    write_zip(
        &reports.join("book.epub"),
        &[
            ("mimetype", "application/epub+zip".to_string()),
            (
                "OEBPS/ch1.xhtml",
                r#"<?xml version="1.0"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><body><p>Foreword</p><p>Office:&nbsp;+33 6 12 34 56 78</p></body></html>"#.to_string(),
            ),
        ],
    );
    std::fs::write(
        reports.join("memo.rtf"),
        "{\\rtf1\\ansi{\\header \\pard Field office: omar@example.org\\par}\\pard Memo\\par}",
    )
    .unwrap();
    std::fs::write(reports.join("scan.pdf"), "%PDF-1.7 awa.diop@example.org +221 77 123 45 67").unwrap();

    let result = run(&root, &["check", "--all"]);
    assert_eq!(result.code, 0, "warnings only:\n{}", result.stderr);
    for (file, said) in [
        (
            "workshop.docx",
            "warning[personal-phone]: paragraph 2: `+221 77 123 45 67` looks like a phone number, and this document is published as it is",
        ),
        ("workshop.docx", "warning[personal-email]: comment 1: `awa.diop@example.org` looks like an email address"),
        ("deck.pptx", "warning[personal-phone]: the notes of slide 2: `0612345678`"),
        ("notes.odt", "warning[personal-email]: footnote 1: `fatima@example.org`"),
        ("book.epub", "warning[personal-phone]: `OEBPS/ch1.xhtml`, paragraph 2: `+33 6 12 34 56 78`"),
        ("memo.rtf", "warning[personal-email]: a header: `omar@example.org`"),
        ("invitation.docx", "warning[personal-email]: the address of link 1: `mariama.sow@example.org`"),
    ] {
        let block = said_of(&result.stderr, file, said);
        assert!(
            block.is_some_and(|b| b.contains("remove them from the document")),
            "{file}: {said}\n{}",
            result.stderr
        );
    }
    assert!(!result.stderr.contains("clean.docx"), "{}", result.stderr);
    // A PDF gets no warning of its own, but one note for the site names it.
    assert!(!result.stderr.contains("--> content/reports/scan.pdf"), "{}", result.stderr);
    let note = "note: 1 document is published unread (a PDF, .doc or .ppt, whose text Fieldbook cannot check for personal data): content/reports/scan.pdf. A person must check it";
    assert_eq!(result.stderr.matches(note).count(), 1, "{}", result.stderr);
    std::fs::write(reports.join("old.doc"), "\u{d0}\u{cf} awa@example.org").unwrap();
    let result = run(&root, &["check"]);
    assert!(result.stderr.contains("note: 2 documents are published unread"), "{}", result.stderr);
    assert!(result.stderr.contains("content/reports/old.doc, content/reports/scan.pdf"), "{}", result.stderr);
    let json = run(&root, &["check", "--format", "json"]);
    assert!(!json.stderr.contains("published unread") && !json.stdout.contains("published unread"), "only for people");
    std::fs::remove_file(reports.join("old.doc")).unwrap();
    assert!(!result.stderr.contains("Staff Name"), "a document's properties are not reported");

    // In the reader's language.
    let result = run_speaking("fr", &root, &["check", "--all"]);
    let french = "`+221 77 123 45 67` ressemble à un numéro de téléphone, et ce document est publié tel quel";
    let block = said_of(&result.stderr, "workshop.docx", french);
    assert!(block.is_some_and(|b| b.contains("paragraphe 2")), "{}", result.stderr);
    let block = said_of(&result.stderr, "invitation.docx", "l'adresse du lien 1\u{202f}: `mariama.sow@example.org`");
    assert!(block.is_some(), "{}", result.stderr);

    // Warned of, and published: the author decides. A build notes the PDF too.
    let result = run(&root, &["build"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert_eq!(result.stderr.matches(note).count(), 1, "{}", result.stderr);
    for file in ["workshop.docx", "deck.pptx", "notes.odt", "book.epub", "memo.rtf", "scan.pdf", "clean.docx"] {
        assert!(root.join("site/reports").join(file).exists(), "{file} is not published");
    }
}

#[test]
fn a_document_that_cannot_be_read_is_refused_and_a_page_named_html_is_misnamed() {
    let root = copy_site(&fixture("safety/canary"), "documents-refused");
    let reports = root.join("content/reports");
    std::fs::create_dir_all(&reports).unwrap();
    // An old Word file renamed, a damaged OpenDocument, a zip bomb.
    std::fs::write(reports.join("renamed.docx"), b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 Word 97").unwrap();
    write_zip(&reports.join("damaged.odt"), &[("content.xml", "<office:document-content><text:p>".to_string())]);
    let padding = " ".repeat(21 * 1024 * 1024);
    write_zip(&reports.join("bomb.docx"), &[("word/document.xml", format!("<w:document {W}>{padding}</w:document>"))]);
    // A page typed into a file named `.html`, and an HTML file that is not one.
    std::fs::write(
        reports.join("bargny.html"),
        "---\ntitle: Bargny\nstatus: confidential\ninternal_notes: qzhtml three families\n---\nText.\n",
    )
    .unwrap();
    std::fs::write(reports.join("embed.html"), "<!doctype html><p>A map</p>\n").unwrap();

    let result = run(&root, &["build"]);
    assert_eq!(result.code, 1, "{}", result.stderr);
    for (file, said) in [
        ("renamed.docx", "error[bad-document]: this document cannot be read ("),
        ("damaged.odt", "error[bad-document]: this document cannot be read (content.xml: "),
        ("bomb.docx", "error[file-too-large]: the text of this document is more than 20 MB once unpacked"),
        ("bargny.html", "error[page-misnamed]: this file is a page"),
        ("embed.html", "error[active-file]"),
    ] {
        assert!(said_of(&result.stderr, file, said).is_some(), "{file}: {said}\n{}", result.stderr);
    }
    assert!(said_of(&result.stderr, "bargny.html", "rename it `bargny.md`").is_some(), "{}", result.stderr);
    assert!(!root.join("site").exists(), "a build with a refused document wrote the site");

    // Trusted HTML is published, but a page named `.html` still is not.
    let config = std::fs::read_to_string(root.join("fieldbook.toml")).unwrap();
    std::fs::write(root.join("fieldbook.toml"), format!("{config}\n[markdown]\ntrusted_html = true\n")).unwrap();
    for file in ["renamed.docx", "damaged.odt", "bomb.docx"] {
        std::fs::remove_file(reports.join(file)).unwrap();
    }
    let result = run(&root, &["check"]);
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert!(said_of(&result.stderr, "bargny.html", "error[page-misnamed]").is_some(), "{}", result.stderr);
    assert!(!result.stderr.contains("embed.html"), "{}", result.stderr);
}
