//! The guide's page "Reference" (docs/src/reference.md) documents every field and schema entry
//! through a section generated from the built-in schema; this keeps it in step.
//! `FIELDBOOK_BLESS=1` rewrites the section.

const START: &str = "<!-- reference:start -->\n";
const END: &str = "<!-- reference:end -->";

#[test]
fn guide_reference_matches_the_schema() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/src/reference.md");
    let page = std::fs::read_to_string(&path).unwrap();
    let start = page.find(START).expect("docs/src/reference.md has the reference start marker") + START.len();
    let end = page.find(END).expect("docs/src/reference.md has the reference end marker");
    let generated = fieldbook::reference::markdown(&fieldbook::schema::Schema::builtin());
    if std::env::var_os("FIELDBOOK_BLESS").is_some() {
        let updated = format!("{}{generated}{}", &page[..start], &page[end..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert!(
        page[start..end] == generated,
        "docs/src/reference.md is out of date with the schema; run FIELDBOOK_BLESS=1 cargo test --test testsuite reference"
    );
}
