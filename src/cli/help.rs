//! `fieldbook --help` and each command's `--help` in the site's language: French, Spanish or
//! Arabic, chosen as `explain` and the errors that stop a command choose theirs
//! (`FIELDBOOK_MESSAGES`, else the language of the site at `--root` or above the current
//! folder, else English).
//!
//! The English is the derive's (the doc comments and attributes of `args.rs`): the arguments
//! are parsed with it as they always were, and when clap answers with help in English, which
//! it does before any site is read, nothing else happens. Only when it answers with help
//! (`--help`, `-h`, `fieldbook help build`, `fieldbook` alone) and the language is another is
//! the help said again: the same command, built as clap builds it to parse, each of its texts
//! replaced from that language's catalogue (`src/messages/help/fr.toml`, `es.toml`, `ar.toml`:
//! parsed only then), keyed by command and argument id; the arguments parsed again with it,
//! so that clap answers with the same help in that language.
//!
//! clap's own words around the texts (`Usage:`, `Commands:`, `Options:`, `Arguments:`,
//! `Possible values:`, `[default: …]`, `[possible values: …]`, `Print help`) are not clap
//! settings: the headings are written by a help template of the same shape as clap's own,
//! `[default: …]` and `[possible values: …]` are written into a short help's text (clap's
//! hidden), and in a long help, where clap sets them on lines of their own, they are replaced
//! after clap has written them. A test renders every command's help through all of this with
//! the English texts and checks it is byte for byte what clap writes.
//!
//! What stays as typed: command, option and value names (`<DIR>`, `fr`, `json`), the example
//! commands (their `# comments` are translated), the usage line after `Usage:`. clap's parse
//! errors (`unexpected argument`) are said again in the same language by
//! [`super::parse_error`], from this catalogue's `[parse-error]` words. Shell completions
//! (`completions`) are made from the English command.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::PathBuf;

use clap::builder::styling::Style;
use clap::builder::{PossibleValue, PossibleValuesParser, StyledStr, Styles};
use clap::error::ErrorKind;
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};
use fieldbook::locale::Punctuation;

use super::Cli;

/// The translations of help, by language, embedded. English is not among them: it is the
/// derive's.
const CATALOGUES: [(&str, &str); 3] = [
    ("fr", include_str!("../messages/help/fr.toml")),
    ("es", include_str!("../messages/help/es.toml")),
    ("ar", include_str!("../messages/help/ar.toml")),
];

/// clap's own words, by their key under `[clap]` in a catalogue, as clap 4 writes them.
/// `{value}` and `{values}` are what clap puts in: a default value, the possible values.
pub(crate) const CLAP_WORDS: [(&str, &str); 13] = [
    ("usage", "Usage:"),
    ("commands", "Commands:"),
    ("arguments", "Arguments:"),
    ("options", "Options:"),
    ("possible-values", "Possible values:"),
    ("default", "[default: {value}]"),
    ("possible-values-inline", "[possible values: {values}]"),
    ("help", "Print help"),
    ("help-more", "Print help (see more with '--help')"),
    ("help-summary", "Print help (see a summary with '-h')"),
    ("version", "Print version"),
    ("help-command", "Print this message or the help of the given subcommand(s)"),
    ("help-command-argument", "Print help for the subcommand(s)"),
];

/// The key of the command's own texts, and of the arguments every command takes.
const ROOT: &str = "fieldbook";

/// The name of the subcommand clap adds to show help (`fieldbook help build`).
const HELP_COMMAND: &str = "help";

/// Parse the command line, as `Cli::parse` does; help that clap prints is said in the
/// language of the site (see the module's documentation). Exits as clap exits on help, a
/// version or a mistake in the arguments.
pub(crate) fn parse() -> Cli {
    let args: Vec<OsString> = std::env::args_os().collect();
    let mut command = Cli::command();
    let error = match command.try_get_matches_from_mut(&args) {
        Ok(mut matches) => match Cli::from_arg_matches_mut(&mut matches) {
            Ok(cli) => return cli,
            Err(error) => error.format(&mut command),
        },
        Err(error) => error,
    };
    if matches!(error.kind(), ErrorKind::DisplayVersion) {
        error.exit()
    }
    let messages = super::fatal_messages(root_in(&args));
    let Some(words) = Words::of(messages.language()) else { error.exit() };
    if matches!(error.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand) {
        if let Some(said) = help_in(&args, &words, &error) {
            print(&said.text, said.stderr);
            std::process::exit(said.code);
        }
    } else {
        // A mistake in the arguments: said again in the site's language (see `parse_error`).
        let labels = super::parse_error::Labels { error: messages.error_label(), tip: messages.help_label() };
        let rtl = fieldbook::config::is_rtl(messages.language());
        if let Some(said) = super::parse_error::said(&error, &words, &labels, command.get_styles(), rtl) {
            print(&said, true);
            std::process::exit(error.exit_code());
        }
    }
    error.exit()
}

