//! The site configuration, `fieldbook.toml` at the site root, and finding the site root.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Location};
use crate::messages::Message;
use crate::source::{SourceFile, Span};

/// The name of the configuration file; its folder is the site root.
pub const CONFIG_FILE: &str = "fieldbook.toml";
/// The name of a site's schema extension, beside the configuration.
pub const SCHEMA_FILE: &str = "schema.toml";

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
    /// Read the configuration from its file, or say where it is wrong.
    pub fn parse(source: &SourceFile) -> Result<Config, Box<Diagnostic>> {
        let config: Config = toml::from_str(&source.text).map_err(|e| {
            let range = e.span().unwrap_or(0..0);
            Box::new(Diagnostic::error_said(
                "config",
                Location::at(source, Span::new(range.start, range.end)),
                toml_problem(CONFIG_FILE, e.message().trim()),
            ))
        })?;
        let invalid = |message: Message| {
            Box::new(Diagnostic::error_said("config", Location::file(source.display_path.clone()), message))
        };
        if config.listing.page_size == 0 {
            return Err(invalid(Message::new("config.page-size")));
        }
        let precision = config.privacy.location_precision_km;
        if !(0.0..=1000.0).contains(&precision) {
            return Err(invalid(Message::new("config.location-precision").with("value", precision.to_string())));
        }
        if config.review_interval_months == 0 {
            return Err(invalid(Message::new("config.review-interval")));
        }
        if config.output_dir.trim().is_empty() || config.internal_output_dir.trim().is_empty() {
            return Err(invalid(Message::new("config.empty-output")));
        }
        let mut config = config;
        match (config.language.is_empty(), config.languages.first()) {
            (true, Some(first)) => config.language = first.clone(),
            (true, None) => config.language = DEFAULT_LANGUAGE.into(),
            (false, Some(first)) if *first != config.language => {
                return Err(invalid(
                    Message::new("config.language-not-first")
                        .with("language", config.language.clone())
                        .with("first", first.clone()),
                ));
            }
            _ => {}
        }
        for (n, lang) in config.languages.iter().enumerate() {
            if !crate::text::is_language_code(lang) {
                return Err(invalid(Message::new("config.not-a-language").with("language", lang.clone())));
            }
            if config.languages[..n].contains(lang) {
                return Err(invalid(Message::new("config.language-twice").with("language", lang.clone())));
            }
        }
        if let Some(base) = config.base_url.take() {
            config.base_url = Some(base_url(&base).map_err(invalid)?);
        }
        Ok(config)
    }

    /// The language the settings in `text` give the site (`language`, else the first of
    /// `languages`), read leniently: the language a report is said in when the settings
    /// themselves are wrong. `None` when the file is not TOML or names none.
    pub fn language_of(text: &str) -> Option<String> {
        let table: toml::Table = toml::from_str(text).ok()?;
        let given = |value: &toml::Value| value.as_str().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string);
        table.get("language").and_then(given).or_else(|| table.get("languages")?.as_array()?.first().and_then(given))
    }
}

