//! The authoring commands' files: a new content file scaffolded from the schema in force
//! (`fieldbook new`), the start of a page's translation (`fieldbook translate`, in
//! `translate.rs`), and a new site with one short example of each content type
//! (`fieldbook init`). None ever overwrites a file.

mod init;
mod prompts;
mod text;
mod translate;
mod words;

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::date::Date;
use crate::diagnostic::{Diagnostics, did_you_mean};
use crate::error::{Error, Result};
use crate::load::ContentFile;
use crate::messages::Messages;
use crate::model::ContentType;
use crate::schema::{Field, FieldKind, Schema, Term};
use crate::text::slugify;

pub use init::{Ci, InitOptions, InitReport, LANGUAGES, init};
pub use prompts::{Prompts, Refusals, prompts};
pub use text::{new_file_text, yaml_scalar};
pub use translate::{Original, create_missing_translations, create_translation, find_original};
pub use words::{Words, words};

/// What `fieldbook new` is asked to create.
#[derive(Debug, Clone)]
pub struct NewRequest {
    /// The content type.
    pub content_type: ContentType,
    /// The title, as the author wrote it.
    pub title: String,
    /// The id (file name without .md); by default the title's slug.
    pub slug: Option<String>,
    /// Values of frontmatter fields, by field name, in the order given. A list field may be
    /// given several times.
    pub values: Vec<(String, String)>,
    /// The day written as the assessment date.
    pub today: Date,
    /// The language of the file's comments and section headings, and of what `new` says:
    /// the site's `language` (English for a language Fieldbook has no words in).
    pub language: String,
}

impl NewRequest {
    /// The status the new file is written with: the first one given, as the file takes it
    /// (an empty one is not given), or `draft`.
    pub fn status(&self) -> &str {
        let mut given = self.values.iter().filter(|(name, _)| name == "status").map(|(_, value)| value.trim());
        given.find(|value| !value.is_empty()).unwrap_or("draft")
    }

    /// Why nothing can be written, in the request's language.
    fn refuse(&self) -> &'static Refusals {
        &prompts(&self.language).refuse
    }

    /// Refuse a line break, or any other control character, in the title or a value: each is
    /// written on one line of the frontmatter, and a line break there would start a field of
    /// its own (`Inj\nstatus: published` would publish the page).
    fn check_one_line(&self) -> Result<()> {
        let refuse = self.refuse();
        let given = [("title", self.title.as_str())]
            .into_iter()
            .chain(self.values.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        let slug = self.slug.as_deref().map(|slug| ("--slug", slug));
        for (name, value) in given.chain(slug) {
            let Some(c) = value.trim().chars().find(|c| c.is_control()) else { continue };
            let why = if matches!(c, '\n' | '\r' | '\u{85}') {
                refuse.line_break.to_string()
            } else {
                Prompts::fill(refuse.control, &[("code", &format!("{:04X}", c as u32))])
            };
            return Err(Error::Other(Prompts::fill(refuse.bad_value, &[("field", name), ("why", &why)])));
        }
        Ok(())
    }
}

/// A value `new` needs and was not given: the CLI asks for it, or says which option gives it.
#[derive(Debug)]
pub struct Need<'s> {
    /// The field.
    pub field: &'s Field,
    /// The ids it may take, for id fields.
    pub choices: Vec<&'s Term>,
    /// The command-line option that gives it.
    pub option: String,
}

/// The command-line option that gives field `name`.
pub fn option_for(name: &str) -> String {
    match name {
        "country" => "--country".into(),
        "assessed_by" => "--by".into(),
        "communities" => "--community".into(),
        "approach" => "--approach".into(),
        "sector" => "--sector".into(),
        "topic" => "--topic".into(),
        other => format!("--set {other}=..."),
    }
}

/// Values `new` fills in when they are not given.
fn default_value(content_type: ContentType, field: &Field, today: Date) -> Option<String> {
    match (content_type, field.name.as_str()) {
        (_, "status") => Some("draft".into()),
        (ContentType::Community, "assessed") => Some(today.to_string()),
        // Every assessment starts with a desk review (Table 3.1 suggests it for most areas).
        (ContentType::Community, "methods") => Some("desk-review".into()),
        _ => None,
    }
}

