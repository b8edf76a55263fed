use super::*;

fn source(text: &str) -> SourceFile {
    SourceFile::new(CONFIG_FILE, CONFIG_FILE, text.to_string())
}

#[test]
fn a_base_url_is_an_address_to_put_paths_after() {
    assert_eq!(base_url("https://example.org/site").unwrap(), "https://example.org/site/");
    assert_eq!(base_url("http://10.0.0.2:8080/").unwrap(), "http://10.0.0.2:8080/");
    for (bad, says) in [
        ("https://x.org/a?b=1&c=2", "a query (`?`)"),
        ("https://x.org/#top", "a fragment (`#`)"),
        ("https://x.org/\"><script>", "`\\\"`"),
        ("https://x.org/my site", "a space"),
        ("https:///path", "needs a host name"),
        ("ftp://x.org/", "must start with https://"),
    ] {
        let error = base_url(bad).unwrap_err().english();
        assert!(error.contains(says), "{bad}: {error}");
    }
}

#[test]
fn a_licence_is_an_id_an_address_or_other_wording() {
    assert_eq!(License::of("CC-BY-4.0"), License::Id("CC-BY-4.0"));
    assert_eq!(License::of("ODC-By-1.0"), License::Id("ODC-By-1.0"));
    let address = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/";
    assert_eq!(License::of(address), License::Address(address));
    assert_eq!(License::of("Open Government Licence"), License::Wording("Open Government Licence"));
    assert_eq!(License::of("https://x.org/a licence"), License::Wording("https://x.org/a licence"));
    // An address names a host; spaces around a setting are no part of it.
    assert_eq!(License::of("https://"), License::Wording("https://"));
    assert_eq!(License::of("http:///licence"), License::Wording("http:///licence"));
    assert_eq!(License::of("CC-BY-4.0 "), License::Id("CC-BY-4.0"));
}

#[test]
fn a_licence_the_data_package_cannot_name_is_warned_of_at_its_value() {
    let text = "title = \"T\"\nlicense = \"Open Government Licence\"\n";
    let file = source(text);
    let config = Config::parse(&file).unwrap();
    let warnings = config.warnings(&file);
    assert_eq!(warnings.len(), 1);
    let rendered = warnings[0].render();
    assert!(rendered.contains("[unknown-license]") && rendered.contains("fieldbook.toml:2:11"), "{rendered}");
    for fine in ["CC-BY-4.0", "https://opendatacommons.org/licenses/odbl/1-0/"] {
        let file = source(&format!("title = \"T\"\nlicense = \"{fine}\"\n"));
        assert!(Config::parse(&file).unwrap().warnings(&file).is_empty(), "{fine}");
    }
    // A licence written as its page writes it is shown its id.
    let file = source("title = \"T\"\nlicense = \"CC BY 4.0\"\n");
    let rendered = Config::parse(&file).unwrap().warnings(&file)[0].render();
    assert!(rendered.contains("did you mean `CC-BY-4.0`?"), "{rendered}");
    let file = source("title = \"T\"\nlicense = \"https://\"\n");
    assert_eq!(Config::parse(&file).unwrap().warnings(&file).len(), 1);
    let none = source("title = \"T\"\n");
    assert!(Config::parse(&none).unwrap().warnings(&none).is_empty());
}

#[test]
fn defaults_fill_the_rest() {
    let config = Config::parse(&source("title = \"T\"\n")).unwrap();
    assert_eq!(config.language, "en");
    assert_eq!(config.output_dir, "site");
    assert_eq!(config.review_interval_months, 12);
    assert_eq!(config.privacy.small_count_threshold, 5);
    assert_eq!(config.privacy.location_precision_km, 1.0);
    assert!(!config.markdown.trusted_html);
}

#[test]
fn typos_are_located_errors() {
    let err = Config::parse(&source("title = \"T\"\nouptut_dir = \"public\"\n")).unwrap_err();
    assert!(err.message.contains("unknown field `ouptut_dir`"), "{}", err.message);
    assert_eq!(err.location.line, Some(2));
}

