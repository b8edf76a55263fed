//! Every page of the site as a [`Job`], and the template context of each.
//!
//! Lookups that many pages share (which documents are in which country, which projects take
//! which approach, cards and table rows) are computed once in [`Lookups`]; each job then builds
//! only its own context, so pages can render in any order and in parallel, and a listing never
//! walks the whole site.

use std::collections::BTreeMap;

mod content;
mod indicator;
mod listing;
mod reference;
mod site;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use super::views::{Card, Env, Link};
use crate::link::routes;
use crate::model::{ContentType, CriterionStatus, Details, GuidanceTopic};
use crate::schema::Polarity;
use crate::text::slugify;

/// One page to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Job {
    /// The home page.
    Home,
    /// A content page (by document index).
    Doc(usize),
    /// Page `n` (from 1) of a content type's listing.
    Listing(ContentType, usize),
    /// The list of countries.
    Countries,
    /// Page `n` of a country's listing (by index in [`Lookups::countries`]).
    Country(usize, usize),
    /// The list of tags.
    Tags,
    /// Page `n` of a tag's listing.
    Tag(usize, usize),
    /// The list of indicators.
    Indicators,
    /// Page `n` of an indicator's comparison (by schema index).
    Indicator(usize, usize),
    /// Page `n` of the criteria matrix.
    Criteria(usize),
    /// Research questions and coverage.
    Research,
    /// The list of approaches.
    Approaches,
    /// An approach (by schema index).
    Approach(usize),
    /// A sector (by schema index).
    Sector(usize),
    /// A guidance topic (by schema index).
    Topic(usize),
    /// The 404 page.
    NotFound,
    /// The search page.
    Search,
    /// The data exports page.
    Data,
    /// Page `n` of the coverage heatmap.
    Coverage(usize),
}

/// A page in the page table: what makes it, where it is written and through which template.
/// The table is made once per version of the site ([`super::Prepared`]); a build writes each
/// page to its `path`, and `serve` finds pages by it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// What the page shows.
    pub job: Job,
    /// Its site path, with `/` (`communities/tanger-nord.html`).
    pub path: String,
    /// The theme template it is rendered through.
    pub template: &'static str,
}

/// A page the search index covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Searchable {
    /// A content page.
    Doc(usize),
    /// An indicator's comparison page.
    Indicator(usize),
    /// An approach's page.
    Approach(usize),
    /// A sector's page.
    Sector(usize),
    /// A guidance topic's page.
    Topic(usize),
}

/// Names (a country, a tag) with the visible documents under each.
pub type Groups = Vec<(String, Vec<usize>)>;

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
    /// Card of each document (none for invisible ones).
    pub cards: Vec<Value>,
    /// Table row of each visible community (none for others).
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
}

impl Lookups {
    /// Compute the lookups for `env.site`.
    pub fn new(env: &Env<'_>, page_size: usize) -> Lookups {
        let site = env.site;
        let cards = (0..site.docs.len()).into_par_iter().map(|i| Self::card(env, i)).collect();
        let rows = (0..site.docs.len()).into_par_iter().map(|i| Self::row(env, i)).collect();
        Self::with_cards(env, page_size, cards, rows)
    }

    /// The lookups after documents `changed` were replaced in `env.site` (same ids, same
    /// visibility): only their cards and rows are made again; the lists are recomputed.
    pub fn refresh(&mut self, env: &Env<'_>, changed: &[usize]) {
        let mut cards = std::mem::take(&mut self.cards);
        let mut rows = std::mem::take(&mut self.rows);
        for &i in changed {
            cards[i] = Self::card(env, i);
            rows[i] = Self::row(env, i);
        }
        *self = Self::with_cards(env, self.page_size, cards, rows);
    }

    fn card(env: &Env<'_>, i: usize) -> Value {
        if env.site.visible[i] { Value::from_serializable(&env.card(i)) } else { Value::none() }
    }

    fn row(env: &Env<'_>, i: usize) -> Value {
        match env.site.visible[i].then(|| env.community_row(i)).flatten() {
            Some(row) => Value::from_serializable(&row),
            None => Value::none(),
        }
    }

