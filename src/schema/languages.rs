//! A site's own wording in the schema, checked against the languages the site publishes in.
//! Fieldbook translates its own entries and the names of its own parts into French, Spanish
//! and Arabic; what a site adds or changes in schema.toml (an indicator's `label` or survey
//! `question`, a criterion's label, a part's label or a part it adds, one respondent's name)
//! is the site's to give in each of its languages. A language it is missing in shows the base
//! text there (the part's name, for a part without a label), on pages or in the form's column,
//! without anyone having been told: these warnings tell it, at the entry in schema.toml, once
//! per entry (once per part, for parts). `check` (every command that loads the site) says them for the site's
//! languages; `form` says the respondents' for the form's, which are the same.

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::locale::primary;
use crate::messages::Message;
use crate::schema::{Dimension, HasTerm, Indicator, Schema, Term, translate};

/// Every warning of this module for a site in `languages` (the default first): labels
/// ([`unlabelled_languages`]), the labels of parts ([`unlabelled_parts`]) and respondents'
/// names ([`untranslated_respondents`]).
pub fn untranslated(schema: &Schema, languages: &[String]) -> Diagnostics {
    let mut found = unlabelled_languages(schema, languages);
    found.extend(unlabelled_parts(schema, languages));
    found.extend(untranslated_respondents(schema, languages));
    found
}

/// The languages of `languages` (the site's, its default first) that need the site's own
/// text and lack it: those for which `given` says no text is given (for the tag itself or its
/// primary language), but `base`, the language the base text is in ([`base_language`]).
fn missing_in<'a>(languages: &'a [String], base: &str, given: impl Fn(&str) -> bool) -> Vec<&'a str> {
    languages
        .iter()
        .filter(|language| primary(language) != base)
        .filter(|language| !given(language))
        .map(String::as_str)
        .collect()
}

/// The primary language an entry's base text (`label`, `respondent`) is taken to be in:
/// English, as every base label of Fieldbook's schema is, unless the site's default language
/// is another and the entry gives no text of its own for it. Then the base text is what its
/// pages show in that language, so it is read as written in it: a French team's
/// `label = "Accès à l'eau"` on a French site is French, and only the site's other languages
/// (English among them) are missing.
fn base_language(languages: &[String], given: impl Fn(&str) -> bool) -> String {
    match languages.first() {
        Some(default) if primary(default) != "en" && !given(default) => primary(default),
        _ => "en".to_string(),
    }
}

