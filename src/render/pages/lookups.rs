//! The lookups many pages share, made once per version of the site, and the list of every
//! page to render. What is made from one document alone (its card, its row, its slugs, its
//! search entry) is kept from one version to the next for the documents that did not change
//! ([`Lookups::update`]); the lists across documents are made again from those.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rayon::prelude::*;
use tera::Value;

use super::{CriterionSummary, Job, Searchable, criterion_summaries};
use crate::link::Changes;
use crate::model::{ContentType, Details, Doc, GuidanceTopic};
use crate::render::search::{CompactTerms, SearchDoc};
use crate::render::views::Env;
use crate::text::slugify;

/// Names (a country, a tag) with the visible documents under each.
pub type Groups = Vec<(String, Vec<usize>)>;

/// A page's search entry: what a result shows, and its words.
pub type SearchEntry = (SearchDoc, CompactTerms);

/// What a document is placed in the lists by: its country's key and the slugs of its tags (which took
/// most of the time of making the lists again), and what orders it. Two versions of a profile
/// with the same keys but its indicators have the same place in every list but the
/// indicators' ([`Lookups::update`]).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Keys {
    /// Its country's [`crate::link::Site::country_key`] (the code, when the name is recognized
    /// in any language or its profiles give one), for a profile or case study that names one:
    /// what its country's page is.
    country: Option<String>,
    /// Its country's slug, which orders comparison pages as before countries had codes.
    country_slug: Option<String>,
    /// Its tags' slugs.
    tags: Vec<String>,
    content_type: ContentType,
    visible: bool,
    translation: bool,
    /// Guidance's order.
    order: Option<i64>,
    title: String,
    /// The indicator of each of a profile's entries, in order.
    indicators: Vec<usize>,
}

impl Keys {
    fn of(site: &crate::link::Site, i: usize) -> Keys {
        let doc: &Doc = &site.docs[i];
        let country = match &doc.details {
            Details::Community(c) => Some(c.country.as_str()),
            Details::CaseStudy(c) => c.country.as_deref(),
            _ => None,
        };
        Keys {
            country: country.map(|c| site.country_key(c)),
            country_slug: country.map(slugify),
            tags: doc.tags.iter().map(|t| slugify(t)).collect(),
            content_type: doc.content_type,
            visible: site.visible[i],
            translation: doc.is_translation(),
            order: match &doc.details {
                Details::Guidance(g) => g.order,
                _ => None,
            },
            title: doc.title.clone(),
            indicators: doc.community().map(|c| c.indicators.iter().map(|e| e.indicator).collect()).unwrap_or_default(),
        }
    }

    /// True if a document with these keys has the place in every list one with `other` has,
    /// but perhaps not in the indicators' lists.
    fn placed_as(&self, other: &Keys) -> bool {
        (
            &self.country,
            &self.country_slug,
            &self.tags,
            self.content_type,
            self.visible,
            self.translation,
            self.order,
            &self.title,
        ) == (
            &other.country,
            &other.country_slug,
            &other.tags,
            other.content_type,
            other.visible,
            other.translation,
            other.order,
            &other.title,
        )
    }
}

/// Shared lookups, computed once per build.
pub struct Lookups {
    /// Visible documents of each type, by title (guidance by order, then title).
    pub by_type: BTreeMap<ContentType, Vec<usize>>,
    /// Countries (as first spelled) and their visible profiles and case studies.
    pub countries: Groups,
    /// Tags (as first spelled) and their visible documents.
    pub tags: Groups,
    /// Per indicator: visible profiles giving it, as (document, entry index), by country then title.
    pub indicator_values: Vec<Vec<(usize, usize)>>,
    /// Per approach: projects, then case studies.
    pub approach_docs: Vec<(Vec<usize>, Vec<usize>)>,
    /// Per sector: guidance, projects, case studies.
    pub sector_docs: Vec<(Vec<usize>, Vec<usize>, Vec<usize>)>,
    /// Per guidance topic: guidance.
    pub topic_docs: Vec<Vec<usize>>,
    /// Card of each visible original in the site's language (none for others: a page in
    /// another language makes its cards in that language, of translations too).
    pub cards: Vec<Value>,
    /// Table row of each visible original community in the site's language (none for others).
    pub rows: Vec<Value>,
    /// Rows per listing page.
    pub page_size: usize,
    /// Status counts of every criterion across the visible communities.
    pub criterion_summaries: Vec<CriterionSummary>,
    /// Every page the search index covers, in document-number order.
    pub searchables: Vec<Searchable>,
    /// Per document: its number in the search index (`usize::MAX` when not indexed).
    pub doc_search: Vec<usize>,
    /// Per research question: its row in a profile that does not answer it.
    pub unanswered_questions: Vec<Value>,
    /// Per indicator: its row in a profile that does not give it.
    pub indicators_not_given: Vec<Value>,
    /// Per document: where the maps show it (visible communities with a location).
    pub located: Vec<Option<crate::render::maps::Located>>,
    /// Per country (as in `countries`): its located communities, for finding neighbours.
    pub nearest: Vec<crate::render::maps::Nearest>,
    /// Per country (as in `countries`): its [`crate::link::Site::country_key`], looked up once.
    country_keys: Vec<String>,
    /// The site's own outlines, from `content/maps/*.geojson`.
    pub site_outlines: crate::geo::outlines::SiteOutlines,
    /// Per document: what places it in the lists.
    keys: Vec<Keys>,
    /// Per document: its place among the visible communities by country then title (the
    /// order of the comparison pages; `usize::MAX` for other documents).
    rank: Vec<usize>,
    /// Per document: its search entry, made the first time the index is asked for.
    pub search: Vec<OnceLock<SearchEntry>>,
}

