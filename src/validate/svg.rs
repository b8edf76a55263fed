//! What in an SVG image could run something or load something from elsewhere. A browser runs an
//! SVG opened on its own as a document, scripts and stylesheets included, so a published SVG
//! must hold nothing that runs and link to nothing outside itself: the site works offline and
//! nothing is fetched from elsewhere, which tells that place who reads the site.
//!
//! Refused, each located at its place in the file:
//! - the elements `<script>`, `<foreignObject>` (embedded HTML), `<iframe>`, `<embed>`,
//!   `<object>`, `<handler>` and `<listener>`, and the processing instruction
//!   `<?xml-stylesheet?>` (a stylesheet from elsewhere);
//! - an `on...` event handler, and an animation (`<set>`, `<animate>`...) that sets one;
//! - an `href` or `src` that is not a `#fragment` of the file or a `data:image/` image, and an
//!   animation that sets an `href` or `src` to one;
//! - `javascript:` anywhere in an attribute;
//! - in CSS (a `<style>` element, a `style` attribute, or any attribute a style property can
//!   be written in, such as `fill`), `@import`, and a `url()`, `image-set()`, `image()`,
//!   `cross-fade()` or `src()` whose address is not a `#fragment` or a `data:image/` image.

use std::ops::Range;

use crate::messages::Message;

/// The first thing in the SVG document `text` that would run or load something, as its byte
/// offset in `text` and what it is; `None` for an image that holds nothing of the kind.
pub(super) fn find_active(text: &str, document: &roxmltree::Document) -> Option<(usize, Message)> {
    for node in document.descendants() {
        if node.is_pi() {
            let target = node.pi().map_or("", |pi| pi.target);
            if target.eq_ignore_ascii_case("xml-stylesheet") {
                return Some((node.range().start, Message::new("svg.xml-stylesheet")));
            }
        }
        if node.is_element()
            && let Some(found) = active_element(text, node)
        {
            return Some(found);
        }
    }
    None
}

/// Elements that run something or load it, whatever their attributes.
const ACTIVE_ELEMENTS: [&str; 7] = ["script", "foreignobject", "iframe", "embed", "object", "handler", "listener"];

/// SMIL animation elements, which can set any attribute while the image is shown.
const ANIMATIONS: [&str; 5] = ["set", "animate", "animatemotion", "animatetransform", "animatecolor"];

fn active_element(text: &str, node: roxmltree::Node) -> Option<(usize, Message)> {
    let name = node.tag_name().name().to_ascii_lowercase();
    if ACTIVE_ELEMENTS.contains(&name.as_str()) {
        return Some((node.range().start, Message::new("svg.element").with("name", node.tag_name().name())));
    }
    for attribute in node.attributes() {
        let key = attribute.name().to_ascii_lowercase();
        let value = squeezed(attribute.value());
        let at = attribute.range().start;
        if key.starts_with("on") {
            return Some((at, Message::new("svg.handler").with("name", attribute.name())));
        } else if (key == "href" || key == "src") && !is_inside(&value) {
            return Some((at, Message::new("svg.link").with("address", attribute.value())));
        } else if value.contains("javascript:") {
            return Some((at, Message::new("svg.script-link").with("name", attribute.name())));
        }
        // Any attribute, not only `style`: `fill`, `filter`, `mask` and the other properties
        // can be written as attributes and take `url()` there too.
        if let Some((offset, what)) = outside_load(attribute.value()) {
            return Some((source_offset(text, attribute.range_value(), attribute.value(), offset), what));
        }
    }
    if ANIMATIONS.contains(&name.as_str())
        && let Some(found) = active_animation(node)
    {
        return Some(found);
    }
    if name == "style" {
        for child in node.children().filter(|c| c.is_text()) {
            let css = child.text().unwrap_or_default();
            if let Some((offset, what)) = outside_load(css) {
                return Some((source_offset(text, child.range(), css, offset), what));
            }
        }
    }
    None
}

/// An animation that sets an event handler, or a link to something outside the file.
fn active_animation(node: roxmltree::Node) -> Option<(usize, Message)> {
    let target = node.attributes().find(|a| a.name() == "attributeName")?;
    // `xlink:href` is written with its prefix here, as text, not as an attribute's name.
    let set = target.value().trim();
    let local = set.rsplit(':').next().unwrap_or(set).to_ascii_lowercase();
    if local.starts_with("on") {
        return Some((node.range().start, Message::new("svg.animated-handler").with("name", set)));
    }
    if local != "href" && local != "src" {
        return None;
    }
    node.attributes().filter(|a| matches!(a.name(), "to" | "from" | "by" | "values")).find_map(|a| {
        let outside = a.value().split(';').find(|v| !is_inside(&squeezed(v)))?;
        Some((a.range().start, Message::new("svg.animated-link").with("name", set).with("address", outside.trim())))
    })
}

