//! `fieldbook serve`: the site over HTTP on this computer, rebuilt as files change, with open
//! pages reloading by themselves.
//!
//! Nothing is written to disk: a [`Session`] keeps the last good version of the site in memory
//! and renders each page when it is asked for. A watcher reports changes under content/ and
//! themes/ and to fieldbook.toml and schema.toml; they are taken in together once the files are
//! quiet for a moment. Open pages wait on a long poll (`/__fieldbook/live`) and reload when a
//! new version is ready, or show an overlay with the errors that kept it from being made.

pub mod http;

use std::collections::BTreeSet;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

use notify::Watcher;

use crate::config::{CONFIG_FILE, SCHEMA_FILE};
use crate::diagnostic::Diagnostics;
use crate::error::{Error, Result};
use crate::loaded::{Applied, Rejected, Session, SessionOptions};
use crate::messages::{Message, Messages};

/// How long the files must be quiet before a change is taken in: editors often write a file
/// in several steps.
const QUIET: Duration = Duration::from_millis(30);
/// How long a page's long poll waits before it is answered with "no change".
const POLL: Duration = Duration::from_secs(25);
/// How many ports above the default to try when it is taken.
const PORT_TRIES: u16 = 10;

/// Where and what to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site and its audience.
    pub session: SessionOptions,
    /// The address to listen on: 127.0.0.1 unless the user asks for another.
    pub address: IpAddr,
    /// The port.
    pub port: u16,
    /// When the port was not chosen by the user, the next ones are tried if it is taken.
    pub try_next_ports: bool,
    /// The language the preview speaks: its problems, in the terminal and over the pages, and
    /// its own pages.
    pub messages: Messages,
}

/// What happens while serving, for the terminal.
#[derive(Debug)]
pub enum Event {
    /// The site was loaded; `warnings` are its warnings.
    Loaded {
        /// How long it took.
        elapsed: Duration,
        /// The site's warnings.
        warnings: Diagnostics,
    },
    /// Serving at this address.
    Listening(SocketAddr),
    /// Files changed and the site was brought up to date.
    Rebuilt {
        /// The files.
        paths: Vec<PathBuf>,
        /// How the change was taken in.
        applied: Applied,
        /// How long it took.
        elapsed: Duration,
        /// The warnings of the new version.
        warnings: usize,
    },
    /// A change (or the first load) has errors; the last good version stays.
    Rejected {
        /// The errors, rendered.
        errors: String,
        /// How many.
        count: usize,
    },
    /// A request failed in a way the user should see.
    Failed(String),
}

struct Shared {
    session: RwLock<Option<Session>>,
    status: Mutex<Status>,
    changed: Condvar,
    options: ServeOptions,
}

#[derive(Debug, Clone, Default)]
struct Status {
    /// Bumped on every change the browser should see.
    version: u64,
    /// The errors keeping the site from its latest version, rendered.
    errors: Option<String>,
}

type Report = Arc<dyn Fn(Event) + Send + Sync>;

/// Serve the site until the process is stopped.
pub fn serve(options: ServeOptions, report: Report) -> Result<()> {
    let shared = Arc::new(Shared {
        session: RwLock::new(None),
        status: Mutex::new(Status::default()),
        changed: Condvar::new(),
        options: options.clone(),
    });
    let started = Instant::now();
    match Session::open(options.session.clone())? {
        Ok(session) => {
            report(Event::Loaded { elapsed: started.elapsed(), warnings: session.diagnostics().clone() });
            *write(&shared.session) = Some(session);
        }
        Err(rejected) => {
            let (errors, count) = describe(&rejected, &options.messages);
            lock(&shared.status).errors = Some(errors.clone());
            report(Event::Rejected { errors, count });
        }
    }
    let (server, address) = bind(&options)?;
    report(Event::Listening(address));

    let (sender, receiver) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = sender.send(event);
    })
    .map_err(|e| Error::Said(Message::new("fatal.cannot-watch-site").with("why", e.to_string())))?;
    let root = options.session.root.clone();
    watch(&mut watcher, &root)?;
    {
        let shared = shared.clone();
        let report = report.clone();
        std::thread::spawn(move || rebuild_loop(&shared, watcher, receiver, &report));
    }

    let loopback = options.address.is_loopback();
    for request in server.incoming_requests() {
        let shared = shared.clone();
        let report = report.clone();
        std::thread::spawn(move || handle(&shared, request, loopback, &report));
    }
    Ok(())
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The errors that kept a version of the site from being made, as `check` says them in the
/// language of `messages`, and how many there are.
fn describe(rejected: &Rejected, messages: &Messages) -> (String, usize) {
    match rejected {
        Rejected::Problems(problems) => {
            let errors: Vec<String> = problems
                .iter()
                .filter(|d| d.severity == crate::diagnostic::Severity::Error)
                .map(|d| d.render_in(messages))
                .collect();
            (errors.join("\n"), errors.len())
        }
        Rejected::Theme(message) => {
            (messages.render(&Message::new("fatal.template").with("details", message.as_str())), 1)
        }
    }
}

