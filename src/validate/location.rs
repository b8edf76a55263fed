//! A community's location: `{ lat, lon }` in decimal degrees, in range, and in (or near) the
//! profile's country, checked against the embedded outlines ([`crate::geo`]).

use super::Fields;
use super::read::Reader;
use crate::geo::{Point, world};
use crate::load::Node;
use crate::messages::Message;
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
                    "latitude" | "y" => Message::new("location.write-lat"),
                    "lng" | "long" | "longitude" | "x" => Message::new("location.write-lon"),
                    _ => Message::new("location.two-fields").with("example", EXAMPLE),
                };
                let message = Message::new("location.unknown-field").with("field", other);
                reader.error_said("location-field", entry.key_span, message, Some(help));
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
        reader.error_said(
            "location-field",
            node.span,
            Message::new("location.missing").with("key", key),
            Some(Message::new("location.write-it-as").with("example", EXAMPLE)),
        );
    }
    let ((lat, lat_node), (lon, lon_node)) = (lat?, lon?);
    let mut in_range = true;
    if !(-90.0..=90.0).contains(&lat) {
        in_range = false;
        let help = if (-90.0..=90.0).contains(&lon) && (-180.0..=180.0).contains(&lat) {
            Message::new("location.swapped").with("lat", format_number(lon)).with("lon", format_number(lat))
        } else {
            Message::new("location.latitude-help")
        };
        let message = Message::new("location.latitude-range").with("value", format_number(lat));
        reader.error_said("location-range", lat_node.span, message, Some(help));
    }
    if !(-180.0..=180.0).contains(&lon) {
        in_range = false;
        let message = Message::new("location.longitude-range").with("value", format_number(lon));
        reader.error_said("location-range", lon_node.span, message, Some(Message::new("location.longitude-help")));
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
        reader.warning_said(
            "map-country",
            node.span,
            Message::new("location.no-outline").with("country", country),
            Some(Message::new("location.no-outline-help")),
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
        Message::new("location.swapped-in")
            .with("lat", format_number(location.lon))
            .with("lon", format_number(location.lat))
            .with("country", country)
    } else if outline.contains(Point { lat: location.lat, lon: -location.lon }) {
        Message::new("location.longitude-sign").with("lon", format_number(-location.lon))
    } else if outline.contains(Point { lat: -location.lat, lon: location.lon }) {
        Message::new("location.latitude-sign").with("lat", format_number(-location.lat))
    } else {
        let there = match world.country_at(point) {
            Some(other) => Message::new("location.falls-in").with("country", other.name.as_str()),
            None => Message::new("location.falls-in-sea"),
        };
        Message::new("location.check-on-map").phrase("there", there)
    };
    let message = Message::new("location.outside-country")
        .with("distance", crate::text::group_thousands(km.round() as u64))
        .with("country", country);
    reader.warning_said("location-outside-country", node.span, message, Some(help));
}
