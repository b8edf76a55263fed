//! The command line's arguments: the commands, their options and their help texts (clap).
//!
//! The help texts here are the English; `help.rs` says them in the site's language, from
//! `src/messages/help/`, where a test wants every text of help translated: a new command,
//! option or value needs its translations there.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

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

    /// Say more: each stage's time (wall and CPU) and what it counted (files, documents,
    /// linked pages, errors and warnings, pages and files written), on stderr; for `import`,
    /// every disaggregation part left out for privacy.
    #[arg(short, long, global = true)]
    pub verbose: bool,

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
        after_help = "Examples:\n  fieldbook schema --reference > reference.md   # every field, indicator and list, as markdown, in the site's language\n  fieldbook schema --reference --language fr    # in French, whatever the site's language\n  fieldbook schema --json-schema                # schemas/community.schema.json and the others, for editors\n  fieldbook schema --json-schema .vscode/schemas\n\nRun `schema --json-schema` again after changing schema.toml: the JSON Schemas follow the schema in force."
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
    /// Start the translation of a page into one of the site's languages, as a draft.
    ///
    /// Writes the file beside the original with the language before `.md` (ain-lmaati.fr.md):
    /// the title and summary to translate, a note in that language on what to do, and the
    /// original's text with the section headings in that language. Figures, dates and lists
    /// are left out: a translation takes them from its original. An existing file is never
    /// overwritten.
    #[command(
        after_help = "Examples:\n  fieldbook translate content/communities/ain-lmaati.md fr\n  fieldbook translate community:ain-lmaati es\n  fieldbook translate guidance/advocacy.md ar\n  fieldbook translate --missing fr             # every published page with no French translation yet\n\nThe language must be one of `languages` in fieldbook.toml, other than the site's own."
    )]
    Translate(TranslateArgs),
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
    /// Write the survey form (XLSForm) for KoBoToolbox and ODK, made from the schema.
    ///
    /// One question per indicator a household or individual survey can measure, grouped as in
    /// the schema, with the community and the respondent's sex, age group and migrant status.
    /// Indicators left out (free text, sensitive ones...) are listed.
    #[command(
        after_help = "Examples:\n  fieldbook form                                  # forms/community-survey.xlsx\n  fieldbook form --output round-2.xlsx\n  fieldbook form --include-sensitive\n  fieldbook form --drafts                         # offer draft profiles as communities too\n\nThe form offers published profiles only; --drafts and --include-confidential add the others.\nUpload the file to KoBoToolbox or ODK Central, collect, export the submissions, then\nrun `fieldbook import` on the export."
    )]
    Form(FormArgs),
    /// Write the figures of a survey round into the community profiles.
    ///
    /// Reads a submissions export of the form `fieldbook form` made (KoBoToolbox CSV or XLSX,
    /// ODK Central CSV), computes each indicator for each community with its evidence (n,
    /// method, date, source, disaggregation) and writes it into the profile. A submission
    /// repeated in the export (the same instance id) counts once. Bad input is reported with
    /// its row and column, and then nothing is written.
    #[command(
        after_help = "Examples:\n  fieldbook import submissions.csv --dry-run     # what would change, file by file\n  fieldbook import submissions.xlsx\n  fieldbook import round-2.csv --replace         # replace figures of another source\n  fieldbook import export.csv --create --country Senegal --by \"Field team\"\n  fieldbook --verbose import export.csv          # list each disaggregation part left out\n\nExit codes: 0 written (or would be), 1 problems in the file (nothing written), 2 usage or I/O failure."
    )]
    Import(ImportArgs),
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
pub(super) const DEFAULT_PORT: u16 = 8000;

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
    /// Also write a CI workflow that installs Fieldbook, checks and builds on every push:
    /// .github/workflows/fieldbook.yml (github) or .gitlab-ci.yml (gitlab).
    #[arg(long, value_enum, value_name = "SERVICE")]
    pub(crate) ci: Option<CiService>,
    /// The language of the example site, AUTHORING.md and the settings' comments; the site's
    /// `language`.
    #[arg(long, default_value = "en", value_name = "CODE",
        value_parser = clap::builder::PossibleValuesParser::new(fieldbook::scaffold::LANGUAGES))]
    pub(crate) language: String,
}

