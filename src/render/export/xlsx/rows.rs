//! The XML of a sheet's rows (`<row>` elements of SpreadsheetML): each cell with its reference
//! (`r="B7"`, which calamine and LibreOffice rely on), its type and style; text inline
//! (`t="inlineStr"`), escaped for XML with the characters XML cannot hold written as Excel
//! writes them (`_x0007_`), and cut at Excel's limit; numbers as they read back; dates as
//! Excel's day numbers, or as text before 1900.

use super::super::table::{Cell, Row};
use super::strings::NO_TEXT;
use crate::date::Date;

/// The most characters a cell may hold (Excel's limit, in UTF-16 code units).
pub(super) const MAX_CHARS: usize = 32_767;

/// A cell's style: its index among the cell formats of `styles.xml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    /// As Excel's default.
    Plain = 0,
    /// Bold, for the header row.
    Bold = 1,
    /// Italic grey, for the row of HXL hashtags.
    Hashtag = 2,
    /// A date shown as `yyyy-mm-dd`.
    Date = 3,
}

/// One row's XML, written into a buffer: start it, add its cells left to right, end it.
pub(super) struct RowXml<'a> {
    out: &'a mut Vec<u8>,
    /// The row's number (from 1) in digits, for each cell's reference: `digits[..len]`.
    digits: [u8; 10],
    len: usize,
}

impl<'a> RowXml<'a> {
    /// Start row `r` (from 1).
    pub(super) fn start(out: &'a mut Vec<u8>, r: u32) -> RowXml<'a> {
        let mut number = itoa::Buffer::new();
        let number = number.format(r).as_bytes();
        let mut digits = [0; 10];
        digits[..number.len()].copy_from_slice(number);
        out.extend_from_slice(b"<row r=\"");
        out.extend_from_slice(number);
        out.extend_from_slice(b"\">");
        RowXml { out, digits, len: number.len() }
    }

    /// The start of cell `k` (from 0): `<c r="B7"`, without the closing `>`.
    fn open(&mut self, k: usize) {
        self.out.extend_from_slice(b"<c r=\"");
        push_column(self.out, k);
        self.out.extend_from_slice(&self.digits[..self.len]);
        self.out.push(b'"');
    }

    /// A text cell, cut at Excel's limit. Empty text makes no cell, as in Excel.
    pub(super) fn text(&mut self, k: usize, text: &str, style: Style) {
        if text.is_empty() {
            return;
        }
        self.open(k);
        push_style(self.out, style);
        self.out.extend_from_slice(b" t=\"inlineStr\"><is>");
        push_text_element(self.out, cut(text));
        self.out.extend_from_slice(b"</is></c>");
    }

    /// A number cell. A number XML cannot write (NaN, infinity) makes no cell.
    pub(super) fn number(&mut self, k: usize, n: f64) {
        if !n.is_finite() {
            return;
        }
        self.open(k);
        self.out.extend_from_slice(b"><v>");
        push_number(self.out, n);
        self.out.extend_from_slice(b"</v></c>");
    }

    /// A date cell, or a text cell for a date Excel cannot hold.
    pub(super) fn date(&mut self, k: usize, d: Date) {
        let Some(serial) = excel_day(d) else { return self.text(k, &d.to_string(), Style::Plain) };
        self.open(k);
        push_style(self.out, Style::Date);
        self.out.extend_from_slice(b"><v>");
        self.out.extend_from_slice(itoa::Buffer::new().format(serial).as_bytes());
        self.out.extend_from_slice(b"</v></c>");
    }

    /// A text cell naming shared string `n` (see `strings.rs`); [`NO_TEXT`] makes no cell.
    fn shared(&mut self, k: usize, n: u32) {
        if n == NO_TEXT {
            return;
        }
        self.open(k);
        self.out.extend_from_slice(b" t=\"s\"><v>");
        self.out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
        self.out.extend_from_slice(b"</v></c>");
    }

    /// Cell `k` of an export row; a text cell takes the next of `texts`, its shared string.
    fn cell(&mut self, k: usize, cell: &Cell, texts: &mut impl Iterator<Item = u32>) {
        match cell {
            Cell::Empty => {}
            Cell::Text(_) => self.shared(k, texts.next().unwrap_or(NO_TEXT)),
            Cell::Number(n) | Cell::Coordinate(n) => self.number(k, *n),
            Cell::Date(d) => self.date(k, *d),
        }
    }

    /// End the row.
    pub(super) fn end(self) {
        self.out.extend_from_slice(b"</row>");
    }
}

/// Export rows, the first of them numbered `first` (from 1), whose text cells name the
/// shared strings `texts`, one for each text cell, row by row and left to right.
pub(super) fn rows(out: &mut Vec<u8>, first: u32, rows: &[Row], texts: impl IntoIterator<Item = u32>) {
    let mut texts = texts.into_iter();
    for (r, row) in (first..).zip(rows) {
        let mut xml = RowXml::start(out, r);
        for (k, cell) in row.iter().enumerate() {
            xml.cell(k, cell, &mut texts);
        }
        xml.end();
    }
}

/// A column's letters, from 0: A to Z, then AA.
pub(super) fn push_column(out: &mut Vec<u8>, k: usize) {
    if k >= 26 {
        push_column(out, k / 26 - 1);
    }
    out.push(b'A' + (k % 26) as u8);
}

fn push_style(out: &mut Vec<u8>, style: Style) {
    match style {
        Style::Plain => {}
        Style::Bold => out.extend_from_slice(b" s=\"1\""),
        Style::Hashtag => out.extend_from_slice(b" s=\"2\""),
        Style::Date => out.extend_from_slice(b" s=\"3\""),
    }
}

/// `text` cut to Excel's limit of characters, counted as Excel does in UTF-16 code units (a
/// character outside the Basic Multilingual Plane, such as an emoji, counts two), and never
/// inside a character.
pub(super) fn cut(text: &str) -> &str {
    // A UTF-16 code unit takes at least one byte of UTF-8: a short text need not be counted.
    if text.len() <= MAX_CHARS {
        return text;
    }
    let mut units = 0;
    for (at, c) in text.char_indices() {
        units += c.len_utf16();
        if units > MAX_CHARS {
            return &text[..at];
        }
    }
    text
}

/// Whether a byte of UTF-8 text needs more than copying: XML's special characters, control
/// characters other than tab and line feed, `_` (which may start what Excel reads as an
/// escape) and 0xEF (which starts U+FFFE and U+FFFF, which XML cannot hold).
const SPECIAL: [bool; 256] = {
    let mut special = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        special[b] = b != b'\t' as usize && b != b'\n' as usize;
        b += 1;
    }
    special[b'&' as usize] = true;
    special[b'<' as usize] = true;
    special[b'>' as usize] = true;
    special[b'_' as usize] = true;
    special[0xEF] = true;
    special
};