/// Help as clap prints it: its text (styles as ANSI codes), where it goes and the exit code.
#[derive(Debug)]
pub(crate) struct Said {
    /// The help, styled.
    pub(crate) text: String,
    /// True when it goes to standard error (`fieldbook` alone), else to standard output.
    pub(crate) stderr: bool,
    /// The exit code.
    pub(crate) code: i32,
}

/// The help that the arguments `args` ask for, which clap answered in English with `english`
/// (an error of kind `DisplayHelp` or `DisplayHelpOnMissingArgumentOrSubcommand`), said in
/// `words`; `None` if clap answers otherwise, which a command that differs from the English
/// only in its texts never does.
pub(crate) fn help_in(args: &[OsString], words: &Words, english: &clap::Error) -> Option<Said> {
    // A long help (`--help`, `help build`) shows `--help`'s long help, and only it.
    let long = english.render().to_string().contains(english_word("help-summary"));
    let mut command = localized(words, long);
    let styles = command.get_styles().clone();
    let said = command.try_get_matches_from_mut(args).err().filter(|said| said.kind() == english.kind())?;
    let text =
        if long { long_words_replaced(&said.render(), words, &styles) } else { said.render().ansi().to_string() };
    Some(Said { text, stderr: said.use_stderr(), code: said.exit_code() })
}

/// The site folder `--root DIR` or `--root=DIR` names in the raw arguments, before clap has
/// read them: the first, and none after `--`.
pub(crate) fn root_in(args: &[OsString]) -> Option<PathBuf> {
    let mut rest = args.iter().skip(1);
    while let Some(arg) = rest.next() {
        if arg == "--" {
            return None;
        }
        if arg == "--root" {
            return rest.next().map(PathBuf::from);
        }
        if let Some(dir) = arg.to_str().and_then(|a| a.strip_prefix("--root=")) {
            return Some(PathBuf::from(dir));
        }
    }
    None
}

/// `text` (with its styles as ANSI codes) on standard output or error, coloured as clap
/// colours help: on a terminal, unless `NO_COLOR` says otherwise.
fn print(text: &str, stderr: bool) {
    use std::io::Write;
    let choice = anstream::ColorChoice::Auto;
    // A closed pipe (`fieldbook --help | head`) is not an error, as with clap's own help.
    let _ = if stderr {
        anstream::AutoStream::new(std::io::stderr(), choice).write_all(text.as_bytes())
    } else {
        anstream::AutoStream::new(std::io::stdout(), choice).write_all(text.as_bytes())
    };
}

/// clap's English for its word `key` of [`CLAP_WORDS`].
pub(crate) fn english_word(key: &str) -> &'static str {
    CLAP_WORDS.iter().find(|(k, _)| *k == key).map_or("", |(_, english)| english)
}

/// The texts of help in one language, by key: `clap.usage`; `fieldbook.about` for the
/// command itself, `build.about`, `build.long-about`, `build.after-help` for a command;
/// `build.args.drafts.help`, `.long-help`, and `.values.human` for a possible value's. An
/// argument given to every command (`--root`) is keyed under `fieldbook`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Words {
    /// Each text, by key.
    pub(crate) texts: BTreeMap<String, String>,
}

impl Words {
    /// The catalogue of `language` (`fr`, `es`, `ar`), spaced and marked as messages are;
    /// `None` for English and any language without one.
    pub(crate) fn of(language: &str) -> Option<Words> {
        let (tag, text) = CATALOGUES.iter().find(|(tag, _)| *tag == language)?;
        let texts = read(text).ok()?;
        Some(Words { texts: texts.into_iter().map(|(key, text)| (key, set_out(&text, tag))).collect() })
    }

    /// The text of `key`, or `english` where the catalogue has none.
    pub(crate) fn say(&self, key: &str, english: &str) -> String {
        self.texts.get(key).cloned().unwrap_or_else(|| english.to_string())
    }

    /// clap's word `key`, in this language.
    pub(crate) fn clap(&self, key: &str) -> String {
        self.say(&format!("clap.{key}"), english_word(key))
    }
}

