//! Maps as inline SVG, drawn at build time like the charts: no tiles, no JavaScript, nothing
//! fetched. Every map has a `<title>` and a `<desc>`, a legend that does not rest on colour
//! (each community marker carries its number of criteria met; graduated circles carry their
//! value in the table beside them), and a text equivalent beside it: a table of the points.
//!
//! Four maps: the home page's (every located community, the countries concerned grouped into
//! regions), a country's, each profile's locator (its country's map, reused, with the
//! community and its neighbours) and each indicator's (graduated circles). Locations are the
//! ones the build may show ([`crate::disclosure::location`]); the outlines come from
//! [`crate::geo`] through [`base`], drawn once per view.

pub mod base;
mod draw;
mod nearest;

use crate::geo::{Bounds, Country, KM_PER_DEGREE, Point, world};
use crate::model::CriterionStatus;
use crate::render::views::Env;
use crate::text::fill;
use base::View;
pub use draw::{Legend, Marker, MarkerStyle};
pub use nearest::Nearest;

/// More markers than this on one map are gathered into clusters, one per few pixels.
const CLUSTER_ABOVE: usize = 250;
/// Neighbours drawn on a locator map, nearest first.
const NEIGHBOURS: usize = 12;
/// The Earth's mean radius, for distances on a sphere.
const EARTH_RADIUS_KM: f64 = 6371.0;

/// A located community, as the build may show it.
#[derive(Debug, Clone)]
pub struct Located {
    /// Document number.
    pub doc: usize,
    /// Where it is shown (rounded in public builds).
    pub point: Point,
    /// Its country's outline, when the outlines know it.
    pub country: Option<&'static Country>,
    /// Criteria met and criteria in the schema.
    pub met: usize,
    /// Criteria in the schema.
    pub total: usize,
}

/// Each document's location as the build may show it, for the communities among `docs`
/// (`None` for every other document and for a community without one).
pub fn located_all(env: &Env<'_>, docs: &[usize]) -> Vec<Option<Located>> {
    let total = env.schema.criteria.len();
    // foldhash: `serve` places every community again whenever a file is added or removed.
    let mut outlines: hashbrown::HashMap<(&str, Option<&str>), Option<&'static Country>> = Default::default();
    let mut all = vec![None; env.site.docs.len()];
    for &i in docs {
        let Some(c) = env.site.docs[i].community() else { continue };
        let Some(shown) = c.location.and_then(|l| crate::disclosure::location::shown(l, env.location_rule)) else {
            continue;
        };
        let code = c.country_code.as_deref();
        let country =
            *outlines.entry((c.country.as_str(), code)).or_insert_with(|| world().find_with_code(&c.country, code));
        all[i] = Some(Located {
            doc: i,
            point: shown.point(),
            country,
            met: c.criteria.iter().filter(|e| e.status == CriterionStatus::Met).count(),
            total,
        });
    }
    all
}

/// The marker style for `met` of `total` criteria: the scorecard's three colours, by share.
pub fn criteria_style(met: usize, total: usize) -> MarkerStyle {
    if total == 0 || met * 7 < 3 * total {
        MarkerStyle::Low
    } else if met * 7 < 5 * total {
        MarkerStyle::Mid
    } else {
        MarkerStyle::High
    }
}

/// The legend of criteria met: each class with the counts it holds ("0–2 of 7").
pub fn criteria_legend(env: &Env<'_>, total: usize) -> Legend {
    let mut classes: Vec<(MarkerStyle, usize, usize)> = Vec::new();
    for met in 0..=total {
        let style = criteria_style(met, total);
        match classes.last_mut() {
            Some((s, _, hi)) if *s == style => *hi = met,
            _ => classes.push((style, met, met)),
        }
    }
    let of = env.t("of");
    let items = classes
        .into_iter()
        .map(|(style, lo, hi)| {
            let range = if lo == hi { lo.to_string() } else { format!("{lo}–{hi}") };
            (style, lo.to_string(), format!("{range} {of} {total}"))
        })
        .collect();
    Legend::Classes { heading: env.t("map_legend_criteria"), items }
}

/// The box around the points and the mainlands of their countries.
pub fn extent(points: &[&Located], countries: &[&'static Country]) -> Bounds {
    let b = countries.iter().fold(Bounds::EMPTY, |b, c| b.union(c.main_bounds));
    points.iter().fold(b, |b, l| b.with(l.point))
}

/// The countries of `points`, each once, by name.
pub fn countries_of(points: &[&Located]) -> Vec<&'static Country> {
    let mut countries: Vec<&'static Country> = points.iter().filter_map(|l| l.country).collect();
    countries.sort_by(|a, b| a.name.cmp(&b.name));
    countries.dedup_by(|a, b| std::ptr::eq(*a, *b));
    countries
}

