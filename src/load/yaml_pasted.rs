//! Characters a word processor puts where YAML needs its own, found in the frontmatter's
//! lines: a no-break space or a tab in a line's indentation, or beside a field's colon; a
//! full-width colon; a bullet where a list item's `-` goes.
//!
//! Text typed in Word, LibreOffice or an e-mail and pasted into a profile brings them, and each
//! looks like what YAML needs: a no-break space like a space, `：` like `:`, `•` like a list's
//! dash. YAML reads each as text, so the parser gives up a line or two later in words about
//! its own states (`simple key expect ':'`), or the line is read as something else without
//! an error (`  access-to-services: 47` indented with no-break spaces is a top-level field
//! named `  access-to-services`, not an indicator). Each is said here at the character, with
//! the line as it should be typed.

use super::node::{Node, NodeKind};
use super::yaml_mistakes::{Line, Mistake, is_id, key_length, lines};
use crate::messages::Message;
use crate::source::Span;

/// A space a word processor writes that YAML does not take for one: the no-break space (which
/// French typography puts before `:`), the typographic spaces, the narrow no-break space and
/// the ideographic space.
fn is_pasted_space(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}')
}

/// A colon that is not YAML's: full-width (East Asian keyboards and fonts), small, the ratio
/// sign and the modifier letter.
fn is_other_colon(c: char) -> bool {
    matches!(c, '\u{ff1a}' | '\u{fe55}' | '\u{fe13}' | '\u{2236}' | '\u{a789}')
}

/// A bullet a word processor starts a list item with: `•`, `◦`, `▪`, `●`, `■`, `‣`, `⁃`, `∙`,
/// `·`, a dash or a minus sign, and the bullets of the Symbol and Wingdings fonts (private-use
/// characters, which a copy out of Word brings along).
fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '\u{2022}'
            | '\u{25e6}'
            | '\u{25aa}'
            | '\u{25ab}'
            | '\u{25cf}'
            | '\u{25cb}'
            | '\u{25a0}'
            | '\u{25a1}'
            | '\u{2023}'
            | '\u{2043}'
            | '\u{2219}'
            | '\u{b7}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2212}'
            | '\u{f0a7}'
            | '\u{f0b7}'
    )
}

/// Any space at all, YAML's or a word processor's.
fn is_any_space(c: char) -> bool {
    c == ' ' || c == '\t' || is_pasted_space(c)
}

/// The first such character in the lines of `text` (a frontmatter) up to the one holding byte
/// `at`, where the parser gave up; and in the line after it too when `tab_error`, for the
/// parser notices a tab that starts a line at the end of the line before.
pub(super) fn in_lines(text: &str, at: usize, tab_error: bool) -> Option<Mistake> {
    let all = lines(text);
    let here = all.iter().rposition(|line| line.start <= at)?;
    let last = if tab_error { (here + 1).min(all.len() - 1) } else { here };
    // A block scalar (`|`, `>`) holds text, whatever characters it has, while it is indented.
    let mut block_scalar: Option<usize> = None;
    for i in 0..=last {
        let line = all[i];
        if let Some(indent) = block_scalar {
            if line.is_blank() || line.indent() > indent {
                continue;
            }
            block_scalar = None;
        }
        if let Some(found) = on_line(&all, i) {
            return Some(found);
        }
        if line.field().is_some_and(|(_, _, value)| value.starts_with(['|', '>'])) {
            block_scalar = Some(line.indent());
        }
    }
    None
}

/// The first key of `root` that starts or ends with a space a word processor put there, as the
/// mistake on its line: a field indented with no-break spaces (`  access-to-services`, a
/// top-level field to YAML), or French typography's no-break space before a colon
/// (`population : 24500`, a field named `population `). YAML reads both without an error.
/// `text` is the frontmatter, found at byte `offset` of its file.
pub(super) fn in_keys(root: &Node, text: &str, offset: usize) -> Option<Mistake> {
    let key = first_pasted_key(root)?;
    let at = (key.start as usize).checked_sub(offset)?;
    let all = lines(text);
    let here = all.iter().rposition(|line| line.start <= at)?;
    on_line(&all, here)
}

