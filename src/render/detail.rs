//! The pages with the most in them: content pages, indicator comparisons, research coverage
//! and the coverage heatmap.

use serde::Serialize;
use tera::Value;

use super::pages::{Page, paginate, screening};
use super::search::{SearchDoc, Terms, snippet};
use super::views::{self, Link};
use super::{Renderer, charts, export, format, markdown, tables};
use crate::error::Result;
use crate::link::routes;
use crate::model::ReviewState;
use crate::model::{ContentType, Details, IndicatorValue};
use crate::schema::ValueKind;

/// How much each place a word appears in counts, for search ranking.
const TITLE_WEIGHT: u32 = 10;
const LABEL_WEIGHT: u32 = 4;
const VALUE_WEIGHT: u32 = 2;
const BODY_WEIGHT: u32 = 1;

impl Renderer<'_> {
    pub(super) fn doc_page(&self, i: usize, page: &Page) -> Result<Vec<u8>> {
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
        let (template_number, _) = super::doc_template(doc.content_type);
        let template = page.template;
        let (facts_as_values, facts_drawn) = self.needs.facts[template_number];
        if facts_drawn {
            let html = tables::facts_list(&facts, &root);
            ctx.insert_value("facts_list", Value::safe_string(&html));
        }
        #[derive(Serialize)]
        struct DocView<'a> {
            title: &'a str,
            kind: &'static str,
            summary: Option<&'a str>,
            illustrative: bool,
            badge: Option<String>,
            facts: Vec<views::Fact>,
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
        #[derive(Serialize)]
        struct TocEntry<'a> {
            id: &'a str,
            text: &'a str,
            level: u8,
        }
        let toc: Vec<TocEntry> = toc.iter().map(|h| TocEntry { id: &h.id, text: &h.text, level: h.level }).collect();
        ctx.insert("toc", &toc);
        ctx.insert_value("backlinks", self.lookups.cards_of(&site.backlinks[i]));

        match &doc.details {
            Details::Community(c) => {
                ctx.insert(
                    "review",
                    &views::review_of(doc, self.input.config.review_interval_months, self.input.today, env.strings),
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
                    let html = tables::indicator_tables(&groups, &root, env.strings);
                    ctx.insert_value("indicator_tables", Value::safe_string(&html));
                }
                let coverage = env.coverage(c);
                let of = if site.audience.shows_sensitive() { "coverage_of_internal" } else { "coverage_of" };
                ctx.insert(
                    "coverage",
                    &serde_json::json!({
                        "given": coverage.given,
                        "total": coverage.total,
                        "percent": coverage.percent(),
                        "of": env.t(of),
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
                    Value::safe_string(&charts::coverage_strip("coverage-strip", &env.t("coverage"), &strip)),
                );
                if self.needs.criteria {
                    ctx.insert("criteria", &criteria);
                }
                if self.needs.criteria_table {
                    let html = tables::criteria_table(&criteria, &root, env.strings);
                    ctx.insert_value("criteria_table", Value::safe_string(&html));
                }
                if self.needs.research {
                    ctx.insert("research", &env.research_areas(i, &self.lookups.unanswered_questions));
                }
                if self.needs.research_list {
                    let html = tables::research_list(&env.research_answers(i), &root, env.strings);
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

    pub(super) fn indicator_page(&self, ii: usize, n: usize, page: &Page) -> Result<Vec<u8>> {
        let env = &self.env;
        let site = self.input.site;
        let schema = self.input.schema;
        let lk = self.lookups;
        let indicator = &schema.indicators[ii];
        let first = routes::indicator(&indicator.term.id);
        let values = &lk.indicator_values[ii];
        let (items, pagination) = paginate(values, n, lk.page_size, &first);
        let frame = self.frame(
            page.path.clone(),
            indicator.term.label.clone(),
            vec![self.crumb("home", routes::HOME), self.crumb("indicators", routes::INDICATORS)],
            "indicators",
        );
        let mut ctx = frame.context();
        ctx.insert("pagination", &pagination);
        #[derive(Serialize)]
        struct IndicatorView<'a> {
            id: &'a str,
            label: &'a str,
            description: &'a str,
            group: &'a str,
            kind: &'static str,
            kind_label: String,
            unit: Option<&'a str>,
            scale: Option<String>,
            given: usize,
            total: usize,
        }
        let communities = &lk.by_type[&ContentType::Community];
        ctx.insert(
            "indicator",
            &IndicatorView {
                id: &indicator.term.id,
                label: &indicator.term.label,
                description: &indicator.term.description,
                group: &schema.indicator_groups[indicator.group].label,
                kind: indicator.kind.id(),
                kind_label: env.t(&format!("kind_{}", indicator.kind.id())),
                unit: indicator.unit.as_deref(),
                scale: indicator.scale.as_ref().map(|s| match (s.label(s.min), s.label(s.max)) {
                    (Some(lo), Some(hi)) => format!("{} ({lo}) to {} ({hi})", s.min, s.max),
                    _ => format!("{} to {}", s.min, s.max),
                }),
                given: values.len(),
                total: communities.len(),
            },
        );
        let rows: Vec<tables::ComparisonRow> = items
            .iter()
            .filter_map(|&(i, ei)| {
                let c = site.docs[i].community()?;
                let entry = &c.indicators[ei];
                let protection = env.masking.protect(entry, indicator.kind);
                Some(tables::ComparisonRow {
                    community: &site.docs[i].title,
                    path: &site.paths[i],
                    country: &c.country,
                    unknown: entry.value == IndicatorValue::Unknown,
                    value: env.masking.value_text(&protection, entry, indicator, env.strings),
                    disaggregation: env.disaggregation_views(indicator, entry, &protection),
                    source: entry.source.as_deref(),
                    date: entry.date.map(|d| d.long_form()),
                    confidence: entry.confidence.map(|c| format::ui(env.strings, c.label_key())),
                })
            })
            .collect();
        ctx.insert_value("chart_svg", Value::safe_string(&self.indicator_chart(ii, items)));
        if self.needs.rows {
            ctx.insert("rows", &rows);
        }
        if self.needs.comparison_table {
            let html = tables::comparison_table(&rows, &routes::root_of(&frame.path), env.strings);
            ctx.insert_value("comparison_table", Value::safe_string(&html));
        }
        let lacking: Vec<Link> = if n == 1 {
            let mut gives = vec![false; site.docs.len()];
            for &(d, _) in values {
                gives[d] = true;
            }
            communities
                .iter()
                .filter(|&&i| !gives[i])
                .map(|&i| Link { label: site.docs[i].title.clone(), path: site.paths[i].clone() })
                .collect()
        } else {
            Vec::new()
        };
        ctx.insert("lacking", &lacking);
        self.render(page.template, &ctx)
    }

    pub(super) fn research_page(&self, page: &Page) -> Result<Vec<u8>> {
        let env = &self.env;
        let site = self.input.site;
        let schema = self.input.schema;
        let communities = &self.lookups.by_type[&ContentType::Community];
        let frame =
            self.frame(page.path.clone(), env.t("research"), vec![self.crumb("home", routes::HOME)], "research");
        let mut ctx = frame.context();
        #[derive(Serialize)]
        struct Question {
            id: String,
            label: String,
            answered_by: usize,
        }
        #[derive(Serialize)]
        struct Area {
            id: String,
            label: String,
            description: String,
            methods: Vec<Link>,
            questions: Vec<Question>,
        }
        let areas: Vec<Area> = schema
            .research_areas
            .iter()
            .map(|area| Area {
                id: area.term.id.clone(),
                label: area.term.label.clone(),
                description: area.term.description.clone(),
                methods: area
                    .methods
                    .iter()
                    .map(|&m| Link {
                        label: schema.methods[m].label.clone(),
                        path: format!("{}#{}", routes::RESEARCH, schema.methods[m].id),
                    })
                    .collect(),
                questions: area
                    .questions
                    .iter()
                    .map(|&q| Question {
                        id: schema.research_questions[q].term.id.clone(),
                        label: schema.research_questions[q].term.label.clone(),
                        answered_by: communities
                            .iter()
                            .filter(|&&i| {
                                site.docs[i].community().is_some_and(|c| c.research.iter().any(|r| r.question == q))
                            })
                            .count(),
                    })
                    .collect(),
            })
            .collect();
        ctx.insert("areas", &areas);
        ctx.insert("methods", &schema.methods.iter().collect::<Vec<_>>());
        ctx.insert("community_count", &communities.len());
        self.render(page.template, &ctx)
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
                terms.add(&env.masking.value_text(&protection, e, indicator, env.strings), VALUE_WEIGHT);
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

    /// The chart of an indicator page: bars for numbers, stacked bars for distributions.
    fn indicator_chart(&self, ii: usize, items: &[(usize, usize)]) -> String {
        let env = &self.env;
        let site = self.input.site;
        let indicator = &env.schema.indicators[ii];
        let entries: Vec<(&str, &crate::model::IndicatorEntry)> = items
            .iter()
            .filter_map(|&(i, ei)| Some((site.docs[i].title.as_str(), &site.docs[i].community()?.indicators[ei])))
            .collect();
        let title = format!("{}: {}", indicator.term.label, env.t("value"));
        match indicator.kind {
            ValueKind::Distribution => {
                let mut names: Vec<String> = indicator.parts.clone();
                for (_, e) in &entries {
                    if let IndicatorValue::Distribution(parts) = &e.value {
                        for p in parts {
                            if !names.contains(&p.name) {
                                names.push(p.name.clone());
                            }
                        }
                    }
                }
                let rows: Vec<(&str, Vec<f64>)> = entries
                    .iter()
                    .filter_map(|(title, e)| match &e.value {
                        IndicatorValue::Distribution(parts) => Some((
                            *title,
                            names
                                .iter()
                                .map(|n| parts.iter().find(|p| &p.name == n).map_or(0.0, |p| p.value))
                                .collect(),
                        )),
                        _ => None,
                    })
                    .collect();
                if rows.is_empty() { String::new() } else { charts::stacked("chart", &title, &names, &rows) }
            }
            ValueKind::Number | ValueKind::Percent | ValueKind::Count | ValueKind::Rating => {
                let rows: Vec<(&str, f64, String)> = entries
                    .iter()
                    .filter_map(|(title, e)| {
                        // A masked total is not drawn: a bar's length would give it away.
                        let protection = env.masking.protect(e, indicator.kind);
                        let v = env.masking.numeric(&protection, e)?;
                        Some((*title, v, format::value_text(e, indicator, env.strings)))
                    })
                    .collect();
                let max = match indicator.kind {
                    ValueKind::Percent => 100.0,
                    ValueKind::Rating => indicator.scale.as_ref().map_or(0.0, |s| s.max as f64),
                    _ => 0.0,
                };
                let rows: Vec<(&str, f64, &str)> = rows.iter().map(|(t, v, s)| (*t, *v, s.as_str())).collect();
                if rows.is_empty() { String::new() } else { charts::bars("chart", &title, &rows, max) }
            }
            _ => String::new(),
        }
    }

    /// A page of the coverage heatmap: which data each community gives, lacks, or has let go
    /// stale (its profile is overdue for review).
    pub(super) fn coverage_page(&self, n: usize, page: &Page) -> Result<Vec<u8>> {
        let env = &self.env;
        let site = self.input.site;
        let schema = self.input.schema;
        let communities = &self.lookups.by_type[&ContentType::Community];
        let (items, pagination) = paginate(communities, n, self.lookups.page_size, routes::COVERAGE);
        let frame = self.frame(
            page.path.clone(),
            env.t("coverage_map"),
            vec![self.crumb("home", routes::HOME), self.crumb("indicators", routes::INDICATORS)],
            "indicators",
        );
        let mut ctx = frame.context();
        ctx.insert("pagination", &pagination);
        let visible: Vec<usize> = (0..schema.indicators.len()).filter(|&ii| site.indicator_visible[ii]).collect();
        let columns: Vec<&str> = visible.iter().map(|&ii| schema.indicators[ii].term.label.as_str()).collect();
        #[derive(Serialize)]
        struct Row {
            title: String,
            path: String,
            coverage: usize,
            cells: Vec<&'static str>,
        }
        let rows: Vec<Row> = items
            .iter()
            .filter_map(|&i| {
                let c = site.docs[i].community()?;
                let stale = views::review_of(&site.docs[i], env.review_months, env.today, env.strings)
                    .is_some_and(|r| r.state == ReviewState::Overdue.id());
                let cells = visible
                    .iter()
                    .map(|&ii| match c.indicators.iter().find(|e| e.indicator == ii) {
                        None => "missing",
                        Some(e) if e.value == IndicatorValue::Unknown => "unknown",
                        Some(_) if stale => "stale",
                        Some(_) => "given",
                    })
                    .collect();
                Some(Row {
                    title: site.docs[i].title.clone(),
                    path: site.paths[i].clone(),
                    coverage: env.coverage(c).percent(),
                    cells,
                })
            })
            .collect();
        let chart_rows: Vec<(&str, Vec<&str>)> = rows.iter().map(|r| (r.title.as_str(), r.cells.clone())).collect();
        ctx.insert_value(
            "heatmap_svg",
            Value::safe_string(&charts::heatmap("heatmap", &env.t("coverage_map"), &columns, &chart_rows)),
        );
        let headers: Vec<Link> = visible
            .iter()
            .map(|&ii| Link {
                label: schema.indicators[ii].term.label.clone(),
                path: routes::indicator(&schema.indicators[ii].term.id),
            })
            .collect();
        ctx.insert("columns", &headers);
        ctx.insert("rows", &rows);
        self.render(page.template, &ctx)
    }
}
