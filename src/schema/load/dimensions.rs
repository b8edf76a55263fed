//! Disaggregation dimensions: their parts, and what one person of each part is called
//! (`respondent`), which a site may give for its own parts and in its own languages.

use std::collections::{BTreeMap, HashSet};

use serde::Deserialize;

use super::{Common, Def, Merged, Origin, Reporter, term};
use crate::diagnostic::suggestion_said;
use crate::messages::Message;
use crate::schema::{Dimension, Vocab};

/// A dimension as a schema file defines it; every key but the id is optional, as in the
/// other definitions (`definition!`), and the labels for one respondent merge part by part.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DimensionDef {
    id: String,
    label: Option<String>,
    #[serde(default)]
    labels: BTreeMap<String, String>,
    description: Option<String>,
    #[serde(default)]
    descriptions: BTreeMap<String, String>,
    parts: Option<Vec<String>>,
    /// One respondent of each part, by part name, in the file's language.
    #[serde(default)]
    respondent: BTreeMap<String, String>,
    /// The same in other languages, by language code.
    #[serde(default)]
    respondents: BTreeMap<String, BTreeMap<String, String>>,
}

impl Def for DimensionDef {
    fn id(&self) -> &str {
        &self.id
    }

    fn merge(&mut self, other: Self) {
        if other.label.is_some() {
            self.label = other.label;
        }
        self.labels.extend(other.labels);
        if other.description.is_some() {
            self.description = other.description;
        }
        self.descriptions.extend(other.descriptions);
        if let Some(parts) = other.parts {
            // The labels of parts the site's list no longer has were the built-in schema's:
            // dropped, so that a label left for an unknown part can only be the site's mistake.
            self.respondent.retain(|part, _| parts.contains(part));
            for labels in self.respondents.values_mut() {
                labels.retain(|part, _| parts.contains(part));
            }
            self.parts = Some(parts);
        }
        self.respondent.extend(other.respondent);
        for (language, labels) in other.respondents {
            self.respondents.entry(language).or_default().extend(labels);
        }
    }
}

pub(super) fn resolve_dimensions(reporter: &mut Reporter<'_>, merged: Merged<DimensionDef>) -> Vocab<Dimension> {
    let mut seen = HashSet::new();
    let mut items = Vec::new();
    for (d, origin, _) in merged.defs {
        let common = Common {
            id: d.id,
            label: d.label,
            labels: d.labels,
            description: d.description,
            descriptions: d.descriptions,
        };
        let Some(term) = term(reporter, "dimension", common, origin, &mut seen) else {
            continue;
        };
        let Some(parts) = d.parts.filter(|p| !p.is_empty()) else {
            reporter.error(origin, Message::new("schema.needs-parts").with("id", term.id.clone()), None);
            continue;
        };
        let known = |key: &str, labels: &BTreeMap<String, String>, reporter: &mut Reporter<'_>| {
            for part in labels.keys().filter(|p| !parts.contains(p)) {
                unknown_part(reporter, origin, &term.id, key, part, &parts);
            }
            labels.iter().filter(|(p, _)| parts.contains(p)).map(|(p, l)| (p.clone(), l.clone())).collect()
        };
        let respondent = known("respondent", &d.respondent, reporter);
        let respondents = d
            .respondents
            .iter()
            .map(|(language, labels)| (language.clone(), known(&format!("respondents.{language}"), labels, reporter)))
            .collect();
        let site_entry = matches!(origin, Origin::Site(_)).then(|| reporter.at_id(origin, &term.id));
        items.push(Dimension { term, parts, respondent, respondents, site_entry });
    }
    Vocab::new(items)
}

/// A label for one respondent of a part the dimension does not have: a typo, or a part
/// taken out of `parts` and left here.
fn unknown_part(reporter: &mut Reporter<'_>, origin: Origin, id: &str, key: &str, part: &str, parts: &[String]) {
    reporter.error(
        origin,
        Message::new("schema.unknown-part").with("key", key).with("id", id).with("part", part),
        suggestion_said(part, parts.iter().map(String::as_str)),
    );
}
