use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::*;
use crate::config::Config;
use crate::messages::Messages;
use crate::source::SourceFile;

/// What a mistake says of `text` read as a `T`: its message and help in English, and its
/// line and column.
fn mistake_in<T: DeserializeOwned>(text: &str) -> (String, Option<String>, (usize, usize)) {
    let Err(error) = toml::from_str::<T>(text) else { panic!("{text} reads") };
    let mistake = toml_mistake("fieldbook.toml", text, &error);
    let at = SourceFile::new("f", "f", text.to_string()).line_col(mistake.span.start as usize);
    (mistake.message.english(), mistake.help.map(|help| help.english()), (at.line, at.column))
}

fn settings(text: &str) -> (String, Option<String>, (usize, usize)) {
    mistake_in::<Config>(&format!("title = \"T\"\n{text}"))
}

#[test]
fn an_unknown_key_in_a_table_names_the_table_the_keys_expected_and_the_nearest() {
    let (message, help, at) = settings("[privacy]\nsmall_count_treshold = 5\n");
    assert_eq!(
        message,
        "fieldbook.toml: unknown field `small_count_treshold` in `[privacy]`, expected one of `small_count_threshold`, `location_precision_km`"
    );
    assert_eq!(help.as_deref(), Some("did you mean `small_count_threshold`?"));
    assert_eq!(at, (3, 1));
    let (message, help, _) = settings("[markdown]\ntrusted_htm = true\n");
    assert!(message.contains("`trusted_htm` in `[markdown]`, expected one of `trusted_html`, `remote_images`"));
    assert_eq!(help.as_deref(), Some("did you mean `trusted_html`?"));
    // One key expected, a dotted key, an inline table.
    let (message, _, _) = settings("[listing]\npage = 5\n");
    assert_eq!(message, "fieldbook.toml: unknown field `page` in `[listing]`, expected `page_size`");
    let (message, _, at) = settings("privacy.treshold = 5\n");
    assert!(message.contains("`treshold` in `[privacy]`"), "{message}");
    assert_eq!(at, (2, 9));
    let (message, help, _) = settings("markdown = { trusted_html = true, remote_image = true }\n");
    assert!(message.contains("`remote_image` in `[markdown]`"), "{message}");
    assert_eq!(help.as_deref(), Some("did you mean `remote_images`?"));
    // A whole table of no known name, at the top.
    let (message, help, _) = settings("[privcy]\nsmall_count_threshold = 5\n");
    assert!(message.starts_with("fieldbook.toml: unknown field `privcy`, expected one of `title`"), "{message}");
    assert_eq!(help.as_deref(), Some("did you mean `privacy`?"));
}

#[test]
fn a_value_of_the_wrong_type_says_what_is_expected_in_words_and_the_line_mended() {
    for (line, message, help) in [
        (
            "review_interval_months = \"12\"",
            "`review_interval_months` must be a whole number, such as `12`",
            Some("write `review_interval_months = 12`"),
        ),
        (
            "[privacy]\nsmall_count_threshold = \"cinco\"",
            "`privacy.small_count_threshold` must be a whole number, such as `12`",
            Some("write the number in figures, without quotes"),
        ),
        (
            "[markdown]\ntrusted_html = \"yes\"  # ask first",
            "`markdown.trusted_html` must be `true` or `false`",
            Some("write `trusted_html = true`"),
        ),
        (
            "[markdown]\nremote_images = \"non\"",
            "`markdown.remote_images` must be `true` or `false`",
            Some("write `remote_images = false`"),
        ),
        (
            "[markdown]\nremote_images = 1",
            "`markdown.remote_images` must be `true` or `false`",
            Some("write `remote_images = true`"),
        ),
        (
            "[privacy]\nlocation_precision_km = \"0,5\"",
            "`privacy.location_precision_km` must be a number, such as `1` or `0.5`",
            Some("write `location_precision_km = 0.5`"),
        ),
        (
            "description = 2026",
            "`description` must be text in quotes, such as `\"…\"`",
            Some("write `description = \"2026\"`"),
        ),
        (
            "description = 2026-03-14",
            "`description` must be text in quotes, such as `\"…\"`",
            Some("write `description = \"2026-03-14\"`"),
        ),
        (
            "languages = \"fr, en\"",
            "`languages` must be a list, such as `[\"fr\", \"es\"]`",
            Some("write `languages = [\"fr\", \"en\"]`"),
        ),
        (
            "languages = [\"fr\", 3]",
            "each entry of `languages` must be text in quotes, such as `\"…\"`",
            Some("write `languages = [\"fr\", \"3\"]`"),
        ),
        (
            "privacy = 5",
            "`privacy` must be a table: `[privacy]` on a line of its own, its settings on the lines below",
            None,
        ),
        (
            "review_interval_months = 12.0",
            "`review_interval_months` must be a whole number, such as `12`",
            Some("write `review_interval_months = 12`"),
        ),
    ] {
        let (said, mended, _) = settings(&format!("{line}\n"));
        assert_eq!(said, format!("fieldbook.toml: {message}"), "{line}");
        assert_eq!(mended.as_deref(), help, "{line}");
    }
    let (_, _, at) = settings("review_interval_months = \"12\"\n");
    assert_eq!(at, (2, 26), "at the value");
}

