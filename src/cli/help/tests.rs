use super::*;

const LANGUAGES: [&str; 3] = ["fr", "es", "ar"];

/// Translations that may read as the English does: names, and a message joined to its reason
/// by a colon.
const NAMES: [&str; 3] = ["init.args.ci.values.github", "init.args.ci.values.gitlab", "parse-error.reason"];

fn english() -> BTreeMap<String, String> {
    english_texts(&built(Cli::command()))
}

/// The catalogue of `language` as written, before it is spaced or marked.
fn written(language: &str) -> BTreeMap<String, String> {
    let (_, text) = CATALOGUES.iter().find(|(tag, _)| *tag == language).expect("a catalogue");
    read(text).unwrap_or_else(|e| panic!("messages/help/{language}.toml: {e}"))
}

/// The runs in backticks of `text`, sorted.
fn backticked(text: &str) -> Vec<&str> {
    let mut runs: Vec<&str> = text.split('`').skip(1).step_by(2).collect();
    runs.sort_unstable();
    runs
}

/// The example commands of `text`, in order, without the spaces before their comments.
fn examples(text: &str) -> Vec<&str> {
    text.lines().filter_map(example_command).map(str::trim_end).collect()
}

/// Every text a command or an argument has in English, walked from the command line itself
/// (so that a new command, option, value or clap's own words without a translation fail),
/// has one in each language; and a translation names nothing the command line lacks.
#[test]
fn every_text_of_help_is_translated_and_nothing_else() {
    let english = english();
    assert!(english.contains_key("fieldbook.args.root.help") && english.contains_key("build.args.format.values.json"));
    assert!(english.contains_key("clap.help-more") && english.contains_key("clap.help-command"));
    for language in LANGUAGES {
        let written = written(language);
        let missing: Vec<&String> = english.keys().filter(|k| !written.contains_key(*k)).collect();
        assert!(missing.is_empty(), "messages/help/{language}.toml lacks {missing:?}");
        let unknown: Vec<&String> = written.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(unknown.is_empty(), "messages/help/{language}.toml has {unknown:?}, which the command line does not");
        for (key, text) in &written {
            assert!(!text.trim().is_empty(), "{language}: `{key}` is empty");
            assert!(text != &english[key] || NAMES.contains(&key.as_str()), "{language}: `{key}` is the English");
        }
        assert!(Words::of(language).is_some(), "{language}");
    }
}

/// What people type stays as they type it: each translation has the runs in backticks of
/// the English, the same example commands in the same order, and clap's placeholders.
#[test]
fn translations_keep_values_and_example_commands_as_typed() {
    let english = english();
    for language in LANGUAGES {
        for (key, text) in written(language) {
            let source = &english[&key];
            assert_eq!(backticked(&text), backticked(source), "{language}: `{key}` changes a value in backticks");
            assert_eq!(examples(&text), examples(source), "{language}: `{key}` changes an example command");
            // clap wraps a line of examples longer than 100 characters: an example or a line
            // broken by hand would read as two.
            let long = |line: &&str| key.ends_with(".after-help") && line.chars().count() > 100;
            for line in text.lines().filter(long) {
                assert!(
                    source.lines().any(|l| l == line),
                    "{language}: `{key}` has a line over 100 characters: {line}"
                );
            }
            for placeholder in ["{value}", "{values}"] {
                assert_eq!(text.contains(placeholder), source.contains(placeholder), "{language}: `{key}`");
            }
        }
        // A long help's `[default: …]` is replaced up to the value: the rest must be `]`.
        let words = Words::of(language).expect("a catalogue");
        assert!(words.clap("default").ends_with("{value}]"), "{language}");
        assert!(words.clap("possible-values-inline").ends_with("{values}]"), "{language}");
    }
}

