//! The text of the documents published from `content/`, read so that it can be scanned for
//! personal data like a page, each passage with the place in the document it comes from.
//!
//! What is read, and how a passage is placed:
//!
//! - Word (`.docx`): the body (`word/document.xml`, a paragraph numbered among those with
//!   text, deleted text of tracked changes included, since it stays in the file), headers and
//!   footers, footnotes, endnotes and comments (`word/comments.xml`), each numbered.
//! - PowerPoint (`.pptx`): each slide, in the order the presentation shows them, its notes,
//!   and the comments.
//! - OpenDocument text (`.odt`): the body's paragraphs and headings, its footnotes, endnotes and
//!   comments (`content.xml`), and the pages' headers and footers (`styles.xml`).
//! - OpenDocument presentations and drawings (`.odp`, `.odg`): each slide or page, the notes
//!   of a slide, the comments.
//! - EPUB: each XHTML file of the book, a paragraph (or heading, list item, table cell)
//!   numbered among those of that file with text.
//! - RTF: the body's paragraphs, headers, footers, footnotes and comments.
//! - In every format but RTF, the address of each link to write to (`mailto:`) or call
//!   (`tel:`), numbered in the document's order: a name in the text may link to the person's
//!   address, which the text does not show.
//!
//! A page number is not knowable without laying the document out, so none is given. What
//! cannot be read (not a zip archive, a part that is not XML, a part missing) is [`Unread`],
//! and so is a document whose text inflates to more than [`MAX_TEXT_BYTES`], so that a zip
//! bomb costs no more than a large data file. The documents' properties (`docProps/core.xml`,
//! `meta.xml`: who wrote and last saved it) are not read.

use std::io::Read;

use roxmltree::{Document, Node};

/// Most text inflated out of one document's archive, its XML parts together.
pub(super) const MAX_TEXT_BYTES: u64 = super::assets::MAX_DATA_BYTES;

/// Most elements in one XML part: more than any real document has in the text budget.
const MAX_NODES: u32 = 4_000_000;

/// Deepest nesting of XML elements parsed. The XML reader recurses once an element, so XML
/// nested deeper could exhaust its thread's stack; a real document nests a few dozen deep.
pub(super) const MAX_XML_DEPTH: usize = 256;

/// The documents whose text is read: the others (`load::asset::DOCUMENTS_UNREAD`: PDF,
/// `.doc`, `.ppt`) are published unread.
pub(super) const READ: [&str; 7] = ["docx", "pptx", "odt", "odp", "odg", "epub", "rtf"];

/// Where in a document a passage is. Numbers count from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Place {
    /// A paragraph of the body, numbered among those with text.
    Paragraph(usize),
    /// A header of the pages.
    Header,
    /// A footer of the pages.
    Footer,
    /// A footnote, numbered in the order of the document.
    Footnote(usize),
    /// An endnote.
    Endnote(usize),
    /// A reviewer's comment.
    Comment(usize),
    /// A slide, in the order the presentation shows them.
    Slide(usize),
    /// The speaker's notes of a slide.
    Notes(usize),
    /// A page of a drawing.
    Page(usize),
    /// The address of a link to write to or call (`mailto:`, `tel:`), numbered in the
    /// document's order.
    Link(usize),
    /// A paragraph of one file of an EPUB book.
    Chapter {
        /// The file's path in the book.
        file: String,
        /// The paragraph, numbered among those of the file with text.
        paragraph: usize,
    },
}

/// A piece of a document's text and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Passage {
    /// Where it is.
    pub place: Place,
    /// Its text, runs joined, tabs and line breaks as spaces.
    pub text: String,
}

/// Why a document's text was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Unread {
    /// It is not what its name says, or is damaged: the reason, in English (the zip or XML
    /// reader's words).
    Broken(String),
    /// Its text inflates to more than [`MAX_TEXT_BYTES`].
    TooLarge,
}

