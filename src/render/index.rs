//! The search index, as its own pass over the site: each searchable page's entry (its title,
//! a short line, a snippet, and its words with their weights) is made from the linked site and
//! the schema, in parallel, after the pages and beside the exports. No page's rendering fills
//! it, so the index is the same whichever pages were rendered, and in any order. The files
//! themselves are written by [`super::search::IndexBuilder`].

use std::borrow::Cow;

use rayon::prelude::*;

use super::pages::{SearchEntry, Searchable};
use super::search::{CompactTerms, SearchDoc, Terms, snippet};
use super::{Renderer, markdown};
use crate::error::Result;
use crate::link::routes;
use crate::model::Details;

/// How much each place a word appears in counts, for search ranking.
const TITLE_WEIGHT: u32 = 10;
const LABEL_WEIGHT: u32 = 4;
const VALUE_WEIGHT: u32 = 2;
const BODY_WEIGHT: u32 = 1;

impl Renderer<'_> {
    /// The entries of `searchables`, in their order. A document's entry is made once per
    /// version of the document and, when `keep` (`serve`), kept in the lookups: `serve` carries
    /// it over to the next version of the site when the change did not reach the document. A
    /// build does not keep them (at 100,000 profiles they were most of the memory the index
    /// took), but uses one already kept. The entries of the site's own pages (the handbook's,
    /// the countries' and the tags', a name and a line each) are made each time.
    pub(super) fn search_entries(&self, searchables: &[Searchable], keep: bool) -> Result<Vec<Cow<'_, SearchEntry>>> {
        searchables.par_iter().with_max_len(16).map(|&searchable| self.search_entry(searchable, keep)).collect()
    }

    fn search_entry(&self, searchable: Searchable, keep: bool) -> Result<Cow<'_, SearchEntry>> {
        Ok(Cow::Owned(match searchable {
            Searchable::Doc(i) => match self.lookups.search[i].get() {
                Some(kept) => return Ok(Cow::Borrowed(kept)),
                None if keep => {
                    let entry = self.doc_entry_in_its_language(i)?;
                    return Ok(Cow::Borrowed(self.lookups.search[i].get_or_init(|| entry)));
                }
                None => self.doc_entry_in_its_language(i)?,
            },
            own_page => self.reference_entry(own_page)?,
        }))
    }

    /// The search entry of a page of the site's own (a handbook page: an indicator, approach,
    /// sector or topic; or a country's or a tag's page) in this renderer's language, leading
    /// to its page in that language. On a site with its own pages in other languages, each
    /// language's entry names its language and the page's path in the site's language, which
    /// they share: the search lists the page once, in the reader's language.
    pub(super) fn reference_entry(&self, searchable: Searchable) -> Result<SearchEntry> {
        let schema = self.input.schema;
        let lk = self.lookups;
        let (title, text, path, meta, kind) = match searchable {
            Searchable::Indicator(ii) => {
                let i = &schema.indicators[ii];
                (
                    i.term.label.as_str(),
                    i.term.description.clone(),
                    routes::indicator(&i.term.id),
                    self.env.t("indicator"),
                    "reference",
                )
            }
            Searchable::Approach(a) => {
                let a = &schema.approaches[a];
                let mut text = a.term.description.clone();
                for line in a.advantages.iter().chain(&a.disadvantages) {
                    text.push(' ');
                    text.push_str(line);
                }
                (a.term.label.as_str(), text, routes::approach(&a.term.id), self.env.t("approach"), "reference")
            }
            Searchable::Sector(s) => {
                let s = &schema.sectors[s];
                (s.label.as_str(), s.description.clone(), routes::sector(&s.id), self.env.t("sector"), "reference")
            }
            Searchable::Topic(t) => {
                let t = &schema.guidance_topics[t];
                (t.label.as_str(), t.description.clone(), routes::topic(&t.id), self.env.t("guidance"), "reference")
            }
            Searchable::Country(ci) => {
                let (name, docs) = &lk.countries[ci];
                let names = every_name(name);
                let meta = self.env.locale.count("communities_count", docs.len() as u64, &[]);
                (self.env.country_name(name), names, routes::country(name), meta, "country")
            }
            Searchable::Tag(ti) => {
                let (name, docs) = &lk.tags[ti];
                let meta = self.env.locale.count("pages_count", docs.len() as u64, &[]);
                (name.as_str(), name.clone(), routes::tag(name), meta, "tag")
            }
            Searchable::Doc(i) => {
                let path = &self.input.site.paths[i];
                return Err(crate::error::Error::Template(format!("{path} is not a page of the site's own")));
            }
        };
        let language = self.voices.iter().any(|v| v.has_sections()).then(|| (self.language.to_string(), path.clone()));
        Ok(reference(kind, title, &text, self.env.section(path), meta, language))
    }

    /// For a document published in several languages: its language and its original's path,
    /// which its search entries share.
    fn search_language(&self, i: usize) -> Option<(String, String)> {
        let site = self.input.site;
        let original = site.original_of(i);
        if !site.translations[original].iter().any(|&t| site.visible[t]) {
            return None;
        }
        let language = site.docs[i].language.clone().unwrap_or_else(|| self.input.config.language.clone());
        Some((language, site.paths[original].clone()))
    }

    /// Document `i`'s search entry in the language its page is written in. A translation's
    /// result shows its line ("Guatemala · 6 December 2026"), facts and values as its page
    /// does, not in the site's language.
    fn doc_entry_in_its_language(&self, i: usize) -> Result<(SearchDoc, CompactTerms)> {
        match self.input.site.docs[i].language.as_deref().and_then(|l| self.in_language(l)) {
            Some(voiced) => voiced.doc_entry(i),
            None => self.doc_entry(i),
        }
    }

    /// Document `i`'s search entry: its title, labels, values and body text, read from the
    /// site (its body as its page publishes it, its facts as its page shows them). Besides the
    /// document it reads the titles and visibility of what its references and links name, and
    /// its group of translations: what [`crate::link::Site::affected`] follows.
    fn doc_entry(&self, i: usize) -> Result<(SearchDoc, CompactTerms)> {
        let body_text = &markdown::body_text(&self.env, i)?;
        let facts = &self.env.facts(i);
        let env = &self.env;
        let site = self.input.site;
        let doc = &site.docs[i];
        // Distinct terms run at about one for every 16 bytes of a page's text.
        let mut terms = Terms::with_capacity(64 + body_text.len() / 16);
        terms.add(&doc.title, TITLE_WEIGHT);
        for text in doc.summary.iter().chain(&doc.tags) {
            terms.add(text, LABEL_WEIGHT);
        }
        for heading in &site.outlines[i].headings {
            terms.add(&env.with_figures(i, &heading.text), LABEL_WEIGHT);
        }
        for fact in facts.iter().filter(|f| !f.internal) {
            if let Some(t) = &fact.text {
                terms.add(t, LABEL_WEIGHT);
            }
            for l in &fact.links {
                terms.add(&l.label, LABEL_WEIGHT);
            }
        }
        if let Details::Community(c) = &doc.details {
            // A page showing the country in its language is found by its English name too.
            if env.country_name(&c.country) != c.country {
                terms.add(&c.country, LABEL_WEIGHT);
            }
            for e in c.indicators.iter().filter(|e| site.indicator_visible[e.indicator]) {
                let indicator = &env.schema.indicators[e.indicator];
                let protection = env.masking.protect(e, indicator.kind);
                if protection.entry_withheld() {
                    continue;
                }
                terms.add(&env.masking.value_text(&protection, e, indicator, env.locale), VALUE_WEIGHT);
                // The source as the page says it (a survey round's in the page's language).
                if let Some(source) = e.source.as_deref() {
                    terms.add(&env.source_shown(source), BODY_WEIGHT);
                }
                if let Some(notes) = e.notes() {
                    terms.add(notes, BODY_WEIGHT);
                }
            }
            for e in &c.criteria {
                if let Some(evidence) = &e.evidence {
                    terms.add(evidence, BODY_WEIGHT);
                }
            }
        }
        if let Details::Project(p) = &doc.details {
            for s in &p.screening {
                terms.add(&env.schema.project_criteria[s.criterion].term.label, LABEL_WEIGHT);
                if let Some(note) = &s.note {
                    terms.add(note, BODY_WEIGHT);
                }
            }
        }
        terms.add(body_text, BODY_WEIGHT);
        let card = env.card(i);
        let entry = SearchDoc {
            kind: doc.content_type.id(),
            title: doc.title.clone(),
            path: site.paths[i].clone(),
            meta: card.meta,
            snippet: snippet(doc.summary.as_deref(), body_text),
            language: self.search_language(i),
        };
        Ok((entry, terms.into_compact()))
    }
}

