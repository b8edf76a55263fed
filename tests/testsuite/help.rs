//! `fieldbook --help` and each command's `--help` speak the language `explain` speaks: the one
//! `FIELDBOOK_MESSAGES` names, else the language of the site at `--root` or above the current
//! folder, else English; clap's own words around the texts too (`Utilisation :`, `Options :`,
//! `[par défaut : auto]`). English is what it always was, byte for byte (`help/en-*.txt`, the
//! output before help was translated). A mistake on the command line (`fieldbook buidl`) is
//! said in the same language; shell completions stay English.

use std::path::{Path, PathBuf};

use crate::support::{fieldbook, fixture};

/// The site of `language` of the `check` messages' fixtures (read, never written).
fn site(language: &str) -> PathBuf {
    fixture(&format!("messages/{language}"))
}

/// A folder with no fieldbook.toml in it or above it: no site, so no site's language.
fn no_site() -> PathBuf {
    fixture("messages")
}

/// What `fieldbook args` prints, run in `dir` with `FIELDBOOK_MESSAGES` set to `language` (or
/// unset): standard output, standard error, exit code.
fn help(dir: &Path, language: Option<&str>, args: &[&str]) -> (String, String, i32) {
    let mut command = fieldbook();
    command.current_dir(dir).args(args).env("COLUMNS", "100");
    if let Some(language) = language {
        command.env("FIELDBOOK_MESSAGES", language);
    }
    let output = command.output().expect("run fieldbook");
    let text = |bytes: &[u8]| String::from_utf8(bytes.to_vec()).expect("UTF-8");
    (text(&output.stdout), text(&output.stderr), output.status.code().unwrap_or(-1))
}

/// What `fieldbook args` prints on standard output, checked to be help (exit 0, nothing else).
fn stdout(dir: &Path, language: Option<&str>, args: &[&str]) -> String {
    let (stdout, stderr, code) = help(dir, language, args);
    assert_eq!((code, stderr.as_str()), (0, ""), "{args:?}");
    stdout
}

fn english(name: &str) -> String {
    std::fs::read_to_string(fixture(&format!("help/{name}"))).expect("the English help")
}

/// English help, as printed before help was translated: outside a site, on an English
/// request over a French site, and for a language with no translation.
#[test]
fn english_help_is_what_it_always_was() {
    let (main, build) = (english("en-help.txt"), english("en-build-help.txt"));
    assert_eq!(stdout(&no_site(), None, &["--help"]), main);
    assert_eq!(stdout(&no_site(), None, &["build", "--help"]), build);
    assert_eq!(stdout(&site("fr"), Some("en"), &["--help"]), main);
    assert_eq!(stdout(&site("fr"), Some("en"), &["build", "--help"]), build);
    assert_eq!(stdout(&no_site(), Some("pt"), &["build", "--help"]), build);
    assert_eq!(stdout(&no_site(), None, &["help", "build"]), build);
    assert!(main.contains("\nUsage: fieldbook [OPTIONS] <COMMAND>\n\nCommands:\n"), "{main}");
}

/// The French of `fieldbook --help` and `fieldbook build --help`, pinned: headings, a
/// command's line, an option's help, clap's words, the examples.
fn assert_french(main: &str, build: &str) {
    for wanted in [
        "Un générateur de sites statiques de rapports",
        "\nUtilisation\u{202f}: fieldbook [OPTIONS] <COMMAND>\n\nCommandes\u{202f}:\n",
        "\n  check        Vérifier chaque fichier de contenu au regard du schéma et signaler chaque problème\n",
        "\n  help         Afficher ce message ou l'aide des commandes données\n",
        "\nOptions\u{202f}:\n      --root <DIR>\n          Le dossier du site (celui qui contient fieldbook.toml).",
        "\n          Valeurs possibles\u{202f}:\n          - auto:   Sur un terminal, sauf si NO_COLOR est défini",
        "\n          [par défaut\u{202f}: auto]\n",
        "\n          Afficher l'aide (un résumé avec «\u{202f}-h\u{202f}»)\n",
        "\n          Afficher la version\n",
        "\nExemples\u{202f}:\n  fieldbook init our-assessments    # un nouveau site, avec un exemple de chaque sorte de page\n",
        "\n  fieldbook new community \"Tanger Nord\" --country Morocco --by \"Association Tadamoun\"\n",
    ] {
        assert!(main.contains(wanted), "{wanted}\n---\n{main}");
    }
    for wanted in [
        "Vérifier le site et, s'il n'a pas d'erreur, le construire dans site/.\n\nLe dossier de sortie",
        "\nUtilisation\u{202f}: fieldbook build [OPTIONS]\n\nOptions\u{202f}:\n      --drafts\n          Inclure les pages en `status: draft`\n",
        "\n          - sarif:  SARIF 2.1.0, pour les outils d'analyse et de relecture du code",
        "\n          [par défaut\u{202f}: human]\n",
        "\n  fieldbook build --include-confidential   # le site interne de l'équipe, dans site-internal/\n",
        "\nCodes de sortie\u{202f}: 0 construit, 1 erreurs dans le contenu",
    ] {
        assert!(build.contains(wanted), "{wanted}\n---\n{build}");
    }
    for english in ["Usage:", "Commands:", "Options:", "Possible values", "[default:", "Print ", "Examples:"] {
        assert!(!main.contains(english) && !build.contains(english), "{english} is left");
    }
}

