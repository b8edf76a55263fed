//! Translations: a file with a language suffix (`ain-lmaati.fr.md`) beside its original
//! (`ain-lmaati.md`) is that page in another language. Here each translation finds its
//! original, takes from it what it does not give itself (its data, its status when it gives
//! none), and is checked against it: a figure that contradicts the original's is an error,
//! located at the translation's entry.
//!
//! A translation shares its original's id and is counted once: it is never in listings,
//! counts, comparisons or exports ([`super::Site::visible_of`] leaves it out), only on its own
//! page under its language's folder ([`super::routes::of_doc`]).

use hashbrown::HashMap;

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::load::original_path;
use crate::messages::Message;
use crate::model::{
    AsRead, Community, CriterionStatus, Details, Doc, IndicatorEntry, IndicatorValue, Location as Point, Status,
};
use crate::schema::Schema;
use crate::source::Span;

/// Per document: its original when it is a translation whose original exists (else `None`).
/// Translations without an original are reported.
pub(super) fn originals(docs: &[Doc], diagnostics: &mut Diagnostics) -> Vec<Option<usize>> {
    let by_path: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .filter(|(_, d)| !d.is_translation())
        .map(|(i, d)| (d.content_path.as_str(), i))
        .collect();
    docs.iter()
        .map(|doc| {
            let translation = doc.translation.as_ref()?;
            let wanted = original_path(&doc.content_path, &translation.language);
            let found = wanted.as_deref().and_then(|p| by_path.get(p).copied());
            if found.is_none() {
                let name = wanted.as_deref().map(|p| p.rsplit('/').next().unwrap_or(p)).unwrap_or("");
                diagnostics.push(
                    Diagnostic::error_said(
                        "translation-without-original",
                        Location::file(doc.source.display_path.clone()),
                        Message::new("translation.no-original")
                            .with("language", translation.language.as_str())
                            .with("name", name),
                    )
                    .with_help_said(
                        Message::new("translation.no-original-help")
                            .with("name", name)
                            .with("language", translation.language.as_str()),
                    ),
                );
            }
            found
        })
        .collect()
}

/// Per document: its translations, in path order.
pub(super) fn translations_of(original: &[Option<usize>]) -> Vec<Vec<usize>> {
    let mut translations = vec![Vec::new(); original.len()];
    for (t, o) in original.iter().enumerate() {
        if let Some(o) = o {
            translations[*o].push(t);
        }
    }
    translations
}

/// The stricter of two statuses: a translation of a confidential page is confidential, of a
/// draft a draft, whatever it says itself.
fn stricter(a: Status, b: Status) -> Status {
    let rank = |s: Status| match s {
        Status::Published => 0,
        Status::Draft => 1,
        Status::Confidential => 2,
    };
    if rank(a) >= rank(b) { a } else { b }
}

/// Check translation `t` against its original `o`, then give it what it takes from the original:
/// its status (the stricter of the two), tags when it gives none, whether it is illustrative,
/// and its data. A profile's indicator entries and criteria the translation gives are its own
/// (their figures checked against the original's, their words translated); every other entry,
/// the country, and every other type's details, come from the original.
pub(super) fn merge(docs: &mut [Doc], t: usize, o: usize, schema: &Schema, diagnostics: &mut Diagnostics) {
    // Always from the file as read: linking again must not start from an earlier merge. The
    // first time, what the file gives is moved aside (nothing is copied).
    let doc = &mut docs[t];
    let Some(own) = doc.translation.as_mut() else { return };
    if own.as_read.is_none() {
        own.as_read = Some(Box::new(AsRead {
            status: doc.status,
            tags: std::mem::take(&mut doc.tags),
            illustrative: doc.illustrative,
            details: std::mem::replace(&mut doc.details, Details::Page),
        }));
    }
    let (doc, original) = (&docs[t], &docs[o]);
    let Some(own) = &doc.translation else { return };
    if let Some(warning) = behind(doc, original) {
        diagnostics.push(warning);
    }
    let Some(as_read) = own.as_read.as_deref() else { return };
    let mut details = original.details.clone();
    if let (Details::Community(from), Details::Community(given)) = (&original.details, &as_read.details) {
        diagnostics.extend(contradictions(doc, from, given, schema));
        if let Details::Community(merged) = &mut details {
            overlay(merged, given);
        }
    }
    let status = if own.status_given { stricter(as_read.status, original.status) } else { original.status };
    let tags = if own.tags_given { as_read.tags.clone() } else { original.tags.clone() };
    let illustrative = as_read.illustrative || original.illustrative;
    let doc = &mut docs[t];
    doc.status = status;
    doc.tags = tags;
    doc.illustrative = illustrative;
    doc.details = details;
}

