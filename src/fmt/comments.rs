//! The comments of a frontmatter, kept beside the fields they belong to.

use super::*;

/// A comment of the frontmatter: where it starts and its text, `#` included.
pub(super) struct Comment {
    pub(super) start: usize,
    pub(super) text: String,
}

/// Every comment of a YAML frontmatter found at `offset` of its file, in order; `None` if the
/// text does not parse (the caller parsed it already).
pub(super) fn yaml_comments(text: &str, offset: usize) -> Option<Vec<Comment>> {
    let mut parser = granit_parser::Parser::new_from_str(text);
    let mut comments = Vec::new();
    while let Some(event) = parser.next_event() {
        let (event, span) = event.ok()?;
        if let granit_parser::Event::Comment(body, _) = event {
            let start = span.start.byte_offset()? + offset;
            comments.push(Comment { start, text: format!("#{}", body.trim_end()) });
        }
    }
    Some(comments)
}

/// Comments attached to an entry or item.
#[derive(Default)]
pub(super) struct Notes {
    /// Whole-line comments above it.
    pub(super) leading: Vec<String>,
    /// Comments after it on its line.
    pub(super) trailing: Vec<String>,
    /// A top-level entry with a blank line above it (or above its comments).
    pub(super) blank_before: bool,
    /// Whole-line comments below an entry with no value, indented under it: a block written
    /// as comments for later (`indicators:` with every indicator commented out). They stay
    /// under it, indented, so that uncommenting a line gives a valid entry.
    pub(super) inner: Vec<String>,
    /// Whole-line comments after it and all that is nested in it, indented as it is, with
    /// nothing after them in its block: the commented-out indicators that follow the last
    /// indicator given. They stay after it, in its column, so that uncommenting a line gives
    /// an entry of the same block.
    pub(super) after: Vec<String>,
}

/// Where each comment goes: above the entry or item that follows it, or after the one on its
/// line; the rest at the end (with whether a blank line came before them).
pub(super) struct Placement {
    pub(super) notes: HashMap<Anchor, Notes>,
    pub(super) end: Vec<String>,
    pub(super) blank_before_end: bool,
}

pub(super) fn place_comments(root: &Node, comments: Vec<Comment>, text: &str, parts: &Parts) -> Placement {
    // Every entry and item, with its depth and the entry or item that holds it, in file
    // order; aliases repeat their target's positions, which count once.
    let mut found: Vec<(u32, usize, Anchor, Option<Anchor>)> = Vec::new();
    collect_anchors(root, 0, None, &mut found);
    found.sort_by_key(|(offset, depth, _, _)| (*offset, *depth));
    let mut seen = std::collections::HashSet::new();
    found.retain(|(_, _, anchor, _)| seen.insert(*anchor));
    let mut empty_entries = std::collections::HashSet::new();
    collect_empty_entries(root, &mut empty_entries);

    let line_starts: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let line_of = |offset: usize| line_starts.partition_point(|&s| s <= offset).saturating_sub(1);
    let places: HashMap<Anchor, Place> = found
        .iter()
        .map(|(offset, _, anchor, parent)| {
            let offset = *offset as usize;
            let line_start = line_starts.get(line_of(offset)).copied().unwrap_or(0);
            (*anchor, Place { column: anchor_column(text, line_start, offset, anchor.item), parent: *parent })
        })
        .collect();
    let anchors: Vec<(u32, usize, Anchor)> =
        found.into_iter().map(|(offset, depth, anchor, _)| (offset, depth, anchor)).collect();
    let first_line = line_of(parts.frontmatter_start);
    let blank_line_before = |line: usize| {
        line > first_line
            && line_starts.get(line - 1).zip(line_starts.get(line)).is_some_and(|(&a, &b)| {
                text.get(a..b).is_some_and(|l| l.trim_matches([' ', '\t', '\r', '\n']).is_empty())
            })
    };

    let mut placement = Placement { notes: HashMap::new(), end: Vec::new(), blank_before_end: false };
    let mut first_comment_line: HashMap<Anchor, usize> = HashMap::new();
    for comment in comments {
        let line = line_of(comment.start);
        let line_start = line_starts.get(line).copied().unwrap_or(0);
        let trailing = text.get(line_start..comment.start).is_some_and(|before| !before.trim().is_empty());
        let start = comment.start as u32;
        if trailing {
            // The first entry or item that starts on this line (the innermost of those starting
            // at the same place), else the last one before the comment (anchors are sorted by
            // place, then depth).
            let before = anchors.partition_point(|(offset, _, _)| *offset < start);
            let on_line = anchors.partition_point(|(offset, _, _)| (*offset as usize) < line_start);
            let chosen = match anchors.get(on_line).filter(|_| on_line < before) {
                Some((first, _, _)) => anchors[on_line..before].iter().take_while(|(o, _, _)| o == first).last(),
                None => before.checked_sub(1).and_then(|i| anchors.get(i)),
            };
            if let Some((_, _, anchor)) = chosen {
                placement.notes.entry(*anchor).or_default().trailing.push(comment.text);
                continue;
            }
        }
        // The outermost entry or item that starts first after the comment.
        let after = anchors.partition_point(|(offset, _, _)| *offset <= start);
        // Indented below an entry with no value: it belongs under that entry.
        if let Some((offset, _, anchor)) = after.checked_sub(1).and_then(|i| anchors.get(i))
            && empty_entries.contains(anchor)
        {
            let key_line = line_of(*offset as usize);
            let key_column = (*offset as usize).saturating_sub(line_starts.get(key_line).copied().unwrap_or(0));
            let column = comment.start.saturating_sub(line_start);
            if column > key_column {
                placement.notes.entry(*anchor).or_default().inner.push(comment.text);
                continue;
            }
        }
        // Indented deeper than the entry that follows (or than the top level, at the end): it
        // ends a block above, the innermost one that starts at its column or left of it.
        let column = comment.start.saturating_sub(line_start);
        let next_column = anchors.get(after).map_or(0, |(_, _, anchor)| places[anchor].column);
        if column > next_column {
            let mut block = after.checked_sub(1).and_then(|i| anchors.get(i)).map(|(_, _, anchor)| *anchor);
            while let Some(anchor) = block
                && places[&anchor].column > column
            {
                block = places[&anchor].parent;
            }
            // A list written in its key's column (`key:` then `- item`) is that key's block.
            while let Some(anchor) = block
                && let Some(parent) = places[&anchor].parent
                && places[&parent].column == places[&anchor].column
            {
                block = Some(parent);
            }
            if let Some(anchor) = block
                && places[&anchor].column > next_column
            {
                placement.notes.entry(anchor).or_default().after.push(comment.text);
                continue;
            }
        }
        match anchors.get(after) {
            Some((_, _, anchor)) => {
                first_comment_line.entry(*anchor).or_insert(line);
                placement.notes.entry(*anchor).or_default().leading.push(comment.text);
            }
            None => {
                if placement.end.is_empty() {
                    placement.blank_before_end = blank_line_before(line);
                }
                placement.end.push(comment.text);
            }
        }
    }
    if let NodeKind::Map(entries) = &root.kind {
        for e in entries {
            let anchor = Anchor { offset: e.key_span.start, item: false };
            let line = first_comment_line.get(&anchor).copied().unwrap_or_else(|| line_of(e.key_span.start as usize));
            if blank_line_before(line) {
                placement.notes.entry(anchor).or_default().blank_before = true;
            }
        }
    }
    placement
}

