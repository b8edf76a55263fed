//! Fuzzing the whole pipeline (frontmatter parsing, validation, linking, rendering) with
//! proptest: whatever a file holds, Fieldbook reports problems and never panics, and what it
//! publishes never runs a script from content. The number of cases comes from
//! FIELDBOOK_FUZZ_CASES (CI raises it for a longer, bounded run).

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;

static CASE: AtomicUsize = AtomicUsize::new(0);

fn cases() -> u32 {
    std::env::var("FIELDBOOK_FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(40)
}

fn config() -> ProptestConfig {
    ProptestConfig { cases: cases(), max_shrink_iters: 200, failure_persistence: None, ..ProptestConfig::default() }
}

/// A fresh site holding `file` as a community profile, checked and built in this process.
/// Returns whether the site was built.
fn build_with(file: &str) -> bool {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("fuzz-{}", CASE.fetch_add(1, Ordering::Relaxed)));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("content/communities")).unwrap();
    // Remote loads allowed: the sanitizer, not check, must remove what could run.
    std::fs::write(root.join("fieldbook.toml"), "title = \"Fuzz\"\n[markdown]\nremote_images = true\n").unwrap();
    std::fs::write(root.join("content/communities/fuzzed.md"), file).unwrap();
    let options = fieldbook::BuildOptions {
        root: root.clone(),
        drafts: true,
        internal: false,
        output_dir: None,
        base_url: None,
        today: fieldbook::date::Date::parse("2026-11-22").unwrap(),
        cancel: None,
        progress: None,
        fresh: false,
    };
    // Errors are fine; panics are not (proptest reports them with the input).
    let built = matches!(fieldbook::build(&options), Ok((_, Some(_))));
    if built {
        let page = std::fs::read_to_string(root.join("site/communities/fuzzed.html")).expect("the page was written");
        assert!(!page.to_ascii_lowercase().contains("<script"), "a script reached the page:\n{file}");
    }
    let _ = std::fs::remove_dir_all(&root);
    built
}

/// Body pieces that are valid (no broken link), however odd.
const VALID_BODIES: &[&str] = &[
    "# Title\n",
    "## Section {#custom .class onclick=x}\n",
    "<script>alert(1)</script>\n",
    "<img alt=x onerror=alert(1)>\n",
    "<div><div><div>\n",
    "</div></div>\n",
    "Footnote[^1]\n\n[^1]: note\n",
    "| a | b |\n| - | - |\n| 1 | 2 |\n",
    "- [x] done\n",
    "```\ncode\n```\n",
    "> quote\n",
    // Template syntax is never run. Double braces in the text quote a figure (which this
    // page, giving none, could not), so here they are in raw HTML, or left unclosed: whatever
    // comes before, neither can be a reference.
    "<div>{{ tera }}</div>\n",
    "{{ tera {% block %}\n",
    "\u{202e}reversed\u{202c}\n",
    "[web](https://example.org/a?b=<c>)\n",
    "[self](community:fuzzed#narrative)\n",
    "<a onclick=\"alert(1)\">raw</a>\n",
    "<svg><script>x</script></svg>\n",
    "***\n",
    "<!-- comment -->\n",
    "<iframe src=https://e.org></iframe>\n",
    "Text & <more> \"quotes\"\n",
    "\n\n\n",
    "    indented code\n",
];

const VALID_FRONTMATTER: &str = "---\ntitle: Fuzzed\nstatus: published\ncountry: Senegal\nassessed: 2026-06-01\nassessed_by: [Association Jappo]\nmethods: [desk-review]\n---\n";

const KEYS: &[&str] = &[
    "title",
    "status",
    "country",
    "assessed",
    "assessed_by",
    "methods",
    "indicators",
    "criteria",
    "research",
    "tags",
    "summary",
    "population",
    "place_code",
    "admin_areas",
    "reviewed",
    "contacts",
    "language",
    "illustrative",
    "migration-rates",
    "age-distribution",
    "value",
    "disaggregation",
    "sex",
    "female",
    "q1",
    "returnee-numbers",
    "status",
    "evidence",
    "unknown-key",
    "",
];

const VALUES: &[&str] = &[
    "",
    "~",
    "null",
    "published",
    "draft",
    "confidential",
    "unknown",
    "12",
    "-3",
    "12.5",
    "1e400",
    "0x1F",
    ".nan",
    "2026-02-30",
    "2026-06-01",
    "\"2026-06-01\"",
    "yes",
    "\"yes\"",
    "[a, b]",
    "[]",
    "{}",
    "{female: 51, male: 49}",
    "{ \"0-14\": 120 }",
    "[desk-review, focus-group]",
    "'unclosed",
    "\"unclosed",
    "&a [1]",
    "*a",
    "!!str x",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "Tétouan",
    "طنجة",
    "\t",
    "{{ }}",
    "{% raw %}",
    "|\n  block",
];

const BODIES: &[&str] = &[
    "# Title\n",
    "## Section {#custom .class onclick=x}\n",
    "[link](missing.md)\n",
    "[x](javascript:alert(1))\n",
    "[x](community:fuzzed#nowhere)\n",
    "[x](../../../../etc/passwd)\n",
    "[x](/absolute)\n",
    "![i](img.png \"t\")\n",
    "<script>alert(1)</script>\n",
    "<img alt=x onerror=alert(1)>\n",
    "<div><div><div>\n",
    "</div></div>\n",
    "Footnote[^1]\n\n[^1]: note\n",
    "| a | b |\n| - | - |\n| 1 | 2 |\n",
    "- [x] done\n",
    "```\ncode\n```\n",
    "> quote\n",
    "{{ tera }} {% block %}\n",
    "\u{202e}reversed\u{202c}\n",
    "\0nul\n",
    "[x]: <javascript:y>\n[x]\n",
];

fn frontmatter_entry() -> impl Strategy<Value = String> {
    (
        prop::sample::select(KEYS),
        prop::sample::select(VALUES),
        0usize..3,
        prop::sample::select(KEYS),
        prop::sample::select(VALUES),
    )
        .prop_map(|(key, value, depth, inner_key, inner_value)| match depth {
            0 => format!("{key}: {value}\n"),
            1 => format!("{key}:\n  {inner_key}: {inner_value}\n"),
            _ => format!("{key}:\n  {inner_key}:\n    value: {value}\n    {inner_key}: {inner_value}\n"),
        })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_text_is_handled(text in any::<String>()) {
        build_with(&text);
        build_with(&format!("---\n{text}\n---\n{text}"));
        build_with(&format!("+++\n{text}\n+++\n"));
    }

    #[test]
    fn any_valid_body_renders_without_scripts(
        pieces in prop::collection::vec(
            // Any text but brackets (which make links), braces (which quote figures) and
            // control characters (refused).
            prop_oneof![
                prop::sample::select(VALID_BODIES).prop_map(String::from),
                "[^\\[\\]()<>{}\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F]{0,40}\n"
            ],
            0..16,
        ),
    ) {
        let file = format!("{VALID_FRONTMATTER}{}", pieces.concat());
        prop_assert!(build_with(&file), "a valid file was not built:\n{file}");
    }

    #[test]
    fn odd_frontmatter_and_bodies_are_handled(
        entries in prop::collection::vec(frontmatter_entry(), 0..12),
        body in prop::collection::vec(prop::sample::select(BODIES), 0..8),
    ) {
        let file = format!("---\ntitle: Fuzzed\nstatus: published\n{}---\n{}", entries.concat(), body.concat());
        build_with(&file);
    }
}
