//! The survey loop: a survey form made from the schema in force (`fieldbook form`), and the
//! submissions collected with it turned into indicator entries of the profiles
//! (`fieldbook import`).
//!
//! Beside the pipeline, like `fmt` and `scaffold`: it reads the schema, the configuration and
//! the profiles, and writes profiles through `fmt`'s canonical writer.
//!
//! - [`form`]: the questions of the form (what a survey can measure, and what is left out).
//! - [`xlsform`]: the form written as an XLSForm spreadsheet (`survey`, `choices`, `settings`),
//!   which KoBoToolbox and ODK read.
//! - [`read`]: a submissions export (KoBoToolbox CSV or XLSX, ODK Central CSV) as a table of
//!   cells with their rows and columns.
//! - [`import`](mod@import): the file's columns matched to the form's questions (`columns`), repeated
//!   submissions left out (`repeats`), and those rejected in review (`review`), every answer
//!   checked (`answers`), and each
//!   community's answers reduced to figures by the rules of [`compute`], with the round's
//!   source in the site's language ([`crate::round`]).
//! - [`write`](mod@write): the figures written into the profiles, all or nothing, and into
//!   the translations that repeat them ([`translations`]).

mod answers;
mod columns;
pub mod compute;
pub mod form;
pub mod import;
pub mod read;
mod repeats;
mod review;
pub mod translations;
pub mod write;
pub mod xlsform;

pub use form::{Form, FormOptions, build_form};
pub use import::{ImportOptions, ImportReport, SmallPart, import};
pub use translations::WordsToReview;

use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

use crate::diagnostic::{Diagnostics, Location};
use crate::error::{Error, Result};
use crate::messages::Message;
use crate::model::ContentType;

/// What `fieldbook form` wrote.
#[derive(Debug)]
pub struct FormReport {
    /// The file written.
    pub path: PathBuf,
    /// The form.
    pub form: Form,
    /// Problems of the schema: its errors stop the form from being written; its warnings
    /// (a respondent name missing a language of the form) do not.
    pub problems: Diagnostics,
}

/// The site's community profiles, by id, with their titles and status (a profile that cannot
/// be read by its id, with no status). The form offers those its options allow; `import`
/// reads answers for any of them.
pub fn site_communities(root: &Path) -> Result<Vec<form::FormCommunity>> {
    let loaded = crate::load_site(root, crate::date::Date::today())?;
    Ok(communities_of(&loaded.validated))
}

/// The community profiles of a loaded site, by id, with their titles (a profile that cannot
/// be read by its id), sorted by id: the form's choices, and what `import` reads answers for.
fn communities_of(validated: &crate::validate::Validated) -> Vec<form::FormCommunity> {
    let mut communities: Vec<form::FormCommunity> = validated
        .docs
        .iter()
        // A translation shares its original's id: the community is offered once.
        .filter(|d| d.content_type == ContentType::Community && !d.is_translation())
        .map(|d| form::FormCommunity { id: d.slug.clone(), title: d.title.clone(), status: Some(d.status) })
        .collect();
    communities.extend(
        validated.unusable.iter().filter(|(t, _)| *t == ContentType::Community).map(|(_, id)| form::FormCommunity {
            id: id.clone(),
            title: id.clone(),
            status: None,
        }),
    );
    communities.sort_by(|a, b| a.id.cmp(&b.id));
    communities.dedup_by(|a, b| a.id == b.id);
    communities
}

/// Write the survey form of the site at `root` to `output` (relative paths are from the
/// current folder), or to [`form::DEFAULT_PATH`] in the site.
pub fn write_form(root: &Path, output: Option<&Path>, options: FormOptions) -> Result<FormReport> {
    // The form is a workbook whatever the name says: `form.csv` would be an XLSX file that
    // Excel, KoBoToolbox and ODK Central refuse to open as what it claims to be.
    if let Some(output) = output
        && !output.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
    {
        return Err(Error::Said(Message::new("form.not-xlsx").with("path", output.display().to_string())));
    }
    // A form among the pages would be published with them, with its list of communities
    // (confidential and draft profiles too, with --include-confidential or --drafts).
    if let Some(output) = output
        && inside_content(root, output)
    {
        let said = Message::new("form.in-content")
            .with("path", output.display().to_string())
            .with("default", form::DEFAULT_PATH);
        return Err(Error::Said(said));
    }
    let (schema, mut problems) = crate::schema_in_force(root)?;
    let config = crate::read_config(root)?;
    let communities = site_communities(root)?;
    let form = build_form(&schema, &config, &communities, options);
    problems.extend(form::untranslated_respondents(&schema, &form.languages));
    let path = output.map_or_else(|| root.join(form::DEFAULT_PATH), Path::to_path_buf);
    if !problems.is_ok() {
        return Ok(FormReport { path, form, problems });
    }
    let bytes = xlsform::workbook_bytes(&form, &schema).map_err(form_not_written)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
    }
    std::fs::write(&path, bytes).map_err(|e| Error::io("write", &path, e))?;
    Ok(FormReport { path, form, problems })
}

