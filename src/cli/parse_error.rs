//! A mistake on the command line (`fieldbook buidl`, `build --draft`, `check --format xml`)
//! said in the site's language, as `--help` is (see [`super::help`]).
//!
//! clap finds the mistake and says it in English; what it found is kept in the error as data
//! (its kind, the argument, the value, the similar names it suggests, the usage line). When
//! the language is another, the message is written again from that data, in the words of the
//! `[parse-error]` section of the help catalogue, laid out as clap lays it out: the `error:`
//! line, the tips, the usage line and "For more information, try '--help'." The labels are the
//! ones every other error of Fieldbook uses (`erreur`, `aide`).
//!
//! English stays clap's own. A test writes every kind of mistake through this module with
//! the English words and checks it is byte for byte what clap writes, styles included. A
//! mistake this module has no words for (a kind Fieldbook's commands cannot give, or a tip
//! clap words in a way it does not know) is left to clap, in English, whole: never half
//! translated.

use clap::builder::Styles;
use clap::builder::styling::Style;
use clap::error::{ContextKind, ContextValue, ErrorKind};

use super::help::{Words, english_word};

/// What clap says, by key under `[parse-error]` in a catalogue, in clap's English. In each
/// text, `{arg}`, `{value}`, `{command}`, `{other}`, `{dashes}` are filled with what clap
/// found, styled as clap styles them; `{items}` with names, each quoted as `quoted` says;
/// `{reason}` with why a value was refused: one of the `reason-` texts when it is the number
/// reader's (`--port eighty`), else in the words of what read it.
pub(crate) const PARSE_WORDS: [(&str, &str); 30] = [
    ("unexpected-argument", "unexpected argument '{arg}' found"),
    ("unrecognized-subcommand", "unrecognized subcommand '{command}'"),
    ("invalid-value", "invalid value '{value}' for '{arg}'"),
    ("reason", "{message}: {reason}"),
    ("reason-invalid-digit", "invalid digit found in string"),
    ("reason-empty", "cannot parse integer from empty string"),
    ("reason-too-large", "number too large to fit in target type"),
    ("reason-too-small", "number too small to fit in target type"),
    ("reason-out-of-range", "{number} is not in {low}..={high}"),
    ("value-required", "a value is required for '{arg}' but none was supplied"),
    ("used-twice", "the argument '{arg}' cannot be used multiple times"),
    ("conflict", "the argument '{arg}' cannot be used with '{other}'"),
    ("conflict-list", "the argument '{arg}' cannot be used with:"),
    ("conflict-others", "the argument '{arg}' cannot be used with one or more of the other specified arguments"),
    ("no-equals", "equal sign is needed when assigning values to '{arg}'"),
    ("missing-required", "the following required arguments were not provided:"),
    ("missing-subcommand", "'{command}' requires a subcommand but one was not provided"),
    ("subcommands-inline", "[subcommands: {values}]"),
    ("too-many-values", "unexpected value '{value}' for '{arg}' found; no more were expected"),
    ("similar-subcommand", "a similar subcommand exists: {items}"),
    ("similar-subcommands", "some similar subcommands exist: {items}"),
    ("similar-argument", "a similar argument exists: {items}"),
    ("similar-arguments", "some similar arguments exist: {items}"),
    ("similar-value", "a similar value exists: {items}"),
    ("similar-values", "some similar values exist: {items}"),
    ("pass-as-value", "to pass '{arg}' as a value, use '{command}'"),
    ("exists", "'{command}' exists"),
    ("remove-double-dash", "subcommand '{command}' exists; to use it, remove the '{dashes}' before it"),
    ("more-information", "For more information, try '{command}'."),
    ("quoted", "'{item}'"),
];

/// clap's indent before a tip or a listed name.
const TAB: &str = "  ";

/// The labels before the message and before each tip: `error` and `tip` in clap's English,
/// the words of Fieldbook's own errors (`erreur`, `aide`) in another language.
#[derive(Debug, Clone)]
pub(crate) struct Labels {
    /// Before the message.
    pub(crate) error: String,
    /// Before each tip.
    pub(crate) tip: String,
}

