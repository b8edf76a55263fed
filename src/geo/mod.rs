//! Places on the Earth: the country outlines embedded in the binary, and the geometry every
//! stage shares (which country a point falls in, how far it lies from one, rounding a point
//! for a public build is in [`crate::disclosure::location`]).
//!
//! The outlines are Natural Earth's admin-0 countries at 1:50m (public domain), from the npm
//! package world-atlas 2.0.2, converted once by `src/geo/make_countries.py` into
//! `src/geo/countries.json`: shared borders (arcs) simplified to about 3 km, in hundredths of
//! a degree, delta-encoded. They are decoded once per process, on first use.

pub mod outlines;

use std::sync::OnceLock;

use serde::Deserialize;

use crate::text::fold;

/// The converted outlines, embedded.
const COUNTRIES_JSON: &str = include_str!("countries.json");

/// A point in decimal degrees (WGS 84).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// Longitude, -180 to 180 (east positive).
    pub lon: f64,
    /// Latitude, -90 to 90 (north positive).
    pub lat: f64,
}

/// A box in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    /// Westmost longitude.
    pub west: f64,
    /// Southmost latitude.
    pub south: f64,
    /// Eastmost longitude.
    pub east: f64,
    /// Northmost latitude.
    pub north: f64,
}

impl Bounds {
    /// The empty box, which any point extends.
    pub const EMPTY: Bounds =
        Bounds { west: f64::INFINITY, south: f64::INFINITY, east: f64::NEG_INFINITY, north: f64::NEG_INFINITY };

    /// Extended to hold `p`.
    pub fn with(self, p: Point) -> Bounds {
        Bounds {
            west: self.west.min(p.lon),
            south: self.south.min(p.lat),
            east: self.east.max(p.lon),
            north: self.north.max(p.lat),
        }
    }

    /// Extended to hold `other`.
    pub fn union(self, other: Bounds) -> Bounds {
        Bounds {
            west: self.west.min(other.west),
            south: self.south.min(other.south),
            east: self.east.max(other.east),
            north: self.north.max(other.north),
        }
    }

    /// True when nothing was added.
    pub fn is_empty(&self) -> bool {
        self.west > self.east
    }

    /// True when the two boxes overlap.
    pub fn intersects(&self, other: &Bounds) -> bool {
        self.west <= other.east && other.west <= self.east && self.south <= other.north && other.south <= self.north
    }

    /// Grown by `degrees` on every side.
    pub fn padded(self, degrees: f64) -> Bounds {
        Bounds {
            west: self.west - degrees,
            south: self.south - degrees,
            east: self.east + degrees,
            north: self.north + degrees,
        }
    }
}

/// One ring of an outline: a closed line of points.
pub type Ring = Vec<Point>;

/// A country's outline.
#[derive(Debug)]
pub struct Country {
    /// ISO 3166-1 numeric code, as Natural Earth gives it ("504"), or empty.
    pub code: String,
    /// The English name, as Natural Earth writes it ("Morocco", "W. Sahara").
    pub name: String,
    /// Polygons, each an outer ring followed by its holes.
    pub polygons: Vec<Vec<Ring>>,
    /// The box around it.
    pub bounds: Bounds,
    /// The box around its largest polygon (the mainland, without far islands).
    pub main_bounds: Bounds,
}

/// Every country.
#[derive(Debug)]
pub struct World {
    /// Countries, by name.
    pub countries: Vec<Country>,
    folded: Vec<String>,
}

#[derive(Deserialize)]
struct RawWorld {
    scale: f64,
    arcs: Vec<Vec<i64>>,
    countries: Vec<RawCountry>,
}

#[derive(Deserialize)]
struct RawCountry {
    id: String,
    name: String,
    polygons: Vec<Vec<Vec<i64>>>,
}

/// The outlines, decoded on first use.
pub fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| World::decode(COUNTRIES_JSON).expect("the embedded outlines are checked by a unit test"))
}

/// Names people write for countries whose Natural Earth name is abbreviated or differs.
const ALIASES: [(&str, &str); 16] = [
    ("western sahara", "w sahara"),
    ("democratic republic of the congo", "dem rep congo"),
    ("dr congo", "dem rep congo"),
    ("republic of the congo", "congo"),
    ("central african republic", "central african rep"),
    ("south sudan", "s sudan"),
    ("cote divoire", "cote divoire"),
    ("ivory coast", "cote divoire"),
    ("bosnia and herzegovina", "bosnia and herz"),
    ("dominican republic", "dominican rep"),
    ("equatorial guinea", "eq guinea"),
    ("united states", "united states of america"),
    ("usa", "united states of america"),
    ("czech republic", "czechia"),
    ("eswatini", "eswatini"),
    ("north macedonia", "macedonia"),
];

