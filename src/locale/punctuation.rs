//! How a language spaces its punctuation in the interface text of pages.
//!
//! French puts a narrow no-break space (U+202F) before `:` `;` `!` `?` and `»`, and after
//! `«`: "Couverture : 12 sur 20", « exemple ». The space is narrow and does not break, so a
//! colon never starts a line. Every other language Fieldbook speaks writes these signs as
//! English does. The rule is applied to Fieldbook's own wording (the theme's `i18n/fr.toml`,
//! the handbook's French labels) and to the phrases the code puts together ("label: value"),
//! never to what authors wrote.

use std::borrow::Cow;

/// U+202F NARROW NO-BREAK SPACE.
const NNBSP: char = '\u{202f}';

/// The signs French spaces from the word before them.
const BEFORE: [char; 5] = [':', ';', '!', '?', '»'];

/// How a language spaces `:` `;` `!` `?` and guillemets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Punctuation {
    /// As English writes them: `label: value`.
    Plain,
    /// As French writes them: `label : value` with a narrow no-break space, `« mot »`.
    French,
}

impl Punctuation {
    /// The punctuation of a language tag: French for `fr` and every regional French (`fr-SN`).
    pub fn of(tag: &str) -> Punctuation {
        if super::primary(tag) == "fr" { Punctuation::French } else { Punctuation::Plain }
    }

    /// What comes between a label and its value: `": "`, or `" : "` with a narrow no-break
    /// space in French.
    pub fn colon(self) -> &'static str {
        match self {
            Punctuation::Plain => ": ",
            Punctuation::French => "\u{202f}: ",
        }
    }

    /// What comes between two "label: value" pairs: `"; "`, or `" ; "` in French.
    pub fn semicolon(self) -> &'static str {
        match self {
            Punctuation::Plain => "; ",
            Punctuation::French => "\u{202f}; ",
        }
    }

    /// `text` with its punctuation spaced as this language spaces it. In French, the space
    /// (ordinary, no-break or none) before each `:` `;` `!` `?` `»` that ends a phrase becomes
    /// a narrow no-break space, as does the space after `«`. A sign inside a word or a
    /// number is left alone (`10:30`, `https://`, `?q=`, `&amp;`): only a sign followed by a
    /// space, another sign or the end of the text is prose. A text that starts with `:` (a
    /// separator put after a label) gets the space too.
    pub fn apply(self, text: &str) -> Cow<'_, str> {
        if self == Punctuation::Plain || !text.contains(['«', ':', ';', '!', '?', '»']) {
            return Cow::Borrowed(text);
        }
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len() + 8);
        let mut k = 0;
        while k < chars.len() {
            let c = chars[k];
            if c == '«' {
                out.push(c);
                out.push(NNBSP);
                k += 1;
                while chars.get(k).is_some_and(|c| is_space(*c)) {
                    k += 1;
                }
                continue;
            }
            if BEFORE.contains(&c) && ends_phrase(&chars, k) && !in_entity(&out, c) {
                let kept = out.trim_end_matches(is_space).len();
                let spaced = kept < out.len();
                out.truncate(kept);
                // "?!" takes one space, before the first sign.
                let after_sign = out.ends_with(['?', '!']);
                if spaced || !after_sign {
                    out.push(NNBSP);
                }
            }
            out.push(c);
            k += 1;
        }
        Cow::Owned(out)
    }

    /// [`Punctuation::apply`] to the prose of `text` only: what is between backticks (a field
    /// such as `indicators:`, a line of YAML, a separator shown as `; `) is left as written,
    /// since a reader copies it as it is.
    pub fn apply_outside_code(self, text: &str) -> Cow<'_, str> {
        if !text.contains('`') {
            return self.apply(text);
        }
        let parts: Vec<Cow<'_, str>> = text
            .split('`')
            .enumerate()
            .map(|(i, part)| if i % 2 == 0 { self.apply(part) } else { Cow::Borrowed(part) })
            .collect();
        if parts.iter().all(|part| matches!(part, Cow::Borrowed(_))) {
            return Cow::Borrowed(text);
        }
        Cow::Owned(parts.join("`"))
    }
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// True when the sign at `k` ends a phrase: followed by nothing, a space, another sign or a
/// closing bracket or quote, never by a letter, digit or `/`.
fn ends_phrase(chars: &[char], k: usize) -> bool {
    chars[k] == '»'
        || chars
            .get(k + 1)
            .is_none_or(|&next| next.is_whitespace() || BEFORE.contains(&next) || matches!(next, ')' | ']' | '"' | '”'))
}

