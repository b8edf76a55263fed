//! How markdown bodies are read: the parser options, heading ids and the links a body holds.
//!
//! Shared by the link stage (which checks links and `#fragments`) and the renderer (which writes
//! the HTML), so that both see the same headings with the same ids.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use crate::source::Span;
use crate::text::slugify;

/// The markdown extensions every body is read with.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_STRIKETHROUGH
}

/// Element ids the page templates use; body headings never take them.
pub const RESERVED_IDS: [&str; 16] = [
    "top",
    "main",
    "menu",
    "search",
    "facts",
    "indicators",
    "criteria",
    "research",
    "narrative",
    "contents",
    "references",
    "backlinks",
    "screening",
    "coverage",
    "data",
    "footer",
];

/// A heading of a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The heading's text, without markup.
    pub text: String,
    /// Its id on the page, unique on the page.
    pub id: String,
}

/// A link or image in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyLink {
    /// The destination as written.
    pub dest: String,
    /// Where the destination is written, in bytes from the start of the body.
    pub span: Span,
    /// True for an image.
    pub image: bool,
}

/// The headings and links of a body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    /// Headings, in order.
    pub headings: Vec<Heading>,
    /// Links and images, in order.
    pub links: Vec<BodyLink>,
    /// True if the body has raw HTML.
    pub has_html: bool,
    /// How deeply raw HTML elements nest (0 without raw HTML).
    pub html_depth: usize,
    /// Where the deepest raw HTML is, in bytes from the start of the body.
    pub html_depth_at: Span,
    /// The figures its prose quotes (`{{ income-and-employment }}`), in order.
    pub figures: Vec<crate::figure_refs::FigureRef>,
}

/// Elements that never have content, so never nest.
const VOID_ELEMENTS: [&str; 14] =
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

/// Follows the nesting of raw HTML tags across a body's HTML fragments.
#[derive(Default)]
struct HtmlDepth {
    depth: usize,
    max: usize,
}

impl HtmlDepth {
    /// Scan one fragment; true if it reached a new maximum.
    fn scan(&mut self, html: &str) -> bool {
        let before = self.max;
        let bytes = html.as_bytes();
        let mut i = 0;
        while let Some(k) = bytes[i..].iter().position(|&b| b == b'<') {
            i += k + 1;
            let closing = bytes.get(i) == Some(&b'/');
            let start = i + usize::from(closing);
            let end = bytes[start..].iter().position(|b| !b.is_ascii_alphanumeric()).map_or(bytes.len(), |e| start + e);
            if end == start {
                continue;
            }
            let name = html[start..end].to_ascii_lowercase();
            let tag_end = bytes[end..].iter().position(|&b| b == b'>').map_or(bytes.len(), |e| end + e);
            let self_closing = tag_end > 0 && bytes.get(tag_end - 1) == Some(&b'/');
            if closing {
                self.depth = self.depth.saturating_sub(1);
            } else if !self_closing && !VOID_ELEMENTS.contains(&name.as_str()) {
                self.depth += 1;
                self.max = self.max.max(self.depth);
            }
            i = tag_end.min(bytes.len());
        }
        self.max > before
    }
}

impl Outline {
    /// Add to `hasher` what other pages can show of this outline: its headings (a page's
    /// contents, `#heading` links) and its links (backlinks, references), not where in the
    /// body they are. Positions only locate messages, and counting them would make any
    /// sentence written above a link look like a change to every page (see the build cache,
    /// `render/cache.rs`). Every field is named, so that a new one must be decided on here.
    pub fn digest_into(&self, hasher: &mut crate::digest::Hasher) {
        // The figures a body quotes are shown on its own page only.
        let Outline { headings, links, has_html, html_depth, html_depth_at: _, figures: _ } = self;
        hasher.u64(headings.len() as u64);
        for Heading { level, text, id } in headings {
            hasher.u64(u64::from(*level)).str(text).str(id);
        }
        hasher.u64(links.len() as u64);
        for BodyLink { dest, span: _, image } in links {
            hasher.str(dest).u64(u64::from(*image));
        }
        hasher.u64(u64::from(*has_html)).u64(*html_depth as u64);
    }
}

/// Read the headings and links of `body`.
pub fn outline(body: &str) -> Outline {
    let mut outline = Outline::default();
    let mut ids = HeadingIds::new();
    let mut html_depth = HtmlDepth::default();
    let mut heading: Option<(u8, Option<String>, String)> = None;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((level_number(level), id.map(|i| i.to_string()), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, custom, text)) = heading.take() {
                    let id = ids.assign(custom.as_deref(), &text);
                    outline.headings.push(Heading { level, text: text.trim().to_string(), id });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, text)) = heading.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::Start(Tag::Link { link_type, dest_url, .. }) => {
                let dest = match link_type {
                    LinkType::Email => format!("mailto:{dest_url}"),
                    _ => dest_url.to_string(),
                };
                let span = locate(body, range.clone(), &dest_url);
                outline.links.push(BodyLink { dest, span, image: false });
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                let span = locate(body, range.clone(), &dest_url);
                outline.links.push(BodyLink { dest: dest_url.to_string(), span, image: true });
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                outline.has_html = true;
                // Addresses in raw HTML are links too, checked as markdown links are.
                let written_here = body.get(range.clone()) == Some(&*html);
                for url in crate::raw_html::urls(&html) {
                    let span = if written_here {
                        Span::new(range.start + url.value.start, range.start + url.value.end)
                    } else {
                        locate(body, range.clone(), &html[url.value.clone()])
                    };
                    outline.links.push(BodyLink { dest: url.url, span, image: url.loads });
                }
                if html_depth.scan(&html) {
                    outline.html_depth = html_depth.max;
                    outline.html_depth_at = Span::new(range.start, range.end.min(range.start + 1));
                }
            }
            _ => {}
        }
    }
    outline.figures = crate::figure_refs::in_body(body);
    outline
}

