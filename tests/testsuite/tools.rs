//! The tools of the field, for tests that check Fieldbook's files in the programs people open
//! them with: ODK's `xls2xform` (PyPI `pyxform`), libhxl's `hxlvalidate` (PyPI `libhxl`, with
//! `six`), `frictionless` (PyPI), GDAL's `ogrinfo` (Debian `gdal-bin`), openpyxl (PyPI),
//! the library pandas reads spreadsheets with, through a `python3` that can import it,
//! `node` (Debian `nodejs`), which runs the editor configuration `.remarkrc.mjs`, and
//! `exiftool` (Debian `libimage-exiftool-perl`), which reads a photo's position back.
//!
//! As with the browser tests (`browser.rs`), a test whose tool is missing prints that it was
//! skipped and why, and passes, so that `cargo test` works with only Rust installed; with
//! `FIELDBOOK_REQUIRE_TOOLS=1` (which .ci/run sets) or `CI=true` it fails instead. A tool is
//! looked for on PATH (for openpyxl, the first `python3` that can import it), or taken from
//! the variable `FIELDBOOK_<NAME>` (`FIELDBOOK_XLS2XFORM`, `FIELDBOOK_HXLVALIDATE`,
//! `FIELDBOOK_FRICTIONLESS`, `FIELDBOOK_OGRINFO`, `FIELDBOOK_NODE`, `FIELDBOOK_EXIFTOOL`, and `FIELDBOOK_OPENPYXL`
//! for the Python)
//! when that is set.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A program of the field that a test checks Fieldbook's output with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldTool {
    /// ODK's XLSForm converter.
    Xls2xform,
    /// libhxl's validator, with its default schema.
    HxlValidate,
    /// The Frictionless framework's command line.
    Frictionless,
    /// GDAL's vector information program.
    Ogrinfo,
    /// A Python with openpyxl.
    Openpyxl,
    /// Node.js, which runs the editor configuration (`.remarkrc.mjs`).
    Node,
    /// ExifTool, which reads a photo's metadata (its GPS position) back.
    Exiftool,
}

impl FieldTool {
    /// The program's name on PATH.
    pub(crate) fn program(self) -> &'static str {
        match self {
            FieldTool::Xls2xform => "xls2xform",
            FieldTool::HxlValidate => "hxlvalidate",
            FieldTool::Frictionless => "frictionless",
            FieldTool::Ogrinfo => "ogrinfo",
            FieldTool::Openpyxl => "python3",
            FieldTool::Node => "node",
            FieldTool::Exiftool => "exiftool",
        }
    }

    /// What is looked for, in messages.
    fn name(self) -> &'static str {
        match self {
            FieldTool::Openpyxl => "python3 with openpyxl",
            other => other.program(),
        }
    }

    /// The variable that names the program, overriding the search of PATH.
    fn variable(self) -> String {
        let name = if self == FieldTool::Openpyxl { "openpyxl" } else { self.program() };
        format!("FIELDBOOK_{}", name.to_ascii_uppercase())
    }

    /// Whether the program at `path` is the tool: a Python must be able to import the library.
    fn usable(self, path: &Path) -> bool {
        if !crate::browser::is_program(path) {
            return false;
        }
        match self {
            FieldTool::Openpyxl => std::process::Command::new(path)
                .args(["-c", "import openpyxl"])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status()
                .is_ok_and(|status| status.success()),
            _ => true,
        }
    }

    /// How to install it.
    fn install(self) -> &'static str {
        match self {
            FieldTool::Xls2xform => "pip install pyxform",
            FieldTool::HxlValidate => "pip install libhxl six",
            FieldTool::Frictionless => "pip install frictionless",
            FieldTool::Ogrinfo => "apt-get install gdal-bin",
            FieldTool::Openpyxl => "pip install openpyxl",
            FieldTool::Node => "apt-get install nodejs",
            FieldTool::Exiftool => "apt-get install libimage-exiftool-perl",
        }
    }
}

/// What a test does, given the tool it needs and the environment.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Run the program at this path.
    Run(PathBuf),
    /// Skip the test, for this reason.
    Skip(String),
    /// Fail the test: the tool is missing where the tools are required.
    Fail(String),
}

