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

const TABLES: [&str; 5] = ["indicators", "criteria", "communities", "projects", "case_studies"];

/// The example site, built once per test into its own folder.
pub(crate) fn example_site(name: &str) -> PathBuf {
    let root = copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), name);
    let result = run(&root, &["build"]);
    assert_eq!(result.code, 0, "build failed:\n{}", result.stderr);
    root.join("site")
}

/// A CSV export's rows after the header and HXL rows, with its header.
pub(crate) fn csv_rows(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
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
    // A title and an area pasted with a tab, a line break and doubled spaces (hxlvalidate
    // warns of "extra whitespace") are written as pages show them, on one line.
    let root = copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), "exports-hxl");
    let profile = root.join("content/communities/ndiebene-plage.md");
    let text = std::fs::read_to_string(&profile).unwrap();
    let text = text
        .replace("title = \"Ndiébène Plage\"", "title = \"Ndiébène  Plage\\t\"")
        .replace("admin_areas = [\"Thiès\", \"Mbour\"]", "admin_areas = [\"Thiès\", \"Mbour\\nDépartement\"]");
    std::fs::write(&profile, text).unwrap();
    let result = run(&root, &["build"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let site = root.join("site");
    let communities = std::fs::read_to_string(site.join("data/communities.csv")).unwrap();
    assert!(communities.contains("Ndiébène Plage,") && communities.contains("Mbour Département"), "{communities}");
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
    let (report, text) = frictionless_report(&frictionless, &site);
    assert_eq!(report["valid"], true, "{text}");
    assert_eq!(report["tasks"].as_array().unwrap().len(), TABLES.len(), "every CSV is in the package");
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

/// Every key of `value`, at any depth, with the path to it.
fn keys(value: &serde_json::Value, path: &str, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, inner) in map {
                out.push(format!("{path}/{key}"));
                keys(inner, &format!("{path}/{key}"), out);
            }
        }
        serde_json::Value::Array(items) => {
            for (k, inner) in items.iter().enumerate() {
                keys(inner, &format!("{path}/{k}"), out);
            }
        }
        _ => {}
    }
}

/// The Data Package v2 profile, the JSON Schema a v2 package is checked against, as the
/// standard publishes it (https://datapackage.org/profiles/2.0/datapackage.json, from
/// github.com/frictionlessdata/datapackage, public/profiles/2.0/datapackage.json at commit
/// 6a201af8ed2eacbb3a2440e82e4c55d5807f9c09; public domain). Kept here so that the test
/// needs no network and no Python.
fn data_package_v2_profile() -> jsonschema::Validator {
    let text = std::fs::read_to_string(crate::support::fixture("exports/datapackage-2.0-profile.json")).unwrap();
    jsonschema::validator_for(&serde_json::from_str(&text).unwrap()).unwrap()
}

#[test]
fn the_data_package_is_data_package_v2_throughout() {
    let site = example_site("exports-datapackage-v2");
    let package: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.join("data/datapackage.json")).unwrap()).unwrap();
    // It says it is v2; nothing of v1 is left (`profile`, which a reader takes for v1 when
    // `$schema` is missing, and v1's tabular profiles).
    assert_eq!(package["$schema"], "https://datapackage.org/profiles/2.0/datapackage.json");
    let mut all = Vec::new();
    keys(&package, "", &mut all);
    assert!(!all.iter().any(|k| k.ends_with("/profile")), "a v1 `profile` is left: {all:?}");
    assert!(!package.to_string().contains("tabular-data-"), "a v1 tabular profile is named");
    assert_eq!(package["homepage"], EXAMPLE_BASE_URL);
    let resources = package["resources"].as_array().unwrap();
    assert_eq!(resources.len(), TABLES.len());
    for resource in resources {
        // v2's way of saying a resource is a table, and its Table Dialect: the column names
        // are the header, the HXL hashtags under them a row that is no data.
        assert_eq!(resource["type"], "table", "{resource}");
        assert_eq!(resource["dialect"], serde_json::json!({ "headerRows": [1], "commentRows": [2] }), "{resource}");
    }
    // Valid against the standard's own v2 profile, which does refuse what is not v2.
    let profile = data_package_v2_profile();
    let errors: Vec<String> = profile.iter_errors(&package).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let mut wrong = package.clone();
    wrong["resources"][0]["type"] = serde_json::json!("tabular-data-resource");
    assert!(!profile.is_valid(&wrong), "the profile takes any resource type");
}

