//! Stage 1, load: find the content files, read them, and parse their frontmatter.
//!
//! Everything that can go wrong with a file as a file (unreadable, not UTF-8, too large, no or
//! unclosed frontmatter, invalid YAML or TOML, odd file names, symlink loops) is reported here
//! as a located diagnostic; the file is then skipped or loaded without frontmatter, and the
//! other files load as usual.

pub mod asset;
pub mod frontmatter;
pub mod node;
mod plain_yaml;
pub mod toml;
pub mod yaml;
mod yaml_mistakes;
mod yaml_pasted;

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::files::{Refusal, SiteFolder};
use crate::messages::Message;
use crate::model::ContentType;
use crate::source::{SourceFile, Span};
use crate::text::slugify;
pub use asset::AssetKind;
pub use frontmatter::Format;
use frontmatter::SplitError;
pub use node::{Entry, Node, NodeKind, Scalar, ScalarStyle};

/// Largest content file Fieldbook reads. Profiles are a few kilobytes; anything near this is
/// a mistake (a pasted data dump, an export saved with the wrong extension).
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// A content file read and split, its frontmatter parsed.
#[derive(Debug)]
pub struct RawDoc {
    /// The file.
    pub source: SourceFile,
    /// Path under content/, with `/` separators: `communities/tanger-nord.md`.
    pub content_path: String,
    /// The content type, from the folder.
    pub content_type: ContentType,
    /// The id, from the file name.
    pub slug: String,
    /// Where the slug came from (the file name), for messages.
    pub file_name: String,
    /// The language of the file name's suffix when the file is a translation
    /// (`ain-lmaati.fr.md` is the French translation of `ain-lmaati.md`, and shares its id).
    pub translation: Option<String>,
    /// The frontmatter format.
    pub format: Format,
    /// The parsed frontmatter, or `None` if it could not be parsed (an error says why).
    pub frontmatter: Option<Node>,
    /// Byte offset of the markdown body in the file.
    pub body_start: usize,
}

impl RawDoc {
    /// The markdown body.
    pub fn body(&self) -> &str {
        &self.source.text[self.body_start..]
    }
}

/// A file under content/ that is not markdown (an image, a PDF): published as it is, once
/// validation has admitted its kind and content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Path under content/, with `/` separators.
    pub content_path: String,
    /// Path on disk.
    pub path: PathBuf,
    /// What kind of file it is, from its extension.
    pub kind: AssetKind,
}

/// A markdown file found under content/, not read yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentFile {
    /// Path on disk.
    pub path: PathBuf,
    /// Path relative to the site root, for messages.
    pub display: String,
    /// Path under content/, with `/` separators.
    pub content_path: String,
    /// The content type, from the folder.
    pub content_type: ContentType,
}

/// What discovery found under content/.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Markdown files, in path order.
    pub files: Vec<ContentFile>,
    /// Other files, in path order.
    pub assets: Vec<Asset>,
    /// Files left out before any is read, as paths under content/: hidden ones (`.env`) and
    /// names that cannot be published. A link to one is told so, not that it does not exist.
    pub skipped: Vec<String>,
}

/// Folders of content beside `content/` rather than in it (`communities/` at the site's top,
/// a `Content/` folder where `content/` is missing): their pages would not be read, without a
/// word. Each such folder holding markdown is a warning; the caller says the folder is
/// missing, with [`content_folder_named_otherwise`] as its help.
pub fn content_folders_outside(site_root: &Path) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    for folder in ContentType::ALL.iter().filter_map(|t| t.folder()) {
        let path = site_root.join(folder);
        let holds_pages = walkdir::WalkDir::new(&path)
            .max_depth(4)
            .into_iter()
            .filter_map(Result::ok)
            .any(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x.eq_ignore_ascii_case("md")));
        if holds_pages {
            diagnostics.push(
                Diagnostic::warning_said(
                    "folder-outside-content",
                    Location::file(format!("{folder}/")),
                    Message::new("file.folder-outside-content").with("folder", folder),
                )
                .with_help_said(Message::new("file.folder-outside-content-help").with("folder", folder)),
            );
        }
    }
    diagnostics
}

/// The name of a folder at the site's top that is `content` written otherwise (`Content`,
/// `CONTENT`), when there is no `content/`: on Linux, and on the server that builds the site,
/// the names differ.
pub fn content_folder_named_otherwise(site_root: &Path) -> Option<String> {
    let entries = std::fs::read_dir(site_root).ok()?;
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| name != "content" && name.trim().eq_ignore_ascii_case("content"))
        .collect();
    names.sort();
    names.into_iter().next()
}

