//! The words other tools use for a kind of value (`string`, `boolean`, `decimal`, `integer`,
//! `select_multiple`), read as the kind Fieldbook calls it, for the help of a schema entry whose
//! `kind` is not one Fieldbook knows. A team that writes XLSForms, JSON Schemas or database
//! tables types those words first; spelling is caught by the usual suggestion.

use crate::diagnostic::suggestion_said;
use crate::messages::Message;

/// Other tools' words, each with the kinds it may mean, best first: the first of them that
/// `kinds` has is suggested.
const SYNONYMS: [(&[&str], &[&str]); 10] = [
    (&["string", "str", "varchar", "char", "note", "textarea"], &["text"]),
    (&["bool", "boolean", "yesno", "checkbox", "flag"], &["yes-no"]),
    (&["int", "whole", "whole-number", "integer"], &["integer", "count"]),
    (&["number", "numeric"], &["number", "integer"]),
    (&["decimal", "float", "double", "real"], &["number", "integer"]),
    (&["percentage", "pct", "share", "proportion"], &["percent"]),
    (&["scale", "likert", "score", "select-one"], &["rating"]),
    (&["array", "select-multiple", "tags", "multiple"], &["list"]),
    (&["link", "uri", "website", "web"], &["url"]),
    (&["datetime", "day", "timestamp"], &["date"]),
];

/// The help for `kind`, a kind not among `kinds`: the kind another tool's word for it means,
/// else the nearest spelling, else every kind.
pub(super) fn kind_help(kind: &str, kinds: &[&str]) -> Option<Message> {
    let word = kind.trim().to_lowercase().replace(['_', ' '], "-");
    let meant = SYNONYMS
        .iter()
        .filter(|(words, _)| words.contains(&word.as_str()))
        .flat_map(|(_, meant)| meant.iter())
        .find(|meant| kinds.contains(meant));
    match meant {
        Some(meant) => Some(Message::new("hint.did-you-mean").with("near", *meant)),
        None => suggestion_said(kind, kinds.iter().copied()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE_FIELD_KINDS: [&str; 7] = ["text", "date", "integer", "number", "yes-no", "list", "url"];
    const INDICATOR_KINDS: [&str; 8] =
        ["number", "percent", "count", "rating", "distribution", "list", "text", "yes-no"];

    fn meant(kind: &str, kinds: &[&str]) -> String {
        let help = kind_help(kind, kinds).unwrap();
        crate::messages::Messages::english().render_plain(&help)
    }

    #[test]
    fn other_tools_words_are_read_as_fieldbooks_kinds() {
        assert_eq!(meant("string", &SITE_FIELD_KINDS), "did you mean `text`?");
        assert_eq!(meant("Boolean", &SITE_FIELD_KINDS), "did you mean `yes-no`?");
        assert_eq!(meant("float", &SITE_FIELD_KINDS), "did you mean `number`?");
        assert_eq!(meant("int", &SITE_FIELD_KINDS), "did you mean `integer`?");
        assert_eq!(meant("select_multiple", &SITE_FIELD_KINDS), "did you mean `list`?");
        // The same word means what the list of kinds has.
        assert_eq!(meant("decimal", &INDICATOR_KINDS), "did you mean `number`?");
        assert_eq!(meant("integer", &INDICATOR_KINDS), "did you mean `count`?");
        assert_eq!(meant("percentage", &INDICATOR_KINDS), "did you mean `percent`?");
        // A misspelling is still the nearest kind; a word no tool uses lists them all.
        assert_eq!(meant("ratting", &INDICATOR_KINDS), "did you mean `rating`?");
        assert!(
            meant("colour", &SITE_FIELD_KINDS).contains("`text`, `date`"),
            "{}",
            meant("colour", &SITE_FIELD_KINDS)
        );
    }
}
