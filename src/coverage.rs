//! Indicator coverage: how many of the indicators a page can show a profile gives.
//!
//! One definition for every place that shows a coverage figure: `check`'s
//! `missing-indicators` warning, the profile page, the community listings and the coverage
//! heatmap. The indicators counted are those the build publishes: in a public build the
//! schema's non-sensitive indicators, in the internal build all of them. `check` speaks of the
//! public site, so it counts the published ones. An indicator written as `unknown` counts as
//! given: it was looked for. An entry with an error (a percentage of 120) is not given: it is
//! not in the model, so no page shows it, and `check` counts the same entries as the pages.

use crate::schema::{Indicator, Schema};

/// How many of the counted indicators a profile gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Coverage {
    /// Counted indicators the profile gives.
    pub given: usize,
    /// Counted indicators in the schema.
    pub total: usize,
}

/// True when coverage counts `indicator` in a build that does (`shows_sensitive`) or does not
/// show sensitive data: exactly the indicators such a build publishes.
pub fn counts(indicator: &Indicator, shows_sensitive: bool) -> bool {
    shows_sensitive || !indicator.sensitive
}

impl Coverage {
    /// The coverage of a profile that gives the indicators `given` (indices into the schema's
    /// indicators; repeats and indices out of range are ignored), for a build that does or
    /// does not show sensitive data.
    pub fn of(schema: &Schema, given: impl IntoIterator<Item = usize>, shows_sensitive: bool) -> Coverage {
        let counted: Vec<bool> = schema.indicators.iter().map(|i| counts(i, shows_sensitive)).collect();
        let mut seen = vec![false; counted.len()];
        for i in given {
            if let Some(s) = seen.get_mut(i) {
                *s = counted[i];
            }
        }
        Coverage { given: seen.iter().filter(|s| **s).count(), total: counted.iter().filter(|c| **c).count() }
    }

    /// The share given, in percent, rounded to the nearest (2 of 3 is 67%), halves up; but
    /// never 100 while one is missing, nor 0 once one is given. With nothing to count, 100.
    pub fn percent(self) -> usize {
        if self.total == 0 || self.given >= self.total {
            return 100;
        }
        let rounded = (self.given * 200 + self.total) / (self.total * 2);
        rounded.clamp(usize::from(self.given > 0), 99)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cov(given: usize, total: usize) -> usize {
        Coverage { given, total }.percent()
    }

    #[test]
    fn percentages_are_rounded_to_the_nearest() {
        assert_eq!(cov(12, 18), 67, "66.7 is 67, not 66");
        assert_eq!(cov(12, 20), 60);
        assert_eq!(cov(1, 3), 33);
        assert_eq!(cov(1, 8), 13, "12.5 rounds half up");
        assert_eq!(cov(0, 18), 0);
        assert_eq!(cov(18, 18), 100);
        assert_eq!(cov(0, 0), 100, "nothing to give");
    }

    #[test]
    fn a_missing_indicator_never_shows_as_100_nor_one_given_as_0() {
        assert_eq!(cov(199, 200), 99);
        assert_eq!(cov(1, 300), 1);
    }

    #[test]
    fn sensitive_indicators_count_only_where_they_are_shown() {
        let (schema, _) = crate::schema::load(None);
        let sensitive: Vec<usize> = (0..schema.indicators.len()).filter(|&i| schema.indicators[i].sensitive).collect();
        assert!(!sensitive.is_empty(), "the handbook schema has sensitive indicators");
        let all = schema.indicators.len();
        let published = all - sensitive.len();
        // A profile that gives one published and every sensitive indicator, one of them twice.
        let first_published = (0..all).find(|i| !sensitive.contains(i)).unwrap();
        let given: Vec<usize> =
            std::iter::once(first_published).chain(sensitive.iter().copied()).chain([sensitive[0], all + 5]).collect();
        assert_eq!(Coverage::of(&schema, given.clone(), false), Coverage { given: 1, total: published });
        assert_eq!(Coverage::of(&schema, given, true), Coverage { given: 1 + sensitive.len(), total: all });
    }
}
