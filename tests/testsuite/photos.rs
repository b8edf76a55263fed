//! Photos that carry the place they were taken (EXIF and XMP GPS): `check` warns of each at
//! its file, the public site publishes it without the position (Orientation and the rest kept),
//! the internal site as it is, `serve` as `build` does, and a photo with no position byte for
//! byte.
//!
//! The fixture's images (photos/site/content/) are made by the functions below, byte by byte,
//! and `fixture_photos_are_the_ones_made_here` holds them to it (`FIELDBOOK_BLESS=1` writes
//! them again): `house.jpg`, an 8×8 grey baseline JPEG turned a quarter (Orientation 6) with a
//! position in EXIF (big endian, as iPhones write it) and in XMP; `market.png`, a 1×1 PNG with
//! a position in its `eXIf` chunk (little endian) and an `iTXt` XMP packet; `street.jpg`, the
//! JPEG with Orientation and no position.

use std::io::Write;
use std::path::Path;

use fieldbook::disclosure::image_location;

use crate::html::copy_site;
use crate::support::{assert_matches_file, fixture, run, run_speaking};

/// Where the fixture's photos say they were taken: an invented place.
const LATITUDE: f64 = 35.8412;
const LONGITUDE: f64 = -5.5591;

/// Where the GPS IFD and its values lie in the TIFF structure [`exif`] makes, and where the
/// camera's make (kept) lies after them.
const GPS_START: usize = 50;
const MAKE_AT: usize = 164;

fn u16_in(big_endian: bool, n: u16) -> [u8; 2] {
    if big_endian { n.to_be_bytes() } else { n.to_le_bytes() }
}

fn u32_in(big_endian: bool, n: u32) -> [u8; 4] {
    if big_endian { n.to_be_bytes() } else { n.to_le_bytes() }
}

/// EXIF as a phone writes it: IFD0 with the make, Orientation 6 and, when `position` is
/// given, a pointer to a GPS IFD with it (degrees, minutes, seconds).
fn exif(big_endian: bool, position: Option<(f64, f64)>) -> Vec<u8> {
    let mut out: Vec<u8> = if big_endian { b"MM\0*".to_vec() } else { b"II*\0".to_vec() };
    out.extend(u32_in(big_endian, 8));
    let entry = |out: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        out.extend(u16_in(big_endian, tag));
        out.extend(u16_in(big_endian, kind));
        out.extend(u32_in(big_endian, count));
        out.extend(value);
    };
    out.extend(u16_in(big_endian, 3));
    entry(&mut out, 0x010F, 2, 8, u32_in(big_endian, MAKE_AT as u32));
    let six = u16_in(big_endian, 6);
    entry(&mut out, 0x0112, 3, 1, [six[0], six[1], 0, 0]);
    match position {
        Some(_) => entry(&mut out, 0x8825, 4, 1, u32_in(big_endian, GPS_START as u32)),
        // No GPS IFD: an ImageDescription of no length in its place.
        None => entry(&mut out, 0x010E, 2, 0, [0; 4]),
    }
    out.extend(u32_in(big_endian, 0));
    assert_eq!(out.len(), GPS_START);
    let (latitude, longitude) = position.unwrap_or_default();
    out.extend(u16_in(big_endian, 5));
    entry(&mut out, 0, 1, 4, [2, 3, 0, 0]);
    entry(&mut out, 1, 2, 2, [if latitude < 0.0 { b'S' } else { b'N' }, 0, 0, 0]);
    entry(&mut out, 2, 5, 3, u32_in(big_endian, 116));
    entry(&mut out, 3, 2, 2, [if longitude < 0.0 { b'W' } else { b'E' }, 0, 0, 0]);
    entry(&mut out, 4, 5, 3, u32_in(big_endian, 140));
    out.extend(u32_in(big_endian, 0));
    for degrees in [latitude.abs(), longitude.abs()] {
        let minutes = degrees.fract() * 60.0;
        let seconds = (minutes.fract() * 60.0 * 100.0).round() as u32;
        for (numerator, denominator) in [(degrees as u32, 1), (minutes as u32, 1), (seconds, 100)] {
            out.extend(u32_in(big_endian, numerator));
            out.extend(u32_in(big_endian, denominator));
        }
    }
    assert_eq!(out.len(), MAKE_AT);
    out.extend(b"Fieldbk\0");
    if position.is_none() {
        // Without its pointer the GPS IFD is left over: zeros, as nothing reads them.
        out[GPS_START..MAKE_AT].fill(0);
    }
    out
}

