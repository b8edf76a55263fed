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

pub mod problems;

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
    /// Each template's text, by name: what [`Theme::mentions`] reads.
    sources: BTreeMap<String, String>,
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
                    _ => Error::Other(format!("could not read the theme folder: {e}")),
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
                files.insert(name, bytes);
            }
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
                Err(e) => unreadable.push(problems::strings_error(name, &text, &e)),
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
            found.push(problems::template_error(&e, &templates));
        }

        found.extend(unreadable);
        if !found.is_empty() {
            return Ok(Err(found));
        }
        let sources = templates.into_iter().collect();
        Ok(Ok(Theme { tera, assets, wordings, sources }))
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

    /// True if rendering `template` may read the variable `name`: the word appears in the
    /// template or in one it names (in quotes: the one it extends, includes or imports, and so
    /// on), or as a component's implicit `@name` anywhere, or some template dumps its whole
    /// context. A page's costliest values are made only when its template mentions them:
    /// the default theme shows ready-made tables instead, and a theme's own loop over the
    /// values still gets them. Errs on the side of yes: a mention in a comment counts.
    pub fn mentions(&self, template: &str, name: &str) -> bool {
        self.mentions_as(template, name, false)
    }

    /// Like [`Theme::mentions`], for a field of a value: `facts` in `doc.facts` counts too.
    pub fn mentions_field(&self, template: &str, name: &str) -> bool {
        self.mentions_as(template, name, true)
    }

    fn mentions_as(&self, template: &str, name: &str, as_field: bool) -> bool {
        let implicit = format!("@{name}");
        if self.sources.values().any(|text| text.contains(&implicit) || text.contains("__tera_context")) {
            return true;
        }
        let mut seen = vec![template];
        let mut next = 0;
        while let Some(&current) = seen.get(next) {
            next += 1;
            let Some(text) = self.sources.get(current) else { continue };
            if has_word(text, name, as_field) {
                return true;
            }
            for other in self.sources.keys() {
                let quoted = [format!("\"{other}\""), format!("'{other}'")];
                if !seen.contains(&other.as_str()) && quoted.iter().any(|q| text.contains(q.as_str())) {
                    seen.push(other);
                }
            }
        }
        false
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

/// The numbers a counted phrase may name besides `{n}`.
const COUNT_ARGS: [&str; 7] = ["total", "given", "shown", "answered", "unknown", "communities", "indicators"];

/// True if `word` occurs in a tag of `text` (`{{ … }}` or `{% … %}`) as a whole identifier
/// that is not an attribute (unless `as_field`): `research` in `{% for a in research %}`, not
/// in `t.research`, `t.research_long` or the HTML around tags (`id="research"`).
fn has_word(text: &str, word: &str, as_field: bool) -> bool {
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut rest = text;
    while let Some(open) = rest.find(['{']) {
        let after = &rest[open + 1..];
        let close = match after.as_bytes().first() {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            _ => {
                rest = after;
                continue;
            }
        };
        let tag_end = after.find(close).map_or(after.len(), |at| at + close.len());
        let tag = &after[..tag_end];
        let found = tag.match_indices(word).any(|(at, _)| {
            let before = tag[..at].trim_end().as_bytes().last().copied();
            let just_before = tag.as_bytes()[..at].last().copied();
            let after_word = tag.as_bytes().get(at + word.len()).copied();
            !just_before.is_some_and(is_ident)
                && (as_field || before != Some(b'.'))
                && !after_word.is_some_and(is_ident)
        });
        if found {
            return true;
        }
        rest = &after[tag_end..];
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme_with(templates: &[(&str, &str)]) -> Theme {
        Theme {
            tera: Tera::default(),
            assets: Vec::new(),
            wordings: BTreeMap::new(),
            sources: templates.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect(),
        }
    }

    #[test]
    fn a_variable_is_mentioned_through_the_templates_a_page_names() {
        let theme = theme_with(&[
            ("base.html", "<main>{% block main %}{% endblock main %}</main>{{ footer_note }}"),
            ("page.html", "{% extends \"base.html\" %}{% block main %}{{ groups_count }}{% endblock main %}"),
            ("loop.html", "{% for g in groups %}{{ g.label }}{% endfor %}"),
            (
                "uses-loop.html",
                "{% extends 'base.html' %}{% block main %}{% include \"loop.html\" %}{% endblock main %}",
            ),
            ("other.html", "{{ rows }}"),
        ]);
        assert!(theme.mentions("page.html", "groups_count"));
        assert!(!theme.mentions("page.html", "groups"), "a longer word is not the word");
        assert!(theme.mentions("page.html", "footer_note"), "through the template it extends");
        assert!(theme.mentions("uses-loop.html", "groups"), "through an include, in single quotes too");
        let text_and_attributes = theme_with(&[(
            "page.html",
            "<section id=\"research\">{{ t.research }} {{ t . research }}<a href=\"#research\"></a></section>",
        )]);
        assert!(!text_and_attributes.mentions("page.html", "research"), "HTML text and attributes are not mentions");
        assert!(text_and_attributes.mentions_field("page.html", "research"), "as a field, t.research is one");
        assert!(!theme.mentions("page.html", "rows"), "another page's variables are not this page's");
        assert!(!theme.mentions("missing.html", "rows"));
    }

    #[test]
    fn implicit_component_arguments_and_context_dumps_count_everywhere() {
        let implicit = theme_with(&[
            ("components.html", "{% component table(@rows) %}{{ rows }}{% endcomponent table %}"),
            ("page.html", "{{<table/>}}"),
        ]);
        assert!(implicit.mentions("page.html", "rows"));
        let dump = theme_with(&[("debug.html", "{{ __tera_context }}"), ("page.html", "")]);
        assert!(dump.mentions("page.html", "anything"));
    }

    #[test]
    fn the_default_theme_mentions_none_of_the_costly_values() {
        let theme = Theme::load(Path::new("/nonexistent-site-root"), "en").unwrap();
        for (template, data) in [
            ("community.html", "groups"),
            ("community.html", "criteria"),
            ("community.html", "research"),
            ("indicator.html", "rows"),
        ] {
            assert!(!theme.mentions(template, data), "{template} mentions {data}");
        }
        assert!(theme.mentions("community.html", "indicator_tables"));
        assert!(theme.mentions("community.html", "criteria_table"));
        assert!(theme.mentions("community.html", "research_list"));
        for template in ["community.html", "case_study.html", "project.html", "guidance.html", "page.html"] {
            assert!(!theme.mentions_field(template, "facts"), "{template} reads the facts as values");
            assert!(theme.mentions(template, "facts_list"), "{template} does not show the facts");
        }
        assert!(theme.mentions("indicator.html", "comparison_table"));
    }
}
