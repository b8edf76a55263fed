//! What is written after the pages: the search index (which needs every page's text), the
//! data exports, the feed and the sitemap; and the files beside the pages, photos without the
//! place they were taken on the public site.

use rayon::prelude::*;

use super::cache::{self, Keys};
use super::export::JsonList;
use super::export::table::{self, Row, TABLES};
use super::export::wording::Descriptions;
use super::export::xlsx::Spreadsheet;
use super::export::{csv, package};
use super::pages::{Job, Searchable};
use super::search::{CompactTerms, IndexBuilder, SearchDoc};
use super::{Output, OutputFile, Recorder, Renderer, export, feed, geojson};
use crate::error::{Error, Result};
use crate::link::{Audience, routes};
use crate::load::{Asset, AssetKind};
use crate::model::ContentType;

/// Files written after the pages besides the search shards and per-profile exports, for
/// progress counts: communities.json, projects.json, case_studies.json, the five CSV files and
/// the spreadsheet, schema.json, the data package and the six JSON Schemas,
/// communities.geojson, feed.xml, robots.txt.
pub(super) const FILES_AFTER_PAGES: usize = 20;

/// The spreadsheet of every table.
const XLSX: &str = "data/communities.xlsx";

/// Pages whose search entries are made at a time: enough to keep both cores busy, few enough
/// that a large site's entries never sit in memory together.
const SEARCH_BLOCK: usize = 2048;

/// Profiles per batch when exporting: big enough to keep both cores busy, small enough that
/// the exports of a 100,000-profile site never sit in memory at once.
const EXPORT_BATCH: usize = 512;

