//! Charts as inline SVG, drawn at build time: no chart library, no JavaScript.
//!
//! Every chart has a `<title>` and a `<desc>`, is marked `role="img"`, and sits next to a table
//! that says the same in text (the scorecard table, the comparison table, the coverage list),
//! so it reads for screen readers and in print. Colours are the stylesheet's status colours,
//! and every status also carries a symbol, so nothing depends on colour alone.

use std::fmt::Write as _;

use crate::locale::Locale;
use crate::text::{escape_html as esc, escape_html_into, rounded_by_hand};

/// One cell of a status chart: a label, a status id and its label.
pub struct StatusCell<'a> {
    /// The criterion's label.
    pub label: &'a str,
    /// met, partial, not-met or unknown.
    pub status: &'a str,
    /// The status label.
    pub status_label: &'a str,
}

fn symbol(status: &str) -> &'static str {
    match status {
        "met" => "●",
        "partial" => "◐",
        "not-met" => "○",
        "given" => "■",
        "stale" => "◩",
        _ => "?",
    }
}

/// Append `n` in decimal. Charts are written piece by piece rather than with `write!`: a
/// profile has two, an indicator or coverage page one of a hundred rows, and the formatting
/// machinery was a twentieth of a build.
fn push_u32(out: &mut String, n: u32) {
    out.push_str(itoa::Buffer::new().format(n));
}

fn open(out: &mut String, id: &str, width: u32, height: u32, title: &str, desc: &str) {
    out.push_str("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 ");
    push_u32(out, width);
    out.push(' ');
    push_u32(out, height);
    out.push_str("\" width=\"");
    push_u32(out, width);
    out.push_str("\" height=\"");
    push_u32(out, height);
    out.push_str("\" aria-labelledby=\"");
    out.push_str(id);
    out.push_str("-title ");
    out.push_str(id);
    out.push_str("-desc\"><title id=\"");
    out.push_str(id);
    out.push_str("-title\">");
    escape_html_into(title, out);
    out.push_str("</title><desc id=\"");
    out.push_str(id);
    out.push_str("-desc\">");
    escape_html_into(desc, out);
    out.push_str("</desc>");
}

/// One square of a path: `M{x} {y}h{size}v{size}h-{size}z`.
fn push_square(d: &mut String, x: u32, y: u32, size: u32) {
    d.push('M');
    push_u32(d, x);
    d.push(' ');
    push_u32(d, y);
    d.push('h');
    push_u32(d, size);
    d.push('v');
    push_u32(d, size);
    d.push_str("h-");
    push_u32(d, size);
    d.push('z');
}

/// `<path class="c-{state}" d="{d}"/>`, or nothing for an empty path.
fn push_path(out: &mut String, state: &str, d: &str) {
    if !d.is_empty() {
        out.push_str("<path class=\"c-");
        out.push_str(state);
        out.push_str("\" d=\"");
        out.push_str(d);
        out.push_str("\"/>");
    }
}

