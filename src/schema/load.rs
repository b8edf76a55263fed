//! Reading the schema files and merging a site's extension into the built-in schema.
//!
//! Every file is read into "definitions" whose keys are all optional but the id. A site entry
//! whose id already exists changes only the keys it gives; a new id adds an entry, which must
//! then give everything an entry of its kind needs. Only then are definitions resolved into the
//! typed schema, with a located error for every reference that does not hold.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;

use super::*;
use crate::diagnostic::{Diagnostic, Diagnostics, Location, suggestion_said};
use crate::messages::Message;
use crate::source::{SourceFile, Span};
use crate::text::is_slug;

mod dimensions;
mod parts;
mod site_entries;
use dimensions::{DimensionDef, resolve_dimensions};
use indicators::resolve_indicators;

/// The built-in handbook schema (indicators, criteria, questions...).
pub const BUILTIN_HANDBOOK: &str = include_str!("handbook.toml");
/// The built-in field list of each content type.
pub const BUILTIN_FIELDS: &str = include_str!("fields.toml");

/// Where a definition came from, to locate errors.
#[derive(Clone, Copy)]
enum Origin {
    Builtin(&'static str),
    Site(Span),
}

trait Def: DeserializeOwned {
    fn id(&self) -> &str;
    fn merge(&mut self, other: Self);
}

/// Generates a definition struct whose keys are all optional, and its merge; `labelled parts`
/// adds the labels of its parts (`part_label`, `part_labels`), merged part by part.
macro_rules! definition {
    ($name:ident { $($field:ident : $ty:ty),* $(,)? } $($labelled:ident parts)?) => {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct $name {
            id: String,
            label: Option<String>,
            #[serde(default)]
            labels: BTreeMap<String, String>,
            description: Option<String>,
            #[serde(default)]
            descriptions: BTreeMap<String, String>,
            $($field: Option<$ty>,)*
            $(#[doc = concat!("The ", stringify!($labelled), " parts: their labels in the file's language.")]
            #[serde(default)]
            part_label: BTreeMap<String, String>,
            /// The same by language.
            #[serde(default)]
            part_labels: parts::ByLanguage,)?
        }

        impl Def for $name {
            fn id(&self) -> &str {
                &self.id
            }
            fn merge(&mut self, other: Self) {
                if other.label.is_some() {
                    self.label = other.label;
                }
                self.labels.extend(other.labels);
                self.descriptions.extend(other.descriptions);
                if other.description.is_some() {
                    self.description = other.description;
                }
                $(if other.$field.is_some() {
                    self.$field = other.$field;
                })*
                $(let $labelled = (other.part_label, other.part_labels);
                parts::merge((&mut self.part_label, &mut self.part_labels), $labelled);)?
            }
        }
    };
}

definition!(TermDef {});
definition!(IndicatorDef {
    group: String,
    kind: String,
    unit: String,
    scale: ScaleDef,
    parts: Vec<String>,
    disaggregation: Vec<String>,
    sensitive: bool,
    aggregate: String,
    survey: bool,
    min: f64,
    max: f64,
    question: String,
    questions: BTreeMap<String, String>,
} labelled parts);
definition!(AreaDef { methods: Vec<String> });
definition!(QuestionDef { area: String });
definition!(ProjectCriterionDef { polarity: String });
definition!(ApproachDef { advantages: Vec<String>, disadvantages: Vec<String> });
definition!(SectionDef { types: Vec<String> });

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct ScaleDef {
    min: i64,
    max: i64,
    #[serde(default)]
    labels: Vec<String>,
}

#[derive(Deserialize, Clone)]
#[serde(untagged)]
enum RequiredDef {
    All(bool),
    Types(Vec<String>),
}

/// Fields are keyed by `name`, not `id`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldDef {
    name: String,
    types: Option<Vec<String>>,
    kind: Option<String>,
    of: Option<String>,
    required: Option<RequiredDef>,
    organizations: Option<bool>,
    sensitive: Option<bool>,
    label: Option<String>,
    #[serde(default)]
    labels: BTreeMap<String, String>,
    description: Option<String>,
    #[serde(default)]
    descriptions: BTreeMap<String, String>,
}

