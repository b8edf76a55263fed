//! The import as a user meets it with a real round: repeated submissions counted once, rows
//! numbered as a spreadsheet shows them whatever the line endings, the source written in the
//! site's language, a question missing from the export, a number indicator without a unit,
//! blank rows, and the respondent's part read by its label.

use std::path::Path;

use crate::support::run;
use crate::survey::{csv_text, entries, form_of, submissions};

/// The position of the column `name` (with or without its group path) in `header`.
pub(crate) fn column(header: &[String], name: &str) -> usize {
    header.iter().position(|h| h == name || h.ends_with(&format!("/{name}"))).unwrap()
}

/// The two profiles of the survey fixture, as they are on disk.
pub(crate) fn profiles(root: &Path) -> [String; 2] {
    ["alpha", "beta"].map(|c| std::fs::read_to_string(root.join(format!("content/communities/{c}.md"))).unwrap())
}

/// A submission uploaded twice (or two exports merged) counts once: every repeat is a warning
/// at its id cell naming the first row, left out of the figures, and counted in the summary.
#[test]
fn a_repeated_submission_counts_once() {
    let (root, form) = form_of("survey-repeats");
    let (mut header, mut rows) = submissions(&form, 40);
    // KoBoToolbox's `_uuid`, beside its `_id`.
    header.push("_uuid".into());
    for (r, row) in rows.iter_mut().enumerate() {
        row.push(format!("1ff1a0c0-8f86-4c1e-a59a-{r:012}"));
    }
    let clean = root.join("clean.csv");
    std::fs::write(&clean, csv_text(&header, &rows, ';')).unwrap();
    let once = run(&root, &["import", clean.to_str().unwrap(), "--replace"]);
    assert_eq!(once.code, 0, "{}", once.stderr);
    assert!(once.stderr.contains("40 submissions read: 2 profiles changed"), "{}", once.stderr);
    let wanted = profiles(&root);

    // Row 3 uploaded again (another `_id`, a later submission time), and row 6 again with an
    // answer changed.
    let mut again = rows[1].clone();
    again[column(&header, "_id")] = "2001".into();
    rows.push(again);
    let mut changed = rows[4].clone();
    let safety = column(&header, "safety-levels");
    changed[safety] = if changed[safety] == "1" { "2" } else { "1" }.into();
    rows.push(changed);
    let repeated = root.join("repeated.csv");
    std::fs::write(&repeated, csv_text(&header, &rows, ';')).unwrap();
    let out = run(&root, &["import", repeated.to_str().unwrap(), "--replace"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let id_column = header.len();
    assert!(
        out.stderr.contains(&format!(
            "warning[survey-repeated-submission]: this submission repeats the one on row 3 (the same `_uuid`, \
             `1ff1a0c0-8f86-4c1e-a59a-000000000001`): it is left out, and the submission counts once\n  --> \
             {}:42:{id_column}",
            repeated.display()
        )),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(
            "repeats the one on row 6 (the same `_uuid`, `1ff1a0c0-8f86-4c1e-a59a-000000000004`) but \
             its answers differ (`safety-levels`): the first was kept, this one is left out"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(
            "42 submissions read (2 repeated submissions left out: the same instance id as an earlier row): \
             0 profiles changed"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(profiles(&root), wanted, "the figures are those of the 40 submissions");

    // ODK Central: `meta-instanceID`, `uuid:…`, and no `_uuid`.
    let odk_header: Vec<String> =
        header.iter().map(|h| if h == "_uuid" { "meta-instanceID".into() } else { h.replace('/', "-") }).collect();
    let odk_rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut r = r.clone();
            let last = r.len() - 1;
            r[last] = format!("uuid:{}", r[last]);
            r
        })
        .collect();
    let central = root.join("central.csv");
    std::fs::write(&central, csv_text(&odk_header, &odk_rows, ',')).unwrap();
    let out = run(&root, &["import", central.to_str().unwrap(), "--replace"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr.matches("warning[survey-repeated-submission]").count(), 2, "{}", out.stderr);
    assert!(out.stderr.contains("(the same `meta-instanceID`, `uuid:1ff1a0c0-8f86-4c1e-a59a-000000000001`)"));
    assert_eq!(profiles(&root), wanted, "ODK Central");
}

/// Rows are numbered as a spreadsheet shows them: the first submission is row 2 with LF or
/// CRLF line endings, and a cell with a line break in it does not push the rows after it down.
#[test]
fn rows_are_numbered_as_a_spreadsheet_shows_them() {
    let (root, form) = form_of("survey-rows");
    let (header, mut rows) = submissions(&form, 20);
    let safety = column(&header, "safety-levels");
    rows[0][safety] = "9".into();
    let file = root.join("s.csv");
    let place = |line: usize| {
        format!("error[survey-not-a-choice]: `9` is not a choice of `safety-levels`\n --> s.csv:{line}:{}", safety + 1)
    };
    let lf = csv_text(&header, &rows, ',');
    for (case, text) in [("LF", lf.clone()), ("CRLF", lf.replace('\n', "\r\n"))] {
        std::fs::write(&file, text).unwrap();
        let out = crate::support::fieldbook().current_dir(&root).args(["import", "s.csv"]).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(&place(2)), "{case}: {stderr}");
    }
    // A comment over two lines on the first row, the bad answer on the third: row 4.
    rows[0][safety] = "1".into();
    rows[0][column(&header, "comments")] = "first line\nsecond line".into();
    rows[2][safety] = "9".into();
    std::fs::write(&file, csv_text(&header, &rows, ',').replace('\n', "\r\n")).unwrap();
    let out = crate::support::fieldbook().current_dir(&root).args(["import", "s.csv"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&place(4)), "{stderr}");
}

/// The `source` of an entry is written in the site's language; an entry of the same round in
/// another language is this round's, replaced without --replace.
#[test]
fn the_source_is_written_in_the_sites_language() {
    let (root, form) = form_of("survey-source-fr");
    let settings = root.join("fieldbook.toml");
    let english = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, english.replacen("language = \"en\"", "language = \"fr\"", 1)).unwrap();
    let (header, rows) = submissions(&form, 30);
    let file = root.join("s.csv");
    std::fs::write(&file, csv_text(&header, &rows, ',')).unwrap();
    let out = run(&root, &["import", file.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let written = entries(&root);
    let french = format!("Enquête communautaire, version {}, janvier 2026", form.version);
    assert_eq!(written[&("beta".into(), "safety-levels".into())].source.as_deref(), Some(french.as_str()));

    for (language, source) in [
        ("es", format!("Encuesta comunitaria, versión {}, enero de 2026", form.version)),
        ("ar", format!("استبيان مجتمعي، الإصدار {}، يناير 2026", form.version)),
        ("en", format!("Community survey, version {}, January 2026", form.version)),
    ] {
        std::fs::write(&settings, english.replacen("language = \"en\"", &format!("language = \"{language}\""), 1))
            .unwrap();
        let out = run(&root, &["import", file.to_str().unwrap()]);
        assert_eq!(out.code, 0, "{language}: {}", out.stderr);
        assert!(!out.stderr.contains("survey-other-source]: `safety-levels`"), "{language}: {}", out.stderr);
        let written = entries(&root);
        assert_eq!(
            written[&("beta".into(), "safety-levels".into())].source.as_deref(),
            Some(source.as_str()),
            "{language}"
        );
    }
}

/// A question the export lacks (an indicator added to the schema after the round) leaves its
/// figures as they were, with a warning at the header; the rest of the round is imported.
#[test]
fn a_question_missing_from_the_export_leaves_its_figures_alone() {
    let (root, form) = form_of("survey-missing-question");
    let (header, rows) = submissions(&form, 30);
    let dropped = [column(&header, "access-to-services"), column(&header, "sex")];
    let keep = |row: &Vec<String>| -> Vec<String> {
        row.iter().enumerate().filter(|(i, _)| !dropped.contains(i)).map(|(_, c)| c.clone()).collect()
    };
    let file = root.join("s.csv");
    std::fs::write(&file, csv_text(&keep(&header), &rows.iter().map(keep).collect::<Vec<_>>(), ',')).unwrap();
    let out = run(&root, &["import", file.to_str().unwrap(), "--replace"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "warning[survey-missing-question]: the question `access-to-services` is not in this export: its figures \
             were left as they were in every profile\n --> {}:1:1",
            file.display()
        )),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("the question `sex` is not in this export: this round's figures are not broken down by it"),
        "{}",
        out.stderr
    );
    let written = entries(&root);
    let kept = &written[&("alpha".into(), "access-to-services".into())];
    assert_eq!(kept.source.as_deref(), Some("Household survey 2024"), "left as it was, even with --replace");
    assert!(written.contains_key(&("beta".into(), "safety-levels".into())), "the rest is imported");
    let income = &written[&("alpha".into(), "monthly-income".into())];
    assert!(income.disaggregation.is_empty(), "no breakdown by sex: {income:?}");
}

/// A number indicator the survey asks, with no unit in schema.toml: `check`, `form` and
/// `import` each say so once, at its `id` line in schema.toml, so that it is fixed before a
/// round is collected; nothing is written. With its unit, the round is imported and the site
/// checks.
#[test]
fn a_number_without_a_unit_is_reported_at_its_place_in_the_schema() {
    let root = crate::html::copy_site(&crate::support::fixture("survey/site"), "survey-no-unit");
    let schema = root.join("schema.toml");
    let mut text = std::fs::read_to_string(&schema).unwrap();
    text.push_str(
        "\n[[indicators]]\nid = \"household-size\"\ngroup = \"sociodemographics\"\nlabel = \"Taille du ménage\"\n\
         kind = \"number\"\nunit = \"people\"\nmin = 1\nmax = 40\n",
    );
    std::fs::write(&schema, &text).unwrap();
    let line = text.lines().position(|l| l == "id = \"household-size\"").unwrap() + 1;
    // A round collected with the form of the schema as it was, with the unit.
    let made = run(&root, &["form"]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let form_path = root.join("forms/community-survey.xlsx");
    let form = crate::survey::read_form(&form_path);
    let (header, mut rows) = submissions(&form, 30);
    let size = column(&header, "household-size");
    for (r, row) in rows.iter_mut().enumerate() {
        row[size] = (2 + r % 9).to_string();
    }
    let file = root.join("s.csv");
    std::fs::write(&file, csv_text(&header, &rows, ',')).unwrap();
    let (before, form_before) = (profiles(&root), std::fs::read(&form_path).unwrap());

    std::fs::write(&schema, text.replace("kind = \"number\"\nunit = \"people\"\n", "kind = \"number\"\n")).unwrap();
    let said = format!(
        "error[survey-no-unit]: `household-size` is a number the survey form asks, and has no `unit`: the question \
         cannot say in what unit to answer, and `fieldbook import` cannot write its figures\n  --> schema.toml:{line}:1"
    );
    for command in [&["check"][..], &["form"], &["import", file.to_str().unwrap(), "--replace"]] {
        let out = run(&root, command);
        assert_eq!(out.code, 1, "{command:?}: {}", out.stderr);
        assert!(out.stderr.contains(&said), "{command:?}: {}", out.stderr);
        assert_eq!(out.stderr.matches("[survey-no-unit]").count(), 1, "{command:?}, once: {}", out.stderr);
        assert!(out.stderr.contains("help: give it its unit here"), "{command:?}: {}", out.stderr);
        assert!(!out.stderr.contains("missing-unit"), "{command:?}: {}", out.stderr);
    }
    assert_eq!(profiles(&root), before, "nothing imported");
    assert_eq!(std::fs::read(&form_path).unwrap(), form_before, "no form written");

    // The file's own problems are reported in the same run as the schema's, not on the next.
    let mut bad_rows = rows.clone();
    bad_rows[3][column(&header, "safety-levels")] = "6".into();
    let bad = root.join("bad.csv");
    std::fs::write(&bad, csv_text(&header, &bad_rows, ',')).unwrap();
    let out = run(&root, &["import", bad.to_str().unwrap(), "--replace"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains(&said), "{}", out.stderr);
    assert!(
        out.stderr.contains("error[survey-not-a-choice]: `6` is not a choice of `safety-levels`"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("nothing was written"), "{}", out.stderr);
    assert_eq!(profiles(&root), before, "nothing imported");

    // With its unit again, the round is imported, and the site checks.
    std::fs::write(&schema, &text).unwrap();
    let out = run(&root, &["import", file.to_str().unwrap(), "--replace"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(entries(&root).contains_key(&("alpha".into(), "household-size".into())));
    let check = run(&root, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

/// Rows whose every cell is empty (what Excel leaves after the data) are no submissions: the
/// import skips them, in CSV with `;` or `,`, LF or CRLF, and in XLSX, gives the profiles the
/// same figures as without them, does not count them, and `--verbose` says which it skipped.
#[test]
fn blank_rows_are_skipped_and_not_counted() {
    let (root, form) = form_of("survey-blank-rows");
    let (header, rows) = submissions(&form, 40);
    let file = root.join("clean.csv");
    std::fs::write(&file, csv_text(&header, &rows, ';')).unwrap();
    let out = run(&root, &["import", file.to_str().unwrap(), "--replace"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let (wanted, wanted_entries) = (profiles(&root), entries(&root));
    let blank = vec![String::new(); header.len()];
    // A blank row among the submissions (row 12), and three after them (rows 43 to 45).
    let mut with_blanks = rows.clone();
    with_blanks.insert(10, blank.clone());
    with_blanks.extend([blank.clone(), blank.clone(), blank]);
    let semicolons = csv_text(&header, &with_blanks, ';');
    let cases = [
        ("semicolons.csv", semicolons.clone().into_bytes()),
        ("crlf.csv", semicolons.replace('\n', "\r\n").into_bytes()),
        ("commas.csv", csv_text(&header, &with_blanks, ',').into_bytes()),
        ("kobo.xlsx", xlsx_with_blank_rows(&header, &with_blanks)),
    ];
    for (name, bytes) in cases {
        let path = root.join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = run(&root, &["--verbose", "import", path.to_str().unwrap(), "--replace"]);
        assert_eq!(out.code, 0, "{name}: {}", out.stderr);
        assert!(out.stderr.contains("40 submissions read: 0 profiles changed"), "{name}: {}", out.stderr);
        assert!(
            out.stderr.contains("skipped 4 blank rows (every cell empty, not submissions): rows 12, 43 to 45"),
            "{name}: {}",
            out.stderr
        );
        assert_eq!(profiles(&root), wanted, "{name}");
        assert_eq!(entries(&root), wanted_entries, "{name}: the same n");
        let quiet = run(&root, &["import", path.to_str().unwrap(), "--replace", "--dry-run"]);
        assert!(!quiet.stderr.contains("blank row"), "only with --verbose: {}", quiet.stderr);
    }
}

/// `header` and `rows` as a KoBoToolbox XLSX export saved again in Excel: the blank rows' cells
/// hold an empty text or are blank cells with a format, which keep them in the sheet.
fn xlsx_with_blank_rows(header: &[String], rows: &[Vec<String>]) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    let format = rust_xlsxwriter::Format::new().set_bold();
    for (r, row) in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)).enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell.parse::<f64>() {
                Ok(x) if r > 0 => sheet.write_number(r, c, x).map(|_| ()),
                _ if cell.is_empty() && c % 2 == 0 => sheet.write_blank(r, c, &format).map(|_| ()),
                _ if cell.is_empty() => sheet.write_string(r, c, " ").map(|_| ()),
                _ => sheet.write_string(r, c, cell).map(|_| ()),
            }
            .unwrap();
        }
    }
    workbook.save_to_buffer().unwrap()
}

/// The profiles' indicator entries, by profile and indicator.
pub(crate) type Entries = std::collections::BTreeMap<(String, String), fieldbook::model::IndicatorEntry>;

/// A French site's form made, a round of 40 submissions exported with names (not labels)
/// imported: the site, the round's header and rows, and the entries the import wrote, which
/// the same round exported with labels must give too.
pub(crate) fn french_round_by_names(name: &str) -> (std::path::PathBuf, Vec<String>, Vec<Vec<String>>, Entries) {
    let (root, _) = form_of(name);
    let settings = root.join("fieldbook.toml");
    let english = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, english.replacen("language = \"en\"", "language = \"fr\"", 1)).unwrap();
    let made = run(&root, &["form"]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let form = crate::survey::read_form(&root.join("forms/community-survey.xlsx"));
    let (header, rows) = submissions(&form, 40);
    let names = root.join("names.csv");
    std::fs::write(&names, csv_text(&header, &rows, ';')).unwrap();
    let out = run(&root, &["import", names.to_str().unwrap(), "--replace"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let wanted = entries(&root);
    (root, header, rows, wanted)
}

/// A French site's round exported by KoBoToolbox with labels: the respondent's sex as the form
/// shows it (`Femme`), or as forms showed it before they named one person (`femmes`), gives
/// the same figures as the names.
#[test]
fn the_respondent_s_part_is_read_by_its_label_old_or_new() {
    let (root, header, rows, wanted) = french_round_by_names("survey-labels-fr");
    let income = &wanted[&("alpha".into(), "monthly-income".into())];
    assert!(!income.disaggregation.is_empty(), "broken down by sex: {income:?}");
    let sex = column(&header, "sex");
    for (name, labels) in [("new.csv", ["Femme", "Homme"]), ("old.csv", ["femmes", "hommes"])] {
        let relabelled: Vec<Vec<String>> = rows
            .iter()
            .map(|row| {
                let mut row = row.clone();
                row[sex] = match row[sex].as_str() {
                    "female" => labels[0].to_string(),
                    "male" => labels[1].to_string(),
                    other => other.to_string(),
                };
                row
            })
            .collect();
        assert!(relabelled.iter().any(|r| r[sex] == labels[0]), "{name}");
        let path = root.join(name);
        std::fs::write(&path, csv_text(&header, &relabelled, ';')).unwrap();
        let out = run(&root, &["import", path.to_str().unwrap(), "--replace"]);
        assert_eq!(out.code, 0, "{name}: {}", out.stderr);
        assert_eq!(entries(&root), wanted, "{name}");
    }
}

/// A profile that already has an error stops the import; the error is located in the text the
/// import would write, which the message says, since its lines are not the file's.
#[test]
fn an_error_in_the_text_to_write_says_whose_lines_it_gives() {
    let (root, form) = form_of("survey-planned-text");
    let beta = root.join("content/communities/beta.md");
    let text = std::fs::read_to_string(&beta).unwrap();
    std::fs::write(
        &beta,
        text.replacen("methods: [desk-review]\n", "methods: [desk-review]\nfavourite-colour: blue\n", 1),
    )
    .unwrap();
    let (header, rows) = submissions(&form, 30);
    let file = root.join("s.csv");
    std::fs::write(&file, csv_text(&header, &rows, ',')).unwrap();
    let out = run(&root, &["import", file.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("error[unknown-field]"), "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "note: the line is that of the profile as the import would write it; the file itself is unchanged"
        ),
        "{}",
        out.stderr
    );
}

/// A community whose figures come from fewer respondents than the privacy threshold gets none
/// of them: three people who all said yes would each be known to have said yes. Its earlier
/// figures stay as they were, and the summary says what was left out.
#[test]
fn a_figure_from_fewer_respondents_than_the_threshold_is_left_out() {
    let (root, form) = form_of("survey-few-respondents");
    let (header, rows) = submissions(&form, 40);
    let community = column(&header, "community");
    // Beta keeps three of its submissions; alpha all of its own.
    let mut kept_of_beta = 0;
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .filter(|r| {
            if r[community] != "beta" {
                return true;
            }
            kept_of_beta += 1;
            kept_of_beta <= 3
        })
        .collect();
    let before = entries(&root);
    let file = root.join("few.csv");
    std::fs::write(&file, csv_text(&header, &rows, ';')).unwrap();
    let out = run(&root, &["import", file.to_str().unwrap(), "--replace"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains(" whole figures and "), "{}", out.stderr);
    let after = entries(&root);
    for ((community, indicator), entry) in &after {
        if community == "beta" {
            assert_eq!(before.get(&(community.clone(), indicator.clone())), Some(entry), "beta's {indicator} changed");
        }
    }
    assert!(after.iter().any(|((c, _), e)| c == "alpha" && e.n().is_some_and(|n| n >= 5)), "alpha's figures came in");
    let verbose = run(&root, &["--verbose", "import", file.to_str().unwrap(), "--replace", "--dry-run"]);
    assert!(
        verbose.stderr.contains("left out for privacy: beta: safety-levels, the whole figure (3 respondents)"),
        "{}",
        verbose.stderr
    );
}

/// A profile started with `fieldbook new` lists the indicators not given yet as commented-out
/// lines under their descriptions: each figure the import brings takes its line, and the
/// other lines and the comments stay where they were.
#[test]
fn figures_take_the_places_new_left_for_them() {
    let (root, form) = form_of("survey-placeholders");
    std::fs::remove_file(root.join("content/communities/beta.md")).unwrap();
    let made = run(&root, &["new", "community", "Beta", "--country", "Senegal", "--by", "Jappo"]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let started = std::fs::read_to_string(root.join("content/communities/beta.md")).unwrap();
    let (header, rows) = submissions(&form, 40);
    let file = root.join("round.csv");
    std::fs::write(&file, csv_text(&header, &rows, ';')).unwrap();
    let out = run(&root, &["import", file.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let beta = std::fs::read_to_string(root.join("content/communities/beta.md")).unwrap();
    let safety = beta.find("\n  safety-levels:\n").expect("the figure is written");
    let described = beta.find("\n  # Safety levels: a rating").expect("its description stays");
    assert!(
        described < safety && !beta[described + 1..safety].contains("\n  # "),
        "not under its description:\n{beta}"
    );
    assert!(!beta.contains("# safety-levels:"), "its placeholder stays beside it:\n{beta}");
    assert!(beta.contains("\n  # Uncomment an indicator"), "the block's comment moved:\n{beta}");
    // Every other comment stays as it was, in its order and at its indentation.
    let comments = |text: &str| -> Vec<String> {
        text.lines().filter(|l| l.trim_start().starts_with('#')).map(str::to_string).collect()
    };
    // ...but the placeholders (`  # safety-levels:`) of the indicators now given.
    let given = |c: &String| {
        let id = c.trim_start().trim_start_matches("# ");
        id.len() > 1 && id.ends_with(':') && beta.contains(&format!("\n  {id}\n"))
    };
    let kept: Vec<String> = comments(&started).into_iter().filter(|c| !given(c)).collect();
    assert_eq!(comments(&beta), kept, "the comments moved or changed:\n{beta}");
    assert_eq!(run(&root, &["check"]).code, 0);
}

/// An export whose labels a spreadsheet upper-cased (`TRÈS NÉGATIVE`, `FEMME`, a header
/// `ACCÈS AUX SERVICES`, the indicator's label, which forms asked with before they had
/// questions) is read as the form's labels: case is ignored beyond ASCII letters, and the
/// figures are those of the same export with names.
#[test]
fn labels_in_capitals_are_the_forms_labels() {
    let (root, header, rows, wanted) = french_round_by_names("survey-labels-capitals");

    let schema = fieldbook::schema_in_force(&root).unwrap().0.localized("fr");
    let scale = schema.indicators.by_id("perception-of-migration").unwrap().scale.clone().unwrap();
    let (perception, sex) = (column(&header, "perception-of-migration"), column(&header, "sex"));
    let capitals: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            let mut row = row.clone();
            if let Ok(point) = row[perception].parse() {
                row[perception] = scale.label(point).unwrap().to_uppercase();
            }
            row[sex] = match row[sex].as_str() {
                "female" => "FEMME".into(),
                "male" => "HOMME".into(),
                other => other.into(),
            };
            row
        })
        .collect();
    assert!(capitals.iter().any(|r| r[perception] == "TRÈS NÉGATIVE"), "the export has a non-ASCII capital");
    let mut capital_header = header.clone();
    capital_header[column(&header, "access-to-services")] = "ACCÈS AUX SERVICES".into();
    let file = root.join("capitals.csv");
    std::fs::write(&file, csv_text(&capital_header, &capitals, ';')).unwrap();
    let out = run(&root, &["import", file.to_str().unwrap(), "--replace"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("survey-missing-question"), "the header is the indicator's label: {}", out.stderr);
    assert_eq!(entries(&root), wanted);
}

/// A French site's form asks each indicator the schema gives a question for by that question,
/// and an export with labels for headers (the question, as KoBoToolbox writes it) gives the
/// figures of the same export with names.
#[test]
fn a_question_asked_in_french_names_its_column() {
    let (root, header, rows, wanted) = french_round_by_names("survey-question-header");
    let question =
        "Votre ménage peut-il accéder, en cas de besoin, à une aide au logement, aux soins de santé et à l'école ?";
    let form = workbook_text(&root.join("forms/community-survey.xlsx"));
    assert!(form.contains(question), "{form}");
    let mut by_question = header.clone();
    by_question[column(&header, "access-to-services")] = format!("community-resources/{question}");
    let file = root.join("questions.csv");
    std::fs::write(&file, csv_text(&by_question, &rows, ';')).unwrap();
    let out = run(&root, &["import", file.to_str().unwrap(), "--replace"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("survey-missing-question"), "the header is the question: {}", out.stderr);
    assert_eq!(entries(&root), wanted);
}

/// Every cell of every sheet of a workbook, one a line.
fn workbook_text(path: &Path) -> String {
    use calamine::Reader;
    let mut workbook = calamine::open_workbook_auto(path).unwrap();
    let mut text = String::new();
    for name in workbook.sheet_names() {
        for row in workbook.worksheet_range(&name).unwrap().rows() {
            for cell in row {
                text.push_str(&cell.to_string());
                text.push('\n');
            }
        }
    }
    text
}

/// The form offers published profiles only: a draft's or a confidential profile's title is
/// not handed to a survey platform unless `--drafts` or `--include-confidential` says so, and
/// the command says which it left out or added. A round collected with either form imports.
#[test]
fn the_form_offers_published_communities_unless_told() {
    let (root, _) = form_of("survey-form-statuses");
    let communities = root.join("content/communities");
    for (id, status) in [("gamma", "draft"), ("delta", "confidential")] {
        let beta = std::fs::read_to_string(communities.join("beta.md")).unwrap();
        let text = beta
            .replace("title: Beta", &format!("title: Secret {id}"))
            .replace("status: published", &format!("status: {status}"));
        std::fs::write(communities.join(format!("{id}.md")), text).unwrap();
    }
    let form_path = root.join("forms/community-survey.xlsx");
    let offered = |args: &[&str]| {
        let mut command = vec!["form"];
        command.extend_from_slice(args);
        let out = run(&root, &command);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let titles = ["Secret gamma", "Secret delta"].map(|t| workbook_text(&form_path).contains(t));
        (crate::survey::read_form(&form_path), out.stderr, titles)
    };
    let (safe, said, titles) = offered(&[]);
    assert_eq!(safe.lists["community"], ["alpha", "beta"]);
    assert_eq!(titles, [false, false], "no title of a draft or confidential profile in the file");
    assert!(said.contains("not offered as communities: 1 draft (gamma; add --drafts to offer them)"), "{said}");
    assert!(said.contains("1 confidential profile (delta; add --include-confidential to offer them)"), "{said}");
    let (drafts, _, titles) = offered(&["--drafts"]);
    assert_eq!(drafts.lists["community"], ["alpha", "beta", "gamma"]);
    assert_eq!(titles, [true, false]);
    let (all, said, titles) = offered(&["--drafts", "--include-confidential"]);
    assert_eq!(all.lists["community"], ["alpha", "beta", "delta", "gamma"]);
    assert_eq!(titles, [true, true]);
    assert!(said.contains("the communities include 1 confidential profile (--include-confidential): delta"), "{said}");

    // A round collected with the fuller form imports, a confidential community's figures too.
    let (header, mut rows) = submissions(&all, 30);
    let community = column(&header, "community");
    for (r, row) in rows.iter_mut().enumerate() {
        if r % 3 == 0 {
            row[community] = "delta".into();
        }
    }
    let file = root.join("s.csv");
    std::fs::write(&file, csv_text(&header, &rows, ';')).unwrap();
    let out = run(&root, &["import", file.to_str().unwrap(), "--replace"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let delta = std::fs::read_to_string(communities.join("delta.md")).unwrap();
    assert!(delta.contains(&format!("source: Community survey, version {}, January 2026", all.version)), "{delta}");

    // Without its version column, the import takes the version of the smallest form that
    // offers every community the file names: here, the one with confidential profiles only.
    let version = column(&header, "fieldbook_version");
    let without: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().enumerate().filter(|&(c, _)| c != version).map(|(_, v)| v.clone()).collect())
        .collect();
    let header_without: Vec<String> =
        header.iter().enumerate().filter(|&(c, _)| c != version).map(|(_, h)| h.clone()).collect();
    std::fs::write(&file, csv_text(&header_without, &without, ';')).unwrap();
    let (confidential, _, _) = offered(&["--include-confidential"]);
    let out = run(&root, &["import", file.to_str().unwrap(), "--replace"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let delta = std::fs::read_to_string(communities.join("delta.md")).unwrap();
    assert!(delta.contains(&format!("version {}, January 2026", confidential.version)), "{delta}");
}

/// A new community written with its accents decomposed (`ا` and U+0654, as some keyboards and
/// macOS type `أ`) on some rows and composed on others is one community: `--create` writes one
/// profile, named in the composed form. A Latin name with accents is no id, composed or not:
/// it is refused at its cell.
#[test]
fn a_new_community_written_decomposed_is_created_once_in_composed_form() {
    let (root, form) = form_of("survey-create-nfc");
    let (header, mut rows) = submissions(&form, 40);
    let community = column(&header, "community");
    let (composed, decomposed) = ("\u{623}م-الربيع", "\u{627}\u{654}م-الربيع");
    for (r, row) in rows.iter_mut().enumerate().take(12) {
        row[community] = if r % 2 == 0 { composed } else { decomposed }.to_string();
    }
    let file = root.join("nfc.csv");
    std::fs::write(&file, csv_text(&header, &rows, ',')).unwrap();
    let create = ["--create", "--country", "Examplestan", "--by", "Field team"];
    let made = run(&root, &[&["import", file.to_str().unwrap()][..], &create].concat());
    assert_eq!(made.code, 0, "{}", made.stderr);
    let created: Vec<String> = std::fs::read_dir(root.join("content/communities"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !["alpha.md", "beta.md"].contains(&name.as_str()))
        .collect();
    assert_eq!(created, [format!("{composed}.md")], "{}", made.stdout);
    assert_eq!(made.stdout.matches("(new profile, draft)").count(), 1, "{}", made.stdout);
    let check = run(&root, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);

    // A Latin name with an accent, decomposed: a located error, nothing created.
    rows[20][community] = "Ai\u{308}n Lmaati".into();
    std::fs::write(&file, csv_text(&header, &rows, ',')).unwrap();
    let refused = run(&root, &[&["import", file.to_str().unwrap()][..], &create].concat());
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(
        refused.stderr.contains(&format!(
            "error[survey-unknown-community]: `Ai\u{308}n Lmaati` is not a community of this site\n  --> {}:22:{}",
            file.display(),
            community + 1
        )),
        "{}",
        refused.stderr
    );
}

/// The form itself given for its submissions (an easy slip: both are workbooks from the same
/// round) is refused with what to do with it, not with the list of columns it lacks.
#[test]
fn importing_the_form_itself_says_what_to_do_with_it() {
    let (root, _) = form_of("survey-import-the-form");
    let form = root.join("forms/community-survey.xlsx");
    let before = profiles(&root);
    let out = run(&root, &["import", form.to_str().unwrap(), "--replace"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("error[survey-not-the-form]"), "{}", out.stderr);
    assert!(
        out.stderr.contains("this file is the survey form itself (its `survey` sheet), as `fieldbook form` wrote it"),
        "{}",
        out.stderr
    );
    assert_eq!(profiles(&root), before, "a refused import wrote something");
}
