//! Fieldbook turns a folder of community assessments, case studies, projects and guidance,
//! written as markdown with frontmatter, into a checked, cross-linked website that works
//! offline.
//!
//! The data flows one way, each stage a module that takes the previous stage's output:
//!
//! 1. [`load`]: find the files under `content/`, read them, parse their frontmatter into
//!    located trees ([`load::RawDoc`]).
//! 2. [`validate`]: check each tree against the [`schema`] and turn it into a typed
//!    [`model::Doc`]. Stages 1 and 2 run file by file, in parallel, so a file's tree is gone
//!    once it is validated.
//! 3. [`link`]: give every document its page, resolve references and links, compute
//!    backlinks ([`link::Site`]).
//! 4. [`render`]: every page through its template, in parallel, each handed to a sink.
//! 5. [`write`](mod@write): the files go into a staging folder that replaces the output folder atomically.
//!
//! One type drives the stages: the site core, [`loaded::LoadedSite`], which owns a loaded
//! site (configuration, schema, theme, documents, links, the views prepared for rendering,
//! every problem found), with a full path that loads everything and an incremental path that
//! takes in changed files. [`check`] is its full path, [`build`] loads it for the build's
//! audience and renders and writes it, and [`serve`] keeps one between changes.
//!
//! Problems in content never stop a stage: each stage adds [`diagnostic::Diagnostic`]s and
//! carries on, so one run reports everything. Fatal problems (no site, unreadable folders) are
//! [`error::Error`]s.

pub mod codes;
pub mod config;
#[cfg(any(test, feature = "corpus"))]
pub mod corpus;
pub mod country;
pub mod coverage;
pub mod date;
pub mod diagnostic;
pub mod digest;
pub mod disclosure;
pub mod error;
pub mod figure_refs;
pub mod files;
pub mod fmt;
pub mod geo;
pub mod link;
pub mod load;
pub mod loaded;
pub mod locale;
pub mod markdown;
pub mod messages;
pub mod model;
pub mod raw_html;
pub mod reference;
pub mod render;
pub mod report;
pub mod round;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod source;
pub mod survey;
pub mod text;
pub mod timing;
pub mod validate;
pub mod write;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use config::{CONFIG_FILE, Config, SCHEMA_FILE};
use date::Date;
use diagnostic::{Diagnostic, Diagnostics, Location};
use error::{Error, Result};
use link::Audience;
use messages::Message;
use schema::Schema;
use source::SourceFile;

/// What to check, and for whom.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The site root (the folder with `fieldbook.toml`).
    pub root: PathBuf,
    /// Who the site is for: decides which pages exist for links.
    pub audience: Audience,
    /// The day review dates are measured against.
    pub today: Date,
}

/// A site loaded, validated and linked, with everything found wrong: the site core, as `check`
/// and `build` give it back.
pub type Checked = loaded::LoadedSite;

/// Read a text file of the site, for configuration and schema.
fn read_source(root: &Path, name: &str) -> Result<Option<SourceFile>> {
    let path = root.join(name);
    if files::is_link(&path) {
        // Settings are quoted back in messages: a linked fieldbook.toml must not show a file
        // of the build machine.
        let site = files::SiteFolder::new(root).map_err(|e| Error::io("read", root, e))?;
        if let Err(refusal) = site.admit(&path) {
            return Err(refusal.error(name));
        }
    }
    match std::fs::read(&path) {
        Ok(mut bytes) => {
            if bytes.starts_with(b"\xEF\xBB\xBF") {
                bytes.drain(..3);
            }
            // A byte that is not UTF-8 is shown where it is, as in a content file.
            let text =
                String::from_utf8(bytes).map_err(|e| Error::Problem(Box::new(load::not_utf8(name, &path, e))))?;
            Ok(Some(SourceFile::new(name, path, text)))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io("read", path, e)),
    }
}

/// The configuration of the site at `root`; a problem in it is an error that shows where.
pub fn read_config(root: &Path) -> Result<Config> {
    let source = read_source(root, CONFIG_FILE)?.ok_or_else(|| Error::NoSite(root.to_path_buf()))?;
    Config::parse(&source).map_err(Error::Problem)
}

