//! Colour for the problems a terminal shows: the headline's severity and code, the `-->`
//! location, the code frame's gutter and `= help:`/`note:`, as rustc and cargo colour them.
//! Only the text Fieldbook wrote is coloured: the message and the quoted source line keep
//! their characters, and control characters in them were escaped before this point.

const RESET: &str = "\x1b[0m";
const BOLD_RED: &str = "\x1b[1;31m";
const BOLD_YELLOW: &str = "\x1b[1;33m";
const BOLD_BLUE: &str = "\x1b[1;34m";
const BOLD_CYAN: &str = "\x1b[1;36m";
const BOLD: &str = "\x1b[1m";

/// When to colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum When {
    /// When the output is a terminal, `NO_COLOR` is not set and `TERM` is not `dumb`.
    #[default]
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl When {
    /// Whether to colour text written to standard error.
    pub fn for_stderr(self) -> bool {
        use std::io::IsTerminal;
        match self {
            When::Always => true,
            When::Never => false,
            When::Auto => {
                std::io::stderr().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var("TERM").map_or(true, |t| t != "dumb")
            }
        }
    }
}

/// `text` (what [`super::human`] makes) with its structure coloured.
pub fn paint(text: &str) -> String {
    paint_in(text, &crate::messages::Messages::english())
}

/// `text` (what [`super::human_in`] makes in the language of `messages`) with its structure
/// coloured: the headlines and help lines are found by that language's words.
pub fn paint_in(text: &str, messages: &crate::messages::Messages) -> String {
    let (error, warning) = (format!("{}[", messages.error_label()), format!("{}[", messages.warning_label()));
    let (help, note) = (format!("= {}:", messages.help_label()), format!("{}:", messages.note_label()));
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for line in text.split_inclusive('\n') {
        let (body, newline) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let headline = |prefix: &str, colour: &str| {
            let rest = body.strip_prefix(prefix)?;
            let end = rest.find("]: ")?;
            Some(format!("{colour}{prefix}{}]{RESET}{BOLD}:{}{RESET}", &rest[..end], &rest[end + 2..]))
        };
        if let Some(painted) = headline(&error, BOLD_RED).or_else(|| headline(&warning, BOLD_YELLOW)) {
            out.push_str(&painted);
        } else if let Some(at) = body.find(&help).filter(|&at| body[..at].bytes().all(|b| b == b' ')) {
            let word = &help[2..];
            let rest = &body[at + help.len()..];
            out.push_str(&format!("{}{BOLD_BLUE}={RESET} {BOLD_CYAN}{word}{RESET}{rest}", &body[..at]));
        } else if let Some(at) = body.find("--> ").filter(|&at| body[..at].bytes().all(|b| b == b' ')) {
            out.push_str(&format!("{}{BOLD_BLUE}-->{RESET}{}", &body[..at], &body[at + 3..]));
        } else if let Some(bar) = gutter(body) {
            out.push_str(&format!("{BOLD_BLUE}{}{RESET}{}", &body[..bar], &body[bar..]));
        } else if let Some(rest) = body.strip_prefix(note.as_str()) {
            out.push_str(&format!("{BOLD}{note}{RESET}{rest}"));
        } else {
            out.push_str(body);
        }
        out.push_str(newline);
    }
    out
}

/// Where a code frame's gutter (`12 |`, `   |`) ends, if the line has one.
fn gutter(line: &str) -> Option<usize> {
    let bar = line.find('|')?;
    let before = &line[..bar];
    (before.bytes().all(|b| b == b' ' || b.is_ascii_digit()) && !before.is_empty()).then_some(bar + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_structure_is_coloured_and_the_words_are_kept() {
        let text = "error[broken-link]: `x.md` does not exist\n --> content/a.md:3:5\n  |\n3 | see [x](x.md)\n  |         ^^^^\n  |\n  = help: did you mean `y.md`?\n\nwarning[review-due]: due\n";
        let painted = paint(text);
        assert!(painted.starts_with("\x1b[1;31merror[broken-link]\x1b[0m\x1b[1m: `x.md` does not exist\x1b[0m\n"));
        assert!(painted.contains(" \x1b[1;34m-->\x1b[0m content/a.md:3:5\n"));
        assert!(painted.contains("\x1b[1;34m3 |\x1b[0m see [x](x.md)\n"));
        assert!(painted.contains("  \x1b[1;34m=\x1b[0m \x1b[1;36mhelp:\x1b[0m did you mean"));
        assert!(painted.contains("\x1b[1;33mwarning[review-due]\x1b[0m"));
        let stripped: String = {
            let mut s = painted.clone();
            for code in [RESET, BOLD_RED, BOLD_YELLOW, BOLD_BLUE, BOLD_CYAN, BOLD] {
                s = s.replace(code, "");
            }
            s
        };
        assert_eq!(stripped, text, "colour adds codes and changes nothing else");
        assert!(!When::Never.for_stderr());
        assert!(When::Always.for_stderr());
    }
}
