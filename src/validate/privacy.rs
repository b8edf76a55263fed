//! Warnings about what looks like personal data in content that may be published: email
//! addresses and phone numbers anywhere, and people's names in fields meant for
//! organizations. Fields that never reach a public site (sensitive fields and indicators,
//! confidential pages) may hold such things and are not scanned.

use super::read::Reader;
use crate::diagnostic::{Diagnostic, WARNINGS_SHOWN_PER_FILE, more_warnings};
use crate::load::{Node, NodeKind};
use crate::model::{ContentType, Status};
use crate::schema::Schema;
use crate::source::Span;

/// Words that mark an organization rather than a person, in English, French and Spanish.
const ORGANIZATION_WORDS: [&str; 82] = [
    "association",
    "associations",
    "ministry",
    "ministère",
    "ministerio",
    "team",
    "équipe",
    "equipo",
    "programme",
    "program",
    "programa",
    "project",
    "projet",
    "proyecto",
    "committee",
    "comité",
    "council",
    "conseil",
    "consejo",
    "office",
    "department",
    "foundation",
    "fondation",
    "fundación",
    "cooperative",
    "coopérative",
    "cooperativa",
    "network",
    "réseau",
    "red",
    "union",
    "group",
    "groupe",
    "grupo",
    "federation",
    "fédération",
    "federación",
    "municipality",
    "municipalité",
    "municipalidad",
    "commune",
    "centre",
    "center",
    "centro",
    "university",
    "université",
    "universidad",
    "institute",
    "institut",
    "instituto",
    "agency",
    "agence",
    "agencia",
    "service",
    "services",
    "organization",
    "organisation",
    "organización",
    "society",
    "société",
    "sociedad",
    "club",
    "alliance",
    "collective",
    "collectif",
    "initiative",
    "mission",
    "partners",
    "bank",
    "banque",
    "banco",
    "authority",
    "government",
    "gouvernement",
    "gobierno",
    "bureau",
    "hospital",
    "hôpital",
    "school",
    "école",
    "escuela",
    "unit",
];

/// Titles that precede a person's name.
const HONORIFICS: [&str; 12] = ["mr", "mrs", "ms", "miss", "dr", "mme", "mlle", "m.", "sr", "sra", "srta", "don"];

/// Scan one document for personal data. `entries` are its frontmatter fields.
pub(super) fn scan(
    reader: &mut Reader<'_>,
    schema: &Schema,
    content_type: ContentType,
    status: Status,
    entries: &[crate::load::Entry],
    body_start: usize,
) {
    if status == Status::Confidential {
        return;
    }
    // What looks like an email address or a phone number: (start, end, kind) in the file.
    let mut found: Vec<(usize, usize, &'static str)> = Vec::new();
    for entry in entries {
        let Some(field) = schema.field(content_type, &entry.key) else { continue };
        if field.sensitive {
            continue;
        }
        if entry.key == "indicators" {
            for indicator in entry.value.as_map().unwrap_or(&[]) {
                if schema.indicators.by_id(&indicator.key).is_some_and(|i| i.sensitive) {
                    continue;
                }
                scan_node(reader, &indicator.value, &mut found);
            }
            continue;
        }
        if field.organizations {
            for item in items(&entry.value) {
                if let Some(text) = item.as_scalar().map(|s| s.text.trim())
                    && looks_like_a_person(text)
                {
                    reader.push(
                        Diagnostic::warning(
                            "personal-name",
                            reader.at(item.span),
                            format!("`{text}` looks like a person's name, in a field meant for organizations"),
                        )
                        .with_help(format!(
                            "`{}` is published; name the organization, and keep people's names in `contacts`, which never is",
                            entry.key
                        )),
                    );
                }
            }
        }
        scan_node(reader, &entry.value, &mut found);
    }
    let body = &reader.source.text[body_start.min(reader.source.text.len())..];
    found.extend(
        find_personal_data(body).into_iter().map(|(start, end, what)| (body_start + start, body_start + end, what)),
    );
    report(reader, &found);
}

fn items(node: &Node) -> Vec<&Node> {
    match &node.kind {
        NodeKind::Seq(items) => items.iter().collect(),
        NodeKind::Scalar(_) => vec![node],
        NodeKind::Map(_) => Vec::new(),
    }
}

fn scan_node(reader: &Reader<'_>, node: &Node, found: &mut Vec<(usize, usize, &'static str)>) {
    match &node.kind {
        NodeKind::Scalar(_) => {
            // Scan the text as written, so positions are exact.
            let at = node.span.start as usize;
            found.extend(
                find_personal_data(reader.source.slice(node.span))
                    .into_iter()
                    .map(|(s, e, what)| (at + s, at + e, what)),
            );
        }
        NodeKind::Seq(items) => items.iter().for_each(|i| scan_node(reader, i, found)),
        NodeKind::Map(entries) => entries.iter().for_each(|e| scan_node(reader, &e.value, found)),
    }
}

