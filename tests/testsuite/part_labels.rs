//! What a site calls the parts it adds: a French site labels a part of a dimension
//! (`displaced`) and of a distribution (`undisclosed`) in its schema.toml, and every place that
//! shows a part shows the label of the page's language: the profile's table, the indicator's
//! chart and table, the exports, the editors' JSON Schemas and the reference; its English pages
//! take its English texts (`part_labels.en`, `labels.en`). A label missing a language of the
//! site is a warning at the entry.

use std::path::Path;

use serde_json::Value;

use crate::html::copy_site;
use crate::languages::build;
use crate::support::{assert_matches_file, fixture, run, run_speaking};

/// French writes a narrow no-break space before `%` and `:`.
const NARROW: char = '\u{202f}';

fn read(out: &Path, page: &str) -> String {
    std::fs::read_to_string(out.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"))
}

/// The `<ul class="parts">` lists of a page: the values of a profile's entry by part.
fn part_lists(html: &str) -> Vec<&str> {
    html.split("<ul class=\"parts\">").skip(1).filter_map(|rest| rest.split("</ul>").next()).collect()
}

/// Every title a JSON Schema gives property `name`, wherever it is.
fn titles_of(value: &Value, name: &str, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Object(properties)) = map.get("properties")
                && let Some(title) = properties.get(name).and_then(|p| p.get("title")).and_then(Value::as_str)
            {
                found.push(title.to_string());
            }
            map.values().for_each(|v| titles_of(v, name, found));
        }
        Value::Array(items) => items.iter().for_each(|v| titles_of(v, name, found)),
        _ => {}
    }
}

#[test]
fn a_french_site_s_own_parts_show_its_labels_on_pages_charts_exports_and_json_schemas() {
    let root = copy_site(&fixture("part_labels/french"), "part-labels-french");

    // `undisclosed` is labelled in French only, on a site that publishes in English too.
    let checked = run(&root, &["check"]);
    assert_matches_file(
        &format!("{}[exit: {}]\n", checked.stderr, checked.code),
        &fixture("part_labels/french").join("expected.txt"),
    );
    let english = run_speaking("en", &root, &["check"]);
    assert!(
        english.stderr.contains(
            "warning[schema-label-language]: the part `undisclosed` of the indicator `gender-distribution` has no \
             label in `en`, a language of the site: pages in that language show it as \"non déclaré\""
        ),
        "{}",
        english.stderr
    );
    assert!(english.stderr.contains("part_labels = { en = { undisclosed = \"…\" } }"), "{}", english.stderr);
    assert!(!english.stderr.contains("`displaced`"), "labelled in both languages: {}", english.stderr);

    let out = build(&root);
    // The French profile: the dimension's part and the distribution's, each by its label.
    let profile = read(&out, "communities/rive-nord.html");
    let status = format!("rapatriés 48{NARROW}%, non-migrants 63{NARROW}%, personnes déplacées 40{NARROW}%");
    assert!(part_lists(&profile).iter().any(|l| l.contains(&status)), "{:?}", part_lists(&profile));
    assert!(profile.contains(&format!("non déclaré{NARROW}: 3{NARROW}%")), "{profile}");
    assert!(!profile.contains("displaced") && !profile.contains("undisclosed"), "{profile}");
    // Its English translation: `part_labels.en`, and the French label the warning names.
    let translation = read(&out, "en/communities/rive-nord.html");
    let status = "returnee 48%, non-migrant 63%, displaced people 40%";
    assert!(part_lists(&translation).iter().any(|l| l.contains(status)), "{:?}", part_lists(&translation));
    assert!(translation.contains("non déclaré: 3%"), "{translation}");
    // English pages of a site in another language take the site's English texts, an entry's
    // `labels.en` as a part's `part_labels.en`.
    assert!(translation.contains(">Transect walk</a>"), "{translation}");
    assert!(profile.contains(">Marche transversale</a>"), "{profile}");

    // The indicator's page: the chart's legend and its description, and the table.
    let indicator = read(&out, "indicators/gender-distribution.html");
    assert!(indicator.contains("class=\"lbl\">non déclaré</text>"), "{indicator}");
    let described = indicator.split("<desc").nth(1).and_then(|d| d.split("</desc>").next()).unwrap_or_default();
    assert!(described.contains(&format!("non déclaré 2{NARROW}%")), "{described}");
    assert!(indicator.contains(&format!("non déclaré{NARROW}: 2{NARROW}%")), "{indicator}");

    // A list of the indicator's choices shows their labels, in the page's language.
    assert!(profile.contains("marché hebdomadaire, lutte sénégalaise"), "{profile}");
    assert!(translation.contains("weekly market, Senegalese wrestling"), "{translation}");

    // The exports: the value as read names the label, the part column keeps the id.
    let csv = read(&out, "data/indicators.csv");
    assert!(csv.contains(&format!("non déclaré{NARROW}: 3{NARROW}%")), "{csv}");
    assert!(csv.contains(",migrant-status,displaced,40,"), "{csv}");
    assert!(csv.contains(",,,,\"marché hebdomadaire, lutte sénégalaise\","), "{csv}");
    // A distribution's part has its own row, its value written as the site's language writes
    // a percentage, as the entry's own value is.
    assert!(csv.contains(&format!(",,undisclosed,3,3{NARROW}%,")), "{csv}");
    let schema: Value = serde_json::from_str(&read(&out, "data/schema.json")).unwrap();
    let status = schema["disaggregations"].as_array().unwrap().iter().find(|d| d["id"] == "migrant-status").unwrap();
    assert_eq!(status["part_label"]["displaced"], "personnes déplacées");
    assert_eq!(status["part_label"]["returnee"], "rapatriés", "Fieldbook's, in the site's language");

    // The editors' JSON Schemas: a part's title in each language.
    let schemas = root.join("json-schemas");
    let written = run(&root, &["schema", "--json-schema", schemas.to_str().unwrap()]);
    assert_eq!(written.code, 0, "{}", written.stderr);
    for (file, displaced, undisclosed) in [
        ("community.schema.json", "personnes déplacées", "non déclaré"),
        ("community.en.schema.json", "displaced people", "non déclaré"),
    ] {
        let json: Value = serde_json::from_str(&read(&schemas, file)).unwrap();
        let (mut found, mut distribution) = (Vec::new(), Vec::new());
        titles_of(&json, "displaced", &mut found);
        titles_of(&json, "undisclosed", &mut distribution);
        assert!(!found.is_empty() && found.iter().all(|t| t == displaced), "{file}: {found:?}");
        // The value written directly, and as an entry's `value`.
        assert_eq!(distribution, [undisclosed, undisclosed], "{file}");
    }

    // The reference names each part with its label.
    let reference = run(&root, &["schema", "--reference"]);
    assert!(reference.stdout.contains("`displaced` (personnes déplacées)"), "{}", reference.stdout);
    assert!(reference.stdout.contains("`undisclosed` (non déclaré)"), "{}", reference.stdout);
}
