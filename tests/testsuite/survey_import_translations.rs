//! A survey round imported into a site whose profiles have translations: the figures a
//! translation repeats follow its profile's new ones, its own words stay and are listed for
//! review, a translation that gives only its words is left as it is, and `check` passes after
//! the import.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use fieldbook::model::{ContentType, IndicatorEntry};

use crate::html::copy_site;
use crate::support::{fixture, run};

/// A copy of the example site whose French translation of Aïn Lmaati repeats the figures of two
/// entries beside its translated sources and notes (as the example's translations once did),
/// and a round of submissions for Aïn Lmaati and Tizi Nouzrou: the site's folder and the file.
fn example_with_round(name: &str) -> (PathBuf, PathBuf) {
    use fieldbook::corpus::survey::{RoundCommunity, round_targets, submissions};
    let root = copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), name);
    let repeating = std::fs::read(fixture("survey_import_translations/ain-lmaati.fr.md")).unwrap();
    std::fs::write(root.join("content/communities/ain-lmaati.fr.md"), repeating).unwrap();
    let schema = fieldbook::schema_in_force(&root).unwrap().0;
    let config = fieldbook::read_config(&root).unwrap();
    let communities = fieldbook::survey::site_communities(&root).unwrap();
    let form = fieldbook::survey::build_form(&schema, &config, &communities, Default::default());
    let targets = "[ain-lmaati]\naccess-to-services = 51\nland-and-tenure-security = 40\n\n\
                   [tizi-nouzrou]\naccess-to-services = 30\n";
    let targets = round_targets(targets, &schema).unwrap();
    let members = [
        RoundCommunity { id: "ain-lmaati", targets: &targets["ain-lmaati"], weight: 180 },
        RoundCommunity { id: "tizi-nouzrou", targets: &targets["tizi-nouzrou"], weight: 140 },
    ];
    let file = root.join("k1.csv");
    std::fs::write(&file, submissions(&form, &schema, &members, "2026-05", 320, 7)).unwrap();
    (root, file)
}

/// Each file's indicator entries as the file gives them (a translation's before it takes its
/// original's figures), by file name and indicator id.
fn entries_as_written(root: &Path) -> BTreeMap<(String, String), IndicatorEntry> {
    let loaded = fieldbook::load_site(root, fieldbook::date::Date::new(2026, 11, 22).unwrap()).unwrap();
    let mut out = BTreeMap::new();
    for doc in loaded.validated.docs.iter().filter(|d| d.content_type == ContentType::Community) {
        let file = doc.content_path.rsplit('/').next().unwrap().to_string();
        for entry in &doc.community().unwrap().indicators {
            out.insert((file.clone(), loaded.schema.indicators[entry.indicator].term.id.clone()), entry.clone());
        }
    }
    out
}

/// Every file under `content/`, with its bytes.
fn contents(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(&root.join("content"), &mut out);
    out
}

