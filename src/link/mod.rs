//! Stage 3, link: give every document its page, resolve references and body links, and compute
//! backlinks.
//!
//! The result, a [`Site`], is everything the renderer needs to know about how pages connect.
//! Visibility is decided here too: a build is for an [`Audience`], and a draft or confidential
//! page outside it does not exist for the pages that link to it (they show plain text, never
//! its title or address), nor for backlinks, listings or counts.

pub mod routes;

use std::collections::{BTreeSet, HashMap, HashSet};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Diagnostics, Location, did_you_mean, suggestion};
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
}

impl LinkRules {
    /// The rules a site's settings give.
    pub fn of(config: &crate::config::Config) -> LinkRules {
        LinkRules { remote_images: config.markdown.remote_images }
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
}

impl LinkProblem {
    fn new(code: &'static str, message: impl Into<String>, help: Option<String>) -> Self {
        LinkProblem { code, message: message.into(), help }
    }
}

/// A site, linked: documents with their pages, and how they connect.
#[derive(Debug)]
pub struct Site {
    /// Every valid document, in path order (visible or not).
    pub docs: Vec<Doc>,
    /// Files copied as they are.
    pub assets: Vec<Asset>,
    /// Who the build is for.
    pub audience: Audience,
    /// What links may do.
    pub rules: LinkRules,
    /// Per document: is it in this build.
    pub visible: Vec<bool>,
    /// Per document: its site path.
    pub paths: Vec<String>,
    /// Per document: headings and links of its body.
    pub outlines: Vec<Outline>,
    /// Per document: the visible communities its frontmatter refers to.
    pub community_refs: Vec<Vec<usize>>,
    /// Per document: the visible documents that refer to it, by type then title.
    pub backlinks: Vec<Vec<usize>>,
    /// Per indicator of the schema: is it in this build (sensitive ones are not, in public).
    pub indicator_visible: Vec<bool>,
    /// Countries of visible profiles and case studies, as first spelled, by slug.
    pub countries: Vec<String>,
    /// Tags of visible pages, as first spelled, by slug.
    pub tags: Vec<String>,
    /// Per document: the documents its references and links reach (for backlinks).
    links_out: Vec<Vec<usize>>,
    /// Per document: the problems found in its references and links.
    doc_problems: Vec<Diagnostics>,
    /// Problems between documents (duplicate ids and pages).
    site_problems: Diagnostics,
    index: HashMap<(ContentType, String), usize>,
    by_content_path: HashMap<String, usize>,
    asset_paths: HashSet<String>,
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
    assets: Vec<Asset>,
    schema: &Schema,
    audience: Audience,
    rules: LinkRules,
) -> (Site, Diagnostics) {
    let Validated { docs, unusable } = validated;
    let mut diagnostics = Diagnostics::new();
    let paths: Vec<String> = docs.iter().map(routes::of_doc).collect();
    let visible: Vec<bool> = docs.iter().map(|d| audience.includes(d.status)).collect();

    // Ids and output paths must be unique.
    let mut index: HashMap<(ContentType, String), usize> = HashMap::new();
    let mut by_path: HashMap<&str, usize> = HashMap::new();
    for (i, doc) in docs.iter().enumerate() {
        let key = (doc.content_type, doc.slug.clone());
        if let Some(&first) = index.get(&key) {
            diagnostics.push(
                Diagnostic::error(
                    "duplicate-id",
                    Location::file(doc.source.display_path.clone()),
                    format!("two files have the id `{}`", doc.slug),
                )
                .with_note("the other one", Location::file(docs[first].source.display_path.clone()))
                .with_help("ids come from file names; rename one of the files"),
            );
            continue;
        }
        if routes::is_generated(&paths[i]) {
            diagnostics.push(
                Diagnostic::error(
                    "reserved-name",
                    Location::file(doc.source.display_path.clone()),
                    format!("the page `{}` is reserved for Fieldbook's own page", paths[i]),
                )
                .with_help(
                    "rename the file: Fieldbook makes this page itself (a listing, the home page, the search page)",
                ),
            );
            continue;
        }
        if let Some(&first) = by_path.get(paths[i].as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    "duplicate-page",
                    Location::file(doc.source.display_path.clone()),
                    format!("this file and another would both be published as `{}`", paths[i]),
                )
                .with_note("the other one", Location::file(docs[first].source.display_path.clone()))
                .with_help("rename one of them, or one of their folders"),
            );
            continue;
        }
        index.insert(key, i);
        by_path.insert(&paths[i], i);
    }
    let assets = admit_assets(assets, &by_path, &mut diagnostics);
    let by_content_path = docs.iter().enumerate().map(|(i, d)| (d.content_path.clone(), i)).collect();
    let asset_paths = assets.iter().map(|a| a.content_path.clone()).collect();

    let (country_names, tag_names) = countries_and_tags(&docs, &visible);

    let outlines: Vec<Outline> = docs.par_iter().map(|d| outline(d.body())).collect();
    let indicator_visible = schema.indicators.iter().map(|i| audience.shows_sensitive() || !i.sensitive).collect();
    let mut site = Site {
        community_refs: vec![Vec::new(); docs.len()],
        backlinks: vec![Vec::new(); docs.len()],
        docs,
        assets,
        audience,
        rules,
        visible,
        paths,
        outlines,
        indicator_visible,
        countries: country_names,
        tags: tag_names,
        links_out: Vec::new(),
        doc_problems: Vec::new(),
        site_problems: diagnostics.clone(),
        index,
        by_content_path,
        asset_paths,
        unusable: unusable.into_iter().collect(),
    };

    // Frontmatter references and body links, checked in parallel.
    let checked: Vec<(Vec<usize>, Vec<usize>, Diagnostics)> =
        (0..site.docs.len()).into_par_iter().map(|i| site.check_doc(i, schema)).collect();
    let mut referrers: Vec<Vec<usize>> = vec![Vec::new(); site.docs.len()];
    for (i, (community_refs, linked, doc_diagnostics)) in checked.into_iter().enumerate() {
        diagnostics.extend(doc_diagnostics.clone());
        site.doc_problems.push(doc_diagnostics);
        let targets = site.targets(i, &community_refs, &linked);
        for &target in &targets {
            referrers[target].push(i);
        }
        site.links_out.push(targets);
        site.community_refs[i] = community_refs;
    }
    for (target, mut sources) in referrers.into_iter().enumerate() {
        site.sort_backlinks(&mut sources);
        site.backlinks[target] = sources;
    }
    (site, diagnostics)
}

