//! A language as pages speak it: interface wording (with plural messages), plural rules,
//! numbers, dates and writing direction, for one language tag (`fr`, `es-SV`, `ar-MA`).
//!
//! The wording itself is data: a theme's `i18n/xx.toml` files, read by the render stage's
//! theme and handed here as [`Wording`]s. This module owns what to do with them: English
//! filling any gap, the language's own file, then a regional file (`ar-MA.toml`) on top;
//! plural categories from CLDR through ICU4X ([`icu_plurals`]); how each language writes
//! numbers and long dates; how it spaces its punctuation ([`Punctuation`]: French puts a narrow
//! no-break space before `:`, applied here to the whole wording so that no string needs it
//! typed). A build makes one [`Locale`] per language it renders and shares it. What a
//! language tag may be, and the tag a name or a misspelt tag means, is [`is_language_tag`]
//! and [`tag_meant`].

use std::collections::BTreeMap;

use icu_plurals::{PluralCategory, PluralRules};

use crate::date::Date;

mod punctuation;
mod style;
mod tags;

pub use punctuation::Punctuation;
pub use style::{DateStyle, NumberStyle};
pub use tags::{is_language_tag, tag_meant};

/// The languages whose interface wording and schema translations Fieldbook ships.
pub const SHIPPED: [&str; 4] = ["en", "fr", "es", "ar"];

/// The wording key of what joins a label to its value (see [`Locale::colon`]).
pub const LABEL_SEPARATOR: &str = "label_separator";

/// The wording key of what separates two "label: value" pairs (see [`Locale::semicolon`]).
pub const PAIR_SEPARATOR: &str = "pair_separator";

/// The language every gap falls back to.
pub const FALLBACK: &str = "en";

/// Plain interface strings, by key.
pub type Texts = BTreeMap<String, String>;

/// One wording file: plain strings, and counted phrases with a message per plural category.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wording {
    /// Plain strings, by key.
    pub texts: Texts,
    /// Counted phrases, by key: the message for each CLDR plural category (`zero`, `one`,
    /// `two`, `few`, `many`, `other`) the file gives.
    pub counted: BTreeMap<String, BTreeMap<String, String>>,
}

/// Why a wording file cannot be read: it is not TOML (`reader`), or it is and `shapes` holds at
/// least one entry that is not wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordingError {
    /// What is wrong, in a sentence: the reader's words, or the first of `shapes` in English.
    pub message: String,
    /// What the TOML reader said, when the file is not TOML, so that it can be said again
    /// in the report's language (`crate::config::toml_mistake`).
    pub reader: Option<Box<toml::de::Error>>,
    /// When the file is TOML: each entry that is not wording, in the file's order, so that all
    /// are said at once and in the report's language.
    pub shapes: Vec<Shape>,
}

/// An entry of a wording file that reads as TOML but is not wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// A counted phrase with a form named other than by a CLDR plural category.
    NotACategory {
        /// The phrase's key.
        key: String,
        /// The form's name.
        category: String,
    },
    /// A counted phrase's form that is not text.
    FormNotText {
        /// The phrase's key.
        key: String,
        /// The form's category.
        category: String,
    },
    /// A counted phrase without the `other` form every language needs.
    NoOther {
        /// The phrase's key.
        key: String,
    },
    /// A value that is neither text nor a table of plural forms (a number, a list).
    NotText {
        /// Its key.
        key: String,
    },
}

impl Shape {
    /// The key of the entry.
    pub fn key(&self) -> &str {
        match self {
            Shape::NotACategory { key, .. }
            | Shape::FormNotText { key, .. }
            | Shape::NoOther { key }
            | Shape::NotText { key } => key,
        }
    }

    /// The form of the entry it is about, if it is about one.
    pub fn category(&self) -> Option<&str> {
        match self {
            Shape::NotACategory { category, .. } | Shape::FormNotText { category, .. } => Some(category),
            Shape::NoOther { .. } | Shape::NotText { .. } => None,
        }
    }