impl Lookups {
    /// Drop the cards and rows, which only pages show, once every page is rendered (a build
    /// renders each page once; `serve` keeps them for the next version of the site).
    pub fn drop_page_views(&mut self) {
        self.cards = Vec::new();
        self.rows = Vec::new();
    }

    /// Compute the lookups for `env.site`.
    pub fn new(env: &Env<'_>, page_size: usize) -> Lookups {
        let site = env.site;
        let cards = (0..site.docs.len()).into_par_iter().map(|i| Self::card(env, i)).collect();
        let rows = (0..site.docs.len()).into_par_iter().map(|i| Self::row(env, i)).collect();
        let keys = (0..site.docs.len()).into_par_iter().map(|i| Keys::of(site, i)).collect();
        let search = (0..site.docs.len()).map(|_| OnceLock::new()).collect();
        Self::with_cards(env, page_size, PerDoc { cards, rows, keys, search })
    }

    /// The lookups for a new version of the site, whose documents relate to this version's as
    /// `changes` says: the cards, rows and keys of the documents it touched are made again,
    /// and the search entries of the documents it affected (see [`crate::link::Site::affected`]);
    /// the rest are carried over, and the lists made again from them.
    pub fn update(&mut self, env: &Env<'_>, changes: &Changes) {
        let site = env.site;
        let affected = site.affected(&changes.touched);
        let kept = |stale: &[bool]| -> Vec<Option<usize>> {
            changes.old_of_new.iter().zip(stale).map(|(o, &stale)| if stale { None } else { *o }).collect()
        };
        let (untouched, unaffected) = (kept(&changes.touched), kept(&affected));
        let per_doc = PerDoc {
            cards: carry(std::mem::take(&mut self.cards), &untouched, |i| Self::card(env, i)),
            rows: carry(std::mem::take(&mut self.rows), &untouched, |i| Self::row(env, i)),
            keys: carry(std::mem::take(&mut self.keys), &untouched, |i| Keys::of(site, i)),
            search: carry(std::mem::take(&mut self.search), &unaffected, |_| OnceLock::new()),
        };
        *self = Self::with_cards(env, self.page_size, per_doc);
    }

