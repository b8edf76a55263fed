//! Community profiles: indicators, criteria, research questions, coverage and review dates.

use std::sync::Arc;

use super::dates::{When, check_review_order};
use super::read::{Reader, plain_number};
use super::{Context, Fields};
use crate::coverage::Coverage;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Facts, count, suggestion, ticked_list, ticked_list_and};
use crate::load::{Entry, Node, NodeKind};
use crate::model::{
    Community, Confidence, CriterionEntry, CriterionStatus, Disaggregation, IndicatorEntry, IndicatorValue, Part, Rare,
    ResearchAnswer,
};
use crate::schema::{Indicator, Schema, ValueKind};
use crate::source::Span;
use crate::text::format_number;

const INDICATORS_EXAMPLE: &str =
    "indicators:\n  migration-rates: 14.2\n  access-to-services:\n    value: 61\n    source: Household survey 2026";
const CRITERIA_EXAMPLE: &str = "criteria:\n  returnee-numbers:\n    status: met\n    evidence: What shows it";
const RESEARCH_EXAMPLE: &str = "research:\n  q1: [desk-review, focus-group-discussion]\n  q14: key-informant-interview";

/// Read a profile's fields. A translation's coverage is its original's, so it is not warned about.
pub(super) fn read(reader: &mut Reader<'_>, fields: &Fields<'_>, context: Context<'_>, translation: bool) -> Community {
    let schema = context.schema;
    let country = fields.get("country").and_then(|n| reader.text(n, "country")).unwrap_or_default();
    let country_code = country_code(reader, fields, &country);
    let admin_areas = fields.get("admin_areas").map(|n| reader.strings(n, "admin_areas")).unwrap_or_default();
    let place_code = fields.get("place_code").and_then(|n| reader.text(n, "place_code"));
    let population = fields.get("population").and_then(|n| reader.count(n, "population"));
    let location = super::location::read(reader, fields, &country);
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
            reader.error("out-of-range", n.span, "`review_interval_months` should be between 1 and 120");
            return None;
        }
        Some(months as u32)
    });
    let contacts = fields.get("contacts").map(|n| reader.strings(n, "contacts")).unwrap_or_default();

    let indicators_entry = fields.entry("indicators");
    let indicators_span = indicators_entry.map(|e| e.key_span).unwrap_or(Span::new(0, 3));
    let (indicators, attempted) = match fields.get("indicators") {
        Some(node) => read_indicators(reader, node, context),
        None => (Vec::new(), Vec::new()),
    };
    if !translation {
        coverage_warning(reader, schema, &attempted, indicators_span);
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
    }
}

/// The country's ISO 3166-1 alpha-3 code: `country_code` when given (a code of the table, or
/// one left to users, such as `XEX` for an invented country), else the
/// code of the country's name. A name not recognized, with no code, is a warning: the exports
/// would lack the code data tools join on.
fn country_code(reader: &mut Reader<'_>, fields: &Fields<'_>, country: &str) -> Option<String> {
    if let Some(node) = fields.get("country_code") {
        let code = reader.text(node, "country_code")?;
        if crate::country::is_alpha3(&code) || crate::country::is_user_assigned(&code) {
            return Some(code);
        }
        let upper = code.to_ascii_uppercase();
        let help = if crate::country::is_alpha3(&upper) {
            Some(format!("write it in capitals: `{upper}`"))
        } else {
            crate::country::alpha3(&code).map(|c| format!("the code of {code} is `{c}`"))
        };
        reader.warning_help(
            "unknown-country-code",
            node.span,
            format!("`{code}` is not an ISO 3166-1 alpha-3 country code"),
            help.or_else(|| Some("write the three-letter code, such as `MAR` for Morocco or `SEN` for Senegal".into())),
        );
        return None;
    }
    let node = fields.get("country")?;
    if country.is_empty() {
        return None;
    }
    if let Some(code) = crate::country::alpha3(country) {
        return Some(code.to_string());
    }
    let names = crate::country::names();
    let help = match crate::diagnostic::did_you_mean(country, names.iter().copied()) {
        Some(name) => format!("did you mean `{name}`? Or give the code in `country_code:` (such as `MAR`)"),
        None => "write the country's usual English name, or give its ISO 3166-1 alpha-3 code in `country_code:` (such as `MAR`)".into(),
    };
    reader.warning_help(
        "unknown-country",
        node.span,
        format!("`{country}` is not a country name Fieldbook recognizes, so the exports will have no country code"),
        Some(help),
    );
    None
}

