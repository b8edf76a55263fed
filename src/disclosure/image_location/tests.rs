use super::*;
use proptest::prelude::*;

/// Bytes in one byte order.
struct Writer {
    big_endian: bool,
    bytes: Vec<u8>,
}

impl Writer {
    fn u16(&mut self, n: u16) {
        self.bytes.extend(if self.big_endian { n.to_be_bytes() } else { n.to_le_bytes() });
    }
    fn u32(&mut self, n: u32) {
        self.bytes.extend(if self.big_endian { n.to_be_bytes() } else { n.to_le_bytes() });
    }
    fn entry(&mut self, tag: u16, kind: u16, count: u32, value: [u8; 4]) {
        self.u16(tag);
        self.u16(kind);
        self.u32(count);
        self.bytes.extend(value);
    }
    fn offset(&self, n: u32) -> [u8; 4] {
        if self.big_endian { n.to_be_bytes() } else { n.to_le_bytes() }
    }
}

/// A TIFF structure as a phone writes it: IFD0 with the camera's make (a value out of line)
/// and Orientation 6 (turned a quarter), pointing at a GPS IFD with its version, the latitude
/// and longitude (degrees, minutes, seconds) and their references.
fn exif(big_endian: bool, latitude: f64, longitude: f64) -> Vec<u8> {
    let mut w = Writer { big_endian, bytes: Vec::new() };
    w.bytes.extend(if big_endian { b"MM\0*" } else { b"II*\0" });
    w.u32(8);
    // IFD0 at 8: 3 entries, ends at 8 + 2 + 36 + 4 = 50.
    let (gps, latitude_at, longitude_at, make_at) = (50, 116, 140, 164);
    w.u16(3);
    w.entry(0x010F, 2, 8, w.offset(make_at));
    let mut orientation = [0; 4];
    orientation[..2].copy_from_slice(&if big_endian { 6u16.to_be_bytes() } else { 6u16.to_le_bytes() });
    w.entry(0x0112, 3, 1, orientation);
    w.entry(0x8825, 4, 1, w.offset(gps));
    w.u32(0);
    // The GPS IFD at 50: 5 entries, ends at 50 + 2 + 60 + 4 = 116.
    w.u16(5);
    w.entry(0, 1, 4, [2, 3, 0, 0]);
    w.entry(1, 2, 2, [if latitude < 0.0 { b'S' } else { b'N' }, 0, 0, 0]);
    w.entry(2, 5, 3, w.offset(latitude_at));
    w.entry(3, 2, 2, [if longitude < 0.0 { b'W' } else { b'E' }, 0, 0, 0]);
    w.entry(4, 5, 3, w.offset(longitude_at));
    w.u32(0);
    for degrees in [latitude.abs(), longitude.abs()] {
        let minutes = degrees.fract() * 60.0;
        let seconds = (minutes.fract() * 60.0 * 100.0).round() as u32;
        for (numerator, denominator) in [(degrees as u32, 1), (minutes as u32, 1), (seconds, 100)] {
            w.u32(numerator);
            w.u32(denominator);
        }
    }
    w.bytes.extend(b"Fieldbk\0");
    assert_eq!(w.bytes.len(), make_at as usize + 8);
    w.bytes
}

/// An XMP packet with the position as attributes, and a creator beside it.
fn xmp(latitude: &str, longitude: &str) -> String {
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\
         <rdf:Description rdf:about=\"\" xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n \
         exif:GPSLatitude=\"{latitude}\"\n exif:GPSLongitude=\"{longitude}\" exif:GPSVersionID=\"2.3.0.0\"><dc:creator>Field team</dc:creator></rdf:Description>\
         </rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>"
    )
}

fn jpeg_segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut out = vec![0xFF, marker];
    out.extend(((payload.len() + 2) as u16).to_be_bytes());
    out.extend(payload);
    out
}

