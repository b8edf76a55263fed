//! What `check`, `build` and `serve` say about a site's problems, and what the commands say
//! besides (`import`'s and `form`'s lines, the errors that stop a command, `explain`'s frame),
//! in the site's language: a message catalogue; and what each diagnostic code means and what
//! to do about it, as `fieldbook explain` says it in that language (`explain.rs`).
//!
//! Messages are data: one catalogue per language (`en.toml`, `fr.toml`, `es.toml`, `ar.toml`
//! beside this file for a site's problems, the same names under `settings/` for its settings
//! files and under `commands/` for what the commands say besides, embedded in the binary),
//! each message a template with named
//! placeholders (`{field}`), its help beside it. A message with a count in it gives one form
//! per plural category (`{ one = "…", other = "…" }`), chosen by the argument `n` through the
//! language's CLDR rules ([`crate::locale::Locale::category`], ICU4X). English is the source
//! of truth: a test fails when a key is missing in another language, when a translation's
//! placeholders differ from English's, or when no code uses a key.
//!
//! A stage never chooses a language. It says what it found as a [`Message`] (an id and its
//! arguments) on the [`crate::diagnostic::Diagnostic`], which also keeps the English text
//! (what JSON and SARIF carry, and what tests read). Only when problems are reported does
//! the command line pick the language ([`Messages::choose`]: the site's, or the one
//! `FIELDBOOK_MESSAGES` names) and render each message in it. The diagnostic code never
//! changes with the language.
//!
//! The catalogue's French is spaced as the site's wording is ([`crate::locale::Punctuation`]:
//! a narrow no-break space before `:` `;` `!` `?`), applied to the templates only, so a value
//! put in is never changed. In Arabic, every run in backticks (a file name, a field, a value)
//! is set between two left-to-right marks (U+200E), so that a terminal that lays out
//! right-to-left text keeps the backticks around their value.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::locale::{CATEGORIES, Locale, Punctuation, Wording};

mod explain;
pub use explain::Explanation;

/// The environment variable that chooses the language of messages over the site's own
/// (`FIELDBOOK_MESSAGES=en`, to paste a message into a bug report).
pub const OVERRIDE_VARIABLE: &str = "FIELDBOOK_MESSAGES";

/// The catalogues shipped, by language: English first. Each is three files read as one: what
/// is said about a site's problems (`en.toml`), about its settings files, fieldbook.toml and
/// schema.toml (`settings/en.toml`), and what the commands say besides (`commands/en.toml`);
/// a section is in one of them.
const CATALOGUES: [(&str, &str); 4] = [
    (
        "en",
        concat!(
            include_str!("en.toml"),
            "\n",
            include_str!("settings/en.toml"),
            "\n",
            include_str!("commands/en.toml")
        ),
    ),
    (
        "fr",
        concat!(
            include_str!("fr.toml"),
            "\n",
            include_str!("settings/fr.toml"),
            "\n",
            include_str!("commands/fr.toml")
        ),
    ),
    (
        "es",
        concat!(
            include_str!("es.toml"),
            "\n",
            include_str!("settings/es.toml"),
            "\n",
            include_str!("commands/es.toml")
        ),
    ),
    (
        "ar",
        concat!(
            include_str!("ar.toml"),
            "\n",
            include_str!("settings/ar.toml"),
            "\n",
            include_str!("commands/ar.toml")
        ),
    ),
];

/// Left-to-right mark, set around a backticked run in right-to-left text.
const LRM: char = '\u{200e}';

/// What a message is made of: its id in the catalogue, and the values of its placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The message's key in the catalogue (`field.unknown`).
    pub id: &'static str,
    /// The placeholders' values, by name.
    pub args: Vec<(&'static str, Arg)>,
}

