//! The export tables as one spreadsheet, `data/communities.xlsx`: a sheet per table with typed
//! cells (numbers as numbers, dates as dates, labels such as `60+`, place codes and `<5` as
//! text), the header and HXL rows frozen at the top, column widths, and a last sheet,
//! `columns`, that says what each column holds.
//!
//! The spreadsheet is written by hand, because it is the largest single cost of building a
//! large site: each batch of rows is turned into XML and deflated in pieces on every core
//! ([`Spreadsheet::append`]), and the pieces are written into the file at once, the sheets one
//! after the other as the CSV files are written, so no sheet is ever in memory whole, deflated
//! or not (keeping the deflated sheets until the end took 57 MB at 10,000 profiles). A sheet's
//! head therefore gives no `<dimension>`: its size is known only at its end, and the element is
//! optional (ECMA-376); calamine takes it as a hint of the size, and openpyxl, read-only mode
//! (which pandas uses) included, reads every row without it (Excel and LibreOffice were not at
//! hand to try). `rows.rs` writes the XML of rows, `parts.rs` the rest of the package, `zip.rs`
//! the ZIP container and the deflated pieces.

mod parts;
mod rows;
mod strings;
mod zip;

use std::io::{self, Write};

use rayon::prelude::*;

use self::parts::Layout;
use self::rows::{RowXml, Style};
use self::strings::{ChunkTexts, SharedStrings};
use self::zip::{Chunk, Deflater, StreamingArchive};
use super::table::{Kind, Row, TABLES};
use super::wording::Descriptions;

/// The most rows a sheet may have (Excel's limit).
const MAX_ROWS: u32 = 1_048_576;

/// The rows at the top of each table's sheet: column names and HXL hashtags.
const HEADING_ROWS: u32 = 2;

/// Rows turned into XML and deflated together, as one chunk. The same rows always make the
/// same chunks, whatever the number of threads, so the bytes do not change from one machine to
/// the next. A chunk starts its deflate window afresh, which costs a little size: a few
/// hundred kilobytes of XML make that negligible, and many chunks a batch keep the cores busy.
const CHUNK_ROWS: usize = 256;

/// A spreadsheet being written into its file, sheet by sheet in the order of [`TABLES`], as
/// the rows come: no sheet's data is ever held whole, deflated or not.
pub struct Spreadsheet<'w> {
    archive: StreamingArchive<'w>,
    deflater: Deflater,
    sheets: [Sheet; TABLES.len()],
    /// The texts of the rows so far, each written once at the end.
    strings: SharedStrings,
    /// The table whose sheet is being written, if any; those before it are written.
    current: Option<usize>,
    /// What the sheet of columns says, in the site's language.
    descriptions: Descriptions,
}

/// A table's sheet so far.
#[derive(Default, Clone, Copy)]
struct Sheet {
    /// How many rows it has after its heading.
    rows: u32,
    /// Whether some rows did not fit.
    cut: bool,
}

/// The names of the sheets: a table's each, then the sheet of columns.
fn sheet_names() -> Vec<&'static str> {
    TABLES.iter().map(|t| t.name).chain(["columns"]).collect()
}

