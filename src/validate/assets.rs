//! The files under `content/` that are not markdown: which are published, and what each kind
//! is checked for before it is.
//!
//! - Images are published as they are, but for the place a photo was taken (EXIF or XMP
//!   GPS), which a public build removes and `check` warns of: see
//!   `disclosure::image_location`.
//! - Documents whose text Fieldbook reads (docx, pptx, odt, odp, odg, epub, rtf) are scanned
//!   for email addresses and phone numbers like text data, comments, notes, headers and
//!   footers included, each finding placed by paragraph, slide or comment (see
//!   `validate::documents`); one that cannot be read is refused, as a spreadsheet is. PDF and
//!   the old binary formats (doc, ppt) are published unread: the guide says so.
//! - SVG images are parsed, and one that could run anything (a `<script>`, an `on...` event
//!   handler, a `javascript:` link, embedded HTML in `<foreignObject>`) or load anything from
//!   elsewhere (a link to another file, CSS with `@import` or an outside `url()`) is refused,
//!   since a browser runs an SVG opened on its own: see `validate::svg`.
//! - Text data (CSV, JSON, plain text) and spreadsheets (xlsx, xls, ods) are scanned for email
//!   addresses and phone numbers like content, since they are published as they are.
//! - A survey's submissions export (CSV or spreadsheet) is refused, and a survey form warned
//!   of, since each would publish what the site's pages do not: see `validate::survey_files`.
//! - Files a browser runs (HTML, JavaScript, CSS, XML) would bypass the markdown sanitizer, so
//!   they are refused unless `[markdown] trusted_html = true`.
//! - A page saved under another name (`bargny.md.txt`, `.markdown`, `.html`, or typed into a
//!   word processor: `.rtf`, `.docx`, `.odt`) is refused, since published as a file it would show
//!   its frontmatter as it is: see `validate::misnamed`.
//! - Anything else (archives, programs, recordings) is not published, with a warning.

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::disclosure::image_location;
use crate::load::{Asset, AssetKind, asset};
use crate::messages::Message;
use crate::source::{SourceFile, Span};

use super::documents::{self, Passage, Place, Unread};
use super::misnamed::{self, Misnamed};

/// Largest data file (text or spreadsheet) Fieldbook scans and publishes. A larger one could
/// not be checked for personal data in reasonable time, so it is refused.
pub const MAX_DATA_BYTES: u64 = 20 * 1024 * 1024;

/// Personal-data warnings shown for one data file; the rest are counted in one more warning.
const MAX_WARNINGS_PER_FILE: usize = 20;

/// What checking the assets found.
#[derive(Debug, Default)]
pub struct CheckedAssets {
    /// Those that may be published, in the order given.
    pub kept: Vec<Asset>,
    /// The paths under content/ of the others, in the order given.
    pub refused: Vec<String>,
    /// Every problem found.
    pub problems: Diagnostics,
}

/// Check each asset: those that may be published, those refused, and every problem found.
pub fn check_assets(assets: Vec<Asset>, config: &Config) -> CheckedAssets {
    use rayon::prelude::*;
    let checked: Vec<(Result<Asset, String>, Diagnostics)> = assets
        .into_par_iter()
        .map(|asset| {
            let diagnostics = check_asset(&asset, config.markdown.trusted_html);
            let publish = diagnostics.is_ok() && asset.kind != AssetKind::Other;
            (if publish { Ok(asset) } else { Err(asset.content_path) }, diagnostics)
        })
        .collect();
    let mut result = CheckedAssets::default();
    for (asset, problems) in checked {
        match asset {
            Ok(asset) => result.kept.push(asset),
            Err(path) => result.refused.push(path),
        }
        result.problems.extend(problems);
    }
    result
}

fn display(asset: &Asset) -> String {
    format!("content/{}", asset.content_path)
}

