//! Embeds every file of themes/default/ in the binary, so a site without a themes/ folder
//! builds, and adding a template or asset needs no code change.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    // Read when the script runs, not when it was compiled (`env!`): cargo reuses one compiled
    // build script for checkouts of the same package that share a target folder, and the
    // compiled-in path can name another checkout, or one since deleted.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR is set by cargo");
    let root = Path::new(&manifest).join("themes/default");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    files.sort();
    // A binary without its theme could only fail on every build: refuse to make one.
    assert!(
        files.iter().any(|f| f == "templates/base.html"),
        "no default theme found in {}: the binary would have no templates",
        root.display()
    );
    let mut out = String::from("/// Every file of the default theme: (path under themes/default/, contents).\n");
    out.push_str("pub(crate) static DEFAULT_THEME: &[(&str, &[u8])] = &[\n");
    for relative in &files {
        let absolute = root.join(relative);
        println!("cargo:rerun-if-changed={}", absolute.display());
        let _ = writeln!(out, "    ({relative:?}, include_bytes!({:?})),", absolute.display().to_string());
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR is set by cargo")).join("default_theme.rs");
    std::fs::write(dest, out).expect("write default_theme.rs");
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(root, &path, files);
        } else if let Ok(relative) = path.strip_prefix(root) {
            let name = relative.to_string_lossy().replace('\\', "/");
            if !name.split('/').any(|part| part.starts_with('.')) {
                files.push(name);
            }
        }
    }
}
