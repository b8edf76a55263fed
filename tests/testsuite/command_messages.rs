//! What `import`, `form`, `build`, `serve` and the errors that stop a command say besides a
//! site's problems, in the site's language: a round's problems and summary, the form's lines,
//! the network warning and "stopped", and a fatal error (`explain` has its own module). Each
//! family is read in French and in Spanish or Arabic; English is pinned by the other modules.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use crate::support::{fieldbook, run, run_speaking};
use crate::survey::{FormSheet, csv_text, form_of, read_form, submissions};

/// The survey fixture in `language`, with its form made again in it.
fn site_in(name: &str, language: &str) -> (PathBuf, FormSheet) {
    let (root, _) = form_of(name);
    let settings = root.join("fieldbook.toml");
    let english = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, english.replacen("language = \"en\"", &format!("language = \"{language}\""), 1)).unwrap();
    let made = run(&root, &["form"]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let form = read_form(&root.join("forms/community-survey.xlsx"));
    (root, form)
}

/// A round of 30 submissions with three bad cells: a community the site has not, an answer
/// that is not a choice, a number out of its range.
fn bad_round(root: &Path, form: &FormSheet) -> (PathBuf, usize) {
    let (header, mut rows) = submissions(form, 30);
    let col = |name: &str| header.iter().position(|h| h == name || h.ends_with(&format!("/{name}"))).unwrap();
    rows[4][col("community")] = "gamma".into();
    rows[2][col("safety-levels")] = "6".into();
    rows[7][col("returnees-in-household")] = "25".into();
    let file = root.join("bad.csv");
    std::fs::write(&file, csv_text(&header, &rows, ',')).unwrap();
    (file, col("safety-levels") + 1)
}

fn good_round(root: &Path, form: &FormSheet) -> PathBuf {
    let (header, rows) = submissions(form, 40);
    let file = root.join("good.csv");
    std::fs::write(&file, csv_text(&header, &rows, ';')).unwrap();
    file
}

fn said(stderr: &str, wanted: &[&str]) {
    for line in wanted {
        assert!(stderr.contains(line), "{line}\n---\n{stderr}");
    }
}

