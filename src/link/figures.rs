//! The figures a document quotes in its body or its frontmatter's prose (`{{
//! income-and-employment sex=female }}`, `{{ villa-los-almendros: population }}`, see
//! [`crate::figure_refs`]) checked against the profile they quote: the page's own, or the one
//! named, which must exist and be published if the page is. The indicator is one of the
//! schema's, the profile gives it, and the part or the `n` asked for is there. A figure the
//! public site withholds is told to the author, since the page will show a mark instead.

use super::*;
use crate::figure_refs::{Ask, FigureRef, Word, is_population, population_withheld};
use crate::messages::Message;

impl Site {
    /// Check the figures document `i` quotes, in its body and in its frontmatter's prose, into
    /// `diagnostics`; the profiles they quote other than its own into `reaches`, so that a
    /// change to one of them reaches its page.
    pub(super) fn check_figures(
        &self,
        i: usize,
        schema: &Schema,
        diagnostics: &mut Diagnostics,
        reaches: &mut Vec<usize>,
    ) {
        let doc = &self.docs[i];
        let body = &self.outlines[i].figures;
        if body.is_empty() && doc.frontmatter_figures.is_empty() {
            return;
        }
        // Body references are located from the body's start, the frontmatter's from the file's.
        for (figures, shift) in [(body, doc.body_start), (&doc.frontmatter_figures, 0)] {
            for figure in figures {
                let quoted = Quoted { figure, shift };
                self.check_figure(i, schema, &quoted, diagnostics, reaches);
            }
        }
    }

