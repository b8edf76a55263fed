//! The pages of the site itself: home, search, data exports and the 404 page.

use super::{Job, Page};
use crate::error::Result;
use crate::link::routes;
use crate::model::ContentType;
use crate::render::Renderer;
use crate::render::views::SectionCount;
use tera::Value;

impl Renderer<'_> {
    /// The home page: the latest profiles, the criteria summary, counts of each section.
    pub(in crate::render) fn home_page(&self, page: &Page) -> Result<Vec<u8>> {
        let env = &self.env;
        let lk = self.lookups;
        let site = self.input.site;
        let title = self.source.config.title_in(self.language).to_string();
        let frame = self.frame(page.path.clone(), title, vec![], "home");
        let mut ctx = frame.context();
        let communities = &lk.by_type[&ContentType::Community];
        let mut latest = communities.clone();
        latest.sort_by_key(|&i| std::cmp::Reverse((site.docs[i].community().map(|c| c.assessed), i)));
        latest.truncate(5);
        ctx.insert_value("latest", self.rows_of(&latest));
        self.insert_criterion_summaries(&mut ctx);
        let map = self.home_map(&routes::root_of(&frame.path));
        ctx.insert_value("map_html", tera::Value::safe_string(&map));
        let counts: Vec<SectionCount> = [
            ("communities", "communities/index.html", communities.len()),
            ("countries", routes::COUNTRIES, lk.countries.len()),
            ("projects", "projects/index.html", lk.by_type[&ContentType::Project].len()),
            ("case_studies", "case-studies/index.html", lk.by_type[&ContentType::CaseStudy].len()),
            ("guidance", "guidance/index.html", lk.by_type[&ContentType::Guidance].len()),
        ]
        .into_iter()
        .map(|(key, path, count)| SectionCount { key, label: env.t(key), path: env.section(path), count })
        .collect();
        ctx.insert("counts", &counts);
        ctx.insert_value("pages", self.cards_of(&lk.by_type[&ContentType::Page]));
        self.render(page.template, &ctx)
    }

    /// The 404 page.
    pub(in crate::render) fn not_found_page(&self, page: &Page) -> Result<Vec<u8>> {
        let env = &self.env;
        let frame = self.frame(page.path.clone(), env.t("not_found_title"), vec![], "");
        self.render(page.template, &frame.context())
    }

    /// The search page, with the labels its script shows.
    pub(in crate::render) fn search_page(&self, page: &Page) -> Result<Vec<u8>> {
        let env = &self.env;
        let home = self.crumb("home", routes::HOME);
        let frame = self.frame(page.path.clone(), env.t("search"), vec![home], "search");
        let mut ctx = frame.context();
        let mut labels: std::collections::BTreeMap<&str, serde_json::Value> = [
            ("community", "communities"),
            ("case-study", "case_studies"),
            ("project", "projects"),
            ("guidance", "guidance"),
            ("page", "pages_in_site"),
            ("country", "countries"),
            ("tag", "tags"),
            ("reference", "handbook"),
            ("result", "result"),
            ("results", "results"),
            ("capped", "results_capped"),
            ("more", "show_more"),
            ("none", "no_results"),
        ]
        .into_iter()
        .map(|(k, key)| (k, env.t(key).into()))
        .collect();
        // Counted phrases, a message per plural category: the script picks one with the
        // browser's plural rules for the page's language (Intl.PluralRules).
        for (k, key) in [("result_forms", "results_count"), ("capped_forms", "results_capped_count")] {
            if let Some(forms) = env.locale.counted().get(key) {
                labels.insert(k, serde_json::json!(forms));
            }
        }
        ctx.insert("labels", &serde_json::to_string(&labels).unwrap_or_default());
        self.render(page.template, &ctx)
    }

    /// Document `i` as a page in this renderer's language shows it: its translation into that
    /// language when it has a visible one, else itself.
    pub(in crate::render) fn in_own_language(&self, i: usize) -> usize {
        // The site's own language asks the site: nearly no document has a translation into it,
        // and a page `serve` makes then needs no memo of every document.
        if self.speaks_site_language() { self.input.site.version_in(i, self.language) } else { self.memo().version(i) }
    }

    /// The version of `target` a page of document `from` leads to ([`crate::link::Site::version_for`]),
    /// from this pass's memo when `from` is in this renderer's language.
    pub(in crate::render) fn version_for(&self, from: usize, target: usize) -> usize {
        let site = self.input.site;
        match site.docs[from].translation.as_ref() {
            Some(translation) if translation.language == self.language => self.in_own_language(target),
            _ => site.version_for(from, target),
        }
    }

    /// The site's own page at `path` (not a content page), in each language the site publishes
    /// it in, in the order of the site's `languages`, for the language switcher: the same page
    /// in the site's language and in the folder of each of its other languages that has the
    /// site's own pages. Empty when it is in one language.
    pub(in crate::render) fn own_page_versions(&self, path: &str) -> Vec<super::Alternate> {
        let Some(&n) = self.by_path.get(path) else { return Vec::new() };
        let page = &self.pages[n];
        if matches!(page.job, Job::Doc(_) | Job::NotFound) {
            return Vec::new();
        }
        let config = self.source.config;
        let base = self.job_path(page.job);
        let mut alternates: Vec<super::Alternate> = std::iter::once((config.language.clone(), base.clone()))
            .chain(
                self.voices
                    .iter()
                    .filter(|v| v.has_sections())
                    .map(|v| (v.language.clone(), routes::in_language(&v.language, &base))),
            )
            .filter(|(_, p)| self.by_path.contains_key(p))
            .map(|(lang, p)| {
                let current = p == path;
                self.alternate(lang, p, current)
            })
            .collect();
        if alternates.len() < 2 {
            return Vec::new();
        }
        let languages = config.languages();
        alternates.sort_by_key(|a| languages.iter().position(|l| *l == a.lang));
        alternates
    }

    /// `criteria` in `ctx`: the status counts of every criterion across the visible
    /// communities, in this renderer's language (the lookups' in the site's, made now in
    /// another).
    pub(in crate::render) fn insert_criterion_summaries(&self, ctx: &mut tera::Context) {
        if self.speaks_site_language() {
            ctx.insert("criteria", &self.lookups.criterion_summaries);
        } else {
            let summaries = self.memo().criteria(|| {
                let communities = &self.lookups.by_type[&ContentType::Community];
                Value::from_serializable(&super::criterion_summaries(&self.env, communities))
            });
            ctx.insert_value("criteria", summaries);
        }
    }

    /// Cards of `docs` in this renderer's language: the lookups' in the site's; in another,
    /// made now, each of the document's translation into it when there is one (its title,
    /// summary and address), else of the document as written, marked with its language.
    pub(in crate::render) fn cards_of(&self, docs: &[usize]) -> Value {
        if self.speaks_site_language() {
            return self.lookups.cards_of(docs);
        }
        Value::from(docs.iter().map(|&d| self.card_in_language(self.in_own_language(d))).collect::<Vec<_>>())
    }

    /// The card of document `shown` on a page in this renderer's language, marked with the
    /// document's language when it is another: made once a pass, then recalled.
    pub(in crate::render) fn card_in_language(&self, shown: usize) -> Value {
        self.memo().card(shown, || self.make_card_in_language(shown))
    }

    fn make_card_in_language(&self, shown: usize) -> Value {
        let site = self.input.site;
        if !site.visible[shown] {
            return Value::none();
        }
        let mut card = self.env.card(shown);
        let language = site.docs[shown].language.as_deref().unwrap_or(&self.source.config.language);
        if language != self.language {
            card.lang = Some(language.to_string());
        }
        Value::from_serializable(&card)
    }

    /// Community rows of `docs` in this renderer's language: the lookups' in the site's; in
    /// another, made now, each of the profile's translation into it when there is one.
    pub(in crate::render) fn rows_of(&self, docs: &[usize]) -> Value {
        if self.speaks_site_language() {
            return self.lookups.rows_of(docs);
        }
        let rows: Vec<Value> = docs
            .iter()
            .filter_map(|&i| {
                let shown = self.in_own_language(i);
                self.memo().row(shown, || self.env.community_row(shown).map(|r| Value::from_serializable(&r)))
            })
            .collect();
        Value::from(rows)
    }

    /// The data exports page.
    pub(in crate::render) fn data_page(&self, page: &Page) -> Result<Vec<u8>> {
        let env = &self.env;
        let lk = self.lookups;
        let home = self.crumb("home", routes::HOME);
        let frame = self.frame(page.path.clone(), env.t("data"), vec![home], "data");
        let mut ctx = frame.context();
        ctx.insert("community_count", &lk.by_type[&ContentType::Community].len());
        ctx.insert("base_url", &self.input.config.base_url);
        self.render(page.template, &ctx)
    }
}
