//! The rules that turn answers into a figure, one indicator at a time:
//!
//! - a percentage is the share of `yes` among the `yes` and `no` answers, to one decimal;
//! - a distribution is the share of each part among the answers, to one decimal;
//! - a rating is the median answer; for an even number of answers, the lower of the two middle
//!   ones (a rating is a point of the scale, never between two);
//! - a count or number is the sum or the mean of the answers, as the schema's `aggregate`
//!   says (a mean to one decimal; a count's mean to a whole number);
//! - a list is every choice at least one respondent made, the most often made first;
//! - `dont_know` and blanks are not answers; `n` counts the answers used. With no answers,
//!   there is no figure.

use crate::model::{IndicatorValue, Part};
use crate::schema::{Aggregate, Indicator, ValueKind};

/// One respondent's answer to one question.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Given {
    /// No answer.
    Blank,
    /// `dont_know`.
    DontKnow,
    /// The choice at this index of the question's list.
    Choice(u32),
    /// Several choices of a list of at most 64, as bits.
    Many(u64),
    /// A number.
    Number(f64),
}

/// `x` rounded to one decimal.
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The figure `answers` give for `indicator`, and how many answers it used; `None` when no one
/// answered. `choices` names the question's choices, for distributions and lists; for a
/// percentage the list is `yes`, `no`, `dont_know`, and for a rating it runs from the scale's
/// lowest point.
pub fn figure(
    indicator: &Indicator,
    choices: &[String],
    answers: impl Iterator<Item = Given>,
) -> Option<(IndicatorValue, u64)> {
    match indicator.kind {
        ValueKind::Percent => {
            let (mut yes, mut no) = (0u64, 0u64);
            for a in answers {
                match a {
                    Given::Choice(0) => yes += 1,
                    Given::Choice(1) => no += 1,
                    _ => {}
                }
            }
            let n = yes + no;
            (n > 0).then(|| (IndicatorValue::Percent(round1(100.0 * yes as f64 / n as f64)), n))
        }
        ValueKind::Distribution => {
            let mut counts = vec![0u64; choices.len()];
            for a in answers {
                if let Given::Choice(c) = a
                    && let Some(slot) = counts.get_mut(c as usize)
                {
                    *slot += 1;
                }
            }
            let n: u64 = counts.iter().sum();
            (n > 0).then(|| {
                let parts = choices
                    .iter()
                    .zip(&counts)
                    .map(|(name, &c)| Part { name: name.clone(), value: round1(100.0 * c as f64 / n as f64) })
                    .collect();
                (IndicatorValue::Distribution(parts), n)
            })
        }
        ValueKind::Rating => {
            let min = indicator.scale.as_ref().map_or(1, |s| s.min);
            let mut points: Vec<i64> = answers
                .filter_map(|a| match a {
                    Given::Choice(c) => Some(min + i64::from(c)),
                    _ => None,
                })
                .collect();
            let n = points.len() as u64;
            lower_median(&mut points).map(|m| (IndicatorValue::Rating(m), n))
        }
        ValueKind::Count | ValueKind::Number => {
            let (mut sum, mut n) = (0.0, 0u64);
            for a in answers {
                if let Given::Number(x) = a {
                    sum += x;
                    n += 1;
                }
            }
            if n == 0 {
                return None;
            }
            let value = match indicator.aggregate {
                Aggregate::Sum => sum,
                Aggregate::Mean => sum / n as f64,
            };
            Some(if indicator.kind == ValueKind::Count {
                (IndicatorValue::Count(value.round().max(0.0) as u64), n)
            } else {
                (IndicatorValue::Number(round1(value)), n)
            })
        }
        ValueKind::List => {
            let mut counts = vec![0u64; choices.len().min(64)];
            let mut n = 0;
            for a in answers {
                if let Given::Many(bits) = a {
                    if bits == 0 {
                        continue;
                    }
                    n += 1;
                    for (i, count) in counts.iter_mut().enumerate() {
                        *count += (bits >> i) & 1;
                    }
                }
            }
            let mut chosen: Vec<usize> = (0..counts.len()).filter(|&i| counts[i] > 0).collect();
            // Most often first; ties in the schema's order.
            chosen.sort_by_key(|&i| std::cmp::Reverse(counts[i]));
            (n > 0).then(|| (IndicatorValue::List(chosen.into_iter().map(|i| choices[i].clone()).collect()), n))
        }
        ValueKind::Text | ValueKind::YesNo => None,
    }
}

/// The median of `values`; for an even number of them, the lower of the two middle ones.
pub fn lower_median(values: &mut [i64]) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    let k = (values.len() - 1) / 2;
    Some(*values.select_nth_unstable(k).1)
}

/// A figure as the single number a disaggregation part holds (`None` for distributions and
/// lists, which have no such number).
pub fn part_value(value: &IndicatorValue) -> Option<f64> {
    match value {
        IndicatorValue::Percent(x) | IndicatorValue::Number(x) => Some(*x),
        IndicatorValue::Rating(r) => Some(*r as f64),
        IndicatorValue::Count(c) => Some(*c as f64),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Schema;

    #[test]
    fn the_rules() {
        let schema = Schema::builtin();
        let percent = schema.indicators.by_id("access-to-services").unwrap();
        let yn = |c| Given::Choice(c);
        let answers = [yn(0), yn(0), yn(1), Given::DontKnow, Given::Blank, yn(2)];
        assert_eq!(figure(percent, &[], answers.into_iter()), Some((IndicatorValue::Percent(66.7), 3)));
        assert_eq!(figure(percent, &[], [Given::DontKnow].into_iter()), None);

        let rating = schema.indicators.by_id("safety-levels").unwrap();
        // Points 2, 3, 4, 5: the lower middle is 3.
        let answers = [yn(4), yn(1), yn(3), yn(2)];
        assert_eq!(figure(rating, &[], answers.into_iter()), Some((IndicatorValue::Rating(3), 4)));

        let distribution = schema.indicators.by_id("gender-distribution").unwrap();
        let names: Vec<String> = distribution.parts.clone();
        let Some((IndicatorValue::Distribution(parts), 3)) =
            figure(distribution, &names, [yn(0), yn(0), yn(1)].into_iter())
        else {
            panic!()
        };
        assert_eq!(parts.iter().map(|p| p.value).collect::<Vec<_>>(), [66.7, 33.3, 0.0]);

        let mut values = [5, 1, 3];
        assert_eq!(lower_median(&mut values), Some(3));
    }
}
