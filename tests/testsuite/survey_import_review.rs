//! Submissions a supervisor reviewed before the export: those not approved (KoBoToolbox's
//! `_validation_status`) or rejected (ODK Central's `ReviewState`) are left out of the figures,
//! and the import's last line says how many and why, `--dry-run` too; those on hold or with
//! issues are counted, and a warning says how many. As values or as labels, in CSV or XLSX.

use std::path::Path;

use crate::support::{run, run_speaking};
use crate::survey::{csv_text, form_of, submissions};
use crate::survey_import::{column, profiles};
use crate::survey_import_exports::import_afresh;

/// `rows` without the rows at `left_out` (indices), and every row without the column `drop`.
fn without(rows: &[Vec<String>], left_out: &[usize], drop: usize) -> Vec<Vec<String>> {
    rows.iter()
        .enumerate()
        .filter(|(r, _)| !left_out.contains(r))
        .map(|(_, row)| row.iter().enumerate().filter(|(c, _)| *c != drop).map(|(_, cell)| cell.clone()).collect())
        .collect()
}

/// A KoBoToolbox export with `_validation_status`: three submissions not approved (one with an
/// answer no question takes, which is not read), two on hold, one approved. The figures are
/// those of the export without the three; the dry run and the import say they were left out
/// (rows named with `--verbose`), and one warning says the two on hold are counted.
#[test]
fn submissions_not_approved_in_kobotoolbox_are_left_out_and_counted() {
    let (root, form) = form_of("survey-review-kobo");
    let original = profiles(&root);
    let (mut header, mut rows) = submissions(&form, 40);
    header.push("_validation_status".into());
    let status = header.len() - 1;
    let (not_approved, on_hold) = ([3, 7, 11], [5, 9]);
    for (r, row) in rows.iter_mut().enumerate() {
        row.push(
            match r {
                _ if not_approved.contains(&r) => "validation_status_not_approved",
                _ if on_hold.contains(&r) => "validation_status_on_hold",
                2 => "validation_status_approved",
                _ => "",
            }
            .into(),
        );
    }
    rows[7][column(&header, "safety-levels")] = "9".into();
    let reviewed = root.join("reviewed.csv");
    std::fs::write(&reviewed, csv_text(&header, &rows, ';')).unwrap();

    let dry = run(&root, &["import", reviewed.to_str().unwrap(), "--replace", "--dry-run"]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert!(
        dry.stderr.contains(
            "40 submissions read (3 submissions left out: not approved in review (KoBoToolbox)): 2 profiles would \
             change (dry run: nothing written)"
        ),
        "{}",
        dry.stderr
    );
    let warning = format!(
        "warning[survey-review-state]: this submission is `validation_status_on_hold` in review, as is 1 other: \
         they are counted in the figures\n --> {}:7:{}",
        reviewed.display(),
        status + 1
    );
    assert!(dry.stderr.contains(&warning), "{}", dry.stderr);
    assert_eq!(dry.stderr.matches("[survey-review-state]").count(), 1, "{}", dry.stderr);
    assert_eq!(profiles(&root), original, "a dry run writes nothing");

    let (said, _, got) = import_afresh(&root, &original, &reviewed);
    assert!(said.contains("40 submissions read (3 submissions left out: not approved in review"), "{said}");
    let clean = root.join("clean.csv");
    std::fs::write(&clean, csv_text(&header[..status], &without(&rows, &not_approved, status), ';')).unwrap();
    let (clean_said, _, wanted) = import_afresh(&root, &original, &clean);
    assert!(clean_said.contains("37 submissions read: 2 profiles changed"), "{clean_said}");
    assert_eq!(got, wanted, "the figures are those of the submissions not left out");

    // The rows, with --verbose; in the site's language.
    let verbose = run(&root, &["--verbose", "import", reviewed.to_str().unwrap(), "--replace", "--dry-run"]);
    assert!(
        verbose.stderr.contains("submissions not approved in review, left out: rows 5, 9, 13"),
        "{}",
        verbose.stderr
    );
    let french = run_speaking("fr", &root, &["import", reviewed.to_str().unwrap(), "--replace", "--dry-run"]);
    assert!(
        french.stderr.contains("40 soumissions lues (3 soumissions écartées\u{202f}: non approuvées à la revue"),
        "{}",
        french.stderr
    );
}

/// The same review exported by KoBoToolbox as XLSX with labels (`Not Approved`, `On Hold`,
/// `Approved`, in a spreadsheet's capitals for one of them) leaves out the same submissions.
#[test]
fn review_labels_in_a_workbook_are_read_as_their_values() {
    let (root, form) = form_of("survey-review-labels");
    let original = profiles(&root);
    let (mut header, rows) = submissions(&form, 40);
    header.push("_validation_status".into());
    let status = header.len() - 1;
    let label = |r: usize| match r {
        3 | 11 => "Not Approved",
        7 => "NOT APPROVED",
        5 | 9 => "On Hold",
        2 => "Approved",
        _ => "",
    };
    let labelled: Vec<Vec<String>> =
        rows.iter().enumerate().map(|(r, row)| row.iter().cloned().chain([label(r).to_string()]).collect()).collect();
    let xlsx = root.join("labels.xlsx");
    write_workbook(&xlsx, &header, &labelled);
    let (said, _, got) = import_afresh(&root, &original, &xlsx);
    assert!(said.contains("40 submissions read (3 submissions left out: not approved in review"), "{said}");
    assert!(said.contains("this submission is `On Hold` in review, as is 1 other"), "{said}");
    let clean = root.join("clean.csv");
    std::fs::write(&clean, csv_text(&header[..status], &without(&labelled, &[3, 7, 11], status), ';')).unwrap();
    let (_, _, wanted) = import_afresh(&root, &original, &clean);
    assert_eq!(got, wanted);
}

/// An ODK Central export with `ReviewState`: `rejected` submissions are left out, `hasIssues`
/// ones counted and said, `edited` and `approved` counted; a submission whose later copy in a
/// merged export was rejected is rejected, and the last line gives both reasons.
#[test]
fn submissions_rejected_in_odk_central_are_left_out() {
    let (root, form) = form_of("survey-review-central");
    let original = profiles(&root);
    let (header, rows) = submissions(&form, 40);
    let mut central: Vec<String> = header
        .iter()
        .map(|h| match h.as_str() {
            "_id" => "meta-instanceID".to_string(),
            "_submission_time" => "SubmissionDate".to_string(),
            h => h.replace('/', "-"),
        })
        .collect();
    central.push("ReviewState".into());
    let state = central.len() - 1;
    let id = column(&header, "_id");
    let mut reviewed: Vec<Vec<String>> = rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let mut row = row.clone();
            row[id] = format!("uuid:{}", row[id]);
            let review = match r {
                4 | 20 => "rejected",
                6 | 8 | 10 => "hasIssues",
                12 => "edited",
                14 => "approved",
                _ => "",
            };
            row.push(review.into());
            row
        })
        .collect();
    // Row 0 again, from an export made after a supervisor rejected it.
    let mut again = reviewed[0].clone();
    again[state] = "rejected".into();
    reviewed.push(again);
    let file = root.join("central.csv");
    std::fs::write(&file, csv_text(&central, &reviewed, ',')).unwrap();
    let (said, _, got) = import_afresh(&root, &original, &file);
    assert!(
        said.contains(
            "41 submissions read (1 repeated submission left out: the same instance id as an earlier row; 3 \
             submissions left out: rejected in review (ODK Central)): 2 profiles changed"
        ),
        "{said}"
    );
    let warning = format!(
        "warning[survey-review-state]: this submission is `hasIssues` in review, as are 2 others: they are counted \
         in the figures\n --> {}:8:{}",
        file.display(),
        state + 1
    );
    assert!(said.contains(&warning), "{said}");
    // The repeat's warning says the submission counts in no figure, not that it counts once.
    assert!(
        said.contains(
            "warning[survey-repeated-submission]: this submission repeats the one on row 2 (the same \
             `meta-instanceID`, "
        ) && said.contains("which a supervisor set aside (rejected or not approved) in one of its rows: it is left out, and the submission counts in no figure"),
        "{said}"
    );
    assert!(!said.contains("counts once"), "{said}");
    let clean = root.join("clean.csv");
    std::fs::write(&clean, csv_text(&central[..state], &without(&reviewed, &[0, 4, 20, 40], state), ',')).unwrap();
    let (_, _, wanted) = import_afresh(&root, &original, &clean);
    assert_eq!(got, wanted);
}

/// A workbook of `header` and `rows` as KoBoToolbox writes one: numbers as numbers.
fn write_workbook(path: &Path, header: &[String], rows: &[Vec<String>]) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (r, row) in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)).enumerate() {
        for (c, cell) in row.iter().enumerate() {
            match cell.parse::<f64>() {
                Ok(x) if r > 0 => sheet.write_number(r as u32, c as u16, x).unwrap(),
                _ => sheet.write_string(r as u32, c as u16, cell).unwrap(),
            };
        }
    }
    workbook.save(path).unwrap();
}