/// The required values of `request` that are neither given nor defaulted, in schema order.
pub fn needed<'s>(schema: &'s Schema, request: &NewRequest) -> Vec<Need<'s>> {
    let given = |name: &str| request.values.iter().any(|(n, _)| n == name);
    let mut needs = Vec::new();
    for (_, field) in schema.fields_of(request.content_type) {
        let required = field.required_for.contains(&request.content_type)
            // A guidance page needs a sector or a topic.
            || (request.content_type == ContentType::Guidance && field.name == "sector" && !given("topic"));
        if !required
            || field.name == "title"
            || given(&field.name)
            || default_value(request.content_type, field, request.today).is_some()
        {
            continue;
        }
        let mut choices: Vec<&Term> = match (field.kind, field.of.as_deref()) {
            (FieldKind::Id | FieldKind::Ids, Some(of)) => schema.list(of).unwrap_or_default(),
            _ => Vec::new(),
        };
        if request.content_type == ContentType::Guidance && field.name == "sector" {
            choices.extend(schema.guidance_topics.iter());
        }
        needs.push(Need { field, choices, option: option_for(&field.name) });
    }
    needs
}

/// The longest file name `new` makes from a title, in bytes (without `.md`): about 80 Latin
/// letters, 40 Arabic ones. A long title ("Community profile of Douar Tafraout, commune of
/// Tafraout, province of Tiznit…") would otherwise make a name no one types, and an Arabic one
/// of 130 letters a name longer than the 255 bytes most file systems allow.
pub const MAX_SLUG_BYTES: usize = 80;

/// `slug` cut to [`MAX_SLUG_BYTES`] at the end of a word (a `-`), or of a letter when its
/// first word alone is longer.
fn shortened(slug: String) -> String {
    if slug.len() <= MAX_SLUG_BYTES {
        return slug;
    }
    // The longest run of whole characters within the limit.
    let mut end = MAX_SLUG_BYTES;
    while !slug.is_char_boundary(end) {
        end -= 1;
    }
    // It ends a word when a dash follows; else back to the last dash in it.
    let cut =
        if slug[end..].starts_with('-') { end } else { slug[..end].rfind('-').filter(|&dash| dash > 0).unwrap_or(end) };
    slug[..cut].to_string()
}

/// The page of a file of `content_type` named `slug`, when it is one Fieldbook writes itself
/// (a section's list: `communities/index.html`, `communities/page-2.html`), which no file of
/// `content/` may take; `None` for any other.
pub fn own_page(content_type: ContentType, slug: &str) -> Option<String> {
    let page = match content_type.folder() {
        Some(folder) => format!("{folder}/{slug}.html"),
        None => format!("{slug}.html"),
    };
    crate::link::routes::is_generated(&crate::text::path_key(&page)).then_some(page)
}

/// Where `new` writes: `content/<folder>/<slug>.md`, relative to the site root.
pub fn new_file_path(request: &NewRequest) -> Result<PathBuf> {
    let slug = match &request.slug {
        Some(slug) => slugify(slug),
        None => shortened(slugify(&request.title)),
    };
    if slug.is_empty() {
        let title = request.slug.as_deref().unwrap_or(&request.title);
        return Err(Error::Other(Prompts::fill(request.refuse().no_slug, &[("title", title)])));
    }
    // `check` refuses a file Windows could not hold (`con.md`): better not to write it.
    if crate::files::check_name(&format!("{slug}.md")).is_err() {
        let title = request.slug.as_deref().unwrap_or(&request.title);
        let name = format!("{slug}.md");
        return Err(Error::Other(Prompts::fill(request.refuse().reserved_name, &[("title", title), ("name", &name)])));
    }
    // Nor a page Fieldbook writes itself (`communities/index.html`), which `check` refuses.
    if let Some(page) = own_page(request.content_type, &slug) {
        let title = request.slug.as_deref().unwrap_or(&request.title);
        return Err(Error::Other(Prompts::fill(request.refuse().own_page, &[("title", title), ("page", &page)])));
    }
    let mut path = PathBuf::from("content");
    if let Some(folder) = request.content_type.folder() {
        path.push(folder);
    }
    path.push(format!("{slug}.md"));
    Ok(path)
}

