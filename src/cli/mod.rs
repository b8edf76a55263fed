//! The command line: arguments, and how each command's result is shown.

use std::path::PathBuf;

use fieldbook::date::Date;
use fieldbook::diagnostic::Diagnostics;
use fieldbook::error::Error;
use fieldbook::link::Audience;
use fieldbook::messages::Message;
use fieldbook::{CheckOptions, config};

/// `println!` for what a command prints for reading (an explanation, paths, JSON): when the
/// reader has gone (`fieldbook explain | head`), the command stops there quietly, as other
/// command-line tools do, instead of reporting the closed pipe as a bug (see
/// [`output::print_out`]).
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::cli::output::print_out(format_args!($($arg)*))
    };
}

mod args;
mod help;
mod output;
mod parse_error;
mod survey;

pub(crate) use args::*;
pub(crate) use help::parse;
use output::*;

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

/// Run the command; returns the exit code.
pub(crate) fn run(cli: Cli) -> u8 {
    use fieldbook::report::colour::When;
    let when = match cli.color {
        ColourChoice::Auto => When::Auto,
        ColourChoice::Always => When::Always,
        ColourChoice::Never => When::Never,
    };
    let _ = COLOUR.set(when.for_stderr());
    if cli.verbose {
        fieldbook::timing::enable();
    }
    let root = cli.root.clone();
    let result = match cli.command {
        Command::Check(args) => check(cli.root, &args),
        Command::Build(args) => build(cli.root, &args),
        Command::Schema(args) => schema(cli.root, &args),
        Command::Init(args) => init(&args),
        Command::New(args) => new(cli.root, &args),
        Command::Translate(args) => translate(cli.root, &args),
        Command::Fmt(args) => fmt(cli.root, &args),
        Command::Form(args) => survey::form(cli.root, &args),
        Command::Import(args) => survey::import(cli.root, &args, cli.verbose),
        Command::Serve(args) => serve(cli.root, &args),
        Command::Explain(args) => explain(&args, &fatal_messages(root.clone())),
        Command::Completions(args) => {
            use clap::CommandFactory;
            let mut script = Vec::new();
            clap_complete::generate(args.shell, &mut Cli::command(), "fieldbook", &mut script);
            out!("{}", String::from_utf8_lossy(&script).trim_end());
            Ok(EXIT_OK)
        }
    };
    let Err(err) = result else { return result.unwrap_or(EXIT_FAILURE) };
    let messages = fatal_messages(root);
    // A located problem (a mistake in fieldbook.toml) carries its own `error[config]`: it is
    // printed as `check` prints it, its snippet under it, not after a second `error:`.
    if let Error::Problem(problem) = &err {
        eprintln!("{}", painted(problem.render_in(&messages), &messages));
        return EXIT_FAILURE;
    }
    // Problems found while the site was made (a template that failed on some pages): each as
    // `check` prints it, then what they stopped.
    if let Error::Problems(problems) = &err {
        for problem in problems {
            eprintln!("{}", painted(problem.render_in(&messages), &messages));
        }
        eprintln!("{}", messages.render(&Message::new("fatal.not-built").count("n", problems.len() as u64)));
        return EXIT_FAILURE;
    }
    let said = match err.said() {
        Some(message) if !messages.is_english() => messages.render(&message),
        _ => err.to_string(),
    };
    if let Error::Interrupted = err {
        eprintln!("{said}");
        return EXIT_INTERRUPTED;
    }
    eprintln!("{}: {}", messages.error_label(), fieldbook::error::escape_lines(&said));
    if let Error::NoSite(_) = err {
        eprintln!("{}: {}", messages.help_label(), messages.render(&Message::new("fatal.no-site-help")));
    }
    EXIT_FAILURE
}

/// The language of what a command says outside its site's problems (an error that stops it,
/// `explain`): the site's, as `check` speaks, when there is a site at `root` (or above the
/// current folder), else English; `FIELDBOOK_MESSAGES` first in either case.
fn fatal_messages(root: Option<PathBuf>) -> fieldbook::messages::Messages {
    match site_root(root) {
        Ok(root) => messages_for(None, &root),
        Err(_) => {
            let overridden = std::env::var(fieldbook::messages::OVERRIDE_VARIABLE).ok();
            fieldbook::messages::Messages::choose(None, overridden.as_deref())
        }
    }
}

