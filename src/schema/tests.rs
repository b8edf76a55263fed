//! The built-in schema: the handbook's counts, lookups and labels.

use super::*;

#[test]
fn builtin_schema_has_the_handbook_counts() {
    let schema = Schema::builtin();
    assert_eq!(schema.indicators.len(), 20);
    assert_eq!(schema.indicator_groups.len(), 2);
    let group_sizes: Vec<usize> =
        (0..schema.indicator_groups.len()).map(|g| schema.indicators_in_group(g).count()).collect();
    assert_eq!(group_sizes, [9, 11]);
    assert_eq!(schema.criteria.len(), 7);
    assert_eq!(schema.research_questions.len(), 27);
    assert_eq!(schema.research_areas.len(), 6);
    let per_area: Vec<usize> = schema.research_areas.iter().map(|a| a.questions.len()).collect();
    assert_eq!(per_area, [5, 3, 5, 5, 7, 2]);
    assert_eq!(schema.methods.len(), 8);
    let positive = schema.project_criteria.iter().filter(|c| c.polarity == Polarity::Positive).count();
    assert_eq!((positive, schema.project_criteria.len() - positive), (9, 4));
    assert_eq!(schema.approaches.len(), 3);
    assert_eq!(schema.sectors.len(), 5);
    assert_eq!(schema.guidance_topics.ids().collect::<Vec<_>>(), ["advocacy"]);
    assert_eq!(schema.dimensions.len(), 3);
    assert_eq!(schema.levels.len(), 3);
}

#[test]
fn public_ids_are_the_contract() {
    let schema = Schema::builtin();
    let ids: Vec<&str> = schema.indicators.ids().collect();
    assert_eq!(
        ids,
        [
            "age-distribution",
            "gender-distribution",
            "ethnic-distribution",
            "educational-achievement",
            "migration-rates",
            "perception-of-migration",
            "safety-levels",
            "income-and-employment",
            "languages-spoken",
            "social-activities",
            "support-networks",
            "social-inclusion",
            "access-to-services",
            "essential-needs-coverage",
            "diaspora-links",
            "land-and-tenure-security",
            "access-to-justice",
            "environmental-resilience",
            "existing-projects",
            "social-participation",
        ]
    );
    assert_eq!(
        schema.criteria.ids().collect::<Vec<_>>(),
        [
            "returnee-numbers",
            "returnee-profiles",
            "community-interest",
            "basic-infrastructure",
            "service-availability",
            "stability-and-opportunity",
            "civil-society-activism",
        ]
    );
    assert_eq!(
        schema.approaches.ids().collect::<Vec<_>>(),
        ["collective-returnee", "new-community", "existing-project"]
    );
    assert_eq!(
        schema.sectors.ids().collect::<Vec<_>>(),
        ["housing", "education", "health", "infrastructure-and-safety", "justice-and-rights"]
    );
}

#[test]
fn every_area_suggests_known_methods() {
    let schema = Schema::builtin();
    let area = schema.research_areas.by_id("capacity-assessment").unwrap();
    let methods: Vec<&str> = area.methods.iter().map(|&m| schema.methods[m].id.as_str()).collect();
    assert_eq!(methods, ["key-informant-interview", "organizational-capacity-assessment"]);
}

#[test]
fn every_indicator_declares_what_its_kind_needs() {
    let schema = Schema::builtin();
    for indicator in schema.indicators.iter() {
        match indicator.kind {
            ValueKind::Rating => {
                let scale = indicator.scale.as_ref().expect("rating needs a scale");
                assert_eq!(scale.labels.len() as i64, scale.max - scale.min + 1, "{}", indicator.term.id);
            }
            ValueKind::Number => assert!(indicator.unit.is_some(), "{}", indicator.term.id),
            _ => {}
        }
    }
}
