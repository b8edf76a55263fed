//! The place a photo was taken, as a phone or camera writes it into the image: read for the
//! warning `check` gives, and removed from the copy a public build publishes.
//!
//! A public site rounds a community's location (see [`crate::disclosure::location`]) so that returnees'
//! homes cannot be found from it; a photo of a house that carries the latitude and longitude
//! where it was taken would undo that. The position lives in two places:
//!
//! - **EXIF**, a TIFF structure whose GPS IFD (tag `0x8825`) holds `GPSLatitude`,
//!   `GPSLongitude` and their references. It is found in a JPEG's APP1 segments and in an
//!   AVIF or HEIC file's Exif item (both open with `Exif\0\0` and a TIFF header, found by that
//!   signature, so that every picture a phone puts in one file is seen: the main image, its
//!   thumbnail and the extra images of the Multi-Picture Format; an Exif item may also open
//!   with its header's offset, 0, and the header), in a PNG's `eXIf` chunk, a
//!   WebP's `EXIF` chunk, and in a TIFF file itself.
//! - **XMP**, an RDF/XML packet: `exif:GPSLatitude`, `exif:GPSLongitude` (and the same names
//!   in any namespace, in any case, as drones write `drone-dji:GpsLatitude`), as attributes
//!   or elements. It is found inside its `<rdf:RDF>` element in a JPEG, WebP, TIFF, AVIF or
//!   GIF file, and in a PNG's `iTXt` chunk.
//!
//! Everything is removed in place, so that nothing else of the image moves: the GPS IFD is
//! emptied (its entry count set to 0, every byte of its entries and of the values they point
//! to set to 0), the rest of EXIF (Orientation, which browsers honour, above all) left as it
//! was; an XMP property that holds a position is overwritten with spaces, which XML reads as
//! the blank between attributes or elements. A PNG chunk changed gets its CRC again; a PNG's
//! compressed XMP (which the XMP specification does not ask for) that holds a position is left
//! out whole, as it cannot be changed in place. An image with no position is given back as it
//! is, without a copy.
//!
//! BMP and ICO images have no place for a position; a GIF has no EXIF, only XMP. A BigTIFF
//! file is not read. Nothing here panics, whatever the bytes: every offset is checked, a loop of
//! IFDs is followed once, and a value that points outside its file is cut at its end.

use std::borrow::Cow;
use std::ops::Range;

#[cfg(test)]
mod tests;
mod tiff;
mod xmp;

/// A position in decimal degrees: north and east are positive.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Position {
    /// Degrees north of the equator (south is negative).
    pub latitude: f64,
    /// Degrees east of Greenwich (west is negative).
    pub longitude: f64,
}

impl Position {
    /// The position, if both degrees are numbers a position can have.
    fn checked(latitude: f64, longitude: f64) -> Option<Position> {
        let valid = latitude.is_finite() && longitude.is_finite() && latitude.abs() <= 90.0 && longitude.abs() <= 180.0;
        valid.then_some(Position { latitude, longitude })
    }
}

/// What an image's metadata says of the place it was taken, and the bytes that say it.
#[derive(Debug, Default)]
pub struct Found {
    /// The position, when the metadata holds one that can be read: EXIF's, else XMP's.
    pub position: Option<Position>,
    /// The bytes to overwrite, and with what, to remove every position.
    blanks: Vec<(Range<usize>, u8)>,
    /// Whole PNG chunks to leave out: compressed XMP that holds a position.
    dropped: Vec<Range<usize>>,
    /// The image is a PNG: chunks changed need their CRC again.
    png: bool,
    /// A PNG's compressed XMP inflated past what is read ([`MAX_XMP_BYTES`]): left out
    /// unread, since it may hold a position.
    pub xmp_too_large: bool,
}

impl Found {
    /// True when the image holds a position (or position fields too broken to read, which
    /// are removed all the same): the published copy differs from the file.
    pub fn carries_position(&self) -> bool {
        !self.blanks.is_empty() || !self.dropped.is_empty()
    }