fn check_asset(asset: &Asset, trusted: bool) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    let extension = misnamed::extension(&asset.content_path);
    match asset.kind {
        AssetKind::Image => {
            let bytes = std::fs::read(&asset.path).map_err(|e| unreadable(asset, e));
            match bytes.map(|bytes| photo_location(asset, &bytes)) {
                Ok(Some(warning)) | Err(warning) => diagnostics.push(warning),
                Ok(None) => {}
            }
        }
        AssetKind::Document if documents::READ.contains(&extension.as_str()) => {
            check_document(asset, &extension, &mut diagnostics);
        }
        // PDF, doc, ppt: published unread, as the guide says.
        AssetKind::Document => {}
        // A page typed into a file named `.html` is refused for what it is, trusted or not:
        // published, it would show its frontmatter.
        AssetKind::Active if matches!(extension.as_str(), "html" | "htm") && opens_as_page(asset) => {
            diagnostics.push(page_misnamed(asset, Misnamed::Renamed));
        }
        AssetKind::Active if trusted => {}
        AssetKind::Active => diagnostics.push(
            Diagnostic::error_said("active-file", Location::file(display(asset)), Message::new("asset.active"))
                .with_help_said(Message::new("asset.active-help")),
        ),
        AssetKind::Svg => {
            if !trusted && let Some(d) = read_limited(asset, &mut diagnostics).and_then(|b| active_svg(asset, &b)) {
                diagnostics.push(d);
            }
        }
        AssetKind::TextData => {
            if let Some(bytes) = read_limited(asset, &mut diagnostics) {
                if misnamed::text_is_page(&bytes) {
                    // Not published, so its contents are not scanned as data.
                    diagnostics.push(page_misnamed(asset, Misnamed::Renamed));
                    return diagnostics;
                }
                let header = super::survey_files::text_header(&bytes);
                if let Some(column) = super::survey_files::export_column(header.iter().map(String::as_str)) {
                    diagnostics.push(super::survey_files::export_published(&display(asset), column));
                }
                scan_text(asset, &bytes, &mut diagnostics);
                if crate::geo::outlines::is_outline_file(&asset.content_path) {
                    check_outlines(asset, &bytes, &mut diagnostics);
                }
            }
        }
        AssetKind::Spreadsheet => {
            if read_limited(asset, &mut diagnostics).is_some() {
                scan_spreadsheet(asset, &mut diagnostics);
            }
        }
        AssetKind::Other if misnamed::is_markdown_extension(&extension) => {
            diagnostics.push(page_misnamed(asset, Misnamed::Renamed));
        }
        AssetKind::Other => diagnostics.push(
            Diagnostic::warning_said(
                "file-not-published",
                Location::file(display(asset)),
                Message::new("asset.not-published"),
            )
            .with_help_said(
                Message::new("asset.not-published-help")
                    .with("images", asset::IMAGES.join(", "))
                    .with("documents", asset::DOCUMENTS.join(", "))
                    .with("data", asset::TEXT_DATA.join(", "))
                    .with("spreadsheets", asset::SPREADSHEETS.join(", ")),
            ),
        ),
    }
    diagnostics
}

/// Whether the file's first lines are a frontmatter. Only its start is read: an HTML file of
/// a trusted site may be large.
fn opens_as_page(asset: &Asset) -> bool {
    use std::io::Read;
    let mut start = Vec::new();
    let read = std::fs::File::open(&asset.path).and_then(|file| file.take(64 * 1024).read_to_end(&mut start));
    read.is_ok() && misnamed::text_is_page(&start)
}

/// A document whose text Fieldbook reads: refused if it cannot be read or is a page typed into
/// a word processor, else scanned for personal data.
fn check_document(asset: &Asset, extension: &str, diagnostics: &mut Diagnostics) {
    let read = if extension == "rtf" {
        let Some(bytes) = read_limited(asset, diagnostics) else { return };
        Ok(documents::read_rtf(&bytes))
    } else {
        documents::read_zip(&asset.path, extension)
    };
    let passages = match read {
        Ok(passages) => passages,
        Err(Unread::Broken(reason)) => {
            diagnostics.push(
                Diagnostic::error_said(
                    "bad-document",
                    Location::file(display(asset)),
                    Message::new("document.unread").with("reason", reason),
                )
                .with_help_said(Message::new("document.unread-help")),
            );
            return;
        }
        Err(Unread::TooLarge) => {
            diagnostics.push(
                Diagnostic::error_said(
                    "file-too-large",
                    Location::file(display(asset)),
                    Message::new("document.too-large").number("limit", documents::MAX_TEXT_BYTES / 1_048_576),
                )
                .with_help_said(Message::new("document.too-large-help")),
            );
            return;
        }
    };
    if matches!(extension, "rtf" | "docx" | "odt")
        && misnamed::paragraphs_are_page(documents::body_paragraphs(&passages))
    {
        // Not published, so its text is not scanned as a document's.
        diagnostics.push(page_misnamed(asset, Misnamed::WordProcessor));
        return;
    }
    scan_document(asset, &passages, diagnostics);
}

