//! `check` speaks the site's language: a French, a Spanish and an Arabic site, each with a
//! handful of common mistakes, have their output pinned in messages/<language>/expected.txt;
//! `FIELDBOOK_MESSAGES=en` brings the English back. The codes never change.

use crate::support::{Run, assert_matches_file, fieldbook, fixture, run};

fn check_in(language: &str) -> Run {
    let root = fixture(&format!("messages/{language}"));
    let result = run(&root, &["check"]);
    let shown = format!("{}[exit: {}]\n", result.stderr, result.code);
    assert_matches_file(&shown, &root.join("expected.txt"));
    result
}

/// `check` on the site of `language` with `FIELDBOOK_MESSAGES` set to `messages`.
fn check_with(language: &str, messages: &str, args: &[&str]) -> Run {
    let output = fieldbook()
        .env("FIELDBOOK_MESSAGES", messages)
        .arg("--root")
        .arg(fixture(&format!("messages/{language}")))
        .arg("check")
        .args(args)
        .output()
        .expect("run fieldbook");
    Run {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().unwrap_or(-1),
    }
}

#[test]
fn a_french_site_is_told_its_problems_in_french() {
    let result = check_in("fr");
    assert_eq!(result.code, 1);
    assert!(result.stderr.contains("erreur[unknown-field]: champ inconnu `populaton` pour un profil communautaire"));
    assert!(result.stderr.contains("= aide: vouliez-vous dire `population`\u{202f}?"), "{}", result.stderr);
    assert!(result.stderr.ends_with("6 fichiers vérifiés\u{202f}: 12 erreurs (1 asset-in-own-folder, 1 bad-date, 1 empty-file, 1 invalid-yaml, 1 missing-field, 1 out-of-range, 1 review-before-assessment, 1 schema, 1 translation-without-original, 1 unknown-field, 1 unknown-indicator, 1 wrong-kind), 10 avertissements (3 small-count, 2 missing-indicators, 1 duplicate-entry, 1 no-status, 1 personal-email, 1 review-due, 1 unpadded-date)\n"), "{}", result.stderr);
    // The schema's, a whole file's, personal data and a translation without its original.
    for said in [
        "erreur[schema]: l'identifiant `Entretien de groupe` (méthode) n'est pas un identifiant simple",
        "erreur[empty-file]: ce fichier est vide",
        "avertissement[personal-email]: `amina.benali@example.org` ressemble à une adresse e-mail, et cette page peut être publiée",
        "erreur[translation-without-original]: ce fichier est nommé comme la traduction `en` de `cooperative.md`",
        "avertissement[duplicate-entry]: `jeunes` répète `Jeunes` dans `tags`\u{202f}: à la casse et aux accents près, c'est la même entrée",
    ] {
        assert!(result.stderr.contains(said), "{said}\n{}", result.stderr);
    }
    // The privacy threshold's warnings and a file in a folder of Fieldbook's own, in French too.
    assert!(result.stderr.contains("avertissement[small-count]: `returnees-last-12-months` vaut 3, sous le seuil de confidentialité de 5\u{202f}: les pages publiques l'affichent comme <5"), "{}", result.stderr);
    assert!(
        result.stderr.contains("erreur[asset-in-own-folder]: ce fichier ne peut pas être publié dans `tags/`"),
        "{}",
        result.stderr
    );
}

#[test]
fn a_spanish_site_is_told_its_problems_in_spanish() {
    let result = check_in("es");
    assert_eq!(result.code, 1);
    assert!(result.stderr.contains("error[unknown-method]: método desconocido `desk-reviw`"), "{}", result.stderr);
    assert!(result.stderr.contains("falta `title`: es obligatorio en cada estudio de caso"), "{}", result.stderr);
    for said in [
        "error[schema]: el nuevo indicador `hogares-retornados` necesita un `kind`",
        "= ayuda: valores posibles: `number`, `percent`, `count`, `rating`, `distribution`, `list`, `text` o `yes-no`",
        "error[frontmatter-not-first]: el encabezado debe empezar en la primera línea del archivo",
        "advertencia[personal-phone]: `+503 7012 3456` parece un número de teléfono",
        "error[translation-without-original]: este archivo tiene nombre de traducción `en` de `feria.md`",
        "error[unknown-confidence]: nivel de confianza desconocido `alta`",
    ] {
        assert!(result.stderr.contains(said), "{said}\n{}", result.stderr);
    }
}

