//! Stage 3, link: give every document its page, resolve references and body links, and compute
//! backlinks.
//!
//! The result, a [`Site`], is everything the renderer needs to know about how pages connect.
//! Visibility is decided here too: a build is for an [`Audience`], and a draft or confidential
//! page outside it does not exist for the pages that link to it (they show plain text, never
//! its title or address), nor for backlinks, listings or counts.

mod assets;
mod check;
mod countries;
mod figures;
mod resolve;
pub mod routes;
mod translations;
mod update;

use crate::messages::Message;
use check::Checked;
pub use resolve::join_relative;
pub(crate) use translations::{contradictions_with, is_figure};
pub use update::{Changes, Edit, Relinked};

use std::collections::BTreeMap;

// foldhash, not SipHash: `serve` makes these maps again whenever a file is added or removed.
use hashbrown::{HashMap, HashSet};

use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization;

use crate::diagnostic::{Diagnostic, Diagnostics, Location, did_you_mean};
use crate::load::Asset;
use crate::markdown::{Outline, outline};
use crate::model::{ContentType, Details, Doc, GuidanceTopic, Status};
use crate::schema::Schema;
use crate::source::Span;
use crate::validate::Validated;

/// Who a build is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Audience {
    /// Include drafts.
    pub drafts: bool,
    /// Include confidential pages and sensitive fields and indicators (the internal build).
    pub internal: bool,
}

/// What links may do, from the site's settings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LinkRules {
    /// Images from other sites may be shown on public pages (`[markdown] remote_images`).
    /// Off by default: each view of the page would tell that site who is reading it.
    pub remote_images: bool,
    /// Counts of people below this are masked in public builds (`[privacy]
    /// small_count_threshold`); an indicator entry no mark can hide is left out of them here
    /// ([`crate::disclosure::withhold_entries`]).
    pub small_count_threshold: u64,
}

impl LinkRules {
    /// The rules a site's settings give.
    pub fn of(config: &crate::config::Config) -> LinkRules {
        LinkRules {
            remote_images: config.markdown.remote_images,
            small_count_threshold: config.privacy.small_count_threshold,
        }
    }
}

impl Audience {
    /// The public site: published pages only, nothing sensitive.
    pub const PUBLIC: Audience = Audience { drafts: false, internal: false };

    /// True if pages with this status are in the build.
    pub fn includes(self, status: Status) -> bool {
        match status {
            Status::Published => true,
            Status::Draft => self.drafts,
            Status::Confidential => self.internal,
        }
    }

    /// True if sensitive fields and indicators are shown.
    pub fn shows_sensitive(self) -> bool {
        self.internal
    }
}

/// What a link in a body points to, once resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// A web address, kept as written.
    External(String),
    /// A page or file of the site: its site path, and a fragment.
    Internal {
        /// Site path of the target.
        path: String,
        /// The `#fragment`, without `#`.
        fragment: Option<String>,
        /// The document, when the target is one.
        doc: Option<usize>,
    },
    /// A fragment of the same page.
    SamePage(String),
    /// Something that exists but is not in this build (a draft, a confidential page, a
    /// sensitive indicator): shown as plain text.
    Hidden {
        /// The target is a confidential page: even the link's words may name what must not be
        /// published (a village, a person), so a public page may not link to it at all.
        confidential: bool,
    },
    /// A page whose file could not be read (its frontmatter is broken): shown as plain text,
    /// and not reported, since the file's own errors say what is wrong and stop the build.
    Unusable,
}

/// Why a link does not resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkProblem {
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// A stable code for the kind of problem.
    pub code: &'static str,
    /// The message and help as the catalogue has them ([`crate::messages`]).
    pub said: Box<crate::diagnostic::Said>,
}

impl LinkProblem {
    /// A problem whose message and help come from the catalogue.
    fn said(code: &'static str, message: Message, help: Option<Message>) -> Self {
        LinkProblem {
            code,
            message: message.english(),
            help: help.as_ref().map(Message::english),
            said: Box::new(crate::diagnostic::Said { message: Some(message), help }),
        }
    }

    /// The problem as a diagnostic at `location`.
    pub fn diagnostic(self, location: crate::diagnostic::Location) -> crate::diagnostic::Diagnostic {
        let mut d =
            crate::diagnostic::Diagnostic::error(self.code, location, self.message).with_optional_help(self.help);
        d.said = Some(self.said);
        d
    }
}

