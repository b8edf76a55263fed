//! What the exports say about themselves, in the site's language: what a row of each table
//! is, what each column holds (the spreadsheet's sheet of columns, the data package's field
//! descriptions) and the JSON Schemas' descriptions, from the theme's wording files
//! (`export_*` keys). Column names, HXL hashtags, table and sheet names and JSON property
//! names stay as they are in every language: scripts and data tools read them.

use super::table::{Column, Kind, TABLES};
use crate::locale::Locale;

/// The exports' descriptions in one language, for a site published at one address (if any),
/// made once per build.
#[derive(Debug, Clone)]
pub struct Descriptions {
    /// What a row is, per table of [`TABLES`].
    tables: Vec<String>,
    /// The columns of each table of [`TABLES`] in this build: the table's own, then those of
    /// the site's own fields (of profiles, of projects).
    layout: Vec<Vec<Column>>,
    /// What each column of `layout` holds, with which kind of address an address column holds.
    columns: Vec<Vec<String>>,
    /// The sentence said of a table whose sheet could not hold every row, `{file}` to fill.
    cut: String,
    /// The heading of the sheet of columns: sheet, column, HXL, type, meaning.
    pub heading: [String; 5],
    /// The names of the kinds of columns, in the order of [`Kind::ALL`].
    kinds: Vec<String>,
    /// The JSON Schemas' wording.
    pub json: JsonWording,
}

/// What the JSON Schemas of the profiles say.
#[derive(Debug, Clone)]
pub struct JsonWording {
    /// The title of a profile's schema, `{title}` to fill with the site's.
    pub community_title: String,
    /// The title of `communities.json`'s schema, `{title}` to fill.
    pub communities_title: String,
    /// The title of `projects.json`'s schema, `{title}` to fill.
    pub projects_title: String,
    /// The title of a project's own file's schema, `{title}` to fill.
    pub project_title: String,
    /// The title of `case_studies.json`'s schema, `{title}` to fill.
    pub case_studies_title: String,
    /// The title of a case study's own file's schema, `{title}` to fill.
    pub case_study_title: String,
    /// What a case study's `url` holds.
    pub case_study_url: String,
    /// What a project's `url` holds.
    pub project_url: String,
    /// What an indicator's `value` holds.
    pub value: String,
    /// What a profile's `url` holds.
    pub profile_url: String,
    /// What a reference's `url` holds.
    pub reference_url: String,
}

impl Descriptions {
    /// The descriptions in `locale`'s language, for a site published at `base_url` (if any),
    /// with `site_columns[t]` after the own columns of table `t` (see
    /// [`super::table::site_columns`]), each with what it holds.
    pub fn new(locale: &Locale, base_url: Option<&str>, site_columns: Vec<Vec<(Column, String)>>) -> Descriptions {
        let text = |key: &str| locale.text(key).to_string();
        let address = match base_url {
            Some(base) => text("export_address_full").replace("{base_url}", base),
            None => text("export_address_relative"),
        };
        let meaning = |column: &Column| {
            let about = text(&column.wording_key());
            if column.kind == Kind::Address { format!("{about} {address}") } else { about }
        };
        let json_address = |what: &str| match base_url {
            Some(base) => text("export_json_address_full").replace("{what}", what).replace("{base_url}", base),
            None => text("export_json_address_relative").replace("{what}", what),
        };
        let mut layout: Vec<Vec<Column>> = TABLES.iter().map(|table| table.columns.to_vec()).collect();
        let mut columns: Vec<Vec<String>> =
            TABLES.iter().map(|table| table.columns.iter().map(meaning).collect()).collect();
        for (t, added) in site_columns.into_iter().enumerate().take(TABLES.len()) {
            for (column, about) in added {
                layout[t].push(column);
                columns[t].push(about);
            }
        }
        Descriptions {
            tables: TABLES.iter().map(|table| text(&format!("export_table_{}", table.name))).collect(),
            layout,
            columns,
            cut: text("export_sheet_cut"),
            heading: ["sheet", "column", "hxl", "type", "meaning"].map(|key| text(&format!("export_heading_{key}"))),
            kinds: Kind::ALL.iter().map(|kind| text(&format!("export_kind_{}", kind.id()))).collect(),
            json: JsonWording {
                community_title: text("export_json_community_title"),
                communities_title: text("export_json_communities_title"),
                projects_title: text("export_json_projects_title"),
                project_title: text("export_json_project_title"),
                case_studies_title: text("export_json_case_studies_title"),
                case_study_title: text("export_json_case_study_title"),
                case_study_url: json_address(locale.text("export_json_case_study_page")),
                project_url: json_address(locale.text("export_json_project_page")),
                value: text("export_json_value"),
                profile_url: json_address(locale.text("export_json_profile_page")),
                reference_url: json_address(locale.text("export_json_referring_page")),
            },
        }
    }

