//! Figures quoted in a profile's prose: `{{ income-and-employment }}` is filled in at build
//! time with the profile's value of that indicator, as its page shows it; `{{
//! income-and-employment sex=female }}` with one part of a disaggregation, `{{
//! income-and-employment n }}` with the number of respondents. `{{ villa-los-almendros:
//! income-and-employment }}` quotes another profile's figure, the profile's id before a colon;
//! `{{ population }}` (and `{{ villa-los-almendros: population }}`) a profile's population.
//!
//! This module only reads the references out of a body (the link stage checks them against
//! the profile, the renderer fills them in). A reference counts only in the text of a body:
//! inside a code span or a code block, in raw HTML or in a link's address it is left as
//! written, which is how the braces are written as they are.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::source::Span;

/// Opens a reference.
const OPEN: &str = "{{";
/// Closes a reference.
const CLOSE: &str = "}}";
/// The longest a reference can be, between its braces: a longer stretch is prose with braces in
/// it, not a reference, and the scan of a body stays in proportion to its length.
const LONGEST: usize = 200;

/// A word of a reference, with where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// As written.
    pub text: String,
    /// Where, in bytes from the start of the body.
    pub span: Span,
}

/// What a reference asks for besides the indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// The indicator's value.
    Value,
    /// The number of respondents behind it (`n`).
    Respondents,
    /// One part of a disaggregation (`sex=female`).
    Part {
        /// The dimension, by id.
        dimension: Word,
        /// The part, by name.
        part: Word,
    },
    /// A word that is none of these, or one too many.
    Unclear(Word),
}

/// One reference in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureRef {
    /// The whole reference, braces included, in bytes from the start of the body.
    pub span: Span,
    /// The profile quoted, by id, when it is another than the page's own
    /// (`villa-los-almendros:`).
    pub profile: Option<Word>,
    /// The indicator, by id.
    pub indicator: Word,
    /// What of it.
    pub ask: Ask,
}

impl FigureRef {
    /// The same reference with every span moved `offset` bytes on: from a value's start to
    /// the file's.
    pub fn shifted(mut self, offset: usize) -> FigureRef {
        let shift = |word: &mut Word| word.span = word.span.shifted(offset);
        self.span = self.span.shifted(offset);
        self.profile.as_mut().map(shift);
        shift(&mut self.indicator);
        match &mut self.ask {
            Ask::Part { dimension, part } => {
                shift(dimension);
                shift(part);
            }
            Ask::Unclear(word) => shift(word),
            Ask::Value | Ask::Respondents => {}
        }
        self
    }

    /// What the reference asks for, in one canonical spelling (`income-and-employment
    /// sex=female`), whatever the spaces and line breaks it was written with.
    pub fn canonical(&self) -> String {
        let mut text = self.profile.as_ref().map(|p| format!("{}: ", p.text)).unwrap_or_default();
        text.push_str(&self.indicator.text);
        match &self.ask {
            Ask::Value => {}
            Ask::Respondents => text.push_str(" n"),
            Ask::Part { dimension, part } => {
                text.push(' ');
                text.push_str(&dimension.text);
                text.push('=');
                text.push_str(&part.text);
            }
            Ask::Unclear(word) => {
                text.push_str(" ? ");
                text.push_str(&word.text);
            }
        }
        text
    }
}

/// The population's word in a reference (`{{ population }}`): a profile's `population`, unless
/// the schema has an indicator of that id, which is then what it names.
pub const POPULATION: &str = "population";

/// True if `figure` quotes a profile's population.
pub fn is_population(figure: &FigureRef, schema: &crate::schema::Schema) -> bool {
    figure.indicator.text == POPULATION && schema.indicators.get(POPULATION).is_none()
}

/// True if a build for an audience that does (`shows_sensitive`) or does not see what is
/// sensitive leaves the population out: the site marks the field sensitive.
pub fn population_withheld(schema: &crate::schema::Schema, shows_sensitive: bool) -> bool {
    !shows_sensitive && schema.fields.iter().any(|f| f.name == POPULATION && f.sensitive)
}

