//! Stage 2, validate: check each file's frontmatter against the schema and turn it into a typed
//! [`Doc`].
//!
//! Files are validated independently (and in parallel); every problem is reported with its
//! position, and a file with errors still yields a document (with placeholders where a required
//! value is missing), so that its body and references are checked by the link stage too. The
//! build refuses to publish while any error remains, so placeholders never reach a page.

pub mod assets;
mod characters;
mod comments;
mod community;
mod dates;
mod documents;
mod indicators;
mod location;
mod misnamed;
mod privacy;
mod quoted_figures;
mod read;
pub(crate) use read::parse_number;
pub mod survey_files;
mod svg;
mod types;

use crate::config::Config;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Diagnostics, suggestion_said};
use crate::load::{Entry, Node, NodeKind, RawDoc};
use crate::messages::Message;
use crate::model::{ContentType, Details, Doc, ExtraValue, Status};
use crate::schema::{FieldKind, Schema};
use crate::source::Span;
use read::Reader;

/// What validation needs besides the files.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The schema in force.
    pub schema: &'a Schema,
    /// The site's settings.
    pub config: &'a Config,
    /// The day to measure review dates against.
    pub today: Date,
    /// The languages the site's theme has interface wording for (see
    /// `render::theme::Theme::wording_languages`).
    pub wording: &'a [String],
}

/// The documents that validated well enough to go on.
#[derive(Debug, Default)]
pub struct Validated {
    /// Documents, in path order.
    pub docs: Vec<Doc>,
    /// The outline of each document (`outlines[i]` of `docs[i]`) read when it was loaded,
    /// before its body was forgotten ([`crate::Bodies::Forget`]); `None` where the body is
    /// still in memory, for linking to read. Empty, or as long as `docs`.
    pub outlines: Vec<Option<crate::markdown::Outline>>,
    /// Content type and id of files that exist but could not be read as documents (broken
    /// frontmatter): references to them are not reported again as unknown.
    pub unusable: Vec<(ContentType, String)>,
}

/// Validate one loaded file: its document, or (when its frontmatter could not be read) its
/// type and id, so that references to it are not reported again as unknown.
pub fn validate_file(raw: RawDoc, context: Context<'_>) -> Outcome {
    validate_doc(raw, context)
}

/// The frontmatter's top-level entries, by name.
pub(crate) struct Fields<'n> {
    entries: &'n [Entry],
}

impl<'n> Fields<'n> {
    /// The value of `name`, unless absent or written as nothing.
    pub(crate) fn get(&self, name: &str) -> Option<&'n Node> {
        self.entries.iter().find(|e| e.key == name).map(|e| &e.value).filter(|v| !v.is_null())
    }

    /// The entry of `name` (key and value), even if its value is nothing.
    pub(crate) fn entry(&self, name: &str) -> Option<&'n Entry> {
        self.entries.iter().find(|e| e.key == name)
    }
}

/// A file's document (or its type and id when it has no usable frontmatter), and its problems.
pub type Outcome = (Result<Doc, (ContentType, String)>, Diagnostics);