/// The span of `dest` inside the event's range, or the range's start when it is written
/// elsewhere (a reference-style link).
fn locate(body: &str, range: std::ops::Range<usize>, dest: &str) -> Span {
    let slice = body.get(range.clone()).unwrap_or("");
    match (dest.is_empty(), slice.rfind(dest)) {
        (false, Some(i)) => Span::new(range.start + i, range.start + i + dest.len()),
        _ => Span::new(range.start, range.start + 1),
    }
}

/// 1 to 6.
pub fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Hands out unique heading ids on one page, in document order.
///
/// Each base id remembers the next suffix to try, so a page of 20,000 headings with the same
/// text takes 20,000 steps, not 200 million.
pub struct HeadingIds {
    used: HashSet<String>,
    next: HashMap<String, usize>,
    /// How many candidate ids were tried, for the test that the work stays linear.
    probes: usize,
}

impl Default for HeadingIds {
    fn default() -> Self {
        Self::new()
    }
}

impl HeadingIds {
    /// Ids for a new page; the template's own ids are taken already.
    pub fn new() -> Self {
        HeadingIds { used: RESERVED_IDS.iter().map(|s| s.to_string()).collect(), next: HashMap::new(), probes: 0 }
    }

    /// The id of a heading: its own `{#id}` if it gave one, else a slug of its text; with `-2`,
    /// `-3`... when taken.
    pub fn assign(&mut self, custom: Option<&str>, text: &str) -> String {
        let base = custom.map(slugify).filter(|s| !s.is_empty()).unwrap_or_else(|| slugify(text));
        let base = if base.is_empty() { "section".to_string() } else { base };
        self.probes += 1;
        if self.used.insert(base.clone()) {
            return base;
        }
        // A candidate `base-n` names only this base and this n, so each taken id is stepped
        // over once at most, whatever the order of the headings.
        let mut n = self.next.get(&base).copied().unwrap_or(2);
        let id = loop {
            self.probes += 1;
            let id = format!("{base}-{n}");
            n += 1;
            if !self.used.contains(&id) {
                break id;
            }
        };
        self.next.insert(base, n);
        self.used.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_unique_ids_that_avoid_the_template() {
        let o = outline("# Housing\n\n## Housing\n\n## Criteria\n\n### Custom {#my-id}\n");
        let ids: Vec<&str> = o.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["housing", "housing-2", "criteria-2", "my-id"]);
        assert_eq!(o.headings[3].text, "Custom");
    }

    #[test]
    fn many_equal_headings_take_linear_work() {
        let mut ids = HeadingIds::new();
        let mut seen = HashSet::new();
        for _ in 0..20_000 {
            assert!(seen.insert(ids.assign(None, "Same")));
        }
        assert!(ids.probes < 2 * 20_000 + 10, "{} candidate ids tried", ids.probes);
        // Explicit ids that take the next suffixes are stepped over, and so are the template's.
        let mut ids = HeadingIds::new();
        let got: Vec<String> = [
            (Some("same-2"), ""),
            (None, "Same"),
            (None, "Same"),
            (Some("same-4"), ""),
            (None, "Same"),
            (None, "Same"),
            (None, "Data"),
            (None, "Data"),
        ]
        .into_iter()
        .map(|(custom, text)| ids.assign(custom, text))
        .collect();
        assert_eq!(got, ["same-2", "same", "same-3", "same-4", "same-5", "same-6", "data-2", "data-3"]);
    }

    #[test]
    fn a_body_of_twenty_thousand_equal_headings_is_outlined() {
        let body = "## Same\n\n".repeat(20_000);
        let o = outline(&body);
        assert_eq!(o.headings.len(), 20_000);
        assert_eq!(o.headings[19_999].id, "same-20000");
    }

    #[test]
    fn links_are_located_at_their_destination() {
        let body = "See [the profile](../communities/tanger.md#criteria) and ![map](img/map.png).\n";
        let o = outline(body);
        assert_eq!(o.links.len(), 2);
        let first = &o.links[0];
        assert_eq!(&body[first.span.start as usize..first.span.end as usize], "../communities/tanger.md#criteria");
        assert!(o.links[1].image);
        assert!(!o.has_html);
    }

    #[test]
    fn email_autolinks_are_mailto() {
        let o = outline("Write to <team@example.org>.\n");
        assert_eq!(o.links[0].dest, "mailto:team@example.org");
    }

    #[test]
    fn raw_html_is_noticed() {
        assert!(outline("Hello <b>there</b>\n").has_html);
    }

    #[test]
    fn raw_html_nesting_is_measured() {
        let o = outline("<div><p>a<br>b<img src=x /></p><div><span>c</span></div></div>\n");
        assert_eq!(o.html_depth, 3);
        let deep = format!("{}x{}\n", "<div>".repeat(300), "</div>".repeat(300));
        assert_eq!(outline(&deep).html_depth, 300);
    }
}
