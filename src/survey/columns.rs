//! The columns of a submissions file: which of the form's questions (or dates, version,
//! instance id, review state) each header names, whether the file is an export of this form at
//! all, and what of the form it lacks.
//!
//! Every name is matched without regard to case, and whichever way its accents are stored
//! (`END` is `end`, `AGE-GROUP` is `age-group`): a spreadsheet tidied by hand upper-cases its
//! headers, and a column missed for its capitals would leave its dates, ids or answers out
//! without a word. Two columns that are one name in two cases cannot both be read: that is an
//! error (`survey-duplicate-column`).
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
    /// What a supervisor decided of the submission in review: KoBoToolbox's
    /// `_validation_status`, ODK Central's `ReviewState` (see [`super::review`]).
    Review,
    /// Anything else: never read.
    Ignored,
}

/// The best of the columns `rank` ranks (its rank, or `None` for a column of another kind): the
/// one of the lowest rank, the first of them on a tie.
pub(super) fn best(columns: &[Column], rank: impl Fn(&Column) -> Option<u8>) -> Option<usize> {
    columns.iter().enumerate().filter_map(|(i, c)| rank(c).map(|r| (r, i))).min().map(|(_, i)| i)
}

/// Which question (or date, version, instance id or review state) a column header names: the
/// question's name, with or without the group path KoBoToolbox (`group/name`) or ODK Central
/// (`group-name`) puts before it, or its label; in any case.
pub(super) fn match_column(header: &str, form: &Form, schema: &Schema) -> Column {
    let h = header.trim();
    let name = super::folded(h);
    let last = name.rsplit('/').next().unwrap_or(&name);
    match last {
        // When the interview ended, on the enumerator's phone, first: a phone may upload
        // days later (offline collection), and the upload time is in UTC, which can move an
        // evening interview into the next day, or month.
        "end" | "meta-end" => return Column::Date(0),
        "today" => return Column::Date(1),
        "_submission_time" | "submissiondate" => return Column::Date(2),
        VERSION_FIELD => return Column::Version,
        "_validation_status" | "reviewstate" => return Column::Review,
        _ => {}
    }
    if let Some(rank) = id_rank(&name, last) {
        return Column::InstanceId(rank);
    }
    let candidates = names_in(&name, schema);
    if candidates.contains(&VERSION_FIELD) {
        return Column::Version;
    }
    for c in &candidates {
        if let Some(q) = form.questions.iter().position(|q| super::same_ignoring_case(&q.name, c)) {
            return Column::Question(q);
        }
    }
    // A label written exactly as the form has it first, then one in another case; then what
    // else names the question (an indicator's label, which older forms asked with), the same way.
    type Named = fn(&super::form::Question, &dyn Fn(&str) -> bool) -> bool;
    let asked: Named = |q, is| q.labels.iter().any(|l| is(l) || is(&super::xlsform::shown(l)));
    let also: Named = |q, is| q.also_named.iter().any(|l| is(l));
    for named in [asked, also] {
        for same in [super::same_text, super::same_ignoring_case] {
            for c in [h, last] {
                if let Some(q) = form.questions.iter().position(|q| named(q, &|text| same(text, c))) {
                    return Column::Question(q);
                }
            }
        }
    }
    Column::Ignored
}

