//! `fieldbook serve` over HTTP: pages are rebuilt as files change, errors show as an overlay
//! over the last good version, nothing outside the site is reachable, nothing is written.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::support::fieldbook;

/// A running `fieldbook serve`, stopped when dropped.
pub(crate) struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub(crate) address: String,
    /// The site root.
    pub(crate) root: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Serve a fresh copy of the example site.
    pub(crate) fn start(name: &str, extra: &[&str]) -> Server {
        Server::start_speaking(name, extra, None)
    }

    /// Serve a fresh copy of the example site, speaking `language` (`FIELDBOOK_MESSAGES`)
    /// when one is given.
    pub(crate) fn start_speaking(name: &str, extra: &[&str], language: Option<&str>) -> Server {
        let root = crate::html::copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), name);
        let mut command = fieldbook();
        if let Some(language) = language {
            command.env("FIELDBOOK_MESSAGES", language);
        }
        let mut child = command
            .arg("--root")
            .arg(&root)
            .args(["serve", "--port", "0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start fieldbook serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).expect("read the address");
        let address = line.trim().trim_start_matches("http://").trim_end_matches('/').to_string();
        assert!(address.starts_with("127.0.0.1:"), "serve printed {line:?}");
        Server { child, address, root }
    }

    /// A raw request; returns the status code and the body.
    pub(crate) fn request(&self, target: &str, host: Option<&str>) -> (u16, String) {
        let (status, _, body) = self.request_with(target, host, &[]);
        (status, body)
    }

    /// A raw request with more headers; returns the status code, the headers and the body.
    pub(crate) fn request_with(
        &self,
        target: &str,
        host: Option<&str>,
        headers: &[(&str, &str)],
    ) -> (u16, String, String) {
        let mut stream = TcpStream::connect(&self.address).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        let host = host.unwrap_or(&self.address);
        let extra: String = headers.iter().map(|(name, value)| format!("{name}: {value}\r\n")).collect();
        write!(stream, "GET {target} HTTP/1.1\r\nHost: {host}\r\n{extra}Connection: close\r\n\r\n").unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).expect("read the response");
        let response = String::from_utf8_lossy(&response).into_owned();
        let status = response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
        (status, head.to_string(), body.to_string())
    }

    /// The page at `path`, once it contains `text` (waiting for a rebuild), or a panic.
    pub(crate) fn wait_for(&self, path: &str, text: &str) -> String {
        let started = Instant::now();
        loop {
            let (status, body) = self.request(path, None);
            if status == 200 && body.contains(text) {
                return body;
            }
            assert!(started.elapsed() < Duration::from_secs(20), "{path} never showed {text:?}:\n{body}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Give the site a project template that fails on every project (it reads `doc.titel`),
    /// and return the page at `path` once the server answers it with 500.
    pub(crate) fn break_project_template(&self, path: &str) -> String {
        let templates = self.root.join("themes/default/templates");
        std::fs::create_dir_all(&templates).unwrap();
        let template = "{% extends \"document.html\" %}{% block kind %}{{ doc.titel }}{% endblock kind %}";
        std::fs::write(templates.join("project.html"), template).unwrap();
        let started = Instant::now();
        loop {
            let (status, body) = self.request(path, None);
            if status == 500 {
                return body;
            }
            assert!(started.elapsed() < Duration::from_secs(20), "the page never failed:\n{body}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Replace `from` with `to` in a file of the site.
    pub(crate) fn edit(&self, file: &str, from: &str, to: &str) {
        self.edit_all(file, &[(from, to)]);
    }

    /// Make several replacements in `file` in one save, so that the server never sees a
    /// version with only some of them.
    pub(crate) fn edit_all(&self, file: &str, replacements: &[(&str, &str)]) {
        let path = self.root.join(file);
        let mut text = std::fs::read_to_string(&path).unwrap();
        for (from, to) in replacements {
            assert!(text.contains(from), "{file} has no {from:?}");
            text = text.replacen(from, to, 1);
        }
        std::fs::write(&path, text).unwrap();
    }
}

#[test]
fn a_saved_edit_shows_in_the_page_its_listing_and_its_indicator() {
    let server = Server::start("serve-edit", &[]);
    let page = server.wait_for("/communities/ain-lmaati.html", "sits where the coastal road");
    assert!(page.contains("<script src=\"/__fieldbook/live.js?v=0\"></script></body>"), "live reload script");
    let (_, before) = server.request("/__fieldbook/live?since=nothing", None);
    assert!(before.contains("\"version\":\"0\""), "{before}");

    server.edit("content/communities/ain-lmaati.md", "title: Aïn Lmaati", "title: Aïn Lmaati Plage");
    server.edit(
        "content/communities/ain-lmaati.md",
        // Not a figure the French translation repeats, which would then contradict it.
        "  educational-achievement:\n    value: 31",
        "  educational-achievement:\n    value: 37",
    );
    server.wait_for("/communities/ain-lmaati.html", "Aïn Lmaati Plage");
    server.wait_for("/communities/", "Aïn Lmaati Plage");
    let comparison = server.wait_for("/indicators/educational-achievement.html", "Aïn Lmaati Plage");
    assert!(comparison.contains("37"), "the new value is compared");
    // The project that refers to the profile lists it under its new title.
    server.wait_for("/projects/ain-lmaati-boat-repair-cooperative.html", "Aïn Lmaati Plage");
    // Open pages are told: the long poll answers with the new version.
    let (_, after) = server.request("/__fieldbook/live?since=0", None);
    assert!(!after.contains("\"version\":\"0\""), "{after}");
    // The search index follows too.
    server.wait_for("/search/docs-0.js", "Aïn Lmaati Plage");
    assert!(!server.root.join("site").exists(), "serve wrote the output folder");
}

#[test]
fn errors_show_over_the_last_good_version() {
    let server = Server::start("serve-errors", &[]);
    server.wait_for("/communities/ain-lmaati.html", "sits where the coastal road");
    server.edit_all(
        "content/communities/ain-lmaati.md",
        &[("sits where the coastal road", "stands where the coastal road"), ("    value: 61", "    value: 161")],
    );
    let page = server.wait_for("/communities/ain-lmaati.html", "fieldbook-overlay");
    assert!(page.contains("content/communities/ain-lmaati.md:"), "the overlay names the file and line:\n{page}");
    assert!(page.contains("161"), "and shows the problem");
    assert!(page.contains("sits where the coastal road"), "the last good version is served");
    let (_, live) = server.request("/__fieldbook/live?since=0", None);
    assert!(live.contains("not a percentage"), "{live}");
    // Fixed: the overlay goes, and the text edit made meanwhile shows.
    server.edit("content/communities/ain-lmaati.md", "    value: 161", "    value: 61");
    let page = server.wait_for("/communities/ain-lmaati.html", "stands where the coastal road");
    assert!(!page.contains("fieldbook-overlay\" role"), "the overlay stayed");
}

#[test]
fn a_page_a_template_fails_on_says_where_and_reloads_once_fixed() {
    let server = Server::start("serve-template-render", &[]);
    let path = "/projects/ain-lmaati-boat-repair-cooperative.html";
    server.wait_for(path, "<script src=\"/__fieldbook/live.js");
    let body = server.break_project_template(path);
    // The report, located in the site's template, on a page that reloads by itself.
    assert!(body.contains("error[template-render]"), "{body}");
    assert!(body.contains("themes/default/templates/project.html:1:"), "{body}");
    assert!(body.contains("there is no field `titel` here") && body.contains("did you mean `title`?"), "{body}");
    assert!(body.contains("fieldbook-overlay") && body.contains("/__fieldbook/live.js"), "{body}");
    std::fs::remove_file(server.root.join("themes/default/templates/project.html")).unwrap();
    server.wait_for(path, "Boat engine repair and net-mending cooperative");
}

#[test]
fn the_preview_speaks_the_sites_language() {
    let server = Server::start_speaking("serve-french", &[], Some("fr"));
    let path = "/communities/ain-lmaati.html";
    server.wait_for(path, "sits where the coastal road");
    // The overlay's heading, in the script that shows it when a change has errors.
    let (_, script) = server.request("/__fieldbook/live.js", None);
    assert!(script.contains("la dernière modification a des erreurs"), "{script}");
    // A mistake in content, as `check` says it in French, over the last good version.
    server.edit("content/communities/ain-lmaati.md", "    value: 61", "    value: 161");
    let page = server.wait_for(path, "fieldbook-overlay");
    assert!(page.contains("erreur[") && page.contains("content/communities/ain-lmaati.md:"), "{page}");
    assert!(page.contains("la dernière modification a des erreurs"), "{page}");
    server.edit("content/communities/ain-lmaati.md", "    value: 161", "    value: 61");
    server.wait_for(path, "<script src=\"/__fieldbook/live.js");
    // A page a template fails on: the report and the page in French.
    let body = server.break_project_template("/projects/ain-lmaati-boat-repair-cooperative.html");
    assert!(body.contains("<html lang=\"fr\" dir=\"ltr\">"), "{body}");
    assert!(body.contains("Cette page n&#39;a pas pu être faite"), "{body}");
    assert!(body.contains("erreur[template-render]: il n&#39;y a pas de champ `titel` ici"), "{body}");
}

#[test]
fn nothing_outside_the_site_is_served() {
    let server = Server::start("serve-traversal", &[]);
    let secret = std::fs::read_to_string(server.root.join("fieldbook.toml")).unwrap();
    for target in [
        "/../fieldbook.toml",
        "/../../../../etc/passwd",
        "/%2e%2e/fieldbook.toml",
        "/%2E%2E%2Ffieldbook.toml",
        "/..%2f..%2ffieldbook.toml",
        "/communities/..%2f..%2ffieldbook.toml",
        "/..%5cfieldbook.toml",
        "/content/communities/ain-lmaati.md",
        "/fieldbook.toml",
        "/./fieldbook.toml",
        "/%00",
    ] {
        let (status, body) = server.request(target, None);
        assert_eq!(status, 404, "{target}");
        assert!(!body.contains(&secret[..40]), "{target} leaked fieldbook.toml");
    }
    // Only this computer may ask (a page elsewhere cannot rebind a name to 127.0.0.1).
    let (status, _) = server.request("/", Some("attacker.example"));
    assert_eq!(status, 403);
    let (status, _) = server.request("/", Some("localhost"));
    assert_eq!(status, 200);
    // Files of the site, and a folder without its slash.
    assert_eq!(server.request("/assets/style.css", None).0, 200);
    assert_eq!(server.request("/communities/img/ain-lmaati-sketch.svg", None).0, 200);
    assert_eq!(server.request("/communities", None).0, 302);
}

#[test]
fn pages_of_other_sites_cannot_read_the_preview() {
    let server = Server::start("serve-cross-site", &[]);
    let draft = "Keur Ndiaye Lo";
    let (status, _, index) = server.request_with("/search/docs-0.js", None, &[("Sec-Fetch-Site", "same-origin")]);
    assert_eq!(status, 200);
    assert!(index.contains(draft), "the preview's index holds the draft");
    let other_port = format!("http://{}", server.address.replace(":", ":1"));
    let refused: [&[(&str, &str)]; 6] = [
        &[("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Mode", "no-cors"), ("Sec-Fetch-Dest", "script")],
        // Another port on this computer is the same site, not the same origin.
        &[("Sec-Fetch-Site", "same-site"), ("Sec-Fetch-Mode", "no-cors")],
        &[("Sec-Fetch-Site", "same-site"), ("Sec-Fetch-Mode", "navigate")],
        // Browsers without Fetch Metadata: a file:// page, a page on another port.
        &[("Origin", "null")],
        &[("Origin", &other_port)],
        &[("Referer", &format!("{other_port}/page.html"))],
    ];
    for target in [
        "/search/docs-0.js",
        "/communities/keur-ndiaye-lo.html",
        "/",
        "/assets/style.css",
        "/communities",
        "/no-such-page.html",
        "/__fieldbook/live.js",
        "/__fieldbook/live?since=nothing",
    ] {
        for headers in refused {
            let (status, _, body) = server.request_with(target, None, headers);
            assert_eq!(status, 403, "{target} {headers:?}");
            assert!(!body.contains(draft) && !body.contains("version"), "{target} {headers:?}: {body}");
        }
    }
    // The preview's own pages, the reader opening an address, and tools without the header.
    let ours = format!("http://{}", server.address);
    let allowed: [&[(&str, &str)]; 4] = [
        &[("Sec-Fetch-Site", "same-origin"), ("Origin", &ours), ("Referer", &format!("{ours}/search.html"))],
        &[("Sec-Fetch-Site", "none"), ("Sec-Fetch-Mode", "navigate")],
        &[("Referer", &format!("{ours}/"))],
        &[],
    ];
    for headers in allowed {
        let (status, head, body) = server.request_with("/search/docs-0.js", None, headers);
        assert_eq!(status, 200, "{headers:?}");
        assert!(body.contains(draft));
        assert!(head.contains("Cross-Origin-Resource-Policy: same-origin"), "{head}");
        let (status, _, live) = server.request_with("/__fieldbook/live?since=nothing", None, headers);
        assert_eq!(status, 200, "{headers:?}");
        assert!(live.contains("\"version\""), "{live}");
    }
}

#[test]
fn a_page_of_another_site_cannot_load_the_index_in_a_real_browser() {
    let server = Server::start("serve-cross-site-browser", &[]);
    let Some(browser) = crate::browser::Driver::start("serve-cross-site") else { return };
    let port = server.address.rsplit(':').next().unwrap();
    // localhost and 127.0.0.1 are different sites to the browser: the page is of another site.
    browser.go(&format!("http://localhost:{port}/communities/ain-lmaati.html"));
    browser.wait_until("return document.readyState === 'complete'", "the page");
    let load = |url: &str| {
        format!(
            "var s = document.createElement('script'); s.src = '{url}'; \
             s.onload = function () {{ window.outcome = 'loaded'; }}; \
             s.onerror = function () {{ window.outcome = 'refused'; }}; \
             window.outcome = ''; document.head.appendChild(s); return true"
        )
    };
    browser.eval(&load(&format!("http://127.0.0.1:{port}/search/docs-0.js")));
    browser.wait_until("return window.outcome !== ''", "the other site's script to settle");
    assert_eq!(browser.eval("return window.outcome"), "refused");
    // The same script from the page's own origin loads.
    browser.eval(&load(&format!("http://localhost:{port}/search/docs-0.js")));
    browser.wait_until("return window.outcome !== ''", "the page's own script to settle");
    assert_eq!(browser.eval("return window.outcome"), "loaded");
}

#[test]
fn drafts_are_served_unless_asked_otherwise() {
    let server = Server::start("serve-drafts", &[]);
    assert_eq!(server.request("/communities/keur-ndiaye-lo.html", None).0, 200);
    let published = Server::start("serve-published", &["--published-only"]);
    assert_eq!(published.request("/communities/keur-ndiaye-lo.html", None).0, 404);
    assert_eq!(published.request("/communities/hay-ennakhil-sud.html", None).0, 404, "confidential");
}

#[test]
fn open_pages_reload_by_themselves_and_show_errors_in_a_real_browser() {
    let Some(browser) = crate::browser::Driver::start("serve-live") else { return };
    let server = Server::start("serve-browser", &[]);
    browser.go(&format!("http://{}/communities/ain-lmaati.html", server.address));
    browser.wait_until("return document.body.innerText.includes('sits where the coastal road')", "the page");
    // A mark that a reload would wipe out.
    browser.eval("window.fieldbookTestMark = 1; return true");

    server.edit("content/communities/ain-lmaati.md", "sits where the coastal road", "stands where the coastal road");
    browser.wait_until(
        "return document.body.innerText.includes('stands where the coastal road') && window.fieldbookTestMark === undefined",
        "the edit, after reloading by itself",
    );

    // An error: the overlay appears over the page as it was, without a reload.
    browser.eval("window.fieldbookTestMark = 2; return true");
    server.edit("content/communities/ain-lmaati.md", "    value: 61", "    value: 161");
    browser.wait_until(
        "var o = document.getElementById('fieldbook-overlay'); return !!o && o.innerText.includes('content/communities/ain-lmaati.md:') && window.fieldbookTestMark === 2",
        "the error overlay",
    );
    // Fixed: the page reloads and the overlay is gone.
    server.edit("content/communities/ain-lmaati.md", "    value: 161", "    value: 61");
    browser.wait_until(
        "return !document.getElementById('fieldbook-overlay') && window.fieldbookTestMark === undefined",
        "the page without the overlay",
    );
}

#[test]
fn open_starts_the_browser_named_by_browser_at_the_served_address() {
    use std::os::unix::fs::PermissionsExt;
    let root = crate::html::copy_site(&crate::support::fixture("build/basic"), "serve-open");
    let opened = root.join("opened.txt");
    let browser = root.join("fake-browser.sh");
    std::fs::write(&browser, format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", opened.display())).unwrap();
    std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut child = fieldbook()
        .env("BROWSER", &browser)
        .arg("--root")
        .arg(&root)
        .args(["serve", "--port", "0", "--open"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let mut url = String::new();
    for _ in 0..100 {
        url = std::fs::read_to_string(&opened).unwrap_or_default();
        if !url.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(url, line.trim(), "the browser was not opened at the served address");
}
