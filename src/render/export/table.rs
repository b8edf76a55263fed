//! The tables of the exports (indicators in long format, criteria, communities): their columns,
//! each with its HXL hashtag, type and meaning, and each profile's rows as typed cells. The CSV
//! files, the spreadsheet and the data package are all written from these, so they agree.

use super::super::format::unit;
use super::super::views::Env;
use crate::date::Date;
use crate::model::{Community, Doc, IndicatorValue};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text (ids, names, labels such as `60+` or `<5`, place codes).
    Text,
    /// A whole number.
    Integer,
    /// A number.
    Number,
    /// A date, `2026-03-14`.
    Date,
    /// The address of a page of the site: in full (`https://…`) when the site has a base URL,
    /// else relative to the site's folder.
    Address,
}

impl Kind {
    /// The Frictionless Table Schema type.
    pub fn frictionless(self) -> &'static str {
        match self {
            Kind::Text | Kind::Address => "string",
            Kind::Integer => "integer",
            Kind::Number => "number",
            Kind::Date => "date",
        }
    }
}

/// One column of an export table.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Its name, in the header row.
    pub name: &'static str,
    /// Its HXL hashtag, in the second row.
    pub hxl: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// What it means, for the spreadsheet's sheet of columns and the data package (see
    /// [`Column::meaning`]).
    pub about: &'static str,
}

impl Column {
    /// What the column means in a build published at `base_url` (if any): its `about`, and
    /// for an address, which kind this build writes, so that someone who downloaded the file
    /// knows whether it leads to the site.
    pub fn meaning(&self, base_url: Option<&str>) -> String {
        match (self.kind, base_url) {
            (Kind::Address, Some(base)) => format!("{} A full web address, under {base}.", self.about),
            (Kind::Address, None) => format!(
                "{} A path relative to the site's folder: the site was built without the address it is published at (`base_url`).",
                self.about
            ),
            _ => self.about.to_string(),
        }
    }
}

/// A cell of an export row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing (an unknown value, a masked count's number, a field not given).
    Empty,
    /// Text, as written.
    Text(String),
    /// A number, as pages show it (to two decimals).
    Number(f64),
    /// A coordinate in decimal degrees, in full: two decimals would move a point by up to a
    /// kilometre, more than the privacy grid's rounding is meant to.
    Coordinate(f64),
    /// A date.
    Date(Date),
}

impl Cell {
    fn text(value: &str) -> Cell {
        if value.is_empty() { Cell::Empty } else { Cell::Text(value.to_string()) }
    }

    fn optional_text(value: Option<&str>) -> Cell {
        value.map(Cell::text).unwrap_or(Cell::Empty)
    }

    fn count(value: Option<u64>) -> Cell {
        value.map(|n| Cell::Number(n as f64)).unwrap_or(Cell::Empty)
    }
}

/// One row: a cell per column.
pub type Row = Vec<Cell>;

