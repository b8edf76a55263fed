//! A submissions export read as a table: a header and rows of text cells, each row with the
//! number a spreadsheet shows for it (the header is row 1; a cell holding line breaks is still
//! one row, and a file's CRLF line endings count once, as a spreadsheet program counts them). CSV (`,` or `;` separated, UTF-8 with or without a
//! byte-order mark) is read with the `csv` crate, XLSX (told by its bytes, not its name) with
//! calamine. Rows whose every cell is empty (what a spreadsheet program leaves after the data)
//! are no submissions: they are set aside, keeping the numbers of the rows after them.
//! Problems with the file as a whole (empty, not UTF-8, another separator, rows of another
//! width) are diagnostics located at the row and column where they show.

use std::io::Cursor;

use calamine::{Data, Reader};

use super::cell_location;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::messages::Message;

/// A submissions file as read.
#[derive(Debug, Default)]
pub struct Table {
    /// The header row's cells.
    pub header: Vec<String>,
    /// The rows after it that hold anything: the submissions.
    pub rows: Vec<Row>,
    /// The numbers of the rows whose every cell is empty (or only spaces), as a spreadsheet
    /// program leaves them after the data or a KoBoToolbox export opened and saved again in
    /// Excel holds them: no submission, so left out of `rows`.
    pub blank_rows: Vec<usize>,
}

/// One row of submissions.
#[derive(Debug)]
pub struct Row {
    /// Its number as a spreadsheet program shows it: the header is row 1, a cell with line
    /// breaks in it stays in its row, and a blank line is a row too.
    pub number: usize,
    /// Its cells, as text.
    pub cells: Vec<String>,
}

/// Read `bytes`, the file shown as `display` in messages.
pub fn read_table(bytes: &[u8], display: &str) -> Result<Table, Diagnostics> {
    let mut problems = Diagnostics::new();
    let fail = |d: Diagnostic| {
        let mut p = Diagnostics::new();
        p.push(d);
        Err(p)
    };
    // A file holding only a byte-order mark (what some programs save for an empty sheet) is
    // as empty as one holding nothing.
    let unmarked = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if unmarked.iter().all(u8::is_ascii_whitespace) {
        return fail(
            Diagnostic::error_said("survey-empty", Location::file(display), Message::new("import.empty"))
                .with_help_said(Message::new("import.empty-help")),
        );
    }
    // A workbook by its name that is none (a CSV renamed, a download cut short, an old .xls):
    // said so, not read as a CSV file whose separators are wrong.
    let workbook_name = [".xlsx", ".xlsm", ".xls", ".ods"].iter().any(|e| display.to_lowercase().ends_with(e));
    let mut table = if bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(bytes, display)?
    } else if workbook_name {
        return fail(
            Diagnostic::error_said("survey-encoding", Location::file(display), Message::new("import.not-a-workbook"))
                .with_help_said(Message::new("import.not-xlsx-help")),
        );
    } else {
        if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
            return fail(
                Diagnostic::error_said("survey-encoding", Location::file(display), Message::new("import.utf-16"))
                    .with_help_said(Message::new("import.utf-16-help")),
            );
        }
        let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let before = &bytes[..e.valid_up_to()];
                let line = RowStarts::of(before, separator_of(before)).row_at(before.len());
                let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
                let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
                let shown = String::from_utf8_lossy(&bytes[line_start..(e.valid_up_to() + 1).min(bytes.len())]);
                return fail(
                    Diagnostic::error_said(
                        "survey-encoding",
                        cell_location(display, line, column, &shown),
                        Message::new("import.not-utf-8").with("byte", format!("0x{:02X}", bytes[e.valid_up_to()])),
                    )
                    .with_help_said(Message::new("import.not-utf-8-help")),
                );
            }
        };
        if text.contains('\0') {
            return fail(Diagnostic::error_said(
                "survey-encoding",
                Location::file(display),
                Message::new("import.binary"),
            ));
        }
        read_csv(text, display)?
    };
    let (blank, rows): (Vec<Row>, Vec<Row>) =
        std::mem::take(&mut table.rows).into_iter().partition(|r| r.cells.iter().all(|c| c.trim().is_empty()));
    table.rows = rows;
    table.blank_rows = blank.iter().map(|r| r.number).collect();
    if table.header.len() < 2 {
        let shown = table.header.first().cloned().unwrap_or_default();
        let mut d = Diagnostic::error_said(
            "survey-separator",
            cell_location(display, 1, 1, &shown),
            Message::new("import.one-column"),
        );
        d = d.with_help_said(Message::new(if shown.contains('\t') {
            "import.tab-separated-help"
        } else {
            "import.one-column-help"
        }));
        problems.push(d);
        return Err(problems);
    }
    for row in &table.rows {
        if row.cells.len() != table.header.len() {
            let column = row.cells.len().min(table.header.len()) + 1;
            let shown = row.cells.get(column - 1).cloned().unwrap_or_default();
            problems.push(
                Diagnostic::error_said(
                    "survey-separator",
                    cell_location(display, row.number, column.min(row.cells.len().max(1)), &shown),
                    Message::new("import.row-columns")
                        .number("n", row.cells.len() as u64)
                        .number("header", table.header.len() as u64),
                )
                .with_help_said(Message::new("import.row-columns-help")),
            );
        }
    }
    if table.rows.is_empty() {
        problems.push(
            Diagnostic::error_said("survey-empty", Location::file(display), Message::new("import.header-only"))
                .with_help_said(Message::new("import.header-only-help")),
        );
    }
    if problems.is_empty() { Ok(table) } else { Err(problems) }
}

