//! `data/case_studies.json`: every published case study as JSON, beside `case_studies.csv`,
//! each also in a file of its own (`data/case-studies/<id>.json`, linked from its page), with
//! their JSON Schemas (`data/case_studies.schema.json`, `data/case_study.schema.json`). A case
//! study names the communities it concerns, each with its title and page, only those the build
//! publishes, and where to read the original only when the build publishes it; a public build's
//! has no sensitive field.

use serde::Serialize;
use serde_json::{Value as Json, json};

use super::package::{address, date, site_fields_schema, text, texts};
use super::wording::JsonWording;
use super::{FORMAT_VERSION, Named, Ordered, fields_json, is_empty, named_communities, named_schema, table};
use crate::model::{ContentType, Details};
use crate::render::views::Env;
use crate::schema::Schema;

/// The path of the case studies' JSON export.
pub const PATH: &str = "data/case_studies.json";
/// The path of its JSON Schema.
pub const SCHEMA_PATH: &str = "data/case_studies.schema.json";
/// The path of the JSON Schema of a case study's own file (`data/case-studies/<id>.json`).
pub const CASE_STUDY_SCHEMA_PATH: &str = "data/case_study.schema.json";

/// The path of case study `i`'s own JSON export, if it is a case study.
pub fn case_study_json_path(env: &Env<'_>, i: usize) -> Option<String> {
    let doc = &env.site.docs[i];
    matches!(doc.details, Details::CaseStudy(_)).then(|| crate::link::routes::case_study_json(&doc.slug))
}

#[derive(Serialize)]
struct CaseStudyExport<'a> {
    format_version: u32,
    id: &'a str,
    title: &'a str,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    illustrative: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    country: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    country_code: Option<&'static str>,
    communities: Vec<Named<'a>>,
    approaches: Vec<&'a str>,
    sectors: Vec<&'a str>,
    dimensions: Vec<&'a str>,
    levels: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_url: Option<String>,
    tags: &'a [String],
    #[serde(skip_serializing_if = "is_empty")]
    fields: Ordered<Json>,
}

/// Case study `i` as a JSON object (compact), or `None` if it is not a case study.
pub fn case_study_json(env: &Env<'_>, i: usize) -> Option<String> {
    let site = env.site;
    let schema = env.schema;
    let doc = &site.docs[i];
    let Details::CaseStudy(c) = &doc.details else { return None };
    let export = CaseStudyExport {
        format_version: FORMAT_VERSION,
        id: &doc.slug,
        title: &doc.title,
        url: env.export_address(i),
        status: site.audience.shows_sensitive().then(|| doc.status.id()),
        illustrative: doc.illustrative,
        summary: doc.summary.as_deref(),
        country: c.country.as_deref(),
        country_code: c.country.as_deref().and_then(crate::country::code_of),
        communities: named_communities(env, i),
        approaches: c.approaches.iter().map(|&k| schema.approaches[k].term.id.as_str()).collect(),
        sectors: c.sectors.iter().map(|&k| schema.sectors[k].id.as_str()).collect(),
        dimensions: c.dimensions.iter().map(|&k| schema.dimensions[k].id.as_str()).collect(),
        levels: c.levels.iter().map(|&k| schema.levels[k].id.as_str()).collect(),
        date: c.date.map(|d| d.to_string()),
        source: c.source.as_deref(),
        source_url: c.source_url.as_ref().and_then(|link| env.export_link(i, link)),
        tags: &doc.tags,
        fields: fields_json(env, &table::CASE_STUDIES, doc),
    };
    serde_json::to_string(&export).ok()
}

/// `case_studies.json` of the site titled `site_title`, to be written with each object.
pub fn list(site_title: &str) -> super::JsonList {
    super::JsonList {
        content: ContentType::CaseStudy,
        path: PATH,
        head: super::list_head(site_title, "case_studies"),
        object: case_study_json,
        own_path: crate::link::routes::case_study_json,
    }
}

/// The JSON Schema of `case_studies.json`, with the ids of the schema in force (`schema`: a
/// public build's has lost its sensitive fields, which the JSON Schema then does not declare).
pub fn schema(schema: &Schema, title: &str, base_url: Option<&str>, wording: &JsonWording) -> String {
    let title = wording.case_studies_title.replace("{title}", title);
    super::package::list_schema(&title, "case_studies", case_study(schema, base_url, wording))
}

/// The JSON Schema of a case study's own file, as [`schema`] describes each of
/// `case_studies.json`'s.
pub fn case_study_schema(schema: &Schema, title: &str, base_url: Option<&str>, wording: &JsonWording) -> String {
    super::package::own_file_schema(
        &wording.case_study_title.replace("{title}", title),
        case_study(schema, base_url, wording),
    )
}

/// The JSON Schema of one case study object.
fn case_study(schema: &Schema, base_url: Option<&str>, wording: &JsonWording) -> Json {
    let ids = |ids: Vec<&str>| json!({ "type": "array", "items": { "enum": ids } });
    json!({
        "type": "object",
        "required": ["format_version", "id", "title", "url", "illustrative", "communities", "approaches", "sectors",
                     "dimensions", "levels", "tags"],
        "additionalProperties": false,
        "properties": {
            "format_version": { "const": FORMAT_VERSION },
            "id": text(),
            "title": text(),
            "url": address(&wording.case_study_url, base_url),
            "status": { "enum": ["draft", "published", "confidential"] },
            "illustrative": { "type": "boolean" },
            "summary": text(),
            "country": text(),
            "country_code": { "type": "string", "pattern": "^[A-Z]{3}$" },
            "communities": { "type": "array", "items": named_schema(base_url, wording) },
            "approaches": ids(schema.approaches.ids().collect()),
            "sectors": ids(schema.sectors.ids().collect()),
            "dimensions": ids(schema.dimensions.ids().collect()),
            "levels": ids(schema.levels.ids().collect()),
            "date": date(),
            "source": text(),
            "source_url": text(),
            "tags": texts(),
            "fields": site_fields_schema(schema, ContentType::CaseStudy)
        }
    })
}
