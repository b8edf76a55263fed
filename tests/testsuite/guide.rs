//! The user guide (docs/src/, an mdBook) and the other documentation: every relative link and
//! `#anchor` leads somewhere, every page is in the book's contents, every mdBook directive
//! names a file, the page "Troubleshooting" lists every diagnostic code, and a message in
//! another language names a page of the (English) guide as the guide does. Runs without
//! mdbook.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The markdown files checked: the book's pages and the documentation beside the code.
fn documents() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("docs/src"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    for extra in [
        "README.md",
        "ARCHITECTURE.md",
        "benches/README.md",
        "benches/HISTORY.md",
        "benches/HISTORY-2026-12-06.md",
        "tests/testsuite/README.md",
    ] {
        files.push(repo().join(extra));
    }
    files
}

/// What mdBook (and, near enough, GitHub) makes of a heading's text as its id.
fn heading_id(text: &str) -> String {
    text.trim()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c.to_ascii_lowercase())
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

struct Page {
    /// Heading ids, with `-1`, `-2` for repeated ones as mdBook numbers them.
    anchors: BTreeSet<String>,
    /// Headings' texts, in order.
    headings: Vec<String>,
    /// Link and image destinations, with the line they are on.
    links: Vec<(usize, String)>,
}

fn parse(text: &str) -> Page {
    let mut anchors = BTreeSet::new();
    let mut headings = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut links = Vec::new();
    let mut heading: Option<(Option<String>, String)> = None;
    let line_of = |offset: usize| text[..offset].matches('\n').count() + 1;
    for (event, range) in Parser::new_ext(text, Options::all()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { id, .. }) => heading = Some((id.map(|i| i.to_string()), String::new())),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, buffer)) = heading.as_mut() {
                    buffer.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let (explicit, buffer) = heading.take().unwrap();
                let base = explicit.unwrap_or_else(|| heading_id(&buffer));
                let count = seen.entry(base.clone()).or_insert(0);
                anchors.insert(if *count == 0 { base.clone() } else { format!("{base}-{count}") });
                *count += 1;
                headings.push(buffer);
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                links.push((line_of(range.start), dest_url.to_string()));
            }
            _ => {}
        }
    }
    Page { anchors, headings, links }
}

