//! Reading typed values out of frontmatter nodes, with a located diagnostic for every value
//! that is not what its field expects.

use crate::date::Date;
use crate::diagnostic::{Diagnostic, Diagnostics, Location, suggestion_said};
use crate::load::{Node, NodeKind, ScalarStyle};
use crate::messages::Message;
use crate::schema::{HasTerm, Vocab};
use crate::source::{SourceFile, Span};
use crate::text::fold;

/// The largest whole number read exactly (below 2^53, where doubles stop counting by one).
const MAX_WHOLE: f64 = 9.0e15;

/// What the readers need: the file (to locate problems) and where to put them.
pub(crate) struct Reader<'a> {
    pub(crate) source: &'a SourceFile,
    pub(crate) diagnostics: Diagnostics,
    /// The day dates are measured against.
    pub(crate) today: Date,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(source: &'a SourceFile, today: Date) -> Self {
        Reader { source, diagnostics: Diagnostics::new(), today }
    }

    pub(crate) fn at(&self, span: Span) -> Location {
        Location::at(self.source, span)
    }

    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// An error whose message and help come from the catalogue ([`crate::messages`]).
    pub(crate) fn error_said(&mut self, code: &'static str, span: Span, message: Message, help: Option<Message>) {
        let d = Diagnostic::error_said(code, self.at(span), message).with_optional_help_said(help);
        self.push(d);
    }

    /// A warning whose message and help come from the catalogue.
    pub(crate) fn warning_said(&mut self, code: &'static str, span: Span, message: Message, help: Option<Message>) {
        let d = Diagnostic::warning_said(code, self.at(span), message).with_optional_help_said(help);
        self.push(d);
    }

    /// `name` is not of the shape `expected` (a phrase of the catalogue, `shape.text`).
    fn wrong_shape(&mut self, node: &Node, name: Message, expected: &'static str) {
        self.error_said(
            "wrong-kind",
            node.span,
            Message::new("validate.wrong-shape")
                .phrase("name", name)
                .phrase("expected", Message::new(expected))
                .phrase("found", node.describe_said()),
            None,
        );
    }

    /// A quoted value where a number or yes/no is expected (`what`, a phrase of the
    /// catalogue): accepted, with a nudge, because in YAML quotes make it text and data tools
    /// would see text.
    fn quoted_warning(&mut self, node: &Node, name: &str, what: &'static str) {
        self.warning_said(
            "quoted-value",
            node.span,
            Message::new("validate.quoted").with("field", name).phrase("what", Message::new(what)),
            Some(Message::new("validate.quoted-help")),
        );
    }

    /// Text; a bare number or yes/no is kept exactly as written. Nothing (`~` or empty) is `None`.
    pub(crate) fn text(&mut self, node: &Node, name: &str) -> Option<String> {
        if node.is_null() {
            return None;
        }
        match &node.kind {
            NodeKind::Scalar(s) => {
                let text = s.text.trim();
                if !text.is_ascii() && super::characters::only_invisible(text) {
                    super::characters::report_invisible(self, node, name, text);
                    return None;
                }
                (!text.is_empty()).then(|| text.to_string())
            }
            _ => {
                self.wrong_shape(node, field(name), "shape.text");
                None
            }
        }
    }

    /// A list of text items with their positions. A single value counts as a list of one.
    pub(crate) fn list(&mut self, node: &Node, name: &str) -> Vec<(String, Span)> {
        if node.is_null() {
            return Vec::new();
        }
        match &node.kind {
            NodeKind::Scalar(_) => self.text(node, name).map(|t| vec![(t, node.span)]).unwrap_or_default(),
            NodeKind::Seq(items) => {
                let list: Vec<(String, Span)> = items
                    .iter()
                    .filter_map(|item| match &item.kind {
                        NodeKind::Scalar(_) => self.text(item, name).map(|t| (t, item.span)),
                        _ => {
                            self.wrong_shape(
                                item,
                                Message::new("validate.each-item").with("field", name),
                                "shape.text",
                            );
                            None
                        }
                    })
                    .collect();
                self.duplicate_entries(&list, name);
                self.cut_at_commas(&list, name);
                list
            }
            NodeKind::Map(_) => {
                self.wrong_shape(node, field(name), "shape.list-example");
                Vec::new()
            }
        }
    }

    /// Warn about each item of `list` that repeats an earlier one, ignoring case and accents
    /// (`Youth`, `youth`, `YOUTH`), with a note at the first.
    fn duplicate_entries(&mut self, list: &[(String, Span)], name: &str) {
        if list.len() < 2 {
            return;
        }
        // Lists are short: compare each item with those before it, folding only text that
        // has accents to fold.
        let same = |a: &str, b: &str| {
            if a.is_ascii() && b.is_ascii() { a.eq_ignore_ascii_case(b) } else { fold(a) == fold(b) }
        };
        for (n, (text, span)) in list.iter().enumerate() {
            let Some((first, first_span)) = list[..n].iter().find(|(earlier, _)| same(earlier, text)) else {
                continue;
            };
            let message = if first == text {
                Message::new("page.listed-twice")
            } else {
                Message::new("page.repeats").with("first", first.as_str())
            };
            let message = message.with("text", text.as_str()).with("field", name);
            let d = Diagnostic::warning_said("duplicate-entry", self.at(*span), message)
                .with_note_said(Message::new("page.first-listed"), self.at(*first_span))
                .with_help_said(Message::new("page.listed-twice-help"));
            self.push(d);
        }
    }

    /// Warn about two items of `list` that read as one cut in two at a comma inside
    /// parentheses (`[Water for four douars (commune, 2023 to 2025)]` is two items in YAML:
    /// `Water for four douars (commune` and `2023 to 2025)`): the first opens a parenthesis it
    /// does not close, the next closes one it did not open.
    fn cut_at_commas(&mut self, list: &[(String, Span)], name: &str) {
        let depth = |text: &str| text.matches('(').count() as i64 - text.matches(')').count() as i64;
        for pair in list.windows(2) {
            let [(first, first_span), (second, second_span)] = pair else { continue };
            if depth(first) > 0 && depth(second) < 0 {
                let joined = format!("{first}, {second}");
                let message = Message::new("page.cut-at-comma")
                    .with("first", first.as_str())
                    .with("second", second.as_str())
                    .with("field", name);
                let span = Span::new(first_span.start as usize, second_span.end as usize);
                let d = Diagnostic::warning_said("list-item-cut", self.at(span), message)
                    .with_help_said(Message::new("page.cut-at-comma-help").with("joined", joined));
                self.push(d);
            }
        }
    }

    /// Plain text items only.
    pub(crate) fn strings(&mut self, node: &Node, name: &str) -> Vec<String> {
        // Kept with the model: collected in place, the vector would keep the room of the list
        // with positions (5 strings for 3, say).
        let mut strings: Vec<String> = self.list(node, name).into_iter().map(|(t, _)| t).collect();
        strings.shrink_to_fit();
        strings
    }

    /// A number, not NaN or infinite.
    ///
    /// See [`plain_number`] for the common case without the name a message would need.
    pub(crate) fn number(&mut self, node: &Node, name: &str) -> Option<f64> {
        self.number_in(node, name, false)
    }

    /// A number, `whole` when a whole number is expected (which tells a thousands separator
    /// from a decimal point in `24.500`).
    fn number_in(&mut self, node: &Node, name: &str, whole: bool) -> Option<f64> {
        let s = match &node.kind {
            NodeKind::Scalar(s) if !node.is_null() => s,
            _ => {
                self.wrong_shape(node, field(name), "shape.a-number");
                return None;
            }
        };
        let text = s.text.trim();
        let parsed = parse_number(text.strip_suffix('%').unwrap_or(text));
        match parsed {
            Some(n) => {
                if s.style != ScalarStyle::Plain {
                    self.quoted_warning(node, name, "shape.a-number");
                }
                Some(n)
            }
            None => {
                let message = Message::new("validate.not-a-number").with("field", name).with("value", text);
                self.error_said("wrong-kind", node.span, message, number_help(text, whole));
                None
            }
        }
    }

    /// A whole number.
    pub(crate) fn integer(&mut self, node: &Node, name: &str) -> Option<i64> {
        let n = self.number_in(node, name, true)?;
        // Quote the figure as written: the number read from it may be rounded.
        let written = node.as_scalar().map_or("", |s| s.text.trim());
        if n.abs() > MAX_WHOLE {
            let message = Message::new("page.too-large").with("field", name).with("value", written);
            self.error_said("out-of-range", node.span, message, Some(Message::new("page.too-large-help")));
            return None;
        }
        if n.fract() != 0.0 {
            // `24.500`: a thousands separator, as Spanish, German and others write them.
            let message = Message::new("validate.not-whole").with("field", name).with("value", written);
            self.error_said("wrong-kind", node.span, message, number_help(written, true));
            return None;
        }
        Some(n as i64)
    }

    /// A whole number of 0 or more.
    pub(crate) fn count(&mut self, node: &Node, name: &str) -> Option<u64> {
        let n = self.integer(node, name)?;
        if n < 0 {
            let message = Message::new("validate.negative").with("field", name).with("value", n.to_string());
            self.error_said("wrong-kind", node.span, message, None);
            return None;
        }
        Some(n as u64)
    }

    /// Yes or no: `yes`, `no`, `true`, `false`.
    pub(crate) fn yes_no(&mut self, node: &Node, name: &str) -> Option<bool> {
        let s = match &node.kind {
            NodeKind::Scalar(s) if !node.is_null() => s,
            _ => {
                self.wrong_shape(node, field(name), "shape.yes-no");
                return None;
            }
        };
        let value = match s.text.trim().to_lowercase().as_str() {
            "yes" | "true" => true,
            "no" | "false" => false,
            other => {
                let message = Message::new("validate.not-yes-no").with("field", name).with("value", other);
                self.error_said("wrong-kind", node.span, message, None);
                return None;
            }
        };
        if s.style != ScalarStyle::Plain {
            self.quoted_warning(node, name, "shape.yes-no");
        }
        Some(value)
    }

    /// A date, YYYY-MM-DD, with a word about a date written without its leading zeros or
    /// with a time of day (see [`super::dates`] for the checks of when a date may be).
    pub(crate) fn date(&mut self, node: &Node, name: &str) -> Option<Date> {
        let text = match &node.kind {
            NodeKind::Scalar(s) if !node.is_null() => s.text.as_str(),
            _ => {
                self.wrong_shape(node, field(name), "shape.date");
                return None;
            }
        };
        match Date::parse_said(text) {
            Ok((date, written)) => super::dates::check_written(self, node, name, date, written),
            Err(message) => {
                self.error_said("bad-date", node.span, message, None);
                None
            }
        }
    }

    /// One id from `vocab`, with a did-you-mean when it is not there.
    pub(crate) fn id<T: HasTerm>(
        &mut self,
        node: &Node,
        name: &str,
        vocab: &Vocab<T>,
        what: &str,
        code: &'static str,
    ) -> Option<usize> {
        let id = self.text(node, name)?;
        self.lookup(&id, node.span, vocab, what, code)
    }

    /// Look `id` up in `vocab`.
    pub(crate) fn lookup<T: HasTerm>(
        &mut self,
        id: &str,
        span: Span,
        vocab: &Vocab<T>,
        what: &str,
        code: &'static str,
    ) -> Option<usize> {
        let found = vocab.get(id);
        if found.is_none() && self.pasted_dash(id, span, code).is_none() {
            let message = match unknown_id_message(what) {
                Some(said) => Message::new(said).with("id", id),
                None => Message::new("validate.unknown-id").with("what", what).with("id", id),
            };
            let help = joined_items(id, vocab)
                .or_else(|| label_suggestion(id, vocab, what))
                .or_else(|| suggestion_said(id, vocab.ids()));
            self.error_said(code, span, message, help);
        }
        found
    }

    /// Report `id` (written at `span`) as unknown for a dash a word processor put in place of
    /// a hyphen (`desk‑review`, with a no-break hyphen, looks like the id it is not), at the
    /// dash; true when it has one.
    fn pasted_dash(&mut self, id: &str, span: Span, code: &'static str) -> Option<()> {
        let (at, dash) = id.char_indices().find(|&(_, c)| super::characters::is_pasted_dash(c))?;
        let typed: String = id.chars().map(|c| if super::characters::is_pasted_dash(c) { '-' } else { c }).collect();
        // At the dash itself when the id is written as it reads (not in quotes with escapes).
        let start = span.start as usize;
        let written = self.source.text.get(start..).is_some_and(|text| text.starts_with(id));
        let span = if written { Span::new(start + at, start + at + dash.len_utf8()) } else { span };
        let message = Message::new("validate.pasted-dash").with("id", id).with("code", format!("{:04X}", dash as u32));
        self.error_said(code, span, message, Some(Message::new("validate.pasted-dash-help").with("id", typed)));
        Some(())
    }

    /// Several ids from `vocab`; each unknown one is reported, and duplicates (which
    /// [`Reader::list`] warns about) are dropped.
    pub(crate) fn ids<T: HasTerm>(
        &mut self,
        node: &Node,
        name: &str,
        vocab: &Vocab<T>,
        what: &str,
        code: &'static str,
    ) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for (id, span) in self.list(node, name) {
            if let Some(i) = self.lookup(&id, span, vocab, what, code)
                && !out.contains(&i)
            {
                out.push(i);
            }
        }
        out.shrink_to_fit();
        out
    }

    /// The entries of a map, or an error saying a map was expected.
    pub(crate) fn map<'n>(&mut self, node: &'n Node, name: &str, example: &str) -> &'n [crate::load::Entry] {
        if node.is_null() {
            return &[];
        }
        match &node.kind {
            NodeKind::Map(entries) => entries,
            _ => {
                self.error_said(
                    "wrong-kind",
                    node.span,
                    Message::new("validate.wrong-shape")
                        .phrase("name", field(name))
                        .phrase("expected", Message::new("shape.map"))
                        .phrase("found", node.describe_said()),
                    Some(Message::new("validate.write-it-as").with("example", example)),
                );
                &[]
            }
        }
    }
}

