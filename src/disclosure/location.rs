//! Which location of a community a build may show. An exact point can lead to the people who
//! live there, so a public build rounds every location to a grid of about
//! `[privacy] location_precision_km` (1 km unless the site says otherwise), and shows none at
//! all when the site marks the `location` field sensitive. The internal build shows the points
//! as written. Pages, maps, exports and `data/communities.geojson` all ask [`shown`](crate::disclosure::location::shown), so they
//! show the same point.

use crate::geo::KM_PER_DEGREE;
use crate::model::Location;

/// Decimal places a published coordinate keeps: a ten-thousandth of a degree is about 11 m,
/// finer than any grid a site would choose, and it keeps the float noise of rounding out.
const DECIMALS: f64 = 10_000.0;

/// How a build treats locations.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rule {
    /// As written (the internal build).
    Exact,
    /// Rounded to a grid of about this many kilometres (0: as written).
    Rounded(f64),
    /// Not shown at all (public build of a site that marks `location` sensitive).
    Hidden,
}

impl Rule {
    /// The rule for a build: `shows_sensitive` for the internal build, `field_sensitive` when
    /// the schema marks `location` sensitive, `precision_km` from the settings.
    pub fn for_build(shows_sensitive: bool, field_sensitive: bool, precision_km: f64) -> Rule {
        if shows_sensitive {
            Rule::Exact
        } else if field_sensitive {
            Rule::Hidden
        } else {
            Rule::Rounded(precision_km)
        }
    }

    /// True when the rule changes what was written.
    pub fn coarsens(self) -> bool {
        match self {
            Rule::Exact => false,
            Rule::Rounded(km) => km > 0.0,
            Rule::Hidden => true,
        }
    }
}

/// The location a build under `rule` shows for `location`.
pub fn shown(location: Location, rule: Rule) -> Option<Location> {
    match rule {
        Rule::Exact => Some(location),
        Rule::Hidden => None,
        Rule::Rounded(km) if km <= 0.0 => Some(location),
        Rule::Rounded(km) => {
            let step = km / KM_PER_DEGREE;
            let lat = ((location.lat / step).round() * step).clamp(-90.0, 90.0);
            // A degree of longitude shrinks towards the poles: the grid keeps about `km` across.
            let lon_step = step / lat.to_radians().cos().max(0.01);
            let mut lon = (location.lon / lon_step).round() * lon_step;
            if lon > 180.0 {
                lon -= 360.0;
            } else if lon < -180.0 {
                lon += 360.0;
            }
            Some(Location { lat: tidy(lat), lon: tidy(lon) })
        }
    }
}

/// Rounded to [`DECIMALS`], without a negative zero.
fn tidy(degrees: f64) -> f64 {
    let value = (degrees * DECIMALS).round() / DECIMALS;
    if value == 0.0 { 0.0 } else { value }
}

/// A coordinate as written in pages and exports: up to five decimals (about a metre), no
/// trailing zeros.
pub fn format_degrees(degrees: f64) -> String {
    let mut out = String::with_capacity(12);
    push_degrees(&mut out, degrees, ".");
    out
}