/// `base` joined with a relative path, `..` taken away, without touching the disk.
fn join(base: &Path, relative: &str) -> PathBuf {
    let mut out = PathBuf::new();
    for component in base.join(relative).components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[test]
fn every_link_in_the_guide_and_the_documentation_leads_somewhere() {
    let book = repo().join("docs/src");
    let mut pages: BTreeMap<PathBuf, Page> = BTreeMap::new();
    for file in documents() {
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        pages.insert(file, parse(&text));
    }
    let mut problems = Vec::new();
    for (file, page) in &pages {
        let shown = file.strip_prefix(repo()).unwrap().display().to_string();
        for (line, dest) in &page.links {
            // Web addresses, mail, and the example links of the guide's code blocks aside
            // (those are in code, which the parser does not report as links).
            if dest.contains("://") || dest.starts_with("mailto:") {
                continue;
            }
            let (path, fragment) = match dest.split_once('#') {
                Some((path, fragment)) => (path, Some(fragment)),
                None => (dest.as_str(), None),
            };
            let target = if path.is_empty() { file.clone() } else { join(file.parent().unwrap(), path) };
            if path.starts_with('/') || !target.starts_with(repo()) {
                problems.push(format!("{shown}:{line}: `{dest}` leaves the repository"));
                continue;
            }
            if !target.exists() {
                problems.push(format!("{shown}:{line}: `{dest}` does not exist"));
                continue;
            }
            // mdBook turns every link to a .md file into one to .html: outside the book, that
            // file is not built, and the link would break in the built book.
            if file.starts_with(&book) && path.ends_with(".md") && !target.starts_with(&book) {
                problems.push(format!(
                    "{shown}:{line}: `{dest}` is a markdown file outside docs/src/, which the built book would link as .html; link its folder, or name it in code"
                ));
            }
            if let Some(fragment) = fragment {
                match pages.get(&target) {
                    Some(linked) if linked.anchors.contains(fragment) => {}
                    Some(_) => problems.push(format!("{shown}:{line}: `{dest}`: no heading has the id `{fragment}`")),
                    None => {
                        problems.push(format!("{shown}:{line}: `{dest}`: an anchor into a file that is not checked"))
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "broken links:\n{}", problems.join("\n"));
}

/// mdBook fills in `{{#include path}}` (and `#rustdoc_include`, `#playground`...) wherever it
/// is written, code spans included, unless a backslash comes before it: one that names no
/// file breaks the page where it stands.
#[test]
fn every_mdbook_directive_in_the_guide_names_a_file() {
    let mut problems = Vec::new();
    for page in documents().into_iter().filter(|p| p.starts_with(repo().join("docs/src"))) {
        let text = std::fs::read_to_string(&page).unwrap();
        for (at, _) in text.match_indices("{{#") {
            if text[..at].ends_with('\\') {
                continue;
            }
            let directive = &text[at + 3..text[at..].find("}}").map_or(text.len(), |end| at + end)];
            let target = directive.split_whitespace().nth(1).unwrap_or("");
            let path = target.split(':').next().unwrap_or("");
            if path.is_empty() || !page.parent().unwrap().join(path).is_file() {
                problems.push(format!("{}: {{{{#{directive}}}}}", page.display()));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "mdBook would fail to fill in (write `\\{{{{#` to show one as it is):\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_page_of_the_guide_is_in_its_contents() {
    let summary = std::fs::read_to_string(repo().join("docs/src/SUMMARY.md")).unwrap();
    let listed: BTreeSet<String> = parse(&summary).links.into_iter().map(|(_, dest)| dest).collect();
    let pages: BTreeSet<String> = documents()
        .into_iter()
        .filter(|p| p.starts_with(repo().join("docs/src")))
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .filter(|name| name != "SUMMARY.md")
        .collect();
    assert_eq!(listed, pages, "docs/src/SUMMARY.md should list every page in docs/src/, and only those");
}

/// The codes of the table in docs/src/troubleshooting.md: its rows' first cells.
fn codes_in_troubleshooting() -> Vec<String> {
    let page = std::fs::read_to_string(repo().join("docs/src/troubleshooting.md")).unwrap();
    page.lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|rest| rest.split_once('`').map(|(code, _)| code.to_string()))
        .collect()
}

#[test]
fn troubleshooting_lists_every_diagnostic_code_once() {
    let listed = codes_in_troubleshooting();
    let unique: BTreeSet<String> = listed.iter().cloned().collect();
    assert_eq!(unique.len(), listed.len(), "a code is listed twice in docs/src/troubleshooting.md");
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(listed, sorted, "docs/src/troubleshooting.md lists the codes in alphabetical order");

    // Exactly the codes of the registry, which every diagnostic is checked against.
    let registry: BTreeSet<String> = fieldbook::codes::CODES.iter().map(|c| c.id.to_string()).collect();
    let missing: Vec<&String> = registry.difference(&unique).collect();
    assert!(missing.is_empty(), "codes not in docs/src/troubleshooting.md: {missing:?}");
    let stale: Vec<&String> = unique.difference(&registry).collect();
    assert!(stale.is_empty(), "docs/src/troubleshooting.md lists codes that are not in codes::CODES: {stale:?}");
}

/// Every heading text of the guide (pages' titles in the contents, and every `#` heading).
fn guide_headings() -> BTreeSet<String> {
    let mut headings = BTreeSet::new();
    let summary = std::fs::read_to_string(repo().join("docs/src/SUMMARY.md")).unwrap();
    for line in summary.lines() {
        if let Some((title, _)) = line.split_once("](").and_then(|(head, rest)| Some((head.split_once('[')?.1, rest))) {
            headings.insert(title.to_string());
        }
    }
    for page in documents().into_iter().filter(|p| p.starts_with(repo().join("docs/src"))) {
        headings.extend(parse(&std::fs::read_to_string(&page).unwrap()).headings);
    }
    // A page is also known by its title's words before a colon ("Troubleshooting").
    let short: Vec<String> = headings.iter().filter_map(|h| Some(h.split_once(':')?.0.to_string())).collect();
    headings.extend(short);
    headings
}

/// The guide is in English only: a message in another language that sends its reader to a
/// page or section of the guide names it as the guide does ("la page « Themes » du guide"),
/// not translated, so that it can be found there.
#[test]
fn translated_messages_name_the_guides_pages_as_the_guide_does() {
    let headings = guide_headings();
    // What introduces a page or section of the guide, by language: the name is in the quotes
    // just before it.
    let before = [" du guide", " dans le guide", " de la guía", " en la guía", " في الدليل", " في دليل"];
    let mut named = 0;
    for folder in ["src/messages", "src/messages/settings", "src/messages/commands", "src/messages/explain"] {
        for language in ["fr", "es", "ar"] {
            let text = std::fs::read_to_string(repo().join(folder).join(format!("{language}.toml"))).unwrap();
            for marker in before {
                for (at, _) in text.match_indices(marker) {
                    let head = text[..at].trim_end();
                    let close = ["»", "\\\""].into_iter().find(|q| head.ends_with(q));
                    let Some(close) = close else { continue };
                    let open = if close == "»" { "«" } else { "\\\"" };
                    let inner = &head[..head.len() - close.len()];
                    let Some(start) = inner.rfind(open) else { continue };
                    let name = inner[start + open.len()..].trim().trim_matches('\u{202f}').trim();
                    named += 1;
                    assert!(
                        headings.contains(name),
                        "{folder}/{language}.toml names the guide's \"{name}\", which is no heading of the guide"
                    );
                }
            }
        }
    }
    assert!(named >= 10, "only {named} names of the guide's pages found: the patterns no longer match the catalogues");
}