    /// `bytes`, the image this was found in, without its position: borrowed when it holds none.
    pub fn remove_from<'a>(&self, bytes: &'a [u8]) -> Cow<'a, [u8]> {
        if !self.carries_position() {
            return Cow::Borrowed(bytes);
        }
        let mut out = self.blanked(bytes);
        // Values that lie over the structure itself can, once zeroed, make an offset point at
        // another GPS IFD: look again until nothing is left (one look for any real image).
        for _ in 0..MAX_ROUNDS {
            let again = find(&out);
            if !again.carries_position() {
                break;
            }
            out = again.blanked(&out);
        }
        Cow::Owned(out)
    }

    /// A copy of `bytes` with this one's blanks, and a PNG's CRCs made again.
    fn blanked(&self, bytes: &[u8]) -> Vec<u8> {
        let mut out = bytes.to_vec();
        for (range, fill) in &self.blanks {
            if let Some(span) = out.get_mut(range.clone()) {
                span.fill(*fill);
            }
        }
        if self.png {
            for chunk in png_chunks(bytes) {
                let touched = self.blanks.iter().any(|(r, _)| r.start < chunk.data.end && chunk.data.start < r.end);
                if touched {
                    let crc = crc32fast::hash(&out[chunk.data.start - 4..chunk.data.end]);
                    out[chunk.data.end..chunk.data.end + 4].copy_from_slice(&crc.to_be_bytes());
                }
            }
        }
        if self.dropped.is_empty() {
            return out;
        }
        // Chunks come in order, each whole, after the CRCs above were made.
        let mut kept = Vec::with_capacity(out.len());
        let mut from = 0;
        for chunk in &self.dropped {
            kept.extend_from_slice(&out[from..chunk.start.max(from)]);
            from = chunk.end.max(from);
        }
        kept.extend_from_slice(&out[from..]);
        kept
    }

    /// Overwrite `range` of the image with `fill`.
    fn blank(&mut self, range: Range<usize>, fill: u8) {
        if range.start < range.end {
            self.blanks.push((range, fill));
        }
    }
}

/// What the image `bytes` says of the place it was taken. Any bytes may be given: an image
/// of a kind with no metadata, or not an image at all, holds no position.
pub fn find(bytes: &[u8]) -> Found {
    let mut found = Found::default();
    if bytes.starts_with(PNG_SIGNATURE) {
        found.png = true;
        let mut budget = MAX_XMP_BYTES;
        for chunk in png_chunks(bytes) {
            match &chunk.kind {
                b"eXIf" => tiff::scan(bytes, chunk.data, &mut found),
                b"iTXt" if bytes[chunk.data.clone()].starts_with(XMP_KEYWORD) => {
                    if bytes.get(chunk.data.start + XMP_KEYWORD.len()) == Some(&1) {
                        compressed_xmp(bytes, chunk.data, &mut budget, &mut found);
                    } else {
                        xmp::scan(bytes, chunk.data, &mut found);
                    }
                }
                _ => {}
            }
        }
        return found;
    }
    if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        for (kind, data) in riff_chunks(bytes) {
            match &kind {
                b"EXIF" => {
                    // Some writers keep JPEG's `Exif\0\0` before the TIFF header.
                    let skip = if bytes[data.clone()].starts_with(EXIF_SIGNATURE) { EXIF_SIGNATURE.len() } else { 0 };
                    tiff::scan(bytes, data.start + skip..data.end, &mut found);
                }
                b"XMP " => xmp::scan(bytes, data, &mut found),
                _ => {}
            }
        }
        return found;
    }
    if tiff::is_header(bytes) {
        tiff::scan(bytes, 0..bytes.len(), &mut found);
    } else {
        for start in occurrences(bytes, EXIF_SIGNATURE) {
            let tiff_start = start + EXIF_SIGNATURE.len();
            if tiff::is_header(&bytes[tiff_start..]) {
                tiff::scan(bytes, tiff_start..jpeg_segment_end(bytes, start), &mut found);
            }
        }
    }
    if bytes.get(4..8) == Some(b"ftyp") {
        // An AVIF or HEIC Exif item may also open with the offset of its TIFF header, 0, and
        // the header itself, with no `Exif\0\0`.
        for header in [&b"\0\0\0\0II*\0"[..], b"\0\0\0\0MM\0*"] {
            for start in occurrences(bytes, header) {
                tiff::scan(bytes, start + 4..bytes.len(), &mut found);
            }
        }
    }
    xmp::scan(bytes, 0..bytes.len(), &mut found);
    found
}

/// `bytes`, an image, without the place it was taken: borrowed when it holds none.
pub fn without_position(bytes: &[u8]) -> Cow<'_, [u8]> {
    find(bytes).remove_from(bytes)
}

