//! The survey loop's commands: `form` writes the survey form, `import` writes a round's
//! figures into the profiles.

use std::path::PathBuf;

use fieldbook::date::Date;
use fieldbook::diagnostic::count;
use fieldbook::error::Error;
use fieldbook::survey::{FormOptions, ImportOptions};

use super::output::{Shown, report_problems};
use super::{EXIT_CONTENT_ERRORS, EXIT_OK, FormArgs, Format, ImportArgs, site_root};

pub(super) fn form(root: Option<PathBuf>, args: &FormArgs) -> Result<u8, Error> {
    let root = site_root(root)?;
    let options = FormOptions { include_sensitive: args.include_sensitive };
    let report = fieldbook::survey::write_form(&root, args.output.as_deref(), options)?;
    if !report.problems.is_ok() {
        report_problems(&report.problems, 0, Format::Human, Shown::All);
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
    Ok(EXIT_OK)
}

pub(super) fn import(root: Option<PathBuf>, args: &ImportArgs) -> Result<u8, Error> {
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
    if !report.problems.is_empty() {
        report_problems(&report.problems, 0, Format::Human, Shown::All);
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
    for part in &report.small_parts {
        eprintln!("left out (fewer respondents than the privacy threshold): {part}");
    }
    let verb = if args.dry_run { "would change" } else { "changed" };
    eprintln!(
        "{} read: {} {verb}{}",
        count(report.submissions, "submission", "submissions"),
        count(report.changes.len(), "profile", "profiles"),
        if args.dry_run { " (dry run: nothing written)" } else { "" }
    );
    if !args.dry_run && !report.changes.is_empty() {
        eprintln!("next: fieldbook check, then fieldbook build");
    }
    Ok(EXIT_OK)
}