/// `,` or `;`: the one the header row has more of, outside quotes.
fn separator_of(bytes: &[u8]) -> u8 {
    let (mut commas, mut semicolons, mut quoted) = (0, 0, false);
    for &b in bytes {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semicolons += 1,
            b'\n' | b'\r' if !quoted => break,
            _ => {}
        }
    }
    if semicolons > commas { b';' } else { b',' }
}

/// Where each row of a CSV text starts, as a spreadsheet program splits it into rows: at a
/// line break (`\n`, `\r\n` or a lone `\r`, each counted once) outside a quoted cell. The
/// `csv` crate's own line count is not the row: it counts the lines of a cell with line
/// breaks in it, and it counted a CRLF file's rows one short.
struct RowStarts(Vec<usize>);

impl RowStarts {
    /// The row starts of `bytes`, its cells separated by `separator`.
    fn of(bytes: &[u8], separator: u8) -> RowStarts {
        // The states of a CSV reader: at a cell's start, in an unquoted cell, in a quoted
        // cell, and just after a quote in a quoted one (its end, or the first of `""`).
        #[derive(Clone, Copy, PartialEq)]
        enum State {
            Start,
            Plain,
            Quoted,
            QuoteInQuoted,
        }
        let mut starts = vec![0];
        let mut state = State::Start;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            state = match (state, b) {
                (State::Quoted, b'"') => State::QuoteInQuoted,
                (State::Quoted, _) => State::Quoted,
                (State::Start, b'"') | (State::QuoteInQuoted, b'"') => State::Quoted,
                (_, b'\n' | b'\r') => {
                    if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(i + 1);
                    State::Start
                }
                (_, s) if s == separator => State::Start,
                _ => State::Plain,
            };
            i += 1;
        }
        RowStarts(starts)
    }

    /// The row (1 for the first) of the byte at `offset`.
    fn row_at(&self, offset: usize) -> usize {
        self.0.partition_point(|&start| start <= offset).max(1)
    }
}

fn read_csv(text: &str, display: &str) -> Result<Table, Diagnostics> {
    let separator = separator_of(text.as_bytes());
    let rows = RowStarts::of(text.as_bytes(), separator);
    // The `csv` crate may place a record at the line breaks before it (the `\n` of a CRLF, a
    // blank line it skips): the record starts at the first byte after them.
    let row_of = |position: Option<&csv::Position>| {
        position.map_or(1, |p| {
            let at = p.byte() as usize;
            let skipped = text
                .as_bytes()
                .get(at..)
                .map_or(0, |rest| rest.iter().take_while(|b| matches!(b, b'\r' | b'\n')).count());
            rows.row_at(at + skipped)
        })
    };
    let mut reader =
        csv::ReaderBuilder::new().delimiter(separator).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut table = Table::default();
    let mut record = csv::StringRecord::new();
    let mut first = true;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let number = row_of(record.position());
                let cells: Vec<String> = record.iter().map(str::to_string).collect();
                if first {
                    table.header = cells.into_iter().map(|c| c.trim().to_string()).collect();
                    first = false;
                } else {
                    table.rows.push(Row { number, cells });
                }
            }
            Err(e) => {
                let line = row_of(e.position());
                let mut p = Diagnostics::new();
                p.push(Diagnostic::error_said(
                    "survey-separator",
                    cell_location(display, line, 1, ""),
                    Message::new("import.not-csv").with("why", e.to_string()),
                ));
                return Err(p);
            }
        }
    }
    Ok(table)
}

