//! Writing the frontmatter's YAML from its tree, comments and all.

use super::*;

/// The canonical text of a YAML frontmatter (without its `---` lines), with `\n` line breaks.
pub(super) fn write_yaml(
    root: &Node,
    comments: Vec<Comment>,
    text: &str,
    parts: &Parts,
    content_type: ContentType,
    schema: &Schema,
) -> String {
    let placement = place_comments(root, comments, text, parts);
    let value = Builder { schema }.value(root, Spec::Root(content_type));
    let mut writer = Writer { out: String::new(), notes: placement.notes, after_keep: false };
    match &value {
        Value::Map(entries, _) => writer.entries(entries, 0, true),
        Value::Seq(items) => writer.items(items, 0),
        Value::Scalar(s) => match &s.block {
            Written::Line(line) if line.is_empty() => {}
            Written::Line(line) => {
                writer.out.push_str(line);
                writer.out.push('\n');
            }
            Written::Literal(header, lines) => {
                writer.out.push_str(header);
                writer.out.push('\n');
                writer.literal_lines(header, lines, 2);
            }
        },
    }
    // Comments whose entry was not written (none should be) are kept at the end.
    let mut left: Vec<(Anchor, Notes)> = writer.notes.drain().collect();
    left.sort_by_key(|(anchor, _)| (anchor.offset, anchor.item));
    let mut end: Vec<String> = left
        .into_iter()
        .flat_map(|(_, n)| n.leading.into_iter().chain(n.trailing).chain(n.inner).chain(n.after))
        .collect();
    end.extend(placement.end);
    if placement.blank_before_end && !writer.out.is_empty() && !end.is_empty() && !writer.after_keep {
        writer.out.push('\n');
    }
    writer.comments(&end, 0);
    writer.out
}

pub(super) struct Writer {
    pub(super) out: String,
    pub(super) notes: HashMap<Anchor, Notes>,
    /// The last lines written end a `|+` block, whose blank lines at the end belong to it: a
    /// blank line written after them would join the text.
    pub(super) after_keep: bool,
}

impl Writer {
    pub(super) fn take(&mut self, anchor: Anchor) -> Notes {
        self.notes.remove(&anchor).unwrap_or_default()
    }

    pub(super) fn comments(&mut self, comments: &[String], indent: usize) {
        for comment in comments {
            self.indent(indent);
            self.out.push_str(comment);
            self.out.push('\n');
            self.after_keep = false;
        }
    }

    pub(super) fn indent(&mut self, indent: usize) {
        self.out.extend(std::iter::repeat_n(' ', indent));
    }

    /// The characters written so far on the current line.
    pub(super) fn column(&self) -> usize {
        let start = self.out.rfind('\n').map_or(0, |i| i + 1);
        self.out[start..].chars().count()
    }

    pub(super) fn end_line(&mut self, trailing: &[String]) {
        if !trailing.is_empty() {
            self.out.push(' ');
            self.out.push_str(&trailing.join(" "));
        }
        self.out.push('\n');
        self.after_keep = false;
    }

    pub(super) fn entries(&mut self, entries: &[OutEntry], indent: usize, top: bool) {
        for entry in entries {
            let notes = self.take(entry.anchor);
            if top && notes.blank_before && !self.out.is_empty() && !self.after_keep {
                self.out.push('\n');
            }
            self.comments(&notes.leading, indent);
            self.indent(indent);
            self.entry(entry, indent, &notes.trailing);
            self.comments(&notes.inner, indent + 2);
            self.comments(&notes.after, indent);
        }
    }

    /// An entry from its key on, the cursor being where the key goes.
    pub(super) fn entry(&mut self, entry: &OutEntry, indent: usize, trailing: &[String]) {
        self.out.push_str(&entry.key);
        self.out.push(':');
        self.value(&entry.value, indent, trailing);
    }

