//! The handbook schema in force: indicators, criteria, research questions, methods, project
//! criteria, approaches, sectors, dimensions, levels, and the fields of each content type.
//!
//! The schema is data: `handbook.toml` and `fields.toml` beside this file are embedded in the
//! binary, and a site extends or relabels them with its own `schema.toml` (see [`load`]).
//! Entries are looked up by id once, at validation; after that, stages refer to them by index.

/// The keys of an indicator entry written as a table.
pub const ENTRY_KEYS: [&str; 10] =
    ["value", "unit", "source", "method", "date", "n", "confidence", "confidence_reason", "notes", "disaggregation"];

/// The properties every community has in the GeoJSON export, beside one per numeric
/// indicator named by the indicator's id: no indicator may take one of these ids, or its
/// values would replace the community's own (a site's indicator `title` overwrote every
/// title in `communities.geojson`).
pub const GEOJSON_PROPERTIES: [&str; 11] = [
    "id",
    "title",
    "country",
    "admin_areas",
    "place_code",
    "page",
    "assessed",
    "criteria_met",
    "criteria_partial",
    "criteria_not_met",
    "criteria_total",
];

/// Calls `$then!` with every list of the schema whose entries carry a [`Term`], each as its
/// field name and what the messages call one of its entries (`indicator_groups:
/// "indicator-group"`, after `schema.what.`), so that what goes through them all (translating
/// them, locating a site's entries, checking a site's labels, the test that every built-in
/// entry is translated) names each list once. Fields are not among them: a field is named by
/// `name`, and its term is `field.term`.
macro_rules! term_lists {
    ($then:ident) => {
        $then!(
            indicator_groups: "indicator-group",
            indicators: "indicator",
            disaggregations: "disaggregation-dimension",
            criteria: "criterion",
            criterion_statuses: "criterion-status",
            methods: "method",
            research_areas: "research-area",
            research_questions: "research-question",
            project_criteria: "project-criterion",
            approaches: "approach",
            sectors: "sector",
            guidance_topics: "guidance-topic",
            dimensions: "dimension",
            levels: "level",
            project_stages: "project-stage",
            sections: "section",
        )
    };
}
pub(crate) use term_lists;

pub mod export_columns;
pub mod json_schema;
pub mod languages;
mod load;
pub mod translate;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Index;

use serde::Serialize;

use crate::model::ContentType;
pub use load::{BUILTIN_FIELDS, BUILTIN_HANDBOOK, load};

/// What every schema entry has: a stable id, a label (with translations) and a description.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    /// Stable id, used in content files.
    pub id: String,
    /// Label in the site's base language.
    pub label: String,
    /// Labels in other languages, by language code.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// A short description in plain words.
    pub description: String,
    /// Descriptions in other languages, by language code, given by the site's schema.toml.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub descriptions: BTreeMap<String, String>,
}

impl Term {
    /// The label the site gives in `language` (`fr`, or `fr` for `fr-SN`), or the base label
    /// when it gives none. Fieldbook's own translations of the handbook are applied by
    /// [`Schema::localized`], which makes a schema whose base labels are in one language.
    pub fn label_in(&self, language: &str) -> &str {
        translate::pick(&self.labels, language).unwrap_or(&self.label)
    }

    /// The description the site gives in `language`, or the base description.
    pub fn description_in(&self, language: &str) -> &str {
        translate::pick(&self.descriptions, language).unwrap_or(&self.description)
    }
}

/// Entries that carry a [`Term`].
pub trait HasTerm {
    /// The entry's id, label and description.
    fn term(&self) -> &Term;
    /// The same, to change (its id must stay as it is).
    fn term_mut(&mut self) -> &mut Term;
}

impl HasTerm for Term {
    fn term(&self) -> &Term {
        self
    }
    fn term_mut(&mut self) -> &mut Term {
        self
    }
}

/// A list of schema entries in file order, with lookup by id.
#[derive(Clone)]
pub struct Vocab<T> {
    items: Vec<T>,
    /// hashbrown's map, hashed with foldhash: every indicator, criterion and method a page
    /// names is looked up here, and std's SipHash was 2% of a rebuild's instructions.
    index: hashbrown::HashMap<String, usize>,
}

