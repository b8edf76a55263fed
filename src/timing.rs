//! Where the time goes: with `--verbose` (or `FIELDBOOK_TIMINGS=1` in the environment), each
//! stage prints how long it took to stderr, in wall time and in CPU time of the whole process
//! (a stage whose CPU time is not about twice its wall time on two cores leaves a core idle),
//! and what it counted (files read, documents, pages, files written). Costs nothing otherwise.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Turned on by `--verbose`.
static VERBOSE: AtomicBool = AtomicBool::new(false);

/// Print each stage's time and counts from now on (`--verbose`).
pub fn enable() {
    VERBOSE.store(true, Ordering::Relaxed);
}

fn enabled() -> bool {
    static FROM_ENV: OnceLock<bool> = OnceLock::new();
    VERBOSE.load(Ordering::Relaxed) || *FROM_ENV.get_or_init(|| std::env::var_os("FIELDBOOK_TIMINGS").is_some())
}

/// Print what a stage counted (`count: documents  10,000`), if timings are on.
pub fn count(what: &str, n: usize) {
    if enabled() {
        eprintln!("count:  {what:<10} {:>8}", crate::text::group_thousands(n as u64));
    }
}

/// CPU time used by the process so far, user and system, on every thread, and its peak
/// memory so far in MiB (resident set).
fn usage() -> (Duration, u64) {
    #[cfg(target_os = "linux")]
    {
        let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
        // SAFETY: getrusage fills the struct it is given; RUSAGE_SELF is always valid.
        if unsafe { libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) } == 0 {
            // SAFETY: initialised by the successful call above.
            let usage = unsafe { usage.assume_init() };
            let micros = |t: libc::timeval| t.tv_sec as u64 * 1_000_000 + t.tv_usec as u64;
            let cpu = Duration::from_micros(micros(usage.ru_utime) + micros(usage.ru_stime));
            return (cpu, usage.ru_maxrss.max(0) as u64 / 1024);
        }
    }
    (Duration::ZERO, 0)
}

fn cpu_time() -> Duration {
    usage().0
}

/// Memory resident now, in MiB (Linux: `VmRSS` of `/proc/self/status`, in kB), or `None`
/// where it cannot be read: beside the peak so far, it tells whether what a stage freed went
/// back to the system or is still held for the next stage.
fn resident_now() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find_map(|line| line.strip_prefix("VmRSS:"))?;
    let kb: u64 = line.trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kb / 1024)
}

/// A running stopwatch for one stage; prints when dropped, if timings are on.
pub struct Stage {
    name: &'static str,
    started: Instant,
    cpu_at_start: Duration,
}

/// Start timing the stage `name`.
pub fn stage(name: &'static str) -> Stage {
    let cpu_at_start = if enabled() { cpu_time() } else { Duration::ZERO };
    Stage { name, started: Instant::now(), cpu_at_start }
}

impl Drop for Stage {
    fn drop(&mut self) {
        if enabled() {
            let (cpu, peak) = usage();
            let now = resident_now().map(|now| format!(", now {now:>5} MiB")).unwrap_or_default();
            eprintln!(
                "timing: {:<10} {:>8.1} ms wall {:>8.1} ms CPU, peak so far {peak:>5} MiB{now}",
                self.name,
                self.started.elapsed().as_secs_f64() * 1000.0,
                cpu.saturating_sub(self.cpu_at_start).as_secs_f64() * 1000.0
            );
        }
    }
}
