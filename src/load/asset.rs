//! The files under `content/` that are not markdown, sorted by kind from their extension.
//!
//! A site publishes the kinds of files a report needs: images, documents and data files. Files
//! a browser runs (HTML, scripts, style sheets, XML, SVG with scripts) would bypass the markdown
//! sanitizer whole, so they are published only when `[markdown] trusted_html = true`; anything
//! else (archives, programs, recordings) is not published at all. What each kind is checked
//! for is [`crate::validate::assets`]'s work.

/// What kind of file an asset is, which decides whether and how it is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssetKind {
    /// A raster image: copied as it is.
    Image,
    /// An SVG image: copied when it holds nothing that runs (scripts, event handlers, links to
    /// scripts, embedded HTML).
    Svg,
    /// A document (PDF, office files, EPUB): copied as it is, once the text of those Fieldbook
    /// can read is scanned for personal data.
    Document,
    /// A text file of data or prose (CSV, JSON, GeoJSON, plain text): scanned for personal data
    /// like content, then copied.
    TextData,
    /// A spreadsheet (xlsx, xls, ods): its cells are scanned for personal data, then it is
    /// copied as it is.
    Spreadsheet,
    /// A file a browser runs or renders as a page: HTML, JavaScript, CSS, XML, WebAssembly.
    Active,
    /// Anything else: not published.
    Other,
}

/// Extensions of each kind, lower case. The guide lists the same.
pub const IMAGES: [&str; 10] = ["png", "jpg", "jpeg", "gif", "webp", "avif", "bmp", "ico", "tif", "tiff"];
/// Documents.
pub const DOCUMENTS: [&str; 10] = ["pdf", "doc", "docx", "odt", "ppt", "pptx", "odp", "rtf", "epub", "odg"];
/// Documents whose text Fieldbook cannot read reliably (a PDF may be only pictures of pages,
/// `.doc` and `.ppt` are binary formats): published unread, with a note from `check`. The
/// others are scanned for personal data.
pub const DOCUMENTS_UNREAD: [&str; 3] = ["pdf", "doc", "ppt"];
/// Text data files.
pub const TEXT_DATA: [&str; 8] = ["csv", "tsv", "json", "geojson", "txt", "kml", "gpx", "topojson"];
/// Spreadsheets.
pub const SPREADSHEETS: [&str; 3] = ["xlsx", "xls", "ods"];
/// Files a browser runs.
pub const ACTIVE: [&str; 12] =
    ["html", "htm", "xhtml", "xht", "shtml", "js", "mjs", "css", "xml", "xsl", "xslt", "wasm"];

impl AssetKind {
    /// The kind of the file at `content_path`, from its extension.
    pub fn of(content_path: &str) -> AssetKind {
        let name = content_path.rsplit('/').next().unwrap_or(content_path);
        let Some((_, extension)) = name.rsplit_once('.') else { return AssetKind::Other };
        let extension = extension.to_ascii_lowercase();
        let extension = extension.as_str();
        if extension == "svg" {
            AssetKind::Svg
        } else if IMAGES.contains(&extension) {
            AssetKind::Image
        } else if DOCUMENTS.contains(&extension) {
            AssetKind::Document
        } else if TEXT_DATA.contains(&extension) {
            AssetKind::TextData
        } else if SPREADSHEETS.contains(&extension) {
            AssetKind::Spreadsheet
        } else if ACTIVE.contains(&extension) {
            AssetKind::Active
        } else {
            AssetKind::Other
        }
    }
}

/// Whether the file at `content_path` is a document published without its text being read
/// (a PDF, a `.doc`, a `.ppt`).
pub fn is_published_unread(content_path: &str) -> bool {
    let name = content_path.rsplit('/').next().unwrap_or(content_path);
    name.rsplit_once('.')
        .is_some_and(|(_, extension)| DOCUMENTS_UNREAD.contains(&extension.to_ascii_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_doc_and_ppt_are_the_documents_published_unread() {
        assert!(
            is_published_unread("reports/Scan.PDF") && is_published_unread("old.doc") && is_published_unread("a/b.ppt")
        );
        assert!(!is_published_unread("report.docx") && !is_published_unread("pdf") && !is_published_unread("data.csv"));
        assert!(DOCUMENTS_UNREAD.iter().all(|e| DOCUMENTS.contains(e)));
    }

    #[test]
    fn kinds_come_from_the_extension_in_any_case() {
        assert_eq!(AssetKind::of("communities/photo.JPG"), AssetKind::Image);
        assert_eq!(AssetKind::of("map.svg"), AssetKind::Svg);
        assert_eq!(AssetKind::of("guidance/report.pdf"), AssetKind::Document);
        assert_eq!(AssetKind::of("data/survey.csv"), AssetKind::TextData);
        assert_eq!(AssetKind::of("round-2.xlsx"), AssetKind::Spreadsheet);
        assert_eq!(AssetKind::of("evil.html"), AssetKind::Active);
        assert_eq!(AssetKind::of("assets/search.js"), AssetKind::Active);
        assert_eq!(AssetKind::of("photos.zip"), AssetKind::Other);
        assert_eq!(AssetKind::of("README"), AssetKind::Other);
        assert_eq!(AssetKind::of("folder.v2/notes"), AssetKind::Other);
    }
}