/// The default language the fieldbook.toml of the site at `root` gives, read leniently, so
/// that a mistake in the settings can be reported in the site's language: `None` when the
/// file cannot be read as TOML or names no language.
pub fn site_language(root: &Path) -> Option<String> {
    let source = read_source(root, CONFIG_FILE).ok().flatten()?;
    Config::language_of(&source.text)
}

/// The schema in force for the site at `root`: the built-in schema with the site's schema.toml.
pub fn schema_in_force(root: &Path) -> Result<(Schema, Diagnostics)> {
    let source = read_source(root, SCHEMA_FILE)?;
    Ok(schema::load(source.as_ref()))
}

/// A site loaded and validated, file by file, not yet linked.
#[derive(Debug)]
pub struct Loaded {
    /// The configuration, if it could be read.
    pub config: Option<Config>,
    /// The schema in force.
    pub schema: Schema,
    /// The valid documents, in path order, and the ids of files that could not be used.
    pub validated: validate::Validated,
    /// Files under content/ that are not markdown and may be published.
    pub assets: Vec<load::Asset>,
    /// Files under content/ that are not published (hidden, a name that cannot be published,
    /// a kind or a content the checks refuse), as paths under content/, in path order.
    pub unpublished: Vec<String>,
    /// Every problem found so far (configuration, schema, each file), not sorted.
    pub diagnostics: Diagnostics,
    /// How many content files were looked at.
    pub files: usize,
}

/// `no-wording` for a site whose `language` the theme has no wording in, at that key of
/// fieldbook.toml.
fn no_wording_in_config(source: &source::SourceFile, lang: &str, wording: &[String]) -> Diagnostic {
    let mut at = 0;
    let mut span = None;
    for line in source.text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix("language")
            && rest.trim_start().starts_with('=')
        {
            let start = at + (line.len() - trimmed.len());
            span = Some(source::Span::new(start, start + line.trim_end().len() - (line.len() - trimmed.len())));
            break;
        }
        at += line.len();
    }
    let location = match span {
        Some(span) => diagnostic::Location::at(source, span),
        None => diagnostic::Location::file(source.display_path.clone()),
    };
    Diagnostic::warning_said("no-wording", location, validate::no_wording_message(lang, Message::new("site.the-site")))
        .with_help_said(validate::no_wording_help(lang, wording))
}

/// Whether the documents' bodies stay in memory once loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bodies {
    /// Kept: for `serve`, which renders pages again and again, and for the commands that
    /// rewrite content files.
    Keep,
    /// Forgotten as each file is loaded, once its outline (headings, links, quoted figures)
    /// has been read for linking: a build reads each body again when it renders its page, and
    /// `check` needs none after that. A large site's bodies (390 MB at 100,000 profiles) are
    /// then never in memory all at once.
    Forget,
}

/// Load and validate the site at `root`: stages 1 and 2, keeping the bodies.
pub fn load_site(root: &Path, today: Date) -> Result<Loaded> {
    load_site_with(root, today, Bodies::Keep)
}

