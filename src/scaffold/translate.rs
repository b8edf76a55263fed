//! `fieldbook translate`: start the translation of a page into one of the site's languages.
//!
//! The new file sits beside its original with the language before `.md`
//! (`ain-lmaati.fr.md`), as a draft. It holds what a translator translates and nothing else:
//! the title and summary (the original's, to be rewritten), a comment in the translation's
//! language saying what to do, and the original's text with the schema's section headings
//! already in that language, and the original's `updated`, so that `check` can tell when the
//! original changes after it. Figures, dates and lists are left out: a translation takes them
//! from its original (see the guide's page "Translations").

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::{Prompts, Refusals, check_new_file, prompts, words, write_new, yaml_scalar};
use crate::config::Config;
use crate::date::Date;
use crate::error::{Error, Result};
use crate::load::ContentFile;
use crate::model::ContentType;
use crate::schema::Schema;

/// The original a translation is started from, found from what the author named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Original {
    /// Path under the site's folder: `content/communities/ain-lmaati.md`.
    pub relative: PathBuf,
    /// Path under `content/`, with `/` separators: `communities/ain-lmaati.md`.
    pub content_path: String,
    /// Its content type, from its folder.
    pub content_type: ContentType,
}

/// The original named by `page`: a file's path (from the site's folder or from `content/`,
/// `.md` optional), or `type:id` as links write it (`community:ain-lmaati`). A refusal is
/// in the language of `refuse`, the site's.
pub fn find_original(root: &Path, page: &str, refuse: &Refusals) -> Result<Original> {
    let page = page.trim().trim_start_matches("./").replace('\\', "/");
    let by_id = page.split_once(':').filter(|(kind, _)| !kind.contains('/'));
    let content_path = match by_id {
        Some((kind, id)) => {
            let content_type = ContentType::from_id(kind).ok_or_else(|| {
                let kinds: Vec<&str> = ContentType::ALL.iter().map(|t| t.id()).collect();
                Error::Other(Prompts::fill(refuse.no_kind, &[("kind", kind), ("kinds", &kinds.join(", "))]))
            })?;
            match content_type.folder() {
                Some(folder) => format!("{folder}/{id}.md"),
                None => format!("{id}.md"),
            }
        }
        None => {
            let path = page.strip_prefix("content/").unwrap_or(&page);
            if path.ends_with(".md") { path.to_string() } else { format!("{path}.md") }
        }
    };
    // Only a page inside content/: never a file elsewhere, read or written beside.
    let inside = Path::new(&content_path).components().all(|c| matches!(c, std::path::Component::Normal(_)));
    if !inside {
        return Err(Error::Other(Prompts::fill(refuse.outside_content, &[("page", &page)])));
    }
    let relative = Path::new("content").join(&content_path);
    if !root.join(&relative).is_file() {
        return Err(Error::Other(Prompts::fill(refuse.no_page, &[("path", &display(&relative))])));
    }
    let stem = content_path.trim_end_matches(".md");
    let name = stem.rsplit('/').next().unwrap_or(stem);
    if let (base, Some(language)) = crate::load::split_language(name) {
        let original = format!("{base}.md");
        let values = [("path", display(&relative)), ("language", language.to_string()), ("original", original)];
        let values: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_str())).collect();
        return Err(Error::Other(Prompts::fill(refuse.is_translation, &values)));
    }
    let content_type = ContentType::from_content_path(&content_path).unwrap_or(ContentType::Page);
    Ok(Original { relative, content_path, content_type })
}

/// The language `language` as the site publishes it: one of `languages`, not the site's own.
fn checked_language(config: &Config, language: &str) -> Result<String> {
    let refuse = &prompts(&config.language).refuse;
    let others: Vec<&str> =
        config.languages.iter().map(String::as_str).filter(|l| *l != config.language.as_str()).collect();
    let others = others.join(", ");
    // A language to show in an example of `languages`: one Fieldbook speaks, not the site's.
    let example = ["en", "fr", "es", "ar"].into_iter().find(|l| *l != config.language).unwrap_or("en");
    let say = |template: &str| {
        Error::Other(Prompts::fill(
            template,
            &[("site", &config.language), ("language", language), ("others", &others), ("example", example)],
        ))
    };
    // Into the original's own language first: on a site in one language, "list `fr` beside
    // `fr`" would be no advice.
    let own = language.eq_ignore_ascii_case(&config.language);
    match (own, others.is_empty()) {
        (true, true) => return Err(say(refuse.own_language_only)),
        (true, false) => return Err(say(refuse.own_language)),
        (false, true) => return Err(say(refuse.one_language)),
        (false, false) => {}
    }
    match config.languages.iter().filter(|l| **l != config.language).find(|l| l.eq_ignore_ascii_case(language)) {
        Some(l) => Ok(l.to_string()),
        None => Err(say(refuse.not_a_language)),
    }
}