/// A site, linked: documents with their pages, and how they connect.
#[derive(Debug)]
pub struct Site {
    /// Every valid document, in path order (visible or not).
    pub docs: Vec<Doc>,
    /// Files copied as they are.
    pub assets: Vec<Asset>,
    /// Files that would take the path of a page or of a file Fieldbook writes (an error each):
    /// not published, but kept for linking again.
    pub(super) withheld: Vec<Asset>,
    /// Files of `content/` that are there but not published ([`Files::unpublished`]).
    pub(super) unpublished: HashSet<String>,
    /// Who the build is for.
    pub audience: Audience,
    /// What links may do.
    pub rules: LinkRules,
    /// Per document: is it in this build.
    pub visible: Vec<bool>,
    /// Per document: its site path.
    pub paths: Vec<String>,
    /// Per document: its original, when it is a translation of one (`ain-lmaati.fr.md` of
    /// `ain-lmaati.md`).
    pub original: Vec<Option<usize>>,
    /// Per document: its translations, in path order.
    pub translations: Vec<Vec<usize>>,
    /// Per document: headings and links of its body.
    pub outlines: Vec<Outline>,
    /// Per document: the visible communities its frontmatter refers to.
    pub community_refs: Vec<Vec<usize>>,
    /// Per document: the visible documents that refer to it, by type then title.
    pub backlinks: Vec<Vec<usize>>,
    /// Per indicator of the schema: is it in this build (sensitive ones are not, in public).
    pub indicator_visible: Vec<bool>,
    /// Countries of visible profiles and case studies, one spelling each (the first that names
    /// a country Fieldbook knows, else the first), by slug.
    pub countries: Vec<String>,
    /// Tags of visible pages, as first spelled, by slug.
    pub tags: Vec<String>,
    /// The code profiles give in `country_code` to country names no language knows, by the
    /// name's slug (see [`Site::country_key`]).
    country_codes: BTreeMap<String, String>,
    /// Per document: the documents its references and links reach (for backlinks).
    links_out: Vec<Vec<usize>>,
    /// Per document: every document its references and links name, shown or hidden, in no
    /// particular order: what its page and search entry read of other documents, so that a
    /// change to one of them reaches it (see [`Site::affected`]).
    reaches: Vec<Vec<usize>>,
    /// Per document: the problems found in its references and links.
    doc_problems: Vec<Diagnostics>,
    /// Problems between documents (duplicate ids and pages).
    site_problems: Diagnostics,
    index: HashMap<(ContentType, String), usize>,
    by_content_path: HashMap<String, usize>,
    asset_paths: HashSet<String>,
    /// The paths of the files of `content/` whose names are not in Unicode's composed form
    /// (NFC: `Cafe\u{301}.png`, as a Mac may write it), by their composed form, which is how a
    /// link typed on a keyboard names them.
    decomposed: HashMap<String, String>,
    unusable: HashSet<(ContentType, String)>,
}

/// Deepest nesting of raw HTML in a body. Real pages need a dozen levels; beyond this the
/// sanitizer's work grows with the square of the depth, and a broken or hostile file could
/// stall the build.
pub const MAX_HTML_DEPTH: usize = 256;

/// Ids of the sections a page of this type has, which links may target with `#`.
pub fn section_ids(content_type: ContentType) -> &'static [&'static str] {
    match content_type {
        ContentType::Community => {
            &["top", "main", "facts", "indicators", "criteria", "research", "narrative", "contents", "backlinks"]
        }
        ContentType::Project => &["top", "main", "facts", "screening", "narrative", "contents"],
        _ => &["top", "main", "facts", "narrative", "contents"],
    }
}

/// Link the validated documents for `audience`.
pub fn link(
    validated: Validated,
    files: Files,
    schema: &Schema,
    audience: Audience,
    rules: LinkRules,
) -> (Site, Diagnostics) {
    let Validated { docs, mut outlines, unusable } = validated;
    outlines.resize(docs.len(), None);
    let kept = vec![false; docs.len()];
    let Files { assets, unpublished } = files;
    let settings = Settings {
        assets,
        audience,
        rules,
        unusable: unusable.into_iter().collect(),
        unpublished: unpublished.into_iter().collect(),
    };
    link_docs(docs, outlines, &kept, settings, schema)
}

