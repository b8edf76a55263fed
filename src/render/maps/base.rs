//! The base map of a view: the projection, and the country outlines projected, clipped to the
//! frame and simplified to the pixel. A view's outlines are drawn once per process and shared
//! by every page that shows the same view (a country page and each of its profiles' locator
//! maps), so a site of thousands of profiles draws each country once.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use crate::geo::outlines::SiteOutlines;
use crate::geo::{Bounds, Country, Point, world};

/// Width of every map's drawing, in SVG units; pages scale it down with CSS.
pub const WIDTH: f64 = 640.0;
const MIN_HEIGHT: f64 = 260.0;
const MAX_HEIGHT: f64 = 560.0;
/// Points closer than this to the last one kept are dropped, in CSS pixels as shown.
const TOLERANCE: f64 = 1.0;

/// A projection of a box of the Earth onto the drawing: equirectangular, with longitudes
/// scaled by the cosine of the middle latitude, which keeps shapes true at the scale of a
/// country or a region (the maps never show a hemisphere).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    /// The box shown.
    pub bounds: Bounds,
    /// Drawing height (the width is [`WIDTH`]).
    pub height: f64,
    scale: f64,
    cos: f64,
}

impl View {
    /// The view that shows `extent` whole, widened to keep the drawing's proportions in range.
    pub fn fit(extent: Bounds) -> View {
        let extent =
            if extent.is_empty() { Bounds { west: -20.0, south: -10.0, east: 20.0, north: 10.0 } } else { extent };
        // At least a fifth of a degree across: a single community still shows its surroundings.
        let min_span = 0.2;
        let mut b = extent;
        if b.east - b.west < min_span {
            let mid = (b.east + b.west) / 2.0;
            b.west = mid - min_span / 2.0;
            b.east = mid + min_span / 2.0;
        }
        if b.north - b.south < min_span {
            let mid = (b.north + b.south) / 2.0;
            b.south = mid - min_span / 2.0;
            b.north = mid + min_span / 2.0;
        }
        let pad = ((b.east - b.west).max(b.north - b.south) * 0.08).max(0.05);
        let b = b.padded(pad);
        let cos = ((b.north + b.south) / 2.0).to_radians().cos().max(0.2);
        let width_deg = (b.east - b.west) * cos;
        let height_deg = b.north - b.south;
        let natural = WIDTH * height_deg / width_deg;
        let height = natural.clamp(MIN_HEIGHT, MAX_HEIGHT);
        // Widen whichever side the clamp left short, around the middle.
        let (mut b, scale) = if natural > height {
            let scale = height / height_deg;
            let wanted = WIDTH / scale / cos;
            let mid = (b.east + b.west) / 2.0;
            (Bounds { west: mid - wanted / 2.0, east: mid + wanted / 2.0, ..b }, scale)
        } else {
            let scale = WIDTH / width_deg;
            let wanted = height / scale;
            let mid = (b.north + b.south) / 2.0;
            (Bounds { south: mid - wanted / 2.0, north: mid + wanted / 2.0, ..b }, scale)
        };
        b.south = b.south.max(-89.0);
        b.north = b.north.min(89.0);
        View { bounds: b, height: height.round(), scale, cos }
    }

    /// Where `p` falls on the drawing.
    pub fn project(&self, p: Point) -> (f64, f64) {
        ((p.lon - self.bounds.west) * self.cos * self.scale, (self.bounds.north - p.lat) * self.scale)
    }

    /// True when `p` falls on the drawing.
    pub fn shows(&self, p: Point) -> bool {
        let (x, y) = self.project(p);
        (0.0..=WIDTH).contains(&x) && (0.0..=self.height).contains(&y)
    }

    fn key(&self, focus: &[&Country], site: &SiteOutlines, scale: f64) -> String {
        let names: Vec<&str> = focus.iter().map(|c| c.name.as_str()).collect();
        format!(
            "{}|{:x}|{scale:.2}|{:.3}|{:.3}|{:.3}|{:.3}|{}",
            names.join(","),
            site.fingerprint,
            self.bounds.west,
            self.bounds.south,
            self.bounds.east,
            self.bounds.north,
            self.height
        )
    }
}

/// The drawn outlines of a view.
#[derive(Debug)]
pub struct Base {
    /// `<path>` elements: other countries, then the countries in focus.
    pub paths: String,
    /// The countries in focus with where their name goes (the middle of their mainland).
    pub labels: Vec<(String, f64, f64)>,
}

