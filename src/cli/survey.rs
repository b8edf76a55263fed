//! The survey loop's commands: `form` writes the survey form, `import` writes a round's
//! figures into the profiles.

use std::path::PathBuf;

use fieldbook::date::Date;
use fieldbook::error::Error;
use fieldbook::messages::{Message, Messages};
use fieldbook::model::Status;
use fieldbook::survey::{FormOptions, ImportOptions};

use super::output::{Shown, report_problems_in};
use super::{EXIT_CONTENT_ERRORS, EXIT_OK, FormArgs, Format, ImportArgs, site_root};

/// The language `form` and `import` speak, as `check` does: the site's language (or the one
/// `FIELDBOOK_MESSAGES` names).
fn site_messages(root: &std::path::Path) -> Messages {
    let config = fieldbook::read_config(root).ok();
    super::output::messages_for(config.as_ref(), root)
}

/// Print `problems`, if any, in the language of `messages`.
fn report_in(problems: &fieldbook::diagnostic::Diagnostics, messages: &Messages) {
    if !problems.is_empty() {
        report_problems_in(problems, None, Format::Human, Shown::All, messages);
    }
}

pub(super) fn form(root: Option<PathBuf>, args: &FormArgs) -> Result<u8, Error> {
    let root = site_root(root)?;
    let messages = site_messages(&root);
    let say = |message: Message| messages.render(&message);
    let options = FormOptions {
        include_sensitive: args.include_sensitive,
        drafts: args.drafts,
        include_confidential: args.include_confidential,
    };
    let report = fieldbook::survey::write_form(&root, args.output.as_deref(), options)?;
    report_in(&report.problems, &messages);
    if !report.problems.is_ok() {
        eprintln!("{}", say(Message::new("form.not-written")));
        return Ok(EXIT_CONTENT_ERRORS);
    }
    let form = &report.form;
    out!("{}", report.path.display());
    let asked = form.questions.iter().filter(|q| matches!(q.target, fieldbook::survey::form::Target::Indicator(_)));
    let wrote = Message::new("form.wrote")
        .with("form", form.id.as_str())
        .with("version", form.version.as_str())
        .phrase("questions", Message::new("form.questions").number("n", asked.count() as u64))
        .phrase("communities", Message::new("form.communities").number("n", form.lists[0].choices.len() as u64));
    eprintln!("{}", say(wrote));
    if !form.left_out.is_empty() {
        eprintln!("{}", say(Message::new("form.left-out")));
        for left in &form.left_out {
            eprintln!("  {}: {}", left.indicator, say(left.reason.clone()));
        }
    }
    print_communities(form, options, &messages);
    Ok(EXIT_OK)
}

/// Which profiles the form offers beyond the published ones, and which it leaves out and how
/// to add them: the form is handed to a survey platform, so the user should know whose names
/// are in it.
fn print_communities(form: &fieldbook::survey::Form, options: FormOptions, messages: &Messages) {
    let offered = |status: Status| -> Vec<&str> {
        form.communities.iter().filter(|c| c.status == Some(status)).map(|c| c.id.as_str()).collect()
    };
    let counted = |id: &'static str, ids: &[&str]| Message::new(id).number("n", ids.len() as u64);
    if options.drafts {
        let drafts = offered(Status::Draft);
        if !drafts.is_empty() {
            let said = Message::new("form.drafts-included")
                .phrase("drafts", counted("form.drafts", &drafts))
                .with("ids", drafts.join(", "));
            eprintln!("{}", messages.render(&said));
        }
    }
    if options.include_confidential {
        let confidential = offered(Status::Confidential);
        if !confidential.is_empty() {
            let said = Message::new("form.confidential-included")
                .phrase("profiles", counted("form.confidential-profiles", &confidential))
                .with("ids", confidential.join(", "));
            eprintln!("{}", messages.render(&said));
        }
    }
    let left_out = |status: Option<Status>| -> Vec<&str> {
        form.communities_left_out.iter().filter(|c| c.status == status).map(|c| c.id.as_str()).collect()
    };
    for (status, what, how) in [
        (Some(Status::Draft), "form.drafts", "form.drafts-how"),
        (Some(Status::Confidential), "form.confidential-profiles", "form.confidential-how"),
        (None, "form.unreadable-profiles", "form.unreadable-how"),
    ] {
        let ids = left_out(status);
        if !ids.is_empty() {
            let said = Message::new("form.not-offered")
                .phrase("profiles", counted(what, &ids))
                .with("ids", ids.join(", "))
                .phrase("how", Message::new(how));
            eprintln!("{}", messages.render(&said));
        }
    }
}

