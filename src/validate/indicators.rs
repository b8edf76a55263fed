//! A profile's indicators: each entry's value by the indicator's kind (number, percentage,
//! rating, yes/no, text, distribution), its unit, source, date, confidence and
//! disaggregation, each problem located on the value that has it.

use std::sync::Arc;

use super::Context;
use super::dates::When;
use super::read::{Reader, parse_number, plain_number};
use crate::diagnostic::{Diagnostic, suggestion_said};
use crate::load::{Entry, Node, NodeKind};
use crate::messages::Message;
use crate::model::{Confidence, Disaggregation, IndicatorEntry, IndicatorValue, Part, Rare};
use crate::schema::{Indicator, ValueKind};
use crate::source::Span;
use crate::text::format_number;

const INDICATORS_EXAMPLE: &str =
    "indicators:\n  migration-rates: 14.2\n  access-to-services:\n    value: 61\n    source: Household survey 2026";

/// The valid indicator entries, and every known indicator the profile mentions. A
/// translation's entry may give only its words (`source`, `notes`): its figures are then its
/// original's, put in by linking.
pub(super) fn read_indicators(
    reader: &mut Reader<'_>,
    node: &Node,
    context: Context<'_>,
    translation: bool,
) -> (Vec<IndicatorEntry>, Vec<usize>) {
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
        if let Some(indicator) = read_indicator(reader, entry, index, &mut sources, context, translation) {
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
    translation: bool,
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
        check_small_total(reader, &result.value, id, node.span, context);
        // A translation shows its original's unit.
        if !translation {
            check_unit(reader, indicator, None, entry.key_span);
        }
        return Some(result);
    }
    let entries = node.as_map().unwrap_or(&[]);
    for e in entries {
        if !crate::schema::ENTRY_KEYS.contains(&e.key.as_str()) {
            let help = suggestion_said(&e.key, crate::schema::ENTRY_KEYS).or_else(|| {
                Some(Message::new("validate.entry-keys").with("keys", crate::schema::ENTRY_KEYS.join(", ")))
            });
            reader.error_said(
                "unknown-field",
                e.key_span,
                Message::new("validate.unknown-in-indicator").with("field", &e.key).with("id", id),
                help,
            );
        }
    }
    let get = |key: &str| entries.iter().find(|e| e.key == key).map(|e| &e.value).filter(|v| !v.is_null());
    // A translation that gives no value shows its original's: linking puts it in, and says
    // so when the original has none.
    let value = match get("value") {
        Some(value_node) => {
            let value = read_value(reader, value_node, indicator, id);
            if let Some(value) = &value {
                check_small_total(reader, value, id, value_node.span, context);
            }
            value
        }
        None if translation => {
            result.value_from_original = true;
            Some(IndicatorValue::Unknown)
        }
        None => {
            reader.push(
                Diagnostic::error_said(
                    "missing-field",
                    reader.at(entry.key_span),
                    Message::new("validate.no-value").with("id", id),
                )
                .with_help_said(Message::new("indicator.add-value").phrase("kind", indicator.kind.describe_said())),
            );
            return None;
        }
    };
    let mut rare = Rare { unit: get("unit").and_then(|n| reader.text(n, "unit")), ..Rare::default() };
    // A translation's entry without a unit shows its original's.
    if !(translation && rare.unit.is_none()) {
        check_unit(reader, indicator, rare.unit.as_deref().zip(get("unit").map(|n| n.span)), entry.key_span);
    }
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
                let message = Message::new("indicator.unknown-confidence").with("value", other);
                reader.error_said(
                    "unknown-confidence",
                    n.span,
                    message,
                    suggestion_said(other, ["high", "medium", "low"]),
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
        (ValueKind::Number, None, None) => reader.error_said(
            "missing-unit",
            key_span,
            Message::new("indicator.missing-unit").with("id", id.as_str()),
            Some(Message::new("indicator.missing-unit-help")),
        ),
        (ValueKind::Number, Some(expected), Some((unit, span))) if unit != expected => reader.warning_said(
            "different-unit",
            span,
            Message::new("indicator.different-unit")
                .with("unit", unit)
                .with("id", id.as_str())
                .with("expected", expected.as_str()),
            Some(Message::new("indicator.different-unit-help").with("expected", expected.as_str())),
        ),
        (kind, _, Some((_, span))) if kind != ValueKind::Number => reader.warning_said(
            "unused-unit",
            span,
            Message::new("indicator.unused-unit").with("id", id.as_str()).with("kind", kind.id()),
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
                reader.error_said(
                    "out-of-range",
                    node.span,
                    Message::new("validate.not-a-percentage").with("value", written(reader, node.span)).with("id", id),
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
    // A rating may also be written as the label of its point: `value: positive`, or in one of
    // Fieldbook's other languages, `value: très sûr` (looked up only for what is no number).
    if let Some(s) = node.as_scalar() {
        let text = s.text.trim();
        if let Some(i) = scale.labels.iter().position(|l| l.eq_ignore_ascii_case(text)) {
            return Some(scale.min + i as i64);
        }
        if !text.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+' || c == '.')
            && let Some(point) = crate::schema::translate::rating_point(indicator, text)
        {
            return Some(point);
        }
    }
    let value = match node.as_scalar().filter(|_| !node.is_null()) {
        // Words that are no label: say which labels are, rather than only "not a number".
        Some(s) if parse_number(s.text.trim()).is_none() && !s.text.trim().is_empty() => {
            let labels: Vec<String> = crate::schema::translate::rating_labels(indicator)
                .iter()
                .enumerate()
                .map(|(k, forms)| format!("{} {}", scale.min + k as i64, forms.join(" / ")))
                .collect();
            let (min, max) = (scale.min.to_string(), scale.max.to_string());
            let help = if labels.is_empty() {
                Message::new("validate.scale-help").with("min", &min).with("max", &max)
            } else {
                Message::new("validate.scale-labels-help").with("labels", labels.join(", "))
            };
            reader.error_said(
                "wrong-kind",
                node.span,
                Message::new("validate.not-on-scale")
                    .with("field", name)
                    .with("min", min)
                    .with("max", max)
                    .with("value", s.text.trim()),
                Some(help),
            );
            return None;
        }
        _ => reader.integer(node, name)?,
    };
    if value < scale.min || value > scale.max {
        // The scale's labels in English (or the site's words), and in each language Fieldbook
        // has them in, so that a French site reads "1 (très négative)".
        let english: Vec<&str> = scale.labels.iter().map(String::as_str).collect();
        let others = crate::schema::translate::scale_labels_by_language(indicator);
        let said = |text: &dyn Fn(&[&str]) -> String| -> (String, Vec<(String, String)>) {
            (text(&english), others.iter().map(|(language, labels)| (language.to_string(), text(labels))).collect())
        };
        let label = |labels: &[&str], v: i64| {
            usize::try_from(v - scale.min).ok().and_then(|i| labels.get(i).map(|l| l.to_string()))
        };
        let end = |v: i64| {
            said(&|labels: &[&str]| match label(labels, v) {
                Some(label) => format!("{v} ({label})"),
                None => v.to_string(),
            })
        };
        // Every point of the scale, so the right one can be picked without the reference.
        let help = if scale.labels.is_empty() {
            Message::new("indicator.off-scale-help")
        } else {
            let (english, others) = said(&|labels: &[&str]| {
                (scale.min..=scale.max)
                    .filter_map(|v| label(labels, v).map(|l| format!("{v} {l}")))
                    .collect::<Vec<_>>()
                    .join(", ")
            });
            Message::new("indicator.off-scale-labels-help").in_languages("points", english, others)
        };
        let help = help.with("min", scale.min.to_string()).with("max", scale.max.to_string());
        let ((min, min_others), (max, max_others)) = (end(scale.min), end(scale.max));
        let message = Message::new("indicator.off-scale")
            .with("value", value.to_string())
            .with("id", indicator.term.id.as_str())
            .in_languages("min", min, min_others)
            .in_languages("max", max, max_others);
        reader.error_said("off-scale", node.span, message, Some(help));
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
            reader.error_said(
                "wrong-kind",
                node.span,
                Message::new("validate.parts-not-map").with("field", name).phrase("found", node.describe_said()),
                Some(Message::new("validate.write-it-as").with("example", example())),
            );
            return None;
        }
    };
    let mut parts = Vec::new();
    let mut ok = true;
    for (n, e) in entries.iter().enumerate() {
        if !allowed.is_empty() && !allowed.contains(&e.key) {
            let help =
                decimal_comma(entries, n).or_else(|| suggestion_said(&e.key, allowed.iter().map(String::as_str)));
            let message = Message::new("indicator.unknown-part").with("part", e.key.as_str()).with("what", what);
            reader.error_said("unknown-part", e.key_span, message, help);
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

/// The help for part `n` of a one-line `{ female: 51,2, male: 48,8 }`: a decimal comma there
/// ends the part, and the digits after it read as a part of their own (`2`, with no value).
fn decimal_comma(entries: &[crate::load::Entry], n: usize) -> Option<Message> {
    let digits = &entries[n].key;
    let previous = entries.get(n.checked_sub(1)?)?;
    let whole = previous.value.as_scalar()?.text.trim();
    let is_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    (is_digits(digits) && is_digits(whole) && entries[n].value.is_null()).then(|| {
        Message::new("indicator.decimal-comma")
            .with("whole", whole)
            .with("digits", digits.as_str())
            .with("part", previous.key.as_str())
    })
}

fn read_distribution(reader: &mut Reader<'_>, node: &Node, indicator: &Indicator, id: &str) -> Option<Vec<Part>> {
    let parts = read_parts(reader, node, &indicator.parts, &format!("`{id}`"), &format!("indicators.{id}"))?;
    let mut bad = false;
    for (part, span) in &parts {
        if !(0.0..=100.0).contains(&part.value) {
            reader.error_said(
                "out-of-range",
                *span,
                Message::new("validate.share-out-of-range").with("part", &part.name).with("id", id),
                None,
            );
            bad = true;
        }
    }
    let sum: f64 = parts.iter().map(|(p, _)| p.value).sum();
    let tolerance = super::read::rounding_tolerance(parts.iter().map(|(_, span)| written(reader, *span)));
    if !bad && (sum - 100.0).abs() > tolerance + 1e-9 {
        let listing =
            parts.iter().map(|(p, _)| format!("{}: {}", p.name, format_number(p.value))).collect::<Vec<_>>().join(", ");
        reader.error_said(
            "distribution-sum",
            node.span,
            Message::new("indicator.distribution-sum").with("id", id).with("sum", format_number(sum)),
            Some(
                Message::new("indicator.distribution-sum-help")
                    .with("parts", listing)
                    .with("tolerance", format_number(tolerance)),
            ),
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
                Message::new("indicator.never-disaggregated")
            } else {
                Message::new("indicator.disaggregated-by").alternatives("dimensions", &allowed)
            };
            reader.error_said(
                "not-disaggregated",
                e.key_span,
                Message::new("indicator.not-disaggregated").with("id", id.as_str()).with("dimension", e.key.as_str()),
                Some(help.with("id", id.as_str())),
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

/// Warn about a count of people whose total is below the privacy threshold: public files mask
/// it as they mask a small part (see [`crate::disclosure`]). A total of 0 is nobody.
fn check_small_total(reader: &mut Reader<'_>, value: &IndicatorValue, id: &str, span: Span, context: Context<'_>) {
    let threshold = context.config.privacy.small_count_threshold;
    let IndicatorValue::Count(count) = *value else { return };
    if count > 0 && count < threshold {
        // With a threshold of 2, `<2` could only be 1: the entry is left out instead.
        let id_of = if threshold == 2 { "validate.small-total-left-out" } else { "validate.small-total" };
        reader.push(
            Diagnostic::warning_said(
                "small-count",
                reader.at(span),
                Message::new(id_of).with("id", id).number("count", count).number("threshold", threshold),
            )
            .with_help_said(Message::new("validate.small-count-help")),
        );
    }
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
            reader.error_said(
                "out-of-range",
                span,
                Message::new("validate.part-not-a-percentage")
                    .with("value", written(reader, span))
                    .with("part", &part.name),
                None,
            );
            false
        }
        ValueKind::Count if v < 0.0 || v.fract() != 0.0 => {
            reader.error_said(
                "wrong-kind",
                span,
                Message::new("validate.part-count").with("part", part.name.as_str()),
                None,
            );
            false
        }
        ValueKind::Count => {
            let threshold = context.config.privacy.small_count_threshold;
            if v > 0.0 && (v as u64) < threshold {
                reader.push(
                    Diagnostic::warning_said(
                        "small-count",
                        reader.at(span),
                        Message::new("validate.small-part")
                            .with("part", &part.name)
                            .with("id", id)
                            .number("count", v as u64)
                            .number("threshold", threshold),
                    )
                    .with_help_said(Message::new("validate.small-count-help")),
                );
            }
            true
        }
        ValueKind::Rating => {
            let Some(scale) = &indicator.scale else {
                return true;
            };
            if v.fract() != 0.0 || (v as i64) < scale.min || (v as i64) > scale.max {
                let message = Message::new("indicator.part-off-scale")
                    .with("value", written(reader, span))
                    .with("part", part.name.as_str())
                    .with("min", scale.min.to_string())
                    .with("max", scale.max.to_string());
                reader.error_said("off-scale", span, message, None);
                return false;
            }
            true
        }
        _ => true,
    }
}
