use std::collections::BTreeSet;

use clap::CommandFactory;

use super::*;
use crate::cli::Cli;

const LANGUAGES: [&str; 3] = ["fr", "es", "ar"];

/// Mistakes on the command line, one or more of each kind Fieldbook's commands can be given,
/// and of each tip clap adds: the kind clap finds, and the arguments after `fieldbook`.
const MISTAKES: [(ErrorKind, &[&str]); 24] = [
    (ErrorKind::InvalidSubcommand, &["buidl"]),
    (ErrorKind::InvalidSubcommand, &["frobnicate"]),
    (ErrorKind::UnknownArgument, &["build", "--draft"]),
    (ErrorKind::UnknownArgument, &["build", "--nothing-like-it"]),
    (ErrorKind::UnknownArgument, &["build", "extra"]),
    (ErrorKind::UnknownArgument, &["--draft", "build"]),
    (ErrorKind::UnknownArgument, &["--", "build"]),
    (ErrorKind::UnknownArgument, &["explain", "--brokn"]),
    (ErrorKind::InvalidValue, &["check", "--format", "xml"]),
    (ErrorKind::InvalidValue, &["check", "--format", "jsn"]),
    (ErrorKind::InvalidValue, &["build", "--root"]),
    (ErrorKind::InvalidValue, &["new", "essay", "A title"]),
    (ErrorKind::ValueValidation, &["serve", "--port", "eighty"]),
    (ErrorKind::ValueValidation, &["serve", "--port", "70000"]),
    (ErrorKind::ValueValidation, &["serve", "--port=-1"]),
    (ErrorKind::ValueValidation, &["serve", "--port="]),
    (ErrorKind::ValueValidation, &["serve", "--port=-99999999999999999999"]),
    (ErrorKind::ValueValidation, &["serve", "--port", "99999999999999999999"]),
    (ErrorKind::ArgumentConflict, &["check", "--quiet", "--all"]),
    (ErrorKind::ArgumentConflict, &["check", "--quiet", "--quiet"]),
    (ErrorKind::ArgumentConflict, &["translate", "--missing", "fr", "content/a.md"]),
    (ErrorKind::ArgumentConflict, &["new", "guidance", "T", "--sector", "s", "--topic", "t"]),
    (ErrorKind::MissingRequiredArgument, &["translate", "content/a.md"]),
    (ErrorKind::MissingRequiredArgument, &["new", "community"]),
];

/// Whether a tip is of one kind.
type TipTest = fn(&str) -> bool;

fn error_of(args: &[&str]) -> clap::Error {
    let args = std::iter::once("fieldbook").chain(args.iter().copied());
    Cli::command().try_get_matches_from(args).expect_err("a mistake")
}

fn english_labels() -> Labels {
    Labels { error: "error".into(), tip: "tip".into() }
}

fn words(language: &str) -> Words {
    Words::of(language).unwrap_or_else(|| panic!("a catalogue for {language}"))
}

fn plain(text: &str) -> String {
    anstream::adapter::strip_str(text).to_string()
}

/// Said with clap's English words and labels, every mistake is byte for byte what clap says,
/// styles included: the layout every language's message takes is clap's.
#[test]
fn english_said_through_the_translation_is_claps_own() {
    let styles = Cli::command().get_styles().clone();
    let mut tips = BTreeSet::new();
    for (kind, args) in MISTAKES {
        let error = error_of(args);
        assert_eq!(error.kind(), kind, "{args:?}: {}", error.render());
        let said = said(&error, &Words::default(), &english_labels(), &styles, false)
            .unwrap_or_else(|| panic!("{args:?}: not said:\n{}", error.render()));
        assert_eq!(said, error.render().ansi().to_string(), "{args:?}");
        tips.extend(plain(&said).lines().filter_map(|l| l.strip_prefix("  tip: ")).map(str::to_string));
    }
    // Each kind of tip is among the mistakes above: a similar name, and the three that clap
    // words itself.
    let kinds: [(&str, TipTest); 6] = [
        ("a similar subcommand", |t| t.starts_with("a similar subcommand exists: '")),
        ("a similar argument", |t| t.starts_with("a similar argument exists: '")),
        ("a similar value", |t| t.starts_with("a similar value exists: '")),
        ("pass as a value", |t| t.starts_with("to pass '")),
        ("remove the --", |t| t.starts_with("subcommand '") && t.ends_with("before it")),
        ("a command's option exists", |t| t.starts_with('\'') && t.ends_with("' exists")),
    ];
    for (kind, is) in kinds {
        assert!(tips.iter().any(|t| is(t)), "no mistake gives the tip `{kind}`: {tips:?}");
    }
}

/// Each language has every word, with the placeholders of the English and nothing else.
#[test]
fn every_word_is_translated_with_its_placeholders() {
    let placeholders = |text: &str| -> BTreeSet<String> {
        text.split('{').skip(1).filter_map(|rest| rest.split_once('}')).map(|(name, _)| name.to_string()).collect()
    };
    for language in LANGUAGES {
        let words = words(language);
        for (key, english) in PARSE_WORDS {
            let said = words.texts.get(&format!("parse-error.{key}"));
            let said = said.unwrap_or_else(|| panic!("{language}: no `parse-error.{key}`"));
            // A message and its reason joined by a colon may read as the English does.
            assert!(said != english || key == "reason", "{language}: `{key}` is the English");
            assert_eq!(placeholders(said), placeholders(english), "{language}: `{key}`: {said}");
        }
    }
}

