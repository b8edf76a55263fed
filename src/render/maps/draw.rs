//! Writing a map's SVG: the frame, the outlines of [`super::base`], country names, markers
//! (links to profiles), their labels placed so that none overlaps another, and the legend.

use std::fmt::Write as _;

use super::base::{Base, View, WIDTH};
use crate::geo::Point;
use crate::text::escape_html_into;

/// How a marker is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerStyle {
    /// Few criteria met (the scorecard's not-met colour).
    Low,
    /// Some (partial).
    Mid,
    /// Most (met).
    High,
    /// A graduated circle for a value.
    Value,
    /// Several communities too close to tell apart, as one circle with their number.
    Cluster,
    /// Another community, on a locator map.
    Other,
}

impl MarkerStyle {
    fn class(self) -> &'static str {
        match self {
            MarkerStyle::Low => "mk mk-low",
            MarkerStyle::Mid => "mk mk-mid",
            MarkerStyle::High => "mk mk-high",
            MarkerStyle::Value => "mk mk-value",
            MarkerStyle::Cluster => "mk mk-cluster",
            MarkerStyle::Other => "mk mk-other",
        }
    }
}

/// One point on a map.
#[derive(Debug, Clone)]
pub struct Marker {
    /// Where.
    pub point: Point,
    /// The label written beside it (when there is room).
    pub label: String,
    /// Its accessible name: the label and what the marker shows.
    pub name: String,
    /// The community's name, which names a group of markers it is drawn in (empty for a
    /// cluster).
    pub community: String,
    /// The site path it links to.
    pub href: Option<String>,
    /// How it is drawn.
    pub style: MarkerStyle,
    /// Text inside the circle (criteria met, a cluster's size).
    pub number: Option<String>,
    /// Radius in SVG units.
    pub radius: f64,
    /// The page's own community, drawn apart.
    pub current: bool,
}

/// A map's legend.
#[derive(Debug, Clone)]
pub enum Legend {
    /// No legend.
    None,
    /// Classes: a sample marker with its number, and what the class holds.
    Classes {
        /// What the numbers and colours mean.
        heading: String,
        /// Style, the number in the sample, the label.
        items: Vec<(MarkerStyle, String, String)>,
    },
    /// Graduated circles: sample radii and their values.
    Sizes {
        /// What the circles' areas show.
        heading: String,
        /// Radius and value.
        items: Vec<(f64, String)>,
    },
}

pub(super) struct Drawing<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
    pub view: &'a View,
    pub base: &'a Base,
    pub markers: &'a [Marker],
    pub legend: &'a Legend,
    pub labels: bool,
    pub root: &'a str,
    pub display_width: u32,
    /// Drawing units per CSS pixel: 1 at full width, 2 for a map shown at half width.
    pub scale: f64,
    /// The legend's line for clusters ("n communities close together").
    pub cluster_legend: &'a str,
    /// The legend's line for communities at one place, drawn around it.
    pub group_legend: &'a str,
    /// A group's accessible name from its number and its first names.
    pub group_name: &'a dyn Fn(usize, &[&str]) -> String,
    /// The page's language, which names the countries.
    pub language: &'a str,
}

/// One decimal, as the charts write it.
fn num(out: &mut String, value: f64) {
    // What `write!(out, "{}", tenths / 10.0)` writes ("12", "12.5", "-0.5", "-0"), without the
    // formatting machinery: a page's map writes a few hundred numbers, on every profile page.
    let tenths = (value * 10.0).round();
    if tenths.abs() < 1e15 {
        if tenths.is_sign_negative() {
            out.push('-');
        }
        let tenths = (tenths as i64).unsigned_abs();
        out.push_str(itoa::Buffer::new().format(tenths / 10));
        if !tenths.is_multiple_of(10) {
            out.push('.');
            out.push(char::from(b'0' + (tenths % 10) as u8));
        }
    } else {
        let _ = write!(out, "{}", tenths / 10.0);
    }
}

