//! The figures a profile's text quotes (`{{ income-and-employment }}`, see
//! [`crate::figure_refs`]), filled in from its data as its page shows them: the same value
//! text, unit and number format of the page's language ([`crate::render::format`]), and the
//! same protection. A count the page masks is quoted as its mark (`<5`, `≥5`); a figure the
//! public site withholds (a sensitive indicator, a dimension that would single people out) as
//! the theme's `figure_withheld` wording; an entry left out altogether as the page shows it,
//! "not given". Never the figure itself, in the page or in the search index, which both read
//! the body through here. A figure of another profile (`{{ villa-los-almendros:
//! access-to-services }}`) is filled in from that profile's data, protected as its own page
//! protects it, in the language of the page that quotes it.
//!
//! The frontmatter's prose (a `summary`, a criterion's `evidence`, an entry's `notes`) is
//! filled in once, in the documents themselves, before anything is made of them
//! ([`fill_prose`]): every page, listing, export, feed and search entry then reads the text as
//! published, and none can forget to fill it in.

use std::borrow::Cow;

use crate::config::Config;
use crate::date::Date;
use crate::figure_refs::{Ask, FigureRef, is_population, population_withheld};
use crate::link::Site;
use crate::model::{ContentType, Doc, Status, WrittenProse};
use crate::render::format::part_text;
use crate::render::theme::Theme;
use crate::render::views::Env;
use crate::render::{RenderInput, env_in, spoken_in};
use crate::schema::Schema;

impl Env<'_> {
    /// What document `i`'s page shows for a figure its text quotes, or `None` when the
    /// reference leads nowhere (`check` reports it, and the words stay as written).
    pub fn figure_text(&self, i: usize, figure: &FigureRef) -> Option<String> {
        let docs = &self.site.docs;
        let target = match &figure.profile {
            None => i,
            Some(profile) => self.site.find(ContentType::Community, &profile.text)?,
        };
        // `check` refuses a published page that quotes a profile less public than itself; a
        // figure of a profile this build leaves out is never shown all the same.
        let hidden = !self.site.visible[target]
            || (docs[i].status == Status::Published && docs[target].status != Status::Published);
        if target != i && hidden {
            return Some(self.t("figure_withheld"));
        }
        let community = docs[target].community()?;
        if is_population(figure, self.schema) {
            if figure.ask != Ask::Value {
                return None;
            }
            if population_withheld(self.schema, self.site.audience.shows_sensitive()) {
                return Some(self.t("figure_withheld"));
            }
            return community.population.map(|p| self.locale.grouped(p));
        }
        let ii = self.schema.indicators.get(&figure.indicator.text)?;
        let indicator = &self.schema.indicators[ii];
        if !self.site.indicator_visible[ii] {
            return Some(self.t("figure_withheld"));
        }
        let Some(entry) = community.indicators.iter().find(|e| e.indicator == ii) else {
            // Left out of a public build as if not given: said as the profile's table says it.
            return community.withheld_indicators.contains(&ii).then(|| self.t("not_given"));
        };
        let protection = self.masking.protect(entry, indicator.kind);
        match &figure.ask {
            Ask::Value => Some(self.masking.value_text(&protection, entry, indicator, self.locale)),
            Ask::Respondents => entry.n().map(|n| itoa::Buffer::new().format(n).to_string()),
            Ask::Part { dimension, part } => {
                let d = entry
                    .disaggregation
                    .iter()
                    .position(|d| self.schema.disaggregations[d.dimension].term.id == dimension.text)?;
                let k = entry.disaggregation[d].parts.iter().position(|p| p.name == part.text)?;
                if protection.withheld(d) {
                    return Some(self.t("figure_withheld"));
                }
                let value = entry.disaggregation[d].parts[k].value;
                Some(part_text(indicator.kind, value, protection.part(d, k), self.masking, self.locale))
            }
            Ask::Unclear(_) => None,
        }
    }

    /// `text` of document `i` (a heading, as the table of contents and the search index show
    /// it) with the figures it quotes filled in.
    pub fn with_figures<'t>(&self, i: usize, text: &'t str) -> Cow<'t, str> {
        let figures = crate::figure_refs::in_plain(text);
        fill(text, &figures, |f| self.figure_text(i, f), false)
    }
}

/// Fill in the figures quoted in the frontmatter's prose of every document of `site`, each in
/// its page's language: what every page,
/// listing, export and search entry then reads. Each field is kept as written beside it, so
/// that filling in again (`serve`, after the data changed) starts from the references. Only
/// documents whose frontmatter quotes a figure, or whose original's does, are looked at.
pub fn fill_prose(site: &mut Site, schema: &Schema, config: &Config, theme: &Theme, today: Date) {
    let quotes = |doc: &Doc| !doc.frontmatter_figures.is_empty() || !doc.prose_as_written.is_empty();
    let candidates: Vec<usize> = (0..site.docs.len())
        .filter(|&i| quotes(&site.docs[i]) || site.original[i].is_some_and(|o| quotes(&site.docs[o])))
        .collect();
    if candidates.is_empty() {
        return;
    }
    let filled: Vec<(usize, Vec<WrittenProse>)> = {
        let input = RenderInput { site, schema, config, theme, today, on_plan: None };
        let mut voices: Vec<(String, std::sync::Arc<crate::locale::Locale>, Schema)> = Vec::new();
        candidates
            .into_iter()
            .map(|i| {
                let doc = &site.docs[i];
                let language = doc.language.as_deref().unwrap_or(&input.config.language);
                let k = match voices.iter().position(|(l, ..)| l == language) {
                    Some(k) => k,
                    None => {
                        let (locale, schema) = spoken_in(&input, language);
                        voices.push((language.to_string(), locale, schema));
                        voices.len() - 1
                    }
                };
                let (_, locale, schema) = &voices[k];
                let voiced = RenderInput { schema, ..input };
                let env = env_in(&voiced, locale, "");
                (i, prose_filled(&env, i))
            })
            .collect()
    };
    for (i, prose) in filled {
        let doc = &mut site.docs[i];
        for written in &prose {
            if let Some(text) = doc.prose_mut(written.field) {
                text.clone_from(&written.filled);
            }
        }
        doc.prose_as_written = prose;
    }
}