/// A page of the site's own as a search entry, of `kind`: a handbook page (`reference`: an
/// indicator, approach, sector or topic, found by its title and its description), or a
/// country's or a tag's (`country`, `tag`: found by its name, and a country by every name it
/// goes by, in `text`). `language` as [`SearchDoc::language`].
fn reference(
    kind: &'static str,
    title: &str,
    text: &str,
    path: String,
    meta: String,
    language: Option<(String, String)>,
) -> (SearchDoc, CompactTerms) {
    let mut terms = Terms::default();
    terms.add(title, TITLE_WEIGHT);
    let (text_weight, snippet) =
        if kind == "reference" { (BODY_WEIGHT, snippet(None, text)) } else { (TITLE_WEIGHT, String::new()) };
    terms.add(text, text_weight);
    (SearchDoc { kind, title: title.to_string(), path, meta, snippet, language }, terms.into_compact())
}

/// What a country's search entry is found by: its name as the site writes it, then each other
/// name the country table gives it in English, French, Spanish or Arabic, so that `Senegal`
/// finds `Sénégal`. Each name once: the site's name is usually the table's English one, and a
/// name twice would weigh twice in the index.
fn every_name(name: &str) -> String {
    let mut names = name.to_string();
    for other in crate::country::names_of(name).into_iter().filter(|other| *other != name) {
        names.push(' ');
        names.push_str(other);
    }
    names
}

#[cfg(test)]
mod tests {
    use super::every_name;

    #[test]
    fn a_country_is_found_by_each_of_its_names_once() {
        assert_eq!(every_name("Senegal"), "Senegal Sénégal السنغال");
        assert_eq!(every_name("Morocco"), "Morocco Maroc Marruecos المغرب");
        // A name the table does not know is the only one.
        assert_eq!(every_name("Atlantis"), "Atlantis");
    }
}
