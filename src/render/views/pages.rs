//! What the pages of their own kind see: the structs the page functions in `render::pages`
//! fill for their templates, and the site as every template sees it.

use serde::Serialize;

use super::{Fact, Link};

/// A section of the site and how many documents it has, for the home page.
#[derive(Debug, Serialize)]
pub struct SectionCount {
    /// The interface string key of its label.
    pub key: &'static str,
    /// What is shown.
    pub label: String,
    /// Site path.
    pub path: String,
    /// How many documents it has.
    pub count: usize,
}

/// A country or tag in the list of them.
#[derive(Debug, Serialize)]
pub struct TermEntry {
    /// What is shown.
    pub label: String,
    /// Site path.
    pub path: String,
    /// How many documents it has.
    pub count: usize,
}

/// An indicator in the list of indicators.
#[derive(Debug, Serialize)]
pub struct IndicatorListEntry {
    /// Id.
    pub id: String,
    /// What is shown.
    pub label: String,
    /// Site path.
    pub path: String,
    /// Description.
    pub description: String,
    /// Value kind id.
    pub kind: &'static str,
    /// How many profiles give it.
    pub given: usize,
}

/// A group of indicators in the list of indicators.
#[derive(Debug, Serialize)]
pub struct IndicatorListGroup {
    /// What is shown.
    pub label: String,
    /// Description.
    pub description: String,
    /// Its indicators.
    pub indicators: Vec<IndicatorListEntry>,
}

/// A profile's row in the criteria matrix.
#[derive(Debug, Serialize)]
pub struct CriteriaMatrixRow {
    /// Title.
    pub title: String,
    /// Site path.
    pub path: String,
    /// Country, as spelled in the profile.
    pub country: String,
    /// One cell per column.
    pub cells: Vec<CriteriaMatrixCell>,
}

/// A profile's status on one criterion, in the criteria matrix.
#[derive(Debug, Serialize)]
pub struct CriteriaMatrixCell {
    /// Status id.
    pub status: &'static str,
    /// What is shown.
    pub label: String,
    /// The evidence given, if any.
    pub evidence: Option<String>,
}

/// An approach in the list of approaches.
#[derive(Debug, Serialize)]
pub struct ApproachEntry {
    /// What is shown.
    pub label: String,
    /// Site path.
    pub path: String,
    /// Description.
    pub description: String,
    /// How many projects take it.
    pub projects: usize,
    /// How many case studies take it.
    pub case_studies: usize,
}

/// The document a content page shows (`doc` in its template).
#[derive(Debug, Serialize)]
pub struct DocView<'a> {
    /// Title.
    pub title: &'a str,
    /// Content type id.
    pub kind: &'static str,
    /// Summary.
    pub summary: Option<&'a str>,
    /// True for invented, illustrative content.
    pub illustrative: bool,
    /// The status badge, if any.
    pub badge: Option<String>,
    /// Its facts, drawn as a list.
    pub facts: Vec<Fact>,
}

/// A heading in a content page's table of contents.
#[derive(Debug, Serialize)]
pub struct TocEntry<'a> {
    /// Id.
    pub id: &'a str,
    /// Heading text.
    pub text: &'a str,
    /// Heading level (2 or 3).
    pub level: u8,
}

/// The indicator an indicator page compares (`indicator` in its template).
#[derive(Debug, Serialize)]
pub struct IndicatorView<'a> {
    /// Id.
    pub id: &'a str,
    /// What is shown.
    pub label: &'a str,
    /// Description.
    pub description: &'a str,
    /// The label of its group.
    pub group: &'a str,
    /// Value kind id.
    pub kind: &'static str,
    /// Value kind, as read.
    pub kind_label: String,
    /// Unit, if any.
    pub unit: Option<&'a str>,
    /// The rating scale, as read, if any.
    pub scale: Option<String>,
    /// How many profiles give it.
    pub given: usize,
    /// How many profiles in all.
    pub total: usize,
}

/// A research question, with how many profiles answer it.
#[derive(Debug, Serialize)]
pub struct ResearchQuestionView {
    /// Id.
    pub id: String,
    /// What is shown.
    pub label: String,
    /// How many profiles answer it.
    pub answered_by: usize,
}

/// A research area of the research page: its methods and questions.
#[derive(Debug, Serialize)]
pub struct ResearchAreaView {
    /// Id.
    pub id: String,
    /// What is shown.
    pub label: String,
    /// Description.
    pub description: String,
    /// Its methods, linked.
    pub methods: Vec<Link>,
    /// Its questions.
    pub questions: Vec<ResearchQuestionView>,
}

/// A profile's row in the coverage heatmap.
#[derive(Debug, Serialize)]
pub struct CoverageRow {
    /// Title.
    pub title: String,
    /// Site path.
    pub path: String,
    /// Its coverage, in percent.
    pub coverage: usize,
    /// The same as the page's language writes it: `60%`, `60 %`.
    pub coverage_text: String,
    /// One cell per indicator column: whether it is given, missing or stale.
    pub cells: Vec<&'static str>,
}

/// The site as every template sees it (the global `site`).
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    /// The site's title.
    pub title: &'a str,
    /// Its description, if any.
    pub description: Option<&'a str>,
    /// Its language tag.
    pub language: &'a str,
    /// Writing direction of that language: `ltr` or `rtl`.
    pub dir: &'static str,
    /// True for the internal build.
    pub internal: bool,
    /// True when drafts are shown.
    pub drafts: bool,
    /// The About page, if the site has one.
    pub about: Option<Link>,
    /// The site path of the home page in the templates' language: `index.html`, or
    /// `fr/index.html` for another of the site's languages that pages are translated into.
    pub home: String,
}
