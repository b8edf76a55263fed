//! Markdown bodies to HTML: the one renderer every page uses.
//!
//! One pass of pulldown-cmark events, rewritten on the way: links become URLs relative to the
//! page (or plain text when their target is not in this build), headings take the ids the link
//! stage gave them, heading attributes written by authors are dropped (they would otherwise go
//! out as raw HTML attributes), footnote ids get a prefix so they cannot collide with the
//! page's own ids, and tables get a scrolling wrapper. Raw HTML is sanitized unless the site
//! declares its authors trusted.

use std::borrow::Cow;
use std::sync::OnceLock;

use pulldown_cmark::{CowStr, Event, LinkType, Parser, Tag, TagEnd, html};

use crate::error::Result;
use crate::link::{Resolution, routes};
use crate::markdown::options;
use crate::render::views::Env;
use crate::text::{escape_html, slugify};

/// Render document `doc`'s body for the page at `page_path`, the figures it quotes filled in
/// as `env` shows them. An error when the body had to be read again and its file changed since
/// it was checked (see [`crate::model::Doc::read_body`]).
pub fn body_html(env: &Env, doc: usize, page_path: &str, trusted_html: bool) -> Result<String> {
    let body = published_body(env, doc)?;
    let outline = &env.site.outlines[doc];
    let events = published_events(env, doc, &body, page_path);

    let mut out = String::with_capacity(body.len() + body.len() / 2);
    // Wrap tables so that wide ones scroll on a phone instead of widening the page.
    let mut with_wrappers = Vec::new();
    for event in events {
        match &event {
            Event::Start(Tag::Table(_)) => {
                with_wrappers.push(Event::Html("<div class=\"table-wrap\">".into()));
                with_wrappers.push(event);
            }
            Event::End(TagEnd::Table) => {
                with_wrappers.push(event);
                with_wrappers.push(Event::Html("</div>\n".into()));
            }
            _ => with_wrappers.push(event),
        }
    }
    name_task_boxes(&mut with_wrappers);
    html::push_html(&mut out, with_wrappers.into_iter());
    Ok(if outline.has_html && !trusted_html { sanitize(&out) } else { out })
}