#[test]
fn a_key_of_no_known_name_is_said_in_the_reports_language_with_the_nearest_one() {
    let err = Config::parse(&source("title = \"T\"\ntitre = \"T\"\n")).unwrap_err();
    assert!(
        err.message.starts_with("fieldbook.toml: unknown field `titre`, expected one of `title`, "),
        "{}",
        err.message
    );
    assert_eq!(err.help.as_deref(), Some("did you mean `title`?"));
    let message = err.message_in(&crate::messages::Messages::of("fr"));
    assert!(
        message
            .starts_with("fieldbook.toml\u{202f}: clé inconnue `titre`\u{202f}; valeurs possibles\u{202f}: `title`, "),
        "{message}"
    );
}

/// A key written in the wrong place is told where it goes: a table's key at the top, a
/// top key inside a table. The lists the help comes from are [`Config`]'s own fields: the
/// reader names every key it expects, and each list holds all of them.
#[test]
fn a_key_in_the_wrong_place_is_told_where_it_goes() {
    let err = Config::parse(&source("title = \"T\"\ntrusted_html = true\n")).unwrap_err();
    assert_eq!(
        err.help.as_deref(),
        Some(
            "`trusted_html` goes in the table `[markdown]`: write `[markdown]` on a line of its own (once, below the keys at the top of the file), and `trusted_html = …` under it"
        )
    );
    let err = Config::parse(&source("title = \"T\"\n[privacy]\nlanguage = \"fr\"\n")).unwrap_err();
    assert_eq!(
        err.help.as_deref(),
        Some("`language` goes at the top of the file, above the first table: move it out of `[privacy]`")
    );
    let said = err.message_in(&crate::messages::Messages::of("fr"));
    assert!(said.contains("`language`"), "{said}");
    // The lists are the struct's fields, table by table.
    let expected = |text: &str| Config::parse(&source(text)).unwrap_err().message;
    let top = expected("title = \"T\"\nzzz = 1\n");
    for key in TOP_KEYS.iter().chain(TABLE_KEYS.iter().map(|(table, _)| table)) {
        assert!(top.contains(&format!("`{key}`")), "{key}: {top}");
    }
    assert_eq!(top.matches('`').count() / 2, 1 + TOP_KEYS.len() + TABLE_KEYS.len(), "{top}");
    for (table, keys) in TABLE_KEYS {
        let said = expected(&format!("title = \"T\"\n[{table}]\nzzz = 1\n"));
        for key in keys {
            assert!(said.contains(&format!("`{key}`")), "{key}: {said}");
        }
        assert_eq!(said.matches('`').count() / 2, 2 + keys.len(), "{said}");
    }
}

#[test]
fn a_mistake_in_any_table_is_located_at_its_key_or_value() {
    let err = Config::parse(&source("title = \"T\"\n\n[privacy]\nsmall_count_treshold = 5\n")).unwrap_err();
    assert_eq!(
        err.message,
        "fieldbook.toml: unknown field `small_count_treshold` in `[privacy]`, expected one of `small_count_threshold`, `location_precision_km`"
    );
    assert_eq!((err.location.line, err.location.column), (Some(4), Some(1)));
    assert_eq!(err.help.as_deref(), Some("did you mean `small_count_threshold`?"));
    let err = Config::parse(&source("title = \"T\"\nreview_interval_months = \"12\"\n")).unwrap_err();
    assert_eq!(err.message, "fieldbook.toml: `review_interval_months` must be a whole number, such as `12`");
    assert_eq!((err.location.line, err.location.column), (Some(2), Some(26)));
    assert_eq!(err.help.as_deref(), Some("write `review_interval_months = 12`"));
    // A value out of range is located at it too.
    let err = Config::parse(&source("title = \"T\"\n[listing]\npage_size = 0\n")).unwrap_err();
    assert_eq!((err.location.line, err.location.column), (Some(3), Some(13)));
    let err = Config::parse(&source("title = \"T\"\nbase_url = \"example.org\"\n")).unwrap_err();
    assert_eq!((err.location.line, err.location.column), (Some(2), Some(12)));
}

