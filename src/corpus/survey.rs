//! Invented submissions for a site's survey form, as KoBoToolbox exports them (CSV, `;`
//! between columns, group paths in the headers, its metadata columns, a supervisor's review in
//! `_validation_status`): for the example round in `examples/survey/` and the import
//! benchmark. Deterministic: the same arguments give the same bytes.
//!
//! Each community's answers lean towards a target: a figure given for the indicator when
//! there is one (the example round's are in `examples/survey/targets.toml`, fixed, so that the
//! round made again is the same round, whatever figures the profiles hold by then), or a
//! figure drawn from the community's id otherwise.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::Random;
use crate::model::{IndicatorValue, Part};
use crate::schema::{Schema, ValueKind};
use crate::survey::form::{Answer, Form, Target, VERSION_FIELD};

/// One community of the round: its id, the figures its answers lean towards, and its share of
/// the respondents (relative to the others').
#[derive(Debug, Clone, Copy)]
pub struct RoundCommunity<'a> {
    /// The profile's id.
    pub id: &'a str,
    /// The figures the answers lean towards, by indicator (an index into the schema's):
    /// a percentage, a rating or a distribution. Empty: every figure is drawn from the id.
    pub targets: &'a [(usize, IndicatorValue)],
    /// Relative number of respondents.
    pub weight: u32,
}

/// The targets of a round, by community id, read from TOML: a table per community, and in it
/// each indicator's figure, a number for a percentage or a rating, a table of parts for a
/// distribution (`ethnic-distribution = { mestizo = 96, indigenous = 3, other = 1 }`). An
/// unknown indicator, or a figure of a kind the answers cannot lean towards, is an error
/// naming it.
pub fn round_targets(text: &str, schema: &Schema) -> Result<BTreeMap<String, Vec<(usize, IndicatorValue)>>, String> {
    let table: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut targets = BTreeMap::new();
    for (community, figures) in table {
        let figures = figures.as_table().ok_or_else(|| format!("`{community}` is not a table of figures"))?;
        let mut leans = Vec::new();
        for (id, figure) in figures {
            let i = schema.indicators.get(id).ok_or_else(|| format!("{community}: no indicator `{id}`"))?;
            let number = |v: &toml::Value| v.as_float().or_else(|| v.as_integer().map(|n| n as f64));
            let value = match (&schema.indicators[i].kind, figure) {
                (ValueKind::Percent, v) if number(v).is_some() => number(v).map(IndicatorValue::Percent),
                (ValueKind::Rating, toml::Value::Integer(n)) => Some(IndicatorValue::Rating(*n)),
                (ValueKind::Distribution, toml::Value::Table(parts)) => parts
                    .iter()
                    .map(|(name, v)| number(v).map(|value| Part { name: name.clone(), value }))
                    .collect::<Option<Vec<_>>>()
                    .map(IndicatorValue::Distribution),
                _ => None,
            };
            leans.push((i, value.ok_or_else(|| format!("{community}: `{id}` is not a figure its answers lean to"))?));
        }
        targets.insert(community, leans);
    }
    Ok(targets)
}

