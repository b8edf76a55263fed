//! The command line: arguments, and how each command's result is shown.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use fieldbook::date::Date;
use fieldbook::diagnostic::{Diagnostics, count};
use fieldbook::error::Error;
use fieldbook::link::Audience;
use fieldbook::{CheckOptions, config};

/// Exit code: everything fine, or warnings only.
pub(crate) const EXIT_OK: u8 = 0;
/// Exit code: the content has errors.
pub(crate) const EXIT_CONTENT_ERRORS: u8 = 1;
/// Exit code: bad usage, or a file or folder could not be read or written.
pub(crate) const EXIT_FAILURE: u8 = 2;
/// Exit code: interrupted (Ctrl-C), by the shell's convention 128 + SIGINT.
pub(crate) const EXIT_INTERRUPTED: u8 = 130;

/// Set by Ctrl-C (or a termination signal) while a build runs.
static CANCEL: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Fieldbook: community assessments, checked and published as a website that works offline.
#[derive(Debug, Parser)]
#[command(name = "fieldbook", version, about, long_about = None)]
pub(crate) struct Cli {
    /// The site folder (the one with fieldbook.toml). Default: the current folder or the
    /// nearest one above it with a fieldbook.toml.
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check every content file against the schema and report every problem.
    #[command(
        after_help = "Examples:\n  fieldbook check\n  fieldbook check --format json > problems.json\n  fieldbook --root ../other-site check\n\nExit codes: 0 no errors (warnings allowed), 1 errors in content, 2 usage or I/O failure."
    )]
    Check(CheckArgs),
    /// Check the site and, if it has no errors, build it into its output folder (site/ by
    /// default). The previous site is replaced only when the build succeeds.
    #[command(
        after_help = "Examples:\n  fieldbook build\n  fieldbook build --drafts\n  fieldbook build --include-confidential   # the team's internal site, into site-internal/\n\nOpen site/index.html in a browser: the site works straight from disk.\nExit codes: 0 built, 1 errors in content (nothing written), 2 usage or I/O failure,\n130 interrupted (Ctrl-C; the previous site is left as it was)."
    )]
    Build(BuildArgs),
    /// Print the schema in force (built-in, plus the site's schema.toml when run in a site).
    #[command(
        after_help = "Examples:\n  fieldbook schema --reference > reference.md   # every field, indicator and list, as markdown"
    )]
    Schema(SchemaArgs),
}

/// Options of `schema`.
#[derive(Debug, clap::Args)]
pub(crate) struct SchemaArgs {
    /// Print the field and schema reference as markdown.
    #[arg(long)]
    pub(crate) reference: bool,
}

/// Options of `build`.
#[derive(Debug, clap::Args)]
pub(crate) struct BuildArgs {
    /// Include pages with `status: draft`.
    #[arg(long)]
    pub(crate) drafts: bool,
    /// Build the internal site: confidential pages and sensitive data included, every page
    /// marked internal, written to the internal output folder (never over the public site).
    #[arg(long)]
    pub(crate) include_confidential: bool,
    /// How to print problems.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
}

/// Options of `check`.
#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    /// How to print problems.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// Output formats for problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Messages with source excerpts, for people.
    Human,
    /// One JSON document, for tools.
    Json,
}

/// Run the command; returns the exit code.
pub(crate) fn run(cli: Cli) -> u8 {
    let result = match cli.command {
        Command::Check(args) => check(cli.root, &args),
        Command::Build(args) => build(cli.root, &args),
        Command::Schema(args) => schema(cli.root, &args),
    };
    match result {
        Ok(code) => code,
        Err(Error::Interrupted) => {
            eprintln!("{}", Error::Interrupted);
            EXIT_INTERRUPTED
        }
        Err(err) => {
            eprintln!("error: {err}");
            if let Error::NoSite(_) = err {
                eprintln!("help: run this inside a site folder, or pass --root DIR");
            }
            EXIT_FAILURE
        }
    }
}

fn site_root(explicit: Option<PathBuf>) -> Result<PathBuf, Error> {
    let cwd = std::env::current_dir().map_err(|e| Error::io("read", ".", e))?;
    config::find_root(explicit.as_deref(), &cwd).ok_or_else(|| Error::NoSite(explicit.unwrap_or(cwd)))
}

fn check(root: Option<PathBuf>, args: &CheckArgs) -> Result<u8, Error> {
    let root = site_root(root)?;
    let checked = fieldbook::check(&CheckOptions { root, audience: Audience::PUBLIC, today: Date::today() })?;
    report_problems(&checked.diagnostics, checked.files, args.format);
    Ok(if checked.diagnostics.is_ok() { EXIT_OK } else { EXIT_CONTENT_ERRORS })
}

