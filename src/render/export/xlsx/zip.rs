//! The ZIP container of the spreadsheet, written by hand: each file's data is deflated in
//! chunks, each on its own and on any thread ([`Deflater::chunk`]), and the chunks are joined
//! in order into one deflate stream, as pigz does. [`StreamingArchive`] writes each file's local
//! header and data as they come (a file written as it is made gets its CRC and sizes after its
//! data, in a data descriptor), then the central directory and the end record, with a fixed
//! date and time so that the same files give the same bytes.
//!
//! A chunk is a raw deflate stream that starts from an empty window and ends with a sync
//! flush: its last block is not marked final and it stops on a byte boundary, so chunks laid
//! end to end decode as the concatenation of what they hold, and an empty final block closes
//! the stream. The CRC-32 of the whole is combined from the chunks'.
//!
//! ZIP64 is used where a size or offset does not fit the 32 bits of the classic headers, and
//! only there, so an ordinary spreadsheet is an ordinary ZIP file. A sheet of a large site can
//! pass 4 GiB of XML: its 1,048,576 rows at 4 KiB each, which long texts of evidence reach.

use std::io::{self, Write};

use crc32fast::Hasher;
use flate2::{Compress, Compression, FlushCompress};

/// The deflate level: the fastest. Deflating the sheets is much of the spreadsheet's cost,
/// and level 1 takes a fraction of the default's time for a file a little larger.
const LEVEL: u32 = 1;

/// An empty block with the final bit set (fixed Huffman codes, end-of-block code only): what
/// ends a stream made of sync-flushed chunks.
const FINAL_BLOCK: [u8; 2] = [0x03, 0x00];

/// Sizes and offsets from this value on need ZIP64: the classic fields are 32 bits, and their
/// largest value means "see the ZIP64 field".
const ZIP64_FROM: u64 = u32::MAX as u64;

/// 1980-01-01 00:00:00, the earliest MS-DOS date, for every file: the bytes of a spreadsheet
/// do not depend on when it was made.
const DOS_DATE: u16 = (1 << 5) | 1;
const DOS_TIME: u16 = 0;

/// Version 2.0 (deflate) is needed to read a classic entry, 4.5 one with ZIP64 fields.
const VERSION_DEFLATE: u16 = 20;
const VERSION_ZIP64: u16 = 45;
const DEFLATED: u16 = 8;

/// The general-purpose flag of a file whose sizes and CRC follow its data (bit 3).
const STREAMED: u16 = 1 << 3;

/// A piece of a file's data, deflated on its own.
pub(super) struct Chunk {
    bytes: Vec<u8>,
    crc: Hasher,
    size: u64,
}

/// A deflate compressor, kept from chunk to chunk by one thread: resetting one costs less than
/// making one.
pub(super) struct Deflater {
    compress: Compress,
    /// Where each chunk is deflated, large enough for the worst case; the chunk keeps a copy
    /// of its exact size.
    scratch: Vec<u8>,
}

impl Deflater {
    /// A compressor at the spreadsheet's level, writing raw deflate (no zlib header).
    pub(super) fn new() -> Deflater {
        Deflater { compress: Compress::new(Compression::new(LEVEL), false), scratch: Vec::new() }
    }

    /// `data` deflated as one chunk: from an empty window, ended with a sync flush.
    pub(super) fn chunk(&mut self, data: &[u8]) -> io::Result<Chunk> {
        // Each chunk starts afresh, so that it does not depend on what this thread deflated
        // before: the same rows give the same bytes whichever thread deflates them.
        self.compress.reset();
        self.scratch.clear();
        // Level 1's worst case is nine bits a byte, plus block headers and the flush.
        self.scratch.reserve(data.len() + data.len() / 8 + data.len() / 64 + 64);
        let mut rest = data;
        loop {
            let before = self.compress.total_in();
            self.compress.compress_vec(rest, &mut self.scratch, FlushCompress::Sync).map_err(io::Error::other)?;
            rest = &rest[(self.compress.total_in() - before) as usize..];
            // The flush is done once all the input is in and it had room to spare.
            if rest.is_empty() && self.scratch.len() < self.scratch.capacity() {
                break;
            }
            self.scratch.reserve(self.scratch.capacity().max(64));
        }
        let mut crc = Hasher::new();
        crc.update(data);
        Ok(Chunk { bytes: self.scratch.clone(), crc, size: data.len() as u64 })
    }

    /// `data` as a whole file of one chunk.
    pub(super) fn file(&mut self, data: &[u8]) -> io::Result<Deflated> {
        let mut file = Deflated::new();
        file.push(self.chunk(data)?);
        Ok(file)
    }
}