/// `rows` invented submissions of `form`, over `communities`, from the 12th to the 30th of
/// `month` (`2026-05`).
pub fn submissions(
    form: &Form,
    schema: &Schema,
    communities: &[RoundCommunity<'_>],
    month: &str,
    rows: usize,
    seed: u64,
) -> String {
    let mut random = Random(seed);
    let mut out = String::with_capacity(rows * 200);
    // The header: metadata, then every question with its group path, as KoBoToolbox writes it.
    let mut header = vec!["start".to_string(), "end".to_string()];
    for q in &form.questions {
        header.push(match q.group {
            Some(g) => format!("{}/{}", schema.indicator_groups[g].id, q.name),
            None => q.name.clone(),
        });
    }
    header
        .extend([VERSION_FIELD, "_id", "_uuid", "_submission_time", "_index", "_validation_status"].map(String::from));
    out.push_str(&header.join(";"));
    out.push('\n');
    let total: u64 = communities.iter().map(|c| u64::from(c.weight)).sum::<u64>().max(1);
    for r in 0..rows {
        let mut pick = random.next() % total;
        let community = communities
            .iter()
            .find(|c| {
                let hit = pick < u64::from(c.weight);
                pick = pick.saturating_sub(u64::from(c.weight));
                hit
            })
            .unwrap_or(&communities[0]);
        let day = 12 + random.below(19);
        let (hour, minute) = (8 + random.below(9), random.below(60));
        let (end_hour, end_minute) = (hour + (minute + 20) / 60, (minute + 20) % 60);
        let _ = write!(
            out,
            "{month}-{day:02}T{hour:02}:{minute:02}:00.000+00:00;{month}-{day:02}T{end_hour:02}:{end_minute:02}:00.000+00:00"
        );
        for q in &form.questions {
            out.push(';');
            let cell = answer(&mut random, form, schema, q.target, q.answer, community);
            out.push_str(&cell);
        }
        // A supervisor's review, by row rather than drawn, so that the answers are those of a
        // round without it: about one submission in fifty not approved (left out by the
        // import), one in seventy on hold, one in nine approved, the rest not reviewed.
        let review = match r {
            _ if r % 53 == 17 => "validation_status_not_approved",
            _ if r % 71 == 30 => "validation_status_on_hold",
            _ if r % 9 == 0 => "validation_status_approved",
            _ => "",
        };
        let _ = writeln!(
            out,
            ";{};{};{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x};{month}-{day:02}T{:02}:{minute:02}:00;{};{review}",
            form.version,
            100_000 + r,
            random.next() as u32,
            random.next() as u16,
            random.next() & 0xfff,
            random.next() & 0xfff,
            random.next() & 0xffff_ffff_ffff,
            end_hour + 1,
            r + 1
        );
    }
    out
}

/// A figure the answers of `community` lean towards, for `indicator` (an index).
fn target(community: &RoundCommunity<'_>, indicator: usize) -> Option<IndicatorValue> {
    community.targets.iter().find(|(i, _)| *i == indicator).map(|(_, value)| value.clone())
}

/// A number from 0 to 99 drawn from a community's id and a question's name.
fn drawn(id: &str, name: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes().chain(name.bytes()) {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    hash % 100
}

fn answer(
    random: &mut Random,
    form: &Form,
    schema: &Schema,
    target_of: Target,
    kind: Answer,
    community: &RoundCommunity<'_>,
) -> String {
    let choices = |l: usize| &form.lists[l].choices;
    match (target_of, kind) {
        (Target::Community, _) => community.id.to_string(),
        // Respondents: mostly adults; about a quarter returnees.
        (Target::Dimension(d), Answer::One(l)) => {
            let weights: &[u64] = match schema.disaggregations[d].term.id.as_str() {
                "age-group" => &[4, 40, 40, 16],
                "migrant-status" => &[25, 75],
                _ => &[],
            };
            let n = choices(l).len();
            let i = if weights.len() == n { weighted(random, weights) } else { random.below(n) };
            choices(l)[i].name.clone()
        }
        _ if random.below(40) == 0 => String::new(),
        (Target::Indicator(i), Answer::One(l)) => {
            let list = choices(l);
            let goal = target(community, i);
            match &schema.indicators[i].kind {
                ValueKind::Percent => {
                    if random.below(25) == 0 {
                        return crate::survey::form::DONT_KNOW.into();
                    }
                    let p = match goal {
                        Some(IndicatorValue::Percent(p)) => p as u64,
                        _ => 20 + drawn(community.id, &form.lists[l].name) * 6 / 10,
                    };
                    if (random.below(100) as u64) < p { "yes" } else { "no" }.into()
                }
                ValueKind::Rating => {
                    let min = schema.indicators[i].scale.as_ref().map_or(1, |s| s.min);
                    let centre = match goal {
                        Some(IndicatorValue::Rating(r)) => r - min,
                        _ => (drawn(community.id, &schema.indicators[i].term.id) % list.len() as u64) as i64,
                    };
                    let step = [0, 0, 0, 0, -1, 1, -1, 1, -2, 2][random.below(10)];
                    list[(centre + step).clamp(0, list.len() as i64 - 1) as usize].name.clone()
                }
                _ => {
                    let weights: Vec<u64> = match goal {
                        Some(IndicatorValue::Distribution(parts)) => list
                            .iter()
                            .map(|c| parts.iter().find(|p| p.name == c.name).map_or(0, |p| p.value as u64))
                            .collect(),
                        _ => list.iter().map(|c| 1 + drawn(community.id, &c.name)).collect(),
                    };
                    let i = if weights.iter().sum::<u64>() == 0 {
                        random.below(list.len())
                    } else {
                        weighted(random, &weights)
                    };
                    list[i].name.clone()
                }
            }
        }
        (Target::Indicator(_), Answer::Many(l)) => {
            let chosen: Vec<&str> = choices(l)
                .iter()
                .filter(|c| random.below(100) < 20 + drawn(community.id, &c.name) as usize / 2)
                .map(|c| c.name.as_str())
                .collect();
            chosen.join(" ")
        }
        (Target::Indicator(i), Answer::Integer | Answer::Decimal) => {
            let indicator = &schema.indicators[i];
            let high = indicator.max.unwrap_or(10.0).clamp(1.0, 1000.0) as u64;
            let x = random.between(indicator.min.unwrap_or(0.0).max(0.0) as u64, high);
            x.to_string()
        }
        _ => String::new(),
    }
}

fn weighted(random: &mut Random, weights: &[u64]) -> usize {
    let total: u64 = weights.iter().sum::<u64>().max(1);
    let mut pick = random.next() % total;
    for (i, w) in weights.iter().enumerate() {
        if pick < *w {
            return i;
        }
        pick -= w;
    }
    weights.len() - 1
}