/// The passages of the zip document (`docx`, `pptx`, `odt`, `odp`, `odg`, `epub`) at `path`.
pub(super) fn read_zip(path: &std::path::Path, extension: &str) -> Result<Vec<Passage>, Unread> {
    let file = std::fs::File::open(path).map_err(|e| Unread::Broken(e.kind().to_string()))?;
    let archive = zip::ZipArchive::new(file).map_err(|e| Unread::Broken(e.to_string()))?;
    let mut parts = Parts { archive, budget: MAX_TEXT_BYTES, links: Vec::new() };
    let mut passages = match extension {
        "docx" => docx(&mut parts),
        "pptx" => pptx(&mut parts),
        "odt" => odt(&mut parts),
        "odp" | "odg" => odp(&mut parts, extension == "odg"),
        "epub" => epub(&mut parts),
        _ => Ok(Vec::new()),
    }?;
    // Word and PowerPoint keep a link's address in the relationships of its part;
    // OpenDocument and EPUB on the link, read with the part.
    if matches!(extension, "docx" | "pptx") {
        relationship_links(&mut parts)?;
    }
    passages.extend(placed(parts.links, Place::Link));
    Ok(passages)
}

/// The passages of an RTF file, `bytes` its whole text.
pub(super) fn read_rtf(bytes: &[u8]) -> Vec<Passage> {
    let mut passages = Vec::new();
    let mut paragraph = 0;
    for (group, text) in rtf::paragraphs(bytes) {
        if text.trim().is_empty() {
            continue;
        }
        let place = match group {
            rtf::Group::Body => {
                paragraph += 1;
                Place::Paragraph(paragraph)
            }
            rtf::Group::Header => Place::Header,
            rtf::Group::Footer => Place::Footer,
            rtf::Group::Footnote(n) => Place::Footnote(n),
            rtf::Group::Annotation(n) => Place::Comment(n),
            rtf::Group::Skipped => continue,
        };
        passages.push(Passage { place, text });
    }
    passages
}

/// The text of the body of a word processor's document, a paragraph each, for finding a page
/// typed into one.
pub(super) fn body_paragraphs(passages: &[Passage]) -> impl Iterator<Item = String> + '_ {
    passages.iter().filter(|p| matches!(p.place, Place::Paragraph(_))).map(|p| p.text.clone())
}

/// The parts of a document's archive, read within what is left of the budget.
struct Parts {
    archive: zip::ZipArchive<std::fs::File>,
    budget: u64,
    /// The addresses of the links to write to or call found so far, in the document's order.
    links: Vec<String>,
}

impl Parts {
    /// The text of the part `name`, `None` if the archive has no such part.
    fn text(&mut self, name: &str) -> Result<Option<String>, Unread> {
        let part = match self.archive.by_name(name) {
            Ok(part) => part,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(Unread::Broken(format!("{name}: {e}"))),
        };
        let mut bytes = Vec::new();
        part.take(self.budget + 1).read_to_end(&mut bytes).map_err(|e| Unread::Broken(format!("{name}: {e}")))?;
        if bytes.len() as u64 > self.budget {
            return Err(Unread::TooLarge);
        }
        self.budget -= bytes.len() as u64;
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        Ok(Some(String::from_utf8_lossy(bytes).into_owned()))
    }

    /// The text of the part `name`, which the document must have.
    fn required(&mut self, name: &str) -> Result<String, Unread> {
        self.text(name)?.ok_or_else(|| Unread::Broken(format!("it has no {name}")))
    }

    /// The names of the parts for which `wanted` holds, in the archive's order.
    fn names(&self, wanted: impl Fn(&str) -> bool) -> Vec<String> {
        self.archive.file_names().filter_map(Result::ok).filter(|n| wanted(n)).map(|n| n.into_owned()).collect()
    }
}

/// `xml` parsed, or why it cannot be, named by its part.
fn parse<'x>(name: &str, xml: &'x str, allow_dtd: bool) -> Result<Document<'x>, Unread> {
    if nested_deeper_than(xml, MAX_XML_DEPTH) {
        return Err(Unread::Broken(format!("{name}: its elements are nested more than {MAX_XML_DEPTH} deep")));
    }
    let options = roxmltree::ParsingOptions { allow_dtd, nodes_limit: MAX_NODES };
    Document::parse_with_options(xml, options).map_err(|e| Unread::Broken(format!("{name}: {e}")))
}

