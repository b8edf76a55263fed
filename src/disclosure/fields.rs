//! Which of Fieldbook's own fields a site may mark `sensitive = true` in its schema.toml, and
//! how a public build keeps them out: the page is published as if the field were not given,
//! so pages, listings, exports, the search index and the feed all leave it out alike (they
//! are made from the linked documents, after [`withhold`](crate::disclosure::fields::withhold)).
//!
//! A field that shapes the site itself (a page's title, a community's country or assessment
//! date, the lists a page is filed under) cannot be left out that way: marking it sensitive
//! is an error in the schema, rather than a promise the build would not keep. The `location`
//! field has a rule of its own ([`location`](crate::disclosure::location)), and `contacts` and `internal_notes` are
//! never published at all.

use crate::model::{Details, Doc};
use crate::schema::Schema;

/// Fieldbook's fields a public build can leave out when the site marks them sensitive.
pub const WITHHOLDABLE: &[&str] = &[
    "summary",
    "tags",
    "admin_areas",
    "place_code",
    "population",
    "assessed_by",
    "date",
    "source",
    "source_url",
    "implementers",
    "start",
    "end",
];

/// Fieldbook's fields whose sensitivity has a rule of its own: never published (`contacts`,
/// `internal_notes`) or located by [`location`](crate::disclosure::location) (`location`).
pub const OWN_RULE: &[&str] = &["contacts", "internal_notes", "location"];

/// True if a site may mark Fieldbook's field `name` sensitive.
pub fn can_be_sensitive(name: &str) -> bool {
    WITHHOLDABLE.contains(&name) || OWN_RULE.contains(&name)
}

/// Clear from `doc` each of Fieldbook's fields that `schema` marks sensitive, as if the file
/// did not give it: what a public build publishes. Clearing twice changes nothing.
pub fn withhold(doc: &mut Doc, schema: &Schema) {
    let content_type = doc.content_type;
    for field in schema.fields.iter().filter(|f| f.builtin && f.sensitive && f.types.contains(&content_type)) {
        clear(doc, &field.name);
    }
}

fn clear(doc: &mut Doc, name: &str) {
    match (name, &mut doc.details) {
        ("summary", _) => doc.summary = None,
        ("tags", _) => doc.tags.clear(),
        ("admin_areas", Details::Community(c)) => c.admin_areas.clear(),
        ("place_code", Details::Community(c)) => c.place_code = None,
        ("population", Details::Community(c)) => c.population = None,
        ("assessed_by", Details::Community(c)) => c.assessed_by.clear(),
        ("date", Details::CaseStudy(c)) => c.date = None,
        ("source", Details::CaseStudy(c)) => c.source = None,
        ("source_url", Details::CaseStudy(c)) => c.source_url = None,
        ("implementers", Details::Project(p)) => p.implementers.clear(),
        ("start", Details::Project(p)) => p.start = None,
        ("end", Details::Project(p)) => p.end = None,
        // The others have rules of their own, or cannot be marked sensitive (the schema says so).
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_named_here_is_one_of_fieldbooks_own() {
        let schema = Schema::builtin();
        for name in WITHHOLDABLE.iter().chain(OWN_RULE) {
            assert!(schema.fields.iter().any(|f| f.builtin && f.name == *name), "`{name}` is no field of Fieldbook's");
        }
    }

    #[test]
    fn fields_that_shape_the_site_cannot_be_marked_sensitive() {
        for name in ["title", "status", "country", "assessed", "indicators", "communities", "approach"] {
            assert!(!can_be_sensitive(name), "{name}");
        }
        for name in ["population", "place_code", "assessed_by", "summary", "location", "contacts"] {
            assert!(can_be_sensitive(name), "{name}");
        }
    }
}
