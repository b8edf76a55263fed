//! Tests of country names: the embedded CLDR table, names in each language, the keys that
//! group countries and the names pages show.

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
fn a_typo_finds_the_country_in_any_language() {
    let names = names();
    let guess = |typo| crate::diagnostic::did_you_mean(typo, names.iter().copied());
    assert_eq!(guess("Marocco"), Some("Morocco"));
    assert_eq!(guess("Marueccos"), Some("Marruecos"));
    assert_eq!(guess("Sénégall"), Some("Sénégal"));
}

#[test]
fn the_embedded_table_is_whole_and_well_formed() {
    let t = table();
    let lines = NAMES_TSV.lines().filter(|l| !l.starts_with('#') && !l.starts_with("code\t")).count();
    assert_eq!(t.rows.len(), lines, "a line of country/names.tsv was skipped as malformed");
    assert!(t.rows.len() > 240, "{} countries", t.rows.len());
    for row in &t.rows {
        assert!(is_alpha3(row[0]), "{} is not an alpha-3 code celes knows", row[0]);
        assert!(row[1..].iter().all(|n| !n.trim().is_empty() && n.trim() == *n), "{row:?}");
    }
    // The header says where the data comes from and how to make it again.
    assert!(NAMES_TSV.contains("Unicode CLDR") && NAMES_TSV.contains("Unicode License"));
    assert!(NAMES_TSV.contains("scripts/country_names.py"));
}

#[test]
fn no_two_countries_share_a_name_in_any_language() {
    let t = table();
    let mut seen: HashMap<String, &str> = HashMap::new();
    for row in &t.rows {
        for name in &row[1..] {
            let code = *seen.entry(match_key(name)).or_insert(row[0]);
            assert_eq!(code, row[0], "`{name}` names both {code} and {}", row[0]);
        }
    }
}

#[test]
fn the_remembered_codes_are_the_tables_in_any_order_of_asking() {
    // The same name twice, then another, then back, then one no language knows, then empty:
    // each answered as the table answers it, whatever was asked just before.
    let names = ["Maroc", "Maroc", "Iraq", "Maroc", "Atlantis", "Atlantis", "", "Sénégal", "", "Iraq"];
    for name in names.iter().chain(names.iter().rev()) {
        assert_eq!(code_of(name), find_code(name), "{name:?}");
    }
    assert_eq!(code_of("Atlantis"), None);
    assert_eq!(code_of("Maroc"), Some("MAR"));
}

#[test]
fn a_name_in_each_language_resolves_to_its_code() {
    for name in ["Morocco", "Maroc", "Marruecos", "المغرب", "maroc", "MARRUECOS"] {
        assert_eq!(code_of(name), Some("MAR"), "{name}");
    }
    for name in ["Iraq", "Irak", "العراق"] {
        assert_eq!(code_of(name), Some("IRQ"), "{name}");
    }
    assert_eq!(code_of("Belice"), Some("BLZ"));
    // Accents, case and the apostrophe aside.
    assert_eq!(code_of("cote d’ivoire"), Some("CIV"));
    assert_eq!(code_of("Sénégal"), Some("SEN"));
    assert_eq!(code_of("Senegal"), Some("SEN"));
    assert_eq!(code_of("Haïti"), Some("HTI"));
    assert_eq!(code_of("Haiti"), Some("HTI"));
    assert_eq!(code_of("México"), Some("MEX"));
    // Arabic as people type it: hamza on alef and ta marbuta folded as search folds them.
    assert_eq!(code_of("الامارات العربية المتحدة"), code_of("الإمارات العربية المتحدة"));
    assert_eq!(code_of("الإمارات العربية المتحدة"), Some("ARE"));
    assert_eq!(code_of("السعوديه"), None, "a name no language gives");
    assert_eq!(code_of("المملكه العربيه السعوديه"), Some("SAU"));
    // Nothing for a name no language has, or for nothing at all.
    assert_eq!(code_of("Marocco"), None);
    assert_eq!(code_of("Atlantis"), None);
    assert_eq!(code_of(""), None);
    assert_eq!(code_of(" - "), None);
}

#[test]
fn the_model_keeps_an_english_name() {
    assert_eq!(english("Maroc"), "Morocco");
    assert_eq!(english("المغرب"), "Morocco");
    assert_eq!(english("Belice"), "Belize");
    assert_eq!(english("العراق"), "Iraq");
    // English as written stays as written, so English sites' pages and exports do not change.
    assert_eq!(english("Ivory Coast"), "Ivory Coast");
    assert_eq!(english("morocco"), "morocco");
    assert_eq!(english("Atlantis"), "Atlantis");
    // A country written as its code is the country, named in English.
    assert_eq!(code_of("IRQ"), Some("IRQ"));
    assert_eq!(english("IRQ"), "Iraq");
    assert_eq!(name_in("IRQ", "ar"), "العراق");
    assert_eq!(key("IRQ"), key("العراق"));
    // Only a code of the table, in capitals.
    assert_eq!((code_of("irq"), code_of("XEX"), code_of("QQQ")), (None, None, None));
}

#[test]
fn pages_show_a_country_in_their_language() {
    assert_eq!(name_in("Morocco", "fr"), "Maroc");
    assert_eq!(name_in("Morocco", "fr-SN"), "Maroc");
    assert_eq!(name_in("Morocco", "es"), "Marruecos");
    assert_eq!(name_in("Morocco", "ar"), "المغرب");
    assert_eq!(name_in("Iraq", "ar-IQ"), "العراق");
    assert_eq!(name_in("Maroc", "ar"), "المغرب");
    assert_eq!(name_in("El Salvador", "es_SV"), "El Salvador");
    // English and languages the table lacks: as written.
    assert_eq!(name_in("Ivory Coast", "en"), "Ivory Coast");
    assert_eq!(name_in("Maroc", "en-GB"), "Maroc");
    assert_eq!(name_in("Morocco", "pt"), "Morocco");
    assert_eq!(name_in("Atlantis", "fr"), "Atlantis");
    assert_eq!(localized("MAR", "es"), Some("Marruecos"));
    assert_eq!(localized("XEX", "es"), None);
}

#[test]
fn spellings_of_one_country_share_a_key() {
    assert_eq!(key("Iraq"), "IRQ");
    assert_eq!(key("العراق"), key("Iraq"));
    assert_eq!(key("Ivory Coast"), key("Côte d’Ivoire"));
    // A name no language knows groups by its slug.
    assert_eq!(key("North Atlantis"), "north-atlantis");
    assert_eq!(numeric("MAR"), Some("504"));
    assert_eq!(numeric("XEX"), None);
}

#[test]
fn a_remembered_code_is_the_one_found() {
    // Asked twice: the second answer comes from memory and must be the first one's.
    for name in ["Maroc", "Marruecos", "المغرب", "Morocco", "IRQ", "Marocco", "", "Atlantis"] {
        let found = find_code(name);
        assert_eq!(code_of(name), found, "{name}");
        assert_eq!(code_of(name), found, "{name}");
    }
    assert_eq!(code_of("Maroc"), Some("MAR"));
    assert_eq!(code_of("Atlantis"), None);
}
