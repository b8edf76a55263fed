//! A template that fails while a page is made (a value it reads that the page lacks, a filter
//! given the wrong kind of value), as a located diagnostic: at the place in the template, in
//! the site's own file (`themes/default/templates/…`) or, for a template of Fieldbook's own,
//! under `built-in:`, with the page it was making; and a build's many such failures, one per
//! place and reason, with how many pages failed there.
//!
//! `check` cannot find these: a template fails only on a page whose values it cannot use, so
//! they are found while the pages are made, by `build` and `serve`.

use std::collections::{BTreeMap, BTreeSet};

use tera::ErrorKind;

use super::problems::{display_path, tidy_report};
use crate::diagnostic::{Diagnostic, Location};
use crate::messages::Message;
use crate::source::{SourceFile, Span};

/// The code of a template's failure while a page was made.
pub const CODE: &str = "template-render";

/// Where a template of Fieldbook's own theme is said to be: it is no file of the site.
pub const BUILT_IN: &str = "built-in:";

/// Every template as a source file, by its name (`community.html`), shown at its path (the
/// site's file, or Fieldbook's own under [`BUILT_IN`]), and which of them are the site's own:
/// what a failure needs to point into the template. Made once with the theme, so that a
/// template failing on ten thousand pages is not copied for each.
#[derive(Debug, Default)]
pub struct Sources {
    files: BTreeMap<String, SourceFile>,
    own: BTreeSet<String>,
}

impl Sources {
    /// The templates `templates` (name and text), of which those named in `own` are the site's.
    pub fn new(templates: &[(String, String)], own: BTreeSet<String>) -> Sources {
        let path_of = |name: &str| {
            if own.contains(name) {
                display_path(&format!("templates/{name}"))
            } else {
                format!("{BUILT_IN}templates/{name}")
            }
        };
        let files = templates
            .iter()
            .map(|(name, text)| (name.clone(), SourceFile::new(path_of(name), name, text.clone())))
            .collect();
        Sources { files, own }
    }
}

/// The diagnostic for `error`, a template's failure while page `page` (its site path) was
/// made from `made_from` (its content file, or for a page Fieldbook makes itself its site
/// path), located in the template; `None` for a failure Tera does not place in a template.
pub fn diagnostic(error: &tera::Error, page: &str, made_from: &str, sources: &Sources) -> Option<Diagnostic> {
    let ErrorKind::RenderingError(report) = error.kind() else { return None };
    let name = report.filename();
    let source = sources.files.get(name)?;
    let (range, length) = (&report.span().range, source.text.len());
    let location = Location::at(source, Span::new(range.start.min(length), range.end.min(length)));
    let said = report.message().lines().next().unwrap_or_default().trim();
    let (message, near) = match undefined(said) {
        Some((message, near)) => (message, near),
        None => (Message::new("theme.render-failed").with("reason", tidy_report(said)), None),
    };
    let help = if sources.own.contains(name) {
        near.unwrap_or_else(|| Message::new("theme.render-failed-help"))
    } else if sources.own.is_empty() {
        Message::new("theme.render-failed-built-in-help")
    } else {
        let own: Vec<String> = sources.own.iter().map(|n| display_path(&format!("templates/{n}"))).collect();
        let own: Vec<&str> = own.iter().map(String::as_str).collect();
        Message::new("theme.render-failed-own-help").list("templates", &own)
    };
    Some(
        Diagnostic::error_said(CODE, location, message)
            .with_help_said(help)
            .with_note_said(Message::new("theme.render-failed-page").with("page", page), Location::file(made_from)),
    )
}

/// Tera's sentence for a name the template reads that is not there (`Field `titel` is not
/// defined. Available fields: title, kind, …`, or `Variable …`), as a message in the
/// catalogue, with the nearest name there is as a help; `None` for any other sentence.
fn undefined(said: &str) -> Option<(Message, Option<Message>)> {
    let (id, rest) = match (said.strip_prefix("Field `"), said.strip_prefix("Variable `")) {
        (Some(rest), _) => ("theme.render-no-field", rest),
        (None, Some(rest)) => ("theme.render-no-variable", rest),
        (None, None) => return None,
    };
    let (name, rest) = rest.split_once('`')?;
    let rest = rest.strip_prefix(" is not defined")?;
    let available: Vec<&str> = [". Available fields: ", ". Available variables: "]
        .iter()
        .find_map(|marker| rest.split_once(marker))
        .map(|(_, list)| list.split(", ").collect())
        .unwrap_or_default();
    let near = crate::diagnostic::did_you_mean(name, available.iter().copied())
        .map(|near| Message::new("hint.did-you-mean").with("near", near));
    Some((Message::new(id).with("name", name), near))
}

