//! The survey form in the site's languages: `fieldbook form` on a French, Spanish or Arabic
//! site writes every label, hint, choice label, constraint message and the title in that
//! language (Fieldbook's translations of the schema, the site's own labels over them), and a
//! site in two languages gets a column of each in its own language. Choice names, which
//! submissions carry, are the same in every language.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader};

use crate::support::{fieldbook, run};
use crate::tools::{FieldTool, find};

/// A site's own count indicator with bounds (the built-in ones a survey asks have none), so
/// that the form has a constraint message; its French label is the site's.
const SCHEMA: &str = "[[indicators]]\nid = \"returnees-in-household\"\ngroup = \"sociodemographics\"\n\
label = \"Returnees in the household\"\nlabels = { fr = \"Rapatriés du ménage\", es = \"Retornados del hogar\" }\n\
description = \"Members of the household who came back this year.\"\nkind = \"count\"\nmin = 1\nmax = 1500\n";

/// A new site made by `fieldbook init --language LANGUAGE`, with [`SCHEMA`], and `languages`
/// in its configuration when given.
fn site(name: &str, language: &str, languages: Option<&str>) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&root);
    let made = fieldbook().arg("init").arg(&root).args(["--language", language]).output().unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    std::fs::write(root.join("schema.toml"), SCHEMA).unwrap();
    if let Some(languages) = languages {
        let config = std::fs::read_to_string(root.join("fieldbook.toml")).unwrap();
        let config = config.replace(&format!("language = \"{language}\""), &format!("languages = {languages}"));
        std::fs::write(root.join("fieldbook.toml"), config).unwrap();
    }
    root
}

/// A sheet of the form: its header, and its rows as text by column name.
struct Sheet {
    header: Vec<String>,
    rows: Vec<BTreeMap<String, String>>,
}

impl Sheet {
    /// The row whose `key` column is `value`.
    fn row(&self, key: &str, value: &str) -> &BTreeMap<String, String> {
        self.rows.iter().find(|r| r.get(key).map(String::as_str) == Some(value)).unwrap_or_else(|| panic!("{value}"))
    }

    /// The choice `name` of `list`.
    fn choice(&self, list: &str, name: &str) -> &BTreeMap<String, String> {
        self.rows
            .iter()
            .find(|r| r["list_name"] == list && r["name"] == name)
            .unwrap_or_else(|| panic!("{list}/{name}"))
    }
}