    fn with_cards(env: &Env<'_>, page_size: usize, cards: Vec<Value>, rows: Vec<Value>) -> Lookups {
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
        let country_index: BTreeMap<String, usize> =
            countries.iter().enumerate().map(|(i, (c, _))| (slugify(c), i)).collect();
        let tag_index: BTreeMap<String, usize> = tags.iter().enumerate().map(|(i, (t, _))| (slugify(t), i)).collect();
        let mut indicator_values = vec![Vec::new(); schema.indicators.len()];
        let mut approach_docs = vec![(Vec::new(), Vec::new()); schema.approaches.len()];
        let mut sector_docs = vec![(Vec::new(), Vec::new(), Vec::new()); schema.sectors.len()];
        let mut topic_docs = vec![Vec::new(); schema.guidance_topics.len()];

        for t in ContentType::ALL {
            for &i in &by_type[&t] {
                let doc = &site.docs[i];
                for tag in &doc.tags {
                    // Documents come one at a time: a repeated tag can only repeat the last entry.
                    if let Some(&ti) = tag_index.get(&slugify(tag))
                        && tags[ti].1.last() != Some(&i)
                    {
                        tags[ti].1.push(i);
                    }
                }
                match &doc.details {
                    Details::Community(c) => {
                        if let Some(&ci) = country_index.get(&slugify(&c.country)) {
                            countries[ci].1.push(i);
                        }
                        for (ei, e) in c.indicators.iter().enumerate() {
                            indicator_values[e.indicator].push((i, ei));
                        }
                    }
                    Details::CaseStudy(c) => {
                        if let Some(&ci) = c.country.as_deref().and_then(|c| country_index.get(&slugify(c))) {
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
        // Comparison pages list communities by country, then title: rank every document once,
        // then sort the per-indicator lists by rank (integers, not strings).
        let mut ranked: Vec<usize> = by_type[&ContentType::Community].clone();
        let country_key: Vec<String> = (0..site.docs.len())
            .map(|i| site.docs[i].community().map(|c| slugify(&c.country)).unwrap_or_default())
            .collect();
        ranked.par_sort_by(|&a, &b| {
            (&country_key[a], &site.docs[a].title, a).cmp(&(&country_key[b], &site.docs[b].title, b))
        });
        let mut rank = vec![usize::MAX; site.docs.len()];
        for (r, &i) in ranked.iter().enumerate() {
            rank[i] = r;
        }
        indicator_values.par_iter_mut().for_each(|values| values.sort_by_key(|&(i, _)| rank[i]));
        let mut searchables: Vec<Searchable> = Vec::new();
        let mut doc_search = vec![usize::MAX; site.docs.len()];
        for t in ContentType::ALL {
            for &i in &by_type[&t] {
                doc_search[i] = searchables.len();
                searchables.push(Searchable::Doc(i));
            }
        }
        searchables
            .extend((0..schema.indicators.len()).filter(|&ii| site.indicator_visible[ii]).map(Searchable::Indicator));
        searchables.extend((0..schema.approaches.len()).map(Searchable::Approach));
        searchables.extend((0..schema.sectors.len()).map(Searchable::Sector));
        searchables.extend((0..schema.guidance_topics.len()).map(Searchable::Topic));
        let criterion_summaries = criterion_summaries(env, &by_type[&ContentType::Community]);
        Lookups {
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

    /// Community rows of `docs`.
    pub fn rows_of(&self, docs: &[usize]) -> Value {
        self.values(&self.rows, docs)
    }
}

/// Links between the pages of a paginated list.
#[derive(Debug, Serialize)]
pub struct Pagination {
    /// This page, from 1.
    pub current: usize,
    /// How many pages.
    pub total: usize,
    /// The pages linked: the first, the last, and those near this one (see [`PAGE_WINDOW`]).
    pub pages: Vec<PageLink>,
    /// The previous page's path.
    pub prev: Option<String>,
    /// The next page's path.
    pub next: Option<String>,
}

/// A numbered page.
#[derive(Debug, Serialize)]
pub struct PageLink {
    /// From 1.
    pub n: usize,
    /// Site path.
    pub path: String,
    /// True for the page being shown.
    pub current: bool,
    /// True when pages between the previous link and this one are left out.
    pub gap_before: bool,
}

/// How many pages on each side of the current one are linked. Linking every page would make
/// each page of a long list as long as the list of its pages: 1,000 pages of a comparison
/// would each carry 1,000 links, and the site would grow with the square of its size.
pub const PAGE_WINDOW: usize = 2;

/// The slice of `items` on page `n`, and the pagination for a list whose first page is `first`.
pub fn paginate<'a, T>(items: &'a [T], n: usize, page_size: usize, first: &str) -> (&'a [T], Pagination) {
    let total = items.len().div_ceil(page_size).max(1);
    let n = n.clamp(1, total);
    let start = (n - 1) * page_size;
    let slice = &items[start.min(items.len())..(start + page_size).min(items.len())];
    let path = |p: usize| routes::paginated(first, p);
    let near = n.saturating_sub(PAGE_WINDOW).max(1)..=(n + PAGE_WINDOW).min(total);
    let mut pages = Vec::with_capacity(2 * PAGE_WINDOW + 3);
    let mut previous = 0;
    // In order, so a page already linked (the first or last inside the window) is skipped.
    for p in std::iter::once(1).chain(near).chain(std::iter::once(total)) {
        if p > previous {
            pages.push(PageLink { n: p, path: path(p), current: p == n, gap_before: p > previous + 1 });
            previous = p;
        }
    }
    let pagination = Pagination {
        current: n,
        total,
        pages,
        prev: (n > 1).then(|| path(n - 1)),
        next: (n < total).then(|| path(n + 1)),
    };
    (slice, pagination)
}

/// The pieces of context every page has.
pub struct Frame<'a> {
    /// Site path of the page.
    pub path: String,
    /// Its title.
    pub title: String,
    /// The trail from home.
    pub crumbs: Vec<Link>,
    /// The menu entry it belongs to.
    pub section: &'a str,
    /// Its language.
    pub lang: String,
}

impl Frame<'_> {
    /// The context with the frame's keys set.
    pub fn context(&self) -> Context {
        let mut ctx = Context::new();
        ctx.insert("path", &self.path);
        ctx.insert("root", &routes::root_of(&self.path));
        ctx.insert("title", &self.title);
        ctx.insert("crumbs", &self.crumbs);
        ctx.insert("section", self.section);
        ctx.insert("lang", &self.lang);
        ctx.insert("dir", if crate::config::is_rtl(&self.lang) { "rtl" } else { "ltr" });
        ctx
    }
}

/// Counts of each criterion status across `communities`, per criterion.
#[derive(Debug, Serialize)]
pub struct CriterionSummary {
    /// Criterion id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Description.
    pub description: String,
    /// Count per status, in status order.
    pub counts: Vec<StatusCount>,
    /// How many are met.
    pub met: usize,
    /// How many communities in all.
    pub total: usize,
}

/// How many communities have a status.
#[derive(Debug, Serialize)]
pub struct StatusCount {
    /// Status id.
    pub status: &'static str,
    /// Status label.
    pub label: String,
    /// How many.
    pub count: usize,
}

/// The status counts of every criterion across the visible communities, in one pass.
pub fn criterion_summaries(env: &Env<'_>, communities: &[usize]) -> Vec<CriterionSummary> {
    let statuses = CriterionStatus::ALL;
    let mut counts = vec![[0usize; 4]; env.schema.criteria.len()];
    for &i in communities {
        if let Some(c) = env.site.docs[i].community() {
            for e in &c.criteria {
                if let Some(s) = statuses.iter().position(|&s| s == e.status) {
                    counts[e.criterion][s] += 1;
                }
            }
        }
    }
    env.schema
        .criteria
        .iter()
        .enumerate()
        .map(|(ci, term)| CriterionSummary {
            id: term.id.clone(),
            label: term.label.clone(),
            description: term.description.clone(),
            met: counts[ci][0],
            counts: statuses
                .iter()
                .enumerate()
                .map(|(s, &status)| StatusCount {
                    status: status.id(),
                    label: env.status_label(status).to_string(),
                    count: counts[ci][s],
                })
                .collect(),
            total: communities.len(),
        })
        .collect()
}

/// The screening of a project, split into benefits and drawbacks.
#[derive(Debug, Serialize)]
pub struct Screening {
    /// Positive criteria that apply.
    pub positive: Vec<ScreeningRow>,
    /// Negative criteria that apply.
    pub negative: Vec<ScreeningRow>,
}

/// A Table 3.2 criterion that applies.
#[derive(Debug, Serialize)]
pub struct ScreeningRow {
    /// Id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Description.
    pub description: String,
    /// The project's note on it.
    pub note: Option<String>,
}

/// The screening of project `i`.
pub fn screening(env: &Env<'_>, i: usize) -> Option<Screening> {
    let Details::Project(p) = &env.site.docs[i].details else { return None };
    let row = |s: &crate::model::ScreeningEntry| {
        let c = &env.schema.project_criteria[s.criterion];
        ScreeningRow {
            id: c.term.id.clone(),
            label: c.term.label.clone(),
            description: c.term.description.clone(),
            note: s.note.clone(),
        }
    };
    let of = |polarity: Polarity| {
        p.screening.iter().filter(|s| env.schema.project_criteria[s.criterion].polarity == polarity).map(row).collect()
    };
    Some(Screening { positive: of(Polarity::Positive), negative: of(Polarity::Negative) })
}

/// A card list as a template value, for lists built on the fly.
pub fn card_values(cards: &[Card]) -> Value {
    Value::from_serializable(cards)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(n: usize, total_items: usize) -> Vec<(usize, bool, bool)> {
        let items: Vec<usize> = (0..total_items).collect();
        let (_, pagination) = paginate(&items, n, 10, "communities/index.html");
        pagination.pages.iter().map(|p| (p.n, p.current, p.gap_before)).collect()
    }

    #[test]
    fn short_lists_link_every_page() {
        assert_eq!(shown(2, 40), [(1, false, false), (2, true, false), (3, false, false), (4, false, false)]);
        assert_eq!(shown(1, 5), [(1, true, false)]);
    }

    #[test]
    fn long_lists_link_the_ends_and_the_neighbours_with_gaps_between() {
        let middle = shown(50, 1000);
        assert_eq!(
            middle,
            [
                (1, false, false),
                (48, false, true),
                (49, false, false),
                (50, true, false),
                (51, false, false),
                (52, false, false),
                (100, false, true)
            ]
        );
        assert_eq!(shown(1, 1000), [(1, true, false), (2, false, false), (3, false, false), (100, false, true)]);
        assert_eq!(shown(100, 1000), [(1, false, false), (98, false, true), (99, false, false), (100, true, false)]);
        // No gap where only the ends meet the window.
        assert_eq!(shown(4, 1000)[..4], [(1, false, false), (2, false, false), (3, false, false), (4, true, false)]);
    }

    #[test]
    fn every_page_of_a_list_carries_the_same_few_links_whatever_its_length() {
        for total in [1_000, 100_000] {
            let items: Vec<usize> = (0..total).collect();
            let pages = total / 10;
            let most = (1..=pages).map(|n| paginate(&items, n, 10, "x/index.html").1.pages.len()).max().unwrap();
            assert!(most <= 2 * PAGE_WINDOW + 3, "{most} links on a page of {pages}");
        }
    }

    #[test]
    fn paths_and_neighbours_follow_the_page_routes() {
        let items: Vec<usize> = (0..1000).collect();
        let (slice, pagination) = paginate(&items, 50, 10, "communities/index.html");
        assert_eq!(slice, &items[490..500]);
        assert_eq!(pagination.prev.as_deref(), Some(routes::paginated("communities/index.html", 49).as_str()));
        assert_eq!(pagination.next.as_deref(), Some(routes::paginated("communities/index.html", 51).as_str()));
        assert_eq!(pagination.pages[0].path, "communities/index.html");
    }
}