/// One export table.
pub struct Table {
    /// Its name: the CSV file is `data/<name>.csv`, the sheet is called so.
    pub name: &'static str,
    /// What a row is, for the data package and the spreadsheet.
    pub about: &'static str,
    /// Its columns.
    pub columns: &'static [Column],
    /// The rows of profile `i`.
    pub rows: fn(&Env<'_>, usize) -> Vec<Row>,
}

const fn column(name: &'static str, hxl: &'static str, kind: Kind, about: &'static str) -> Column {
    Column { name, hxl, kind, about }
}

const COMMUNITY_ID: Column = column("community_id", "#loc+id", Kind::Text, "The profile's id, as in its address.");
const COMMUNITY: Column = column("community", "#loc+name", Kind::Text, "The community's name.");
const COUNTRY: Column = column(
    "country",
    "#country+name",
    Kind::Text,
    "The country in English: as the profile names it, or the English name of one it names in French, Spanish or Arabic.",
);
const COUNTRY_CODE: Column = column(
    "country_code",
    "#country+code",
    Kind::Text,
    "The country's ISO 3166-1 alpha-3 code (`MAR`), empty if the country's name is not recognized.",
);
const ADMIN: [Column; 3] = [
    column("admin1", "#adm1+name", Kind::Text, "The largest administrative area (region)."),
    column("admin2", "#adm2+name", Kind::Text, "The next administrative area (province)."),
    column("admin3", "#adm3+name", Kind::Text, "The next administrative area (district)."),
];
const PLACE_CODE: Column =
    column("place_code", "#loc+code", Kind::Text, "The official place code (P-code), kept as text.");
const POPULATION: Column = column("population", "#population", Kind::Integer, "Number of residents.");
const ASSESSED: Column = column("assessed", "#date+assessed", Kind::Date, "When the assessment was completed.");

/// `indicators.csv`: one row per community and indicator, one more per disaggregated part.
pub const INDICATORS: Table = Table {
    name: "indicators",
    about: "One row per community and indicator, and one more per part of a distribution or disaggregation.",
    columns: &[
        COMMUNITY_ID,
        COMMUNITY,
        COUNTRY,
        COUNTRY_CODE,
        ADMIN[0],
        ADMIN[1],
        ADMIN[2],
        PLACE_CODE,
        POPULATION,
        ASSESSED,
        column("indicator_id", "#indicator+code", Kind::Text, "The indicator's id in the schema."),
        column("indicator", "#indicator+name", Kind::Text, "The indicator's name."),
        column("group", "#indicator+group", Kind::Text, "The indicator's group in the schema."),
        column(
            "dimension",
            "#indicator+dimension",
            Kind::Text,
            "For a disaggregated part, the dimension (`sex`, `age-group`); empty on the indicator's own row.",
        ),
        column(
            "part",
            "#indicator+part",
            Kind::Text,
            "For a part, its label (`female`, `60+`), kept as text; empty on the indicator's own row.",
        ),
        column(
            "value",
            "#indicator+num",
            Kind::Number,
            "The value as a number; empty when it is not a number, unknown, or a masked small count.",
        ),
        column(
            "value_text",
            "#meta+value+text",
            Kind::Text,
            "The value as the page shows it (`61%`, `yes`, `unknown`, `<5` for a masked small count).",
        ),
        column("unit", "#indicator+unit", Kind::Text, "The unit of a number."),
        column("source", "#meta+source", Kind::Text, "Where the value comes from."),
        column("method", "#meta+method", Kind::Text, "The method's id in the schema."),
        column("date", "#date+collected", Kind::Date, "When the value was collected."),
        column("n", "#indicator+respondents", Kind::Integer, "How many people answered."),
        column("confidence", "#meta+confidence", Kind::Text, "`high`, `medium` or `low`."),
    ],
    rows: indicator_rows,
};

/// `criteria.csv`: one row per community and criterion.
pub const CRITERIA: Table = Table {
    name: "criteria",
    about: "One row per community and favourable-environment criterion.",
    columns: &[
        COMMUNITY_ID,
        COMMUNITY,
        COUNTRY,
        COUNTRY_CODE,
        PLACE_CODE,
        POPULATION,
        ASSESSED,
        column("criterion_id", "#indicator+criterion+code", Kind::Text, "The criterion's id in the schema."),
        column("criterion", "#indicator+criterion+name", Kind::Text, "The criterion's name."),
        column("status", "#status", Kind::Text, "`met`, `partial`, `not-met` or `unknown`."),
        column("evidence", "#description", Kind::Text, "What shows it."),
    ],
    rows: criteria_rows,
};

/// `communities.csv`: one row per community.
pub const COMMUNITIES: Table = Table {
    name: "communities",
    about: "One row per published community profile.",
    columns: &[
        COMMUNITY_ID,
        COMMUNITY,
        COUNTRY,
        COUNTRY_CODE,
        ADMIN[0],
        ADMIN[1],
        ADMIN[2],
        PLACE_CODE,
        column(
            "latitude",
            "#geo+lat",
            Kind::Number,
            "The community's latitude in decimal degrees (WGS 84), rounded to the site's privacy grid in a public build.",
        ),
        column(
            "longitude",
            "#geo+lon",
            Kind::Number,
            "The community's longitude in decimal degrees (WGS 84), rounded like the latitude.",
        ),
        POPULATION,
        ASSESSED,
        column("reviewed", "#date+reviewed", Kind::Date, "When the profile was last reviewed."),
        column("review_due", "#date+due", Kind::Date, "When the profile is due for review."),
        column("url", "#meta+url", Kind::Address, "The profile's page."),
    ],
    rows: community_rows,
};

/// Every table, in the order of the spreadsheet's sheets.
pub const TABLES: [&Table; 3] = [&INDICATORS, &CRITERIA, &COMMUNITIES];

/// Document `i` and its profile, if it is one.
fn profile<'a>(env: &Env<'a>, i: usize) -> Option<(&'a Doc, &'a Community)> {
    let doc = &env.site.docs[i];
    Some((doc, doc.community()?))
}

fn area(c: &Community, k: usize) -> Cell {
    Cell::optional_text(c.admin_areas.get(k).map(String::as_str))
}

