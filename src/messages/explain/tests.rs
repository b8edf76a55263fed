use super::*;

/// The runs in backticks of `text`, sorted: what people type, which a translation keeps as
/// English writes it. `None` when a backtick is left open.
fn code_spans(text: &str) -> Option<Vec<&str>> {
    let parts: Vec<&str> = text.split('`').collect();
    if parts.len().is_multiple_of(2) {
        return None;
    }
    let mut spans: Vec<&str> = parts.into_iter().skip(1).step_by(2).collect();
    spans.sort_unstable();
    Some(spans)
}

/// What the translation file `text` of `tag` gets wrong against the registry: a code it
/// lacks or one the registry does not have, an entry that does not read, a run in backticks
/// changed, dropped or added, a text left as the English.
fn problems(tag: &str, text: &str, registry: &[Code]) -> Vec<String> {
    let entries = match read(text) {
        Ok(entries) => entries,
        Err(e) => return vec![format!("{tag}: {e}")],
    };
    let mut out = Vec::new();
    for code in registry.iter().filter(|code| !entries.iter().any(|e| e.id == code.id)) {
        out.push(format!("{tag}: `{}` is missing", code.id));
    }
    for entry in &entries {
        let Some(code) = registry.iter().find(|code| code.id == entry.id) else {
            out.push(format!("{tag}: `{}` is not a code of the registry", entry.id));
            continue;
        };
        for (what, english, translated) in [("means", code.means, &entry.means), ("fix", code.fix, &entry.fix)] {
            if code_spans(translated) != code_spans(english) {
                out.push(format!(
                    "{tag}: `{}`'s {what} has the runs in backticks {:?}, English {:?}",
                    code.id,
                    code_spans(translated),
                    code_spans(english)
                ));
            }
            if translated == english {
                out.push(format!("{tag}: `{}`'s {what} is the English", code.id));
            }
        }
    }
    out
}

#[test]
fn every_language_explains_exactly_the_codes_of_the_registry_keeping_what_people_type() {
    let found: Vec<String> = TRANSLATIONS.iter().flat_map(|(tag, text)| problems(tag, text, CODES)).collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
    for (tag, text) in TRANSLATIONS {
        let ids: Vec<String> = read(text).unwrap().into_iter().map(|e| e.id).collect();
        let registry: Vec<&str> = CODES.iter().map(|c| c.id).collect();
        assert_eq!(ids, registry, "explain/{tag}.toml keeps the registry's order");
    }
}

#[test]
fn the_check_finds_a_missing_code_an_extra_one_a_changed_run_and_an_untranslated_text() {
    let registry = [
        Code { id: "bad-date", means: "A date is not real.", fix: "Write `2026-03-14`." },
        Code { id: "empty-file", means: "The file is empty.", fix: "Write its `---` fence, or delete it." },
        Code { id: "no-content", means: "The site has no `content/` folder.", fix: "Create it." },
    ];
    let french = "[bad-date]\nmeans = \"Une date n'existe pas.\"\nfix = \"Écrivez `2026-3-14`.\"\n\n\
                  [empty-file]\nmeans = \"The file is empty.\"\nfix = \"Écrivez son `---`, `---`.\"\n\n\
                  [no-such-code]\nmeans = \"?\"\nfix = \"?\"\n";
    let found = problems("fr", french, &registry);
    let said = |wanted: &str| assert!(found.iter().any(|p| p.contains(wanted)), "{wanted}: {found:#?}");
    said("`no-content` is missing");
    said("`no-such-code` is not a code of the registry");
    said("`bad-date`'s fix has the runs in backticks");
    said("`empty-file`'s fix has the runs in backticks");
    said("`empty-file`'s means is the English");
    assert_eq!(found.len(), 5, "{found:#?}");
    let open = "[bad-date]\nmeans = \"Une date.\"\nfix = \"Écrivez `2026-03-14.\"\n";
    assert!(problems("fr", open, &registry[..1]).iter().any(|p| p.contains("Some([\"2026-03-14\"])")));
    assert!(problems("fr", "[bad-date]\nmeans = \"Une date.\"\n", &registry[..1])[0].contains("no `fix` text"));
    assert!(
        problems("fr", "[bad-date]\nmeans = \"x\"\nfix = \"y\"\nhelp = \"z\"\n", &registry[..1])[0].contains("`help`")
    );
}

