//! EXIF's position: the GPS IFD of a TIFF structure, read and emptied in place.
//!
//! A TIFF structure (TIFF 6.0, which EXIF 2.3 uses) opens with its byte order (`II`, little
//! endian, or `MM`, big endian), the number 42 and the offset of the first IFD. An IFD is a
//! count of 12-byte entries (tag, type, count, then the value itself when it fits in 4 bytes,
//! else its offset), then the offset of the next IFD (0 for none). Every offset counts from the
//! TIFF header. IFD0 points at the Exif IFD (tag `0x8769`) and the GPS IFD (tag `0x8825`).

use std::ops::Range;

use super::{Found, Position};

/// The tag of the pointer to the GPS IFD.
const GPS_IFD: u16 = 0x8825;
/// The tag of the pointer to the Exif IFD.
const EXIF_IFD: u16 = 0x8769;
/// GPS tags: `GPSLatitudeRef` (`N` or `S`), `GPSLatitude`, `GPSLongitudeRef` (`E` or `W`),
/// `GPSLongitude`.
const LATITUDE_REF: u16 = 1;
const LATITUDE: u16 = 2;
const LONGITUDE_REF: u16 = 3;
const LONGITUDE: u16 = 4;
/// `GPSDestLatitude` and `GPSDestLongitude`: where the camera was pointing, as near.
const DEST_LATITUDE: u16 = 20;
const DEST_LONGITUDE: u16 = 22;
/// More IFDs than any image has: a structure that claims more is followed no further.
const MAX_IFDS: usize = 64;

/// True when `bytes` open with a TIFF header (not BigTIFF, which is not read).
pub(super) fn is_header(bytes: &[u8]) -> bool {
    bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*")
}

/// Read the TIFF structure at `range` of `bytes`: its position, if `found` has none yet, and
/// the bytes to zero to empty every GPS IFD that holds one.
pub(super) fn scan(bytes: &[u8], range: Range<usize>, found: &mut Found) {
    let Some(data) = bytes.get(range.clone()) else { return };
    if !is_header(data) {
        return;
    }
    let tiff = Tiff { data, big_endian: data[0] == b'M' };
    let mut queue: Vec<usize> = tiff.u32(4).into_iter().collect();
    let mut seen = Vec::new();
    let mut gps = Vec::new();
    while let Some(offset) = queue.pop() {
        if offset == 0 || seen.contains(&offset) || seen.len() >= MAX_IFDS {
            continue;
        }
        seen.push(offset);
        let Some(ifd) = tiff.ifd(offset) else { continue };
        for entry in ifd.entries.iter() {
            if matches!(entry.tag, GPS_IFD | EXIF_IFD)
                && let Some(pointer) = tiff.u32(entry.at + 8)
            {
                if entry.tag == GPS_IFD { gps.push(pointer) } else { queue.push(pointer) }
            }
        }
        queue.extend(ifd.next);
    }
    gps.sort_unstable();
    gps.dedup();
    for offset in gps {
        let Some(ifd) = tiff.ifd(offset) else { continue };
        let has = |tag: u16| ifd.entries.iter().any(|e| e.tag == tag);
        if ![LATITUDE, LONGITUDE, DEST_LATITUDE, DEST_LONGITUDE].into_iter().any(has) {
            continue;
        }
        if found.position.is_none() {
            found.position = tiff.position(&ifd.entries);
        }
        let at = |r: Range<usize>| range.start + r.start..range.start + r.end.min(data.len());
        // The count, the entries and the next IFD's offset: an empty IFD with no next.
        found.blank(at(offset..offset + 2 + 12 * ifd.count + 4), 0);
        for entry in &ifd.entries {
            if let Some(values) = tiff.values(entry).filter(|v| v.len() > 4) {
                found.blank(at(values), 0);
            }
        }
    }
}

/// A TIFF structure: its bytes, from the header on, and its byte order.
struct Tiff<'a> {
    data: &'a [u8],
    big_endian: bool,
}

/// One IFD: its entries that lie in the data, and the offset of the next IFD.
struct Ifd {
    /// How many entries it says it has.
    count: usize,
    entries: Vec<Entry>,
    next: Option<usize>,
}

