//! Review states: what a supervisor decided of each submission before the export, in
//! KoBoToolbox (`_validation_status`: `validation_status_approved`,
//! `validation_status_not_approved`, `validation_status_on_hold`, or empty; an export with
//! labels writes `Approved`, `Not Approved`, `On Hold`, and the labels KoBoToolbox's
//! interface shows in French, Spanish and Arabic are known too: `Non approuvé`, `No aprobado`,
//! `غير مقبول`, from its own translations) or in ODK Central (`ReviewState`:
//! `approved`, `hasIssues`, `edited`, `rejected`, or empty for a submission not reviewed).
//!
//! A submission rejected (ODK Central) or not approved (KoBoToolbox) was set aside so that it
//! is not analysed: it is left out of the figures, as a repeated submission is, its cells not
//! read, and the import says how many it left out. One on hold or with issues is still to be
//! looked at: it is counted, and a warning says how many there are. A value the import does
//! not know is counted too, and said: a file edited by hand may have changed it.

use super::cell_location;
use super::import::Column;
use super::read::Table;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::messages::Message;

/// What a submission's review state makes of it, from counted as any to left out; a row with
/// several review columns (exports of both tools merged) takes the state furthest down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Review {
    /// Not reviewed, approved, or edited (ODK Central): counted.
    Counted,
    /// On hold (KoBoToolbox): counted, and said.
    OnHold,
    /// Has issues (ODK Central): counted, and said.
    HasIssues,
    /// A value the import does not know: counted, and said.
    Unknown,
    /// Not approved (KoBoToolbox): left out.
    NotApproved,
    /// Rejected (ODK Central): left out.
    Rejected,
}

impl Review {
    /// Whether a submission in this state is left out of the figures.
    pub(super) fn left_out(self) -> bool {
        self >= Review::NotApproved
    }
}

/// The state a review cell gives, in any case, as a value (`validation_status_on_hold`,
/// `hasIssues`) or as the label the tool shows (`On Hold`, `Has issues`).
fn state_of(cell: &str) -> Review {
    let folded = super::folded(cell.trim());
    let value = folded.strip_prefix("validation_status_").unwrap_or(&folded);
    let key: String = value.chars().filter(|c| !matches!(c, ' ' | '_' | '-')).collect();
    match key.as_str() {
        // `—` is how KoBoToolbox shows a submission without a status. Its interface's labels
        // in French, Spanish and Arabic are those of its translations (kobotoolbox/
        // form-builder-translations, `djangojs.po`: "Approved", "On hold", "Not approved").
        "" | "—" | "received" | "approved" | "edited" | "approuvé" | "aprobado" | "مقبول" => Review::Counted,
        "onhold" | "enattente" | "enespera" | "معلق" => Review::OnHold,
        "hasissues" => Review::HasIssues,
        "notapproved" | "nonapprouvé" | "noaprobado" | "غيرمقبول" => Review::NotApproved,
        "rejected" => Review::Rejected,
        _ => Review::Unknown,
    }
}

/// The columns of `columns` that hold a review state.
fn review_columns(columns: &[Column]) -> Vec<usize> {
    columns.iter().enumerate().filter(|(_, c)| **c == Column::Review).map(|(i, _)| i).collect()
}

/// Each row's review state ([`Review::Counted`] for every row of a file without a review
/// column).
pub(super) fn review_states(table: &Table, columns: &[Column]) -> Vec<Review> {
    let review = review_columns(columns);
    table
        .rows
        .iter()
        .map(|row| {
            review
                .iter()
                .map(|&col| state_of(row.cells.get(col).map_or("", String::as_str)))
                .max()
                .unwrap_or(Review::Counted)
        })
        .collect()
}