/// The events of document `doc`'s body as its page at `page_path` publishes them: headings
/// with their ids, links and images pointing where they lead (or dropped, their words kept as
/// text, when their target is not in this build), footnotes numbered, raw HTML's addresses
/// rewritten. Both the page ([`body_html`]) and the search index ([`body_text`]) read these.
fn published_events<'a>(
    env: &'a Env<'a>,
    doc: usize,
    body: &'a str,
    page_path: &'a str,
) -> impl Iterator<Item = Event<'a>> + 'a {
    let mut headings = env.site.outlines[doc].headings.iter();
    // For each open link: whether its closing tag must be written (false when dropped).
    let mut open_links: Vec<bool> = Vec::new();
    let mut open_images: Vec<bool> = Vec::new();
    let mut footnote_numbers: Vec<String> = Vec::new();
    // Autolinks dropped and still open, whose text must go with them.
    let mut dropped_autolinks = 0usize;

    Parser::new_ext(body, options()).map(move |event| match event {
        Event::Start(Tag::Heading { level, .. }) => {
            let id = headings.next().map(|h| CowStr::Borrowed(h.id.as_str()));
            Event::Start(Tag::Heading { level, id, classes: Vec::new(), attrs: Vec::new() })
        }
        Event::Start(Tag::Link { link_type, dest_url, title, .. }) => match url_for(env, doc, page_path, &dest_url) {
            Some(url) => {
                open_links.push(true);
                let title =
                    if title.is_empty() { String::new() } else { format!(" title=\"{}\"", escape_html(&title)) };
                let rel = if url.starts_with("http:") || url.starts_with("https:") { " rel=\"noopener\"" } else { "" };
                Event::InlineHtml(format!("<a href=\"{}\"{title}{rel}>", escape_html(&url)).into())
            }
            None => {
                open_links.push(false);
                if matches!(link_type, LinkType::Autolink | LinkType::Email) {
                    dropped_autolinks += 1;
                }
                Event::Text("".into())
            }
        },
        Event::End(TagEnd::Link) => {
            let kept = open_links.pop().unwrap_or(false);
            if !kept && dropped_autolinks > 0 {
                dropped_autolinks -= 1;
            }
            if kept { Event::InlineHtml("</a>".into()) } else { Event::Text("".into()) }
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            match url_for(env, doc, page_path, &dest_url) {
                Some(url) => {
                    open_images.push(true);
                    Event::Start(Tag::Image { link_type, dest_url: url.into(), title, id })
                }
                // The alt text stands in for an image that is not in this build.
                None => {
                    open_images.push(false);
                    Event::Text("".into())
                }
            }
        }
        Event::End(TagEnd::Image) => {
            if open_images.pop().unwrap_or(false) {
                Event::End(TagEnd::Image)
            } else {
                Event::Text("".into())
            }
        }
        Event::FootnoteReference(label) => {
            let id = footnote_id(&label);
            let n = match footnote_numbers.iter().position(|l| *l == id) {
                Some(i) => i + 1,
                None => {
                    footnote_numbers.push(id.clone());
                    footnote_numbers.len()
                }
            };
            Event::InlineHtml(
                format!("<sup class=\"footnote-ref\"><a href=\"#fn-{id}\" id=\"fnref-{id}\">{n}</a></sup>").into(),
            )
        }
        Event::Start(Tag::FootnoteDefinition(label)) => {
            let id = footnote_id(&label);
            Event::Html(format!("<div class=\"footnote\" id=\"fn-{id}\">").into())
        }
        Event::End(TagEnd::FootnoteDefinition) => Event::Html("</div>\n".into()),
        // Addresses in raw HTML point where markdown links point, or go when their target is
        // not in this build.
        Event::Html(html) if html.contains('=') => Event::Html(rewrite_raw(env, doc, page_path, &html).into()),
        Event::InlineHtml(html) if html.contains('=') => {
            Event::InlineHtml(rewrite_raw(env, doc, page_path, &html).into())
        }
        // The words of an autolink are its address: an id of a page not in this build.
        Event::Text(_) if dropped_autolinks > 0 => Event::Text("".into()),
        other => other,
    })
}

/// Document `doc`'s body as its page publishes it, before it is read as markdown: the figures
/// it quotes filled in (a body that quotes none, nearly every one, is not copied).
fn published_body<'e>(env: &Env<'e>, doc: usize) -> Result<Cow<'e, str>> {
    let body = env.site.docs[doc].read_body()?;
    let figures = &env.site.outlines[doc].figures;
    if figures.is_empty() {
        return Ok(body);
    }
    let filled = crate::render::figures::fill(&body, figures, |f| env.figure_text(doc, f), true);
    Ok(Cow::Owned(filled.into_owned()))
}

/// Document `doc`'s body as plain text, as its page publishes it (the words of a dropped
/// autolink are not, the figures it quotes are as `env` shows them): what the search index
/// reads, in its own pass over the site.
pub fn body_text(env: &Env, doc: usize) -> Result<String> {
    let body = published_body(env, doc)?;
    Ok(plain_text(published_events(env, doc, &body, &env.site.paths[doc]), body.len()))
}

