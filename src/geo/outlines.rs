//! A site's own outlines: GeoJSON files in `content/maps/` (administrative boundaries, a
//! route, a border area), drawn on every map they reach, over the countries. Polygons are
//! drawn as outlines, lines as lines; points and other geometries are left aside.

use serde_json::Value;

use super::{Bounds, Point, Ring};

/// The folder of `content/` that holds a site's outlines.
pub const FOLDER: &str = "maps/";

/// True for a file under `content/` that is one of the site's outlines.
pub fn is_outline_file(content_path: &str) -> bool {
    content_path.starts_with(FOLDER) && content_path.to_ascii_lowercase().ends_with(".geojson")
}

/// One shape of a site's outlines.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// Closed rings (polygons), or open lines.
    pub rings: Vec<Ring>,
    /// True for lines (routes), false for areas.
    pub line: bool,
    /// The box around it.
    pub bounds: Bounds,
}

/// Every shape of a site's outline files, with a fingerprint of their content (so that maps
/// drawn with one set of outlines are not reused with another).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SiteOutlines {
    /// The shapes, file by file, in file order.
    pub shapes: Vec<Shape>,
    /// A hash of the files' text.
    pub fingerprint: u64,
}

impl SiteOutlines {
    /// The outlines of these files' texts (unreadable files were reported by `check`, and are
    /// left out here).
    pub fn from_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> SiteOutlines {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        let mut shapes = Vec::new();
        for text in texts {
            text.hash(&mut hasher);
            if let Ok(found) = parse(text) {
                shapes.extend(found);
            }
        }
        SiteOutlines { shapes, fingerprint: hasher.finish() }
    }
}

/// What is wrong with an outline file: the message, and the line and column when the JSON
/// itself is broken.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// What is wrong, in words.
    pub message: String,
    /// Line and column (1-based), when known.
    pub at: Option<(usize, usize)>,
}

/// The shapes of a GeoJSON text: a FeatureCollection, a Feature or a bare geometry.
pub fn parse(text: &str) -> Result<Vec<Shape>, Problem> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| Problem { message: format!("this is not valid JSON: {e}"), at: Some((e.line(), e.column())) })?;
    let mut shapes = Vec::new();
    collect(&value, &mut shapes)?;
    if shapes.is_empty() {
        return Err(Problem {
            message: "this GeoJSON holds no Polygon, MultiPolygon, LineString or MultiLineString to draw".into(),
            at: None,
        });
    }
    Ok(shapes)
}

fn collect(value: &Value, shapes: &mut Vec<Shape>) -> Result<(), Problem> {
    let kind = value.get("type").and_then(Value::as_str).unwrap_or("");
    let coordinates = value.get("coordinates");
    match kind {
        "FeatureCollection" => {
            for feature in value.get("features").and_then(Value::as_array).into_iter().flatten() {
                collect(feature, shapes)?;
            }
        }
        "Feature" => {
            if let Some(geometry) = value.get("geometry").filter(|g| !g.is_null()) {
                collect(geometry, shapes)?;
            }
        }
        "GeometryCollection" => {
            for geometry in value.get("geometries").and_then(Value::as_array).into_iter().flatten() {
                collect(geometry, shapes)?;
            }
        }
        "Polygon" => shapes.push(shape(rings(coordinates)?, false)),
        "MultiPolygon" => {
            for polygon in coordinates.and_then(Value::as_array).into_iter().flatten() {
                shapes.push(shape(rings(Some(polygon))?, false));
            }
        }
        "LineString" => shapes.push(shape(vec![line(coordinates)?], true)),
        "MultiLineString" => shapes.push(shape(rings(coordinates)?, true)),
        "Point" | "MultiPoint" => {}
        "" => return Err(Problem { message: "a GeoJSON object has no `type`".into(), at: None }),
        other => return Err(Problem { message: format!("`{other}` is not a GeoJSON type"), at: None }),
    }
    Ok(())
}

fn shape(rings: Vec<Ring>, line: bool) -> Shape {
    let bounds = rings.iter().flatten().fold(Bounds::EMPTY, |b, p| b.with(*p));
    Shape { rings, line, bounds }
}

fn rings(coordinates: Option<&Value>) -> Result<Vec<Ring>, Problem> {
    coordinates.and_then(Value::as_array).into_iter().flatten().map(|r| line(Some(r))).collect()
}

fn line(coordinates: Option<&Value>) -> Result<Ring, Problem> {
    let bad = |why: String| Problem { message: why, at: None };
    let mut ring = Vec::new();
    for position in coordinates.and_then(Value::as_array).into_iter().flatten() {
        let pair = position
            .as_array()
            .filter(|p| p.len() >= 2)
            .ok_or_else(|| bad(format!("`{position}` is not a position: GeoJSON writes [longitude, latitude]")))?;
        let (Some(lon), Some(lat)) = (pair[0].as_f64(), pair[1].as_f64()) else {
            return Err(bad(format!("`{position}` is not a position of two numbers")));
        };
        if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
            return Err(bad(format!(
                "the position [{lon}, {lat}] is out of range: GeoJSON writes longitude (-180 to 180) first, then latitude (-90 to 90), in degrees; a file in another projection must be saved in WGS 84 (EPSG:4326)"
            )));
        }
        ring.push(Point { lon, lat });
    }
    Ok(ring)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polygons_and_lines_are_read_points_left_aside() {
        let text = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"name":"Oriental"},"geometry":{"type":"Polygon","coordinates":[[[-2,34],[-1,34],[-1,35],[-2,34]]]}},
            {"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[-5.8,35.7],[-5,34]]}},
            {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[-5,34]}}]}"#;
        let shapes = parse(text).unwrap();
        assert_eq!(shapes.len(), 2);
        assert!(!shapes[0].line && shapes[1].line);
        assert_eq!(shapes[0].bounds, Bounds { west: -2.0, south: 34.0, east: -1.0, north: 35.0 });
    }

    #[test]
    fn broken_files_say_where_and_why() {
        let broken = parse("{\"type\": \"Polygon\",\n  \"coordinates\": [[[-2, 34],]]}").unwrap_err();
        assert_eq!(broken.at.map(|(line, _)| line), Some(2));
        let projected = parse(r#"{"type":"Polygon","coordinates":[[[500000,3800000],[1,2],[3,4]]]}"#).unwrap_err();
        assert!(projected.message.contains("WGS 84"), "{}", projected.message);
        let points = parse(r#"{"type":"Point","coordinates":[1,2]}"#).unwrap_err();
        assert!(points.message.contains("holds no Polygon"));
        assert!(is_outline_file("maps/provinces.geojson") && !is_outline_file("communities/a.geojson"));
    }
}
