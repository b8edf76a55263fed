//! The questions of the form: which indicators are asked, how, and in which language.

use super::*;

fn config() -> Config {
    let source = crate::source::SourceFile::new("fieldbook.toml", "fieldbook.toml", "title = \"T\"\n".into());
    Config::parse(&source).unwrap()
}

#[test]
fn the_schema_says_how_answers_add_up() {
    let site = |text: &str| {
        let source = crate::source::SourceFile::new("schema.toml", "schema.toml", text.into());
        crate::schema::load(Some(&source))
    };
    let head = "[[indicators]]\nid = \"x\"\ngroup = \"sociodemographics\"\nlabel = \"X\"\nkind = \"count\"\n";
    let (schema, problems) = site(head);
    assert!(problems.is_ok());
    assert_eq!(schema.indicators.by_id("x").unwrap().aggregate, crate::schema::Aggregate::Sum);
    let (schema, _) = site(&format!("{head}aggregate = \"mean\"\nmin = 1\nmax = 9\n"));
    let x = schema.indicators.by_id("x").unwrap();
    assert_eq!((x.aggregate, x.min, x.max), (crate::schema::Aggregate::Mean, Some(1.0), Some(9.0)));
    for bad in ["aggregate = \"median\"\n", "min = 5\nmax = 1\n", "max = nan\n"] {
        let (_, problems) = site(&format!("{head}{bad}"));
        assert!(!problems.is_ok(), "{bad}");
    }
    let migration = Schema::builtin();
    let rates = migration.indicators.by_id("migration-rates").unwrap();
    assert!(!rates.survey && rates.aggregate == crate::schema::Aggregate::Mean);
}

#[test]
fn each_kind_gets_its_question() {
    let schema = Schema::builtin();
    let communities = vec![FormCommunity { id: "a".into(), title: "A".into(), status: Some(Status::Published) }];
    let form = build_form(&schema, &config(), &communities, FormOptions::default());
    let q = form.question("access-to-services").unwrap();
    let Answer::One(l) = q.answer else { panic!() };
    let names: Vec<&str> = form.lists[l].choices.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["yes", "no", "dont_know"]);
    let q = form.question("safety-levels").unwrap();
    let Answer::One(l) = q.answer else { panic!() };
    assert_eq!(form.lists[l].choices[0].labels[0], "very unsafe");
    assert_eq!(form.lists[l].choices[4].name, "5");
    assert!(form.question("social-inclusion").is_none(), "sensitive");
    assert!(form.question("migration-rates").is_none(), "survey = false");
    assert!(form.question("languages-spoken").is_none(), "a list without choices");
    let left: Vec<&str> = form.left_out.iter().map(|l| l.indicator.as_str()).collect();
    assert!(left.contains(&"social-inclusion") && left.contains(&"ethnic-distribution"));
    let sensitive =
        build_form(&schema, &config(), &communities, FormOptions { include_sensitive: true, ..FormOptions::default() });
    assert!(sensitive.question("social-inclusion").is_some());
    assert_ne!(sensitive.version, form.version, "the version follows the questions");
    assert_eq!(form.version, build_form(&schema, &config(), &communities, FormOptions::default()).version);
}

/// Every text of `form` a respondent or an enumerator reads, with what it is: question
/// labels, hints and constraint messages, choice labels, group labels and the title, in
/// language `l`.
fn texts(form: &Form, l: usize) -> Vec<(String, String)> {
    let mut out = vec![("title".to_string(), form.title.clone())];
    for q in &form.questions {
        out.push((format!("label of {}", q.name), q.labels[l].clone()));
        out.push((format!("hint of {}", q.name), q.hints[l].clone()));
        if let Some((_, messages)) = &q.constraint {
            out.push((format!("constraint message of {}", q.name), messages[l].clone()));
        }
    }
    for list in form.lists.iter().filter(|list| list.name != COMMUNITY) {
        for c in &list.choices {
            out.push((format!("choice {}/{}", list.name, c.name), c.labels[l].clone()));
        }
    }
    for (g, labels) in form.group_labels.iter().enumerate() {
        out.push((format!("group {g}"), labels[l].clone()));
    }
    out
}

/// The form of the built-in schema, with a count between bounds (as a site adds one) so that
/// there is a constraint message, in `languages`.
fn form_in(languages: &[&str]) -> Form {
    let source = crate::source::SourceFile::new(
        "schema.toml",
        "schema.toml",
        "[[indicators]]\nid = \"returnees-in-household\"\ngroup = \"sociodemographics\"\nlabel = \"Returnees\"\n\
         labels = { fr = \"Rapatriés du ménage\" }\ndescription = \"Members back this year.\"\n\
         kind = \"count\"\nmin = 1\nmax = 1500\n"
            .into(),
    );
    let (schema, problems) = crate::schema::load(Some(&source));
    assert!(problems.is_ok(), "{problems:?}");
    let languages: Vec<String> = languages.iter().map(|l| l.to_string()).collect();
    let communities = vec![FormCommunity { id: "a".into(), title: "A".into(), status: Some(Status::Published) }];
    build_form_in(&schema, &languages, &communities, FormOptions { include_sensitive: true, ..FormOptions::default() })
}

