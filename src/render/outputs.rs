//! What is written after the pages: the search index (which needs every page's text), the
//! data exports, the feed and the sitemap.

use rayon::prelude::*;

use super::search::{CompactTerms, SearchDoc, index_files};
use super::{Output, OutputFile, Renderer, export, feed};
use crate::error::{Error, Result};
use crate::link::routes;
use crate::model::ContentType;

/// Files written after the pages besides the search shards and per-profile exports, for
/// progress counts: communities.json, indicators.csv, criteria.csv, schema.json, feed.xml.
pub(super) const FILES_AFTER_PAGES: usize = 5;

/// Profiles per batch when exporting: big enough to keep both cores busy, small enough that
/// the exports of a 100,000-profile site never sit in memory at once.
const EXPORT_BATCH: usize = 512;

impl Renderer<'_> {
    /// Write the search index, exports, feed and sitemap.
    pub(super) fn write_after_pages(&self, output: &dyn Output) -> Result<()> {
        // The index and the exports need nothing of each other: make them side by side.
        let (index, exports) = rayon::join(
            || {
                let _t = crate::timing::stage("index");
                self.write_search_index(output)
            },
            || {
                let _t = crate::timing::stage("exports");
                self.write_exports(output)
            },
        );
        index?;
        exports?;
        let config = self.input.config;
        output.file(OutputFile {
            path: routes::FEED.into(),
            bytes: feed::atom(&self.env, &config.title, config.base_url.as_deref(), &config.language).into_bytes(),
        })?;
        if let Some(base) = &config.base_url {
            // Every page of the table but the 404 page, whose address is no page of its own.
            let mut pages: Vec<String> =
                self.pages.iter().map(|page| page.path.clone()).filter(|p| p != routes::NOT_FOUND).collect();
            pages.sort();
            output.file(OutputFile { path: "sitemap.xml".into(), bytes: feed::sitemap(base, &pages).into_bytes() })?;
        }
        Ok(())
    }

    /// Write the search index: its own pass over the site (see `index.rs`), which needs no
    /// page to have been rendered.
    pub(super) fn write_search_index(&self, output: &dyn Output) -> Result<()> {
        let entries = self.search_entries();
        let docs: Vec<&SearchDoc> = entries.iter().map(|(doc, _)| doc).collect();
        let terms: Vec<&CompactTerms> = entries.iter().map(|(_, terms)| terms).collect();
        for file in index_files(&docs, &terms) {
            output.file(file)?;
        }
        Ok(())
    }

    fn write_exports(&self, output: &dyn Output) -> Result<()> {
        let env = &self.env;
        let communities = &self.lookups.by_type[&ContentType::Community];
        let mut failure: Option<Error> = None;
        // Each profile's own file is written as its object is made; the objects then go, in
        // order, into communities.json.
        output
            .stream("data/communities.json", &mut |w| {
                w.write_all(export::communities_head(&self.input.config.title).as_bytes())?;
                let mut first = true;
                for batch in communities.chunks(EXPORT_BATCH) {
                    let objects: Result<Vec<String>> = batch
                        .par_iter()
                        .map(|&i| {
                            let object = export::community_json(env, i).unwrap_or_default();
                            let path = routes::profile_json(&env.site.docs[i].slug);
                            output.file(OutputFile { path, bytes: format!("{object}\n").into_bytes() })?;
                            Ok(object)
                        })
                        .collect();
                    let objects = match objects {
                        Ok(objects) => objects,
                        Err(e) => {
                            failure = Some(e);
                            return Err(std::io::Error::other("a profile export failed"));
                        }
                    };
                    for object in objects {
                        w.write_all(if first { b"\n" } else { b",\n" })?;
                        w.write_all(object.as_bytes())?;
                        first = false;
                    }
                }
                w.write_all(b"\n]}\n")
            })
            .map_err(|e| failure.take().unwrap_or(e))?;
        let stream_rows = |path: &str, head: String, rows: &(dyn Fn(usize) -> String + Sync)| {
            output.stream(path, &mut |w| {
                w.write_all(head.as_bytes())?;
                for batch in communities.chunks(EXPORT_BATCH) {
                    let chunk: Vec<String> = batch.par_iter().map(|&i| rows(i)).collect();
                    for rows in chunk {
                        w.write_all(rows.as_bytes())?;
                    }
                }
                Ok(())
            })
        };
        stream_rows("data/indicators.csv", export::csv_head(&export::INDICATOR_COLUMNS), &|i| {
            export::indicator_rows(env, i)
        })?;
        stream_rows("data/criteria.csv", export::csv_head(&export::CRITERIA_COLUMNS), &|i| {
            export::criteria_rows(env, i)
        })?;
        // A public build exports the schema without its sensitive indicators and fields.
        let schema = if self.input.site.audience.shows_sensitive() {
            self.input.schema.clone()
        } else {
            self.input.schema.without_sensitive()
        };
        let schema_json = serde_json::to_string_pretty(&schema).unwrap_or_default();
        output.file(OutputFile { path: "data/schema.json".into(), bytes: format!("{schema_json}\n").into_bytes() })
    }
}