fn read_xlsx(bytes: &[u8], display: &str) -> Result<Table, Diagnostics> {
    let fail = |message: Message| {
        let mut p = Diagnostics::new();
        p.push(
            Diagnostic::error_said("survey-encoding", Location::file(display), message)
                .with_help_said(Message::new("import.not-xlsx-help")),
        );
        p
    };
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| fail(Message::new("import.not-xlsx").with("why", e.to_string())))?;
    // KoBoToolbox puts the submissions on the first sheet (repeat groups on the next ones).
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| fail(Message::new("import.no-sheets")))?
        .map_err(|e| fail(Message::new("import.first-sheet").with("why", e.to_string())))?;
    let (first_row, _) = range.start().unwrap_or((0, 0));
    let mut table = Table::default();
    for (i, row) in range.rows().enumerate() {
        let cells: Vec<String> = row.iter().map(cell_text).collect();
        let number = first_row as usize + i + 1;
        if i == 0 {
            table.header = cells.into_iter().map(|c| c.trim().to_string()).collect();
        } else {
            table.rows.push(Row { number, cells });
        }
    }
    // Trailing empty header cells (a sheet's used range can be wider than its data).
    while table.header.last().is_some_and(String::is_empty) {
        table.header.pop();
    }
    let width = table.header.len();
    for row in &mut table.rows {
        if row.cells.len() > width && row.cells[width..].iter().all(String::is_empty) {
            row.cells.truncate(width);
        }
    }
    Ok(table)
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        // Days since 1899-12-30, as spreadsheets count.
        Data::DateTime(d) => Date::from_days_since_epoch(d.as_f64().floor() as i64 - 25_569).to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolons_and_quotes() {
        let t = read_table(b"a;b\n\"x;y\";2\n", "s.csv").unwrap();
        assert_eq!(t.header, ["a", "b"]);
        assert_eq!(t.rows[0].cells, ["x;y", "2"]);
        assert_eq!(t.rows[0].number, 2);
        let t = read_table(b"\xef\xbb\xbfa,b\n1,2\n", "s.csv").unwrap();
        assert_eq!(t.header, ["a", "b"]);
    }

    #[test]
    fn bad_files_are_located() {
        let codes = |bytes: &[u8]| -> Vec<String> {
            read_table(bytes, "s.csv").unwrap_err().iter().map(|d| d.render()).collect()
        };
        assert!(codes(b"")[0].contains("[survey-empty]"));
        assert!(codes(b"a,b\n")[0].contains("no submissions"));
        assert!(codes(b"a\tb\n1\t2\n")[0].contains("tab-separated"));
        let r = codes(b"a,b\n1,2\n3,4,5\n");
        assert!(r[0].contains("s.csv:3:"), "{r:?}");
        let r = codes(b"a,b\n1,\xe9t\xe9\n");
        assert!(r[0].contains("s.csv:2:3") && r[0].contains("0xE9"), "{r:?}");
        // A byte-order mark and nothing else is an empty file, not a separator problem.
        assert!(codes(b"\xef\xbb\xbf")[0].contains("error[survey-empty]: the submissions file is empty"));
        assert!(codes(b"\xef\xbb\xbf\r\n")[0].contains("[survey-empty]"));
        let r = codes(b"a,\"b\nc\"\r\n1,2\r\n\xe9,3\r\n");
        assert!(r[0].contains("s.csv:3:1"), "the row after a multi-line header cell: {r:?}");
    }

    /// A row whose every cell is empty or spaces is no submission: set aside by its number,
    /// with `;` or `,`, LF or CRLF, the rows after it keeping theirs; only blank rows under the
    /// header is a file with no submissions.
    #[test]
    fn blank_rows_are_no_submissions() {
        for text in [
            &b"a;b\n1;2\n;\n3;4\n;\n ; \n"[..],
            b"a,b\r\n1,2\r\n,\r\n3,4\r\n,\r\n\" \",\r\n",
            b"a,b\n1,2\n,\n3,4\n\"\",\"\"\n   \n",
        ] {
            let t = read_table(text, "s.csv").unwrap();
            let rows: Vec<(usize, &[String])> = t.rows.iter().map(|r| (r.number, r.cells.as_slice())).collect();
            assert_eq!(rows, [(2, &["1".to_string(), "2".into()][..]), (4, &["3".into(), "4".into()][..])]);
            assert_eq!(t.blank_rows, [3, 5, 6], "{}", String::from_utf8_lossy(text));
        }
        let r = read_table(b"a;b\r\n;\r\n;\r\n", "s.csv").unwrap_err();
        assert!(
            r.iter().next().unwrap().render().contains("error[survey-empty]: the file has a header but no submissions")
        );
    }

    /// Rows are numbered as a spreadsheet shows them: the header is row 1, whatever the line
    /// endings, a cell with line breaks is one row, and a blank line is a row.
    #[test]
    fn rows_are_numbered_as_a_spreadsheet_shows_them() {
        let numbers = |bytes: &[u8]| -> Vec<usize> {
            read_table(bytes, "s.csv").unwrap().rows.iter().map(|r| r.number).collect()
        };
        assert_eq!(numbers(b"a,b\n1,2\n3,4\n"), [2, 3]);
        assert_eq!(numbers(b"a,b\r\n1,2\r\n3,4\r\n"), [2, 3]);
        assert_eq!(numbers(b"a,b\r1,2\r3,4"), [2, 3]);
        assert_eq!(numbers(b"a;b\r\n\"two\r\nlines\";2\r\n3;4\r\n"), [2, 3]);
        assert_eq!(numbers(b"a,b\n\"x \"\"quoted\"\"\ny\",2\n\n3,4\n"), [2, 4]);
        assert_eq!(numbers(b"\xef\xbb\xbfa,b\r\n1,2\r\n"), [2]);
    }
}
