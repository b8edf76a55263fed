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
#[command(
    name = "fieldbook",
    version,
    about,
    long_about = None,
    after_help = "Examples:\n  fieldbook init our-assessments    # a new site, with one example of each kind of page\n  fieldbook new community \"Tanger Nord\" --country Morocco --by \"Association Tadamoun\"\n  fieldbook serve                   # preview at http://127.0.0.1:8000, reloading as you save\n  fieldbook check                   # every problem in every file, with its line\n  fieldbook fmt                     # tidy the files, so reviews show only real changes\n  fieldbook build                   # the site, into site/: open site/index.html\n\nEach command's options and examples: fieldbook <command> --help"
)]
pub(crate) struct Cli {
    /// The site folder (the one with fieldbook.toml). Default: the current folder or the
    /// nearest one above it with a fieldbook.toml.
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// Colour the messages: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, global = true, value_enum, default_value_t = ColourChoice::Auto, value_name = "WHEN")]
    pub color: ColourChoice,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// When to colour messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ColourChoice {
    /// On a terminal, unless NO_COLOR is set or TERM is dumb.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Whether this run colours its messages, decided once from `--color`.
static COLOUR: std::sync::OnceLock<bool> = std::sync::OnceLock::new();

/// `text` (problems as [`fieldbook::report::human`] writes them), coloured when this run colours.
fn painted(text: String) -> String {
    if *COLOUR.get().unwrap_or(&false) { fieldbook::report::colour::paint(&text) } else { text }
}

/// The commands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check every content file against the schema and report every problem.
    #[command(
        after_help = "Examples:\n  fieldbook check\n  fieldbook check --all                    # every warning, not only the first 5 of each kind\n  fieldbook check --format json > problems.json\n  fieldbook --root ../other-site check\n\nExit codes: 0 no errors (warnings allowed), 1 errors in content, 2 usage or I/O failure."
    )]
    Check(CheckArgs),
    /// Check the site and, if it has no errors, build it into site/.
    ///
    /// The output folder is set in fieldbook.toml (site/ by default). The previous site is
    /// replaced only when the build succeeds.
    #[command(
        after_help = "Examples:\n  fieldbook build\n  fieldbook build --drafts\n  fieldbook build --include-confidential   # the team's internal site, into site-internal/\n\nOpen site/index.html in a browser: the site works straight from disk.\nExit codes: 0 built, 1 errors in content (nothing written), 2 usage or I/O failure,\n130 interrupted (Ctrl-C; the previous site is left as it was)."
    )]
    Build(BuildArgs),
    /// Print the schema in force, or write JSON Schemas for editors.
    ///
    /// The schema in force is the built-in handbook schema plus the site's schema.toml (when run
    /// in a site).
    #[command(
        after_help = "Examples:\n  fieldbook schema --reference > reference.md   # every field, indicator and list, as markdown\n  fieldbook schema --json-schema                # schemas/community.schema.json and the others, for editors\n  fieldbook schema --json-schema .vscode/schemas\n\nRun `schema --json-schema` again after changing schema.toml: the JSON Schemas follow the schema in force."
    )]
    Schema(SchemaArgs),
    /// Start a new site, with one short example of each kind of page.
    ///
    /// Writes fieldbook.toml, schema.toml (commented examples), the content folders with one
    /// example each, AUTHORING.md (a guide for the site's authors), .gitignore, and editor
    /// support (schemas/, .remarkrc.mjs). Existing files are never overwritten.
    #[command(
        after_help = "Examples:\n  fieldbook init our-assessments\n  fieldbook init . --title \"Returns to the Rif: community profiles\"\n\nThen: cd our-assessments && fieldbook build, and open site/index.html."
    )]
    Init(InitArgs),
    /// Create a content file, scaffolded from the schema in force, as a draft.
    ///
    /// Every field comes with a comment saying what it takes; a profile lists every indicator
    /// by group, the seven criteria at unknown and the narrative headings. The file is checked
    /// before it is written, and an existing file is never overwritten.
    #[command(
        after_help = "Examples:\n  fieldbook new community \"Tanger Nord\" --country Morocco --by \"Association Tadamoun\"\n  fieldbook new case-study \"Port workshop cooperative\" --community ain-lmaati\n  fieldbook new project \"Boat repair cooperative\" --community ain-lmaati --approach collective-returnee\n  fieldbook new guidance \"Water and sanitation\" --sector infrastructure-and-safety\n  fieldbook new guidance \"Advocacy with municipalities\" --topic advocacy\n  fieldbook new page \"Methodology\"\n  fieldbook new project \"Solar kiosks\" --community tizi-nouzrou --approach new-community --set donor=\"Example Fund\"\n\nRequired values not given as options are asked for on the terminal."
    )]
    New(NewArgs),
    /// Rewrite content files in one tidy, standard layout, without changing what they say.
    ///
    /// Frontmatter fields in schema order with consistent quoting, dates and lists (comments
    /// kept beside their fields), the markdown text in a standard form. Every result is checked
    /// to read and render exactly as before; a file with a broken frontmatter is reported and
    /// left alone.
    #[command(
        after_help = "Examples:\n  fieldbook fmt                              # every content file\n  fieldbook fmt content/communities/tanger-nord.md\n  fieldbook fmt --check                      # in CI: list files that are not tidy, change nothing\n\nExit codes: 0 done (or, with --check, nothing to change), 1 files would change (--check) or\ncould not be formatted, 2 usage or I/O failure."
    )]
    Fmt(FmtArgs),
    /// Preview the site in a browser, rebuilt and reloaded as you save.
    ///
    /// Serves the site at http://127.0.0.1:8000 (this computer only), drafts included. Watches
    /// content/, themes/, fieldbook.toml and schema.toml; a change shows in open pages at once,
    /// and a mistake shows as an overlay with its file and line while the last good version
    /// stays. Nothing is written to disk.
    #[command(
        after_help = "Examples:\n  fieldbook serve\n  fieldbook serve --port 8080\n  fieldbook serve --published-only          # exactly what `build` publishes\n  fieldbook serve --include-confidential    # the internal site, for the team\n  fieldbook serve --bind 0.0.0.0            # let other computers on the network see it\n\nStop it with Ctrl-C."
    )]
    Serve(ServeArgs),
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  fieldbook completions bash > ~/.local/share/bash-completion/completions/fieldbook\n  fieldbook completions zsh > ~/.zfunc/_fieldbook          # with fpath+=~/.zfunc in ~/.zshrc\n  fieldbook completions fish > ~/.config/fish/completions/fieldbook.fish\n  fieldbook completions powershell >> $PROFILE"
    )]
    Completions(CompletionsArgs),
    /// Explain a diagnostic code: what it means and what to do.
    ///
    /// Every message names its code in brackets (`error[broken-link]`); this prints the same
    /// explanation as the guide's page "Troubleshooting", offline.
    #[command(after_help = "Examples:\n  fieldbook explain broken-link\n  fieldbook explain            # every code")]
    Explain(ExplainArgs),
}

