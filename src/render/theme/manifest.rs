//! The theme's manifest, `theme.toml`: which of the values Fieldbook makes only on request
//! each page template reads.
//!
//! A profile's indicators, criteria and research answers, an indicator's rows and a page's
//! key facts are most of a site's data. Fieldbook draws them itself (`indicator_tables`,
//! `criteria_table`, `research_list`, `comparison_table`, `facts_list`), and makes them as
//! values for a theme's own loops (`groups`, `criteria`, `research`, `rows`, `doc.facts`) only
//! for a template that says it reads them. The default theme's `theme.toml` says what its
//! templates read; a site's `themes/default/theme.toml` changes the entry of each template it
//! names. A site that replaces templates without saying what they read gets every value on
//! every page (correct, but slower), and a warning that says how to declare them.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use toml::Spanned;

use super::problems::display_path;
use crate::diagnostic::{Diagnostic, Location, suggestion_said};
use crate::messages::Message;
use crate::source::{SourceFile, Span};

/// The file's name in a theme folder.
pub const FILE: &str = "theme.toml";

/// Each page template that may read values made on request, with the values it may read.
pub const ON_REQUEST: &[(&str, &[&str])] = &[
    (
        "community.html",
        &[
            "groups",
            "indicator_tables",
            "criteria",
            "criteria_table",
            "research",
            "research_list",
            "facts",
            "facts_list",
        ],
    ),
    ("indicator.html", &["rows", "comparison_table"]),
    ("case_study.html", &["facts", "facts_list"]),
    ("project.html", &["facts", "facts_list"]),
    ("guidance.html", &["facts", "facts_list"]),
    ("page.html", &["facts", "facts_list"]),
];

/// What the theme's page templates read, as the manifests say.
#[derive(Debug, Clone, Default)]
pub struct Reads {
    /// Each template named in a manifest, with the values it reads.
    declared: BTreeMap<String, BTreeSet<String>>,
    /// True when the site replaced templates without a manifest: every value is made.
    everything: bool,
}

impl Reads {
    /// The reads of the default theme, changed by the site's manifest (if it has one) for
    /// the templates it names. `site_templates` tells whether the site replaced any template:
    /// without a manifest of its own, its templates then get every value.
    pub fn of(default: &str, site: Option<&str>, site_templates: bool) -> Result<Reads, Vec<Diagnostic>> {
        let mut declared = parse(default)?;
        match site {
            Some(text) => declared.extend(parse(text)?),
            None if site_templates => return Ok(Reads { declared, everything: true }),
            None => {}
        }
        Ok(Reads { declared, everything: false })
    }

    /// True if `template` reads `value`, so that the value must be made for its pages.
    pub fn reads(&self, template: &str, value: &str) -> bool {
        self.everything || self.declared.get(template).is_some_and(|values| values.contains(value))
    }

    /// The warning for a site whose own templates get every value, if this is one.
    pub fn undeclared_warning(&self) -> Option<Diagnostic> {
        self.everything.then(|| {
            Diagnostic::warning_said(
                "theme-reads-undeclared",
                Location::file(display_path("templates")),
                Message::new("theme.reads-undeclared"),
            )
            .with_help_said(Message::new("theme.reads-undeclared-help").with("file", display_path(FILE)))
        })
    }
}

/// The file as written: a table `reads` of template names to lists of values.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    #[serde(default)]
    reads: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
}

