//! `fieldbook import` against what a real export can hold that it must not take as it is: an
//! id no profile can have given to `--create`, dates a spreadsheet rewrote, the upload time
//! beside the interview's end, two columns answering one question, a version that is none
//! or two versions in one file.

use crate::support::run;
use crate::survey::{csv_text, form_of, submissions};
use crate::survey_import::{column, profiles};

/// `--create` refuses, at its cell, an id a profile cannot have, saying why: a name that is
/// no id (with the id to write), the page of a section's list Fieldbook writes itself, a file
/// name Windows keeps for a device, an id too long for a file name. Nothing is created.
#[test]
fn create_refuses_an_id_no_profile_can_have_and_says_why() {
    let (root, form) = form_of("survey-create-refused");
    let (header, mut rows) = submissions(&form, 40);
    let community = column(&header, "community");
    let long = "a".repeat(300);
    let cases = [
        ("New Village", "it is not an id (letters, digits and dashes, as a file name): write `new-village`"),
        ("index", "its page would be `communities/index.html`, which Fieldbook writes itself"),
        ("page-2", "its page would be `communities/page-2.html`, which Fieldbook writes itself"),
        ("con", "Windows keeps the file name `con.md` for a device"),
        (long.as_str(), "an id is at most 80 bytes, for a file name"),
    ];
    for (r, (name, _)) in cases.iter().enumerate() {
        rows[r][community] = name.to_string();
    }
    let file = root.join("refused.csv");
    std::fs::write(&file, csv_text(&header, &rows, ',')).unwrap();
    let before = profiles(&root);
    let create = ["--create", "--country", "Examplestan", "--by", "Field team"];
    let out = run(&root, &[&["import", file.to_str().unwrap()][..], &create].concat());
    assert_eq!(out.code, 1, "{}", out.stderr);
    for (name, why) in cases {
        assert!(out.stderr.contains(&format!("`{name}` is not a community of this site")), "{name}: {}", out.stderr);
        assert!(out.stderr.contains(&format!("a profile cannot be created with it: {why}")), "{why}: {}", out.stderr);
    }
    assert_eq!(profiles(&root), before, "a refused import wrote something");
    let created = std::fs::read_dir(root.join("content/communities")).unwrap().count();
    assert_eq!(created, 2, "a profile was created");
    // `fieldbook new` refuses a list's page too, before writing.
    let new = run(&root, &["new", "community", "Index", "--country", "Examplestan", "--by", "Team"]);
    assert_eq!(new.code, 2, "{}", new.stderr);
    assert!(
        new.stderr.contains("would make the page `communities/index.html`, which Fieldbook writes itself"),
        "{}",
        new.stderr
    );
    assert!(!root.join("content/communities/index.md").exists());
}

