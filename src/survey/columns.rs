//! The columns of a submissions file: which of the form's questions (or dates, version,
//! instance id) each header names, whether the file is an export of this form at all, and
//! what of the form it lacks.
//!
//! A file is this form's export when it has the community column and at least one indicator
//! question. A question it lacks (an indicator added to the schema after the round, a question
//! removed from the form in KoBoToolbox) leaves that indicator's figures as they were, with a
//! warning: a finished round cannot be collected again, and the rest of it is good.

use super::cell_location;
use super::form::{Form, Target, VERSION_FIELD};
use super::repeats::id_rank;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::messages::Message;
use crate::schema::Schema;

/// What one column of the file holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Column {
    /// The answers to a question of the form (its index).
    Question(usize),
    /// A submission date; the lower the rank, the better the column.
    Date(u8),
    /// The form's version each submission carries.
    Version,
    /// A submission's instance id; the lower the rank, the better the column (see
    /// [`super::repeats`]).
    InstanceId(u8),
    /// Anything else: never read.
    Ignored,
}

/// The best of the columns `rank` ranks (its rank, or `None` for a column of another kind): the
/// one of the lowest rank, the first of them on a tie.
pub(super) fn best(columns: &[Column], rank: impl Fn(&Column) -> Option<u8>) -> Option<usize> {
    columns.iter().enumerate().filter_map(|(i, c)| rank(c).map(|r| (r, i))).min().map(|(_, i)| i)
}

/// Which question (or date, version or instance id) a column header names: the question's name, with or
/// without the group path KoBoToolbox (`group/name`) or ODK Central (`group-name`) puts before
/// it, or its label.
pub(super) fn match_column(header: &str, form: &Form, schema: &Schema) -> Column {
    let h = header.trim();
    let last = h.rsplit('/').next().unwrap_or(h);
    match last {
        // When the interview ended, on the enumerator's phone, first: a phone may upload
        // days later (offline collection), and the upload time is in UTC, which can move an
        // evening interview into the next day, or month.
        "end" | "meta-end" => return Column::Date(0),
        "today" => return Column::Date(1),
        "_submission_time" | "SubmissionDate" => return Column::Date(2),
        VERSION_FIELD => return Column::Version,
        _ => {}
    }
    if let Some(rank) = id_rank(h, last) {
        return Column::InstanceId(rank);
    }
    let candidates = names_in(h, schema);
    if candidates.contains(&VERSION_FIELD) {
        return Column::Version;
    }
    for c in &candidates {
        if let Some(q) = form.questions.iter().position(|q| super::same_text(&q.name, c)) {
            return Column::Question(q);
        }
    }
    // A label written exactly as the form has it first, then one in another case.
    for same in [super::same_text, super::same_ignoring_case] {
        for c in [h, last] {
            if let Some(q) = form.questions.iter().position(|q| q.labels.iter().any(|l| same(l, c))) {
                return Column::Question(q);
            }
        }
    }
    Column::Ignored
}

/// The names a column header may give a question by: the header, its last part after any
/// `group/` (KoBoToolbox), and the header without the groups ODK Central puts before it with
/// `-` (`community-resources-access-to-services`).
fn names_in<'a>(header: &'a str, schema: &Schema) -> Vec<&'a str> {
    let last = header.rsplit('/').next().unwrap_or(header);
    let mut candidates = vec![header, last];
    let mut stripped = header;
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
    candidates
}

/// A warning for the columns of questions an older form asked and this one no longer does:
/// indicators the schema now marks `survey = false` (`age-distribution` and
/// `gender-distribution`, whose figures come from a census). They are not read, and the
/// profiles' figures for them stay as they were; said once, at the first such column.
pub(super) fn not_asked(header: &[String], columns: &[Column], schema: &Schema, display: &str) -> Option<Diagnostic> {
    let found: Vec<(usize, &str)> = header
        .iter()
        .zip(columns)
        .enumerate()
        .filter(|(_, (_, column))| **column == Column::Ignored)
        .filter_map(|(i, (h, _))| {
            let names = names_in(h.trim(), schema);
            let indicator = schema.indicators.iter().find(|i| !i.survey && names.contains(&i.term.id.as_str()))?;
            Some((i, indicator.term.id.as_str()))
        })
        .collect();
    let &(first, _) = found.first()?;
    let mut ids: Vec<&str> = found.iter().map(|&(_, id)| id).collect();
    ids.dedup();
    let message = Message::new("survey.not-asked").count("n", ids.len() as u64).all_of("columns", &ids);
    Some(
        Diagnostic::warning_said("survey-not-asked", cell_location(display, 1, first + 1, &header[first]), message)
            .with_help_said(Message::new("survey.not-asked-help")),
    )
}

