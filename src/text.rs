//! Small text helpers shared by the stages: slugs, accent folding, HTML escaping, and filling
//! in the `{name}` blanks of interface strings.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// `template` with each `{name}` of `values` written in: the blanks of interface strings and
/// their translations. A blank no value names stays as it is, and what a value brings in is
/// never filled again (a community called `{km}` keeps its name).
///
/// One pass over the template: the locator map of every profile page fills a dozen phrases,
/// and replacing each name in turn cost a scan and two strings per name.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + values.iter().map(|(_, v)| v.len()).sum::<usize>());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after
            .find(['}', '{'])
            .filter(|&close| after.as_bytes()[close] == b'}')
            .and_then(|close| values.iter().find(|(name, _)| *name == &after[..close]).map(|(_, v)| (close, *v)));
        match value {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Lowercase and strip accents: "Tétouan" becomes "tetouan". Arabic is folded the way people
/// type it interchangeably: diacritics go (they are combining marks), hamza on alef, waw or ya
/// goes (NFD splits it off as a mark), alef wasla becomes alef, ta marbuta becomes ha, alef
/// maqsura and Persian ya become ya, and the tatweel that only stretches a word goes, so that
/// الاسكان finds الإسكان. The search index and the search script fold text the same way (NFD,
/// drop combining marks, [`fold_arabic`], lowercase), so that queries match.
pub fn fold(text: &str) -> String {
    // ASCII has no accents to strip: skip the normalization, which dominates otherwise.
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    // Each character decomposed alone, rather than the text through NFD's iterator (a third
    // of a French or Spanish page's search entry went there). The two give the same letters:
    // NFD also reorders each run of characters that combine with the one before, and every
    // such character is a combining mark, which folding drops (a test checks the whole of
    // Unicode for it).
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        decompose_canonical(c, |d| {
            if !is_combining_mark(d)
                && let Some(d) = fold_arabic(d)
            {
                out.extend(d.to_lowercase());
            }
        });
    }
    out
}

/// [`fold`] by the whole text's NFD, as it was first written: what the tests hold it to.
#[cfg(test)]
fn fold_by_nfd(text: &str) -> String {
    text.nfd().filter(|c| !is_combining_mark(*c)).filter_map(fold_arabic).flat_map(char::to_lowercase).collect()
}

/// One Arabic letter as [`fold`] keeps it (none for the tatweel); any other character as it is.
/// `search.js` has the same table.
pub fn fold_arabic(c: char) -> Option<char> {
    match c {
        '\u{0640}' => None,                          // tatweel
        '\u{0671}' => Some('\u{0627}'),              // alef wasla -> alef
        '\u{0629}' => Some('\u{0647}'),              // ta marbuta -> ha
        '\u{0649}' | '\u{06CC}' => Some('\u{064A}'), // alef maqsura, Persian ya -> ya
        other => Some(other),
    }
}

/// The definite article and the prepositions and conjunctions written onto it, as Arabic light
/// stemming (Larkey's light10) takes them off: longest first, so that وال goes whole.
const ARABIC_ARTICLES: [&str; 6] = [
    "\u{0648}\u{0627}\u{0644}",
    "\u{0628}\u{0627}\u{0644}",
    "\u{0643}\u{0627}\u{0644}",
    "\u{0641}\u{0627}\u{0644}",
    "\u{0644}\u{0644}",
    "\u{0627}\u{0644}",
];
/// Waw, "and", written onto the next word.
const WAW: char = '\u{0648}';

/// A folded Arabic word (see [`fold`]) without the prefixes written onto it, so that search
/// finds تعليم in التعليم and والتعليم: light stemming, as in Larkey's light10, on prefixes only
/// and conservatively. An article (ال، وال، بال، كال، فال، لل) goes when at least two letters
/// remain; a leading و ("and") when at least three remain, then an article after it (وبالتعليم).
/// A و left at the front once the article is gone is taken off as a word's first و is, so that
/// الوصول and وصول give the same term. Any other word is returned as it is. The search
/// script (`search.js`, `stripArabicPrefixes`) does the same, so queries match the index.
pub fn strip_arabic_prefixes(word: &str) -> &str {
    fn letters(text: &str) -> usize {
        text.chars().count()
    }
    fn article(word: &str) -> Option<&str> {
        ARABIC_ARTICLES.iter().find_map(|a| word.strip_prefix(a).filter(|rest| letters(rest) >= 2))
    }
    fn waw(word: &str) -> Option<&str> {
        word.strip_prefix(WAW).filter(|rest| letters(rest) >= 3)
    }
    if let Some(rest) = article(word) {
        return waw(rest).unwrap_or(rest);
    }
    match waw(word) {
        Some(rest) => article(rest).map_or(rest, |stem| waw(stem).unwrap_or(stem)),
        None => word,
    }
}

