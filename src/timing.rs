//! Where the time goes: with `FIELDBOOK_TIMINGS=1` in the environment, each stage prints how
//! long it took to stderr. Costs nothing otherwise.

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os("FIELDBOOK_TIMINGS").is_some())
}

/// A running stopwatch for one stage; prints when dropped, if timings are on.
pub struct Stage {
    name: &'static str,
    started: Instant,
}

/// Start timing the stage `name`.
pub fn stage(name: &'static str) -> Stage {
    Stage { name, started: Instant::now() }
}

impl Drop for Stage {
    fn drop(&mut self) {
        if enabled() {
            eprintln!("timing: {:<10} {:>8.1} ms", self.name, self.started.elapsed().as_secs_f64() * 1000.0);
        }
    }
}
