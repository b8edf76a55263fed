//! Which files of a site Fieldbook may read: regular files and folders whose real path lies
//! inside the site folder.
//!
//! A content repository takes commits from many people, and git stores symbolic links: one
//! contributed link (`content/env.txt -> /proc/self/environ`, a `themes/` folder linked to
//! `/etc`) must never publish, serve, quote or rewrite a file of the build machine. Every stage
//! that reads a site's files (load, the theme, `fmt`, `serve`) asks [`SiteFolder::admit`]
//! first, and a refusal names the link, never what lies behind it.

use std::path::{Path, PathBuf};

use crate::messages::Message;

/// The real path of a site folder, to compare other real paths with.
#[derive(Debug, Clone)]
pub struct SiteFolder {
    real: PathBuf,
}

/// Why a path of the site may not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A link (or a path through one) leads outside the site folder.
    LeadsOutside,
    /// A link leads nowhere (its target does not exist), or the path cannot be resolved.
    Broken,
    /// Not a regular file or folder: a pipe, socket or device.
    NotAFile,
}

impl Refusal {
    /// The diagnostic code for this refusal.
    pub fn code(self) -> &'static str {
        match self {
            Refusal::LeadsOutside => "link-outside-site",
            Refusal::Broken => "broken-link",
            Refusal::NotAFile => "not-a-file",
        }
    }

    /// What is wrong, said without anything of the link's target, in English.
    pub fn message(self) -> String {
        self.message_said().english()
    }

    /// What is wrong, as the catalogue says it.
    pub fn message_said(self) -> Message {
        Message::new(match self {
            Refusal::LeadsOutside => "file.leads-outside",
            Refusal::Broken => "file.broken-link",
            Refusal::NotAFile => "file.not-a-file",
        })
    }

    /// The error that stops a command over the refused file shown as `shown` (a settings file
    /// or a theme file, which cannot be left out as content files are).
    pub fn error(self, shown: &str) -> crate::error::Error {
        crate::error::Error::Other(format!("{shown}: {} [{}]\nhelp: {}", self.message(), self.code(), self.help()))
    }

    /// What to do about it, in English.
    pub fn help(self) -> String {
        self.help_said().english()
    }

    /// What to do about it, as the catalogue says it.
    pub fn help_said(self) -> Message {
        Message::new(match self {
            Refusal::LeadsOutside => "file.leads-outside-help",
            Refusal::Broken => "file.broken-link-help",
            Refusal::NotAFile => "file.not-a-file-help",
        })
    }
}

impl SiteFolder {
    /// The site folder at `root`, resolved once.
    pub fn new(root: &Path) -> std::io::Result<SiteFolder> {
        Ok(SiteFolder { real: std::fs::canonicalize(root)? })
    }

    /// Whether the file or folder at `path` may be read: its real path lies inside the site
    /// folder (links inside the site are followed) and it is a regular file or a folder.
    /// Returns the real path.
    pub fn admit(&self, path: &Path) -> Result<PathBuf, Refusal> {
        let real = match std::fs::canonicalize(path) {
            Ok(real) => real,
            Err(_) => return Err(Refusal::Broken),
        };
        if !real.starts_with(&self.real) {
            return Err(Refusal::LeadsOutside);
        }
        let meta = std::fs::metadata(&real).map_err(|_| Refusal::Broken)?;
        if meta.is_file() || meta.is_dir() { Ok(real) } else { Err(Refusal::NotAFile) }
    }
}

/// Whether `path` is a symbolic link (not following it).
pub fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// Why a file name cannot be published as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameProblem {
    /// A character that breaks paths on some systems (`:`, `\\`, `*`, `?`, `"`, `<`, `>`, `|`).
    BadCharacter,
    /// A control character (a newline, an escape), which also garbles terminals.
    ControlCharacter,
    /// A name Windows reserves for devices (`CON`, `NUL`, `COM1`...): a zipped site could not
    /// be unpacked there.
    ReservedOnWindows,
    /// A name that ends with a dot or a space, which Windows drops.
    TrailingDotOrSpace,
}

impl NameProblem {
    /// What is wrong, for a message about the file `name`.
    pub fn explain(self) -> Message {
        Message::new(match self {
            NameProblem::BadCharacter => "file.name-bad-character",
            NameProblem::ControlCharacter => "file.name-control-character",
            NameProblem::ReservedOnWindows => "file.name-reserved",
            NameProblem::TrailingDotOrSpace => "file.name-trailing",
        })
    }
}