/// `import`; with `verbose`, every disaggregation part left out is listed, not only counted,
/// and the blank rows skipped and the submissions left out in review are named.
pub(super) fn import(root: Option<PathBuf>, args: &ImportArgs, verbose: bool) -> Result<u8, Error> {
    let root = site_root(root)?;
    let messages = site_messages(&root);
    let say = |message: Message| messages.render(&message);
    let options = ImportOptions {
        file: args.file.clone(),
        method: args.method.clone(),
        dry_run: args.dry_run,
        replace: args.replace,
        create: args.create,
        country: args.country.clone(),
        by: args.by.clone(),
        today: Date::today(),
    };
    let report = fieldbook::survey::import(&root, &options)?;
    report_in(&report.problems, &messages);
    if verbose && !report.blank_rows.is_empty() {
        let skipped = Message::new("import.skipped")
            .phrase("blank", Message::new("import.blank-rows").number("n", report.blank_rows.len() as u64))
            .with("rows", rows_named(&report.blank_rows, &messages));
        eprintln!("{}", say(skipped));
    }
    if verbose {
        for (rows, said) in
            [(&report.rejected, "import.rejected-rows"), (&report.not_approved, "import.not-approved-rows")]
        {
            if !rows.is_empty() {
                eprintln!("{}", say(Message::new(said).with("rows", rows_named(rows, &messages))));
            }
        }
    }
    if !report.problems.is_ok() {
        eprintln!("{}", say(Message::new("import.nothing-written")));
        return Ok(EXIT_CONTENT_ERRORS);
    }
    for change in &report.changes {
        if change.created {
            out!("{}", say(Message::new("import.new-profile").with("path", change.path.as_str())));
        } else if change.translation {
            out!("{}", say(Message::new("import.translation-changed").with("path", change.path.as_str())));
        } else {
            out!("{}", change.path);
        }
        for line in &change.lines {
            out!("  {}", messages.render(line));
        }
    }
    print_small_parts(&report.small_parts, verbose, &messages);
    let translations = report.changes.iter().filter(|c| c.translation).count() as u64;
    let profiles = report.changes.len() as u64 - translations;
    let changed = match translations {
        0 => Message::new(if args.dry_run { "import.would-change" } else { "import.changed" }).number("n", profiles),
        _ => Message::new(if args.dry_run {
            "import.would-change-with-translations"
        } else {
            "import.changed-with-translations"
        })
        .phrase("profiles", Message::new("import.profiles").number("n", profiles))
        .phrase("translations", Message::new("import.translations").number("n", translations)),
    };
    let read = Message::new("import.read")
        .number("n", report.submissions as u64)
        .phrase("left_out", left_out_said(&report))
        .phrase("changed", changed);
    eprintln!("{}", say(read));
    print_words_to_review(&report.translations_to_review, &messages);
    if !args.dry_run && !report.changes.is_empty() {
        eprintln!("{}", say(Message::new("import.next")));
    }
    Ok(EXIT_OK)
}

/// The submissions read but left out of the figures, and why, for the import's last line:
/// ` (2 repeated submissions left out: …; 3 submissions left out: rejected in review (ODK
/// Central))`, or nothing.
fn left_out_said(report: &fieldbook::survey::ImportReport) -> Message {
    let reasons = [
        ("import.repeats", report.repeats),
        ("import.rejected", report.rejected.len()),
        ("import.not-approved", report.not_approved.len()),
    ];
    let said = reasons
        .into_iter()
        .filter(|&(_, n)| n > 0)
        .map(|(id, n)| Message::new(id).number("n", n as u64))
        .reduce(|a, b| Message::new("import.and-reason").phrase("a", a).phrase("b", b));
    match said {
        Some(reasons) => Message::new("import.left-out-reasons").phrase("reasons", reasons),
        None => Message::new("list.nothing"),
    }
}

/// The disaggregation parts left out for privacy: every one with `verbose`, else one line that
/// counts them (a round of a few communities leaves dozens out, which drowned the rest).
fn print_small_parts(parts: &[fieldbook::survey::SmallPart], verbose: bool, messages: &Messages) {
    if parts.is_empty() {
        return;
    }
    if verbose {
        for part in parts {
            eprintln!("{}", messages.render(&Message::new("import.left-out-part").phrase("part", part.said())));
        }
        return;
    }
    let mut indicators: Vec<&str> = parts.iter().map(|p| p.indicator.as_str()).collect();
    indicators.sort_unstable();
    indicators.dedup();
    let mut communities: Vec<&str> = parts.iter().map(|p| p.community.as_str()).collect();
    communities.sort_unstable();
    communities.dedup();
    let whole = parts.iter().filter(|p| p.dimension.is_empty()).count();
    let figures = match whole {
        0 => Message::new("list.nothing"),
        n => Message::new("import.whole-figures-and").number("n", n as u64),
    };
    let said = Message::new("import.left-out")
        .phrase("figures", figures)
        .phrase("parts", Message::new("import.parts").number("n", (parts.len() - whole) as u64))
        .phrase("indicators", Message::new("import.indicators").number("n", indicators.len() as u64))
        .phrase("communities", Message::new("import.communities").number("n", communities.len() as u64));
    eprintln!("{}", messages.render(&said));
}

/// The translations whose entries give their own words beside figures the import changed:
/// a translator reads them again (a `source` may name the previous round).
fn print_words_to_review(translations: &[fieldbook::survey::WordsToReview], messages: &Messages) {
    if translations.is_empty() {
        return;
    }
    eprintln!("{}", messages.render(&Message::new("import.review-words").number("n", translations.len() as u64)));
    for translation in translations {
        let ids: Vec<&str> = translation.indicators.iter().map(String::as_str).collect();
        let line =
            Message::new("import.review-words-file").with("path", translation.path.as_str()).list("indicators", &ids);
        eprintln!("  {}", messages.render(&line));
    }
}

/// Rows by number, runs of consecutive rows joined (`row 7`, `rows 322 to 1048576`, `rows 5,
/// 9 to 12`): a sheet saved from Excel may leave thousands of blank rows after the data.
fn rows_named(rows: &[usize], messages: &Messages) -> String {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &row in rows {
        match runs.last_mut() {
            Some((_, last)) if *last + 1 == row => *last = row,
            _ => runs.push((row, row)),
        }
    }
    let named: Vec<String> = runs
        .iter()
        .map(|&(a, b)| match a == b {
            true => a.to_string(),
            false => messages
                .render(&Message::new("import.row-run").with("first", a.to_string()).with("last", b.to_string())),
        })
        .collect();
    let plural = runs.len() > 1 || runs.first().is_some_and(|(a, b)| a != b);
    messages.render(&Message::new(if plural { "import.rows" } else { "import.row" }).with("rows", named.join(", ")))
}
