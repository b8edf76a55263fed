//! The figures a body quotes (`{{ income-and-employment sex=female }}`, see
//! [`crate::figure_refs`]) checked against the profile that quotes them: the indicator is one
//! of the schema's, the profile gives it, and the part or the `n` asked for is there. A figure
//! the public site withholds is told to the author, since the page will show a mark instead.

use super::*;
use crate::figure_refs::{Ask, FigureRef};
use crate::messages::Message;

impl Site {
    /// Check the figures document `i` quotes, into `diagnostics`.
    pub(super) fn check_figures(&self, i: usize, schema: &Schema, diagnostics: &mut Diagnostics) {
        let figures = &self.outlines[i].figures;
        if figures.is_empty() {
            return;
        }
        let doc = &self.docs[i];
        let at = |span: Span| Location::at(&doc.source, span.shifted(doc.body_start));
        let quoted = |figure: &FigureRef| {
            doc.body().get(figure.span.start as usize..figure.span.end as usize).unwrap_or_default().to_string()
        };
        let Some(community) = doc.community() else {
            for figure in figures {
                let message = Message::new("figure.not-on-profile")
                    .with("reference", quoted(figure))
                    .phrase("kind", doc.content_type.description_said());
                diagnostics.push(
                    Diagnostic::error_said("figure-not-on-profile", at(figure.span), message)
                        .with_help_said(Message::new("figure.not-on-profile-help")),
                );
            }
            return;
        };
        for figure in figures {
            let id = &figure.indicator.text;
            let Some(ii) = schema.indicators.get(id) else {
                let ids = schema.indicators.iter().map(|i| i.term.id.as_str());
                let help = nearest_or(id, ids, "figure.unknown-indicator-help");
                diagnostics.push(
                    Diagnostic::error_said(
                        "figure-unknown-indicator",
                        at(figure.indicator.span),
                        Message::new("figure.unknown-indicator").with("id", id),
                    )
                    .with_help_said(help),
                );
                continue;
            };
            let Some(entry) = community.indicators.iter().find(|e| e.indicator == ii) else {
                if community.withheld_indicators.contains(&ii) {
                    if self.visible[i] {
                        diagnostics.push(withheld_warning(at(figure.span), quoted(figure)));
                    }
                } else {
                    let given = community.indicators.iter().map(|e| schema.indicators[e.indicator].term.id.as_str());
                    let help = nearest_or(id, given, "figure.not-given-help");
                    diagnostics.push(
                        Diagnostic::error_said(
                            "figure-not-given",
                            at(figure.indicator.span),
                            Message::new("figure.not-given").with("id", id),
                        )
                        .with_help_said(help),
                    );
                }
                continue;
            };
            let protection = (!self.audience.shows_sensitive()).then(|| {
                crate::disclosure::protect_entry(entry, schema.indicators[ii].kind, self.rules.small_count_threshold)
            });
            let mut withheld = !self.indicator_visible[ii];
            match &figure.ask {
                Ask::Value => {}
                Ask::Respondents => {
                    if entry.n().is_none() {
                        diagnostics.push(
                            Diagnostic::error_said(
                                "figure-not-given",
                                at(figure.span),
                                Message::new("figure.no-respondents").with("id", id),
                            )
                            .with_help_said(Message::new("figure.no-respondents-help")),
                        );
                    }
                }
                Ask::Part { dimension, part } => {
                    let dimension_id =
                        |d: &crate::model::Disaggregation| schema.disaggregations[d.dimension].term.id.as_str();
                    let found = entry.disaggregation.iter().position(|d| dimension_id(d) == dimension.text);
                    let Some(d) = found else {
                        let ids: Vec<&str> = entry.disaggregation.iter().map(dimension_id).collect();
                        let message =
                            Message::new("figure.no-dimension").with("id", id).with("dimension", &dimension.text);
                        diagnostics.push(
                            Diagnostic::error_said("figure-unknown-part", at(dimension.span), message)
                                .with_help_said(choices(&dimension.text, &ids, "figure.no-dimension-help")),
                        );
                        continue;
                    };
                    let parts: Vec<&str> = entry.disaggregation[d].parts.iter().map(|p| p.name.as_str()).collect();
                    if !parts.contains(&part.text.as_str()) {
                        let message = Message::new("figure.no-part")
                            .with("id", id)
                            .with("dimension", &dimension.text)
                            .with("part", &part.text);
                        diagnostics.push(
                            Diagnostic::error_said("figure-unknown-part", at(part.span), message)
                                .with_help_said(choices(&part.text, &parts, "figure.no-part-help")),
                        );
                        continue;
                    }
                    withheld |= protection.as_ref().is_some_and(|p| p.withheld(d));
                }
                Ask::Unclear(word) => {
                    diagnostics.push(
                        Diagnostic::error_said(
                            "figure-unknown-part",
                            at(word.span),
                            Message::new("figure.unclear").with("word", &word.text),
                        )
                        .with_help_said(Message::new("figure.unclear-help")),
                    );
                    continue;
                }
            }
            if withheld && self.visible[i] {
                diagnostics.push(withheld_warning(at(figure.span), quoted(figure)));
            }
        }
    }
}

/// The warning that the public site shows a quoted figure as withheld.
fn withheld_warning(location: Location, reference: String) -> Diagnostic {
    Diagnostic::warning_said("figure-withheld", location, Message::new("figure.withheld").with("reference", reference))
        .with_help_said(Message::new("figure.withheld-help"))
}

/// The help for a word that is not one of `ids`: the nearest, else them all.
fn choices(word: &str, ids: &[&str], help: &'static str) -> Message {
    match did_you_mean(word, ids.iter().copied()) {
        Some(near) => Message::new("hint.did-you-mean").with("near", near),
        None if ids.is_empty() => Message::new("figure.no-disaggregation-help"),
        None => Message::new(help).list("ids", ids),
    }
}

/// "Did you mean `near`?" for the id of `candidates` nearest `id`, else the help `otherwise`.
fn nearest_or<'a>(id: &str, candidates: impl IntoIterator<Item = &'a str>, otherwise: &'static str) -> Message {
    did_you_mean(id, candidates)
        .map(|near| Message::new("hint.did-you-mean").with("near", near))
        .unwrap_or_else(|| Message::new(otherwise))
}
