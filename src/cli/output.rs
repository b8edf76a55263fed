//! What the commands print: problems (in each format, coloured on a terminal), progress,
//! the browser `serve --open` starts, and `explain`.

use super::*;
use fieldbook::messages::{Message, Messages};

/// Print `line` and a line break on standard output (the `out!` macro); see [`write_out`].
pub(crate) fn print_out(line: std::fmt::Arguments<'_>) {
    write_out(&format!("{line}\n"));
}

/// Write `text` on standard output. A reader that has gone (the pipe closed: `fieldbook
/// explain | head`, `check --format json | head -1`) ends the command quietly with 0, as
/// ripgrep does: everything the command does is done before it prints, and nothing more would
/// be read. Another failure to write is said once on standard error, and the command carries
/// on.
pub(crate) fn write_out(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(i32::from(EXIT_OK)),
        Err(e) => {
            static SAID: std::sync::Once = std::sync::Once::new();
            SAID.call_once(|| eprintln!("error: could not write to standard output: {e}"));
        }
    }
}

/// Whether this run colours its messages, decided once from `--color`.
pub(super) static COLOUR: std::sync::OnceLock<bool> = std::sync::OnceLock::new();

/// `text` (problems as [`fieldbook::report::human_in`] writes them in the language of
/// `messages`), coloured when this run colours.
pub(super) fn painted(text: String, messages: &Messages) -> String {
    if *COLOUR.get().unwrap_or(&false) { fieldbook::report::colour::paint_in(&text, messages) } else { text }
}

/// The language problems are reported in: the one `FIELDBOOK_MESSAGES` names, else the
/// site's default language (`config`, when its settings could be read; else as far as the
/// fieldbook.toml at `root` gives it, so that a mistake in the settings is said in the
/// site's language too), else English.
pub(super) fn messages_for(config: Option<&config::Config>, root: &std::path::Path) -> Messages {
    let overridden = std::env::var(fieldbook::messages::OVERRIDE_VARIABLE).ok();
    let site = match config {
        Some(config) => config.languages().into_iter().next(),
        None => fieldbook::site_language(root),
    };
    Messages::choose(site.as_deref().filter(|l| !l.is_empty()), overridden.as_deref())
}

/// How long a build runs before its progress bar shows.
const PROGRESS_AFTER: std::time::Duration = std::time::Duration::from_secs(1);

