//! The export tables as one spreadsheet, `data/communities.xlsx`: a sheet per table with typed
//! cells (numbers as numbers, dates as dates, labels such as `60+`, place codes and `<5` as
//! text), the header and HXL rows frozen at the top, column widths, and a last sheet,
//! `columns`, that says what each column holds.
//!
//! The spreadsheet is written by hand, because it is the largest single cost of building a
//! large site: each batch of rows is turned into XML and deflated in pieces on every core
//! ([`Spreadsheet::append`]), and only the deflated pieces are kept until the file is zipped,
//! so a sheet's XML never sits in memory whole. `rows.rs` writes the XML of rows, `parts.rs`
//! the rest of the package, `zip.rs` the ZIP container and the deflated pieces.

mod parts;
mod rows;
mod zip;

use std::io::{self, Write};

use rayon::prelude::*;

use self::parts::Layout;
use self::rows::{RowXml, Style};
use self::zip::{Archive, Chunk, Deflated, Deflater};
use super::table::{Kind, Row, TABLES};

/// The most rows a sheet may have (Excel's limit).
const MAX_ROWS: u32 = 1_048_576;

/// The rows at the top of each table's sheet: column names and HXL hashtags.
const HEADING_ROWS: u32 = 2;

/// Rows turned into XML and deflated together, as one chunk. The same rows always make the
/// same chunks, whatever the number of threads, so the bytes do not change from one machine to
/// the next. A chunk starts its deflate window afresh, which costs a little size: a few
/// hundred kilobytes of XML make that negligible, and many chunks a batch keep the cores busy.
const CHUNK_ROWS: usize = 256;

/// A spreadsheet being written, table by table.
pub struct Spreadsheet {
    title: String,
    sheets: [Sheet; TABLES.len()],
}

/// A table's sheet so far.
#[derive(Default)]
struct Sheet {
    /// Its rows after the heading, deflated, in order.
    chunks: Vec<Chunk>,
    /// How many rows those are.
    rows: u32,
    /// Whether some rows did not fit.
    cut: bool,
}

impl Spreadsheet {
    /// A spreadsheet titled `title`, with a sheet per table, each with its header and HXL
    /// rows.
    pub fn new(title: &str) -> Spreadsheet {
        Spreadsheet { title: title.to_string(), sheets: Default::default() }
    }

    /// Add rows to the sheet of table `table` (its index in [`TABLES`]), after those already
    /// in. Their XML is made and deflated in parallel, a chunk of rows at a time; rows past a
    /// sheet's limit are left out, and the sheet of columns says so.
    pub fn append(&mut self, table: usize, rows: &[Row]) -> io::Result<()> {
        let sheet = &mut self.sheets[table];
        let first = HEADING_ROWS + sheet.rows + 1;
        let room = (MAX_ROWS + 1 - first) as usize;
        if rows.len() > room {
            sheet.cut = true;
        }
        let rows = &rows[..rows.len().min(room)];
        let chunks: io::Result<Vec<Chunk>> = rows
            .par_chunks(CHUNK_ROWS)
            .enumerate()
            .map_init(
                || (Deflater::new(), Vec::new()),
                |(deflater, xml), (k, piece)| {
                    xml.clear();
                    rows::rows(xml, first + (k * CHUNK_ROWS) as u32, piece);
                    deflater.chunk(xml)
                },
            )
            .collect();
        sheet.chunks.extend(chunks?);
        sheet.rows += rows.len() as u32;
        Ok(())
    }

    /// Add the sheet of columns, and write the spreadsheet.
    pub fn finish(self, w: &mut dyn Write) -> io::Result<()> {
        let names: Vec<&str> = TABLES.iter().map(|t| t.name).chain(["columns"]).collect();
        let mut deflater = Deflater::new();
        let mut archive = Archive::new();
        let mut add = |name: &str, xml: &str| -> io::Result<()> {
            archive.add(name, deflater.file(xml.as_bytes())?);
            Ok(())
        };
        add("[Content_Types].xml", &parts::content_types(names.len()))?;
        add("_rels/.rels", &parts::package_relationships())?;
        add("docProps/app.xml", &parts::app_properties(&names))?;
        add("docProps/core.xml", &parts::core_properties(&self.title))?;
        add("xl/workbook.xml", &parts::workbook(&names))?;
        add("xl/_rels/workbook.xml.rels", &parts::workbook_relationships(names.len()))?;
        add("xl/styles.xml", &parts::styles())?;
        let cut = self.sheets.each_ref().map(|sheet| sheet.cut);
        for (t, (table, sheet)) in TABLES.iter().zip(self.sheets).enumerate() {
            let heading: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
            let hashtags: Vec<&str> = table.columns.iter().map(|c| c.hxl).collect();
            let widths: Vec<f64> = table.columns.iter().map(|c| width(c.name, c.kind)).collect();
            let head = parts::sheet_head(&Layout {
                widths: &widths,
                frozen: HEADING_ROWS,
                selected: t == 0,
                heading: &heading,
                hashtags: Some(&hashtags),
                last_row: HEADING_ROWS + sheet.rows,
            });
            // The head is deflated last, once the sheet's size is known, but goes first.
            let mut file = Deflated::new();
            file.push(deflater.chunk(&head)?);
            file.extend(sheet.chunks);
            file.push(deflater.chunk(parts::SHEET_TAIL)?);
            archive.add(&parts::sheet_path(t + 1), file);
        }
        archive.add(&parts::sheet_path(names.len()), deflater.file(&columns_sheet(&cut))?);
        archive.write_to(w)
    }
}