/// A `schema-label-language` warning for each entry whose label the site's schema.toml gives
/// (a new entry, or a built-in one relabelled) without a label in some of `languages`, at the
/// entry's `id = "..."` line: pages in those languages show its `label`, since Fieldbook's own
/// translation is only of its own English. An entry the site keeps Fieldbook's label for, or
/// changes only in other ways (`survey = false`, `labels = { fr = … }`), is Fieldbook's to
/// translate and is not named. The same for a description the site gives or changes, which
/// pages show under the entry (`descriptions`), in a warning of its own. Fields (`[[fields]]`)
/// are checked the same way.
pub fn unlabelled_languages(schema: &Schema, languages: &[String]) -> Diagnostics {
    let builtin = Schema::builtin();
    let mut found = Diagnostics::new();
    let mut check = |list: &'static str, what: &'static str, term: &Term, fieldbooks: Option<&Term>| {
        let Some(at) = schema.site_entries.get(&(list, term.id.clone())) else { return };
        let said = |key: &'static str, missing: &[&str]| {
            Message::new(key)
                .count("n", missing.len() as u64)
                .phrase("what", Message::new(what))
                .with("id", term.id.as_str())
                .all_of("languages", missing)
        };
        // The entry's base texts are in one language, which its labels tell: a French site's
        // entry labelled in `labels.fr` keeps an English `label` and `description`.
        let labelled = |language: &str| translate::pick(&term.labels, language).is_some();
        let base = base_language(languages, labelled);
        if fieldbooks.map(|b| b.label.as_str()) != Some(term.label.as_str()) {
            let missing = missing_in(languages, &base, labelled);
            if !missing.is_empty() {
                let message = said("schema-languages.label-missing", &missing).with("label", term.label.as_str());
                let help =
                    Message::new("schema-languages.label-missing-help").with("example", example("labels", &missing));
                found.push(Diagnostic::warning_said("schema-label-language", at.clone(), message).with_help_said(help));
            }
        }
        let own_description = fieldbooks.map(|b| b.description.as_str()) != Some(term.description.as_str());
        if own_description && !term.description.trim().is_empty() {
            let missing =
                missing_in(languages, &base, |language| translate::pick(&term.descriptions, language).is_some());
            if !missing.is_empty() {
                let help = Message::new("schema-languages.description-missing-help")
                    .with("example", example("descriptions", &missing));
                found.push(
                    Diagnostic::warning_said(
                        "schema-label-language",
                        at.clone(),
                        said("schema-languages.description-missing", &missing),
                    )
                    .with_help_said(help),
                );
            }
        }
    };
    macro_rules! lists {
        ($($list:ident: $what:literal),* $(,)?) => {$(
            for entry in schema.$list.iter() {
                let term = entry.term();
                let fieldbooks = builtin.$list.by_id(&term.id).map(|b| b.term());
                check(stringify!($list), concat!("schema.what.", $what), term, fieldbooks);
            }
        )*};
    }
    super::term_lists!(lists);
    for field in &schema.fields {
        let fieldbooks = builtin.fields.iter().find(|b| b.name == field.name).map(|b| &b.term);
        check("fields", "schema.what.field", &field.term, fieldbooks);
    }
    found.extend(unasked_languages(schema, languages));
    found
}

/// The help's example of `field` with a text for each language `missing`: `labels = { fr =
/// "…", ar = "…" }`.
fn example(field: &str, missing: &[&str]) -> String {
    let each = missing.iter().map(|l| format!("{l} = \"…\"")).collect::<Vec<_>>().join(", ");
    format!("{field} = {{ {each} }}")
}

/// A `schema-label-language` warning for each indicator whose survey question the site's
/// schema.toml gives (or changes) without a question in some of `languages`: the survey form
/// has a column for each language of the site, and asks the `question` in those.
fn unasked_languages(schema: &Schema, languages: &[String]) -> Diagnostics {
    let builtin = Schema::builtin();
    let mut found = Diagnostics::new();
    for indicator in schema.indicators.iter() {
        let Some(question) = &indicator.question else { continue };
        let fieldbooks = builtin.indicators.by_id(&indicator.term.id).and_then(|b| b.question.as_ref());
        let Some(at) = schema.site_entries.get(&("indicators", indicator.term.id.clone())) else { continue };
        if fieldbooks == Some(question) {
            continue;
        }
        let asked = |language: &str| translate::pick(&indicator.questions, language).is_some();
        let missing = missing_in(languages, &base_language(languages, asked), asked);
        if missing.is_empty() {
            continue;
        }
        let message = Message::new("schema-languages.question-missing")
            .count("n", missing.len() as u64)
            .with("id", indicator.term.id.as_str())
            .all_of("languages", &missing)
            .with("question", question.as_str());
        let help =
            Message::new("schema-languages.question-missing-help").with("example", example("questions", &missing));
        found.push(Diagnostic::warning_said("schema-label-language", at.clone(), message).with_help_said(help));
    }
    found
}