#[test]
fn french_is_spaced_and_arabic_values_are_marked_as_messages_are() {
    let french = Words::of("fr").expect("French");
    assert_eq!(french.clap("usage"), "Utilisation\u{202f}:");
    assert_eq!(french.clap("default"), "[par défaut\u{202f}: {value}]");
    assert_eq!(french.clap("help-summary"), "Afficher l'aide (un résumé avec «\u{202f}-h\u{202f}»)");
    // Not inside an example command: the title typed stays as typed; its comment is spaced.
    let init = &french.texts["init.after-help"];
    assert!(init.contains("  fieldbook init . --title \"Returns to the Rif: community profiles\"\n"), "{init}");
    assert!(init.contains("Ensuite\u{202f}: cd our-assessments"), "{init}");
    let fieldbook = &french.texts["fieldbook.after-help"];
    assert!(fieldbook.contains("# le site, dans site/\u{202f}: ouvrez site/index.html"), "{fieldbook}");
    assert!(fieldbook.contains("http://127.0.0.1:8000,"), "{fieldbook}");
    let arabic = Words::of("ar").expect("Arabic");
    assert!(arabic.texts["build.args.drafts.help"].contains("\u{200e}`status: draft`\u{200e}"));
    assert_eq!(Words::of("en").map(|w| w.texts.len()), None);
    assert_eq!(Words::of("pt").map(|w| w.texts.len()), None);
}

#[test]
fn the_root_is_found_in_the_raw_arguments() {
    let args = |list: &[&str]| -> Vec<OsString> { list.iter().map(OsString::from).collect() };
    assert_eq!(root_in(&args(&["fieldbook", "--root", "site", "build", "--help"])), Some(PathBuf::from("site")));
    assert_eq!(root_in(&args(&["fieldbook", "build", "--root=../a b", "-h"])), Some(PathBuf::from("../a b")));
    assert_eq!(root_in(&args(&["fieldbook", "--help"])), None);
    assert_eq!(root_in(&args(&["fieldbook", "--root"])), None);
    assert_eq!(root_in(&args(&["fieldbook", "fmt", "--", "--root", "x"])), None);
}

/// The arguments that ask for help: of the command itself, each command, clap's `help`
/// command, short and long.
fn asking_for_help() -> Vec<Vec<OsString>> {
    let mut asked: Vec<Vec<&str>> =
        vec![vec!["--help"], vec!["-h"], vec![], vec!["help"], vec!["help", "help"], vec!["--root", "x", "-h"]];
    let command = Cli::command();
    let names: Vec<&str> = command.get_subcommands().map(|s| s.get_name()).collect();
    for name in &names {
        asked.push(vec![name, "--help"]);
        asked.push(vec![name, "-h"]);
        asked.push(vec!["help", name]);
    }
    asked.into_iter().map(|args| std::iter::once("fieldbook").chain(args).map(OsString::from).collect()).collect()
}

/// Said with the English texts, help goes through the same template, the same words put into
/// a short help and replaced in a long one: and it is byte for byte clap's own, styles
/// included, so that the shape of every language's help is clap's.
#[test]
fn english_said_through_the_translation_is_claps_own() {
    let english = Words { texts: english() };
    for args in asking_for_help() {
        let wanted = Cli::command().try_get_matches_from(&args).expect_err("help");
        let said = help_in(&args, &english, &wanted).unwrap_or_else(|| panic!("{args:?}: no help"));
        assert_eq!(said.text, wanted.render().ansi().to_string(), "{args:?}");
        assert_eq!((said.stderr, said.code), (wanted.use_stderr(), wanted.exit_code()), "{args:?}");
    }
}

/// In every language, every help clap prints has none of the English left: neither clap's
/// words nor the start of any text the language translates.
#[test]
fn help_in_each_language_has_no_english_left() {
    let english = english();
    for language in LANGUAGES {
        let words = Words::of(language).expect("a catalogue");
        for args in asking_for_help() {
            let wanted = Cli::command().try_get_matches_from(&args).expect_err("help");
            let said = help_in(&args, &words, &wanted).unwrap_or_else(|| panic!("{language} {args:?}: no help"));
            let plain = anstream::adapter::strip_str(&said.text).to_string();
            for (key, source) in &english {
                let start: String = source.split('{').next().unwrap_or("").chars().take(24).collect();
                if NAMES.contains(&key.as_str()) || (start.chars().count() < 8 && !key.starts_with("clap.")) {
                    continue;
                }
                assert!(!plain.contains(&start), "{language} {args:?}: `{key}` left in English:\n{plain}");
            }
            assert_eq!((said.stderr, said.code), (wanted.use_stderr(), wanted.exit_code()), "{args:?}");
        }
    }
}
