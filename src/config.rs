//! The site configuration, `fieldbook.toml` at the site root, and finding the site root.
//!
//! Every mistake in the file is a `config` error at the key or value at fault, in the
//! catalogue's words: what the TOML reader finds (an unknown key in any table, a value of
//! the wrong type, a line that is not TOML) is said again by `config/mistakes.rs`, which
//! `schema.toml` and a theme's `theme.toml` use too; what the reader accepts but the site
//! cannot use (a value out of range, a language that is not a language code) is checked
//! here, at its value.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Location};
use crate::locale::{is_language_tag, primary, tag_meant};
use crate::messages::Message;
use crate::source::{SourceFile, Span};

mod mistakes;

pub(crate) use mistakes::{Located, mended_line, toml_mistake};

/// The name of the configuration file; its folder is the site root.
pub const CONFIG_FILE: &str = "fieldbook.toml";
/// The name of a site's schema extension, beside the configuration.
pub const SCHEMA_FILE: &str = "schema.toml";

/// The keys fieldbook.toml takes at its top, above any table, and in each of its tables: for
/// the help that says where a key written in the wrong place goes (`trusted_html` at the top
/// belongs under `[markdown]`). A test holds these lists to [`Config`]'s fields.
pub(crate) const TOP_KEYS: [&str; 10] = [
    "title",
    "description",
    "language",
    "languages",
    // A table of tables (`[translation.fr]`), each with `title` and `description`: no
    // key of another table goes in it.
    "translation",
    "review_interval_months",
    "output_dir",
    "internal_output_dir",
    "base_url",
    "license",
];

/// The keys of each table of fieldbook.toml (see [`TOP_KEYS`]).
pub(crate) const TABLE_KEYS: [(&str, &[&str]); 3] = [
    ("privacy", &["small_count_threshold", "location_precision_km"]),
    ("markdown", &["trusted_html", "remote_images"]),
    ("listing", &["page_size"]),
];

/// A site's settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The site's name, shown on every page.
    pub title: String,
    /// What the site covers, in a sentence or two, shown on the home page.
    #[serde(default)]
    pub description: Option<String>,
    /// The base language of the content and the interface (en, fr, ar...): the site's default
    /// language. With `languages`, it is the first of them.
    #[serde(default)]
    pub language: String,
    /// Every language the site publishes, the default first (`["fr", "en"]`). Empty for a site
    /// in one language. A translation (`page.fr.md`) must be in a language listed here.
    #[serde(default)]
    pub languages: Vec<String>,
    /// The site's title and description in its other languages, by language
    /// (`[translation.fr]`): the pages in that language show them.
    #[serde(default)]
    pub translation: BTreeMap<String, SiteTranslation>,
    /// Months after an assessment when a profile is due for review.
    #[serde(default = "default_review_interval")]
    pub review_interval_months: u32,
    /// Where `build` writes the public site, relative to the site root.
    #[serde(default = "default_output_dir")]
    pub output_dir: String,
    /// Where `build --include-confidential` writes the internal site.
    #[serde(default = "default_internal_output_dir")]
    pub internal_output_dir: String,
    /// The address the site will be published at, for the feed, the sitemap and the exports'
    /// links to pages (full addresses with it, relative ones without). Optional: every link
    /// in the site itself is relative, so it works from anywhere without it.
    #[serde(default)]
    pub base_url: Option<String>,
    /// The licence the data exports are published under, as an SPDX id (`CC-BY-4.0`) or a
    /// name, written into the data package (`data/datapackage.json`). Optional.
    #[serde(default)]
    pub license: Option<String>,
    /// Protection of people in the data.
    #[serde(default)]
    pub privacy: Privacy,
    /// Markdown rendering.
    #[serde(default)]
    pub markdown: Markdown,
    /// Listing pages.
    #[serde(default)]
    pub listing: Listing,
}

/// The site's title and description in one of its other languages (`[translation.fr]`).
/// What it leaves out is the site's own.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteTranslation {
    /// The site's name in this language.
    #[serde(default)]
    pub title: Option<String>,
    /// What the site covers, in this language.
    #[serde(default)]
    pub description: Option<String>,
}

/// Settings that protect people in the data.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Privacy {
    /// Counts of people (totals and disaggregated parts) below this are shown as "<N" in
    /// public builds; see [`crate::disclosure`].
    #[serde(default = "default_threshold")]
    pub small_count_threshold: u64,
    /// Community locations in public builds are rounded to a grid of about this many
    /// kilometres (0 publishes them as written); see [`crate::disclosure::location`].
    #[serde(default = "default_location_precision")]
    pub location_precision_km: f64,
}

impl Default for Privacy {
    fn default() -> Self {
        Privacy { small_count_threshold: default_threshold(), location_precision_km: default_location_precision() }
    }
}