/// The field `name` as a message names it: `` `name` ``.
fn field(name: &str) -> Message {
    Message::new("validate.field").with("field", name)
}

/// The catalogue's message for an id not in the schema's list of `what` (a kind of id, as
/// the validators name it).
fn unknown_id_message(what: &str) -> Option<&'static str> {
    Some(match what {
        "indicator" => "validate.unknown-indicator",
        "criterion" => "validate.unknown-criterion",
        "method" => "validate.unknown-method",
        "approach" => "validate.unknown-approach",
        "sector" => "validate.unknown-sector",
        "dimension" => "validate.unknown-dimension",
        "disaggregation dimension" => "validate.unknown-disaggregation",
        "level" => "validate.unknown-level",
        "project stage" => "validate.unknown-stage",
        "guidance topic" => "validate.unknown-topic",
        "research question" => "validate.unknown-question",
        _ => return None,
    })
}

/// The number a plain value holds, when it holds one: what [`Reader::number`] returns for it,
/// without the messages that call prepares. `None` for anything else (quoted, empty, not a
/// number), which `Reader::number` must then read and explain.
pub(crate) fn plain_number(node: &Node) -> Option<f64> {
    match &node.kind {
        NodeKind::Scalar(s) if s.style == ScalarStyle::Plain && !node.is_null() => {
            let text = s.text.trim();
            parse_number(text.strip_suffix('%').unwrap_or(text))
        }
        _ => None,
    }
}

