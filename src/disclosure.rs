//! Which counts a public build may show: small counts are masked (primary suppression), and
//! enough other counts beside them (secondary suppression) that no masked count can be worked
//! out from what is published. Pages, exports, the search index and theme values all ask
//! [`protect`], so they mask the same cells.
//!
//! # The rule
//!
//! An indicator that counts people has a total (its value) and, for each dimension (sex, age
//! group...), the counts of its parts. With `T` the threshold:
//!
//! 1. **Small counts.** A total or a part of 1 to `T - 1` is shown as `<T`, as statistical
//!    offices suppress every cell under the threshold, totals included. A total of 0 is
//!    nobody and is shown.
//! 2. **Small dimensions.** When a dimension's parts add up to 1 to `T - 1`, every part of it
//!    is shown as `<T`, zeros included: beside a small total a 0 says where all the others
//!    are ("all 3 are men"). Elsewhere a 0 is shown: it is nobody, and the parts it leaves
//!    are each `T` or more, or masked.
//! 3. **No masked count can be worked out.** The reader is assumed to know every published
//!    figure, what the marks mean (`<T` is 0 to `T - 1`, and 1 to `T - 1` where zeros are
//!    shown; `≥T` is `T` or more), that a dimension's parts add up to the total when they do,
//!    and the order below. While some masked count (or the masked total) has only one value
//!    that fits, the smallest part still shown that is not 0 is masked too, as `≥T` (the
//!    reader may then also take it to be no larger than any part still shown). A dimension
//!    with nothing left to mask masks the total instead (`<T` or `≥T`), and the dimensions
//!    that would give the total away by adding up mask their own smallest part.
//! 4. **Withheld.** If even that leaves a count that can be worked out (in the tests, only
//!    with a threshold of 2 or 3), the dimension is not published at all. A small total whose
//!    mark alone says what it is (`<2` of a count that is not 0 can only be 1) is not
//!    published either, nor anything of its entry ([`Protection::entry_withheld`]).
//!
//! Counts that are not people (percentages, ratings, the shares of a distribution) are never
//! masked: a share of 100 says nothing about how many people are behind it, and the values of
//! a percentage's parts (the share of women, the share of men) do not add up to anything.

use crate::model::{Details, Doc, IndicatorEntry, IndicatorValue, Part};
use crate::schema::{Schema, ValueKind};

/// How one count is shown in a public build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Shown {
    /// The figure itself.
    #[default]
    Exact,
    /// Masked as `<T`: the count is below the threshold (0 included where zeros are masked).
    Below,
    /// Masked as `≥T`: the count is at or above the threshold, hidden so that a smaller one
    /// cannot be worked out by subtraction.
    AtLeast,
}

impl Shown {
    /// True unless the figure itself is shown.
    pub fn masked(self) -> bool {
        self != Shown::Exact
    }

    /// The mark shown for a masked count (`<5`, `≥5`), or `None` for [`Shown::Exact`].
    pub fn mark(self, threshold: u64) -> Option<String> {
        let sign = match self {
            Shown::Exact => return None,
            Shown::Below => "<",
            Shown::AtLeast => "≥",
        };
        let mut text = String::with_capacity(4 + 20);
        text.push_str(sign);
        text.push_str(itoa::Buffer::new().format(threshold));
        Some(text)
    }
}

/// How an indicator's total and each of its dimensions' parts are shown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Protection {
    /// The total (the indicator's value).
    pub total: Shown,
    /// By dimension, in the order given: `None` when the dimension is withheld, otherwise how
    /// each part is shown. Empty when everything is shown (no allocation on the common path).
    dimensions: Vec<Option<Vec<Shown>>>,
    /// True when nothing of the entry may be published (see [`Protection::entry_withheld`]).
    entry_withheld: bool,
}

impl Protection {
    /// Everything shown as it is.
    pub fn exact() -> Self {
        Protection::default()
    }

    /// True if nothing is masked or withheld.
    pub fn is_exact(&self) -> bool {
        self.total == Shown::Exact && self.dimensions.is_empty() && !self.entry_withheld
    }

    /// True if dimension `d` is not published at all.
    pub fn withheld(&self, d: usize) -> bool {
        self.entry_withheld || matches!(self.dimensions.get(d), Some(None))
    }

    /// True if the entry is not published at all, as if it were not given: its total is small
    /// and its mark would say what it is (with a threshold of 2, `<2` of a count that is not
    /// 0 is 1). Its total is masked too ([`Shown::Below`]) and every dimension withheld, so
    /// that a reader of the protection that forgets to ask still shows no figure.
    pub fn entry_withheld(&self) -> bool {
        self.entry_withheld
    }

    /// Nothing of an entry published: see [`Protection::entry_withheld`].
    fn withhold_entry(dimensions: usize) -> Self {
        Protection { total: Shown::Below, dimensions: vec![None; dimensions], entry_withheld: true }
    }

    /// How part `p` of dimension `d` is shown.
    pub fn part(&self, d: usize, p: usize) -> Shown {
        match self.dimensions.get(d) {
            Some(Some(parts)) => parts.get(p).copied().unwrap_or_default(),
            _ => Shown::Exact,
        }
    }
}

