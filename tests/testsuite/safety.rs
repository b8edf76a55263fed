//! Safety: no script survives from content, nothing sensitive reaches a public build, the
//! internal build stays apart, and a build that fails, panics or is interrupted leaves the
//! previous site byte for byte as it was.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::html::{copy_site, files, parse, snapshot};
use crate::support::{TODAY_EPOCH, fieldbook, fixture, run};

fn build(root: &Path, args: &[&str]) {
    let mut all = vec!["build"];
    all.extend(args);
    let result = run(root, &all);
    assert_eq!(result.code, 0, "build failed:\n{}", result.stderr);
}

/// Every file of a built site as text (lossy), with its path.
fn texts(site: &Path) -> Vec<(String, String)> {
    files(site)
        .into_iter()
        .map(|f| {
            let text = String::from_utf8_lossy(&std::fs::read(site.join(&f)).unwrap()).into_owned();
            (f, text)
        })
        .collect()
}

#[test]
fn no_script_survives_from_content() {
    let root = copy_site(&fixture("safety/xss"), "safety-xss");
    build(&root, &[]);
    let site = root.join("site");
    let forbidden = ["iframe", "object", "embed", "form", "base", "style", "frame", "frameset", "applet"];
    let mut checked = 0;
    for (page, html) in texts(&site).into_iter().filter(|(p, _)| p.ends_with(".html")) {
        let (elements, _) = parse(&html);
        for e in &elements {
            let allowed_script =
                page == "search.html" && e.attrs.get("src").is_some_and(|s| s.ends_with("assets/search.js"));
            assert!(e.name != "script" || allowed_script, "{page}: a <script> survived");
            // Fieldbook's own search boxes are the only forms.
            let own_form = e.name == "form" && e.attrs.get("action").is_some_and(|a| a.ends_with("search.html"));
            assert!(!forbidden.contains(&e.name.as_str()) || own_form, "{page}: a <{}> survived", e.name);
            assert!(!(e.name == "meta" && e.attrs.contains_key("http-equiv")), "{page}: a refresh survived");
            for (name, value) in &e.attrs {
                assert!(!name.starts_with("on"), "{page}: <{} {name}=...> survived", e.name);
                assert_ne!(name, "style", "{page}: a style attribute survived on <{}>", e.name);
                let v = value.trim().to_ascii_lowercase();
                for scheme in ["javascript:", "data:", "vbscript:"] {
                    assert!(!v.starts_with(scheme), "{page}: <{} {name}=\"{value}\">", e.name);
                }
                let loads = ["href", "src", "srcset", "action", "formaction", "poster", "data", "background", "cite"];
                let external = v.starts_with("http:") || v.starts_with("https:") || v.starts_with("//");
                if external && loads.iter().any(|l| name.ends_with(l)) {
                    assert!(
                        e.name == "a" && name == "href",
                        "{page}: <{} {name}=\"{value}\"> loads from elsewhere",
                        e.name
                    );
                }
            }
            if e.name == "link" {
                assert!(!e.attrs.get("href").is_some_and(|h| h.contains("evil")), "{page}: an outside stylesheet");
            }
        }
        checked += 1;
    }
    assert!(checked > 20);
    let profile = std::fs::read_to_string(site.join("communities/payloads.html")).unwrap();
    assert!(
        profile.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Town"),
        "the title is shown, escaped"
    );
    assert!(profile.contains("<code>&lt;script&gt;alert('code')&lt;/script&gt;</code>"), "code stays code");
    // A heading keeps its own {#id}, but no other attribute; no outside address survives.
    assert!(
        profile.contains("<h2 id=\"x-attr\">Heading with attributes</h2>"),
        "the heading lost its id or kept attributes"
    );
    assert!(!profile.contains("evil"), "an outside address survived");
    // The index scripts are valid JSON inside their calls, whatever the titles hold.
    for (path, text) in texts(&site).into_iter().filter(|(p, _)| p.starts_with("search/")) {
        let inner = text.trim().trim_end_matches(';').trim_end_matches(')');
        let json = &inner[inner.find(['[', '{']).unwrap()..];
        let json = if path.contains("terms-") { &json[json.find('{').unwrap()..] } else { json };
        serde_json::from_str::<serde_json::Value>(json).unwrap_or_else(|e| panic!("{path}: {e}"));
    }
    roxmltree::Document::parse(&std::fs::read_to_string(site.join("feed.xml")).unwrap()).expect("the feed is XML");
}

