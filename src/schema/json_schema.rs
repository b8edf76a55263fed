//! JSON Schema for the frontmatter of each content type, generated from the schema in force, so
//! that editors validate and complete frontmatter while people type.
//!
//! The JSON Schema accepts what `fieldbook check` accepts, as an editor sees it after parsing
//! YAML 1.2: `yes` is text, dates are text, `14.2` is a number. It cannot say everything
//! `check` says (a distribution's parts summing to 100, a link to another page existing), so
//! `check` stays the judge; the JSON Schema catches typos and wrong shapes early.
//!
//! Its titles and descriptions, which editors show on hover, are in the site's language: the
//! schema's labels and descriptions as [`Schema::localized`] gives them (what each part is
//! called among them, as a part's title), and the sentences around them from `words.rs`. What an author types (ids, the labels of a scale's points)
//! stays as `check` reads it.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use self::words::{Words, words};
use super::{Field, FieldKind, Indicator, Schema, ValueKind};
use crate::model::{ContentType, Status};
use crate::text::fill;

mod words;

/// The JSON Schema dialect written: draft-07 is the one editors' YAML tools all understand.
pub const DIALECT: &str = "http://json-schema.org/draft-07/schema#";

/// The file name of a content type's JSON Schema: `community.schema.json`.
pub fn file_name(content_type: ContentType) -> String {
    format!("{}.schema.json", content_type.id())
}

/// The file name of the JSON Schema of a content type's translations into `language`:
/// `community.fr.schema.json`, for `content/communities/*.fr.md`.
pub fn translation_file_name(content_type: ContentType, language: &str) -> String {
    format!("{}.{language}.schema.json", content_type.id())
}

/// The JSON Schema of every content type in `language`, as written to its file (pretty JSON and
/// a final newline), in [`ContentType::ALL`]'s order; the schema is localized once for all of
/// them (`check` makes them all, to compare). With `translations`, the JSON Schemas of the
/// types' translations into `language`: nothing required, since a translation takes
/// everything but its title from its original (and `check` requires the title).
pub fn all_to_text(schema: &Schema, language: &str, translations: bool) -> Vec<(ContentType, String)> {
    let localized = schema.localized(language);
    let made = Made { schema: &localized, accepted: schema, words: words(language) };
    ContentType::ALL
        .into_iter()
        .map(|content_type| {
            let mut value = made.json_schema(content_type);
            if translations {
                for_translations(&mut value, made.words);
            }
            (content_type, pretty(&value))
        })
        .collect()
}

/// A type's JSON Schema made its translations': nothing required, and a sentence saying so.
/// An indicator entry requires nothing either: a translation's entry may give only its words
/// (`source`, `notes`), its figures being the original's.
fn for_translations(value: &mut Value, words: &Words) {
    if let Value::Object(root) = value {
        root.remove("required");
        root.remove("oneOf");
        if let Some(Value::String(description)) = root.get_mut("description") {
            description.push(' ');
            description.push_str(words.translation);
        }
        let indicators = root.get_mut("properties").and_then(|p| p.get_mut("indicators"));
        if let Some(Value::Object(indicators)) = indicators.and_then(|i| i.get_mut("properties")) {
            for property in indicators.values_mut() {
                let entries = match property.get_mut("anyOf") {
                    Some(Value::Array(forms)) => forms.iter_mut().collect(),
                    _ => vec![property],
                };
                for entry in entries {
                    // The table of evidence, not a value written directly.
                    let evidence = entry.pointer("/properties/source").is_some();
                    if let (true, Value::Object(entry)) = (evidence, entry) {
                        entry.remove("required");
                    }
                }
            }
        }
    }
}

fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// What the JSON Schema is made from: the schema in force, with its texts in the site's
/// language, and the sentences around them.
struct Made<'a> {
    /// The schema with its labels and descriptions in the language.
    schema: &'a Schema,
    /// The schema in force, whose scale labels are what `check` accepts.
    accepted: &'a Schema,
    words: &'static Words,
}

