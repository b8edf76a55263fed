//! How a run's problems are shown on a terminal, so that thousands of warnings do not drown
//! the errors.
//!
//! Every error is shown. A kind of warning (a code) found more than [`SHOWN_OF_A_KIND`] times
//! in the whole site shows its first [`SHOWN_OF_A_KIND`], then one line with how many more
//! there are; `missing-indicators` warnings, past the same number, become one line for the
//! site (how many profiles, their median coverage, the indicators most often missing). With
//! `all`, every warning kept is shown, as the JSON output always lists them.
//!
//! This comes on top of the per-file cap ([`Diagnostics::limit_per_file`]), which keeps at
//! most 20 warnings of a kind for a file and counts the rest in one `more-warnings` warning:
//! the cap holds everywhere (it bounds memory for a file with 20,000 addresses), the summary
//! only in what is printed. Counts always include what the cap left out.
//!
//! For CI and code review, [`sarif`](mod@sarif) writes the problems as a SARIF log and [`github`](mod@github) as
//! GitHub Actions workflow commands; both list every problem kept, as the JSON output does.

use std::collections::BTreeMap;
use std::fmt::Write as _;

pub mod colour;
pub mod github;
pub mod sarif;

pub use github::github;
pub use sarif::sarif;

use crate::diagnostic::{Diagnostic, Diagnostics, Facts, Severity};
use crate::messages::{Message, Messages};

/// How many warnings of one kind are shown for the whole site before the rest are counted.
pub const SHOWN_OF_A_KIND: usize = 5;

/// How many problems of each kind a run found. A `more-warnings` warning counts as the
/// warnings it stands for, not as one of its own.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Tally {
    /// Errors by code.
    pub errors: BTreeMap<&'static str, usize>,
    /// Warnings by code.
    pub warnings: BTreeMap<&'static str, usize>,
}

impl Tally {
    /// Count `diagnostics`.
    pub fn of(diagnostics: &Diagnostics) -> Tally {
        let mut tally = Tally::default();
        for d in diagnostics.iter() {
            let (code, n) = stands_for(d);
            let by_code = match d.severity {
                Severity::Error => &mut tally.errors,
                Severity::Warning => &mut tally.warnings,
            };
            *by_code.entry(code).or_default() += n;
        }
        tally
    }

    /// How many errors.
    pub fn error_count(&self) -> usize {
        self.errors.values().sum()
    }

    /// How many warnings, those the per-file cap left out included.
    pub fn warning_count(&self) -> usize {
        self.warnings.values().sum()
    }

    /// `1 error (1 unknown-indicator), 2,211 warnings (2,000 missing-indicators, 211
    /// review-due)`: each kind, most frequent first.
    pub fn describe(&self) -> String {
        self.describe_in(&Messages::english())
    }

    /// [`Tally::describe`] in the language of `messages` (the codes stay as they are).
    pub fn describe_in(&self, messages: &Messages) -> String {
        messages.render(
            &Message::new("report.tally")
                .with("errors", by_kind(&self.errors, "report.errors", messages))
                .with("warnings", self.describe_warnings_in(messages)),
        )
    }

    /// The warnings' half of [`Tally::describe`]: `2,211 warnings (2,000 missing-indicators,
    /// 211 review-due)`.
    pub fn describe_warnings(&self) -> String {
        self.describe_warnings_in(&Messages::english())
    }

    /// [`Tally::describe_warnings`] in the language of `messages`.
    pub fn describe_warnings_in(&self, messages: &Messages) -> String {
        by_kind(&self.warnings, "report.warnings", messages)
    }
}

/// The code a diagnostic counts under, and how many it counts as.
fn stands_for(d: &Diagnostic) -> (&'static str, usize) {
    match d.facts.as_deref() {
        Some(Facts::Hidden { code, count }) => (code, *count),
        _ => (d.code, 1),
    }
}

/// `2 errors (1 broken-link, 1 unknown-field)`: the message `id` (a count of errors or
/// warnings) with each kind, most frequent first.
fn by_kind(counts: &BTreeMap<&'static str, usize>, id: &'static str, messages: &Messages) -> String {
    let total: usize = counts.values().sum();
    let mut kinds: Vec<(&&str, &usize)> = counts.iter().filter(|(_, n)| **n > 0).collect();
    let said = Message::new(id).count("n", total as u64);
    if kinds.is_empty() {
        return messages.render(&said);
    }
    kinds.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let kinds: Vec<String> = kinds
        .iter()
        .map(|(code, n)| messages.render(&Message::new("report.of-kind").count("n", **n as u64).with("code", **code)))
        .collect();
    let separator = messages.render(&Message::new("report.list-separator"));
    messages
        .render(&Message::new("report.with-kinds").phrase("count", said).with("kinds", kinds.join(separator.as_str())))
}

