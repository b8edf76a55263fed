//! Maps: a profile's `location` checked with located errors, the maps of the home, country,
//! profile and indicator pages (markers and links against the profiles, valid and accessible
//! markup), `data/communities.geojson` opened by GDAL, and what public builds do to points
//! (rounded, or absent when the site marks locations sensitive).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::html::{copy_site, files, link_problems, parse};
use crate::support::{assert_matches_file, fixture, run};
use crate::tools::FieldTool;

/// The fixture's located, published profiles: page, title, criteria met, exact coordinates.
const LOCATED: [(&str, &str, usize, &str, &str); 4] = [
    ("communities/colonia-la-paz.html", "Colonia La Paz", 4, "13.482917", "-88.178361"),
    ("communities/douar-kebir.html", "Douar Kebir", 4, "34.918273", "-2.318264"),
    ("communities/keur-massar-nord.html", "Keur Massar Nord", 0, "14.781736", "-17.318642"),
    ("communities/oued-zem-est.html", "Oued Zem Est", 6, "32.861937", "-6.573819"),
];
/// The exact coordinates of the draft, which no public page may show either.
const DRAFT: [&str; 2] = ["33.571942", "-7.589163"];

fn build(name: &str, args: &[&str]) -> PathBuf {
    let root = copy_site(&fixture("maps/site"), name);
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let result = run(&root, &all);
    assert_eq!(result.code, 0, "{}{}", result.stdout, result.stderr);
    root
}

