//! The tables of the exports (indicators in long format, criteria, communities, projects, case
//! studies): their columns, each with its HXL hashtag, type and meaning, and each page's rows as
//! typed cells; the tables of profiles, projects and case studies end with a column for each of
//! the site's own fields of their pages. The CSV files, the spreadsheet and the data package are
//! all written from these, so they agree.

use std::borrow::Cow;

use super::super::format::unit;
use super::super::views::Env;
use crate::date::Date;
use crate::model::{Community, ContentType, Details, Doc, ExtraValue, IndicatorValue};
use crate::schema::{Field, FieldKind};

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
    /// Every kind, in the order the wording names them.
    pub const ALL: [Kind; 5] = [Kind::Text, Kind::Integer, Kind::Number, Kind::Date, Kind::Address];

    /// Its id, which its wording key ends with (`export_kind_text`).
    pub fn id(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Integer => "integer",
            Kind::Number => "number",
            Kind::Date => "date",
            Kind::Address => "address",
        }
    }

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
#[derive(Debug, Clone)]
pub struct Column {
    /// Its name, in the header row.
    pub name: Cow<'static, str>,
    /// Its HXL hashtag, in the second row.
    pub hxl: Cow<'static, str>,
    /// What it holds.
    pub kind: Kind,
}

impl Column {
    /// The key of what it means in the theme's wording (`export_column_<name>`), for the
    /// spreadsheet's sheet of columns and the data package, in the site's language (see
    /// [`super::wording::Descriptions`]). A name means the same in every table.
    pub fn wording_key(&self) -> String {
        format!("export_column_{}", self.name)
    }
}

/// A cell of an export row. Its text is borrowed from the site where it is the site's own
/// (a profile's name, an indicator's id): a profile's place is repeated on each of its rows,
/// and copying it into every cell was most of what making the rows allocated (and what the
/// thread writing the files then spent its time freeing).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// Nothing (an unknown value, a masked count's number, a field not given).
    Empty,
    /// Text, as written.
    Text(Cow<'a, str>),
    /// A number, as pages show it (to two decimals).
    Number(f64),
    /// A coordinate in decimal degrees, in full: two decimals would move a point by up to a
    /// kilometre, more than the privacy grid's rounding is meant to.
    Coordinate(f64),
    /// A date.
    Date(Date),
}

impl<'a> Cell<'a> {
    fn text(value: &'a str) -> Cell<'a> {
        if value.is_empty() { Cell::Empty } else { Cell::Text(Cow::Borrowed(value)) }
    }

    fn owned(value: String) -> Cell<'a> {
        Cell::Text(Cow::Owned(value))
    }

    fn optional_text(value: Option<&'a str>) -> Cell<'a> {
        value.map(Cell::text).unwrap_or(Cell::Empty)
    }

    fn count(value: Option<u64>) -> Cell<'a> {
        value.map(|n| Cell::Number(n as f64)).unwrap_or(Cell::Empty)
    }
}

/// One row: a cell per column.
pub type Row<'a> = Vec<Cell<'a>>;

/// One export table.
pub struct Table {
    /// Its name: the CSV file is `data/<name>.csv`, the sheet is called so. What a row is
    /// comes from the wording, `export_table_<name>`.
    pub name: &'static str,
    /// Its columns.
    pub columns: &'static [Column],
    /// The type of page its rows are made from.
    pub content: ContentType,
    /// The rows of page `i` (of type `content`).
    pub rows: for<'a> fn(&Env<'a>, usize) -> Vec<Row<'a>>,
    /// Whether the fields the site adds to pages of type `content` follow its own columns.
    pub site_fields: bool,
}

const fn column(name: &'static str, hxl: &'static str, kind: Kind) -> Column {
    Column { name: Cow::Borrowed(name), hxl: Cow::Borrowed(hxl), kind }
}

const COMMUNITY_ID: Column = column("community_id", "#loc+id", Kind::Text);
const COMMUNITY: Column = column("community", "#loc+name", Kind::Text);
const COUNTRY: Column = column("country", "#country+name", Kind::Text);
const COUNTRY_CODE: Column = column("country_code", "#country+code", Kind::Text);
const ADMIN1: Column = column("admin1", "#adm1+name", Kind::Text);
const ADMIN2: Column = column("admin2", "#adm2+name", Kind::Text);
const ADMIN3: Column = column("admin3", "#adm3+name", Kind::Text);
const PLACE_CODE: Column = column("place_code", "#loc+code", Kind::Text);
const POPULATION: Column = column("population", "#population", Kind::Integer);
const ASSESSED: Column = column("assessed", "#date+assessed", Kind::Date);

