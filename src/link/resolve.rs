//! Resolving a link's destination: a web address, a page or file of the site by path or by
//! id, a heading of a page, or something that exists but is not in this build.

use unicode_normalization::UnicodeNormalization;

use super::{LinkProblem, Resolution, Site, routes, section_ids};
use crate::diagnostic::{Diagnostic, Location, did_you_mean, suggestion_said};
use crate::messages::Message;
use crate::model::ContentType;
use crate::schema::Schema;
use crate::source::Span;

impl Site {
    /// Resolve a link destination written in document `from`.
    pub fn resolve(&self, from: usize, dest: &str, schema: &Schema) -> Result<Resolution, LinkProblem> {
        let dest = dest.trim();
        if dest.is_empty() {
            return Err(LinkProblem::said("broken-link", Message::new("link.empty"), None));
        }
        if dest.chars().any(|c| c.is_control()) {
            return Err(LinkProblem::said("unsafe-link", Message::new("link.control"), None));
        }
        if let Some(fragment) = dest.strip_prefix('#') {
            return self.check_fragment(from, fragment).map(|()| Resolution::SamePage(fragment.to_string()));
        }
        if dest.starts_with("//") {
            return Err(LinkProblem::said(
                "broken-link",
                Message::new("link.no-scheme").with("dest", dest),
                Some(Message::new("link.no-scheme-help").with("dest", dest)),
            ));
        }
        if dest.starts_with('/') || dest.starts_with('\\') {
            let id = if dest.starts_with('\\') { "link.share-path" } else { "link.absolute" };
            return Err(LinkProblem::said(
                "absolute-link",
                Message::new(id).with("dest", dest),
                Some(Message::new("link.absolute-help")),
            ));
        }
        if let Some((scheme, rest)) = split_scheme(dest) {
            return self.resolve_scheme(from, &scheme, rest, dest, schema);
        }
        self.resolve_path(from, dest)
    }

