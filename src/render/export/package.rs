//! What describes the exports for data tools: `data/datapackage.json`, a Frictionless data
//! package (Data Package v2, <https://datapackage.org>) listing every CSV file as a table
//! with its columns' types and the HXL row as a comment row, and the JSON Schemas of
//! `communities.json` (`communities.schema.json`) and of each profile's own file
//! (`community.schema.json`), published beside them.
//!
//! The package is v2 throughout: it names the v2 profile as its `$schema` and marks each
//! resource `type: "table"` (v1's `profile: "tabular-data-package"` and
//! `"tabular-data-resource"` are gone from v2), and its dialects use v2's Table Dialect
//! (`headerRows`, `commentRows`), which v1's CSV Dialect does not have.

use serde_json::{Value as Json, json};

use super::FORMAT_VERSION;
use super::table::{Kind, TABLES};
use super::wording::{Descriptions, JsonWording};
use crate::config::{Config, License};
use crate::model::ContentType;
use crate::schema::{FieldKind, Schema};

/// The path of the data package.
pub const DATAPACKAGE: &str = "data/datapackage.json";
/// The path of the JSON Schema of `communities.json`.
pub const COMMUNITIES_SCHEMA: &str = "data/communities.schema.json";
/// The path of the JSON Schema of a profile's own JSON file.
pub const COMMUNITY_SCHEMA: &str = "data/community.schema.json";
/// The profile of Data Package v2, which the package names as its `$schema` (v1 packages had
/// `profile` instead; a reader takes a package without `$schema` for v1).
pub const DATA_PACKAGE_PROFILE: &str = "https://datapackage.org/profiles/2.0/datapackage.json";

/// The data package of the site's CSV files, pretty-printed, its descriptions in the site's
/// language (`descriptions`, made for the same base URL).
pub fn datapackage(config: &Config, descriptions: &Descriptions) -> String {
    let base_url = config.base_url.as_deref();
    let resources: Vec<Json> = TABLES
        .iter()
        .enumerate()
        .map(|(t, table)| {
            let fields: Vec<Json> = descriptions
                .columns(t)
                .iter()
                .enumerate()
                .map(|(k, c)| {
                    let mut field = json!({
                        "name": c.name,
                        "type": c.kind.frictionless(),
                        "description": descriptions.column(t, k),
                        "hxl": c.hxl,
                    });
                    // Full addresses are URIs, which `frictionless validate` then checks;
                    // relative ones are not, and stay plain strings.
                    if c.kind == Kind::Address && base_url.is_some() {
                        field["format"] = json!("uri");
                    }
                    field
                })
                .collect();
            json!({
                "name": table.name,
                "type": "table",
                "path": format!("{}.csv", table.name),
                "format": "csv",
                "mediatype": "text/csv",
                // The IANA name the standard asks for: R, JavaScript and iconv know no
                // `utf-8-sig`. The files start with a byte order mark (for Excel), which
                // readers of UTF-8 skip.
                "encoding": "utf-8",
                "description": descriptions.table(t),
                // The first row names the columns; the second holds their HXL hashtags, which
                // are no data: a comment row, skipped by readers (a second header row would be
                // joined to the names, `community_id #loc+id`).
                "dialect": { "headerRows": [1], "commentRows": [2] },
                "schema": { "fields": fields },
            })
        })
        .collect();
    let mut package = json!({
        "$schema": DATA_PACKAGE_PROFILE,
        "name": package_name(&config.title),
        "title": config.title,
    });
    if let Some(description) = &config.description {
        package["description"] = json!(description);
    }
    if let Some(base) = base_url {
        package["homepage"] = json!(base);
    }
    if let Some(license) = config.license().and_then(license_entry) {
        package["licenses"] = json!([license]);
    }
    let mut source = json!({ "title": config.title });
    if let Some(base) = &config.base_url {
        source["path"] = json!(base);
    }
    package["sources"] = json!([source]);
    package["resources"] = json!(resources);
    let mut text = serde_json::to_string_pretty(&package).unwrap_or_default();
    text.push('\n');
    text
}

/// A licence as the data package lists it: an id (`CC-BY-4.0`) as `name`, the address of its
/// text as `path`; other wording cannot be listed (a licence needs one of the two, and a
/// package with a licence of neither does not validate), and `check` warns of it.
fn license_entry(license: License<'_>) -> Option<Json> {
    match license {
        License::Id(id) => Some(json!({ "name": id })),
        License::Address(address) => Some(json!({ "path": address })),
        License::Wording(_) => None,
    }
}

