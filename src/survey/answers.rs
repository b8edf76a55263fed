//! The rows of a submissions file read as answers: each row's community found among the
//! site's, each cell of a question's column read as an answer to it (a choice, several, a
//! number) and checked against the question's choices and range. Every bad cell is reported
//! at its row and column, and reading goes on, so one run lists them all.

use std::collections::HashMap;

use super::compute::Given;
use super::form::{Answer, COMMUNITY, DONT_KNOW, Form, Target};
use super::import::{Column, ImportOptions};
use super::read::Table;
use super::{cell_location, same_ignoring_case, same_text};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Diagnostics, did_you_mean, suggestion_said};
use crate::messages::Message;
use crate::model::ContentType;
use crate::schema::Schema;

/// The answers of the file, checked.
pub(super) struct Parsed {
    /// The communities of the submissions, in the order they first appear.
    pub(super) community_ids: Vec<String>,
    /// The rows (indices into the table's rows) of each community.
    pub(super) by_community: Vec<Vec<usize>>,
    /// By question: each row's answer, for the questions the file has.
    pub(super) answers: Vec<Option<Vec<Given>>>,
    /// Each row's submission date, when the file has one.
    pub(super) dates: Vec<Option<Date>>,
    /// The form's version the submissions carry (the last row's that has one).
    pub(super) version: Option<String>,
}