/// The references in the text of `body`, in order. Quick and without allocating for a body
/// that has none, as nearly every body: one scan for `{{`.
pub fn in_body(body: &str) -> Vec<FigureRef> {
    if memchr::memmem::find(body.as_bytes(), OPEN.as_bytes()).is_none() {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut in_code_block = false;
    // The run of text being read: consecutive text and line breaks, as the source has them.
    let mut run: Option<(usize, usize)> = None;
    for (event, range) in Parser::new_ext(body, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::Text(_) | Event::SoftBreak if !in_code_block => {
                run = Some(match run {
                    Some((start, end)) => (start, end.max(range.end)),
                    None => (range.start, range.end),
                });
                continue;
            }
            _ => {}
        }
        if let Some((start, end)) = run.take() {
            in_text(body, start, end, &mut found);
        }
    }
    if let Some((start, end)) = run {
        in_text(body, start, end, &mut found);
    }
    found
}

/// The references in `text`, prose without markup (a heading's words).
pub fn in_plain(text: &str) -> Vec<FigureRef> {
    let mut found = Vec::new();
    if text.contains(OPEN) {
        in_text(text, 0, text.len(), &mut found);
    }
    found
}

/// The references in `body[start..end]`, a run of prose.
fn in_text(body: &str, start: usize, end: usize, found: &mut Vec<FigureRef>) {
    let Some(text) = body.get(start..end) else { return };
    let mut at = 0;
    while let Some(open) = text[at..].find(OPEN).map(|k| at + k) {
        let inner_start = open + OPEN.len();
        let Some(close) = text[inner_start..].find(CLOSE).map(|k| inner_start + k) else { return };
        // `{{ a {{ b }}`: the reference is the last one opened.
        if let Some(reopened) = text[inner_start..close].rfind(OPEN) {
            at = inner_start + reopened;
            continue;
        }
        at = close + CLOSE.len();
        if close - inner_start > LONGEST {
            continue;
        }
        if let Some(reference) =
            parse(&text[inner_start..close], start + inner_start, Span::new(start + open, start + at))
        {
            found.push(reference);
        }
    }
}

/// A reference from what is written between its braces (`inner`, at byte `offset` of the
/// body); `None` when there is nothing there.
fn parse(inner: &str, offset: usize, span: Span) -> Option<FigureRef> {
    // `profile: indicator`: the profile is what stands before the first colon, if it is one
    // word (a colon later on is prose, and an indicator's id never has one).
    let (profile, inner, offset) = match inner.split_once(':') {
        Some((before, after)) if !before.trim().is_empty() && !before.trim().contains(char::is_whitespace) => {
            let start = before.len() - before.trim_start().len();
            let text = before.trim();
            let word = Word { text: text.to_string(), span: Span::new(offset + start, offset + start + text.len()) };
            (Some(word), after, offset + before.len() + 1)
        }
        _ => (None, inner, offset),
    };
    let words = words(inner, offset);
    let mut words = words.into_iter();
    let indicator = match words.next() {
        Some(word) => word,
        // `{{ villa-los-almendros: }}`: the indicator is missing, said where it should be.
        None => Word { text: String::new(), span: Span::new(offset, offset + inner.len()) },
    };
    if indicator.text.is_empty() && profile.is_none() {
        return None;
    }
    let ask = match (words.next(), words.next()) {
        (None, _) => Ask::Value,
        (Some(_), Some(extra)) => Ask::Unclear(extra),
        (Some(word), None) if word.text == "n" => Ask::Respondents,
        (Some(word), None) => match word.text.split_once('=') {
            Some((dimension, part)) if !dimension.is_empty() && !part.is_empty() => {
                // The word as written may have spaces around its `=`.
                let (start, end) = (word.span.start as usize, word.span.end as usize);
                let written = &inner[start - offset..end - offset];
                let eq = start + written.find('=').unwrap_or(dimension.len());
                Ask::Part {
                    dimension: Word { text: dimension.to_string(), span: Span::new(start, start + dimension.len()) },
                    part: Word { text: part.to_string(), span: Span::new(end - part.len(), end.max(eq + 1)) },
                }
            }
            _ => Ask::Unclear(word),
        },
    };
    Some(FigureRef { span, profile, indicator, ask })
}