/// Whether the elements of `xml` are nested deeper than `limit`, counted from its tags
/// without parsing it: an opening tag goes one deeper unless it ends in `/>`, a closing tag
/// one back; comments, processing instructions and declarations do not count, and quotes are
/// followed inside a tag, where `>` may be written as it is.
pub(super) fn nested_deeper_than(xml: &str, limit: usize) -> bool {
    let bytes = xml.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(at) = memchr::memchr(b'<', &bytes[i..]) {
        i += at + 1;
        let rest = &bytes[i..];
        let skipped_to = |end: &[u8]| memchr::memmem::find(rest, end).map_or(bytes.len(), |at| i + at + end.len());
        match bytes.get(i) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(b'!') if rest.starts_with(b"!--") => i = skipped_to(b"-->"),
            Some(b'!') if rest.starts_with(b"![CDATA[") => i = skipped_to(b"]]>"),
            Some(b'?') => i = skipped_to(b"?>"),
            Some(c) if c.is_ascii_alphabetic() || matches!(c, b'_' | b':') || *c >= 0x80 => {
                let mut quote = None;
                let mut previous = 0u8;
                while let Some(&c) = bytes.get(i) {
                    match (quote, c) {
                        (None, b'"' | b'\'') => quote = Some(c),
                        (Some(q), c) if c == q => quote = None,
                        (None, b'>') => break,
                        _ => {}
                    }
                    previous = c;
                    i += 1;
                }
                if previous != b'/' {
                    depth += 1;
                    if depth > limit {
                        return true;
                    }
                }
            }
            _ => {}
        }
    }
    false
}

/// What the text walk does at an element.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Element {
    /// A paragraph: its text, that of elements nested in it that are not paragraphs, is one.
    Paragraph,
    /// A tab or a line break: a space in the text.
    Space,
    /// Not read here (a comment inside a paragraph, read on its own; a fallback copy).
    Skipped,
    /// Anything else: its text belongs to the paragraph around it.
    Other,
}

/// The text of each paragraph under `root`, in the order they open, those without text left
/// out; a paragraph nested in another (a text box) is one of its own. Walked in document order
/// without recursion, each element's state on a stack until its subtree ends (nodes are
/// numbered in document order), so that deeply nested XML costs no call stack.
fn paragraphs(root: Node, kind: impl Fn(Node) -> Element) -> Vec<String> {
    /// An open element: where its subtree ends, the paragraph its text goes to, whether it is
    /// skipped.
    struct Open {
        end: usize,
        paragraph: Option<usize>,
        skipped: bool,
    }
    let mut found: Vec<String> = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    for node in root.descendants() {
        let id = node.id().get_usize();
        while open.last().is_some_and(|o| o.end <= id) {
            open.pop();
        }
        let (paragraph, skipped, end) =
            open.last().map_or((None, false, usize::MAX), |o| (o.paragraph, o.skipped, o.end));
        if node.is_text() {
            if let (Some(i), false, Some(text)) = (paragraph, skipped, node.text()) {
                found[i].push_str(text);
            }
            continue;
        }
        if !node.is_element() {
            continue;
        }
        let end = node.next_sibling().map_or(end, |s| s.id().get_usize());
        let mut state = Open { end, paragraph, skipped };
        if !skipped {
            match kind(node) {
                Element::Paragraph => {
                    found.push(String::new());
                    state.paragraph = Some(found.len() - 1);
                }
                Element::Space => {
                    if let Some(i) = paragraph {
                        found[i].push(' ');
                    }
                }
                Element::Skipped => state.skipped = true,
                Element::Other => {}
            }
        }
        open.push(state);
    }
    found.retain(|p| !p.trim().is_empty());
    found
}

/// Each of `texts` as a passage at `place`.
fn placed(texts: Vec<String>, place: impl Fn(usize) -> Place) -> impl Iterator<Item = Passage> {
    texts.into_iter().enumerate().map(move |(i, text)| Passage { place: place(i + 1), text })
}

/// Word's elements: `w:p` paragraphs, tabs and breaks; the fallback copy of a drawing (whose
/// text boxes are there twice) skipped.
fn word_element(node: Node) -> Element {
    match node.tag_name().name() {
        "p" => Element::Paragraph,
        "tab" | "br" | "cr" => Element::Space,
        "Fallback" => Element::Skipped,
        _ => Element::Other,
    }
}

