//! `fieldbook import`: a submissions export of the survey form, read, checked answer by answer,
//! and reduced to one indicator entry per community and indicator, with its evidence.
//!
//! Only the columns of the form's questions (the community, the respondent's parts, the
//! indicators) and of the submission dates are read: free-text answers, names, phone numbers
//! and GPS points in other columns are never looked at, so they cannot reach content. The file
//! itself is only read.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::cell_location;
use super::compute::{Given, figure, part_value};
use super::form::{Answer, COMMUNITY, DONT_KNOW, Form, FormCommunity, FormOptions, Target, VERSION_FIELD, build_form};
use super::read::{Table, read_table};
use super::write::{FileChange, NewEntry, write_entries};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Diagnostics, Location, suggestion};
use crate::error::{Error, Result};
use crate::model::{ContentType, IndicatorEntry};
use crate::schema::Schema;

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
    /// The files changed (or, with `dry_run`, that would change), each with its changes.
    pub changes: Vec<FileChange>,
    /// Errors (then nothing was written) and warnings (entries kept because of their source).
    pub problems: Diagnostics,
    /// Disaggregation parts left out because they have fewer respondents than the threshold.
    pub small_parts: Vec<String>,
    /// How many submissions were read.
    pub submissions: usize,
    /// The form's indicators that no one answered, by community.
    pub unanswered: usize,
}

/// What one column of the file holds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Column {
    Question(usize),
    /// A submission date; the lower the rank, the better the column.
    Date(u8),
    Version,
    Ignored,
}