/// A `schema-label-language` warning for each part of a dimension or an indicator that the
/// site's schema.toml labels (`part_label`) or adds without a label, and that has no label in
/// some of `languages`, at the entry's `id = "..."` line: pages in those languages show its
/// label, or its name as written (`displaced`). A part of Fieldbook's that keeps Fieldbook's
/// label is Fieldbook's to translate, and a part Fieldbook translates needs nothing in the
/// languages it translates into until the site labels it; a label without letters (`75+`)
/// reads the same in every language. The language the `part_label` (or the name) is in needs
/// none, as for labels: English, or the default language of a site in another.
pub fn unlabelled_parts(schema: &Schema, languages: &[String]) -> Diagnostics {
    let builtin = Schema::builtin();
    let mut found = Diagnostics::new();
    let mut check =
        |list: &'static str, what: &'static str, id: &str, own: Parts<'_>, fieldbooks: Option<Parts<'_>>| {
            let Some(at) = schema.site_entries.get(&(list, id.to_string())) else { return };
            // The parts listed, and those labelled of a distribution that lists none.
            let named = own.parts.iter().chain(own.label.keys().filter(|p| !own.parts.contains(p)));
            for part in named {
                let label = own.label.get(part);
                let fieldbooks_label = fieldbooks.and_then(|b| b.label.get(part));
                if fieldbooks.is_some_and(|b| b.parts.contains(part)) && label == fieldbooks_label {
                    continue;
                }
                let shown = label.map_or(part.as_str(), String::as_str);
                if !shown.chars().any(char::is_alphabetic) {
                    continue;
                }
                let given = |language: &str| {
                    translate::pick_in(own.labels, language).is_some_and(|texts| texts.contains_key(part))
                        || (label.is_none()
                            && translate::translation(language).is_some_and(|t| t.parts.contains_key(part)))
                };
                let missing = missing_in(languages, &base_language(languages, given), given);
                if missing.is_empty() {
                    continue;
                }
                let key = if part.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_')) {
                    part.clone()
                } else {
                    format!("\"{part}\"")
                };
                let each: Vec<String> = missing.iter().map(|l| format!("{l} = {{ {key} = \"…\" }}")).collect();
                let message = Message::new("schema-parts.label-missing")
                    .count("n", missing.len() as u64)
                    .with("part", part.as_str())
                    .phrase("what", Message::new(what))
                    .with("id", id)
                    .all_of("languages", &missing)
                    .with("label", shown);
                let help = Message::new("schema-parts.label-missing-help")
                    .with("example", format!("part_labels = {{ {} }}", each.join(", ")));
                found.push(Diagnostic::warning_said("schema-label-language", at.clone(), message).with_help_said(help));
            }
        };
    for dimension in schema.disaggregations.iter() {
        let fieldbooks = builtin.disaggregations.by_id(&dimension.term.id).map(Parts::of_dimension);
        let what = "schema.what.disaggregation-dimension";
        check("disaggregations", what, &dimension.term.id, Parts::of_dimension(dimension), fieldbooks);
    }
    for indicator in schema.indicators.iter() {
        let fieldbooks = builtin.indicators.by_id(&indicator.term.id).map(Parts::of_indicator);
        check("indicators", "schema.what.indicator", &indicator.term.id, Parts::of_indicator(indicator), fieldbooks);
    }
    found
}

/// An entry's parts and their labels, by part name: in the file's language, and by language.
#[derive(Clone, Copy)]
struct Parts<'a> {
    parts: &'a [String],
    label: &'a BTreeMap<String, String>,
    labels: &'a BTreeMap<String, BTreeMap<String, String>>,
}

impl<'a> Parts<'a> {
    fn of_dimension(d: &'a Dimension) -> Self {
        Parts { parts: &d.parts, label: &d.part_label, labels: &d.part_labels }
    }

    fn of_indicator(i: &'a Indicator) -> Self {
        Parts { parts: &i.parts, label: &i.part_label, labels: &i.part_labels }
    }
}

