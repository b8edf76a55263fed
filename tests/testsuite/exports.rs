//! The data exports as data tools read them: the CSV files through libhxl's `hxlvalidate`, the
//! data package through `frictionless validate`, the spreadsheet read back (calamine, and
//! openpyxl as pandas reads it) against the CSV files, and the JSON exports against the JSON
//! Schemas published beside them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::html::copy_site;
use crate::support::run;
use crate::tools::{FieldTool, find};

const TABLES: [&str; 3] = ["indicators", "criteria", "communities"];

/// The example site, built once per test into its own folder.
fn example_site(name: &str) -> PathBuf {
    let root = copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), name);
    let result = run(&root, &["build"]);
    assert_eq!(result.code, 0, "build failed:\n{}", result.stderr);
    root.join("site")
}

/// A CSV export's rows after the header and HXL rows, with its header.
fn csv_rows(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = std::fs::read(path).unwrap();
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).expect("a UTF-8 byte-order mark");
    let mut reader = csv::Reader::from_reader(bytes);
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader.records().skip(1).map(|r| r.unwrap().iter().map(String::from).collect()).collect();
    (header, rows)
}

#[test]
fn every_csv_export_is_clean_hxl() {
    let Some(hxlvalidate) = find(FieldTool::HxlValidate) else { return };
    let site = example_site("exports-hxl");
    for table in TABLES {
        let path = site.join(format!("data/{table}.csv"));
        let output = Command::new(&hxlvalidate).arg(&path).output().unwrap();
        let text = String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{table}.csv:\n{text}");
        assert!(text.contains("0 error(s), 0 warnings"), "{table}.csv is not clean HXL:\n{text}");
    }
    // The ISO code of each profile's country, its population and assessment date on every row.
    let (header, rows) = csv_rows(&site.join("data/indicators.csv"));
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    for row in &rows {
        let expected = match row[at("country")].as_str() {
            "Morocco" => "MAR",
            "Senegal" => "SEN",
            "El Salvador" => "SLV",
            other => panic!("unexpected country {other}"),
        };
        assert_eq!(row[at("country_code")], expected);
        assert!(row[at("population")].parse::<u64>().is_ok(), "{row:?}");
        assert_eq!(row[at("assessed")].len(), 10, "{row:?}");
    }
}

#[test]
fn the_data_package_validates_with_frictionless_and_types_numbers_as_numbers() {
    let Some(frictionless) = find(FieldTool::Frictionless) else { return };
    let site = example_site("exports-frictionless");
    let output = Command::new(&frictionless)
        .args(["validate", "--json"])
        .arg(site.join("data/datapackage.json"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    let report: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{e}:\n{text}\n{}", String::from_utf8_lossy(&output.stderr)));
    assert_eq!(report["valid"], true, "{text}");
    assert_eq!(report["tasks"].as_array().unwrap().len(), 3, "every CSV is in the package");
    let package: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.join("data/datapackage.json")).unwrap()).unwrap();
    assert_eq!(package["title"], "Communities of return: an example Fieldbook");
    assert_eq!(package["licenses"][0]["name"], "CC-BY-4.0");
    let indicators = &package["resources"][0];
    assert_eq!(indicators["dialect"]["commentRows"], serde_json::json!([2]), "the HXL row is a comment row");
    // An IANA name, which every reader knows (not Python's `utf-8-sig`).
    assert_eq!(indicators["encoding"], "utf-8");
    let field = |name: &str| {
        indicators["schema"]["fields"].as_array().unwrap().iter().find(|f| f["name"] == name).unwrap().clone()
    };
    assert_eq!(field("value")["type"], "number");
    assert_eq!(field("n")["type"], "integer");
    assert_eq!(field("date")["type"], "date");
    assert_eq!(field("part")["type"], "string");
}

/// A spreadsheet cell as the CSV writes it, for comparison.
fn as_csv(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => fieldbook::text::format_number(*f),
        Data::Int(i) => i.to_string(),
        // Excel counts days from 1899-12-30; Unix from 1970-01-01, 25,569 days later.
        Data::DateTime(d) => fieldbook::date::Date::from_days_since_epoch(d.as_f64() as i64 - 25_569).to_string(),
        other => panic!("unexpected cell {other:?}"),
    }
}