/// What a site is linked with besides its documents: kept from one version to the next.
struct Settings {
    assets: Vec<Asset>,
    audience: Audience,
    rules: LinkRules,
    unusable: HashSet<(ContentType, String)>,
    unpublished: HashSet<String>,
}

/// The files of `content/` besides the pages, as loading and validating left them.
#[derive(Debug, Default)]
pub struct Files {
    /// Those that may be published.
    pub assets: Vec<Asset>,
    /// Those that are there but not published (hidden, refused names, refused by the checks),
    /// as paths under content/: a link to one is told why it leads nowhere.
    pub unpublished: Vec<String>,
}

/// Take out of `doc` what a public build does not publish: its sensitive fields, and the
/// indicator entries no mark can hide.
fn withhold(doc: &mut Doc, schema: &Schema, rules: &LinkRules) {
    crate::disclosure::fields::withhold(doc, schema);
    crate::disclosure::withhold_entries(doc, schema, rules.small_count_threshold);
}

/// Link `docs`, with the outline of each document already read (`outlines[i]`: when it was
/// loaded, or kept from the previous version because its body did not change; `None` to read
/// it from the body): reading every body again was most of the time of linking a site again.
/// `kept[i]` is true for a document kept from the previous version, already linked once.
fn link_docs(
    mut docs: Vec<Doc>,
    outlines: Vec<Option<Outline>>,
    kept: &[bool],
    settings: Settings,
    schema: &Schema,
) -> (Site, Diagnostics) {
    let Settings { assets, audience, rules, unusable, unpublished } = settings;
    let mut diagnostics = Diagnostics::new();
    let original = translations::originals(&docs, &mut diagnostics);
    translations::merge_all(&mut docs, &original, schema, &mut diagnostics);
    if !audience.shows_sensitive() {
        // After the merge, so that a translation does not take back what its original withholds.
        // In parallel: a profile's counts are checked entry by entry (a third of a second at
        // 100,000 profiles, one document after another).
        docs.par_iter_mut().zip(kept).for_each(|(doc, &kept)| {
            // A document kept from the previous version was withheld from then, by the same
            // rules; a translation has taken from its original again.
            if !kept || doc.is_translation() {
                withhold(doc, schema, &rules);
            }
        });
    }
    let translations = translations::translations_of(&original);
    let paths: Vec<String> = docs.iter().map(routes::of_doc).collect();
    // A translation without its original is not published.
    let visible: Vec<bool> = docs
        .iter()
        .zip(&original)
        .map(|(d, o)| audience.includes(d.status) && (!d.is_translation() || o.is_some()))
        .collect();

    // Ids and output paths must be unique.
    let mut index: HashMap<(ContentType, String), usize> = HashMap::new();
    let mut by_path: HashMap<&str, usize> = HashMap::new();
    for (i, doc) in docs.iter().enumerate() {
        let key = (doc.content_type, doc.slug.clone());
        if doc.is_translation() {
            // It shares its original's id; its page is its language's (`fr/...`).
            by_path.insert(&paths[i], i);
            continue;
        }
        if let Some(&first) = index.get(&key) {
            diagnostics.push(
                Diagnostic::error_said(
                    "duplicate-id",
                    Location::file(doc.source.display_path.clone()),
                    Message::new("link.duplicate-id").with("id", doc.slug.as_str()),
                )
                .with_note_said(
                    Message::new("link.other-file"),
                    Location::file(docs[first].source.display_path.clone()),
                )
                .with_help_said(Message::new("link.duplicate-id-help")),
            );
            continue;
        }
        if routes::is_generated(&paths[i]) {
            diagnostics.push(
                Diagnostic::error_said(
                    "reserved-name",
                    Location::file(doc.source.display_path.clone()),
                    Message::new("link.reserved-name").with("page", paths[i].as_str()),
                )
                .with_help_said(Message::new("link.reserved-name-help")),
            );
            continue;
        }
        // Two files cannot share a page without sharing an id (a page's path is its type's
        // folder, its folders' slugs and its id), which is reported above.
        debug_assert!(!by_path.contains_key(paths[i].as_str()), "two documents with one page path");
        index.insert(key, i);
        by_path.insert(&paths[i], i);
    }
    let (assets, withheld) = assets::admit(assets, &by_path, &mut diagnostics);
    drop(by_path);
    let by_content_path = docs.iter().enumerate().map(|(i, d)| (d.content_path.clone(), i)).collect();
    let asset_paths: HashSet<String> = assets.iter().map(|a| a.content_path.clone()).collect();
    let decomposed = docs
        .iter()
        .map(|d| &d.content_path)
        .chain(&asset_paths)
        .filter(|path| !path.is_ascii() && !unicode_normalization::is_nfc(path))
        .map(|path| (path.nfc().collect(), path.clone()))
        .collect();

    let countries::Terms { countries: country_names, tags: tag_names, country_codes } =
        countries::terms(&docs, &visible);

    // A body forgotten without its outline is read again: its page would be made of it anyway.
    let outlines: Vec<Outline> = docs
        .par_iter()
        .zip(outlines)
        .map(|(d, known)| known.unwrap_or_else(|| d.read_body().map(|body| outline(&body)).unwrap_or_default()))
        .collect();
    let indicator_visible =
        schema.indicators.iter().map(|i| crate::coverage::counts(i, audience.shows_sensitive())).collect();
    let mut site = Site {
        community_refs: vec![Vec::new(); docs.len()],
        backlinks: vec![Vec::new(); docs.len()],
        docs,
        assets,
        withheld,
        unpublished,
        audience,
        rules,
        visible,
        paths,
        original,
        translations,
        outlines,
        indicator_visible,
        countries: country_names,
        tags: tag_names,
        country_codes,
        links_out: Vec::new(),
        reaches: Vec::new(),
        doc_problems: Vec::new(),
        site_problems: diagnostics.clone(),
        index,
        by_content_path,
        asset_paths,
        decomposed,
        unusable,
    };

    // Frontmatter references and body links, checked in parallel.
    let checked: Vec<Checked> = (0..site.docs.len()).into_par_iter().map(|i| site.check_doc(i, schema)).collect();
    let mut referrers: Vec<Vec<usize>> = vec![Vec::new(); site.docs.len()];
    for (i, Checked { community_refs, linked, reaches, problems: doc_diagnostics }) in checked.into_iter().enumerate() {
        diagnostics.extend(doc_diagnostics.clone());
        site.doc_problems.push(doc_diagnostics);
        let targets = site.targets(i, &community_refs, &linked);
        for &target in &targets {
            referrers[target].push(i);
        }
        site.links_out.push(targets);
        site.reaches.push(reaches);
        site.community_refs[i] = community_refs;
    }
    for (target, mut sources) in referrers.into_iter().enumerate() {
        site.sort_backlinks(&mut sources);
        site.backlinks[target] = sources;
    }
    (site, diagnostics)
}

