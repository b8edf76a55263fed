use super::*;

/// A zip archive of `parts` written to a file of its own, named `name`; the file's path.
fn archive(name: &str, parts: &[(&str, &str)]) -> std::path::PathBuf {
    use std::io::Write;
    let dir = std::env::temp_dir().join(format!("fieldbook-documents-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for (part, text) in parts {
        zip.start_file(*part, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    path
}

fn read(name: &str, parts: &[(&str, &str)]) -> Result<Vec<Passage>, Unread> {
    let path = archive(name, parts);
    let extension = name.rsplit_once('.').unwrap().1;
    let read = read_zip(&path, extension);
    std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
    read
}

fn passages(name: &str, parts: &[(&str, &str)]) -> Vec<(Place, String)> {
    read(name, parts).unwrap().into_iter().map(|p| (p.place, p.text)).collect()
}

fn at(place: Place, text: &str) -> (Place, String) {
    (place, text.to_string())
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

#[test]
fn word_s_body_headers_notes_and_comments_are_read_each_placed() {
    let body = format!(
        r#"<w:document {W}><w:body>
        <w:p><w:r><w:t>Workshop</w:t></w:r><w:r><w:t xml:space="preserve"> report</w:t></w:r></w:p>
        <w:p/>
        <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Awa</w:t><w:tab/><w:t>+221 77 123</w:t></w:r><w:r><w:t> 45 67</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
        <w:p><w:r><w:t>Before</w:t></w:r><w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>In a box</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r><w:t>In a box</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r><w:del><w:r><w:delText>deleted 0612345678</w:delText></w:r></w:del></w:p>
        </w:body></w:document>"#
    );
    let header = format!(r#"<w:hdr {W}><w:p><w:r><w:t>Prepared by awa@example.org</w:t></w:r></w:p></w:hdr>"#);
    let footer = format!(r#"<w:ftr {W}><w:p><w:r><w:t>Page</w:t></w:r></w:p></w:ftr>"#);
    let footnotes = format!(
        r#"<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/><w:t>-</w:t></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:t>-</w:t></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>Interview, March</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let comments = format!(
        r#"<w:comments {W}><w:comment w:id="0" w:author="Reviewer"><w:p><w:r><w:t>Ask Fatima</w:t></w:r></w:p></w:comment><w:comment w:id="1" w:author="Reviewer"><w:p><w:r><w:t>Her number: 06 12 34 56 78</w:t></w:r></w:p></w:comment></w:comments>"#
    );
    let found = passages(
        "report.docx",
        &[
            ("word/document.xml", &body),
            ("word/header1.xml", &header),
            ("word/footer1.xml", &footer),
            ("word/footnotes.xml", &footnotes),
            ("word/comments.xml", &comments),
            (
                "word/_rels/header1.xml.rels",
                r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>"#,
            ),
            ("docProps/core.xml", "<cp:coreProperties>not read</cp:coreProperties"),
        ],
    );
    assert_eq!(
        found,
        [
            at(Place::Paragraph(1), "Workshop report"),
            at(Place::Paragraph(2), "Awa +221 77 123 45 67"),
            at(Place::Paragraph(3), "Beforedeleted 0612345678"),
            at(Place::Paragraph(4), "In a box"),
            at(Place::Header, "Prepared by awa@example.org"),
            at(Place::Footer, "Page"),
            at(Place::Footnote(1), "Interview, March"),
            at(Place::Comment(1), "Ask Fatima"),
            at(Place::Comment(2), "Her number: 06 12 34 56 78"),
        ]
    );
}

const P: &str = r#"xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
const RELS: &str = r#"xmlns="http://schemas.openxmlformats.org/package/2006/relationships""#;

fn slide(text: &str) -> String {
    format!(
        r#"<p:sld {P}><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>{text}</a:t></a:r><a:br/><a:r><a:t>end</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>"#
    )
}

#[test]
fn slides_are_read_in_the_order_shown_with_their_notes_and_the_comments() {
    // The second slide shown is slide1.xml: slides moved in PowerPoint keep their file names.
    let presentation = format!(
        r#"<p:presentation {P}><p:sldIdLst><p:sldId id="256" r:id="rId3"/><p:sldId id="257" r:id="rId2"/></p:sldIdLst></p:presentation>"#
    );
    let rels = format!(
        r#"<Relationships {RELS}><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="slides/slide1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="/ppt/slides/slide2.xml"/></Relationships>"#
    );
    let slide_rels = format!(
        r#"<Relationships {RELS}><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesSlide" Target="../notesSlides/notesSlide7.xml"/></Relationships>"#
    );
    let notes = format!(
        r#"<p:notes {P}><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>Call Ali on 0612345678</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:notes>"#
    );
    let comments = format!(r#"<p:cmLst {P}><p:cm authorId="0"><p:text>Remove the names</p:text></p:cm></p:cmLst>"#);
    let found = passages(
        "deck.pptx",
        &[
            ("ppt/presentation.xml", &presentation),
            ("ppt/_rels/presentation.xml.rels", &rels),
            ("ppt/slides/slide1.xml", &slide("Second")),
            ("ppt/slides/slide2.xml", &slide("First")),
            ("ppt/slides/_rels/slide1.xml.rels", &slide_rels),
            ("ppt/notesSlides/notesSlide7.xml", &notes),
            ("ppt/slides/slide3.xml", &slide("Not in the list")),
            ("ppt/comments/comment1.xml", &comments),
        ],
    );
    assert_eq!(
        found,
        [
            at(Place::Slide(1), "First end"),
            at(Place::Slide(2), "Second end"),
            at(Place::Notes(2), "Call Ali on 0612345678"),
            at(Place::Slide(3), "Not in the list end"),
            at(Place::Comment(1), "Remove the names"),
        ]
    );
    // Without the presentation's list, slides go by their number.
    let found =
        passages("bare.pptx", &[("ppt/slides/slide10.xml", &slide("Ten")), ("ppt/slides/slide9.xml", &slide("Nine"))]);
    assert_eq!(found, [at(Place::Slide(1), "Nine end"), at(Place::Slide(2), "Ten end")]);
}

const OD: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/""#;

#[test]
fn opendocument_text_is_read_with_its_notes_comments_headers_and_footers() {
    let content = format!(
        r#"<office:document-content {OD}><office:body><office:text>
        <text:h>Findings</text:h>
        <text:p>Met<text:s/>the<text:tab/>chief<office:annotation><dc:creator>Staff Name</dc:creator><dc:date>2026-03-01</dc:date><text:p>his phone: 77 123 45 67</text:p></office:annotation> of the quarter<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Source: ali@example.org</text:p></text:note-body></text:note>.</text:p>
        <text:p><text:span>End</text:span><text:note text:note-class="endnote"><text:note-citation>i</text:note-citation><text:note-body><text:p>Last</text:p></text:note-body></text:note></text:p>
        </office:text></office:body></office:document-content>"#
    );
    let styles = format!(
        r#"<office:document-styles {OD}><office:master-styles><style:master-page><style:header><text:p>Draft</text:p></style:header><style:footer-left><text:p>Left footer</text:p></style:footer-left></style:master-page></office:master-styles></office:document-styles>"#
    );
    let found = passages("notes.odt", &[("content.xml", &content), ("styles.xml", &styles), ("meta.xml", "not read")]);
    assert_eq!(
        found,
        [
            at(Place::Paragraph(1), "Findings"),
            at(Place::Paragraph(2), "Met the chief of the quarter."),
            at(Place::Paragraph(3), "End"),
            at(Place::Comment(1), "his phone: 77 123 45 67"),
            at(Place::Footnote(1), "Source: ali@example.org"),
            at(Place::Endnote(1), "Last"),
            at(Place::Header, "Draft"),
            at(Place::Footer, "Left footer"),
        ]
    );
}

#[test]
fn opendocument_slides_and_pages_are_numbered_with_their_notes() {
    let content = format!(
        r#"<office:document-content {OD}><office:body><office:presentation>
        <draw:page draw:name="one"><draw:frame><draw:text-box><text:p>Title</text:p></draw:text-box></draw:frame><presentation:notes><draw:page-thumbnail/><draw:frame><draw:text-box><text:p>Say +33 6 12 34 56 78</text:p></draw:text-box></draw:frame></presentation:notes></draw:page>
        <draw:page draw:name="two"><draw:frame><draw:text-box><text:p>Second</text:p></draw:text-box></draw:frame></draw:page>
        </office:presentation></office:body></office:document-content>"#
    );
    let found = passages("talk.odp", &[("content.xml", &content)]);
    assert_eq!(
        found,
        [at(Place::Slide(1), "Title"), at(Place::Notes(1), "Say +33 6 12 34 56 78"), at(Place::Slide(2), "Second")]
    );
    let found = passages("map.odg", &[("content.xml", &content)]);
    assert_eq!(found[0], at(Place::Page(1), "Title"));
}

#[test]
fn the_addresses_of_links_to_write_to_or_call_are_read_in_every_format() {
    // Word keeps a link's address in the relationships of the part it is in; the text shows a name.
    let body = format!(
        r#"<w:document {W} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body><w:p><w:hyperlink r:id="rId5"><w:r><w:t>Awa</w:t></w:r></w:hyperlink></w:p></w:body></w:document>"#
    );
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
        <Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="mailto:awa.ndiaye%40example.org?subject=Workshop" TargetMode="External"/>
        <Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/" TargetMode="External"/>
        <Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="TEL:+221771234567" TargetMode="External"/>
        </Relationships>"#;
    let found = passages("links.docx", &[("word/document.xml", &body), ("word/_rels/document.xml.rels", rels)]);
    assert_eq!(
        found,
        [
            at(Place::Paragraph(1), "Awa"),
            at(Place::Link(1), "awa.ndiaye@example.org"),
            at(Place::Link(2), "+221771234567")
        ]
    );
    // OpenDocument and EPUB keep it on the link itself.
    let content = format!(
        r#"<office:document-content {OD} xmlns:xlink="http://www.w3.org/1999/xlink"><office:body><office:text><text:p><text:a xlink:type="simple" xlink:href="mailto:ali@example.org">Ali</text:a></text:p></office:text></office:body></office:document-content>"#
    );
    let found = passages("links.odt", &[("content.xml", &content)]);
    assert_eq!(found, [at(Place::Paragraph(1), "Ali"), at(Place::Link(1), "ali@example.org")]);
    let chapter = r#"<html xmlns="http://www.w3.org/1999/xhtml"><body><p><a href="tel:0612345678">Fatima</a> <a href="https://example.org">site</a></p></body></html>"#;
    let found = passages("links.epub", &[("OEBPS/ch1.xhtml", chapter)]);
    assert_eq!(found.last(), Some(&at(Place::Link(1), "0612345678")));
    assert_eq!(contact_address("mailto:"), None);
    assert_eq!(contact_address("mailtox:a@b.org"), None);
}

#[test]
fn an_epub_s_files_are_read_paragraph_by_paragraph() {
    let chapter = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>One</title><style>p { color: red }</style></head>
<body><h1>Chapter&nbsp;one</h1><ul><li><p>Contact:&#160;awa@example.org</p></li></ul><div>Loose text</div></body></html>"#;
    let found = passages(
        "book.epub",
        &[("mimetype", "application/epub+zip"), ("OEBPS/content.opf", "<package/>"), ("OEBPS/ch1.xhtml", chapter)],
    );
    let chapter = |paragraph| Place::Chapter { file: "OEBPS/ch1.xhtml".to_string(), paragraph };
    assert_eq!(
        found,
        [
            at(chapter(1), "One"),
            at(chapter(2), "Chapter one"),
            at(chapter(3), "Contact:\u{a0}awa@example.org"),
            at(chapter(4), "Loose text"),
        ]
    );
    assert_eq!(html_entities_as_xml("a &amp; b&nbsp;c &#233; &eacute; & d"), "a &amp; b c &#233;   & d");
}

#[test]
fn a_document_that_cannot_be_read_says_why() {
    let broken = |name: &str, parts: &[(&str, &str)]| match read(name, parts) {
        Err(Unread::Broken(reason)) => reason,
        other => panic!("{name}: {other:?}"),
    };
    assert!(broken("empty.docx", &[("word/other.xml", "<x/>")]).contains("it has no word/document.xml"));
    assert!(broken("broken.odt", &[("content.xml", "<office:document-content>")]).starts_with("content.xml: "));
    let entity = r#"<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document/>"#;
    assert!(broken("entity.docx", &[("word/document.xml", entity)]).starts_with("word/document.xml: "));
    // Not a zip archive at all: an old `.doc` renamed.
    let dir = std::env::temp_dir().join(format!("fieldbook-documents-{}-notzip", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("old.docx"), b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 word 97").unwrap();
    assert!(matches!(read_zip(&dir.join("old.docx"), "docx"), Err(Unread::Broken(_))));
    std::fs::remove_dir_all(&dir).unwrap();
    // An archive without slides is an empty presentation, read as such.
    assert_eq!(passages("empty.pptx", &[("[Content_Types].xml", "<Types/>")]), []);
}

#[test]
fn a_zip_bomb_is_stopped_at_the_text_budget() {
    // 20 MB of spaces deflate to some 20 KB; only the budget and one byte are inflated.
    let padding = " ".repeat(MAX_TEXT_BYTES as usize);
    let xml = format!("<w:document {W}><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p>{padding}</w:body></w:document>");
    assert_eq!(read("bomb.docx", &[("word/document.xml", &xml)]), Err(Unread::TooLarge));
    // The budget holds for the parts together.
    let half = " ".repeat(MAX_TEXT_BYTES as usize / 2 + 1);
    let slide = format!("<p:sld {P}>{half}</p:sld>");
    assert_eq!(
        read("bombs.pptx", &[("ppt/slides/slide1.xml", &slide), ("ppt/slides/slide2.xml", &slide)]),
        Err(Unread::TooLarge)
    );
}

#[test]
fn xml_nested_too_deep_for_the_reader_is_refused_and_deep_enough_is_read() {
    let nested = |depth: usize| {
        let (open, close) = ("<w:b>".repeat(depth), "</w:b>".repeat(depth));
        format!("<w:document {W}>{open}<w:p><w:r><w:t>deep</w:t></w:r></w:p>{close}</w:document>")
    };
    // The reader would overflow its stack: refused before it starts.
    let Err(Unread::Broken(reason)) = read("deep.docx", &[("word/document.xml", &nested(100_000))]) else {
        panic!("read")
    };
    assert!(reason.ends_with("nested more than 256 deep"), "{reason}");
    let found = passages("deep.docx", &[("word/document.xml", &nested(MAX_XML_DEPTH - 5))]);
    assert_eq!(found, [at(Place::Paragraph(1), "deep")]);
}

/// What WordPad writes for a page typed into it.
const WORDPAD: &[u8] = b"{\\rtf1\\ansi\\ansicpg1252\\deff0\\nouicompat\\deflang1036{\\fonttbl{\\f0\\fnil\\fcharset0 Calibri;}}\r\n{\\*\\generator Riched20 10.0.19041}\\viewkind4\\uc1 \r\n\\pard\\sa200\\sl276\\slmult1\\f0\\fs22\\lang12 ---\\par\r\ntitle: Bargny\\par\r\nstatus: confidential\\par\r\ninternal_notes: Le chef de quartier a signal\\'e9 trois familles.\\par\r\n---\\par\r\nTexte.\\par\r\n}\r\n";

#[test]
fn a_page_typed_into_wordpad_is_read_paragraph_by_paragraph() {
    let text: Vec<(Place, String)> =
        read_rtf(WORDPAD).into_iter().map(|p| (p.place, p.text.trim().to_string())).collect();
    assert_eq!(
        text,
        [
            at(Place::Paragraph(1), "---"),
            at(Place::Paragraph(2), "title: Bargny"),
            at(Place::Paragraph(3), "status: confidential"),
            at(Place::Paragraph(4), "internal_notes: Le chef de quartier a signalé trois familles."),
            at(Place::Paragraph(5), "---"),
            at(Place::Paragraph(6), "Texte."),
        ]
    );
    assert!(read_rtf(b"{\\rtf1 unterminated \\").iter().all(|p| p.text.trim() == "unterminated"));
    assert!(read_rtf(b"{\\rtf1 \\u-").is_empty(), "a truncated file is read without a panic");
}

#[test]
fn an_rtf_s_headers_footnotes_and_comments_are_placed() {
    let rtf = b"{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}{\\info{\\author Staff Name}}\
{\\header \\pard Field office 0612345678\\par}{\\footerl \\pard Page\\par}\
\\pard Rapport{\\b annuel}\\par \
Awa{\\super\\chftn}{\\footnote \\pard\\plain{\\super\\chftn} Entretien awa@example.org}\\par\
{\\*\\atnid AB}{\\*\\atnauthor Reviewer}\\chatn{\\*\\annotation{\\*\\atndate 1}\\pard Remove her name\\par}\
\\u1633?\\u1634?\\u1635?\\par}";
    let found: Vec<(Place, String)> = read_rtf(rtf).into_iter().map(|p| (p.place, p.text.trim().to_string())).collect();
    assert_eq!(
        found,
        [
            at(Place::Header, "Field office 0612345678"),
            at(Place::Footer, "Page"),
            at(Place::Paragraph(1), "Rapportannuel"),
            at(Place::Footnote(1), "Entretien awa@example.org"),
            at(Place::Paragraph(2), "Awa"),
            at(Place::Comment(1), "Remove her name"),
            at(Place::Paragraph(3), "١٢٣"),
        ]
    );
}

#[test]
fn every_document_is_read_or_said_to_be_published_unread() {
    use crate::load::asset::{DOCUMENTS, DOCUMENTS_UNREAD};
    for extension in DOCUMENTS {
        assert_ne!(READ.contains(&extension), DOCUMENTS_UNREAD.contains(&extension), "{extension}");
    }
    assert!(READ.iter().all(|e| DOCUMENTS.contains(e)));
}

#[test]
fn relationship_targets_are_resolved_from_their_part_s_folder() {
    assert_eq!(resolve("ppt/slides", "../notesSlides/notesSlide1.xml"), "ppt/notesSlides/notesSlide1.xml");
    assert_eq!(resolve("ppt", "slides/slide1.xml"), "ppt/slides/slide1.xml");
    assert_eq!(resolve("ppt", "/ppt/slides/slide2.xml"), "ppt/slides/slide2.xml");
    assert_eq!(resolve("ppt", "../../../etc/passwd"), "etc/passwd");
    assert_eq!(number_in("ppt/slides/slide12.xml"), 12);
}

#[test]
fn nesting_is_counted_from_the_tags() {
    assert!(!nested_deeper_than("<a><b/><c x='>' y=\"/>\"><d/></c></a>", 2));
    assert!(nested_deeper_than("<a><b><c></c></b></a>", 2));
    assert!(!nested_deeper_than("<?xml version='1.0'?><!-- <x><y><z> --><a>1 &lt; 2</a><b></b>", 1));
    assert!(nested_deeper_than("<a><b><c>", 2), "unclosed tags count");
}