pub(crate) fn site_root(explicit: Option<PathBuf>) -> Result<PathBuf, Error> {
    let cwd = std::env::current_dir().map_err(|e| Error::io("read", ".", e))?;
    config::find_root(explicit.as_deref(), &cwd).ok_or_else(|| Error::NoSite(explicit.unwrap_or(cwd)))
}

fn check(root: Option<PathBuf>, args: &CheckArgs) -> Result<u8, Error> {
    let root = site_root(root)?;
    let checked =
        fieldbook::check(&CheckOptions { root: root.clone(), audience: Audience::PUBLIC, today: Date::today() })?;
    let shown = match (args.quiet, args.all) {
        (true, _) => Shown::Errors,
        (false, true) => Shown::All,
        (false, false) => Shown::Summed("fieldbook check --all"),
    };
    let messages = messages_for(checked.config(), &root);
    report_problems_in(checked.diagnostics(), Some(checked.files()), args.format, shown, &messages);
    if args.format == Format::Human && !args.quiet {
        note_documents_unread(checked.site(), &messages);
    }
    let code = if checked.diagnostics().is_ok() { EXIT_OK } else { EXIT_CONTENT_ERRORS };
    exiting_with(checked);
    Ok(code)
}

/// Once a site, not once a file: the documents the site publishes whose text Fieldbook cannot
/// read (PDF, `.doc`, `.ppt`), which a person must check for personal data.
fn note_documents_unread(site: Option<&fieldbook::link::Site>, messages: &fieldbook::messages::Messages) {
    const NAMED: usize = 5;
    let Some(site) = site else { return };
    let unread: Vec<&str> = site
        .assets
        .iter()
        .map(|a| a.content_path.as_str())
        .filter(|path| fieldbook::load::asset::is_published_unread(path))
        .collect();
    if unread.is_empty() {
        return;
    }
    let mut files: Vec<String> = unread.iter().take(NAMED).map(|path| format!("content/{path}")).collect();
    if unread.len() > NAMED {
        files.push("…".to_string());
    }
    let note = Message::new("check-documents.unread").count("n", unread.len() as u64).with("files", files.join(", "));
    eprintln!("{}", messages.render(&note));
}

/// The process ends after this command: leave the loaded site to the operating system, which
/// takes it back at once, rather than freeing its millions of small allocations one by one
/// (a second at 100,000 profiles).
fn exiting_with<T>(loaded: T) {
    std::mem::forget(loaded);
}

fn build(root: Option<PathBuf>, args: &BuildArgs) -> Result<u8, Error> {
    let root = site_root(root)?;
    let started = std::time::Instant::now();
    let progress = std::sync::Arc::new(fieldbook::Progress::default());
    let options = fieldbook::BuildOptions {
        root: root.clone(),
        drafts: args.drafts,
        internal: args.include_confidential,
        output_dir: args.output_dir.clone(),
        base_url: args.base_url.clone(),
        today: Date::today(),
        cancel: Some(&CANCEL),
        progress: Some(progress.clone()),
        fresh: args.fresh,
    };
    // First Ctrl-C: stop at the next file and leave the previous site. Second: stop now (a
    // staging folder may stay behind; the next build removes it).
    let _ = ctrlc::set_handler(|| {
        if CANCEL.swap(true, std::sync::atomic::Ordering::SeqCst) {
            std::process::exit(i32::from(EXIT_INTERRUPTED));
        }
    });
    let finished = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    // The site's language, as far as its settings can be read before the build reads them.
    let early = messages_for(None, &root);
    let display = if args.quiet { None } else { show_progress(progress, finished.clone(), &early) };
    let result = fieldbook::build(&options);
    finished.store(true, std::sync::atomic::Ordering::Relaxed);
    if let Some(display) = display {
        let _ = display.join();
    }
    let (checked, report) = result?;
    let shown = match (args.quiet, args.all) {
        (true, _) => Shown::Errors,
        (false, true) => Shown::All,
        (false, false) => Shown::Summed("fieldbook build --all"),
    };
    let messages = messages_for(checked.config(), &root);
    report_problems_in(checked.diagnostics(), Some(checked.files()), args.format, shown, &messages);
    // A build that publishes them says so too: a site built in CI may never be checked.
    if args.format == Format::Human && !args.quiet {
        note_documents_unread(checked.site(), &messages);
    }
    exiting_with(checked);
    match report {
        Some(_) if args.quiet => Ok(EXIT_OK),
        Some(report) => {
            let pages = Message::new("summary.pages").number("n", report.pages as u64);
            let files = Message::new("summary.files").number("n", report.files as u64);
            let said = if report.unchanged {
                Message::new("summary.up-to-date")
            } else {
                // Said only when some were taken, so that a first build reads as before.
                let reused = match report.reused {
                    0 => Message::new("list.nothing"),
                    n => Message::new("summary.reused")
                        .phrase("files", Message::new("summary.files").number("n", n as u64)),
                };
                Message::new("summary.built").phrase("reused", reused)
            };
            let said = said
                .with("folder", report.output.display().to_string())
                .phrase("pages", pages)
                .phrase("files", files)
                .decimal("size", report.bytes as f64 / 1_000_000.0, 1)
                .decimal("seconds", started.elapsed().as_secs_f64(), 2);
            eprintln!("{}", messages.render(&said));
            Ok(EXIT_OK)
        }
        None => {
            eprintln!("{}", messages.render(&fieldbook::messages::Message::new("report.build-refused")));
            Ok(EXIT_CONTENT_ERRORS)
        }
    }
}