    /// [`Lookups::update`] without making the lists again, when the same documents are there
    /// and the touched ones are profiles that keep their place in every list (their title,
    /// country, tags and visibility: the edit `serve` sees most): only the indicators' lists,
    /// the criteria's counts and the touched profiles' own lookups change, and every page's
    /// path and job stays. False, with nothing changed, when that is not so.
    pub fn update_in_place(&mut self, env: &Env<'_>, changes: &Changes) -> bool {
        let site = env.site;
        let names = |groups: &Groups| groups.iter().map(|(name, _)| name.clone()).collect::<Vec<_>>();
        if !changes.same_documents()
            || self.keys.len() != site.docs.len()
            || names(&self.countries) != site.countries
            || names(&self.tags) != site.tags
            || !self.country_keys.iter().zip(&site.countries).all(|(key, name)| *key == site.country_key(name))
        {
            return false;
        }
        let touched: Vec<usize> = (0..site.docs.len()).filter(|&i| changes.touched[i]).collect();
        let keys: Vec<Keys> = touched.iter().map(|&i| Keys::of(site, i)).collect();
        let in_place = touched.iter().zip(&keys).all(|(&i, new)| {
            let old = &self.keys[i];
            new.placed_as(old) && new.content_type == ContentType::Community
        });
        if !in_place {
            return false;
        }
        let affected = site.affected(&changes.touched);
        for (&i, new) in touched.iter().zip(keys) {
            let listed = new.visible && !new.translation;
            if listed && new.indicators != self.keys[i].indicators {
                // Its entries' places in the indicators' lists, by its rank, which it keeps.
                for &ii in &self.keys[i].indicators {
                    self.indicator_values[ii].retain(|&(d, _)| d != i);
                }
                for (ei, &ii) in new.indicators.iter().enumerate() {
                    let values = &mut self.indicator_values[ii];
                    let at = values.partition_point(|&(d, _)| self.rank[d] < self.rank[i]);
                    values.insert(at, (i, ei));
                }
            }
            self.keys[i] = new;
            self.cards[i] = Self::card(env, i);
            self.rows[i] = Self::row(env, i);
            let before = self.located[i].as_ref().map(|l| l.point);
            self.located[i] = if listed { crate::render::maps::located_all(env, &[i]).swap_remove(i) } else { None };
            // Its country's neighbours index holds its point: made again when the point moved.
            let moved = self.located[i].as_ref().map(|l| l.point) != before;
            if moved && let Some(ci) = self.country_group(i) {
                let located = &self.located;
                let points = self.countries[ci].1.iter().filter_map(|&d| located[d].clone());
                self.nearest[ci] = crate::render::maps::Nearest::new(points);
            }
        }
        for (i, entry) in self.search.iter_mut().enumerate() {
            if affected[i] {
                *entry = OnceLock::new();
            }
        }
        self.criterion_summaries = criterion_summaries(env, &self.by_type[&ContentType::Community]);
        true
    }

    /// Whether the lists of the site's language show document `i`: the cards and rows the
    /// lookups make are of those alone (a third of them in a site translated into two more
    /// languages).
    fn listed(env: &Env<'_>, i: usize) -> bool {
        env.site.visible[i] && !env.site.docs[i].is_translation()
    }

    fn card(env: &Env<'_>, i: usize) -> Value {
        if Self::listed(env, i) { Value::from_serializable(&env.card(i)) } else { Value::none() }
    }

    fn row(env: &Env<'_>, i: usize) -> Value {
        match Self::listed(env, i).then(|| env.community_row(i)).flatten() {
            Some(row) => Value::from_serializable(&row),
            None => Value::none(),
        }
    }

