//! Where each entry of a stacked chart's legend goes: a colour box, then the part's name,
//! measured letter by letter as row names are ([`text_width`]), so that names of wide letters
//! never run into the next box and names of narrow ones leave no gap. Entries that do not fit
//! on a line go on the next; a name longer than a whole line is cut to fit it.

use std::borrow::Cow;

use super::measure::{fitted, text_width};

/// The side of an entry's colour box.
pub(super) const BOX: f64 = 12.0;
/// From the start of a box to the start of its name.
pub(super) const NAME_OFFSET: f64 = 16.0;
/// Between the end of a name and the next box.
pub(super) const ENTRY_GAP: f64 = 12.0;
/// The height of a line of the legend.
pub(super) const LINE: u32 = 18;

/// One entry of the legend.
#[derive(Debug, PartialEq)]
pub(super) struct Entry<'a> {
    /// Where its box starts, from the chart's start.
    pub x: f64,
    /// Its line, from 0.
    pub line: u32,
    /// Its name as drawn: whole, or cut with "…" when longer than a line.
    pub name: Cow<'a, str>,
}

/// The entries of `names`, laid out from `start` to `end` (from the chart's start), in order.
pub(super) fn layout<'a>(names: &[&'a str], start: f64, end: f64) -> Vec<Entry<'a>> {
    let room = (end - start - NAME_OFFSET).max(0.0);
    let mut x = start;
    let mut line = 0;
    names
        .iter()
        .map(|name| {
            let name = fitted(name, room);
            let width = NAME_OFFSET + text_width(&name);
            if x > start && x + width > end {
                line += 1;
                x = start;
            }
            let entry = Entry { x, line, name };
            x += width + ENTRY_GAP;
            entry
        })
        .collect()
}

/// How many lines `entries` take (at least one).
pub(super) fn lines(entries: &[Entry<'_>]) -> u32 {
    entries.last().map_or(1, |e| e.line + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each entry's box starts where the name before it ends, plus the gap: measured, not
    /// counted.
    #[test]
    fn entries_are_spaced_by_the_width_of_their_names() {
        let names = ["WWWWWWWW", "iiiiiiii", "سشصضطظ", "65+"];
        let entries = layout(&names, 190.0, 2000.0);
        for pair in entries.windows(2) {
            assert_eq!(pair[1].line, pair[0].line);
            assert_eq!(pair[1].x, pair[0].x + NAME_OFFSET + text_width(&pair[0].name) + ENTRY_GAP);
        }
        // Eight wide letters take more room than eight narrow ones.
        let wide = entries[1].x - entries[0].x;
        let narrow = entries[2].x - entries[1].x;
        assert!(wide > narrow + 30.0, "{wide} {narrow}");
    }

    #[test]
    fn entries_that_do_not_fit_go_on_the_next_line_and_a_name_too_long_for_a_line_is_cut() {
        let names = ["Primary school", "Secondary school", "University", "None"];
        let entries = layout(&names, 190.0, 540.0);
        assert_eq!(entries[0], Entry { x: 190.0, line: 0, name: Cow::Borrowed("Primary school") });
        assert!(entries.iter().all(|e| e.x + NAME_OFFSET + text_width(&e.name) <= 540.0), "{entries:?}");
        assert!(lines(&entries) > 1);
        // Each line starts at the start.
        for pair in entries.windows(2).filter(|p| p[1].line != p[0].line) {
            assert_eq!(pair[1].x, 190.0);
        }
        let long = "A name far too long to fit on one line of the legend of a chart";
        let entries = layout(&[long, "b"], 190.0, 540.0);
        assert!(entries[0].name.ends_with('…') && entries[0].x + NAME_OFFSET + text_width(&entries[0].name) <= 540.0);
        assert_eq!((entries[1].line, entries[1].x), (1, 190.0));
        assert_eq!(lines(&[]), 1);
    }
}
