//! The survey loop: `fieldbook form` makes a form ODK's converter accepts; submissions made
//! for it (here by a seeded generator) are imported, and every figure is checked against one
//! computed again here, independently of the library; bad files are refused with their row
//! and column, and nothing is written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader};
use fieldbook::model::{ContentType, IndicatorEntry, IndicatorValue};

use crate::html::copy_site;
use crate::support::{fixture, run};
use crate::tools::{FieldTool, find};

/// The questions of a form, as its workbook gives them.
pub(crate) struct FormSheet {
    /// (type, name, group) of each question, in order.
    pub(crate) questions: Vec<(String, String, Option<String>)>,
    /// Choice names by list.
    pub(crate) lists: BTreeMap<String, Vec<String>>,
    pub(crate) version: String,
}

pub(crate) fn read_form(path: &Path) -> FormSheet {
    let mut workbook = calamine::open_workbook_auto(path).expect("the form opens");
    let text = |c: &Data| c.to_string();
    let survey = workbook.worksheet_range("survey").expect("a survey sheet");
    let mut questions = Vec::new();
    let mut group = None;
    for row in survey.rows().skip(1) {
        let (kind, name) = (text(&row[0]), text(&row[1]));
        match kind.as_str() {
            "begin_group" => group = Some(name),
            "end_group" => group = None,
            "start" | "end" | "calculate" => {}
            _ => questions.push((kind, name, group.clone())),
        }
    }
    let mut lists: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for row in workbook.worksheet_range("choices").expect("a choices sheet").rows().skip(1) {
        lists.entry(text(&row[0])).or_default().push(text(&row[1]));
    }
    let settings = workbook.worksheet_range("settings").expect("a settings sheet");
    let header: Vec<String> = settings.rows().next().unwrap().iter().map(text).collect();
    let values: Vec<String> = settings.rows().nth(1).unwrap().iter().map(text).collect();
    let version = values[header.iter().position(|h| h == "version").expect("a version")].clone();
    FormSheet { questions, lists, version }
}

/// A small seeded generator, so that the submissions are the same on every run.
struct Seeded(u64);

impl Seeded {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// Invented submissions: a header and rows, with the personal columns a real export has.
pub(crate) fn submissions(form: &FormSheet, rows: usize) -> (Vec<String>, Vec<Vec<String>>) {
    let mut random = Seeded(18);
    let mut header = vec!["start".to_string(), "end".to_string()];
    for (_, name, group) in &form.questions {
        header.push(match group {
            Some(g) => format!("{g}/{name}"),
            None => name.clone(),
        });
    }
    header.extend(
        ["fieldbook_version", "respondent_name", "phone_number", "_geolocation", "comments", "_id", "_submission_time"]
            .map(String::from),
    );
    let mut out = Vec::new();
    let mut beta_returnees = 0;
    for r in 0..rows {
        let community = if random.below(10) < 6 { "alpha" } else { "beta" };
        let day = 5 + r % 20;
        let mut row = vec![format!("2026-01-{day:02}T09:00:00"), format!("2026-01-{day:02}T09:30:00")];
        for (kind, name, _) in &form.questions {
            let (kind, list) = kind.split_once(' ').unwrap_or((kind.as_str(), ""));
            let choices = form.lists.get(list);
            let cell = match (kind, name.as_str()) {
                (_, "community") => community.to_string(),
                // Beta has three returnees only: below the privacy threshold.
                (_, "migrant-status") if community == "beta" => {
                    beta_returnees += 1;
                    if beta_returnees <= 3 { "returnee" } else { "non-migrant" }.to_string()
                }
                _ if random.below(12) == 0 => String::new(),
                ("select_one", _) => {
                    let choices = choices.unwrap();
                    choices[random.below(choices.len() as u64) as usize].clone()
                }
                ("select_multiple", _) => {
                    let chosen: Vec<&String> = choices.unwrap().iter().filter(|_| random.below(2) == 0).collect();
                    chosen.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(" ")
                }
                ("integer", _) => random.below(4).to_string(),
                ("decimal", _) => format!("{}.{}", random.below(3000), random.below(2) * 5),
                (other, _) => panic!("unexpected question type {other}"),
            };
            row.push(cell);
        }
        row.extend([
            form.version.clone(),
            format!("Zaynab Testperson{r}"),
            format!("+221 77 123 45 {:02}", r % 100),
            "14.6937 -17.4441 0 5".into(),
            format!("private remark {r}"),
            (1000 + r).to_string(),
            format!("2026-01-{day:02}T09:31:00.000+00:00"),
        ]);
        out.push(row);
    }
    (header, out)
}

pub(crate) fn csv_text(header: &[String], rows: &[Vec<String>], separator: char) -> String {
    let quote = |c: &String| {
        if c.contains([separator, '"', '\n']) { format!("\"{}\"", c.replace('"', "\"\"")) } else { c.clone() }
    };
    let mut out = String::new();
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        out.push_str(&row.iter().map(quote).collect::<Vec<_>>().join(&separator.to_string()));
        out.push('\n');
    }
    out
}

