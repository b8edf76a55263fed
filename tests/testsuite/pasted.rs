//! Frontmatter typed in a word processor and pasted into a profile: a line with no `: `, a
//! no-break space or a tab beside a colon or in the indentation, a full-width colon, a bullet
//! for a list's dash, a dash for an id's hyphen. Each is said on the line written wrong, at the
//! character at fault, in the site's language and without the parser's words, with the line as
//! it should be typed; numbers written as documents write them are told the number to write.
//!
//! Each case changes one line of a clean profile (pasted/<language>/content/communities/
//! pikine.md) and runs `check --quiet`; what every case printed is pinned in
//! pasted/<language>/expected.txt.

use std::path::Path;

use crate::support::{assert_matches_file, fixture, run};

/// One mistake: its name, the line of the clean profile it replaces and what replaces it, and
/// where the error must be (`line:column`, the column of the character at fault), or `None`
/// when the profile is still clean.
type Case = (&'static str, &'static str, &'static str, Option<&'static str>);

/// The rows of the tester's table, in the French site.
const TABLE: &[Case] = &[
    ("a field without its colon", "population: 24500", "population 24500", Some("5:11")),
    ("a no-break space after the colon", "population: 24500", "population:\u{a0}24500", Some("5:12")),
    ("a full-width colon", "population: 24500", "population\u{ff1a}24500", Some("5:11")),
    ("a stray line of text", "population: 24500", "les chiffres du recensement de 2024", Some("5:1")),
    ("a Word bullet", "methods: [desk-review]", "methods:\n\u{2022} desk-review", Some("9:1")),
    ("a no-break space after a list's dash", "methods: [desk-review]", "methods:\n-\u{a0}desk-review", Some("9:2")),
    (
        "an item indented under the one above",
        "methods: [desk-review]",
        "methods:\n  - desk-review\n    - focus-group-discussion",
        Some("9:5"),
    ),
    ("a no-break space after the title's colon", "title: Pikine", "title:\u{a0}Pikine", Some("2:7")),
    ("a tab before a top-level field", "population: 24500", "\tpopulation: 24500", Some("5:1")),
    ("a tab after the colon", "population: 24500", "population:\t24500", Some("5:12")),
    (
        "an indentation of no-break spaces",
        "  access-to-services: 47",
        "\u{a0}\u{a0}access-to-services: 47",
        Some("10:1"),
    ),
    ("a no-break hyphen in an id", "methods: [desk-review]", "methods: [desk\u{2011}review]", Some("8:15")),
    ("an en dash in an id", "methods: [desk-review]", "methods: [desk\u{2013}review]", Some("8:15")),
    (
        "a no-break space before the colon, as French typography writes it",
        "population: 24500",
        "population\u{a0}: 24500",
        Some("5:11"),
    ),
];

/// Numbers as documents and spreadsheets write them.
const NUMBERS: &[Case] = &[
    (
        "a dot between thousands, where a whole number is expected",
        "population: 24500",
        "population: 24.500",
        Some("5:13"),
    ),
    ("a space between thousands", "population: 24500", "population: 24 500", Some("5:13")),
    ("curly quotes", "population: 24500", "population: \u{201c}24500\u{201d}", Some("5:13")),
    ("straight quotes inside the value", "population: 24500", "population: '\"24500\"'", Some("5:13")),
    ("thousands and a decimal comma", "  access-to-services: 47", "  migration-rates: 1 200,5", Some("10:20")),
    ("a decimal comma", "  access-to-services: 47", "  access-to-services: 47,5", Some("10:23")),
    ("a decimal where decimals are allowed", "  access-to-services: 47", "  migration-rates: 24.500", None),
];

/// Run each case on a copy of the site of `language` (in folders named with `tag`), check where its error is and that no
/// parser words reach the reader, and give what every case printed.
fn checked(language: &str, tag: &str, cases: &[Case]) -> String {
    let original = fixture(&format!("pasted/{language}"));
    let clean = run(&original, &["check", "--quiet"]);
    assert_eq!((clean.code, clean.stderr.as_str()), (0, ""), "the profile must be clean to start with");
    let profile = std::fs::read_to_string(original.join("content/communities/pikine.md")).unwrap();
    let mut shown = String::new();
    for (n, (name, line, written, at)) in cases.iter().enumerate() {
        assert!(profile.contains(&format!("{line}\n")), "{name}: no line `{line}`");
        let root = crate::html::copy_site(&original, &format!("pasted-{language}-{tag}-{n}"));
        std::fs::write(root.join("content/communities/pikine.md"), profile.replacen(line, written, 1)).unwrap();
        let result = run(&root, &["check", "--quiet"]);
        match at {
            Some(at) => {
                assert_eq!(result.code, 1, "{name}: {}", result.stderr);
                assert!(
                    result.stderr.contains(&format!(" --> content/communities/pikine.md:{at}\n")),
                    "{name}: {}",
                    result.stderr
                );
                assert_eq!(result.stderr.matches("]: ").count(), 1, "{name}: one error: {}", result.stderr);
            }
            None => assert_eq!((result.code, result.stderr.as_str()), (0, ""), "{name}"),
        }
        for jargon in ["simple key", "YAML whitespace", "must be followed", "expected ':'", "vouliez-vous dire"] {
            assert!(!result.stderr.contains(jargon), "{name}: `{jargon}` in {}", result.stderr);
        }
        shown.push_str(&format!("=== {name}: {}\n{}[exit: {}]\n\n", visible(written), result.stderr, result.code));
    }
    shown
}

