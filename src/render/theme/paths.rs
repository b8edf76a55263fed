//! The theme's static files as a file system that ignores case sees them. They are published
//! in `assets/` with their names and folders as the theme has them, so two whose paths differ
//! only in case (`Logo.png` and `logo.png`, a site's `Style.css` beside Fieldbook's own
//! `style.css`) would be one file on Windows, macOS or a USB stick, one replacing the other;
//! and two folders that differ only in case (`img/`, `Img/`) would be one folder there and two
//! on a web server, breaking the links into one of them once a site copied through such a
//! system is uploaded. `check` refuses them, located at the site's file, as it refuses such
//! files of `content/` (`asset-path-taken`); the build's own guard never has to.

use hashbrown::HashMap;

use super::problems::display_path;
use crate::diagnostic::{Diagnostic, Location};
use crate::messages::Message;
use crate::text::path_key;

/// Where the theme's static file `name` (under `static/`) is published.
fn published(name: &str) -> String {
    format!("assets/{name}")
}

/// A file of the theme, as the clash check sees it.
#[derive(Clone, Copy)]
struct Seen<'a> {
    /// Its path under `static/`.
    name: &'a str,
    /// Whether it is the site's (in `themes/default/static/`) rather than Fieldbook's own.
    site: bool,
}

/// A `theme-path-taken` error for each static file of the theme whose path, or one of whose
/// folders, is another's in another case. `files` are the theme's static files by their path
/// under `static/`, each with whether it is the site's own; in path order, of two site files
/// the second is refused, and of a site file and one of Fieldbook's, the site's.
pub fn case_clashes<'a>(files: impl IntoIterator<Item = (&'a str, bool)>) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut by_key: HashMap<String, Seen<'a>> = HashMap::new();
    // Each folder's key, with its spelling and the file that first used it.
    let mut folders: HashMap<String, (&'a str, Seen<'a>)> = HashMap::new();
    for (name, site) in files {
        let this = Seen { name, site };
        let key = path_key(name);
        if let Some(&other) = by_key.get(&key) {
            // The site's file is refused: Fieldbook's own cannot be renamed.
            let (refused, other) = if site { (this, other) } else { (other, this) };
            found.push(same_path(refused, other));
            continue;
        }
        by_key.insert(key.clone(), this);
        // Case never adds or removes a `/`: the key's folders are the name's.
        let ends = key.match_indices('/').map(|(at, _)| at).zip(name.match_indices('/').map(|(at, _)| at));
        for (key_end, name_end) in ends {
            let folder = &name[..name_end];
            match folders.get(&key[..key_end]) {
                Some(&(spelled, first)) if spelled != folder => {
                    found.push(same_folder(this, folder, first, spelled));
                    break;
                }
                Some(_) => {}
                None => {
                    folders.insert(key[..key_end].to_string(), (folder, this));
                }
            }
        }
    }
    found
}

/// `refused` and `other` are published at one path on a system that ignores case.
fn same_path(refused: Seen<'_>, other: Seen<'_>) -> Diagnostic {
    let location = Location::file(display_path(&format!("static/{}", refused.name)));
    let path = published(refused.name);
    if other.site {
        let other_file = display_path(&format!("static/{}", other.name));
        Diagnostic::error_said(
            "theme-path-taken",
            location,
            Message::new("theme.same-path")
                .with("path", path)
                .with("other", other_file.clone())
                .with("other_path", published(other.name)),
        )
        .with_help_said(Message::new("theme.same-path-help"))
        .with_note_said(Message::new("theme.the-other-file"), Location::file(other_file))
    } else {
        Diagnostic::error_said(
            "theme-path-taken",
            location,
            Message::new("theme.same-as-own").with("path", path).with("other_path", published(other.name)),
        )
        .with_help_said(Message::new("theme.same-as-own-help").with("name", other.name))
    }
}

/// `file` is published in `folder`, and `first` in `spelled`: one folder in another case.
fn same_folder(file: Seen<'_>, folder: &str, first: Seen<'_>, spelled: &str) -> Diagnostic {
    let other_file = display_path(&format!("static/{}", first.name));
    Diagnostic::error_said(
        "theme-path-taken",
        Location::file(display_path(&format!("static/{}", file.name))),
        Message::new("theme.same-folder")
            .with("folder", published(folder))
            .with("other", other_file.clone())
            .with("other_folder", published(spelled)),
    )
    .with_help_said(Message::new("theme.same-folder-help"))
    .with_note_said(Message::new("theme.the-other-file"), Location::file(other_file))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(files: &[(&str, bool)]) -> Vec<String> {
        case_clashes(files.iter().copied()).iter().map(|d| d.location.file.clone()).collect()
    }

    #[test]
    fn paths_and_folders_in_another_case_are_refused_at_the_sites_file() {
        assert_eq!(refused(&[("Logo.png", true), ("logo.png", true)]), ["themes/default/static/logo.png"]);
        assert_eq!(refused(&[("Style.css", true), ("style.css", false)]), ["themes/default/static/Style.css"]);
        assert_eq!(refused(&[("Img/b.png", true), ("img/a.png", true)]), ["themes/default/static/img/a.png"]);
        // Composed and decomposed accents are one name on a Mac.
        assert_eq!(refused(&[("caf\u{e9}.png", true), ("cafe\u{301}.png", true)]).len(), 1);
        assert!(
            refused(&[("img/a.png", true), ("img/b.png", true), ("logo.png", true), ("style.css", false)]).is_empty()
        );
    }
}
