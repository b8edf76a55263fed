//! The questions of the survey form, made from the schema in force: which indicators a
//! household or individual survey can measure, the question each gets, and which are left out
//! and why. [`super::xlsform`] writes them; [`import`](mod@super::import) reads answers to them.

use crate::config::Config;
use crate::locale::{NumberStyle, primary};
use crate::model::Status;
use crate::schema::{Indicator, Schema, ValueKind};

/// The form's id in its settings, and the stem of its default file name.
pub const FORM_ID: &str = "community-survey";

/// Where `fieldbook form` writes by default, relative to the site root.
pub const DEFAULT_PATH: &str = "forms/community-survey.xlsx";

/// The question that names the community, and the choice list of the site's profiles.
pub const COMMUNITY: &str = "community";

/// The hidden question that carries the form's version into every submission.
pub const VERSION_FIELD: &str = "fieldbook_version";

/// The answer that is not an answer.
pub const DONT_KNOW: &str = "dont_know";

/// What `fieldbook form` is asked for. The default is the safe form: published communities
/// only, no sensitive indicator, since the file goes to a survey platform and to every
/// enumerator's phone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FormOptions {
    /// Ask the indicators the schema marks sensitive too.
    pub include_sensitive: bool,
    /// Offer draft profiles as communities too (`--drafts`, as `build` has it).
    pub drafts: bool,
    /// Offer confidential profiles as communities too (`--include-confidential`).
    pub include_confidential: bool,
}

impl FormOptions {
    /// Whether the form offers a profile of this status (`None`: a profile that could not be
    /// read, whose status is not known, so it is never offered).
    pub fn offers(self, status: Option<Status>) -> bool {
        match status {
            Some(Status::Published) => true,
            Some(Status::Draft) => self.drafts,
            Some(Status::Confidential) => self.include_confidential,
            None => false,
        }
    }
}

/// A community profile of the site, which the form offers as an answer when its status
/// allows ([`FormOptions::offers`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormCommunity {
    /// The profile's id.
    pub id: String,
    /// Its title, the choice's label.
    pub title: String,
    /// Its status; `None` for a profile whose frontmatter could not be read.
    pub status: Option<Status>,
}

/// What a question is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Which community the respondent lives in.
    Community,
    /// The respondent's part of a disaggregation dimension (index in the schema).
    Dimension(usize),
    /// An indicator (index in the schema).
    Indicator(usize),
}

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// One choice of a list (index into [`Form::lists`]).
    One(usize),
    /// Any number of choices of a list.
    Many(usize),
    /// A whole number.
    Integer,
    /// A number.
    Decimal,
}

/// One question of the form.
#[derive(Debug, Clone)]
pub struct Question {
    /// Its name: the indicator's or dimension's id, or `community`.
    pub name: String,
    /// What it asks about.
    pub target: Target,
    /// How it is answered.
    pub answer: Answer,
    /// The indicator group it sits in (index in the schema), if any.
    pub group: Option<usize>,
    /// Its label in each of the form's languages, in [`Form::languages`] order.
    pub labels: Vec<String>,
    /// Its hint in each of the form's languages.
    pub hints: Vec<String>,
    /// Other texts an export's header may name it by, besides its labels: an indicator's own
    /// label in each language, which forms asked with before indicators had questions.
    pub also_named: Vec<String>,
    /// Whether an answer is required.
    pub required: bool,
    /// An XLSForm constraint (`. >= 0`), with its message in each of the form's languages.
    pub constraint: Option<(String, Vec<String>)>,
    /// The smallest and largest number accepted, for integer and decimal questions.
    pub range: (Option<f64>, Option<f64>),
}

/// A choice list.
#[derive(Debug, Clone)]
pub struct ChoiceList {
    /// Its name (`list_name`).
    pub name: String,
    /// The choices, in order.
    pub choices: Vec<Choice>,
}