/// Create the file `request` describes in the site at `root`, and return its path relative to
/// the root. The text is checked before it is written: a value that would not pass `check` is
/// refused with the reason, and an existing file is never overwritten.
pub fn create(root: &Path, schema: &Schema, config: &Config, request: &NewRequest) -> Result<Created> {
    request.check_one_line()?;
    let relative = new_file_path(request)?;
    let path = root.join(&relative);
    let display = relative.to_string_lossy().replace('\\', "/");
    if path.exists() {
        return Err(Error::Other(Prompts::fill(request.refuse().exists_new, &[("path", &display)])));
    }
    // In `fmt`'s canonical form from the start, so that tidying it later changes nothing.
    let text = new_file_text(root, schema, request)?;
    let text = crate::fmt::format_text(&text, request.content_type, schema, &display).unwrap_or(text);
    let file = ContentFile {
        path: path.clone(),
        content_path: relative.strip_prefix("content").unwrap_or(&relative).to_string_lossy().replace('\\', "/"),
        display,
        content_type: request.content_type,
    };
    let mut warnings = check_new_file(root, schema, config, request.today, file, &text)?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
    }
    write_new(&path, &text, request.refuse())?;
    // A new file gives no indicators yet: that is its to-do list, not a warning.
    warnings.retain(|d| d.code != "missing-indicators");
    let shown = crate::report::human_in(&warnings, true, "fieldbook check", &Messages::of(&config.language));
    Ok(Created { path: relative, warnings: shown })
}

/// A file `new` wrote: its path relative to the site's root, and the warnings `check` will
/// give it, as a terminal shows them in the site's language (empty when there are none), so
/// that a misspelt country is said when the file is made, not at the next `check`.
#[derive(Debug)]
pub struct Created {
    /// The path, relative to the site's root.
    pub path: PathBuf,
    /// The warnings, rendered.
    pub warnings: String,
}

/// Check a file about to be written, `text` at `file`, as `check` will once it exists: an error
/// that lists the errors it would have, in the site's language; else its warnings.
fn check_new_file(
    root: &Path,
    schema: &Schema,
    config: &Config,
    today: Date,
    file: ContentFile,
    text: &str,
) -> Result<Diagnostics> {
    let (raw, mut problems) = crate::load::load_text(file, text.to_string());
    if let Some(raw) = raw {
        let wording = crate::render::theme::Theme::wording_languages(root);
        let context = crate::validate::Context { schema, config, today, wording: &wording };
        let (_, diagnostics) = crate::validate::validate_file(raw, context);
        problems.extend(diagnostics);
    }
    if problems.is_ok() {
        return Ok(problems);
    }
    let messages = Messages::of(&config.language);
    let shown: Vec<String> = problems
        .iter()
        .filter(|d| d.severity == crate::diagnostic::Severity::Error)
        .map(|d| d.render_in(&messages))
        .collect();
    let lead = prompts(&config.language).refuse.would_not_pass;
    Err(Error::Other(format!("{lead}\n{}", shown.join("\n"))))
}

/// Write `text` to a file that must not exist yet (checked by the system, not just before);
/// `refuse` says so if it does.
pub(crate) fn write_new(path: &Path, text: &str, refuse: &Refusals) -> Result<()> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Other(Prompts::fill(refuse.exists, &[("path", &path.display().to_string())]))
        } else {
            Error::io("create", path, e)
        }
    })?;
    file.write_all(text.as_bytes()).map_err(|e| Error::io("write", path, e))
}

/// The values given for `field`, checked against what it accepts; a refusal in `refuse`'s
/// language.
fn given_values(
    root: &Path,
    schema: &Schema,
    field: &Field,
    values: &[&str],
    refuse: &Refusals,
) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for &value in values {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        let say = |template: &str, more: &[(&str, &str)]| {
            let mut values = vec![("value", value)];
            values.extend_from_slice(more);
            Prompts::fill(template, &values)
        };
        let bad = |why: String| Error::Other(Prompts::fill(refuse.bad_value, &[("field", &field.name), ("why", &why)]));
        match field.kind {
            FieldKind::Date => {
                Date::parse(value).map_err(|_| bad(say(refuse.not_a_date, &[])))?;
            }
            FieldKind::Integer => {
                value.parse::<i64>().map_err(|_| bad(say(refuse.not_a_whole_number, &[])))?;
            }
            // As `check` reads it, so that the file written passes: `1.25`, not `1,25`.
            FieldKind::Number if crate::validate::parse_number(value).is_none() => {
                return Err(bad(say(refuse.not_a_number, &[])));
            }
            FieldKind::Location => {
                let (lat, lon) = location_value(value, refuse).map_err(bad)?;
                out.push(format!("{{ lat: {lat}, lon: {lon} }}"));
                continue;
            }
            FieldKind::YesNo if !["yes", "no"].contains(&value.to_lowercase().as_str()) => {
                return Err(bad(say(refuse.not_yes_no, &[])));
            }
            FieldKind::Id | FieldKind::Ids => {
                let list = field.of.as_deref().and_then(|of| schema.list(of)).unwrap_or_default();
                if !list.iter().any(|t| t.id == value) {
                    let ids: Vec<&str> = list.iter().map(|t| t.id.as_str()).collect();
                    // The nearest id, or else every id: the list is said once.
                    return Err(bad(match did_you_mean(value, ids.iter().copied()) {
                        Some(near) => say(refuse.unknown_id_near, &[("near", near)]),
                        None => say(refuse.unknown_id, &[("ids", &ids.join(", "))]),
                    }));
                }
            }
            FieldKind::Ref | FieldKind::Refs => {
                let of = field.of.as_deref().and_then(ContentType::from_id).unwrap_or(ContentType::Community);
                let folder = root.join("content").join(of.folder().unwrap_or(""));
                if !folder.join(format!("{value}.md")).is_file() {
                    let mut existing: Vec<String> = std::fs::read_dir(&folder)
                        .map(|dir| {
                            dir.flatten()
                                .filter_map(|e| e.file_name().to_str()?.strip_suffix(".md").map(str::to_string))
                                .collect()
                        })
                        .unwrap_or_default();
                    // The folder's order is the file system's: sorted, the help reads the same
                    // on every machine and in every run.
                    existing.sort_unstable();
                    let folder = Path::new("content").join(of.folder().unwrap_or(""));
                    let folder = folder.to_string_lossy().replace('\\', "/");
                    let place = [("kind", of.id()), ("folder", folder.as_str())];
                    return Err(bad(match did_you_mean(value, existing.iter().map(String::as_str)) {
                        Some(near) => say(refuse.no_such_page_near, &[&place[..], &[("near", near)]].concat()),
                        None => say(refuse.no_such_page, &place),
                    }));
                }
            }
            _ => {}
        }
        out.push(value.to_string());
    }
    Ok(out)
}

