//! Fatal errors: problems that stop a command before or outside content checking (no site,
//! unreadable folders, an output folder that must not be touched, a broken template).
//! Problems in content are [`crate::diagnostic::Diagnostic`]s instead.

use std::path::{Path, PathBuf};

use crate::messages::Message;

/// A problem that stops the command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No `fieldbook.toml` was found.
    #[error("no fieldbook.toml in `{}` or any folder above it", shown(.0))]
    NoSite(PathBuf),
    /// A file or folder could not be read or written.
    #[error("could not {action} `{}`: {source}", shown(path))]
    Io {
        /// What we were doing: "read", "write", "create"...
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// Why it failed.
        source: std::io::Error,
    },
    /// The output folder is one the build must not write into.
    #[error("refusing to write the site into `{}`: {}", shown(path), reason.english())]
    OutputRefused {
        /// The folder.
        path: PathBuf,
        /// Why, as a message of the catalogue.
        reason: Message,
    },
    /// A template could not be parsed or rendered.
    #[error("a theme template failed:\n{0}")]
    Template(String),
    /// A template failed while a page was made, as Tera says it: the renderer turns it into a
    /// located [`Error::Problems`] once it knows which page it was making.
    #[error("a theme template failed:\n{0}")]
    Rendering(Box<tera::Error>),
    /// The build was interrupted (Ctrl-C); nothing was changed.
    #[error("interrupted; the previous site was left as it was")]
    Interrupted,
    /// Something else the user can act on.
    #[error("{0}")]
    Other(String),
    /// A problem in a file the command needs before anything else (a mistake in
    /// fieldbook.toml), shown located as `check` shows it.
    #[error("{}", .0.render())]
    Problem(Box<crate::diagnostic::Diagnostic>),
    /// Located problems found while the site was made (a template that failed on some pages),
    /// each shown as `check` shows a problem.
    #[error("{}", .0.iter().map(crate::diagnostic::Diagnostic::render).collect::<String>())]
    Problems(Vec<crate::diagnostic::Diagnostic>),
    /// Something else the user can act on, said by the message catalogue, so that the command
    /// line says it in the site's language.
    #[error("{}", .0.english())]
    Said(Message),
}

impl Error {
    /// What the error says, as a message of the catalogue ([`crate::messages`]), for the
    /// command line to say in the site's language; `None` for an error said only in English.
    /// What the system says after it (why a file could not be read) stays in its own words.
    pub fn said(&self) -> Option<Message> {
        let path = |path: &Path| shown(path);
        Some(match self {
            Error::NoSite(dir) => Message::new("fatal.no-site").with("path", path(dir)),
            Error::Io { action, path: p, source } => {
                let id = match *action {
                    "read" => "fatal.could-not-read",
                    "write" => "fatal.could-not-write",
                    "create" => "fatal.could-not-create",
                    "move" => "fatal.could-not-move",
                    "remove" => "fatal.could-not-remove",
                    "find" => "fatal.could-not-find",
                    "lock" => "fatal.could-not-lock",
                    _ => return None,
                };
                Message::new(id).with("path", path(p)).with("why", source.to_string())
            }
            Error::OutputRefused { path: p, reason } => {
                Message::new("fatal.output-refused").with("path", path(p)).phrase("reason", reason.clone())
            }
            Error::Template(details) => Message::new("fatal.template").with("details", details.as_str()),
            Error::Rendering(e) => Message::new("fatal.template").with("details", e.to_string()),
            Error::Interrupted => Message::new("fatal.interrupted"),
            Error::Said(message) => message.clone(),
            Error::Other(_) | Error::Problem(_) | Error::Problems(_) => return None,
        })
    }

    /// An I/O error while `action`ing `path`.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io { action, path: path.into(), source }
    }
}

/// A path as messages show it: control characters and bidirectional overrides in it are
/// escaped (`\u{1b}`), so a file name cannot write to the terminal.
pub fn shown(path: &Path) -> String {
    crate::diagnostic::escape_controls(&path.display().to_string()).into_owned()
}

/// `message` with every line's control characters escaped, line breaks kept: for printing a
/// message that may quote a file name.
pub fn escape_lines(message: &str) -> String {
    message.split('\n').map(crate::diagnostic::escape_controls).collect::<Vec<_>>().join("\n")
}

/// Shorthand for results of fatal errors.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_in_messages_cannot_write_to_the_terminal() {
        let path = PathBuf::from("content/red\u{1b}[31m\nname\u{202e}.md");
        let e = Error::io("read", &path, std::io::Error::other("denied"));
        assert_eq!(e.to_string(), "could not read `content/red\\u{1b}[31m\\u{a}name\\u{202e}.md`: denied");
        assert_eq!(escape_lines("a\u{9b}b\nc\u{7f}"), "a\\u{9b}b\nc\\u{7f}");
    }
}