#[test]
fn help_is_french_when_fieldbook_messages_says_so() {
    let main = stdout(&no_site(), Some("fr"), &["--help"]);
    let build = stdout(&no_site(), Some("fr"), &["build", "--help"]);
    assert_french(&main, &build);
    // clap's `help` command says the same.
    assert_eq!(stdout(&no_site(), Some("fr"), &["help", "build"]), build);
    assert_eq!(stdout(&no_site(), Some("fr"), &["help"]), main);
}

#[test]
fn help_is_in_the_language_of_the_site_it_is_run_in() {
    let main = stdout(&site("fr"), None, &["--help"]);
    let build = stdout(&site("fr"), None, &["build", "--help"]);
    assert_french(&main, &build);
    // Below the site's folder too, as `check` finds its site.
    assert_eq!(stdout(&site("fr").join("content"), None, &["build", "--help"]), build);
    assert_eq!(stdout(&site("fr"), Some("fr"), &["build", "--help"]), build);
    // `FIELDBOOK_MESSAGES` chooses over the site.
    let spanish = stdout(&site("fr"), Some("es"), &["build", "--help"]);
    assert!(spanish.contains("\nUso: fieldbook build [OPTIONS]\n\nOpciones:\n"), "{spanish}");
    assert!(spanish.contains("Incluir las páginas con `status: draft`"), "{spanish}");
}

/// `--root` is read from the arguments before clap reads them: `--root DIR` and
/// `--root=DIR`, before or after the command; a folder without a site is no language.
#[test]
fn help_is_in_the_language_of_the_site_at_root() {
    let root = site("fr");
    let root = root.to_str().expect("a UTF-8 path");
    let build = stdout(&no_site(), None, &["--root", root, "build", "--help"]);
    assert_french(&stdout(&no_site(), None, &["--root", root, "--help"]), &build);
    assert_eq!(stdout(&no_site(), None, &[&format!("--root={root}"), "build", "--help"]), build);
    assert_eq!(stdout(&no_site(), None, &["build", "--root", root, "--help"]), build);
    assert_eq!(stdout(&no_site(), None, &["--root", root, "help", "build"]), build);
    let nowhere = no_site().join("no-such-folder");
    let english_build = english("en-build-help.txt");
    assert_eq!(stdout(&site("fr"), None, &["--root", nowhere.to_str().unwrap(), "build", "--help"]), english_build);
}

#[test]
fn short_help_and_help_without_a_command_are_translated_too() {
    let short = stdout(&site("fr"), None, &["-h"]);
    assert!(short.contains("[par défaut\u{202f}: auto]"), "{short}");
    assert!(short.contains("Afficher l'aide (plus de détails avec «\u{202f}--help\u{202f}»)"), "{short}");
    assert!(!short.contains("[default:") && !short.contains("[possible values:"), "{short}");
    // `fieldbook` alone prints help on standard error and exits 2, as in English.
    let (out, err, code) = help(&site("es"), None, &[]);
    assert_eq!((out.as_str(), code), ("", 2));
    assert!(err.contains("\nUso: fieldbook [OPTIONS] <COMMAND>\n\nComandos:\n"), "{err}");
    assert!(err.contains("[por defecto: auto] [valores posibles: auto, always,"), "{err}");
}

