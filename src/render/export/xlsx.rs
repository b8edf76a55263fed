//! The export tables as one spreadsheet, `data/communities.xlsx` (with `rust_xlsxwriter`): a
//! sheet per table with typed cells (numbers as numbers, dates as dates, labels such as `60+`,
//! place codes and `<5` as text), the header and HXL rows frozen at the top, column widths,
//! and a last sheet, `columns`, that says what each column holds. The data sheets are written
//! in constant-memory mode, row by row to temporary files, so a large site's spreadsheet never
//! sits in memory whole until it is zipped.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::table::{Cell, Kind, Row, TABLES};

/// The most rows a sheet may have (Excel's limit).
const MAX_ROWS: u32 = 1_048_576;
/// The most characters a cell may hold (Excel's limit).
const MAX_CHARS: usize = 32_767;

/// A spreadsheet being written, table by table.
pub struct Spreadsheet {
    book: Workbook,
    /// The next row of each table's sheet.
    next: [u32; TABLES.len()],
    /// Tables some of whose rows did not fit.
    cut: [bool; TABLES.len()],
    date: Format,
}

impl Spreadsheet {
    /// A spreadsheet with a sheet per table, each with its header and HXL rows.
    pub fn new(title: &str) -> Result<Spreadsheet, XlsxError> {
        let mut book = Workbook::new();
        // A fixed creation date, so that the same site gives the same bytes.
        let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
        book.set_properties(&DocProperties::new().set_title(title).set_creation_datetime(&created));
        // The fastest deflate: zipping the sheets is most of the spreadsheet's cost, and level 1
        // takes a fraction of the default's time for a file a little larger.
        book.set_zip_compression_level(1);
        let bold = Format::new().set_bold();
        let hxl = Format::new().set_italic().set_font_color("#555555");
        for table in TABLES {
            let sheet = book.add_worksheet_with_constant_memory()?;
            sheet.set_name(table.name)?;
            // Row by row: in constant-memory mode a row is written out once the next begins.
            for (k, column) in table.columns.iter().enumerate() {
                sheet.set_column_width(k as u16, width(column.name, column.kind))?;
                sheet.write_string_with_format(0, k as u16, column.name, &bold)?;
            }
            for (k, column) in table.columns.iter().enumerate() {
                sheet.write_string_with_format(1, k as u16, column.hxl, &hxl)?;
            }
            sheet.set_freeze_panes(2, 0)?;
        }
        Ok(Spreadsheet {
            book,
            next: [2; TABLES.len()],
            cut: [false; TABLES.len()],
            date: Format::new().set_num_format("yyyy-mm-dd"),
        })
    }

    /// Add rows to the sheet of table `table` (its index in [`TABLES`]).
    pub fn append(&mut self, table: usize, rows: &[Row]) -> Result<(), XlsxError> {
        let sheet = self.book.worksheet_from_index(table)?;
        for row in rows {
            let r = self.next[table];
            if r >= MAX_ROWS {
                self.cut[table] = true;
                return Ok(());
            }
            for (k, cell) in row.iter().enumerate() {
                write(sheet, r, k as u16, cell, &self.date)?;
            }
            self.next[table] = r + 1;
        }
        Ok(())
    }

    /// Add the sheet of columns and zip the spreadsheet.
    pub fn finish(mut self) -> Result<Vec<u8>, XlsxError> {
        let bold = Format::new().set_bold();
        let sheet = self.book.add_worksheet();
        sheet.set_name("columns")?;
        let widths = [14.0, 16.0, 26.0, 10.0, 90.0];
        for (k, (heading, w)) in ["sheet", "column", "HXL", "type", "meaning"].iter().zip(widths).enumerate() {
            sheet.write_string_with_format(0, k as u16, *heading, &bold)?;
            sheet.set_column_width(k as u16, w)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        let mut r = 1;
        for (t, table) in TABLES.iter().enumerate() {
            let about = if self.cut[t] {
                format!("{} The sheet holds as many rows as a sheet can; {}.csv has them all.", table.about, table.name)
            } else {
                table.about.to_string()
            };
            sheet.write_string_with_format(r, 0, table.name, &bold)?;
            sheet.write_string(r, 4, about)?;
            r += 1;
            for column in table.columns {
                sheet.write_string(r, 0, table.name)?;
                sheet.write_string(r, 1, column.name)?;
                sheet.write_string(r, 2, column.hxl)?;
                sheet.write_string(r, 3, kind_name(column.kind))?;
                sheet.write_string(r, 4, column.about)?;
                r += 1;
            }
        }
        self.book.save_to_buffer()
    }
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

fn write(sheet: &mut Worksheet, r: u32, k: u16, cell: &Cell, date: &Format) -> Result<(), XlsxError> {
    match cell {
        Cell::Empty => {}
        Cell::Text(text) if text.chars().count() > MAX_CHARS => {
            let cut: String = text.chars().take(MAX_CHARS).collect();
            sheet.write_string(r, k, cut)?;
        }
        Cell::Text(text) => {
            sheet.write_string(r, k, text)?;
        }
        Cell::Number(n) | Cell::Coordinate(n) => {
            sheet.write_number(r, k, *n)?;
        }
        Cell::Date(d) => {
            let as_date = u16::try_from(d.year())
                .ok()
                .and_then(|y| ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8).ok());
            match as_date {
                Some(day) => sheet.write_datetime_with_format(r, k, &day, date)?,
                // A date a spreadsheet cannot hold (before 1900) is kept as text.
                None => sheet.write_string(r, k, d.to_string())?,
            };
        }
    }
    Ok(())
}