/// The value of one placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Text put in as it is: a field name, a value, a file name.
    Text(String),
    /// A count, written as the language writes numbers; the argument `n` also chooses the
    /// plural form.
    Count(u64),
    /// A number, written as the language writes numbers but not grouped by thousands in
    /// English (`1234 days`); named `n`, it chooses the plural form too.
    Number(u64),
    /// A decimal number as English writes it (`1.5`), its decimal point written as the
    /// language writes it (`1,5` in French).
    Decimal(String),
    /// A figure as English writes it shortest (`1380.3`), written as the language writes
    /// numbers: its whole part grouped as the language groups digits (`1 380,3` in French),
    /// its decimal mark the language's.
    Figure(String),
    /// Values in backticks, joined by the language's list separator (`, `, `، ` in Arabic).
    List(Vec<String>),
    /// A phrase of the catalogue's own ("a list"), rendered in the same language.
    Message(Box<Message>),
    /// What a field of the built-in schema is for: its description in the schema's
    /// translation into the report's language, else the English one given, first letter
    /// lowercased.
    FieldDescription {
        /// The field's name.
        field: String,
        /// Its description in English (or the site's own words).
        english: String,
    },
    /// Text that has its own translations (a scale's labels): the one for the report's
    /// language (by primary language, `fr` for `fr-SN`), else the English.
    InLanguages {
        /// The text in English (or the site's own words).
        english: String,
        /// The text in other languages, by primary language tag.
        others: Vec<(String, String)>,
    },
}

impl Message {
    /// The message `id`, with no arguments yet.
    pub fn new(id: &'static str) -> Message {
        Message { id, args: Vec::new() }
    }

    /// With `{name}` as `value`, put in verbatim.
    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Message {
        self.args.push((name, Arg::Text(value.into())));
        self
    }

    /// With `{name}` as the count `n`.
    pub fn count(mut self, name: &'static str, n: u64) -> Message {
        self.args.push((name, Arg::Count(n)));
        self
    }

    /// With `{name}` as `value` with `places` decimals, written as the language writes them.
    pub fn decimal(mut self, name: &'static str, value: f64, places: usize) -> Message {
        self.args.push((name, Arg::Decimal(format!("{value:.places$}"))));
        self
    }

    /// With `{name}` as the number `value` as Rust writes it shortest (`0.5`, `12`), its decimal
    /// point written as the language writes it: a bound of the schema, shown as it was given.
    pub fn figure(mut self, name: &'static str, value: f64) -> Message {
        self.args.push((name, Arg::Decimal(format!("{value}"))));
        self
    }

    /// With `{name}` as the figure `value` written in full as the language writes numbers
    /// ([`Arg::Figure`]): a figure of content, which English shows as Rust writes it shortest.
    pub fn content_figure(mut self, name: &'static str, value: f64) -> Message {
        self.args.push((name, Arg::Figure(format!("{value}"))));
        self
    }

    /// With `{name}` as `items`, each in backticks, joined as the language joins a list.
    pub fn list(mut self, name: &'static str, items: &[&str]) -> Message {
        self.args.push((name, Arg::List(items.iter().map(|i| i.to_string()).collect())));
        self
    }

    /// With `{name}` as the number `n`, not grouped by thousands in English.
    pub fn number(mut self, name: &'static str, n: u64) -> Message {
        self.args.push((name, Arg::Number(n)));
        self
    }

    /// With `{name}` as what the field `field` is for ([`Arg::FieldDescription`]).
    pub fn description(mut self, name: &'static str, field: &str, english: &str) -> Message {
        self.args.push((name, Arg::FieldDescription { field: field.to_string(), english: english.to_string() }));
        self
    }

    /// With `{name}` as text that has its own translations ([`Arg::InLanguages`]).
    pub fn in_languages(mut self, name: &'static str, english: String, others: Vec<(String, String)>) -> Message {
        self.args.push((name, Arg::InLanguages { english, others }));
        self
    }

    /// With `{name}` as `items` in backticks, all of them: `` `a`, `b` and `c` ``.
    pub fn all_of(self, name: &'static str, items: &[&str]) -> Message {
        self.joined(name, items, "list.and")
    }

