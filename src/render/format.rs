//! Indicator values as people read them: units, scale labels, percentages, and counts of a
//! few people masked in public builds.

use serde::Serialize;

use crate::disclosure::{self, Protection, Shown};
pub use crate::locale::Locale;
use crate::model::{IndicatorEntry, IndicatorValue};
use crate::schema::{Indicator, Schema, ValueKind};
use crate::text::format_number;

/// The interface string `key` in `locale`, or the key itself when a theme lacks it (visible,
/// not fatal).
pub fn ui<'a>(locale: &'a Locale, key: &'a str) -> &'a str {
    locale.text(key)
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
    /// How `entry`'s total and parts are shown: everything as it is in internal builds and for
    /// values that are not counts of people; otherwise by the rule in [`crate::disclosure`].
    pub fn protect(self, entry: &IndicatorEntry, kind: ValueKind) -> Protection {
        if !self.enabled {
            return Protection::exact();
        }
        disclosure::protect_entry(entry, kind, self.threshold)
    }

    /// A count as shown: the figure, or its mark (`<5`, `≥5`) when masked. Figures as data
    /// files write them; [`Masking::count_in`] for a page.
    pub fn count(self, shown: Shown, value: f64) -> String {
        shown.mark(self.threshold).unwrap_or_else(|| format_number(value))
    }

    /// A count as shown on a page in `locale`'s language.
    pub fn count_in(self, shown: Shown, value: f64, locale: &Locale) -> String {
        shown.mark(self.threshold).unwrap_or_else(|| locale.number(value))
    }

    /// `entry`'s value as text (see [`value_text`]), or its mark when its total is masked.
    pub fn value_text(
        self,
        protection: &Protection,
        entry: &IndicatorEntry,
        indicator: &Indicator,
        locale: &Locale,
    ) -> String {
        protection.total.mark(self.threshold).unwrap_or_else(|| value_text(entry, indicator, locale))
    }

    /// `entry`'s value as a number (see [`numeric`]), or `None` when its total is masked.
    pub fn numeric(self, protection: &Protection, entry: &IndicatorEntry) -> Option<f64> {
        if protection.total.masked() { None } else { numeric(&entry.value) }
    }
}

/// The unit an entry's value is in.
pub fn unit<'a>(entry: &'a IndicatorEntry, indicator: &'a Indicator) -> Option<&'a str> {
    entry.unit().or(indicator.unit.as_deref())
}

/// A value as text in `locale`'s language: "14.2 emigrants per 1,000 residents a year",
/// "61%", "3 of 5 (mixed)"; "14,2 émigrants pour 1 000 habitants par an" in French.
pub fn value_text(entry: &IndicatorEntry, indicator: &Indicator, locale: &Locale) -> String {
    match &entry.value {
        IndicatorValue::Unknown => ui(locale, "unknown").to_string(),
        // Built by pushing rather than `format!`: this runs for every value of every profile,
        // three or four times a build.
        IndicatorValue::Number(n) => {
            let unit = unit(entry, indicator);
            let mut text = String::with_capacity(24 + unit.map_or(0, str::len));
            locale.push_number(&mut text, *n);
            if let Some(u) = unit {
                text.push(' ');
                text.push_str(u);
            }
            text
        }
        IndicatorValue::Percent(p) => locale.percent(*p),
        IndicatorValue::Count(c) => locale.integer(*c),
        IndicatorValue::Rating(r) => {
            let scale = indicator.scale.as_ref();
            let max = scale.map(|s| s.max).unwrap_or(*r);
            let mut text = String::with_capacity(32);
            text.push_str(itoa::Buffer::new().format(*r));
            text.push(' ');
            text.push_str(ui(locale, "of"));
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
            // In a right-to-left language each part's label and value is isolated (U+2068 …
            // U+2069, what <bdi> does in markup): a label without letters ("65+", "0-14")
            // would otherwise take the page's direction and read "+65", and the colon could
            // join the wrong figure.
            let (open, close) = if locale.is_rtl() { ("\u{2068}", "\u{2069}") } else { ("", "") };
            let mut text = String::with_capacity(parts.len() * 16);
            for (k, p) in parts.iter().enumerate() {
                if k > 0 {
                    text.push_str(locale.list_separator());
                }
                text.push_str(open);
                text.push_str(indicator.part_label(&p.name));
                text.push_str(close);
                text.push_str(locale.colon());
                text.push_str(open);
                text.push_str(&locale.percent(p.value));
                text.push_str(close);
            }
            text
        }
        // A list of the indicator's choices (a survey's select_multiple) shows their labels;
        // an item that is no choice, as written.
        IndicatorValue::List(items) => {
            let labels: Vec<&str> = items.iter().map(|item| indicator.part_label(item)).collect();
            labels.join(locale.list_separator())
        }
        IndicatorValue::Text(t) => t.clone(),
        IndicatorValue::YesNo(b) => ui(locale, if *b { "yes" } else { "no" }).to_string(),
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

/// A disaggregated part's value as shown in `locale`'s language: percentages get `%`, counts
/// may be masked.
pub fn part_text(kind: ValueKind, value: f64, shown: Shown, masking: Masking, locale: &Locale) -> String {
    match kind {
        ValueKind::Percent => locale.percent(value),
        ValueKind::Count => masking.count_in(shown, value, locale),
        _ => locale.number(value),
    }
}

/// A named part and its value.
#[derive(Debug, Clone, Serialize)]
pub struct PartView<'a> {
    /// Part name.
    pub name: &'a str,
    /// Value as shown.
    pub value: String,
    /// The part's value as a number (for bar widths): a share of 100 for percentages, the
    /// count for counts; 0 when masked.
    pub share: f64,
    /// True when the count is masked (shown as `<5` or `≥5`).
    pub masked: bool,
}

/// An indicator's values for the parts of one dimension.
#[derive(Debug, Clone, Serialize)]
pub struct DisaggregationView<'a> {
    /// The dimension's label.
    pub label: &'a str,
    /// The parts.
    pub parts: Vec<PartView<'a>>,
}