/// Read every row of `table` but those `left_out` (repeated submissions): a left-out row
/// belongs to no community and answers nothing, and its cells are not checked.
#[allow(clippy::too_many_arguments)] // The import's context, passed down once.
pub(super) fn parse_rows(
    table: &Table,
    columns: &[Column],
    left_out: &[bool],
    form: &Form,
    schema: &Schema,
    options: &ImportOptions,
    display: &str,
    problems: &mut Diagnostics,
) -> Parsed {
    let community_column = columns
        .iter()
        .position(|c| matches!(c, Column::Question(q) if form.questions[*q].target == Target::Community))
        .expect("checked as present");
    let Answer::One(community_list) = form.questions[0].answer else { unreachable!("the community is a select_one") };
    let known = &form.lists[community_list].choices;
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut parsed = Parsed {
        community_ids: Vec::new(),
        by_community: Vec::new(),
        answers: vec![None; form.questions.len()],
        dates: vec![None; table.rows.len()],
        version: None,
    };
    let date_column = super::columns::best(columns, |c| match c {
        Column::Date(rank) => Some(*rank),
        _ => None,
    });
    for column in columns {
        if let Column::Question(q) = column
            && parsed.answers[*q].is_none()
            && form.questions[*q].target != Target::Community
        {
            parsed.answers[*q] = Some(Vec::with_capacity(table.rows.len()));
        }
    }
    let mut seen_column = vec![false; form.questions.len()];
    let question_columns: Vec<(usize, usize)> = columns
        .iter()
        .enumerate()
        .filter_map(|(col, c)| match c {
            Column::Question(q) if form.questions[*q].target != Target::Community && !seen_column[*q] => {
                seen_column[*q] = true;
                Some((col, *q))
            }
            _ => None,
        })
        .collect();
    let version_column = columns.iter().position(|c| *c == Column::Version);
    // Dates that cannot be read (`13/06/2026`, a spreadsheet's serial number): said once, at
    // the first, with how many others there are.
    let mut unread_dates: Vec<(usize, usize, String)> = Vec::new();
    // Names of no community, each said once; found again by the name.
    let mut unknown: Vec<Unknown> = Vec::new();
    let mut unknown_at: HashMap<String, usize> = HashMap::new();
    // A version that is none, and a file of two versions, each said once.
    let (mut bad_version, mut mixed_versions) = (false, false);
    for (r, row) in table.rows.iter().enumerate() {
        if left_out.get(r).copied().unwrap_or(false) {
            // Every question's answers stay indexed by row.
            for answers in parsed.answers.iter_mut().flatten() {
                answers.push(Given::Blank);
            }
            continue;
        }
        let cell = |col: usize| row.cells.get(col).map_or("", |c| c.trim());
        let raw = cell(community_column);
        let community = match ids.get(raw) {
            Some(&c) => Some(c),
            None => {
                let found = known
                    .iter()
                    .find(|c| same_text(&c.name, raw))
                    .or_else(|| known.iter().find(|c| c.labels.iter().chain(&c.accepted).any(|l| same_text(l, raw))))
                    .or_else(|| {
                        known.iter().find(|c| c.labels.iter().chain(&c.accepted).any(|l| same_ignoring_case(l, raw)))
                    })
                    .map(|c| c.name.clone());
                let id = match found {
                    Some(id) => Some(id),
                    // The id of a profile to create, in composed form (NFC): `e` and U+0301 as
                    // a Mac types it is the `é` of the same name typed elsewhere, one profile.
                    None if options.create && !raw.is_empty() && not_creatable(&composed(raw)).is_none() => {
                        Some(composed(raw))
                    }
                    None => {
                        let message = if raw.is_empty() {
                            Message::new("import.no-community")
                        } else {
                            Message::new("import.unknown-community").with("community", raw)
                        };
                        let hint = suggestion_said(raw, known.iter().map(|c| c.name.as_str()))
                            .unwrap_or_else(|| Message::new("import.community-ids"));
                        // With --create, what keeps this name from being a new profile's id.
                        let help = match not_creatable(&composed(raw)).filter(|_| options.create && !raw.is_empty()) {
                            Some(why) => {
                                Message::new("import.cannot-create-help").phrase("why", why).phrase("hint", hint)
                            }
                            None => Message::new("import.unknown-community-help").phrase("hint", hint),
                        };
                        // Said once per name, at its first row, with how many rows give it (a
                        // wrong file may name a hundred thousand: found by a map, not a scan).
                        match unknown_at.get(raw) {
                            Some(&k) => unknown[k].rows += 1,
                            None => {
                                unknown_at.insert(raw.to_string(), unknown.len());
                                unknown.push(Unknown {
                                    name: raw.to_string(),
                                    row: row.number,
                                    message,
                                    help,
                                    rows: 1,
                                });
                            }
                        }
                        None
                    }
                };
                id.map(|id| {
                    let c = match parsed.community_ids.iter().position(|x| *x == id) {
                        Some(c) => c,
                        None => {
                            parsed.community_ids.push(id);
                            parsed.by_community.push(Vec::new());
                            parsed.community_ids.len() - 1
                        }
                    };
                    ids.insert(raw.to_string(), c);
                    c
                })
            }
        };
        if let Some(c) = community {
            parsed.by_community[c].push(r);
        }
        if let Some(col) = date_column {
            let text = cell(col);
            parsed.dates[r] = Date::parse(text.get(..10).unwrap_or("")).ok();
            if parsed.dates[r].is_none() && !text.is_empty() {
                unread_dates.push((row.number, col, text.to_string()));
            }
        }
        if let Some(col) = version_column
            && !cell(col).is_empty()
        {
            let version = cell(col);
            if !is_version(version) {
                // Written into each figure's public `source`: only a version as a form gives it.
                if !bad_version {
                    problems.push(
                        Diagnostic::error_said(
                            "survey-version",
                            cell_location(display, row.number, col + 1, version),
                            Message::new("import.bad-version").with("value", version),
                        )
                        .with_help_said(Message::new("import.bad-version-help")),
                    );
                }
                bad_version = true;
            } else if let Some(earlier) = parsed.version.as_deref().filter(|v| *v != version) {
                if !mixed_versions {
                    problems.push(
                        Diagnostic::warning_said(
                            "survey-mixed-versions",
                            cell_location(display, row.number, col + 1, version),
                            Message::new("import.mixed-versions").with("earlier", earlier).with("value", version),
                        )
                        .with_help_said(Message::new("import.mixed-versions-help")),
                    );
                }
                mixed_versions = true;
                parsed.version = Some(version.to_string());
            } else {
                parsed.version = Some(version.to_string());
            }
        }
        for &(col, q) in &question_columns {
            let text = cell(col);
            let question = &form.questions[q];
            let given = read_answer(text, question.answer, form, schema, question.target).unwrap_or_else(|why| {
                let (code, message, help) = why;
                problems.push(
                    Diagnostic::error_said(code, cell_location(display, row.number, col + 1, text), message)
                        .with_optional_help_said(help),
                );
                Given::Blank
            });
            let given = match (given, question.range) {
                (Given::Number(x), (min, max)) if min.is_some_and(|m| x < m) || max.is_some_and(|m| x > m) => {
                    let range = match (min, max) {
                        (Some(a), Some(b)) => Message::new("import.range-from-to").figure("min", a).figure("max", b),
                        (Some(a), None) => Message::new("import.range-or-more").figure("min", a),
                        (None, Some(b)) => Message::new("import.range-or-less").figure("max", b),
                        (None, None) => unreachable!(),
                    };
                    let message = Message::new("import.out-of-range")
                        .with("answer", text)
                        .with("question", question.name.as_str())
                        .phrase("range", range);
                    problems.push(
                        Diagnostic::error_said(
                            "survey-out-of-range",
                            cell_location(display, row.number, col + 1, text),
                            message,
                        )
                        .with_help_said(Message::new("import.correct-help")),
                    );
                    Given::Blank
                }
                (g, _) => g,
            };
            if let Some(answers) = parsed.answers[q].as_mut() {
                answers.push(given);
            }
        }
    }
    for Unknown { name, row, message, help, rows } in unknown {
        let message = match (rows > 1, name.is_empty()) {
            (false, _) => message,
            (true, false) => Message::new("import.on-rows").phrase("message", message).number("n", rows - 1),
            (true, true) => Message::new("import.no-community-rows").number("n", rows - 1),
        };
        problems.push(
            Diagnostic::error_said(
                "survey-unknown-community",
                cell_location(display, row, community_column + 1, &name),
                message,
            )
            .with_help_said(help),
        );
    }
    if let Some((row, col, text)) = unread_dates.first() {
        let others = unread_dates.len() as u64 - 1;
        let message =
            if others == 0 { Message::new("import.unread-date") } else { Message::new("import.unread-dates") }
                .with("value", text.as_str())
                .with("column", table.header.get(*col).map_or("", String::as_str))
                .number("n", others);
        problems.push(
            Diagnostic::warning_said("survey-date", cell_location(display, *row, col + 1, text), message)
                .with_help_said(Message::new("import.unread-date-help")),
        );
    }
    parsed
}