    fn resolve_scheme(
        &self,
        from: usize,
        scheme: &str,
        rest: &str,
        dest: &str,
        schema: &Schema,
    ) -> Result<Resolution, LinkProblem> {
        let (id, fragment) = match rest.split_once('#') {
            Some((id, f)) => (id, Some(f.to_string())),
            None => (rest, None),
        };
        let internal =
            |path: String, doc: Option<usize>| Ok(Resolution::Internal { path, fragment: fragment.clone(), doc });
        let unknown = |what: Message, mut candidates: Vec<&str>| {
            // Ids come from a hash map: sorted, the help reads the same in every run (CI
            // annotations and SARIF results are compared from one run to the next).
            candidates.sort_unstable();
            Err(LinkProblem::said(
                "broken-link",
                Message::new("link.no-id").phrase("what", what).with("id", id),
                suggestion_said(id, candidates.iter().copied()),
            ))
        };
        let what = Message::new;
        match scheme {
            "http" | "https" | "mailto" | "tel" => Ok(Resolution::External(dest.to_string())),
            "javascript" | "data" | "vbscript" | "file" => Err(LinkProblem::said(
                "unsafe-link",
                Message::new("link.unsafe-scheme").with("scheme", scheme),
                Some(Message::new("link.unsafe-scheme-help")),
            )),
            _ => {
                if let Some(content_type) = ContentType::from_id(scheme) {
                    return match self.find(content_type, id) {
                        Some(target) if self.visible[target] => {
                            if let Some(f) = &fragment {
                                self.check_fragment(target, f)?;
                            }
                            let shown = self.in_language_of(from, target, fragment.is_none());
                            internal(self.paths[shown].clone(), Some(target))
                        }
                        Some(target) => Ok(self.hidden(target)),
                        None if self.unusable.contains(&(content_type, id.to_string())) => Ok(Resolution::Unusable),
                        None => {
                            let ids: Vec<&str> = self
                                .index
                                .keys()
                                .filter(|(t, _)| *t == content_type)
                                .map(|(_, i)| i.as_str())
                                .collect();
                            unknown(content_type.every_said(), ids)
                        }
                    };
                }
                match scheme {
                    "indicator" => match schema.indicators.get(id) {
                        Some(i) if self.indicator_visible[i] => internal(routes::indicator(id), None),
                        Some(_) => Ok(Resolution::Hidden { confidential: false }),
                        None => unknown(what("what.indicator"), schema.indicators.ids().collect()),
                    },
                    "criterion" => match schema.criteria.get(id) {
                        Some(_) => Ok(Resolution::Internal {
                            path: routes::CRITERIA.into(),
                            fragment: Some(id.to_string()),
                            doc: None,
                        }),
                        None => unknown(what("what.criterion"), schema.criteria.ids().collect()),
                    },
                    "question" | "method" => {
                        let known = if scheme == "question" {
                            schema.research_questions.get(id).is_some()
                        } else {
                            schema.methods.get(id).is_some()
                        };
                        if known {
                            Ok(Resolution::Internal {
                                path: routes::RESEARCH.into(),
                                fragment: Some(id.to_string()),
                                doc: None,
                            })
                        } else if scheme == "question" {
                            unknown(what("what.research-question"), schema.research_questions.ids().collect())
                        } else {
                            unknown(what("what.method"), schema.methods.ids().collect())
                        }
                    }
                    "approach" => match schema.approaches.get(id) {
                        Some(_) => internal(routes::approach(id), None),
                        None => unknown(what("what.approach"), schema.approaches.ids().collect()),
                    },
                    "sector" => match schema.sectors.get(id) {
                        Some(_) => internal(routes::sector(id), None),
                        None => unknown(what("what.sector"), schema.sectors.ids().collect()),
                    },
                    "topic" => match schema.guidance_topics.get(id) {
                        Some(_) => internal(routes::topic(id), None),
                        None => unknown(what("what.guidance-topic"), schema.guidance_topics.ids().collect()),
                    },
                    // A country is found by its code whatever the language (`country:maroc`).
                    "country" => match self.listed_country(id) {
                        Some(name) => internal(routes::country(name), None),
                        None => unknown(what("what.country"), self.countries.iter().map(String::as_str).collect()),
                    },
                    "tag" => {
                        let slug = crate::text::slugify(id);
                        match self.tags.iter().find(|t| crate::text::slugify(t) == slug) {
                            Some(name) => internal(routes::tag(name), None),
                            None => unknown(what("what.tag"), self.tags.iter().map(String::as_str).collect()),
                        }
                    }
                    _ => Err(LinkProblem::said(
                        "unsafe-link",
                        Message::new("link.unknown-scheme").with("scheme", scheme),
                        Some(Message::new("link.unknown-scheme-help")),
                    )),
                }
            }
        }
    }

    /// The document a link from `from` to `dest`, resolved as `resolved`, names, shown or hidden:
    /// for the reverse index of links ([`Site::affected`]). A hidden page is named too, as its
    /// coming into the build changes how the link is shown.
    pub(super) fn reached(&self, from: usize, dest: &str, resolved: &Result<Resolution, LinkProblem>) -> Option<usize> {
        match resolved {
            Ok(Resolution::Internal { doc, .. }) => *doc,
            Ok(Resolution::Hidden { .. }) => {
                let dest = dest.trim();
                if let Some((scheme, rest)) = split_scheme(dest) {
                    let id = rest.split_once('#').map_or(rest, |(id, _)| id);
                    return ContentType::from_id(&scheme).and_then(|t| self.find(t, id));
                }
                let path = dest.split_once('#').map_or(dest, |(p, _)| p);
                let path = path.split_once('?').map_or(path, |(p, _)| p);
                let target = join_relative(&self.docs[from].content_path, &percent_decode(path))?;
                self.by_content_path.get(&self.as_named(target)).copied()
            }
            _ => None,
        }
    }

    /// How document `target`, which is not in this build, is hidden.
    fn hidden(&self, target: usize) -> Resolution {
        Resolution::Hidden { confidential: self.docs[target].status == crate::model::Status::Confidential }
    }