pub(crate) fn form_of(name: &str) -> (PathBuf, FormSheet) {
    let root = copy_site(&fixture("survey/site"), name);
    let made = run(&root, &["form"]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let form = read_form(&root.join("forms/community-survey.xlsx"));
    (root, form)
}

/// `form -o FILE`, like `build -o FOLDER`, is `--output`: the same form, where it is told.
#[test]
fn the_form_is_written_where_o_or_output_says() {
    let root = copy_site(&fixture("survey/site"), "survey-form-output");
    for (flag, file) in [("-o", "round-2.xlsx"), ("--output", "round-2-again.xlsx")] {
        let made = run(&root, &["form", flag, root.join(file).to_str().unwrap()]);
        assert_eq!(made.code, 0, "{}", made.stderr);
    }
    let short = std::fs::read(root.join("round-2.xlsx")).unwrap();
    assert_eq!(short, std::fs::read(root.join("round-2-again.xlsx")).unwrap());
    assert!(!root.join("forms/community-survey.xlsx").exists());
}

/// The profiles' indicator entries, read as `check` reads them.
pub(crate) fn entries(root: &Path) -> BTreeMap<(String, String), IndicatorEntry> {
    let loaded = fieldbook::load_site(root, fieldbook::date::Date::new(2026, 11, 22).unwrap()).unwrap();
    let mut out = BTreeMap::new();
    for doc in &loaded.validated.docs {
        if doc.content_type != ContentType::Community {
            continue;
        }
        for entry in &doc.community().unwrap().indicators {
            out.insert((doc.slug.clone(), loaded.schema.indicators[entry.indicator].term.id.clone()), entry.clone());
        }
    }
    out
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The figure the rules give for one question over some rows, and its n, computed here.
fn expected(kind: &str, list: &[String], name: &str, answers: &[&str]) -> Option<(IndicatorValue, u64)> {
    let answered: Vec<&str> = answers.iter().copied().filter(|a| !a.is_empty() && *a != "dont_know").collect();
    if answered.is_empty() {
        return None;
    }
    let n = answered.len() as u64;
    Some(match kind {
        "select_one" if list.first().is_some_and(|c| c == "yes") => {
            let yes = answered.iter().filter(|a| **a == "yes").count();
            (IndicatorValue::Percent(round1(100.0 * yes as f64 / n as f64)), n)
        }
        "select_one" if list.first().is_some_and(|c| c == "1") => {
            let mut points: Vec<i64> = answered.iter().map(|a| a.parse().unwrap()).collect();
            points.sort();
            (IndicatorValue::Rating(points[(points.len() - 1) / 2]), n)
        }
        "select_one" => {
            let parts = list
                .iter()
                .map(|p| fieldbook::model::Part {
                    name: p.clone(),
                    value: round1(100.0 * answered.iter().filter(|a| *a == p).count() as f64 / n as f64),
                })
                .collect();
            (IndicatorValue::Distribution(parts), n)
        }
        "select_multiple" => {
            let mut counts: Vec<(usize, usize)> = list
                .iter()
                .enumerate()
                .map(|(i, c)| (i, answered.iter().filter(|a| a.split(' ').any(|t| t == c)).count()))
                .filter(|(_, k)| *k > 0)
                .collect();
            counts.sort_by_key(|&(i, k)| (std::cmp::Reverse(k), i));
            let n = answered.iter().filter(|a| !a.trim().is_empty()).count() as u64;
            (IndicatorValue::List(counts.iter().map(|(i, _)| list[*i].clone()).collect()), n)
        }
        "integer" => (IndicatorValue::Count(answered.iter().map(|a| a.parse::<u64>().unwrap()).sum()), n),
        "decimal" => {
            let sum: f64 = answered.iter().map(|a| a.parse::<f64>().unwrap()).sum();
            (IndicatorValue::Number(round1(sum / n as f64)), n)
        }
        other => panic!("no rule for {other} ({name})"),
    })
}

fn number_of(value: &IndicatorValue) -> f64 {
    match value {
        IndicatorValue::Percent(x) | IndicatorValue::Number(x) => *x,
        IndicatorValue::Rating(r) => *r as f64,
        IndicatorValue::Count(c) => *c as f64,
        other => panic!("no single number in {other:?}"),
    }
}

#[test]
fn imported_figures_follow_every_rule() {
    let (root, form) = form_of("survey-rules");
    let (header, rows) = submissions(&form, 300);
    let file = root.join("submissions.csv");
    let text = csv_text(&header, &rows, ';');
    std::fs::write(&file, &text).unwrap();
    let before = std::fs::read_to_string(root.join("content/communities/alpha.md")).unwrap();

    // A dry run says what would change, and writes nothing.
    let dry = run(&root, &["import", file.to_str().unwrap(), "--dry-run"]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert!(dry.stdout.contains("content/communities/beta.md\n  educational-achievement: (none) → "), "{}", dry.stdout);
    assert_eq!(std::fs::read_to_string(root.join("content/communities/alpha.md")).unwrap(), before);

    // An entry of another source is kept, and the import says so.
    let kept = run(&root, &["import", file.to_str().unwrap()]);
    assert_eq!(kept.code, 0, "{}", kept.stderr);
    assert!(kept.stderr.contains("warning[survey-other-source]"), "{}", kept.stderr);
    assert!(kept.stderr.contains("alpha.md:11:3"), "{}", kept.stderr);
    let written = entries(&root);
    assert_eq!(
        written[&("alpha".into(), "access-to-services".into())].source.as_deref(),
        Some("Household survey 2024")
    );

    // With --replace it goes too.
    let replaced = run(&root, &["import", file.to_str().unwrap(), "--replace", "--dry-run"]);
    assert_eq!(replaced.code, 0, "{}", replaced.stderr);
    assert!(replaced.stdout.contains("access-to-services: 58 → "), "{}", replaced.stdout);
    // The parts left out for privacy are counted in one line; --verbose lists them.
    let left_out: Vec<&str> = replaced.stderr.lines().filter(|l| l.starts_with("left out")).collect();
    assert_eq!(left_out.len(), 1, "{}", replaced.stderr);
    assert!(left_out[0].contains("parts of ") && left_out[0].ends_with("add --verbose to list them"), "{left_out:?}");
    assert!(!replaced.stderr.contains("checked 0 files"), "{}", replaced.stderr);
    let replaced = run(&root, &["--verbose", "import", file.to_str().unwrap(), "--replace"]);
    assert_eq!(replaced.code, 0, "{}", replaced.stderr);
    assert!(
        replaced.stderr.contains("beta: access-to-justice for migrant-status `returnee` (3 respondents)"),
        "{}",
        replaced.stderr
    );
    let written = entries(&root);

    // Every figure, computed again here.
    let schema = fieldbook::schema_in_force(&root).unwrap().0;
    let source = format!("Community survey, version {}, January 2026", form.version);
    let column = |name: &str| form.questions.iter().position(|(_, n, _)| n == name).unwrap() + 2;
    let mut checked = 0;
    for community in ["alpha", "beta"] {
        let mine: Vec<&Vec<String>> = rows.iter().filter(|r| r[column("community")] == community).collect();
        let last_day = mine.iter().map(|r| r[0][..10].to_string()).max().unwrap();
        for (kind, name, _) in &form.questions {
            let Some(indicator) = schema.indicators.by_id(name) else { continue };
            let (kind, list) = kind.split_once(' ').unwrap_or((kind.as_str(), ""));
            let list = form.lists.get(list).cloned().unwrap_or_default();
            let answers: Vec<&str> = mine.iter().map(|r| r[column(name)].as_str()).collect();
            let entry = &written[&(community.to_string(), name.clone())];
            let (value, n) = expected(kind, &list, name, &answers).unwrap();
            assert_eq!(entry.value, value, "{community} {name}");
            assert_eq!(entry.n(), Some(n), "{community} {name}");
            assert_eq!(entry.source.as_deref(), Some(source.as_str()));
            assert_eq!(entry.date.map(|d| d.to_string()), Some(last_day.clone()));
            assert_eq!(schema.methods[entry.method().unwrap()].id, "individual-survey");
            // Each part of each dimension the indicator allows, when every part of that
            // dimension that has answers has at least 5 respondents: a smaller part is left
            // out, and so are the others of its dimension, which would give it away.
            let mut parts_expected = Vec::new();
            if !matches!(value, IndicatorValue::Distribution(_) | IndicatorValue::List(_)) {
                for &d in &indicator.disaggregation {
                    let dimension = &schema.disaggregations[d];
                    let mut shown = Vec::new();
                    let mut small = false;
                    for part in &dimension.parts {
                        let in_part: Vec<&str> = mine
                            .iter()
                            .filter(|r| r[column(&dimension.term.id)] == *part)
                            .map(|r| r[column(name)].as_str())
                            .collect();
                        match expected(kind, &list, name, &in_part) {
                            Some((v, n)) if n >= 5 => {
                                shown.push((dimension.term.id.clone(), part.clone(), number_of(&v)))
                            }
                            Some(_) => small = true,
                            None => {}
                        }
                    }
                    if !small {
                        parts_expected.extend(shown);
                    }
                }
            }
            let parts_written: Vec<(String, String, f64)> = entry
                .disaggregation
                .iter()
                .flat_map(|d| {
                    let dimension = schema.disaggregations[d.dimension].term.id.clone();
                    d.parts.iter().map(move |p| (dimension.clone(), p.name.clone(), p.value))
                })
                .collect();
            assert_eq!(parts_written, parts_expected, "{community} {name}");
            checked += 1;
        }
    }
    assert_eq!(checked, 2 * 15, "every indicator question of both communities");

    // The rest of the profile is as it was; nothing personal came in; the site checks.
    let alpha = std::fs::read_to_string(root.join("content/communities/alpha.md")).unwrap();
    assert!(alpha.contains("  # Typed in from the 2024 report.\n  access-to-services:\n"), "{alpha}");
    assert!(alpha.contains("    notes: Asked of household heads only.\n"), "the notes stay: {alpha}");
    assert!(alpha.contains("  languages-spoken: [Examplish, French]\n"));
    assert!(alpha.ends_with("Alpha is an invented community. This sentence must survive the import.\n"));
    for profile in ["alpha", "beta"] {
        let text = std::fs::read_to_string(root.join(format!("content/communities/{profile}.md"))).unwrap();
        for private in ["Testperson", "+221", "14.6937", "private remark"] {
            assert!(!text.contains(private), "{profile} holds {private}");
        }
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text, "the submissions file is only read");
    let check = run(&root, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(!check.stderr.contains("error["), "{}", check.stderr);

    // Importing the same round again changes nothing.
    let again = run(&root, &["import", file.to_str().unwrap()]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stdout.is_empty() && again.stderr.contains("0 profiles changed"), "{}", again.stderr);
    assert_eq!(std::fs::read_to_string(root.join("content/communities/alpha.md")).unwrap(), alpha);
}

/// The same submissions exported by KoBoToolbox as XLSX, by ODK Central as CSV (`-` group
/// separators, `SubmissionDate`, `meta-instanceID`) and by KoBoToolbox with labels: the same
/// profiles.
#[test]
fn every_export_format_gives_the_same_profiles() {
    let (root, form) = form_of("survey-formats");
    let (header, rows) = submissions(&form, 120);
    let profiles = |root: &Path| {
        ["alpha", "beta"].map(|c| std::fs::read_to_string(root.join(format!("content/communities/{c}.md"))).unwrap())
    };
    let import = |root: &Path, file: &Path| {
        let out = run(root, &["import", file.to_str().unwrap(), "--replace"]);
        assert_eq!(out.code, 0, "{}: {}", file.display(), out.stderr);
    };
    let kobo = root.join("kobo.csv");
    std::fs::write(&kobo, csv_text(&header, &rows, ',')).unwrap();
    import(&root, &kobo);
    let wanted = profiles(&root);

    // ODK Central: groups joined by `-`, its own metadata columns.
    let other = copy_site(&fixture("survey/site"), "survey-formats-odk");
    std::fs::copy(root.join("forms/community-survey.xlsx"), other.join("community-survey.xlsx")).unwrap();
    let odk_header: Vec<String> = header
        .iter()
        .map(|h| match h.as_str() {
            "_submission_time" => "SubmissionDate".to_string(),
            "_id" => "meta-instanceID".to_string(),
            h => h.replace('/', "-"),
        })
        .collect();
    let odk = other.join("central.csv");
    std::fs::write(&odk, csv_text(&odk_header, &rows, ',')).unwrap();
    import(&other, &odk);
    assert_eq!(profiles(&other), wanted, "ODK Central CSV");

    // KoBoToolbox XLSX.
    let other = copy_site(&fixture("survey/site"), "survey-formats-xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (r, row) in std::iter::once(&header).chain(rows.iter()).enumerate() {
        for (c, cell) in row.iter().enumerate() {
            match cell.parse::<f64>() {
                Ok(x) if r > 0 && !cell.is_empty() => sheet.write_number(r as u32, c as u16, x).unwrap(),
                _ => sheet.write_string(r as u32, c as u16, cell).unwrap(),
            };
        }
    }
    let xlsx = other.join("kobo.xlsx");
    workbook.save(&xlsx).unwrap();
    import(&other, &xlsx);
    assert_eq!(profiles(&other), wanted, "KoBoToolbox XLSX");

    // KoBoToolbox with labels as headers and as values.
    let other = copy_site(&fixture("survey/site"), "survey-formats-labels");
    let labels: BTreeMap<&str, &str> = [
        ("community", "Community"),
        ("sex", "Sex"),
        ("sociodemographics/educational-achievement", "Sociodemographics/Educational achievement"),
    ]
    .into();
    let label_header: Vec<String> =
        header.iter().map(|h| labels.get(h.as_str()).map_or(h.clone(), |l| l.to_string())).collect();
    let yes_no: BTreeMap<&str, &str> = [("yes", "Yes"), ("no", "No"), ("dont_know", "Don't know")].into();
    let education = header.iter().position(|h| h.ends_with("/educational-achievement")).unwrap();
    let community = header.iter().position(|h| h == "community").unwrap();
    let label_rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut r = r.clone();
            r[education] = yes_no.get(r[education].as_str()).map_or(r[education].clone(), |l| l.to_string());
            r[community] = if r[community] == "alpha" { "Alpha" } else { "Beta" }.to_string();
            r
        })
        .collect();
    let labelled = other.join("labels.csv");
    std::fs::write(&labelled, csv_text(&label_header, &label_rows, ';')).unwrap();
    import(&other, &labelled);
    assert_eq!(profiles(&other), wanted, "labels");
}

/// `count` submissions to `form` written to `s.csv` in `root`, the first ten of them from
/// `gamma`, a community the site has no profile of; the file's path.
fn with_a_new_community(root: &Path, form: &FormSheet, count: usize) -> PathBuf {
    let (header, mut rows) = submissions(form, count);
    let community = header.iter().position(|h| h == "community").unwrap();
    for row in rows.iter_mut().take(10) {
        row[community] = "gamma".into();
    }
    let file = root.join("s.csv");
    std::fs::write(&file, csv_text(&header, &rows, ',')).unwrap();
    file
}

#[test]
fn a_community_without_a_profile_is_created_as_a_draft() {
    let (root, form) = form_of("survey-create");
    let file = with_a_new_community(&root, &form, 40);
    let refused = run(&root, &["import", file.to_str().unwrap()]);
    assert_eq!(refused.code, 1);
    assert!(refused.stderr.contains("error[survey-unknown-community]: `gamma` is not a community of this site"));
    let made =
        run(&root, &["import", file.to_str().unwrap(), "--create", "--country", "Examplestan", "--by", "Field team"]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    assert!(made.stdout.contains("content/communities/gamma.md (new profile, draft)"), "{}", made.stdout);
    let gamma = std::fs::read_to_string(root.join("content/communities/gamma.md")).unwrap();
    assert!(gamma.contains("status: draft") && gamma.contains("    method: individual-survey\n"), "{gamma}");
    assert!(gamma.contains("## "), "the narrative headings of `new`");
    // Assessed by this round, with its method: on its last day, not today by desk review.
    let last_day = gamma.lines().filter_map(|l| l.strip_prefix("    date: ")).max().unwrap().to_string();
    assert!(gamma.contains(&format!("\nassessed: {last_day}\n")), "{gamma}");
    assert!(gamma.contains("\nmethods: [individual-survey]\n"), "{gamma}");
    let check = run(&root, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

/// A profile the import creates on a French site is written as `new` writes one there: its
/// section headings and comments in French.
#[test]
fn a_community_created_on_a_french_site_is_written_in_french() {
    let (root, form) = form_of("survey-create-fr");
    let settings = root.join("fieldbook.toml");
    let text = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, text.replacen("language = \"en\"", "language = \"fr\"", 1)).unwrap();
    let file = with_a_new_community(&root, &form, 20);
    let made =
        run(&root, &["import", file.to_str().unwrap(), "--create", "--country", "Examplestan", "--by", "Field team"]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let gamma = std::fs::read_to_string(root.join("content/communities/gamma.md")).unwrap();
    assert!(gamma.contains("\n## Contexte\n"), "{gamma}");
    assert!(!gamma.contains("\n## Context\n"), "{gamma}");
}

/// Each bad file: its message, located, and no profile changed.
#[test]
fn bad_submissions_are_refused_with_their_place_and_nothing_is_written() {
    let (root, form) = form_of("survey-bad");
    let (header, rows) = submissions(&form, 30);
    let profiles = || std::fs::read_to_string(root.join("content/communities/alpha.md")).unwrap();
    let before = profiles();
    let col = |name: &str| header.iter().position(|h| h == name || h.ends_with(&format!("/{name}"))).unwrap();
    let with = |r: usize, name: &str, value: &str| {
        let mut rows = rows.clone();
        rows[r][col(name)] = value.to_string();
        csv_text(&header, &rows, ',').into_bytes()
    };
    let not_a_choice = format!(
        "error[survey-not-a-choice]: `6` is not a choice of `safety-levels`\n --> s.csv:4:{}",
        col("safety-levels") + 1
    );
    let out_of_range = format!(
        "error[survey-out-of-range]: 25 is out of the range of `returnees-in-household`: from 0 to 20\n --> s.csv:9:{}",
        col("returnees-in-household") + 1
    );
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "unknown community",
            with(4, "community", "alpah"),
            "error[survey-unknown-community]: `alpah` is not a community of this site\n --> s.csv:6:3",
        ),
        ("did you mean", with(4, "community", "alpah"), "help: did you mean `alpha`?"),
        ("not a choice", with(2, "safety-levels", "6"), &not_a_choice),
        // The choices are said once, not also as "expected one of".
        ("the choices, once", with(2, "safety-levels", "6"), "= help: the choices are `1`, `2`, `3`, `4`, `5`\n"),
        ("out of range", with(7, "returnees-in-household", "25"), &out_of_range),
        (
            "not a number",
            with(7, "monthly-income", "a lot"),
            "error[survey-not-a-number]: `a lot` is not a number (the answer to `monthly-income`)",
        ),
        (
            "another form",
            b"community,sex,age-group,colour\nalpha,female,18-34,blue\n".to_vec(),
            "error[survey-not-the-form]: this is not a submissions export of the form `community-survey`: the columns `migrant-status`, `educational-achievement`",
        ),
        (
            "another form, one column missing",
            b"sex,age-group,colour\nfemale,18-34,blue\n".to_vec(),
            "the form `community-survey`: the columns `community`, `migrant-status`",
        ),
        (
            "no community",
            csv_text(&header, &rows, ',').replace("community,", "village,").into_bytes(),
            "this is not a submissions export of the form `community-survey`: the column `community` is missing\n",
        ),
        ("empty", Vec::new(), "error[survey-empty]: the submissions file is empty\n--> s.csv"),
        ("only a byte-order mark", b"\xef\xbb\xbf".to_vec(), "error[survey-empty]: the submissions file is empty"),
        (
            "latin-1",
            b"community,sex\nalpha,f\xe9minin\n".to_vec(),
            "error[survey-encoding]: the file is not UTF-8 text: byte 0xE9 here is not UTF-8\n --> s.csv:2:8",
        ),
        (
            "tabs",
            csv_text(&header, &rows, '\t').into_bytes(),
            "error[survey-separator]: the header row has only one column: the columns are not separated by `,` or `;`",
        ),
    ];
    let file = root.join("s.csv");
    for (case, bytes, wanted) in cases {
        std::fs::write(&file, bytes).unwrap();
        let out = crate::support::fieldbook().current_dir(&root).args(["import", "s.csv"]).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{case}: {stderr}");
        assert!(stderr.contains(wanted), "{case}: wanted\n{wanted}\nin\n{stderr}");
        assert!(stderr.contains("nothing was written"), "{case}");
        assert!(!stderr.contains("checked 0 files"), "{case}: {stderr}");
        assert_eq!(profiles(), before, "{case}: nothing written");
    }
}

/// A profile whose frontmatter is TOML cannot take the figures: the import says so, and
/// writes nothing.
#[test]
fn a_profile_in_toml_is_left_alone() {
    let (root, form) = form_of("survey-toml");
    let beta = root.join("content/communities/beta.md");
    let toml = "+++\ntitle = \"Beta\"\nstatus = \"published\"\ncountry = \"Examplestan\"\nassessed = 2026-01-10\n\
                assessed_by = [\"Example Community Association\"]\nmethods = [\"desk-review\"]\n+++\n\nBeta.\n";
    std::fs::write(&beta, toml).unwrap();
    let (header, rows) = submissions(&form, 40);
    let file = root.join("s.csv");
    std::fs::write(&file, csv_text(&header, &rows, ',')).unwrap();
    let before = std::fs::read_to_string(root.join("content/communities/alpha.md")).unwrap();
    let out = run(&root, &["import", file.to_str().unwrap(), "--replace"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("error[survey-cannot-write]: the figures cannot be written here: its frontmatter is TOML")
    );
    assert!(out.stderr.contains("--> content/communities/beta.md"), "{}", out.stderr);
    // `fmt` would keep it TOML: the help says what does work.
    assert!(out.stderr.contains("help: write its frontmatter in YAML between `---` lines"), "{}", out.stderr);
    assert!(!out.stderr.contains("run `fieldbook fmt`"), "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&beta).unwrap(), toml);
    assert_eq!(std::fs::read_to_string(root.join("content/communities/alpha.md")).unwrap(), before, "all or nothing");
}

/// A form in several languages: a `label::Language (code)` column for each, the translations
/// of the schema, and the first language as the default; ODK's converter reads every language.
#[test]
fn a_form_in_several_languages() {
    let root = copy_site(&fixture("survey/site"), "survey-languages");
    let schema = fieldbook::schema_in_force(&root).unwrap().0;
    let communities = fieldbook::survey::site_communities(&root).unwrap();
    let languages = ["en".to_string(), "fr".to_string()];
    let form = fieldbook::survey::form::build_form_in(&schema, &languages, &communities, Default::default());
    let path = root.join("multilingual.xlsx");
    std::fs::write(&path, fieldbook::survey::xlsform::workbook_bytes(&form, &schema).unwrap()).unwrap();
    let mut workbook = calamine::open_workbook_auto(&path).unwrap();
    let survey = workbook.worksheet_range("survey").unwrap();
    let header: Vec<String> = survey.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(header[2..4], ["label::English (en)", "label::French (fr)"]);
    let row = survey.rows().find(|r| r[1] == "access-to-services").unwrap();
    assert_eq!(
        (row[2].to_string(), row[3].to_string()),
        (
            "Can your household reach and use housing support, health care and schools when it needs them?".into(),
            "Votre ménage peut-il accéder, en cas de besoin, à une aide au logement, aux soins de santé et à l'école ?"
                .into()
        )
    );
    let choices = workbook.worksheet_range("choices").unwrap();
    let yes = choices.rows().find(|r| r[0] == "yes_no").unwrap();
    assert_eq!((yes[2].to_string(), yes[3].to_string()), ("Yes".into(), "Oui".into()));
    let settings = workbook.worksheet_range("settings").unwrap();
    let header: Vec<String> = settings.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    let values: Vec<String> = settings.rows().nth(1).unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(values[header.iter().position(|h| h == "default_language").unwrap()], "English (en)");
    let Some(xls2xform) = find(FieldTool::Xls2xform) else { return };
    let xml = root.join("multilingual.xml");
    let out = std::process::Command::new(&xls2xform).arg(&path).arg(&xml).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let xml = std::fs::read_to_string(&xml).unwrap();
    assert!(xml.contains("<translation lang=\"English (en)\" default=\"true()\">"), "{xml}");
    assert!(
        xml.contains("<translation lang=\"French (fr)\">")
            && xml.contains("Votre ménage peut-il accéder, en cas de besoin")
    );
}

/// The XForm ODK's converter (`xls2xform` at `tool`) makes of the form in `forms/` of the
/// site at `root`, after checking that it accepted the form.
pub(crate) fn xform_of(tool: &Path, root: &Path) -> String {
    let xml = root.join("form.xml");
    let out =
        std::process::Command::new(tool).arg(root.join("forms/community-survey.xlsx")).arg(&xml).output().unwrap();
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{}: {said}", root.display());
    std::fs::read_to_string(&xml).unwrap()
}

/// ODK's own converter accepts the form of the example site (in English, French, Spanish and
/// Arabic) and of a site with its own indicators, with the respondent's own sex named for one
/// person in each language.
#[test]
fn xls2xform_accepts_the_forms() {
    let Some(xls2xform) = find(FieldTool::Xls2xform) else { return };
    let example = copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), "survey-example-form");
    let one_person = ["Woman", "Man", "Femme", "Homme", "Mujer", "Hombre", "امرأة", "رجل", "Personne rapatriée"];
    for (root, said) in
        [(example, &one_person[..]), (copy_site(&fixture("survey/site"), "survey-own-form"), &one_person[..2])]
    {
        for extra in [&[][..], &["--include-sensitive"][..]] {
            let made = run(&root, &[&["form"][..], extra].concat());
            assert_eq!(made.code, 0, "{}", made.stderr);
            let xml = xform_of(&xls2xform, &root);
            assert!(xml.contains("<data id=\"community-survey\" version=\""), "{xml}");
            assert!(xml.contains("<access-to-services/>"));
            // A label is an item's `<label>` in a form in one language, a `<value>` of a
            // translation in a form in several.
            for label in said {
                assert!(xml.contains(&format!(">{label}</")), "{label} not in {xml}");
            }
        }
    }
}

/// The example round: the committed form is the example site's, the committed submissions are
/// what the seeded generator makes of the fixed targets, and importing them gives the committed
/// profiles (their figures are the round's). With
/// `FIELDBOOK_BLESS=1`, the form and the round are made again (a fixed seed, answers leaning
/// towards the fixed figures of `examples/survey/targets.toml`, not the profiles' current
/// ones, which are the last round's) and imported into the example site: made twice, the same
/// files.
#[test]
fn the_example_round_gives_the_example_profiles() {
    use fieldbook::corpus::survey::{RoundCommunity, round_targets, submissions};
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let folder = repo.join("examples/survey");
    let schema = fieldbook::schema_in_force(repo).unwrap().0;
    let config = fieldbook::read_config(repo).unwrap();
    let communities = fieldbook::survey::site_communities(repo).unwrap();
    let form = fieldbook::survey::build_form(&schema, &config, &communities, Default::default());
    let bytes = fieldbook::survey::xlsform::workbook_bytes(&form, &schema).unwrap();
    let round = ["villa-los-almendros", "canton-el-zapotal"];
    // The round, made from the fixed targets, never from the profiles' figures.
    let targets = std::fs::read_to_string(folder.join("targets.toml")).unwrap();
    let targets = round_targets(&targets, &schema).unwrap();
    let members = [
        RoundCommunity { id: round[0], targets: &targets[round[0]], weight: 180 },
        RoundCommunity { id: round[1], targets: &targets[round[1]], weight: 140 },
    ];
    let made = submissions(&form, &schema, &members, "2026-05", 320, 2026);
    if std::env::var_os("FIELDBOOK_BLESS").is_some() {
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("community-survey.xlsx"), &bytes).unwrap();
        std::fs::write(folder.join("submissions.csv"), &made).unwrap();
        let import = run(repo, &["import", "examples/survey/submissions.csv", "--replace"]);
        assert_eq!(import.code, 0, "{}", import.stderr);
    }
    // So making the round again changes nothing: the committed submissions are what the
    // targets make, whatever figures the profiles hold after importing them.
    let committed = std::fs::read_to_string(folder.join("submissions.csv")).unwrap();
    assert!(committed == made, "examples/survey/submissions.csv is not the round targets.toml makes");
    assert!(std::fs::read(folder.join("community-survey.xlsx")).unwrap() == bytes, "the committed form is the site's");
    let copy = copy_site(repo, "survey-example-round");
    let import = crate::support::fieldbook()
        .current_dir(&copy)
        .args(["import", folder.join("submissions.csv").to_str().unwrap(), "--replace"])
        .output()
        .unwrap();
    assert!(import.status.success(), "{}", String::from_utf8_lossy(&import.stderr));
    for id in round {
        let path = format!("content/communities/{id}.md");
        let committed = std::fs::read_to_string(repo.join(&path)).unwrap();
        assert_eq!(std::fs::read_to_string(copy.join(&path)).unwrap(), committed, "{path}");
        assert!(committed.contains("source: Community survey, version "), "{path} has the round's figures");
    }
}
