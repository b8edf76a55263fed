//! What each diagnostic code means and what to do about it, in the language messages are
//! said in: what `fieldbook explain` prints, for one code and as the list of every code.
//!
//! English is the registry itself ([`crate::codes::CODES`]): the source of truth, which the
//! guide's troubleshooting page is checked against and SARIF carries. French, Spanish and
//! Arabic are data: one file per language in `explain/` beside this file (`fr.toml`,
//! `es.toml`, `ar.toml`), a table per code id with its `means` and `fix`, embedded in the
//! binary and parsed the first time that language is spoken. A test fails when a file lacks a
//! code of the registry or has one the registry does not, when a translation changes, drops
//! or adds a run in backticks (a file, a field, a command: what people type), or when it is
//! left as the English.
//!
//! French is spaced as the catalogue is (a narrow no-break space before `:` `;` `!` `?`,
//! outside backticks). Arabic is set out for a terminal that lays text out right to left:
//! each run in backticks between left-to-right marks, as in every Arabic message, and each
//! line that starts with a code marked as a right-to-left line ([`Messages::code_list`]).

use std::sync::OnceLock;

use super::{Message, Messages, isolate_backticks};
use crate::codes::{CODES, Code};
use crate::locale::Punctuation;

/// The translations shipped, by language. English is not among them: it is [`CODES`].
const TRANSLATIONS: [(&str, &str); 3] = [
    ("fr", include_str!("explain/fr.toml")),
    ("es", include_str!("explain/es.toml")),
    ("ar", include_str!("explain/ar.toml")),
];

/// Right-to-left mark, which makes a line that starts with a code (left to right) a
/// right-to-left line.
const RLM: char = '\u{200f}';

/// What a code means and what to do about it, in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Explanation {
    /// What it means, in a sentence.
    pub means: &'static str,
    /// What to do about it.
    pub fix: &'static str,
}

/// One code's entry in a translation file: its id, what it means and what to do, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    id: String,
    means: String,
    fix: String,
}

/// The entries of a translation file, in its order: each table a code id holding the texts
/// `means` and `fix`, and nothing else.
fn read(text: &str) -> Result<Vec<Entry>, String> {
    let table: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut entries = Vec::with_capacity(table.len());
    for (id, value) in table {
        let toml::Value::Table(texts) = value else { return Err(format!("`{id}` is not a table")) };
        let text = |key: &str| match texts.get(key) {
            Some(toml::Value::String(text)) if !text.trim().is_empty() => Ok(text.clone()),
            _ => Err(format!("`{id}` has no `{key}` text")),
        };
        if let Some(other) = texts.keys().find(|k| *k != "means" && *k != "fix") {
            return Err(format!("`{id}` has `{other}`, which is neither `means` nor `fix`"));
        }
        entries.push(Entry { means: text("means")?, fix: text("fix")?, id });
    }
    Ok(entries)
}

/// Translation `k` of [`TRANSLATIONS`], in the order of [`CODES`], each code's `means` and
/// `fix` spaced as its language spaces punctuation: parsed the first time it is asked for. A
/// code the file lacks (which a test forbids) is said in English.
fn translation(k: usize) -> &'static [(String, String)] {
    static PARSED: [OnceLock<Vec<(String, String)>>; 3] = [const { OnceLock::new() }; 3];
    PARSED[k].get_or_init(|| {
        let (tag, text) = TRANSLATIONS[k];
        let entries = read(text).unwrap_or_else(|e| panic!("messages/explain/{tag}.toml: {e}"));
        let punctuation = Punctuation::of(tag);
        let spaced = |text: &str| punctuation.apply_outside_code(text).into_owned();
        CODES
            .iter()
            .map(|code| match entries.iter().find(|e| e.id == code.id) {
                Some(entry) => (spaced(&entry.means), spaced(&entry.fix)),
                None => (code.means.to_string(), code.fix.to_string()),
            })
            .collect()
    })
}

impl Messages {
    /// What `code` means and what to do about it, in this language: the registry's English,
    /// or its translation as written (French spaced; without the marks Arabic is printed
    /// with, which [`Messages::explain`] and [`Messages::code_list`] add).
    pub fn explanation(&self, code: &Code) -> Explanation {
        let english = Explanation { means: code.means, fix: code.fix };
        let Some(k) = TRANSLATIONS.iter().position(|(tag, _)| *tag == self.language()) else { return english };
        match CODES.binary_search_by(|c| c.id.cmp(code.id)) {
            Ok(i) => {
                let (means, fix) = &translation(k)[i];
                Explanation { means, fix }
            }
            Err(_) => english,
        }
    }

    /// What `fieldbook explain CODE` prints, without a last newline: the code, what it means,
    /// what to do, and where the guide says more, in this language. In Arabic the meaning
    /// is marked as a right-to-left line, so that a terminal lays it out from the right even
    /// when it starts with a value in backticks.
    pub fn explain(&self, code: &Code) -> String {
        let explanation = self.explanation(code);
        let what_to_do = self.render(&Message::new("explain.what-to-do").with("fix", explanation.fix));
        let guide = self.render(&Message::new("explain.guide"));
        let means = if self.is_rtl() {
            format!("{RLM}{}", isolate_backticks(explanation.means))
        } else {
            explanation.means.to_string()
        };
        format!("{}\n\n{means}\n\n{what_to_do}\n\n{guide}", code.id)
    }

    /// What `fieldbook explain` prints: a line per code, its id and what it means, every
    /// meaning after the longest id, so that all start at the same column.
    ///
    /// In Arabic each line starts with a right-to-left mark, and another comes before the
    /// meaning: a terminal that lays out bidirectional text reads the line right to left, the
    /// code at the right edge and, to its left, every meaning starting at the same distance
    /// from the edge, as a right-to-left table reads; a terminal that does not shows the line
    /// in the order it is written, code first, aligned as in French.
    pub fn code_list(&self) -> String {
        let width = CODES.iter().map(|code| code.id.len()).max().unwrap_or(0);
        let mut out = String::new();
        for code in CODES {
            let means = self.explanation(code).means;
            let line = if self.is_rtl() {
                format!("{RLM}{:<width$} {RLM}{}\n", code.id, isolate_backticks(means))
            } else {
                format!("{:<width$} {means}\n", code.id)
            };
            out.push_str(&line);
        }
        out
    }

    /// True for a language written right to left.
    fn is_rtl(&self) -> bool {
        self.catalogue.locale.is_rtl()
    }
}

#[cfg(test)]
mod tests;