/// `indicators.csv`: one row per community and indicator, one more per disaggregated part.
pub const INDICATORS: Table = Table {
    name: "indicators",
    columns: &[
        COMMUNITY_ID,
        COMMUNITY,
        COUNTRY,
        COUNTRY_CODE,
        ADMIN1,
        ADMIN2,
        ADMIN3,
        PLACE_CODE,
        POPULATION,
        ASSESSED,
        column("indicator_id", "#indicator+code", Kind::Text),
        column("indicator", "#indicator+name", Kind::Text),
        column("group", "#indicator+group", Kind::Text),
        column("dimension", "#indicator+dimension", Kind::Text),
        column("part", "#indicator+part", Kind::Text),
        column("value", "#indicator+num", Kind::Number),
        column("value_text", "#meta+value+text", Kind::Text),
        column("unit", "#indicator+unit", Kind::Text),
        column("source", "#meta+source", Kind::Text),
        column("method", "#meta+method", Kind::Text),
        column("date", "#date+collected", Kind::Date),
        column("n", "#indicator+respondents", Kind::Integer),
        column("confidence", "#meta+confidence", Kind::Text),
    ],
    content: ContentType::Community,
    rows: indicator_rows,
    site_fields: false,
};

/// `criteria.csv`: one row per community and criterion.
pub const CRITERIA: Table = Table {
    name: "criteria",
    columns: &[
        COMMUNITY_ID,
        COMMUNITY,
        COUNTRY,
        COUNTRY_CODE,
        PLACE_CODE,
        POPULATION,
        ASSESSED,
        column("criterion_id", "#indicator+criterion+code", Kind::Text),
        column("criterion", "#indicator+criterion+name", Kind::Text),
        column("status", "#status", Kind::Text),
        column("evidence", "#description", Kind::Text),
    ],
    content: ContentType::Community,
    rows: criteria_rows,
    site_fields: false,
};

/// `communities.csv`: one row per community.
pub const COMMUNITIES: Table = Table {
    name: "communities",
    columns: &[
        COMMUNITY_ID,
        COMMUNITY,
        COUNTRY,
        COUNTRY_CODE,
        ADMIN1,
        ADMIN2,
        ADMIN3,
        PLACE_CODE,
        column("latitude", "#geo+lat", Kind::Number),
        column("longitude", "#geo+lon", Kind::Number),
        POPULATION,
        ASSESSED,
        column("reviewed", "#date+reviewed", Kind::Date),
        column("review_due", "#date+due", Kind::Date),
        column("url", "#meta+url", Kind::Address),
    ],
    content: ContentType::Community,
    rows: community_rows,
    site_fields: true,
};

/// `projects.csv`: one row per published project.
pub const PROJECTS: Table = Table {
    name: "projects",
    columns: &[
        column("project_id", "#activity+code", Kind::Text),
        column("project", "#activity+name", Kind::Text),
        column("approach", "#activity+approach", Kind::Text),
        column("stage", "#status+stage", Kind::Text),
        column("start", "#date+start", Kind::Date),
        column("end", "#date+end", Kind::Date),
        column("communities", "#loc+id", Kind::Text),
        column("country_codes", "#country+code", Kind::Text),
        column("implementers", "#org+impl", Kind::Text),
        column("sectors", "#sector+code", Kind::Text),
        column("url", "#meta+url", Kind::Address),
    ],
    content: ContentType::Project,
    rows: project_rows,
    site_fields: true,
};

/// `case_studies.csv`: one row per published case study.
pub const CASE_STUDIES: Table = Table {
    name: "case_studies",
    columns: &[
        column("case_study_id", "#meta+case_study+code", Kind::Text),
        column("case_study", "#meta+case_study+name", Kind::Text),
        COUNTRY,
        COUNTRY_CODE,
        column("communities", "#loc+id", Kind::Text),
        column("approaches", "#activity+approach", Kind::Text),
        column("sectors", "#sector+code", Kind::Text),
        column("written", "#date+written", Kind::Date),
        column("credit", "#meta+source", Kind::Text),
        column("source_url", "#meta+source+url", Kind::Text),
        column("url", "#meta+url", Kind::Address),
    ],
    content: ContentType::CaseStudy,
    rows: case_study_rows,
    site_fields: true,
};

/// Every table, in the order of the spreadsheet's sheets.
pub const TABLES: [&Table; 5] = [&INDICATORS, &CRITERIA, &COMMUNITIES, &PROJECTS, &CASE_STUDIES];

/// What separates the items of a list in one cell (a project's communities): the same in every
/// language, so that scripts split them.
pub const LIST_SEPARATOR: &str = "; ";