/// `error` said in `words`, styled with `styles` (as ANSI codes), in a language written right
/// to left when `rtl`; `None` when this module has no words for it and clap's English stands.
pub(crate) fn said(error: &clap::Error, words: &Words, labels: &Labels, styles: &Styles, rtl: bool) -> Option<String> {
    let writer = Writer { words, styles, rtl };
    let mut out = String::new();
    let red = styles.get_error();
    out.push_str(&format!("{red}{}:{red:#} ", labels.error));
    out.push_str(&writer.message(error)?);
    let mut tips = Vec::new();
    for (kind, key) in [
        (ContextKind::SuggestedSubcommand, "subcommand"),
        (ContextKind::SuggestedArg, "argument"),
        (ContextKind::SuggestedValue, "value"),
    ] {
        if let Some(names) = error.get(kind) {
            tips.push(writer.similar(key, names)?);
        }
    }
    if let Some(ContextValue::StyledStrs(suggestions)) = error.get(ContextKind::Suggested) {
        for suggestion in suggestions {
            tips.push(writer.suggestion(&suggestion.to_string())?);
        }
    }
    if !tips.is_empty() {
        out.push('\n');
    }
    let green = styles.get_valid();
    for tip in tips {
        out.push_str(&format!("\n{TAB}{green}{}:{green:#} {tip}", labels.tip));
    }
    if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
        let usage = usage.ansi().to_string();
        let english = english_word("usage");
        out.push_str("\n\n");
        out.push_str(&usage.replacen(english, &words.clap("usage"), 1));
    }
    let help = writer.styled(styles.get_literal(), "--help");
    out.push_str("\n\n");
    out.push_str(&writer.fill("more-information", &[("command", help)]));
    out.push('\n');
    Some(out)
}

/// Writes the parts of one message.
struct Writer<'a> {
    words: &'a Words,
    styles: &'a Styles,
    rtl: bool,
}

