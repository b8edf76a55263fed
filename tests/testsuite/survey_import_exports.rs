//! Exports as other tools and older forms write them, and as a spreadsheet leaves them: labels
//! with decomposed accents (a Mac, or marks typed apart), the columns of questions the form no
//! longer asks, headers upper-cased, and the date columns taken out.

use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use crate::support::run;
use crate::survey::{csv_text, entries, form_of, submissions};
use crate::survey_import::{column, french_round_by_names, profiles};

/// `text` with its accents as separate marks (NFD): `é` as `e` and U+0301.
fn decomposed(text: &str) -> String {
    text.nfd().collect()
}

/// An export whose labels are written with decomposed accents (`Tre\u{300}s ne\u{301}gative`, as
/// a Mac writes them) is read as the form's labels: the scale's points, a column header, and a
/// community named by its title give the figures of the same export with names.
#[test]
fn labels_with_decomposed_accents_are_the_forms_labels() {
    let (root, header, rows, wanted) = french_round_by_names("survey-labels-decomposed");
    // A community named by its title, which has an accent.
    let alpha = root.join("content/communities/alpha.md");
    let text = std::fs::read_to_string(&alpha).unwrap();
    std::fs::write(&alpha, text.replacen("title: Alpha\n", "title: Médina Alpha\n", 1)).unwrap();

    let schema = fieldbook::schema_in_force(&root).unwrap().0.localized("fr");
    let scale = schema.indicators.by_id("perception-of-migration").unwrap().scale.clone().unwrap();
    let (perception, community) = (column(&header, "perception-of-migration"), column(&header, "community"));
    let marks: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            let mut row = row.clone();
            if let Ok(point) = row[perception].parse() {
                row[perception] = decomposed(scale.label(point).unwrap());
            }
            if row[community] == "alpha" {
                row[community] = decomposed("Médina Alpha");
            }
            row
        })
        .collect();
    let very_negative = decomposed("très négative");
    assert!(very_negative != "très négative" && marks.iter().any(|r| r[perception] == very_negative));
    let mut marked_header = header.clone();
    marked_header[column(&header, "access-to-services")] = decomposed("Accès aux services");
    let file = root.join("decomposed.csv");
    std::fs::write(&file, csv_text(&marked_header, &marks, ';')).unwrap();
    let out = run(&root, &["import", file.to_str().unwrap(), "--replace"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("survey-missing-question"), "the header is the question's label: {}", out.stderr);
    // The title back as it was, so that the entries' places in the file are those of `wanted`.
    let text = std::fs::read_to_string(&alpha).unwrap();
    std::fs::write(&alpha, text.replacen("title: Médina Alpha\n", "title: Alpha\n", 1)).unwrap();
    assert!(entries(&root) == wanted, "the figures differ from those of the export with names");
}

