//! The field and schema reference, written from the schema in force as markdown.
//!
//! The guide's page "Reference" (docs/src/reference.md) embeds the reference of the built-in
//! schema; `fieldbook schema --reference` prints a site's own (with its extensions), so
//! documentation never drifts from what `check` enforces.

use std::fmt::Write as _;

use crate::model::{ContentType, CriterionStatus, Status};
use crate::schema::ENTRY_KEYS;
use crate::schema::{FieldKind, Polarity, Schema, ValueKind};

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn kind_text(schema: &Schema, field: &crate::schema::Field) -> String {
    let of = field.of.as_deref().unwrap_or("");
    let list = |name: &str| {
        schema.list(name).map(|terms| terms.iter().map(|t| format!("`{}`", t.id)).collect::<Vec<_>>().join(", "))
    };
    match field.kind {
        FieldKind::Text => "text".into(),
        FieldKind::Date => "date (YYYY-MM-DD)".into(),
        FieldKind::Integer => "whole number".into(),
        FieldKind::YesNo => "yes or no".into(),
        FieldKind::List => "list of text".into(),
        FieldKind::Id => format!("one of {}", list(of).unwrap_or_default()),
        FieldKind::Ids => format!("list of {}", list(of).unwrap_or_default()),
        FieldKind::Ref | FieldKind::Refs => format!("ids of {} files", of),
        FieldKind::Url => "web address (https://…) or file in content/".into(),
        FieldKind::Status => Status::IDS.map(|s| format!("`{s}`")).join(", "),
        FieldKind::Indicators => "map: indicator id → value or entry (see below)".into(),
        FieldKind::Criteria => "map: criterion id → status, or status and evidence".into(),
        FieldKind::Research => "map: question id (q1…) → method or list of methods".into(),
        FieldKind::Screening => "map: project criterion id → note, or `yes`".into(),
        FieldKind::Location => "`{ lat: …, lon: … }`: latitude and longitude in decimal degrees (WGS 84)".into(),
    }
}

/// Parts as ids, each followed by what it is called when that is not its name:
/// `` `returnee` (rapatriés) ``.
fn parts_text<'a>(parts: &'a [String], label: impl Fn(&'a str) -> &'a str) -> String {
    let each = parts.iter().map(|p| match label(p) {
        called if called == p => format!("`{p}`"),
        called => format!("`{p}` ({called})"),
    });
    each.collect::<Vec<_>>().join(", ")
}

fn type_heading(content_type: ContentType) -> &'static str {
    match content_type {
        ContentType::Community => "Community profiles (`content/communities/`)",
        ContentType::CaseStudy => "Case studies (`content/case-studies/`)",
        ContentType::Project => "Projects (`content/projects/`)",
        ContentType::Guidance => "Guidance (`content/guidance/`)",
        ContentType::Page => "Plain pages (`content/`)",
    }
}

