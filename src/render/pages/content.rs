//! Content pages (profiles, case studies, projects, guidance, pages) and their search entries.

use tera::Value;

use super::{Page, screening};
use crate::error::Result;
use crate::link::routes;
use crate::model::{ContentType, Details};
use crate::render::search::{SearchDoc, Terms, snippet};
use crate::render::views;
use crate::render::views::{DocView, TocEntry};
use crate::render::{Renderer, charts, export, markdown, tables};

/// How much each place a word appears in counts, for search ranking.
const TITLE_WEIGHT: u32 = 10;
const LABEL_WEIGHT: u32 = 4;
const VALUE_WEIGHT: u32 = 2;
const BODY_WEIGHT: u32 = 1;

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
        if let Some(lang) = &doc.language {
            frame.lang = lang.clone();
        }
        let mut ctx = frame.context();
        let mut text = String::new();
        let body = markdown::body_html(
            site,
            self.input.schema,
            i,
            &path,
            self.input.config.markdown.trusted_html,
            Some(&mut text),
        );
        let facts = env.facts(i);
        self.index_doc(i, &text, &facts);
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
        let toc: Vec<TocEntry> = toc.iter().map(|h| TocEntry { id: &h.id, text: &h.text, level: h.level }).collect();
        ctx.insert("toc", &toc);
        ctx.insert_value("backlinks", self.lookups.cards_of(&site.backlinks[i]));

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
                    Value::safe_string(&charts::scorecard("scorecard", &env.t("criteria_long"), &cells)),
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
                        let mut label = String::with_capacity(r.label.len() + 2 + r.value.len());
                        label.push_str(r.label);
                        label.push_str(": ");
                        label.push_str(&r.value);
                        (label, state)
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
                    )),
                );
                if self.needs.criteria {
                    ctx.insert("criteria", &criteria);
                }
                if self.needs.criteria_table {
                    let html = tables::criteria_table(&criteria, &root, env.locale);
                    ctx.insert_value("criteria_table", Value::safe_string(&html));
                }
                if self.needs.research {
                    ctx.insert("research", &env.research_areas(i, &self.lookups.unanswered_questions));
                }
                if self.needs.research_list {
                    let html = tables::research_list(&env.research_answers(i), &root, env.locale);
                    ctx.insert_value("research_list", Value::safe_string(&html));
                }
                ctx.insert("json_path", &export::profile_json_path(env, i));
            }
            Details::Project(_) => {
                ctx.insert("screening", &screening(env, i));
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
                ctx.insert_value("related", self.lookups.cards_of(&related));
            }
            Details::CaseStudy(_) | Details::Page => {}
        };
        self.render(template, &ctx)
    }

    /// Put document `i` in the search index: its title, labels, values and body text.
    fn index_doc(&self, i: usize, body_text: &str, facts: &[views::Fact]) {
        let number = self.lookups.doc_search[i];
        let Some(slot) = self.search_slots.get(number) else { return };
        let env = &self.env;
        let site = self.input.site;
        let doc = &site.docs[i];
        // Distinct terms run at about one for every 16 bytes of a page's text.
        let mut terms = Terms::with_capacity(64 + body_text.len() / 16);
        terms.add(&doc.title, TITLE_WEIGHT);
        for text in doc.summary.iter().chain(&doc.tags) {
            terms.add(text, LABEL_WEIGHT);
        }
        for heading in &site.outlines[i].headings {
            terms.add(&heading.text, LABEL_WEIGHT);
        }
        for fact in facts.iter().filter(|f| !f.internal) {
            if let Some(t) = &fact.text {
                terms.add(t, LABEL_WEIGHT);
            }
            for l in &fact.links {
                terms.add(&l.label, LABEL_WEIGHT);
            }
        }
        if let Details::Community(c) = &doc.details {
            for e in c.indicators.iter().filter(|e| site.indicator_visible[e.indicator]) {
                let indicator = &env.schema.indicators[e.indicator];
                let protection = env.masking.protect(e, indicator.kind);
                terms.add(&env.masking.value_text(&protection, e, indicator, env.locale), VALUE_WEIGHT);
                for note in e.source.iter().chain(&e.notes) {
                    terms.add(note, BODY_WEIGHT);
                }
            }
            for e in &c.criteria {
                if let Some(evidence) = &e.evidence {
                    terms.add(evidence, BODY_WEIGHT);
                }
            }
        }
        if let Details::Project(p) = &doc.details {
            for s in &p.screening {
                terms.add(&env.schema.project_criteria[s.criterion].term.label, LABEL_WEIGHT);
                if let Some(note) = &s.note {
                    terms.add(note, BODY_WEIGHT);
                }
            }
        }
        terms.add(body_text, BODY_WEIGHT);
        let card = env.card(i);
        let entry = SearchDoc {
            kind: doc.content_type.id(),
            title: doc.title.clone(),
            path: site.paths[i].clone(),
            meta: card.meta,
            snippet: snippet(doc.summary.as_deref(), body_text),
        };
        let _ = slot.set((entry, terms.into_compact()));
    }
}