#[test]
fn a_language_is_a_language_code_and_the_code_meant_is_named() {
    let err = Config::parse(&source("title = \"T\"\nlanguage = \"français\"\n")).unwrap_err();
    assert_eq!(err.message, "`language`: `français` is not a language code (such as en, fr, es, ar or pt-BR)");
    assert_eq!((err.location.line, err.location.column), (Some(2), Some(12)));
    assert_eq!(err.help.as_deref(), Some("did you mean `fr`? write `language = \"fr\"`"));
    let err = Config::parse(&source("title = \"T\"\nlanguages = [\"en\", \"fr_FR\"]\n")).unwrap_err();
    assert_eq!(err.message, "`languages`: `fr_FR` is not a language code (such as en, fr, es, ar or pt-BR)");
    assert_eq!((err.location.line, err.location.column), (Some(2), Some(20)));
    assert_eq!(err.help.as_deref(), Some("did you mean `fr-FR`? write `languages = [\"en\", \"fr-FR\"]`"));
    // Nothing meant clearly: the languages Fieldbook has wording in.
    let err = Config::parse(&source("title = \"T\"\nlanguage = \"Klingon\"\n")).unwrap_err();
    assert_eq!(
        err.help.as_deref(),
        Some(
            "a language code is two or three letters, then a region if needed (`es-HN`, `pt-BR`); Fieldbook has wording in `en`, `fr`, `es` and `ar`"
        )
    );
    // Checked before `language` and `languages` are compared.
    let err = Config::parse(&source("title = \"T\"\nlanguage = \"French\"\nlanguages = [\"fr\"]\n")).unwrap_err();
    assert!(err.message.contains("`French` is not a language code"), "{}", err.message);
    for fine in ["es-HN", "pt-BR", "sr-Latn-RS", "es-419"] {
        assert!(Config::parse(&source(&format!("title = \"T\"\nlanguage = \"{fine}\"\n"))).is_ok(), "{fine}");
    }
}

#[test]
fn the_language_of_settings_with_a_mistake_is_still_read() {
    assert_eq!(Config::language_of("title = 1\nlanguage = \"fr\"\n").as_deref(), Some("fr"));
    assert_eq!(Config::language_of("languages = [\"ar\", \"fr\"]\ntypo = 1\n").as_deref(), Some("ar"));
    // A line that is not TOML elsewhere in the file.
    assert_eq!(Config::language_of("title = \"unclosed\nlanguage = \"fr\"\n").as_deref(), Some("fr"));
    assert_eq!(Config::language_of("title = Observatoire\nlanguage = \"es-HN\"\n").as_deref(), Some("es-HN"));
    assert_eq!(Config::language_of("title = \"T\"\n"), None);
    // The language setting itself broken, or not a language code: English.
    assert_eq!(Config::language_of("title = \"T\"\nlanguage = fr\n"), None);
    assert_eq!(Config::language_of("title = \"T\"\nlanguage = \"fr\n"), None);
    assert_eq!(Config::language_of("title = \"T\"\nlanguage = \"français\"\n"), None);
    assert_eq!(Config::language_of("language = \"fr_FR\"\n"), None);
    assert_eq!(Config::language_of("languages = [\"French\", \"en\"]\n"), None);
    assert_eq!(Config::language_of("language = \"\"\nlanguages = [\"ar\"]\n").as_deref(), Some("ar"));
}