/// The reference of `schema`, as markdown, headings starting at level 2.
pub fn markdown(schema: &Schema) -> String {
    let mut out = String::new();
    out.push_str("## Fields of each content type\n\n");
    for content_type in ContentType::ALL {
        let _ = writeln!(out, "### {}\n", type_heading(content_type));
        out.push_str("| field | kind | required | what it holds |\n| --- | --- | --- | --- |\n");
        for (_, field) in schema.fields_of(content_type) {
            let mut description = cell(&field.term.description);
            if field.sensitive {
                description.push_str(" **Sensitive: never in the public site.**");
            }
            if field.organizations {
                description.push_str(" `check` warns about what looks like a person's name.");
            }
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} |",
                field.name,
                cell(&kind_text(schema, field)),
                if field.required_for.contains(&content_type) { "yes" } else { "" },
                description
            );
        }
        out.push('\n');
    }

    out.push_str("## Indicator entries\n\nAn indicator is written either as a bare value (`migration-rates: 14.2`) or as an entry with the evidence beside the figure. Any indicator may be `unknown`: looked for, not established (not zero, and not missing). The keys of an entry:\n\n");
    let entry_help = [
        ("value", "the value, of the indicator's kind (required)"),
        ("unit", "for number indicators without a unit in the schema, or to state it"),
        ("source", "where the figure comes from"),
        ("method", "how it was collected: a method id"),
        ("date", "when it was collected (YYYY-MM-DD)"),
        ("n", "how many respondents or key informants"),
        ("confidence", "`high`, `medium` or `low`"),
        ("confidence_reason", "why that confidence"),
        ("notes", "anything else a reader needs"),
        ("disaggregation", "values for parts of the population, by dimension: `sex: { female: 31, male: 44 }`"),
    ];
    for key in ENTRY_KEYS {
        let help = entry_help.iter().find(|(k, _)| *k == key).map(|(_, h)| *h).unwrap_or("");
        let _ = writeln!(out, "- `{key}`: {help}");
    }
    out.push_str("\nValue kinds:\n\n");
    for id in ValueKind::IDS {
        let kind = ValueKind::from_id(id).expect("known kind");
        let _ = writeln!(out, "- `{id}`: {}", kind.describe());
    }

    out.push_str("\n## Indicators\n\n");
    for (g, group) in schema.indicator_groups.iter().enumerate() {
        let _ = writeln!(out, "### {} (`{}`)\n\n{}\n", group.label, group.id, group.description);
        out.push_str("| id | label | kind | disaggregation | description |\n| --- | --- | --- | --- | --- |\n");
        for (_, indicator) in schema.indicators_in_group(g) {
            let mut kind = indicator.kind.id().to_string();
            if let Some(unit) = &indicator.unit {
                let _ = write!(kind, " ({unit})");
            }
            if let Some(scale) = &indicator.scale {
                let labels =
                    if scale.labels.is_empty() { String::new() } else { format!(": {}", scale.labels.join(", ")) };
                let _ = write!(kind, " {} to {}{labels}", scale.min, scale.max);
            }
            if !indicator.parts.is_empty() {
                let _ = write!(kind, " of {}", parts_text(&indicator.parts, |p| indicator.part_label(p)));
            }
            if matches!(indicator.kind, crate::schema::ValueKind::Count | crate::schema::ValueKind::Number) {
                let _ = write!(kind, "; survey answers: {}", indicator.aggregate.id());
                if let (Some(min), Some(max)) = (indicator.min, indicator.max) {
                    let _ = write!(kind, ", {min} to {max}");
                }
            }
            if !indicator.survey {
                kind.push_str("; not in the survey form");
            }
            let mut description = cell(&indicator.term.description);
            if indicator.sensitive {
                description.push_str(" **Sensitive.**");
            }
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} | {} |",
                indicator.term.id,
                cell(&indicator.term.label),
                cell(&kind),
                indicator.disaggregation_ids.join(", "),
                description
            );
        }
        out.push('\n');
    }
    out.push_str("### Disaggregation dimensions\n\n");
    for (i, d) in schema.disaggregations.iter().enumerate() {
        let _ =
            write!(out, "- `{}` ({}): parts {}", d.term.id, d.term.label, parts_text(&d.parts, |p| d.part_label(p)));
        // What the survey form calls one respondent of each part (`respondent`), when the
        // schema names one.
        if !d.respondent.is_empty() {
            let named: Vec<String> =
                d.parts.iter().map(|p| format!("{} (`{p}`)", schema.respondent_label(i, p))).collect();
            let _ = write!(out, "; one respondent: {}", named.join(", "));
        }
        out.push('\n');
    }

    out.push_str("\n## Favourable-environment criteria\n\n");
    for c in schema.criteria.iter() {
        let _ = writeln!(out, "- `{}`: {}. {}", c.id, c.label, c.description);
    }
    out.push_str("\nStatuses: ");
    out.push_str(
        &CriterionStatus::ALL
            .iter()
            .map(|s| {
                let label = schema.criterion_statuses.by_id(s.id()).map(|t| t.label.as_str()).unwrap_or("");
                format!("`{}` ({label})", s.id())
            })
            .collect::<Vec<_>>()
            .join(", "),
    );
    out.push_str(".\n\n## Research questions (Table 3.1) and methods\n\n");
    for area in schema.research_areas.iter() {
        let methods: Vec<String> = area.method_ids.iter().map(|m| format!("`{m}`")).collect();
        let _ = writeln!(
            out,
            "### {} (`{}`)\n\nSuggested methods: {}.\n",
            area.term.label,
            area.term.id,
            methods.join(", ")
        );
        for &q in &area.questions {
            let question = &schema.research_questions[q];
            let _ = writeln!(out, "- `{}`: {}", question.term.id, question.term.label);
        }
        out.push('\n');
    }
    out.push_str("Methods:\n\n");
    for m in schema.methods.iter() {
        let _ = writeln!(out, "- `{}`: {}. {}", m.id, m.label, m.description);
    }

    out.push_str("\n## Project screening criteria (Table 3.2)\n\n");
    for polarity in [Polarity::Positive, Polarity::Negative] {
        let _ = writeln!(
            out,
            "{}:\n",
            if polarity == Polarity::Positive { "Benefits" } else { "Drawbacks (shown as a warning)" }
        );
        for c in schema.project_criteria.iter().filter(|c| c.polarity == polarity) {
            let _ = writeln!(out, "- `{}`: {}. {}", c.term.id, c.term.label, c.term.description);
        }
        out.push('\n');
    }
    out.push_str("## Approaches (Table 3.3), sectors and other lists\n\n");
    for a in schema.approaches.iter() {
        let _ = writeln!(out, "- approach `{}`: {}. {}", a.term.id, a.term.label, a.term.description);
    }
    for (name, list) in [
        ("sector", "sectors"),
        ("guidance topic", "guidance_topics"),
        ("dimension", "dimensions"),
        ("level", "levels"),
        ("project stage", "project_stages"),
    ] {
        for t in schema.list(list).unwrap_or_default() {
            let _ = writeln!(out, "- {name} `{}`: {}. {}", t.id, t.label, t.description);
        }
    }
    out.push_str("\n## Narrative sections\n\nThe headings `fieldbook new` writes into a new file, each with a prompt left as a comment (never published). A site relabels or adds sections in its schema.toml (`[[sections]]` with `id`, `types`, `label`, `description`).\n\n");
    for content_type in ContentType::ALL {
        let headings: Vec<String> =
            schema.sections_of(content_type).map(|s| format!("{} (`{}`)", s.term.label, s.term.id)).collect();
        if !headings.is_empty() {
            let _ = writeln!(out, "- {}: {}", type_heading(content_type), headings.join("; "));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_names_every_indicator_and_field() {
        let schema = Schema::builtin();
        let text = markdown(&schema);
        for id in schema.indicators.ids() {
            assert!(text.contains(&format!("`{id}`")), "{id}");
        }
        for field in &schema.fields {
            assert!(text.contains(&format!("`{}`", field.name)), "{}", field.name);
        }
    }
}