fn docx(parts: &mut Parts) -> Result<Vec<Passage>, Unread> {
    let mut passages = Vec::new();
    let name = "word/document.xml";
    let xml = parts.required(name)?;
    let document = parse(name, &xml, false)?;
    passages.extend(placed(paragraphs(document.root(), word_element), Place::Paragraph));
    for name in parts.names(|n| (n.starts_with("word/header") || n.starts_with("word/footer")) && n.ends_with(".xml")) {
        let Some(xml) = parts.text(&name)? else { continue };
        let document = parse(&name, &xml, false)?;
        let header = name.starts_with("word/header");
        passages.extend(placed(paragraphs(document.root(), word_element), |_| {
            if header { Place::Header } else { Place::Footer }
        }));
    }
    // Footnotes and endnotes, each numbered, the separators Word keeps among them left out;
    // comments, each numbered.
    for (name, element, place) in [
        ("word/footnotes.xml", "footnote", Place::Footnote as fn(usize) -> Place),
        ("word/endnotes.xml", "endnote", Place::Endnote),
        ("word/comments.xml", "comment", Place::Comment),
    ] {
        let Some(xml) = parts.text(name)? else { continue };
        let document = parse(name, &xml, false)?;
        // Separators have a `w:type`; a note of the text has none, or `normal`.
        let notes = document
            .root_element()
            .children()
            .filter(|n| n.tag_name().name() == element && attribute(*n, "type").is_none_or(|t| t == "normal"));
        for (i, note) in notes.enumerate() {
            passages.extend(placed(paragraphs(note, word_element), |_| place(i + 1)));
        }
    }
    Ok(passages)
}

/// The address a link leads to when it is one to write to or call (`mailto:amina@example.org`,
/// `tel:+221…`): without its scheme and what follows `?` (a subject), percent-escapes
/// decoded.
fn contact_address(target: &str) -> Option<String> {
    let target = target.trim();
    let scheme_end = target.find(':')?;
    let (scheme, rest) = (&target[..scheme_end], &target[scheme_end + 1..]);
    if !scheme.eq_ignore_ascii_case("mailto") && !scheme.eq_ignore_ascii_case("tel") {
        return None;
    }
    let address = rest.split('?').next().unwrap_or_default();
    let decoded = percent_encoding::percent_decode_str(address).decode_utf8_lossy().trim().to_string();
    (!decoded.is_empty()).then_some(decoded)
}

/// The links to write to or call under `root`, in an OpenDocument (`xlink:href`) or XHTML
/// (`href`) part, added to `links`.
fn href_links(root: Node, links: &mut Vec<String>) {
    links.extend(
        root.descendants().filter(Node::is_element).filter_map(|n| attribute(n, "href").and_then(contact_address)),
    );
}

/// The links to write to or call of an Office document: external relationships of any part
/// (`word/_rels/document.xml.rels`, a slide's), where Word and PowerPoint keep a link's
/// address.
fn relationship_links(parts: &mut Parts) -> Result<(), Unread> {
    for name in parts.names(|n| n.ends_with(".rels")) {
        let Some(xml) = parts.text(&name)? else { continue };
        let document = parse(&name, &xml, false)?;
        let links = document
            .descendants()
            .filter(|n| n.tag_name().name() == "Relationship" && attribute(*n, "TargetMode") == Some("External"))
            .filter_map(|n| attribute(n, "Target").and_then(contact_address));
        parts.links.extend(links);
    }
    Ok(())
}

/// The value of the attribute with the local name `name`, in any namespace.
fn attribute<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes().find(|a| a.name() == name).map(|a| a.value())
}

/// PowerPoint's elements (DrawingML): `a:p` paragraphs, tabs and breaks.
fn slide_element(node: Node) -> Element {
    match node.tag_name().name() {
        "p" => Element::Paragraph,
        "br" | "tab" => Element::Space,
        "Fallback" => Element::Skipped,
        _ => Element::Other,
    }
}

/// The part a relationship's target names, from the folder of the part that has it.
fn resolve(folder: &str, target: &str) -> String {
    if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_string();
    }
    let mut path: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
    for segment in target.split('/') {
        match segment {
            ".." => {
                path.pop();
            }
            "." | "" => {}
            segment => path.push(segment),
        }
    }
    path.join("/")
}

/// The relationships of the part `name` (`ppt/slides/slide1.xml`): each id and type with the
/// part it leads to.
fn relationships(parts: &mut Parts, name: &str) -> Result<Vec<(String, String, String)>, Unread> {
    let (folder, file) = name.rsplit_once('/').unwrap_or(("", name));
    let rels = format!("{folder}/_rels/{file}.rels");
    let Some(xml) = parts.text(&rels)? else { return Ok(Vec::new()) };
    let document = parse(&rels, &xml, false)?;
    Ok(document
        .descendants()
        .filter(|n| n.tag_name().name() == "Relationship")
        .filter(|n| attribute(*n, "TargetMode") != Some("External"))
        .filter_map(|n| {
            let (id, kind, target) = (attribute(n, "Id")?, attribute(n, "Type")?, attribute(n, "Target")?);
            Some((id.to_string(), kind.to_string(), resolve(folder, target)))
        })
        .collect())
}