/// The entries whose value is nothing (`key:` or `key: ~`).
pub(super) fn collect_empty_entries(node: &Node, out: &mut std::collections::HashSet<Anchor>) {
    match &node.kind {
        NodeKind::Scalar(_) => {}
        NodeKind::Seq(items) => items.iter().for_each(|item| collect_empty_entries(item, out)),
        NodeKind::Map(entries) => {
            for e in entries {
                if e.value.is_null() {
                    out.insert(Anchor { offset: e.key_span.start, item: false });
                }
                collect_empty_entries(&e.value, out);
            }
        }
    }
}

/// Where an entry or item is: its column, and the entry or item whose value holds it.
struct Place {
    column: usize,
    parent: Option<Anchor>,
}

/// The column (in bytes) of the entry or item that starts at `offset`, on the line that starts
/// at `line_start`: an item of a block list is where its `-` is, not where its value starts.
fn anchor_column(text: &str, line_start: usize, offset: usize, item: bool) -> usize {
    let before = text.get(line_start..offset).unwrap_or("").trim_end_matches(' ');
    if item && before.ends_with('-') { before.len() - 1 } else { offset.saturating_sub(line_start) }
}

/// Every entry and item under `node`, in the order of the tree: where it starts, its depth,
/// its anchor and the anchor of the entry or item that holds it (`parent`, for `node`'s own).
fn collect_anchors(
    node: &Node,
    depth: usize,
    parent: Option<Anchor>,
    out: &mut Vec<(u32, usize, Anchor, Option<Anchor>)>,
) {
    match &node.kind {
        NodeKind::Scalar(_) => {}
        NodeKind::Seq(items) => {
            for item in items {
                let anchor = Anchor { offset: item.span.start, item: true };
                out.push((item.span.start, depth, anchor, parent));
                collect_anchors(item, depth + 1, Some(anchor), out);
            }
        }
        NodeKind::Map(entries) => {
            for e in entries {
                let anchor = Anchor { offset: e.key_span.start, item: false };
                out.push((e.key_span.start, depth, anchor, parent));
                collect_anchors(&e.value, depth + 1, Some(anchor), out);
            }
        }
    }
}
