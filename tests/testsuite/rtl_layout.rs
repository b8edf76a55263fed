//! Pages in a right-to-left language, and maps of communities at one place, as a reader sees
//! them: charts mirrored with every label beside its bar and whole, legend boxes beside their
//! names, facts aligned with their labels, each of two communities at one point reachable on
//! the maps, and numbers (legends, coordinates) written as the page writes them. The layout is
//! measured in headless Chromium; the words are read from the built pages.

use std::path::{Path, PathBuf};

use crate::browser::Driver;
use crate::html::copy_site;
use crate::support::{fixture, run};

/// The fixture (two Iraqi communities at one point) built in `language`.
fn built(name: &str, language: &str) -> PathBuf {
    built_with(name, language, &[])
}

/// The fixture built in `language`, with more profiles (file name and title), without a
/// location, each with a value of every indicator the charts draw.
fn built_with(name: &str, language: &str, profiles: &[(&str, &str)]) -> PathBuf {
    let root = copy_site(&fixture("rtl_layout/site"), name);
    std::fs::write(root.join("fieldbook.toml"), format!("title = \"t\"\nlanguage = \"{language}\"\n")).unwrap();
    for (file, title) in profiles {
        let text = format!(
            "---\ntitle: {title}\nstatus: published\ncountry: Iraq\nassessed: 2026-06-01\nassessed_by: [IOM Iraq]\nmethods: [desk-review]\nindicators:\n  age-distribution: {{ 0-14: 30, 15-24: 20, 25-64: 44, 65+: 6 }}\n  migration-rates: 812.5\n  access-to-services: 52\n---\n\nText.\n"
        );
        std::fs::write(root.join("content/communities").join(format!("{file}.md")), text).unwrap();
    }
    let result = run(&root, &["build"]);
    assert_eq!(result.code, 0, "{}{}", result.stdout, result.stderr);
    root.join("site")
}