    /// The problem with a link from document `from` to a page that is not in this build, if
    /// the page that links is in it: a link to a confidential page would publish its words.
    pub(super) fn hidden_link_problem(
        &self,
        from: usize,
        dest: &str,
        confidential: bool,
        span: Span,
    ) -> Option<Diagnostic> {
        if !self.visible[from] {
            return None;
        }
        let doc = &self.docs[from];
        Some(if confidential {
            Diagnostic::error_said(
                "confidential-link",
                Location::at(&doc.source, span),
                Message::new("link.confidential").with("dest", dest),
            )
            .with_help_said(Message::new("link.confidential-help"))
        } else {
            Diagnostic::warning_said(
                "hidden-link",
                Location::at(&doc.source, span),
                Message::new("link.hidden").with("dest", dest),
            )
            .with_help_said(Message::new("link.hidden-help"))
        })
    }

    fn resolve_path(&self, from: usize, dest: &str) -> Result<Resolution, LinkProblem> {
        let (path_part, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f.to_string())),
            None => (dest, None),
        };
        let path_part = path_part.split_once('?').map_or(path_part, |(p, _)| p);
        let decoded = percent_decode(path_part);
        let base = &self.docs[from].content_path;
        let Some(target) = join_relative(base, &decoded) else {
            return Err(LinkProblem::said(
                "broken-link",
                Message::new("link.outside").with("dest", dest),
                Some(Message::new("link.outside-help")),
            ));
        };
        let target = self.as_named(target);
        if let Some(&doc) = self.by_content_path.get(&target) {
            if !self.visible[doc] {
                return Ok(self.hidden(doc));
            }
            if let Some(f) = &fragment {
                self.check_fragment(doc, f)?;
            }
            let shown = self.in_language_of(from, doc, fragment.is_none());
            return Ok(Resolution::Internal { path: self.paths[shown].clone(), fragment, doc: Some(doc) });
        }
        if self.asset_paths.contains(&target) {
            return Ok(Resolution::Internal { path: routes::asset_path(&target), fragment, doc: None });
        }
        let known_unusable = target.ends_with(".md")
            && ContentType::from_content_path(&target).is_some_and(|t| {
                let slug = crate::text::slugify(target.rsplit('/').next().unwrap_or("").trim_end_matches(".md"));
                self.unusable.contains(&(t, slug))
            });
        if known_unusable {
            return Ok(Resolution::Unusable);
        }
        // A file that is there but is not published: say so, not that it does not exist.
        if self.unpublished.contains(&target) {
            return Err(LinkProblem::said(
                "broken-link",
                Message::new("link.unpublished").with("dest", dest),
                Some(Message::new("link.unpublished-help").with("target", target)),
            ));
        }
        // A file that is there but cannot be published where it is: its own error says why.
        if self.withheld.iter().any(|a| a.content_path == target) {
            return Err(LinkProblem::said(
                "broken-link",
                Message::new("link.unpublished").with("dest", dest),
                Some(Message::new("link.withheld-help").with("target", target)),
            ));
        }
        let candidates: Vec<&str> = self
            .by_content_path
            .keys()
            .map(String::as_str)
            .chain(self.asset_paths.iter().map(String::as_str))
            .collect();
        let help = did_you_mean(&target, candidates.iter().copied())
            .map(|s| Message::new("hint.did-you-mean").with("near", as_destination(&relative_source(base, s))))
            .unwrap_or_else(|| Message::new("link.no-file-help").with("target", target));
        Err(LinkProblem::said("broken-link", Message::new("link.no-file").with("dest", dest), Some(help)))
    }

    /// The path of the file of `content/` that `target`, a path a link names, is: `target`
    /// itself, or the file whose path is canonically equivalent to it (`Café.png` typed with a
    /// composed `é` names `Cafe\u{301}.png`, as macOS and archives made on a Mac write names,
    /// and the other way round), as a Mac's file system takes either for the other.
    fn as_named(&self, target: String) -> String {
        if target.is_ascii() || self.by_content_path.contains_key(&target) || self.asset_paths.contains(&target) {
            return target;
        }
        let composed: String = target.nfc().collect();
        match self.decomposed.get(&composed) {
            Some(path) => path.clone(),
            None => composed,
        }
    }

    /// The page a link from `from` to `target` leads to: the translation of `target` in the
    /// language of `from` when `from` is a translation and `target` has one in its language
    /// (only for a link to the whole page, as headings differ between languages), else `target`.
    fn in_language_of(&self, from: usize, target: usize, whole_page: bool) -> usize {
        if whole_page { self.version_for(from, target) } else { target }
    }

    fn check_fragment(&self, doc: usize, fragment: &str) -> Result<(), LinkProblem> {
        let headings = &self.outlines[doc].headings;
        if headings.iter().any(|h| h.id == fragment) || section_ids(self.docs[doc].content_type).contains(&fragment) {
            return Ok(());
        }
        let ids: Vec<&str> = headings
            .iter()
            .map(|h| h.id.as_str())
            .chain(section_ids(self.docs[doc].content_type).iter().copied())
            .collect();
        Err(LinkProblem::said(
            "broken-link",
            Message::new("link.no-heading").with("fragment", fragment).with("page", &self.docs[doc].content_path),
            suggestion_said(fragment, ids.iter().copied()),
        ))
    }
}