impl Site {
    /// Every problem found while linking, site-wide ones first, then each document's.
    pub fn problems(&self) -> Diagnostics {
        let mut all = self.site_problems.clone();
        for problems in &self.doc_problems {
            all.extend(problems.clone());
        }
        all
    }

    /// The documents whose backlinks list document `i`: what it refers to and links to, when
    /// it is visible itself.
    fn targets(&self, i: usize, community_refs: &[usize], linked: &[usize]) -> Vec<usize> {
        // A translation's page shows its original's backlinks; it adds none of its own.
        if !self.visible[i] || self.docs[i].is_translation() {
            return Vec::new();
        }
        let mut targets: Vec<usize> = community_refs.iter().chain(linked).copied().filter(|&t| t != i).collect();
        targets.sort_unstable();
        targets.dedup();
        targets
    }

    /// Backlinks in their order: by type, then title.
    fn sort_backlinks(&self, sources: &mut Vec<usize>) {
        sources.sort_by(|&a, &b| {
            (self.docs[a].content_type, &self.docs[a].title, a).cmp(&(
                self.docs[b].content_type,
                &self.docs[b].title,
                b,
            ))
        });
        sources.dedup();
    }

    /// Put a new version of document `i` in place and link it again, without linking the rest
    /// of the site: what `serve` does when one file is edited. Returns the previous version.
    /// Returns the new document back, untouched, when the change reaches beyond it (its id,
    /// page, visibility, headings, or the lists of countries and tags changed): the caller
    /// then links the whole site again.
    pub fn relink(&mut self, i: usize, mut doc: Doc, schema: &Schema) -> Result<Doc, Box<Doc>> {
        if !self.audience.shows_sensitive() {
            withhold(&mut doc, schema, &self.rules);
        }
        let old = &self.docs[i];
        // A translation takes from its original: either changing reaches the other.
        if old.is_translation() || doc.is_translation() || !self.translations[i].is_empty() {
            return Err(Box::new(doc));
        }
        let same_place = old.content_type == doc.content_type
            && old.slug == doc.slug
            && old.content_path == doc.content_path
            && self.audience.includes(doc.status) == self.visible[i];
        if !same_place {
            return Err(Box::new(doc));
        }
        let outline = outline(doc.body());
        // Other pages' links may point at its headings.
        let same_headings = outline.headings.iter().map(|h| &h.id).eq(self.outlines[i].headings.iter().map(|h| &h.id));
        if !same_headings {
            return Err(Box::new(doc));
        }
        // Other pages' `country:` and `tag:` links depend on these lists. They are made from
        // every document, so they are made again only when this one's country or tags changed.
        use countries::{country_code_of, country_of};
        let same_terms = country_of(old) == country_of(&doc)
            && country_code_of(old) == country_code_of(&doc)
            && old.tags == doc.tags;
        let old_doc = std::mem::replace(&mut self.docs[i], doc);
        if !same_terms && !countries::terms(&self.docs, &self.visible).are_of(self) {
            let doc = std::mem::replace(&mut self.docs[i], old_doc);
            return Err(Box::new(doc));
        }
        self.outlines[i] = outline;
        let Checked { community_refs, linked, reaches, problems } = self.check_doc(i, schema);
        let targets = self.targets(i, &community_refs, &linked);
        let old_targets = std::mem::take(&mut self.links_out[i]);
        for &t in &old_targets {
            self.backlinks[t].retain(|&s| s != i);
        }
        for &t in &targets {
            self.backlinks[t].push(i);
        }
        // The title may have changed: every list it is in is sorted again.
        for &t in old_targets.iter().chain(&targets) {
            let mut sources = std::mem::take(&mut self.backlinks[t]);
            self.sort_backlinks(&mut sources);
            self.backlinks[t] = sources;
        }
        self.links_out[i] = targets;
        self.reaches[i] = reaches;
        self.community_refs[i] = community_refs;
        self.doc_problems[i] = problems;
        Ok(old_doc)
    }

