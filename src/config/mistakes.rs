//! The mistakes the TOML reader finds in a settings file (`fieldbook.toml`, `schema.toml`, a
//! theme's `theme.toml`), said as the message catalogue says them, so that they come in the
//! report's language, and where each value of such a file is.
//!
//! The reader (the `toml` crate, through serde) says what it found in English made for
//! programmers: "invalid type: string "12", expected u32". This module reads that sentence
//! back (its shapes are serde's and the TOML parser's: an unknown field with the ones
//! expected, a field missing, a value of the wrong type or out of range, a key given twice, a
//! text without quotes), finds the value it is about in the file, and says it again: which
//! key, in which table, what is expected in words ("a whole number, such as `12`"), the
//! nearest known key, and, when the value can be mended, the line as it should be
//! (`review_interval_months = 12`). Anything else it says is quoted as the reader said it,
//! framed in the report's language, at the place it names.

use toml::de::{DeTable, DeValue};

use crate::diagnostic::did_you_mean;
use crate::messages::Message;
use crate::source::Span;

/// A mistake in a settings file, as a report says it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mistake {
    /// Where it is in the file: the key or the value at fault.
    pub span: Span,
    /// What is wrong.
    pub message: Message,
    /// What to do, when something can be said.
    pub help: Option<Message>,
}

/// One step from the top of a file to a value: a key, or an entry of a list.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Entry,
}

/// A value as written, as far as the mistakes need it.
#[derive(Debug, Clone, PartialEq)]
enum Found {
    Text(String),
    Whole(i128),
    Fraction(f64),
    Boolean(bool),
    Date,
    List,
    Table,
    /// A number too long to read.
    Other,
}

/// One value of a settings file: the keys it is under, where its key and it are written.
#[derive(Debug)]
struct Entry {
    path: Vec<Step>,
    key: Option<Span>,
    value: Span,
    found: Found,
}

/// Where each value of a settings file is, by the keys it is under.
#[derive(Debug)]
pub(crate) struct Located {
    entries: Vec<Entry>,
    /// Where the reader found the text is not TOML.
    broken: Vec<Span>,
}

impl Located {
    /// The values of `text`, as far as it can be read: past a line that is not TOML, the
    /// reader carries on with the next.
    pub(crate) fn of(text: &str) -> Located {
        let (table, errors) = DeTable::parse_recoverable(text);
        let mut entries = Vec::new();
        walk(table.get_ref(), &mut Vec::new(), &mut entries);
        let broken = errors.iter().filter_map(|e| e.span()).map(|r| Span::new(r.start, r.end)).collect();
        Located { entries, broken }
    }

    /// The text under `keys`, or of entry `item` of the list under them, when it is a text
    /// the reader found no mistake in or beside (on the key's line or inside the list).
    pub(crate) fn intact_text(&self, keys: &[&str], item: Option<usize>) -> Option<&str> {
        let setting = self.setting(keys)?;
        if self.broken.iter().any(|b| b.start <= setting.end && setting.start <= b.end) {
            return None;
        }
        let entry = match item {
            Some(n) => self.items(keys).nth(n)?,
            None => self.at(keys)?,
        };
        match &entry.found {
            Found::Text(text) => Some(text),
            _ => None,
        }
    }

    fn at(&self, keys: &[&str]) -> Option<&Entry> {
        self.entries.iter().find(|e| {
            e.path.len() == keys.len()
                && e.path.iter().zip(keys).all(|(step, key)| matches!(step, Step::Key(k) if k == key))
        })
    }

    /// Where the value under `keys` is (`["privacy", "small_count_threshold"]`).
    pub(crate) fn value(&self, keys: &[&str]) -> Option<Span> {
        self.at(keys).map(|e| e.value)
    }

    /// Where the key and its value under `keys` are, from the key to the end of the value.
    pub(crate) fn setting(&self, keys: &[&str]) -> Option<Span> {
        self.at(keys).map(|e| Span { start: e.key.map_or(e.value.start, |k| k.start), end: e.value.end })
    }