/// Options of `explain`.
#[derive(Debug, clap::Args)]
pub(crate) struct ExplainArgs {
    /// The code, as in `error[CODE]` (all codes when left out).
    #[arg(value_name = "CODE")]
    pub(crate) code: Option<String>,
}

/// Options of `fmt`.
#[derive(Debug, clap::Args)]
pub(crate) struct FmtArgs {
    /// Change nothing: list the files that would change, and exit 1 if there are any.
    #[arg(long)]
    pub(crate) check: bool,
    /// Files or folders under content/ (default: all of content/).
    #[arg(value_name = "PATHS")]
    pub(crate) paths: Vec<PathBuf>,
}

/// Options of `serve`.
#[derive(Debug, clap::Args)]
pub(crate) struct ServeArgs {
    /// The port. If the default is taken, the next free one is used.
    #[arg(long, short, value_name = "PORT")]
    pub(crate) port: Option<u16>,
    /// The address to listen on. The default, 127.0.0.1, is this computer only; anything else
    /// lets other computers on the network see the site.
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
    pub(crate) bind: std::net::IpAddr,
    /// Leave drafts out, as `build` does.
    #[arg(long)]
    pub(crate) published_only: bool,
    /// Serve the internal site: confidential pages and sensitive data included.
    #[arg(long)]
    pub(crate) include_confidential: bool,
    /// Open the site in the browser once it is served (the one `BROWSER` names, else the
    /// system's default).
    #[arg(long)]
    pub(crate) open: bool,
}

/// The port `serve` starts from.
const DEFAULT_PORT: u16 = 8000;

/// Options of `completions`.
#[derive(Debug, clap::Args)]
pub(crate) struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub(crate) shell: clap_complete::Shell,
}

