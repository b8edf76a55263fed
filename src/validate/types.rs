//! Case studies, projects and guidance pages.

use super::Fields;
use super::dates::When;
use super::read::Reader;
use crate::diagnostic::suggestion_said;
use crate::load::NodeKind;
use crate::messages::Message;
use crate::model::{CaseStudy, Guidance, GuidanceTopic, Project, Reference, ScreeningEntry, Status};
use crate::schema::Schema;
use crate::source::Span;

const SCREENING_EXAMPLE: &str = "screening:\n  brings-together: Twelve returnees and twenty residents share the workshop\n  community-proposed: yes";

fn references(reader: &mut Reader<'_>, fields: &Fields<'_>, name: &str) -> Vec<Reference> {
    fields
        .get(name)
        .map(|n| {
            let mut list: Vec<Reference> =
                reader.list(n, name).into_iter().map(|(id, span)| Reference { id, span }).collect();
            list.shrink_to_fit();
            list
        })
        .unwrap_or_default()
}

pub(super) fn case_study(reader: &mut Reader<'_>, fields: &Fields<'_>, schema: &Schema) -> CaseStudy {
    CaseStudy {
        country: fields.get("country").and_then(|n| reader.text(n, "country")).map(|c| crate::country::english(&c)),
        communities: references(reader, fields, "communities"),
        approaches: fields
            .get("approaches")
            .map(|n| reader.ids(n, "approaches", &schema.approaches, "approach", "unknown-approach"))
            .unwrap_or_default(),
        sectors: fields
            .get("sectors")
            .map(|n| reader.ids(n, "sectors", &schema.sectors, "sector", "unknown-sector"))
            .unwrap_or_default(),
        dimensions: fields
            .get("dimensions")
            .map(|n| reader.ids(n, "dimensions", &schema.dimensions, "dimension", "unknown-dimension"))
            .unwrap_or_default(),
        levels: fields
            .get("levels")
            .map(|n| reader.ids(n, "levels", &schema.levels, "level", "unknown-level"))
            .unwrap_or_default(),
        date: fields.get("date").and_then(|n| reader.date_when(n, "date", When::Recorded)),
        source: fields.get("source").and_then(|n| reader.text(n, "source")),
        source_url: fields
            .get("source_url")
            .and_then(|n| reader.text(n, "source_url").map(|id| Reference { id, span: n.span })),
    }
}

/// The id of the screening criterion that says a project cannot work.
const NOT_VIABLE: &str = "not-viable";