/// A data package name: lower case letters, digits and `-`, from the site's title.
/// The package's `name`: the title's slug in the letters Data Package asks for (lowercase
/// ASCII letters and digits, `.`, `-`, `_`, which catalogues such as CKAN and HDX need), the
/// words of other scripts left out (an Arabic title's slug keeps its Arabic letters); when
/// nothing is left, `fieldbook-site`.
fn package_name(title: &str) -> String {
    let slug = crate::text::slugify(title);
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_');
    let name = slug.split(|c: char| !allowed(c)).filter(|word| !word.is_empty()).collect::<Vec<_>>().join("-");
    if name.is_empty() { "fieldbook-site".to_string() } else { name }
}

pub(super) fn text() -> Json {
    json!({ "type": "string" })
}

pub(super) fn texts() -> Json {
    json!({ "type": "array", "items": { "type": "string" } })
}

pub(super) fn date() -> Json {
    json!({ "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" })
}

/// A page's address in a site published at `base_url` (if any): a full URI under it, or a
/// reference relative to the site's folder without one, as the exports write it, described by
/// `description` (made for the same base URL).
pub(super) fn address(description: &str, base_url: Option<&str>) -> Json {
    let format = if base_url.is_some() { "uri" } else { "uri-reference" };
    json!({ "type": "string", "format": format, "description": description })
}

/// The properties of a profile's JSON that are fields of the schema: a public build's schema
/// has lost its sensitive fields, and the JSON Schema it publishes does not declare them.
const FIELD_PROPERTIES: &[&str] = &[
    "status",
    "summary",
    "country",
    "country_code",
    "admin_areas",
    "place_code",
    "location",
    "population",
    "assessed",
    "reviewed",
    "assessed_by",
    "methods",
    "tags",
    "contacts",
    "internal_notes",
];

/// The JSON Schema of one profile object, as in `communities.json` and a profile's own file,
/// with the indicator, criterion and research question ids of the schema in force.
fn community(schema: &Schema, base_url: Option<&str>, wording: &JsonWording) -> Json {
    let mut json = community_with_every_field(schema, base_url, wording);
    let absent =
        |name: &&&str| !schema.fields.iter().any(|f| f.name == **name && f.types.contains(&ContentType::Community));
    for name in FIELD_PROPERTIES.iter().filter(absent) {
        if let Some(properties) = json["properties"].as_object_mut() {
            properties.remove(*name);
        }
        if let Some(required) = json["required"].as_array_mut() {
            required.retain(|r| r != name);
        }
    }
    json
}

fn community_with_every_field(schema: &Schema, base_url: Option<&str>, wording: &JsonWording) -> Json {
    let ids = |ids: Vec<&str>| json!({ "enum": ids });
    let indicator = json!({
        "type": "object",
        "required": ["value"],
        "additionalProperties": false,
        "properties": {
            "value": {
                "description": wording.value,
                "type": ["number", "string", "boolean", "array", "object"]
            },
            "unit": text(),
            "source": text(),
            "method": text(),
            "date": date(),
            "n": { "type": "integer", "minimum": 0 },
            "confidence": { "enum": ["high", "medium", "low"] },
            "confidence_reason": text(),
            "notes": text(),
            "disaggregation": {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "additionalProperties": { "type": ["number", "string"] }
                }
            }
        }
    });
    json!({
        "type": "object",
        "required": ["format_version", "id", "title", "url", "illustrative", "country", "admin_areas", "assessed",
                     "review", "assessed_by", "methods", "tags", "indicators", "criteria", "research", "references"],
        "additionalProperties": false,
        "properties": {
            "format_version": { "const": FORMAT_VERSION },
            "id": text(),
            "title": text(),
            "url": address(&wording.profile_url, base_url),
            "status": { "enum": ["draft", "published", "confidential"] },
            "illustrative": { "type": "boolean" },
            "summary": text(),
            "country": text(),
            "country_code": { "type": "string", "pattern": "^[A-Z]{3}$" },
            "admin_areas": texts(),
            "place_code": text(),
            "location": {
                "type": "object",
                "required": ["lat", "lon"],
                "additionalProperties": false,
                "properties": {
                    "lat": { "type": "number", "minimum": -90, "maximum": 90 },
                    "lon": { "type": "number", "minimum": -180, "maximum": 180 }
                }
            },
            "population": { "type": "integer", "minimum": 0 },
            "assessed": date(),
            "reviewed": date(),
            "review": {
                "type": "object",
                "required": ["state", "due"],
                "additionalProperties": false,
                "properties": { "state": { "enum": ["current", "due", "overdue"] }, "due": date() }
            },
            "assessed_by": texts(),
            "methods": texts(),
            "tags": texts(),
            "indicators": {
                "type": "object",
                "propertyNames": ids(schema.indicators.ids().collect()),
                "additionalProperties": indicator
            },
            "criteria": {
                "type": "object",
                "propertyNames": ids(schema.criteria.ids().collect()),
                "additionalProperties": {
                    "type": "object",
                    "required": ["status"],
                    "additionalProperties": false,
                    "properties": {
                        "status": { "enum": ["met", "partial", "not-met", "unknown"] },
                        "evidence": text()
                    }
                }
            },
            "research": {
                "type": "object",
                "propertyNames": ids(schema.research_questions.ids().collect()),
                "additionalProperties": texts()
            },
            "references": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["kind", "id", "title", "url"],
                    "additionalProperties": false,
                    "properties": {
                        "kind": text(),
                        "id": text(),
                        "title": text(),
                        "url": address(&wording.reference_url, base_url)
                    }
                }
            },
            "fields": site_fields_schema(schema, ContentType::Community),
            "contacts": texts(),
            "internal_notes": text()
        }
    })
}

