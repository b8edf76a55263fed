//! The handbook's own lists: indicators, the criteria matrix, approaches, sectors and topics.

use super::{Job, Page, paginate};
use crate::error::Result;
use crate::link::routes;
use crate::model::ContentType;
use crate::render::Renderer;
use crate::render::views::{
    ApproachEntry, CriteriaMatrixCell, CriteriaMatrixRow, IndicatorListEntry, IndicatorListGroup,
};

impl Renderer<'_> {
    /// The list of indicators by group, with how many profiles give each.
    pub(in crate::render) fn indicators_page(&self, page: &Page) -> Result<Vec<u8>> {
        let env = &self.env;
        let lk = self.lookups;
        let schema = self.input.schema;
        let site = self.input.site;
        let home = self.crumb("home", routes::HOME);
        let frame = self.frame(page.path.clone(), env.t("indicators"), vec![home], "indicators");
        let mut ctx = frame.context();
        let groups: Vec<IndicatorListGroup> = schema
            .indicator_groups
            .iter()
            .enumerate()
            .map(|(g, group)| IndicatorListGroup {
                label: group.label.clone(),
                description: group.description.clone(),
                indicators: schema
                    .indicators_in_group(g)
                    .filter(|(ii, _)| site.indicator_visible[*ii])
                    .map(|(ii, ind)| IndicatorListEntry {
                        id: ind.term.id.clone(),
                        label: ind.term.label.clone(),
                        path: self.env.section(routes::indicator(&ind.term.id)),
                        description: ind.term.description.clone(),
                        kind: ind.kind.id(),
                        given: lk.indicator_values[ii].len(),
                    })
                    .collect(),
            })
            .collect();
        ctx.insert("groups", &groups);
        ctx.insert("community_count", &lk.by_type[&ContentType::Community].len());
        self.render(page.template, &ctx)
    }

    /// Page `n` of the criteria matrix: each profile's status on each criterion.
    pub(in crate::render) fn criteria_page(&self, page: &Page, n: usize) -> Result<Vec<u8>> {
        let env = &self.env;
        let lk = self.lookups;
        let site = self.input.site;
        let home = self.crumb("home", routes::HOME);
        let communities = &lk.by_type[&ContentType::Community];
        let (items, pagination) = paginate(communities, n, lk.page_size, &self.env.section(routes::CRITERIA));
        let frame = self.frame(page.path.clone(), env.t("criteria_long"), vec![home], "criteria");
        let mut ctx = frame.context();
        ctx.insert("pagination", &pagination);
        self.insert_criterion_summaries(&mut ctx);
        let rows: Vec<CriteriaMatrixRow> = items
            .iter()
            .filter_map(|&i| {
                // In the page's language: the profile's translation into it, if any, with its
                // evidence (the statuses are the original's).
                let i = self.in_own_language(i);
                let c = site.docs[i].community()?;
                Some(CriteriaMatrixRow {
                    title: site.docs[i].title.clone(),
                    path: site.paths[i].clone(),
                    country: env.country_name(&c.country).to_string(),
                    cells: c
                        .criteria
                        .iter()
                        .map(|e| CriteriaMatrixCell {
                            status: e.status.id(),
                            label: env.status_label(e.status).to_string(),
                            evidence: e.evidence.clone(),
                        })
                        .collect(),
                })
            })
            .collect();
        ctx.insert("rows", &rows);
        self.render(page.template, &ctx)
    }

    /// The list of approaches, with how many projects and case studies take each.
    pub(in crate::render) fn approaches_page(&self, page: &Page) -> Result<Vec<u8>> {
        let env = &self.env;
        let lk = self.lookups;
        let schema = self.input.schema;
        let home = self.crumb("home", routes::HOME);
        let frame = self.frame(page.path.clone(), env.t("approaches"), vec![home], "approaches");
        let mut ctx = frame.context();
        let rows: Vec<ApproachEntry> = schema
            .approaches
            .iter()
            .enumerate()
            .map(|(a, ap)| ApproachEntry {
                label: ap.term.label.clone(),
                path: self.env.section(routes::approach(&ap.term.id)),
                description: ap.term.description.clone(),
                projects: lk.approach_docs[a].0.len(),
                case_studies: lk.approach_docs[a].1.len(),
            })
            .collect();
        ctx.insert("approaches", &rows);
        self.render(page.template, &ctx)
    }

    /// Approach `a`: its projects and case studies.
    pub(in crate::render) fn approach_page(&self, page: &Page, a: usize) -> Result<Vec<u8>> {
        let lk = self.lookups;
        let schema = self.input.schema;
        let home = self.crumb("home", routes::HOME);
        let approach = &schema.approaches[a];
        let frame = self.frame(
            page.path.clone(),
            approach.term.label.clone(),
            vec![home, self.crumb("approaches", routes::APPROACHES)],
            "approaches",
        );
        let mut ctx = frame.context();
        ctx.insert("approach", approach);
        ctx.insert_value("projects", self.cards_of(&lk.approach_docs[a].0));
        ctx.insert_value("case_studies", self.cards_of(&lk.approach_docs[a].1));
        self.render(page.template, &ctx)
    }

    /// Sector or guidance topic `s`: its guidance (and for a sector its projects and case studies).
    pub(in crate::render) fn sector_page(&self, page: &Page, s: usize) -> Result<Vec<u8>> {
        let job = page.job;
        let lk = self.lookups;
        let schema = self.input.schema;
        let home = self.crumb("home", routes::HOME);
        let is_sector = matches!(job, Job::Sector(_));
        let term = if is_sector { &schema.sectors[s] } else { &schema.guidance_topics[s] };
        let frame = self.frame(
            page.path.clone(),
            term.label.clone(),
            vec![home, self.crumb("guidance", "guidance/index.html")],
            "guidance",
        );
        let mut ctx = frame.context();
        ctx.insert("term", term);
        let (guidance, projects, cases): (&[usize], &[usize], &[usize]) = if is_sector {
            let (g, p, c) = &lk.sector_docs[s];
            (g, p, c)
        } else {
            (&lk.topic_docs[s], &[], &[])
        };
        ctx.insert_value("guidance", self.cards_of(guidance));
        ctx.insert_value("projects", self.cards_of(projects));
        ctx.insert_value("case_studies", self.cards_of(cases));
        ctx.insert("is_sector", &is_sector);
        self.render(page.template, &ctx)
    }
}