    fn with_cards(env: &Env<'_>, page_size: usize, per_doc: PerDoc) -> Lookups {
        let PerDoc { cards, rows, keys, search } = per_doc;
        let site = env.site;
        let schema = env.schema;
        let mut by_type: BTreeMap<ContentType, Vec<usize>> = BTreeMap::new();
        for t in ContentType::ALL {
            let mut docs: Vec<usize> = site.visible_of(t).collect();
            docs.par_sort_by(|&a, &b| {
                let order = |i: usize| match &site.docs[i].details {
                    Details::Guidance(g) => g.order.unwrap_or(i64::MAX),
                    _ => 0,
                };
                (order(a), &site.docs[a].title, a).cmp(&(order(b), &site.docs[b].title, b))
            });
            by_type.insert(t, docs);
        }
        let mut countries: Vec<(String, Vec<usize>)> = site.countries.iter().map(|c| (c.clone(), Vec::new())).collect();
        let mut tags: Vec<(String, Vec<usize>)> = site.tags.iter().map(|t| (t.clone(), Vec::new())).collect();
        let country_keys: Vec<String> = countries.iter().map(|(c, _)| site.country_key(c)).collect();
        // Hashed, not ordered: looked up for every document whenever `serve` lists the site again.
        let country_index: hashbrown::HashMap<&str, usize> =
            country_keys.iter().enumerate().map(|(i, k)| (k.as_str(), i)).collect();
        let tag_index: hashbrown::HashMap<String, usize> =
            tags.iter().enumerate().map(|(i, (t, _))| (slugify(t), i)).collect();
        let mut approach_docs = vec![(Vec::new(), Vec::new()); schema.approaches.len()];
        let mut sector_docs = vec![(Vec::new(), Vec::new(), Vec::new()); schema.sectors.len()];
        let mut topic_docs = vec![Vec::new(); schema.guidance_topics.len()];

        for t in ContentType::ALL {
            for &i in &by_type[&t] {
                let doc = &site.docs[i];
                for tag in &keys[i].tags {
                    // Documents come one at a time: a repeated tag can only repeat the last entry.
                    if let Some(&ti) = tag_index.get(tag)
                        && tags[ti].1.last() != Some(&i)
                    {
                        tags[ti].1.push(i);
                    }
                }
                match &doc.details {
                    Details::Community(_) => {
                        if let Some(&ci) = keys[i].country.as_deref().and_then(|k| country_index.get(k)) {
                            countries[ci].1.push(i);
                        }
                    }
                    Details::CaseStudy(c) => {
                        if let Some(&ci) = keys[i].country.as_deref().and_then(|k| country_index.get(k)) {
                            countries[ci].1.push(i);
                        }
                        for &a in &c.approaches {
                            approach_docs[a].1.push(i);
                        }
                        for &s in &c.sectors {
                            sector_docs[s].2.push(i);
                        }
                    }
                    Details::Project(p) => {
                        approach_docs[p.approach].0.push(i);
                        for &s in &p.sectors {
                            sector_docs[s].1.push(i);
                        }
                    }
                    Details::Guidance(g) => match g.topic {
                        GuidanceTopic::Sector(s) => sector_docs[s].0.push(i),
                        GuidanceTopic::Topic(tp) => topic_docs[tp].push(i),
                    },
                    Details::Page => {}
                }
            }
        }
        // It borrows the country keys, which the lookups keep.
        drop(country_index);
        // Comparison pages list communities by country, then title: rank every document once,
        // then fill the per-indicator lists in that order.
        let mut ranked: Vec<usize> = by_type[&ContentType::Community].clone();
        let country_key = |i: usize| keys[i].country_slug.as_deref().unwrap_or("");
        ranked.par_sort_by(|&a, &b| {
            (country_key(a), &site.docs[a].title, a).cmp(&(country_key(b), &site.docs[b].title, b))
        });
        let mut rank = vec![usize::MAX; site.docs.len()];
        for (r, &i) in ranked.iter().enumerate() {
            rank[i] = r;
        }
        // Filled in rank order, so sorted as they are made; each sized first, as grown by
        // pushing a list would keep up to twice its room while the pages render (at 100,000
        // profiles the lists hold 2,000,000 pairs).
        let mut counts = vec![0; schema.indicators.len()];
        for &i in &ranked {
            for e in site.docs[i].community().map_or(&[][..], |c| &c.indicators) {
                counts[e.indicator] += 1;
            }
        }
        let mut indicator_values: Vec<Vec<(usize, usize)>> = counts.into_iter().map(Vec::with_capacity).collect();
        for &i in &ranked {
            for (ei, e) in site.docs[i].community().map_or(&[][..], |c| &c.indicators).iter().enumerate() {
                indicator_values[e.indicator].push((i, ei));
            }
        }
        let mut searchables: Vec<Searchable> = Vec::new();
        let mut doc_search = vec![usize::MAX; site.docs.len()];
        for t in ContentType::ALL {
            for &i in &by_type[&t] {
                doc_search[i] = searchables.len();
                searchables.push(Searchable::Doc(i));
            }
        }
        // Translations after every original: a site in one language keeps its numbering.
        for i in site.visible_translations() {
            doc_search[i] = searchables.len();
            searchables.push(Searchable::Doc(i));
        }
        searchables
            .extend((0..schema.indicators.len()).filter(|&ii| site.indicator_visible[ii]).map(Searchable::Indicator));
        searchables.extend((0..schema.approaches.len()).map(Searchable::Approach));
        searchables.extend((0..schema.sectors.len()).map(Searchable::Sector));
        searchables.extend((0..schema.guidance_topics.len()).map(Searchable::Topic));
        // A country's or a tag's page, found by its name: each lists what it gathers.
        searchables.extend((0..countries.len()).filter(|&ci| !countries[ci].1.is_empty()).map(Searchable::Country));
        searchables.extend((0..tags.len()).filter(|&ti| !tags[ti].1.is_empty()).map(Searchable::Tag));
        let criterion_summaries = criterion_summaries(env, &by_type[&ContentType::Community]);
        let located = crate::render::maps::located_all(env, &by_type[&ContentType::Community]);
        let nearest = countries
            .par_iter()
            .map(|(_, docs)| crate::render::maps::Nearest::new(docs.iter().filter_map(|&i| located[i].clone())))
            .collect();
        // Checked (and reported) by validate; a file that cannot be read now is left out.
        let outline_texts: Vec<String> = site
            .assets
            .iter()
            .filter(|a| crate::geo::outlines::is_outline_file(&a.content_path))
            .filter_map(|a| std::fs::read_to_string(&a.path).ok())
            .collect();
        let site_outlines = crate::geo::outlines::SiteOutlines::from_texts(outline_texts.iter().map(String::as_str));
        Lookups {
            located,
            nearest,
            country_keys,
            site_outlines,
            criterion_summaries,
            searchables,
            doc_search,
            unanswered_questions: env.unanswered_questions(),
            indicators_not_given: env.indicators_not_given(),
            by_type,
            countries,
            tags,
            indicator_values,
            approach_docs,
            sector_docs,
            topic_docs,
            cards,
            rows,
            page_size,
            keys,
            rank,
            search,
        }
    }

