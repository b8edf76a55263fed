//! The build cache, on the rendering side: what each file of the site is made from, as a
//! digest (a key), so that a build can take a file from the previous build whose key is the
//! same instead of making it again. The write stage keeps the keys beside the site and does
//! the taking (`write/cache.rs`); `serve`, which renders into memory, has no use for them.
//!
//! A page is made from the whole site, except that only its own document's body is read
//! whole: every other page sees a body only through its outline (headings and links, which
//! backlinks, contents and `#heading` links are made of). So a key is two parts:
//!
//! - **The site's digest**: the program, the settings, the schema, the theme, the review
//!   state the day gives each profile (the only thing pages read of the day), the audience,
//!   every asset's path (and the contents of the map outlines the site gives), and every
//!   document's path, frontmatter and outline. Anything that changes one of them changes
//!   every key: a changed title, figure or heading makes every page again, since listings,
//!   comparisons, ranks, backlinks and maps show them.
//! - **The body** of the page's own document, for a document's page. A sentence changed in a
//!   profile's text makes that page again, and the search index, which reads every body.
//!
//! The address the site is published at (`base_url`, or `build --base-url`) is left out of
//! the site's digest and added only to the keys of what uses it: the exports (their `url`
//! and `page` columns, the descriptions of those columns, the data package's homepage) and
//! the data page, whose context offers it to a theme. Pages link relatively and never read
//! it, so a build for a preview address takes every other page and the search index. The
//! feed, the sitemap and `robots.txt`, which name it too, are made on every build.
//!
//! The claim that pages read no other body is what makes this sound; it holds because the
//! body is read in one place, `render::markdown` (for the page of that document and for the
//! search index), and the tests build sites with every kind of change both from the cache
//! and afresh and compare every file.

use rayon::prelude::*;

use super::RenderInput;
use super::pages::{Job, Page};
use crate::digest::{Digest, Hasher};

/// The unit name of the search index's files.
pub(super) const SEARCH_INDEX: &str = "search index";
/// The unit name of the exports' files (`data/`).
pub(super) const EXPORTS: &str = "exports";

/// The keys of one build's files.
pub(super) struct Keys {
    site: Digest,
    /// The digest of the address the site is published at (see the module's documentation).
    base_url: Digest,
    /// Per document: the digest of its body.
    bodies: Vec<Digest>,
}

impl Keys {
    /// The keys of the site of `input`, made by the program of identity `program`.
    pub(super) fn new(input: &RenderInput<'_>, program: Digest) -> Keys {
        let site = input.site;
        let bodies: Vec<Digest> = site.docs.par_iter().map(|doc| doc.body_digest()).collect();
        let docs: Vec<Digest> = site
            .docs
            .par_iter()
            .zip(&site.outlines)
            .map(|(doc, outline)| {
                let mut hasher = Hasher::new("document");
                hasher.str(&doc.content_path).digest(doc.source.head_digest(doc.body_start));
                outline.digest_into(&mut hasher);
                hasher.finish()
            })
            .collect();
        // The settings without the base URL, which only some files use.
        let settings = crate::config::Config { base_url: None, ..input.config.clone() };
        let mut hasher = Hasher::new("site");
        hasher
            .digest(program)
            .debug(&settings)
            .debug(input.schema)
            .digest(input.theme.digest)
            .debug(&site.audience)
            .debug(&site.rules);
        // The day counts only through the review states it gives the profiles (current, due,
        // overdue): the one thing rendering reads of it (`review_of`, the exports' review
        // columns). So a build on another day takes every page unless a profile's state moved.
        let months = input.config.review_interval_months;
        for doc in &site.docs {
            if let Some(community) = doc.community() {
                hasher.debug(&community.review(months, input.today).1);
            }
        }
        hasher.u64(site.assets.len() as u64);
        for asset in &site.assets {
            hasher.str(&asset.content_path).debug(&asset.kind);
            // The map outlines a site gives are drawn into its maps.
            if crate::geo::outlines::is_outline_file(&asset.content_path) {
                hasher.bytes(&std::fs::read(&asset.path).unwrap_or_default());
            }
        }
        hasher.u64(docs.len() as u64);
        for doc in docs {
            hasher.digest(doc);
        }
        let base_url = Hasher::new("base url").debug(&input.config.base_url).finish();
        Keys { site: hasher.finish(), base_url, bodies }
    }

    /// The key of a page.
    pub(super) fn page(&self, page: &Page) -> Digest {
        let mut hasher = Hasher::new("page");
        hasher.digest(self.site).str(&page.path).str(page.template);
        match page.job {
            Job::Doc(i) => {
                hasher.digest(self.bodies[i]);
            }
            // The data page's context holds the base URL, for a theme that shows it.
            Job::Data => {
                hasher.digest(self.base_url);
            }
            _ => {}
        }
        hasher.finish()
    }

    /// The key of the search index, which reads every body.
    pub(super) fn search_index(&self) -> Digest {
        let mut hasher = Hasher::new(SEARCH_INDEX);
        hasher.digest(self.site);
        for body in &self.bodies {
            hasher.digest(*body);
        }
        hasher.finish()
    }

    /// The key of the exports, which read no body, and give pages' addresses under the base
    /// URL.
    pub(super) fn exports(&self) -> Digest {
        Hasher::new(EXPORTS).digest(self.site).digest(self.base_url).finish()
    }
}
