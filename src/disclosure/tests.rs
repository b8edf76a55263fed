use super::*;

use Shown::{AtLeast as A, Below as B, Exact as E};

/// The marks of every dimension, `None` for a withheld one.
fn marks(p: &Protection, dims: &[Vec<u64>]) -> Vec<Option<Vec<Shown>>> {
    (0..dims.len()).map(|d| (!p.withheld(d)).then(|| (0..dims[d].len()).map(|i| p.part(d, i)).collect())).collect()
}

fn run(total: Option<u64>, dims: &[&[u64]]) -> (Shown, Vec<Option<Vec<Shown>>>) {
    let dims: Vec<Vec<u64>> = dims.iter().map(|d| d.to_vec()).collect();
    let p = protect(total, &dims, 5);
    assert_eq!(find_derivable(total, &dims, 5, &p), None, "{total:?} {dims:?} {p:?}");
    (p.total, marks(&p, &dims))
}

#[test]
fn nothing_small_nothing_masked() {
    let p = protect(Some(64), &[vec![14, 50], vec![41, 20, 3]], 0);
    assert!(p.is_exact(), "a threshold of 0 masks nothing");
    let p = protect(Some(64), &[vec![14, 50], vec![44, 20]], 5);
    assert!(p.is_exact());
    assert_eq!(p.part(0, 1), E);
}

#[test]
fn one_masked_part_beside_a_visible_total_takes_the_next_smallest_with_it() {
    // 9 returnees, 7 men: the 2 women would be 9 - 7.
    assert_eq!(run(Some(9), &[&[2, 7]]), (E, vec![Some(vec![B, A])]));
    // Aïn Lmaati: 64 - 41 - 20 = 3. The 20 goes, not the 41; the sex split stays.
    assert_eq!(run(Some(64), &[&[14, 50], &[41, 20, 3]]), (E, vec![Some(vec![E, E]), Some(vec![E, A, B])]));
    // Without a total the parts of a lone dimension add up to nothing published.
    assert_eq!(run(None, &[&[2, 7]]), (E, vec![Some(vec![B, E])]));
}

#[test]
fn two_masked_parts_cover_each_other_unless_the_marks_pin_them() {
    // Two parts under 5 with a total of 23: each is 0..4 and they share 3; neither is known.
    assert_eq!(run(Some(23), &[&[20, 2, 1]]), (E, vec![Some(vec![E, B, B])]));
    // 4 and 4 of 8: "<5" and "<5" adding to 8 can only be 4 and 4, so the total goes too.
    assert_eq!(run(Some(8), &[&[4, 4]]), (A, vec![Some(vec![B, B])]));
}

#[test]
fn three_or_more_parts() {
    // One small part of three: the next smallest goes; 41 stays.
    assert_eq!(run(Some(64), &[&[41, 20, 3]]), (E, vec![Some(vec![E, A, B])]));
    // 4, 10, 10 of 24: a masked 10 would be no larger than the 10 shown, and at least 24-10-4:
    // so both 10s go.
    assert_eq!(run(Some(24), &[&[4, 10, 10]]), (E, vec![Some(vec![B, A, A])]));
    // Four age groups, two small.
    assert_eq!(run(Some(30), &[&[0, 3, 25, 2]]), (E, vec![Some(vec![E, B, E, B])]));
}

#[test]
fn zeros_are_shown_unless_the_total_is_small() {
    // All 9 are men: nine people hide among each other, and the 0 is nobody.
    assert_eq!(run(Some(9), &[&[0, 9]]), (E, vec![Some(vec![E, E])]));
    // A 0 beside a masked part is not taken as its cover: it would say the other is the rest.
    assert_eq!(run(Some(12), &[&[0, 3, 9]]), (E, vec![Some(vec![E, B, A])]));
    // With 3 in all, "0 women" says all 3 are men: the 0 is masked with them, and the 3.
    assert_eq!(run(Some(3), &[&[0, 3]]), (B, vec![Some(vec![B, B])]));
    // Nobody at all: a total of 0 and its zeros are shown.
    assert_eq!(run(Some(0), &[&[0, 0]]), (E, vec![Some(vec![E, E])]));
}