    /// The keys, with where each is written, of every table named one of `names`, wherever
    /// it is (`labels` in each entry of `[[indicators]]`).
    /// Each comes with its table's name.
    pub(crate) fn keys_of<'a>(&'a self, names: &'a [&str]) -> impl Iterator<Item = (&'a str, &'a str, Span)> + 'a {
        self.entries.iter().filter_map(move |e| {
            let [.., Step::Key(table), Step::Key(key)] = &e.path[..] else { return None };
            names.contains(&table.as_str()).then_some((table.as_str(), key.as_str(), e.key?))
        })
    }

    /// Where entry `n` (from 0) of the list under `keys` is.
    pub(crate) fn item(&self, keys: &[&str], n: usize) -> Option<Span> {
        self.items(keys).nth(n).map(|e| e.value)
    }

    /// The entries of the list under `keys`, in order.
    fn items(&self, keys: &[&str]) -> impl Iterator<Item = &Entry> {
        let list = self.at(keys);
        self.entries.iter().filter(move |e| {
            list.is_some_and(|list| {
                e.path.len() == list.path.len() + 1
                    && e.path.starts_with(&list.path)
                    && e.path.last() == Some(&Step::Entry)
                    && list.value.start <= e.value.start
                    && e.value.end <= list.value.end
            })
        })
    }
}

fn walk(table: &DeTable<'_>, path: &mut Vec<Step>, out: &mut Vec<Entry>) {
    for (key, value) in table.iter() {
        path.push(Step::Key(key.get_ref().to_string()));
        let key = key.span();
        value_of(value.get_ref(), Some(Span::new(key.start, key.end)), value.span(), path, out);
        path.pop();
    }
}

fn value_of(
    value: &DeValue<'_>,
    key: Option<Span>,
    span: std::ops::Range<usize>,
    path: &mut Vec<Step>,
    out: &mut Vec<Entry>,
) {
    let found = match value {
        DeValue::String(text) => Found::Text(text.to_string()),
        DeValue::Integer(n) => {
            i128::from_str_radix(&n.as_str().replace('_', ""), n.radix()).map_or(Found::Other, Found::Whole)
        }
        DeValue::Float(x) => x.as_str().replace('_', "").parse().map_or(Found::Other, Found::Fraction),
        DeValue::Boolean(b) => Found::Boolean(*b),
        DeValue::Datetime(_) => Found::Date,
        DeValue::Array(_) => Found::List,
        DeValue::Table(_) => Found::Table,
    };
    out.push(Entry { path: path.clone(), key, value: Span::new(span.start, span.end), found });
    match value {
        DeValue::Table(table) => walk(table, path, out),
        DeValue::Array(items) => {
            path.push(Step::Entry);
            for item in items {
                value_of(item.get_ref(), None, item.span(), path, out);
            }
            path.pop();
        }
        _ => {}
    }
}

/// A key as TOML writes it: bare when it can be, else in quotes (`"community.html"`).
fn key_name(key: &str) -> String {
    if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        key.to_string()
    } else {
        format!("{key:?}")
    }
}

/// The keys of `path`, joined by dots as TOML joins them (`privacy.small_count_threshold`).
fn dotted(path: &[Step]) -> String {
    let keys: Vec<String> = path
        .iter()
        .filter_map(|step| match step {
            Step::Key(key) => Some(key_name(key)),
            Step::Entry => None,
        })
        .collect();
    keys.join(".")
}

/// The table at `path` as its heading writes it: `[privacy]`, or `[[indicators]]` for an
/// entry of a list of tables.
fn heading(path: &[Step]) -> String {
    match path.last() {
        Some(Step::Entry) => format!("[[{}]]", dotted(path)),
        _ => format!("[{}]", dotted(path)),
    }
}

/// What serde says a value should be, in the kinds a settings file has.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expected {
    /// A whole number, at most `max` when it cannot be below zero.
    Whole {
        max: Option<u64>,
    },
    Number,
    Boolean,
    Text,
    List,
    Table,
}

