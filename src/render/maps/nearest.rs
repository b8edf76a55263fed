//! A profile's nearest neighbours, for its locator map, without measuring the distance to
//! every other community: measuring them all made the maps grow with the square of the number
//! of communities, and a walk in latitude alone with its power one and a half (a band of
//! latitude as wide as the twelfth neighbour's distance crosses the whole country, and holds
//! the square root of its communities), which at 100,000 profiles cost more than any other
//! part of the map.
//!
//! The points are cut into bands of latitude holding about the same number of points, each
//! sorted by longitude. A search walks out from the point's own band, band by band, and in
//! each band out from the point's longitude, east and west, and stops each walk once a lower
//! bound of the distance to every point further along it exceeds the farthest neighbour found
//! so far. The result is exactly what measuring every distance gives, ties included (a test
//! compares the two).

use super::{EARTH_RADIUS_KM, Located, NEIGHBOURS, base::View, distance_km};
use crate::geo::{Bounds, Country};

/// Points in bands of latitude, each sorted by longitude, to find a point's nearest neighbours.
#[derive(Debug, Clone)]
pub struct Nearest {
    /// South to north.
    bands: Vec<Band>,
    /// The box around every point.
    bounds: Bounds,
}

/// The points between two latitudes.
#[derive(Debug, Clone)]
struct Band {
    south: f64,
    north: f64,
    /// The least cosine of a latitude in the band (at its latitude farthest from the equator).
    least_cos: f64,
    /// West to east, ties by document.
    by_longitude: Vec<Located>,
}

impl Nearest {
    /// An index of `points`.
    pub fn new(points: impl IntoIterator<Item = Located>) -> Nearest {
        let mut by_latitude: Vec<Located> = points.into_iter().collect();
        by_latitude.sort_by(|a, b| a.point.lat.total_cmp(&b.point.lat).then(a.doc.cmp(&b.doc)));
        let bounds = by_latitude.iter().fold(Bounds::EMPTY, |b, l| b.with(l.point));
        // About √(n/32) bands of √(32n) points: a search then looks at a few bands, and at a
        // few dozen points in each.
        let bands_wanted = ((by_latitude.len() as f64 / 32.0).sqrt().round() as usize).max(1);
        let per_band = by_latitude.len().div_ceil(bands_wanted).max(1);
        let mut bands = Vec::with_capacity(bands_wanted);
        let mut rest = by_latitude.into_iter().peekable();
        while rest.peek().is_some() {
            let mut by_longitude: Vec<Located> = rest.by_ref().take(per_band).collect();
            let south = by_longitude[0].point.lat;
            let north = by_longitude[by_longitude.len() - 1].point.lat;
            by_longitude.sort_by(|a, b| a.point.lon.total_cmp(&b.point.lon).then(a.doc.cmp(&b.doc)));
            let least_cos = south.abs().max(north.abs()).to_radians().cos().max(0.0);
            bands.push(Band { south, north, least_cos, by_longitude });
        }
        Nearest { bands, bounds }
    }

    /// The view of `country` with every point of the index in it: what
    /// [`super::country_view`] gives for the same points, without going through them again.
    pub fn country_view(&self, country: &'static Country) -> View {
        View::fit(country.main_bounds.union(self.bounds))
    }

    /// The nearest points to `here` (itself excepted), up to twelve (`NEIGHBOURS`), nearest first,
    /// ties by document: the same as measuring the distance to every point.
    pub fn of(&self, here: &Located) -> Vec<(&Located, f64)> {
        self.of_counted(here).0
    }

    /// [`Nearest::of`], and the number of distances it measured.
    fn of_counted(&self, here: &Located) -> (Vec<(&Located, f64)>, usize) {
        let mut near: Vec<(&Located, f64)> = Vec::with_capacity(NEIGHBOURS + 1);
        let mut measured = 0;
        let home = self.bands.partition_point(|b| b.north < here.point.lat);
        let (below, above) = self.bands.split_at(home);
        let (mut down, mut up) = (below.iter().rev(), above.iter());
        let (mut down_open, mut up_open) = (true, true);
        while down_open || up_open {
            if up_open {
                up_open = up.next().is_some_and(|band| band.search(here, &mut near, &mut measured));
            }
            if down_open {
                down_open = down.next().is_some_and(|band| band.search(here, &mut near, &mut measured));
            }
        }
        (near, measured)
    }
}

impl Band {
    /// Consider the points of the band that may be among the nearest to `here`. False if the
    /// band lies too far in latitude for any of its points, and so every band beyond it.
    /// Counts the points it measured in `measured`.
    fn search<'l>(&'l self, here: &Located, near: &mut Vec<(&'l Located, f64)>, measured: &mut usize) -> bool {
        let lat = here.point.lat;
        let gap = if lat < self.south {
            self.south - lat
        } else if lat > self.north {
            lat - self.north
        } else {
            0.0
        };
        // hav(d/R) = hav(Δφ) + cos φ₁ cos φ₂ hav(Δλ): with the band's least Δφ and least cos φ₂,
        // a lower bound of the distance to any of its points Δλ of longitude away.
        let gap_part = haversine(gap);
        if beyond(near, km(gap_part)) {
            return false;
        }
        let across = lat.to_radians().cos() * self.least_cos;
        let least_km = |degrees_of_longitude: f64| km(gap_part + across * haversine(degrees_of_longitude));
        let points = &self.by_longitude;
        let n = points.len();
        let start = points.partition_point(|l| l.point.lon < here.point.lon);
        // East: longitudes from here's on, going round past 180°, while less than half a turn
        // away. The angle east only grows along the walk, and the bound with it.
        for k in 0..n {
            let l = &points[(start + k) % n];
            let east = (l.point.lon - here.point.lon).rem_euclid(360.0);
            if east > 180.0 || beyond(near, least_km(east)) {
                break;
            }
            *measured += 1;
            take(here, near, l);
        }
        // West: the others, less than half a turn away the other way.
        for k in 1..n {
            let l = &points[(start + n - k) % n];
            let west = (here.point.lon - l.point.lon).rem_euclid(360.0);
            if west == 0.0 || west >= 180.0 || beyond(near, least_km(west)) {
                break;
            }
            *measured += 1;
            take(here, near, l);
        }
        true
    }
}