fn first_pasted_key(node: &Node) -> Option<Span> {
    match &node.kind {
        NodeKind::Scalar(_) => None,
        NodeKind::Seq(items) => items.iter().find_map(first_pasted_key),
        NodeKind::Map(entries) => entries.iter().find_map(|e| {
            (e.key.starts_with(is_pasted_space) || e.key.ends_with(is_pasted_space))
                .then_some(e.key_span)
                .or_else(|| first_pasted_key(&e.value))
        }),
    }
}

/// The character of line `i` that a word processor put where YAML needs its own, if any.
fn on_line(all: &[Line], i: usize) -> Option<Mistake> {
    let line = all[i];
    let text = line.text;
    let lead = text.len() - text.trim_start_matches(is_any_space).len();
    let rest = text[lead..].trim_end();
    if rest.is_empty() || rest.starts_with('#') {
        return None;
    }
    let mistake = |at: usize, len: usize, message: Message, help: Message| Mistake {
        start: line.start + at,
        end: line.start + at + len,
        message,
        help,
    };

    // In the indentation, before a field or a list item (elsewhere it may be text, which YAML
    // reads whatever its spaces).
    let structural = rest.starts_with("- ") || {
        let key = key_length(rest);
        is_id(&rest[..key]) && rest[key..].trim_start_matches(is_any_space).starts_with([':', '\u{ff1a}'])
    };
    if structural && let Some((at, c)) = text[..lead].char_indices().find(|&(_, c)| c != ' ') {
        let indent = expected_indent(all, i);
        let help = if indent == 0 { "yaml.first-column-help" } else { "yaml.indent-spaces-help" };
        let message = if c == '\t' { "yaml.tab-indent" } else { "yaml.pasted-indent" };
        let help = Message::new(help).with("line", format!("{}{rest}", " ".repeat(indent)));
        return Some(mistake(at, lead - at, Message::new(message), help));
    }

    // A bullet where the list's `-` goes.
    let mut chars = rest.chars();
    if let Some(bullet) = chars.next().filter(|&c| is_bullet(c))
        && chars.next().is_some_and(is_any_space)
    {
        let item = rest[bullet.len_utf8()..].trim_start_matches(is_any_space);
        let message = Message::new("yaml.bullet").with("bullet", bullet.to_string());
        let help = Message::new("yaml.bullet-help").with("line", format!("- {item}"));
        return Some(mistake(lead, bullet.len_utf8(), message, help));
    }

    // A list's `-` followed by a no-break space (a word processor's autoformat after a dash):
    // YAML reads the line as text, and says it lacks a colon.
    if let Some(after) = rest.strip_prefix('-')
        && let Some(space) = after.chars().next().filter(|&c| is_pasted_space(c))
    {
        let item = after.trim_start_matches(is_any_space);
        let help = Message::new("yaml.ordinary-space-help").with("line", format!("- {item}"));
        return Some(mistake(lead + 1, space.len_utf8(), Message::new("yaml.dash-pasted-space"), help));
    }

    // Beside a field's colon, or in its place.
    let mut from = lead;
    while let Some(after) = text[from..].strip_prefix("- ") {
        from = text.len() - after.trim_start_matches(' ').len();
    }
    let content = &text[from..];
    // A field's name as the schema writes them: a line of prose with a colon in it
    // (`Remarque : …`, French typography's no-break space and all) is not a field.
    let key_len = key_length(content);
    let key = &content[..key_len];
    if !is_id(key) {
        return None;
    }
    let after_key = &content[key_len..];
    let gap = after_key.len() - after_key.trim_start_matches(|c: char| c == ' ' || is_pasted_space(c)).len();
    let colon = after_key[gap..].chars().next()?;
    let mended = |value: &str| {
        let value = value.trim_start_matches(is_any_space).split(" #").next().unwrap_or("").trim_end();
        if value.is_empty() { format!("{key}:") } else { format!("{key}: {value}") }
    };
    let at = from + key_len;
    if colon == ':' {
        let value = &after_key[gap + 1..];
        if let Some((space, c)) = after_key[..gap].char_indices().find(|&(_, c)| c != ' ') {
            let help = Message::new("yaml.delete-space-help").with("line", mended(value));
            return Some(mistake(at + space, c.len_utf8(), Message::new("yaml.pasted-space-before-colon"), help));
        }
        let c = value.chars().next()?;
        let message = match c {
            '\t' => Message::new("yaml.tab-after-colon"),
            c if is_pasted_space(c) => Message::new("yaml.pasted-space-after-colon"),
            _ => return None,
        };
        let help = Message::new("yaml.ordinary-space-help").with("line", mended(value));
        return Some(mistake(at + gap + 1, c.len_utf8(), message, help));
    }
    if is_other_colon(colon) {
        let value = &after_key[gap + colon.len_utf8()..];
        let message = Message::new("yaml.other-colon").with("colon", colon.to_string());
        let help = Message::new("yaml.colon-help").with("line", mended(value));
        return Some(mistake(at + gap, colon.len_utf8(), message, help));
    }
    None
}

