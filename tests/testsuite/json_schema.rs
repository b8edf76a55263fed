//! `fieldbook schema --json-schema`: the JSON Schemas editors use, checked with a JSON Schema
//! library against every example file and against typical mistakes.

use std::path::{Path, PathBuf};

use serde_json::Value;

use fieldbook::load::frontmatter::{Format, split};
use fieldbook::load::{Node, NodeKind, ScalarStyle};

use crate::support::run;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Write the example site's JSON Schemas into a fresh folder and return it.
fn write_schemas(name: &str) -> PathBuf {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&out);
    let result = run(&repo(), &["schema", "--json-schema", out.to_str().unwrap()]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    // Each content type's, and its translations' into French, Spanish and Arabic.
    assert!(result.stderr.contains("wrote 20 JSON Schemas"), "{}", result.stderr);
    out
}

fn validator(dir: &Path, content_type: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(dir.join(format!("{content_type}.schema.json"))).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::draft7::new(&schema).unwrap_or_else(|e| panic!("{content_type}.schema.json is not valid: {e}"))
}

/// A scalar as an editor's YAML 1.2 parser types it (the core schema).
fn core_scalar(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let numeric = text.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'))
        && text.bytes().any(|b| b.is_ascii_digit());
    if numeric {
        if let Ok(i) = text.parse::<i64>() {
            return Value::from(i);
        }
        if let Ok(f) = text.parse::<f64>() {
            return Value::from(f);
        }
    }
    Value::from(text)
}

/// The frontmatter as the JSON an editor validates.
fn to_json(node: &Node) -> Value {
    match &node.kind {
        NodeKind::Scalar(s) if s.style == ScalarStyle::Plain => core_scalar(s.text.trim()),
        NodeKind::Scalar(s) => Value::from(s.text.clone()),
        NodeKind::Seq(items) => Value::Array(items.iter().map(to_json).collect()),
        NodeKind::Map(entries) => Value::Object(entries.iter().map(|e| (e.key.clone(), to_json(&e.value))).collect()),
    }
}

fn frontmatter(text: &str) -> Value {
    let parts = split(text).expect("frontmatter");
    let inner = &text[parts.frontmatter_start..parts.frontmatter_end];
    let node = match parts.format {
        Format::Yaml => fieldbook::load::yaml::parse(inner, parts.frontmatter_start).expect("YAML"),
        Format::Toml => fieldbook::load::toml::parse(inner, parts.frontmatter_start).expect("TOML"),
    };
    to_json(&node)
}

fn content_type(relative: &Path) -> &'static str {
    match relative.components().next().and_then(|c| c.as_os_str().to_str()) {
        Some("communities") => "community",
        Some("case-studies") => "case-study",
        Some("projects") => "project",
        Some("guidance") => "guidance",
        _ => "page",
    }
}

fn errors(validator: &jsonschema::Validator, value: &Value) -> Vec<String> {
    validator.iter_errors(value).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

#[test]
fn the_json_schemas_accept_every_example_file() {
    let dir = write_schemas("json-schema-examples");
    let content = repo().join("content");
    let mut seen = 0;
    for entry in walkdir::WalkDir::new(&content).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let relative = entry.path().strip_prefix(&content).unwrap();
        let kind = content_type(relative);
        let value = frontmatter(&std::fs::read_to_string(entry.path()).unwrap());
        // A translation (`ain-lmaati.fr.md`) is checked against its own JSON Schema, which
        // requires nothing: it takes the required fields from its original.
        let name = relative.file_name().unwrap().to_string_lossy().into_owned();
        let schema = match fieldbook::load::split_language(name.trim_end_matches(".md")).1 {
            Some(language) => format!("{kind}.{language}"),
            None => kind.to_string(),
        };
        let problems = errors(&validator(&dir, &schema), &value);
        assert!(problems.is_empty(), "{} ({schema}):\n{}", relative.display(), problems.join("\n"));
        seen += 1;
    }
    assert!(seen >= 20, "only {seen} example files");
}

fn profile() -> Value {
    frontmatter(&std::fs::read_to_string(repo().join("content/communities/ain-lmaati.md")).unwrap())
}