pub(super) fn svg(d: &Drawing<'_>) -> String {
    let height = d.view.height;
    let mut out = String::with_capacity(d.base.paths.len() + 400 * d.markers.len() + 2000);
    out.push_str("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map");
    if d.scale > 1.2 {
        out.push_str(" map-small");
    }
    out.push_str("\" role=\"group\" viewBox=\"0 0 ");
    num(&mut out, WIDTH);
    out.push(' ');
    num(&mut out, height);
    let _ = write!(
        out,
        "\" width=\"{}\" height=\"{}\" aria-labelledby=\"{id}-title\" aria-describedby=\"{id}-desc\"><title id=\"{id}-title\">",
        d.display_width,
        (f64::from(d.display_width) * height / WIDTH).round(),
        id = d.id
    );
    escape_html_into(d.title, &mut out);
    let _ = write!(out, "</title><desc id=\"{}-desc\">", d.id);
    escape_html_into(d.desc, &mut out);
    out.push_str("</desc><rect class=\"map-sea\" width=\"");
    num(&mut out, WIDTH);
    out.push_str("\" height=\"");
    num(&mut out, height);
    out.push_str("\"/>");
    out.push_str(&d.base.paths);

    // Markers that would hide one another are drawn around their place (see `spread`).
    let (at, groups) = spread(d.markers, &|m| d.view.project(m.point), d.scale, height);
    // Obstacles for labels: every marker, each group's count, and the legend's corner.
    let mut taken: Vec<Rect> = d
        .markers
        .iter()
        .zip(&at)
        .map(|(m, &(x, y))| Rect { x0: x - m.radius, y0: y - m.radius, x1: x + m.radius, y1: y + m.radius })
        .collect();
    taken.extend(groups.iter().map(|g| g.badge_rect(d.scale)));
    let mut notes: Vec<(&str, &str)> = Vec::new();
    if d.markers.iter().any(|m| m.style == MarkerStyle::Cluster) {
        notes.push((MarkerStyle::Cluster.class(), d.cluster_legend));
    }
    if !groups.is_empty() {
        notes.push((GROUP_SAMPLE, d.group_legend));
    }
    let legend_box = legend_rect(d.legend, height, &notes, &taken);
    taken.extend(legend_box);

    out.push_str("<g class=\"map-names\" aria-hidden=\"true\">");
    for &(ref name, x, y) in &d.base.labels {
        let name = crate::geo::label_in(name, d.language);
        if let Some((y, r)) = country_name_place(name, (x, y), 13.0 * d.scale, height, &taken) {
            taken.push(r);
            out.push_str("<text x=\"");
            num(&mut out, x);
            out.push_str("\" y=\"");
            num(&mut out, y);
            out.push_str("\" text-anchor=\"middle\">");
            escape_html_into(name, &mut out);
            out.push_str("</text>");
        }
    }
    out.push_str("</g>");
    for g in &groups {
        group(&mut out, d, g);
    }
    out.push_str("<g class=\"map-markers\">");
    // Big circles first, so that small ones stay on top and can be reached.
    let mut order: Vec<usize> = (0..d.markers.len()).collect();
    order.sort_by(|&a, &b| {
        let (ma, mb) = (&d.markers[a], &d.markers[b]);
        (ma.current, -ma.radius)
            .partial_cmp(&(mb.current, -mb.radius))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.cmp(&b))
    });
    for &i in &order {
        marker(&mut out, d, &d.markers[i], at[i]);
    }
    out.push_str("</g>");
    if d.labels {
        out.push_str("<g class=\"map-labels\" aria-hidden=\"true\">");
        // The page's own community first, then from the top: each label where it hides nothing
        // (see `label_place`), else left out (the table beside the map names every one).
        let mut order: Vec<usize> = (0..d.markers.len()).collect();
        order.sort_by(|&a, &b| {
            let key = |i: usize| (!d.markers[i].current, at[i].1);
            key(a).partial_cmp(&key(b)).unwrap_or(std::cmp::Ordering::Equal)
        });
        for &i in &order {
            let m = &d.markers[i];
            if m.label.is_empty() {
                continue;
            }
            let Some((anchor, lx, baseline, r)) = label_place(&m.label, at[i], m.radius, d.scale, height, &taken)
            else {
                continue;
            };
            taken.push(r);
            out.push_str("<text x=\"");
            num(&mut out, lx);
            out.push_str("\" y=\"");
            num(&mut out, baseline);
            out.push_str(match anchor {
                Anchor::Start => "\">",
                Anchor::Middle => "\" text-anchor=\"middle\">",
                Anchor::End => "\" text-anchor=\"end\">",
            });
            escape_html_into(&m.label, &mut out);
            out.push_str("</text>");
        }
        out.push_str("</g>");
    }
    if let Some(area) = legend_box {
        legend(&mut out, d.legend, area, &notes);
    }
    out.push_str("<rect class=\"map-frame\" width=\"");
    num(&mut out, WIDTH);
    out.push_str("\" height=\"");
    num(&mut out, height);
    out.push_str("\"/></svg>");
    out
}