fn schema(root: Option<PathBuf>, args: &SchemaArgs) -> Result<u8, Error> {
    // Outside a site, the built-in schema.
    let root = site_root(root).ok();
    let messages = fatal_messages(root.clone());
    let (schema, diagnostics) = match &root {
        Some(root) => fieldbook::schema_in_force(root)?,
        None => fieldbook::schema::load(None),
    };
    if !diagnostics.is_ok() {
        report_problems_in(&diagnostics, None, Format::Human, Shown::All, &messages);
        return Ok(EXIT_CONTENT_ERRORS);
    }
    if args.reference {
        // In the language asked for, else the site's, else English: the schema's labels and
        // the reference's own words alike.
        let config = root.as_deref().and_then(|root| fieldbook::read_config(root).ok());
        let language = args.language.clone().or(config.map(|c| c.language)).unwrap_or_else(|| "en".to_string());
        let words = fieldbook::messages::Messages::of(&language);
        if fieldbook::schema::translate::translation(&language).is_some() {
            out!("> {}\n", words.render_plain(&Message::new("reference.note")));
        }
        write_out(&fieldbook::reference::markdown_in(&schema.localized(&language), words));
        Ok(EXIT_OK)
    } else if let Some(dir) = &args.json_schema {
        let dir = match (dir, &root) {
            (Some(dir), _) => dir.clone(),
            (None, Some(root)) => root.join(fieldbook::JSON_SCHEMA_DIR),
            (None, None) => PathBuf::from(fieldbook::JSON_SCHEMA_DIR),
        };
        // In the site's languages, as `check` compares them; outside a site, in English.
        let config = root.as_deref().and_then(|root| fieldbook::read_config(root).ok());
        let (language, languages) = config.map_or(("en".to_string(), Vec::new()), |c| (c.language, c.languages));
        let written = fieldbook::write_json_schemas(&schema, &dir, &language, &languages)?;
        for path in &written {
            out!("{}", path.display());
        }
        let wrote = Message::new("cli.json-schemas")
            .number("n", written.len() as u64)
            .with("folder", dir.display().to_string());
        eprintln!("{}", messages.render(&wrote));
        Ok(EXIT_OK)
    } else {
        eprintln!("{}: {}", messages.error_label(), messages.render(&Message::new("cli.schema-what")));
        Ok(EXIT_FAILURE)
    }
}

