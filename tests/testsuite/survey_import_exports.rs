//! Exports as other tools and older forms write them: labels with decomposed accents (a Mac,
//! or marks typed apart), and the columns of questions the form no longer asks.

use unicode_normalization::UnicodeNormalization;

use crate::support::run;
use crate::survey::{csv_text, entries};
use crate::survey_import::{column, french_round_by_names};

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
