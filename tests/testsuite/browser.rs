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