#[test]
fn a_licence_is_listed_by_id_or_address_and_other_wording_is_warned_of() {
    let root = copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), "exports-licence");
    let config = std::fs::read_to_string(root.join("fieldbook.toml")).unwrap();
    assert!(config.contains("license = \"CC-BY-4.0\""));
    let package = |license: &str| {
        std::fs::write(root.join("fieldbook.toml"), config.replacen("CC-BY-4.0", license, 1)).unwrap();
        let result = run(&root, &["build"]);
        assert_eq!(result.code, 0, "{}", result.stderr);
        let text = std::fs::read_to_string(root.join("site/data/datapackage.json")).unwrap();
        let package: serde_json::Value = serde_json::from_str(&text).unwrap();
        let errors: Vec<String> = data_package_v2_profile().iter_errors(&package).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{license}: {errors:#?}");
        (result.stderr, package)
    };
    let address = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/";
    let (stderr, by_address) = package(address);
    assert_eq!(by_address["licenses"], serde_json::json!([{ "path": address }]));
    assert!(!stderr.contains("unknown-license"), "{stderr}");
    // Wording a data package cannot give: left out, so the package still validates, and said.
    let (stderr, worded) = package("Open Government Licence");
    assert!(worded.get("licenses").is_none(), "{worded}");
    assert!(stderr.contains("warning[unknown-license]"), "{stderr}");
    let line = config.lines().position(|l| l.starts_with("license")).unwrap() + 1;
    assert!(stderr.contains(&format!("fieldbook.toml:{line}:11")), "{stderr}");
    validate_with_tools(&root.join("site"));
}

/// A spreadsheet cell as the CSV writes it, for comparison.
/// Each column's type in the data package, by table and column name: what the spreadsheet's
/// cells must be.
fn column_types(site: &Path) -> HashMap<(&'static str, String), String> {
    let package: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.join("data/datapackage.json")).unwrap()).unwrap();
    let mut types = HashMap::new();
    for (table, resource) in TABLES.iter().zip(package["resources"].as_array().unwrap()) {
        assert_eq!(resource["name"], *table);
        for field in resource["schema"]["fields"].as_array().unwrap() {
            types.insert(
                (*table, field["name"].as_str().unwrap().to_string()),
                field["type"].as_str().unwrap().to_string(),
            );
        }
    }
    types
}

