//! Tests of the write stage: paths, removal, streaming, staging and the output folder's guards.

use super::*;

#[test]
fn paths_cannot_leave_the_output_folder() {
    for bad in ["../x.html", "a/../../x", "/etc/passwd", "C:/x", "a\\..\\b", "a\0b", "", "a//b", "./a"] {
        assert!(safe_relative(bad).is_err(), "{bad:?} was accepted");
    }
    assert_eq!(safe_relative("communities/a.html").unwrap(), PathBuf::from("communities/a.html"));
}

/// A path refused, and a build thread that failed, are said in the site's language (English
/// as it always was), the path as written, escaped.
#[test]
fn a_refused_path_and_a_failed_thread_are_said_in_the_sites_language() {
    let french = |e: &Error| crate::messages::Messages::of("fr").render(&e.said().expect("said by the catalogue"));
    let refused = safe_relative("a\\b").unwrap_err();
    assert_eq!(refused.to_string(), "refusing to write `a\\\\b`: the path contains a NUL or a backslash");
    assert_eq!(
        french(&refused),
        "`a\\\\b` ne sera pas écrit\u{202f}: le chemin contient un caractère NUL ou une barre oblique inversée"
    );
    let nul = safe_relative("a\0b").unwrap_err();
    assert_eq!(nul.to_string(), "refusing to write `a\\0b`: the path contains a NUL or a backslash");
    assert!(
        french(&safe_relative("../x").unwrap_err())
            .ends_with(": le chemin sort, ou pourrait sortir, du dossier de sortie")
    );
    assert!(french(&safe_relative("/x").unwrap_err()).ends_with(": le chemin est absolu"));
    assert!(french(&safe_relative("").unwrap_err()).ends_with(": le chemin est vide"));
    let failed = thread_failed();
    assert_eq!(failed.to_string(), "a build thread failed");
    assert_eq!(french(&failed), "un fil d'exécution de la construction a échoué");
}

