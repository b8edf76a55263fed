//! The handbook schema in other languages: Fieldbook's own translations of the labels and
//! descriptions of `handbook.toml` and `fields.toml` (the files in `i18n/` beside this one,
//! embedded in the binary), and a site's own `labels = { fr = … }`,
//! `descriptions = { fr = … }` and, for an indicator's survey question, `questions = { fr = … }`
//! on top.
//!
//! These are Fieldbook's translations, not an official translation of the handbook.
//!
//! A translation applies to an entry only while the site keeps the entry's built-in English
//! text: an entry the site relabels (or adds) shows the site's text, in every language, unless
//! the site gives that language too.
//!
//! Pages show Fieldbook's translations with the language's punctuation
//! ([`Schema::localized_for_pages`]: in French, a narrow no-break space before `:`), which the
//! files in `i18n/` need not type; the terminal and the reference show them as written. A
//! site's own text is never changed.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::{HasTerm, Indicator, Schema, Term, ValueKind};
use crate::locale::{Punctuation, primary};

/// The embedded translations, by language.
pub const TRANSLATIONS: [(&str, &str); 3] =
    [("fr", include_str!("i18n/fr.toml")), ("es", include_str!("i18n/es.toml")), ("ar", include_str!("i18n/ar.toml"))];

/// One entry's text in a language.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryText {
    /// Label.
    pub label: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// An indicator's unit.
    pub unit: Option<String>,
    /// An indicator's question on the survey form.
    pub question: Option<String>,
    /// An indicator's scale labels, lowest point first.
    pub scale: Option<Vec<String>>,
    /// An approach's advantages.
    pub advantages: Option<Vec<String>>,
    /// An approach's disadvantages.
    pub disadvantages: Option<Vec<String>>,
    /// A disaggregation dimension's names for one respondent of each part, by part name.
    pub respondent: Option<BTreeMap<String, String>>,
}

/// A translation of the schema: each kind of entry, by id.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Translation {
    /// Names of parts of distributions and disaggregations, by part name.
    pub parts: BTreeMap<String, String>,
    /// Field labels, by field name.
    pub fields: BTreeMap<String, String>,
    /// Field descriptions (the help editors show and the reference prints), by field name.
    pub field_descriptions: BTreeMap<String, String>,
    /// Every other kind of entry, by kind (`indicators`, `criteria`...) and id.
    #[serde(flatten)]
    pub kinds: BTreeMap<String, BTreeMap<String, EntryText>>,
}

/// The embedded translation into `language` (`fr` serves `fr-SN`), if Fieldbook has one.
pub fn translation(language: &str) -> Option<&'static Translation> {
    static PARSED: OnceLock<BTreeMap<&'static str, Translation>> = OnceLock::new();
    let parsed = PARSED.get_or_init(|| {
        TRANSLATIONS
            .iter()
            .map(|(lang, text)| (*lang, toml::from_str(text).unwrap_or_else(|e| panic!("i18n/{lang}.toml: {e}"))))
            .collect()
    });
    parsed.get(primary(language).as_str())
}

/// The text `map` gives for `language`: for the tag itself, else for its primary language.
pub fn pick<'a>(map: &'a BTreeMap<String, String>, language: &str) -> Option<&'a str> {
    pick_in(map, language).map(String::as_str)
}

/// What `map` (keyed by language) gives for `language`: for the tag itself, else for its
/// primary language, as [`pick`] reads texts (here also a table of texts by part name).
pub fn pick_in<'a, V>(map: &'a BTreeMap<String, V>, language: &str) -> Option<&'a V> {
    if map.is_empty() {
        return None;
    }
    map.get(language).or_else(|| map.get(&primary(language)))
}

/// The labels a rating's points may be written as, point by point from the lowest: the
/// scale's own (English, or the site's), then, while the site kept Fieldbook's scale, its
/// French, Spanish and Arabic labels, so that a team writes the label it reads on its pages
/// (`très sûr`, `muy segura`). `check` and the editors' JSON Schemas both accept these.
pub fn rating_labels(indicator: &Indicator) -> Vec<Vec<&str>> {
    let Some(scale) = &indicator.scale else { return Vec::new() };
    let mut points: Vec<Vec<&str>> = scale.labels.iter().map(|l| vec![l.as_str()]).collect();
    if !keeps_builtin_scale(indicator) {
        return points;
    }
    for (language, _) in TRANSLATIONS {
        let translated = translation(language)
            .and_then(|t| t.kinds.get("indicators"))
            .and_then(|entries| entries.get(&indicator.term.id))
            .and_then(|text| text.scale.as_ref())
            .filter(|labels| labels.len() == points.len());
        for (point, label) in points.iter_mut().zip(translated.into_iter().flatten()) {
            if !point.iter().any(|l| l.to_lowercase() == label.to_lowercase()) {
                point.push(label);
            }
        }
    }
    points
}