/// Options of `init`.
#[derive(Debug, clap::Args)]
pub(crate) struct InitArgs {
    /// The folder of the new site (created if needed).
    #[arg(default_value = ".", value_name = "DIR")]
    pub(crate) dir: PathBuf,
    /// The site's title. Default: the folder's name.
    #[arg(long)]
    pub(crate) title: Option<String>,
}

/// The content types `new` creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum NewType {
    /// A community profile, in content/communities/.
    Community,
    /// A case study, in content/case-studies/.
    CaseStudy,
    /// A project, in content/projects/.
    Project,
    /// Sector or advocacy guidance, in content/guidance/.
    Guidance,
    /// A plain page, in content/.
    Page,
}

/// Options of `new`.
#[derive(Debug, clap::Args)]
pub(crate) struct NewArgs {
    /// What to create.
    #[arg(value_enum, value_name = "TYPE")]
    pub(crate) content_type: NewType,
    /// The title. The file name is made from it, accents folded: "Aïn Lmaati" -> ain-lmaati.md.
    pub(crate) title: String,
    /// The file name (page id) to use instead of the one made from the title.
    #[arg(long)]
    pub(crate) slug: Option<String>,
    /// Country (community, case study).
    #[arg(long)]
    pub(crate) country: Option<String>,
    /// Organization that carried out the assessment (community); repeat for several.
    #[arg(long = "by", value_name = "ORGANIZATION")]
    pub(crate) by: Vec<String>,
    /// Id of a community the page concerns (project, case study); repeat for several.
    #[arg(long = "community", value_name = "ID")]
    pub(crate) communities: Vec<String>,
    /// Project approach id (project): collective-returnee, new-community, existing-project.
    #[arg(long)]
    pub(crate) approach: Option<String>,
    /// Sector id (guidance).
    #[arg(long, conflicts_with = "topic")]
    pub(crate) sector: Option<String>,
    /// Guidance topic id, for guidance that is not about a sector (guidance).
    #[arg(long)]
    pub(crate) topic: Option<String>,
    /// Any other field: --set population=12000. Repeat a list field for several items.
    #[arg(long = "set", value_name = "FIELD=VALUE")]
    pub(crate) set: Vec<String>,
}

/// Options of `schema`.
#[derive(Debug, clap::Args)]
pub(crate) struct SchemaArgs {
    /// Print the field and schema reference as markdown.
    #[arg(long, conflicts_with = "json_schema")]
    pub(crate) reference: bool,
    /// Write a JSON Schema of each content type's frontmatter into DIR (default: schemas/ in
    /// the site), for editors that validate and complete YAML while you type.
    #[arg(long, value_name = "DIR")]
    pub(crate) json_schema: Option<Option<PathBuf>>,
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
    /// Write the site into this folder instead of the one fieldbook.toml names (relative to
    /// the current folder). The same guards apply: it must be empty, missing or a previous
    /// build of the same kind.
    #[arg(long, short = 'o', value_name = "FOLDER")]
    pub(crate) output_dir: Option<PathBuf>,
    /// Publish under this web address instead of fieldbook.toml's `base_url` (the feed and
    /// the sitemap use it; the pages link relatively either way).
    #[arg(long, value_name = "URL")]
    pub(crate) base_url: Option<String>,
    /// How to print problems.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
    /// Print every warning. By default a kind of warning found more than 5 times shows its
    /// first 5 and a count, and profiles' missing indicators are summed up in one line.
    #[arg(long)]
    pub(crate) all: bool,
    /// Print only errors: no warnings, no progress, nothing when the build succeeds.
    #[arg(long, short = 'q', conflicts_with = "all")]
    pub(crate) quiet: bool,
}

/// Options of `check`.
#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    /// How to print problems.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Print every warning. By default a kind of warning found more than 5 times shows its
    /// first 5 and a count, and profiles' missing indicators are summed up in one line. The
    /// JSON output always lists every warning.
    #[arg(long)]
    pub all: bool,
    /// Print only errors (and the summary line when there are some): nothing for a clean site.
    #[arg(long, short = 'q', conflicts_with = "all")]
    pub quiet: bool,
}

/// Output formats for problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Messages with source excerpts, for people.
    Human,
    /// One JSON document, for tools.
    Json,
    /// SARIF 2.1.0, for code scanning and review tools (GitHub, GitLab, reviewdog).
    Sarif,
    /// GitHub Actions workflow commands: annotations on the lines of a pull request.
    Github,
}

