//! The site core: one site loaded (configuration, schema, theme, documents, links, the views
//! prepared for rendering, every problem found), with a full path that loads everything and an
//! incremental path that takes in changed files. `check` loads it, `build` loads it for the
//! build's audience and renders it into the output folder, and `serve` keeps it between
//! changes, rendering pages when they are asked for.
//!
//! The full path ([`LoadedSite::load`]) runs stages 1 to 3 and keeps whatever could be made,
//! errors included, as `check` reports it. [`LoadedSite::prepare`] then readies a site
//! without errors for rendering. The incremental path ([`LoadedSite::update`]) reads each
//! changed file with the step the full load takes for every file
//! (`load_and_validate` in `lib.rs`); a change to one content file is relinked in place and the
//! lookups refreshed ([`crate::link::Site::relink`], [`Prepared::refresh`]). A change that
//! reaches further (a new, deleted or renamed content file, a changed id, heading, country or
//! tag list, a translation) links the site again from the documents it has, reading only the
//! new and changed files ([`crate::link::Site::relinked`], [`Prepared::update`]), and keeps
//! what is made of each document the change did not reach, its search entry included. Only a
//! change to the configuration or schema, a new or deleted file that is not a page (an image),
//! or a file that discovery must judge (a link, a folder) loads the site again from scratch.
//! Either way a prepared site only moves to a version without errors: a change with errors is
//! reported and the last good version stays, so a browser keeps showing the site while the
//! author fixes the file.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::CheckOptions;
use crate::config::{CONFIG_FILE, Config, SCHEMA_FILE};
use crate::diagnostic::Diagnostics;
use crate::error::{Error, Result};
use crate::link::{Edit, Relinked, Site};
use crate::load::ContentFile;
use crate::model::ContentType;
use crate::render::theme::Theme;
use crate::render::{Output, OutputFile, Prepared, RenderInput};
use crate::schema::Schema;

/// The name `serve` knows the core by: a site kept loaded between changes.
pub type Session = LoadedSite;

/// What a session is for: the site, its audience and the day (the options of `check`).
pub type SessionOptions = CheckOptions;

/// A site loaded, validated and linked, with everything found wrong; once prepared (no
/// errors), ready to render any page and to take in changes.
pub struct LoadedSite {
    options: CheckOptions,
    /// The configuration, if it could be read.
    config: Option<Config>,
    schema: Schema,
    /// The theme, unless the configuration could not be read or the theme has errors.
    theme: Option<Theme>,
    /// The linked site, unless the configuration could not be read.
    site: Option<Site>,
    /// What rendering needs, once the site is prepared: only a site without errors is.
    prepared: Option<Prepared>,
    /// Problems of loading and validating (configuration, schema, each file), not linking.
    file_problems: Diagnostics,
    /// Every problem of this version, sorted.
    diagnostics: Diagnostics,
    /// How many content files were looked at.
    files: usize,
    /// Document index of each content file, by path on disk.
    doc_of: HashMap<PathBuf, usize>,
    /// The files that are made from every page at once (search index, exports, feed), made
    /// the first time one is asked for.
    whole_site: OnceLock<std::result::Result<BTreeMap<String, Vec<u8>>, String>>,
    /// The search index of this version, made on the first request for one of its files.
    search_index: OnceLock<std::result::Result<BTreeMap<String, Vec<u8>>, String>>,
}

impl std::fmt::Debug for LoadedSite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoadedSite")
            .field("root", &self.options.root)
            .field("files", &self.files)
            .field("prepared", &self.prepared.is_some())
            .field("errors", &self.diagnostics.error_count())
            .finish_non_exhaustive()
    }
}

/// Why a version of the site could not be made: errors in content, configuration or
/// templates. The previous version, if any, stays.
#[derive(Debug)]
pub enum Rejected {
    /// Problems in content, configuration or schema (at least one error).
    Problems(Diagnostics),
    /// A theme template failed to load.
    Theme(String),
}

