//! Arabic: search takes the prefixes written onto a word (ال، وال، بال، كال، فال، لل، و) and
//! its endings (ها، ات، ون، ين، ية، ة، ي) off in the index and in the search script alike, so
//! that تعليم finds والتعليم and معلم finds المعلمات; ids, addresses
//! and heading anchors keep the Arabic spelling (ta marbuta, hamza), which only search folds.

use std::path::{Path, PathBuf};

use crate::browser::Chromium;
use crate::support::{fieldbook, run};
use crate::tools::{FieldTool, find};

/// Words and phrases whose terms the index and the search script must agree on: the prefixes
/// and endings, words too short to lose one, the folding of hamza, ta marbuta and marks, Latin beside them.
const TEXTS: [&str; 17] = [
    "الإسكان والتعليم",
    "التعليم والتعليم بالتعليم كالتعليم فالتعليم للعائدين وبالتعليم وللعائدين تعليم",
    "الوصول وصول والوصول الولد ولد والد الوادي وادي",
    "الم الي لله ال و وطن التي وزارة الوزارة",
    "مُسْتَشْفَى الصحـــة ٱلمدرسة المسؤولية",
    "الهجرة والعودة: الموصل القديمة",
    "بالون البالون اللغة للغة",
    "Tétouan housing école L'Aïn-Lmaati 2026 alliance",
    "والتعليم/الإسكان—الصحة، و التعليم",
    "٢٠٢٦ عام 2026",
    "اللاجئون واللاجئين",
    "كتاب فالكتاب",
    "الاستقرارالاجتماعيوالاقتصاديوالسياسيوالثقافيوالبيئي",
    "ابـــــن الـــتعليم",
    "المعلمات والمعلمون للمعلمين معلمة معلمي مدرسية المدرسيه",
    "مدينتها مدينته المدينة منها بيتها كتابيها سنوات",
    "بيه فيه سنة ابن بنت ولي مع الفيه السكان الإسكان لبنان",
];

fn rust_terms(text: &str) -> Vec<String> {
    let mut terms = Vec::new();
    fieldbook::render::search::tokenize(text, |t| terms.push(t.to_string()));
    terms
}

#[test]
fn arabic_words_are_indexed_without_their_prefixes() {
    assert_eq!(rust_terms("الإسكان والتعليم"), ["اسكان", "تعليم"]);
    assert_eq!(rust_terms("التعليم"), rust_terms("تعليم"));
    assert_eq!(rust_terms("اسكان"), rust_terms("الإسكان"));
    assert_eq!(rust_terms("الوصول"), rust_terms("وصول"));
    assert_eq!(rust_terms("ولد الم"), ["ولد", "الم"], "too short to lose a prefix");
    assert_eq!(rust_terms("المعلمات والمعلمين معلمة"), ["معلم", "معلم", "معلم"]);
    assert_eq!(rust_terms("سنة فيه"), ["سنه", "فيه"], "too short to lose an ending");
}

/// The search script (`search.js`, run in Node.js) cuts every text of [`TEXTS`] into the very
/// terms the index does.
#[test]
fn the_search_script_cuts_arabic_into_the_terms_the_index_holds() {
    let Some(node) = find(FieldTool::Node) else { return };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/search.js");
    // Just enough of a page for the script to load and stand by: no search form on it.
    let run_script = r#"
        const fs = require("fs");
        globalThis.window = globalThis;
        globalThis.navigator = { languages: [] };
        globalThis.document = { currentScript: null, readyState: "complete", getElementById: () => null,
            documentElement: { lang: "" }, head: { appendChild() {} }, addEventListener() {} };
        (0, eval)(fs.readFileSync(process.argv[1], "utf8"));
        const texts = JSON.parse(process.argv[2]);
        console.log(JSON.stringify(texts.map((t) => window.FieldbookSearch.tokenize(t))));
    "#;
    let output = std::process::Command::new(node)
        .args(["-e", run_script])
        .arg(&script)
        .arg(serde_json::to_string(&TEXTS).unwrap())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let script_terms: Vec<Vec<String>> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(script_terms.len(), TEXTS.len());
    for (text, from_script) in TEXTS.iter().zip(&script_terms) {
        assert_eq!(from_script, &rust_terms(text), "{text}");
    }
}