    /// Indices of the visible documents of one type, in path order; translations are left
    /// out, so that listings, counts, comparisons and exports count each page once.
    pub fn visible_of(&self, content_type: ContentType) -> impl Iterator<Item = usize> + '_ {
        (0..self.docs.len()).filter(move |&i| {
            self.visible[i] && self.docs[i].content_type == content_type && !self.docs[i].is_translation()
        })
    }

    /// The visible translations of every visible document, in path order.
    pub fn visible_translations(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.docs.len()).filter(move |&i| self.visible[i] && self.docs[i].is_translation())
    }

    /// The document whose data and backlinks document `i` shows: its original when it is a
    /// translation, else itself.
    pub fn original_of(&self, i: usize) -> usize {
        self.original[i].unwrap_or(i)
    }

    /// The version of `target` a page of `from` leads to: `target`'s translation in the language
    /// of `from` when `from` is a translation and `target` has one in this build, else
    /// `target`. Links in bodies and the neighbours of a locator map both go this way.
    pub fn version_for(&self, from: usize, target: usize) -> usize {
        match self.docs[from].translation.as_ref() {
            Some(translation) => self.version_in(target, &translation.language),
            None => target,
        }
    }

    /// The version of `target` in `language`: its visible translation into it, else `target`.
    pub fn version_in(&self, target: usize, language: &str) -> usize {
        self.translations[target]
            .iter()
            .copied()
            .find(|&t| self.visible[t] && self.docs[t].translation.as_ref().is_some_and(|tr| tr.language == language))
            .unwrap_or(target)
    }

    /// The document of a type with this id, if any.
    pub fn find(&self, content_type: ContentType, id: &str) -> Option<usize> {
        self.index.get(&(content_type, id.to_string())).copied()
    }
}

/// The guidance topic of a guidance document, for grouping.
pub fn guidance_topic(doc: &Doc) -> Option<GuidanceTopic> {
    match &doc.details {
        Details::Guidance(g) => Some(g.topic),
        _ => None,
    }
}

/// A span in a document's file, for diagnostics made after linking.
pub fn doc_location(doc: &Doc, span: Span) -> Location {
    Location::at(&doc.source, span)
}
