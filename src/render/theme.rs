//! The theme: Tera templates, static assets and interface strings.
//!
//! The default theme is embedded in the binary (see build.rs). A site's own `themes/default/`
//! folder overrides any file of it by path: `themes/default/templates/community.html` replaces
//! the built-in profile template, `themes/default/static/style.css` the stylesheet,
//! `themes/default/i18n/en.toml` the interface strings (key by key); a file for a language the
//! default theme lacks (`i18n/de.toml`, `i18n/ar-MA.toml`) adds one.

use std::collections::BTreeMap;
use std::path::Path;

use tera::Tera;

use crate::diagnostic::Diagnostics;
use crate::error::{Error, Result};
use crate::locale::{Locale, Wording};

pub mod failure;
pub mod manifest;
pub mod paths;
pub mod problems;
mod unknown;

include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

/// A loaded theme.
pub struct Theme {
    /// Templates, parsed once.
    pub tera: Tera,
    /// Static files, by path under `static/` (written to `assets/` in the site).
    pub assets: Vec<(String, Vec<u8>)>,
    /// Every wording file of the theme, by language tag (`en`, `fr`, `ar-MA`), for
    /// [`Theme::locale`].
    pub wordings: BTreeMap<String, Wording>,
    /// What the page templates read of the values made on request (`theme.toml`).
    pub reads: manifest::Reads,
    /// The digest of every file of the theme, the site's own on top of the default's: a
    /// change to any of them makes every page again (the build cache).
    pub digest: crate::digest::Digest,
    /// Every template's text, for a failure while a page is made to point into it.
    pub sources: failure::Sources,
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme")
            .field("assets", &self.assets.len())
            .field("wordings", &self.wordings.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl Theme {
    /// The default theme, with the files of `site_root/themes/default/` (if any) on top. A
    /// problem in a template or strings file is an [`Error::Template`] showing the problems as
    /// [`Theme::load_checked`] finds them.
    pub fn load(site_root: &Path, language: &str) -> Result<Theme> {
        Theme::load_checked(site_root, language)?
            .map_err(|problems| Error::Template(problems.iter().map(|d| d.render()).collect::<Vec<_>>().join("\n")))
    }

    /// Like [`Theme::load`], with a problem in the theme's files (a template Tera refuses, an
    /// interface-strings file that is not TOML) as located diagnostics, for `check` to report
    /// like problems in content. Unreadable or refused files are still errors.
    pub fn load_checked(site_root: &Path, language: &str) -> Result<std::result::Result<Theme, Diagnostics>> {
        let mut files: BTreeMap<String, Vec<u8>> =
            DEFAULT_THEME.iter().map(|(path, bytes)| (path.to_string(), bytes.to_vec())).collect();
        let overrides = site_root.join("themes/default");
        let mut site_templates = false;
        let mut site_manifest = None;
        // The names of the site's own files, for the static files' case clashes.
        let mut site_files = std::collections::BTreeSet::new();
        if overrides.is_dir() {
            // A theme file is read only if it lies inside the site: a linked template could
            // otherwise put any file of the build machine into every page.
            let site = crate::files::SiteFolder::new(site_root).map_err(|e| Error::io("read", site_root, e))?;
            let refused = |path: &Path, refusal: crate::files::Refusal| {
                refusal.error(&crate::load::display_path(path, site_root))
            };
            site.admit(&overrides).map_err(|r| refused(&overrides, r))?;
            for entry in walkdir::WalkDir::new(&overrides).follow_links(true).sort_by_file_name() {
                let entry = entry.map_err(|e| match e.path() {
                    Some(path) if crate::files::is_link(path) => refused(path, crate::files::Refusal::Broken),
                    _ => unreadable_folder(e),
                })?;
                if entry.path_is_symlink() {
                    site.admit(entry.path()).map_err(|r| refused(entry.path(), r))?;
                }
                if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.') {
                    continue;
                }
                let Ok(relative) = entry.path().strip_prefix(&overrides) else { continue };
                let name = relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                let bytes = std::fs::read(entry.path()).map_err(|e| Error::io("read", entry.path(), e))?;
                site_templates |= name.starts_with("templates/");
                site_files.insert(name.clone());
                if name == manifest::FILE {
                    site_manifest = Some(String::from_utf8_lossy(&bytes).into_owned());
                }
                files.insert(name, bytes);
            }
        }

        let mut digest = crate::digest::Hasher::new("theme");
        for (name, bytes) in &files {
            digest.str(name).bytes(bytes);
        }
        let mut found = Diagnostics::new();
        let mut templates = Vec::new();
        let mut assets = Vec::new();
        for (name, bytes) in &files {
            if let Some(template) = name.strip_prefix("templates/") {
                match String::from_utf8(bytes.clone()) {
                    Ok(text) => templates.push((template.to_string(), text)),
                    Err(_) => found.push(problems::not_text(name)),
                }
            } else if let Some(asset) = name.strip_prefix("static/") {
                assets.push((asset.to_string(), bytes.clone()));
            }
        }
        let mut wordings = BTreeMap::new();
        let mut unreadable = Diagnostics::new();
        for (name, bytes) in &files {
            let Some(lang) = name.strip_prefix("i18n/").and_then(|n| n.strip_suffix(".toml")) else { continue };
            let text = String::from_utf8_lossy(bytes);
            match Wording::parse(&text) {
                Ok(wording) => {
                    wordings.insert(lang.to_string(), wording);
                }
                Err(e) => {
                    for problem in problems::strings_error(name, &text, &e) {
                        unreadable.push(problem);
                    }
                }
            }
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml", ".svg"]);
        // Templates are checked for the functions they call: `count` is there from the start,
        // in the site's language (each language's voice gives its own when rendering).
        register_count(&mut tera, std::sync::Arc::new(Locale::new(language, &wordings)));
        if found.is_empty()
            && let Err(e) = tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        {
            for problem in problems::template_error(&e, &templates) {
                found.push(problem);
            }
        }

        found.extend(unreadable);
        for clash in paths::case_clashes(
            assets
                .iter()
                .map(|(name, _): &(String, Vec<u8>)| (name.as_str(), site_files.contains(&format!("static/{name}")))),
        ) {
            found.push(clash);
        }
        let default_manifest = DEFAULT_THEME.iter().find(|(name, _)| *name == manifest::FILE).map(|(_, bytes)| *bytes);
        let default_manifest = String::from_utf8_lossy(default_manifest.unwrap_or_default());
        let reads = match manifest::Reads::of(&default_manifest, site_manifest.as_deref(), site_templates) {
            Ok(reads) => reads,
            Err(problems) => {
                found.extend(problems.into_iter().collect());
                manifest::Reads::default()
            }
        };
        if !found.is_empty() {
            return Ok(Err(found));
        }
        let own = site_files.iter().filter_map(|name| name.strip_prefix("templates/")).map(str::to_string).collect();
        let sources = failure::Sources::new(&templates, own);
        Ok(Ok(Theme { tera, assets, wordings, reads, digest: digest.finish(), sources }))
    }

    /// The languages the theme of the site at `site_root` has interface wording for: the
    /// default theme's (en, fr, es, ar) and the site's own `themes/default/i18n/*.toml`.
    /// Read without loading the theme, for `check` to say which pages it cannot speak to.
    pub fn wording_languages(site_root: &Path) -> Vec<String> {
        let mut languages: Vec<String> = DEFAULT_THEME
            .iter()
            .filter_map(|(path, _)| path.strip_prefix("i18n/")?.strip_suffix(".toml").map(str::to_string))
            .collect();
        if let Ok(entries) = std::fs::read_dir(site_root.join("themes/default/i18n")) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if let Some(lang) = name.strip_suffix(".toml").filter(|l| !l.starts_with('.')) {
                    languages.push(lang.to_string());
                }
            }
        }
        languages.sort();
        languages.dedup();
        languages
    }