/// A small Arabic site with one page about housing and education.
fn arabic_site(name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("content/guidance")).unwrap();
    std::fs::write(root.join("fieldbook.toml"), "title = \"موقع\"\nlanguage = \"ar\"\n").unwrap();
    let page = "---\ntitle: السكن\nstatus: published\ntopic: advocacy\n---\nالإسكان والتعليم في المدينة للمعلمات.\n";
    std::fs::write(root.join("content/guidance/housing.md"), page).unwrap();
    root
}

/// In a real browser, from disk: the words without their prefixes find the page, and the
/// word found is marked whole.
#[test]
fn arabic_search_finds_words_behind_their_prefixes_in_a_real_browser() {
    let Some(browser) = Chromium::find() else { return };
    let root = arabic_site("arabic-search");
    let result = run(&root, &["build"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let page = root.join("site/search.html");
    for (query, profile) in
        [("تعليم", "arabic-1"), ("اسكان", "arabic-2"), ("التعليم", "arabic-3"), ("المعلمون", "arabic-5")]
    {
        let encoded: String = query.bytes().map(|b| format!("%{b:02X}")).collect();
        let dom = browser.dom(&page, &format!("?q={encoded}%20"), profile);
        assert!(dom.contains("href=\"guidance/housing.html\""), "{query} found nothing:\n{dom}");
    }
    let dom = browser.dom(&page, "?q=%D8%AA%D8%B9%D9%84%D9%8A%D9%85%20", "arabic-4");
    assert!(dom.contains("<mark>والتعليم</mark>"), "the word is marked whole:\n{dom}");
    // A word found by its stem is marked with its prefix and its ending.
    let dom = browser.dom(&page, "?q=%D9%85%D8%B9%D9%84%D9%85%20", "arabic-6");
    assert!(dom.contains("<mark>للمعلمات</mark>"), "the word is marked whole, ending and all:\n{dom}");
}

/// `new` names an Arabic page as it is spelt, with its ta marbuta; its headings' anchors keep
/// theirs, and links to both resolve.
#[test]
fn arabic_ids_and_anchors_keep_their_spelling() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("arabic-ids");
    let _ = std::fs::remove_dir_all(&dir);
    let output = fieldbook().arg("init").arg(&dir).args(["--language", "ar"]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let result = run(&dir, &["new", "community", "الموصل القديمة", "--country", "Iraq", "--by", "منظمة"]);
    assert_eq!(result.code, 0, "{}{}", result.stdout, result.stderr);
    let file = dir.join("content/communities/الموصل-القديمة.md");
    assert!(file.is_file(), "{}", result.stdout);
    // Published, and linked by its id and a heading's anchor from another page.
    let text = std::fs::read_to_string(&file).unwrap().replace("status: draft", "status: published");
    std::fs::write(&file, text).unwrap();
    let about = dir.join("content/about.md");
    let mut page = std::fs::read_to_string(&about).unwrap();
    page.push_str("\n[الموصل](community:الموصل-القديمة#الهجرة-والعودة)\n");
    std::fs::write(&about, page).unwrap();
    let result = run(&dir, &["build"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(!result.stderr.contains("broken-link"), "{}", result.stderr);
    let html = std::fs::read_to_string(dir.join("site/communities/الموصل-القديمة.html")).unwrap();
    assert!(html.contains("id=\"الهجرة-والعودة\""), "the heading's anchor");
    let about = std::fs::read_to_string(dir.join("site/about.html")).unwrap();
    assert!(about.contains("href=\"communities/الموصل-القديمة.html#الهجرة-والعودة\""), "{about}");
}
