//! Stage 4, render: every page of the linked site through its template, in parallel.
//!
//! Each finished file goes to a sink as soon as it is rendered (the build writes it to disk,
//! `serve` keeps it in memory), so memory holds one page per thread, not the whole site.

mod cache;
pub mod charts;
pub mod export;
pub mod feed;
mod figures;
pub use figures::fill_prose;
pub mod format;
pub mod geojson;
mod index;
pub mod maps;
pub mod markdown;
mod memo;
mod outputs;
pub use outputs::published_asset;
pub mod pages;
pub mod search;
mod tables;
pub mod theme;
pub mod views;
mod voice;
pub use voice::Voice;
use voice::{env_in, spoken_in};

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::config::Config;
use crate::date::Date;
use crate::error::{Error, Result};
use crate::link::{Site, routes};
use crate::model::ContentType;
use crate::schema::Schema;
use pages::{Frame, Job, Lookups, Page};
use theme::Theme;
use views::{Env, Link};

/// A file of the site, ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path under the output folder, with `/`.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// Where rendered files go: the staging folder of a build, or memory (for `serve`).
pub trait Output: Sync {
    /// Write a whole file.
    fn file(&self, file: OutputFile) -> Result<()>;

    /// Write a large file in pieces, in order, without holding all of it in memory at once.
    fn stream(&self, path: &str, write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>) -> Result<()> {
        let mut bytes = Vec::new();
        write(&mut bytes).map_err(|e| Error::io("write", path, e))?;
        self.file(OutputFile { path: path.to_string(), bytes })
    }

    /// True when this sink can take files from a previous build (a build's staging folder):
    /// rendering then works out each file's key (`render::cache`) and offers it through
    /// [`Output::reuse`] before making the file.
    fn caches(&self) -> bool {
        false
    }

    /// Take the files the previous build made for `unit` (a page's path, or the name of a
    /// group of files made together) if it made them from inputs of the same digest `key`.
    /// True when taken: the unit need not be made. False when it must be made, and then
    /// recorded with [`Output::made`].
    fn reuse(&self, unit: &str, key: crate::digest::Digest) -> Result<bool> {
        let _ = (unit, key);
        Ok(false)
    }

    /// Record that `unit` was made from inputs of digest `key`, as the files `paths` (for a
    /// page, empty: its one file is at its own path).
    fn made(&self, unit: &str, key: crate::digest::Digest, paths: Vec<String>) {
        let _ = (unit, key, paths);
    }
}

/// An output that passes every file on to another and notes their paths: the files of a unit
/// of the build cache made of several files.
struct Recorder<'a> {
    output: &'a dyn Output,
    paths: std::sync::Mutex<Vec<String>>,
}

impl<'a> Recorder<'a> {
    fn new(output: &'a dyn Output) -> Recorder<'a> {
        Recorder { output, paths: Default::default() }
    }

    fn note(&self, path: &str) {
        if let Ok(mut paths) = self.paths.lock() {
            paths.push(path.to_string());
        }
    }

    /// Make a unit of several files through `make`, unless the previous build's can be
    /// taken; with `key` `None` (no cache), just make it.
    fn unit(
        output: &dyn Output,
        unit: &str,
        key: Option<crate::digest::Digest>,
        make: impl FnOnce(&dyn Output) -> Result<()>,
    ) -> Result<()> {
        let Some(key) = key else { return make(output) };
        if output.reuse(unit, key)? {
            return Ok(());
        }
        let recorder = Recorder::new(output);
        make(&recorder)?;
        let mut paths = recorder.paths.into_inner().unwrap_or_default();
        paths.sort();
        output.made(unit, key, paths);
        Ok(())
    }
}

impl Output for Recorder<'_> {
    fn file(&self, file: OutputFile) -> Result<()> {
        self.note(&file.path);
        self.output.file(file)
    }

    fn stream(&self, path: &str, write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>) -> Result<()> {
        self.note(path);
        self.output.stream(path, write)
    }
}