/// Whether a test that needs `tool` runs, is skipped or fails, reading the environment through
/// `env` (a fake one in the tests below).
pub(crate) fn decide(tool: FieldTool, env: &dyn Fn(&str) -> Option<OsString>) -> Decision {
    let named = env(&tool.variable()).filter(|v| !v.is_empty());
    let found = match &named {
        Some(path) => Some(PathBuf::from(path)).filter(|p| tool.usable(p)),
        None => {
            let path = env("PATH").unwrap_or_default();
            std::env::split_paths(&path)
                .filter(|dir| !dir.as_os_str().is_empty())
                .map(|dir| dir.join(tool.program()))
                .find(|candidate| tool.usable(candidate))
        }
    };
    if let Some(path) = found {
        return Decision::Run(path);
    }
    let what = match named {
        Some(path) => {
            format!("{} not found at {} ({})", tool.name(), PathBuf::from(path).display(), tool.variable())
        }
        None => format!("{} not found", tool.name()),
    };
    let set = |name: &str| {
        env(name)
            .map(|v| v.to_string_lossy().into_owned())
            .filter(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false"))
            .map(|v| format!("{name}={v}"))
    };
    match set("FIELDBOOK_REQUIRE_TOOLS").or_else(|| set("CI")) {
        None => Decision::Skip(format!("{what} ({})", tool.install())),
        Some(why) => {
            Decision::Fail(format!("{what}, and the field tools are required here ({why}): {}", tool.install()))
        }
    }
}

/// The program for `tool`, or `None` (after saying so on the terminal) when the test is
/// skipped. Panics when it is missing and required. Call it first, before the test's work.
pub(crate) fn find(tool: FieldTool) -> Option<PathBuf> {
    match decide(tool, &|name| std::env::var_os(name)) {
        Decision::Run(path) => Some(path),
        Decision::Skip(reason) => {
            let test = std::thread::current().name().unwrap_or("a test").to_string();
            // Straight to the terminal: the test harness would hide a println! of a passing test.
            let _ = writeln!(std::io::stderr(), "{test}: skipped: {reason}");
            None
        }
        Decision::Fail(reason) => panic!("{reason}"),
    }
}

mod tests {
    use std::collections::HashMap;
    use std::ffi::OsString;
    use std::path::Path;

    use super::{Decision, FieldTool, decide};

    fn with(vars: &[(&str, OsString)]) -> Decision {
        let env: HashMap<String, OsString> = vars.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
        decide(FieldTool::Ogrinfo, &|name| env.get(name).cloned())
    }

    #[test]
    fn a_missing_field_tool_skips_the_test_unless_it_is_required() {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("field-tools");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = std::env::join_paths([&dir]).unwrap();
        let skip = Decision::Skip("ogrinfo not found (apt-get install gdal-bin)".into());
        assert_eq!(with(&[("PATH", path.clone())]), skip);
        assert_eq!(with(&[("PATH", path.clone()), ("CI", "false".into())]), skip);
        for (variable, value) in [("CI", "true"), ("FIELDBOOK_REQUIRE_TOOLS", "1")] {
            match with(&[("PATH", path.clone()), (variable, value.into())]) {
                Decision::Fail(message) => {
                    assert!(message.starts_with("ogrinfo not found"), "{message}");
                    assert!(message.contains(&format!("({variable}={value})")), "{message}");
                }
                other => panic!("{variable}={value}: {other:?}"),
            }
        }
        let program = dir.join("ogrinfo");
        std::fs::write(&program, "#!/bin/sh\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        assert_eq!(with(&[("PATH", path.clone())]), Decision::Run(program.clone()));
        let elsewhere = dir.join("nowhere").into_os_string();
        assert!(matches!(with(&[("PATH", path), ("FIELDBOOK_OGRINFO", elsewhere)]), Decision::Skip(_)));
    }

    /// A script that runs as a program on Unix, exiting with `code` whatever it is asked.
    #[cfg(unix)]
    fn script(path: &Path, code: u8) {
        use std::os::unix::fs::PermissionsExt;
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, format!("#!/bin/sh\nexit {code}\n")).unwrap();
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }

    #[test]
    #[cfg(unix)]
    fn openpyxl_is_found_in_the_first_python_that_can_import_it() {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("field-tools-openpyxl");
        let _ = std::fs::remove_dir_all(&dir);
        let (without, with_it) = (dir.join("without/python3"), dir.join("with/python3"));
        script(&without, 1);
        script(&with_it, 0);
        let decide_with = |vars: &[(&str, OsString)]| {
            let env: HashMap<String, OsString> = vars.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
            decide(FieldTool::Openpyxl, &|name| env.get(name).cloned())
        };
        let only_without = std::env::join_paths([dir.join("without")]).unwrap();
        assert_eq!(
            decide_with(&[("PATH", only_without.clone())]),
            Decision::Skip("python3 with openpyxl not found (pip install openpyxl)".into())
        );
        let both = std::env::join_paths([dir.join("without"), dir.join("with")]).unwrap();
        assert_eq!(decide_with(&[("PATH", both)]), Decision::Run(with_it.clone()));
        let named = [("PATH", only_without), ("FIELDBOOK_OPENPYXL", with_it.clone().into_os_string())];
        assert_eq!(decide_with(&named), Decision::Run(with_it));
    }
}