impl Def for FieldDef {
    fn id(&self) -> &str {
        &self.name
    }
    fn merge(&mut self, other: Self) {
        macro_rules! take {
            ($($f:ident),*) => {$(if other.$f.is_some() { self.$f = other.$f; })*};
        }
        take!(types, kind, of, required, organizations, sensitive, label, description);
        self.labels.extend(other.labels);
        self.descriptions.extend(other.descriptions);
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct SchemaFile {
    #[serde(default)]
    indicator_groups: Vec<Spanned<TermDef>>,
    #[serde(default)]
    indicators: Vec<Spanned<IndicatorDef>>,
    #[serde(default)]
    disaggregations: Vec<Spanned<DimensionDef>>,
    #[serde(default)]
    criteria: Vec<Spanned<TermDef>>,
    #[serde(default)]
    criterion_statuses: Vec<Spanned<TermDef>>,
    #[serde(default)]
    methods: Vec<Spanned<TermDef>>,
    #[serde(default)]
    research_areas: Vec<Spanned<AreaDef>>,
    #[serde(default)]
    research_questions: Vec<Spanned<QuestionDef>>,
    #[serde(default)]
    project_criteria: Vec<Spanned<ProjectCriterionDef>>,
    #[serde(default)]
    approaches: Vec<Spanned<ApproachDef>>,
    #[serde(default)]
    sectors: Vec<Spanned<TermDef>>,
    #[serde(default)]
    guidance_topics: Vec<Spanned<TermDef>>,
    #[serde(default)]
    dimensions: Vec<Spanned<TermDef>>,
    #[serde(default)]
    levels: Vec<Spanned<TermDef>>,
    #[serde(default)]
    project_stages: Vec<Spanned<TermDef>>,
    #[serde(default)]
    fields: Vec<Spanned<FieldDef>>,
    #[serde(default)]
    sections: Vec<Spanned<SectionDef>>,
}

/// Definitions of one list, merged, in order, each with where it was (last) defined and
/// whether the site added it.
struct Merged<D> {
    defs: Vec<(D, Origin, bool)>,
}

impl<D: Def> Merged<D> {
    fn new() -> Self {
        Merged { defs: Vec::new() }
    }

    fn add(&mut self, items: Vec<Spanned<D>>, origin: &dyn Fn(Span) -> Origin, from_site: bool) {
        for item in items {
            let range = item.span();
            let here = origin(Span::new(range.start, range.end));
            let def = item.into_inner();
            match self.defs.iter_mut().find(|(d, _, _)| d.id() == def.id()) {
                Some((existing, at, _)) => {
                    existing.merge(def);
                    *at = here;
                }
                None => self.defs.push((def, here, from_site)),
            }
        }
    }
}

/// Turns a span in a schema file into an [`Origin`].
type OriginOf = Box<dyn Fn(Span) -> Origin>;

/// The keys every entry has.
struct Common {
    id: String,
    label: Option<String>,
    labels: BTreeMap<String, String>,
    description: Option<String>,
    descriptions: BTreeMap<String, String>,
}

/// The keys every entry has, moved out of an entry's definition (`d`), whose other keys stay
/// for the caller to read.
macro_rules! common {
    ($d:ident) => {
        Common {
            id: $d.id,
            label: $d.label,
            labels: $d.labels,
            description: $d.description,
            descriptions: $d.descriptions,
        }
    };
}

// After `common!`, which it uses: a macro is in scope only below its definition.
mod indicators;
mod kinds;

struct Reporter<'a> {
    site: Option<&'a SourceFile>,
    diagnostics: Diagnostics,
}

impl Reporter<'_> {
    fn location(&self, origin: Origin) -> Location {
        match (origin, self.site) {
            (Origin::Site(span), Some(site)) => Location::at(site, span),
            (Origin::Builtin(name), _) => Location::file(format!("(built-in {name})")),
            (Origin::Site(_), None) => Location::file("schema.toml"),
        }
    }

    fn error(&mut self, origin: Origin, message: Message, help: Option<Message>) {
        let d = Diagnostic::error_said("schema", self.location(origin), message).with_optional_help_said(help);
        self.diagnostics.push(d);
    }