/// Run the command; returns the exit code.
pub(crate) fn run(cli: Cli) -> u8 {
    use fieldbook::report::colour::When;
    let when = match cli.color {
        ColourChoice::Auto => When::Auto,
        ColourChoice::Always => When::Always,
        ColourChoice::Never => When::Never,
    };
    let _ = COLOUR.set(when.for_stderr());
    let result = match cli.command {
        Command::Check(args) => check(cli.root, &args),
        Command::Build(args) => build(cli.root, &args),
        Command::Schema(args) => schema(cli.root, &args),
        Command::Init(args) => init(&args),
        Command::New(args) => new(cli.root, &args),
        Command::Fmt(args) => fmt(cli.root, &args),
        Command::Serve(args) => serve(cli.root, &args),
        Command::Explain(args) => explain(&args),
        Command::Completions(args) => {
            use clap::CommandFactory;
            clap_complete::generate(args.shell, &mut Cli::command(), "fieldbook", &mut std::io::stdout());
            Ok(EXIT_OK)
        }
    };
    match result {
        Ok(code) => code,
        Err(Error::Interrupted) => {
            eprintln!("{}", Error::Interrupted);
            EXIT_INTERRUPTED
        }
        Err(err) => {
            eprintln!("error: {}", fieldbook::error::escape_lines(&err.to_string()));
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
    let shown = match (args.quiet, args.all) {
        (true, _) => Shown::Errors,
        (false, true) => Shown::All,
        (false, false) => Shown::Summed("fieldbook check --all"),
    };
    report_problems(checked.diagnostics(), checked.files(), args.format, shown);
    let code = if checked.diagnostics().is_ok() { EXIT_OK } else { EXIT_CONTENT_ERRORS };
    exiting_with(checked);
    Ok(code)
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
        root,
        drafts: args.drafts,
        internal: args.include_confidential,
        output_dir: args.output_dir.clone(),
        base_url: args.base_url.clone(),
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
    let display = if args.quiet { None } else { show_progress(progress, finished.clone()) };
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
    report_problems(checked.diagnostics(), checked.files(), args.format, shown);
    exiting_with(checked);
    match report {
        Some(_) if args.quiet => Ok(EXIT_OK),
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
        report_problems(&diagnostics, 0, Format::Human, Shown::All);
        return Ok(EXIT_CONTENT_ERRORS);
    }
    if args.reference {
        print!("{}", fieldbook::reference::markdown(&schema));
        Ok(EXIT_OK)
    } else if let Some(dir) = &args.json_schema {
        let dir = match (dir, &root) {
            (Some(dir), _) => dir.clone(),
            (None, Some(root)) => root.join(fieldbook::JSON_SCHEMA_DIR),
            (None, None) => PathBuf::from(fieldbook::JSON_SCHEMA_DIR),
        };
        let written = fieldbook::write_json_schemas(&schema, &dir)?;
        for path in &written {
            println!("{}", path.display());
        }
        eprintln!(
            "wrote {} into {}; see \"Checking while you type\" in Fieldbook's guide (docs/src/getting-started.md) to wire them into your editor",
            count(written.len(), "JSON Schema", "JSON Schemas"),
            dir.display()
        );
        Ok(EXIT_OK)
    } else {
        eprintln!("error: say what to print: --reference or --json-schema [DIR]");
        Ok(EXIT_FAILURE)
    }
}

fn init(args: &InitArgs) -> Result<u8, Error> {
    let options =
        fieldbook::scaffold::InitOptions { dir: args.dir.clone(), title: args.title.clone(), today: Date::today() };
    let report = fieldbook::scaffold::init(&options)?;
    for path in &report.created {
        println!("created {}", path.display());
    }
    for path in &report.kept {
        println!("kept    {} (it exists)", path.display());
    }
    let go =
        if args.dir == std::path::Path::new(".") { String::new() } else { format!("cd {} && ", args.dir.display()) };
    eprintln!(
        "\n{} in {}. Next:\n  {go}fieldbook build      # then open site/index.html\n  fieldbook new community \"Name\" --country ... --by ...\nAUTHORING.md is the guide for the site's authors.",
        count(report.created.len(), "file created", "files created"),
        args.dir.display()
    );
    Ok(EXIT_OK)
}

fn new(root: Option<PathBuf>, args: &NewArgs) -> Result<u8, Error> {
    use fieldbook::model::ContentType;
    let root = site_root(root)?;
    let (schema, diagnostics) = fieldbook::schema_in_force(&root)?;
    if !diagnostics.is_ok() {
        report_problems(&diagnostics, 0, Format::Human, Shown::All);
        return Ok(EXIT_CONTENT_ERRORS);
    }
    let config = fieldbook::read_config(&root)?;
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
    for set in &args.set {
        let Some((name, value)) = set.split_once('=') else {
            eprintln!("error: `--set {set}` needs the form FIELD=VALUE, such as --set population=12000");
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
    };
    // Ask for what is required and was not given; without answers, say which options give it.
    let needs = fieldbook::scaffold::needed(&schema, &request);
    let mut answers = Vec::new();
    let mut missing = Vec::new();
    let stdin = std::io::stdin();
    for need in &needs {
        eprintln!("{} ({}): {}", need.field.term.label, need.field.name, need.field.term.description);
        if !need.choices.is_empty() {
            let ids: Vec<&str> = need.choices.iter().map(|t| t.id.as_str()).collect();
            eprintln!("  one of: {}", ids.join(", "));
        }
        eprint!("> ");
        let mut line = String::new();
        match stdin.read_line(&mut line) {
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
        eprintln!("error: nothing was created: give {}", missing.join(" and "));
        return Ok(EXIT_FAILURE);
    }
    request.values.extend(answers);
    let path = fieldbook::scaffold::create(&root, &schema, &config, &request)?;
    println!("{}", path.display());
    eprintln!("created {} (status: draft). Fill it in, then run `fieldbook check`.", path.display());
    Ok(EXIT_OK)
}

fn fmt(root: Option<PathBuf>, args: &FmtArgs) -> Result<u8, Error> {
    let root = site_root(root)?;
    let report = fieldbook::fmt::format_site(&root, &args.paths, args.check)?;
    for d in report.problems.iter() {
        eprintln!("{}", d.render());
    }
    for path in &report.changed {
        println!("{path}");
    }
    let problems = report.problems.error_count();
    let verb = if args.check { "would change" } else { "changed" };
    eprintln!(
        "{} looked at: {} {verb}{}",
        count(report.files, "file", "files"),
        report.changed.len(),
        if problems > 0 {
            format!(", {} left as they are", count(problems, "file with errors", "files with errors"))
        } else {
            String::new()
        }
    );
    if args.check && !report.changed.is_empty() {
        eprintln!("run `fieldbook fmt` to tidy them");
        return Ok(EXIT_CONTENT_ERRORS);
    }
    Ok(if problems > 0 { EXIT_CONTENT_ERRORS } else { EXIT_OK })
}

fn serve(root: Option<PathBuf>, args: &ServeArgs) -> Result<u8, Error> {
    use fieldbook::serve::Event;
    let root = site_root(root)?;
    let shown_root = root.clone();
    let options = fieldbook::serve::ServeOptions {
        session: fieldbook::loaded::SessionOptions {
            root,
            audience: Audience { drafts: !args.published_only, internal: args.include_confidential },
            today: Date::today(),
        },
        address: args.bind,
        port: args.port.unwrap_or(DEFAULT_PORT),
        try_next_ports: args.port.is_none(),
    };
    if !args.bind.is_loopback() {
        eprintln!(
            "warning: serving on {} lets other computers on the network see the site{}",
            args.bind,
            if args.include_confidential { ", confidential pages included" } else { "" }
        );
    }
    let _ = ctrlc::set_handler(|| {
        eprintln!("\nstopped");
        std::process::exit(i32::from(EXIT_OK));
    });
    let open = args.open;
    let report = std::sync::Arc::new(move |event: Event| match event {
        Event::Loaded { elapsed, warnings } => {
            eprint!("{}", painted(fieldbook::report::human(&warnings, false, "fieldbook check --all")));
            let tally = fieldbook::report::Tally::of(&warnings);
            eprintln!("loaded the site in {:.2} s: {}", elapsed.as_secs_f64(), tally.describe_warnings());
        }
        Event::Listening(address) => {
            let host = if address.ip().is_unspecified() { "127.0.0.1".to_string() } else { address.ip().to_string() };
            let host = if host.contains(':') { format!("[{host}]") } else { host };
            println!("http://{host}:{}/", address.port());
            eprintln!("serving at http://{host}:{}/ (Ctrl-C to stop); pages reload when you save", address.port());
            if open {
                open_in_browser(&format!("http://{host}:{}/", address.port()));
            }
        }
        Event::Rebuilt { paths, applied, elapsed, warnings } => {
            let what: Vec<String> = paths
                .iter()
                .map(|p| {
                    fieldbook::diagnostic::escape_controls(&fieldbook::load::display_path(p, &shown_root)).into_owned()
                })
                .collect();
            eprintln!(
                "{}: updated in {} ms ({applied:?}), {}",
                what.join(", "),
                elapsed.as_millis(),
                count(warnings, "warning", "warnings")
            );
        }
        Event::Rejected { errors, count: n } => {
            eprintln!("{errors}");
            eprintln!("{}: the browser shows the last good version until they are fixed", count(n, "error", "errors"));
        }
        Event::Failed(message) => eprintln!("error: {}", fieldbook::error::escape_lines(&message)),
    });
    fieldbook::serve::serve(options, report)?;
    Ok(EXIT_OK)
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

/// How many of the warnings to print.
#[derive(Debug, Clone, Copy)]
enum Shown {
    /// Every one.
    All,
    /// Errors only, and the summary line only when there are errors (`--quiet`).
    Errors,
    /// Summed up by kind ([`fieldbook::report`]); the command that shows them all.
    Summed(&'static str),
}

/// Print problems and the summary line: for people, every error and the warnings summed up
/// by kind unless `shown` is `All`; as JSON, always every problem.
fn report_problems(diagnostics: &Diagnostics, files: usize, format: Format, shown: Shown) {
    let tally = fieldbook::report::Tally::of(diagnostics);
    match format {
        Format::Human => {
            let (all, command) = match shown {
                Shown::All => (true, ""),
                Shown::Summed(command) => (false, command),
                Shown::Errors => {
                    let mut errors = diagnostics.clone();
                    errors.retain(|d| d.severity == fieldbook::diagnostic::Severity::Error);
                    if !errors.is_empty() {
                        eprint!("{}", painted(fieldbook::report::human(&errors, true, "")));
                        eprintln!("checked {}: {}", count_of(files, "file", "files"), tally.describe());
                    }
                    return;
                }
            };
            eprint!("{}", painted(fieldbook::report::human(diagnostics, all, command)));
            eprintln!("checked {}: {}", count_of(files, "file", "files"), tally.describe());
        }
        Format::Json => {
            let doc = serde_json::json!({
                "diagnostics": diagnostics,
                "summary": {
                    "files": files,
                    "errors": tally.error_count(),
                    "warnings": tally.warning_count(),
                    "by_code": { "errors": tally.errors, "warnings": tally.warnings },
                },
            });
            println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        }
        Format::Sarif => {
            let log = fieldbook::report::sarif(diagnostics);
            println!("{}", serde_json::to_string_pretty(&log).unwrap_or_default());
        }
        Format::Github => {
            print!("{}", fieldbook::report::github(diagnostics));
            println!("checked {}: {}", count_of(files, "file", "files"), tally.describe());
        }
    }
}

/// "2,000 files": [`count`] with thousands separated.
fn count_of(n: usize, singular: &str, plural: &str) -> String {
    format!("{} {}", fieldbook::diagnostic::format_count(n), if n == 1 { singular } else { plural })
}

/// Open `url` in the browser `BROWSER` names, else the system's default; a failure is told,
/// never fatal (the address is printed anyway).
fn open_in_browser(url: &str) {
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
        Err(e) => eprintln!("warning: could not open a browser ({e}); open {url} yourself"),
    }
}

/// `explain`: a code's meaning and what to do, from the registry.
fn explain(args: &ExplainArgs) -> Result<u8, Error> {
    use fieldbook::codes::{CODES, find};
    let Some(wanted) = &args.code else {
        for code in CODES {
            println!("{:<26} {}", code.id, code.means);
        }
        return Ok(EXIT_OK);
    };
    let wanted = wanted.trim().trim_start_matches("error[").trim_start_matches("warning[").trim_end_matches(']');
    match find(wanted) {
        Some(code) => {
            println!(
                "{}\n\n{}\n\nWhat to do: {}\n\nThe guide's page \"Troubleshooting\" (docs/src/troubleshooting.md) has every code.",
                code.id, code.means, code.fix
            );
            Ok(EXIT_OK)
        }
        None => {
            let ids = CODES.iter().map(|c| c.id);
            let hint = fieldbook::diagnostic::did_you_mean(wanted, ids)
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            eprintln!("error: `{wanted}` is not a diagnostic code{hint}; `fieldbook explain` lists them all");
            Ok(EXIT_FAILURE)
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