    /// What is wrong, in English (for tools and tests; `check` says it in the report's
    /// language).
    pub fn english(&self) -> String {
        match self {
            Shape::NotACategory { key, category } => format!(
                "`{key}` has a form `{category}`, which is not a plural category (use {})",
                CATEGORIES.join(", ")
            ),
            Shape::FormNotText { key, category } => format!("`{key}.{category}` is not text"),
            Shape::NoOther { key } => format!("`{key}` has no `other` form, which every language needs"),
            Shape::NotText { key } => format!("`{key}` is neither text nor a table of plural forms"),
        }
    }
}

/// The CLDR plural categories, as written in wording files.
pub const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

impl Wording {
    /// A wording file's text read: `key = "text"` for a plain string, `key = { one = "…",
    /// other = "…" }` for a counted phrase. Errs on a value of any other shape, on a plural
    /// category CLDR does not have, and on a counted phrase without `other`: on every such
    /// entry at once ([`WordingError::shapes`]).
    pub fn parse(text: &str) -> Result<Wording, WordingError> {
        let table: toml::Table = toml::from_str(text).map_err(|e| WordingError {
            message: e.message().to_string(),
            reader: Some(Box::new(e)),
            shapes: Vec::new(),
        })?;
        let mut wording = Wording::default();
        let mut shapes = Vec::new();
        for (key, value) in table {
            match value {
                toml::Value::String(s) => {
                    wording.texts.insert(key, s);
                }
                toml::Value::Table(forms) => {
                    let mut messages = BTreeMap::new();
                    let before = shapes.len();
                    for (category, message) in forms {
                        if !CATEGORIES.contains(&category.as_str()) {
                            shapes.push(Shape::NotACategory { key: key.clone(), category });
                            continue;
                        }
                        let toml::Value::String(message) = message else {
                            shapes.push(Shape::FormNotText { key: key.clone(), category });
                            continue;
                        };
                        messages.insert(category, message);
                    }
                    if !messages.contains_key("other") && shapes.len() == before {
                        shapes.push(Shape::NoOther { key: key.clone() });
                    }
                    wording.counted.insert(key, messages);
                }
                _ => shapes.push(Shape::NotText { key }),
            }
        }
        match shapes.first() {
            None => Ok(wording),
            Some(first) => Err(WordingError { message: first.english(), reader: None, shapes }),
        }
    }

    /// Put `other`'s keys over this one's.
    pub fn overlay(&mut self, other: &Wording) {
        self.texts.extend(other.texts.iter().map(|(k, v)| (k.clone(), v.clone())));
        self.counted.extend(other.counted.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
}

/// The primary language of a tag: `ar` for `ar-MA`, lower-cased.
pub fn primary(tag: &str) -> String {
    tag.split(['-', '_']).next().unwrap_or(tag).to_ascii_lowercase()
}

/// The wording files that make up `tag`'s wording, most general first: `en`, `ar`, `ar-MA`
/// (`ar_MA` and case are normalized). Each later one overrides the earlier ones key by key.
pub fn wording_chain(tag: &str) -> Vec<String> {
    let primary = primary(tag);
    let mut chain = vec![FALLBACK.to_string()];
    if primary != FALLBACK && !primary.is_empty() {
        chain.push(primary.clone());
    }
    if let Some(region) = tag.split(['-', '_']).nth(1) {
        chain.push(format!("{primary}-{}", region.to_ascii_uppercase()));
    }
    chain
}

/// True if a theme with wording files for `languages` (`en`, `fr`, `ar-MA`...) speaks `tag`:
/// English always; another language when the theme has its file or a regional one of it
/// that `tag` names.
pub fn has_wording(languages: &[String], tag: &str) -> bool {
    wording_chain(tag).iter().any(|name| name != FALLBACK && languages.contains(name)) || primary(tag) == FALLBACK
}

/// A language as pages speak it. Cheap to use, made once per language per build.
pub struct Locale {
    tag: String,
    /// Interface strings, English filling any gap.
    texts: Texts,
    counted: BTreeMap<String, BTreeMap<String, String>>,
    rules: PluralRules,
    numbers: NumberStyle,
    dates: DateStyle,
    punctuation: Punctuation,
    rtl: bool,
    /// True when the theme has wording of the language's own (not English standing in).
    worded: bool,
}

impl std::fmt::Debug for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Locale").field("tag", &self.tag).field("texts", &self.texts.len()).finish()
    }
}

