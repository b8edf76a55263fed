//! Data exports for M&E, in `data/`: every profile as JSON (one file each, and all together)
//! and the schema in force as JSON, here; projects and case studies as JSON in `projects.rs` and
//! `case_studies.rs`; the tables (indicators in long format, criteria, communities, projects,
//! case studies) in `table.rs`, written as CSV with a row of HXL hashtags (`csv.rs`) and as one
//! spreadsheet (`xlsx.rs`); the Frictionless data package and the JSON Schemas of the JSON
//! exports in `package.rs`; what they say of their tables and columns, in the site's
//! language, in `wording.rs`.
//!
//! Exports show exactly what the pages show: nothing sensitive in a public build, and counts
//! of a few people masked the same way.

use serde::Serialize;
use serde::ser::SerializeMap;
use serde_json::Value as Json;

use super::format::{Masking, unit};
use super::views::Env;
use crate::disclosure::Shown;
use crate::link::routes;
use crate::model::{Details, ExtraValue, IndicatorValue};
use crate::schema::ValueKind;

pub mod case_studies;
pub mod csv;
pub mod package;
pub mod projects;
pub mod table;
pub mod wording;
pub mod xlsx;

/// The version of the layout of the JSON exports, in each of them as `format_version`: it
/// changes when a field is renamed or removed, so that scripts can tell.
pub const FORMAT_VERSION: u32 = 1;

/// A map that keeps the order its entries were given in (schema order, not alphabetical).
pub struct Ordered<T>(pub Vec<(String, T)>);

impl<T: Serialize> Serialize for Ordered<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct IndicatorExport<'a> {
    value: Json,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    method: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    n: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence_reason: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    disaggregation: Option<Ordered<Ordered<Json>>>,
}

#[derive(Serialize)]
struct CriterionExport<'a> {
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<&'a str>,
}

#[derive(Serialize)]
struct Reference<'a> {
    kind: &'static str,
    id: &'a str,
    title: &'a str,
    /// The referring page's address (see [`Env::export_address`]).
    url: String,
}

#[derive(Serialize)]
struct Review {
    state: &'static str,
    due: String,
}

#[derive(Serialize)]
struct CommunityExport<'a> {
    format_version: u32,
    id: &'a str,
    title: &'a str,
    /// The profile's page: its full address under the base URL, else relative to the site.
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    illustrative: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    country: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    country_code: Option<&'a str>,
    admin_areas: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    place_code: Option<&'a str>,
    /// Where the community is, as the site shows it: rounded to the privacy grid in a public
    /// build, absent where the schema marks `location` sensitive.
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<LocationExport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    population: Option<u64>,
    assessed: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    reviewed: Option<String>,
    review: Review,
    assessed_by: &'a [String],
    methods: Vec<&'a str>,
    tags: &'a [String],
    indicators: Ordered<IndicatorExport<'a>>,
    criteria: Ordered<CriterionExport<'a>>,
    research: Ordered<Vec<&'a str>>,
    references: Vec<Reference<'a>>,
    /// The site's own fields of profiles it gives, by name, in the schema's order.
    #[serde(skip_serializing_if = "is_empty")]
    fields: Ordered<Json>,
    #[serde(skip_serializing_if = "Option::is_none")]
    contacts: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    internal_notes: Option<&'a str>,
}

pub(super) fn is_empty(map: &Ordered<Json>) -> bool {
    map.0.is_empty()
}

/// `fields` of `doc`'s JSON export: the values it gives of the site's own fields that `table`
/// exports, by name.
pub(super) fn fields_json(env: &Env<'_>, table: &'static table::Table, doc: &crate::model::Doc) -> Ordered<Json> {
    Ordered(
        table::site_fields(env, table)
            .filter_map(|(index, field)| Some((field.name.clone(), extra_json(doc.extra_value(index)?))))
            .collect(),
    )
}

/// A value of a site's own field as JSON: numbers as numbers, yes-no as a boolean, a list as
/// an array, a date as `YYYY-MM-DD`, a link as written.
fn extra_json(value: &ExtraValue) -> Json {
    match value {
        ExtraValue::Text(text) => Json::from(text.as_str()),
        ExtraValue::List(items) => Json::from(items.clone()),
        ExtraValue::Date(d) => Json::from(d.to_string()),
        ExtraValue::Integer(n) => Json::from(*n),
        ExtraValue::Number(n) => number(*n),
        ExtraValue::YesNo(yes) => Json::from(*yes),
        ExtraValue::Url(reference) => Json::from(reference.id.as_str()),
    }
}

