//! What a community profile's page shows of its figures: its indicators by group, its
//! criteria and its research areas, as rows with their labels from the schema and their
//! values as the page's language writes them.

use serde::Serialize;
use tera::Value;

use super::*;
/// A labelled link whose label is borrowed from the schema: shown as [`Link`] is.
#[derive(Debug, Clone, Serialize)]
pub struct LinkRef<'a> {
    /// What is shown.
    pub label: &'a str,
    /// Site path of the target.
    pub path: String,
}

/// One indicator in a profile. The views of a profile borrow their text from the schema and
/// the site: a profile page has a few hundred of these values, and copying each one into the
/// view before Tera copies it again cost more than the rest of making the view.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorRow<'a> {
    /// The indicator's number in the schema.
    #[serde(skip)]
    pub indicator: usize,
    /// Label.
    pub label: &'a str,
    /// The indicator's comparison page.
    pub path: String,
    /// True when the profile gives it.
    pub given: bool,
    /// True when given as unknown.
    pub unknown: bool,
    /// The value as text.
    pub value: String,
    /// Where the figure comes from, in the page's language when Fieldbook wrote it
    /// ([`Env::source_shown`]).
    pub source: Option<std::borrow::Cow<'a, str>>,
    /// How it was collected.
    pub method: Option<LinkRef<'a>>,
    /// When.
    pub date: Option<String>,
    /// Respondents.
    pub n: Option<u64>,
    /// Confidence label.
    pub confidence: Option<&'a str>,
    /// Confidence id (for styling).
    pub confidence_id: Option<&'static str>,
    /// Why that confidence.
    pub confidence_reason: Option<&'a str>,
    /// Notes.
    pub notes: Option<&'a str>,
    /// Values for parts of the population.
    pub disaggregation: Vec<DisaggregationView<'a>>,
}

/// A group of indicators in a profile.
#[derive(Debug, Clone, Serialize)]
pub struct GroupView<'a> {
    /// Group id.
    pub id: &'a str,
    /// Label.
    pub label: &'a str,
    /// Description.
    pub description: &'a str,
    /// Its indicators, given or not.
    pub rows: Vec<IndicatorRow<'a>>,
}

impl GroupView<'_> {
    /// The group as a template value. The rows of indicators the profile does not give are
    /// the same in every profile: they come made from `not_given` (by indicator).
    pub fn to_value(&self, not_given: &[Value]) -> Value {
        #[derive(Serialize)]
        struct GroupValue<'b> {
            id: &'b str,
            label: &'b str,
            description: &'b str,
            rows: Vec<Value>,
        }
        let rows = self
            .rows
            .iter()
            .map(|row| match not_given.get(row.indicator) {
                Some(made) if !row.given => made.clone(),
                _ => Value::from_serializable(row),
            })
            .collect();
        Value::from_serializable(&GroupValue { id: self.id, label: self.label, description: self.description, rows })
    }
}

/// A criterion in a profile's scorecard.
#[derive(Debug, Clone, Serialize)]
pub struct CriterionRow<'a> {
    /// Criterion id.
    pub id: &'a str,
    /// Label.
    pub label: &'a str,
    /// What it means.
    pub description: &'a str,
    /// Status id.
    pub status: &'static str,
    /// Status label.
    pub status_label: &'a str,
    /// The evidence.
    pub evidence: Option<&'a str>,
}

/// A research area's coverage in a profile.
#[derive(Debug, Clone, Serialize)]
pub struct AreaView<'a> {
    /// Area id.
    pub id: &'a str,
    /// Label.
    pub label: &'a str,
    /// Questions answered.
    pub answered: usize,
    /// Questions in the area.
    pub total: usize,
    /// The questions, as [`QuestionRow`] values.
    pub questions: Vec<Value>,
}

/// A research question in a profile.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionRow<'a> {
    /// q1...
    pub id: &'a str,
    /// The question.
    pub label: &'a str,
    /// True if answered.
    pub answered: bool,
    /// Methods used.
    pub methods: Vec<&'a str>,
}