/// One warning for each of the first few findings of a kind, and one for the rest: a file
/// with 20,000 addresses gets 21 warnings, each located in time that does not grow with the
/// others.
fn report(reader: &mut Reader<'_>, found: &[(usize, usize, &'static str)]) {
    for kind in ["email", "phone"] {
        let code = if kind == "email" { "personal-email" } else { "personal-phone" };
        let of_kind: Vec<Span> =
            found.iter().filter(|f| f.2 == kind).map(|&(start, end, _)| Span::new(start, end)).collect();
        for &span in of_kind.iter().take(WARNINGS_SHOWN_PER_FILE) {
            let shown = reader.source.slice(span).to_string();
            reader.push(
                Diagnostic::warning(
                    code,
                    reader.at(span),
                    format!("`{shown}` looks like {} and this page may be published", if kind == "email" { "an email address" } else { "a phone number" }),
                )
                .with_help("personal contact details can put people at risk: move them to `contacts`, which is never published, or remove them"),
            );
        }
        if let Some(&first_hidden) = of_kind.get(WARNINGS_SHOWN_PER_FILE) {
            reader.push(more_warnings(code, of_kind.len() - WARNINGS_SHOWN_PER_FILE, reader.at(first_hidden)));
        }
    }
}

/// Email addresses and phone numbers in `text`: (start, end, "email" or "phone") in bytes.
pub(super) fn find_personal_data(text: &str) -> Vec<(usize, usize, &'static str)> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    // Email addresses: around each @, a local part and a domain with a dot.
    for (at, _) in text.match_indices('@') {
        let local = |b: u8| b.is_ascii_alphanumeric() || b"._%+-".contains(&b);
        let domain = |b: u8| b.is_ascii_alphanumeric() || b".-".contains(&b);
        let start = bytes[..at].iter().rposition(|&b| !local(b)).map_or(0, |p| p + 1);
        let mut end = at + 1 + bytes[at + 1..].iter().position(|&b| !domain(b)).unwrap_or(bytes.len() - at - 1);
        while end > at + 1 && bytes[end - 1] == b'.' {
            end -= 1;
        }
        let host = &text[at + 1..end];
        let tld_ok =
            host.rsplit('.').next().is_some_and(|t| t.len() >= 2 && t.bytes().all(|b| b.is_ascii_alphabetic()));
        if start < at && host.contains('.') && tld_ok {
            found.push((start, end, "email"));
        }
    }
    // Phone numbers: a + and 8 to 15 digits, or 8 to 13 digits in at least three groups.
    let mut i = 0;
    while i < bytes.len() {
        // Prose has long runs without a digit or a +: skip them 16 bytes at a time, checked
        // without branches (which the compiler turns into vector code).
        while i + 16 <= bytes.len()
            && !bytes[i..i + 16].iter().fold(false, |any, &b| any | b.is_ascii_digit() | (b == b'+'))
        {
            i += 16;
        }
        if i >= bytes.len() {
            break;
        }
        let b = bytes[i];
        let starts = (b == b'+' || b.is_ascii_digit()) && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric());
        if !starts {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < bytes.len() && (bytes[end].is_ascii_digit() || b" -.()".contains(&bytes[end])) {
            end += 1;
        }
        while end > i && !bytes[end - 1].is_ascii_digit() {
            end -= 1;
        }
        let run = &text[i..end];
        let digits = run.bytes().filter(u8::is_ascii_digit).count();
        let groups = run.split(|c: char| !c.is_ascii_digit()).filter(|g| !g.is_empty()).count();
        let followed_by_word = end < bytes.len() && bytes[end].is_ascii_alphabetic();
        let is_date = run.len() == 10 && run.as_bytes()[4] == b'-' && run.as_bytes()[7] == b'-';
        let phone = !followed_by_word
            && !is_date
            && ((b == b'+' && (8..=15).contains(&digits))
                || ((8..=13).contains(&digits) && groups >= 3 && !run.contains('.')));
        if phone {
            found.push((i, end, "phone"));
        }
        i = end.max(i + 1);
    }
    found.sort();
    found
}

