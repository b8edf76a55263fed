//! The export tables as CSV: a UTF-8 byte-order mark, so that Excel and LibreOffice read
//! accents right; the header row; the row of HXL hashtags; then the rows, with CRLF line ends
//! (RFC 4180), and a `'` before any text a spreadsheet would run as a formula.
//!
//! Written by hand, as the `csv` crate writes with its defaults (a field is quoted when it
//! holds a comma, a quote, a carriage return or a line feed, and quotes inside are doubled; a
//! record of one empty field is `""`): the indicators table is a million cells at 10,000
//! profiles, and the crate's record buffer cost twice this. A test holds the two to the same
//! bytes.

use super::table::{Cell, Column, Row};
use std::fmt::Write as _;

/// The start of a table's CSV file, of `columns`: byte-order mark, header row and HXL row.
pub fn head(columns: &[Column]) -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    push_record(&mut out, columns.iter().map(|c| c.name.as_bytes()));
    push_record(&mut out, columns.iter().map(|c| c.hxl.as_bytes()));
    out
}

/// Rows as CSV lines.
pub fn rows(rows: &[Row]) -> Vec<u8> {
    let mut out = Vec::with_capacity(rows.len() * rows.first().map_or(0, |r| r.len() * 12));
    let mut field = String::new();
    for row in rows {
        if let [Cell::Empty] = row.as_slice() {
            out.extend_from_slice(b"\"\"\r\n");
            continue;
        }
        for (k, cell) in row.iter().enumerate() {
            if k > 0 {
                out.push(b',');
            }
            match cell {
                Cell::Empty => {}
                Cell::Text(text) => push_field(&mut out, text.as_bytes(), is_formula(text)),
                // The number itself, as the spreadsheet and the JSON give it: `value_text` has
                // the rounding the pages show (0.004 must not read 0 in a data file). Numbers
                // and dates hold nothing to quote.
                Cell::Number(n) => {
                    field.clear();
                    crate::text::push_exact_number(&mut field, *n);
                    out.extend_from_slice(field.as_bytes());
                }
                Cell::Coordinate(n) => {
                    field.clear();
                    let _ = write!(field, "{n}");
                    out.extend_from_slice(field.as_bytes());
                }
                Cell::Date(d) => {
                    field.clear();
                    let _ = write!(field, "{d}");
                    out.extend_from_slice(field.as_bytes());
                }
            }
        }
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// One record of plain fields.
fn push_record<'a>(out: &mut Vec<u8>, fields: impl Iterator<Item = &'a [u8]>) {
    let start = out.len();
    for (k, field) in fields.enumerate() {
        if k > 0 {
            out.push(b',');
        }
        push_field(out, field, false);
    }
    if out.len() == start {
        out.extend_from_slice(b"\"\"");
    }
    out.extend_from_slice(b"\r\n");
}

/// A field, quoted when it must be, after a `'` when it is a formula (the mark needs no
/// quotes, and goes inside them when the field has some).
fn push_field(out: &mut Vec<u8>, field: &[u8], formula: bool) {
    let quoted = needs_quotes(field);
    if quoted {
        out.push(b'"');
    }
    if formula {
        out.push(b'\'');
    }
    if quoted {
        push_doubling_quotes(out, field);
        out.push(b'"');
    } else {
        out.extend_from_slice(field);
    }
}

fn needs_quotes(field: &[u8]) -> bool {
    // Without an early exit, which the compiler turns into vector code: most fields are short
    // and need none.
    let special = |b: u8| (b == b',') | (b == b'"') | (b == b'\r') | (b == b'\n');
    let mut blocks = field.chunks_exact(16);
    let any = blocks.by_ref().fold(false, |any, block| any | block.iter().fold(false, |a, &b| a | special(b)));
    any || blocks.remainder().iter().any(|&b| special(b))
}

fn push_doubling_quotes(out: &mut Vec<u8>, field: &[u8]) {
    let mut parts = field.split(|&b| b == b'"');
    if let Some(first) = parts.next() {
        out.extend_from_slice(first);
    }
    for part in parts {
        out.extend_from_slice(b"\"\"");
        out.extend_from_slice(part);
    }
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
        let row: Row = values.iter().map(|v| Cell::Text(v.to_string().into())).collect();
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

    /// The bytes the `csv` crate writes with the settings the exports used to pass it.
    fn as_the_csv_crate_writes(rows: &[Vec<&str>]) -> String {
        let mut w =
            ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).flexible(true).from_writer(Vec::new());
        for row in rows {
            w.write_record(row).unwrap();
        }
        String::from_utf8(w.into_inner().unwrap()).unwrap()
    }

    #[test]
    fn fields_are_quoted_and_escaped_as_the_csv_crate_does() {
        let tricky = [
            "",
            "plain",
            "a,b",
            "say \"hi\"",
            "\"",
            "\"\"",
            "line\nbreak",
            "carriage\rreturn",
            "crlf\r\n",
            " spaced ",
            "é, ü and 中文",
            "tab\tinside",
            "#comment",
            "'quoted'",
            ";semi;",
        ];
        let mut rows_in: Vec<Vec<&str>> = tricky.iter().map(|t| vec![*t, "x", *t]).collect();
        rows_in.push(tricky.to_vec());
        rows_in.push(vec![""]);
        rows_in.push(vec!["", ""]);
        let cells: Vec<Row> = rows_in
            .iter()
            .map(|row| {
                row.iter().map(|t| if t.is_empty() { Cell::Empty } else { Cell::Text(t.to_string().into()) }).collect()
            })
            .collect();
        assert_eq!(String::from_utf8(rows(&cells)).unwrap(), as_the_csv_crate_writes(&rows_in));
        // The header rows too, one of a single empty name included.
        let mut out = Vec::new();
        for row in &rows_in {
            push_record(&mut out, row.iter().map(|t| t.as_bytes()));
        }
        assert_eq!(String::from_utf8(out).unwrap(), as_the_csv_crate_writes(&rows_in));
    }

    #[test]
    fn csv_starts_with_a_bom_and_two_header_rows() {
        let head = String::from_utf8(head(CRITERIA.columns)).unwrap();
        assert!(head.starts_with('\u{feff}'));
        assert_eq!(head.lines().count(), 2);
        assert!(head.contains("#loc+name"));
        assert!(head.ends_with("\r\n"));
    }
}
