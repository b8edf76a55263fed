//! A site kept loaded between changes, for `serve`: the last good version of the site, brought
//! up to date as files change, with pages rendered when they are asked for.
//!
//! A change to one content file takes the fast path: that file alone is read and validated
//! again, relinked in place, and the lookups refreshed ([`crate::link::Site::relink`],
//! [`Prepared::refresh`]). A change that reaches further (a new or deleted file, a changed id,
//! heading, country or tag list, the configuration, the schema) links the site again, or loads
//! it again from scratch. Either way the session only moves to a version without errors: a
//! change with errors is reported and the last good version stays, so a browser keeps
//! showing the site while the author fixes the file.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::config::{CONFIG_FILE, Config, SCHEMA_FILE};
use crate::date::Date;
use crate::diagnostic::Diagnostics;
use crate::error::{Error, Result};
use crate::link::{Audience, Site};
use crate::load::ContentFile;
use crate::model::ContentType;
use crate::render::theme::Theme;
use crate::render::{Output, OutputFile, Prepared, RenderInput};
use crate::schema::Schema;

/// What a session is for.
#[derive(Debug, Clone)]
pub struct SessionOptions {
    /// The site root.
    pub root: PathBuf,
    /// Who the site is for (drafts, internal).
    pub audience: Audience,
    /// The day review dates are measured against.
    pub today: Date,
}

/// A loaded, linked site without errors, ready to render any page.
pub struct Session {
    options: SessionOptions,
    config: Config,
    schema: Schema,
    theme: Theme,
    site: Site,
    prepared: Prepared,
    /// Problems of loading and validating (configuration, schema, each file), not linking.
    file_problems: Diagnostics,
    /// Every warning of this version, sorted.
    diagnostics: Diagnostics,
    /// Document index of each content file, by path on disk.
    doc_of: HashMap<PathBuf, usize>,
    /// The files that are made from every page at once (search index, exports, feed), made
    /// the first time one is asked for.
    whole_site: OnceLock<std::result::Result<BTreeMap<String, Vec<u8>>, String>>,
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
    /// The site was linked again, reusing the documents that did not change.
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
    /// Anything else under content/ (a new or deleted page, a renamed one).
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

impl Session {
    /// Load the site. `Ok(Err(..))` when the site has errors.
    pub fn open(options: SessionOptions) -> Result<std::result::Result<Session, Rejected>> {
        let loaded = crate::load_site(&options.root, options.today)?;
        let crate::Loaded { config, schema, validated, assets, diagnostics: file_problems, .. } = loaded;
        let Some(config) = config else {
            return Ok(Err(Rejected::Problems(sorted(file_problems))));
        };
        let (site, _) =
            crate::link::link(validated, assets, &schema, options.audience, crate::link::LinkRules::of(&config));
        let mut all = file_problems.clone();
        all.extend(site.problems());
        // Problems in the theme are shown with those in content, as `check` shows them.
        let theme = match Theme::load_checked(&options.root, &config.language)? {
            Ok(theme) => Some(theme),
            Err(problems) => {
                all.extend(problems);
                None
            }
        };
        let (true, Some(theme)) = (all.is_ok(), theme) else {
            return Ok(Err(Rejected::Problems(sorted(all))));
        };
        let prepared = Prepared::new(&input(&site, &schema, &config, &theme, options.today));
        let doc_of = doc_index(&site);
        Ok(Ok(Session {
            options,
            config,
            schema,
            theme,
            site,
            prepared,
            file_problems,
            diagnostics: sorted(all),
            doc_of,
            whole_site: OnceLock::new(),
        }))
    }