/// True for the `;` that ends an HTML character reference (`&amp;`, `&#160;`).
fn in_entity(before: &str, c: char) -> bool {
    if c != ';' {
        return false;
    }
    let name = before.trim_end_matches(|c: char| c.is_ascii_alphanumeric() || c == '#');
    name.ends_with('&') && name.len() < before.len()
}

#[cfg(test)]
mod tests {
    use super::Punctuation::{French, Plain};
    use super::*;

    #[test]
    fn french_spaces_high_signs_with_a_narrow_no_break_space() {
        assert_eq!(French.apply("Attention : points faibles"), "Attention\u{202f}: points faibles");
        assert_eq!(French.apply("Attention: points faibles"), "Attention\u{202f}: points faibles");
        assert_eq!(French.apply("Attention\u{a0}: points"), "Attention\u{202f}: points");
        assert_eq!(French.apply("Vraiment ? Oui !"), "Vraiment\u{202f}? Oui\u{202f}!");
        assert_eq!(French.apply("un ; deux"), "un\u{202f}; deux");
        assert_eq!(French.apply("Quoi ?!"), "Quoi\u{202f}?!");
        assert_eq!(French.apply("« mot »"), "«\u{202f}mot\u{202f}»");
        assert_eq!(French.apply("«mot»"), "«\u{202f}mot\u{202f}»");
        assert_eq!(French.apply("{n} communautés : {names}"), "{n} communautés\u{202f}: {names}");
        // A separator that follows a label.
        assert_eq!(French.apply(": "), "\u{202f}: ");
        assert_eq!(French.apply("(voir ci-dessous) :"), "(voir ci-dessous)\u{202f}:");
    }

    #[test]
    fn signs_inside_words_and_numbers_are_left_alone() {
        for text in ["https://example.org/?q=x", "10:30", "ratio 1:2", "A &amp; B", "&#160;x", "urn:fieldbook"] {
            assert_eq!(French.apply(text), text);
        }
        assert!(matches!(French.apply("Données clés"), Cow::Borrowed(_)));
    }

    #[test]
    fn code_between_backticks_is_left_as_written() {
        assert_eq!(
            French.apply_outside_code("Écrivez `status: draft` ; puis `a ; b` : fin"),
            "Écrivez `status: draft`\u{202f}; puis `a ; b`\u{202f}: fin"
        );
        // The prose right after a code span is still prose.
        assert_eq!(French.apply_outside_code("le champ `country`: son nom"), "le champ `country`\u{202f}: son nom");
        assert!(matches!(French.apply_outside_code("`a: b` et `c ; d`"), Cow::Borrowed(_)));
        assert!(matches!(French.apply_outside_code("sans signe"), Cow::Borrowed(_)));
        assert_eq!(Plain.apply_outside_code("`a: b` ; c"), "`a: b` ; c");
    }

    #[test]
    fn other_languages_keep_their_punctuation() {
        for tag in ["en", "es", "es-SV", "ar", "ar-MA", "pt"] {
            assert_eq!(Punctuation::of(tag), Plain, "{tag}");
        }
        for tag in ["fr", "fr-SN", "fr_MA", "FR"] {
            assert_eq!(Punctuation::of(tag), French, "{tag}");
        }
        assert_eq!(Plain.apply("Warning: drawbacks ; yes !"), "Warning: drawbacks ; yes !");
        assert_eq!((Plain.colon(), Plain.semicolon()), (": ", "; "));
        assert_eq!((French.colon(), French.semicolon()), ("\u{202f}: ", "\u{202f}; "));
    }
}
