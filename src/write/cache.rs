//! The build cache, on the writing side: the list of what a build made, from which inputs,
//! kept in the site it made (`.fieldbook-cache`), and read by the next build to take those
//! files instead of making them again (see `render/cache.rs` for the keys).
//!
//! The list is a text file, a line per unit: its key, its name, then each of its files with
//! its size, separated by tabs (a page's one file is the unit itself: `key  path  size`).
//! It holds nothing but digests and the paths and sizes of files the site publishes anyway,
//! and it is the same for the same program and inputs (no times, no inode numbers), so that
//! two builds of one site are the same byte for byte. A file is taken only if it is still
//! the size the list says, a plain file reached through no linked folder, and not changed
//! since the list was written (its modification time is not later than the list's): a file
//! edited by hand in the output folder is made again. (File times follow the system's clock
//! tick, a few milliseconds: an edit within a tick of the build's end is not told apart.)

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use crate::digest::Digest;

/// The name of the list, in the output folder.
pub const FILE: &str = ".fieldbook-cache";

/// The list's first line: a list of another version is not read.
const HEADER: &str = "fieldbook build cache 1";

/// One unit of the list: a page, or a group of files made together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Unit {
    /// The digest of what it was made from.
    pub(super) key: Digest,
    /// Its files: path under the output folder, and size in bytes.
    pub(super) files: Vec<(String, u64)>,
}

/// What the previous build made.
#[derive(Debug, Default)]
struct Previous {
    /// By unit name.
    units: HashMap<String, Unit>,
    /// When the list was written: a file changed later is not taken.
    written: Option<SystemTime>,
}

impl Previous {
    /// The list in the output folder `target`, if it has a readable one of this version.
    fn read(target: &Path) -> Previous {
        let path = target.join(FILE);
        let Ok(meta) = std::fs::symlink_metadata(&path) else { return Previous::default() };
        if !meta.is_file() {
            return Previous::default();
        }
        let Ok(text) = std::fs::read_to_string(&path) else { return Previous::default() };
        Previous { units: parse(&text), written: meta.modified().ok() }
    }
}

/// The previous site, as far as a build may take from it: what its list says was made, and
/// which of its files are still as that build left them.
#[derive(Debug)]
pub(super) struct PreviousSite {
    target: PathBuf,
    list: Previous,
    /// Folders found to be plain folders (true) or not (a link).
    plain_folders: Mutex<HashMap<PathBuf, bool>>,
}

impl PreviousSite {
    /// The site in the output folder `target` and its list.
    pub(super) fn read(target: &Path) -> PreviousSite {
        PreviousSite { target: target.to_path_buf(), list: Previous::read(target), plain_folders: Default::default() }
    }

    /// Nothing to take from (`build --fresh`).
    pub(super) fn nothing(target: &Path) -> PreviousSite {
        PreviousSite { target: target.to_path_buf(), list: Previous::default(), plain_folders: Default::default() }
    }

    /// True if the list has anything to take.
    pub(super) fn has_list(&self) -> bool {
        self.list.written.is_some() && !self.list.units.is_empty()
    }

    /// What the previous build made for `unit`, if it made it from inputs of digest `key`.
    pub(super) fn unit(&self, unit: &str, key: Digest) -> Option<&Unit> {
        self.list.written?;
        self.list.units.get(unit).filter(|previous| previous.key == key)
    }

    /// The previous site's file at `path` (a path of the list), if it is as the previous build
    /// left it: a plain file of `size` bytes, reached through plain folders, not changed after
    /// the list was written.
    pub(super) fn intact(&self, path: &str, size: u64) -> Option<PathBuf> {
        let written = self.list.written?;
        let relative = super::safe_relative(path).ok()?;
        if !self.plain_folders_to(&relative) {
            return None;
        }
        let old = self.target.join(&relative);
        let meta = std::fs::symlink_metadata(&old).ok()?;
        (meta.is_file() && meta.len() == size && meta.modified().ok()? <= written).then_some(old)
    }

    /// True if every folder between the previous site and the file at `relative` is a plain
    /// folder, not a link: a link planted in the output folder must not make the build
    /// publish a file from elsewhere.
    fn plain_folders_to(&self, relative: &Path) -> bool {
        let mut folder = self.target.clone();
        for part in relative.parent().into_iter().flat_map(Path::components) {
            folder.push(part);
            let known = self.plain_folders.lock().ok().and_then(|known| known.get(&folder).copied());
            let plain = known.unwrap_or_else(|| {
                let plain = std::fs::symlink_metadata(&folder).is_ok_and(|m| m.is_dir());
                if let Ok(mut known) = self.plain_folders.lock() {
                    known.insert(folder.clone(), plain);
                }
                plain
            });
            if !plain {
                return false;
            }
        }
        true
    }
}