/// How `entry`'s total and parts are shown in a public build with `threshold` as `T`: by
/// [`protect`] for an indicator that counts people, everything as it is for any other.
pub fn protect_entry(entry: &IndicatorEntry, kind: ValueKind, threshold: u64) -> Protection {
    let total = match entry.value {
        IndicatorValue::Count(c) => Some(c),
        _ => None,
    };
    let small_total = total.is_some_and(|c| c > 0 && c < threshold);
    let small = |p: &Part| p.value > 0.0 && (p.value as u64) < threshold;
    if kind != ValueKind::Count || !(small_total || entry.disaggregation.iter().flat_map(|d| &d.parts).any(small)) {
        return Protection::exact();
    }
    let dimensions: Vec<Vec<u64>> =
        entry.disaggregation.iter().map(|d| d.parts.iter().map(|p| p.value as u64).collect()).collect();
    protect(total, &dimensions, threshold)
}

/// Leave out of `doc` each indicator entry that a public build cannot publish at all
/// ([`Protection::entry_withheld`]), as if the file did not give it: what a public build
/// publishes. So the profile's coverage, the coverage table and an indicator page's count of
/// profiles that give it do not say that a figure is there and hidden (with a threshold of 2,
/// that it is 1).
pub fn withhold_entries(doc: &mut Doc, schema: &Schema, threshold: u64) {
    if let Details::Community(c) = &mut doc.details {
        let withheld = &mut c.withheld_indicators;
        c.indicators.retain(|e| {
            let kept = !protect_entry(e, schema.indicators[e.indicator].kind, threshold).entry_withheld();
            if !kept && !withheld.contains(&e.indicator) {
                withheld.push(e.indicator);
            }
            kept
        });
    }
}

/// Stands for "no upper bound".
const INF: i128 = 1 << 100;

/// How to show a total of people (`None` when the indicator's value is not given as a
/// number) and the counts of each dimension's parts, with `threshold` as `T` (see the module
/// documentation for the rule). A threshold of 0 or 1 masks nothing.
pub fn protect(total: Option<u64>, dimensions: &[Vec<u64>], threshold: u64) -> Protection {
    let t = threshold;
    let small = |v: u64| v > 0 && v < t;
    let small_total = total.is_some_and(small);
    if t <= 1 || !(small_total || dimensions.iter().flatten().any(|&v| small(v))) {
        return Protection::exact();
    }
    // `<T` of a total that is not 0 is 1 to T - 1: one value when T is 2.
    if small_total && t == 2 {
        return Protection::withhold_entry(dimensions.len());
    }
    let mut withheld = vec![false; dimensions.len()];
    loop {
        match attempt(total, dimensions, t, &withheld) {
            Ok(protection) => return protection,
            Err(d) if withheld.get(d) == Some(&false) => withheld[d] = true,
            // Nothing left to withhold but the entry: never reached in the tests, kept so that
            // no table can loop or publish what it could not protect.
            Err(_) => return Protection::withhold_entry(dimensions.len()),
        }
    }
}

/// One dimension while the rule runs.
struct Dim<'a> {
    values: &'a [u64],
    marks: Vec<Shown>,
    /// Which total its parts add up to: the published one (`Some(None)`), an unpublished one
    /// shared with the dimensions of the same sum (`Some(Some(sum))`), or none (withheld).
    hub: Option<Option<u64>>,
    /// True if its zeros are masked (its parts add up to less than the threshold).
    zeros_masked: bool,
}

impl Dim<'_> {
    /// The range a reader can know part `i` to be in from its mark alone.
    fn domain(&self, i: usize, t: u64) -> (i128, i128) {
        let v = self.values[i] as i128;
        match self.marks[i] {
            Shown::Exact => (v, v),
            Shown::Below => (if self.zeros_masked { 0 } else { 1 }, t as i128 - 1),
            // Complements are taken smallest first: one is no larger than any part still shown.
            Shown::AtLeast => (t as i128, self.smallest_shown().map_or(INF, |(_, v)| v as i128)),
        }
    }

    /// The smallest part still shown that is not 0, first of equals.
    fn smallest_shown(&self) -> Option<(usize, u64)> {
        let shown = self.values.iter().enumerate().filter(|&(i, &v)| v > 0 && self.marks[i] == Shown::Exact);
        shown.min_by_key(|&(i, &v)| (v, i)).map(|(i, &v)| (i, v))
    }

    /// The sum of the parts shown, and of the lower and upper ends of the masked ones.
    fn sums(&self, t: u64) -> (i128, i128, i128) {
        let (mut shown, mut lo, mut hi) = (0i128, 0i128, 0i128);
        for i in 0..self.values.len() {
            if self.marks[i].masked() {
                let (l, h) = self.domain(i, t);
                lo += l;
                hi = (hi + h).min(INF);
            } else {
                shown += self.values[i] as i128;
            }
        }
        (shown, lo, hi)
    }
}