/// The endings light stemming takes off an Arabic word, in the order it tries them, as folded
/// (see [`fold`]: ta marbuta is already ha, so ية and ة are here as يه and ه). They are Larkey's
/// light10 suffixes (Larkey, Ballesteros and Connell, 2002; Lucene's Arabic stemmer uses the
/// same list): ها (her, its), ات (feminine plural), ون and ين (masculine plural), يه (the
/// adjective ending ية), ه (his; ta marbuta), ي (my; the adjective ending). All but ان, the
/// dual: in what this handbook's pages say it ends far more words than it inflects (سكان
/// residents, إسكان housing, مكان, السودان, لبنان, باكستان), and the dual is rare in reports.
const ARABIC_SUFFIXES: [&str; 7] = [
    "\u{0647}\u{0627}",
    "\u{0627}\u{062A}",
    "\u{0648}\u{0646}",
    "\u{064A}\u{0646}",
    "\u{064A}\u{0647}",
    "\u{0647}",
    "\u{064A}",
];

/// A folded Arabic word without the endings written onto it, so that search finds معلم in
/// معلمات, معلمون, معلمين and معلمة: light10's suffixes (`ARABIC_SUFFIXES`), each tried once
/// in its order and taken off when at least two letters remain. A word of two or three letters
/// is kept whole: most Arabic roots have three, and what ends like a suffix there is part of
/// the root (بيه، فيه، سنه). Any other word is returned as it is. The search script
/// (`search.js`, `stripArabicSuffixes`) does the same.
pub fn strip_arabic_suffixes(word: &str) -> &str {
    let mut letters = word.chars().count();
    if letters < 4 {
        return word;
    }
    let mut stem = word;
    for suffix in ARABIC_SUFFIXES {
        let suffix_letters = suffix.chars().count();
        if letters >= suffix_letters + 2
            && let Some(rest) = stem.strip_suffix(suffix)
        {
            stem = rest;
            letters -= suffix_letters;
        }
    }
    stem
}

/// A folded word as search indexes it: an Arabic word's prefixes, then its suffixes, taken off
/// ([`strip_arabic_prefixes`], [`strip_arabic_suffixes`]), so that والمعلمات and معلم give
/// the same term; any other word as it is. `search.js` (`stemArabic`) does the same.
pub fn stem_arabic(word: &str) -> &str {
    strip_arabic_suffixes(strip_arabic_prefixes(word))
}

/// True if `code` looks like a language code: two or three lowercase letters, then optional
/// parts after `-` or `_` (`en`, `ar`, `pt-BR`, `pt_BR`). Lenient, for a file name's suffix
/// (`page.fr_FR.md` is read as a translation, then told its suffix is no code); settings and
/// pages are held to [`crate::locale::is_language_tag`].
pub fn is_language_code(code: &str) -> bool {
    let mut parts = code.split(['-', '_']);
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// [`one_line`] of an owned `text`, kept as it is when it already is on one line.
pub fn into_one_line(text: String) -> String {
    match one_line(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(joined) => joined,
    }
}

/// `text` on one line as a page shows it: each run of spaces, tabs and line breaks one space
/// (a title pasted with a tab, or written over two lines in YAML, reads as it shows, and HXL
/// tools find no stray whitespace in the exports). A no-break space is kept: French puts one
/// before `:` on purpose.
pub fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("  ") && !text.contains(['\t', '\n', '\r']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split([' ', '\t', '\n', '\r']).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    std::borrow::Cow::Owned(out)
}

/// A URL- and file-safe id from a title or file name: lowercase, accents stripped, with every
/// run of characters other than letters and digits turned into one `-`. "Tanger Nord (2026)"
/// becomes "tanger-nord-2026". Arabic keeps its spelling: "الموصل القديمة" becomes
/// "الموصل-القديمة", with its ta marbuta and hamzas (see `slug_fold`).
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut dash = false;
    for c in slug_fold(text).chars() {
        if c.is_alphanumeric() {
            if dash && !slug.is_empty() {
                slug.push('-');
            }
            dash = false;
            slug.push(c);
        } else {
            dash = true;
        }
    }
    slug
}

