//! `fieldbook new` and `fieldbook translate` speak the site's language when they refuse, as
//! when they ask and when they are done (the guide's page Languages, "What speaks the site's
//! language"): every refusal on a French site is in French, with nothing written, and an
//! Arabic site is spot-checked. A value given on one line is refused with a line break in it,
//! and `new` says the status it wrote.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use crate::support::fieldbook;

/// A new site in `language` that publishes its pages in `languages` too.
fn site(name: &str, language: &str, languages: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    let init = fieldbook().arg("init").arg(&dir).args(["--language", language]).output().unwrap();
    assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));
    let settings = std::fs::read_to_string(dir.join("fieldbook.toml")).unwrap();
    let line = format!("language = \"{language}\"");
    assert!(settings.contains(&line), "{settings}");
    let settings = settings.replace(&line, &format!("{line}\nlanguages = [{languages}]"));
    std::fs::write(dir.join("fieldbook.toml"), settings).unwrap();
    dir
}

/// Run `fieldbook` in the site at `dir` with nothing to read: its exit code and stderr.
fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let output = fieldbook().arg("--root").arg(dir).args(args).stdin(Stdio::null()).output().unwrap();
    (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
}

/// Every file under `dir`, with its text, to tell that a refusal wrote nothing.
fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let text = std::fs::read(&path).unwrap();
                out.push((path, text));
            }
        }
    }
    out.sort();
    out
}

/// Words of the English refusals: none may show on a site in another language.
const ENGLISH: [&str; 12] = [
    "already exists",
    "has no",
    "there is no",
    "is not",
    "did you mean",
    "translate into",
    "the value",
    "one of",
    "needs the form",
    "would not pass",
    "cannot be read",
    "site's own language",
];