/// One 12-byte entry of an IFD.
#[derive(Debug, Clone, Copy)]
struct Entry {
    /// Where it starts, from the TIFF header.
    at: usize,
    tag: u16,
    kind: u16,
    count: u32,
}

impl Tiff<'_> {
    fn u16(&self, at: usize) -> Option<u16> {
        let b = self.data.get(at..at.checked_add(2)?)?;
        Some(if self.big_endian { u16::from_be_bytes([b[0], b[1]]) } else { u16::from_le_bytes([b[0], b[1]]) })
    }

    fn u32(&self, at: usize) -> Option<usize> {
        let b = self.data.get(at..at.checked_add(4)?)?;
        let bytes = [b[0], b[1], b[2], b[3]];
        Some(if self.big_endian { u32::from_be_bytes(bytes) } else { u32::from_le_bytes(bytes) } as usize)
    }

    /// The IFD at `offset`: the entries that lie in the data (a truncated IFD keeps those it has).
    fn ifd(&self, offset: usize) -> Option<Ifd> {
        let count = self.u16(offset)? as usize;
        let first = offset + 2;
        let room = self.data.len().saturating_sub(first) / 12;
        let entries = (0..count.min(room))
            .filter_map(|n| {
                let at = first + 12 * n;
                Some(Entry { at, tag: self.u16(at)?, kind: self.u16(at + 2)?, count: self.u32(at + 4)? as u32 })
            })
            .collect();
        let next = if count <= room { self.u32(first + 12 * count) } else { None };
        Some(Ifd { count, entries, next })
    }

    /// Where an entry's values lie: in the entry itself when they fit in 4 bytes, else at its
    /// offset, cut at the end of the data. `None` for a type TIFF does not define.
    fn values(&self, entry: &Entry) -> Option<Range<usize>> {
        let size = match entry.kind {
            1 | 2 | 6 | 7 => 1,
            3 | 8 => 2,
            4 | 9 | 11 | 13 => 4,
            5 | 10 | 12 => 8,
            _ => return None,
        };
        let length = (entry.count as usize).checked_mul(size)?;
        if length <= 4 {
            return Some(entry.at + 8..entry.at + 8 + length);
        }
        let start = self.u32(entry.at + 8)?.min(self.data.len());
        Some(start..start.saturating_add(length).min(self.data.len()))
    }

    /// The position a GPS IFD's entries give, if they give one that can be read.
    fn position(&self, entries: &[Entry]) -> Option<Position> {
        let entry = |tag: u16| entries.iter().find(|e| e.tag == tag);
        let side = |tag: u16| {
            let entry = entry(tag)?;
            let values = self.values(entry).filter(|_| entry.kind == 2)?;
            self.data.get(values)?.first().map(u8::to_ascii_uppercase)
        };
        let sign = |tag: u16, negative: u8| if side(tag) == Some(negative) { -1.0 } else { 1.0 };
        let latitude = self.degrees(entry(LATITUDE)?)? * sign(LATITUDE_REF, b'S');
        let longitude = self.degrees(entry(LONGITUDE)?)? * sign(LONGITUDE_REF, b'W');
        Position::checked(latitude, longitude)
    }

    /// Degrees, minutes and seconds (one to three rationals) as decimal degrees.
    fn degrees(&self, entry: &Entry) -> Option<f64> {
        if !matches!(entry.kind, 5 | 10) || !(1..=3).contains(&entry.count) {
            return None;
        }
        let values = self.values(entry)?;
        let mut degrees = 0.0;
        for (n, scale) in (0..entry.count as usize).zip([1.0, 60.0, 3600.0]) {
            let at = values.start + 8 * n;
            let (numerator, denominator) = (self.u32(at)?, self.u32(at + 4)?);
            let (numerator, denominator) = if entry.kind == 10 {
                (numerator as u32 as i32 as f64, denominator as u32 as i32 as f64)
            } else {
                (numerator as f64, denominator as f64)
            };
            if denominator == 0.0 {
                return None;
            }
            degrees += numerator / denominator / scale;
        }
        Some(degrees)
    }
}