impl Locale {
    /// The locale of `tag`, with the wording files of `files` (by language tag: `en`, `fr`,
    /// `ar-MA`) merged as [`wording_chain`] says.
    pub fn new(tag: &str, files: &BTreeMap<String, Wording>) -> Locale {
        let mut wording = Wording::default();
        let mut worded = primary(tag) == FALLBACK;
        for name in wording_chain(tag) {
            if let Some(file) = files.get(&name) {
                wording.overlay(file);
                worded |= name != FALLBACK;
            }
        }
        Locale::from_wording(tag, wording, worded)
    }

    /// The locale of `tag` with `wording` (no fallback): for tests and tools. The wording's
    /// punctuation is spaced as the language spaces it, outside what is in backticks
    /// ([`Punctuation::apply_outside_code`]), and
    /// `label_separator` is `": "` and `pair_separator` `"; "` (so spaced) when the wording
    /// does not give them.
    pub fn from_wording(tag: &str, wording: Wording, worded: bool) -> Locale {
        let rules = plural_rules(tag);
        let punctuation = Punctuation::of(tag);
        let Wording { mut texts, mut counted } = wording;
        texts.entry(LABEL_SEPARATOR.to_string()).or_insert_with(|| ": ".to_string());
        texts.entry(PAIR_SEPARATOR.to_string()).or_insert_with(|| "; ".to_string());
        if punctuation != Punctuation::Plain {
            let spaced = |text: &mut String| {
                if let std::borrow::Cow::Owned(fixed) = punctuation.apply_outside_code(text) {
                    *text = fixed;
                }
            };
            texts.values_mut().for_each(spaced);
            counted.values_mut().flat_map(|forms| forms.values_mut()).for_each(spaced);
        }
        Locale {
            tag: tag.to_string(),
            texts,
            counted,
            rules,
            numbers: NumberStyle::of(tag),
            dates: DateStyle::of(tag),
            punctuation,
            rtl: crate::config::is_rtl(tag),
            worded,
        }
    }

    /// English with no wording at all: keys show as themselves. For tests.
    pub fn bare() -> Locale {
        Locale::from_wording(FALLBACK, Wording::default(), true)
    }

    /// The language tag.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// True when the theme has wording in this language (or a language it falls back to that
    /// is not English); false when English stands in for all of it.
    pub fn is_worded(&self) -> bool {
        self.worded
    }

    /// True for a language written right to left.
    pub fn is_rtl(&self) -> bool {
        self.rtl
    }