/// How a change was taken in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// Only the changed files were read again and relinked.
    Fast,
    /// The site was linked again, reusing the documents that did not change (a new heading,
    /// a translation, a new, deleted or renamed page).
    Relinked,
    /// The site was loaded again from scratch.
    Reloaded,
    /// Templates or theme files changed: pages are rendered with the new theme.
    Theme,
    /// Only files copied as they are (images, PDFs) changed: nothing to rebuild.
    Assets,
    /// Nothing of the site changed (an editor's backup file, say).
    Nothing,
}

/// What kind of file a changed path is, for deciding how much to redo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    /// A content file the site already has.
    KnownPage,
    /// A new markdown file in a content folder, that discovery would take as it is (a plain
    /// file, not a link, with a name that can be published).
    NewPage,
    /// A content file the site has, deleted (or renamed: its new name comes as a new page).
    GonePage,
    /// Anything else under content/ (a new or deleted image, a folder, a link).
    Content,
    /// An image or other file under content/ that is not markdown.
    Asset,
    /// The theme.
    Theme,
    /// fieldbook.toml or schema.toml.
    Settings,
    /// Not part of the site (editor backups, the output folder...).
    Unrelated,
}

/// A change with errors, or a site that could not be prepared.
type Taken = std::result::Result<Applied, Rejected>;

impl LoadedSite {
    /// The full path: load, validate and link the site at `options.root`, with its theme,
    /// keeping the documents' bodies in memory (as `serve` needs them). Problems in content
    /// are among the diagnostics; only problems outside content (no site, an unreadable
    /// folder) are errors.
    pub fn load(options: &CheckOptions) -> Result<LoadedSite> {
        LoadedSite::load_with(options, crate::Bodies::Keep)
    }

    /// The full path, keeping the documents' bodies in memory or not: `check` and `build`
    /// forget each body as soon as its file is loaded (a build reads it again to render its
    /// page).
    pub fn load_with(options: &CheckOptions, bodies: crate::Bodies) -> Result<LoadedSite> {
        let crate::Loaded { config, schema, validated, assets, unpublished, diagnostics: file_problems, files } =
            crate::load_site_with(&options.root, options.today, bodies)?;
        let mut core = LoadedSite {
            options: options.clone(),
            config: None,
            schema,
            theme: None,
            site: None,
            prepared: None,
            diagnostics: file_problems.clone(),
            file_problems,
            files,
            doc_of: HashMap::new(),
            whole_site: OnceLock::new(),
            search_index: OnceLock::new(),
        };
        let Some(config) = config else {
            core.diagnostics = sorted(core.diagnostics);
            return Ok(core);
        };
        // The theme is part of the site: a template that cannot be read is reported here, at
        // its tag, like a problem in content, rather than only when a build renders.
        match Theme::load_checked(&options.root, &config.language)? {
            Ok(theme) => {
                core.diagnostics.extend(theme.reads.undeclared_warning().into_iter().collect());
                core.theme = Some(theme);
            }
            Err(problems) => core.diagnostics.extend(problems),
        }
        let (site, link_problems) = {
            let _t = crate::timing::stage("link");
            let files = crate::link::Files { assets, unpublished };
            crate::link::link(validated, files, &core.schema, options.audience, crate::link::LinkRules::of(&config))
        };
        crate::timing::count("linked", site.docs.len());
        core.diagnostics.extend(link_problems);
        core.diagnostics = sorted(core.diagnostics);
        crate::timing::count("errors", core.diagnostics.error_count());
        crate::timing::count("warnings", core.diagnostics.warning_count());
        core.config = Some(config);
        core.site = Some(site);
        Ok(core)
    }

    /// Ready the site for rendering: true if it has no errors and everything could be made
    /// (configuration, theme, site). A site that is not prepared renders nothing.
    pub fn prepare(&mut self) -> bool {
        if self.prepared.is_none() && self.diagnostics.is_ok() {
            self.remake_views();
        }
        self.prepared.is_some()
    }

    /// Load the site and prepare it, as `serve` does. `Ok(Err(..))` when the site has errors.
    pub fn open(options: SessionOptions) -> Result<std::result::Result<LoadedSite, Rejected>> {
        let mut core = LoadedSite::load(&options)?;
        Ok(if core.prepare() { Ok(core) } else { Err(Rejected::Problems(core.diagnostics)) })
    }

