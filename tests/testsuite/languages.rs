//! Languages: the example site built as a French, a Spanish and an Arabic site speaks that
//! language on every page (interface wording and handbook labels); a page's own `language`
//! wins over the site's; `check` warns about a language without wording.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};

use crate::html::{copy_site, files};
use crate::support::{fixture, run};

fn example_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The example site copied as `name`, as a site in `language` alone: its fieldbook.toml's
/// `languages` becomes `language`, and the translations of its pages (`*.fr.md`...) are left
/// out, so that every page is written in the site's language.
pub(crate) fn example_in(language: &str, name: &str) -> PathBuf {
    let root = copy_site(&example_root(), name);
    let config = std::fs::read_to_string(root.join("fieldbook.toml")).unwrap();
    let languages = config.lines().find(|l| l.starts_with("languages = ")).expect("the example lists its languages");
    std::fs::write(root.join("fieldbook.toml"), config.replace(languages, &format!("language = \"{language}\"")))
        .unwrap();
    for entry in walkdir::WalkDir::new(root.join("content")).into_iter().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let translated =
            name.strip_suffix(".md").and_then(|stem| stem.rsplit_once('.')).is_some_and(|(_, l)| l.len() == 2);
        if translated {
            std::fs::remove_file(entry.path()).unwrap();
        }
    }
    root
}

pub(crate) fn build(root: &Path) -> PathBuf {
    let out = root.join("out");
    let result = run(root, &["build", "--output-dir", out.to_str().unwrap()]);
    assert_eq!(result.code, 0, "build failed:\n{}", result.stderr);
    out
}

/// What a reader of a page sees as separate pieces: each run of text between two tags, and
/// the attributes read aloud or shown (aria-label, placeholder, title, alt).
struct Pieces {
    pieces: RefCell<Vec<String>>,
    current: RefCell<String>,
    /// Fold only ASCII white space, keeping no-break spaces as they are, rather than folding
    /// all white space into one ASCII space.
    exact: bool,
}

impl Pieces {
    fn flush(&self) {
        let text = std::mem::take(&mut *self.current.borrow_mut());
        let text = if self.exact {
            text.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
        } else {
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        if !text.is_empty() {
            self.pieces.borrow_mut().push(text);
        }
    }
}

impl TokenSink for Pieces {
    type Handle = ();
    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) => {
                self.flush();
                if tag.kind == TagKind::StartTag {
                    for a in &tag.attrs {
                        if ["aria-label", "placeholder", "title", "alt"].contains(&&*a.name.local) {
                            self.pieces.borrow_mut().push(a.value.to_string());
                        }
                    }
                }
            }
            Token::CharacterTokens(t) => self.current.borrow_mut().push_str(&t),
            _ => self.flush(),
        }
        TokenSinkResult::Continue
    }
}

fn pieces(html: &str) -> Vec<String> {
    pieces_of(html, false)
}

fn pieces_of(html: &str, exact: bool) -> Vec<String> {
    let sink = Pieces { pieces: RefCell::new(Vec::new()), current: RefCell::new(String::new()), exact };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from(html));
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    tokenizer.sink.flush();
    tokenizer.sink.pieces.into_inner()
}

