//! Bad input: every kind of broken, odd or hostile file a person can write gets a located,
//! plain-language message, the other files are still checked, and nothing panics or hangs.
//! Each case is a site in bad-input/<case>/ whose `check` output must equal its expected.txt;
//! files that git cannot hold (a 20 MB file, a symlink loop, an unreadable file, a pipe) are
//! made when the test runs.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::html::copy_site;
use crate::support::{TODAY_EPOCH, assert_matches_file, fixture};

fn running_as_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false)
}

/// Run `fieldbook --root root args`, as an unprivileged user when `unprivileged` and we are
/// root (root reads every file whatever its permissions).
fn fieldbook(root: &Path, args: &[&str], unprivileged: bool) -> (String, i32) {
    let binary = env!("CARGO_BIN_EXE_fieldbook");
    let mut cmd = if unprivileged && running_as_root() {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", binary]);
        c
    } else {
        Command::new(binary)
    };
    let output =
        cmd.env("SOURCE_DATE_EPOCH", TODAY_EPOCH).arg("--root").arg(root).args(args).output().expect("run fieldbook");
    (String::from_utf8_lossy(&output.stderr).into_owned(), output.status.code().unwrap_or(-1))
}

/// Check the case (prepared by `prepare` in a copy when it makes files), compare with its
/// expected output, then build it: the build may refuse, but never crash.
fn case(name: &str, expected_code: i32, prepare: Option<&dyn Fn(&Path)>, unprivileged: bool) -> String {
    let source = fixture(&format!("bad-input/{name}"));
    let root: PathBuf = match prepare {
        Some(prepare) => {
            let root = copy_site(&source, &format!("bad-input-{name}"));
            prepare(&root);
            if unprivileged && running_as_root() {
                // The unprivileged user must be able to walk the copy and write its output.
                let _ = Command::new("chmod").args(["-R", "a+rwX"]).arg(&root).status();
                prepare(&root);
            }
            root
        }
        None => source.clone(),
    };
    let (stderr, code) = fieldbook(&root, &["check"], unprivileged);
    assert_matches_file(&format!("{stderr}[exit: {code}]\n"), &source.join("expected.txt"));
    assert_eq!(code, expected_code, "{name}:\n{stderr}");
    assert!(!stderr.contains("hit a bug"), "{name}: check panicked:\n{stderr}");

    let build_root = match prepare {
        Some(_) => root.clone(),
        None => copy_site(&source, &format!("bad-input-build-{name}")),
    };
    let (stderr, code) = fieldbook(&build_root, &["build"], unprivileged);
    assert!(code == 0 || code == 1, "{name}: build exited {code}:\n{stderr}");
    assert!(!stderr.contains("hit a bug"), "{name}: build panicked:\n{stderr}");
    stderr
}

macro_rules! cases {
    ($($test:ident: $name:literal => $code:literal;)*) => {$(
        #[test]
        fn $test() {
            case($name, $code, None, false);
        }
    )*};
}

cases! {
    yaml_unclosed_quote: "yaml-unclosed-quote" => 1;
    yaml_bad_indentation: "yaml-bad-indentation" => 1;
    yaml_tab_indentation: "yaml-tab-indentation" => 1;
    yaml_duplicate_keys: "yaml-duplicate-keys" => 1;
    yaml_common_mistakes: "yaml-common-mistakes" => 1;
    toml_broken: "toml-broken" => 1;
    toml_duplicate_keys: "toml-duplicate-keys" => 1;
    frontmatter_never_closed: "frontmatter-never-closed" => 1;
    empty_file: "empty-file" => 1;
    frontmatter_only: "frontmatter-only" => 0;
    body_only: "body-only" => 1;
    byte_order_mark: "byte-order-mark" => 1;
    crlf_line_endings: "crlf-line-endings" => 1;
    not_utf8: "not-utf8" => 1;
    binary_file: "binary-file" => 1;
    nul_byte: "nul-byte" => 1;
    billion_laughs: "billion-laughs" => 1;
    deeply_nested_values: "deeply-nested-values" => 1;
    numbers_and_strings: "numbers-and-strings" => 1;
    impossible_dates: "impossible-dates" => 1;
    odd_file_names: "odd-file-names" => 1;
    same_output_page: "same-output-page" => 1;
    deep_raw_html: "deep-raw-html" => 1;
    odd_asset_names: "odd-asset-names" => 1;
    hostile_assets: "hostile-assets" => 1;
    hostile_assets_trusted: "hostile-assets-trusted" => 1;
    case_only_paths: "case-only-paths" => 1;
    file_folder_case: "file-folder-case" => 0;
    own_folders: "own-folders" => 1;
    duplicate_entries: "duplicate-entries" => 0;
    misleading_messages: "misleading-messages" => 1;
}

