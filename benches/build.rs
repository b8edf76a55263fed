//! The build benchmark: `cargo bench --bench build -- [PROFILES] [--runs N] [--keep] [--languages fr,es]`.
//!
//! Generates a deterministic synthetic site (PROFILES community profiles of about 9 KB and one
//! case study per ten profiles, see `fieldbook::corpus`), runs `fieldbook check` and
//! `fieldbook build` once to warm up and then `--runs` times each (each build followed by a
//! `cp -r` of its output tree, the floor; `sync` before every timed run), and prints the
//! medians: wall time, CPU time, peak memory of the fieldbook process, output size, pages per
//! second, and the build's ratio to the copy. Builds are timed twice over: a **first build**
//! into a folder that does not exist yet (every CI run and fresh clone), and a **rebuild**
//! over the previous site with nothing changed (the build cache finds the site up to date),
//! and a **rebuild after one profile's text changed** (that page and the search index made
//! again, every other file taken from the previous build). With `--languages`, it then
//! copies the corpus with a translation of every page into each language, and times builds of
//! every page (`--fresh`) of the two sites in turns, printing the ratio to one language. With `--corpus-only`, it writes the corpus (in target/tmp) and stops,
//! for measuring one command by hand (at 100,000 profiles each output tree is about 7.5 GB: the
//! site, and per run a first build, a copy and a written copy, about 31 GB for one run). Each run also writes the output's files from memory into a new folder, the floor of
//! any program that writes what it made (`cp -r` copies inside the kernel). Nothing here is a test:
//! run it on a quiet machine and read the numbers.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

struct Sample {
    wall: f64,
    cpu: f64,
    peak_mib: f64,
}

/// Run a command and measure its wall time, CPU time and peak memory (Linux: wait4). Its
/// messages go to a log file: a pipe nobody reads while we wait would fill up and block it.
fn measure(command: &mut Command) -> Sample {
    let log_path = std::env::temp_dir().join(format!("fieldbook-bench-{}.log", std::process::id()));
    let log = std::fs::File::create(&log_path).expect("create the log");
    let started = Instant::now();
    let child = command.stdout(Stdio::null()).stderr(log).spawn().expect("start the command");
    let pid = child.id() as i32;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our own child, not yet waited for; status and usage are valid pointers.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed().as_secs_f64();
    assert_eq!(waited, pid, "wait4 failed");
    drop(child);
    if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
        let stderr = std::fs::read_to_string(&log_path).unwrap_or_default();
        panic!("{command:?} failed:\n{}", stderr.lines().rev().take(20).collect::<Vec<_>>().join("\n"));
    }
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Sample { wall, cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime), peak_mib: usage.ru_maxrss as f64 / 1024.0 }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    values[values.len() / 2]
}

fn tree_size(dir: &Path) -> (usize, u64) {
    let mut files = 0;
    let mut bytes = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read output").flatten() {
            let meta = entry.metadata().expect("metadata");
            if meta.is_dir() {
                stack.push(entry.path());
            } else {
                files += 1;
                bytes += meta.len();
            }
        }
    }
    (files, bytes)
}

