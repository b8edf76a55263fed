//! Scalars and keys: how each is written so that it reads back the same.

use super::*;

/// How to write `s` (`null` when it is a plain `~`, `null` or nothing), given `hint`.
pub(super) fn scalar(s: &Scalar, null: bool, hint: Hint) -> ScalarOut {
    let text = s.text.as_str();
    if null {
        // Nothing stays nothing, written as it was (`key:`, `key: ~`).
        return ScalarOut {
            block: Written::Line(text.to_string()),
            flow: (!text.is_empty()).then(|| text.to_string()),
            plain: true,
        };
    }
    let typed = match hint {
        Hint::Number => is_number(text),
        Hint::Date => crate::date::Date::parse(text).is_ok() && plain_ok(text, false),
        Hint::YesNo => matches!(text.to_ascii_lowercase().as_str(), "yes" | "no" | "true" | "false"),
        _ => false,
    };
    if typed {
        return plain(text);
    }
    let keep_plain = hint != Hint::Text && s.style == ScalarStyle::Plain;
    if !text.contains('\n') {
        if keep_plain && looks_typed(text) && typed_plain_ok(text) {
            return plain(text);
        }
        if plain_ok(text, false) && !looks_typed(text) {
            return plain(text);
        }
        return quoted(text);
    }
    match literal(text) {
        Some((header, lines)) => ScalarOut { block: Written::Literal(header, lines), flow: None, plain: false },
        None => quoted(text),
    }
}

pub(super) fn plain(text: &str) -> ScalarOut {
    let flow_ok = plain_ok_in_flow(text);
    ScalarOut {
        block: Written::Line(text.to_string()),
        flow: Some(if flow_ok { text.to_string() } else { double_quoted(text) }),
        plain: flow_ok,
    }
}

pub(super) fn quoted(text: &str) -> ScalarOut {
    let q = double_quoted(text);
    ScalarOut { block: Written::Line(q.clone()), flow: Some(q), plain: false }
}

/// A key: plain when that reads back as the same text in any YAML reader, else quoted.
pub(super) fn key_text(key: &str, flow: bool) -> String {
    let ok = if flow { plain_ok_in_flow(key) } else { plain_ok(key, false) };
    if ok && !looks_typed(key) { key.to_string() } else { double_quoted(key) }
}

/// A number as the validator reads it (`12`, `-3.5`, `1e3`, `45%`; see `validate::read`), with
/// nothing around it, so that writing it plain is safe.
pub(super) fn is_number(text: &str) -> bool {
    let digits = text.strip_suffix('%').unwrap_or(text);
    digits.bytes().any(|b| b.is_ascii_digit())
        && digits.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
        && digits.parse::<f64>().is_ok_and(f64::is_finite)
}

/// A character YAML cannot hold as it is in a plain or block scalar.
pub(super) fn needs_escape(c: char) -> bool {
    matches!(c, '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
}

/// True when `text` can be written without quotes and reads back as the same text (typing
/// aside: see [`looks_typed`]). Stricter than YAML needs, for the sake of every editor.
pub(super) fn plain_ok(text: &str, flow: bool) -> bool {
    let Some(first) = text.chars().next() else { return false };
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) || first == ' ' {
        return false;
    }
    if text.ends_with([' ', ':']) || text.starts_with("---") || text.starts_with("...") {
        return false;
    }
    if text.contains(": ") || text.contains(" #") || text.chars().any(needs_escape) {
        return false;
    }
    !flow || !text.contains([',', '[', ']', '{', '}', ':'])
}

pub(super) fn plain_ok_in_flow(text: &str) -> bool {
    // A plain value that is a number (`-5`) is safe anywhere a plain value is.
    (plain_ok(text, true) || (looks_typed(text) && typed_plain_ok(text) && !text.contains([',', ':'])))
        && !text.is_empty()
}

/// A plain value the validator or a YAML reader takes as a number, yes/no or nothing, written
/// plain as it was: safe unless it holds what would start a comment or a key.
pub(super) fn typed_plain_ok(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with(' ')
        && !text.ends_with([' ', ':'])
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.chars().any(needs_escape)
        && !text.contains([',', '[', ']', '{', '}', '#'])
}

