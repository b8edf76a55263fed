//! Indicator values as people read them: units, scale labels, percentages, and counts of a
//! few people masked in public builds.

use std::collections::BTreeMap;

use crate::model::{IndicatorEntry, IndicatorValue};
use crate::schema::{Indicator, ValueKind};
use crate::text::{format_number, push_number};

/// Interface strings, by key, in the site's language.
pub type Strings = BTreeMap<String, String>;

/// The interface string `key`, or the key itself when a theme lacks it (visible, not fatal).
pub fn ui<'a>(strings: &'a Strings, key: &'a str) -> &'a str {
    strings.get(key).map(String::as_str).unwrap_or(key)
}

/// How to show counts of few people.
#[derive(Debug, Clone, Copy)]
pub struct Masking {
    /// Counts from 1 to `threshold - 1` are shown as `<threshold`.
    pub threshold: u64,
    /// True in public builds.
    pub enabled: bool,
}

impl Masking {
    /// A disaggregated count as shown: the figure, or `<5` when it could identify people.
    pub fn count(self, value: f64) -> String {
        if self.enabled && value > 0.0 && (value as u64) < self.threshold {
            format!("<{}", self.threshold)
        } else {
            format_number(value)
        }
    }

    /// True if this count is hidden.
    pub fn hides(self, value: f64) -> bool {
        self.enabled && value > 0.0 && (value as u64) < self.threshold
    }
}

/// The unit an entry's value is in.
pub fn unit<'a>(entry: &'a IndicatorEntry, indicator: &'a Indicator) -> Option<&'a str> {
    entry.unit.as_deref().or(indicator.unit.as_deref())
}

/// A value as text: "14.2 emigrants per 1,000 residents a year", "61%", "3 of 5 (mixed)".
pub fn value_text(entry: &IndicatorEntry, indicator: &Indicator, strings: &Strings) -> String {
    match &entry.value {
        IndicatorValue::Unknown => ui(strings, "unknown").to_string(),
        // Built by pushing rather than `format!`: this runs for every value of every profile,
        // three or four times a build.
        IndicatorValue::Number(n) => {
            let unit = unit(entry, indicator);
            let mut text = String::with_capacity(24 + unit.map_or(0, str::len));
            push_number(&mut text, *n);
            if let Some(u) = unit {
                text.push(' ');
                text.push_str(u);
            }
            text
        }
        IndicatorValue::Percent(p) => percent(*p),
        IndicatorValue::Count(c) => itoa::Buffer::new().format(*c).to_string(),
        IndicatorValue::Rating(r) => {
            let scale = indicator.scale.as_ref();
            let max = scale.map(|s| s.max).unwrap_or(*r);
            let mut text = String::with_capacity(32);
            text.push_str(itoa::Buffer::new().format(*r));
            text.push(' ');
            text.push_str(ui(strings, "of"));
            text.push(' ');
            text.push_str(itoa::Buffer::new().format(max));
            if let Some(label) = scale.and_then(|s| s.label(*r)) {
                text.push_str(" (");
                text.push_str(label);
                text.push(')');
            }
            text
        }
        IndicatorValue::Distribution(parts) => {
            let mut text = String::with_capacity(parts.len() * 16);
            for (k, p) in parts.iter().enumerate() {
                if k > 0 {
                    text.push_str(", ");
                }
                text.push_str(&p.name);
                text.push_str(": ");
                push_number(&mut text, p.value);
                text.push('%');
            }
            text
        }
        IndicatorValue::List(items) => items.join(", "),
        IndicatorValue::Text(t) => t.clone(),
        IndicatorValue::YesNo(b) => ui(strings, if *b { "yes" } else { "no" }).to_string(),
    }
}

/// A number to compare and chart, when the value has one: the figure, the percentage, the
/// count, the rating. `None` for unknown, lists, text and distributions.
pub fn numeric(value: &IndicatorValue) -> Option<f64> {
    match value {
        IndicatorValue::Number(n) | IndicatorValue::Percent(n) => Some(*n),
        IndicatorValue::Count(c) => Some(*c as f64),
        IndicatorValue::Rating(r) => Some(*r as f64),
        IndicatorValue::YesNo(b) => Some(if *b { 1.0 } else { 0.0 }),
        _ => None,
    }
}

/// A percentage as shown: `61%`, `12.5%`.
fn percent(value: f64) -> String {
    let mut text = format_number(value);
    text.push('%');
    text
}

/// A disaggregated part's value as shown: percentages get `%`, counts may be masked.
pub fn part_text(kind: ValueKind, value: f64, masking: Masking) -> String {
    match kind {
        ValueKind::Percent => percent(value),
        ValueKind::Count => masking.count(value),
        _ => format_number(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Schema;

    fn entry(indicator: usize, value: IndicatorValue) -> IndicatorEntry {
        IndicatorEntry {
            indicator,
            value,
            unit: None,
            source: None,
            method: None,
            date: None,
            n: None,
            confidence: None,
            confidence_reason: None,
            notes: None,
            disaggregation: Vec::new(),
            span: Default::default(),
        }
    }

    #[test]
    fn values_read_naturally() {
        let schema = Schema::builtin();
        let strings: Strings = [("of", "of"), ("unknown", "Unknown")].map(|(k, v)| (k.into(), v.into())).into();
        let rate = schema.indicators.get("migration-rates").unwrap();
        assert_eq!(
            value_text(&entry(rate, IndicatorValue::Number(14.2)), &schema.indicators[rate], &strings),
            "14.2 emigrants per 1,000 residents a year"
        );
        let perception = schema.indicators.get("perception-of-migration").unwrap();
        assert_eq!(
            value_text(&entry(perception, IndicatorValue::Rating(3)), &schema.indicators[perception], &strings),
            "3 of 5 (mixed)"
        );
        assert_eq!(value_text(&entry(rate, IndicatorValue::Unknown), &schema.indicators[rate], &strings), "Unknown");
    }

    #[test]
    fn small_counts_are_masked_in_public() {
        let public = Masking { threshold: 5, enabled: true };
        assert_eq!(public.count(3.0), "<5");
        assert_eq!(public.count(0.0), "0");
        assert_eq!(public.count(5.0), "5");
        let internal = Masking { threshold: 5, enabled: false };
        assert_eq!(internal.count(3.0), "3");
    }
}
