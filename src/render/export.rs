//! Data exports for M&E, in `data/`: every profile as JSON (one file each, and all together),
//! the indicators in long format as CSV with a row of HXL hashtags, the criteria as CSV, and
//! the schema in force as JSON.
//!
//! Exports show exactly what the pages show: nothing sensitive in a public build, and counts
//! of a few people masked the same way.

use serde::Serialize;
use serde::ser::SerializeMap;
use serde_json::Value as Json;

use super::format::{Masking, unit};
use super::views::Env;
use crate::disclosure::Shown;
use crate::link::routes;
use crate::model::{Details, IndicatorValue};
use crate::schema::ValueKind;

/// A map that keeps the order its entries were given in (schema order, not alphabetical).
pub struct Ordered<T>(pub Vec<(String, T)>);

impl<T: Serialize> Serialize for Ordered<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct IndicatorExport<'a> {
    value: Json,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    method: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    n: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence_reason: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    disaggregation: Option<Ordered<Ordered<Json>>>,
}

#[derive(Serialize)]
struct CriterionExport<'a> {
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<&'a str>,
}

#[derive(Serialize)]
struct Reference<'a> {
    kind: &'static str,
    id: &'a str,
    title: &'a str,
    url: &'a str,
}

#[derive(Serialize)]
struct Review {
    state: &'static str,
    due: String,
}

#[derive(Serialize)]
struct CommunityExport<'a> {
    id: &'a str,
    title: &'a str,
    url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    illustrative: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    country: &'a str,
    admin_areas: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    place_code: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    population: Option<u64>,
    assessed: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    reviewed: Option<String>,
    review: Review,
    assessed_by: &'a [String],
    methods: Vec<&'a str>,
    tags: &'a [String],
    indicators: Ordered<IndicatorExport<'a>>,
    criteria: Ordered<CriterionExport<'a>>,
    research: Ordered<Vec<&'a str>>,
    references: Vec<Reference<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    contacts: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    internal_notes: Option<&'a str>,
}

/// A number as JSON: whole numbers without a fraction.
fn number(n: f64) -> Json {
    if n.fract() == 0.0 && n.abs() < 9.0e15 { Json::from(n as i64) } else { Json::from(n) }
}

/// A disaggregated part as JSON: a number, or its mark ("<5", "≥5") when masked.
fn part_value(value: f64, shown: Shown, masking: Masking) -> Json {
    if shown.masked() { Json::from(masking.count(shown, value)) } else { number(value) }
}

fn value_json(value: &IndicatorValue) -> Json {
    match value {
        IndicatorValue::Unknown => Json::from("unknown"),
        IndicatorValue::Number(n) | IndicatorValue::Percent(n) => number(*n),
        IndicatorValue::Count(c) => Json::from(*c),
        IndicatorValue::Rating(r) => Json::from(*r),
        IndicatorValue::Distribution(parts) => {
            Json::Object(parts.iter().map(|p| (p.name.clone(), number(p.value))).collect())
        }
        IndicatorValue::List(items) => Json::from(items.clone()),
        IndicatorValue::Text(t) => Json::from(t.clone()),
        IndicatorValue::YesNo(b) => Json::from(*b),
    }
}