/// Load and validate the site at `root`: stages 1 and 2, keeping the bodies or not.
pub fn load_site_with(root: &Path, today: Date, bodies: Bodies) -> Result<Loaded> {
    let mut diagnostics = Diagnostics::new();
    let config_source = read_source(root, CONFIG_FILE)?.ok_or_else(|| Error::NoSite(root.to_path_buf()))?;
    let schema_source = read_source(root, SCHEMA_FILE)?;
    let (schema, schema_diagnostics) = schema::load(schema_source.as_ref());
    diagnostics.extend(schema_diagnostics);
    let config = match Config::parse(&config_source) {
        Ok(config) => config,
        Err(d) => {
            diagnostics.push(*d);
            return Ok(Loaded {
                config: None,
                schema,
                validated: validate::Validated::default(),
                assets: Vec::new(),
                unpublished: Vec::new(),
                diagnostics,
                files: 0,
            });
        }
    };

    // Settings that are valid but will not do what they are meant to (a licence the data
    // package cannot name).
    for warning in config.warnings(&config_source) {
        diagnostics.push(warning);
    }
    // The site's own wording in the schema, in each language the site publishes in.
    diagnostics.extend(schema::languages::untranslated(&schema, &config.languages()));
    // The JSON Schemas are written in the site's language, so they are compared in it.
    for warning in stale_json_schemas(root, &schema, &config) {
        diagnostics.push(warning);
    }
    let content_dir = root.join("content");
    let discovered = if content_dir.is_dir() {
        let (discovered, discover_diagnostics) = load::discover(&content_dir, root);
        diagnostics.extend(discover_diagnostics);
        discovered
    } else {
        let help = match load::content_folder_named_otherwise(root) {
            Some(named) => Message::new("site.no-content-named-help").with("named", named),
            None => Message::new("site.no-content-help"),
        };
        diagnostics.push(
            Diagnostic::error_said("no-content", Location::file("content"), Message::new("site.no-content"))
                .with_help_said(help),
        );
        load::Discovered::default()
    };
    diagnostics.extend(load::content_folders_outside(root));
    let files = discovered.files.len();
    timing::count("files", files);
    timing::count("assets", discovered.assets.len());
    let validate::assets::CheckedAssets { kept: assets, refused, problems: asset_diagnostics } = {
        let _t = timing::stage("assets");
        validate::assets::check_assets(discovered.assets, &config)
    };
    // What is there but will not be published: skipped before reading, or refused by the checks.
    let mut unpublished = discovered.skipped;
    unpublished.extend(refused);
    unpublished.sort();
    diagnostics.extend(asset_diagnostics);
    let wording = render::theme::Theme::wording_languages(root);
    if !locale::has_wording(&wording, &config.language) {
        diagnostics.push(no_wording_in_config(&config_source, &config.language, &wording));
    }
    let context = validate::Context { schema: &schema, config: &config, today, wording: &wording };
    // Each file is read, parsed and validated in one task, so that its parsed tree is dropped
    // as soon as it is validated rather than every tree waiting in memory for the last file.
    let validated = {
        let _t = timing::stage("load+check");
        let outcomes: Vec<(Option<FileOutcome>, Diagnostics)> =
            discovered.files.into_par_iter().map(|file| load_and_validate(file, context, bodies)).collect();
        let mut validated = validate::Validated::default();
        // Room for every document at once: grown by pushing, it would keep up to twice that.
        validated.docs.reserve_exact(outcomes.len());
        if bodies == Bodies::Forget {
            validated.outlines.reserve_exact(outcomes.len());
        }
        for (outcome, file_diagnostics) in outcomes {
            diagnostics.extend(file_diagnostics);
            match outcome {
                Some(Ok((doc, outline))) => {
                    validated.docs.push(doc);
                    if bodies == Bodies::Forget {
                        validated.outlines.push(outline);
                    }
                }
                Some(Err(id)) => validated.unusable.push(id),
                None => {}
            }
        }
        timing::count("documents", validated.docs.len());
        validated
    };
    Ok(Loaded { config: Some(config), schema, validated, assets, unpublished, diagnostics, files })
}

/// What became of one content file: a document (with its body's outline when the body was
/// forgotten), or its type and id as unusable.
pub(crate) type FileOutcome =
    std::result::Result<(model::Doc, Option<markdown::Outline>), (model::ContentType, String)>;

/// Read, parse and validate one content file, with the problems found: the step a full load
/// takes for every file (in parallel) and an update for each changed one. `None` when the
/// file could not be read at all.
pub(crate) fn load_and_validate(
    file: load::ContentFile,
    context: validate::Context<'_>,
    bodies: Bodies,
) -> (Option<FileOutcome>, Diagnostics) {
    let (raw, mut diagnostics) = load::load_file(file);
    let outcome = raw.map(|raw| {
        let (result, validate_diagnostics) = validate::validate_file(raw, context);
        diagnostics.extend(validate_diagnostics);
        result.map(|mut doc| {
            // Read and checked: from here on only the body is needed, and a message about the
            // frontmatter reads the file again.
            let body_start = doc.body_start;
            match bodies {
                Bodies::Keep => {
                    doc.source.keep_from(body_start);
                    (doc, None)
                }
                Bodies::Forget => {
                    let outline = markdown::outline(doc.body());
                    doc.source.forget_body(body_start);
                    (doc, Some(outline))
                }
            }
        })
    });
    (outcome, diagnostics)
}