    /// The `id = "ID"` line (`name = "NAME"` for a field) of the site's entry at `origin` (its
    /// `[[...]]` line when the id is written otherwise): where a problem of the whole entry is
    /// shown, by the name the reader looks for.
    fn at_id(&self, origin: Origin, id: &str) -> Location {
        if let (Origin::Site(span), Some(site)) = (origin, self.site) {
            // The entry's span is its `[[...]]` line; its keys follow, up to the next table.
            let mut start = span.start as usize;
            let rest = site.text.get(start..).unwrap_or_default();
            for (n, line) in rest.split_inclusive('\n').enumerate() {
                let code = line.split('#').next().unwrap_or_default().trim();
                if n > 0 && code.starts_with('[') {
                    break;
                }
                // A field is named by `name`, every other entry by `id`.
                if let Some((key, value)) = code.split_once('=')
                    && matches!(key.trim(), "id" | "name")
                    && value.trim().trim_matches(['"', '\'']) == id
                {
                    let indent = line.len() - line.trim_start().len();
                    return Location::at(site, Span::new(start + indent, start + indent + code.len()));
                }
                start += line.len();
            }
        }
        self.location(origin)
    }
}

/// Every key of the site's `labels`, `descriptions`, `part_labels` and `respondents` is a
/// language code, checked as fieldbook.toml's languages are: a text under any other key
/// (`français`, `fr_FR`) would never be shown.
fn check_language_keys(reporter: &mut Reporter<'_>, site: &SourceFile) {
    let located = crate::config::Located::of(&site.text);
    for (table, language, span) in located.keys_of(&["labels", "descriptions", "part_labels", "respondents"]) {
        if !crate::locale::is_language_tag(language) {
            let (message, help) = crate::config::not_a_language(&site.text, table, language, Some(span), false);
            reporter.error(Origin::Site(span), message, Some(help));
        }
    }
}

/// The schema in force: the built-in schema, extended by `site_schema` (a site's schema.toml)
/// when there is one. Problems in the site file come back as located diagnostics; entries with
/// problems are left out, so the rest of the site can still be checked.
pub fn load(site_schema: Option<&SourceFile>) -> (Schema, Diagnostics) {
    let mut reporter = Reporter { site: site_schema, diagnostics: Diagnostics::new() };
    let mut files: Vec<(SchemaFile, OriginOf, bool)> = Vec::new();
    for (name, text) in [("handbook schema", BUILTIN_HANDBOOK), ("field list", BUILTIN_FIELDS)] {
        match toml::from_str::<SchemaFile>(text) {
            Ok(file) => files.push((file, Box::new(move |_| Origin::Builtin(name)), false)),
            // The built-in schema is Fieldbook's own, read by a test in every build: never seen.
            Err(e) => reporter.diagnostics.push(Diagnostic::error(
                "schema",
                reporter.location(Origin::Builtin(name)),
                e.message().to_string(),
            )),
        }
    }
    if let Some(site) = site_schema {
        match toml::from_str::<SchemaFile>(&site.text) {
            Ok(file) => {
                check_language_keys(&mut reporter, site);
                files.push((file, Box::new(Origin::Site), true));
            }
            Err(e) => {
                let mistake = crate::config::toml_mistake(crate::config::SCHEMA_FILE, &site.text, &e);
                reporter.error(Origin::Site(mistake.span), mistake.message, mistake.help);
            }
        }
    }

    // Where the site's own entries are, before they are merged into the built-in ones.
    let site_entries = site_entries::located(&reporter, &files);

    macro_rules! merged {
        ($field:ident) => {{
            let mut merged = Merged::new();
            for (file, origin, from_site) in files.iter_mut() {
                merged.add(std::mem::take(&mut file.$field), origin.as_ref(), *from_site);
            }
            merged
        }};
    }
    let groups = resolve_terms(&mut reporter, merged!(indicator_groups), "indicator group");
    let disaggregations = resolve_dimensions(&mut reporter, merged!(disaggregations));
    let indicators = resolve_indicators(&mut reporter, merged!(indicators), &groups, &disaggregations);
    let criteria = resolve_terms(&mut reporter, merged!(criteria), "criterion");
    let criterion_statuses = resolve_terms(&mut reporter, merged!(criterion_statuses), "criterion status");
    for status in crate::model::CriterionStatus::ALL {
        if criterion_statuses.get(status.id()).is_none() {
            reporter.error(
                Origin::Builtin("handbook schema"),
                Message::new("schema.status-no-label").with("id", status.id()),
                None,
            );
        }
    }
    let methods = resolve_terms(&mut reporter, merged!(methods), "method");
    let (research_areas, research_questions) =
        resolve_research(&mut reporter, merged!(research_areas), merged!(research_questions), &methods);
    let project_criteria = resolve_project_criteria(&mut reporter, merged!(project_criteria));
    let approaches = resolve_approaches(&mut reporter, merged!(approaches));
    let sectors = resolve_terms(&mut reporter, merged!(sectors), "sector");
    let guidance_topics = resolve_terms(&mut reporter, merged!(guidance_topics), "guidance topic");
    let dimensions = resolve_terms(&mut reporter, merged!(dimensions), "dimension");
    let levels = resolve_terms(&mut reporter, merged!(levels), "level");
    let project_stages = resolve_terms(&mut reporter, merged!(project_stages), "project stage");
    let mut schema = Schema {
        indicator_groups: groups,
        indicators,
        disaggregations,
        criteria,
        criterion_statuses,
        methods,
        research_areas,
        research_questions,
        project_criteria,
        approaches,
        sectors,
        guidance_topics,
        dimensions,
        levels,
        project_stages,
        fields: Vec::new(),
        sections: Vocab::new(Vec::new()),
        site_entries,
        refused_fields: Default::default(),
    };
    (schema.fields, schema.refused_fields) = resolve_fields(&mut reporter, merged!(fields), &schema);
    schema.sections = resolve_sections(&mut reporter, merged!(sections));
    (schema, reporter.diagnostics)
}