/// An XMP packet with the position (degrees and decimal minutes) and a creator.
fn xmp() -> String {
    "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
     <x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n \
     <rdf:Description rdf:about=\"\" xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n  \
     exif:GPSLatitude=\"35,50.472N\"\n  exif:GPSLongitude=\"5,33.546W\">\n  \
     <dc:creator><rdf:Seq><rdf:li>Field team</rdf:li></rdf:Seq></dc:creator>\n \
     </rdf:Description>\n</rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>"
        .to_string()
}

fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut out = vec![0xFF, marker];
    out.extend(((payload.len() + 2) as u16).to_be_bytes());
    out.extend(payload);
    out
}

/// An 8×8 grey baseline JPEG (every coefficient 0: one Huffman code each for DC 0 and the end
/// of block) with `exif` and, when given, `xmp`.
fn jpeg(exif: &[u8], xmp: Option<&str>) -> Vec<u8> {
    let mut out = vec![0xFF, 0xD8];
    out.extend(segment(0xE1, &[b"Exif\0\0", exif].concat()));
    if let Some(xmp) = xmp {
        out.extend(segment(0xE1, &[b"http://ns.adobe.com/xap/1.0/\0", xmp.as_bytes()].concat()));
    }
    out.extend(segment(0xDB, &[[0u8].as_slice(), &[1; 64]].concat()));
    out.extend(segment(0xC0, &[8, 0, 8, 0, 8, 1, 1, 0x11, 0]));
    let one_code = |class: u8| [[class].as_slice(), &[1], &[0; 15], &[0]].concat();
    out.extend(segment(0xC4, &one_code(0x00)));
    out.extend(segment(0xC4, &one_code(0x10)));
    out.extend(segment(0xDA, &[1, 1, 0x00, 0, 63, 0]));
    // DC code `0`, end of block `0`, padded with ones.
    out.extend([0x3F, 0xFF, 0xD9]);
    out
}

fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    out.extend(kind);
    out.extend(data);
    out.extend(crc32fast::hash(&[&kind[..], data].concat()).to_be_bytes());
    out
}

/// A 1×1 grey PNG with `exif` in its `eXIf` chunk and an XMP packet.
fn png(exif: &[u8]) -> Vec<u8> {
    let mut pixels = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    pixels.write_all(&[0, 0x80]).unwrap();
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
    out.extend(chunk(b"eXIf", exif));
    out.extend(chunk(b"iTXt", &[b"XML:com.adobe.xmp\0\0\0\0\0", xmp().as_bytes()].concat()));
    out.extend(chunk(b"IDAT", &pixels.finish().unwrap()));
    out.extend(chunk(b"IEND", b""));
    out
}