/// In every language, every mistake is said with none of clap's English left, and keeps
/// what was typed.
#[test]
fn mistakes_in_each_language_have_no_english_left() {
    let styles = Cli::command().get_styles().clone();
    let english_starts: Vec<String> = PARSE_WORDS
        .iter()
        .filter(|(key, _)| *key != "quoted")
        .map(|(_, english)| english.split('{').next().unwrap_or_default().trim().to_string())
        .filter(|start| start.chars().count() >= 6)
        .collect();
    for language in LANGUAGES {
        let messages = fieldbook::messages::Messages::of(language);
        let labels = Labels { error: messages.error_label(), tip: messages.help_label() };
        let rtl = fieldbook::config::is_rtl(language);
        for (_, args) in MISTAKES {
            let error = error_of(args);
            let said = said(&error, &words(language), &labels, &styles, rtl)
                .unwrap_or_else(|| panic!("{language} {args:?}: not said"));
            let said = plain(&said);
            // Spanish says "error" too.
            let labels_in_english =
                ["tip:", "Usage:", "error:"].into_iter().filter(|l| *l != format!("{}:", labels.error));
            for english in english_starts.iter().map(String::as_str).chain(labels_in_english) {
                assert!(!said.contains(english), "{language} {args:?}: `{english}` left in English:\n{said}");
            }
            assert!(said.starts_with(&format!("{}:", labels.error)), "{language} {args:?}:\n{said}");
            assert!(said.ends_with(".\n"), "{language} {args:?}:\n{said}");
        }
    }
}

#[test]
fn french_reads_as_fieldbooks_own_errors() {
    let messages = fieldbook::messages::Messages::of("fr");
    let labels = Labels { error: messages.error_label(), tip: messages.help_label() };
    let styles = Cli::command().get_styles().clone();
    let said = |args: &[&str]| plain(&said(&error_of(args), &words("fr"), &labels, &styles, false).expect("said"));
    assert_eq!(
        said(&["buidl"]),
        "erreur: commande inconnue «\u{202f}buidl\u{202f}»\n\n  aide: une commande semblable existe\u{202f}: \
         «\u{202f}build\u{202f}»\n\nUtilisation\u{202f}: fieldbook [OPTIONS] <COMMAND>\n\n\
         Pour en savoir plus, essayez «\u{202f}--help\u{202f}».\n"
    );
    let format = said(&["check", "--format", "xml"]);
    assert!(
        format.starts_with(
            "erreur: valeur «\u{202f}xml\u{202f}» invalide pour «\u{202f}--format <FORMAT>\u{202f}»\n  \
             [valeurs possibles\u{202f}: human, json, sarif, github]"
        ),
        "{format}"
    );
    let port = said(&["serve", "--port", "eighty"]);
    assert!(
        port.starts_with(
            "erreur: valeur «\u{202f}eighty\u{202f}» invalide pour «\u{202f}--port <PORT>\u{202f}»\u{202f}: \
             ce n'est pas un nombre entier\n"
        ),
        "{port}"
    );
    // What was typed is never filled again, braces and all.
    let port = said(&["serve", "--port", "{reason}"]);
    assert!(port.contains("«\u{202f}{reason}\u{202f}» invalide"), "{port}");
    let port = said(&["serve", "--port", "70000"]);
    assert!(port.contains("»\u{202f}: 70000 n'est pas compris entre 0 et 65535\n"), "{port}");
    let port = said(&["serve", "--port", "99999999999999999999"]);
    assert!(port.contains("»\u{202f}: le nombre est trop grand\n"), "{port}");
    let conflict = said(&["check", "--quiet", "--all"]);
    assert!(
        conflict.contains("l'argument «\u{202f}--quiet\u{202f}» ne peut pas être employé avec «\u{202f}--all\u{202f}»"),
        "{conflict}"
    );
}

/// In Arabic, what was typed is kept between left-to-right marks, so that `--draft` reads as
/// typed inside the sentence.
#[test]
fn arabic_marks_what_was_typed() {
    let messages = fieldbook::messages::Messages::of("ar");
    let labels = Labels { error: messages.error_label(), tip: messages.help_label() };
    let styles = Cli::command().get_styles().clone();
    let said = plain(&said(&error_of(&["build", "--draft"]), &words("ar"), &labels, &styles, true).expect("said"));
    assert!(said.starts_with("خطأ: وسيط غير متوقع: \"\u{200e}--draft\u{200e}\""), "{said}");
    assert!(said.contains("يوجد وسيط مشابه: \"\u{200e}--drafts\u{200e}\""), "{said}");
    assert!(said.contains("\"\u{200e}--help\u{200e}\""), "{said}");
}

/// A tip worded in a way this module does not know leaves the whole message to clap.
#[test]
fn an_unknown_tip_is_not_half_translated() {
    let styles = Cli::command().get_styles().clone();
    let words = words("fr");
    let writer = Writer { words: &words, styles: &styles, rtl: false };
    assert!(writer.suggestion("to pass '-x' as a value, use '-- -x'").is_some());
    assert!(writer.suggestion("'build --drafts' exists").is_some());
    assert!(writer.suggestion("subcommand 'build' exists; to use it, remove the '--' before it").is_some());
    assert!(writer.suggestion("try something else entirely").is_none());
    assert!(writer.suggestion("to pass '-x' as a value").is_none());
    // Not a mistake: help and a version are left to their own paths.
    let version = Cli::command().try_get_matches_from(["fieldbook", "--version"]).expect_err("version");
    assert!(said(&version, &words, &english_labels(), &styles, false).is_none());
}
