//! `fieldbook import`: a submissions export of the survey form, read, checked answer by answer,
//! and reduced to one indicator entry per community and indicator, with its evidence.
//!
//! Only the columns of the form's questions (the community, the respondent's parts, the
//! indicators), of the submission dates, ids and review states are read: free-text answers,
//! names, phone numbers and GPS points in other columns are never looked at, so they cannot
//! reach content. The file itself is only read.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub(super) use super::columns::Column;
use super::columns::{check_columns, match_column, no_date, not_asked};
use super::compute::{Given, figure, part_value};
use super::form::{Answer, Form, FormOptions, Target, build_form};
use super::read::read_table;
use super::review::{Review, review_states, review_warnings};
use super::write::{FileChange, NewEntry, Plan, write_entries};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Diagnostics, Location, suggestion_said};
use crate::error::{Error, Result};
use crate::messages::Message;
use crate::model::{ContentType, IndicatorEntry};

/// What `fieldbook import` is asked to do.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The submissions file.
    pub file: PathBuf,
    /// The method written in each entry (a method id); `individual-survey` by default.
    pub method: Option<String>,
    /// Say what would change, write nothing.
    pub dry_run: bool,
    /// Replace entries whose `source` is another one.
    pub replace: bool,
    /// Create a draft profile for a community that has none.
    pub create: bool,
    /// The country of profiles created.
    pub country: Option<String>,
    /// Who assessed, for profiles created.
    pub by: Vec<String>,
    /// Today, for the review dates of the check.
    pub today: Date,
}

/// What `fieldbook import` did, or would do.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// The files changed (or, with `dry_run`, that would change), each with its changes: each
    /// profile, then its translations whose repeated figures follow it.
    pub changes: Vec<FileChange>,
    /// The translations whose entries give their own words (`source`, `notes`) beside figures
    /// this import changed: the words may describe the previous round.
    pub translations_to_review: Vec<super::translations::WordsToReview>,
    /// Errors (then nothing was written) and warnings (entries kept because of their source).
    pub problems: Diagnostics,
    /// Disaggregation parts left out because they have fewer respondents than the threshold.
    pub small_parts: Vec<SmallPart>,
    /// How many submissions were read (repeats included, blank rows not).
    pub submissions: usize,
    /// The rows of the file with every cell empty, by number (as a spreadsheet shows them):
    /// skipped, neither submissions nor counted.
    pub blank_rows: Vec<usize>,
    /// How many of them repeat an earlier one (the same instance id), left out of the figures.
    pub repeats: usize,
    /// The rows (by number, as a spreadsheet shows them) of the submissions rejected in review
    /// in ODK Central (`ReviewState` `rejected`), left out of the figures.
    pub rejected: Vec<usize>,
    /// The rows (by number) of the submissions not approved in review in KoBoToolbox
    /// (`_validation_status` `validation_status_not_approved`), left out of the figures.
    pub not_approved: Vec<usize>,
    /// The form's indicators that no one answered, by community.
    pub unanswered: usize,
}

/// A figure left out of an entry for privacy: a disaggregation part with fewer respondents
/// than the threshold, a part that would give such a part away, or a whole community's figure
/// from fewer respondents than the threshold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmallPart {
    /// The community's id.
    pub community: String,
    /// The indicator's id.
    pub indicator: String,
    /// The dimension's id; empty for the community's own figure.
    pub dimension: String,
    /// The part; empty for the community's own figure.
    pub part: String,
    /// Its respondents who answered.
    pub respondents: u64,
    /// True for a part with enough respondents, left out because a smaller part of its
    /// dimension was: with the community's figure beside it, it would give that part away.
    pub gives_away: bool,
}