#[test]
fn the_first_of_several_languages_is_the_default() {
    let config = Config::parse(&source("title = \"T\"\nlanguages = [\"fr\", \"en\"]\n")).unwrap();
    assert_eq!(config.language, "fr");
    assert_eq!(config.languages(), ["fr", "en"]);
    assert!(config.has_language("en") && !config.has_language("es"));
    let one = Config::parse(&source("title = \"T\"\nlanguage = \"es\"\n")).unwrap();
    assert_eq!(one.languages(), ["es"]);
    let clash = Config::parse(&source("title = \"T\"\nlanguage = \"en\"\nlanguages = [\"fr\", \"en\"]\n"));
    assert!(clash.unwrap_err().message.contains("starts with `fr`"));
    let twice = Config::parse(&source("title = \"T\"\nlanguages = [\"fr\", \"fr\"]\n"));
    assert!(twice.unwrap_err().message.contains("twice"));
    let odd = Config::parse(&source("title = \"T\"\nlanguages = [\"French\"]\n"));
    assert!(odd.unwrap_err().message.contains("not a language code"));
    // Each at the entry it is about.
    let twice = Config::parse(&source("title = \"T\"\nlanguages = [\"fr\", \"fr\"]\n")).unwrap_err();
    assert_eq!((twice.location.line, twice.location.column), (Some(2), Some(20)));
}

#[test]
fn right_to_left_languages() {
    assert!(is_rtl("ar"));
    assert!(is_rtl("ar-MA"));
    assert!(!is_rtl("fr"));
}

#[test]
fn a_translation_table_gives_the_title_and_description_in_another_language() {
    let text = "title = \"Returns\"\ndescription = \"Profiles.\"\nlanguages = [\"en\", \"fr\", \"ar\"]\n\n\
                [translation.fr]\ntitle = \"Retours\"\ndescription = \"Des profils.\"\n\n\
                [translation.es]\ntitle = \"Retornos\"\n";
    let config = Config::parse(&source(text)).unwrap();
    assert_eq!((config.title_in("fr"), config.description_in("fr")), ("Retours", Some("Des profils.")));
    // A regional French page takes the French table; what a table leaves out is the site's.
    assert_eq!(config.title_in("fr-SN"), "Retours");
    assert_eq!((config.title_in("es"), config.description_in("es")), ("Retornos", Some("Profiles.")));
    assert_eq!((config.title_in("ar"), config.description_in("ar")), ("Returns", Some("Profiles.")));
    assert_eq!((config.title_in("en"), config.description_in("en")), ("Returns", Some("Profiles.")));
}

#[test]
fn a_translation_table_names_another_language_by_its_code_and_takes_two_keys() {
    let err = |text: &str| Config::parse(&source(text)).unwrap_err();
    // A table for the site's own language is shown by nothing: warned of, at its name.
    let text = "title = \"T\"\nlanguage = \"fr\"\n\n[translation.fr-SN]\ntitle = \"Retours\"\n";
    let config = Config::parse(&source(text)).unwrap();
    assert_eq!(config.title_in("fr-SN"), "T");
    let warnings = config.warnings(&source(text));
    let [own] = &warnings[..] else { panic!("{warnings:?}") };
    assert_eq!(own.code, "translation-of-site-language");
    assert_eq!(
        own.message,
        "`[translation.fr-SN]` is for the site's own language (`fr`), whose pages show `title` and `description` \
         at the top of the file: nothing shows this table"
    );
    assert_eq!((own.location.line, own.location.column), (Some(4), Some(14)));
    // Not a language code: the code meant.
    let name = err("title = \"T\"\n[translation.french]\ntitle = \"Retours\"\n");
    assert_eq!(name.message, "`translation`: `french` is not a language code (such as en, fr, es, ar or pt-BR)");
    assert_eq!((name.location.line, name.location.column), (Some(2), Some(14)));
    assert_eq!(name.help.as_deref(), Some("did you mean `fr`? write `[translation.fr]`"));
    // A key a translation does not take, with the two it does.
    let key = err("title = \"T\"\n[translation.fr]\nsummary = \"Retours\"\n");
    assert_eq!(
        key.message,
        "fieldbook.toml: unknown field `summary` in `[translation.fr]`, expected one of `title`, `description`"
    );
    assert_eq!((key.location.line, key.location.column), (Some(3), Some(1)));
}
