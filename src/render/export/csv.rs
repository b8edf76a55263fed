//! The export tables as CSV (with the `csv` crate): a UTF-8 byte-order mark, so that Excel and
//! LibreOffice read accents right; the header row; the row of HXL hashtags; then the rows,
//! with CRLF line ends (RFC 4180), and a `'` before any text a spreadsheet would run as a
//! formula.

use super::table::{Cell, Row, Table};
use std::fmt::Write as _;

fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new())
}

fn finish(writer: csv::Writer<Vec<u8>>) -> Vec<u8> {
    // Writing into memory cannot fail.
    writer.into_inner().unwrap_or_default()
}

/// The start of a table's CSV file: byte-order mark, header row and HXL row.
pub fn head(table: &Table) -> Vec<u8> {
    let mut w = writer();
    // Writing into memory cannot fail.
    let _ = w.write_record(table.columns.iter().map(|c| c.name));
    let _ = w.write_record(table.columns.iter().map(|c| c.hxl));
    let mut out = "\u{feff}".as_bytes().to_vec();
    out.extend(finish(w));
    out
}

/// Rows as CSV lines.
pub fn rows(rows: &[Row]) -> Vec<u8> {
    let mut w = writer();
    let mut record = csv::ByteRecord::new();
    let mut field = String::new();
    for row in rows {
        record.clear();
        for cell in row {
            field.clear();
            match cell {
                Cell::Empty => {}
                Cell::Text(text) => {
                    if is_formula(text) {
                        field.push('\'');
                    }
                    field.push_str(text);
                }
                // The number itself, as the spreadsheet and the JSON give it: `value_text` has
                // the rounding the pages show (0.004 must not read 0 in a data file).
                Cell::Number(n) => crate::text::push_exact_number(&mut field, *n),
                Cell::Coordinate(n) => {
                    let _ = write!(field, "{n}");
                }
                Cell::Date(d) => field.push_str(&d.to_string()),
            }
            record.push_field(field.as_bytes());
        }
        // Writing into memory cannot fail.
        let _ = w.write_byte_record(&record);
    }
    finish(w)
}

/// True if a spreadsheet opening the CSV would take `value` for a formula, which can run
/// commands or send data away (`=HYPERLINK(...)`, `+cmd|...`, `@SUM(...)`, `-2+3`): it starts
/// with `=`, `+`, `-`, `@`, a tab or a carriage return, as OWASP lists them. A plain number
/// (`-3.5`, `+12`) is not one, in any column: it can do nothing but be a number, and the
/// numeric columns hold only such numbers. Only the first byte is looked at, unless it is a
/// sign.
fn is_formula(value: &str) -> bool {
    match value.as_bytes() {
        [b'=' | b'@' | b'\t' | b'\r', ..] => true,
        [b'+' | b'-', rest @ ..] => !is_plain_number(rest),
        _ => false,
    }
}

/// Digits, with at most one decimal point between digits: `3`, `3.5`.
fn is_plain_number(bytes: &[u8]) -> bool {
    let mut parts = bytes.splitn(2, |&b| b == b'.');
    let digits = |p: &[u8]| !p.is_empty() && p.iter().all(u8::is_ascii_digit);
    parts.next().is_some_and(digits) && parts.next().is_none_or(digits)
}

#[cfg(test)]
mod tests {
    use super::super::table::CRITERIA;
    use super::*;

    fn texts(values: &[&str]) -> String {
        let row: Row = values.iter().map(|v| Cell::Text(v.to_string())).collect();
        String::from_utf8(rows(&[row])).unwrap()
    }

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(
            texts(&["plain", "with, comma", "with \"quote\"", "line\nbreak"]),
            "plain,\"with, comma\",\"with \"\"quote\"\"\",\"line\nbreak\"\r\n"
        );
    }

    #[test]
    fn typed_cells_are_written_as_read() {
        let row = vec![
            Cell::Empty,
            Cell::Number(-3.5),
            Cell::Number(12.0),
            Cell::Date(crate::date::Date::new(2026, 3, 4).unwrap()),
            Cell::Text("60+".into()),
            // Not rounded as the pages round: the figure itself.
            Cell::Number(0.004),
            Cell::Number(1234.5678),
            Cell::Number(100.0 / 3.0),
        ];
        assert_eq!(
            String::from_utf8(rows(&[row])).unwrap(),
            ",-3.5,12,2026-03-04,60+,0.004,1234.5678,33.333333333333336\r\n"
        );
    }

    #[test]
    fn csv_cells_a_spreadsheet_would_run_are_neutralized() {
        assert_eq!(
            texts(&["=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "@SUM(A1)", "-2+3", "\tx", "\rx"]),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'+cmd|' /C calc'!A0,'@SUM(A1),'-2+3,'\tx,\"'\rx\"\r\n"
        );
        // Plain numbers stay numbers; a sign alone, or a sign and text, does not.
        for number in ["-3.5", "+12", "-0", "7", "a=b"] {
            assert!(!is_formula(number), "{number}");
        }
        for formula in ["-", "+", "-.5", "-3.", "-3.5.1", "-3.5 °C", "- 3", "-1e5"] {
            assert!(is_formula(formula), "{formula}");
        }
    }

    #[test]
    fn csv_starts_with_a_bom_and_two_header_rows() {
        let head = String::from_utf8(head(&CRITERIA)).unwrap();
        assert!(head.starts_with('\u{feff}'));
        assert_eq!(head.lines().count(), 2);
        assert!(head.contains("#loc+name"));
        assert!(head.ends_with("\r\n"));
    }
}
