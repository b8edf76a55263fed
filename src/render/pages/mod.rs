//! Every page of the site as a [`Job`], and the template context of each.
//!
//! Lookups that many pages share (which documents are in which country, which projects take
//! which approach, cards and table rows) are computed once in [`Lookups`]; each job then builds
//! only its own context, so pages can render in any order and in parallel, and a listing never
//! walks the whole site.
//!
//! Each page family's context is made in its own file: `site.rs` (home, search, data, 404),
//! `listing.rs` (listings, countries, tags), `reference.rs` (indicators, the criteria matrix,
//! approaches, sectors and topics), `content.rs` (content pages) and `indicator.rs` (indicator
//! comparisons, research, the coverage heatmap). Their view structs are in `views/pages.rs`.

mod content;
mod countries;
mod indicator;
mod listing;
mod lookups;
mod maps;
mod reference;
mod site;

use serde::Serialize;
use tera::{Context, Value};

use super::views::{Card, Env, Link};
use crate::link::routes;
use crate::model::{ContentType, CriterionStatus, Details};
use crate::schema::Polarity;

pub use lookups::{Groups, Lookups, SearchEntry};

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
    /// The language it is in, by index in the voices: 0 for the site's language (and for a
    /// content page, which speaks its own), `k` for a page of the site's own in the folder of
    /// another of the site's languages ([`crate::link::routes::in_language`]).
    pub voice: usize,
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
    /// A country's page (index in the lookups' countries).
    Country(usize),
    /// A tag's page (index in the lookups' tags).
    Tag(usize),
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
    /// The folder of the site's own pages in its language, relative to the site's root: empty
    /// in the site's language, `fr/` on a page in French when the site has its own pages in
    /// French (see [`crate::link::routes::in_language`]).
    pub sections: String,
    /// The page in every language it is published in, this one included, the site's default
    /// language first (empty for a page in one language only).
    pub alternates: Vec<Alternate>,
}

/// A page in one of the languages it is published in: for `<link rel="alternate" hreflang>`
/// and the language switcher.
#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    /// The language code.
    pub lang: String,
    /// The language's name in itself (`Français`), from the interface strings
    /// (`language_name_fr`), else its code.
    pub name: String,
    /// Site path of the page in that language.
    pub path: String,
    /// Writing direction of that language.
    pub dir: &'static str,
    /// True for the page being shown.
    pub current: bool,
}

impl Frame<'_> {
    /// The context with the frame's keys set.
    pub fn context(&self) -> Context {
        let mut ctx = Context::new();
        ctx.insert("path", &self.path);
        let root = routes::root_of(&self.path);
        ctx.insert("lang_root", &format!("{root}{}", self.sections));
        ctx.insert("root", &root);
        ctx.insert("title", &self.title);
        ctx.insert("crumbs", &self.crumbs);
        ctx.insert("section", self.section);
        ctx.insert("lang", &self.lang);
        ctx.insert("dir", if crate::config::is_rtl(&self.lang) { "rtl" } else { "ltr" });
        ctx.insert("alternates", &self.alternates);
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