    /// With `{name}` as `items` in backticks, the last joined to the others by the catalogue's
    /// `joiner` (`list.and`, `list.or`).
    fn joined(self, name: &'static str, items: &[&str], joiner: &'static str) -> Message {
        match items {
            [] => self.with(name, ""),
            [one] => self.with(name, format!("`{one}`")),
            [init @ .., last] => {
                let list = Message::new(joiner).list("init", init).with("last", format!("`{last}`"));
                self.phrase(name, list)
            }
        }
    }

    /// With `{name}` as another message of the catalogue.
    pub fn phrase(mut self, name: &'static str, phrase: Message) -> Message {
        self.args.push((name, Arg::Message(Box::new(phrase))));
        self
    }

    /// With `{name}` as `items` in backticks, as alternatives: `` `a`, `b` or `c` ``.
    pub fn alternatives(self, name: &'static str, items: &[&str]) -> Message {
        self.joined(name, items, "list.or")
    }

    /// The message in English, as the diagnostic keeps it.
    pub fn english(&self) -> String {
        Messages::english().render(self)
    }
}

/// One language's catalogue: plain templates and counted ones, by key.
#[derive(Debug)]
struct Catalogue {
    /// The language as pages speak it: plural rules, numbers, direction.
    locale: Locale,
    /// The templates, spaced as the language spaces its punctuation.
    wording: Wording,
}

impl Catalogue {
    fn parse(tag: &str, text: &str) -> Catalogue {
        let mut wording = flatten(text).unwrap_or_else(|e| panic!("messages/{tag}.toml: {e}"));
        let punctuation = Punctuation::of(tag);
        if punctuation != Punctuation::Plain {
            let spaced = |template: &mut String| *template = punctuation.apply_outside_code(template).into_owned();
            wording.texts.values_mut().for_each(spaced);
            wording.counted.values_mut().flat_map(|forms| forms.values_mut()).for_each(spaced);
        }
        Catalogue { locale: Locale::from_wording(tag, Wording::default(), true), wording }
    }

    fn has(&self, id: &str) -> bool {
        self.wording.texts.contains_key(id) || self.wording.counted.contains_key(id)
    }

    fn template(&self, id: &str, n: Option<u64>) -> Option<&str> {
        if let Some(text) = self.wording.texts.get(id) {
            return Some(text);
        }
        let forms = self.wording.counted.get(id)?;
        let category = self.locale.category(n.unwrap_or(0));
        forms.get(category).or_else(|| forms.get("other")).map(String::as_str)
    }
}

/// A catalogue's text read into keys: each table's keys joined by `.` (`[field]` `unknown`
/// is `field.unknown`); a table whose keys are all plural categories, `other` among them, is
/// one counted message.
pub fn flatten(text: &str) -> Result<Wording, String> {
    let table: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut wording = Wording::default();
    flatten_into(&mut wording, "", table)?;
    Ok(wording)
}

fn flatten_into(wording: &mut Wording, prefix: &str, table: toml::Table) -> Result<(), String> {
    for (key, value) in table {
        let id = if prefix.is_empty() { key } else { format!("{prefix}.{key}") };
        match value {
            toml::Value::String(text) => {
                wording.texts.insert(id, text);
            }
            toml::Value::Table(inner)
                if inner.contains_key("other") && inner.keys().all(|k| CATEGORIES.contains(&k.as_str())) =>
            {
                let mut forms = BTreeMap::new();
                for (category, form) in inner {
                    let toml::Value::String(form) = form else { return Err(format!("`{id}.{category}` is not text")) };
                    forms.insert(category, form);
                }
                wording.counted.insert(id, forms);
            }
            toml::Value::Table(inner) => flatten_into(wording, &id, inner)?,
            _ => return Err(format!("`{id}` is neither text, plural forms nor a section")),
        }
    }
    Ok(())
}

/// Catalogue `k` of [`CATALOGUES`], parsed the first time it is asked for: a command that
/// speaks one language parses that one (and English, when it says a problem) only.
fn catalogue(k: usize) -> &'static Catalogue {
    static PARSED: [OnceLock<Catalogue>; 4] = [const { OnceLock::new() }; 4];
    PARSED[k].get_or_init(|| Catalogue::parse(CATALOGUES[k].0, CATALOGUES[k].1))
}

