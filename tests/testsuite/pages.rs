//! The page table: every page has one path, made once, and it is the path the build writes the
//! page to and the path `serve` finds it by.

use std::collections::BTreeSet;
use std::path::Path;

use fieldbook::date::Date;
use fieldbook::link::Audience;
use fieldbook::loaded::{MemoryOutput, Session, SessionOptions};

#[test]
fn every_page_is_written_to_its_path_in_the_table_and_paths_are_unique() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let options = SessionOptions {
        root: root.to_path_buf(),
        audience: Audience::PUBLIC,
        today: Date::new(2026, 11, 22).unwrap(),
    };
    let session = match Session::open(options).expect("open") {
        Ok(session) => session,
        Err(rejected) => panic!("the example site has errors: {rejected:?}"),
    };
    let paths = session.page_paths();
    assert!(paths.len() > 50, "only {} pages in the table", paths.len());
    let unique: BTreeSet<&String> = paths.iter().collect();
    assert_eq!(unique.len(), paths.len(), "two pages share a path");

    let output = MemoryOutput::default();
    let rendered = session.render_all(&output).unwrap();
    assert_eq!(rendered, paths.len(), "the build renders the pages of the table");
    let files = output.files.into_inner().unwrap();
    // Every page of the table is written to its path, and that file is the page `serve` finds
    // at the same path.
    for path in &paths {
        let written = files.get(path).unwrap_or_else(|| panic!("{path} is in the table but was not written"));
        let served = session.page(path).unwrap_or_else(|| panic!("serve finds no page at {path}")).unwrap();
        assert!(served.as_bytes() == written.as_slice(), "{path}: the page served differs from the page built");
    }
    // And no page is written anywhere the table does not say.
    let pages_written: BTreeSet<&String> = files.keys().filter(|p| p.ends_with(".html")).collect();
    let stray: Vec<&&String> = pages_written.difference(&unique).collect();
    assert!(stray.is_empty(), "pages written outside the table: {stray:?}");
}