/// The English texts the site must not show once it speaks `language`: every interface string
/// and counted phrase (its words, without the numbers) of the English wording, and every
/// label of the schema in force (the handbook's, and the site's own: `english` and
/// `translated` are the site built in English and in `language`), each only where
/// `language` says it differently.
fn english_texts(english: &Path, translated: &Path, language: &str) -> Vec<String> {
    let read = |lang: &str| -> toml::Table {
        let path = example_root().join(format!("themes/default/i18n/{lang}.toml"));
        toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    };
    let (en, other) = (read("en"), read(language));
    let mut texts = BTreeSet::new();
    for (key, value) in &en {
        let translated = other.get(key);
        match value {
            toml::Value::String(s) if translated.and_then(|t| t.as_str()) != Some(s) => {
                texts.insert(s.clone());
            }
            toml::Value::Table(forms) => {
                for message in forms.values().filter_map(|m| m.as_str()) {
                    // The words between the numbers: "published indicators given".
                    for part in message.split(['{', '}']).step_by(2) {
                        texts.insert(part.trim().trim_matches(',').trim().to_string());
                    }
                }
            }
            _ => {}
        }
    }
    let schema = |out: &Path| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(out.join("data/schema.json")).unwrap()).unwrap()
    };
    let (english, translated) = (labels(&schema(english)), labels(&schema(translated)));
    assert_eq!(english.len(), translated.len());
    for (label, other) in english.iter().zip(&translated) {
        if label != other {
            texts.insert(label.clone());
        }
    }
    // Too short to tell apart from other words, or not words at all.
    texts.into_iter().filter(|t| t.chars().filter(|c| c.is_alphabetic()).count() >= 3).collect()
}

/// Every `label` in a schema.json, in document order.
fn labels(value: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v) {
                    ("label", serde_json::Value::String(s)) => out.push(s.clone()),
                    _ => out.extend(labels(v)),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| out.extend(labels(v))),
        _ => {}
    }
    out
}

/// The text the authors wrote: every content file, and the site's title and description.
fn authored(site: &Path) -> String {
    let mut text = std::fs::read_to_string(site.join("fieldbook.toml")).unwrap();
    for file in files(&site.join("content")) {
        text.push_str(&std::fs::read_to_string(site.join("content").join(file)).unwrap_or_default());
    }
    text
}