#[test]
fn the_community_schema_rejects_a_typo_d_indicator() {
    let dir = write_schemas("json-schema-typo");
    let validator = validator(&dir, "community");
    let mut value = profile();
    let indicators = value["indicators"].as_object_mut().unwrap();
    let entry = indicators.remove("access-to-services").unwrap();
    indicators.insert("acess-to-services".into(), entry);
    let problems = errors(&validator, &value);
    assert!(problems.iter().any(|p| p.contains("acess-to-services") && p.contains("/indicators")), "{problems:?}");
}

/// A change that makes a valid profile invalid.
type Mistake = fn(&mut Value);

#[test]
fn the_community_schema_rejects_common_mistakes() {
    let dir = write_schemas("json-schema-mistakes");
    let validator = validator(&dir, "community");
    let mistakes: [(&str, Mistake); 9] = [
        ("a negative population", |v| v["population"] = (-5).into()),
        ("a review interval of 0 months", |v| v["review_interval_months"] = 0.into()),
        ("a misspelt field", |v| {
            let summary = v.as_object_mut().unwrap().remove("summary").unwrap();
            v["sumary"] = summary;
        }),
        ("an unknown status", |v| v["status"] = "publised".into()),
        ("a percentage over 100", |v| v["indicators"]["access-to-services"]["value"] = 161.into()),
        ("a rating off the scale", |v| v["indicators"]["safety-levels"]["value"] = 9.into()),
        ("an unknown criterion status", |v| v["criteria"]["returnee-numbers"]["status"] = "done".into()),
        ("an unknown method", |v| v["research"]["q1"] = "survey".into()),
        ("a disaggregation the indicator does not allow", |v| {
            v["indicators"]["safety-levels"]["disaggregation"]["age-group"] = serde_json::json!({ "18-34": 3 });
        }),
    ];
    assert!(errors(&validator, &profile()).is_empty());
    for (what, mistake) in mistakes {
        let mut value = profile();
        mistake(&mut value);
        assert!(!errors(&validator, &value).is_empty(), "{what} was accepted");
    }
    // A required field left out.
    let mut value = profile();
    value.as_object_mut().unwrap().remove("assessed");
    assert!(errors(&validator, &value).iter().any(|p| p.contains("assessed")));
}