/// A location given as `lat,lon` in decimal degrees, each in range.
fn location_value(value: &str, refuse: &Refusals) -> std::result::Result<(f64, f64), String> {
    let usage = || Prompts::fill(refuse.not_a_location, &[("value", value)]);
    let (lat, lon) = value.split_once(',').ok_or_else(usage)?;
    let lat: f64 = lat.trim().parse().map_err(|_| usage())?;
    let lon: f64 = lon.trim().parse().map_err(|_| usage())?;
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(Prompts::fill(refuse.location_range, &[("value", value)]));
    }
    Ok((lat, lon))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_bare_only_when_safe() {
        assert_eq!(yaml_scalar("Tanger Nord", false), "Tanger Nord");
        assert_eq!(yaml_scalar("Aïn Lmaati", false), "Aïn Lmaati");
        assert_eq!(yaml_scalar("Yes", false), "\"Yes\"");
        assert_eq!(yaml_scalar("1984", false), "\"1984\"");
        assert_eq!(yaml_scalar("Note: later", false), "\"Note: later\"");
        assert_eq!(yaml_scalar("Save the Children, Morocco", true), "\"Save the Children, Morocco\"");
        assert_eq!(yaml_scalar("Save the Children, Morocco", false), "Save the Children, Morocco");
        assert_eq!(yaml_scalar("say \"hi\"", false), "\"say \\\"hi\\\"\"");
    }

    #[test]
    fn the_file_name_is_the_title_folded() {
        let request = NewRequest {
            content_type: ContentType::Community,
            title: "Tanger Nord — Béni Makada".into(),
            slug: None,
            values: Vec::new(),
            today: Date::new(2026, 11, 22).unwrap(),
            language: "en".into(),
        };
        assert_eq!(new_file_path(&request).unwrap(), Path::new("content/communities/tanger-nord-beni-makada.md"));
        let page = NewRequest { content_type: ContentType::Page, title: "Méthodologie".into(), ..request };
        assert_eq!(new_file_path(&page).unwrap(), Path::new("content/methodologie.md"));
    }

    #[test]
    fn a_long_title_makes_a_file_name_cut_at_a_word() {
        let request = |title: &str| NewRequest {
            content_type: ContentType::Community,
            title: title.into(),
            slug: None,
            values: Vec::new(),
            today: Date::new(2026, 11, 22).unwrap(),
            language: "en".into(),
        };
        let long = "Community profile of Douar Tafraout, commune of Tafraout, province of Tiznit, \
                    Souss-Massa region, Morocco (2025 assessment)";
        let path = new_file_path(&request(long)).unwrap();
        assert_eq!(
            path,
            Path::new(
                "content/communities/community-profile-of-douar-tafraout-commune-of-tafraout-province-of-tiznit-souss.md"
            )
        );
        // 130 Arabic letters: 260 bytes, more than a file system allows; cut at a word.
        let arabic = ["المجتمع"; 20].join(" ");
        let name = new_file_path(&request(&arabic)).unwrap().file_stem().unwrap().to_string_lossy().into_owned();
        assert!(name.len() <= MAX_SLUG_BYTES && name.ends_with("المجتمع") && !name.ends_with('-'), "{name}");
        // One word longer than the limit is cut at a letter.
        let word = "a".repeat(300);
        let name = new_file_path(&request(&word)).unwrap().file_stem().unwrap().to_string_lossy().into_owned();
        assert_eq!(name, "a".repeat(MAX_SLUG_BYTES));
        // Whatever the mix of one-, two- and four-byte letters and dashes, the cut is a whole
        // prefix within the limit.
        let pieces = ["a", "é", "م", "-", "𝓍", "ab-"];
        for n in 0..2000usize {
            let slug: String = (0..(n % 130)).map(|k| pieces[(n * 7 + k * k) % pieces.len()]).collect();
            let cut = shortened(slug.clone());
            assert!(cut.len() <= MAX_SLUG_BYTES && slug.starts_with(&cut), "{slug} -> {cut}");
        }
        // A slug given is the author's, kept whole.
        let given = NewRequest { slug: Some("b".repeat(100)), ..request("T") };
        assert_eq!(new_file_path(&given).unwrap(), Path::new(&format!("content/communities/{}.md", "b".repeat(100))));
    }

    #[test]
    fn a_name_windows_keeps_for_a_device_is_refused_before_it_is_written() {
        let request = |title: &str, slug: Option<&str>| NewRequest {
            content_type: ContentType::Page,
            title: title.into(),
            slug: slug.map(String::from),
            values: Vec::new(),
            today: Date::new(2026, 11, 22).unwrap(),
            language: "fr".into(),
        };
        for (title, slug) in [("CON", None), ("Aux", None), ("T", Some("com1"))] {
            let error = new_file_path(&request(title, slug)).unwrap_err().to_string();
            assert!(error.contains("Windows") && error.contains("--slug"), "{title}: {error}");
        }
        assert!(new_file_path(&request("Console", None)).is_ok());
    }

    #[test]
    fn a_value_given_on_one_line_may_hold_no_line_break_and_the_status_is_the_files() {
        let schema = Schema::builtin();
        let mut request = NewRequest {
            content_type: ContentType::Page,
            title: "Inj\nstatus: published".into(),
            slug: Some("inj".into()),
            values: Vec::new(),
            today: Date::new(2026, 11, 22).unwrap(),
            language: "en".into(),
        };
        let refused = new_file_text(Path::new("."), &schema, &request).unwrap_err().to_string();
        assert_eq!(refused, "`title`: the value holds a line break; give it on one line");
        request.title = "Tab\there".into();
        let refused = new_file_text(Path::new("."), &schema, &request).unwrap_err().to_string();
        assert!(refused.contains("U+0009"), "{refused}");
        request.title = "About".into();
        request.values = vec![("summary".into(), "one\r\ntwo".into())];
        assert!(new_file_text(Path::new("."), &schema, &request).unwrap_err().to_string().starts_with("`summary`:"));
        request.values = vec![("status".into(), " ".into()), ("status".into(), "published".into())];
        assert_eq!(request.status(), "published");
        assert!(new_file_text(Path::new("."), &schema, &request).unwrap().contains("\nstatus: published\n"));
        request.values.clear();
        assert_eq!(request.status(), "draft");
    }

    #[test]
    fn a_community_needs_its_country_and_assessors() {
        let schema = Schema::builtin();
        let request = NewRequest {
            content_type: ContentType::Community,
            title: "Tanger Nord".into(),
            slug: None,
            values: vec![("country".into(), "Morocco".into())],
            today: Date::new(2026, 11, 22).unwrap(),
            language: "en".into(),
        };
        let needs: Vec<&str> = needed(&schema, &request).iter().map(|n| n.field.name.as_str()).collect();
        assert_eq!(needs, ["assessed_by"]);
    }

    #[test]
    fn guidance_needs_a_sector_or_a_topic() {
        let schema = Schema::builtin();
        let mut request = NewRequest {
            content_type: ContentType::Guidance,
            title: "Water".into(),
            slug: None,
            values: Vec::new(),
            today: Date::new(2026, 11, 22).unwrap(),
            language: "en".into(),
        };
        let needs = needed(&schema, &request);
        assert_eq!(needs.len(), 1);
        assert!(needs[0].choices.iter().any(|t| t.id == "advocacy"));
        request.values.push(("topic".into(), "advocacy".into()));
        assert!(needed(&schema, &request).is_empty());
    }
}