    /// Make the views again from the configuration, theme and site, if all three are there.
    fn remake_views(&mut self) {
        self.fill_prose();
        self.prepared = self.input().map(|input| Prepared::new(&input));
        self.doc_of = self.site.as_ref().map(doc_index).unwrap_or_default();
        self.whole_site = OnceLock::new();
        self.search_index = OnceLock::new();
    }

    /// Fill in the figures quoted in the documents' frontmatter prose, before views are made
    /// of them (see [`crate::render::fill_prose`]).
    fn fill_prose(&mut self) {
        if let (Some(site), Some(config), Some(theme)) = (&mut self.site, &self.config, &self.theme) {
            let _t = crate::timing::stage("prose figures");
            crate::render::fill_prose(site, &self.schema, config, theme, self.options.today);
        }
    }

    /// Every problem of this version, sorted by file and position.
    pub fn diagnostics(&self) -> &Diagnostics {
        &self.diagnostics
    }

    /// How many content files were looked at.
    pub fn files(&self) -> usize {
        self.files
    }

    /// The configuration, if it could be read.
    pub fn config(&self) -> Option<&Config> {
        self.config.as_ref()
    }

    /// Publish this version under another web address than fieldbook.toml's `base_url` (a
    /// preview deploy), or under none (`None`: a version not published at that address): the
    /// feed, the sitemap and the exports' links to pages use it. Call before
    /// [`LoadedSite::prepare`].
    pub fn set_base_url(&mut self, base_url: Option<String>) {
        if let Some(config) = &mut self.config {
            config.base_url = base_url;
        }
    }

    /// The schema in force.
    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    /// The linked site, unless the configuration could not be read.
    pub fn site(&self) -> Option<&Site> {
        self.site.as_ref()
    }

    /// The theme, unless the configuration could not be read or the theme has errors.
    pub fn theme(&self) -> Option<&Theme> {
        self.theme.as_ref()
    }

    /// The incremental path: take in changes to the files at `paths` (absolute, as a file
    /// watcher reports them). On success the site is the new version, prepared; on rejection
    /// it is unchanged. A site that is not prepared is loaded again.
    pub fn update(&mut self, paths: &[PathBuf]) -> Result<Taken> {
        let changes: Vec<(Change, &PathBuf)> = paths.iter().map(|p| (self.classify(p), p)).collect();
        let worst = changes.iter().map(|(c, _)| *c).max_by_key(|c| match c {
            Change::Unrelated => 0,
            Change::Asset => 1,
            Change::KnownPage | Change::NewPage | Change::GonePage => 2,
            Change::Theme => 3,
            Change::Content | Change::Settings => 4,
        });
        let of = |change: Change| -> Vec<&PathBuf> {
            changes.iter().filter(|(c, _)| *c == change).map(|(_, p)| *p).collect()
        };
        let result = match worst {
            None | Some(Change::Unrelated) => return Ok(Ok(Applied::Nothing)),
            _ if self.prepared.is_none() => self.reload()?,
            Some(Change::Asset) => self.update_assets(&of(Change::Asset)),
            Some(Change::Theme) => self.reload_theme(),
            Some(Change::KnownPage | Change::NewPage | Change::GonePage) => {
                self.update_pages(&of(Change::KnownPage), &of(Change::NewPage), &of(Change::GonePage))?
            }
            Some(Change::Content | Change::Settings) => self.reload()?,
        };
        if result.is_ok() {
            self.whole_site = OnceLock::new();
            self.search_index = OnceLock::new();
        }
        Ok(result)
    }