#[test]
fn an_arabic_site_is_told_its_problems_in_arabic_with_values_kept_left_to_right() {
    let result = check_in("ar");
    assert_eq!(result.code, 1);
    assert!(result.stderr.contains("خطأ[unknown-indicator]: المؤشر \u{200e}`acess-to-services`\u{200e} غير معروف"));
    // The location and the code frame are as in every language.
    assert!(result.stderr.contains(" --> content/communities/tetouan.md:11:3\n"), "{}", result.stderr);
    // A fence of four dashes is counted in words, as Arabic counts.
    for said in [
        "خطأ[bad-fence]: السطر الأول هو \u{200e}`----`\u{200e}، أربع شرطات",
        "خطأ[schema]: يلزم للمدخل الجديد \u{200e}`fishing`\u{200e} (قطاع) حقل \u{200e}`label`\u{200e}",
        "خطأ[bidi-control]: يحتوي \u{200e}`assessed_by`\u{200e} على محرف التحكم في الاتجاه غير المرئي U+202E",
        "تحذير[personal-email]: يبدو \u{200e}`karim@example.org`\u{200e} عنوان بريد إلكتروني",
        "خطأ[translation-without-original]: اسم هذا الملف اسم ترجمة \u{200e}`fr`\u{200e}",
    ] {
        assert!(result.stderr.contains(said), "{said}\n{}", result.stderr);
    }
}

#[test]
fn the_override_brings_english_back_and_tools_always_get_english() {
    let english = check_with("fr", "en", &[]);
    assert!(english.stderr.contains("error[unknown-field]: unknown field `populaton` for a community profile"));
    assert!(english.stderr.ends_with("checked 6 files: 12 errors (1 asset-in-own-folder, 1 bad-date, 1 empty-file, 1 invalid-yaml, 1 missing-field, 1 out-of-range, 1 review-before-assessment, 1 schema, 1 translation-without-original, 1 unknown-field, 1 unknown-indicator, 1 wrong-kind), 10 warnings (3 small-count, 2 missing-indicators, 1 duplicate-entry, 1 no-status, 1 personal-email, 1 review-due, 1 unpadded-date)\n"), "{}", english.stderr);
    assert!(
        english.stderr.contains("error[schema]: the method id `Entretien de groupe` is not a plain id"),
        "{}",
        english.stderr
    );
    assert!(english.stderr.contains("warning[small-count]: `returnees-last-12-months` is 3, below the privacy threshold of 5: public pages show it as <5"), "{}", english.stderr);
    // Another language can be asked for too, whatever the site's.
    let spanish = check_with("fr", "es", &[]);
    assert!(spanish.stderr.contains("error[unknown-field]: campo desconocido `populaton` para un perfil comunitario"));
    // JSON is for tools: English, whatever the language.
    let json = run(&fixture("messages/fr"), &["check", "--format", "json"]);
    assert!(
        json.stdout.contains("\"message\": \"unknown field `populaton` for a community profile\""),
        "{}",
        json.stdout
    );
    // GitHub annotations are read by people: in the site's language, the title (the code) unchanged.
    let github = run(&fixture("messages/fr"), &["check", "--format", "github"]);
    assert!(
        github.stdout.contains(
            "title=unknown-field::champ inconnu `populaton` pour un profil communautaire%0Aaide: vouliez-vous dire"
        ),
        "{}",
        github.stdout
    );
}

#[test]
fn a_refused_build_says_so_in_the_sites_language() {
    let root = crate::html::copy_site(&fixture("messages/fr"), "messages-build-refused");
    let result = run(&root, &["build"]);
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert!(
        result
            .stderr
            .ends_with("rien n'a été écrit\u{202f}: corrigez les erreurs ci-dessus, puis relancez `fieldbook build`\n"),
        "{}",
        result.stderr
    );
    assert!(!root.join("site").exists());
}

/// `check` on a copy of the site of `language` whose fieldbook.toml is `settings`.
fn check_settings(language: &str, settings: &str) -> Run {
    let root =
        crate::html::copy_site(&fixture(&format!("messages/{language}")), &format!("messages-settings-{language}"));
    std::fs::write(root.join("fieldbook.toml"), settings).unwrap();
    run(&root, &["check"])
}

