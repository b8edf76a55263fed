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
    let said = |text: &str| load(Some(&site(text))).1.iter().map(|d| d.message.clone()).collect::<Vec<_>>();
    assert_eq!(
        said("[[fields]]\nname = \"donor\"\ntypes = [\"project\"]\nkind = \"indicators\"\nlabel = \"Donor\"\n"),
        ["the field `donor` needs a `kind`; `indicators` is not one a site can use"]
    );
    // Without a `kind`, it is told it needs one.
    assert_eq!(
        said("[[fields]]\nname = \"donor\"\ntypes = [\"project\"]\nlabel = \"Donor\"\n"),
        ["the field `donor` needs a `kind`, the kind of value it takes"]
    );
}

/// An indicator named like a property every community has in the map data (`title`,
/// `country`, `page`...) would replace that property there: refused at its `id` line.
#[test]
fn an_indicator_cannot_take_a_community_s_own_property_name() {
    for id in ["title", "country", "page", "assessed"] {
        let file = site(&format!(
            "[[indicators]]\nid = \"{id}\"\ngroup = \"sociodemographics\"\nlabel = \"A score\"\nkind = \"number\"\nunit = \"points\"\n"
        ));
        let (schema, diagnostics) = load(Some(&file));
        let d: Vec<_> = diagnostics.iter().collect();
        assert_eq!(d.len(), 1, "{id}: {d:?}");
        assert_eq!((d[0].code, d[0].location.line), ("schema", Some(2)), "{id}");
        assert!(d[0].message.contains("communities.geojson"), "{}", d[0].message);
        assert!(d[0].help.as_deref().unwrap().contains(&format!("`{id}-rate`")), "{:?}", d[0].help);
        assert!(schema.indicators.by_id(id).is_none());
    }
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
/// name for a part the dimension does not have is an error where it is named, and the
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
    assert_eq!((d[0].location.line, d[0].location.column), (Some(6), Some(24)));
}

/// What each part is called: a site labels the parts it adds, and relabels Fieldbook's, on a
/// dimension and on a distribution, in its file's language (`part_label`) and by language
/// (`part_labels`); a later entry of the same id changes only the parts it names.
#[test]
fn a_site_labels_its_parts_in_its_languages() {
    let file = site(
        "[[disaggregations]]\nid = \"migrant-status\"\nparts = [\"returnee\", \"non-migrant\", \"displaced\"]\n\
         part_label = { displaced = \"displaced people\", returnee = \"returning migrants\" }\n\
         part_labels = { fr = { displaced = \"personnes déplacées\" } }\n\n\
         [[indicators]]\nid = \"gender-distribution\"\nparts = [\"female\", \"male\", \"other\", \"undisclosed\"]\n\
         part_labels = { fr = { undisclosed = \"non déclaré\" } }\n\n\
         [[indicators]]\nid = \"ethnic-distribution\"\npart_label = { amazigh = \"Amazigh-speaking\" }\n\n\
         [[disaggregations]]\nid = \"migrant-status\"\npart_labels = { ar = { displaced = \"نازحون\" } }\n",
    );
    let (schema, diagnostics) = load(Some(&file));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let status = schema.disaggregations.by_id("migrant-status").unwrap();
    assert_eq!(status.part_label("displaced"), "displaced people");
    assert_eq!(status.part_label("non-migrant"), "non-migrant", "Fieldbook's English is the name");
    assert_eq!(status.part_labels["fr"]["displaced"], "personnes déplacées");
    assert_eq!(status.part_labels["ar"]["displaced"], "نازحون", "merged part by part");
    let gender = schema.indicators.by_id("gender-distribution").unwrap();
    assert_eq!(gender.part_labels["fr"]["undisclosed"], "non déclaré");
    // A distribution that lists no parts may have any: its labels are the site's to give.
    assert_eq!(schema.indicators.by_id("ethnic-distribution").unwrap().part_label("amazigh"), "Amazigh-speaking");

    let fr = schema.localized("fr");
    let status = fr.disaggregations.by_id("migrant-status").unwrap();
    assert_eq!(status.part_label("displaced"), "personnes déplacées");
    assert_eq!(status.part_label("non-migrant"), "non-migrants", "Fieldbook's translation");
    assert_eq!(status.part_label("returnee"), "returning migrants", "relabelled: the site's, untranslated");
    let gender = fr.indicators.by_id("gender-distribution").unwrap();
    assert_eq!((gender.part_label("undisclosed"), gender.part_label("female")), ("non déclaré", "femmes"));
    let es = schema.localized("es");
    assert_eq!(es.disaggregations.by_id("migrant-status").unwrap().part_label("displaced"), "displaced people");
}

