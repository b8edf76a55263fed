//! The text of a new file: its frontmatter scaffolded from the schema (each field with a
//! hint in the site's language, a profile's indicators and criteria commented out by group),
//! then the narrative headings, and how a value is written as a YAML scalar.

use std::fmt::Write as _;
use std::path::Path;

use super::{NewRequest, Prompts, Words, default_value, given_values, words};
use crate::diagnostic::did_you_mean;
use crate::error::{Error, Result};
use crate::model::ContentType;
use crate::schema::{Field, FieldKind, Indicator, Polarity, Schema, ValueKind};

/// The text of the new file: frontmatter scaffolded from the schema, then the narrative headings.
pub fn new_file_text(root: &Path, schema: &Schema, request: &NewRequest) -> Result<String> {
    request.check_one_line()?;
    let content_type = request.content_type;
    let refuse = request.refuse();
    let mut values = request.values.clone();
    // A guidance topic given as a sector is a topic.
    if content_type == ContentType::Guidance {
        for (name, value) in &mut values {
            if name == "sector" && schema.sectors.get(value).is_none() && schema.guidance_topics.get(value).is_some() {
                *name = "topic".into();
            }
        }
    }
    for (name, _) in &values {
        if schema.field(content_type, name).is_none() {
            let names: Vec<&str> = schema.fields_of(content_type).map(|(_, f)| f.name.as_str()).collect();
            let kind = capitalized(content_type.description());
            let kinds = words(&request.language).kind_plural(content_type);
            let mut values = vec![("kind", kind.as_str()), ("kinds", kinds), ("name", name.as_str())];
            let fields = names.join(", ");
            let template = match did_you_mean(name, names.iter().copied()) {
                Some(near) => {
                    values.push(("near", near));
                    refuse.no_field_near
                }
                None => {
                    values.push(("fields", &fields));
                    refuse.no_field
                }
            };
            return Err(Error::Other(Prompts::fill(template, &values)));
        }
    }

    // The comments and headings speak the site's language: the schema's labels in it (ids and
    // structure are the schema's own), and Fieldbook's words around them.
    let words = words(&request.language);
    let localized = schema.localized(&request.language);
    let labels = &localized;
    let mut out = String::from("---\n");
    let _ = writeln!(out, "# {}{}", words.new_kind(content_type), words.header);
    for (_, field) in schema.fields_of(content_type) {
        let given: Vec<&str> = values.iter().filter(|(n, _)| *n == field.name).map(|(_, v)| v.as_str()).collect();
        let mut given = given_values(root, schema, field, &given, refuse)?;
        if field.name == "title" {
            given = vec![request.title.trim().to_string()];
        }
        if given.is_empty()
            && let Some(default) = default_value(content_type, field, request.today)
        {
            given.push(default);
        }
        match field.kind {
            FieldKind::Indicators => indicators_block(&mut out, labels, words),
            FieldKind::Criteria => criteria_block(&mut out, labels, words),
            FieldKind::Research => research_block(&mut out, labels, words),
            FieldKind::Screening => screening_block(&mut out, labels, words),
            _ if !given.is_empty() => {
                let value = match field.kind {
                    FieldKind::List | FieldKind::Ids | FieldKind::Refs => {
                        format!("[{}]", given.iter().map(|v| yaml_scalar(v, true)).collect::<Vec<_>>().join(", "))
                    }
                    // Dates, numbers and points were checked above, and stay bare so they keep their type.
                    FieldKind::Date | FieldKind::Integer | FieldKind::Number | FieldKind::Location => given[0].clone(),
                    _ => yaml_scalar(&given[0], false),
                };
                let _ = writeln!(out, "{}: {value}", field.name);
            }
            _ => {
                let label = labels.field(content_type, &field.name).unwrap_or(field);
                let _ = writeln!(out, "# {}: {}", field.name, hint(labels, label, words));
            }
        }
    }
    out.push_str("---\n");
    let sections: Vec<_> = labels.sections_of(content_type).collect();
    if sections.is_empty() {
        let _ = writeln!(out, "\n<!-- {} -->", words.write_here);
    }
    for section in sections {
        let _ = write!(out, "\n## {}\n\n<!-- {} -->\n", section.term.label, comment_text(&section.term.description));
    }
    Ok(out)
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Text safe inside an HTML comment.
fn comment_text(text: &str) -> String {
    text.replace("--", "–")
}

/// What to write for a field left commented out, in `words` (with `schema`'s labels).
fn hint(schema: &Schema, field: &Field, words: &Words) -> String {
    let what = match field.kind {
        FieldKind::Text => words.text.to_string(),
        FieldKind::Date => words.date.to_string(),
        FieldKind::Integer => words.whole_number.to_string(),
        FieldKind::Number => words.number.to_string(),
        FieldKind::YesNo => words.yes_no.to_string(),
        FieldKind::List => words.list.to_string(),
        FieldKind::Url => words.url.to_string(),
        FieldKind::Location => words.location.to_string(),
        FieldKind::Id | FieldKind::Ids => {
            let ids: Vec<&str> = field
                .of
                .as_deref()
                .and_then(|of| schema.list(of))
                .unwrap_or_default()
                .iter()
                .map(|t| t.id.as_str())
                .collect();
            if field.kind == FieldKind::Id { ids.join(" | ") } else { format!("[{}]", ids.join(", ")) }
        }
        FieldKind::Ref => words.page_id.to_string(),
        FieldKind::Refs => {
            let of = field.of.as_deref().unwrap_or("other");
            let kind = ContentType::from_id(of).map_or(of, |t| words.kind_plural(t));
            crate::text::fill(words.page_ids, &[("of", kind)])
        }
        _ => String::new(),
    };
    let mut text = format!("{what}  ({})", field.term.label);
    if field.sensitive {
        text.push_str(words.never_published);
    }
    text
}

/// What a value of `indicator` looks like, for its comment line.
fn indicator_hint(schema: &Schema, indicator: &Indicator, words: &Words) -> String {
    let fill = crate::text::fill;
    let mut text = match indicator.kind {
        ValueKind::Number => match indicator.unit.as_deref() {
            Some(unit) => fill(words.number_in, &[("unit", unit)]),
            None => words.number_no_unit.to_string(),
        },
        ValueKind::Percent => words.percentage.into(),
        ValueKind::Count => words.whole_number.into(),
        ValueKind::Rating => match &indicator.scale {
            Some(scale) if !scale.labels.is_empty() => fill(
                words.rating_labelled,
                &[
                    ("min", &scale.min.to_string()),
                    ("low", scale.labels.first().map(String::as_str).unwrap_or("")),
                    ("max", &scale.max.to_string()),
                    ("high", scale.labels.last().map(String::as_str).unwrap_or("")),
                ],
            ),
            Some(scale) => {
                fill(words.rating_range, &[("min", &scale.min.to_string()), ("max", &scale.max.to_string())])
            }
            None => words.rating.into(),
        },
        ValueKind::Distribution if !indicator.parts.is_empty() => {
            fill(words.shares_of, &[("parts", &indicator.parts.join(", "))])
        }
        ValueKind::Distribution => words.shares.into(),
        ValueKind::List => words.list_such_as.into(),
        ValueKind::Text => words.text.into(),
        ValueKind::YesNo => words.yes_no.into(),
    };
    if !indicator.disaggregation.is_empty() {
        let by: Vec<&str> =
            indicator.disaggregation.iter().map(|&d| schema.disaggregations[d].term.id.as_str()).collect();
        text.push_str(&fill(words.by, &[("dimensions", &by.join(", "))]));
    }
    if indicator.sensitive {
        text.push_str(words.sensitive);
    }
    text
}

fn indicators_block(out: &mut String, schema: &Schema, words: &Words) {
    out.push_str("indicators:\n");
    out.push_str(words.indicators_intro);
    for (g, group) in schema.indicator_groups.iter().enumerate() {
        let _ = writeln!(out, "  #\n  # {}", group.label.to_uppercase());
        for (_, indicator) in schema.indicators_in_group(g) {
            let hint = indicator_hint(schema, indicator, words);
            let _ = writeln!(out, "  #\n  # {}{}{hint}", indicator.term.label, words.colon);
            let _ = writeln!(out, "  # {}:", indicator.term.id);
        }
    }
}

fn criteria_block(out: &mut String, schema: &Schema, words: &Words) {
    let statuses: Vec<&str> = schema.criterion_statuses.ids().collect();
    out.push_str("criteria:\n");
    let _ = writeln!(out, "{}", crate::text::fill(words.criteria_intro, &[("statuses", &statuses.join(", "))]));
    for criterion in schema.criteria.iter() {
        let _ = writeln!(out, "  # {}{}{}", criterion.label, words.colon, criterion.description);
        let _ = writeln!(out, "  {}:\n    status: unknown\n    evidence:", criterion.id);
    }
}

fn research_block(out: &mut String, schema: &Schema, words: &Words) {
    out.push_str("# research:\n");
    let _ = writeln!(out, "{}", words.research_intro);
    for area in schema.research_areas.iter() {
        let methods: Vec<&str> = area.methods.iter().map(|&m| schema.methods[m].id.as_str()).collect();
        let suggested = crate::text::fill(words.suggested, &[("methods", &methods.join(", "))]);
        let _ = writeln!(out, "#   {} {suggested}", area.term.label.to_uppercase());
        for &q in &area.questions {
            let question = &schema.research_questions[q];
            let _ = writeln!(
                out,
                "#   {}: [{}]   # {}",
                question.term.id,
                methods.first().unwrap_or(&""),
                question.term.label
            );
        }
    }
}

fn screening_block(out: &mut String, schema: &Schema, words: &Words) {
    out.push_str("# screening:\n");
    let _ = writeln!(out, "{}", words.screening_intro);
    for polarity in [Polarity::Positive, Polarity::Negative] {
        let heading = if polarity == Polarity::Positive { words.benefits } else { words.drawbacks };
        let _ = writeln!(out, "#   {heading}");
        for c in schema.project_criteria.iter().filter(|c| c.polarity == polarity) {
            let _ = writeln!(out, "#   {}: yes   # {}", c.term.id, c.term.label);
        }
    }
}

/// `text` as a YAML scalar: bare when YAML reads it back as the same text, quoted otherwise.
/// `in_flow` quotes commas too, for items of `[a, b]`.
pub fn yaml_scalar(text: &str, in_flow: bool) -> String {
    let lower = text.to_lowercase();
    let first = text.chars().next();
    let plain = first.is_some_and(char::is_alphabetic)
        && text.trim() == text
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !text.chars().any(|c| {
            c.is_control()
                || matches!(c, '{' | '}' | '[' | ']' | '"' | '\'' | '`' | '|' | '>' | '&' | '*' | '!' | '%' | '@')
        })
        && !(in_flow && text.contains(','))
        && !["yes", "no", "true", "false", "null", "on", "off", "y", "n", "unknown"].contains(&lower.as_str());
    if plain {
        return text.to_string();
    }
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(quoted, "\\u{:04X}", c as u32);
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}