/// The words of `inner`, split at spaces and line breaks; `sex = female` is one word, as
/// `sex=female` is.
fn words(inner: &str, offset: usize) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut glue = false;
    let mut rest = inner;
    let mut at = 0;
    while let Some(k) = rest.find(|c: char| !c.is_whitespace()) {
        let start = at + k;
        let len = rest[k..].find(char::is_whitespace).unwrap_or(rest.len() - k);
        let text = &inner[start..start + len];
        let span = Span::new(offset + start, offset + start + len);
        match words.last_mut() {
            Some(last) if glue || text.starts_with('=') => {
                last.text.push_str(text);
                last.span.end = span.end;
            }
            _ => words.push(Word { text: text.to_string(), span }),
        }
        glue = text.ends_with('=');
        at = start + len;
        rest = &inner[at..];
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(body: &str) -> Vec<String> {
        in_body(body).iter().map(|r| body[r.span.start as usize..r.span.end as usize].to_string()).collect()
    }

    #[test]
    fn references_are_read_with_what_they_ask_for() {
        let body = "Paid work for {{ income-and-employment }} of households, {{income-and-employment sex = female}} of women (n = {{ income-and-employment n }}).\n";
        let refs = in_body(body);
        assert_eq!(refs.len(), 3);
        assert_eq!(refs[0].indicator.text, "income-and-employment");
        assert_eq!(
            &body[refs[0].indicator.span.start as usize..refs[0].indicator.span.end as usize],
            "income-and-employment"
        );
        assert_eq!(refs[0].ask, Ask::Value);
        let Ask::Part { dimension, part } = &refs[1].ask else { panic!("{:?}", refs[1].ask) };
        assert_eq!((dimension.text.as_str(), part.text.as_str()), ("sex", "female"));
        assert_eq!(&body[part.span.start as usize..part.span.end as usize], "female");
        assert_eq!(refs[2].ask, Ask::Respondents);
        assert_eq!(texts(body)[1], "{{income-and-employment sex = female}}");
    }

    #[test]
    fn code_raw_html_and_addresses_keep_their_braces() {
        let body = "`{{ a }}` and\n\n```\n{{ b }}\n```\n\n    {{ c }}\n\n<div title=\"{{ d }}\">x</div>\n\n[link](https://e.org/{{f}}) {{ g }}\n";
        assert_eq!(texts(body), ["{{ g }}"]);
    }

    #[test]
    fn a_reference_may_run_over_a_line_break_and_sit_in_a_table_or_heading() {
        let body = "About {{ income-and-employment\nsex=female }} of women.\n\n| a | b |\n| --- | --- |\n| {{ x }} | y |\n\n## Work: {{ z }}\n";
        let refs = in_body(body);
        assert_eq!(refs.len(), 3);
        assert!(matches!(&refs[0].ask, Ask::Part { part, .. } if part.text == "female"));
        assert_eq!(refs[1].indicator.text, "x");
        assert_eq!(refs[2].indicator.text, "z");
    }

    #[test]
    fn odd_braces_are_prose() {
        assert!(in_body("a {{ b and {{}} and {{ c").is_empty());
        assert_eq!(texts("{{ a {{ b }}"), ["{{ b }}"]);
        let long = format!("{{{{ {} }}}}", "x ".repeat(150));
        assert!(in_body(&long).is_empty());
        let refs = in_body("{{ a sex }} {{ a n sex=f }}");
        assert!(matches!(&refs[0].ask, Ask::Unclear(w) if w.text == "sex"));
        assert!(matches!(&refs[1].ask, Ask::Unclear(w) if w.text == "sex=f"));
    }

    #[test]
    fn another_profile_is_named_before_a_colon() {
        let body = "{{ villa-los-almendros: access-to-services }} {{villa:income sex = female}} {{ a : b n }} {{ x: }} {{ population }} {{ a b: c }}";
        let refs = in_body(body);
        assert_eq!(refs.len(), 6);
        let at = |span: Span| &body[span.start as usize..span.end as usize];
        let profile = refs[0].profile.as_ref().unwrap();
        assert_eq!((at(profile.span), at(refs[0].indicator.span)), ("villa-los-almendros", "access-to-services"));
        assert_eq!(refs[0].canonical(), "villa-los-almendros: access-to-services");
        assert_eq!(refs[1].canonical(), "villa: income sex=female");
        assert!(matches!(&refs[1].ask, Ask::Part { part, .. } if at(part.span) == "female"));
        assert_eq!((refs[2].profile.as_ref().unwrap().text.as_str(), &refs[2].ask), ("a", &Ask::Respondents));
        assert_eq!(refs[3].indicator.text, "");
        assert_eq!(refs[4].profile, None);
        // Two words before the colon: not a profile.
        assert_eq!((refs[5].profile.as_ref(), refs[5].indicator.text.as_str()), (None, "a"));
    }

    #[test]
    fn a_body_without_references_is_not_parsed() {
        let none = in_body("No braces here, { nor } there.\n");
        assert!(none.is_empty() && none.capacity() == 0, "nothing is allocated for a body without references");
    }
}
