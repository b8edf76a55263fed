use super::*;
use crate::schema::HasTerm;

/// Every built-in entry has a label (and a description, where English has one) in every
/// language Fieldbook ships, and each translation names only entries that exist.
#[test]
fn every_entry_is_translated_into_every_shipped_language() {
    let schema = Schema::builtin();
    for (lang, _) in TRANSLATIONS {
        let t = translation(lang).unwrap();
        let mut expected: Vec<(&str, &Term)> = Vec::new();
        macro_rules! terms {
            ($($kind:ident: $what:literal),* $(,)?) => {$(
                expected.extend(schema.$kind.iter().map(|e| (stringify!($kind), e.term())));
            )*};
        }
        crate::schema::term_lists!(terms);
        for (kind, term) in &expected {
            let text = t.kinds.get(*kind).and_then(|k| k.get(&term.id));
            let text = text.unwrap_or_else(|| panic!("{lang}: {kind}.{} is not translated", term.id));
            assert!(text.label.as_deref().is_some_and(|l| !l.is_empty()), "{lang}: {kind}.{} has no label", term.id);
            if !term.description.is_empty() {
                assert!(text.description.is_some(), "{lang}: {kind}.{} has no description", term.id);
            }
        }
        for (kind, entries) in &t.kinds {
            for id in entries.keys() {
                assert!(expected.iter().any(|(k, e)| k == kind && &e.id == id), "{lang}: {kind}.{id} is no entry");
            }
        }
        for indicator in schema.indicators.iter() {
            let text = &t.kinds["indicators"][&indicator.term.id];
            assert_eq!(indicator.unit.is_some(), text.unit.is_some(), "{lang}: unit of {}", indicator.term.id);
            let scale = indicator.scale.as_ref().map(|s| s.labels.len());
            assert_eq!(scale, text.scale.as_ref().map(Vec::len), "{lang}: scale of {}", indicator.term.id);
            assert_eq!(
                indicator.question.is_some(),
                text.question.is_some(),
                "{lang}: question of {}",
                indicator.term.id
            );
        }
        for approach in schema.approaches.iter() {
            let text = &t.kinds["approaches"][&approach.term.id];
            assert_eq!(text.advantages.as_ref().map(Vec::len), Some(approach.advantages.len()), "{lang}");
            assert_eq!(text.disadvantages.as_ref().map(Vec::len), Some(approach.disadvantages.len()), "{lang}");
        }
        for field in &schema.fields {
            assert!(t.fields.contains_key(&field.name), "{lang}: field {} has no label", field.name);
            assert!(t.field_descriptions.contains_key(&field.name), "{lang}: field {} has no description", field.name);
        }
        for name in t.fields.keys().chain(t.field_descriptions.keys()) {
            assert!(schema.fields.iter().any(|f| &f.name == name), "{lang}: {name} is no field");
        }
        for dimension in schema.disaggregations.iter() {
            let text = &t.kinds["disaggregations"][&dimension.term.id];
            let translated: Vec<&String> = text.respondent.iter().flat_map(BTreeMap::keys).collect();
            let english: Vec<&String> = dimension.respondent.keys().collect();
            assert_eq!(translated, english, "{lang}: respondent of {}", dimension.term.id);
        }
        let parts =
            schema.indicators.iter().flat_map(|i| &i.parts).chain(schema.disaggregations.iter().flat_map(|d| &d.parts));
        for part in parts.filter(|p| p.chars().any(char::is_alphabetic)) {
            assert!(t.parts.contains_key(part), "{lang}: part {part} has no name");
        }
    }
}

#[test]
fn a_localized_schema_speaks_the_language() {
    let fr = Schema::builtin().localized("fr-SN");
    let rate = &fr.indicators[fr.indicators.get("migration-rates").unwrap()];
    assert_eq!(rate.term.label, "Taux de migration");
    assert_eq!(rate.unit.as_deref(), Some("émigrants pour 1 000 habitants par an"));
    let perception = &fr.indicators[fr.indicators.get("perception-of-migration").unwrap()];
    assert_eq!(perception.scale.as_ref().unwrap().label(3), Some("mitigée"));
    assert_eq!(fr.disaggregations.by_id("sex").unwrap().part_label("female"), "femmes");
    let gender = fr.indicators.by_id("gender-distribution").unwrap();
    assert_eq!(gender.part_label("female"), "femmes");
    assert_eq!(perception.part_label("0-14"), "0-14");
    let approach = &fr.approaches[0];
    assert!(approach.advantages[0].starts_with("Fort impact"));
    let assessed = fr.fields.iter().find(|f| f.name == "assessed").unwrap();
    assert_eq!(assessed.term.label, "Évaluée le");
    assert_ne!(
        assessed.term.description,
        Schema::builtin().fields.iter().find(|f| f.name == "assessed").unwrap().term.description
    );
    let ar = Schema::builtin().localized("ar");
    assert_eq!(ar.criterion_statuses.by_id("met").unwrap().label, "مستوفى");
    let en = Schema::builtin().localized("en");
    assert_eq!(en.indicators[0].term.label, Schema::builtin().indicators[0].term.label);
    assert_eq!(en.disaggregations.by_id("sex").unwrap().part_label("female"), "female");
}

