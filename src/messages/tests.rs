use std::collections::{BTreeMap, BTreeSet};

use super::*;

/// Every message of a catalogue: its key, and each form's template (one for a plain one).
fn forms(text: &str) -> BTreeMap<String, Vec<(String, String)>> {
    let wording = flatten(text).expect("the catalogue reads");
    let mut all: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (key, template) in wording.texts {
        all.insert(key, vec![("other".into(), template)]);
    }
    for (key, by_category) in wording.counted {
        all.insert(key, by_category.into_iter().collect());
    }
    all
}

/// The `{names}` of a template.
fn placeholders(template: &str) -> BTreeSet<String> {
    template
        .split('{')
        .skip(1)
        .filter_map(|p| p.split_once('}').map(|(name, _)| name))
        .filter(|name| !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .map(str::to_string)
        .collect()
}

/// What a catalogue gets wrong against English: keys missing or extra, placeholders that
/// differ, plural forms without `other` or missing a category the language uses.
fn problems(tag: &str, english: &str, translation: &str) -> Vec<String> {
    let (english, translation) = (forms(english), forms(translation));
    let mut out = Vec::new();
    for key in english.keys().filter(|k| !translation.contains_key(*k)) {
        out.push(format!("{tag}: `{key}` is missing"));
    }
    for key in translation.keys().filter(|k| !english.contains_key(*k)) {
        out.push(format!("{tag}: `{key}` is not in English"));
    }
    let locale = Locale::from_wording(tag, Wording::default(), true);
    let used: BTreeSet<&str> = (0..=200).map(|n| locale.category(n)).collect();
    for (key, forms) in &translation {
        let Some(english_forms) = english.get(key) else { continue };
        let wanted: BTreeSet<String> = english_forms.iter().flat_map(|(_, t)| placeholders(t)).collect();
        let given: BTreeSet<String> = forms.iter().flat_map(|(_, t)| placeholders(t)).collect();
        // A form for one thing may say "un fichier" rather than `{n}`: counts may be left out.
        let counts = |set: &BTreeSet<String>| set.iter().filter(|p| *p != "n").cloned().collect::<BTreeSet<_>>();
        if counts(&wanted) != counts(&given) || (given.contains("n") && !wanted.contains("n")) {
            out.push(format!("{tag}: `{key}` has the placeholders {given:?}, English {wanted:?}"));
        }
        let plural = english_forms.len() > 1 || forms.len() > 1;
        if plural {
            let categories: BTreeSet<&str> = forms.iter().map(|(c, _)| c.as_str()).collect();
            if let Some(lacking) = used.iter().find(|c| !categories.contains(*c)) {
                out.push(format!("{tag}: `{key}` has no `{lacking}` form, which {tag} uses"));
            }
        }
    }
    out
}

#[test]
fn every_language_has_every_message_with_the_same_placeholders() {
    let english = CATALOGUES[0].1;
    let found: Vec<String> = CATALOGUES.iter().skip(1).flat_map(|(tag, text)| problems(tag, english, text)).collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_completeness_check_finds_a_missing_key_a_changed_placeholder_and_a_missing_plural_form() {
    let english = "[a]\nx = \"`{field}` is {what}\"\ny = \"y\"\nz = { one = \"{n} file\", other = \"{n} files\" }\n";
    let french = "[a]\nx = \"`{champ}` est {what}\"\nz = { other = \"{n} fichiers\" }\n";
    let found = problems("fr", english, french);
    assert!(found.iter().any(|p| p.contains("`a.y` is missing")), "{found:?}");
    assert!(found.iter().any(|p| p.contains("`a.x` has the placeholders")), "{found:?}");
    assert!(found.iter().any(|p| p.contains("`a.z` has no `one` form")), "{found:?}");
    assert!(problems("fr", english, english).is_empty());
}

/// Every `.rs` file under src/.
fn sources() -> Vec<String> {
    fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).expect("src is readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(std::fs::read_to_string(&path).expect("a source file reads"));
            }
        }
    }
    let mut out = Vec::new();
    walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    out
}

