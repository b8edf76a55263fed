//! The site's largest tables and lists, drawn here rather than in a template: a profile's
//! indicator tables (twenty-odd rows on each of thousands of pages), its criteria table and
//! research list, and an indicator's comparison table (a hundred rows a page). Made by a
//! template, each row's values were first copied into Tera's maps and then looked up one by
//! one, most of a profile page's cost.
//!
//! The markup is the one the default theme's loops made, byte for byte (a test renders both and
//! compares), and is styled from the stylesheet like any other. A theme that wants its own
//! markup writes the loop in its template over the values (`groups`, `criteria`, `research`
//! on a profile, `rows` on an indicator page): those are made for any template whose theme's
//! manifest says it reads them (see [`super::theme::manifest`]).

use serde::Serialize;

use super::format::{Locale, ui};
use super::views::{CriterionRow, DisaggregationView, Fact, GroupView, IndicatorRow};
use crate::text::escape_html_into;

/// The interface string `key`, escaped.
fn push_ui(out: &mut String, locale: &Locale, key: &str) {
    escape_html_into(ui(locale, key), out);
}

/// `<th scope="col">label</th>` for each interface string of `keys`.
fn push_head(out: &mut String, locale: &Locale, keys: &[&str]) {
    out.push_str("<thead><tr>");
    for key in keys {
        out.push_str("<th scope=\"col\">");
        push_ui(out, locale, key);
        out.push_str("</th>");
    }
    out.push_str("</tr></thead>");
}

/// `<a href="{root}{href…}">{label}</a>`: a link to a site path, from a page at `root`, the
/// path given in pieces (`["criteria/index.html#", id]`).
fn push_link(out: &mut String, root: &str, href: &[&str], label: &str) {
    out.push_str("<a href=\"");
    escape_html_into(root, out);
    for piece in href {
        escape_html_into(piece, out);
    }
    out.push_str("\">");
    escape_html_into(label, out);
    out.push_str("</a>");
}