fn init(args: &InitArgs) -> Result<u8, Error> {
    let ci = args.ci.map(|service| match service {
        CiService::Github => fieldbook::scaffold::Ci::GitHub,
        CiService::Gitlab => fieldbook::scaffold::Ci::GitLab,
    });
    let options = fieldbook::scaffold::InitOptions {
        dir: args.dir.clone(),
        title: args.title.clone(),
        today: Date::today(),
        ci,
        language: args.language.clone(),
    };
    let report = fieldbook::scaffold::init(&options)?;
    // In the site's language: the settings' `language` when a fieldbook.toml was already there
    // and kept, else the language just written.
    let language = fieldbook::read_config(&args.dir).map_or_else(|_| args.language.clone(), |c| c.language);
    let words = fieldbook::scaffold::words(&language);
    for path in &report.created {
        out!("{}", words.init_file(&path.display().to_string(), true));
    }
    for path in &report.kept {
        out!("{}", words.init_file(&path.display().to_string(), false));
    }
    let go =
        if args.dir == std::path::Path::new(".") { String::new() } else { format!("cd {} && ", args.dir.display()) };
    // "in ." would read as a stray full stop: the folder's own path says where.
    let dir = if args.dir == std::path::Path::new(".") {
        std::env::current_dir().unwrap_or_else(|_| args.dir.clone())
    } else {
        args.dir.clone()
    };
    eprintln!("{}", words.init_done(report.created.len(), &dir.display().to_string(), &go));
    Ok(EXIT_OK)
}

/// The site, its schema in force and its settings, for the commands that write content; `None`
/// once the schema's errors are reported.
fn site_to_write_in(
    root: Option<PathBuf>,
) -> Result<Option<(PathBuf, fieldbook::schema::Schema, config::Config)>, Error> {
    let root = site_root(root)?;
    let (schema, diagnostics) = fieldbook::schema_in_force(&root)?;
    if !diagnostics.is_ok() {
        // In the site's language, as `check` says the same problems.
        let messages = messages_for(None, &root);
        report_problems_in(&diagnostics, None, Format::Human, Shown::All, &messages);
        return Ok(None);
    }
    let config = fieldbook::read_config(&root)?;
    Ok(Some((root, schema, config)))
}

fn new(root: Option<PathBuf>, args: &NewArgs) -> Result<u8, Error> {
    use fieldbook::model::ContentType;
    let Some((root, schema, config)) = site_to_write_in(root)? else { return Ok(EXIT_CONTENT_ERRORS) };
    let content_type = match args.content_type {
        NewType::Community => ContentType::Community,
        NewType::CaseStudy => ContentType::CaseStudy,
        NewType::Project => ContentType::Project,
        NewType::Guidance => ContentType::Guidance,
        NewType::Page => ContentType::Page,
    };
    let mut values: Vec<(String, String)> = Vec::new();
    if let Some(country) = &args.country {
        values.push(("country".into(), country.clone()));
    }
    values.extend(args.by.iter().map(|b| ("assessed_by".to_string(), b.clone())));
    values.extend(args.communities.iter().map(|c| ("communities".to_string(), c.clone())));
    for (name, value) in [("approach", &args.approach), ("sector", &args.sector), ("topic", &args.topic)] {
        if let Some(value) = value {
            values.push((name.into(), value.clone()));
        }
    }
    // Everything `new` says speaks the site's language, its refusals included.
    let words = fieldbook::scaffold::prompts(&config.language);
    for set in &args.set {
        let Some((name, value)) = set.split_once('=') else {
            let label = fieldbook::messages::Messages::of(&config.language).error_label();
            eprintln!("{label}: {}", fieldbook::scaffold::Prompts::fill(words.refuse.set_form, &[("set", set)]));
            return Ok(EXIT_FAILURE);
        };
        values.push((name.trim().to_string(), value.trim().to_string()));
    }
    let mut request = fieldbook::scaffold::NewRequest {
        content_type,
        title: args.title.clone(),
        slug: args.slug.clone(),
        values,
        today: Date::today(),
        language: config.language.clone(),
    };
    // Ask for what is required and was not given; without answers, say which options give it.
    let needs = fieldbook::scaffold::needed(&schema, &request);
    let mut answers = Vec::new();
    let mut missing = Vec::new();
    let stdin = std::io::stdin();
    let localized = schema.localized(&config.language);
    for need in &needs {
        let term = localized.field(request.content_type, &need.field.name).map_or(&need.field.term, |f| &f.term);
        eprintln!("{}", words.question(term, &need.field.name));
        if !need.choices.is_empty() {
            let ids: Vec<&str> = need.choices.iter().map(|t| t.id.as_str()).collect();
            eprintln!("  {} {}", words.one_of, ids.join(", "));
        }
        let list = need.field.kind == fieldbook::schema::FieldKind::List;
        if list {
            eprintln!("  ({})", words.several);
        }
        eprint!("> ");
        let mut line = String::new();
        match stdin.read_line(&mut line) {
            Ok(n) if n > 0 && !line.trim().is_empty() && list => answers.extend(
                fieldbook::scaffold::Prompts::list_answer(&line).into_iter().map(|v| (need.field.name.clone(), v)),
            ),
            Ok(n) if n > 0 && !line.trim().is_empty() => {
                answers.push((need.field.name.clone(), line.trim().to_string()))
            }
            _ => {
                eprintln!();
                missing.push(need.option.clone());
            }
        }
    }
    if !missing.is_empty() {
        let label = fieldbook::messages::Messages::of(&config.language).error_label();
        eprintln!("{label}: {} {}", words.nothing_created, missing.join(words.and));
        return Ok(EXIT_FAILURE);
    }
    request.values.extend(answers);
    let created = fieldbook::scaffold::create(&root, &schema, &config, &request)?;
    out!("{}", created.path.display());
    // The status the file was written with: `--set status=published` publishes it.
    eprintln!("{}", words.created(&created.path.display().to_string(), request.status()));
    if !created.warnings.is_empty() {
        eprint!("\n{}", created.warnings);
    }
    Ok(EXIT_OK)
}