/// What to write for `written`, a number as a document or a spreadsheet writes it, where
/// this one is not read: without thousands separators (`24 500`, `24,500`, `1.200.000`, and
/// `24.500` where a whole number is expected, as Spanish writes 24 500), with a dot for
/// decimals (`12,5`), both (`1 200,5`, `1.200,5`), and without quotes around it (`“24500”`,
/// a word processor's quotes, which YAML does not read as quotes). `None` when it is not a
/// number written another way.
pub(crate) fn number_help(written: &str, whole: bool) -> Option<Message> {
    const QUOTES: &[char] = &['"', '\'', '“', '”', '„', '‟', '‘', '’', '‚', '‛', '«', '»', '‹', '›', '＂'];
    let text = written.trim();
    let unquoted = (text.chars().count() >= 2 && text.starts_with(QUOTES) && text.ends_with(QUOTES))
        .then(|| text.trim_start_matches(QUOTES).trim_end_matches(QUOTES).trim());
    let inner = unquoted.unwrap_or(text);
    let (body, percent) = match inner.strip_suffix('%') {
        Some(body) => (body.trim_end(), "%"),
        None => (inner, ""),
    };
    let (number, thousands, decimal_comma) = regrouped(body, whole)?;
    let number = format!("{number}{percent}");
    let said = match (unquoted.is_some(), thousands, decimal_comma) {
        (true, _, _) => "validate.without-quotes",
        (false, true, true) => "validate.no-thousands-decimal-dot",
        (false, true, false) => "validate.no-thousands",
        (false, false, true) => "validate.decimal-dot",
        (false, false, false) => return None,
    };
    Some(Message::new(said).with("number", number))
}