impl Expected {
    /// The kind serde names `said` (`u32`, `a boolean`, `struct Privacy`).
    fn of(said: &str) -> Option<Expected> {
        let unsigned = |max: u64| Some(Expected::Whole { max: Some(max) });
        match said {
            "u8" => unsigned(u8::MAX.into()),
            "u16" => unsigned(u16::MAX.into()),
            "u32" => unsigned(u32::MAX.into()),
            "u64" | "u128" | "usize" => unsigned(u64::MAX),
            "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => Some(Expected::Whole { max: None }),
            "f32" | "f64" => Some(Expected::Number),
            "a boolean" => Some(Expected::Boolean),
            "a string" | "a borrowed string" | "a character" => Some(Expected::Text),
            "a sequence" => Some(Expected::List),
            "a map" => Some(Expected::Table),
            _ if said.starts_with("struct ") => Some(Expected::Table),
            _ => None,
        }
    }

    /// The kind in words, with an example; `table` is the heading a table would have.
    fn words(self, table: String) -> Message {
        match self {
            Expected::Whole { .. } => Message::new("config.a-whole-number"),
            Expected::Number => Message::new("config.a-number"),
            Expected::Boolean => Message::new("config.true-or-false"),
            Expected::Text => Message::new("config.text"),
            Expected::List => Message::new("config.a-list"),
            Expected::Table => Message::new("config.a-table").with("table", table),
        }
    }

    /// `found`, written as `written`, mended into this kind, when what was meant is clear:
    /// `"12"` for a number is `12`, `"yes"` for `true` or `false` is `true`.
    fn mend(self, found: &Found, written: &str) -> Option<String> {
        let plain = !written.contains(['"', '\\', '\n']);
        match (self, found) {
            (Expected::Whole { max }, Found::Text(text)) => {
                let n: i128 = text.trim().parse().ok()?;
                (max.is_none() || (0..=i128::from(max.unwrap_or(0))).contains(&n)).then(|| n.to_string())
            }
            (Expected::Whole { .. }, Found::Fraction(x)) if x.is_finite() && x.fract() == 0.0 => {
                Some(format!("{}", *x as i128))
            }
            (Expected::Number, Found::Text(text)) => {
                let text = text.trim();
                // A decimal comma, as French and Spanish write it: `0,5`.
                let text = match text.split_once(',') {
                    Some((whole, fraction))
                        if !text.contains('.') && !fraction.contains(',') && fraction.len() != 3 =>
                    {
                        format!("{whole}.{fraction}")
                    }
                    _ => text.to_string(),
                };
                let x: f64 = text.parse().ok()?;
                (x.is_finite() && text.chars().all(|c| c.is_ascii_digit() || "+-.eE".contains(c))).then_some(text)
            }
            (Expected::Boolean, Found::Text(text)) => yes_or_no(text).map(|b| b.to_string()),
            (Expected::Boolean, Found::Whole(n @ (0 | 1))) => Some((*n == 1).to_string()),
            (Expected::Text, Found::Whole(_) | Found::Fraction(_) | Found::Boolean(_) | Found::Date) if plain => {
                Some(format!("\"{written}\""))
            }
            (Expected::List, Found::Text(text)) => {
                let items: Vec<&str> = text.split([',', ';']).map(str::trim).filter(|i| !i.is_empty()).collect();
                let quoted: Vec<String> = items.iter().map(|i| format!("\"{i}\"")).collect();
                (!items.is_empty() && !text.contains(['"', '\\'])).then(|| format!("[{}]", quoted.join(", ")))
            }
            (Expected::List, Found::Whole(_) | Found::Fraction(_) | Found::Boolean(_)) => Some(format!("[{written}]")),
            _ => None,
        }
    }
}

/// `true` or `false` as people write them in words, in the languages Fieldbook speaks.
fn yes_or_no(text: &str) -> Option<bool> {
    let word = crate::text::fold(text.trim());
    let yes = ["true", "yes", "y", "on", "1", "oui", "vrai", "si", "verdadero", "نعم"];
    let no = ["false", "no", "n", "off", "0", "non", "faux", "falso", "لا"];
    if yes.contains(&word.as_str()) {
        Some(true)
    } else if no.contains(&word.as_str()) {
        Some(false)
    } else {
        None
    }
}

