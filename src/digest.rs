//! Digests: 128-bit fingerprints of what a file of the site is made from, for the build cache
//! (see `render/cache.rs` and `write/cache.rs`).
//!
//! SipHash 1-3 with 128 bits of output, from `siphasher` (a crate already in the tree), with
//! fixed keys: the same input gives the same digest in every run and on every machine, which
//! std's `DefaultHasher` does not promise across Rust versions. Every piece of text is written
//! with its length first, so that `("ab", "c")` and `("a", "bc")` differ.

use std::hash::Hasher as _;

use siphasher::sip128::{Hasher128 as _, SipHasher13};

/// A fingerprint.
pub type Digest = u128;

/// Builds a digest from pieces, in order.
#[derive(Debug, Clone, Default)]
pub struct Hasher(SipHasher13);

impl Hasher {
    /// A hasher for the pieces of one kind of thing; `domain` keeps the digests of different
    /// kinds apart.
    pub fn new(domain: &str) -> Hasher {
        let mut hasher = Hasher(SipHasher13::new());
        hasher.str(domain);
        hasher
    }

    /// Add a text, length first.
    pub fn str(&mut self, text: &str) -> &mut Hasher {
        self.bytes(text.as_bytes())
    }

    /// Add bytes, length first.
    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Hasher {
        self.0.write_u64(bytes.len() as u64);
        self.0.write(bytes);
        self
    }

    /// Add a number.
    pub fn u64(&mut self, n: u64) -> &mut Hasher {
        self.0.write_u64(n);
        self
    }

    /// Add another digest.
    pub fn digest(&mut self, digest: Digest) -> &mut Hasher {
        self.0.write_u128(digest);
        self
    }

    /// Add a value through its `Debug` form, written straight into the hasher: for the
    /// settings and the schema, whose every field can change what a page shows, so that a
    /// field added to them is part of the digest without anyone remembering to add it here.
    pub fn debug(&mut self, value: &impl std::fmt::Debug) -> &mut Hasher {
        struct Feed<'a>(&'a mut SipHasher13);
        impl std::fmt::Write for Feed<'_> {
            fn write_str(&mut self, s: &str) -> std::fmt::Result {
                self.0.write(s.as_bytes());
                Ok(())
            }
        }
        // Writing into a hasher cannot fail.
        let _ = std::fmt::write(&mut Feed(&mut self.0), format_args!("{value:?}"));
        self.0.write_u8(0xff);
        self
    }

    /// The digest of everything added.
    pub fn finish(&self) -> Digest {
        self.0.finish128().as_u128()
    }
}

/// The digest of one text.
pub fn of(domain: &str, bytes: &[u8]) -> Digest {
    Hasher::new(domain).bytes(bytes).finish()
}

/// What identifies the program that is running: its version and its executable file's size
/// and modification time. Any change to Fieldbook's code makes a new executable, and with it
/// a new identity, so that a new program never takes pages an older one made for its own. `None` when the
/// executable cannot be found; the build then makes every page.
pub fn program() -> Option<Digest> {
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(exe).ok()?;
    let modified = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some(
        Hasher::new("program")
            .str(env!("CARGO_PKG_VERSION"))
            .u64(meta.len())
            .u64(modified.as_secs())
            .u64(u64::from(modified.subsec_nanos()))
            .finish(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_are_framed_by_their_length() {
        let ab_c = Hasher::new("t").str("ab").str("c").finish();
        let a_bc = Hasher::new("t").str("a").str("bc").finish();
        assert_ne!(ab_c, a_bc);
        assert_eq!(ab_c, Hasher::new("t").str("ab").str("c").finish());
    }

    #[test]
    fn domains_keep_digests_apart() {
        assert_ne!(of("page", b"x"), of("body", b"x"));
    }

    #[test]
    fn the_digest_is_the_same_in_every_run() {
        // Pinned: a change of algorithm or framing would silently make every cached page
        // look changed (harmless) or, worse, make two inputs collide; this says it happened.
        assert_eq!(of("body", b"Ain Lmaati"), 0x78dc_1ec8_7380_5e4e_9349_9314_1d49_8911);
    }

    #[test]
    fn debug_forms_are_added_whole() {
        let one = Hasher::new("t").debug(&("a", 1)).finish();
        let other = Hasher::new("t").debug(&("a", 2)).finish();
        assert_ne!(one, other);
    }

    #[test]
    fn the_program_has_an_identity() {
        assert!(program().is_some());
        assert_eq!(program(), program());
    }
}
