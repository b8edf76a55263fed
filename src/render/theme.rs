//! The theme: Tera templates, static assets and interface strings.
//!
//! The default theme is embedded in the binary (see build.rs). A site's own `themes/default/`
//! folder overrides any file of it by path: `themes/default/templates/community.html` replaces
//! the built-in profile template, `themes/default/static/style.css` the stylesheet,
//! `themes/default/i18n/en.toml` the interface strings (key by key).

use std::collections::BTreeMap;
use std::path::Path;

use tera::Tera;

use super::format::Strings;
use crate::error::{Error, Result};

include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

/// A loaded theme.
pub struct Theme {
    /// Templates, parsed once.
    pub tera: Tera,
    /// Static files, by path under `static/` (written to `assets/` in the site).
    pub assets: Vec<(String, Vec<u8>)>,
    /// Interface strings in the site's language, English filling any gap.
    pub strings: Strings,
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme").field("assets", &self.assets.len()).field("strings", &self.strings.len()).finish()
    }
}

impl Theme {
    /// The default theme, with the files of `site_root/themes/default/` (if any) on top.
    pub fn load(site_root: &Path, language: &str) -> Result<Theme> {
        let mut files: BTreeMap<String, Vec<u8>> =
            DEFAULT_THEME.iter().map(|(path, bytes)| (path.to_string(), bytes.to_vec())).collect();
        let overrides = site_root.join("themes/default");
        if overrides.is_dir() {
            for entry in walkdir::WalkDir::new(&overrides).sort_by_file_name() {
                let entry = entry.map_err(|e| Error::Other(format!("could not read the theme folder: {e}")))?;
                if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.') {
                    continue;
                }
                let Ok(relative) = entry.path().strip_prefix(&overrides) else { continue };
                let name = relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                let bytes = std::fs::read(entry.path()).map_err(|e| Error::io("read", entry.path(), e))?;
                files.insert(name, bytes);
            }
        }

        let mut templates = Vec::new();
        let mut assets = Vec::new();
        for (name, bytes) in &files {
            if let Some(template) = name.strip_prefix("templates/") {
                let text = String::from_utf8(bytes.clone())
                    .map_err(|_| Error::Template(format!("`{name}` is not UTF-8 text")))?;
                templates.push((template.to_string(), text));
            } else if let Some(asset) = name.strip_prefix("static/") {
                assets.push((asset.to_string(), bytes.clone()));
            }
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml", ".svg"]);
        tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| Error::Template(e.to_string()))?;

        let mut strings = Strings::new();
        for lang in ["en", language] {
            if let Some(bytes) = files.get(&format!("i18n/{lang}.toml")) {
                let text = String::from_utf8_lossy(bytes);
                let table: BTreeMap<String, String> =
                    toml::from_str(&text).map_err(|e| Error::Template(format!("i18n/{lang}.toml: {}", e.message())))?;
                strings.extend(table);
            }
        }
        Ok(Theme { tera, assets, strings })
    }
}