pub(crate) fn as_csv(cell: &Data) -> String {
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
    let types = column_types(&site);
    let mut book: Xlsx<_> = open_workbook(site.join("data/communities.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["indicators", "criteria", "communities", "projects", "case_studies", "columns"]);
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
                let ok = match types[&(table, name.clone())].as_str() {
                    "number" | "integer" => matches!(cell, Data::Float(_) | Data::Int(_) | Data::Empty),
                    "date" => matches!(cell, Data::DateTime(_) | Data::Empty),
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
        // The folders of each profile's, project's and case study's own file: their pages link
        // those.
        if !["index.html", "communities", "projects", "case-studies"].contains(&name.as_str()) {
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
    let types = column_types(&site);
    let output =
        Command::new(&python).args(["-c", OPENPYXL_SCRIPT]).arg(site.join("data/communities.xlsx")).output().unwrap();
    assert!(output.status.success(), "openpyxl failed:\n{}", String::from_utf8_lossy(&output.stderr));
    let book: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(book["title"], "Communities of return: an example Fieldbook");
    assert_eq!(
        book["sheets"],
        serde_json::json!(["indicators", "criteria", "communities", "projects", "case_studies", "columns"])
    );
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
                let expected = match types[&(table, name.clone())].as_str() {
                    "number" | "integer" => ["int", "float"].as_slice(),
                    "date" => &["date"],
                    _ => &["str"],
                };
                assert!(kind == "NoneType" || expected.contains(&kind), "{table}.{name}: {kind} {value}");
            }
        }
        let formats = sheet["formats"].as_array().unwrap();
        // A date every first row of the example gives: the profile's assessment, the project's
        // start, the case study's date.
        let at = header.iter().position(|h| ["assessed", "start", "written"].contains(&h.as_str())).unwrap();
        assert_eq!(formats[at], "yyyy-mm-dd", "{table}: dates are shown as dates");
    }
    let columns = &book["columns"];
    assert_eq!(columns["frozen"], "A2");
    let rows = columns["rows"].as_array().unwrap();
    assert_eq!(rows[0][2], serde_json::json!(["str", "HXL"]));
    assert!(rows.iter().any(|row| row[2] == serde_json::json!(["str", "#country+code"])));
}

/// The example site's address, from its fieldbook.toml.
const EXAMPLE_BASE_URL: &str = "https://example.org/communities-of-return/";

/// The path of the profile with an Arabic id that [`addresses_site`] adds, percent-encoded.
const ARABIC_PAGE: &str = "communities/%D8%B9%D9%8A%D9%86-%D9%84%D9%85%D8%A7%D8%AA%D9%8A.html";

/// A copy of the example site with one more profile, whose id is Arabic: its address needs
/// escaping.
fn addresses_site(name: &str) -> PathBuf {
    let root = copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), name);
    let profile = std::fs::read_to_string(root.join("content/communities/ain-lmaati.md")).unwrap();
    let profile = profile.replacen("title: Aïn Lmaati", "title: عين لماتي", 1).replacen("MA-FA-0412", "MA-FA-0413", 1);
    std::fs::write(root.join("content/communities/عين-لماتي.md"), profile).unwrap();
    root
}

/// Every address of a page that the exports of the site in `site` give: the CSV file's `url`
/// column, the `url` of each profile in communities.json and in its own file and of the pages
/// that refer to it, and the `page` of each GeoJSON feature. Each is `(export, id, address)`.
fn exported_addresses(site: &Path) -> Vec<(String, String, String)> {
    let mut found = Vec::new();
    let (header, rows) = csv_rows(&site.join("data/communities.csv"));
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    for row in rows {
        found.push(("communities.csv".into(), row[at("community_id")].clone(), row[at("url")].clone()));
    }
    let read = |path: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(site.join("data").join(path)).unwrap()).unwrap()
    };
    for community in read("communities.json")["communities"].as_array().unwrap() {
        let id = community["id"].as_str().unwrap().to_string();
        for (export, object) in
            [("communities.json", community.clone()), ("own file", read(&format!("communities/{id}.json")))]
        {
            found.push((export.into(), id.clone(), object["url"].as_str().unwrap().into()));
            for reference in object["references"].as_array().unwrap() {
                found.push((format!("{export} references"), id.clone(), reference["url"].as_str().unwrap().into()));
            }
        }
    }
    for feature in read("communities.geojson")["features"].as_array().unwrap() {
        let id = feature["id"].as_str().unwrap().to_string();
        found.push(("communities.geojson".into(), id, feature["properties"]["page"].as_str().unwrap().into()));
    }
    found
}

