//! The spreadsheet's shared strings (`xl/sharedStrings.xml`): each distinct text of the rows
//! written once, and each text cell naming it by number (`<c t="s"><v>12</v></c>`).
//!
//! The indicators sheet repeats a profile's name, country, admin areas and place code on each
//! of its indicators' rows, and each indicator's id, label, group, source and method on every
//! profile's: at 1,000 profiles its 508,000 text cells hold 4,600 distinct texts. Written
//! inline, they were 86% of the sheet's XML; shared, the sheet is 39% smaller, and what is
//! not written is neither made nor deflated. Excel writes text this way too.
//!
//! Numbers must not depend on how rows are shared among threads: the texts are numbered in
//! the order they first appear, row by row. Each chunk of rows lists its own distinct texts
//! in parallel ([`ChunkTexts::of`]); the lists are then merged in the chunks' order, one
//! chunk after the other ([`SharedStrings::merge`]), which numbers each text where it first
//! appears.

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashMap, HashTable};

use super::rows::{cut, push_text_element};
use crate::render::export::table::{Cell, Row};

/// What a text cell that makes no cell (an empty text) is numbered.
pub(super) const NO_TEXT: u32 = u32::MAX;

/// The distinct texts of a chunk of rows, and each text cell's number among them.
pub(super) struct ChunkTexts<'r> {
    /// The chunk's distinct texts, in the order they first appear, cut at Excel's limit.
    distinct: Vec<&'r str>,
    /// For each text cell of the chunk, row by row and left to right: its text's place in
    /// `distinct` ([`NO_TEXT`] for an empty text).
    cells: Vec<u32>,
}

impl<'r> ChunkTexts<'r> {
    /// The texts of `rows`.
    pub(super) fn of(rows: &'r [Row]) -> ChunkTexts<'r> {
        let mut places: HashMap<&str, u32> = HashMap::with_capacity(512);
        let mut distinct = Vec::with_capacity(512);
        let mut cells = Vec::with_capacity(rows.iter().map(Vec::len).sum());
        // Each column's text in the row above, and its place: a profile's name, country and
        // place code repeat down its indicators' rows, and comparing with the row above is
        // cheaper than looking the text up.
        let mut above: Vec<(&str, u32)> = Vec::new();
        for row in rows {
            if above.len() < row.len() {
                above.resize(row.len(), ("", NO_TEXT));
            }
            for (cell, above) in row.iter().zip(above.iter_mut()) {
                let Cell::Text(text) = cell else { continue };
                if text.is_empty() {
                    cells.push(NO_TEXT);
                    continue;
                }
                let text = cut(text);
                if above.1 != NO_TEXT && above.0 == text {
                    cells.push(above.1);
                    continue;
                }
                let place = *places.entry(text).or_insert_with(|| {
                    distinct.push(text);
                    (distinct.len() - 1) as u32
                });
                *above = (text, place);
                cells.push(place);
            }
        }
        ChunkTexts { distinct, cells }
    }

    /// For each text cell, row by row and left to right, its number among the shared strings,
    /// given `numbers` (what [`SharedStrings::merge`] gave for this chunk).
    pub(super) fn numbered<'a>(&'a self, numbers: &'a [u32]) -> impl Iterator<Item = u32> + 'a {
        self.cells.iter().map(|&place| if place == NO_TEXT { NO_TEXT } else { numbers[place as usize] })
    }
}

/// The spreadsheet's shared strings so far. Each text is held once, in one string with the
/// others: at 100,000 profiles there are hundreds of thousands (each profile's id, name and
/// place code), and a map of owned strings beside a list of them took tens of megabytes more.
#[derive(Default)]
pub(super) struct SharedStrings {
    /// The texts, one after the other.
    all: String,
    /// Where each text is in `all`, by number.
    spans: Vec<(usize, usize)>,
    /// The numbers, found by their text's hash.
    numbers: HashTable<u32>,
    hasher: DefaultHashBuilder,
    /// How many cells name one of them.
    cells: u64,
}

impl SharedStrings {
    /// Text number `n`.
    fn text(&self, n: u32) -> &str {
        text_of(&self.all, &self.spans, n)
    }

