//! Finding the frontmatter of a content file: `---` (YAML) or `+++` (TOML) on the first line,
//! the same marker again on a line of its own to close it, and the markdown body after.

/// The frontmatter format, told by the opening line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Between `---` lines.
    Yaml,
    /// Between `+++` lines.
    Toml,
}

impl Format {
    /// The delimiter line.
    pub fn fence(self) -> &'static str {
        match self {
            Format::Yaml => "---",
            Format::Toml => "+++",
        }
    }
}

/// Where the parts of a content file are, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    /// The frontmatter format.
    pub format: Format,
    /// First byte of the frontmatter text (after the opening line).
    pub frontmatter_start: usize,
    /// One past the last byte of the frontmatter text (the start of the closing line).
    pub frontmatter_end: usize,
    /// First byte of the body (after the closing line).
    pub body_start: usize,
}

/// Why the parts could not be found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitError {
    /// The file has no text at all.
    Empty,
    /// The first line is not a frontmatter fence.
    Missing {
        /// A fence was found further down, after blank lines or text: its byte offset.
        later_fence: Option<usize>,
    },
    /// The opening fence has no closing fence.
    Unclosed(Format),
}

/// Find the frontmatter and body of `text`.
pub fn split(text: &str) -> Result<Parts, SplitError> {
    if text.trim().is_empty() {
        return Err(SplitError::Empty);
    }
    let mut lines = lines_with_offsets(text);
    let (_, first) = lines.next().unwrap_or((0, ""));
    let format = match first.trim_end() {
        "---" => Format::Yaml,
        "+++" => Format::Toml,
        _ => {
            let later_fence = lines_with_offsets(text)
                .find(|(_, line)| matches!(line.trim(), "---" | "+++"))
                .map(|(offset, line)| offset + (line.len() - line.trim_start().len()));
            return Err(SplitError::Missing { later_fence });
        }
    };
    let frontmatter_start = first.len() + line_break_len(&text[first.len()..]);
    for (offset, line) in lines {
        if line.trim_end() == format.fence() {
            let after = offset + line.len();
            return Ok(Parts {
                format,
                frontmatter_start,
                frontmatter_end: offset,
                body_start: after + line_break_len(&text[after..]),
            });
        }
    }
    Err(SplitError::Unclosed(format))
}

/// Each line's byte offset and text, without its line break.
fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |raw| {
        let start = offset;
        offset += raw.len();
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        (start, line.strip_suffix('\r').unwrap_or(line))
    })
}

fn line_break_len(rest: &str) -> usize {
    if rest.starts_with("\r\n") {
        2
    } else if rest.starts_with('\n') {
        1
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_frontmatter_and_body() {
        let text = "---\ntitle: T\n---\n# Body\n";
        let parts = split(text).unwrap();
        assert_eq!(parts.format, Format::Yaml);
        assert_eq!(&text[parts.frontmatter_start..parts.frontmatter_end], "title: T\n");
        assert_eq!(&text[parts.body_start..], "# Body\n");
    }

    #[test]
    fn toml_frontmatter_with_crlf() {
        let text = "+++\r\ntitle = \"T\"\r\n+++\r\nBody\r\n";
        let parts = split(text).unwrap();
        assert_eq!(parts.format, Format::Toml);
        assert_eq!(&text[parts.frontmatter_start..parts.frontmatter_end], "title = \"T\"\r\n");
        assert_eq!(&text[parts.body_start..], "Body\r\n");
    }

    #[test]
    fn frontmatter_only_has_an_empty_body() {
        let text = "---\ntitle: T\n---";
        let parts = split(text).unwrap();
        assert_eq!(parts.body_start, text.len());
    }

    #[test]
    fn problems_are_told_apart() {
        assert_eq!(split(" \n\n"), Err(SplitError::Empty));
        assert_eq!(split("# Just a body\n"), Err(SplitError::Missing { later_fence: None }));
        assert_eq!(split("\n---\ntitle: T\n---\n"), Err(SplitError::Missing { later_fence: Some(1) }));
        assert_eq!(split("---\ntitle: T\n\nBody\n"), Err(SplitError::Unclosed(Format::Yaml)));
    }
}