/// The seven-criteria scorecard: a row of tiles, one per criterion, each with its status
/// (symbol and word) inside and the criterion's name, on up to three lines, beneath. Words
/// longer than a tile holds (French, Spanish: "Cumplido en parte") are fitted to its width
/// rather than spilling onto the next tile.
/// On a right-to-left page (`rtl`), the tiles run from right to left, as the page reads.
pub fn scorecard(id: &str, title: &str, cells: &[StatusCell<'_>], locale: &Locale, rtl: bool) -> String {
    let tile = 92;
    let gap = 8;
    let margin = 6;
    let width = (tile + gap) * cells.len() as u32 + 2 * margin;
    let height = 126;
    let desc = labelled_list(cells.iter().map(|c| (c.label, c.status_label)), locale);
    let mut out = String::with_capacity(256 + 360 * cells.len());
    open(&mut out, id, width.max(1), height, title, &desc);
    // Written piece by piece rather than with `write!`: one scorecard a profile.
    let mut number = itoa::Buffer::new();
    let last = cells.len().saturating_sub(1);
    for (i, c) in cells.iter().enumerate() {
        let place = if rtl { last - i } else { i };
        let x = margin + (tile + gap) * place as u32;
        let middle = number.format(x + tile / 2).to_string();
        out.push_str("<g class=\"s-");
        escape_html_into(c.status, &mut out);
        out.push_str("\"><rect x=\"");
        out.push_str(number.format(x));
        out.push_str("\" y=\"2\" width=\"");
        out.push_str(number.format(tile));
        out.push_str("\" height=\"58\" rx=\"6\"/><text x=\"");
        out.push_str(&middle);
        out.push_str("\" y=\"30\" text-anchor=\"middle\" class=\"sym big\">");
        out.push_str(symbol(c.status));
        out.push_str("</text><text x=\"");
        out.push_str(&middle);
        out.push_str("\" y=\"50\" text-anchor=\"middle\" class=\"sym\"");
        if c.status_label.chars().count() > STATUS_FITS {
            out.push_str(" textLength=\"84\" lengthAdjust=\"spacingAndGlyphs\"");
        }
        out.push('>');
        escape_html_into(c.status_label, &mut out);
        out.push_str("</text>");
        for (line, text) in label_lines(c.label, LINE_FITS).iter().enumerate() {
            out.push_str("<text x=\"");
            out.push_str(&middle);
            out.push_str("\" y=\"");
            out.push_str(number.format(78 + 15 * line));
            out.push_str("\" text-anchor=\"middle\"");
            if text.chars().count() > LINE_FITS {
                out.push_str(" textLength=\"96\" lengthAdjust=\"spacingAndGlyphs\"");
            }
            out.push('>');
            escape_html_into(text, &mut out);
            out.push_str("</text>");
        }
        out.push_str("</g>");
    }
    out.push_str("</svg>");
    out
}

/// How many characters of a status word fit in a scorecard tile at its size.
const STATUS_FITS: usize = 12;
/// How many characters of a criterion's name fit on a line under its tile.
const LINE_FITS: usize = 14;

/// A label on at most three lines of about `width` characters, broken between words.
fn label_lines(label: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in label.split_whitespace() {
        let room = lines.len() < 3;
        let current = lines.last_mut().expect("one line at least");
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width && room {
            lines.push(word.to_string());
        } else {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
    }
    // A longer line is fitted to the width when drawn: cut only what could not be read then.
    lines.into_iter().map(|l| truncate(&l, width + 8)).collect()
}

/// A strip of squares, one per indicator: given, unknown or missing. One path per state keeps
/// it small on every profile. Its description says how many are given, in `locale`'s words.
/// On a right-to-left page (`rtl`), the squares run from right to left.
pub fn coverage_strip(id: &str, title: &str, cells: &[(&str, &str)], locale: &Locale, rtl: bool) -> String {
    let size = 16;
    let gap = 3;
    let width = (size + gap) * cells.len() as u32;
    let given = cells.iter().filter(|(_, s)| *s == "given").count() as u64;
    let unknown = cells.iter().filter(|(_, s)| *s == "unknown").count() as u64;
    let desc = locale.count("coverage_strip_count", cells.len() as u64, &[("given", given), ("unknown", unknown)]);
    let mut out = String::with_capacity(600 + 30 * cells.len());
    open(&mut out, id, width.max(1), size, title, &desc);
    let mut d = String::with_capacity(30 * cells.len());
    for state in ["given", "unknown", "missing"] {
        d.clear();
        let last = cells.len().saturating_sub(1);
        for (i, _) in cells.iter().enumerate().filter(|(_, (_, s))| *s == state) {
            let place = if rtl { last - i } else { i };
            push_square(&mut d, (size + gap) * place as u32, 0, size);
        }
        push_path(&mut out, state, &d);
    }
    out.push_str("</svg>");
    out
}

/// A bar for each community's value. `max` is the scale's top (100 for percentages); the
/// description is punctuated as `locale` writes.
pub fn bars(id: &str, title: &str, rows: &[(&str, f64, &str)], max: f64, locale: &Locale) -> String {
    let row = 22;
    let label_width = 190;
    let bar_width = 300.0;
    let width = label_width + bar_width as u32 + 90;
    let height = row * rows.len() as u32 + 4;
    let max = if max > 0.0 { max } else { rows.iter().map(|r| r.1).fold(0.0, f64::max).max(1.0) };
    let desc = labelled_list(rows.iter().map(|&(label, _, text)| (label, text)), locale);
    let mut out = String::with_capacity(200 + 220 * rows.len());
    open(&mut out, id, width, height.max(8), title, &desc);
    for (i, (label, value, text)) in rows.iter().enumerate() {
        let y = 2 + row * i as u32;
        let w = (value.max(0.0) / max * bar_width).clamp(0.0, bar_width);
        row_label(&mut out, label_width, y + 13, label);
        out.push_str("<rect class=\"bar\" x=\"");
        push_u32(&mut out, label_width);
        out.push_str("\" y=\"");
        push_u32(&mut out, y);
        out.push_str("\" width=\"");
        push_tenths(&mut out, w);
        out.push_str("\" height=\"16\"/><text x=\"");
        push_tenths(&mut out, label_width as f64 + w + 5.0);
        out.push_str("\" y=\"");
        push_u32(&mut out, y + 13);
        out.push_str("\" class=\"lbl\">");
        escape_html_into(text, &mut out);
        out.push_str("</text>");
    }
    out.push_str("</svg>");
    out
}

/// One stacked bar per community: the parts of a distribution, named as shown, with
/// percentages as `locale` writes them.
pub fn stacked(id: &str, title: &str, part_names: &[&str], rows: &[(&str, Vec<f64>)], locale: &Locale) -> String {
    let row = 22;
    let label_width = 190;
    let bar_width = 340.0;
    let legend = 22;
    let width = label_width + bar_width as u32 + 10;
    let height = legend + row * rows.len() as u32 + 4;
    let desc: Vec<String> = rows
        .iter()
        .map(|(l, parts)| {
            let values: Vec<String> =
                part_names.iter().zip(parts).map(|(n, v)| format!("{n} {}", locale.percent(*v))).collect();
            locale.labelled(l, &values.join(locale.list_separator()))
        })
        .collect();
    let mut out = String::new();
    open(&mut out, id, width, height, title, &desc.join(locale.semicolon()));
    let mut x = label_width as f64;
    for (p, name) in part_names.iter().enumerate() {
        let _ = write!(
            out,
            "<rect class=\"part-{}\" x=\"{x:.0}\" y=\"2\" width=\"12\" height=\"12\"/><text x=\"{:.0}\" y=\"13\" class=\"lbl\">{}</text>",
            p % 6,
            x + 16.0,
            esc(name)
        );
        x += 16.0 + 8.0 * name.chars().count() as f64 + 12.0;
    }
    for (i, (label, parts)) in rows.iter().enumerate() {
        let y = legend + 2 + row * i as u32;
        row_label(&mut out, label_width, y + 13, label);
        let total: f64 = parts.iter().sum::<f64>().max(1.0);
        let mut x = label_width as f64;
        for (p, value) in parts.iter().enumerate() {
            let w = value / total * bar_width;
            out.push_str("<rect class=\"part-");
            push_u32(&mut out, (p % 6) as u32);
            out.push_str("\" x=\"");
            push_tenths(&mut out, x);
            out.push_str("\" y=\"");
            push_u32(&mut out, y);
            out.push_str("\" width=\"");
            push_tenths(&mut out, w);
            out.push_str("\" height=\"16\"/>");
            x += w;
        }
    }
    out.push_str("</svg>");
    out
}

/// The coverage heatmap: a row per community, a column per indicator, each cell given,
/// unknown, stale or missing. Cells of one state form one path, which keeps a page of a
/// hundred communities small; the table beside it names every cell. Its description says how
/// many values are given, in `locale`'s words.
pub fn heatmap(id: &str, title: &str, columns: &[&str], rows: &[(&str, Vec<&str>)], locale: &Locale) -> String {
    let cell = 14;
    let label_width = 190;
    let header = 8;
    let width = label_width + (cell + 2) * columns.len() as u32 + 4;
    let height = header + (cell + 2) * rows.len() as u32 + 4;
    let given = rows.iter().flat_map(|(_, c)| c.iter()).filter(|s| **s == "given").count() as u64;
    let desc = locale.count(
        "heatmap_count",
        (rows.len() * columns.len()) as u64,
        &[("given", given), ("communities", rows.len() as u64), ("indicators", columns.len() as u64)],
    );
    let mut out = String::with_capacity(200 + rows.len() * (80 + columns.len() * 16));
    open(&mut out, id, width, height, title, &desc);
    let mut paths: [(&str, String); 4] =
        [("given", String::new()), ("unknown", String::new()), ("stale", String::new()), ("missing", String::new())];
    for (r, (label, states)) in rows.iter().enumerate() {
        let y = header + (cell + 2) * r as u32;
        row_label(&mut out, label_width, y + 11, label);
        for (c, state) in states.iter().enumerate() {
            if let Some((_, d)) = paths.iter_mut().find(|(s, _)| s == state) {
                push_square(d, label_width + (cell + 2) * c as u32, y, cell);
            }
        }
    }
    for (state, d) in &paths {
        push_path(&mut out, state, d);
    }
    out.push_str("</svg>");
    out
}

/// A chart's description from its labels and values: "label: value; label: value", punctuated
/// as `locale` writes ("label : value ; …" in French).
fn labelled_list<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>, locale: &Locale) -> String {
    let mut desc = String::new();
    for (label, value) in pairs {
        if !desc.is_empty() {
            desc.push_str(locale.semicolon());
        }
        desc.push_str(label);
        desc.push_str(locale.colon());
        desc.push_str(value);
    }
    desc
}

/// A row's label, right-aligned against the chart area that starts at `label_width`.
fn row_label(out: &mut String, label_width: u32, baseline: u32, label: &str) {
    out.push_str("<text x=\"");
    push_u32(out, label_width - 6);
    out.push_str("\" y=\"");
    push_u32(out, baseline);
    out.push_str("\" text-anchor=\"end\">");
    if label.chars().nth(ROW_LABEL_MAX).is_none() {
        escape_html_into(label, out);
    } else {
        escape_html_into(&truncate(label, ROW_LABEL_MAX), out);
    }
    out.push_str("</text>");
}

/// Longest row label, in characters, before it is cut.
const ROW_LABEL_MAX: usize = 28;

/// Write `value` with one decimal, as `format!("{value:.1}")` does, without the formatting
/// machinery: charts of a hundred rows write two such numbers a row, on thousands of pages.
fn push_tenths(out: &mut String, value: f64) {
    let tenths = if value >= 0.0 { rounded_by_hand(value, 10.0) } else { None };
    match tenths {
        Some(tenths) => {
            out.push_str(itoa::Buffer::new().format(tenths / 10));
            out.push('.');
            out.push(char::from(b'0' + (tenths % 10) as u8));
        }
        None => {
            let _ = write!(out, "{value:.1}");
        }
    }
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn on_a_right_to_left_page_the_scorecard_and_the_strip_run_from_the_right() {
        let cells = [
            StatusCell { label: "First", status: "met", status_label: "Met" },
            StatusCell { label: "Second", status: "not-met", status_label: "Not met" },
        ];
        let x_of = |svg: &str, class: &str| {
            let at = svg.find(&format!("class=\"s-{class}\"><rect x=\"")).unwrap() + 20 + class.len();
            svg[at..].split('"').next().unwrap().parse::<u32>().unwrap()
        };
        let ltr = scorecard("s", "t", &cells, &Locale::bare(), false);
        let rtl = scorecard("s", "t", &cells, &Locale::bare(), true);
        assert!(x_of(&ltr, "met") < x_of(&ltr, "not-met"));
        assert!(x_of(&rtl, "met") > x_of(&rtl, "not-met"));
        assert_eq!(x_of(&ltr, "met"), x_of(&rtl, "not-met"));
        let strip = [("a", "given"), ("b", "missing"), ("c", "missing")];
        assert!(coverage_strip("c", "t", &strip, &Locale::bare(), false).contains("class=\"c-given\" d=\"M0 0"));
        assert!(coverage_strip("c", "t", &strip, &Locale::bare(), true).contains("class=\"c-given\" d=\"M38 0"));
    }

    use super::*;

    #[test]
    fn charts_escape_text_and_carry_a_title() {
        let svg = scorecard(
            "s",
            "Scorecard <x>",
            &[StatusCell { label: "A & B", status: "met", status_label: "Met" }],
            &Locale::bare(),
            false,
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("<title id=\"s-title\">Scorecard &lt;x&gt;</title>"));
        assert!(svg.contains("A &amp; B"));
        assert!(svg.contains("Met"));
        assert!(!svg.contains("textLength"), "a short word is drawn as it is");
        let long = scorecard(
            "s",
            "t",
            &[StatusCell { label: "Infraestructura básica", status: "partial", status_label: "Cumplido en parte" }],
            &Locale::bare(),
            false,
        );
        assert!(
            long.contains("class=\"sym\" textLength=\"84\" lengthAdjust=\"spacingAndGlyphs\">Cumplido en parte<"),
            "{long}"
        );
        let bars = bars("b", "Bars", &[("Town", 50.0, "50%")], 100.0, &Locale::bare());
        assert!(bars.contains("width=\"150.0\""), "{bars}");
    }

    #[test]
    fn tenths_are_written_as_the_formatter_writes_them() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut values = vec![0.0, 0.05, 0.15, 0.25, 0.35, 0.95, 1.0, 9.95, 99.95, 149.99, 299.96, 300.0, 1e13, -0.04];
        for _ in 0..20_000 {
            values.push((crate::text::next_test_random(&mut state) % 10_000_000) as f64 / 3_333.0);
        }
        for value in values {
            let mut out = String::new();
            push_tenths(&mut out, value);
            assert_eq!(out, format!("{value:.1}"), "{value}");
        }
    }

    #[test]
    fn labels_break_between_words() {
        assert_eq!(label_lines("Stability and opportunity", 14), ["Stability and", "opportunity"]);
        assert_eq!(label_lines("Enough returnees", 14), ["Enough", "returnees"]);
        assert_eq!(
            label_lines("Número suficiente de personas retornadas", 14),
            ["Número", "suficiente de", "personas retornadas"]
        );
    }

    #[test]
    fn long_labels_are_cut() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
    }
}
