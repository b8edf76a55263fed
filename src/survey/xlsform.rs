//! A [`Form`] written as an XLSForm workbook: the sheets `survey`, `choices` and `settings`
//! that KoBoToolbox, ODK Central and ODK's own converter (`xls2xform`) read. The workbook's
//! creation date is fixed, so the same form gives the same bytes. Labels, hints and
//! constraint messages have a column per language when the form has several (`hint::French
//! (fr)`), which ODK reads as translations.
//!
//! A label is not plain text to the tools that read the form: `xls2xform` (pyxform) takes
//! `${name}` for a reference to a question (refusing a name the form has not, making an
//! `<output>` of one it has) and `instance(…)` for an expression, and ODK Collect and Enketo
//! show labels as markdown (`*em*`, `__strong__`, `# heading`, `[link](url)`, `<span>`,
//! lists, `&amp;` entities). None of them has an escape for `${`; Collect and Enketo take a
//! backslash before `\`, `*`, `_` and `#`. [`literal`] writes text from content (a profile's
//! title) so that it shows as typed.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, Worksheet, XlsxError};

use super::form::{Answer, Form, VERSION_FIELD, language_name};
use crate::schema::Schema;

/// U+2060 WORD JOINER: shown as nothing, no line break at it, and not a name character, so
/// that `$` and `{`, `]` and `(`, `<` and a tag's name, `&` and an entity's, with it between
/// them, are no longer read together.
const JOINER: char = '\u{2060}';

/// `text` as a label that shows as typed in ODK Collect, Enketo and KoBoToolbox, and that
/// `xls2xform` reads as text: a backslash before `\`, `*`, `_` and `#` (the escapes Collect and
/// Enketo take), and an invisible word joiner inside `${`, `](`, `<tag`, `&entity`,
/// `instance(` and before a line that would start a list (`- `, `+ `, `1. `), which have none.
pub fn literal(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        if i == 0 || chars[i - 1] == '\n' {
            let line = &chars[i..];
            let bullet = matches!(line, ['-' | '+', ' ', ..]);
            // A numbered line makes a list after a line break only (Enketo).
            let digits = line.iter().take_while(|d| d.is_ascii_digit()).count();
            let numbered = i > 0 && digits > 0 && matches!(line[digits..], ['.', ' ', ..]);
            if bullet || numbered {
                out.push(JOINER);
            }
        }
        match c {
            '\\' | '*' | '_' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '$' if next == Some('{') => out.extend([c, JOINER]),
            ']' if next == Some('(') => out.extend([c, JOINER]),
            '<' if next.is_some_and(|n| n.is_ascii_alphabetic() || n == '/') => out.extend([c, JOINER]),
            '&' if next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#') => out.extend([c, JOINER]),
            '(' if out.ends_with("instance") => out.extend([JOINER, c]),
            _ => out.push(c),
        }
    }
    out
}

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

/// Write `cells` into `row` of `sheet`, leaving empty cells blank.
fn write_row(sheet: &mut Worksheet, row: u32, cells: &[String]) -> Result<(), XlsxError> {
    for (c, text) in cells.iter().enumerate() {
        if !text.is_empty() {
            sheet.write_string(row, c as u16, text)?;
        }
    }
    Ok(())
}

/// What ODK Collect and Enketo show of a label [`literal`] wrote: the word joiners are not
/// seen, and a backslash before `\\`, `*`, `_` or `#` is not shown. An export whose headers
/// are the questions' labels may give either.
pub fn shown(label: &str) -> String {
    let mut out = String::new();
    let mut chars = label.chars().filter(|&c| c != JOINER).peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some('\\' | '*' | '_' | '#')) => out.push(chars.next().unwrap_or(c)),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every sign a form tool reads in a label is written so that it is not, and the label
    /// shows as typed; text without them is left as it is.
    #[test]
    fn text_from_content_is_written_to_show_as_typed() {
        for (typed, written) in [
            ("Douar ${foo}", "Douar $\u{2060}{foo}"),
            ("*x* and __y__", "\\*x\\* and \\_\\_y\\_\\_"),
            ("[a](https://example.org)", "[a]\u{2060}(https://example.org)"),
            ("# Douar", "\\# Douar"),
            ("C:\\douar\\*", "C:\\\\douar\\\\\\*"),
            (
                "<b>Ksar</b> &amp; <span style=\"color:red\">x</span>",
                "<\u{2060}b>Ksar<\u{2060}/b> &\u{2060}amp; <\u{2060}span style=\"color:red\">x<\u{2060}/span>",
            ),
            ("- Aïn", "\u{2060}- Aïn"),
            ("Two\n1. lines\n+ more", "Two\n\u{2060}1. lines\n\u{2060}+ more"),
            ("instance('x')/root", "instance\u{2060}('x')/root"),
        ] {
            assert_eq!(literal(typed), written, "{typed}");
            assert_eq!(shown(&literal(typed)), typed);
        }
        for plain in ["Médina Alpha", "أم الربيع", "1. Douar", "a < b & c", "$5 {x}", "[a] (b)", "Tom-Tom + 2"]
        {
            assert_eq!(literal(plain), plain);
        }
    }
}