/// A catalogue's keys and texts, as written: each table's keys joined by `.`.
pub(crate) fn read(text: &str) -> Result<BTreeMap<String, String>, String> {
    fn into(out: &mut BTreeMap<String, String>, prefix: &str, table: toml::Table) -> Result<(), String> {
        for (key, value) in table {
            let key = if prefix.is_empty() { key } else { format!("{prefix}.{key}") };
            match value {
                toml::Value::String(text) => {
                    out.insert(key, text);
                }
                toml::Value::Table(inner) => into(out, &key, inner)?,
                _ => return Err(format!("`{key}` is neither text nor a table")),
            }
        }
        Ok(())
    }
    let table: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut out = BTreeMap::new();
    into(&mut out, "", table)?;
    Ok(out)
}

/// `text` as the messages of language `tag` are set out: French punctuation spaced (a narrow
/// no-break space before `:` `;` `!` `?`) outside backticks and outside the commands of an
/// example line (`  fieldbook check --all   # comment`: only the comment is prose); in Arabic,
/// each run in backticks between left-to-right marks.
fn set_out(text: &str, tag: &str) -> String {
    let punctuation = Punctuation::of(tag);
    let spaced = |prose: &str| punctuation.apply_outside_code(prose).into_owned();
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| match example_command(line) {
            Some(command) => format!("{command}{}", spaced(&line[command.len()..])),
            None => spaced(line),
        })
        .collect();
    let joined = lines.join("\n");
    if fieldbook::config::is_rtl(tag) { fieldbook::messages::isolate_backticks(&joined) } else { joined }
}

/// The command of an example line (`  fieldbook check --all`), with the spaces after it up to
/// its `# comment`; `None` for a line that is not an example.
pub(crate) fn example_command(line: &str) -> Option<&str> {
    if !line.starts_with("  fieldbook") {
        return None;
    }
    let end = line.find(" #").map_or(line.len(), |hash| hash + 1);
    Some(&line[..end])
}

/// The key of a command's texts: `fieldbook` for the command itself, its name for a command.
fn command_key(parent: Option<&str>, command: &Command) -> String {
    match parent {
        None => ROOT.to_string(),
        Some(ROOT) => command.get_name().to_string(),
        Some(parent) => format!("{parent}.{}", command.get_name()),
    }
}

/// True for an argument clap adds itself: `--help`, `--version`, and the argument of its
/// `help` command.
fn is_clap_argument(arg: &Arg, in_help_command: bool) -> bool {
    in_help_command || matches!(arg.get_action(), ArgAction::Help | ArgAction::Version)
}

/// The key of clap's own text `english`, under `[clap]`.
fn clap_key(english: &str) -> String {
    match CLAP_WORDS.iter().find(|(_, e)| *e == english) {
        Some((key, _)) => format!("clap.{key}"),
        // clap changed its words: a key no catalogue has, which the tests name.
        None => format!("clap.unknown: {english}"),
    }
}

/// The key of an argument's text `what` (`help`, `long-help`, `values`): under `[clap]` for
/// clap's own, found by its English; under the root command for one given to every command.
fn argument_key(command: &str, arg: &Arg, in_help_command: bool, what: &str, english: &str) -> String {
    if is_clap_argument(arg, in_help_command) {
        return clap_key(english);
    }
    let owner = if arg.is_global_set() { ROOT } else { command };
    format!("{owner}.args.{}.{what}", arg.get_id())
}

/// `command` as clap builds it to parse (its `--help`, `--version` and `help` command added,
/// the arguments given to every command copied into each), each command built.
pub(crate) fn built(mut command: Command) -> Command {
    fn build(command: &mut Command) {
        // Builds a command as parsing does, without the copies of every command under
        // `help` that `Command::build` makes for completions.
        let _ = command.render_usage();
        command.get_subcommands_mut().for_each(build);
    }
    build(&mut command);
    command
}

