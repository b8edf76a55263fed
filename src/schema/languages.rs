//! The site's own names for one respondent of a part (`respondent`, `respondents` in
//! schema.toml), checked against the languages the form is made in. Fieldbook translates the
//! names of its own parts (`Femme`, `Mujer`, `امرأة`); a name the site gives or changes is the
//! site's to give in each language, and a language it is missing in shows the `respondent`
//! name, English like every base label of the schema, in that language's column. Said, so that
//! no enumerator reads English in a Spanish form without anyone having been told.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::locale::primary;
use crate::messages::Message;
use crate::schema::Schema;

/// A `survey-respondent-language` warning for each part whose respondent name the site gives
/// (or changes) without a name in some of `languages`, the form's, at the dimension's entry in
/// schema.toml. English needs none: the `respondent` name is English.
pub fn untranslated_respondents(schema: &Schema, languages: &[String]) -> Diagnostics {
    let builtin = Schema::builtin();
    let mut found = Diagnostics::new();
    for dimension in schema.disaggregations.iter() {
        let Some(at) = &dimension.site_entry else { continue };
        let fieldbooks = builtin.disaggregations.by_id(&dimension.term.id);
        for (part, name) in &dimension.respondent {
            // Fieldbook's own name, which its translations give in every language.
            if fieldbooks.and_then(|b| b.respondent.get(part)) == Some(name) {
                continue;
            }
            let missing: Vec<&str> = languages
                .iter()
                .filter(|language| primary(language) != "en")
                .filter(|language| {
                    let given = dimension
                        .respondents
                        .get(language.as_str())
                        .or_else(|| dimension.respondents.get(&primary(language)));
                    !given.is_some_and(|names| names.contains_key(part))
                })
                .map(String::as_str)
                .collect();
            if missing.is_empty() {
                continue;
            }
            let example = missing.iter().map(|l| format!("{l} = {{ {part} = \"…\" }}")).collect::<Vec<_>>();
            let message = Message::new("survey.respondent-language")
                .count("n", missing.len() as u64)
                .with("part", part.as_str())
                .with("dimension", dimension.term.id.as_str())
                .all_of("languages", &missing)
                .with("name", name.as_str());
            found.push(
                Diagnostic::warning_said("survey-respondent-language", at.clone(), message).with_help_said(
                    Message::new("survey.respondent-language-help").with("example", example.join(", ")),
                ),
            );
        }
    }
    found
}