/// `text` written as a plain decimal number, and whether it had thousands separators and a
/// decimal comma; `None` when it is not a number written with those.
fn regrouped(text: &str, whole: bool) -> Option<(String, bool, bool)> {
    const GROUP_SPACES: &[char] = &[' ', '\u{a0}', '\u{202f}', '\u{2009}', '\''];
    let (sign, digits) = match text.strip_prefix(['-', '+']) {
        Some(rest) => (&text[..1], rest),
        None => ("", text),
    };
    if !digits.starts_with(|c: char| c.is_ascii_digit())
        || !digits.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',' || GROUP_SPACES.contains(&c))
    {
        return None;
    }
    let after = |mark: char| digits.rsplit(mark).next().unwrap_or("");
    let three_after = |mark: char| after(mark).len() == 3 && after(mark).bytes().all(|b| b.is_ascii_digit());
    // The decimal mark, if any: the last of two kinds of marks; a single comma or dot unless
    // three digits follow it (`24,500` groups thousands; `24.500` too where the number is
    // whole); never a mark written more than once.
    let (dots, commas) = (digits.matches('.').count(), digits.matches(',').count());
    let decimal = match (dots, commas) {
        (0, 0) => None,
        (1, 0) if !(whole && three_after('.')) => Some('.'),
        (0, 1) if !three_after(',') => Some(','),
        (_, 0) | (0, _) => None,
        _ => Some(if digits.rfind('.') > digits.rfind(',') { '.' } else { ',' }),
    };
    let (integer, fraction) = match decimal {
        Some(mark) => digits.rsplit_once(mark)?,
        None => (digits, ""),
    };
    if decimal.is_some() && (fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let groups: Vec<&str> = integer.split(|c: char| c == '.' || c == ',' || GROUP_SPACES.contains(&c)).collect();
    let first_ok = (1..=3).contains(&groups[0].len()) || groups.len() == 1;
    if !first_ok || groups[1..].iter().any(|g| g.len() != 3) || groups.iter().any(|g| g.is_empty()) {
        return None;
    }
    let mut number = format!("{sign}{}", groups.concat());
    if decimal.is_some() {
        number.push('.');
        number.push_str(fraction);
    }
    Some((number, groups.len() > 1, decimal == Some(',')))
}

