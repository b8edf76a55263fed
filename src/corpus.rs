//! A synthetic site in Fieldbook's own format, for benchmarks and scale tests.
//!
//! Deterministic: the same size gives the same bytes. Each profile is about 9 KB, as in the
//! performance issue: about 3.7 KB of frontmatter with all twenty handbook indicators (values,
//! sources, methods, dates, some disaggregation) and the seven criteria with evidence, and a
//! 3 to 8 KB body with headings, a list, a table and links to other profiles. Case studies refer
//! to two profiles each. Countries and tags repeat, so listing pages are large.

use std::fmt::Write as _;
use std::path::Path;

pub mod survey;

/// Sizes of a synthetic site.
#[derive(Debug, Clone, Copy)]
pub struct CorpusSize {
    /// Community profiles.
    pub profiles: usize,
    /// Case studies.
    pub case_studies: usize,
}

/// A small, fast, deterministic random source (SplitMix64).
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }
}

const COUNTRIES: [&str; 12] = [
    "Morocco",
    "Senegal",
    "El Salvador",
    "Guinea",
    "Honduras",
    "Iraq",
    "Nigeria",
    "Ethiopia",
    "Afghanistan",
    "Côte d'Ivoire",
    "Guatemala",
    "Tunisia",
];
const SYLLABLES: [&str; 24] = [
    "ta", "na", "ko", "mel", "dja", "ri", "san", "bou", "ker", "lo", "ma", "zi", "el", "ndi", "ya", "gou", "ra", "tin",
    "sou", "fa", "ba", "lan", "ze", "ou",
];
const TAGS: [&str; 40] = [
    "urban",
    "rural",
    "coastal",
    "mountain",
    "border",
    "youth",
    "women",
    "agriculture",
    "fishing",
    "trade",
    "informal-economy",
    "drought",
    "flooding",
    "displacement",
    "returnees-abroad",
    "remittances",
    "schools",
    "health-post",
    "water",
    "roads",
    "housing-pressure",
    "land-disputes",
    "cooperatives",
    "diaspora",
    "tourism",
    "mining",
    "market-town",
    "peri-urban",
    "conflict-affected",
    "climate",
    "seasonal-work",
    "crafts",
    "livestock",
    "transport",
    "microfinance",
    "language-barriers",
    "documentation",
    "psychosocial",
    "sports",
    "culture",
];
const WORDS: [&str; 64] = [
    "returnees",
    "community",
    "households",
    "market",
    "services",
    "families",
    "association",
    "support",
    "local",
    "authorities",
    "young",
    "people",
    "work",
    "housing",
    "school",
    "health",
    "centre",
    "water",
    "road",
    "season",
    "migration",
    "return",
    "income",
    "training",
    "project",
    "cooperative",
    "women",
    "men",
    "elders",
    "leaders",
    "tension",
    "trust",
    "land",
    "rent",
    "landlords",
    "fees",
    "documents",
    "registry",
    "clinic",
    "teachers",
    "transport",
    "fishing",
    "harvest",
    "drought",
    "savings",
    "loans",
    "skills",
    "workshop",
    "referral",
    "network",
    "partners",
    "municipality",
    "plan",
    "priorities",
    "survey",
    "interviews",
    "groups",
    "access",
    "barriers",
    "opportunities",
    "resilience",
    "coverage",
    "evidence",
    "review",
];
const METHODS: [&str; 4] = ["desk-review", "individual-survey", "focus-group-discussion", "key-informant-interview"];
const STATUSES: [&str; 4] = ["met", "partial", "not-met", "unknown"];

fn name(random: &mut Random, index: usize) -> String {
    let mut s = String::new();
    for _ in 0..random.between(2, 3) {
        s.push_str(random.pick(&SYLLABLES));
    }
    let mut chars = s.chars();
    let first: String = chars.next().map(|c| c.to_uppercase().collect()).unwrap_or_default();
    format!("{first}{} {index}", chars.as_str())
}