/// How far line `i` should be indented, from the lines around it: as far as the field above
/// it when that one has a value (the two are fields of one block), further when the field
/// above opens a block (`indicators:`): as far as the next line indented under it, else two
/// spaces.
fn expected_indent(all: &[Line], i: usize) -> usize {
    // Lines indented with ordinary spaces only.
    let clean = |line: &&Line| {
        !line.is_blank() && line.text.trim_start_matches(is_any_space).len() + line.indent() == line.text.len()
    };
    let Some(above) = all[..i].iter().rev().find(clean) else {
        return 0;
    };
    match above.field() {
        Some((_, key_at, "")) => match all[i + 1..].iter().find(clean).map(Line::indent) {
            Some(below) if below > key_at => below,
            _ => key_at + 2,
        },
        Some((_, key_at, _)) => key_at,
        None => above.indent(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::yaml::parse;

    use super::super::yaml::error_said as said;

    #[test]
    fn a_no_break_space_or_a_tab_beside_a_colon_is_named_on_its_line() {
        for (line, at, message, help) in [
            (
                "population:\u{a0}24500",
                "\u{a0}",
                "a no-break space (pasted from a word processor) after the colon, which YAML does not take for a space",
                "type an ordinary space instead: `population: 24500`",
            ),
            (
                "population:\t24500",
                "\t",
                "a tab after the colon, where YAML needs an ordinary space",
                "type an ordinary space instead: `population: 24500`",
            ),
            (
                "population\u{ff1a}24500",
                "\u{ff1a}",
                "`\u{ff1a}` is not the colon `:` YAML reads: it comes from a word processor or another keyboard",
                "type `:` and a space: `population: 24500`",
            ),
            (
                "population\u{a0}: 24500",
                "\u{a0}",
                "a no-break space (pasted from a word processor, or put there by French typography) before the colon, which YAML reads as part of the field's name",
                "delete it: `population: 24500`",
            ),
        ] {
            // On any line, whether the parser notices at the next field, at the end, or not at all.
            for text in [
                format!("title: T\ncountry: S\n{line}\nassessed: 2026-01-10\n"),
                format!("title: T\n{line}\n"),
                format!("{line}\ntitle: T\n"),
            ] {
                let (got_at, got_message, got_help) = said(&text);
                assert_eq!((got_at.as_str(), got_message.as_str(), got_help.as_str()), (at, message, help), "{text:?}");
            }
        }
        // `title:` then a no-break space: the parser blames the colon of the next line.
        assert_eq!(said("title:\u{a0}Pikine\nstatus: draft\n").0, "\u{a0}");
    }

    #[test]
    fn an_indentation_of_no_break_spaces_or_a_tab_is_named_with_the_line_retyped() {
        // Read without an error, the line would be a top-level field named `  access-to-services`.
        let text = "title: T\nindicators:\n\u{a0}\u{a0}access-to-services: 47\ncriteria:\n  a: met\n";
        assert_eq!(
            said(text),
            (
                "\u{a0}\u{a0}".to_string(),
                "this line is indented with no-break spaces (pasted from a word processor), which YAML does not count as indentation".to_string(),
                "type its indentation again with ordinary spaces: `  access-to-services: 47`".to_string(),
            )
        );
        // Indented as the lines below it, or as the field above it.
        let text = "indicators:\n\u{a0}\u{a0}\u{a0}\u{a0}a: 1\n    b: 2\n";
        assert!(said(text).2.ends_with("`    a: 1`"), "{:?}", said(text));
        let text = "indicators:\n  a: 1\n\u{a0}\u{a0}b: 2\n";
        assert!(said(text).2.ends_with("`  b: 2`"), "{:?}", said(text));
        // A top-level field starts in the first column.
        let (at, message, help) = said("title: T\ncountry: S\n\tpopulation: 24500\nassessed: 2026-01-10\n");
        assert_eq!(at, "\t");
        assert_eq!(message, "this line is indented with a tab: YAML indents with spaces only");
        assert_eq!(help, "start the line in the first column, as a top-level field: `population: 24500`");
    }

    #[test]
    fn a_bullet_is_told_to_be_a_dash() {
        for bullet in ['\u{2022}', '\u{25aa}', '\u{2013}', '\u{f0b7}'] {
            for gap in [" ", "\t", "\u{a0}"] {
                let text = format!("title: T\nmethods:\n{bullet}{gap}desk-review\nindicators:\n  a: 1\n");
                let (at, message, help) = said(&text);
                assert_eq!(at, bullet.to_string());
                assert_eq!(
                    message,
                    format!(
                        "`{bullet}` is a bullet pasted from a word processor: a list item starts with `-` and a space"
                    )
                );
                assert_eq!(help, "write `- desk-review`");
            }
        }
    }

    #[test]
    fn a_no_break_space_after_a_list_s_dash_is_named_with_the_line_retyped() {
        // YAML reads `-` and what follows as text, and the parser says it lacks a colon.
        for space in ['\u{a0}', '\u{202f}'] {
            let text =
                format!("title: T\nmethods:\n  - focus-group-discussion\n  -{space}desk-review\nindicators:\n  a: 1\n");
            let (at, message, help) = said(&text);
            assert_eq!(at, space.to_string());
            assert_eq!(
                message,
                "the space after this `-` is a no-break space (pasted from a word processor), which YAML does not \
                 take for one: the line is text, not a list item"
            );
            assert_eq!(help, "type an ordinary space instead: `- desk-review`");
        }
    }

    #[test]
    fn such_characters_in_text_are_text() {
        // French writes a no-break space in numbers and before a colon; in a value it is text.
        for text in [
            "title: Pikine\u{a0}:\u{a0}une ville\nsummary: 24\u{a0}500 habitants\n",
            "summary: |\n  \u{a0}\u{a0}retrait\n  \u{2022} point: un\ntitle: T\n",
            "tags: [a\u{2013}b, c]\ntitle: \"\u{a0}x\"\n",
        ] {
            assert!(parse(text, 0).is_ok(), "{text:?}");
        }
        // Nor do they take the blame for a mistake elsewhere, nor prose for a field.
        let (_, message, _) = said("summary: |\n  a:\u{a0}b\ntitle: \"T\n");
        assert_eq!(message, "this quote is never closed");
        let (_, message, _) = said("summary: Pikine grandit.\n  Remarque\u{a0}: vite.\ntitle: T\n");
        assert_eq!(message, "a colon here starts a second field on the same line");
    }
}
