//! The maps of pages: the home page's, a country's, a profile's locator and an indicator's,
//! each a figure (the SVG of [`crate::render::maps`], a caption, and a table of its points).

use crate::geo::Country;
use crate::locale::Locale;
use crate::model::ContentType;
use crate::render::Renderer;
use crate::render::maps::{self, Legend, Located, MapRequest, Marker, MarkerStyle};
use crate::schema::ValueKind;
use crate::text::escape_html_into;
use crate::text::fill;

/// What a region's markers and legend are made by.
type MarkersOf<'a> = dyn Fn(&[&Located]) -> (Vec<Marker>, Legend) + 'a;

/// More points than this on a map: its description counts them by country, and the home
/// page's table lists countries rather than every community.
const MANY: usize = 250;

/// Shown width of a locator map, in CSS pixels.
const LOCATOR_WIDTH: u32 = 320;

impl Renderer<'_> {
    /// A map of `markers` with the criteria legend, labels and full width.
    fn request<'r>(
        &self,
        id: &'r str,
        title: String,
        root: &'r str,
        markers: Vec<Marker>,
        focus: Vec<&'static Country>,
    ) -> MapRequest<'r>
    where
        Self: 'r,
    {
        let env = &self.env;
        let total = env.schema.criteria.len();
        MapRequest {
            id,
            title,
            root,
            markers,
            focus,
            legend: maps::criteria_legend(env, total),
            labels: true,
            display_width: base_width(),
            site_outlines: &self.lookups.site_outlines,
            locale: env.locale,
            cluster_legend: env.t("map_legend_cluster"),
            group_legend: env.t("map_legend_group"),
        }
    }

    fn located_of(&self, docs: &[usize]) -> Vec<&Located> {
        docs.iter().filter_map(|&i| self.lookups.located[i].as_ref()).collect()
    }

    fn criteria_text(&self, l: &Located) -> String {
        let met = l.met.to_string();
        let total = l.total.to_string();
        fill(&self.env.t("map_criteria_met"), &[("met", &met), ("total", &total)])
    }

    /// The figure of one or more maps, their caption and the table of their points.
    fn figure(
        &self,
        svgs: &[String],
        root: &str,
        points: &[&Located],
        missing: usize,
        value: &dyn Fn(&Located) -> String,
    ) -> String {
        let mut out = String::from("<figure class=\"map-figure\">");
        for svg in svgs {
            out.push_str(svg);
        }
        out.push_str(&maps::caption(&self.env, self.input.config.privacy.location_precision_km, missing));
        out.push_str(&maps::points_table(&self.env, root, points, value));
        out.push_str("</figure>");
        out
    }

    /// Maps of `points`, one per region, each marker coloured by `style`.
    fn region_maps(
        &self,
        id: &str,
        title: &str,
        root: &str,
        points: &[&Located],
        markers_of: &MarkersOf<'_>,
        desc_of: &dyn Fn(&Located) -> String,
    ) -> Vec<String> {
        let owned: Vec<Located> = points.iter().map(|l| (*l).clone()).collect();
        let regions = maps::regions(&owned);
        let several = regions.len() > 1;
        regions
            .iter()
            .enumerate()
            .map(|(k, region)| {
                let focus = maps::countries_of(region);
                // Each region's countries, named as the maps label them, in the page's language.
                let language = self.env.locale.tag();
                let names: Vec<&str> = focus.iter().map(|c| crate::geo::label_in(&c.name, language)).collect();
                let title = if several {
                    self.env.locale.labelled(title, &names.join(self.env.locale.list_separator()))
                } else {
                    title.to_string()
                };
                let (markers, legend) = markers_of(region);
                let desc = if region.len() > MANY {
                    self.count_by_country(region)
                } else {
                    desc_list(
                        region.iter().map(|l| (self.env.site.docs[l.doc].title.as_str(), desc_of(l))),
                        self.env.locale,
                    )
                };
                let id = format!("{id}-{}", k + 1);
                let mut request = self.request(&id, title, root, markers, focus);
                request.legend = legend;
                request.labels = region.len() <= 60;
                maps::map_svg(request, None, &desc)
            })
            .collect()
    }

    /// Where the maps show `docs`, each by its version in this renderer's language (its
    /// translation into it, when it has one): the name and the page its marker leads to.
    fn located_in_language(&self, docs: &[usize]) -> Vec<Located> {
        self.located_of(docs).into_iter().map(|l| Located { doc: self.in_own_language(l.doc), ..l.clone() }).collect()
    }

    /// The home page's map: every located community, by region.
    pub(in crate::render) fn home_map(&self, root: &str) -> String {
        let env = &self.env;
        let communities = &self.lookups.by_type[&ContentType::Community];
        let located = self.located_in_language(communities);
        let points: Vec<&Located> = located.iter().collect();
        if points.is_empty() {
            return String::new();
        }
        let total = env.schema.criteria.len();
        let svgs = self.region_maps(
            "map-home",
            &env.t("map_communities"),
            root,
            &points,
            &|region| (maps::criteria_markers(env, region), maps::criteria_legend(env, total)),
            &|l| self.criteria_text(l),
        );
        if points.len() <= MANY {
            return self.figure(&svgs, root, &points, communities.len() - points.len(), &|l| self.criteria_text(l));
        }
        // Thousands of communities: the table beside the map counts them by country, each
        // country's page tabling its own.
        let mut out = String::from("<figure class=\"map-figure\">");
        for svg in &svgs {
            out.push_str(svg);
        }
        out.push_str(&maps::caption(
            env,
            self.input.config.privacy.location_precision_km,
            communities.len() - points.len(),
        ));
        out.push_str("<details class=\"map-table\"><summary>");
        escape_html_into(&env.t("map_table"), &mut out);
        out.push_str("</summary><ul>");
        for (name, docs) in &self.lookups.countries {
            let n = docs.iter().filter(|&&d| self.lookups.located[d].is_some()).count();
            if n == 0 {
                continue;
            }
            out.push_str("<li><a href=\"");
            escape_html_into(root, &mut out);
            escape_html_into(&env.section(crate::link::routes::country(name)), &mut out);
            out.push_str("\">");
            escape_html_into(env.country_name(name), &mut out);
            out.push_str("</a>");
            escape_html_into(env.locale.colon(), &mut out);
            escape_html_into(&env.locale.count("communities_count", n as u64, &[]), &mut out);
            out.push_str("</li>");
        }
        out.push_str("</ul></details></figure>");
        out
    }

    /// "Morocco: 833 communities; Senegal: 833 communities", for a map of many points.
    fn count_by_country(&self, points: &[&Located]) -> String {
        let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
        for l in points {
            let country = self.env.site.docs[l.doc].community().map_or("", |c| c.country.as_str());
            let country = self.env.country_name(country);
            *counts.entry(country).or_default() += 1;
        }
        let locale = self.env.locale;
        desc_list(
            counts.into_iter().map(|(country, n)| (country, locale.count("communities_count", n as u64, &[]))),
            locale,
        )
    }

    /// A country's map: its located communities on its outline and its neighbours'.
    pub(in crate::render) fn country_map(&self, ci: usize, root: &str) -> String {
        let env = &self.env;
        let (name, docs) = &self.lookups.countries[ci];
        let communities: Vec<usize> =
            docs.iter().copied().filter(|&i| env.site.docs[i].content_type == ContentType::Community).collect();
        let located = self.located_in_language(&communities);
        let points: Vec<&Located> = located.iter().collect();
        if points.is_empty() {
            return String::new();
        }
        let title = fill(&env.t("map_country"), &[("country", env.country_name(name))]);
        let svg =
            match points[0].country.filter(|c| points.iter().all(|l| l.country.is_some_and(|o| std::ptr::eq(o, *c)))) {
                Some(country) => {
                    let view = maps::country_view(country, &points);
                    let markers = maps::criteria_markers(env, &points);
                    let desc = desc_list(
                        points.iter().map(|l| (env.site.docs[l.doc].title.as_str(), self.criteria_text(l))),
                        env.locale,
                    );
                    let mut request = self.request("map-country", title, root, markers, vec![country]);
                    request.labels = points.len() <= 60;
                    vec![maps::map_svg(request, Some(view), &desc)]
                }
                // A country the outlines do not know: the points on whatever lies around them.
                None => {
                    let total = env.schema.criteria.len();
                    self.region_maps(
                        "map-country",
                        &title,
                        root,
                        &points,
                        &|region| (maps::criteria_markers(env, region), maps::criteria_legend(env, total)),
                        &|l| self.criteria_text(l),
                    )
                }
            };
        self.figure(&svg, root, &points, communities.len() - points.len(), &|l| self.criteria_text(l))
    }

    /// A profile's locator: its country's map (the country page's view, so the same outlines),
    /// the community marked, and its nearest neighbours in the site.
    pub(in crate::render) fn locator_map(&self, i: usize, root: &str) -> String {
        let env = &self.env;
        let lk = self.lookups;
        // A translation is where its original is.
        let Some(here) = lk.located[env.site.original_of(i)].as_ref() else { return String::new() };
        let same_country = lk.country_group(i).map(|ci| &lk.nearest[ci]);
        let near = same_country.map(|points| points.of(here)).unwrap_or_default();
        let title = fill(&env.t("map_locator"), &[("community", &env.site.docs[i].title)]);
        // On a translation, each neighbour as the page's language has it: its translation (title
        // and page) when there is one, else the original.
        let shown: Vec<usize> = near.iter().map(|(l, _)| self.version_for(i, l.doc)).collect();
        // Each neighbour's name and distance, for its marker and for the description.
        let neighbour = crate::render::format::ui(env.locale, "map_neighbour");
        let names: Vec<String> = near
            .iter()
            .zip(&shown)
            .map(|((_, km), &d)| {
                let km = crate::text::format_number(km.round());
                fill(neighbour, &[("community", &env.site.docs[d].title), ("km", &km)])
            })
            .collect();
        let mut markers: Vec<Marker> = near
            .iter()
            .zip(&names)
            .zip(&shown)
            .map(|(((l, _), name), &d)| Marker {
                point: l.point,
                label: String::new(),
                name: name.clone(),
                community: env.site.docs[d].title.clone(),
                href: Some(env.site.paths[d].clone()),
                style: MarkerStyle::Other,
                number: None,
                radius: 9.0,
                current: false,
            })
            .collect();
        let mut own = maps::criteria_markers(env, &[here]);
        for m in &mut own {
            m.current = true;
            m.radius = 20.0;
            // This page: nothing to follow.
            m.href = None;
            // A translation's page names the community as the translation does.
            let title = &env.site.docs[i].title;
            m.name = env.locale.labelled(title, &self.criteria_text(here));
            m.label = title.clone();
            m.community = title.clone();
        }
        markers.extend(own);
        let separator = env.locale.list_separator();
        let mut desc = format!("{}{separator}{}", env.site.docs[i].title, maps::coordinates(env, here.point));
        if !near.is_empty() {
            desc.push_str(". ");
            desc.push_str(&env.t("map_neighbours"));
            desc.push_str(env.locale.colon());
            desc.push_str(&names[..names.len().min(10)].join(separator));
        }
        let (focus, view) = match here.country {
            Some(country) => {
                let view = match same_country {
                    Some(points) => points.country_view(country),
                    None => maps::country_view(country, &[]),
                };
                (vec![country], Some(view))
            }
            None => (Vec::new(), None),
        };
        let mut request = self.request("map-locator", title, root, markers, focus);
        request.legend = Legend::None;
        request.labels = true;
        request.display_width = LOCATOR_WIDTH;
        let svg = maps::map_svg(request, view, &desc);
        let mut out = String::from("<figure class=\"map-figure locator\">");
        out.push_str(&svg);
        // The key, in the page's text (at this size a legend inside the map would be too small).
        out.push_str("<p class=\"map-key\"><span class=\"key-here key-");
        out.push_str(match maps::criteria_style(here.met, here.total) {
            MarkerStyle::Low => "low",
            MarkerStyle::Mid => "mid",
            _ => "high",
        });
        out.push_str("\" aria-hidden=\"true\">");
        out.push_str(&here.met.to_string());
        out.push_str("</span> ");
        crate::text::escape_html_into(
            &env.locale.labelled(&env.site.docs[i].title, &self.criteria_text(here)),
            &mut out,
        );
        if !near.is_empty() {
            out.push_str(" <span class=\"key-other\" aria-hidden=\"true\"></span> ");
            crate::text::escape_html_into(&env.t("map_neighbours"), &mut out);
        }
        out.push_str("</p>");
        out.push_str(&maps::caption(env, self.input.config.privacy.location_precision_km, 0));
        out.push_str("</figure>");
        out
    }

    /// An indicator's map: graduated circles for the values the bars show (masked totals are
    /// left off, as they are from the bars), one map per region.
    pub(in crate::render) fn indicator_map(&self, ii: usize, items: &[(usize, usize)], root: &str) -> String {
        let env = &self.env;
        let indicator = &env.schema.indicators[ii];
        if !matches!(indicator.kind, ValueKind::Number | ValueKind::Percent | ValueKind::Count | ValueKind::Rating) {
            return String::new();
        }
        let mut values: std::collections::HashMap<usize, (f64, String)> = Default::default();
        for &(i, ei) in items {
            let Some(c) = env.site.docs[i].community() else { continue };
            let entry = &c.indicators[ei];
            let protection = env.masking.protect(entry, indicator.kind);
            if let Some(v) = env.masking.numeric(&protection, entry) {
                // By the profile's version in the page's language, as the points are.
                let value = (v, crate::render::format::value_text(entry, indicator, env.locale));
                values.insert(self.in_own_language(i), value);
            }
        }
        let docs: Vec<usize> =
            items.iter().map(|&(i, _)| i).filter(|&i| values.contains_key(&self.in_own_language(i))).collect();
        let located = self.located_in_language(&docs);
        let points: Vec<&Located> = located.iter().collect();
        if points.is_empty() {
            return String::new();
        }
        let max = points.iter().map(|l| values[&l.doc].0.abs()).fold(0.0, f64::max);
        let radius = |v: f64| if max > 0.0 { 3.0 + 15.0 * (v.abs() / max).sqrt() } else { 3.0 };
        let title = fill(&env.t("map_indicator"), &[("indicator", &indicator.term.label)]);
        let markers_of = |region: &[&Located]| {
            let markers = region
                .iter()
                .map(|l| {
                    let (v, text) = &values[&l.doc];
                    let name = &env.site.docs[l.doc].title;
                    Marker {
                        point: l.point,
                        label: String::new(),
                        name: env.locale.labelled(name, text),
                        community: name.clone(),
                        href: Some(env.site.paths[l.doc].clone()),
                        style: MarkerStyle::Value,
                        number: None,
                        radius: radius(*v),
                        current: false,
                    }
                })
                .collect();
            // The legend's values written as the page writes values: "1234,5" in Spanish,
            // "1,234.5" in Arabic, "61%" for a percentage.
            let sample_text = |v: f64| {
                let v = (v * 10.0).round() / 10.0;
                if indicator.kind == ValueKind::Percent { env.locale.percent(v) } else { env.locale.number(v) }
            };
            // A count's samples are whole numbers (143 and 36, not 35.8), drawn at their size.
            let whole = |v: f64| if indicator.kind == ValueKind::Count { v.round() } else { v };
            let samples = [max, max / 4.0].into_iter().map(whole).filter(|v| *v > 0.0);
            let items = samples.map(|v| (radius(v), sample_text(v))).collect();
            (markers, Legend::Sizes { heading: env.t("map_legend_value"), items })
        };
        let svgs = self.region_maps("map-indicator", &title, root, &points, &markers_of, &|l| values[&l.doc].1.clone());
        self.figure(&svgs, root, &points, 0, &|l| values[&l.doc].1.clone())
    }
}

/// Shown width of a full map, in CSS pixels.
fn base_width() -> u32 {
    maps::base::WIDTH as u32
}

/// A map's description: "label: value; label: value", punctuated as `locale` writes.
fn desc_list<'a>(pairs: impl Iterator<Item = (&'a str, String)>, locale: &Locale) -> String {
    let mut out = String::new();
    for (label, value) in pairs {
        if !out.is_empty() {
            out.push_str(locale.semicolon());
        }
        out.push_str(label);
        out.push_str(locale.colon());
        out.push_str(&value);
    }
    out
}