fn marker(out: &mut String, d: &Drawing<'_>, m: &Marker, (x, y): (f64, f64)) {
    if let Some(href) = &m.href {
        out.push_str("<a href=\"");
        escape_html_into(d.root, out);
        escape_html_into(href, out);
        out.push_str("\" aria-label=\"");
        escape_html_into(&m.name, out);
        out.push_str("\">");
    } else {
        out.push_str("<g role=\"img\" aria-label=\"");
        escape_html_into(&m.name, out);
        out.push_str("\">");
    }
    out.push_str("<title>");
    escape_html_into(&m.name, out);
    out.push_str("</title><circle class=\"");
    out.push_str(m.style.class());
    if m.current {
        out.push_str(" mk-here");
    }
    out.push_str("\" cx=\"");
    num(out, x);
    out.push_str("\" cy=\"");
    num(out, y);
    out.push_str("\" r=\"");
    num(out, m.radius);
    out.push_str("\"/>");
    if let Some(n) = &m.number {
        out.push_str("<text class=\"mk-n\" x=\"");
        num(out, x);
        out.push_str("\" y=\"");
        num(out, y + 3.5 * d.scale);
        out.push_str("\" text-anchor=\"middle\">");
        escape_html_into(n, out);
        out.push_str("</text>");
    }
    out.push_str(if m.href.is_some() { "</a>" } else { "</g>" });
}

const LEGEND_ROW: f64 = 20.0;

/// A legend row's height: room for its sample circle.
fn row_height(radius: f64) -> f64 {
    LEGEND_ROW.max(2.0 * radius + 4.0)
}

/// A legend row: style, sample radius, the number in the sample, the label.
type LegendRow = (MarkerStyle, f64, String, String);

/// Where a legend's samples and labels start, from its box's left edge: the samples' centre,
/// then the labels, clear of the largest sample (a value's circle can be wider than the
/// class samples' 8 units).
fn legend_columns(rows: &[LegendRow]) -> (f64, f64) {
    let largest = rows.iter().map(|r| r.1).fold(8.0, f64::max);
    let centre = 6.0 + largest.max(12.0);
    (centre, centre + largest + 8.0)
}

fn legend_rows(legend: &Legend) -> Option<(&str, Vec<LegendRow>)> {
    match legend {
        Legend::None => None,
        Legend::Classes { heading, items } => {
            Some((heading, items.iter().map(|(s, n, l)| (*s, 8.0, n.clone(), l.clone())).collect()))
        }
        Legend::Sizes { heading, items } => {
            Some((heading, items.iter().map(|(r, l)| (MarkerStyle::Value, *r, String::new(), l.clone())).collect()))
        }
    }
}

/// Where the legend goes: the corner that hides the fewest markers (bottom left first).
fn legend_rect(legend: &Legend, height: f64, notes: &[(&str, &str)], markers: &[Rect]) -> Option<Rect> {
    let (heading, rows) = legend_rows(legend)?;
    let lines: f64 = rows.iter().map(|r| row_height(r.1)).sum::<f64>() + LEGEND_ROW * (1 + notes.len()) as f64;
    let longest = rows
        .iter()
        .map(|r| r.3.chars().count())
        .chain([heading.chars().count()])
        .chain(notes.iter().map(|(_, note)| note.chars().count()))
        .max()
        .unwrap_or(10);
    let w = (longest as f64 * 6.4 + legend_columns(&rows).1 + 10.0).min(WIDTH - 8.0);
    let h = lines + 4.0;
    let corners = [(4.0, height - 4.0 - h), (WIDTH - 4.0 - w, height - 4.0 - h), (4.0, 4.0), (WIDTH - 4.0 - w, 4.0)];
    corners
        .iter()
        .map(|&(x, y)| Rect { x0: x, y0: y, x1: x + w, y1: y + h })
        .min_by_key(|r| markers.iter().filter(|m| m.overlaps(r)).count())
}