fn translate(root: Option<PathBuf>, args: &TranslateArgs) -> Result<u8, Error> {
    let Some((root, schema, config)) = site_to_write_in(root)? else { return Ok(EXIT_CONTENT_ERRORS) };
    let words = fieldbook::scaffold::prompts(&config.language);
    if let Some(language) = &args.missing {
        let (written, failed) =
            fieldbook::scaffold::create_missing_translations(&root, &schema, &config, language, Date::today())?;
        let lines = fieldbook::scaffold::words(&config.language);
        for path in &written {
            out!("{}", lines.init_file(&path.display().to_string(), true));
        }
        for e in &failed {
            eprintln!("{}: {e}", fieldbook::messages::Messages::of(&config.language).error_label());
        }
        return Ok(if failed.is_empty() { EXIT_OK } else { EXIT_FAILURE });
    }
    let (Some(page), Some(language)) = (&args.page, &args.language) else { return Ok(EXIT_FAILURE) };
    // A file named from the current folder (the editor's, inside content/) is found too.
    let page = std::path::Path::new(page)
        .canonicalize()
        .ok()
        .filter(|p| p.is_file())
        .and_then(|p| Some(p.strip_prefix(root.canonicalize().ok()?).ok()?.to_string_lossy().into_owned()))
        .unwrap_or_else(|| page.clone());
    let path = fieldbook::scaffold::create_translation(&root, &schema, &config, &page, language, Date::today())?;
    out!("{}", path.display());
    // A translation always starts as a draft.
    eprintln!("{}", words.created(&path.display().to_string(), "draft"));
    Ok(EXIT_OK)
}

fn fmt(root: Option<PathBuf>, args: &FmtArgs) -> Result<u8, Error> {
    let root = site_root(root)?;
    let report = fieldbook::fmt::format_site(&root, &args.paths, args.check)?;
    let messages = messages_for(fieldbook::read_config(&root).ok().as_ref(), &root);
    for d in report.problems.iter() {
        eprintln!("{}", d.render_in(&messages));
    }
    for path in &report.changed {
        out!("{path}");
    }
    for path in &report.kept_as_written {
        let kept = Message::new("summary.kept-as-written").with("path", path.as_str());
        eprintln!("{}: {}", messages.note_label(), messages.render(&kept));
    }
    let problems = report.problems.error_count();
    let left = match problems {
        0 => Message::new("list.nothing"),
        n => Message::new("summary.left-as-they-are").number("n", n as u64),
    };
    let looked_at = Message::new(if args.check { "summary.would-change" } else { "summary.changed" })
        .phrase("files", Message::new("summary.looked-at").number("n", report.files as u64))
        .number("changed", report.changed.len() as u64)
        .phrase("left", left);
    eprintln!("{}", messages.render(&looked_at));
    if args.check && !report.changed.is_empty() {
        eprintln!("{}", messages.render(&Message::new("summary.tidy")));
        return Ok(EXIT_CONTENT_ERRORS);
    }
    Ok(if problems > 0 { EXIT_CONTENT_ERRORS } else { EXIT_OK })
}

