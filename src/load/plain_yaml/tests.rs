//! The quick reader against the full parser: the same tree, or no tree.

use super::*;
use crate::load::frontmatter::{self, Format};
use crate::load::yaml::parse_fully;
use crate::text::next_test_random;

/// Whether the quick reader took `text`; when it did, its tree must be the full parser's.
fn taken(text: &str) -> bool {
    match parse(text, 5) {
        None => false,
        Some(quick) => {
            assert_eq!(Ok(quick), parse_fully(text, 5), "the two readers disagree on {text:?}");
            true
        }
    }
}

#[test]
fn plain_frontmatter_is_read_as_the_full_parser_reads_it() {
    for text in [
        "title: Nab 0\nadmin: [Region 2, District 10]\nind:\n  a:\n    value: { \"0-14\": 35, b: 3 }\n    src: Household survey\n  b: unknown\n  c: [x, y]\nlist:\n  - a\n  - b: 1\n    c: 2\nz: \"q\"  # c\n",
        "z: \"q\"\n",
        "z: \"q\"  \n",
        "z: \"q\" # c\ny: 1\n",
        "a: [ x , y ]\n",
        "a: {b: 1}\n",
        "a: 1\n\n# end\n\n",
        "# c\na: 1 # x\nb:  two  words  \n",
        "a:\n",
        "a:\nb: 1",
        "a: 'it''s'\n",
        "a: [\"x\" , y]\n",
        "a: { \"k\" : 1 }\n",
        "\"k\": v\n",
        "a:   \n",
        "a: # c\nb: 1\n",
        "a: []\nb: {}\n",
        "a:\n- x\n- y\nb: 2\n",
        "a:\n  - x: 1\n    y: 2\n  - z\n",
        "a: x\n  # c\nb: y\n",
        "a: x  \n  \nb: y\n",
        "a: {b: [1, 2], c: 3}\n",
        "source: https://example.org/a#b\nvalue: -5\nn: 29.2\nd: 2024-07-24\nnote: Women's group, weekly\n",
        "title: مرحبا بكم\ncountry: Maroc\n",
        "a:\n  b:\n    c: 1\n  d: 2\ne: 3\n",
        "a:\n  b: 1\n# between\nc: 2\n",
        "a:\n- b: 1\n  c: 2\n- d\ne: 3\n",
        // Careless content the validator reports: read alike first.
        "title: \u{200B}\u{200B}\nsummary: a \u{202E}b\u{202C} c\ntags: [Youth, youth]\n",
        "title: \"\u{2066}x\u{2069}\"\nd: 2026-1-1\nt: 2026-03-14T10:00:00\nn: 123456789012345678901234\n",
    ] {
        assert!(taken(text), "the quick reader should take {text:?}");
    }
}

#[test]
fn anything_else_is_left_to_the_full_parser() {
    for text in [
        "",
        "# only a comment\n",
        "a: |\n  block\n",
        "a: >\n  folded\n",
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "a: \"line\\nbreak\"\n",
        "a: two\n  lines\n",
        "a: 1\na: 2\n",
        "a:\n\tb: 1\n",
        "a: 1\r\nb: 2\r\n",
        "a: b: c\n",
        "a: [x,\n  y]\n",
        "a: \"open\n",
        "- x\n- y\n",
        "a:\n  b: 1\n c: 2\n",
        "a: x\n---\nb: y\n",
        "---\na: x\n",
        "a: x\n...\n",
        "...",
        "a: [x, ]\n",
        "a:\n-\n- x\n",
        "? complex\n: key\n",
        "a: x\u{85}y\n",
        "a: \u{feff}x\n",
    ] {
        assert!(parse(text, 0).is_none(), "the quick reader should leave {text:?} to the full parser");
    }
}