/// Markdown settings.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Markdown {
    /// Publish raw HTML in markdown as written. Off by default: raw HTML is sanitized, because
    /// a pasted snippet can load trackers or run scripts. Turn on only if every author is trusted.
    #[serde(default)]
    pub trusted_html: bool,
    /// Let public pages show images from other sites. Off by default: each view of the page
    /// would tell that site who reads it (and the image can change after review).
    #[serde(default)]
    pub remote_images: bool,
}

/// Listing settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Listing {
    /// Rows per page on listing and comparison pages.
    #[serde(default = "default_page_size")]
    pub page_size: usize,
}

impl Default for Listing {
    fn default() -> Self {
        Listing { page_size: default_page_size() }
    }
}

/// The language of a site that names none.
const DEFAULT_LANGUAGE: &str = "en";
fn default_review_interval() -> u32 {
    12
}
fn default_output_dir() -> String {
    "site".into()
}
fn default_internal_output_dir() -> String {
    "site-internal".into()
}
fn default_threshold() -> u64 {
    5
}
fn default_location_precision() -> f64 {
    1.0
}
fn default_page_size() -> usize {
    100
}

impl Config {
    /// Read the configuration from its file, or say where it is wrong: the key or value at
    /// fault, what is expected, and the line mended when it can be.
    pub fn parse(source: &SourceFile) -> Result<Config, Box<Diagnostic>> {
        let config: Config = toml::from_str(&source.text).map_err(|e| {
            let mistake = mistakes::toml_mistake(CONFIG_FILE, &source.text, &e);
            Box::new(
                Diagnostic::error_said("config", Location::at(source, mistake.span), mistake.message)
                    .with_optional_help_said(mistake.help),
            )
        })?;
        let located = Located::of(&source.text);
        let at = |span: Option<Span>| match span {
            Some(span) => Location::at(source, span),
            None => Location::file(source.display_path.clone()),
        };
        let invalid = |keys: &[&str], message: Message| {
            Box::new(Diagnostic::error_said("config", at(located.value(keys)), message))
        };
        if config.listing.page_size == 0 {
            return Err(invalid(&["listing", "page_size"], Message::new("config.page-size")));
        }
        let precision = config.privacy.location_precision_km;
        if !(0.0..=1000.0).contains(&precision) {
            let message = Message::new("config.location-precision").with("value", precision.to_string());
            return Err(invalid(&["privacy", "location_precision_km"], message));
        }
        if config.review_interval_months == 0 {
            return Err(invalid(&["review_interval_months"], Message::new("config.review-interval")));
        }
        for key in ["output_dir", "internal_output_dir"] {
            let folder = if key == "output_dir" { &config.output_dir } else { &config.internal_output_dir };
            if folder.trim().is_empty() {
                return Err(invalid(&[key], Message::new("config.empty-output")));
            }
        }
        // A language is a language code, which pages put in `<html lang>`: checked before
        // `language` and `languages` are compared.
        if !config.language.is_empty() && !is_language_tag(&config.language) {
            return Err(not_a_language_error(source, "language", &config.language, located.value(&["language"]), true));
        }
        for (n, lang) in config.languages.iter().enumerate() {
            if !is_language_tag(lang) {
                return Err(not_a_language_error(source, "languages", lang, located.item(&["languages"], n), true));
            }
            if config.languages[..n].contains(lang) {
                let message = Message::new("config.language-twice").with("language", lang.clone());
                return Err(Box::new(Diagnostic::error_said("config", at(located.item(&["languages"], n)), message)));
            }
        }
        let mut config = config;
        match (config.language.is_empty(), config.languages.first()) {
            (true, Some(first)) => config.language = first.clone(),
            (true, None) => config.language = DEFAULT_LANGUAGE.into(),
            (false, Some(first)) if *first != config.language => {
                let message = Message::new("config.language-not-first")
                    .with("language", config.language.clone())
                    .with("first", first.clone());
                return Err(invalid(&["language"], message));
            }
            _ => {}
        }
        // `[translation.fr]`: a language code (one for the site's own language is warned of).
        let headers: Vec<(&str, &str, Span)> = located.keys_of(&["translation"]).collect();
        for language in config.translation.keys() {
            if !is_language_tag(language) {
                let span = headers.iter().find(|(_, key, _)| key == language).map(|&(_, _, span)| span);
                return Err(not_a_language_error(source, "translation", language, span, false));
            }
        }
        if let Some(base) = config.base_url.take() {
            config.base_url = Some(base_url(&base).map_err(|message| invalid(&["base_url"], message))?);
        }
        Ok(config)
    }