/// Personal data in a document's text, placed by paragraph, slide, note or comment.
fn scan_document(asset: &Asset, passages: &[Passage], diagnostics: &mut Diagnostics) {
    let found: Vec<(&Place, &str, &str)> = passages
        .iter()
        .flat_map(|passage| {
            super::privacy::find_personal_data(&passage.text)
                .into_iter()
                .map(move |(start, end, what)| (&passage.place, &passage.text[start..end], what))
        })
        .collect();
    let mut warnings = found.iter().map(|&(place, shown, what)| {
        let code = contact_code(what);
        let finding =
            Message::new(if what == "email" { "document.email" } else { "document.phone" }).with("value", shown);
        let message = Message::new("document.at").phrase("place", place_in_document(place)).phrase("message", finding);
        Diagnostic::warning_said(code, Location::file(display(asset)), message)
            .with_help_said(Message::new("document.contact-help"))
    });
    push_capped(asset, &mut warnings, found.len(), diagnostics);
}

/// Where in a document a passage is, as said to the author.
fn place_in_document(place: &Place) -> Message {
    let n = |id: &'static str, n: usize| Message::new(id).number("n", n as u64);
    match place {
        Place::Paragraph(i) => n("document.paragraph", *i),
        Place::Header => Message::new("document.header"),
        Place::Footer => Message::new("document.footer"),
        Place::Footnote(i) => n("document.footnote", *i),
        Place::Endnote(i) => n("document.endnote", *i),
        Place::Comment(i) => n("document.comment", *i),
        Place::Slide(i) => n("document.slide", *i),
        Place::Notes(i) => n("document.notes", *i),
        Place::Page(i) => n("document.page", *i),
        Place::Link(i) => n("document.link", *i),
        Place::Chapter { file, paragraph } => n("document.chapter", *paragraph).with("file", file.clone()),
    }
}

/// A page saved under a name that does not end in `.md`: refused, with how to name it.
fn page_misnamed(asset: &Asset, how: Misnamed) -> Diagnostic {
    let renamed = misnamed::page_name(&asset.content_path);
    let help = match how {
        Misnamed::Renamed => Message::new("asset.page-misnamed-help").with("renamed", renamed),
        Misnamed::WordProcessor => Message::new("asset.page-word-processor-help").with("renamed", renamed),
    };
    Diagnostic::error_said("page-misnamed", Location::file(display(asset)), Message::new("asset.page-misnamed"))
        .with_help_said(help)
}

/// A photo that holds the place it was taken: the public site publishes it without it (see
/// [`crate::disclosure::image_location`]), and the original should lose it too.
fn photo_location(asset: &Asset, bytes: &[u8]) -> Option<Diagnostic> {
    let found = image_location::find(bytes);
    if !found.carries_position() {
        return None;
    }
    let side = |value: f64, negative: &'static str, positive: &'static str| {
        Message::new(if value < 0.0 { negative } else { positive })
    };
    let message = match found.position {
        Some(position) => Message::new("image-location.found")
            .decimal("latitude", position.latitude.abs(), 2)
            .phrase("north_south", side(position.latitude, "image-location.south", "image-location.north"))
            .decimal("longitude", position.longitude.abs(), 2)
            .phrase("east_west", side(position.longitude, "image-location.west", "image-location.east")),
        None if found.xmp_too_large => {
            Message::new("image-location.xmp-too-large").number("limit", image_location::MAX_XMP_BYTES / (1024 * 1024))
        }
        None => Message::new("image-location.found-unread"),
    };
    Some(
        Diagnostic::warning_said("image-location", Location::file(display(asset)), message)
            .with_help_said(Message::new("image-location.help")),
    )
}

fn unreadable(asset: &Asset, e: std::io::Error) -> Diagnostic {
    Diagnostic::error_said(
        "unreadable",
        Location::file(display(asset)),
        Message::new("file.unreadable").with("reason", e.kind().to_string()),
    )
}

