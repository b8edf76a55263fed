//! Helpers shared by the integration tests: running the binary on a fixture site and comparing
//! output with an expected file.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Seconds since 1970 of 2026-11-22, the day every test runs on (review dates depend on it).
pub(crate) const TODAY_EPOCH: &str = "1795305600";

/// The folder of the fixture `name` (a path under tests/testsuite/).
pub(crate) fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testsuite").join(name)
}

/// The fieldbook binary, with the test day fixed.
pub(crate) fn fieldbook() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fieldbook"));
    cmd.env("SOURCE_DATE_EPOCH", TODAY_EPOCH).env_remove("NO_COLOR").env_remove("FIELDBOOK_MESSAGES");
    cmd
}

/// What a run printed, and its exit code.
pub(crate) struct Run {
    /// Standard output.
    pub(crate) stdout: String,
    /// Standard error.
    pub(crate) stderr: String,
    /// Exit code.
    pub(crate) code: i32,
}

/// Run fieldbook with `args` on the site at `root`.
pub(crate) fn run(root: &Path, args: &[&str]) -> Run {
    ran(fieldbook().arg("--root").arg(root).args(args))
}

/// Run fieldbook with `args` on the site at `root`, its messages in `language`
/// (`FIELDBOOK_MESSAGES`) whatever the site's language.
pub(crate) fn run_speaking(language: &str, root: &Path, args: &[&str]) -> Run {
    ran(fieldbook().env("FIELDBOOK_MESSAGES", language).arg("--root").arg(root).args(args))
}

fn ran(command: &mut std::process::Command) -> Run {
    let output = command.output().expect("run fieldbook");
    Run {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().unwrap_or(-1),
    }
}

/// Compare `actual` with the file at `expected`. With `FIELDBOOK_BLESS=1` in the environment,
/// write `actual` there instead (then read the diff before committing it).
pub(crate) fn assert_matches_file(actual: &str, expected: &Path) {
    if std::env::var_os("FIELDBOOK_BLESS").is_some() {
        std::fs::write(expected, actual).expect("write expected file");
        return;
    }
    let wanted = std::fs::read_to_string(expected)
        .unwrap_or_else(|_| panic!("{} is missing; run with FIELDBOOK_BLESS=1 to create it", expected.display()));
    if wanted != actual {
        let first = wanted
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(wanted.lines().count().min(actual.lines().count()));
        panic!(
            "output differs from {} at line {}\n--- expected\n{}\n--- actual\n{}\n(FIELDBOOK_BLESS=1 rewrites the file)",
            expected.display(),
            first + 1,
            wanted,
            actual
        );
    }
}
