//! The typed content of a site: what validation produces and every later stage reads.
//!
//! Schema entries are referred to by their index in the schema's lists (`indicator: usize`),
//! never by string, so later stages cannot hold an id the schema does not know. References to
//! other content files keep their id and position until the link stage resolves them.

mod indicators;
mod prose;
pub use indicators::{
    Confidence, Disaggregation, IndicatorEntry, IndicatorValue, Part, Rare, same_disaggregations, sorted_figures,
};
pub use prose::{ProseField, WrittenProse};

use crate::date::Date;
use crate::source::{SourceFile, Span};

/// The kinds of content file, told by the folder they are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ContentType {
    /// A community profile, in content/communities/.
    Community,
    /// A case study, in content/case-studies/.
    CaseStudy,
    /// A community-based project, in content/projects/.
    Project,
    /// Sector or advocacy guidance, in content/guidance/.
    Guidance,
    /// A plain page (about, methodology), directly in content/.
    Page,
}

impl ContentType {
    /// Every content type, in menu order.
    pub const ALL: [ContentType; 5] = [
        ContentType::Community,
        ContentType::CaseStudy,
        ContentType::Project,
        ContentType::Guidance,
        ContentType::Page,
    ];

    /// The id used in the schema's field list, in links (`community:tanger-nord`) and in the CLI.
    pub fn id(self) -> &'static str {
        match self {
            ContentType::Community => "community",
            ContentType::CaseStudy => "case-study",
            ContentType::Project => "project",
            ContentType::Guidance => "guidance",
            ContentType::Page => "page",
        }
    }

    /// The folder under content/ (and in the site), if the type has one.
    pub fn folder(self) -> Option<&'static str> {
        match self {
            ContentType::Community => Some("communities"),
            ContentType::CaseStudy => Some("case-studies"),
            ContentType::Project => Some("projects"),
            ContentType::Guidance => Some("guidance"),
            ContentType::Page => None,
        }
    }

    /// "a community profile", for messages.
    pub fn description(self) -> &'static str {
        match self {
            ContentType::Community => "a community profile",
            ContentType::CaseStudy => "a case study",
            ContentType::Project => "a project",
            ContentType::Guidance => "a guidance page",
            ContentType::Page => "a page",
        }
    }

    /// [`ContentType::description`] as a phrase of the message catalogue ("a community
    /// profile"), to be said in the report's language.
    pub fn description_said(self) -> crate::messages::Message {
        crate::messages::Message::new(match self {
            ContentType::Community => "kind.community",
            ContentType::CaseStudy => "kind.case-study",
            ContentType::Project => "kind.project",
            ContentType::Guidance => "kind.guidance",
            ContentType::Page => "kind.page",
        })
    }

    /// The type as "every …" names it ("community profile"), a phrase of the catalogue.
    pub fn every_said(self) -> crate::messages::Message {
        crate::messages::Message::new(match self {
            ContentType::Community => "kind.every-community",
            ContentType::CaseStudy => "kind.every-case-study",
            ContentType::Project => "kind.every-project",
            ContentType::Guidance => "kind.every-guidance",
            ContentType::Page => "kind.every-page",
        })
    }

    /// The type with this id.
    pub fn from_id(id: &str) -> Option<ContentType> {
        ContentType::ALL.into_iter().find(|t| t.id() == id)
    }

    /// The type of a markdown file at `path` under content/: by its first folder, or a plain page
    /// when it sits directly in content/. `None` for a file in another folder.
    pub fn from_content_path(path: &str) -> Option<ContentType> {
        match path.split_once('/') {
            None => Some(ContentType::Page),
            Some((folder, _)) => ContentType::ALL.into_iter().find(|t| t.folder() == Some(folder)),
        }
    }
}

/// Who may see a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Work in progress: built only with `--drafts`.
    Draft,
    /// Public.
    Published,
    /// For the team only: built only into the internal site.
    Confidential,
}

