//! README.md documents every field and schema entry through a section generated from the
//! built-in schema; this keeps it in step. `FIELDBOOK_BLESS=1` rewrites the section.

const START: &str = "<!-- reference:start -->\n";
const END: &str = "<!-- reference:end -->";

#[test]
fn readme_reference_matches_the_schema() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme.find(START).expect("README has the reference start marker") + START.len();
    let end = readme.find(END).expect("README has the reference end marker");
    let generated = fieldbook::reference::markdown(&fieldbook::schema::Schema::builtin());
    if std::env::var_os("FIELDBOOK_BLESS").is_some() {
        let updated = format!("{}{generated}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert!(
        readme[start..end] == generated,
        "README.md's reference is out of date with the schema; run FIELDBOOK_BLESS=1 cargo test --test testsuite readme"
    );
}