/// The JSON Schema of `fields` in the export of a page of `content_type`: the site's own fields
/// of that type, each of its kind.
pub(super) fn site_fields_schema(schema: &Schema, content_type: ContentType) -> Json {
    let properties: serde_json::Map<String, Json> = schema
        .fields_of(content_type)
        .filter(|(_, field)| !field.builtin)
        .map(|(_, field)| {
            let mut property = match field.kind {
                FieldKind::Number => json!({ "type": "number" }),
                FieldKind::Integer => json!({ "type": "integer" }),
                FieldKind::YesNo => json!({ "type": "boolean" }),
                FieldKind::Date => json!({ "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }),
                FieldKind::List => json!({ "type": "array", "items": { "type": "string" } }),
                _ => json!({ "type": "string" }),
            };
            property["title"] = Json::from(field.term.label.as_str());
            if !field.term.description.is_empty() {
                property["description"] = Json::from(field.term.description.as_str());
            }
            (field.name.clone(), property)
        })
        .collect();
    json!({ "type": "object", "additionalProperties": false, "properties": properties })
}

pub(super) fn pretty(value: &Json) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// The JSON Schema of a profile's own file, `data/communities/<id>.json`, in a site published
/// at `base_url` (if any), described in the site's language (`wording`, made for the same
/// base URL).
pub fn community_schema(schema: &Schema, title: &str, base_url: Option<&str>, wording: &JsonWording) -> String {
    own_file_schema(&wording.community_title.replace("{title}", title), community(schema, base_url, wording))
}

/// The JSON Schema of `data/communities.json`, in a site published at `base_url` (if any),
/// described in the site's language (`wording`, made for the same base URL).
pub fn communities_schema(schema: &Schema, title: &str, base_url: Option<&str>, wording: &JsonWording) -> String {
    let title = wording.communities_title.replace("{title}", title);
    list_schema(&title, "communities", community(schema, base_url, wording))
}

/// The JSON Schema, titled `title`, of one document's own JSON file (`data/projects/<id>.json`),
/// whose object is described by `item`, as each of its list's.
pub(super) fn own_file_schema(title: &str, mut item: Json) -> String {
    item["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
    item["title"] = json!(title);
    pretty(&item)
}

/// The JSON Schema, titled `title`, of a JSON export of a list, `list`, of `items`.
pub(super) fn list_schema(title: &str, list: &str, items: Json) -> String {
    pretty(&json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        "type": "object",
        "required": ["format_version", "site", "schema", list],
        "additionalProperties": false,
        "properties": {
            "format_version": { "const": FORMAT_VERSION },
            "site": text(),
            "schema": text(),
            list: { "type": "array", "items": items }
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licences_are_named_by_id_or_address_and_nothing_else() {
        let entry = |text: &str| license_entry(License::of(text));
        assert_eq!(entry("CC-BY-4.0"), Some(json!({ "name": "CC-BY-4.0" })));
        assert_eq!(entry("https://example.org/licence"), Some(json!({ "path": "https://example.org/licence" })));
        assert_eq!(entry("Open Government Licence"), None);
    }

    #[test]
    fn package_names_are_slugs() {
        assert_eq!(package_name("Communities of return: an example"), "communities-of-return-an-example");
        assert_eq!(package_name("!!!"), "fieldbook-site");
        assert_eq!(package_name("Rapatriés : Études 2026 — Côte d'Ivoire"), "rapatries-etudes-2026-cote-d-ivoire");
        assert_eq!(package_name("مجتمعات العودة"), "fieldbook-site");
        assert_eq!(package_name("Retours 2026 مجتمعات العودة"), "retours-2026");
    }
}
