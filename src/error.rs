//! Fatal errors: problems that stop a command before or outside content checking (no site,
//! unreadable folders, an output folder that must not be touched, a broken template).
//! Problems in content are [`crate::diagnostic::Diagnostic`]s instead.

use std::path::PathBuf;

/// A problem that stops the command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No `fieldbook.toml` was found.
    #[error("no fieldbook.toml in `{}` or any folder above it", .0.display())]
    NoSite(PathBuf),
    /// A file or folder could not be read or written.
    #[error("could not {action} `{}`: {source}", path.display())]
    Io {
        /// What we were doing: "read", "write", "create"...
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// Why it failed.
        source: std::io::Error,
    },
    /// The output folder is one the build must not write into.
    #[error("refusing to write the site into `{}`: {reason}", path.display())]
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

/// Shorthand for results of fatal errors.
pub type Result<T, E = Error> = std::result::Result<T, E>;
