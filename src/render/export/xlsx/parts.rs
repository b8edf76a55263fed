//! The parts of the spreadsheet's package besides the rows: the content types and
//! relationships that tie the package together, the document properties (title, a fixed
//! date), the workbook with its sheets, the styles the cells refer to (see `rows::Style`),
//! and the XML a sheet starts and ends with (its size, frozen rows and column widths).

use std::fmt::Write;

use super::rows::{RowXml, Style, push_column, push_escaped};

pub(super) const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
pub(super) const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELATIONSHIPS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_RELATIONSHIPS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// The path in the package of sheet `n` (from 1).
pub(super) fn sheet_path(n: usize) -> String {
    format!("xl/worksheets/sheet{n}.xml")
}

/// `[Content_Types].xml`: what each part is.
pub(super) fn content_types(sheets: usize) -> String {
    let mut xml = format!(
        "{DECLARATION}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/docProps/app.xml\" \
         ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
         <Override PartName=\"/docProps/core.xml\" \
         ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
         <Override PartName=\"/xl/styles.xml\" \
         ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>\
         <Override PartName=\"/xl/sharedStrings.xml\" \
         ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>\
         <Override PartName=\"/xl/workbook.xml\" \
         ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
    );
    for n in 1..=sheets {
        let _ = write!(
            xml,
            "<Override PartName=\"/{}\" \
             ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>",
            sheet_path(n)
        );
    }
    xml.push_str("</Types>");
    xml
}

/// `_rels/.rels`: where the workbook and the document properties are.
pub(super) fn package_relationships() -> String {
    format!(
        "{DECLARATION}<Relationships xmlns=\"{PACKAGE_RELATIONSHIPS}\">\
         <Relationship Id=\"rId1\" Type=\"{RELATIONSHIPS}/officeDocument\" Target=\"xl/workbook.xml\"/>\
         <Relationship Id=\"rId2\" Type=\"{PACKAGE_RELATIONSHIPS}/metadata/core-properties\" \
         Target=\"docProps/core.xml\"/>\
         <Relationship Id=\"rId3\" Type=\"{RELATIONSHIPS}/extended-properties\" Target=\"docProps/app.xml\"/>\
         </Relationships>"
    )
}

/// `docProps/app.xml`: the application's properties, with the names of the sheets.
pub(super) fn app_properties(sheets: &[&str]) -> String {
    let mut names = String::new();
    for name in sheets {
        let _ = write!(names, "<vt:lpstr>{name}</vt:lpstr>");
    }
    format!(
        "{DECLARATION}<Properties \
         xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" \
         xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">\
         <Application>Fieldbook</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>\
         <HeadingPairs><vt:vector size=\"2\" baseType=\"variant\">\
         <vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>{count}</vt:i4></vt:variant>\
         </vt:vector></HeadingPairs>\
         <TitlesOfParts><vt:vector size=\"{count}\" baseType=\"lpstr\">{names}</vt:vector></TitlesOfParts>\
         <LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>\
         <HyperlinksChanged>false</HyperlinksChanged></Properties>",
        count = sheets.len()
    )
}

/// `docProps/core.xml`: the title, and a fixed creation date, so that the same site gives
/// the same bytes.
pub(super) fn core_properties(title: &str) -> String {
    let mut escaped = Vec::new();
    push_escaped(&mut escaped, title);
    let title = String::from_utf8_lossy(&escaped);
    format!(
        "{DECLARATION}<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{title}</dc:title>\
         <dcterms:created xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z</dcterms:created>\
         <dcterms:modified xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z</dcterms:modified>\
         </cp:coreProperties>"
    )
}