/// The sheets of the form `fieldbook form` writes for the site at `root`.
fn form(root: &Path) -> BTreeMap<String, Sheet> {
    let made = run(root, &["form"]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let mut workbook = calamine::open_workbook_auto(root.join("forms/community-survey.xlsx")).unwrap();
    let mut sheets = BTreeMap::new();
    for name in ["survey", "choices", "settings"] {
        let range = workbook.worksheet_range(name).unwrap();
        let mut rows = range.rows().map(|r| r.iter().map(Data::to_string).collect::<Vec<_>>());
        let header = rows.next().unwrap();
        let rows = rows.map(|r| header.iter().cloned().zip(r).filter(|(_, v)| !v.is_empty()).collect()).collect();
        sheets.insert(name.to_string(), Sheet { header, rows });
    }
    sheets
}

/// What a French site's form says, in French; the Spanish and Arabic sites' likewise.
#[test]
fn the_form_of_a_site_in_one_language_is_in_that_language() {
    let fr = form(&site("survey-form-fr", "fr", None));
    let (survey, choices, settings) = (&fr["survey"], &fr["choices"], &fr["settings"]);
    assert_eq!(
        survey.header,
        ["type", "name", "label", "hint", "required", "constraint", "constraint_message", "calculation"]
    );
    assert_eq!(settings.rows[0]["form_title"], "Enquête communautaire");
    let education = survey.row("name", "educational-achievement");
    // Asked by the handbook's question; its description, what the answers measure, as the hint.
    assert_eq!(education["label"], "Avez-vous achevé le cycle secondaire ?");
    assert_eq!(education["hint"], "Part des adultes (25 ans et plus) ayant achevé le cycle secondaire.");
    assert_eq!(survey.row("name", "sex")["label"], "Sexe");
    assert_eq!(survey.row("name", "age-group")["label"], "Tranche d'âge");
    assert_eq!(survey.row("name", "sociodemographics")["label"], "Données sociodémographiques");
    assert_eq!(survey.row("name", "community")["hint"], "La communauté où vit la personne interrogée.");
    let count = survey.row("name", "returnees-in-household");
    assert_eq!(count["label"], "Rapatriés du ménage", "the site's own label");
    assert_eq!(count["constraint"], ". >= 1 and . <= 1500");
    assert_eq!(count["constraint_message"], "de 1 à 1\u{202f}500");
    assert_eq!(choices.choice("perception-of-migration", "1")["label"], "très négative");
    assert_eq!(choices.choice("perception-of-migration", "5")["label"], "très positive");
    // The respondent's own sex and status name one person, where the parts name groups.
    assert_eq!(choices.choice("sex", "female")["label"], "Femme");
    assert_eq!(choices.choice("sex", "male")["label"], "Homme");
    assert_eq!(choices.choice("migrant-status", "returnee")["label"], "Personne rapatriée");
    assert_eq!(choices.choice("yes_no", "dont_know")["label"], "Ne sait pas");
    let english = [
        "Sex",
        "Age group",
        "Educational achievement",
        "Have you completed secondary school?",
        "Sociodemographics",
        "very negative",
        "female",
        "Woman",
    ];
    for row in survey.rows.iter().chain(&choices.rows) {
        // Names stay in English (`female`): only what is read is checked.
        for (_, text) in
            row.iter().filter(|(column, _)| ["label", "hint", "constraint_message"].contains(&column.as_str()))
        {
            assert!(!english.contains(&text.as_str()) && !text.starts_with("Share of"), "in English: {text}");
        }
    }

    let es = form(&site("survey-form-es", "es", None));
    assert_eq!(es["settings"].rows[0]["form_title"], "Encuesta comunitaria");
    assert_eq!(es["survey"].row("name", "educational-achievement")["label"], "¿Ha terminado la educación secundaria?");
    assert_eq!(es["survey"].row("name", "returnees-in-household")["constraint_message"], "de 1 a 1500");
    assert_eq!(es["choices"].choice("perception-of-migration", "1")["label"], "muy negativa");
    assert_eq!(es["choices"].choice("sex", "female")["label"], "Mujer");
    assert_eq!(es["choices"].choice("migrant-status", "non-migrant")["label"], "Persona no migrante");

    let ar = form(&site("survey-form-ar", "ar", None));
    assert_eq!(ar["settings"].rows[0]["form_title"], "استبيان مجتمعي");
    assert_eq!(ar["survey"].row("name", "sex")["label"], "الجنس");
    assert_eq!(ar["survey"].row("name", "returnees-in-household")["constraint_message"], "من 1 إلى 1,500");
    assert_eq!(ar["choices"].choice("yes_no", "yes")["label"], "نعم");
    assert_eq!(ar["choices"].choice("sex", "female")["label"], "امرأة");
    assert_eq!(ar["choices"].choice("sex", "male")["label"], "رجل");

    // Submissions carry names, which `import` reads back: the same whatever the language.
    let en = form(&site("survey-form-en", "en", None));
    let names = |sheets: &BTreeMap<String, Sheet>| {
        let name = |r: &BTreeMap<String, String>| {
            (r.get("list_name").cloned(), r.get("type").cloned(), r.get("name").cloned().unwrap_or_default())
        };
        let survey: Vec<_> = sheets["survey"].rows.iter().map(name).collect();
        let choices: Vec<_> = sheets["choices"].rows.iter().map(name).collect();
        (survey, choices)
    };
    assert_eq!(en["survey"].row("name", "educational-achievement")["label"], "Have you completed secondary school?");
    for other in [&fr, &es, &ar] {
        assert_eq!(names(other), names(&en));
    }
}

/// A site in French and English: a label, hint and constraint message column for each, each
/// in its own language, French the default; ODK's converter reads both.
#[test]
fn the_form_of_a_site_in_two_languages_has_both() {
    let root = site("survey-form-fr-en", "fr", Some("[\"fr\", \"en\"]"));
    let sheets = form(&root);
    let (survey, choices, settings) = (&sheets["survey"], &sheets["choices"], &sheets["settings"]);
    let columns = |what: &str| [format!("{what}::French (fr)"), format!("{what}::English (en)")];
    for what in ["label", "hint", "constraint_message"] {
        let [fr, en] = columns(what);
        assert!(survey.header.contains(&fr) && survey.header.contains(&en), "{what}: {:?}", survey.header);
    }
    let [label_fr, label_en] = columns("label");
    let [hint_fr, hint_en] = columns("hint");
    let [message_fr, message_en] = columns("constraint_message");
    let education = survey.row("name", "educational-achievement");
    assert_eq!(
        (education[&label_fr].as_str(), education[&label_en].as_str()),
        ("Avez-vous achevé le cycle secondaire ?", "Have you completed secondary school?")
    );
    assert!(education[&hint_fr].starts_with("Part des adultes") && education[&hint_en].starts_with("Share of adults"));
    let group = survey.row("name", "sociodemographics");
    assert_eq!(
        (group[&label_fr].as_str(), group[&label_en].as_str()),
        ("Données sociodémographiques", "Sociodemographics")
    );
    let count = survey.row("name", "returnees-in-household");
    assert_eq!(
        (count[&label_fr].as_str(), count[&label_en].as_str()),
        ("Rapatriés du ménage", "Returnees in the household")
    );
    assert_eq!((count[&message_fr].as_str(), count[&message_en].as_str()), ("de 1 à 1\u{202f}500", "from 1 to 1500"));
    let point = choices.choice("perception-of-migration", "1");
    assert_eq!((point[&label_fr].as_str(), point[&label_en].as_str()), ("très négative", "very negative"));
    let female = choices.choice("sex", "female");
    assert_eq!((female[&label_fr].as_str(), female[&label_en].as_str()), ("Femme", "Woman"));
    assert_eq!(settings.rows[0]["form_title"], "Enquête communautaire");
    assert_eq!(settings.rows[0]["default_language"], "French (fr)");

    let Some(xls2xform) = find(FieldTool::Xls2xform) else { return };
    let xml = crate::survey::xform_of(&xls2xform, &root);
    assert!(xml.contains("<translation lang=\"French (fr)\" default=\"true()\">"), "{xml}");
    for text in [
        "Part des adultes (25 ans et plus)",
        "Share of adults (25 and over)",
        "de 1 à 1\u{202f}500",
        "from 1 to 1500",
        "<value>Femme</value>",
        "<value>Woman</value>",
    ] {
        assert!(xml.contains(text), "{text} not in {xml}");
    }
    // Every language has every text: pyxform writes `-` for one a column leaves out.
    assert!(!xml.contains("<value>-</value>"), "a text missing in a language: {xml}");
}

/// A site's own part of a dimension is named for one respondent as the site's schema.toml says,
/// in each of its languages (`respondent`, `respondents = { fr = … }`), and a part it names
/// no respondent for shows the part's label (`autre`); ODK's converter reads the form.
#[test]
fn a_site_names_one_respondent_of_its_own_parts() {
    let root = site("survey-form-own-parts", "fr", Some("[\"fr\", \"en\"]"));
    let own = "\n[[disaggregations]]\nid = \"sex\"\nparts = [\"female\", \"male\", \"other\"]\n\n\
               [[disaggregations]]\nid = \"migrant-status\"\nparts = [\"returnee\", \"non-migrant\", \"displaced\"]\n\
               respondent = { displaced = \"Displaced person\" }\n\
               respondents = { fr = { displaced = \"Personne déplacée\" } }\n";
    std::fs::write(root.join("schema.toml"), format!("{SCHEMA}{own}")).unwrap();
    let sheets = form(&root);
    let choices = &sheets["choices"];
    let labels = |list: &str, name: &str| {
        let choice = choices.choice(list, name);
        (choice["label::French (fr)"].clone(), choice["label::English (en)"].clone())
    };
    assert_eq!(labels("migrant-status", "displaced"), ("Personne déplacée".into(), "Displaced person".into()));
    assert_eq!(labels("migrant-status", "returnee"), ("Personne rapatriée".into(), "Returnee".into()));
    assert_eq!(labels("sex", "other"), ("autre".into(), "other".into()), "the part's label");
    assert_eq!(labels("sex", "female"), ("Femme".into(), "Woman".into()));

    let Some(xls2xform) = find(FieldTool::Xls2xform) else { return };
    let xml = crate::survey::xform_of(&xls2xform, &root);
    for text in ["<value>Personne déplacée</value>", "<value>Displaced person</value>", "<value>Homme</value>"] {
        assert!(xml.contains(text), "{text} not in {xml}");
    }
}

/// A site's own parts are asked by their labels in each language of the form: a list's
/// choices, and a dimension's part that names no respondent (`part_label` in the site's
/// language, `part_labels = { en = … }`); the choice names stay the parts' names.
#[test]
fn a_site_s_own_parts_are_asked_by_their_labels() {
    let root = site("survey-form-part-labels", "fr", Some("[\"fr\", \"en\"]"));
    let own = "\n[[indicators]]\nid = \"services-used\"\ngroup = \"community-resources\"\nlabel = \"Services utilisés\"\n\
               labels = { en = \"Services used\" }\nkind = \"list\"\nparts = [\"health-centre\", \"school\"]\n\
               part_label = { health-centre = \"centre de santé\", school = \"école\" }\n\
               part_labels = { en = { health-centre = \"health centre\", school = \"school\" } }\n\n\
               [[disaggregations]]\nid = \"migrant-status\"\nparts = [\"returnee\", \"non-migrant\", \"displaced\"]\n\
               part_label = { displaced = \"personnes déplacées\" }\npart_labels = { en = { displaced = \"displaced people\" } }\n";
    std::fs::write(root.join("schema.toml"), format!("{SCHEMA}{own}")).unwrap();
    let checked = run(&root, &["check"]);
    assert!(!checked.stderr.contains("part_labels ="), "labelled in both: {}", checked.stderr);
    let sheets = form(&root);
    let choices = &sheets["choices"];
    let labels = |list: &str, name: &str| {
        let choice = choices.choice(list, name);
        (choice["label::French (fr)"].clone(), choice["label::English (en)"].clone())
    };
    assert_eq!(labels("services-used", "health-centre"), ("centre de santé".into(), "health centre".into()));
    assert_eq!(labels("services-used", "school"), ("école".into(), "school".into()));
    assert_eq!(labels("migrant-status", "displaced"), ("personnes déplacées".into(), "displaced people".into()));
    assert_eq!(labels("migrant-status", "returnee"), ("Personne rapatriée".into(), "Returnee".into()));
}

/// A site's own respondent name given in some of the form's languages only (English and
/// French on a site in four) is a warning at the dimension in schema.toml, naming the languages
/// whose columns fall back to the English name, from `form` and from `check` alike; the form is
/// written all the same.
#[test]
fn a_respondent_name_missing_a_language_of_the_form_is_a_warning() {
    let root = site("survey-form-respondent-languages", "en", Some("[\"en\", \"fr\", \"es\", \"ar\"]"));
    let own = "\n[[disaggregations]]\nid = \"migrant-status\"\nparts = [\"returnee\", \"non-migrant\", \"displaced\"]\n\
               respondent = { displaced = \"Displaced person\" }\n\
               respondents = { fr = { displaced = \"Personne déplacée\" } }\n";
    std::fs::write(root.join("schema.toml"), format!("{SCHEMA}{own}")).unwrap();
    let made = run(&root, &["form"]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let warnings: Vec<&str> = made.stderr.lines().filter(|l| l.starts_with("warning[")).collect();
    assert_eq!(
        warnings,
        ["warning[survey-respondent-language]: `respondents` names no `displaced` respondent of `migrant-status` in \
          `es` and `ar`, languages of the form: their columns show the English `respondent` name, \"Displaced person\""],
        "{}",
        made.stderr
    );
    let line = SCHEMA.lines().count() + 3;
    assert!(made.stderr.contains(&format!("--> schema.toml:{line}:")), "at the dimension's id: {}", made.stderr);
    // `check` says it too, at the same place, before anyone makes the form.
    let checked = run(&root, &["check"]);
    assert!(checked.stderr.contains(warnings[0]), "{}", checked.stderr);
    assert!(checked.stderr.contains(&format!("--> schema.toml:{line}:")), "{}", checked.stderr);
    assert!(made.stderr.contains("es = { displaced = "), "the help shows what to add: {}", made.stderr);
    let choices = &form(&root)["choices"];
    let displaced = choices.choice("migrant-status", "displaced");
    assert_eq!(displaced["label::Spanish (es)"], "Displaced person", "the fallback the warning names");
    // Given in every language of the form, there is nothing to say.
    let every = own.replace(
        "fr = { displaced = \"Personne déplacée\" }",
        "fr = { displaced = \"Personne déplacée\" }, es = { displaced = \"Persona desplazada\" }, \
         ar = { displaced = \"شخص نازح\" }",
    );
    std::fs::write(root.join("schema.toml"), format!("{SCHEMA}{every}")).unwrap();
    let made = run(&root, &["form"]);
    assert!(!made.stderr.contains("survey-respondent-language"), "{}", made.stderr);
}

/// The form is a workbook: a file name that says otherwise (`form.csv`, or none at all) is
/// refused in the site's language, and nothing is written.
#[test]
fn a_form_is_written_only_to_an_xlsx_file() {
    let root = site("survey-form-name", "fr", None);
    for name in ["form.csv", "form"] {
        let path = root.join(name);
        let result = run(&root, &["form", "--output", &path.display().to_string()]);
        assert_eq!(result.code, 2, "{name}: {}", result.stderr);
        assert!(result.stderr.contains("recevrait le formulaire, un classeur XLSForm"), "{}", result.stderr);
        assert!(!path.exists(), "{name} was written");
    }
    let path = root.join("Form.XLSX");
    let result = run(&root, &["form", "--output", &path.display().to_string()]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(path.is_file());
}

/// A form or a submissions export among the pages would be published with them: `form`
/// refuses to write one there, and `check` refuses an export and warns of a form.
#[test]
fn survey_files_are_kept_out_of_the_published_site() {
    let root = site("survey-files-published", "en", None);
    let inside = root.join("content/communities/form.xlsx");
    let result = run(&root, &["form", "--output", &inside.display().to_string()]);
    assert_eq!(result.code, 2, "{}", result.stderr);
    assert!(
        result.stderr.contains("is inside the site's content/ folder: the form would be published"),
        "{}",
        result.stderr
    );
    assert!(!inside.exists());
    // Through a relative path from inside content/, too.
    let relative = crate::support::fieldbook()
        .current_dir(root.join("content"))
        .args(["form", "--output", "round.xlsx"])
        .output()
        .unwrap();
    assert_eq!(relative.status.code(), Some(2));
    assert!(!root.join("content/round.xlsx").exists());

    // A form copied in by hand is published, with a warning; a submissions export is not.
    assert_eq!(run(&root, &["form"]).code, 0);
    std::fs::copy(root.join("forms/community-survey.xlsx"), root.join("content/round-form.xlsx")).unwrap();
    std::fs::write(
        root.join("content/communities/round-2.csv"),
        "\u{feff}\"start\";\"end\";\"community\";\"safety-levels\";\"_uuid\";\"_submission_time\"\n\"2026-06-01\";\"2026-06-01\";\"riverside\";\"safe\";\"a1\";\"2026-06-02\"\n",
    )
    .unwrap();
    let result = run(&root, &["check"]);
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert!(
        result
            .stderr
            .contains("error[survey-export-published]: this is a survey's submissions export (its column `_uuid`)"),
        "{}",
        result.stderr
    );
    assert!(result.stderr.contains("--> content/communities/round-2.csv"), "{}", result.stderr);
    assert!(
        result.stderr.contains("warning[survey-form-published]: this is a survey form (XLSForm)"),
        "{}",
        result.stderr
    );
    assert!(result.stderr.contains("--> content/round-form.xlsx"), "{}", result.stderr);
    let build = run(&root, &["build"]);
    assert_eq!(build.code, 1, "{}", build.stderr);
    assert!(!root.join("site").exists(), "nothing is built");
}

/// What ODK Collect and Enketo show of a label, for the signs `form` escapes in a title: the
/// word joiners (U+2060) are not seen, and a backslash before `\`, `*`, `_` or `#` is not shown.
/// `None` when the label holds a sign they would read as markup: a `*`, `_` or `#` without its
/// backslash, `${`, `](`, `<` before a tag's name, or `&` before an entity's.
fn as_collect_shows(label: &str) -> Option<String> {
    let chars: Vec<char> = label.chars().collect();
    let mut shown = String::new();
    let mut i = 0;
    while i < chars.len() {
        let (c, next) = (chars[i], chars.get(i + 1).copied());
        match (c, next) {
            ('\u{2060}', _) => {}
            ('\\', Some(n @ ('\\' | '*' | '_' | '#'))) => {
                shown.push(n);
                i += 1;
            }
            ('*' | '_' | '#', _) => return None,
            ('$', Some('{')) | (']', Some('(')) => return None,
            ('<', Some(n)) if n.is_ascii_alphabetic() || n == '/' => return None,
            ('&', Some(n)) if n.is_ascii_alphanumeric() || n == '#' => return None,
            _ => shown.push(c),
        }
        i += 1;
    }
    Some(shown)
}

/// Profile titles with `${…}`, markdown and HTML in them are the community question's choices
/// as typed: written so that ODK's converter accepts the form (a `${name}` it does not know
/// made it fail) and makes no `<output>` of them, and so that Collect and Enketo show no
/// markdown; an export naming the communities by those labels, or by the titles as typed,
/// imports.
#[test]
fn titles_show_as_typed_in_the_form() {
    use crate::html::copy_site;
    use crate::support::fixture;
    let root = copy_site(&fixture("survey/site"), "survey-form-titles");
    let titles = [
        ("alpha", "Alpha", "Douar ${foo} *x* [a](https://example.org)"),
        ("beta", "Beta", "${community} __b__ # <b>c</b> &amp; C:\\d"),
    ];
    for (id, old, title) in titles {
        let path = root.join(format!("content/communities/{id}.md"));
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replacen(&format!("title: {old}\n"), &format!("title: '{title}'\n"), 1)).unwrap();
    }
    let sheets = form(&root);
    let label = |id: &str| sheets["choices"].choice("community", id)["label"].clone();
    assert_eq!(label("alpha"), "Douar $\u{2060}{foo} \\*x\\* [a]\u{2060}(https://example.org)");
    assert_eq!(label("beta"), "$\u{2060}{community} \\_\\_b\\_\\_ \\# <\u{2060}b>c<\u{2060}/b> &\u{2060}amp; C:\\\\d");
    for (id, _, title) in titles {
        assert_eq!(as_collect_shows(&label(id)).as_deref(), Some(title), "{id}");
    }
    // What the test reads as markup, it sees in a title written as typed.
    assert_eq!(as_collect_shows(titles[0].2), None);

    // An export with labels (as the form writes them, or as typed) names the communities.
    let sheet = crate::survey::read_form(&root.join("forms/community-survey.xlsx"));
    let (header, mut rows) = crate::survey::submissions(&sheet, 20);
    let community = header.iter().position(|h| h == "community").unwrap();
    for (r, row) in rows.iter_mut().enumerate() {
        let (id, _, title) = titles[usize::from(row[community] == "beta")];
        row[community] = if r % 2 == 0 { label(id) } else { title.to_string() };
    }
    let file = root.join("labels.csv");
    std::fs::write(&file, crate::survey::csv_text(&header, &rows, ';')).unwrap();
    let out = run(&root, &["import", file.to_str().unwrap(), "--replace", "--dry-run"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("20 submissions read: 2 profiles would change"), "{}", out.stderr);

    let Some(xls2xform) = find(FieldTool::Xls2xform) else { return };
    let xml = crate::survey::xform_of(&xls2xform, &root);
    assert!(!xml.contains("<output"), "a title became a reference: {xml}");
    let document = roxmltree::Document::parse(&xml).unwrap();
    for (_, _, title) in titles {
        let found = document
            .descendants()
            .filter(|n| n.has_tag_name("label") || n.has_tag_name("value"))
            .filter_map(|n| n.text())
            .find(|text| as_collect_shows(text).as_deref() == Some(title));
        assert!(found.is_some(), "{title} does not read as typed in {xml}");
    }
}

/// A site's own schema entries are typed by its authors too: an indicator's label with
/// `${…}`, a description with markdown and a part's label with `#` are written so that ODK's
/// converter accepts the form (an unknown `${name}` made it fail) and Collect shows them as
/// typed; an export naming the part by its label as typed imports.
#[test]
fn a_site_s_own_labels_show_as_typed_in_the_form() {
    use crate::html::copy_site;
    use crate::support::fixture;
    let root = copy_site(&fixture("survey/site"), "survey-form-schema-labels");
    let schema = std::fs::read_to_string(root.join("schema.toml")).unwrap();
    let schema = schema
        .replacen("label = \"Returnees in the household\"", "label = \"Returnees in the household (${port})\"", 1)
        .replacen(
            "description = \"Members of the household who came back in the last twelve months.\"",
            "description = \"Members who came back in the last *twelve* months.\"",
            1,
        );
    std::fs::write(root.join("schema.toml"), &schema).unwrap();
    let sheets = form(&root);
    let question = sheets["survey"].row("name", "returnees-in-household");
    assert_eq!(question["label"], "Returnees in the household ($\u{2060}{port})");
    assert_eq!(question["hint"], "Members who came back in the last \\*twelve\\* months.");
    assert_eq!(as_collect_shows(&question["label"]).as_deref(), Some("Returnees in the household (${port})"));

    // An export whose header is the question's label, as typed or as the form writes it.
    let sheet = crate::survey::read_form(&root.join("forms/community-survey.xlsx"));
    let (header, rows) = crate::survey::submissions(&sheet, 20);
    let column = header.iter().position(|h| h.ends_with("returnees-in-household")).unwrap();
    for (n, label) in [question["label"].clone(), "Returnees in the household (${port})".to_string()].iter().enumerate()
    {
        let mut header = header.clone();
        header[column] = label.clone();
        let file = root.join(format!("labels-{n}.csv"));
        std::fs::write(&file, crate::survey::csv_text(&header, &rows, ';')).unwrap();
        let out = run(&root, &["import", file.to_str().unwrap(), "--replace", "--dry-run"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(!out.stderr.contains("returnees-in-household"), "the question was not found: {}", out.stderr);
    }

    let Some(xls2xform) = find(FieldTool::Xls2xform) else { return };
    let xml = crate::survey::xform_of(&xls2xform, &root);
    assert!(!xml.contains("<output"), "a label became a reference: {xml}");
}

/// The example of a new indicator that `init` writes, commented, in schema.toml: once
/// uncommented it loads, and the form asks it by its question, in each language `init` writes.
#[test]
fn the_starter_schema_s_new_indicator_is_asked_by_its_question() {
    for (language, question) in [
        ("en", "How many members of your household came back in the last 12 months?"),
        ("fr", "Combien de membres de votre ménage sont revenus au cours des 12 derniers mois ?"),
        ("es", "¿Cuántos miembros de su hogar regresaron en los últimos 12 meses?"),
        ("ar", "كم عدد أفراد أسرتك الذين عادوا خلال الاثني عشر شهرًا الماضية؟"),
    ] {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("survey-starter-question-{language}"));
        let _ = std::fs::remove_dir_all(&root);
        let made = fieldbook().arg("init").arg(&root).args(["--language", language]).output().unwrap();
        assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
        let starter = std::fs::read_to_string(root.join("schema.toml")).unwrap();
        let start = starter.find("# [[indicators]]\n# id = \"returnees-last-12-months\"").expect("the example");
        let end = start + starter[start..].find("\n\n").unwrap();
        let block: String = starter[start..end].lines().map(|l| format!("{}\n", &l[2..])).collect();
        assert!(block.contains(&format!("question = \"{question}\"")), "{language}: {block}");
        std::fs::write(root.join("schema.toml"), &block).unwrap();
        let sheets = form(&root);
        assert_eq!(sheets["survey"].row("name", "returnees-last-12-months")["label"], question, "{language}");
    }
}