/// A fieldbook.toml or schema.toml that is not UTF-8 is shown at its first byte that is not,
/// as a content file is; nothing else can be read, so the command stops with 2 and nothing
/// panics.
#[test]
fn settings_not_utf8() {
    for (file, line) in [("fieldbook.toml", 2), ("schema.toml", 1)] {
        let root = copy_site(&fixture("bad-input/frontmatter-only"), &format!("settings-not-utf8-{file}"));
        let path = root.join(file);
        let mut bytes = std::fs::read(&path).unwrap_or_default();
        bytes.extend_from_slice(b"# Caf\xE9 des sports\n");
        std::fs::write(&path, bytes).unwrap();
        let (stderr, code) = fieldbook(&root, &["check"], false);
        assert_eq!(code, 2, "{file}:\n{stderr}");
        assert!(stderr.starts_with("error[not-utf8]: this file is not UTF-8 text: byte 0xE9"), "{file}:\n{stderr}");
        assert!(stderr.contains(&format!(" --> {file}:{line}:6\n")), "{file}:\n{stderr}");
        let (stderr, code) = fieldbook(&root, &["build"], false);
        assert_eq!(code, 2, "{file}:\n{stderr}");
        assert!(stderr.contains("error[not-utf8]") && !stderr.contains("hit a bug"), "{file}:\n{stderr}");
    }
}