#[test]
fn the_json_schemas_follow_the_sites_schema_and_carry_labels() {
    let dir = write_schemas("json-schema-site");
    let text = std::fs::read_to_string(dir.join("community.schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    // Added by the example site's schema.toml.
    let added = &schema["properties"]["indicators"]["properties"]["returnees-last-12-months"];
    assert!(added["title"].is_string(), "{added}");
    let access = &schema["properties"]["indicators"]["properties"]["access-to-services"];
    assert_eq!(access["title"], "Access to services");
    let methods = &schema["properties"]["methods"]["anyOf"][0]["enum"];
    assert!(methods.as_array().unwrap().contains(&Value::from("focus-group-discussion")));
}

/// A site started in `language` by `fieldbook init`, with its JSON Schemas.
fn site_in(language: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("json-schema-language-{language}"));
    let _ = std::fs::remove_dir_all(&dir);
    let output = crate::support::fieldbook().arg("init").arg(&dir).args(["--language", language]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    dir
}

#[test]
fn the_json_schemas_of_a_site_speak_its_language_and_accept_what_check_accepts() {
    // The root's title, a field's label and description, an indicator's label, a rating's
    // explanation, in each language; the rating's accepted labels stay the ones `check` reads.
    let cases = [
        (
            "fr",
            "En-tête (frontmatter) Fieldbook : community",
            "Évaluée le",
            "La date à laquelle l'évaluation s'est achevée.",
            "Perception de la migration",
            "une note de 1 à 5",
        ),
        (
            "es",
            "Encabezado (frontmatter) de Fieldbook: community",
            "Evaluada el",
            "Fecha en que se terminó la evaluación.",
            "Percepción de la migración",
            "una calificación de 1 a 5",
        ),
        (
            "ar",
            "ترويسة Fieldbook (frontmatter): community",
            "تاريخ التقييم",
            "تاريخ إتمام التقييم.",
            "النظرة إلى الهجرة",
            "تقدير من 1 إلى 5",
        ),
    ];
    for (language, title, assessed_label, assessed_description, perception_label, rating) in cases {
        let site = site_in(language);
        let dir = site.join("schemas");
        let schema: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("community.schema.json")).unwrap()).unwrap();
        assert_eq!(schema["title"], title, "{language}");
        let assessed = &schema["properties"]["assessed"];
        assert_eq!(assessed["title"], assessed_label, "{language}");
        let description = assessed["description"].as_str().unwrap();
        assert!(description.starts_with(assessed_description), "{language}: {description}");
        assert!(!description.contains("When the assessment"), "{language}: {description}");
        let perception = &schema["properties"]["indicators"]["properties"]["perception-of-migration"];
        assert_eq!(perception["title"], perception_label, "{language}");
        let explained = perception["description"].as_str().unwrap();
        assert!(explained.contains(rating), "{language}: {explained}");
        let accepted = &perception["anyOf"][0]["anyOf"][0]["anyOf"][1]["enum"];
        assert!(accepted.as_array().unwrap().contains(&Value::from("very negative")), "{language}: {accepted}");
        // The labels of Fieldbook's other languages, as `check` accepts them.
        for label in ["très négative", "muy negativa", "سلبية جدًا"] {
            assert!(accepted.as_array().unwrap().contains(&Value::from(label)), "{language}: {label}");
        }
        // Every starter file is accepted, and `check` finds the schemas current.
        let content = site.join("content");
        for entry in walkdir::WalkDir::new(&content) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "md") {
                continue;
            }
            let relative = entry.path().strip_prefix(&content).unwrap();
            let value = frontmatter(&std::fs::read_to_string(entry.path()).unwrap());
            let problems = errors(&validator(&dir, content_type(relative)), &value);
            assert!(problems.is_empty(), "{language}: {}:\n{}", relative.display(), problems.join("\n"));
        }
        let check = run(&site, &["check"]);
        assert!(!check.stderr.contains("stale-json-schema"), "{language}: {}", check.stderr);
        // Another language makes them stale, and writing them again brings them back.
        let settings = std::fs::read_to_string(site.join("fieldbook.toml")).unwrap();
        std::fs::write(
            site.join("fieldbook.toml"),
            settings.replace(&format!("language = \"{language}\""), "language = \"en\""),
        )
        .unwrap();
        let check = run(&site, &["check"]);
        assert!(check.stderr.contains("warning[stale-json-schema]"), "{language}: {}", check.stderr);
        assert_eq!(run(&site, &["schema", "--json-schema"]).code, 0);
        let english: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("community.schema.json")).unwrap()).unwrap();
        assert_eq!(english["properties"]["assessed"]["title"], "Assessed", "{language}");
        let check = run(&site, &["check"]);
        assert!(!check.stderr.contains("stale-json-schema"), "{language}: {}", check.stderr);
        // Listing another language asks for its translations' JSON Schemas, which then come.
        let settings = std::fs::read_to_string(site.join("fieldbook.toml")).unwrap();
        let listed = settings.replacen(
            "language = \"en\"",
            &format!("language = \"en\"\nlanguages = [\"en\", \"{language}\"]"),
            1,
        );
        std::fs::write(site.join("fieldbook.toml"), listed).unwrap();
        // One warning for the five that one command writes, each named.
        let check = run(&site, &["check"]);
        assert_eq!(check.stderr.matches("warning[stale-json-schema]").count(), 1, "{language}: {}", check.stderr);
        let missing = format!("`community.{language}.schema.json`");
        assert!(check.stderr.contains(&missing), "{language}: {}", check.stderr);
        assert!(
            check.stderr.contains("5 JSON Schemas in `schemas/` are missing or no longer match the schema in force"),
            "{}",
            check.stderr
        );
        assert!(
            check.stderr.contains("run `fieldbook schema --json-schema` to write them all again"),
            "{}",
            check.stderr
        );
        assert_eq!(run(&site, &["schema", "--json-schema"]).code, 0);
        let translations: Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("community.{language}.schema.json"))).unwrap(),
        )
        .unwrap();
        assert_eq!(translations["properties"]["assessed"]["title"], assessed_label, "{language}");
        assert!(translations.get("required").is_none(), "{language}");
        assert!(!run(&site, &["check"]).stderr.contains("stale-json-schema"), "{language}");
    }
}