    pub(super) fn items(&mut self, items: &[Item], indent: usize) {
        for item in items {
            let notes = self.take(item.anchor);
            if let Value::Map(entries, _) = &item.value
                && let Some(first) = entries.first()
                && self.flow(&item.value, indent + 2).is_none()
            {
                // `- key: value`, the other keys below it. The first key's comments go with the item.
                let first_notes = self.take(first.anchor);
                self.comments(&notes.leading, indent);
                self.comments(&first_notes.leading, indent);
                self.indent(indent);
                self.out.push_str("- ");
                let trailing: Vec<String> = notes.trailing.into_iter().chain(first_notes.trailing).collect();
                self.entry(first, indent + 2, &trailing);
                self.comments(&first_notes.inner, indent + 4);
                self.comments(&first_notes.after, indent + 2);
                self.entries(&entries[1..], indent + 2, false);
                self.comments(&notes.after, indent);
                continue;
            }
            self.comments(&notes.leading, indent);
            self.indent(indent);
            self.out.push('-');
            self.value(&item.value, indent, &notes.trailing);
            self.comments(&notes.after, indent);
        }
    }

    /// A value after its `key:` or `-`, to the end of its line and the lines below it.
    pub(super) fn value(&mut self, value: &Value, indent: usize, trailing: &[String]) {
        match value {
            Value::Scalar(s) => match &s.block {
                Written::Line(line) => {
                    if !line.is_empty() {
                        self.out.push(' ');
                        self.out.push_str(line);
                    }
                    self.end_line(trailing);
                }
                Written::Literal(header, lines) => {
                    self.out.push(' ');
                    self.out.push_str(header);
                    self.end_line(trailing);
                    self.literal_lines(header, lines, indent + 2);
                }
            },
            Value::Seq(items) if items.is_empty() => {
                self.out.push_str(" []");
                self.end_line(trailing);
            }
            Value::Map(entries, _) if entries.is_empty() => {
                self.out.push_str(" {}");
                self.end_line(trailing);
            }
            _ => {
                if let Some(flow) = self.flow(value, self.column() + 1) {
                    self.out.push(' ');
                    self.out.push_str(&flow);
                    self.end_line(trailing);
                    return;
                }
                self.end_line(trailing);
                match value {
                    Value::Seq(items) => self.items(items, indent + 2),
                    Value::Map(entries, _) => self.entries(entries, indent + 2, false),
                    Value::Scalar(_) => {}
                }
            }
        }
    }

    pub(super) fn literal_lines(&mut self, header: &str, lines: &[String], indent: usize) {
        for line in lines {
            if !line.is_empty() {
                self.indent(indent);
                self.out.push_str(line);
            }
            self.out.push('\n');
        }
        self.after_keep = header == "|+";
    }

    /// The flow form of a list of plain scalars, or of parts whose values are scalars, if it
    /// has no comments inside and fits on a line starting at `column`.
    pub(super) fn flow(&self, value: &Value, column: usize) -> Option<String> {
        let text = match value {
            Value::Seq(items) => {
                let mut parts = Vec::with_capacity(items.len());
                for item in items {
                    match &item.value {
                        Value::Scalar(ScalarOut { flow: Some(f), plain: true, .. })
                            if !self.notes.contains_key(&item.anchor) =>
                        {
                            parts.push(f.as_str())
                        }
                        _ => return None,
                    }
                }
                format!("[{}]", parts.join(", "))
            }
            Value::Map(entries, true) => {
                let mut parts = Vec::with_capacity(entries.len());
                for entry in entries {
                    match &entry.value {
                        Value::Scalar(ScalarOut { flow: Some(f), .. }) if !self.notes.contains_key(&entry.anchor) => {
                            parts.push(format!("{}: {f}", entry.flow_key))
                        }
                        _ => return None,
                    }
                }
                format!("{{ {} }}", parts.join(", "))
            }
            _ => return None,
        };
        (column + text.chars().count() <= MAX_FLOW_WIDTH).then_some(text)
    }
}