/// The fixture's photos, by name.
fn photos() -> [(&'static str, Vec<u8>); 3] {
    let here = Some((LATITUDE, LONGITUDE));
    [
        ("house.jpg", jpeg(&exif(true, here), Some(&xmp()))),
        ("market.png", png(&exif(false, here))),
        ("street.jpg", jpeg(&exif(true, None), None)),
    ]
}

fn site() -> std::path::PathBuf {
    fixture("photos/site")
}

#[test]
fn fixture_photos_are_the_ones_made_here() {
    for (name, bytes) in photos() {
        let path = site().join("content").join(name);
        if std::env::var_os("FIELDBOOK_BLESS").is_some() {
            std::fs::write(&path, &bytes).unwrap();
        }
        assert!(std::fs::read(&path).unwrap() == bytes, "{name} differs from what photos() makes");
    }
}

#[test]
fn check_warns_of_each_photo_with_a_position_at_its_file() {
    let result = run(&site(), &["check"]);
    assert_matches_file(&format!("{}[exit: {}]\n", result.stderr, result.code), &site().join("expected.txt"));
    assert_eq!(result.stderr.matches("warning[image-location]").count(), 2, "{}", result.stderr);
    assert!(result.stderr.contains("(35.84° N, 5.56° W, rounded here)"), "{}", result.stderr);
    assert!(result.stderr.contains("content/house.jpg") && result.stderr.contains("content/market.png"));
    assert!(!result.stderr.contains("street.jpg"), "{}", result.stderr);
    // Each language writes its decimals and its west.
    let french = run_speaking("fr", &site(), &["check"]);
    assert!(french.stderr.contains("(35,84° N, 5,56° O, arrondi ici)"), "{}", french.stderr);
}

/// A PNG whose compressed XMP unpacks past what Fieldbook reads (16 MB) is said to be one, not
/// one whose position could not be read, and is published without it.
#[test]
fn a_photo_with_xmp_too_large_to_read_is_said_to_be_one_and_published_without_it() {
    let root = copy_site(&site(), "photos-xmp-too-large");
    let mut packet = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    packet.write_all(&vec![b' '; 16 * 1024 * 1024 + 1]).unwrap();
    let mut pixels = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    pixels.write_all(&[0, 0x80]).unwrap();
    let mut image = b"\x89PNG\r\n\x1a\n".to_vec();
    image.extend(chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
    image.extend(chunk(b"iTXt", &[b"XML:com.adobe.xmp\0\x01\0\0\0", &packet.finish().unwrap()[..]].concat()));
    image.extend(chunk(b"IDAT", &pixels.finish().unwrap()));
    image.extend(chunk(b"IEND", b""));
    std::fs::write(root.join("content/huge.png"), &image).unwrap();
    let result = run(&root, &["check"]);
    let said = "warning[image-location]: this photo holds XMP metadata that unpacks to more than 16 MB";
    assert!(result.stderr.contains(said), "{}", result.stderr);
    let result = run(&root, &["build"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let published = built(&root.join("site"), "huge.png");
    assert!(published.len() < image.len() && !published.windows(17).any(|w| w == b"XML:com.adobe.xmp"));
}

/// The file `name` of the built site at `root`.
fn built(root: &Path, name: &str) -> Vec<u8> {
    std::fs::read(root.join(name)).unwrap()
}

/// Where the TIFF structure starts in `image`.
fn tiff_start(image: &[u8]) -> usize {
    [&b"MM\0*"[..], b"II*\0"].iter().filter_map(|h| image.windows(4).position(|w| w == *h)).min().unwrap()
}

/// The public copy of a photo: the same length, the GPS IFD zeros, everything before and after
/// it (IFD0 with Orientation, the make, the picture) as it was, and the XMP without the position.
fn assert_published_without_position(original: &[u8], published: &[u8]) {
    let found = image_location::find(original);
    assert!(found.carries_position());
    assert!(!image_location::find(published).carries_position(), "no position is left");
    assert_eq!(published.len(), original.len());
    let tiff = tiff_start(original);
    assert_eq!(published[..tiff + GPS_START], original[..tiff + GPS_START], "IFD0 is kept, Orientation too");
    assert!(published[tiff + GPS_START..tiff + MAKE_AT].iter().all(|&b| b == 0));
    let text = String::from_utf8_lossy(published);
    assert!(!text.contains("GPSLatitude") && !text.contains("GPSLongitude"));
    assert!(text.contains("Field team"), "the rest of the XMP is kept");
    let xmp = text.find("<x:xmpmeta").unwrap()..text.find("</x:xmpmeta>").unwrap();
    let mut changed = (0..original.len()).filter(|&i| original[i] != published[i]);
    if original.starts_with(b"\x89PNG") {
        // The chunks changed end in a new CRC; the picture's are as they were.
        let pixels = original.windows(4).position(|w| w == b"IDAT").unwrap() - 4;
        assert_eq!(published[pixels..], original[pixels..]);
    } else {
        let gps = tiff + GPS_START..tiff + MAKE_AT;
        assert!(changed.all(|i| gps.contains(&i) || xmp.contains(&i)), "nothing else changes");
    }
}

#[test]
fn the_public_site_publishes_photos_without_their_position() {
    let root = copy_site(&site(), "photos-public");
    let result = run(&root, &["build"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(result.stderr.contains("warning[image-location]"), "build warns as check does");
    for (name, original) in photos() {
        let published = built(&root.join("site"), name);
        if name == "street.jpg" {
            assert!(published == original, "a photo with no position is published byte for byte");
        } else {
            assert_published_without_position(&original, &published);
        }
    }
    let png = built(&root.join("site"), "market.png");
    let mut at = 8;
    while at + 12 <= png.len() {
        let length = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
        let crc = crc32fast::hash(&png[at + 4..at + 8 + length]);
        assert_eq!(png[at + 8 + length..at + 12 + length], crc.to_be_bytes(), "each chunk's CRC holds");
        at += 12 + length;
    }
    // Built again from the cache, the site is the same, bytes for bytes.
    let first = crate::html::snapshot(&root.join("site"));
    assert_eq!(run(&root, &["build"]).code, 0);
    assert!(crate::html::snapshot(&root.join("site")) == first, "a rebuild gives the same bytes");
}

#[test]
fn the_internal_site_publishes_photos_as_they_are() {
    let root = copy_site(&site(), "photos-internal");
    let result = run(&root, &["build", "--include-confidential"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    for (name, original) in photos() {
        assert!(built(&root.join("site-internal"), name) == original, "{name} is as it is");
    }
}

/// What exiftool (the program at `program`) reads of `path`, as JSON.
fn exiftool(program: &Path, path: &Path) -> serde_json::Value {
    let output = std::process::Command::new(program).args(["-j", "-n", "-a", "-G1"]).arg(path).output().unwrap();
    assert!(
        output.status.success(),
        "exiftool failed on {}: {}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    json[0].clone()
}

#[test]
fn exiftool_reads_the_position_in_the_fixture_and_none_in_the_public_copy() {
    let Some(program) = crate::tools::find(crate::tools::FieldTool::Exiftool) else { return };
    let root = copy_site(&site(), "photos-exiftool");
    assert_eq!(run(&root, &["build"]).code, 0);
    for name in ["house.jpg", "market.png"] {
        let original = exiftool(&program, &root.join("content").join(name));
        let gps = |tags: &serde_json::Value| {
            tags.as_object()
                .unwrap()
                .keys()
                .filter(|k| k.to_ascii_lowercase().contains("gps"))
                .cloned()
                .collect::<Vec<_>>()
        };
        assert!((original["GPS:GPSLatitude"].as_f64().unwrap() - LATITUDE).abs() < 1e-4, "{original}");
        // EXIF's longitude has no sign: its reference says west.
        assert!((original["GPS:GPSLongitude"].as_f64().unwrap() - LONGITUDE.abs()).abs() < 1e-4, "{original}");
        assert_eq!(original["GPS:GPSLongitudeRef"], "W", "{original}");
        assert!(gps(&original).iter().any(|k| k.starts_with("XMP-exif:")), "{original}");
        let published = exiftool(&program, &root.join("site").join(name));
        let left: Vec<String> = gps(&published).into_iter().filter(|k| k != "GPS:GPSVersionID").collect();
        assert!(left.is_empty(), "{name}: exiftool still reads {left:?} in {published}");
        assert_eq!(published["IFD0:Orientation"], 6, "{name}: {published}");
        assert_eq!(published["IFD0:Make"], "Fieldbk", "{name}: {published}");
        assert!(published.get("ExifTool:Warning").is_none(), "{name}: {published}");
    }
}

#[test]
fn serve_serves_photos_as_the_public_build_publishes_them() {
    let server = crate::serve::Server::start("photos-serve", &[]);
    // Once a page is served, the server watches the site's files.
    server.wait_for("/about.html", "<html");
    for (name, bytes) in photos() {
        std::fs::write(server.root.join("content").join(name), bytes).unwrap();
    }
    let started = std::time::Instant::now();
    let served = loop {
        let (status, body) = get_bytes(&server.address, "/house.jpg");
        if status == 200 {
            break body;
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(20), "house.jpg was never served: {status}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let [(_, house), _, (_, street)] = photos();
    assert_published_without_position(&house, &served);
    assert!(get_bytes(&server.address, "/street.jpg").1 == street, "a photo with no position as it is");
}

/// A GET of `target`: the status and the body's bytes.
fn get_bytes(address: &str, target: &str) -> (u16, Vec<u8>) {
    use std::io::Read;
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(std::time::Duration::from_secs(60))).unwrap();
    write!(stream, "GET {target} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response.windows(4).position(|w| w == b"\r\n\r\n").map_or(response.len(), |at| at + 4);
    let head = String::from_utf8_lossy(&response[..split]);
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    // Chunked or not, the body of a small file comes in one piece: `tiny_http` sends a length.
    (status, response[split..].to_vec())
}