fn validate_doc(raw: RawDoc, context: Context<'_>) -> Outcome {
    let Some(root) = raw.frontmatter.as_ref() else {
        return (Err((raw.content_type, raw.slug)), Diagnostics::new());
    };
    let mut reader = Reader::new(&raw.source, context.today);
    let content_type = raw.content_type;
    let schema = context.schema;
    let frontmatter_span = Span::new(0, 3);

    let entries: &[Entry] = match &root.kind {
        NodeKind::Map(entries) => entries,
        _ => {
            reader.error_said(
                "wrong-kind",
                root.span,
                Message::new("validate.frontmatter-not-map"),
                Some(
                    Message::new("validate.frontmatter-not-map-help")
                        .with("example", "title: Tanger Nord\nstatus: draft"),
                ),
            );
            &[]
        }
    };
    let fields = Fields { entries };

    // Unknown fields, with the most useful hint we can give.
    for entry in entries {
        // A field the schema refused has its error there, with the reason.
        if schema.field(content_type, &entry.key).is_some() || schema.refused_fields.contains(&entry.key) {
            continue;
        }
        let names: Vec<&str> = schema.fields_of(content_type).map(|(_, f)| f.name.as_str()).collect();
        let key = entry.key.as_str();
        let help = if content_type == ContentType::Community && schema.indicators.get(key).is_some() {
            Some(Message::new("validate.field-is-indicator").with("field", key))
        } else if content_type == ContentType::Community && schema.criteria.get(key).is_some() {
            Some(Message::new("validate.field-is-criterion").with("field", key))
        } else if let Some(status) = status_as_field(key) {
            // `confidential: true`: the page's status written as a field of its own.
            Some(Message::new("validate.field-is-status").with("field", key).with("status", status))
        } else if let Some(other) =
            ContentType::ALL.into_iter().find(|t| *t != content_type && schema.field(*t, key).is_some())
        {
            let folder = other.folder().map(|f| format!("content/{f}/")).unwrap_or_else(|| "content/".into());
            Some(Message::new("validate.field-of-other-kind").with("field", key).with("folder", folder))
        } else {
            suggestion_said(key, names.iter().copied())
                .or_else(|| Some(Message::new("validate.fields-listed").with("fields", names.join(", "))))
        };
        reader.push(
            Diagnostic::error_said(
                "unknown-field",
                reader.at(entry.key_span),
                Message::new("validate.unknown-field")
                    .with("field", key)
                    .phrase("kind", content_type.description_said()),
            )
            .with_optional_help_said(help),
        );
    }

    // Required fields. A translation needs only its title: the rest comes from its original.
    let translation = raw.translation.as_deref();
    for (_, field) in schema.fields_of(content_type) {
        if translation.is_some() && field.name != "title" {
            continue;
        }
        if field.required_for.contains(&content_type) && fields.get(&field.name).is_none() {
            let span = fields.entry(&field.name).map(|e| e.key_span).unwrap_or(frontmatter_span);
            reader.error_said(
                "missing-field",
                span,
                Message::new("validate.missing-field")
                    .with("field", field.name.as_str())
                    .phrase("kind", content_type.every_said()),
                // A site's own field may come without a description: then the help says
                // where to add it and stops there.
                Some(if field.term.description.trim().is_empty() {
                    Message::new("validate.missing-field-help-bare").with("field", field.name.as_str())
                } else {
                    Message::new("validate.missing-field-help").with("field", field.name.as_str()).description(
                        "description",
                        &field.name,
                        &field.term.description,
                    )
                }),
            );
        }
    }

    let title = fields.get("title").and_then(|n| {
        let title = reader.text(n, "title");
        if title.is_none() && n.as_scalar().is_some_and(|s| s.text.trim().is_empty()) {
            reader.error_said(
                "missing-field",
                n.span,
                Message::new("validate.empty-title"),
                Some(Message::new("validate.empty-title-help")),
            );
        }
        title
    });
    let title = title.map_or_else(|| raw.slug.clone(), crate::text::into_one_line);
    let status = match fields.get("status") {
        None if translation.is_some() => Status::Published,
        None => {
            reader.warning_said(
                "no-status",
                fields.entry("status").map(|e| e.key_span).unwrap_or(frontmatter_span),
                Message::new("page.no-status"),
                Some(Message::new("page.no-status-help")),
            );
            Status::Draft
        }
        Some(node) => match reader.text(node, "status") {
            Some(id) => Status::from_id(&id).unwrap_or_else(|| {
                let message = Message::new("page.unknown-status").with("status", id.as_str());
                reader.error_said("unknown-status", node.span, message, suggestion_said(&id, Status::IDS));
                Status::Draft
            }),
            None => Status::Draft,
        },
    };
    let summary = fields.get("summary").and_then(|n| reader.text(n, "summary"));
    let tags = fields.get("tags").map(|n| reader.strings(n, "tags")).unwrap_or_default();
    let language = fields.get("language").and_then(|n| reader.text(n, "language"));
    if let (Some(lang), Some(node)) = (&language, fields.get("language"))
        && !crate::locale::is_language_tag(lang)
    {
        // `language: français` or `fr_FR`: the code meant, when it can be told.
        let help = match crate::locale::tag_meant(lang) {
            Some(code) => Message::new("hint.did-you-mean").with("near", code),
            None => Message::new("page.odd-language-help"),
        };
        reader.warning_said(
            "odd-language",
            node.span,
            Message::new("page.odd-language").with("language", lang.as_str()),
            Some(help),
        );
    } else if let (Some(lang), Some(node)) = (&language, fields.get("language"))
        && !crate::locale::has_wording(context.wording, lang)
    {
        reader.warning_said(
            "no-wording",
            node.span,
            no_wording_message(lang, Message::new("site.this-page")),
            Some(no_wording_help(lang, context.wording)),
        );
    }
    if let Some(suffix) = translation {
        check_translation_language(&mut reader, &raw.file_name, suffix, language.as_deref(), &fields, context);
    }
    let language = translation.map(str::to_string).or(language);
    let illustrative = fields.get("illustrative").and_then(|n| reader.yes_no(n, "illustrative")).unwrap_or(false);
    let updated = fields.get("updated").and_then(|n| reader.date_when(n, "updated", dates::When::Recorded));
    let internal_notes = fields.get("internal_notes").and_then(|n| reader.text(n, "internal_notes"));

    // Fields the site added.
    let mut extra = Vec::new();
    let mut extra_at = Vec::new();
    for (index, field) in schema.fields_of(content_type) {
        if field.builtin {
            continue;
        }
        let Some(node) = fields.get(&field.name) else {
            continue;
        };
        let name = field.name.as_str();
        extra_at.push((index, node.span));
        let value = match field.kind {
            FieldKind::Text => reader.text(node, name).map(ExtraValue::Text),
            FieldKind::Date => reader.date(node, name).map(ExtraValue::Date),
            FieldKind::Integer => reader.integer(node, name).map(ExtraValue::Integer),
            FieldKind::Number => reader.number(node, name).map(ExtraValue::Number),
            FieldKind::YesNo => reader.yes_no(node, name).map(ExtraValue::YesNo),
            FieldKind::Url => {
                reader.text(node, name).map(|id| ExtraValue::Url(crate::model::Reference { id, span: node.span }))
            }
            _ => Some(ExtraValue::List(reader.strings(node, name))),
        };
        extra.extend(value.map(|v| (index, v)));
    }

    privacy::scan(&mut reader, schema, content_type, status, entries, raw.body_start);
    characters::scan(&mut reader, entries, raw.body_start);
    let frontmatter_figures = quoted_figures::scan(&mut reader, entries, raw.body_start);
    if raw.format == crate::load::Format::Yaml {
        // TOML has no unquoted text: a `#` after a value there is always a comment.
        comments::scan(&mut reader, entries, raw.body_start);
    }

    let details = match content_type {
        ContentType::Community => {
            Details::Community(community::read(&mut reader, &fields, context, translation.is_some()))
        }
        ContentType::CaseStudy => Details::CaseStudy(types::case_study(&mut reader, &fields, schema)),
        ContentType::Project => Details::Project(types::project(&mut reader, &fields, schema, status)),
        ContentType::Guidance => Details::Guidance(types::guidance(
            &mut reader,
            &fields,
            schema,
            translation.is_none().then_some(frontmatter_span),
        )),
        ContentType::Page => Details::Page,
    };
    let diagnostics = reader.diagnostics;
    let doc = Doc {
        content_type,
        slug: raw.slug,
        content_path: raw.content_path,
        source: raw.source,
        body_start: raw.body_start,
        title,
        status,
        summary,
        tags,
        language,
        translation: raw.translation.map(|language| crate::model::Translation {
            language,
            status_given: fields.get("status").is_some(),
            tags_given: fields.get("tags").is_some(),
            updated_at: fields.entry("updated").map(|e| e.key_span),
            facts_at: if content_type == ContentType::Community {
                crate::model::TRANSLATED_FACTS.iter().filter_map(|&name| Some((name, fields.get(name)?.span))).collect()
            } else {
                Vec::new()
            },
            fields_at: extra_at,
            as_read: None,
        }),
        illustrative,
        updated,
        internal_notes,
        extra,
        details,
        frontmatter_figures,
        prose_as_written: Vec::new(),
    };
    (Ok(doc), diagnostics)
}