/// One choice.
#[derive(Debug, Clone)]
pub struct Choice {
    /// What a submission records.
    pub name: String,
    /// Its label in each of the form's languages, as the form writes it ([written to show as
    /// typed](super::xlsform::literal)).
    pub labels: Vec<String>,
    /// Other texts `import` takes for it in an export with labels, which the form does not
    /// show: for a respondent's own part, the part's label for a group (`femmes`), which
    /// forms made before the schema named one respondent showed, so that a round collected
    /// with such a form still imports; its label as typed, when the form writes it otherwise.
    pub accepted: Vec<String>,
}

/// An indicator the form does not ask, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// The indicator's id.
    pub indicator: String,
    /// Why, in a few words, as a message of the catalogue.
    pub reason: crate::messages::Message,
}

/// A survey form made from the schema.
#[derive(Debug, Clone)]
pub struct Form {
    /// The title shown in KoBoToolbox and ODK Collect, in the default language (XLSForm's
    /// `form_title` has no translations).
    pub title: String,
    /// The form id ([`FORM_ID`]).
    pub id: String,
    /// A version that changes whenever the questions or their choices do.
    pub version: String,
    /// Language codes, the default first.
    pub languages: Vec<String>,
    /// The questions, in order: the community, the respondent's parts, then the indicators by
    /// group.
    pub questions: Vec<Question>,
    /// The choice lists.
    pub lists: Vec<ChoiceList>,
    /// The label of each indicator group of the schema (by index), in each of the form's
    /// languages.
    pub group_labels: Vec<Vec<String>>,
    /// Indicators left out.
    pub left_out: Vec<LeftOut>,
    /// The profiles offered as communities, in the order of the choices.
    pub communities: Vec<FormCommunity>,
    /// The profiles of the site not offered as communities (drafts, confidential profiles,
    /// profiles that could not be read), with their status.
    pub communities_left_out: Vec<FormCommunity>,
}

impl Form {
    /// The question named `name`.
    pub fn question(&self, name: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.name == name)
    }
}

/// The languages of the form, the default first: the site's languages. Points at the
/// configuration's language list, in one place.
pub fn form_languages(config: &Config) -> Vec<String> {
    config.languages()
}

/// The name XLSForm gives a language in its columns (`label::French (fr)`).
pub fn language_name(code: &str) -> String {
    // `fr-SN` is French too: ODK shows the name, and the code says the region.
    let name = match primary(code).as_str() {
        "en" => "English",
        "fr" => "French",
        "es" => "Spanish",
        "ar" => "Arabic",
        "pt" => "Portuguese",
        "de" => "German",
        "it" => "Italian",
        "ru" => "Russian",
        "tr" => "Turkish",
        "fa" => "Persian",
        "ps" => "Pashto",
        "ti" => "Tigrinya",
        "am" => "Amharic",
        "so" => "Somali",
        "ha" => "Hausa",
        "wo" => "Wolof",
        "sw" => "Swahili",
        "uk" => "Ukrainian",
        "ur" => "Urdu",
        "bn" => "Bengali",
        _ => return format!("{code} ({code})"),
    };
    format!("{name} ({code})")
}