/// A number as people write it in data: `12`, `-3.5`, `1e3`. Not `.inf`, not `NaN`, not `0x1F`.
pub(crate) fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim();
    let ok = !t.is_empty()
        && t.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
        && t.bytes().any(|b| b.is_ascii_digit());
    if !ok {
        return None;
    }
    t.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// How far from 100 rounding may take parts written as `written`: half a unit of each part's
/// last written digit (0.5 for `33`, 0.05 for `33.3`, 5 for `2.5e1`), added up over the parts.
pub(crate) fn rounding_tolerance<S: AsRef<str>>(written: impl Iterator<Item = S>) -> f64 {
    written
        .map(|text| {
            let text = text.as_ref();
            let (mantissa, exponent) = text.split_once(['e', 'E']).unwrap_or((text, "0"));
            let decimals = mantissa.split_once('.').map_or(0, |(_, f)| f.chars().filter(char::is_ascii_digit).count());
            let exponent: i32 = exponent.trim_start_matches('+').parse().unwrap_or(0);
            0.5 * 10f64.powi(exponent.clamp(-30, 30) - decimals.min(30) as i32)
        })
        .sum()
}

/// When `written` is the label of an entry of `vocab` (what `check` calls a `what`) rather
/// than its id, in any of the languages Fieldbook or the site has it in, in any case and with
/// or without accents (`Accès aux services:` under `indicators:`, as the scaffold's comments
/// show it), a help naming that entry's id.
/// The help for `written`, two ids of `vocab` that YAML joined into one item (`desk-review -
/// focus-group-discussion`): a `- focus-group-discussion` indented under `- desk-review`, as a
/// list pasted from a word processor's indented bullets is, continues the item above it.
fn joined_items<T: HasTerm>(written: &str, vocab: &Vocab<T>) -> Option<Message> {
    let (first, second) = written.split_once(" - ")?;
    let (first, second) = (first.trim(), second.trim());
    (vocab.get(first).is_some() && vocab.get(second).is_some())
        .then(|| Message::new("hint.items-joined").with("first", first).with("second", second))
}