    /// Check one figure document `i` quotes.
    fn check_figure(
        &self,
        i: usize,
        schema: &Schema,
        quoted: &Quoted<'_>,
        diagnostics: &mut Diagnostics,
        reaches: &mut Vec<usize>,
    ) {
        let doc = &self.docs[i];
        let figure = quoted.figure;
        let at = |span: Span| Location::at(&doc.source, span.shifted(quoted.shift));
        let target = match &figure.profile {
            None => i,
            Some(word) => match self.quoted_profile(i, word, diagnostics, &at) {
                Some(j) => {
                    reaches.push(j);
                    // A draft quoting a confidential profile, built with `--drafts`: the page
                    // is in this build, the profile is not, and neither is its figure.
                    if self.visible[i] && !self.visible[j] {
                        diagnostics.push(withheld_warning(at(figure.span), quoted.written(&self.docs[i])));
                        return;
                    }
                    j
                }
                None => return,
            },
        };
        let Some(community) = self.docs[target].community() else {
            let message = Message::new("figure.not-on-profile")
                .with("reference", quoted.written(doc))
                .phrase("kind", doc.content_type.description_said());
            diagnostics.push(
                Diagnostic::error_said("figure-not-on-profile", at(figure.span), message)
                    .with_help_said(Message::new("figure.not-on-profile-help")),
            );
            return;
        };
        let id = &figure.indicator.text;
        if is_population(figure, schema) {
            self.check_population(i, schema, community, quoted, diagnostics, &at);
            return;
        }
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
            return;
        };
        let Some(entry) = community.indicators.iter().find(|e| e.indicator == ii) else {
            if community.withheld_indicators.contains(&ii) {
                if self.visible[i] {
                    diagnostics.push(withheld_warning(at(figure.span), quoted.written(&self.docs[i])));
                }
            } else {
                let given = community.indicators.iter().map(|e| schema.indicators[e.indicator].term.id.as_str());
                let help = nearest_or(id, given, "figure.not-given-help");
                let message = match &figure.profile {
                    Some(profile) => {
                        Message::new("figures_more.not-given-there").with("id", id).with("profile", &profile.text)
                    }
                    None => Message::new("figure.not-given").with("id", id),
                };
                diagnostics.push(
                    Diagnostic::error_said("figure-not-given", at(figure.indicator.span), message).with_help_said(help),
                );
            }
            return;
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
                    let message = Message::new("figure.no-dimension").with("id", id).with("dimension", &dimension.text);
                    diagnostics.push(
                        Diagnostic::error_said("figure-unknown-part", at(dimension.span), message)
                            .with_help_said(choices(&dimension.text, &ids, "figure.no-dimension-help")),
                    );
                    return;
                };
                let parts: Vec<&str> = entry.disaggregation[d].parts.iter().map(|p| p.name.as_str()).collect();
                if !parts.contains(&part.text.as_str()) {
                    let message = Message::new("figure.no-part")
                        .with("id", id)
                        .with("dimension", &dimension.text)
                        .with("part", &part.text);
                    diagnostics.push(
                        Diagnostic::error_said("figure-unknown-part", at(part.span), message).with_help_said(choices(
                            &part.text,
                            &parts,
                            "figure.no-part-help",
                        )),
                    );
                    return;
                }
                withheld |= protection.as_ref().is_some_and(|p| p.withheld(d));
            }
            Ask::Unclear(word) => {
                diagnostics.push(unclear(at(word.span), &word.text));
                return;
            }
        }
        if withheld && self.visible[i] {
            diagnostics.push(withheld_warning(at(figure.span), quoted.written(&self.docs[i])));
        }
    }

    /// The profile a figure of document `i` names (`villa-los-almendros:`), if it is one that
    /// `i` may quote: a page published to everyone never quotes a draft or confidential one.
    fn quoted_profile(
        &self,
        i: usize,
        word: &Word,
        diagnostics: &mut Diagnostics,
        at: &dyn Fn(Span) -> Location,
    ) -> Option<usize> {
        let Some(j) = self.find(ContentType::Community, &word.text) else {
            // A profile whose file could not be read: its own errors say why, and stop the build.
            if self.unusable.contains(&(ContentType::Community, word.text.clone())) {
                return None;
            }
            let ids = self
                .docs
                .iter()
                .filter(|d| d.content_type == ContentType::Community && d.translation.is_none())
                .map(|d| d.slug.as_str());
            let help = nearest_or(&word.text, ids, "figures_more.unknown-profile-help");
            diagnostics.push(
                Diagnostic::error_said(
                    "figure-unknown-profile",
                    at(word.span),
                    Message::new("figures_more.unknown-profile").with("id", &word.text),
                )
                .with_help_said(help),
            );
            return None;
        };
        let (theirs, ours) = (self.docs[j].status, self.docs[i].status);
        if ours == Status::Published && theirs != Status::Published {
            diagnostics.push(
                Diagnostic::error_said(
                    "figure-profile-not-public",
                    at(word.span),
                    Message::new("figures_more.profile-not-public").with("id", &word.text).with("status", theirs.id()),
                )
                .with_help_said(Message::new("figures_more.profile-not-public-help")),
            );
            return None;
        }
        Some(j)
    }

    /// Check a quoted population against `community`.
    fn check_population(
        &self,
        i: usize,
        schema: &Schema,
        community: &crate::model::Community,
        quoted: &Quoted<'_>,
        diagnostics: &mut Diagnostics,
        at: &dyn Fn(Span) -> Location,
    ) {
        let figure = quoted.figure;
        // A population has neither parts nor respondents: the word that asks for one is said.
        let word = match &figure.ask {
            Ask::Value => None,
            Ask::Respondents => Some(("n".to_string(), figure.span)),
            Ask::Part { dimension, part } => Some((
                format!("{}={}", dimension.text, part.text),
                Span::new(dimension.span.start as usize, part.span.end as usize),
            )),
            Ask::Unclear(word) => Some((word.text.clone(), word.span)),
        };
        if let Some((word, span)) = word {
            diagnostics.push(unclear(at(span), &word));
        } else if population_withheld(schema, self.audience.shows_sensitive()) {
            if self.visible[i] {
                diagnostics.push(withheld_warning(at(figure.span), quoted.written(&self.docs[i])));
            }
        } else if community.population.is_none() {
            diagnostics.push(
                Diagnostic::error_said(
                    "figure-not-given",
                    at(figure.indicator.span),
                    Message::new("figures_more.no-population"),
                )
                .with_help_said(Message::new("figures_more.no-population-help")),
            );
        }
    }
}

/// A figure as a document quotes it.
struct Quoted<'f> {
    figure: &'f FigureRef,
    /// Where its spans start in the file.
    shift: usize,
}

impl Quoted<'_> {
    /// The reference as `doc` writes it, for a message. Taken only when one is said: once a
    /// document is checked its frontmatter is no longer in memory, and slicing the file reads
    /// it again (and keeps it).
    fn written(&self, doc: &Doc) -> String {
        doc.source.slice(self.figure.span.shifted(self.shift)).to_string()
    }
}

/// The error for a word of a reference that is neither a part nor `n`.
fn unclear(location: Location, word: &str) -> Diagnostic {
    Diagnostic::error_said("figure-unknown-part", location, Message::new("figure.unclear").with("word", word))
        .with_help_said(Message::new("figure.unclear-help"))
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