/// The file's bytes, if it is small enough to check.
fn read_limited(asset: &Asset, diagnostics: &mut Diagnostics) -> Option<Vec<u8>> {
    let unreadable = |e: std::io::Error| unreadable(asset, e);
    let size = match std::fs::metadata(&asset.path) {
        Ok(meta) => meta.len(),
        Err(e) => {
            diagnostics.push(unreadable(e));
            return None;
        }
    };
    if size > MAX_DATA_BYTES {
        diagnostics.push(
            Diagnostic::error_said(
                "file-too-large",
                Location::file(display(asset)),
                Message::new("asset.too-large")
                    .with("size", format!("{:.1}", size as f64 / 1_048_576.0))
                    .number("limit", MAX_DATA_BYTES / 1_048_576),
            )
            .with_help_said(Message::new("asset.too-large-help")),
        );
        return None;
    }
    match std::fs::read(&asset.path) {
        Ok(bytes) => Some(bytes),
        Err(e) => {
            diagnostics.push(unreadable(e));
            None
        }
    }
}

/// Why an SVG could run something, located at the element, if it could.
fn active_svg(asset: &Asset, bytes: &[u8]) -> Option<Diagnostic> {
    let text = String::from_utf8_lossy(bytes);
    let options = roxmltree::ParsingOptions { allow_dtd: false, ..Default::default() };
    // The XML reader recurses once an element: an image nested deeper would exhaust the stack.
    let parsed = if documents::nested_deeper_than(&text, documents::MAX_XML_DEPTH) {
        Err(format!("its elements are nested more than {} deep", documents::MAX_XML_DEPTH))
    } else {
        roxmltree::Document::parse_with_options(&text, options).map_err(|e| e.to_string())
    };
    let document = match parsed {
        Ok(document) => document,
        Err(reason) => {
            return Some(
                Diagnostic::error_said(
                    "bad-svg",
                    Location::file(display(asset)),
                    Message::new("asset.bad-svg").with("reason", reason),
                )
                .with_help_said(Message::new("asset.bad-svg-help")),
            );
        }
    };
    let found = super::svg::find_active(&text, &document);
    let (offset, what) = found?;
    // Made only for an image that is refused: most SVGs pass.
    let source = SourceFile::new(display(asset), &asset.path, text.to_string());
    Some(
        Diagnostic::error_said(
            "active-svg",
            Location::at(&source, Span::new(offset, offset + 1)),
            Message::new("asset.active-svg").phrase("what", what),
        )
        .with_help_said(Message::new("asset.active-svg-help")),
    )
}

/// Personal data in a text data file, located by line and column.
fn scan_text(asset: &Asset, bytes: &[u8], diagnostics: &mut Diagnostics) {
    let text = String::from_utf8_lossy(bytes);
    let found = super::privacy::find_personal_data(&text);
    if found.is_empty() {
        return;
    }
    let source = SourceFile::new(display(asset), &asset.path, text.to_string());
    let mut warnings = found.iter().map(|&(start, end, what)| {
        let location = Location::at(&source, Span::new(start, end));
        personal_data(location, &source.text[start..end], what)
    });
    push_capped(asset, &mut warnings, found.len(), diagnostics);
}

/// A site's outlines (`content/maps/*.geojson`) must be GeoJSON the maps can draw.
fn check_outlines(asset: &Asset, bytes: &[u8], diagnostics: &mut Diagnostics) {
    let text = String::from_utf8_lossy(bytes);
    let Err(problem) = crate::geo::outlines::parse(&text) else { return };
    let source = SourceFile::new(display(asset), &asset.path, text.to_string());
    let location = match problem.at {
        Some((line, column)) => {
            let start: usize = source.text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
            let offset = (start + column.saturating_sub(1)).min(source.text.len());
            Location::at(&source, Span::new(offset, offset))
        }
        None => Location::file(display(asset)),
    };
    diagnostics.push(
        Diagnostic::error_said(
            "map-outlines",
            location,
            Message::new("asset.outlines").with("reason", problem.message),
        )
        .with_help_said(Message::new("asset.outlines-help")),
    );
}

