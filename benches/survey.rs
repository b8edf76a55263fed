//! The import benchmark: `cargo bench --bench survey -- [SUBMISSIONS] [COMMUNITIES] [--runs N]`.
//!
//! Generates a synthetic site (COMMUNITIES profiles, 1,000 by default, see `fieldbook::corpus`),
//! its survey form, and SUBMISSIONS invented submissions (100,000 by default) spread over the
//! communities (`fieldbook::corpus::survey`), as a KoBoToolbox CSV export; then times
//! `fieldbook import --replace` on it, each run on the site as generated (after `sync`), and prints each run's
//! wall time and the median. `--keep` keeps the site and the submissions in `target/tmp/`. Nothing here is a test: run it on a quiet machine and read the
//! numbers.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use fieldbook::corpus::survey::{RoundCommunity, submissions};

fn main() {
    let mut numbers = Vec::new();
    let mut runs = 5;
    let mut keep = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => runs = args.next().and_then(|r| r.parse().ok()).expect("--runs N"),
            "--bench" => {}
            "--keep" => keep = true,
            other => numbers.push(other.parse::<usize>().expect("SUBMISSIONS COMMUNITIES")),
        }
    }
    let rows = numbers.first().copied().unwrap_or(100_000);
    let profiles = numbers.get(1).copied().unwrap_or(1_000);
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("survey-bench-{profiles}"));
    let site = || {
        let _ = std::fs::remove_dir_all(&root);
        fieldbook::corpus::write(&root, fieldbook::corpus::CorpusSize { profiles, case_studies: 0 })
            .expect("write the corpus");
    };
    site();
    let schema = fieldbook::schema_in_force(&root).unwrap().0;
    let config = fieldbook::read_config(&root).unwrap();
    let communities = fieldbook::survey::site_communities(&root).unwrap();
    let form = fieldbook::survey::build_form(&schema, &config, &communities, Default::default());
    let members: Vec<RoundCommunity<'_>> =
        communities.iter().map(|c| RoundCommunity { id: &c.id, targets: &[], weight: 1 }).collect();
    let csv = submissions(&form, &schema, &members, "2026-05", rows, 18);
    let file = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("survey-bench-{rows}.csv"));
    std::fs::write(&file, &csv).expect("write the submissions");
    println!(
        "{rows} submissions ({:.1} MB) for {profiles} communities, {} questions",
        csv.len() as f64 / 1e6,
        form.questions.len()
    );
    let mut times = Vec::new();
    for run in 0..=runs {
        site();
        // So that the run does not pay for writing the corpus to disk.
        let _ = Command::new("sync").status();
        let started = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_fieldbook"))
            .arg("--root")
            .arg(&root)
            .args(["import", "--replace"])
            .arg(&file)
            .output()
            .expect("run fieldbook import");
        let wall = started.elapsed().as_secs_f64();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        if run == 0 {
            let said = String::from_utf8_lossy(&out.stderr);
            println!("warm-up: {wall:.2} s; {}", said.lines().last().unwrap_or(""));
            // With FIELDBOOK_TIMINGS=1, the time of each step.
            said.lines().filter(|l| l.contains("import:")).for_each(|l| println!("  {l}"));
        } else {
            println!("run {run}: {wall:.2} s");
            times.push(wall);
        }
    }
    times.sort_by(f64::total_cmp);
    println!("median: {:.2} s", times[times.len() / 2]);
    if keep {
        println!("kept: {} and {}", root.display(), file.display());
    } else {
        let _ = std::fs::remove_dir_all(&root);
    }
}