/// hav of an angle in degrees.
fn haversine(degrees: f64) -> f64 {
    (degrees.to_radians() / 2.0).sin().powi(2)
}

/// The distance of a haversine, shaved so that rounding never prunes a tie.
fn km(haversine: f64) -> f64 {
    2.0 * EARTH_RADIUS_KM * haversine.sqrt().min(1.0).asin() * (1.0 - 1e-9)
}

/// True once `near` is full and `least` is beyond the farthest of it.
fn beyond(near: &[(&Located, f64)], least: f64) -> bool {
    near.len() == NEIGHBOURS && least > near[NEIGHBOURS - 1].1
}

/// Take `l` among the `near` points of `here` if it is one of the nearest.
fn take<'l>(here: &Located, near: &mut Vec<(&'l Located, f64)>, l: &'l Located) {
    if l.doc == here.doc {
        return;
    }
    let km = distance_km(here.point, l.point);
    let at = near.partition_point(|(o, d)| d.total_cmp(&km).then(o.doc.cmp(&l.doc)).is_lt());
    if at < NEIGHBOURS {
        near.insert(at, (l, km));
        near.truncate(NEIGHBOURS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::Point;

    /// The nearest of `others` to `here`, up to twelve (`NEIGHBOURS`), nearest first, ties by document:
    /// every distance measured: what [`Nearest`] must give, faster.
    fn neighbours<'l>(here: &Located, others: &'l [Located]) -> Vec<(&'l Located, f64)> {
        let mut near: Vec<(&Located, f64)> =
            others.iter().filter(|l| l.doc != here.doc).map(|l| (l, distance_km(here.point, l.point))).collect();
        near.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.doc.cmp(&b.0.doc)));
        near.truncate(NEIGHBOURS);
        near
    }

    fn random() -> impl FnMut() -> f64 {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    fn assert_same_as_measuring(points: &[Located]) {
        let index = Nearest::new(points.to_vec());
        for here in points {
            let by_index: Vec<(usize, f64)> = index.of(here).iter().map(|(l, km)| (l.doc, *km)).collect();
            let measured: Vec<(usize, f64)> = neighbours(here, points).iter().map(|(l, km)| (l.doc, *km)).collect();
            assert_eq!(by_index, measured, "neighbours of {} at {:?}", here.doc, here.point);
        }
    }

    fn at(doc: usize, lat: f64, lon: f64) -> Located {
        Located { doc, point: Point { lat, lon }, country: None, met: 0, total: 7 }
    }

    #[test]
    fn the_index_finds_the_same_neighbours_as_measuring_every_distance() {
        // Points in clusters and spread out, with repeated points (ties broken by document),
        // on both sides of the 180th meridian and near the poles, where longitude counts
        // least.
        let mut next = random();
        let points: Vec<Located> = (0..1200)
            .map(|doc| {
                let (lat, lon) = match doc % 7 {
                    0 => (30.0 + next(), -8.0 + next()),
                    1 => (-60.0 + 120.0 * next(), -180.0 + 360.0 * next()),
                    2 => (14.5, -17.25),
                    3 => (13.0 + 0.01 * next(), -89.0),
                    4 => (-17.0 + next(), if next() < 0.5 { 179.5 + 0.5 * next() } else { -180.0 + 0.5 * next() }),
                    5 => (88.0 + 2.0 * next(), -180.0 + 360.0 * next()),
                    _ => (-89.9, -180.0 + 360.0 * next()),
                };
                at(doc, lat, lon)
            })
            .collect();
        assert_same_as_measuring(&points);
        // Few points, one band; all at one place; a line along the equator.
        assert_same_as_measuring(&points[..5]);
        assert_same_as_measuring(&(0..40).map(|doc| at(doc, 12.0, 12.0)).collect::<Vec<_>>());
        assert_same_as_measuring(&(0..400).map(|doc| at(doc, 0.0, doc as f64 * 0.9 - 180.0)).collect::<Vec<_>>());
        assert!(Nearest::new(Vec::new()).of(&points[0]).is_empty());
    }

    #[test]
    fn a_search_measures_few_distances_however_many_points_there_are() {
        // Points spread over a country. A walk in latitude alone measured every point in a
        // band as wide as the farthest neighbour's distance: the square root of their number.
        let mut next = random();
        let mut mean_measured = |count: usize| {
            let points: Vec<Located> =
                (0..count).map(|doc| at(doc, 28.0 + 8.0 * next(), -13.0 + 12.0 * next())).collect();
            let index = Nearest::new(points.clone());
            let searches: Vec<usize> = points.iter().step_by(37).map(|here| index.of_counted(here).1).collect();
            searches.iter().sum::<usize>() as f64 / searches.len() as f64
        };
        let (small, large) = (mean_measured(2_000), mean_measured(50_000));
        assert!(large < 120.0, "{large} distances measured a search among 50,000 points");
        assert!(large < 2.0 * small, "{small} among 2,000 points, {large} among 50,000");
    }
}