/// The slides' parts in the order the presentation shows them; those it does not list (or
/// all, when the presentation's list cannot be followed) after, by their number.
fn slide_order(parts: &mut Parts) -> Result<Vec<String>, Unread> {
    let mut order = Vec::new();
    let name = "ppt/presentation.xml";
    if let Some(xml) = parts.text(name)? {
        let document = parse(name, &xml, false)?;
        let targets = relationships(parts, name)?;
        for slide in document.descendants().filter(|n| n.tag_name().name() == "sldId") {
            // The relationship's id is `r:id`; the slide's own number is `id`, without a prefix.
            let id = slide.attributes().find(|a| a.name() == "id" && a.namespace().is_some()).map(|a| a.value());
            if let Some((_, _, target)) = targets.iter().find(|(rid, _, _)| Some(rid.as_str()) == id) {
                order.push(target.clone());
            }
        }
    }
    let mut rest = parts.names(|n| n.starts_with("ppt/slides/slide") && n.ends_with(".xml"));
    rest.retain(|n| !order.contains(n));
    rest.sort_by_key(|n| number_in(n));
    order.extend(rest);
    Ok(order)
}

/// The number in a part's name: 12 for `ppt/slides/slide12.xml`.
fn number_in(name: &str) -> usize {
    let file = name.rsplit('/').next().unwrap_or(name);
    file.chars().filter(char::is_ascii_digit).collect::<String>().parse().unwrap_or(usize::MAX)
}

fn pptx(parts: &mut Parts) -> Result<Vec<Passage>, Unread> {
    let mut passages = Vec::new();
    for (i, name) in slide_order(parts)?.into_iter().enumerate() {
        let Some(xml) = parts.text(&name)? else { continue };
        let document = parse(&name, &xml, false)?;
        passages.extend(placed(paragraphs(document.root(), slide_element), |_| Place::Slide(i + 1)));
        for (_, kind, target) in relationships(parts, &name)? {
            if !kind.ends_with("/notesSlide") {
                continue;
            }
            let Some(xml) = parts.text(&target)? else { continue };
            let document = parse(&target, &xml, false)?;
            passages.extend(placed(paragraphs(document.root(), slide_element), |_| Place::Notes(i + 1)));
        }
    }
    // Comments: the old `p:cm` with its `p:text`, or the modern ones with DrawingML paragraphs.
    let mut comment = 0;
    for name in parts.names(|n| n.starts_with("ppt/comments/") && n.ends_with(".xml")) {
        let Some(xml) = parts.text(&name)? else { continue };
        let document = parse(&name, &xml, false)?;
        for node in document.root_element().children().filter(Node::is_element) {
            let text = paragraphs(node, |n| match n.tag_name().name() {
                "text" | "p" => Element::Paragraph,
                other => slide_element_other(other),
            });
            if !text.is_empty() {
                comment += 1;
                passages.extend(placed(text, |_| Place::Comment(comment)));
            }
        }
    }
    Ok(passages)
}

fn slide_element_other(name: &str) -> Element {
    if matches!(name, "br" | "tab") { Element::Space } else { Element::Other }
}

/// OpenDocument's elements: paragraphs and headings, tabs, spaces and line breaks; comments,
/// notes of a slide and footnotes are skipped where they sit, read on their own.
fn open_document_element(node: Node) -> Element {
    match node.tag_name().name() {
        "p" | "h" => Element::Paragraph,
        "tab" | "s" | "line-break" => Element::Space,
        "annotation" | "note" | "notes" => Element::Skipped,
        _ => Element::Other,
    }
}

/// The comments, footnotes and endnotes under `root`, each kind numbered in the document's
/// order.
fn open_document_notes(root: Node, passages: &mut Vec<Passage>) {
    let mut numbers = [0; 3];
    for node in root.descendants().filter(Node::is_element) {
        let (index, place): (usize, fn(usize) -> Place) = match node.tag_name().name() {
            "annotation" => (0, Place::Comment),
            "note" if attribute(node, "note-class") == Some("endnote") => (2, Place::Endnote),
            "note" => (1, Place::Footnote),
            _ => continue,
        };
        // A note's body, without its citation (the number in the text).
        let text = paragraphs(node, |n| match n.tag_name().name() {
            _ if n == node => Element::Other,
            "note-citation" | "creator" | "date" => Element::Skipped,
            _ => open_document_element(n),
        });
        numbers[index] += 1;
        let number = numbers[index];
        passages.extend(placed(text, |_| place(number)));
    }
}

