//! What `serve` answers over HTTP: which site path a request names (or none, for anything that
//! tries to leave the site), the content type of a file, and the live-reload script and error
//! overlay added to pages, in the site's language.

use crate::messages::{Message, Messages};

/// The path prefix of the server's own endpoints, which no site path can start with.
pub const PREFIX: &str = "__fieldbook/";

/// The site path a request target names: `/communities/` is `communities/index.html`. `None`
/// for anything that is not plainly a path inside the site: `..` or `.` segments (written or
/// percent-encoded), backslashes, NUL or other control characters, bytes that are not UTF-8.
pub fn site_path(target: &str) -> Option<String> {
    let raw = target.split(['?', '#']).next().unwrap_or("");
    let raw = raw.strip_prefix('/')?;
    let decoded = percent_decode(raw)?;
    if decoded.contains('\\') || decoded.chars().any(char::is_control) {
        return None;
    }
    let mut segments: Vec<&str> = decoded.split('/').collect();
    let directory = segments.last().is_some_and(|s| s.is_empty());
    if directory {
        segments.pop();
    }
    if segments.iter().any(|s| s.is_empty() || *s == "." || *s == "..") {
        return None;
    }
    let mut path = segments.join("/");
    if directory || path.is_empty() {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Some(path)
}

/// Percent-decoding to UTF-8; `None` for a bad escape or bytes that are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let value = u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
            out.push(value);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The content type of a site file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match extension.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The live-reload script: it waits for the next version of the site, then reloads the page,
/// or shows the errors that stopped it.
pub const LIVE_SCRIPT: &str = r#"(function () {
  var me = document.currentScript;
  var version = me ? new URL(me.src).searchParams.get("v") : "0";
  function overlay(text) {
    var box = document.getElementById("fieldbook-overlay");
    if (!box) {
      box = document.createElement("div");
      box.id = "fieldbook-overlay";
      box.setAttribute("role", "alert");
      box.setAttribute("style", OVERLAY_STYLE);
      document.body.appendChild(box);
    }
    box.textContent = "";
    var title = document.createElement("strong");
    title.textContent = TITLE;
    var pre = document.createElement("pre");
    pre.setAttribute("style", "white-space:pre-wrap;margin:.5em 0 0");
    pre.textContent = text;
    box.appendChild(title);
    box.appendChild(pre);
  }
  function wait() {
    fetch("/__fieldbook/live?since=" + encodeURIComponent(version), { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (state) {
        if (state.version === version) { wait(); return; }
        version = state.version;
        if (state.errors) { overlay(state.errors); wait(); } else { location.reload(); }
      })
      .catch(function () { setTimeout(wait, 1000); });
  }
  wait();
})();
"#;

/// Inline style of the error overlay (no stylesheet of the theme is assumed).
pub const OVERLAY_STYLE: &str = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;background:#fff4f4;color:#1a1a1a;border-top:4px solid #b00020;padding:1em 1.5em;font:14px/1.45 ui-monospace,Menlo,Consolas,monospace;box-shadow:0 -4px 16px rgba(0,0,0,.2)";

/// The live-reload script with its constants filled in, its overlay headed in the language
/// of `messages`.
pub fn live_script(messages: &Messages) -> String {
    let title = messages.render(&Message::new("preview.overlay-title"));
    LIVE_SCRIPT.replace("OVERLAY_STYLE", &format!("{OVERLAY_STYLE:?}")).replace("TITLE", &format!("{title:?}"))
}

/// A page with the live-reload script (for `version`) and, when the site has errors, the
/// overlay showing them, headed in the language of `messages`, added before `</body>`.
pub fn inject(html: &str, version: u64, errors: Option<&str>, messages: &Messages) -> String {
    let title = messages.render(&Message::new("preview.overlay-title"));
    inject_titled(html, version, errors.map(|errors| (title.as_str(), errors)))
}

/// [`inject`], the overlay headed `title`.
fn inject_titled(html: &str, version: u64, errors: Option<(&str, &str)>) -> String {
    let mut extra = String::new();
    if let Some((title, errors)) = errors {
        extra.push_str(&format!(
            "<div id=\"fieldbook-overlay\" role=\"alert\" style=\"{OVERLAY_STYLE}\"><strong>{}</strong><pre style=\"white-space:pre-wrap;margin:.5em 0 0\">{}</pre></div>",
            crate::text::escape_html(title),
            crate::text::escape_html(errors)
        ));
    }
    extra.push_str(&format!("<script src=\"/{PREFIX}live.js?v={version}\"></script>"));
    match html.rfind("</body>") {
        Some(at) => format!("{}{extra}{}", &html[..at], &html[at..]),
        None => format!("{html}{extra}"),
    }
}

/// A page of the preview's own, in the language of `messages`: `title`, one paragraph, and
/// the overlay headed `title` showing `errors`.
fn own_page(title: &str, paragraph: &str, errors: &str, version: u64, messages: &Messages) -> String {
    let lang = messages.language();
    let dir = if crate::config::is_rtl(lang) { "rtl" } else { "ltr" };
    let html = format!(
        "<!DOCTYPE html><html lang=\"{}\" dir=\"{dir}\"><head><meta charset=\"utf-8\"><title>{}</title></head><body><p>{}</p></body></html>",
        crate::text::escape_html(lang),
        crate::text::escape_html(title),
        crate::text::escape_html(paragraph)
    );
    inject_titled(&html, version, Some((title, errors)))
}

