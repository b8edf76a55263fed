//! The Atom feeds of recently assessed or updated communities (one for each language with a
//! folder of the site's pages), and the sitemap.
//!
//! Both list only pages of this build, so drafts and confidential pages never appear. A
//! sitemap must give absolute addresses, so it is written only when the site sets `base_url`;
//! the feed uses absolute addresses with `base_url` and addresses relative to itself without
//! (both from [`routes::address`], percent-encoded as addresses must be).

use std::fmt::Write as _;

use super::views::Env;
use crate::date::Date;
use crate::link::routes;
use crate::model::ContentType;
use crate::text::escape_html as esc;

/// How many communities the feed lists.
pub const FEED_ENTRIES: usize = 20;

/// The last date a profile changed: assessed, reviewed or updated.
fn changed(env: &Env<'_>, i: usize) -> Option<Date> {
    let doc = &env.site.docs[i];
    let c = doc.community()?;
    Some([Some(c.assessed), c.reviewed, doc.updated].into_iter().flatten().max().unwrap_or(c.assessed))
}

/// `feed.xml` of the site's pages in `language`, for `env`'s voice of it, in that voice's folder
/// (`fr/`; none for the site's language): each community by its version in that language, its
/// translation when it has one, so that a reader who follows the French feed reads French titles
/// and summaries and lands on French pages. A community not translated into it is listed as
/// written, its entry marked with its language. Addresses are under the site's `base_url`, or
/// relative to the feed without one.
pub fn atom(env: &Env<'_>, title: &str, language: &str) -> String {
    let (base_url, folder, site_language) = (env.base_url, env.sections, env.site_language);
    let site = env.site;
    let mut communities: Vec<(Date, usize)> =
        site.visible_of(ContentType::Community).filter_map(|i| changed(env, i).map(|d| (d, i))).collect();
    communities.sort_by(|a, b| b.cmp(a));
    communities.truncate(FEED_ENTRIES);
    // Without `base_url`, addresses are relative to the feed itself, which may be in a folder.
    let feed_path = format!("{folder}{}", routes::FEED);
    let up = routes::root_of(&feed_path);
    let address = |path: &str| match base_url {
        Some(_) => routes::address(base_url, path),
        None => format!("{up}{}", routes::address(None, path)),
    };
    let feed_id = match (base_url, folder) {
        (Some(base), _) => format!("{base}{folder}{}", routes::FEED),
        (None, "") => format!("urn:fieldbook:{}", crate::text::slugify(title)),
        (None, _) => format!("urn:fieldbook:{}:{language}", crate::text::slugify(title)),
    };
    let stamp = |d: Date| format!("{d}T00:00:00Z");
    let updated = communities.first().map(|(d, _)| stamp(*d)).unwrap_or_else(|| stamp(Date::from_days_since_epoch(0)));
    let mut out = String::new();
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<title>{}</title>\n<id>{}</id>\n<updated>{updated}</updated>\n<link rel=\"self\" href=\"{}\"/>\n<link href=\"{}\"/>\n<author><name>{}</name></author>\n<generator>Fieldbook</generator>\n",
        esc(language),
        esc(title),
        esc(&feed_id),
        esc(&address(&feed_path)),
        esc(&address(&format!("{folder}{}", routes::HOME))),
        esc(title),
    );
    for (date, original) in communities {
        let i = site.version_in(original, language);
        let doc = &site.docs[i];
        let id = match base_url {
            Some(_) => address(&site.paths[i]),
            None => format!("{feed_id}:community:{}", doc.slug),
        };
        let written_in = doc.language.as_deref().unwrap_or(site_language);
        if written_in == language {
            out.push_str("<entry>\n");
        } else {
            let _ = writeln!(out, "<entry xml:lang=\"{}\">", esc(written_in));
        }
        let _ = write!(
            out,
            "<title>{}</title>\n<id>{}</id>\n<updated>{}</updated>\n<link href=\"{}\"/>\n",
            esc(&doc.title),
            esc(&id),
            stamp(date),
            esc(&address(&site.paths[i]))
        );
        if let Some(summary) = &doc.summary {
            let _ = writeln!(out, "<summary>{}</summary>", esc(summary));
        }
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// `sitemap.xml`, from the pages written (sorted), each page's address under `base_url`.
pub fn sitemap(base_url: &str, pages: &[(String, Option<Date>)]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (page, changed) in pages {
        let _ = write!(out, "<url><loc>{}</loc>", esc(&routes::address(Some(base_url), page)));
        if let Some(day) = changed {
            let _ = write!(out, "<lastmod>{day}</lastmod>");
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// When a content page last changed, for the sitemap: the latest of a profile's assessment
/// and review and the page's `updated` date; `None` for a page without dates.
pub fn last_changed(env: &Env<'_>, i: usize) -> Option<Date> {
    changed(env, i).or(env.site.docs[i].updated)
}

/// `robots.txt`: the public site may be read, and its sitemap is named when there is one (it
/// needs `base_url`); a build with drafts or confidential pages asks crawlers to read nothing.
pub fn robots(public: bool, base_url: Option<&str>) -> String {
    if !public {
        return "# Fieldbook: a build with drafts or confidential pages, not for search engines.\nUser-agent: *\nDisallow: /\n".to_string();
    }
    let mut out = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = base_url {
        let _ = writeln!(out, "\nSitemap: {base}sitemap.xml");
    }
    out
}