/// The JSON Schema of the frontmatter of `content_type`, its descriptions in `language`.
pub fn json_schema(schema: &Schema, content_type: ContentType, language: &str) -> Value {
    let localized = schema.localized(language);
    Made { schema: &localized, accepted: schema, words: words(language) }.json_schema(content_type)
}

impl Made<'_> {
    /// The JSON Schema of the frontmatter of `content_type`.
    fn json_schema(&self, content_type: ContentType) -> Value {
        let schema = self.schema;
        let mut properties = Map::new();
        let mut required = Vec::new();
        for (_, field) in schema.fields_of(content_type) {
            let mut property = field_schema(self, field);
            describe(&mut property, &field.term.label, &field.term.description);
            properties.insert(field.name.clone(), property);
            if field.required_for.contains(&content_type) {
                required.push(Value::from(field.name.clone()));
            }
        }
        let mut root = json!({
            "$schema": DIALECT,
            "title": fill(self.words.title, &[("type", content_type.id())]),
            "description": fill(self.words.about, &[("what", self.words.kind(content_type))]),
            "type": "object",
            "properties": properties,
            "additionalProperties": false,
        });
        if !required.is_empty() {
            root["required"] = Value::Array(required);
        }
        if content_type == ContentType::Guidance {
            // A guidance page has a sector or a topic, not both.
            root["oneOf"] = json!([
                { "required": ["sector"], "not": { "required": ["topic"] } },
                { "required": ["topic"], "not": { "required": ["sector"] } },
            ]);
        }
        root
    }
}

/// Adds a title and a description, keeping any description already there (it says more).
fn describe(property: &mut Value, label: &str, description: &str) {
    if let Value::Object(map) = property {
        map.insert("title".into(), label.into());
        let text = match map.get("description").and_then(Value::as_str) {
            Some(more) if !description.is_empty() => format!("{description} {more}"),
            Some(more) => more.to_string(),
            None => description.to_string(),
        };
        if !text.is_empty() {
            map.insert("description".into(), text.into());
        }
    }
}

fn field_schema(made: &Made<'_>, field: &Field) -> Value {
    let words = made.words;
    match field.kind {
        FieldKind::Text => text(),
        FieldKind::Date => date(words),
        // Fieldbook's own whole numbers are counts, as `check` reads them (a site's may be
        // negative, as a guidance page's `order`).
        FieldKind::Integer => match field.name.as_str() {
            _ if !field.builtin => json!({ "type": "integer" }),
            "population" => json!({ "type": "integer", "minimum": 0 }),
            "review_interval_months" => json!({ "type": "integer", "minimum": 1, "maximum": 120 }),
            _ => json!({ "type": "integer" }),
        },
        FieldKind::Number => json!({ "type": "number" }),
        FieldKind::YesNo => yes_no(),
        FieldKind::List => list(text()),
        FieldKind::Id => ids_of(made, field.of.as_deref()),
        FieldKind::Ids => list(ids_of(made, field.of.as_deref())),
        FieldKind::Ref => reference(words, field.of.as_deref()),
        FieldKind::Refs => list(reference(words, field.of.as_deref())),
        FieldKind::Url => json!({ "type": "string", "minLength": 1 }),
        FieldKind::Status => json!({ "enum": Status::IDS }),
        FieldKind::Indicators => indicators(made),
        FieldKind::Criteria => criteria(made),
        FieldKind::Research => research(made),
        FieldKind::Screening => screening(made),
        FieldKind::Location => json!({
            "type": "object",
            "properties": {
                "lat": { "type": "number", "minimum": -90, "maximum": 90, "description": words.latitude },
                "lon": { "type": "number", "minimum": -180, "maximum": 180, "description": words.longitude }
            },
            "required": ["lat", "lon"],
            "additionalProperties": false
        }),
    }
}