/// The entries only: the index is made from them, and its order changes from run to run,
/// where the build cache needs the same schema to read the same (`render/cache.rs`).
impl<T: std::fmt::Debug> std::fmt::Debug for Vocab<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(&self.items).finish()
    }
}

impl<T: HasTerm> Vocab<T> {
    /// A vocabulary of `items`, which must have unique ids.
    pub fn new(items: Vec<T>) -> Self {
        let index = items.iter().enumerate().map(|(i, t)| (t.term().id.clone(), i)).collect();
        Vocab { items, index }
    }

    /// The index of the entry with this id.
    pub fn get(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The entry with this id.
    pub fn by_id(&self, id: &str) -> Option<&T> {
        self.get(id).map(|i| &self.items[i])
    }

    /// Entries in order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The ids, in order, for suggestions and messages.
    pub fn ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.items.iter().map(|t| t.term().id.as_str())
    }
}

impl<T> Vocab<T> {
    /// Entries in order, to change in place (ids must stay as they are).
    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.items.iter_mut()
    }
}

impl<T> Index<usize> for Vocab<T> {
    type Output = T;
    fn index(&self, index: usize) -> &T {
        &self.items[index]
    }
}

impl<T: Serialize> Serialize for Vocab<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.items.serialize(serializer)
    }
}

/// How the values of an indicator are written and checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ValueKind {
    /// A number with a unit.
    Number,
    /// 0 to 100.
    Percent,
    /// A whole number, not negative.
    Count,
    /// A whole number on a declared scale.
    Rating,
    /// Parts that sum to 100.
    Distribution,
    /// A list of text.
    List,
    /// Free text.
    Text,
    /// Yes or no.
    YesNo,
}

impl ValueKind {
    /// Every kind, as written in the schema.
    pub const IDS: [&'static str; 8] =
        ["number", "percent", "count", "rating", "distribution", "list", "text", "yes-no"];

    /// As written in the schema.
    pub fn id(self) -> &'static str {
        match self {
            ValueKind::Number => "number",
            ValueKind::Percent => "percent",
            ValueKind::Count => "count",
            ValueKind::Rating => "rating",
            ValueKind::Distribution => "distribution",
            ValueKind::List => "list",
            ValueKind::Text => "text",
            ValueKind::YesNo => "yes-no",
        }
    }

    /// The kind written as `id`.
    pub fn from_id(id: &str) -> Option<ValueKind> {
        Some(match id {
            "number" => ValueKind::Number,
            "percent" => ValueKind::Percent,
            "count" => ValueKind::Count,
            "rating" => ValueKind::Rating,
            "distribution" => ValueKind::Distribution,
            "list" => ValueKind::List,
            "text" => ValueKind::Text,
            "yes-no" => ValueKind::YesNo,
            _ => return None,
        })
    }

    /// [`ValueKind::describe`] as the catalogue says it, in the report's language.
    pub fn describe_said(self) -> crate::messages::Message {
        crate::messages::Message::new(match self {
            ValueKind::Number => "value-kind.number",
            ValueKind::Percent => "value-kind.percent",
            ValueKind::Count => "value-kind.count",
            ValueKind::Rating => "value-kind.rating",
            ValueKind::Distribution => "value-kind.distribution",
            ValueKind::List => "value-kind.list",
            ValueKind::Text => "value-kind.text",
            ValueKind::YesNo => "value-kind.yes-no",
        })
    }

    /// What a value of this kind looks like, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            ValueKind::Number => "a number",
            ValueKind::Percent => "a percentage from 0 to 100",
            ValueKind::Count => "a whole number of 0 or more",
            ValueKind::Rating => "a whole number on the indicator's scale",
            ValueKind::Distribution => "parts that sum to 100, such as `{ female: 51, male: 49 }`",
            ValueKind::List => "a list, such as `[Arabic, French]`",
            ValueKind::Text => "text",
            ValueKind::YesNo => "yes or no",
        }
    }
}

/// The scale of a rating indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scale {
    /// Lowest point.
    pub min: i64,
    /// Highest point.
    pub max: i64,
    /// A label for each point from `min` to `max`, or none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<String>,
}