/// Everything rendering needs.
#[derive(Clone, Copy)]
pub struct RenderInput<'a> {
    /// The linked site.
    pub site: &'a Site,
    /// The schema in force, as the site's files give it (in English, with the site's own
    /// translations in `labels`). Rendering speaks each page's language through a
    /// [`Voice`]: the schema localized, the theme's wording, numbers and dates.
    pub schema: &'a Schema,
    /// Site settings.
    pub config: &'a Config,
    /// The theme.
    pub theme: &'a Theme,
    /// The day review states are measured against.
    pub today: Date,
    /// Told how many files will be rendered, once that is known (for progress displays).
    pub on_plan: Option<&'a (dyn Fn(usize) + Sync)>,
}

/// The menu: every section, reachable from every page.
#[derive(Debug, Serialize)]
struct MenuItem {
    key: &'static str,
    label: String,
    path: String,
}

/// What rendering needs besides the input, computed once per version of the site: the
/// lookups, the templates with the site's globals, and every page's job. A build makes it
/// once and renders every page; `serve` keeps it and renders each page when it is asked for.
pub struct Prepared {
    lookups: Lookups,
    /// The site's language first, then every other language a page of the site is written in.
    voices: Vec<Voice>,
    needs: Needs,
    /// Every page, with its path and template: the one table build and `serve` both use.
    pages: Vec<Page>,
    by_path: std::collections::HashMap<String, usize>,
}

impl Prepared {
    /// Prepare to render the site of `input`.
    pub fn new(input: &RenderInput<'_>) -> Prepared {
        let site_voice = Voice::new(input, &input.config.language);
        let lookups = {
            let _t = crate::timing::stage("lookups");
            let voiced = site_voice.input(input);
            Lookups::new(&site_voice.env(&voiced), input.config.listing.page_size)
        };
        let mut prepared = Prepared {
            lookups,
            voices: vec![site_voice],
            needs: Needs::default(),
            pages: Vec::new(),
            by_path: Default::default(),
        };
        prepared.index(input);
        prepared
    }

    /// Prepare again after documents `changed` were replaced in the site (same ids and
    /// visibility, see [`crate::link::Site::relink`]): only what is made of them alone (their
    /// cards, rows and search entries, and those of the pages that show them) is made again.
    pub fn refresh(&mut self, input: &RenderInput<'_>, changed: &[usize]) {
        self.update(input, &crate::link::Changes::in_place(input.site.docs.len(), changed));
    }

    /// Prepare again for a new version of the site, whose documents relate to the previous
    /// version's as `changes` says (see [`crate::link::Site::relinked`]): what is made of one
    /// document alone is kept for each document the change did not reach; every list across
    /// documents, and the page table, are made again.
    pub fn update(&mut self, input: &RenderInput<'_>, changes: &crate::link::Changes) {
        // Profiles edited in place: the globals (the about page) are the same, and so is every
        // page's path and job.
        let voiced = self.voices[0].input(input);
        if self.lookups.update_in_place(&self.voices[0].env(&voiced), changes) {
            return;
        }
        // The site's globals (the about page's title and path) are the site's: made again.
        self.voices.truncate(1);
        self.voices[0] = Voice::new(input, &input.config.language);
        let voiced = self.voices[0].input(input);
        self.lookups.update(&self.voices[0].env(&voiced), changes);
        self.index(input);
    }

    /// Make a voice for each language pages are written in, and list every page, with its
    /// path.
    fn index(&mut self, input: &RenderInput<'_>) {
        let site = input.site;
        let languages: std::collections::BTreeSet<&str> =
            site.docs.iter().filter_map(|d| d.language.as_deref()).filter(|l| *l != input.config.language).collect();
        self.voices.truncate(1);
        for language in languages {
            self.voices.push(Voice::new(input, language));
        }
        self.needs = Needs::of(input.theme);
        let voiced = self.voices[0].input(input);
        let jobs = self.lookups.jobs(&self.voices[0].env(&voiced));
        let renderer = self.renderer(input);
        let mut pages: Vec<Page> = jobs.iter().map(|&job| renderer.page_of(job, 0)).collect();
        // The site's own pages again in each of the site's other languages that pages are
        // written in, in that language's folder: every page but the content pages (each
        // translation is a page of its own) and the 404 page (one for the whole site).
        for k in (1..self.voices.len()).filter(|&k| self.voices[k].has_sections()) {
            let own = jobs.iter().filter(|job| !matches!(job, Job::Doc(_) | Job::NotFound));
            pages.extend(own.map(|&job| renderer.page_of(job, k)));
        }
        self.by_path = pages.iter().enumerate().map(|(n, page)| (page.path.clone(), n)).collect();
        self.pages = pages;
    }

