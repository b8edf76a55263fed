//! A [`Form`] written as an XLSForm workbook: the sheets `survey`, `choices` and `settings`
//! that KoBoToolbox, ODK Central and ODK's own converter (`xls2xform`) read. The workbook's
//! creation date is fixed, so the same form gives the same bytes. Labels, hints and
//! constraint messages have a column per language when the form has several (`hint::French
//! (fr)`), which ODK reads as translations.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, Worksheet, XlsxError};

use super::form::{Answer, Form, VERSION_FIELD, language_name};
use crate::schema::Schema;

/// The workbook's bytes.
pub fn workbook_bytes(form: &Form, schema: &Schema) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created).set_title(&form.title));
    let several = form.languages.len() > 1;
    // The columns of what is said in each language: `label` for one language,
    // `label::English (en)` and so on for several; hints and constraint messages the same way.
    let columns = |column: &str| -> Vec<String> {
        if several {
            form.languages.iter().map(|l| format!("{column}::{}", language_name(l))).collect()
        } else {
            vec![column.to_string()]
        }
    };
    let label_columns = columns("label");

    let survey = workbook.add_worksheet();
    survey.set_name("survey")?;
    let mut header: Vec<String> = vec!["type".into(), "name".into()];
    header.extend(label_columns.iter().cloned());
    header.extend(columns("hint"));
    header.extend(["required".into(), "constraint".into()]);
    header.extend(columns("constraint_message"));
    header.push("calculation".into());
    let calculation_column = header.len() - 1;
    write_row(survey, 0, &header)?;
    let mut row = 1;
    let mut put = |sheet: &mut Worksheet, cells: Vec<String>| -> Result<(), XlsxError> {
        write_row(sheet, row, &cells)?;
        row += 1;
        Ok(())
    };
    let blank_labels = || vec![String::new(); label_columns.len()];
    for meta in ["start", "end"] {
        let mut cells = vec![meta.to_string(), meta.to_string()];
        cells.extend(blank_labels());
        put(survey, cells)?;
    }
    let mut group = None;
    for q in &form.questions {
        if q.group != group {
            if group.is_some() {
                put(survey, vec!["end_group".into()])?;
            }
            if let Some(g) = q.group {
                let mut cells = vec!["begin_group".into(), schema.indicator_groups[g].id.clone()];
                cells.extend(form.group_labels.get(g).into_iter().flatten().cloned());
                put(survey, cells)?;
            }
            group = q.group;
        }
        let kind = match q.answer {
            Answer::One(l) => format!("select_one {}", form.lists[l].name),
            Answer::Many(l) => format!("select_multiple {}", form.lists[l].name),
            Answer::Integer => "integer".into(),
            Answer::Decimal => "decimal".into(),
        };
        let mut cells = vec![kind, q.name.clone()];
        cells.extend(q.labels.iter().cloned());
        cells.extend(q.hints.iter().cloned());
        cells.push(if q.required { "yes".into() } else { String::new() });
        let (constraint, messages) = q.constraint.clone().unwrap_or_default();
        cells.push(constraint);
        cells.extend(messages);
        put(survey, cells)?;
    }
    if group.is_some() {
        put(survey, vec!["end_group".into()])?;
    }
    let mut cells = vec!["calculate".to_string(), VERSION_FIELD.to_string()];
    cells.resize(calculation_column, String::new());
    cells.push(format!("'{}'", form.version));
    put(survey, cells)?;

    let choices = workbook.add_worksheet();
    choices.set_name("choices")?;
    let mut header: Vec<String> = vec!["list_name".into(), "name".into()];
    header.extend(label_columns.iter().cloned());
    write_row(choices, 0, &header)?;
    let mut row = 1;
    for list in &form.lists {
        for choice in &list.choices {
            let mut cells = vec![list.name.clone(), choice.name.clone()];
            cells.extend(choice.labels.iter().cloned());
            write_row(choices, row, &cells)?;
            row += 1;
        }
    }

    let settings = workbook.add_worksheet();
    settings.set_name("settings")?;
    let mut header = vec!["form_title", "form_id", "version"];
    let mut values = vec![form.title.clone(), form.id.clone(), form.version.clone()];
    if several {
        header.push("default_language");
        values.push(language_name(&form.languages[0]));
    }
    write_row(settings, 0, &header.iter().map(|h| h.to_string()).collect::<Vec<_>>())?;
    write_row(settings, 1, &values)?;
    workbook.save_to_buffer()
}

fn write_row(sheet: &mut Worksheet, row: u32, cells: &[String]) -> Result<(), XlsxError> {
    for (c, text) in cells.iter().enumerate() {
        if !text.is_empty() {
            sheet.write_string(row, c as u16, text)?;
        }
    }
    Ok(())
}