pub(super) fn project(reader: &mut Reader<'_>, fields: &Fields<'_>, schema: &Schema, status: Status) -> Project {
    let communities = references(reader, fields, "communities");
    if communities.is_empty()
        && let Some(entry) = fields.entry("communities")
    {
        reader.error_said("missing-field", entry.key_span, Message::new("page.project-no-community"), None);
    }
    let approach = fields
        .get("approach")
        .and_then(|n| reader.id(n, "approach", &schema.approaches, "approach", "unknown-approach"));
    let start = fields.get("start").and_then(|n| reader.date_when(n, "start", When::Planned));
    let end = fields.get("end").and_then(|n| reader.date_when(n, "end", When::Planned));
    if let (Some(start), Some(end), Some(node)) = (start, end, fields.get("end"))
        && end < start
    {
        let message =
            Message::new("page.project-ends-first").with("end", end.to_string()).with("start", start.to_string());
        reader.error_said("bad-date", node.span, message, None);
    }
    let mut screening = Vec::new();
    if let Some(node) = fields.get("screening") {
        for e in reader.map(node, "screening", SCREENING_EXAMPLE) {
            let Some(criterion) = reader.lookup(
                &e.key,
                e.key_span,
                &schema.project_criteria,
                "project criterion",
                "unknown-project-criterion",
            ) else {
                continue;
            };
            // `yes` marks the criterion without a note, `no` leaves it out; anything else is the note.
            let note = match &e.value.kind {
                NodeKind::Scalar(s) if s.style == crate::load::ScalarStyle::Plain => {
                    match s.text.trim().to_lowercase().as_str() {
                        "yes" | "true" => None,
                        "no" | "false" | "" | "~" | "null" => continue,
                        _ => reader.text(&e.value, &e.key),
                    }
                }
                _ => reader.text(&e.value, &e.key),
            };
            if status == Status::Published && schema.project_criteria[criterion].term.id == NOT_VIABLE {
                reader.warning_said(
                    "not-viable-published",
                    e.key_span,
                    Message::new("page.not-viable-published"),
                    Some(Message::new("page.not-viable-published-help")),
                );
            }
            screening.push(ScreeningEntry { criterion, note });
        }
    }
    screening.sort_by_key(|s| s.criterion);
    Project {
        communities,
        approach: approach.unwrap_or(0),
        sectors: fields
            .get("sectors")
            .map(|n| reader.ids(n, "sectors", &schema.sectors, "sector", "unknown-sector"))
            .unwrap_or_default(),
        dimensions: fields
            .get("dimensions")
            .map(|n| reader.ids(n, "dimensions", &schema.dimensions, "dimension", "unknown-dimension"))
            .unwrap_or_default(),
        levels: fields
            .get("levels")
            .map(|n| reader.ids(n, "levels", &schema.levels, "level", "unknown-level"))
            .unwrap_or_default(),
        implementers: fields.get("implementers").map(|n| reader.strings(n, "implementers")).unwrap_or_default(),
        start,
        end,
        stage: fields
            .get("stage")
            .and_then(|n| reader.id(n, "stage", &schema.project_stages, "project stage", "unknown-stage")),
        screening,
    }
}

/// Read a guidance page's fields. `frontmatter` is where to report a missing sector or topic,
/// or `None` for a translation, which takes its original's.
pub(super) fn guidance(
    reader: &mut Reader<'_>,
    fields: &Fields<'_>,
    schema: &Schema,
    frontmatter: Option<Span>,
) -> Guidance {
    let sector = fields.get("sector").and_then(|n| reader.id(n, "sector", &schema.sectors, "sector", "unknown-sector"));
    let topic = fields.get("topic").and_then(|n| {
        let id = reader.text(n, "topic")?;
        // A sector given as a topic is understood, but said.
        if schema.sectors.get(&id).is_some() {
            reader.warning_said(
                "sector-as-topic",
                n.span,
                Message::new("page.sector-as-topic").with("id", id.as_str()),
                Some(Message::new("page.sector-as-topic-help").with("id", id.as_str())),
            );
            return None;
        }
        reader.lookup(&id, n.span, &schema.guidance_topics, "guidance topic", "unknown-topic")
    });
    let order = fields.get("order").and_then(|n| reader.integer(n, "order"));
    let topic = match (sector, topic, fields.get("sector"), fields.get("topic")) {
        (Some(s), None, _, None) => GuidanceTopic::Sector(s),
        (None, Some(t), None, _) => GuidanceTopic::Topic(t),
        (_, _, Some(_), Some(n)) => {
            reader.error_said("conflicting-fields", n.span, Message::new("page.sector-and-topic"), None);
            sector.map(GuidanceTopic::Sector).unwrap_or(GuidanceTopic::Topic(0))
        }
        (None, None, None, None) if frontmatter.is_none() => GuidanceTopic::Topic(0),
        (None, None, None, None) => {
            let frontmatter = frontmatter.unwrap_or(Span::new(0, 3));
            let sectors: Vec<&str> = schema.sectors.ids().collect();
            let help = suggestion_said("", sectors).map(|s| Message::new("page.no-sector-help").phrase("hint", s));
            reader.error_said("missing-field", frontmatter, Message::new("page.no-sector"), help);
            GuidanceTopic::Sector(0)
        }
        // The sector or topic was given but is unknown: already reported.
        _ => sector.map(GuidanceTopic::Sector).or(topic.map(GuidanceTopic::Topic)).unwrap_or(GuidanceTopic::Sector(0)),
    };
    Guidance { topic, order }
}