/// The warnings for the submissions counted though their review is not done (on hold, has
/// issues) or says what the import does not know: one for each state, at the first such
/// row's review cell, with how many others there are. `counted` says which rows are counted
/// (a row left out as a repeat is not said again).
pub(super) fn review_warnings(
    table: &Table,
    columns: &[Column],
    states: &[Review],
    counted: impl Fn(usize) -> bool,
    display: &str,
) -> Diagnostics {
    let review = review_columns(columns);
    let mut problems = Diagnostics::new();
    for state in [Review::OnHold, Review::HasIssues, Review::Unknown] {
        let rows: Vec<usize> = (0..table.rows.len()).filter(|&r| states[r] == state && counted(r)).collect();
        let Some(&first) = rows.first() else { continue };
        let row = &table.rows[first];
        let cell = |col: usize| row.cells.get(col).map_or("", |c| c.trim());
        let Some(&col) = review.iter().find(|&&col| state_of(cell(col)) == state) else { continue };
        let others = rows.len() as u64 - 1;
        let (message, help) = match (state, others) {
            (Review::Unknown, 0) => ("import.review-unknown", "import.review-unknown-help"),
            (Review::Unknown, _) => ("import.review-unknown-more", "import.review-unknown-help"),
            (_, 0) => ("import.review-pending", "import.review-pending-help"),
            _ => ("import.review-pending-more", "import.review-pending-help"),
        };
        let message = Message::new(message).with("value", cell(col)).number("n", others);
        problems.push(
            Diagnostic::warning_said(
                "survey-review-state",
                cell_location(display, row.number, col + 1, cell(col)),
                message,
            )
            .with_help_said(Message::new(help)),
        );
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values and labels of both tools, in any case: rejected and not approved are left out;
    /// on hold and has issues are counted, and so is a value not known.
    #[test]
    fn review_states_as_each_tool_exports_them() {
        for (cell, state) in [
            ("", Review::Counted),
            ("validation_status_approved", Review::Counted),
            ("Approved", Review::Counted),
            ("edited", Review::Counted),
            ("validation_status_on_hold", Review::OnHold),
            ("On Hold", Review::OnHold),
            ("hasIssues", Review::HasIssues),
            ("Has issues", Review::HasIssues),
            ("validation_status_not_approved", Review::NotApproved),
            ("Not Approved", Review::NotApproved),
            ("VALIDATION_STATUS_NOT_APPROVED", Review::NotApproved),
            ("rejected", Review::Rejected),
            ("REJECTED", Review::Rejected),
            // KoBoToolbox's labels in French, Spanish and Arabic.
            ("Non approuvé", Review::NotApproved),
            ("No aprobado", Review::NotApproved),
            ("غير مقبول", Review::NotApproved),
            ("En attente", Review::OnHold),
            ("En espera", Review::OnHold),
            ("معلق", Review::OnHold),
            ("Approuvé", Review::Counted),
            ("Aprobado", Review::Counted),
            ("مقبول", Review::Counted),
            ("Rejeté", Review::Unknown),
            ("maybe", Review::Unknown),
        ] {
            assert_eq!(state_of(cell), state, "{cell}");
        }
        assert!(Review::Rejected.left_out() && Review::NotApproved.left_out());
        assert!(!Review::Unknown.left_out() && !Review::OnHold.left_out() && !Review::HasIssues.left_out());
    }

    /// One warning per state counted but not settled, at the first row that has it, with how
    /// many others there are; rows not counted are not said.
    #[test]
    fn submissions_counted_before_their_review_is_done_are_said_once_per_state() {
        let table = crate::survey::read::read_table(
            b"community;ReviewState\na;hasIssues\nb;rejected\nc;hasIssues\nd;\ne;hasIssues\nf;later\n",
            "s.csv",
        )
        .unwrap();
        let columns = [Column::Ignored, Column::Review];
        let states = review_states(&table, &columns);
        assert_eq!(states[1], Review::Rejected);
        let said: Vec<String> =
            review_warnings(&table, &columns, &states, |r| r != 4, "s.csv").iter().map(|d| d.render()).collect();
        assert_eq!(said.len(), 2, "{said:#?}");
        assert!(
            said[0].starts_with(
                "warning[survey-review-state]: this submission is `hasIssues` in review, as is 1 other: they are \
                 counted in the figures\n --> s.csv:2:2"
            ),
            "{said:#?}"
        );
        assert!(said[1].contains("`later` is not a review state the import knows: this submission is counted"));
        assert!(said[1].contains("s.csv:7:2"), "{said:#?}");
    }
}