/// The problems as a terminal shows them, each followed by a blank line: everything when
/// `all`, else every error and the warnings summed up as the module says. `all_command` is
/// what shows everything (`fieldbook check --all`), for the lines that say how.
pub fn human(diagnostics: &Diagnostics, all: bool, all_command: &str) -> String {
    human_in(diagnostics, all, all_command, &Messages::english())
}

/// [`human`] in the language of `messages`.
pub fn human_in(diagnostics: &Diagnostics, all: bool, all_command: &str, messages: &Messages) -> String {
    let mut out = String::new();
    if all {
        for d in diagnostics.iter() {
            out.push_str(&d.render_in(messages));
            out.push('\n');
        }
        return out;
    }
    // Warnings of each kind found, in the order first found.
    let mut order: Vec<&'static str> = Vec::new();
    let mut found: BTreeMap<&'static str, usize> = BTreeMap::new();
    for d in diagnostics.iter().filter(|d| d.severity == Severity::Warning) {
        let (code, n) = stands_for(d);
        let seen = found.entry(code).or_default();
        if *seen == 0 {
            order.push(code);
        }
        *seen += n;
    }
    let summed = |code: &str| found.get(code).is_some_and(|n| *n > SHOWN_OF_A_KIND);
    let mut shown: BTreeMap<&'static str, usize> = BTreeMap::new();
    for d in diagnostics.iter() {
        if d.severity == Severity::Warning {
            let (code, _) = stands_for(d);
            if summed(code) {
                let n = shown.entry(code).or_default();
                // A kind summed up shows only its first warnings, never a site's worth of
                // profiles' coverage nor the per-file `more-warnings` counts.
                if *n >= SHOWN_OF_A_KIND || code == MISSING_INDICATORS || d.code == "more-warnings" {
                    continue;
                }
                *n += 1;
            }
        }
        out.push_str(&d.render_in(messages));
        out.push('\n');
    }
    let warning = messages.warning_label();
    for code in order.into_iter().filter(|code| summed(code)) {
        if code == MISSING_INDICATORS {
            out.push_str(&coverage_line(diagnostics, all_command, messages));
        } else {
            let total = found[code];
            let more = total - shown.get(code).copied().unwrap_or(0);
            let line = Message::new("report.more-like-this")
                .count("n", more as u64)
                .count("total", total as u64)
                .with("command", all_command);
            let _ = writeln!(out, "{warning}[{code}]: {}\n", messages.render(&line));
        }
    }
    out
}

const MISSING_INDICATORS: &str = "missing-indicators";

