//! The names of the export tables' own columns that a field a site adds could also take: the
//! site's fields of profiles, projects and case studies get columns of their own in
//! `communities.csv`, `projects.csv` and `case_studies.csv`, so no field of those types may take
//! one of these names, or its column would stand beside Fieldbook's of the same name. The
//! render stage's tables are held to these lists by a test.

use crate::model::ContentType;

/// The columns of `communities.csv`.
pub const COMMUNITIES: [&str; 15] = [
    "community_id",
    "community",
    "country",
    "country_code",
    "admin1",
    "admin2",
    "admin3",
    "place_code",
    "latitude",
    "longitude",
    "population",
    "assessed",
    "reviewed",
    "review_due",
    "url",
];

/// The columns of `projects.csv`.
pub const PROJECTS: [&str; 11] = [
    "project_id",
    "project",
    "approach",
    "stage",
    "start",
    "end",
    "communities",
    "country_codes",
    "implementers",
    "sectors",
    "url",
];

/// The columns of `case_studies.csv`.
pub const CASE_STUDIES: [&str; 11] = [
    "case_study_id",
    "case_study",
    "country",
    "country_code",
    "communities",
    "approaches",
    "sectors",
    "written",
    "credit",
    "source_url",
    "url",
];

/// The export whose column a field named `name`, on pages of `types`, would clash with.
pub fn taken(name: &str, types: &[ContentType]) -> Option<&'static str> {
    let tables: [(ContentType, &[&str], &'static str); 3] = [
        (ContentType::Community, &COMMUNITIES, "communities.csv"),
        (ContentType::Project, &PROJECTS, "projects.csv"),
        (ContentType::CaseStudy, &CASE_STUDIES, "case_studies.csv"),
    ];
    tables.iter().find(|(content, columns, _)| types.contains(content) && columns.contains(&name)).map(|t| t.2)
}
