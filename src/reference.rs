//! The field and schema reference, written from the schema in force as markdown.
//!
//! The guide's page "Reference" (docs/src/reference.md) embeds the reference of the built-in
//! schema, in English ([`markdown`]); `fieldbook schema --reference` prints a site's own (with
//! its extensions) in the site's language ([`markdown_in`]: its headings and sentences from the
//! command catalogue, `[reference]` in `src/messages/commands/`, beside the schema's labels in
//! that language), so documentation never drifts from what `check` enforces.

use std::fmt::Write as _;

use crate::messages::{Message, Messages};
use crate::model::{ContentType, CriterionStatus, Status};
use crate::schema::ENTRY_KEYS;
use crate::schema::{FieldKind, Polarity, Schema, ValueKind};

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The reference's own words in one language.
#[derive(Clone, Copy)]
struct Words(Messages);

impl Words {
    /// Message `id` with `values`, as markdown holds it (no marks around values in backticks).
    fn say(&self, id: &'static str, values: &[(&'static str, &str)]) -> String {
        let mut message = Message::new(id);
        for (name, value) in values {
            message = message.with(name, *value);
        }
        self.0.render_plain(&message)
    }

    /// Message `id`, which has no values.
    fn word(&self, id: &'static str) -> String {
        self.say(id, &[])
    }

    /// `items` as a list: `a, b` (`a، b` in Arabic).
    fn join(&self, items: &[String]) -> String {
        items.join(&self.word("report.list-separator"))
    }
}

fn kind_text(schema: &Schema, field: &crate::schema::Field, words: Words) -> String {
    let of = field.of.as_deref().unwrap_or("");
    let list = || {
        let ids = schema.list(of).map(|terms| terms.iter().map(|t| format!("`{}`", t.id)).collect::<Vec<_>>());
        words.join(&ids.unwrap_or_default())
    };
    match field.kind {
        FieldKind::Text => words.word("reference.kind-text"),
        FieldKind::Date => words.word("reference.kind-date"),
        FieldKind::Integer => words.word("reference.kind-integer"),
        FieldKind::Number => words.word("reference.kind-number"),
        FieldKind::YesNo => words.word("reference.kind-yes-no"),
        FieldKind::List => words.word("reference.kind-list"),
        FieldKind::Id => words.say("reference.kind-id", &[("ids", &list())]),
        FieldKind::Ids => words.say("reference.kind-ids", &[("ids", &list())]),
        FieldKind::Ref | FieldKind::Refs => words.say("reference.kind-refs", &[("of", of)]),
        FieldKind::Url => words.word("reference.kind-url"),
        FieldKind::Status => words.join(&Status::IDS.map(|s| format!("`{s}`"))),
        FieldKind::Indicators => words.word("reference.kind-indicators"),
        FieldKind::Criteria => words.word("reference.kind-criteria"),
        FieldKind::Research => words.word("reference.kind-research"),
        FieldKind::Screening => words.word("reference.kind-screening"),
        FieldKind::Location => words.word("reference.kind-location"),
    }
}

fn type_heading(content_type: ContentType, words: Words) -> String {
    words.word(match content_type {
        ContentType::Community => "reference.type-community",
        ContentType::CaseStudy => "reference.type-case-study",
        ContentType::Project => "reference.type-project",
        ContentType::Guidance => "reference.type-guidance",
        ContentType::Page => "reference.type-page",
    })
}

/// What the reference says of the key `key` of an indicator entry.
fn entry_help(key: &str) -> Option<&'static str> {
    Some(match key {
        "value" => "reference.entry-value",
        "unit" => "reference.entry-unit",
        "source" => "reference.entry-source",
        "method" => "reference.entry-method",
        "date" => "reference.entry-date",
        "n" => "reference.entry-n",
        "confidence" => "reference.entry-confidence",
        "confidence_reason" => "reference.entry-confidence-reason",
        "notes" => "reference.entry-notes",
        "disaggregation" => "reference.entry-disaggregation",
        _ => return None,
    })
}