    /// The warnings of this version.
    pub fn diagnostics(&self) -> &Diagnostics {
        &self.diagnostics
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The linked site.
    pub fn site(&self) -> &Site {
        &self.site
    }

    /// Take in changes to the files at `paths` (absolute, as a file watcher reports them).
    /// On success the session is the new version; on rejection it is unchanged.
    pub fn update(&mut self, paths: &[PathBuf]) -> Result<std::result::Result<Applied, Rejected>> {
        let changes: Vec<(Change, &PathBuf)> = paths.iter().map(|p| (self.classify(p), p)).collect();
        let worst = changes.iter().map(|(c, _)| *c).max_by_key(|c| match c {
            Change::Unrelated => 0,
            Change::Asset => 1,
            Change::KnownPage => 2,
            Change::Theme => 3,
            Change::Content | Change::Settings => 4,
        });
        let result = match worst {
            None | Some(Change::Unrelated) => return Ok(Ok(Applied::Nothing)),
            Some(Change::Asset) => {
                let assets: Vec<&PathBuf> =
                    changes.iter().filter(|(c, _)| *c == Change::Asset).map(|(_, p)| *p).collect();
                self.update_assets(&assets)
            }
            Some(Change::Theme) => self.reload_theme(),
            Some(Change::KnownPage) => {
                let pages: Vec<&PathBuf> =
                    changes.iter().filter(|(c, _)| *c == Change::KnownPage).map(|(_, p)| *p).collect();
                self.update_pages(&pages)?
            }
            Some(Change::Content | Change::Settings) => self.reload()?,
        };
        if result.is_ok() {
            self.whole_site = OnceLock::new();
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
        let known_asset = self.site.assets.iter().any(|a| a.path == path);
        if !path.exists() {
            // Gone: a page or file of the site was deleted or renamed, or an editor's
            // temporary file came and went while saving.
            return if self.doc_of.contains_key(path) || known_asset { Change::Content } else { Change::Unrelated };
        }
        if crate::files::is_link(path) {
            // A file became a link: discovery decides whether it may be read at all.
            return Change::Content;
        }
        if markdown && self.doc_of.contains_key(path) && path.is_file() {
            Change::KnownPage
        } else if known_asset {
            Change::Asset
        } else {
            Change::Content
        }
    }

    /// True if a change to the file at `path` (absolute) matters to the site: false for
    /// editors' temporary and backup files, and anything outside content/, themes/ and the
    /// settings files.
    pub fn affects(&self, path: &Path) -> bool {
        self.classify(path) != Change::Unrelated
    }

    fn reload(&mut self) -> Result<std::result::Result<Applied, Rejected>> {
        Ok(Session::open(self.options.clone())?.map(|session| {
            *self = session;
            Applied::Reloaded
        }))
    }

    fn reload_theme(&mut self) -> std::result::Result<Applied, Rejected> {
        match Theme::load_checked(&self.options.root, &self.config.language) {
            Ok(Ok(theme)) => {
                self.theme = theme;
                self.prepared = Prepared::new(&self.input());
                Ok(Applied::Theme)
            }
            Ok(Err(problems)) => Err(Rejected::Problems(sorted(problems))),
            Err(e) => Err(Rejected::Theme(e.to_string())),
        }
    }

    /// Check again the assets at `paths`, which the site already has: a changed file is
    /// served only once it passes the checks a build makes (no script in an SVG, no personal
    /// data in a CSV).
    fn update_assets(&mut self, paths: &[&PathBuf]) -> std::result::Result<Applied, Rejected> {
        let changed: Vec<crate::load::Asset> =
            self.site.assets.iter().filter(|a| paths.contains(&&a.path)).cloned().collect();
        let (_, problems) = crate::validate::assets::check_assets(changed, &self.config);
        if !problems.is_ok() {
            return Err(Rejected::Problems(sorted(problems)));
        }
        let displays: Vec<String> = paths.iter().map(|p| crate::load::display_path(p, &self.options.root)).collect();
        self.file_problems.retain(|d| !displays.contains(&d.location.file));
        self.file_problems.extend(problems);
        let mut all = self.file_problems.clone();
        all.extend(self.site.problems());
        self.diagnostics = sorted(all);
        Ok(Applied::Assets)
    }

    /// Read, validate and relink the content files at `paths`, which the site already has.
    fn update_pages(&mut self, paths: &[&PathBuf]) -> Result<std::result::Result<Applied, Rejected>> {
        let context =
            crate::validate::Context { schema: &self.schema, config: &self.config, today: self.options.today };
        let mut fresh = Vec::new();
        let mut problems = Diagnostics::new();
        let mut displays = Vec::new();
        for &path in paths {
            let i = self.doc_of[path];
            let old = &self.site.docs[i];
            let file = ContentFile {
                path: path.clone(),
                display: old.source.display_path.clone(),
                content_path: old.content_path.clone(),
                content_type: old.content_type,
            };
            displays.push(file.display.clone());
            let (outcome, file_problems) = crate::load_and_validate(file, context);
            problems.extend(file_problems);
            if let Some(Ok(doc)) = outcome {
                fresh.push((i, doc));
            }
        }
        if !problems.is_ok() {
            return Ok(Err(Rejected::Problems(sorted(problems))));
        }
        // Relink each document in place; the first that reaches beyond itself sends the
        // rest through a whole relink.
        let mut replaced: Vec<(usize, crate::model::Doc)> = Vec::new();
        let mut rest = fresh.into_iter();
        let mut whole = None;
        for (i, doc) in rest.by_ref() {
            match self.site.relink(i, doc, &self.schema) {
                Ok(old) => replaced.push((i, old)),
                Err(doc) => {
                    whole = Some((i, *doc));
                    break;
                }
            }
        }
        let mut file_problems = self.file_problems.clone();
        file_problems.retain(|d| !displays.contains(&d.location.file));
        file_problems.extend(problems);
        if let Some(first) = whole {
            // Put the documents relinked so far back, then link the whole site with every change.
            let mut changed: Vec<(usize, crate::model::Doc)> = Vec::new();
            for (i, old) in replaced.into_iter().rev() {
                let new = std::mem::replace(&mut self.site.docs[i], old);
                changed.push((i, new));
            }
            changed.push(first);
            changed.extend(rest);
            return Ok(self.relink_all(changed, file_problems));
        }
        let mut all = file_problems.clone();
        all.extend(self.site.problems());
        if !all.is_ok() {
            // A link in the new text is broken: back to the previous documents.
            let mut link_problems = self.site.problems();
            link_problems.retain(|d| displays.contains(&d.location.file));
            for (i, old) in replaced.into_iter().rev() {
                let _ = self.site.relink(i, old, &self.schema);
            }
            return Ok(Err(Rejected::Problems(sorted(link_problems))));
        }
        let changed: Vec<usize> = replaced.iter().map(|(i, _)| *i).collect();
        let input = input(&self.site, &self.schema, &self.config, &self.theme, self.options.today);
        self.prepared.refresh(&input, &changed);
        self.file_problems = file_problems;
        self.diagnostics = sorted(all);
        Ok(Ok(Applied::Fast))
    }

    /// Link the whole site again with `changed` documents in place of the current ones.
    fn relink_all(
        &mut self,
        changed: Vec<(usize, crate::model::Doc)>,
        file_problems: Diagnostics,
    ) -> std::result::Result<Applied, Rejected> {
        let mut docs = std::mem::take(&mut self.site.docs);
        let mut previous = Vec::new();
        for (i, doc) in changed {
            previous.push((i, std::mem::replace(&mut docs[i], doc)));
        }
        let assets = self.site.assets.clone();
        let link = |docs| {
            crate::link::link(
                crate::validate::Validated { docs, unusable: Vec::new() },
                assets.clone(),
                &self.schema,
                self.options.audience,
                self.site.rules,
            )
            .0
        };
        let site = link(docs);
        let mut all = file_problems.clone();
        all.extend(site.problems());
        if !all.is_ok() {
            let mut problems = site.problems();
            problems.retain(|d| d.severity == crate::diagnostic::Severity::Error);
            // Back to the previous documents.
            let mut docs = site.docs;
            for (i, old) in previous {
                docs[i] = old;
            }
            self.site = link(docs);
            return Err(Rejected::Problems(sorted(problems)));
        }
        self.site = site;
        self.prepared = Prepared::new(&self.input());
        self.doc_of = doc_index(&self.site);
        self.file_problems = file_problems;
        self.diagnostics = sorted(all);
        Ok(Applied::Relinked)
    }

    fn input(&self) -> RenderInput<'_> {
        input(&self.site, &self.schema, &self.config, &self.theme, self.options.today)
    }

    /// Every page's site path, in rendering order.
    pub fn page_paths(&self) -> Vec<String> {
        self.prepared.page_paths(&self.input())
    }

    /// The page at site path `path`, rendered now; `None` when there is no such page.
    pub fn page(&self, path: &str) -> Option<Result<String>> {
        self.prepared.page(&self.input(), path)
    }

    /// Any file of the site at `path`: a page (rendered now), a theme or content file, or one
    /// of the files made from every page at once (search index, exports, feed, sitemap),
    /// which are made the first time one of them is asked for.
    pub fn file(&self, path: &str) -> Option<Result<Vec<u8>>> {
        if let Some(page) = self.page(path) {
            return Some(page.map(String::into_bytes));
        }
        if let Some(name) = path.strip_prefix("assets/")
            && let Some((_, bytes)) = self.theme.assets.iter().find(|(n, _)| n == name)
        {
            return Some(Ok(bytes.clone()));
        }
        if let Some(asset) = self.site.assets.iter().find(|a| a.content_path == path) {
            // The file may have become a link since it was checked: read it only if it still
            // lies inside the site.
            let site =
                crate::files::SiteFolder::new(&self.options.root).map_err(|e| Error::io("read", &self.options.root, e));
            let admitted = site.and_then(|site| {
                site.admit(&asset.path)
                    .map_err(|refusal| Error::Other(format!("content/{path}: {}", refusal.message())))
            });
            return Some(admitted.and_then(|real| std::fs::read(&real).map_err(|e| Error::io("read", &asset.path, e))));
        }
        let whole = self.whole_site.get_or_init(|| {
            let output = MemoryOutput::default();
            crate::render::render_prepared(&self.input(), &self.prepared, &output).map_err(|e| e.to_string())?;
            Ok(output.files.into_inner().unwrap_or_default())
        });
        match whole {
            Ok(files) => files.get(path).map(|bytes| Ok(bytes.clone())),
            Err(message) => Some(Err(Error::Other(message.clone()))),
        }
    }

    /// Render the whole site into `output`, as `build` would.
    pub fn render_all(&self, output: &dyn Output) -> Result<usize> {
        crate::render::render_prepared(&self.input(), &self.prepared, output)
    }

    /// The content file on disk of the document with this type and id, for tests and tools.
    pub fn doc_path(&self, content_type: ContentType, id: &str) -> Option<&Path> {
        self.site.find(content_type, id).map(|i| self.site.docs[i].source.path.as_path())
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

fn input<'a>(site: &'a Site, schema: &'a Schema, config: &'a Config, theme: &'a Theme, today: Date) -> RenderInput<'a> {
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