impl SmallPart {
    /// `beta: access-to-services for migrant-status `returnee` (3 respondents)`, as a message
    /// of the catalogue.
    pub fn said(&self) -> Message {
        let id = match (self.dimension.is_empty(), self.gives_away) {
            (true, _) => "import.small-whole",
            (false, false) => "import.small-part",
            (false, true) => "import.small-gives-away",
        };
        Message::new(id)
            .with("community", self.community.as_str())
            .with("indicator", self.indicator.as_str())
            .with("dimension", self.dimension.as_str())
            .with("part", self.part.as_str())
            .number("n", self.respondents)
    }
}

impl std::fmt::Display for SmallPart {
    /// The part in English.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.said().english())
    }
}

/// Import `options.file` into the site at `root`.
pub fn import(root: &Path, options: &ImportOptions) -> Result<ImportReport> {
    let mut report = ImportReport::default();
    // The schema's problems are reported with the file's, in one run: the file is read and
    // checked all the same, and nothing is written while there is an error.
    let (schema, schema_problems) = crate::schema_in_force(root)?;
    report.problems = schema_problems;
    let config = crate::read_config(root)?;
    let method = options.method.clone().unwrap_or_else(|| "individual-survey".into());
    if schema.methods.get(&method).is_none() {
        let message = match suggestion_said(&method, schema.methods.ids()) {
            Some(hint) => Message::new("import.unknown-method-hint").phrase("hint", hint),
            None => Message::new("import.unknown-method"),
        };
        return Err(Error::Said(message.with("method", method)));
    }
    let loaded = {
        let _t = crate::timing::stage("import: load the site");
        crate::load_site(root, options.today)?
    };
    // Figures go into the original profile; a translation shows the original's figures.
    let profiles: HashMap<String, &crate::model::Doc> = loaded
        .validated
        .docs
        .iter()
        .filter(|d| d.content_type == ContentType::Community && !d.is_translation())
        .map(|d| (d.slug.clone(), d))
        .collect();
    // Each profile's translations, by the profile's path: the figures they repeat follow it.
    let mut translations: HashMap<String, Vec<&crate::model::Doc>> = HashMap::new();
    for doc in loaded.validated.docs.iter().filter(|d| d.content_type == ContentType::Community) {
        let Some(translation) = &doc.translation else { continue };
        if let Some(original) = crate::load::original_path(&doc.content_path, &translation.language) {
            translations.entry(original).or_default().push(doc);
        }
    }
    let communities = super::communities_of(&loaded.validated);
    // `asked` is the form as `fieldbook form` writes it by default; `form` has every question
    // and offers every profile, so that a round collected with a form made with
    // --include-sensitive, --drafts or --include-confidential (or before drafts and
    // confidential profiles were left out) imports as well.
    let asked = build_form(&schema, &config, &communities, FormOptions::default());
    let everything = FormOptions { include_sensitive: true, drafts: true, include_confidential: true };
    let form = build_form(&schema, &config, &communities, everything);

    let display = options.file.to_string_lossy().replace('\\', "/");
    let bytes = std::fs::read(&options.file).map_err(|e| Error::io("read", &options.file, e))?;
    let read = {
        let _t = crate::timing::stage("import: read the file");
        read_table(&bytes, &display)
    };
    let table = match read {
        Ok(table) => table,
        Err(problems) => {
            report.problems.extend(problems);
            return Ok(report);
        }
    };
    report.submissions = table.rows.len();
    report.blank_rows.clone_from(&table.blank_rows);
    let columns: Vec<Column> = table.header.iter().map(|h| match_column(h, &form, &schema)).collect();
    if !check_columns(&table.header, &columns, &asked, &form, &display, &mut report.problems) {
        return Ok(report);
    }
    let header_warnings =
        [not_asked(&table.header, &columns, &schema, &display), no_date(&table.header, &columns, &display)];
    for warning in header_warnings.into_iter().flatten() {
        report.problems.push(warning);
    }
    let mut states = review_states(&table, &columns);
    // A submission twice in the file is reviewed as its most severe row says.
    let (repeat_of, repeats) = super::repeats::find_repeats(&table, &columns, &form, &mut states, &display);
    report.repeats = repeat_of.iter().filter(|r| r.is_some()).count();
    report.problems.extend(repeats);
    let counted = |r: usize| repeat_of[r].is_none() && !states[r].left_out();
    report.problems.extend(review_warnings(&table, &columns, &states, counted, &display));
    for (r, row) in table.rows.iter().enumerate() {
        match states[r] {
            _ if repeat_of[r].is_some() => {}
            Review::Rejected => report.rejected.push(row.number),
            Review::NotApproved => report.not_approved.push(row.number),
            _ => {}
        }
    }
    let left_out: Vec<bool> = (0..table.rows.len()).map(|r| !counted(r)).collect();

    let parsed = {
        let _t = crate::timing::stage("import: check the answers");
        super::answers::parse_rows(&table, &columns, &left_out, &form, &schema, options, &display, &mut report.problems)
    };
    if !report.problems.is_ok() {
        return Ok(report);
    }
    let version = parsed
        .version
        .clone()
        .unwrap_or_else(|| fallback_version(&schema, &config, &communities, &parsed.community_ids, &columns, &form));
    let threshold = config.privacy.small_count_threshold;
    let compute = crate::timing::stage("import: compute");
    let mut plans: Vec<Plan<'_>> = Vec::new();
    for (c, rows) in parsed.by_community.iter().enumerate() {
        if rows.is_empty() {
            continue;
        }
        let id = &parsed.community_ids[c];
        let date = rows.iter().filter_map(|&r| parsed.dates[r]).max();
        let source = crate::round::round_source(&config.language, &version, date);
        let doc = profiles.get(id).copied();
        let mut entries = Vec::new();
        for (q, question) in form.questions.iter().enumerate() {
            let Target::Indicator(i) = question.target else { continue };
            let Some(answers) = parsed.answers[q].as_ref() else { continue };
            let indicator = &schema.indicators[i];
            let choices = choice_names(&form, question.answer);
            let Some((value, n)) = figure(indicator, &choices, rows.iter().map(|&r| answers[r])) else {
                report.unanswered += 1;
                continue;
            };
            // A figure from a few people says something about each of them (all three said
            // yes): left out, and an earlier round's figure stays as it was.
            if n < threshold {
                report.small_parts.push(SmallPart {
                    community: id.clone(),
                    indicator: indicator.term.id.clone(),
                    dimension: String::new(),
                    part: String::new(),
                    respondents: n,
                    gives_away: false,
                });
                continue;
            }
            let existing: Option<&IndicatorEntry> =
                doc.and_then(|d| d.community()).and_then(|c| c.indicators.iter().find(|e| e.indicator == i));
            if let Some(old) = existing
                && !old.source.as_deref().is_some_and(|s| crate::round::is_round_source(s, &version, date))
                && !options.replace
            {
                let d = doc.expect("an entry has a profile");
                let message = match old.source.as_deref() {
                    Some(source) => Message::new("import.other-source").with("source", source),
                    None => Message::new("import.no-source"),
                };
                report.problems.push(
                    Diagnostic::warning_said(
                        "survey-other-source",
                        Location::at(&d.source, old.span),
                        message.with("id", indicator.term.id.as_str()),
                    )
                    .with_help_said(Message::new("import.other-source-help")),
                );
                continue;
            }
            let mut disaggregation = Vec::new();
            if part_value(&value).is_some() {
                for &d in &indicator.disaggregation {
                    let Some(dq) = form.questions.iter().position(|q| q.target == Target::Dimension(d)) else {
                        continue;
                    };
                    let Some(parts_of) = parsed.answers[dq].as_ref() else { continue };
                    let dimension = &schema.disaggregations[d];
                    let mut parts = Vec::new();
                    let mut small = Vec::new();
                    for (p, part) in dimension.parts.iter().enumerate() {
                        let in_part = rows.iter().filter(|&&r| parts_of[r] == Given::Choice(p as u32));
                        let Some((part_figure, part_n)) = figure(indicator, &choices, in_part.map(|&r| answers[r]))
                        else {
                            continue;
                        };
                        let left_out = SmallPart {
                            community: id.clone(),
                            indicator: indicator.term.id.clone(),
                            dimension: dimension.term.id.clone(),
                            part: part.clone(),
                            respondents: part_n,
                            gives_away: false,
                        };
                        if part_n < threshold {
                            small.push(left_out);
                        } else if let Some(v) = part_value(&part_figure) {
                            parts.push(((part.clone(), v), left_out));
                        }
                    }
                    if small.is_empty() {
                        if !parts.is_empty() {
                            disaggregation
                                .push((dimension.term.id.clone(), parts.into_iter().map(|(p, _)| p).collect()));
                        }
                    } else {
                        // The community's figure and its other parts would give a small part
                        // away (5 yes of 8, 3 of the 5 men: 2 of the 3 women): the dimension
                        // is left out whole.
                        report.small_parts.extend(small);
                        report
                            .small_parts
                            .extend(parts.into_iter().map(|(_, part)| SmallPart { gives_away: true, ..part }));
                    }
                }
            }
            entries.push(NewEntry {
                indicator: i,
                value,
                n,
                method: method.clone(),
                date,
                source: source.clone(),
                disaggregation,
                old: existing.cloned(),
            });
        }
        let translations = doc.and_then(|d| translations.get(&d.content_path)).cloned().unwrap_or_default();
        plans.push(Plan { id: id.clone(), profile: doc, translations, entries });
    }
    drop(compute);
    let _t = crate::timing::stage("import: write the profiles");
    write_entries(root, &schema, &config, options, plans, &mut report)?;
    Ok(report)
}

