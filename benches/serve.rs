//! The serve benchmark: `cargo bench --bench serve -- [PROFILES] [--edits N] [--rounds N]`.
//!
//! Generates the synthetic site of the build benchmark (PROFILES community profiles, 10,000 by
//! default), loads it into a [`Session`] as `fieldbook serve` does, then edits profiles one at a
//! time and measures how long it takes from the saved file to fresh pages: the session taking
//! the change in, then rendering the edited profile, the first page of the communities listing,
//! the first page of the edited indicator's comparison, the criteria matrix and the home page
//! (the pages a browser would ask for; every other page is rendered when it is asked for, from
//! the same fresh state). It also times the slower kinds of change, five times each (`--rounds`),
//! printing each time and their median: a title, a heading, a new file, that file renamed and
//! deleted, a translation added and removed (each but the title linked again from the
//! documents the session has), and the first search after an edit (the
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
    let mut rounds = 5usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--edits" => edits = args.next().and_then(|r| r.parse().ok()).expect("--edits N"),
            "--rounds" => rounds = args.next().and_then(|r| r.parse().ok()).expect("--rounds N"),
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

    // The slower kinds of change, `rounds` times each (one event is at the mercy of the file
    // system and the machine; the median of several is what an author feels).
    let mut slow: Vec<(&str, Vec<f64>)> = [
        "a title",
        "a new heading",
        "a new file",
        "a renamed file",
        "a deleted file",
        "a translation added",
        "a translation removed",
    ]
    .into_iter()
    .map(|kind| (kind, Vec::new()))
    .collect();
    for round in 0..rounds {
        let id = fieldbook::corpus::profile_id(1 + round);
        let path = root.join("content/communities").join(format!("{id}.md"));
        let mut times = Vec::new();
        let (applied, update) = edit(&mut session, &path, |text| text.replacen("title: ", "title: Renamed ", 1));
        times.push((applied, update));
        let (applied, update) = edit(&mut session, &path, |text| format!("{text}\n## A new heading\n\nText.\n"));
        times.push((applied, update));
        let new_page = root.join(format!("content/communities/added-during-the-benchmark-{round}.md"));
        let template = std::fs::read_to_string(&path).expect("read");
        let (applied, update) = edit(&mut session, &new_page, |_| template.clone());
        times.push((applied, update));
        let renamed = root.join(format!("content/communities/renamed-during-the-benchmark-{round}.md"));
        std::fs::rename(&new_page, &renamed).expect("rename");
        times.push(take(&mut session, &[new_page, renamed.clone()]));
        std::fs::remove_file(&renamed).expect("delete");
        times.push(take(&mut session, &[renamed]));
        let translation = root.join("content/communities").join(format!("{id}.fr.md"));
        let (applied, update) =
            edit(&mut session, &translation, |_| "---\ntitle: Une traduction\n---\n\nLe texte en français.\n".into());
        times.push((applied, update));
        std::fs::remove_file(&translation).expect("delete");
        times.push(take(&mut session, &[translation]));
        for ((kind, all), (applied, update)) in slow.iter_mut().zip(times) {
            let expected = if *kind == "a title" { Applied::Fast } else { Applied::Relinked };
            assert_eq!(applied, expected, "{kind}, round {round}");
            all.push(update);
        }
    }
    for (kind, all) in &slow {
        let each: Vec<String> = all.iter().map(|t| format!("{t:.0}")).collect();
        println!(
            "{kind}, {rounds} times: median {:.0} ms, max {:.0} ms ({})",
            percentile(all, 0.5),
            percentile(all, 1.0),
            each.join(", ")
        );
    }

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
