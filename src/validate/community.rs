//! Community profiles: their place, criteria, research questions, coverage and review dates
//! (the indicators are read in `indicators.rs`).

use super::dates::{When, check_review_order};
use super::indicators::read_indicators;
use super::read::Reader;
use super::{Context, Fields};
use crate::coverage::Coverage;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Facts, suggestion_said};
use crate::load::{Node, NodeKind};
use crate::messages::Message;
use crate::model::{Community, CriterionEntry, CriterionStatus, ResearchAnswer};
use crate::schema::Schema;
use crate::source::Span;

const CRITERIA_EXAMPLE: &str = "criteria:\n  returnee-numbers:\n    status: met\n    evidence: What shows it";
const RESEARCH_EXAMPLE: &str = "research:\n  q1: [desk-review, focus-group-discussion]\n  q14: key-informant-interview";

/// Read a profile's fields. A translation's coverage is its original's, so it is not warned about.
pub(super) fn read(reader: &mut Reader<'_>, fields: &Fields<'_>, context: Context<'_>, translation: bool) -> Community {
    let schema = context.schema;
    let written = fields.get("country").and_then(|n| reader.text(n, "country")).unwrap_or_default();
    let country_code = country_code(reader, fields, &written);
    // The model keeps an English name, whatever language the profile wrote it in: exports
    // join on it and the country's page is placed by it; pages show it in their language.
    let country = crate::country::english(&written);
    let admin_areas: Vec<String> = fields
        .get("admin_areas")
        .map(|n| reader.strings(n, "admin_areas"))
        .unwrap_or_default()
        .into_iter()
        .map(crate::text::into_one_line)
        .collect();
    let place_code = fields.get("place_code").and_then(|n| reader.text(n, "place_code"));
    let population = fields.get("population").and_then(|n| reader.count(n, "population"));
    let location = super::location::read(reader, fields, &country, country_code.as_deref());
    let assessed_node = fields.get("assessed");
    let assessed = assessed_node.and_then(|n| reader.date_when(n, "assessed", When::Done));
    let reviewed_node = fields.get("reviewed");
    let reviewed = reviewed_node.and_then(|n| reader.date_when(n, "reviewed", When::Done));
    if let (Some(a), Some(an), Some(r), Some(rn)) = (assessed, assessed_node, reviewed, reviewed_node) {
        check_review_order(reader, (a, an), (r, rn));
    }
    let assessed_by = fields.get("assessed_by").map(|n| reader.strings(n, "assessed_by")).unwrap_or_default();
    let methods = fields
        .get("methods")
        .map(|n| reader.ids(n, "methods", &schema.methods, "method", "unknown-method"))
        .unwrap_or_default();
    let review_interval_months = fields.get("review_interval_months").and_then(|n| {
        let months = reader.count(n, "review_interval_months")?;
        if months == 0 || months > 120 {
            reader.error_said("out-of-range", n.span, Message::new("profile.review-interval"), None);
            return None;
        }
        Some(months as u32)
    });
    let contacts = fields.get("contacts").map(|n| reader.strings(n, "contacts")).unwrap_or_default();

    let indicators_entry = fields.entry("indicators");
    let indicators_span = indicators_entry.map(|e| e.key_span).unwrap_or(Span::new(0, 3));
    let (indicators, attempted) = match fields.get("indicators") {
        Some(node) => read_indicators(reader, node, context, translation),
        None => (Vec::new(), Vec::new()),
    };
    if !translation {
        let valid: Vec<usize> = indicators.iter().map(|e| e.indicator).collect();
        coverage_warning(reader, schema, &attempted, &valid, indicators_span);
    }

    let criteria = read_criteria(reader, fields, schema, translation);
    let research = fields.get("research").map(|node| read_research(reader, node, schema, &methods)).unwrap_or_default();

    if let Some(assessed) = assessed {
        let months = review_interval_months.unwrap_or(context.config.review_interval_months);
        let since = crate::model::review_since(assessed, reviewed);
        let span = assessed_node.map(|n| n.span).unwrap_or(Span::new(0, 3));
        review_warning(reader, since, months, context.today, span);
    }

    Community {
        country,
        country_code,
        admin_areas,
        place_code,
        population,
        location,
        assessed: assessed.unwrap_or(Date::from_days_since_epoch(0)),
        reviewed,
        assessed_by,
        methods,
        review_interval_months,
        indicators,
        criteria,
        research,
        contacts,
        indicators_span,
        withheld_indicators: Vec::new(),
    }
}