/// A French, Spanish or Arabic form says in that language everything Fieldbook has a
/// translation of: nothing is left as the English form says it but numbers (`0-17`), words
/// that are the same in both languages (French `positive`, Spanish `No`), and the site's own
/// indicator, which the site gave no translation of.
#[test]
fn a_form_speaks_the_site_language() {
    let english = form_in(&["en"]);
    let same_word = |language: &str, text: &str| match crate::locale::primary(language).as_str() {
        "fr" => ["positive", "inclusive"].contains(&text),
        "es" => text == "No",
        _ => false,
    };
    let untranslated = |name: &str, text: &str| {
        text.chars().all(|c| !c.is_alphabetic())
            || (name.contains("returnees-in-household") && !name.starts_with("constraint"))
    };
    let mut english_left = Vec::new();
    for language in ["fr", "es", "ar", "fr-SN"] {
        let form = form_in(&[language]);
        for ((name, text), (_, in_english)) in texts(&form, 0).into_iter().zip(texts(&english, 0)) {
            if text == in_english && !untranslated(&name, &text) && !same_word(language, &text) {
                english_left.push(format!("{language}: {name}: {text}"));
            }
        }
    }
    assert!(english_left.is_empty(), "still in English: {english_left:#?}");

    let label = |form: &Form, name: &str| form.question(name).unwrap().labels[0].clone();
    let choice = |form: &Form, list: &str, name: &str| {
        let list = form.lists.iter().find(|l| l.name == list).unwrap();
        list.choices.iter().find(|c| c.name == name).unwrap().labels[0].clone()
    };
    let fr = form_in(&["fr"]);
    assert_eq!(fr.title, "Enquête communautaire");
    // An indicator with a question is asked by it; its label still names an export's column.
    assert_eq!(label(&fr, "educational-achievement"), "Avez-vous achevé le cycle secondaire ?");
    assert_eq!(fr.question("educational-achievement").unwrap().also_named, ["Niveau d'instruction"]);
    assert_eq!(label(&form_in(&["es"]), "safety-levels").chars().next(), Some('¿'));
    assert_eq!(label(&form_in(&["ar"]), "educational-achievement"), "هل أكملت التعليم الثانوي؟");
    assert!(fr.question("educational-achievement").unwrap().hints[0].starts_with("Part des adultes (25 ans et plus)"));
    assert_eq!(choice(&fr, "perception-of-migration", "1"), "très négative");
    // The respondent's own part names one person (`Femme`), not the group (`femmes`).
    assert_eq!(choice(&fr, "sex", "female"), "Femme");
    assert_eq!(choice(&fr, "migrant-status", "returnee"), "Personne rapatriée");
    assert_eq!(fr.group_labels[0][0], "Données sociodémographiques");
    // The site's own French label wins; French writes 1500 with a narrow no-break space.
    let count = fr.question("returnees-in-household").unwrap();
    assert_eq!(count.labels[0], "Rapatriés du ménage");
    assert_eq!(count.constraint, Some((". >= 1 and . <= 1500".into(), vec!["de 1 à 1\u{202f}500".into()])));

    let es = form_in(&["es"]);
    assert_eq!(es.title, "Encuesta comunitaria");
    assert_eq!(choice(&es, "yes_no", "dont_know"), "No sabe");
    assert_eq!((choice(&es, "sex", "female"), choice(&es, "sex", "male")), ("Mujer".into(), "Hombre".into()));
    assert_eq!(es.question("returnees-in-household").unwrap().constraint.as_ref().unwrap().1, ["de 1 a 1500"]);
    let ar = form_in(&["ar"]);
    assert_eq!(ar.title, "استبيان مجتمعي");
    assert_eq!((choice(&ar, "sex", "female"), choice(&ar, "sex", "male")), ("امرأة".into(), "رجل".into()));
    assert_eq!(choice(&english, "sex", "female"), "Woman");
    assert_eq!(ar.question("returnees-in-household").unwrap().constraint.as_ref().unwrap().1, ["من 1 إلى 1,500"]);

    // Names are what submissions carry: the same in every language.
    let names = |form: &Form| {
        let questions: Vec<String> = form.questions.iter().map(|q| q.name.clone()).collect();
        let lists: Vec<(String, Vec<String>)> =
            form.lists.iter().map(|l| (l.name.clone(), l.choices.iter().map(|c| c.name.clone()).collect())).collect();
        (questions, lists)
    };
    for form in [&fr, &es, &ar] {
        assert_eq!(names(form), names(&english));
    }
}