/// The text of `events` as a reader sees it: the words of a paragraph as they run on the page,
/// a space where a block ends or a line breaks. pulldown-cmark cuts a paragraph's text into
/// several events where a character might start markup (`<`, `&`, `*`, a backslash escape),
/// and those pieces run on without a space: a masked count `<5` stays `<5`, not `< 5`.
fn plain_text<'a>(events: impl Iterator<Item = Event<'a>>, capacity: usize) -> String {
    let mut text = String::with_capacity(capacity);
    let space = |text: &mut String| {
        if !text.is_empty() && !text.ends_with(' ') {
            text.push(' ');
        }
    };
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            // Inline markup, links (written as inline HTML) and inline HTML join what is
            // around them as the page does.
            Event::Start(
                Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Superscript | Tag::Subscript | Tag::Link { .. },
            )
            | Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link,
            )
            | Event::InlineHtml(_)
            | Event::FootnoteReference(_) => {}
            // Blocks, breaks, rules, images: words on either side are apart.
            _ => space(&mut text),
        }
    }
    if text.ends_with(' ') {
        text.pop();
    }
    text
}

/// Give each task-list checkbox an accessible name: the text of its item (up to a nested
/// list), as `aria-label`, since a box on its own says nothing to a screen reader.
fn name_task_boxes(events: &mut [Event<'_>]) {
    for i in 0..events.len() {
        let Event::TaskListMarker(checked) = events[i] else { continue };
        let mut label = String::new();
        for event in &events[i + 1..] {
            match event {
                Event::End(TagEnd::Item) | Event::Start(Tag::List(_)) => break,
                Event::Text(t) | Event::Code(t) => label.push_str(t),
                Event::SoftBreak | Event::HardBreak => label.push(' '),
                _ => {}
            }
        }
        let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
        let label = if label.is_empty() { "task" } else { label.as_str() };
        let checked = if checked { " checked=\"\"" } else { "" };
        events[i] = Event::InlineHtml(
            format!("<input disabled=\"\" type=\"checkbox\"{checked} aria-label=\"{}\"/>\n", escape_html(label)).into(),
        );
    }
}

/// The URL of a destination from `page_path`, or `None` when the link must be dropped. A link
/// to one of the site's own pages (`indicator:access-to-services`, `country:senegal`) leads to
/// that page in the language of `env`, the page's.
fn url_for(env: &Env, doc: usize, page_path: &str, dest: &str) -> Option<String> {
    match env.site.resolve(doc, dest, env.schema) {
        Ok(Resolution::External(url)) => Some(url),
        Ok(Resolution::SamePage(fragment)) => Some(format!("#{fragment}")),
        Ok(Resolution::Internal { path, fragment, .. }) => {
            let path = if routes::is_own_page(&path) { env.section(path) } else { path };
            let mut url = routes::relative(page_path, &path);
            if let Some(f) = fragment {
                url.push('#');
                url.push_str(&f);
            }
            Some(url)
        }
        // Hidden targets and (in a build that went ahead despite them) broken links.
        Ok(Resolution::Hidden { .. } | Resolution::Unusable) | Err(_) => None,
    }
}

/// A fragment of raw HTML with its addresses pointed like markdown links.
fn rewrite_raw(env: &Env, doc: usize, page_path: &str, html: &str) -> String {
    crate::raw_html::rewrite(html, |raw| {
        url_for(env, doc, page_path, &raw.url).map(|url| crate::raw_html::escape_address(&url))
    })
}

fn footnote_id(label: &str) -> String {
    let slug = slugify(label);
    if slug.is_empty() { "note".into() } else { slug }
}

/// Clean raw HTML: keep formatting, drop scripts, styles, event handlers, frames, forms and
/// dangerous URLs.
pub fn sanitize(html: &str) -> String {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER
        .get_or_init(|| {
            let mut builder = ammonia::Builder::default();
            builder
                .add_tags(["input"])
                .add_tag_attributes("h1", ["id"])
                .add_tag_attributes("h2", ["id"])
                .add_tag_attributes("h3", ["id"])
                .add_tag_attributes("h4", ["id"])
                .add_tag_attributes("h5", ["id"])
                .add_tag_attributes("h6", ["id"])
                .add_tag_attributes("div", ["id", "class"])
                .add_tag_attributes("sup", ["class"])
                .add_tag_attributes("a", ["id"])
                .add_tag_attributes("code", ["class"])
                // Task-list boxes are the only inputs markdown makes: every input that survives is
                // a disabled checkbox, whatever the raw HTML asked for.
                .add_tag_attributes("input", ["checked", "aria-label"])
                .set_tag_attribute_value("input", "type", "checkbox")
                .set_tag_attribute_value("input", "disabled", "")
                .url_schemes(["http", "https", "mailto", "tel"].into())
                .link_rel(Some("noopener"));
            builder
        })
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitizer_removes_what_can_run_or_load() {
        let dirty = r#"<p onclick="x()">Hi<script>alert(1)</script><img src="x.png" onerror="y()"><a href="javascript:z()">a</a><iframe src="https://e.org"></iframe><span style="background:url(https://t.example/p.png)">s</span><form><input type="text"></form></p>"#;
        let clean = sanitize(dirty);
        for bad in
            ["onclick", "<script", "onerror", "javascript:", "<iframe", "style=", "<form", "type=\"text\"", "alert"]
        {
            assert!(!clean.contains(bad), "{bad} survived: {clean}");
        }
        assert!(clean.contains("Hi"));
    }

    #[test]
    fn task_lists_and_heading_ids_survive_sanitizing() {
        let html = "<h2 id=\"context\">Context</h2><ul><li><input disabled=\"\" type=\"checkbox\" checked=\"\" aria-label=\"done &amp; dusted\"> done</li></ul>";
        let clean = sanitize(html);
        assert!(clean.contains("id=\"context\""), "{clean}");
        assert!(clean.contains("type=\"checkbox\""), "{clean}");
        assert!(clean.contains("aria-label=\"done &amp; dusted\""), "{clean}");
    }

    fn text_of(markdown: &str) -> String {
        plain_text(Parser::new_ext(markdown, options()), markdown.len())
    }

    #[test]
    fn the_plain_text_reads_as_the_page_does() {
        // A masked count, an entity and an escape are cut into pieces by the parser; the page
        // shows each run of them as one word.
        assert_eq!(text_of("Women who came back: <5, men: ≥5."), "Women who came back: <5, men: ≥5.");
        assert_eq!(text_of("Fish &amp; chips, 3\\*4, **bold**ly, `code`s"), "Fish & chips, 3*4, boldly, codes");
        // Blocks, cells and line breaks keep words apart.
        assert_eq!(
            text_of("# Title\n\nOne\ntwo\n\n| a | b |\n| - | - |\n| c | d |\n\n- x\n- y"),
            "Title One two a b c d x y"
        );
    }

    fn rendered(markdown: &str) -> String {
        let mut events: Vec<Event> = Parser::new_ext(markdown, options()).collect();
        name_task_boxes(&mut events);
        let mut out = String::new();
        html::push_html(&mut out, events.into_iter());
        out
    }

    #[test]
    fn task_boxes_are_named_after_their_item() {
        let html = rendered(
            "- [ ] Schools *visited* and `heads` interviewed\n  on site.\n- [x] Route <b>safe</b> & lit\n  - [ ] Nested\n",
        );
        assert!(
            html.contains(
                "<input disabled=\"\" type=\"checkbox\" aria-label=\"Schools visited and heads interviewed on site.\"/>"
            ),
            "{html}"
        );
        // The item's own words, not those of a list inside it; raw HTML tags are not words.
        assert!(html.contains("checked=\"\" aria-label=\"Route safe &amp; lit\"/>"), "{html}");
        assert!(html.contains("aria-label=\"Nested\""), "{html}");
        // Loose lists put the box inside a paragraph; the name is the same.
        let loose = rendered("- [ ] One\n\n- [ ] Two\n");
        assert!(loose.contains("aria-label=\"One\"") && loose.contains("aria-label=\"Two\""), "{loose}");
        // Through the sanitizer too, as pages with raw HTML go.
        assert!(sanitize(&html).contains("aria-label=\"Route safe &amp; lit\""), "{}", sanitize(&html));
    }
}