/// An entry's values for parts of the population, as shown: counts masked as `protection`
/// says (from [`Masking::protect`]), withheld dimensions left out.
pub fn disaggregation_views<'a>(
    schema: &'a Schema,
    masking: Masking,
    indicator: &Indicator,
    entry: &'a IndicatorEntry,
    protection: &Protection,
    locale: &Locale,
) -> Vec<DisaggregationView<'a>> {
    let dimensions = entry.disaggregation.iter().enumerate().filter(|(d, _)| !protection.withheld(*d));
    dimensions
        .map(|(d, dis)| {
            let dimension = &schema.disaggregations[dis.dimension];
            DisaggregationView {
                label: &dimension.term.label,
                parts: dis
                    .parts
                    .iter()
                    .enumerate()
                    .map(|(k, p)| {
                        let shown = protection.part(d, k);
                        PartView {
                            name: dimension.part_label(&p.name),
                            value: part_text(indicator.kind, p.value, shown, masking, locale),
                            share: if shown.masked() { 0.0 } else { p.value },
                            masked: shown.masked(),
                        }
                    })
                    .collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Part;
    use crate::schema::Schema;

    fn entry(indicator: usize, value: IndicatorValue) -> IndicatorEntry {
        IndicatorEntry::new(indicator, value, Default::default())
    }

    #[test]
    fn values_read_naturally() {
        let schema = Schema::builtin();
        let wording = crate::locale::Wording {
            texts: [("of", "of"), ("unknown", "Unknown")].map(|(k, v)| (k.into(), v.into())).into(),
            ..Default::default()
        };
        let strings = Locale::from_wording("en", wording, true);
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

    fn count_entry(total: u64, dims: &[&[f64]]) -> IndicatorEntry {
        let mut e = entry(0, IndicatorValue::Count(total));
        e.disaggregation = dims
            .iter()
            .enumerate()
            .map(|(d, parts)| crate::model::Disaggregation {
                dimension: d,
                parts: parts.iter().enumerate().map(|(k, &value)| Part { name: format!("p{k}"), value }).collect(),
            })
            .collect();
        e
    }

    #[test]
    fn each_part_of_a_distribution_is_isolated_in_a_right_to_left_language() {
        let schema = Schema::builtin();
        let age = schema.indicators.get("age-distribution").unwrap();
        let parts = [("0-14", 94.0), ("65+", 6.0)].map(|(name, value)| Part { name: name.into(), value });
        let e = entry(age, IndicatorValue::Distribution(parts.to_vec()));
        let en = Locale::from_wording("en", Default::default(), true);
        assert_eq!(value_text(&e, &schema.indicators[age], &en), "0-14: 94%, 65+: 6%");
        let mut wording = crate::locale::Wording::default();
        wording.texts.insert("list_separator".into(), "، ".into());
        let ar = Locale::from_wording("ar", wording, true);
        assert_eq!(
            value_text(&e, &schema.indicators[age], &ar),
            "\u{2068}0-14\u{2069}: \u{2068}94%\u{2069}، \u{2068}65+\u{2069}: \u{2068}6%\u{2069}"
        );
    }

    #[test]
    fn small_counts_are_masked_in_public() {
        let public = Masking { threshold: 5, enabled: true };
        let e = count_entry(9, &[&[2.0, 7.0]]);
        let p = public.protect(&e, ValueKind::Count);
        assert_eq!(public.count(p.part(0, 0), 2.0), "<5");
        assert_eq!(public.count(p.part(0, 1), 7.0), "≥5", "7 of 9 would give the 2 away");
        assert_eq!(public.count(Shown::Exact, 0.0), "0");
        let internal = Masking { threshold: 5, enabled: false };
        assert!(internal.protect(&e, ValueKind::Count).is_exact());
        assert_eq!(internal.count(Shown::Exact, 3.0), "3");
        // A total that would give its parts away is masked in the value and the number.
        let e = count_entry(8, &[&[4.0, 4.0]]);
        let p = public.protect(&e, ValueKind::Count);
        let schema = Schema::builtin();
        let strings = Locale::bare();
        assert_eq!(public.value_text(&p, &e, &schema.indicators[0], &strings), "≥5");
        assert_eq!(public.numeric(&p, &e), None);
    }

    #[test]
    fn percentages_and_shares_are_never_masked() {
        let public = Masking { threshold: 5, enabled: true };
        // The share of women and of men in work: 2% and 70% say nothing about how many.
        let e = count_entry(0, &[&[2.0, 70.0]]);
        for kind in [ValueKind::Percent, ValueKind::Number, ValueKind::Rating, ValueKind::Distribution] {
            assert!(public.protect(&e, kind).is_exact());
        }
        assert_eq!(part_text(ValueKind::Percent, 2.0, Shown::Exact, public, &Locale::bare()), "2%");
        let fr = Locale::from_wording("fr", Default::default(), true);
        assert_eq!(part_text(ValueKind::Number, 1234.5, Shown::Exact, public, &fr), "1\u{202f}234,5");
    }
}