/// A label for a part the entry does not have is an error at the part's name, with the part
/// meant; an indicator of a kind without parts has none to label.
#[test]
fn a_label_for_a_part_the_entry_lacks_is_an_error_where_it_is_named() {
    let file = site(
        "[[disaggregations]]\nid = \"migrant-status\"\nparts = [\"returnee\", \"non-migrant\", \"displaced\"]\n\
         part_labels = { fr = { male = \"x\", displacd = \"personnes déplacées\" } }\n\n\
         [[indicators]]\nid = \"gender-distribution\"\npart_label = { femal = \"women\" }\n\n\
         [[indicators]]\nid = \"migration-rates\"\npart_label = { female = \"women\" }\n",
    );
    let (schema, diagnostics) = load(Some(&file));
    let d: Vec<_> = diagnostics.iter().collect();
    assert_eq!(d.len(), 4, "{d:?}");
    assert_eq!(
        d[0].message,
        "`part_labels.fr` of the dimension `migrant-status` names `displacd`, which is not one of its parts"
    );
    assert_eq!(d[0].help.as_deref(), Some("did you mean `displaced`?"));
    assert_eq!((d[0].location.line, d[0].location.column), (Some(4), Some(36)));
    // `male` inside `female` is not where it is named: the whole name is.
    assert_eq!(
        d[1].message,
        "`part_labels.fr` of the dimension `migrant-status` names `male`, which is not one of its parts"
    );
    assert_eq!((d[1].location.line, d[1].location.column), (Some(4), Some(24)));
    assert_eq!(
        d[2].message,
        "`part_label` of the indicator `gender-distribution` names `femal`, which is not one of its parts"
    );
    assert_eq!(d[2].help.as_deref(), Some("did you mean `female`?"));
    assert_eq!(d[2].location.line, Some(8));
    assert_eq!(
        d[3].message,
        "`part_label` of the indicator `migration-rates` names `female`, but a `number` indicator has no parts: only distributions and lists have them"
    );
    assert!(d.iter().all(|d| d.code == "schema" && d.severity == crate::diagnostic::Severity::Error));
    // The entries stay, without the labels of parts they lack.
    let status = schema.disaggregations.by_id("migrant-status").unwrap();
    assert!(!status.part_labels["fr"].contains_key("displacd"));
}

#[test]
fn a_new_indicator_is_told_everything_it_lacks_at_once() {
    let said = |text: &str| load(Some(&site(text))).1.iter().map(|d| d.message.clone()).collect::<Vec<_>>();
    assert_eq!(
        said("[[indicators]]\nid = \"returnees-last-year\"\ndescription = \"Returns.\"\n"),
        [
            "the new indicator `returnees-last-year` needs a `label`",
            "the new indicator `returnees-last-year` needs a `group`",
            "the new indicator `returnees-last-year` needs a `kind`",
        ]
    );
    // With its label, the rest is still said together.
    assert_eq!(
        said("[[indicators]]\nid = \"returnees-last-year\"\nlabel = \"Returnees\"\n"),
        [
            "the new indicator `returnees-last-year` needs a `group`",
            "the new indicator `returnees-last-year` needs a `kind`",
        ]
    );
    // An id that is not a plain one is said alone: what it lacks is for the entry it will be.
    assert_eq!(
        said("[[indicators]]\nid = \"Returnees last year\"\n"),
        ["the indicator id `Returnees last year` is not a plain id"]
    );
}