/// The parts of a value for parts of the population: `<ul class="parts">…</ul>`, or nothing.
fn push_parts(out: &mut String, disaggregation: &[DisaggregationView<'_>], locale: &Locale) {
    if disaggregation.is_empty() {
        return;
    }
    out.push_str("<ul class=\"parts\">");
    for d in disaggregation {
        out.push_str("<li>");
        escape_html_into(d.label, out);
        escape_html_into(locale.colon(), out);
        // On a right-to-left page each part's name and value is isolated: "65+" and "18-34"
        // would otherwise be reordered by the Arabic around them ("+65").
        let (open, close) = if locale.is_rtl() { ("<bdi>", "</bdi>") } else { ("", "") };
        for (k, p) in d.parts.iter().enumerate() {
            if k > 0 {
                out.push_str(locale.list_separator());
            }
            out.push_str(open);
            escape_html_into(p.name, out);
            out.push_str(close);
            out.push(' ');
            out.push_str(open);
            escape_html_into(&p.value, out);
            out.push_str(close);
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
}

/// A profile's indicator tables, one per group, for a page at `root` (`../`).
pub(super) fn indicator_tables(groups: &[GroupView<'_>], root: &str, locale: &Locale) -> String {
    let mut out = String::with_capacity(groups.iter().map(|g| 600 + g.rows.len() * 400).sum());
    for g in groups {
        out.push_str("\n<h3 id=\"group-");
        escape_html_into(g.id, &mut out);
        out.push_str("\">");
        escape_html_into(g.label, &mut out);
        out.push_str("</h3>\n<div class=\"table-wrap\"><table class=\"indicator-table\">\n");
        push_head(&mut out, locale, &["indicator", "value", "source", "method", "date", "confidence"]);
        out.push_str("\n<tbody>");
        for r in &g.rows {
            push_indicator_row(&mut out, r, root, locale);
        }
        out.push_str("</tbody>\n</table></div>\n");
    }
    out
}

fn push_indicator_row(out: &mut String, r: &IndicatorRow<'_>, root: &str, locale: &Locale) {
    out.push_str(if !r.given {
        "<tr class=\"not-given\">"
    } else if r.unknown {
        "<tr class=\"unknown\">"
    } else {
        "<tr>"
    });
    out.push_str("\n<th scope=\"row\">");
    push_link(out, root, &[&r.path], r.label);
    out.push_str("</th>\n<td><span class=\"value\">");
    escape_html_into(&r.value, out);
    out.push_str("</span>");
    push_parts(out, &r.disaggregation, locale);
    if let Some(notes) = r.notes.filter(|n| !n.is_empty()) {
        out.push_str("<p class=\"entry-notes\">");
        escape_html_into(notes, out);
        out.push_str("</p>");
    }
    out.push_str("</td>\n<td>");
    escape_html_into(r.source.as_deref().unwrap_or(""), out);
    out.push_str("</td>\n<td>");
    if let Some(method) = &r.method {
        push_link(out, root, &[&method.path], method.label);
    }
    out.push_str("</td>\n<td>");
    escape_html_into(r.date.as_deref().unwrap_or(""), out);
    if let Some(n) = r.n.filter(|&n| n != 0) {
        out.push_str("<br><span class=\"n\">n = ");
        out.push_str(itoa::Buffer::new().format(n));
        out.push_str("</span>");
    }
    out.push_str("</td>\n<td>");
    if let Some(confidence) = r.confidence.filter(|c| !c.is_empty()) {
        out.push_str("<span class=\"confidence confidence-");
        escape_html_into(r.confidence_id.unwrap_or(""), out);
        out.push_str("\">");
        escape_html_into(confidence, out);
        out.push_str("</span>");
        if let Some(reason) = r.confidence_reason.filter(|r| !r.is_empty()) {
            out.push_str("<br><span class=\"reason\">");
            escape_html_into(reason, out);
            out.push_str("</span>");
        }
    }
    out.push_str("</td>\n</tr>");
}

/// One community's value in an indicator's comparison table (also the `rows` a theme's own
/// indicator template gets).
#[derive(Serialize)]
pub(super) struct ComparisonRow<'a> {
    /// The community's title.
    pub community: &'a str,
    /// Its page.
    pub path: &'a str,
    /// Its country.
    pub country: &'a str,
    /// True when given as unknown.
    pub unknown: bool,
    /// The value as text.
    pub value: String,
    /// Values for parts of the population.
    pub disaggregation: Vec<DisaggregationView<'a>>,
    /// Where the figure comes from, in the page's language when Fieldbook wrote it.
    pub source: Option<std::borrow::Cow<'a, str>>,
    /// When.
    pub date: Option<String>,
    /// Confidence label.
    pub confidence: Option<&'a str>,
}

/// An indicator's comparison table for a page at `root`; empty when there are no rows.
pub(super) fn comparison_table(rows: &[ComparisonRow<'_>], root: &str, locale: &Locale) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let mut out = String::with_capacity(1000 + rows.len() * 400);
    out.push_str("<div class=\"table-wrap\"><table class=\"comparison\">\n");
    push_head(&mut out, locale, &["community", "country", "value", "source", "date", "confidence"]);
    out.push_str("\n<tbody>");
    for r in rows {
        out.push_str(if r.unknown { "<tr class=\"unknown\">" } else { "<tr>" });
        out.push_str("<th scope=\"row\">");
        push_link(&mut out, root, &[r.path, "#indicators"], r.community);
        out.push_str("</th><td>");
        escape_html_into(r.country, &mut out);
        out.push_str("</td><td><span class=\"value\">");
        escape_html_into(&r.value, &mut out);
        out.push_str("</span>");
        push_parts(&mut out, &r.disaggregation, locale);
        out.push_str("</td><td>");
        escape_html_into(r.source.as_deref().unwrap_or(""), &mut out);
        out.push_str("</td><td>");
        escape_html_into(r.date.as_deref().unwrap_or(""), &mut out);
        out.push_str("</td><td>");
        escape_html_into(r.confidence.unwrap_or(""), &mut out);
        out.push_str("</td></tr>");
    }
    out.push_str("</tbody>\n</table></div>");
    out
}

/// A profile's criteria table, linking to the criteria page at `lang_root`
/// (the page's root with the folder of its language, if the site has its own pages in it).
pub(super) fn criteria_table(rows: &[CriterionRow<'_>], lang_root: &str, locale: &Locale) -> String {
    let mut out = String::with_capacity(600 + rows.len() * 300);
    out.push_str("<div class=\"table-wrap\"><table class=\"criteria-table\">\n");
    push_head(&mut out, locale, &["criterion", "status", "evidence"]);
    out.push_str("\n<tbody>");
    for c in rows {
        out.push_str("<tr class=\"status-row-");
        escape_html_into(c.status, &mut out);
        out.push_str("\"><th scope=\"row\">");
        push_link(&mut out, lang_root, &["criteria/index.html#", c.id], c.label);
        out.push_str("</th><td><span class=\"status status-");
        escape_html_into(c.status, &mut out);
        out.push_str("\">");
        escape_html_into(c.status_label, &mut out);
        out.push_str("</span></td><td>");
        escape_html_into(c.evidence.unwrap_or(""), &mut out);
        out.push_str("</td></tr>");
    }
    out.push_str("</tbody>\n</table></div>");
    out
}

/// A research question a profile answers, and the labels of the methods it used.
pub(super) struct Answer<'a> {
    /// Question id (q1...).
    pub id: &'a str,
    /// The question.
    pub label: &'a str,
    /// The methods' labels.
    pub methods: Vec<&'a str>,
}

/// A research area in a profile: how many of its questions the profile answers, and which.
pub(super) struct AreaAnswers<'a> {
    /// Area label.
    pub label: &'a str,
    /// Questions in the area.
    pub total: usize,
    /// The questions answered, in the area's order.
    pub answered: Vec<Answer<'a>>,
}

/// A profile's research list (`<ul class="areas">`), linking to the research page at
/// `lang_root` (as [`criteria_table`] does).
pub(super) fn research_list(areas: &[AreaAnswers<'_>], lang_root: &str, locale: &Locale) -> String {
    let mut out = String::with_capacity(200 + areas.len() * 300);
    out.push_str("<ul class=\"areas\">");
    for a in areas {
        out.push_str("<li><strong>");
        escape_html_into(a.label, &mut out);
        out.push_str("</strong>");
        escape_html_into(locale.colon(), &mut out);
        let answered = [("answered", a.answered.len() as u64)];
        escape_html_into(&locale.count("questions_answered_count", a.total as u64, &answered), &mut out);
        if !a.answered.is_empty() {
            out.push_str("<ul class=\"questions\">");
            for q in &a.answered {
                out.push_str("<li>");
                push_link(&mut out, lang_root, &["research/index.html#", q.id], q.id);
                out.push(' ');
                escape_html_into(q.label, &mut out);
                out.push_str(" <span class=\"methods\">");
                for (k, m) in q.methods.iter().enumerate() {
                    if k > 0 {
                        out.push_str(locale.list_separator());
                    }
                    escape_html_into(m, &mut out);
                }
                out.push_str("</span></li>");
            }
            out.push_str("</ul>");
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    out
}

/// A page's key facts (`<dl class="facts">`) for a page at `root`; empty when it has none.
pub(super) fn facts_list(facts: &[Fact], root: &str, locale: &Locale) -> String {
    if facts.is_empty() {
        return String::new();
    }
    let mut out = String::with_capacity(100 + facts.len() * 120);
    out.push_str("<dl class=\"facts\">");
    for f in facts {
        out.push_str(if f.internal { "<div class=\"internal\"><dt>" } else { "<div><dt>" });
        escape_html_into(&f.label, &mut out);
        out.push_str("</dt><dd>");
        match f.text.as_deref().filter(|t| !t.is_empty()) {
            Some(text) => match f.href.as_deref().filter(|h| !h.is_empty()) {
                Some(href) => {
                    out.push_str("<a href=\"");
                    escape_html_into(href, &mut out);
                    out.push_str("\" rel=\"noopener\">");
                    escape_html_into(text, &mut out);
                    out.push_str("</a>");
                }
                None => escape_html_into(text, &mut out),
            },
            None => {
                for (k, l) in f.links.iter().enumerate() {
                    if k > 0 {
                        out.push_str(locale.list_separator());
                    }
                    if l.path.is_empty() {
                        escape_html_into(&l.label, &mut out);
                    } else {
                        push_link(&mut out, root, &[&l.path], &l.label);
                    }
                }
            }
        }
        out.push_str("</dd></div>");
    }
    out.push_str("</dl>");
    out
}