/// Document `i`'s prose fields that quote figures, as written and filled in by `env`.
fn prose_filled(env: &Env<'_>, i: usize) -> Vec<WrittenProse> {
    let doc = &env.site.docs[i];
    let mut out = Vec::new();
    for field in doc.prose_fields() {
        let Some(current) = doc.prose(field) else { continue };
        // A field still as written, or as filled in before (then from what was written), by
        // this document or by its original, whose text a translation takes when linked again;
        // one replaced since without references has nothing to fill in.
        let original = env.site.original[i].map(|o| &env.site.docs[o]);
        let filled_before = doc.prose_as_written.iter().chain(original.iter().flat_map(|o| &o.prose_as_written));
        let written = if current.contains("{{") {
            current
        } else {
            match filled_before.into_iter().find(|w| w.field == field && w.filled == current) {
                Some(before) => before.written.as_str(),
                None => continue,
            }
        };
        let figures = crate::figure_refs::in_plain(written);
        let filled = fill(written, &figures, |f| env.figure_text(i, f), false).into_owned();
        out.push(WrittenProse { field, written: written.to_string(), filled });
    }
    out
}

/// `body` with each of `figures` (found in it) replaced by what `text_of` gives for it, kept
/// as written when it gives nothing. As `markdown`, each character markdown could read as
/// markup is escaped with a backslash, so that a figure is only ever text: `<5` is not a tag,
/// `1.` at the start of a line not a list, `|` not a table's column.
pub(super) fn fill<'b>(
    body: &'b str,
    figures: &[FigureRef],
    text_of: impl Fn(&FigureRef) -> Option<String>,
    markdown: bool,
) -> Cow<'b, str> {
    if figures.is_empty() {
        return Cow::Borrowed(body);
    }
    let mut out = String::with_capacity(body.len() + figures.len() * 8);
    let mut at = 0;
    for figure in figures {
        let (start, end) = (figure.span.start as usize, figure.span.end as usize);
        let Some(text) = text_of(figure) else { continue };
        out.push_str(&body[at..start]);
        let line_start = body[..start].rsplit('\n').next().is_some_and(|before| before.trim().is_empty());
        if markdown {
            push_as_text(&mut out, &text, line_start, body[end..].chars().next());
        } else {
            out.extend(text.chars().map(|c| if c == '\n' || c == '\r' { ' ' } else { c }));
        }
        at = end;
    }
    out.push_str(&body[at..]);
    Cow::Owned(out)
}

/// Push `text` as markdown that reads as that text, wherever in a line it stands
/// (`line_start`: nothing but spaces before it) and whatever follows it (`after`). Only what
/// could start markup is escaped, since an escape splits the text where the search index
/// reads it ("61 .5%").
fn push_as_text(out: &mut String, text: &str, line_start: bool, after: Option<char>) {
    let chars: Vec<char> = text.chars().map(|c| if c == '\n' || c == '\r' { ' ' } else { c }).collect();
    // Digits then `.` or `)` at the start of a line open an ordered list.
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    for (k, &c) in chars.iter().enumerate() {
        let next = chars.get(k + 1).copied().or(after);
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => true,
            // A tag, a comment or an autolink; `<5` is none of these.
            '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
            '&' => next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'),
            '!' => next == Some('['),
            // A heading, a quote, a list item or a heading's underline; `-3` is none of these.
            '#' | '>' | '=' => line_start && k == 0,
            '-' | '+' => line_start && k == 0 && next.is_none_or(char::is_whitespace),
            '.' | ')' => line_start && digits > 0 && k == digits && next.is_none_or(char::is_whitespace),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    // `{{ a }}. Then` at the start of a line, filled in with `3`, would start a list too.
    if line_start && digits > 0 && digits == chars.len() && matches!(after, Some('.' | ')')) {
        out.push('\\');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_is_written_as_text_that_markdown_cannot_read_as_markup() {
        let body = "{{ a }}. Then {{ b }} and {{ c }}.\n{{ d }}\n{{ e }}\n{{ f }}\n";
        let figures = crate::figure_refs::in_body(body);
        let filled = fill(
            body,
            &figures,
            |f| match f.indicator.text.as_str() {
                "a" => Some("1".into()),
                "b" => Some("<5 | *x* <b>61.5% & &amp;".into()),
                "d" => Some("- 2) x".into()),
                "e" => Some("2) x".into()),
                "f" => Some("-48.2 %".into()),
                _ => None,
            },
            true,
        );
        assert_eq!(filled, "1\\. Then <5 \\| \\*x\\* \\<b>61.5% & \\&amp; and {{ c }}.\n\\- 2) x\n2\\) x\n-48.2 %\n");
        let mut html = String::new();
        let parser = pulldown_cmark::Parser::new_ext(&filled, crate::markdown::options());
        pulldown_cmark::html::push_html(&mut html, parser);
        assert_eq!(
            html,
            "<p>1. Then &lt;5 | *x* &lt;b&gt;61.5% &amp; &amp;amp; and {{ c }}.\n- 2) x\n2) x\n-48.2 %</p>\n"
        );
        assert!(matches!(fill("none", &[], |_| None, true), Cow::Borrowed("none")));
    }
}