/// The line of `text` at `span`, with what is at `span` written `value` instead: the line as
/// the help shows it, without its indentation and a comment after the value. `None` when
/// the value runs over more than one line.
pub(crate) fn mended_line(text: &str, span: Span, value: &str) -> Option<String> {
    let span = range(span);
    let at = text.get(span.start..span.end)?;
    if at.contains('\n') {
        return None;
    }
    let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[span.end..].find('\n').map_or(text.len(), |i| span.end + i);
    let after = &text[span.end..end];
    let after = if after.trim_start().starts_with('#') { "" } else { after.trim_end() };
    Some(format!("{}{value}{after}", text[start..span.start].trim_start()))
}

/// The bytes `span` covers.
fn range(span: Span) -> std::ops::Range<usize> {
    span.start as usize..span.end as usize
}

/// The texts in backticks in `said` (`` `a`, `b` or `c` ``).
fn backticked(said: &str) -> Vec<&str> {
    said.split('`').skip(1).step_by(2).collect()
}

/// The mistake the TOML reader's `error` is about in `text`, the settings file `file`.
pub(crate) fn toml_mistake(file: &str, text: &str, error: &toml::de::Error) -> Mistake {
    let info = error.message().trim();
    let span = error.span().map_or(Span::new(0, 0), |r| Span::new(r.start, r.end));
    let located = Located::of(text);
    let (message, help) = said(file, text, &located, span, info).unwrap_or_else(|| {
        // The smallest value the place is in: `1__2` for its `_`.
        let within = located.entries.iter().filter(|e| e.value.start <= span.start && span.end <= e.value.end);
        let message = match within.min_by_key(|e| e.value.end - e.value.start) {
            Some(entry) => Message::new("config.value-unreadable").with("key", dotted(&entry.path)),
            None => Message::new("config.unreadable"),
        };
        (message.with("file", file).with("info", info.lines().next().unwrap_or_default()), None)
    });
    Mistake { span, message, help }
}

/// Where `field`, unknown in `table` of fieldbook.toml (the top when empty), goes, when it is
/// a key of another place: `trusted_html` written at the top belongs under `[markdown]`, and
/// `language` written under `[privacy]` at the top.
fn misplaced_key(field: &str, table: &[Step]) -> Option<Message> {
    use crate::config::{TABLE_KEYS, TOP_KEYS};
    if !table.is_empty() && TOP_KEYS.contains(&field) {
        return Some(Message::new("config.key-at-top").with("field", field).with("table", heading(table)));
    }
    let (home, _) = TABLE_KEYS.iter().find(|(_, keys)| keys.contains(&field))?;
    Some(Message::new("config.key-in-table").with("field", field).with("table", format!("[{home}]")))
}