    /// What a row of table `t` (of [`TABLES`]) is.
    pub fn table(&self, t: usize) -> &str {
        &self.tables[t]
    }

    /// The columns of table `t` (of [`TABLES`]) in this build.
    pub fn columns(&self, t: usize) -> &[Column] {
        &self.layout[t]
    }

    /// What column `c` of table `t` holds.
    pub fn column(&self, t: usize, c: usize) -> &str {
        &self.columns[t][c]
    }

    /// What a row of table `t` is, saying that its sheet holds as many rows as a sheet can.
    pub fn cut_table(&self, t: usize) -> String {
        let file = format!("{}.csv", TABLES[t].name);
        format!("{} {}", self.tables[t], self.cut.replace("{file}", &file))
    }

    /// The name of a kind of column.
    pub fn kind(&self, kind: Kind) -> &str {
        let k = Kind::ALL.iter().position(|&k| k == kind).unwrap_or(0);
        &self.kinds[k]
    }
}

/// The descriptions in English, from the default theme's wording, for tests.
#[cfg(test)]
pub(crate) fn english(base_url: Option<&str>) -> Descriptions {
    Descriptions::new(&shipped("en"), base_url, Vec::new())
}

/// The default theme's locale of `tag`, read from its wording files, for tests.
#[cfg(test)]
pub(crate) fn shipped(tag: &str) -> Locale {
    let mut files = std::collections::BTreeMap::new();
    for lang in ["en", "fr", "es", "ar"] {
        let path = format!("{}/themes/default/i18n/{lang}.toml", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap();
        files.insert(lang.to_string(), crate::locale::Wording::parse(&text).unwrap());
    }
    Locale::new(tag, &files)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every description the exports use is in the English wording, so in every shipped
    /// language too (the wording files' completeness test holds them to English's keys).
    #[test]
    fn every_description_is_worded() {
        let en = shipped("en");
        let mut keys: Vec<String> = TABLES.iter().map(|t| format!("export_table_{}", t.name)).collect();
        keys.extend(TABLES.iter().flat_map(|t| t.columns.iter().map(Column::wording_key)));
        keys.extend(Kind::ALL.iter().map(|k| format!("export_kind_{}", k.id())));
        keys.extend(["sheet", "column", "hxl", "type", "meaning"].map(|k| format!("export_heading_{k}")));
        for key in [
            "export_sheet_cut",
            "export_address_full",
            "export_address_relative",
            "export_json_community_title",
            "export_json_communities_title",
            "export_json_projects_title",
            "export_json_project_title",
            "export_json_case_studies_title",
            "export_json_case_study_title",
            "export_json_case_study_page",
            "export_json_project_page",
            "export_json_value",
            "export_json_profile_page",
            "export_json_referring_page",
            "export_json_address_full",
            "export_json_address_relative",
        ] {
            keys.push(key.to_string());
        }
        for key in keys {
            assert!(en.texts().contains_key(&key), "en.toml lacks `{key}`");
        }
    }

    #[test]
    fn descriptions_are_in_the_site_s_language_and_an_address_says_which_kind_it_is() {
        let url = TABLES[2].columns.iter().position(|c| c.name == "url").unwrap();
        let en = english(Some("https://example.org/site/"));
        assert_eq!(
            en.column(2, url),
            "The page of the row's profile, project or case study. A full web address, under https://example.org/site/."
        );
        assert_eq!(en.column(2, 0), "The profile's id, as in its address.");
        let relative = english(None);
        assert!(
            relative.column(2, url).contains("relative to the site's folder")
                && relative.column(2, url).contains("`base_url`")
        );
        let fr = Descriptions::new(&shipped("fr"), None, Vec::new());
        assert_eq!(fr.column(2, 1), "Le nom de la communauté.");
        assert_eq!(fr.table(1), "Une ligne par communauté et par critère d'environnement favorable.");
        assert!(fr.cut_table(0).ends_with("indicators.csv les contient toutes."), "{}", fr.cut_table(0));
        assert!(
            fr.json.profile_url.starts_with("La page du profil, relative au dossier du site"),
            "{}",
            fr.json.profile_url
        );
        assert_eq!(fr.kind(Kind::Integer), "nombre entier");
        let ar = Descriptions::new(&shipped("ar"), Some("https://example.org/"), Vec::new());
        assert_eq!(
            ar.column(2, url),
            "صفحة ما يخصه الصف: ملف التعريف أو المشروع أو دراسة الحالة. عنوان ويب كامل، ضمن https://example.org/."
        );
        assert_eq!(ar.heading[4], "المعنى");
    }
}