    fn renderer<'a>(&'a self, input: &RenderInput<'a>) -> Renderer<'a> {
        let voice = &self.voices[0];
        let source = *input;
        let input = voice.input(input);
        Renderer {
            input,
            source,
            env: voice.env(&input),
            lookups: &self.lookups,
            tera: &voice.tera,
            needs: self.needs,
            pages: &self.pages,
            voices: &self.voices,
            by_path: &self.by_path,
            language: &voice.language,
            voice: 0,
            memo: std::sync::Arc::new(memo::Memo::new(self.voices.len())),
        }
    }

    /// The voice of `language`: the site's, or that of pages written in another language.
    /// `None` for a language no page of the site is written in.
    pub fn voice(&self, language: &str) -> Option<&Voice> {
        self.voices.iter().find(|v| v.language == language)
    }

    /// The site paths of every page, in rendering order (from the page table; `input` is
    /// no longer needed and is kept for the callers).
    pub fn page_paths<'s>(&'s self, _input: &'s RenderInput<'s>) -> Vec<String> {
        self.pages.iter().map(|page| page.path.clone()).collect()
    }

    /// Every page of the site, in rendering order, with its path and template.
    pub fn pages(&self) -> &[Page] {
        &self.pages
    }

    /// The search index's files (`search/meta.js`, the shards), made now from the site alone,
    /// without rendering any page.
    pub fn search_index(&self, input: &RenderInput<'_>, output: &dyn Output) -> Result<()> {
        self.renderer(input).write_search_index(output, true)
    }

    /// The page at site path `path` (`communities/tanger-nord.html`), rendered now; `None` if
    /// no page has that path (assets, exports and the search index are not pages).
    pub fn page(&self, input: &RenderInput<'_>, path: &str) -> Option<Result<String>> {
        let &n = self.by_path.get(path)?;
        Some(self.renderer(input).page(&self.pages[n]).and_then(|html| {
            String::from_utf8(html).map_err(|e| Error::Template(format!("page {path} is not UTF-8: {e}")))
        }))
    }
}

/// Most pages a core takes on at once while rendering.
const PAGES_PER_PIECE: usize = 16;

/// Render every page and asset of a prepared site into `output`. The frontmatter's prose is
/// published as the documents hold it: the site core fills in the figures it quotes first
/// ([`fill_prose`]), before it prepares the site.
pub fn render_prepared(input: &RenderInput<'_>, prepared: &Prepared, output: &dyn Output) -> Result<usize> {
    let keys = render_pages(input, prepared, output)?;
    render_after_pages(input, prepared, output, keys.as_ref())
}

/// Render a prepared site into `output` once, as a build does: the cards and rows that only
/// pages show are dropped once the pages are written, before the search index and the
/// exports (a tenth of the peak at 100,000 profiles).
pub fn render_once(input: &RenderInput<'_>, mut prepared: Prepared, output: &dyn Output) -> Result<usize> {
    let keys = render_pages(input, &prepared, output)?;
    prepared.lookups.drop_page_views();
    render_after_pages(input, &prepared, output, keys.as_ref())
}