/// What the TOML reader said of `file` (fieldbook.toml, schema.toml) as a message: `info`,
/// the reader's English, after the file's name; a key of no known name, the most common
/// mistake, in the report's language with the keys expected.
pub(crate) fn toml_problem(file: &str, info: &str) -> Message {
    let unknown = info.strip_prefix("unknown field `").and_then(|rest| rest.split_once("`, expected "));
    if let Some((field, expected)) = unknown {
        let ids = expected.strip_prefix("one of ").unwrap_or(expected);
        let ids: Option<Vec<&str>> =
            ids.split(", ").map(|id| id.strip_prefix('`').and_then(|id| id.strip_suffix('`'))).collect();
        if let Some(ids) = ids.filter(|ids| !ids.is_empty() && ids.iter().all(|id| !id.contains('`'))) {
            let expected = if ids.len() == 1 {
                Message::new("config.expected-key").with("id", ids[0])
            } else {
                Message::new("hint.one-of").list("ids", &ids)
            };
            let message =
                Message::new("config.unknown-key").with("file", file).with("field", field).phrase("expected", expected);
            // Said only when it says just what the reader said, so that English is unchanged.
            if message.english() == format!("{file}: {info}") {
                return message;
            }
        }
    }
    Message::new("config.unreadable").with("file", file).with("info", info)
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
struct Located {
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
    /// name.
    pub fn warnings(&self, source: &SourceFile) -> Vec<Diagnostic> {
        let Ok(located) = toml::from_str::<Located>(&source.text) else { return Vec::new() };
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
mod tests {
    use super::*;

    fn source(text: &str) -> SourceFile {
        SourceFile::new(CONFIG_FILE, CONFIG_FILE, text.to_string())
    }

    #[test]
    fn a_base_url_is_an_address_to_put_paths_after() {
        assert_eq!(base_url("https://example.org/site").unwrap(), "https://example.org/site/");
        assert_eq!(base_url("http://10.0.0.2:8080/").unwrap(), "http://10.0.0.2:8080/");
        for (bad, says) in [
            ("https://x.org/a?b=1&c=2", "a query (`?`)"),
            ("https://x.org/#top", "a fragment (`#`)"),
            ("https://x.org/\"><script>", "`\\\"`"),
            ("https://x.org/my site", "a space"),
            ("https:///path", "needs a host name"),
            ("ftp://x.org/", "must start with https://"),
        ] {
            let error = base_url(bad).unwrap_err().english();
            assert!(error.contains(says), "{bad}: {error}");
        }
    }

    #[test]
    fn a_licence_is_an_id_an_address_or_other_wording() {
        assert_eq!(License::of("CC-BY-4.0"), License::Id("CC-BY-4.0"));
        assert_eq!(License::of("ODC-By-1.0"), License::Id("ODC-By-1.0"));
        let address = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/";
        assert_eq!(License::of(address), License::Address(address));
        assert_eq!(License::of("Open Government Licence"), License::Wording("Open Government Licence"));
        assert_eq!(License::of("https://x.org/a licence"), License::Wording("https://x.org/a licence"));
        // An address names a host; spaces around a setting are no part of it.
        assert_eq!(License::of("https://"), License::Wording("https://"));
        assert_eq!(License::of("http:///licence"), License::Wording("http:///licence"));
        assert_eq!(License::of("CC-BY-4.0 "), License::Id("CC-BY-4.0"));
    }

    #[test]
    fn a_licence_the_data_package_cannot_name_is_warned_of_at_its_value() {
        let text = "title = \"T\"\nlicense = \"Open Government Licence\"\n";
        let file = source(text);
        let config = Config::parse(&file).unwrap();
        let warnings = config.warnings(&file);
        assert_eq!(warnings.len(), 1);
        let rendered = warnings[0].render();
        assert!(rendered.contains("[unknown-license]") && rendered.contains("fieldbook.toml:2:11"), "{rendered}");
        for fine in ["CC-BY-4.0", "https://opendatacommons.org/licenses/odbl/1-0/"] {
            let file = source(&format!("title = \"T\"\nlicense = \"{fine}\"\n"));
            assert!(Config::parse(&file).unwrap().warnings(&file).is_empty(), "{fine}");
        }
        // A licence written as its page writes it is shown its id.
        let file = source("title = \"T\"\nlicense = \"CC BY 4.0\"\n");
        let rendered = Config::parse(&file).unwrap().warnings(&file)[0].render();
        assert!(rendered.contains("did you mean `CC-BY-4.0`?"), "{rendered}");
        let file = source("title = \"T\"\nlicense = \"https://\"\n");
        assert_eq!(Config::parse(&file).unwrap().warnings(&file).len(), 1);
        let none = source("title = \"T\"\n");
        assert!(Config::parse(&none).unwrap().warnings(&none).is_empty());
    }

    #[test]
    fn defaults_fill_the_rest() {
        let config = Config::parse(&source("title = \"T\"\n")).unwrap();
        assert_eq!(config.language, "en");
        assert_eq!(config.output_dir, "site");
        assert_eq!(config.review_interval_months, 12);
        assert_eq!(config.privacy.small_count_threshold, 5);
        assert_eq!(config.privacy.location_precision_km, 1.0);
        assert!(!config.markdown.trusted_html);
    }

    #[test]
    fn typos_are_located_errors() {
        let err = Config::parse(&source("title = \"T\"\nouptut_dir = \"public\"\n")).unwrap_err();
        assert!(err.message.contains("unknown field `ouptut_dir`"), "{}", err.message);
        assert_eq!(err.location.line, Some(2));
    }

    #[test]
    fn a_key_of_no_known_name_is_said_as_the_reader_says_it_in_english_and_translated_elsewhere() {
        let info = "unknown field `titre`, expected one of `title`, `language`";
        let message = toml_problem(CONFIG_FILE, info);
        assert_eq!(message.english(), format!("{CONFIG_FILE}: {info}"));
        let french = crate::messages::Messages::of("fr").render(&message);
        assert_eq!(
            french,
            "fieldbook.toml\u{202f}: clé inconnue `titre`\u{202f}; valeurs possibles\u{202f}: `title`, `language`"
        );
        // Anything else the reader says is kept, after the file's name.
        let other = toml_problem(SCHEMA_FILE, "invalid type: integer `3`, expected a string");
        assert_eq!(other.english(), "schema.toml: invalid type: integer `3`, expected a string");
    }

    #[test]
    fn the_language_of_settings_with_a_mistake_is_still_read() {
        assert_eq!(Config::language_of("title = 1\nlanguage = \"fr\"\n").as_deref(), Some("fr"));
        assert_eq!(Config::language_of("languages = [\"ar\", \"fr\"]\ntypo = 1\n").as_deref(), Some("ar"));
        assert_eq!(Config::language_of("title = \"unclosed\nlanguage = \"fr\"\n"), None);
        assert_eq!(Config::language_of("title = \"T\"\n"), None);
    }

    #[test]
    fn the_first_of_several_languages_is_the_default() {
        let config = Config::parse(&source("title = \"T\"\nlanguages = [\"fr\", \"en\"]\n")).unwrap();
        assert_eq!(config.language, "fr");
        assert_eq!(config.languages(), ["fr", "en"]);
        assert!(config.has_language("en") && !config.has_language("es"));
        let one = Config::parse(&source("title = \"T\"\nlanguage = \"es\"\n")).unwrap();
        assert_eq!(one.languages(), ["es"]);
        let clash = Config::parse(&source("title = \"T\"\nlanguage = \"en\"\nlanguages = [\"fr\", \"en\"]\n"));
        assert!(clash.unwrap_err().message.contains("starts with `fr`"));
        let twice = Config::parse(&source("title = \"T\"\nlanguages = [\"fr\", \"fr\"]\n"));
        assert!(twice.unwrap_err().message.contains("twice"));
        let odd = Config::parse(&source("title = \"T\"\nlanguages = [\"French\"]\n"));
        assert!(odd.unwrap_err().message.contains("not a language code"));
    }

    #[test]
    fn right_to_left_languages() {
        assert!(is_rtl("ar"));
        assert!(is_rtl("ar-MA"));
        assert!(!is_rtl("fr"));
    }
}
