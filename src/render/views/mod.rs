//! What templates see: plain structs built from the linked site, with every label from the
//! schema or the interface strings and every path relative to the site root (templates put
//! `{{ root }}` in front). No template computes anything that matters.

mod pages;
mod profile;

use serde::Serialize;
use tera::Value;

pub use super::format::{DisaggregationView, PartView};
use super::format::{Locale, Masking, ui};
use crate::coverage::Coverage;
use crate::date::Date;
use crate::link::{Site, routes};
use crate::model::ReviewState;
use crate::model::{Community, ContentType, CriterionStatus, Details, Doc, ExtraValue, IndicatorValue, Status};
use crate::schema::{Polarity, Schema};
pub use crate::text::group_thousands;
pub use pages::*;
pub use profile::*;

/// A labelled link.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// What is shown.
    pub label: String,
    /// Site path of the target.
    pub path: String,
}

/// One line of a page's key facts.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    /// The field's label, from the schema.
    pub label: String,
    /// The value as text, when it is not links.
    pub text: Option<String>,
    /// The value as links.
    pub links: Vec<Link>,
    /// True for facts shown only in the internal build.
    pub internal: bool,
    /// A web address the text links to.
    pub href: Option<String>,
}

impl Fact {
    fn text(label: &str, text: impl Into<String>) -> Fact {
        Fact { label: label.to_string(), text: Some(text.into()), links: Vec::new(), internal: false, href: None }
    }

    fn links(label: &str, links: Vec<Link>) -> Fact {
        Fact { label: label.to_string(), text: None, links, internal: false, href: None }
    }
}

/// A page in a list: backlinks, listings, search results.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    /// The content type's id.
    pub kind: &'static str,
    /// The content type's label.
    pub kind_label: String,
    /// The title.
    pub title: String,
    /// Site path.
    pub path: String,
    /// The summary, if any.
    pub summary: Option<String>,
    /// A short line under the title: country, date, approach.
    pub meta: String,
    /// A warning to show beside it (a project with drawbacks).
    pub warning: Option<String>,
    /// Draft or Confidential, when the build shows such pages.
    pub badge: Option<String>,
    /// The language of the title and summary, when it is not the page's: a translated page
    /// lists a page with no translation in its language as written (`lang` for screen readers).
    pub lang: Option<String>,
}

/// A row of the community tables.
#[derive(Debug, Clone, Serialize)]
pub struct CommunityRow {
    /// Title.
    pub title: String,
    /// Site path.
    pub path: String,
    /// Country.
    pub country: String,
    /// The country's page.
    pub country_path: String,
    /// When assessed, as YYYY-MM-DD: for machines (`<time datetime>`) and sorting.
    pub assessed: String,
    /// The same as the page's language writes it: "6 de diciembre de 2026".
    pub assessed_text: String,
    /// Review state id.
    pub review_state: &'static str,
    /// Review state label.
    pub review_label: String,
    /// How many criteria are met.
    pub criteria_met: usize,
    /// How many criteria the schema has (the site's own included).
    pub criteria_total: usize,
    /// Its indicator coverage in this build, in percent ([`crate::coverage::Coverage`]).
    pub coverage_percent: usize,
    /// The same as the page's language writes it: `60%`, `60 %`.
    pub coverage_text: String,
    /// Draft or Confidential badge.
    pub badge: Option<String>,
}

/// Review state of a profile.
#[derive(Debug, Clone, Serialize)]
pub struct Review {
    /// current, due or overdue.
    pub state: &'static str,
    /// Its label.
    pub label: String,
    /// When the next review is due, in words.
    pub due: String,
}

/// The state and its label, for a community.
pub fn review_of(doc: &Doc, config_months: u32, today: Date, locale: &Locale) -> Option<Review> {
    let community = doc.community()?;
    let (due, state) = community.review(config_months, today);
    let key = match state {
        ReviewState::Current => "review_current",
        ReviewState::Due => "review_due",
        ReviewState::Overdue => "review_overdue",
    };
    Some(Review { state: state.id(), label: ui(locale, key).to_string(), due: locale.date(due) })
}