/// Build the example site in `language`, and find every English interface text or schema
/// label on its pages: a piece of a page that is one of them, or contains a phrase of them
/// (two words or more), unless the authors wrote that piece. Pages written in another language
/// (`language:` in their frontmatter) are left out.
fn english_left_on_pages(language: &str) -> Vec<String> {
    let site = example_in(language, &format!("languages-{language}"));
    let out = build(&site);
    let english_out = build(&example_in("en", &format!("languages-{language}-en")));
    let english = english_texts(&english_out, &out, language);
    let phrases: Vec<&String> = english.iter().filter(|t| t.contains(' ')).collect();
    let authored = authored(&site);
    let mut found = Vec::new();
    let pages = files(&out).into_iter().filter(|f| f.ends_with(".html"));
    for page in pages {
        let html = std::fs::read_to_string(out.join(&page)).unwrap();
        let lang = format!("<html lang=\"{language}\"");
        if !html.contains(&lang) {
            continue;
        }
        for piece in pieces(&html) {
            // A page's title is the authors' title and the site's: "Housing · Communities".
            let written = |part: &str| {
                let part = part.replace(['\u{2019}', '\u{2018}'], "'").replace(['\u{201c}', '\u{201d}'], "\"");
                authored.contains(&part) || authored.contains(part.trim_end_matches(['.', ':']))
            };
            if piece.split(" · ").all(written) {
                continue;
            }
            if english.contains(&piece) {
                found.push(format!("{page}: `{piece}`"));
            } else if let Some(phrase) = phrases.iter().find(|p| piece.contains(p.as_str())) {
                found.push(format!("{page}: `{phrase}` in `{piece}`"));
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

#[test]
fn the_example_site_in_french_shows_no_english_wording_or_handbook_label() {
    let found = english_left_on_pages("fr");
    assert!(found.is_empty(), "{} English texts:\n{}", found.len(), found.join("\n"));
}

#[test]
fn the_example_site_in_spanish_shows_no_english_wording_or_handbook_label() {
    let found = english_left_on_pages("es");
    assert!(found.is_empty(), "{} English texts:\n{}", found.len(), found.join("\n"));
}

#[test]
fn the_example_site_in_arabic_shows_no_english_wording_or_handbook_label() {
    let found = english_left_on_pages("ar");
    assert!(found.is_empty(), "{} English texts:\n{}", found.len(), found.join("\n"));
}

/// The detector finds English where there is English: the English site is full of it.
#[test]
fn the_english_site_is_found_english_by_the_same_test() {
    let out = build(&example_in("en", "languages-en-control"));
    let french = build(&example_in("fr", "languages-fr-control"));
    let english = english_texts(&out, &french, "fr");
    let home = pieces(&std::fs::read_to_string(out.join("index.html")).unwrap());
    assert!(home.iter().any(|p| english.contains(p)), "{home:?}");
}

#[test]
fn a_french_site_writes_dates_numbers_and_labels_in_french() {
    let site = example_in("fr", "languages-fr-details");
    let out = build(&site);
    let profile = std::fs::read_to_string(out.join("communities/ain-lmaati.html")).unwrap();
    assert!(profile.contains("<html lang=\"fr\" dir=\"ltr\">"));
    assert!(profile.contains("Données clés"), "interface wording");
    assert!(profile.contains("Répartition par âge"), "a handbook label");
    // A long date with a French month name, and a number with a decimal comma.
    let months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre"];
    assert!(months.iter().any(|m| profile.contains(&format!(" {m} 20"))), "a French date");
    assert!(profile.contains("\u{202f}%)</p>"), "the coverage percentage with a narrow no-break space");
    assert!(profile.contains("18\u{202f}400"), "the population grouped the French way");
    let schema = std::fs::read_to_string(out.join("data/schema.json")).unwrap();
    assert!(schema.contains("\"label\": \"Taux de migration\"") || schema.contains("\"label\":\"Taux de migration\""));
    let feed = std::fs::read_to_string(out.join("feed.xml")).unwrap();
    assert!(feed.contains("xml:lang=\"fr\"") || feed.contains("<feed"), "{feed}");
}

#[test]
fn an_arabic_site_is_right_to_left_and_counts_in_arabic() {
    let site = example_in("ar", "languages-ar-details");
    let out = build(&site);
    let indicators = std::fs::read_to_string(out.join("indicators/index.html")).unwrap();
    assert!(indicators.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(indicators.contains("متوفر في"), "a counted phrase in Arabic");
    let coverage = std::fs::read_to_string(out.join("communities/ain-lmaati.html")).unwrap();
    assert!(coverage.contains("من أصل"), "the coverage sentence in Arabic");
}

#[test]
fn a_page_in_another_language_speaks_it_on_an_english_site() {
    let site = copy_site(&example_root(), "languages-page");
    let out = build(&site);
    let page = std::fs::read_to_string(out.join("ar/guidance/advocacy.html")).unwrap();
    assert!(page.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(page.contains("الانتقال إلى المحتوى"), "skip link in Arabic");
    assert!(page.contains("المناصرة المجتمعية"), "the topic's label in Arabic");
    assert!(!page.contains(">Skip to content<"));
    let english = std::fs::read_to_string(out.join("guidance/index.html")).unwrap();
    assert!(english.contains("<html lang=\"en\" dir=\"ltr\">") && english.contains("Skip to content"));
}

#[test]
fn check_warns_about_a_language_without_wording_and_names_the_fallback() {
    let result = run(&fixture("languages/no-wording"), &["check"]);
    let text = format!("{}{}", result.stdout, result.stderr);
    assert!(text.contains("warning[no-wording]"), "{text}");
    assert!(text.contains("content/guidance/kiswahili.md:5:11"), "at the page's language field:\n{text}");
    assert!(text.contains("fieldbook.toml:2:1"), "at the site's language:\n{text}");
    assert!(text.contains("in English, the fallback language"), "{text}");
    assert!(!text.contains("francais.md"), "French has wording:\n{text}");
}

#[test]
fn the_reference_shows_the_labels_of_a_language_with_the_note() {
    let result = run(&example_root(), &["schema", "--reference", "--language", "es"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(result.stdout.contains("no una traducción oficial del manual"), "the note, in Spanish");
    assert!(result.stdout.contains("## Campos de cada tipo de contenido"), "the reference's own words in Spanish");
    assert!(result.stdout.contains("Tasas de migración"), "a handbook label in Spanish");
    assert!(result.stdout.contains("Personas retornadas (últimos 12 meses)"), "the site's own label in Spanish");
    let english = run(&example_root(), &["schema", "--reference"]);
    assert!(english.stdout.contains("Migration rates") && !english.stdout.contains("Tasas de migración"));
}

/// The French punctuation of `piece` that is not spaced the French way: each `:` `;` `!` `?`
/// `»` that ends a phrase without a narrow no-break space (U+202F) before it, and each `«`
/// without one after it, with the word before it and a few characters after it.
fn unspaced_french_punctuation(piece: &str) -> Vec<String> {
    let chars: Vec<char> = piece.chars().collect();
    let mut found = Vec::new();
    for (k, &c) in chars.iter().enumerate() {
        let next = chars.get(k + 1).copied();
        let bad = match c {
            ':' | ';' | '!' | '?' | '»' => {
                let ends_phrase = c == '»' || next.is_none_or(|n| n == ' ' || "!?".contains(n));
                // A piece that starts with a sign follows a tag: "<strong>Label</strong>: value".
                ends_phrase && (k == 0 || (chars[k - 1] != '\u{202f}' && !(c == '!' && chars[k - 1] == '?')))
            }
            '«' => next != Some('\u{202f}'),
            _ => false,
        };
        if bad {
            let mut start = k;
            while start > 0 && chars[start - 1] == ' ' {
                start -= 1;
            }
            while start > 0 && chars[start - 1] != ' ' {
                start -= 1;
            }
            found.push(chars[start..(k + 10).min(chars.len())].iter().collect());
        }
    }
    found
}

/// Quotes as authors type them, for comparing a page's text with the files.
fn straight_quotes(text: &str) -> String {
    text.replace(['\u{2019}', '\u{2018}'], "'").replace(['\u{201c}', '\u{201d}'], "\"")
}

#[test]
fn the_detector_finds_french_punctuation_spaced_the_english_way() {
    assert_eq!(unspaced_french_punctuation("Couverture: 12 sur 20"), ["Couverture: 12 sur 2"]);
    assert_eq!(unspaced_french_punctuation("Oui. Attention : points"), ["Attention : points"]);
    assert_eq!(unspaced_french_punctuation(": 3/27 questions"), [": 3/27 que"]);
    assert_eq!(unspaced_french_punctuation("«\u{a0}mot\u{202f}»").len(), 1);
    assert_eq!(unspaced_french_punctuation("Couverture\u{202f}: 12 ; https://x.org/?q=1 10:30").len(), 1);
    assert!(unspaced_french_punctuation("Vraiment\u{202f}?! «\u{202f}oui\u{202f}»").is_empty());
}

/// True if `window` is what the authors wrote up to a figure they quoted (`came back: {{
/// returnees-last-12-months }}`), which the page shows filled in.
fn before_a_figure(authored: &str, window: &str) -> bool {
    let window = straight_quotes(window);
    window.char_indices().any(|(k, _)| k > 0 && authored.contains(&format!("{}{{{{", &window[..k])))
}

/// The example site built in French: every piece of interface text on its pages (wording,
/// handbook labels, and what the code joins: "label : value", map and chart descriptions,
/// counted phrases) spaces `:` `;` `!` `?` and guillemets with a narrow no-break space. What
/// the authors wrote (the example's content is in English) is left as written.
#[test]
fn the_example_site_in_french_spaces_its_punctuation_the_french_way() {
    let site = example_in("fr", "languages-fr-punctuation");
    let out = build(&site);
    // The site's own schema.toml is the authors' too (its `labels` and `descriptions` in French).
    let authored = straight_quotes(&(authored(&site) + &std::fs::read_to_string(site.join("schema.toml")).unwrap()));
    let mut found = Vec::new();
    let mut spaced = 0;
    for page in files(&out).into_iter().filter(|f| f.ends_with(".html")) {
        let html = std::fs::read_to_string(out.join(&page)).unwrap();
        for piece in pieces_of(&html, true) {
            spaced += piece.matches("\u{202f}:").count();
            for window in unspaced_french_punctuation(&piece) {
                if !authored.contains(straight_quotes(&window).trim()) && !before_a_figure(&authored, &window) {
                    found.push(format!("{page}: `{window}` in `{piece}`"));
                }
            }
        }
    }
    found.sort();
    found.dedup();
    assert!(found.is_empty(), "{} pieces of interface text:\n{}", found.len(), found.join("\n"));
    assert!(spaced > 100, "the pages show few French colons ({spaced}): is the site French?");
    // English keeps its punctuation: an English page has no narrow no-break space.
    let english = build(&example_in("en", "languages-en-punctuation"));
    let profile = std::fs::read_to_string(english.join("communities/ain-lmaati.html")).unwrap();
    assert!(!profile.contains('\u{202f}'), "an English page with a narrow no-break space");
}

/// An entry a site adds or relabels in schema.toml, without a label in a language the site
/// publishes in, is a warning at the entry, naming the languages and the label their pages show
/// instead; once per entry, whatever the number of pages. An entry the site leaves to
/// Fieldbook's translation, or labels in every language, is not named; nor is a part's label
/// the site gives in every language. A respondent's name missing a language is said by `check`
/// too, before the form is made.
#[test]
fn check_warns_of_a_site_s_own_label_missing_a_language_of_the_site() {
    let root = copy_site(&fixture("languages/own-labels"), "own-labels");
    let result = run(&root, &["check"]);
    crate::support::assert_matches_file(
        &format!("{}[exit: {}]\n", result.stderr, result.code),
        &fixture("languages/own-labels").join("expected.txt"),
    );
    let french = crate::support::run_speaking("fr", &root, &["check"]);
    crate::support::assert_matches_file(&french.stderr, &fixture("languages/own-labels").join("expected.fr.txt"));
    // The site is built all the same, told once per entry, not once per page.
    let built = run(&root, &["build"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert_eq!(built.stderr.matches("warning[schema-label-language]").count(), 5, "{}", built.stderr);
    // In Arabic, the schema shows the English label the warning names.
    let arabic = run(&root, &["schema", "--reference", "--language", "ar"]);
    assert!(arabic.stdout.contains("Returnees in the household"), "{}", arabic.stdout);
    // Labelled in every language, there is nothing to say.
    let schema = std::fs::read_to_string(root.join("schema.toml")).unwrap();
    let labelled = schema
        .replace("labels = { fr = \"Personnes de retour dans le ménage\" }", "labels = { fr = \"Personnes de retour dans le ménage\", ar = \"العائدون في الأسرة\" }")
        .replace("label = \"Returnees registered\"", "label = \"Returnees registered\"\nlabels = { fr = \"Personnes de retour enregistrées\", ar = \"العائدون المسجلون\" }")
        .replace("labels = { fr = \"Bailleur de fonds\" }", "labels = { fr = \"Bailleur de fonds\", ar = \"الجهة المانحة\" }")
        .replace("ce qu'ils montrent.\" }", "ce qu'ils montrent.\", ar = \"التجول في المجتمع مع السكان وتدوين ما يشيرون إليه.\" }")
        .replace("respondents = { fr = { displaced = \"Personne déplacée\" } }", "respondents = { fr = { displaced = \"Personne déplacée\" }, ar = { displaced = \"نازح\" } }")
        .replace("part_labels = { fr = { displaced = \"personnes déplacées\" } }", "part_labels = { fr = { displaced = \"personnes déplacées\" }, ar = { displaced = \"النازحون\" } }");
    std::fs::write(root.join("schema.toml"), labelled).unwrap();
    let result = run(&root, &["check"]);
    assert!(!result.stderr.contains("schema-label-language"), "{}", result.stderr);
    assert!(!result.stderr.contains("survey-respondent-language"), "{}", result.stderr);
}