/// `error` as the preview says it, in the language of `messages`: located problems as `check`
/// shows them.
fn said(error: &Error, messages: &Messages) -> String {
    match error {
        Error::Problem(problem) => problem.render_in(messages),
        Error::Problems(problems) => problems.iter().map(|d| d.render_in(messages)).collect(),
        error => error.said().map_or_else(|| error.to_string(), |message| messages.render(&message)),
    }
}

fn bind(options: &ServeOptions) -> Result<(tiny_http::Server, SocketAddr)> {
    let tries = if options.try_next_ports { PORT_TRIES } else { 1 };
    let mut last = String::new();
    for offset in 0..tries {
        let Some(port) = options.port.checked_add(offset) else { break };
        match tiny_http::Server::http(SocketAddr::new(options.address, port)) {
            Ok(server) => {
                let address = server.server_addr().to_ip().unwrap_or(SocketAddr::new(options.address, port));
                return Ok((server, address));
            }
            Err(e) => last = e.to_string(),
        }
    }
    let message = match tries {
        0 | 1 => Message::new("fatal.cannot-listen"),
        n => Message::new("fatal.cannot-listen-on-any").number("n", n as u64 - 1),
    };
    Err(Error::Said(message.with("address", format!("{}:{}", options.address, options.port)).with("why", last)))
}

/// Watch what the site is made of: the root's own files, and content/ and themes/ throughout.
/// Not the output folders, .git or node_modules, which can hold many files.
fn watch(watcher: &mut notify::RecommendedWatcher, root: &std::path::Path) -> Result<()> {
    let fail = |e: notify::Error| {
        let shown = crate::error::shown(root);
        Error::Said(Message::new("fatal.cannot-watch").with("path", shown).with("why", e.to_string()))
    };
    watcher.watch(root, notify::RecursiveMode::NonRecursive).map_err(fail)?;
    for folder in ["content", "themes"] {
        let path = root.join(folder);
        if path.is_dir() {
            watcher.watch(&path, notify::RecursiveMode::Recursive).map_err(fail)?;
        }
    }
    Ok(())
}