/// The language messages are rendered in. Cheap to copy; the catalogues are parsed once.
#[derive(Debug, Clone, Copy)]
pub struct Messages {
    catalogue: &'static Catalogue,
}

impl Messages {
    /// English, the language of messages before a site's settings are read.
    pub fn english() -> Messages {
        Messages { catalogue: catalogue(0) }
    }

    /// The messages of `language` (`fr`, `fr-SN`, `AR`...), or English for a language with no
    /// catalogue.
    pub fn of(language: &str) -> Messages {
        let primary = crate::locale::primary(language);
        let k = CATALOGUES.iter().position(|(tag, _)| *tag == primary).unwrap_or(0);
        let catalogue = catalogue(k);
        Messages { catalogue }
    }

    /// The language messages come in: `overridden` (the value of [`OVERRIDE_VARIABLE`]) when
    /// it names a language, else the site's (`site_language`, its default language), else
    /// English.
    pub fn choose(site_language: Option<&str>, overridden: Option<&str>) -> Messages {
        match overridden.map(str::trim).filter(|o| !o.is_empty()).or(site_language) {
            Some(language) => Messages::of(language),
            None => Messages::english(),
        }
    }

    /// The language's tag (`en`, `fr`, `es`, `ar`).
    pub fn language(&self) -> &str {
        self.catalogue.locale.tag()
    }

    /// True for English.
    pub fn is_english(&self) -> bool {
        self.language() == crate::locale::FALLBACK
    }

    /// `message` in this language: its template (English where this language lacks it), the
    /// placeholders filled in one pass, counts written as the language writes numbers.
    pub fn render(&self, message: &Message) -> String {
        let n = message.args.iter().find_map(|(name, arg)| match arg {
            Arg::Count(n) | Arg::Number(n) if *name == "n" => Some(*n),
            _ => None,
        });
        let english = catalogue(0);
        let (template, catalogue) = match self.catalogue.template(message.id, n) {
            Some(template) => (template, self.catalogue),
            None => (english.template(message.id, n).unwrap_or(message.id), english),
        };
        debug_assert!(english.has(message.id), "the message `{}` is not in messages/en.toml", message.id);
        let values: Vec<(&str, String)> = message
            .args
            .iter()
            .map(|(name, arg)| {
                let value = match arg {
                    Arg::Text(text) => text.clone(),
                    Arg::Count(n) => catalogue.locale.grouped(*n),
                    Arg::Number(n) => catalogue.locale.integer(*n),
                    Arg::Decimal(english) => english.replacen('.', catalogue.locale.decimal_mark(), 1),
                    Arg::Figure(english) => figure_in(english, &catalogue.locale),
                    Arg::List(items) => {
                        let separator = catalogue.template("report.list-separator", None).unwrap_or(", ");
                        items.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(separator)
                    }
                    Arg::Message(inner) => Messages { catalogue }.render_plain(inner),
                    Arg::FieldDescription { field, english } => {
                        let translated = crate::schema::translate::translation(catalogue.locale.tag())
                            .and_then(|t| t.field_descriptions.get(field));
                        lowercase_first(translated.unwrap_or(english))
                    }
                    Arg::InLanguages { english, others } => {
                        let language = crate::locale::primary(catalogue.locale.tag());
                        others.iter().find(|(tag, _)| *tag == language).map_or(english, |(_, text)| text).clone()
                    }
                };
                (*name, value)
            })
            .collect();
        let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let elided;
        let template = if crate::locale::primary(catalogue.locale.tag()) == "fr" {
            elided = elide_french(template, &values);
            elided.as_str()
        } else {
            template
        };
        let filled = crate::text::fill(template, &values);
        if catalogue.locale.is_rtl() { isolate_backticks(&filled) } else { filled }
    }