/// Each community's own properties in the GeoJSON are the ones the schema keeps indicators
/// from taking as ids ([`fieldbook::schema::GEOJSON_PROPERTIES`]); every other property is an
/// indicator's.
#[test]
fn the_geojson_s_own_properties_are_those_no_indicator_may_take() {
    let site = example_site("exports-geojson-properties");
    let geojson: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.join("data/communities.geojson")).unwrap()).unwrap();
    // The site's schema as published, its own indicators included.
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.join("data/schema.json")).unwrap()).unwrap();
    let indicators: Vec<&str> =
        schema["indicators"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap()).collect();
    let feature = &geojson["features"][0]["properties"];
    let own: Vec<&str> =
        feature.as_object().unwrap().keys().map(String::as_str).filter(|key| !indicators.contains(key)).collect();
    let mut expected = fieldbook::schema::GEOJSON_PROPERTIES.to_vec();
    let mut own = own;
    own.sort_unstable();
    expected.sort_unstable();
    assert_eq!(own, expected);
}

/// `communities.json` of the site in `site` against its JSON Schema, formats (`uri`,
/// `uri-reference`) checked: the errors, and the same for the export with its first
/// profile's `url` set to `url`.
fn json_schema_errors(site: &Path, url: &str) -> (Vec<String>, Vec<String>) {
    let read = |path: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(site.join("data").join(path)).unwrap()).unwrap()
    };
    let validator =
        jsonschema::options().should_validate_formats(true).build(&read("communities.schema.json")).unwrap();
    let errors = |data: &serde_json::Value| {
        validator.iter_errors(data).map(|e| format!("{e} at {}", e.instance_path())).collect()
    };
    let data = read("communities.json");
    let mut changed = data.clone();
    changed["communities"][0]["url"] = serde_json::json!(url);
    (errors(&data), errors(&changed))
}

/// What the spreadsheet's `columns` sheet says the `url` column of `communities` means, in the
/// site in `site`.
fn url_meaning_in_spreadsheet(site: &Path) -> String {
    let mut book: Xlsx<_> = open_workbook(site.join("data/communities.xlsx")).unwrap();
    let columns = book.worksheet_range("columns").unwrap();
    let row = columns.rows().find(|row| as_csv(&row[0]) == "communities" && as_csv(&row[1]) == "url").unwrap();
    as_csv(&row[4])
}

/// The `url` field of `communities.csv` in the data package of the site in `site`.
fn url_field(site: &Path) -> serde_json::Value {
    let package: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.join("data/datapackage.json")).unwrap()).unwrap();
    let communities = package["resources"].as_array().unwrap().iter().find(|r| r["name"] == "communities").unwrap();
    communities["schema"]["fields"].as_array().unwrap().iter().find(|f| f["name"] == "url").unwrap().clone()
}