fn legend(out: &mut String, legend: &Legend, area: Rect, notes: &[(&str, &str)]) {
    let Some((heading, rows)) = legend_rows(legend) else { return };
    let top = area.y0 + 4.0;
    let x = area.x0;
    let (centre, label_at) = legend_columns(&rows);
    out.push_str("<g class=\"map-legend\"><rect x=\"");
    num(out, x);
    out.push_str("\" y=\"");
    num(out, area.y0);
    out.push_str("\" width=\"");
    num(out, area.x1 - area.x0);
    out.push_str("\" height=\"");
    num(out, area.y1 - area.y0);
    out.push_str("\" rx=\"4\"/><text class=\"lg-h\" x=\"");
    num(out, x + 6.0);
    out.push_str("\" y=\"");
    num(out, top + 12.0);
    out.push_str("\">");
    escape_html_into(heading, out);
    out.push_str("</text>");
    let sample = |out: &mut String, row_top: f64, class: &str, r: f64, number: &str, label: &str| {
        let cy = row_top + row_height(r) / 2.0;
        out.push_str("<circle class=\"");
        out.push_str(class);
        out.push_str("\" cx=\"");
        num(out, x + centre);
        out.push_str("\" cy=\"");
        num(out, cy);
        out.push_str("\" r=\"");
        num(out, r);
        out.push_str("\"/>");
        if !number.is_empty() {
            out.push_str(if class == GROUP_SAMPLE {
                "<text class=\"mk-count-n\" x=\""
            } else {
                "<text class=\"mk-n\" x=\""
            });
            num(out, x + centre);
            out.push_str("\" y=\"");
            num(out, cy + 3.5);
            out.push_str("\" text-anchor=\"middle\">");
            escape_html_into(number, out);
            out.push_str("</text>");
        }
        out.push_str("<text x=\"");
        num(out, x + label_at);
        out.push_str("\" y=\"");
        num(out, cy + 4.0);
        out.push_str("\">");
        escape_html_into(label, out);
        out.push_str("</text>");
    };
    let mut row_top = top + LEGEND_ROW - 2.0;
    for (style, radius, number, label) in &rows {
        sample(out, row_top, style.class(), *radius, number, label);
        row_top += row_height(*radius);
    }
    for (class, note) in notes {
        sample(out, row_top, class, 8.0, "n", note);
        row_top += LEGEND_ROW;
    }
    out.push_str("</g>");
}

/// The legend's sample of a group: its count.
const GROUP_SAMPLE: &str = "mk-count";

/// Markers at one place (or so close that one would hide another), drawn around it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Group {
    /// The place, in drawing units.
    x: f64,
    y: f64,
    /// The ring around the group.
    ring: f64,
    /// The markers, by index, in the order drawn around the place (clockwise from the top).
    members: Vec<usize>,
}

impl Group {
    /// The count at the ring's top right.
    fn badge(&self, scale: f64) -> (f64, f64) {
        let d = self.ring * std::f64::consts::FRAC_1_SQRT_2;
        (self.x + d, self.y - d - 1.0 * scale)
    }

    fn badge_rect(&self, scale: f64) -> Rect {
        let (x, y) = self.badge(scale);
        let r = 7.0 * scale;
        Rect { x0: x - r, y0: y - r, x1: x + r, y1: y + r }
    }
}

