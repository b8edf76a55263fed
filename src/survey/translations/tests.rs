use super::*;
use crate::date::Date;
use crate::model::IndicatorValue;

fn new_entry(schema: &Schema, id: &str, value: IndicatorValue, date: Option<Date>) -> NewEntry {
    NewEntry {
        indicator: schema.indicators.get(id).unwrap(),
        value,
        n: 157,
        method: "individual-survey".into(),
        date,
        source: "Community survey, version 1, May 2026".into(),
        disaggregation: vec![("migrant-status".into(), vec![("returnee".into(), 36.7), ("non-migrant".into(), 57.4)])],
        old: None,
    }
}

fn splice(text: &str, edits: &[(&NewEntry, Vec<&'static str>)]) -> String {
    splice_figures(text, edits, &Schema::builtin(), "content/communities/a.fr.md").unwrap()
}

#[test]
fn the_figures_a_translation_repeats_are_written_and_its_words_kept() {
    let schema = Schema::builtin();
    let text = "---\ntitle: A\nindicators:\n  # the services\n  access-to-services:\n    value: 61\n    \
                source: Enquête, février 2026 # our words\n    method: individual-survey\n    date: 2026-02-27\n    \
                n: 212\n    notes: Les familles.\n    disaggregation:\n      migrant-status: { returnee: 48, non-migrant: 63 }\n  \
                languages-spoken: [wolof]\n---\n\nTexte.\n";
    let new = new_entry(&schema, "access-to-services", IndicatorValue::Percent(51.0), Date::new(2026, 5, 30));
    let out = splice(text, &[(&new, vec!["value", "date", "n", "disaggregation"])]);
    assert_eq!(
        out,
        "---\ntitle: A\nindicators:\n  # the services\n  access-to-services:\n    value: 51\n    \
         source: Enquête, février 2026 # our words\n    method: individual-survey\n    date: 2026-05-30\n    \
         n: 157\n    notes: Les familles.\n    disaggregation:\n      migrant-status: { returnee: 36.7, non-migrant: 57.4 }\n  \
         languages-spoken: [wolof]\n---\n\nTexte.\n"
    );
    // A figure the new entry lacks (no date read, a dimension left out for privacy) is taken
    // out: the translation shows the original's, which has none.
    let bare = NewEntry {
        disaggregation: Vec::new(),
        ..new_entry(&schema, "access-to-services", IndicatorValue::Percent(51.0), None)
    };
    let out = splice(text, &[(&bare, vec!["date", "disaggregation"])]);
    assert!(!out.contains("date:") && !out.contains("disaggregation") && !out.contains("migrant-status"), "{out}");
    assert!(out.contains("    notes: Les familles.\n  languages-spoken: [wolof]\n"), "{out}");
}

#[test]
fn a_figure_written_directly_or_in_braces_is_written_in_its_place() {
    let schema = Schema::builtin();
    let new = new_entry(&schema, "access-to-services", IndicatorValue::Percent(51.0), Date::new(2026, 5, 30));
    let out = splice("---\ntitle: A\nindicators:\n  access-to-services: 61\n---\n", &[(&new, vec!["value"])]);
    assert_eq!(out, "---\ntitle: A\nindicators:\n  access-to-services: 51\n---\n");
    let text = "---\ntitle: A\nindicators:\n  access-to-services: { value: 61, source: \"Enquête, février\", n: 212, date: 2026-02-27 }\n---\n";
    let out = splice(text, &[(&new, vec!["value", "n", "date"])]);
    assert_eq!(
        out,
        "---\ntitle: A\nindicators:\n  access-to-services: { value: 51, source: \"Enquête, février\", n: 157, date: 2026-05-30 }\n---\n"
    );
    let shares = |a: f64, b: f64| {
        IndicatorValue::Distribution(vec![
            crate::model::Part { name: "arabic-speaking".into(), value: a },
            crate::model::Part { name: "amazigh-speaking".into(), value: b },
        ])
    };
    let new = new_entry(&schema, "ethnic-distribution", shares(70.0, 30.0), None);
    let text =
        "---\ntitle: A\nindicators:\n  ethnic-distribution:\n    arabic-speaking: 78\n    amazigh-speaking: 22\n---\n";
    let out = splice(text, &[(&new, vec!["value"])]);
    assert_eq!(
        out,
        "---\ntitle: A\nindicators:\n  ethnic-distribution: { arabic-speaking: 70, amazigh-speaking: 30 }\n---\n"
    );
}

#[test]
fn only_the_figures_that_differ_are_stale_and_words_are_told_from_figures() {
    let schema = Schema::builtin();
    let services = schema.indicators.get("access-to-services").unwrap();
    let mut repeated = IndicatorEntry::new(services, IndicatorValue::Percent(51.0), crate::source::Span::new(0, 1));
    repeated.set_n(Some(212));
    let new = new_entry(&schema, "access-to-services", IndicatorValue::Percent(51.0), Date::new(2026, 5, 30));
    // The value agrees; `n` does not; the date, method and disaggregation are not repeated.
    assert_eq!(stale_figures(&schema, &repeated, &new), ["n"]);
    assert!(!gives_words(&repeated));
    let mut words = IndicatorEntry::new(services, IndicatorValue::Unknown, crate::source::Span::new(0, 1));
    words.value_from_original = true;
    words.source = Some("Enquête".into());
    assert!(stale_figures(&schema, &words, &new).is_empty(), "a value it does not give is not stale");
    assert!(gives_words(&words));
    // A new round changes the entry; the same entry imported again does not.
    assert!(changes(&schema, &new));
    let mut old = IndicatorEntry::new(services, IndicatorValue::Percent(51.0), crate::source::Span::new(0, 1));
    old.set_n(Some(157));
    old.set_method(schema.methods.get("individual-survey"));
    old.date = Date::new(2026, 5, 30);
    old.source = Some(new.source.as_str().into());
    let returnee = |v| crate::model::Part { name: "returnee".into(), value: v };
    let others = |v| crate::model::Part { name: "non-migrant".into(), value: v };
    old.disaggregation = Box::new([Disaggregation {
        dimension: schema.disaggregations.get("migrant-status").unwrap(),
        parts: vec![returnee(36.7), others(57.4)],
    }]);
    let again = NewEntry { old: Some(old.clone()), ..new.clone() };
    assert!(!changes(&schema, &again));
    // The same figures with the parts in another order: no change either, and a translation
    // that repeats them so is not stale.
    let mut reordered = old.clone();
    reordered.disaggregation = Box::new([Disaggregation {
        dimension: schema.disaggregations.get("migrant-status").unwrap(),
        parts: vec![others(57.4), returnee(36.7)],
    }]);
    assert!(!changes(&schema, &NewEntry { old: Some(reordered.clone()), ..new.clone() }));
    assert!(stale_figures(&schema, &reordered, &new).is_empty());
    reordered.disaggregation[0].parts[0].value = 50.0;
    assert_eq!(stale_figures(&schema, &reordered, &new), ["disaggregation"]);
    old.source = Some("Household survey, February 2026".into());
    assert!(changes(&schema, &NewEntry { old: Some(old), ..new }));
}