fn rebuild_loop(
    shared: &Shared,
    mut watcher: notify::RecommendedWatcher,
    receiver: Receiver<notify::Result<notify::Event>>,
    report: &Report,
) {
    let root = shared.options.session.root.clone();
    // Files whose last change was rejected: taken in again with the next change.
    let mut pending: BTreeSet<PathBuf> = BTreeSet::new();
    let mut watched_later: BTreeSet<PathBuf> = BTreeSet::new();
    while let Ok(first) = receiver.recv() {
        let mut paths: BTreeSet<PathBuf> = BTreeSet::new();
        let add = |event: notify::Result<notify::Event>, paths: &mut BTreeSet<PathBuf>| match event {
            Ok(event) if event.kind.is_access() => {}
            Ok(event) => paths.extend(event.paths),
            // Events were lost: load everything again.
            Err(_) => {
                paths.insert(root.join(CONFIG_FILE));
            }
        };
        add(first, &mut paths);
        loop {
            match receiver.recv_timeout(QUIET) {
                Ok(event) => add(event, &mut paths),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        // content/ or themes/ created after the start: watch them too.
        for folder in ["content", "themes"] {
            let path = root.join(folder);
            if paths.contains(&path) && path.is_dir() && watched_later.insert(path.clone()) {
                let _ = watcher.watch(&path, notify::RecursiveMode::Recursive);
            }
        }
        let relevant: Vec<PathBuf> = paths
            .into_iter()
            .filter(|p| {
                let relative = p.strip_prefix(&root).unwrap_or(p);
                relative.starts_with("content")
                    || relative.starts_with("themes")
                    || relative == std::path::Path::new(CONFIG_FILE)
                    || relative == std::path::Path::new(SCHEMA_FILE)
            })
            .collect();
        // Leave out editors' temporary files, which come and go while a file is saved.
        let relevant: Vec<PathBuf> = match read(&shared.session).as_ref() {
            Some(session) => relevant.into_iter().filter(|p| session.affects(p)).collect(),
            None => relevant,
        };
        if relevant.is_empty() {
            continue;
        }
        let mut all: Vec<PathBuf> = pending.iter().cloned().collect();
        all.extend(relevant.iter().cloned());
        all.sort();
        all.dedup();
        let started = Instant::now();
        // The session and the status change together: a request reads both under the
        // session's lock, so a page never pairs the new site with the old errors.
        let mut guard = write(&shared.session);
        let outcome = match guard.as_mut() {
            Some(session) => session.update(&all),
            None => Session::open(shared.options.session.clone()).map(|opened| {
                opened.map(|session| {
                    *guard = Some(session);
                    Applied::Reloaded
                })
            }),
        };
        let mut status = lock(&shared.status);
        match outcome {
            Ok(Ok(Applied::Nothing)) => continue,
            Ok(Ok(applied)) => {
                pending.clear();
                status.version += 1;
                status.errors = None;
                let warnings = guard.as_ref().map_or(0, |s| s.diagnostics().warning_count());
                report(Event::Rebuilt { paths: relevant, applied, elapsed: started.elapsed(), warnings });
            }
            Ok(Err(rejected)) => {
                pending.extend(relevant);
                status.version += 1;
                let (errors, count) = describe(&rejected, &shared.options.messages);
                status.errors = Some(errors.clone());
                report(Event::Rejected { errors, count });
            }
            Err(e) => {
                pending.extend(relevant);
                status.version += 1;
                let said = said(&e, &shared.options.messages);
                status.errors = Some(said.clone());
                report(Event::Failed(said));
            }
        }
        drop(guard);
        drop(status);
        shared.changed.notify_all();
    }
}

/// A response with these headers (all plain ASCII: names are ours, values are encoded).
fn with_headers<R: std::io::Read>(
    mut response: tiny_http::Response<R>,
    headers: &[(&str, &str)],
) -> tiny_http::Response<R> {
    for (name, value) in headers {
        if let Ok(header) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response = response.with_header(header);
        }
    }
    response
}

/// `path` with every byte outside plain ASCII percent-encoded, for a `Location` header.
fn encode_path(path: &str) -> String {
    path.bytes()
        .map(|b| if b.is_ascii_graphic() && b != b'%' { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

fn respond(request: tiny_http::Request, status: u16, content_type: &str, body: Vec<u8>) {
    let response = with_headers(
        tiny_http::Response::from_data(body).with_status_code(status),
        &[
            ("Content-Type", content_type),
            ("Cache-Control", "no-store"),
            ("X-Content-Type-Options", "nosniff"),
            // Browsers that know it refuse to hand the response to a page of another origin.
            ("Cross-Origin-Resource-Policy", "same-origin"),
            ("Vary", "Sec-Fetch-Site, Origin, Referer"),
        ],
    );
    let _ = request.respond(response);
}

/// The value of the request's header `name`, if it has one.
fn header(request: &tiny_http::Request, name: &'static str) -> Option<String> {
    request.headers().iter().find(|h| h.field.equiv(name)).map(|h| h.value.as_str().to_string())
}

fn handle(shared: &Shared, request: tiny_http::Request, loopback: bool, report: &Report) {
    use tiny_http::Method;
    if !matches!(request.method(), Method::Get | Method::Head) {
        return respond(request, 405, "text/plain; charset=utf-8", b"Fieldbook serves pages only (GET).\n".to_vec());
    }
    let header = |name: &'static str| header(&request, name);
    let host = header("Host");
    if loopback && !host.as_deref().is_some_and(http::local_host) {
        let body = "This site is served to this computer only: open it at http://127.0.0.1 or http://localhost.\n";
        return respond(request, 403, "text/plain; charset=utf-8", body.into());
    }
    let (fetch_site, origin, referer) = (header("Sec-Fetch-Site"), header("Origin"), header("Referer"));
    if http::cross_site(fetch_site.as_deref(), origin.as_deref(), referer.as_deref(), host.as_deref().unwrap_or("")) {
        let body = "The preview answers only its own pages: open it yourself, by typing its address.\n";
        return respond(request, 403, "text/plain; charset=utf-8", body.into());
    }
    let url = request.url().to_string();
    if let Some(rest) = url.strip_prefix(&format!("/{}", http::PREFIX)) {
        return serve_own(shared, request, rest);
    }
    let Some(path) = http::site_path(&url) else {
        return respond(request, 404, "text/plain; charset=utf-8", b"Not found.\n".to_vec());
    };
    let guard = read(&shared.session);
    let status = lock(&shared.status).clone();
    let Some(session) = guard.as_ref() else {
        let messages = &shared.options.messages;
        let not_loaded = messages.render(&Message::new("preview.not-loaded"));
        let errors = status.errors.as_deref().unwrap_or(&not_loaded);
        let page = http::error_page(errors, status.version, messages);
        return respond(request, 200, "text/html; charset=utf-8", page.into());
    };
    let is_html = path.ends_with(".html");
    match session.file(&path) {
        Some(Ok(bytes)) if is_html => {
            let page = http::inject(
                &String::from_utf8_lossy(&bytes),
                status.version,
                status.errors.as_deref(),
                &shared.options.messages,
            );
            respond(request, 200, http::content_type(&path), page.into_bytes());
        }
        Some(Ok(bytes)) => respond(request, 200, http::content_type(&path), bytes),
        // A page that could not be made (a template that fails on it): what went wrong, on a
        // page that reloads once the template is fixed.
        Some(Err(e)) if is_html => {
            let said = said(&e, &shared.options.messages);
            report(Event::Failed(format!("{path}: {said}")));
            let page = http::failed_page(&said, status.version, &shared.options.messages);
            respond(request, 500, "text/html; charset=utf-8", page.into());
        }
        Some(Err(e)) => {
            let said = said(&e, &shared.options.messages);
            report(Event::Failed(format!("{path}: {said}")));
            respond(request, 500, "text/plain; charset=utf-8", format!("{path}: {said}\n").into_bytes());
        }
        None => {
            // `/communities` means the folder.
            let last = path.rsplit('/').next().unwrap_or("");
            if !last.contains('.') && session.page(&format!("{path}/index.html")).is_some() {
                let location = format!("/{}/", encode_path(&path));
                let response = with_headers(
                    tiny_http::Response::from_data(Vec::new()).with_status_code(302),
                    &[("Location", &location)],
                );
                let _ = request.respond(response);
                return;
            }
            let page = match session.page(crate::link::routes::NOT_FOUND) {
                Some(Ok(page)) => {
                    http::inject(&page, status.version, status.errors.as_deref(), &shared.options.messages)
                }
                _ => "Not found.".to_string(),
            };
            respond(request, 404, "text/html; charset=utf-8", page.into_bytes());
        }
    }
}

/// The server's own endpoints: the live-reload script and its long poll.
fn serve_own(shared: &Shared, request: tiny_http::Request, rest: &str) {
    let (name, query) = rest.split_once('?').unwrap_or((rest, ""));
    match name {
        "live.js" => {
            let script = http::live_script(&shared.options.messages);
            respond(request, 200, "text/javascript; charset=utf-8", script.into_bytes())
        }
        "live" => {
            let since = query.split('&').find_map(|p| p.strip_prefix("since=")).unwrap_or("").to_string();
            let deadline = Instant::now() + POLL;
            let mut status = lock(&shared.status);
            while status.version.to_string() == since {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    break;
                }
                status = shared.changed.wait_timeout(status, left).map(|(s, _)| s).unwrap_or_else(|e| e.into_inner().0);
            }
            let body = serde_json::json!({ "version": status.version.to_string(), "errors": status.errors });
            drop(status);
            respond(request, 200, "application/json", body.to_string().into_bytes());
        }
        _ => respond(request, 404, "text/plain; charset=utf-8", b"Not found.\n".to_vec()),
    }
}