fn label_suggestion<T: HasTerm>(written: &str, vocab: &Vocab<T>, what: &str) -> Option<Message> {
    let kind = match what {
        "indicator" => "indicators",
        "approach" => "approaches",
        "criterion" => "criteria",
        "dimension" | "disaggregation dimension" => "disaggregations",
        "guidance topic" => "guidance_topics",
        "level" => "levels",
        "method" => "methods",
        "research question" => "research_questions",
        "sector" => "sectors",
        _ => return None,
    };
    let folded = fold(written.trim());
    let same = |label: &str| fold(label.trim()) == folded;
    let translated = |id: &str| {
        crate::schema::translate::TRANSLATIONS.iter().any(|(language, _)| {
            crate::schema::translate::translation(language)
                .and_then(|t| t.kinds.get(kind)?.get(id)?.label.as_deref())
                .is_some_and(same)
        })
    };
    let found = vocab
        .iter()
        .map(HasTerm::term)
        .find(|term| same(&term.label) || term.labels.values().any(|l| same(l)) || translated(&term.id))?;
    Some(Message::new("hint.label-is-not-id").with("label", written.trim()).with("id", found.id.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_ids_yaml_joined_into_one_item_are_named_as_two() {
        let schema = crate::schema::Schema::builtin();
        let help = joined_items("desk-review - focus-group-discussion", &schema.methods).map(|m| m.english());
        assert_eq!(
            help.as_deref(),
            Some(
                "`desk-review` and `focus-group-discussion` are two items that YAML joined into one: the line of \
                 `focus-group-discussion` is indented further than the `-` above it, so it continues that item; start \
                 each item at the same indentation, `- focus-group-discussion` under `- desk-review`"
            )
        );
        // Only when both are ids: a dash in a value that is no such pair is left to the others.
        assert!(joined_items("desk-review - interviews", &schema.methods).is_none());
        assert!(joined_items("desk-review", &schema.methods).is_none());
    }

    #[test]
    fn numbers_are_plain_decimal() {
        assert_eq!(parse_number("12"), Some(12.0));
        assert_eq!(parse_number("-3.5"), Some(-3.5));
        assert_eq!(parse_number("1e3"), Some(1000.0));
        assert_eq!(parse_number(".inf"), None);
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("0x1F"), None);
        assert_eq!(parse_number("1,200"), None);
        assert_eq!(parse_number("e"), None);
    }

    #[test]
    fn rounding_allows_half_a_unit_of_each_parts_last_digit() {
        assert_eq!(rounding_tolerance(["33", "33", "34"].iter()), 1.5);
        assert!((rounding_tolerance(["33.3", "33.3", "33.0"].iter()) - 0.15).abs() < 1e-12);
        assert!((rounding_tolerance(["50", "49.5"].iter()) - 0.55).abs() < 1e-12);
        assert!((rounding_tolerance(["2.5e1", "7.5E+1"].iter()) - 1.0).abs() < 1e-12);
    }

    /// The help for `written` where a whole number is expected or not: its key and number.
    fn help(written: &str, whole: bool) -> Option<(String, String)> {
        number_help(written, whole).map(|m| (m.id.to_string(), m.english().rsplit('`').nth(1).unwrap().to_string()))
    }

    #[test]
    fn numbers_as_documents_write_them_are_written_again() {
        let said = |id: &str, number: &str| Some((format!("validate.{id}"), number.to_string()));
        for (written, whole, wanted) in [
            ("24 500", false, said("no-thousands", "24500")),
            ("24\u{a0}500", true, said("no-thousands", "24500")),
            ("24,500", false, said("no-thousands", "24500")),
            ("1.200.000", false, said("no-thousands", "1200000")),
            ("24.500", true, said("no-thousands", "24500")),
            ("-1 200", true, said("no-thousands", "-1200")),
            ("1,200.5", false, said("no-thousands", "1200.5")),
            ("12,5", false, said("decimal-dot", "12.5")),
            ("47,5%", false, said("decimal-dot", "47.5%")),
            ("1 200,5", false, said("no-thousands-decimal-dot", "1200.5")),
            ("1.200,5", false, said("no-thousands-decimal-dot", "1200.5")),
            ("\u{201c}24500\u{201d}", true, said("without-quotes", "24500")),
            ("\"24500\"", true, said("without-quotes", "24500")),
            ("\u{ab}\u{a0}24\u{a0}500\u{a0}\u{bb}", true, said("without-quotes", "24500")),
            ("\u{201e}1.200,5\u{201c}", false, said("without-quotes", "1200.5")),
            // Where a decimal is allowed, `24.500` is one; `24.5` is one anywhere.
            ("24.500", false, None),
            ("24.5", true, None),
            // Not a number written another way.
            ("1.5.3", false, None),
            ("12 50", false, None),
            ("1,2,3", false, None),
            ("about 200", false, None),
            ("24 500 people", false, None),
            ("\"\"", false, None),
        ] {
            assert_eq!(help(written, whole), wanted, "{written:?} (whole: {whole})");
        }
    }
}