/// A file's data as deflated chunks, in order.
pub(super) struct Deflated {
    chunks: Vec<Vec<u8>>,
    crc: Hasher,
    size: u64,
    /// The chunks' bytes, without the final block.
    compressed: u64,
}

impl Deflated {
    /// A file with no data yet.
    pub(super) fn new() -> Deflated {
        Deflated { chunks: Vec::new(), crc: Hasher::new(), size: 0, compressed: 0 }
    }

    /// Add a chunk after those already in.
    pub(super) fn push(&mut self, chunk: Chunk) {
        self.crc.combine(&chunk.crc);
        self.size += chunk.size;
        self.compressed += chunk.bytes.len() as u64;
        self.chunks.push(chunk.bytes);
    }

    /// Add chunks after those already in.
    #[cfg(test)]
    pub(super) fn extend(&mut self, chunks: impl IntoIterator<Item = Chunk>) {
        for chunk in chunks {
            self.push(chunk);
        }
    }
}

/// A ZIP archive written as its files are made: a file is begun, its chunks written as they
/// come, and ended with a data descriptor giving its CRC and sizes (flag bit 3), so that no
/// file's data is ever held whole. The central directory, written by
/// [`StreamingArchive::finish`], gives every size.
pub(super) struct StreamingArchive<'w> {
    w: &'w mut dyn Write,
    /// Bytes written so far.
    offset: u64,
    central: Vec<u8>,
    files: u64,
    /// The file being written: its name, where its header starts, and its data so far.
    open: Option<(String, u64, Deflated)>,
    zip64_from: u64,
}

impl<'w> StreamingArchive<'w> {
    /// An archive written to `w`.
    pub(super) fn new(w: &'w mut dyn Write) -> StreamingArchive<'w> {
        StreamingArchive { w, offset: 0, central: Vec::new(), files: 0, open: None, zip64_from: ZIP64_FROM }
    }

    fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.w.write_all(bytes)?;
        self.offset += bytes.len() as u64;
        Ok(())
    }

    /// Begin the file `name`: its local header, without sizes or CRC.
    pub(super) fn begin(&mut self, name: &str) -> io::Result<()> {
        self.end()?;
        let mut h = Vec::with_capacity(30 + name.len());
        put32(&mut h, 0x0403_4b50);
        put16(&mut h, VERSION_DEFLATE);
        put16(&mut h, STREAMED);
        put16(&mut h, DEFLATED);
        put16(&mut h, DOS_TIME);
        put16(&mut h, DOS_DATE);
        put32(&mut h, 0);
        put32(&mut h, 0);
        put32(&mut h, 0);
        put16(&mut h, name.len() as u16);
        put16(&mut h, 0);
        h.extend_from_slice(name.as_bytes());
        self.open = Some((name.to_string(), self.offset, Deflated::new()));
        self.write(&h)
    }

    /// Write a chunk of the file begun last.
    pub(super) fn chunk(&mut self, chunk: Chunk) -> io::Result<()> {
        self.w.write_all(&chunk.bytes)?;
        self.offset += chunk.bytes.len() as u64;
        if let Some((_, _, file)) = &mut self.open {
            // Only the CRC and sizes are kept, not the bytes.
            file.crc.combine(&chunk.crc);
            file.size += chunk.size;
            file.compressed += chunk.bytes.len() as u64;
        }
        Ok(())
    }

    /// End the file begun last, if any: the final block, then its data descriptor (with
    /// 8-byte sizes where they need ZIP64, as its central header then says).
    pub(super) fn end(&mut self) -> io::Result<()> {
        let Some((name, offset, file)) = self.open.take() else { return Ok(()) };
        self.write(&FINAL_BLOCK)?;
        let entry = Entry {
            name: &name,
            streamed: true,
            crc: file.crc.finalize(),
            size: file.size,
            compressed: file.compressed + FINAL_BLOCK.len() as u64,
            offset,
        };
        let mut d = Vec::with_capacity(24);
        put32(&mut d, 0x0807_4b50);
        put32(&mut d, entry.crc);
        if entry.zip64_sizes(self.zip64_from) {
            put64(&mut d, entry.compressed);
            put64(&mut d, entry.size);
        } else {
            put32(&mut d, entry.compressed as u32);
            put32(&mut d, entry.size as u32);
        }
        self.write(&d)?;
        entry.central_header(&mut self.central, self.zip64_from);
        self.files += 1;
        Ok(())
    }