/// Parts as ids, each followed by what it is called when that is not its name:
/// `` `returnee` (rapatriés) ``.
fn parts_text<'a>(parts: &'a [String], label: impl Fn(&'a str) -> &'a str, words: Words) -> String {
    let each = parts.iter().map(|p| match label(p) {
        called if called == p => format!("`{p}`"),
        called => format!("`{p}` ({called})"),
    });
    words.join(&each.collect::<Vec<_>>())
}

/// A markdown table's header row and the row under it, of `columns` (message ids).
fn table_head(out: &mut String, columns: &[&'static str], words: Words) {
    let names: Vec<String> = columns.iter().map(|c| words.word(c)).collect();
    let _ = writeln!(out, "| {} |\n|{}", names.join(" | "), " --- |".repeat(columns.len()));
}

/// The reference of `schema`, as markdown, headings starting at level 2, in English: the
/// guide's page Reference.
pub fn markdown(schema: &Schema) -> String {
    markdown_in(schema, Messages::english())
}

/// The reference of `schema` (its labels and descriptions in the language wanted, as
/// [`Schema::localized`] gives them) with its headings and sentences in the language of
/// `messages`, headings starting at level 2.
pub fn markdown_in(schema: &Schema, messages: Messages) -> String {
    let words = Words(messages);
    let mut out = String::new();
    let _ = writeln!(out, "## {}\n", words.word("reference.fields"));
    for content_type in ContentType::ALL {
        let _ = writeln!(out, "### {}\n", type_heading(content_type, words));
        let columns = ["reference.column-field", "reference.column-kind", "reference.column-required"];
        table_head(&mut out, &[columns[0], columns[1], columns[2], "reference.column-holds"], words);
        for (_, field) in schema.fields_of(content_type) {
            let mut description = cell(&field.term.description);
            if field.sensitive {
                let _ = write!(description, " **{}**", words.word("reference.field-sensitive"));
            }
            if field.organizations {
                let _ = write!(description, " {}", words.word("reference.organizations"));
            }
            let required = field.required_for.contains(&content_type);
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} |",
                field.name,
                cell(&kind_text(schema, field, words)),
                if required { words.word("reference.required") } else { String::new() },
                description
            );
        }
        out.push('\n');
    }

    let _ = writeln!(out, "## {}\n\n{}\n", words.word("reference.entries"), words.word("reference.entries-intro"));
    for key in ENTRY_KEYS {
        let help = entry_help(key).map(|id| words.word(id)).unwrap_or_default();
        let _ = writeln!(out, "- {}", words.say("reference.item", &[("id", key), ("text", &help)]));
    }
    let _ = writeln!(out, "\n{}\n", words.word("reference.value-kinds"));
    for id in ValueKind::IDS {
        let kind = ValueKind::from_id(id).expect("known kind");
        let described = words.0.render_plain(&kind.describe_said());
        let _ = writeln!(out, "- {}", words.say("reference.item", &[("id", id), ("text", &described)]));
    }

    let _ = writeln!(out, "\n## {}\n", words.word("reference.indicators"));
    for (g, group) in schema.indicator_groups.iter().enumerate() {
        let _ = writeln!(out, "### {} (`{}`)\n\n{}\n", group.label, group.id, group.description);
        let columns = ["reference.column-id", "reference.column-label", "reference.column-kind"];
        let more = ["reference.column-disaggregation", "reference.column-description"];
        table_head(&mut out, &[columns[0], columns[1], columns[2], more[0], more[1]], words);
        for (_, indicator) in schema.indicators_in_group(g) {
            let mut kind = indicator.kind.id().to_string();
            if let Some(unit) = &indicator.unit {
                let _ = write!(kind, " ({unit})");
            }
            if let Some(scale) = &indicator.scale {
                let (min, max, labels) = (scale.min.to_string(), scale.max.to_string(), words.join(&scale.labels));
                let values = [("min", min.as_str()), ("max", &max), ("labels", &labels)];
                let id = if labels.is_empty() { "reference.from-to" } else { "reference.from-to-labelled" };
                let _ = write!(kind, " {}", words.say(id, &values));
            }
            if !indicator.parts.is_empty() {
                let parts = parts_text(&indicator.parts, |p| indicator.part_label(p), words);
                let _ = write!(kind, " {}", words.say("reference.parts-of", &[("parts", &parts)]));
            }
            if matches!(indicator.kind, ValueKind::Count | ValueKind::Number) {
                let aggregate = ("aggregate", indicator.aggregate.id());
                kind.push_str(&match (indicator.min, indicator.max) {
                    (Some(min), Some(max)) => {
                        let (min, max) = (min.to_string(), max.to_string());
                        words.say("reference.survey-answers-range", &[aggregate, ("min", &min), ("max", &max)])
                    }
                    _ => words.say("reference.survey-answers", &[aggregate]),
                });
            }
            if !indicator.survey {
                kind.push_str(&words.word("reference.not-in-form"));
            }
            let mut description = cell(&indicator.term.description);
            if let Some(question) = indicator.question.as_ref().filter(|_| indicator.survey) {
                let asked = words.say("reference.survey-question", &[("question", question)]);
                let _ = write!(description, " {}", cell(&asked));
            }
            if indicator.sensitive {
                let _ = write!(description, " **{}**", words.word("reference.sensitive"));
            }
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} | {} |",
                indicator.term.id,
                cell(&indicator.term.label),
                cell(&kind),
                words.join(&indicator.disaggregation_ids),
                description
            );
        }
        out.push('\n');
    }
    let _ = writeln!(out, "### {}\n", words.word("reference.dimensions"));
    for (i, d) in schema.disaggregations.iter().enumerate() {
        let parts = parts_text(&d.parts, |p| d.part_label(p), words);
        let values = [("id", d.term.id.as_str()), ("label", d.term.label.as_str()), ("parts", &parts)];
        let _ = write!(out, "- {}", words.say("reference.dimension", &values));
        // What the survey form calls one respondent of each part (`respondent`), when the
        // schema names one.
        if !d.respondent.is_empty() {
            let named: Vec<String> =
                d.parts.iter().map(|p| format!("{} (`{p}`)", schema.respondent_label(i, p))).collect();
            out.push_str(&words.say("reference.one-respondent", &[("names", &words.join(&named))]));
        }
        out.push('\n');
    }

    let _ = writeln!(out, "\n## {}\n", words.word("reference.criteria"));
    for c in schema.criteria.iter() {
        let _ = writeln!(out, "- {}", described(words, None, &c.id, &c.label, &c.description));
    }
    let statuses: Vec<String> = CriterionStatus::ALL
        .iter()
        .map(|s| {
            let label = schema.criterion_statuses.by_id(s.id()).map(|t| t.label.as_str()).unwrap_or("");
            format!("`{}` ({label})", s.id())
        })
        .collect();
    let _ = writeln!(out, "\n{}\n", words.say("reference.statuses", &[("statuses", &words.join(&statuses))]));
    let _ = writeln!(out, "## {}\n", words.word("reference.research"));
    for area in schema.research_areas.iter() {
        let methods: Vec<String> = area.method_ids.iter().map(|m| format!("`{m}`")).collect();
        let suggested = words.say("reference.suggested-methods", &[("methods", &words.join(&methods))]);
        let _ = writeln!(out, "### {} (`{}`)\n\n{suggested}\n", area.term.label, area.term.id);
        for &q in &area.questions {
            let question = &schema.research_questions[q];
            let values = [("id", question.term.id.as_str()), ("text", question.term.label.as_str())];
            let _ = writeln!(out, "- {}", words.say("reference.item", &values));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{}\n", words.word("reference.methods"));
    for m in schema.methods.iter() {
        let _ = writeln!(out, "- {}", described(words, None, &m.id, &m.label, &m.description));
    }

    let _ = writeln!(out, "\n## {}\n", words.word("reference.screening"));
    for polarity in [Polarity::Positive, Polarity::Negative] {
        let heading = if polarity == Polarity::Positive { "reference.benefits" } else { "reference.drawbacks" };
        let _ = writeln!(out, "{}\n", words.word(heading));
        for c in schema.project_criteria.iter().filter(|c| c.polarity == polarity) {
            let _ = writeln!(out, "- {}", described(words, None, &c.term.id, &c.term.label, &c.term.description));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## {}\n", words.word("reference.lists"));
    for a in schema.approaches.iter() {
        let what = words.word("schema.what.approach");
        let _ = writeln!(out, "- {}", described(words, Some(&what), &a.term.id, &a.term.label, &a.term.description));
    }
    for (name, list) in [
        ("schema.what.sector", "sectors"),
        ("schema.what.guidance-topic", "guidance_topics"),
        ("schema.what.dimension", "dimensions"),
        ("schema.what.level", "levels"),
        ("schema.what.project-stage", "project_stages"),
    ] {
        let what = words.word(name);
        for t in schema.list(list).unwrap_or_default() {
            let _ = writeln!(out, "- {}", described(words, Some(&what), &t.id, &t.label, &t.description));
        }
    }
    let _ = writeln!(out, "\n## {}\n\n{}\n", words.word("reference.sections"), words.word("reference.sections-intro"));
    for content_type in ContentType::ALL {
        let headings: Vec<String> =
            schema.sections_of(content_type).map(|s| format!("{} (`{}`)", s.term.label, s.term.id)).collect();
        if !headings.is_empty() {
            let (heading, headings) =
                (type_heading(content_type, words), headings.join(&words.word("reference.heading-separator")));
            let values = [("type", heading.as_str()), ("headings", headings.as_str())];
            let _ = writeln!(out, "- {}", words.say("reference.sections-of", &values));
        }
    }
    out
}

/// An entry of a list, `` `id`: Label. Description. ``, after what it is (`approach`) when the
/// list mixes kinds of entries.
fn described(words: Words, what: Option<&str>, id: &str, label: &str, description: &str) -> String {
    let values = [("id", id), ("label", label), ("description", description)];
    match what {
        Some(what) => {
            let values = [values[0], values[1], values[2], ("what", what)];
            words.say("reference.kind-of-entry", &values)
        }
        None => words.say("reference.entry", &values),
    }
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

    /// The reference in French: its headings, table heads and sentences from the command
    /// catalogue, beside the schema's labels in French; the ids stay as written.
    #[test]
    fn the_reference_speaks_the_language_it_is_asked_in() {
        let schema = Schema::builtin().localized("fr");
        let text = markdown_in(&schema, Messages::of("fr"));
        for french in [
            "## Champs de chaque type de contenu",
            "### Profils communautaires (`content/communities/`)",
            "| champ | type | obligatoire | ce qu'il contient |",
            "## Indicateurs",
            "### Dimensions de ventilation",
            "parties `female` (femmes), `male` (hommes)",
            "Répartition par âge",
            "## Critères de l'environnement favorable",
        ] {
            assert!(text.contains(french), "{french} not in:\n{text}");
        }
        for english in ["Fields of each content type", "| field | kind |", "Value kinds:", "Suggested methods"] {
            assert!(!text.contains(english), "{english} in:\n{text}");
        }
        // Every line that says something in English says something in French, and no message
        // is left as its id.
        let english = markdown(&Schema::builtin());
        assert_eq!(english.lines().count(), text.lines().count());
        assert!(!text.contains("reference."), "{text}");
    }

    /// A type's section headings are joined as its language joins the parts of a sentence:
    /// `;` in English, with a narrow no-break space before it in French, `؛` in Arabic.
    #[test]
    fn section_headings_are_joined_in_the_references_language() {
        let sections = |language: &str| {
            let text = markdown_in(&Schema::builtin().localized(language), Messages::of(language));
            let line = text.lines().find(|l| l.starts_with("- ") && l.matches("(`").count() > 2).map(str::to_string);
            line.unwrap_or_else(|| panic!("no line of section headings in:\n{text}"))
        };
        assert!(sections("en").contains("`); "), "{}", sections("en"));
        assert!(sections("fr").contains("`)\u{202f}; "), "{}", sections("fr"));
        assert!(sections("ar").contains("`)؛ ") && !sections("ar").contains("; "), "{}", sections("ar"));
    }
}