impl Status {
    /// The id written in frontmatter.
    pub fn id(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Published => "published",
            Status::Confidential => "confidential",
        }
    }

    /// Every status, as written.
    pub const IDS: [&'static str; 3] = ["draft", "published", "confidential"];

    /// The status with this id.
    pub fn from_id(id: &str) -> Option<Status> {
        match id {
            "draft" => Some(Status::Draft),
            "published" => Some(Status::Published),
            "confidential" => Some(Status::Confidential),
            _ => None,
        }
    }
}

/// A reference by id to another content file, kept with its position until linking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The id as written.
    pub id: String,
    /// Where it is written.
    pub span: Span,
}

/// A validated content file.
#[derive(Debug)]
pub struct Doc {
    /// The content type.
    pub content_type: ContentType,
    /// The id, from the file name.
    pub slug: String,
    /// Path under content/, with `/` separators.
    pub content_path: String,
    /// The file, kept for the body and for locating later problems.
    pub source: SourceFile,
    /// Byte offset of the markdown body in the file.
    pub body_start: usize,
    /// The title.
    pub title: String,
    /// Who may see it.
    pub status: Status,
    /// One or two sentences for listings.
    pub summary: Option<String>,
    /// Free keywords.
    pub tags: Vec<String>,
    /// Language code of the text, when it differs from the site's (a translation's is always
    /// set, from its file name).
    pub language: Option<String>,
    /// When the file is a translation of another (`ain-lmaati.fr.md`): what it says of itself.
    pub translation: Option<Translation>,
    /// True when the page holds invented example data.
    pub illustrative: bool,
    /// When the page last changed in substance.
    pub updated: Option<Date>,
    /// Notes for the team; never in a public build.
    pub internal_notes: Option<String>,
    /// Fields a site added in its schema: (index in the schema's field list, value).
    pub extra: Vec<(usize, ExtraValue)>,
    /// What only this content type has.
    pub details: Details,
    /// The figures quoted in the frontmatter's prose fields ([`ProseField`]), located in the
    /// file (empty for nearly every file): checked by the link stage, filled in by rendering.
    pub frontmatter_figures: Vec<crate::figure_refs::FigureRef>,
    /// The prose fields whose quoted figures rendering filled in, as written and as filled in
    /// (see `render::figures::fill_prose`), so that they can be filled in again when the data
    /// they quote changes.
    pub prose_as_written: Vec<WrittenProse>,
}

impl Doc {
    /// Every link written in frontmatter (fields of kind `url`), with its position.
    pub fn frontmatter_links(&self) -> Vec<&Reference> {
        let mut links: Vec<&Reference> = self
            .extra
            .iter()
            .filter_map(|(_, v)| match v {
                ExtraValue::Url(r) => Some(r),
                _ => None,
            })
            .collect();
        if let Details::CaseStudy(c) = &self.details {
            links.extend(c.source_url.as_ref());
        }
        links
    }

    /// The markdown body, as kept in memory: empty once a build has forgotten it (see
    /// [`Doc::read_body`], which rendering uses).
    pub fn body(&self) -> &str {
        &self.source.text[self.body_start.saturating_sub(self.source.kept_from()).min(self.source.text.len())..]
    }

    /// The markdown body: from memory, or read again from its file once a build has forgotten
    /// it ([`crate::source::SourceFile::forget_body`]); an error if the file changed since.
    pub fn read_body(&self) -> crate::error::Result<std::borrow::Cow<'_, str>> {
        self.source.body(self.body_start).map_err(crate::error::Error::Other)
    }

    /// The digest of the body (the build cache's).
    pub fn body_digest(&self) -> crate::digest::Digest {
        self.source.body_digest(self.body_start)
    }

    /// The community profile, if this is one.
    pub fn community(&self) -> Option<&Community> {
        match &self.details {
            Details::Community(c) => Some(c),
            _ => None,
        }
    }

    /// The value this document gives of the site's own field `field` (its index in the
    /// schema's fields), if it gives one.
    pub fn extra_value(&self, field: usize) -> Option<&ExtraValue> {
        self.extra.iter().find(|(f, _)| *f == field).map(|(_, value)| value)
    }

    /// The project, if this is one.
    pub fn project(&self) -> Option<&Project> {
        match &self.details {
            Details::Project(p) => Some(p),
            _ => None,
        }
    }
}

