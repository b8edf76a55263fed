//! The languages a site is rendered in: a [`Voice`] for the site's language and one for each
//! other language a page is written in, each with the templates' globals in that language,
//! and which of those languages have the site's own pages (home, search, listings,
//! comparisons, the criteria and the rest) in a folder of their own.

use std::sync::Arc;

use super::format::Masking;
use super::views::{Env, Link, SiteView};
use super::{MenuItem, RenderInput, routes, theme};
use crate::locale::Locale;
use crate::model::ContentType;
use crate::schema::Schema;

/// A language as rendering speaks it: the locale (the theme's wording, plural rules, numbers,
/// dates), the schema with its labels in that language, and the templates with their
/// globals (`t`, `menu`, `site`) and the `count` function in that language. A build makes one
/// for the site's language and one for each other language a page is written in (its
/// `language` field), and renders each page with the voice of its language.
pub struct Voice {
    /// The language tag.
    pub language: String,
    /// The locale.
    pub locale: Arc<Locale>,
    /// The schema in this language.
    schema: Schema,
    /// The folder of the site's own pages in this language (`fr/`), empty for the site's
    /// language and for a language the site does not list (see [`sections_of`]).
    sections: String,
    pub(super) tera: tera::Tera,
}

impl Voice {
    /// The voice of `language` for the site of `input`.
    pub fn new(input: &RenderInput<'_>, language: &str) -> Voice {
        let (locale, schema) = spoken_in(input, language);
        let sections = sections_of(input.config, language);
        let mut voice = Voice { language: language.to_string(), locale, schema, sections, tera: tera::Tera::default() };
        let voiced = voice.input(input);
        let env = voice.env(&voiced);
        let mut tera = input.theme.tera.clone();
        set_globals(&mut tera, &voiced, &env, language);
        theme::register_count(&mut tera, Arc::clone(&voice.locale));
        voice.tera = tera;
        voice
    }

    /// `input` with this voice's schema.
    pub fn input<'a>(&'a self, input: &RenderInput<'a>) -> RenderInput<'a> {
        RenderInput { schema: &self.schema, ..*input }
    }

    /// What views are made from, in this voice (for `input` from [`Voice::input`]).
    pub fn env<'a>(&'a self, input: &RenderInput<'a>) -> Env<'a> {
        env_in(input, &self.locale, &self.sections)
    }

    /// Whether the site publishes its own pages in this language, in a folder of their own.
    pub fn has_sections(&self) -> bool {
        !self.sections.is_empty()
    }
}

/// The locale of `language` and the schema with its labels in it: what a page in that
/// language is made with. English too: a site in another language gives its English texts in
/// `labels = { en = … }` (and `part_labels`, `respondents`), which only localizing puts in.
pub(super) fn spoken_in(input: &RenderInput<'_>, language: &str) -> (Arc<Locale>, Schema) {
    (Arc::new(input.theme.locale(language)), input.schema.localized_for_pages(language))
}

/// What views are made from, for `input` in `locale` (the language of `input`'s schema), with
/// the site's own pages in folder `sections` (see [`sections_of`]).
pub(super) fn env_in<'a>(input: &RenderInput<'a>, locale: &'a Locale, sections: &'a str) -> Env<'a> {
    Env {
        sections,
        site: input.site,
        schema: input.schema,
        locale,
        masking: Masking {
            threshold: input.config.privacy.small_count_threshold,
            enabled: !input.site.audience.shows_sensitive(),
        },
        today: input.today,
        review_months: input.config.review_interval_months,
        location_rule: crate::disclosure::location::Rule::for_build(
            input.site.audience.shows_sensitive(),
            input.schema.fields.iter().any(|f| f.name == "location" && f.sensitive),
            input.config.privacy.location_precision_km,
        ),
        base_url: input.config.base_url.as_deref(),
        site_language: &input.config.language,
    }
}

/// The templates' globals in `language`: `site` (its title and description in that language,
/// from `[translation]`), `menu` and `t`.
pub(super) fn set_globals(tera: &mut tera::Tera, input: &RenderInput<'_>, env: &Env<'_>, language: &str) {
    let config = input.config;
    let site = input.site;
    let about = site
        .visible_of(ContentType::Page)
        .find(|&i| site.docs[i].slug == "about")
        // In this language when the about page is translated into it.
        .map(|i| site.version_in(i, language))
        .map(|i| Link { label: site.docs[i].title.clone(), path: site.paths[i].clone() });
    let menu: Vec<MenuItem> = [
        ("communities", "communities/index.html"),
        ("indicators", routes::INDICATORS),
        ("criteria", routes::CRITERIA),
        ("research", routes::RESEARCH),
        ("approaches", routes::APPROACHES),
        ("projects", "projects/index.html"),
        ("case_studies", "case-studies/index.html"),
        ("guidance", "guidance/index.html"),
        ("data", routes::DATA),
        ("search", routes::SEARCH),
    ]
    .into_iter()
    .map(|(key, path)| MenuItem { key, label: env.t(key), path: env.section(path) })
    .collect();
    let globals = tera.global_context();
    globals.insert(
        "site",
        &SiteView {
            title: config.title_in(language),
            description: config.description_in(language),
            language: &config.language,
            dir: if crate::config::is_rtl(&config.language) { "rtl" } else { "ltr" },
            internal: site.audience.internal,
            drafts: site.audience.drafts,
            about,
            home: env.section(routes::HOME),
        },
    );
    globals.insert("menu", &menu);
    globals.insert("t", env.locale.texts());
}

/// The folder of the site's own pages in `language` ([`routes::in_language`]): `fr/` for one
/// of the site's other languages, listed in `languages`, once a page is written in it; empty
/// for the site's language, and for a language the site does not list (a page whose own
/// `language` the site does not list links to the site's own pages).
pub(super) fn sections_of(config: &crate::config::Config, language: &str) -> String {
    if language != config.language && config.languages.iter().any(|l| l == language) {
        routes::in_language(language, "")
    } else {
        String::new()
    }
}