/// Profile `i` as a JSON object (compact), or `None` if it is not a profile.
pub fn community_json(env: &Env<'_>, i: usize) -> Option<String> {
    let site = env.site;
    let schema = env.schema;
    let doc = &site.docs[i];
    let c = doc.community()?;
    let internal = site.audience.shows_sensitive();
    let (due, state) = c.review(env.review_months, env.today);
    let indicators = c
        .indicators
        .iter()
        .filter(|e| site.indicator_visible[e.indicator])
        .map(|e| {
            let indicator = &schema.indicators[e.indicator];
            let protection = env.masking.protect(e, indicator.kind);
            let disaggregation = (!e.disaggregation.is_empty()).then(|| {
                Ordered(
                    e.disaggregation
                        .iter()
                        .enumerate()
                        .filter(|(d, _)| !protection.withheld(*d))
                        .map(|(d, dis)| {
                            let parts = dis
                                .parts
                                .iter()
                                .enumerate()
                                .map(|(k, p)| (p.name.clone(), part_value(p.value, protection.part(d, k), env.masking)))
                                .collect();
                            (schema.disaggregations[dis.dimension].term.id.clone(), Ordered(parts))
                        })
                        .collect(),
                )
            });
            let value = match protection.total.mark(env.masking.threshold) {
                Some(mark) => Json::from(mark),
                None => value_json(&e.value),
            };
            let export = IndicatorExport {
                value,
                unit: if indicator.kind == ValueKind::Number { unit(e, indicator) } else { None },
                source: e.source.as_deref(),
                method: e.method.map(|m| schema.methods[m].id.as_str()),
                date: e.date.map(|d| d.to_string()),
                n: e.n,
                confidence: e.confidence.map(|c| c.id()),
                confidence_reason: e.confidence_reason.as_deref(),
                notes: e.notes.as_deref(),
                disaggregation,
            };
            (indicator.term.id.clone(), export)
        })
        .collect();
    let references = site.backlinks[i]
        .iter()
        .map(|&r| Reference {
            kind: site.docs[r].content_type.id(),
            id: &site.docs[r].slug,
            title: &site.docs[r].title,
            url: &site.paths[r],
        })
        .collect();
    let export = CommunityExport {
        id: &doc.slug,
        title: &doc.title,
        url: &site.paths[i],
        status: internal.then(|| doc.status.id()),
        illustrative: doc.illustrative,
        summary: doc.summary.as_deref(),
        country: &c.country,
        admin_areas: &c.admin_areas,
        place_code: c.place_code.as_deref(),
        population: c.population,
        assessed: c.assessed.to_string(),
        reviewed: c.reviewed.map(|d| d.to_string()),
        review: Review { state: state.id(), due: due.to_string() },
        assessed_by: &c.assessed_by,
        methods: c.methods.iter().map(|&m| schema.methods[m].id.as_str()).collect(),
        tags: &doc.tags,
        indicators: Ordered(indicators),
        criteria: Ordered(
            c.criteria
                .iter()
                .map(|e| {
                    (
                        schema.criteria[e.criterion].id.clone(),
                        CriterionExport { status: e.status.id(), evidence: e.evidence.as_deref() },
                    )
                })
                .collect(),
        ),
        research: Ordered(
            c.research
                .iter()
                .map(|r| {
                    (
                        schema.research_questions[r.question].term.id.clone(),
                        r.methods.iter().map(|&m| schema.methods[m].id.as_str()).collect(),
                    )
                })
                .collect(),
        ),
        references,
        contacts: (internal && !c.contacts.is_empty()).then_some(c.contacts.as_slice()),
        internal_notes: if internal { doc.internal_notes.as_deref() } else { None },
    };
    serde_json::to_string(&export).ok()
}

/// The start of `communities.json`, up to the list of profiles (each object follows, then
/// `\n]}`).
pub fn communities_head(site_title: &str) -> String {
    format!(
        "{{\"site\":{},\"schema\":\"schema.json\",\"communities\":[",
        serde_json::to_string(site_title).unwrap_or_default()
    )
}

/// Write a CSV field: quoted when it needs it (RFC 4180), and with a `'` before it when a
/// spreadsheet would read it as a formula (see [`is_formula`]).
fn field(out: &mut String, value: &str) {
    let guard = is_formula(value);
    // Bytes, not chars: this runs over every field of every export row.
    if value.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        out.push('"');
        if guard {
            out.push('\'');
        }
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        if guard {
            out.push('\'');
        }
        out.push_str(value);
    }
}

/// True if a spreadsheet opening the CSV would take `value` for a formula, which can run
/// commands or send data away (`=HYPERLINK(...)`, `+cmd|...`, `@SUM(...)`, `-2+3`): it starts
/// with `=`, `+`, `-`, `@`, a tab or a carriage return, as OWASP lists them. A plain number
/// (`-3.5`, `+12`) is not one, in any column: it can do nothing but be a number, and the
/// numeric columns hold only such numbers. Only the first byte is looked at, unless it is a
/// sign.
fn is_formula(value: &str) -> bool {
    match value.as_bytes() {
        [b'=' | b'@' | b'\t' | b'\r', ..] => true,
        [b'+' | b'-', rest @ ..] => !is_plain_number(rest),
        _ => false,
    }
}

