//! What a site calls the parts of its dimensions and indicators: the labels given by part
//! name (`part_label`, and `respondent` for one respondent of a dimension's part), in the
//! file's language and by language (`part_labels`, `respondents`), merged part by part and
//! checked against the parts the entry has.

use std::collections::BTreeMap;

use super::{Origin, Reporter};
use crate::diagnostic::{Diagnostic, Location, suggestion_said};
use crate::messages::Message;
use crate::schema::ValueKind;
use crate::source::Span;

/// Texts by language code, then by part name: `part_labels = { fr = { displaced = "…" } }`.
pub(super) type ByLanguage = BTreeMap<String, BTreeMap<String, String>>;

/// Adds `other`'s texts, in the file's language and by language, to `into`'s, part by part:
/// a later entry of the same id changes only the parts it names.
pub(super) fn merge(
    into: (&mut BTreeMap<String, String>, &mut ByLanguage),
    other: (BTreeMap<String, String>, ByLanguage),
) {
    into.0.extend(other.0);
    for (language, texts) in other.1 {
        into.1.entry(language).or_default().extend(texts);
    }
}

/// Keeps, of texts in the file's language and by language, those of `parts` only.
pub(super) fn retain(texts: (&mut BTreeMap<String, String>, &mut ByLanguage), parts: &[String]) {
    texts.0.retain(|part, _| parts.contains(part));
    for by_part in texts.1.values_mut() {
        by_part.retain(|part, _| parts.contains(part));
    }
}

/// What a part's text names wrongly: a part the entry does not have, reported at the key that
/// names it (`key`, such as `part_labels.fr`) with the part it may have meant.
pub(super) struct Checked<'a, 'r> {
    /// Where errors go.
    pub(super) reporter: &'a mut Reporter<'r>,
    /// The entry, in its schema file.
    pub(super) origin: Origin,
    /// The parts the entry has; `None` when any part is allowed (a distribution that lists none).
    pub(super) parts: Option<&'a [String]>,
    /// What is said of a text for part `part` under `key` that the entry does not have.
    pub(super) unknown: &'a dyn Fn(&str, &str) -> Message,
}

impl Checked<'_, '_> {
    /// `texts` (under `key`) without those of parts the entry lacks, each of them reported.
    pub(super) fn known(&mut self, key: &str, texts: &BTreeMap<String, String>) -> BTreeMap<String, String> {
        let mut kept = BTreeMap::new();
        for (part, text) in texts {
            match self.parts {
                Some(parts) if !parts.contains(part) => {
                    let at = self.reporter.at_part(self.origin, key, part);
                    let help = suggestion_said(part, parts.iter().map(String::as_str));
                    let problem = Diagnostic::error_said("schema", at, (self.unknown)(key, part));
                    self.reporter.diagnostics.push(problem.with_optional_help_said(help));
                }
                _ => {
                    kept.insert(part.clone(), text.clone());
                }
            }
        }
        kept
    }

    /// `texts` by language (under `key`, as `respondents`) without those of parts the entry
    /// lacks, each of them reported under `key.language`.
    pub(super) fn known_by_language(&mut self, key: &str, texts: &ByLanguage) -> ByLanguage {
        texts
            .iter()
            .map(|(language, by_part)| (language.clone(), self.known(&format!("{key}.{language}"), by_part)))
            .collect()
    }
}

/// The labels of an indicator's parts (`part_label`, `part_labels`) that name one of its
/// `parts`: any part of a distribution or a list that lists none, no part of any other kind.
pub(super) fn of_indicator(
    reporter: &mut Reporter<'_>,
    origin: Origin,
    (id, kind, parts): (&str, ValueKind, &[String]),
    (label, labels): (&BTreeMap<String, String>, &ByLanguage),
) -> (BTreeMap<String, String>, ByLanguage) {
    let any = parts.is_empty() && matches!(kind, ValueKind::Distribution | ValueKind::List);
    let unknown = |key: &str, part: &str| {
        let said = if parts.is_empty() { "schema-parts.no-parts" } else { "schema-parts.unknown-part" };
        Message::new(said).with("key", key).with("id", id).with("part", part).with("kind", kind.id())
    };
    let mut checked = Checked { reporter, origin, parts: (!any).then_some(parts), unknown: &unknown };
    (checked.known("part_label", label), checked.known_by_language("part_labels", labels))
}

impl Reporter<'_> {
    /// Where the site's entry at `origin` names `part` under `key` (`part_labels.fr`): the part's
    /// name on the line of that key, so that a typo is shown where it is; the entry's
    /// `[[...]]` line when it is written otherwise (a table of its own).
    fn at_part(&self, origin: Origin, key: &str, part: &str) -> Location {
        let (Origin::Site(span), Some(site)) = (origin, self.site) else { return self.location(origin) };
        let top = key.split('.').next().unwrap_or(key);
        let mut start = span.start as usize;
        let rest = site.text.get(start..).unwrap_or_default();
        for (n, line) in rest.split_inclusive('\n').enumerate() {
            let code = line.split('#').next().unwrap_or_default();
            if n > 0 && code.trim_start().starts_with('[') {
                break;
            }
            let names = code.split_once('=').map(|(name, _)| name.trim());
            let is_key = names.is_some_and(|name| name == top || name.starts_with(&format!("{top}.")));
            let after_key = code.find('=').map_or(code.len(), |at| at + 1);
            if is_key && let Some(found) = named(&code[after_key..], part) {
                let at = start + after_key + found;
                return Location::at(site, Span::new(at, at + part.len()));
            }
            start += line.len();
        }
        self.location(origin)
    }
}

/// Where `text` names `part` as a whole name, not inside another (`male` in `female`).
fn named(text: &str, part: &str) -> Option<usize> {
    let in_name = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '+');
    text.match_indices(part).map(|(at, _)| at).find(|&at| {
        !text[..at].chars().next_back().is_some_and(in_name)
            && !text[at + part.len()..].chars().next().is_some_and(in_name)
    })
}