/// A name as compared: accents folded, lower case, letters, digits and single spaces.
fn key(name: &str) -> String {
    let folded = fold(name).to_lowercase();
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if (c == ' ' || c == '-') && !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

impl World {
    fn decode(json: &str) -> Result<World, serde_json::Error> {
        let raw: RawWorld = serde_json::from_str(json)?;
        let arcs: Vec<Vec<Point>> = raw
            .arcs
            .iter()
            .map(|flat| {
                let (mut x, mut y) = (0i64, 0i64);
                flat.chunks_exact(2)
                    .map(|d| {
                        x += d[0];
                        y += d[1];
                        Point { lon: x as f64 / raw.scale, lat: y as f64 / raw.scale }
                    })
                    .collect()
            })
            .collect();
        let ring = |indices: &[i64]| -> Ring {
            let mut ring: Ring = Vec::new();
            for &i in indices {
                // A negative index is the arc reversed (TopoJSON: ~i).
                let (arc, reversed) = if i < 0 { (!i as usize, true) } else { (i as usize, false) };
                let Some(points) = arcs.get(arc) else { continue };
                let mut points = points.clone();
                if reversed {
                    points.reverse();
                }
                // Consecutive arcs share their end point.
                let skip = usize::from(!ring.is_empty());
                ring.extend(points.into_iter().skip(skip));
            }
            ring
        };
        let mut countries: Vec<Country> = raw
            .countries
            .into_iter()
            .map(|c| {
                let polygons: Vec<Vec<Ring>> =
                    c.polygons.iter().map(|rings| rings.iter().map(|r| ring(r)).collect()).collect();
                let bounds_of = |rings: &[Ring]| rings.iter().flatten().fold(Bounds::EMPTY, |b, p| b.with(*p));
                let bounds = polygons.iter().fold(Bounds::EMPTY, |b, p| b.union(bounds_of(p)));
                let main_bounds = polygons
                    .iter()
                    .max_by(|a, b| area(&a[0]).total_cmp(&area(&b[0])))
                    .map(|p| bounds_of(p))
                    .unwrap_or(bounds);
                Country { code: c.id, name: c.name, polygons, bounds, main_bounds }
            })
            .collect();
        countries.sort_by(|a, b| a.name.cmp(&b.name));
        let folded = countries.iter().map(|c| key(&c.name)).collect();
        Ok(World { countries, folded })
    }

    /// The country a profile names: by its English name (accents, case and punctuation aside,
    /// with the usual long forms of Natural Earth's short names), its ISO numeric code, or
    /// any name [`crate::country::code_of`] knows (`Maroc`, `العراق`, `Congo - Kinshasa`).
    pub fn find(&self, name: &str) -> Option<&Country> {
        let wanted = key(name);
        let wanted =
            ALIASES.iter().find(|(long, _)| *long == wanted).map(|(_, short)| short.to_string()).unwrap_or(wanted);
        self.folded
            .iter()
            .position(|k| *k == wanted)
            .or_else(|| self.countries.iter().position(|c| !c.code.is_empty() && c.code == name.trim()))
            .or_else(|| {
                // A name Natural Earth spells otherwise, or in another language: by its code.
                let numeric = crate::country::code_of(name).and_then(crate::country::numeric)?;
                self.countries.iter().position(|c| c.code == numeric)
            })
            .map(|i| &self.countries[i])
    }

    /// The outline of a profile's country: the one its name gives ([`World::find`]), or, for a
    /// name the outlines do not know (`Kurdistan`, a region written as the country), the one
    /// of its ISO 3166-1 alpha-3 `code` (`IRQ`), when it has one.
    pub fn find_with_code(&self, name: &str, code: Option<&str>) -> Option<&Country> {
        self.find(name).or_else(|| {
            let numeric = crate::country::numeric(code?)?;
            self.countries.iter().find(|c| c.code == numeric)
        })
    }

    /// The country `p` falls in, if any.
    pub fn country_at(&self, p: Point) -> Option<&Country> {
        self.countries.iter().find(|c| c.contains(p))
    }
}

/// The name of the outline Natural Earth names `name` ("Morocco", "W. Sahara") as a map in
/// `language` labels it: the country's name in that language when Fieldbook has it (by the
/// outline's ISO code, "Maroc", "Sahara occidental"), else `name`. English maps keep Natural
/// Earth's names, as they always had.
pub fn label_in<'a>(name: &'a str, language: &str) -> &'a str {
    if !crate::country::translates(language) {
        return name;
    }
    world()
        .countries
        .iter()
        .find(|c| c.name == name)
        .and_then(|c| crate::country::from_numeric(&c.code))
        .and_then(|code| crate::country::localized(code, language))
        .unwrap_or(name)
}

/// Twice the signed area of a ring, in square degrees (for choosing the largest polygon).
fn area(ring: &Ring) -> f64 {
    ring.windows(2).map(|w| w[0].lon * w[1].lat - w[1].lon * w[0].lat).sum::<f64>().abs()
}

/// Kilometres per degree of latitude.
pub const KM_PER_DEGREE: f64 = 111.32;

impl Country {
    /// True when `p` lies inside the outline (on land, holes excepted).
    pub fn contains(&self, p: Point) -> bool {
        if !(self.bounds.west..=self.bounds.east).contains(&p.lon)
            || !(self.bounds.south..=self.bounds.north).contains(&p.lat)
        {
            return false;
        }
        self.polygons.iter().any(|rings| rings.iter().filter(|r| in_ring(r, p)).count() % 2 == 1)
    }