    fn classify(&self, path: &Path) -> Change {
        let root = &self.options.root;
        let Ok(relative) = path.strip_prefix(root) else { return Change::Unrelated };
        let name = relative.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        // Editors' backups, swap files and save-test files.
        let scratch = relative.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
            || name.ends_with('~')
            || name.ends_with(".swp")
            || name.ends_with(".swx")
            || name.starts_with('#')
            || name == "4913";
        if scratch {
            return Change::Unrelated;
        }
        if relative == Path::new(CONFIG_FILE) || relative == Path::new(SCHEMA_FILE) {
            return Change::Settings;
        }
        if relative.starts_with("themes") {
            return Change::Theme;
        }
        if !relative.starts_with("content") {
            return Change::Unrelated;
        }
        let markdown = name.to_ascii_lowercase().ends_with(".md");
        let known_asset = self.site.as_ref().is_some_and(|site| site.assets.iter().any(|a| a.path == path));
        if !path.exists() {
            // Gone: a page or file of the site was deleted or renamed, or an editor's
            // temporary file came and went while saving.
            return if self.doc_of.contains_key(path) {
                Change::GonePage
            } else if known_asset {
                Change::Content
            } else {
                Change::Unrelated
            };
        }
        if crate::files::is_link(path) {
            // A file became a link: discovery decides whether it may be read at all.
            return Change::Content;
        }
        if markdown && self.doc_of.contains_key(path) && path.is_file() {
            Change::KnownPage
        } else if markdown && self.new_content_file(path).is_some() {
            Change::NewPage
        } else if known_asset {
            Change::Asset
        } else {
            Change::Content
        }
    }

