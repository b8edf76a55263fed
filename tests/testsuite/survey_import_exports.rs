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