/// `indicator`'s scale labels in each of Fieldbook's other languages (`fr`, `es`, `ar`),
/// lowest point first, while the site keeps Fieldbook's scale: what messages say in that
/// language ("de 1 (très négative) à 5 (très positive)").
pub fn scale_labels_by_language(indicator: &Indicator) -> Vec<(&'static str, Vec<&'static str>)> {
    let Some(scale) = &indicator.scale else { return Vec::new() };
    if !keeps_builtin_scale(indicator) {
        return Vec::new();
    }
    TRANSLATIONS
        .iter()
        .filter_map(|(language, _)| {
            let labels = translation(language)?.kinds.get("indicators")?.get(&indicator.term.id)?.scale.as_ref()?;
            (labels.len() == scale.labels.len()).then(|| (*language, labels.iter().map(String::as_str).collect()))
        })
        .collect()
}

/// The point of `indicator`'s scale that `written` names, in any case (see [`rating_labels`]).
pub fn rating_point(indicator: &Indicator, written: &str) -> Option<i64> {
    let scale = indicator.scale.as_ref()?;
    let written = written.trim().to_lowercase();
    let at = rating_labels(indicator).iter().position(|labels| labels.iter().any(|l| l.to_lowercase() == written))?;
    Some(scale.min + at as i64)
}

/// Whether the site keeps Fieldbook's own scale labels for `indicator` (so that Fieldbook's
/// translations of them apply).
fn keeps_builtin_scale(indicator: &Indicator) -> bool {
    let Some(scale) = &indicator.scale else { return false };
    builtin()
        .indicators
        .by_id(&indicator.term.id)
        .and_then(|b| b.scale.as_ref())
        .is_some_and(|b| b.labels == scale.labels)
}

fn builtin() -> &'static Schema {
    static BUILTIN: OnceLock<Schema> = OnceLock::new();
    BUILTIN.get_or_init(Schema::builtin)
}

/// Put `language`'s text on `term`: the embedded translation (`text`, punctuated as `p`
/// says) where the term still has its built-in English (`original`), then the site's own.
fn localize_term(term: &mut Term, original: Option<&Term>, text: Option<&EntryText>, language: &str, p: Punctuation) {
    if let (Some(original), Some(text)) = (original, text) {
        if term.label == original.label
            && let Some(label) = &text.label
        {
            term.label = p.apply(label).into_owned();
        }
        if term.description == original.description
            && let Some(description) = &text.description
        {
            term.description = p.apply(description).into_owned();
        }
    }
    if let Some(label) = pick(&term.labels, language) {
        term.label = label.to_string();
    }
    if let Some(description) = pick(&term.descriptions, language) {
        term.description = description.to_string();
    }
}

impl Schema {
    /// This schema with its labels, descriptions, units, scale labels, part names and names of
    /// one respondent of a part in `language`: Fieldbook's translation where it has one, a site's own `labels` and
    /// `descriptions` over it. Ids, kinds and structure are unchanged, so indices still hold.
    /// English gives the schema as it is (with any `labels = { en = … }` a site gives).
    /// Fieldbook's translations are as written in `i18n/`: for the terminal and the reference.
    pub fn localized(&self, language: &str) -> Schema {
        self.localize(language, Punctuation::Plain)
    }

    /// [`Schema::localized`], with Fieldbook's own translations punctuated as pages in
    /// `language` are ([`Punctuation::of`]); a site's own `labels` and `descriptions` stay as
    /// the site wrote them.
    pub fn localized_for_pages(&self, language: &str) -> Schema {
        self.localize(language, Punctuation::of(language))
    }

