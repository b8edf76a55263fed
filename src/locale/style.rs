//! How each language writes numbers and long dates.
//!
//! Separators follow CLDR for each language and region. English keeps what Fieldbook always
//! wrote (no grouping: `12500`, `14.2`), so English sites are unchanged. Arabic is written with
//! Latin digits (0-9), as in the Maghreb, in official statistics across the region and in
//! the data files Fieldbook exports: figures on a page then match the CSV, search finds them
//! as typed, and a number stays one left-to-right run inside right-to-left text.

use crate::date::Date;

/// Decimal mark, thousands grouping and percent sign of a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberStyle {
    /// The decimal mark.
    pub decimal: &'static str,
    /// The thousands separator, or "" for none.
    pub group: &'static str,
    /// Fewest digits of the whole part that get grouped: 4 (`1 234`) or 5 (Spanish: `1234`,
    /// `12.345`).
    pub group_from: usize,
    /// What follows a percentage: `%`, or a narrow no-break space and `%`.
    pub percent_sign: &'static str,
}

/// U+202F NARROW NO-BREAK SPACE: the French thousands separator, and the space before `%`.
const NNBSP: &str = "\u{202f}";
/// U+00A0 NO-BREAK SPACE.
const NBSP: &str = "\u{a0}";

impl NumberStyle {
    /// How English is written by Fieldbook: `1234.5`, `61%`.
    pub const ENGLISH: NumberStyle = NumberStyle { decimal: ".", group: "", group_from: 4, percent_sign: "%" };

    /// The style of a language tag.
    pub fn of(tag: &str) -> NumberStyle {
        let primary = super::primary(tag);
        let region = tag.split(['-', '_']).nth(1).map(str::to_ascii_uppercase).unwrap_or_default();
        match primary.as_str() {
            "fr" => match region.as_str() {
                // Switzerland writes 1’234.5 in French too; elsewhere 1 234,5.
                "CH" => NumberStyle { decimal: ",", group: "\u{2019}", group_from: 4, percent_sign: "%" },
                _ => NumberStyle { decimal: ",", group: NNBSP, group_from: 4, percent_sign: "\u{202f}%" },
            },
            "es" => match region.as_str() {
                // Mexico, most of Central America and the Caribbean, and Spanish in the US:
                // 12,345.5.
                "MX" | "GT" | "SV" | "HN" | "NI" | "PA" | "DO" | "PR" | "US" | "419" => {
                    NumberStyle { decimal: ".", group: ",", group_from: 4, percent_sign: "\u{a0}%" }
                }
                // Costa Rica: 12 345,5.
                "CR" => NumberStyle { decimal: ",", group: NBSP, group_from: 4, percent_sign: "\u{a0}%" },
                _ => NumberStyle { decimal: ",", group: ".", group_from: 5, percent_sign: "\u{a0}%" },
            },
            "ar" => match region.as_str() {
                // The Maghreb: 12.345,5.
                "MA" | "DZ" | "TN" | "LY" | "MR" | "EH" => {
                    NumberStyle { decimal: ",", group: ".", group_from: 4, percent_sign: "%" }
                }
                _ => NumberStyle { decimal: ".", group: ",", group_from: 4, percent_sign: "%" },
            },
            _ => NumberStyle::ENGLISH,
        }
    }

    /// Append `n`, at most two decimals, in this style.
    pub fn push(&self, out: &mut String, n: f64) {
        if *self == NumberStyle::ENGLISH {
            crate::text::push_number(out, n);
            return;
        }
        let mut plain = String::with_capacity(24);
        crate::text::push_number(&mut plain, n);
        let (sign, unsigned) = match plain.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", plain.as_str()),
        };
        let (whole, fraction) = unsigned.split_once('.').map_or((unsigned, None), |(w, f)| (w, Some(f)));
        out.push_str(sign);
        if self.group.is_empty() || whole.len() < self.group_from || !whole.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(whole);
        } else {
            for (k, digit) in whole.chars().enumerate() {
                if k > 0 && (whole.len() - k) % 3 == 0 {
                    out.push_str(self.group);
                }
                out.push(digit);
            }
        }
        if let Some(fraction) = fraction {
            out.push_str(self.decimal);
            out.push_str(fraction);
        }
    }
}

/// How a language writes a date in long form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateStyle {
    months: [&'static str; 12],
    pattern: Pattern,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pattern {
    /// `14 March 2026`.
    DayMonthYear,
    /// `1er mars 2026`, `14 mars 2026`.
    French,
    /// `14 de marzo de 2026`.
    Spanish,
}

const FRENCH_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const SPANISH_MONTHS: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
/// The month names of CLDR's `ar`, used in Egypt, Sudan, the Gulf and in most international
/// organizations' Arabic.
const ARABIC_MONTHS: [&str; 12] =
    ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"];
/// Morocco's month names (CLDR `ar-MA`).
const MOROCCAN_MONTHS: [&str; 12] =
    ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر"];
/// Algeria's and Tunisia's month names, from French (CLDR `ar-DZ`, `ar-TN`).
const ALGERIAN_MONTHS: [&str; 12] =
    ["جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"];
/// The Syriac month names of the Levant and Iraq (CLDR `ar-LB`, `ar-SY`, `ar-JO`, `ar-IQ`,
/// `ar-PS`).
const LEVANTINE_MONTHS: [&str; 12] = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
];

impl DateStyle {
    /// The style of a language tag (English for a language Fieldbook has no names for).
    pub fn of(tag: &str) -> DateStyle {
        let region = tag.split(['-', '_']).nth(1).map(str::to_ascii_uppercase).unwrap_or_default();
        let (months, pattern) = match super::primary(tag).as_str() {
            "fr" => (FRENCH_MONTHS, Pattern::French),
            "es" => (SPANISH_MONTHS, Pattern::Spanish),
            "ar" => (
                match region.as_str() {
                    "MA" | "EH" => MOROCCAN_MONTHS,
                    "DZ" | "TN" => ALGERIAN_MONTHS,
                    "LB" | "SY" | "JO" | "IQ" | "PS" => LEVANTINE_MONTHS,
                    _ => ARABIC_MONTHS,
                },
                Pattern::DayMonthYear,
            ),
            _ => (crate::date::MONTHS, Pattern::DayMonthYear),
        };
        DateStyle { months, pattern }
    }

    /// `date` in long form.
    pub fn long(&self, date: Date) -> String {
        // Pushed rather than formatted: every dated value of every profile is shown this way.
        let month = self.months[date.month() as usize - 1];
        let mut text = String::with_capacity(month.len() + 16);
        match self.pattern {
            Pattern::French if date.day() == 1 => text.push_str("1er"),
            _ => text.push_str(itoa::Buffer::new().format(date.day())),
        }
        text.push_str(if self.pattern == Pattern::Spanish { " de " } else { " " });
        text.push_str(month);
        text.push_str(if self.pattern == Pattern::Spanish { " de " } else { " " });
        text.push_str(itoa::Buffer::new().format(date.year()));
        text
    }

    /// A month and its year, as a round of a survey is dated: `March 2026`, `mars 2026`,
    /// `marzo de 2026`, `مارس 2026` (CLDR's `yMMMM`; French and Spanish write the month in
    /// lower case).
    pub fn month_year(&self, date: Date) -> String {
        let month = self.months[date.month() as usize - 1];
        let of = if self.pattern == Pattern::Spanish { " de " } else { " " };
        format!("{month}{of}{}", date.year())
    }
}