    /// The language the settings in `text` give the site (`language`, else the first of
    /// `languages`), read leniently: the language a report is said in when the settings
    /// themselves are wrong, a line that is not TOML included. `None` when the file names
    /// none, when that setting's own line cannot be read, or when it is not a language code
    /// (the report is then in English).
    pub fn language_of(text: &str) -> Option<String> {
        let located = Located::of(text);
        let first = || located.intact_text(&["languages"], Some(0));
        let language = match located.setting(&["language"]) {
            Some(_) => Some(located.intact_text(&["language"], None)?).filter(|l| !l.is_empty()).or_else(first)?,
            None => first()?,
        };
        is_language_tag(language).then(|| language.to_string())
    }
}

/// What is said of `written`, which is not a language code, given for `key` at `span` of
/// `text`: the message, and the code it most likely means (`français` is `fr`, `fr_FR` is
/// `fr-FR`) with the line mended, else the languages Fieldbook has wording in. `quoted`: the
/// code is a value, written in quotes, rather than a key (`labels = { fr = "…" }`).
pub(crate) fn not_a_language(
    text: &str,
    key: &str,
    written: &str,
    span: Option<Span>,
    quoted: bool,
) -> (Message, Message) {
    let message = Message::new("config.not-a-language").with("key", key).with("language", written);
    let help = match tag_meant(written) {
        Some(code) => {
            let mended = if quoted { format!("\"{code}\"") } else { code.clone() };
            match span.and_then(|span| mended_line(text, span, &mended)) {
                Some(line) => Message::new("config.language-meant").with("code", code).with("line", line),
                None => Message::new("hint.did-you-mean").with("near", code),
            }
        }
        None => Message::new("config.language-codes").all_of("languages", &crate::locale::SHIPPED),
    };
    (message, help)
}

/// The error for `written`, the value of `key` at `span` of the settings, which is not a
/// language code ([`not_a_language`]). `quoted`: as there, false for a table's name
/// (`[translation.french]`).
fn not_a_language_error(
    source: &SourceFile,
    key: &str,
    written: &str,
    span: Option<Span>,
    quoted: bool,
) -> Box<Diagnostic> {
    let location = match span {
        Some(span) => Location::at(source, span),
        None => Location::file(source.display_path.clone()),
    };
    let (message, help) = not_a_language(&source.text, key, written, span, quoted);
    Box::new(Diagnostic::error_said("config", location, message).with_help_said(help))
}

/// A site's web address as the feed, the sitemap and the exports use it: `https://` or `http://`,
/// ending in `/`. The message says what is wrong otherwise.
pub fn base_url(text: &str) -> Result<String, Message> {
    if !(text.starts_with("https://") || text.starts_with("http://")) {
        return Err(Message::new("config.base-url-scheme").with("value", text));
    }
    // Every page's address is this and its path: a query, a fragment, or a character an
    // address cannot hold unescaped would break the sitemap and the feed.
    let host = &text[text.find("://").map_or(0, |i| i + 3)..];
    if let Some(bad) = text.chars().find(|c| c.is_whitespace() || c.is_control() || "\"'<>\\^`{|}?#".contains(*c)) {
        let what = match bad {
            '?' => Message::new("config.a-query"),
            '#' => Message::new("config.a-fragment"),
            c if c.is_whitespace() => Message::new("config.a-space"),
            c => Message::new("config.a-character").with("character", c.escape_default().to_string()),
        };
        return Err(Message::new("config.base-url-character").phrase("what", what).with("value", text));
    }
    if host.is_empty() || host.starts_with('/') {
        return Err(Message::new("config.base-url-host").with("value", text));
    }
    let mut base = text.to_string();
    if !base.ends_with('/') {
        base.push('/');
    }
    Ok(base)
}

/// How `license` names the licence, which decides how the data package gives it: a Data
/// Package names a licence by an id or by the address of its text, nothing else (the v2
/// profile requires `name` or `path`, and `frictionless validate` refuses a package without).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum License<'a> {
    /// An SPDX or Open Definition id (`CC-BY-4.0`): the licence's `name`.
    Id(&'a str),
    /// The web address of the licence's text (`https://…`): the licence's `path`.
    Address(&'a str),
    /// Other wording, which the data package cannot give (`check` warns: `unknown-license`).
    Wording(&'a str),
}

/// True for a licence id as SPDX and the Open Definition write them (`CC-BY-4.0`).
fn is_id(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '+' | '_'))
}

impl<'a> License<'a> {
    /// What `text`, a `license` setting, is. Spaces around it are no part of it.
    pub fn of(text: &'a str) -> License<'a> {
        let text = text.trim();
        let is_address = text
            .strip_prefix("https://")
            .or_else(|| text.strip_prefix("http://"))
            // An address names a host (`opendatacommons.org`): `https://` alone is none.
            .is_some_and(|rest| {
                rest.split('/').next().is_some_and(|host| host.contains('.') && !host.starts_with('.'))
            })
            && !text.contains(|c: char| c.is_whitespace() || c.is_control());
        if is_id(text) {
            License::Id(text)
        } else if is_address {
            License::Address(text)
        } else {
            License::Wording(text)
        }
    }
}

/// Only the settings a warning points at, each with where its value is in the file.
#[derive(Deserialize)]
struct LocatedLicense {
    #[serde(default)]
    license: Option<toml::Spanned<String>>,
}

impl Config {
    /// The licence, as the data package can give it; `None` when the site sets none.
    pub fn license(&self) -> Option<License<'_>> {
        self.license.as_deref().map(License::of)
    }