/// `xl/workbook.xml`: the sheets, by name, in order.
pub(super) fn workbook(sheets: &[&str]) -> String {
    let mut xml = format!(
        "{DECLARATION}<workbook xmlns=\"{MAIN}\" xmlns:r=\"{RELATIONSHIPS}\">\
         <bookViews><workbookView xWindow=\"240\" yWindow=\"15\" windowWidth=\"16095\" windowHeight=\"9660\"/>\
         </bookViews><sheets>"
    );
    for (k, name) in sheets.iter().enumerate() {
        let _ = write!(xml, "<sheet name=\"{name}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>", n = k + 1);
    }
    xml.push_str("</sheets></workbook>");
    xml
}

/// `xl/_rels/workbook.xml.rels`: where the sheets and the styles are.
pub(super) fn workbook_relationships(sheets: usize) -> String {
    let mut xml = format!("{DECLARATION}<Relationships xmlns=\"{PACKAGE_RELATIONSHIPS}\">");
    for n in 1..=sheets {
        let _ = write!(
            xml,
            "<Relationship Id=\"rId{n}\" Type=\"{RELATIONSHIPS}/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"
        );
    }
    let _ = write!(
        xml,
        "<Relationship Id=\"rId{}\" Type=\"{RELATIONSHIPS}/styles\" Target=\"styles.xml\"/>\
         <Relationship Id=\"rId{}\" Type=\"{RELATIONSHIPS}/sharedStrings\" Target=\"sharedStrings.xml\"/>\
         </Relationships>",
        sheets + 1,
        sheets + 2
    );
    xml
}

/// `xl/styles.xml`: the fonts and cell formats of [`Style`], in its order: plain, bold, italic
/// grey, and dates as `yyyy-mm-dd`.
pub(super) fn styles() -> String {
    const FONT: &str = "<sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/>";
    format!(
        "{DECLARATION}<styleSheet xmlns=\"{MAIN}\">\
         <numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/></numFmts>\
         <fonts count=\"3\"><font>{FONT}</font><font><b/>{FONT}</font>\
         <font><i/><sz val=\"11\"/><color rgb=\"FF555555\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>\
         <fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>\
         <fill><patternFill patternType=\"gray125\"/></fill></fills>\
         <borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
         <cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>\
         <cellXfs count=\"4\">\
         <xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>\
         <xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>\
         <xf numFmtId=\"0\" fontId=\"2\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>\
         <xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>\
         </cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>\
         <dxfs count=\"0\"/><tableStyles count=\"0\"/></styleSheet>"
    )
}

/// How a sheet looks, besides its rows.
pub(super) struct Layout<'a> {
    /// Each column's width, in characters.
    pub(super) widths: &'a [f64],
    /// The rows kept in view at the top.
    pub(super) frozen: u32,
    /// Whether the sheet is the one shown when the file is opened.
    pub(super) selected: bool,
    /// The first row, in bold: the columns' names.
    pub(super) heading: &'a [&'a str],
    /// The second row, if any, in italic grey: the columns' HXL hashtags.
    pub(super) hashtags: Option<&'a [&'a str]>,
    /// The number of the last row (from 1), when it is known before the rows are written:
    /// the sheet's `<dimension>`. A sheet written as its rows come has none: readers take it
    /// as a hint of the size, and find the size from the rows without it.
    pub(super) last_row: Option<u32>,
}

