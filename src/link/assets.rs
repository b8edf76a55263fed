//! Which files of `content/` beside the pages (images, documents, data files) can be published
//! where they are.
//!
//! None may take the path of a file Fieldbook writes (its scripts, the search index, the
//! exports, a page), or of another asset, or one would silently replace the other; and none
//! may be a file where the site has a folder, or sit in a folder where the site has a file
//! (`Report.pdf` beside a folder `report.pdf/`, a folder `Search.html/` beside the search
//! page), or the site could not be unzipped or copied whole. Paths are compared as a file
//! system that ignores case compares them ([`crate::text::path_key`]): a site copied to Windows,
//! macOS or a USB stick would have `Data/communities.csv` overwrite the export
//! `data/communities.csv`. Each asset that would is a located error, and is left out (and given
//! back second, for linking again once the page has moved); of two assets, the first in path
//! order is kept.

use hashbrown::HashMap;

use super::routes;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::load::Asset;
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

/// The folders of `path` (`a`, `a/b` for `a/b/c.png`), each as written and by its key.
fn folders_of(path: &str) -> impl Iterator<Item = (&str, String)> {
    path.match_indices('/').map(move |(at, _)| (&path[..at], path_key(&path[..at])))
}

/// The folders of the assets admitted so far, by key: each as written, and the first asset in it.
type Folders = HashMap<String, (String, String)>;

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
    // The admitted assets' paths, by key.
    let mut admitted: HashMap<String, String> = HashMap::new();
    let mut folders: Folders = HashMap::new();
    assets.into_iter().partition(|asset| {
        let path = asset.content_path.as_str();
        let key = path_key(path);
        let taken = taken_as_a_file(path, &key, &pages, &admitted)
            .or_else(|| taken_as_a_folder(path, &key, &folders))
            .or_else(|| folder_taken(path, &pages, &admitted));
        let Some(Taken { what, other }) = taken else {
            for (folder, folder_key) in folders_of(path) {
                folders.entry(folder_key).or_insert_with(|| (folder.to_string(), path.to_string()));
            }
            admitted.insert(key, path.to_string());
            return true;
        };
        let located = Location::file(format!("content/{path}"));
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

/// What takes the path of `path` as a file: a file Fieldbook writes, a page, an asset.
fn taken_as_a_file(
    path: &str,
    key: &str,
    pages: &HashMap<String, &str>,
    admitted: &HashMap<String, String>,
) -> Option<Taken> {
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
    let first = admitted.get(key)?;
    Some(Taken {
        what: format!("the file `content/{first}` is published as `{first}`, {SAME}"),
        other: Some(first.clone()),
    })
}

/// What takes the path of `path` as a folder: another asset's folder (`report.pdf/` beside
/// `Report.pdf`). Pages and Fieldbook's own files are in folders whose names have no dot
/// (slugs, `data`, `fr`), and an asset's name has one (its extension), so only an asset's
/// folder can be named as an asset is.
fn taken_as_a_folder(path: &str, key: &str, folders: &Folders) -> Option<Taken> {
    let (folder, inside) = folders.get(key)?;
    let same = if folder == path { String::new() } else { format!(", {SAME}") };
    Some(Taken {
        what: format!("the file `content/{inside}` is published in a folder `{folder}/` there{same}"),
        other: Some(inside.clone()),
    })
}

/// What takes the path of one of `path`'s folders as a file: a file Fieldbook writes, a page,
/// an asset (a folder `Search.html/` where the search page is written).
fn folder_taken(path: &str, pages: &HashMap<String, &str>, admitted: &HashMap<String, String>) -> Option<Taken> {
    folders_of(path).find_map(|(folder, key)| {
        let (file, written, other) = if routes::is_generated(&key) {
            (format!("Fieldbook writes its file `{key}`"), key.clone(), None)
        } else if let Some(&page) = pages.get(&key) {
            (format!("the page `{page}` is published"), page.to_string(), None)
        } else {
            let first = admitted.get(&key)?;
            (format!("the file `content/{first}` is published"), first.clone(), Some(first.clone()))
        };
        let same = if written == folder { String::new() } else { format!(", {SAME}") };
        Some(Taken { what: format!("its folder `{folder}/` is where {file}{same}"), other })
    })
}