/// Where each marker is drawn, and the groups drawn around their place. Markers whose circles
/// overlap by more than half their mean radius (two communities at one point, or a few
/// hundred metres apart on a country's map) would hide one another, and a label beside the
/// top one would name it for the one beneath: each such group is laid out on a ring around
/// its place, every marker whole and a link of its own. Clusters (maps of hundreds of
/// markers) already stand for their members and are left where they are. `project` gives a
/// marker's point in drawing units; `height` keeps the ring inside the map.
pub(super) fn spread(
    markers: &[Marker],
    project: &dyn Fn(&Marker) -> (f64, f64),
    scale: f64,
    height: f64,
) -> (Vec<(f64, f64)>, Vec<Group>) {
    let mut at: Vec<(f64, f64)> = markers.iter().map(project).collect();
    let n = markers.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    // Pairs close enough, found by a sweep along x: a map has at most a few hundred markers.
    let reach = markers.iter().map(|m| m.radius).fold(0.0, f64::max);
    let mut by_x: Vec<usize> = (0..n).filter(|&i| markers[i].style != MarkerStyle::Cluster).collect();
    by_x.sort_by(|&a, &b| at[a].0.partial_cmp(&at[b].0).unwrap_or(std::cmp::Ordering::Equal));
    for (k, &i) in by_x.iter().enumerate() {
        for &j in &by_x[k + 1..] {
            if at[j].0 - at[i].0 >= reach {
                break;
            }
            let close = (markers[i].radius + markers[j].radius) / 2.0;
            if (at[j].0 - at[i].0).hypot(at[j].1 - at[i].1) < close {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let mut members: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for i in 0..n {
        let r = root(&mut parent, i);
        members.entry(r).or_default().push(i);
    }
    let mut groups = Vec::new();
    for (_, members) in members.into_iter().filter(|(_, m)| m.len() > 1) {
        let count = members.len() as f64;
        let x = members.iter().map(|&i| at[i].0).sum::<f64>() / count;
        let y = members.iter().map(|&i| at[i].1).sum::<f64>() / count;
        let widest = members.iter().map(|&i| markers[i].radius).fold(0.0, f64::max);
        // Far enough from the place that neighbours on the ring do not touch.
        let step = std::f64::consts::PI / count;
        let radius = (widest + 1.5 * scale) / step.sin();
        for (k, &i) in members.iter().enumerate() {
            let angle = -std::f64::consts::FRAC_PI_2 + 2.0 * step * k as f64;
            let r = markers[i].radius;
            at[i] = (
                (x + radius * angle.cos()).clamp(r, (WIDTH - r).max(r)),
                (y + radius * angle.sin()).clamp(r, (height - r).max(r)),
            );
        }
        groups.push(Group { x, y, ring: radius + widest + 2.0 * scale, members });
    }
    (at, groups)
}

/// How many of a group's or a cluster's communities its accessible name lists.
const NAMED: usize = 5;

/// A group's ring around its place, with its count, named for screen readers.
fn group(out: &mut String, d: &Drawing<'_>, g: &Group) {
    let names: Vec<&str> =
        g.members.iter().map(|&i| d.markers[i].community.as_str()).filter(|c| !c.is_empty()).take(NAMED).collect();
    let name = (d.group_name)(g.members.len(), &names);
    out.push_str("<g class=\"mk-group\" role=\"img\" aria-label=\"");
    escape_html_into(&name, out);
    out.push_str("\"><title>");
    escape_html_into(&name, out);
    out.push_str("</title><circle class=\"mk-ring\" cx=\"");
    num(out, g.x);
    out.push_str("\" cy=\"");
    num(out, g.y);
    out.push_str("\" r=\"");
    num(out, g.ring);
    out.push_str("\"/><circle class=\"mk-place\" cx=\"");
    num(out, g.x);
    out.push_str("\" cy=\"");
    num(out, g.y);
    out.push_str("\" r=\"");
    num(out, 2.0 * d.scale);
    let (bx, by) = g.badge(d.scale);
    out.push_str("\"/><circle class=\"mk-count\" cx=\"");
    num(out, bx);
    out.push_str("\" cy=\"");
    num(out, by);
    out.push_str("\" r=\"");
    num(out, 7.0 * d.scale);
    out.push_str("\"/><text class=\"mk-count-n\" x=\"");
    num(out, bx);
    out.push_str("\" y=\"");
    num(out, by + 3.5 * d.scale);
    out.push_str("\" text-anchor=\"middle\">");
    out.push_str(itoa::Buffer::new().format(g.members.len()));
    out.push_str("</text></g>");
}

/// Markers closer than a few pixels gathered into one circle with their number; a marker
/// alone in its cell is kept as it is.
/// `name` gives the cluster's accessible name from its number and its first names.
pub(super) fn clusters(view: &View, markers: Vec<Marker>, name: &dyn Fn(usize, &[&str]) -> String) -> Vec<Marker> {
    let cell = 18.0;
    let mut cells: std::collections::BTreeMap<(i64, i64), Vec<Marker>> = std::collections::BTreeMap::new();
    for m in markers {
        let (x, y) = view.project(m.point);
        cells.entry(((x / cell).floor() as i64, (y / cell).floor() as i64)).or_default().push(m);
    }
    cells
        .into_values()
        .map(|mut group| {
            if group.len() == 1 {
                return group.pop().expect("one");
            }
            let n = group.len();
            let lat = group.iter().map(|m| m.point.lat).sum::<f64>() / n as f64;
            let lon = group.iter().map(|m| m.point.lon).sum::<f64>() / n as f64;
            let names: Vec<&str> =
                group.iter().map(|m| m.community.as_str()).filter(|c| !c.is_empty()).take(NAMED).collect();
            Marker {
                point: Point { lat, lon },
                label: String::new(),
                name: name(n, &names),
                community: String::new(),
                href: None,
                style: MarkerStyle::Cluster,
                number: Some(n.to_string()),
                radius: (8.0 + (n as f64).sqrt() * 1.5).min(18.0),
                current: false,
            }
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    fn overlaps(&self, other: &Rect) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anchor {
    Start,
    Middle,
    End,
}

/// Where the label `text` of a marker of `radius` at `(x, y)` goes: to the right of it, else
/// to the left, else above, else below (a legend or a neighbour's name often takes one side),
/// inside the map of `height` and clear of every box `taken`. Its anchor, its x, its baseline
/// and the box it takes; `None` if every place is taken.
fn label_place(
    text: &str,
    (x, y): (f64, f64),
    radius: f64,
    scale: f64,
    height: f64,
    taken: &[Rect],
) -> Option<(Anchor, f64, f64, Rect)> {
    let (gap, size) = (3.0 * scale, 11.0 * scale);
    let beside = y + 4.0 * scale;
    [
        (Anchor::Start, x + radius + gap, beside),
        (Anchor::End, x - radius - gap, beside),
        (Anchor::Middle, x, y - radius - gap - 3.0),
        (Anchor::Middle, x, y + radius + gap + size),
    ]
    .into_iter()
    .map(|(anchor, lx, baseline)| (anchor, lx, baseline, text_rect(text, lx, baseline, size, anchor)))
    .find(|(_, _, _, r)| {
        r.x0 >= 0.0 && r.x1 <= WIDTH && r.y0 >= 0.0 && r.y1 <= height && !taken.iter().any(|t| t.overlaps(r))
    })
}

/// Where a country's name of `size` goes, centred on `x`: on its baseline `y` (a point inside
/// the country), else a line above or below it, where a marker or the legend took its place;
/// its baseline and the box it takes, or `None` if the three are taken.
fn country_name_place(name: &str, (x, y): (f64, f64), size: f64, height: f64, taken: &[Rect]) -> Option<(f64, Rect)> {
    [y, y - size, y + size].into_iter().find_map(|y| {
        let r = text_rect(name, x, y, size, Anchor::Middle);
        (r.y0 >= 0.0 && r.y1 <= height && !taken.iter().any(|t| t.overlaps(&r))).then_some((y, r))
    })
}

/// The box a label takes, by an average glyph width.
fn text_rect(text: &str, x: f64, baseline: f64, size: f64, anchor: Anchor) -> Rect {
    let width = text.chars().count() as f64 * size * 0.58;
    let x0 = match anchor {
        Anchor::Start => x,
        Anchor::Middle => x - width / 2.0,
        Anchor::End => x - width,
    };
    Rect { x0, y0: baseline - size, x1: x0 + width, y1: baseline + 3.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_to_the_tenth_as_rust_displays_them() {
        let mut values = vec![0.0, -0.0, -0.04, -0.05, 0.05, 0.95, 1e14, -1e14, 3e15, -7e20, f64::NAN, f64::INFINITY];
        // A spread of drawing coordinates, both signs, every tenth.
        values.extend((-20_000..20_000).map(|k| f64::from(k) * 0.0731));
        for value in values {
            let mut out = String::new();
            num(&mut out, value);
            assert_eq!(out, format!("{}", (value * 10.0).round() / 10.0), "{value}");
        }
    }

    fn at(x: f64, y: f64, radius: f64, style: MarkerStyle) -> Marker {
        Marker {
            // The test's projection reads the point as drawing units.
            point: Point { lat: y, lon: x },
            label: format!("{x},{y}"),
            name: String::new(),
            community: String::new(),
            href: Some(format!("{x}-{y}.html")),
            style,
            number: None,
            radius,
            current: false,
        }
    }

    #[test]
    fn markers_at_one_place_are_drawn_around_it_each_whole() {
        let project = |m: &Marker| (m.point.lon, m.point.lat);
        let markers = vec![
            at(100.0, 100.0, 9.0, MarkerStyle::High),
            at(100.0, 100.0, 9.0, MarkerStyle::Low),
            at(102.0, 101.0, 9.0, MarkerStyle::Mid),
            at(300.0, 100.0, 9.0, MarkerStyle::High),
            at(300.0, 105.0, 12.0, MarkerStyle::Cluster),
        ];
        let (placed, groups) = spread(&markers, &project, 1.0, 400.0);
        assert_eq!(groups.len(), 1, "{groups:?}");
        assert_eq!(groups[0].members, [0, 1, 2]);
        // No two of the three overlap now, and each stays near the place.
        for a in 0..3 {
            for b in a + 1..3 {
                let d = (placed[a].0 - placed[b].0).hypot(placed[a].1 - placed[b].1);
                assert!(d >= 18.0, "{a} and {b} overlap: {placed:?}");
            }
            assert!((placed[a].0 - 100.7).hypot(placed[a].1 - 100.3) < 20.0, "{placed:?}");
        }
        // A lone marker, and one beside a cluster, stay where they are.
        assert_eq!(placed[3], (300.0, 100.0));
        assert_eq!(placed[4], (300.0, 105.0));
        // Markers that only touch are left alone.
        let (placed, groups) = spread(
            &[at(0.0, 50.0, 9.0, MarkerStyle::High), at(10.0, 50.0, 9.0, MarkerStyle::Low)],
            &project,
            1.0,
            100.0,
        );
        assert!(groups.is_empty());
        assert_eq!(placed[1], (10.0, 50.0));
    }

    #[test]
    fn a_label_goes_right_then_left_then_above_then_below() {
        let place = |taken: &[Rect]| label_place("Sinthiou", (300.0, 200.0), 9.0, 1.0, 400.0, taken).map(|p| p.0);
        assert_eq!(place(&[]), Some(Anchor::Start));
        // A legend on the right: the label goes left of the marker.
        let legend = Rect { x0: 330.0, y0: 150.0, x1: 500.0, y1: 250.0 };
        assert_eq!(place(&[legend]), Some(Anchor::End));
        // And a neighbour's name on the left: above, clear of both.
        let name = Rect { x0: 200.0, y0: 190.0, x1: 290.0, y1: 207.0 };
        let above = label_place("Sinthiou", (300.0, 200.0), 9.0, 1.0, 400.0, &[legend, name]).unwrap();
        assert_eq!(above.0, Anchor::Middle);
        assert!(above.3.y1 <= 200.0 - 9.0 && !above.3.overlaps(&legend) && !above.3.overlaps(&name), "{above:?}");
        // Something above too: below.
        let over = Rect { x0: 250.0, y0: 150.0, x1: 350.0, y1: 188.0 };
        let below = label_place("Sinthiou", (300.0, 200.0), 9.0, 1.0, 400.0, &[legend, name, over]).unwrap();
        assert!(below.0 == Anchor::Middle && below.3.y0 >= 200.0 + 9.0, "{below:?}");
        // Nowhere left: no label.
        let under = Rect { x0: 250.0, y0: 209.0, x1: 350.0, y1: 260.0 };
        assert_eq!(place(&[legend, name, over, under]), None);
    }

    #[test]
    fn a_country_s_name_moves_a_line_up_or_down_where_its_place_is_taken() {
        let place = |taken: &[Rect]| country_name_place("Sénégal", (200.0, 300.0), 13.0, 400.0, taken).map(|p| p.0);
        assert_eq!(place(&[]), Some(300.0));
        // A marker on the name's line: a line up.
        let marker = Rect { x0: 190.0, y0: 295.0, x1: 210.0, y1: 299.0 };
        assert_eq!(place(&[marker]), Some(287.0));
        // And another name there: a line down.
        let above = Rect { x0: 150.0, y0: 275.0, x1: 250.0, y1: 285.0 };
        assert_eq!(place(&[marker, above]), Some(313.0));
        // And the legend below: no name.
        let below = Rect { x0: 150.0, y0: 305.0, x1: 250.0, y1: 310.0 };
        assert_eq!(place(&[marker, above, below]), None);
    }

    #[test]
    fn label_boxes_follow_their_anchor() {
        let start = text_rect("abcd", 100.0, 50.0, 10.0, Anchor::Start);
        let end = text_rect("abcd", 100.0, 50.0, 10.0, Anchor::End);
        assert_eq!(start.x0, 100.0);
        assert_eq!(end.x1, 100.0);
        assert!(!start.overlaps(&end));
        assert!(start.overlaps(&text_rect("abcd", 101.0, 52.0, 10.0, Anchor::Start)));
    }
}