/// Render every page into `output`; returns the build cache's keys when `output` takes them.
fn render_pages(input: &RenderInput<'_>, prepared: &Prepared, output: &dyn Output) -> Result<Option<cache::Keys>> {
    let renderer = prepared.renderer(input);
    let lookups = &prepared.lookups;
    let pages = &prepared.pages;
    let fault = Fault::from_env();
    if let Some(on_plan) = input.on_plan {
        // Pages, assets, one export per profile, project and case study, the fixed exports and a
        // feed for each other language with a folder; search shards come on top.
        let profiles = [ContentType::Community, ContentType::Project, ContentType::CaseStudy]
            .iter()
            .map(|t| lookups.by_type[t].len())
            .sum::<usize>();
        let feeds = renderer.voices.iter().filter(|v| v.has_sections()).count();
        on_plan(
            pages.len()
                + input.theme.assets.len()
                + input.site.assets.len()
                + profiles
                + outputs::FILES_AFTER_PAGES
                + feeds,
        );
    }
    let keys = if output.caches() {
        let _t = crate::timing::stage("keys");
        crate::digest::program().map(|program| cache::Keys::new(input, program))
    } else {
        None
    };
    let _pages_timer = crate::timing::stage("pages");
    // A template that fails on a page does not stop the others: its failures are reported
    // together, one for each place in a template (see `theme::failure::grouped`).
    let failures = std::sync::Mutex::new(Vec::new());
    // Small pieces of work: pages differ in cost (a coverage page takes many times a tag
    // page), and big pieces left one core rendering alone at the end.
    pages.par_iter().with_max_len(PAGES_PER_PIECE).enumerate().try_for_each(|(n, page)| {
        fault.strike(n);
        let key = keys.as_ref().map(|keys| keys.page(page));
        if let Some(key) = key
            && output.reuse(&page.path, key)?
        {
            return Ok(());
        }
        let html = match renderer.page(page) {
            Ok(html) => html,
            Err(Error::Problems(found)) => {
                failures
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .extend(found.into_iter().map(|d| (page.path.clone(), d)));
                return Ok(());
            }
            Err(e) => return Err(e),
        };
        output.file(OutputFile { path: page.path.clone(), bytes: html })?;
        if let Some(key) = key {
            output.made(&page.path, key, Vec::new());
        }
        Ok(())
    })?;
    let failures = failures.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    if !failures.is_empty() {
        return Err(Error::Problems(theme::failure::grouped(failures)));
    }
    Ok(keys)
}

/// Render what comes after the pages (search index, exports, feed) and copy the assets.
fn render_after_pages(
    input: &RenderInput<'_>,
    prepared: &Prepared,
    output: &dyn Output,
    keys: Option<&cache::Keys>,
) -> Result<usize> {
    prepared.renderer(input).write_after_pages(output, keys)?;
    for (name, bytes) in &input.theme.assets {
        output.file(OutputFile { path: format!("assets/{name}"), bytes: bytes.clone() })?;
    }
    outputs::copy_assets(input, output)?;
    Ok(prepared.pages.len())
}

/// Faults the tests can inject into a build, through `FIELDBOOK_FAULT`, to prove that an
/// interrupted or crashing build leaves the previous site as it was. Read only by debug
/// builds, never by a release binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    None,
    /// Pause on every page, so that a test can interrupt the build midway.
    Slow,
    /// Panic in a rendering thread, after some pages were written.
    Panic,
}

impl Fault {
    fn from_env() -> Fault {
        // Only debug builds (the tests' binary) read it: a release build never looks.
        if !cfg!(debug_assertions) {
            return Fault::None;
        }
        match std::env::var("FIELDBOOK_FAULT").as_deref() {
            Ok("slow-rendering") => Fault::Slow,
            Ok("panic-while-rendering") => Fault::Panic,
            _ => Fault::None,
        }
    }

    fn strike(self, page: usize) {
        match self {
            Fault::None => {}
            Fault::Slow => std::thread::sleep(std::time::Duration::from_millis(20)),
            Fault::Panic => {
                if page == 10 {
                    panic!("injected fault: panic while rendering page {page}");
                }
            }
        }
    }
}