/// Excel's escape of each control character: `_x0007_`.
const CONTROL: [[u8; 7]; 0x20] = {
    let hex = b"0123456789ABCDEF";
    let mut escapes = [*b"_x0000_"; 0x20];
    let mut b = 0;
    while b < 0x20 {
        escapes[b][4] = hex[b >> 4];
        escapes[b][5] = hex[b & 0xF];
        b += 1;
    }
    escapes
};

/// Append `text` escaped for an XML text node as Excel reads it. A control character (other
/// than tab and line feed; a carriage return too, which XML would turn into a line feed) and
/// U+FFFE and U+FFFF are written `_xHHHH_`, Excel's escape; a `_` that would start such an
/// escape in the text itself is written `_x005F_`, so that it reads back as written.
pub(super) fn push_escaped(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // What to write instead, and how many bytes of the text it stands for.
        let (escape, len): (&[u8], usize) = match b {
            _ if !SPECIAL[usize::from(b)] => (&[], 0),
            b'&' => (b"&amp;", 1),
            b'<' => (b"&lt;", 1),
            b'>' => (b"&gt;", 1),
            // The `_` only: the rest of what looked like an escape follows as it is.
            b'_' if is_excel_escape(&bytes[i..]) => (b"_x005F_", 1),
            0xEF if bytes[i..].starts_with(&[0xEF, 0xBF, 0xBE]) => (b"_xFFFE_", 3),
            0xEF if bytes[i..].starts_with(&[0xEF, 0xBF, 0xBF]) => (b"_xFFFF_", 3),
            b'_' | 0xEF => (&[], 0),
            control => (&CONTROL[usize::from(control)], 1),
        };
        if len == 0 {
            i += 1;
            continue;
        }
        out.extend_from_slice(&bytes[copied..i]);
        out.extend_from_slice(escape);
        i += len;
        copied = i;
    }
    out.extend_from_slice(&bytes[copied..]);
}