    /// `rtl` or `ltr`, for the `dir` attribute.
    pub fn dir(&self) -> &'static str {
        if self.rtl { "rtl" } else { "ltr" }
    }

    /// Every plain interface string, by key (what templates see as `t`).
    pub fn texts(&self) -> &Texts {
        &self.texts
    }

    /// The interface string `key`, or the key itself when the theme lacks it (visible, not
    /// fatal).
    pub fn text<'a>(&'a self, key: &'a str) -> &'a str {
        self.texts.get(key).map(String::as_str).unwrap_or(key)
    }

    /// What separates the items of a list: `, ` in most languages, `، ` in Arabic (the
    /// wording's `list_separator`).
    pub fn list_separator(&self) -> &str {
        self.texts.get("list_separator").map_or(", ", String::as_str)
    }

    /// What joins a label to its value: `": "`, `" : "` in French (a narrow no-break space
    /// before the colon). The wording's `label_separator`; templates write it as
    /// `{{ t.label_separator }}`.
    pub fn colon(&self) -> &str {
        self.texts.get(LABEL_SEPARATOR).map_or(": ", String::as_str)
    }

    /// What separates "label: value" pairs in a sentence, as in the descriptions of charts
    /// and maps that screen readers read: `"; "`, `" ; "` in French (a narrow no-break space
    /// before the semicolon), `"؛ "` in Arabic. The wording's `pair_separator`.
    pub fn semicolon(&self) -> &str {
        self.texts.get(PAIR_SEPARATOR).map_or_else(|| self.punctuation.semicolon(), String::as_str)
    }

    /// `label` and `value` joined by [`Locale::colon`]: "Couverture : 12 sur 20".
    pub fn labelled(&self, label: &str, value: &str) -> String {
        let colon = self.colon();
        let mut out = String::with_capacity(label.len() + colon.len() + value.len());
        out.push_str(label);
        out.push_str(colon);
        out.push_str(value);
        out
    }

    /// How this language spaces its punctuation.
    pub fn punctuation(&self) -> Punctuation {
        self.punctuation
    }

    /// The CLDR plural category of the whole number `n` in this language.
    pub fn category(&self, n: u64) -> &'static str {
        match self.rules.category_for(n) {
            PluralCategory::Zero => "zero",
            PluralCategory::One => "one",
            PluralCategory::Two => "two",
            PluralCategory::Few => "few",
            PluralCategory::Many => "many",
            PluralCategory::Other => "other",
        }
    }

    /// The counted phrase `key` for the number `n`: the message of `n`'s plural category (or
    /// `other`), with `{n}` and each `{name}` of `args` written in (numbers as this language
    /// writes them). The key itself when the theme lacks the phrase.
    pub fn count(&self, key: &str, n: u64, args: &[(&str, u64)]) -> String {
        let Some(forms) = self.counted.get(key) else { return key.to_string() };
        let message = forms.get(self.category(n)).or_else(|| forms.get("other")).map_or(key, String::as_str);
        // One pass over the message, each `{name}` written as its number: this runs a few
        // times on every page, and a `replace` for each argument copied the message each time.
        let mut out = String::with_capacity(message.len() + 8);
        let mut rest = message;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let value = after.find('}').and_then(|close| {
                let name = &after[..close];
                let value = if name == "n" { Some(n) } else { args.iter().find(|(a, _)| *a == name).map(|&(_, v)| v) };
                value.map(|v| (v, close))
            });
            match value {
                Some((value, close)) => {
                    self.push_number(&mut out, value as f64);
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// Every counted phrase, by key and category (for scripts that count in the browser).
    pub fn counted(&self) -> &BTreeMap<String, BTreeMap<String, String>> {
        &self.counted
    }

    /// A number as this language writes it: `1234.5` in English (as Fieldbook always wrote
    /// it), `1 234,5` in French, `12.345,5` in Spanish. At most two decimals.
    pub fn number(&self, n: f64) -> String {
        let mut out = String::with_capacity(24);
        self.push_number(&mut out, n);
        out
    }

    /// Append `n` as [`Locale::number`] writes it.
    pub fn push_number(&self, out: &mut String, n: f64) {
        self.numbers.push(out, n);
    }

    /// The decimal mark: `.` in English and Arabic, `,` in French and Spanish; for figures
    /// written with more decimals than [`Locale::number`] keeps (coordinates).
    pub fn decimal_mark(&self) -> &'static str {
        self.numbers.decimal
    }

    /// A whole number as this language writes it.
    pub fn integer(&self, n: u64) -> String {
        self.number(n as f64)
    }

    /// A whole number grouped by thousands, as populations are shown: `18,400` in English
    /// (where other figures are not grouped), `18 400` in French.
    pub fn grouped(&self, n: u64) -> String {
        if self.numbers == NumberStyle::ENGLISH { crate::text::group_thousands(n) } else { self.integer(n) }
    }

    /// A percentage: `61%` in English and Arabic, `61 %` in French and Spanish.
    pub fn percent(&self, n: f64) -> String {
        let mut out = self.number(n);
        out.push_str(self.numbers.percent_sign);
        out
    }

    /// A date in long form: `14 March 2026`, `14 mars 2026`, `14 de marzo de 2026`,
    /// `14 مارس 2026`.
    pub fn date(&self, date: Date) -> String {
        self.dates.long(date)
    }
}

/// CLDR's cardinal plural rules for `tag`, through ICU4X's compiled data; English's for a tag
/// ICU cannot read.
fn plural_rules(tag: &str) -> PluralRules {
    let locale = icu_locale_core::Locale::try_from_str(&tag.replace('_', "-"))
        .unwrap_or_else(|_| icu_locale_core::Locale::try_from_str(FALLBACK).expect("en is a locale"));
    PluralRules::try_new_cardinal((&locale).into()).unwrap_or_else(|_| {
        let en = icu_locale_core::Locale::try_from_str(FALLBACK).expect("en is a locale");
        PluralRules::try_new_cardinal((&en).into()).expect("compiled data has English")
    })
}

#[cfg(test)]
mod tests;
