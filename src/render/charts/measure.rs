//! How much room a chart's text takes, and which way it runs, estimated at build time: no
//! browser measures the text, so each letter is given a generous width of its own ([`char_width`])
//! and a text the width of its letters.

use std::borrow::Cow;

/// `text` as it fits in `room` pixels at the charts' size by [`text_width`]: whole when it
/// fits, else as many of its first letters as fit with "…" after them.
pub(super) fn fitted(text: &str, room: f64) -> Cow<'_, str> {
    if text_width(text) <= room {
        return Cow::Borrowed(text);
    }
    let room = room - char_width('…');
    let mut width = 0.0;
    let mut end = 0;
    for (at, c) in text.char_indices() {
        width += char_width(c);
        if width > room {
            break;
        }
        end = at + c.len_utf8();
    }
    let mut cut = text[..end].trim_end().to_string();
    cut.push('…');
    Cow::Owned(cut)
}

/// True when `text` runs right to left by itself, as `dir="auto"` decides: by its first
/// letter. A text without letters (a figure, "65+") runs left to right.
pub(super) fn runs_rtl(text: &str) -> bool {
    text.chars().find(|c| c.is_alphabetic()).is_some_and(|c| {
        // Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms.
        matches!(u32::from(c), 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x1_0800..=0x1_0FFF | 0x1_E800..=0x1_EFFF)
    })
}

/// The width a chart text takes at 12px, letter by letter ([`char_width`]), to make room for
/// it or cut it to the room there is.
pub(super) fn text_width(text: &str) -> f64 {
    text.chars().map(char_width).sum()
}

/// The width of one letter at 12px, generously: at least what DejaVu Sans (the widest of the
/// usual fallback fonts) gives it, with room for the wider Arabic of Noto Sans Arabic, Segoe
/// UI and Tahoma. Letters differ by more than half: `m`, `W` and the Arabic seen and sad
/// (س ش ص ض ط ظ) take about 1 em, `i`, `l` and alef about a third, so that a name is measured
/// by its letters and not by their number alone.
fn char_width(c: char) -> f64 {
    const EM: f64 = 12.0;
    let em = match c {
        // Marks over or under the letter before (accents, harakat) and invisible controls.
        '\u{0300}'..='\u{036F}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FE00}'..='\u{FE0F}' => 0.0,
        ' ' | 'i' | 'j' | 'l' | 'I' | 'J' | 'f' | 't' | 'r' | '.' | ',' | ':' | ';' | '\'' | '’' | '!' | '|' | '('
        | ')' | '[' | ']' | '-' | '/' | '،' | '؛' | 'ـ' | 'ا' | 'أ' | 'إ' | 'آ' | 'ٱ' => 0.42,
        // The Arabic jeem, hah and khah, wide even joined.
        'ج' | 'ح' | 'خ' | 'چ' => 0.7,
        // The widest capitals of Cyrillic.
        'Ж' | 'Ш' | 'Щ' | 'Ю' | 'Ы' => 1.1,
        'm' | 'w' | 'M' | 'W' | '%' | '@' | '…' | 'Æ' | 'Œ' | 'æ' | 'œ' | 'ж' | 'ш' | 'щ' | 'ю' | 'ы' | 'س' | 'ش'
        | 'ص' | 'ض' | 'ط' | 'ظ' => 1.0,
        // Chinese, Japanese and Korean, and full-width forms: a square each.
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{20000}'..='\u{3FFFD}' => 1.0,
        c if c.is_uppercase() => 0.8,
        c if c.is_ascii_digit() => 0.65,
        // Arabic and its supplements: most letters join narrower than they stand alone.
        '\u{0600}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' => 0.6,
        _ => 0.64,
    };
    em * EM
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_cut_to_the_room_there_is_with_an_ellipsis() {
        assert!(matches!(fitted("Colonia La Paz", 120.0), Cow::Borrowed("Colonia La Paz")));
        let cut = fitted("Mwembeni Wamwezi Mwanamwema", 110.0);
        assert_eq!(cut, "Mwembeni Wa…");
        assert!(text_width(&cut) <= 110.0);
        // No space left before the ellipsis.
        assert_eq!(fitted("Mwembeni Wamwezi Mwanamwema", 100.0), "Mwembeni…");
    }

    #[test]
    fn a_text_runs_the_way_its_first_letter_does() {
        assert!(runs_rtl("سنجار (Sinjar)"));
        assert!(runs_rtl("1,234.5 مهاجر"));
        assert!(!runs_rtl("Sinjar (سنجار)"));
        assert!(!runs_rtl("65+"));
        assert!(!runs_rtl(""));
    }

    /// Each letter is given at least the width Chromium draws it with in DejaVu Sans at 12px
    /// (measured letter by letter), so that a name measured to fit does.
    #[test]
    fn letters_are_measured_at_least_as_wide_as_a_browser_draws_them() {
        let measured = [
            ('a', 7.35),
            ('i', 3.33),
            ('l', 3.33),
            ('m', 11.69),
            ('w', 9.81),
            ('r', 4.73),
            ('t', 4.71),
            ('f', 4.13),
            ('b', 7.62),
            ('n', 7.61),
            ('u', 7.61),
            ('A', 8.53),
            ('M', 10.35),
            ('W', 11.87),
            ('O', 9.45),
            ('G', 9.30),
            ('D', 9.24),
            ('I', 3.54),
            ('0', 7.64),
            ('.', 3.81),
            ('-', 4.33),
            ('(', 4.68),
            ('%', 11.40),
            ('…', 12.0),
            (' ', 3.81),
            ('ж', 10.81),
            ('Ж', 12.93),
            ('ا', 3.33),
            ('ب', 4.02),
            ('ج', 7.73),
            ('س', 10.90),
            ('ش', 10.90),
            ('ص', 10.61),
            ('ط', 9.91),
            ('ع', 5.89),
            ('ة', 6.29),
            ('م', 6.96),
            ('ك', 6.76),
            ('ـ', 3.52),
            ('،', 3.87),
        ];
        for (c, width) in measured {
            assert!(char_width(c) >= width, "{c}: {} < {width}", char_width(c));
        }
        // Whole names as drawn, within a few tenths of their measure.
        for (name, width) in [
            ("Mwembeni Wamwezi Mwanamwema", 220.2),
            ("Colonia La Paz", 86.7),
            ("مجتمع الموصل الجديدة في محافظة نينوى", 208.3),
            ("سنجار (Sinjar)", 78.2),
        ] {
            assert!(text_width(name) >= width && text_width(name) < 1.3 * width, "{name}: {}", text_width(name));
        }
        assert_eq!(text_width("\u{2068}أَ\u{2069}"), text_width("أ"), "marks and isolates take no room");
    }
}
