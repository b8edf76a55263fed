//! Figures quoted in a page's prose (`{{ access-to-services }}`, `{{ lomas: population }}`), in
//! its text and in its frontmatter's `summary`, `evidence` and `notes`: filled in from the data
//! of the profile quoted at build time, as that profile's page writes the figure, in the
//! language of the page that quotes it; masked or withheld as the profile's page is, in every
//! public file; checked with located errors; left alone by `fmt`.

use std::path::Path;

use crate::html::copy_site;
use crate::support::{assert_matches_file, fixture, run};

fn build(root: &Path, args: &[&str]) {
    let mut all = vec!["build"];
    all.extend(args);
    let result = run(root, &all);
    assert_eq!(result.code, 0, "build failed:\n{}", result.stderr);
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every file of a built site as text, by path: a spreadsheet as its cells, one a line.
fn texts(site: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(site)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let path = e.path().strip_prefix(site).unwrap().to_string_lossy().into_owned();
            let text = if path.ends_with(".xlsx") {
                use calamine::Reader;
                let mut book: calamine::Xlsx<_> = calamine::open_workbook(e.path()).unwrap();
                let mut cells = String::new();
                for name in book.sheet_names() {
                    for row in book.worksheet_range(&name).unwrap().rows() {
                        for cell in row {
                            cells.push_str(&cell.to_string());
                            cells.push('\n');
                        }
                    }
                }
                cells
            } else {
                String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).into_owned()
            };
            (path, text)
        })
        .collect()
}

#[test]
fn references_that_lead_nowhere_are_located_errors_with_a_suggestion() {
    let root = fixture("figures/check");
    let result = run(&root, &["check"]);
    assert_eq!(result.code, 1);
    // The codes: "figure-unknown-indicator", "figure-not-given", "figure-unknown-part",
    // "figure-not-on-profile", "figure-withheld", "figure-in-frontmatter".
    assert_matches_file(&format!("{}[exit: {}]\n", result.stderr, result.code), &root.join("expected.txt"));
    let french = crate::support::run_speaking("fr", &root, &["check"]);
    assert_matches_file(&french.stderr, &root.join("expected.fr.txt"));
}