/// A warning when translation `doc` says it was updated before its original was: the
/// original changed in substance since, and the translation may say less, or something else.
/// Without an `updated` on either side there is nothing to compare.
fn behind(doc: &Doc, original: &Doc) -> Option<Diagnostic> {
    let (Some(own), Some(theirs)) = (doc.updated, original.updated) else { return None };
    if own >= theirs {
        return None;
    }
    let at = doc.translation.as_ref().and_then(|t| t.updated_at)?;
    Some(
        Diagnostic::warning_said(
            "translation-behind",
            Location::at(&doc.source, at),
            Message::new("translation.behind")
                .with("own", own.to_string())
                .with("original", original_file(doc))
                .with("theirs", theirs.to_string()),
        )
        .with_help_said(Message::new("translation.behind-help").with("theirs", theirs.to_string())),
    )
}

/// The translation's own entries over the original's data.
fn overlay(merged: &mut Community, given: &Community) {
    for entry in &given.indicators {
        match merged.indicators.iter_mut().find(|e| e.indicator == entry.indicator) {
            Some(slot) => {
                // The figures are the original's (they agree, or an error says they do not).
                let mut own = entry.clone();
                own.value = slot.value.clone();
                own.disaggregation = slot.disaggregation.clone();
                if !matches!(own.value, IndicatorValue::List(_) | IndicatorValue::Text(_)) {
                    own.set_n(slot.n());
                }
                *slot = own;
            }
            None => merged.indicators.push(entry.clone()),
        }
    }
    merged.indicators.sort_by_key(|e| e.indicator);
    for entry in &given.criteria {
        if let Some(slot) = merged.criteria.iter_mut().find(|c| c.criterion == entry.criterion)
            && slot.status == entry.status
            && entry.evidence.is_some()
        {
            slot.evidence = entry.evidence.clone();
        }
    }
    // The country stays the original's: it names the country's page, which is one for all
    // languages.
}

/// True if an indicator entry holds a figure, comparable across languages: words (lists and
/// text) are translated and not compared.
fn is_figure(entry: &IndicatorEntry) -> bool {
    !matches!(entry.value, IndicatorValue::List(_) | IndicatorValue::Text(_))
}

/// A figure as the message shows it.
fn shown(value: &IndicatorValue) -> Message {
    use crate::text::format_number;
    let written = |text: String| Message::new("translation.written").with("value", text);
    match value {
        IndicatorValue::Unknown => written("`unknown`".into()),
        IndicatorValue::Number(n) => written(format_number(*n)),
        IndicatorValue::Percent(n) => written(format!("{}%", format_number(*n))),
        IndicatorValue::Count(n) => written(n.to_string()),
        IndicatorValue::Rating(n) => written(n.to_string()),
        IndicatorValue::YesNo(b) => written(if *b { "`yes`" } else { "`no`" }.into()),
        IndicatorValue::Distribution(parts) => {
            let parts: Vec<String> = parts.iter().map(|p| format!("{}: {}", p.name, format_number(p.value))).collect();
            written(format!("{{ {} }}", parts.join(", ")))
        }
        IndicatorValue::List(_) | IndicatorValue::Text(_) => Message::new("translation.a-text"),
    }
}