/// The regions of the home map: countries whose boxes lie within a few degrees of one
/// another are drawn together; countries far apart (Morocco and El Salvador) get a map each.
pub fn regions(points: &[Located]) -> Vec<Vec<&Located>> {
    let mut groups: Vec<(Bounds, Vec<&Located>)> = Vec::new();
    for l in points {
        let b = l.country.map(|c| c.main_bounds).unwrap_or(Bounds::EMPTY).with(l.point);
        let near: Vec<usize> =
            (0..groups.len()).filter(|&g| groups[g].0.padded(6.0).intersects(&b.padded(6.0))).collect();
        match near.split_first() {
            None => groups.push((b, vec![l])),
            Some((&first, rest)) => {
                // Join every group this point reaches, last first so indices hold.
                for &g in rest.iter().rev() {
                    let (gb, members) = groups.remove(g);
                    groups[first].0 = groups[first].0.union(gb);
                    groups[first].1.extend(members);
                }
                groups[first].0 = groups[first].0.union(b);
                groups[first].1.push(l);
            }
        }
    }
    let mut regions: Vec<Vec<&Located>> = groups.into_iter().map(|(_, m)| m).collect();
    for r in &mut regions {
        r.sort_by_key(|l| l.doc);
    }
    regions.sort_by_key(|r| std::cmp::Reverse(r.len()));
    regions
}

/// Kilometres between two points (on a sphere; plenty for "nearby").
pub fn distance_km(a: Point, b: Point) -> f64 {
    let (la, lb) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = lb - la;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la.cos() * lb.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// What a page needs to draw a map of communities.
pub struct MapRequest<'a> {
    /// Unique on the page: the SVG's ids start with it.
    pub id: &'a str,
    /// The map's title.
    pub title: String,
    /// Relative path from the page to the site root.
    pub root: &'a str,
    /// Markers to draw (already styled).
    pub markers: Vec<Marker>,
    /// Countries drawn in focus; the view covers them and the markers.
    pub focus: Vec<&'static Country>,
    /// The legend.
    pub legend: Legend,
    /// Name markers on the map (when there is room).
    pub labels: bool,
    /// Shown width in CSS pixels (the drawing scales; text and markers are drawn larger on a
    /// narrower map so that they keep their size on the page).
    pub display_width: u32,
    /// The site's own outlines (`content/maps/`).
    pub site_outlines: &'a crate::geo::outlines::SiteOutlines,
    /// The page's language, for a cluster's name: the counted interface phrase
    /// `map_cluster_count`, with the number of communities and their names.
    pub locale: &'a crate::locale::Locale,
    /// The legend's line for clusters (interface string `map_legend_cluster`).
    pub cluster_legend: String,
    /// The legend's line for communities at one place, drawn around it (interface string
    /// `map_legend_group`); a group's name is the counted phrase `map_cluster_count`.
    pub group_legend: String,
}

/// The view a country's map uses: its mainland and its communities. Profiles' locator maps
/// use the same view, so they share its outlines.
pub fn country_view(country: &'static Country, points: &[&Located]) -> View {
    View::fit(extent(points, &[country]))
}

/// Draw a map (see [`MapRequest`]), in `view` or one fitted to the request.
pub fn map_svg(request: MapRequest<'_>, view: Option<View>, desc: &str) -> String {
    let view = view.unwrap_or_else(|| {
        let b = request.focus.iter().fold(Bounds::EMPTY, |b, c| b.union(c.main_bounds));
        View::fit(request.markers.iter().fold(b, |b, m| b.with(m.point)))
    });
    let scale = base::WIDTH / f64::from(request.display_width.max(80));
    let base = base::base(&view, &request.focus, request.site_outlines, scale);
    let name = |n: usize, names: &[&str]| group_name(request.locale, n, names);
    let markers = if request.markers.len() > CLUSTER_ABOVE {
        draw::clusters(&view, request.markers, &name)
    } else {
        request.markers
    };
    draw::svg(&draw::Drawing {
        id: request.id,
        title: &request.title,
        desc,
        view: &view,
        base: &base,
        markers: &markers,
        legend: &request.legend,
        labels: request.labels,
        root: request.root,
        display_width: request.display_width,
        scale,
        cluster_legend: &request.cluster_legend,
        group_legend: &request.group_legend,
        group_name: &name,
        language: request.locale.tag(),
    })
}

