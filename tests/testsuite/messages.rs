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
    assert!(result.stderr.ends_with("3 fichiers vérifiés\u{202f}: 8 erreurs (1 asset-in-own-folder, 1 bad-date, 1 invalid-yaml, 1 out-of-range, 1 review-before-assessment, 1 unknown-field, 1 unknown-indicator, 1 wrong-kind), 7 avertissements (3 small-count, 2 missing-indicators, 1 review-due, 1 unpadded-date)\n"), "{}", result.stderr);
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
}

#[test]
fn an_arabic_site_is_told_its_problems_in_arabic_with_values_kept_left_to_right() {
    let result = check_in("ar");
    assert_eq!(result.code, 1);
    assert!(result.stderr.contains("خطأ[unknown-indicator]: المؤشر \u{200e}`acess-to-services`\u{200e} غير معروف"));
    // The location and the code frame are as in every language.
    assert!(result.stderr.contains(" --> content/communities/tetouan.md:11:3\n"), "{}", result.stderr);
}

#[test]
fn the_override_brings_english_back_and_tools_always_get_english() {
    let english = check_with("fr", "en", &[]);
    assert!(english.stderr.contains("error[unknown-field]: unknown field `populaton` for a community profile"));
    assert!(english.stderr.ends_with("checked 3 files: 8 errors (1 asset-in-own-folder, 1 bad-date, 1 invalid-yaml, 1 out-of-range, 1 review-before-assessment, 1 unknown-field, 1 unknown-indicator, 1 wrong-kind), 7 warnings (3 small-count, 2 missing-indicators, 1 review-due, 1 unpadded-date)\n"), "{}", english.stderr);
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
