//! Unit tests of fmt: scalars, comments, the YAML writer and the body.

use super::*;

fn schema() -> Schema {
    let (schema, _) = crate::schema::load(None);
    schema
}

fn fmt(text: &str, content_type: ContentType) -> String {
    format_text(text, content_type, &schema(), "content/x.md").unwrap()
}

fn community(text: &str) -> String {
    fmt(text, ContentType::Community)
}

#[test]
fn keys_follow_the_schema_and_unknown_keys_come_last_in_their_order() {
    let text = "---\nzeta: 1\nstatus: draft\nalpha: 2\ntitle: T\n---\n";
    assert_eq!(community(text), "---\ntitle: T\nstatus: draft\nzeta: 1\nalpha: 2\n---\n");
}

#[test]
fn a_location_comes_after_the_place_code_latitude_first_on_one_line() {
    let text =
        "---\nlocation:\n  lon: -5.81\n  lat: \"35.78\"\ncountry: Morocco\nplace_code: MA-1\npopulation: 10\n---\n";
    let expected =
        "---\ncountry: Morocco\nplace_code: MA-1\nlocation: { lat: 35.78, lon: -5.81 }\npopulation: 10\n---\n";
    assert_eq!(community(text), expected);
}

#[test]
fn indicator_entries_and_parts_follow_the_schema() {
    let text = "---\nindicators:\n  access-to-services:\n    n: 212\n    value: 61\n    disaggregation:\n      migrant-status: { non-migrant: 63, returnee: 48 }\n  age-distribution: { \"65+\": 7, \"0-14\": 27, \"15-24\": 19, \"25-64\": 47 }\n---\n";
    let expected = "---\nindicators:\n  age-distribution: { 0-14: 27, 15-24: 19, 25-64: 47, 65+: 7 }\n  access-to-services:\n    value: 61\n    n: 212\n    disaggregation:\n      migrant-status: { returnee: 48, non-migrant: 63 }\n---\n";
    assert_eq!(community(text), expected);
}

#[test]
fn criteria_research_and_screening_follow_the_schema() {
    let text = "---\ncriteria:\n  service-availability: partial\n  returnee-numbers:\n    evidence: Many.\n    status: met\nresearch:\n  q11: individual-survey\n  q1: [desk-review]\n---\n";
    let expected = "---\ncriteria:\n  returnee-numbers:\n    status: met\n    evidence: Many.\n  service-availability: partial\nresearch:\n  q1: [desk-review]\n  q11: individual-survey\n---\n";
    assert_eq!(community(text), expected);
    let project = "---\nscreening:\n  not-viable: \"yes\"\n  brings-together: yes\n---\n";
    assert_eq!(
        fmt(project, ContentType::Project),
        "---\nscreening:\n  brings-together: yes\n  not-viable: \"yes\"\n---\n"
    );
}

#[test]
fn values_are_written_as_the_validator_reads_them() {
    let text = "---\ntitle: 1984\nplace_code: 00123\npopulation: \"12000\"\nassessed: \"2026-03-14\"\nillustrative: 'yes'\nsummary: \"plain text\"\ncountry: \"yes\"\ntags: ['a', \"null\", ~]\nindicators:\n  migration-rates: \"14.2\"\n  safety-levels: \"unknown\"\n---\n";
    let expected = "---\ntitle: \"1984\"\nsummary: plain text\ntags:\n  - a\n  - \"null\"\n  - ~\nillustrative: yes\ncountry: \"yes\"\nplace_code: \"00123\"\npopulation: 12000\nassessed: 2026-03-14\nindicators:\n  migration-rates: 14.2\n  safety-levels: unknown\n---\n";
    assert_eq!(community(text), expected);
}

#[test]
fn text_that_needs_quotes_gets_them() {
    for (text, expected) in [
        ("a: b", "\"a: b\""),
        ("x #y", "\"x #y\""),
        (" lead", "\" lead\""),
        ("trail ", "\"trail \""),
        ("- item", "\"- item\""),
        ("[x]", "\"[x]\""),
        ("@home", "\"@home\""),
        ("say \"hi\"", "say \"hi\""),
        ("", "\"\""),
        ("true", "\"true\""),
        ("~", "\"~\""),
        ("0x1F", "\"0x1F\""),
        ("1e3", "\"1e3\""),
        ("12:30", "\"12:30\""),
        (".inf", "\".inf\""),
        ("tab\there", "\"tab\\there\""),
        ("0-14", "0-14"),
        ("MA-FA-0412", "MA-FA-0412"),
        ("3 of 5", "3 of 5"),
        ("Aïn Lmaati", "Aïn Lmaati"),
    ] {
        let out = scalar(&Scalar { text: text.into(), style: ScalarStyle::Quoted }, false, Hint::Text);
        let Written::Line(line) = out.block else { panic!("{text:?} is not one line") };
        assert_eq!(line, expected, "{text:?}");
    }
}