fn read(root: &Path, page: &str) -> String {
    std::fs::read_to_string(root.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"))
}

/// The SVG maps of a page, as text.
fn maps_of(html: &str) -> Vec<&str> {
    html.match_indices("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map")
        .map(|(start, _)| {
            let end = html[start..].find("</svg>").expect("a closed map") + start + 6;
            &html[start..end]
        })
        .collect()
}

/// The links of a map: (href, accessible name).
fn marker_links(svg: &str) -> Vec<(String, String)> {
    let (elements, _) = parse(svg);
    elements
        .iter()
        .filter(|e| e.name == "a")
        .map(|e| {
            (e.attrs.get("href").cloned().unwrap_or_default(), e.attrs.get("aria-label").cloned().unwrap_or_default())
        })
        .collect()
}

#[test]
fn a_location_out_of_range_or_far_from_its_country_is_a_located_problem() {
    let root = fixture("maps/check");
    let result = run(&root, &["check"]);
    let shown = format!("{}[exit: {}]\n", result.stderr, result.code);
    assert_matches_file(&shown, &root.join("expected.txt"));
    assert_eq!(result.code, 1);
    let err = &result.stderr;
    assert!(err.contains("error[location-range]: latitude 135.2 is outside -90 to 90"), "{err}");
    assert!(err.contains("--> content/communities/range.md:6:18"), "{err}");
    assert!(err.contains("help: latitude and longitude look swapped: try `{ lat: -5.9, lon: 135.2 }`"));
    assert!(err.contains("error[location-range]: longitude -190.5 is outside -180 to 180"));
    assert!(err.contains("warning[location-outside-country]: this location lies about 5,841 km outside Morocco"));
    assert!(err.contains("`{ lat: 35.1, lon: -5.93 }` falls in Morocco"));
    assert!(err.contains("so try `lon: -1.91`"));
    assert!(err.contains("error[location-field]: unknown field `lng` in `location`"));
    assert!(err.contains("warning[map-country]: the maps have no outline for the country `Atlantis`"));
    assert!(!err.contains("good.md"), "a point inside its country is fine: {err}");
    assert!(err.contains("error[map-outlines]: the maps cannot draw this file: this is not valid JSON"), "{err}");
    assert!(err.contains("--> content/maps/broken.geojson:3:"), "{err}");
}

#[test]
fn every_map_marker_links_to_its_profile_and_says_what_it_shows() {
    let root = build("maps-markers", &[]);
    let site = root.join("site");
    let home = read(&site, "index.html");
    let maps = maps_of(&home);
    // Morocco and Senegal together, El Salvador apart.
    assert_eq!(maps.len(), 2, "{home}");
    let mut linked: BTreeSet<String> = BTreeSet::new();
    for svg in &maps {
        assert!(svg.contains("class=\"map-focus\""), "the countries concerned are drawn");
        for (href, name) in marker_links(svg) {
            let (_, title, met, _, _) = LOCATED
                .iter()
                .find(|(page, ..)| *page == href)
                .unwrap_or_else(|| panic!("a marker links to {href}, which is no located published profile"));
            assert_eq!(name, format!("{title}: {met} of 7 criteria met"));
            assert!(site.join(&href).is_file(), "{href}");
            linked.insert(href);
        }
    }
    let expected: BTreeSet<String> = LOCATED.iter().map(|l| l.0.to_string()).collect();
    assert_eq!(linked, expected, "one marker per located published profile, the draft and Sans Lieu left out");
    // The number in each marker, not only its colour, says how many criteria are met.
    assert!(maps[0].contains("class=\"mk mk-high\"") && maps[0].contains(">6</text>"), "{}", maps[0]);
    assert!(maps[0].contains("class=\"mk mk-low\""));
    assert!(home.contains("Number in each circle: criteria met") && home.contains("5–7 of 7"));
    assert!(home.contains("Communities without a location, not on the map: 1."));
    // The text equivalent lists every point.
    for (page, title, ..) in LOCATED {
        assert!(home.contains(&format!("<th scope=\"row\"><a href=\"{page}\">{title}</a>")), "{title}");
    }

    let morocco = read(&site, "countries/morocco.html");
    let links: Vec<String> = maps_of(&morocco).iter().flat_map(|m| marker_links(m)).map(|(h, _)| h).collect();
    assert_eq!(links, ["../communities/douar-kebir.html", "../communities/oued-zem-est.html"]);

    // A profile's locator: its country's outlines (the country page's view, thinned for half
    // the size, the same for every profile of the country), itself marked, its neighbour in
    // the site linked.
    let profile = read(&site, "communities/douar-kebir.html");
    let locator = maps_of(&profile);
    assert_eq!(locator.len(), 1);
    assert!(locator[0].contains("map-small") && locator[0].contains("mk-here"));
    let links = marker_links(locator[0]);
    assert_eq!(links.len(), 1, "the neighbour is a link, the page's own community is not: {links:?}");
    assert!(locator[0].contains("aria-label=\"Douar Kebir: 4 of 7 criteria met\""));
    assert!(
        links.contains(&("../communities/oued-zem-est.html".into(), "Oued Zem Est, 454 km away".into())),
        "{links:?}"
    );
    let paths =
        |svg: &str| svg.split("<path").skip(1).map(|p| p.split("/>").next().unwrap().to_string()).collect::<Vec<_>>();
    let other = read(&site, "communities/oued-zem-est.html");
    assert_eq!(paths(locator[0]), paths(maps_of(&other)[0]), "locators of one country share their outlines");
    assert!(paths(locator[0]).concat().len() <= paths(maps_of(&morocco)[0]).concat().len());

    // An indicator: graduated circles for the values the bars show, one per located profile.
    let indicator = read(&site, "indicators/access-to-services.html");
    let circles: Vec<(String, String)> = maps_of(&indicator).iter().flat_map(|m| marker_links(m)).collect();
    assert_eq!(circles.len(), 4, "{indicator}");
    // Graduated: the largest value has the largest circle (radius 18), the smallest a smaller one.
    let svg = maps_of(&indicator).concat();
    assert!(
        svg.contains(
            "aria-label=\"Oued Zem Est: 75%\"><title>Oued Zem Est: 75%</title><circle class=\"mk mk-value\" cx="
        ),
        "{svg}"
    );
    let radius = |name: &str| -> f64 {
        let at = svg.find(&format!("aria-label=\"{name}")).unwrap();
        let r = &svg[at..][svg[at..].find(" r=\"").unwrap() + 4..];
        r[..r.find('"').unwrap()].parse().unwrap()
    };
    assert!(radius("Oued Zem Est") > radius("Douar Kebir") && radius("Douar Kebir") > radius("Keur Massar Nord"));
    assert!(indicator.contains("Circle area: the value"));
    assert!(marker_links(maps_of(&indicator)[0]).iter().any(|(_, name)| name == "Douar Kebir: 61%"));
    assert!(link_problems(&site).is_empty(), "{:?}", link_problems(&site));
}

/// The markup checks the validator and axe-core make of SVG in HTML, on every page with a map:
/// ids unique, every reference to an id resolves, every map named and described, every link
/// named, and no link inside an element whose role hides its children (role="img").
#[test]
fn pages_with_maps_stay_valid_and_accessible() {
    let root = build("maps-markup", &[]);
    let site = root.join("site");
    let mut pages_with_maps = 0;
    for page in files(&site).iter().filter(|f| f.ends_with(".html")) {
        let html = read(&site, page);
        if maps_of(&html).is_empty() {
            continue;
        }
        pages_with_maps += 1;
        let (elements, _) = parse(&html);
        let ids: Vec<&String> = elements.iter().filter_map(|e| e.attrs.get("id")).collect();
        let unique: BTreeSet<&&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{page}: an id is used twice");
        for e in &elements {
            for attr in ["aria-labelledby", "aria-describedby"] {
                for id in e.attrs.get(attr).map(|v| v.split_whitespace().collect::<Vec<_>>()).unwrap_or_default() {
                    assert!(ids.iter().any(|i| *i == id), "{page}: {attr} names `{id}`, which is no id");
                }
            }
        }
        for svg in maps_of(&html) {
            assert!(svg.contains("<title id=") && svg.contains("<desc id="), "{page}: a map without title or desc");
            assert!(!svg.contains("role=\"img\" viewBox"), "{page}: a map with links must not be role=img");
            let (elements, _) = parse(svg);
            for a in elements.iter().filter(|e| e.name == "a") {
                assert!(a.attrs.get("aria-label").is_some_and(|l| !l.trim().is_empty()), "{page}: {a:?}");
            }
            // Well-formed as XML, as an SVG must be when saved on its own.
            roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{page}: {e}"));
        }
    }
    // Home, three countries, four profiles, and the indicators with numbers.
    assert!(pages_with_maps >= 8 + 5, "{pages_with_maps} pages with maps");
}

#[test]
fn public_coordinates_are_rounded_and_the_internal_build_keeps_them_exact() {
    let root = build("maps-rounding", &[]);
    let site = root.join("site");
    for file in files(&site) {
        let bytes = std::fs::read(site.join(&file)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for (_, _, _, lat, lon) in LOCATED {
            assert!(!text.contains(lat) && !text.contains(lon), "{file} holds an exact coordinate");
        }
        for exact in DRAFT {
            assert!(!text.contains(exact), "{file} holds the draft's coordinate");
        }
    }
    let geojson: serde_json::Value = serde_json::from_str(&read(&site, "data/communities.geojson")).unwrap();
    let features = geojson["features"].as_array().unwrap();
    assert_eq!(features.len(), 4);
    let douar = features.iter().find(|f| f["id"] == "douar-kebir").unwrap();
    let [lon, lat] =
        [douar["geometry"]["coordinates"][0].as_f64().unwrap(), douar["geometry"]["coordinates"][1].as_f64().unwrap()];
    // [longitude, latitude], within the 1 km grid of the exact point.
    assert!((lat - 34.918273).abs() < 0.006 && (lon - -2.318264).abs() < 0.008, "{lat} {lon}");
    assert!(read(&site, "index.html").contains("Locations are rounded to about 1 km."));
    // The key facts give the point in words, rounded too.
    assert!(read(&site, "communities/douar-kebir.html").contains("<dt>Location</dt><dd>34.91"));
    // So do the CSV and JSON exports, with the same rounded point as the GeoJSON.
    let csv = read(&site, "data/communities.csv");
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let hxl: Vec<&str> = lines.next().unwrap().split(',').collect();
    let (la, lo) =
        (header.iter().position(|c| *c == "latitude").unwrap(), header.iter().position(|c| *c == "longitude").unwrap());
    assert_eq!((hxl[la], hxl[lo]), ("#geo+lat", "#geo+lon"));
    let row: Vec<&str> = lines.find(|l| l.starts_with("douar-kebir,")).unwrap().split(',').collect();
    assert_eq!((row[la].parse::<f64>().unwrap(), row[lo].parse::<f64>().unwrap()), (lat, lon));
    let json: serde_json::Value = serde_json::from_str(&read(&site, "data/communities/douar-kebir.json")).unwrap();
    assert_eq!((json["location"]["lat"].as_f64(), json["location"]["lon"].as_f64()), (Some(lat), Some(lon)));

    let root = build("maps-internal", &["--include-confidential"]);
    for export in ["data/communities.geojson", "data/communities.csv", "data/communities.json"] {
        let internal = read(&root.join("site-internal"), export);
        for (_, _, _, lat, lon) in LOCATED {
            assert!(internal.contains(lat) && internal.contains(lon), "{lat} {lon} in the internal {export}");
        }
    }
    assert!(!read(&root.join("site-internal"), "index.html").contains("Locations are rounded"));
}

#[test]
fn a_site_can_keep_locations_out_of_public_builds() {
    let root = copy_site(&fixture("maps/site"), "maps-sensitive");
    std::fs::write(root.join("schema.toml"), "[[fields]]\nname = \"location\"\nsensitive = true\n").unwrap();
    let result = run(&root, &["build"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let site = root.join("site");
    for file in files(&site) {
        let text = String::from_utf8_lossy(&std::fs::read(site.join(&file)).unwrap()).into_owned();
        assert!(maps_of(&text).is_empty(), "{file} has a map");
        for (_, _, _, lat, _) in LOCATED {
            assert!(!text.contains(&lat[..5]), "{file} holds a location");
        }
    }
    let geojson: serde_json::Value = serde_json::from_str(&read(&site, "data/communities.geojson")).unwrap();
    assert_eq!(geojson["features"].as_array().map(Vec::len), Some(0));
    // The internal build still has them.
    let result = run(&root, &["build", "--include-confidential"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(read(&root.join("site-internal"), "data/communities.geojson").contains("34.918273"));
}

#[test]
fn the_geojson_opens_in_gdal() {
    let Some(ogrinfo) = crate::tools::find(FieldTool::Ogrinfo) else { return };
    let root = build("maps-gdal", &[]);
    let file = root.join("site/data/communities.geojson");
    let output = std::process::Command::new(ogrinfo).args(["-ro", "-al", "-so"]).arg(&file).output().unwrap();
    let summary = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{summary}{}", String::from_utf8_lossy(&output.stderr));
    assert!(summary.contains("Geometry: Point"), "{summary}");
    assert!(summary.contains("Feature Count: 4"), "{summary}");
    assert!(summary.contains("criteria_met: Integer"), "{summary}");
    assert!(summary.contains("access-to-services: Real"), "{summary}");
    // Longitude first: El Salvador lies west of -80.
    let output = std::process::Command::new(crate::tools::find(FieldTool::Ogrinfo).unwrap())
        .args(["-ro", "-al", "-where", "id = 'colonia-la-paz'"])
        .arg(&file)
        .output()
        .unwrap();
    let feature = String::from_utf8_lossy(&output.stdout);
    assert!(feature.contains("POINT (-88.1"), "{feature}");
    assert!(feature.contains("title (String) = Colonia La Paz"), "{feature}");
}

#[test]
fn maps_are_not_mirrored_in_right_to_left_pages() {
    let root = copy_site(&fixture("maps/site"), "maps-rtl");
    std::fs::write(root.join("fieldbook.toml"), "title = \"Maps fixture\"\nlanguage = \"ar\"\n").unwrap();
    assert_eq!(run(&root, &["build"]).code, 0);
    let rtl = read(&root.join("site"), "index.html");
    assert!(rtl.contains("dir=\"rtl\""));
    // A map of several countries names them as the page does, with the Arabic comma.
    assert!(rtl.contains("-title\">المجتمعات المحلية على الخريطة: المغرب، السنغال</title>"), "{rtl}");
    let ltr_root = build("maps-ltr", &[]);
    let ltr = read(&ltr_root.join("site"), "index.html");
    // The same drawing, point for point: geography reads the same way in every language (the
    // words differ, and so does the legend's box, which fits them).
    let geometry = |html: &str| -> Vec<String> {
        maps_of(html)
            .iter()
            .map(|svg| svg.split("<g class=\"map-legend\"").next().unwrap_or(svg))
            .flat_map(|svg| {
                [" d=\"", " cx=\"", " cy=\""].into_iter().flat_map(move |attribute| {
                    svg.match_indices(attribute).map(move |(at, _)| {
                        let value = &svg[at + attribute.len()..];
                        value[..value.find('"').unwrap()].to_string()
                    })
                })
            })
            .collect()
    };
    assert_eq!(geometry(&rtl), geometry(&ltr));
    assert!(!geometry(&ltr).is_empty());
    let css = read(&root.join("site"), "assets/style.css");
    assert!(css.contains("direction: ltr"), "the stylesheet keeps maps left to right");
}

#[test]
fn new_scaffolds_a_location_and_fmt_orders_it() {
    let root = copy_site(&fixture("maps/check"), "maps-new");
    let result = run(&root, &["new", "community", "Douar Jdid", "--country", "Morocco", "--by", "Association X"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let text = read(&root, "content/communities/douar-jdid.md");
    assert!(text.contains("# location: { lat: …, lon: … } in decimal degrees  (Location)\n"), "{text}");
    let args = [
        "new",
        "community",
        "Douar Qdim",
        "--country",
        "Morocco",
        "--by",
        "Association X",
        "--set",
        "location=34.02,-6.83",
    ];
    assert_eq!(run(&root, &args).code, 0);
    assert!(read(&root, "content/communities/douar-qdim.md").contains("\nlocation: { lat: 34.02, lon: -6.83 }\n"));
    let bad = ["new", "community", "Douar Bad", "--country", "Morocco", "--by", "X", "--set", "location=-6.83"];
    let result = run(&root, &bad);
    assert_ne!(result.code, 0);
    assert!(
        result.stderr.contains("give latitude and longitude in decimal degrees, as `35.78,-5.81`"),
        "{}",
        result.stderr
    );
    // fmt writes it latitude first, after the place code.
    let file = root.join("content/communities/good.md");
    let text = read(&root, "content/communities/good.md")
        .replace("location: { lat: 34.0209, lon: -6.8416 }", "location:\n  lon: -6.8416\n  lat: 34.0209");
    std::fs::write(&file, text).unwrap();
    let result = run(&root, &["fmt"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(read(&root, "content/communities/good.md").contains("\nlocation: { lat: 34.0209, lon: -6.8416 }\n"));
}

#[test]
fn a_sites_own_outlines_are_drawn_on_the_maps_they_reach() {
    let root = build("maps-outlines", &[]);
    let site = root.join("site");
    let morocco = read(&site, "countries/morocco.html");
    let map = maps_of(&morocco)[0];
    assert!(map.contains("<path class=\"map-admin\" d=\"M"), "the province is drawn");
    assert!(map.contains("<path class=\"map-route\" d=\"M"), "the route is drawn");
    // El Salvador is far from both.
    let el_salvador = read(&site, "countries/el-salvador.html");
    assert!(!maps_of(&el_salvador)[0].contains("map-admin") && !maps_of(&el_salvador)[0].contains("map-route"));
    // The file is published as it is, for GIS users.
    assert!(site.join("maps/oriental.geojson").is_file());
}

#[test]
fn hundreds_of_communities_gather_into_clusters_and_the_home_page_stays_light() {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("maps-corpus");
    let _ = std::fs::remove_dir_all(&root);
    fieldbook::corpus::write(&root, fieldbook::corpus::CorpusSize { profiles: 600, case_studies: 0 }).unwrap();
    let result = run(&root, &["build"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let site = root.join("site");
    let home = read(&site, "index.html");
    let maps = maps_of(&home);
    assert!(!maps.is_empty());
    let all = maps.concat();
    assert!(all.contains("class=\"mk mk-cluster\""), "close markers are gathered");
    assert!(all.contains("Communities too close to show apart"), "the legend says what a cluster is");
    // A cluster is named with its size and members, and is not a link.
    let (elements, _) = parse(&all);
    let cluster = elements
        .iter()
        .find(|e| e.name == "g" && e.attrs.get("aria-label").is_some_and(|l| l.contains(" communities: ")))
        .expect("a named cluster");
    assert!(cluster.attrs.get("role").is_some_and(|r| r == "img"), "{cluster:?}");
    // The table beside the map counts communities by country, linking each country's page.
    assert!(home.contains("<li><a href=\"countries/morocco.html\">Morocco</a>: 50 communities</li>"), "{home}");
    assert!(home.len() < 300_000, "the home page weighs {} bytes", home.len());
    // A country's page still tables every one of its communities: the map's table, then the
    // listing.
    let morocco = read(&site, "countries/morocco.html");
    assert_eq!(morocco.matches("<tr><th scope=\"row\"><a href=\"../communities/").count(), 50 + 50);
}

/// A count's legend shows whole numbers: the largest value and a quarter of it, rounded, each
/// drawn at its own size (143 and 36, not 35.8), each label clear of the largest circle and
/// every circle inside the legend's box.
#[test]
fn a_count_s_legend_is_in_whole_numbers_beside_its_circles() {
    let root = copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), "maps-count-legend");
    let result = run(&root, &["build"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let page = read(&root, "site/indicators/returnees-last-12-months.html");
    let legend = page.split("<g class=\"map-legend\"").nth(1).expect("a legend");
    let legend = legend.split("</g>").next().unwrap_or(legend);
    assert!(legend.contains(">143</text>") && legend.contains(">36</text>"), "{legend}");
    assert!(!legend.contains(">35.8<"), "{legend}");
    let number = |tag: &str, name: &str| -> Vec<f64> {
        legend
            .split(tag)
            .skip(1)
            .map(|t| {
                let value = t.split(&format!(" {name}=\"")).nth(1).expect(name);
                value[..value.find('"').unwrap()].parse().unwrap()
            })
            .collect()
    };
    let (box_x, box_width) = (number("<rect", "x")[0], number("<rect", "width")[0]);
    let (centres, radii) = (number("<circle", "cx"), number("<circle", "r"));
    let labels: Vec<f64> = number("<text", "x").into_iter().skip(1).collect();
    let largest = radii.iter().copied().fold(0.0, f64::max);
    assert!(largest > 12.0, "the test needs a circle wider than the class samples: {legend}");
    for ((cx, r), label) in centres.iter().zip(&radii).zip(&labels) {
        assert!(cx - r >= box_x && cx + r <= box_x + box_width, "a circle out of its box: {legend}");
        assert!(*label >= cx + largest + 4.0, "a label touches its circle: {legend}");
    }
}