/// Whether `path` (relative paths are from the current folder) is inside the `content/`
/// folder of the site at `root`, as the file system resolves both (links followed, from the
/// nearest folder of the path that exists).
fn inside_content(root: &Path, path: &Path) -> bool {
    crate::write::resolved(path).starts_with(crate::write::resolved(&root.join("content")))
}

/// Whether two texts are the same text for a reader: equal, or canonically equivalent (`é` as
/// one character, or as `e` and a combining accent, U+0301, as macOS and some keyboards write
/// it): compared in Unicode's composed form (NFC). Every label, choice, header and community
/// name the import matches is compared this way. ASCII text is compared as it is.
pub(crate) fn same_text(a: &str, b: &str) -> bool {
    a == b || (!a.is_ascii() && !b.is_ascii() && a.nfc().eq(b.nfc()))
}

/// Whether two texts are the same once both are lowercased with Unicode's case mapping
/// (`ÉLEVÉ` and `élevé`, `ÖFFENTLICH` and `öffentlich`): exports from spreadsheets often
/// upper-case labels. Accents are compared as [`same_text`] compares them, composed or not.
/// Compared character by character, so nothing is allocated per cell.
pub(crate) fn same_ignoring_case(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    // Composed again after lowercasing: a few capitals lowercase to a letter and a mark.
    a.nfc().flat_map(char::to_lowercase).nfc().eq(b.nfc().flat_map(char::to_lowercase).nfc())
}

/// `text` as the import matches a name without regard to case: lowercased with Unicode's case
/// mapping, in composed form (NFC), so that two texts [`same_ignoring_case`] takes for one
/// give the same string (`END` and `end`, `SOCIODEMOGRAPHICS/ÉDUCATION` and
/// `sociodemographics/éducation`).
pub(crate) fn folded(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.nfc().flat_map(char::to_lowercase).nfc().collect()
}

/// A place in a submissions file: its row (as the spreadsheet numbers it, the header being
/// row 1) and column (1 for the first), with the cell's text shown in the code frame.
pub(crate) fn cell_location(file: &str, row: usize, column: usize, cell: &str) -> Location {
    let mut location = Location::file(file);
    location.line = Some(row);
    location.column = Some(column);
    let shown: String = cell.chars().take(120).collect();
    location.width = shown.chars().count().max(1);
    location.line_text = shown;
    location.frame_column = 1;
    location
}

/// The error for a form the spreadsheet library could not write: what it says stays in its
/// own words.
fn form_not_written(e: impl std::fmt::Display) -> Error {
    Error::Said(crate::messages::Message::new("fatal.form-not-written").with("why", e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The spreadsheet library failing to write the form stops `form`, said in the site's
    /// language; what the library says stays in its words.
    #[test]
    fn a_form_the_library_cannot_write_is_said_in_the_sites_language() {
        let error = form_not_written("worksheet name already in use");
        assert_eq!(error.to_string(), "the form: worksheet name already in use");
        let said = crate::messages::Messages::of("es").render(&error.said().expect("said by the catalogue"));
        assert_eq!(said, "no se pudo escribir el formulario: worksheet name already in use");
    }

    /// `é` as one character or as `e` and U+0301 is one letter, whichever side the export or
    /// the schema writes it on, in any case; other letters still differ.
    #[test]
    fn labels_compare_whatever_the_accents_composition() {
        let (composed, decomposed) = ("Tr\u{e8}s n\u{e9}gative", "Tre\u{300}s ne\u{301}gative");
        assert!(same_text(composed, decomposed) && same_text(decomposed, composed));
        assert!(same_ignoring_case("TRE\u{300}S NE\u{301}GATIVE", composed));
        assert!(same_ignoring_case(composed, "TR\u{c8}S N\u{c9}GATIVE"));
        assert!(same_ignoring_case("ACCESS", "access"));
        assert!(!same_text(composed, "Tres negative") && !same_ignoring_case(decomposed, "tres negative"));
        assert!(!same_text("a", "b") && !same_ignoring_case("Caf\u{e9}", "cafe"));
    }

    /// A name folded is the same string whatever its case and however its accents are
    /// stored, as `same_ignoring_case` compares them.
    #[test]
    fn folded_names_are_one_string_whatever_the_case() {
        assert_eq!(folded("SOCIODEMOGRAPHICS/EDUCATIONAL-ACHIEVEMENT"), "sociodemographics/educational-achievement");
        assert_eq!(folded("_Submission_Time"), "_submission_time");
        assert_eq!(folded("A\u{300}GE-GROUPE"), "\u{e0}ge-groupe");
        assert_eq!(folded("\u{c0}ge"), folded("A\u{300}GE"));
        assert!(same_ignoring_case("\u{c0}GE", &folded("A\u{300}ge")));
    }
}
