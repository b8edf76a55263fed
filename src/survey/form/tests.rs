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
    let communities = vec![FormCommunity { id: "a".into(), title: "A".into() }];
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
    let sensitive = build_form(&schema, &config(), &communities, FormOptions { include_sensitive: true });
    assert!(sensitive.question("social-inclusion").is_some());
    assert_ne!(sensitive.version, form.version, "the version follows the questions");
    assert_eq!(form.version, build_form(&schema, &config(), &communities, FormOptions::default()).version);
}