impl Writer<'_> {
    /// The words of `key` under `[parse-error]`, or clap's English.
    fn text(&self, key: &str) -> String {
        let english = PARSE_WORDS.iter().find(|(k, _)| *k == key).map_or("", |(_, english)| english);
        self.words.say(&format!("parse-error.{key}"), english)
    }

    /// `key`'s text with each `{name}` replaced by its value (already styled), in one pass:
    /// what was typed is never filled again (`--port '{reason}'` stays as typed).
    fn fill(&self, key: &str, values: &[(&str, String)]) -> String {
        let values: Vec<(&str, &str)> = values.iter().map(|(name, value)| (*name, value.as_str())).collect();
        fieldbook::text::fill(&self.text(key), &values)
    }

    /// `text` in `style`; in a right-to-left language, between left-to-right marks, so that
    /// an option name or a value reads as typed inside the sentence.
    fn styled(&self, style: &Style, text: &str) -> String {
        if self.rtl { format!("\u{200E}{style}{text}{style:#}\u{200E}") } else { format!("{style}{text}{style:#}") }
    }

    fn invalid(&self, text: &str) -> String {
        self.styled(self.styles.get_invalid(), text)
    }

    fn valid(&self, text: &str) -> String {
        self.styled(self.styles.get_valid(), text)
    }

    fn literal(&self, text: &str) -> String {
        self.styled(self.styles.get_literal(), text)
    }

    /// What the message line says after the label, by the error's kind.
    fn message(&self, error: &clap::Error) -> Option<String> {
        let string = |kind: ContextKind| match error.get(kind) {
            Some(ContextValue::String(s)) => Some(s.as_str()),
            _ => None,
        };
        let arg = string(ContextKind::InvalidArg);
        let value = string(ContextKind::InvalidValue);
        Some(match error.kind() {
            ErrorKind::UnknownArgument => self.fill("unexpected-argument", &[("arg", self.invalid(arg?))]),
            ErrorKind::InvalidSubcommand => self
                .fill("unrecognized-subcommand", &[("command", self.invalid(string(ContextKind::InvalidSubcommand)?))]),
            ErrorKind::InvalidValue => {
                let (arg, value) = (arg?, value?);
                let mut text = if value.is_empty() {
                    self.fill("value-required", &[("arg", self.invalid(arg))])
                } else {
                    self.fill("invalid-value", &[("value", self.invalid(value)), ("arg", self.literal(arg))])
                };
                if let Some(ContextValue::Strings(values)) = error.get(ContextKind::ValidValue)
                    && !values.is_empty()
                {
                    let values = self.names(values);
                    text.push_str(&format!(
                        "\n{TAB}{}",
                        self.words.clap("possible-values-inline").replace("{values}", &values)
                    ));
                }
                text
            }
            ErrorKind::ValueValidation => {
                let text = self.fill("invalid-value", &[("value", self.invalid(value?)), ("arg", self.literal(arg?))]);
                // Why the value is invalid, in the words of what read it (a number's parser),
                // as the messages of Fieldbook leave what a library says.
                match std::error::Error::source(error) {
                    Some(reason) => self.fill("reason", &[("message", text), ("reason", self.reason(reason))]),
                    None => text,
                }
            }
            ErrorKind::ArgumentConflict => self.conflict(error, arg?)?,
            ErrorKind::NoEquals => self.fill("no-equals", &[("arg", self.invalid(arg?))]),
            ErrorKind::MissingRequiredArgument => {
                let Some(ContextValue::Strings(missing)) = error.get(ContextKind::InvalidArg) else { return None };
                let mut text = self.text("missing-required");
                for name in missing {
                    text.push_str(&format!("\n{TAB}{}", self.valid(name)));
                }
                text
            }
            ErrorKind::MissingSubcommand => {
                let command = string(ContextKind::InvalidSubcommand)?;
                let mut text = self.fill("missing-subcommand", &[("command", self.invalid(command))]);
                if let Some(ContextValue::Strings(values)) = error.get(ContextKind::ValidSubcommand)
                    && !values.is_empty()
                {
                    text.push_str(&format!(
                        "\n{TAB}{}",
                        self.text("subcommands-inline").replace("{values}", &self.names(values))
                    ));
                }
                text
            }
            ErrorKind::TooManyValues => {
                self.fill("too-many-values", &[("value", self.invalid(value?)), ("arg", self.literal(arg?))])
            }
            // The rest are not mistakes Fieldbook's commands can be given (a number of values,
            // bytes that are not UTF-8) or are not mistakes at all (help, a version).
            _ => return None,
        })
    }

    /// Why a value was refused: said in this language when it is one of the reasons of
    /// clap's number reader (`--port eighty`, `--port 70000`), else as the reader wrote it.
    fn reason(&self, reason: &(dyn std::error::Error + 'static)) -> String {
        use std::num::IntErrorKind;
        if let Some(error) = reason.downcast_ref::<std::num::ParseIntError>() {
            let key = match error.kind() {
                IntErrorKind::InvalidDigit => "reason-invalid-digit",
                IntErrorKind::Empty => "reason-empty",
                IntErrorKind::PosOverflow => "reason-too-large",
                IntErrorKind::NegOverflow => "reason-too-small",
                _ => return reason.to_string(),
            };
            return self.text(key);
        }
        // clap's own words for a number outside the option's range: "70000 is not in 0..=65535".
        let text = reason.to_string();
        if let Some((number, range)) = text.split_once(" is not in ")
            && let Some((low, high)) = range.split_once("..=")
        {
            let values = [("number", number.to_string()), ("low", low.to_string()), ("high", high.to_string())];
            return self.fill("reason-out-of-range", &values);
        }
        text
    }

    /// An argument given twice, or with one it excludes.
    fn conflict(&self, error: &clap::Error, arg: &str) -> Option<String> {
        let arg_text = self.invalid(arg);
        Some(match error.get(ContextKind::PriorArg) {
            Some(ContextValue::String(prior)) if prior == arg => self.fill("used-twice", &[("arg", arg_text)]),
            Some(ContextValue::String(prior)) => {
                self.fill("conflict", &[("arg", arg_text), ("other", self.invalid(prior))])
            }
            Some(ContextValue::Strings(priors)) => {
                let mut text = self.fill("conflict-list", &[("arg", arg_text)]);
                for prior in priors {
                    text.push_str(&format!("\n{TAB}{}", self.invalid(prior)));
                }
                text
            }
            None => self.fill("conflict-others", &[("arg", arg_text)]),
            Some(_) => return None,
        })
    }

    /// Possible values or commands, as clap lists them: each styled, `, ` between them, one
    /// with a space in it quoted.
    fn names(&self, values: &[String]) -> String {
        let shown: Vec<String> = values
            .iter()
            .map(|v| {
                let escaped =
                    if v.is_empty() || v.contains(char::is_whitespace) { format!("{v:?}") } else { v.clone() };
                self.valid(&escaped)
            })
            .collect();
        shown.join(", ")
    }

    /// "a similar argument exists: '--drafts'".
    fn similar(&self, what: &str, names: &ContextValue) -> Option<String> {
        let names: Vec<&str> = match names {
            ContextValue::String(name) => vec![name.as_str()],
            ContextValue::Strings(names) => names.iter().map(String::as_str).collect(),
            _ => return None,
        };
        let quoted: Vec<String> =
            names.iter().map(|name| self.text("quoted").replace("{item}", &self.valid(name))).collect();
        let key = if names.len() == 1 { format!("similar-{what}") } else { format!("similar-{what}s") };
        Some(self.fill(&key, &[("items", quoted.join(", "))]))
    }

    /// One of clap's worded tips, from its plain text: `None` for one this module does not
    /// know.
    fn suggestion(&self, plain: &str) -> Option<String> {
        if let Some(rest) = plain.strip_prefix("to pass '")
            && let Some((arg, rest)) = rest.split_once("' as a value, use '")
        {
            let command = rest.strip_suffix('\'')?;
            return Some(self.fill("pass-as-value", &[("arg", self.invalid(arg)), ("command", self.valid(command))]));
        }
        if let Some(rest) = plain.strip_prefix("subcommand '") {
            let command = rest.strip_suffix("' exists; to use it, remove the '--' before it")?;
            return Some(
                self.fill("remove-double-dash", &[("command", self.valid(command)), ("dashes", self.invalid("--"))]),
            );
        }
        let command = plain.strip_prefix('\'')?.strip_suffix("' exists")?;
        Some(self.fill("exists", &[("command", self.valid(command))]))
    }
}

#[cfg(test)]
mod tests;