/// [`format_degrees`] written onto `out`, with `decimal_mark` for the point.
///
/// Maps list every community's coordinates (a country page, each indicator's region maps), and
/// formatting with `{:.5}` cost thousands of instructions a number. A coordinate's hundred
/// thousandths (for any angle below 10,000 degrees) come out of one multiplication within a
/// ten-millionth of the exact product, so they are rounded in integers; only a value within a
/// millionth of halfway between two (where that error could tip it) goes through the exact
/// formatter.
pub fn push_degrees(out: &mut String, degrees: f64, decimal_mark: &str) {
    let scaled = degrees * 1e5;
    let rounded = scaled.round();
    let exact_enough = scaled.abs() < 1e9 && ((scaled - scaled.trunc()).abs() - 0.5).abs() >= 1e-6;
    if !exact_enough {
        let text = format!("{degrees:.5}");
        let text = text.trim_end_matches('0').trim_end_matches('.');
        match text {
            "-0" => out.push('0'),
            text => out.push_str(&text.replacen('.', decimal_mark, 1)),
        }
        return;
    }
    let units = rounded.abs() as u64;
    if rounded < 0.0 && units != 0 {
        out.push('-');
    }
    let mut digits = itoa::Buffer::new();
    out.push_str(digits.format(units / 100_000));
    let mut fraction = units % 100_000;
    if fraction != 0 {
        out.push_str(decimal_mark);
        let mut width = 5;
        while fraction.is_multiple_of(10) {
            fraction /= 10;
            width -= 1;
        }
        let text = digits.format(fraction);
        for _ in text.len()..width {
            out.push('0');
        }
        out.push_str(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_locations_move_by_less_than_the_grid_and_never_keep_their_digits() {
        let exact = Location { lat: 35.78123, lon: -5.81234 };
        let rule = Rule::for_build(false, false, 1.0);
        let public = shown(exact, rule).unwrap();
        assert_ne!(format_degrees(public.lat), "35.78123");
        assert_ne!(format_degrees(public.lon), "-5.81234");
        let km_lat = (public.lat - exact.lat).abs() * KM_PER_DEGREE;
        let km_lon = (public.lon - exact.lon).abs() * KM_PER_DEGREE * exact.lat.to_radians().cos();
        assert!(km_lat <= 0.51 && km_lon <= 0.51, "{km_lat} {km_lon}");
        // Nearby points fall on the same grid point: the grid does not follow the input.
        let near = shown(Location { lat: 35.78130, lon: -5.81240 }, rule).unwrap();
        assert_eq!(near, public);
        // A coarser grid moves further.
        let ten = shown(exact, Rule::Rounded(10.0)).unwrap();
        assert!((ten.lat - exact.lat).abs() * KM_PER_DEGREE <= 5.1);
    }

    #[test]
    fn the_internal_build_is_exact_and_sensitive_locations_are_hidden() {
        let exact = Location { lat: 13.70111, lon: -89.2 };
        assert_eq!(shown(exact, Rule::for_build(true, true, 1.0)), Some(exact));
        assert_eq!(shown(exact, Rule::for_build(false, true, 1.0)), None);
        assert_eq!(shown(exact, Rule::for_build(false, false, 0.0)), Some(exact));
        assert!(!Rule::Exact.coarsens() && Rule::Hidden.coarsens() && !Rule::Rounded(0.0).coarsens());
    }

    #[test]
    fn degrees_are_written_short() {
        assert_eq!(format_degrees(35.78), "35.78");
        assert_eq!(format_degrees(-5.0), "-5");
        assert_eq!(format_degrees(-0.000001), "0");
        assert_eq!(format_degrees(12.345678), "12.34568");
        assert_eq!(format_degrees(-0.000004), "0");
        assert_eq!(format_degrees(0.00001), "0.00001");
        assert_eq!(format_degrees(-179.99999), "-179.99999");
    }

    #[test]
    fn degrees_are_written_as_the_exact_formatter_writes_them() {
        let exact = |d: f64| {
            let text = format!("{d:.5}");
            let text = text.trim_end_matches('0').trim_end_matches('.');
            if text == "-0" { "0".to_string() } else { text.to_string() }
        };
        let mut state = 0x9e37_79b9_7f4a_7c15;
        let mut values = vec![0.0, -0.0, 0.000005, -0.000005, 0.000015, 1.000005, 2.5e-6, 180.0, -90.0, 1e20, f64::NAN];
        for _ in 0..100_000 {
            let bits = crate::text::next_test_random(&mut state);
            let whole = (bits % 361) as f64 - 180.0;
            let step = [1e-5, 1e-4, 1e-3, 0.25, 1e-7][(bits >> 20) as usize % 5];
            values.push(whole + ((bits >> 32) % 100_000) as f64 * step / 2.0);
            values.push(f64::from_bits(bits) % 200.0);
        }
        for d in values {
            assert_eq!(format_degrees(d), exact(d), "{d:?}");
            let mut comma = String::new();
            push_degrees(&mut comma, d, ",");
            assert_eq!(comma, exact(d).replace('.', ","), "{d:?}");
        }
    }
}
