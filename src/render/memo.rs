//! What one pass of rendering makes once per language and then reuses from page to page: each
//! document's version in that language, the cards and community rows shown of it, and the
//! criteria's summary.
//!
//! The lookups hold the cards and rows of the site's language for as long as the site does.
//! A page in another language makes its own, and without this a French profile's card was
//! made again for every listing, country, tag and backlink that shows it. A memo lives for
//! one pass (a build's pages, or the page `serve` is asked for) and is filled as pages ask,
//! so it can never show a version of the site older than the one it renders.

use std::sync::OnceLock;

use tera::Value;

use crate::link::Site;

/// The memos of one pass, one per voice (the site's language first), each made the first
/// time a page in that language asks for it.
pub(super) struct Memo {
    voices: Vec<OnceLock<VoiceMemo>>,
}

/// What pages in one language share within a pass.
pub(super) struct VoiceMemo {
    /// Each document's version in this language: its visible translation into it, else
    /// itself ([`Site::version_in`]).
    versions: Vec<usize>,
    /// The card of each document as pages in this language show it, by the document shown.
    cards: Vec<OnceLock<Value>>,
    /// The community row of each profile as pages in this language show it, by the document
    /// shown; `None` for a document that is not a profile.
    rows: Vec<OnceLock<Option<Value>>>,
    /// The criteria's summary over every profile, with its labels in this language (the home
    /// page and each page of the criteria matrix show it).
    criteria: OnceLock<Value>,
}

impl Memo {
    /// Empty memos for `voices` voices.
    pub(super) fn new(voices: usize) -> Memo {
        Memo { voices: (0..voices).map(|_| OnceLock::new()).collect() }
    }

    /// The memo of voice `voice`, speaking `language`, made now if no page asked before.
    pub(super) fn of(&self, voice: usize, site: &Site, language: &str) -> &VoiceMemo {
        self.voices[voice].get_or_init(|| VoiceMemo::new(site, language))
    }
}

impl VoiceMemo {
    fn new(site: &Site, language: &str) -> VoiceMemo {
        let n = site.docs.len();
        VoiceMemo {
            versions: (0..n).map(|i| site.version_in(i, language)).collect(),
            cards: (0..n).map(|_| OnceLock::new()).collect(),
            rows: (0..n).map(|_| OnceLock::new()).collect(),
            criteria: OnceLock::new(),
        }
    }

    /// Document `i`'s version in this language.
    pub(super) fn version(&self, i: usize) -> usize {
        self.versions[i]
    }

    /// The card of document `shown`, made by `make` the first time it is asked for.
    pub(super) fn card(&self, shown: usize, make: impl FnOnce() -> Value) -> Value {
        self.cards[shown].get_or_init(make).clone()
    }

    /// The community row of document `shown`, made by `make` the first time it is asked for.
    pub(super) fn row(&self, shown: usize, make: impl FnOnce() -> Option<Value>) -> Option<Value> {
        self.rows[shown].get_or_init(make).clone()
    }

    /// The criteria's summary, made by `make` the first time it is asked for.
    pub(super) fn criteria(&self, make: impl FnOnce() -> Value) -> Value {
        self.criteria.get_or_init(make).clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn a_card_is_made_once_and_then_recalled() {
        let memo = VoiceMemo {
            versions: vec![0, 1],
            cards: vec![OnceLock::new(), OnceLock::new()],
            rows: vec![],
            criteria: OnceLock::new(),
        };
        let made = Cell::new(0);
        let make = |text: &str| {
            made.set(made.get() + 1);
            Value::from(text)
        };
        assert_eq!(memo.card(1, || make("first")), Value::from("first"));
        assert_eq!(memo.card(1, || make("second")), Value::from("first"));
        assert_eq!(memo.card(0, || make("other")), Value::from("other"));
        assert_eq!(made.get(), 2);
    }
}
