//! The tables of the site's own kinds of pages as programme staff open them: the site's own
//! fields of profiles in `communities.csv`, `projects.csv` and `case_studies.csv`, each row with
//! only what the build publishes.

use std::path::Path;

use calamine::{Reader, Xlsx, open_workbook};

use crate::exports::{as_csv, csv_rows};
use crate::html::copy_site;
use crate::support::run;

/// The site's own fields of profiles are exported as the pages show them: a column of
/// `communities.csv` and of the spreadsheet, typed in the data package, and `fields` in the JSON
/// with its JSON Schema; a sensitive one only in the internal build.
#[test]
fn the_site_s_own_fields_of_profiles_have_their_columns_and_a_sensitive_one_stays_internal() {
    let root = copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), "exports-site-fields");
    let mut schema = std::fs::read_to_string(root.join("schema.toml")).unwrap();
    schema.push_str("\n[[fields]]\nname = \"focal_point\"\ntypes = [\"community\"]\nkind = \"text\"\n");
    schema.push_str("label = \"Focal point\"\nsensitive = true\nlabels = { fr = \"Point focal\", es = \"Punto focal\", ar = \"جهة الاتصال\" }\n");
    std::fs::write(root.join("schema.toml"), schema).unwrap();
    let profile = root.join("content/communities/ain-lmaati.md");
    let text = std::fs::read_to_string(&profile).unwrap();
    std::fs::write(
        &profile,
        text.replacen("market_distance_km: 12.5\n", "market_distance_km: 12.5\nfocal_point: Amina B.\n", 1),
    )
    .unwrap();
    for (args, internal) in [(vec!["build"], false), (vec!["build", "--include-confidential"], true)] {
        let result = run(&root, &args);
        assert_eq!(result.code, 0, "{}", result.stderr);
        let site = root.join(if internal { "site-internal" } else { "site" });
        let csv = std::fs::read_to_string(site.join("data/communities.csv")).unwrap();
        let mut lines = csv.lines();
        let header = lines.next().unwrap();
        let hashtags = lines.next().unwrap();
        assert!(header.ends_with(if internal {
            ",url,market_distance_km,focal_point"
        } else {
            ",url,market_distance_km"
        }));
        assert!(hashtags.contains(",#meta+url,#meta+market_distance_km"), "{hashtags}");
        let (header, rows) = csv_rows(&site.join("data/communities.csv"));
        let at = header.iter().position(|h| h == "market_distance_km").unwrap();
        let ain_lmaati = rows.iter().find(|r| r[0] == "ain-lmaati").unwrap();
        assert_eq!(ain_lmaati[at], "12.5");
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(site.join("data/communities/ain-lmaati.json")).unwrap())
                .unwrap();
        assert_eq!(json["fields"]["market_distance_km"], 12.5);
        assert_eq!(json["fields"].get("focal_point").is_some(), internal, "{json}");
        let package: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(site.join("data/datapackage.json")).unwrap()).unwrap();
        let fields = package["resources"][2]["schema"]["fields"].as_array().unwrap();
        let field = fields.iter().find(|f| f["name"] == "market_distance_km").unwrap();
        assert_eq!(field["type"], "number");
        assert_eq!(field["hxl"], "#meta+market_distance_km");
        assert!(field["description"].as_str().unwrap().starts_with("By road"), "{field}");
        assert_eq!(fields.iter().any(|f| f["name"] == "focal_point"), internal);
        let schema = std::fs::read_to_string(site.join("data/community.schema.json")).unwrap();
        assert_eq!(schema.contains("focal_point"), internal);
        assert!(!csv.contains("Amina") || internal, "a sensitive value in a public file");
        let mut book: Xlsx<_> = open_workbook(site.join("data/communities.xlsx")).unwrap();
        let columns = book.worksheet_range("columns").unwrap();
        assert!(columns.rows().any(|r| r.len() > 1 && as_csv(&r[1]) == "market_distance_km"));
    }
    // Every public file of the public build is free of the sensitive value.
    for file in crate::html::files(&root.join("site")) {
        let bytes = std::fs::read(root.join("site").join(&file)).unwrap();
        assert!(!String::from_utf8_lossy(&bytes).contains("Amina B."), "{file}");
    }
}