impl Renderer<'_> {
    /// Write the search index, exports, feed and sitemap.
    /// With `keys`, each of the search index and the exports is taken from the previous build
    /// when its inputs are the same (see [`super::cache`]).
    pub(super) fn write_after_pages(&self, output: &dyn Output, keys: Option<&Keys>) -> Result<()> {
        // The index and the exports need nothing of each other, but are made one after the
        // other: each keeps both cores busy on its own (the first build took as long either
        // way), and side by side their memory added up (the index's postings and the
        // spreadsheet's shared strings both grow to the end): 20 MiB less at the peak of a
        // 10,000-profile build, made one after the other.
        {
            let _t = crate::timing::stage("index");
            Recorder::unit(output, cache::SEARCH_INDEX, keys.map(Keys::search_index), |output| {
                self.write_search_index(output, false)
            })?;
        }
        {
            let _t = crate::timing::stage("exports");
            Recorder::unit(output, cache::EXPORTS, keys.map(Keys::exports), |output| self.write_exports(output))?;
        }
        let config = self.input.config;
        output.file(OutputFile {
            path: routes::FEED.into(),
            bytes: feed::atom(&self.env, &config.title, &config.language).into_bytes(),
        })?;
        // A feed in each other language with a folder of the site's pages (`fr/feed.xml`).
        for voice in self.voices.iter().filter(|v| v.has_sections()) {
            let Some(speaker) = self.in_language(&voice.language) else { continue };
            let folder = speaker.env.sections;
            let title = config.title_in(&voice.language);
            output.file(OutputFile {
                path: format!("{folder}{}", routes::FEED),
                bytes: feed::atom(&speaker.env, title, &voice.language).into_bytes(),
            })?;
        }
        if let Some(base) = &config.base_url {
            // Every page of the table but the 404 page, whose address is no page of its own.
            let mut pages: Vec<(String, Option<crate::date::Date>)> = self
                .pages
                .iter()
                .filter(|page| page.path != routes::NOT_FOUND)
                .map(|page| {
                    let changed = match page.job {
                        Job::Doc(i) => feed::last_changed(&self.env, i),
                        _ => None,
                    };
                    (page.path.clone(), changed)
                })
                .collect();
            pages.sort();
            output.file(OutputFile { path: "sitemap.xml".into(), bytes: feed::sitemap(base, &pages).into_bytes() })?;
        }
        let audience = self.input.site.audience;
        let public = !audience.internal && !audience.drafts;
        output.file(OutputFile {
            path: routes::ROBOTS.into(),
            bytes: feed::robots(public, config.base_url.as_deref()).into_bytes(),
        })?;
        Ok(())
    }

    /// Write the search index: its own pass over the site (see `index.rs`), which needs no
    /// page to have been rendered, made a block of pages at a time (see [`IndexBuilder`]).
    /// `keep` keeps each document's entry for the next version of the site (`serve`).
    pub(super) fn write_search_index(&self, output: &dyn Output, keep: bool) -> Result<()> {
        let mut builder = IndexBuilder::default();
        // A block's entries are made while the block before is added and its files written.
        let make = |block: &[Searchable]| self.search_entries(block, keep);
        overlapped(self.lookups.searchables.chunks(SEARCH_BLOCK), &make, &mut |entries| {
            let entries = entries?;
            let docs: Vec<&SearchDoc> = entries.iter().map(|entry| &entry.0).collect();
            let terms: Vec<&CompactTerms> = entries.iter().map(|entry| &entry.1).collect();
            for file in builder.add(&docs, &terms) {
                output.file(file)?;
            }
            Ok(())
        })?;
        // The handbook's pages in each of the site's other languages with pages of their own:
        // found by their words in that language, and leading to their pages in it.
        let handbook: Vec<Searchable> =
            self.lookups.searchables.iter().filter(|s| !matches!(s, Searchable::Doc(_))).copied().collect();
        let mut references: Vec<super::pages::SearchEntry> = Vec::new();
        for voice in self.voices.iter().filter(|v| v.has_sections()) {
            if let Some(voiced) = self.in_language(&voice.language) {
                for &page in &handbook {
                    references.push(voiced.reference_entry(page)?);
                }
            }
        }
        if !references.is_empty() {
            let docs: Vec<&SearchDoc> = references.iter().map(|entry| &entry.0).collect();
            let terms: Vec<&CompactTerms> = references.iter().map(|entry| &entry.1).collect();
            for file in builder.add(&docs, &terms) {
                output.file(file)?;
            }
        }
        for file in builder.finish() {
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
                let make = |batch: &[usize]| -> Result<Vec<String>> {
                    batch
                        .par_iter()
                        .map(|&i| {
                            let object = export::community_json(env, i).unwrap_or_default();
                            let path = routes::profile_json(&env.site.docs[i].slug);
                            output.file(OutputFile { path, bytes: format!("{object}\n").into_bytes() })?;
                            Ok(object)
                        })
                        .collect()
                };
                overlapped(communities.chunks(EXPORT_BATCH), &make, &mut |objects| {
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
                    Ok(())
                })?;
                w.write_all(b"\n]}\n")
            })
            .map_err(|e| failure.take().unwrap_or(e))?;
        // The projects and the case studies, few beside the profiles: each list in one go.
        let title = &self.input.config.title;
        for list in [export::projects::list(title), export::case_studies::list(title)] {
            self.write_json_list(output, list)?;
        }
        self.write_tables(output)?;
        // A public build exports the schema without its sensitive indicators and fields.
        let schema = if self.input.site.audience.shows_sensitive() {
            self.input.schema.clone()
        } else {
            self.input.schema.without_sensitive()
        };
        output
            .stream(geojson::PATH, &mut |w| geojson::write_communities(env, &self.lookups.located, communities, w))?;
        let schema_json = serde_json::to_string_pretty(&schema).unwrap_or_default();
        output.file(OutputFile { path: "data/schema.json".into(), bytes: format!("{schema_json}\n").into_bytes() })?;
        let config = self.input.config;
        let base_url = config.base_url.as_deref();
        let descriptions = self.descriptions();
        let json = &descriptions.json;
        let described = [
            (package::DATAPACKAGE, package::datapackage(config, &descriptions)),
            (package::COMMUNITIES_SCHEMA, package::communities_schema(&schema, &config.title, base_url, json)),
            (package::COMMUNITY_SCHEMA, package::community_schema(&schema, &config.title, base_url, json)),
            (export::projects::SCHEMA_PATH, export::projects::schema(&schema, &config.title, base_url, json)),
            (
                export::projects::PROJECT_SCHEMA_PATH,
                export::projects::project_schema(&schema, &config.title, base_url, json),
            ),
            (export::case_studies::SCHEMA_PATH, export::case_studies::schema(&schema, &config.title, base_url, json)),
            (
                export::case_studies::CASE_STUDY_SCHEMA_PATH,
                export::case_studies::case_study_schema(&schema, &config.title, base_url, json),
            ),
        ];
        for (path, text) in described {
            output.file(OutputFile { path: path.into(), bytes: text.into_bytes() })?;
        }
        Ok(())
    }

    /// A list of few documents (projects, case studies) as JSON, in one go: each object in a
    /// file of its own, and all of them in the list's file (`data/projects.json`).
    fn write_json_list(&self, output: &dyn Output, list: JsonList) -> Result<()> {
        let env = &self.env;
        let JsonList { content, path, head: mut text, object, own_path } = list;
        let objects: Vec<String> = self.lookups.by_type[&content]
            .par_iter()
            .map(|&i| {
                let object = object(env, i).unwrap_or_default();
                let path = own_path(&env.site.docs[i].slug);
                output.file(OutputFile { path, bytes: format!("{object}\n").into_bytes() })?;
                Ok(object)
            })
            .collect::<Result<_>>()?;
        for (k, object) in objects.iter().enumerate() {
            text.push_str(if k == 0 { "\n" } else { ",\n" });
            text.push_str(object);
        }
        text.push_str("\n]}\n");
        output.file(OutputFile { path: path.into(), bytes: text.into_bytes() })
    }

    /// What the exports say about themselves, in the site's language (the exports are written
    /// once, in the site's voice) and for the address the site is published at.
    fn descriptions(&self) -> Descriptions {
        let site_columns = TABLES.iter().map(|t| table::site_columns(&self.env, t)).collect();
        Descriptions::new(self.env.locale, self.input.config.base_url.as_deref(), site_columns)
    }

    /// Each table as CSV, and all of them in one spreadsheet. A batch of profiles' rows is made
    /// in parallel, then written in order to the CSV file and handed to the spreadsheet (while
    /// the next batch is made: see [`overlapped`]), which numbers them, turns them into
    /// deflated XML in parallel and writes them into its file: the spreadsheet's file is open
    /// while the CSV files are written, one after the other.
    fn write_tables(&self, output: &dyn Output) -> Result<()> {
        let env = &self.env;
        let title = &self.input.config.title;
        let mut failure: Option<Error> = None;
        output
            .stream(XLSX, &mut |xlsx| {
                let descriptions = self.descriptions();
                let heads: Vec<Vec<u8>> = (0..TABLES.len()).map(|t| csv::head(descriptions.columns(t))).collect();
                let mut book = Spreadsheet::new(title, descriptions, xlsx)?;
                for (t, table) in TABLES.iter().enumerate() {
                    let path = format!("data/{}.csv", table.name);
                    let docs = &self.lookups.by_type[&table.content];
                    let mut book_error: Option<std::io::Error> = None;
                    let written = output.stream(&path, &mut |w| {
                        w.write_all(&heads[t])?;
                        let make = |batch: &[usize]| -> Vec<(Vec<Row<'_>>, Vec<u8>)> {
                            batch
                                .par_iter()
                                .map(|&i| {
                                    let rows = (table.rows)(env, i);
                                    let text = csv::rows(&rows);
                                    (rows, text)
                                })
                                .collect()
                        };
                        overlapped(docs.chunks(EXPORT_BATCH), &make, &mut |chunk| {
                            let mut rows = Vec::with_capacity(chunk.iter().map(|(rows, _)| rows.len()).sum());
                            for (profile_rows, text) in chunk {
                                w.write_all(&text)?;
                                rows.extend(profile_rows);
                            }
                            book.append(t, &rows).map_err(|e| {
                                book_error = Some(e);
                                std::io::Error::other("the spreadsheet could not be written")
                            })
                        })
                    });
                    if let Some(e) = book_error {
                        return Err(e);
                    }
                    if let Err(e) = written {
                        failure = Some(e);
                        return Err(std::io::Error::other("a CSV export could not be written"));
                    }
                }
                let _t = crate::timing::stage("xlsx end");
                book.finish()
            })
            .map_err(|e| failure.take().unwrap_or(e))
    }
}