/// Digits, with at most one decimal point between digits: `3`, `3.5`.
fn is_plain_number(bytes: &[u8]) -> bool {
    let mut parts = bytes.splitn(2, |&b| b == b'.');
    let digits = |p: &[u8]| !p.is_empty() && p.iter().all(u8::is_ascii_digit);
    parts.next().is_some_and(digits) && parts.next().is_none_or(digits)
}

/// Fields joined by commas, each quoted if it needs to be.
fn fields(out: &mut String, values: &[&str]) {
    for (k, f) in values.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        field(out, f);
    }
}

fn row(out: &mut String, values: &[&str]) {
    fields(out, values);
    out.push_str("\r\n");
}

/// The header and HXL rows of `indicators.csv`.
pub const INDICATOR_COLUMNS: [(&str, &str); 20] = [
    ("community_id", "#loc+id"),
    ("community", "#loc+name"),
    ("country", "#country+name"),
    ("admin1", "#adm1+name"),
    ("admin2", "#adm2+name"),
    ("admin3", "#adm3+name"),
    ("place_code", "#loc+code"),
    ("indicator_id", "#indicator+code"),
    ("indicator", "#indicator+name"),
    ("group", "#indicator+group"),
    ("dimension", "#indicator+dimension"),
    ("part", "#indicator+part"),
    ("value", "#indicator+num"),
    ("value_text", "#indicator+text"),
    ("unit", "#indicator+unit"),
    ("source", "#meta+source"),
    ("method", "#meta+method"),
    ("date", "#date+collected"),
    ("n", "#indicator+respondents"),
    ("confidence", "#meta+confidence"),
];

/// The header and HXL rows of `criteria.csv`.
pub const CRITERIA_COLUMNS: [(&str, &str); 8] = [
    ("community_id", "#loc+id"),
    ("community", "#loc+name"),
    ("country", "#country+name"),
    ("place_code", "#loc+code"),
    ("criterion_id", "#indicator+criterion+code"),
    ("criterion", "#indicator+criterion+name"),
    ("status", "#status"),
    ("evidence", "#description"),
];

/// The start of a CSV file: byte-order mark (so spreadsheets read accents right), header row
/// and HXL row.
pub fn csv_head(columns: &[(&str, &str)]) -> String {
    let mut out = String::from("\u{feff}");
    row(&mut out, &columns.iter().map(|c| c.0).collect::<Vec<_>>());
    row(&mut out, &columns.iter().map(|c| c.1).collect::<Vec<_>>());
    out
}