impl Scale {
    /// The label of point `value`, if the scale has labels.
    pub fn label(&self, value: i64) -> Option<&str> {
        let i = usize::try_from(value - self.min).ok()?;
        self.labels.get(i).map(String::as_str)
    }
}

/// A community-profile indicator.
#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    /// Id, label, description.
    #[serde(flatten)]
    pub term: Term,
    /// Index of its group.
    #[serde(skip)]
    pub group: usize,
    /// The group's id, for exports.
    #[serde(rename = "group")]
    pub group_id: String,
    /// How values are written.
    pub kind: ValueKind,
    /// Unit of a number indicator.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Scale of a rating indicator.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<Scale>,
    /// Allowed parts of a distribution; empty means any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<String>,
    /// Dimensions it may be disaggregated by (indices).
    #[serde(skip)]
    pub disaggregation: Vec<usize>,
    /// Their ids, for exports.
    #[serde(rename = "disaggregation", skip_serializing_if = "Vec::is_empty")]
    pub disaggregation_ids: Vec<String>,
    /// Kept out of public builds.
    pub sensitive: bool,
    /// The question the survey form asks a respondent for it (`Have you completed secondary
    /// school?`), in the schema's language; `None` asks with its label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// The same in other languages, by language code, given by the site's schema.toml
    /// (`questions = { fr = "…" }`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub questions: BTreeMap<String, String>,
    /// How a survey's answers make a count or number: their sum or their mean.
    #[serde(skip)]
    pub aggregate: Aggregate,
    /// Whether a household or individual survey can ask it (`survey = false` leaves it out of
    /// the survey form).
    #[serde(skip)]
    pub survey: bool,
    /// Smallest answer a survey accepts, for counts and numbers.
    #[serde(skip)]
    pub min: Option<f64>,
    /// Largest answer a survey accepts, for counts and numbers.
    #[serde(skip)]
    pub max: Option<f64>,
    /// What each part of a distribution or a list is called, by part name, in the schema's
    /// language: the site's `part_label`, and once [`Schema::localized`], Fieldbook's
    /// translation of the parts it names and the site's own for the language. A part not
    /// listed shows as written.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub part_label: BTreeMap<String, String>,
    /// The same in other languages, by language code, then part name, given by the site's
    /// schema.toml (`part_labels = { fr = { undisclosed = "non déclaré" } }`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub part_labels: BTreeMap<String, BTreeMap<String, String>>,
}

impl Indicator {
    /// How part `name` of a value is shown: its label in the schema's language, or as written.
    pub fn part_label<'a>(&'a self, name: &'a str) -> &'a str {
        self.part_label.get(name).map_or(name, String::as_str)
    }
}

/// How the answers to a count or number question make the community's figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aggregate {
    /// Their sum: people or things counted by each household, added up.
    Sum,
    /// Their mean.
    Mean,
}

impl Aggregate {
    /// As written in the schema.
    pub fn id(self) -> &'static str {
        match self {
            Aggregate::Sum => "sum",
            Aggregate::Mean => "mean",
        }
    }

    /// The aggregate written as `id`.
    pub fn from_id(id: &str) -> Option<Aggregate> {
        match id {
            "sum" => Some(Aggregate::Sum),
            "mean" => Some(Aggregate::Mean),
            _ => None,
        }
    }

    /// Without `aggregate` in the schema: counts are summed, everything else averaged.
    pub fn default_for(kind: ValueKind) -> Aggregate {
        if kind == ValueKind::Count { Aggregate::Sum } else { Aggregate::Mean }
    }
}