/// `<t>text</t>`, escaped, as a cell's inline text and a shared string are written.
pub(super) fn push_text_element(out: &mut Vec<u8>, text: &str) {
    out.extend_from_slice(b"<t");
    // Excel drops spaces and line ends at either end of a text unless told to keep them.
    if text.starts_with(['\t', '\n', ' ']) || text.ends_with(['\t', '\n', ' ']) {
        out.extend_from_slice(b" xml:space=\"preserve\"");
    }
    out.push(b'>');
    push_escaped(out, text);
    out.extend_from_slice(b"</t>");
}

/// Whether `bytes` starts with `_xHHHH_`, which Excel would read as one character.
fn is_excel_escape(bytes: &[u8]) -> bool {
    matches!(bytes, [b'_', b'x', a, b, c, d, b'_', ..] if [a, b, c, d].iter().all(|h| h.is_ascii_hexdigit()))
}

/// Append `n` so that it reads back as the same number: whole numbers without a fraction,
/// others as Rust writes them (the shortest digits that round-trip, never an exponent).
fn push_number(out: &mut Vec<u8>, n: f64) {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        out.extend_from_slice(itoa::Buffer::new().format(n as i64).as_bytes());
    } else {
        use std::io::Write;
        // Writing into memory cannot fail.
        let _ = write!(out, "{n}");
    }
}