#[test]
fn multi_line_text_is_a_literal_block_that_reads_back_the_same() {
    let text = "---\nsummary: \"one\\ntwo\\n\"\ninternal_notes: \"a\\n\\n  b\"\ntitle: \"x\\n\\n\"\n---\n";
    let expected = "---\ntitle: |+\n  x\n\nsummary: |\n  one\n  two\ninternal_notes: |-\n  a\n\n    b\n---\n";
    assert_eq!(fmt(text, ContentType::Page), expected);
}

#[test]
fn long_lists_are_blocks() {
    let items: Vec<String> = (0..20).map(|i| format!("item-number-{i}")).collect();
    let text = format!("---\ntags: [{}]\n---\n", items.join(", "));
    let out = fmt(&text, ContentType::Page);
    assert!(out.starts_with("---\ntags:\n  - item-number-0\n  - item-number-1\n"), "{out}");
    let short = fmt("---\ntags:\n  - a\n  - b\n---\n", ContentType::Page);
    assert_eq!(short, "---\ntags: [a, b]\n---\n");
}

#[test]
fn comments_stay_with_their_keys() {
    let text = "---\n# about the status\nstatus: draft # not yet\ntitle: T\nindicators:\n  # the second\n  gender-distribution: { female: 51, male: 49 } # from the survey\n  # the first\n  age-distribution: { \"0-14\": 100 }\n# the end\n---\n";
    let expected = "---\ntitle: T\n# about the status\nstatus: draft # not yet\nindicators:\n  # the first\n  age-distribution: { 0-14: 100 }\n  # the second\n  gender-distribution: { female: 51, male: 49 } # from the survey\n# the end\n---\n";
    assert_eq!(community(text), expected);
}

#[test]
fn comments_inside_a_list_make_it_a_block() {
    let text = "---\ntags: [a,\n  # about b\n  b]\n---\n";
    assert_eq!(fmt(text, ContentType::Page), "---\ntags:\n  - a\n  # about b\n  - b\n---\n");
    // A comment on the key's line stays on it.
    let text = "---\ntags: [a, # first\n  b]\n---\n";
    assert_eq!(fmt(text, ContentType::Page), "---\ntags: [a, b] # first\n---\n");
}

#[test]
fn lists_of_maps_keep_comments() {
    let text = "---\nx:\n  # one\n  - b: 2 # bee\n    a: 1\n  - c\n---\n";
    let out = fmt(text, ContentType::Page);
    assert_eq!(out, "---\nx:\n  # one\n  - b: 2 # bee\n    a: 1\n  - c\n---\n");
}

#[test]
fn blank_lines_before_top_level_keys_are_kept_once() {
    let text = "---\ntitle: T\n\n\n# group\nstatus: draft\n  \nsummary: S\n---\n";
    assert_eq!(fmt(text, ContentType::Page), "---\ntitle: T\n\n# group\nstatus: draft\n\nsummary: S\n---\n");
}

#[test]
fn aliases_are_written_out() {
    let text = "---\ntags: &t [a, b]\nx: *t\n---\n";
    assert_eq!(fmt(text, ContentType::Page), "---\ntags: [a, b]\nx: [a, b]\n---\n");
}

#[test]
fn toml_frontmatter_is_kept_and_the_body_is_formatted() {
    let text = "+++\ntitle = \"T\"  # note\nstatus=\"draft\"\n+++\nText\n* item\n";
    assert_eq!(fmt(text, ContentType::Page), "+++\ntitle = \"T\"  # note\nstatus=\"draft\"\n+++\n\nText\n\n- item\n");
}