/// Find every file under `content_dir`, without reading any. `site_root` is only used to show
/// paths relative to it. The caller reads each file with [`load_file`], typically in parallel
/// and straight into validation, so that no file's parsed tree outlives its validation.
pub fn discover(content_dir: &Path, site_root: &Path) -> (Discovered, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let display = |path: &Path| display_path(path, site_root);
    let mut found = Discovered::default();
    let refused = |refusal: Refusal, path: &Path| {
        Diagnostic::error_said(refusal.code(), Location::file(display(path)), refusal.message_said())
            .with_help_said(refusal.help_said())
    };
    // Links are followed only where they stay inside the site folder: a contributed link to
    // /proc/self/environ or /etc must never be read, published or quoted.
    let site = match SiteFolder::new(site_root) {
        Ok(site) => site,
        Err(err) => {
            diagnostics.push(Diagnostic::error_said(
                "unreadable",
                Location::file("content"),
                Message::new("file.unreadable-site").with("reason", err.kind().to_string()),
            ));
            return (found, diagnostics);
        }
    };
    if let Err(refusal) = site.admit(content_dir) {
        diagnostics.push(refused(refusal, content_dir));
        return (found, diagnostics);
    }

    let walker = walkdir::WalkDir::new(content_dir).follow_links(true).sort_by_file_name().into_iter();
    let mut walker = walker.filter_entry(|entry| {
        // Hidden folders (.git, .obsidian) are never content; hidden files are looked at below.
        entry.depth() == 0 || !(entry.file_type().is_dir() && is_hidden(entry.file_name()))
    });
    loop {
        let entry = match walker.next() {
            None => break,
            Some(Ok(entry)) => entry,
            Some(Err(err)) => {
                match err.path().filter(|p| crate::files::is_link(p) && err.loop_ancestor().is_none()) {
                    Some(link) => diagnostics.push(refused(site.admit(link).err().unwrap_or(Refusal::Broken), link)),
                    None => diagnostics.push(walk_error(&err, &display)),
                }
                continue;
            }
        };
        let path = entry.path();
        if entry.path_is_symlink()
            && let Err(refusal) = site.admit(path)
        {
            diagnostics.push(refused(refusal, path));
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        if entry.file_type().is_dir() {
            continue;
        }
        if !entry.file_type().is_file() {
            // A pipe or device would block or flood the build if read.
            diagnostics.push(refused(Refusal::NotAFile, path));
            continue;
        }
        let Ok(relative) = path.strip_prefix(content_dir) else {
            continue;
        };
        let content_path = relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        let name = entry.file_name().to_string_lossy();
        let is_markdown = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("md"));

        if is_hidden(entry.file_name()) {
            if is_markdown {
                diagnostics.push(
                    Diagnostic::warning_said(
                        "hidden-file",
                        Location::file(display(path)),
                        Message::new("file.hidden").with("name", name.clone()),
                    )
                    .with_help_said(Message::new("file.hidden-help").with("name", name.trim_start_matches('.'))),
                );
            }
            found.skipped.push(content_path);
            continue;
        }
        if let Err(problem) = crate::files::check_name(&content_path) {
            diagnostics.push(
                Diagnostic::error_said(
                    "bad-file-name",
                    Location::file(display(path)),
                    Message::new("file.bad-name").with("name", name.clone()).phrase("problem", problem.explain()),
                )
                .with_help_said(Message::new("file.bad-name-help")),
            );
            found.skipped.push(content_path);
            continue;
        }
        if !is_markdown {
            let kind = AssetKind::of(&content_path);
            found.assets.push(Asset { content_path, path: path.to_path_buf(), kind });
            continue;
        }
        match ContentType::from_content_path(&content_path) {
            Some(content_type) => found.files.push(ContentFile {
                path: path.to_path_buf(),
                display: display(path),
                content_path,
                content_type,
            }),
            None => diagnostics.push(
                Diagnostic::warning_said(
                    "unknown-folder",
                    Location::file(display(path)),
                    Message::new("file.unknown-folder"),
                )
                .with_help_said(
                    Message::new("file.unknown-folder-help").with(
                        "folders",
                        ContentType::ALL
                            .iter()
                            .filter_map(|t| t.folder())
                            .map(|f| format!("content/{f}/"))
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                ),
            ),
        }
    }

    (found, diagnostics)
}

/// `path` relative to `root`, with `/` separators, for messages.
pub fn display_path(path: &Path, root: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn walk_error(err: &walkdir::Error, display: &dyn Fn(&Path) -> String) -> Diagnostic {
    let path = err.path().map(display).unwrap_or_else(|| "content".into());
    if let Some(ancestor) = err.loop_ancestor() {
        return Diagnostic::error_said(
            "symlink-loop",
            Location::file(path),
            Message::new("file.symlink-loop").with("folder", display(ancestor)),
        )
        .with_help_said(Message::new("file.symlink-loop-help"));
    }
    let reason = err.io_error().map(|e| e.kind().to_string()).unwrap_or_else(|| err.to_string());
    Diagnostic::error_said(
        "unreadable",
        Location::file(path),
        Message::new("file.unreadable-folder").with("reason", reason),
    )
}

/// The error for a file of the site that is not UTF-8 (`display` names it as messages do),
/// located at its first byte that is not: a content file, `fieldbook.toml`, `schema.toml`.
pub fn not_utf8(display: &str, path: &Path, err: std::string::FromUtf8Error) -> Diagnostic {
    let valid = err.utf8_error().valid_up_to();
    let bad = err.as_bytes()[valid];
    let lossy = String::from_utf8_lossy(err.as_bytes()).into_owned();
    // Locate the bad byte in a lossy copy: everything before it is unchanged.
    let source = SourceFile::new(display, path, lossy);
    Diagnostic::error_said(
        "not-utf8",
        Location::at(&source, Span::new(valid, valid + 1)),
        Message::new("file.not-utf8").with("byte", format!("0x{bad:02X}")),
    )
    .with_help_said(Message::new("file.not-utf8-help"))
}

/// Read and parse one content file. Returns the document (if it could be read) and its problems.
pub fn load_file(file: ContentFile) -> (Option<RawDoc>, Diagnostics) {
    let ContentFile { path, display, content_path, content_type } = file;
    let path = path.as_path();
    let mut diagnostics = Diagnostics::new();
    let file_location = || Location::file(display.clone());

    let unreadable = |err: std::io::Error| {
        Diagnostic::error_said(
            "unreadable",
            Location::file(display.clone()),
            Message::new("file.unreadable").with("reason", err.kind().to_string()),
        )
    };
    // Open once, and check the size on the open file before reading it.
    let mut handle = match std::fs::File::open(path) {
        Ok(handle) => handle,
        Err(err) => {
            diagnostics.push(unreadable(err));
            return (None, diagnostics);
        }
    };
    let size = handle.metadata().map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE_BYTES {
        diagnostics.push(
            Diagnostic::error_said(
                "file-too-large",
                file_location(),
                Message::new("file.too-large")
                    .with("size", format!("{:.1}", size as f64 / 1_048_576.0))
                    .number("limit", MAX_FILE_BYTES / 1_048_576),
            )
            .with_help_said(Message::new("file.too-large-help")),
        );
        return (None, diagnostics);
    }
    let mut bytes = Vec::with_capacity(size as usize + 1);
    if let Err(err) = std::io::Read::read_to_end(&mut handle, &mut bytes) {
        diagnostics.push(unreadable(err));
        return (None, diagnostics);
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            diagnostics.push(not_utf8(&display, path, err));
            return (None, diagnostics);
        }
    };
    let (doc, more) = load_text(ContentFile { path: path.to_path_buf(), display, content_path, content_type }, text);
    diagnostics.extend(more);
    (doc, diagnostics)
}

/// Parse the text of a content file that was read already (or not yet written, as `fieldbook
/// new` checks its file before writing it). `file` says where the text belongs.
pub fn load_text(file: ContentFile, text: String) -> (Option<RawDoc>, Diagnostics) {
    let ContentFile { path, display, content_path, content_type } = file;
    let path = path.as_path();
    let mut diagnostics = Diagnostics::new();
    let file_location = || Location::file(display.clone());
    // A byte-order mark is legal but invisible: drop it so positions count from the first
    // character a person sees.
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    let source = SourceFile::new(display.clone(), path, text);

    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = file_name.strip_suffix(".md").or_else(|| file_name.strip_suffix(".MD")).unwrap_or(&file_name);
    let (stem, translation) = split_language(stem);
    let suffix = translation.as_ref().map(|l| format!(".{l}")).unwrap_or_default();
    let slug = slugify(stem);
    if slug.is_empty() {
        diagnostics.push(
            Diagnostic::error_said(
                "bad-file-name",
                file_location(),
                Message::new("file.no-id").with("name", file_name.clone()),
            )
            .with_help_said(Message::new("file.no-id-help")),
        );
        return (None, diagnostics);
    }
    if slug != stem {
        diagnostics.push(
            Diagnostic::warning_said(
                "file-name-not-id",
                file_location(),
                Message::new("file.name-not-id").with("name", file_name.clone()).with("id", slug.clone()),
            )
            .with_help_said(Message::new("file.name-not-id-help").with("name", format!("{slug}{suffix}.md"))),
        );
    }

    let parts = match frontmatter::split(&source.text) {
        Ok(parts) => parts,
        Err(err) => {
            diagnostics.push(split_error(err, &source));
            return (None, diagnostics);
        }
    };
    let frontmatter_text = &source.text[parts.frontmatter_start..parts.frontmatter_end];
    let frontmatter = match parts.format {
        Format::Yaml => yaml::parse(frontmatter_text, parts.frontmatter_start).map_err(|e| e.diagnostic(&source)),
        Format::Toml => toml::parse(frontmatter_text, parts.frontmatter_start).map_err(|e| e.diagnostic(&source)),
    };
    let frontmatter = match frontmatter {
        Ok(node) => Some(node),
        Err(d) => {
            diagnostics.push(d);
            None
        }
    };
    let doc = RawDoc {
        source,
        content_path,
        content_type,
        slug,
        file_name,
        translation,
        format: parts.format,
        frontmatter,
        body_start: parts.body_start,
    };
    (Some(doc), diagnostics)
}

/// A file name's stem split into the original's stem and the language of a translation:
/// `ain-lmaati.fr` is (`ain-lmaati`, `fr`), as in Hugo and Zola; a stem without a language
/// suffix is itself.
pub fn split_language(stem: &str) -> (&str, Option<String>) {
    match stem.rsplit_once('.') {
        Some((base, suffix)) if !base.is_empty() && crate::text::is_language_code(suffix) => {
            (base, Some(suffix.to_string()))
        }
        _ => (stem, None),
    }
}

/// The path under content/ of the original of the translation at `content_path`
/// (`communities/ain-lmaati.fr.md` to `communities/ain-lmaati.md`).
pub fn original_path(content_path: &str, language: &str) -> Option<String> {
    let (folder, name) = content_path.rsplit_once('/').map(|(f, n)| (Some(f), n)).unwrap_or((None, content_path));
    let extension = if name.ends_with(".MD") { ".MD" } else { ".md" };
    let stem = name.strip_suffix(extension)?.strip_suffix(language)?.strip_suffix('.')?;
    Some(match folder {
        Some(folder) => format!("{folder}/{stem}{extension}"),
        None => format!("{stem}{extension}"),
    })
}

/// What is wrong when a file's frontmatter and body cannot be found (also used by `fmt`).
pub(crate) fn split_error(err: SplitError, source: &SourceFile) -> Diagnostic {
    match err {
        SplitError::Empty => Diagnostic::error_said(
            "empty-file",
            Location::file(source.display_path.clone()),
            Message::new("file.empty"),
        )
        .with_help_said(Message::new("file.empty-help")),
        SplitError::Missing { later_fence: Some(offset) } => Diagnostic::error_said(
            "frontmatter-not-first",
            Location::at(source, Span::new(offset, offset + 3)),
            Message::new("file.frontmatter-not-first"),
        )
        .with_help_said(Message::new("file.frontmatter-not-first-help")),
        SplitError::Missing { later_fence: None } => Diagnostic::error_said(
            "missing-frontmatter",
            Location::at(source, Span::new(0, source.line_text(1).len())),
            Message::new("file.no-frontmatter"),
        )
        .with_help_said(Message::new("file.no-frontmatter-help")),
        SplitError::Unclosed(format) => Diagnostic::error_said(
            "unclosed-frontmatter",
            Location::at(source, Span::new(0, 3)),
            Message::new("file.unclosed-frontmatter").with("fence", format.fence()),
        )
        .with_help_said(Message::new("file.unclosed-frontmatter-help").with("fence", format.fence())),
        odd => frontmatter::nearly_right(odd, source),
    }
}