/// What the reader can still work out, first thing first.
enum Problem {
    /// The masked total has one value that fits.
    Total,
    /// A masked part of this dimension has one value that fits.
    Part(usize),
}

/// One run of the rule with the dimensions in `withheld` left out; `Err(d)` when dimension
/// `d` cannot be protected and must be withheld too.
fn attempt(total: Option<u64>, dimensions: &[Vec<u64>], t: u64, withheld: &[bool]) -> Result<Protection, usize> {
    let mut dims: Vec<Dim<'_>> = dimensions
        .iter()
        .zip(withheld)
        .map(|(values, &out)| {
            let sum: u64 = values.iter().sum();
            let zeros_masked = sum > 0 && sum < t;
            let marks = values
                .iter()
                .map(|&v| if zeros_masked || (v > 0 && v < t) { Shown::Below } else { Shown::Exact })
                .collect();
            let hub = (!out).then_some(if total == Some(sum) { None } else { Some(sum) });
            Dim { values, marks, hub, zeros_masked }
        })
        .collect();
    // A small total is masked like a small part (rule 1); its dimensions, adding up to it,
    // have every part masked already (rule 2).
    let mut total_shown = if total.is_some_and(|v| v > 0 && v < t) { Shown::Below } else { Shown::Exact };
    loop {
        match problem(total, total_shown, &dims, t) {
            None => break,
            Some(Problem::Total) => {
                // The dimensions tied to the total pin it down: open the one that pins it most.
                let tied = (0..dims.len()).filter(|&d| dims[d].hub == Some(None));
                let pinning = tied.filter(|&d| dims[d].smallest_shown().is_some()).min_by_key(|&d| {
                    let (_, lo, hi) = dims[d].sums(t);
                    (hi - lo, d)
                });
                match pinning {
                    Some(d) => mask_smallest(&mut dims[d]),
                    None => return Err((0..dims.len()).find(|&d| dims[d].hub == Some(None)).unwrap_or(0)),
                }
            }
            Some(Problem::Part(d)) => {
                if dims[d].smallest_shown().is_some() {
                    mask_smallest(&mut dims[d]);
                } else if dims[d].hub == Some(None) && total_shown == Shown::Exact {
                    let total = total.unwrap_or(0);
                    total_shown = if total < t { Shown::Below } else { Shown::AtLeast };
                } else {
                    return Err(d);
                }
            }
        }
    }
    let dimensions = dims.into_iter().map(|d| d.hub.map(|_| d.marks)).collect();
    Ok(Protection { total: total_shown, dimensions, entry_withheld: false })
}

/// Mask the smallest part of `dim` still shown (as `≥T`: every smaller one is masked already).
fn mask_smallest(dim: &mut Dim<'_>) {
    if let Some((i, _)) = dim.smallest_shown() {
        dim.marks[i] = Shown::AtLeast;
    }
}

/// The first thing a reader could still work out, if any.
fn problem(total: Option<u64>, total_shown: Shown, dims: &[Dim<'_>], t: u64) -> Option<Problem> {
    // The range each total can be in: the published one, then the unpublished sums.
    let range_of = |hub: Option<u64>| -> (i128, i128) {
        let (mut lo, mut hi) = match (hub, total_shown) {
            (Some(_), _) => (0, INF),
            (None, Shown::Exact) => {
                let v = total.unwrap_or(0) as i128;
                (v, v)
            }
            (None, Shown::Below) => (1, t as i128 - 1),
            (None, Shown::AtLeast) => (t as i128, INF),
        };
        for d in dims.iter().filter(|d| d.hub == Some(hub)) {
            let (shown, l, h) = d.sums(t);
            lo = lo.max(shown + l);
            hi = hi.min((shown + h).min(INF));
        }
        (lo, hi)
    };
    if total_shown.masked() {
        let (lo, hi) = range_of(None);
        if lo >= hi {
            return Some(Problem::Total);
        }
    }
    for (d, dim) in dims.iter().enumerate() {
        let Some(hub) = dim.hub else { continue };
        let (sum_lo, sum_hi) = range_of(hub);
        let (shown, _, _) = dim.sums(t);
        for i in (0..dim.values.len()).filter(|&i| dim.marks[i].masked()) {
            let (own_lo, own_hi) = dim.domain(i, t);
            let (mut others_lo, mut others_hi) = (0i128, 0i128);
            for j in (0..dim.values.len()).filter(|&j| j != i && dim.marks[j].masked()) {
                let (l, h) = dim.domain(j, t);
                others_lo += l;
                others_hi = (others_hi + h).min(INF);
            }
            let low = if others_hi >= INF { own_lo } else { own_lo.max(sum_lo - shown - others_hi) };
            let high = if sum_hi >= INF { own_hi } else { own_hi.min(sum_hi - shown - others_lo) };
            if low >= high {
                return Some(Problem::Part(d));
            }
        }
    }
    None
}

/// Fieldbook's own fields a site marks sensitive, in public builds.
pub mod fields;
/// The place a photo was taken, read and removed from images in public builds.
pub mod image_location;
/// Community locations in public builds.
pub mod location;
#[cfg(test)]
mod tests;
