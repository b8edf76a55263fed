//! Reading built pages the way a browser's tokenizer does, to check links and ids.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};

/// One start tag: its name and attributes.
#[derive(Debug, Clone)]
pub(crate) struct Element {
    pub(crate) name: String,
    pub(crate) attrs: BTreeMap<String, String>,
}

struct Collect {
    elements: RefCell<Vec<Element>>,
    text: RefCell<String>,
}

impl TokenSink for Collect {
    type Handle = ();
    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => {
                let attrs = tag.attrs.iter().map(|a| (a.name.local.to_string(), a.value.to_string())).collect();
                self.elements.borrow_mut().push(Element { name: tag.name.to_string(), attrs });
            }
            Token::CharacterTokens(t) => self.text.borrow_mut().push_str(&t),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// The start tags and the text of an HTML document.
pub(crate) fn parse(html: &str) -> (Vec<Element>, String) {
    let sink = Collect { elements: RefCell::new(Vec::new()), text: RefCell::new(String::new()) };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from(html));
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    let sink = tokenizer.sink;
    (sink.elements.into_inner(), sink.text.into_inner())
}

/// Every file under `root`, relative, with `/`.
pub(crate) fn files(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

/// What is wrong with the links of a built site: each problem as "page: message".
pub(crate) fn link_problems(root: &Path) -> Vec<String> {
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut links: Vec<(String, String, String)> = Vec::new();
    let all = files(root);
    for page in all.iter().filter(|f| f.ends_with(".html")) {
        let html = std::fs::read_to_string(root.join(page)).unwrap();
        let (elements, _) = parse(&html);
        let page_ids = ids.entry(page.clone()).or_default();
        for e in &elements {
            if let Some(id) = e.attrs.get("id") {
                page_ids.insert(id.clone());
            }
            for attr in ["href", "src", "action", "srcset", "data", "poster"] {
                if let Some(url) = e.attrs.get(attr) {
                    links.push((page.clone(), e.name.clone(), format!("{attr}={url}")));
                }
            }
        }
    }
    let mut problems = Vec::new();
    for (page, element, link) in links {
        let (attr, url) = link.split_once('=').unwrap();
        let external = url.starts_with("http:") || url.starts_with("https:");
        if url.starts_with("mailto:") || url.starts_with("tel:") || (external && element == "a" && attr == "href") {
            continue;
        }
        if external || url.starts_with("//") || url.starts_with('/') || url.contains(':') {
            problems.push(format!("{page}: <{element} {attr}=\"{url}\"> reaches outside the site"));
            continue;
        }
        let (path, fragment) = match url.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (url, None),
        };
        // A browser asks for the file with the address's `%XX` escapes decoded.
        let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        let target = if path.is_empty() { Some(page.clone()) } else { join(&page, &path) };
        let Some(target) = target else {
            problems.push(format!("{page}: `{url}` climbs above the site root"));
            continue;
        };
        if !all.contains(&target) {
            problems.push(format!("{page}: `{url}` points to {target}, which does not exist"));
            continue;
        }
        if let Some(fragment) = fragment.filter(|f| !f.is_empty())
            && !ids.get(&target).is_some_and(|set| set.contains(fragment))
        {
            problems.push(format!("{page}: `{url}`: {target} has no id `{fragment}`"));
        }
    }
    problems
}

fn join(page: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// A copy of the site at `from` (fieldbook.toml, schema.toml, content/, themes/) in a fresh
/// folder named `name` under the test temporary folder.
pub(crate) fn copy_site(from: &Path, name: &str) -> PathBuf {
    let to = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&to);
    std::fs::create_dir_all(&to).unwrap();
    for item in ["fieldbook.toml", "schema.toml", "content", "themes"] {
        let source = from.join(item);
        if source.is_dir() {
            copy_dir(&source, &to.join(item));
        } else if source.is_file() {
            std::fs::copy(&source, to.join(item)).unwrap();
        }
    }
    to
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file of a built site and its bytes.
pub(crate) fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    files(root).into_iter().map(|f| (f.clone(), std::fs::read(root.join(&f)).unwrap())).collect()
}