/// What a translation says of itself; the rest comes from its original when linking.
#[derive(Debug, Clone)]
pub struct Translation {
    /// The language of its file name's suffix.
    pub language: String,
    /// True if it gives its own `status` (which can only make it less public than the original).
    pub status_given: bool,
    /// True if it gives its own `tags`.
    pub tags_given: bool,
    /// Where it gives its own `updated`: a translation updated before its original is
    /// reported there.
    pub updated_at: Option<crate::source::Span>,
    /// The facts of a profile the file gives itself (`population`, `assessed`...), with where
    /// each value is: a translation shows its original's, and linking reports those that
    /// differ.
    pub facts_at: Vec<(&'static str, crate::source::Span)>,
    /// Where it gives each of the site's own fields it gives, by field index: a figure, date
    /// or yes-no of the original's it repeats must agree.
    pub fields_at: Vec<(usize, crate::source::Span)>,
    /// The translation as read, before linking gave it its original's data: kept so that
    /// linking again (after its original changed) starts from what the file says.
    pub as_read: Option<Box<AsRead>>,
}

/// The facts of a community profile that a translation shows from its original (the figures
/// are compared entry by entry); one the translation gives itself must agree.
pub const TRANSLATED_FACTS: &[&str] =
    &["country", "country_code", "place_code", "population", "location", "assessed", "reviewed", "methods"];

/// The fields of a translation that linking fills from its original, as the file gives them.
#[derive(Debug, Clone)]
pub struct AsRead {
    /// Its status.
    pub status: Status,
    /// Its tags.
    pub tags: Vec<String>,
    /// Whether it says it is illustrative.
    pub illustrative: bool,
    /// Its details.
    pub details: Details,
    /// The values it gives of the site's own fields.
    pub extra: Vec<(usize, ExtraValue)>,
}

impl Doc {
    /// True if this document is a translation of another.
    pub fn is_translation(&self) -> bool {
        self.translation.is_some()
    }
}

/// A value of a field a site added.
#[derive(Debug, Clone, PartialEq)]
pub enum ExtraValue {
    /// A web address or a file in content/, with where it is written.
    Url(Reference),
    /// Text.
    Text(String),
    /// A list of text.
    List(Vec<String>),
    /// A date.
    Date(Date),
    /// A whole number.
    Integer(i64),
    /// A number, whole or not.
    Number(f64),
    /// Yes or no.
    YesNo(bool),
}

/// What only one content type has.
#[derive(Debug, Clone)]
pub enum Details {
    /// A community profile.
    Community(Community),
    /// A case study.
    CaseStudy(CaseStudy),
    /// A project.
    Project(Project),
    /// Guidance.
    Guidance(Guidance),
    /// A plain page.
    Page,
}

/// A community profile: the assessment of one community.
#[derive(Debug, Clone)]
pub struct Community {
    /// The country.
    pub country: String,
    /// The country's ISO 3166-1 alpha-3 code: the `country_code` field, or the code of the
    /// country's name when Fieldbook recognizes it.
    pub country_code: Option<String>,
    /// Administrative areas, largest first.
    pub admin_areas: Vec<String>,
    /// Official place code (P-code).
    pub place_code: Option<String>,
    /// Number of residents.
    pub population: Option<u64>,
    /// Where it lies, exactly as written (public builds round it: [`crate::disclosure::location`]).
    pub location: Option<Location>,
    /// When the assessment was completed.
    pub assessed: Date,
    /// Organizations that assessed.
    pub assessed_by: Vec<String>,
    /// Methods used (indices into the schema's methods).
    pub methods: Vec<usize>,
    /// When the profile was last reviewed with local actors.
    pub reviewed: Option<Date>,
    /// Review interval in months, when the profile sets its own.
    pub review_interval_months: Option<u32>,
    /// Indicator values, in schema order.
    pub indicators: Vec<IndicatorEntry>,
    /// Criteria, in schema order.
    pub criteria: Vec<CriterionEntry>,
    /// Research questions answered, in question order.
    pub research: Vec<ResearchAnswer>,
    /// Contacts; never in a public build.
    pub contacts: Vec<String>,
    /// Where the `indicators:` key is, for coverage warnings.
    pub indicators_span: Span,
    /// The indicators whose entries a public build left out, as if not given
    /// ([`crate::disclosure::withhold_entries`]): a figure the prose quotes from one is
    /// withheld, not missing.
    pub withheld_indicators: Vec<usize>,
}

/// A community's location, in decimal degrees (WGS 84).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Location {
    /// Latitude, -90 to 90.
    pub lat: f64,
    /// Longitude, -180 to 180.
    pub lon: f64,
}