#[test]
fn a_site_translation_wins_and_a_relabelled_entry_keeps_the_site_text() {
    let mut schema = Schema::builtin();
    let i = schema.indicators.get("age-distribution").unwrap();
    let term = schema.indicators.iter_mut().nth(i).unwrap().term_mut();
    term.labels.insert("fr".into(), "Pyramide des âges".into());
    term.descriptions.insert("fr".into(), "Par tranche.".into());
    let j = schema.criteria.get("community-interest").unwrap();
    schema.criteria.iter_mut().nth(j).unwrap().label = "Local buy-in".into();
    let fr = schema.localized("fr");
    assert_eq!(fr.indicators[i].term.label, "Pyramide des âges");
    assert_eq!(fr.indicators[i].term.description, "Par tranche.");
    assert_eq!(schema.indicators[i].term.description_in("fr"), "Par tranche.");
    assert_eq!(schema.indicators[i].term.description_in("es"), schema.indicators[i].term.description);
    assert_eq!(fr.criteria[j].label, "Local buy-in", "the site's relabelling is not the handbook's");
    assert_eq!(
        fr.criteria[j].description,
        "La population locale est intéressée et les rapatriés sont motivés pour participer."
    );
}

#[test]
fn a_field_s_help_follows_the_same_rules_as_an_entry_s_description() {
    let mut schema = Schema::builtin();
    let field = |schema: &Schema, name: &str| schema.fields.iter().position(|f| f.name == name).unwrap();
    let (place, source) = (field(&schema, "place_code"), field(&schema, "source"));
    // The site's own French wins; a field the site redescribes keeps the site's text.
    schema.fields[place].term.descriptions.insert("fr".into(), "Le P-code de l'OCHA.".into());
    schema.fields[source].term.description = "Who told us.".into();
    let fr = schema.localized("fr");
    assert_eq!(fr.fields[place].term.description, "Le P-code de l'OCHA.");
    assert_eq!(fr.fields[source].term.description, "Who told us.");
    let assessed = field(&schema, "assessed");
    assert_eq!(fr.fields[assessed].term.description, "La date à laquelle l'évaluation s'est achevée.");
    assert_eq!(schema.localized("en").fields[assessed].term.description, schema.fields[assessed].term.description);
}

/// Pages show Fieldbook's French with a narrow no-break space before `?` and `:`; the terminal
/// and the reference show the files as written; a site's own French is never changed.
#[test]
fn pages_punctuate_fieldbook_s_french_and_leave_the_site_s_own_text() {
    let mut schema = Schema::builtin();
    let i = schema.indicators.get("age-distribution").unwrap();
    schema.indicators.iter_mut().nth(i).unwrap().term_mut().labels.insert("fr".into(), "Âges : tranches".into());
    let q1 = |s: &Schema| s.research_questions.by_id("q1").unwrap().term.label.clone();
    let pages = schema.localized_for_pages("fr-SN");
    assert!(q1(&pages).ends_with("aujourd'hui\u{202f}?"), "{}", q1(&pages));
    assert!(pages.indicator_groups[0].description.contains("communauté\u{202f}: sa composition"));
    assert_eq!(pages.indicators[i].term.label, "Âges : tranches", "the site's own label, as written");
    assert!(q1(&schema.localized("fr")).ends_with("aujourd'hui ?"), "as written, for the terminal");
    for language in ["en", "es", "ar"] {
        let (plain, pages) = (schema.localized(language), schema.localized_for_pages(language));
        assert_eq!(q1(&plain), q1(&pages), "{language}");
        assert_eq!(plain.indicator_groups[0].description, pages.indicator_groups[0].description, "{language}");
    }
}

