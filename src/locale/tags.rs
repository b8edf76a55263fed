//! Language tags as settings and pages give them (`language`, `languages`, a page's
//! `language:`): the shape BCP 47 gives a tag (`fr`, `es-HN`, `sr-Latn-RS`, `es-419`), and the
//! tag meant by something that is not one: a tag written with `_` or in other case (`fr_FR`,
//! `FR`), or the name of one of the languages Fieldbook speaks, in English, French, Spanish,
//! Arabic or itself (`français`, `Spanish`, `العربية`).
//!
//! A tag is what pages put in `<html lang>` and what the files of a translation are named
//! by, so a site's settings must give one; a name there would make an invalid `lang`
//! attribute and a language no wording is found for.

use crate::text::fold;

/// True if `tag` has the shape of a BCP 47 language tag (RFC 5646): a language of two or
/// three lowercase letters, then, each after `-` and in this order, up to three extended
/// languages of three letters (`zh-yue`), a script of four letters (`sr-Latn`), a region of
/// two letters or three digits (`es-HN`, `es-419`), variants of five to eight letters or
/// digits, or of a digit and three more (`de-CH-1996`), extensions (a letter and parts of two
/// to eight) and a private part (`x` and parts of one to eight). Subtags after the language
/// may be in any case, as BCP 47 allows (`fr-fr`).
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or_default();
    if !(2..=3).contains(&language.len()) || !language.bytes().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    let rest: Vec<&str> = parts.collect();
    if rest.iter().any(|p| p.is_empty() || p.len() > 8 || !p.bytes().all(|b| b.is_ascii_alphanumeric())) {
        return false;
    }
    // What may still come: 0 extended languages, 1 a script, 2 a region, 3 variants.
    let (mut next, mut extended) = (0, 0);
    let mut i = 0;
    while i < rest.len() {
        let part = rest[i];
        let letters = part.bytes().all(|b| b.is_ascii_alphabetic());
        let digits = part.bytes().all(|b| b.is_ascii_digit());
        if part.len() == 1 {
            // An extension or the private part: a singleton and at least one part after it.
            let private = part.eq_ignore_ascii_case("x");
            let shortest = if private { 1 } else { 2 };
            let start = i + 1;
            i = start;
            while i < rest.len() && (private || rest[i].len() > 1) {
                if rest[i].len() < shortest {
                    return false;
                }
                i += 1;
            }
            if i == start {
                return false;
            }
            next = 4;
            continue;
        }
        match part.len() {
            3 if letters && next == 0 && extended < 3 => extended += 1,
            4 if letters && next <= 1 => next = 2,
            2 if letters && next <= 2 => next = 3,
            3 if digits && next <= 2 => next = 3,
            4 if part.as_bytes()[0].is_ascii_digit() && next <= 3 => next = 3,
            5..=8 if next <= 3 => next = 3,
            _ => return false,
        }
        i += 1;
    }
    true
}

/// Each language Fieldbook speaks, by its names: in English, French, Spanish, Arabic and
/// itself, compared as [`fold`] folds them (case, accents and the Arabic hamza aside).
const NAMES: [(&str, &[&str]); 4] = [
    ("en", &["English", "anglais", "inglés", "الإنجليزية", "الإنكليزية", "إنجليزي", "إنكليزي"]),
    ("fr", &["French", "français", "francés", "الفرنسية", "فرنسي", "فرنسية"]),
    ("es", &["Spanish", "espagnol", "español", "castellano", "الإسبانية", "إسباني", "إسبانية"]),
    ("ar", &["Arabic", "arabe", "árabe", "العربية", "عربي", "عربية"]),
];

/// The language tag `written` most likely means, when it is not one ([`is_language_tag`]):
/// the same tag with `-` for `_` and in the case BCP 47 writes it (`fr_FR` is `fr-FR`, `FR`
/// is `fr`), or the code of a language Fieldbook speaks named in English, French, Spanish,
/// Arabic or itself (`français` is `fr`, `Spanish` is `es`, `العربية` is `ar`). `None` when
/// nothing is meant clearly; the tag itself when it is one.
pub fn tag_meant(written: &str) -> Option<String> {
    let trimmed = written.trim();
    let cased = canonical_case(&trimmed.replace('_', "-"));
    if is_language_tag(&cased) {
        return Some(cased);
    }
    let folded = fold(trimmed);
    NAMES.iter().find(|(_, names)| names.iter().any(|name| fold(name) == folded)).map(|(code, _)| code.to_string())
}

/// `tag` in the case BCP 47 writes its parts: the language lowercase, a script with a capital
/// (`Latn`), a region of letters in capitals (`HN`), the rest lowercase.
fn canonical_case(tag: &str) -> String {
    let mut parts = Vec::new();
    let mut extensions = false;
    for (n, part) in tag.split('-').enumerate() {
        let letters = part.bytes().all(|b| b.is_ascii_alphabetic());
        extensions |= n > 0 && part.len() == 1;
        parts.push(match part.len() {
            4 if letters && n > 0 && !extensions => {
                let (first, rest) = part.split_at(1);
                format!("{}{}", first.to_ascii_uppercase(), rest.to_ascii_lowercase())
            }
            2 if letters && n > 0 && !extensions => part.to_ascii_uppercase(),
            _ => part.to_ascii_lowercase(),
        });
    }
    parts.join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_have_the_shape_bcp_47_gives_them() {
        for tag in
            ["fr", "es-HN", "ar", "pt-BR", "fr-fr", "es-419", "sr-Latn-RS", "zh-yue-HK", "de-CH-1996", "en-US-x-twain"]
        {
            assert!(is_language_tag(tag), "{tag}");
        }
        for odd in [
            "français",
            "French",
            "Español",
            "fr_FR",
            "FR",
            "f",
            "fr-",
            "-fr",
            "fr--FR",
            "fr-FR-FR",
            "fr-Latn-Latn",
            "en-a",
            "en-x",
            "english",
            "",
            "fr FR",
            "es-HN-419",
            "sr-RS-Latn",
        ] {
            assert!(!is_language_tag(odd), "{odd}");
        }
    }

    #[test]
    fn the_tag_meant_by_a_name_or_a_tag_written_otherwise() {
        for (written, meant) in [
            ("français", "fr"),
            ("Francais", "fr"),
            ("French", "fr"),
            ("francés", "fr"),
            ("الفرنسية", "fr"),
            ("Español", "es"),
            ("espagnol", "es"),
            ("Spanish", "es"),
            ("castellano", "es"),
            ("الاسبانية", "es"),
            ("Arabic", "ar"),
            ("árabe", "ar"),
            ("العربية", "ar"),
            ("English", "en"),
            ("anglais", "en"),
            ("inglés", "en"),
            ("الانجليزية", "en"),
            ("fr_FR", "fr-FR"),
            ("es_hn", "es-HN"),
            ("FR", "fr"),
            ("PT-br", "pt-BR"),
            ("sr_latn_rs", "sr-Latn-RS"),
            (" fr ", "fr"),
        ] {
            assert_eq!(tag_meant(written).as_deref(), Some(meant), "{written}");
        }
        for unknown in ["Klingon", "deutsch", "fr FR", "xx_yyy_zzzzzzzzz"] {
            assert_eq!(tag_meant(unknown), None, "{unknown}");
        }
    }
}