/// Load, validate and link the site at `options.root`: the site core's full path.
pub fn check(options: &CheckOptions) -> Result<Checked> {
    loaded::LoadedSite::load_with(options, Bodies::Forget)
}

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root.
    pub root: PathBuf,
    /// Include drafts.
    pub drafts: bool,
    /// Build the internal site (confidential pages and sensitive data) into the internal folder.
    pub internal: bool,
    /// Write into this folder instead of the one fieldbook.toml names (a preview deploy, a
    /// copy for a USB stick). The same guards apply: never the site folder, never inside
    /// `content/` or `themes/`, never over a folder Fieldbook did not make, never over the
    /// other kind of build.
    pub output_dir: Option<PathBuf>,
    /// Publish under this web address instead of fieldbook.toml's `base_url` (used by the
    /// feed, the sitemap and the exports' links to pages). A build with drafts or the
    /// internal build has an address only with this: fieldbook.toml's is the public site's.
    pub base_url: Option<String>,
    /// The day review dates are measured against.
    pub today: Date,
    /// Stop early and leave the previous site as it was when this turns true (Ctrl-C).
    pub cancel: Option<&'static std::sync::atomic::AtomicBool>,
    /// Counts files as they are written, for a progress display.
    pub progress: Option<std::sync::Arc<Progress>>,
    /// Make every file again, taking nothing from the previous build (`build --fresh`).
    pub fresh: bool,
}

/// How far a build is: files written so far, of how many (0 until known).
#[derive(Debug, Default)]
pub struct Progress {
    /// Files written.
    pub done: std::sync::atomic::AtomicUsize,
    /// Files the build will write, once rendering starts.
    pub total: std::sync::atomic::AtomicUsize,
}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Pages rendered.
    pub pages: usize,
    /// Files written, pages included.
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
    /// Files taken from the previous build, their inputs unchanged (counted in `files`).
    pub reused: usize,
    /// True when the output folder already held this very site, so nothing was written.
    pub unchanged: bool,
    /// The output folder.
    pub output: PathBuf,
}

/// Where a build's files go: its staging folder, stopping at Ctrl-C and counting progress.
struct BuildOutput<'a> {
    staging: &'a write::Staging,
    options: &'a BuildOptions,
}

impl BuildOutput<'_> {
    fn cancelled(&self) -> bool {
        self.options.cancel.is_some_and(|flag| flag.load(std::sync::atomic::Ordering::Relaxed))
    }

    fn written(&self) -> Result<()> {
        self.count(1);
        Ok(())
    }

    fn count(&self, files: usize) {
        if let Some(progress) = &self.options.progress {
            progress.done.fetch_add(files, std::sync::atomic::Ordering::Relaxed);
        }
    }
}

impl render::Output for BuildOutput<'_> {
    fn file(&self, file: render::OutputFile) -> Result<()> {
        if self.cancelled() {
            return Err(Error::Interrupted);
        }
        self.staging.write(&file)?;
        self.written()
    }

    fn stream(&self, path: &str, write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>) -> Result<()> {
        if self.cancelled() {
            return Err(Error::Interrupted);
        }
        self.staging.stream(path, write)?;
        self.written()
    }

    fn caches(&self) -> bool {
        true
    }

    fn reuse(&self, unit: &str, key: digest::Digest) -> Result<bool> {
        if self.cancelled() {
            return Err(Error::Interrupted);
        }
        Ok(self.staging.reuse(unit, key).inspect(|&files| self.count(files)).is_some())
    }

    fn made(&self, unit: &str, key: digest::Digest, paths: Vec<String>) {
        self.staging.made(unit, key, paths);
    }
}