/// The units of a list; a line that cannot be read is left out (its unit is made again).
pub(super) fn parse(text: &str) -> HashMap<String, Unit> {
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return HashMap::new();
    }
    lines.filter_map(parse_line).collect()
}

/// One line of a list: `key  name  size` for a page, `key  name  path  size  path  size …`
/// for a group.
fn parse_line(line: &str) -> Option<(String, Unit)> {
    let mut fields = line.split('\t');
    let key = Digest::from_str_radix(fields.next()?, 16).ok()?;
    let name = fields.next()?;
    let rest: Vec<&str> = fields.collect();
    let files = match rest.as_slice() {
        [size] => vec![(name.to_string(), size.parse().ok()?)],
        pairs if !pairs.is_empty() && pairs.len() % 2 == 0 => pairs
            .chunks(2)
            .map(|pair| Some((pair[0].to_string(), pair[1].parse().ok()?)))
            .collect::<Option<Vec<_>>>()?,
        _ => return None,
    };
    Some((name.to_string(), Unit { key, files }))
}

/// The list of `units` (name, unit), in name order.
pub(super) fn format(mut units: Vec<(String, Unit)>) -> String {
    use std::fmt::Write as _;
    units.sort_by(|a, b| a.0.cmp(&b.0));
    let mut text = format!("{HEADER}\n");
    for (name, unit) in units {
        if !listable(&name) || unit.files.iter().any(|(path, _)| !listable(path)) {
            // Made again next time rather than written in a way that cannot be read back.
            continue;
        }
        let _ = write!(text, "{:032x}\t{name}", unit.key);
        match unit.files.as_slice() {
            [(path, size)] if *path == name => {
                let _ = write!(text, "\t{size}");
            }
            files => {
                for (path, size) in files {
                    let _ = write!(text, "\t{path}\t{size}");
                }
            }
        }
        text.push('\n');
    }
    text
}

/// A name or path the list can hold: no tab, no line break, not empty.
fn listable(text: &str) -> bool {
    !text.is_empty() && !text.contains(['\t', '\n', '\r'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(key: Digest, files: &[(&str, u64)]) -> Unit {
        Unit { key, files: files.iter().map(|(p, s)| (p.to_string(), *s)).collect() }
    }

    #[test]
    fn a_list_reads_back_as_written() {
        let units = vec![
            ("search index".to_string(), unit(7, &[("search/docs-0.js", 10), ("search/meta.js", 3)])),
            ("communities/ain-lmaati.html".to_string(), unit(u128::MAX, &[("communities/ain-lmaati.html", 9000)])),
        ];
        let text = format(units.clone());
        assert_eq!(
            text,
            "fieldbook build cache 1\n\
             ffffffffffffffffffffffffffffffff\tcommunities/ain-lmaati.html\t9000\n\
             00000000000000000000000000000007\tsearch index\tsearch/docs-0.js\t10\tsearch/meta.js\t3\n"
        );
        let read = parse(&text);
        assert_eq!(read.len(), 2);
        for (name, unit) in units {
            assert_eq!(read[&name], unit);
        }
    }

    #[test]
    fn lines_that_cannot_be_read_are_left_out() {
        let text = "fieldbook build cache 1\n\
                    zz\tbad-key.html\t1\n\
                    01\tno-size.html\n\
                    01\tbad-size.html\tx\n\
                    01\todd\ta\t1\tb\n\
                    02\tgood.html\t5\n";
        let read = parse(text);
        assert_eq!(read.keys().collect::<Vec<_>>(), ["good.html"]);
        assert_eq!(read["good.html"], unit(2, &[("good.html", 5)]));
    }

    #[test]
    fn a_list_of_another_version_is_not_read() {
        assert!(parse("fieldbook build cache 0\n01\ta.html\t1\n").is_empty());
        assert!(parse("").is_empty());
    }

    #[test]
    fn names_the_list_cannot_hold_are_left_out() {
        let text = format(vec![("a\tb.html".to_string(), unit(1, &[("a\tb.html", 1)]))]);
        assert_eq!(text, "fieldbook build cache 1\n");
    }
}
