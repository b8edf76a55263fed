//! `fieldbook explain` speaks the language `check` speaks: what a code means and what to do,
//! its frame, the list of every code and the word that a code is unknown, on a French, a
//! Spanish and an Arabic site (their `languages` in fieldbook.toml) and as `FIELDBOOK_MESSAGES`
//! chooses, inside a site or outside any; the values in backticks as people type them, and
//! English as it always was.

use std::path::PathBuf;

use crate::support::{fixture, run, run_speaking};
use fieldbook::codes::CODES;

/// The site of `language` of the `check` messages' fixtures (read, never written).
fn site(language: &str) -> PathBuf {
    fixture(&format!("messages/{language}"))
}

/// A folder with no fieldbook.toml in it: no site, so no site's language.
fn no_site() -> PathBuf {
    fixture("messages")
}

const ENGLISH_BROKEN_LINK: &str = "broken-link\n\n\
    A link leads to a page, heading, id or file that does not exist (or outside `content/`).\n\n\
    What to do: Fix the destination; the help suggests the nearest match.\n\n\
    The guide's page \"Troubleshooting\" (docs/src/troubleshooting.md) has every code.\n";

const FRENCH_BROKEN_LINK: &str = "broken-link\n\n\
    Un lien mène à une page, un titre, un identifiant ou un fichier qui n'existe pas (ou hors de `content/`).\n\n\
    Que faire\u{202f}: Corrigez la destination\u{202f}; l'aide propose la correspondance la plus proche.\n\n\
    La page «\u{202f}Troubleshooting\u{202f}» du guide (docs/src/troubleshooting.md), en anglais, décrit chaque code.\n";

const SPANISH_BROKEN_LINK: &str = "broken-link\n\n\
    Un enlace lleva a una página, un título, un identificador o un archivo que no existe (o fuera de `content/`).\n\n\
    Qué hacer: Corrija el destino; la ayuda sugiere el más parecido.\n\n\
    La página «Troubleshooting» de la guía (docs/src/troubleshooting.md), en inglés, describe cada código.\n";

/// In Arabic, the meaning is marked as a right-to-left line (U+200F) and each value in
/// backticks is one left-to-right run (U+200E on each side).
const ARABIC_BROKEN_LINK: &str = "broken-link\n\n\
    \u{200f}يؤدي رابط إلى صفحة أو عنوان أو معرّف أو ملف غير موجود (أو إلى خارج \u{200e}`content/`\u{200e}).\n\n\
    ما العمل: صحّح الوجهة؛ تقترح المساعدة أقرب تطابق.\n\n\
    صفحة \"Troubleshooting\" في الدليل (docs/src/troubleshooting.md)، بالإنجليزية، تشرح كل رمز.\n";

#[test]
fn a_code_is_explained_in_the_sites_language() {
    for (language, wanted) in [("fr", FRENCH_BROKEN_LINK), ("es", SPANISH_BROKEN_LINK), ("ar", ARABIC_BROKEN_LINK)] {
        let said = run(&site(language), &["explain", "broken-link"]);
        assert_eq!(said.code, 0, "{}", said.stderr);
        assert_eq!(said.stdout, wanted, "{language}");
        // The code as a report prints it is understood too.
        let bracketed = run(&site(language), &["explain", "warning[broken-link]"]);
        assert_eq!(bracketed.stdout, wanted, "{language}");
    }
    // Values in backticks stay as typed, in every language: `status: draft`, not a translation.
    let french = run(&site("fr"), &["explain", "no-status"]);
    assert!(french.stdout.contains("Écrivez `status: draft`, `published` ou `confidential`."), "{}", french.stdout);
    let arabic = run(&site("ar"), &["explain", "no-status"]);
    assert!(
        arabic.stdout.contains("اكتب \u{200e}`status: draft`\u{200e} أو \u{200e}`published`\u{200e}"),
        "{}",
        arabic.stdout
    );
}

#[test]
fn fieldbook_messages_chooses_the_language_inside_a_site_and_outside_any() {
    // Over the site's French: English exactly as it always was, or Spanish.
    assert_eq!(run_speaking("en", &site("fr"), &["explain", "broken-link"]).stdout, ENGLISH_BROKEN_LINK);
    assert_eq!(run_speaking("es", &site("fr"), &["explain", "broken-link"]).stdout, SPANISH_BROKEN_LINK);
    assert_eq!(run_speaking("ar", &site("es"), &["explain", "broken-link"]).stdout, ARABIC_BROKEN_LINK);
    // Outside any site, English unless `FIELDBOOK_MESSAGES` names a language.
    assert_eq!(run(&no_site(), &["explain", "broken-link"]).stdout, ENGLISH_BROKEN_LINK);
    assert_eq!(run_speaking("fr", &no_site(), &["explain", "broken-link"]).stdout, FRENCH_BROKEN_LINK);
    let list = run_speaking("es", &no_site(), &["explain"]);
    assert!(
        list.stdout.lines().any(|l| l.starts_with("unpadded-date ")
            && l.ends_with(" Una fecha está escrita sin ceros iniciales (`2026-1-1`), lo que YAML lee como texto.")),
        "{}",
        list.stdout
    );
}