/// Personal data in the cells of a spreadsheet, located by sheet and cell.
fn scan_spreadsheet(asset: &Asset, diagnostics: &mut Diagnostics) {
    use calamine::Reader;
    let mut workbook = match calamine::open_workbook_auto(&asset.path) {
        Ok(workbook) => workbook,
        Err(e) => {
            diagnostics.push(
                Diagnostic::error_said(
                    "bad-spreadsheet",
                    Location::file(display(asset)),
                    Message::new("asset.bad-spreadsheet").with("reason", e.to_string()),
                )
                .with_help_said(Message::new("asset.bad-spreadsheet-help")),
            );
            return;
        }
    };
    let sheets = workbook.sheet_names();
    if super::survey_files::is_form(sheets.iter().map(String::as_str)) {
        diagnostics.push(super::survey_files::form_published(&display(asset)));
    }
    let mut found = Vec::new();
    for (n, name) in sheets.into_iter().enumerate() {
        let Ok(range) = workbook.worksheet_range(&name) else { continue };
        // KoBoToolbox and ODK Central put the submissions on the first sheet.
        if n == 0 {
            let header: Vec<String> =
                range.rows().next().map(|row| row.iter().map(ToString::to_string).collect()).unwrap_or_default();
            if let Some(column) = super::survey_files::export_column(header.iter().map(String::as_str)) {
                diagnostics.push(super::survey_files::export_published(&display(asset), column));
            }
        }
        let (top, left) = range.start().unwrap_or((0, 0));
        for (row, column, cell) in range.used_cells() {
            let calamine::Data::String(text) = cell else { continue };
            for (start, end, what) in super::privacy::find_personal_data(text) {
                let cell = format!("{name}!{}{}", column_name(left as usize + column), top as usize + row + 1);
                found.push((cell, text[start..end].to_string(), what));
            }
        }
    }
    let count = found.len();
    let mut warnings = found.into_iter().map(|(cell, shown, what)| {
        let kind = contact_code(what);
        let message = Message::new("asset.in-cell").with("cell", cell).phrase("message", contact_in_data(&shown, what));
        Diagnostic::warning_said(kind, Location::file(display(asset)), message)
            .with_help_said(Message::new("asset.contact-help"))
    });
    push_capped(asset, &mut warnings, count, diagnostics);
}

/// A spreadsheet column's letters: 0 is A, 26 is AA.
fn column_name(mut n: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// The code of a warning for `what` ([`super::privacy::find_personal_data`]'s `email` or
/// `phone`).
fn contact_code(what: &str) -> &'static str {
    if what == "email" { "personal-email" } else { "personal-phone" }
}

fn personal_data(location: Location, shown: &str, what: &str) -> Diagnostic {
    Diagnostic::warning_said(contact_code(what), location, contact_in_data(shown, what))
        .with_help_said(Message::new("asset.contact-help"))
}

/// `shown`, an email address or phone number (`what`) found in a data file, as a message.
fn contact_in_data(shown: &str, what: &str) -> Message {
    Message::new(if what == "email" { "asset.email" } else { "asset.phone" }).with("value", shown)
}

/// The first warnings of a file, and one that counts the rest.
fn push_capped(
    asset: &Asset,
    warnings: &mut dyn Iterator<Item = Diagnostic>,
    total: usize,
    diagnostics: &mut Diagnostics,
) {
    for warning in warnings.take(MAX_WARNINGS_PER_FILE) {
        diagnostics.push(warning);
    }
    if total > MAX_WARNINGS_PER_FILE {
        diagnostics.push(
            Diagnostic::warning_said(
                "personal-data-more",
                Location::file(display(asset)),
                Message::new("asset.more-contacts").number("n", (total - MAX_WARNINGS_PER_FILE) as u64),
            )
            .with_help_said(Message::new("asset.more-contacts-help")),
        );
    }
}