#[test]
fn the_spreadsheet_holds_the_csv_files_with_typed_cells() {
    let site = example_site("exports-xlsx");
    let mut book: Xlsx<_> = open_workbook(site.join("data/communities.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["indicators", "criteria", "communities", "columns"]);
    for table in TABLES {
        let (header, rows) = csv_rows(&site.join(format!("data/{table}.csv")));
        let range = book.worksheet_range(table).unwrap();
        let sheet: Vec<&[Data]> = range.rows().collect();
        let names: Vec<String> = sheet[0].iter().map(as_csv).collect();
        assert_eq!(names, header, "{table}: the header row");
        assert!(sheet[1].iter().all(|c| as_csv(c).starts_with('#')), "{table}: the HXL row");
        assert_eq!(sheet.len() - 2, rows.len(), "{table}: as many rows as the CSV");
        for (cells, row) in sheet[2..].iter().zip(&rows) {
            // Coordinates are written in full, other numbers as pages show them.
            let cells: Vec<String> = cells
                .iter()
                .zip(&header)
                .map(|(cell, name)| match (cell, name.as_str()) {
                    (Data::Float(f), "latitude" | "longitude") => f.to_string(),
                    _ => as_csv(cell),
                })
                .collect();
            // A row may end early where its last cells are empty.
            let mut cells = cells;
            cells.resize(header.len(), String::new());
            assert_eq!(&cells, row, "{table}");
        }
        for (k, name) in header.iter().enumerate() {
            for cells in &sheet[2..] {
                let Some(cell) = cells.get(k) else { continue };
                let ok = match name.as_str() {
                    "value" | "n" | "population" | "latitude" | "longitude" => {
                        matches!(cell, Data::Float(_) | Data::Int(_) | Data::Empty)
                    }
                    "assessed" | "date" | "reviewed" | "review_due" => matches!(cell, Data::DateTime(_) | Data::Empty),
                    _ => matches!(cell, Data::String(_) | Data::Empty),
                };
                assert!(ok, "{table}.{name}: {cell:?}");
            }
        }
    }
    let indicators = book.worksheet_range("indicators").unwrap();
    let cells: Vec<&Data> = indicators.used_cells().map(|(_, _, c)| c).collect();
    // Labels and masked counts stay text; nothing sensitive is in the public spreadsheet.
    assert!(cells.contains(&&Data::String("60+".into())), "the part `60+` is text");
    assert!(cells.contains(&&Data::String("<5".into())), "small counts are masked");
    assert!(!cells.contains(&&Data::String("social-inclusion".into())), "a sensitive indicator is exported");
    let columns = book.worksheet_range("columns").unwrap();
    assert!(columns.used_cells().any(|(_, _, c)| c == &Data::String("#country+code".into())));

    // The data page links every export in data/.
    let page = std::fs::read_to_string(site.join("data/index.html")).unwrap();
    for entry in std::fs::read_dir(site.join("data")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name != "index.html" && name != "communities" {
            assert!(page.contains(&format!("href=\"../data/{name}\"")), "the data page does not link {name}");
        }
    }
}

/// Reads the spreadsheet named on its command line with openpyxl, as pandas does, and prints
/// it as JSON: the document's title, the sheets' names, and for each sheet its frozen cell,
/// the styles of its first cells and every cell as `[type, value]`, a date as `YYYY-MM-DD`.
/// A warning (openpyxl's word for what it does not understand) is an error.
const OPENPYXL_SCRIPT: &str = r#"
import datetime, json, sys, warnings
warnings.simplefilter("error")
import openpyxl

def cell(value):
    if isinstance(value, datetime.datetime):
        return ["date", value.date().isoformat()]
    return [type(value).__name__, value]

book = openpyxl.load_workbook(sys.argv[1])
out = {"title": book.properties.title, "sheets": book.sheetnames}
for sheet in book.worksheets:
    out[sheet.title] = {
        "frozen": sheet.freeze_panes,
        "bold": sheet["A1"].font.b,
        "italic": sheet["A2"].font.i,
        "formats": [c.number_format for c in sheet[3]] if sheet.max_row >= 3 else [],
        "rows": [[cell(c.value) for c in row] for row in sheet.iter_rows()],
    }
json.dump(out, sys.stdout)
"#;

#[test]
fn openpyxl_reads_every_sheet_of_the_spreadsheet_as_the_csv_files_say() {
    let Some(python) = find(FieldTool::Openpyxl) else { return };
    let site = example_site("exports-openpyxl");
    let output =
        Command::new(&python).args(["-c", OPENPYXL_SCRIPT]).arg(site.join("data/communities.xlsx")).output().unwrap();
    assert!(output.status.success(), "openpyxl failed:\n{}", String::from_utf8_lossy(&output.stderr));
    let book: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(book["title"], "Communities of return: an example Fieldbook");
    assert_eq!(book["sheets"], serde_json::json!(["indicators", "criteria", "communities", "columns"]));
    for table in TABLES {
        let sheet = &book[table];
        let (header, rows) = csv_rows(&site.join(format!("data/{table}.csv")));
        assert_eq!(sheet["frozen"], "A3", "{table}: the header and HXL rows stay in view");
        assert_eq!((&sheet["bold"], &sheet["italic"]), (&serde_json::json!(true), &serde_json::json!(true)), "{table}");
        let cells = sheet["rows"].as_array().unwrap();
        assert_eq!(cells.len(), rows.len() + 2, "{table}: the header, HXL and CSV rows");
        let text = |cell: &serde_json::Value| cell[1].as_str().map(String::from);
        let names: Vec<Option<String>> = cells[0].as_array().unwrap().iter().map(text).collect();
        assert_eq!(names, header.iter().cloned().map(Some).collect::<Vec<_>>(), "{table}: the header row");
        for (cells, row) in cells[2..].iter().zip(&rows) {
            for ((cell, csv), name) in cells.as_array().unwrap().iter().zip(row).zip(&header) {
                let (kind, value) = (cell[0].as_str().unwrap(), &cell[1]);
                let read = match kind {
                    "NoneType" => String::new(),
                    "str" | "date" => value.as_str().unwrap().to_string(),
                    // Coordinates are written in full, other numbers as pages show them.
                    "float" if matches!(name.as_str(), "latitude" | "longitude") => value.as_f64().unwrap().to_string(),
                    "int" | "float" => fieldbook::text::format_number(value.as_f64().unwrap()),
                    other => panic!("{table}.{name}: a cell of type {other}"),
                };
                assert_eq!(&read, csv, "{table}.{name}");
                let expected = match name.as_str() {
                    "value" | "n" | "population" | "latitude" | "longitude" => ["int", "float"].as_slice(),
                    "assessed" | "date" | "reviewed" | "review_due" => &["date"],
                    _ => &["str"],
                };
                assert!(kind == "NoneType" || expected.contains(&kind), "{table}.{name}: {kind} {value}");
            }
        }
        let formats = sheet["formats"].as_array().unwrap();
        let at = header.iter().position(|h| h == "assessed").unwrap();
        assert_eq!(formats[at], "yyyy-mm-dd", "{table}: dates are shown as dates");
    }
    let columns = &book["columns"];
    assert_eq!(columns["frozen"], "A2");
    let rows = columns["rows"].as_array().unwrap();
    assert_eq!(rows[0][2], serde_json::json!(["str", "HXL"]));
    assert!(rows.iter().any(|row| row[2] == serde_json::json!(["str", "#country+code"])));
}

#[test]
fn the_json_exports_validate_against_their_published_schemas() {
    let site = example_site("exports-json-schema");
    let read = |path: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(site.join("data").join(path)).unwrap()).unwrap()
    };
    let all = jsonschema::validator_for(&read("communities.schema.json")).unwrap();
    let one = jsonschema::validator_for(&read("community.schema.json")).unwrap();
    let data = read("communities.json");
    let errors: Vec<String> = all.iter_errors(&data).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(data["format_version"], 1);
    let mut seen = HashMap::new();
    for community in data["communities"].as_array().unwrap() {
        let id = community["id"].as_str().unwrap();
        let own = read(&format!("communities/{id}.json"));
        let errors: Vec<String> = one.iter_errors(&own).map(|e| format!("{e} at {}", e.instance_path())).collect();
        assert!(errors.is_empty(), "{id}: {errors:#?}");
        assert_eq!(own["format_version"], 1);
        seen.insert(id.to_string(), own["country_code"].clone());
    }
    assert_eq!(seen["ain-lmaati"], "MAR");
    // The schemas do refuse what is not an export.
    let mut wrong = read("communities/ain-lmaati.json");
    wrong["criteria"]["no-such-criterion"] = serde_json::json!({ "status": "met" });
    assert!(!one.is_valid(&wrong));
    // Fields a public build never publishes are not declared in its schemas: an export that
    // leaked them would not validate.
    let properties = &read("community.schema.json")["properties"];
    for never in ["contacts", "internal_notes"] {
        assert!(properties.get(never).is_none(), "the public schema declares `{never}`");
        wrong = read("communities/ain-lmaati.json");
        wrong[never] = serde_json::json!(["leaked"]);
        assert!(!one.is_valid(&wrong), "`{never}` validates");
    }
    assert!(properties.get("population").is_some());
}
