//! Problems as GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::…`),
//! which the Actions runner shows as annotations on the lines of a pull request.

use std::fmt::Write as _;

use crate::diagnostic::{Diagnostic, Diagnostics, Severity, escape_controls};
use crate::messages::Messages;

/// One workflow command per diagnostic, each on its own line, in the order given: every
/// diagnostic, nothing summed up. The help and notes follow the message after line breaks
/// (escaped, so that each command stays one line).
pub fn github(diagnostics: &Diagnostics) -> String {
    github_in(diagnostics, &Messages::english())
}

/// [`github`] with the messages, help and notes in the language of `messages` (annotations
/// are read by people on a pull request); the severity and the title (the code) stay as
/// GitHub and tools read them.
pub fn github_in(diagnostics: &Diagnostics, messages: &Messages) -> String {
    let mut out = String::new();
    for d in diagnostics.iter() {
        out.push_str(&command(d, messages));
        out.push('\n');
    }
    out
}

fn command(d: &Diagnostic, messages: &Messages) -> String {
    let name = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut properties = format!("file={}", escape_property(&d.location.file));
    if let Some(line) = d.location.line {
        let _ = write!(properties, ",line={line}");
        if let Some(column) = d.location.column {
            let _ = write!(properties, ",col={column}");
        }
    }
    let _ = write!(properties, ",title={}", escape_property(d.code));
    let mut message = d.message_in(messages);
    if let Some(help) = d.help_in(messages) {
        let _ = write!(message, "\n{}: {help}", messages.help_label());
    }
    for note in &d.notes {
        let at = &note.location;
        let text = match &note.said {
            Some(said) if !messages.is_english() => messages.render(said),
            _ => note.message.clone(),
        };
        let _ = write!(message, "\n{}: {text} ({}", messages.note_label(), at.file);
        if let (Some(line), Some(column)) = (at.line, at.column) {
            let _ = write!(message, ":{line}:{column}");
        }
        message.push(')');
    }
    format!("::{name} {properties}::{}", escape_data(&message))
}

/// A message as a workflow command takes it: `%`, CR and LF escaped, and any other control
/// character (or direction override) written as `\u{…}`, never raw into the log.
pub fn escape_data(text: &str) -> String {
    let escaped = text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    escape_controls(&escaped).into_owned()
}

/// A property value (a file name, a title): as [`escape_data`], and `:` and `,` escaped too.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Location;

    #[test]
    fn messages_and_properties_are_escaped() {
        assert_eq!(escape_data("100% done\r\nnext: a, b"), "100%25 done%0D%0Anext: a, b");
        assert_eq!(escape_property("a:b,c%d\ne"), "a%3Ab%2Cc%25d%0Ae");
        assert_eq!(escape_data("bell\u{7} \u{202e}"), "bell\\u{7} \\u{202e}");
        assert_eq!(escape_data("Tétouan"), "Tétouan");
    }

    #[test]
    fn one_line_per_diagnostic_with_help_and_notes_after_escaped_line_breaks() {
        let mut list = Diagnostics::new();
        list.push(
            Diagnostic::warning("duplicate-entry", Location::file("content/a, b.md"), "`youth` twice: 50%")
                .with_help("remove one")
                .with_note("first here", Location::file("content/c.md")),
        );
        list.push(Diagnostic::error("broken-link", Location::file("x.md"), "gone"));
        assert_eq!(
            github(&list),
            "::warning file=content/a%2C b.md,title=duplicate-entry::`youth` twice: 50%25%0Ahelp: remove one%0Anote: first here (content/c.md)\n::error file=x.md,title=broken-link::gone\n"
        );
    }
}
