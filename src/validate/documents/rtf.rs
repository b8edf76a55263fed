//! The text of an RTF file, which is text with control words: what a paragraph holds, and
//! which part of the document (body, header, footer, footnote, comment) it is in. Made to find
//! a page typed into WordPad first, then to scan a document's text for personal data.

/// Which part of an RTF document a group's text belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Group {
    /// The body.
    Body,
    /// A header of the pages.
    Header,
    /// A footer.
    Footer,
    /// The footnote numbered so.
    Footnote(usize),
    /// The comment numbered so.
    Annotation(usize),
    /// No text: font and colour tables, styles, the document's information, pictures, other
    /// `{\*...}` destinations.
    Skipped,
}

/// The text of an RTF file, a paragraph each, with the part it belongs to: control words
/// dropped, `\par` and `\line` ending a paragraph, `\'e9` read as Latin-1 (the few
/// Windows-1252 characters that differ, curly quotes and dashes, are not needed to find a
/// frontmatter or a phone number), `\u1593?` as the character it numbers.
pub(super) fn paragraphs(bytes: &[u8]) -> Vec<(Group, String)> {
    const SKIPPED: [&str; 6] = ["fonttbl", "colortbl", "stylesheet", "info", "pict", "listtable"];
    let mut paragraphs: Vec<(Group, String)> = Vec::new();
    // For each open group, the part its text belongs to, and the paragraph it is writing.
    let mut groups: Vec<(Group, String)> = vec![(Group::Body, String::new())];
    let (mut footnotes, mut annotations) = (0, 0);
    let mut i = 0;
    let at = |i: usize| bytes.get(i).copied();
    let control_word = |rest: &[u8], word: &str| {
        rest.strip_prefix(b"\\").is_some_and(|rest| {
            rest.starts_with(word.as_bytes()) && !rest.get(word.len()).is_some_and(u8::is_ascii_alphabetic)
        })
    };
    // Text goes to the innermost group's paragraph; a group of the same part as the one around
    // it writes that one's paragraph (formatting groups inside a paragraph).
    fn push(groups: &mut [(Group, String)], text: char) {
        if let Some((Group::Skipped, _)) = groups.last() {
            return;
        }
        if let Some((_, paragraph)) = groups.last_mut() {
            paragraph.push(text);
        }
    }
    while let Some(byte) = at(i) {
        let group = groups.last().map_or(Group::Body, |g| g.0);
        match byte {
            b'{' => {
                let rest = &bytes[i + 1..];
                let starts = if group == Group::Skipped {
                    Group::Skipped
                } else if ["header", "headerl", "headerr", "headerf"].iter().any(|word| control_word(rest, word)) {
                    Group::Header
                } else if ["footer", "footerl", "footerr", "footerf"].iter().any(|word| control_word(rest, word)) {
                    Group::Footer
                } else if control_word(rest, "footnote") {
                    footnotes += 1;
                    Group::Footnote(footnotes)
                } else if rest.starts_with(b"\\*\\annotation") {
                    annotations += 1;
                    Group::Annotation(annotations)
                } else if rest.starts_with(b"\\*") || SKIPPED.iter().any(|word| control_word(rest, word)) {
                    Group::Skipped
                } else {
                    group
                };
                if starts == group {
                    // Same part: carry on writing the paragraph around it, taken back when the
                    // group ends.
                    let paragraph = std::mem::take(&mut groups.last_mut().unwrap().1);
                    groups.push((starts, paragraph));
                } else {
                    groups.push((starts, String::new()));
                }
                i += 1;
            }
            b'}' => {
                if groups.len() > 1 {
                    let (ended, text) = groups.pop().unwrap();
                    let outer = groups.last_mut().unwrap();
                    if ended == outer.0 {
                        outer.1 = text;
                    } else if ended != Group::Skipped && !text.is_empty() {
                        paragraphs.push((ended, text));
                    }
                }
                i += 1;
            }
            b'\\' => {
                let next = at(i + 1);
                match next {
                    Some(b'\\' | b'{' | b'}') => {
                        push(&mut groups, char::from(next.unwrap_or(b' ')));
                        i += 2;
                    }
                    Some(b'\'') => {
                        let hex = bytes.get(i + 2..i + 4).and_then(|h| std::str::from_utf8(h).ok());
                        if let Some(value) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                            push(&mut groups, char::from(value));
                        }
                        i += 4;
                    }
                    Some(c) if c.is_ascii_alphabetic() => {
                        let start = i + 1;
                        let mut end = start;
                        while at(end).is_some_and(|c| c.is_ascii_alphabetic()) {
                            end += 1;
                        }
                        let word = &bytes[start..end];
                        let number_start = end;
                        if at(end) == Some(b'-') {
                            end += 1;
                        }
                        while at(end).is_some_and(|c| c.is_ascii_digit()) {
                            end += 1;
                        }
                        let number: Option<i64> =
                            std::str::from_utf8(&bytes[number_start..end]).ok().and_then(|n| n.parse().ok());
                        // One space ends a control word and is part of it.
                        if at(end) == Some(b' ') {
                            end += 1;
                        }
                        match word {
                            b"par" | b"line" | b"sect" | b"page" | b"cell" | b"row" => {
                                let (group, paragraph) = groups.last_mut().unwrap();
                                if *group != Group::Skipped {
                                    paragraphs.push((*group, std::mem::take(paragraph)));
                                }
                            }
                            b"tab" => push(&mut groups, '\t'),
                            b"u" => {
                                // A character by its number (negative above 32767), then one
                                // character for readers that do not know `\u`, skipped.
                                if let Some(n) = number.map(|n| if n < 0 { n + 65536 } else { n }) {
                                    if let Some(c) = u32::try_from(n).ok().and_then(char::from_u32) {
                                        push(&mut groups, c);
                                    }
                                    if at(end) == Some(b'\\') && at(end + 1) == Some(b'\'') {
                                        end += 4;
                                    } else if at(end).is_some_and(|c| !matches!(c, b'\\' | b'{' | b'}')) {
                                        end += 1;
                                    }
                                }
                            }
                            _ => {}
                        }
                        i = end;
                    }
                    Some(b'~') => {
                        push(&mut groups, ' ');
                        i += 2;
                    }
                    _ => i += 2,
                }
            }
            // Line ends in the file are not text in RTF.
            b'\r' | b'\n' => i += 1,
            _ => {
                push(&mut groups, char::from(byte));
                i += 1;
            }
        }
    }
    // What is left open at the end (a truncated file).
    while let Some((group, text)) = groups.pop() {
        if group != Group::Skipped && !text.is_empty() {
            paragraphs.push((group, text));
        }
    }
    paragraphs
}
