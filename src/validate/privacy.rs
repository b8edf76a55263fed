//! Warnings about what looks like personal data in content that may be published: email
//! addresses and phone numbers anywhere, and people's names in fields meant for
//! organizations. Fields that never reach a public site (sensitive fields and indicators,
//! confidential pages) may hold such things and are not scanned.

use super::read::Reader;
use crate::diagnostic::{Diagnostic, WARNINGS_SHOWN_PER_FILE, more_warnings};
use crate::load::{Node, NodeKind};
use crate::messages::Message;
use crate::model::{ContentType, Status};
use crate::schema::Schema;
use crate::source::Span;

/// Words that mark an organization rather than a person, in English, French and Spanish.
const ORGANIZATION_WORDS: &[&str] = &[
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
    // Names field teams write in French, Spanish and Arabic-speaking countries: Cruz Roja,
    // Alcaldía Municipal, Pastoral Social, GIE Jappo, Croissant-Rouge.
    "asociación",
    "asociacion",
    "alcaldía",
    "alcaldia",
    "mairie",
    "municipal",
    "comunal",
    "communal",
    "communautaire",
    "comunitaria",
    "comunitario",
    "pastoral",
    "caritas",
    "cáritas",
    "roja",
    "rojo",
    "rouge",
    "croix-rouge",
    "croissant-rouge",
    "cross",
    "crescent",
    "gie",
    "groupement",
    "mutuelle",
    "syndicat",
    "sindicato",
    "iglesia",
    "église",
    "parroquia",
    "paroisse",
    "mosquée",
    "mezquita",
    "ong",
    "ngo",
    "prefecture",
    "préfecture",
    "prefectura",
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
                        Diagnostic::warning_said(
                            "personal-name",
                            reader.at(item.span),
                            Message::new("privacy.name").with("value", text),
                        )
                        .with_help_said(Message::new("privacy.name-help").with("field", entry.key.as_str())),
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
                Diagnostic::warning_said(
                    code,
                    reader.at(span),
                    Message::new(if kind == "email" { "privacy.email" } else { "privacy.phone" }).with("value", shown),
                )
                .with_help_said(Message::new("privacy.contact-help")),
            );
        }
        if let Some(&first_hidden) = of_kind.get(WARNINGS_SHOWN_PER_FILE) {
            reader.push(more_warnings(code, of_kind.len() - WARNINGS_SHOWN_PER_FILE, reader.at(first_hidden)));
        }
    }
}

