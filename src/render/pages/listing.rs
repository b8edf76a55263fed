//! Lists of content: each type's listing, the lists of countries and tags, and each country's
//! and tag's page.

use super::{Job, Page, paginate};
use crate::error::Result;
use crate::link::routes;
use crate::model::ContentType;
use crate::render::Renderer;
use crate::render::views::GuidanceGroup;
use crate::render::views::TermEntry;

impl Renderer<'_> {
    /// Page `n` of the listing of `content_type` (profiles as rows, the rest as cards; guidance grouped by sector and topic).
    pub(in crate::render) fn listing_page(&self, page: &Page, content_type: ContentType, n: usize) -> Result<Vec<u8>> {
        let env = &self.env;
        let lk = self.lookups;
        let home = self.crumb("home", routes::HOME);
        let first = self.env.section(routes::listing(content_type).unwrap_or_default());
        let key = match content_type {
            ContentType::Community => "communities",
            ContentType::CaseStudy => "case_studies",
            ContentType::Project => "projects",
            _ => "guidance",
        };
        let (items, pagination) = paginate(&lk.by_type[&content_type], n, lk.page_size, &first);
        let frame = self.frame(page.path.clone(), env.t(key), vec![home], key);
        let mut ctx = frame.context();
        ctx.insert("pagination", &pagination);
        ctx.insert("kind", content_type.id());
        if content_type == ContentType::Community {
            ctx.insert_value("rows", self.rows_of(items));
        } else {
            ctx.insert_value("cards", self.cards_of(items));
        }
        if content_type == ContentType::Guidance {
            ctx.insert("groups", &self.guidance_groups());
        }
        self.render(page.template, &ctx)
    }

    /// The list of countries or of tags, with how many documents each has.
    pub(in crate::render) fn terms_page(&self, page: &Page) -> Result<Vec<u8>> {
        let job = page.job;
        let env = &self.env;
        let lk = self.lookups;
        let home = self.crumb("home", routes::HOME);
        let (key, list, route): (&str, &super::Groups, fn(&str) -> String) = if job == Job::Countries {
            ("countries", &lk.countries, routes::country)
        } else {
            ("tags", &lk.tags, routes::tag)
        };
        let frame = self.frame(page.path.clone(), env.t(key), vec![home], key);
        let mut ctx = frame.context();
        let entries: Vec<TermEntry> = list
            .iter()
            .map(|(name, docs)| TermEntry {
                label: env.term_name(job, name),
                path: env.section(route(name)),
                count: docs.len(),
            })
            .collect();
        ctx.insert("entries", &entries);
        self.render(page.template, &ctx)
    }

    /// Page `n` of a country's or tag's documents (number `ci` in its list).
    pub(in crate::render) fn term_page(&self, page: &Page, ci: usize, n: usize) -> Result<Vec<u8>> {
        let job = page.job;
        let lk = self.lookups;
        let site = self.input.site;
        let home = self.crumb("home", routes::HOME);
        let is_country = matches!(job, Job::Country(..));
        let (name, docs) = if is_country { &lk.countries[ci] } else { &lk.tags[ci] };
        let first = self.env.section(if is_country { routes::country(name) } else { routes::tag(name) });
        let (key, parent) = if is_country { ("countries", routes::COUNTRIES) } else { ("tags", routes::TAGS) };
        let (items, pagination) = paginate(docs, n, lk.page_size, &first);
        let frame =
            self.frame(page.path.clone(), self.env.term_name(job, name), vec![home, self.crumb(key, parent)], key);
        let mut ctx = frame.context();
        ctx.insert("pagination", &pagination);
        let communities: Vec<usize> =
            items.iter().copied().filter(|&i| site.docs[i].content_type == ContentType::Community).collect();
        let others: Vec<usize> =
            items.iter().copied().filter(|&i| site.docs[i].content_type != ContentType::Community).collect();
        ctx.insert_value("rows", self.rows_of(&communities));
        ctx.insert_value("cards", self.cards_of(&others));
        let map =
            if is_country && n == 1 { self.country_map(ci, &routes::root_of(&frame.path)) } else { String::new() };
        ctx.insert_value("map_html", tera::Value::safe_string(&map));
        self.render(page.template, &ctx)
    }

    /// The guidance listing's groups: each sector, then each topic, with its guidance.
    fn guidance_groups(&self) -> Vec<GuidanceGroup> {
        let schema = self.input.schema;
        let lk = self.lookups;
        let mut groups: Vec<GuidanceGroup> = schema
            .sectors
            .iter()
            .enumerate()
            .map(|(s, term)| GuidanceGroup {
                label: term.label.clone(),
                path: self.env.section(routes::sector(&term.id)),
                description: term.description.clone(),
                cards: self.cards_of(&lk.sector_docs[s].0),
            })
            .collect();
        groups.extend(schema.guidance_topics.iter().enumerate().map(|(t, term)| GuidanceGroup {
            label: term.label.clone(),
            path: self.env.section(routes::topic(&term.id)),
            description: term.description.clone(),
            cards: self.cards_of(&lk.topic_docs[t]),
        }));
        groups
    }
}