/// True for "Fatima Zahra Benali" or "Mr Diallo"; false for "Association Tadamoun Nord",
/// "IOM" or "Reintegration programme field team".
pub(super) fn looks_like_a_person(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 {
        return false;
    }
    let first = words[0].trim_end_matches('.').to_lowercase();
    if words.len() >= 2 && HONORIFICS.contains(&first.as_str()) {
        return true;
    }
    if words.len() < 2 {
        return false;
    }
    words.iter().all(|w| {
        let lower = w.to_lowercase();
        let mut chars = w.chars();
        let capitalized = chars.next().is_some_and(char::is_uppercase)
            && chars.clone().next().is_some()
            && chars.all(|c| c.is_lowercase() || c == '-' || c == '\'' || c == '’');
        capitalized && !ORGANIZATION_WORDS.contains(&lower.as_str())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, &'static str)> {
        find_personal_data(text).into_iter().map(|(s, e, k)| (&text[s..e], k)).collect()
    }

    #[test]
    fn emails_and_phones_are_found() {
        assert_eq!(kinds("Write to fatima.b@example.org."), [("fatima.b@example.org", "email")]);
        assert_eq!(kinds("Call +212 6 12 34 56 78 today"), [("+212 6 12 34 56 78", "phone")]);
        assert_eq!(kinds("or 77 123 45 67"), [("77 123 45 67", "phone")]);
        // Long prose is skipped in blocks: a number must be found wherever a block ends.
        for padding in 0..40 {
            let text = format!("{} call +212 6 12 34 56 78 or 77 123 45 67", "a".repeat(padding));
            assert_eq!(kinds(&text), [("+212 6 12 34 56 78", "phone"), ("77 123 45 67", "phone")], "{text}");
        }
    }

    #[test]
    fn ordinary_figures_are_not_phones() {
        for text in [
            "assessed on 2026-02-20 with 212 respondents",
            "population 18,400 and 12.5 per 1,000",
            "place code SN-TC-GD-0058",
            "from 2024 to 2026",
            "returnees 36%, non-migrants 42%",
            "@mentions without a domain",
        ] {
            assert!(kinds(text).is_empty(), "{text}: {:?}", kinds(text));
        }
    }

    #[test]
    fn names_are_told_from_organizations() {
        assert!(looks_like_a_person("Fatima Zahra Benali"));
        assert!(looks_like_a_person("Mr Diallo"));
        assert!(looks_like_a_person("Dr. Amina Sow"));
        for org in [
            "Association Tadamoun Nord",
            "IOM",
            "Reintegration programme field team",
            "ADESCO Villa Los Almendros",
            "Commune de Goudiry",
            "Fédération des associations villageoises de Goudiry",
        ] {
            assert!(!looks_like_a_person(org), "{org}");
        }
    }
}