/// Email addresses and phone numbers in `text`: (start, end, "email" or "phone") in bytes.
///
/// One pass over the text: prose without a digit, `+`, `@`, an opening bracket or the first
/// byte of an Arabic-Indic or fullwidth character is skipped 16 bytes at a time, and each
/// candidate is read once, so the time grows with the text and nothing else.
pub(super) fn find_personal_data(text: &str) -> Vec<(usize, usize, &'static str)> {
    let mut found: Vec<(usize, usize, &'static str)> = Vec::new();
    let bytes = text.as_bytes();
    let interesting = |b: u8| {
        b.is_ascii_digit()
            | (b == b'+')
            | (b == b'@')
            | (b == b'(')
            | (b == b'[')
            | (b == b'{')
            | (b == 0xd9)
            | (b == 0xdb)
            | (b == 0xef)
    };
    let mut i = 0;
    while i < bytes.len() {
        // Skipped without branches, which the compiler turns into vector code.
        while i + 16 <= bytes.len() && !bytes[i..i + 16].iter().fold(false, |any, &b| any | interesting(b)) {
            i += 16;
        }
        // Then straight to the interesting byte: the block above has one, or fewer than 16
        // bytes are left. (Looking at the next block from each byte in turn made a dense
        // stretch, a frontmatter's figures, cost 16 looks a byte.)
        match bytes[i..].iter().position(|&b| interesting(b)) {
            Some(k) => i += k,
            None => break,
        }
        if !text.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        let mut next = i + c.len_utf8();
        match starting_at(text, i) {
            Some(finding) => {
                next = next.max(finding.1);
                found.push(finding);
            }
            // No digit after a digit starts a phone number or an address: the rest of the
            // run is skipped at once (a profile's frontmatter is mostly figures and dates).
            None if bytes[i].is_ascii_digit() => {
                while bytes.get(next).is_some_and(u8::is_ascii_digit) {
                    next += 1;
                }
            }
            None => {}
        }
        i = next;
    }
    in_order(found)
}

/// The address or phone number that starts at `i`: (start, end, kind). An address starts at
/// its at sign, and reaches back to its local part.
fn starting_at(text: &str, i: usize) -> Option<(usize, usize, &'static str)> {
    match at_sign(text, i) {
        Some(sign_end) => email_around(text, i, sign_end).map(|(start, end)| (start, end, "email")),
        None => phone_at(text, i).map(|(start, end)| (start, end, "phone")),
    }
}

/// `found` in order, without the numbers that are the local part of an address found (the
/// address is what is reported).
fn in_order(mut found: Vec<(usize, usize, &'static str)>) -> Vec<(usize, usize, &'static str)> {
    if found.iter().any(|f| f.2 == "email") {
        let emails: Vec<(usize, usize)> = found.iter().filter(|f| f.2 == "email").map(|f| (f.0, f.1)).collect();
        found.retain(|f| f.2 == "email" || !emails.iter().any(|e| f.0 < e.1 && e.0 < f.1));
    }
    found.sort();
    found
}

/// A digit: ASCII, Arabic-Indic (٠ to ٩), Eastern Arabic-Indic (۰ to ۹) or fullwidth (０ to ９).
fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
        || ('\u{660}'..='\u{669}').contains(&c)
        || ('\u{6f0}'..='\u{6f9}').contains(&c)
        || ('\u{ff10}'..='\u{ff19}').contains(&c)
}

/// True for a zero in any of the digit sets of [`is_digit`].
fn is_zero(c: char) -> bool {
    matches!(c, '0' | '\u{660}' | '\u{6f0}' | '\u{ff10}')
}

/// The at signs of addresses as written: `@`, fullwidth `＠` and small `﹫`.
const AT_SIGNS: [char; 3] = ['@', '＠', '﹫'];

/// If an at sign starts at `i` (one of [`AT_SIGNS`], or a written-out `(at)`, `[at]` or
/// `{at}`), where it ends.
fn at_sign(text: &str, i: usize) -> Option<usize> {
    let rest = &text[i..];
    match rest.chars().next() {
        Some(c) if AT_SIGNS.contains(&c) => Some(i + c.len_utf8()),
        _ => word_marker(rest, "at").map(|len| i + len),
    }
}

/// The length of `(word)`, `[word]` or `{word}` (any case) at the start of `text`.
fn word_marker(text: &str, word: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let close = match bytes.first()? {
        b'(' => b')',
        b'[' => b']',
        b'{' => b'}',
        _ => return None,
    };
    let inner = bytes.get(1..1 + word.len())?;
    (inner.eq_ignore_ascii_case(word.as_bytes()) && bytes.get(1 + word.len()) == Some(&close)).then_some(word.len() + 2)
}

/// `pos` moved past spaces, when `spaced`.
fn skip_spaces(text: &str, pos: usize, spaced: bool) -> usize {
    if spaced { text.len() - text[pos..].trim_start_matches([' ', '\u{a0}']).len() } else { pos }
}

/// The address around the at sign at `at..after`: a local part before it and a domain with
/// at least one dot after it, whose last label is two letters or more. Letters may be any
/// script's (`éxample.org`). A written-out sign may have spaces around it, and `(dot)` or
/// `[dot]` between labels.
fn email_around(text: &str, at: usize, after: usize) -> Option<(usize, usize)> {
    let spaced = !text[at..].starts_with(AT_SIGNS);
    let local = |c: char| c.is_alphanumeric() || "._%+-".contains(c);
    let label = |c: char| c.is_alphanumeric() || c == '-';
    let before = if spaced { text[..at].trim_end_matches([' ', '\u{a0}']) } else { &text[..at] };
    let start = before.char_indices().rev().take_while(|&(_, c)| local(c)).last().map(|(s, _)| s)?;
    let mut pos = skip_spaces(text, after, spaced);
    let (mut labels, mut end, mut last_label) = (0, after, "");
    loop {
        if labels > 0 {
            // Between labels: a dot, or a written-out one.
            let p = skip_spaces(text, pos, spaced);
            let dot = if text[p..].starts_with('.') { Some(1) } else { word_marker(&text[p..], "dot") };
            let Some(dot) = dot else { break };
            pos = skip_spaces(text, p + dot, spaced);
        }
        let len: usize = text[pos..].chars().take_while(|&c| label(c)).map(char::len_utf8).sum();
        if len == 0 {
            break;
        }
        last_label = &text[pos..pos + len];
        pos += len;
        end = pos;
        labels += 1;
    }
    let tld_ok = last_label.chars().nth(1).is_some() && last_label.chars().all(char::is_alphabetic);
    (labels >= 2 && tld_ok).then_some((start, end))
}

/// Characters that may sit between the digits of a phone number.
fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '.' | '(' | ')' | '\u{a0}' | '\u{202f}')
}

