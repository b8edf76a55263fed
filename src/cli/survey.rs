//! The survey loop's commands: `form` writes the survey form, `import` writes a round's
//! figures into the profiles.

use std::path::PathBuf;

use fieldbook::date::Date;
use fieldbook::diagnostic::count;
use fieldbook::error::Error;
use fieldbook::model::Status;
use fieldbook::survey::{FormOptions, ImportOptions};

use super::output::{Shown, report_problems_in};
use super::{EXIT_CONTENT_ERRORS, EXIT_OK, FormArgs, Format, ImportArgs, site_root};

/// Print `problems`, if any, in the site's language, as `check` speaks (or the one
/// `FIELDBOOK_MESSAGES` names): the messages of the catalogue are translated, the others stay
/// English.
fn report_in_site_language(root: &std::path::Path, problems: &fieldbook::diagnostic::Diagnostics) {
    if problems.is_empty() {
        return;
    }
    let config = fieldbook::read_config(root).ok();
    let messages = super::output::messages_for(config.as_ref(), root);
    report_problems_in(problems, None, Format::Human, Shown::All, &messages);
}

pub(super) fn form(root: Option<PathBuf>, args: &FormArgs) -> Result<u8, Error> {
    let root = site_root(root)?;
    let options = FormOptions {
        include_sensitive: args.include_sensitive,
        drafts: args.drafts,
        include_confidential: args.include_confidential,
    };
    let report = fieldbook::survey::write_form(&root, args.output.as_deref(), options)?;
    report_in_site_language(&root, &report.problems);
    if !report.problems.is_ok() {
        eprintln!("the form was not written: fix schema.toml first");
        return Ok(EXIT_CONTENT_ERRORS);
    }
    let form = &report.form;
    println!("{}", report.path.display());
    let asked = form.questions.iter().filter(|q| matches!(q.target, fieldbook::survey::form::Target::Indicator(_)));
    eprintln!(
        "wrote the form `{}` version {}: {}, for {}",
        form.id,
        form.version,
        count(asked.count(), "indicator question", "indicator questions"),
        count(form.lists[0].choices.len(), "community", "communities")
    );
    if !form.left_out.is_empty() {
        eprintln!("left out:");
        for left in &form.left_out {
            eprintln!("  {}: {}", left.indicator, left.reason);
        }
    }
    print_communities(form, options);
    Ok(EXIT_OK)
}

/// Which profiles the form offers beyond the published ones, and which it leaves out and how
/// to add them: the form is handed to a survey platform, so the user should know whose names
/// are in it.
fn print_communities(form: &fieldbook::survey::Form, options: FormOptions) {
    let offered = |status: Status| -> Vec<&str> {
        form.communities.iter().filter(|c| c.status == Some(status)).map(|c| c.id.as_str()).collect()
    };
    if options.drafts {
        let drafts = offered(Status::Draft);
        if !drafts.is_empty() {
            eprintln!(
                "the communities include {} (--drafts): {}",
                count(drafts.len(), "draft", "drafts"),
                drafts.join(", ")
            );
        }
    }
    if options.include_confidential {
        let confidential = offered(Status::Confidential);
        if !confidential.is_empty() {
            eprintln!(
                "the communities include {} (--include-confidential): {}; their names go to the survey platform \
                 and to every enumerator's phone",
                count(confidential.len(), "confidential profile", "confidential profiles"),
                confidential.join(", ")
            );
        }
    }
    let left_out = |status: Option<Status>| -> Vec<&str> {
        form.communities_left_out.iter().filter(|c| c.status == status).map(|c| c.id.as_str()).collect()
    };
    for (status, what, how) in [
        (Some(Status::Draft), ("draft", "drafts"), "add --drafts to offer them"),
        (
            Some(Status::Confidential),
            ("confidential profile", "confidential profiles"),
            "add --include-confidential to offer them",
        ),
        (
            None,
            ("profile that could not be read", "profiles that could not be read"),
            "run fieldbook check, correct them and make the form again",
        ),
    ] {
        let ids = left_out(status);
        if !ids.is_empty() {
            eprintln!("not offered as communities: {} ({}; {how})", count(ids.len(), what.0, what.1), ids.join(", "));
        }
    }
}

/// `import`; with `verbose`, every disaggregation part left out is listed, not only counted,
/// and the blank rows skipped are named.
pub(super) fn import(root: Option<PathBuf>, args: &ImportArgs, verbose: bool) -> Result<u8, Error> {
    let root = site_root(root)?;
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
    report_in_site_language(&root, &report.problems);
    if verbose && !report.blank_rows.is_empty() {
        eprintln!(
            "skipped {} (every cell empty, not submissions): {}",
            count(report.blank_rows.len(), "blank row", "blank rows"),
            rows_named(&report.blank_rows)
        );
    }
    if !report.problems.is_ok() {
        eprintln!("nothing was written: correct the file (or the site) and run the import again");
        return Ok(EXIT_CONTENT_ERRORS);
    }
    for change in &report.changes {
        let what = if change.created { " (new profile, draft)" } else { "" };
        println!("{}{what}", change.path);
        for line in &change.lines {
            println!("  {line}");
        }
    }
    print_small_parts(&report.small_parts, verbose);
    let verb = if args.dry_run { "would change" } else { "changed" };
    let repeats = match report.repeats {
        0 => String::new(),
        n => format!(
            " ({} left out: the same instance id as an earlier row)",
            count(n, "repeated submission", "repeated submissions")
        ),
    };
    eprintln!(
        "{} read{repeats}: {} {verb}{}",
        count(report.submissions, "submission", "submissions"),
        count(report.changes.len(), "profile", "profiles"),
        if args.dry_run { " (dry run: nothing written)" } else { "" }
    );
    if !args.dry_run && !report.changes.is_empty() {
        eprintln!("next: fieldbook check, then fieldbook build");
    }
    Ok(EXIT_OK)
}

/// The disaggregation parts left out for privacy: every one with `verbose`, else one line that
/// counts them (a round of a few communities leaves dozens out, which drowned the rest).
fn print_small_parts(parts: &[fieldbook::survey::SmallPart], verbose: bool) {
    if parts.is_empty() {
        return;
    }
    if verbose {
        for part in parts {
            eprintln!("left out for privacy: {part}");
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
        0 => String::new(),
        n => format!("{} and ", count(n, "whole figure", "whole figures")),
    };
    eprintln!(
        "left out for privacy (fewer respondents than the privacy threshold, or parts that would give them away): \
         {figures}{} of {} in {}; add --verbose to list them",
        count(parts.len() - whole, "part", "parts"),
        count(indicators.len(), "indicator", "indicators"),
        count(communities.len(), "community", "communities"),
    );
}

/// Rows by number, runs of consecutive rows joined (`row 7`, `rows 322 to 1048576`, `rows 5,
/// 9 to 12`): a sheet saved from Excel may leave thousands of blank rows after the data.
fn rows_named(rows: &[usize]) -> String {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &row in rows {
        match runs.last_mut() {
            Some((_, last)) if *last + 1 == row => *last = row,
            _ => runs.push((row, row)),
        }
    }
    let named: Vec<String> =
        runs.iter().map(|&(a, b)| if a == b { a.to_string() } else { format!("{a} to {b}") }).collect();
    let plural = runs.len() > 1 || runs.first().is_some_and(|(a, b)| a != b);
    format!("{} {}", if plural { "rows" } else { "row" }, named.join(", "))
}
