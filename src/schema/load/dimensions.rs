//! Disaggregation dimensions: their parts, what each part is called (`part_label`) and what
//! one person of each part is called (`respondent`), which a site may give for its own parts
//! and in its own languages.

use std::collections::{BTreeMap, HashSet};

use serde::Deserialize;

use super::parts::{self, ByLanguage, Checked};
use super::{Common, Def, Merged, Origin, Reporter, term};
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
    respondents: ByLanguage,
    /// What each part is called, by part name, in the file's language.
    #[serde(default)]
    part_label: BTreeMap<String, String>,
    /// The same in other languages, by language code.
    #[serde(default)]
    part_labels: ByLanguage,
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
            parts::retain((&mut self.respondent, &mut self.respondents), &parts);
            parts::retain((&mut self.part_label, &mut self.part_labels), &parts);
            self.parts = Some(parts);
        }
        parts::merge((&mut self.respondent, &mut self.respondents), (other.respondent, other.respondents));
        parts::merge((&mut self.part_label, &mut self.part_labels), (other.part_label, other.part_labels));
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
        // A text for a part the dimension does not have: a typo, or a part taken out of
        // `parts` and left here.
        let unknown = |key: &str, part: &str| {
            Message::new("schema.unknown-part").with("key", key).with("id", term.id.as_str()).with("part", part)
        };
        let mut checked = Checked { reporter, origin, parts: Some(&parts), unknown: &unknown };
        let respondent = checked.known("respondent", &d.respondent);
        let respondents = checked.known_by_language("respondents", &d.respondents);
        let part_label = checked.known("part_label", &d.part_label);
        let part_labels = checked.known_by_language("part_labels", &d.part_labels);
        let site_entry = matches!(origin, Origin::Site(_)).then(|| reporter.at_id(origin, &term.id));
        items.push(Dimension { term, parts, respondent, respondents, part_label, part_labels, site_entry });
    }
    Vocab::new(items)
}
