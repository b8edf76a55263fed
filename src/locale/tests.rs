use super::*;

fn shipped(tag: &str) -> Locale {
    let mut files = BTreeMap::new();
    for lang in SHIPPED {
        let path = format!("{}/themes/default/i18n/{lang}.toml", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap();
        files.insert(lang.to_string(), Wording::parse(&text).unwrap());
    }
    Locale::new(tag, &files)
}

fn date(y: i32, m: u32, d: u32) -> Date {
    Date::new(y, m, d).unwrap()
}

#[test]
fn arabic_has_six_plural_categories() {
    let ar = shipped("ar");
    let got: Vec<_> = [0, 1, 2, 3, 10, 11, 99, 100, 102, 1000].map(|n| ar.category(n)).into();
    assert_eq!(got, ["zero", "one", "two", "few", "few", "many", "many", "other", "other", "other"]);
    assert_eq!(ar.count("communities_count", 0, &[]), "لا مجتمعات");
    assert_eq!(ar.count("communities_count", 1, &[]), "مجتمع واحد");
    assert_eq!(ar.count("communities_count", 2, &[]), "مجتمعان");
    assert_eq!(ar.count("communities_count", 3, &[]), "3 مجتمعات");
    assert_eq!(ar.count("communities_count", 11, &[]), "11 مجتمعًا");
    assert_eq!(ar.count("communities_count", 100, &[]), "100 مجتمع");
}

#[test]
fn french_counts_zero_and_one_as_singular() {
    let fr = shipped("fr");
    assert_eq!([0, 1, 2].map(|n| fr.category(n)), ["one", "one", "other"]);
    assert_eq!(fr.count("results_count", 0, &[]), "0 résultat");
    assert_eq!(fr.count("results_count", 1, &[]), "1 résultat");
    assert_eq!(fr.count("results_count", 2, &[]), "2 résultats");
    assert_eq!(fr.category(1_000_000), "many");
    assert_eq!(fr.count("results_count", 1_000_000, &[]), "1\u{202f}000\u{202f}000 de résultats");
}

#[test]
fn spanish_has_one_other_and_many_for_millions() {
    let es = shipped("es");
    assert_eq!([0, 1, 2, 1_000_000].map(|n| es.category(n)), ["other", "one", "other", "many"]);
    assert_eq!(es.count("communities_count", 1, &[]), "1 comunidad");
    assert_eq!(es.count("communities_count", 2, &[]), "2 comunidades");
    assert_eq!(es.count("communities_count", 1_000_000, &[]), "1.000.000 de comunidades");
}

#[test]
fn english_has_one_and_other() {
    let en = shipped("en");
    assert_eq!([0, 1, 2].map(|n| en.category(n)), ["other", "one", "other"]);
    assert_eq!(en.count("coverage_count", 20, &[("given", 12)]), "12 of 20 published indicators given");
    assert_eq!(en.count("coverage_count", 1, &[("given", 1)]), "1 of 1 published indicator given");
}

#[test]
fn counted_phrases_name_their_other_numbers() {
    let fr = shipped("fr");
    assert_eq!(
        fr.count("results_capped_count", 2500, &[("shown", 500)]),
        "2\u{202f}500 résultats, affichage des 500 premiers"
    );
    assert_eq!(fr.count("no_such_phrase", 3, &[]), "no_such_phrase");
}

#[test]
fn numbers_follow_each_language() {
    let n = 1234.5;
    assert_eq!(shipped("en").number(n), "1234.5");
    assert_eq!(shipped("fr").number(n), "1\u{202f}234,5");
    assert_eq!(shipped("es").number(n), "1234,5");
    assert_eq!(shipped("es").number(12345.5), "12.345,5");
    assert_eq!(shipped("es-SV").number(12345.5), "12,345.5");
    assert_eq!(shipped("ar").number(n), "1,234.5");
    assert_eq!(shipped("ar-MA").number(n), "1.234,5");
    assert_eq!(shipped("fr").number(-0.25), "-0,25");
    assert_eq!(shipped("fr").number(999.0), "999");
    assert_eq!(shipped("fr").percent(61.0), "61\u{202f}%");
    assert_eq!(shipped("ar").percent(61.0), "61%");
    assert_eq!(shipped("en").percent(12.5), "12.5%");
    assert_eq!(shipped("en").grouped(18400), "18,400");
    assert_eq!(shipped("fr").grouped(18400), "18\u{202f}400");
    assert_eq!(shipped("ar").grouped(18400), "18,400");
}

#[test]
fn dates_follow_each_language() {
    let d = date(2026, 3, 14);
    assert_eq!(shipped("en").date(d), d.long_form());
    assert_eq!(shipped("en").date(d), "14 March 2026");
    assert_eq!(shipped("fr").date(d), "14 mars 2026");
    assert_eq!(shipped("fr").date(date(2026, 3, 1)), "1er mars 2026");
    assert_eq!(shipped("es").date(d), "14 de marzo de 2026");
    assert_eq!(shipped("ar").date(d), "14 مارس 2026");
    assert_eq!(shipped("ar-MA").date(date(2026, 8, 5)), "5 غشت 2026");
    assert_eq!(shipped("ar-DZ").date(date(2026, 1, 5)), "5 جانفي 2026");
    assert_eq!(shipped("ar-LB").date(date(2026, 4, 5)), "5 نيسان 2026");
    let month = |tag: &str| DateStyle::of(tag).month_year(d);
    assert_eq!(
        [month("en"), month("fr-SN"), month("es"), month("ar"), month("ar-MA")],
        ["March 2026", "mars 2026", "marzo de 2026", "مارس 2026", "مارس 2026"]
    );
}

#[test]
fn regional_tags_fall_back_to_their_language_then_english() {
    let chain = wording_chain("ar_ma");
    assert_eq!(chain, ["en", "ar", "ar-MA"]);
    let fr_sn = shipped("fr-SN");
    assert_eq!(fr_sn.text("key_facts"), "Données clés");
    assert!(fr_sn.is_worded());
    let de = shipped("de");
    assert_eq!(de.text("key_facts"), "Key facts");
    assert!(!de.is_worded());
    assert!(shipped("ar").is_rtl());
    assert_eq!(shipped("ar").dir(), "rtl");
}

#[test]
fn wording_files_refuse_what_they_cannot_mean() {
    assert!(Wording::parse("a = { one = \"x\" }").unwrap_err().message.contains("no `other`"));
    assert!(
        Wording::parse("a = { single = \"x\", other = \"y\" }").unwrap_err().message.contains("not a plural category")
    );
    assert!(Wording::parse("a = 3").is_err());
    // Every entry that is not wording, in the file's order.
    let text = "a = 3\nb = \"fine\"\nc = { one = \"x\" }\nd = { few = 1, other = \"y\" }\n";
    let shapes = Wording::parse(text).unwrap_err().shapes;
    assert_eq!(
        shapes,
        [
            Shape::NotText { key: "a".into() },
            Shape::NoOther { key: "c".into() },
            Shape::FormNotText { key: "d".into(), category: "few".into() },
        ]
    );
}

/// Every key of the English wording is in every shipped language, and every counted phrase
/// gives each plural category the language uses.
#[test]
fn every_shipped_language_has_every_key_and_category() {
    let read = |lang: &str| {
        let path = format!("{}/themes/default/i18n/{lang}.toml", env!("CARGO_MANIFEST_DIR"));
        Wording::parse(&std::fs::read_to_string(path).unwrap()).unwrap()
    };
    let en = read("en");
    for lang in SHIPPED {
        let wording = read(lang);
        let locale = Locale::from_wording(lang, Wording::default(), true);
        for key in en.texts.keys() {
            assert!(wording.texts.contains_key(key), "{lang}.toml lacks `{key}`");
        }
        for key in en.counted.keys() {
            let forms = wording.counted.get(key).unwrap_or_else(|| panic!("{lang}.toml lacks `{key}`"));
            // The categories this language uses, found by asking its rules about many numbers.
            let mut used: Vec<&str> = (0..2000u64).chain([1_000_000]).map(|n| locale.category(n)).collect();
            used.sort();
            used.dedup();
            for category in used {
                assert!(forms.contains_key(category), "{lang}.toml: `{key}` lacks the `{category}` form");
            }
        }
        for key in wording.texts.keys().chain(wording.counted.keys()) {
            assert!(
                en.texts.contains_key(key) || en.counted.contains_key(key),
                "{lang}.toml has `{key}`, unknown in English"
            );
        }
    }
}

#[test]
fn a_map_cluster_is_named_with_a_counted_phrase() {
    assert_eq!(shipped("en").count("map_cluster_count", 2, &[]), "2 communities: {names}");
    assert_eq!(
        shipped("fr").count("map_cluster_count", 1_000_000, &[]),
        "1\u{202f}000\u{202f}000 de communautés\u{202f}: {names}"
    );
    assert_eq!(shipped("ar").count("map_cluster_count", 2, &[]), "مجتمعان: {names}");
}

/// French wording is spaced the French way wherever a file wrote an ordinary space, or none;
/// regional French too; English, Spanish and Arabic are as their files say.
#[test]
fn french_wording_takes_a_narrow_no_break_space_before_high_punctuation() {
    for tag in ["fr", "fr-SN"] {
        let fr = shipped(tag);
        assert_eq!(fr.text("negative_criteria"), "Attention\u{202f}: points faibles relevés lors de la présélection");
        assert_eq!(fr.colon(), "\u{202f}: ");
        assert_eq!(fr.semicolon(), "\u{202f}; ");
        assert_eq!(fr.labelled("Couverture", "12 sur 20"), "Couverture\u{202f}: 12 sur 20");
        assert!(fr.texts().values().all(|t| !t.contains(" :") && !t.contains(" ?")), "{tag}");
    }
    let mut wording = Wording::default();
    wording.texts.insert("question".into(), "Vraiment?".into());
    let fr = Locale::from_wording("fr", wording.clone(), true);
    assert_eq!(fr.text("question"), "Vraiment\u{202f}?");
    assert_eq!(Locale::from_wording("es", wording.clone(), true).text("question"), "Vraiment?");
    // Code in backticks is copied as written: a theme's wording that shows YAML or a separator.
    wording.texts.insert("code".into(), "Écrivez `status: draft` ; séparés par `; `.".into());
    let fr = Locale::from_wording("fr", wording, true);
    assert_eq!(fr.text("code"), "Écrivez `status: draft`\u{202f}; séparés par `; `.");
    assert_eq!(shipped("en").text("negative_criteria"), "Warning: drawbacks found in screening");
    for tag in ["en", "es", "es-SV", "ar", "ar-MA"] {
        let locale = shipped(tag);
        assert_eq!(locale.colon(), ": ", "{tag}");
        assert!(locale.texts().values().all(|t| !t.contains('\u{202f}')), "{tag}");
    }
}

/// What joins the items of a description (a chart's, a map's) is the language's own: Arabic
/// writes its comma and semicolon (، ؛), never the Latin ones.
#[test]
fn arabic_separates_items_and_pairs_with_its_own_comma_and_semicolon() {
    for tag in ["ar", "ar-MA", "ar-TN"] {
        let ar = shipped(tag);
        assert_eq!((ar.list_separator(), ar.semicolon()), ("، ", "؛ "), "{tag}");
    }
    for tag in ["en", "es", "es-SV"] {
        let locale = shipped(tag);
        assert_eq!((locale.list_separator(), locale.semicolon()), (", ", "; "), "{tag}");
    }
    assert_eq!((shipped("fr").list_separator(), shipped("fr").semicolon()), (", ", "\u{202f}; "));
    // A theme's wording without the key: the language's punctuation, French spaced.
    assert_eq!(Locale::from_wording("fr", Wording::default(), true).semicolon(), "\u{202f}; ");
    assert_eq!(Locale::from_wording("en", Wording::default(), true).semicolon(), "; ");
}

#[test]
fn a_counted_phrase_fills_each_placeholder_it_names_and_leaves_other_braces_as_written() {
    let wording = Wording::parse(
        "odd = { one = \"{n} of {total}, {n} again, {unknown} {  and {\", other = \"{total}{n}{n} {left}}\" }\n",
    )
    .unwrap();
    let fr = Locale::from_wording("fr", wording, true);
    assert_eq!(fr.count("odd", 1, &[("total", 12_000)]), "1 of 12\u{202f}000, 1 again, {unknown} {  and {");
    assert_eq!(fr.count("odd", 3, &[("total", 4), ("left", 5)]), "433 5}");
    assert_eq!(fr.count("missing", 3, &[]), "missing");
}
