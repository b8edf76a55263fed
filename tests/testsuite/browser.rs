//! A real browser for the tests: headless Chromium, opening pages straight from disk, and
//! ChromeDriver for pages that change while they are open.
//!
//! Where Chromium or ChromeDriver cannot be found, a browser test prints that it was skipped
//! and why, and passes without running, so that `cargo test` works with only Rust installed.
//! Where the browser is required it fails instead: with `FIELDBOOK_REQUIRE_BROWSER=1` (which
//! .ci/run sets) or `CI=true` (set by most CI services) in the environment. Programs are looked
//! for on PATH (`chromium`, `chromium-browser`, `google-chrome`; `chromedriver`), or taken from
//! `FIELDBOOK_CHROMIUM` and `FIELDBOOK_CHROMEDRIVER` when those are set.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A program a browser test needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tool {
    /// The browser.
    Chromium,
    /// The WebDriver server that drives it.
    ChromeDriver,
}

impl Tool {
    fn name(self) -> &'static str {
        match self {
            Tool::Chromium => "Chromium",
            Tool::ChromeDriver => "ChromeDriver",
        }
    }

    /// The variable that names the program, overriding the search of PATH.
    fn variable(self) -> &'static str {
        match self {
            Tool::Chromium => "FIELDBOOK_CHROMIUM",
            Tool::ChromeDriver => "FIELDBOOK_CHROMEDRIVER",
        }
    }

    /// The names looked for on PATH, in order.
    fn programs(self) -> &'static [&'static str] {
        match self {
            Tool::Chromium => &["chromium", "chromium-browser", "google-chrome"],
            Tool::ChromeDriver => &["chromedriver"],
        }
    }
}

/// What a browser test does, given the programs it needs and the environment.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Run, with the path of each program asked for, in the same order.
    Run(Vec<PathBuf>),
    /// Skip the test, for this reason.
    Skip(String),
    /// Fail the test: a program is missing where the browser tests are required.
    Fail(String),
}

const INSTALL: &str = "install chromium and chromium-driver, or see README";

/// Whether the test may run, is skipped or must fail, reading the environment through `env`
/// (a fake one in the tests below).
pub(crate) fn decide(tools: &[Tool], env: &dyn Fn(&str) -> Option<OsString>) -> Decision {
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for &tool in tools {
        match locate(tool, env) {
            Ok(path) => found.push(path),
            Err(what) => missing.push(what),
        }
    }
    if missing.is_empty() {
        return Decision::Run(found);
    }
    // "Chromium and ChromeDriver not found", unless one was looked for where a variable said.
    let names: Option<Vec<&str>> = missing.iter().map(|m| m.strip_suffix(" not found")).collect();
    let what = match names {
        Some(names) => format!("{} not found", names.join(" and ")),
        None => missing.join(" and "),
    };
    match required_by(env) {
        None => Decision::Skip(format!("{what} ({INSTALL})")),
        Some(why) => Decision::Fail(format!(
            "{what}, and browser tests are required here ({why}): {INSTALL} \
             (Debian: apt-get install chromium chromium-driver), or name the programs with \
             FIELDBOOK_CHROMIUM and FIELDBOOK_CHROMEDRIVER"
        )),
    }
}

/// The program for `tool`, or what to say about its absence ("Chromium not found").
fn locate(tool: Tool, env: &dyn Fn(&str) -> Option<OsString>) -> Result<PathBuf, String> {
    if let Some(named) = env(tool.variable()).filter(|v| !v.is_empty()) {
        let path = PathBuf::from(named);
        return if is_program(&path) {
            Ok(path)
        } else {
            Err(format!("{} not found at {} ({})", tool.name(), path.display(), tool.variable()))
        };
    }
    let path = env("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .filter(|dir| !dir.as_os_str().is_empty())
        .flat_map(|dir| tool.programs().iter().map(move |name| dir.join(name)))
        .find(|candidate| is_program(candidate))
        .ok_or_else(|| format!("{} not found", tool.name()))
}

pub(crate) fn is_program(path: &Path) -> bool {
    let Ok(metadata) = std::fs::metadata(path) else { return false };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        metadata.is_file() && metadata.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        metadata.is_file()
    }
}