#[test]
fn every_message_is_used_and_every_message_used_exists() {
    let code: String = sources().concat();
    let english = forms(CATALOGUES[0].1);
    let unused: Vec<&String> = english.keys().filter(|key| !code.contains(&format!("\"{key}\""))).collect();
    assert!(unused.is_empty(), "messages no code uses: {unused:?}");
    let unknown: Vec<&str> = code
        .split("Message::new(\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(id, _)| id))
        .filter(|id| !english.contains_key(*id))
        .collect();
    assert!(unknown.is_empty(), "messages not in en.toml: {unknown:?}");
}

#[test]
fn a_message_is_said_in_the_chosen_language_with_its_values_as_written() {
    let message = Message::new("validate.unknown-field")
        .with("field", "acess: x")
        .phrase("kind", crate::model::ContentType::Community.description_said());
    assert_eq!(message.english(), "unknown field `acess: x` for a community profile");
    // French spaces its punctuation in the template, never in a value put in.
    let help = Message::new("hint.did-you-mean").with("near", "a ?b");
    assert_eq!(Messages::of("fr").render(&help), "vouliez-vous dire `a ?b`\u{202f}?");
    // Nor inside the template's own backticks, which hold YAML as it must be typed.
    let yaml = Messages::of("fr").render(&Message::new("validate.frontmatter-not-map"));
    assert!(yaml.ends_with("un `nom: valeur` par ligne"), "{yaml}");
    // Arabic keeps each value in backticks one left-to-right run.
    let arabic = Messages::of("ar-MA").render(&message);
    assert!(arabic.contains("\u{200e}`acess: x`\u{200e}"), "{arabic}");
    assert_eq!(Messages::of("pt").language(), "en");
}

/// French elides `de`, `le`, `la` and `que` before a word put in that starts with a vowel,
/// and not before a consonant, a number or a value in backticks.
#[test]
fn french_elides_before_a_vowel_put_in() {
    let no_id = |what: &'static str| Message::new("link.no-id").phrase("what", Message::new(what)).with("id", "x");
    let fr = Messages::of("fr");
    assert_eq!(fr.render(&no_id("what.indicator")), "il n'y a pas d'indicateur d'identifiant `x`");
    assert_eq!(fr.render(&no_id("what.approach")), "il n'y a pas d'approche d'identifiant `x`");
    assert_eq!(fr.render(&no_id("what.criterion")), "il n'y a pas de critère d'identifiant `x`");
    assert_eq!(
        super::elide_french("le code de {a}, pas de {b}", &[("a", "Irak"), ("b", "`Iran`")]),
        "le code d'{a}, pas de {b}"
    );
    assert_eq!(
        super::elide_french("Le {a} et code {b}", &[("a", "ordre"), ("b", "un")]),
        "L'{a} et code {b}",
        "only the word `de`"
    );
    assert_eq!(super::elide_french("plus de {n}", &[("n", "11")]), "plus de {n}");
    // Spanish and the others have no such rule.
    assert_eq!(Messages::of("es").render(&no_id("what.indicator")), "no existe indicador con el identificador `x`");
}

#[test]
fn counts_take_the_languages_plural_forms() {
    let errors = |tag: &str, n: u64| Messages::of(tag).render(&Message::new("report.errors").count("n", n));
    assert_eq!((errors("en", 1), errors("en", 2_000)), ("1 error".to_string(), "2,000 errors".to_string()));
    assert_eq!((errors("fr", 0), errors("fr", 2)), ("0 erreur".to_string(), "2 erreurs".to_string()));
    assert_eq!((errors("es", 1), errors("es", 3)), ("1 error".to_string(), "3 errores".to_string()));
    // Arabic has six forms: none, one, two, a few, many, other.
    assert_eq!(errors("ar", 0), "لا أخطاء");
    assert_eq!(errors("ar", 1), "خطأ واحد");
    assert_eq!(errors("ar", 2), "خطآن");
    assert_eq!(errors("ar", 3), "3 أخطاء");
    assert_eq!(errors("ar", 11), "11 خطأً");
    assert_eq!(errors("ar", 100), "100 خطأ");
}

#[test]
fn the_override_comes_first_then_the_site_then_english() {
    assert_eq!(Messages::choose(Some("fr"), Some("en")).language(), "en");
    assert_eq!(Messages::choose(Some("fr"), None).language(), "fr");
    assert_eq!(Messages::choose(Some("fr"), Some(" ")).language(), "fr");
    assert_eq!(Messages::choose(None, Some("ar")).language(), "ar");
    assert_eq!(Messages::choose(None, None).language(), "en");
}

#[test]
fn a_decimal_takes_the_languages_decimal_mark() {
    let built = |tag: &str| {
        let message = Message::new("summary.loaded").decimal("seconds", 1.234, 2).with("tally", "");
        Messages::of(tag).render(&message)
    };
    assert_eq!(built("en"), "loaded the site in 1.23 s: ");
    assert!(built("fr").starts_with("site chargé en 1,23 s"), "{}", built("fr"));
    assert!(built("es").starts_with("sitio cargado en 1,23 s"), "{}", built("es"));
}

#[test]
fn a_figure_of_content_is_written_in_full_as_the_language_writes_numbers() {
    let part = |tag: &str, value: f64| {
        let message = Message::new("import.change-part").with("name", "x").content_figure("value", value);
        Messages::of(tag).render(&message)
    };
    // English as Rust writes it shortest, as the files hold it; no decimal is rounded away.
    assert_eq!(part("en", -1380.125), "x: -1380.125");
    assert_eq!(part("fr", -1380.125), "x\u{202f}: -1\u{202f}380,125");
    assert_eq!(part("es", 12345.5), "x: 12.345,5");
    assert_eq!(part("ar", 1380.0), "x: 1,380");
}