#[test]
fn quoted_figures_are_written_as_the_page_writes_them_and_follow_the_data() {
    let root = copy_site(&fixture("figures/site"), "figures-site");
    build(&root, &[]);
    let page = read(&root.join("site/communities/rio-claro.html"));
    for expected in [
        "Households reaching services: 61.5%; returnee households\n48.2%, others 63.9% (212 respondents).",
        "Departures:\n1234.5 emigrants per 1,000 residents a year. Residents rate migration 4 of 5 (positive).",
        // 2 women of 9 is masked, and the 7 men that would give it away, as in the table.
        "9 people came back: ≥5 men\nand &lt;5 women.",
        // A sensitive indicator is withheld.
        "<td>indigenous</td><td>(not published)</td>",
        // In a code span, the braces are written as they are.
        "Written as it is: <code>{{ access-to-services }}</code>.",
        // A heading quotes the figure, and so does its entry in the contents; its id does not
        // change with the data.
        "<h2 id=\"services-access-to-services\">Services: 61.5%</h2>",
        "href=\"#services-access-to-services\">Services: 61.5%<",
    ] {
        assert!(page.contains(expected), "`{expected}` is not in the page:\n{page}");
    }
    // A translation quotes the same figures in its own language.
    let french = read(&root.join("site/fr/communities/rio-claro.html"));
    for expected in [
        "Ménages ayant accès aux services : 61,5\u{202f}% ; ménages de personnes de retour :\n48,2\u{202f}%.",
        "Départs : 1\u{202f}234,5 émigrants pour 1 000 habitants par an.",
        "Perception de la migration : 4 sur 5 (positive).",
        "Femmes revenues :\n&lt;5. Groupes : (non publié).",
    ] {
        assert!(french.contains(expected), "`{expected}` is not in the French page:\n{french}");
    }
    // In Arabic, as the Arabic page's table writes the figure.
    let arabic = read(&root.join("site/ar/communities/rio-claro.html"));
    let rate = "1,234.5 مهاجر لكل 1000 نسمة سنويًا";
    assert!(arabic.contains(&format!("<span class=\"value\">{rate}")), "{arabic}");
    assert!(
        arabic.contains(&format!("تصل 61.5% من الأسر إلى الخدمات، وعدد النساء العائدات &lt;5، ومعدل الهجرة {rate}.")),
        "{arabic}"
    );
    let search = read(&root.join("site/search/docs-0.js"));
    assert!(search.contains("Households reaching services: 61.5%;"), "{search}");
    // A masked count reads in the search results as on the page, `<5`, not cut into `< 5`.
    assert!(search.contains("وعدد النساء العائدات <5،"), "{search}");
    // French spacing as the page has it: the narrow no-break spaces of the figures in the
    // French summary's snippet, before `%` and in `4 200`.
    assert!(search.contains("4\u{202f}200 habitants ; services à Lomas : 52,5\u{202f}%."), "{search}");

    // The frontmatter's prose quotes figures too: the summary (on the page, in the search
    // results, the exports and the feed), a criterion's evidence, an entry's notes; another
    // profile's figures and the population as well.
    assert!(page.contains("Groups (not published); &lt;5 women came back, against 52.5% served in Lomas."), "{page}");
    assert!(page.contains("Of them ≥5 men back, registered."), "{page}");
    let lomas = read(&root.join("site/communities/lomas.html"));
    let summary = "Services reach 52.5% of 1,500 residents. Next to Río Claro, where &lt;5 women came back; \
                   groups (not published); 4,200 residents.";
    assert!(lomas.contains(&format!("<p class=\"lead\">{summary}</p>")), "{lomas}");
    assert!(lomas.contains("Río Claro has 4,200 residents and 61.5% reach services,\n&lt;5 women back."), "{lomas}");
    let summary = summary.replace("&lt;", "<");
    assert!(search.contains(&summary), "{search}");
    assert!(read(&root.join("site/data/communities/lomas.json")).contains(&summary));
    assert!(read(&root.join("site/data/criteria.csv")).contains("Groups (not published); <5 women came back"));
    assert!(read(&root.join("site/feed.xml")).contains("Services reach 52.5% of 1,500 residents."));
    // A case study has no figures of its own, but quotes a profile's by naming it.
    let case = read(&root.join("site/case-studies/river-works.html"));
    assert!(case.contains("Where 61.5% of households reach services."), "{case}");
    assert!(case.contains("In Río Claro, &lt;5 women came back to the river works, of\n4,200 residents."), "{case}");
    assert!(read(&root.join("site/case-studies/index.html")).contains("Where 61.5% of households reach services."));
    // A translation's summary, and the evidence it takes from its original, in its language.
    let french = read(&root.join("site/fr/communities/rio-claro.html"));
    assert!(french.contains("4\u{202f}200 habitants ; services à Lomas : 52,5\u{202f}%."), "{french}");
    assert!(french.contains("Groups (non publié); &lt;5 women came back"), "{french}");

    // A new round of figures: the prose follows, with nothing else changed.
    let profile = root.join("content/communities/rio-claro.md");
    std::fs::write(&profile, read(&profile).replace("value: 61.5", "value: 70.2")).unwrap();
    build(&root, &[]);
    let page = read(&root.join("site/communities/rio-claro.html"));
    assert!(page.contains("Households reaching services: 70.2%;"), "{page}");
    assert!(!page.contains("61.5"), "{page}");
    let french = read(&root.join("site/fr/communities/rio-claro.html"));
    assert!(french.contains("accès aux services : 70,2\u{202f}% ;"), "{french}");
    let search = read(&root.join("site/search/docs-0.js"));
    assert!(search.contains("Households reaching services: 70.2%;") && !search.contains("61.5"), "{search}");
    // And so does the prose of another profile that quotes it.
    let lomas = read(&root.join("site/communities/lomas.html"));
    assert!(lomas.contains("4,200 residents and 70.2% reach services"), "{lomas}");
    assert!(read(&root.join("site/data/criteria.csv")).contains("against 52.5% served"));
}

#[test]
fn a_withheld_or_masked_figure_quoted_in_prose_reaches_no_public_file() {
    let root = copy_site(&fixture("figures/site"), "figures-withheld");
    // The sensitive shares, as any language would write them; the masked counts as prose would.
    let withheld = ["87.65", "87,65", "12.35", "12,35", "2 women", "7 men", "revenues :\n2"];
    build(&root, &[]);
    let public = texts(&root.join("site"));
    assert!(public.len() > 40, "only {} files", public.len());
    let spreadsheet = &public.iter().find(|(path, _)| path.ends_with(".xlsx")).expect("the spreadsheet").1;
    assert!(spreadsheet.contains("61.5"), "the spreadsheet is read: {spreadsheet}");
    for (path, text) in &public {
        for figure in withheld {
            assert!(!text.contains(figure), "`{figure}` reached the public {path}");
        }
        assert!(!text.contains("{{ ethnic-distribution }}"), "the reference itself is in {path}");
        assert!(!text.contains("{{ rio-claro:") && !text.contains("{{ population"), "a reference is in {path}");
    }
    // The prose that quotes them is published: the test reads it.
    let quoted_in = |phrase: &str| public.iter().filter(|(_, text)| text.contains(phrase)).count();
    assert!(quoted_in("Groups (not published); <5 women came back") >= 2, "the evidence is in the exports");
    assert!(quoted_in("where <5 women came back; groups (not published)") >= 3, "another profile's summary");
    assert!(quoted_in("In Río Claro, &lt;5 women came back") == 1, "a case study's text");
    // A draft, built with `--drafts`, that quotes a confidential profile: that profile is not
    // in the build, and neither is its figure, in the draft's text or its summary.
    let secret = "---\ntitle: Secret\nstatus: confidential\ncountry: El Salvador\nassessed: 2026-03-14\n\
                  assessed_by: [ADESCO]\nmethods: [desk-review]\nindicators:\n  access-to-services: 77.7\n---\nSecret.\n";
    std::fs::write(root.join("content/communities/secret.md"), secret).unwrap();
    let draft = "---\ntitle: Draft\nstatus: draft\nsummary: \"Secret: {{ secret: access-to-services }}.\"\n---\n\
                 Secret serves {{ secret: access-to-services }}.\n";
    std::fs::write(root.join("content/draft.md"), draft).unwrap();
    build(&root, &["--drafts"]);
    let public = texts(&root.join("site"));
    assert!(read(&root.join("site/draft.html")).contains("Secret serves (not published)."));
    for (path, text) in &public {
        assert!(!text.contains("77.7") && !text.contains("{{ secret"), "the confidential figure reached {path}");
    }
    std::fs::remove_file(root.join("content/draft.md")).unwrap();
    std::fs::remove_file(root.join("content/communities/secret.md")).unwrap();

    // The figures are really quoted: the internal build shows every one.
    build(&root, &["--include-confidential"]);
    let page = read(&root.join("site-internal/communities/rio-claro.html"));
    assert!(page.contains("<td>indigenous</td><td>mestizo: 87.65%, indigenous: 12.35%</td>"), "{page}");
    assert!(page.contains("9 people came back: 7 men\nand 2 women."), "{page}");
    assert!(page.contains("Groups mestizo: 87.65%, indigenous: 12.35%; 2 women came back"), "{page}");
    assert!(page.contains("Of them 7 men back"), "{page}");
    let lomas = read(&root.join("site-internal/communities/lomas.html"));
    assert!(lomas.contains("where 2 women came back; groups mestizo: 87.65%"), "{lomas}");
    let case = read(&root.join("site-internal/case-studies/river-works.html"));
    assert!(case.contains("In Río Claro, 2 women came back"), "{case}");
    let french = read(&root.join("site-internal/fr/communities/rio-claro.html"));
    assert!(french.contains("Femmes revenues :\n2. Groupes : mestizo\u{202f}: 87,65\u{202f}%"), "{french}");
}