fn indicator_rows(env: &Env<'_>, i: usize) -> Vec<Row> {
    let Some((doc, c)) = profile(env, i) else { return Vec::new() };
    let schema = env.schema;
    let place = [
        Cell::text(&doc.slug),
        Cell::text(&doc.title),
        Cell::text(&c.country),
        Cell::optional_text(c.country_code.as_deref()),
        area(c, 0),
        area(c, 1),
        area(c, 2),
        Cell::optional_text(c.place_code.as_deref()),
        Cell::count(c.population),
        Cell::Date(c.assessed),
    ];
    let mut rows = Vec::with_capacity(c.indicators.len() * 2);
    for e in c.indicators.iter().filter(|e| env.site.indicator_visible[e.indicator]) {
        let indicator = &schema.indicators[e.indicator];
        let protection = env.masking.protect(e, indicator.kind);
        if protection.entry_withheld() {
            continue;
        }
        let text = env.masking.value_text(&protection, e, indicator, env.locale);
        // A yes or no is no number (HXL tools would add and average a 1 or 0 in a column
        // tagged `#indicator+num`): it is in `value_text` alone.
        let value = match e.value {
            IndicatorValue::YesNo(_) => Cell::Empty,
            _ => env.masking.numeric(&protection, e).map(Cell::Number).unwrap_or(Cell::Empty),
        };
        let value_text = if e.value == IndicatorValue::Unknown { "unknown".to_string() } else { text };
        let head = [
            Cell::text(&indicator.term.id),
            Cell::text(&indicator.term.label),
            Cell::text(&schema.indicator_groups[indicator.group].id),
        ];
        let tail = [
            Cell::optional_text(unit(e, indicator)),
            Cell::optional_text(e.source.as_deref()),
            Cell::optional_text(e.method().map(|m| schema.methods[m].id.as_str())),
            e.date.map(Cell::Date).unwrap_or(Cell::Empty),
            Cell::count(e.n()),
            Cell::optional_text(e.confidence.map(|c| c.id())),
        ];
        let mut part_row = |dimension: &str, part: &str, value: Cell, value_text: String| {
            let mut row = Vec::with_capacity(INDICATORS.columns.len());
            row.extend_from_slice(&place);
            row.extend_from_slice(&head);
            row.extend([Cell::text(dimension), Cell::text(part), value, Cell::Text(value_text)]);
            row.extend_from_slice(&tail);
            rows.push(row);
        };
        part_row("", "", value, value_text);
        if let IndicatorValue::Distribution(parts) = &e.value {
            for p in parts {
                let v = crate::text::format_number(p.value);
                part_row("", &p.name, Cell::Number(p.value), format!("{v}%"));
            }
        }
        for (d, dis) in e.disaggregation.iter().enumerate().filter(|(d, _)| !protection.withheld(*d)) {
            let dimension = &schema.disaggregations[dis.dimension].term.id;
            for (k, p) in dis.parts.iter().enumerate() {
                let shown = protection.part(d, k);
                let text = super::super::format::part_text(indicator.kind, p.value, shown, env.masking, env.locale);
                let number = if shown.masked() { Cell::Empty } else { Cell::Number(p.value) };
                part_row(dimension, &p.name, number, text);
            }
        }
    }
    rows
}

fn criteria_rows(env: &Env<'_>, i: usize) -> Vec<Row> {
    let Some((doc, c)) = profile(env, i) else { return Vec::new() };
    c.criteria
        .iter()
        .map(|e| {
            let term = &env.schema.criteria[e.criterion];
            vec![
                Cell::text(&doc.slug),
                Cell::text(&doc.title),
                Cell::text(&c.country),
                Cell::optional_text(c.country_code.as_deref()),
                Cell::optional_text(c.place_code.as_deref()),
                Cell::count(c.population),
                Cell::Date(c.assessed),
                Cell::text(&term.id),
                Cell::text(&term.label),
                Cell::text(e.status.id()),
                Cell::optional_text(e.evidence.as_deref()),
            ]
        })
        .collect()
}

fn community_rows(env: &Env<'_>, i: usize) -> Vec<Row> {
    let Some((doc, c)) = profile(env, i) else { return Vec::new() };
    let (due, _) = c.review(env.review_months, env.today);
    let shown = c.location.and_then(|l| crate::disclosure::location::shown(l, env.location_rule));
    vec![vec![
        Cell::text(&doc.slug),
        Cell::text(&doc.title),
        Cell::text(&c.country),
        Cell::optional_text(c.country_code.as_deref()),
        area(c, 0),
        area(c, 1),
        area(c, 2),
        Cell::optional_text(c.place_code.as_deref()),
        shown.map_or(Cell::Empty, |l| Cell::Coordinate(l.lat)),
        shown.map_or(Cell::Empty, |l| Cell::Coordinate(l.lon)),
        Cell::count(c.population),
        Cell::Date(c.assessed),
        c.reviewed.map(Cell::Date).unwrap_or(Cell::Empty),
        Cell::Date(due),
        Cell::Text(env.export_address(i)),
    ]]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_has_one_hashtag_per_column_and_unique_names() {
        for table in TABLES {
            let mut names: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), table.columns.len(), "{}", table.name);
            assert!(table.columns.iter().all(|c| c.hxl.starts_with('#') && !c.about.is_empty()));
        }
    }

    #[test]
    fn an_address_column_says_which_kind_of_address_it_holds() {
        let url = COMMUNITIES.columns.iter().find(|c| c.name == "url").unwrap();
        assert_eq!(url.kind, Kind::Address);
        let absolute = url.meaning(Some("https://example.org/site/"));
        assert!(absolute.contains("A full web address, under https://example.org/site/."), "{absolute}");
        let relative = url.meaning(None);
        assert!(relative.contains("relative to the site's folder") && relative.contains("`base_url`"), "{relative}");
        assert_eq!(COUNTRY.meaning(Some("https://example.org/")), COUNTRY.about);
    }

    #[test]
    fn only_text_columns_are_tagged_indicator_text() {
        // HXL tools expect each #indicator column to hold one data type.
        for table in TABLES {
            for c in table.columns {
                assert!(!(c.hxl.starts_with("#indicator") && c.hxl.contains("+text")), "{}", c.name);
            }
        }
    }
}