    fn localize(&self, language: &str, p: Punctuation) -> Schema {
        let fix = |text: &String| p.apply(text).into_owned();
        let fix_all = |texts: &Vec<String>| texts.iter().map(fix).collect::<Vec<_>>();
        let mut schema = self.clone();
        let original = builtin();
        let translation = translation(language);
        let entry = |kind: &str, id: &str| translation.and_then(|t| t.kinds.get(kind)).and_then(|k| k.get(id));

        macro_rules! localize {
            ($($kind:ident: $what:literal),* $(,)?) => {$(
                for item in schema.$kind.iter_mut() {
                    let term: &mut Term = item.term_mut();
                    let id = term.id.clone();
                    let builtin = original.$kind.by_id(&id).map(HasTerm::term);
                    localize_term(term, builtin, entry(stringify!($kind), &id), language, p);
                }
            )*};
        }
        super::term_lists!(localize);

        for dimension in schema.disaggregations.iter_mut() {
            let builtin = original.disaggregations.by_id(&dimension.term.id);
            let text = entry("disaggregations", &dimension.term.id).and_then(|t| t.respondent.as_ref());
            for (part, label) in &mut dimension.respondent {
                // Fieldbook's translation while the site keeps Fieldbook's English.
                if builtin.and_then(|b| b.respondent.get(part)) == Some(label)
                    && let Some(translated) = text.and_then(|t| t.get(part))
                {
                    *label = fix(translated);
                }
            }
            let own = pick_in(&dimension.respondents, language);
            for (part, label) in own.into_iter().flatten() {
                dimension.respondent.insert(part.clone(), label.clone());
            }
            let parts = PartLabels { parts: Some(&dimension.parts), original: builtin.map(|b| &b.part_label) };
            parts.localize(&mut dimension.part_label, &dimension.part_labels, translation, language, p);
        }
        for indicator in schema.indicators.iter_mut() {
            // Only a distribution's or a list's parts are shown; one that lists none may have any.
            let any = indicator.parts.is_empty() && matches!(indicator.kind, ValueKind::Distribution | ValueKind::List);
            let shown = if any { None } else { Some(&indicator.parts[..]) };
            let builtin = original.indicators.by_id(&indicator.term.id);
            let parts = PartLabels { parts: shown, original: builtin.map(|b| &b.part_label) };
            parts.localize(&mut indicator.part_label, &indicator.part_labels, translation, language, p);
            // The question: Fieldbook's translation while the site keeps Fieldbook's English,
            // then the site's own for the language.
            let translated = entry("indicators", &indicator.term.id).and_then(|t| t.question.as_ref());
            if let (Some(builtin), Some(translated)) = (builtin, translated)
                && builtin.question.is_some()
                && builtin.question == indicator.question
            {
                indicator.question = Some(fix(translated));
            }
            if let Some(own) = pick(&indicator.questions, language) {
                indicator.question = Some(own.to_string());
            }
        }

        let Some(translation) = translation else { return schema };
        for indicator in schema.indicators.iter_mut() {
            let (Some(builtin), Some(text)) =
                (original.indicators.by_id(&indicator.term.id), entry("indicators", &indicator.term.id))
            else {
                continue;
            };
            if let (Some(unit), Some(text_unit)) = (&mut indicator.unit, &text.unit)
                && builtin.unit.as_ref() == Some(unit)
            {
                *unit = fix(text_unit);
            }
            if let (Some(scale), Some(labels)) = (&mut indicator.scale, &text.scale)
                && builtin.scale.as_ref().is_some_and(|b| b.labels == scale.labels)
                && labels.len() == scale.labels.len()
            {
                scale.labels = fix_all(labels);
            }
        }
        for approach in schema.approaches.iter_mut() {
            let (Some(builtin), Some(text)) =
                (original.approaches.by_id(&approach.term.id), entry("approaches", &approach.term.id))
            else {
                continue;
            };
            if let Some(advantages) = &text.advantages
                && builtin.advantages == approach.advantages
            {
                approach.advantages = fix_all(advantages);
            }
            if let Some(disadvantages) = &text.disadvantages
                && builtin.disadvantages == approach.disadvantages
            {
                approach.disadvantages = fix_all(disadvantages);
            }
        }
        for field in &mut schema.fields {
            let builtin = original.fields.iter().find(|f| f.name == field.name);
            if let (Some(builtin), Some(label)) = (builtin, translation.fields.get(&field.name))
                && builtin.term.label == field.term.label
            {
                field.term.label = fix(label);
            }
            if let (Some(builtin), Some(description)) = (builtin, translation.field_descriptions.get(&field.name))
                && builtin.term.description == field.term.description
            {
                field.term.description = fix(description);
            }
            if let Some(label) = pick(&field.term.labels, language) {
                field.term.label = label.to_string();
            }
            if let Some(description) = pick(&field.term.descriptions, language) {
                field.term.description = description.to_string();
            }
        }
        schema
    }
}

/// What the labels of an entry's parts are localized against.
struct PartLabels<'a> {
    /// The parts shown; `None` for any part (a distribution that lists none).
    parts: Option<&'a [String]>,
    /// The labels Fieldbook's own entry gives, in English (none for an entry the site adds).
    original: Option<&'a BTreeMap<String, String>>,
}

impl PartLabels<'_> {
    /// Put `language`'s labels in `labels` (an entry's, by part name): Fieldbook's translation
    /// of each part it names, while the part's label is still Fieldbook's English (none, for
    /// every part of the handbook: `female` is its own English), punctuated as `p` says; then
    /// the site's own (`own`, by language).
    fn localize(
        &self,
        labels: &mut BTreeMap<String, String>,
        own: &BTreeMap<String, BTreeMap<String, String>>,
        translation: Option<&Translation>,
        language: &str,
        p: Punctuation,
    ) {
        let translated = translation.into_iter().flat_map(|t| &t.parts);
        for (part, text) in translated.filter(|(part, _)| self.parts.is_none_or(|parts| parts.contains(part))) {
            if labels.get(part) == self.original.and_then(|o| o.get(part)) {
                labels.insert(part.clone(), p.apply(text).into_owned());
            }
        }
        let own = pick_in(own, language);
        labels.extend(own.into_iter().flatten().map(|(part, label)| (part.clone(), label.clone())));
    }
}

#[cfg(test)]
mod tests;