#[test]
fn check_help_is_arabic_when_fieldbook_messages_says_so() {
    let check = stdout(&no_site(), Some("ar"), &["check", "--help"]);
    for wanted in [
        "فحص كل ملف محتوى وفق المخطط والإبلاغ عن كل مشكلة\n\nالاستخدام: fieldbook check [OPTIONS]\n\nالخيارات:\n",
        "\n          القيم الممكنة:\n          - human:  رسائل مع مقتطفات من الملف، للناس\n",
        "\n          [الافتراضي: human]\n",
        // A value in backticks is one left-to-right run, as in every Arabic message.
        "\u{200e}`import`\u{200e}",
        "\nأمثلة:\n  fieldbook check\n  fieldbook check --all                    # كل تحذير، لا أول 5 من كل نوع فقط\n",
    ] {
        assert!(check.contains(wanted), "{wanted}\n---\n{check}");
    }
    assert_eq!(stdout(&site("ar"), None, &["check", "--help"]), check);
}

/// The columns a line of Arabic help takes in a terminal: its vowel marks (a shadda, tanwin)
/// and the marks that keep a value left to right take none.
fn columns(line: &str) -> usize {
    let zero_width = |c: char| {
        matches!(c, '\u{0300}'..='\u{036F}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
            || matches!(c, '\u{200E}' | '\u{200F}' | '\u{2066}'..='\u{2069}')
    };
    line.chars().filter(|&c| !zero_width(c)).count()
}

/// Arabic help is wrapped by the columns its lines take, not by their characters: no line is
/// wider than the terminal (100 columns here), and lines with vowel marks fill it.
#[test]
fn arabic_help_is_wrapped_by_the_columns_it_takes() {
    let mut longer_than_wide = 0;
    for command in ["check", "build", "serve", "new", "import", "form", "init", "translate", "fmt"] {
        let text = stdout(&no_site(), Some("ar"), &[command, "--help"]);
        for line in text.lines() {
            assert!(columns(line) <= 100, "{command}: {} columns: {line}", columns(line));
            if line.chars().count() > 100 {
                longer_than_wide += 1;
            }
        }
    }
    assert!(longer_than_wide > 0, "no line of Arabic help has more characters than columns");
}

/// A mistake on the command line is said in the language help speaks, with the labels of
/// Fieldbook's other errors; it still exits with 2 and prints nothing on standard output.
#[test]
fn parse_errors_speak_the_language_of_the_site() {
    let (out, err, code) = help(&site("fr"), None, &["buidl"]);
    assert_eq!((out.as_str(), code), ("", 2));
    assert_eq!(
        err,
        "erreur: commande inconnue «\u{202f}buidl\u{202f}»\n\n  aide: une commande semblable existe\u{202f}: \
         «\u{202f}build\u{202f}»\n\nUtilisation\u{202f}: fieldbook [OPTIONS] <COMMAND>\n\n\
         Pour en savoir plus, essayez «\u{202f}--help\u{202f}».\n"
    );
    let (_, err, code) = help(&no_site(), Some("es"), &["check", "--format", "xml"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with(
            "error: valor «xml» no válido para «--format <FORMAT>»\n  [valores posibles: human, json, sarif, github]\n"
        ),
        "{err}"
    );
    let (_, err, code) = help(&site("ar"), None, &["build", "--draft"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("خطأ: وسيط غير متوقع: \"\u{200e}--draft\u{200e}\""), "{err}");
    assert!(err.contains("مساعدة: يوجد وسيط مشابه: \"\u{200e}--drafts\u{200e}\""), "{err}");
    let (_, err, _) = help(&no_site(), None, &["--root", &site("fr").display().to_string(), "check", "-q", "--all"]);
    assert!(
        err.starts_with(
            "erreur: l'argument «\u{202f}--quiet\u{202f}» ne peut pas être employé avec «\u{202f}--all\u{202f}»\n"
        ),
        "{err}"
    );
}

/// In English, and in a language without a catalogue, a mistake is clap's own message.
#[test]
fn parse_errors_in_english_are_claps_own() {
    for (dir, language) in [(no_site(), None), (site("fr"), Some("en")), (no_site(), Some("pt"))] {
        let (out, err, code) = help(&dir, language, &["buidl"]);
        assert_eq!((out.as_str(), code), ("", 2));
        assert_eq!(
            err,
            "error: unrecognized subcommand 'buidl'\n\n  tip: a similar subcommand exists: 'build'\n\n\
             Usage: fieldbook [OPTIONS] <COMMAND>\n\nFor more information, try '--help'.\n"
        );
    }
}

/// The shell completions stay English (the guide says so).
#[test]
fn completions_stay_english() {
    let zsh = stdout(&site("fr"), None, &["completions", "zsh"]);
    assert!(zsh.contains("The site folder (the one with fieldbook.toml)"), "{zsh}");
    assert!(!zsh.contains("Le dossier du site"), "{zsh}");
}
