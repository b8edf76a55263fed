//! Pages across the profiles: each indicator's comparison, research questions and
//! coverage, and the coverage heatmap.

use tera::Value;

use super::{Page, paginate};
use crate::error::Result;
use crate::link::routes;
use crate::model::ReviewState;
use crate::model::{ContentType, IndicatorValue};
use crate::render::views::{self, Link};
use crate::render::views::{CoverageRow, IndicatorView, ResearchAreaView, ResearchQuestionView};
use crate::render::{Renderer, charts, format, tables};
use crate::schema::ValueKind;

impl Renderer<'_> {
    pub(in crate::render) fn indicator_page(&self, ii: usize, n: usize, page: &Page) -> Result<Vec<u8>> {
        let env = &self.env;
        let site = self.input.site;
        let schema = self.input.schema;
        let lk = self.lookups;
        let indicator = &schema.indicators[ii];
        let first = env.section(routes::indicator(&indicator.term.id));
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
                scale: indicator.scale.as_ref().map(|s| scale_range(env.locale, s)),
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
                if protection.entry_withheld() {
                    return None;
                }
                // In the page's language: the profile's translation into it, if any, with its
                // words for the entry (the figures are the original's).
                let shown = self.in_own_language(i);
                let words = site.docs[shown]
                    .community()
                    .and_then(|t| t.indicators.iter().find(|e| e.indicator == entry.indicator))
                    .unwrap_or(entry);
                Some(tables::ComparisonRow {
                    community: &site.docs[shown].title,
                    path: &site.paths[shown],
                    country: env.country_name(&c.country),
                    unknown: entry.value == IndicatorValue::Unknown,
                    value: env.masking.value_text(&protection, entry, indicator, env.locale),
                    disaggregation: env.disaggregation_views(indicator, entry, &protection),
                    source: words.source.as_deref().map(|source| env.source_shown(source)),
                    date: entry.date.map(|d| env.locale.date(d)),
                    confidence: entry.confidence.map(|c| format::ui(env.locale, c.label_key())),
                })
            })
            .collect();
        ctx.insert_value("chart_svg", Value::safe_string(&self.indicator_chart(ii, items)));
        let map = self.indicator_map(ii, items, &routes::root_of(&frame.path));
        ctx.insert_value("map_html", Value::safe_string(&map));
        if self.needs.rows {
            ctx.insert("rows", &rows);
        }
        if self.needs.comparison_table {
            let html = tables::comparison_table(&rows, &routes::root_of(&frame.path), env.locale);
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
                .map(|&i| self.in_own_language(i))
                .map(|i| Link { label: site.docs[i].title.clone(), path: site.paths[i].clone() })
                .collect()
        } else {
            Vec::new()
        };
        ctx.insert("lacking", &lacking);
        self.render(page.template, &ctx)
    }

    /// The chart of an indicator page: bars for numbers, stacked bars for distributions.
    fn indicator_chart(&self, ii: usize, items: &[(usize, usize)]) -> String {
        let env = &self.env;
        let site = self.input.site;
        let indicator = &env.schema.indicators[ii];
        let entries: Vec<(&str, &crate::model::IndicatorEntry)> = items
            .iter()
            .filter_map(|&(i, ei)| {
                Some((site.docs[self.in_own_language(i)].title.as_str(), &site.docs[i].community()?.indicators[ei]))
            })
            .collect();
        let title = env.locale.labelled(&indicator.term.label, &env.t("value"));
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
                let shown: Vec<&str> = names.iter().map(|n| indicator.part_label(n)).collect();
                if rows.is_empty() {
                    String::new()
                } else {
                    charts::stacked("chart", &title, &shown, &rows, env.locale)
                }
            }
            ValueKind::Number | ValueKind::Percent | ValueKind::Count | ValueKind::Rating => {
                let rows: Vec<(&str, f64, String)> = entries
                    .iter()
                    .filter_map(|(title, e)| {
                        // A masked total is not drawn: a bar's length would give it away.
                        let protection = env.masking.protect(e, indicator.kind);
                        let v = env.masking.numeric(&protection, e)?;
                        Some((*title, v, format::value_text(e, indicator, env.locale)))
                    })
                    .collect();
                let max = match indicator.kind {
                    ValueKind::Percent => 100.0,
                    ValueKind::Rating => indicator.scale.as_ref().map_or(0.0, |s| s.max as f64),
                    _ => 0.0,
                };
                let rows: Vec<(&str, f64, &str)> = rows.iter().map(|(t, v, s)| (*t, *v, s.as_str())).collect();
                if rows.is_empty() { String::new() } else { charts::bars("chart", &title, &rows, max, env.locale) }
            }
            _ => String::new(),
        }
    }

    pub(in crate::render) fn research_page(&self, page: &Page) -> Result<Vec<u8>> {
        let env = &self.env;
        let site = self.input.site;
        let schema = self.input.schema;
        let communities = &self.lookups.by_type[&ContentType::Community];
        let frame =
            self.frame(page.path.clone(), env.t("research"), vec![self.crumb("home", routes::HOME)], "research");
        let mut ctx = frame.context();
        let areas: Vec<ResearchAreaView> = schema
            .research_areas
            .iter()
            .map(|area| ResearchAreaView {
                id: area.term.id.clone(),
                label: area.term.label.clone(),
                description: area.term.description.clone(),
                methods: area
                    .methods
                    .iter()
                    .map(|&m| Link {
                        label: schema.methods[m].label.clone(),
                        path: env.section(format!("{}#{}", routes::RESEARCH, schema.methods[m].id)),
                    })
                    .collect(),
                questions: area
                    .questions
                    .iter()
                    .map(|&q| ResearchQuestionView {
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

    /// A page of the coverage heatmap: which data each community gives, lacks, or has let go
    /// stale (its profile is overdue for review).
    pub(in crate::render) fn coverage_page(&self, n: usize, page: &Page) -> Result<Vec<u8>> {
        let env = &self.env;
        let site = self.input.site;
        let schema = self.input.schema;
        let communities = &self.lookups.by_type[&ContentType::Community];
        let (items, pagination) = paginate(communities, n, self.lookups.page_size, &self.env.section(routes::COVERAGE));
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
        let rows: Vec<CoverageRow> = items
            .iter()
            .filter_map(|&i| {
                let c = site.docs[i].community()?;
                let stale = views::review_of(&site.docs[i], env.review_months, env.today, env.locale)
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
                let shown = self.in_own_language(i);
                Some(CoverageRow {
                    title: site.docs[shown].title.clone(),
                    path: site.paths[shown].clone(),
                    coverage: env.coverage(c).percent(),
                    coverage_text: env.locale.percent(env.coverage(c).percent() as f64),
                    cells,
                })
            })
            .collect();
        let chart_rows: Vec<(&str, Vec<&str>)> = rows.iter().map(|r| (r.title.as_str(), r.cells.clone())).collect();
        ctx.insert_value(
            "heatmap_svg",
            Value::safe_string(&charts::heatmap("heatmap", &env.t("coverage_map"), &columns, &chart_rows, env.locale)),
        );
        let headers: Vec<Link> = visible
            .iter()
            .map(|&ii| Link {
                label: schema.indicators[ii].term.label.clone(),
                path: self.env.section(routes::indicator(&schema.indicators[ii].term.id)),
            })
            .collect();
        ctx.insert("columns", &headers);
        ctx.insert("rows", &rows);
        self.render(page.template, &ctx)
    }
}

/// A rating scale's range as the page's language writes it ("1 (Very poor) to 5 (Very good)",
/// "de 1 (Très faible) à 5 (Très bon)"): the wording is the theme's, so that it is not English
/// on a French, Spanish or Arabic page.
fn scale_range(locale: &format::Locale, scale: &crate::schema::Scale) -> String {
    let (min, max) = (locale.number(scale.min as f64), locale.number(scale.max as f64));
    match (scale.label(scale.min), scale.label(scale.max)) {
        (Some(lo), Some(hi)) => crate::text::fill(
            format::ui(locale, "scale_range_labelled"),
            &[("min", &min), ("max", &max), ("min_label", lo), ("max_label", hi)],
        ),
        _ => crate::text::fill(format::ui(locale, "scale_range"), &[("min", &min), ("max", &max)]),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::locale::{Locale, Wording};
    use crate::schema::Scale;

    fn shipped(tag: &str) -> Locale {
        let mut files = BTreeMap::new();
        for lang in ["en", "fr", "es", "ar"] {
            let path = format!("{}/themes/default/i18n/{lang}.toml", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(&path).unwrap();
            files.insert(lang.to_string(), Wording::parse(&text).unwrap());
        }
        Locale::new(tag, &files)
    }

    #[test]
    fn a_scale_is_written_in_the_page_language() {
        let labelled = Scale { min: 1, max: 5, labels: ["Bad", "b", "c", "d", "Good"].map(String::from).to_vec() };
        let bare = Scale { min: 0, max: 10, labels: Vec::new() };
        for (tag, with_labels, without) in [
            ("en", "1 (Bad) to 5 (Good)", "0 to 10"),
            ("fr", "de 1 (Bad) à 5 (Good)", "de 0 à 10"),
            ("es", "de 1 (Bad) a 5 (Good)", "de 0 a 10"),
            ("ar", "من 1 (Bad) إلى 5 (Good)", "من 0 إلى 10"),
        ] {
            let locale = shipped(tag);
            assert_eq!(scale_range(&locale, &labelled), with_labels, "{tag}");
            assert_eq!(scale_range(&locale, &bare), without, "{tag}");
        }
    }
}