fn serve(root: Option<PathBuf>, args: &ServeArgs) -> Result<u8, Error> {
    use fieldbook::serve::Event;
    let root = site_root(root)?;
    let shown_root = root.clone();
    // The site's language, read once: what is loaded in the session is not at hand here.
    let messages = messages_for(fieldbook::read_config(&shown_root).ok().as_ref(), &shown_root);
    let options = fieldbook::serve::ServeOptions {
        session: fieldbook::loaded::SessionOptions {
            root,
            audience: Audience { drafts: !args.published_only, internal: args.include_confidential },
            today: Date::today(),
        },
        address: args.bind,
        port: args.port.unwrap_or(DEFAULT_PORT),
        try_next_ports: args.port.is_none(),
        messages,
    };
    if !args.bind.is_loopback() {
        let id = if args.include_confidential { "cli.network-confidential" } else { "cli.network" };
        let warning = Message::new(id).with("address", args.bind.to_string());
        eprintln!("{}: {}", messages.warning_label(), messages.render(&warning));
    }
    let stopped = messages.render(&Message::new("cli.stopped"));
    let _ = ctrlc::set_handler(move || {
        eprintln!("\n{stopped}");
        std::process::exit(i32::from(EXIT_OK));
    });
    let open = args.open;
    let report = std::sync::Arc::new(move |event: Event| match event {
        Event::Loaded { elapsed, warnings } => {
            let shown = fieldbook::report::human_in(&warnings, false, "fieldbook check --all", &messages);
            eprint!("{}", painted(shown, &messages));
            let tally = fieldbook::report::Tally::of(&warnings);
            let loaded = Message::new("summary.loaded")
                .decimal("seconds", elapsed.as_secs_f64(), 2)
                .with("tally", tally.describe_warnings_in(&messages));
            eprintln!("{}", messages.render(&loaded));
        }
        Event::Listening(address) => {
            let host = if address.ip().is_unspecified() { "127.0.0.1".to_string() } else { address.ip().to_string() };
            let host = if host.contains(':') { format!("[{host}]") } else { host };
            out!("http://{host}:{}/", address.port());
            let serving = Message::new("summary.serving").with("address", format!("http://{host}:{}/", address.port()));
            eprintln!("{}", messages.render(&serving));
            if open {
                open_in_browser(&format!("http://{host}:{}/", address.port()), &messages);
            }
        }
        Event::Rebuilt { paths, applied, elapsed, warnings } => {
            let what: Vec<String> = paths
                .iter()
                .map(|p| {
                    fieldbook::diagnostic::escape_controls(&fieldbook::load::display_path(p, &shown_root)).into_owned()
                })
                .collect();
            let updated = Message::new("summary.updated")
                .with("paths", what.join(", "))
                .number("milliseconds", elapsed.as_millis() as u64)
                .with("applied", format!("{applied:?}"))
                .phrase("warnings", Message::new("summary.warnings").number("n", warnings as u64));
            eprintln!("{}", messages.render(&updated));
        }
        Event::Rejected { errors, count: n } => {
            eprintln!("{errors}");
            let errors = Message::new("summary.errors").number("n", n as u64);
            eprintln!("{}", messages.render(&Message::new("summary.rejected").phrase("errors", errors)));
        }
        Event::Failed(message) => {
            eprintln!("{}: {}", messages.error_label(), fieldbook::error::escape_lines(&message))
        }
    });
    fieldbook::serve::serve(options, report)?;
    Ok(EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    /// The progress bar speaks the site's language, and indicatif reads every template.
    #[test]
    fn the_progress_bar_is_worded_in_each_language() {
        use fieldbook::messages::Messages;
        let english = progress_template(&Messages::english());
        assert_eq!(english, "writing {bar:30} {human_pos} of {human_len} files {elapsed}");
        assert_eq!(
            progress_template(&Messages::of("fr")),
            "écriture {bar:30} {human_pos} sur {human_len} fichiers {elapsed}"
        );
        assert_eq!(
            progress_template(&Messages::of("es")),
            "escribiendo {bar:30} {human_pos} de {human_len} archivos {elapsed}"
        );
        for language in ["en", "fr", "es", "ar"] {
            let template = progress_template(&Messages::of(language));
            assert!(indicatif::ProgressStyle::with_template(&template).is_ok(), "{template}");
        }
    }
}
