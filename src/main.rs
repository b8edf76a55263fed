//! The `fieldbook` command. Everything happens in the library; this only parses the arguments
//! and turns the result into an exit code (see `cli` for the codes).

mod cli;

// Rendering allocates many small strings on every thread; mimalloc's per-thread heaps avoid the
// lock contention of the system allocator (measured: see README, Performance).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` of mimalloc.h (the 16th option, in both v2 and v3), which the Rust
/// bindings do not name.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> std::process::ExitCode {
    // Keep freed memory for a second before giving it back to the system: a build frees and
    // allocates hundreds of megabytes in bursts, and memory handed back must be zeroed again
    // when it returns (measured at a fifth of `check`'s time with the default of 10 ms).
    // SAFETY: setting an option is thread-safe and takes plain values.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 1000) };
    // A panic is a bug in Fieldbook, never the user's fault: say so plainly. The build's
    // staging folder is removed as the panic unwinds, so the previous site stays as it was.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("error: Fieldbook hit a bug and stopped: {info}");
        eprintln!(
            "note: nothing was replaced; the previous site is as it was. Please report this, with the command you ran."
        );
    }));
    // `--help` speaks the site's language (see `cli::help`).
    let cli = cli::parse();
    std::process::ExitCode::from(cli::run(cli))
}