/// A folder outside the site with a file a link may point at; its text is a canary.
fn outside_folder(name: &str) -> PathBuf {
    let outside = std::env::temp_dir().join(format!("fieldbook-outside-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("secret.md"), "---\ntitle: Zzcanary outside\nstatus: published\n---\nZzcanary\n")
        .unwrap();
    std::fs::write(outside.join("photo.png"), "Zzcanary").unwrap();
    outside
}

/// Links made by a contributed commit: none may read, publish or quote anything outside the
/// site, and a link inside the site still works.
fn make_hostile_links(root: &Path) {
    use std::os::unix::fs::symlink;
    let outside = outside_folder("links");
    let content = root.join("content");
    for name in [
        "env.txt",
        "communities/passwd.md",
        "outside",
        "communities/broken.md",
        "communities/photo.png",
        "inside.png",
        "climb.md",
    ] {
        let _ = std::fs::remove_file(content.join(name));
    }
    symlink("/proc/self/environ", content.join("env.txt")).unwrap();
    symlink("/etc/passwd", content.join("communities/passwd.md")).unwrap();
    symlink(&outside, content.join("outside")).unwrap();
    symlink(outside.join("photo.png"), content.join("communities/photo.png")).unwrap();
    symlink("../../../nowhere.md", content.join("communities/broken.md")).unwrap();
    symlink("../../../../../../../../etc/hostname", content.join("climb.md")).unwrap();
    std::fs::write(content.join("communities/real.png"), "png").unwrap();
    symlink("communities/real.png", content.join("inside.png")).unwrap();
}

#[test]
fn hostile_links() {
    let stderr = case("hostile-links", 1, Some(&make_hostile_links), false);
    assert!(!stderr.contains("Zzcanary") && !stderr.contains("root:"), "a message quotes a linked file:\n{stderr}");
}

#[test]
fn hostile_links_publish_and_rewrite_nothing_outside_the_site() {
    let root = copy_site(&fixture("bad-input/hostile-links"), "hostile-links-publish");
    make_hostile_links(&root);
    let outside = outside_folder("links");
    let before = std::fs::read(outside.join("secret.md")).unwrap();
    let output = crate::support::fieldbook()
        .env("FIELDBOOK_TEST_CANARY", "Zzcanary-environment")
        .arg("--root")
        .arg(&root)
        .args(["fmt"])
        .output()
        .unwrap();
    let fmt_out = String::from_utf8_lossy(&output.stderr);
    assert_eq!(std::fs::read(outside.join("secret.md")).unwrap(), before, "fmt rewrote a file outside the site");
    assert!(!fmt_out.contains("Zzcanary"), "{fmt_out}");
    let linked = root.join("content/outside/secret.md");
    let output = crate::support::fieldbook().arg("--root").arg(&root).arg("fmt").arg(&linked).output().unwrap();
    assert_ne!(output.status.code(), Some(0), "fmt accepted a file outside the site through a link");
    assert_eq!(std::fs::read(outside.join("secret.md")).unwrap(), before);
    // The build refuses, and nothing of the outside files reaches the output folder.
    let output = crate::support::fieldbook()
        .env("FIELDBOOK_TEST_CANARY", "Zzcanary-environment")
        .arg("--root")
        .arg(&root)
        .args(["build", "--drafts"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("Zzcanary"), "{stderr}");
    assert!(!root.join("site").exists(), "a site was written despite the errors");
    // Once the links that lead out are gone, the site builds, and a link inside it works.
    for name in
        ["env.txt", "communities/passwd.md", "outside", "communities/broken.md", "communities/photo.png", "climb.md"]
    {
        std::fs::remove_file(root.join("content").join(name)).unwrap();
    }
    let output = crate::support::fieldbook().arg("--root").arg(&root).args(["build", "--drafts"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(std::fs::read_to_string(root.join("site/inside.png")).unwrap(), "png");
}

#[test]
fn control_characters_in_file_names_are_escaped() {
    // Refused too (bad-file-name), and shown escaped.
    let stderr = case(
        "control-file-names",
        1,
        Some(&|root: &Path| {
            let folder = root.join("content");
            let text = "---\ntitle: Red\nstatus: draft\n---\nA profile.\n";
            std::fs::write(folder.join("red\u{1b}[31m\nwarning: fake.md"), text).unwrap();
            std::fs::write(folder.join("bidi\u{202e}dm.exe\u{9b}.md"), text).unwrap();
        }),
        false,
    );
    // The build's messages too.
    assert!(!stderr.contains('\u{1b}') && !stderr.contains('\u{202e}') && !stderr.contains('\u{9b}'), "{stderr:?}");
}

/// The diagnostics of `output` (a check's) about `file`, as their first lines.
fn headlines_about<'a>(output: &'a str, file: &str) -> Vec<&'a str> {
    output
        .split("\n\n")
        .filter(|block| block.lines().nth(1).is_some_and(|l| l.contains(&format!("content/{file}:"))))
        .filter_map(|block| block.lines().next())
        .collect()
}

#[test]
fn careless_dates() {
    case("careless-dates", 1, None, false);
    let (output, _) = fieldbook(&fixture("bad-input/careless-dates"), &["check"], false);
    // A placeholder assessment date is refused, and no review date is worked out from it.
    let placeholder = headlines_about(&output, "communities/placeholder.md");
    assert!(placeholder.iter().any(|l| l.starts_with("error[implausible-date]: `0000-01-01`")), "{output}");
    assert!(!placeholder.iter().any(|l| l.contains("review-")), "{output}");
    // An unpadded date is still read: the review state is counted from it.
    let unpadded = headlines_about(&output, "communities/unpadded.md");
    assert!(unpadded.iter().any(|l| l.starts_with("warning[review-due]")), "{output}");
    assert!(unpadded.iter().any(|l| l.starts_with("warning[unpadded-date]")), "{output}");
}

#[test]
fn hidden_characters() {
    case("hidden-characters", 1, None, false);
    let (output, _) = fieldbook(&fixture("bad-input/hidden-characters"), &["check"], false);
    // The right-to-left mark in an Arabic title, and direction controls in the body, are
    // allowed: only the summary's override and the tag's isolates are reported.
    let direction = headlines_about(&output, "direction.md");
    assert_eq!(direction.len(), 4, "{output}");
    assert!(direction.iter().all(|l| l.starts_with("error[bidi-control]: `summary`") || l.contains("`tags`")));
    assert!(!output.contains("direction.md:2:"), "{output}");
    assert!(!output.contains("direction.md:7:"), "{output}");
    // A NUL in the body is located by line and column.
    assert!(output.contains("error[control-character]: the text holds the control character U+0000 NUL"), "{output}");
    assert!(output.contains("--> content/controls.md:6:7"), "{output}");
    // A noncharacter, which XML (the feed) cannot hold, is located in its value.
    assert!(
        output.contains("error[control-character]: `summary` holds the control character U+FFFF NOT A CHARACTER"),
        "{output}"
    );
    assert!(output.contains("--> content/controls.md:3:17"), "{output}");
}

#[test]
fn large_file() {
    case(
        "large-file",
        1,
        Some(&|root: &Path| {
            let mut text = String::from("---\ntitle: Huge\nstatus: draft\n---\n");
            let line = "A paragraph of text that goes on and on, pasted many times over.\n";
            while text.len() < 20 * 1024 * 1024 {
                text.push_str(line);
            }
            std::fs::write(root.join("content/communities/huge.md"), text).unwrap();
        }),
        false,
    );
}

#[test]
fn symlink_loop() {
    case(
        "symlink-loop",
        1,
        Some(&|root: &Path| {
            let link = root.join("content/communities/loop");
            let _ = std::fs::remove_file(&link);
            std::os::unix::fs::symlink("..", &link).unwrap();
        }),
        false,
    );
}

#[test]
fn unreadable_file() {
    case(
        "unreadable-file",
        1,
        Some(&|root: &Path| {
            use std::os::unix::fs::PermissionsExt;
            let file = root.join("content/communities/secret.md");
            std::fs::write(&file, "---\ntitle: Secret\nstatus: draft\n---\n").unwrap();
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).unwrap();
        }),
        true,
    );
}

#[test]
fn not_a_file() {
    case(
        "not-a-file",
        1,
        Some(&|root: &Path| {
            let pipe = root.join("content/communities/pipe.md");
            let _ = std::fs::remove_file(&pipe);
            assert!(Command::new("mkfifo").arg(&pipe).status().unwrap().success());
        }),
        false,
    );
}

/// A profile whose frontmatter is broken is reported once, at its mistake: the pages that
/// link to it or quote its figures are not also told it does not exist, nor that it is a
/// draft (it is neither: its file could not be read).
#[test]
fn a_broken_profile_is_not_also_reported_where_it_is_named() {
    let root = copy_site(&fixture("safety/canary"), "bad-input-broken-named");
    let profile = "---\ntitle: Pikine\nstatus: published\ncountry: Senegal\npopulation 24500\nassessed: 2026-10-01\nassessed_by: [x]\nmethods: [desk-review]\n---\nText.\n";
    std::fs::write(root.join("content/communities/pikine.md"), profile).unwrap();
    let about = "---\ntitle: About\nstatus: published\n---\nSee [Pikine](community:pikine), [its file](communities/pikine.md) and {{ pikine: access-to-services }}.\n";
    std::fs::write(root.join("content/about.md"), about).unwrap();
    let result = crate::support::run(&root, &["check"]);
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert!(result.stderr.contains("--> content/communities/pikine.md:"), "{}", result.stderr);
    assert!(!result.stderr.contains("content/about.md"), "the page naming it is reported:\n{}", result.stderr);
    assert!(result.stderr.contains("checked "), "{}", result.stderr);
    assert_eq!(result.stderr.matches("error[").count(), 1, "{}", result.stderr);
}