/// Check the site and, if it has no errors, build it into its output folder. Returns the check
/// (with every problem found) and, when the site was built, what was written.
pub fn build(options: &BuildOptions) -> Result<(Checked, Option<BuildReport>)> {
    let audience = Audience { drafts: options.drafts, internal: options.internal };
    // Each body is read again when its page is rendered: none stays in memory meanwhile.
    let mut core = loaded::LoadedSite::load_with(
        &CheckOptions { root: options.root.clone(), audience, today: options.today },
        Bodies::Forget,
    )?;
    match &options.base_url {
        Some(url) => core.set_base_url(Some(config::base_url(url).map_err(Error::Said)?)),
        // fieldbook.toml's address is the public site's. A build with drafts or confidential
        // pages is not published there: addresses under it would send the readers of its
        // exports and feed to pages that are not there. Such a build has an address only when
        // given one.
        None if options.drafts || options.internal => core.set_base_url(None),
        None => {}
    }
    let Some(config) = core.config().filter(|_| core.diagnostics().is_ok()) else { return Ok((core, None)) };
    let (kind, dir, other) = if options.internal {
        (write::Kind::Internal, &config.internal_output_dir, &config.output_dir)
    } else {
        (write::Kind::Public, &config.output_dir, &config.internal_output_dir)
    };
    let output = write::normalize(options.output_dir.as_deref().unwrap_or(&options.root.join(dir)));
    // The output folder is checked before the views are made, so a refused folder is told at once.
    write::check_output_dir(&options.root, &output, kind, &write::normalize(&options.root.join(other)))?;
    if !core.prepare() {
        return Ok((core, None));
    }
    if !options.fresh
        && let Some(site) = write::UnchangedSite::open(&output)?
        && let Some(report) = unchanged(&core, &site, options)
    {
        return Ok((core, Some(report)));
    }
    let mut staging = write::Staging::create(&output, kind)?;
    if options.fresh {
        staging = staging.fresh();
    }
    let plan = |total: usize| {
        if let Some(progress) = &options.progress {
            progress.total.store(total, std::sync::atomic::Ordering::Relaxed);
        }
    };
    let render_timer = timing::stage("render");
    let output = BuildOutput { staging: &staging, options };
    let pages = core.render_once(&output, Some(&plan))?;
    if output.cancelled() {
        return Err(Error::Interrupted);
    }
    drop(render_timer);
    let (files, bytes) = staging.written();
    let reused = staging.reused();
    timing::count("pages", pages);
    timing::count("written", files);
    timing::count("reused", reused);
    let output = {
        let _t = timing::stage("commit");
        staging.commit()?
    };
    Ok((core, Some(BuildReport { pages, files, bytes, reused, unchanged: false, output })))
}

/// The report of a build that found the output folder already holding what it would write
/// (the build cache's keys all the same, every other file the same bytes, no file more),
/// or `None` when anything differs and the site must be built.
fn unchanged(core: &Checked, site: &write::UnchangedSite, options: &BuildOptions) -> Option<BuildReport> {
    let _t = timing::stage("compare");
    let compare = CompareOutput { site, differs: std::sync::atomic::AtomicBool::new(false) };
    let pages = core.render_with_plan(&compare, None).ok()?;
    if compare.differs.load(std::sync::atomic::Ordering::Relaxed) || !site.holds_nothing_else() {
        return None;
    }
    let (files, bytes) = site.found();
    if let Some(progress) = &options.progress {
        progress.total.store(files, std::sync::atomic::Ordering::Relaxed);
        progress.done.store(files, std::sync::atomic::Ordering::Relaxed);
    }
    Some(BuildReport { pages, files, bytes, reused: files, unchanged: true, output: site.target().to_path_buf() })
}

/// Where a build's files go to be compared with the site already in the output folder: it
/// stops at the first difference (see [`write::UnchangedSite`]).
struct CompareOutput<'a> {
    site: &'a write::UnchangedSite,
    differs: std::sync::atomic::AtomicBool,
}

impl CompareOutput<'_> {
    fn differ(&self) -> Result<()> {
        self.differs.store(true, std::sync::atomic::Ordering::Relaxed);
        // Only stops the rendering: the flag, not this error, says what happened.
        Err(Error::Other("the site in the output folder differs".into()))
    }
}

impl render::Output for CompareOutput<'_> {
    fn file(&self, file: render::OutputFile) -> Result<()> {
        if self.site.has_file(&file.path, &file.bytes) { Ok(()) } else { self.differ() }
    }

    fn stream(&self, path: &str, write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>) -> Result<()> {
        let mut bytes = Vec::new();
        write(&mut bytes).map_err(|e| Error::io("write", path, e))?;
        self.file(render::OutputFile { path: path.to_string(), bytes })
    }

    fn caches(&self) -> bool {
        true
    }

    fn reuse(&self, unit: &str, key: digest::Digest) -> Result<bool> {
        if self.site.has_unit(unit, key) { Ok(true) } else { self.differ().map(|()| false) }
    }
}

