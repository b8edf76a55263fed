//! Countries: the ISO 3166-1 alpha-3 code of a country's name, and its name in each language
//! pages are written in.
//!
//! A profile names its country in English, French, Spanish or Arabic (`Morocco`, `Maroc`,
//! `Marruecos`, `المغرب`). Validation resolves the name to its code ([`code_of`]) and keeps
//! an English name in the model ([`english`]): the exports carry it beside the code, for data
//! joins, and the country's page is named and placed by it, so an English site's paths do not
//! move. Everything that groups countries (country pages, `country:` links) groups them by
//! [`key`], the code when there is one, so that `Iraq` and `العراق` make one country (and, for
//! a name no language knows, by the `country_code` its profiles give: see the link stage's
//! `Site::country_key`). Pages show a country in their own language ([`name_in`]).
//!
//! English names are first those of the ISO 3166 table of the `celes` crate (with its usual
//! aliases, `Ivory Coast`), as before; then the names of the table in `country/names.tsv`, made
//! from the Unicode CLDR by `scripts/country_names.py`, in the four languages. Names are matched
//! after [`crate::text::fold`] (case, accents, the Arabic letters people type interchangeably),
//! keeping letters and digits only.

use celes::Country;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The CLDR names, generated (see the file's header): `code`, then one column per language
/// of [`LANGUAGES`].
const NAMES_TSV: &str = include_str!("country/names.tsv");

/// The languages of the table's columns, in order.
const LANGUAGES: [&str; 4] = ["en", "fr", "es", "ar"];

/// The table of names, read once.
struct Table {
    /// Each row: the alpha-3 code, then the name in each of [`LANGUAGES`].
    rows: Vec<[&'static str; 5]>,
    /// Row by alpha-3 code.
    by_code: HashMap<&'static str, usize>,
    /// Row by the key of any of its names ([`match_key`]); the first language to give a key
    /// keeps it (there are none shared today: a test checks it).
    by_name: HashMap<String, usize>,
}

/// The table, parsed on first use. A malformed line is skipped rather than stopping a build;
/// a test checks that the embedded file has none.
fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let rows: Vec<[&'static str; 5]> = NAMES_TSV
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("code\t"))
            .filter_map(|l| {
                let mut fields = l.split('\t');
                let row = [fields.next()?, fields.next()?, fields.next()?, fields.next()?, fields.next()?];
                (fields.next().is_none() && row[0].len() == 3).then_some(row)
            })
            .collect();
        let by_code = rows.iter().enumerate().map(|(i, r)| (r[0], i)).collect();
        let mut by_name = HashMap::new();
        for column in 1..=LANGUAGES.len() {
            for (i, row) in rows.iter().enumerate() {
                by_name.entry(match_key(row[column])).or_insert(i);
            }
        }
        Table { rows, by_code, by_name }
    })
}

/// A name as the CLDR table is matched: folded, letters and digits only, in any script
/// (`Côte d’Ivoire` → `cotedivoire`, `الإمارات` → `الامارات`).
fn match_key(name: &str) -> String {
    crate::text::fold(name).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The column of a language tag (`fr-SN` → French), if the table has it.
fn column(language: &str) -> Option<usize> {
    // Asked on every card and map of a page: compared in place rather than lowercased anew.
    let primary = language.split(['-', '_']).next().unwrap_or("");
    LANGUAGES.iter().position(|l| l.eq_ignore_ascii_case(primary)).map(|i| i + 1)
}

/// The alpha-3 code of a country's name in English, French, Spanish or Arabic (`Maroc`,
/// `Marruecos`, `المغرب`, `Morocco` → `MAR`), or of the code itself written as the name
/// (`IRQ`), or `None` if no language names a country so.
pub fn code_of(name: &str) -> Option<&'static str> {
    // Pages in French, Spanish or Arabic name a country on every card, row and map of it:
    // thousands of times a build for the same few names, each a fold and up to four lookups.
    // So each thread remembers each name's code, up to a bound that no site's countries reach,
    // and the last name asked, which lists sorted by country ask again and again: comparing it
    // costs less than hashing it. A memo per thread takes no lock: one shared by the rendering
    // threads made them queue on its lock's counter, which cost more than the lookups it spared.
    thread_local! {
        static KNOWN: std::cell::RefCell<Known> = Default::default();
    }
    const MOST_REMEMBERED: usize = 4096;
    KNOWN.with_borrow_mut(|known| {
        if known.last.0 == name {
            return known.last.1;
        }
        let code = match known.codes.get(name) {
            Some(&code) => code,
            None => {
                let code = find_code(name);
                if known.codes.len() < MOST_REMEMBERED {
                    known.codes.insert(name.to_string(), code);
                }
                code
            }
        };
        // The last name's buffer is reused: no allocation once it has room.
        known.last.0.clear();
        known.last.0.push_str(name);
        known.last.1 = code;
        code
    })
}