/// A disaggregation dimension: sex, age group, migrant status.
#[derive(Debug, Clone, Serialize)]
pub struct Dimension {
    /// Id, label, description.
    #[serde(flatten)]
    pub term: Term,
    /// The parts a value may be given for.
    pub parts: Vec<String>,
    /// What one person of each part is called (`Woman` for `female`), by part name, in the
    /// schema's language: a survey's choice for the respondent's own part, where the part's
    /// label names a group (`femmes`). A part without one is named by its part label.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub respondent: BTreeMap<String, String>,
    /// The same in other languages, by language code, then part name, given by the site's
    /// schema.toml (`respondents = { fr = { other = "Autre" } }`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub respondents: BTreeMap<String, BTreeMap<String, String>>,
    /// What each part is called (`femmes` for `female` in French), by part name, in the
    /// schema's language: the site's `part_label`, and once [`Schema::localized`], Fieldbook's
    /// translation of the parts it names and the site's own for the language. A part not
    /// listed shows as written (`0-17`, or `female` in English).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub part_label: BTreeMap<String, String>,
    /// The same in other languages, by language code, then part name, given by the site's
    /// schema.toml (`part_labels = { fr = { displaced = "personnes déplacées" } }`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub part_labels: BTreeMap<String, BTreeMap<String, String>>,
    /// Where the site's schema.toml defines or changes the dimension (its `id = "..."` line),
    /// for what is found of its respondent names once the form's languages are known; `None`
    /// for a dimension the site leaves as Fieldbook has it.
    #[serde(skip)]
    pub site_entry: Option<crate::diagnostic::Location>,
}

impl Dimension {
    /// How part `name` is shown in the schema's language: its label (`femmes` for `female` in
    /// French), or the name as written.
    pub fn part_label<'a>(&'a self, name: &'a str) -> &'a str {
        self.part_label.get(name).map_or(name, String::as_str)
    }
}

/// A research area of Table 3.1.
#[derive(Debug, Clone, Serialize)]
pub struct ResearchArea {
    /// Id, label, description.
    #[serde(flatten)]
    pub term: Term,
    /// Methods the table suggests (indices).
    #[serde(skip)]
    pub methods: Vec<usize>,
    /// Their ids, for exports.
    #[serde(rename = "methods")]
    pub method_ids: Vec<String>,
    /// Its questions (indices), in order.
    #[serde(skip)]
    pub questions: Vec<usize>,
}

/// A research question of Table 3.1.
#[derive(Debug, Clone, Serialize)]
pub struct Question {
    /// Id (q1...), the question as label, description.
    #[serde(flatten)]
    pub term: Term,
    /// Index of its area.
    #[serde(skip)]
    pub area: usize,
    /// The area's id, for exports.
    #[serde(rename = "area")]
    pub area_id: String,
}

/// Whether a Table 3.2 criterion counts for or against a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    /// A benefit.
    Positive,
    /// A drawback, shown as a warning.
    Negative,
}

/// A Table 3.2 screening criterion for projects.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectCriterion {
    /// Id, label, description.
    #[serde(flatten)]
    pub term: Term,
    /// For or against.
    pub polarity: Polarity,
}

/// A Table 3.3 project approach.
#[derive(Debug, Clone, Serialize)]
pub struct Approach {
    /// Id, label, description.
    #[serde(flatten)]
    pub term: Term,
    /// Advantages.
    pub advantages: Vec<String>,
    /// Disadvantages.
    pub disadvantages: Vec<String>,
}

/// How a frontmatter field is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldKind {
    /// Text.
    Text,
    /// YYYY-MM-DD.
    Date,
    /// A whole number.
    Integer,
    /// A number, whole or with decimals (a budget in millions, an area, a distance).
    Number,
    /// Yes or no.
    YesNo,
    /// A list of text.
    List,
    /// One id from a schema list.
    Id,
    /// Several ids from a schema list.
    Ids,
    /// One other content file, by id.
    Ref,
    /// Several other content files, by id.
    Refs,
    /// A web address or a file in content/.
    Url,
    /// draft, published or confidential.
    Status,
    /// The indicators map of a profile.
    Indicators,
    /// The criteria map of a profile.
    Criteria,
    /// The research map of a profile.
    Research,
    /// The screening map of a project.
    Screening,
    /// A point: `{ lat: 35.78, lon: -5.81 }`, in decimal degrees (WGS 84).
    Location,
}