#[test]
fn removing_a_site_removes_its_tree_and_nothing_a_link_points_to() {
    let root = std::env::temp_dir().join(format!("fieldbook-remove-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let site = root.join("site");
    let outside = root.join("outside");
    std::fs::create_dir_all(site.join("a/b")).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("keep.txt"), "keep").unwrap();
    std::fs::write(site.join(MARKER), Kind::Public.marker_text()).unwrap();
    for n in 0..300 {
        std::fs::write(site.join(format!("a/{n}.html")), "x").unwrap();
        std::fs::write(site.join(format!("a/b/{n}.html")), "y").unwrap();
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&outside, site.join("a/link")).unwrap();
        std::os::unix::fs::symlink(outside.join("keep.txt"), site.join("file-link")).unwrap();
    }
    remove_ours(&site).unwrap();
    assert!(!site.exists());
    assert_eq!(std::fs::read_to_string(outside.join("keep.txt")).unwrap(), "keep");

    // A folder without the marker is not ours, and stays.
    std::fs::create_dir_all(site.join("a")).unwrap();
    std::fs::write(site.join("a/page.html"), "x").unwrap();
    remove_ours(&site).unwrap();
    assert!(site.join("a/page.html").exists());
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_streamed_file_is_linked_when_unchanged_and_written_from_the_first_difference() {
    use std::os::unix::fs::MetadataExt;
    let root = std::env::temp_dir().join(format!("fieldbook-stream-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    let old = root.join("old.csv");
    // Past the reader's 1 MiB buffer, so that refilling it is tested too.
    let pieces: Vec<String> = (0..80_000).map(|n| format!("row {n},value {}\n", n * 7)).collect();
    let whole: String = pieces.concat();
    std::fs::write(&old, &whole).unwrap();
    let stream = |name: &str, pieces: &[String]| {
        let path = root.join(name);
        let mut writer = UnlessSame::new(old.clone(), path.clone(), true);
        for piece in pieces {
            std::io::Write::write_all(&mut writer, piece.as_bytes()).unwrap();
        }
        assert_eq!(writer.finish().unwrap(), pieces.iter().map(|p| p.len() as u64).sum::<u64>());
        path
    };
    // The same bytes, in other pieces: linked, not written.
    let same =
        stream("same.csv", &[whole[..5].to_string(), whole[5..1_200_000].to_string(), whole[1_200_000..].to_string()]);
    assert_eq!(std::fs::metadata(&same).unwrap().ino(), std::fs::metadata(&old).unwrap().ino());
    // A change in the middle, a shorter file, a longer file, an empty one: written in full.
    let mut changed = pieces.clone();
    changed[70_000] = "row 70000,changed\n".into();
    let mut longer = pieces.clone();
    longer.push("one more\n".into());
    for (name, version) in [
        ("changed.csv", changed),
        ("shorter.csv", pieces[..79_999].to_vec()),
        ("longer.csv", longer),
        ("empty.csv", Vec::new()),
    ] {
        let path = stream(name, &version);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), version.concat(), "{name}");
        assert_ne!(std::fs::metadata(&path).unwrap().ino(), std::fs::metadata(&old).unwrap().ino(), "{name}");
    }
    // No previous file at all.
    let path = root.join("new.csv");
    let mut writer = UnlessSame::new(root.join("missing.csv"), path.clone(), true);
    std::io::Write::write_all(&mut writer, b"fresh").unwrap();
    writer.finish().unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "fresh");
    // Told there is no previous site (a first build): the same bytes are written, not linked.
    let path = root.join("not-compared.csv");
    let mut writer = UnlessSame::new(old.clone(), path.clone(), false);
    std::io::Write::write_all(&mut writer, whole.as_bytes()).unwrap();
    writer.finish().unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), whole);
    assert_ne!(std::fs::metadata(&path).unwrap().ino(), std::fs::metadata(&old).unwrap().ino());
    assert_eq!(std::fs::read_to_string(&old).unwrap(), whole, "the previous file is never changed");
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_file_is_the_same_only_with_every_byte_and_no_more() {
    let dir = std::env::temp_dir().join(format!("fieldbook-same-bytes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("page.html");
    std::fs::write(&file, b"<p>same</p>").unwrap();
    assert!(same_bytes(&file, b"<p>same</p>"));
    assert!(!same_bytes(&file, b"<p>same</p>\n"), "shorter on disk");
    assert!(!same_bytes(&file, b"<p>same</p"), "longer on disk");
    assert!(!same_bytes(&file, b"<p>SAME</p>"), "same length, other bytes");
    assert!(!same_bytes(&dir.join("missing.html"), b""));
    assert!(!same_bytes(&dir, b""), "a folder");
    // A large file after a small one: the kept buffer grows, and stale bytes in it from
    // the earlier, longer comparison do not count.
    let large = vec![b'x'; 100_000];
    std::fs::write(&file, &large).unwrap();
    assert!(same_bytes(&file, &large));
    std::fs::write(&file, b"").unwrap();
    assert!(same_bytes(&file, b""));
    assert!(!same_bytes(&file, b"x"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn normalizing_removes_dots() {
    let n = normalize(Path::new("/srv/site/../out/./public"));
    assert_eq!(n, PathBuf::from("/srv/out/public"));
}

/// A scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("fieldbook-write-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    root
}

fn file(path: &str, text: &str) -> OutputFile {
    OutputFile { path: path.into(), bytes: text.as_bytes().to_vec() }
}

#[test]
fn a_second_write_to_one_path_fails_and_never_reaches_the_previous_site() {
    let root = scratch("twice");
    let target = root.join("site");
    let first = Staging::create(&target, Kind::Public).unwrap();
    first.write(&file("index.html", "old home")).unwrap();
    first.commit().unwrap();
    let staging = Staging::create(&target, Kind::Public).unwrap();
    // The same bytes: linked to the previous site's copy.
    staging.write(&file("index.html", "old home")).unwrap();
    let again = staging.write(&file("index.html", "replaced through the link"));
    assert!(again.unwrap_err().to_string().contains("two files of the build would be written as `index.html`"));
    let streamed = staging.stream("index.html", &mut |w| w.write_all(b"streamed over"));
    assert!(streamed.is_err());
    drop(staging);
    assert_eq!(std::fs::read_to_string(target.join("index.html")).unwrap(), "old home");
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn two_files_that_differ_only_in_case_are_refused_before_either_is_one_on_windows() {
    let root = scratch("case");
    let target = root.join("site");
    let staging = Staging::create(&target, Kind::Public).unwrap();
    staging.write(&file("data/communities.csv", "export")).unwrap();
    let fake = staging.write(&file("Data/communities.csv", "fake"));
    let message = fake.unwrap_err().to_string();
    assert!(message.contains("`data/communities.csv` and `Data/communities.csv`"), "{message}");
    // Composed and decomposed accents are one name on a Mac.
    staging.write(&file("img/caf\u{e9}.png", "a")).unwrap();
    assert!(staging.stream("img/Cafe\u{301}.png", &mut |w| w.write_all(b"b")).is_err());
    staging.write(&file("img/other.png", "c")).unwrap();
    drop(staging);
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_file_where_the_build_has_a_folder_is_refused_in_any_case_and_the_other_way_round() {
    let root = scratch("case-folder");
    let target = root.join("site");
    let staging = Staging::create(&target, Kind::Public).unwrap();
    staging.write(&file("search/meta.json", "index")).unwrap();
    for clash in ["Search", "search"] {
        let message = staging.write(&file(clash, "x")).unwrap_err().to_string();
        assert!(message.contains(&format!("a file `{clash}` where it has a folder `search/`")), "{message}");
    }
    staging.write(&file("search.html", "page")).unwrap();
    for clash in ["Search.html/logo.png", "search.html/logo.png"] {
        let message = staging.write(&file(clash, "x")).unwrap_err().to_string();
        assert!(message.contains("where it has a file `search.html`"), "{message}");
    }
    // Deeper, with the clash in a folder's name.
    staging.write(&file("img/Report.pdf", "a")).unwrap();
    assert!(staging.stream("IMG/report.PDF/cover.png", &mut |w| w.write_all(b"b")).is_err());
    // Folders differing in case are one folder: their files may be written.
    staging.write(&file("Img/other.png", "c")).unwrap();
    drop(staging);
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn an_empty_folder_can_be_built_into() {
    let root = scratch("empty");
    let target = root.join("site");
    std::fs::create_dir(&target).unwrap();
    check_output_dir(&root, &target, Kind::Public, &root.join("internal")).unwrap();
    let staging = Staging::create(&target, Kind::Public).unwrap();
    staging.write(&file("index.html", "home")).unwrap();
    staging.commit().unwrap();
    assert_eq!(std::fs::read_to_string(target.join("index.html")).unwrap(), "home");
    std::fs::remove_dir_all(&root).unwrap();
}

#[cfg(unix)]
#[test]
fn guards_see_through_links_and_never_follow_them() {
    use std::os::unix::fs::symlink;
    let root = scratch("links");
    let site = root.join("site-root");
    std::fs::create_dir_all(site.join("real-content")).unwrap();
    symlink("real-content", site.join("content")).unwrap();
    let other = site.join("site");
    // content/ is a link to real-content/: an output folder inside it is inside content/.
    let refused = check_output_dir(&site, &site.join("real-content/internal"), Kind::Internal, &other);
    assert!(refused.unwrap_err().to_string().contains("inside the site's content/ folder"));

    // A linked output folder is refused, before anything is removed through it.
    let elsewhere = root.join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(elsewhere.join(MARKER), Kind::Public.marker_text()).unwrap();
    std::fs::write(elsewhere.join("keep.txt"), "keep").unwrap();
    symlink(&elsewhere, site.join("public")).unwrap();
    let refused = check_output_dir(&site, &site.join("public"), Kind::Public, &site.join("internal"));
    assert!(refused.unwrap_err().to_string().contains("symbolic link"));

    // Planted links at the staging names are removed, not followed.
    let target = site.join("out");
    symlink(&elsewhere, site.join(".out.fieldbook-old")).unwrap();
    symlink(&elsewhere, site.join(".out.fieldbook-new")).unwrap();
    let staging = Staging::create(&target, Kind::Public).unwrap();
    staging.write(&file("index.html", "home")).unwrap();
    staging.commit().unwrap();
    assert_eq!(std::fs::read_to_string(elsewhere.join("keep.txt")).unwrap(), "keep");
    assert!(elsewhere.join(MARKER).exists());

    // A planted link at the lock's name is not followed: nothing is created where it points.
    let locked = site.join("locked");
    symlink(root.join("created-by-the-lock"), site.join(".locked.fieldbook-lock")).unwrap();
    assert!(Staging::create(&locked, Kind::Public).is_err());
    assert!(!root.join("created-by-the-lock").exists());
    std::fs::remove_dir_all(&root).unwrap();
}
