//! What each value of the frontmatter is, in what order, and how it is written.

use super::*;

/// How a scalar is written, from what its field expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Hint {
    /// Text: quoted when a YAML reader would take it for something else.
    Text,
    /// A number (or integer): plain when the validator reads it as one.
    Number,
    /// A date: plain when it is one.
    Date,
    /// Yes or no: plain when it is one.
    YesNo,
    /// Unknown, or where plain and quoted mean different things (screening's `yes`): a plain
    /// value stays plain, a quoted one stays quoted unless quotes change nothing.
    Preserve,
}

/// What the schema says about a value and what is inside it.
#[derive(Clone, Copy)]
pub(super) enum Spec<'s> {
    /// The frontmatter of a content type.
    Root(ContentType),
    /// Nothing known: original order, scalars preserved.
    Generic,
    /// One value.
    Scalar(Hint),
    /// A list, or a single value standing for a list of one.
    List(Hint),
    /// `indicators:`.
    Indicators,
    /// One indicator: a bare value or an entry table.
    Indicator(&'s Indicator),
    /// The `value:` of an indicator entry table.
    IndicatorValue(&'s Indicator),
    /// Parts of a distribution or of a disaggregation dimension, in this order.
    Parts(&'s [String]),
    /// `disaggregation:` of an indicator entry.
    Disaggregation,
    /// `criteria:`.
    Criteria,
    /// One criterion: a status, or a table of status and evidence.
    Criterion,
    /// `research:`.
    Research,
    /// `screening:`.
    Screening,
    /// `location:`, latitude then longitude.
    Location,
}

/// An entry or a list item: what comments are attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Anchor {
    /// Where the key (or the item) starts in the file.
    pub(super) offset: u32,
    /// An item of a list (which may start where its first key does).
    pub(super) item: bool,
}

/// A value, decided and ready to write.
pub(super) enum Value {
    Scalar(ScalarOut),
    Seq(Vec<Item>),
    /// Entries, and whether the map may be written as a flow map (parts of a distribution).
    Map(Vec<OutEntry>, bool),
}

pub(super) struct Item {
    pub(super) anchor: Anchor,
    pub(super) value: Value,
}

pub(super) struct OutEntry {
    pub(super) anchor: Anchor,
    /// The key as written in a block.
    pub(super) key: String,
    /// The key as written inside `{ }`.
    pub(super) flow_key: String,
    pub(super) value: Value,
}

/// A scalar in its block form and, when it can be written inside `[ ]` or `{ }`, its flow form.
pub(super) struct ScalarOut {
    pub(super) block: Written,
    pub(super) flow: Option<String>,
    /// The flow form is plain (unquoted): lists are written as flow lists only then.
    pub(super) plain: bool,
}

pub(super) enum Written {
    /// On the line of its key (may be empty: a null written as nothing).
    Line(String),
    /// A literal block: `|` or `|-`, then the lines.
    Literal(&'static str, Vec<String>),
}

pub(super) struct Builder<'s> {
    pub(super) schema: &'s Schema,
}

impl<'s> Builder<'s> {
    pub(super) fn value(&self, node: &Node, spec: Spec<'s>) -> Value {
        match &node.kind {
            // A value left out (`key:`) has no text in the file: it stays left out, rather
            // than becoming the `~` the parser reports for it.
            NodeKind::Scalar(s) if node.is_null() && node.span.start == node.span.end => {
                let empty = Scalar { text: String::new(), style: s.style };
                Value::Scalar(scalar(&empty, true, self.hint(spec)))
            }
            NodeKind::Scalar(s) => Value::Scalar(scalar(s, node.is_null(), self.hint(spec))),
            NodeKind::Seq(items) => {
                let spec = self.item_spec(spec);
                Value::Seq(
                    items
                        .iter()
                        .map(|i| Item {
                            anchor: Anchor { offset: i.span.start, item: true },
                            value: self.value(i, spec),
                        })
                        .collect(),
                )
            }
            NodeKind::Map(entries) => self.map(entries, spec),
        }
    }

    pub(super) fn hint(&self, spec: Spec<'s>) -> Hint {
        match spec {
            Spec::Scalar(hint) | Spec::List(hint) => hint,
            Spec::Indicator(indicator) | Spec::IndicatorValue(indicator) => value_hint(indicator.kind),
            Spec::Criterion => Hint::Text,
            _ => Hint::Preserve,
        }
    }

    pub(super) fn item_spec(&self, spec: Spec<'s>) -> Spec<'s> {
        match spec {
            Spec::List(hint) => Spec::Scalar(hint),
            Spec::Indicator(i) | Spec::IndicatorValue(i) if i.kind == ValueKind::List => Spec::Scalar(Hint::Text),
            _ => Spec::Generic,
        }
    }

    pub(super) fn map(&self, entries: &[Entry], spec: Spec<'s>) -> Value {
        let schema = self.schema;
        match spec {
            Spec::Root(content_type) => self.ordered(
                entries,
                |k| schema.fields_of(content_type).position(|(_, f)| f.name == k),
                |k| field_spec(schema.field(content_type, k).map(|f| f.kind)),
                false,
            ),
            Spec::Indicators => self.ordered(
                entries,
                |k| schema.indicators.get(k),
                |k| schema.indicators.by_id(k).map_or(Spec::Generic, Spec::Indicator),
                false,
            ),
            Spec::Indicator(indicator)
                if indicator.kind == ValueKind::Distribution && !entries.iter().any(|e| e.key == "value") =>
            {
                self.map(entries, Spec::Parts(&indicator.parts[..]))
            }
            Spec::Indicator(indicator) => self.ordered(
                entries,
                |k| crate::schema::ENTRY_KEYS.iter().position(|e| *e == k),
                |k| entry_spec(k, indicator),
                false,
            ),
            Spec::IndicatorValue(indicator) if indicator.kind == ValueKind::Distribution => {
                self.map(entries, Spec::Parts(&indicator.parts[..]))
            }
            Spec::Parts(order) => {
                self.ordered(entries, |k| order.iter().position(|p| p == k), |_| Spec::Scalar(Hint::Number), true)
            }
            Spec::Disaggregation => self.ordered(
                entries,
                |k| schema.disaggregations.get(k),
                |k| Spec::Parts(schema.disaggregations.by_id(k).map_or(&[][..], |d| &d.parts[..])),
                false,
            ),
            Spec::Criteria => self.ordered(entries, |k| schema.criteria.get(k), |_| Spec::Criterion, false),
            Spec::Criterion => self.ordered(
                entries,
                |k| ["status", "evidence"].iter().position(|e| *e == k),
                |k| if matches!(k, "status" | "evidence") { Spec::Scalar(Hint::Text) } else { Spec::Generic },
                false,
            ),
            Spec::Location => self.ordered(
                entries,
                |k| ["lat", "lon"].iter().position(|e| *e == k),
                |_| Spec::Scalar(Hint::Number),
                true,
            ),
            Spec::Research => {
                self.ordered(entries, |k| schema.research_questions.get(k), |_| Spec::List(Hint::Text), false)
            }
            Spec::Screening => {
                self.ordered(entries, |k| schema.project_criteria.get(k), |_| Spec::Scalar(Hint::Preserve), false)
            }
            _ => self.ordered(entries, |_| None, |_| Spec::Generic, false),
        }
    }

    /// The entries with known keys first, by `rank`, then the others in their original order.
    pub(super) fn ordered(
        &self,
        entries: &[Entry],
        rank: impl Fn(&str) -> Option<usize>,
        child: impl Fn(&str) -> Spec<'s>,
        flow: bool,
    ) -> Value {
        let mut order: Vec<&Entry> = entries.iter().collect();
        order.sort_by_key(|e| rank(&e.key).map_or((1, 0), |r| (0, r)));
        let entries = order
            .into_iter()
            .map(|e| OutEntry {
                anchor: Anchor { offset: e.key_span.start, item: false },
                key: key_text(&e.key, false),
                flow_key: key_text(&e.key, true),
                value: self.value(&e.value, child(&e.key)),
            })
            .collect();
        Value::Map(entries, flow)
    }
}

pub(super) fn field_spec<'s>(kind: Option<FieldKind>) -> Spec<'s> {
    match kind {
        None => Spec::Generic,
        Some(FieldKind::Text | FieldKind::Url | FieldKind::Id | FieldKind::Status | FieldKind::Ref) => {
            Spec::Scalar(Hint::Text)
        }
        Some(FieldKind::Date) => Spec::Scalar(Hint::Date),
        Some(FieldKind::Integer | FieldKind::Number) => Spec::Scalar(Hint::Number),
        Some(FieldKind::YesNo) => Spec::Scalar(Hint::YesNo),
        Some(FieldKind::List | FieldKind::Ids | FieldKind::Refs) => Spec::List(Hint::Text),
        Some(FieldKind::Indicators) => Spec::Indicators,
        Some(FieldKind::Criteria) => Spec::Criteria,
        Some(FieldKind::Research) => Spec::Research,
        Some(FieldKind::Screening) => Spec::Screening,
        Some(FieldKind::Location) => Spec::Location,
    }
}

pub(super) fn entry_spec<'s>(key: &str, indicator: &'s Indicator) -> Spec<'s> {
    match key {
        "value" => Spec::IndicatorValue(indicator),
        "date" => Spec::Scalar(Hint::Date),
        "n" => Spec::Scalar(Hint::Number),
        "disaggregation" => Spec::Disaggregation,
        "unit" | "source" | "method" | "confidence" | "confidence_reason" | "notes" => Spec::Scalar(Hint::Text),
        _ => Spec::Generic,
    }
}

pub(super) fn value_hint(kind: ValueKind) -> Hint {
    match kind {
        ValueKind::Number | ValueKind::Percent | ValueKind::Count | ValueKind::Rating => Hint::Number,
        ValueKind::YesNo => Hint::YesNo,
        ValueKind::Text | ValueKind::List => Hint::Text,
        ValueKind::Distribution => Hint::Preserve,
    }
}
