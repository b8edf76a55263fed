//! Content pages (profiles, case studies, projects, guidance, pages).

use tera::Value;

use super::{Page, screening};
use crate::error::Result;
use crate::link::routes;
use crate::model::{ContentType, Details};
use crate::render::views;
use crate::render::views::{DocView, TocEntry};
use crate::render::{Renderer, charts, export, markdown, tables};

impl Renderer<'_> {
    pub(in crate::render) fn doc_page(&self, i: usize, page: &Page) -> Result<Vec<u8>> {
        let env = &self.env;
        let site = self.input.site;
        let doc = &site.docs[i];
        let path = page.path.clone();
        let (section, listing) = match doc.content_type {
            ContentType::Community => ("communities", "communities/index.html"),
            ContentType::CaseStudy => ("case_studies", "case-studies/index.html"),
            ContentType::Project => ("projects", "projects/index.html"),
            ContentType::Guidance => ("guidance", "guidance/index.html"),
            ContentType::Page => ("", ""),
        };
        let mut crumbs = vec![self.crumb("home", routes::HOME)];
        if !listing.is_empty() {
            crumbs.push(self.crumb(section, listing));
        }
        let mut frame = self.frame(path.clone(), doc.title.clone(), crumbs, section);
        // The page's language (part of the frame, so that the interface can follow it).
        if let Some(lang) = &doc.language {
            frame.lang = lang.clone();
        }
        frame.alternates = self.alternates(i);
        let rtl = crate::config::is_rtl(&frame.lang);
        let mut ctx = frame.context();
        let body = markdown::body_html(env, i, &path, self.input.config.markdown.trusted_html)?;
        let facts = env.facts(i);
        let root = routes::root_of(&path);
        let (template_number, _) = crate::render::doc_template(doc.content_type);
        let template = page.template;
        let (facts_as_values, facts_drawn) = self.needs.facts[template_number];
        if facts_drawn {
            let html = tables::facts_list(&facts, &root, env.locale);
            ctx.insert_value("facts_list", Value::safe_string(&html));
        }
        ctx.insert(
            "doc",
            &DocView {
                title: &doc.title,
                kind: doc.content_type.id(),
                summary: doc.summary.as_deref(),
                illustrative: doc.illustrative,
                badge: env.badge(doc.status),
                // Made into values only for a template that reads them.
                facts: if facts_as_values { facts } else { Vec::new() },
            },
        );
        ctx.insert_value("body", Value::safe_string(&body));
        let toc: Vec<&crate::markdown::Heading> =
            site.outlines[i].headings.iter().filter(|h| (2..=3).contains(&h.level)).collect();
        // A heading that quotes a figure is listed with the figure filled in, as the page shows
        // it (made only for a body that quotes figures: nearly none does).
        let filled: Vec<std::borrow::Cow<str>> = if site.outlines[i].figures.is_empty() {
            Vec::new()
        } else {
            toc.iter().map(|h| env.with_figures(i, &h.text)).collect()
        };
        let toc: Vec<TocEntry> = toc
            .iter()
            .enumerate()
            .map(|(k, h)| TocEntry { id: &h.id, text: filled.get(k).map_or(&h.text, |t| t.as_ref()), level: h.level })
            .collect();
        ctx.insert("toc", &toc);
        // A translation shows its original's backlinks (translations add none of their own).
        ctx.insert_value("backlinks", self.cards_for(i, &site.backlinks[site.original_of(i)]));

        match &doc.details {
            Details::Community(c) => {
                ctx.insert(
                    "review",
                    &views::review_of(doc, self.input.config.review_interval_months, self.input.today, env.locale),
                );
                let groups = env.indicator_groups(i);
                if self.needs.groups {
                    let not_given = &self.lookups.indicators_not_given;
                    ctx.insert_value(
                        "groups",
                        Value::from(groups.iter().map(|g| g.to_value(not_given)).collect::<Vec<_>>()),
                    );
                }
                if self.needs.indicator_tables {
                    let html = tables::indicator_tables(&groups, &root, env.locale);
                    ctx.insert_value("indicator_tables", Value::safe_string(&html));
                }
                let coverage = env.coverage(c);
                let of = if site.audience.shows_sensitive() { "coverage_of_internal" } else { "coverage_of" };
                let phrase = if site.audience.shows_sensitive() { "coverage_count_internal" } else { "coverage_count" };
                ctx.insert(
                    "coverage",
                    &serde_json::json!({
                        "given": coverage.given,
                        "total": coverage.total,
                        "percent": coverage.percent(),
                        "percent_text": env.locale.percent(coverage.percent() as f64),
                        "of": env.t(of),
                        "text": env.locale.count(phrase, coverage.total as u64, &[("given", coverage.given as u64)]),
                    }),
                );
                let criteria = env.criteria_rows(i);
                let cells: Vec<charts::StatusCell> = criteria
                    .iter()
                    .map(|c| charts::StatusCell { label: c.label, status: c.status, status_label: c.status_label })
                    .collect();
                ctx.insert_value(
                    "scorecard_svg",
                    Value::safe_string(&charts::scorecard(
                        "scorecard",
                        &env.t("criteria_long"),
                        &cells,
                        env.locale,
                        rtl,
                    )),
                );
                let strip: Vec<(String, &str)> = groups
                    .iter()
                    .flat_map(|g| g.rows.iter())
                    .map(|r| {
                        let state = if !r.given {
                            "missing"
                        } else if r.unknown {
                            "unknown"
                        } else {
                            "given"
                        };
                        (env.locale.labelled(r.label, &r.value), state)
                    })
                    .collect();
                let strip: Vec<(&str, &str)> = strip.iter().map(|(l, s)| (l.as_str(), *s)).collect();
                ctx.insert_value(
                    "coverage_svg",
                    Value::safe_string(&charts::coverage_strip(
                        "coverage-strip",
                        &env.t("coverage"),
                        &strip,
                        env.locale,
                        rtl,
                    )),
                );
                if self.needs.criteria {
                    ctx.insert("criteria", &criteria);
                }
                if self.needs.criteria_table {
                    let html = tables::criteria_table(&criteria, &format!("{root}{}", env.sections), env.locale);
                    ctx.insert_value("criteria_table", Value::safe_string(&html));
                }
                if self.needs.research {
                    ctx.insert("research", &env.research_areas(i, &self.lookups.unanswered_questions));
                }
                if self.needs.research_list {
                    let html =
                        tables::research_list(&env.research_answers(i), &format!("{root}{}", env.sections), env.locale);
                    ctx.insert_value("research_list", Value::safe_string(&html));
                }
                ctx.insert("json_path", &export::profile_json_path(env, i));
                ctx.insert_value("map_html", Value::safe_string(&self.locator_map(i, &root)));
            }
            Details::Project(_) => {
                ctx.insert("screening", &screening(env, i));
                ctx.insert("json_path", &export::projects::project_json_path(env, i));
            }
            Details::Guidance(g) => {
                // Projects and case studies of the same sector, for further reading.
                let related = match g.topic {
                    crate::model::GuidanceTopic::Sector(s) => {
                        let (_, p, c) = &self.lookups.sector_docs[s];
                        p.iter().chain(c).copied().collect::<Vec<usize>>()
                    }
                    crate::model::GuidanceTopic::Topic(_) => Vec::new(),
                };
                ctx.insert_value("related", self.cards_for(i, &related));
            }
            Details::CaseStudy(_) => {
                ctx.insert("json_path", &export::case_studies::case_study_json_path(env, i));
            }
            Details::Page => {}
        };
        self.render(template, &ctx)
    }

    /// Cards of `docs` for the page of document `i`. On a translation, each card is made in
    /// the page's language, of the linked page's translation into it when there is one (its
    /// title, summary and address), else of the page as written, marked with its language:
    /// the cards made once for the site (`Lookups::cards_of`) are in the site's language.
    fn cards_for(&self, i: usize, docs: &[usize]) -> Value {
        let site = self.input.site;
        if site.docs[i].translation.is_none() {
            return self.lookups.cards_of(docs);
        }
        Value::from(docs.iter().map(|&d| self.card_in_language(self.version_for(i, d))).collect::<Vec<_>>())
    }
}