/// What an entry of the schema is (`"indicator group"`), as the catalogue names it.
fn what_said(what: &str) -> Message {
    Message::new(match what {
        "indicator" => "schema.what.indicator",
        "indicator group" => "schema.what.indicator-group",
        "disaggregation dimension" => "schema.what.disaggregation-dimension",
        "criterion" => "schema.what.criterion",
        "criterion status" => "schema.what.criterion-status",
        "method" => "schema.what.method",
        "research area" => "schema.what.research-area",
        "research question" => "schema.what.research-question",
        "project criterion" => "schema.what.project-criterion",
        "approach" => "schema.what.approach",
        "sector" => "schema.what.sector",
        "guidance topic" => "schema.what.guidance-topic",
        "dimension" => "schema.what.dimension",
        "level" => "schema.what.level",
        "project stage" => "schema.what.project-stage",
        "section" => "schema.what.section",
        _ => "schema.what.field",
    })
}

/// The common part of every entry; reports a missing label or description on new entries.
fn term(
    reporter: &mut Reporter<'_>,
    what: &str,
    common: Common,
    origin: Origin,
    seen: &mut HashSet<String>,
) -> Option<Term> {
    let Common { id, label, labels, description, descriptions } = common;
    if !is_slug(&id) && what != "field" {
        reporter.error(
            origin,
            Message::new("schema.not-plain-id").phrase("what", what_said(what)).with("id", id.clone()),
            Some(Message::new("schema.plain-id-help").with("example", crate::text::slugify(&id))),
        );
        return None;
    }
    if !seen.insert(id.clone()) {
        return None;
    }
    let Some(label) = label else {
        let message = Message::new("schema.needs-label").phrase("what", what_said(what)).with("id", id);
        reporter.error(origin, message, None);
        return None;
    };
    Some(Term { id, label, labels, description: description.unwrap_or_default(), descriptions })
}

fn resolve_terms(reporter: &mut Reporter<'_>, merged: Merged<TermDef>, what: &str) -> Vocab<Term> {
    let mut seen = HashSet::new();
    let items = merged
        .defs
        .into_iter()
        .filter_map(|(d, origin, _)| term(reporter, what, common!(d), origin, &mut seen))
        .collect();
    Vocab::new(items)
}

fn lookup<T: HasTerm>(
    reporter: &mut Reporter<'_>,
    origin: Origin,
    vocab: &Vocab<T>,
    what: &str,
    id: &str,
) -> Option<usize> {
    let found = vocab.get(id);
    if found.is_none() {
        let message = Message::new("schema.unknown").phrase("what", what_said(what)).with("id", id);
        reporter.error(origin, message, suggestion_said(id, vocab.ids()));
    }
    found
}