fn review_warning(reader: &mut Reader<'_>, since: Date, months: u32, today: Date, span: Span) {
    let (due, state) = crate::model::review_state(since, months, today);
    let days = (due.days_since_epoch() - today.days_since_epoch()).abs();
    let message = match state {
        crate::model::ReviewState::Current => return,
        crate::model::ReviewState::Due => {
            format!("this profile is due for review on {due}, in {}", count(days as usize, "day", "days"))
        }
        crate::model::ReviewState::Overdue => {
            format!("this profile was due for review on {due}, {} ago", count(days as usize, "day", "days"))
        }
    };
    let code = if state == crate::model::ReviewState::Due { "review-due" } else { "review-overdue" };
    reader.warning_help(
        code,
        span,
        message,
        Some(format!(
            "profiles are reviewed every {} with local actors; after a review, set `reviewed:` to its date",
            count(months as usize, "month", "months")
        )),
    );
}

/// Warn about indicators the profile does not mention at all (`given` holds every indicator it
/// mentions, valid or not: one with an error is reported as such, not as missing). The
/// coverage is that of the public site ([`Coverage`]); sensitive indicators missing are named
/// apart, since they are not counted.
fn coverage_warning(reader: &mut Reader<'_>, schema: &Schema, given: &[usize], span: Span) {
    let missing = |sensitive: bool| -> Vec<&str> {
        schema
            .indicators
            .iter()
            .enumerate()
            .filter(|(i, ind)| !given.contains(i) && ind.sensitive == sensitive)
            .map(|(_, ind)| ind.term.id.as_str())
            .collect()
    };
    let (published, sensitive) = (missing(false), missing(true));
    if published.is_empty() && sensitive.is_empty() {
        return;
    }
    let coverage = Coverage::of(schema, given.iter().copied(), false);
    let mut message = format!(
        "this profile gives {} of {} published indicators ({}% coverage)",
        coverage.given,
        coverage.total,
        coverage.percent()
    );
    if !published.is_empty() {
        message.push_str("; missing: ");
        message.push_str(&few_named(&published));
    }
    if !sensitive.is_empty() {
        message.push_str("; also missing, sensitive (not counted): ");
        message.push_str(&few_named(&sensitive));
    }
    let facts = Facts::Coverage { coverage, missing: published.iter().map(|m| m.to_string()).collect() };
    let d = Diagnostic::warning("missing-indicators", reader.at(span), message)
        .with_help("add them, or write `unknown` for an indicator that was looked for and could not be established")
        .with_facts(facts);
    reader.push(d);
}

/// A few of `ids` in backticks; a long list of ids helps nobody read the message.
fn few_named(ids: &[&str]) -> String {
    const SHOWN: usize = 6;
    if ids.len() <= SHOWN + 1 {
        ticked_list_and(ids)
    } else {
        let head: Vec<String> = ids[..SHOWN].iter().map(|m| format!("`{m}`")).collect();
        format!("{} and {} more", head.join(", "), ids.len() - SHOWN)
    }
}

/// The valid indicator entries, and every known indicator the profile mentions.
fn read_indicators(reader: &mut Reader<'_>, node: &Node, context: Context<'_>) -> (Vec<IndicatorEntry>, Vec<usize>) {
    let schema = context.schema;
    let entries = reader.map(node, "indicators", INDICATORS_EXAMPLE);
    // Sized to the entries written: a profile's entries are most of the model, and a vector
    // grown by pushing keeps up to twice the room it needs for as long as the site is loaded.
    let mut out = Vec::with_capacity(entries.len());
    let mut attempted = Vec::with_capacity(entries.len());
    // The sources named so far: most entries of a profile repeat one of a few.
    let mut sources = Vec::new();
    for entry in entries {
        let Some(index) =
            reader.lookup(&entry.key, entry.key_span, &schema.indicators, "indicator", "unknown-indicator")
        else {
            continue;
        };
        attempted.push(index);
        if let Some(indicator) = read_indicator(reader, entry, index, &mut sources, context) {
            out.push(indicator);
        }
    }
    out.sort_by_key(|e| e.indicator);
    (out, attempted)
}

