//! The frontmatter's prose fields, in which quoted figures (`{{ income-and-employment }}`,
//! [`crate::figure_refs`]) are filled in as in the body: which they are, and each read and
//! written in a document.

use super::{Details, Doc};

/// A free-text field of the frontmatter in which quoted figures are filled in, as in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProseField {
    /// The document's `summary`.
    Summary,
    /// The `evidence` of a criterion, by index into the schema's criteria.
    Evidence(usize),
    /// The `notes` of an indicator entry, by index into the schema's indicators.
    Notes(usize),
}

/// A prose field's text as the file gives it and as rendering filled it in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenProse {
    /// Which field.
    pub field: ProseField,
    /// As written, references and all.
    pub written: String,
    /// As filled in: what the field held after filling, so that a field replaced since (by
    /// linking again) is told from one still filled in.
    pub filled: String,
}

impl Doc {
    /// The prose fields the document gives, in which quoted figures are filled in.
    pub fn prose_fields(&self) -> Vec<ProseField> {
        let mut fields = Vec::new();
        if self.summary.is_some() {
            fields.push(ProseField::Summary);
        }
        if let Some(c) = self.community() {
            fields
                .extend(c.criteria.iter().filter(|e| e.evidence.is_some()).map(|e| ProseField::Evidence(e.criterion)));
            fields.extend(c.indicators.iter().filter(|e| e.notes().is_some()).map(|e| ProseField::Notes(e.indicator)));
        }
        fields
    }

    /// The text of prose field `field`, if the document gives it.
    pub fn prose(&self, field: ProseField) -> Option<&str> {
        match field {
            ProseField::Summary => self.summary.as_deref(),
            ProseField::Evidence(k) => {
                self.community()?.criteria.iter().find(|e| e.criterion == k)?.evidence.as_deref()
            }
            ProseField::Notes(k) => self.community()?.indicators.iter().find(|e| e.indicator == k)?.notes(),
        }
    }

    /// The text of prose field `field`, to be changed.
    pub fn prose_mut(&mut self, field: ProseField) -> Option<&mut String> {
        let community = match &mut self.details {
            Details::Community(c) => Some(c),
            _ => None,
        };
        match field {
            ProseField::Summary => self.summary.as_mut(),
            ProseField::Evidence(k) => community?.criteria.iter_mut().find(|e| e.criterion == k)?.evidence.as_mut(),
            ProseField::Notes(k) => {
                community?.indicators.iter_mut().find(|e| e.indicator == k)?.rare.as_mut()?.notes.as_mut()
            }
        }
    }
}