    /// The content file at `path`, not in the site yet, as discovery would find it: `None`
    /// unless discovery would take it without a word (a plain file under a content folder,
    /// reached through no link, with a name that can be published), which a new page read on
    /// its own must be for the site to be the one a fresh load gives.
    fn new_content_file(&self, path: &Path) -> Option<ContentFile> {
        let root = &self.options.root;
        let file = LoadedSite::content_file_at(root, path)?;
        let plain = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file());
        // No folder on the way is a link either: the path is the file's own.
        let direct = std::fs::canonicalize(root)
            .ok()
            .zip(std::fs::canonicalize(path).ok())
            .is_some_and(|(root, real)| real == root.join("content").join(&file.content_path));
        let hidden = file.content_path.split('/').any(|part| part.starts_with('.'));
        (plain && direct && !hidden && crate::files::check_name(&file.content_path).is_ok()).then_some(file)
    }

    /// True if a change to the file at `path` (absolute) matters to the site: false for
    /// editors' temporary and backup files, and anything outside content/, themes/ and the
    /// settings files.
    pub fn affects(&self, path: &Path) -> bool {
        self.classify(path) != Change::Unrelated
    }

    /// The full path again, taken only if the new version has no errors.
    fn reload(&mut self) -> Result<Taken> {
        Ok(LoadedSite::open(self.options.clone())?.map(|core| {
            *self = core;
            Applied::Reloaded
        }))
    }

    fn reload_theme(&mut self) -> Taken {
        let Some(config) = &self.config else { return Err(Rejected::Theme("the site has no configuration".into())) };
        match Theme::load_checked(&self.options.root, &config.language) {
            Ok(Ok(theme)) => {
                self.theme = Some(theme);
                self.remake_views();
                Ok(Applied::Theme)
            }
            Ok(Err(problems)) => Err(Rejected::Problems(sorted(problems))),
            Err(e) => Err(Rejected::Theme(e.to_string())),
        }
    }

    /// Check again the assets at `paths`, which the site already has: a changed file is
    /// served only once it passes the checks a build makes (no script in an SVG, no personal
    /// data in a CSV).
    fn update_assets(&mut self, paths: &[&PathBuf]) -> Taken {
        let (Some(config), Some(site)) = (&self.config, &self.site) else { return Ok(Applied::Nothing) };
        let changed: Vec<crate::load::Asset> =
            site.assets.iter().filter(|a| paths.contains(&&a.path)).cloned().collect();
        let problems = crate::validate::assets::check_assets(changed, config).problems;
        if !problems.is_ok() {
            return Err(Rejected::Problems(sorted(problems)));
        }
        let displays: Vec<String> = paths.iter().map(|p| crate::load::display_path(p, &self.options.root)).collect();
        self.file_problems.retain(|d| !displays.contains(&d.location.file));
        self.file_problems.extend(problems);
        let mut all = self.file_problems.clone();
        all.extend(site.problems());
        self.diagnostics = sorted(all);
        Ok(Applied::Assets)
    }

    /// Read, validate and relink the content files at `known` (which the site has) and `new`
    /// (which it does not have yet), and take out the documents of the files at `gone`.
    fn update_pages(&mut self, known: &[&PathBuf], new: &[&PathBuf], gone: &[&PathBuf]) -> Result<Taken> {
        let (Some(config), Some(site), Some(theme), Some(prepared)) =
            (&self.config, &mut self.site, &self.theme, &mut self.prepared)
        else {
            return self.reload();
        };
        let schema = &self.schema;
        let wording = Theme::wording_languages(&self.options.root);
        let context = crate::validate::Context { schema, config, today: self.options.today, wording: &wording };
        let mut files: Vec<(Option<usize>, ContentFile)> = Vec::new();
        for &path in known {
            let i = self.doc_of[path];
            let old = &site.docs[i];
            let file = ContentFile {
                path: path.clone(),
                display: old.source.display_path.clone(),
                content_path: old.content_path.clone(),
                content_type: old.content_type,
            };
            files.push((Some(i), file));
        }
        for &path in new {
            let root = &self.options.root;
            // Classified as new a moment ago; gone since, it is left for the next change.
            let Some(file) = LoadedSite::content_file_at(root, path) else { continue };
            files.push((None, file));
        }
        let mut displays: Vec<String> = files.iter().map(|(_, f)| f.display.clone()).collect();
        displays.extend(gone.iter().map(|p| site.docs[self.doc_of[*p]].source.display_path.clone()));
        let mut fresh = Vec::new();
        let mut problems = Diagnostics::new();
        for (slot, file) in files {
            let (outcome, file_problems) = crate::load_and_validate(file, context, crate::Bodies::Keep);
            problems.extend(file_problems);
            if let Some(Ok((doc, _))) = outcome {
                fresh.push((slot, doc));
            }
        }
        if !problems.is_ok() {
            return Ok(Err(Rejected::Problems(sorted(problems))));
        }
        let mut file_problems = self.file_problems.clone();
        file_problems.retain(|d| !displays.contains(&d.location.file));
        file_problems.extend(problems);
        let mut edits: Vec<Edit> = gone.iter().map(|p| Edit::Remove(self.doc_of[*p])).collect();
        if !edits.is_empty() || fresh.iter().any(|(slot, _)| slot.is_none()) {
            let files = self.files + fresh.iter().filter(|(slot, _)| slot.is_none()).count() - gone.len();
            edits.extend(fresh.into_iter().map(|(slot, doc)| match slot {
                Some(i) => Edit::Replace(i, doc),
                None => Edit::Add(doc),
            }));
            return Ok(self.relink_edits(edits, file_problems, files));
        }
        // Relink each document in place; the first that reaches beyond itself sends the
        // rest through a whole relink.
        let mut replaced: Vec<(usize, crate::model::Doc)> = Vec::new();
        let mut rest = fresh.into_iter().filter_map(|(slot, doc)| Some((slot?, doc)));
        let mut whole = None;
        for (i, doc) in rest.by_ref() {
            match site.relink(i, doc, schema) {
                Ok(old) => replaced.push((i, old)),
                Err(doc) => {
                    whole = Some((i, *doc));
                    break;
                }
            }
        }
        if let Some(first) = whole {
            // Put the documents relinked so far back, then link the whole site with every change.
            let mut changed: Vec<Edit> = Vec::new();
            for (i, old) in replaced.into_iter().rev() {
                let new = std::mem::replace(&mut site.docs[i], old);
                changed.push(Edit::Replace(i, new));
            }
            changed.push(Edit::Replace(first.0, first.1));
            changed.extend(rest.map(|(i, doc)| Edit::Replace(i, doc)));
            let files = self.files;
            return Ok(self.relink_edits(changed, file_problems, files));
        }
        let mut all = file_problems.clone();
        all.extend(site.problems());
        if !all.is_ok() {
            // A link in the new text is broken: back to the previous documents.
            let mut link_problems = site.problems();
            link_problems.retain(|d| displays.contains(&d.location.file));
            for (i, old) in replaced.into_iter().rev() {
                let _ = site.relink(i, old, schema);
            }
            return Ok(Err(Rejected::Problems(sorted(link_problems))));
        }
        let changed: Vec<usize> = replaced.iter().map(|(i, _)| *i).collect();
        crate::render::fill_prose(site, schema, config, theme, self.options.today);
        prepared.refresh(&input(site, schema, config, theme, self.options.today), &changed);
        self.file_problems = file_problems;
        self.diagnostics = sorted(all);
        Ok(Ok(Applied::Fast))
    }

    /// The content file at `path` under `root`, as discovery names it.
    fn content_file_at(root: &Path, path: &Path) -> Option<ContentFile> {
        let relative = path.strip_prefix(root.join("content")).ok()?;
        let content_path =
            relative.components().map(|c| c.as_os_str().to_str().map(str::to_string)).collect::<Option<Vec<_>>>()?;
        let content_path = content_path.join("/");
        let content_type = crate::model::ContentType::from_content_path(&content_path)?;
        Some(ContentFile {
            path: path.to_path_buf(),
            display: crate::load::display_path(path, root),
            content_path,
            content_type,
        })
    }

    /// Link the site again with `edits`, without reading any other file: the documents that
    /// did not change keep their outlines, and what is made of each for rendering is kept
    /// where the change did not reach it. `files` is the number of content files after the
    /// change. A version with errors is undone.
    fn relink_edits(&mut self, edits: Vec<Edit>, file_problems: Diagnostics, files: usize) -> Taken {
        if self.prepared.is_none() {
            return Ok(Applied::Nothing);
        }
        let Some(site) = self.site.take() else { return Ok(Applied::Nothing) };
        let Relinked { mut site, changes, undo, .. } = {
            let _t = crate::timing::stage("relink");
            site.relinked(edits, &self.schema)
        };
        let mut all = file_problems.clone();
        all.extend(site.problems());
        if !all.is_ok() {
            let mut problems = site.problems();
            problems.retain(|d| d.severity == crate::diagnostic::Severity::Error);
            // Back to the previous documents.
            self.site = Some(site.relinked(undo, &self.schema).site);
            return Err(Rejected::Problems(sorted(problems)));
        }
        if let (Some(config), Some(theme), Some(prepared)) = (&self.config, &self.theme, &mut self.prepared) {
            let _t = crate::timing::stage("prepare");
            crate::render::fill_prose(&mut site, &self.schema, config, theme, self.options.today);
            prepared.update(&input(&site, &self.schema, config, theme, self.options.today), &changes);
        }
        if !changes.same_documents() {
            self.doc_of = doc_index(&site);
        }
        self.site = Some(site);
        self.files = files;
        self.file_problems = file_problems;
        self.diagnostics = sorted(all);
        Ok(Applied::Relinked)
    }

    /// What rendering reads, when the configuration, theme and site are all there.
    fn input(&self) -> Option<RenderInput<'_>> {
        match (&self.site, &self.config, &self.theme) {
            (Some(site), Some(config), Some(theme)) => {
                Some(input(site, &self.schema, config, theme, self.options.today))
            }
            _ => None,
        }
    }

    /// The input and views of a prepared site.
    fn ready(&self) -> Option<(RenderInput<'_>, &Prepared)> {
        Some((self.input()?, self.prepared.as_ref()?))
    }

    /// Every page's site path, in rendering order (none until the site is prepared).
    pub fn page_paths(&self) -> Vec<String> {
        self.ready().map(|(input, prepared)| prepared.page_paths(&input)).unwrap_or_default()
    }

    /// The page at site path `path`, rendered now; `None` when there is no such page (or the
    /// site is not prepared).
    pub fn page(&self, path: &str) -> Option<Result<String>> {
        let (input, prepared) = self.ready()?;
        prepared.page(&input, path)
    }

    /// Any file of the site at `path`: a page (rendered now), a theme or content file, or one
    /// of the files made from every page at once (search index, exports, feed, sitemap),
    /// which are made the first time one of them is asked for.
    pub fn file(&self, path: &str) -> Option<Result<Vec<u8>>> {
        if let Some(page) = self.page(path) {
            return Some(page.map(String::into_bytes));
        }
        let (input, prepared) = self.ready()?;
        if let Some(name) = path.strip_prefix("assets/")
            && let Some((_, bytes)) = input.theme.assets.iter().find(|(n, _)| n == name)
        {
            return Some(Ok(bytes.clone()));
        }
        if let Some(asset) = input.site.assets.iter().find(|a| crate::link::routes::asset_path(&a.content_path) == path)
        {
            // The file may have become a link since it was checked: read it only if it still
            // lies inside the site.
            let site =
                crate::files::SiteFolder::new(&self.options.root).map_err(|e| Error::io("read", &self.options.root, e));
            let admitted = site.and_then(|site| {
                site.admit(&asset.path)
                    .map_err(|refusal| Error::Other(format!("content/{path}: {}", refusal.message())))
            });
            let bytes = admitted.and_then(|real| std::fs::read(&real).map_err(|e| Error::io("read", &asset.path, e)));
            return Some(bytes.map(|bytes| crate::render::published_asset(asset, bytes, input.site.audience)));
        }
        // The search index is its own pass: its files need no page rendered.
        let whole = if path.starts_with("search/") {
            self.search_index.get_or_init(|| {
                let output = MemoryOutput::default();
                prepared.search_index(&input, &output).map_err(|e| e.to_string())?;
                Ok(output.files.into_inner().unwrap_or_default())
            })
        } else {
            self.whole_site.get_or_init(|| {
                let output = MemoryOutput::default();
                crate::render::render_prepared(&input, prepared, &output).map_err(|e| e.to_string())?;
                Ok(output.files.into_inner().unwrap_or_default())
            })
        };
        match whole {
            Ok(files) => files.get(path).map(|bytes| Ok(bytes.clone())),
            Err(message) => Some(Err(Error::Other(message.clone()))),
        }
    }

    /// Render the whole site into `output`, as `build` does. Returns the number of pages.
    pub fn render_all(&self, output: &dyn Output) -> Result<usize> {
        self.render_with_plan(output, None)
    }

    /// Render the whole site into `output`, telling `on_plan` how many files will come once
    /// that is known (for a progress display).
    pub fn render_with_plan<'a>(
        &'a self,
        output: &dyn Output,
        on_plan: Option<&'a (dyn Fn(usize) + Sync)>,
    ) -> Result<usize> {
        let Some((mut input, prepared)) = self.ready() else {
            return Err(Error::Other("the site has errors, or was not prepared for rendering".into()));
        };
        input.on_plan = on_plan;
        crate::render::render_prepared(&input, prepared, output)
    }

    /// Render every page and file of the prepared site into `output` once, as a build does,
    /// freeing what only pages need once they are written (see [`crate::render::render_once`]).
    /// The site is no longer prepared afterwards.
    pub fn render_once<'a>(
        &'a mut self,
        output: &dyn Output,
        on_plan: Option<&'a (dyn Fn(usize) + Sync)>,
    ) -> Result<usize> {
        let Some(prepared) = self.prepared.take() else {
            return Err(Error::Other("the site has errors, or was not prepared for rendering".into()));
        };
        let Some(mut input) = self.input() else {
            return Err(Error::Other("the site has errors, or was not prepared for rendering".into()));
        };
        input.on_plan = on_plan;
        crate::render::render_once(&input, prepared, output)
    }

    /// The content file on disk of the document with this type and id, for tests and tools.
    pub fn doc_path(&self, content_type: ContentType, id: &str) -> Option<&Path> {
        let site = self.site.as_ref()?;
        site.find(content_type, id).map(|i| site.docs[i].source.path.as_path())
    }
}

/// Files kept in memory, by site path.
#[derive(Debug, Default)]
pub struct MemoryOutput {
    /// The files.
    pub files: std::sync::Mutex<BTreeMap<String, Vec<u8>>>,
}

impl Output for MemoryOutput {
    fn file(&self, file: OutputFile) -> Result<()> {
        if let Ok(mut files) = self.files.lock() {
            files.insert(file.path, file.bytes);
        }
        Ok(())
    }
}

fn input<'a>(
    site: &'a Site,
    schema: &'a Schema,
    config: &'a Config,
    theme: &'a Theme,
    today: crate::date::Date,
) -> RenderInput<'a> {
    RenderInput { site, schema, config, theme, today, on_plan: None }
}

fn doc_index(site: &Site) -> HashMap<PathBuf, usize> {
    site.docs.iter().enumerate().map(|(i, d)| (d.source.path.clone(), i)).collect()
}

fn sorted(mut diagnostics: Diagnostics) -> Diagnostics {
    diagnostics.sort();
    diagnostics.limit_per_file();
    diagnostics
}