/// A `survey-respondent-language` warning for each part whose respondent name the site gives
/// (or changes) without a name in some of `languages` (the site's, which the form is made in),
/// at the dimension's entry in schema.toml. The language the `respondent` name is in needs
/// none: English, or the site's default language when the site gives no name in it.
pub fn untranslated_respondents(schema: &Schema, languages: &[String]) -> Diagnostics {
    let builtin = Schema::builtin();
    let mut found = Diagnostics::new();
    for dimension in schema.disaggregations.iter() {
        let Some(at) = &dimension.site_entry else { continue };
        let fieldbooks = builtin.disaggregations.by_id(&dimension.term.id);
        for (part, name) in &dimension.respondent {
            // Fieldbook's own name, which its translations give in every language.
            if fieldbooks.and_then(|b| b.respondent.get(part)) == Some(name) {
                continue;
            }
            let named = |language: &str| {
                translate::pick_in(&dimension.respondents, language).is_some_and(|names| names.contains_key(part))
            };
            let missing = missing_in(languages, &base_language(languages, named), named);
            if missing.is_empty() {
                continue;
            }
            let example = missing.iter().map(|l| format!("{l} = {{ {part} = \"…\" }}")).collect::<Vec<_>>();
            let message = Message::new("survey.respondent-language")
                .count("n", missing.len() as u64)
                .with("part", part.as_str())
                .with("dimension", dimension.term.id.as_str())
                .all_of("languages", &missing)
                .with("name", name.as_str());
            found.push(
                Diagnostic::warning_said("survey-respondent-language", at.clone(), message).with_help_said(
                    Message::new("survey.respondent-language-help").with("example", example.join(", ")),
                ),
            );
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    /// The `schema-label-language` warnings of a site schema in `languages`, as "id: languages".
    fn warned(schema_toml: &str, languages: &[&str]) -> Vec<String> {
        let file = SourceFile::new("schema.toml", "schema.toml", schema_toml.to_string());
        let (schema, problems) = crate::schema::load::load(Some(&file));
        assert!(problems.is_empty(), "{problems:?}");
        let languages: Vec<String> = languages.iter().map(|l| l.to_string()).collect();
        untranslated(&schema, &languages).iter().map(|d| d.message.clone()).collect()
    }

    const FRENCH_ONLY: &str = "[[methods]]\nid = \"marche\"\nlabel = \"Marche transversale\"\n";
    const ENGLISH_AND_FRENCH: &str =
        "[[methods]]\nid = \"walk\"\nlabel = \"Transect walk\"\nlabels = { fr = \"Marche transversale\" }\n";

    #[test]
    fn an_english_site_needs_every_other_language_in_labels() {
        assert!(warned(ENGLISH_AND_FRENCH, &["en", "fr"]).is_empty());
        let found = warned(FRENCH_ONLY, &["en", "fr"]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("`fr`"), "{found:?}");
    }

    #[test]
    fn on_a_site_in_another_language_a_label_without_its_language_is_in_that_language() {
        // A French site's team writes its entry's label in French: nothing is missing.
        assert!(warned(FRENCH_ONLY, &["fr"]).is_empty());
        // The same site in English too: the English pages would show the French label.
        let found = warned(FRENCH_ONLY, &["fr", "en"]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("`en`"), "{found:?}");
        // An entry that gives its French label in `labels` keeps an English `label`, as
        // Fieldbook's own do: English needs nothing, Arabic does.
        assert!(warned(ENGLISH_AND_FRENCH, &["fr", "en"]).is_empty());
        let found = warned(ENGLISH_AND_FRENCH, &["fr", "ar"]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("`ar`") && !found[0].contains("`fr`"), "{found:?}");
    }

    const DISPLACED: &str = "[[disaggregations]]\nid = \"migrant-status\"\n\
                             parts = [\"returnee\", \"non-migrant\", \"displaced\"]\n";

    #[test]
    fn a_part_the_site_adds_or_relabels_needs_a_label_in_each_language() {
        // Added without a label: every page shows its name, French ones too.
        let found = warned(DISPLACED, &["en", "fr"]);
        assert_eq!(
            found,
            [
                "the part `displaced` of the disaggregation dimension `migrant-status` has no label in `fr`, a language of the site: pages in that language show it as \"displaced\""
            ]
        );
        let labelled = format!("{DISPLACED}part_labels = {{ fr = {{ displaced = \"personnes déplacées\" }} }}\n");
        assert!(warned(&labelled, &["en", "fr"]).is_empty());
        let found = warned(&labelled, &["en", "fr", "ar"]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("no label in `ar`"), "{found:?}");
        // On a French site, a `part_label` is French, unless `part_labels.fr` gives another.
        let french = format!("{DISPLACED}part_label = {{ displaced = \"personnes déplacées\" }}\n");
        assert!(warned(&french, &["fr"]).is_empty());
        let found = warned(&french, &["fr", "en"]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("no label in `en`") && found[0].contains("\"personnes déplacées\""), "{found:?}");
        // Fieldbook's part relabelled in English: Fieldbook's French no longer applies.
        let relabelled =
            "[[disaggregations]]\nid = \"migrant-status\"\npart_label = { returnee = \"returning migrants\" }\n";
        let found = warned(relabelled, &["en", "fr"]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("`returnee`") && found[0].contains("`fr`"), "{found:?}");
        // A label on a distribution that lists no parts is the site's too.
        let ethnic = "[[indicators]]\nid = \"ethnic-distribution\"\npart_label = { amazigh = \"Amazigh-speaking\" }\n";
        let found = warned(ethnic, &["en", "es"]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("the indicator `ethnic-distribution`"), "{found:?}");
    }

    #[test]
    fn a_part_fieldbook_names_or_one_without_letters_needs_nothing() {
        // Fieldbook's own parts, listed again: Fieldbook's to translate.
        assert!(warned(DISPLACED.replace(", \"displaced\"", "").as_str(), &["en", "fr", "pt"]).is_empty());
        // A part Fieldbook translates, added to a dimension: named in Fieldbook's languages.
        let other = "[[disaggregations]]\nid = \"sex\"\nparts = [\"female\", \"male\", \"other\"]\n";
        assert!(warned(other, &["en", "fr", "es", "ar"]).is_empty());
        assert_eq!(warned(other, &["fr", "pt"]).len(), 1);
        // `75+` reads the same in every language.
        let age =
            "[[disaggregations]]\nid = \"age-group\"\nparts = [\"0-17\", \"18-34\", \"35-59\", \"60-74\", \"75+\"]\n";
        assert!(warned(age, &["en", "fr", "ar"]).is_empty());
    }

    #[test]
    fn a_description_the_site_gives_is_checked_as_its_label_is() {
        let described = format!("{ENGLISH_AND_FRENCH}description = \"Walking with residents.\"\n");
        let found = warned(&described, &["en", "fr"]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("no description in `fr`"), "{found:?}");
        let translated = format!("{described}descriptions = {{ fr = \"Marcher avec des habitants.\" }}\n");
        assert!(warned(&translated, &["en", "fr"]).is_empty());
        // On a French site, an entry labelled in `labels.fr` has an English description: it is
        // French that it lacks, not English.
        let found = warned(&described, &["fr", "en"]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("no description in `fr`"), "{found:?}");
        // Fieldbook's own description of a built-in entry, kept, is Fieldbook's to translate.
        assert!(
            warned("[[indicators]]\nid = \"access-to-services\"\nlabels = { fr = \"Accès\" }\n", &["en", "ar"])
                .is_empty()
        );
    }

    #[test]
    fn a_question_the_site_asks_needs_each_language_of_the_site() {
        let asked = "[[indicators]]\nid = \"educational-achievement\"\nquestion = \"Did you finish school?\"\n";
        assert!(warned(asked, &["en"]).is_empty());
        assert_eq!(
            warned(asked, &["en", "fr"]),
            [
                "the indicator `educational-achievement` has no question in `fr`, a language of the site: the survey form asks \"Did you finish school?\" in that language"
            ]
        );
        let translated = format!("{asked}questions = {{ fr = \"Avez-vous fini l'école ?\" }}\n");
        assert!(warned(&translated, &["en", "fr"]).is_empty());
        // Fieldbook's own question is Fieldbook's to translate, whatever else the site changes.
        let kept = "[[indicators]]\nid = \"educational-achievement\"\nsurvey = false\n";
        assert!(warned(kept, &["en", "fr", "es", "ar"]).is_empty());
    }
}