/// Text; a bare number or yes/no is kept as written, so those are text too. (An `anyOf`, not
/// a list of types, which ajv's strict mode logs a complaint about.)
fn text() -> Value {
    json!({ "anyOf": [{ "type": "string" }, { "type": "number" }, { "type": "boolean" }] })
}

fn date(words: &Words) -> Value {
    json!({
        "type": "string",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        "format": "date",
        "description": words.date,
    })
}

/// `yes`, `no`, `true` or `false`, in any case; YAML 1.1 tools turn some of them into booleans.
fn yes_no() -> Value {
    let mut words = Vec::new();
    for word in ["yes", "no", "true", "false"] {
        let mut capital = word.to_string();
        capital[..1].make_ascii_uppercase();
        words.extend([Value::from(word), Value::from(capital), Value::from(word.to_ascii_uppercase())]);
    }
    json!({ "anyOf": [{ "type": "boolean" }, { "enum": words }] })
}

/// One item, or a list of items: `check` reads a single value as a list of one.
fn list(item: Value) -> Value {
    json!({ "anyOf": [item.clone(), { "type": "array", "items": item }] })
}

/// One id from the schema list `of`; the description lists each id with its label, because
/// strict validators (ajv, used by remark-lint) refuse non-standard keywords such as VS Code's
/// `markdownEnumDescriptions`.
fn ids_of(made: &Made<'_>, of: Option<&str>) -> Value {
    let Some(terms) = of.and_then(|name| made.schema.list(name)) else {
        return json!({ "type": "string" });
    };
    enumeration(made.words, terms.iter().map(|t| (t.id.as_str(), t.label.as_str())))
}

/// An enum of ids, described as `id (label)` pairs.
fn enumeration<'a>(words: &Words, items: impl Iterator<Item = (&'a str, &'a str)>) -> Value {
    let (ids, described): (Vec<&str>, Vec<String>) = items
        .map(|(id, label)| {
            let text = if label.eq_ignore_ascii_case(id) { id.to_string() } else { format!("{id} ({label})") };
            (id, text)
        })
        .unzip();
    json!({ "enum": ids, "description": fill(words.one_of, &[("items", &described.join(", "))]) })
}

fn reference(words: &Words, of: Option<&str>) -> Value {
    let what = of.unwrap_or("content");
    json!({
        "type": "string",
        "minLength": 1,
        "description": fill(words.reference, &[("what", what)]),
    })
}

fn unknown() -> Value {
    json!({ "enum": ["unknown", "Unknown", "UNKNOWN"] })
}

/// The value of an indicator, written directly.
/// `indicator` is the schema in force's, whose scale labels `check` accepts; `part_label`
/// what its parts are called in the language.
fn indicator_value(indicator: &Indicator, part_label: &BTreeMap<String, String>) -> Value {
    let direct = match indicator.kind {
        ValueKind::Number => json!({ "type": "number" }),
        ValueKind::Percent => json!({ "type": "number", "minimum": 0, "maximum": 100 }),
        ValueKind::Count => json!({ "type": "integer", "minimum": 0 }),
        ValueKind::Rating => rating(indicator),
        ValueKind::Distribution => {
            parts(&indicator.parts, part_label, json!({ "type": "number", "minimum": 0, "maximum": 100 }))
        }
        ValueKind::List => list(text()),
        ValueKind::Text => text(),
        ValueKind::YesNo => yes_no(),
    };
    json!({ "anyOf": [direct, unknown()] })
}

fn rating(indicator: &Indicator) -> Value {
    let Some(scale) = &indicator.scale else {
        return json!({ "type": "integer" });
    };
    let number = json!({ "type": "integer", "minimum": scale.min, "maximum": scale.max });
    if scale.labels.is_empty() {
        return number;
    }
    // A point may also be written as its label, in any case and in any of Fieldbook's
    // languages, as `check` reads it.
    let labels: Vec<Value> = super::translate::rating_labels(indicator)
        .into_iter()
        .flatten()
        .flat_map(|l| {
            let mut forms = vec![l.to_string(), l.to_lowercase()];
            forms.dedup();
            forms
        })
        .map(Value::from)
        .collect();
    json!({ "anyOf": [number, { "enum": labels }] })
}