impl FieldKind {
    /// As written in the schema.
    pub fn id(self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::Date => "date",
            FieldKind::Integer => "integer",
            FieldKind::Number => "number",
            FieldKind::YesNo => "yes-no",
            FieldKind::List => "list",
            FieldKind::Id => "id",
            FieldKind::Ids => "ids",
            FieldKind::Ref => "ref",
            FieldKind::Refs => "refs",
            FieldKind::Url => "url",
            FieldKind::Status => "status",
            FieldKind::Indicators => "indicators",
            FieldKind::Criteria => "criteria",
            FieldKind::Research => "research",
            FieldKind::Screening => "screening",
            FieldKind::Location => "location",
        }
    }

    /// Every kind, as written.
    pub const ALL: [FieldKind; 17] = [
        FieldKind::Text,
        FieldKind::Date,
        FieldKind::Integer,
        FieldKind::Number,
        FieldKind::YesNo,
        FieldKind::List,
        FieldKind::Id,
        FieldKind::Ids,
        FieldKind::Ref,
        FieldKind::Refs,
        FieldKind::Url,
        FieldKind::Status,
        FieldKind::Indicators,
        FieldKind::Criteria,
        FieldKind::Research,
        FieldKind::Screening,
        FieldKind::Location,
    ];

    /// The kinds a site may give the fields it adds.
    pub const FOR_SITE_FIELDS: [FieldKind; 7] = [
        FieldKind::Text,
        FieldKind::Date,
        FieldKind::Integer,
        FieldKind::Number,
        FieldKind::YesNo,
        FieldKind::List,
        FieldKind::Url,
    ];

    /// The kind written as `id`.
    pub fn from_id(id: &str) -> Option<FieldKind> {
        FieldKind::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// A frontmatter field of one or more content types.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    /// The key, as written in frontmatter.
    pub name: String,
    /// Label and description (the term's id is the name).
    #[serde(skip)]
    pub term: Term,
    /// Content types that have this field.
    #[serde(skip)]
    pub types: Vec<ContentType>,
    /// How it is written.
    pub kind: FieldKind,
    /// For id, ids, ref and refs: the schema list or content type the ids come from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
    /// Content types that must give it.
    #[serde(skip)]
    pub required_for: Vec<ContentType>,
    /// Names organizations, not people: `check` warns about what looks like a personal name.
    pub organizations: bool,
    /// Kept out of public builds.
    pub sensitive: bool,
    /// Declared by Fieldbook (validated by its code) rather than added by the site.
    #[serde(skip)]
    pub builtin: bool,
}

impl HasTerm for Field {
    fn term(&self) -> &Term {
        &self.term
    }
    fn term_mut(&mut self) -> &mut Term {
        &mut self.term
    }
}

/// A narrative section of a content type: a heading (the label) and what to write under it
/// (the description).
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// Id, heading, prompt.
    #[serde(flatten)]
    pub term: Term,
    /// The content types it is written for.
    #[serde(skip)]
    pub types: Vec<ContentType>,
}

macro_rules! has_term {
    ($($t:ty),*) => {$(
        impl HasTerm for $t {
            fn term(&self) -> &Term {
                &self.term
            }
            fn term_mut(&mut self) -> &mut Term {
                &mut self.term
            }
        }
    )*};
}
has_term!(Indicator, Dimension, ResearchArea, Question, ProjectCriterion, Approach, Section);