/// Whether the question named `name` has a column in the file.
fn has_column(columns: &[Column], form: &Form, name: &str) -> bool {
    columns.iter().any(|c| matches!(c, Column::Question(i) if form.questions[*i].name == name))
}

/// Check the header of a file against the form: `survey-not-the-form` (and `false`, nothing
/// more to read) when the file is not an export of this form; else `true`, with a
/// `survey-missing-question` warning for each question of `asked` (the form as `fieldbook
/// form` writes it by default) the file lacks. `form` is the form with every question, whose
/// indices the columns hold.
pub(super) fn check_columns(
    header: &[String],
    columns: &[Column],
    asked: &Form,
    form: &Form,
    display: &str,
    problems: &mut Diagnostics,
) -> bool {
    let header_row = || cell_location(display, 1, 1, header.first().map_or("", String::as_str));
    let missing: Vec<&super::form::Question> =
        asked.questions.iter().filter(|q| !has_column(columns, form, &q.name)).collect();
    let has_community = !missing.iter().any(|q| q.target == Target::Community);
    let has_an_indicator =
        asked.questions.iter().any(|q| matches!(q.target, Target::Indicator(_)) && has_column(columns, form, &q.name));
    if !has_community || !has_an_indicator {
        let names: Vec<&str> = missing.iter().map(|q| q.name.as_str()).collect();
        let message =
            Message::new("import.not-the-form").with("form", form.id.as_str()).number("n", names.len() as u64);
        let message = if names.len() > 12 {
            let more = Message::new("import.and-more").list("items", &names[..10]).number("n", names.len() as u64 - 10);
            message.phrase("columns", more)
        } else {
            message.all_of("columns", &names)
        };
        // The form itself (its `survey` sheet starts `type`, `name`, `label`) given for its
        // submissions: say what to do with it rather than list the columns it lacks.
        let is_xlsform = ["type", "name", "label"].iter().all(|c| header.iter().any(|h| h == c));
        let help = if is_xlsform {
            Message::new("import.is-the-form-help")
        } else {
            Message::new("import.not-the-form-help").with("version", asked.version.as_str())
        };
        problems.push(Diagnostic::error_said("survey-not-the-form", header_row(), message).with_help_said(help));
        return false;
    }
    for question in missing {
        let (message, help) = match question.target {
            Target::Dimension(_) => ("import.missing-dimension", "import.missing-dimension-help"),
            _ => ("import.missing-question", "import.missing-question-help"),
        };
        let message = Message::new(message).with("question", question.name.as_str());
        problems.push(
            Diagnostic::warning_said("survey-missing-question", header_row(), message)
                .with_help_said(Message::new(help)),
        );
    }
    // Two columns answering one question (exports merged side by side, a column pasted
    // twice): which one holds the answers cannot be told, and the second would go unread.
    let mut duplicated = false;
    for (col, column) in columns.iter().enumerate() {
        let Column::Question(q) = column else { continue };
        let Some(first) = columns[..col].iter().position(|c| c == column) else { continue };
        let message = Message::new("import.duplicate-column")
            .with("question", form.questions[*q].name.as_str())
            .number("first", first as u64 + 1);
        problems.push(
            Diagnostic::error_said(
                "survey-duplicate-column",
                cell_location(display, 1, col + 1, header.get(col).map_or("", String::as_str)),
                message,
            )
            .with_help_said(Message::new("import.duplicate-column-help")),
        );
        duplicated = true;
    }
    !duplicated
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::form::{FormOptions, build_form};

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
        assert_eq!(q("meta-instanceID"), "InstanceId(0)");
        assert_eq!(q("meta/instanceID"), "InstanceId(0)");
        assert_eq!(q("_uuid"), "InstanceId(1)");
        assert_eq!(q("_id"), "InstanceId(2)");
        assert_eq!(q("respondent_name"), "Ignored");
        // The interview's end first, the upload time last.
        assert_eq!(q("meta-end"), "Date(0)");
        assert_eq!(q("group/end"), "Date(0)");
        assert_eq!(q("SubmissionDate"), "Date(2)");
        assert_eq!(q("_submission_time"), "Date(2)");
    }
}