#[test]
fn english_is_the_registry_as_explain_always_printed_it() {
    let english = Messages::english();
    let code = crate::codes::find("broken-link").unwrap();
    assert_eq!(english.explanation(code), Explanation { means: code.means, fix: code.fix });
    assert_eq!(
        english.explain(code),
        format!(
            "broken-link\n\n{}\n\nWhat to do: {}\n\nThe guide's page \"Troubleshooting\" (docs/src/troubleshooting.md) has every code.",
            code.means, code.fix
        )
    );
    let longest = CODES.iter().map(|c| c.id.len()).max().unwrap();
    let list: String = CODES.iter().map(|code| format!("{:<longest$} {}\n", code.id, code.means)).collect();
    assert_eq!(english.code_list(), list);
}

#[test]
fn french_and_spanish_say_it_in_their_words_with_the_values_as_typed() {
    let code = crate::codes::find("unpadded-date").unwrap();
    let french = Messages::of("fr").explain(code);
    assert!(
        french.starts_with("unpadded-date\n\nUne date est écrite sans les zéros initiaux (`2026-1-1`)"),
        "{french}"
    );
    assert!(french.contains("\n\nQue faire\u{202f}: Écrivez `2026-01-01`.\n\n"), "{french}");
    let spanish = Messages::of("es").explain(code);
    assert!(spanish.contains("\n\nQué hacer: Escriba `2026-01-01`.\n\n"), "{spanish}");
    // French spaces its punctuation outside backticks only: `javascript:` stays as typed.
    let unsafe_link = Messages::of("fr").explanation(crate::codes::find("unsafe-link").unwrap());
    assert!(unsafe_link.means.contains("(`javascript:`, `data:`, `file:`)"), "{}", unsafe_link.means);
    let active_file = Messages::of("fr-SN").explanation(crate::codes::find("active-file").unwrap());
    assert!(active_file.fix.contains("fichier CSV\u{202f}; ou"), "{}", active_file.fix);
}

#[test]
fn a_translated_list_puts_every_meaning_at_one_column() {
    let longest = CODES.iter().map(|c| c.id.len()).max().unwrap();
    for tag in ["fr", "es"] {
        let list = Messages::of(tag).code_list();
        assert_eq!(list.lines().count(), CODES.len());
        for (line, code) in list.lines().zip(CODES) {
            let (id, means) = line.split_at(longest + 1);
            assert_eq!(id.trim_end(), code.id, "{line}");
            assert_eq!(means, Messages::of(tag).explanation(code).means, "{line}");
        }
    }
}

#[test]
fn arabic_lines_read_right_to_left_with_each_value_in_backticks_one_left_to_right_run() {
    let arabic = Messages::of("ar");
    let longest = CODES.iter().map(|c| c.id.len()).max().unwrap();
    let list = arabic.code_list();
    assert_eq!(list.lines().count(), CODES.len());
    for (line, code) in list.lines().zip(CODES) {
        // A right-to-left mark, the code padded to the longest, a space, another mark, the meaning.
        let rest = line.strip_prefix(RLM).unwrap_or_else(|| panic!("no mark first: {line}"));
        let (id, means) = rest.split_at(longest + 1);
        assert_eq!(id.trim_end(), code.id, "{line}");
        assert_eq!(means.strip_prefix(RLM), Some(isolate_backticks(arabic.explanation(code).means).as_str()));
    }
    let country = crate::codes::find("unknown-country-code").unwrap();
    let line = list.lines().find(|l| l.contains("unknown-country-code")).unwrap();
    assert!(line.contains("قيمة \u{200e}`country_code`\u{200e} في ملمح"), "{line}");
    let said = arabic.explain(country);
    let paragraphs: Vec<&str> = said.split("\n\n").collect();
    assert_eq!(paragraphs.len(), 4, "{said}");
    assert_eq!(paragraphs[0], "unknown-country-code");
    assert!(paragraphs[1].starts_with("\u{200f}قيمة \u{200e}`country_code`\u{200e}"), "{said}");
    assert!(
        paragraphs[2].starts_with("ما العمل: اكتب أحرف الرمز الثلاثة الكبيرة (\u{200e}`MAR`\u{200e} للمغرب"),
        "{said}"
    );
    // Each mark once: the fix is marked when its frame is, not before.
    assert!(!said.contains("\u{200e}\u{200e}"), "{said}");
}
