//! The `fieldbook` command. Everything happens in the library; this only parses the arguments
//! and turns the result into an exit code (see `cli` for the codes).

mod cli;

// Rendering allocates many small strings on every thread; mimalloc's per-thread heaps avoid the
// lock contention of the system allocator (measured: see README, Performance).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;

fn main() -> std::process::ExitCode {
    // A panic is a bug in Fieldbook, never the user's fault: say so plainly. The build's
    // staging folder is removed as the panic unwinds, so the previous site stays as it was.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("error: Fieldbook hit a bug and stopped: {info}");
        eprintln!(
            "note: nothing was replaced; the previous site is as it was. Please report this, with the command you ran."
        );
    }));
    let cli = cli::Cli::parse();
    std::process::ExitCode::from(cli::run(cli))
}