#[test]
fn an_import_brings_the_figures_a_translation_repeats_level_with_its_profile() {
    let (root, file) = example_with_round("survey-import-translations");
    let file = file.to_str().unwrap();
    let before = run(&root, &["check"]);
    assert_eq!(before.code, 0, "the repeated figures agree before the round:\n{}", before.stderr);
    let as_it_was = contents(&root);

    // The dry run lists the translation among the files that would change, and writes nothing.
    let dry = run(&root, &["import", file, "--replace", "--dry-run"]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    let listed =
        "content/communities/ain-lmaati.fr.md (translation: the figures it repeats, as its profile now has them)";
    assert!(dry.stdout.contains(listed), "{}", dry.stdout);
    assert!(
        dry.stderr.contains("2 profiles and 1 translation would change (dry run: nothing written)"),
        "{}",
        dry.stderr
    );
    assert!(contents(&root) == as_it_was, "the dry run wrote");

    let import = run(&root, &["import", file, "--replace"]);
    assert_eq!(import.code, 0, "{}", import.stderr);
    assert!(import.stdout.contains(listed), "{}", import.stdout);
    assert!(!import.stdout.contains("ain-lmaati.ar.md"), "a translation that repeats no figure is written");
    assert!(import.stderr.contains("2 profiles and 1 translation changed"), "{}", import.stderr);
    // Both translations give their own words beside figures that changed: listed for review.
    for review in [
        "2 translations give their own words (`source`, `notes`) for figures that changed",
        "  content/communities/ain-lmaati.ar.md: `access-to-services`\n",
        "  content/communities/ain-lmaati.fr.md: `access-to-services`, `land-and-tenure-security`\n",
    ] {
        assert!(import.stderr.contains(review), "{review} missing:\n{}", import.stderr);
    }

    let after = run(&root, &["check"]);
    assert_eq!(after.code, 0, "{}", after.stderr);
    assert!(!after.stderr.contains("error["), "{}", after.stderr);
    let entries = entries_as_written(&root);
    for id in ["access-to-services", "land-and-tenure-security"] {
        let original = &entries[&("ain-lmaati.md".to_string(), id.to_string())];
        let french = &entries[&("ain-lmaati.fr.md".to_string(), id.to_string())];
        assert!(original.source.as_deref().unwrap().starts_with("Community survey, version "), "{id}");
        assert_eq!(french.value, original.value, "{id}");
        assert_eq!(french.n(), original.n(), "{id}");
        assert_eq!(french.disaggregation, original.disaggregation, "{id}");
        assert_eq!(french.method(), original.method(), "{id}");
        // Its words are the translator's: the source still names the previous round.
        assert!(french.source.as_deref().unwrap().starts_with("Enquête auprès des ménages, février 2026"), "{id}");
    }
    let notes = entries[&("ain-lmaati.fr.md".to_string(), "land-and-tenure-security".to_string())].notes();
    assert!(notes.unwrap().starts_with("Dans le quartier de Lkhemis"));
    // The Arabic translation gives only its source: unchanged, it shows the new figures.
    let arabic = &entries[&("ain-lmaati.ar.md".to_string(), "access-to-services".to_string())];
    assert!(arabic.value_from_original && arabic.n().is_none());

    // The same round again changes nothing, in the profiles or their translations.
    let written = contents(&root);
    let again = run(&root, &["import", file, "--replace"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    // (The generated round has submissions set aside in review, which the line names first.)
    assert!(
        again.stderr.contains("320 submissions read (") && again.stderr.contains("): 0 profiles changed"),
        "{}",
        again.stderr
    );
    assert!(!again.stderr.contains("read them again"), "{}", again.stderr);
    assert!(contents(&root) == written);

    // The French page shows the round's figures with the translator's source.
    let built = run(&root, &["build"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let page = std::fs::read_to_string(root.join("site/fr/communities/ain-lmaati.html")).unwrap();
    let row = &page[page.find("indicators/access-to-services.html\">").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    let services = &entries[&("ain-lmaati.md".to_string(), "access-to-services".to_string())];
    assert!(row.contains(&format!("n = {}", services.n().unwrap())), "{row}");
    assert!(row.contains("Enquête auprès des ménages, février 2026"), "{row}");
    // A figure of the round whose translation gives no source of its own: the round's source,
    // which the import wrote in the site's language, said in French, on the profile's page and
    // on the indicator's comparison page.
    let imported = entries.iter().find(|((file, id), entry)| {
        file == "ain-lmaati.md"
            && entry.source.as_deref().is_some_and(|s| s.starts_with("Community survey, version "))
            && !entries.contains_key(&("ain-lmaati.fr.md".to_string(), id.clone()))
    });
    let ((_, id), entry) = imported.expect("a figure of the round the French translation gives no words for");
    let english = entry.source.as_deref().unwrap();
    let french = fieldbook::round::in_language(english, "en", "fr");
    assert!(french.starts_with("Enquête communautaire, version "), "{french}");
    let row = &page[page.find(&format!("indicators/{id}.html\">")).unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains(&*french) && !row.contains(english), "{row}");
    let comparison = std::fs::read_to_string(root.join(format!("site/fr/indicators/{id}.html"))).unwrap();
    assert!(comparison.contains(&*french) && !comparison.contains(english), "{id}");
    // The English page says it as the import wrote it.
    let english_page = std::fs::read_to_string(root.join("site/communities/ain-lmaati.html")).unwrap();
    assert!(english_page.contains(english));
    // Search finds each page by the words it shows: the French one by the round's month in
    // French, which nothing else on either page says.
    let month = french.rsplit(' ').nth(1).unwrap();
    assert_eq!(month, "mai");
    let found = pages_found_by(&root.join("site"), month);
    assert!(found.contains(&"fr/communities/ain-lmaati.html".to_string()), "{found:?}");
    assert!(!found.contains(&"communities/ain-lmaati.html".to_string()), "{found:?}");
}

/// The pages whose search entries the index files under `word` (as the index folds it: lower
/// case, no accents), read from the built site's `search/` as the search page reads them.
fn pages_found_by(site: &Path, word: &str) -> Vec<String> {
    let read = |name: &str| std::fs::read_to_string(site.join("search").join(name)).unwrap();
    // Every page's entry, in the index's numbering: `FieldbookSearch.docs(0,[[…], …]);`.
    let mut pages = Vec::new();
    for shard in 0.. {
        let Ok(text) = std::fs::read_to_string(site.join(format!("search/docs-{shard}.js"))) else { break };
        let list: Vec<serde_json::Value> =
            serde_json::from_str(&text[text.find('[').unwrap()..text.rfind(']').unwrap() + 1]).unwrap();
        pages.extend(list.iter().map(|doc| doc[2].as_str().unwrap().to_string()));
    }
    // `FieldbookSearch.terms("c",{"communautaire":"1a.3,4.3", …});`: gaps between page numbers
    // in base 36, each with its weight.
    let text = read(&format!("terms-{}.js", &word[..1]));
    let terms: serde_json::Value =
        serde_json::from_str(&text[text.find('{').unwrap()..text.rfind('}').unwrap() + 1]).unwrap();
    let Some(postings) = terms[word].as_str() else { return Vec::new() };
    let mut page = 0;
    postings
        .split(',')
        .map(|posting| {
            page += usize::from_str_radix(posting.split('.').next().unwrap(), 36).unwrap();
            pages[page].clone()
        })
        .collect()
}

/// A translation whose repeated figure the import must write, but which also repeats one the
/// import does not write and that no longer agrees, is an error before anything is written:
/// `check` would fail after the import.
#[test]
fn a_translation_left_contradicting_its_profile_stops_the_import() {
    let (root, file) = example_with_round("survey-import-translations-contradicting");
    let path = root.join("content/communities/ain-lmaati.fr.md");
    let text = std::fs::read_to_string(&path).unwrap();
    // The original's entry says nothing of confidence; the translation says `high`.
    let text = text.replacen("    n: 212\n", "    n: 212\n    confidence: high\n", 1);
    std::fs::write(&path, &text).unwrap();
    let as_it_was = contents(&root);
    let import = run(&root, &["import", file.to_str().unwrap(), "--replace"]);
    assert_eq!(import.code, 1, "{}", import.stderr);
    assert!(import.stderr.contains("error[translation-contradicts]"), "{}", import.stderr);
    assert!(import.stderr.contains("the `confidence` of `access-to-services` is `high` here"), "{}", import.stderr);
    assert!(
        import.stderr.contains("note: the line is that of the translation as the import would write it"),
        "{}",
        import.stderr
    );
    assert!(import.stderr.contains("nothing was written"), "{}", import.stderr);
    assert!(contents(&root) == as_it_was, "a file was written");
}