/// The templates a manifest names, with what each reads; every problem in it, located.
fn parse(text: &str) -> Result<BTreeMap<String, BTreeSet<String>>, Vec<Diagnostic>> {
    let source = SourceFile::new(display_path(FILE), FILE, text.to_string());
    let at = |range: std::ops::Range<usize>| Location::at(&source, Span::new(range.start, range.end));
    let manifest: Manifest = toml::from_str(text).map_err(|e| {
        // Said as fieldbook.toml's mistakes are, with how a manifest is written when nothing
        // more precise helps.
        let mistake = crate::config::toml_mistake(&display_path(FILE), text, &e);
        let help = mistake.help.unwrap_or_else(|| Message::new("theme.manifest-help"));
        vec![
            Diagnostic::error_said("theme-manifest", Location::at(&source, mistake.span), mistake.message)
                .with_help_said(help),
        ]
    })?;
    let mut problems = Vec::new();
    let mut declared = BTreeMap::new();
    for (template, values) in manifest.reads {
        let Some((_, allowed)) = ON_REQUEST.iter().find(|(name, _)| *name == template.get_ref().as_str()) else {
            let names: Vec<&str> = ON_REQUEST.iter().map(|(name, _)| *name).collect();
            problems.push(
                Diagnostic::error_said(
                    "theme-manifest",
                    at(template.span()),
                    Message::new("theme.not-a-page-template").with("template", template.get_ref().as_str()),
                )
                .with_optional_help_said(suggestion_said(template.get_ref(), names.iter().copied())),
            );
            continue;
        };
        let mut reads = BTreeSet::new();
        for value in values {
            if allowed.contains(&value.get_ref().as_str()) {
                reads.insert(value.into_inner());
            } else {
                problems.push(
                    Diagnostic::error_said(
                        "theme-manifest",
                        at(value.span()),
                        Message::new("theme.cannot-read")
                            .with("template", template.get_ref().as_str())
                            .with("value", value.get_ref().as_str()),
                    )
                    .with_optional_help_said(suggestion_said(value.get_ref(), allowed.iter().copied())),
                );
            }
        }
        declared.insert(template.into_inner(), reads);
    }
    if problems.is_empty() { Ok(declared) } else { Err(problems) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEFAULT: &str =
        "[reads]\n\"community.html\" = [\"indicator_tables\"]\n\"indicator.html\" = [\"comparison_table\"]\n";

    #[test]
    fn a_site_manifest_changes_only_the_templates_it_names() {
        let site = "[reads]\n\"community.html\" = [\"groups\", \"criteria\"]\n";
        let reads = Reads::of(DEFAULT, Some(site), true).unwrap();
        assert!(reads.reads("community.html", "groups"));
        assert!(!reads.reads("community.html", "indicator_tables"), "the site's entry replaces the default's");
        assert!(reads.reads("indicator.html", "comparison_table"), "a template not named keeps the default's");
        assert!(!reads.reads("indicator.html", "rows"));
        assert!(reads.undeclared_warning().is_none());
    }

    #[test]
    fn site_templates_without_a_manifest_get_every_value_and_a_warning() {
        let reads = Reads::of(DEFAULT, None, true).unwrap();
        assert!(reads.reads("indicator.html", "rows") && reads.reads("page.html", "facts"));
        let warning = reads.undeclared_warning().unwrap();
        assert_eq!(warning.code, "theme-reads-undeclared");
        let plain = Reads::of(DEFAULT, None, false).unwrap();
        assert!(!plain.reads("indicator.html", "rows"), "a site with no templates of its own gets the default's");
        assert!(plain.undeclared_warning().is_none());
    }

    #[test]
    fn unknown_templates_values_and_bad_toml_are_located_errors() {
        let problems = Reads::of(DEFAULT, Some("[reads]\n\"comunity.html\" = [\"groups\"]\n"), true).unwrap_err();
        assert_eq!(problems[0].code, "theme-manifest");
        assert_eq!((problems[0].location.line, problems[0].location.column), (Some(2), Some(1)));
        assert_eq!(problems[0].help.as_deref(), Some("did you mean `community.html`?"));
        let problems =
            Reads::of(DEFAULT, Some("[reads]\n\"indicator.html\" = [\"rows\", \"row\", \"groups\"]\n"), true)
                .unwrap_err();
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].message, "`indicator.html` cannot read `row`");
        assert_eq!(problems[0].location.column, Some(29));
        assert_eq!(problems[0].help.as_deref(), Some("did you mean `rows`?"));
        assert_eq!(problems[1].help.as_deref(), Some("expected one of `rows` or `comparison_table`"));
        let problems = Reads::of(DEFAULT, Some("[reads\n"), true).unwrap_err();
        assert!(
            problems[0].message.starts_with("themes/default/theme.toml cannot be read: the TOML reader says"),
            "{}",
            problems[0].message
        );
        assert_eq!(problems[0].location.line, Some(1));
        assert!(problems[0].help.as_deref().unwrap().starts_with("write `[reads]`"));
        // The reader's mistakes are said as fieldbook.toml's are, with the nearest key.
        let problems = Reads::of(DEFAULT, Some("[read]\n"), true).unwrap_err();
        assert_eq!(problems[0].code, "theme-manifest");
        assert_eq!(problems[0].message, "themes/default/theme.toml: unknown field `read`, expected `reads`");
        assert_eq!(problems[0].help.as_deref(), Some("did you mean `reads`?"));
        let problems = Reads::of(DEFAULT, Some("[reads]\n\"page.html\" = \"facts\"\n"), true).unwrap_err();
        assert_eq!(
            problems[0].message,
            "themes/default/theme.toml: `reads.\"page.html\"` must be a list, such as `[\"fr\", \"es\"]`"
        );
        assert_eq!(problems[0].help.as_deref(), Some("write `\"page.html\" = [\"facts\"]`"));
    }

    #[test]
    fn every_template_and_value_the_default_theme_names_exists() {
        let text = super::super::DEFAULT_THEME.iter().find(|(name, _)| *name == FILE).map(|(_, bytes)| *bytes);
        let reads =
            Reads::of(std::str::from_utf8(text.expect("the default theme has a manifest")).unwrap(), None, false)
                .expect("the default manifest is valid");
        assert!(reads.reads("community.html", "indicator_tables"));
        assert!(!reads.reads("community.html", "groups"), "the default theme draws its tables");
    }
}
