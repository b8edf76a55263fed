//! A community's location: `{ lat, lon }` in decimal degrees, in range, and in (or near) the
//! profile's country, checked against the embedded outlines ([`crate::geo`]).

use super::Fields;
use super::read::Reader;
use crate::geo::{Point, world};
use crate::load::Node;
use crate::model::Location;
use crate::text::format_number;

const EXAMPLE: &str = "location: { lat: 35.78, lon: -5.81 }";

/// How far outside its country's outline a point may lie before `check` warns: the outlines
/// are simplified to about 3 km, and a fishing village sits on the shore.
const NEAR_KM: f64 = 25.0;

/// The profile's location, if it gives a usable one, checked against the outline of its
/// `country` (or of its `country_code`, for a name the outlines do not know).
pub(super) fn read(
    reader: &mut Reader<'_>,
    fields: &Fields<'_>,
    country: &str,
    country_code: Option<&str>,
) -> Option<Location> {
    let node = fields.get("location")?;
    let entries = reader.map(node, "location", EXAMPLE);
    if entries.is_empty() {
        return None;
    }
    let mut lat: Option<(f64, &Node)> = None;
    let mut lon: Option<(f64, &Node)> = None;
    for entry in entries {
        let target = match entry.key.as_str() {
            "lat" => &mut lat,
            "lon" => &mut lon,
            other => {
                let help = match other.to_lowercase().as_str() {
                    "latitude" | "y" => "write the latitude as `lat:`".to_string(),
                    "lng" | "long" | "longitude" | "x" => "write the longitude as `lon:`".to_string(),
                    _ => format!("a location has two fields, `lat` and `lon`: {EXAMPLE}"),
                };
                reader.error_help(
                    "location-field",
                    entry.key_span,
                    format!("unknown field `{other}` in `location`"),
                    Some(help),
                );
                continue;
            }
        };
        if let Some(value) = reader.number(&entry.value, &format!("location.{}", entry.key)) {
            *target = Some((value, &entry.value));
        }
    }
    let missing = match (lat.is_some(), lon.is_some()) {
        (true, true) => None,
        (false, true) => Some("lat"),
        (true, false) => Some("lon"),
        (false, false) => return None,
    };
    if let Some(key) = missing
        && !entries.iter().any(|e| e.key == key)
    {
        reader.error_help(
            "location-field",
            node.span,
            format!("`location` has no `{key}`: a location needs both latitude and longitude"),
            Some(format!("write it as `{EXAMPLE}`")),
        );
    }
    let ((lat, lat_node), (lon, lon_node)) = (lat?, lon?);
    let mut in_range = true;
    if !(-90.0..=90.0).contains(&lat) {
        in_range = false;
        let help = if (-90.0..=90.0).contains(&lon) && (-180.0..=180.0).contains(&lat) {
            format!(
                "latitude and longitude look swapped: try `{{ lat: {}, lon: {} }}`",
                format_number(lon),
                format_number(lat)
            )
        } else {
            "latitude is degrees north (positive) or south (negative) of the equator, -90 to 90".into()
        };
        reader.error_help(
            "location-range",
            lat_node.span,
            format!("latitude {} is outside -90 to 90", format_number(lat)),
            Some(help),
        );
    }
    if !(-180.0..=180.0).contains(&lon) {
        in_range = false;
        reader.error_help(
            "location-range",
            lon_node.span,
            format!("longitude {} is outside -180 to 180", format_number(lon)),
            Some("longitude is degrees east (positive) or west (negative) of Greenwich, -180 to 180".into()),
        );
    }
    if !in_range {
        return None;
    }
    let location = Location { lat, lon };
    check_country(reader, node, location, country, country_code);
    Some(location)
}

/// Warn when the point lies far from the profile's country, saying what would fix it.
fn check_country(reader: &mut Reader<'_>, node: &Node, location: Location, country: &str, code: Option<&str>) {
    if country.trim().is_empty() {
        return;
    }
    let world = world();
    let Some(outline) = world.find_with_code(country, code) else {
        reader.warning_help(
            "map-country",
            node.span,
            format!("the maps have no outline for the country `{country}`, so this community is drawn without one"),
            Some("write the country by its usual name in English, French, Spanish or Arabic (Morocco, Maroc, Marruecos, المغرب), or a Natural Earth name, or give its ISO 3166-1 alpha-3 code in `country_code:` (such as `IRQ`)".into()),
        );
        return;
    };
    let point = location.point();
    let km = outline.distance_km(point);
    if km <= NEAR_KM {
        return;
    }
    let swapped = Point { lat: location.lon, lon: location.lat };
    let help = if (-90.0..=90.0).contains(&location.lon) && outline.contains(swapped) {
        format!(
            "latitude and longitude look swapped: `{{ lat: {}, lon: {} }}` falls in {country}",
            format_number(location.lon),
            format_number(location.lat)
        )
    } else if outline.contains(Point { lat: location.lat, lon: -location.lon }) {
        format!(
            "the sign of the longitude looks wrong: west of Greenwich is negative, so try `lon: {}`",
            format_number(-location.lon)
        )
    } else if outline.contains(Point { lat: -location.lat, lon: location.lon }) {
        format!(
            "the sign of the latitude looks wrong: south of the equator is negative, so try `lat: {}`",
            format_number(-location.lat)
        )
    } else {
        let there = match world.country_at(point) {
            Some(other) => format!("it falls in {}", other.name),
            None => "it falls in the sea".to_string(),
        };
        format!("{there}; check the point on a map (latitude first, then longitude, in decimal degrees)")
    };
    reader.warning_help(
        "location-outside-country",
        node.span,
        format!("this location lies about {} km outside {country}", crate::text::group_thousands(km.round() as u64)),
        Some(help),
    );
}