/// The start of a sheet's XML, up to and including the heading rows: its size, view (frozen
/// rows) and column widths.
pub(super) fn sheet_head(layout: &Layout<'_>) -> Vec<u8> {
    let mut xml = format!("{DECLARATION}<worksheet xmlns=\"{MAIN}\" xmlns:r=\"{RELATIONSHIPS}\">").into_bytes();
    if let Some(last_row) = layout.last_row {
        xml.extend_from_slice(b"<dimension ref=\"A1:");
        push_column(&mut xml, layout.widths.len().max(1) - 1);
        xml.extend_from_slice(itoa::Buffer::new().format(last_row).as_bytes());
        xml.extend_from_slice(b"\"/>");
    }
    let first = layout.frozen + 1;
    let selected = if layout.selected { " tabSelected=\"1\"" } else { "" };
    let view = format!(
        "<sheetViews><sheetView{selected} workbookViewId=\"0\">\
         <pane ySplit=\"{frozen}\" topLeftCell=\"A{first}\" activePane=\"bottomLeft\" state=\"frozen\"/>\
         <selection pane=\"bottomLeft\"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/><cols>",
        frozen = layout.frozen
    );
    xml.extend_from_slice(view.as_bytes());
    // Neighbouring columns of the same width share an element, as Excel writes them.
    let mut k = 0;
    for same in layout.widths.chunk_by(|a, b| a == b) {
        let (min, max) = (k + 1, k + same.len());
        let col = format!("<col min=\"{min}\" max=\"{max}\" width=\"{}\" customWidth=\"1\"/>", stored_width(same[0]));
        xml.extend_from_slice(col.as_bytes());
        k = max;
    }
    xml.extend_from_slice(b"</cols><sheetData>");
    let mut row = RowXml::start(&mut xml, 1);
    for (k, name) in layout.heading.iter().enumerate() {
        row.text(k, name, Style::Bold);
    }
    row.end();
    if let Some(hashtags) = layout.hashtags {
        let mut row = RowXml::start(&mut xml, 2);
        for (k, tag) in hashtags.iter().enumerate() {
            row.text(k, tag, Style::Hashtag);
        }
        row.end();
    }
    xml
}

/// The end of a sheet's XML, after its rows.
pub(super) const SHEET_TAIL: &[u8] = b"</sheetData>\
    <pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>";

/// A width in characters as Excel stores it: the pixels it takes (seven a character of
/// Calibri 11, and five of padding), back in characters, to 1/256.
fn stored_width(chars: f64) -> f64 {
    let pixels = (chars * 7.0).round() as u32 + 5;
    f64::from(pixels * 256 / 7) / 256.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_stored_as_excel_stores_them() {
        assert_eq!(stored_width(30.0), 30.7109375);
        assert_eq!(stored_width(9.0), 9.7109375);
    }

    #[test]
    fn a_sheet_starts_with_its_size_view_widths_and_heading() {
        let head = sheet_head(&Layout {
            widths: &[14.0, 30.0, 9.0, 9.0],
            frozen: 2,
            selected: true,
            heading: &["id", "name"],
            hashtags: Some(&["#loc+id", "#loc+name"]),
            last_row: Some(12),
        });
        let head = String::from_utf8(head).unwrap();
        assert!(head.contains("<dimension ref=\"A1:D12\"/>"), "{head}");
        assert!(
            head.contains("<sheetView tabSelected=\"1\" workbookViewId=\"0\"><pane ySplit=\"2\" topLeftCell=\"A3\"")
        );
        assert!(head.contains(concat!(
            "<cols><col min=\"1\" max=\"1\" width=\"14.7109375\" customWidth=\"1\"/>",
            "<col min=\"2\" max=\"2\" width=\"30.7109375\" customWidth=\"1\"/>",
            "<col min=\"3\" max=\"4\" width=\"9.7109375\" customWidth=\"1\"/></cols>"
        )));
        assert!(head.ends_with(concat!(
            "<sheetData><row r=\"1\"><c r=\"A1\" s=\"1\" t=\"inlineStr\"><is><t>id</t></is></c>",
            "<c r=\"B1\" s=\"1\" t=\"inlineStr\"><is><t>name</t></is></c></row>",
            "<row r=\"2\"><c r=\"A2\" s=\"2\" t=\"inlineStr\"><is><t>#loc+id</t></is></c>",
            "<c r=\"B2\" s=\"2\" t=\"inlineStr\"><is><t>#loc+name</t></is></c></row>"
        )));
    }

    #[test]
    fn the_title_is_escaped() {
        assert!(core_properties("Fès & <Meknès>").contains("<dc:title>Fès &amp; &lt;Meknès&gt;</dc:title>"));
    }
}
