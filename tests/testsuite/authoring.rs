//! `fieldbook init` and `fieldbook new`: a new site builds, new files pass `check`, and nothing
//! is ever overwritten.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use crate::support::{fieldbook, run, run_speaking};

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn init(dir: &Path, extra: &[&str]) -> crate::support::Run {
    let output = fieldbook().arg("init").arg(dir).args(extra).output().unwrap();
    crate::support::Run {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().unwrap_or(-1),
    }
}

/// The codes of the warnings and errors `check` prints.
fn problem_codes(stderr: &str) -> Vec<String> {
    // The headline's word is the site's language's (`warning`, `avertissement`, `تحذير`);
    // the code in brackets is the same in every language.
    stderr
        .lines()
        .filter_map(|l| l.split_once('[').filter(|(word, rest)| !word.contains(' ') && rest.contains("]: ")))
        .map(|(_, rest)| rest.split(']').next().unwrap_or("").to_string())
        .collect()
}

#[test]
fn init_then_build_makes_a_site() {
    let dir = scratch("init-build");
    let result = init(&dir, &["--title", "Returns to the \"Rif\""]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    for file in [
        "fieldbook.toml",
        "schema.toml",
        ".gitignore",
        "AUTHORING.md",
        ".remarkrc.mjs",
        "content/communities/riverside.md",
        "content/case-studies/riverside-literacy-classes.md",
        "content/projects/riverside-repair-workshop.md",
        "content/guidance/example-housing-guidance.md",
        "content/about.md",
        "schemas/community.schema.json",
    ] {
        assert!(dir.join(file).is_file(), "{file} missing");
        assert!(result.stdout.contains(&format!("created {file}")), "{file} not reported");
    }
    // The authors' guide tells how to start a translation.
    let authoring = std::fs::read_to_string(dir.join("AUTHORING.md")).unwrap();
    assert!(authoring.contains("fieldbook translate content/communities/riverside.md fr"), "{authoring}");
    // ...and that a page must be saved as `.md`, not as Notepad's `.md.txt` or a document.
    assert!(authoring.contains("`.md.txt`") && authoring.contains("`.docx`"), "{authoring}");
    // The examples are written tidy.
    let tidy = run(&dir, &["fmt", "--check"]);
    assert_eq!(tidy.code, 0, "{}{}", tidy.stdout, tidy.stderr);
    let check = run(&dir, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    // The starter profile is short on purpose: coverage is the only thing `check` mentions.
    assert_eq!(problem_codes(&check.stderr), ["missing-indicators"], "{}", check.stderr);
    let build = run(&dir, &["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let home = std::fs::read_to_string(dir.join("site/index.html")).unwrap();
    assert!(home.contains("Returns to the &quot;Rif&quot;") || home.contains("Returns to the \"Rif\""), "{home}");
    for page in ["communities/riverside.html", "projects/riverside-repair-workshop.html"] {
        assert!(dir.join("site").join(page).is_file(), "{page}");
    }
    // The JSON Schemas written are the ones in force, so `check` does not call them stale.
    assert!(!check.stderr.contains("stale-json-schema"));
}

#[test]
fn init_never_overwrites_a_file() {
    let dir = scratch("init-keep");
    std::fs::create_dir_all(dir.join("content/communities")).unwrap();
    std::fs::write(dir.join("fieldbook.toml"), "title = \"Mine\"\n").unwrap();
    std::fs::write(dir.join("content/communities/riverside.md"), "my own notes\n").unwrap();
    let result = init(&dir, &[]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert_eq!(std::fs::read_to_string(dir.join("fieldbook.toml")).unwrap(), "title = \"Mine\"\n");
    assert_eq!(std::fs::read_to_string(dir.join("content/communities/riverside.md")).unwrap(), "my own notes\n");
    assert!(result.stdout.contains("kept    fieldbook.toml"), "{}", result.stdout);
    assert!(result.stdout.contains("created AUTHORING.md"), "{}", result.stdout);
    // A second run creates nothing and keeps everything.
    let again = init(&dir, &[]);
    assert!(!again.stdout.contains("created"), "{}", again.stdout);
}

/// A new site in another's content/ or themes/ folder is refused, nothing made: that site's
/// build would publish it. Beside them, and in the site's own folder again, is fine.
#[test]
fn init_refuses_a_site_inside_another_sites_content_or_theme() {
    let outer = scratch("init-outer");
    assert_eq!(init(&outer, &[]).code, 0);
    for inner in ["content/inner", "content", "themes/default/x"] {
        let dir = outer.join(inner);
        let existed = dir.exists();
        let result = init(&dir, &[]);
        assert_eq!(result.code, 2, "{inner}: {}", result.stderr);
        let folder = inner.split('/').next().unwrap();
        assert!(result.stderr.contains(&format!("is inside the {folder}/ folder of the site at")), "{}", result.stderr);
        assert!(!dir.join("fieldbook.toml").exists() && dir.exists() == existed, "{inner}: something was made");
    }
    let french = init(&outer.join("content/x"), &["--language", "fr"]);
    assert!(french.stderr.contains("est dans le dossier content/ du site de"), "{}", french.stderr);
    assert_eq!(init(&outer.join("reports/2027"), &[]).code, 0);
    assert_eq!(init(&outer, &[]).code, 0);
}

fn new_site(name: &str) -> PathBuf {
    let dir = scratch(name);
    assert_eq!(init(&dir, &[]).code, 0);
    dir
}

#[test]
fn new_files_of_every_type_pass_check_with_coverage_warnings_only() {
    let dir = new_site("new-every-type");
    let cases: [&[&str]; 6] = [
        &["community", "Tanger Nord — Béni Makada", "--country", "Morocco", "--by", "Association Tadamoun, Tanger"],
        &["case-study", "Port workshop", "--community", "riverside", "--country", "Morocco"],
        &["project", "Boat repair", "--community", "riverside", "--approach", "collective-returnee"],
        &["guidance", "Water and sanitation", "--sector", "infrastructure-and-safety"],
        &["guidance", "Talking with mayors", "--topic", "advocacy"],
        &["page", "Méthodologie"],
    ];
    let mut created = Vec::new();
    for args in cases {
        let mut all = vec!["new"];
        all.extend_from_slice(args);
        let result = run(&dir, &all);
        assert_eq!(result.code, 0, "{args:?}: {}", result.stderr);
        created.push(result.stdout.trim().to_string());
    }
    assert_eq!(
        created,
        [
            "content/communities/tanger-nord-beni-makada.md",
            "content/case-studies/port-workshop.md",
            "content/projects/boat-repair.md",
            "content/guidance/water-and-sanitation.md",
            "content/guidance/talking-with-mayors.md",
            "content/methodologie.md",
        ]
    );
    // New files are already in `fmt`'s form.
    let tidy = run(&dir, &["fmt", "--check"]);
    assert_eq!(tidy.code, 0, "{}{}", tidy.stdout, tidy.stderr);
    let check = run(&dir, &["check", "--format", "json"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    let report: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    let new_problems: Vec<(String, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (d["location"]["file"].as_str().unwrap_or("").to_string(), d["code"].as_str().unwrap_or("").to_string())
        })
        .filter(|(file, _)| created.contains(file))
        .collect();
    assert_eq!(
        new_problems,
        [("content/communities/tanger-nord-beni-makada.md".to_string(), "missing-indicators".to_string())],
        "{}",
        check.stdout
    );
    // Drafts: built with --drafts, left out without.
    let text = std::fs::read_to_string(dir.join("content/communities/tanger-nord-beni-makada.md")).unwrap();
    assert!(text.contains("status: draft\n"));
    assert!(text.contains("assessed: 2026-11-22\n"), "today's date, unquoted");
    assert!(text.contains("assessed_by:\n  - Association Tadamoun, Tanger\n"), "{text}");
    assert!(run(&dir, &["build", "--drafts"]).code == 0);
    assert!(dir.join("site/communities/tanger-nord-beni-makada.html").is_file());
}

#[test]
fn a_new_profile_lists_every_indicator_by_group_and_the_seven_criteria_at_unknown() {
    let dir = new_site("new-profile-layout");
    let result = run(&dir, &["new", "community", "Aïn Lmaati", "--country", "Morocco", "--by", "Association X"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let text = std::fs::read_to_string(dir.join("content/communities/ain-lmaati.md")).unwrap();
    let schema = fieldbook::schema::Schema::builtin();
    let mut last = 0;
    for indicator in schema.indicators.iter() {
        let line = format!("  # {}:\n", indicator.term.id);
        let at = text.find(&line).unwrap_or_else(|| panic!("{} missing", indicator.term.id));
        assert!(at > last, "{} out of order", indicator.term.id);
        last = at;
        assert!(text.contains(&format!("  # {}: ", indicator.term.label)), "label of {}", indicator.term.id);
    }
    assert!(text.contains("# SOCIODEMOGRAPHICS") && text.contains("# COMMUNITY-BASED RESOURCES"));
    assert!(text.contains("a rating from 1 (very unsafe) to 5 (very safe)"));
    for criterion in schema.criteria.ids() {
        assert!(text.contains(&format!("  {criterion}:\n    status: unknown\n")), "{criterion}");
    }
    for heading in ["## Context", "## Migration and return", "## Recommendations"] {
        assert!(text.contains(heading), "{heading}");
    }
    // The prompts are comments: they never reach the page.
    assert_eq!(run(&dir, &["build", "--drafts"]).code, 0);
    let page = std::fs::read_to_string(dir.join("site/communities/ain-lmaati.html")).unwrap();
    assert!(page.contains("Migration and return"));
    assert!(!page.contains("Who leaves, when and why"), "the prompt was published");
}

#[test]
fn new_follows_the_sites_schema() {
    let dir = new_site("new-site-schema");
    let mut schema = std::fs::read_to_string(dir.join("schema.toml")).unwrap();
    schema.push_str(concat!(
        "\n[[indicators]]\nid = \"returnees-last-12-months\"\ngroup = \"sociodemographics\"\n",
        "label = \"Returnees in the last 12 months\"\ndescription = \"Registered returns.\"\nkind = \"count\"\n",
        "\n[[fields]]\nname = \"donor\"\ntypes = [\"project\"]\nkind = \"text\"\nrequired = true\n",
        "label = \"Donor\"\ndescription = \"Who funds the project.\"\n",
        "\n[[sections]]\nid = \"health\"\ntypes = [\"community\"]\nlabel = \"Health services\"\n",
        "description = \"Clinics and who reaches them.\"\n",
    ));
    std::fs::write(dir.join("schema.toml"), schema).unwrap();
    let profile = run(&dir, &["new", "community", "Sidi Ali", "--country", "Morocco", "--by", "X"]);
    assert_eq!(profile.code, 0, "{}", profile.stderr);
    let text = std::fs::read_to_string(dir.join("content/communities/sidi-ali.md")).unwrap();
    assert!(text.contains("  # Returnees in the last 12 months: a whole number\n  # returnees-last-12-months:\n"));
    assert!(text.contains("## Health services\n"));
    // A required field of the site's own: asked for, then written.
    let missing = run(&dir, &["new", "project", "Kiosks", "--community", "riverside", "--approach", "new-community"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("give --set donor=..."), "{}", missing.stderr);
    let given = run(
        &dir,
        &[
            "new",
            "project",
            "Kiosks",
            "--community",
            "riverside",
            "--approach",
            "new-community",
            "--set",
            "donor=Example Fund",
        ],
    );
    assert_eq!(given.code, 0, "{}", given.stderr);
    assert!(std::fs::read_to_string(dir.join("content/projects/kiosks.md")).unwrap().contains("donor: Example Fund\n"));
    // The starter project predates the required field: only it is reported, besides coverage
    // and the JSON Schemas of the two types the change affects.
    let check = run(&dir, &["check"]);
    let mut codes = problem_codes(&check.stderr);
    codes.sort();
    let expected = ["missing-field", "missing-indicators", "missing-indicators", "stale-json-schema"];
    assert_eq!(codes, expected, "{}", check.stderr);
    assert!(check.stderr.contains("content/projects/riverside-repair-workshop.md"), "{}", check.stderr);
    assert!(check.stderr.contains("= help: add `donor:` near the top; who funds the project.\n"), "{}", check.stderr);
    // A field without a description: the help says where to add it, and stops there.
    let schema = std::fs::read_to_string(dir.join("schema.toml")).unwrap();
    std::fs::write(dir.join("schema.toml"), schema.replace("description = \"Who funds the project.\"\n", "")).unwrap();
    let check = run(&dir, &["check"]);
    assert!(check.stderr.contains("= help: add `donor:` near the top\n"), "{}", check.stderr);
    let french = run_speaking("fr", &dir, &["check"]);
    assert!(french.stderr.contains("= aide: ajoutez `donor:` en haut du fichier\n"), "{}", french.stderr);
}

#[test]
fn new_asks_for_required_values_it_was_not_given() {
    let dir = new_site("new-asks");
    let mut child = fieldbook()
        .args(["--root", dir.to_str().unwrap(), "new", "community", "Douar Tahtani"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"Morocco\nAssociation Amal, Caritas Tanger\n").unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("Country (country)") && stderr.contains("Assessed by (assessed_by)"), "{stderr}");
    let text = std::fs::read_to_string(dir.join("content/communities/douar-tahtani.md")).unwrap();
    // Several organizations, as the question says: separated by commas.
    assert!(stderr.contains("(several: separate them with commas)"), "{stderr}");
    assert!(
        text.contains("country: Morocco\n") && text.contains("assessed_by: [Association Amal, Caritas Tanger]\n"),
        "{text}"
    );

    // With nothing to read, it says which options give the values, and creates nothing.
    let result = run(&dir, &["new", "community", "Douar Fouqani"]);
    assert_eq!(result.code, 2);
    assert!(result.stderr.contains("nothing was created: give --country and --by"), "{}", result.stderr);
    assert!(!dir.join("content/communities/douar-fouqani.md").exists());
}

#[test]
fn new_refuses_to_overwrite_and_explains_bad_values() {
    let dir = new_site("new-refuses");
    let path = dir.join("content/communities/riverside.md");
    let before = std::fs::read_to_string(&path).unwrap();
    let again = run(&dir, &["new", "community", "Riverside", "--country", "X", "--by", "Y"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("`content/communities/riverside.md` already exists"), "{}", again.stderr);
    assert!(again.stderr.contains("--slug"), "{}", again.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);

    let cases: [(&[&str], &str); 5] = [
        (
            &["new", "project", "P", "--community", "riversid", "--approach", "new-community"],
            "there is no community `riversid` in content/communities; did you mean `riverside`?",
        ),
        (
            &["new", "project", "P", "--community", "riverside", "--approach", "new-comunity"],
            "did you mean `new-community`?",
        ),
        (&["new", "guidance", "G", "--sector", "helth"], "did you mean `health`?"),
        (&["new", "page", "A", "--set", "populaton=3"], "a page has no field `populaton`"),
        (&["new", "community", "C", "--country", "X", "--by", "Y", "--set", "population=many"], "not a whole number"),
    ];
    for (args, expected) in cases {
        let result = run(&dir, args);
        assert_eq!(result.code, 2, "{args:?}");
        assert!(result.stderr.to_lowercase().contains(&expected.to_lowercase()), "{args:?}: {}", result.stderr);
    }
    assert!(!dir.join("content/projects/p.md").exists());
}

/// The commands `fieldbook --help` lists.
fn commands() -> Vec<String> {
    let output = fieldbook().arg("--help").output().unwrap();
    let help = String::from_utf8_lossy(&output.stdout).into_owned();
    let list = help.split("Commands:\n").nth(1).unwrap().split("\n\n").next().unwrap().to_string();
    list.lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|c| c != "help")
        .collect()
}

#[test]
fn every_command_has_help_with_examples() {
    let commands = commands();
    for expected in ["check", "build", "schema", "init", "new", "fmt", "serve", "completions"] {
        assert!(commands.iter().any(|c| c == expected), "{expected} is not in --help: {commands:?}");
    }
    let top = fieldbook().arg("--help").output().unwrap();
    assert!(String::from_utf8_lossy(&top.stdout).contains("Examples:"));
    for command in &commands {
        let output = fieldbook().args([command.as_str(), "--help"]).output().unwrap();
        let help = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{command}");
        assert!(help.contains("Examples:\n  fieldbook "), "`fieldbook {command} --help` has no examples:\n{help}");
    }
}

#[test]
fn completions_cover_the_commands_and_content_types() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = fieldbook().args(["completions", shell]).output().unwrap();
        assert!(output.status.success(), "{shell}");
        let script = String::from_utf8_lossy(&output.stdout);
        for word in ["build", "check", "new", "fmt", "serve", "include-confidential"] {
            assert!(script.contains(word), "{shell} completions lack {word}");
        }
        // The content types of `new`, where the shell completes positional values.
        if ["bash", "zsh"].contains(&shell) {
            assert!(script.contains("case-study"), "{shell} completions lack the content types");
        }
    }
}

#[test]
fn init_ci_writes_the_workflow_the_guide_shows_and_its_commands_pass() {
    let guide = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/src/checking.md")).unwrap();
    for (service, path, source, format) in [
        ("github", ".github/workflows/fieldbook.yml", "github.yml", "--format github"),
        ("gitlab", ".gitlab-ci.yml", "gitlab.yml", "--format sarif"),
    ] {
        let dir = scratch(&format!("init-ci-{service}"));
        let result = init(&dir, &["--ci", service]);
        assert_eq!(result.code, 0, "{}", result.stderr);
        assert!(result.stdout.contains(&format!("created {path}")), "{}", result.stdout);
        let written = std::fs::read_to_string(dir.join(path)).unwrap();
        let source_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/scaffold/ci").join(source);
        assert_eq!(written, std::fs::read_to_string(source_path).unwrap(), "{service}");
        // One source: the guide includes the very file init writes.
        assert!(guide.contains(&format!("{{{{#include ../../src/scaffold/ci/{source}}}}}")), "{service}");
        // The workflow installs Fieldbook, then checks and builds; the commands work on the new site.
        assert!(written.contains("cargo install --locked --root"), "{service}");
        // Fieldbook and the last site are kept between runs: a run's build is a rebuild.
        let kept = if service == "github" { "~/.fieldbook\n            site/" } else { "[.fieldbook/, site/]" };
        assert!(written.contains(kept), "{service}: {written}");
        if service == "gitlab" {
            let ignored = std::fs::read_to_string(dir.join(".gitignore")).unwrap();
            assert!(ignored.lines().any(|l| l == "/.fieldbook/"), "{ignored}");
            // The install inside the site folder is none of the site's business.
            std::fs::create_dir_all(dir.join(".fieldbook/bin")).unwrap();
            std::fs::write(dir.join(".fieldbook/bin/fieldbook"), [0x7f, b'E', b'L', b'F', 0, 1]).unwrap();
            std::fs::write(dir.join(".fieldbook/.crates.toml"), "[v1]\n").unwrap();
        }
        assert!(written.contains(&format!("fieldbook check {format}")), "{service}");
        assert!(written.contains("- fieldbook build") || written.contains("run: fieldbook build"), "{service}");
        let check = run(&dir, &["check", "--format", format.trim_start_matches("--format ")]);
        assert_eq!(check.code, 0, "{}", check.stderr);
        let build = run(&dir, &["build"]);
        assert_eq!(build.code, 0, "{}", build.stderr);
        // A second init keeps the workflow as it is.
        std::fs::write(dir.join(path), "# edited\n").unwrap();
        let again = init(&dir, &["--ci", service]);
        assert!(again.stdout.contains(&format!("kept    {path}")), "{}", again.stdout);
        assert_eq!(std::fs::read_to_string(dir.join(path)).unwrap(), "# edited\n");
    }
}

#[test]
fn init_in_french_spanish_and_arabic_writes_a_site_in_that_language_that_checks_and_builds() {
    // A few words each translated file must hold, and none of the English ones.
    // Then how `init` names a file it created, and one it kept.
    let cases = [
        (
            "fr",
            "Rédiger pour ce site",
            "personnes de retour",
            "ltr",
            "créé     fieldbook.toml",
            "conservé fieldbook.toml",
        ),
        (
            "es",
            "Cómo escribir para este sitio",
            "personas retornadas",
            "ltr",
            "creado     fieldbook.toml",
            "conservado fieldbook.toml",
        ),
        ("ar", "الكتابة لهذا الموقع", "العائدين", "rtl", "أُنشئ fieldbook.toml", "أُبقي fieldbook.toml"),
    ];
    for (language, authoring_words, profile_words, dir_attr, created, kept) in cases {
        let dir = scratch(&format!("init-language-{language}"));
        let result = init(&dir, &["--language", language]);
        assert_eq!(result.code, 0, "{language}: {}", result.stderr);
        // Every line in the site's language, none in English.
        assert!(result.stdout.contains(created), "{language}: {}", result.stdout);
        assert!(!result.stdout.contains("created "), "{language}: {}", result.stdout);
        let again = init(&dir, &["--language", language]);
        assert!(again.stdout.contains(kept), "{language}: {}", again.stdout);
        assert!(!again.stdout.contains("kept "), "{language}: {}", again.stdout);
        let settings = std::fs::read_to_string(dir.join("fieldbook.toml")).unwrap();
        assert!(settings.contains(&format!("language = \"{language}\"")), "{settings}");
        let authoring = std::fs::read_to_string(dir.join("AUTHORING.md")).unwrap();
        // It tells authors how to start a translation, and to save pages as `.md`.
        assert!(authoring.contains("fieldbook translate --missing"), "{language}");
        assert!(authoring.contains("`.md.txt`") && authoring.contains("`.docx`"), "{language}");
        assert!(authoring.contains(authoring_words), "{language}: {authoring}");
        assert!(!authoring.contains("Writing for this site"), "{language}");
        let profile = std::fs::read_to_string(dir.join("content/communities/riverside.md")).unwrap();
        assert!(profile.contains(profile_words), "{language}: {profile}");
        assert!(!profile.contains("An invented example"), "{language}");
        let tidy = run(&dir, &["fmt", "--check"]);
        assert_eq!(tidy.code, 0, "{language}: {}{}", tidy.stdout, tidy.stderr);
        let check = run(&dir, &["check"]);
        assert_eq!(check.code, 0, "{language}: {}", check.stderr);
        // As in English, the short starter profile's coverage is the only thing mentioned.
        assert_eq!(problem_codes(&check.stderr), ["missing-indicators"], "{language}: {}", check.stderr);
        let build = run(&dir, &["build"]);
        assert_eq!(build.code, 0, "{language}: {}", build.stderr);
        let page = std::fs::read_to_string(dir.join("site/communities/riverside.html")).unwrap();
        assert!(page.contains(&format!("lang=\"{language}\"")), "{language}");
        assert!(page.contains(&format!("dir=\"{dir_attr}\"")), "{language}");
    }
}

#[test]
fn init_refuses_a_language_it_has_no_starter_site_in() {
    let dir = scratch("init-language-unknown");
    let result = init(&dir, &["--language", "de"]);
    assert_eq!(result.code, 2, "{}", result.stderr);
    assert!(result.stderr.contains("'de'"), "{}", result.stderr);
    assert!(result.stderr.contains("en, fr, es, ar"), "{}", result.stderr);
    assert!(!dir.join("fieldbook.toml").exists());
}

#[test]
fn new_asks_in_the_sites_language() {
    let dir = scratch("new-asks-in-french");
    assert_eq!(init(&dir, &["--language", "fr"]).code, 0);
    // No terminal: nothing is answered, so nothing is created, and `new` says so in French.
    let output =
        fieldbook().arg("--root").arg(&dir).args(["new", "project", "Essai"]).stdin(Stdio::null()).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_ne!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("Approche (approach) : "), "{stderr}");
    assert!(stderr.contains("l'une des valeurs : collective-returnee"), "{stderr}");
    assert!(stderr.contains("aucun fichier n'a été créé : indiquez --community et --approach"), "{stderr}");
    assert!(!dir.join("content/projects/essai.md").exists());
}

/// `init --language` ends in the site's language, and `new` writes the comments and section
/// headings of a new file in it (the schema's labels in that language, Fieldbook's words around
/// them); the file is canonical and passes `check`.
#[test]
fn init_and_new_speak_the_sites_language() {
    let cases = [
        (
            "fr",
            "fichiers créés dans",
            "# Nouveau profil communautaire, en brouillon",
            "# Répartition par âge : des parts dont la somme fait 100",
            "## Contexte",
            "<!-- Rédigez la page ici, en markdown. -->",
        ),
        (
            "es",
            "archivos creados en",
            "# Nuevo perfil comunitario, en borrador",
            "# Distribución por edad: proporciones que suman 100",
            "## Contexto",
            "<!-- Escriba aquí la página, en markdown. -->",
        ),
        (
            "ar",
            "ملفًا في",
            "# ملمح مجتمعي جديد، في حالة مسودة",
            "# التوزيع حسب العمر: حصص مجموعها 100",
            "## السياق",
            "<!-- اكتب الصفحة هنا بصيغة markdown. -->",
        ),
    ];
    for (language, done, header, indicator, heading, page_body) in cases {
        let dir = scratch(&format!("init-new-speak-{language}"));
        let result = init(&dir, &["--language", language]);
        assert_eq!(result.code, 0, "{language}: {}", result.stderr);
        assert!(result.stderr.contains(done), "{language}: {}", result.stderr);
        assert!(!result.stderr.contains("Next:") && !result.stderr.contains("is the guide"), "{}", result.stderr);
        assert!(result.stderr.contains("AUTHORING.md") && result.stderr.contains("fieldbook build"), "{language}");
        let new = |args: &[&str]| {
            let output =
                fieldbook().arg("--root").arg(&dir).arg("new").args(args).stdin(Stdio::null()).output().unwrap();
            assert!(output.status.success(), "{language}: {}", String::from_utf8_lossy(&output.stderr));
        };
        new(&["community", "Tanger Nord", "--country", "Morocco", "--by", "Team"]);
        new(&["page", "Essai"]);
        let profile = std::fs::read_to_string(dir.join("content/communities/tanger-nord.md")).unwrap();
        for words in [header, indicator, heading] {
            assert!(profile.contains(words), "{language}: `{words}` not in\n{profile}");
        }
        for english in ["A new community profile", "shares summing to", "## Context\n", "Each criterion", "suggested:"]
        {
            assert!(!profile.contains(english), "{language}: `{english}` in\n{profile}");
        }
        let page = std::fs::read_to_string(dir.join("content/essai.md")).unwrap();
        assert!(page.contains(page_body), "{language}: {page}");
        let tidy = run(&dir, &["fmt", "--check"]);
        assert_eq!(tidy.code, 0, "{language}: {}{}", tidy.stdout, tidy.stderr);
        let check = run(&dir, &["check"]);
        assert_eq!(check.code, 0, "{language}: {}", check.stderr);
    }
}

/// A site in a language Fieldbook has no words in: `new` writes English.
#[test]
fn new_writes_english_for_a_language_it_has_no_words_in() {
    let dir = scratch("new-speaks-english-otherwise");
    assert_eq!(init(&dir, &[]).code, 0);
    let settings = std::fs::read_to_string(dir.join("fieldbook.toml")).unwrap();
    let language = settings.lines().find(|l| l.starts_with("language = ")).expect("init sets the language");
    std::fs::write(dir.join("fieldbook.toml"), settings.replace(language, "language = \"pt\"")).unwrap();
    let output =
        fieldbook().arg("--root").arg(&dir).args(["new", "page", "Sobre"]).stdin(Stdio::null()).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let page = std::fs::read_to_string(dir.join("content/sobre.md")).unwrap();
    assert!(page.contains("# A new page, a draft until `status: published`."), "{page}");
    assert!(page.contains("<!-- Write the page here, in markdown. -->"), "{page}");
}

/// `new` says the warnings `check` will give the new file (a misspelt country), in the site's
/// language, when it makes it: not the indicators it does not give yet, its to-do list.
#[test]
fn new_says_the_new_file_s_warnings_in_the_site_s_language() {
    let dir = scratch("new-warnings-es");
    assert_eq!(init(&dir, &["--language", "es"]).code, 0);
    let result = run(&dir, &["new", "community", "La Joya", "--country", "Hondura", "--by", "ARD"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(dir.join("content/communities/la-joya.md").exists());
    assert!(
        result
            .stderr
            .contains("advertencia[unknown-country]: `Hondura` no es un nombre de país que Fieldbook reconozca"),
        "{}",
        result.stderr
    );
    assert!(result.stderr.contains("¿quiso decir `Honduras`?"), "{}", result.stderr);
    assert!(!result.stderr.contains("missing-indicators"), "{}", result.stderr);
    let clean = run(&dir, &["new", "community", "El Paraíso", "--country", "Honduras", "--by", "ARD"]);
    assert_eq!(clean.code, 0, "{}", clean.stderr);
    assert!(!clean.stderr.contains("advertencia["), "{}", clean.stderr);
}

/// A field the site defines but the schema refuses (a kind a site cannot use) is reported once,
/// at its definition: a page that gives it is not told the field is unknown as well.
#[test]
fn a_refused_field_is_reported_where_it_is_defined_only() {
    let dir = new_site("refused-field");
    let mut schema = std::fs::read_to_string(dir.join("schema.toml")).unwrap();
    schema.push_str("\n[[fields]]\nname = \"budget\"\ntypes = [\"project\"]\nkind = \"decimal\"\nlabel = \"Budget\"\n");
    std::fs::write(dir.join("schema.toml"), schema).unwrap();
    let project = dir.join("content/projects/riverside-repair-workshop.md");
    let text = std::fs::read_to_string(&project).unwrap();
    std::fs::write(&project, text.replacen("---\n", "---\nbudget: 12500\n", 1)).unwrap();
    let check = run(&dir, &["check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    let mut codes = problem_codes(&check.stderr);
    codes.retain(|c| c != "missing-indicators" && c != "stale-json-schema");
    assert_eq!(codes, ["schema"], "{}", check.stderr);
    assert!(check.stderr.contains("the field `budget` needs a `kind`; `decimal` is not one a site can use"));
    // Other tools' word for a kind is read as Fieldbook's.
    assert!(check.stderr.contains("= help: did you mean `number`?"), "{}", check.stderr);
    // A field no definition names is still unknown.
    std::fs::write(&project, text.replacen("---\n", "---\nbugdet: 12500\n", 1)).unwrap();
    let check = run(&dir, &["check"]);
    assert!(check.stderr.contains("error[unknown-field]: unknown field `bugdet` for a project"), "{}", check.stderr);
}

/// A field of the site's own of kind `number` takes decimals: `check` reads them (and explains a
/// decimal comma), pages write them as their language does, the editors' JSON Schema, the
/// reference and `new` know the kind.
#[test]
fn a_number_field_takes_decimals_and_pages_write_them_in_their_language() {
    let dir = new_site("number-field");
    let mut schema = std::fs::read_to_string(dir.join("schema.toml")).unwrap();
    schema.push_str(concat!(
        "\n[[fields]]\nname = \"budget_musd\"\ntypes = [\"project\"]\nkind = \"number\"\n",
        "label = \"Budget (USD million)\"\nlabels = { fr = \"Budget (millions USD)\" }\n",
    ));
    std::fs::write(dir.join("schema.toml"), schema).unwrap();
    assert_eq!(run(&dir, &["schema", "--json-schema"]).code, 0);
    let js = std::fs::read_to_string(dir.join("schemas/project.schema.json")).unwrap();
    let js: serde_json::Value = serde_json::from_str(&js).unwrap();
    assert_eq!(js["properties"]["budget_musd"]["type"], "number", "{js}");
    let reference = run(&dir, &["schema", "--reference"]);
    assert!(
        reference.stdout.contains("number (decimals allowed, written with a point: `1.25`)"),
        "{}",
        reference.stdout
    );

    let project = dir.join("content/projects/riverside-repair-workshop.md");
    let text = std::fs::read_to_string(&project).unwrap();
    // A decimal comma is refused, at its line, with how to write it.
    std::fs::write(&project, text.replacen("---\n", "---\nbudget_musd: 1,25\n", 1)).unwrap();
    let check = run(&dir, &["check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(check.stderr.contains("error[wrong-kind]"), "{}", check.stderr);
    assert!(check.stderr.contains("riverside-repair-workshop.md:2:14"), "{}", check.stderr);
    assert!(
        check.stderr.contains("= help: use a dot for decimals: `1.25`"),
        "the help shows the number written with a point: {}",
        check.stderr
    );

    std::fs::write(&project, text.replacen("---\n", "---\nbudget_musd: 1.25\n", 1)).unwrap();
    let check = run(&dir, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_eq!(run(&dir, &["build"]).code, 0);
    let page = std::fs::read_to_string(dir.join("site/projects/riverside-repair-workshop.html")).unwrap();
    assert!(page.contains("Budget (USD million)") && page.contains(">1.25<"), "{page}");
    // A French site writes the decimal comma.
    let config = std::fs::read_to_string(dir.join("fieldbook.toml")).unwrap();
    std::fs::write(dir.join("fieldbook.toml"), config.replacen("language = \"en\"", "language = \"fr\"", 1)).unwrap();
    assert_eq!(run(&dir, &["build"]).code, 0);
    let page = std::fs::read_to_string(dir.join("site/projects/riverside-repair-workshop.html")).unwrap();
    assert!(page.contains("Budget (millions USD)") && page.contains(">1,25<"), "{page}");

    // `new` writes the number as given, and refuses what `check` would.
    let new = |budget: &str| {
        let set = format!("budget_musd={budget}");
        let args =
            ["new", "project", "Kiosks", "--community", "riverside", "--approach", "new-community", "--set", &set];
        run(&dir, &args)
    };
    let refused = new("1,5");
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("`1,5` n'est pas un nombre\u{202f}: écrivez-le avec un point"),
        "{}",
        refused.stderr
    );
    let given = new("2.5");
    assert_eq!(given.code, 0, "{}", given.stderr);
    assert!(std::fs::read_to_string(dir.join("content/projects/kiosks.md")).unwrap().contains("budget_musd: 2.5\n"));
}

/// A field of the site's own cannot take the name of a column of the export its pages go to
/// (`url` on profiles, on case studies): its own column would stand beside Fieldbook's. On
/// guidance, which has no table, it can.
#[test]
fn a_site_field_named_as_an_export_column_is_refused_where_it_is_defined() {
    let dir = new_site("field-named-url");
    let schema = std::fs::read_to_string(dir.join("schema.toml")).unwrap();
    let field =
        "\n[[fields]]\nname = \"url\"\ntypes = [\"community\"]\nkind = \"url\"\nlabel = \"Municipality's page\"\n";
    std::fs::write(dir.join("schema.toml"), format!("{schema}{field}")).unwrap();
    let check = run(&dir, &["check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(
        check.stderr.contains(
            "error[schema]: `url` cannot be the name of a field of the site's own on these pages: the export `communities.csv` has a column of that name"
        ),
        "{}",
        check.stderr
    );
    assert!(check.stderr.contains("--> schema.toml:"), "{}", check.stderr);
    assert!(check.stderr.contains("= help: choose another name"), "{}", check.stderr);
    let french = run_speaking("fr", &dir, &["check"]);
    assert!(french.stderr.contains("l'export `communities.csv` a déjà une colonne de ce nom"), "{}", french.stderr);
    // Case studies have their table too.
    std::fs::write(
        dir.join("schema.toml"),
        format!("{schema}{}", field.replace("[\"community\"]", "[\"case-study\"]")),
    )
    .unwrap();
    let check = run(&dir, &["check"]);
    assert!(check.stderr.contains("the export `case_studies.csv` has a column of that name"), "{}", check.stderr);
    // On guidance, which has no table of its own, the name is free.
    std::fs::write(dir.join("schema.toml"), format!("{schema}{}", field.replace("[\"community\"]", "[\"guidance\"]")))
        .unwrap();
    let check = run(&dir, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(!check.stderr.contains("error[schema]"), "{}", check.stderr);
}