    /// The locale of `language` with this theme's wording: what pages in that language
    /// speak. The site's own language is [`Theme::locale`], made once.
    pub fn locale(&self, language: &str) -> Locale {
        Locale::new(language, &self.wordings)
    }
}

/// Give templates `count(key=…, n=…)`: the counted phrase `key` of the wording for the number
/// `n` in `locale`'s plural rules, with the other numbers a phrase names (`total`, `given`,
/// `shown`, `answered`, `unknown`, `communities`, `indicators`) written in.
pub fn register_count(tera: &mut Tera, locale: std::sync::Arc<Locale>) {
    tera.register_function("count", move |kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
        let key: &str = kwargs.must_get("key")?;
        let n: i64 = kwargs.must_get("n")?;
        let mut args = Vec::new();
        for name in COUNT_ARGS {
            if let Some(value) = kwargs.get::<i64>(name)? {
                args.push((name, value.max(0) as u64));
            }
        }
        Ok(locale.count(key, n.max(0) as u64, &args))
    });
}

/// The error for a site's theme folder that cannot be read (walked): what the system says
/// stays in its own words.
fn unreadable_folder(e: walkdir::Error) -> Error {
    Error::Said(crate::messages::Message::new("fatal.theme-unreadable").with("why", e.to_string()))
}

/// The numbers a counted phrase may name besides `{n}`.
const COUNT_ARGS: [&str; 7] = ["total", "given", "shown", "answered", "unknown", "communities", "indicators"];

#[cfg(test)]
mod tests {
    use super::*;

    /// A theme folder that cannot be read stops the build, said in the site's language; what
    /// the system says stays in its words.
    #[test]
    fn an_unreadable_theme_folder_is_said_in_the_sites_language() {
        let missing = Path::new("/nonexistent-theme-folder");
        let e = walkdir::WalkDir::new(missing).into_iter().next().unwrap().unwrap_err();
        let why = e.to_string();
        let error = unreadable_folder(e);
        assert_eq!(error.to_string(), format!("could not read the theme folder: {why}"));
        let said = crate::messages::Messages::of("fr").render(&error.said().expect("said by the catalogue"));
        assert_eq!(said, format!("impossible de lire le dossier du thème\u{202f}: {why}"));
    }

    #[test]
    fn the_default_theme_reads_only_the_drawn_values() {
        let theme = Theme::load(Path::new("/nonexistent-site-root"), "en").unwrap();
        for (template, data) in [
            ("community.html", "groups"),
            ("community.html", "criteria"),
            ("community.html", "research"),
            ("indicator.html", "rows"),
        ] {
            assert!(!theme.reads.reads(template, data), "{template} reads {data}");
        }
        for drawn in ["indicator_tables", "criteria_table", "research_list"] {
            assert!(theme.reads.reads("community.html", drawn), "community.html does not show {drawn}");
        }
        for template in ["community.html", "case_study.html", "project.html", "guidance.html", "page.html"] {
            assert!(!theme.reads.reads(template, "facts"), "{template} reads the facts as values");
            assert!(theme.reads.reads(template, "facts_list"), "{template} does not show the facts");
        }
        assert!(theme.reads.reads("indicator.html", "comparison_table"));
        assert!(theme.reads.undeclared_warning().is_none());
    }
}
