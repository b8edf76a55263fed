//! The markdown body in its canonical form, checked to render as before.

use super::*;

/// A body as `fmt` writes it.
pub(super) struct FormattedBody {
    /// The text, in the file's line endings.
    pub text: String,
    /// True when the standard form would render differently from the body (two lists one
    /// after the other with different markers become one list in it), so the body was kept as
    /// written, short of its outer blank lines: `fmt` says so rather than seem to approve it.
    pub kept_as_written: bool,
}

/// The canonical form of a body, in the file's line endings: comrak's CommonMark when it
/// renders exactly as the body does, else the body as written. Empty for a blank body.
pub(super) fn format_body(body: &str, newline: &str) -> FormattedBody {
    let wanted = body_html(body);
    // The figures a profile quotes are read from its markdown's text, not from its HTML: a form
    // that wrote one differently (its braces escaped, say) would render alike and quote nothing.
    let quoted = |text: &str| crate::figure_refs::in_body(text).iter().map(|f| f.canonical()).collect::<Vec<_>>();
    let wanted_figures = quoted(body);
    // Markdown reads CR LF and a lone CR as line breaks too.
    let lf = body.replace("\r\n", "\n").replace('\r', "\n");
    if lf.trim_matches([' ', '\t', '\n', '\r']).is_empty() && wanted.is_empty() {
        return FormattedBody { text: String::new(), kept_as_written: false };
    }
    let mut candidates = Vec::new();
    // A panic in comrak on some odd body must not stop fmt: the body is then kept as written.
    if let Some(markdown) = std::panic::catch_unwind(|| commonmark(&lf)).ok().flatten() {
        let joined = join_footnote_definitions(&markdown);
        if joined != markdown {
            candidates.push(joined);
        }
        candidates.push(markdown);
    }
    let standard_forms = candidates.len();
    let trimmed = lf.trim_start_matches(['\n']).trim_end_matches([' ', '\t', '\n', '\r']);
    let as_written = format!("{trimmed}\n");
    // Kept as written only if the standard form is another text: a body already in it is tidy.
    let tidy = candidates.contains(&as_written);
    candidates.push(as_written);
    for (i, candidate) in candidates.into_iter().enumerate() {
        let candidate = with_newline(&candidate, newline);
        if body_html(&candidate) == wanted && quoted(&candidate) == wanted_figures {
            return FormattedBody { text: candidate, kept_as_written: i >= standard_forms && !tidy };
        }
    }
    // As written, without the blank lines at the top (which markdown ignores, and which the
    // blank line after the frontmatter replaces), with a final line break.
    let mut body = body;
    while let Some(end) = body.find('\n')
        && body[..end].trim_matches([' ', '\t', '\r']).is_empty()
    {
        body = &body[end + 1..];
    }
    let text = if body.ends_with('\n') { body.to_string() } else { format!("{body}{newline}") };
    FormattedBody { text, kept_as_written: true }
}

/// The body as the renderer's markdown reader sees it, as HTML: two bodies with the same HTML
/// make the same page. Line breaks are compared as a browser reads them (CR LF and a lone CR
/// are LF), so that a file with mixed line endings may have them made even.
pub(super) fn body_html(body: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(body, crate::markdown::options()));
    if html.contains('\r') { html.replace("\r\n", "\n").replace('\r', "\n") } else { html }
}

pub(super) fn comrak_options() -> comrak::Options<'static> {
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.footnotes = true;
    options.extension.tasklist = true;
    options.extension.strikethrough = true;
    // Footnote definitions stay where they are written, as the renderer shows them.
    options.parse.leave_footnote_definitions = true;
    options.render.width = 0;
    options
}

/// comrak's CommonMark for `body`, with as few escapes as it can afford.
pub(super) fn commonmark(body: &str) -> Option<String> {
    let options = comrak_options();
    let arena = comrak::Arena::new();
    let root = comrak::parse_document(&arena, body, &options);
    let protected = protect_heading_attributes(root, body);
    let mut out = String::new();
    comrak::format_commonmark(root, &options, &mut out).ok()?;
    let escapes = out.matches('\\').count();
    if escapes > 0 && escapes.saturating_mul(out.len()) <= MINIMIZE_BUDGET {
        let mut minimal = options.clone();
        minimal.render.experimental_minimize_commonmark = true;
        let mut min = String::new();
        if comrak::format_commonmark(root, &minimal, &mut min).is_ok() {
            out = min;
        }
    }
    for (placeholder, attributes) in protected {
        out = out.replace(&placeholder, &attributes);
    }
    Some(out)
}

/// comrak does not read `{#id}` after a heading (the renderer does) and would escape its `#`.
/// Replace each such block by a placeholder comrak writes as it is; returns the placeholders
/// and what they stand for.
pub(super) fn protect_heading_attributes<'a>(root: &'a AstNode<'a>, body: &str) -> Vec<(String, String)> {
    const MARKER: &str = "FIELDBOOKHEADINGATTRIBUTES";
    let mut protected = Vec::new();
    if body.contains(MARKER) {
        return protected;
    }
    let headings: Vec<&'a AstNode<'a>> =
        root.descendants().filter(|n| matches!(n.data().value, NodeValue::Heading(_))).collect();
    for heading in headings {
        // The text at the end of the heading, which comrak may hold in several nodes.
        let mut run = Vec::new();
        let mut child = heading.last_child();
        while let Some(node) = child {
            if !matches!(node.data().value, NodeValue::Text(_)) {
                break;
            }
            run.push(node);
            child = node.previous_sibling();
        }
        run.reverse();
        let joined: String = run
            .iter()
            .map(|n| match &n.data().value {
                NodeValue::Text(t) => t.to_string(),
                _ => String::new(),
            })
            .collect();
        let Some((open, close)) = attribute_block(&joined) else { continue };
        let placeholder = format!("{MARKER}{}END", protected.len());
        protected.push((placeholder.clone(), joined[open..close].to_string()));
        let Some((first, rest)) = run.split_first() else { continue };
        first.data_mut().value = NodeValue::Text(format!("{}{placeholder}", &joined[..open]).into());
        for node in rest {
            node.detach();
        }
    }
    protected
}

/// Where a heading's trailing `{...}` attribute block is in `text`, as pulldown-cmark finds it:
/// the last `{`, then no `{ } < > \` or line break, then `}` and only spaces to the end.
pub(super) fn attribute_block(text: &str) -> Option<(usize, usize)> {
    let close = text.trim_end_matches([' ', '\t', '\n', '\r']).len();
    if close == 0 || !text[..close].ends_with('}') {
        return None;
    }
    let inner = &text[..close - 1];
    let open = inner.rfind(['{', '}', '<', '>', '\\', '\n', '\r'])?;
    (inner.as_bytes()[open] == b'{').then_some((open, close))
}

/// comrak writes a footnote definition's label on a line of its own (`[^1]:`, then the text
/// indented below); put a first paragraph back on the label's line, as people write it.
pub(super) fn join_footnote_definitions(markdown: &str) -> String {
    let lines: Vec<&str> = markdown.split('\n').collect();
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let next = lines.get(i + 1).copied().unwrap_or("");
        let is_label = line.starts_with("[^") && line.ends_with("]:") && !line.contains(' ');
        if is_label
            && let Some(text) = next.strip_prefix("    ").filter(|t| !t.starts_with([' ', '\t']) && !t.is_empty())
        {
            out.push(format!("{line} {text}"));
            i += 2;
        } else {
            out.push(line.to_string());
            i += 1;
        }
    }
    out.join("\n")
}
