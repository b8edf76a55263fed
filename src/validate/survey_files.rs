//! Survey files put among the pages, which a build would publish as they are: a submissions
//! export of KoBoToolbox or ODK Central (every answer of every respondent, names, phone numbers
//! and GPS points included, where `fieldbook import` publishes only figures) is refused; a
//! survey form (XLSForm) is published with a warning, since its list of communities may name
//! profiles the public site leaves out (a form made with `--include-confidential` or
//! `--drafts`).

use crate::diagnostic::{Diagnostic, Location};
use crate::messages::Message;

/// The columns only a submissions export has, as KoBoToolbox and ODK Central name them (in
/// lower case, the last part of a `group/name` or `group-name` path): the submission's id,
/// its upload time, who uploaded it, and the form version Fieldbook's forms carry.
const EXPORT_COLUMNS: [&str; 8] = [
    "_uuid",
    "_submission_time",
    "_submitted_by",
    "_validation_status",
    "instanceid",
    "submissiondate",
    "fieldbook_version",
    "__version__",
];

/// The column of `header` that shows a submissions export, as written; `None` for any other
/// table.
pub fn export_column<'h>(header: impl IntoIterator<Item = &'h str>) -> Option<&'h str> {
    header.into_iter().find(|name| {
        let name = name.trim().trim_matches('"').trim().to_lowercase();
        let last = name.rsplit(['/', '-']).next().unwrap_or(&name);
        EXPORT_COLUMNS.contains(&name.as_str()) || EXPORT_COLUMNS.contains(&last)
    })
}

/// The header of a text table: its first line, cut at `,`, `;` or tabs (whichever it has
/// most of), a byte-order mark and quotes taken off.
pub fn text_header(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(64 * 1024)]);
    let first = text.trim_start_matches('\u{feff}').lines().next().unwrap_or("");
    let separator = [',', ';', '\t'].into_iter().max_by_key(|s| first.matches(*s).count()).unwrap_or(',');
    first.split(separator).map(|name| name.trim().trim_matches('"').to_string()).collect()
}

/// True if a workbook with these sheets is a survey form (XLSForm): a `survey` sheet and a
/// `choices` sheet.
pub fn is_form<'s>(sheets: impl IntoIterator<Item = &'s str>) -> bool {
    let sheets: Vec<String> = sheets.into_iter().map(str::to_lowercase).collect();
    sheets.iter().any(|s| s == "survey") && sheets.iter().any(|s| s == "choices")
}

/// The error for a submissions export at `file` (its column `column`).
pub fn export_published(file: &str, column: &str) -> Diagnostic {
    Diagnostic::error_said(
        "survey-export-published",
        Location::file(file),
        Message::new("asset.survey-export").with("column", column),
    )
    .with_help_said(Message::new("asset.survey-export-help"))
}

/// The warning for a survey form at `file`.
pub fn form_published(file: &str) -> Diagnostic {
    Diagnostic::warning_said("survey-form-published", Location::file(file), Message::new("asset.survey-form"))
        .with_help_said(Message::new("asset.survey-form-help"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exports_of_kobo_and_odk_are_told_from_other_tables() {
        let kobo =
            text_header(b"\xef\xbb\xbf\"start\";\"end\";\"community\";\"_id\";\"_uuid\";\"_submission_time\"\n1;2;3\n");
        assert_eq!(export_column(kobo.iter().map(String::as_str)), Some("_uuid"));
        let odk = text_header(b"SubmissionDate,community,meta-instanceID,KEY\n");
        assert_eq!(export_column(odk.iter().map(String::as_str)), Some("SubmissionDate"));
        let grouped = text_header(b"group_a/q1\tmeta/instanceID\n");
        assert_eq!(export_column(grouped.iter().map(String::as_str)), Some("meta/instanceID"));
        for table in [&b"douar,households,water\nA,12,yes\n"[..], b"id;name;uuid\n", b"", b"\n\n"] {
            let header = text_header(table);
            assert_eq!(export_column(header.iter().map(String::as_str)), None, "{header:?}");
        }
        assert!(is_form(["Survey", "choices", "settings"]));
        assert!(!is_form(["survey"]) && !is_form(["data", "choices"]));
    }
}