/// Every text of help that `command` (built) and its commands have, by key, in English, with
/// clap's words and those of its parse errors: what each catalogue translates.
#[cfg(test)]
pub(crate) fn english_texts(command: &Command) -> BTreeMap<String, String> {
    fn walk(command: &Command, parent: Option<&str>, out: &mut BTreeMap<String, String>) {
        let key = command_key(parent, command);
        let in_help = parent.is_some() && command.get_name() == HELP_COMMAND;
        if in_help {
            if let Some(about) = command.get_about() {
                out.insert(clap_key(&about.to_string()), about.to_string());
            }
        } else {
            for (what, text) in [
                ("about", command.get_about()),
                ("long-about", command.get_long_about()),
                ("after-help", command.get_after_help()),
            ] {
                if let Some(text) = text {
                    out.insert(format!("{key}.{what}"), text.to_string());
                }
            }
        }
        for arg in command.get_arguments() {
            for (what, text) in [("help", arg.get_help()), ("long-help", arg.get_long_help())] {
                if let Some(text) = text {
                    let english = text.to_string();
                    out.insert(argument_key(&key, arg, in_help, what, &english), english);
                }
            }
            for value in arg.get_possible_values() {
                if let Some(help) = value.get_help() {
                    let owner = argument_key(&key, arg, in_help, "values", "");
                    out.insert(format!("{owner}.{}", value.get_name()), help.to_string());
                }
            }
        }
        for sub in command.get_subcommands() {
            walk(sub, Some(&key), out);
        }
    }
    let mut out = BTreeMap::new();
    walk(command, None, &mut out);
    for (key, english) in CLAP_WORDS {
        out.insert(format!("clap.{key}"), english.to_string());
    }
    for (key, english) in super::parse_error::PARSE_WORDS {
        out.insert(format!("parse-error.{key}"), english.to_string());
    }
    out
}

/// The command line, built, every text of its help in `words`: for a short help (`-h`, and
/// the help `fieldbook` alone prints) when `long` is false, a long one (`--help`,
/// `fieldbook help build`) when true.
pub(crate) fn localized(words: &Words, long: bool) -> Command {
    let mut command = built(Cli::command());
    localize(&mut command, None, words, long);
    command
}

fn localize(command: &mut Command, parent: Option<&str>, words: &Words, long: bool) {
    let key = command_key(parent, command);
    let in_help = parent.is_some() && command.get_name() == HELP_COMMAND;
    let styles = command.get_styles().clone();
    let mut changed = std::mem::take(command);
    if in_help {
        if let Some(about) = changed.get_about() {
            let english = about.to_string();
            changed = changed.about(words.say(&clap_key(&english), &english));
        }
    } else {
        if let Some(about) = changed.get_about() {
            let said = words.say(&format!("{key}.about"), &about.to_string());
            changed = changed.about(said);
        }
        if let Some(long_about) = changed.get_long_about() {
            let said = words.say(&format!("{key}.long-about"), &long_about.to_string());
            changed = changed.long_about(said);
        }
        if let Some(after) = changed.get_after_help() {
            let said = words.say(&format!("{key}.after-help"), &after.to_string());
            changed = changed.after_help(said);
        }
    }
    changed = changed.mut_args(|arg| localize_argument(arg, &key, in_help, words, long, &styles));
    let template = template(&changed, words);
    *command = changed.help_template(template);
    for sub in command.get_subcommands_mut() {
        localize(sub, Some(&key), words, long);
    }
}

fn localize_argument(mut arg: Arg, command: &str, in_help: bool, words: &Words, long: bool, styles: &Styles) -> Arg {
    let said = |arg: &Arg, what: &str, text: &StyledStr| {
        let english = text.to_string();
        words.say(&argument_key(command, arg, in_help, what, &english), &english)
    };
    let mut help = arg.get_help().map(|text| said(&arg, "help", text));
    if let Some(long_help) = arg.get_long_help().map(|text| said(&arg, "long-help", text)) {
        arg = arg.long_help(long_help);
    }
    let values = arg.get_possible_values();
    let defaults: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    let takes_values = arg.get_action().takes_values();
    if long {
        if let Some(help) = help {
            arg = arg.help(help);
        }
        // A possible value's help is its value parser's: one that offers the same values,
        // each with its help in this language (the values these help texts are parsed into are
        // never read: this command only says help).
        if values.iter().any(|v| v.get_help().is_some()) {
            let owner = argument_key(command, &arg, in_help, "values", "");
            let said: Vec<PossibleValue> = values
                .into_iter()
                .map(|value| match value.get_help().map(ToString::to_string) {
                    Some(english) => {
                        let key = format!("{owner}.{}", value.get_name());
                        value.help(words.say(&key, &english))
                    }
                    None => value,
                })
                .collect();
            arg = arg.value_parser(PossibleValuesParser::new(said));
        }
        return arg;
    }
    // A short help: `[default: …]` and `[possible values: …]` in this language, after the
    // help as clap puts them, clap's own hidden.
    let mut specs = Vec::new();
    if takes_values && !arg.is_hide_default_value_set() && !defaults.is_empty() {
        let shown: Vec<String> = defaults.iter().map(|v| quoted(v)).collect();
        specs.push(bracketed(&words.clap("default"), "{value}", &[shown.join(" ")], styles));
    }
    let shown: Vec<String> = values.iter().filter(|v| !v.is_hide_set()).map(|v| quoted(v.get_name())).collect();
    if !arg.is_hide_possible_values_set() && !shown.is_empty() {
        specs.push(bracketed(&words.clap("possible-values-inline"), "{values}", &shown, styles));
    }
    if !specs.is_empty() {
        arg = arg.hide_default_value(true).hide_possible_values(true);
        let specs = specs.join(" ");
        help = Some(match help.filter(|h| !h.is_empty()) {
            Some(help) => format!("{help} {specs}"),
            None => specs,
        });
    }
    if let Some(help) = help {
        arg = arg.help(help);
    }
    arg
}