    /// Number the texts of the next chunk of rows: each text seen before keeps its number, each
    /// new one takes the next. Returns the number of each of the chunk's distinct texts.
    pub(super) fn merge(&mut self, chunk: &ChunkTexts<'_>) -> Vec<u32> {
        self.cells += chunk.cells.iter().filter(|&&place| place != NO_TEXT).count() as u64;
        let mut numbers = Vec::with_capacity(chunk.distinct.len());
        for &text in &chunk.distinct {
            let hash = self.hasher.hash_one(text);
            let found = self.numbers.find(hash, |&n| self.text(n) == text);
            let n = match found {
                Some(&n) => n,
                None => {
                    let n = self.spans.len() as u32;
                    let start = self.all.len();
                    self.all.push_str(text);
                    self.spans.push((start, self.all.len()));
                    let (all, spans, hasher) = (&self.all, &self.spans, &self.hasher);
                    self.numbers.insert_unique(hash, n, |&m| hasher.hash_one(text_of(all, spans, m)));
                    n
                }
            };
            numbers.push(n);
        }
        numbers
    }

    /// `xl/sharedStrings.xml`.
    pub(super) fn xml(&self) -> Vec<u8> {
        let mut xml = Vec::with_capacity(self.all.len() + 16 * self.spans.len() + 256);
        xml.extend_from_slice(super::parts::DECLARATION.as_bytes());
        xml.extend_from_slice(b"<sst xmlns=\"");
        xml.extend_from_slice(super::parts::MAIN.as_bytes());
        xml.extend_from_slice(b"\" count=\"");
        xml.extend_from_slice(itoa::Buffer::new().format(self.cells).as_bytes());
        xml.extend_from_slice(b"\" uniqueCount=\"");
        xml.extend_from_slice(itoa::Buffer::new().format(self.spans.len()).as_bytes());
        xml.extend_from_slice(b"\">");
        for n in 0..self.spans.len() as u32 {
            let text = self.text(n);
            xml.extend_from_slice(b"<si>");
            push_text_element(&mut xml, text);
            xml.extend_from_slice(b"</si>");
        }
        xml.extend_from_slice(b"</sst>");
        xml
    }
}

/// Text number `n` of `all`, whose texts are at `spans` (a function of its own so that the
/// table can rehash while the strings are being added to).
fn text_of<'a>(all: &'a str, spans: &[(usize, usize)], n: u32) -> &'a str {
    let (start, end) = spans[n as usize];
    &all[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cell<'_> {
        Cell::Text(s.into())
    }

    #[test]
    fn texts_are_numbered_where_they_first_appear_however_the_rows_are_chunked() {
        let rows: Vec<Row> = vec![
            vec![text("Aïn Lmaati"), Cell::Number(3.0), text("Morocco")],
            vec![text("Tanger Nord"), text(""), text("Morocco")],
            vec![text("Morocco"), text("Aïn Lmaati"), text("Dakar")],
        ];
        let numbered = |chunk: usize| {
            let mut strings = SharedStrings::default();
            let chunks: Vec<ChunkTexts> = rows.chunks(chunk).map(ChunkTexts::of).collect();
            let mut all = Vec::new();
            for c in &chunks {
                let numbers = strings.merge(c);
                all.extend(c.numbered(&numbers));
            }
            (all, String::from_utf8(strings.xml()).unwrap())
        };
        let (one_chunk, xml) = numbered(3);
        assert_eq!(one_chunk, [0, 1, 2, NO_TEXT, 1, 1, 0, 3]);
        assert_eq!(numbered(1), (one_chunk.clone(), xml.clone()));
        assert_eq!(numbered(2), (one_chunk, xml.clone()));
        assert!(xml.contains("count=\"7\" uniqueCount=\"4\""), "{xml}");
        assert!(xml.ends_with(
            "<si><t>Aïn Lmaati</t></si><si><t>Morocco</t></si><si><t>Tanger Nord</t></si><si><t>Dakar</t></si></sst>"
        ));
    }

    #[test]
    fn shared_texts_are_escaped_cut_and_keep_their_spaces() {
        let long = "x".repeat(40_000);
        let rows: Vec<Row> = vec![vec![text("a < b & _x0041_"), text(" lead"), text(&long)]];
        let mut strings = SharedStrings::default();
        let chunk = ChunkTexts::of(&rows);
        strings.merge(&chunk);
        let xml = String::from_utf8(strings.xml()).unwrap();
        assert!(xml.contains("<si><t>a &lt; b &amp; _x005F_x0041_</t></si>"), "{xml}");
        assert!(xml.contains("<si><t xml:space=\"preserve\"> lead</t></si>"));
        assert!(xml.contains(&format!("<si><t>{}</t></si>", "x".repeat(32_767))), "cut at Excel's limit");
    }
}