/// A location in decimal degrees.
#[derive(Serialize)]
struct LocationExport {
    lat: f64,
    lon: f64,
}

/// A number as JSON: whole numbers without a fraction.
fn number(n: f64) -> Json {
    if n.fract() == 0.0 && n.abs() < 9.0e15 { Json::from(n as i64) } else { Json::from(n) }
}

/// A disaggregated part as JSON: a number, or its mark ("<5", "≥5") when masked.
fn part_value(value: f64, shown: Shown, masking: Masking) -> Json {
    if shown.masked() { Json::from(masking.count(shown, value)) } else { number(value) }
}

fn value_json(value: &IndicatorValue) -> Json {
    match value {
        IndicatorValue::Unknown => Json::from("unknown"),
        IndicatorValue::Number(n) | IndicatorValue::Percent(n) => number(*n),
        IndicatorValue::Count(c) => Json::from(*c),
        IndicatorValue::Rating(r) => Json::from(*r),
        IndicatorValue::Distribution(parts) => {
            Json::Object(parts.iter().map(|p| (p.name.clone(), number(p.value))).collect())
        }
        IndicatorValue::List(items) => Json::from(items.clone()),
        IndicatorValue::Text(t) => Json::from(t.clone()),
        IndicatorValue::YesNo(b) => Json::from(*b),
    }
}

/// Profile `i` as a JSON object (compact), or `None` if it is not a profile.
pub fn community_json(env: &Env<'_>, i: usize) -> Option<String> {
    let site = env.site;
    let schema = env.schema;
    let doc = &site.docs[i];
    let c = doc.community()?;
    let internal = site.audience.shows_sensitive();
    let (due, state) = c.review(env.review_months, env.today);
    let indicators = c
        .indicators
        .iter()
        .filter(|e| site.indicator_visible[e.indicator])
        .filter_map(|e| {
            let indicator = &schema.indicators[e.indicator];
            let protection = env.masking.protect(e, indicator.kind);
            if protection.entry_withheld() {
                return None;
            }
            let disaggregation = (!e.disaggregation.is_empty()).then(|| {
                Ordered(
                    e.disaggregation
                        .iter()
                        .enumerate()
                        .filter(|(d, _)| !protection.withheld(*d))
                        .map(|(d, dis)| {
                            let parts = dis
                                .parts
                                .iter()
                                .enumerate()
                                .map(|(k, p)| (p.name.clone(), part_value(p.value, protection.part(d, k), env.masking)))
                                .collect();
                            (schema.disaggregations[dis.dimension].term.id.clone(), Ordered(parts))
                        })
                        .collect(),
                )
            });
            let value = match protection.total.mark(env.masking.threshold) {
                Some(mark) => Json::from(mark),
                None => value_json(&e.value),
            };
            let export = IndicatorExport {
                value,
                unit: if indicator.kind == ValueKind::Number { unit(e, indicator) } else { None },
                source: e.source.as_deref(),
                method: e.method().map(|m| schema.methods[m].id.as_str()),
                date: e.date.map(|d| d.to_string()),
                n: e.n(),
                confidence: e.confidence.map(|c| c.id()),
                confidence_reason: e.confidence_reason(),
                notes: e.notes(),
                disaggregation,
            };
            Some((indicator.term.id.clone(), export))
        })
        .collect();
    let references = site.backlinks[i]
        .iter()
        .map(|&r| Reference {
            kind: site.docs[r].content_type.id(),
            id: &site.docs[r].slug,
            title: &site.docs[r].title,
            url: env.export_address(r),
        })
        .collect();
    let export = CommunityExport {
        format_version: FORMAT_VERSION,
        id: &doc.slug,
        title: &doc.title,
        url: env.export_address(i),
        status: internal.then(|| doc.status.id()),
        illustrative: doc.illustrative,
        summary: doc.summary.as_deref(),
        country: &c.country,
        country_code: c.country_code.as_deref(),
        admin_areas: &c.admin_areas,
        place_code: c.place_code.as_deref(),
        location: c
            .location
            .and_then(|l| crate::disclosure::location::shown(l, env.location_rule))
            .map(|l| LocationExport { lat: l.lat, lon: l.lon }),
        population: c.population,
        assessed: c.assessed.to_string(),
        reviewed: c.reviewed.map(|d| d.to_string()),
        review: Review { state: state.id(), due: due.to_string() },
        assessed_by: &c.assessed_by,
        methods: c.methods.iter().map(|&m| schema.methods[m].id.as_str()).collect(),
        tags: &doc.tags,
        indicators: Ordered(indicators),
        criteria: Ordered(
            c.criteria
                .iter()
                .map(|e| {
                    (
                        schema.criteria[e.criterion].id.clone(),
                        CriterionExport { status: e.status.id(), evidence: e.evidence.as_deref() },
                    )
                })
                .collect(),
        ),
        research: Ordered(
            c.research
                .iter()
                .map(|r| {
                    (
                        schema.research_questions[r.question].term.id.clone(),
                        r.methods.iter().map(|&m| schema.methods[m].id.as_str()).collect(),
                    )
                })
                .collect(),
        ),
        references,
        fields: fields_json(env, &table::COMMUNITIES, doc),
        contacts: (internal && !c.contacts.is_empty()).then_some(c.contacts.as_slice()),
        internal_notes: if internal { doc.internal_notes.as_deref() } else { None },
    };
    serde_json::to_string(&export).ok()
}

