//! When a date may be: a date that reads as one can still be surely wrong (the year 0000, an
//! assessment in 1026 or in 2062, a review before its assessment) or written in a way that
//! loses something (`2026-1-1`, a time of day after the date).

use super::read::Reader;
use crate::date::{Date, Written};
use crate::diagnostic::Diagnostic;
use crate::load::Node;
use crate::messages::Message;

/// The earliest year any built-in date may have: these are assessments of today's
/// communities and the projects that follow them.
pub(crate) const EARLIEST_YEAR: i32 = 1900;
/// How far ahead of today a date of something done (an assessment, a review, an update, a
/// figure) may be before it is surely a typo rather than a date set a little early.
const DONE_MONTHS_AHEAD: u32 = 12;
/// How far ahead a planned date (a project's start or end) may be.
const PLANNED_YEARS_AHEAD: u32 = 30;

/// What a date field records, which says how far from today it may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum When {
    /// Something done: in the past, or at most a year ahead (with a warning).
    Done,
    /// A date of record (a case study's, a page's last update): at most a year ahead.
    Recorded,
    /// Something planned: up to thirty years ahead.
    Planned,
}

/// The checks of how `date` was written (at `node`, the field `name`): the year 0000 is an
/// error (the date is then `None`), a date without leading zeros or with a time is read
/// with a warning.
pub(super) fn check_written(
    reader: &mut Reader<'_>,
    node: &Node,
    name: &str,
    date: Date,
    written: Written<'_>,
) -> Option<Date> {
    if date.year() == 0 {
        reader.error_said(
            "implausible-date",
            node.span,
            Message::new("date.year-zero").with("date", date.to_string()),
            Some(Message::new("date.year-zero-help")),
        );
        return None;
    }
    if written.unpadded {
        reader.warning_said(
            "unpadded-date",
            node.span,
            Message::new("date.unpadded").with("value", written_text(node)),
            Some(Message::new("date.unpadded-help").with("date", date.to_string())),
        );
    }
    if let Some(time) = written.time {
        let time = time[1..].trim();
        reader.warning_said(
            "time-dropped",
            node.span,
            Message::new("date.time-dropped").with("field", name).with("time", time),
            Some(Message::new("date.time-dropped-help").with("date", date.to_string())),
        );
    }
    Some(date)
}

fn written_text(node: &Node) -> &str {
    node.as_scalar().map_or("", |s| s.text.trim())
}

impl Reader<'_> {
    /// A date that must lie after 1900 and not far in the future, as `when` says; `None`
    /// (and an error) when it does not.
    pub(crate) fn date_when(&mut self, node: &Node, name: &str, when: When) -> Option<Date> {
        let date = self.date(node, name)?;
        self.check_when(node, date, when, || name.to_string())
    }

    /// The checks of [`Reader::date_when`] for a date read already; `name` makes the field's
    /// name when a message needs it.
    pub(crate) fn check_when(
        &mut self,
        node: &Node,
        date: Date,
        when: When,
        name: impl FnOnce() -> String,
    ) -> Option<Date> {
        let today = self.today;
        if date.year() < EARLIEST_YEAR {
            let name = name();
            // 1026 for 2026: the century mistyped.
            let guess = Date::new(2000 + date.year() % 100, date.month(), date.day())
                .filter(|g| *g <= today.add_months(DONE_MONTHS_AHEAD));
            let help = match guess {
                Some(guess) => Message::new("date.check-year-guess").with("guess", guess.to_string()),
                None => Message::new("date.check-year"),
            };
            self.error_said(
                "implausible-date",
                node.span,
                Message::new("date.too-early")
                    .with("date", date.to_string())
                    .with("earliest", EARLIEST_YEAR.to_string())
                    .with("field", name),
                Some(help),
            );
            return None;
        }
        let (limit, ahead) = match when {
            When::Done | When::Recorded => (today.add_months(DONE_MONTHS_AHEAD), "date.too-late-year"),
            When::Planned => (today.add_months(PLANNED_YEARS_AHEAD * 12), "date.too-late-thirty"),
        };
        if date > limit {
            let name = name();
            self.error_said(
                "implausible-date",
                node.span,
                Message::new(ahead).with("date", date.to_string()).with("today", today.to_string()).with("field", name),
                Some(Message::new("date.check-year")),
            );
            return None;
        }
        if when == When::Done && date > today {
            let name = name();
            self.warning_said(
                "future-date",
                node.span,
                Message::new("date.future").with("field", name).with("date", date.to_string()),
                Some(Message::new("date.future-help")),
            );
        }
        Some(date)
    }
}

/// A review comes after the assessment it reviews: `reviewed` (at `node`) before `assessed`
/// (at `assessed_node`) is an error, with a note at the assessment.
pub(super) fn check_review_order(reader: &mut Reader<'_>, assessed: (Date, &Node), reviewed: (Date, &Node)) {
    let ((assessed, assessed_node), (reviewed, node)) = (assessed, reviewed);
    if reviewed >= assessed {
        return;
    }
    let d = Diagnostic::error_said(
        "review-before-assessment",
        reader.at(node.span),
        Message::new("validate.review-before-assessment")
            .with("reviewed", reviewed.to_string())
            .with("assessed", assessed.to_string()),
    )
    .with_note_said(Message::new("validate.assessed-here"), reader.at(assessed_node.span))
    .with_help_said(Message::new("validate.review-before-assessment-help"));
    reader.push(d);
}