/// An asset for the file at `path`, published as `content_path` (for tests).
#[cfg(test)]
fn asset_at(path: &std::path::Path, content_path: &str) -> Asset {
    Asset { content_path: content_path.to_string(), path: path.to_path_buf(), kind: AssetKind::of(content_path) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(name: &str, bytes: &[u8], trusted: bool) -> Diagnostics {
        let dir = std::env::temp_dir().join(format!("fieldbook-assets-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let diagnostics = check_asset(&asset_at(&path, name), trusted);
        std::fs::remove_dir_all(&dir).unwrap();
        diagnostics
    }

    fn codes(d: &Diagnostics) -> Vec<&'static str> {
        d.iter().map(|d| d.code).collect()
    }

    #[test]
    fn svg_that_runs_anything_is_refused() {
        let plain = br##"<svg xmlns="http://www.w3.org/2000/svg"><defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="10" height="10"/><use href="#g"/></svg>"##;
        assert!(check("plain.svg", plain, false).is_empty());
        for (name, svg) in [
            ("script.svg", &br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#[..]),
            ("onload.svg", br#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#),
            ("onclick.svg", br#"<svg xmlns="http://www.w3.org/2000/svg"><rect ONCLICK="x()"/></svg>"#),
            ("js.svg", br#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="java&#x09;script:alert(1)"><text>x</text></a></svg>"#),
            ("foreign.svg", br#"<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>"#),
            ("remote.svg", br#"<svg xmlns="http://www.w3.org/2000/svg"><image href="https://tracker.example/p.png"/></svg>"#),
            ("animate.svg", br#"<svg xmlns="http://www.w3.org/2000/svg"><a><animate attributeName="href" values="javascript:alert(1)"/></a></svg>"#),
        ] {
            let d = check(name, svg, false);
            assert_eq!(codes(&d), ["active-svg"], "{name}");
            assert!(d.iter().next().unwrap().location.line.is_some(), "{name} is located");
            assert!(check(name, svg, true).is_empty(), "{name} is published when trusted");
        }
        assert_eq!(codes(&check("broken.svg", b"<svg><g></svg>", false)), ["bad-svg"]);
        let deep = format!("<svg>{}{}</svg>", "<g>".repeat(100_000), "</g>".repeat(100_000));
        assert_eq!(codes(&check("deep.svg", deep.as_bytes(), false)), ["bad-svg"], "refused, not a stack overflow");
        let entity = br#"<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>"#;
        assert_eq!(codes(&check("entity.svg", entity, false)), ["bad-svg"], "no DTD, so no entities");
    }

    #[test]
    fn files_a_browser_runs_need_trust_and_others_are_not_published() {
        for name in ["evil.html", "x.js", "style.css", "feed.xml"] {
            assert_eq!(codes(&check(name, b"<script>alert(1)</script>", false)), ["active-file"], "{name}");
            assert!(check(name, b"x", true).is_empty(), "{name}");
        }
        assert_eq!(codes(&check("photos.zip", b"PK", false)), ["file-not-published"]);
        assert!(check("photo.png", b"\x89PNG", false).is_empty());
        assert!(check("report.pdf", b"%PDF", false).is_empty());
    }

    #[test]
    fn data_files_are_scanned_for_personal_data_with_positions() {
        let csv = b"name;phone\nFatima;+212 612 345 678\nAli;ali.b@example.org\n";
        let d = check("list.csv", csv, false);
        assert_eq!(codes(&d), ["personal-phone", "personal-email"]);
        let first = d.iter().next().unwrap();
        assert_eq!((first.location.line, first.location.column), (Some(2), Some(8)));
        assert!(first.message.contains("+212 612 345 678"));
        assert!(check("clean.csv", b"community;share\nTanger;27%\n", false).is_empty());

        let many: String = (0..30).map(|n| format!("person{n}@example.org\n")).collect();
        let d = check("many.csv", many.as_bytes(), false);
        assert_eq!(d.iter().filter(|d| d.code == "personal-email").count(), MAX_WARNINGS_PER_FILE);
        let last = d.iter().last().unwrap();
        assert_eq!(last.code, "personal-data-more");
        assert!(last.message.contains("10 more"), "{}", last.message);
    }

    /// A minimal xlsx workbook with one sheet of inline strings, `rows` of cells.
    fn xlsx(rows: &[&[&str]]) -> Vec<u8> {
        use std::io::Write;
        let mut sheet = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
        );
        for (r, row) in rows.iter().enumerate() {
            sheet.push_str(&format!("<row r=\"{}\">", r + 1));
            for (c, cell) in row.iter().enumerate() {
                let at = format!("{}{}", column_name(c), r + 1);
                sheet.push_str(&format!("<c r=\"{at}\" t=\"inlineStr\"><is><t>{cell}</t></is></c>"));
            }
            sheet.push_str("</row>");
        }
        sheet.push_str("</sheetData></worksheet>");
        let files = [
            ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string()),
            ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
            ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Households" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string()),
            ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string()),
            ("xl/worksheets/sheet1.xml", sheet),
        ];
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, text) in files {
            zip.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    /// A zip archive of `parts`, as an office document is.
    fn zipped(parts: &[(&str, &str)]) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, text) in parts {
            zip.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn documents_are_scanned_with_their_comments_and_placed() {
        let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
        let body = format!(
            "<w:document {w}><w:body><w:p><w:r><w:t>Workshop, Thiès</w:t></w:r></w:p><w:p><w:r><w:t>Awa: +221 77 123 45 67</w:t></w:r></w:p></w:body></w:document>"
        );
        let comments = format!(
            "<w:comments {w}><w:comment w:id=\"0\" w:author=\"Staff\"><w:p><w:r><w:t>write to awa.diop@example.org</w:t></w:r></w:p></w:comment></w:comments>"
        );
        let docx = zipped(&[("word/document.xml", &body), ("word/comments.xml", &comments)]);
        let d = check("workshop.docx", &docx, false);
        assert_eq!(codes(&d), ["personal-phone", "personal-email"]);
        let messages: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "paragraph 2: `+221 77 123 45 67` looks like a phone number, and this document is published as it is",
                "comment 1: `awa.diop@example.org` looks like an email address, and this document is published as it is",
            ]
        );
        assert_eq!(d.iter().next().unwrap().location.file, "content/workshop.docx");
        assert!(
            check("clean.docx", &zipped(&[("word/document.xml", &body.replace("+221 77 123 45 67", "absent"))]), false)
                .is_empty()
        );

        // Capped as a data file is.
        let many: String = (0..25).map(|n| format!("<w:p><w:r><w:t>p{n}@example.org</w:t></w:r></w:p>")).collect();
        let d = check(
            "list.docx",
            &zipped(&[("word/document.xml", &format!("<w:document {w}><w:body>{many}</w:body></w:document>"))]),
            false,
        );
        assert_eq!(d.iter().filter(|d| d.code == "personal-email").count(), MAX_WARNINGS_PER_FILE);
        assert_eq!(codes(&d).last(), Some(&"personal-data-more"));

        let rtf = b"{\\rtf1\\ansi\\pard Rapport\\par Contact 06 12 34 56 78\\par}";
        let d = check("notes.rtf", rtf, false);
        assert_eq!(codes(&d), ["personal-phone"]);
        assert!(d.iter().next().unwrap().message.starts_with("paragraph 2: `06 12 34 56 78`"));
    }

    #[test]
    fn a_document_that_cannot_be_read_is_refused_and_pdf_is_published_unread() {
        for (name, bytes) in [
            ("renamed.docx", b"\xD0\xCF\x11\xE0 an old Word file".to_vec()),
            ("broken.odt", zipped(&[("content.xml", "<office:document-content>")])),
            ("empty.docx", zipped(&[("word/styles.xml", "<x/>")])),
        ] {
            let d = check(name, &bytes, false);
            assert_eq!(codes(&d), ["bad-document"], "{name}");
            assert!(d.iter().next().unwrap().message.starts_with("this document cannot be read ("), "{name}");
        }
        let d = check("renamed.pptx", b"not a zip", false);
        assert!(!d.is_ok(), "an error, so that the document is not published: {:?}", codes(&d));
        for name in ["report.pdf", "old.doc", "old.ppt"] {
            assert!(check(name, b"%PDF-1.7 awa@example.org +221 77 123 45 67", false).is_empty(), "{name}");
        }
    }

    #[test]
    fn a_page_named_html_is_a_misnamed_page_trusted_or_not() {
        let page = b"---\ntitle: Bargny\nstatus: confidential\n---\nText.\n";
        for trusted in [false, true] {
            for name in ["bargny.html", "bargny.HTM"] {
                let d = check(name, page, trusted);
                assert_eq!(codes(&d), ["page-misnamed"], "{name}");
                assert!(d.iter().next().unwrap().help.as_deref().unwrap_or("").contains("rename it `bargny.md`"));
            }
        }
        assert_eq!(codes(&check("page.html", b"<!doctype html><p>---</p>", false)), ["active-file"]);
        assert_eq!(codes(&check("data.js", page, false)), ["active-file"], "only html is read");
    }

    #[test]
    fn spreadsheets_are_scanned_cell_by_cell() {
        let book =
            xlsx(&[&["community", "contact"], &["Tanger", "+212 612 345 678"], &["Dakar", "awa.diop@example.org"]]);
        let d = check("round-2.xlsx", &book, false);
        assert_eq!(codes(&d), ["personal-phone", "personal-email"]);
        let messages: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert!(messages[0].starts_with("cell Households!B2: `+212 612 345 678`"), "{messages:?}");
        assert!(messages[1].starts_with("cell Households!B3: `awa.diop@example.org`"), "{messages:?}");
        assert!(check("clean.xlsx", &xlsx(&[&["community", "share"], &["Tanger", "27%"]]), false).is_empty());
        assert_eq!(codes(&check("broken.xlsx", b"not a zip", false)), ["bad-spreadsheet"]);
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27 * 26), "AAA");
    }
}