#[test]
fn writing_the_json_schemas_again_leaves_unchanged_files_alone() {
    let dir = write_schemas("json-schema-again");
    // Every file dated 2001, so that a write shows whatever the filesystem's timestamp
    // resolution; one of them made stale, which must be written again.
    let old = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
    let modified = |name: &str| std::fs::metadata(dir.join(name)).unwrap().modified().unwrap();
    for entry in std::fs::read_dir(&dir).unwrap() {
        std::fs::File::options().write(true).open(entry.unwrap().path()).unwrap().set_modified(old).unwrap();
    }
    let unchanged = "project.schema.json";
    let stale = "community.schema.json";
    let current = std::fs::read_to_string(dir.join(stale)).unwrap();
    std::fs::write(dir.join(stale), "{}").unwrap();
    std::fs::File::options().write(true).open(dir.join(stale)).unwrap().set_modified(old).unwrap();
    assert_eq!(modified(unchanged), old);
    assert_eq!(modified(stale), old);

    let result = run(&repo(), &["schema", "--json-schema", dir.to_str().unwrap()]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert_eq!(modified(unchanged), old, "a file whose content was current was written again");
    assert_eq!(std::fs::read_to_string(dir.join(stale)).unwrap(), current, "the stale file was not brought up to date");
    assert_ne!(modified(stale), old, "writing the stale file left its date: the check above could not see a write");
}

#[test]
fn the_committed_json_schemas_are_current() {
    let dir = write_schemas("json-schema-committed");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let entry = entry.unwrap();
        let committed = std::fs::read_to_string(repo().join("schemas").join(entry.file_name()))
            .unwrap_or_else(|_| panic!("schemas/{} is missing", entry.file_name().to_string_lossy()));
        assert!(
            committed == std::fs::read_to_string(entry.path()).unwrap(),
            "schemas/{} is stale: run `cargo run -- schema --json-schema`",
            entry.file_name().to_string_lossy()
        );
    }
}

#[test]
fn check_warns_when_the_json_schemas_are_stale() {
    let site = crate::html::copy_site(&repo(), "json-schema-stale");
    let schemas = write_schemas("json-schema-stale-schemas");
    std::fs::create_dir_all(site.join("schemas")).unwrap();
    for entry in std::fs::read_dir(&schemas).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), site.join("schemas").join(entry.file_name())).unwrap();
    }
    let before = run(&site, &["check"]);
    assert!(!before.stderr.contains("stale-json-schema"), "{}", before.stderr);
    // The site adds a field: the community and case-study schemas are now out of date.
    let mut extension = std::fs::read_to_string(site.join("schema.toml")).unwrap();
    extension.push_str(
        "\n[[fields]]\nname = \"district_office\"\ntypes = [\"community\"]\nkind = \"text\"\nlabel = \"District office\"\ndescription = \"The programme office that covers the community.\"\n",
    );
    std::fs::write(site.join("schema.toml"), extension).unwrap();
    let after = run(&site, &["check"]);
    // The community's schemas, its translations' included, in one warning at `schemas/`.
    assert_eq!(after.stderr.matches("warning[stale-json-schema]").count(), 1, "{}", after.stderr);
    assert!(after.stderr.contains("--> schemas/\n"), "{}", after.stderr);
    assert!(after.stderr.contains("`community.schema.json`"), "{}", after.stderr);
    assert!(after.stderr.contains("`community.fr.schema.json`"), "{}", after.stderr);
    assert!(after.stderr.contains("fieldbook schema --json-schema"), "{}", after.stderr);
    assert!(!after.stderr.contains("project.schema.json"), "{}", after.stderr);
    // One file alone is told as it is, at the file.
    std::fs::write(site.join("schema.toml"), std::fs::read_to_string(repo().join("schema.toml")).unwrap()).unwrap();
    let project = site.join("schemas/project.schema.json");
    std::fs::write(&project, std::fs::read_to_string(&project).unwrap().replacen('{', "{ ", 1)).unwrap();
    let one = run(&site, &["check"]);
    assert_eq!(one.stderr.matches("warning[stale-json-schema]").count(), 1, "{}", one.stderr);
    assert!(one.stderr.contains("this JSON Schema no longer matches the schema in force"), "{}", one.stderr);
    assert!(one.stderr.contains("--> schemas/project.schema.json"), "{}", one.stderr);
}