/// Entries and criteria of translation `doc` whose figures or statuses differ from the
/// original's: each an error at the translation's entry.
fn contradictions(doc: &Doc, original: &Community, given: &Community, schema: &Schema) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    let original_name = original_file(doc);
    for entry in &given.indicators {
        let id = &schema.indicators[entry.indicator].term.id;
        let theirs = original.indicators.iter().find(|e| e.indicator == entry.indicator);
        let differs = match theirs {
            Some(theirs) => {
                is_figure(entry) && (entry.value != theirs.value || entry.disaggregation != theirs.disaggregation)
                    || entry.n() != theirs.n() && entry.n().is_some()
            }
            None => is_figure(entry),
        };
        if differs {
            let what = match theirs {
                Some(theirs) if entry.value != theirs.value => Message::new("translation.differs")
                    .with("name", id.as_str())
                    .phrase("here", shown(&entry.value))
                    .phrase("there", shown(&theirs.value)),
                Some(_) => Message::new("translation.parts-differ"),
                None => Message::new("translation.figure-only-here"),
            };
            let what = what.with("id", id.as_str()).with("original", original_name.as_str());
            diagnostics.push(
                Diagnostic::error_said("translation-contradicts", Location::at(&doc.source, entry.span), what)
                    .with_help_said(Message::new("translation.figures-help").with("id", id.as_str())),
            );
        }
    }
    for fact in facts_differing(doc, original, given, schema) {
        let (name, span, here, there) = fact;
        diagnostics.push(
            Diagnostic::error_said(
                "translation-contradicts",
                Location::at(&doc.source, span),
                Message::new("translation.differs")
                    .with("name", name)
                    .phrase("here", here)
                    .phrase("there", there)
                    .with("original", original_name.as_str()),
            )
            .with_help_said(Message::new("translation.facts-help").with("name", name)),
        );
    }
    // A criterion the translation does not give reads as unknown without evidence: not compared.
    let given_criteria = given.criteria.iter().filter(|c| c.status != CriterionStatus::Unknown || c.evidence.is_some());
    for entry in given_criteria {
        let Some(theirs) = original.criteria.iter().find(|c| c.criterion == entry.criterion) else { continue };
        if theirs.status != entry.status {
            let id = &schema.criteria[entry.criterion].id;
            diagnostics.push(
                Diagnostic::error_said(
                    "translation-contradicts",
                    match entry.span {
                        Some(span) => Location::at(&doc.source, span),
                        None => Location::file(doc.source.display_path.clone()),
                    },
                    Message::new("translation.criterion-differs")
                        .with("id", id.as_str())
                        .with("here", entry.status.id())
                        .with("there", theirs.status.id())
                        .with("original", original_name.as_str()),
                )
                .with_help_said(Message::new("translation.statuses-help")),
            );
        }
    }
    diagnostics
}

/// The facts translation `doc` gives itself that differ from its original's: name, where,
/// and both values as messages show them. A country is compared by its code, since its name
/// may be written in the translation's language.
fn facts_differing(
    doc: &Doc,
    original: &Community,
    given: &Community,
    schema: &Schema,
) -> Vec<(&'static str, Span, Message, Message)> {
    let Some(own) = &doc.translation else { return Vec::new() };
    let written = |text: String| Message::new("translation.written").with("value", text);
    let quoted =
        |v: Option<&str>| v.map_or_else(|| Message::new("translation.not-given"), |v| written(format!("`{v}`")));
    let date = |d: Option<crate::date::Date>| quoted(d.map(|d| d.to_string()).as_deref());
    let mut found = Vec::new();
    for &(name, span) in &own.facts_at {
        let differ = match name {
            "country" | "country_code" => match (&given.country_code, &original.country_code) {
                (Some(here), Some(there)) if here != there => Some((
                    written(format!("`{}` ({here})", if name == "country" { &given.country } else { here })),
                    written(format!("`{}` ({there})", if name == "country" { &original.country } else { there })),
                )),
                _ => None,
            },
            "place_code" => (given.place_code != original.place_code)
                .then(|| (quoted(given.place_code.as_deref()), quoted(original.place_code.as_deref()))),
            "population" => (given.population != original.population).then(|| {
                let shown = |p: Option<u64>| quoted(p.map(|p| p.to_string()).as_deref());
                (shown(given.population), shown(original.population))
            }),
            "location" => {
                let near = |a: Option<Point>, b: Option<Point>| match (a, b) {
                    (Some(a), Some(b)) => (a.lat - b.lat).abs() < 1e-9 && (a.lon - b.lon).abs() < 1e-9,
                    (a, b) => a.is_none() == b.is_none(),
                };
                let shown = |l: Option<Point>| quoted(l.map(|l| format!("{}, {}", l.lat, l.lon)).as_deref());
                (!near(given.location, original.location)).then(|| (shown(given.location), shown(original.location)))
            }
            "assessed" => (given.assessed != original.assessed)
                .then(|| (date(Some(given.assessed)), date(Some(original.assessed)))),
            "reviewed" => {
                (given.reviewed != original.reviewed).then(|| (date(given.reviewed), date(original.reviewed)))
            }
            "methods" => {
                let mut here = given.methods.clone();
                let mut there = original.methods.clone();
                here.sort_unstable();
                there.sort_unstable();
                let ids = |methods: &[usize]| {
                    let ids: Vec<&str> = methods.iter().map(|&m| schema.methods[m].id.as_str()).collect();
                    format!("[{}]", ids.join(", "))
                };
                (here != there).then(|| (written(ids(&given.methods)), written(ids(&original.methods))))
            }
            _ => None,
        };
        if let Some((here, there)) = differ {
            found.push((name, span, here, there));
        }
    }
    found
}

/// The file name of a translation's original, for messages.
fn original_file(doc: &Doc) -> String {
    let language = doc.translation.as_ref().map(|t| t.language.as_str()).unwrap_or("");
    let path = original_path(&doc.content_path, language).unwrap_or_default();
    path.rsplit('/').next().unwrap_or("").to_string()
}