#[test]
fn a_mistake_in_the_settings_is_said_in_the_language_they_name() {
    // The settings cannot be read, but the language they give still can.
    let french = check_settings("fr", "title = \"Observatoire\"\nlanguage = \"fr\"\ntitre = \"Observatoire\"\n");
    assert_eq!(french.code, 1, "{}", french.stderr);
    assert!(
        french.stderr.contains(
            "erreur[config]: fieldbook.toml\u{202f}: clé inconnue `titre`\u{202f}; valeurs possibles\u{202f}: `title`, `description`, `language`"
        ),
        "{}",
        french.stderr
    );
    assert!(french.stderr.contains(" --> fieldbook.toml:3:1\n"), "{}", french.stderr);
    let spanish = check_settings("es", "title = \"Observatorio\"\nlanguages = [\"es\", \"es\"]\n");
    assert!(spanish.stderr.contains("error[config]: `languages` incluye `es` dos veces"), "{}", spanish.stderr);
    let arabic = check_settings("ar", "title = \"مرصد\"\nlanguage = \"ar\"\nbase_url = \"example.org/site\"\n");
    assert!(
        arabic.stderr.contains("خطأ[config]: يجب أن تبدأ \u{200e}`base_url`\u{200e} بـ https://"),
        "{}",
        arabic.stderr
    );
    // A line that is not TOML does not hide the language the others give.
    let unreadable = check_settings("fr", "title = \"Observatoire\nlanguage = \"fr\"\n");
    assert!(
        unreadable.stderr.contains(
            "erreur[config]: fieldbook.toml\u{202f}: `title` ne peut pas être lu\u{202f}: le lecteur TOML dit"
        ),
        "{}",
        unreadable.stderr
    );
    // When the language's own line is what cannot be read, there is no language: English.
    let unreadable = check_settings("fr", "title = \"Observatoire\"\nlanguage = \"fr\n");
    assert!(
        unreadable.stderr.contains("error[config]: fieldbook.toml: `language` cannot be read: "),
        "{}",
        unreadable.stderr
    );
}

#[test]
fn a_build_says_what_it_made_in_the_sites_language() {
    let root = crate::html::copy_site(&fixture("build/basic"), "messages-built-in-french");
    std::fs::write(root.join("fieldbook.toml"), "title = \"Observatoire\"\nlanguage = \"fr\"\n").unwrap();
    let first = run(&root, &["build"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let said = first.stderr.lines().last().unwrap_or_default();
    assert!(said.starts_with("construction terminée\u{202f}: "), "{said}");
    // Megabytes with a decimal comma, as French writes them.
    assert!(said.contains(" fichiers, 0,") && said.contains(" Mo) dans "), "{said}");
    let again = run(&root, &["build"]);
    assert!(
        again.stderr.contains(" est à jour\u{202f}: rien n'a changé depuis la dernière construction ("),
        "{}",
        again.stderr
    );
}

#[test]
fn fmt_tells_its_problems_and_its_tally_in_the_sites_language() {
    let root = crate::html::copy_site(&fixture("messages/fr"), "messages-fmt-in-french");
    let result = run(&root, &["fmt", "--check"]);
    assert!(result.stderr.contains("erreur[empty-file]: ce fichier est vide"), "{}", result.stderr);
    assert!(result.stderr.contains(" fichiers examinés\u{202f}; "), "{}", result.stderr);
}

/// A figure quoted in a frontmatter value without quotes is not YAML: the error's help says
/// to quote the whole value and shows the line quoted, in the site's language and in English.
#[test]
fn a_quoted_figure_without_quotes_is_told_to_quote_the_value() {
    let root = crate::html::copy_site(&fixture("messages/fr"), "messages-quoted-figure");
    let profile = root.join("content/communities/beni-makada.md");
    let text = std::fs::read_to_string(&profile).unwrap();
    let bad = "summary: {{ population }} habitants, services : {{ tanger-nord: access-to-services }}\n";
    std::fs::write(&profile, text.replacen("status: published\n", &format!("status: published\n{bad}"), 1)).unwrap();
    let french = run(&root, &["check"]);
    assert_eq!(french.code, 1, "{}", french.stderr);
    let quoted = "`summary: \"{{ population }} habitants, services : {{ tanger-nord: access-to-services }}\"`";
    assert!(
        french.stderr.contains(" --> content/communities/beni-makada.md:4:") && french.stderr.contains(&format!(
            "= aide: mettez toute la valeur entre guillemets, pour que YAML lise `{{{{ }}}}` et `: ` comme du texte\u{202f}: {quoted}\n"
        )),
        "{}",
        french.stderr
    );
    let english = crate::support::run_speaking("en", &root, &["check"]);
    assert!(
        english.stderr.contains(&format!(
            "= help: put the whole value in quotes, so that YAML reads `{{{{ }}}}` and `: ` in it as text: {quoted}\n"
        )),
        "{}",
        english.stderr
    );
}