/// What `info`, the reader's English about `span`, says, when it is a mistake this module
/// knows.
fn said(file: &str, text: &str, located: &Located, span: Span, info: &str) -> Option<(Message, Option<Message>)> {
    let entry_at = |span: Span| located.entries.iter().find(|e| e.value == span);
    if let Some(rest) = info.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once("`, expected ")?;
        let ids = backticked(expected.strip_prefix("one of ").unwrap_or(expected));
        let table =
            located.entries.iter().find(|e| e.key == Some(span)).map_or(&[][..], |e| &e.path[..e.path.len() - 1]);
        let expected = match ids[..] {
            [] => return None,
            [id] => Message::new("config.expected-key").with("id", id),
            _ => Message::new("hint.one-of").list("ids", &ids),
        };
        let message = match table {
            [] => Message::new("config.unknown-key"),
            _ => Message::new("config.unknown-key-in").with("table", heading(table)),
        };
        let message = message.with("file", file).with("field", field).phrase("expected", expected);
        if file == crate::config::CONFIG_FILE
            && let Some(help) = misplaced_key(field, table)
        {
            return Some((message, Some(help)));
        }
        let near = did_you_mean(field, ids.iter().copied());
        return Some((message, near.map(|near| Message::new("hint.did-you-mean").with("near", near))));
    }
    if let Some(rest) = info.strip_prefix("missing field `") {
        let field = rest.strip_suffix('`')?;
        let message = match entry_at(span).filter(|e| !e.path.is_empty()) {
            Some(table) => Message::new("config.missing-key-in").with("table", heading(&table.path)),
            None => Message::new("config.missing-key"),
        };
        return Some((message.with("file", file).with("field", field), None));
    }
    let invalid = info.strip_prefix("invalid type: ").or_else(|| info.strip_prefix("invalid value: "));
    if let Some(rest) = invalid {
        let expected = Expected::of(rest.rsplit_once(", expected ")?.1)?;
        let entry = entry_at(span)?;
        let written = text.get(range(span))?;
        let key = dotted(&entry.path);
        let message = match (expected, &entry.found) {
            (Expected::Whole { .. }, Found::Fraction(x)) if x.is_finite() && x.fract() != 0.0 => {
                let message = Message::new("config.not-whole").with("value", written);
                let help = Message::new("config.round-help")
                    .with("below", x.floor().to_string())
                    .with("above", x.ceil().to_string());
                return Some((message.with("file", file).with("key", key), Some(help)));
            }
            (Expected::Whole { max: Some(max) }, Found::Whole(_)) => {
                let message = Message::new("config.out-of-range").number("max", max).with("value", written);
                return Some((message.with("file", file).with("key", key), None));
            }
            // An entry of a list: `languages = [1]`.
            _ if entry.path.last() == Some(&Step::Entry) => Message::new("config.wrong-type-in-list"),
            _ => Message::new("config.wrong-type"),
        };
        let message =
            message.with("file", file).with("key", key).phrase("expected", expected.words(heading(&entry.path)));
        let mended = expected.mend(&entry.found, written).and_then(|value| mended_line(text, span, &value));
        let help = match (mended, expected, &entry.found) {
            (Some(line), _, _) => Some(Message::new("config.mended").with("line", line)),
            // `"cinco"`: a number in words.
            (None, Expected::Whole { .. } | Expected::Number, Found::Text(_)) => {
                Some(Message::new("config.in-figures"))
            }
            (None, _, _) => None,
        };
        return Some((message, help));
    }
    if info == "duplicate key" {
        let line_start = text.get(..range(span).start)?.rfind('\n').map_or(0, |i| i + 1);
        let line = text[line_start..].lines().next().unwrap_or_default().split('#').next().unwrap_or_default().trim();
        let key = if line.starts_with('[') { line } else { text.get(range(span))? };
        let message = Message::new("config.duplicate").with("file", file).with("key", key);
        return Some((message, Some(Message::new("config.duplicate-help"))));
    }
    // `True`: TOML writes `true` and `false` in lowercase only.
    let written = text.get(range(span))?;
    if let (Some(entry), "true" | "false") = (entry_at(span), written.to_ascii_lowercase().as_str()) {
        let message = Message::new("config.wrong-type")
            .with("file", file)
            .with("key", dotted(&entry.path))
            .phrase("expected", Expected::Boolean.words(String::new()));
        let mended = mended_line(text, span, &written.to_ascii_lowercase());
        return Some((message, mended.map(|line| Message::new("config.mended").with("line", line))));
    }
    unquoted(file, text, span)
}

/// A text written without quotes (`title = Observatoire`), which TOML cannot read: the
/// reader's span is the whole value after `=`.
fn unquoted(file: &str, text: &str, span: Span) -> Option<(Message, Option<Message>)> {
    let written = text.get(range(span))?.trim();
    let line_start = text.get(..range(span).start)?.rfind('\n').map_or(0, |i| i + 1);
    let line = text[line_start..].lines().next().unwrap_or_default();
    let (_, value) = line.split_once('=')?;
    let value = value.split('#').next().unwrap_or_default().trim();
    let lower = written.to_ascii_lowercase();
    let bare = !written.is_empty()
        && value == written
        && !written.starts_with(['"', '\'', '[', '{'])
        && !lower.starts_with("true")
        && !lower.starts_with("false");
    if !bare {
        return None;
    }
    // In double quotes, or single ones (a literal string) when it holds `"` or `\`.
    let quoted = if !written.contains(['"', '\\']) {
        Some(format!("\"{written}\""))
    } else if !written.contains('\'') {
        Some(format!("'{written}'"))
    } else {
        None
    };
    let message = Message::new("config.unquoted").with("file", file).with("value", written);
    let mended = quoted.and_then(|quoted| mended_line(text, span, &quoted));
    let mended = mended.map(|line| Message::new("config.mended").with("line", line));
    Some((message, mended))
}

#[cfg(test)]
mod tests;
