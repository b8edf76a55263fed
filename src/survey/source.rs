//! The `source` an import writes in each entry: the survey's name, the form's version and the
//! month of the round, in the site's language, since the public site shows it as written
//! ("Enquête communautaire, version 824e1aaa, mars 2026" on a French site). The month is
//! written by the locale's own [`DateStyle`], as pages write dates; English for a language
//! Fieldbook has no words for.

use crate::date::Date;
use crate::locale::DateStyle;

/// The words of the sentence in one language.
struct Words {
    /// The language's primary subtag.
    language: &'static str,
    /// Before the form's version.
    version: &'static str,
    /// Between the sentence's parts.
    comma: &'static str,
}

const WORDS: [Words; 4] = [
    Words { language: "en", version: "version", comma: ", " },
    Words { language: "fr", version: "version", comma: ", " },
    Words { language: "es", version: "versión", comma: ", " },
    Words { language: "ar", version: "الإصدار", comma: "، " },
];

/// The source of a round in `language` (a tag such as `fr-SN`): the form's `version`, and the
/// month of `last`, its last submission's date, when the submissions are dated.
pub fn round_source(language: &str, version: &str, last: Option<Date>) -> String {
    let primary = crate::locale::primary(language);
    let words = WORDS.iter().find(|w| w.language == primary).unwrap_or(&WORDS[0]);
    // The survey's name is the form's title, as enumerators saw it.
    let survey = super::form::survey_title(if words.language == "en" { "en" } else { language });
    let Words { version: word, comma, .. } = words;
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
}