impl<'a> Env<'a> {
    /// The indicator groups of community `i`, every visible indicator listed.
    pub fn indicator_groups(&self, i: usize) -> Vec<GroupView<'a>> {
        let schema = self.schema;
        let Some(c) = self.site.docs[i].community() else { return Vec::new() };
        schema
            .indicator_groups
            .iter()
            .enumerate()
            .map(|(g, group)| GroupView {
                id: &group.id,
                label: &group.label,
                description: &group.description,
                rows: schema
                    .indicators_in_group(g)
                    .filter(|(ii, _)| self.site.indicator_visible[*ii])
                    .map(|(ii, _)| {
                        let entry = c.indicators.iter().find(|e| e.indicator == ii);
                        self.indicator_row(ii, entry)
                    })
                    .collect(),
            })
            .filter(|g| !g.rows.is_empty())
            .collect()
    }

    /// One indicator row, given or not.
    pub fn indicator_row(&self, ii: usize, entry: Option<&'a crate::model::IndicatorEntry>) -> IndicatorRow<'a> {
        let schema = self.schema;
        let indicator = &schema.indicators[ii];
        let mut row = IndicatorRow {
            indicator: ii,
            label: &indicator.term.label,
            path: self.section(routes::indicator(&indicator.term.id)),
            given: entry.is_some(),
            unknown: false,
            value: String::new(),
            source: None,
            method: None,
            date: None,
            n: None,
            confidence: None,
            confidence_id: None,
            confidence_reason: None,
            notes: None,
            disaggregation: Vec::new(),
        };
        // An entry the public build cannot publish at all is shown as not given.
        let entry = entry.map(|e| (e, self.masking.protect(e, indicator.kind))).filter(|(_, p)| !p.entry_withheld());
        let Some((entry, protection)) = entry else {
            row.given = false;
            row.value = self.t("not_given");
            return row;
        };
        row.unknown = entry.value == IndicatorValue::Unknown;
        row.value = self.masking.value_text(&protection, entry, indicator, self.locale);
        row.source = entry.source.as_deref().map(|source| self.source_shown(source));
        row.method = entry.method().map(|m| {
            let method = &schema.methods[m];
            let mut path = String::with_capacity(self.sections.len() + routes::RESEARCH.len() + 1 + method.id.len());
            path.push_str(self.sections);
            path.push_str(routes::RESEARCH);
            path.push('#');
            path.push_str(&method.id);
            LinkRef { label: &method.label, path }
        });
        row.date = entry.date.map(|d| self.locale.date(d));
        row.n = entry.n();
        row.confidence = entry.confidence.map(|c| ui(self.locale, c.label_key()));
        row.confidence_id = entry.confidence.map(|c| c.id());
        row.confidence_reason = entry.confidence_reason();
        row.notes = entry.notes();
        row.disaggregation = self.disaggregation_views(indicator, entry, &protection);
        row
    }

    /// An entry's values for parts of the population, as shown (see
    /// [`format::disaggregation_views`](crate::render::format::disaggregation_views)).
    pub fn disaggregation_views(
        &self,
        indicator: &crate::schema::Indicator,
        entry: &'a crate::model::IndicatorEntry,
        protection: &crate::disclosure::Protection,
    ) -> Vec<DisaggregationView<'a>> {
        crate::render::format::disaggregation_views(
            self.schema,
            self.masking,
            indicator,
            entry,
            protection,
            self.locale,
        )
    }

    /// The seven-criteria scorecard of community `i`.
    pub fn criteria_rows(&self, i: usize) -> Vec<CriterionRow<'a>> {
        let Some(c) = self.site.docs[i].community() else { return Vec::new() };
        c.criteria
            .iter()
            .map(|entry| {
                let term = &self.schema.criteria[entry.criterion];
                CriterionRow {
                    id: &term.id,
                    label: &term.label,
                    description: &term.description,
                    status: entry.status.id(),
                    status_label: self.status_label(entry.status),
                    evidence: entry.evidence.as_deref(),
                }
            })
            .collect()
    }

    /// The label of a criterion status, from the schema.
    pub fn status_label(&self, status: CriterionStatus) -> &'a str {
        self.schema.criterion_statuses.by_id(status.id()).map_or(status.id(), |t| t.label.as_str())
    }

    /// Research coverage of community `i`, area by area. The rows of questions it does not
    /// answer are the same in every profile: they come made from `unanswered` (by question,
    /// see [`Env::unanswered_questions`]).
    pub fn research_areas(&self, i: usize, unanswered: &[Value]) -> Vec<AreaView<'a>> {
        let schema = self.schema;
        let Some(c) = self.site.docs[i].community() else { return Vec::new() };
        schema
            .research_areas
            .iter()
            .map(|area| {
                let mut answered = 0;
                let questions: Vec<Value> = area
                    .questions
                    .iter()
                    .map(|&q| match c.research.iter().find(|r| r.question == q) {
                        None if q < unanswered.len() => unanswered[q].clone(),
                        answer => {
                            answered += usize::from(answer.is_some());
                            self.question_row(q, answer.map(|a| a.methods.as_slice()))
                        }
                    })
                    .collect();
                AreaView { id: &area.term.id, label: &area.term.label, answered, total: questions.len(), questions }
            })
            .collect()
    }

    /// The questions community `i` answers, area by area, for the research list Fieldbook draws.
    pub(in crate::render) fn research_answers(&self, i: usize) -> Vec<crate::render::tables::AreaAnswers<'a>> {
        let schema = self.schema;
        let Some(c) = self.site.docs[i].community() else { return Vec::new() };
        schema
            .research_areas
            .iter()
            .map(|area| crate::render::tables::AreaAnswers {
                label: &area.term.label,
                total: area.questions.len(),
                answered: area
                    .questions
                    .iter()
                    .filter_map(|&q| {
                        let answer = c.research.iter().find(|r| r.question == q)?;
                        Some(crate::render::tables::Answer {
                            id: &schema.research_questions[q].term.id,
                            label: &schema.research_questions[q].term.label,
                            methods: answer.methods.iter().map(|&m| schema.methods[m].label.as_str()).collect(),
                        })
                    })
                    .collect(),
            })
            .collect()
    }

    /// The row of each research question in a profile that does not answer it.
    pub fn unanswered_questions(&self) -> Vec<Value> {
        (0..self.schema.research_questions.len()).map(|q| self.question_row(q, None)).collect()
    }

    /// Question `q` as a template value: answered with `methods`, or not answered.
    fn question_row(&self, q: usize, methods: Option<&[usize]>) -> Value {
        let schema = self.schema;
        Value::from_serializable(&QuestionRow {
            id: &schema.research_questions[q].term.id,
            label: &schema.research_questions[q].term.label,
            answered: methods.is_some(),
            methods: methods.unwrap_or_default().iter().map(|&m| schema.methods[m].label.as_str()).collect(),
        })
    }

    /// The row of each indicator in a profile that does not give it.
    pub fn indicators_not_given(&self) -> Vec<Value> {
        (0..self.schema.indicators.len()).map(|ii| Value::from_serializable(&self.indicator_row(ii, None))).collect()
    }
}
