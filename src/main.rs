//! The `fieldbook` command. Everything happens in the library; this only parses the arguments
//! and turns the result into an exit code (see `cli` for the codes).

mod cli;

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = cli::Cli::parse();
    std::process::ExitCode::from(cli::run(cli))
}