#[test]
fn line_endings_are_kept_and_a_byte_order_mark_is_dropped() {
    let text = "\u{feff}---\r\nstatus: draft\r\ntitle: T # c\r\n---\r\n# Head\r\nText\r\n";
    assert_eq!(
        fmt(text, ContentType::Page),
        "---\r\ntitle: T # c\r\nstatus: draft\r\n---\r\n\r\n# Head\r\n\r\nText\r\n"
    );
    let text = "---\r\nsummary: |\r\n  a\r\n  b\r\ntitle: \"x\r\n  y\"\r\n---\r\n";
    assert_eq!(fmt(text, ContentType::Page), "---\r\ntitle: x y\r\nsummary: |\r\n  a\r\n  b\r\n---\r\n");
}

#[test]
fn empty_bodies_and_frontmatters() {
    assert_eq!(fmt("---\ntitle: T\n---", ContentType::Page), "---\ntitle: T\n---\n");
    assert_eq!(fmt("---\n---\n\n\n", ContentType::Page), "---\n---\n");
    assert_eq!(fmt("---\n# only a comment\n---\nBody", ContentType::Page), "---\n# only a comment\n---\n\nBody\n");
}

#[test]
fn heading_ids_links_and_footnotes_survive() {
    let body = "## Context {#ctx}\n\nSee [the profile](community:tanger-nord#criteria) and [x](../projects/x.md#frag).[^1]\n\n[^1]: A note.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [ ] task\n- [x] done\n\n~~gone~~ <b>bold</b>\n";
    let text = format!("---\ntitle: T\n---\n\n{body}");
    let out = fmt(&text, ContentType::Page);
    assert!(out.contains("## Context {#ctx}\n"), "{out}");
    assert!(out.contains("[^1]: A note.\n"), "{out}");
    assert!(out.contains("(community:tanger-nord#criteria)"), "{out}");
    assert_eq!(body_html(&out[out.find("\n\n").unwrap()..]), body_html(body));
}

#[test]
fn a_body_comrak_would_change_is_kept_as_written() {
    // Two lists with different markers: comrak separates them with an HTML comment.
    let text = "---\ntitle: T\n---\n\n* one\n\n+ two\n";
    assert_eq!(fmt(text, ContentType::Page), text);
    let kept = |text: &str| format_parts(text, ContentType::Page, &schema(), "content/x.md", true).unwrap().1;
    assert!(kept(text));
    // A body already in the standard form, or one fmt tidies, is not "kept as written".
    assert!(!kept("---\ntitle: T\n---\n\n- one\n- two\n"));
    assert!(!kept("---\ntitle: T\n---\n\n* one\n* two\n"));
    assert!(!kept("---\ntitle: T\n---\n"));
    // import keeps the body byte for byte and says nothing of it.
    assert!(!format_parts(text, ContentType::Page, &schema(), "content/x.md", false).unwrap().1);
}

#[test]
fn broken_frontmatter_is_an_error_located_like_check() {
    let err = format_text("---\ntitle: \"T\n---\n", ContentType::Page, &schema(), "content/x.md").unwrap_err();
    assert_eq!(err.code, "invalid-yaml");
    assert_eq!(err.location.line, Some(2));
    let err = format_text("no frontmatter\n", ContentType::Page, &schema(), "content/x.md").unwrap_err();
    assert_eq!(err.code, "missing-frontmatter");
    let err = format_text("+++\ntitle = \n+++\n", ContentType::Page, &schema(), "content/x.md").unwrap_err();
    assert_eq!(err.code, "invalid-toml");
}

#[test]
fn formatting_is_idempotent_on_tricky_files() {
    let cases = [
        "---\n# head\n\ntitle: \"1984\" # a year\nodd key: 'x'\n\"quoted: key\": 1\n? complex\n: value\nindicators:\n  languages-spoken:\n  - Darija  # mostly\n  - 'French'\n  migration-rates: { value: \"3\", unit: per 1000 }\n  gender-distribution:\n    male: 49\n    female: 51\n\n# tail\n---\nText *em* _em_ a_b_c!\n",
        "---\nsummary: >\n  folded\n  text\n\n  para\ninternal_notes: |\n  keep\n    indented\n---\n",
        "---\r\ntitle: T\r\ntags: [a,\r\n  b] # c\r\n---\r\nBody\r\n",
        "---\n[a, b]\n---\n",
        "---\nplain scalar root\n---\n",
        "---\ntitle: \"\\u0001 control \\u2028 x\"\n---\n",
        "---\nsummary: |+\n  kept\n\n\n# after\n\ntitle: x\ninternal_notes: |+\n  end\n\n---\n",
        "---\nx:\n  - |+\n    a\n\n  - b\n\n# end\n---\n",
    ];
    for case in cases {
        let once = fmt(case, ContentType::Community);
        let twice = fmt(&once, ContentType::Community);
        assert_eq!(once, twice, "not idempotent for {case:?}");
    }
}