/// The country's ISO 3166-1 alpha-3 code: `country_code` when given (a code of the table, or
/// one left to users, such as `XEX` for an invented country), else the
/// code of the country's name in any language Fieldbook speaks. A name not recognized, with no code, is a warning: the exports
/// would lack the code data tools join on.
fn country_code(reader: &mut Reader<'_>, fields: &Fields<'_>, country: &str) -> Option<String> {
    if let Some(node) = fields.get("country_code") {
        let code = reader.text(node, "country_code")?;
        if crate::country::is_alpha3(&code) || crate::country::is_user_assigned(&code) {
            check_code_matches(reader, node.span, &code, country);
            return Some(code);
        }
        let upper = code.to_ascii_uppercase();
        let help = if crate::country::is_alpha3(&upper) {
            Some(Message::new("profile.code-in-capitals").with("code", upper))
        } else {
            crate::country::code_of(&code)
                .map(|c| Message::new("profile.code-of").with("country", code.as_str()).with("code", c))
        };
        reader.warning_said(
            "unknown-country-code",
            node.span,
            Message::new("profile.unknown-country-code").with("code", code.as_str()),
            help.or_else(|| Some(Message::new("profile.unknown-country-code-help"))),
        );
        return None;
    }
    let node = fields.get("country")?;
    if country.is_empty() {
        return None;
    }
    if let Some(code) = crate::country::code_of(country) {
        return Some(code.to_string());
    }
    let names = crate::country::names();
    let help = match crate::diagnostic::did_you_mean(country, names.iter().copied()) {
        Some(name) => Message::new("profile.country-did-you-mean").with("name", name),
        None => Message::new("profile.unknown-country-help"),
    };
    reader.warning_said(
        "unknown-country",
        node.span,
        Message::new("profile.unknown-country").with("country", country),
        Some(help),
    );
    None
}

/// Warn when `code` is not the code of a `country` a language names: the maps and the
/// country's page follow the name, the exports carry both, and one of them is wrong. A name no
/// language knows (`Kurdistan`) takes its code from `country_code`, so it is not compared.
fn check_code_matches(reader: &mut Reader<'_>, span: Span, code: &str, country: &str) {
    let Some(named) = crate::country::code_of(country).filter(|named| *named != code) else { return };
    let (message, help) = match crate::country::localized(code, "en") {
        Some(name) => (
            Message::new("profile.code-of-other").with("name", name),
            Message::new("profile.code-mismatch-name-help").with("name", name),
        ),
        None => (Message::new("profile.code-not-of"), Message::new("profile.code-mismatch-help")),
    };
    let message = message.with("code", code).with("country", country).with("named", named);
    reader.warning_said("country-code-mismatch", span, message, Some(help.with("named", named)));
}

fn review_warning(reader: &mut Reader<'_>, since: Date, months: u32, today: Date, span: Span) {
    let (due, state) = crate::model::review_state(since, months, today);
    let days = (due.days_since_epoch() - today.days_since_epoch()).unsigned_abs();
    let (code, id) = match state {
        crate::model::ReviewState::Current => return,
        crate::model::ReviewState::Due => ("review-due", "validate.review-due"),
        crate::model::ReviewState::Overdue => ("review-overdue", "validate.review-overdue"),
    };
    reader.warning_said(
        code,
        span,
        Message::new(id).with("due", due.to_string()).number("n", days),
        Some(Message::new("validate.review-help").number("n", u64::from(months))),
    );
}