/// A site path as a file system that ignores case sees it: composed (NFC, as APFS and HFS+
/// compare names whatever their normalization) and lowercased letter by letter. Sites are
/// zipped, opened on Windows and copied to USB sticks, where `Data/x.csv` and `data/x.csv` are
/// one file: two outputs whose keys are equal would overwrite each other there.
pub fn path_key(path: &str) -> String {
    if path.is_ascii() {
        return path.to_ascii_lowercase();
    }
    // Composed again after lowercasing: a few capitals lowercase to a letter and a mark.
    path.nfc().flat_map(char::to_lowercase).nfc().collect()
}

/// Text as an id spells it: Latin (and every script with case and accents) lowercased, its
/// accents stripped as [`fold`] strips them; Arabic as written. [`fold`]'s Arabic folding
/// (hamza dropped, ta marbuta as ha, alef maqsura as ya) makes what people type match, but
/// would misspell a name in a file name, an address or a heading's anchor: "القديمة" must not
/// become "القديمه". Only what never spells anything goes: the vowel marks (harakat, shadda,
/// sukun, superscript alef), as Latin accents go, and the tatweel that stretches a word. Text
/// typed with a separate hamza mark is composed first (NFC), so "ا" and a hamza above is "أ".
fn slug_fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.nfc() {
        if is_arabic(c) {
            let mark = matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}');
            if !mark && c != '\u{0640}' {
                out.push(c);
            }
        } else {
            unicode_normalization::char::decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    out.extend(d.to_lowercase());
                }
            });
        }
    }
    out
}

/// True for a character of the Arabic blocks (Arabic, its supplement and extended-A, and the
/// presentation forms).
fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// True if `id` is already a slug: what [`slugify`] would make of it.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty() && slugify(id) == id
}

/// Everything but unreserved characters and `/` is percent-encoded (spaces, accents, Arabic
/// letters), as RFC 3986 asks of a path.
const URI_PATH: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b'/');

/// A path with `/` between its parts as the path of a URI: `communities/عين.html` becomes
/// `communities/%D8%B9%D9%8A%D9%86.html`, which every reader of addresses takes.
pub fn uri_path(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, URI_PATH).to_string()
}

/// Escape text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_html_into(text, &mut out);
    out
}

/// Escape text for HTML into `out`: `&`, `<`, `>`, `"` and `'`, as Tera escapes template
/// values (both use pulldown-cmark's escaper, which scans 16 bytes at a time).
pub fn escape_html_into(text: &str, out: &mut String) {
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(out, text);
}

/// `magnitude` (not negative) times `scale`, rounded as `format!` rounds it to that many
/// decimals; `None` near a tie or out of the plain range, where only the exact formatter can
/// say. Hot paths use it to write numbers without the formatting machinery.
pub fn rounded_by_hand(magnitude: f64, scale: f64) -> Option<u64> {
    let scaled = magnitude * scale;
    // The product may be off by an ulp from the exact decimal: away from a tie it rounds the same.
    if !(0.0..1e15).contains(&scaled) || (scaled.fract() - 0.5).abs() < 1e-6 {
        return None;
    }
    Some(scaled.round() as u64)
}

/// A number without a trailing `.0`: 12, 12.5.
pub fn format_number(n: f64) -> String {
    // Room for a unit or a `%` after it, so that adding one does not copy the text.
    let mut out = String::with_capacity(32);
    push_number(&mut out, n);
    out
}

/// Append `n` as [`format_number`] writes it.
pub fn push_number(out: &mut String, n: f64) {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        out.push_str(itoa::Buffer::new().format(n as i64));
        return;
    }
    // Every value of every profile passes here: the formatting machinery took a tenth of a
    // microsecond each time.
    let Some(hundredths) = rounded_by_hand(n.abs(), 100.0) else {
        let s = format!("{n:.2}");
        out.push_str(s.trim_end_matches('0').trim_end_matches('.'));
        return;
    };
    let (whole, fraction) = (hundredths / 100, hundredths % 100);
    if n < 0.0 {
        out.push('-');
    }
    out.push_str(itoa::Buffer::new().format(whole));
    if fraction != 0 {
        out.push('.');
        out.push(char::from(b'0' + (fraction / 10) as u8));
        if fraction % 10 != 0 {
            out.push(char::from(b'0' + (fraction % 10) as u8));
        }
    }
}