/// A JPEG with EXIF and, if given, XMP; its image data is not a picture (none is decoded here).
fn jpeg(exif: &[u8], xmp: Option<&str>) -> Vec<u8> {
    let mut out = vec![0xFF, 0xD8];
    out.extend(jpeg_segment(0xE1, &[b"Exif\0\0", exif].concat()));
    if let Some(xmp) = xmp {
        out.extend(jpeg_segment(0xE1, &[b"http://ns.adobe.com/xap/1.0/\0", xmp.as_bytes()].concat()));
    }
    out.extend(jpeg_segment(0xDA, &[1, 1, 0, 0, 63, 0]));
    out.extend([0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD9]);
    out
}

fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    out.extend(kind);
    out.extend(data);
    out.extend(crc32fast::hash(&[&kind[..], data].concat()).to_be_bytes());
    out
}

fn png(exif: &[u8], xmp: Option<&str>) -> Vec<u8> {
    let mut out = PNG_SIGNATURE.to_vec();
    out.extend(png_chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
    out.extend(png_chunk(b"eXIf", exif));
    if let Some(xmp) = xmp {
        out.extend(png_chunk(b"iTXt", &[b"XML:com.adobe.xmp\0\0\0\0\0", xmp.as_bytes()].concat()));
    }
    out.extend(png_chunk(b"IDAT", b"x\x01\x01\x02\x00\xfd\xff\x00\x00\x00\x02\x00\x01"));
    out.extend(png_chunk(b"IEND", b""));
    out
}

fn webp(exif: &[u8], xmp: Option<&str>) -> Vec<u8> {
    let mut chunks = Vec::new();
    let mut chunk = |kind: &[u8; 4], data: &[u8]| {
        chunks.extend(kind);
        chunks.extend((data.len() as u32).to_le_bytes());
        chunks.extend(data);
        if data.len() % 2 == 1 {
            chunks.push(0);
        }
    };
    chunk(b"VP8X", &[0x0C, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    chunk(b"VP8L", &[0x2F, 0, 0, 0, 0]);
    chunk(b"EXIF", exif);
    if let Some(xmp) = xmp {
        chunk(b"XMP ", xmp.as_bytes());
    }
    let mut out = b"RIFF".to_vec();
    out.extend(((chunks.len() + 4) as u32).to_le_bytes());
    out.extend(b"WEBP");
    out.extend(chunks);
    out
}

/// The TIFF structure inside `image`, as it opens.
fn tiff_in(image: &[u8]) -> &[u8] {
    let start =
        [&b"II*\0"[..], b"MM\0*"].iter().filter_map(|h| memchr::memmem::find(image, h)).min().expect("a TIFF header");
    &image[start..]
}

fn close(found: Option<Position>, latitude: f64, longitude: f64) -> bool {
    found.is_some_and(|p| (p.latitude - latitude).abs() < 1e-4 && (p.longitude - longitude).abs() < 1e-4)
}

/// What is left of EXIF once the position is removed: Orientation and the make, and a GPS IFD
/// with no entries and nothing of the position.
fn assert_clean(image: &[u8], big_endian: bool) {
    let again = find(image);
    assert!(!again.carries_position(), "nothing left to remove");
    assert_eq!(again.position, None);
    let tiff = tiff_in(image);
    let read16 = |at: usize| {
        let b = [tiff[at], tiff[at + 1]];
        if big_endian { u16::from_be_bytes(b) } else { u16::from_le_bytes(b) }
    };
    assert_eq!(read16(8), 3, "IFD0 keeps its entries");
    assert_eq!((read16(22), read16(30)), (0x0112, 6), "Orientation is kept");
    assert_eq!(&tiff[164..172], b"Fieldbk\0", "the make is kept");
    assert!(tiff[50..164].iter().all(|&b| b == 0), "the GPS IFD and its values are zeros");
}

#[test]
fn jpeg_in_both_byte_orders() {
    for big_endian in [false, true] {
        let image = jpeg(&exif(big_endian, 35.8412, -5.5591), None);
        let found = find(&image);
        assert!(close(found.position, 35.8412, -5.5591), "{:?}", found.position);
        let clean = found.remove_from(&image);
        assert_eq!(clean.len(), image.len(), "nothing moves");
        assert_clean(&clean, big_endian);
        let changed: Vec<usize> = (0..image.len()).filter(|&i| image[i] != clean[i]).collect();
        let tiff = image.len() - tiff_in(&image).len();
        assert!(changed.iter().all(|&i| (tiff + 50..tiff + 164).contains(&i)), "only the GPS IFD changes");
    }
}

#[test]
fn south_and_east_are_signed() {
    let found = find(&jpeg(&exif(false, -33.9249, 18.4241), None));
    assert!(close(found.position, -33.9249, 18.4241), "{:?}", found.position);
}

#[test]
fn xmp_positions_are_blanked_and_the_packet_stays_xml() {
    let packet = xmp("35,50.472N", "5,33.546W");
    let image = jpeg(&exif(false, 35.8412, -5.5591), Some(&packet));
    let clean = without_position(&image);
    let text = String::from_utf8_lossy(&clean);
    assert!(!text.contains("GPSLatitude") && !text.contains("GPSLongitude"), "{text}");
    assert!(text.contains("exif:GPSVersionID=\"2.3.0.0\"") && text.contains("<dc:creator>Field team</dc:creator>"));
    let start = text.find("<x:xmpmeta").unwrap();
    let end = text.find("</x:xmpmeta>").unwrap() + "</x:xmpmeta>".len();
    roxmltree::Document::parse(&text[start..end]).expect("still well-formed XML");

    // XMP alone, as elements, in decimal degrees as drones write them.
    let elements = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" xmlns:drone-dji=\"http://www.dji.com/drone-dji/1.0/\"><exif:GPSLatitude>14,41.4S</exif:GPSLatitude><drone-dji:GpsLongitude>-17.4467</drone-dji:GpsLongitude><exif:GPSLongitude>17,26.8W</exif:GPSLongitude><exif:GPSDestLatitude/></rdf:Description></rdf:RDF></x:xmpmeta>";
    let image = jpeg(b"", Some(elements));
    let found = find(&image);
    assert!(close(found.position, -14.69, -17.446_666), "{:?}", found.position);
    let clean = found.remove_from(&image);
    let text = String::from_utf8_lossy(&clean);
    assert!(!text.to_ascii_lowercase().contains("gps"), "{text}");
    let start = text.find("<x:xmpmeta").unwrap();
    let end = text.find("</x:xmpmeta>").unwrap() + "</x:xmpmeta>".len();
    roxmltree::Document::parse(&text[start..end]).expect("still well-formed XML");
}

#[test]
fn xmp_coordinates_in_each_form() {
    assert_eq!(xmp::degrees("35,30N"), Some(35.5));
    assert_eq!(xmp::degrees("35,30,36S"), Some(-35.51));
    assert_eq!(xmp::degrees(" 5.25W "), Some(-5.25));
    assert_eq!(xmp::degrees("+12.5"), Some(12.5));
    assert_eq!(xmp::degrees("N"), None);
    assert_eq!(xmp::degrees("1,2,3,4E"), None);
    assert_eq!(xmp::degrees(""), None);
}

#[test]
fn png_chunks_changed_get_their_crc_again() {
    let packet = xmp("35,50.472N", "5,33.546W");
    for big_endian in [false, true] {
        let image = png(&exif(big_endian, 35.8412, -5.5591), Some(&packet));
        assert!(close(find(&image).position, 35.8412, -5.5591));
        let clean = without_position(&image);
        assert_eq!(clean.len(), image.len());
        assert_clean(&clean, big_endian);
        assert!(!String::from_utf8_lossy(&clean).contains("GPSLatitude"));
        for chunk in png_chunks(&clean) {
            let crc = crc32fast::hash(&clean[chunk.data.start - 4..chunk.data.end]);
            assert_eq!(&clean[chunk.data.end..chunk.data.end + 4], crc.to_be_bytes(), "{:?}", chunk.kind);
        }
        let kinds: Vec<[u8; 4]> = png_chunks(&clean).map(|c| c.kind).collect();
        assert_eq!(kinds, [*b"IHDR", *b"eXIf", *b"iTXt", *b"IDAT", *b"IEND"]);
    }
}

#[test]
fn a_pngs_compressed_xmp_with_a_position_is_left_out_whole() {
    use std::io::Write;
    let compressed = |text: &str| {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(text.as_bytes()).unwrap();
        let mut data = b"XML:com.adobe.xmp\0\x01\0en\0\0".to_vec();
        data.extend(z.finish().unwrap());
        data
    };
    let with = |itxt: &[u8]| {
        let mut out = PNG_SIGNATURE.to_vec();
        out.extend(png_chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
        out.extend(png_chunk(b"iTXt", itxt));
        out.extend(png_chunk(b"IEND", b""));
        out
    };
    let image = with(&compressed(&xmp("35,50.472N", "5,33.546W")));
    let found = find(&image);
    assert!(close(found.position, 35.8412, -5.5591), "{:?}", found.position);
    let clean = found.remove_from(&image);
    let kinds: Vec<[u8; 4]> = png_chunks(&clean).map(|c| c.kind).collect();
    assert_eq!(kinds, [*b"IHDR", *b"IEND"]);
    assert_eq!(clean.len(), image.len() - 12 - compressed(&xmp("35,50.472N", "5,33.546W")).len());
    // Compressed XMP with no position is kept, as is the whole image.
    let image =
        with(&compressed("<x:xmpmeta><rdf:RDF><rdf:Description dc:format=\"image/png\"/></rdf:RDF></x:xmpmeta>"));
    assert!(matches!(without_position(&image), Cow::Borrowed(_)));
    // XMP that inflates past what is read is left out, whatever it holds.
    let image = with(&compressed(&" ".repeat(MAX_XMP_BYTES as usize + 1)));
    let found = find(&image);
    assert!(found.carries_position() && found.xmp_too_large && found.position.is_none());
    // Cut anywhere, it is read as far as it goes.
    let image = with(&compressed(&xmp("35,50.472N", "5,33.546W")));
    for end in 0..image.len() {
        assert!(!find(&without_position(&image[..end])).carries_position());
    }
}

#[test]
fn webp_and_tiff() {
    let packet = xmp("35,50.472N", "5,33.546W");
    let image = webp(&exif(true, 35.8412, -5.5591), Some(&packet));
    assert!(close(find(&image).position, 35.8412, -5.5591));
    let clean = without_position(&image);
    assert_clean(&clean, true);
    assert!(!String::from_utf8_lossy(&clean).contains("GPSLatitude"));
    // With JPEG's `Exif\0\0` kept before the TIFF header, as some writers do.
    let image = webp(&[b"Exif\0\0", &exif(false, 1.5, 2.5)[..]].concat(), None);
    assert!(close(find(&image).position, 1.5, 2.5));
    assert_clean(&without_position(&image), false);
    // An AVIF's Exif item, with `Exif\0\0` (as Apple writes it) or with its header's offset.
    for item in [&b"\0\0\0\x06Exif\0\0"[..], b"\0\0\0\0"] {
        let image =
            [&b"\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf\0\0\0\x10mdat"[..], item, &exif(true, 1.5, 2.5)].concat();
        assert!(close(find(&image).position, 1.5, 2.5));
        assert_clean(&without_position(&image), true);
    }
    // A TIFF file is the structure itself.
    let image = exif(false, 48.8566, 2.3522);
    assert!(close(find(&image).position, 48.8566, 2.3522));
    assert_clean(&without_position(&image), false);
}

#[test]
fn an_image_without_a_position_is_given_back_without_a_copy() {
    let mut no_gps = exif(false, 0.0, 0.0);
    // IFD0's third entry (the GPS pointer) becomes an ImageDescription of no length.
    no_gps[8 + 2 + 24..8 + 2 + 26].copy_from_slice(&0x010Eu16.to_le_bytes());
    for image in [
        jpeg(
            &no_gps,
            Some("<x:xmpmeta><rdf:RDF><rdf:Description exif:GPSVersionID=\"2.3.0.0\"/></rdf:RDF></x:xmpmeta>"),
        ),
        png(&no_gps, None),
        webp(&no_gps, None),
        b"GIF89a\x01\x00\x01\x00".to_vec(),
        b"BM\x1e\0\0\0".to_vec(),
        Vec::new(),
    ] {
        let found = find(&image);
        assert!(!found.carries_position() && found.position.is_none());
        assert!(matches!(without_position(&image), Cow::Borrowed(b) if b.as_ptr() == image.as_ptr()));
    }
}

#[test]
fn a_gps_ifd_with_no_position_is_left_and_one_unreadable_is_removed() {
    let mut image = exif(false, 10.0, 20.0);
    // The tags of the latitude and longitude become others (altitude and speed).
    for (entry, tag) in [(2usize, 6u16), (4, 13)] {
        let at = 50 + 2 + 12 * entry;
        image[at..at + 2].copy_from_slice(&tag.to_le_bytes());
    }
    assert!(!find(&image).carries_position());
    // A latitude whose denominator is 0 cannot be read, and is removed all the same.
    let mut image = exif(false, 10.0, 20.0);
    image[116 + 4..116 + 8].copy_from_slice(&0u32.to_le_bytes());
    let found = find(&image);
    assert!(found.carries_position() && found.position.is_none());
    assert_clean(&found.remove_from(&image), false);
}

#[test]
fn lying_offsets_and_loops_of_ifds_do_not_hang_or_panic() {
    let mut image = exif(false, 10.0, 20.0);
    // IFD0's next IFD is itself, and the GPS IFD's next is IFD0.
    image[46..50].copy_from_slice(&8u32.to_le_bytes());
    image[112..116].copy_from_slice(&8u32.to_le_bytes());
    // The longitude's values lie far outside the structure.
    image[50 + 2 + 48 + 8..50 + 2 + 48 + 12].copy_from_slice(&u32::MAX.to_le_bytes());
    let found = find(&jpeg(&image, None));
    assert!(found.carries_position());
    assert_eq!(found.position, None, "the longitude cannot be read");
    let clean = without_position(&image);
    assert!(clean[50..112].iter().all(|&b| b == 0));
}

#[test]
fn every_truncation_of_every_format() {
    let packet = xmp("35,50.472N", "5,33.546W");
    for image in [
        jpeg(&exif(false, 35.8412, -5.5591), Some(&packet)),
        png(&exif(true, 35.8412, -5.5591), Some(&packet)),
        webp(&exif(false, 35.8412, -5.5591), Some(&packet)),
        exif(true, 35.8412, -5.5591),
    ] {
        for end in 0..image.len() {
            let cut = &image[..end];
            let clean = without_position(cut);
            assert_eq!(clean.len(), cut.len());
            assert!(!find(&clean).carries_position(), "removing is complete, cut at {end}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_bytes_any_changes(
        noise in proptest::collection::vec(any::<u8>(), 0..64),
        at in any::<prop::sample::Index>(),
        format in 0..4usize,
        big_endian in any::<bool>(),
    ) {
        let packet = xmp("35,50.472N", "5,33.546W");
        let exif = exif(big_endian, 35.8412, -5.5591);
        let mut image = match format {
            0 => jpeg(&exif, Some(&packet)),
            1 => png(&exif, Some(&packet)),
            2 => webp(&exif, Some(&packet)),
            _ => exif,
        };
        // Overwrite some bytes anywhere, offsets and counts included.
        let start = at.index(image.len());
        for (i, byte) in noise.into_iter().enumerate() {
            if let Some(b) = image.get_mut(start + i) {
                *b = byte;
            }
        }
        let clean = without_position(&image);
        prop_assert_eq!(clean.len(), image.len());
        prop_assert!(!find(&clean).carries_position());
        let _ = find(&noise_only(&image));
    }
}

/// Bytes that open like an image and then are anything.
fn noise_only(image: &[u8]) -> Vec<u8> {
    image.iter().take(16).chain(image.iter().rev()).copied().collect()
}