fn main() {
    let mut profiles = 1000usize;
    let mut runs = 5usize;
    let mut keep = false;
    let mut corpus_only = false;
    let mut languages: Vec<String> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => runs = args.next().and_then(|r| r.parse().ok()).expect("--runs N"),
            "--keep" => keep = true,
            "--corpus-only" => corpus_only = true,
            "--write-from-memory" => {
                // The child process of `write_from_memory_in_a_child`.
                let tree = PathBuf::from(args.next().expect("--write-from-memory TREE INTO"));
                let into = PathBuf::from(args.next().expect("--write-from-memory TREE INTO"));
                println!("{}", write_from_memory(&tree, &into));
                return;
            }
            "--languages" => {
                let list = args.next().expect("--languages fr,es");
                languages = list.split(',').map(str::to_string).collect();
            }
            "--bench" => {}
            other => {
                if let Ok(n) = other.replace(['_', ','], "").parse() {
                    profiles = n;
                }
            }
        }
    }
    let case_studies = profiles / 10;
    let binary = env!("CARGO_BIN_EXE_fieldbook");
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("bench-{profiles}"));
    // A corpus kept from an earlier run is moved aside and deleted only after the timings
    // (see the copies below for why deleting just before them distorts them).
    let previous = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("bench-{profiles}-previous"));
    let _ = std::fs::remove_dir_all(&previous);
    let _ = std::fs::rename(&root, &previous);
    let started = Instant::now();
    let size = fieldbook::corpus::CorpusSize { profiles, case_studies };
    let input_bytes = fieldbook::corpus::write(&root, size).expect("write the corpus");
    println!(
        "corpus: {profiles} profiles + {case_studies} case studies, {:.1} MB of markdown (generated in {:.1} s) in {}",
        input_bytes as f64 / 1e6,
        started.elapsed().as_secs_f64(),
        root.display()
    );
    if corpus_only {
        return;
    }
    // `fieldbook COMMAND` run on the site at `site`.
    let fieldbook_on = |site: &Path, command: &str| {
        let mut c = Command::new(binary);
        c.arg("--root").arg(site).arg(command);
        c
    };
    let fieldbook = |command: &str| fieldbook_on(&root, command);

    // Warm up: the file cache, and the first build (which has no old site to swap).
    measure(&mut fieldbook("check"));
    measure(&mut fieldbook("build"));

    // Each timed run starts with the disk's write-back done (`sync`), so no run pays for the
    // previous one's writing; builds and copies alternate, so both see the same machine state.
    let settle = || {
        let _ = Command::new("sync").status();
    };
    let checks: Vec<Sample> = (0..runs)
        .map(|_| {
            settle();
            measure(&mut fieldbook("check"))
        })
        .collect();
    let site = root.join("site");
    let mut builds = Vec::new();
    let mut first_builds = Vec::new();
    let mut copies = Vec::new();
    let mut edits = Vec::new();
    let mut writes = Vec::new();
    let written_folder = |copy: &Path| copy.with_extension("written");
    let edited = root.join("content/communities").join(format!("{}.md", fieldbook::corpus::profile_id(profiles / 2)));
    // Every copy goes to a new folder, and the copies are removed only at the end. On ext4 a
    // copy made just after deleting a tree of this size took 2 to 10 times as long (perf: the
    // inode allocator skips inodes freed in the last minutes, `recently_deleted` and
    // `find_inode_bit`), which made the floor swing from 0.9 to 11 s.
    let copy_folders: Vec<PathBuf> = (0..runs).map(|n| root.join(format!("copy-of-site-{n}"))).collect();
    let first_folders: Vec<PathBuf> = (0..runs).map(|n| root.join(format!("first-build-{n}"))).collect();
    for (copy, first) in copy_folders.iter().zip(&first_folders) {
        settle();
        first_builds.push(measure(fieldbook("build").arg("--output-dir").arg(first)));
        settle();
        forget_cached(first);
        settle();
        builds.push(measure(&mut fieldbook("build")));
        // One profile's text changed, as an author's rebuild most often is: that page and the
        // search index are made again, every other file is taken from the previous build.
        let mut text = std::fs::read_to_string(&edited).expect("read the edited profile");
        text.push_str(&format!("\nA sentence added for run {}.\n", edits.len()));
        std::fs::write(&edited, text).expect("write the edited profile");
        settle();
        edits.push(measure(&mut fieldbook("build")));
        settle();
        copies.push(measure(Command::new("cp").arg("-r").arg(&site).arg(copy)));
        settle();
        forget_cached(copy);
        settle();
        writes.push(write_from_memory_in_a_child(&site, &written_folder(copy)));
        // The kept copies must not crowd the page cache: at 100,000 profiles three copies are
        // 16 GB, enough to push the site and the corpus out of memory, and the next build would
        // read them back from disk.
        settle();
        forget_cached(copy);
    }
    let (files, bytes) = tree_size(&site);
    for folder in copy_folders.iter().chain(&first_folders) {
        let _ = std::fs::remove_dir_all(folder);
        let _ = std::fs::remove_dir_all(written_folder(folder));
    }
    let _ = std::fs::remove_dir_all(&previous);

    let summary = |name: &str, samples: &[Sample]| {
        let wall = median(samples.iter().map(|s| s.wall).collect());
        let cpu = median(samples.iter().map(|s| s.cpu).collect());
        let peak = median(samples.iter().map(|s| s.peak_mib).collect());
        let each: Vec<String> = samples.iter().map(|s| format!("{:.2}", s.wall)).collect();
        println!(
            "{name:<6} median of {runs}: wall {wall:.3} s, CPU {cpu:.3} s, peak memory {peak:.0} MiB (each run: {} s)",
            each.join(", ")
        );
        (wall, cpu, peak)
    };
    let (check_wall, _, check_peak) = summary("check", &checks);
    let (first_wall, _, first_peak) = summary("first", &first_builds);
    let (build_wall, build_cpu, build_peak) = summary("build", &builds);
    let (edit_wall, _, _) = summary("edit", &edits);
    let (floor, _, _) = summary("cp -r", &copies);
    let written = median(writes.clone());
    println!(
        "write  median of {runs}: wall {written:.3} s (each run: {} s): the output's files written from memory, {} threads",
        writes.iter().map(|w| format!("{w:.2}")).collect::<Vec<_>>().join(", "),
        writer_threads()
    );
    // The copy's time swings with the state of the machine's page cache and disk (it was seen
    // to take from 0.9 to 3.4 s on the same tree), and noise only ever adds time: the fastest
    // copy is the truest floor, and the ratio to it the strictest.
    let fastest = copies.iter().map(|s| s.wall).fold(f64::INFINITY, f64::min);
    let pages = files; // every output file counts; pages are most of them
    println!(
        "output: {files} files, {:.1} MB; {:.0} files per second; build / cp -r = {:.2} (to the fastest copy, {fastest:.3} s: {:.2})",
        bytes as f64 / 1e6,
        pages as f64 / build_wall,
        build_wall / floor,
        build_wall / fastest
    );
    println!(
        "first build (into an empty folder) / cp -r = {:.2} (to the fastest copy: {:.2}); rebuild / cp -r = {:.2}; rebuild after one profile's text changed / cp -r = {:.2}; peak memory: first {first_peak:.0} MiB, rebuild {build_peak:.0} MiB",
        first_wall / floor,
        first_wall / fastest,
        build_wall / floor,
        edit_wall / floor
    );
    println!(
        "writing the output from memory / cp -r = {:.2}; first build / writing the output from memory = {:.2}",
        written / floor,
        first_wall / written
    );
    println!(
        "summary (profiles, check, first build, its CPU, its peak, check's peak, output, cp -r, ratio): | {profiles} | {check_wall:.2} s | {build_wall:.2} s | {build_cpu:.2} s | {build_peak:.0} MiB | {check_peak:.0} MiB | {:.0} MB, {files} files | {floor:.2} s | {:.2} |",
        bytes as f64 / 1e6,
        build_wall / floor
    );
    if !languages.is_empty() {
        // The same site in more languages: a copy of the corpus with a translation of every
        // profile and case study (title, summary and text). Both are built with `--fresh`,
        // every page made (a rebuild with nothing changed would make none, in any number of
        // languages), in turns: one language, then all, then one again. This machine drifts
        // over a minute (its disk and memory timings swing), and runs of one site after the
        // other made the ratio swing from 1.9 to 2.3 with no change on the path.
        let names: Vec<&str> = languages.iter().map(String::as_str).collect();
        let translated_root = root.with_file_name(format!("bench-{profiles}-languages"));
        let _ = std::fs::remove_dir_all(&translated_root);
        std::fs::create_dir_all(&translated_root).expect("create the translated corpus");
        let copied = Command::new("cp")
            .arg("-r")
            .arg(root.join("content"))
            .arg(root.join("fieldbook.toml"))
            .arg(&translated_root)
            .status()
            .expect("copy the corpus");
        assert!(copied.success(), "the corpus could not be copied");
        let added =
            fieldbook::corpus::write_translations(&translated_root, size, &names).expect("write the translations");
        println!("translations into {}: {:.1} MB of markdown more", names.join(", "), added as f64 / 1e6);
        let build_of = |site: &Path| {
            let mut c = fieldbook_on(site, "build");
            c.arg("--fresh");
            c
        };
        measure(&mut build_of(&translated_root));
        let (mut one, mut all) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            settle();
            one.push(measure(&mut build_of(&root)));
            settle();
            all.push(measure(&mut build_of(&translated_root)));
        }
        let (one_wall, one_cpu, _) = summary("one", &one);
        let (wall, cpu, _) = summary("langs", &all);
        // Each run's ratio to the one-language run just before it, whose machine state it shares.
        let paired = median(one.iter().zip(&all).map(|(o, a)| a.cpu / o.cpu).collect());
        println!(
            "{} languages / one language (every page made): wall {:.2}, CPU {:.2} (medians); CPU run by run, median {paired:.2}",
            names.len() + 1,
            wall / one_wall,
            cpu / one_cpu
        );
        if !keep {
            let _ = std::fs::remove_dir_all(&translated_root);
        }
    }
    if !keep {
        let _ = std::fs::remove_dir_all(&root);
    }
}