/// The folder `schema --json-schema` writes into by default, and `check` looks at.
pub const JSON_SCHEMA_DIR: &str = "schemas";

/// A warning for the JSON Schemas in `schemas/` that no longer match the schema in force in
/// the site's `language` (schema.toml or the language changed since they were written), or
/// are missing for one of its languages: editors would check against old ones. One file is
/// told as it is; several are told in one warning, since one command writes them all again
/// (a change to schema.toml makes every one stale at once).
fn stale_json_schemas(root: &Path, schema: &Schema, config: &Config) -> Vec<Diagnostic> {
    let mut stale = stale_json_schema_files(root, schema, config);
    if stale.len() < 2 {
        return stale.into_iter().map(|(_, d)| d).collect();
    }
    stale.sort_by(|a, b| a.0.cmp(&b.0));
    let names: Vec<&str> = stale.iter().map(|(name, _)| name.as_str()).collect();
    let message = Message::new("site.json-schemas-stale").count("n", names.len() as u64).all_of("files", &names);
    let location = Location::file(format!("{JSON_SCHEMA_DIR}/"));
    vec![
        Diagnostic::warning_said("stale-json-schema", location, message)
            .with_help_said(Message::new("site.stale-json-schemas-help")),
    ]
}

/// Each JSON Schema of `schemas/` that is stale or missing, by file name, with its warning.
fn stale_json_schema_files(root: &Path, schema: &Schema, config: &Config) -> Vec<(String, Diagnostic)> {
    let dir = root.join(JSON_SCHEMA_DIR);
    if !dir.is_dir() {
        return Vec::new();
    }
    let help = || Message::new("site.stale-json-schema-help");
    json_schema_files(schema, &config.language, &config.languages)
        .into_iter()
        .filter_map(|(name, translations, current)| {
            let location = Location::file(format!("{JSON_SCHEMA_DIR}/{name}"));
            let Ok(written) = std::fs::read_to_string(dir.join(&name)) else {
                // A type's own schema left out is the site's choice; a language's, one added since.
                let language = translations?;
                let message = Message::new("site.json-schema-missing").with("language", language);
                return Some((
                    name,
                    Diagnostic::warning_said("stale-json-schema", location, message).with_help_said(help()),
                ));
            };
            (written != current).then(|| {
                let message = Message::new("site.json-schema-stale");
                (name, Diagnostic::warning_said("stale-json-schema", location, message).with_help_said(help()))
            })
        })
        .collect()
}

/// The JSON Schemas of a site, by file name: each content type's (`community.schema.json`),
/// its descriptions in the site's `language`, then, for each other language the site lists,
/// its translations' (`community.fr.schema.json`, in French, nothing required).
/// Each is `(file name, the language of the translations it is for, text)`.
pub fn json_schema_files(
    schema: &Schema,
    language: &str,
    languages: &[String],
) -> Vec<(String, Option<String>, String)> {
    use schema::json_schema::{all_to_text, file_name, translation_file_name};
    let mut files: Vec<(String, Option<String>, String)> =
        all_to_text(schema, language, false).into_iter().map(|(t, text)| (file_name(t), None, text)).collect();
    for language in languages.iter().filter(|l| *l != language) {
        for (t, text) in all_to_text(schema, language, true) {
            files.push((translation_file_name(t, language), Some(language.clone()), text));
        }
    }
    files
}

/// Write the JSON Schemas of a site in `language` that lists `languages` (see
/// [`json_schema_files`]) into `dir` (created if needed). A file whose content would not
/// change is left untouched, so editors watching it do not reload. Returns the files written
/// or confirmed.
pub fn write_json_schemas(schema: &Schema, dir: &Path, language: &str, languages: &[String]) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
    let mut paths = Vec::new();
    for (name, _, text) in json_schema_files(schema, language, languages) {
        let path = dir.join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text).map_err(|e| Error::io("write", &path, e))?;
        }
        paths.push(path);
    }
    Ok(paths)
}