/// What [`code_of`] remembers on each thread.
#[derive(Default)]
struct Known {
    /// The last name asked and its code.
    last: (String, Option<&'static str>),
    codes: hashbrown::HashMap<String, Option<&'static str>>,
}

/// [`code_of`], found now.
fn find_code(name: &str) -> Option<&'static str> {
    alpha3(name).or_else(|| written_code(name)).or_else(|| {
        let key = match_key(name);
        let t = table();
        (!key.is_empty()).then(|| t.by_name.get(&key).map(|&i| t.rows[i][0])).flatten()
    })
}

/// The name the model keeps for a country written `name`: `name` itself when it is English
/// (or not recognized at all), else the country's English name (`Maroc` → `Morocco`). Exports
/// carry it and the country's page path is made from it, so both stay as English sites had
/// them, and a site written in Arabic still exports names other tools join on.
pub fn english(name: &str) -> String {
    if alpha3(name).is_some() {
        return name.to_string();
    }
    match code_of(name).and_then(|code| localized(code, "en")) {
        Some(english) => english.to_string(),
        None => name.to_string(),
    }
}

/// The name of the country with alpha-3 `code` in `language` (a tag such as `fr` or `ar-MA`),
/// if the table has both.
pub fn localized(code: &str, language: &str) -> Option<&'static str> {
    let t = table();
    let column = column(language)?;
    t.by_code.get(code).map(|&i| t.rows[i][column])
}

/// A country named `name` (as the model keeps it) as a page in `language` shows it: its name
/// in that language when the name is recognized and the language is French, Spanish or
/// Arabic, else `name` as written. English pages show the name as written, so an English
/// site is unchanged (`Ivory Coast` stays `Ivory Coast`).
pub fn name_in<'a>(name: &'a str, language: &str) -> &'a str {
    if !translates(language) {
        return name;
    }
    code_of(name).and_then(|code| localized(code, language)).unwrap_or(name)
}

/// Every name the table gives the country written `name`, one per language (English,
/// French, Spanish, Arabic; a language naming it as another does, once): what finds its page in
/// a search in any of them. Empty for a name the table does not know.
pub fn names_of(name: &str) -> Vec<&'static str> {
    let Some(code) = code_of(name) else { return Vec::new() };
    let mut names: Vec<&'static str> = Vec::new();
    for language in LANGUAGES {
        if let Some(named) = localized(code, language)
            && !names.contains(&named)
        {
            names.push(named);
        }
    }
    names
}

/// True if pages in `language` show countries by the table's names rather than as written:
/// French, Spanish and Arabic (English pages keep the English names they always had).
pub fn translates(language: &str) -> bool {
    column(language).is_some_and(|c| c > 1)
}

/// What groups a country's documents: its alpha-3 code when its name is recognized in any
/// language, else its name's slug. Two spellings of one country (`Iraq`, `العراق`) share it.
pub fn key(name: &str) -> String {
    match code_of(name) {
        Some(code) => code.to_string(),
        None => crate::text::slugify(name),
    }
}

/// The name `celes` is keyed by: letters and digits, lower case, no accents
/// (`Côte d'Ivoire` → `cotedivoire`).
fn celes_key(name: &str) -> String {
    crate::text::fold(name).chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase()
}

/// The ISO 3166-1 alpha-3 code of a country's usual English name (`Morocco` → `MAR`,
/// `Ivory Coast` → `CIV`), or `None` if the name is not recognized. [`code_of`] knows the
/// other languages too.
pub fn alpha3(name: &str) -> Option<&'static str> {
    let key = celes_key(name);
    if key.is_empty() {
        return None;
    }
    Country::from_name(&key)
        .or_else(|_| Country::from_alias(&key))
        .or_else(|_| Country::from_name(format!("the{key}")))
        .ok()
        .map(|c| c.alpha3)
}

/// The alpha-3 code of an ISO 3166-1 numeric code ("504" → `MAR`), as the map outlines are
/// keyed.
pub fn from_numeric(code: &str) -> Option<&'static str> {
    Country::from_code(code).ok().map(|c| c.alpha3)
}

/// The ISO 3166-1 numeric code ("504") of an alpha-3 code, as the map outlines are keyed.
pub fn numeric(code: &str) -> Option<&'static str> {
    Country::from_alpha3(code).ok().map(|c| c.code)
}

/// The code of a country written as its ISO 3166-1 alpha-3 code, in capitals (`IRQ`).
fn written_code(name: &str) -> Option<&'static str> {
    let name = name.trim();
    if is_alpha3(name) { Country::from_alpha3(name).ok().map(|c| c.alpha3) } else { None }
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

/// Every country's name as the ISO table spells it, then in each language of the CLDR table,
/// for suggestions (`Marocco` → `Morocco`, `Marueccos` → `Marruecos`).
pub fn names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Country::get_countries().iter().map(|c| c.long_name).collect();
    names.extend(table().rows.iter().flat_map(|r| r[1..].iter().copied()));
    let mut seen = std::collections::HashSet::new();
    names.retain(|n| seen.insert(*n));
    names
}

#[cfg(test)]
mod tests;