/// Start the translation of `page` into `language`: write it beside its original and return
/// its path under the site's folder. Nothing is written if the original cannot be read, the
/// language is not one the site publishes, the translation exists, or the new file would not
/// pass `check`.
pub fn create_translation(
    root: &Path,
    schema: &Schema,
    config: &Config,
    page: &str,
    language: &str,
    today: Date,
) -> Result<PathBuf> {
    let refuse = &prompts(&config.language).refuse;
    let original = find_original(root, page, refuse)?;
    let language = checked_language(config, language)?;
    let file = ContentFile {
        path: root.join(&original.relative),
        display: display(&original.relative),
        content_path: original.content_path.clone(),
        content_type: original.content_type,
    };
    let raw = read(file, refuse)?;
    let headings = Headings::new(schema, config, &language);
    write_translation(root, schema, config, &original, &raw, &headings, today)
}

/// Start the translation into `language` of every published page that has none yet (drafts
/// and confidential pages are left out): the files written, in path order, and the pages that
/// could not be started, each with why. The language is checked first: a language the site
/// does not publish starts nothing.
pub fn create_missing_translations(
    root: &Path,
    schema: &Schema,
    config: &Config,
    language: &str,
    today: Date,
) -> Result<(Vec<PathBuf>, Vec<Error>)> {
    let language = checked_language(config, language)?;
    let headings = Headings::new(schema, config, &language);
    let (discovered, _) = crate::load::discover(&root.join("content"), root);
    let (mut written, mut failed) = (Vec::new(), Vec::new());
    for file in discovered.files {
        if file.path.with_extension(format!("{language}.md")).exists() {
            continue;
        }
        let original = Original {
            relative: Path::new("content").join(&file.content_path),
            content_path: file.content_path.clone(),
            content_type: file.content_type,
        };
        // Translations themselves, and pages that cannot be read (`check` says why), are left out.
        let Ok(raw) = read(file, &prompts(&config.language).refuse) else { continue };
        let status = raw.frontmatter.as_ref().and_then(|f| f.get("status")).and_then(|e| e.value.as_scalar());
        if raw.translation.is_some() || status.is_none_or(|s| s.text.trim() != "published") {
            continue;
        }
        match write_translation(root, schema, config, &original, &raw, &headings, today) {
            Ok(path) => written.push(path),
            Err(e) => failed.push(e),
        }
    }
    Ok((written, failed))
}

/// A path under the site's folder as messages show it, with `/` separators.
fn display(relative: &Path) -> String {
    relative.to_string_lossy().replace('\\', "/")
}

/// The original's file read and its frontmatter parsed, or why it cannot be (in the
/// language of `refuse`; the problems themselves are `check`'s, in English).
fn read(file: ContentFile, refuse: &Refusals) -> Result<crate::load::RawDoc> {
    let text = std::fs::read_to_string(&file.path).map_err(|e| Error::io("read", &file.path, e))?;
    let shown = file.display.clone();
    let (raw, problems) = crate::load::load_text(file, text);
    raw.filter(|r| r.frontmatter.is_some()).ok_or_else(|| {
        let problems: Vec<String> = problems.iter().map(|d| d.render()).collect();
        let lead = Prompts::fill(refuse.unreadable, &[("path", &shown)]);
        Error::Other(format!("{lead}\n{}", problems.join("\n")))
    })
}