#[test]
fn a_total_below_the_threshold_is_masked_with_its_whole_dimensions() {
    assert_eq!(run(Some(4), &[&[1, 3], &[0, 0, 4, 0]]), (B, vec![Some(vec![B, B]), Some(vec![B, B, B, B])]));
    assert_eq!(run(Some(3), &[&[3]]), (B, vec![Some(vec![B])]));
}

#[test]
fn a_small_total_is_masked_with_or_without_parts() {
    // `returnees-12m: 3`: a total is a count of people like a part.
    assert_eq!(run(Some(3), &[]), (B, vec![]));
    assert_eq!(run(Some(1), &[]), (B, vec![]));
    // Parts that do not add up to it stay tied to no total, and are masked by their own sum.
    assert_eq!(run(Some(3), &[&[20, 6]]), (B, vec![Some(vec![E, E])]));
    // At the threshold and at 0 it is shown.
    assert_eq!(run(Some(5), &[]), (E, vec![]));
    assert_eq!(run(Some(0), &[]), (E, vec![]));
    assert!(protect(Some(3), &[], 5).total.masked() && !protect(Some(3), &[], 5).entry_withheld());
}

#[test]
fn a_small_total_whose_mark_says_what_it_is_withholds_the_entry() {
    // With a threshold of 2, `<2` of a count that is not 0 can only be 1.
    for dims in [vec![], vec![vec![1]], vec![vec![0, 1], vec![1, 0]]] {
        let p = protect(Some(1), &dims, 2);
        assert!(p.entry_withheld(), "{dims:?}");
        assert_eq!(p.total, B, "a reader that forgets to ask still shows no figure");
        assert!((0..dims.len()).all(|d| p.withheld(d)), "{dims:?}");
    }
    // A threshold of 3 leaves `<3` two values: masked, not withheld.
    let p = protect(Some(1), &[], 3);
    assert_eq!((p.total, p.entry_withheld()), (B, false));
    assert!(!protect(Some(2), &[vec![1, 1]], 2).entry_withheld(), "a total of 2 is shown");
}

#[test]
fn a_masked_total_is_not_given_away_by_another_dimension() {
    // 6 = 5 + 1: "<5" and "≥5" adding to 6 are 1 and 5, so the total goes; then the age
    // groups, all shown, would add up to it again, so their smallest goes too.
    let (total, dims) = run(Some(6), &[&[5, 1], &[6, 0]]);
    assert_eq!(total, A);
    assert_eq!(dims[0], Some(vec![A, B]));
    assert_eq!(dims[1], Some(vec![A, E]));
}

#[test]
fn a_threshold_of_two_withholds_what_no_mark_can_hide() {
    // "<2" where zeros are shown is exactly 1: the dimension is not published.
    let dims = vec![vec![1, 5]];
    let p = protect(Some(6), &dims, 2);
    assert!(p.withheld(0));
    assert_eq!(find_derivable(Some(6), &dims, 2, &p), None);
}

#[test]
fn parts_that_do_not_add_up_to_the_total_are_tied_to_no_total() {
    // 3 women and nobody else recorded, of 20: "<5" is all that is known.
    assert_eq!(run(Some(20), &[&[3]]), (E, vec![Some(vec![B])]));
    // Two dimensions of the same unpublished sum still tie each other.
    let (_, dims) = run(None, &[&[2, 7], &[9, 0]]);
    assert_eq!(dims[0], Some(vec![B, A]));
}