/// The rows of `indicators.csv` for profile `i`: one per indicator, plus one per
/// disaggregated part.
pub fn indicator_rows(env: &Env<'_>, i: usize) -> String {
    let site = env.site;
    let schema = env.schema;
    let doc = &site.docs[i];
    let Some(c) = doc.community() else { return String::new() };
    // About 300 bytes a row, a row or more per indicator.
    let mut out = String::with_capacity(c.indicators.len() * 320);
    let area = |k: usize| c.admin_areas.get(k).map(String::as_str).unwrap_or("");
    // A profile's rows share their first seven fields, and an indicator's rows their next three
    // and last six: each is quoted once, not once a row.
    let mut place = String::with_capacity(128);
    fields(
        &mut place,
        &[&doc.slug, &doc.title, &c.country, area(0), area(1), area(2), c.place_code.as_deref().unwrap_or("")],
    );
    place.push(',');
    let mut head = String::with_capacity(256);
    let mut tail = String::with_capacity(128);
    for e in c.indicators.iter().filter(|e| site.indicator_visible[e.indicator]) {
        let indicator = &schema.indicators[e.indicator];
        let protection = env.masking.protect(e, indicator.kind);
        let text = env.masking.value_text(&protection, e, indicator, env.locale);
        let value = env.masking.numeric(&protection, e).map(crate::text::format_number).unwrap_or_default();
        let value_text = if e.value == IndicatorValue::Unknown { "unknown".to_string() } else { text };
        let date = e.date.map(|d| d.to_string()).unwrap_or_default();
        let n = e.n.map(|n| n.to_string()).unwrap_or_default();
        let method = e.method.map(|m| schema.methods[m].id.as_str()).unwrap_or("");
        let confidence = e.confidence.map(|c| c.id()).unwrap_or("");
        let group = &schema.indicator_groups[indicator.group].id;
        head.clear();
        head.push_str(&place);
        fields(&mut head, &[&indicator.term.id, &indicator.term.label, group]);
        head.push(',');
        tail.clear();
        tail.push(',');
        fields(
            &mut tail,
            &[unit(e, indicator).unwrap_or(""), e.source.as_deref().unwrap_or(""), method, &date, &n, confidence],
        );
        tail.push_str("\r\n");
        let mut part_row = |dimension: &str, part: &str, value: &str, value_text: &str| {
            out.push_str(&head);
            fields(&mut out, &[dimension, part, value, value_text]);
            out.push_str(&tail);
        };
        part_row("", "", &value, &value_text);
        if let IndicatorValue::Distribution(parts) = &e.value {
            for p in parts {
                let v = crate::text::format_number(p.value);
                part_row("", &p.name, &v, &format!("{v}%"));
            }
        }
        for (d, dis) in e.disaggregation.iter().enumerate().filter(|(d, _)| !protection.withheld(*d)) {
            let dimension = &schema.disaggregations[dis.dimension].term.id;
            for (k, p) in dis.parts.iter().enumerate() {
                let shown = protection.part(d, k);
                let text = super::format::part_text(indicator.kind, p.value, shown, env.masking, env.locale);
                let number = if shown.masked() { String::new() } else { crate::text::format_number(p.value) };
                part_row(dimension, &p.name, &number, &text);
            }
        }
    }
    out
}

/// The rows of `criteria.csv` for profile `i`.
pub fn criteria_rows(env: &Env<'_>, i: usize) -> String {
    let doc = &env.site.docs[i];
    let Some(c) = doc.community() else { return String::new() };
    let mut out = String::new();
    for e in &c.criteria {
        let term = &env.schema.criteria[e.criterion];
        row(
            &mut out,
            &[
                &doc.slug,
                &doc.title,
                &c.country,
                c.place_code.as_deref().unwrap_or(""),
                &term.id,
                &term.label,
                e.status.id(),
                e.evidence.as_deref().unwrap_or(""),
            ],
        );
    }
    out
}

/// The path of a profile's own JSON export.
pub fn profile_json_path(env: &Env<'_>, i: usize) -> Option<String> {
    matches!(env.site.docs[i].details, Details::Community(_)).then(|| routes::profile_json(&env.site.docs[i].slug))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        let mut out = String::new();
        row(&mut out, &["plain", "with, comma", "with \"quote\"", "line\nbreak"]);
        assert_eq!(out, "plain,\"with, comma\",\"with \"\"quote\"\"\",\"line\nbreak\"\r\n");
    }

    #[test]
    fn csv_cells_a_spreadsheet_would_run_are_neutralized() {
        let mut out = String::new();
        row(&mut out, &["=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "@SUM(A1)", "-2+3", "\tx", "\rx"]);
        assert_eq!(
            out,
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'+cmd|' /C calc'!A0,'@SUM(A1),'-2+3,'\tx,\"'\rx\"\r\n"
        );
        // Plain numbers stay numbers; a sign alone, or a sign and text, does not.
        for number in ["-3.5", "+12", "-0", "7", "a=b"] {
            assert!(!is_formula(number), "{number}");
        }
        for formula in ["-", "+", "-.5", "-3.", "-3.5.1", "-3.5 °C", "- 3", "-1e5"] {
            assert!(is_formula(formula), "{formula}");
        }
    }

    #[test]
    fn csv_starts_with_a_bom_and_two_header_rows() {
        let head = csv_head(&CRITERIA_COLUMNS);
        assert!(head.starts_with('\u{feff}'));
        assert_eq!(head.lines().count(), 2);
        assert!(head.contains("#loc+name"));
    }

    #[test]
    fn ordered_maps_keep_their_order() {
        let map = Ordered(vec![("b".to_string(), 1), ("a".to_string(), 2)]);
        assert_eq!(serde_json::to_string(&map).unwrap(), "{\"b\":1,\"a\":2}");
    }
}