    /// Settings that are valid but will not do what they are meant to, from the file `source`
    /// these settings were read from, each at its value: a licence the data package cannot
    /// name, a `[translation]` table for the site's own language.
    pub fn warnings(&self, source: &SourceFile) -> Vec<Diagnostic> {
        let mut warnings = self.own_language_translations(source);
        warnings.extend(self.license_warning(source));
        warnings
    }

    /// A warning for each `[translation]` table of the site's own language, at its name: the
    /// pages in it show the title at the top, and nothing shows the table.
    fn own_language_translations(&self, source: &SourceFile) -> Vec<Diagnostic> {
        let located = Located::of(&source.text);
        located
            .keys_of(&["translation"])
            .filter(|&(_, language, _)| primary(language) == primary(&self.language))
            .map(|(_, language, span)| {
                let message = Message::new("config.translation-own-language")
                    .with("language", language)
                    .with("site", self.language.clone());
                Diagnostic::warning_said("translation-of-site-language", Location::at(source, span), message)
                    .with_help_said(Message::new("config.translation-own-language-help"))
            })
            .collect()
    }

    /// The warning for a licence the data package cannot name, at its value.
    fn license_warning(&self, source: &SourceFile) -> Vec<Diagnostic> {
        let Ok(located) = toml::from_str::<LocatedLicense>(&source.text) else { return Vec::new() };
        let Some(license) = located.license else { return Vec::new() };
        match License::of(license.get_ref()) {
            License::Wording(text) => vec![
                Diagnostic::warning_said(
                    "unknown-license",
                    Location::at(source, Span::new(license.span().start, license.span().end)),
                    Message::new("config.unknown-license").with("value", text),
                )
                .with_help_said(match text.split_whitespace().collect::<Vec<_>>().join("-") {
                    // `CC BY 4.0`, as the licence's own page writes it.
                    id if is_id(&id) && !text.starts_with("http") => {
                        Message::new("config.license-dashes").with("id", id)
                    }
                    _ => Message::new("config.license-help"),
                }),
            ],
            License::Id(_) | License::Address(_) => Vec::new(),
        }
    }

    /// Every language of the site, the default first (one for a site in one language).
    pub fn languages(&self) -> Vec<String> {
        if self.languages.is_empty() { vec![self.language.clone()] } else { self.languages.clone() }
    }

    /// The site's title in `language`: its `[translation]` for that language (`fr` serves
    /// `fr-SN` too), else the site's own.
    pub fn title_in(&self, language: &str) -> &str {
        self.translation_in(language).and_then(|t| t.title.as_deref()).unwrap_or(&self.title)
    }

    /// The site's description in `language`, as [`Config::title_in`] finds it.
    pub fn description_in(&self, language: &str) -> Option<&str> {
        self.translation_in(language).and_then(|t| t.description.as_deref()).or(self.description.as_deref())
    }

    /// The `[translation]` table for `language`: its own, else its primary language's; none
    /// for the site's own language, whose title is the one at the top.
    fn translation_in(&self, language: &str) -> Option<&SiteTranslation> {
        if primary(language) == primary(&self.language) {
            return None;
        }
        self.translation.get(language).or_else(|| self.translation.get(&primary(language)))
    }

    /// True if the site publishes `language` (the default, or one of `languages`).
    pub fn has_language(&self, language: &str) -> bool {
        self.language == language || self.languages.iter().any(|l| l == language)
    }
}

/// The site root: `explicit` when given, else the nearest folder at or above `start` that holds
/// a `fieldbook.toml`.
pub fn find_root(explicit: Option<&Path>, start: &Path) -> Option<PathBuf> {
    if let Some(dir) = explicit {
        return dir.join(CONFIG_FILE).is_file().then(|| dir.to_path_buf());
    }
    start.ancestors().find(|dir| dir.join(CONFIG_FILE).is_file()).map(Path::to_path_buf)
}

/// True for languages written right to left, whose pages get `dir="rtl"`.
pub fn is_rtl(language: &str) -> bool {
    let primary = language.split(['-', '_']).next().unwrap_or(language);
    matches!(primary, "ar" | "fa" | "he" | "ur" | "ps" | "ckb" | "dv" | "yi" | "sd" | "ug")
}

#[cfg(test)]
mod tests;
