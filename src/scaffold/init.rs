//! `fieldbook init`: a new site with settings, content folders, one short example of each
//! content type, an authors' guide and editor support. Existing files are kept as they are.

use std::path::{Path, PathBuf};

use crate::date::Date;
use crate::error::{Error, Result};
use crate::model::ContentType;
use crate::source::SourceFile;

use super::Refusals;

/// What to create.
#[derive(Debug, Clone)]
pub struct InitOptions {
    /// The site folder, created if needed.
    pub dir: PathBuf,
    /// The site's title; by default the folder's name.
    pub title: Option<String>,
    /// The date written into the examples.
    pub today: Date,
    /// A CI workflow to write too, if any.
    pub ci: Option<Ci>,
    /// The language of the starter files, one of [`LANGUAGES`]; the site's `language`.
    pub language: String,
}

/// The languages `init --language` writes a site in: English, and the translations in
/// `site-fr/`, `site-es/` and `site-ar/`.
pub const LANGUAGES: [&str; 4] = ["en", "fr", "es", "ar"];

/// Translated starter files, by language: a file not listed is the English one (its text
/// says nothing a reader has to read, such as `.gitignore` or the editor settings).
const TRANSLATED: [(&str, &str, &str); 24] = [
    ("fr", "fieldbook.toml", include_str!("site-fr/fieldbook.toml")),
    ("fr", "schema.toml", include_str!("site-fr/schema.toml")),
    ("fr", "AUTHORING.md", include_str!("site-fr/AUTHORING.md")),
    ("fr", "content/about.md", include_str!("site-fr/content/about.md")),
    ("fr", "content/communities/riverside.md", include_str!("site-fr/content/communities/riverside.md")),
    (
        "fr",
        "content/case-studies/riverside-literacy-classes.md",
        include_str!("site-fr/content/case-studies/riverside-literacy-classes.md"),
    ),
    (
        "fr",
        "content/projects/riverside-repair-workshop.md",
        include_str!("site-fr/content/projects/riverside-repair-workshop.md"),
    ),
    (
        "fr",
        "content/guidance/example-housing-guidance.md",
        include_str!("site-fr/content/guidance/example-housing-guidance.md"),
    ),
    ("es", "fieldbook.toml", include_str!("site-es/fieldbook.toml")),
    ("es", "schema.toml", include_str!("site-es/schema.toml")),
    ("es", "AUTHORING.md", include_str!("site-es/AUTHORING.md")),
    ("es", "content/about.md", include_str!("site-es/content/about.md")),
    ("es", "content/communities/riverside.md", include_str!("site-es/content/communities/riverside.md")),
    (
        "es",
        "content/case-studies/riverside-literacy-classes.md",
        include_str!("site-es/content/case-studies/riverside-literacy-classes.md"),
    ),
    (
        "es",
        "content/projects/riverside-repair-workshop.md",
        include_str!("site-es/content/projects/riverside-repair-workshop.md"),
    ),
    (
        "es",
        "content/guidance/example-housing-guidance.md",
        include_str!("site-es/content/guidance/example-housing-guidance.md"),
    ),
    ("ar", "fieldbook.toml", include_str!("site-ar/fieldbook.toml")),
    ("ar", "schema.toml", include_str!("site-ar/schema.toml")),
    ("ar", "AUTHORING.md", include_str!("site-ar/AUTHORING.md")),
    ("ar", "content/about.md", include_str!("site-ar/content/about.md")),
    ("ar", "content/communities/riverside.md", include_str!("site-ar/content/communities/riverside.md")),
    (
        "ar",
        "content/case-studies/riverside-literacy-classes.md",
        include_str!("site-ar/content/case-studies/riverside-literacy-classes.md"),
    ),
    (
        "ar",
        "content/projects/riverside-repair-workshop.md",
        include_str!("site-ar/content/projects/riverside-repair-workshop.md"),
    ),
    (
        "ar",
        "content/guidance/example-housing-guidance.md",
        include_str!("site-ar/content/guidance/example-housing-guidance.md"),
    ),
];

/// The starter file at `path` in `language`: the translation if there is one, else English.
fn template_in<'a>(language: &str, path: &str, english: &'a str) -> &'a str {
    TRANSLATED.iter().find(|(l, p, _)| *l == language && *p == path).map_or(english, |(_, _, text)| text)
}

/// A continuous-integration service `init --ci` writes a workflow for: it installs Fieldbook,
/// checks the content and builds the site on every push.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ci {
    /// GitHub Actions: `.github/workflows/fieldbook.yml`, problems as annotations on the lines.
    GitHub,
    /// GitLab CI: `.gitlab-ci.yml`, problems kept as SARIF and JSON artifacts.
    GitLab,
}

impl Ci {
    /// Where the workflow goes, relative to the site folder (the repository's root).
    pub fn path(self) -> &'static str {
        match self {
            Ci::GitHub => ".github/workflows/fieldbook.yml",
            Ci::GitLab => ".gitlab-ci.yml",
        }
    }

    /// The workflow, as the guide shows it (docs/src/checking.md includes these files).
    pub fn workflow(self) -> &'static str {
        match self {
            Ci::GitHub => include_str!("ci/github.yml"),
            Ci::GitLab => include_str!("ci/gitlab.yml"),
        }
    }
}

/// What `init` did, as paths relative to the site folder.
#[derive(Debug, Default)]
pub struct InitReport {
    /// Files created.
    pub created: Vec<PathBuf>,
    /// Files that existed and were left as they were.
    pub kept: Vec<PathBuf>,
}

