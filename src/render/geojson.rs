//! `data/communities.geojson`: one Point feature per published community with a location, for
//! GIS tools (QGIS, GDAL/OGR open it as it is). Coordinates are `[longitude, latitude]` in WGS 84
//! (RFC 7946), exactly the points the maps show: rounded in a public build, as written in the
//! internal one, and no feature at all when the site keeps locations out of public builds
//! ([`crate::disclosure::location`]). Properties are the profile's id, title, country,
//! administrative areas, place code, page (its full address when the site has a base URL,
//! else relative to the site), criteria counts, and the numeric values of the
//! indicators this build publishes (a masked total is left out, as on the pages). One feature a
//! line, made a batch at a time and streamed to the file, so that a large site's collection is
//! never whole in memory.

use rayon::prelude::*;
use serde_json::{Map, json};

use super::maps::Located;
use super::views::Env;
use crate::model::CriterionStatus;
use crate::schema::ValueKind;

/// The file's path in the site.
pub const PATH: &str = "data/communities.geojson";

/// Features made at a time, in parallel: enough to keep both cores busy, few enough that a
/// large site's features never sit in memory together.
const BATCH: usize = 512;

/// Write the GeoJSON of the located communities among `docs` (`located` is per document) to
/// `w`: a FeatureCollection with one feature a line, made a batch at a time.
pub fn write_communities(
    env: &Env<'_>,
    located: &[Option<Located>],
    docs: &[usize],
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    w.write_all(b"{\"type\":\"FeatureCollection\",\"name\":\"communities\",\"features\":[")?;
    let mut first = true;
    for batch in docs.chunks(BATCH) {
        let features: Vec<String> = batch.par_iter().filter_map(|&i| feature(env, located, i)).collect();
        for feature in features {
            w.write_all(if first { b"\n" } else { b",\n" })?;
            w.write_all(feature.as_bytes())?;
            first = false;
        }
    }
    w.write_all(b"\n]}\n")
}

/// Document `i`'s feature, if it is a located community.
fn feature(env: &Env<'_>, located: &[Option<Located>], i: usize) -> Option<String> {
    let schema = env.schema;
    let numeric =
        |kind: ValueKind| matches!(kind, ValueKind::Number | ValueKind::Percent | ValueKind::Count | ValueKind::Rating);
    let l = located[i].as_ref()?;
    let doc = &env.site.docs[i];
    let c = doc.community()?;
    let count = |status: CriterionStatus| c.criteria.iter().filter(|e| e.status == status).count();
    // The community's own properties, which no indicator's id may take: the schema refuses
    // them ([`crate::schema::GEOJSON_PROPERTIES`], which a test holds to this list).
    let mut properties = Map::new();
    properties.insert("id".into(), json!(doc.slug));
    properties.insert("title".into(), json!(doc.title));
    properties.insert("country".into(), json!(c.country));
    properties.insert("admin_areas".into(), json!(c.admin_areas.join(" > ")));
    properties.insert("place_code".into(), json!(c.place_code));
    properties.insert("page".into(), json!(env.export_address(i)));
    properties.insert("assessed".into(), json!(c.assessed.to_string()));
    properties.insert("criteria_met".into(), json!(count(CriterionStatus::Met)));
    properties.insert("criteria_partial".into(), json!(count(CriterionStatus::Partial)));
    properties.insert("criteria_not_met".into(), json!(count(CriterionStatus::NotMet)));
    properties.insert("criteria_total".into(), json!(schema.criteria.len()));
    for (ii, indicator) in schema.indicators.iter().enumerate() {
        if !env.site.indicator_visible[ii] || !numeric(indicator.kind) {
            continue;
        }
        let value = c.indicators.iter().find(|e| e.indicator == ii).and_then(|entry| {
            let protection = env.masking.protect(entry, indicator.kind);
            env.masking.numeric(&protection, entry)
        });
        properties.insert(indicator.term.id.clone(), json!(value));
    }
    let feature = json!({
        "type": "Feature",
        "id": doc.slug,
        "geometry": { "type": "Point", "coordinates": [l.point.lon, l.point.lat] },
        "properties": properties,
    });
    serde_json::to_string(&feature).ok()
}