fn sentence(random: &mut Random, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        let w = random.pick(&WORDS);
        if i == 0 {
            let mut c = w.chars();
            s.extend(c.next().map(|c| c.to_ascii_uppercase()));
            s.push_str(c.as_str());
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

fn paragraph(random: &mut Random, sentences: usize) -> String {
    (0..sentences)
        .map(|_| {
            let words = random.between(8, 18) as usize;
            sentence(random, words)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The id of profile `i`.
pub fn profile_id(i: usize) -> String {
    format!("community-{i:06}")
}

/// The tags drawn, each once: a tag drawn again is replaced by the next in [`TAGS`] not taken.
fn distinct_tags(drawn: [&'static str; 3]) -> Vec<&'static str> {
    let mut tags: Vec<&str> = Vec::with_capacity(3);
    for tag in drawn {
        let at = TAGS.iter().position(|t| *t == tag).unwrap_or(0);
        let free = (0..TAGS.len()).map(|k| TAGS[(at + k) % TAGS.len()]).find(|t| !tags.contains(t));
        tags.extend(free);
    }
    tags
}

/// A point inside `country` for profile `i`, drawn with a generator of its own so that the
/// rest of the profile stays as it was before profiles had locations.
fn location_in(country: &str, i: usize) -> (f64, f64) {
    let mut random = Random(i as u64 * 104_729 + 3);
    let Some(outline) = crate::geo::world().find(country) else { return (0.0, 0.0) };
    let b = outline.main_bounds;
    let mut point = ((b.south + b.north) / 2.0, (b.west + b.east) / 2.0);
    for _ in 0..64 {
        let lat = b.south + (b.north - b.south) * random.below(10_000) as f64 / 10_000.0;
        let lon = b.west + (b.east - b.west) * random.below(10_000) as f64 / 10_000.0;
        if outline.contains(crate::geo::Point { lat, lon }) {
            point = (lat, lon);
            break;
        }
    }
    point
}

/// The markdown file of profile `i` of `n`.
pub fn profile(i: usize, n: usize) -> String {
    let mut random = Random(i as u64 * 7919 + 17);
    let mut out = String::with_capacity(10_000);
    let country = COUNTRIES[i % COUNTRIES.len()];
    let title = name(&mut random, i);
    let year = 2024 + random.below(2);
    let month = 1 + random.below(12);
    // Drawn in the order they always were, so that the rest of the profile stays the same.
    let summary = sentence(&mut random, 16);
    let (region, district) = (1 + random.below(9), 1 + random.below(40));
    let population = random.between(800, 90_000);
    let day = 1 + random.below(28);
    let association = name(&mut random, i % 97);
    let tags = distinct_tags([random.pick(&TAGS), random.pick(&TAGS), random.pick(&TAGS)]);
    let (lat, lon) = location_in(country, i);
    let _ = write!(
        out,
        "---\ntitle: {title}\nstatus: published\nsummary: {summary}\ncountry: {country}\nadmin_areas: [Region {region}, District {district}]\nplace_code: {}-{i:06}\nlocation: {{ lat: {lat:.4}, lon: {lon:.4} }}\npopulation: {population}\nassessed: {year}-{month:02}-{day:02}\nassessed_by: [Reintegration programme field team, Association {association}]\nmethods: [desk-review, individual-survey, focus-group-discussion, key-informant-interview]\ntags: [{}]\nindicators:\n",
        ["MA", "SN", "SV", "GN", "HN", "IQ", "NG", "ET", "AF", "CI", "GT", "TN"][i % COUNTRIES.len()],
        tags.join(", "),
    );
    let source = |random: &mut Random, out: &mut String| {
        let _ = write!(
            out,
            "    source: {} {}\n    method: {}\n    date: {year}-{:02}-{:02}\n    confidence: {}\n",
            ["Household survey", "Commune registry", "Focus groups", "Key informants"][random.below(4)],
            year,
            random.pick(&METHODS),
            1 + random.below(12),
            1 + random.below(28),
            ["high", "medium", "low"][random.below(3)],
        );
    };
    let a = random.between(20, 45);
    let b = random.between(10, 25);
    let c = random.between(25, 100 - a - b - 1);
    let _ = writeln!(
        out,
        "  age-distribution:\n    value: {{ \"0-14\": {a}, \"15-24\": {b}, \"25-64\": {c}, \"65+\": {} }}",
        100 - a - b - c
    );
    source(&mut random, &mut out);
    let f = random.between(45, 55);
    let _ = writeln!(out, "  gender-distribution: {{ female: {f}, male: {} }}", 100 - f);
    let _ = writeln!(out, "  ethnic-distribution: unknown");
    for (k, id) in [
        "educational-achievement",
        "income-and-employment",
        "access-to-services",
        "essential-needs-coverage",
        "land-and-tenure-security",
        "social-participation",
    ]
    .into_iter()
    .enumerate()
    {
        let _ = writeln!(out, "  {id}:\n    value: {}", random.between(5, 95));
        source(&mut random, &mut out);
        // Three of the six, each allowing both dimensions.
        if ![0, 3, 5].contains(&k) {
            continue;
        }
        let _ = writeln!(
            out,
            "    disaggregation:\n      sex: {{ female: {}, male: {} }}\n      migrant-status: {{ returnee: {}, non-migrant: {} }}",
            random.between(5, 95),
            random.between(5, 95),
            random.between(5, 95),
            random.between(5, 95)
        );
    }
    let _ = writeln!(out, "  migration-rates:\n    value: {}.{}", random.between(2, 40), random.below(10));
    source(&mut random, &mut out);
    for (k, id) in [
        "perception-of-migration",
        "safety-levels",
        "support-networks",
        "social-inclusion",
        "access-to-justice",
        "environmental-resilience",
    ]
    .into_iter()
    .enumerate()
    {
        let _ = writeln!(out, "  {id}:\n    value: {}", random.between(1, 5));
        if k % 2 == 0 {
            source(&mut random, &mut out);
        }
    }
    let _ = writeln!(out, "  languages-spoken: [Arabic, French, Tamazight]");
    let _ = writeln!(out, "  social-activities: [Weekly market, Football league, Women's savings group]");
    let _ = writeln!(out, "  diaspora-links: [Hometown association abroad]");
    let _ = writeln!(out, "  existing-projects: [Water committee, Youth training scheme]");
    out.push_str("criteria:\n");
    for id in [
        "returnee-numbers",
        "returnee-profiles",
        "community-interest",
        "basic-infrastructure",
        "service-availability",
        "stability-and-opportunity",
        "civil-society-activism",
    ] {
        let _ = writeln!(
            out,
            "  {id}:\n    status: {}\n    evidence: {}",
            random.pick(&STATUSES),
            sentence(&mut random, 12)
        );
    }
    out.push_str("research:\n  q1: [desk-review, focus-group-discussion]\n  q11: individual-survey\n  q19: key-informant-interview\n---\n");

    // Body: 3 to 8 KB.
    let sections = random.between(3, 7);
    for s in 0..sections {
        let heading = [
            "Context",
            "Migration and return",
            "Services",
            "Economy",
            "Social cohesion",
            "Opportunities",
            "Recommendations",
        ][s as usize];
        let length = random.between(4, 8) as usize;
        let _ = write!(out, "\n## {heading}\n\n{}\n", paragraph(&mut random, length));
        if s == 1 {
            for _ in 0..4 {
                let _ = writeln!(out, "- {}", sentence(&mut random, 8));
            }
        }
        if s == 2 {
            out.push_str("\n| Service | Distance | Open |\n| --- | --- | --- |\n");
            for service in ["Health post", "Primary school", "Registry office"] {
                let _ = writeln!(
                    out,
                    "| {service} | {} km | {} days a week |",
                    random.between(1, 30),
                    random.between(2, 6)
                );
            }
        }
    }
    let other = |random: &mut Random| profile_id(random.below(n.max(1)));
    let (x, y) = (other(&mut random), other(&mut random));
    let _ = write!(
        out,
        "\nSee also [{x}](community:{x}), [{y}]({y}.md#indicators) and the [criteria](criterion:returnee-numbers).\n"
    );
    out
}

/// The markdown file of case study `i`, referring to profiles of a site with `n`.
pub fn case_study(i: usize, n: usize) -> String {
    let mut random = Random(i as u64 * 104_729 + 3);
    let a = profile_id(random.below(n.max(1)));
    let b = profile_id(random.below(n.max(1)));
    let mut out = format!(
        "---\ntitle: Case study {i}\nstatus: published\nsummary: {}\ncountry: {}\ncommunities: [{a}, {b}]\napproaches: [{}]\nsectors: [{}]\ndimensions: [social]\nlevels: [community]\ndate: 2026-{:02}-{:02}\ntags: [{}]\n---\n",
        sentence(&mut random, 14),
        COUNTRIES[i % COUNTRIES.len()],
        ["collective-returnee", "new-community", "existing-project"][random.below(3)],
        ["housing", "education", "health", "infrastructure-and-safety", "justice-and-rights"][random.below(5)],
        1 + random.below(12),
        1 + random.below(28),
        random.pick(&TAGS),
    );
    for heading in ["Background", "What was done", "Results", "Lessons"] {
        let length = random.between(3, 6) as usize;
        let _ = write!(out, "\n## {heading}\n\n{}\n", paragraph(&mut random, length));
    }
    let _ = writeln!(out, "\nThe work involved [{a}](community:{a}).");
    out
}

/// Write a synthetic site of `size` into `root` (which should be empty or not exist).
pub fn write(root: &Path, size: CorpusSize) -> std::io::Result<u64> {
    let communities = root.join("content/communities");
    let cases = root.join("content/case-studies");
    std::fs::create_dir_all(&communities)?;
    std::fs::create_dir_all(&cases)?;
    std::fs::write(
        root.join("fieldbook.toml"),
        "title = \"Synthetic corpus\"\ndescription = \"Generated for benchmarks.\"\nreview_interval_months = 48\n",
    )?;
    let mut bytes = 0u64;
    for i in 0..size.profiles {
        let text = profile(i, size.profiles);
        bytes += text.len() as u64;
        std::fs::write(communities.join(format!("{}.md", profile_id(i))), text)?;
    }
    for i in 0..size.case_studies {
        let text = case_study(i, size.profiles);
        bytes += text.len() as u64;
        std::fs::write(cases.join(format!("case-{i:05}.md")), text)?;
    }
    Ok(bytes)
}

/// The translation into `language` of a page of the corpus (`original`, its markdown): what a
/// translator gives, its title, summary and text (the figures stay in the original). The text
/// is the original's with its headings marked, so that it costs what a translation of the same
/// length costs.
pub fn translation(original: &str, language: &str) -> String {
    let field = |name: &str| {
        original.lines().find_map(|l| l.strip_prefix(&format!("{name}: ")).map(str::to_string)).unwrap_or_default()
    };
    let body = original.splitn(3, "---\n").nth(2).unwrap_or("");
    let body = body.replace("\n## ", &format!("\n## ({language}) "));
    format!("---\ntitle: {} ({language})\nsummary: {}\n---\n{body}", field("title"), field("summary"))
}

/// Add a translation into each of `languages` of every page [`write`] wrote for `size`, and
/// list the languages in fieldbook.toml.
pub fn write_translations(root: &Path, size: CorpusSize, languages: &[&str]) -> std::io::Result<u64> {
    let mut all = vec!["\"en\"".to_string()];
    all.extend(languages.iter().map(|l| format!("\"{l}\"")));
    std::fs::write(
        root.join("fieldbook.toml"),
        format!(
            "title = \"Synthetic corpus\"\ndescription = \"Generated for benchmarks.\"\nreview_interval_months = 48\nlanguages = [{}]\n",
            all.join(", ")
        ),
    )?;
    let pages =
        (0..size.profiles).map(|i| (root.join("content/communities"), profile_id(i), profile(i, size.profiles))).chain(
            (0..size.case_studies)
                .map(|i| (root.join("content/case-studies"), format!("case-{i:05}"), case_study(i, size.profiles))),
        );
    let mut bytes = 0u64;
    for (folder, id, text) in pages {
        for language in languages {
            let translated = translation(&text, language);
            bytes += translated.len() as u64;
            std::fs::write(folder.join(format!("{id}.{language}.md")), translated)?;
        }
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_have_the_benchmark_shape() {
        let sizes: Vec<usize> = (0..50).map(|i| profile(i, 50).len()).collect();
        let average = sizes.iter().sum::<usize>() / sizes.len();
        assert!((6_500..=12_000).contains(&average), "average profile is {average} bytes");
        let text = profile(3, 50);
        let frontmatter = text.split("\n---\n").next().unwrap().len();
        assert!((3_000..=4_600).contains(&frontmatter), "frontmatter is {frontmatter} bytes");
        assert_eq!(profile(3, 50), text, "generation is deterministic");
    }
}