/// True when a YAML 1.1 or 1.2 reader (an editor, a data tool) would read `text`, written
/// plain, as something other than text: nothing, a boolean, a number or a date.
pub(super) fn looks_typed(text: &str) -> bool {
    const WORDS: [&str; 28] = [
        "", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes", "YES", "no",
        "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "<<", "=", ".nan", ".NaN", ".NAN",
    ];
    if WORDS.contains(&text) {
        return true;
    }
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") {
        return true;
    }
    let lower = unsigned.to_ascii_lowercase();
    for (prefix, digits) in [("0x", "0123456789abcdef_"), ("0o", "01234567_"), ("0b", "01_")] {
        if let Some(rest) = lower.strip_prefix(prefix)
            && !rest.is_empty()
            && rest.chars().all(|c| digits.contains(c))
        {
            return true;
        }
    }
    looks_numeric(unsigned) || looks_like_date(text)
}

/// Digits with dots, underscores, colons (sexagesimal) and an exponent: `12`, `1.5`, `1_000`,
/// `1e3`, `12:30`, `1.2.3`. More than YAML reads as numbers, never less.
pub(super) fn looks_numeric(text: &str) -> bool {
    let bytes = text.as_bytes();
    let starts = match bytes {
        [first, ..] if first.is_ascii_digit() => true,
        [b'.', second, ..] => second.is_ascii_digit(),
        _ => false,
    };
    if !starts {
        return false;
    }
    let mut exponent = false;
    let mut previous = 0u8;
    for &b in bytes {
        match b {
            b'0'..=b'9' | b'_' | b'.' | b':' => {}
            b'e' | b'E' if !exponent => exponent = true,
            b'+' | b'-' if matches!(previous, b'e' | b'E') => {}
            _ => return false,
        }
        previous = b;
    }
    true
}

/// `2026-03-14`, and anything starting like a YAML 1.1 timestamp.
pub(super) fn looks_like_date(text: &str) -> bool {
    let mut fields = text.splitn(3, '-');
    let (Some(year), Some(month), Some(rest)) = (fields.next(), fields.next(), fields.next()) else {
        return false;
    };
    let day: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let after = &rest[day.len()..];
    year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
        && (1..=2).contains(&month.len())
        && month.bytes().all(|b| b.is_ascii_digit())
        && (1..=2).contains(&day.len())
        && (after.is_empty() || after.starts_with(['T', 't', ' ', '\t']))
}

/// `text` in double quotes, with YAML's escapes.
pub(super) fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\0' => out.push_str("\\0"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{b}' => out.push_str("\\v"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\u{1b}' => out.push_str("\\e"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if needs_escape(c) && (c as u32) <= 0xff => out.push_str(&format!("\\x{:02X}", c as u32)),
            c if needs_escape(c) => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Multi-line text as a literal block (`|` when it ends with one line break, `|-` without,
/// `|+` with more), unless a literal block cannot hold it exactly: then `None`, and it is
/// double-quoted.
pub(super) fn literal(text: &str) -> Option<(&'static str, Vec<String>)> {
    if text.chars().any(|c| c != '\n' && c != '\t' && needs_escape(c)) {
        return None;
    }
    let (header, content) = match text.strip_suffix('\n') {
        Some(content) if content.ends_with('\n') => ("|+", content),
        Some(content) => ("|", content),
        None => ("|-", text),
    };
    let lines: Vec<&str> = content.split('\n').collect();
    // Lines of only spaces, and a first line that starts with a space or tab, would not read
    // back the same without an indentation indicator.
    if lines.iter().any(|l| !l.is_empty() && l.trim_matches([' ', '\t']).is_empty()) {
        return None;
    }
    let first = lines.iter().find(|l| !l.is_empty())?;
    if first.starts_with([' ', '\t']) {
        return None;
    }
    Some((header, lines.into_iter().map(str::to_string).collect()))
}