/// With a threshold of 2, a count of 1 is not published at all, as if not given: quoted, it
/// reads as the profile's table says it, and `check` warns instead of calling it missing.
#[test]
fn a_figure_the_public_build_leaves_out_is_quoted_as_not_given() {
    let root = copy_site(&fixture("figures/left-out"), "figures-left-out");
    let result = run(&root, &["check"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(result.stderr.contains("warning[figure-withheld]"), "{}", result.stderr);
    assert!(!result.stderr.contains("figure-not-given"), "{}", result.stderr);
    build(&root, &[]);
    let page = read(&root.join("site/communities/hamlet.html"));
    assert!(page.contains("Returnees this year: Not given."), "{page}");
    build(&root, &["--include-confidential"]);
    let page = read(&root.join("site-internal/communities/hamlet.html"));
    assert!(page.contains("Returnees this year: 1."), "{page}");
}

#[test]
fn fmt_leaves_the_references_as_written() {
    let root = copy_site(&fixture("figures/fmt"), "figures-fmt");
    let path = root.join("content/communities/messy.md");
    let before = read(&path);
    let escaped = root.join("content/communities/escaped.md");
    let escaped_before = read(&escaped);
    let report = fieldbook::fmt::format_site(&root, &[], false).unwrap();
    assert!(report.changed.contains(&"content/communities/messy.md".to_string()), "the test needs a body fmt tidies");
    let after = read(&path);
    assert_ne!(before, after);
    for reference in [
        "{{ access-to-services }}",
        "{{access-to-services migrant-status = returnee}}",
        "{{ access-to-services n }}",
        "{{ access-to-services_n }}",
    ] {
        assert!(after.contains(reference), "`{reference}` is not kept:\n{after}");
    }
    let quoted = |text: &str| {
        fieldbook::figure_refs::in_body(text)
            .iter()
            .map(fieldbook::figure_refs::FigureRef::canonical)
            .collect::<Vec<_>>()
    };
    assert_eq!(quoted(&after), quoted(&before));
    // Six in the body, three in the frontmatter's prose.
    assert_eq!(quoted(&after).len(), 9, "{after}");
    // In the frontmatter's prose, each reference is kept as written, and the value is still
    // one YAML reads (the summary's `: ` needs its quotes).
    for reference in ["{{access-to-services}}", "{{ messy:  access-to-services   n }}", "{{ access-to-services"] {
        assert!(after.split("\n---").next().unwrap().contains(reference), "`{reference}` is not kept:\n{after}");
    }
    assert!(after.contains("migrant-status = returnee }} for returnees."), "{after}");
    let result = run(&root, &["check"]);
    // Only the two typos the bodies keep on purpose: the frontmatter reads, and quotes well.
    assert!(result.stderr.contains("2 errors (2 figure-unknown-indicator)"), "{}", result.stderr);
    // The standard form would write `\_` as `_`: the same page, but another reference (the
    // words of a reference are read as written). The body is kept as it is.
    let escaped_after = read(&escaped);
    assert!(escaped_after.contains("{{ access-to-services\\_n }}"), "{escaped_after}");
    assert_eq!(quoted(&escaped_after), quoted(&escaped_before));
}