/// Warn about indicators the profile does not mention at all (`attempted` holds every
/// indicator it mentions, valid or not: one with an error is reported as such, not as
/// missing). The coverage is that of the public site ([`Coverage`]), of the entries that are
/// `valid`, as pages, the coverage page and the exports count it: an entry with an error is
/// not given, and the warning names it as not counted. Sensitive indicators missing are named
/// apart, since they are not counted.
fn coverage_warning(reader: &mut Reader<'_>, schema: &Schema, attempted: &[usize], valid: &[usize], span: Span) {
    let missing = |sensitive: bool| -> Vec<&str> {
        schema
            .indicators
            .iter()
            .enumerate()
            .filter(|(i, ind)| !attempted.contains(i) && ind.sensitive == sensitive)
            .map(|(_, ind)| ind.term.id.as_str())
            .collect()
    };
    let (published, sensitive) = (missing(false), missing(true));
    if published.is_empty() && sensitive.is_empty() {
        return;
    }
    let coverage = Coverage::of(schema, valid.iter().copied(), false);
    let not_counted: Vec<&str> = attempted
        .iter()
        .filter(|i| !valid.contains(i) && crate::coverage::counts(&schema.indicators[**i], false))
        .map(|&i| schema.indicators[i].term.id.as_str())
        .collect();
    let part = |id: &'static str, ids: &[&str]| match ids {
        [] => Message::new("list.nothing"),
        ids => Message::new(id).phrase("ids", few_named(ids)),
    };
    let message = Message::new("validate.coverage")
        .number("given", coverage.given as u64)
        .number("n", coverage.total as u64)
        .number("percent", coverage.percent() as u64)
        .phrase("missing", part("validate.coverage-missing", &published))
        .phrase("sensitive", part("validate.coverage-sensitive", &sensitive));
    let facts = Facts::Coverage { coverage, missing: published.iter().map(|m| m.to_string()).collect() };
    let mut d = Diagnostic::warning_said("missing-indicators", reader.at(span), message)
        .with_help_said(Message::new("validate.coverage-help"))
        .with_facts(facts);
    if !not_counted.is_empty() {
        let note =
            Message::new("coverage.not-counted").count("n", not_counted.len() as u64).all_of("ids", &not_counted);
        d = d.with_note_said(note, reader.at(span));
    }
    reader.push(d);
}

/// A few of `ids` in backticks; a long list of ids helps nobody read the message.
fn few_named(ids: &[&str]) -> Message {
    const SHOWN: usize = 6;
    if ids.len() <= SHOWN + 1 {
        Message::new("list.all").all_of("items", ids)
    } else {
        Message::new("list.and-more").list("init", &ids[..SHOWN]).number("n", (ids.len() - SHOWN) as u64)
    }
}