/// The fields the site adds to pages of `table`'s type (`[[fields]]` with `types =
/// ["community"]`, or `["project"]`) that this build exports, in the schema's order: as the pages
/// show them, so a sensitive one only in the internal build. None for a table without them. No
/// such field is named as a column of the table: the schema refuses those names
/// ([`crate::schema::export_columns`]).
pub(super) fn site_fields<'a>(env: &Env<'a>, table: &'static Table) -> impl Iterator<Item = (usize, &'a Field)> {
    let shows_sensitive = env.site.audience.shows_sensitive();
    env.schema
        .fields_of(table.content)
        .filter(move |(_, field)| table.site_fields && !field.builtin && (shows_sensitive || !field.sensitive))
}

/// The columns of the site's own fields in `table`, after its own, each with what it holds (its
/// description in the site's language, else its label): a number a number, a whole number an
/// integer, a date a date, anything else text. Each is tagged `#meta` with its name as HXL's
/// attribute (`#meta+distance_km`).
pub fn site_columns(env: &Env<'_>, table: &'static Table) -> Vec<(Column, String)> {
    site_fields(env, table)
        .map(|(_, field)| {
            let kind = match field.kind {
                FieldKind::Number => Kind::Number,
                FieldKind::Integer => Kind::Integer,
                FieldKind::Date => Kind::Date,
                _ => Kind::Text,
            };
            let column = Column { name: Cow::Owned(field.name.clone()), hxl: Cow::Owned(hxl_meta(&field.name)), kind };
            let about = if field.term.description.is_empty() { &field.term.label } else { &field.term.description };
            (column, about.clone())
        })
        .collect()
}

/// `#meta+<name>`: HXL's attributes are lowercase letters, digits and underscores, after a letter.
fn hxl_meta(name: &str) -> String {
    let mut attribute: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
    if !attribute.starts_with(|c: char| c.is_ascii_lowercase()) {
        attribute.insert(0, 'f');
    }
    format!("#meta+{attribute}")
}

/// The cell of a site field's value in the communities' table (empty when not given).
fn site_cell(value: Option<&ExtraValue>) -> Cell<'_> {
    match value {
        None => Cell::Empty,
        Some(ExtraValue::Text(text)) => Cell::text(text),
        Some(ExtraValue::List(items)) => Cell::owned(items.join(LIST_SEPARATOR)),
        Some(ExtraValue::Date(d)) => Cell::Date(*d),
        Some(ExtraValue::Integer(n)) => Cell::Number(*n as f64),
        Some(ExtraValue::Number(n)) => Cell::Number(*n),
        Some(ExtraValue::YesNo(yes)) => Cell::text(if *yes { "yes" } else { "no" }),
        Some(ExtraValue::Url(reference)) => Cell::text(&reference.id),
    }
}

/// Document `i` and its profile, if it is one.
fn profile<'a>(env: &Env<'a>, i: usize) -> Option<(&'a Doc, &'a Community)> {
    let doc = &env.site.docs[i];
    Some((doc, doc.community()?))
}

fn area(c: &Community, k: usize) -> Cell<'_> {
    Cell::optional_text(c.admin_areas.get(k).map(String::as_str))
}

fn indicator_rows<'a>(env: &Env<'a>, i: usize) -> Vec<Row<'a>> {
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
        let value_text = if e.value == IndicatorValue::Unknown { Cow::Borrowed("unknown") } else { Cow::Owned(text) };
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
        let mut part_row = |dimension: &'a str, part: &'a str, value: Cell<'a>, value_text: Cow<'a, str>| {
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
                // As the entry's own value is written: in the site's language (`2 %` in French).
                part_row("", &p.name, Cell::Number(p.value), Cow::Owned(env.locale.percent(p.value)));
            }
        }
        for (d, dis) in e.disaggregation.iter().enumerate().filter(|(d, _)| !protection.withheld(*d)) {
            let dimension = &schema.disaggregations[dis.dimension].term.id;
            for (k, p) in dis.parts.iter().enumerate() {
                let shown = protection.part(d, k);
                let text = super::super::format::part_text(indicator.kind, p.value, shown, env.masking, env.locale);
                let number = if shown.masked() { Cell::Empty } else { Cell::Number(p.value) };
                part_row(dimension, &p.name, number, Cow::Owned(text));
            }
        }
    }
    rows
}

fn criteria_rows<'a>(env: &Env<'a>, i: usize) -> Vec<Row<'a>> {
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

