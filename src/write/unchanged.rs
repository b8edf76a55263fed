//! Whether the site in the output folder already is what a build would write: then the build
//! writes nothing at all, where it would otherwise link every file into a new folder, swap it
//! in and remove the old one (a third of a rebuild's time when nothing changed).
//!
//! The build asks about every file it would write, as it would write it: a unit of the build
//! cache by its key (see `cache.rs`), any other file by its bytes. The site is unchanged if
//! every answer is yes and the output folder holds no other file.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use super::cache::{self, PreviousSite};
use super::{BuildLock, MARKER, normalize, safe_relative, same_bytes, sibling};
use crate::digest::Digest;
use crate::error::Result;

/// The site in an output folder, held against other builds while it is compared.
pub struct UnchangedSite {
    _lock: BuildLock,
    target: PathBuf,
    previous: PreviousSite,
    /// Files found as the build would write them, and their bytes.
    files: AtomicUsize,
    bytes: AtomicU64,
}

impl UnchangedSite {
    /// The site in `target` (already checked as an output folder), locked while it is compared;
    /// `None` when it has no list of what its build made: it is then built as usual.
    pub fn open(target: &Path) -> Result<Option<UnchangedSite>> {
        let target = normalize(target);
        if !target.join(cache::FILE).is_file() {
            return Ok(None);
        }
        let lock = BuildLock::acquire(&sibling(&target, "lock"))?;
        let previous = PreviousSite::read(&target);
        if !previous.has_list() {
            return Ok(None);
        }
        Ok(Some(UnchangedSite { _lock: lock, target, previous, files: AtomicUsize::new(0), bytes: AtomicU64::new(0) }))
    }

    /// True if the previous build made `unit` from inputs of digest `key` and its files are
    /// as it left them.
    pub fn has_unit(&self, unit: &str, key: Digest) -> bool {
        let Some(previous) = self.previous.unit(unit, key) else { return false };
        if !previous.files.iter().all(|(path, size)| self.previous.intact(path, *size).is_some()) {
            return false;
        }
        self.files.fetch_add(previous.files.len(), Ordering::Relaxed);
        self.bytes.fetch_add(previous.files.iter().map(|(_, size)| size).sum(), Ordering::Relaxed);
        true
    }

    /// True if the site holds the file at `path` with exactly `bytes`.
    pub fn has_file(&self, path: &str, bytes: &[u8]) -> bool {
        let Ok(relative) = safe_relative(path) else { return false };
        if !same_bytes(&self.target.join(relative), bytes) {
            return false;
        }
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        true
    }

    /// True if the output folder holds nothing but the files found so far, its marker and its
    /// list: no file the build would not write, no link.
    pub fn holds_nothing_else(&self) -> bool {
        let mut found = 0;
        for entry in walkdir::WalkDir::new(&self.target).follow_links(false).min_depth(1) {
            let Ok(entry) = entry else { return false };
            let kind = entry.file_type();
            if kind.is_dir() {
                continue;
            }
            if !kind.is_file() {
                return false;
            }
            if entry.depth() == 1 && (entry.file_name() == MARKER || entry.file_name() == cache::FILE) {
                continue;
            }
            found += 1;
        }
        found == self.files.load(Ordering::Relaxed)
    }

    /// Files and bytes found as the build would write them.
    pub fn found(&self) -> (usize, u64) {
        (self.files.load(Ordering::Relaxed), self.bytes.load(Ordering::Relaxed))
    }

    /// The output folder.
    pub fn target(&self) -> &Path {
        &self.target
    }
}