/// What a page needs to build views: the site, the schema and the interface strings.
#[derive(Clone, Copy)]
pub struct Env<'a> {
    /// The linked site.
    pub site: &'a Site,
    /// The schema.
    pub schema: &'a Schema,
    /// The language pages built from this speak: interface strings, numbers, dates. The
    /// schema above is in the same language (see [`crate::schema::Schema::localized`]).
    pub locale: &'a Locale,
    /// How counts of few people are shown.
    pub masking: Masking,
    /// The day review states are measured against.
    pub today: Date,
    /// The site's review interval.
    pub review_months: u32,
    /// Which community locations this build shows, and how rounded.
    pub location_rule: crate::disclosure::location::Rule,
    /// The address the site is published at (`base_url`, or `build --base-url`), if any: the
    /// exports give pages' full addresses with it, as a file uploaded to a catalogue or opened
    /// from a download folder is read away from the site. Pages never use it: they link
    /// relatively, so the site works from anywhere.
    pub base_url: Option<&'a str>,
    /// The folder of the site's own pages (listings, comparisons, the criteria, a country's
    /// page) in this language: `fr/` for one of the site's other languages, empty for the
    /// site's own (see [`Env::section`]).
    pub sections: &'a str,
    /// The site's language (`language` in fieldbook.toml), which what Fieldbook wrote into the
    /// content for the site (a survey round's `source`) is in.
    pub site_language: &'a str,
}