/// On a terminal, a progress bar of the files written while a build runs for more than a
/// second (indicatif); elsewhere (CI logs, pipes), nothing. `FIELDBOOK_PROGRESS_AFTER_MS`
/// shortens the wait, for tests.
pub(super) fn show_progress(
    progress: std::sync::Arc<fieldbook::Progress>,
    finished: std::sync::Arc<std::sync::atomic::AtomicBool>,
    messages: &Messages,
) -> Option<std::thread::JoinHandle<()>> {
    use std::io::IsTerminal;
    use std::sync::atomic::Ordering::Relaxed;
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let after = std::env::var("FIELDBOOK_PROGRESS_AFTER_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map(std::time::Duration::from_millis)
        .unwrap_or(PROGRESS_AFTER);
    let template = progress_template(messages);
    Some(std::thread::spawn(move || {
        let started = std::time::Instant::now();
        let mut bar: Option<indicatif::ProgressBar> = None;
        while !finished.load(Relaxed) {
            std::thread::sleep(std::time::Duration::from_millis(100));
            let total = progress.total.load(Relaxed) as u64;
            if total == 0 || started.elapsed() < after {
                continue;
            }
            let bar = bar.get_or_insert_with(|| {
                let bar =
                    indicatif::ProgressBar::with_draw_target(Some(total), indicatif::ProgressDrawTarget::stderr());
                if let Ok(style) = indicatif::ProgressStyle::with_template(&template) {
                    bar.set_style(style);
                }
                bar
            });
            // Search shards are not counted in advance: never show more than the total.
            bar.set_position((progress.done.load(Relaxed) as u64).min(total));
        }
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
    }))
}

/// The progress bar's template for indicatif: its own placeholders put into the words of the
/// language of `messages`.
pub(super) fn progress_template(messages: &Messages) -> String {
    messages.render(
        &Message::new("cli.progress")
            .with("bar", "{bar:30}")
            .with("done", "{human_pos}")
            .with("total", "{human_len}")
            .with("elapsed", "{elapsed}"),
    )
}

/// How many of the warnings to print.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Shown {
    /// Every one.
    All,
    /// Errors only, and the summary line only when there are errors (`--quiet`).
    Errors,
    /// Summed up by kind ([`fieldbook::report`]); the command that shows them all.
    Summed(&'static str),
}

/// Print problems and the summary line: for people, every error and the warnings summed up
/// by kind unless `shown` is `All`; as JSON, always every problem. `files` is how many files
/// were checked, or `None` for a command that checks no content files (the schema's problems,
/// an import's), whose summary line then only counts the problems. The terminal's and the
/// GitHub annotations' words, which people read, are in the language of `messages`; JSON and
/// SARIF, which tools read, stay English.
pub(crate) fn report_problems_in(
    diagnostics: &Diagnostics,
    files: Option<usize>,
    format: Format,
    shown: Shown,
    messages: &Messages,
) {
    let tally = fieldbook::report::Tally::of(diagnostics);
    let summary = || match files {
        Some(files) => messages.render(
            &Message::new("report.checked").count("n", files as u64).with("tally", tally.describe_in(messages)),
        ),
        None => tally.describe_in(messages),
    };
    match format {
        Format::Human => {
            let (all, command) = match shown {
                Shown::All => (true, ""),
                Shown::Summed(command) => (false, command),
                Shown::Errors => {
                    let mut errors = diagnostics.clone();
                    errors.retain(|d| d.severity == fieldbook::diagnostic::Severity::Error);
                    if !errors.is_empty() {
                        eprint!("{}", painted(fieldbook::report::human_in(&errors, true, "", messages), messages));
                        eprintln!("{}", summary());
                    }
                    return;
                }
            };
            eprint!("{}", painted(fieldbook::report::human_in(diagnostics, all, command, messages), messages));
            eprintln!("{}", summary());
        }
        Format::Json => {
            let doc = serde_json::json!({
                "diagnostics": diagnostics,
                "summary": {
                    "files": files.unwrap_or(0),
                    "errors": tally.error_count(),
                    "warnings": tally.warning_count(),
                    "by_code": { "errors": tally.errors, "warnings": tally.warnings },
                },
            });
            out!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        }
        Format::Sarif => {
            let log = fieldbook::report::sarif(diagnostics);
            out!("{}", serde_json::to_string_pretty(&log).unwrap_or_default());
        }
        Format::Github => {
            write_out(&fieldbook::report::github::github_in(diagnostics, messages));
            out!("{}", summary());
        }
    }
}

/// Open `url` in the browser `BROWSER` names, else the system's default; a failure is told,
/// never fatal (the address is printed anyway).
pub(super) fn open_in_browser(url: &str, messages: &Messages) {
    let mut command = match std::env::var_os("BROWSER").filter(|b| !b.is_empty()) {
        Some(browser) => std::process::Command::new(browser),
        None if cfg!(target_os = "macos") => std::process::Command::new("open"),
        None if cfg!(windows) => {
            let mut c = std::process::Command::new("cmd");
            c.args(["/c", "start", ""]);
            c
        }
        None => std::process::Command::new("xdg-open"),
    };
    let started = command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match started {
        // Reaped in the background, so that no finished browser launcher lingers.
        Ok(mut child) => drop(std::thread::spawn(move || child.wait())),
        Err(e) => {
            let said = Message::new("cli.no-browser").with("why", e.to_string()).with("address", url);
            eprintln!("{}: {}", messages.warning_label(), messages.render(&said));
        }
    }
}

/// `explain`: a code's meaning and what to do, from the registry, in the language of
/// `messages`; with no code, every code and its meaning.
pub(super) fn explain(args: &ExplainArgs, messages: &Messages) -> Result<u8, Error> {
    use fieldbook::codes::{CODES, find};
    let Some(wanted) = &args.code else {
        write_out(&messages.code_list());
        return Ok(EXIT_OK);
    };
    let wanted = wanted.trim().trim_start_matches("error[").trim_start_matches("warning[").trim_end_matches(']');
    match find(wanted) {
        Some(code) => {
            out!("{}", messages.explain(code));
            Ok(EXIT_OK)
        }
        None => {
            let ids = CODES.iter().map(|c| c.id);
            let said = match fieldbook::diagnostic::did_you_mean(wanted, ids) {
                Some(near) => Message::new("explain.unknown-near").with("near", near),
                None => Message::new("explain.unknown"),
            };
            let said = messages.render(&said.with("code", wanted));
            eprintln!("{}: {said}", messages.error_label());
            Ok(EXIT_FAILURE)
        }
    }
}