/// A value for each part: only the `allowed` parts when there are some, each titled with what
/// it is called in the language (`label`) when that is not its name.
fn parts(allowed: &[String], label: &BTreeMap<String, String>, value: Value) -> Value {
    if allowed.is_empty() {
        return json!({ "type": "object", "additionalProperties": value, "minProperties": 1 });
    }
    let titled = |part: &String| {
        let mut value = value.clone();
        if let (Some(title), Value::Object(map)) = (label.get(part).filter(|l| *l != part), &mut value) {
            map.insert("title".into(), title.as_str().into());
        }
        value
    };
    let properties: Map<String, Value> = allowed.iter().map(|p| (p.clone(), titled(p))).collect();
    json!({ "type": "object", "properties": properties, "additionalProperties": false, "minProperties": 1 })
}

/// The value of one part of a disaggregation.
fn part_value(indicator: &Indicator) -> Value {
    match indicator.kind {
        ValueKind::Percent => json!({ "type": "number", "minimum": 0, "maximum": 100 }),
        ValueKind::Count => json!({ "type": "integer", "minimum": 0 }),
        ValueKind::Rating => match &indicator.scale {
            Some(scale) => json!({ "type": "integer", "minimum": scale.min, "maximum": scale.max }),
            None => json!({ "type": "integer" }),
        },
        _ => json!({ "type": "number" }),
    }
}

/// The entry of indicator `i`: its values as the schema in force accepts them, its texts in
/// the language.
fn indicator_schema(made: &Made<'_>, i: usize) -> Value {
    let (schema, words) = (made.schema, made.words);
    let indicator = &schema.indicators[i];
    let accepted = made.accepted.indicators.by_id(&indicator.term.id).unwrap_or(indicator);
    let value = indicator_value(accepted, &indicator.part_label);
    let mut disaggregation = Map::new();
    for &d in &indicator.disaggregation {
        let dimension = &schema.disaggregations[d];
        let mut by = parts(&dimension.parts, &dimension.part_label, part_value(indicator));
        describe(&mut by, &dimension.term.label, &dimension.term.description);
        disaggregation.insert(dimension.term.id.clone(), by);
    }
    let mut entry = json!({
        "type": "object",
        "properties": {
            "value": value.clone(),
            "unit": { "type": "string", "description": words.unit },
            "source": text(),
            "method": ids_of(made, Some("methods")),
            "date": date(words),
            "n": { "type": "integer", "minimum": 0, "description": words.respondents },
            "confidence": { "enum": ["high", "medium", "low"] },
            "confidence_reason": text(),
            "notes": text(),
            "disaggregation": {
                "type": "object",
                "properties": disaggregation,
                "additionalProperties": false,
            },
        },
        "required": ["value"],
        "additionalProperties": false,
    });
    let mut description = indicator.term.description.clone();
    match (indicator.kind, &indicator.unit) {
        (ValueKind::Number, Some(unit)) => description.push_str(&fill(words.number_in, &[("unit", unit)])),
        (ValueKind::Number, None) => {
            // Without a unit in the schema, the value needs one beside it.
            entry["required"] = json!(["value", "unit"]);
            description.push_str(words.number_no_unit);
        }
        (kind, _) => {
            let mut what = words.kind_of_value(kind).to_string();
            // The points' labels as `check` accepts them, since they may be written instead.
            if let (ValueKind::Rating, Some(scale)) = (kind, &accepted.scale) {
                what = fill(words.rating, &[("min", &scale.min.to_string()), ("max", &scale.max.to_string())]);
                if !scale.labels.is_empty() {
                    what.push_str(&format!(" ({})", scale.labels.join(", ")));
                }
            }
            description.push_str(&fill(words.value, &[("what", &what)]));
        }
    }
    description.push_str(words.write_directly);
    let mut property = if indicator.kind == ValueKind::Number && indicator.unit.is_none() {
        entry
    } else {
        json!({ "anyOf": [value, entry] })
    };
    describe(&mut property, &indicator.term.label, &description);
    property
}

