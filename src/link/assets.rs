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
const SAME: &str = "the same path on a system that ignores case (Windows, macOS, a USB stick)";
/// What Fieldbook's own files are.
const OWN: &str = "(its scripts in assets/, the search index in search/, the exports in data/, the listings)";

/// Why an asset cannot be published: what takes its place, and the other file of `content/`
/// when it is one.
struct Taken {
    what: String,
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
        let message = format!("this file cannot be published as `{path}`: {what}");
        diagnostics.push(match other {
            Some(other) => Diagnostic::error("asset-path-taken", located, message)
                .with_note("the other one", Location::file(format!("content/{other}")))
                .with_help("rename one of the two files (or its folder) so that their paths differ in more than case"),
            None => Diagnostic::error("asset-path-taken", located, message).with_help(format!(
                "move or rename the file (or its folder); the folders {} at the top of content/ are Fieldbook's own, and so are the names of its pages",
                routes::GENERATED_FOLDERS.map(|f| format!("`{f}/`")).join(", ")
            )),
        });
        false
    })
}

/// What takes `path`, an asset's published path: a file Fieldbook writes, a page, an asset.
fn taken(path: &str, key: &str, pages: &HashMap<String, &str>, admitted: &HashMap<String, Admitted>) -> Option<Taken> {
    if routes::is_generated(key) {
        let what = if key == path {
            format!("Fieldbook writes a file of its own there {OWN}")
        } else {
            format!("Fieldbook writes a file of its own at `{key}` {OWN}, {SAME}")
        };
        return Some(Taken { what, other: None });
    }
    if let Some(&page) = pages.get(key) {
        let what = if page == path {
            "a page of the site is published there".to_string()
        } else {
            format!("a page of the site is published as `{page}`, {SAME}")
        };
        return Some(Taken { what, other: None });
    }
    let Admitted { published, content } = admitted.get(key)?;
    let what = if published == path {
        // Two folders whose slugs are one (`Photos/` and `photos/`).
        format!("the file `content/{content}` is published there too (a folder is published as its slug)")
    } else {
        format!("the file `content/{content}` is published as `{published}`, {SAME}")
    };
    Some(Taken { what, other: Some(content.clone()) })
}