/// Make each batch in parallel (`make`, on the thread pool) while the calling thread hands the
/// batch made before to `take`, in order. What `take` does (writing a batch's text into its
/// file, numbering its texts for the spreadsheet, freeing its rows, adding a block of pages to
/// the search index) must happen in order on one thread; done between batches, it left both
/// cores idle for about a fifth of the exports' time. Two batches are in memory at once,
/// never more.
fn overlapped<'b, T: Sync, B: Send, E>(
    batches: impl Iterator<Item = &'b [T]>,
    make: &(dyn Fn(&'b [T]) -> B + Sync),
    take: &mut dyn FnMut(B) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    let mut made: Option<B> = None;
    for batch in batches {
        made = Some(std::thread::scope(|scope| {
            let next = scope.spawn(|| make(batch));
            let taken = made.take().map_or(Ok(()), &mut *take);
            // A panic while making is a bug: it goes on as it would have on this thread.
            let next = next.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            taken.map(|()| next)
        })?);
    }
    made.map_or(Ok(()), take)
}

/// Copy the files beside the pages into `output`, as [`published_asset`] gives them.
pub(super) fn copy_assets(input: &super::RenderInput<'_>, output: &dyn Output) -> Result<()> {
    input.site.assets.par_iter().try_for_each(|asset| {
        let bytes = std::fs::read(&asset.path).map_err(|e| Error::io("read", &asset.path, e))?;
        let bytes = published_asset(asset, bytes, input.site.audience);
        output.file(OutputFile { path: routes::asset_path(&asset.content_path), bytes })
    })
}

/// A file beside the pages as a build for `audience` publishes it: on the public site, a photo
/// without the place it was taken (EXIF and XMP GPS, see
/// [`crate::disclosure::image_location`]), the rest of it as it is; every other file, and
/// every file of the internal site (staff only, who may need to find the place again), as it
/// is. `build` and `serve` both publish through this.
pub fn published_asset(asset: &Asset, bytes: Vec<u8>, audience: Audience) -> Vec<u8> {
    if asset.kind != AssetKind::Image || audience.internal {
        return bytes;
    }
    match crate::disclosure::image_location::without_position(&bytes) {
        std::borrow::Cow::Borrowed(_) => bytes,
        std::borrow::Cow::Owned(clean) => clean,
    }
}

#[cfg(test)]
mod tests {
    use super::overlapped;

    #[test]
    fn batches_are_taken_in_order_each_made_once() {
        let profiles: Vec<usize> = (0..1000).collect();
        let made = std::sync::atomic::AtomicUsize::new(0);
        let make = |batch: &[usize]| {
            made.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            batch.iter().map(|i| i * 2).collect::<Vec<usize>>()
        };
        let mut taken = Vec::new();
        overlapped(profiles.chunks(64), &make, &mut |batch| {
            taken.extend(batch);
            Ok::<(), std::io::Error>(())
        })
        .unwrap();
        assert_eq!(taken, profiles.iter().map(|i| i * 2).collect::<Vec<usize>>());
        assert_eq!(made.into_inner(), profiles.chunks(64).count());
    }

    #[test]
    fn a_failure_to_take_a_batch_stops_at_it() {
        let profiles: Vec<usize> = (0..1000).collect();
        let mut taken = 0;
        let error = overlapped(profiles.chunks(100), &|batch: &[usize]| batch.len(), &mut |_| {
            taken += 1;
            if taken == 3 { Err(std::io::Error::other("disk full")) } else { Ok(()) }
        })
        .unwrap_err();
        assert_eq!(error.to_string(), "disk full");
        assert_eq!(taken, 3);
    }
}