/// The failures of a build, each with the site path of the page that failed: one for each
/// place in a template and reason, with the first page that failed there (by path, so that the
/// report is the same in every run) and a note of how many other pages failed the same way (a
/// template fails on every page whose values it cannot use: often all of its pages).
pub fn grouped(failures: Vec<(String, Diagnostic)>) -> Vec<Diagnostic> {
    let mut failures = failures;
    failures.sort_by(|(a, _), (b, _)| a.cmp(b));
    let mut groups: Vec<(Diagnostic, u64)> = Vec::new();
    for (_, failure) in failures {
        let same = |(first, _): &&mut (Diagnostic, u64)| {
            first.location == failure.location && first.message == failure.message && first.code == failure.code
        };
        match groups.iter_mut().find(same) {
            Some((_, others)) => *others += 1,
            None => groups.push((failure, 0)),
        }
    }
    groups
        .into_iter()
        .map(|(first, others)| {
            if others == 0 {
                return first;
            }
            let location = Location::file(first.location.file.clone());
            first.with_note_said(Message::new("theme.render-failed-more").count("n", others), location)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Template `name` with `text`, the site's own when `own`, rendered with `doc.title` only.
    fn fail(name: &str, text: &str, own: bool) -> (tera::Error, Sources) {
        let mut tera = tera::Tera::default();
        tera.add_raw_template(name, text).unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("doc", &serde_json::json!({ "title": "Aïn Lmaati" }));
        let error = tera.render(name, &ctx).unwrap_err();
        let templates = vec![(name.to_string(), text.to_string())];
        let own = if own { BTreeSet::from([name.to_string()]) } else { BTreeSet::new() };
        (error, Sources::new(&templates, own))
    }

    #[test]
    fn a_failure_is_placed_in_the_sites_own_template() {
        let (error, sources) = fail("page.html", "<h1>{{ doc.title }}</h1>\n<p>{{ doc.titel }}</p>\n", true);
        let found = diagnostic(&error, "about.html", "content/about.md", &sources).unwrap();
        assert_eq!(found.code, CODE);
        assert_eq!(found.location.file, "themes/default/templates/page.html");
        // At the field Tera could not find.
        assert_eq!((found.location.line, found.location.column), (Some(2), Some(11)));
        let shown = found.render();
        assert!(shown.contains("error[template-render]: there is no field `titel` here"), "{shown}");
        assert!(shown.contains("help: did you mean `title`?"), "{shown}");
        assert!(shown.contains("while making `about.html`") && shown.contains("--> content/about.md"), "{shown}");
        // Nothing near: what a template can read.
        let (error, sources) = fail("page.html", "{{ doc.xyzzy_plugh }}", true);
        let shown = diagnostic(&error, "about.html", "content/about.md", &sources).unwrap().render();
        assert!(shown.contains("there is no field `xyzzy_plugh` here"), "{shown}");
        assert!(shown.contains("guide's page Themes"), "{shown}");
        // Another failure: Tera's sentence.
        let (error, sources) = fail("page.html", "{{ doc.title | round }}", true);
        let shown = diagnostic(&error, "about.html", "content/about.md", &sources).unwrap().render();
        assert!(shown.contains("the template failed: Invalid type for the value"), "{shown}");
    }

    #[test]
    fn a_built_in_template_is_named_as_fieldbooks_own() {
        // Fieldbook's own template, in a site that changes none: a bug to report.
        let (error, sources) = fail("listing.html", "{{ doc.title | round }}", false);
        let found = diagnostic(&error, "communities/index.html", "communities/index.html", &sources).unwrap();
        assert_eq!(found.location.file, "built-in:templates/listing.html");
        assert!(found.render().contains("a bug in Fieldbook"), "{}", found.render());
        // With templates of the site's own, those are named as the likely cause.
        let templates = vec![("listing.html".to_string(), "{{ doc.title | round }}".to_string())];
        let with_own = Sources::new(&templates, BTreeSet::from(["community.html".to_string()]));
        let found = diagnostic(&error, "communities/index.html", "communities/index.html", &with_own).unwrap();
        let shown = found.render();
        assert!(shown.contains("`themes/default/templates/community.html`"), "{shown}");
    }

    #[test]
    fn a_failure_not_placed_in_a_template_is_left_to_the_caller() {
        let mut tera = tera::Tera::default();
        tera.add_raw_template("a.html", "x").unwrap();
        let error = tera.render("missing.html", &tera::Context::new()).unwrap_err();
        assert!(diagnostic(&error, "a.html", "a.html", &Sources::default()).is_none());
        // A template the sources do not have (none should be missing) is not guessed at either.
        let (error, _) = fail("page.html", "{{ doc.titel }}", true);
        assert!(diagnostic(&error, "about.html", "content/about.md", &Sources::default()).is_none());
    }

    #[test]
    fn failures_at_one_place_are_one_diagnostic_with_a_count() {
        let (error, sources) = fail("page.html", "{{ doc.titel }}", true);
        let (other, other_sources) = fail("term.html", "{{ doc.title | round }}", true);
        let failures = vec![
            ("b.html".to_string(), diagnostic(&error, "b.html", "content/b.md", &sources).unwrap()),
            ("a.html".to_string(), diagnostic(&error, "a.html", "content/a.md", &sources).unwrap()),
            ("tags/x.html".to_string(), diagnostic(&other, "tags/x.html", "tags/x.html", &other_sources).unwrap()),
            ("c.html".to_string(), diagnostic(&error, "c.html", "content/c.md", &sources).unwrap()),
        ];
        let grouped = grouped(failures);
        assert_eq!(grouped.len(), 2);
        let first = grouped[0].render();
        // The first page by path, and the two others counted.
        assert!(first.contains("while making `a.html`") && !first.contains("b.html"), "{first}");
        assert!(first.contains("2 other pages failed"), "{first}");
        let second = grouped[1].render();
        assert!(second.contains("tags/x.html") && !second.contains("other page"), "{second}");
    }
}
