//! A real browser for the tests: headless Chromium, opening pages straight from disk.
//!
//! CI installs Chromium (see .ci/run). Without it these tests fail and say how to install it;
//! `FIELDBOOK_SKIP_BROWSER=1` skips them on a machine where that is not possible.

use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        if let Ok(out) = Command::new("which").arg(name).output()
            && out.status.success()
        {
            return Some(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()));
        }
    }
    None
}

/// The browser, or `None` when browser tests are explicitly skipped.
fn browser() -> Option<PathBuf> {
    if std::env::var_os("FIELDBOOK_SKIP_BROWSER").is_some() {
        eprintln!("FIELDBOOK_SKIP_BROWSER is set: browser test skipped");
        return None;
    }
    Some(chromium().expect(
        "these tests need Chromium (Debian: apt-get install chromium); set FIELDBOOK_SKIP_BROWSER=1 to skip them",
    ))
}

fn command(browser: &Path, profile: &str) -> Command {
    let mut cmd = Command::new(browser);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("chromium-{profile}"));
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--virtual-time-budget=5000",
    ]);
    cmd.arg(format!("--user-data-dir={}", dir.display()));
    cmd
}

/// The page's DOM after its scripts ran, opened from `file://`. `None` when skipped.
pub(crate) fn dom(page: &Path, query: &str, profile: &str) -> Option<String> {
    let browser = browser()?;
    let url = format!("file://{}{query}", page.display());
    let out = command(&browser, profile).arg("--dump-dom").arg(&url).output().expect("run chromium");
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A screenshot of the page, `width` by `height`, into `png`. False when skipped.
pub(crate) fn screenshot(page: &Path, png: &Path, width: u32, height: u32, profile: &str) -> bool {
    let Some(browser) = browser() else { return false };
    let _ = std::fs::remove_file(png);
    let status = command(&browser, profile)
        .arg(format!("--window-size={width},{height}"))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    assert!(status.status.success() || png.exists(), "chromium failed: {}", String::from_utf8_lossy(&status.stderr));
    true
}

/// A headless Chromium driven through ChromeDriver (WebDriver over HTTP), for pages that
/// change while they are open. Closed when dropped.
pub(crate) struct Driver {
    child: std::process::Child,
    port: u16,
    session: String,
}

impl Driver {
    /// Start ChromeDriver and open a browser. `None` when browser tests are skipped.
    pub(crate) fn start(profile: &str) -> Option<Driver> {
        browser()?;
        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
        let child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("these tests need ChromeDriver (Debian: apt-get install chromium-driver)");
        let mut driver = Driver { child, port, session: String::new() };
        let started = std::time::Instant::now();
        while driver.try_call("GET", "/status", None).is_none() {
            assert!(started.elapsed().as_secs() < 20, "ChromeDriver did not start");
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("chromedriver-{profile}"));
        let capabilities = serde_json::json!({ "capabilities": { "alwaysMatch": { "goog:chromeOptions": {
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", format!("--user-data-dir={}", dir.display())]
        }}}});
        let created = driver.call("POST", "/session", Some(capabilities));
        driver.session = created["value"]["sessionId"].as_str().expect("a WebDriver session").to_string();
        Some(driver)
    }

    fn try_call(&self, method: &str, path: &str, body: Option<serde_json::Value>) -> Option<serde_json::Value> {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", self.port)).ok()?;
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.port,
            body.len()
        )
        .ok()?;
        // Read the head, then exactly Content-Length bytes: ChromeDriver may keep the
        // connection open whatever the request says.
        stream.set_read_timeout(Some(std::time::Duration::from_secs(60))).ok()?;
        let mut reader = std::io::BufReader::new(stream);
        let mut length = 0usize;
        loop {
            let mut line = String::new();
            if std::io::BufRead::read_line(&mut reader, &mut line).ok()? == 0 {
                return None;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().ok()?;
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).ok()?;
        serde_json::from_slice(&body).ok()
    }

    fn call(&self, method: &str, path: &str, body: Option<serde_json::Value>) -> serde_json::Value {
        self.try_call(method, path, body).unwrap_or_else(|| panic!("WebDriver {method} {path} failed"))
    }

    /// Open `url`.
    pub(crate) fn go(&self, url: &str) {
        self.call("POST", &format!("/session/{}/url", self.session), Some(serde_json::json!({ "url": url })));
    }

    /// The value of `script` (a function body) run in the page.
    pub(crate) fn eval(&self, script: &str) -> serde_json::Value {
        let body = serde_json::json!({ "script": script, "args": [] });
        self.call("POST", &format!("/session/{}/execute/sync", self.session), Some(body))["value"].clone()
    }

    /// Wait until `script` returns true in the page, or panic after 20 seconds.
    pub(crate) fn wait_until(&self, script: &str, what: &str) {
        let started = std::time::Instant::now();
        while self.eval(script) != serde_json::Value::Bool(true) {
            assert!(started.elapsed().as_secs() < 20, "the page never showed {what}");
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self.try_call("DELETE", &format!("/session/{}", self.session), None);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