/// The accessible name of `n` communities drawn as one cluster or group, of which `names` are
/// the first: "3 communities: Mosul, Sinjar, Tal Afar", the names joined by the language's
/// list separator ("، " in Arabic), and "…" after them when some are not named.
fn group_name(locale: &crate::locale::Locale, n: usize, names: &[&str]) -> String {
    let separator = locale.list_separator();
    let mut list = names.join(separator);
    if n > names.len() {
        if !list.is_empty() {
            list.push_str(separator);
        }
        list.push('…');
    }
    fill(&locale.count("map_cluster_count", n as u64, &[]), &[("names", &list)])
}

/// The markers of `points` coloured by criteria met, each a link to its profile.
pub fn criteria_markers(env: &Env<'_>, points: &[&Located]) -> Vec<Marker> {
    let template = env.t("map_criteria_met");
    points
        .iter()
        .map(|l| {
            let title = &env.site.docs[l.doc].title;
            let met = l.met.to_string();
            let total = l.total.to_string();
            let text = fill(&template, &[("met", &met), ("total", &total)]);
            Marker {
                point: l.point,
                label: title.clone(),
                name: env.locale.labelled(title, &text),
                community: title.clone(),
                href: Some(env.site.paths[l.doc].clone()),
                style: criteria_style(l.met, l.total),
                number: Some(met),
                radius: 9.0,
                current: false,
            }
        })
        .collect()
}

/// A coordinate pair as read: "35.78° N, 5.81° W" (the compass letters are interface
/// strings), with the language's decimal mark and list separator: "13,6992° N, 89,0958° O"
/// in Spanish, "36.3367° ش، 43.1342° ق" in Arabic (each figure isolated). The exports keep `35.78` whatever the
/// language, as data.
pub fn coordinates(env: &Env<'_>, p: Point) -> String {
    let ns = crate::render::format::ui(env.locale, if p.lat < 0.0 { "map_south" } else { "map_north" });
    let ew = crate::render::format::ui(env.locale, if p.lon < 0.0 { "map_west" } else { "map_east" });
    coordinate_pair(env.locale, p, ns, ew)
}

/// [`coordinates`] with the compass letters given.
fn coordinate_pair(locale: &crate::locale::Locale, p: Point, ns: &str, ew: &str) -> String {
    use crate::disclosure::location::push_degrees;
    // In a right-to-left language each figure and its degree sign are isolated (U+2068 …
    // U+2069): the sign would otherwise take the page's direction and leave its figure.
    let (open, close) = if locale.is_rtl() { ("\u{2068}", "\u{2069}") } else { ("", "") };
    let separator = locale.list_separator();
    let mut out = String::with_capacity(32 + ns.len() + ew.len() + separator.len());
    for (i, (degrees, compass)) in [(p.lat, ns), (p.lon, ew)].into_iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(open);
        push_degrees(&mut out, degrees.abs(), locale.decimal_mark());
        out.push('°');
        out.push_str(close);
        out.push(' ');
        out.push_str(compass);
    }
    out
}