/// The outlines of `view`, with `focus` drawn apart and the site's own outlines over them,
/// thinned for a map shown at `scale` drawing units per CSS pixel (2 for a half-size locator):
/// made on first use, then shared.
pub fn base(view: &View, focus: &[&'static Country], site: &SiteOutlines, scale: f64) -> Arc<Base> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<Base>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let key = view.key(focus, site, scale);
    if let Some(base) = cache.lock().map(|c| c.get(&key).cloned()).ok().flatten() {
        return base;
    }
    let base = Arc::new(draw_base(view, focus, site, TOLERANCE * scale.max(1.0)));
    if let Ok(mut c) = cache.lock() {
        // Views follow the content; under `serve` old ones pile up: start again now and then.
        if c.len() > 512 {
            c.clear();
        }
        c.insert(key, base.clone());
    }
    base
}

fn draw_base(view: &View, focus: &[&Country], site: &SiteOutlines, tolerance: f64) -> Base {
    let frame = view.bounds.padded(1.0);
    let mut land = String::new();
    let mut focused = String::new();
    for country in &world().countries {
        if !country.bounds.intersects(&frame) {
            continue;
        }
        let is_focus = focus.iter().any(|f| std::ptr::eq(*f, country));
        let d = if is_focus { &mut focused } else { &mut land };
        for rings in &country.polygons {
            for ring in rings {
                push_ring(d, view, ring, tolerance);
            }
        }
    }
    let mut paths = String::with_capacity(land.len() + focused.len() + 80);
    if !land.is_empty() {
        paths.push_str("<path class=\"map-land\" d=\"");
        paths.push_str(&land);
        paths.push_str("\"/>");
    }
    if !focused.is_empty() {
        paths.push_str("<path class=\"map-focus\" d=\"");
        paths.push_str(&focused);
        paths.push_str("\"/>");
    }
    let (mut areas, mut lines) = (String::new(), String::new());
    for shape in site.shapes.iter().filter(|s| s.bounds.intersects(&frame)) {
        for ring in &shape.rings {
            if shape.line {
                push_line(&mut lines, view, ring);
            } else {
                push_ring(&mut areas, view, ring, tolerance);
            }
        }
    }
    for (class, d) in [("map-admin", &areas), ("map-route", &lines)] {
        if !d.is_empty() {
            paths.push_str("<path class=\"");
            paths.push_str(class);
            paths.push_str("\" d=\"");
            paths.push_str(d);
            paths.push_str("\"/>");
        }
    }
    let labels = focus
        .iter()
        .filter_map(|c| {
            let b = c.main_bounds;
            let (x, y) = view.project(Point { lon: (b.west + b.east) / 2.0, lat: (b.south + b.north) / 2.0 });
            ((20.0..WIDTH - 20.0).contains(&x) && (10.0..view.height - 10.0).contains(&y))
                .then(|| (c.name.clone(), x, y))
        })
        .collect();
    Base { paths, labels }
}

/// One ring, projected, clipped to the drawing (with a margin) and thinned, as path data.
fn push_ring(d: &mut String, view: &View, ring: &[Point], tolerance: f64) {
    let margin = 4.0;
    let (x0, y0, x1, y1) = (-margin, -margin, WIDTH + margin, view.height + margin);
    let projected: Vec<(f64, f64)> = ring.iter().map(|p| view.project(*p)).collect();
    let (mut lo_x, mut lo_y, mut hi_x, mut hi_y) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in &projected {
        lo_x = lo_x.min(x);
        lo_y = lo_y.min(y);
        hi_x = hi_x.max(x);
        hi_y = hi_y.max(y);
    }
    if hi_x < x0 || lo_x > x1 || hi_y < y0 || lo_y > y1 || (hi_x - lo_x < 1.5 && hi_y - lo_y < 1.5) {
        return;
    }
    let clipped = clip(projected, (x0, y0, x1, y1));
    let mut kept: Vec<(i32, i32)> = Vec::with_capacity(clipped.len());
    let mut last: Option<(f64, f64)> = None;
    for (x, y) in clipped {
        if let Some((lx, ly)) = last
            && (x - lx).abs() < tolerance
            && (y - ly).abs() < tolerance
        {
            continue;
        }
        last = Some((x, y));
        let p = (x.round() as i32, y.round() as i32);
        if kept.last() != Some(&p) {
            kept.push(p);
        }
    }
    if kept.len() < 3 {
        return;
    }
    let mut number = itoa::Buffer::new();
    for (i, (x, y)) in kept.iter().enumerate() {
        d.push(if i == 0 { 'M' } else { 'L' });
        d.push_str(number.format(*x));
        d.push(' ');
        d.push_str(number.format(*y));
    }
    d.push('z');
}

/// An open line (a route), projected and thinned; what falls outside the frame is hidden by
/// the SVG's own bounds.
fn push_line(d: &mut String, view: &View, line: &[Point]) {
    let mut number = itoa::Buffer::new();
    let mut last: Option<(i32, i32)> = None;
    for (i, p) in line.iter().enumerate() {
        let (x, y) = view.project(*p);
        let q = (x.round() as i32, y.round() as i32);
        if last == Some(q) {
            continue;
        }
        last = Some(q);
        d.push(if i == 0 { 'M' } else { 'L' });
        d.push_str(number.format(q.0));
        d.push(' ');
        d.push_str(number.format(q.1));
    }
}

/// Sutherland–Hodgman: the polygon cut to the rectangle (x0, y0, x1, y1).
fn clip(points: Vec<(f64, f64)>, (x0, y0, x1, y1): (f64, f64, f64, f64)) -> Vec<(f64, f64)> {
    type Edge = (fn((f64, f64), f64) -> bool, fn((f64, f64), (f64, f64), f64) -> (f64, f64), f64);
    fn cross_x(a: (f64, f64), b: (f64, f64), x: f64) -> (f64, f64) {
        let t = (x - a.0) / (b.0 - a.0);
        (x, a.1 + t * (b.1 - a.1))
    }
    fn cross_y(a: (f64, f64), b: (f64, f64), y: f64) -> (f64, f64) {
        let t = (y - a.1) / (b.1 - a.1);
        (a.0 + t * (b.0 - a.0), y)
    }
    let edges: [Edge; 4] = [
        (|p, v| p.0 >= v, cross_x, x0),
        (|p, v| p.0 <= v, cross_x, x1),
        (|p, v| p.1 >= v, cross_y, y0),
        (|p, v| p.1 <= v, cross_y, y1),
    ];
    let mut out = points;
    for (inside, cross, value) in edges {
        if out.is_empty() {
            break;
        }
        let input = std::mem::take(&mut out);
        let mut prev = *input.last().expect("not empty");
        for &p in &input {
            match (inside(p, value), inside(prev, value)) {
                (true, true) => out.push(p),
                (true, false) => {
                    out.push(cross(prev, p, value));
                    out.push(p);
                }
                (false, true) => out.push(cross(prev, p, value)),
                (false, false) => {}
            }
            prev = p;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_keeps_its_extent_and_proportions() {
        let extent = Bounds { west: -17.6, south: 12.3, east: -11.3, north: 16.7 };
        let view = View::fit(extent);
        assert!((MIN_HEIGHT..=MAX_HEIGHT).contains(&view.height));
        for p in [Point { lon: -17.6, lat: 12.3 }, Point { lon: -11.3, lat: 16.7 }] {
            assert!(view.shows(p), "{p:?} in {view:?}");
        }
        let (x, _) = view.project(Point { lon: view.bounds.east, lat: 14.0 });
        assert!((x - WIDTH).abs() < 0.01, "{x}");
    }

    #[test]
    fn clipping_keeps_what_is_inside() {
        let square = vec![(-10.0, -10.0), (10.0, -10.0), (10.0, 10.0), (-10.0, 10.0)];
        let cut = clip(square, (0.0, 0.0, 100.0, 100.0));
        assert!(cut.iter().all(|&(x, y)| (0.0..=10.0).contains(&x) && (0.0..=10.0).contains(&y)), "{cut:?}");
        assert!(cut.contains(&(10.0, 10.0)));
    }

    #[test]
    fn a_country_page_outline_stays_light_and_is_drawn_once() {
        let morocco = world().find("Morocco").unwrap();
        let view = View::fit(morocco.main_bounds);
        let none = SiteOutlines::default();
        let first = base(&view, &[morocco], &none, 1.0);
        assert!(first.paths.contains("map-focus") && first.paths.contains("map-land"));
        assert!(first.paths.len() < 30_000, "{} bytes of outlines", first.paths.len());
        assert!(Arc::ptr_eq(&first, &base(&view, &[morocco], &none, 1.0)), "the second page reuses the outlines");
        // A half-size locator of the same view is thinned further.
        let small = base(&view, &[morocco], &none, 2.0);
        assert!(small.paths.len() <= first.paths.len(), "{} then {}", first.paths.len(), small.paths.len());
        // A site's own outlines are drawn over the countries, and make another base.
        let oriental =
            SiteOutlines::from_texts([r#"{"type":"Polygon","coordinates":[[[-2,34],[-1.5,34],[-1.5,35],[-2,34]]]}"#]);
        let with_provinces = base(&view, &[morocco], &oriental, 1.0);
        assert!(with_provinces.paths.contains("class=\"map-admin\""));
        assert!(!Arc::ptr_eq(&first, &with_provinces));
        assert_eq!(first.labels.len(), 1);
    }
}