fn resolve_research(
    reporter: &mut Reporter<'_>,
    areas: Merged<AreaDef>,
    questions: Merged<QuestionDef>,
    methods: &Vocab<Term>,
) -> (Vocab<ResearchArea>, Vocab<Question>) {
    let mut seen = HashSet::new();
    let mut area_items = Vec::new();
    for (d, origin, _) in areas.defs {
        let Some(term) = term(reporter, "research area", common!(d), origin, &mut seen) else {
            continue;
        };
        let mut suggested = Vec::new();
        for m in d.methods.unwrap_or_default() {
            suggested.extend(lookup(reporter, origin, methods, "method", &m));
        }
        area_items.push(ResearchArea {
            term,
            method_ids: suggested.iter().map(|&i| methods[i].id.clone()).collect(),
            methods: suggested,
            questions: Vec::new(),
        });
    }
    let mut area_vocab = Vocab::new(area_items);
    let mut seen = HashSet::new();
    let mut question_items = Vec::new();
    for (d, origin, _) in questions.defs {
        let Some(term) = term(reporter, "research question", common!(d), origin, &mut seen) else {
            continue;
        };
        let Some(area_id) = d.area else {
            reporter.error(origin, Message::new("schema.needs-area").with("id", term.id.clone()), None);
            continue;
        };
        let Some(area) = lookup(reporter, origin, &area_vocab, "research area", &area_id) else {
            continue;
        };
        question_items.push(Question { term, area, area_id });
    }
    let questions = Vocab::new(question_items);
    for (qi, q) in questions.iter().enumerate() {
        area_vocab.items[q.area].questions.push(qi);
    }
    (area_vocab, questions)
}

fn resolve_project_criteria(
    reporter: &mut Reporter<'_>,
    merged: Merged<ProjectCriterionDef>,
) -> Vocab<ProjectCriterion> {
    let mut seen = HashSet::new();
    let mut items = Vec::new();
    for (d, origin, _) in merged.defs {
        let Some(term) = term(reporter, "project criterion", common!(d), origin, &mut seen) else {
            continue;
        };
        let polarity = match d.polarity.as_deref() {
            Some("positive") => Polarity::Positive,
            Some("negative") => Polarity::Negative,
            other => {
                reporter.error(
                    origin,
                    Message::new("schema.needs-polarity").with("id", term.id.clone()),
                    other.map(|o| Message::new("schema.neither").with("value", o)),
                );
                continue;
            }
        };
        items.push(ProjectCriterion { term, polarity });
    }
    Vocab::new(items)
}

fn resolve_approaches(reporter: &mut Reporter<'_>, merged: Merged<ApproachDef>) -> Vocab<Approach> {
    let mut seen = HashSet::new();
    let items = merged
        .defs
        .into_iter()
        .filter_map(|(d, origin, _)| {
            let term = term(reporter, "approach", common!(d), origin, &mut seen)?;
            Some(Approach {
                term,
                advantages: d.advantages.unwrap_or_default(),
                disadvantages: d.disadvantages.unwrap_or_default(),
            })
        })
        .collect();
    Vocab::new(items)
}

/// The content types named in `types`, each unknown one reported.
fn content_types(reporter: &mut Reporter<'_>, origin: Origin, type_ids: &[String]) -> Vec<ContentType> {
    let mut types = Vec::new();
    for t in type_ids {
        match ContentType::from_id(t) {
            Some(ct) => types.push(ct),
            None => reporter.error(
                origin,
                Message::new("schema.unknown-type").with("type", t.clone()),
                suggestion_said(t, ContentType::ALL.map(ContentType::id)),
            ),
        }
    }
    types
}