/// The table beside a map: each point's community, country, what the markers show and where.
pub fn points_table(env: &Env<'_>, root: &str, points: &[&Located], value: &dyn Fn(&Located) -> String) -> String {
    use crate::text::escape_html_into;
    let mut out = String::with_capacity(200 + 160 * points.len());
    out.push_str("<details class=\"map-table\"><summary>");
    escape_html_into(&env.t("map_table"), &mut out);
    out.push_str("</summary><div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">");
    for (i, key) in ["community", "country", "map_shows", "map_coordinates"].iter().enumerate() {
        if i > 0 {
            out.push_str("</th><th scope=\"col\">");
        }
        escape_html_into(&env.t(key), &mut out);
    }
    out.push_str("</th></tr></thead><tbody>");
    for l in points {
        let doc = &env.site.docs[l.doc];
        out.push_str("<tr><th scope=\"row\"><a href=\"");
        escape_html_into(root, &mut out);
        escape_html_into(&env.site.paths[l.doc], &mut out);
        out.push_str("\">");
        escape_html_into(&doc.title, &mut out);
        out.push_str("</a></th><td>");
        escape_html_into(env.country_name(doc.community().map(|c| c.country.as_str()).unwrap_or("")), &mut out);
        out.push_str("</td><td>");
        escape_html_into(&value(l), &mut out);
        out.push_str("</td><td>");
        escape_html_into(&coordinates(env, l.point), &mut out);
        out.push_str("</td></tr>");
    }
    out.push_str("</tbody></table></div></details>");
    out
}

/// The note under a map: how locations were rounded, and the outlines' source.
pub fn caption(env: &Env<'_>, precision_km: f64, missing: usize) -> String {
    use crate::text::escape_html_into;
    let mut parts = Vec::new();
    if missing > 0 {
        parts.push(fill(&env.t("map_not_drawn"), &[("n", &missing.to_string())]));
    }
    if env.location_rule.coarsens() {
        parts.push(fill(&env.t("map_rounded"), &[("km", &crate::text::format_number(precision_km))]));
    }
    parts.push(env.t("map_source"));
    let mut out = String::from("<figcaption>");
    escape_html_into(&parts.join(" "), &mut out);
    out.push_str("</figcaption>");
    out
}

/// Degrees of latitude in `km` (for tests and extents).
pub fn degrees(km: f64) -> f64 {
    km / KM_PER_DEGREE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn criteria_classes_follow_the_share_met() {
        let styles: Vec<MarkerStyle> = (0..=7).map(|m| criteria_style(m, 7)).collect();
        use MarkerStyle::*;
        assert_eq!(styles, [Low, Low, Low, Mid, Mid, High, High, High]);
    }

    #[test]
    fn coordinates_are_written_as_the_language_writes_numbers_and_lists() {
        use crate::locale::{Locale, Wording};
        let p = Point { lat: 13.6992, lon: -89.0958 };
        let en = Locale::from_wording("en", Wording::default(), true);
        assert_eq!(coordinate_pair(&en, p, "N", "W"), "13.6992° N, 89.0958° W");
        let es = Locale::from_wording("es", Wording::default(), true);
        assert_eq!(coordinate_pair(&es, p, "N", "O"), "13,6992° N, 89,0958° O");
        let mut wording = Wording::default();
        wording.texts.insert("list_separator".into(), "، ".into());
        let ar = Locale::from_wording("ar", wording, true);
        let q = Point { lat: 36.3367, lon: 43.1342 };
        assert_eq!(coordinate_pair(&ar, q, "ش", "ق"), "\u{2068}36.3367°\u{2069} ش، \u{2068}43.1342°\u{2069} ق");
    }

    #[test]
    fn a_group_is_named_with_the_language_list_separator() {
        use crate::locale::{Locale, Wording};
        let mut wording = Wording::default();
        wording.texts.insert("list_separator".into(), "، ".into());
        wording.counted.insert("map_cluster_count".into(), [("other".into(), "{n} مجتمع: {names}".into())].into());
        let ar = Locale::from_wording("ar", wording, true);
        assert_eq!(group_name(&ar, 2, &["سنجار", "Mosul"]), "2 مجتمع: سنجار، Mosul");
        assert_eq!(group_name(&ar, 7, &["أ", "ب"]), "7 مجتمع: أ، ب، …");
        assert_eq!(group_name(&ar, 2, &[]), "2 مجتمع: …", "markers without a community's name");
        let mut wording = Wording::default();
        wording
            .counted
            .insert("map_cluster_count".into(), [("other".into(), "{n} communities: {names}".into())].into());
        let en = Locale::from_wording("en", wording, true);
        assert_eq!(group_name(&en, 3, &["Mosul", "Sinjar"]), "3 communities: Mosul, Sinjar, …");
    }

    #[test]
    fn distances_are_in_kilometres() {
        let a = Point { lat: 0.0, lon: 0.0 };
        let b = Point { lat: 1.0, lon: 0.0 };
        assert!((distance_km(a, b) - 111.2).abs() < 0.5);
        assert!((degrees(111.32) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn distances_across_the_world_are_not_capped() {
        let a = Point { lat: 0.0, lon: 0.0 };
        let b = Point { lat: 0.0, lon: 180.0 };
        assert!((distance_km(a, b) - 20_015.1).abs() < 1.0, "{}", distance_km(a, b));
    }

    #[test]
    fn far_countries_get_regions_of_their_own() {
        let w = world();
        let at = |doc, country: &str, lat, lon| Located {
            doc,
            point: Point { lat, lon },
            country: w.find(country),
            met: 0,
            total: 7,
        };
        let points = vec![
            at(0, "Morocco", 35.7, -5.8),
            at(1, "El Salvador", 13.7, -89.2),
            at(2, "Senegal", 14.7, -17.4),
            at(3, "Morocco", 31.6, -8.0),
        ];
        let regions = regions(&points);
        let docs: Vec<Vec<usize>> = regions.iter().map(|r| r.iter().map(|l| l.doc).collect()).collect();
        assert_eq!(docs, [vec![0, 2, 3], vec![1]]);
    }
}
