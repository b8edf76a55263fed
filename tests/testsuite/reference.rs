//! The guide's page "Reference" (docs/src/reference.md) documents every field and schema entry
//! through a section generated from the built-in schema; this keeps it in step.
//! `FIELDBOOK_BLESS=1` rewrites the section.

const START: &str = "<!-- reference:start -->\n";
const END: &str = "<!-- reference:end -->";

#[test]
fn guide_reference_matches_the_schema() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/src/reference.md");
    let page = std::fs::read_to_string(&path).unwrap();
    let start = page.find(START).expect("docs/src/reference.md has the reference start marker") + START.len();
    let end = page.find(END).expect("docs/src/reference.md has the reference end marker");
    let generated = fieldbook::reference::markdown(&fieldbook::schema::Schema::builtin());
    if std::env::var_os("FIELDBOOK_BLESS").is_some() {
        let updated = format!("{}{generated}{}", &page[..start], &page[end..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert!(
        page[start..end] == generated,
        "docs/src/reference.md is out of date with the schema; run FIELDBOOK_BLESS=1 cargo test --test testsuite reference"
    );
}

/// `schema --reference` speaks the site's language: a French site's reference has its
/// headings, table heads and sentences in French beside the handbook's labels in French, under
/// the note on Fieldbook's translations, in French too; `--language` asks for another language,
/// English included, whose reference is the guide's (above). Markdown is not a terminal: no
/// marks are put around the ids of an Arabic reference.
#[test]
fn the_reference_of_a_site_speaks_its_language() {
    let root = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("reference-french-site");
    let _ = std::fs::remove_dir_all(&root);
    let made = crate::support::fieldbook().arg("init").arg(&root).args(["--language", "fr"]).output().unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));

    let french = crate::support::run(&root, &["schema", "--reference"]);
    assert_eq!(french.code, 0, "{}", french.stderr);
    for said in [
        "> Les libellés et descriptions en français, en espagnol et en arabe sont les traductions de Fieldbook",
        "## Champs de chaque type de contenu",
        "| champ | type | obligatoire | ce qu'il contient |",
        "| `assessed` | date (AAAA-MM-JJ) | oui |",
        "## Entrées d'indicateur",
        "| `age-distribution` | Répartition par âge | distribution parmi `0-14`, `15-24`, `25-64`, `65+`",
        "- `sex` (Sexe) : parties `female` (femmes), `male` (hommes) ; une personne interrogée : Femme (`female`)",
        "Méthodes suggérées : ",
    ] {
        // French puts a narrow no-break space before `:` and `;`, as on its pages.
        let said = said.replace(" :", "\u{202f}:").replace(" ;", "\u{202f};");
        assert!(french.stdout.contains(&said), "{said} not in:\n{}", french.stdout);
    }
    for english in ["Fields of each content type", "what it holds", "Age distribution", "Suggested methods"] {
        assert!(!french.stdout.contains(english), "{english} in:\n{}", french.stdout);
    }

    let english = crate::support::run(&root, &["schema", "--reference", "--language", "en"]);
    let guide = fieldbook::reference::markdown(&fieldbook::schema::Schema::builtin());
    assert_eq!(english.stdout, guide, "an English reference is the guide's, with no note");

    let arabic = crate::support::run(&root, &["schema", "--reference", "--language", "ar"]);
    assert!(arabic.stdout.contains("## حقول كل نوع من المحتوى"), "{}", arabic.stdout);
    assert!(arabic.stdout.contains("`draft`، `published`، `confidential`"), "{}", arabic.stdout);
    assert!(!arabic.stdout.contains('\u{200e}'), "no marks in markdown");
}