#[test]
fn the_exports_give_full_addresses_under_the_base_url_and_relative_ones_without() {
    let root = addresses_site("exports-addresses");
    let site = root.join("site");
    let build = |args: &[&str]| {
        let result = run(&root, &[&["build"], args].concat());
        assert_eq!(result.code, 0, "build failed:\n{}", result.stderr);
    };

    // fieldbook.toml's base_url: every page's address in full, an Arabic id escaped.
    build(&[]);
    let addresses = exported_addresses(&site);
    for (export, id, address) in &addresses {
        assert!(address.starts_with(EXAMPLE_BASE_URL), "{export} of {id}: {address}");
    }
    assert_eq!(profile_urls(&addresses, "ain-lmaati"), [format!("{EXAMPLE_BASE_URL}communities/ain-lmaati.html")]);
    assert_eq!(profile_urls(&addresses, "عين-لماتي"), [format!("{EXAMPLE_BASE_URL}{ARABIC_PAGE}")]);
    assert!(addresses.iter().any(|(export, _, _)| export.ends_with("references")), "no page refers to a profile");
    // The sitemap and the feed give the same addresses.
    for file in ["sitemap.xml", "feed.xml"] {
        let text = std::fs::read_to_string(site.join(file)).unwrap();
        assert!(text.contains(&format!("{EXAMPLE_BASE_URL}{ARABIC_PAGE}")), "{file}:\n{text}");
        assert!(!text.contains("عين-لماتي.html"), "{file} has an address unescaped");
    }
    // The descriptions say so, and the schemas check that each is a full address.
    let field = url_field(&site);
    assert_eq!(field["format"], "uri");
    assert!(field["description"].as_str().unwrap().contains(&format!("A full web address, under {EXAMPLE_BASE_URL}.")));
    assert_eq!(url_meaning_in_spreadsheet(&site), field["description"].as_str().unwrap());
    let (errors, relative) = json_schema_errors(&site, "communities/ain-lmaati.html");
    assert_eq!(errors, Vec::<String>::new());
    assert!(relative.iter().any(|e| e.contains("uri")), "a relative address is refused: {relative:?}");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.join("data/community.schema.json")).unwrap()).unwrap();
    assert_eq!(schema["properties"]["url"]["format"], "uri");
    validate_with_tools(&site);

    // The internal build is not published at fieldbook.toml's address, the public site's: its
    // exports link within it, a confidential profile's page included, and it has no sitemap;
    // unless it is given an address of its own.
    let internal = root.join("site-internal");
    build(&["--include-confidential"]);
    let addresses = exported_addresses(&internal);
    for (export, id, address) in &addresses {
        assert!(!address.contains("://"), "{export} of {id}: {address}");
        assert!(internal.join(percent_decoded(address)).is_file(), "{export} of {id}: {address} is no page");
    }
    assert!(addresses.iter().any(|(_, id, _)| id == "hay-ennakhil-sud"), "the confidential profile is exported");
    assert!(!internal.join("sitemap.xml").exists());
    build(&["--include-confidential", "--base-url", "https://intranet.example.org/fieldbook/"]);
    for (export, id, address) in exported_addresses(&internal) {
        assert!(address.starts_with("https://intranet.example.org/fieldbook/"), "{export} of {id}: {address}");
    }

    // The same for a build with drafts.
    build(&["--drafts"]);
    for (export, id, address) in exported_addresses(&site) {
        assert!(!address.contains("://"), "{export} of {id}: {address}");
    }

    // Another address on the command line, without its final slash (a preview deploy).
    build(&["--base-url", "https://preview.example.org/pr-12"]);
    let addresses = exported_addresses(&site);
    for (export, id, address) in &addresses {
        assert!(address.starts_with("https://preview.example.org/pr-12/"), "{export} of {id}: {address}");
        assert!(!address.contains("pr-12//") && !address.contains("example.org/communities-of-return"), "{address}");
    }
    assert!(addresses.iter().any(|(_, _, a)| a == "https://preview.example.org/pr-12/communities/ain-lmaati.html"));

    // No address at all: paths relative to the site's folder, so the site works from a disk.
    let config = std::fs::read_to_string(root.join("fieldbook.toml")).unwrap();
    let without: String = config.lines().filter(|l| !l.starts_with("base_url")).map(|l| format!("{l}\n")).collect();
    assert_ne!(without, config);
    std::fs::write(root.join("fieldbook.toml"), without).unwrap();
    build(&[]);
    let addresses = exported_addresses(&site);
    for (export, id, address) in &addresses {
        assert!(!address.contains("://") && !address.starts_with('/'), "{export} of {id}: {address}");
        assert!(site.join(percent_decoded(address)).is_file(), "{export} of {id}: {address} is no page of the site");
    }
    assert_eq!(profile_urls(&addresses, "ain-lmaati"), ["communities/ain-lmaati.html"]);
    assert_eq!(profile_urls(&addresses, "عين-لماتي"), [ARABIC_PAGE]);
    let field = url_field(&site);
    assert!(field.get("format").is_none(), "{field}");
    assert!(field["description"].as_str().unwrap().contains("relative to the site's folder"), "{field}");
    assert_eq!(url_meaning_in_spreadsheet(&site), field["description"].as_str().unwrap());
    let (errors, spaced) = json_schema_errors(&site, "communities/a page.html");
    assert_eq!(errors, Vec::<String>::new());
    assert!(spaced.iter().any(|e| e.contains("uri-reference")), "an unescaped space is refused: {spaced:?}");
    validate_with_tools(&site);
}

