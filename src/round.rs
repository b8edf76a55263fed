//! How Fieldbook names a survey round as the source of the figures `fieldbook import` writes:
//! the survey's name, the form's version and the month of the round, in one language
//! ("Enquête communautaire, version 824e1aaa, mars 2026"). The import writes it in the site's
//! language, since the public site shows it as written; a page in another language says the
//! same round in its own ([`in_language`]), as it says every other wording of Fieldbook's. The
//! month is written by the locale's own [`DateStyle`], as pages write dates; English for a
//! language Fieldbook has no words for.

use std::borrow::Cow;

use crate::date::Date;
use crate::locale::DateStyle;

/// The words of the sentence in one language.
struct Words {
    /// The language's primary subtag.
    language: &'static str,
    /// The survey's name: the title of the form Fieldbook writes.
    survey: &'static str,
    /// Before the form's version.
    version: &'static str,
    /// Between the sentence's parts.
    comma: &'static str,
}

const WORDS: [Words; 4] = [
    Words { language: "en", survey: "Community survey", version: "version", comma: ", " },
    Words { language: "fr", survey: "Enquête communautaire", version: "version", comma: ", " },
    Words { language: "es", survey: "Encuesta comunitaria", version: "versión", comma: ", " },
    Words { language: "ar", survey: "استبيان مجتمعي", version: "الإصدار", comma: "، " },
];

fn words(language: &str) -> &'static Words {
    let primary = crate::locale::primary(language);
    WORDS.iter().find(|w| w.language == primary).unwrap_or(&WORDS[0])
}

/// The survey's name in `language` (a tag such as `fr-SN`): the title of the form Fieldbook
/// writes, and the start of every round's source.
pub fn survey_title(language: &str) -> &'static str {
    words(language).survey
}

/// The source of a round in `language` (a tag such as `fr-SN`): the form's `version`, and the
/// month of `last`, its last submission's date, when the submissions are dated.
pub fn round_source(language: &str, version: &str, last: Option<Date>) -> String {
    let Words { survey, version: word, comma, .. } = words(language);
    match last {
        Some(date) => {
            let month = DateStyle::of(language).month_year(date);
            format!("{survey}{comma}{word} {version}{comma}{month}")
        }
        None => format!("{survey}{comma}{word} {version}"),
    }
}

/// Whether `source` is this round's, in any language Fieldbook writes it in: an entry written
/// by an import of the same round on a site whose language has changed since (or by a version
/// that wrote English everywhere) is this round's figure, not another source's.
pub fn is_round_source(source: &str, version: &str, last: Option<Date>) -> bool {
    // Arabic's regional month names (ar-MA, ar-DZ, ar-LB) are tried too.
    ["en", "fr", "es", "ar", "ar-MA", "ar-DZ", "ar-LB"]
        .iter()
        .any(|language| round_source(language, version, last) == source)
}

/// `source` as a page in `language` shows it: a round's source as an import wrote it in
/// `written_in` (the site's language) is said again in `language`; any other source, and one
/// the import would not have written word for word, is shown as written.
pub fn in_language<'a>(source: &'a str, written_in: &str, language: &str) -> Cow<'a, str> {
    // Asked for every figure's source on every page in another language: most are a person's
    // words, told apart before the language's words are looked up (which allocates).
    if written_in == language || !WORDS.iter().any(|w| source.starts_with(w.survey)) {
        return Cow::Borrowed(source);
    }
    let from = words(written_in);
    let Some(rest) = source
        .strip_prefix(from.survey)
        .and_then(|rest| rest.strip_prefix(from.comma))
        .and_then(|rest| rest.strip_prefix(from.version))
        .and_then(|rest| rest.strip_prefix(' '))
    else {
        return Cow::Borrowed(source);
    };
    let (version, last) = match rest.split_once(from.comma) {
        None => (rest, None),
        Some((version, month)) => match month_of(month, written_in) {
            Some(date) => (version, Some(date)),
            None => return Cow::Borrowed(source),
        },
    };
    if version.is_empty() || round_source(written_in, version, last) != source {
        return Cow::Borrowed(source);
    }
    Cow::Owned(round_source(language, version, last))
}

/// The first day of the month `text` names as `language` writes a month and its year
/// (`mars 2026`, `marzo de 2026`), if it names one.
fn month_of(text: &str, language: &str) -> Option<Date> {
    let style = DateStyle::of(language);
    let year: i32 = text.rsplit(|c: char| !c.is_ascii_digit()).find(|run| run.len() == 4)?.parse().ok()?;
    (1..=12).filter_map(|month| Date::new(year, month, 1)).find(|&date| style.month_year(date) == text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_source_speaks_the_sites_language() {
        let march = Date::new(2026, 3, 14);
        assert_eq!(round_source("en", "824e1aaa", march), "Community survey, version 824e1aaa, March 2026");
        assert_eq!(round_source("fr-SN", "824e1aaa", march), "Enquête communautaire, version 824e1aaa, mars 2026");
        assert_eq!(round_source("es", "824e1aaa", march), "Encuesta comunitaria, versión 824e1aaa, marzo de 2026");
        assert_eq!(round_source("ar", "824e1aaa", march), "استبيان مجتمعي، الإصدار 824e1aaa، مارس 2026");
        assert_eq!(round_source("de", "1", None), "Community survey, version 1");
        assert!(is_round_source("Community survey, version 824e1aaa, March 2026", "824e1aaa", march));
        assert!(!is_round_source("Community survey, version 824e1aaa, March 2026", "824e1aab", march));
    }

    #[test]
    fn a_page_in_another_language_says_the_round_in_its_own() {
        let english = "Community survey, version 824e1aaa, March 2026";
        assert_eq!(in_language(english, "en", "fr"), "Enquête communautaire, version 824e1aaa, mars 2026");
        assert_eq!(in_language(english, "en", "es"), "Encuesta comunitaria, versión 824e1aaa, marzo de 2026");
        assert_eq!(in_language(english, "en", "ar"), "استبيان مجتمعي، الإصدار 824e1aaa، مارس 2026");
        // From a French site to its English pages, and without a month.
        let french = "Enquête communautaire, version 7, décembre 2025";
        assert_eq!(in_language(french, "fr", "en"), "Community survey, version 7, December 2025");
        assert_eq!(in_language("Encuesta comunitaria, versión 3", "es", "en"), "Community survey, version 3");
        // Every month of a year, both ways.
        for month in 1..=12 {
            let date = Date::new(2026, month, 1);
            let there = round_source("ar-MA", "v2", date);
            assert_eq!(in_language(&round_source("es", "v2", date), "es", "ar-MA"), there, "{month}");
            assert_eq!(in_language(&there, "ar-MA", "es"), round_source("es", "v2", date), "{month}");
        }
    }

    #[test]
    fn any_other_source_is_shown_as_written() {
        for written in [
            "Municipal census, 2024",
            "Community survey, version 824e1aaa, Spring 2026",
            "Community survey, version 824e1aaa, March 2026 (partial)",
            "Community survey, version , March 2026",
            "Community survey",
        ] {
            assert!(matches!(in_language(written, "en", "fr"), Cow::Borrowed(_)), "{written}");
        }
        // The page's own language: nothing to say again.
        let english = "Community survey, version 1, March 2026";
        assert!(matches!(in_language(english, "en", "en"), Cow::Borrowed(_)));
    }
}