fn read_indicator(
    reader: &mut Reader<'_>,
    entry: &Entry,
    index: usize,
    sources: &mut Vec<Arc<str>>,
    context: Context<'_>,
) -> Option<IndicatorEntry> {
    let schema = context.schema;
    let indicator = &schema.indicators[index];
    let id = indicator.term.id.as_str();
    let node = &entry.value;

    // A table of evidence, unless it is a distribution written directly as its parts.
    let is_table = match &node.kind {
        NodeKind::Map(entries) => indicator.kind != ValueKind::Distribution || entries.iter().any(|e| e.key == "value"),
        _ => false,
    };
    let mut result = IndicatorEntry::new(index, IndicatorValue::Unknown, entry.key_span);
    if !is_table {
        result.value = read_value(reader, node, indicator, id)?;
        check_unit(reader, indicator, None, entry.key_span);
        return Some(result);
    }
    let entries = node.as_map().unwrap_or(&[]);
    for e in entries {
        if !crate::schema::ENTRY_KEYS.contains(&e.key.as_str()) {
            let help = suggestion(&e.key, crate::schema::ENTRY_KEYS)
                .or_else(|| Some(format!("expected one of {}", crate::schema::ENTRY_KEYS.join(", "))));
            reader.error_help(
                "unknown-field",
                e.key_span,
                format!("unknown field `{}` in indicator `{id}`", e.key),
                help,
            );
        }
    }
    let get = |key: &str| entries.iter().find(|e| e.key == key).map(|e| &e.value).filter(|v| !v.is_null());
    let Some(value_node) = get("value") else {
        reader.error_help(
            "missing-field",
            entry.key_span,
            format!("indicator `{id}` has no `value`"),
            Some(format!("add `value:` with {}, or `unknown`", indicator.kind.describe())),
        );
        return None;
    };
    let value = read_value(reader, value_node, indicator, id);
    let mut rare = Rare { unit: get("unit").and_then(|n| reader.text(n, "unit")), ..Rare::default() };
    check_unit(reader, indicator, rare.unit.as_deref().zip(get("unit").map(|n| n.span)), entry.key_span);
    result.source = get("source").and_then(|n| reader.text(n, "source")).map(|text| shared(sources, text));
    result.set_method(get("method").and_then(|n| reader.id(n, "method", &schema.methods, "method", "unknown-method")));
    result.date = get("date").and_then(|n| {
        let date = reader.date(n, "date")?;
        reader.check_when(n, date, When::Done, || format!("indicators.{id}.date"))
    });
    rare.n = get("n").and_then(|n| reader.count(n, "n"));
    result.confidence = get("confidence").and_then(|n| {
        let level = reader.text(n, "confidence")?;
        match level.as_str() {
            "high" => Some(Confidence::High),
            "medium" => Some(Confidence::Medium),
            "low" => Some(Confidence::Low),
            other => {
                reader.error_help(
                    "unknown-confidence",
                    n.span,
                    format!("unknown confidence `{other}`"),
                    suggestion(other, ["high", "medium", "low"]),
                );
                None
            }
        }
    });
    rare.confidence_reason = get("confidence_reason").and_then(|n| reader.text(n, "confidence_reason"));
    rare.notes = get("notes").and_then(|n| reader.text(n, "notes"));
    result.rare = rare.boxed();
    if let Some(n) = get("disaggregation") {
        result.disaggregation = read_disaggregation(reader, n, indicator, context);
    }
    result.value = value?;
    Some(result)
}

/// `text` as one of `sources`, the texts already shared, adding it when it is new.
fn shared(sources: &mut Vec<Arc<str>>, text: String) -> Arc<str> {
    if let Some(known) = sources.iter().find(|s| ***s == *text) {
        return known.clone();
    }
    let new: Arc<str> = text.into();
    sources.push(new.clone());
    new
}