/// The round's date is the day the last interview ended (`end`, as the phone has it), not the
/// day it was uploaded (`_submission_time`, in UTC, days later for offline collection); a
/// date that cannot be read is said once, at the first, with how many others there are, and
/// the submission still counts.
#[test]
fn the_round_is_dated_by_its_interviews_and_an_unread_date_is_said() {
    let (root, form) = form_of("survey-dates");
    let (header, mut rows) = submissions(&form, 40);
    let (end, uploaded) = (column(&header, "end"), column(&header, "_submission_time"));
    for row in rows.iter_mut() {
        row[uploaded] = "2026-02-20T09:31:00.000+00:00".into();
    }
    let file = root.join("dated.csv");
    std::fs::write(&file, csv_text(&header, &rows, ',')).unwrap();
    let out = run(&root, &["import", file.to_str().unwrap(), "--replace"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let alpha = std::fs::read_to_string(root.join("content/communities/alpha.md")).unwrap();
    assert!(alpha.contains("date: 2026-01-24") && !alpha.contains("2026-02-20"), "{alpha}");
    assert!(alpha.contains("January 2026") && !alpha.contains("February 2026"), "{alpha}");

    // Dates as a spreadsheet rewrote them: said at the first, the others counted.
    for row in rows.iter_mut().take(3) {
        row[end] = "24/01/2026".into();
    }
    std::fs::write(&file, csv_text(&header, &rows, ',')).unwrap();
    let out = run(&root, &["import", file.to_str().unwrap(), "--replace", "--dry-run"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let said = format!(
        "warning[survey-date]: `24/01/2026` is not a date the import can read, nor are 2 other dates of `end`: those submissions count, but not in the round's date\n --> {}:2:{}",
        file.display(),
        end + 1
    );
    assert!(out.stderr.contains(&said), "{}", out.stderr);
    assert_eq!(out.stderr.matches("warning[survey-date]").count(), 1, "{}", out.stderr);
}

/// Two columns answering one question (exports merged side by side) are an error at the
/// second, naming the first: which holds the answers cannot be told. Nothing is written.
#[test]
fn two_columns_answering_one_question_are_an_error() {
    let (root, form) = form_of("survey-duplicate-column");
    let (mut header, mut rows) = submissions(&form, 40);
    let services = header.iter().position(|h| h.ends_with("access-to-services")).expect("the question");
    let copied = header[services].clone();
    header.push(copied.clone());
    for row in rows.iter_mut() {
        row.push("maybe".into());
    }
    let file = root.join("merged.csv");
    std::fs::write(&file, csv_text(&header, &rows, ',')).unwrap();
    let before = profiles(&root);
    let out = run(&root, &["import", file.to_str().unwrap(), "--replace"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let said = format!(
        "error[survey-duplicate-column]: this column answers `access-to-services` again, as column {} does: which one holds the answers cannot be told\n --> {}:1:{}",
        services + 1,
        file.display(),
        header.len()
    );
    assert!(out.stderr.contains(&said), "{}", out.stderr);
    assert_eq!(profiles(&root), before, "a refused import wrote something");
}

/// The form's version goes into each figure's public `source`: a value that is no version is
/// an error at its cell, and a file of two versions a warning.
#[test]
fn a_version_that_is_none_is_refused_and_two_versions_are_said() {
    let (root, form) = form_of("survey-versions");
    let (header, mut rows) = submissions(&form, 40);
    let version = column(&header, "fieldbook_version");
    rows[3][version] = "../../x\nnewline: yes".into();
    let file = root.join("versions.csv");
    std::fs::write(&file, csv_text(&header, &rows, ',')).unwrap();
    let before = profiles(&root);
    let out = run(&root, &["import", file.to_str().unwrap(), "--replace"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("error[survey-version]: `../../x\\u{a}newline: yes` is not a form version"),
        "{}",
        out.stderr
    );
    assert_eq!(profiles(&root), before, "a refused import wrote something");

    rows[3][version] = "0ld-v3rsion".into();
    std::fs::write(&file, csv_text(&header, &rows, ',')).unwrap();
    let out = run(&root, &["import", file.to_str().unwrap(), "--replace", "--dry-run"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "warning[survey-mixed-versions]: this submission was made with the form's version `0ld-v3rsion`, an earlier one with `{}`",
            form.version
        )),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.matches("survey-mixed-versions]").count(), 1, "{}", out.stderr);
}

/// A community misspelt on every row of its submissions is one error, at its first row, with
/// how many other rows name it, not one error a row.
#[test]
fn a_misspelt_community_is_said_once_with_its_rows() {
    let (root, form) = form_of("survey-misspelt-community");
    let (header, mut rows) = submissions(&form, 40);
    let community = column(&header, "community");
    let mut renamed = 0;
    for row in rows.iter_mut().filter(|row| row[community] == "alpha") {
        row[community] = "alfa".into();
        renamed += 1;
    }
    let file = root.join("misspelt.csv");
    std::fs::write(&file, csv_text(&header, &rows, ',')).unwrap();
    let out = run(&root, &["import", file.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(out.stderr.matches("error[survey-unknown-community]").count(), 1, "{}", out.stderr);
    let said = format!("`alfa` is not a community of this site; {} other rows name it too", renamed - 1);
    assert!(out.stderr.contains(&said), "{}", out.stderr);
    assert!(out.stderr.contains("expected one of `alpha` or `beta`"), "{}", out.stderr);
}

/// `1,200` in a decimal answer is a thousand and two hundred or 1.2: an error at its cell with
/// both ways to write it, never a guess. `3,5` is a decimal comma, and read as 3.5.
#[test]
fn a_number_a_comma_leaves_in_doubt_is_not_guessed() {
    let (root, form) = form_of("survey-ambiguous-number");
    let (header, mut rows) = submissions(&form, 40);
    let (_, name, group) = form.questions.iter().find(|(kind, ..)| kind == "decimal").expect("a decimal question");
    let wanted = match group {
        Some(g) => format!("{g}/{name}"),
        None => name.clone(),
    };
    let decimal = column(&header, &wanted);
    rows[0][decimal] = "3,5".into();
    let file = root.join("commas.csv");
    std::fs::write(&file, csv_text(&header, &rows, ';')).unwrap();
    let out = run(&root, &["import", file.to_str().unwrap(), "--dry-run"]);
    assert_eq!(out.code, 0, "a decimal comma: {}", out.stderr);
    rows[1][decimal] = "1,200".into();
    std::fs::write(&file, csv_text(&header, &rows, ';')).unwrap();
    let out = run(&root, &["import", file.to_str().unwrap(), "--dry-run"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let said = format!(
        "error[survey-not-a-number]: `1,200` could be a number with a thousands separator or one with a decimal comma (the answer to `{name}`)\n --> {}:3:{}",
        file.display(),
        decimal + 1
    );
    assert!(out.stderr.contains(&said), "{}", out.stderr);
    assert!(out.stderr.contains("help: write `1200` or `1.2` in the export"), "{}", out.stderr);
}

/// A file named as a workbook that is none (a CSV file renamed, a download cut short) is said
/// to be so, not read as a CSV file with the wrong separators.
#[test]
fn a_workbook_by_name_only_is_said_to_be_none() {
    let (root, form) = form_of("survey-not-a-workbook");
    let (header, rows) = submissions(&form, 10);
    let file = root.join("export.xlsx");
    std::fs::write(&file, csv_text(&header, &rows, '\t')).unwrap();
    let out = run(&root, &["import", file.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("error[survey-encoding]: this file is named as a workbook, but it is not an XLSX workbook"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("survey-separator"), "{}", out.stderr);
}