#[test]
fn english_is_unchanged() {
    let english = fixture("check/no-content");
    let said = run(&english, &["explain", "broken-link"]);
    assert_eq!((said.code, said.stdout.as_str()), (0, ENGLISH_BROKEN_LINK));
    let list = run(&english, &["explain"]).stdout;
    assert!(
        list.starts_with(
            "absolute-link                 A link starts with `/` or `\\`: it breaks when the site is opened from a folder"
        ),
        "{list}"
    );
    let longest = CODES.iter().map(|c| c.id.len()).max().unwrap();
    let wanted: String = CODES.iter().map(|code| format!("{:<longest$} {}\n", code.id, code.means)).collect();
    assert_eq!(list, wanted);
    let unknown = run(&english, &["explain", "brokn-link"]);
    assert_eq!(unknown.code, 2);
    assert_eq!(
        unknown.stderr,
        "error: `brokn-link` is not a diagnostic code (did you mean `broken-link`?); `fieldbook explain` lists them all\n"
    );
}

/// Every line of `list` (`fieldbook explain`) in English, French and Spanish: its code, padded
/// to the longest, then its meaning; each meaning starting at the same column.
#[test]
fn the_list_of_every_code_is_translated_and_aligned() {
    let longest = CODES.iter().map(|c| c.id.len()).max().unwrap();
    for (language, line) in [
        ("en", "The file is not UTF-8 text."),
        ("fr", "Le fichier n'est pas du texte UTF-8."),
        ("es", "El archivo no es texto UTF-8."),
    ] {
        let root = if language == "en" { fixture("check/no-content") } else { site(language) };
        let list = run(&root, &["explain"]).stdout;
        assert_eq!(list.lines().count(), CODES.len(), "{list}");
        for (shown, code) in list.lines().zip(CODES) {
            assert_eq!(shown[..=longest].trim_end(), code.id, "{shown}");
            assert!(!shown[longest + 1..].starts_with(' '), "{shown}");
        }
        assert!(list.contains(&format!("\n{:<longest$} {line}\n", "not-utf8")), "{list}");
    }
}

/// In Arabic each line is marked right to left (U+200F first, and again before the meaning):
/// a terminal that lays out bidirectional text shows the code at the right edge and every
/// meaning starting at the same column to its left; one that does not, code first, aligned.
#[test]
fn the_arabic_list_reads_right_to_left_in_columns() {
    let longest = CODES.iter().map(|c| c.id.len()).max().unwrap();
    let list = run(&site("ar"), &["explain"]).stdout;
    assert_eq!(list.lines().count(), CODES.len(), "{list}");
    for (shown, code) in list.lines().zip(CODES) {
        let rest = shown.strip_prefix('\u{200f}').unwrap_or_else(|| panic!("{shown}"));
        assert_eq!(rest[..=longest].trim_end(), code.id, "{shown}");
        assert!(rest[longest + 1..].starts_with('\u{200f}'), "{shown}");
    }
    assert!(
        list.contains(&format!("\u{200f}{:<longest$} \u{200f}الملف ليس نصًا بترميز UTF-8.\n", "not-utf8")),
        "{list}"
    );
}

#[test]
fn an_unknown_code_is_said_in_the_sites_language() {
    let french = run(&site("fr"), &["explain", "unknown-feild"]);
    assert_eq!(french.code, 2);
    assert_eq!(
        french.stderr,
        "erreur: `unknown-feild` n'est pas un code de diagnostic (vouliez-vous dire `unknown-field`\u{202f}?)\u{202f}; `fieldbook explain` les liste tous\n"
    );
    let spanish = run_speaking("es", &no_site(), &["explain", "zzz"]);
    assert_eq!(spanish.code, 2);
    assert_eq!(spanish.stderr, "error: `zzz` no es un código de diagnóstico; `fieldbook explain` los lista todos\n");
}

#[test]
fn a_reader_that_stops_reading_ends_the_command_quietly() {
    // `fieldbook explain | head -1`, and the JSON of `check` piped to a reader that has read
    // enough: the pipe is closed before the command writes, and it stops there, with 0, not
    // with a report of a bug.
    for args in [
        vec!["explain"],
        vec!["explain", "broken-link"],
        vec!["check", "--format", "json"],
        vec!["check", "--format", "github"],
        vec!["schema", "--reference"],
        vec!["completions", "bash"],
    ] {
        let mut child = crate::support::fieldbook()
            .arg("--root")
            .arg(site("fr"))
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("bug") && !stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(output.status.code().is_some_and(|code| code <= 1), "{args:?}: {:?} {stderr}", output.status);
    }
}