    /// As [`Messages::render`], without marks: for a phrase put into another message, or text
    /// that is not read in a terminal (the reference's markdown).
    pub fn render_plain(&self, message: &Message) -> String {
        let rendered = self.render(message);
        if self.catalogue.locale.is_rtl() { rendered.replace(LRM, "") } else { rendered }
    }

    /// The plain message `id` with `values`, in this language.
    pub fn say(&self, id: &'static str, values: &[(&'static str, &str)]) -> String {
        let mut message = Message::new(id);
        for (name, value) in values {
            message = message.with(name, *value);
        }
        self.render(&message)
    }

    /// The word a report puts before an error's message (`error`, `erreur`).
    pub fn error_label(&self) -> String {
        self.render(&Message::new("report.error"))
    }

    /// The word before a warning's message.
    pub fn warning_label(&self) -> String {
        self.render(&Message::new("report.warning"))
    }

    /// The word before a help line.
    pub fn help_label(&self) -> String {
        self.render(&Message::new("report.help"))
    }

    /// The word before a note.
    pub fn note_label(&self) -> String {
        self.render(&Message::new("report.note"))
    }
}

/// `template` with French elision before the values that start with a vowel: `de {what}`
/// becomes `d'{what}` when `what` is `indicateur` ("il n'y a pas d'indicateur"), as do `le`,
/// `la` (`l'`) and `que` (`qu'`). The catalogue writes the full form, since the word put in
/// is not known until the message is said. A value in backticks, or a number, is left alone.
fn elide_french(template: &str, values: &[(&str, &str)]) -> String {
    const ELIDED: [(&str, &str); 8] = [
        ("de ", "d'"),
        ("De ", "D'"),
        ("le ", "l'"),
        ("Le ", "L'"),
        ("la ", "l'"),
        ("La ", "L'"),
        ("que ", "qu'"),
        ("Que ", "Qu'"),
    ];
    let starts_with_vowel =
        |value: &str| value.chars().next().is_some_and(|c| "aàâæeéèêëiîïoôœuùûüAÀÂÆEÉÈÊËIÎÏOÔŒUÙÛÜ".contains(c));
    let mut out = template.to_string();
    for (name, _) in values.iter().filter(|(_, value)| starts_with_vowel(value)) {
        let placeholder = format!("{{{name}}}");
        for (full, short) in ELIDED {
            let before = format!("{full}{placeholder}");
            let mut from = 0;
            while let Some(at) = out[from..].find(&before).map(|i| i + from) {
                // Only the whole word: `de`, not the end of `code`.
                if out[..at].chars().next_back().is_some_and(char::is_alphanumeric) {
                    from = at + before.len();
                    continue;
                }
                out.replace_range(at..at + full.len(), short);
                from = at + short.len() + placeholder.len();
            }
        }
    }
    out
}

/// `english`, a number as Rust writes it (`-1380.25`), as `locale` writes numbers: the whole
/// part through [`Locale::integer`] (grouped where the language groups), then the decimal
/// mark and every decimal as written. Anything else (`inf`, `1e300`) is left as it is.
fn figure_in(english: &str, locale: &Locale) -> String {
    let (sign, unsigned) = english.strip_prefix('-').map_or(("", english), |rest| ("-", rest));
    let (whole, fraction) = unsigned.split_once('.').map_or((unsigned, None), |(w, f)| (w, Some(f)));
    let Some(n) = whole.parse::<u64>().ok().filter(|_| whole.len() <= 15) else { return english.to_string() };
    let mut out = format!("{sign}{}", locale.integer(n));
    if let Some(fraction) = fraction {
        out.push_str(locale.decimal_mark());
        out.push_str(fraction);
    }
    out
}

/// `text` with its first letter lowercased, to go after a `;`.
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `text` with a left-to-right mark before each opening backtick and after each closing one,
/// so that a value in backticks stays one left-to-right run, its backticks around it, inside
/// right-to-left text.
pub fn isolate_backticks(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut open = false;
    for c in text.chars() {
        if c == '`' {
            if !open {
                out.push(LRM);
            }
            out.push(c);
            if open {
                out.push(LRM);
            }
            open = !open;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests;