impl Location {
    /// As a point of [`crate::geo`].
    pub fn point(self) -> crate::geo::Point {
        crate::geo::Point { lat: self.lat, lon: self.lon }
    }
}

/// Where a community stands on one favourable-environment criterion.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionEntry {
    /// Index into the schema's criteria.
    pub criterion: usize,
    /// The status.
    pub status: CriterionStatus,
    /// The evidence for it.
    pub evidence: Option<String>,
    /// Where the file gives the criterion: its key, for messages; `None` for a criterion the
    /// file does not give (shown as unknown).
    pub span: Option<Span>,
}

/// The four statuses of a criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CriterionStatus {
    /// The condition holds.
    Met,
    /// It holds in part.
    Partial,
    /// It does not hold.
    NotMet,
    /// Not known.
    Unknown,
}

impl CriterionStatus {
    /// Every status, in display order.
    pub const ALL: [CriterionStatus; 4] =
        [CriterionStatus::Met, CriterionStatus::Partial, CriterionStatus::NotMet, CriterionStatus::Unknown];

    /// As written, and the schema id of its label.
    pub fn id(self) -> &'static str {
        match self {
            CriterionStatus::Met => "met",
            CriterionStatus::Partial => "partial",
            CriterionStatus::NotMet => "not-met",
            CriterionStatus::Unknown => "unknown",
        }
    }

    /// The status with this id.
    pub fn from_id(id: &str) -> Option<CriterionStatus> {
        CriterionStatus::ALL.into_iter().find(|s| s.id() == id)
    }
}

/// A research question the assessment answered, and how.
#[derive(Debug, Clone, PartialEq)]
pub struct ResearchAnswer {
    /// Index into the schema's research questions.
    pub question: usize,
    /// Methods used (indices into the schema's methods).
    pub methods: Vec<usize>,
}

/// A case study.
#[derive(Debug, Clone)]
pub struct CaseStudy {
    /// The country.
    pub country: Option<String>,
    /// Communities concerned.
    pub communities: Vec<Reference>,
    /// Approaches illustrated (indices).
    pub approaches: Vec<usize>,
    /// Sectors (indices).
    pub sectors: Vec<usize>,
    /// Reintegration dimensions (indices).
    pub dimensions: Vec<usize>,
    /// Levels (indices).
    pub levels: Vec<usize>,
    /// When written or checked.
    pub date: Option<Date>,
    /// Credit for the source.
    pub source: Option<String>,
    /// Where to read the original, checked like a body link.
    pub source_url: Option<Reference>,
}

