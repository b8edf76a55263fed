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