/// Write the translation of `original` (read as `raw`) into the language of `headings`.
fn write_translation(
    root: &Path,
    schema: &Schema,
    config: &Config,
    original: &Original,
    raw: &crate::load::RawDoc,
    headings: &Headings,
    today: Date,
) -> Result<PathBuf> {
    let language = headings.language.as_str();
    let refuse = &prompts(&config.language).refuse;
    let relative = original.relative.with_extension(format!("{language}.md"));
    let path = root.join(&relative);
    if path.exists() {
        return Err(Error::Other(Prompts::fill(refuse.exists, &[("path", &display(&relative))])));
    }
    let field = |name: &str| {
        raw.frontmatter.as_ref().and_then(|f| f.get(name)).and_then(|e| e.value.as_scalar()).map(|s| s.text.clone())
    };
    let name = original.relative.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // The original's language: its own `language`, or the site's.
    let from = field("language").unwrap_or_else(|| config.language.clone());
    if crate::locale::primary(&from) == crate::locale::primary(language) {
        return Err(Error::Other(Prompts::fill(refuse.already_in, &[("name", &name), ("language", &from)])));
    }
    let mut out = String::from("---\n");
    for line in crate::text::fill(words(language).translation, &[("original", &name)]).lines() {
        let _ = writeln!(out, "# {line}");
    }
    let _ = writeln!(out, "title: {}", yaml_scalar(&field("title").unwrap_or_default(), false));
    if let Some(summary) = field("summary").filter(|s| !s.trim().is_empty()) {
        let _ = writeln!(out, "summary: {}", yaml_scalar(&summary, false));
    }
    out.push_str("status: draft\n");
    // Level with the original as of its `updated`: when the original is updated again, `check`
    // says the translation is behind (`translation-behind`).
    if let Some(updated) = field("updated") {
        let _ = writeln!(out, "updated: {updated}");
    }
    out.push_str("---\n");
    out.push_str(&headings.translate(raw.body(), schema, original.content_type, &from));
    let stem = original.content_path.strip_suffix(".md").unwrap_or(&original.content_path);
    let content_path = format!("{stem}.{language}.md");
    let shown = display(&relative);
    let text = crate::fmt::format_text(&out, original.content_type, schema, &shown).unwrap_or(out);
    let file = ContentFile { path: path.clone(), display: shown, content_path, content_type: original.content_type };
    // A translation's warnings are its original's, which `check` says once.
    check_new_file(root, schema, config, today, file, &text)?;
    write_new(&path, &text, refuse)?;
    Ok(relative)
}

/// The schema's section headings in a translation's language, and in the site's, localized
/// once for every page a command translates.
struct Headings {
    /// The translation's language.
    language: String,
    /// The schema in that language.
    into: Schema,
    /// The site's language, which most originals are written in, and the schema in it.
    site: (String, Schema),
}

impl Headings {
    fn new(schema: &Schema, config: &Config, language: &str) -> Headings {
        Headings {
            language: language.to_string(),
            into: schema.localized(language),
            site: (config.language.clone(), schema.localized(&config.language)),
        }
    }

    /// `body` with each heading that is one of the schema's section headings for
    /// `content_type` in `from` (`## Context`) written in the translation's language
    /// (`## Contexte`); any other line as it is.
    fn translate(&self, body: &str, schema: &Schema, content_type: ContentType, from: &str) -> String {
        let other;
        let source = if from == self.site.0 {
            &self.site.1
        } else {
            other = schema.localized(from);
            &other
        };
        let pairs: Vec<(&str, &str)> = source
            .sections_of(content_type)
            .zip(self.into.sections_of(content_type))
            .map(|(a, b)| (a.term.label.as_str(), b.term.label.as_str()))
            .collect();
        let mut out = String::with_capacity(body.len());
        for line in body.split_inclusive('\n') {
            let content = line.trim_end_matches(['\n', '\r']);
            let heading = content.strip_prefix("## ").map(str::trim);
            match heading.and_then(|h| pairs.iter().find(|(a, _)| *a == h)) {
                Some((_, translated)) => {
                    out.push_str("## ");
                    out.push_str(translated);
                    out.push_str(&line[content.len()..]);
                }
                None => out.push_str(line),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_headings_take_the_translation_s_language_and_other_lines_stay() {
        let schema = Schema::builtin();
        let config: Config = toml::from_str("title = \"t\"\nlanguage = \"en\"").unwrap();
        let headings = Headings::new(&schema, &config, "fr");
        let body = "\n## Context\n\nThe town.\n\n## Our own heading\n\n## Context of the river\n";
        let out = headings.translate(body, &schema, ContentType::Community, "en");
        assert!(out.contains("\n## Contexte\n\nThe town.\n"), "{out}");
        assert!(out.contains("## Our own heading\n"), "{out}");
        assert!(out.contains("## Context of the river\n"), "{out}");
        // A page type with no sections keeps every heading.
        assert_eq!(headings.translate(body, &schema, ContentType::Page, "en"), body);
    }
}