/// The distinct addresses the exports give profile `id`'s own page, which each of the four
/// exports gives.
fn profile_urls(addresses: &[(String, String, String)], id: &str) -> Vec<String> {
    let mut urls: Vec<String> = addresses
        .iter()
        .filter(|(export, i, _)| i == id && !export.ends_with("references"))
        .map(|(_, _, a)| a.clone())
        .collect();
    assert_eq!(urls.len(), 4, "{id}: {urls:?}");
    urls.dedup();
    urls
}

/// A percent-encoded path as the file system names it.
fn percent_decoded(path: &str) -> String {
    let mut bytes = Vec::new();
    let mut rest = path.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        if b == b'%' {
            bytes.push(u8::from_str_radix(std::str::from_utf8(&tail[..2]).unwrap(), 16).unwrap());
            rest = &tail[2..];
        } else {
            bytes.push(b);
            rest = tail;
        }
    }
    String::from_utf8(bytes).unwrap()
}

/// `frictionless validate --json` of the data package of the site in `site`: its report, and
/// the report as printed, for messages.
fn frictionless_report(frictionless: &Path, site: &Path) -> (serde_json::Value, String) {
    let output = Command::new(frictionless)
        .args(["validate", "--json"])
        .arg(site.join("data/datapackage.json"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let report = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{e}:\n{text}\n{}", String::from_utf8_lossy(&output.stderr)));
    (report, text)
}

/// The exports of the site in `site` through the data tools that are installed: the data
/// package through `frictionless validate` (which checks a `uri` column's every value),
/// `communities.csv` through `hxlvalidate`, the GeoJSON through GDAL's `ogrinfo`.
fn validate_with_tools(site: &Path) {
    if let Some(frictionless) = find(FieldTool::Frictionless) {
        let (report, text) = frictionless_report(&frictionless, site);
        assert_eq!(report["valid"], true, "{text}");
    }
    if let Some(hxlvalidate) = find(FieldTool::HxlValidate) {
        let output = Command::new(&hxlvalidate).arg(site.join("data/communities.csv")).output().unwrap();
        let text = String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success() && text.contains("0 error(s), 0 warnings"), "{text}");
    }
    if let Some(ogrinfo) = find(FieldTool::Ogrinfo) {
        let output = Command::new(ogrinfo)
            .args(["-ro", "-al", "-where", "id = 'ain-lmaati'"])
            .arg(site.join("data/communities.geojson"))
            .output()
            .unwrap();
        let feature = String::from_utf8_lossy(&output.stdout);
        let csv = exported_addresses(site).into_iter().find(|(e, i, _)| e == "communities.csv" && i == "ain-lmaati");
        assert!(output.status.success(), "{feature}");
        assert!(feature.contains(&format!("page (String) = {}", csv.unwrap().2)), "{feature}");
    }
}

/// A site of two Iraqi profiles in `language`, published at `https://example.org/site/`,
/// built: its folder.
fn site_in(name: &str, language: &str) -> PathBuf {
    let root = copy_site(&crate::support::fixture("rtl_layout/site"), name);
    let config = format!("title = \"Iraq\"\nlanguage = \"{language}\"\nbase_url = \"https://example.org/site/\"\n");
    std::fs::write(root.join("fieldbook.toml"), config).unwrap();
    let result = run(&root, &["build"]);
    assert_eq!(result.code, 0, "build failed:\n{}", result.stderr);
    root.join("site")
}

/// What the exports say of their columns is in the site's language (the data package, the
/// spreadsheet's sheet of columns, the JSON Schemas); the names of columns, sheets and JSON
/// properties and the HXL hashtags are the same in every language, and the files still
/// validate (frictionless, openpyxl, the JSON Schemas).
#[test]
fn the_exports_describe_their_columns_in_the_site_s_language() {
    let cases = [
        ("fr", "Le nom de la communauté.", "Une ligne par profil de communauté publié.", "signification"),
        ("es", "El nombre de la comunidad.", "Una fila por perfil de comunidad publicado.", "significado"),
        ("ar", "اسم المجتمع.", "صف لكل ملف تعريف مجتمع منشور.", "المعنى"),
    ];
    let english = site_in("exports-language-en", "en");
    let read = |site: &Path, path: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(site.join("data").join(path)).unwrap()).unwrap()
    };
    let names_and_tags = |package: &serde_json::Value| -> Vec<(String, String, String)> {
        let resources = package["resources"].as_array().unwrap();
        let fields =
            resources.iter().flat_map(|r| r["schema"]["fields"].as_array().unwrap().iter().map(move |f| (r, f)));
        fields
            .map(|(r, f)| {
                (r["name"].as_str().unwrap().into(), f["name"].as_str().unwrap().into(), f["hxl"].to_string())
            })
            .collect()
    };
    let english_package = read(&english, "datapackage.json");
    for (language, community, row, meaning) in cases {
        let site = site_in(&format!("exports-language-{language}"), language);
        let package = read(&site, "datapackage.json");
        assert_eq!(names_and_tags(&package), names_and_tags(&english_package), "{language}");
        let communities = package["resources"].as_array().unwrap().iter().find(|r| r["name"] == "communities").unwrap();
        assert_eq!(communities["description"], row, "{language}");
        let field = |name: &str| {
            communities["schema"]["fields"].as_array().unwrap().iter().find(|f| f["name"] == name).unwrap()
        };
        assert_eq!(field("community")["description"], community, "{language}");
        let url = field("url")["description"].as_str().unwrap();
        assert!(url.contains("https://example.org/site/") && !url.contains("The profile"), "{language}: {url}");
        // The spreadsheet: its sheets named as ever, its sheet of columns in the language.
        let mut book: Xlsx<_> = open_workbook(site.join("data/communities.xlsx")).unwrap();
        assert_eq!(
            book.sheet_names(),
            ["indicators", "criteria", "communities", "projects", "case_studies", "columns"]
        );
        let columns = book.worksheet_range("columns").unwrap();
        let rows: Vec<Vec<String>> = columns.rows().map(|r| r.iter().map(as_csv).collect()).collect();
        assert_eq!((rows[0][2].as_str(), rows[0][4].as_str()), ("HXL", meaning), "{language}");
        assert!(rows.iter().any(|r| r[1] == "community" && r[2] == "#loc+name" && r[4] == community), "{language}");
        assert_eq!(url_meaning_in_spreadsheet(&site), url, "{language}");
        // The JSON Schemas: described in the language, and the exports still valid.
        let schema = read(&site, "communities.schema.json");
        let profile = &schema["properties"]["communities"]["items"]["properties"]["url"]["description"];
        assert!(profile.as_str().unwrap().contains("https://example.org/site/"), "{language}: {profile}");
        assert_ne!(
            profile,
            &read(&english, "communities.schema.json")["properties"]["communities"]["items"]["properties"]["url"]["description"]
        );
        let validator = jsonschema::validator_for(&schema).unwrap();
        assert!(validator.is_valid(&read(&site, "communities.json")), "{language}");
        if let Some(frictionless) = find(FieldTool::Frictionless) {
            let (report, text) = frictionless_report(&frictionless, &site);
            assert_eq!(report["valid"], true, "{language}: {text}");
        }
        if let Some(python) = find(FieldTool::Openpyxl) {
            let output = Command::new(&python)
                .args(["-c", OPENPYXL_SCRIPT])
                .arg(site.join("data/communities.xlsx"))
                .output()
                .unwrap();
            assert!(
                output.status.success(),
                "{language}: openpyxl failed:\n{}",
                String::from_utf8_lossy(&output.stderr)
            );
            let book: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
            assert_eq!(book["columns"]["rows"][0][4], serde_json::json!(["str", meaning]), "{language}");
        }
    }
}