/// How many times a copy is looked at again for what removing its position left.
const MAX_ROUNDS: usize = 4;
/// What opens a PNG file.
const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
/// What opens a PNG `iTXt` chunk of XMP.
const XMP_KEYWORD: &[u8] = b"XML:com.adobe.xmp\0";
/// The most of a PNG's compressed XMP that is inflated, all its chunks together: packets are
/// kilobytes, and a file made to inflate without end is not read further.
pub const MAX_XMP_BYTES: u64 = 16 * 1024 * 1024;

/// A PNG `iTXt` chunk of XMP at `data` whose text is compressed (which the XMP specification
/// does not ask for): left out whole when it holds a position, since it cannot be changed in
/// place, and when it is past what `budget` leaves to inflate.
fn compressed_xmp(bytes: &[u8], data: Range<usize>, budget: &mut u64, found: &mut Found) {
    use std::io::Read;
    let chunk = &bytes[data.clone()];
    // The keyword, the compression flag and method, then the language and the translated
    // keyword, each ended by a 0.
    let mut at = XMP_KEYWORD.len() + 2;
    for _ in 0..2 {
        let Some(end) = memchr::memchr(0, &chunk[at.min(chunk.len())..]) else { return };
        at += end + 1;
    }
    let mut text = Vec::new();
    // A packet cut short is read as far as it goes.
    let _ = flate2::read::ZlibDecoder::new(&chunk[at.min(chunk.len())..]).take(*budget + 1).read_to_end(&mut text);
    let past_budget = text.len() as u64 > *budget;
    *budget = budget.saturating_sub(text.len() as u64);
    let mut inside = Found::default();
    xmp::scan(&text, 0..text.len(), &mut inside);
    if inside.carries_position() || past_budget {
        found.dropped.push(data.start - 8..data.end + 4);
        found.position = found.position.or(inside.position);
        found.xmp_too_large |= past_budget;
    }
}

/// What opens EXIF in a JPEG's APP1 segment, and in an AVIF or HEIC file's Exif item.
const EXIF_SIGNATURE: &[u8] = b"Exif\0\0";

/// Where each occurrence of `needle` starts in `haystack`.
fn occurrences<'a>(haystack: &'a [u8], needle: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
    memchr::memmem::find_iter(haystack, needle)
}

/// Where EXIF that opens at `signature` ends: its APP1 segment's end, when a JPEG marker
/// and length come just before it (the length counts itself), else the end of the file.
fn jpeg_segment_end(bytes: &[u8], signature: usize) -> usize {
    if signature >= 4 && bytes[signature - 4] == 0xFF && bytes[signature - 3] == 0xE1 {
        let length = u16::from_be_bytes([bytes[signature - 2], bytes[signature - 1]]) as usize;
        return (signature - 2 + length).clamp(signature, bytes.len());
    }
    bytes.len()
}

/// One chunk of a PNG file.
struct PngChunk {
    /// Its type (`IHDR`, `eXIf`, `iTXt`).
    kind: [u8; 4],
    /// Where its data lies in the file; its CRC is the four bytes after.
    data: Range<usize>,
}

/// The chunks of a PNG file, up to `IEND` or the first that does not fit in the file.
fn png_chunks(bytes: &[u8]) -> impl Iterator<Item = PngChunk> + '_ {
    let mut at = PNG_SIGNATURE.len();
    std::iter::from_fn(move || {
        let header = bytes.get(at..at.checked_add(8)?)?;
        let length = u32::from_be_bytes([header[0], header[1], header[2], header[3]]) as usize;
        let kind = [header[4], header[5], header[6], header[7]];
        let start = at + 8;
        let end = start.checked_add(length)?;
        if end.checked_add(4)? > bytes.len() || &kind == b"IEND" && length > 0 {
            return None;
        }
        at = if &kind == b"IEND" { bytes.len() } else { end + 4 };
        Some(PngChunk { kind, data: start..end })
    })
}

/// The chunks of a RIFF file (WebP), each its FourCC and where its data lies, up to the first
/// that does not fit in the file.
fn riff_chunks(bytes: &[u8]) -> impl Iterator<Item = ([u8; 4], Range<usize>)> + '_ {
    let mut at: usize = 12;
    std::iter::from_fn(move || {
        let header = bytes.get(at..at.checked_add(8)?)?;
        let kind = [header[0], header[1], header[2], header[3]];
        let length = u32::from_le_bytes([header[4], header[5], header[6], header[7]]) as usize;
        let start = at + 8;
        let end = start.checked_add(length)?;
        if end > bytes.len() {
            return None;
        }
        // Chunks are padded to an even length.
        at = end + (length & 1);
        Some((kind, start..end))
    })
}