/// A name of no community in the submissions (or none at all), said once.
struct Unknown {
    /// The name as the cell gives it.
    name: String,
    /// The row it is first on, as a spreadsheet numbers it.
    row: usize,
    /// What to say of it, and how to fix it.
    message: Message,
    help: Message,
    /// How many rows give it.
    rows: u64,
}

/// `text` in Unicode's composed form (NFC).
fn composed(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfc().collect()
}

/// A cell that is no answer: its code, message and help.
type AnswerProblem = (&'static str, Message, Option<Message>);

/// One cell read as an answer to a question answered as `answer`.
fn read_answer(
    text: &str,
    answer: Answer,
    form: &Form,
    schema: &Schema,
    target: Target,
) -> Result<Given, AnswerProblem> {
    if text.is_empty() {
        return Ok(Given::Blank);
    }
    let name = match target {
        Target::Indicator(i) => schema.indicators[i].term.id.as_str(),
        Target::Dimension(d) => schema.disaggregations[d].term.id.as_str(),
        Target::Community => COMMUNITY,
    };
    match answer {
        Answer::One(l) | Answer::Many(l) => {
            let choices = &form.lists[l].choices;
            // An exact match first (a name, then a label), then one in another case: `ÉLEVÉ`
            // is `élevé` when no choice is written `ÉLEVÉ`.
            let find = |token: &str| {
                choices
                    .iter()
                    .position(|c| same_text(&c.name, token))
                    .or_else(|| {
                        choices.iter().position(|c| c.labels.iter().chain(&c.accepted).any(|l| same_text(l, token)))
                    })
                    .or_else(|| choices.iter().position(|c| same_ignoring_case(&c.name, token)))
                    .or_else(|| {
                        choices
                            .iter()
                            .position(|c| c.labels.iter().chain(&c.accepted).any(|l| same_ignoring_case(l, token)))
                    })
            };
            let not_a_choice = |token: &str| -> AnswerProblem {
                let names: Vec<&str> = choices.iter().map(|c| c.name.as_str()).collect();
                // The choices are listed once, after the nearest one if there is one; a short
                // answer (`6` on a scale of 1 to 5) is one typo away from every short choice,
                // so it gets no guess.
                let help = match did_you_mean(token, names.iter().copied()).filter(|_| token.chars().count() > 2) {
                    Some(near) => Message::new("import.choices-near-help").with("near", near),
                    None => Message::new("import.choices-help"),
                };
                (
                    "survey-not-a-choice",
                    Message::new("import.not-a-choice").with("answer", token).with("question", name),
                    Some(help.list("choices", &names)),
                )
            };
            if matches!(answer, Answer::One(_)) {
                let c = find(text).ok_or_else(|| not_a_choice(text))?;
                return Ok(if choices[c].name == DONT_KNOW { Given::DontKnow } else { Given::Choice(c as u32) });
            }
            let mut bits = 0u64;
            let tokens: Vec<&str> = if text.split_whitespace().all(|t| find(t).is_some()) {
                text.split_whitespace().collect()
            } else {
                text.split([',', ';']).map(str::trim).filter(|t| !t.is_empty()).collect()
            };
            for token in tokens {
                let c = find(token).ok_or_else(|| not_a_choice(token))?;
                if c < 64 {
                    bits |= 1 << c;
                }
            }
            Ok(Given::Many(bits))
        }
        Answer::Integer | Answer::Decimal => {
            // `1,200`: a thousand and two hundred with a thousands separator, or 1.2 with a
            // decimal comma. Not guessed: either would give a figure, one of them wrong.
            if answer == Answer::Decimal
                && let Some((whole, part)) = text.trim_start_matches('-').split_once(',')
                && (1..=3).contains(&whole.len())
                && part.len() == 3
                && whole.bytes().chain(part.bytes()).all(|b| b.is_ascii_digit())
            {
                let sign = if text.starts_with('-') { "-" } else { "" };
                return Err((
                    "survey-not-a-number",
                    Message::new("import.ambiguous-number").with("answer", text).with("question", name),
                    Some(
                        Message::new("import.ambiguous-number-help")
                            .with("thousands", format!("{sign}{whole}{part}"))
                            .with(
                                "decimal",
                                match part.trim_end_matches('0') {
                                    "" => format!("{sign}{whole}"),
                                    decimals => format!("{sign}{whole}.{decimals}"),
                                },
                            ),
                    ),
                ));
            }
            let normal =
                if text.contains(',') && !text.contains('.') { text.replace(',', ".") } else { text.to_string() };
            match normal.parse::<f64>() {
                Ok(x) if x.is_finite() && (answer == Answer::Decimal || x.fract() == 0.0) => Ok(Given::Number(x)),
                _ => Err((
                    "survey-not-a-number",
                    Message::new(if answer == Answer::Integer { "import.not-whole" } else { "import.not-a-number" })
                        .with("answer", text)
                        .with("question", name),
                    None,
                )),
            }
        }
    }
}

/// Whether `text` is a form version as a form carries it (`fieldbook form` writes eight hex
/// digits; KoBoToolbox and ODK Central keep it as given): letters, digits, dots, dashes and
/// underscores, at most 40 of them.
fn is_version(text: &str) -> bool {
    !text.is_empty() && text.len() <= 40 && text.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
}

/// Why `id` cannot name a profile `import --create` makes, as a message: not an id (letters,
/// digits and dashes, as a file name: `new-village`, not `New Village`), a page Fieldbook
/// writes itself (`index`, `page-2`), a file name Windows keeps for a device (`con`), or too
/// long for a file name; `None` when it can.
fn not_creatable(id: &str) -> Option<Message> {
    if !crate::text::is_slug(id) {
        let slug = crate::text::slugify(id);
        return Some(if slug.is_empty() {
            Message::new("import.why-not-an-id")
        } else {
            Message::new("import.why-not-an-id-write").with("id", slug)
        });
    }
    if id.len() > crate::scaffold::MAX_SLUG_BYTES {
        return Some(Message::new("import.why-too-long").number("n", crate::scaffold::MAX_SLUG_BYTES as u64));
    }
    if let Some(page) = crate::scaffold::own_page(ContentType::Community, id) {
        return Some(Message::new("import.why-own-page").with("page", page));
    }
    if crate::files::check_name(&format!("{id}.md")).is_err() {
        return Some(Message::new("import.why-device-name").with("name", format!("{id}.md")));
    }
    None
}