/// Which variable requires the browser tests, as `NAME=value`, if one does.
fn required_by(env: &dyn Fn(&str) -> Option<OsString>) -> Option<String> {
    let set = |name: &str| {
        env(name)
            .map(|v| v.to_string_lossy().into_owned())
            .filter(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false"))
            .map(|v| format!("{name}={v}"))
    };
    set("FIELDBOOK_REQUIRE_BROWSER").or_else(|| set("CI"))
}

/// The programs `tools`, or `None` (after saying so on the terminal) when the test is skipped.
/// Panics when they are missing and required.
fn gate(tools: &[Tool]) -> Option<Vec<PathBuf>> {
    match decide(tools, &|name| std::env::var_os(name)) {
        Decision::Run(paths) => Some(paths),
        Decision::Skip(reason) => {
            let test = std::thread::current().name().unwrap_or("a browser test").to_string();
            // Straight to the terminal: the test harness would hide a println! of a passing test.
            let _ = writeln!(std::io::stderr(), "{test}: skipped: {reason}");
            None
        }
        Decision::Fail(reason) => panic!("{reason}"),
    }
}

/// Headless Chromium, for pages opened from `file://`.
pub(crate) struct Chromium {
    program: PathBuf,
}

impl Chromium {
    /// The browser, or `None` when the test is skipped (see the module's documentation).
    /// Call it first, before the test's other work.
    pub(crate) fn find() -> Option<Chromium> {
        let mut paths = gate(&[Tool::Chromium])?;
        Some(Chromium { program: paths.remove(0) })
    }

    fn command(&self, profile: &str) -> Command {
        let mut cmd = Command::new(&self.program);
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

    /// The page's DOM after its scripts ran, opened from `file://`.
    pub(crate) fn dom(&self, page: &Path, query: &str, profile: &str) -> String {
        let url = format!("file://{}{query}", page.display());
        let out = self.command(profile).arg("--dump-dom").arg(&url).output().expect("run chromium");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The page's DOM after its scripts ran, for a reader whose browser prefers `languages`
    /// (`fr,en`: what `navigator.languages` says).
    pub(crate) fn dom_accepting(&self, page: &Path, query: &str, profile: &str, languages: &str) -> String {
        let url = format!("file://{}{query}", page.display());
        let out = self
            .command(profile)
            .arg(format!("--accept-lang={languages}"))
            .arg(format!("--lang={}", languages.split(',').next().unwrap_or(languages)))
            .arg("--dump-dom")
            .arg(&url)
            .output()
            .expect("run chromium");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A screenshot of the page, `width` by `height`, into `png`.
    pub(crate) fn screenshot(&self, page: &Path, png: &Path, width: u32, height: u32, profile: &str) {
        let _ = std::fs::remove_file(png);
        let status = self
            .command(profile)
            .arg(format!("--window-size={width},{height}"))
            .arg(format!("--screenshot={}", png.display()))
            .arg(format!("file://{}", page.display()))
            .output()
            .expect("run chromium");
        assert!(
            status.status.success() || png.exists(),
            "chromium failed: {}",
            String::from_utf8_lossy(&status.stderr)
        );
    }
}

/// A headless Chromium driven through ChromeDriver (WebDriver over HTTP), for pages that
/// change while they are open. Closed when dropped.
pub(crate) struct Driver {
    child: std::process::Child,
    port: u16,
    session: String,
}

impl Driver {
    /// Start ChromeDriver and open a browser. `None` when the test is skipped (see the
    /// module's documentation); call it before the test's other work.
    pub(crate) fn start(profile: &str) -> Option<Driver> {
        let paths = gate(&[Tool::Chromium, Tool::ChromeDriver])?;
        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
        let child = Command::new(&paths[1])
            .arg(format!("--port={port}"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start ChromeDriver");
        let mut driver = Driver { child, port, session: String::new() };
        let started = std::time::Instant::now();
        while driver.try_call("GET", "/status", None).is_none() {
            assert!(started.elapsed().as_secs() < 20, "ChromeDriver did not start");
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("chromedriver-{profile}"));
        let capabilities = serde_json::json!({ "capabilities": { "alwaysMatch": { "goog:chromeOptions": {
            "binary": paths[0],
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

    /// Make the browser's window `width` by `height` pixels (a phone's width: 390).
    pub(crate) fn resize(&self, width: u32, height: u32) {
        let rect = serde_json::json!({ "width": width, "height": height });
        self.call("POST", &format!("/session/{}/window/rect", self.session), Some(rect));
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

/// The decision, checked against fake environments, and a real browser test run without a
/// browser: skipped where it may be, failing where it is required.
mod tests {
    use std::collections::HashMap;
    use std::ffi::OsString;
    use std::path::{Path, PathBuf};

    use super::{Decision, Tool, decide};

    /// A folder holding the given files, each executable or not.
    fn bin_dir(name: &str, programs: &[(&str, bool)]) -> PathBuf {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("browser-decision-{name}"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (program, executable) in programs {
            let path = dir.join(program);
            std::fs::write(&path, "#!/bin/sh\n").unwrap();
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = if *executable { 0o755 } else { 0o644 };
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
            }
        }
        dir
    }

    fn with(vars: &[(&str, &OsString)], tools: &[Tool]) -> Decision {
        let env: HashMap<String, OsString> = vars.iter().map(|(k, v)| (k.to_string(), (*v).clone())).collect();
        decide(tools, &|name| env.get(name).cloned())
    }

    #[test]
    fn a_missing_browser_skips_the_test_unless_it_is_required() {
        let empty = bin_dir("empty", &[]);
        let path = std::env::join_paths([&empty]).unwrap();
        let chromium = [Tool::Chromium];
        let skip = Decision::Skip("Chromium not found (install chromium and chromium-driver, or see README)".into());
        assert_eq!(with(&[("PATH", &path)], &chromium), skip);
        assert_eq!(with(&[], &chromium), skip, "no PATH at all");
        assert_eq!(
            with(&[("PATH", &path)], &[Tool::Chromium, Tool::ChromeDriver]),
            Decision::Skip(
                "Chromium and ChromeDriver not found (install chromium and chromium-driver, or see README)".into()
            )
        );
        assert_eq!(with(&[("PATH", &path), ("CI", &"false".into())], &chromium), skip);
        assert_eq!(with(&[("PATH", &path), ("FIELDBOOK_REQUIRE_BROWSER", &"0".into())], &chromium), skip);
        for (variable, value) in [("CI", "true"), ("CI", "1"), ("FIELDBOOK_REQUIRE_BROWSER", "1")] {
            match with(&[("PATH", &path), (variable, &value.into())], &chromium) {
                Decision::Fail(message) => {
                    assert!(message.starts_with("Chromium not found"), "{message}");
                    assert!(message.contains(&format!("({variable}={value})")), "{message}");
                }
                other => panic!("{variable}={value}: {other:?}"),
            }
        }
    }

    #[test]
    fn programs_are_found_on_path_or_where_a_variable_says() {
        let both = bin_dir("both", &[("chromium", true), ("chromedriver", true)]);
        let not_executable = bin_dir("not-executable", &[("chromium", false)]);
        let path = std::env::join_paths([&not_executable, &both]).unwrap();
        let tools = [Tool::Chromium, Tool::ChromeDriver];
        assert_eq!(
            with(&[("PATH", &path), ("CI", &"true".into())], &tools),
            Decision::Run(vec![both.join("chromium"), both.join("chromedriver")]),
            "a file that is not executable is passed over"
        );
        // ChromeDriver alone missing.
        let browser_only = bin_dir("browser-only", &[("google-chrome", true)]);
        let path = std::env::join_paths([&browser_only]).unwrap();
        assert_eq!(
            with(&[("PATH", &path)], &[Tool::Chromium]),
            Decision::Run(vec![browser_only.join("google-chrome")])
        );
        assert_eq!(
            with(&[("PATH", &path)], &tools),
            Decision::Skip("ChromeDriver not found (install chromium and chromium-driver, or see README)".into())
        );
        // A variable names the program; PATH is then not searched.
        let missing = both.join("no-such-chromium");
        let named = missing.clone().into_os_string();
        let path = std::env::join_paths([&both]).unwrap();
        assert_eq!(
            with(&[("PATH", &path), ("FIELDBOOK_CHROMIUM", &named)], &[Tool::Chromium]),
            Decision::Skip(format!(
                "Chromium not found at {} (FIELDBOOK_CHROMIUM) (install chromium and chromium-driver, or see README)",
                missing.display()
            ))
        );
        let named = both.join("chromium").into_os_string();
        assert_eq!(
            with(&[("FIELDBOOK_CHROMIUM", &named)], &[Tool::Chromium]),
            Decision::Run(vec![both.join("chromium")])
        );
    }

    /// Run one browser test of this binary with no browser on PATH and the given variables.
    fn run_without_browser(vars: &[(&str, &str)]) -> (i32, String) {
        let empty = bin_dir("none-on-path", &[]);
        let mut cmd = std::process::Command::new(std::env::current_exe().unwrap());
        cmd.args(["--exact", "outputs::search_works_from_disk_in_a_real_browser", "--test-threads=1"])
            .env("PATH", &empty)
            .env_remove("CI")
            .env_remove("FIELDBOOK_REQUIRE_BROWSER")
            .env_remove("FIELDBOOK_CHROMIUM")
            .env_remove("FIELDBOOK_CHROMEDRIVER")
            .envs(vars.iter().copied());
        let out = cmd.output().unwrap();
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        (out.status.code().unwrap_or(-1), text)
    }

    #[test]
    fn a_browser_test_without_a_browser_is_skipped_or_fails_where_required() {
        let (code, output) = run_without_browser(&[]);
        assert_eq!(code, 0, "{output}");
        assert!(output.contains("1 passed"), "the test did not run:\n{output}");
        assert!(
            output.contains(
                "outputs::search_works_from_disk_in_a_real_browser: skipped: Chromium not found (install chromium and chromium-driver, or see README)"
            ),
            "{output}"
        );
        for required in [("FIELDBOOK_REQUIRE_BROWSER", "1"), ("CI", "true")] {
            let (code, output) = run_without_browser(&[required]);
            assert_ne!(code, 0, "{required:?}: the test passed without a browser:\n{output}");
            assert!(output.contains("1 failed"), "{output}");
            assert!(output.contains(&format!("required here ({}={})", required.0, required.1)), "{output}");
        }
    }
}