fn check_unit(reader: &mut Reader<'_>, indicator: &Indicator, given: Option<(&str, Span)>, key_span: Span) {
    let id = &indicator.term.id;
    match (indicator.kind, &indicator.unit, given) {
        (ValueKind::Number, None, None) => reader.error_help(
            "missing-unit",
            key_span,
            format!("indicator `{id}` is a number and needs a `unit`"),
            Some("for example `unit: households`".into()),
        ),
        (ValueKind::Number, Some(expected), Some((unit, span))) if unit != expected => reader.warning_help(
            "different-unit",
            span,
            format!("`{unit}` differs from the unit of `{id}` ({expected}), so this value cannot be compared with other communities"),
            Some(format!("convert the figure to {expected} if you can")),
        ),
        (kind, _, Some((_, span))) if kind != ValueKind::Number => reader.warning_help(
            "unused-unit",
            span,
            format!("`unit` is only used with number indicators, and `{id}` is a {}", kind.id()),
            None,
        ),
        _ => {}
    }
}

fn read_value(reader: &mut Reader<'_>, node: &Node, indicator: &Indicator, id: &str) -> Option<IndicatorValue> {
    if let Some(s) = node.as_scalar()
        && s.text.trim().eq_ignore_ascii_case("unknown")
    {
        return Some(IndicatorValue::Unknown);
    }
    // The field's name is for messages: made only when one is needed.
    let name = || format!("indicators.{id}");
    match indicator.kind {
        ValueKind::Number => plain_number(node).or_else(|| reader.number(node, &name())).map(IndicatorValue::Number),
        ValueKind::Percent => {
            let n = plain_number(node).or_else(|| reader.number(node, &name()))?;
            if !(0.0..=100.0).contains(&n) {
                reader.error_help(
                    "out-of-range",
                    node.span,
                    format!("`{}` is not a percentage: `{id}` must be between 0 and 100", written(reader, node.span)),
                    None,
                );
                return None;
            }
            Some(IndicatorValue::Percent(n))
        }
        ValueKind::Count => reader.count(node, &name()).map(IndicatorValue::Count),
        ValueKind::Rating => read_rating(reader, node, indicator, &name()).map(IndicatorValue::Rating),
        ValueKind::Distribution => read_distribution(reader, node, indicator, id).map(IndicatorValue::Distribution),
        ValueKind::List => Some(IndicatorValue::List(reader.strings(node, &name()))),
        ValueKind::Text => reader.text(node, &name()).map(IndicatorValue::Text),
        ValueKind::YesNo => reader.yes_no(node, &name()).map(IndicatorValue::YesNo),
    }
}

/// A value as written in the file, for messages: the number read from it may be rounded.
fn written(reader: &Reader<'_>, span: Span) -> String {
    let text = reader.source.slice(span);
    text.split(" #").next().unwrap_or(text).trim().trim_matches(['"', '\'']).to_string()
}

fn read_rating(reader: &mut Reader<'_>, node: &Node, indicator: &Indicator, name: &str) -> Option<i64> {
    let scale = indicator.scale.as_ref()?;
    // A rating may also be written as the label of its point: `value: positive`.
    if let Some(s) = node.as_scalar()
        && let Some(i) = scale.labels.iter().position(|l| l.eq_ignore_ascii_case(s.text.trim()))
    {
        return Some(scale.min + i as i64);
    }
    let value = reader.integer(node, name)?;
    if value < scale.min || value > scale.max {
        let ends = |v: i64| match scale.label(v) {
            Some(label) => format!("{v} ({label})"),
            None => v.to_string(),
        };
        // Every point of the scale, so the right one can be picked without the reference.
        let points: Vec<String> =
            (scale.min..=scale.max).filter_map(|v| scale.label(v).map(|label| format!("{v} {label}"))).collect();
        let help = if points.is_empty() {
            format!("expected a whole number from {} to {}", scale.min, scale.max)
        } else {
            format!(
                "expected {} to {}: {} (the label may be written instead of the number)",
                scale.min,
                scale.max,
                points.join(", ")
            )
        };
        reader.error_help(
            "off-scale",
            node.span,
            format!(
                "`{value}` is off the scale: `{}` is rated from {} to {}",
                indicator.term.id,
                ends(scale.min),
                ends(scale.max)
            ),
            Some(help),
        );
        return None;
    }
    Some(value)
}