/// `scheme` and the rest, for destinations like `https://...` or `community:tanger-nord`. A
/// single letter before the colon is a Windows drive, not a scheme.
fn split_scheme(dest: &str) -> Option<(String, &str)> {
    let (scheme, rest) = dest.split_once(':')?;
    let valid = scheme.len() > 1
        && scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if scheme.len() == 1 && scheme.chars().all(|c| c.is_ascii_alphabetic()) {
        // C:\... or C:/...: an absolute Windows path.
        return Some(("file".to_string(), rest));
    }
    valid.then(|| (scheme.to_ascii_lowercase(), rest))
}

/// The content path reached by following `relative` from the file at `base`; `None` if it
/// climbs above content/.
pub fn join_relative(base: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').collect();
    parts.pop();
    for part in relative.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    if parts.is_empty() || parts.iter().any(|p| p.contains('\0')) {
        return None;
    }
    Some(parts.join("/"))
}

/// How to write `target` (a content path) relative to the file at `base`.
fn relative_source(base: &str, target: &str) -> String {
    routes::relative(base, target)
}

/// `text` with its `%XX` escapes decoded (a bad escape is kept as written).
fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// What a file's path must escape to be a link's destination: `#` would start a heading's
/// name and `?` a query, a space would end the destination, and `%` starts an escape.
const DESTINATION: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS.add(b' ').add(b'#').add(b'?').add(b'%');

/// A file's path as a link's destination must write it (`two%20words%23x.md` for the file
/// `two words#x.md`); other characters, accents and Arabic included, stay as written.
fn as_destination(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, DESTINATION).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_are_joined_within_content() {
        assert_eq!(join_relative("communities/a.md", "b.md").as_deref(), Some("communities/b.md"));
        assert_eq!(join_relative("communities/a.md", "../projects/p.md").as_deref(), Some("projects/p.md"));
        assert_eq!(join_relative("communities/a.md", "./img/../img/x.png").as_deref(), Some("communities/img/x.png"));
        assert_eq!(join_relative("communities/a.md", "../../etc/passwd"), None);
        assert_eq!(join_relative("about.md", "../x.md"), None);
    }

    #[test]
    fn schemes_and_drives_are_told_apart() {
        assert_eq!(split_scheme("https://x.org").map(|s| s.0).as_deref(), Some("https"));
        assert_eq!(split_scheme("community:tanger").map(|s| s.0).as_deref(), Some("community"));
        assert_eq!(split_scheme("C:\\Users\\x").map(|s| s.0).as_deref(), Some("file"));
        assert_eq!(split_scheme("JavaScript:alert(1)").map(|s| s.0).as_deref(), Some("javascript"));
        assert_eq!(split_scheme("../a.md"), None);
    }

    #[test]
    fn a_suggested_destination_reads_back_as_the_file() {
        for path in ["../communities/two words#x.md", "a?b%c.png", "plain/path.md", "عين.md"] {
            let destination = as_destination(path);
            assert!(!destination.contains([' ', '#', '?']), "{destination}");
            assert_eq!(percent_decode(&destination), path);
        }
        assert_eq!(as_destination("two words#x.md"), "two%20words%23x.md");
    }

    #[test]
    fn percent_escapes_are_decoded() {
        assert_eq!(percent_decode("T%C3%A9touan.md"), "Tétouan.md");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("Ait%20Ouchen%41"), "Ait OuchenA", "an escape at the very end");
    }
}