fn read(site: &Path, page: &str) -> String {
    std::fs::read_to_string(site.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"))
}

#[test]
fn legends_and_coordinates_write_numbers_as_the_page_does() {
    let ar = built("rtl-layout-numbers-ar", "ar");
    let rates = read(&ar, "indicators/migration-rates.html");
    let legend = rates.split("<g class=\"map-legend\"").nth(1).expect("a legend");
    assert!(legend.contains(">1,234.5</text>"), "{legend}");
    let services = read(&ar, "indicators/access-to-services.html");
    let legend = services.split("<g class=\"map-legend\"").nth(1).expect("a legend");
    assert!(legend.contains(">61%</text>"), "a percentage's legend says so: {legend}");
    // (The public build rounds 36.34, 43.13 to its grid.)
    let profile = read(&ar, "communities/sinjar.html");
    assert!(profile.contains("\u{2068}36.3367°\u{2069} ش، \u{2068}43.1342°\u{2069} ق"), "Arabic coordinates");
    // Each part of a distribution isolated, so that "65+" keeps its order.
    assert!(profile.contains("\u{2068}65+\u{2069}: \u{2068}6%\u{2069}"), "isolated parts");

    let es = built("rtl-layout-numbers-es", "es");
    let rates = read(&es, "indicators/migration-rates.html");
    let legend = rates.split("<g class=\"map-legend\"").nth(1).expect("a legend");
    assert!(legend.contains(">1234,5</text>"), "{legend}");
    let services = read(&es, "indicators/access-to-services.html");
    assert!(services.split("<g class=\"map-legend\"").nth(1).unwrap().contains(">61\u{a0}%</text>"));
    let profile = read(&es, "communities/sinjar.html");
    assert!(profile.contains("36,3367° N, 43,1342° E"), "Spanish coordinates");
}

/// A note in English under a figure of an Arabic page (a note not yet translated) reads left
/// to right, its full stop at its end, not before its first word.
#[test]
fn an_english_note_on_an_arabic_page_keeps_its_full_stop_at_its_end() {
    let Some(driver) = Driver::start("rtl-layout-notes") else { return };
    let root = copy_site(&fixture("rtl_layout/site"), "rtl-layout-notes");
    std::fs::write(root.join("fieldbook.toml"), "title = \"t\"\nlanguage = \"ar\"\n").unwrap();
    let text = "---\ntitle: Telafar\nstatus: published\ncountry: Iraq\nassessed: 2026-06-01\nassessed_by: [IOM Iraq]\nmethods: [desk-review]\nindicators:\n  access-to-services:\n    value: 52\n    notes: Floods are the main physical risks.\n---\n\nText.\n";
    std::fs::write(root.join("content/communities/telafar.md"), text).unwrap();
    let result = run(&root, &["build"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    driver.go(&format!("file://{}", root.join("site/communities/telafar.html").display()));
    // The full stop right of the "s" before it, as in English.
    let order = driver.eval(
        "var p = document.querySelector('.entry-notes'); var t = p.firstChild; var n = t.data.length; \
         var at = function (i) { var r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + 1); return r.getBoundingClientRect().left; }; \
         return at(n - 1) > at(n - 2)",
    );
    assert_eq!(order, true, "the full stop is drawn before the note");
}

/// On a phone, a table too wide for the screen scrolls in its frame: no word of a cell is cut
/// across lines ("distributi/on"; an Arabic word cut apart loses its joined letters), and the
/// page itself is no wider than the screen. (A word of Arabic and digits, `الـ12`, is two
/// boxes on one line: lines are counted, not boxes.)
#[test]
fn on_a_phone_table_words_stay_whole_and_the_table_scrolls() {
    let Some(driver) = Driver::start("rtl-layout-phone") else { return };
    let root = copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), "rtl-layout-phone");
    let result = run(&root, &["build"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    driver.resize(390, 900);
    let cut = "var out = []; document.querySelectorAll('table th a, table td a').forEach(function (a) { \
          var t = a.firstChild; if (!t || t.nodeType !== 3) return; var words = t.data.split(' '); var at = 0; \
          words.forEach(function (w) { if (w.length > 1) { var r = document.createRange(); r.setStart(t, at); r.setEnd(t, at + w.length); \
            var tops = new Set(Array.from(r.getClientRects()).map(function (b) { return Math.round(b.top); })); \
            if (tops.size > 1) out.push(w); } at += w.length + 1; }); }); \
        if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push('the page is wider than the screen'); \
        return out";
    for page in ["communities/ain-lmaati.html", "ar/communities/ain-lmaati.html", "criteria/index.html"] {
        driver.go(&format!("file://{}", root.join("site").join(page).display()));
        assert_eq!(driver.eval(cut), serde_json::json!([]), "{page}: words cut across lines");
    }
}

/// On a phone, a chart is not shrunk until its text is unreadable (a 712-pixel chart in a
/// 358-pixel column drew its 12-pixel labels at 6 pixels): its smallest text stays at 8 pixels
/// or more, and it scrolls in its frame; the page is no wider than the screen. The coverage
/// strip, drawn for small sizes, and the maps (the whole country matters more there) still fit
/// the column.
#[test]
fn on_a_phone_charts_keep_their_text_readable_and_scroll() {
    let Some(driver) = Driver::start("rtl-layout-phone-charts") else { return };
    let root = copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), "rtl-layout-phone-charts");
    let result = run(&root, &["build"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    driver.resize(390, 900);
    let smallest = "var out = {smallest: 100, figures: 0, small: 0, wide: document.documentElement.scrollWidth > window.innerWidth + 1}; \
        document.querySelectorAll('svg.chart, svg.map').forEach(function (svg) { \
          var scale = svg.getScreenCTM().a; \
          if (svg.closest('.strip') || svg.classList.contains('map')) { \
            if (svg.getBoundingClientRect().width > window.innerWidth) out.small += 1; return; } \
          out.figures += 1; \
          svg.querySelectorAll('text').forEach(function (t) { \
            if (!t.textContent.trim()) return; \
            var px = parseFloat(getComputedStyle(t).fontSize) * scale; \
            if (px < out.smallest) out.smallest = px; }); }); \
        return out";
    for page in [
        "communities/ain-lmaati.html",
        "indicators/migration-rates.html",
        "coverage/index.html",
        "ar/communities/ain-lmaati.html",
    ] {
        driver.go(&format!("file://{}", root.join("site").join(page).display()));
        let found = driver.eval(smallest);
        assert!(found["figures"].as_u64().unwrap() > 0, "{page}: no chart: {found}");
        assert!(found["smallest"].as_f64().unwrap() >= 8.0, "{page}: text drawn too small on a phone: {found}");
        assert_eq!(found["wide"], false, "{page}: the page is wider than the screen");
        assert_eq!(found["small"], 0, "{page}: a strip or map wider than the screen");
    }
}

#[test]
fn two_communities_at_one_point_are_each_drawn_whole_and_reachable() {
    let site = built("rtl-layout-colocated", "en");
    for page in ["index.html", "countries/iraq.html", "indicators/migration-rates.html"] {
        let html = read(&site, page);
        assert!(html.contains("class=\"mk-group\""), "{page}: no group");
        assert!(html.contains("class=\"mk-count-n\" "), "{page}: no count");
    }
    let Some(driver) = Driver::start("rtl-layout-colocated") else { return };
    for page in ["index.html", "countries/iraq.html", "indicators/migration-rates.html", "communities/sinjar.html"] {
        driver.go(&format!("file://{}", site.join(page).display()));
        // The element at each marker's centre is that marker's own link (or, on a profile,
        // the page's own marker).
        let hidden = driver.eval(
            "var out = []; document.querySelectorAll('svg.map .map-markers > *').forEach(function (m) { \
               var c = m.querySelector('circle'); var r = c.getBoundingClientRect(); \
               c.scrollIntoView({block: 'center'}); r = c.getBoundingClientRect(); \
               var at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2); \
               if (!at || !m.contains(at)) out.push(m.getAttribute('aria-label')); }); \
             return out",
        );
        assert_eq!(hidden, serde_json::json!([]), "{page}: markers hidden by others");
        let markers = driver.eval("return document.querySelectorAll('svg.map .map-markers > *').length");
        assert_eq!(markers, 2, "{page}");
    }
}

#[test]
fn arabic_charts_are_mirrored_with_every_text_whole_and_beside_its_bar() {
    let Some(driver) = Driver::start("rtl-layout-charts") else { return };
    let site = built("rtl-layout-charts", "ar");
    // Every text inside the chart, and none over a bar or a legend box.
    let problems = "var out = []; var svg = document.querySelector('svg.chart'); \
        var width = svg.viewBox.baseVal.width; \
        var boxes = Array.from(svg.querySelectorAll('rect')).map(function (r) { return r.getBBox(); }); \
        svg.querySelectorAll('text').forEach(function (t) { var b = t.getBBox(); \
          if (b.x < -0.5 || b.x + b.width > width + 0.5) out.push('outside: ' + t.textContent); \
          boxes.forEach(function (r) { if (b.x < r.x + r.width - 0.5 && r.x < b.x + b.width - 0.5 && b.y < r.y + r.height && r.y < b.y + b.height) out.push('over a box: ' + t.textContent); }); }); \
        return out";
    driver.go(&format!("file://{}", site.join("indicators/migration-rates.html").display()));
    assert_eq!(driver.eval(problems), serde_json::json!([]), "bars");
    // Names on the right of the bars.
    let mirrored = driver.eval(
        "var svg = document.querySelector('svg.chart'); var bar = svg.querySelector('rect.bar').getBBox(); \
         var name = svg.querySelector('text:not(.lbl)').getBBox(); return name.x >= bar.x + bar.width",
    );
    assert_eq!(mirrored, true, "names are not on the right of the bars");
    driver.go(&format!("file://{}", site.join("indicators/age-distribution.html").display()));
    assert_eq!(driver.eval(problems), serde_json::json!([]), "stacked bars");
    // "65+" reads as written: its "6" left of its "+".
    let order = driver.eval(
        "var t = Array.from(document.querySelectorAll('svg.chart text')).find(function (t) { return t.textContent === '65+'; }); \
         return t.getStartPositionOfChar(0).x < t.getStartPositionOfChar(2).x",
    );
    assert_eq!(order, true, "65+ is drawn +65");
}

/// Names longer than a chart's name column, by the width of their letters (wide Latin ones,
/// or many Arabic ones), are cut to fit it in Arabic and in English pages alike: each text
/// inside the chart and off every bar, the cut name ending in "…" with its whole name as its
/// tooltip.
#[test]
fn long_names_are_cut_to_fit_the_name_column_of_a_chart_and_kept_whole_in_its_tooltip() {
    let latin = "Mwembeni Wamwezi Mwanamwema";
    let arabic = "مخيم الشيخ شمس الصحراء الشرقية في محافظة صلاح الدين";
    let Some(driver) = Driver::start("rtl-layout-long-names") else { return };
    let profiles = [("mwembeni", latin), ("sheikh-shams", arabic)];
    for language in ["ar", "en"] {
        let site = built_with(&format!("rtl-layout-long-names-{language}"), language, &profiles);
        for page in ["indicators/migration-rates.html", "indicators/age-distribution.html", "coverage/index.html"] {
            driver.go(&format!("file://{}", site.join(page).display()));
            let problems = driver.eval(
                "var out = []; var svg = document.querySelector('svg.chart'); \
                 var width = svg.viewBox.baseVal.width; \
                 var boxes = Array.from(svg.querySelectorAll('rect, path')).map(function (r) { return r.getBBox(); }); \
                 svg.querySelectorAll('text').forEach(function (t) { var b = t.getBBox(); \
                   if (b.x < -0.5 || b.x + b.width > width + 0.5) out.push('outside: ' + t.textContent); \
                   boxes.forEach(function (r) { if (b.x < r.x + r.width - 0.5 && r.x < b.x + b.width - 0.5 && b.y < r.y + r.height && r.y < b.y + b.height) out.push('over a box: ' + t.textContent); }); }); \
                 return out",
            );
            assert_eq!(problems, serde_json::json!([]), "{language}: {page}");
            let cut = driver.eval(
                "return Array.from(document.querySelectorAll('svg.chart g > title')).map(function (t) { \
                   return [t.textContent, t.parentNode.querySelector('text').textContent]; })",
            );
            let cut: Vec<(String, String)> = serde_json::from_value(cut).unwrap();
            assert_eq!(cut.len(), 2, "{language}: {page}: {cut:?}");
            for (whole, shown) in cut {
                assert!([latin, arabic].contains(&whole.as_str()), "{whole}");
                assert!(shown.ends_with('…') && whole.starts_with(shown.trim_end_matches('…')), "{shown}");
            }
        }
    }
}

/// A stacked chart's legend spaces its names by their measured width, as row names are
/// measured: names of wide letters (`m`, `w`, the Arabic seen) run into no box, names of narrow
/// ones (`i`, `l`, alef) leave no wide gap, and entries that do not fit go on another line,
/// in Arabic and English pages alike.
#[test]
fn a_legend_spaces_its_names_by_their_width_without_overlap_or_gaps() {
    let Some(driver) = Driver::start("rtl-layout-legend") else { return };
    let parts = ["mmmmmmmmmm", "iiiiiiiiii", "wwwwwwwwwwww", "سشصضطظسشص", "ااااااا", "llllll"];
    let schema = format!(
        "[[indicators]]\nid = \"household-type\"\ngroup = \"sociodemographics\"\nlabel = \"Household type\"\n\
         kind = \"distribution\"\nparts = {parts:?}\n"
    );
    let values: Vec<String> = parts.iter().zip([20, 20, 20, 20, 10, 10]).map(|(p, v)| format!("{p}: {v}")).collect();
    for language in ["ar", "en"] {
        let root = copy_site(&fixture("rtl_layout/site"), &format!("rtl-layout-legend-{language}"));
        std::fs::write(root.join("fieldbook.toml"), format!("title = \"t\"\nlanguage = \"{language}\"\n")).unwrap();
        std::fs::write(root.join("schema.toml"), &schema).unwrap();
        let profile = root.join("content/communities/sinjar.md");
        let text = std::fs::read_to_string(&profile).unwrap();
        let text =
            text.replacen("indicators:\n", &format!("indicators:\n  household-type: {{ {} }}\n", values.join(", ")), 1);
        std::fs::write(&profile, text).unwrap();
        let result = run(&root, &["build"]);
        assert_eq!(result.code, 0, "{}{}", result.stdout, result.stderr);
        driver.go(&format!("file://{}", root.join("site/indicators/household-type.html").display()));
        // Every text inside the chart and off every box, as for row names.
        let problems = driver.eval(
            "var out = []; var svg = document.querySelector('svg.chart'); \
             var width = svg.viewBox.baseVal.width; \
             var boxes = Array.from(svg.querySelectorAll('rect')).map(function (r) { return r.getBBox(); }); \
             svg.querySelectorAll('text').forEach(function (t) { var b = t.getBBox(); \
               if (b.x < -0.5 || b.x + b.width > width + 0.5) out.push('outside: ' + t.textContent); \
               boxes.forEach(function (r) { if (b.x < r.x + r.width - 0.5 && r.x < b.x + b.width - 0.5 && b.y < r.y + r.height && r.y < b.y + b.height) out.push('over a box: ' + t.textContent); }); }); \
             return out",
        );
        assert_eq!(problems, serde_json::json!([]), "{language}");
        // From each name's end to the next box on its line, in the chart's direction.
        let gaps = driver.eval(
            "var svg = document.querySelector('svg.chart'); var rtl = svg.getAttribute('direction') === 'rtl'; \
             var boxes = Array.from(svg.querySelectorAll('rect')).filter(function (r) { return r.getAttribute('height') === '12'; }).map(function (r) { return r.getBBox(); }); \
             var names = Array.from(svg.querySelectorAll('text.lbl')).map(function (t) { return t.getBBox(); }); \
             var out = []; for (var k = 0; k + 1 < names.length; k++) { \
               if (Math.abs(boxes[k + 1].y - boxes[k].y) > 1) continue; \
               out.push(rtl ? names[k].x - (boxes[k + 1].x + boxes[k + 1].width) : boxes[k + 1].x - (names[k].x + names[k].width)); } \
             return [names.length, out]",
        );
        let (names, gaps): (usize, Vec<f64>) = serde_json::from_value(gaps).unwrap();
        assert_eq!(names, parts.len(), "{language}");
        assert!(!gaps.is_empty() && gaps.iter().all(|&gap| (4.0..=45.0).contains(&gap)), "{language}: {gaps:?}");
    }
}

#[test]
fn arabic_facts_and_search_details_sit_on_the_right_with_their_labels() {
    let Some(driver) = Driver::start("rtl-layout-facts") else { return };
    let site = built("rtl-layout-facts", "ar");
    driver.go(&format!("file://{}", site.join("communities/sinjar.html").display()));
    // Each value's text ends where its label does (the right), whatever its script.
    let apart = driver.eval(
        "var out = []; document.querySelectorAll('dl.facts > div').forEach(function (d) { \
           var range = document.createRange(); range.selectNodeContents(d.querySelector('dd')); \
           var value = range.getBoundingClientRect(); var label = d.querySelector('dt').getBoundingClientRect(); \
           if (Math.abs(value.right - label.right) > 2) out.push(d.querySelector('dd').textContent); }); \
         return out",
    );
    assert_eq!(apart, serde_json::json!([]), "values away from their labels");
    driver.go(&format!("file://{}?q=iraq", site.join("search.html").display()));
    driver.wait_until("return document.querySelector('.results .card-meta') !== null", "search results");
    let meta = driver.eval(
        "var m = document.querySelector('.results .card-meta'); var range = document.createRange(); range.selectNodeContents(m); \
         return Math.abs(range.getBoundingClientRect().right - m.parentElement.querySelector('a').getBoundingClientRect().right) < 2",
    );
    assert_eq!(meta, true, "the details line is not under its title, on the right");
}

/// What screen readers read of the charts and maps of `html`: each `<desc>` and `<title>`
/// inside an `<svg>`, and each `aria-label` there, with character references read.
fn described(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for svg in html.split("<svg ").skip(1).filter_map(|s| s.split("</svg>").next()) {
        for tag in ["desc", "title"] {
            for text in svg.split(&format!("<{tag}")).skip(1) {
                let text = text.split_once('>').map_or("", |(_, t)| t);
                out.push(text.split(&format!("</{tag}>")).next().unwrap_or("").to_string());
            }
        }
        let (elements, _) = crate::html::parse(svg);
        out.extend(elements.iter().filter_map(|e| e.attrs.get("aria-label").cloned()));
    }
    out.iter()
        .map(|t| {
            t.replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
        })
        .collect()
}

#[test]
fn arabic_descriptions_of_charts_and_maps_are_punctuated_in_arabic() {
    let ar = built("rtl-layout-punctuation-ar", "ar");
    let mut pages = 0;
    for page in crate::html::files(&ar).iter().filter(|f| f.ends_with(".html")) {
        for text in described(&read(&ar, page)) {
            pages += 1;
            assert!(!text.contains(';') && !text.contains(", "), "{page}: a Latin separator in «{text}»");
        }
    }
    assert!(pages > 20, "{pages} descriptions read");
    let chart = |page: &str| {
        let html = read(&ar, page);
        described(&html).into_iter().find(|t| t.contains(':') && html.contains(&format!("-desc\">{t}</desc>")))
    };
    // Pairs apart with the Arabic semicolon, items of a pair's value with the Arabic comma.
    assert_eq!(chart("indicators/access-to-services.html").unwrap(), "الموصل الجديدة: 40%؛ سنجار (Sinjar): 61%");
    assert_eq!(
        chart("indicators/age-distribution.html").unwrap(),
        "الموصل الجديدة: 0-14 30%، 15-24 20%، 25-64 44%، 65+ 6%؛ سنجار (Sinjar): 0-14 30%، 15-24 20%، 25-64 44%، 65+ 6%"
    );
    let profile = described(&read(&ar, "communities/sinjar.html"));
    assert!(profile.iter().any(|t| t.starts_with("عدد كافٍ من العائدين: مستوفى؛ ")), "the scorecard: {profile:?}");
    assert!(
        profile
            .iter()
            .any(|t| t.starts_with("سنجار (Sinjar)، \u{2068}36.3367°\u{2069} ش، \u{2068}43.1342°\u{2069} ق. ")),
        "the locator: {profile:?}"
    );
    // Two communities at one point, named together.
    let home = described(&read(&ar, "index.html"));
    assert!(home.contains(&"مجتمعان: الموصل الجديدة، سنجار (Sinjar)".to_string()), "{home:?}");
    assert!(home.iter().any(|t| t.contains("المعايير المستوفاة: 0 من 7؛ سنجار")), "the map's description: {home:?}");

    // An English page keeps the Latin signs.
    let en = built("rtl-layout-punctuation-en", "en");
    let home = described(&read(&en, "index.html"));
    assert!(home.iter().any(|t| t.contains("0 of 7 criteria met; سنجار")), "{home:?}");
    assert!(home.contains(&"2 communities: الموصل الجديدة, سنجار (Sinjar)".to_string()), "{home:?}");
}