/// The CI services `init --ci` writes a workflow for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CiService {
    /// GitHub Actions.
    Github,
    /// GitLab CI.
    Gitlab,
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

/// Options of `translate`.
#[derive(Debug, clap::Args)]
pub(crate) struct TranslateArgs {
    /// The original: its file (content/communities/ain-lmaati.md) or its id (community:ain-lmaati).
    #[arg(value_name = "PAGE", required_unless_present = "missing")]
    pub(crate) page: Option<String>,
    /// The language to translate into, one of the site's `languages`: fr, es, ar...
    #[arg(value_name = "LANGUAGE", required_unless_present = "missing")]
    pub(crate) language: Option<String>,
    /// Start the translation into this language of every published page that has none yet.
    #[arg(long, value_name = "LANGUAGE", conflicts_with_all = ["page", "language"])]
    pub(crate) missing: Option<String>,
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

/// Options of `form`.
#[derive(Debug, clap::Args)]
pub(crate) struct FormArgs {
    /// Where to write the form (default: forms/community-survey.xlsx in the site).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// Ask the indicators the schema marks sensitive too.
    #[arg(long)]
    pub(crate) include_sensitive: bool,
    /// Offer draft profiles as communities too (by default the form offers published ones only).
    #[arg(long)]
    pub(crate) drafts: bool,
    /// Offer confidential profiles as communities too: their names go to the survey platform
    /// and to every enumerator's phone.
    #[arg(long)]
    pub(crate) include_confidential: bool,
}

/// Options of `import`.
#[derive(Debug, clap::Args)]
pub(crate) struct ImportArgs {
    /// The submissions export (CSV or XLSX).
    #[arg(value_name = "SUBMISSIONS")]
    pub(crate) file: PathBuf,
    /// The method written in each entry (default: individual-survey).
    #[arg(long, value_name = "ID")]
    pub(crate) method: Option<String>,
    /// Print what would change, file by file; write nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// Replace entries whose source is another one (an earlier round, a figure typed in).
    #[arg(long)]
    pub(crate) replace: bool,
    /// Create a draft profile for a community of the submissions that has none.
    #[arg(long, requires_all = ["country", "by"])]
    pub(crate) create: bool,
    /// Country of the profiles created (with --create).
    #[arg(long, requires = "create", value_parser = clap::builder::NonEmptyStringValueParser::new())]
    pub(crate) country: Option<String>,
    /// Organization that carried out the survey, for profiles created (with --create).
    #[arg(
        long = "by",
        value_name = "ORGANIZATION",
        requires = "create",
        value_parser = clap::builder::NonEmptyStringValueParser::new()
    )]
    pub(crate) by: Vec<String>,
}

/// Options of `schema`.
#[derive(Debug, clap::Args)]
pub(crate) struct SchemaArgs {
    /// Print the field and schema reference as markdown.
    #[arg(long, conflicts_with = "json_schema")]
    pub(crate) reference: bool,
    /// With --reference: the reference in this language rather than the site's (its headings
    /// and sentences, and the labels and descriptions of the schema's entries: Fieldbook's
    /// translations and the site's own).
    #[arg(long, value_name = "CODE", requires = "reference")]
    pub(crate) language: Option<String>,
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
    /// Publish under this web address instead of fieldbook.toml's `base_url` (the feed, the
    /// sitemap and the exports' links to pages use it; the pages link relatively either way).
    /// A build with --drafts or --include-confidential uses no address without it.
    #[arg(long, value_name = "URL")]
    pub(crate) base_url: Option<String>,
    /// Make every file again. By default a file whose inputs did not change since the last
    /// build (the same program, settings, theme, day and content it reads) is taken from
    /// that build.
    #[arg(long)]
    pub(crate) fresh: bool,
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