/// `text` with its invisible characters (tabs, line breaks, no-break spaces) escaped.
fn visible(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c == ' ' || !(c.is_whitespace() || c.is_control()) {
                c.to_string()
            } else {
                c.escape_debug().to_string()
            }
        })
        .collect()
}

fn pinned(language: &str, file: &str, cases: &[Case]) -> String {
    let shown = checked(language, file.trim_end_matches(".txt"), cases);
    assert_matches_file(&shown, &Path::new(&fixture(&format!("pasted/{language}"))).join(file));
    shown
}

#[test]
fn each_mistake_of_the_table_is_said_in_french_on_its_line_with_the_line_mended() {
    let shown = pinned("fr", "expected.txt", TABLE);
    for said in [
        "erreur[invalid-yaml]: cette ligne n'a pas de `: ` entre le nom d'un champ et sa valeur",
        "= aide: écrivez `population: 24500`",
        "erreur[invalid-yaml]: une espace insécable (collée depuis un traitement de texte) après le deux-points",
        "= aide: tapez une espace ordinaire à la place\u{202f}: `population: 24500`",
        "= aide: tapez une espace ordinaire à la place\u{202f}: `title: Pikine`",
        "erreur[invalid-yaml]: `\u{ff1a}` n'est pas le deux-points `:` que lit YAML",
        "si cette ligne est une note, commencez-la par `#`\u{202f}: `# les chiffres du recensement de 2024`",
        "erreur[invalid-yaml]: `\u{2022}` est une puce collée depuis un traitement de texte",
        "= aide: écrivez `- desk-review`",
        "erreur[invalid-yaml]: l'espace après ce `-` est une espace insécable",
        "= aide: tapez une espace ordinaire à la place\u{202f}: `- desk-review`",
        "= aide: `desk-review` et `focus-group-discussion` sont deux éléments que YAML a réunis en un seul",
        "erreur[invalid-yaml]: cette ligne est mise en retrait par une tabulation",
        "erreur[invalid-yaml]: une tabulation après le deux-points",
        "erreur[invalid-yaml]: cette ligne est mise en retrait par des espaces insécables",
        "= aide: retapez son retrait avec des espaces ordinaires\u{202f}: `  access-to-services: 47`",
        "erreur[unknown-method]: ce trait d'union dans `desk\u{2011}review` est un tiret collé depuis un traitement de texte (U+2011)",
        "= aide: tapez `-` à la place\u{202f}: `desk-review`",
    ] {
        assert!(shown.contains(said), "{said}\n{shown}");
    }
}

#[test]
fn numbers_as_documents_write_them_are_told_the_number_to_write() {
    let shown = pinned("fr", "numbers.txt", NUMBERS);
    for said in [
        "erreur[wrong-kind]: `population` doit être un nombre entier, pas `24.500`\n",
        "= aide: écrivez les nombres sans séparateur de milliers\u{202f}: `24500`",
        "= aide: écrivez le nombre seul, sans guillemets\u{202f}: `24500`",
        "= aide: écrivez les nombres sans séparateur de milliers, avec un point pour les décimales\u{202f}: `1200.5`",
        "= aide: utilisez un point pour les décimales\u{202f}: `47.5`",
    ] {
        assert!(shown.contains(said), "{said}\n{shown}");
    }
}

#[test]
fn a_spanish_site_is_told_them_in_spanish() {
    let cases = [TABLE[0], TABLE[1], NUMBERS[0]];
    let shown = pinned("es", "expected.txt", &cases);
    for said in [
        "error[invalid-yaml]: esta línea no tiene `: ` entre el nombre de un campo y su valor",
        "= ayuda: escriba `population: 24500`",
        "error[invalid-yaml]: un espacio de no separación (pegado desde un procesador de textos) después de los dos puntos",
        "= ayuda: escriba un espacio normal en su lugar: `population: 24500`",
        "= ayuda: escriba los números sin separador de miles: `24500`",
    ] {
        assert!(shown.contains(said), "{said}\n{shown}");
    }
}