/// An address as a browser reads it: without the whitespace it skips, in lowercase.
fn squeezed(value: &str) -> String {
    value.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase()
}

/// Whether a (squeezed) address stays inside the file: a `#fragment` of it, or an image
/// written out in a `data:` address, as the rule for `href` has it.
fn is_inside(address: &str) -> bool {
    address.starts_with('#') || address.starts_with("data:image/")
}

/// The offset in the file of `offset` in `decoded`, the text roxmltree made of the file's
/// bytes at `range`: exact when they are the same text (no entity, no CDATA section, no line
/// ending changed), otherwise the start of that text, which is near enough to find it.
fn source_offset(text: &str, range: Range<usize>, decoded: &str, offset: usize) -> usize {
    let raw = text.get(range.clone()).unwrap_or_default();
    if raw == decoded {
        return range.start + offset;
    }
    const CDATA: &str = "<![CDATA[";
    if raw.strip_prefix(CDATA).and_then(|r| r.strip_suffix("]]>")) == Some(decoded) {
        return range.start + CDATA.len() + offset;
    }
    range.start
}

/// Functions whose string arguments are addresses a browser loads.
const LOADING_FUNCTIONS: [&str; 8] =
    ["url", "src", "image", "image-set", "-webkit-image-set", "cross-fade", "-webkit-cross-fade", "-webkit-image"];

/// The first thing in CSS `css` that loads something from outside the file: its byte offset
/// in `css` and what it is. CSS is read as a browser tokenizes it (comments, strings,
/// escapes such as `\75 rl(` for `url(`), so that no spelling of it slips through.
pub(super) fn outside_load(css: &str) -> Option<(usize, Message)> {
    // Quick way out for the attributes of every element: nothing CSS could load from.
    if !css.contains(['(', '@', '\\']) {
        return None;
    }
    let mut tokens = Tokens { css, at: 0 };
    // The functions the tokens are in, innermost last, lowercased.
    let mut open: Vec<String> = Vec::new();
    // Inside `@namespace ...;`, whose `url()` names a namespace and loads nothing.
    let mut namespace = false;
    while let Some((start, token)) = tokens.next() {
        match token {
            Token::AtKeyword(name) if name.eq_ignore_ascii_case("import") => {
                return Some((start, Message::new("svg.import")));
            }
            Token::AtKeyword(name) => namespace = name.eq_ignore_ascii_case("namespace"),
            Token::Delimiter(';' | '{' | '}') => namespace = false,
            Token::Function(name) => open.push(name.to_ascii_lowercase()),
            Token::Delimiter('(') => open.push(String::new()),
            Token::Delimiter(')') => {
                open.pop();
            }
            Token::Url(address) if !namespace && !is_inside(&squeezed(&address)) => {
                return Some((start, Message::new("svg.style-loads").with("address", address)));
            }
            Token::Text(address)
                if !namespace
                    && open.last().is_some_and(|f| LOADING_FUNCTIONS.contains(&f.as_str()))
                    && !is_inside(&squeezed(&address)) =>
            {
                return Some((start, Message::new("svg.style-loads").with("address", address)));
            }
            _ => {}
        }
    }
    None
}

/// A CSS token, as far as loading goes.
enum Token {
    /// `@name`.
    AtKeyword(String),
    /// `name(`; `url(` followed by a quoted address is one too, the address a [`Token::Text`].
    Function(String),
    /// `url(address)` unquoted.
    Url(String),
    /// A quoted string.
    Text(String),
    /// Anything else, one character.
    Delimiter(char),
}

/// The tokens of CSS, with the byte offset each starts at (escapes decoded, comments skipped).
struct Tokens<'a> {
    css: &'a str,
    at: usize,
}

