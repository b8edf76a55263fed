//! Repeated submissions: the same submission twice in one export (uploaded again from a
//! phone, two exports merged), told by its instance id. Each instance id counts once: the
//! first row that has it is kept, and every later one is left out of the figures with a
//! warning at its id cell that names the first row, and says so when their answers differ.
//!
//! The instance id is the one column every export carries for a submission: `meta/instanceID`
//! or `instanceID` (KoBoToolbox, by its group separator), `meta-instanceID` (ODK Central),
//! `_uuid` (KoBoToolbox: the instance id without its `uuid:`), `KEY` (ODK Briefcase), and,
//! when none of these is there, KoBoToolbox's `_id` (its database's number for the
//! submission, which a merged export repeats but an upload again does not).

use std::collections::HashMap;

use super::cell_location;
use super::form::Form;
use super::import::Column;
use super::read::Table;
use super::review::Review;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::messages::Message;

/// How good a column is as a submission's id (lower is better), or `None` if it is no id:
/// `header` the file's header [folded](super::folded) (lower case), `last` its name after any
/// `group/`.
pub(super) fn id_rank(header: &str, last: &str) -> Option<u8> {
    match (header, last) {
        (_, "instanceid") | ("meta-instanceid", _) => Some(0),
        (_, "_uuid") | ("key", _) => Some(1),
        (_, "_id") => Some(2),
        _ => None,
    }
}

/// The repeated submissions of `table`: for each row, the earlier row (an index into the
/// table's rows) whose instance id it repeats, if it does (it is left out), and a warning for
/// each row left out. The best id column is used; a file with none has no repeats to find.
/// `states` are the rows' review states, and a submission's first row takes the most severe
/// of its rows' (rejected once is rejected: two exports merged, one made after the review); a
/// submission so set aside counts in none, and its repeats' warnings say so rather than that
/// it counts once.
pub(super) fn find_repeats(
    table: &Table,
    columns: &[Column],
    form: &Form,
    states: &mut [Review],
    display: &str,
) -> (Vec<Option<usize>>, Diagnostics) {
    let mut repeats = vec![None; table.rows.len()];
    let mut problems = Diagnostics::new();
    let id_column = super::columns::best(columns, |c| match c {
        Column::InstanceId(rank) => Some(*rank),
        _ => None,
    });
    let Some(id_column) = id_column else { return (repeats, problems) };
    let name = &table.header[id_column];
    // The columns of the form's questions: what a repeat's answers are compared on (the
    // submission dates and the export's own columns differ from one upload to the next).
    let answer_columns: Vec<(usize, &str)> = columns
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match c {
            Column::Question(q) => Some((i, form.questions[*q].name.as_str())),
            _ => None,
        })
        .collect();
    // `uuid:1ff1…` (instanceID) and `1ff1…` (_uuid) are one id, in either case.
    let id_of = |row: &super::read::Row| {
        let raw = row.cells.get(id_column).map_or("", |c| c.trim());
        (!raw.is_empty()).then(|| raw.strip_prefix("uuid:").unwrap_or(raw).to_ascii_lowercase())
    };
    let mut first_of: HashMap<String, usize> = HashMap::new();
    for (r, row) in table.rows.iter().enumerate() {
        let Some(id) = id_of(row) else { continue };
        match first_of.get(&id) {
            Some(&first) => {
                repeats[r] = Some(first);
                states[first] = states[first].max(states[r]);
            }
            None => {
                first_of.insert(id, r);
            }
        }
    }
    for (r, row) in table.rows.iter().enumerate() {
        let Some(first) = repeats[r] else { continue };
        let cell = |col: usize| row.cells.get(col).map_or("", |c| c.trim());
        let raw = cell(id_column);
        let set_aside = states[first].left_out();
        let kept = &table.rows[first];
        let differ: Vec<&str> = answer_columns
            .iter()
            .filter(|&&(col, _)| kept.cells.get(col).map_or("", |c| c.trim()) != cell(col))
            .map(|&(_, question)| question)
            .collect();
        let first_row = kept.number.to_string();
        let (message, help) = if set_aside {
            (Message::new("import.repeat-set-aside"), Message::new("import.repeat-help"))
        } else if differ.is_empty() {
            (Message::new("import.repeat"), Message::new("import.repeat-help"))
        } else {
            let shown = &differ[..differ.len().min(5)];
            let questions = match differ.len() {
                ..=5 => Message::new("list.all").list("items", shown),
                n => Message::new("import.and-n-more").list("items", shown).number("n", n as u64 - 5),
            };
            (
                Message::new("import.repeat-differs").phrase("questions", questions),
                Message::new("import.repeat-differs-help").with("row", first_row.as_str()),
            )
        };
        let message = message.with("row", first_row).with("column", name.as_str()).with("id", raw);
        problems.push(
            Diagnostic::warning_said(
                "survey-repeated-submission",
                cell_location(display, row.number, id_column + 1, raw),
                message,
            )
            .with_help_said(help),
        );
    }
    (repeats, problems)
}