/// The start of `communities.json`, up to the list of profiles (each object follows, then
/// `\n]}`).
pub fn communities_head(site_title: &str) -> String {
    list_head(site_title, "communities")
}

/// A JSON list export of few documents (`projects.json`, `case_studies.json`), each also in a
/// file of its own: what it lists and how, and its text up to the list (each object follows,
/// then `\n]}`).
pub struct JsonList {
    /// The type of the documents it lists.
    pub content: crate::model::ContentType,
    /// Its site path.
    pub path: &'static str,
    /// Its text up to the list.
    pub head: String,
    /// A document's object (`None` for a document of another type).
    pub object: fn(&Env<'_>, usize) -> Option<String>,
    /// The site path of a document's own file, from its id.
    pub own_path: fn(&str) -> String,
}

/// The start of a JSON export of a list, `list`, of the site titled `site_title`.
pub(super) fn list_head(site_title: &str, list: &str) -> String {
    format!(
        "{{\"format_version\":{FORMAT_VERSION},\"site\":{},\"schema\":\"schema.json\",\"{list}\":[",
        serde_json::to_string(site_title).unwrap_or_default()
    )
}

/// A published community that a project serves or a case study concerns, in their JSON: its
/// id, its title and its page.
#[derive(Serialize)]
pub(super) struct Named<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
}

/// The communities document `i` names that the build publishes, as the link stage found them
/// (a draft or confidential one is not named in a public build's files).
pub(super) fn named_communities<'a>(env: &Env<'a>, i: usize) -> Vec<Named<'a>> {
    let site = env.site;
    site.community_refs[i]
        .iter()
        .map(|&t| Named { id: &site.docs[t].slug, title: &site.docs[t].title, url: env.export_address(t) })
        .collect()
}

/// The JSON Schema of a [`Named`] community.
pub(super) fn named_schema(base_url: Option<&str>, wording: &wording::JsonWording) -> Json {
    serde_json::json!({
        "type": "object",
        "required": ["id", "title", "url"],
        "additionalProperties": false,
        "properties": {
            "id": package::text(),
            "title": package::text(),
            "url": package::address(&wording.profile_url, base_url)
        }
    })
}

/// The path of a profile's own JSON export.
pub fn profile_json_path(env: &Env<'_>, i: usize) -> Option<String> {
    matches!(env.site.docs[i].details, Details::Community(_)).then(|| routes::profile_json(&env.site.docs[i].slug))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_maps_keep_their_order() {
        let map = Ordered(vec![("b".to_string(), 1), ("a".to_string(), 2)]);
        assert_eq!(serde_json::to_string(&map).unwrap(), "{\"b\":1,\"a\":2}");
    }
}