/// `projects.csv`: a row per published project, with its communities (only those the build
/// publishes) and their countries, its lists joined by `; `, and the site's own fields of
/// projects (the example's donor and budget) after its own columns.
#[test]
fn the_projects_table_lists_each_project_with_its_published_communities_and_the_site_s_fields() {
    let root = copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), "exports-projects");
    let project = root.join("content/projects/ain-lmaati-boat-repair-cooperative.md");
    let text = std::fs::read_to_string(&project).unwrap();
    // Hay Ennakhil Sud is confidential: its id is in the internal build's table only.
    let text =
        text.replace("communities: [ain-lmaati]", "communities: [ain-lmaati, hay-ennakhil-sud, sinthiou-dialle]");
    std::fs::write(&project, text).unwrap();
    for (args, internal) in [(vec!["build"], false), (vec!["build", "--include-confidential"], true)] {
        let result = run(&root, &args);
        assert_eq!(result.code, 0, "{}", result.stderr);
        let site = root.join(if internal { "site-internal" } else { "site" });
        let (header, rows) = csv_rows(&site.join("data/projects.csv"));
        assert_eq!(&header[..3], ["project_id", "project", "approach"]);
        assert!(header.ends_with(&["url".to_string(), "donor".to_string(), "budget_kusd".to_string()]), "{header:?}");
        let row = rows.iter().find(|r| r[0] == "ain-lmaati-boat-repair-cooperative").unwrap();
        let cell = |name: &str| row[header.iter().position(|h| h == name).unwrap()].as_str();
        let communities =
            if internal { "ain-lmaati; hay-ennakhil-sud; sinthiou-dialle" } else { "ain-lmaati; sinthiou-dialle" };
        assert_eq!(cell("communities"), communities);
        assert_eq!(cell("country_codes"), "MAR; SEN");
        assert_eq!(cell("stage"), "ongoing");
        assert_eq!(cell("start"), "2026-05-04");
        assert_eq!(cell("implementers").split("; ").count(), 3);
        assert_eq!(cell("budget_kusd"), "186.5");
        assert_eq!(cell("donor"), "Mediterranean Coastal Livelihoods Fund (illustrative)");
        assert_eq!(rows.len(), 5, "the example's five projects");
    }
}

/// `case_studies.csv`: a row per published case study, with its country and code, the
/// communities it concerns (only those the build publishes), its approaches and sectors joined
/// by `; `, its date and source, where to read the original, and the site's own fields of case
/// studies (the example's `peer_reviewed`). A source that is a page of the site is its
/// address; one the build does not publish (a draft) is not named.
#[test]
fn the_case_studies_table_lists_each_case_study_with_its_sources_and_the_site_s_fields() {
    let root = copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), "exports-case-studies");
    let case = root.join("content/case-studies/el-salvador-infrastructure-rehabilitation.md");
    let text = std::fs::read_to_string(&case).unwrap();
    let text = text
        .replace(
            "communities: [villa-los-almendros, canton-el-zapotal]",
            "communities: [villa-los-almendros, hay-ennakhil-sud]",
        )
        .replace("peer_reviewed: yes", "source_url: https://example.org/handbook#case-10\npeer_reviewed: yes");
    std::fs::write(&case, text).unwrap();
    // A source that is a page of the site, and one that is a draft: the page's address, and
    // nothing for the draft, which no build without drafts publishes.
    for (file, page) in [
        ("morocco-port-workshop-cooperative", "../guidance/education.md"),
        ("senegal-fish-processing-inclusion", "../communities/keur-ndiaye-lo.md"),
    ] {
        let path = root.join(format!("content/case-studies/{file}.md"));
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text.replacen("peer_reviewed: ", &format!("source_url: {page}\npeer_reviewed: "), 1);
        std::fs::write(&path, text).unwrap();
    }
    for (args, internal) in [(vec!["build"], false), (vec!["build", "--include-confidential"], true)] {
        let result = run(&root, &args);
        // A public build warns that the confidential community is not shown.
        assert_ne!(result.code, 1, "{}", result.stderr);
        let site = root.join(if internal { "site-internal" } else { "site" });
        let (header, rows) = csv_rows(&site.join("data/case_studies.csv"));
        assert_eq!(&header[..4], ["case_study_id", "case_study", "country", "country_code"]);
        assert!(header.ends_with(&["url".to_string(), "peer_reviewed".to_string()]), "{header:?}");
        assert_eq!(rows.len(), 3, "the example's three case studies");
        let row = |id: &str| rows.iter().find(|r| r[0] == id).unwrap().clone();
        let cell = |row: &[String], name: &str| row[header.iter().position(|h| h == name).unwrap()].clone();
        let salvador = row("el-salvador-infrastructure-rehabilitation");
        assert_eq!(cell(&salvador, "country"), "El Salvador");
        assert_eq!(cell(&salvador, "country_code"), "SLV");
        let communities = if internal { "villa-los-almendros; hay-ennakhil-sud" } else { "villa-los-almendros" };
        assert_eq!(cell(&salvador, "communities"), communities);
        assert_eq!(cell(&salvador, "approaches"), "new-community");
        assert_eq!(cell(&salvador, "sectors"), "infrastructure-and-safety; education; health");
        assert_eq!(cell(&salvador, "written"), "2026-10-20");
        assert!(cell(&salvador, "credit").starts_with("Adapted from Case Study 10"));
        assert_eq!(cell(&salvador, "source_url"), "https://example.org/handbook#case-10");
        assert_eq!(cell(&salvador, "peer_reviewed"), "yes");
        let senegal = row("senegal-fish-processing-inclusion");
        assert_eq!(cell(&senegal, "peer_reviewed"), "no");
        assert_eq!(cell(&senegal, "source_url"), "", "a draft is not named in a file of a build without drafts");
        let morocco = row("morocco-port-workshop-cooperative");
        // Under the site's address in the public build; relative in the internal one, which
        // has none (it is not published there).
        let education = "guidance/education.html";
        let address = if internal {
            education.to_string()
        } else {
            format!("https://example.org/communities-of-return/{education}")
        };
        assert_eq!(cell(&morocco, "source_url"), address);
        let csv = std::fs::read_to_string(site.join("data/case_studies.csv")).unwrap();
        assert_eq!(csv.contains("hay-ennakhil-sud"), internal);
        assert!(!csv.contains("keur-ndiaye-lo"));
    }
}
