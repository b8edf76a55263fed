//! XMP's position: `GPSLatitude` and `GPSLongitude` properties of an RDF/XML packet, read and
//! overwritten with spaces in place.
//!
//! A property is written as an attribute of `rdf:Description`
//! (`exif:GPSLatitude="35,50.472N"`) or as an element
//! (`<exif:GPSLatitude>35,50.472N</exif:GPSLatitude>`). Its value is degrees and decimal
//! minutes, or degrees, minutes and seconds, then `N`, `S`, `E` or `W` (XMP's GPSCoordinate);
//! drones write decimal degrees (`drone-dji:GpsLatitude="+35.8412"`). Overwritten with spaces,
//! an attribute or element becomes the blank XML allows between attributes or elements, so
//! the packet stays well-formed and keeps its length.

use std::ops::Range;

use super::{Found, Position, occurrences};

/// The properties that hold a position, lower case (names are matched in any case, after a
/// namespace prefix): the place the photo was taken, and the place it shows.
const NAMES: [&str; 4] = ["gpslatitude", "gpslongitude", "gpsdestlatitude", "gpsdestlongitude"];

/// Find the position properties in every `<rdf:RDF>` element at `range` of `bytes`: the
/// position, if `found` has none yet, and the bytes to overwrite with spaces.
pub(super) fn scan(bytes: &[u8], range: Range<usize>, found: &mut Found) {
    let Some(data) = bytes.get(range.clone()) else { return };
    let mut values: [Option<String>; 2] = [None, None];
    let mut from = 0;
    while let Some(start) = occurrences(&data[from..], b"<rdf:RDF").next().map(|at| from + at) {
        let end = occurrences(&data[start..], b"</rdf:RDF>").next().map_or(data.len(), |at| start + at);
        for (name, blank, value) in properties(&data[start..end]) {
            found.blank(range.start + start + blank.start..range.start + start + blank.end, b' ');
            if name < 2 && values[name].is_none() {
                values[name] = value;
            }
        }
        from = end;
    }
    if found.position.is_none()
        && let [Some(latitude), Some(longitude)] = &values
    {
        found.position = degrees(latitude).zip(degrees(longitude)).and_then(|(a, b)| Position::checked(a, b));
    }
}

/// Each position property in `rdf`: which of [`NAMES`], the bytes it takes (to overwrite),
/// and its value when it is text.
fn properties(rdf: &[u8]) -> Vec<(usize, Range<usize>, Option<String>)> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(colon) = memchr::memchr(b':', &rdf[at..]).map(|n| at + n) {
        at = colon + 1;
        let rest = &rdf[colon + 1..];
        let Some(name) = NAMES.iter().position(|name| {
            rest.get(..name.len()).is_some_and(|head| head.eq_ignore_ascii_case(name.as_bytes()))
                && !rest.get(name.len()).is_some_and(|&b| is_name_byte(b))
        }) else {
            continue;
        };
        let name_end = colon + 1 + NAMES[name].len();
        let prefix = rdf[..colon].iter().rev().take_while(|&&b| is_name_byte(b)).count();
        if prefix == 0 || prefix == colon {
            continue;
        }
        let start = colon - prefix;
        let property = match rdf[start - 1] {
            b'<' => element(rdf, start, name_end),
            b if b.is_ascii_whitespace() => attribute(rdf, start, name_end),
            _ => None,
        };
        if let Some((taken, value)) = property {
            at = taken.end;
            found.push((name, taken, value));
        }
    }
    found
}

/// An attribute `prefix:Name="value"` whose name spans `start..name_end`: the bytes it takes
/// and its value.
fn attribute(rdf: &[u8], start: usize, name_end: usize) -> Option<(Range<usize>, Option<String>)> {
    let mut at = skip_blank(rdf, name_end);
    if rdf.get(at) != Some(&b'=') {
        return None;
    }
    at = skip_blank(rdf, at + 1);
    let quote = *rdf.get(at).filter(|&&b| b == b'"' || b == b'\'')?;
    let close = memchr::memchr(quote, &rdf[at + 1..])? + at + 1;
    Some((start..close + 1, Some(String::from_utf8_lossy(&rdf[at + 1..close]).into_owned())))
}

/// An element `<prefix:Name>value</prefix:Name>` whose name spans `start..name_end`: the bytes
/// it takes (to the end of the packet when it is not closed) and its value when it is text.
fn element(rdf: &[u8], start: usize, name_end: usize) -> Option<(Range<usize>, Option<String>)> {
    let open_end = memchr::memchr(b'>', &rdf[name_end..])? + name_end;
    if rdf[open_end - 1] == b'/' {
        return Some((start - 1..open_end + 1, None));
    }
    let mut closing = b"</".to_vec();
    closing.extend_from_slice(&rdf[start..name_end]);
    let Some(close) = occurrences(&rdf[open_end..], &closing).next().map(|n| open_end + n) else {
        return Some((start - 1..rdf.len(), None));
    };
    let end = memchr::memchr(b'>', &rdf[close..]).map_or(rdf.len(), |n| close + n + 1);
    let text = &rdf[open_end + 1..close];
    let value = (!text.contains(&b'<')).then(|| String::from_utf8_lossy(text).into_owned());
    Some((start - 1..end, value))
}

fn skip_blank(rdf: &[u8], mut at: usize) -> usize {
    while rdf.get(at).is_some_and(u8::is_ascii_whitespace) {
        at += 1;
    }
    at
}

/// A byte of an XML name as XMP writes them.
fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')
}

/// An XMP coordinate as decimal degrees: `35,50.472N`, `35,50,28.3N`, or `+35.8412`.
pub(super) fn degrees(text: &str) -> Option<f64> {
    let text = text.trim();
    let last = text.chars().last()?.to_ascii_uppercase();
    if !matches!(last, 'N' | 'S' | 'E' | 'W') {
        return text.parse::<f64>().ok();
    }
    let numbers: Vec<f64> =
        text[..text.len() - 1].split(',').map(|n| n.trim().parse::<f64>().ok()).collect::<Option<_>>()?;
    if numbers.is_empty() || numbers.len() > 3 {
        return None;
    }
    let degrees: f64 = numbers.iter().zip([1.0, 60.0, 3600.0]).map(|(n, scale)| n / scale).sum();
    Some(if matches!(last, 'S' | 'W') { -degrees } else { degrees })
}
