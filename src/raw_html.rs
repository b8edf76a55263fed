//! The addresses in raw HTML written in markdown: `href`, `src` and the other attributes that
//! link or load, found in each fragment so that the link stage checks them as it checks
//! markdown links, and rendering points them where markdown links point (or drops them).
//!
//! This is a tokenizer for attributes inside tags, not an HTML parser: the sanitizer still
//! decides what survives. It only has to find every address a browser would follow.

use std::ops::Range;

/// Attributes whose value is an address a browser follows or loads.
pub const URL_ATTRIBUTES: [&str; 8] = ["href", "src", "poster", "data", "action", "formaction", "background", "cite"];

/// An address in a fragment of raw HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawUrl {
    /// The attribute's whole `name="value"`, in bytes of the fragment, to replace or drop.
    pub attribute: Range<usize>,
    /// The value, in bytes of the fragment (without quotes).
    pub value: Range<usize>,
    /// The value with the common character references decoded.
    pub url: String,
    /// True for attributes that load (an image's `src`), false for links (`href`).
    pub loads: bool,
}

/// Every address in `html`, in order.
pub fn urls(html: &str) -> Vec<RawUrl> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(k) = bytes[i..].iter().position(|&b| b == b'<') {
        i += k + 1;
        // A tag starts with a letter; comments, closing tags and declarations are skipped.
        if !bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' && bytes[i] != b'/' {
            i += 1;
        }
        // Attributes until the tag's end.
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' {
                break;
            }
            let name_start = i;
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !b"=>/".contains(&bytes[i]) {
                i += 1;
            }
            let name = html[name_start..i].to_ascii_lowercase();
            let mut j = i;
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            if bytes.get(j) != Some(&b'=') {
                continue;
            }
            j += 1;
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            let (value, end) = match bytes.get(j) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let close = bytes[j + 1..].iter().position(|&b| b == quote).map_or(bytes.len(), |p| j + 1 + p);
                    (j + 1..close, (close + 1).min(bytes.len()))
                }
                _ => {
                    let stop = bytes[j..]
                        .iter()
                        .position(|b| b.is_ascii_whitespace() || *b == b'>')
                        .map_or(bytes.len(), |p| j + p);
                    (j..stop, stop)
                }
            };
            i = end;
            if URL_ATTRIBUTES.contains(&name.as_str()) || name == "xlink:href" || name == "srcset" {
                let loads = !matches!(name.as_str(), "href" | "xlink:href" | "cite" | "action" | "formaction");
                let text = &html[value.clone()];
                // srcset lists addresses with sizes: each is checked; the first stands for all.
                let url = if name == "srcset" {
                    text.split(',').next().unwrap_or("").trim().split(' ').next().unwrap_or("")
                } else {
                    text
                };
                found.push(RawUrl { attribute: name_start..end, value, url: decode(url.trim()), loads });
            }
        }
    }
    found
}

/// `html` with each address replaced by what `point` makes of it (already escaped for an
/// attribute), or its attribute dropped when `point` gives `None`.
pub fn rewrite(html: &str, mut point: impl FnMut(&RawUrl) -> Option<String>) -> String {
    let found = urls(html);
    if found.is_empty() {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + 16);
    let mut at = 0;
    for url in &found {
        match point(url) {
            Some(new) => {
                out.push_str(&html[at..url.attribute.start]);
                let name = &html[url.attribute.start..url.value.start];
                // The name and `=` as written; the value always in double quotes.
                out.push_str(name.trim_end_matches(['"', '\'']));
                out.push('"');
                out.push_str(&new);
                out.push('"');
            }
            None => out.push_str(html[at..url.attribute.start].trim_end()),
        }
        at = url.attribute.end;
    }
    out.push_str(&html[at..]);
    out
}

/// `url` as an attribute's value, written as pulldown-cmark writes a markdown link's address:
/// characters an address may not hold bare (a space, a non-ASCII letter, `"`, `<`) are
/// percent-encoded, `%` and the characters that give an address its parts (`/`, `#`, `?`) stay,
/// and `&` and `'` become character references. A file `Photo 1.png` linked as
/// `Photo%201.png` is so published as `Photo%201.png` by raw HTML and markdown alike.
pub fn escape_address(url: &str) -> String {
    let mut out = String::with_capacity(url.len() + 8);
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_href(&mut out, url);
    out
}

/// `text` with the character references an address may hold decoded (`&amp;`, `&#47;`...).
fn decode(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(semi) = rest[..rest.len().min(12)].find(';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "colon" => Some(':'),
            "sol" => Some('/'),
            "Tab" => Some('\t'),
            "NewLine" => Some('\n'),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(html: &str) -> Vec<(String, bool)> {
        urls(html).into_iter().map(|u| (u.url, u.loads)).collect()
    }

    #[test]
    fn addresses_are_found_in_every_way_of_writing_an_attribute() {
        assert_eq!(found(r#"<a href="secret-village.html">x</a>"#), [("secret-village.html".into(), false)]);
        assert_eq!(found("<a class=x HREF = 'a.md' >"), [("a.md".into(), false)]);
        assert_eq!(found("<img src=//evil.example/x.png alt=y>"), [("//evil.example/x.png".into(), true)]);
        assert_eq!(found(r#"<img alt="a > b" src="\\host\share">"#), [(r"\\host\share".into(), true)]);
        assert_eq!(found(r#"<a href="java&#x73;cript&colon;alert(1)">"#), [("javascript:alert(1)".into(), false)]);
        assert_eq!(found(r#"<img srcset="/etc/passwd 1x, b.png 2x">"#), [("/etc/passwd".into(), true)]);
        assert_eq!(found(r#"<video poster="p.png"><source src="v.mp4"></video>"#).len(), 2);
        assert_eq!(found("<p title=\"href=x\">text href=y</p>"), Vec::<(String, bool)>::new());
        assert_eq!(found("<a href>empty</a><a href=\"\">"), [("".into(), false)]);
    }

    #[test]
    fn the_attribute_s_bytes_are_given_to_replace_it() {
        let html = r#"<a title="t" href="a.md">x</a>"#;
        let url = &urls(html)[0];
        assert_eq!(&html[url.attribute.clone()], r#"href="a.md""#);
        assert_eq!(&html[url.value.clone()], "a.md");
        let rewritten = rewrite(r#"<a title="t" href='a.md'>x</a><img src=//evil/x.png alt=y>"#, |u| {
            (!u.loads).then(|| "alpha.html".to_string())
        });
        assert_eq!(rewritten, r#"<a title="t" href="alpha.html">x</a><img alt=y>"#);
    }

    #[test]
    fn addresses_are_escaped_as_markdown_links_are() {
        assert_eq!(escape_address("Photo 1.png#top"), "Photo%201.png#top");
        assert_eq!(escape_address("Caf\u{e9}.png?a=1&b='2'"), "Caf%C3%A9.png?a=1&amp;b=&#x27;2&#x27;");
        assert_eq!(escape_address("a%20b\"<x>"), "a%20b%22%3Cx%3E");
    }
}
