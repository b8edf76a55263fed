use super::*;

fn site(text: &str) -> SourceFile {
    SourceFile::new("schema.toml", "schema.toml", text.to_string())
}

#[test]
fn builtin_schema_loads_cleanly() {
    let (_, diagnostics) = load(None);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

#[test]
fn site_adds_an_indicator_relabels_and_translates() {
    let file = site(
        r#"
[[indicators]]
id = "returnees-last-year"
group = "sociodemographics"
label = "Returnees in the last 12 months"
kind = "count"
disaggregation = ["sex"]

[[indicators]]
id = "age-distribution"
labels = { fr = "Répartition par âge" }

[[sectors]]
id = "housing"
label = "Shelter"

[[methods]]
id = "transect-walk"
label = "Transect walk"
"#,
    );
    let (schema, diagnostics) = load(Some(&file));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(schema.indicators.len(), 21);
    let added = schema.indicators.by_id("returnees-last-year").unwrap();
    assert_eq!(added.kind, ValueKind::Count);
    // A new indicator joins its group, before the next group's indicators.
    assert_eq!(schema.indicators.get("returnees-last-year"), Some(9));
    let age = schema.indicators.by_id("age-distribution").unwrap();
    assert_eq!(age.term.label_in("fr"), "Répartition par âge");
    assert_eq!(age.term.label_in("en"), "Age distribution");
    assert_eq!(age.kind, ValueKind::Distribution);
    assert_eq!(schema.sectors.by_id("housing").unwrap().label, "Shelter");
    assert_eq!(schema.methods.len(), 9);
}

#[test]
fn site_errors_are_located_in_schema_toml() {
    let file =
        site("[[indicators]]\nid = \"new-one\"\ngroup = \"sociodemographic\"\nlabel = \"New\"\nkind = \"count\"\n");
    let (_, diagnostics) = load(Some(&file));
    let d: Vec<_> = diagnostics.iter().collect();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].message, "unknown indicator group `sociodemographic`");
    assert_eq!(d[0].help.as_deref(), Some("did you mean `sociodemographics`?"));
    assert_eq!(d[0].location.file, "schema.toml");
    assert_eq!(d[0].location.line, Some(1));
}

#[test]
fn fieldbooks_own_fields_are_sensitive_only_where_a_build_can_leave_them_out() {
    let file = site(
        "[[fields]]\nname = \"population\"\nsensitive = true\n\n[[fields]]\nname = \"country\"\nsensitive = true\n",
    );
    let (schema, diagnostics) = load(Some(&file));
    let d: Vec<_> = diagnostics.iter().collect();
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].code, "schema");
    assert_eq!(
        d[0].message,
        "Fieldbook cannot keep the field `country` out of public builds: the site is built around it"
    );
    assert!(d[0].help.as_deref().unwrap().contains("population, assessed_by"), "{:?}", d[0].help);
    assert_eq!(d[0].location.line, Some(5));
    let field = |name: &str| schema.fields.iter().find(|f| f.name == name).unwrap();
    assert!(field("population").sensitive);
    // Still a field, so that content giving it is checked; not sensitive.
    assert!(!field("country").sensitive);
}

#[test]
fn unknown_keys_in_schema_toml_are_errors() {
    let file = site("[[sectors]]\nid = \"housing\"\nlable = \"Shelter\"\n");
    let (_, diagnostics) = load(Some(&file));
    let d: Vec<_> = diagnostics.iter().collect();
    assert_eq!(d.len(), 1);
    assert!(d[0].message.contains("unknown field `lable`"), "{}", d[0].message);
    assert_eq!(d[0].location.line, Some(3));
}

#[test]
fn site_fields_are_limited_to_simple_kinds() {
    let file = site("[[fields]]\nname = \"donor\"\ntypes = [\"project\"]\nkind = \"indicators\"\nlabel = \"Donor\"\n");
    let (schema, diagnostics) = load(Some(&file));
    assert_eq!(diagnostics.error_count(), 1);
    assert!(schema.fields.iter().all(|f| f.name != "donor"));
}

/// A number the survey form asks needs its unit in the schema, or the question cannot say in
/// what unit to answer and `import` cannot write its figures: found with the schema, so `check`
/// and `form` say it, at the indicator's `id` line.
#[test]
fn a_number_the_survey_asks_needs_a_unit() {
    let number = |extra: &str| {
        site(&format!(
            "# Own\n[[indicators]]\n  id = 'household-size' # added\ngroup = \"sociodemographics\"\n\
             label = \"Household size\"\nkind = \"number\"\n{extra}"
        ))
    };
    let file = number("");
    let (schema, diagnostics) = load(Some(&file));
    let d: Vec<_> = diagnostics.iter().collect();
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!((d[0].code, d[0].severity), ("survey-no-unit", crate::diagnostic::Severity::Error));
    assert_eq!((d[0].location.line, d[0].location.column), (Some(3), Some(3)));
    assert_eq!(d[0].location.line_text, "  id = 'household-size' # added");
    assert!(d[0].help.as_deref().unwrap().contains("`survey = false`"), "{:?}", d[0].help);
    assert!(schema.indicators.by_id("household-size").is_some(), "still checked in content");
    // Sensitive: `form --include-sensitive` asks it.
    assert_eq!(load(Some(&number("sensitive = true\n"))).1.error_count(), 1);
    for fine in ["unit = \"people\"\n", "survey = false\n"] {
        let (_, diagnostics) = load(Some(&number(fine)));
        assert!(diagnostics.is_empty(), "{fine}: {diagnostics:?}");
    }
}

/// What one respondent of a part is called: a site names its own parts, in its languages; a
/// name for a part the dimension does not have is an error at the dimension, and the
/// built-in names of parts a site's list drops go with them.
#[test]
fn a_site_names_one_respondent_of_its_own_parts() {
    let file = site(
        "[[disaggregations]]\nid = \"sex\"\nparts = [\"female\", \"male\", \"other\"]\n\
         respondent = { other = \"Another gender\" }\nrespondents = { fr = { other = \"Autre genre\" } }\n",
    );
    let (schema, diagnostics) = load(Some(&file));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let sex = schema.disaggregations.by_id("sex").unwrap();
    assert_eq!(sex.respondent["female"], "Woman", "Fieldbook's, kept");
    assert_eq!(sex.respondent["other"], "Another gender");
    assert_eq!(sex.respondents["fr"]["other"], "Autre genre");

    let file = site("[[disaggregations]]\nid = \"sex\"\nparts = [\"woman\", \"man\"]\n");
    let (schema, diagnostics) = load(Some(&file));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert!(schema.disaggregations.by_id("sex").unwrap().respondent.is_empty());

    let file = site(
        "[[indicators]]\nid = \"age-distribution\"\n\n[[disaggregations]]\nid = \"migrant-status\"\n\
         respondents = { fr = { returne = \"Rapatrié\" } }\n",
    );
    let d: Vec<_> = load(Some(&file)).1.iter().cloned().collect();
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(
        d[0].message,
        "`respondents.fr` of the dimension `migrant-status` names `returne`, which is not one of its parts"
    );
    assert_eq!(d[0].help.as_deref(), Some("did you mean `returnee`?"));
    assert_eq!(d[0].location.line, Some(4));
}