#[test]
fn attribute_blocks_are_found_like_pulldown_does() {
    assert_eq!(attribute_block("Title {#id}"), Some((6, 11)));
    assert_eq!(attribute_block("Title {#id}  "), Some((6, 11)));
    assert_eq!(attribute_block("Title {#a<b}"), None);
    assert_eq!(attribute_block("Title"), None);
    assert_eq!(attribute_block("}"), None);
}

#[test]
fn typed_looking_text_is_recognised() {
    for text in ["12", "-3.5", "1_000", "1e3", "0o17", "0x1f", "2026-03-14", "2026-3-4 10:00", "Yes", "off", "~"] {
        assert!(looks_typed(text), "{text}");
    }
    for text in ["0-14", "65+", "18-34", "MA-FA-0412", "12 people", "e3", "2026-03", "yesterday"] {
        assert!(!looks_typed(text), "{text}");
    }
}

#[test]
fn a_file_fmt_cannot_write_safely_is_reported_as_a_bug() {
    let source = SourceFile::new("content/communities/x.md", "content/communities/x.md", "---\ntitle: X\n---\n".into());
    let d = cannot_format(&source, Message::new("fmt.comments-unreadable"));
    assert_eq!(d.code, "cannot-format");
    assert_eq!(d.message, "fmt left this file as it is: its comments could not be read");
    assert_eq!((d.location.line, d.location.column), (Some(1), Some(1)));
}

#[test]
fn comments_after_a_block_keep_the_indentation_of_the_block_they_sit_in() {
    // The scaffold's commented-out indicators, after an indicator given as a list, as a
    // multi-line entry, or as a value: they stay indicators, whatever comes before them.
    for (given, written) in [
        ("  languages-spoken:\n    - Wolof\n    - French\n", "  languages-spoken: [Wolof, French]\n"),
        ("  access-to-services:\n    value: 61\n    n: 212\n", "  access-to-services:\n    value: 61\n    n: 212\n"),
        ("  migration-rates: 3\n", "  migration-rates: 3\n"),
    ] {
        let text = format!(
            "---\ntitle: T\nindicators:\n  # Indicators:\n{given}  #\n  # RESOURCES\n  # social-activities:\ncriteria:\n  returnee-numbers: met\n---\n"
        );
        let expected = format!(
            "---\ntitle: T\nindicators:\n  # Indicators:\n{written}  #\n  # RESOURCES\n  # social-activities:\ncriteria:\n  returnee-numbers: met\n---\n"
        );
        assert_eq!(community(&text), expected, "{given:?}");
        assert_eq!(community(&expected), expected);
    }
    // At the end of the frontmatter too.
    let text = "---\nindicators:\n  languages-spoken:\n    - Wolof\n  # social-activities:\n---\n";
    assert_eq!(community(text), "---\nindicators:\n  languages-spoken: [Wolof]\n  # social-activities:\n---\n");
}

#[test]
fn a_comment_in_a_lists_column_stays_in_the_list() {
    // Indented as the list's items: after the last of them, and the list stays a block.
    let text = "---\nindicators:\n  languages-spoken:\n    - Wolof\n    # - Serer\n  migration-rates: 3\n---\n";
    assert_eq!(
        community(text),
        "---\nindicators:\n  migration-rates: 3\n  languages-spoken:\n    - Wolof\n    # - Serer\n---\n"
    );
    // A list written in its key's column is that key's block.
    let text = "---\nx:\n  tags:\n  - a\n  # - b\ny: 1\n---\n";
    assert_eq!(fmt(text, ContentType::Page), "---\nx:\n  tags: [a]\n  # - b\ny: 1\n---\n");
    // In a list of fields, after the item's last field.
    let text = "---\nx:\n  - a: 1\n    b: 2\n    # c: 3\ny: 1\n---\n";
    assert_eq!(fmt(text, ContentType::Page), "---\nx:\n  - a: 1\n    b: 2\n    # c: 3\ny: 1\n---\n");
}