/// The term of a new or changed entry that belongs to content types, with those types; `None`
/// (reported) when either is wrong.
fn term_with_types(
    reporter: &mut Reporter<'_>,
    what: &str,
    common: Common,
    types: Option<Vec<String>>,
    origin: Origin,
    seen: &mut HashSet<String>,
) -> Option<(Term, Vec<ContentType>)> {
    let term = term(reporter, what, common, origin, seen)?;
    let types = content_types(reporter, origin, &types.unwrap_or_default());
    if types.is_empty() {
        reporter.error(
            origin,
            Message::new("schema.needs-types").phrase("what", what_said(what)).with("id", term.id.clone()),
            Some(Message::new("schema.needs-types-help")),
        );
        return None;
    }
    Some((term, types))
}

fn resolve_sections(reporter: &mut Reporter<'_>, merged: Merged<SectionDef>) -> Vocab<Section> {
    let mut seen = HashSet::new();
    let items = merged
        .defs
        .into_iter()
        .filter_map(|(d, origin, _)| {
            let common = common!(d);
            let (term, types) = term_with_types(reporter, "section", common, d.types, origin, &mut seen)?;
            Some(Section { term, types })
        })
        .collect();
    Vocab::new(items)
}

/// The fields of `merged`, and the names of those refused (each with an error).
fn resolve_fields(
    reporter: &mut Reporter<'_>,
    merged: Merged<FieldDef>,
    schema: &Schema,
) -> (Vec<Field>, BTreeSet<String>) {
    let mut fields = Vec::new();
    let mut refused = BTreeSet::new();
    let mut seen = HashSet::new();
    for (d, origin, from_site) in merged.defs {
        let name = d.name.clone();
        // Taken back below once the field is made.
        refused.insert(name.clone());
        let common = Common {
            id: d.name,
            label: d.label,
            labels: d.labels,
            description: d.description,
            descriptions: d.descriptions,
        };
        let Some((term, types)) = term_with_types(reporter, "field", common, d.types, origin, &mut seen) else {
            continue;
        };
        let kind_id = d.kind.unwrap_or_default();
        let allowed: &[FieldKind] = if from_site { &FieldKind::FOR_SITE_FIELDS } else { &FieldKind::ALL };
        let Some(kind) = FieldKind::from_id(&kind_id).filter(|k| allowed.contains(k)) else {
            let ids: Vec<&str> = allowed.iter().map(|k| k.id()).collect();
            // A field without a `kind` is told it needs one, not that nothing is no kind.
            let message = match kind_id.is_empty() {
                true => Message::new("schema.field-no-kind").with("field", name.clone()),
                false => Message::new("schema.field-kind").with("field", name.clone()).with("kind", kind_id.clone()),
            };
            reporter.error(origin, message, kinds::kind_help(&kind_id, &ids));
            continue;
        };
        if from_site && let Some(file) = super::export_columns::taken(&name, &types) {
            let message = Message::new("schema.field-name-exported").with("field", name.clone()).with("file", file);
            reporter.error(origin, message, Some(Message::new("schema.field-name-exported-help")));
            continue;
        }
        if let Some(of) = &d.of
            && schema.list(of).is_none()
            && ContentType::from_id(of).is_none()
        {
            reporter.error(origin, Message::new("schema.unknown-of").with("of", of.clone()), None);
            continue;
        }
        let mut sensitive = d.sensitive.unwrap_or(false);
        if !from_site && sensitive && !crate::disclosure::fields::can_be_sensitive(&name) {
            // A promise the build could not keep: the page itself is made of this field. The
            // field stays, not sensitive, so that content giving it is still checked.
            sensitive = false;
            reporter.error(
                origin,
                Message::new("schema.cannot-withhold").with("field", name.clone()),
                Some(
                    Message::new("schema.cannot-withhold-help")
                        .with("fields", crate::disclosure::fields::WITHHOLDABLE.join(", ")),
                ),
            );
        }
        let required_for = match d.required {
            None | Some(RequiredDef::All(false)) => Vec::new(),
            Some(RequiredDef::All(true)) => types.clone(),
            Some(RequiredDef::Types(list)) => list.iter().filter_map(|t| ContentType::from_id(t)).collect(),
        };
        fields.push(Field {
            name,
            term,
            types,
            kind,
            of: d.of,
            required_for,
            organizations: d.organizations.unwrap_or(false),
            sensitive,
            builtin: !from_site,
        });
    }
    for field in &fields {
        refused.remove(&field.name);
    }
    (fields, refused)
}

#[cfg(test)]
mod tests;