fn community_rows<'a>(env: &Env<'a>, i: usize) -> Vec<Row<'a>> {
    let Some((doc, c)) = profile(env, i) else { return Vec::new() };
    let (due, _) = c.review(env.review_months, env.today);
    let shown = c.location.and_then(|l| crate::disclosure::location::shown(l, env.location_rule));
    let mut row = vec![
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
        Cell::owned(env.export_address(i)),
    ];
    push_site_cells(env, &COMMUNITIES, doc, &mut row);
    vec![row]
}

/// The cells of the site's own fields of `doc` in `table`, at the end of `row`.
fn push_site_cells<'a>(env: &Env<'a>, table: &'static Table, doc: &'a Doc, row: &mut Row<'a>) {
    for (index, _) in site_fields(env, table) {
        row.push(site_cell(doc.extra_value(index)));
    }
}

fn project_rows<'a>(env: &Env<'a>, i: usize) -> Vec<Row<'a>> {
    let doc = &env.site.docs[i];
    let Some(p) = doc.project() else { return Vec::new() };
    let schema = env.schema;
    let site = env.site;
    // Only the communities this build publishes (as the link stage found them): a
    // confidential one is no id of a public file.
    let communities = &site.community_refs[i];
    let mut codes: Vec<&str> =
        communities.iter().filter_map(|&t| site.docs[t].community()?.country_code.as_deref()).collect();
    codes.sort_unstable();
    codes.dedup();
    let mut row = vec![
        Cell::text(&doc.slug),
        Cell::text(&doc.title),
        Cell::text(&schema.approaches[p.approach].term.id),
        Cell::optional_text(p.stage.map(|s| schema.project_stages[s].id.as_str())),
        p.start.map(Cell::Date).unwrap_or(Cell::Empty),
        p.end.map(Cell::Date).unwrap_or(Cell::Empty),
        joined(communities.iter().map(|&t| site.docs[t].slug.as_str()).collect()),
        joined(codes),
        joined(p.implementers.iter().map(String::as_str).collect()),
        joined(p.sectors.iter().map(|&s| schema.sectors[s].id.as_str()).collect()),
        Cell::owned(env.export_address(i)),
    ];
    push_site_cells(env, &PROJECTS, doc, &mut row);
    vec![row]
}

/// The cell of a list: its items joined by [`LIST_SEPARATOR`], empty when there are none.
fn joined<'a>(items: Vec<&str>) -> Cell<'a> {
    if items.is_empty() { Cell::Empty } else { Cell::owned(items.join(LIST_SEPARATOR)) }
}

fn case_study_rows<'a>(env: &Env<'a>, i: usize) -> Vec<Row<'a>> {
    let doc = &env.site.docs[i];
    let Details::CaseStudy(c) = &doc.details else { return Vec::new() };
    let schema = env.schema;
    let site = env.site;
    // As for a project: only the communities this build publishes.
    let communities = &site.community_refs[i];
    let mut row = vec![
        Cell::text(&doc.slug),
        Cell::text(&doc.title),
        Cell::optional_text(c.country.as_deref()),
        Cell::optional_text(c.country.as_deref().and_then(crate::country::code_of)),
        joined(communities.iter().map(|&t| site.docs[t].slug.as_str()).collect()),
        joined(c.approaches.iter().map(|&a| schema.approaches[a].term.id.as_str()).collect()),
        joined(c.sectors.iter().map(|&s| schema.sectors[s].id.as_str()).collect()),
        c.date.map(Cell::Date).unwrap_or(Cell::Empty),
        Cell::optional_text(c.source.as_deref()),
        c.source_url.as_ref().and_then(|link| env.export_link(i, link)).map_or(Cell::Empty, Cell::owned),
        Cell::owned(env.export_address(i)),
    ];
    push_site_cells(env, &CASE_STUDIES, doc, &mut row);
    vec![row]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_has_one_hashtag_per_column_and_unique_names() {
        for table in TABLES {
            let mut names: Vec<&str> = table.columns.iter().map(|c| c.name.as_ref()).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), table.columns.len(), "{}", table.name);
            assert!(table.columns.iter().all(|c| c.hxl.starts_with('#')));
        }
    }

    #[test]
    fn the_schema_knows_the_columns_a_site_s_field_could_clash_with() {
        let names = |table: &Table| table.columns.iter().map(|c| c.name.to_string()).collect::<Vec<_>>();
        assert_eq!(names(&COMMUNITIES), crate::schema::export_columns::COMMUNITIES);
        assert_eq!(names(&PROJECTS), crate::schema::export_columns::PROJECTS);
        assert_eq!(names(&CASE_STUDIES), crate::schema::export_columns::CASE_STUDIES);
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
