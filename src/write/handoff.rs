//! Writing a large file from a thread of its own. The exports are made on the thread that
//! drives the build, between the parallel batches that make their rows: while it wrote each
//! block into the system (or compared it with the previous build's file), both cores had
//! nothing to do. [`through_thread`] hands each block to a writing thread instead, and the
//! making goes on: at 10,000 profiles, about 270 MB of exports.

use std::io::{self, Write};
use std::sync::mpsc;

/// Bytes gathered before a block is handed over: the size of the file writer's own buffer,
/// so that each block is one system call.
const BLOCK: usize = 1 << 20;

/// Blocks made ahead of the writing thread at most: enough to ride out a slow write, few
/// enough that a slow disk holds back the making rather than filling memory.
const BLOCKS_AHEAD: usize = 4;

/// Run `make` with a writer whose bytes reach `file`, in order, written by another thread.
/// The first failure is returned: the file's own (a full disk) before the one it causes in
/// `make` (the writing thread gone). Everything given is in `file` when this returns `Ok`.
pub(super) fn through_thread<W: Write + Send>(
    file: &mut W,
    make: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    std::thread::scope(|scope| {
        let (blocks, received) = mpsc::sync_channel::<Vec<u8>>(BLOCKS_AHEAD);
        // Written blocks come back to be filled again: a fresh megabyte each time would be
        // memory the system zeroes first.
        let (emptied, spare) = mpsc::channel::<Vec<u8>>();
        let writer = scope.spawn(move || -> io::Result<()> {
            for mut block in received {
                file.write_all(&block)?;
                block.clear();
                // The maker may have finished and gone: nothing to give back to then.
                let _ = emptied.send(block);
            }
            Ok(())
        });
        let mut handoff = Handoff { blocks, block: Vec::with_capacity(BLOCK), spare };
        let made = make(&mut handoff).and_then(|()| handoff.hand_over());
        // Dropping the sender ends the writing thread's loop once it has written everything.
        drop(handoff);
        // A panic there is a bug in Fieldbook: it goes on as one (and is said as one), as a
        // panic while making the rows does, not as a failure of the disk.
        let written = writer.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        written.and(made)
    })
}

/// The writer `make` is given: it gathers bytes into blocks and sends each full one.
struct Handoff {
    blocks: mpsc::SyncSender<Vec<u8>>,
    block: Vec<u8>,
    spare: mpsc::Receiver<Vec<u8>>,
}

impl Handoff {
    /// Send the block gathered so far, if any, and start another.
    fn hand_over(&mut self) -> io::Result<()> {
        if self.block.is_empty() {
            return Ok(());
        }
        let next = self.spare.try_recv().unwrap_or_else(|_| Vec::with_capacity(BLOCK));
        let full = std::mem::replace(&mut self.block, next);
        // Fails only once the writing thread has stopped on an error, which `through_thread`
        // returns; every send after that fails too.
        self.blocks.send(full).map_err(|_| io::Error::other("the file's writing stopped"))
    }
}

impl Write for Handoff {
    /// Takes all of `bytes`, a block at a time: no block grows past [`BLOCK`], so a large
    /// write (the spreadsheet's shared strings, deflated whole) is not held again whole.
    fn write(&mut self, mut bytes: &[u8]) -> io::Result<usize> {
        let given = bytes.len();
        while !bytes.is_empty() {
            let taken = bytes.len().min(BLOCK - self.block.len());
            self.block.extend_from_slice(&bytes[..taken]);
            bytes = &bytes[taken..];
            if self.block.len() >= BLOCK {
                self.hand_over()?;
            }
        }
        Ok(given)
    }

    /// Hands the bytes so far over; they are written by the time [`through_thread`] returns.
    fn flush(&mut self) -> io::Result<()> {
        self.hand_over()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file that keeps what it is given and the largest single write.
    #[derive(Default)]
    struct Kept {
        bytes: Vec<u8>,
        largest: usize,
    }

    impl Write for Kept {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.largest = self.largest.max(bytes.len());
            self.bytes.extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn every_byte_arrives_in_order_across_blocks_none_larger_than_a_block() {
        let mut file = Kept::default();
        through_thread(&mut file, &mut |w| {
            for n in 0..300_000u32 {
                w.write_all(&n.to_le_bytes())?;
            }
            // One write larger than a block, then a flush in the middle.
            w.write_all(&vec![7u8; 3 * BLOCK + 5])?;
            w.flush()?;
            w.write_all(b"end")
        })
        .unwrap();
        let mut expected = Vec::new();
        for n in 0..300_000u32 {
            expected.extend_from_slice(&n.to_le_bytes());
        }
        expected.extend(vec![7u8; 3 * BLOCK + 5]);
        expected.extend_from_slice(b"end");
        assert_eq!(file.bytes, expected);
        // The write of three blocks and more went in pieces.
        assert_eq!(file.largest, BLOCK);
    }

    /// A file that takes `room` bytes, then fails as a full disk does.
    struct Full {
        room: usize,
        taken: usize,
    }

    impl Write for Full {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            if self.taken + bytes.len() > self.room {
                return Err(io::Error::new(io::ErrorKind::StorageFull, "no space left"));
            }
            self.taken += bytes.len();
            Ok(bytes.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn the_files_own_failure_is_returned_and_the_making_stops() {
        let mut file = Full { room: 2 * BLOCK, taken: 0 };
        let mut given = 0usize;
        let error = through_thread(&mut file, &mut |w| {
            for _ in 0..1000 {
                w.write_all(&[1u8; 64 * 1024])?;
                given += 1;
            }
            Ok(())
        })
        .unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::StorageFull);
        // The making stopped soon after the file failed: not all 1,000 pieces (64 MB) were made.
        assert!(given < 1000, "{given}");
    }

    /// A file whose writing panics, as a bug in the comparison with the previous build would.
    struct Panics;

    impl Write for Panics {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            panic!("a bug in writing");
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_panic_in_the_writing_thread_goes_on_as_a_panic() {
        let panic = std::panic::catch_unwind(|| {
            let _ = through_thread(&mut Panics, &mut |w| w.write_all(&vec![1u8; 2 * BLOCK]));
        })
        .unwrap_err();
        assert_eq!(panic.downcast_ref::<&str>(), Some(&"a bug in writing"));
    }

    #[test]
    fn the_makers_failure_is_returned_when_the_file_is_fine() {
        let mut file = Vec::new();
        let error = through_thread(&mut file, &mut |w| {
            w.write_all(b"partial")?;
            Err(io::Error::other("a profile export failed"))
        })
        .unwrap_err();
        assert_eq!(error.to_string(), "a profile export failed");
    }
}