/// Random tables: an attacker who tries every whole number never pins a masked count.
#[test]
fn no_masked_count_can_be_worked_out_in_random_tables() {
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    for _ in 0..3000 {
        let threshold = [3, 5, 5, 10][next(4) as usize];
        let total = next(25);
        let dims: Vec<Vec<u64>> = (0..1 + next(3))
            .map(|_| {
                let parts = 1 + next(4) as usize;
                let mut left = total;
                let mut values: Vec<u64> = (1..parts)
                    .map(|_| {
                        let v = if left == 0 { 0 } else { next(left + 1) };
                        left -= v;
                        v
                    })
                    .collect();
                values.push(left);
                values
            })
            .collect();
        let p = protect(Some(total), &dims, threshold);
        assert_eq!(find_derivable(Some(total), &dims, threshold, &p), None, "{total} {dims:?} T={threshold} {p:?}");
    }
}

/// A brute-force attacker, written apart from the rule: every way of filling in the masked
/// counts that agrees with what is published and with the marks; the first masked count (or
/// masked total) that takes a single value in all of them, if any. Dimensions whose parts add
/// up to the total are tied to it.
pub(crate) fn find_derivable(total: Option<u64>, dims: &[Vec<u64>], t: u64, p: &Protection) -> Option<String> {
    // An entry not published at all gives nothing to work from (its marks are never shown).
    if p.entry_withheld() {
        return None;
    }
    // Larger values than this only add ways, never take one away from a count seen twice.
    let cap = total.unwrap_or(0) + 3 * t + 5;
    let totals: Vec<u64> = match (total, p.total) {
        (Some(v), E) => vec![v],
        (_, B) => (1..t).collect(),
        (_, A) => (t..=cap).collect(),
        (None, E) => (0..=cap).collect(),
    };
    let tied: Vec<usize> =
        (0..dims.len()).filter(|&d| !p.withheld(d) && Some(dims[d].iter().sum::<u64>()) == total).collect();
    // For each possible total, the values each masked part can take.
    let mut seen_totals = Vec::new();
    let mut seen_parts: Vec<Vec<Vec<u64>>> = dims.iter().map(|d| vec![Vec::new(); d.len()]).collect();
    for &tau in &totals {
        let fills: Vec<Vec<Vec<u64>>> = tied.iter().map(|&d| fillings(&dims[d], d, t, p, Some(tau), cap)).collect();
        if fills.iter().any(Vec::is_empty) {
            continue;
        }
        seen_totals.push(tau);
        for (k, &d) in tied.iter().enumerate() {
            for fill in &fills[k] {
                for (i, &v) in fill.iter().enumerate() {
                    if !seen_parts[d][i].contains(&v) {
                        seen_parts[d][i].push(v);
                    }
                }
            }
        }
    }
    if p.total.masked() && seen_totals.len() < 2 {
        return Some(format!("the total is {seen_totals:?}"));
    }
    for d in (0..dims.len()).filter(|&d| !p.withheld(d)) {
        if !tied.contains(&d) {
            for fill in fillings(&dims[d], d, t, p, None, cap) {
                for (i, &v) in fill.iter().enumerate() {
                    if !seen_parts[d][i].contains(&v) {
                        seen_parts[d][i].push(v);
                    }
                }
            }
        }
        for i in (0..dims[d].len()).filter(|&i| p.part(d, i).masked()) {
            if seen_parts[d][i].len() < 2 {
                return Some(format!("part {i} of dimension {d} is {:?}", seen_parts[d][i]));
            }
        }
    }
    None
}

