//! The `fieldbook` command. Everything happens in the library; this only parses the arguments
//! and turns the result into an exit code (see `cli` for the codes).

mod cli;

// Rendering allocates many small strings on every thread; mimalloc's per-thread heaps avoid the
// lock contention of the system allocator (measured: see README, Performance).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = cli::Cli::parse();
    std::process::ExitCode::from(cli::run(cli))
}