fn indicators(made: &Made<'_>) -> Value {
    let properties: Map<String, Value> = (made.schema.indicators.iter().enumerate())
        .map(|(i, indicator)| (indicator.term.id.clone(), indicator_schema(made, i)))
        .collect();
    json!({ "type": "object", "properties": properties, "additionalProperties": false })
}

fn criteria(made: &Made<'_>) -> Value {
    let schema = made.schema;
    let status = enumeration(made.words, schema.criterion_statuses.iter().map(|t| (t.id.as_str(), t.label.as_str())));
    let entry = json!({
        "type": "object",
        "properties": {
            "status": status.clone(),
            "evidence": text(),
        },
        "required": ["status"],
        "additionalProperties": false,
    });
    let properties: Map<String, Value> = schema
        .criteria
        .iter()
        .map(|c| {
            let mut property = json!({ "anyOf": [status.clone(), entry.clone()] });
            describe(&mut property, &c.label, &c.description);
            (c.id.clone(), property)
        })
        .collect();
    json!({ "type": "object", "properties": properties, "additionalProperties": false })
}

fn research(made: &Made<'_>) -> Value {
    let schema = made.schema;
    let methods = list(ids_of(made, Some("methods")));
    let properties: Map<String, Value> = schema
        .research_questions
        .iter()
        .map(|q| {
            let mut property = methods.clone();
            let area = &schema.research_areas[q.area].term.label;
            describe(&mut property, &q.term.label, &fill(made.words.answered_by, &[("area", area)]));
            (q.term.id.clone(), property)
        })
        .collect();
    json!({ "type": "object", "properties": properties, "additionalProperties": false })
}