fn read_parts(
    reader: &mut Reader<'_>,
    node: &Node,
    allowed: &[String],
    what: &str,
    name: &str,
) -> Option<Vec<(Part, Span)>> {
    // Messages are prepared only when needed: this runs for every distribution of every profile.
    let example = || match allowed {
        [a, b, ..] => format!("{name}:\n  {a}: 40\n  {b}: 60"),
        _ => format!("{name}:\n  first-part: 40\n  second-part: 60"),
    };
    let entries = match &node.kind {
        NodeKind::Map(entries) => entries,
        _ => {
            reader.error_help(
                "wrong-kind",
                node.span,
                format!("`{name}` should give a value for each part, but here it is {}", node.describe()),
                Some(format!("write it as:\n{}", example())),
            );
            return None;
        }
    };
    let mut parts = Vec::new();
    let mut ok = true;
    for e in entries {
        if !allowed.is_empty() && !allowed.contains(&e.key) {
            reader.error_help(
                "unknown-part",
                e.key_span,
                format!("unknown part `{}` of {what}", e.key),
                suggestion(&e.key, allowed.iter().map(String::as_str)),
            );
            ok = false;
            continue;
        }
        match plain_number(&e.value).or_else(|| reader.number(&e.value, &format!("{name}.{}", e.key))) {
            Some(value) => parts.push((Part { name: e.key.clone(), value }, e.value.span)),
            None => ok = false,
        }
    }
    ok.then_some(parts)
}

fn read_distribution(reader: &mut Reader<'_>, node: &Node, indicator: &Indicator, id: &str) -> Option<Vec<Part>> {
    let parts = read_parts(reader, node, &indicator.parts, &format!("`{id}`"), &format!("indicators.{id}"))?;
    let mut bad = false;
    for (part, span) in &parts {
        if !(0.0..=100.0).contains(&part.value) {
            reader.error(
                "out-of-range",
                *span,
                format!("the part `{}` of `{id}` must be between 0 and 100", part.name),
            );
            bad = true;
        }
    }
    let sum: f64 = parts.iter().map(|(p, _)| p.value).sum();
    let tolerance = super::read::rounding_tolerance(parts.iter().map(|(_, span)| written(reader, *span)));
    if !bad && (sum - 100.0).abs() > tolerance + 1e-9 {
        let listing =
            parts.iter().map(|(p, _)| format!("{}: {}", p.name, format_number(p.value))).collect::<Vec<_>>().join(", ");
        reader.error_help(
            "distribution-sum",
            node.span,
            format!("the parts of `{id}` sum to {}, not 100", format_number(sum)),
            Some(format!(
                "each part is a share of the whole, in percent, so they add up to 100 (here {listing}); rounding \
                 may leave them half a unit of each part's last digit away, so 100 ± {} here",
                format_number(tolerance)
            )),
        );
        return None;
    }
    (!bad).then(|| without_spans(parts))
}

/// The parts without their positions, in a vector of their length: collected in place from
/// the list with positions, it would keep that list's room (room for 5 parts for 2, on every
/// disaggregation of every profile).
fn without_spans(parts: Vec<(Part, Span)>) -> Vec<Part> {
    let mut parts: Vec<Part> = parts.into_iter().map(|(p, _)| p).collect();
    parts.shrink_to_fit();
    parts
}

fn read_disaggregation(
    reader: &mut Reader<'_>,
    node: &Node,
    indicator: &Indicator,
    context: Context<'_>,
) -> Box<[Disaggregation]> {
    let schema = context.schema;
    let id = &indicator.term.id;
    let mut out = Vec::new();
    let example = "disaggregation:\n  sex:\n    female: 31\n    male: 44";
    for e in reader.map(node, &format!("indicators.{id}.disaggregation"), example) {
        let Some(dim) =
            reader.lookup(&e.key, e.key_span, &schema.disaggregations, "disaggregation dimension", "unknown-dimension")
        else {
            continue;
        };
        if !indicator.disaggregation.contains(&dim) {
            let allowed: Vec<&str> =
                indicator.disaggregation.iter().map(|&d| schema.disaggregations[d].term.id.as_str()).collect();
            let help = if allowed.is_empty() {
                format!("`{id}` is not disaggregated")
            } else {
                format!("`{id}` may be disaggregated by {}", ticked_list(&allowed))
            };
            reader.error_help(
                "not-disaggregated",
                e.key_span,
                format!("`{id}` cannot be disaggregated by `{}`", e.key),
                Some(help),
            );
            continue;
        }
        let dimension = &schema.disaggregations[dim];
        let name = format!("indicators.{id}.disaggregation.{}", e.key);
        let Some(parts) = read_parts(reader, &e.value, &dimension.parts, &format!("`{}`", e.key), &name) else {
            continue;
        };
        let mut valid = true;
        for (part, span) in &parts {
            valid &= check_part_value(reader, indicator, part, *span, context);
        }
        if valid {
            out.push(Disaggregation { dimension: dim, parts: without_spans(parts) });
        }
    }
    out.into_boxed_slice()
}