/// Every filling of dimension `d`'s parts that agrees with its marks (adding up to `sum` if
/// given): `<T` is 0 to T-1, and at least 1 where the parts add up to T or more (zeros are
/// shown there); `≥T` is T or more and no larger than a part shown that is not 0.
fn fillings(values: &[u64], d: usize, t: u64, p: &Protection, sum: Option<u64>, cap: u64) -> Vec<Vec<u64>> {
    let smallest_shown =
        (0..values.len()).filter(|&i| p.part(d, i) == E && values[i] > 0).map(|i| values[i]).min().unwrap_or(cap);
    let mut out = Vec::new();
    let mut fill = Vec::new();
    struct Walk<'a> {
        values: &'a [u64],
        marks: &'a dyn Fn(usize) -> Shown,
        range: &'a dyn Fn(Shown, u64) -> (u64, u64),
        most: u64,
    }
    fn go(w: &Walk<'_>, i: usize, so_far: u64, fill: &mut Vec<u64>, out: &mut Vec<Vec<u64>>) {
        if i == w.values.len() {
            out.push(fill.clone());
            return;
        }
        let (lo, hi) = (w.range)((w.marks)(i), w.values[i]);
        for v in lo..=hi {
            if so_far + v > w.most {
                break;
            }
            fill.push(v);
            go(w, i + 1, so_far + v, fill, out);
            fill.pop();
        }
    }
    let marks = |i: usize| p.part(d, i);
    let range = |m: Shown, v: u64| match m {
        E => (v, v),
        B => (0, t - 1),
        A => (t, smallest_shown.min(sum.unwrap_or(cap))),
    };
    let walk = Walk { values, marks: &marks, range: &range, most: sum.unwrap_or(u64::MAX) };
    go(&walk, 0, 0, &mut fill, &mut out);
    out.retain(|f| {
        let s: u64 = f.iter().sum();
        let zeros_shown = s >= t;
        sum.is_none_or(|x| x == s) && (0..f.len()).all(|i| !(zeros_shown && marks(i) == B && f[i] == 0))
    });
    out
}

#[test]
fn the_attacker_finds_what_masking_small_parts_alone_leaves() {
    // The attacker above is not toothless: masking only the small part gives it away.
    let naive = Protection { total: E, dimensions: vec![Some(vec![B, E])], entry_withheld: false };
    assert_eq!(find_derivable(Some(9), &[vec![2, 7]], 5, &naive), Some("part 0 of dimension 0 is [2]".into()));
    let naive = Protection { total: E, dimensions: vec![Some(vec![B, B])], entry_withheld: false };
    assert!(find_derivable(Some(8), &[vec![4, 4]], 5, &naive).is_some());
    let naive = Protection { total: E, dimensions: vec![Some(vec![E, E, B, A])], entry_withheld: false };
    // Nor is it fooled by a small total shown as written.
    assert_eq!(find_derivable(Some(3), &[], 5, &Protection::exact()), None, "nothing is masked, nothing to find");
    let total_masked = Protection { total: B, dimensions: vec![Some(vec![B])], entry_withheld: false };
    assert_eq!(find_derivable(Some(1), &[vec![1]], 2, &total_masked), Some("the total is [1]".into()));
    assert!(find_derivable(Some(24), &[vec![0, 10, 4, 10]], 5, &naive).is_some());
}

/// Every table of up to 29 people, its total alone or split two or three ways, alone or
/// beside a second dimension: every total under the threshold is masked, none gives a masked
/// count away, and none needs a dimension withheld unless the threshold is 2 or 3.
#[test]
fn every_small_table_is_protected_and_only_tiny_thresholds_withhold() {
    for t in [2u64, 3, 4, 5, 10] {
        let mut withheld = 0;
        for total in 0..30u64 {
            for a in 0..=total {
                for b in 0..=(total - a) {
                    let c = total - a - b;
                    let cases = [
                        vec![],
                        vec![vec![a, b + c]],
                        vec![vec![a, b, c]],
                        vec![vec![a, b, c], vec![total]],
                        vec![vec![a, b + c], vec![b, a + c]],
                    ];
                    for dims in cases {
                        let p = protect(Some(total), &dims, t);
                        // Every cell under the threshold, the total included, is masked.
                        assert_eq!(
                            p.total.masked(),
                            (total > 0 && total < t) || p.total == A,
                            "{total} {dims:?} T={t}"
                        );
                        withheld += (0..dims.len()).filter(|&d| p.withheld(d)).count();
                        assert_eq!(find_derivable(Some(total), &dims, t, &p), None, "{total} {dims:?} T={t}");
                    }
                }
            }
        }
        assert_eq!(withheld == 0, t >= 4, "T={t}: {withheld} dimensions withheld");
    }
}