/// Which of the costliest page values the theme's templates read, as its manifest says (see
/// [`theme::manifest`]): each is made only if so.
#[derive(Debug, Clone, Copy, Default)]
struct Needs {
    /// A profile's indicators as values (`groups`), for a theme's own loop.
    groups: bool,
    /// A profile's indicator tables, ready (`indicator_tables`).
    indicator_tables: bool,
    /// A profile's criteria as values (`criteria`), for a theme's own loop.
    criteria: bool,
    /// A profile's criteria table, ready (`criteria_table`).
    criteria_table: bool,
    /// A profile's research areas as values (`research`), for a theme's own loop.
    research: bool,
    /// A profile's research list, ready (`research_list`).
    research_list: bool,
    /// An indicator page's rows as values (`rows`), for a theme's own loop.
    rows: bool,
    /// An indicator page's comparison table, ready (`comparison_table`).
    comparison_table: bool,
    /// For each content page template (see [`DOC_TEMPLATES`]): whether it reads the page's
    /// facts as values (`doc.facts`), and whether it shows them drawn (`facts_list`).
    facts: [(bool, bool); DOC_TEMPLATES.len()],
}

impl Needs {
    fn of(theme: &theme::Theme) -> Needs {
        let reads = |template: &str, value: &str| theme.reads.reads(template, value);
        Needs {
            groups: reads("community.html", "groups"),
            indicator_tables: reads("community.html", "indicator_tables"),
            criteria: reads("community.html", "criteria"),
            criteria_table: reads("community.html", "criteria_table"),
            research: reads("community.html", "research"),
            research_list: reads("community.html", "research_list"),
            rows: reads("indicator.html", "rows"),
            comparison_table: reads("indicator.html", "comparison_table"),
            facts: DOC_TEMPLATES.map(|t| (reads(t, "facts"), reads(t, "facts_list"))),
        }
    }
}

/// The templates of content pages, by content type.
const DOC_TEMPLATES: [&str; 5] = ["community.html", "case_study.html", "project.html", "guidance.html", "page.html"];

/// The template of a content page of type `kind`, and its place in [`DOC_TEMPLATES`].
fn doc_template(kind: ContentType) -> (usize, &'static str) {
    let n = match kind {
        ContentType::Community => 0,
        ContentType::CaseStudy => 1,
        ContentType::Project => 2,
        ContentType::Guidance => 3,
        ContentType::Page => 4,
    };
    (n, DOC_TEMPLATES[n])
}

/// The template each job's page is rendered through.
fn job_template(job: Job, site: &Site) -> &'static str {
    match job {
        Job::Home => "home.html",
        Job::Doc(i) => doc_template(site.docs[i].content_type).1,
        Job::Listing(..) => "listing.html",
        Job::Countries | Job::Tags => "terms.html",
        Job::Country(..) | Job::Tag(..) => "term.html",
        Job::Indicators => "indicators.html",
        Job::Indicator(..) => "indicator.html",
        Job::Criteria(_) => "criteria.html",
        Job::Research => "research.html",
        Job::Approaches => "approaches.html",
        Job::Approach(_) => "approach.html",
        Job::Sector(_) | Job::Topic(_) => "sector.html",
        Job::NotFound => "404.html",
        Job::Search => "search.html",
        Job::Data => "data.html",
        Job::Coverage(_) => "coverage.html",
    }
}

struct Renderer<'a> {
    /// The input, with the schema of this renderer's language.
    input: RenderInput<'a>,
    /// The input as given, with the schema as the site's files give it.
    source: RenderInput<'a>,
    env: Env<'a>,
    lookups: &'a Lookups,
    tera: &'a tera::Tera,
    needs: Needs,
    /// The page table, for the sitemap. While the table is being made this is the previous
    /// one, but then only `page_of` runs, which does not read it.
    pages: &'a [Page],
    /// Every language's voice, the site's first.
    voices: &'a [Voice],
    /// Where each page of the table is, by path (see `pages` for while it is being made).
    by_path: &'a std::collections::HashMap<String, usize>,
    /// The language this renderer speaks: the site's, or that of its voice.
    language: &'a str,
    /// Which of `voices` this renderer speaks in.
    voice: usize,
    /// What the pages of this pass share in each language (see [`memo`]).
    memo: std::sync::Arc<memo::Memo>,
}

