//! The indicators of a merged schema resolved into typed ones: each in a known group, with
//! its kind, unit, scale, dimensions and parts checked, ordered by group.

use super::*;

/// The indicators of `merged`, in group order and then file order, each checked against
/// `groups` and `dimensions`; every problem reported to `reporter`.
pub(super) fn resolve_indicators(
    reporter: &mut Reporter<'_>,
    merged: Merged<IndicatorDef>,
    groups: &Vocab<Term>,
    dimensions: &Vocab<Dimension>,
) -> Vocab<Indicator> {
    let mut seen = HashSet::new();
    let mut items = Vec::new();
    for (d, origin, _) in merged.defs {
        let id = d.id.clone();
        // A new indicator without a label: what else it lacks is said now too, not one
        // problem per run.
        let unlabelled = d.label.is_none() && is_slug(&id) && !seen.contains(&id);
        let term = term(reporter, "indicator", common!(d), origin, &mut seen);
        if term.is_none() && !unlabelled {
            continue;
        }
        if d.group.is_none() {
            let message = Message::new("schema.needs-group").with("id", id.clone());
            reporter.error(origin, message, suggestion_said("", groups.ids()));
        }
        if d.kind.is_none() {
            let message = Message::new("schema.needs-kind").with("id", id.clone());
            reporter.error(origin, message, suggestion_said("", ValueKind::IDS));
        }
        let (Some(term), Some(group_id), Some(kind_id)) = (term, d.group, d.kind) else {
            continue;
        };
        let Some(group) = lookup(reporter, origin, groups, "indicator group", &group_id) else {
            continue;
        };
        let Some(kind) = ValueKind::from_id(&kind_id) else {
            let message = Message::new("schema.unknown-kind").with("kind", kind_id.clone());
            reporter.error(origin, message, super::kinds::kind_help(&kind_id, &ValueKind::IDS));
            continue;
        };
        let scale = d.scale.map(|s| Scale { min: s.min, max: s.max, labels: s.labels });
        if kind == ValueKind::Rating {
            match &scale {
                None => {
                    reporter.error(
                        origin,
                        Message::new("schema.needs-scale").with("id", id.clone()),
                        Some(Message::new("schema.needs-scale-help")),
                    );
                    continue;
                }
                Some(s) if s.min >= s.max => {
                    reporter.error(origin, Message::new("schema.scale-order").with("id", id.clone()), None);
                    continue;
                }
                Some(s) if !s.labels.is_empty() && s.labels.len() as i64 != s.max - s.min + 1 => {
                    reporter.error(
                        origin,
                        Message::new("schema.scale-labels")
                            .with("id", id.clone())
                            .number("labels", s.labels.len() as u64)
                            .with("points", (s.max - s.min + 1).to_string()),
                        None,
                    );
                    continue;
                }
                Some(_) => {}
            }
        }
        let mut disaggregation = Vec::new();
        for dim in d.disaggregation.unwrap_or_default() {
            disaggregation.extend(lookup(reporter, origin, dimensions, "disaggregation dimension", &dim));
        }
        let aggregate = match d.aggregate.as_deref().map(|a| (a, Aggregate::from_id(a))) {
            None => Aggregate::default_for(kind),
            Some((_, Some(aggregate))) => aggregate,
            Some((other, None)) => {
                let message = Message::new("schema.unknown-aggregate").with("aggregate", other);
                reporter.error(origin, message, suggestion_said(other, ["sum", "mean"]));
                continue;
            }
        };
        if d.min.into_iter().chain(d.max).any(|x| !x.is_finite()) || d.min.zip(d.max).is_some_and(|(a, b)| a > b) {
            reporter.error(origin, Message::new("schema.min-max").with("id", id.clone()), None);
            continue;
        }
        if GEOJSON_PROPERTIES.contains(&id.as_str()) {
            reporter.diagnostics.push(
                Diagnostic::error_said(
                    "schema",
                    reporter.at_id(origin, &id),
                    Message::new("schema.reserved-indicator-id").with("id", id.clone()),
                )
                .with_help_said(Message::new("schema.reserved-indicator-id-help").with("id", id.clone())),
            );
            continue;
        }
        let survey = d.survey.unwrap_or(true);
        if kind == ValueKind::Number && d.unit.is_none() && survey {
            // Found here, so that `check` and `form` say it before a round is collected: the
            // question could not say in what unit to answer, nor `import` write the figures.
            reporter.diagnostics.push(
                Diagnostic::error_said(
                    "survey-no-unit",
                    reporter.at_id(origin, &id),
                    Message::new("schema.survey-no-unit").with("id", id.clone()),
                )
                .with_help_said(Message::new("schema.survey-no-unit-help")),
            );
        }
        let parts = d.parts.unwrap_or_default();
        let (part_label, part_labels) =
            parts::of_indicator(reporter, origin, (&id, kind, &parts), (&d.part_label, &d.part_labels));
        items.push(Indicator {
            aggregate,
            survey,
            min: d.min,
            max: d.max,
            term,
            group,
            group_id,
            kind,
            unit: d.unit,
            scale,
            parts,
            disaggregation_ids: disaggregation.iter().map(|&i| dimensions[i].term.id.clone()).collect(),
            disaggregation,
            sensitive: d.sensitive.unwrap_or(false),
            // A blank question asks nothing: the form shows the label, as without one.
            question: d.question.filter(|q| !q.trim().is_empty()),
            questions: d.questions.unwrap_or_default().into_iter().filter(|(_, q)| !q.trim().is_empty()).collect(),
            part_label,
            part_labels,
        });
    }
    // Keep indicators together by group, in group order, then file order.
    items.sort_by_key(|i| i.group);
    Vocab::new(items)
}
