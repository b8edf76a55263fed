//! `data/projects.json`: every published project as JSON, beside `projects.csv`, each also in a
//! file of its own (`data/projects/<id>.json`, linked from its page), with their JSON Schemas
//! (`data/projects.schema.json`, `data/project.schema.json`). A project names the communities it serves, each with
//! its title and page, only those the build publishes; a public build's has no sensitive field.

use serde::Serialize;
use serde_json::{Value as Json, json};

use super::package::{address, date, site_fields_schema, text, texts};
use super::wording::JsonWording;
use super::{FORMAT_VERSION, Named, Ordered, fields_json, is_empty, named_communities, named_schema, table};
use crate::model::ContentType;
use crate::render::views::Env;
use crate::schema::Schema;

/// The path of the projects' JSON export.
pub const PATH: &str = "data/projects.json";
/// The path of its JSON Schema.
pub const SCHEMA_PATH: &str = "data/projects.schema.json";
/// The path of the JSON Schema of a project's own file (`data/projects/<id>.json`).
pub const PROJECT_SCHEMA_PATH: &str = "data/project.schema.json";

/// The path of project `i`'s own JSON export, if it is a project.
pub fn project_json_path(env: &Env<'_>, i: usize) -> Option<String> {
    let doc = &env.site.docs[i];
    doc.project().map(|_| crate::link::routes::project_json(&doc.slug))
}

#[derive(Serialize)]
struct ProjectExport<'a> {
    format_version: u32,
    id: &'a str,
    title: &'a str,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    illustrative: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    approach: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    stage: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<String>,
    communities: Vec<Named<'a>>,
    sectors: Vec<&'a str>,
    dimensions: Vec<&'a str>,
    levels: Vec<&'a str>,
    implementers: &'a [String],
    /// Each project criterion that applies, by id, with its note (null without one).
    screening: Ordered<Option<&'a str>>,
    tags: &'a [String],
    #[serde(skip_serializing_if = "is_empty")]
    fields: Ordered<Json>,
}

/// Project `i` as a JSON object (compact), or `None` if it is not a project.
pub fn project_json(env: &Env<'_>, i: usize) -> Option<String> {
    let site = env.site;
    let schema = env.schema;
    let doc = &site.docs[i];
    let p = doc.project()?;
    let export = ProjectExport {
        format_version: FORMAT_VERSION,
        id: &doc.slug,
        title: &doc.title,
        url: env.export_address(i),
        status: site.audience.shows_sensitive().then(|| doc.status.id()),
        illustrative: doc.illustrative,
        summary: doc.summary.as_deref(),
        approach: &schema.approaches[p.approach].term.id,
        stage: p.stage.map(|s| schema.project_stages[s].id.as_str()),
        start: p.start.map(|d| d.to_string()),
        end: p.end.map(|d| d.to_string()),
        communities: named_communities(env, i),
        sectors: p.sectors.iter().map(|&k| schema.sectors[k].id.as_str()).collect(),
        dimensions: p.dimensions.iter().map(|&k| schema.dimensions[k].id.as_str()).collect(),
        levels: p.levels.iter().map(|&k| schema.levels[k].id.as_str()).collect(),
        implementers: &p.implementers,
        screening: Ordered(
            p.screening
                .iter()
                .map(|e| (schema.project_criteria[e.criterion].term.id.clone(), e.note.as_deref()))
                .collect(),
        ),
        tags: &doc.tags,
        fields: fields_json(env, &table::PROJECTS, doc),
    };
    serde_json::to_string(&export).ok()
}

/// `projects.json` of the site titled `site_title`, to be written with each object.
pub fn list(site_title: &str) -> super::JsonList {
    super::JsonList {
        content: ContentType::Project,
        path: PATH,
        head: super::list_head(site_title, "projects"),
        object: project_json,
        own_path: crate::link::routes::project_json,
    }
}

/// The JSON Schema of `projects.json`, with the ids of the schema in force (`schema`: a public
/// build's has lost its sensitive fields, which the JSON Schema then does not declare).
pub fn schema(schema: &Schema, title: &str, base_url: Option<&str>, wording: &JsonWording) -> String {
    let title = wording.projects_title.replace("{title}", title);
    super::package::list_schema(&title, "projects", project(schema, base_url, wording))
}

/// The JSON Schema of a project's own file, as [`schema`] describes each of `projects.json`'s.
pub fn project_schema(schema: &Schema, title: &str, base_url: Option<&str>, wording: &JsonWording) -> String {
    super::package::own_file_schema(
        &wording.project_title.replace("{title}", title),
        project(schema, base_url, wording),
    )
}

/// The JSON Schema of one project object.
fn project(schema: &Schema, base_url: Option<&str>, wording: &JsonWording) -> Json {
    let ids = |ids: Vec<&str>| json!({ "enum": ids });
    json!({
        "type": "object",
        "required": ["format_version", "id", "title", "url", "illustrative", "approach", "communities", "sectors",
                     "dimensions", "levels", "implementers", "screening", "tags"],
        "additionalProperties": false,
        "properties": {
            "format_version": { "const": FORMAT_VERSION },
            "id": text(),
            "title": text(),
            "url": address(&wording.project_url, base_url),
            "status": { "enum": ["draft", "published", "confidential"] },
            "illustrative": { "type": "boolean" },
            "summary": text(),
            "approach": ids(schema.approaches.ids().collect()),
            "stage": ids(schema.project_stages.ids().collect()),
            "start": date(),
            "end": date(),
            "communities": { "type": "array", "items": named_schema(base_url, wording) },
            "sectors": { "type": "array", "items": ids(schema.sectors.ids().collect()) },
            "dimensions": { "type": "array", "items": ids(schema.dimensions.ids().collect()) },
            "levels": { "type": "array", "items": ids(schema.levels.ids().collect()) },
            "implementers": texts(),
            "screening": {
                "type": "object",
                "propertyNames": ids(schema.project_criteria.ids().collect()),
                "additionalProperties": { "type": ["string", "null"] }
            },
            "tags": texts(),
            "fields": site_fields_schema(schema, ContentType::Project)
        }
    })
}