/// Append `n` in full, as data files give it: the shortest decimal that reads back as the
/// same number (`0.004`, `33.333333333333336`), never in exponent form, unlike
/// [`push_number`], which rounds as the pages show numbers.
pub fn push_exact_number(out: &mut String, n: f64) {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        out.push_str(itoa::Buffer::new().format(n as i64));
    } else if (1e-5..1e9).contains(&n.abs()) {
        // Ryu writes the same digits as `{}` in this range, without the formatting machinery:
        // every figure of every profile passes here, in two exports.
        out.push_str(ryu::Buffer::new().format_finite(n));
    } else {
        use std::fmt::Write as _;
        let _ = write!(out, "{n}");
    }
}

/// 18400 as "18,400".
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A fixed pseudo-random sequence (xorshift) for tests that compare a fast path with the
/// code it replaces on many inputs.
#[cfg(test)]
pub(crate) fn next_test_random(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_makes_each_run_of_whitespace_one_space_and_keeps_no_break_spaces() {
        assert!(matches!(one_line("Tizi Nouzrou"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(one_line("Tizi  Nouzrou"), "Tizi Nouzrou");
        assert_eq!(one_line("Line1\nLine2\tand\r\n  more"), "Line1 Line2 and more");
        assert_eq!(one_line("Yoff\u{a0}: quartier"), "Yoff\u{a0}: quartier");
    }

    #[test]
    fn fill_writes_each_named_blank_once_and_leaves_the_rest() {
        let values = [("community", "Ain {km}"), ("km", "12")];
        assert_eq!(fill("{community}, {km} km", &values), "Ain {km}, 12 km");
        assert_eq!(fill("{km}{km} {unknown} {km", &values), "1212 {unknown} {km");
        assert_eq!(fill("{{community}} {}", &values), "{Ain {km}} {}");
        assert_eq!(fill("", &values), "");
        assert_eq!(fill("« {community} »", &[]), "« {community} »");
        assert_eq!(fill("قرب {community}", &values), "قرب Ain {km}");
    }

    #[test]
    fn exact_numbers_read_back_as_the_same_number_in_plain_decimals() {
        let mut state = 0x2545_f491_4f6c_dd1d;
        let mut values = vec![0.004, 1234.5678, 100.0 / 3.0, -3.5, 1e-7, 2.5e16, 1e15, 0.1 + 0.2, 12.0, -0.0];
        for _ in 0..20_000 {
            let bits = next_test_random(&mut state);
            let magnitude = 10f64.powi((bits % 24) as i32 - 8);
            values.push((bits >> 11) as f64 / (1u64 << 53) as f64 * magnitude);
        }
        for n in values {
            let mut out = String::new();
            push_exact_number(&mut out, n);
            assert_eq!(out.parse::<f64>().unwrap(), n, "{out}");
            assert!(!out.contains(['e', 'E']), "{n}: {out}");
            let plain = if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { format!("{n}") };
            assert_eq!(out, plain, "{n}");
        }
    }

    #[test]
    fn path_keys_ignore_case_and_normalization() {
        assert_eq!(path_key("Data/Communities.CSV"), "data/communities.csv");
        // "é" composed and decomposed, capital and small: one name on a Mac or a USB stick.
        assert_eq!(path_key("img/Caf\u{c9}.png"), path_key("img/cafe\u{301}.png"));
        assert_ne!(path_key("img/cafe.png"), path_key("img/caf\u{e9}.png"));
    }

    #[test]
    fn html_escaping_covers_the_five_characters_wherever_they_fall() {
        assert_eq!(escape_html(r#"a & b < c > d "e" 'f'"#), "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;");
        // Long text with the specials and multi-byte letters at every offset of the escaper's
        // 16-byte blocks, against the plain definition.
        let plain = |text: &str| {
            let mut out = String::new();
            for c in text.chars() {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '"' => out.push_str("&quot;"),
                    '\'' => out.push_str("&#39;"),
                    c => out.push(c),
                }
            }
            out
        };
        let pieces = ["a", "&", "<", ">", "\"", "'", "é", "ع", "🙂", "b"];
        let mut state = 42;
        for _ in 0..500 {
            let len = (next_test_random(&mut state) % 60) as usize;
            let text: String =
                (0..len).map(|_| pieces[(next_test_random(&mut state) % pieces.len() as u64) as usize]).collect();
            assert_eq!(escape_html(&text), plain(&text), "{text:?}");
        }
    }

    #[test]
    fn numbers_are_shown_without_noise() {
        assert_eq!(format_number(12.0), "12");
        assert_eq!(format_number(12.5), "12.5");
        assert_eq!(format_number(33.333), "33.33");
        assert_eq!(format_number(-0.5), "-0.5");
    }

    #[test]
    fn arabic_folds_the_variants_people_type_interchangeably() {
        // Hamza forms of alef (and on waw and ya), diacritics, tatweel, ta marbuta, alef maqsura.
        assert_eq!(fold("الإسكان"), fold("الاسكان"));
        assert_eq!(fold("أمن"), fold("امن"));
        assert_eq!(fold("آمن"), fold("امن"));
        assert_eq!(fold("ٱلمدرسة"), fold("المدرسه"));
        assert_eq!(fold("مُسْتَشْفَى"), fold("مستشفي"));
        assert_eq!(fold("الصحـــة"), fold("الصحه"));
        assert_eq!(fold("مسؤول"), fold("مسوول"));
        assert_eq!(fold("بيئة"), fold("بييه"));
        assert_ne!(fold("ماء"), fold("ما"), "a standalone hamza is a letter, kept");
    }

    #[test]
    fn every_character_that_combines_with_the_one_before_is_a_mark_folding_drops() {
        // What lets `fold` decompose character by character: NFD's reordering moves only
        // these, and folding drops them all.
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if unicode_normalization::char::canonical_combining_class(c) != 0 {
                assert!(is_combining_mark(c), "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn folding_character_by_character_gives_what_the_whole_texts_nfd_gives() {
        let samples = [
            "Tétouan",
            "Île-de-France ÇA",
            "Sáhara Occidental",
            "Côte d\u{2019}Ivoire",
            "e\u{301}\u{323}te\u{323}\u{301}",
            "ǅemal Ǆ ǆ",
            "ΆΈΉ ῼ",
            "Ⅻ ﬁ",
            "한국어 가나다",
            "الإسكان مُسْتَشْفَى الصحـــة",
            "İstanbul ẞ",
            "a\u{308}\u{301}\u{327}",
            "Dakar–Thiès 12\u{a0}km",
            "\u{301}start with a mark",
        ];
        for text in samples {
            assert_eq!(fold(text), fold_by_nfd(text), "{text}");
        }
        // Every character of the Latin, Greek, Cyrillic, Arabic and combining blocks, and a
        // spread of the rest, each after a letter and before a combining mark.
        let mut text = String::new();
        for c in (0x80..0x2000).chain((0x2000..0x10FFFF).step_by(97)).filter_map(char::from_u32) {
            text.push('a');
            text.push(c);
            text.push('\u{301}');
            assert_eq!(fold(&text), fold_by_nfd(&text), "U+{:04X}", c as u32);
            text.clear();
        }
    }

    #[test]
    fn folding_strips_accents_and_case() {
        assert_eq!(fold("Tétouan"), "tetouan");
        assert_eq!(fold("Île-de-France ÇA"), "ile-de-france ca");
        // Arabic letters stay Arabic; only ta marbuta is written as ha (see the Arabic test).
        assert_eq!(fold("طنجة"), "طنجه");
    }

    #[test]
    fn slugs_are_folded_and_dashed() {
        assert_eq!(slugify("Tanger Nord (2026)"), "tanger-nord-2026");
        assert_eq!(slugify("  São Tomé -- Centre "), "sao-tome-centre");
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("C:\\Windows"), "c-windows");
        assert_eq!(slugify("a\0b"), "a-b");
        assert_eq!(slugify("!!!"), "");
        assert!(is_slug("tanger-nord"));
        assert!(!is_slug("Tanger Nord"));
    }

    #[test]
    fn arabic_prefixes_are_stripped_when_enough_of_the_word_remains() {
        let stem = |word: &str| strip_arabic_prefixes(&fold(word)).to_string();
        // The article, and the conjunction and prepositions written onto it.
        for word in ["التعليم", "والتعليم", "بالتعليم", "كالتعليم", "فالتعليم", "للتعليم", "وبالتعليم", "تعليم"]
        {
            assert_eq!(stem(word), "تعليم", "{word}");
        }
        assert_eq!(stem("الإسكان"), stem("اسكان"));
        // A word's first و, after the article or not: the same term either way.
        assert_eq!(stem("الوصول"), stem("وصول"));
        assert_eq!(stem("والوصول"), stem("وصول"));
        // Too short to hold a prefix: kept whole.
        for word in ["الم", "ولد", "الي", "وطن", "لله", "ال", "و"] {
            assert_eq!(stem(word), fold(word), "{word}");
        }
        assert_eq!(stem("الولد"), "ولد");
        // Other scripts are untouched.
        assert_eq!(strip_arabic_prefixes("alliance"), "alliance");
    }

    #[test]
    fn arabic_suffixes_are_stripped_from_words_of_four_letters_or_more() {
        let stem = |word: &str| stem_arabic(&fold(word)).to_string();
        // Plurals, the dual, the feminine and the adjective ending, with prefixes or without.
        for word in ["معلم", "معلمات", "معلمون", "معلمين", "معلمة", "المعلمات", "والمعلمين", "للمعلمة", "معلمي"]
        {
            assert_eq!(stem(word), "معلم", "{word}");
        }
        assert_eq!(stem("مدرسية"), "مدرس");
        assert_eq!(stem("مدرسيه"), stem("مدرسية"), "ta marbuta folded first");
        assert_eq!(stem("المدينة"), stem("مدينة"));
        assert_eq!(stem("مدينتها"), stem("مدينته"));
        assert_eq!(stem("سنوات"), "سنو");
        // Each ending once, in order: ها, then a ي left before it.
        assert_eq!(stem("كتابيها"), "كتاب");
        // Words of two or three letters keep what looks like an ending, with a prefix or not.
        for word in ["بيه", "فيه", "سنة", "ابن", "بنت", "ولي", "مع", "الفيه"] {
            let kept = strip_arabic_prefixes(&fold(word)).to_string();
            assert_eq!(stem(word), kept, "{word}");
        }
        // At least two letters remain.
        assert_eq!(stem("منها"), "من");
        assert_eq!(stem("بيتها"), "بيت");
        // The dual's ending is left: it ends more words than it inflects.
        assert_eq!(stem("السكان"), "سكان");
        assert_eq!(stem("الإسكان"), "اسكان");
        // Other scripts are untouched.
        assert_eq!(stem_arabic("maison"), "maison");
    }

    #[test]
    fn arabic_slugs_keep_their_spelling() {
        // Ta marbuta, hamza on alef, waw and ya, and alef maqsura stay as written: search
        // folds them, names do not.
        assert_eq!(slugify("الموصل القديمة"), "الموصل-القديمة");
        assert_eq!(slugify("الهجرة والعودة"), "الهجرة-والعودة");
        assert_eq!(slugify("الإسكان: أمن مسؤول، بيئة"), "الإسكان-أمن-مسؤول-بيئة");
        assert_eq!(slugify("مستشفى"), "مستشفى");
        // Vowel marks and the tatweel spell nothing: they go, as Latin accents do.
        assert_eq!(slugify("مُسْتَشْفَى الصحـــة"), "مستشفى-الصحة");
        // A hamza typed as a separate mark is the letter with its hamza.
        assert_eq!(slugify("\u{0627}\u{0654}من"), "أمن");
        assert!(is_slug("الموصل-القديمة"));
        // Latin is lowercased and its accents stripped, as before, beside Arabic too.
        assert_eq!(slugify("Aïn Lmaati — عين المعاطي"), "ain-lmaati-عين-المعاطي");
        assert_eq!(slugify("E\u{0301}COLE"), "ecole");
    }

    #[test]
    fn numbers_are_written_as_the_formatter_rounds_them() {
        let slow = |n: f64| {
            if n.fract() == 0.0 && n.abs() < 1e15 {
                format!("{}", n as i64)
            } else {
                let s = format!("{n:.2}");
                s.trim_end_matches('0').trim_end_matches('.').to_string()
            }
        };
        let mut values = vec![
            0.0,
            -0.0,
            12.0,
            12.5,
            0.005,
            0.015,
            0.125,
            2.675,
            2.999,
            -0.001,
            -3.25,
            99.995,
            1e15,
            1e16,
            -7e20,
            0.1,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            18400.0,
            1_234_567.891,
        ];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..50_000 {
            let state = next_test_random(&mut state);
            let magnitude = 10f64.powi((state % 9) as i32 - 3);
            values
                .push(((state >> 8) % 1_000_000) as f64 / 997.0 * magnitude * if state & 1 == 0 { 1.0 } else { -1.0 });
        }
        for n in values {
            assert_eq!(format_number(n), slow(n), "{n:e}");
        }
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(escape_html("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
        assert_eq!(escape_html("Tétouan & Tanger > Fès"), "Tétouan &amp; Tanger &gt; Fès");
        assert_eq!(escape_html("مدينة <ب>"), "مدينة &lt;ب&gt;");
        assert_eq!(escape_html(""), "");
    }
}
