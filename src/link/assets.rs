//! Which files of `content/` beside the pages (images, documents, data files) can be published
//! where they are.
//!
//! A file is published at [`routes::asset_path`]: its path with each folder made a slug, as a
//! page's folders are, and its name kept; so a page and the photo beside it share one folder on
//! every system, and no two folders of the site differ only in case. None may be in a folder
//! whose pages Fieldbook makes itself ([`routes::OWN_PAGE_FOLDERS`]: `tags/`, `countries/`,
//! `indicators/`...), nor take the path of a file Fieldbook writes (its scripts, the search
//! index, the exports, a page) or of another asset, or one would silently replace the other.
//! Paths are compared as a file system that ignores case compares them
//! ([`crate::text::path_key`]): a site copied to Windows, macOS or a USB stick would have
//! `img/D.CSV` overwrite `img/d.csv`. Each asset that would is a located error, and is left out
//! (and given back second, for linking again once the page has moved); of two assets, the first
//! in path order is kept. A folder's slug has no dot and a file's name has one (its
//! extension), so a file can never be where the site has a folder, nor the other way round.

use hashbrown::HashMap;

use super::routes;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::load::Asset;
use crate::messages::Message;
use crate::text::path_key;

/// The words that say a path is taken only by a file system that ignores case.
fn same() -> Message {
    Message::new("link.same-path")
}

/// What Fieldbook's own files are.
fn own() -> Message {
    Message::new("link.own-files")
}

/// Why an asset cannot be published: what takes its place, and the other file of `content/`
/// when it is one.
struct Taken {
    what: Message,
    other: Option<String>,
}

/// An admitted asset: where it is published, and its path under `content/`.
struct Admitted {
    published: String,
    content: String,
}

/// The assets that can be published where they are, and those that cannot (see the module's
/// documentation); `pages` are the site paths of the pages.
pub(super) fn admit(
    assets: Vec<Asset>,
    pages: &HashMap<&str, usize>,
    diagnostics: &mut Diagnostics,
) -> (Vec<Asset>, Vec<Asset>) {
    if assets.is_empty() {
        return (assets, Vec::new());
    }
    let pages: HashMap<String, &str> = pages.keys().map(|page| (path_key(page), *page)).collect();
    // The admitted assets, by the key of their published path.
    let mut admitted: HashMap<String, Admitted> = HashMap::new();
    assets.into_iter().partition(|asset| {
        let content = asset.content_path.as_str();
        let path = routes::asset_path(content);
        let key = path_key(&path);
        let located = Location::file(format!("content/{content}"));
        if let Some(folder) = routes::own_page_folder(&key) {
            let folders = routes::OWN_PAGE_FOLDERS.map(|f| format!("{f}/"));
            let folders: Vec<&str> = folders.iter().map(String::as_str).collect();
            diagnostics.push(
                Diagnostic::error_said(
                    "asset-in-own-folder",
                    located,
                    Message::new("link.in-own-folder").with("folder", folder),
                )
                .with_help_said(Message::new("link.in-own-folder-help").list("folders", &folders)),
            );
            return false;
        }
        let Some(Taken { what, other }) = taken(&path, &key, &pages, &admitted) else {
            admitted.insert(key, Admitted { published: path, content: content.to_string() });
            return true;
        };
        let message = Message::new("link.path-taken").with("path", path).phrase("what", what);
        let error = Diagnostic::error_said("asset-path-taken", located, message);
        diagnostics.push(match other {
            Some(other) => error
                .with_note_said(Message::new("link.other-file"), Location::file(format!("content/{other}")))
                .with_help_said(Message::new("link.path-taken-case-help")),
            None => {
                let folders = routes::GENERATED_FOLDERS.map(|f| format!("{f}/"));
                let folders: Vec<&str> = folders.iter().map(String::as_str).collect();
                error.with_help_said(Message::new("link.path-taken-help").list("folders", &folders))
            }
        });
        false
    })
}

/// What takes `path`, an asset's published path: a file Fieldbook writes, a page, an asset.
fn taken(path: &str, key: &str, pages: &HashMap<String, &str>, admitted: &HashMap<String, Admitted>) -> Option<Taken> {
    if routes::is_generated(key) {
        let what = if key == path {
            Message::new("link.taken-own").phrase("own", own())
        } else {
            Message::new("link.taken-own-case").with("key", key).phrase("own", own()).phrase("same", same())
        };
        return Some(Taken { what, other: None });
    }
    if let Some(&page) = pages.get(key) {
        let what = if page == path {
            Message::new("link.taken-page")
        } else {
            Message::new("link.taken-page-case").with("page", page).phrase("same", same())
        };
        return Some(Taken { what, other: None });
    }
    let Admitted { published, content } = admitted.get(key)?;
    let what = if published == path {
        // Two folders whose slugs are one (`Photos/` and `photos/`).
        Message::new("link.taken-folder").with("content", content.as_str())
    } else {
        Message::new("link.taken-file-case")
            .with("content", content.as_str())
            .with("published", published.as_str())
            .phrase("same", same())
    };
    Some(Taken { what, other: Some(content.clone()) })
}