    /// Every page to render.
    pub fn jobs(&self, env: &Env<'_>) -> Vec<Job> {
        let schema = env.schema;
        let pages = |n: usize| n.div_ceil(self.page_size).max(1);
        let mut jobs = vec![
            Job::Home,
            Job::Countries,
            Job::Tags,
            Job::Indicators,
            Job::Research,
            Job::Approaches,
            Job::NotFound,
            Job::Search,
            Job::Data,
        ];
        for docs in self.by_type.values() {
            jobs.extend(docs.iter().map(|&i| Job::Doc(i)));
        }
        // Each translation's own page, under its language's folder; it is in no listing.
        jobs.extend(env.site.visible_translations().map(Job::Doc));
        for t in [ContentType::Community, ContentType::CaseStudy, ContentType::Project, ContentType::Guidance] {
            let n = if t == ContentType::Guidance { 1 } else { pages(self.by_type[&t].len()) };
            jobs.extend((1..=n).map(|p| Job::Listing(t, p)));
        }
        for (ci, (_, docs)) in self.countries.iter().enumerate() {
            jobs.extend((1..=pages(docs.len())).map(|p| Job::Country(ci, p)));
        }
        for (ti, (_, docs)) in self.tags.iter().enumerate() {
            jobs.extend((1..=pages(docs.len())).map(|p| Job::Tag(ti, p)));
        }
        for (ii, values) in self.indicator_values.iter().enumerate() {
            if env.site.indicator_visible[ii] {
                jobs.extend((1..=pages(values.len())).map(|p| Job::Indicator(ii, p)));
            }
        }
        jobs.extend((1..=pages(self.by_type[&ContentType::Community].len())).map(Job::Criteria));
        jobs.extend((1..=pages(self.by_type[&ContentType::Community].len())).map(Job::Coverage));
        jobs.extend((0..schema.approaches.len()).map(Job::Approach));
        jobs.extend((0..schema.sectors.len()).map(Job::Sector));
        jobs.extend((0..schema.guidance_topics.len()).map(Job::Topic));
        jobs
    }

    fn values(&self, source: &[Value], docs: &[usize]) -> Value {
        Value::from(docs.iter().map(|&i| source[i].clone()).collect::<Vec<Value>>())
    }

    /// Cards of `docs`.
    pub fn cards_of(&self, docs: &[usize]) -> Value {
        self.values(&self.cards, docs)
    }

    /// Where document `i`'s country is in `countries` (and `nearest`), found by its key.
    pub fn country_group(&self, i: usize) -> Option<usize> {
        let key = self.keys[i].country.as_ref()?;
        self.country_keys.iter().position(|k| k == key)
    }

    /// Community rows of `docs`.
    pub fn rows_of(&self, docs: &[usize]) -> Value {
        self.values(&self.rows, docs)
    }
}

/// What the lookups keep of each document, by document index.
struct PerDoc {
    cards: Vec<Value>,
    rows: Vec<Value>,
    keys: Vec<Keys>,
    search: Vec<OnceLock<SearchEntry>>,
}

/// Per document of a new version: the previous version's item at `kept[i]` (moved out of
/// `old`), or a new one made with `make` where there is none to keep.
fn carry<T: Send>(old: Vec<T>, kept: &[Option<usize>], make: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let mut old: Vec<Option<T>> = old.into_iter().map(Some).collect();
    let mut new: Vec<Option<T>> = kept.iter().map(|k| k.and_then(|o| old[o].take())).collect();
    new.par_iter_mut().enumerate().filter(|(_, item)| item.is_none()).for_each(|(i, item)| *item = Some(make(i)));
    new.into_iter().flatten().collect()
}