/// The assets that can be published where they are: none may take the path of a file
/// Fieldbook writes (its scripts, the search index, the exports, a page), or one would
/// silently replace the other. Each that would is a located error, and is left out.
fn admit_assets(assets: Vec<Asset>, pages: &HashMap<&str, usize>, diagnostics: &mut Diagnostics) -> Vec<Asset> {
    assets
        .into_iter()
        .filter(|asset| {
            let path = asset.content_path.as_str();
            let taken = if routes::is_generated(path) {
                "Fieldbook writes a file of its own there (its scripts in assets/, the search index in search/, the exports in data/, the listings)"
            } else if pages.contains_key(path) {
                "a page of the site is published there"
            } else {
                return true;
            };
            diagnostics.push(
                Diagnostic::error(
                    "asset-path-taken",
                    Location::file(format!("content/{path}")),
                    format!("this file cannot be published as `{path}`: {taken}"),
                )
                .with_help(format!(
                    "move or rename the file; the folders {} at the top of content/ are Fieldbook's own",
                    routes::GENERATED_FOLDERS.map(|f| format!("`{f}/`")).join(", ")
                )),
            );
            false
        })
        .collect()
}

/// Countries of visible profiles and case studies, and tags of visible pages, each as first
/// spelled, sorted by slug.
fn countries_and_tags(docs: &[Doc], visible: &[bool]) -> (Vec<String>, Vec<String>) {
    let mut countries = BTreeSet::new();
    let mut country_names: Vec<String> = Vec::new();
    let mut tags = BTreeSet::new();
    let mut tag_names: Vec<String> = Vec::new();
    for (doc, _) in docs.iter().zip(visible).filter(|(_, v)| **v) {
        let country = match &doc.details {
            Details::Community(c) => Some(c.country.as_str()),
            Details::CaseStudy(c) => c.country.as_deref(),
            _ => None,
        };
        if let Some(country) = country.filter(|c| !c.is_empty())
            && countries.insert(crate::text::slugify(country))
        {
            country_names.push(country.to_string());
        }
        for tag in &doc.tags {
            if tags.insert(crate::text::slugify(tag)) {
                tag_names.push(tag.clone());
            }
        }
    }
    country_names.sort_by_key(|c| crate::text::slugify(c));
    tag_names.sort_by_key(|t| crate::text::slugify(t));
    (country_names, tag_names)
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
        if !self.visible[i] {
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
    pub fn relink(&mut self, i: usize, doc: Doc, schema: &Schema) -> Result<Doc, Box<Doc>> {
        let old = &self.docs[i];
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
        let old_doc = std::mem::replace(&mut self.docs[i], doc);
        // Other pages' `country:` and `tag:` links depend on these lists.
        if countries_and_tags(&self.docs, &self.visible) != (self.countries.clone(), self.tags.clone()) {
            let doc = std::mem::replace(&mut self.docs[i], old_doc);
            return Err(Box::new(doc));
        }
        self.outlines[i] = outline;
        let (community_refs, linked, problems) = self.check_doc(i, schema);
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
        self.community_refs[i] = community_refs;
        self.doc_problems[i] = problems;
        Ok(old_doc)
    }

    /// Indices of the visible documents of one type, in path order.
    pub fn visible_of(&self, content_type: ContentType) -> impl Iterator<Item = usize> + '_ {
        (0..self.docs.len()).filter(move |&i| self.visible[i] && self.docs[i].content_type == content_type)
    }

    /// The document of a type with this id, if any.
    pub fn find(&self, content_type: ContentType, id: &str) -> Option<usize> {
        self.index.get(&(content_type, id.to_string())).copied()
    }

    /// Check one document's references and links. Returns the visible communities it refers to,
    /// the documents its body links to, and the problems.
    fn check_doc(&self, i: usize, schema: &Schema) -> (Vec<usize>, Vec<usize>, Diagnostics) {
        let doc = &self.docs[i];
        let mut diagnostics = Diagnostics::new();
        let mut community_refs = Vec::new();
        let references = match &doc.details {
            Details::CaseStudy(c) => c.communities.as_slice(),
            Details::Project(p) => p.communities.as_slice(),
            _ => &[],
        };
        for reference in references {
            match self.find(ContentType::Community, &reference.id) {
                Some(target) if self.visible[target] => {
                    if !community_refs.contains(&target) {
                        community_refs.push(target);
                    }
                }
                Some(_) => {
                    if self.visible[i] {
                        diagnostics.push(
                            Diagnostic::warning(
                                "hidden-reference",
                                Location::at(&doc.source, reference.span),
                                format!(
                                    "the community `{}` is not published, so this page does not show it",
                                    reference.id
                                ),
                            )
                            .with_help("publish that profile, or remove it from this list"),
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
                    diagnostics.push(
                        Diagnostic::error(
                            "unknown-reference",
                            Location::at(&doc.source, reference.span),
                            format!("there is no community profile with the id `{}`", reference.id),
                        )
                        .with_optional_help(
                            did_you_mean(&reference.id, ids.iter().copied())
                                .map(|s| format!("did you mean `{s}`?"))
                                .or_else(|| {
                                    Some("a profile's id is its file name in content/communities/, without .md".into())
                                }),
                        ),
                    );
                }
            }
        }

        // Links in frontmatter get the same checks as links in the text.
        for link in doc.frontmatter_links() {
            match self.resolve(i, &link.id, schema) {
                Ok(Resolution::SamePage(_)) => diagnostics.push(Diagnostic::error(
                    "broken-link",
                    Location::at(&doc.source, link.span),
                    "a link in frontmatter must point to another page or a web address",
                )),
                Ok(Resolution::Hidden { confidential: true }) => {
                    if let Some(d) = self.hidden_link_problem(i, &link.id, true, link.span) {
                        diagnostics.push(d);
                    }
                }
                Ok(_) => {}
                Err(problem) => diagnostics.push(
                    Diagnostic::error(problem.code, Location::at(&doc.source, link.span), problem.message)
                        .with_optional_help(problem.help),
                ),
            }
        }
        let outline = &self.outlines[i];
        if outline.html_depth > MAX_HTML_DEPTH {
            diagnostics.push(
                Diagnostic::error(
                    "html-too-deep",
                    Location::at(&doc.source, outline.html_depth_at.shifted(doc.body_start)),
                    format!(
                        "raw HTML here is nested {} levels deep; Fieldbook accepts up to {MAX_HTML_DEPTH}",
                        outline.html_depth
                    ),
                )
                .with_help("check for tags that are opened but never closed"),
            );
        }
        let mut linked = Vec::new();
        for link in &self.outlines[i].links {
            let span = link.span.shifted(doc.body_start);
            match self.resolve(i, &link.dest, schema) {
                Ok(Resolution::Internal { doc: Some(target), .. }) => linked.push(target),
                Ok(Resolution::External(_))
                    if link.image && self.visible[i] && !self.rules.remote_images && !self.audience.internal =>
                {
                    diagnostics.push(
                        Diagnostic::error(
                            "remote-image",
                            Location::at(&doc.source, span),
                            format!("`{}` would be loaded from another site each time the page is viewed, telling that site who reads it", link.dest),
                        )
                        .with_help("save the image in content/ beside this page and link to it there (a link to another site, `[words](https://...)`, is fine); or, if the site may load from other sites, set `remote_images = true` under `[markdown]` in fieldbook.toml"),
                    );
                }
                Ok(Resolution::Hidden { confidential }) => {
                    if let Some(d) = self.hidden_link_problem(i, &link.dest, confidential, span) {
                        diagnostics.push(d);
                    }
                }
                Ok(_) => {}
                Err(problem) => diagnostics.push(
                    Diagnostic::error(problem.code, Location::at(&doc.source, span), problem.message)
                        .with_optional_help(problem.help),
                ),
            }
        }
        (community_refs, linked, diagnostics)
    }

    /// Resolve a link destination written in document `from`.
    pub fn resolve(&self, from: usize, dest: &str, schema: &Schema) -> Result<Resolution, LinkProblem> {
        let dest = dest.trim();
        if dest.is_empty() {
            return Err(LinkProblem::new("broken-link", "this link has no destination", None));
        }
        if dest.chars().any(|c| c.is_control()) {
            return Err(LinkProblem::new("unsafe-link", "this link contains control characters", None));
        }
        if let Some(fragment) = dest.strip_prefix('#') {
            return self.check_fragment(from, fragment).map(|()| Resolution::SamePage(fragment.to_string()));
        }
        if dest.starts_with("//") {
            return Err(LinkProblem::new(
                "broken-link",
                format!("`{dest}` leaves out `https:`"),
                Some(format!("write `https:{dest}`")),
            ));
        }
        if dest.starts_with('/') || dest.starts_with('\\') {
            return Err(LinkProblem::new(
                "absolute-link",
                if dest.starts_with('\\') {
                    format!("`{dest}` starts with `\\`: a path on one computer or network share, which readers cannot open")
                } else {
                    format!("`{dest}` starts with `/`, which breaks when the site is opened from a folder or a USB stick")
                },
                Some("link to the source file relative to this one (../communities/tanger-nord.md), or by id (community:tanger-nord)".into()),
            ));
        }
        if let Some((scheme, rest)) = split_scheme(dest) {
            return self.resolve_scheme(&scheme, rest, dest, schema);
        }
        self.resolve_path(from, dest)
    }

    fn resolve_scheme(&self, scheme: &str, rest: &str, dest: &str, schema: &Schema) -> Result<Resolution, LinkProblem> {
        let (id, fragment) = match rest.split_once('#') {
            Some((id, f)) => (id, Some(f.to_string())),
            None => (rest, None),
        };
        let internal =
            |path: String, doc: Option<usize>| Ok(Resolution::Internal { path, fragment: fragment.clone(), doc });
        let unknown = |what: &str, candidates: Vec<&str>| {
            Err(LinkProblem::new(
                "broken-link",
                format!("there is no {what} with the id `{id}`"),
                suggestion(id, candidates.iter().copied()),
            ))
        };
        match scheme {
            "http" | "https" | "mailto" | "tel" => Ok(Resolution::External(dest.to_string())),
            "javascript" | "data" | "vbscript" | "file" => Err(LinkProblem::new(
                "unsafe-link",
                format!("`{scheme}:` links are not allowed"),
                Some("they can run code or reach files on the reader's computer".into()),
            )),
            _ => {
                if let Some(content_type) = ContentType::from_id(scheme) {
                    return match self.find(content_type, id) {
                        Some(target) if self.visible[target] => {
                            if let Some(f) = &fragment {
                                self.check_fragment(target, f)?;
                            }
                            internal(self.paths[target].clone(), Some(target))
                        }
                        Some(target) => Ok(self.hidden(target)),
                        None if self.unusable.contains(&(content_type, id.to_string())) => {
                            Ok(Resolution::Hidden { confidential: false })
                        }
                        None => {
                            let ids: Vec<&str> = self
                                .index
                                .keys()
                                .filter(|(t, _)| *t == content_type)
                                .map(|(_, i)| i.as_str())
                                .collect();
                            unknown(crate::validate::describe_type(content_type).trim_start_matches("a "), ids)
                        }
                    };
                }
                match scheme {
                    "indicator" => match schema.indicators.get(id) {
                        Some(i) if self.indicator_visible[i] => internal(routes::indicator(id), None),
                        Some(_) => Ok(Resolution::Hidden { confidential: false }),
                        None => unknown("indicator", schema.indicators.ids().collect()),
                    },
                    "criterion" => match schema.criteria.get(id) {
                        Some(_) => Ok(Resolution::Internal {
                            path: routes::CRITERIA.into(),
                            fragment: Some(id.to_string()),
                            doc: None,
                        }),
                        None => unknown("criterion", schema.criteria.ids().collect()),
                    },
                    "question" | "method" => {
                        let known = if scheme == "question" {
                            schema.research_questions.get(id).is_some()
                        } else {
                            schema.methods.get(id).is_some()
                        };
                        if known {
                            Ok(Resolution::Internal { path: routes::RESEARCH.into(), fragment: Some(id.to_string()), doc: None })
                        } else if scheme == "question" {
                            unknown("research question", schema.research_questions.ids().collect())
                        } else {
                            unknown("method", schema.methods.ids().collect())
                        }
                    }
                    "approach" => match schema.approaches.get(id) {
                        Some(_) => internal(routes::approach(id), None),
                        None => unknown("approach", schema.approaches.ids().collect()),
                    },
                    "sector" => match schema.sectors.get(id) {
                        Some(_) => internal(routes::sector(id), None),
                        None => unknown("sector", schema.sectors.ids().collect()),
                    },
                    "topic" => match schema.guidance_topics.get(id) {
                        Some(_) => internal(routes::topic(id), None),
                        None => unknown("guidance topic", schema.guidance_topics.ids().collect()),
                    },
                    "country" | "tag" => {
                        let names = if scheme == "country" { &self.countries } else { &self.tags };
                        let slug = crate::text::slugify(id);
                        match names.iter().find(|n| crate::text::slugify(n) == slug) {
                            Some(name) if scheme == "country" => internal(routes::country(name), None),
                            Some(name) => internal(routes::tag(name), None),
                            None => unknown(scheme, names.iter().map(String::as_str).collect()),
                        }
                    }
                    _ => Err(LinkProblem::new(
                        "unsafe-link",
                        format!("`{scheme}:` is not a kind of link Fieldbook knows"),
                        Some(
                            "use https: for web pages, or community:, case-study:, project:, guidance:, page:, indicator:, criterion:, question:, method:, approach:, sector:, topic:, country: or tag: with an id"
                                .into(),
                        ),
                    )),
                }
            }
        }
    }

    /// How document `target`, which is not in this build, is hidden.
    fn hidden(&self, target: usize) -> Resolution {
        Resolution::Hidden { confidential: self.docs[target].status == crate::model::Status::Confidential }
    }

    /// The problem with a link from document `from` to a page that is not in this build, if
    /// the page that links is in it: a link to a confidential page would publish its words.
    fn hidden_link_problem(&self, from: usize, dest: &str, confidential: bool, span: Span) -> Option<Diagnostic> {
        if !self.visible[from] {
            return None;
        }
        let doc = &self.docs[from];
        Some(if confidential {
            Diagnostic::error(
                "confidential-link",
                Location::at(&doc.source, span),
                format!("`{dest}` is a confidential page, and this page is published: the link's words would be published with it"),
            )
            .with_help("the words of a link often name what the confidential page protects (a village, a person); remove the link, or make this page confidential too")
        } else {
            Diagnostic::warning(
                "hidden-link",
                Location::at(&doc.source, span),
                format!(
                    "`{dest}` is not in this build, so this link is shown as plain text: its words stay on the page"
                ),
            )
            .with_help(
                "it is a draft or a sensitive indicator; make sure the words name nothing that must not be published",
            )
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
            return Err(LinkProblem::new(
                "broken-link",
                format!("`{dest}` points outside the content folder"),
                Some("links can only reach files inside content/".into()),
            ));
        };
        if let Some(&doc) = self.by_content_path.get(&target) {
            if !self.visible[doc] {
                return Ok(self.hidden(doc));
            }
            if let Some(f) = &fragment {
                self.check_fragment(doc, f)?;
            }
            return Ok(Resolution::Internal { path: self.paths[doc].clone(), fragment, doc: Some(doc) });
        }
        if self.asset_paths.contains(&target) {
            return Ok(Resolution::Internal { path: target, fragment, doc: None });
        }
        let known_unusable = target.ends_with(".md")
            && ContentType::from_content_path(&target).is_some_and(|t| {
                let slug = crate::text::slugify(target.rsplit('/').next().unwrap_or("").trim_end_matches(".md"));
                self.unusable.contains(&(t, slug))
            });
        if known_unusable {
            return Ok(Resolution::Hidden { confidential: false });
        }
        let candidates: Vec<&str> = self
            .by_content_path
            .keys()
            .map(String::as_str)
            .chain(self.asset_paths.iter().map(String::as_str))
            .collect();
        let help = did_you_mean(&target, candidates.iter().copied())
            .map(|s| format!("did you mean `{}`?", relative_source(base, s)))
            .or_else(|| Some(format!("no file content/{target} exists; paths are relative to this file")));
        Err(LinkProblem::new("broken-link", format!("`{dest}` does not exist"), help))
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
        Err(LinkProblem::new(
            "broken-link",
            format!("`#{fragment}` is not a heading or section of `{}`", self.docs[doc].content_path),
            suggestion(fragment, ids.iter().copied()),
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

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
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
    fn percent_escapes_are_decoded() {
        assert_eq!(percent_decode("T%C3%A9touan.md"), "Tétouan.md");
        assert_eq!(percent_decode("100%"), "100%");
    }
}