/// A survey asks the respondent's own part with a name for one person (`Femme`), where a
/// part's label names a group (`femmes`): Fieldbook's in each language it ships while the site
/// keeps its English, the site's own (`respondents = { fr = … }`) over it, and the part's
/// label for a part that has none.
#[test]
fn one_respondent_is_named_as_one_person_in_each_language() {
    let builtin = Schema::builtin();
    let sex = builtin.disaggregations.get("sex").unwrap();
    let status = builtin.disaggregations.get("migrant-status").unwrap();
    let age = builtin.disaggregations.get("age-group").unwrap();
    let named = |schema: &Schema, language: &str, d: usize, part: &str| {
        schema.localized(language).respondent_label(d, part).to_string()
    };
    for (language, female, male, returnee) in [
        ("en", "Woman", "Man", "Returnee"),
        ("fr", "Femme", "Homme", "Personne rapatriée"),
        ("fr-SN", "Femme", "Homme", "Personne rapatriée"),
        ("es", "Mujer", "Hombre", "Persona retornada"),
        ("ar", "امرأة", "رجل", "عائد"),
    ] {
        assert_eq!(named(&builtin, language, sex, "female"), female, "{language}");
        assert_eq!(named(&builtin, language, sex, "male"), male, "{language}");
        assert_eq!(named(&builtin, language, status, "returnee"), returnee, "{language}");
        assert_eq!(named(&builtin, language, age, "18-34"), "18-34", "{language}: no name for one, the part's");
    }
    let fr = builtin.localized("fr");
    assert_eq!(fr.disaggregations[sex].part_label("female"), "femmes", "the group keeps its label");

    let mut site = Schema::builtin();
    let dimension = site.disaggregations.iter_mut().nth(sex).unwrap();
    dimension.parts.push("other".into());
    dimension.respondent.insert("female".into(), "Female".into());
    dimension.respondents.insert("fr".into(), [("male".into(), "Masculin".into())].into());
    assert_eq!(named(&site, "fr", sex, "female"), "Female", "the site's English is not Fieldbook's");
    assert_eq!(named(&site, "fr", sex, "male"), "Masculin", "the site's own French");
    assert_eq!(named(&site, "es", sex, "male"), "Hombre");
    assert_eq!(named(&site, "fr", sex, "other"), "autre", "the part's label");
    assert_eq!(named(&site, "en", sex, "other"), "other");
}

/// An indicator's survey question: Fieldbook's translation while the site keeps Fieldbook's
/// English, the site's own `questions` over it, and a question of the site's own in every
/// language it gives none for.
#[test]
fn a_question_is_translated_until_the_site_asks_its_own() {
    let asked = |schema: &Schema, id: &str, language: &str| {
        schema.localized(language).indicators.by_id(id).and_then(|i| i.question.clone()).unwrap_or_default()
    };
    let builtin = Schema::builtin();
    assert_eq!(asked(&builtin, "educational-achievement", "en"), "Have you completed secondary school?");
    assert_eq!(asked(&builtin, "educational-achievement", "fr-SN"), "Avez-vous achevé le cycle secondaire ?");
    let source = crate::source::SourceFile::new(
        "schema.toml",
        "schema.toml",
        concat!(
            "[[indicators]]\nid = \"educational-achievement\"\n",
            "question = \"Did you finish secondary school?\"\nquestions = { es = \"¿Terminó la secundaria?\" }\n",
        )
        .into(),
    );
    let (schema, problems) = crate::schema::load(Some(&source));
    assert!(problems.is_ok(), "{problems:?}");
    assert_eq!(asked(&schema, "educational-achievement", "en"), "Did you finish secondary school?");
    assert_eq!(asked(&schema, "educational-achievement", "es"), "¿Terminó la secundaria?");
    // The site changed the English: Fieldbook's French no longer says the same thing.
    assert_eq!(asked(&schema, "educational-achievement", "fr"), "Did you finish secondary school?");
    // The other questions keep Fieldbook's translation.
    assert_eq!(asked(&schema, "income-and-employment", "fr"), "Avez-vous un travail rémunéré, formel ou informel ?");
    // A blank question is none: the label is shown, in every language.
    let blank = crate::source::SourceFile::new(
        "schema.toml",
        "schema.toml",
        "[[indicators]]\nid = \"safety-levels\"\nquestion = \"  \"\nquestions = { fr = \"\" }\n".into(),
    );
    let (schema, problems) = crate::schema::load(Some(&blank));
    assert!(problems.is_ok(), "{problems:?}");
    assert_eq!(asked(&schema, "safety-levels", "en"), "");
    assert_eq!(asked(&schema, "safety-levels", "fr"), "");
}
