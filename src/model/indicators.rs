//! A profile's indicator entries: the value of each indicator it gives, with its evidence
//! (source, method, date, respondents, confidence, notes and disaggregation).

use crate::date::Date;
use crate::source::Span;
use std::sync::Arc;

/// One indicator's value in a profile, with its evidence.
///
/// A large site holds millions of these (twenty a profile), so the entry is kept small: the
/// fields most entries leave out sit together in one box ([`Rare`], read through the methods
/// of the same names), and a profile's entries share one copy of each source they name.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorEntry {
    /// Index into the schema's indicators.
    pub indicator: usize,
    /// The value.
    pub value: IndicatorValue,
    /// Where the figure comes from: one copy for the entries of a profile that name the same.
    pub source: Option<Arc<str>>,
    /// Values for parts of the population.
    pub disaggregation: Box<[Disaggregation]>,
    /// The unit, respondents, confidence reason and notes, when the entry gives any.
    pub rare: Option<Box<Rare>>,
    /// Where the entry's key is.
    pub span: Span,
    /// When it was collected.
    pub date: Option<Date>,
    /// How it was collected: an index into the schema's methods, as `u32` to keep the entry
    /// small (read and set with [`IndicatorEntry::method`] and [`IndicatorEntry::set_method`]).
    method: Option<u32>,
    /// How far to trust it.
    pub confidence: Option<Confidence>,
    /// True for a translation's entry that gives its words and no `value`: its figures are
    /// its original's. Its `value` reads [`IndicatorValue::Unknown`] until linking puts the
    /// original's in its place (and this back to false).
    pub value_from_original: bool,
}

/// The fields of an indicator entry that most entries leave out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rare {
    /// Unit, when the entry gives its own.
    pub unit: Option<String>,
    /// Number of respondents or key informants.
    pub n: Option<u64>,
    /// Why that confidence.
    pub confidence_reason: Option<String>,
    /// Anything else worth knowing.
    pub notes: Option<String>,
}

impl Rare {
    /// Boxed, or `None` when it holds nothing, so that an entry without any costs no box.
    pub fn boxed(self) -> Option<Box<Rare>> {
        (self != Rare::default()).then(|| Box::new(self))
    }
}

impl IndicatorEntry {
    /// An entry with only its value.
    pub fn new(indicator: usize, value: IndicatorValue, span: Span) -> IndicatorEntry {
        IndicatorEntry {
            indicator,
            value,
            source: None,
            disaggregation: Box::default(),
            rare: None,
            span,
            date: None,
            method: None,
            confidence: None,
            value_from_original: false,
        }
    }

    /// How it was collected (index into the schema's methods).
    pub fn method(&self) -> Option<usize> {
        self.method.map(|m| m as usize)
    }

    /// Set how it was collected (index into the schema's methods).
    pub fn set_method(&mut self, method: Option<usize>) {
        self.method = method.map(|m| u32::try_from(m).expect("a schema has fewer than 2^32 methods"));
    }

    /// Unit, when the entry gives its own.
    pub fn unit(&self) -> Option<&str> {
        self.rare.as_ref()?.unit.as_deref()
    }

    /// Number of respondents or key informants.
    pub fn n(&self) -> Option<u64> {
        self.rare.as_ref()?.n
    }

    /// Set the number of respondents.
    pub fn set_n(&mut self, n: Option<u64>) {
        let mut rare = self.rare.take().map(|r| *r).unwrap_or_default();
        rare.n = n;
        self.rare = rare.boxed();
    }

    /// Why that confidence.
    pub fn confidence_reason(&self) -> Option<&str> {
        self.rare.as_ref()?.confidence_reason.as_deref()
    }

    /// Anything else worth knowing.
    pub fn notes(&self) -> Option<&str> {
        self.rare.as_ref()?.notes.as_deref()
    }
}

/// An indicator value, of the kind the schema declares.
#[derive(Debug, Clone, PartialEq)]
pub enum IndicatorValue {
    /// Looked for, not known. Not zero, and not missing.
    Unknown,
    /// A number, in the indicator's unit.
    Number(f64),
    /// A percentage, 0 to 100.
    Percent(f64),
    /// A whole number of people, households, groups.
    Count(u64),
    /// A point on the indicator's scale.
    Rating(i64),
    /// Parts that sum to 100.
    Distribution(Vec<Part>),
    /// Names or short phrases.
    List(Vec<String>),
    /// Free text.
    Text(String),
    /// Yes or no.
    YesNo(bool),
}

/// One named part of a distribution or a disaggregation.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// The part's name, as in the schema when it lists parts.
    pub name: String,
    /// Its value.
    pub value: f64,
}

/// Values of an indicator for the parts of one dimension (sex, age group...).
#[derive(Debug, Clone, PartialEq)]
pub struct Disaggregation {
    /// Index into the schema's disaggregation dimensions.
    pub dimension: usize,
    /// The parts, in the order written.
    pub parts: Vec<Part>,
}

/// Whether two disaggregations give the same figures, whatever order their dimensions and
/// parts are written in (`{ female: 4, male: 3 }` is `{ male: 3, female: 4 }`): a translation
/// that repeats its original's in another order agrees with it.
pub fn same_disaggregations(a: &[Disaggregation], b: &[Disaggregation]) -> bool {
    a.len() == b.len() && figures_of(a) == figures_of(b)
}

/// [`sorted_figures`] of a disaggregation as a file gives it.
fn figures_of(disaggregation: &[Disaggregation]) -> Vec<(usize, Vec<(&str, u64)>)> {
    sorted_figures(disaggregation.iter().map(|d| (d.dimension, d.parts.iter().map(|p| (p.name.as_str(), p.value)))))
}

/// A disaggregation's figures, each dimension (by any key) with its parts' names and values,
/// sorted by dimension, then by part name, the values as bits: equal for the same figures
/// written in any order.
pub fn sorted_figures<'a, K: Ord, P: Iterator<Item = (&'a str, f64)>>(
    dimensions: impl Iterator<Item = (K, P)>,
) -> Vec<(K, Vec<(&'a str, u64)>)> {
    let mut sorted: Vec<(K, Vec<(&str, u64)>)> = dimensions
        .map(|(dimension, parts)| {
            let mut parts: Vec<(&str, u64)> = parts.map(|(name, value)| (name, value.to_bits())).collect();
            parts.sort_unstable();
            (dimension, parts)
        })
        .collect();
    sorted.sort_unstable();
    sorted
}

/// How far to trust a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Confidence {
    /// Solid evidence.
    High,
    /// Some doubts.
    Medium,
    /// Rough.
    Low,
}

impl Confidence {
    /// As written.
    pub fn id(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
            Confidence::Low => "low",
        }
    }

    /// The key of its label among the theme's strings: `confidence_high` and so on.
    pub fn label_key(self) -> &'static str {
        match self {
            Confidence::High => "confidence_high",
            Confidence::Medium => "confidence_medium",
            Confidence::Low => "confidence_low",
        }
    }
}
