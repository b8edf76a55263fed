//! The countries and tags of a site: which documents make one country, how each country and
//! tag is spelled in the lists, and the page of each.
//!
//! A country is one by its key: the ISO code of its name in any language Fieldbook speaks
//! ([`crate::country::key`]), so that `Iraq` and `العراق` make one country. A name no language
//! knows (`Kurdistan`, a region written as the country) is one by the `country_code` its
//! profiles give, when they give one: `country: Kurdistan` with `country_code: IRQ` is in Iraq,
//! on Iraq's page with the profiles that write `Iraq`, and a case study that writes
//! `Kurdistan` is there too. A name without a code is one by its slug, as before.

use hashbrown::{HashMap, HashSet};
use std::collections::{BTreeMap, BTreeSet};

use super::{Site, routes};
use crate::model::{Details, Doc};

/// The lists `country:` and `tag:` links and the country and tag pages are made from: made
/// from every visible document, so made again only when a document's country, code or tags
/// change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Terms {
    /// Countries of visible profiles and case studies, one spelling each, sorted by slug.
    pub countries: Vec<String>,
    /// Tags of visible pages, as first spelled, sorted by slug.
    pub tags: Vec<String>,
    /// The code a profile gives in `country_code` for a country name no language knows, by the
    /// name's slug (the first profile in path order that gives one).
    pub country_codes: BTreeMap<String, String>,
}

impl Terms {
    /// True if these are the lists `site` has.
    pub(super) fn are_of(&self, site: &Site) -> bool {
        self.countries == site.countries && self.tags == site.tags && self.country_codes == site.country_codes
    }
}

/// The country a profile or case study names.
pub(super) fn country_of(doc: &Doc) -> Option<&str> {
    match &doc.details {
        Details::Community(c) => Some(c.country.as_str()),
        Details::CaseStudy(c) => c.country.as_deref(),
        _ => None,
    }
}

/// The country code a profile has (given, or of its country's name).
pub(super) fn country_code_of(doc: &Doc) -> Option<&str> {
    doc.community().and_then(|c| c.country_code.as_deref())
}

/// The key of the country named `name`, given the codes a site's profiles give to names no
/// language knows (see [`Terms::country_codes`]).
fn key_in(codes: &BTreeMap<String, String>, name: &str) -> String {
    let key = crate::country::key(name);
    // A recognized name's key is its code, in capitals; an unknown one's is its slug.
    match codes.get(&key) {
        Some(code) => code.clone(),
        None => key,
    }
}

/// The countries and tags of visible documents (translations aside, which take their
/// original's). Of the spellings of one country, the list keeps the first in path order that
/// names a country Fieldbook knows (`Iraq` rather than `Kurdistan`), or else the first.
pub(super) fn terms(docs: &[Doc], visible: &[bool]) -> Terms {
    let listed = || docs.iter().zip(visible).filter(|(d, v)| **v && !d.is_translation()).map(|(d, _)| d);
    // Whether a spelling names a country Fieldbook knows, looked up once per spelling, not
    // once per document: thousands of profiles share a few countries, and `serve` makes these
    // lists again whenever a file is added, renamed or removed.
    let mut known_names: HashMap<&str, bool> = HashMap::new();
    fn is_known<'a>(known: &mut HashMap<&'a str, bool>, name: &'a str) -> bool {
        *known.entry(name).or_insert_with(|| crate::country::code_of(name).is_some())
    }
    let mut country_codes = BTreeMap::new();
    // Spellings whose slug has a code already: the first profile in path order gave it.
    let mut coded: HashSet<&str> = HashSet::new();
    for doc in listed() {
        if let Some(c) = doc.community()
            && let Some(code) = &c.country_code
            && !c.country.is_empty()
            && !coded.contains(c.country.as_str())
            && !is_known(&mut known_names, &c.country)
        {
            country_codes.entry(crate::text::slugify(&c.country)).or_insert_with(|| code.clone());
            coded.insert(&c.country);
        }
    }
    // By key: the spelling kept, and whether it is a name Fieldbook knows.
    let mut countries: BTreeMap<String, (&str, bool)> = BTreeMap::new();
    let mut tags = BTreeSet::new();
    let mut tag_names: Vec<String> = Vec::new();
    let mut spellings: HashSet<&str> = HashSet::new();
    let mut tag_spellings: HashSet<&str> = HashSet::new();
    for doc in listed() {
        if let Some(country) = country_of(doc).filter(|c| !c.is_empty())
            && spellings.insert(country)
        {
            let known = is_known(&mut known_names, country);
            let kept = countries.entry(key_in(&country_codes, country)).or_insert((country, known));
            if known && !kept.1 {
                *kept = (country, true);
            }
        }
        for tag in &doc.tags {
            // A spelling seen before has its slug in `tags` already.
            if tag_spellings.insert(tag) && tags.insert(crate::text::slugify(tag)) {
                tag_names.push(tag.clone());
            }
        }
    }
    let mut country_names: Vec<String> = countries.into_values().map(|(name, _)| name.to_string()).collect();
    country_names.sort_by_key(|c| crate::text::slugify(c));
    tag_names.sort_by_key(|t| crate::text::slugify(t));
    Terms { countries: country_names, tags: tag_names, country_codes }
}

impl Site {
    /// The key of the country named `name` in this site: its ISO code when a language names a
    /// country so, the code its profiles give in `country_code` when none does, else its slug.
    /// Spellings of one country (`Iraq`, `العراق`, and `Kurdistan` given `IRQ`) share it.
    pub fn country_key(&self, name: &str) -> String {
        key_in(&self.country_codes, name)
    }

    /// The page of the country named `name`: the page of its [`Site::country_key`], named by
    /// the spelling the list keeps, so that every spelling of one country (`Ivory Coast`,
    /// `Côte d’Ivoire`) links to the one page there is.
    pub fn country_path(&self, name: &str) -> String {
        routes::country(self.listed_country(name).unwrap_or(name))
    }

    /// The spelling the list keeps of the country named `name` (`Iraq` for `العراق`, or for
    /// `Kurdistan` given `IRQ`), if the site lists that country.
    pub(super) fn listed_country(&self, name: &str) -> Option<&str> {
        // Nearly always the kept spelling itself: spared the look-up of its code (every row
        // of every listing asks).
        if let Some(kept) = self.countries.iter().find(|c| *c == name) {
            return Some(kept);
        }
        let key = self.country_key(name);
        self.countries.iter().find(|c| self.country_key(c) == key).map(String::as_str)
    }
}
