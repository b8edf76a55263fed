//! The JSON exports against the JSON Schemas published beside them: the profiles', the
//! projects' and the case studies' lists and each one's own file, as their pages link them.

use std::collections::HashMap;
use std::path::Path;

use crate::exports::example_site;

/// The JSON file at `path` under the built site's `data/`.
fn data_json(site: &Path, path: &str) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(site.join("data").join(path)).unwrap()).unwrap()
}

/// What `schema` finds wrong with `value`, each with where.
fn schema_errors(schema: &jsonschema::Validator, value: &serde_json::Value) -> Vec<String> {
    schema.iter_errors(value).map(|e| format!("{e} at {}", e.instance_path())).collect()
}

#[test]
fn the_json_exports_validate_against_their_published_schemas() {
    let site = example_site("exports-json-schema");
    let read = |path: &str| data_json(&site, path);
    let all = jsonschema::validator_for(&read("communities.schema.json")).unwrap();
    let one = jsonschema::validator_for(&read("community.schema.json")).unwrap();
    let data = read("communities.json");
    let errors = schema_errors(&all, &data);
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(data["format_version"], 1);
    let mut seen = HashMap::new();
    for community in data["communities"].as_array().unwrap() {
        let id = community["id"].as_str().unwrap();
        let own = read(&format!("communities/{id}.json"));
        let errors = schema_errors(&one, &own);
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
    // The projects, against theirs: each with its published communities and the site's fields.
    let projects = jsonschema::validator_for(&read("projects.schema.json")).unwrap();
    let data = read("projects.json");
    let errors = schema_errors(&projects, &data);
    assert!(errors.is_empty(), "{errors:#?}");
    let list = data["projects"].as_array().unwrap();
    assert_eq!(list.len(), 5);
    // Each in a file of its own too, as its page links it, against the schema of one.
    let one_project = jsonschema::validator_for(&read("project.schema.json")).unwrap();
    for project in list {
        let id = project["id"].as_str().unwrap();
        let own = read(&format!("projects/{id}.json"));
        assert_eq!(&own, project, "{id}");
        let errors = schema_errors(&one_project, &own);
        assert!(errors.is_empty(), "{id}: {errors:#?}");
        let page = std::fs::read_to_string(site.join(format!("projects/{id}.html"))).unwrap();
        assert!(page.contains(&format!("<a href=\"../data/projects/{id}.json\">This project as JSON</a>")), "{id}");
    }
    let boat = list.iter().find(|p| p["id"] == "ain-lmaati-boat-repair-cooperative").unwrap();
    assert_eq!(boat["communities"][0]["id"], "ain-lmaati");
    assert_eq!(boat["fields"]["budget_kusd"], 186.5);
    assert_eq!(boat["approach"], "collective-returnee");
    let mut wrong = boat.clone();
    wrong["approach"] = serde_json::json!("no-such-approach");
    let mut wrong_data = data.clone();
    wrong_data["projects"][0] = wrong;
    assert!(!projects.is_valid(&wrong_data), "an approach the schema does not have validates");
}

/// The case studies, against their schemas: the list and each one's own file, linked from its
/// page, with its country and code, the communities it concerns, its source
/// and the site's own fields; an approach the schema does not have does not validate.
#[test]
fn the_case_studies_json_validates_and_each_page_links_its_own_file() {
    let site = example_site("exports-case-studies-json");
    let read = |path: &str| data_json(&site, path);
    let all = jsonschema::validator_for(&read("case_studies.schema.json")).unwrap();
    let one = jsonschema::validator_for(&read("case_study.schema.json")).unwrap();
    let data = read("case_studies.json");
    let errors = schema_errors(&all, &data);
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!((data["format_version"].as_u64(), data["schema"].as_str()), (Some(1), Some("schema.json")));
    let list = data["case_studies"].as_array().unwrap();
    assert_eq!(list.len(), 3, "the example's three case studies");
    for case in list {
        let id = case["id"].as_str().unwrap();
        let own = read(&format!("case-studies/{id}.json"));
        assert_eq!(&own, case, "{id}");
        let errors = schema_errors(&one, &own);
        assert!(errors.is_empty(), "{id}: {errors:#?}");
        let page = std::fs::read_to_string(site.join(format!("case-studies/{id}.html"))).unwrap();
        let link = format!("<a href=\"../data/case-studies/{id}.json\">This case study as JSON</a>");
        assert!(page.contains(&link), "{id}");
    }
    let salvador = list.iter().find(|c| c["id"] == "el-salvador-infrastructure-rehabilitation").unwrap();
    assert_eq!((&salvador["country"], &salvador["country_code"]), (&"El Salvador".into(), &"SLV".into()));
    let communities: Vec<&str> =
        salvador["communities"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(communities, ["villa-los-almendros", "canton-el-zapotal"]);
    assert_eq!(salvador["approaches"], serde_json::json!(["new-community"]));
    assert_eq!(salvador["date"], "2026-10-20");
    assert!(salvador["source"].as_str().unwrap().starts_with("Adapted from Case Study 10"));
    assert_eq!(salvador["fields"]["peer_reviewed"], true);
    assert!(salvador.get("status").is_none(), "a public build does not say a page's status");
    let mut wrong = data.clone();
    wrong["case_studies"][0]["approaches"] = serde_json::json!(["no-such-approach"]);
    assert!(!all.is_valid(&wrong), "an approach the schema does not have validates");
    let data_page = std::fs::read_to_string(site.join("data/index.html")).unwrap();
    for file in ["case_studies.csv", "case_studies.json", "case_studies.schema.json", "case_study.schema.json"] {
        assert!(data_page.contains(&format!("href=\"../data/{file}\"")), "the data page links {file}");
    }
    // The French data page says what the file holds in French.
    let french = std::fs::read_to_string(site.join("fr/data/index.html")).unwrap();
    assert!(french.contains("Chaque étude de cas publiée"), "{french}");
}