/// The starter files: path in the new site, and text (with `{title}` and `{today}` filled in).
const FILES: [(&str, &str); 11] = [
    ("fieldbook.toml", include_str!("site/fieldbook.toml")),
    ("schema.toml", include_str!("site/schema.toml")),
    (".gitignore", include_str!("site/gitignore.txt")),
    ("AUTHORING.md", include_str!("site/AUTHORING.md")),
    (".remarkrc.mjs", include_str!("site/.remarkrc.mjs")),
    (".vscode/extensions.json", include_str!("site/vscode-extensions.json")),
    ("content/about.md", include_str!("site/content/about.md")),
    ("content/communities/riverside.md", include_str!("site/content/communities/riverside.md")),
    (
        "content/case-studies/riverside-literacy-classes.md",
        include_str!("site/content/case-studies/riverside-literacy-classes.md"),
    ),
    (
        "content/projects/riverside-repair-workshop.md",
        include_str!("site/content/projects/riverside-repair-workshop.md"),
    ),
    ("content/guidance/example-housing-guidance.md", include_str!("site/content/guidance/example-housing-guidance.md")),
];

/// Create a site in `options.dir`. Files that exist are kept, never overwritten.
pub fn init(options: &InitOptions) -> Result<InitReport> {
    let dir = &options.dir;
    refuse_inside_a_site(dir, &super::prompts(&options.language).refuse)?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
    let title = match &options.title {
        Some(title) => title.clone(),
        None => std::path::absolute(dir)
            .ok()
            .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "Community assessments".into()),
    };
    let mut report = InitReport::default();
    let refuse = &super::prompts(&options.language).refuse;
    let fill = |template: &str| {
        template.replace("{title}", &toml_escape(&title)).replace("{today}", &options.today.to_string())
    };
    // Settings first: the examples are written in the form `fmt` gives the schema in force,
    // which is the site's schema.toml if one was there already.
    if !LANGUAGES.contains(&options.language.as_str()) {
        return Err(Error::Other(format!(
            "there is no starter site in `{}`; the languages are {}",
            options.language,
            LANGUAGES.join(", ")
        )));
    }
    let template = |path: &str, english: &'static str| template_in(&options.language, path, english);
    for (path, english) in FILES.iter().filter(|(path, _)| !path.starts_with("content/")) {
        create_file(dir, Path::new(path), &fill(template(path, english)), &mut report, refuse)?;
    }
    let schema_text = std::fs::read_to_string(dir.join(crate::config::SCHEMA_FILE)).unwrap_or_default();
    let source = SourceFile::new(crate::config::SCHEMA_FILE, dir.join(crate::config::SCHEMA_FILE), schema_text);
    let (schema, _) = crate::schema::load(Some(&source));
    for (path, english) in FILES.iter().filter(|(path, _)| path.starts_with("content/")) {
        let text = fill(template(path, english));
        let content_type =
            ContentType::from_content_path(path.trim_start_matches("content/")).unwrap_or(ContentType::Page);
        let text = crate::fmt::format_text(&text, content_type, &schema, path).unwrap_or(text);
        create_file(dir, Path::new(path), &text, &mut report, refuse)?;
    }
    if let Some(ci) = options.ci {
        create_file(dir, Path::new(ci.path()), ci.workflow(), &mut report, refuse)?;
    }
    for (content_type, text) in crate::schema::json_schema::all_to_text(&schema, &options.language, false) {
        let path = Path::new(crate::JSON_SCHEMA_DIR).join(crate::schema::json_schema::file_name(content_type));
        create_file(dir, &path, &text, &mut report, refuse)?;
    }
    Ok(report)
}

/// Refuse a new site in the `content/` or `themes/` folder of a site above it: that site's
/// build would publish the new one's files as its own pages and theme. A site beside
/// another's folders (`reports/2027/` in a site's folder) is its own business.
fn refuse_inside_a_site(dir: &Path, refuse: &Refusals) -> Result<()> {
    let absolute = crate::write::normalize(dir);
    let Some(outer) = absolute.ancestors().skip(1).find(|d| d.join(crate::config::CONFIG_FILE).is_file()) else {
        return Ok(());
    };
    for folder in ["content", "themes"] {
        if absolute.starts_with(outer.join(folder)) {
            let (dir, site) = (dir.display().to_string(), outer.display().to_string());
            let values = [("dir", dir.as_str()), ("folder", folder), ("site", site.as_str())];
            return Err(Error::Other(super::Prompts::fill(refuse.inside_site, &values)));
        }
    }
    Ok(())
}

/// Write `text` at `relative` in `dir` unless a file is there (then it is kept); `refuse` says
/// so if one appears meanwhile.
fn create_file(dir: &Path, relative: &Path, text: &str, report: &mut InitReport, refuse: &Refusals) -> Result<()> {
    let path = dir.join(relative);
    if path.exists() || path.is_symlink() {
        report.kept.push(relative.to_path_buf());
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
    }
    super::write_new(&path, text, refuse)?;
    report.created.push(relative.to_path_buf());
    Ok(())
}

/// Text safe inside a TOML basic string.
fn toml_escape(text: &str) -> String {
    text.chars()
        .flat_map(|c| match c {
            '"' => vec!['\\', '"'],
            '\\' => vec!['\\', '\\'],
            c if c.is_control() => vec![' '],
            c => vec![c],
        })
        .collect()
}