    /// Add a whole file, deflated already.
    pub(super) fn file(&mut self, name: &str, file: Deflated) -> io::Result<()> {
        self.end()?;
        let entry = Entry {
            name,
            streamed: false,
            crc: file.crc.clone().finalize(),
            size: file.size,
            compressed: file.compressed + FINAL_BLOCK.len() as u64,
            offset: self.offset,
        };
        let header = entry.local_header(self.zip64_from);
        self.write(&header)?;
        for chunk in &file.chunks {
            self.w.write_all(chunk)?;
        }
        self.offset += file.compressed;
        self.write(&FINAL_BLOCK)?;
        entry.central_header(&mut self.central, self.zip64_from);
        self.files += 1;
        Ok(())
    }

    /// End the last file, and write the central directory and the end record.
    pub(super) fn finish(mut self) -> io::Result<()> {
        self.end()?;
        let (size, offset) = (self.central.len() as u64, self.offset);
        let central = std::mem::take(&mut self.central);
        self.w.write_all(&central)?;
        self.w.write_all(&end_records(self.files, size, offset, self.zip64_from))
    }
}

/// What the headers say of a file.
struct Entry<'a> {
    name: &'a str,
    /// Written as it was made: its local header has no sizes or CRC, which follow the data
    /// in a data descriptor (flag bit 3).
    streamed: bool,
    crc: u32,
    size: u64,
    compressed: u64,
    /// Where its local header starts.
    offset: u64,
}

impl Entry<'_> {
    /// Whether the sizes need ZIP64 fields: then both are given there, as the local header
    /// must.
    fn zip64_sizes(&self, zip64_from: u64) -> bool {
        self.size >= zip64_from || self.compressed >= zip64_from
    }

    fn local_header(&self, zip64_from: u64) -> Vec<u8> {
        let zip64 = self.zip64_sizes(zip64_from);
        let mut h = Vec::with_capacity(30 + self.name.len() + 20);
        put32(&mut h, 0x0403_4b50);
        put16(&mut h, if zip64 { VERSION_ZIP64 } else { VERSION_DEFLATE });
        put16(&mut h, 0); // flags: sizes and CRC are in the header, the name is ASCII
        put16(&mut h, DEFLATED);
        put16(&mut h, DOS_TIME);
        put16(&mut h, DOS_DATE);
        put32(&mut h, self.crc);
        let (size, compressed) = if zip64 { (u32::MAX, u32::MAX) } else { (self.size as u32, self.compressed as u32) };
        put32(&mut h, compressed);
        put32(&mut h, size);
        put16(&mut h, self.name.len() as u16);
        put16(&mut h, if zip64 { 20 } else { 0 });
        h.extend_from_slice(self.name.as_bytes());
        if zip64 {
            put16(&mut h, 0x0001);
            put16(&mut h, 16);
            put64(&mut h, self.size);
            put64(&mut h, self.compressed);
        }
        h
    }

    fn central_header(&self, out: &mut Vec<u8>, zip64_from: u64) {
        let zip64_sizes = self.zip64_sizes(zip64_from);
        let zip64_offset = self.offset >= zip64_from;
        // The ZIP64 field holds, in this order, only the values whose classic field is full.
        let mut extra = Vec::new();
        if zip64_sizes {
            put64(&mut extra, self.size);
            put64(&mut extra, self.compressed);
        }
        if zip64_offset {
            put64(&mut extra, self.offset);
        }
        let version = if extra.is_empty() { VERSION_DEFLATE } else { VERSION_ZIP64 };
        put32(out, 0x0201_4b50);
        put16(out, version); // made by: MS-DOS attributes, this version
        put16(out, version); // needed to extract
        put16(out, if self.streamed { STREAMED } else { 0 });
        put16(out, DEFLATED);
        put16(out, DOS_TIME);
        put16(out, DOS_DATE);
        put32(out, self.crc);
        let (size, compressed) =
            if zip64_sizes { (u32::MAX, u32::MAX) } else { (self.size as u32, self.compressed as u32) };
        put32(out, compressed);
        put32(out, size);
        put16(out, self.name.len() as u16);
        put16(out, if extra.is_empty() { 0 } else { extra.len() as u16 + 4 });
        put16(out, 0); // comment
        put16(out, 0); // disk
        put16(out, 0); // internal attributes
        put32(out, 0); // external attributes
        put32(out, if zip64_offset { u32::MAX } else { self.offset as u32 });
        out.extend_from_slice(self.name.as_bytes());
        if !extra.is_empty() {
            put16(out, 0x0001);
            put16(out, extra.len() as u16);
            out.extend_from_slice(&extra);
        }
    }
}

