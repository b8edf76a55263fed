//! The serve benchmark: `cargo bench --bench serve -- [PROFILES] [--edits N]`.
//!
//! Generates the synthetic site of the build benchmark (PROFILES community profiles, 10,000 by
//! default), loads it into a [`Session`] as `fieldbook serve` does, then edits profiles one at a
//! time and measures how long it takes from the saved file to fresh pages: the session taking
//! the change in, then rendering the edited profile, the first page of the communities listing,
//! the first page of the edited indicator's comparison, the criteria matrix and the home page
//! (the pages a browser would ask for; every other page is rendered when it is asked for, from
//! the same fresh state). It also times the slower kinds of change once each: a heading, a
//! new file, that file renamed and deleted, a translation added and removed (each linked
//! again from the documents the session has), and the first search after an edit (the
//! search files a browser loads for a query: `meta.js`, the first documents shard and a
//! terms shard). Nothing here is a test: run it on a quiet machine and read the numbers.

use std::path::{Path, PathBuf};
use std::time::Instant;

use fieldbook::date::Date;
use fieldbook::link::Audience;
use fieldbook::loaded::{Applied, Session, SessionOptions};

fn ms(started: Instant) -> f64 {
    started.elapsed().as_secs_f64() * 1000.0
}

fn percentile(values: &[f64], p: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(|a, b| a.total_cmp(b));
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn render(session: &Session, paths: &[String]) {
    for path in paths {
        let page = session.page(path).unwrap_or_else(|| panic!("no page {path}")).expect("render");
        assert!(!page.is_empty());
    }
}

/// Apply `change` to the file at `path`, then take it in; returns how it was taken and the time.
fn edit(session: &mut Session, path: &Path, change: impl Fn(&str) -> String) -> (Applied, f64) {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    std::fs::write(path, change(&text)).expect("write profile");
    let started = Instant::now();
    let applied = session.update(&[path.to_path_buf()]).expect("update").expect("no errors");
    (applied, ms(started))
}

/// Take in changes already made to the files at `paths`; returns how they were taken and the time.
fn take(session: &mut Session, paths: &[PathBuf]) -> (Applied, f64) {
    let started = Instant::now();
    let applied = session.update(paths).expect("update").expect("no errors");
    (applied, ms(started))
}

fn main() {
    let mut profiles = 10_000usize;
    let mut edits = 20usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--edits" => edits = args.next().and_then(|r| r.parse().ok()).expect("--edits N"),
            "--bench" => {}
            other => {
                if let Ok(n) = other.replace(['_', ','], "").parse() {
                    profiles = n;
                }
            }
        }
    }
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("serve-bench-{profiles}"));
    let _ = std::fs::remove_dir_all(&root);
    let size = fieldbook::corpus::CorpusSize { profiles, case_studies: profiles / 10 };
    fieldbook::corpus::write(&root, size).expect("write the corpus");
    // A second language, for the translation timed below.
    let config = root.join("fieldbook.toml");
    let settings = std::fs::read_to_string(&config).expect("read fieldbook.toml");
    std::fs::write(&config, format!("{settings}languages = [\"en\", \"fr\"]\n")).expect("write fieldbook.toml");
    let options = SessionOptions {
        root: root.clone(),
        audience: Audience::PUBLIC,
        today: Date::new(2026, 11, 22).expect("date"),
    };
    let started = Instant::now();
    let mut session = Session::open(options).expect("open").expect("the corpus has no errors");
    println!("corpus: {profiles} profiles; first load {:.0} ms", ms(started));

    let indicator = "access-to-services";
    let fixed_pages =
        ["communities/index.html", "indicators/access-to-services.html", "criteria/index.html", "index.html"];
    let mut updates = Vec::new();
    let mut totals = Vec::new();
    for k in 0..edits {
        let n = (k * 7919 + 13) % profiles;
        let id = fieldbook::corpus::profile_id(n);
        let path = root.join("content/communities").join(format!("{id}.md"));
        // Change the indicator's value (or give it one), and a sentence of the text.
        let (applied, update) = edit(&mut session, &path, |text| {
            let value = format!("  {indicator}:\n    value: {}\n", 10 + k);
            let mut out = match text.find(&format!("  {indicator}:\n")) {
                Some(at) => {
                    let end = text[at..].find("    source:").map_or(at, |e| at + e);
                    format!("{}{value}{}", &text[..at], &text[end..])
                }
                None => text.replacen("indicators:\n", &format!("indicators:\n{value}"), 1),
            };
            out.push_str(&format!("\nEdit number {k}.\n"));
            out
        });
        assert_eq!(applied, Applied::Fast, "edit {k} of {id}");
        let started = Instant::now();
        let mut pages = vec![format!("communities/{id}.html")];
        pages.extend(fixed_pages.iter().map(|p| p.to_string()));
        render(&session, &pages);
        updates.push(update);
        totals.push(update + ms(started));
        assert!(
            session.page(&format!("communities/{id}.html")).unwrap().unwrap().contains(&format!("Edit number {k}."))
        );
    }
    println!(
        "edit one profile (indicator value and text), {edits} edits: update median {:.1} ms, max {:.1} ms; with the profile, listing, comparison, criteria and home pages rendered: median {:.1} ms, 90th percentile {:.1} ms, max {:.1} ms",
        percentile(&updates, 0.5),
        percentile(&updates, 1.0),
        percentile(&totals, 0.5),
        percentile(&totals, 0.9),
        percentile(&totals, 1.0)
    );

    let path = root.join("content/communities").join(format!("{}.md", fieldbook::corpus::profile_id(1)));
    let (applied, update) = edit(&mut session, &path, |text| text.replacen("title: ", "title: Renamed ", 1));
    println!("a title ({applied:?}): {update:.0} ms");
    let (applied, update) = edit(&mut session, &path, |text| format!("{text}\n## A new heading\n\nText.\n"));
    println!("a new heading ({applied:?}): {update:.0} ms");
    let new_page = root.join("content/communities/added-during-the-benchmark.md");
    let template = std::fs::read_to_string(&path).expect("read");
    let (applied, update) = edit(&mut session, &new_page, |_| template.clone());
    println!("a new file ({applied:?}): {update:.0} ms");
    let renamed = root.join("content/communities/renamed-during-the-benchmark.md");
    std::fs::rename(&new_page, &renamed).expect("rename");
    let (applied, update) = take(&mut session, &[new_page, renamed.clone()]);
    println!("a renamed file ({applied:?}): {update:.0} ms");
    std::fs::remove_file(&renamed).expect("delete");
    let (applied, update) = take(&mut session, &[renamed]);
    println!("a deleted file ({applied:?}): {update:.0} ms");
    let translation = root.join("content/communities").join(format!("{}.fr.md", fieldbook::corpus::profile_id(1)));
    let (applied, update) =
        edit(&mut session, &translation, |_| "---\ntitle: Une traduction\n---\n\nLe texte en français.\n".into());
    println!("a translation added ({applied:?}): {update:.0} ms");
    std::fs::remove_file(&translation).expect("delete");
    let (applied, update) = take(&mut session, &[translation]);
    println!("a translation removed ({applied:?}): {update:.0} ms");

    // The first search after an edit: what a browser loads for a query.
    assert!(session.file("search/meta.js").is_some());
    let id = fieldbook::corpus::profile_id(2);
    let path = root.join("content/communities").join(format!("{id}.md"));
    let (applied, update) = edit(&mut session, &path, |text| format!("{text}\nA searchable word: zanzibarian.\n"));
    let started = Instant::now();
    for file in ["search/meta.js", "search/docs-0.js", "search/terms-z.js"] {
        let bytes = session.file(file).unwrap_or_else(|| panic!("no {file}")).expect("search file");
        assert!(!bytes.is_empty());
    }
    let search = ms(started);
    let terms = session.file("search/terms-z.js").unwrap().unwrap();
    assert!(String::from_utf8_lossy(&terms).contains("zanzibarian"), "the edit is in the index");
    println!(
        "first search after an edit ({applied:?} in {update:.0} ms; meta.js, docs-0.js and terms-z.js): {search:.0} ms"
    );
    let _ = std::fs::remove_dir_all(&root);
}