/// A round collected with an older form that asked `age-distribution` and
/// `gender-distribution` (now `survey = false`: the figures come from a census) imports, and
/// one warning at the header names the columns not read and says why, in the site's language;
/// the profiles' figures for them stay as they were.
#[test]
fn an_old_forms_distribution_columns_are_named_as_not_read() {
    let (root, mut header, mut rows, _) = french_round_by_names("survey-old-distributions");
    let before = entries(&root);
    let first = header.len() + 1;
    header.extend(["sociodemographics/age-distribution".to_string(), "gender-distribution".to_string()]);
    for row in &mut rows {
        row.extend(["18-59".to_string(), "female".to_string()]);
    }
    let file = root.join("old-form.csv");
    std::fs::write(&file, csv_text(&header, &rows, ';')).unwrap();
    let out = run(&root, &["import", file.to_str().unwrap(), "--replace"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let warnings: Vec<&str> = out.stderr.lines().filter(|l| l.contains("[survey-not-asked]")).collect();
    assert_eq!(
        warnings,
        ["avertissement[survey-not-asked]: les colonnes `age-distribution` et `gender-distribution` ne sont pas \
          lues\u{202f}: le formulaire ne pose plus ces questions, et leurs chiffres restent tels quels dans chaque profil"],
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains(&format!("old-form.csv:1:{first}")), "at the first such column: {}", out.stderr);
    assert!(out.stderr.contains("recensement"), "the help says where the figure comes from: {}", out.stderr);
    for indicator in ["age-distribution", "gender-distribution"] {
        let key = ("alpha".to_string(), indicator.to_string());
        assert_eq!(entries(&root).get(&key), before.get(&key), "{indicator}");
    }
}

/// A round as KoBoToolbox exports it: 40 submissions with their `_uuid`, two of them sent
/// twice, uploaded a month after the interviews (so that the date says which column was read).
fn kobo_round_with_repeats(form: &crate::survey::FormSheet) -> (Vec<String>, Vec<Vec<String>>) {
    let (mut header, mut rows) = submissions(form, 40);
    header.push("_uuid".into());
    let uploaded = column(&header, "_submission_time");
    for (r, row) in rows.iter_mut().enumerate() {
        row[uploaded] = "2026-02-20T09:31:00.000+00:00".into();
        row.push(format!("1ff1a0c0-8f86-4c1e-a59a-{r:012}"));
    }
    let (again, changed) = (rows[1].clone(), rows[4].clone());
    rows.extend([again, changed]);
    (header, rows)
}

/// The same round as ODK Central exports it: groups joined by `-`, `meta-instanceID` with
/// `uuid:`, `SubmissionDate`, and no `KEY` column.
fn as_central(header: &[String], rows: &[Vec<String>]) -> (Vec<String>, Vec<Vec<String>>) {
    let id = column(header, "_uuid");
    let header = header
        .iter()
        .map(|h| match h.as_str() {
            "_uuid" => "meta-instanceID".to_string(),
            "_submission_time" => "SubmissionDate".to_string(),
            "_id" => "SubmitterID".to_string(),
            h => h.replace('/', "-"),
        })
        .collect();
    let rows = rows
        .iter()
        .map(|r| {
            let mut r = r.clone();
            r[id] = format!("uuid:{}", r[id]);
            r
        })
        .collect();
    (header, rows)
}

/// `file` imported with `--replace` into the site at `root`, its profiles first put back as
/// they were (`original`): what the import said, its warnings as `code message` and the cell
/// they are at (lowercased, since they name columns as the file writes them), and the profiles.
pub(crate) fn import_afresh(root: &Path, original: &[String; 2], file: &Path) -> (String, Vec<String>, [String; 2]) {
    for (id, text) in ["alpha", "beta"].iter().zip(original) {
        std::fs::write(root.join(format!("content/communities/{id}.md")), text).unwrap();
    }
    let out = run(root, &["import", file.to_str().unwrap(), "--replace"]);
    assert_eq!(out.code, 0, "{}: {}", file.display(), out.stderr);
    let lines: Vec<&str> = out.stderr.lines().collect();
    let warnings = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.starts_with("warning["))
        .map(|(i, l)| {
            let at = lines.get(i + 1).and_then(|l| l.rsplit(':').nth(1)).unwrap_or("");
            format!("{} (row {at})", l.to_lowercase())
        })
        .collect();
    (out.stderr, warnings, profiles(root))
}

/// A KoBoToolbox export and an ODK Central one whose headers a spreadsheet upper-cased (`END`,
/// `_UUID`, `_SUBMISSION_TIME`, `SOCIODEMOGRAPHICS/EDUCATIONAL-ACHIEVEMENT`, `AGE-GROUP`;
/// `META-INSTANCEID`, `SUBMISSIONDATE`) give exactly the figures, warnings, date and source of
/// the same exports in lower case: the repeats counted once, the round dated by its
/// interviews. `End` alone is the end of the interview too.
#[test]
fn headers_in_capitals_are_the_same_columns() {
    let (root, form) = form_of("survey-headers-capitals");
    let original = profiles(&root);
    let (header, rows) = kobo_round_with_repeats(&form);
    let upper = |header: &[String]| -> Vec<String> { header.iter().map(|h| h.to_uppercase()).collect() };
    let (central_header, central_rows) = as_central(&header, &rows);
    for (tool, header, rows, separator) in
        [("KoBoToolbox", header.clone(), rows.clone(), ';'), ("ODK Central", central_header, central_rows, ',')]
    {
        let lower = root.join("lower.csv");
        std::fs::write(&lower, csv_text(&header, &rows, separator)).unwrap();
        let (said, warnings, wanted) = import_afresh(&root, &original, &lower);
        assert_eq!(warnings.iter().filter(|w| w.contains("[survey-repeated-submission]")).count(), 2, "{tool}: {said}");
        assert!(said.contains("42 submissions read (2 repeated submissions left out"), "{tool}: {said}");
        assert!(
            wanted[0].contains("date: 2026-01-") && wanted[0].contains(", January 2026\n"),
            "{tool}: {}",
            wanted[0]
        );
        assert!(!wanted[0].contains("2026-02-20"), "{tool}: dated by the upload");

        let capitals = root.join("capitals.csv");
        let upper_header = upper(&header);
        assert!(upper_header.contains(&"AGE-GROUP".to_string()) && upper_header.contains(&"END".to_string()));
        std::fs::write(&capitals, csv_text(&upper_header, &rows, separator)).unwrap();
        let (said_upper, upper_warnings, got) = import_afresh(&root, &original, &capitals);
        assert_eq!(upper_warnings, warnings, "{tool}: {said_upper}");
        assert!(said_upper.contains("42 submissions read (2 repeated submissions left out"), "{tool}: {said_upper}");
        assert_eq!(got, wanted, "{tool}: the figures, date and source of the lower-case export");
    }

    // `End` alone: still the interview's end, not the upload a month later.
    let mut header = header;
    let end = column(&header, "end");
    header[end] = "End".into();
    let file = root.join("end.csv");
    std::fs::write(&file, csv_text(&header, &rows, ';')).unwrap();
    let (said, _, got) = import_afresh(&root, &original, &file);
    assert!(got[0].contains(", January 2026\n") && !got[0].contains("February 2026"), "{said}\n{}", got[0]);
}

/// Two columns that are one name in two cases (`end` and `END`, `age-group` and `AGE-GROUP`)
/// cannot both be read: an error at the second, naming the first, and nothing is written.
#[test]
fn one_name_in_two_cases_is_refused() {
    let (root, form) = form_of("survey-name-twice");
    let original = profiles(&root);
    let (mut header, mut rows) = submissions(&form, 20);
    let (end, age) = (column(&header, "end"), column(&header, "age-group"));
    header.extend(["END".to_string(), "AGE-GROUP".to_string()]);
    for row in &mut rows {
        let (e, a) = (row[end].clone(), row[age].clone());
        row.extend([e, a]);
    }
    let file = root.join("twice.csv");
    std::fs::write(&file, csv_text(&header, &rows, ',')).unwrap();
    let out = run(&root, &["import", file.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let said = format!(
        "error[survey-duplicate-column]: this column, `END`, is column {}, `end`, again in other capitals: which one \
         to read cannot be told\n --> {}:1:{}",
        end + 1,
        file.display(),
        header.len() - 1
    );
    assert!(out.stderr.contains(&said), "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!("this column answers `age-group` again, as column {} does", age + 1)),
        "{}",
        out.stderr
    );
    assert_eq!(profiles(&root), original, "nothing is written");
}

/// An export whose date columns were all taken out (`end`, `_submission_time`) is said once,
/// at its header, in the site's language: the figures are written without a date, and their
/// source without the round's month.
#[test]
fn an_export_without_a_date_column_is_said() {
    let (root, form) = form_of("survey-no-date");
    let (header, rows) = submissions(&form, 40);
    let dated: Vec<usize> = ["end", "_submission_time"].iter().map(|c| column(&header, c)).collect();
    let keep = |row: &Vec<String>| -> Vec<String> {
        row.iter().enumerate().filter(|(i, _)| !dated.contains(i)).map(|(_, c)| c.clone()).collect()
    };
    let file = root.join("undated.csv");
    std::fs::write(&file, csv_text(&keep(&header), &rows.iter().map(keep).collect::<Vec<_>>(), ',')).unwrap();
    let out = run(&root, &["import", file.to_str().unwrap(), "--replace"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let said = format!(
        "warning[survey-date]: this export has no date column (`end`, `today`, `_submission_time` or \
         `SubmissionDate`): the figures are written without a `date`, and their source without the round's \
         month\n --> {}:1:1",
        file.display()
    );
    assert!(out.stderr.contains(&said), "{}", out.stderr);
    assert_eq!(out.stderr.matches("[survey-date]").count(), 1, "{}", out.stderr);
    let imported: Vec<_> = entries(&root)
        .into_values()
        .filter(|e| e.source.as_deref().is_some_and(|s| s.starts_with("Community survey")))
        .collect();
    assert!(!imported.is_empty());
    for entry in imported {
        assert_eq!(entry.date, None);
        assert_eq!(entry.source.as_deref(), Some(format!("Community survey, version {}", form.version).as_str()));
    }

    // In French on a French site.
    let settings = root.join("fieldbook.toml");
    let english = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, english.replacen("language = \"en\"", "language = \"fr\"", 1)).unwrap();
    let out = run(&root, &["import", file.to_str().unwrap(), "--replace", "--dry-run"]);
    assert!(out.stderr.contains("avertissement[survey-date]: cet export n'a aucune colonne de date"), "{}", out.stderr);
}