#[test]
fn every_refusal_of_new_and_translate_is_in_the_sites_language() {
    let dir = site("refusals-fr", "fr", "\"fr\", \"en\", \"ar\"");
    // Pages to refuse: a translation already started, one written in English, one broken.
    assert_eq!(run(&dir, &["translate", "content/communities/riverside.md", "en"]).0, Some(0));
    std::fs::write(dir.join("content/in-english.md"), "---\ntitle: In English\nlanguage: en\n---\nText.\n").unwrap();
    std::fs::write(dir.join("content/broken.md"), "---\ntitle: T\nstatus:published\n---\nText.\n").unwrap();
    let before = files(&dir.join("content"));

    let cases: &[(&[&str], &str)] = &[
        (
            &["new", "guidance", "!!!", "--sector", "housing"],
            "`!!!` ne contient ni lettre ni chiffre dont faire un nom de fichier ; indiquez-en un avec --slug",
        ),
        (
            &["new", "page", "Con"],
            "`Con` donnerait le fichier `con.md`, un nom que Windows réserve à un périphérique (le site ne pourrait pas \
             y être décompressé) ; indiquez-en un autre avec --slug",
        ),
        (
            &["new", "page", "About", "--slug", "about"],
            "`content/about.md` existe déjà ; donnez un autre titre, ou choisissez le nom du fichier avec --slug",
        ),
        (
            &["new", "guidance", "G", "--sector", "hosing"],
            "`sector` : identifiant inconnu `hosing` ; vouliez-vous dire `housing` ?",
        ),
        (
            &["new", "guidance", "G", "--sector", "zzzzz"],
            "`sector` : identifiant inconnu `zzzzz` ; utilisez l'un de ceux-ci : housing, education, health,",
        ),
        (
            &["new", "page", "A", "--set", "sumary=x"],
            "le champ `sumary` n'existe pas pour les pages ; vouliez-vous dire `summary` ?",
        ),
        (
            &["new", "page", "A", "--set", "zzzzzzzz=x"],
            "le champ `zzzzzzzz` n'existe pas pour les pages ; leurs champs sont : title, status,",
        ),
        (
            &["new", "page", "A", "--set", "nope"],
            "`--set nope` doit avoir la forme CHAMP=VALEUR, par exemple --set population=12000",
        ),
        (&["new", "page", "A", "--set", "illustrative=maybe"], "`illustrative` : `maybe` n'est ni yes ni no"),
        (
            &["new", "page", "A", "--set", "updated=2026-02-30"],
            "`updated` : `2026-02-30` n'est pas une date : écrivez un jour qui existe, sous la forme AAAA-MM-JJ",
        ),
        (
            &["new", "page", "A", "--set", "updated=2099-01-01"],
            "le nouveau fichier ne passerait pas `fieldbook check` ; il n'a donc pas été écrit :\n",
        ),
        (
            &["new", "community", "C", "--country", "X", "--by", "Y", "--set", "population=many"],
            "`population` : `many` n'est pas un nombre entier",
        ),
        (
            &["new", "community", "C", "--country", "X", "--by", "Y", "--set", "location=35.7"],
            "`location` : `35.7` n'est pas un emplacement : donnez la latitude et la longitude en degrés décimaux",
        ),
        (
            &["new", "community", "C", "--country", "X", "--by", "Y", "--set", "location=1,500"],
            "`location` : `1,500` : la latitude doit être comprise entre -90 et 90, et la longitude entre -180 et 180",
        ),
        (
            &["new", "project", "P", "--community", "riversid", "--approach", "new-community"],
            "`communities` : il n'y a pas de page `riversid` dans content/communities ; vouliez-vous dire `riverside` ?",
        ),
        (
            &["new", "page", "Inj\nstatus: published", "--slug", "inj"],
            "`title` : la valeur contient un saut de ligne ; donnez-la sur une seule ligne",
        ),
        (
            &["new", "page", "Esc\u{1b}x"],
            "`title` : la valeur contient le caractère de contrôle invisible U+001B ; supprimez-le",
        ),
        (&["new", "page", "A", "--set", "summary=one\ntwo"], "`summary` : la valeur contient un saut de ligne"),
        (
            &["translate", "content/communities/riverside.md", "fr"],
            "`fr` est la langue du site, celle de l'original ; traduisez dans l'une de ses autres langues : en, ar",
        ),
        (
            &["translate", "content/communities/riverside.md", "pt"],
            "`pt` n'est pas l'une des langues du site (ses autres langues : en, ar) ; traduisez dans l'une d'elles, ou ajoutez `pt` à `languages` dans fieldbook.toml",
        ),
        (
            &["translate", "community:nowhere", "en"],
            "il n'y a pas de page `content/communities/nowhere.md` ; indiquez le fichier de l'original",
        ),
        (
            &["translate", "place:x", "en"],
            "`place:` ne désigne aucun type de page ; utilisez l'un de ceux-ci : community, case-study,",
        ),
        (
            &["translate", "../fieldbook.toml", "en"],
            "`../fieldbook.toml` n'est pas une page de content/ ; indiquez une page qui s'y trouve",
        ),
        (
            &["translate", "content/communities/riverside.md", "en"],
            "`content/communities/riverside.en.md` existe déjà ; il a été laissé tel quel",
        ),
        (
            &["translate", "content/communities/riverside.en.md", "ar"],
            "`content/communities/riverside.en.md` est la traduction `en` de `riverside.md` ; traduisez l'original",
        ),
        (
            &["translate", "content/in-english.md", "en"],
            "`in-english.md` est déjà écrit en `en` ; traduisez-le dans une autre langue",
        ),
        (
            &["translate", "content/broken.md", "en"],
            "`content/broken.md` ne peut pas être lu ; il ne peut donc pas encore être traduit :\n",
        ),
    ];
    for (args, expected) in cases {
        let (code, stderr) = run(&dir, args);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        // The label is French too, as every error that stops a command is.
        assert!(stderr.contains(&format!("erreur: {expected}")), "{args:?}: {stderr}");
        // What `check` would say is English (the guide says so); the sentence before it is not.
        let refusal = stderr.lines().next().unwrap_or("");
        for english in ENGLISH {
            assert!(!refusal.contains(english), "{args:?}: `{english}` in {refusal}");
        }
    }
    // The sector's ids are listed once.
    let (_, stderr) = run(&dir, &["new", "guidance", "G", "--sector", "zzzzz"]);
    assert_eq!(stderr.matches("housing").count(), 1, "{stderr}");
    assert!(files(&dir.join("content")) == before, "a refusal wrote something");

    // A site in one language is told how to list them.
    let settings = std::fs::read_to_string(dir.join("fieldbook.toml")).unwrap();
    let one: String = settings.lines().filter(|l| !l.starts_with("languages")).map(|l| format!("{l}\n")).collect();
    std::fs::write(dir.join("fieldbook.toml"), one).unwrap();
    let (code, stderr) = run(&dir, &["translate", "content/about.md", "en"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("erreur: le site ne publie qu'en `fr` ; indiquez d'abord ses langues, par exemple `languages = [\"fr\", \"en\"]` dans fieldbook.toml"), "{stderr}");
    // Into its own language, it is told that first (not to list `fr` beside `fr`).
    let (code, stderr) = run(&dir, &["translate", "content/about.md", "fr"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains(
            "erreur: `fr` est la langue du site, celle de l'original : une traduction se fait dans une autre langue, \
             que le site doit d'abord indiquer, par exemple `languages = [\"fr\", \"en\"]` dans fieldbook.toml"
        ),
        "{stderr}"
    );
    assert!(files(&dir.join("content")) == before, "a refusal wrote something");
}

#[test]
fn an_arabic_site_refuses_in_arabic() {
    let dir = site("refusals-ar", "ar", "\"ar\", \"fr\"");
    let cases: &[(&[&str], &str)] = &[
        (
            &["new", "page", "About", "--slug", "about"],
            "`content/about.md` موجود من قبل؛ اختر عنوانًا آخر، أو حدِّد اسم الملف بالخيار --slug",
        ),
        (
            &["new", "guidance", "!!!", "--sector", "housing"],
            "لا يحتوي `!!!` على حروف أو أرقام يُصنع منها اسم ملف؛ حدِّد اسمًا بالخيار --slug",
        ),
        (&["new", "page", "Inj\nstatus: published"], "`title`: تحتوي القيمة على فاصل أسطر؛ اكتبها في سطر واحد"),
        (&["new", "guidance", "G", "--sector", "hosing"], "`sector`: المعرّف `hosing` غير معروف؛ هل تقصد `housing`؟"),
        (&["translate", "content/about.md", "ar"], "`ar` هي لغة الموقع نفسه، لغة الأصل؛ ترجِم إلى إحدى لغاته الأخرى: fr"),
    ];
    for (args, expected) in cases {
        let (code, stderr) = run(&dir, args);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(&format!("خطأ: {expected}")), "{args:?}: {stderr}");
    }
    assert!(!dir.join("content/inj.md").exists() && !dir.join("content/g.md").exists());
}

#[test]
fn new_says_the_status_it_wrote() {
    for (language, status, said) in [
        ("en", "published", "created content/case-studies/pub-test.md (status: published)."),
        ("fr", "confidential", "content/case-studies/pub-test.md créé (status: confidential)."),
        ("ar", "draft", "أُنشئ content/case-studies/pub-test.md (status: draft)."),
    ] {
        let dir = site(&format!("new-status-{language}"), language, &format!("\"{language}\""));
        let set = format!("status={status}");
        let mut args = vec!["new", "case-study", "Pub test", "--community", "riverside", "--country", "Morocco"];
        if status != "draft" {
            args.extend(["--set", &set]);
        }
        let (code, stderr) = run(&dir, &args);
        assert_eq!(code, Some(0), "{language}: {stderr}");
        assert!(stderr.contains(said), "{language}: {stderr}");
        let text = std::fs::read_to_string(dir.join("content/case-studies/pub-test.md")).unwrap();
        assert!(text.contains(&format!("\nstatus: {status}\n")), "{language}: {text}");
    }
}
