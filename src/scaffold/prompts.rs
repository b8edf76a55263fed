//! The words `fieldbook new` says on the terminal when it asks for required values, in the
//! site's language: one small table per language, English for any other.

use crate::schema::Term;

/// What `new` says around its questions. Field labels and descriptions come from the schema.
#[derive(Debug)]
pub struct Prompts {
    /// The language code.
    pub language: &'static str,
    /// Before the ids a value may take ("one of:").
    pub one_of: &'static str,
    /// Before the options that would have given the missing values.
    pub nothing_created: &'static str,
    /// Between two options in that list.
    pub and: &'static str,
    /// After the file is written; `{path}` is its path.
    pub created: &'static str,
    /// Between a question's label and its description (French spaces the colon).
    pub colon: &'static str,
    /// Under the question for a list (organizations): how to give several.
    pub several: &'static str,
}

impl Prompts {
    /// The question for field `name`: its label and description (`term`, from the schema
    /// localized to the site's language) around the field's name.
    pub fn question(&self, term: &Term, name: &str) -> String {
        format!("{} ({name}){}{}", term.label, self.colon, term.description)
    }

    /// The values of an answer to a list question: `Caritas Dakar, GIE Jappo` (or with `;`)
    /// is two organizations, as the question says.
    pub fn list_answer(answer: &str) -> Vec<String> {
        answer.split([',', ';', '،']).map(str::trim).filter(|v| !v.is_empty()).map(str::to_string).collect()
    }
}

const TABLE: [Prompts; 4] = [
    Prompts {
        language: "en",
        one_of: "one of:",
        nothing_created: "nothing was created: give",
        and: " and ",
        created: "created {path} (status: draft). Fill it in, then run `fieldbook check`.",
        colon: ": ",
        several: "several: separate them with commas",
    },
    Prompts {
        language: "fr",
        one_of: "l'une des valeurs :",
        nothing_created: "aucun fichier n'a été créé : indiquez",
        and: " et ",
        created: "{path} créé (status: draft). Complétez-le, puis lancez `fieldbook check`.",
        colon: " : ",
        several: "plusieurs : séparez-les par des virgules",
    },
    Prompts {
        language: "es",
        one_of: "uno de:",
        nothing_created: "no se creó nada: indique",
        and: " y ",
        created: "se creó {path} (status: draft). Complételo y luego ejecute `fieldbook check`.",
        colon: ": ",
        several: "varios: sepárelos con comas",
    },
    Prompts {
        language: "ar",
        one_of: "إحدى القيم:",
        nothing_created: "لم يُنشأ أي ملف: حدِّد",
        and: " و",
        created: "أُنشئ {path} (status: draft). أكمِله، ثم شغِّل `fieldbook check`.",
        colon: ": ",
        several: "لأكثر من واحد: افصل بينها بفواصل",
    },
];

/// The prompts in `language` (`fr`, or `fr` for `fr-SN` and `FR`), or in English: the same
/// reading of a language tag as the site's wording ([`crate::locale::primary`]).
pub fn prompts(language: &str) -> &'static Prompts {
    let base = crate::locale::primary(language);
    TABLE.iter().find(|p| p.language == base).unwrap_or(&TABLE[0])
}

#[cfg(test)]
mod tests {
    use super::{Prompts, prompts};

    #[test]
    fn the_prompts_come_in_the_sites_language_and_english_otherwise() {
        assert_eq!(prompts("fr").one_of, "l'une des valeurs :");
        assert_eq!(prompts("fr-SN").language, "fr");
        assert_eq!(prompts("FR_sn").language, "fr");
        assert!(prompts("es").nothing_created.starts_with("no se creó"));
        assert!(prompts("ar").created.contains("{path}"));
        assert_eq!(prompts("pt").language, "en");
        assert_eq!(prompts("en").one_of, "one of:");
        // French spaces the colon between a question's label and its description.
        assert_eq!(prompts("fr").colon, " : ");
        assert_eq!(prompts("es").colon, ": ");
        assert_eq!(Prompts::list_answer("Caritas Dakar, GIE Jappo ;Amal,"), ["Caritas Dakar", "GIE Jappo", "Amal"]);
        assert_eq!(Prompts::list_answer("جمعية الأمل، الهلال الأحمر"), ["جمعية الأمل", "الهلال الأحمر"]);
    }
}