/// A date as Excel's day number (1900-01-01 is day 1), or `None` for a date Excel cannot
/// hold (before 1900 or after 9999).
fn excel_day(d: Date) -> Option<i64> {
    if !(1900..=9999).contains(&d.year()) {
        return None;
    }
    // 1970-01-01 is day 25,569, counting the 29th of February 1900 that Excel believes in
    // (after Lotus 1-2-3): the days of January and February 1900 come one earlier.
    let day = d.days_since_epoch() + 25_569;
    Some(if d.year() == 1900 && d.month() <= 2 { day - 1 } else { day })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row's XML, its texts numbered as shared strings from 0.
    fn xml(row: &[Cell]) -> String {
        let rows_ = [row.to_vec()];
        let texts = super::super::strings::ChunkTexts::of(&rows_);
        let numbers = super::super::strings::SharedStrings::default().merge(&texts);
        let mut out = Vec::new();
        rows(&mut out, 7, &rows_, texts.numbered(&numbers));
        String::from_utf8(out).unwrap()
    }

    /// A row of one inline text cell (headings, the sheet of columns).
    fn inline(text: &str) -> String {
        let mut out = Vec::new();
        let mut row = RowXml::start(&mut out, 7);
        row.text(0, text, Style::Plain);
        row.end();
        String::from_utf8(out).unwrap()
    }

    fn escaped(text: &str) -> String {
        let mut out = Vec::new();
        push_escaped(&mut out, text);
        String::from_utf8(out).unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> Date {
        Date::new(y, m, d).unwrap()
    }

    #[test]
    fn cells_are_typed_and_referenced() {
        assert_eq!(
            xml(&[
                Cell::Text("Aïn Lmaati".into()),
                Cell::Empty,
                Cell::Number(6751.0),
                Cell::Number(-3.25),
                Cell::Date(date(2026, 3, 14)),
                Cell::Text("60+".into()),
                Cell::Text("".into()),
                Cell::Text("Aïn Lmaati".into()),
            ]),
            concat!(
                "<row r=\"7\">",
                "<c r=\"A7\" t=\"s\"><v>0</v></c>",
                "<c r=\"C7\"><v>6751</v></c>",
                "<c r=\"D7\"><v>-3.25</v></c>",
                "<c r=\"E7\" s=\"3\"><v>46095</v></c>",
                "<c r=\"F7\" t=\"s\"><v>1</v></c>",
                "<c r=\"H7\" t=\"s\"><v>0</v></c>",
                "</row>",
            )
        );
    }

    #[test]
    fn columns_past_z_have_two_letters() {
        let letters = |k| {
            let mut out = Vec::new();
            push_column(&mut out, k);
            String::from_utf8(out).unwrap()
        };
        assert_eq!([letters(0), letters(25), letters(26), letters(51), letters(52)], ["A", "Z", "AA", "AZ", "BA"]);
        assert_eq!(letters(16_383), "XFD", "Excel's last column");
    }

    #[test]
    fn text_is_escaped_for_xml_and_as_excel_reads_it() {
        assert_eq!(escaped("a < b && c > d \"q\" 'a'"), "a &lt; b &amp;&amp; c &gt; d \"q\" 'a'");
        // Control characters XML cannot hold, and a carriage return, in Excel's escape; tab and
        // line feed as they are.
        assert_eq!(escaped("bell\u{7}\0nul\r\n\tend\u{1f}"), "bell_x0007__x0000_nul_x000D_\n\tend_x001F_");
        assert_eq!(escaped("not\u{FFFE}\u{FFFF}chars\u{FFFD}"), "not_xFFFE__xFFFF_chars\u{FFFD}");
        // What Excel would read as an escape is kept as written; other underscores stay.
        assert_eq!(escaped("_x0041_ and _x00e9_"), "_x005F_x0041_ and _x005F_x00e9_");
        assert_eq!(escaped("place_code _x12_ _xABCG_ _"), "place_code _x12_ _xABCG_ _");
        assert_eq!(escaped("Médina — ✓ 🙂"), "Médina — ✓ 🙂");
    }

    #[test]
    fn text_with_spaces_at_either_end_keeps_them() {
        assert!(inline(" lead").contains("<t xml:space=\"preserve\"> lead</t>"));
        assert!(inline("trail\n").contains("<t xml:space=\"preserve\">trail\n</t>"));
        assert!(inline("in side").contains("<t>in side</t>"));
    }

    #[test]
    fn long_text_is_cut_at_excels_limit() {
        let long = "é".repeat(MAX_CHARS + 10);
        assert_eq!(cut(&long).chars().count(), MAX_CHARS);
        let exact = "a".repeat(MAX_CHARS);
        assert_eq!(cut(&exact), exact);
        // An emoji counts two, and is not split.
        let emoji = "🙂".repeat(MAX_CHARS);
        assert_eq!(cut(&emoji).chars().count(), MAX_CHARS / 2);
        let row = inline(&"x".repeat(40_000));
        assert_eq!(row.matches('x').count(), MAX_CHARS);
    }

    #[test]
    fn numbers_read_back_equal_and_impossible_ones_are_empty() {
        for n in [0.1 + 0.2, 1e-7, 123_456_789.123_456_78, 1e15, 2e300, -0.5, 12.0] {
            let row = xml(&[Cell::Number(n)]);
            let v = &row[row.find("<v>").unwrap() + 3..row.find("</v>").unwrap()];
            assert_eq!(v.parse::<f64>().unwrap(), n, "{v}");
            assert!(!v.contains(['e', 'E', 'N', 'i']), "{v}");
        }
        for n in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(xml(&[Cell::Number(n)]), "<row r=\"7\"></row>");
        }
    }

    #[test]
    fn dates_are_excel_days_and_those_before_1900_text() {
        assert_eq!(excel_day(date(1900, 1, 1)), Some(1));
        assert_eq!(excel_day(date(1900, 2, 28)), Some(59));
        assert_eq!(excel_day(date(1900, 3, 1)), Some(61), "after Excel's 29 February 1900");
        assert_eq!(excel_day(date(1970, 1, 1)), Some(25_569));
        assert_eq!(excel_day(date(9999, 12, 31)), Some(2_958_465));
        assert_eq!(
            xml(&[Cell::Date(date(1899, 12, 31))]),
            "<row r=\"7\"><c r=\"A7\" t=\"inlineStr\"><is><t>1899-12-31</t></is></c></row>"
        );
    }

    #[test]
    fn styled_cells_say_their_style() {
        let mut out = Vec::new();
        let mut row = RowXml::start(&mut out, 1);
        row.text(0, "name", Style::Bold);
        row.text(1, "#loc+name", Style::Hashtag);
        row.text(2, "", Style::Bold);
        row.end();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            concat!(
                "<row r=\"1\">",
                "<c r=\"A1\" s=\"1\" t=\"inlineStr\"><is><t>name</t></is></c>",
                "<c r=\"B1\" s=\"2\" t=\"inlineStr\"><is><t>#loc+name</t></is></c>",
                "</row>",
            )
        );
    }
}