/// The version of the form a round was most likely collected with, for an export without the
/// `fieldbook_version` column: the smallest form that asks every question the file answers and
/// offers every community it names (sensitive questions only if the file has one, drafts and
/// confidential profiles only if it names one). A form made before drafts and confidential
/// profiles were left out carried its version in every submission, so this is only a guess
/// for an export that dropped that column.
fn fallback_version(
    schema: &crate::schema::Schema,
    config: &crate::config::Config,
    communities: &[super::form::FormCommunity],
    named: &[String],
    columns: &[Column],
    form: &Form,
) -> String {
    use crate::model::Status;
    let status_named = |status: Status| communities.iter().any(|c| c.status == Some(status) && named.contains(&c.id));
    let sensitive = columns.iter().any(|c| match c {
        Column::Question(q) => {
            matches!(form.questions[*q].target, Target::Indicator(i) if schema.indicators[i].sensitive)
        }
        _ => false,
    });
    let options = FormOptions {
        include_sensitive: sensitive,
        drafts: status_named(Status::Draft),
        include_confidential: status_named(Status::Confidential),
    };
    build_form(schema, config, communities, options).version
}

/// The names of a question's choices, in order.
fn choice_names(form: &Form, answer: Answer) -> Vec<String> {
    match answer {
        Answer::One(l) | Answer::Many(l) => form.lists[l].choices.iter().map(|c| c.name.clone()).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_respondent_is_one() {
        let part = SmallPart {
            community: "beta".into(),
            indicator: "safety-levels".into(),
            dimension: "sex".into(),
            part: "other".into(),
            respondents: 1,
            gives_away: false,
        };
        assert_eq!(part.to_string(), "beta: safety-levels for sex `other` (1 respondent)");
        let male = SmallPart { part: "male".into(), respondents: 6, gives_away: true, ..part.clone() };
        assert_eq!(
            male.to_string(),
            "beta: safety-levels for sex `male` (6 respondents; it would give away a smaller part of sex)"
        );
        let whole = SmallPart { dimension: String::new(), part: String::new(), respondents: 3, ..part };
        assert_eq!(whole.to_string(), "beta: safety-levels, the whole figure (3 respondents)");
    }
}