fn build(root: Option<PathBuf>, args: &BuildArgs) -> Result<u8, Error> {
    let root = site_root(root)?;
    let started = std::time::Instant::now();
    let progress = std::sync::Arc::new(fieldbook::Progress::default());
    let options = fieldbook::BuildOptions {
        root,
        drafts: args.drafts,
        internal: args.include_confidential,
        today: Date::today(),
        cancel: Some(&CANCEL),
        progress: Some(progress.clone()),
    };
    // First Ctrl-C: stop at the next file and leave the previous site. Second: stop now (a
    // staging folder may stay behind; the next build removes it).
    let _ = ctrlc::set_handler(|| {
        if CANCEL.swap(true, std::sync::atomic::Ordering::SeqCst) {
            std::process::exit(i32::from(EXIT_INTERRUPTED));
        }
    });
    let finished = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let display = show_progress(progress, finished.clone());
    let result = fieldbook::build(&options);
    finished.store(true, std::sync::atomic::Ordering::Relaxed);
    if let Some(display) = display {
        let _ = display.join();
    }
    let (checked, report) = result?;
    report_problems(&checked.diagnostics, checked.files, args.format);
    match report {
        Some(report) => {
            eprintln!(
                "built {} ({}, {:.1} MB) into {} in {:.2} s",
                count(report.pages, "page", "pages"),
                count(report.files, "file", "files"),
                report.bytes as f64 / 1_000_000.0,
                report.output.display(),
                started.elapsed().as_secs_f64()
            );
            Ok(EXIT_OK)
        }
        None => {
            eprintln!("nothing was written: fix the errors above, then build again");
            Ok(EXIT_CONTENT_ERRORS)
        }
    }
}

fn schema(root: Option<PathBuf>, args: &SchemaArgs) -> Result<u8, Error> {
    // Outside a site, the built-in schema.
    let root = site_root(root).ok();
    let (schema, diagnostics) = match &root {
        Some(root) => fieldbook::schema_in_force(root)?,
        None => fieldbook::schema::load(None),
    };
    if !diagnostics.is_ok() {
        report_problems(&diagnostics, 0, Format::Human);
        return Ok(EXIT_CONTENT_ERRORS);
    }
    if args.reference {
        print!("{}", fieldbook::reference::markdown(&schema));
        Ok(EXIT_OK)
    } else {
        eprintln!("error: say what to print: --reference");
        Ok(EXIT_FAILURE)
    }
}

/// On a terminal, show "writing 4,512 of 13,472 files" while a build runs for more than a
/// moment; elsewhere (CI logs, pipes), nothing.
fn show_progress(
    progress: std::sync::Arc<fieldbook::Progress>,
    finished: std::sync::Arc<std::sync::atomic::AtomicBool>,
) -> Option<std::thread::JoinHandle<()>> {
    use std::io::{IsTerminal, Write};
    use std::sync::atomic::Ordering::Relaxed;
    if !std::io::stderr().is_terminal() {
        return None;
    }
    Some(std::thread::spawn(move || {
        let started = std::time::Instant::now();
        let mut shown = false;
        while !finished.load(Relaxed) {
            std::thread::sleep(std::time::Duration::from_millis(150));
            let total = progress.total.load(Relaxed);
            if total > 0 && started.elapsed().as_millis() > 600 {
                // Search shards are not counted in advance: never show more than the total.
                eprint!("\rwriting {} of {total} files", progress.done.load(Relaxed).min(total));
                let _ = std::io::stderr().flush();
                shown = true;
            }
        }
        if shown {
            eprint!("\r{}\r", " ".repeat(40));
        }
    }))
}

/// Print problems and the summary line.
fn report_problems(diagnostics: &Diagnostics, files: usize, format: Format) {
    let summary = format!(
        "checked {}: {}, {}",
        count(files, "file", "files"),
        count(diagnostics.error_count(), "error", "errors"),
        count(diagnostics.warning_count(), "warning", "warnings")
    );
    match format {
        Format::Human => {
            for d in diagnostics.iter() {
                eprintln!("{}", d.render());
            }
            eprintln!("{summary}");
        }
        Format::Json => {
            let doc = serde_json::json!({
                "diagnostics": diagnostics,
                "summary": {
                    "files": files,
                    "errors": diagnostics.error_count(),
                    "warnings": diagnostics.warning_count(),
                },
            });
            println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