/// Links that carry a phone number: WhatsApp's and `tel:`.
const PHONE_LINKS: [&str; 3] = ["wa.me/", "tel:", "phone="];

/// The phone number starting at `i`, if one does: a `+` and 8 to 15 digits; 8 to 13 digits in
/// at least three groups (with dots only when it starts with 0 and has four groups or more,
/// as `06.12.34.56.78`); two groups of four (`2661 1234`, but not two years); one run of 9 to
/// 14 digits starting with 0 (`0612345678`); or 8 to 15 digits in a WhatsApp or `tel:` link.
/// Never a date (`2026-03-14`, `10000-01-01`) or a number followed by a word.
fn phone_at(text: &str, i: usize) -> Option<(usize, usize)> {
    let first = text[i..].chars().next()?;
    let after_first = &text[i + first.len_utf8()..];
    let starts = first == '+' || is_digit(first) || (first == '(' && after_first.chars().next().is_some_and(is_digit));
    if !starts || text[..i].chars().next_back().is_some_and(char::is_alphanumeric) {
        return None;
    }
    // Read the run of digits and separators; `end` is just after its last digit.
    let (mut digits, mut end, mut pos) = (0, i, i);
    // (digits, starts with a zero) of each group: at most 17, as the run stops after 17
    // digits. Held on the stack: this runs at every figure of every page.
    let mut groups = [(0usize, false); 17];
    let mut count = 0;
    let mut in_group = false;
    for c in text[i..].chars() {
        if is_digit(c) {
            digits += 1;
            if in_group {
                groups[count - 1].0 += 1;
            } else {
                groups[count] = (1, is_zero(c));
                count += 1;
            }
            in_group = true;
            end = pos + c.len_utf8();
        } else if is_separator(c) || (pos == i && c == '+') {
            in_group = false;
        } else {
            break;
        }
        pos += c.len_utf8();
        if digits > 16 {
            break;
        }
    }
    // Every form below has at least eight digits: a figure, a year or a date stops here.
    let groups = &groups[..count];
    if digits < 8 {
        return None;
    }
    let run = &text[i..end];
    let followed_by_word = text[end..].chars().next().is_some_and(char::is_alphabetic);
    let dashes_only = run.chars().all(|c| is_digit(c) || c == '-');
    let is_date = matches!(groups, [(4.., _), (2, _), (2, _)]) && dashes_only;
    if followed_by_word || is_date {
        return None;
    }
    let has_dot = run.contains('.');
    let plus = first == '+';
    let year = |g: &str| g.len() == 4 && (g.starts_with("19") || g.starts_with("20"));
    let two_fours = matches!(groups, [(4, _), (4, _)]) && is_digit(first) && {
        let (a, b) = (&run[..4], &run[run.len() - 4..]);
        let between = &run[4..run.len() - 4];
        (between == " " || between == "-") && !(year(a) && year(b))
    };
    let zero = groups[0].1;
    if plus && (8..=15).contains(&digits)
        || (8..=13).contains(&digits) && groups.len() >= 3 && (!has_dot || (zero && groups.len() >= 4))
        || two_fours
        || groups.len() == 1 && zero && (9..=14).contains(&digits)
    {
        return Some((i, end));
    }
    if groups.len() == 1 && (8..=15).contains(&digits) {
        return PHONE_LINKS.iter().find(|link| text[..i].ends_with(*link)).map(|link| (i - link.len(), end));
    }
    None
}

