//! Settings: every mistake in fieldbook.toml, in any table, is said in the site's language, at
//! the key or value at fault, with what is expected in words, the nearest key, and the line
//! mended when it can be; so are the TOML reader's mistakes in schema.toml and the theme's
//! theme.toml. A language that is not a language code is an error naming the code meant, said
//! in English since the language setting itself is what is broken. The outputs are pinned in
//! settings/<case>.txt, each run after the settings it was given.

use std::path::{Path, PathBuf};

use crate::html::copy_site;
use crate::support::{Run, assert_matches_file, fixture, run};

/// A copy of the small French site in settings/site, as `name`.
fn site(name: &str) -> PathBuf {
    copy_site(&fixture("settings/site"), name)
}

/// `check` on the site at `root` with `files` written in it (`fieldbook.toml`, `schema.toml`,
/// a theme's file), then each of them put back as it was.
fn check_with(root: &Path, files: &[(&str, &str)]) -> Run {
    let before: Vec<Option<String>> =
        files.iter().map(|(name, _)| std::fs::read_to_string(root.join(name)).ok()).collect();
    for (name, text) in files {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let result = run(root, &["check"]);
    for ((name, _), text) in files.iter().zip(before) {
        match text {
            Some(text) => std::fs::write(root.join(name), text).unwrap(),
            None => std::fs::remove_file(root.join(name)).unwrap(),
        }
    }
    result
}

/// Each case run in turn on the site at `root`: the files it was given, what `check` said and
/// its exit code, one after the other, as the expected files hold them.
fn transcript(root: &Path, cases: &[&[(&str, &str)]]) -> String {
    let mut out = String::new();
    for files in cases {
        for (name, text) in *files {
            out.push_str(&format!("==> {name}\n{text}"));
        }
        let result = check_with(root, files);
        assert_eq!(result.code, 1, "{}", result.stderr);
        out.push_str(&format!("--- check\n{}[exit: {}]\n\n", result.stderr, result.code));
    }
    out
}

/// fieldbook.toml of a French site with `more` after its title and language.
fn french(more: &str) -> String {
    format!("title = \"Observatoire du retour\"\nlanguage = \"fr\"\n{more}")
}

#[test]
fn every_mistake_in_the_settings_is_said_in_french_at_its_place_with_a_help() {
    let root = site("settings-in-french");
    let cases = [
        french("\n[privacy]\nsmall_count_treshold = 5\n"),
        french("\n[markdown]\ntrusted_htm = true\n"),
        french("review_interval_months = \"12\"\n"),
        french("review_interval_months = 12.5\n"),
        french("\n[privacy]\nsmall_count_threshold = \"cinco\"\n"),
        french("\n[markdown]\ntrusted_html = \"yes\"\n"),
        french("\n[listing]\npage_size = 0\n"),
        french("sortie = \"public\"\n"),
        "title = Observatoire du retour\nlanguage = \"fr\"\n".to_string(),
        "language = \"fr\"\n".to_string(),
        "title = \"Observatoire du retour\"\nlanguages = [\"fr\", \"es_HN\"]\n".to_string(),
    ];
    let cases: Vec<[(&str, &str); 1]> = cases.iter().map(|text| [("fieldbook.toml", text.as_str())]).collect();
    let cases: Vec<&[(&str, &str)]> = cases.iter().map(|c| &c[..]).collect();
    let said = transcript(&root, &cases);
    assert_matches_file(&said, &fixture("settings/in-french.txt"));
    // What matters, said plainly: the message, where, and the help, for the tester's cases.
    for expected in [
        "erreur[config]: fieldbook.toml\u{202f}: clé inconnue `small_count_treshold` dans `[privacy]`\u{202f}; valeurs possibles\u{202f}: `small_count_threshold`, `location_precision_km`\n --> fieldbook.toml:5:1\n",
        "  = aide: vouliez-vous dire `small_count_threshold`\u{202f}?\n",
        "  = aide: vouliez-vous dire `trusted_html`\u{202f}?\n",
        "erreur[config]: fieldbook.toml\u{202f}: `review_interval_months` doit être un nombre entier, comme `12`\n --> fieldbook.toml:3:26\n",
        "  = aide: écrivez `review_interval_months = 12`\n",
        "erreur[config]: fieldbook.toml\u{202f}: `review_interval_months` doit être un nombre entier, ce que `12.5` n'est pas\n",
        "  = aide: écrivez `12` ou `13`\n",
        "erreur[config]: fieldbook.toml\u{202f}: `privacy.small_count_threshold` doit être un nombre entier, comme `12`\n --> fieldbook.toml:5:25\n",
        "erreur[config]: fieldbook.toml\u{202f}: `markdown.trusted_html` doit être `true` ou `false`\n --> fieldbook.toml:5:16\n",
        "  = aide: écrivez `trusted_html = true`\n",
        "erreur[config]: `listing.page_size` doit valoir au moins 1\n --> fieldbook.toml:5:13\n",
        "  = aide: écrivez `title = \"Observatoire du retour\"`\n",
        "erreur[config]: fieldbook.toml\u{202f}: il manque `title`\n",
        "erreur[config]: `languages`\u{202f}: `es_HN` n'est pas un code de langue (comme en, fr, es, ar ou pt-BR)\n --> fieldbook.toml:2:20\n",
        "  = aide: vouliez-vous dire `es-HN`\u{202f}? écrivez `languages = [\"fr\", \"es-HN\"]`\n",
    ] {
        assert!(said.contains(expected), "{expected}\n{said}");
    }
    // No serde English left.
    for english in ["unknown field", "invalid type", "expected u32", "expected u64", "a boolean", "missing field"] {
        assert!(!said.contains(english), "{english}\n{said}");
    }
}

#[test]
fn the_settings_mistakes_are_said_in_spanish_and_arabic_too() {
    let root = site("settings-in-spanish-and-arabic");
    let spanish = |more: &str| format!("title = \"Observatorio\"\nlanguage = \"es-HN\"\n{more}");
    let arabic = |more: &str| format!("title = \"مرصد\"\nlanguage = \"ar\"\n{more}");
    let cases = [
        spanish("review_interval_months = \"12\"\n"),
        spanish("\n[markdown]\ntrusted_html = \"sí\"\n"),
        spanish("\n[privacy]\nlocation_precision_km = \"0,5\"\n"),
        arabic("\n[markdown]\ntrusted_htm = true\n"),
    ];
    let cases: Vec<[(&str, &str); 1]> = cases.iter().map(|text| [("fieldbook.toml", text.as_str())]).collect();
    let cases: Vec<&[(&str, &str)]> = cases.iter().map(|c| &c[..]).collect();
    let said = transcript(&root, &cases);
    assert_matches_file(&said, &fixture("settings/in-spanish-and-arabic.txt"));
    for expected in [
        "error[config]: fieldbook.toml: `review_interval_months` debe ser un número entero, como `12`\n --> fieldbook.toml:3:26\n",
        "  = ayuda: escriba `review_interval_months = 12`\n",
        "  = ayuda: escriba `trusted_html = true`\n",
        "  = ayuda: escriba `location_precision_km = 0.5`\n",
        "خطأ[config]: fieldbook.toml: المفتاح \u{200e}`trusted_htm`\u{200e} غير معروف في \u{200e}`[markdown]`\u{200e}؛",
        "  = مساعدة: هل تقصد \u{200e}`trusted_html`\u{200e}؟\n",
    ] {
        assert!(said.contains(expected), "{expected}\n{said}");
    }
}

#[test]
fn the_schema_and_the_themes_manifest_are_read_the_same_way() {
    let root = site("settings-schema-and-theme");
    let cases: [&[(&str, &str)]; 3] = [
        &[(
            "schema.toml",
            "[[indicators]]\nid = \"water-access\"\nlabel = \"Accès à l'eau\"\ngroup = \"services\"\nkind = \"percent\"\nsurvey = \"non\"\n",
        )],
        &[(
            "schema.toml",
            "[[methods]]\nid = \"focus-group\"\nlabel = \"Focus group\"\nlabels = { French = \"Groupe de discussion\" }\n",
        )],
        &[("themes/default/theme.toml", "[read]\n\"community.html\" = [\"groups\"]\n")],
    ];
    let said = transcript(&root, &cases);
    assert_matches_file(&said, &fixture("settings/schema-and-theme.txt"));
    for expected in [
        "erreur[schema]: schema.toml\u{202f}: `indicators.survey` doit être `true` ou `false`\n --> schema.toml:6:10\n",
        "  = aide: écrivez `survey = false`\n",
        "erreur[schema]: `labels`\u{202f}: `French` n'est pas un code de langue",
        "  = aide: vouliez-vous dire `fr`\u{202f}? écrivez `labels = { fr = \"Groupe de discussion\" }`\n",
        "erreur[theme-manifest]: themes/default/theme.toml\u{202f}: clé inconnue `read`\u{202f}; valeur attendue\u{202f}: `reads`\n",
    ] {
        assert!(said.contains(expected), "{expected}\n{said}");
    }
}

#[test]
fn a_language_that_is_not_a_language_code_is_an_error_said_in_english() {
    let root = site("settings-language-codes");
    let cases = [
        "title = \"Observatoire\"\nlanguage = \"français\"\n",
        "title = \"Observatorio\"\nlanguage = \"Español\"\n",
        "title = \"Observatoire\"\nlanguage = \"fr_FR\"\n",
        "title = \"Observatoire\"\nlanguage = \"Klingon\"\n",
        "title = \"Observatoire\"\nlanguage = fr\n",
    ];
    let cases: Vec<[(&str, &str); 1]> = cases.iter().map(|text| [("fieldbook.toml", *text)]).collect();
    let cases: Vec<&[(&str, &str)]> = cases.iter().map(|c| &c[..]).collect();
    let said = transcript(&root, &cases);
    assert_matches_file(&said, &fixture("settings/language-codes.txt"));
    for expected in [
        "error[config]: `language`: `français` is not a language code (such as en, fr, es, ar or pt-BR)\n --> fieldbook.toml:2:12\n",
        "  = help: did you mean `fr`? write `language = \"fr\"`\n",
        "  = help: did you mean `es`? write `language = \"es\"`\n",
        "  = help: did you mean `fr-FR`? write `language = \"fr-FR\"`\n",
        "Fieldbook has wording in `en`, `fr`, `es` and `ar`\n",
        "error[config]: fieldbook.toml: `fr` is text, and text must be in quotes\n",
    ] {
        assert!(said.contains(expected), "{expected}\n{said}");
    }
    // The build stops there: no page gets `<html lang="français">`.
    std::fs::write(root.join("fieldbook.toml"), "title = \"Observatoire\"\nlanguage = \"français\"\n").unwrap();
    let built = run(&root, &["build"]);
    assert_eq!(built.code, 1, "{}", built.stderr);
    assert!(!root.join("site").exists());
}

#[test]
fn a_pages_language_and_a_translations_name_are_checked_the_same_way() {
    let root = site("settings-page-languages");
    std::fs::write(root.join("fieldbook.toml"), "title = \"Observatoire\"\nlanguages = [\"fr\", \"es\"]\n").unwrap();
    let guidance = root.join("content/guidance");
    std::fs::write(
        guidance.join("eau.md"),
        "---\ntitle: Agua\nstatus: published\nsector: wash\nlanguage: Español\n---\nUna página.\n",
    )
    .unwrap();
    std::fs::write(guidance.join("logement.es_HN.md"), "---\ntitle: Vivienda\n---\nLa traducción.\n").unwrap();
    let result = run(&root, &["check"]);
    for expected in [
        "avertissement[odd-language]: `Español` ne ressemble pas à un code de langue\n",
        "  = aide: vouliez-vous dire `es`\u{202f}?\n",
        "erreur[translation-language-unknown]: `logement.es_HN.md` est une traduction en `es_HN`",
        "  = aide: `es_HN` n'est pas un code de langue\u{202f}: renommez le fichier en `logement.es-HN.md`\n",
    ] {
        assert!(result.stderr.contains(expected), "{expected}\n{}", result.stderr);
    }
}

#[test]
fn a_translation_of_the_site_s_own_language_is_warned_of_in_it_and_the_rest_builds() {
    let root = site("settings-own-translation");
    let config = french("\n[translation.fr]\ntitle = \"Retours\"\n\n[translation.es]\ntitle = \"Retornos\"\n");
    let result = check_with(&root, &[("fieldbook.toml", &config)]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(
        result.stderr.contains(
            "avertissement[translation-of-site-language]: `[translation.fr]` est pour la langue même du site (`fr`), \
             dont les pages affichent `title` et `description` en tête du fichier\u{202f}: rien n'affiche cette table\n \
             --> fieldbook.toml:4:14\n"
        ),
        "{}",
        result.stderr
    );
    assert!(result.stderr.contains("= aide: supprimez la table"), "{}", result.stderr);
    // The table of another language is no mistake.
    assert_eq!(result.stderr.matches("avertissement[translation-of-site-language]").count(), 1, "{}", result.stderr);
}