fn read_criteria(
    reader: &mut Reader<'_>,
    fields: &Fields<'_>,
    schema: &Schema,
    translation: bool,
) -> Vec<CriterionEntry> {
    let mut found: Vec<CriterionEntry> = Vec::new();
    let mut attempted: Vec<usize> = Vec::new();
    let node = fields.get("criteria");
    if let Some(node) = node {
        for e in reader.map(node, "criteria", CRITERIA_EXAMPLE) {
            let Some(criterion) = reader.lookup(&e.key, e.key_span, &schema.criteria, "criterion", "unknown-criterion")
            else {
                continue;
            };
            attempted.push(criterion);
            let (status_node, evidence) = match &e.value.kind {
                NodeKind::Map(entries) => {
                    for inner in entries {
                        if !["status", "evidence"].contains(&inner.key.as_str()) {
                            reader.error_said(
                                "unknown-field",
                                inner.key_span,
                                Message::new("validate.unknown-in-criterion")
                                    .with("field", &inner.key)
                                    .with("id", &e.key),
                                suggestion_said(&inner.key, ["status", "evidence"]),
                            );
                        }
                    }
                    let status = entries.iter().find(|x| x.key == "status").map(|x| &x.value);
                    let evidence =
                        entries.iter().find(|x| x.key == "evidence").and_then(|x| reader.text(&x.value, "evidence"));
                    (status, evidence)
                }
                _ => (Some(&e.value), None),
            };
            let Some(status_node) = status_node.filter(|n| !n.is_null()) else {
                reader.error_said(
                    "missing-field",
                    e.key_span,
                    Message::new("validate.no-status").with("id", &e.key),
                    Some(Message::new("validate.no-status-help")),
                );
                continue;
            };
            let Some(text) = reader.text(status_node, "status") else {
                continue;
            };
            let Some(status) = CriterionStatus::from_id(&text) else {
                reader.error_said(
                    "unknown-status",
                    status_node.span,
                    Message::new("validate.unknown-status").with("status", &text),
                    suggestion_said(&text, CriterionStatus::ALL.map(CriterionStatus::id)),
                );
                continue;
            };
            found.push(CriterionEntry { criterion, status, evidence, span: Some(e.key_span) });
        }
    }
    // Every profile has all criteria: those not given are unknown.
    let missing: Vec<&str> = schema
        .criteria
        .iter()
        .enumerate()
        .filter(|(i, _)| !attempted.contains(i))
        .map(|(_, c)| c.id.as_str())
        .collect();
    // A translation gives only the criteria whose evidence it translates.
    if !missing.is_empty() && fields.entry("criteria").is_some() && !translation {
        let span = fields.entry("criteria").map(|e| e.key_span).unwrap_or(Span::new(0, 3));
        reader.warning_said(
            "missing-criteria",
            span,
            Message::new("validate.missing-criteria").number("n", missing.len() as u64).all_of("ids", &missing),
            Some(Message::new("validate.missing-criteria-help")),
        );
    }
    let mut all: Vec<CriterionEntry> = (0..schema.criteria.len())
        .map(|i| {
            found.iter().find(|c| c.criterion == i).cloned().unwrap_or(CriterionEntry {
                criterion: i,
                status: CriterionStatus::Unknown,
                evidence: None,
                span: None,
            })
        })
        .collect();
    all.sort_by_key(|c| c.criterion);
    all
}

fn read_research(
    reader: &mut Reader<'_>,
    node: &Node,
    schema: &Schema,
    profile_methods: &[usize],
) -> Vec<ResearchAnswer> {
    let mut out = Vec::new();
    for e in reader.map(node, "research", RESEARCH_EXAMPLE) {
        let Some(question) =
            reader.lookup(&e.key, e.key_span, &schema.research_questions, "research question", "unknown-question")
        else {
            continue;
        };
        let q = &schema.research_questions[question];
        let area = &schema.research_areas[q.area];
        let mut methods = Vec::new();
        for (id, span) in reader.list(&e.value, &format!("research.{}", e.key)) {
            let Some(m) = reader.lookup(&id, span, &schema.methods, "method", "unknown-method") else {
                continue;
            };
            if !area.methods.contains(&m) {
                let suggested: Vec<&str> = area.methods.iter().map(|&i| schema.methods[i].id.as_str()).collect();
                reader.warning_said(
                    "unsuggested-method",
                    span,
                    Message::new("profile.unsuggested-method")
                        .with("id", id.as_str())
                        .with("area", area.term.label.to_lowercase())
                        .with("question", q.term.id.as_str()),
                    Some(Message::new("profile.unsuggested-method-help").alternatives("methods", &suggested)),
                );
            }
            if !profile_methods.is_empty() && !profile_methods.contains(&m) {
                reader.warning_said(
                    "method-not-listed",
                    span,
                    Message::new("profile.method-not-listed")
                        .with("id", id.as_str())
                        .with("question", q.term.id.as_str()),
                    Some(Message::new("profile.method-not-listed-help").with("id", id.as_str())),
                );
            }
            methods.push(m);
        }
        if methods.is_empty() {
            reader.warning_said(
                "no-method",
                e.key_span,
                Message::new("profile.no-method").with("question", q.term.id.as_str()),
                Some(Message::new("profile.no-method-help")),
            );
        }
        out.push(ResearchAnswer { question, methods });
    }
    out.sort_by_key(|r| r.question);
    out
}