/// Lowercase parts of a hyphenated or elided name: `d'Almeida`, `Ould-el-Hadj`.
const NAME_PARTICLES: [&str; 22] = [
    "d", "l", "de", "da", "das", "do", "dos", "del", "della", "di", "du", "des", "el", "al", "ben", "bin", "bint",
    "ibn", "van", "von", "der", "y",
];

/// True for a word of a name: `Fatima`, `Jean-Pierre`, `N'Diaye`, `d'Almeida`, `Ould-Cheikh`.
fn is_name_word(word: &str) -> bool {
    let parts: Vec<&str> = word.split(['-', '\'', '’']).collect();
    let several = parts.len() > 1;
    let mut capitalized = 0;
    for part in &parts {
        let mut chars = part.chars();
        let Some(first) = chars.next() else { return false };
        if first.is_uppercase() && chars.clone().all(char::is_lowercase) && (several || chars.next().is_some()) {
            capitalized += 1;
        } else if !(several && NAME_PARTICLES.contains(&part.to_lowercase().as_str())) {
            return false;
        }
    }
    capitalized > 0
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
    // Every word a name's (`Jean-Pierre`, `N'Diaye`), none an organization's. A lowercase
    // word on its own ("Ville de Dakar") makes it no name.
    words.iter().all(|w| is_name_word(w) && !ORGANIZATION_WORDS.contains(&w.to_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, &'static str)> {
        find_personal_data(text).into_iter().map(|(s, e, k)| (&text[s..e], k)).collect()
    }

    /// What the scan finds when it tries every character, skipping nothing: the skips of
    /// [`find_personal_data`] must change nothing but its speed.
    fn trying_every_character(text: &str) -> Vec<(usize, usize, &'static str)> {
        let mut found = Vec::new();
        let mut next = 0;
        for (i, c) in text.char_indices() {
            if i < next {
                continue;
            }
            next = i + c.len_utf8();
            if let Some(finding) = starting_at(text, i) {
                next = next.max(finding.1);
                found.push(finding);
            }
        }
        in_order(found)
    }

    #[test]
    fn the_scan_finds_what_trying_every_character_finds() {
        let texts = [
            "value: 45.9, n: 146, date: 2026-05-30, population 86433",
            "12,0612345678 and 2026 0612345678; x0612345678; (0612345678) +221 77 123 45 67",
            "1234567 12345678 123456789 0123456789 +1234567 +12345678 2661 1234 2024 2025",
            "call 06.12.34.56.78, or 06 12 34 56 78, or write to ana.diaz@example.org (2025)",
            "٠٦١٢٣٤٥٦٧٨ and ０６１２３４５６７８ and 77 123 45 67 and tel:12345678 wa.me/221771234567",
            "ref 99999999999999999999 then 0612345678 then a1b2 7 8 9 10 11 12 13 14",
            "box 12 at 3 (at) 4 name 5 [at] example 6 [dot] org 07 12 34 56 78",
        ];
        for text in texts {
            assert_eq!(find_personal_data(text), trying_every_character(text), "{text}");
        }
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

    /// The one finding in `text`: what it covers and its kind.
    fn one(text: &str) -> (&str, &'static str) {
        let found = kinds(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found[0]
    }

    #[test]
    fn national_and_local_phone_formats_are_found() {
        assert_eq!(one("call 0612345678 now"), ("0612345678", "phone"));
        assert_eq!(one("call 06.12.34.56.78 now"), ("06.12.34.56.78", "phone"));
        assert_eq!(one("call 2661 1234 now"), ("2661 1234", "phone"));
        assert_eq!(one("call 2661-1234 now"), ("2661-1234", "phone"));
        assert_eq!(one("اتصل ٠٦١٢٣٤٥٦٧٨ الآن"), ("٠٦١٢٣٤٥٦٧٨", "phone"));
        assert_eq!(one("تماس ۰۶۱۲۳۴۵۶۷۸"), ("۰۶۱۲۳۴۵۶۷۸", "phone"));
        assert_eq!(one("call +２１２ ６１２ ３４５ ６７８"), ("+２１２ ６１２ ３４５ ６７８", "phone"));
        assert_eq!(one("on https://wa.me/212612345678 too"), ("wa.me/212612345678", "phone"));
        assert_eq!(one("[call](tel:212612345678)"), ("tel:212612345678", "phone"));
    }

    #[test]
    fn a_number_in_brackets_is_found_from_its_bracket() {
        let text = "Call (503) 2661-1234 today";
        assert_eq!(find_personal_data(text), [(5, 20, "phone")]);
        // The column a person counts, through the diagnostic's location.
        let source = crate::source::SourceFile::new("a.md", "a.md", format!("é {text}\n"));
        let (start, end, _) = find_personal_data(&source.text)[0];
        let location = crate::diagnostic::Location::at(&source, Span::new(start, end));
        assert_eq!((location.column, location.width), (Some(8), 15));
    }

    #[test]
    fn written_out_and_foreign_addresses_are_found() {
        assert_eq!(one("write to fatima@éxample.org."), ("fatima@éxample.org", "email"));
        assert_eq!(one("write to fatima＠example.org."), ("fatima＠example.org", "email"));
        assert_eq!(one("write to fatima﹫example.org."), ("fatima﹫example.org", "email"));
        assert_eq!(one("write to fatima (at) example (dot) org."), ("fatima (at) example (dot) org", "email"));
        assert_eq!(one("write to fatima [at] example [dot] org."), ("fatima [at] example [dot] org", "email"));
        assert_eq!(one("write to fatima[AT]example.org."), ("fatima[AT]example.org", "email"));
        assert_eq!(one("write to fatima {at} mail.example.org"), ("fatima {at} mail.example.org", "email"));
        // A number that is an address's local part is the address alone.
        assert_eq!(one("0612345678@example.org"), ("0612345678@example.org", "email"));
        for text in ["meet (at) noon", "the office (at) the corner (dot) 5", "see [at] the end", "a (at) b"] {
            assert!(kinds(text).is_empty(), "{text}: {:?}", kinds(text));
        }
    }

    #[test]
    fn figures_in_prose_stay_unflagged() {
        for text in [
            "10000-01-01",
            "on 2026-03-14 and 2026-03-15",
            "a population of 12 500 in 2026",
            "from 2024 2025",
            "from 2024-2025",
            "36% of 1 200 households",
            "ISO 3166-1 code MA, place SN-TC-GD-0058",
            "dated 01.02.2026",
            "version 1.2.3.4",
            "12 500 people",
            "0612 is not a number to call",
            "#212612345678 is a hash",
            "١٢ ٥٠٠ شخص",
        ] {
            assert!(kinds(text).is_empty(), "{text}: {:?}", kinds(text));
        }
    }

    #[test]
    fn long_runs_of_signs_and_separators_are_scanned() {
        // Patterns that make a scan that goes back over the text, or retries from each
        // character, quadratic: runs of written-out at signs, dashed digits and at signs.
        let text = "(at) [at] ".repeat(20_000) + &"1-".repeat(20_000) + &"a@".repeat(20_000);
        assert!(find_personal_data(&text).len() < 10);
        let emails = "fatima@example.org ".repeat(20_000);
        assert_eq!(find_personal_data(&emails).len(), 20_000);
    }

    #[test]
    fn names_are_told_from_organizations() {
        assert!(looks_like_a_person("Jean-Pierre N'Diaye"));
        assert!(looks_like_a_person("Aminata N’Diaye"));
        assert!(looks_like_a_person("Sidi Ould-el-Hadj"));
        assert!(looks_like_a_person("Maria d'Almeida"));
        assert!(!looks_like_a_person("Ville de Dakar"));
        assert!(!looks_like_a_person("Jean-Pierre"));
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
            "Cruz Roja",
            "Pastoral Social",
            "Alcaldía Municipal",
            "Asociación Comunal",
            "GIE Jappo",
            "Croissant-Rouge Marocain",
        ] {
            assert!(!looks_like_a_person(org), "{org}");
        }
    }
}
