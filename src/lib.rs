//! Fieldbook turns a folder of community assessments, case studies, projects and guidance,
//! written as markdown with frontmatter, into a checked, cross-linked website that works
//! offline.
//!
//! The data flows one way, each stage a module that takes the previous stage's output:
//!
//! 1. [`load`]: find the files under `content/`, read them, parse their frontmatter into
//!    located trees ([`load::RawDoc`]).
//! 2. [`validate`]: check each tree against the [`schema`] and turn it into a typed
//!    [`model::Doc`].
//! 3. [`link`]: give every document its page, resolve references and links, compute
//!    backlinks ([`link::Site`]).
//! 4. `render` and `write` (see `build`): pages, data exports and search index, written
//!    atomically into the output folder.
//!
//! Problems in content never stop a stage: each stage adds [`diagnostic::Diagnostic`]s and
//! carries on, so one run reports everything. Fatal problems (no site, unreadable folders) are
//! [`error::Error`]s.

pub mod config;
pub mod date;
pub mod diagnostic;
pub mod error;
pub mod link;
pub mod load;
pub mod markdown;
pub mod model;
pub mod schema;
pub mod source;
pub mod text;
pub mod validate;

use std::path::{Path, PathBuf};

use config::{CONFIG_FILE, Config, SCHEMA_FILE};
use date::Date;
use diagnostic::{Diagnostic, Diagnostics, Location};
use error::{Error, Result};
use link::{Audience, Site};
use schema::Schema;
use source::SourceFile;

/// What to check, and for whom.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The site root (the folder with `fieldbook.toml`).
    pub root: PathBuf,
    /// Who the site is for: decides which pages exist for links.
    pub audience: Audience,
    /// The day review dates are measured against.
    pub today: Date,
}

/// A site loaded, validated and linked, with everything found wrong.
#[derive(Debug)]
pub struct Checked {
    /// The configuration, if it could be read.
    pub config: Option<Config>,
    /// The schema in force.
    pub schema: Schema,
    /// The linked site, unless the configuration could not be read.
    pub site: Option<Site>,
    /// Every problem found, sorted by file and position.
    pub diagnostics: Diagnostics,
    /// How many content files were looked at.
    pub files: usize,
}

/// Read a text file of the site, for configuration and schema.
fn read_source(root: &Path, name: &str) -> Result<Option<SourceFile>> {
    let path = root.join(name);
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
            Ok(Some(SourceFile::new(name, path, text)))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io("read", path, e)),
    }
}

/// Load, validate and link the site at `options.root`.
pub fn check(options: &CheckOptions) -> Result<Checked> {
    let root = &options.root;
    let mut diagnostics = Diagnostics::new();
    let config_source = read_source(root, CONFIG_FILE)?.ok_or_else(|| Error::NoSite(root.clone()))?;
    let schema_source = read_source(root, SCHEMA_FILE)?;
    let (schema, schema_diagnostics) = schema::load(schema_source.as_ref());
    diagnostics.extend(schema_diagnostics);
    let config = match Config::parse(&config_source) {
        Ok(config) => config,
        Err(d) => {
            diagnostics.push(*d);
            return Ok(Checked { config: None, schema, site: None, diagnostics, files: 0 });
        }
    };

    let content_dir = root.join("content");
    let loaded = if content_dir.is_dir() {
        let (loaded, load_diagnostics) = load::load(&content_dir, root);
        diagnostics.extend(load_diagnostics);
        loaded
    } else {
        diagnostics.push(
            Diagnostic::error("no-content", Location::file("content"), "the site has no `content/` folder")
                .with_help("create it, with communities/, case-studies/, projects/ and guidance/ inside (`fieldbook init` does it)"),
        );
        load::Loaded::default()
    };
    let files = loaded.docs.len();
    let context = validate::Context { schema: &schema, config: &config, today: options.today };
    let (validated, validate_diagnostics) = validate::validate(loaded.docs, context);
    diagnostics.extend(validate_diagnostics);
    let files = files.max(validated.docs.len() + validated.unusable.len());
    let (site, link_diagnostics) = link::link(validated, loaded.assets, &schema, options.audience);
    diagnostics.extend(link_diagnostics);
    diagnostics.sort();
    Ok(Checked { config: Some(config), schema, site: Some(site), diagnostics, files })
}
