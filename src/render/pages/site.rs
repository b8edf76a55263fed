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
        let in_another_language = matches!(page.job, Job::HomeIn(_));
        let title = self.source.config.title_in(self.language).to_string();
        let mut frame = self.frame(page.path.clone(), title, vec![], "home");
        frame.alternates = self.language_versions(page, |job| matches!(job, Job::Home | Job::HomeIn(_)));
        let mut ctx = frame.context();
        let communities = &lk.by_type[&ContentType::Community];
        let mut latest = communities.clone();
        latest.sort_by_key(|&i| std::cmp::Reverse((site.docs[i].community().map(|c| c.assessed), i)));
        latest.truncate(5);
        if in_another_language {
            // Made in this language, each profile in its translation into it when it has one:
            // the lookups hold them in the site's.
            let rows: Vec<Value> = latest
                .iter()
                .filter_map(|&i| env.community_row(self.in_own_language(i)))
                .map(|r| Value::from_serializable(&r))
                .collect();
            ctx.insert_value("latest", Value::from(rows));
            ctx.insert("criteria", &super::criterion_summaries(env, communities));
        } else {
            ctx.insert_value("latest", lk.rows_of(&latest));
            ctx.insert("criteria", &lk.criterion_summaries);
        }
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
        .map(|(key, path, count)| SectionCount { key, label: env.t(key), path: path.into(), count })
        .collect();
        ctx.insert("counts", &counts);
        ctx.insert_value("pages", lk.cards_of(&lk.by_type[&ContentType::Page]));
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
        let mut frame = self.frame(page.path.clone(), env.t("search"), vec![home], "search");
        frame.alternates = self.language_versions(page, |job| matches!(job, Job::Search | Job::SearchIn(_)));
        let mut ctx = frame.context();
        let mut labels: std::collections::BTreeMap<&str, serde_json::Value> = [
            ("community", "communities"),
            ("case-study", "case_studies"),
            ("project", "projects"),
            ("guidance", "guidance"),
            ("page", "pages_in_site"),
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
        self.input.site.version_in(i, self.language)
    }

    /// The page of the site itself that `page` is (`is_kind` tells the jobs of its kind: the
    /// home pages, the search pages), in each language the site publishes it in, in the order
    /// of the site's `languages`, for the language switcher; empty when it is in one.
    fn language_versions(&self, page: &Page, is_kind: fn(Job) -> bool) -> Vec<super::Alternate> {
        let versions: Vec<&Page> = self.pages.iter().filter(|p| is_kind(p.job)).collect();
        if versions.len() < 2 {
            return Vec::new();
        }
        let config = self.source.config;
        let languages = config.languages();
        let mut alternates: Vec<super::Alternate> = versions
            .into_iter()
            .map(|p| {
                let lang = match p.job {
                    Job::HomeIn(k) | Job::SearchIn(k) => self.voices[k].language.clone(),
                    _ => config.language.clone(),
                };
                self.alternate(lang, p.path.clone(), p.path == page.path)
            })
            .collect();
        alternates.sort_by_key(|a| languages.iter().position(|l| *l == a.lang));
        alternates
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