#[test]
fn unsafe_links_in_frontmatter_are_refused() {
    let root = copy_site(&fixture("safety/xss"), "safety-url-field");
    std::fs::write(
        root.join("schema.toml"),
        "[[fields]]\nname = \"website\"\ntypes = [\"community\"]\nkind = \"url\"\nlabel = \"Website\"\n",
    )
    .unwrap();
    let file = root.join("content/communities/payloads.md");
    let text = std::fs::read_to_string(&file).unwrap().replacen(
        "status: published\n",
        "status: published\nwebsite: javascript:alert(1)\n",
        1,
    );
    std::fs::write(&file, text).unwrap();
    let result = run(&root, &["check"]);
    assert_eq!(result.code, 1);
    assert!(result.stderr.contains("error[unsafe-link]: `javascript:` links are not allowed"), "{}", result.stderr);
    assert!(result.stderr.contains("content/communities/payloads.md:4:10"), "{}", result.stderr);
}

const PUBLIC_CANARIES: [&str; 19] = [
    "qzconftitle",
    "qzconfsummary",
    "qzconfcountry",
    "qzconftag",
    "qzconfnote",
    "qzconfbody",
    "qzconffile",
    "qzconfprojecttitle",
    "qzdrafttitle",
    "qzdraftsummary",
    "qzdraftcountry",
    "qzdrafttag",
    "qzdraftbody",
    "qzdraftfile",
    "qzcontact",
    "qzinternalnote",
    "qzvillage",
    "qzsensitivenote",
    "qzethnicpart",
];
const SENSITIVE_SCHEMA: [&str; 8] = [
    "qzriskylabel",
    "qzriskyvalue",
    "qzsensitivesource",
    // Fieldbook's own fields, marked sensitive in the site's schema.toml.
    "qzplacecode",
    "qzassessor",
    "qzregion",
    "987654",
    "987,654",
];