#[test]
fn the_editor_configuration_maps_every_content_folder_to_its_schema() {
    let config = std::fs::read_to_string(repo().join(".remarkrc.mjs")).unwrap();
    let scaffold = std::fs::read_to_string(repo().join("src/scaffold/site/.remarkrc.mjs")).unwrap();
    assert_eq!(config, scaffold, "the example site's .remarkrc.mjs is the one `fieldbook init` writes");
    let Some(node) = crate::tools::find(crate::tools::FieldTool::Node) else { return };
    // The configuration, run as the editor runs it, beside the example site's JSON Schemas, with
    // the two plugins it imports stubbed: the associations it hands the schema plugin, in order.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("json-schema-editor");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(".remarkrc.mjs"), &config).unwrap();
    let schemas = write_schemas("json-schema-editor-schemas");
    std::fs::rename(&schemas, dir.join("schemas")).unwrap();
    for plugin in ["remark-frontmatter", "remark-lint-frontmatter-schema"] {
        let package = dir.join("node_modules").join(plugin);
        std::fs::create_dir_all(&package).unwrap();
        std::fs::write(
            package.join("package.json"),
            format!(r#"{{"name":"{plugin}","type":"module","main":"index.js"}}"#),
        )
        .unwrap();
        std::fs::write(package.join("index.js"), "export default function plugin() {}\n").unwrap();
    }
    let script = "const c = await import(process.argv[1]); console.log(JSON.stringify(Object.entries(c.default.plugins[1][1].schemas)));";
    let output = std::process::Command::new(node)
        .current_dir(std::env::temp_dir())
        .args(["--input-type=module", "-e", script])
        .arg(dir.join(".remarkrc.mjs"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let pairs: Vec<(String, Vec<String>)> = serde_json::from_slice(&output.stdout).unwrap();
    // The plugin checks a file against the last schema whose pattern matches it (minimatch:
    // `*` stops at `/`).
    let matches = |pattern: &str, path: &str| {
        let (pattern, path) = (pattern.trim_start_matches("./"), path);
        let (p, f): (Vec<&str>, Vec<&str>) = (pattern.split('/').collect(), path.split('/').collect());
        p.len() == f.len()
            && p.iter().zip(&f).all(|(p, f)| match p.split_once('*') {
                Some((head, tail)) => f.len() >= head.len() + tail.len() && f.starts_with(head) && f.ends_with(tail),
                None => p == f,
            })
    };
    let schema_of = |path: &str| {
        pairs.iter().rev().find(|(_, globs)| globs.iter().any(|g| matches(g, path))).map(|(schema, _)| schema.as_str())
    };
    for (path, schema) in [
        ("content/communities/ain-lmaati.md", "./schemas/community.schema.json"),
        ("content/communities/ain-lmaati.fr.md", "./schemas/community.fr.schema.json"),
        ("content/communities/villa-los-almendros.es.md", "./schemas/community.es.schema.json"),
        ("content/case-studies/morocco-port-workshop-cooperative.md", "./schemas/case-study.schema.json"),
        ("content/projects/ain-lmaati-boat-repair-cooperative.md", "./schemas/project.schema.json"),
        ("content/guidance/advocacy.md", "./schemas/guidance.schema.json"),
        ("content/guidance/advocacy.ar.md", "./schemas/guidance.ar.schema.json"),
        ("content/about.md", "./schemas/page.schema.json"),
        ("content/about.ar.md", "./schemas/page.ar.schema.json"),
    ] {
        assert_eq!(schema_of(path), Some(schema), "{path}: {pairs:?}");
        assert!(dir.join(schema.trim_start_matches("./")).is_file(), "{schema}");
    }
}