/// The sheet of columns: for each table, what a row is (and whether the sheet holds them
/// all), then what each column holds.
fn columns_sheet(cut: &[bool]) -> Vec<u8> {
    let rows = TABLES.iter().map(|t| 1 + t.columns.len() as u32).sum::<u32>() + 1;
    let mut xml = parts::sheet_head(&Layout {
        widths: &[14.0, 16.0, 26.0, 10.0, 90.0],
        frozen: 1,
        selected: false,
        heading: &["sheet", "column", "HXL", "type", "meaning"],
        hashtags: None,
        last_row: rows,
    });
    let mut r = 2;
    for (table, cut) in TABLES.iter().zip(cut) {
        let about = if *cut {
            format!("{} The sheet holds as many rows as a sheet can; {}.csv has them all.", table.about, table.name)
        } else {
            table.about.to_string()
        };
        let mut row = RowXml::start(&mut xml, r);
        row.text(0, table.name, Style::Bold);
        row.text(4, &about, Style::Plain);
        row.end();
        r += 1;
        for column in table.columns {
            let mut row = RowXml::start(&mut xml, r);
            for (k, text) in
                [table.name, column.name, column.hxl, kind_name(column.kind), column.about].iter().enumerate()
            {
                row.text(k, text, Style::Plain);
            }
            row.end();
            r += 1;
        }
    }
    xml.extend_from_slice(parts::SHEET_TAIL);
    xml
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Text => "text",
        Kind::Integer => "integer",
        Kind::Number => "number",
        Kind::Date => "date",
    }
}

/// A column's width in characters: room for its heading, more for names and text.
fn width(name: &str, kind: Kind) -> f64 {
    let least = match kind {
        Kind::Date => 11.0,
        Kind::Integer | Kind::Number => 9.0,
        Kind::Text if matches!(name, "community" | "indicator" | "criterion" | "source" | "evidence") => 30.0,
        Kind::Text => 14.0,
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

    fn written(book: Spreadsheet) -> Vec<u8> {
        let mut bytes = Vec::new();
        book.finish(&mut bytes).unwrap();
        bytes
    }

    /// The XML of part `name` of a spreadsheet.
    fn part(bytes: &[u8], name: &str) -> String {
        let mut archive = ::zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        archive.by_name(name).unwrap().read_to_string(&mut xml).unwrap();
        xml
    }

    fn criteria_row(evidence: Cell, assessed: Cell) -> Row {
        let mut row = vec![Cell::Empty; TABLES[1].columns.len()];
        row[0] = Cell::Text("ain-lmaati".into());
        row[5] = Cell::Number(1234.5);
        row[6] = assessed;
        row[10] = evidence;
        row
    }

    #[test]
    fn cells_read_back_as_written_with_their_types() {
        let mut book = Spreadsheet::new("Fès & Meknès");
        let awkward = "bell\u{7} _x0041_ <b>&amp;</b>\r\nline";
        let rows = [
            criteria_row(Cell::Text(awkward.into()), Cell::Date(Date::new(2026, 3, 14).unwrap())),
            criteria_row(Cell::Text("x".repeat(40_000)), Cell::Date(Date::new(1850, 6, 1).unwrap())),
        ];
        // In two appends, so that the second's rows are numbered after the first's.
        book.append(1, &rows[..1]).unwrap();
        book.append(1, &rows[1..]).unwrap();
        let bytes = written(book);
        let mut xlsx = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
        assert_eq!(xlsx.sheet_names(), ["indicators", "criteria", "communities", "columns"]);
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
        assert!(criteria.contains("<dimension ref=\"A1:K4\"/>"), "{criteria}");
        assert!(criteria.contains("<pane ySplit=\"2\" topLeftCell=\"A3\""));
    }

    #[test]
    fn the_same_rows_give_the_same_bytes() {
        let make = || {
            let mut book = Spreadsheet::new("Example");
            let rows: Vec<Row> = (0..1000).map(|n| criteria_row(Cell::Number(n as f64), Cell::Empty)).collect();
            book.append(1, &rows).unwrap();
            written(book)
        };
        let first = make();
        let second = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap().install(make);
        assert!(first == second);
    }

    #[test]
    fn a_full_sheet_keeps_what_fits_and_the_sheet_of_columns_says_so() {
        let mut book = Spreadsheet::new("Example");
        // As if the sheet were all but full.
        book.sheets[2].rows = MAX_ROWS - HEADING_ROWS - 2;
        let row = vec![Cell::Text("row".into())];
        book.append(2, &[row.clone(), row.clone(), row.clone()]).unwrap();
        book.append(2, &[row]).unwrap();
        assert_eq!(book.sheets[2].rows, MAX_ROWS - HEADING_ROWS);
        let bytes = written(book);
        let communities = part(&bytes, "xl/worksheets/sheet3.xml");
        assert!(communities.contains("<row r=\"1048576\"><c r=\"A1048576\""));
        assert!(!communities.contains("1048577"));
        assert!(communities.contains("<dimension ref=\"A1:O1048576\"/>"));
        let columns = part(&bytes, "xl/worksheets/sheet4.xml");
        assert!(columns.contains("One row per published community profile. The sheet holds as many rows"));
        assert!(!columns.contains("favourable-environment criterion. The sheet holds"));
    }
}
