//! A document's references and links checked against the site: each community reference
//! found and shown, each link in frontmatter and text resolved, raw HTML not nested too deep,
//! remote images refused; what it reaches recorded for backlinks and incremental updates.

use super::*;
use crate::messages::Message;

impl Site {
    /// The community profile whose title is `title`, ignoring case and accents (`riverside`
    /// for `Riverside (Example)`), as its id and title: what a reference written as a title meant.
    fn community_titled(&self, title: &str) -> Option<(&str, &str)> {
        let wanted = crate::text::fold(title.trim());
        self.docs
            .iter()
            .find(|d| d.content_type == ContentType::Community && crate::text::fold(d.title.trim()) == wanted)
            .map(|d| (d.slug.as_str(), d.title.as_str()))
    }

    /// Check one document's references and links.
    pub(super) fn check_doc(&self, i: usize, schema: &Schema) -> Checked {
        let doc = &self.docs[i];
        let mut diagnostics = Diagnostics::new();
        let mut community_refs = Vec::new();
        let mut reaches = Vec::new();
        let references = match &doc.details {
            Details::CaseStudy(c) => c.communities.as_slice(),
            Details::Project(p) => p.communities.as_slice(),
            _ => &[],
        };
        for reference in references {
            let found = self.find(ContentType::Community, &reference.id);
            reaches.extend(found);
            match found {
                Some(target) if self.visible[target] => {
                    if !community_refs.contains(&target) {
                        community_refs.push(target);
                    }
                }
                Some(_) => {
                    if self.visible[i] {
                        diagnostics.push(
                            Diagnostic::warning_said(
                                "hidden-reference",
                                Location::at(&doc.source, reference.span),
                                Message::new("link.hidden-reference").with("id", reference.id.as_str()),
                            )
                            .with_help_said(Message::new("link.hidden-reference-help")),
                        );
                    }
                }
                None if self.unusable.contains(&(ContentType::Community, reference.id.clone())) => {}
                None => {
                    let ids: Vec<&str> = self
                        .index
                        .keys()
                        .filter(|(t, _)| *t == ContentType::Community)
                        .map(|(_, id)| id.as_str())
                        .collect();
                    let help = self
                        .community_titled(&reference.id)
                        .map(|(id, title)| Message::new("link.reference-titled").with("near", id).with("title", title))
                        .or_else(|| {
                            did_you_mean(&reference.id, ids.iter().copied())
                                .map(|s| Message::new("hint.did-you-mean").with("near", s))
                        })
                        .unwrap_or_else(|| Message::new("link.reference-help"));
                    let message = Message::new("link.no-id")
                        .phrase("what", ContentType::Community.every_said())
                        .with("id", &reference.id);
                    diagnostics.push(
                        Diagnostic::error_said("unknown-reference", Location::at(&doc.source, reference.span), message)
                            .with_help_said(help),
                    );
                }
            }
        }

        // Links in frontmatter get the same checks as links in the text.
        for link in doc.frontmatter_links() {
            let resolved = self.resolve(i, &link.id, schema);
            reaches.extend(self.reached(i, &link.id, &resolved));
            match resolved {
                Ok(Resolution::SamePage(_)) => diagnostics.push(Diagnostic::error_said(
                    "broken-link",
                    Location::at(&doc.source, link.span),
                    Message::new("link.same-page"),
                )),
                Ok(Resolution::Hidden { confidential: true }) => {
                    if let Some(d) = self.hidden_link_problem(i, &link.id, true, link.span) {
                        diagnostics.push(d);
                    }
                }
                Ok(_) => {}
                Err(problem) => diagnostics.push(problem.diagnostic(Location::at(&doc.source, link.span))),
            }
        }
        let outline = &self.outlines[i];
        if outline.html_depth > MAX_HTML_DEPTH {
            diagnostics.push(
                Diagnostic::error_said(
                    "html-too-deep",
                    Location::at(&doc.source, outline.html_depth_at.shifted(doc.body_start)),
                    Message::new("link.html-too-deep")
                        .number("depth", outline.html_depth as u64)
                        .number("limit", MAX_HTML_DEPTH as u64),
                )
                .with_help_said(Message::new("link.html-too-deep-help")),
            );
        }
        let mut linked = Vec::new();
        for link in &self.outlines[i].links {
            let span = link.span.shifted(doc.body_start);
            let resolved = self.resolve(i, &link.dest, schema);
            reaches.extend(self.reached(i, &link.dest, &resolved));
            match resolved {
                Ok(Resolution::Internal { doc: Some(target), .. }) => linked.push(target),
                Ok(Resolution::External(_))
                    if link.image && self.visible[i] && !self.rules.remote_images && !self.audience.internal =>
                {
                    diagnostics.push(
                        Diagnostic::error_said(
                            "remote-image",
                            Location::at(&doc.source, span),
                            Message::new("link.remote-image").with("dest", link.dest.as_str()),
                        )
                        .with_help_said(Message::new("link.remote-image-help")),
                    );
                }
                Ok(Resolution::Hidden { confidential }) => {
                    if let Some(d) = self.hidden_link_problem(i, &link.dest, confidential, span) {
                        diagnostics.push(d);
                    }
                }
                Ok(_) => {}
                Err(problem) => diagnostics.push(problem.diagnostic(Location::at(&doc.source, span))),
            }
        }
        self.check_figures(i, schema, &mut diagnostics, &mut reaches);
        reaches.sort_unstable();
        reaches.dedup();
        Checked { community_refs, linked, reaches, problems: diagnostics }
    }
}

/// What checking one document's references and links found.
pub(super) struct Checked {
    /// The visible communities it refers to.
    pub(super) community_refs: Vec<usize>,
    /// The visible documents its links lead to.
    pub(super) linked: Vec<usize>,
    /// Every document its references and links name, shown or hidden.
    pub(super) reaches: Vec<usize>,
    /// The problems.
    pub(super) problems: Diagnostics,
}