impl Env<'_> {
    /// The site path of `path`, a page of the site's own (`countries/morocco.html`), in this
    /// language: `fr/countries/morocco.html` on a site whose French pages have their own
    /// folder, `path` itself in the site's language.
    pub fn section(&self, path: impl Into<String>) -> String {
        let path = path.into();
        if self.sections.is_empty() {
            // The site's language, on every page of a site in one: the path as it is.
            return path;
        }
        let mut out = String::with_capacity(self.sections.len() + path.len());
        out.push_str(self.sections);
        out.push_str(&path);
        out
    }

    /// An indicator entry's `source` as this page's language says it: a survey round's, which
    /// `fieldbook import` wrote in the site's language, in this page's ([`crate::round`]); any
    /// other as written.
    pub fn source_shown<'s>(&self, source: &'s str) -> std::borrow::Cow<'s, str> {
        crate::round::in_language(source, self.site_language, self.locale.tag())
    }

    /// The address of document `i`'s page for the exports: in full under the base URL, or
    /// relative to the site's folder without one (see [`crate::link::routes::address`]).
    pub fn export_address(&self, i: usize) -> String {
        crate::link::routes::address(self.base_url, &self.site.paths[i])
    }

    /// Where a link that document `i` writes in its frontmatter (a case study's `source_url`)
    /// leads, for the exports: a web address as written, a page or file of the site at its
    /// address as [`Env::export_address`] gives it; `None` when it leads to nothing this build
    /// publishes (a draft, a confidential page: not even its name is exported).
    pub fn export_link(&self, i: usize, reference: &crate::model::Reference) -> Option<String> {
        use crate::link::Resolution;
        match self.site.resolve(i, &reference.id, self.schema).ok()? {
            Resolution::External(url) => Some(url),
            Resolution::Internal { path, fragment, .. } => {
                let address = crate::link::routes::address(self.base_url, &path);
                Some(match fragment {
                    Some(f) => format!("{address}#{f}"),
                    None => address,
                })
            }
            Resolution::SamePage(_) | Resolution::Hidden { .. } | Resolution::Unusable => None,
        }
    }

    /// An interface string.
    pub fn t(&self, key: &str) -> String {
        ui(self.locale, key).to_string()
    }

    /// The label of a content type, singular.
    pub fn kind_label(&self, content_type: ContentType) -> String {
        self.t(match content_type {
            ContentType::Community => "community",
            ContentType::CaseStudy => "case_study",
            ContentType::Project => "project",
            ContentType::Guidance => "guidance",
            ContentType::Page => "pages",
        })
    }

    /// The label of a field, from the schema.
    pub fn field_label(&self, content_type: ContentType, name: &str) -> String {
        self.schema.field(content_type, name).map(|f| f.term.label.clone()).unwrap_or_else(|| name.to_string())
    }

    /// The badge of a page that is not plainly published.
    pub fn badge(&self, status: Status) -> Option<String> {
        match status {
            Status::Published => None,
            Status::Draft => Some(self.t("draft")),
            Status::Confidential => Some(self.t("confidential")),
        }
    }

    /// A card for document `i`.
    pub fn card(&self, i: usize) -> Card {
        let doc = &self.site.docs[i];
        let schema = self.schema;
        let (meta, warning) = match &doc.details {
            Details::Community(c) => {
                (format!("{} · {}", self.country_name(&c.country), self.locale.date(c.assessed)), None)
            }
            Details::CaseStudy(c) => {
                let mut parts: Vec<String> = c.country.iter().map(|c| self.country_name(c).to_string()).collect();
                parts.extend(c.approaches.iter().map(|&a| schema.approaches[a].term.label.clone()));
                (parts.join(" · "), None)
            }
            Details::Project(p) => {
                // The card names each drawback, so a list of projects shows why one was flagged.
                let drawbacks: Vec<&str> = p
                    .screening
                    .iter()
                    .map(|s| &schema.project_criteria[s.criterion])
                    .filter(|c| c.polarity == Polarity::Negative)
                    .map(|c| c.term.label.as_str())
                    .collect();
                let warning = (!drawbacks.is_empty()).then(|| {
                    self.locale.labelled(&self.t("negative_criteria"), &drawbacks.join(self.locale.list_separator()))
                });
                (schema.approaches[p.approach].term.label.clone(), warning)
            }
            Details::Guidance(g) => (
                match g.topic {
                    crate::model::GuidanceTopic::Sector(s) => schema.sectors[s].label.clone(),
                    crate::model::GuidanceTopic::Topic(t) => schema.guidance_topics[t].label.clone(),
                },
                None,
            ),
            Details::Page => (String::new(), None),
        };
        Card {
            kind: doc.content_type.id(),
            kind_label: self.kind_label(doc.content_type),
            title: doc.title.clone(),
            path: self.site.paths[i].clone(),
            summary: doc.summary.clone(),
            meta,
            warning,
            badge: self.badge(doc.status),
            lang: None,
        }
    }

    /// The indicator coverage of profile `c` in this build: the one definition
    /// ([`Coverage::of`]) that `check` uses too.
    pub fn coverage(&self, c: &Community) -> Coverage {
        Coverage::of(self.schema, c.indicators.iter().map(|e| e.indicator), self.site.audience.shows_sensitive())
    }

    /// A row for community `i`.
    pub fn community_row(&self, i: usize) -> Option<CommunityRow> {
        let doc = &self.site.docs[i];
        let c = doc.community()?;
        let review = review_of(doc, self.review_months, self.today, self.locale)?;
        Some(CommunityRow {
            title: doc.title.clone(),
            path: self.site.paths[i].clone(),
            country: self.country_name(&c.country).to_string(),
            country_path: self.section(self.site.country_path(&c.country)),
            assessed: c.assessed.to_string(),
            assessed_text: self.locale.date(c.assessed),
            review_state: review.state,
            review_label: review.label,
            criteria_met: c.criteria.iter().filter(|e| e.status == CriterionStatus::Met).count(),
            criteria_total: self.schema.criteria.len(),
            coverage_percent: self.coverage(c).percent(),
            coverage_text: self.locale.percent(self.coverage(c).percent() as f64),
            badge: self.badge(doc.status),
        })
    }

    /// Links to schema list entries by index.
    fn term_links(&self, items: &[usize], list: &str) -> Vec<Link> {
        let schema = self.schema;
        items
            .iter()
            .map(|&i| match list {
                "approaches" => Link {
                    label: schema.approaches[i].term.label.clone(),
                    path: self.section(routes::approach(&schema.approaches[i].term.id)),
                },
                "sectors" => Link {
                    label: schema.sectors[i].label.clone(),
                    path: self.section(routes::sector(&schema.sectors[i].id)),
                },
                "methods" => Link {
                    label: schema.methods[i].label.clone(),
                    path: self.section(format!("{}#{}", routes::RESEARCH, schema.methods[i].id)),
                },
                "dimensions" => Link { label: schema.dimensions[i].label.clone(), path: String::new() },
                _ => Link { label: schema.levels[i].label.clone(), path: String::new() },
            })
            .collect()
    }

    /// Links to the profiles `refs` from the page of document `i`: to each one's translation
    /// in the page's language when there is one, as a body's links go.
    fn community_links(&self, i: usize, refs: &[usize]) -> Vec<Link> {
        refs.iter()
            .map(|&c| self.site.version_for(i, c))
            .map(|c| Link { label: self.site.docs[c].title.clone(), path: self.site.paths[c].clone() })
            .collect()
    }

    /// A fact for a link written in frontmatter: resolved like a body link, shown as text when
    /// its target is not in this build.
    fn url_fact(&self, i: usize, label: &str, reference: &crate::model::Reference) -> Fact {
        use crate::link::Resolution;
        match self.site.resolve(i, &reference.id, self.schema) {
            Ok(Resolution::External(url)) => Fact { href: Some(url), ..Fact::text(label, reference.id.clone()) },
            Ok(Resolution::Internal { path, fragment, .. }) => {
                let path = match fragment {
                    Some(f) => format!("{path}#{f}"),
                    None => path,
                };
                Fact::links(label, vec![Link { label: reference.id.clone(), path }])
            }
            _ => Fact::text(label, reference.id.clone()),
        }
    }

    /// The key facts of document `i`.
    pub fn facts(&self, i: usize) -> Vec<Fact> {
        let doc = &self.site.docs[i];
        let ct = doc.content_type;
        let label = |name: &str| self.field_label(ct, name);
        let mut facts = Vec::new();
        let plain = |links: Vec<Link>| {
            links.into_iter().map(|l| l.label).collect::<Vec<_>>().join(self.locale.list_separator())
        };
        match &doc.details {
            Details::Community(c) => {
                facts.push(Fact::links(
                    &label("country"),
                    vec![Link {
                        label: self.country_name(&c.country).to_string(),
                        path: self.section(self.site.country_path(&c.country)),
                    }],
                ));
                if !c.admin_areas.is_empty() {
                    facts.push(Fact::text(&label("admin_areas"), c.admin_areas.join(" › ")));
                }
                if let Some(code) = &c.place_code {
                    facts.push(Fact::text(&label("place_code"), code.clone()));
                }
                if let Some(shown) = c.location.and_then(|l| crate::disclosure::location::shown(l, self.location_rule))
                {
                    facts.push(Fact::text(&label("location"), crate::render::maps::coordinates(self, shown.point())));
                }
                if let Some(p) = c.population {
                    facts.push(Fact::text(&label("population"), self.locale.grouped(p)));
                }
                facts.push(Fact::text(&label("assessed"), self.locale.date(c.assessed)));
                if let Some(r) = c.reviewed {
                    facts.push(Fact::text(&label("reviewed"), self.locale.date(r)));
                }
                if !c.assessed_by.is_empty() {
                    facts.push(Fact::text(&label("assessed_by"), c.assessed_by.join(self.locale.list_separator())));
                }
                if !c.methods.is_empty() {
                    facts.push(Fact::links(&label("methods"), self.term_links(&c.methods, "methods")));
                }
                if self.site.audience.shows_sensitive() && !c.contacts.is_empty() {
                    let mut fact = Fact::text(&label("contacts"), c.contacts.join(self.locale.semicolon()));
                    fact.internal = true;
                    facts.push(fact);
                }
            }
            Details::CaseStudy(c) => {
                if let Some(country) = &c.country {
                    facts.push(Fact::links(
                        &label("country"),
                        vec![Link {
                            label: self.country_name(country).to_string(),
                            path: self.section(self.site.country_path(country)),
                        }],
                    ));
                }
                let refs = &self.site.community_refs[i];
                if !refs.is_empty() {
                    facts.push(Fact::links(&label("communities"), self.community_links(i, refs)));
                }
                if !c.approaches.is_empty() {
                    facts.push(Fact::links(&label("approaches"), self.term_links(&c.approaches, "approaches")));
                }
                if !c.sectors.is_empty() {
                    facts.push(Fact::links(&label("sectors"), self.term_links(&c.sectors, "sectors")));
                }
                if !c.dimensions.is_empty() {
                    facts.push(Fact::text(&label("dimensions"), plain(self.term_links(&c.dimensions, "dimensions"))));
                }
                if !c.levels.is_empty() {
                    facts.push(Fact::text(&label("levels"), plain(self.term_links(&c.levels, "levels"))));
                }
                if let Some(d) = c.date {
                    facts.push(Fact::text(&label("date"), self.locale.date(d)));
                }
                if let Some(s) = &c.source {
                    facts.push(Fact::text(&label("source"), s.clone()));
                }
                if let Some(url) = &c.source_url {
                    facts.push(self.url_fact(i, &label("source_url"), url));
                }
            }
            Details::Project(p) => {
                let refs = &self.site.community_refs[i];
                if !refs.is_empty() {
                    facts.push(Fact::links(&label("communities"), self.community_links(i, refs)));
                }
                facts.push(Fact::links(&label("approach"), self.term_links(&[p.approach], "approaches")));
                if !p.sectors.is_empty() {
                    facts.push(Fact::links(&label("sectors"), self.term_links(&p.sectors, "sectors")));
                }
                if !p.dimensions.is_empty() {
                    facts.push(Fact::text(&label("dimensions"), plain(self.term_links(&p.dimensions, "dimensions"))));
                }
                if !p.levels.is_empty() {
                    facts.push(Fact::text(&label("levels"), plain(self.term_links(&p.levels, "levels"))));
                }
                if !p.implementers.is_empty() {
                    facts.push(Fact::text(&label("implementers"), p.implementers.join(self.locale.list_separator())));
                }
                if let Some(s) = p.stage {
                    facts.push(Fact::text(&label("stage"), self.schema.project_stages[s].label.clone()));
                }
                if let Some(d) = p.start {
                    facts.push(Fact::text(&label("start"), self.locale.date(d)));
                }
                if let Some(d) = p.end {
                    facts.push(Fact::text(&label("end"), self.locale.date(d)));
                }
            }
            Details::Guidance(g) => {
                let link = match g.topic {
                    crate::model::GuidanceTopic::Sector(s) => self.term_links(&[s], "sectors"),
                    crate::model::GuidanceTopic::Topic(t) => vec![Link {
                        label: self.schema.guidance_topics[t].label.clone(),
                        path: self.section(routes::topic(&self.schema.guidance_topics[t].id)),
                    }],
                };
                let name = if matches!(g.topic, crate::model::GuidanceTopic::Sector(_)) { "sector" } else { "topic" };
                facts.push(Fact::links(&label(name), link));
            }
            Details::Page => {}
        }
        // Fields the site added, unless sensitive in a public build.
        for (field_index, value) in &doc.extra {
            let field = &self.schema.fields[*field_index];
            if field.sensitive && !self.site.audience.shows_sensitive() {
                continue;
            }
            if let ExtraValue::Url(reference) = value {
                let mut fact = self.url_fact(i, &field.term.label, reference);
                fact.internal = field.sensitive;
                facts.push(fact);
                continue;
            }
            let text = match value {
                ExtraValue::Url(r) => r.id.clone(),
                ExtraValue::Text(t) => t.clone(),
                ExtraValue::List(items) => items.join(self.locale.list_separator()),
                ExtraValue::Date(d) => self.locale.date(*d),
                ExtraValue::Integer(n) => n.to_string(),
                // As the page's language writes numbers: `1.25` in English, `1,25` in French.
                ExtraValue::Number(n) => self.locale.number(*n),
                ExtraValue::YesNo(b) => self.t(if *b { "yes" } else { "no" }),
            };
            let mut fact = Fact::text(&field.term.label, text);
            fact.internal = field.sensitive;
            facts.push(fact);
        }
        if !doc.tags.is_empty() {
            let tags = doc.tags.iter().map(|t| Link { label: t.clone(), path: self.section(routes::tag(t)) }).collect();
            facts.push(Fact::links(&label("tags"), tags));
        }
        if self.site.audience.shows_sensitive()
            && let Some(notes) = &doc.internal_notes
        {
            let mut fact = Fact::text(&label("internal_notes"), notes.clone());
            fact.internal = true;
            facts.push(fact);
        }
        facts
    }
}

/// Guidance of one sector or topic, for the guidance listing.
#[derive(Debug, Serialize)]
pub struct GuidanceGroup {
    /// The sector's or topic's label.
    pub label: String,
    /// Its page.
    pub path: String,
    /// Its description.
    pub description: String,
    /// Cards of its guidance.
    pub cards: Value,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(group_thousands(18400), "18,400");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1_234_567), "1,234,567");
    }
}