#[test]
fn nothing_sensitive_reaches_a_public_build() {
    let root = copy_site(&fixture("safety/canary"), "safety-canary");
    build(&root, &[]);
    let public = texts(&root.join("site"));
    for canary in PUBLIC_CANARIES.iter().chain(&SENSITIVE_SCHEMA) {
        for (path, text) in &public {
            assert!(!text.to_lowercase().contains(canary), "`{canary}` leaked into the public {path}");
        }
    }
    // Counts and listings count only what is published.
    let home = std::fs::read_to_string(root.join("site/index.html")).unwrap();
    assert!(home.contains("<strong>1</strong> Communities"), "the home page counts hidden profiles");
    assert!(home.contains("<strong>1</strong> Countries"));
    // A count of 3 people is shown as <5, in pages and in data.
    let page = std::fs::read_to_string(root.join("site/communities/open-town.html")).unwrap();
    assert!(page.contains("female &lt;5, male ≥5"), "the small count, or the 17 that gives it away, is shown");
    let csv = std::fs::read_to_string(root.join("site/data/indicators.csv")).unwrap();
    assert!(csv.contains(",sex,female,,<5,"), "the small count is not masked in the CSV:\n{csv}");
    assert!(csv.contains(",sex,male,,≥5,"), "20 - 17 gives the small count away in the CSV:\n{csv}");
    let json = std::fs::read_to_string(root.join("site/data/communities/open-town.json")).unwrap();
    assert!(json.contains("\"female\":\"<5\",\"male\":\"≥5\""), "{json}");
    // A raw HTML link goes where the markdown link would; one to the draft loses its address.
    let case = std::fs::read_to_string(root.join("site/case-studies/river-case.html")).unwrap();
    assert!(case.contains(r#"<a href="../communities/open-town.html">Open Town</a>"#), "{case}");
    assert!(case.contains("prints nothing of it: ."), "{case}");

    // The canaries are really planted: the internal build, with drafts, shows every one.
    build(&root, &["--include-confidential", "--drafts"]);
    let internal = texts(&root.join("site-internal"));
    for canary in PUBLIC_CANARIES.iter().chain(&SENSITIVE_SCHEMA) {
        assert!(
            internal.iter().any(|(_, t)| t.to_lowercase().contains(canary)),
            "`{canary}` is missing from the internal build"
        );
    }
    // ...and the public build was not touched by it.
    assert_eq!(texts(&root.join("site")), public);
}

/// A page saved by Notepad as `.md.txt`, by WordPad as `.rtf`, by Word as `.docx`, or by an
/// editor as `.markdown`, is not read as a page; published as a file, it would show its
/// frontmatter, confidential fields included. Each is refused, said in the site's language,
/// and nothing of it reaches the site.
#[test]
fn a_page_saved_under_another_name_is_refused_not_published() {
    use std::io::Write;
    let root = copy_site(&fixture("safety/canary"), "safety-misnamed");
    let page =
        "---\ntitle: Bargny\nstatus: confidential\ninternal_notes: qzmisnamed three families threatened\n---\nText.\n";
    let communities = root.join("content/communities");
    std::fs::write(communities.join("bargny.md.txt"), page).unwrap();
    std::fs::write(communities.join("thies.markdown"), page).unwrap();
    let rtf = page.lines().map(|line| format!("{line}\\par\r\n")).collect::<String>();
    std::fs::write(
        communities.join("mbour.rtf"),
        format!("{{\\rtf1\\ansi{{\\fonttbl{{\\f0 Calibri;}}}}\r\n\\pard {rtf}}}"),
    )
    .unwrap();
    let mut docx = zip::ZipWriter::new(std::fs::File::create(communities.join("rufisque.docx")).unwrap());
    docx.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
    let paragraphs: String = page.lines().map(|line| format!("<w:p><w:r><w:t>{line}</w:t></w:r></w:p>")).collect();
    let xml = format!(
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{paragraphs}</w:body></w:document>"
    );
    docx.write_all(xml.as_bytes()).unwrap();
    docx.finish().unwrap();
    // A data file and a report that are not pages are published as before.
    std::fs::write(communities.join("notes.txt"), "Field notes: nothing like a frontmatter.\n").unwrap();

    let result = run(&root, &["build"]);
    assert_eq!(result.code, 1, "{}", result.stderr);
    for (file, help) in [
        ("bargny.md.txt", "rename it `bargny.md`"),
        ("thies.markdown", "rename it `thies.md`"),
        ("mbour.rtf", "save it as `mbour.md`"),
        ("rufisque.docx", "save it as `rufisque.md`"),
    ] {
        let at = "error[page-misnamed]: this file is a page (its text opens with `---` and a frontmatter), but only files whose name ends in `.md` are read as pages";
        let reported = result.stderr.split("\n\n").find(|block| block.contains(&format!("content/communities/{file}")));
        let reported = reported.unwrap_or_else(|| panic!("{file} is not reported:\n{}", result.stderr));
        assert!(reported.contains(at) && reported.contains(help), "{file}:\n{reported}");
    }
    assert!(!result.stderr.contains("notes.txt"), "{}", result.stderr);
    assert!(!root.join("site").exists(), "a build with a misnamed page wrote the site");

    // In the site's language.
    let config = std::fs::read_to_string(root.join("fieldbook.toml")).unwrap();
    std::fs::write(root.join("fieldbook.toml"), format!("language = \"fr\"\n{config}")).unwrap();
    let result = run(&root, &["check"]);
    assert!(result.stderr.contains("erreur[page-misnamed]: ce fichier est une page"), "{}", result.stderr);
    assert!(result.stderr.contains("renommez-le `bargny.md`"), "{}", result.stderr);

    // Named as a page, it is checked as one and stays out of the public site.
    for file in ["bargny.md.txt", "thies.markdown", "mbour.rtf", "rufisque.docx"] {
        std::fs::remove_file(communities.join(file)).unwrap();
    }
    std::fs::write(root.join("fieldbook.toml"), &config).unwrap();
    std::fs::write(
        communities.join("bargny.md"),
        page.replace(
            "title: Bargny",
            "title: Bargny\ncountry: Senegal\nassessed: 2026-01-01\nassessed_by: [x]\nmethods: [desk-review]",
        ),
    )
    .unwrap();
    build(&root, &[]);
    for (path, text) in texts(&root.join("site")) {
        assert!(!text.contains("qzmisnamed"), "the confidential page leaked into {path}");
    }
    assert!(root.join("site/communities/notes.txt").exists(), "a plain text file is still published");
}

#[test]
fn the_internal_build_is_marked_and_kept_apart() {
    let root = copy_site(&fixture("safety/canary"), "safety-internal");
    build(&root, &["--include-confidential"]);
    let site = root.join("site-internal");
    assert!(std::fs::read_to_string(site.join(".fieldbook-site")).unwrap().starts_with("fieldbook internal site"));
    for (path, html) in texts(&site).into_iter().filter(|(p, _)| p.ends_with(".html")) {
        assert!(html.contains("class=\"internal-banner\""), "{path} is not marked internal");
    }
    let confidential = std::fs::read_to_string(site.join("communities/qzconffile.html")).unwrap();
    assert!(confidential.contains(">Confidential<"));
    assert!(!root.join("site").exists(), "the internal build wrote the public folder");
    // Counts below the threshold show as they are in the internal build.
    let page = std::fs::read_to_string(site.join("communities/open-town.html")).unwrap();
    assert!(page.contains("female 3, male 17"), "the internal build masks counts");
}

#[test]
fn the_small_count_threshold_is_configurable() {
    let root = copy_site(&fixture("safety/canary"), "safety-threshold");
    std::fs::write(root.join("fieldbook.toml"), "title = \"T\"\n[privacy]\nsmall_count_threshold = 20\n").unwrap();
    let result = run(&root, &["check"]);
    assert!(
        result
            .stderr
            .contains("the count for `male` in `returnees-last-12-months` is 17, below the privacy threshold of 20"),
        "{}",
        result.stderr
    );
    build(&root, &[]);
    let page = std::fs::read_to_string(root.join("site/communities/open-town.html")).unwrap();
    assert!(page.contains("female &lt;20, male &lt;20"), "{}", &page[page.find("Sex:").unwrap_or(0)..][..80]);
}

/// Start a slow build, wait until it is writing, and return it.
fn slow_build(root: &Path) -> std::process::Child {
    let child = fieldbook()
        .arg("--root")
        .arg(root)
        .arg("build")
        .env("FIELDBOOK_FAULT", "slow-rendering")
        .env("SOURCE_DATE_EPOCH", TODAY_EPOCH)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let staging = root.join(".site.fieldbook-new");
    let started = Instant::now();
    while !staging.join("index.html").exists() && !staging.join("404.html").exists() {
        assert!(started.elapsed() < Duration::from_secs(60), "the build never started writing");
        std::thread::sleep(Duration::from_millis(20));
    }
    child
}

fn signal(child: &std::process::Child, name: &str) {
    assert!(Command::new("kill").arg(format!("-{name}")).arg(child.id().to_string()).status().unwrap().success());
}

fn built_fixture(name: &str) -> (PathBuf, std::collections::BTreeMap<String, Vec<u8>>) {
    let root = copy_site(&fixture("build/basic"), name);
    build(&root, &[]);
    // Change something, so that a finished build would differ from the one on disk.
    let file = root.join("content/communities/river-town.md");
    let text = std::fs::read_to_string(&file).unwrap().replace("A market town on a river.", "A market town, changed.");
    std::fs::write(&file, text).unwrap();
    let before = snapshot(&root.join("site"));
    (root, before)
}

#[test]
fn ctrl_c_leaves_the_previous_site() {
    let (root, before) = built_fixture("safety-interrupt");
    let child = slow_build(&root);
    signal(&child, "INT");
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(130), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stderr).contains("the previous site was left as it was"));
    assert_eq!(snapshot(&root.join("site")), before, "the site changed");
    assert!(!root.join(".site.fieldbook-new").exists(), "the staging folder was left behind");
}

#[test]
fn a_panic_in_a_worker_leaves_the_previous_site() {
    let (root, before) = built_fixture("safety-panic");
    let output = fieldbook()
        .arg("--root")
        .arg(&root)
        .arg("build")
        .env("FIELDBOOK_FAULT", "panic-while-rendering")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(101), "{stderr}");
    assert!(stderr.contains("Fieldbook hit a bug"), "{stderr}");
    assert_eq!(snapshot(&root.join("site")), before, "the site changed");
    assert!(!root.join(".site.fieldbook-new").exists(), "the staging folder was left behind");
}

#[test]
fn a_killed_build_leaves_the_previous_site_and_the_next_one_recovers() {
    let (root, before) = built_fixture("safety-kill");
    let mut child = slow_build(&root);
    signal(&child, "KILL");
    let _ = child.wait();
    assert_eq!(snapshot(&root.join("site")), before, "the site changed");
    // The next build removes the leftover staging folder and succeeds.
    build(&root, &[]);
    assert!(!root.join(".site.fieldbook-new").exists());
    let page = std::fs::read_to_string(root.join("site/communities/river-town.html")).unwrap();
    assert!(page.contains("A market town, changed."));
}