/// The end of the archive: the ZIP64 end record and its locator when the count, size or
/// offset of the central directory does not fit the classic record, then the classic record
/// (with its full fields pointing to the ZIP64 one).
fn end_records(files: u64, size: u64, offset: u64, zip64_from: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(98);
    let zip64 = files >= u64::from(u16::MAX) || size >= zip64_from || offset >= zip64_from;
    if zip64 {
        let record = offset + size;
        put32(&mut out, 0x0606_4b50);
        put64(&mut out, 44); // the size of the rest of this record
        put16(&mut out, VERSION_ZIP64);
        put16(&mut out, VERSION_ZIP64);
        put32(&mut out, 0); // this disk
        put32(&mut out, 0); // the disk of the central directory
        put64(&mut out, files);
        put64(&mut out, files);
        put64(&mut out, size);
        put64(&mut out, offset);
        put32(&mut out, 0x0706_4b50);
        put32(&mut out, 0); // the disk of the ZIP64 end record
        put64(&mut out, record);
        put32(&mut out, 1); // disks
    }
    let count = if zip64 { u16::MAX } else { files as u16 };
    put32(&mut out, 0x0605_4b50);
    put16(&mut out, 0);
    put16(&mut out, 0);
    put16(&mut out, count);
    put16(&mut out, count);
    put32(&mut out, if zip64 { u32::MAX } else { size as u32 });
    put32(&mut out, if zip64 { u32::MAX } else { offset as u32 });
    put16(&mut out, 0); // comment
    out
}