fn odt(parts: &mut Parts) -> Result<Vec<Passage>, Unread> {
    let mut passages = Vec::new();
    let name = "content.xml";
    let xml = parts.required(name)?;
    let document = parse(name, &xml, false)?;
    passages.extend(placed(paragraphs(document.root(), open_document_element), Place::Paragraph));
    open_document_notes(document.root(), &mut passages);
    href_links(document.root(), &mut parts.links);
    let name = "styles.xml";
    if let Some(xml) = parts.text(name)? {
        let document = parse(name, &xml, false)?;
        href_links(document.root(), &mut parts.links);
        let pages = document.descendants().filter(|n| n.tag_name().name() == "master-page");
        for part in pages.flat_map(|page| page.children()).filter(Node::is_element) {
            let place = match part.tag_name().name() {
                name if name.starts_with("header") => Place::Header,
                name if name.starts_with("footer") => Place::Footer,
                _ => continue,
            };
            passages.extend(placed(paragraphs(part, open_document_element), |_| place.clone()));
        }
    }
    Ok(passages)
}

/// A presentation's slides or a drawing's pages (`draw:page`), with a slide's notes.
fn odp(parts: &mut Parts, drawing: bool) -> Result<Vec<Passage>, Unread> {
    let mut passages = Vec::new();
    let name = "content.xml";
    let xml = parts.required(name)?;
    let document = parse(name, &xml, false)?;
    let pages = document.descendants().filter(|n| {
        n.tag_name().name() == "page" && n.tag_name().namespace().is_some_and(|ns| ns.contains(":drawing:"))
    });
    for (i, page) in pages.enumerate() {
        let place = if drawing { Place::Page(i + 1) } else { Place::Slide(i + 1) };
        passages.extend(placed(paragraphs(page, open_document_element), |_| place.clone()));
        for notes in page.children().filter(|n| n.tag_name().name() == "notes") {
            let text = paragraphs(notes, |n| match n.tag_name().name() {
                "notes" => Element::Other,
                _ => open_document_element(n),
            });
            passages.extend(placed(text, |_| Place::Notes(i + 1)));
        }
    }
    open_document_notes(document.root(), &mut passages);
    href_links(document.root(), &mut parts.links);
    Ok(passages)
}

/// The block elements of XHTML whose text is a paragraph; `body` catches text outside them.
fn xhtml_element(node: Node) -> Element {
    match node.tag_name().name() {
        "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "td" | "th" | "dt" | "dd" | "div" | "body"
        | "blockquote" | "pre" | "caption" | "figcaption" | "section" | "aside" | "title" => Element::Paragraph,
        "br" => Element::Space,
        "script" | "style" => Element::Skipped,
        _ => Element::Other,
    }
}

fn epub(parts: &mut Parts) -> Result<Vec<Passage>, Unread> {
    let mut passages = Vec::new();
    let files = parts.names(|n| {
        let n = n.to_ascii_lowercase();
        n.ends_with(".xhtml") || n.ends_with(".html") || n.ends_with(".htm")
    });
    for name in files {
        let Some(xml) = parts.text(&name)? else { continue };
        let xml = html_entities_as_xml(&xml);
        // XHTML files declare `<!DOCTYPE html>`: a DTD, whose entities roxmltree expands
        // within its own limits and never from elsewhere.
        let document = parse(&name, &xml, true)?;
        let texts = paragraphs(document.root(), xhtml_element);
        passages.extend(placed(texts, |n| Place::Chapter { file: name.clone(), paragraph: n }));
        href_links(document.root(), &mut parts.links);
    }
    Ok(passages)
}

/// HTML's named character references (`&nbsp;`, `&eacute;`), which XML does not know, as a
/// space: books made by older tools use them, and the text around them is what is scanned.
fn html_entities_as_xml(xml: &str) -> std::borrow::Cow<'_, str> {
    const XML: [&str; 5] = ["amp", "lt", "gt", "quot", "apos"];
    if !xml.contains('&') {
        return xml.into();
    }
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let name_len = after.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(after.len());
        let name = &after[..name_len];
        if !name.is_empty() && after[name_len..].starts_with(';') && !XML.contains(&name) {
            out.push(' ');
            rest = &after[name_len + 1..];
        } else {
            out.push('&');
            rest = after;
        }
    }
    out.push_str(rest);
    out.into()
}

mod rtf;
#[cfg(test)]
mod tests;