/// Whether the path `relative` (parts separated by `/`) can be published under this name on
/// every system a site is copied to.
pub fn check_name(relative: &str) -> Result<(), NameProblem> {
    for part in relative.split('/') {
        if part.chars().any(crate::diagnostic::is_unsafe_char) {
            return Err(NameProblem::ControlCharacter);
        }
        if part.chars().any(|c| matches!(c, ':' | '\\' | '*' | '?' | '"' | '<' | '>' | '|')) {
            return Err(NameProblem::BadCharacter);
        }
        if part.ends_with('.') || part.ends_with(' ') {
            return Err(NameProblem::TrailingDotOrSpace);
        }
        let stem = part.split('.').next().unwrap_or(part).trim_end().to_ascii_uppercase();
        let device = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
            || ((stem.starts_with("COM") || stem.starts_with("LPT"))
                && stem.len() == 4
                && stem.as_bytes()[3].is_ascii_digit()
                && stem.as_bytes()[3] != b'0');
        if device {
            return Err(NameProblem::ReservedOnWindows);
        }
    }
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("fieldbook-files-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("site/content")).unwrap();
        dir
    }

    #[test]
    fn links_inside_the_site_are_followed_and_links_out_are_refused() {
        let dir = temp("links");
        let site = dir.join("site");
        std::fs::write(site.join("content/real.txt"), "inside").unwrap();
        std::fs::write(dir.join("outside.txt"), "secret").unwrap();
        symlink(site.join("content/real.txt"), site.join("content/inside.txt")).unwrap();
        symlink(dir.join("outside.txt"), site.join("content/out.txt")).unwrap();
        symlink("/proc/self/environ", site.join("content/env.txt")).unwrap();
        symlink("/etc", site.join("content/etc")).unwrap();
        symlink(site.join("nowhere"), site.join("content/broken.txt")).unwrap();
        // A relative link that climbs out.
        symlink("../../outside.txt", site.join("content/climb.txt")).unwrap();
        let folder = SiteFolder::new(&site).unwrap();
        assert!(folder.admit(&site.join("content/real.txt")).is_ok());
        assert!(folder.admit(&site.join("content/inside.txt")).is_ok());
        assert_eq!(folder.admit(&site.join("content/out.txt")), Err(Refusal::LeadsOutside));
        assert_eq!(folder.admit(&site.join("content/env.txt")), Err(Refusal::LeadsOutside));
        assert_eq!(folder.admit(&site.join("content/etc")), Err(Refusal::LeadsOutside));
        assert_eq!(folder.admit(&site.join("content/climb.txt")), Err(Refusal::LeadsOutside));
        assert_eq!(folder.admit(&site.join("content/broken.txt")), Err(Refusal::Broken));
        assert!(is_link(&site.join("content/out.txt")));
        assert!(!is_link(&site.join("content/real.txt")));
        for refusal in [Refusal::LeadsOutside, Refusal::Broken, Refusal::NotAFile] {
            assert!(!refusal.message().contains("environ") && !refusal.help().is_empty());
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn names_that_break_on_some_system_are_refused() {
        for (name, problem) in [
            ("CON.md", NameProblem::ReservedOnWindows),
            ("guidance/nul.md", NameProblem::ReservedOnWindows),
            ("com1.txt", NameProblem::ReservedOnWindows),
            ("Lpt9", NameProblem::ReservedOnWindows),
            ("a\nb.md", NameProblem::ControlCharacter),
            ("\u{1b}[31mred.png", NameProblem::ControlCharacter),
            ("evil\u{202e}gnp.exe", NameProblem::ControlCharacter),
            ("a:b.png", NameProblem::BadCharacter),
            ("what?.pdf", NameProblem::BadCharacter),
            ("report.pdf.", NameProblem::TrailingDotOrSpace),
            ("folder /a.png", NameProblem::TrailingDotOrSpace),
        ] {
            assert_eq!(check_name(name), Err(problem), "{name:?}");
        }
        for good in
            ["console.md", "com10.png", "com0.png", "lpt.md", "nulla.md", "photos/aïn-lmaati.jpg", "con-text/a.md"]
        {
            assert_eq!(check_name(good), Ok(()), "{good:?}");
        }
    }

    #[test]
    fn a_pipe_is_not_a_file() {
        let dir = temp("pipe");
        let site = dir.join("site");
        let pipe = site.join("content/pipe.md");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status().unwrap();
        assert!(made.success(), "mkfifo failed");
        let folder = SiteFolder::new(&site).unwrap();
        assert_eq!(folder.admit(&pipe), Err(Refusal::NotAFile));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