/// Import `options.file` into the site at `root`.
pub fn import(root: &Path, options: &ImportOptions) -> Result<ImportReport> {
    let mut report = ImportReport::default();
    let (schema, schema_problems) = crate::schema_in_force(root)?;
    if !schema_problems.is_ok() {
        report.problems = schema_problems;
        return Ok(report);
    }
    let config = crate::read_config(root)?;
    let method = options.method.clone().unwrap_or_else(|| "individual-survey".into());
    if schema.methods.get(&method).is_none() {
        let help = suggestion(&method, schema.methods.ids()).map(|h| format!(" ({h})")).unwrap_or_default();
        return Err(Error::Other(format!("--method: unknown method `{method}`{help}")));
    }
    let loaded = {
        let _t = crate::timing::stage("import: load the site");
        crate::load_site(root, options.today)?
    };
    let mut profiles: HashMap<String, &crate::model::Doc> = HashMap::new();
    let mut communities = Vec::new();
    for doc in &loaded.validated.docs {
        // Figures go into the original profile; a translation shows the original's figures.
        if doc.content_type == ContentType::Community && !doc.is_translation() {
            profiles.insert(doc.slug.clone(), doc);
            communities.push(FormCommunity { id: doc.slug.clone(), title: doc.title.clone() });
        }
    }
    for (t, id) in &loaded.validated.unusable {
        if *t == ContentType::Community {
            communities.push(FormCommunity { id: id.clone(), title: id.clone() });
        }
    }
    communities.sort_by(|a, b| a.id.cmp(&b.id));
    communities.dedup_by(|a, b| a.id == b.id);
    let asked = build_form(&schema, &config, &communities, FormOptions::default());
    let form = build_form(&schema, &config, &communities, FormOptions { include_sensitive: true });

    let display = options.file.to_string_lossy().replace('\\', "/");
    let bytes = std::fs::read(&options.file).map_err(|e| Error::io("read", &options.file, e))?;
    let read = {
        let _t = crate::timing::stage("import: read the file");
        read_table(&bytes, &display)
    };
    let table = match read {
        Ok(table) => table,
        Err(problems) => {
            report.problems = problems;
            return Ok(report);
        }
    };
    report.submissions = table.rows.len();
    let columns: Vec<Column> = table.header.iter().map(|h| match_column(h, &form, &schema)).collect();
    let missing: Vec<&str> = asked
        .questions
        .iter()
        .map(|q| q.name.as_str())
        .filter(|name| !columns.iter().any(|c| matches!(c, Column::Question(i) if form.questions[*i].name == *name)))
        .collect();
    if !missing.is_empty() {
        let shown: Vec<String> = missing.iter().map(|m| format!("`{m}`")).collect();
        report.problems.push(
            Diagnostic::error(
                "survey-not-the-form",
                cell_location(&display, 1, 1, table.header.first().map_or("", String::as_str)),
                format!(
                    "this is not a submissions export of the form `{}`: {} {} missing",
                    form.id,
                    if missing.len() == 1 { "the column" } else { "the columns" },
                    shown.join(", ")
                ),
            )
            .with_help(format!(
                "export the submissions of the form made by `fieldbook form` (KoBoToolbox: \"XML values and \
                 headers\" or labels; ODK Central: CSV), or make the form again if the schema changed (version {})",
                asked.version
            )),
        );
        return Ok(report);
    }

    let parsed = {
        let _t = crate::timing::stage("import: check the answers");
        parse_rows(&table, &columns, &form, &schema, options, &display, &mut report.problems)
    };
    if !report.problems.is_ok() {
        return Ok(report);
    }
    let version = parsed.version.clone().unwrap_or_else(|| asked.version.clone());
    let threshold = config.privacy.small_count_threshold;
    let compute = crate::timing::stage("import: compute");
    let mut plans: Vec<(String, Option<&crate::model::Doc>, Vec<NewEntry>)> = Vec::new();
    for (c, rows) in parsed.by_community.iter().enumerate() {
        if rows.is_empty() {
            continue;
        }
        let id = &parsed.community_ids[c];
        let date = rows.iter().filter_map(|&r| parsed.dates[r]).max();
        let source = match date {
            Some(d) => format!("{}, version {version}, {} {}", form.title, month_name(d.month()), d.year()),
            None => format!("{}, version {version}", form.title),
        };
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
            let existing: Option<&IndicatorEntry> =
                doc.and_then(|d| d.community()).and_then(|c| c.indicators.iter().find(|e| e.indicator == i));
            if let Some(old) = existing
                && old.source.as_deref() != Some(source.as_str())
                && !options.replace
            {
                let d = doc.expect("an entry has a profile");
                report.problems.push(
                    Diagnostic::warning(
                        "survey-other-source",
                        Location::at(&d.source, old.span),
                        format!(
                            "`{}` was left as it was: its source is {}, not this round",
                            indicator.term.id,
                            old.source.as_deref().map_or("not given".to_string(), |s| format!("\"{s}\""))
                        ),
                    )
                    .with_help("add --replace to replace it with the survey's figure"),
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
                    for (p, part) in dimension.parts.iter().enumerate() {
                        let in_part = rows.iter().filter(|&&r| parts_of[r] == Given::Choice(p as u32));
                        let Some((part_figure, part_n)) = figure(indicator, &choices, in_part.map(|&r| answers[r]))
                        else {
                            continue;
                        };
                        if part_n < threshold {
                            report.small_parts.push(format!(
                                "{id}: {} for {} `{part}` ({part_n} respondents)",
                                indicator.term.id, dimension.term.id
                            ));
                            continue;
                        }
                        parts.extend(part_value(&part_figure).map(|v| (part.clone(), v)));
                    }
                    if !parts.is_empty() {
                        disaggregation.push((dimension.term.id.clone(), parts));
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
        plans.push((id.clone(), doc, entries));
    }
    drop(compute);
    let _t = crate::timing::stage("import: write the profiles");
    write_entries(root, &schema, &config, options, plans, &mut report)?;
    Ok(report)
}

/// The answers of the file, checked.
struct Parsed {
    community_ids: Vec<String>,
    /// The rows (indices into the table's rows) of each community.
    by_community: Vec<Vec<usize>>,
    /// By question: each row's answer, for the questions the file has.
    answers: Vec<Option<Vec<Given>>>,
    dates: Vec<Option<Date>>,
    version: Option<String>,
}

fn parse_rows(
    table: &Table,
    columns: &[Column],
    form: &Form,
    schema: &Schema,
    options: &ImportOptions,
    display: &str,
    problems: &mut Diagnostics,
) -> Parsed {
    let community_column = columns
        .iter()
        .position(|c| matches!(c, Column::Question(q) if form.questions[*q].target == Target::Community))
        .expect("checked as present");
    let Answer::One(community_list) = form.questions[0].answer else { unreachable!("the community is a select_one") };
    let known = &form.lists[community_list].choices;
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut parsed = Parsed {
        community_ids: Vec::new(),
        by_community: Vec::new(),
        answers: vec![None; form.questions.len()],
        dates: vec![None; table.rows.len()],
        version: None,
    };
    let date_column = columns
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match c {
            Column::Date(rank) => Some((*rank, i)),
            _ => None,
        })
        .min()
        .map(|(_, i)| i);
    for column in columns {
        if let Column::Question(q) = column
            && parsed.answers[*q].is_none()
            && form.questions[*q].target != Target::Community
        {
            parsed.answers[*q] = Some(Vec::with_capacity(table.rows.len()));
        }
    }
    let mut seen_column = vec![false; form.questions.len()];
    let question_columns: Vec<(usize, usize)> = columns
        .iter()
        .enumerate()
        .filter_map(|(col, c)| match c {
            Column::Question(q) if form.questions[*q].target != Target::Community && !seen_column[*q] => {
                seen_column[*q] = true;
                Some((col, *q))
            }
            _ => None,
        })
        .collect();
    let version_column = columns.iter().position(|c| *c == Column::Version);
    for (r, row) in table.rows.iter().enumerate() {
        let cell = |col: usize| row.cells.get(col).map_or("", |c| c.trim());
        let raw = cell(community_column);
        let community = match ids.get(raw) {
            Some(&c) => Some(c),
            None => {
                let found = known
                    .iter()
                    .find(|c| c.name == raw)
                    .or_else(|| known.iter().find(|c| c.labels.iter().any(|l| l.eq_ignore_ascii_case(raw))))
                    .map(|c| c.name.clone());
                let id = match found {
                    Some(id) => Some(id),
                    None if options.create && crate::text::is_slug(raw) => Some(raw.to_string()),
                    None => {
                        let what = if raw.is_empty() { "no community".to_string() } else { format!("`{raw}`") };
                        let help = suggestion(raw, known.iter().map(|c| c.name.as_str())).unwrap_or_else(|| {
                            "the ids are the file names of content/communities/, without .md".into()
                        });
                        problems.push(
                            Diagnostic::error(
                                "survey-unknown-community",
                                cell_location(display, row.number, community_column + 1, raw),
                                format!("{what} is not a community of this site"),
                            )
                            .with_help(format!(
                                "{help}; to create a draft profile for a new community, add --create --country \
                                 COUNTRY --by ORGANIZATION"
                            )),
                        );
                        None
                    }
                };
                id.map(|id| {
                    let c = match parsed.community_ids.iter().position(|x| *x == id) {
                        Some(c) => c,
                        None => {
                            parsed.community_ids.push(id);
                            parsed.by_community.push(Vec::new());
                            parsed.community_ids.len() - 1
                        }
                    };
                    ids.insert(raw.to_string(), c);
                    c
                })
            }
        };
        if let Some(c) = community {
            parsed.by_community[c].push(r);
        }
        if let Some(col) = date_column {
            parsed.dates[r] = Date::parse(cell(col).get(..10).unwrap_or("")).ok();
        }
        if let Some(col) = version_column
            && !cell(col).is_empty()
        {
            parsed.version = Some(cell(col).to_string());
        }
        for &(col, q) in &question_columns {
            let text = cell(col);
            let question = &form.questions[q];
            let given = read_answer(text, question.answer, form, schema, question.target).unwrap_or_else(|why| {
                let (code, message, help) = why;
                problems.push(
                    Diagnostic::error(code, cell_location(display, row.number, col + 1, text), message)
                        .with_optional_help(help),
                );
                Given::Blank
            });
            let given = match (given, question.range) {
                (Given::Number(x), (min, max)) if min.is_some_and(|m| x < m) || max.is_some_and(|m| x > m) => {
                    let range = match (min, max) {
                        (Some(a), Some(b)) => format!("from {a} to {b}"),
                        (Some(a), None) => format!("{a} or more"),
                        (None, Some(b)) => format!("{b} or less"),
                        (None, None) => unreachable!(),
                    };
                    problems.push(
                        Diagnostic::error(
                            "survey-out-of-range",
                            cell_location(display, row.number, col + 1, text),
                            format!("{text} is out of the range of `{}`: {range}", question.name),
                        )
                        .with_help("correct the submission in KoBoToolbox or ODK Central, then export again"),
                    );
                    Given::Blank
                }
                (g, _) => g,
            };
            if let Some(answers) = parsed.answers[q].as_mut() {
                answers.push(given);
            }
        }
    }
    parsed
}

type AnswerProblem = (&'static str, String, Option<String>);

/// One cell read as an answer to a question answered as `answer`.
fn read_answer(
    text: &str,
    answer: Answer,
    form: &Form,
    schema: &Schema,
    target: Target,
) -> Result<Given, AnswerProblem> {
    if text.is_empty() {
        return Ok(Given::Blank);
    }
    let name = match target {
        Target::Indicator(i) => schema.indicators[i].term.id.as_str(),
        Target::Dimension(d) => schema.disaggregations[d].term.id.as_str(),
        Target::Community => COMMUNITY,
    };
    match answer {
        Answer::One(l) | Answer::Many(l) => {
            let choices = &form.lists[l].choices;
            let find = |token: &str| {
                choices
                    .iter()
                    .position(|c| c.name == token)
                    .or_else(|| choices.iter().position(|c| c.name.eq_ignore_ascii_case(token)))
                    .or_else(|| choices.iter().position(|c| c.labels.iter().any(|l| l.eq_ignore_ascii_case(token))))
            };
            let not_a_choice = |token: &str| -> AnswerProblem {
                let names: Vec<&str> = choices.iter().map(|c| c.name.as_str()).collect();
                let help = suggestion(token, names.iter().copied()).map(|h| format!("{h}; ")).unwrap_or_default();
                (
                    "survey-not-a-choice",
                    format!("`{token}` is not a choice of `{name}`"),
                    Some(format!(
                        "{help}the choices are {}",
                        names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
                    )),
                )
            };
            if matches!(answer, Answer::One(_)) {
                let c = find(text).ok_or_else(|| not_a_choice(text))?;
                return Ok(if choices[c].name == DONT_KNOW { Given::DontKnow } else { Given::Choice(c as u32) });
            }
            let mut bits = 0u64;
            let tokens: Vec<&str> = if text.split_whitespace().all(|t| find(t).is_some()) {
                text.split_whitespace().collect()
            } else {
                text.split([',', ';']).map(str::trim).filter(|t| !t.is_empty()).collect()
            };
            for token in tokens {
                let c = find(token).ok_or_else(|| not_a_choice(token))?;
                if c < 64 {
                    bits |= 1 << c;
                }
            }
            Ok(Given::Many(bits))
        }
        Answer::Integer | Answer::Decimal => {
            let normal =
                if text.contains(',') && !text.contains('.') { text.replace(',', ".") } else { text.to_string() };
            match normal.parse::<f64>() {
                Ok(x) if x.is_finite() && (answer == Answer::Decimal || x.fract() == 0.0) => Ok(Given::Number(x)),
                _ => Err((
                    "survey-not-a-number",
                    format!(
                        "`{text}` is not {} (the answer to `{name}`)",
                        if answer == Answer::Integer { "a whole number" } else { "a number" }
                    ),
                    None,
                )),
            }
        }
    }
}

/// The names of a question's choices, in order.
fn choice_names(form: &Form, answer: Answer) -> Vec<String> {
    match answer {
        Answer::One(l) | Answer::Many(l) => form.lists[l].choices.iter().map(|c| c.name.clone()).collect(),
        _ => Vec::new(),
    }
}

/// Which question (or date, or version) a column header names: the question's name, with or
/// without the group path KoBoToolbox (`group/name`) or ODK Central (`group-name`) puts before
/// it, or its label.
fn match_column(header: &str, form: &Form, schema: &Schema) -> Column {
    let h = header.trim();
    let last = h.rsplit('/').next().unwrap_or(h);
    match last {
        "_submission_time" | "SubmissionDate" => return Column::Date(0),
        "end" | "meta-end" => return Column::Date(1),
        "today" => return Column::Date(2),
        VERSION_FIELD => return Column::Version,
        _ => {}
    }
    let mut candidates = vec![h, last];
    let mut stripped = h;
    for _ in 0..4 {
        let before = stripped;
        for group in schema.indicator_groups.ids() {
            if let Some(rest) = stripped.strip_prefix(group).and_then(|r| r.strip_prefix('-')) {
                stripped = rest;
            }
        }
        if stripped == before {
            break;
        }
        candidates.push(stripped);
    }
    if candidates.contains(&VERSION_FIELD) {
        return Column::Version;
    }
    for c in &candidates {
        if let Some(q) = form.questions.iter().position(|q| q.name == *c) {
            return Column::Question(q);
        }
    }
    for c in [h, last] {
        if let Some(q) = form.questions.iter().position(|q| q.labels.iter().any(|l| l.eq_ignore_ascii_case(c))) {
            return Column::Question(q);
        }
    }
    Column::Ignored
}

/// A month's English name, as the form's version is written.
fn month_name(month: u32) -> &'static str {
    crate::date::MONTHS[(month as usize).clamp(1, 12) - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_with_and_without_group_paths() {
        let schema = Schema::builtin();
        let source = crate::source::SourceFile::new("f", "f", "title = \"T\"\n".into());
        let config = crate::config::Config::parse(&source).unwrap();
        let form = build_form(&schema, &config, &[], FormOptions::default());
        let q = |h: &str| match match_column(h, &form, &schema) {
            Column::Question(q) => form.questions[q].name.clone(),
            other => format!("{other:?}"),
        };
        assert_eq!(q("community-resources/access-to-services"), "access-to-services");
        assert_eq!(q("community-resources-access-to-services"), "access-to-services");
        assert_eq!(q("access-to-services"), "access-to-services");
        assert_eq!(q("Access to services"), "access-to-services");
        assert_eq!(q("Sex"), "sex");
        assert_eq!(q("meta-instanceID"), "Ignored");
        assert_eq!(q("SubmissionDate"), "Date(0)");
    }
}