/// The one line that stands for every `missing-indicators` warning.
fn coverage_line(diagnostics: &Diagnostics, all_command: &str, messages: &Messages) -> String {
    let mut profiles = 0;
    let mut coverages = Vec::new();
    let mut order: Vec<&str> = Vec::new();
    let mut missing: BTreeMap<&str, usize> = BTreeMap::new();
    for d in diagnostics.iter().filter(|d| d.severity == Severity::Warning && d.code == MISSING_INDICATORS) {
        profiles += 1;
        if let Some(Facts::Coverage { coverage, missing: ids }) = d.facts.as_deref() {
            coverages.push(*coverage);
            for id in ids {
                let n = missing.entry(id.as_str()).or_default();
                if *n == 0 {
                    order.push(id);
                }
                *n += 1;
            }
        }
    }
    let mut out = format!(
        "{}[{MISSING_INDICATORS}]: {}",
        messages.warning_label(),
        messages.render(&Message::new("report.coverage").count("n", profiles as u64))
    );
    // The median profile, by its share given (the lower middle one for an even count).
    coverages.sort_by(|a, b| (a.given * b.total.max(1)).cmp(&(b.given * a.total.max(1))));
    if let Some(median) = coverages.get(coverages.len().saturating_sub(1) / 2) {
        let said = Message::new("report.coverage-median")
            .count("given", median.given as u64)
            .count("n", median.total as u64)
            .count("percent", median.percent() as u64);
        out.push_str(&messages.render(&said));
    }
    // Stable: equal counts keep schema order.
    order.sort_by_key(|id| std::cmp::Reverse(missing[id]));
    if !order.is_empty() {
        let most: Vec<String> = order
            .iter()
            .take(3)
            .enumerate()
            .map(|(i, id)| {
                let id_of = if i == 0 { "report.missing-first" } else { "report.missing-next" };
                messages.render(&Message::new(id_of).with("id", *id).count("n", missing[id] as u64))
            })
            .collect();
        let separator = messages.render(&Message::new("report.list-separator"));
        let said = Message::new("report.most-often-missing").with("ids", most.join(separator.as_str()));
        out.push_str(&messages.render(&said));
    }
    let help = messages.render(&Message::new("report.coverage-help").with("command", all_command));
    let _ = writeln!(out, "\n{}: {help}\n", messages.help_label());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coverage::Coverage;
    use crate::diagnostic::{Location, more_warnings};

    fn warning(code: &'static str, file: &str) -> Diagnostic {
        Diagnostic::warning(code, Location::file(file), "w")
    }

    fn missing(file: &str, given: usize, ids: &[&str]) -> Diagnostic {
        let facts = Facts::Coverage {
            coverage: Coverage { given, total: 18 },
            missing: ids.iter().map(|s| s.to_string()).collect(),
        };
        warning(MISSING_INDICATORS, file).with_facts(facts)
    }

    #[test]
    fn a_frequent_kind_shows_its_first_five_and_a_count() {
        let mut list: Diagnostics = (0..8).map(|i| warning("review-due", &format!("{i}.md"))).collect();
        list.push(Diagnostic::error("broken-link", Location::file("9.md"), "e"));
        let shown = human(&list, false, "fieldbook check --all");
        assert_eq!(shown.matches("warning[review-due]: w").count(), 5, "{shown}");
        assert!(shown.contains("error[broken-link]: e"), "{shown}");
        assert!(shown.ends_with(
            "warning[review-due]: 3 more like this are not shown (8 in all); `fieldbook check --all` shows them\n\n"
        ));
        assert_eq!(human(&list, true, "x").matches("warning[review-due]").count(), 8);
        assert_eq!(Tally::of(&list).describe(), "1 error (1 broken-link), 8 warnings (8 review-due)");
    }

    #[test]
    fn five_of_a_kind_are_all_shown() {
        let list: Diagnostics = (0..5).map(|i| missing(&format!("{i}.md"), 12, &["a"])).collect();
        let shown = human(&list, false, "x");
        assert_eq!(shown.matches("warning[missing-indicators]: w").count(), 5, "{shown}");
    }

    #[test]
    fn missing_indicators_become_one_line_with_the_median_and_the_most_missed() {
        let mut list: Diagnostics = Diagnostics::new();
        for (i, given) in [16, 10, 12, 12, 17, 3].into_iter().enumerate() {
            let ids: &[&str] = if i < 4 { &["water", "schools", "jobs"] } else { &["jobs", "clinics"] };
            list.push(missing(&format!("{i}.md"), given, ids));
        }
        let shown = human(&list, false, "fieldbook check --all");
        assert_eq!(
            shown,
            "warning[missing-indicators]: 6 profiles do not give every indicator; median coverage 12 of 18 published indicators (67%); most often missing: `jobs` (by 6 profiles), `water` (4), `schools` (4)\nhelp: `fieldbook check --all` shows each profile's warning, with what it misses\n\n"
        );
    }

    #[test]
    fn the_per_file_cap_counts_in_the_totals_and_folds_into_the_site_line() {
        let mut list: Diagnostics = (0..20).map(|_| warning("personal-email", "a.md")).collect();
        list.push(more_warnings("personal-email", 30, Location::file("a.md")));
        list.push(warning("personal-email", "b.md"));
        let tally = Tally::of(&list);
        assert_eq!((tally.warning_count(), tally.describe()), (51, "0 errors, 51 warnings (51 personal-email)".into()));
        let shown = human(&list, false, "x");
        assert!(!shown.contains("more-warnings"), "{shown}");
        assert!(shown.contains("warning[personal-email]: 46 more like this are not shown (51 in all)"), "{shown}");
        // With everything shown, the per-file cap still holds.
        assert_eq!(human(&list, true, "x").matches("warning[more-warnings]").count(), 1);
    }

    #[test]
    fn the_summed_up_lines_speak_the_reports_language() {
        let mut list: Diagnostics = (0..8).map(|i| warning("review-due", &format!("{i}.md"))).collect();
        for (i, given) in [16, 10, 12, 12, 17, 3].into_iter().enumerate() {
            list.push(missing(&format!("m{i}.md"), given, &["jobs", "water"]));
        }
        let french = human_in(&list, false, "fieldbook check --all", &Messages::of("fr"));
        assert!(french.contains(
            "avertissement[review-due]: 3 autres du même type ne sont pas affichés (8 en tout)\u{202f}; `fieldbook check --all` les affiche tous\n"
        ), "{french}");
        assert!(french.contains("avertissement[missing-indicators]: 6 profils communautaires ne renseignent pas tous les indicateurs\u{202f}; couverture médiane\u{202f}: 12 sur 18 indicateurs publiés (67 %)"), "{french}");
        assert!(french.contains("\naide: `fieldbook check --all` affiche"), "{french}");
        let arabic = Tally::of(&list).describe_in(&Messages::of("ar"));
        assert_eq!(arabic, "لا أخطاء، 14 تحذيرًا (8 review-due، 6 missing-indicators)");
    }

    #[test]
    fn no_problems_say_so_plainly() {
        assert_eq!(Tally::of(&Diagnostics::new()).describe(), "0 errors, 0 warnings");
        assert_eq!(human(&Diagnostics::new(), false, "x"), "");
    }
}