/// A form in two languages has each language's column in that language, the default first.
#[test]
fn each_language_of_a_form_in_its_own_column() {
    let form = form_in(&["fr", "en"]);
    assert_eq!(form.title, "Enquête communautaire", "the default language's");
    let q = form.question("perception-of-migration").unwrap();
    assert_eq!(
        q.labels,
        [
            "Comment les gens de cette communauté voient-ils la migration et ceux qui reviennent ?",
            "How do people in this community see migration and those who come back?"
        ]
    );
    assert_eq!(q.also_named, ["Perception de la migration", "Perception of migration"]);
    assert!(q.hints[0].starts_with("Le regard") && q.hints[1].starts_with("How "), "{:?}", q.hints);
    let Answer::One(l) = q.answer else { panic!("a rating is one choice") };
    assert_eq!(form.lists[l].choices[0].labels, ["très négative", "very negative"]);
    let Answer::One(l) = form.question("sex").unwrap().answer else { panic!("the respondent's sex is one choice") };
    let female = &form.lists[l].choices[0];
    assert_eq!(female.labels, ["Femme", "Woman"]);
    assert_eq!(female.accepted, ["femmes", "female"], "what earlier forms showed, still read");
    let count = form.question("returnees-in-household").unwrap();
    assert_eq!(count.constraint.as_ref().unwrap().1, ["de 1 à 1\u{202f}500", "from 1 to 1500"]);
    assert_eq!(count.labels, ["Rapatriés du ménage", "Returnees"]);
    assert_eq!(form.group_labels[1], ["Ressources communautaires", "Community-based resources"]);
    assert_eq!(form.question(COMMUNITY).unwrap().labels, ["Communauté", "Community"]);
}

/// A constraint message says exactly the bound the constraint checks, with the language's
/// decimal mark, even where the language's style would round it.
#[test]
fn a_constraint_message_says_the_exact_bound() {
    assert_eq!(constraint_message((Some(0.5), None), "fr"), "0,5 ou plus");
    assert_eq!(constraint_message((None, Some(0.125)), "fr"), "0,125 ou moins");
    assert_eq!(constraint_message((None, Some(0.125)), "en"), "0.125 or less");
    assert_eq!(constraint_message((Some(-2.0), Some(12500.0)), "es"), "de -2 a 12.500");
    assert_eq!(constraint_message((None, None), "fr"), "");
}

#[test]
fn a_language_with_a_region_is_named_by_its_language() {
    assert_eq!(language_name("fr"), "French (fr)");
    assert_eq!(language_name("fr-SN"), "French (fr-SN)");
    assert_eq!(language_name("xx"), "xx (xx)");
}

#[test]
fn the_form_offers_published_communities_unless_asked() {
    let schema = Schema::builtin();
    let community =
        |id: &str, status: Option<Status>| FormCommunity { id: id.into(), title: id.to_uppercase(), status };
    let communities = vec![
        community("a-published", Some(Status::Published)),
        community("b-draft", Some(Status::Draft)),
        community("c-confidential", Some(Status::Confidential)),
        community("d-unreadable", None),
    ];
    let offered = |options: FormOptions| {
        let form = build_form(&schema, &config(), &communities, options);
        let Answer::One(l) = form.questions[0].answer else { panic!() };
        let names: Vec<String> = form.lists[l].choices.iter().map(|c| c.name.clone()).collect();
        let left: Vec<String> = form.communities_left_out.iter().map(|c| c.id.clone()).collect();
        (names, left, form.version)
    };
    let (names, left, safe) = offered(FormOptions::default());
    assert_eq!(names, ["a-published"]);
    assert_eq!(left, ["b-draft", "c-confidential", "d-unreadable"]);
    let (names, _, drafts) = offered(FormOptions { drafts: true, ..FormOptions::default() });
    assert_eq!(names, ["a-published", "b-draft"]);
    let (names, left, both) =
        offered(FormOptions { drafts: true, include_confidential: true, ..FormOptions::default() });
    assert_eq!(names, ["a-published", "b-draft", "c-confidential"]);
    assert_eq!(left, ["d-unreadable"]);
    // Each choice is a form of its own: the version tells them apart.
    assert!(safe != drafts && drafts != both && safe != both);
}

#[test]
fn a_unit_without_a_description_is_the_hint_alone() {
    let source = crate::source::SourceFile::new(
        "schema.toml",
        "schema.toml",
        "[[indicators]]\nid = \"household-size\"\ngroup = \"sociodemographics\"\nlabel = \"Household size\"\nkind = \"number\"\nunit = \"people\"\n"
            .into(),
    );
    let (schema, problems) = crate::schema::load(Some(&source));
    assert!(problems.is_ok(), "{problems:?}");
    let form = build_form(&schema, &config(), &[], FormOptions::default());
    assert_eq!(form.question("household-size").unwrap().hints[0], "(people)");
}
