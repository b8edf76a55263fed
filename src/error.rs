//! Fatal errors: problems that stop a command before or outside content checking (no site,
//! unreadable folders, an output folder that must not be touched, a broken template).
//! Problems in content are [`crate::diagnostic::Diagnostic`]s instead.

use std::path::{Path, PathBuf};

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
    #[error("refusing to write the site into `{}`: {reason}", shown(path))]
    OutputRefused {
        /// The folder.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A template could not be parsed or rendered.
    #[error("a theme template failed:\n{0}")]
    Template(String),
    /// The build was interrupted (Ctrl-C); nothing was changed.
    #[error("interrupted; the previous site was left as it was")]
    Interrupted,
    /// Something else the user can act on.
    #[error("{0}")]
    Other(String),
}

impl Error {
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
