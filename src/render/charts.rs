//! Charts as inline SVG, drawn at build time: no chart library, no JavaScript.
//!
//! Every chart has a `<title>` and a `<desc>`, is marked `role="img"`, and sits next to a table
//! that says the same in text (the scorecard table, the comparison table, the coverage list),
//! so it reads for screen readers and in print. Colours are the stylesheet's status colours,
//! and every status also carries a symbol, so nothing depends on colour alone.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::locale::Locale;
use crate::text::{escape_html_into, rounded_by_hand};

mod legend;
mod measure;

use measure::{fitted, runs_rtl, text_width};

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

/// The `<svg>` element with its title and description. A mirrored chart (`rtl`) says its
/// direction itself rather than resting on the page's.
fn open(out: &mut String, id: &str, width: u32, height: u32, title: &str, desc: &str, rtl: bool) {
    out.push_str("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\"");
    if rtl {
        out.push_str(" direction=\"rtl\"");
    }
    out.push_str(" viewBox=\"0 0 ");
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
    open(&mut out, id, width.max(1), height, title, &desc, rtl);
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
    open(&mut out, id, width.max(1), size, title, &desc, rtl);
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
/// description is punctuated as `locale` writes. The chart is as wide as its longest value
/// label needs, so that no label is cut at its edge.
///
/// On a right-to-left page (`locale` written right to left) the chart is mirrored, as the
/// scorecard is: names on the right, bars growing leftwards, each value at its bar's end.
pub fn bars(id: &str, title: &str, rows: &[(&str, f64, &str)], max: f64, locale: &Locale) -> String {
    let row = 22;
    let label_width = 190;
    let bar_width = 300.0;
    // Room after the longest bar: its value label, measured, and a margin.
    let room = rows.iter().map(|r| text_width(r.2)).fold(0.0, f64::max) + VALUE_GAP + 4.0;
    let width = label_width + bar_width as u32 + (room.ceil() as u32).max(90);
    let height = row * rows.len() as u32 + 4;
    let max = if max > 0.0 { max } else { rows.iter().map(|r| r.1).fold(0.0, f64::max).max(1.0) };
    let desc = labelled_list(rows.iter().map(|&(label, _, text)| (label, text)), locale);
    let flow = Flow { rtl: locale.is_rtl(), width };
    let mut out = String::with_capacity(200 + 220 * rows.len());
    open(&mut out, id, width, height.max(8), title, &desc, flow.rtl);
    for (i, (label, value, text)) in rows.iter().enumerate() {
        let y = 2 + row * i as u32;
        let w = (value.max(0.0) / max * bar_width).clamp(0.0, bar_width);
        row_label(&mut out, flow, label_width, y + 13, label);
        out.push_str("<rect class=\"bar\" x=\"");
        push_tenths(&mut out, flow.start_of(f64::from(label_width), w));
        out.push_str("\" y=\"");
        push_u32(&mut out, y);
        out.push_str("\" width=\"");
        push_tenths(&mut out, w);
        out.push_str("\" height=\"16\"/>");
        let mut x = String::new();
        push_tenths(&mut x, flow.x(f64::from(label_width) + w + VALUE_GAP));
        push_text(&mut out, flow, &x, y + 13, Edge::Start, Some("lbl"), text);
    }
    out.push_str("</svg>");
    out
}

/// Between a bar's end and its value label.
const VALUE_GAP: f64 = 5.0;

/// One stacked bar per community: the parts of a distribution, named as shown, with
/// percentages as `locale` writes them. On a right-to-left page it is mirrored as [`bars`] is:
/// the first part and the legend start at the right.
pub fn stacked(id: &str, title: &str, part_names: &[&str], rows: &[(&str, Vec<f64>)], locale: &Locale) -> String {
    let row = 22;
    let label_width = 190;
    let bar_width = 340.0;
    let width = label_width + bar_width as u32 + 10;
    let entries = legend::layout(part_names, f64::from(label_width), f64::from(width));
    let legend = 4 + legend::LINE * legend::lines(&entries);
    let height = legend + row * rows.len() as u32 + 4;
    let desc: Vec<String> = rows
        .iter()
        .map(|(l, parts)| {
            let values: Vec<String> =
                part_names.iter().zip(parts).map(|(n, v)| format!("{n} {}", locale.percent(*v))).collect();
            locale.labelled(l, &values.join(locale.list_separator()))
        })
        .collect();
    let flow = Flow { rtl: locale.is_rtl(), width };
    let mut out = String::new();
    open(&mut out, id, width, height, title, &desc.join(locale.semicolon()), flow.rtl);
    // The legend: each colour box, then its name after it in the chart's direction, spaced by
    // the names' measured widths; a name cut to fit a line keeps its whole as a tooltip.
    for (p, (entry, whole)) in entries.iter().zip(part_names).enumerate() {
        let top = 2 + legend::LINE * entry.line;
        let _ = write!(
            out,
            "<rect class=\"part-{}\" x=\"{:.0}\" y=\"{top}\" width=\"12\" height=\"12\"/>",
            p % 6,
            flow.start_of(entry.x, legend::BOX)
        );
        let x = format!("{:.0}", flow.x(entry.x + legend::NAME_OFFSET));
        let cut = entry.name != *whole;
        if cut {
            out.push_str("<g><title>");
            escape_html_into(whole, &mut out);
            out.push_str("</title>");
        }
        push_text(&mut out, flow, &x, top + 11, Edge::Start, Some("lbl"), &entry.name);
        if cut {
            out.push_str("</g>");
        }
    }
    for (i, (label, parts)) in rows.iter().enumerate() {
        let y = legend + 2 + row * i as u32;
        row_label(&mut out, flow, label_width, y + 13, label);
        let total: f64 = parts.iter().sum::<f64>().max(1.0);
        let mut x = label_width as f64;
        for (p, value) in parts.iter().enumerate() {
            let w = value / total * bar_width;
            out.push_str("<rect class=\"part-");
            push_u32(&mut out, (p % 6) as u32);
            out.push_str("\" x=\"");
            push_tenths(&mut out, flow.start_of(x, w));
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
/// many values are given, in `locale`'s words. Mirrored on a right-to-left page, as [`bars`].
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
    let flow = Flow { rtl: locale.is_rtl(), width };
    let mut out = String::with_capacity(200 + rows.len() * (80 + columns.len() * 16));
    open(&mut out, id, width, height, title, &desc, flow.rtl);
    let mut paths: [(&str, String); 4] =
        [("given", String::new()), ("unknown", String::new()), ("stale", String::new()), ("missing", String::new())];
    for (r, (label, states)) in rows.iter().enumerate() {
        let y = header + (cell + 2) * r as u32;
        row_label(&mut out, flow, label_width, y + 11, label);
        for (c, state) in states.iter().enumerate() {
            if let Some((_, d)) = paths.iter_mut().find(|(s, _)| s == state) {
                let x = label_width + (cell + 2) * c as u32;
                let x = if flow.rtl { width.saturating_sub(x + cell) } else { x };
                push_square(d, x, y, cell);
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

/// A row's label, its end against the chart area that starts at `label_width` (its right
/// edge, or its left edge in a mirrored chart), whatever the direction of its own text. A name
/// wider than its column ([`text_width`]) is cut to fit it, and the whole name is kept as the
/// text's tooltip (`<title>`); the chart's description, which screen readers read, names it
/// whole too.
fn row_label(out: &mut String, flow: Flow, label_width: u32, baseline: u32, label: &str) {
    let end = label_width - 6;
    let x = if flow.rtl { flow.width - end } else { end };
    let x = itoa::Buffer::new().format(x).to_string();
    match fitted(label, f64::from(end) - ROW_LABEL_MARGIN) {
        Cow::Borrowed(whole) => push_text(out, flow, &x, baseline, Edge::End, None, whole),
        Cow::Owned(cut) => {
            out.push_str("<g><title>");
            escape_html_into(label, out);
            out.push_str("</title>");
            push_text(out, flow, &x, baseline, Edge::End, None, &cut);
            out.push_str("</g>");
        }
    }
}

/// Room kept between a row's label and the chart's outer edge.
const ROW_LABEL_MARGIN: f64 = 2.0;

/// Which way a chart runs: left to right, or mirrored on a right-to-left page.
#[derive(Clone, Copy)]
struct Flow {
    rtl: bool,
    width: u32,
}

impl Flow {
    /// Where `x`, measured from the chart's start, is drawn.
    fn x(self, x: f64) -> f64 {
        if self.rtl { f64::from(self.width) - x } else { x }
    }

    /// The left of a box `w` wide that starts at `x` from the chart's start.
    fn start_of(self, x: f64, w: f64) -> f64 {
        if self.rtl { (f64::from(self.width) - x - w).max(0.0) } else { x }
    }
}

/// Which edge of a text is put at its `x`: the one towards the chart's start (the text runs on
/// towards its end), or the one towards its end.
#[derive(Clone, Copy)]
enum Edge {
    Start,
    End,
}

/// `<text>` at `x` with its `edge` there, in the direction of its own text: each text says
/// its direction when it differs from the chart's, so that an English name in an Arabic chart,
/// or "65+", keeps its order, and `text-anchor` (which follows the text's direction) is chosen
/// for the edge wanted rather than inherited from the page.
fn push_text(out: &mut String, flow: Flow, x: &str, baseline: u32, edge: Edge, class: Option<&str>, text: &str) {
    let rtl = runs_rtl(text);
    // The physical side the edge is on, then the anchor that puts it there.
    let left = matches!(edge, Edge::Start) != flow.rtl;
    let anchor_end = left == rtl;
    out.push_str("<text x=\"");
    out.push_str(x);
    out.push_str("\" y=\"");
    push_u32(out, baseline);
    out.push('"');
    if rtl != flow.rtl {
        out.push_str(if rtl { " direction=\"rtl\"" } else { " direction=\"ltr\"" });
    }
    if anchor_end {
        out.push_str(" text-anchor=\"end\"");
    }
    if let Some(class) = class {
        out.push_str(" class=\"");
        out.push_str(class);
        out.push('"');
    }
    out.push('>');
    escape_html_into(text, out);
    out.push_str("</text>");
}

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

    /// The number in `attr="…"` after `from` in `svg`.
    fn attr_after(svg: &str, from: &str, attr: &str) -> f64 {
        let at = svg.find(from).unwrap_or_else(|| panic!("{from} not in {svg}"));
        let rest = &svg[at..];
        let value = rest.find(&format!("{attr}=\"")).map(|i| &rest[i + attr.len() + 2..]).unwrap();
        value.split('"').next().unwrap().parse().unwrap()
    }

    #[test]
    fn on_a_right_to_left_page_bars_are_mirrored_and_each_text_keeps_its_own_direction() {
        let ar = Locale::from_wording("ar", Default::default(), true);
        let rows = [("سنجار (Sinjar)", 1234.5, "1,234.5 مهاجر لكل 1000 نسمة سنويًا"), ("Mosul", 617.0, "617 x")];
        let svg = bars("b", "t", &rows, 0.0, &ar);
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" direction=\"rtl\"")
        );
        // The full bar ends at the name's left: the name sits right of it, the value left of it.
        let bar_x = attr_after(&svg, "class=\"bar\"", "x");
        let bar_w = attr_after(&svg, "class=\"bar\"", "width");
        let name_x = attr_after(&svg, "<text", "x");
        assert!(name_x > bar_x + bar_w, "{svg}");
        assert!(svg.contains(">سنجار (Sinjar)</text>"), "{svg}");
        // An Arabic name in an Arabic chart: its end (left) edge at x, by the inherited anchor.
        assert!(svg.contains(&format!("<text x=\"{name_x}\" y=\"15\" text-anchor=\"end\">سنجار")), "{svg}");
        // The value: right edge at the bar's left end, no anchor to flip.
        let value_x = attr_after(&svg, "class=\"bar\"", "x") - 5.0;
        assert!(svg.contains(&format!("<text x=\"{value_x:.1}\" y=\"15\" class=\"lbl\">1,234.5 مهاجر")), "{svg}");
        // A Latin name in the Arabic chart says it runs left to right, with its left edge at x.
        assert!(svg.contains("direction=\"ltr\">Mosul</text>"), "{svg}");
        // The same rows left to right: the name ends where the bars start, values after them.
        let en = bars("b", "t", &[("Mosul", 50.0, "50%")], 100.0, &Locale::bare());
        assert!(
            en.contains("<text x=\"184\" y=\"15\" text-anchor=\"end\">Mosul</text><rect class=\"bar\" x=\"190.0\""),
            "{en}"
        );
        assert!(en.contains("<text x=\"345.0\" y=\"15\" class=\"lbl\">50%</text>"), "{en}");
    }

    #[test]
    fn a_long_value_label_gets_room_after_the_longest_bar() {
        let label = "1234,5 emigrantes por cada 1000 habitantes al año";
        let svg = bars("b", "t", &[("San Martín", 1234.5, label)], 0.0, &Locale::bare());
        let width = attr_after(&svg, "<svg", "width");
        // The label starts 5 after a full bar (190 + 300) and needs its measured width.
        assert!(width >= 495.0 + text_width(label), "{width}: {svg}");
        // Short labels keep the chart as it was.
        let short = bars("b", "t", &[("Town", 50.0, "50%")], 100.0, &Locale::bare());
        assert_eq!(attr_after(&short, "<svg", "width"), 580.0);
    }

    #[test]
    fn a_mirrored_legend_puts_each_box_beside_its_label_and_keeps_65_plus() {
        let ar = Locale::from_wording("ar", Default::default(), true);
        let parts = ["0-14", "65+"];
        let svg = stacked("s", "t", &parts, &[("سنجار", vec![94.0, 6.0])], &ar);
        // "65+" has no letter: it runs left to right, whatever the page.
        assert!(svg.contains("direction=\"ltr\" text-anchor=\"end\" class=\"lbl\">65+</text>"), "{svg}");
        // Each label's right edge is 4 left of its box: beside it, not under it.
        for (box_from, label) in [("class=\"part-0\" x", "0-14"), ("class=\"part-1\" x", "65+")] {
            let box_x = attr_after(&svg, box_from, "x");
            let text_at = svg.find(&format!(">{label}</text>")).unwrap();
            let text_start = svg[..text_at].rfind("<text").unwrap();
            let text_x = attr_after(&svg[text_start..], "<text", "x");
            assert_eq!(text_x, box_x - 4.0, "{label}: {svg}");
        }
        // The first part starts at the right of the legend and of the bar.
        assert!(attr_after(&svg, "class=\"part-0\" x", "x") > attr_after(&svg, "class=\"part-1\" x", "x"));
        let heat = heatmap("h", "t", &["a", "b"], &[("سنجار", vec!["given", "missing"])], &ar);
        assert!(heat.contains("class=\"c-given\" d=\"M22 8"), "{heat}");
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

    /// The row names of `svg` as drawn: the text of each `<text>` without a class.
    fn row_names(svg: &str) -> Vec<String> {
        svg.split("<text ")
            .skip(1)
            .filter(|t| !t.split('>').next().unwrap().contains("class="))
            .map(|t| t.split('>').nth(1).unwrap().trim_end_matches("</text").to_string())
            .collect()
    }

    #[test]
    fn a_row_name_wider_than_its_column_is_cut_to_fit_it_and_kept_whole_for_readers() {
        let ar = Locale::from_wording("ar", Default::default(), true);
        // 27 letters, many of them wide: more than the column holds, though under 28 letters.
        let latin = "Mwembeni Wamwezi Mwanamwema";
        let arabic = "مخيم الشيخ شمس الصحراء الشرقية في محافظة صلاح الدين";
        let room = 190.0 - 6.0 - ROW_LABEL_MARGIN;
        for (locale, name) in [(&Locale::bare(), latin), (&ar, arabic), (&ar, latin), (&Locale::bare(), arabic)] {
            let rows = [(name, 61.0, "61%"), ("Colonia La Paz", 40.0, "40%")];
            for svg in [
                bars("b", "t", &rows, 100.0, locale),
                stacked("s", "t", &["a", "b"], &[(name, vec![50.0, 50.0]), ("Colonia La Paz", vec![1.0, 1.0])], locale),
                heatmap("h", "t", &["a"], &[(name, vec!["given"]), ("Colonia La Paz", vec!["missing"])], locale),
            ] {
                let names = row_names(&svg);
                let cut = &names[names.len() - 2];
                assert!(cut.ends_with('…') && name.starts_with(cut.trim_end_matches('…')), "{cut}: {svg}");
                assert!(text_width(cut) <= room, "{cut} is {} wide: {svg}", text_width(cut));
                // A short name is drawn whole, with no tooltip of its own.
                assert_eq!(names[names.len() - 1], "Colonia La Paz");
                assert_eq!(svg.matches("<g><title>").count(), 1, "{svg}");
                // The whole name is the cut one's tooltip.
                assert!(svg.contains(&format!("<g><title>{name}</title><text ")), "{svg}");
            }
            // Screen readers read the whole name in the chart's description.
            assert!(bars("b", "t", &[(name, 1.0, "1")], 1.0, locale).contains(&format!("-desc\">{name}: 1</desc>")));
        }
        // A long name of narrow letters fits whole, though longer than a name of wide ones.
        let narrow = "Ait Illil Fitri el Jdid i Tlit";
        assert!(narrow.chars().count() > latin.chars().count());
        assert_eq!(row_names(&bars("b", "t", &[(narrow, 1.0, "1")], 1.0, &Locale::bare())), [narrow]);
    }

    #[test]
    fn long_labels_are_cut() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
    }
}