impl<'w> Spreadsheet<'w> {
    /// A spreadsheet titled `title`, its sheet of columns saying `descriptions`, written into
    /// `w`: the parts that say what it holds come first, then each table's sheet as its rows
    /// are added.
    pub fn new(title: &str, descriptions: Descriptions, w: &'w mut dyn Write) -> io::Result<Spreadsheet<'w>> {
        let names = sheet_names();
        let mut deflater = Deflater::new();
        let mut archive = StreamingArchive::new(w);
        let parts = [
            ("[Content_Types].xml", parts::content_types(names.len())),
            ("_rels/.rels", parts::package_relationships()),
            ("docProps/app.xml", parts::app_properties(&names)),
            ("docProps/core.xml", parts::core_properties(title)),
            ("xl/workbook.xml", parts::workbook(&names)),
            ("xl/_rels/workbook.xml.rels", parts::workbook_relationships(names.len())),
            ("xl/styles.xml", parts::styles()),
        ];
        for (name, xml) in parts {
            archive.file(name, deflater.file(xml.as_bytes())?)?;
        }
        Ok(Spreadsheet {
            archive,
            deflater,
            sheets: Default::default(),
            strings: SharedStrings::default(),
            current: None,
            descriptions,
        })
    }

    /// Write the sheets up to table `table`'s, which is begun: the ones before it are ended
    /// (a table with no rows gets its heading alone).
    fn reach(&mut self, table: usize) -> io::Result<()> {
        if self.current.is_some_and(|t| t > table) {
            return Err(io::Error::other("the spreadsheet's sheets are written in the order of the tables"));
        }
        while self.current != Some(table) {
            if self.current.is_some() {
                let tail = self.deflater.chunk(parts::SHEET_TAIL)?;
                self.archive.chunk(tail)?;
            }
            let t = self.current.map_or(0, |t| t + 1);
            self.current = Some(t);
            let columns = self.descriptions.columns(t);
            let heading: Vec<&str> = columns.iter().map(|c| c.name.as_ref()).collect();
            let hashtags: Vec<&str> = columns.iter().map(|c| c.hxl.as_ref()).collect();
            let widths: Vec<f64> = columns.iter().map(|c| width(&c.name, c.kind)).collect();
            let head = parts::sheet_head(&Layout {
                widths: &widths,
                frozen: HEADING_ROWS,
                selected: t == 0,
                heading: &heading,
                hashtags: Some(&hashtags),
                last_row: None,
            });
            self.archive.begin(&parts::sheet_path(t + 1))?;
            let head = self.deflater.chunk(&head)?;
            self.archive.chunk(head)?;
        }
        Ok(())
    }

    /// Add rows to the sheet of table `table` (its index in [`TABLES`]), after those already
    /// in; tables come in order. Their XML is made and deflated in parallel, a chunk of rows at
    /// a time, and written; rows past a sheet's limit are left out, and the sheet of columns
    /// says so.
    pub fn append(&mut self, table: usize, rows: &[Row]) -> io::Result<()> {
        self.reach(table)?;
        let sheet = &mut self.sheets[table];
        let first = HEADING_ROWS + sheet.rows + 1;
        let room = (MAX_ROWS + 1 - first) as usize;
        if rows.len() > room {
            sheet.cut = true;
        }
        let rows = &rows[..rows.len().min(room)];
        // Each chunk's texts are listed in parallel, numbered in the chunks' order, then the
        // chunks are written and deflated in parallel (see `strings.rs`).
        let texts: Vec<ChunkTexts> = rows.par_chunks(CHUNK_ROWS).map(ChunkTexts::of).collect();
        let numbers: Vec<Vec<u32>> = texts.iter().map(|chunk| self.strings.merge(chunk)).collect();
        let chunks: io::Result<Vec<Chunk>> = rows
            .par_chunks(CHUNK_ROWS)
            .zip(texts.par_iter().zip(numbers.par_iter()))
            .enumerate()
            .map_init(
                || (Deflater::new(), Vec::new()),
                |(deflater, xml), (k, (piece, (texts, numbers)))| {
                    xml.clear();
                    rows::rows(xml, first + (k * CHUNK_ROWS) as u32, piece, texts.numbered(numbers));
                    deflater.chunk(xml)
                },
            )
            .collect();
        sheet.rows += rows.len() as u32;
        for chunk in chunks? {
            self.archive.chunk(chunk)?;
        }
        Ok(())
    }

    /// End the tables' sheets (those not begun get their heading alone), add the sheet of
    /// columns, and end the file.
    pub fn finish(mut self) -> io::Result<()> {
        self.reach(TABLES.len() - 1)?;
        let tail = self.deflater.chunk(parts::SHEET_TAIL)?;
        self.archive.chunk(tail)?;
        let cut = self.sheets.map(|sheet| sheet.cut);
        let columns = self.deflater.file(&columns_sheet(&cut, &self.descriptions))?;
        self.archive.file(&parts::sheet_path(TABLES.len() + 1), columns)?;
        let strings = self.deflater.file(&self.strings.xml())?;
        self.archive.file("xl/sharedStrings.xml", strings)?;
        self.archive.finish()
    }
}

/// The sheet of columns: for each table, what a row is (and whether the sheet holds them
/// all), then what each column holds, as `descriptions` say.
fn columns_sheet(cut: &[bool], descriptions: &Descriptions) -> Vec<u8> {
    let heading: Vec<&str> = descriptions.heading.iter().map(String::as_str).collect();
    let rows = (0..TABLES.len()).map(|t| 1 + descriptions.columns(t).len() as u32).sum::<u32>() + 1;
    let mut xml = parts::sheet_head(&Layout {
        widths: &[14.0, 16.0, 26.0, 10.0, 90.0],
        frozen: 1,
        selected: false,
        heading: &heading,
        hashtags: None,
        last_row: Some(rows),
    });
    let mut r = 2;
    for (t, (table, cut)) in TABLES.iter().zip(cut).enumerate() {
        let about = if *cut { descriptions.cut_table(t) } else { descriptions.table(t).to_string() };
        let mut row = RowXml::start(&mut xml, r);
        row.text(0, table.name, Style::Bold);
        row.text(4, &about, Style::Plain);
        row.end();
        r += 1;
        for (c, column) in descriptions.columns(t).iter().enumerate() {
            let mut row = RowXml::start(&mut xml, r);
            let cells =
                [table.name, &column.name, &column.hxl, descriptions.kind(column.kind), descriptions.column(t, c)];
            for (k, text) in cells.iter().enumerate() {
                row.text(k, text, Style::Plain);
            }
            row.end();
            r += 1;
        }
    }
    xml.extend_from_slice(parts::SHEET_TAIL);
    xml
}

/// A column's width in characters: room for its heading, more for names and text.
fn width(name: &str, kind: Kind) -> f64 {
    let least = match kind {
        Kind::Date => 11.0,
        Kind::Integer | Kind::Number => 9.0,
        Kind::Text if matches!(name, "community" | "indicator" | "criterion" | "source" | "evidence") => 30.0,
        Kind::Text => 14.0,
        Kind::Address => 40.0,
    };
    f64::max(least, name.len() as f64 + 2.0)
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read};