/// What the form says that the schema does not, in one language (its title is the round's
/// survey name, [`crate::round::survey_title`]): the community question, yes and no, and the
/// constraint messages (`{a}` and `{b}` stand for the bounds).
#[derive(Debug, Clone, Copy)]
struct Words {
    community: &'static str,
    community_hint: &'static str,
    yes_no: [&'static str; 3],
    at_least: &'static str,
    at_most: &'static str,
    between: &'static str,
}

const ENGLISH: Words = Words {
    community: "Community",
    community_hint: "The community the respondent lives in.",
    yes_no: ["Yes", "No", "Don't know"],
    at_least: "{a} or more",
    at_most: "{b} or less",
    between: "from {a} to {b}",
};

/// The form's own words in `language` (`fr` serves `fr-SN`): the languages whose schema
/// translations Fieldbook ships, and English for any other (Portuguese has its yes and no).
fn words(language: &str) -> Words {
    match primary(language).as_str() {
        "fr" => Words {
            community: "Communauté",
            community_hint: "La communauté où vit la personne interrogée.",
            yes_no: ["Oui", "Non", "Ne sait pas"],
            at_least: "{a} ou plus",
            at_most: "{b} ou moins",
            between: "de {a} à {b}",
        },
        "es" => Words {
            community: "Comunidad",
            community_hint: "La comunidad donde vive la persona encuestada.",
            yes_no: ["Sí", "No", "No sabe"],
            at_least: "{a} o más",
            at_most: "{b} o menos",
            between: "de {a} a {b}",
        },
        "ar" => Words {
            community: "المجتمع",
            community_hint: "المجتمع الذي يعيش فيه المستجيب.",
            yes_no: ["نعم", "لا", "لا أعرف"],
            at_least: "{a} أو أكثر",
            at_most: "{b} أو أقل",
            between: "من {a} إلى {b}",
        },
        "pt" => Words { yes_no: ["Sim", "Não", "Não sabe"], ..ENGLISH },
        _ => ENGLISH,
    }
}

/// A bound of a constraint as `language` writes numbers (`1 000,5` in French). The message
/// must say exactly the bound the constraint checks, so a bound with more than two decimals
/// (which the language's style would round) keeps all of them, with the language's decimal mark.
fn bound_in(n: f64, language: &str) -> String {
    let style = NumberStyle::of(language);
    if (n * 100.0).fract() == 0.0 {
        let mut out = String::new();
        style.push(&mut out, n);
        out
    } else {
        n.to_string().replace('.', style.decimal)
    }
}

/// The message of a constraint between `range`'s bounds, in `language`.
fn constraint_message(range: (Option<f64>, Option<f64>), language: &str) -> String {
    let w = words(language);
    let (template, a, b) = match range {
        (Some(a), None) => (w.at_least, Some(a), None),
        (None, Some(b)) => (w.at_most, None, Some(b)),
        (Some(a), Some(b)) => (w.between, Some(a), Some(b)),
        (None, None) => return String::new(),
    };
    let mut text = template.to_string();
    if let Some(a) = a {
        text = text.replace("{a}", &bound_in(a, language));
    }
    if let Some(b) = b {
        text = text.replace("{b}", &bound_in(b, language));
    }
    text
}

/// The form for a site with this schema, configuration and community profiles.
pub fn build_form(schema: &Schema, config: &Config, communities: &[FormCommunity], options: FormOptions) -> Form {
    build_form_in(schema, &form_languages(config), communities, options)
}

/// The form in `languages` (codes, the default first). Every label, hint and message of a
/// language comes from the schema localized into it (Fieldbook's translations, the site's own
/// `labels` and `descriptions` over them) and from the form's own words; names stay as they
/// are, since submissions carry them and `import` reads them back.
pub fn build_form_in(
    schema: &Schema,
    languages: &[String],
    communities: &[FormCommunity],
    options: FormOptions,
) -> Form {
    let languages = languages.to_vec();
    // One localization per language, made once for the whole form: it clones the schema.
    let localized: Vec<Schema> = languages.iter().map(|l| schema.localized(l)).collect();
    let words: Vec<Words> = languages.iter().map(|l| words(l)).collect();
    let each = |text: &dyn Fn(&Schema, &Words) -> String| -> Vec<String> {
        localized.iter().zip(&words).map(|(s, w)| text(s, w)).collect()
    };
    let same = |text: &str| vec![text.to_string(); languages.len()];
    let mut form = Form {
        title: crate::round::survey_title(languages.first().map_or("en", String::as_str)).to_string(),
        id: FORM_ID.to_string(),
        version: String::new(),
        languages: languages.clone(),
        questions: Vec::new(),
        lists: Vec::new(),
        group_labels: (0..schema.indicator_groups.len())
            .map(|g| each(&|s, _| s.indicator_groups[g].label.clone()))
            .collect(),
        left_out: Vec::new(),
        communities: Vec::new(),
        communities_left_out: Vec::new(),
    };
    let list = |form: &mut Form, name: &str, choices: Vec<Choice>| -> usize {
        let mut unique = name.to_string();
        let mut n = 2;
        while form.lists.iter().any(|l| l.name == unique) {
            unique = format!("{name}-{n}");
            n += 1;
        }
        form.lists.push(ChoiceList { name: unique, choices });
        form.lists.len() - 1
    };

    // A confidential community's name in a file handed to a survey platform is a leak, and a
    // draft may not be a community the programme works in yet: published ones only, unless asked.
    let (offered, not_offered): (Vec<&FormCommunity>, Vec<&FormCommunity>) =
        communities.iter().partition(|c| options.offers(c.status));
    form.communities = offered.into_iter().cloned().collect();
    form.communities_left_out = not_offered.into_iter().cloned().collect();
    // A title is content, typed by anyone: written to show as typed, as the schema's labels
    // are, by `shown_as_typed` below.
    let community_choices = form
        .communities
        .iter()
        .map(|c| Choice { name: c.id.clone(), labels: same(&c.title), accepted: Vec::new() })
        .collect();
    let community_list = list(&mut form, COMMUNITY, community_choices);
    form.questions.push(Question {
        name: COMMUNITY.into(),
        target: Target::Community,
        answer: Answer::One(community_list),
        group: None,
        labels: each(&|_, w| w.community.to_string()),
        hints: each(&|_, w| w.community_hint.to_string()),
        also_named: Vec::new(),
        required: true,
        constraint: None,
        range: (None, None),
    });
    for (d, dimension) in schema.disaggregations.iter().enumerate() {
        let choices = dimension
            .parts
            .iter()
            // A choice about one person: `Femme`, where the part's label names the group.
            .map(|p| Choice {
                name: p.clone(),
                labels: each(&|s, _| s.respondent_label(d, p).to_string()),
                accepted: each(&|s, _| s.disaggregations[d].part_label(p).to_string()),
            })
            .collect();
        let l = list(&mut form, &dimension.term.id, choices);
        form.questions.push(Question {
            name: dimension.term.id.clone(),
            target: Target::Dimension(d),
            answer: Answer::One(l),
            group: None,
            labels: each(&|s, _| s.disaggregations[d].term.label.clone()),
            hints: each(&|s, _| s.disaggregations[d].term.description.clone()),
            also_named: Vec::new(),
            required: false,
            constraint: None,
            range: (None, None),
        });
    }

    let mut yes_no_list = None;
    for (i, indicator) in schema.indicators.iter().enumerate() {
        let id = &indicator.term.id;
        let answer = match left_out_reason(indicator, options) {
            Some(reason) => {
                form.left_out.push(LeftOut { indicator: id.clone(), reason });
                continue;
            }
            None => match indicator.kind {
                ValueKind::Percent => Answer::One(*yes_no_list.get_or_insert_with(|| {
                    let choices = ["yes", "no", DONT_KNOW]
                        .iter()
                        .enumerate()
                        .map(|(k, name)| Choice {
                            name: name.to_string(),
                            labels: each(&|_, w| w.yes_no[k].to_string()),
                            accepted: Vec::new(),
                        })
                        .collect();
                    list(&mut form, "yes_no", choices)
                })),
                ValueKind::Rating => {
                    let Some(scale) = indicator.scale.as_ref() else {
                        // left_out_reason leaves out a rating without a scale; never reached.
                        continue;
                    };
                    let choices = (scale.min..=scale.max)
                        .map(|v| Choice {
                            name: v.to_string(),
                            // Localizing keeps a scale's points, so each language's scale has
                            // the same points as the schema's.
                            labels: each(&|s, _| {
                                let scale = s.indicators[i].scale.as_ref().unwrap_or(scale);
                                scale.label(v).map_or_else(|| v.to_string(), str::to_string)
                            }),
                            accepted: Vec::new(),
                        })
                        .collect();
                    Answer::One(list(&mut form, id, choices))
                }
                ValueKind::Distribution | ValueKind::List => {
                    let choices = indicator
                        .parts
                        .iter()
                        .map(|p| Choice {
                            name: p.clone(),
                            labels: each(&|s, _| s.indicators[i].part_label(p).to_string()),
                            accepted: Vec::new(),
                        })
                        .collect();
                    let l = list(&mut form, id, choices);
                    if indicator.kind == ValueKind::List { Answer::Many(l) } else { Answer::One(l) }
                }
                ValueKind::Count => Answer::Integer,
                _ => Answer::Decimal,
            },
        };
        let min = match indicator.kind {
            ValueKind::Count => Some(indicator.min.unwrap_or(0.0).max(0.0)),
            _ => indicator.min,
        };
        let range = (min, indicator.max);
        let expression = match range {
            (None, None) => None,
            (Some(a), None) => Some(format!(". >= {a}")),
            (None, Some(b)) => Some(format!(". <= {b}")),
            (Some(a), Some(b)) => Some(format!(". >= {a} and . <= {b}")),
        };
        let constraint = expression.map(|e| (e, languages.iter().map(|l| constraint_message(range, l)).collect()));
        form.questions.push(Question {
            name: id.clone(),
            target: Target::Indicator(i),
            answer,
            group: Some(indicator.group),
            // What it asks a respondent, when the schema says; else what it is called.
            labels: each(&|s, _| {
                s.indicators[i].question.clone().unwrap_or_else(|| s.indicators[i].term.label.clone())
            }),
            hints: each(&|s, _| {
                let indicator = &s.indicators[i];
                match &indicator.unit {
                    // An indicator without a description: its unit alone, with no space before.
                    Some(unit) if indicator.term.description.trim().is_empty() => format!("({unit})"),
                    Some(unit) => format!("{} ({unit})", indicator.term.description),
                    None => indicator.term.description.clone(),
                }
            }),
            also_named: each(&|s, _| s.indicators[i].term.label.clone()),
            required: false,
            constraint,
            range,
        });
    }
    shown_as_typed(&mut form);
    form.version = version_of(&form);
    form
}

/// The form's labels and hints, written so that the form's tools show them as typed: a
/// community's title and a site's own `schema.toml` may give `${x}`, `*x*` or `#x`, which
/// `xls2xform` refuses or Collect shows as markdown. A choice's label as typed is still taken
/// in an export with labels.
fn shown_as_typed(form: &mut Form) {
    use super::xlsform::literal;
    for q in &mut form.questions {
        for text in q.labels.iter_mut().chain(q.hints.iter_mut()) {
            *text = literal(text);
        }
    }
    for text in form.group_labels.iter_mut().flatten() {
        *text = literal(text);
    }
    for list in &mut form.lists {
        for choice in &mut list.choices {
            for label in &mut choice.labels {
                let written = literal(label);
                if written != *label {
                    let typed = std::mem::replace(label, written);
                    if !choice.accepted.contains(&typed) {
                        choice.accepted.push(typed);
                    }
                }
            }
        }
    }
}

/// Why the form does not ask `indicator`, or `None` when it does.
fn left_out_reason(indicator: &Indicator, options: FormOptions) -> Option<crate::messages::Message> {
    let reason = match indicator.kind {
        _ if !indicator.survey => "form.not-surveyable",
        _ if indicator.sensitive && !options.include_sensitive => "form.sensitive",
        ValueKind::Text => "form.free-text",
        ValueKind::YesNo => "form.yes-no",
        ValueKind::Rating if indicator.scale.is_none() => "form.no-scale",
        ValueKind::Distribution if indicator.parts.is_empty() => "form.no-parts",
        ValueKind::List if indicator.parts.is_empty() => "form.no-choices",
        _ => return None,
    };
    Some(crate::messages::Message::new(reason))
}

/// A short hash of everything a submission's meaning depends on: names, answers, choices.
fn version_of(form: &Form) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |text: &str| {
        for b in text.bytes().chain([0xff]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    eat(&form.title);
    for q in &form.questions {
        eat(&q.name);
        eat(&format!("{:?}{:?}{:?}", q.answer, q.range, q.group));
        q.labels.iter().for_each(|l| eat(l));
    }
    for l in &form.lists {
        eat(&l.name);
        for c in &l.choices {
            eat(&c.name);
            c.labels.iter().for_each(|l| eat(l));
        }
    }
    format!("{:08x}", hash >> 32)
}

pub use crate::schema::languages::untranslated_respondents;

#[cfg(test)]
mod tests;