/// Random documents made of the pieces frontmatter is written with, and of the mistakes
/// people make with them (wrong indentation, a colon in a value, unclosed brackets).
fn random_document(state: &mut u64) -> String {
    const KEYS: [&str; 19] = [
        "title", "a b", "\"q k\"", "'s'", "k-1", "ذ", "dup", "x", "\"0-14\"", "n", "a  ", "\"k\" ", "-k", "a:b", "a#b",
        "a #b", "k]", "\"dup\"", "<<",
    ];
    const VALUES: [&str; 49] = [
        "x",
        "two words",
        "Women's group, weekly",
        "https://a.org/b#c",
        "3",
        "-5",
        "29.2",
        "\"q\"",
        "\"a: b\"",
        "'it''s'",
        "[a, b]",
        "[ a , \"b c\" ]",
        "{ a: 1, \"b-c\": 2 }",
        "{}",
        "[]",
        "x # note",
        "\"q\"  # c",
        "a: b",
        "x:y",
        "#x",
        "",
        "  ",
        "&a x",
        "مرحبا بكم",
        "[x, [y]]",
        "[Weekly market, Women's group]",
        "{a: [1, 2]}",
        "- x",
        "[a,]",
        "ok  ",
        "[x",
        "{a: 1",
        "a # b: c",
        "'unclosed",
        "null",
        "\"q\"#c",
        "[a] b",
        "{a: 1} # c",
        "[a]  # c",
        "-",
        "-x",
        "x #",
        "é ",
        "\"\"",
        "''",
        "[\"a\"]",
        "{\"a\": [1]}",
        "a , b",
        "# c",
    ];
    fn pick<'a>(state: &mut u64, from: &[&'a str]) -> &'a str {
        from[next_test_random(state) as usize % from.len()]
    }
    fn map(state: &mut u64, indent: usize, depth: usize, out: &mut String) {
        let entries = 1 + next_test_random(state) % 4;
        for _ in 0..entries {
            let roll = next_test_random(state) % 100;
            let mut pad = indent;
            if roll < 3 {
                pad += 1;
            } else if roll < 5 && pad > 0 {
                pad -= 1;
            }
            if roll.is_multiple_of(7) {
                out.push_str(&" ".repeat(next_test_random(state) as usize % 5));
                out.push_str("# a comment\n");
            }
            if roll.is_multiple_of(11) {
                out.push('\n');
            }
            out.push_str(&" ".repeat(pad));
            out.push_str(pick(state, &KEYS));
            out.push(':');
            match next_test_random(state) % 6 {
                0 | 1 if depth < 3 => {
                    out.push('\n');
                    map(state, indent + 2, depth + 1, out);
                }
                2 if depth < 3 => {
                    out.push('\n');
                    let dash = if next_test_random(state).is_multiple_of(2) { indent } else { indent + 2 };
                    for _ in 0..1 + next_test_random(state) % 3 {
                        out.push_str(&" ".repeat(dash));
                        out.push_str("- ");
                        if next_test_random(state).is_multiple_of(3) {
                            out.push_str(pick(state, &KEYS));
                            out.push_str(": ");
                            out.push_str(pick(state, &VALUES));
                            out.push('\n');
                            out.push_str(&" ".repeat(dash + 2));
                            out.push_str("other: ");
                        }
                        out.push_str(pick(state, &VALUES));
                        out.push('\n');
                    }
                }
                _ => {
                    out.push(' ');
                    out.push_str(pick(state, &VALUES));
                    if next_test_random(state).is_multiple_of(5) {
                        out.push_str("  ");
                    }
                    out.push('\n');
                }
            }
        }
    }
    let mut out = String::new();
    map(state, 0, 0, &mut out);
    if next_test_random(state).is_multiple_of(4) {
        out.pop();
    }
    out
}

#[test]
fn random_documents_are_read_as_the_full_parser_reads_them() {
    let mut state = 0x9e37_79b9_7f4a_7c15;
    let mut quick = 0;
    let total = 20_000;
    for _ in 0..total {
        if taken(&random_document(&mut state)) {
            quick += 1;
        }
    }
    // Both outcomes must be common, or the comparison proves little.
    assert!(quick > total / 10 && quick < total * 9 / 10, "the quick reader took {quick} of {total}");
}

#[test]
fn random_text_is_read_alike_or_left_alone() {
    // Short strings of the characters YAML gives meaning to: the reader must neither
    // panic nor loop, and whatever it takes it must read as the full parser does.
    const PIECES: [&str; 18] =
        ["a", "b", " ", "  ", ":", ": ", "-", "- ", "#", " #", "\"", "'", "[", "]", "{", "}", ",", "\n"];
    let mut state = 0x2545_f491_4f6c_dd1d;
    for _ in 0..20_000 {
        let mut text = String::new();
        for _ in 0..next_test_random(&mut state) % 40 {
            text.push_str(PIECES[next_test_random(&mut state) as usize % PIECES.len()]);
        }
        if next_test_random(&mut state).is_multiple_of(3) {
            text.insert_str(0, "k: v\n");
        }
        taken(&text);
    }
}

#[test]
fn generated_profiles_and_every_fixture_are_read_alike() {
    for i in 0..20 {
        let profile = crate::corpus::profile(i, 20);
        let parts = frontmatter::split(&profile).unwrap();
        let text = &profile[parts.frontmatter_start..parts.frontmatter_end];
        assert!(taken(text), "a generated profile should be read quickly");
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = 0;
    for dir in ["content", "tests", "src/scaffold"] {
        for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(path) else { continue };
            let Ok(parts) = frontmatter::split(&text) else { continue };
            if parts.format == Format::Yaml {
                taken(&text[parts.frontmatter_start..parts.frontmatter_end]);
                files += 1;
            }
        }
    }
    assert!(files > 50, "only {files} fixtures found");
}