impl<'a> Renderer<'a> {
    /// This renderer in the voice of `language`, when a page is written in a language other
    /// than the site's; `None` when it is the site's (or no voice was made for it).
    fn in_language(&self, language: &str) -> Option<Renderer<'a>> {
        let k = self.voices.iter().skip(1).position(|v| v.language == language)? + 1;
        let voice = &self.voices[k];
        let input = voice.input(&self.source);
        Some(Renderer {
            input,
            source: self.source,
            env: voice.env(&input),
            lookups: self.lookups,
            tera: &voice.tera,
            needs: self.needs,
            pages: self.pages,
            voices: self.voices,
            by_path: self.by_path,
            language: &voice.language,
            voice: k,
            memo: std::sync::Arc::clone(&self.memo),
        })
    }

    /// Whether this renderer speaks the site's language, in which the lookups' cards and rows
    /// are made.
    fn speaks_site_language(&self) -> bool {
        self.language == self.source.config.language
    }

    /// What the pages of this pass in this renderer's language share.
    fn memo(&self) -> &memo::VoiceMemo {
        self.memo.of(self.voice, self.input.site, self.language)
    }

    /// A page's bytes. Not checked as UTF-8 here: Tera writes only whole strings, and a build
    /// writes the bytes straight out (the live preview, which wants text, checks).
    fn render(&self, template: &str, ctx: &Context) -> Result<Vec<u8>> {
        // Most pages are 10 to 30 KB: start there rather than growing the buffer step by step.
        let mut out = Vec::with_capacity(32 * 1024);
        self.tera.render_to(template, ctx, &mut out).map_err(|e| Error::Rendering(Box::new(e)))?;
        Ok(out)
    }

    /// A breadcrumb to `path`, a page of the site's own, in this renderer's language.
    fn crumb(&self, key: &str, path: &str) -> Link {
        Link { label: self.env.t(key), path: self.env.section(path) }
    }

    fn frame<'s>(&self, path: String, title: String, crumbs: Vec<Link>, section: &'s str) -> Frame<'s> {
        let lang = self.language.to_string();
        let alternates = self.own_page_versions(&path);
        Frame { path, title, crumbs, section, lang, sections: self.env.sections.to_string(), alternates }
    }

    /// Document `i` in every language it is published in: its original, then its visible
    /// translations in the order of the site's `languages`. Empty when it has no translation.
    fn alternates(&self, i: usize) -> Vec<pages::Alternate> {
        let site = self.input.site;
        let config = self.input.config;
        let original = site.original_of(i);
        let mut group: Vec<usize> = site.translations[original].iter().copied().filter(|&t| site.visible[t]).collect();
        if group.is_empty() {
            return Vec::new();
        }
        let languages = config.languages();
        let language_of = |d: usize| site.docs[d].language.clone().unwrap_or_else(|| config.language.clone());
        group.sort_by_key(|&t| (languages.iter().position(|l| *l == language_of(t)).unwrap_or(usize::MAX), t));
        std::iter::once(original)
            .chain(group)
            .map(|d| self.alternate(language_of(d), site.paths[d].clone(), d == i))
            .collect()
    }

    /// The page at `path` as published in `lang`, for the language switcher.
    fn alternate(&self, lang: String, path: String, current: bool) -> pages::Alternate {
        // Each language is named in itself, whatever the page's language.
        let key = format!("language_name_{lang}");
        let name = match self.env.locale.texts().get(&key) {
            Some(name) => name.clone(),
            None => lang.clone(),
        };
        pages::Alternate { dir: if crate::config::is_rtl(&lang) { "rtl" } else { "ltr" }, name, path, current, lang }
    }

    /// A job's entry in the page table, in voice `voice`: where its page is written and
    /// through which template. The only place a page's path is made; rendering takes it from
    /// the table.
    fn page_of(&self, job: Job, voice: usize) -> Page {
        let path = match voice {
            0 => self.job_path(job),
            k => routes::in_language(&self.voices[k].language, &self.job_path(job)),
        };
        Page { job, voice, path, template: job_template(job, self.input.site) }
    }

    fn job_path(&self, job: Job) -> String {
        let lk = self.lookups;
        let schema = self.input.schema;
        match job {
            Job::Home => routes::HOME.into(),
            Job::Doc(i) => self.input.site.paths[i].clone(),
            Job::Listing(t, n) => routes::paginated(&routes::listing(t).unwrap_or_default(), n),
            Job::Countries => routes::COUNTRIES.into(),
            Job::Tags => routes::TAGS.into(),
            Job::Country(ci, n) => routes::paginated(&routes::country(&lk.countries[ci].0), n),
            Job::Tag(ti, n) => routes::paginated(&routes::tag(&lk.tags[ti].0), n),
            Job::Indicators => routes::INDICATORS.into(),
            Job::Indicator(ii, n) => routes::paginated(&routes::indicator(&schema.indicators[ii].term.id), n),
            Job::Criteria(n) => routes::paginated(routes::CRITERIA, n),
            Job::Research => routes::RESEARCH.into(),
            Job::Approaches => routes::APPROACHES.into(),
            Job::Approach(a) => routes::approach(&schema.approaches[a].term.id),
            Job::Sector(sector) => routes::sector(&schema.sectors[sector].id),
            Job::Topic(t) => routes::topic(&schema.guidance_topics[t].id),
            Job::NotFound => routes::NOT_FOUND.into(),
            Job::Search => routes::SEARCH.into(),
            Job::Data => routes::DATA.into(),
            Job::Coverage(n) => routes::paginated(routes::COVERAGE, n),
        }
    }

    /// Render the page of the table entry `page`. A template's failure is located in the
    /// template, with the page it was making (see [`theme::failure`]).
    fn page(&self, page: &Page) -> Result<Vec<u8>> {
        // A page of the site's own in another language is made in that language's voice.
        let voiced = match page.voice {
            0 => None,
            k => self.in_language(&self.voices[k].language),
        };
        voiced.as_ref().unwrap_or(self).make_page(page).map_err(|e| match e {
            Error::Rendering(e) => {
                let made_from = match page.job {
                    Job::Doc(i) => self.input.site.docs[i].source.display_path.as_str(),
                    _ => page.path.as_str(),
                };
                match theme::failure::diagnostic(&e, &page.path, made_from, &self.input.theme.sources) {
                    Some(found) => Error::Problems(vec![found]),
                    None => Error::Template(theme::problems::tidy_report(&e.to_string())),
                }
            }
            e => e,
        })
    }

    fn make_page(&self, page: &Page) -> Result<Vec<u8>> {
        match page.job {
            Job::Home => self.home_page(page),
            Job::Doc(i) => match self.input.site.docs[i].language.as_deref().and_then(|l| self.in_language(l)) {
                Some(voiced) => voiced.doc_page(i, page),
                None => self.doc_page(i, page),
            },
            Job::Listing(content_type, n) => self.listing_page(page, content_type, n),
            Job::Countries | Job::Tags => self.terms_page(page),
            Job::Country(ci, n) | Job::Tag(ci, n) => self.term_page(page, ci, n),
            Job::Indicators => self.indicators_page(page),
            Job::Indicator(ii, n) => self.indicator_page(ii, n, page),
            Job::Criteria(n) => self.criteria_page(page, n),
            Job::Research => self.research_page(page),
            Job::Approaches => self.approaches_page(page),
            Job::Approach(a) => self.approach_page(page, a),
            Job::Sector(s) | Job::Topic(s) => self.sector_page(page, s),
            Job::NotFound => self.not_found_page(page),
            Job::Search => self.search_page(page),
            Job::Data => self.data_page(page),
            Job::Coverage(n) => self.coverage_page(n, page),
        }
    }
}