/// A translation's language: its file name's suffix must be a language of the site, and its
/// `language`, when it gives one, must agree with the suffix.
fn check_translation_language(
    reader: &mut Reader<'_>,
    file_name: &str,
    suffix: &str,
    language: Option<&str>,
    fields: &Fields<'_>,
    context: Context<'_>,
) {
    if let (Some(language), Some(node)) = (language, fields.get("language"))
        && language != suffix
    {
        let message = Message::new("translation.language-mismatch")
            .with("language", language)
            .with("name", file_name)
            .with("suffix", suffix);
        let help = Message::new("translation.language-mismatch-help").with("language", language);
        reader.error_said("translation-language-mismatch", node.span, message, Some(help));
    }
    if !context.config.has_language(suffix) {
        let languages = context.config.languages();
        let listed: Vec<&str> = languages.iter().map(String::as_str).collect();
        let message = Message::new("translation.language-unknown")
            .with("name", file_name)
            .with("suffix", suffix)
            .list("languages", &listed);
        // A suffix that is no language code (`.fr_FR`) cannot be added to `languages`: the
        // file is renamed with the code meant.
        let meant = (!crate::locale::is_language_tag(suffix)).then(|| crate::locale::tag_meant(suffix)).flatten();
        let help = match meant {
            Some(code) => Message::new("translation.rename-to-code")
                .with("suffix", suffix)
                .with("name", file_name.replacen(&format!(".{suffix}."), &format!(".{code}."), 1)),
            None => Message::new("translation.language-unknown-help").with("suffix", suffix).with("first", listed[0]),
        };
        reader.error_said("translation-language-unknown", Span::new(0, 3), message, Some(help));
    }
}

/// What `no-wording` says of `what` (this page, the site) written in `lang`.
pub fn no_wording_message(lang: &str, what: Message) -> Message {
    Message::new("site.no-wording").with("language", lang).phrase("what", what)
}

/// How to give `lang` wording, and which languages have it.
pub fn no_wording_help(lang: &str, wording: &[String]) -> Message {
    Message::new("site.no-wording-help")
        .with("language", crate::locale::primary(lang))
        .with("languages", wording.join(", "))
}

/// The status a field of its own name means (`confidential: true`, `draft: yes`, `private:
/// true`), in English or in one of Fieldbook's other languages, in any case.
fn status_as_field(key: &str) -> Option<&'static str> {
    match crate::text::fold(key).as_str() {
        "confidential" | "confidentiel" | "confidencial" | "private" | "prive" | "privado" | "internal" | "interne"
        | "interno" | "secret" | "sensitive" | "سري" => Some("confidential"),
        "draft" | "brouillon" | "borrador" | "unpublished" | "مسودة" => Some("draft"),
        "published" | "publie" | "publicado" | "public" | "publico" | "منشور" => Some("published"),
        _ => None,
    }
}
