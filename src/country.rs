//! Countries: the ISO 3166-1 alpha-3 code of a country named in English (from the ISO 3166
//! table of the `celes` crate), so that exports carry the code data tools join on
//! (`#country+code`), and the closest known name to one that is not recognized.

use celes::Country;

/// A name reduced to what the ISO table is keyed by: letters and digits, lower case, no accents
/// (`Côte d'Ivoire` → `cotedivoire`).
fn key(name: &str) -> String {
    crate::text::fold(name).chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase()
}

/// The ISO 3166-1 alpha-3 code of a country's usual English name (`Morocco` → `MAR`,
/// `Ivory Coast` → `CIV`), or `None` if the name is not recognized.
pub fn alpha3(name: &str) -> Option<&'static str> {
    let key = key(name);
    if key.is_empty() {
        return None;
    }
    Country::from_name(&key)
        .or_else(|_| Country::from_alias(&key))
        .or_else(|_| Country::from_name(format!("the{key}")))
        .ok()
        .map(|c| c.alpha3)
}

/// True if `code` is an ISO 3166-1 alpha-3 code (three capital letters of the table).
pub fn is_alpha3(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) && Country::from_alpha3(code).is_ok()
}

/// True if `code` is one ISO 3166-1 leaves to its users (`AAA`–`AAZ`, `QMA`–`QZZ`, `XAA`–`XZZ`,
/// `ZZA`–`ZZZ`): for a place the table does not list, or an invented one in an example.
pub fn is_user_assigned(code: &str) -> bool {
    match code.as_bytes() {
        [a, b, c] if [a, b, c].iter().all(|x| x.is_ascii_uppercase()) => {
            (*a == b'A' && *b == b'A') || (*a == b'Q' && *b >= b'M') || *a == b'X' || (*a == b'Z' && *b == b'Z')
        }
        _ => false,
    }
}

/// Every country's name as the ISO table spells it, for suggestions.
pub fn names() -> Vec<&'static str> {
    Country::get_countries().iter().map(|c| c.long_name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usual_names_get_their_code() {
        assert_eq!(alpha3("Morocco"), Some("MAR"));
        assert_eq!(alpha3("El Salvador"), Some("SLV"));
        assert_eq!(alpha3("senegal"), Some("SEN"));
        assert_eq!(alpha3("Côte d'Ivoire"), Some("CIV"));
        assert_eq!(alpha3("Ivory Coast"), Some("CIV"));
        assert_eq!(alpha3("Gambia"), Some("GMB"));
        assert_eq!(alpha3("Marocco"), None);
        assert_eq!(alpha3(""), None);
    }

    #[test]
    fn codes_are_checked_against_the_table() {
        assert!(is_alpha3("MAR"));
        assert!(!is_alpha3("mar"));
        assert!(!is_alpha3("XYZ"));
        assert!(!is_alpha3("MA"));
        assert!(is_user_assigned("XEX") && is_user_assigned("QMA") && is_user_assigned("ZZZ"));
        assert!(!is_user_assigned("QLA") && !is_user_assigned("MAR") && !is_user_assigned("xex"));
    }

    #[test]
    fn a_typo_finds_the_country() {
        let names = names();
        assert_eq!(crate::diagnostic::did_you_mean("Marocco", names.iter().copied()), Some("Morocco"));
    }
}