/// The page shown while the site has never loaded without errors.
pub fn error_page(errors: &str, version: u64, messages: &Messages) -> String {
    let title = messages.render(&Message::new("preview.no-site-yet-title"));
    own_page(&title, &messages.render(&Message::new("preview.no-site-yet")), errors, version, messages)
}

/// The page shown in place of a page that could not be made (a template that fails on it),
/// with what went wrong over it; it reloads by itself once the template is saved again.
pub fn failed_page(errors: &str, version: u64, messages: &Messages) -> String {
    let title = messages.render(&Message::new("preview.page-failed-title"));
    own_page(&title, &messages.render(&Message::new("preview.page-failed")), errors, version, messages)
}

/// True if the `Host` header names this machine, for a server bound to a loopback address:
/// a page elsewhere that points a domain name at 127.0.0.1 (DNS rebinding) cannot read the
/// site through the reader's browser.
pub fn local_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host
            .rsplit_once(':')
            .map_or(host, |(name, port)| if port.bytes().all(|b| b.is_ascii_digit()) { name } else { host }),
    };
    let name = name.to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// True if a request comes from a page of another site, which must not read the preview: the
/// preview holds drafts (and, with `--include-confidential`, confidential pages), and any page
/// the reader's browser opens could otherwise pull them in with `<script src>` or `<img>`.
///
/// The browser says where a request comes from in `Sec-Fetch-Site`: `same-origin` (a page of
/// the preview) and `none` (the reader typed the address or opened a bookmark) are let in;
/// `cross-site` and `same-site` are not (a page on another port of this computer is
/// `same-site`, not `same-origin`). Without that header (an old browser, curl), an `Origin`
/// or `Referer` that names another origin than `http://{host}` (or `Origin: null`, which a
/// `file://` page sends) is refused too.
pub fn cross_site(fetch_site: Option<&str>, origin: Option<&str>, referer: Option<&str>, host: &str) -> bool {
    if let Some(site) = fetch_site {
        let site = site.trim().to_ascii_lowercase();
        return !(site == "same-origin" || site == "none");
    }
    let ours = format!("http://{}", host.trim().to_ascii_lowercase());
    let other = |url: &str| {
        let url = url.trim().to_ascii_lowercase();
        let rest = url
            .strip_prefix("http://")
            .map(|r| ("http://", r))
            .or_else(|| url.strip_prefix("https://").map(|r| ("https://", r)));
        let Some((scheme, rest)) = rest else { return true };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        format!("{scheme}{authority}") != ours
    };
    origin.is_some_and(other) || referer.is_some_and(other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_name_site_paths() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(site_path("/communities/").as_deref(), Some("communities/index.html"));
        assert_eq!(site_path("/communities/a%C3%AFn.html?x=1#y").as_deref(), Some("communities/aïn.html"));
        assert_eq!(site_path("/search.html?q=water").as_deref(), Some("search.html"));
    }

    #[test]
    fn traversal_names_nothing() {
        for target in [
            "/../fieldbook.toml",
            "/communities/../../Cargo.toml",
            "/%2e%2e/fieldbook.toml",
            "/%2E%2E%2Ffieldbook.toml",
            "/..%2f..%2fetc/passwd",
            "/..%5cfieldbook.toml",
            "/a\\..\\b",
            "/./index.html",
            "/a//b.html",
            "/%00.html",
            "/%zz.html",
            "/%ff.html",
            "relative.html",
        ] {
            assert_eq!(site_path(target), None, "{target}");
        }
    }

    #[test]
    fn only_this_machine_is_a_local_host() {
        for host in ["localhost:8000", "127.0.0.1:8000", "[::1]:8000", "LOCALHOST", "site.localhost:1"] {
            assert!(local_host(host), "{host}");
        }
        for host in ["evil.example:8000", "127.0.0.1.evil.example", "192.168.1.2:8000", ""] {
            assert!(!local_host(host), "{host}");
        }
    }

    #[test]
    fn only_the_preview_itself_and_the_reader_may_ask() {
        let host = "127.0.0.1:8000";
        for site in ["same-origin", "none", "Same-Origin"] {
            assert!(!cross_site(Some(site), None, None, host), "{site}");
        }
        for site in ["cross-site", "same-site", "", "bogus"] {
            assert!(cross_site(Some(site), None, None, host), "{site}");
        }
        // Without Fetch Metadata: by Origin, then by Referer.
        assert!(!cross_site(None, None, None, host), "curl");
        assert!(!cross_site(None, Some("http://127.0.0.1:8000"), Some("http://127.0.0.1:8000/search.html?q=x"), host));
        for origin in ["null", "http://127.0.0.1:8001", "http://localhost:8000", "https://127.0.0.1:8000", "file://"] {
            assert!(cross_site(None, Some(origin), None, host), "{origin}");
        }
        for referer in ["http://127.0.0.1:8001/", "http://evil.example/x", "http://127.0.0.1:8000.evil.example/"] {
            assert!(cross_site(None, None, Some(referer), host), "{referer}");
        }
    }

    #[test]
    fn the_script_goes_before_the_end_of_the_body() {
        let page = inject("<html><body><p>x</p></body></html>", 3, Some("a <b> problem"), &Messages::english());
        assert!(page.ends_with("<script src=\"/__fieldbook/live.js?v=3\"></script></body></html>"));
        assert!(page.contains("a &lt;b&gt; problem"));
    }
}
