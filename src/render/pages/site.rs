//! The pages of the site itself: home, search, data exports and the 404 page.

use super::{Job, Page};
use crate::error::Result;
use crate::link::routes;
use crate::model::ContentType;
use crate::render::Renderer;
use crate::render::views::SectionCount;

impl Renderer<'_> {
    /// The home page: the latest profiles, the criteria summary, counts of each section.
    pub(in crate::render) fn home_page(&self, page: &Page) -> Result<Vec<u8>> {
        let env = &self.env;
        let lk = self.lookups;
        let site = self.input.site;
        let frame = self.frame(page.path.clone(), self.input.config.title.clone(), vec![], "home");
        let mut ctx = frame.context();
        let communities = &lk.by_type[&ContentType::Community];
        let mut latest = communities.clone();
        latest.sort_by_key(|&i| std::cmp::Reverse((site.docs[i].community().map(|c| c.assessed), i)));
        latest.truncate(5);
        ctx.insert_value("latest", lk.rows_of(&latest));
        ctx.insert("criteria", &lk.criterion_summaries);
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
        if let Job::SearchIn(k) = page.job {
            frame.lang = self.voices[k].language.clone();
        }
        // The search page in each language it is published in, for the switcher.
        let searches: Vec<&Page> =
            self.pages.iter().filter(|p| matches!(p.job, Job::Search | Job::SearchIn(_))).collect();
        if searches.len() > 1 {
            let languages = self.source.config.languages();
            let mut alternates: Vec<_> = searches
                .into_iter()
                .map(|p| {
                    let lang = match p.job {
                        Job::SearchIn(k) => self.voices[k].language.clone(),
                        _ => self.source.config.language.clone(),
                    };
                    self.alternate(lang, p.path.clone(), p.path == page.path)
                })
                .collect();
            // In the order of the site's `languages`, as a translated page's are.
            alternates.sort_by_key(|a| languages.iter().position(|l| *l == a.lang));
            frame.alternates = alternates;
        }
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