/// The names a column header may give a question by: the header, its last part after any
/// `group/` (KoBoToolbox), and the header without the groups ODK Central puts before it with
/// `-` (`community-resources-access-to-services`). `header` is [folded](super::folded), and
/// so are the groups' ids it is stripped of.
fn names_in<'a>(header: &'a str, schema: &Schema) -> Vec<&'a str> {
    let last = header.rsplit('/').next().unwrap_or(header);
    let mut candidates = vec![header, last];
    let mut stripped = header;
    let groups: Vec<String> = schema.indicator_groups.ids().map(super::folded).collect();
    for _ in 0..4 {
        let before = stripped;
        for group in &groups {
            if let Some(rest) = stripped.strip_prefix(group.as_str()).and_then(|r| r.strip_prefix('-')) {
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
            let name = super::folded(h.trim());
            let names = names_in(&name, schema);
            let indicator = schema
                .indicators
                .iter()
                .find(|i| !i.survey && names.iter().any(|n| super::same_ignoring_case(n, &i.term.id)))?;
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
    // twice, `age-group` beside `AGE-GROUP`): which one holds the answers cannot be told, and
    // the second would go unread. Of the other columns, one name in two cases (`end` and
    // `END`) is said so too; two names of one kind (`end` and `group/end`, `_uuid` and
    // `meta/instanceID`) are not: the best is read, as always.
    let mut duplicated = false;
    let name_of = |col: usize| header.get(col).map_or("", |h| h.trim());
    for (col, column) in columns.iter().enumerate() {
        if *column == Column::Ignored {
            continue;
        }
        let Some(first) = columns[..col].iter().position(|c| c == column) else { continue };
        let message = match column {
            Column::Question(q) => Message::new("import.duplicate-column")
                .with("question", form.questions[*q].name.as_str())
                .number("first", first as u64 + 1),
            _ if super::same_ignoring_case(name_of(first), name_of(col)) => Message::new("import.duplicate-name")
                .with("column", name_of(col))
                .with("other", name_of(first))
                .number("first", first as u64 + 1),
            _ => continue,
        };
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

/// A warning for a file with no date column at all (`end`, `today`, `_submission_time`,
/// `SubmissionDate`, taken out by hand): the round's entries get no `date`, and their source
/// no month. Said once, at the header row.
pub(super) fn no_date(header: &[String], columns: &[Column], display: &str) -> Option<Diagnostic> {
    if columns.iter().any(|c| matches!(c, Column::Date(_))) {
        return None;
    }
    let location = cell_location(display, 1, 1, header.first().map_or("", String::as_str));
    Some(
        Diagnostic::warning_said("survey-date", location, Message::new("import.no-date"))
            .with_help_said(Message::new("import.no-date-help")),
    )
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
        assert_eq!(q("_validation_status"), "Review");
        assert_eq!(q("ReviewState"), "Review");
        // In any case, as a spreadsheet tidied by hand writes them.
        for (upper, lower) in [
            ("END", "end"),
            ("End", "end"),
            ("META-END", "meta-end"),
            ("SUBMISSIONDATE", "SubmissionDate"),
            ("_SUBMISSION_TIME", "_submission_time"),
            ("_UUID", "_uuid"),
            ("_ID", "_id"),
            ("META-INSTANCEID", "meta-instanceID"),
            ("META/INSTANCEID", "meta/instanceID"),
            ("key", "KEY"),
            ("FIELDBOOK_VERSION", "fieldbook_version"),
            ("_VALIDATION_STATUS", "_validation_status"),
            ("REVIEWSTATE", "ReviewState"),
            ("AGE-GROUP", "age-group"),
            ("SOCIODEMOGRAPHICS/EDUCATIONAL-ACHIEVEMENT", "sociodemographics/educational-achievement"),
            ("SOCIODEMOGRAPHICS-EDUCATIONAL-ACHIEVEMENT", "sociodemographics-educational-achievement"),
            ("COMMUNITY-RESOURCES/Access-To-Services", "community-resources/access-to-services"),
            ("ACCESS TO SERVICES", "Access to services"),
        ] {
            assert_eq!(q(upper), q(lower), "{upper}");
            assert_ne!(q(upper), "Ignored", "{upper}");
        }
    }

    /// Two columns that are one name in two cases are an error, for a question or any other
    /// column; two names of one kind are not, and a file with no date column is said once.
    #[test]
    fn one_name_in_two_cases_is_two_columns_too_many() {
        let schema = Schema::builtin();
        let source = crate::source::SourceFile::new("f", "f", "title = \"T\"\n".into());
        let config = crate::config::Config::parse(&source).unwrap();
        let form = build_form(&schema, &config, &[], FormOptions::default());
        let check = |header: &[&str]| {
            let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
            let columns: Vec<Column> = header.iter().map(|h| match_column(h, &form, &schema)).collect();
            let mut problems = Diagnostics::new();
            let ok = check_columns(&header, &columns, &form, &form, "s.csv", &mut problems);
            let said: Vec<String> = problems
                .iter()
                .filter(|d| d.severity == crate::diagnostic::Severity::Error)
                .map(|d| d.render())
                .collect();
            (ok, said, no_date(&header, &columns, "s.csv").map(|d| d.render()))
        };
        let (ok, said, undated) = check(&["community", "end", "access-to-services", "END"]);
        assert!(!ok && said.len() == 1, "{said:?}");
        assert!(said[0].contains("this column, `END`, is column 2, `end`, again in other capitals"), "{said:?}");
        assert!(said[0].contains("s.csv:1:4"), "{said:?}");
        assert!(undated.is_none());
        let (ok, said, _) = check(&["community", "AGE-GROUP", "access-to-services", "age-group"]);
        assert!(!ok && said[0].contains("this column answers `age-group` again, as column 2 does"), "{said:?}");
        let (ok, said, _) = check(&["community", "end", "group/end", "_uuid", "meta/instanceID", "access-to-services"]);
        assert!(ok && said.is_empty(), "{said:?}");
        let (ok, _, undated) = check(&["community", "access-to-services", "_uuid"]);
        assert!(ok);
        let undated = undated.expect("said");
        assert!(undated.contains("warning[survey-date]: this export has no date column"), "{undated}");
    }
}