/// The whole schema in force for a site.
#[derive(Debug, Clone, Serialize)]
pub struct Schema {
    /// Indicator groups.
    pub indicator_groups: Vocab<Term>,
    /// Indicators, group by group.
    pub indicators: Vocab<Indicator>,
    /// Disaggregation dimensions.
    pub disaggregations: Vocab<Dimension>,
    /// Favourable-environment criteria.
    pub criteria: Vocab<Term>,
    /// Labels of the four criterion statuses.
    pub criterion_statuses: Vocab<Term>,
    /// Data-collection methods.
    pub methods: Vocab<Term>,
    /// Table 3.1 research areas.
    pub research_areas: Vocab<ResearchArea>,
    /// Table 3.1 research questions.
    pub research_questions: Vocab<Question>,
    /// Table 3.2 project criteria.
    pub project_criteria: Vocab<ProjectCriterion>,
    /// Table 3.3 approaches.
    pub approaches: Vocab<Approach>,
    /// Service sectors.
    pub sectors: Vocab<Term>,
    /// Guidance topics that are not sectors.
    pub guidance_topics: Vocab<Term>,
    /// Reintegration dimensions.
    pub dimensions: Vocab<Term>,
    /// Reintegration levels.
    pub levels: Vocab<Term>,
    /// Project stages.
    pub project_stages: Vocab<Term>,
    /// Frontmatter fields of every content type.
    pub fields: Vec<Field>,
    /// The narrative sections `fieldbook new` writes into a new file's body.
    pub sections: Vocab<Section>,
    /// Where the site's schema.toml defines or changes each entry (its `id = "..."` line, a
    /// field's `name = "..."`), by list (`indicators`, `fields`) and id: for what is found of
    /// the site's own wording once the site's languages are known ([`languages`]). Empty for
    /// the built-in schema.
    #[serde(skip)]
    pub site_entries: BTreeMap<(&'static str, String), crate::diagnostic::Location>,
    /// The names of the fields the site's schema.toml defines but that were refused (an error
    /// says why): content giving one is not told the field is unknown, which the error's
    /// cause already says.
    #[serde(skip)]
    pub refused_fields: BTreeSet<String>,
}

impl Schema {
    /// How one respondent of part `part` of dimension `d` is named in the schema's language
    /// (`Femme` in French): the dimension's `respondent` label, else the part's label.
    pub fn respondent_label<'a>(&'a self, d: usize, part: &'a str) -> &'a str {
        let dimension = &self.disaggregations[d];
        dimension.respondent.get(part).map_or_else(|| dimension.part_label(part), String::as_str)
    }

    /// The schema built into Fieldbook, without any site extension.
    pub fn builtin() -> Schema {
        let (schema, diagnostics) = load(None);
        debug_assert!(diagnostics.is_ok(), "built-in schema: {diagnostics:?}");
        schema
    }

    /// A copy without sensitive indicators and fields, for public exports.
    pub fn without_sensitive(&self) -> Schema {
        let mut schema = self.clone();
        schema.indicators = Vocab::new(self.indicators.iter().filter(|i| !i.sensitive).cloned().collect());
        schema.fields.retain(|f| !f.sensitive);
        schema
    }

    /// The schema list named `name` (as in a field's `of`), as ids and labels.
    pub fn list(&self, name: &str) -> Option<Vec<&Term>> {
        fn terms<T: HasTerm>(v: &Vocab<T>) -> Vec<&Term> {
            v.iter().map(HasTerm::term).collect()
        }
        Some(match name {
            "indicator_groups" => terms(&self.indicator_groups),
            "indicators" => terms(&self.indicators),
            "disaggregations" => terms(&self.disaggregations),
            "criteria" => terms(&self.criteria),
            "criterion_statuses" => terms(&self.criterion_statuses),
            "methods" => terms(&self.methods),
            "research_areas" => terms(&self.research_areas),
            "research_questions" => terms(&self.research_questions),
            "project_criteria" => terms(&self.project_criteria),
            "approaches" => terms(&self.approaches),
            "sectors" => terms(&self.sectors),
            "guidance_topics" => terms(&self.guidance_topics),
            "dimensions" => terms(&self.dimensions),
            "levels" => terms(&self.levels),
            "project_stages" => terms(&self.project_stages),
            _ => return None,
        })
    }

    /// The fields of a content type, in schema order.
    pub fn fields_of(&self, content_type: ContentType) -> impl Iterator<Item = (usize, &Field)> {
        self.fields.iter().enumerate().filter(move |(_, f)| f.types.contains(&content_type))
    }

    /// The field `name` of a content type.
    pub fn field(&self, content_type: ContentType, name: &str) -> Option<&Field> {
        self.fields_of(content_type).map(|(_, f)| f).find(|f| f.name == name)
    }

    /// The narrative sections of a content type, in order.
    pub fn sections_of(&self, content_type: ContentType) -> impl Iterator<Item = &Section> {
        self.sections.iter().filter(move |s| s.types.contains(&content_type))
    }

    /// Indicators of group `group` (an index), in order.
    pub fn indicators_in_group(&self, group: usize) -> impl Iterator<Item = (usize, &Indicator)> {
        self.indicators.iter().enumerate().filter(move |(_, i)| i.group == group)
    }
}

#[cfg(test)]
mod tests;