#[test]
fn a_fraction_or_a_negative_where_a_whole_number_is_expected_is_said_so() {
    let (message, help, at) = settings("review_interval_months = 12.5\n");
    assert_eq!(message, "fieldbook.toml: `review_interval_months` must be a whole number, and `12.5` is not one");
    assert_eq!(help.as_deref(), Some("write `12` or `13`"));
    assert_eq!(at, (2, 26));
    let (message, help, _) = settings("review_interval_months = -1\n");
    assert_eq!(
        message,
        "fieldbook.toml: `review_interval_months` must be a whole number from 0 to 4294967295 (it is `-1`)"
    );
    assert_eq!(help, None);
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Entries {
    #[serde(default)]
    indicators: Vec<Indicator>,
    #[serde(default)]
    reads: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Indicator {
    id: String,
    #[serde(default)]
    scale: Option<Scale>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Scale {
    min: i64,
    max: i64,
}

#[test]
fn lists_of_tables_and_missing_keys_are_named_by_their_heading() {
    let (message, help, at) = mistake_in::<Entries>("[[indicators]]\nid = \"a\"\n\n[[indicators]]\nidd = \"b\"\n");
    assert_eq!(message, "fieldbook.toml: unknown field `idd` in `[[indicators]]`, expected one of `id`, `scale`");
    assert_eq!(help.as_deref(), Some("did you mean `id`?"));
    assert_eq!(at, (5, 1));
    let (message, _, at) =
        mistake_in::<Entries>("[[indicators]]\nid = \"a\"\n[[indicators]]\nscale = { min = 1, max = 5 }\n");
    assert_eq!(message, "fieldbook.toml: `id` is missing in `[[indicators]]`");
    assert_eq!(at, (3, 1));
    let (message, _, _) = mistake_in::<Entries>("[[indicators]]\nid = \"a\"\n[indicators.scale]\nmin = 1\n");
    assert_eq!(message, "fieldbook.toml: `max` is missing in `[indicators.scale]`");
    let (message, _, at) = mistake_in::<Config>("language = \"fr\"\n");
    assert_eq!(message, "fieldbook.toml: `title` is missing");
    assert_eq!(at, (1, 1));
    let (message, help, _) = mistake_in::<Entries>("[[indicators]]\nid = \"a\"\nscale = { min = \"1\", max = 5 }\n");
    assert_eq!(message, "fieldbook.toml: `indicators.scale.min` must be a whole number, such as `12`");
    assert_eq!(help.as_deref(), Some("write `scale = { min = 1, max = 5 }`"));
    // A key that is not a plain name is quoted.
    let (message, _, _) = mistake_in::<Entries>("[reads]\n\"community.html\" = \"groups\"\n");
    assert_eq!(message, "fieldbook.toml: `reads.\"community.html\"` must be a list, such as `[\"fr\", \"es\"]`");
}

#[test]
fn lines_that_are_not_toml_are_said_too() {
    let (message, help, at) = settings("description = Les communautés du Nord\n");
    assert_eq!(message, "fieldbook.toml: `Les communautés du Nord` is text, and text must be in quotes");
    assert_eq!(help.as_deref(), Some("write `description = \"Les communautés du Nord\"`"));
    assert_eq!(at, (2, 15));
    let (message, help, _) = settings("language = fr\n");
    assert_eq!(message, "fieldbook.toml: `fr` is text, and text must be in quotes");
    assert_eq!(help.as_deref(), Some("write `language = \"fr\"`"));
    let (message, help, at) = settings("title = \"U\"\n");
    assert_eq!(message, "fieldbook.toml: `title` is given twice");
    assert_eq!(help.as_deref(), Some("keep one of them: a table takes each key once"));
    assert_eq!(at, (2, 1));
    let (message, _, _) = settings("[listing]\npage_size = 5\n[listing]\n");
    assert_eq!(message, "fieldbook.toml: `[listing]` is given twice");
    // Anything else: the reader's words, framed.
    let (message, help, at) = settings("description = \"unclosed\nlanguage = \"fr\"\n");
    assert_eq!(
        message,
        "fieldbook.toml: `description` cannot be read: the TOML reader says \"invalid basic string, expected `\"`\""
    );
    assert_eq!(help, None);
    assert_eq!(at, (2, 24));
    let (message, _, at) = settings("[privacy\nsmall_count_threshold = 5\n");
    assert_eq!(message, "fieldbook.toml cannot be read: the TOML reader says \"unclosed table, expected `]`\"");
    assert_eq!(at, (2, 9));
    let (message, help, _) = settings("[markdown]\ntrusted_html = True\n");
    assert_eq!(message, "fieldbook.toml: `markdown.trusted_html` must be `true` or `false`");
    assert_eq!(help.as_deref(), Some("write `trusted_html = true`"));
    // The reader's words about a value it read in part, at that value.
    let (message, _, _) = settings("review_interval_months = 1__2\n");
    assert!(
        message.starts_with("fieldbook.toml: `review_interval_months` cannot be read: the TOML reader says"),
        "{message}"
    );
}

#[test]
fn the_mistakes_are_said_in_the_reports_language() {
    let french = Messages::of("fr");
    let error = toml::from_str::<Config>("title = \"T\"\nreview_interval_months = \"12\"\n").unwrap_err();
    let mistake = toml_mistake("fieldbook.toml", "title = \"T\"\nreview_interval_months = \"12\"\n", &error);
    assert_eq!(
        french.render(&mistake.message),
        "fieldbook.toml\u{202f}: `review_interval_months` doit être un nombre entier, comme `12`"
    );
    assert_eq!(french.render(&mistake.help.unwrap()), "écrivez `review_interval_months = 12`");
    let text = "title = \"T\"\n[markdown]\ntrusted_html = \"sí\"\n";
    let mistake = toml_mistake("fieldbook.toml", text, &toml::from_str::<Config>(text).unwrap_err());
    let spanish = Messages::of("es");
    assert_eq!(spanish.render(&mistake.message), "fieldbook.toml: `markdown.trusted_html` debe ser `true` o `false`");
    assert_eq!(spanish.render(&mistake.help.unwrap()), "escriba `trusted_html = true`");
}

#[test]
fn a_line_is_mended_without_its_indentation_and_comment() {
    let text = "  a = \"12\"   # months\nb = 1\n";
    assert_eq!(mended_line(text, Span::new(6, 10), "12").as_deref(), Some("a = 12"));
    assert_eq!(mended_line("x = [1, \"2\", 3]", Span::new(8, 11), "2").as_deref(), Some("x = [1, 2, 3]"));
    assert_eq!(mended_line("x = \"\"\"a\nb\"\"\"", Span::new(4, 13), "1"), None);
}

#[test]
fn where_each_value_is() {
    let located = Located::of("title = \"T\"\nlanguages = [\"fr\", \"en\"]\n[privacy]\nsmall_count_threshold = 5\n");
    assert_eq!(located.value(&["privacy", "small_count_threshold"]), Some(Span::new(71, 72)));
    assert_eq!(located.item(&["languages"], 1), Some(Span::new(31, 35)));
    assert_eq!(located.intact_text(&["languages"], Some(0)), Some("fr"));
    assert_eq!(located.value(&["markdown"]), None);
    // A setting on a line the reader could not read is not taken.
    let located = Located::of("title = \"T\"\nlanguage = fr\n");
    assert_eq!(located.intact_text(&["language"], None), None);
}