/// A French site is told what is wrong with a file of submissions in French, located as in
/// English, and the round's summary too; its codes stay as they are.
#[test]
fn import_speaks_french() {
    let (root, form) = site_in("messages-import-fr", "fr");
    let (bad, choice_column) = bad_round(&root, &form);
    let out = run(&root, &["import", bad.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    said(
        &out.stderr,
        &[
            "erreur[survey-unknown-community]: `gamma` n'est pas une communauté de ce site\n --> ",
            "= aide: valeurs possibles\u{202f}: `alpha` ou `beta`\u{202f}; pour créer un profil en brouillon pour une nouvelle communauté, ajoutez --create --country PAYS --by ORGANISATION",
            &format!(
                "erreur[survey-not-a-choice]: `6` n'est pas un choix de `safety-levels`\n --> {}:4:{choice_column}",
                bad.display()
            ),
            "= aide: les choix sont `1`, `2`, `3`, `4`, `5`",
            "erreur[survey-out-of-range]: 25 est hors de la plage de `returnees-in-household`\u{202f}: de 0 à 20",
            "rien n'a été écrit\u{202f}: corrigez le fichier (ou le site) et relancez l'import",
        ],
    );
    // `FIELDBOOK_MESSAGES` chooses over the site's language, as for `check`.
    let spanish =
        fieldbook().env("FIELDBOOK_MESSAGES", "es").arg("--root").arg(&root).arg("import").arg(&bad).output().unwrap();
    let spanish = String::from_utf8_lossy(&spanish.stderr);
    said(
        &spanish,
        &["error[survey-unknown-community]: `gamma` no es una comunidad de este sitio", "no se escribió nada"],
    );
    let good = good_round(&root, &form);
    let dry = run(&root, &["import", good.to_str().unwrap(), "--replace", "--dry-run"]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    said(&dry.stderr, &["40 soumissions lues\u{202f}: 2 profils seraient modifiés (essai\u{202f}: rien n'est écrit)"]);
    // What each profile's entries would become, in French: its words, its decimal comma, and
    // a distribution's parts joined as French joins them; ids and `n` as the file has them.
    said(
        &dry.stdout,
        &[
            "content/communities/beta.md\n  educational-achievement\u{202f}: (aucune) → 57,1 (n - → 7)\n",
            "  monthly-income\u{202f}: (aucune) → 1\u{202f}380,3 (n - → 13)\n",
            "  access-to-services\u{202f}: 58 → 64,3 (n 150 → 14)\n",
            "  water-source\u{202f}: (aucune) → { piped\u{202f}: 38,5\u{202f}; well\u{202f}: 38,5\u{202f}; other\u{202f}: 23,1 } (n - → 13)\n",
            "  services-used\u{202f}: (aucune) → [water-point, health-centre, school] (n - → 14)\n",
        ],
    );
    // Spanish groups digits from five, and joins a distribution's parts with `;`; English is
    // as it always was.
    let dry_in =
        |language: &str| run_speaking(language, &root, &["import", good.to_str().unwrap(), "--replace", "--dry-run"]);
    said(
        &dry_in("es").stdout,
        &[
            "  monthly-income: (sin valor) → 1380,3 (n - → 13)\n",
            "  water-source: (sin valor) → { piped: 38,5; well: 38,5; other: 23,1 } (n - → 13)\n",
        ],
    );
    said(
        &dry_in("en").stdout,
        &[
            "  monthly-income: (none) → 1380.3 (n - → 13)\n",
            "  access-to-services: 58 → 64.3 (n 150 → 14)\n",
            "  water-source: (none) → { piped: 38.5, well: 38.5, other: 23.1 } (n - → 13)\n",
        ],
    );
    let done = run(&root, &["import", good.to_str().unwrap(), "--replace"]);
    assert_eq!(done.code, 0, "{}", done.stderr);
    said(
        &done.stderr,
        &["40 soumissions lues\u{202f}: 2 profils modifiés", "ensuite\u{202f}: fieldbook check, puis fieldbook build"],
    );
    // A method the schema does not know stops the import, in French.
    let method = run(&root, &["import", good.to_str().unwrap(), "--method", "individual-survy"]);
    assert_eq!(method.code, 2);
    said(
        &method.stderr,
        &[
            "erreur: --method\u{202f}: méthode inconnue `individual-survy` (vouliez-vous dire `individual-survey`\u{202f}?)",
        ],
    );
}

/// The same round on an Arabic site, each value in backticks one left-to-right run.
#[test]
fn import_speaks_arabic() {
    let (root, form) = site_in("messages-import-ar", "ar");
    let (bad, _) = bad_round(&root, &form);
    let out = run(&root, &["import", bad.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    said(
        &out.stderr,
        &[
            "خطأ[survey-unknown-community]: \u{200e}`gamma`\u{200e} ليس مجتمعًا في هذا الموقع",
            "خطأ[survey-not-a-choice]: \u{200e}`6`\u{200e} ليس من خيارات \u{200e}`safety-levels`\u{200e}",
            "لم يُكتب شيء: صحّح الملف (أو الموقع) ثم شغّل الاستيراد من جديد",
        ],
    );
    let good = good_round(&root, &form);
    let done = run(&root, &["import", good.to_str().unwrap(), "--replace"]);
    assert_eq!(done.code, 0, "{}", done.stderr);
    // 40 takes the form of 11 to 99, two profiles the dual.
    said(&done.stderr, &["قُرئت 40 استمارةً مرسلةً: تغيّر ملمحان"]);
    // What each profile's entries became, in Arabic words, a distribution's parts joined by
    // the Arabic comma.
    said(
        &done.stdout,
        &[
            "  monthly-income: (لا قيمة) → 1,380.3 (n - → 13)\n",
            "  water-source: (لا قيمة) → { piped: 38.5، well: 38.5، other: 23.1 } (n - → 13)\n",
        ],
    );
}

/// `form` says what it wrote and what it left out in the site's language: French, Spanish.
#[test]
fn form_speaks_french_and_spanish() {
    let (root, _) = site_in("messages-form-fr", "fr");
    let made = run(&root, &["form"]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    said(
        &made.stderr,
        &[
            "formulaire `community-survey` écrit, version ",
            " questions d'indicateurs, pour 2 communautés\n",
            "laissés de côté\u{202f}:\n",
            "  ethnic-distribution: sensible (ajoutez --include-sensitive pour le demander)\n",
            "  languages-spoken: le schéma ne donne aucun choix (`parts`)\n",
        ],
    );
    let (root, _) = site_in("messages-form-es", "es");
    let made = run(&root, &["form"]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    said(
        &made.stderr,
        &[
            "formulario `community-survey` escrito, versión ",
            " preguntas de indicadores, para 2 comunidades\n",
            "dejados fuera:\n",
        ],
    );
}

/// An error that stops a command is said in the site's language, its label too; what the
/// system says after it stays in its own words.
#[test]
fn a_fatal_error_speaks_the_sites_language() {
    let (root, _) = site_in("messages-fatal-fr", "fr");
    let missing = root.join("missing.csv");
    let out = run(&root, &["import", missing.to_str().unwrap()]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.starts_with(&format!("erreur: impossible de lire `{}`\u{202f}: ", missing.display())),
        "{}",
        out.stderr
    );
    // A folder the build must not write into, and why, in French too.
    let inside = root.join("content/site");
    let refused = run(&root, &["build", "-o", inside.to_str().unwrap()]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    said(
        &refused.stderr,
        &[&format!(
            "erreur: le site ne sera pas écrit dans `{}`\u{202f}: il est dans le dossier content/ du site\n",
            inside.display()
        )],
    );
    // A mistake in fieldbook.toml stops `form` and `import` before anything else, located and
    // in French, as `check` says it.
    let settings = root.join("fieldbook.toml");
    let text = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, format!("titel = \"x\"\n{text}")).unwrap();
    // Said once, as `check` says it: no `erreur:` before its own `erreur[config]`.
    let out = run(&root, &["form"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.starts_with("erreur[config]: fieldbook.toml\u{202f}: clé inconnue `titel`"), "{}", out.stderr);
    said(&out.stderr, &[" --> fieldbook.toml:1:1\n", "1 | titel = \"x\"\n"]);
    assert!(!out.stderr.contains("erreur: erreur"), "{}", out.stderr);
    // In English too, and for `import`, which stops at the same mistake.
    let out = run_speaking("en", &root, &["import", "round.csv"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.starts_with("error[config]: fieldbook.toml: unknown field `titel`, expected one of `title`"),
        "{}",
        out.stderr
    );
    said(&out.stderr, &[" --> fieldbook.toml:1:1\n", "1 | titel = \"x\"\n"]);
    let (root, _) = site_in("messages-fatal-es", "es");
    let out = run(&root, &["schema"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stderr, "error: indique qué mostrar: --reference o --json-schema [CARPETA]\n");
    let settings = root.join("fieldbook.toml");
    let out = run(&root, &["fmt", settings.to_str().unwrap()]);
    assert_eq!(out.code, 2);
    said(&out.stderr, &[&format!("error: `{}` no está dentro de la carpeta content/ del sitio", settings.display())]);
    // `FIELDBOOK_MESSAGES` chooses over the site.
    let english = fieldbook().env("FIELDBOOK_MESSAGES", "en").arg("--root").arg(&root).arg("schema").output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&english.stderr),
        "error: say what to print: --reference or --json-schema [DIR]\n"
    );
}

/// `--help` speaks the site's language, as `explain` does (`help.rs` says more);
/// `FIELDBOOK_MESSAGES=en` gives the English.
#[test]
fn help_speaks_the_sites_language() {
    let (root, _) = site_in("messages-help-fr", "fr");
    let help = run(&root, &["import", "--help"]);
    assert_eq!(help.code, 0, "{}", help.stderr);
    assert!(
        help.stdout.starts_with("Écrire les chiffres d'une collecte dans les profils communautaires."),
        "{}",
        help.stdout
    );
    assert!(
        help.stdout.contains("\nUtilisation\u{202f}: fieldbook import [OPTIONS] <SUBMISSIONS>\n"),
        "{}",
        help.stdout
    );
    let english = run_speaking("en", &root, &["import", "--help"]).stdout;
    assert!(english.starts_with("Write the figures of a survey round into the community profiles."), "{english}");
    assert!(english.contains("\nUsage: fieldbook import [OPTIONS] <SUBMISSIONS>\n"), "{english}");
}

/// `serve` on the network warns in the site's language, and says "stopped" in it at Ctrl-C.
#[test]
fn serve_warns_and_stops_in_the_sites_language() {
    let (root, _) = site_in("messages-serve-fr", "fr");
    let mut child = fieldbook()
        .arg("--root")
        .arg(&root)
        .args(["serve", "--port", "0", "--bind", "0.0.0.0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    assert!(line.starts_with("http://"), "{line}");
    let interrupted = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(interrupted.success());
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    assert_eq!(status.code(), Some(0), "{stderr}");
    said(
        &stderr,
        &["avertissement: servi sur 0.0.0.0, le site est visible par les autres ordinateurs du réseau\n", "\narrêté\n"],
    );
}