/// A value as clap shows it: quoted when empty or holding a space.
fn quoted(value: &str) -> String {
    if value.is_empty() || value.contains(char::is_whitespace) { format!("{value:?}") } else { value.to_string() }
}

/// `[default: auto]` or `[possible values: a, b]` in the words `frame` (`[par défaut : {value}]`),
/// styled as clap styles them: the frame as context, each value as a context value.
fn bracketed(frame: &str, placeholder: &str, values: &[String], styles: &Styles) -> String {
    let context = styles.get_context();
    let value = styles.get_context_value();
    let (before, after) = frame.split_once(placeholder).unwrap_or((frame, ""));
    let values: Vec<String> = values.iter().map(|v| format!("{value}{v}{value:#}")).collect();
    let separator = format!("{context}, {context:#}");
    format!("{context}{before}{context:#}{}{context}{after}{context:#}", values.join(&separator))
}

/// The help template of `command`, shaped as clap's own, its headings in `words`.
fn template(command: &Command, words: &Words) -> String {
    let styles = command.get_styles();
    let heading = |style: &Style, key: &str| format!("{style}{}{style:#}", words.clap(key));
    let mut sections = Vec::new();
    if command.get_subcommands().any(|sub| sub.get_name() != HELP_COMMAND && !sub.is_hide_set()) {
        sections.push(format!("{}\n{{subcommands}}", heading(styles.get_header(), "commands")));
    }
    if command.get_positionals().any(|arg| !arg.is_hide_set()) {
        sections.push(format!("{}\n{{positionals}}", heading(styles.get_header(), "arguments")));
    }
    if command.get_arguments().any(|arg| !arg.is_positional() && !arg.is_hide_set()) {
        sections.push(format!("{}\n{{options}}", heading(styles.get_header(), "options")));
    }
    let usage = heading(styles.get_usage(), "usage");
    if sections.is_empty() {
        format!("{{before-help}}{{about-with-newline}}\n{usage} {{usage}}{{after-help}}")
    } else {
        format!("{{before-help}}{{about-with-newline}}\n{usage} {{usage}}\n\n{}{{after-help}}", sections.join("\n\n"))
    }
}

/// A long help as clap wrote it (`help`), its words that clap writes on lines of their own
/// (`Possible values:`, `[default: `, `[possible values: `) replaced by those of `words`.
pub(crate) fn long_words_replaced(help: &StyledStr, words: &Words, styles: &Styles) -> String {
    let context = styles.get_context();
    let framed = |key: &str, placeholder: &str| -> (String, String) {
        let english = english_word(key).split_once(placeholder).map_or("", |(before, _)| before);
        let said = words.clap(key);
        let said = said.split_once(placeholder).map_or(said.as_str(), |(before, _)| before).to_string();
        (format!("{context}{english}{context:#}"), format!("{context}{said}{context:#}"))
    };
    let replacements = [
        (english_word("possible-values").to_string(), words.clap("possible-values")),
        framed("default", "{value}"),
        framed("possible-values-inline", "{values}"),
    ];
    let text = help.ansi().to_string();
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| {
            let body = line.trim_start_matches(' ');
            let indent = &line[..line.len() - body.len()];
            match replacements.iter().find(|(english, _)| body.starts_with(english.as_str())) {
                Some((english, said)) => format!("{indent}{said}{}", &body[english.len()..]),
                None => line.to_string(),
            }
        })
        .collect();
    lines.join("\n")
}

#[cfg(test)]
mod tests;