    /// About how far `p` lies from the outline, in kilometres: 0 inside.
    pub fn distance_km(&self, p: Point) -> f64 {
        if self.contains(p) {
            return 0.0;
        }
        let scale = p.lat.to_radians().cos().max(0.05);
        let mut best = f64::INFINITY;
        for ring in self.polygons.iter().flatten() {
            for w in ring.windows(2) {
                best = best.min(segment_distance(p, w[0], w[1], scale));
            }
        }
        best * KM_PER_DEGREE
    }
}

/// Distance from `p` to the segment a–b, in degrees of latitude, with longitudes scaled.
fn segment_distance(p: Point, a: Point, b: Point, scale: f64) -> f64 {
    let (px, py) = (p.lon * scale, p.lat);
    let (ax, ay) = (a.lon * scale, a.lat);
    let (bx, by) = (b.lon * scale, b.lat);
    let (dx, dy) = (bx - ax, by - ay);
    let len = dx * dx + dy * dy;
    let t = if len > 0.0 { (((px - ax) * dx + (py - ay) * dy) / len).clamp(0.0, 1.0) } else { 0.0 };
    let (cx, cy) = (ax + t * dx, ay + t * dy);
    ((px - cx).powi(2) + (py - cy).powi(2)).sqrt()
}

/// Even-odd test of `p` against one ring.
fn in_ring(ring: &Ring, p: Point) -> bool {
    let mut inside = false;
    let n = ring.len();
    if n < 3 {
        return false;
    }
    let mut j = n - 1;
    for i in 0..n {
        let (a, b) = (ring[i], ring[j]);
        if (a.lat > p.lat) != (b.lat > p.lat) && p.lon < (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon {
            inside = !inside;
        }
        j = i;
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_outlines_decode_and_hold_every_country() {
        let world = World::decode(COUNTRIES_JSON).expect("countries.json decodes");
        assert!(world.countries.len() > 200, "{}", world.countries.len());
        for c in &world.countries {
            assert!(!c.polygons.is_empty(), "{} has an outline", c.name);
            assert!(c.bounds.west >= -180.0 && c.bounds.east <= 180.0, "{}", c.name);
            assert!(c.bounds.south >= -90.0 && c.bounds.north <= 90.0, "{}", c.name);
            for ring in c.polygons.iter().flatten() {
                assert_eq!(ring.first(), ring.last(), "{}: every ring closes", c.name);
            }
        }
        // Small enough to embed.
        assert!(COUNTRIES_JSON.len() < 400_000, "{}", COUNTRIES_JSON.len());
    }

    #[test]
    fn countries_are_found_by_their_usual_names() {
        let world = world();
        assert_eq!(world.find("Morocco").map(|c| c.code.as_str()), Some("504"));
        assert_eq!(world.find("el salvador").map(|c| c.code.as_str()), Some("222"));
        assert_eq!(world.find("Sénégal").map(|c| c.code.as_str()), Some("686"));
        assert_eq!(world.find("Western Sahara").map(|c| c.name.as_str()), Some("W. Sahara"));
        assert_eq!(world.find("Côte d'Ivoire").map(|c| c.code.as_str()), Some("384"));
        assert!(world.find("Atlantis").is_none());
        // Any language the CLDR table speaks, and CLDR's English where Natural Earth differs.
        assert_eq!(world.find("العراق").map(|c| c.name.as_str()), Some("Iraq"));
        assert_eq!(world.find("Belice").map(|c| c.code.as_str()), Some("084"));
        assert_eq!(world.find("Maroc").map(|c| c.code.as_str()), Some("504"));
        assert_eq!(world.find("Congo - Kinshasa").map(|c| c.name.as_str()), Some("Dem. Rep. Congo"));
    }

    #[test]
    fn points_fall_in_their_country() {
        let world = world();
        let morocco = world.find("Morocco").unwrap();
        let fes = Point { lat: 34.03, lon: -5.0 };
        assert!(morocco.contains(fes));
        assert_eq!(morocco.distance_km(fes), 0.0);
        // Latitude and longitude swapped: in Tanzania, thousands of km away.
        let swapped = Point { lat: -5.0, lon: 34.03 };
        assert!(!morocco.contains(swapped));
        assert!(morocco.distance_km(swapped) > 2000.0);
        assert_eq!(world.country_at(swapped).map(|c| c.name.as_str()), Some("Tanzania"));
        let san_salvador = Point { lat: 13.69, lon: -89.19 };
        assert_eq!(world.country_at(san_salvador).map(|c| c.name.as_str()), Some("El Salvador"));
        // Just off the coast of Dakar: near, not inside.
        let off_dakar = Point { lat: 14.70, lon: -17.60 };
        let senegal = world.find("Senegal").unwrap();
        assert!(senegal.distance_km(off_dakar) < 30.0);
    }
}