fn put16(out: &mut Vec<u8>, n: u16) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn put64(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(&n.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read};

    use super::*;

    /// Text that compresses somewhat, different in each piece.
    fn sample(seed: usize, len: usize) -> Vec<u8> {
        let text = b"<row r=\"1\"><c>abcdefgh</c></row>";
        (0..len).map(|i| text[(i * 7 + seed + i / 97) % text.len()]).collect()
    }

    fn deflated(pieces: &[Vec<u8>]) -> Deflated {
        let mut deflater = Deflater::new();
        let mut file = Deflated::new();
        file.extend(pieces.iter().map(|p| deflater.chunk(p).unwrap()));
        file
    }

    fn unzip(bytes: Vec<u8>) -> Vec<(String, u32, Vec<u8>)> {
        let mut archive = ::zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        (0..archive.len())
            .map(|i| {
                let mut file = archive.by_index(i).unwrap();
                let mut data = Vec::new();
                // Reading to the end checks the CRC.
                file.read_to_end(&mut data).unwrap();
                assert_eq!(file.size(), data.len() as u64);
                (file.name().unwrap().to_string(), file.crc32(), data)
            })
            .collect()
    }

    #[test]
    fn a_streamed_archive_unzips_with_its_names_crcs_and_contents() {
        let mut deflater = Deflater::new();
        let pieces = [sample(1, 70_000), sample(2, 5), sample(3, 200_000)];
        let mut bytes = Vec::new();
        let mut archive = StreamingArchive::new(&mut bytes);
        archive.file("first.xml", deflater.file(b"<a/>").unwrap()).unwrap();
        archive.begin("streamed.xml").unwrap();
        for piece in &pieces {
            archive.chunk(deflater.chunk(piece).unwrap()).unwrap();
        }
        archive.begin("empty.xml").unwrap();
        archive.file("last.xml", deflater.file(b"<z/>").unwrap()).unwrap();
        archive.finish().unwrap();
        let files = unzip(bytes);
        let names: Vec<&str> = files.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(names, ["first.xml", "streamed.xml", "empty.xml", "last.xml"]);
        assert_eq!(files[1].2, pieces.concat());
        assert_eq!(files[1].1, crc32fast::hash(&pieces.concat()));
        assert!(files[2].2.is_empty());
        assert_eq!(files[3].2, b"<z/>");
    }

    #[test]
    fn chunks_deflated_apart_make_one_stream() {
        let pieces = [sample(1, 100_000), Vec::new(), sample(2, 7), sample(3, 300_000)];
        let file = deflated(&pieces);
        let mut stream: Vec<u8> = file.chunks.concat();
        stream.extend_from_slice(&FINAL_BLOCK);
        let mut inflated = Vec::new();
        flate2::read::DeflateDecoder::new(&stream[..]).read_to_end(&mut inflated).unwrap();
        assert_eq!(inflated, pieces.concat());
        assert_eq!(file.size, inflated.len() as u64);
        assert_eq!(file.crc.clone().finalize(), crc32fast::hash(&inflated));
        // The same data gives the same bytes, whatever the deflater did before.
        let mut used = Deflater::new();
        used.chunk(&sample(9, 50_000)).unwrap();
        assert_eq!(used.chunk(&pieces[0]).unwrap().bytes, Deflater::new().chunk(&pieces[0]).unwrap().bytes);
    }

    #[test]
    fn an_archive_unzips_with_its_names_crcs_and_contents() {
        let pieces = [sample(4, 70_000), sample(5, 1), sample(6, 200_000)];
        let write = || {
            let mut bytes = Vec::new();
            let mut archive = StreamingArchive::new(&mut bytes);
            archive.file("[Content_Types].xml", Deflater::new().file(b"<Types/>").unwrap()).unwrap();
            archive.file("xl/worksheets/sheet1.xml", deflated(&pieces)).unwrap();
            archive.file("empty.xml", Deflated::new()).unwrap();
            archive.finish().unwrap();
            bytes
        };
        let bytes = write();
        let files = unzip(bytes.clone());
        let names: Vec<&str> = files.iter().map(|(name, _, _)| name.as_str()).collect();
        assert_eq!(names, ["[Content_Types].xml", "xl/worksheets/sheet1.xml", "empty.xml"]);
        assert_eq!(files[0].2, b"<Types/>");
        assert_eq!(files[1].2, pieces.concat());
        assert_eq!(files[1].1, crc32fast::hash(&pieces.concat()));
        assert_eq!(files[2].2, b"");
        // An ordinary archive: no ZIP64 record, the fixed date, and the same bytes again.
        assert!(!bytes.windows(4).any(|w| w == 0x0606_4b50u32.to_le_bytes()));
        assert_eq!(bytes[10..14], [0x00, 0x00, 0x21, 0x00]);
        assert!(write() == bytes);
    }

    #[test]
    fn zip64_fields_are_read_where_the_classic_ones_are_full() {
        // Every size and offset as if it were too large for 32 bits.
        let pieces = [sample(7, 90_000), sample(8, 10)];
        let mut bytes = Vec::new();
        let mut archive = StreamingArchive::new(&mut bytes);
        archive.zip64_from = 0;
        archive.file("a.xml", deflated(&pieces)).unwrap();
        archive.file("b.xml", Deflater::new().file(b"second").unwrap()).unwrap();
        // A file written as it is made: its data descriptor has 8-byte sizes.
        archive.begin("c.xml").unwrap();
        for piece in &pieces {
            archive.chunk(Deflater::new().chunk(piece).unwrap()).unwrap();
        }
        archive.finish().unwrap();
        assert!(bytes.windows(4).any(|w| w == 0x0606_4b50u32.to_le_bytes()), "a ZIP64 end record");
        let files = unzip(bytes);
        assert_eq!(files[0].0, "a.xml");
        assert_eq!(files[0].2, pieces.concat());
        assert_eq!(files[0].1, crc32fast::hash(&pieces.concat()));
        assert_eq!(files[1].2, b"second");
        assert_eq!(files[2].2, pieces.concat());
        assert_eq!(files[2].1, crc32fast::hash(&pieces.concat()));
    }

    /// A file of more than 4 GiB, made of one chunk repeated (a chunk is independent of what
    /// comes before it), read back with its size and CRC. Inflating 4 GiB takes about a minute
    /// in a debug build, so it runs when asked: `cargo test --lib zip64 -- --ignored`.
    #[test]
    #[ignore]
    fn a_file_over_4_gib_is_zipped_with_zip64() {
        let piece = sample(10, 1 << 20);
        let chunk = Deflater::new().chunk(&piece).unwrap();
        let count = 4097;
        let mut bytes = Vec::new();
        let mut archive = StreamingArchive::new(&mut bytes);
        archive.file("small.xml", Deflater::new().file(b"before").unwrap()).unwrap();
        archive.begin("big.xml").unwrap();
        for _ in 0..count {
            archive.chunk(Chunk { bytes: chunk.bytes.clone(), crc: chunk.crc.clone(), size: chunk.size }).unwrap();
        }
        archive.file("after.xml", Deflater::new().file(b"after").unwrap()).unwrap();
        archive.finish().unwrap();
        let mut zip = ::zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut big = zip.by_name("big.xml").unwrap();
        assert_eq!(big.size(), count as u64 * piece.len() as u64);
        let mut crc = Hasher::new();
        let mut buffer = vec![0; 1 << 20];
        let mut read = 0u64;
        loop {
            let n = big.read(&mut buffer).unwrap();
            if n == 0 {
                break;
            }
            crc.update(&buffer[..n]);
            read += n as u64;
        }
        assert_eq!(read, big.size());
        assert_eq!(big.crc32(), crc.finalize());
        drop(big);
        let mut after = String::new();
        zip.by_name("after.xml").unwrap().read_to_string(&mut after).unwrap();
        assert_eq!(after, "after");
    }
}