fn screening(made: &Made<'_>) -> Value {
    let properties: Map<String, Value> = made
        .schema
        .project_criteria
        .iter()
        .map(|c| {
            let mut property = json!({ "anyOf": [yes_no(), text(), { "type": "null" }] });
            describe(&mut property, &c.term.label, &fill(made.words.applies, &[("description", &c.term.description)]));
            (c.term.id.clone(), property)
        })
        .collect();
    json!({ "type": "object", "properties": properties, "additionalProperties": false })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_translation_s_json_schema_requires_nothing_and_speaks_its_language() {
        let schema = Schema::builtin();
        for (content_type, text) in all_to_text(&schema, "fr", true) {
            let js: Value = serde_json::from_str(&text).unwrap();
            assert!(js.get("required").is_none() && js.get("oneOf").is_none(), "{content_type:?}");
            assert!(js["description"].as_str().unwrap().ends_with("prennent le reste à leur original."));
            let original = json_schema(&schema, content_type, "fr");
            let fields = |js: &Value| js["properties"].as_object().unwrap().keys().cloned().collect::<Vec<_>>();
            assert_eq!(fields(&js), fields(&original));
            for (field, property) in js["properties"].as_object().unwrap() {
                if field != "indicators" {
                    assert_eq!(property, &original["properties"][field], "{field}");
                }
            }
        }
        // An indicator entry may give only its words: `value` (and a number's `unit`) is
        // required of an original's entry, not of a translation's.
        let entry_of = |js: &Value, id: &str| {
            let property = js["properties"]["indicators"]["properties"][id].clone();
            property.get("anyOf").map_or(property.clone(), |forms| forms[1].clone())
        };
        let translation = &all_to_text(&schema, "fr", true)[0].1;
        let translation: Value = serde_json::from_str(translation).unwrap();
        let original = json_schema(&schema, ContentType::Community, "fr");
        for id in ["access-to-services", "languages-spoken", "ethnic-distribution"] {
            assert_eq!(entry_of(&original, id)["required"], json!(["value"]), "{id}");
            assert!(entry_of(&translation, id).get("required").is_none(), "{id}");
            assert_eq!(entry_of(&translation, id)["properties"], entry_of(&original, id)["properties"], "{id}");
        }
        assert_eq!(translation_file_name(ContentType::CaseStudy, "ar"), "case-study.ar.schema.json");
    }

    #[test]
    fn every_type_lists_its_fields_and_forbids_others() {
        let schema = Schema::builtin();
        for content_type in ContentType::ALL {
            let js = json_schema(&schema, content_type, "en");
            assert_eq!(js["additionalProperties"], false);
            let properties = js["properties"].as_object().unwrap();
            assert_eq!(properties.len(), schema.fields_of(content_type).count(), "{content_type:?}");
            assert!(properties.contains_key("title"));
        }
    }

    #[test]
    fn indicators_carry_labels_and_kinds() {
        let schema = Schema::builtin();
        let js = json_schema(&schema, ContentType::Community, "en");
        let indicators = &js["properties"]["indicators"]["properties"];
        assert_eq!(indicators.as_object().unwrap().len(), 20);
        let safety = &indicators["safety-levels"];
        assert_eq!(safety["title"], schema.indicators.by_id("safety-levels").unwrap().term.label.as_str());
        assert!(safety["description"].as_str().unwrap().contains("a rating from 1 to 5"), "{safety}");
        let required = js["required"].as_array().unwrap();
        assert!(required.contains(&Value::from("assessed")));
    }

    /// Every keyword is standard draft-07, so strict validators (ajv in strict mode, as used
    /// by remark-lint-frontmatter-schema) compile the schemas instead of refusing them.
    fn assert_standard(value: &Value, at: &str) {
        const KEYWORDS: [&str; 26] = [
            "$schema",
            "title",
            "description",
            "type",
            "properties",
            "additionalProperties",
            "required",
            "enum",
            "anyOf",
            "oneOf",
            "not",
            "items",
            "minimum",
            "maximum",
            "minLength",
            "pattern",
            "minProperties",
            "const",
            "allOf",
            "maxLength",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "format",
            "uniqueItems",
            "minItems",
            "examples",
        ];
        let Value::Object(map) = value else {
            assert!(value.is_boolean(), "{at} is not a schema");
            return;
        };
        for (key, inner) in map {
            assert!(KEYWORDS.contains(&key.as_str()), "{at}: `{key}` is not a draft-07 keyword");
            match key.as_str() {
                "properties" => {
                    for (name, sub) in inner.as_object().unwrap() {
                        assert_standard(sub, &format!("{at}/properties/{name}"));
                    }
                }
                "anyOf" | "oneOf" | "allOf" => {
                    for (i, sub) in inner.as_array().unwrap().iter().enumerate() {
                        assert_standard(sub, &format!("{at}/{key}/{i}"));
                    }
                }
                "items" | "additionalProperties" | "not" => assert_standard(inner, &format!("{at}/{key}")),
                // ajv's strict mode logs every union type (`["string", "number"]`).
                "type" => assert!(inner.is_string(), "{at}: a union type"),
                _ => {}
            }
        }
    }

    #[test]
    fn only_standard_keywords_are_used() {
        let schema = Schema::builtin();
        for content_type in ContentType::ALL {
            assert_standard(&json_schema(&schema, content_type, "en"), content_type.id());
        }
    }

    #[test]
    fn yes_no_accepts_every_spelling_check_accepts() {
        let words = yes_no()["anyOf"][1]["enum"].clone();
        for word in ["yes", "Yes", "YES", "no", "No", "true", "False"] {
            assert!(words.as_array().unwrap().contains(&Value::from(word)), "{word}");
        }
    }
}