impl Tokens<'_> {
    fn peek(&self) -> Option<char> {
        self.css[self.at..].chars().next()
    }

    fn peek_second(&self) -> Option<char> {
        self.css[self.at..].chars().nth(1)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += c.len_utf8();
        Some(c)
    }

    /// Whether a backslash here starts an escape (not one before a line break).
    fn escape_here(&self) -> bool {
        self.peek() == Some('\\') && !matches!(self.peek_second(), Some('\n' | '\r' | '\x0c'))
    }

    /// The character an escape stands for, the backslash already taken: up to six hex digits
    /// and one whitespace after them, or the next character as itself.
    fn escaped(&mut self) -> char {
        let mut digits = String::new();
        while digits.len() < 6
            && let Some(c) = self.peek().filter(char::is_ascii_hexdigit)
        {
            digits.push(c);
            self.bump();
        }
        if digits.is_empty() {
            return self.bump().unwrap_or('\u{FFFD}');
        }
        if self.peek().is_some_and(|c| c.is_ascii_whitespace()) {
            self.bump();
        }
        u32::from_str_radix(&digits, 16).ok().and_then(char::from_u32).filter(|&c| c != '\0').unwrap_or('\u{FFFD}')
    }

    /// A name: letters, digits, `-`, `_`, anything beyond ASCII, and escapes.
    fn name(&mut self) -> String {
        let mut name = String::new();
        loop {
            match self.peek() {
                Some(c) if c.is_ascii_alphanumeric() || c == '-' || c == '_' || !c.is_ascii() => {
                    name.push(c);
                    self.bump();
                }
                Some('\\') if self.escape_here() => {
                    self.bump();
                    name.push(self.escaped());
                }
                _ => return name,
            }
        }
    }

    /// A quoted string, the opening quote already taken; it ends at its quote, at a line
    /// break (a broken string) or at the end.
    fn string(&mut self, quote: char) -> String {
        let mut text = String::new();
        while let Some(c) = self.bump() {
            match c {
                c if c == quote => break,
                '\n' | '\r' | '\x0c' => break,
                '\\' => match self.peek() {
                    // A line break after a backslash continues the string.
                    Some('\n' | '\x0c') => {
                        self.bump();
                    }
                    Some('\r') => {
                        self.bump();
                        if self.peek() == Some('\n') {
                            self.bump();
                        }
                    }
                    Some(_) => text.push(self.escaped()),
                    None => {}
                },
                c => text.push(c),
            }
        }
        text
    }

    /// The address of an unquoted `url(`, the parenthesis already taken.
    fn url(&mut self) -> String {
        let mut address = String::new();
        while let Some(c) = self.peek() {
            match c {
                ')' => {
                    self.bump();
                    break;
                }
                '\\' if self.escape_here() => {
                    self.bump();
                    address.push(self.escaped());
                }
                c => {
                    address.push(c);
                    self.bump();
                }
            }
        }
        address.trim().to_string()
    }

    fn next(&mut self) -> Option<(usize, Token)> {
        loop {
            let start = self.at;
            let c = self.peek()?;
            if c == '/' && self.peek_second() == Some('*') {
                self.at += 2;
                self.at = self.css[self.at..].find("*/").map_or(self.css.len(), |end| self.at + end + 2);
                continue;
            }
            if c == '"' || c == '\'' {
                self.bump();
                return Some((start, Token::Text(self.string(c))));
            }
            if c == '@' {
                self.bump();
                return Some((start, Token::AtKeyword(self.name())));
            }
            let starts_name = c.is_ascii_alphanumeric() || c == '-' || c == '_' || !c.is_ascii();
            if starts_name || self.escape_here() {
                let name = self.name();
                if self.peek() != Some('(') {
                    continue;
                }
                self.bump();
                if name.eq_ignore_ascii_case("url") {
                    let rest = self.css[self.at..].trim_start_matches(|c: char| c.is_ascii_whitespace());
                    if !rest.starts_with(['"', '\'']) {
                        return Some((start, Token::Url(self.url())));
                    }
                }
                return Some((start, Token::Function(name)));
            }
            self.bump();
            return Some((start, Token::Delimiter(c)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn active(svg: &str) -> Option<(usize, String)> {
        let options = roxmltree::ParsingOptions { allow_dtd: false, ..Default::default() };
        let document = roxmltree::Document::parse_with_options(svg, options).unwrap();
        find_active(svg, &document).map(|(offset, what)| (offset, what.english()))
    }

    /// The text at the offset found, to show that it points at the right place.
    fn found_at(svg: &str) -> String {
        let (offset, what) = active(svg).unwrap_or_else(|| panic!("not refused: {svg}"));
        format!("{what} @ {}", &svg[offset..(offset + 8).min(svg.len())])
    }

    #[test]
    fn css_that_loads_from_elsewhere_is_found_where_it_is() {
        let walkthrough = r#"<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(http://127.0.0.1:18750/imported.css); circle{fill:url(http://127.0.0.1:18750/fill.svg#g)}</style><circle r="5" style="stroke:url(http://127.0.0.1:18750/stroke.svg#g)"/></svg>"#;
        assert_eq!(found_at(walkthrough), "a stylesheet imported with `@import` @ @import ");
        for (svg, expected) in [
            (
                r#"<svg><style>circle{fill:url(http://x.example/f.svg#g)}</style></svg>"#,
                "a style that loads `http://x.example/f.svg#g` @ url(http",
            ),
            (
                r#"<svg><circle style="stroke:url('//x.example/s')"/></svg>"#,
                "a style that loads `//x.example/s` @ '//x.exa",
            ),
            (
                r#"<svg><circle fill="URL( https://x.example/f )"/></svg>"#,
                "a style that loads `https://x.example/f` @ URL( htt",
            ),
            (r#"<svg><style>@IMPORT "a.css";</style></svg>"#, "a stylesheet imported with `@import` @ @IMPORT "),
            (r#"<svg><style>@\69mport "a.css";</style></svg>"#, "a stylesheet imported with `@import` @ @\\69mpor"),
            (
                r#"<svg><style>a{fill:\75 rl(http://x.example/)}</style></svg>"#,
                "a style that loads `http://x.example/` @ \\75 rl(h",
            ),
            (
                r#"<svg><style>a{background:image-set("http://x.example/a.png" 1x)}</style></svg>"#,
                "a style that loads `http://x.example/a.png` @ \"http://",
            ),
            (r#"<svg><style>@font-face{src:src("f.woff")}</style></svg>"#, "a style that loads `f.woff` @ \"f.woff\""),
            (r#"<svg><style>a{fill:url(other.svg#g)}</style></svg>"#, "a style that loads `other.svg#g` @ url(othe"),
            // A CDATA section, as drawing programs write styles.
            (
                "<svg><style><![CDATA[\na{fill:url(http://x.example/)}]]></style></svg>",
                "a style that loads `http://x.example/` @ url(http",
            ),
            // A string that hides nothing: `"a\"b"` is one string, the url after it is read.
            (
                r#"<svg><style>a{content:"a\"b" url(http://x.example/)}</style></svg>"#,
                "a style that loads `http://x.example/` @ url(http",
            ),
            // An entity in the attribute: located at the start of its value.
            (
                r#"<svg><circle style="fill:&#117;rl(http://x.example/)"/></svg>"#,
                "a style that loads `http://x.example/` @ fill:&#1",
            ),
            (
                r#"<svg><style>a{fill:url(data:text/html,x)}</style></svg>"#,
                "a style that loads `data:text/html,x` @ url(data",
            ),
        ] {
            assert_eq!(found_at(svg), expected, "{svg}");
        }
    }

    #[test]
    fn css_that_stays_inside_the_file_is_published() {
        for svg in [
            r##"<svg><style>circle{fill:url(#g);stroke:url( "#h" )} /* url(http://x.example/) */</style></svg>"##,
            r##"<svg><style>@namespace svg url(http://www.w3.org/2000/svg); a{font-family:"Noto Sans"}</style></svg>"##,
            r##"<svg><circle style="fill:url(data:image/png;base64,AAAA)" stroke="url(#g)"/></svg>"##,
            r##"<svg><style>a{content:"url(http://x.example/)"}</style></svg>"##,
            r##"<svg><path d="M0 0L10 10" transform="translate(2 3) rotate(45)"/></svg>"##,
            r##"<svg><style>a{fill:curl(http://x.example/)}</style></svg>"##,
        ] {
            assert_eq!(active(svg), None, "{svg}");
        }
    }

    #[test]
    fn animations_that_set_handlers_or_outside_links_are_found() {
        for (svg, expected) in [
            (
                r#"<svg><set attributeName="onmouseover" to="alert(1)"/></svg>"#,
                "an animation that sets the event handler `onmouseover` @ <set att",
            ),
            (
                r#"<svg><a><animate attributeName="xlink:href" to="https://x.example/"/></a></svg>"#,
                "an animation that sets `xlink:href` to `https://x.example/` @ to=\"http",
            ),
            (
                r##"<svg><a><animate attributeName="href" values="#a; other.html"/></a></svg>"##,
                "an animation that sets `href` to `other.html` @ values=\"",
            ),
            (
                r#"<svg><a><animate attributeName="href" to="javascript:alert(1)"/></a></svg>"#,
                "a script link in `to` @ to=\"java",
            ),
        ] {
            assert_eq!(found_at(svg), expected, "{svg}");
        }
        assert_eq!(
            active(
                r##"<svg><a><set attributeName="href" to="#b"/><animate attributeName="opacity" values="0;1"/></a></svg>"##
            ),
            None
        );
    }

    #[test]
    fn a_stylesheet_named_before_the_image_is_found() {
        let svg = r#"<?xml-stylesheet href="http://x.example/s.css"?><svg/>"#;
        assert_eq!(found_at(svg), "a stylesheet `<?xml-stylesheet?>` @ <?xml-st");
    }

    #[test]
    fn broken_css_ends_without_panicking() {
        for css in [
            "url(",
            "a{fill:url(\"http",
            "/* never closed",
            "\\",
            "@",
            "\"\\",
            "image-set(\"",
            "\\ffffff(",
            "é(url(\u{1F600}",
        ] {
            let _ = outside_load(css);
        }
        assert!(outside_load("url(").is_some(), "an empty address loads the file itself: refused");
    }
}