/// A community-based project.
#[derive(Debug, Clone)]
pub struct Project {
    /// Communities concerned.
    pub communities: Vec<Reference>,
    /// The approach (index).
    pub approach: usize,
    /// Sectors (indices).
    pub sectors: Vec<usize>,
    /// Reintegration dimensions (indices).
    pub dimensions: Vec<usize>,
    /// Levels (indices).
    pub levels: Vec<usize>,
    /// Organizations running it.
    pub implementers: Vec<String>,
    /// Start date.
    pub start: Option<Date>,
    /// End date.
    pub end: Option<Date>,
    /// Stage (index into the schema's project stages).
    pub stage: Option<usize>,
    /// Table 3.2 criteria that apply, in schema order.
    pub screening: Vec<ScreeningEntry>,
}

/// A Table 3.2 criterion that applies to a project.
#[derive(Debug, Clone, PartialEq)]
pub struct ScreeningEntry {
    /// Index into the schema's project criteria.
    pub criterion: usize,
    /// A short note on how it applies.
    pub note: Option<String>,
}

/// Guidance: about a sector, or about another topic.
#[derive(Debug, Clone)]
pub struct Guidance {
    /// What it is about.
    pub topic: GuidanceTopic,
    /// Menu position; lower first.
    pub order: Option<i64>,
}

/// What a guidance page is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuidanceTopic {
    /// A service sector (index).
    Sector(usize),
    /// A topic that is not a sector (index into the schema's guidance topics).
    Topic(usize),
}

/// Days before its review date from which a profile is due for review.
const DUE_SOON_DAYS: i64 = 60;

/// The day a profile's review interval counts from: its last review, or its assessment.
pub fn review_since(assessed: Date, reviewed: Option<Date>) -> Date {
    reviewed.map_or(assessed, |r| r.max(assessed))
}

impl Community {
    /// When the profile is due for review and where it stands, with `default_months` the
    /// site's interval (a profile may set its own).
    pub fn review(&self, default_months: u32, today: Date) -> (Date, ReviewState) {
        let months = self.review_interval_months.unwrap_or(default_months);
        review_state(review_since(self.assessed, self.reviewed), months, today)
    }
}

/// Where a profile stands against its review interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReviewState {
    /// Not due yet.
    Current,
    /// Due within two months.
    Due,
    /// Past its review date.
    Overdue,
}

impl ReviewState {
    /// As shown in exports and CSS classes.
    pub fn id(self) -> &'static str {
        match self {
            ReviewState::Current => "current",
            ReviewState::Due => "due",
            ReviewState::Overdue => "overdue",
        }
    }
}

/// The review date and state of a profile assessed or last reviewed on `since`.
pub fn review_state(since: Date, months: u32, today: Date) -> (Date, ReviewState) {
    let due = since.add_months(months);
    let days_left = due.days_since_epoch() - today.days_since_epoch();
    let state = if days_left < 0 {
        ReviewState::Overdue
    } else if days_left <= DUE_SOON_DAYS {
        ReviewState::Due
    } else {
        ReviewState::Current
    };
    (due, state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indicator_entries_stay_small() {
        // Twenty a profile: at 100,000 profiles each byte here is 2 MB of the build's peak.
        assert_eq!(std::mem::size_of::<IndicatorEntry>(), 112);
    }

    #[test]
    fn label_keys_follow_the_ids() {
        for c in [Confidence::High, Confidence::Medium, Confidence::Low] {
            assert_eq!(c.label_key(), format!("confidence_{}", c.id()));
        }
    }

    #[test]
    fn review_states_follow_the_due_date() {
        let assessed = Date::parse("2025-01-10").unwrap();
        let (due, state) = review_state(assessed, 12, Date::parse("2025-06-01").unwrap());
        assert_eq!((due.to_string().as_str(), state), ("2026-01-10", ReviewState::Current));
        assert_eq!(review_state(assessed, 12, Date::parse("2025-12-01").unwrap()).1, ReviewState::Due);
        assert_eq!(review_state(assessed, 12, Date::parse("2026-01-11").unwrap()).1, ReviewState::Overdue);
        assert_eq!(review_since(assessed, Some(Date::parse("2024-01-01").unwrap())), assessed, "a review before it");
    }
}