fn writer_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// [`write_from_memory`] in a process of its own, so that the memory it fills is not counted
/// in the peak memory of the processes started after it (a child starts as a copy of us).
fn write_from_memory_in_a_child(tree: &Path, into: &Path) -> f64 {
    let output = Command::new(std::env::current_exe().expect("the bench's own path"))
        .arg("--write-from-memory")
        .arg(tree)
        .arg(into)
        .output()
        .expect("start the writer");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).trim().parse().expect("the writer's seconds")
}

/// The floor of any program that makes its output in memory and writes it out, as a build
/// does: the files of `tree`, read into memory a batch at a time (not timed), created and
/// written into `into` by one thread per core (timed, with their folders). `cp -r` is not that
/// floor: it copies file to file inside the kernel (`copy_file_range`), never through a
/// program's memory. Returns the seconds spent writing.
fn write_from_memory(tree: &Path, into: &Path) -> f64 {
    const BATCH_BYTES: u64 = 512 << 20;
    let mut files: Vec<(PathBuf, u64)> = Vec::new();
    let mut folders: Vec<PathBuf> = Vec::new();
    for entry in walkdir::WalkDir::new(tree).min_depth(1).sort_by_file_name() {
        let entry = entry.expect("read output");
        let relative = entry.path().strip_prefix(tree).expect("inside the tree").to_path_buf();
        if entry.file_type().is_dir() {
            folders.push(relative);
        } else {
            files.push((relative, entry.metadata().expect("metadata").len()));
        }
    }
    let started = Instant::now();
    std::fs::create_dir(into).expect("create the folder");
    for folder in &folders {
        std::fs::create_dir(into.join(folder)).expect("create a folder");
    }
    let mut seconds = started.elapsed().as_secs_f64();
    let threads = writer_threads();
    let mut start = 0;
    while start < files.len() {
        let mut end = start;
        let mut bytes = 0;
        while end < files.len() && (end == start || bytes + files[end].1 <= BATCH_BYTES) {
            bytes += files[end].1;
            end += 1;
        }
        let batch: Vec<(&Path, Vec<u8>)> = files[start..end]
            .iter()
            .map(|(path, _)| (path.as_path(), std::fs::read(tree.join(path)).expect("read a file")))
            .collect();
        let started = Instant::now();
        std::thread::scope(|scope| {
            for t in 0..threads {
                let batch = &batch;
                scope.spawn(move || {
                    for (path, bytes) in batch.iter().skip(t).step_by(threads) {
                        use std::io::Write;
                        let mut file = std::fs::OpenOptions::new()
                            .write(true)
                            .create_new(true)
                            .open(into.join(path))
                            .expect("create a file");
                        file.write_all(bytes).expect("write a file");
                    }
                });
            }
        });
        seconds += started.elapsed().as_secs_f64();
        start = end;
    }
    seconds
}

/// Ask the kernel to drop the cached pages of every file under `tree` (written back already).
fn forget_cached(tree: &Path) {
    #[cfg(target_os = "linux")]
    for entry in walkdir::WalkDir::new(tree).into_iter().filter_map(Result::ok) {
        if entry.file_type().is_file()
            && let Ok(file) = std::fs::File::open(entry.path())
        {
            use std::os::fd::AsRawFd;
            // SAFETY: a valid open descriptor; the call only advises the kernel.
            unsafe { libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_DONTNEED) };
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = tree;
}