fn check_part_value(
    reader: &mut Reader<'_>,
    indicator: &Indicator,
    part: &Part,
    span: Span,
    context: Context<'_>,
) -> bool {
    let id = &indicator.term.id;
    let v = part.value;
    match indicator.kind {
        ValueKind::Percent if !(0.0..=100.0).contains(&v) => {
            reader.error(
                "out-of-range",
                span,
                format!("`{}` for `{}` is not a percentage between 0 and 100", written(reader, span), part.name),
            );
            false
        }
        ValueKind::Count if v < 0.0 || v.fract() != 0.0 => {
            reader.error(
                "wrong-kind",
                span,
                format!("the count for `{}` should be a whole number of 0 or more", part.name),
            );
            false
        }
        ValueKind::Count => {
            let threshold = context.config.privacy.small_count_threshold;
            if v > 0.0 && (v as u64) < threshold {
                reader.push(
                    Diagnostic::warning(
                        "small-count",
                        reader.at(span),
                        format!(
                            "the count for `{}` in `{id}` is {}, below the privacy threshold of {threshold}: public pages show it as <{threshold}",
                            part.name, v as u64
                        ),
                    )
                    .with_help("counts of a few people can identify them; the exact figure stays in the internal build"),
                );
            }
            true
        }
        ValueKind::Rating => {
            let Some(scale) = &indicator.scale else {
                return true;
            };
            if v.fract() != 0.0 || (v as i64) < scale.min || (v as i64) > scale.max {
                reader.error(
                    "off-scale",
                    span,
                    format!(
                        "`{}` for `{}` is off the scale {} to {}",
                        written(reader, span),
                        part.name,
                        scale.min,
                        scale.max
                    ),
                );
                return false;
            }
            true
        }
        _ => true,
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
                            reader.error_help(
                                "unknown-field",
                                inner.key_span,
                                format!("unknown field `{}` in criterion `{}`", inner.key, e.key),
                                suggestion(&inner.key, ["status", "evidence"]),
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
                reader.error_help(
                    "missing-field",
                    e.key_span,
                    format!("criterion `{}` has no `status`", e.key),
                    Some("add `status:` with met, partial, not-met or unknown".into()),
                );
                continue;
            };
            let Some(text) = reader.text(status_node, "status") else {
                continue;
            };
            let Some(status) = CriterionStatus::from_id(&text) else {
                reader.error_help(
                    "unknown-status",
                    status_node.span,
                    format!("unknown criterion status `{text}`"),
                    suggestion(&text, CriterionStatus::ALL.map(CriterionStatus::id)),
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
        reader.warning_help(
            "missing-criteria",
            span,
            format!(
                "{} not given, so shown as unknown: {}",
                count(missing.len(), "criterion is", "criteria are"),
                ticked_list_and(&missing)
            ),
            Some("give each criterion a status (met, partial, not-met or unknown) and the evidence for it".into()),
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
                reader.warning_help(
                    "unsuggested-method",
                    span,
                    format!(
                        "Table 3.1 does not suggest `{id}` for {} questions ({})",
                        area.term.label.to_lowercase(),
                        q.term.id
                    ),
                    Some(format!(
                        "suggested: {}; if this method served well, say how in the narrative",
                        ticked_list(&suggested)
                    )),
                );
            }
            if !profile_methods.is_empty() && !profile_methods.contains(&m) {
                reader.warning_help(
                    "method-not-listed",
                    span,
                    format!("`{id}` answers {} but is not in the profile's `methods`", q.term.id),
                    Some(format!("add `{id}` to `methods`")),
                );
            }
            methods.push(m);
        }
        if methods.is_empty() {
            reader.warning_help(
                "no-method",
                e.key_span,
                format!("research question {} lists no method", q.term.id),
                Some("say how it was answered, for example `desk-review`".into()),
            );
        }
        out.push(ResearchAnswer { question, methods });
    }
    out.sort_by_key(|r| r.question);
    out
}
