//! What is written after the pages: the search index (which needs every page's text), the
//! data exports, the feed and the sitemap.

use rayon::prelude::*;

use super::pages::Searchable;
use super::search::{SearchDoc, Terms, index_files, snippet};
use super::{OutputFile, Renderer, export, feed};
use crate::error::Result;
use crate::link::routes;
use crate::model::ContentType;

/// Files written after the pages besides the search shards and per-profile exports, for
/// progress counts: communities.json, indicators.csv, criteria.csv, schema.json, feed.xml.
pub(super) const FILES_AFTER_PAGES: usize = 5;

type Sink<'a> = &'a (dyn Fn(OutputFile) -> Result<()> + Sync);

impl Renderer<'_> {
    /// Write the search index, exports, feed and sitemap.
    pub(super) fn write_after_pages(&self, sink: Sink<'_>) -> Result<()> {
        self.write_search_index(sink)?;
        self.write_exports(sink)?;
        let config = self.input.config;
        sink(OutputFile {
            path: routes::FEED.into(),
            bytes: feed::atom(&self.env, &config.title, config.base_url.as_deref(), &config.language).into_bytes(),
        })?;
        if let Some(base) = &config.base_url {
            let mut pages = self.written_pages.lock().map(|p| p.clone()).unwrap_or_default();
            pages.retain(|p| p != routes::NOT_FOUND);
            pages.sort();
            sink(OutputFile { path: "sitemap.xml".into(), bytes: feed::sitemap(base, &pages).into_bytes() })?;
        }
        Ok(())
    }

    fn write_search_index(&self, sink: Sink<'_>) -> Result<()> {
        let schema = self.input.schema;
        let mut docs = Vec::with_capacity(self.lookups.searchables.len());
        let mut terms = Vec::with_capacity(self.lookups.searchables.len());
        for (number, searchable) in self.lookups.searchables.iter().enumerate() {
            let (doc, compact) = match *searchable {
                Searchable::Doc(_) => match self.search_slots.get(number).and_then(|s| s.get()) {
                    Some((doc, compact)) => (doc.clone(), compact.clone()),
                    None => continue,
                },
                Searchable::Indicator(ii) => {
                    let i = &schema.indicators[ii];
                    reference(
                        &i.term.label,
                        &i.term.description,
                        routes::indicator(&i.term.id),
                        self.env.t("indicator"),
                    )
                }
                Searchable::Approach(a) => {
                    let a = &schema.approaches[a];
                    let mut text = a.term.description.clone();
                    for line in a.advantages.iter().chain(&a.disadvantages) {
                        text.push(' ');
                        text.push_str(line);
                    }
                    reference(&a.term.label, &text, routes::approach(&a.term.id), self.env.t("approach"))
                }
                Searchable::Sector(s) => {
                    let s = &schema.sectors[s];
                    reference(&s.label, &s.description, routes::sector(&s.id), self.env.t("sector"))
                }
                Searchable::Topic(t) => {
                    let t = &schema.guidance_topics[t];
                    reference(&t.label, &t.description, routes::topic(&t.id), self.env.t("guidance"))
                }
            };
            docs.push(doc);
            terms.push(compact);
        }
        for file in index_files(&docs, &terms) {
            sink(file)?;
        }
        Ok(())
    }

    fn write_exports(&self, sink: Sink<'_>) -> Result<()> {
        let env = &self.env;
        let communities = &self.lookups.by_type[&ContentType::Community];
        let objects: Vec<String> =
            communities.par_iter().map(|&i| export::community_json(env, i).unwrap_or_default()).collect();
        for (&i, object) in communities.iter().zip(&objects) {
            sink(OutputFile {
                path: routes::profile_json(&env.site.docs[i].slug),
                bytes: format!("{object}\n").into_bytes(),
            })?;
        }
        sink(OutputFile {
            path: "data/communities.json".into(),
            bytes: export::communities_document(&self.input.config.title, &objects).into_bytes(),
        })?;
        drop(objects);
        let csv = |head: String, rows: Vec<String>| {
            let mut out = head;
            out.reserve(rows.iter().map(String::len).sum());
            for r in rows {
                out.push_str(&r);
            }
            out.into_bytes()
        };
        let indicator_rows: Vec<String> = communities.par_iter().map(|&i| export::indicator_rows(env, i)).collect();
        sink(OutputFile {
            path: "data/indicators.csv".into(),
            bytes: csv(export::csv_head(&export::INDICATOR_COLUMNS), indicator_rows),
        })?;
        let criteria_rows: Vec<String> = communities.par_iter().map(|&i| export::criteria_rows(env, i)).collect();
        sink(OutputFile {
            path: "data/criteria.csv".into(),
            bytes: csv(export::csv_head(&export::CRITERIA_COLUMNS), criteria_rows),
        })?;
        // A public build exports the schema without its sensitive indicators and fields.
        let schema = if self.input.site.audience.shows_sensitive() {
            self.input.schema.clone()
        } else {
            self.input.schema.without_sensitive()
        };
        let schema_json = serde_json::to_string_pretty(&schema).unwrap_or_default();
        sink(OutputFile { path: "data/schema.json".into(), bytes: format!("{schema_json}\n").into_bytes() })
    }
}

/// A handbook page (indicator, approach, sector, topic) as a search entry.
fn reference(title: &str, text: &str, path: String, meta: String) -> (SearchDoc, String) {
    let mut terms = Terms::default();
    terms.add(title, 10);
    terms.add(text, 1);
    (
        SearchDoc { kind: "reference", title: title.to_string(), path, meta, snippet: snippet(None, text) },
        terms.into_compact(),
    )
}
