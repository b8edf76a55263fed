//! Translations: a file with a language suffix (`ain-lmaati.fr.md`) beside its original
//! (`ain-lmaati.md`) is that page in another language. Here each translation finds its
//! original, takes from it what it does not give itself (its data, its status when it gives
//! none), and is checked against it: a figure that contradicts the original's is an error,
//! located at the translation's entry. A profile's indicator entry in a translation may give
//! only its words (`source`, `notes`): its figures are the original's, and only what it gives
//! is compared.
//!
//! A translation shares its original's id and is counted once: it is never in listings,
//! counts, comparisons or exports ([`super::Site::visible_of`] leaves it out), only on its own
//! page under its language's folder ([`super::routes::of_doc`]).

use hashbrown::HashMap;

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::load::original_path;
use crate::messages::Message;
use crate::model::{
    AsRead, Community, CriterionStatus, Details, Doc, ExtraValue, IndicatorEntry, IndicatorValue, Location as Point,
    Status,
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
/// its data, and the values of the site's own fields it does not give. A profile's indicator entries and criteria the translation gives show its
/// words over the original's figures (the figures it repeats checked against the original's);
/// every other entry, the country, and every other type's details, come from the original.
#[cfg(test)]
pub(super) fn merge(docs: &mut [Doc], t: usize, o: usize, schema: &Schema, diagnostics: &mut Diagnostics) {
    set_aside(&mut docs[t]);
    if let Some((merged, found)) = merged(docs, t, o, schema) {
        diagnostics.extend(found);
        merged.apply(&mut docs[t]);
    }
}

/// [`merge`] for every translation of `docs` (`original[t]` is the original of `t`), the
/// translations checked and merged in parallel: each copies its original's data, which at
/// thousands of translated profiles made linking a multilingual site six times as long as the
/// same site in one language. What is found is in the order of the documents.
pub(super) fn merge_all(docs: &mut [Doc], original: &[Option<usize>], schema: &Schema, diagnostics: &mut Diagnostics) {
    use rayon::prelude::*;
    for (t, o) in original.iter().enumerate() {
        if o.is_some() {
            set_aside(&mut docs[t]);
        }
    }
    let shared: &[Doc] = docs;
    let merges: Vec<(usize, Merged, Diagnostics)> = original
        .par_iter()
        .enumerate()
        .filter_map(|(t, o)| merged(shared, t, (*o)?, schema).map(|(merged, found)| (t, merged, found)))
        .collect();
    for (t, merged, found) in merges {
        diagnostics.extend(found);
        merged.apply(&mut docs[t]);
    }
}

/// Move what translation `doc`'s file gives aside, the first time it is linked: every merge
/// starts from the file as read, never from an earlier merge (nothing is copied).
fn set_aside(doc: &mut Doc) {
    let Some(own) = doc.translation.as_mut() else { return };
    if own.as_read.is_none() {
        own.as_read = Some(Box::new(AsRead {
            status: doc.status,
            tags: std::mem::take(&mut doc.tags),
            illustrative: doc.illustrative,
            details: std::mem::replace(&mut doc.details, Details::Page),
            extra: std::mem::take(&mut doc.extra),
        }));
    }
}

/// What a translation takes from its original in [`merge`].
pub(super) struct Merged {
    status: Status,
    tags: Vec<String>,
    illustrative: bool,
    details: Details,
    extra: Vec<(usize, ExtraValue)>,
}

impl Merged {
    fn apply(self, doc: &mut Doc) {
        doc.status = self.status;
        doc.tags = self.tags;
        doc.illustrative = self.illustrative;
        doc.details = self.details;
        doc.extra = self.extra;
    }
}

/// Translation `t` merged with its original `o` (its file set aside by [`set_aside`]), and what
/// checking one against the other found; `None` when `t` is not a translation.
fn merged(docs: &[Doc], t: usize, o: usize, schema: &Schema) -> Option<(Merged, Diagnostics)> {
    let (doc, original) = (&docs[t], &docs[o]);
    let own = doc.translation.as_ref()?;
    let mut found = Diagnostics::new();
    if let Some(warning) = behind(doc, original) {
        found.push(warning);
    }
    let as_read = own.as_read.as_deref()?;
    found.extend(fields_differing(doc, original, &as_read.extra, schema));
    let mut details = original.details.clone();
    if let (Details::Community(from), Details::Community(given)) = (&original.details, &as_read.details) {
        found.extend(contradictions(doc, from, given, schema));
        if let Details::Community(merged) = &mut details {
            overlay(merged, given);
        }
    }
    let status = if own.status_given { stricter(as_read.status, original.status) } else { original.status };
    let tags = if own.tags_given { as_read.tags.clone() } else { original.tags.clone() };
    let illustrative = as_read.illustrative || original.illustrative;
    // The site's own fields: those the translation gives (a donor's name in its language),
    // else the original's (a budget, a date), in the schema's order as the original has them.
    let mut extra = as_read.extra.clone();
    let given = |field: usize| as_read.extra.iter().any(|(f, _)| *f == field);
    extra.extend(original.extra.iter().filter(|(field, _)| !given(*field)).cloned());
    extra.sort_by_key(|(field, _)| *field);
    Some((Merged { status, tags, illustrative, details, extra }, found))
}

/// Errors for the site's own fields translation `doc` gives (`given`, as its file gives them)
/// that its original gives otherwise, or not at all: a number, a date or a yes-no is the same
/// in every language, so a translation that repeats one must repeat it as it is, and gives
/// none of its own (text, a list or a link may be the translation's own).
fn fields_differing(doc: &Doc, original: &Doc, given: &[(usize, ExtraValue)], schema: &Schema) -> Diagnostics {
    let Some(own) = &doc.translation else { return Diagnostics::new() };
    let original_name = original_file(doc);
    let figure = |value: &ExtraValue| match value {
        ExtraValue::Integer(n) => Some(n.to_string()),
        ExtraValue::Number(n) => Some(n.to_string()),
        ExtraValue::Date(d) => Some(d.to_string()),
        ExtraValue::YesNo(yes) => Some(if *yes { "yes" } else { "no" }.to_string()),
        ExtraValue::Text(_) | ExtraValue::List(_) | ExtraValue::Url(_) => None,
    };
    let written = |text: &str| Message::new("translation.written").with("value", format!("`{text}`"));
    let mut found = Diagnostics::new();
    for (field, value) in given {
        let Some(here) = figure(value) else { continue };
        let Some(&(_, span)) = own.fields_at.iter().find(|(f, _)| f == field) else { continue };
        let name = schema.fields[*field].name.as_str();
        // A figure the original does not give would be on the translation's page alone.
        let there = match original.extra_value(*field).and_then(figure) {
            Some(there) if there == here => continue,
            Some(there) => written(&there),
            None => Message::new("translation.not-given"),
        };
        found.push(fact_differs(doc, span, name, written(&here), there, &original_name));
    }
    found
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
            Some(slot) => *slot = translated(slot, entry),
            // An entry the original lacks shows what the translation gives (a figure there
            // is reported as contradicting the original); one without a value has nothing to
            // show, and is reported too.
            None if !entry.value_from_original => merged.indicators.push(entry.clone()),
            None => {}
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

/// The entry a translation's page shows for indicator entry `original`, of which the
/// translation gives `own`: the original's figures and how they were collected (value,
/// disaggregation, `n`, date, method, confidence: they agree, or an error says they do not),
/// with the translation's words where it gives them (`source`, `notes`, `confidence_reason`,
/// `unit`, the value of a list or a text), the original's where it does not.
fn translated(original: &IndicatorEntry, own: &IndicatorEntry) -> IndicatorEntry {
    let mut entry = original.clone();
    entry.span = own.span;
    if !own.value_from_original && !is_figure(own) {
        entry.value = own.value.clone();
    }
    if own.source.is_some() {
        entry.source.clone_from(&own.source);
    }
    if let Some(words) = own.rare.as_deref() {
        let mut rare = entry.rare.take().map(|r| *r).unwrap_or_default();
        let ours = |mine: &Option<String>, theirs: &mut Option<String>| {
            if mine.is_some() {
                theirs.clone_from(mine);
            }
        };
        ours(&words.unit, &mut rare.unit);
        ours(&words.confidence_reason, &mut rare.confidence_reason);
        ours(&words.notes, &mut rare.notes);
        entry.rare = rare.boxed();
    }
    entry
}

/// The figures, facts and criterion statuses of translation `doc` that contradict its original
/// `original`'s, as `check` reports them: for a tool that writes both files (`fieldbook
/// import`), to check them before it writes them.
pub(crate) fn contradictions_with(doc: &Doc, original: &Doc, schema: &Schema) -> Diagnostics {
    match (&original.details, &doc.details) {
        (Details::Community(theirs), Details::Community(given)) => contradictions(doc, theirs, given, schema),
        _ => Diagnostics::new(),
    }
}

/// True if an indicator entry holds a figure, comparable across languages: words (lists and
/// text) are translated and not compared.
pub(crate) fn is_figure(entry: &IndicatorEntry) -> bool {
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

/// What in a translation's indicator entry differs from the original's entry `theirs`, of
/// what the translation gives: its value (not a list's or a text's, which are words), its
/// disaggregation and `n`, then its date, method and confidence. Nothing the translation
/// leaves out is compared: the page shows the original's.
fn entry_differs(entry: &IndicatorEntry, theirs: &IndicatorEntry, schema: &Schema) -> Option<Message> {
    let id = schema.indicators[entry.indicator].term.id.as_str();
    if !entry.value_from_original && is_figure(entry) && entry.value != theirs.value {
        return Some(
            Message::new("translation.differs")
                .with("name", id)
                .phrase("here", shown(&entry.value))
                .phrase("there", shown(&theirs.value)),
        );
    }
    let parts_differ = !entry.disaggregation.is_empty()
        && !crate::model::same_disaggregations(&entry.disaggregation, &theirs.disaggregation);
    if parts_differ || entry.n().is_some() && entry.n() != theirs.n() {
        return Some(Message::new("translation.parts-differ"));
    }
    let written = |text: Option<String>| match text {
        Some(text) => Message::new("translation.written").with("value", format!("`{text}`")),
        None => Message::new("translation.not-given"),
    };
    let method = |e: &IndicatorEntry| e.method().map(|m| schema.methods[m].id.clone());
    let confidence = |e: &IndicatorEntry| e.confidence.map(|c| c.id().to_string());
    let facts = [
        ("date", entry.date.map(|d| d.to_string()), theirs.date.map(|d| d.to_string())),
        ("method", method(entry), method(theirs)),
        ("confidence", confidence(entry), confidence(theirs)),
    ];
    facts.into_iter().find(|(_, here, there)| here.is_some() && here != there).map(|(field, here, there)| {
        Message::new("translation.entry-differs")
            .with("field", field)
            .phrase("here", written(here))
            .phrase("there", written(there))
    })
}

/// Entries and criteria of translation `doc` whose figures or statuses differ from the
/// original's: each an error at the translation's entry.
fn contradictions(doc: &Doc, original: &Community, given: &Community, schema: &Schema) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    let original_name = original_file(doc);
    for entry in &given.indicators {
        let id = &schema.indicators[entry.indicator].term.id;
        let theirs = original.indicators.iter().find(|e| e.indicator == entry.indicator);
        let what = match theirs {
            Some(theirs) => entry_differs(entry, theirs, schema),
            None if entry.value_from_original => {
                // Words with no figure to go with them, here or in the original.
                diagnostics.push(
                    Diagnostic::error_said(
                        "missing-field",
                        Location::at(&doc.source, entry.span),
                        Message::new("translation.no-figure-anywhere")
                            .with("id", id.as_str())
                            .with("original", original_name.as_str()),
                    )
                    .with_help_said(
                        Message::new("translation.no-figure-anywhere-help")
                            .with("id", id.as_str())
                            .with("original", original_name.as_str()),
                    ),
                );
                continue;
            }
            None => is_figure(entry).then(|| Message::new("translation.figure-only-here")),
        };
        if let Some(what) = what {
            let what = what.with("id", id.as_str()).with("original", original_name.as_str());
            diagnostics.push(
                Diagnostic::error_said("translation-contradicts", Location::at(&doc.source, entry.span), what)
                    .with_help_said(Message::new("translation.figures-help").with("id", id.as_str())),
            );
        }
    }
    for (name, span, here, there) in facts_differing(doc, original, given, schema) {
        diagnostics.push(fact_differs(doc, span, name, here, there, &original_name));
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

/// The error for fact or field `name` of translation `doc`, given at `span`, shown `here` and
/// `there` in `original` (its file name).
fn fact_differs(doc: &Doc, span: Span, name: &str, here: Message, there: Message, original: &str) -> Diagnostic {
    Diagnostic::error_said(
        "translation-contradicts",
        Location::at(&doc.source, span),
        Message::new("translation.differs")
            .with("name", name)
            .phrase("here", here)
            .phrase("there", there)
            .with("original", original),
    )
    .with_help_said(Message::new("translation.facts-help").with("name", name))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::load::ContentFile;
    use crate::model::ContentType;

    const ORIGINAL: &str = "---\ntitle: River Town\nstatus: published\ncountry: Senegal\nassessed: 2026-05-10\n\
        assessed_by: [Jappo]\nmethods: [individual-survey]\nindicators:\n  access-to-services:\n    value: 61\n    \
        source: Household survey\n    method: individual-survey\n    date: 2026-04-30\n    n: 140\n    \
        notes: Returnee families wait longer.\n    disaggregation:\n      migrant-status: { returnee: 48, non-migrant: 63 }\n  \
        languages-spoken: [Wolof, French]\n---\nText.\n";

    /// The document of `text` at `content_path`, as validated, with the problems found.
    fn read(content_path: &str, text: &str) -> (Doc, Diagnostics) {
        let settings = "title = \"T\"\nlanguages = [\"en\", \"fr\"]\n";
        let settings = crate::source::SourceFile::new("fieldbook.toml", "fieldbook.toml", settings.into());
        let (schema, config) = (Schema::builtin(), Config::parse(&settings).unwrap());
        let file = ContentFile {
            path: content_path.into(),
            display: format!("content/{content_path}"),
            content_path: content_path.into(),
            content_type: ContentType::Community,
        };
        let (raw, mut problems) = crate::load::load_text(file, text.into());
        let context = crate::validate::Context {
            schema: &schema,
            config: &config,
            today: crate::date::Date::new(2026, 11, 22).unwrap(),
            wording: &[],
        };
        let (doc, more) = crate::validate::validate_file(raw.expect("the file reads"), context);
        problems.extend(more);
        (doc.expect("a document"), problems)
    }

    /// The translation `text` merged with [`ORIGINAL`]: its entries, and the problems of
    /// both reading and linking it.
    fn merged(text: &str) -> (Vec<IndicatorEntry>, Vec<String>) {
        let schema = Schema::builtin();
        let (original, _) = read("communities/river-town.md", ORIGINAL);
        let (translation, mut problems) = read("communities/river-town.fr.md", text);
        let mut docs = vec![original, translation];
        merge(&mut docs, 1, 0, &schema, &mut problems);
        let said = problems.into_vec().into_iter().filter(|d| d.severity == crate::diagnostic::Severity::Error);
        let entries = docs[1].community().unwrap().indicators.clone();
        (entries, said.map(|d| format!("{}: {}", d.code, d.message)).collect())
    }

    fn entry<'a>(entries: &'a [IndicatorEntry], id: &str) -> &'a IndicatorEntry {
        let i = Schema::builtin().indicators.get(id).unwrap();
        entries.iter().find(|e| e.indicator == i).unwrap()
    }

    #[test]
    fn an_entry_of_words_takes_the_original_s_figures() {
        let (entries, errors) = merged(
            "---\ntitle: Ville\nindicators:\n  access-to-services:\n    source: Enquête\n  \
             languages-spoken: [wolof, français]\n---\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        let services = entry(&entries, "access-to-services");
        assert_eq!(services.value, IndicatorValue::Percent(61.0));
        assert!(!services.value_from_original);
        assert_eq!(services.source.as_deref(), Some("Enquête"));
        assert_eq!((services.n(), services.date.map(|d| d.to_string())), (Some(140), Some("2026-04-30".into())));
        assert_eq!(services.disaggregation.len(), 1);
        assert!(services.method().is_some());
        // Words it leaves out are the original's.
        assert_eq!(services.notes(), Some("Returnee families wait longer."));
        // A list's value is words: the translation's own.
        let languages = entry(&entries, "languages-spoken");
        assert_eq!(languages.value, IndicatorValue::List(vec!["wolof".into(), "français".into()]));
    }

    #[test]
    fn figures_a_translation_repeats_must_be_the_original_s() {
        // Repeated exactly, with the translation's notes: no problem.
        let same = "---\ntitle: Ville\nindicators:\n  access-to-services:\n    value: 61\n    source: Enquête\n    \
                    method: individual-survey\n    date: 2026-04-30\n    n: 140\n    notes: Plus longtemps.\n    \
                    disaggregation:\n      migrant-status: { returnee: 48, non-migrant: 63 }\n---\n";
        let (entries, errors) = merged(same);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(entry(&entries, "access-to-services").notes(), Some("Plus longtemps."));
        // The same figures in another order agree with the original's.
        let reordered = "---\ntitle: Ville\nindicators:\n  access-to-services:\n    disaggregation:\n      \
                         migrant-status: { non-migrant: 63, returnee: 48 }\n---\n";
        let (_, errors) = merged(reordered);
        assert!(errors.is_empty(), "{errors:?}");
        for (given, said) in [
            ("value: 50", "`access-to-services` is 50% here but 61% in `river-town.md`"),
            ("n: 212", "the disaggregation or number of respondents of `access-to-services` here differs"),
            ("date: 2026-02-28", "the `date` of `access-to-services` is `2026-02-28` here but `2026-04-30`"),
            ("method: desk-review", "the `method` of `access-to-services` is `desk-review` here but"),
            ("confidence: low", "the `confidence` of `access-to-services` is `low` here but not given"),
            (
                "disaggregation: { migrant-status: { returnee: 40, non-migrant: 63 } }",
                "the disaggregation or number of respondents of `access-to-services`",
            ),
        ] {
            let text = format!("---\ntitle: Ville\nindicators:\n  access-to-services:\n    {given}\n---\n");
            let (_, errors) = merged(&text);
            assert!(errors.len() == 1 && errors[0].contains(said), "{given}: {errors:?}");
            assert!(errors[0].starts_with("translation-contradicts"), "{errors:?}");
        }
    }

    #[test]
    fn words_without_a_figure_anywhere_are_reported_and_not_shown() {
        let (entries, errors) =
            merged("---\ntitle: Ville\nindicators:\n  land-and-tenure-security:\n    source: Enquête\n---\n");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].starts_with("missing-field: `land-and-tenure-security` gives no `value` here"), "{errors:?}");
        let land = Schema::builtin().indicators.get("land-and-tenure-security").unwrap();
        assert!(entries.iter().all(|e| e.indicator != land), "an entry with no figure is shown");
    }
}