    use calamine::{Data, Reader, Xlsx};

    use super::super::table::Cell;
    use super::*;
    use crate::date::Date;

    /// The bytes of a spreadsheet titled `title` that `fill` gives rows.
    fn written(title: &str, fill: impl FnOnce(&mut Spreadsheet<'_>)) -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut book = Spreadsheet::new(title, super::super::wording::english(None), &mut bytes).unwrap();
        fill(&mut book);
        book.finish().unwrap();
        bytes
    }

    /// The XML of part `name` of a spreadsheet.
    fn part(bytes: &[u8], name: &str) -> String {
        let mut archive = ::zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        archive.by_name(name).unwrap().read_to_string(&mut xml).unwrap();
        xml
    }

    fn criteria_row<'a>(evidence: Cell<'a>, assessed: Cell<'a>) -> Row<'a> {
        let mut row = vec![Cell::Empty; TABLES[1].columns.len()];
        row[0] = Cell::Text("ain-lmaati".into());
        row[5] = Cell::Number(1234.5);
        row[6] = assessed;
        row[10] = evidence;
        row
    }

    #[test]
    fn cells_read_back_as_written_with_their_types() {
        let awkward = "bell\u{7} _x0041_ <b>&amp;</b>\r\nline";
        let rows = [
            criteria_row(Cell::Text(awkward.into()), Cell::Date(Date::new(2026, 3, 14).unwrap())),
            criteria_row(Cell::Text("x".repeat(40_000).into()), Cell::Date(Date::new(1850, 6, 1).unwrap())),
        ];
        // In two appends, so that the second's rows are numbered after the first's.
        let bytes = written("Fès & Meknès", |book| {
            book.append(1, &rows[..1]).unwrap();
            book.append(1, &rows[1..]).unwrap();
        });
        let mut xlsx = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
        assert_eq!(
            xlsx.sheet_names(),
            ["indicators", "criteria", "communities", "projects", "case_studies", "columns"]
        );
        let sheet = xlsx.worksheet_range("criteria").unwrap();
        let cells: Vec<&[Data]> = sheet.rows().collect();
        assert_eq!(cells.len(), 4);
        assert_eq!(cells[0][0], Data::String("community_id".into()));
        assert_eq!(cells[1][9], Data::String("#status".into()));
        assert_eq!(cells[2][0], Data::String("ain-lmaati".into()));
        assert_eq!(cells[2][5], Data::Float(1234.5));
        assert!(matches!(&cells[2][6], Data::DateTime(d) if d.as_f64() == 46_095.0), "{:?}", cells[2][6]);
        assert_eq!(cells[2][10], Data::String(awkward.into()));
        assert_eq!(cells[3][6], Data::String("1850-06-01".into()), "a date before 1900 is text");
        assert_eq!(cells[3][10], Data::String("x".repeat(rows::MAX_CHARS)));
        // The other tables' sheets have their heading only.
        assert_eq!(xlsx.worksheet_range("indicators").unwrap().height(), 2);
        assert!(part(&bytes, "docProps/core.xml").contains("<dc:title>Fès &amp; Meknès</dc:title>"));
        let criteria = part(&bytes, "xl/worksheets/sheet2.xml");
        assert!(!criteria.contains("<dimension"), "{criteria}");
        assert!(criteria.contains("<pane ySplit=\"2\" topLeftCell=\"A3\""));
    }

    #[test]
    fn sheets_come_in_the_order_of_the_tables_and_each_is_there() {
        let row = criteria_row(Cell::Empty, Cell::Empty);
        let bytes = written("Example", |book| {
            book.append(1, std::slice::from_ref(&row)).unwrap();
            assert!(book.append(0, std::slice::from_ref(&row)).is_err(), "a sheet already written");
        });
        let mut xlsx = Xlsx::new(Cursor::new(bytes)).unwrap();
        // The tables given no rows have their heading alone.
        assert_eq!(xlsx.worksheet_range("indicators").unwrap().height(), 2);
        assert_eq!(xlsx.worksheet_range("criteria").unwrap().height(), 3);
        assert_eq!(xlsx.worksheet_range("communities").unwrap().height(), 2);
    }

    #[test]
    fn the_same_rows_give_the_same_bytes() {
        let make = || {
            let rows: Vec<Row> = (0..1000).map(|n| criteria_row(Cell::Number(n as f64), Cell::Empty)).collect();
            written("Example", |book| book.append(1, &rows).unwrap())
        };
        let first = make();
        let second = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap().install(make);
        assert!(first == second);
    }

    #[test]
    fn a_full_sheet_keeps_what_fits_and_the_sheet_of_columns_says_so() {
        let row = vec![Cell::Text("row".into())];
        let bytes = written("Example", |book| {
            // As if the sheet were all but full.
            book.sheets[2].rows = MAX_ROWS - HEADING_ROWS - 2;
            book.append(2, &[row.clone(), row.clone(), row.clone()]).unwrap();
            book.append(2, &[row]).unwrap();
            assert_eq!(book.sheets[2].rows, MAX_ROWS - HEADING_ROWS);
        });
        let communities = part(&bytes, "xl/worksheets/sheet3.xml");
        assert!(communities.contains("<row r=\"1048576\"><c r=\"A1048576\""));
        assert!(!communities.contains("1048577"));
        // Written as its rows came: no size in its head, which readers take as a hint only.
        assert!(!communities.contains("<dimension"));
        let columns = part(&bytes, "xl/worksheets/sheet6.xml");
        assert!(columns.contains("One row per published community profile. The sheet holds as many rows"));
        assert!(!columns.contains("favourable-environment criterion. The sheet holds"));
    }
}
