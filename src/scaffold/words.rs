//! The words of the files `fieldbook new` writes (the comments that say what each field takes,
//! the notes above the indicators, criteria, research questions and screening) and of what
//! `fieldbook init` says when it is done, in the site's language: one table per language,
//! English for any other. The labels and descriptions of fields, indicators, criteria,
//! questions and sections come from the schema, localized.
//!
//! French keeps an ordinary space before `:` here, as in the starter site's files: these words
//! are read in a terminal or an editor, where a narrow no-break space may not show.

use crate::model::ContentType;
use crate::text::fill;

/// What `new` writes around the schema's labels, and what `init` says at the end.
#[derive(Debug)]
pub struct Words {
    /// The language code.
    pub language: &'static str,
    /// The header's opening, by content type (in [`ContentType::ALL`]'s order): "A new
    /// community profile".
    pub new_kind: [&'static str; 5],
    /// The rest of the header comment, after the opening: the lines go on with `# `.
    pub header: &'static str,
    /// Between a label and what follows it in a comment ("Age distribution: shares…"); YAML's
    /// own `key: value` keeps `: `.
    pub colon: &'static str,
    /// The pages a field of references names, by content type, for `{of}` in `page_ids`.
    pub kind_plural: [&'static str; 5],
    /// Hints for a field left commented out, by kind.
    pub text: &'static str,
    /// A date's form.
    pub date: &'static str,
    /// A whole number.
    pub whole_number: &'static str,
    /// A number, whole or with decimals.
    pub number: &'static str,
    /// Yes or no (the values stay `yes` and `no`).
    pub yes_no: &'static str,
    /// A list's form.
    pub list: &'static str,
    /// A link.
    pub url: &'static str,
    /// A point.
    pub location: &'static str,
    /// A reference to one page.
    pub page_id: &'static str,
    /// References to pages; `{of}` is from `kind_plural`.
    pub page_ids: &'static str,
    /// After the label of a sensitive field.
    pub never_published: &'static str,
    /// An indicator that is a number; `{unit}` is its unit.
    pub number_in: &'static str,
    /// An indicator that is a number with no unit in the schema.
    pub number_no_unit: &'static str,
    /// An indicator that is a percentage.
    pub percentage: &'static str,
    /// A rating with labelled ends: `{min}`, `{low}`, `{max}`, `{high}`.
    pub rating_labelled: &'static str,
    /// A rating: `{min}`, `{max}`.
    pub rating_range: &'static str,
    /// A rating with no scale.
    pub rating: &'static str,
    /// A distribution of named parts: `{parts}`.
    pub shares_of: &'static str,
    /// A distribution with parts of the author's choosing.
    pub shares: &'static str,
    /// A list indicator.
    pub list_such_as: &'static str,
    /// After an indicator's hint: the dimensions it may be broken down by, `{dimensions}`.
    pub by: &'static str,
    /// After a sensitive indicator's hint.
    pub sensitive: &'static str,
    /// The lines above the indicators, each starting with `  # `.
    pub indicators_intro: &'static str,
    /// Above the criteria: `{statuses}`.
    pub criteria_intro: &'static str,
    /// Above the research questions.
    pub research_intro: &'static str,
    /// After a research area: `{methods}`.
    pub suggested: &'static str,
    /// Above the screening criteria.
    pub screening_intro: &'static str,
    /// The screening criteria for a project.
    pub benefits: &'static str,
    /// The screening criteria against a project.
    pub drawbacks: &'static str,
    /// The body of a page with no sections.
    pub write_here: &'static str,
    /// The comment at the top of a translation `translate` starts, a line each (`{original}` is
    /// the original's file name).
    pub translation: &'static str,
    /// `init`'s line for each file it created (`{path}`), padded so that the paths line up
    /// with those of `kept`.
    pub created: &'static str,
    /// `init`'s line for each file it found already there and left as it was (`{path}`).
    pub kept: &'static str,
    /// `init`'s last words: files created, by CLDR plural category (`{n}`, `{dir}`).
    pub files_created: &'static [(&'static str, &'static str)],
    /// After `fieldbook build`, what to open.
    pub then_open: &'static str,
    /// The next command to try.
    pub new_example: &'static str,
    /// Where the authors' guide is.
    pub authoring: &'static str,
}

impl Words {
    /// The opening of a new file's header for `content_type`.
    pub fn new_kind(&self, content_type: ContentType) -> &'static str {
        self.new_kind[kind_index(content_type)]
    }

    /// The pages of `content_type`, as a reference field names them.
    pub fn kind_plural(&self, content_type: ContentType) -> &'static str {
        self.kind_plural[kind_index(content_type)]
    }

    /// `init`'s line for the file at `path`: created, or kept as it was.
    pub fn init_file(&self, path: &str, created: bool) -> String {
        fill(if created { self.created } else { self.kept }, &[("path", path)])
    }

    /// What `init` says when it has created `n` files in `dir`, and what to do next; `go` is
    /// the `cd` to write before the first command, if any.
    pub fn init_done(&self, n: usize, dir: &str, go: &str) -> String {
        let locale = crate::locale::Locale::from_wording(self.language, Default::default(), true);
        let category = locale.category(n as u64);
        let forms = self.files_created;
        let line = forms.iter().find(|(c, _)| *c == category).or_else(|| forms.iter().find(|(c, _)| *c == "other"));
        let line = line.map_or("", |(_, text)| text).replace("{n}", &n.to_string()).replace("{dir}", dir);
        format!("\n{line}\n  {go}fieldbook build      # {}\n  {}\n{}", self.then_open, self.new_example, self.authoring)
    }
}

fn kind_index(content_type: ContentType) -> usize {
    ContentType::ALL.iter().position(|&t| t == content_type).unwrap_or(0)
}

const TABLE: [Words; 4] = [
    Words {
        language: "en",
        colon: ": ",
        new_kind: ["A new community profile", "A new case study", "A new project", "A new guidance page", "A new page"],
        header: ", a draft until `status: published`.\n# Fill in what you know: `fieldbook check` says what is missing or wrong, and\n# `fieldbook schema --reference` explains every field.",
        kind_plural: ["community", "case-study", "project", "guidance", "page"],
        text: "text",
        date: "YYYY-MM-DD",
        whole_number: "a whole number",
        number: "a number, such as 1.25",
        yes_no: "yes or no",
        list: "[one, two]",
        url: "https://... or a file in content/",
        location: "{ lat: …, lon: … } in decimal degrees",
        page_id: "the id of a page",
        page_ids: "[ids of {of} pages]",
        never_published: ", never published",
        number_in: "a number, in {unit}",
        number_no_unit: "a number, in a unit you give with `unit:`",
        percentage: "a percentage, 0 to 100",
        rating_labelled: "a rating from {min} ({low}) to {max} ({high})",
        rating_range: "a rating from {min} to {max}",
        rating: "a rating",
        shares_of: "shares summing to 100 of {parts}",
        shares: "shares summing to 100, such as { group-a: 60, group-b: 40 }",
        list_such_as: "a list, such as [one, two]",
        by: "; by {dimensions}",
        sensitive: "; sensitive: internal build only",
        indicators_intro: "  # Uncomment an indicator and give its value, or `unknown` if it was looked for and could not\n  # be established. With its evidence: `access-to-services: { value: 61, source: Household\n  # survey 2026, method: individual-survey, n: 212 }` (Fieldbook's guide, page\n  # \"Reference\", \"Indicator entries\"; `fieldbook schema --reference` prints it).\n",
        criteria_intro: "  # Each criterion: {statuses}, with the evidence for it.",
        research_intro: "#   The research questions the assessment answered, each with its method or methods:",
        suggested: "(suggested: {methods})",
        screening_intro: "#   The Table 3.2 criteria that apply, each with a short note (or yes):",
        benefits: "BENEFITS",
        drawbacks: "DRAWBACKS",
        write_here: "Write the page here, in markdown.",
        translation: "Translation of {original}: translate the title, the summary and the text.\nFigures, dates and lists come from the original: leave them out here (`fieldbook check`\nreports one that differs). Set `status: published` once the translation is reviewed.",
        created: "created {path}",
        kept: "kept    {path} (it exists)",
        files_created: &[("one", "{n} file created in {dir}. Next:"), ("other", "{n} files created in {dir}. Next:")],
        then_open: "then open site/index.html",
        new_example: "fieldbook new community \"Name\" --country ... --by ...",
        authoring: "AUTHORING.md is the guide for the site's authors.",
    },
    Words {
        language: "fr",
        colon: " : ",
        new_kind: [
            "Nouveau profil communautaire",
            "Nouvelle étude de cas",
            "Nouveau projet",
            "Nouvelle page d'orientation",
            "Nouvelle page",
        ],
        header: ", en brouillon jusqu'à `status: published`.\n# Remplissez ce que vous savez : `fieldbook check` signale ce qui manque ou ne va pas, et\n# `fieldbook schema --reference` explique chaque champ.",
        kind_plural: ["profils communautaires", "études de cas", "projets", "pages d'orientation", "pages"],
        text: "texte",
        date: "AAAA-MM-JJ",
        whole_number: "un nombre entier",
        number: "un nombre, comme 1.25",
        yes_no: "yes ou no",
        list: "[un, deux]",
        url: "https://... ou un fichier de content/",
        location: "{ lat: …, lon: … } en degrés décimaux",
        page_id: "l'identifiant d'une page",
        page_ids: "[identifiants de {of}]",
        never_published: ", jamais publié",
        number_in: "un nombre, en {unit}",
        number_no_unit: "un nombre, dans une unité à indiquer avec `unit:`",
        percentage: "un pourcentage, de 0 à 100",
        rating_labelled: "une note de {min} ({low}) à {max} ({high})",
        rating_range: "une note de {min} à {max}",
        rating: "une note",
        shares_of: "des parts dont la somme fait 100, pour {parts}",
        shares: "des parts dont la somme fait 100, par exemple { groupe-a: 60, groupe-b: 40 }",
        list_such_as: "une liste, par exemple [un, deux]",
        by: " ; ventilé par {dimensions}",
        sensitive: " ; sensible : version interne uniquement",
        indicators_intro: "  # Décommentez un indicateur et donnez sa valeur, ou `unknown` s'il a été recherché sans pouvoir\n  # être établi. Avec ses sources : `access-to-services: { value: 61, source: Enquête auprès\n  # des ménages 2026, method: individual-survey, n: 212 }` (guide de Fieldbook, page\n  # « Reference », « Indicator entries » ; `fieldbook schema --reference` l'affiche).\n",
        criteria_intro: "  # Chaque critère : {statuses}, avec les éléments probants.",
        research_intro: "#   Les questions de recherche traitées par l'évaluation, chacune avec sa ou ses méthodes :",
        suggested: "(méthodes proposées : {methods})",
        screening_intro: "#   Les critères du tableau 3.2 qui s'appliquent, chacun avec une courte note (ou yes) :",
        benefits: "POINTS FORTS",
        drawbacks: "POINTS FAIBLES",
        write_here: "Rédigez la page ici, en markdown.",
        translation: "Traduction de {original} : traduisez le titre, le résumé et le texte.\nLes chiffres, dates et listes viennent de l'original : ne les répétez pas ici (`fieldbook check`\nsignale ceux qui diffèrent). Passez à `status: published` une fois la traduction relue.",
        created: "créé     {path}",
        kept: "conservé {path} (il existe déjà)",
        files_created: &[
            ("one", "{n} fichier créé dans {dir}. Pour la suite :"),
            ("other", "{n} fichiers créés dans {dir}. Pour la suite :"),
        ],
        then_open: "puis ouvrez site/index.html",
        new_example: "fieldbook new community \"Nom\" --country ... --by ...",
        authoring: "AUTHORING.md est le guide des rédacteurs du site.",
    },
    Words {
        language: "es",
        colon: ": ",
        new_kind: [
            "Nuevo perfil comunitario",
            "Nuevo estudio de caso",
            "Nuevo proyecto",
            "Nueva página de orientación",
            "Nueva página",
        ],
        header: ", en borrador hasta `status: published`.\n# Complete lo que sepa: `fieldbook check` indica lo que falta o está mal, y\n# `fieldbook schema --reference` explica cada campo.",
        kind_plural: ["perfiles comunitarios", "estudios de caso", "proyectos", "páginas de orientación", "páginas"],
        text: "texto",
        date: "AAAA-MM-DD",
        whole_number: "un número entero",
        number: "un número, como 1.25",
        yes_no: "yes o no",
        list: "[uno, dos]",
        url: "https://... o un archivo de content/",
        location: "{ lat: …, lon: … } en grados decimales",
        page_id: "el identificador de una página",
        page_ids: "[identificadores de {of}]",
        never_published: ", nunca se publica",
        number_in: "un número, en {unit}",
        number_no_unit: "un número, en la unidad que indique con `unit:`",
        percentage: "un porcentaje, de 0 a 100",
        rating_labelled: "una valoración de {min} ({low}) a {max} ({high})",
        rating_range: "una valoración de {min} a {max}",
        rating: "una valoración",
        shares_of: "proporciones que suman 100, de {parts}",
        shares: "proporciones que suman 100, por ejemplo { grupo-a: 60, grupo-b: 40 }",
        list_such_as: "una lista, por ejemplo [uno, dos]",
        by: "; desglosado por {dimensions}",
        sensitive: "; sensible: solo en la versión interna",
        indicators_intro: "  # Descomente un indicador y dé su valor, o `unknown` si se buscó y no se pudo establecer.\n  # Con su evidencia: `access-to-services: { value: 61, source: Encuesta de hogares 2026,\n  # method: individual-survey, n: 212 }` (guía de Fieldbook, página \"Reference\",\n  # \"Indicator entries\"; `fieldbook schema --reference` la muestra).\n",
        criteria_intro: "  # Cada criterio: {statuses}, con la evidencia que lo respalda.",
        research_intro: "#   Las preguntas de investigación que respondió la evaluación, cada una con su método o métodos:",
        suggested: "(métodos sugeridos: {methods})",
        screening_intro: "#   Los criterios de la tabla 3.2 que se aplican, cada uno con una nota breve (o yes):",
        benefits: "PUNTOS A FAVOR",
        drawbacks: "INCONVENIENTES",
        write_here: "Escriba aquí la página, en markdown.",
        translation: "Traducción de {original}: traduzca el título, el resumen y el texto.\nLas cifras, fechas y listas vienen del original: no las repita aquí (`fieldbook check`\nseñala las que difieran). Cambie a `status: published` cuando la traducción esté revisada.",
        created: "creado     {path}",
        kept: "conservado {path} (ya existe)",
        files_created: &[
            ("one", "{n} archivo creado en {dir}. A continuación:"),
            ("other", "{n} archivos creados en {dir}. A continuación:"),
        ],
        then_open: "luego abra site/index.html",
        new_example: "fieldbook new community \"Nombre\" --country ... --by ...",
        authoring: "AUTHORING.md es la guía para quienes escriben en el sitio.",
    },
    Words {
        language: "ar",
        colon: ": ",
        new_kind: ["ملمح مجتمعي جديد", "دراسة حالة جديدة", "مشروع جديد", "صفحة إرشادات جديدة", "صفحة جديدة"],
        header: "، في حالة مسودة حتى `status: published`.\n# املأ ما تعرفه: يبيّن `fieldbook check` ما ينقص وما هو خاطئ، ويشرح\n# `fieldbook schema --reference` كل حقل.",
        kind_plural: ["ملامح مجتمعية", "دراسات حالة", "مشاريع", "صفحات إرشادات", "صفحات"],
        text: "نص",
        date: "YYYY-MM-DD",
        whole_number: "عدد صحيح",
        number: "عدد، مثل 1.25",
        yes_no: "yes أو no",
        list: "[عنصر, عنصر]",
        url: "https://... أو ملف في content/",
        location: "{ lat: …, lon: … } بالدرجات العشرية",
        page_id: "معرّف صفحة",
        page_ids: "[معرّفات {of}]",
        never_published: "، لا يُنشر أبدًا",
        number_in: "عدد، بوحدة {unit}",
        number_no_unit: "عدد، بوحدة تحدّدها في `unit:`",
        percentage: "نسبة مئوية من 0 إلى 100",
        rating_labelled: "تقدير من {min} ({low}) إلى {max} ({high})",
        rating_range: "تقدير من {min} إلى {max}",
        rating: "تقدير",
        shares_of: "حصص مجموعها 100، موزّعة على {parts}",
        shares: "حصص مجموعها 100، مثل { group-a: 60, group-b: 40 }",
        list_such_as: "قائمة، مثل [عنصر, عنصر]",
        by: "؛ مصنّف حسب {dimensions}",
        sensitive: "؛ حساس: في النسخة الداخلية فقط",
        indicators_intro: "  # أزل علامة التعليق عن مؤشر وأعطه قيمته، أو `unknown` إذا بُحث عنه ولم يمكن التحقق منه.\n  # ومع أدلته: `access-to-services: { value: 61, source: مسح الأسر 2026, method: individual-survey, n: 212 }`\n  # (دليل Fieldbook، صفحة \"Reference\"، فقرة \"Indicator entries\"؛ ويعرضه `fieldbook schema --reference`).\n",
        criteria_intro: "  # لكل معيار: {statuses}، مع الأدلة عليه.",
        research_intro: "#   أسئلة البحث التي أجاب عنها التقييم، ولكل سؤال طريقته أو طرقه:",
        suggested: "(الطرق المقترحة: {methods})",
        screening_intro: "#   معايير الجدول 3.2 التي تنطبق، ولكل منها ملاحظة قصيرة (أو yes):",
        benefits: "نقاط القوة",
        drawbacks: "نقاط الضعف",
        write_here: "اكتب الصفحة هنا بصيغة markdown.",
        translation: "ترجمة {original}: ترجِم العنوان والملخص والنص.\nالأرقام والتواريخ والقوائم مأخوذة من الأصل: لا تكرّرها هنا (ينبّه `fieldbook check`\nإلى ما يختلف منها). غيِّر الحالة إلى `status: published` بعد مراجعة الترجمة.",
        created: "أُنشئ {path}",
        kept: "أُبقي {path} كما هو (موجود من قبل)",
        files_created: &[
            ("zero", "لم يُنشأ أي ملف في {dir}. الخطوات التالية:"),
            ("one", "أُنشئ ملف واحد في {dir}. الخطوات التالية:"),
            ("two", "أُنشئ ملفان في {dir}. الخطوات التالية:"),
            ("few", "أُنشئت {n} ملفات في {dir}. الخطوات التالية:"),
            ("many", "أُنشئ {n} ملفًا في {dir}. الخطوات التالية:"),
            ("other", "أُنشئ {n} ملف في {dir}. الخطوات التالية:"),
        ],
        then_open: "ثم افتح site/index.html",
        new_example: "fieldbook new community \"الاسم\" --country ... --by ...",
        authoring: "AUTHORING.md هو دليل كتّاب الموقع.",
    },
];

/// The words in `language` (`fr`, or `fr` for `fr-SN`), or in English.
pub fn words(language: &str) -> &'static Words {
    let base = crate::locale::primary(language);
    TABLE.iter().find(|w| w.language == base).unwrap_or(&TABLE[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_fills_every_placeholder_english_does() {
        let english = words("en");
        for w in &TABLE {
            let pairs = [
                (english.page_ids, w.page_ids),
                (english.number_in, w.number_in),
                (english.rating_labelled, w.rating_labelled),
                (english.rating_range, w.rating_range),
                (english.shares_of, w.shares_of),
                (english.by, w.by),
                (english.criteria_intro, w.criteria_intro),
                (english.suggested, w.suggested),
            ];
            for (en, other) in pairs {
                for name in en.split('{').skip(1).filter_map(|p| p.split_once('}').map(|(n, _)| n)) {
                    if !name.contains(' ') && !name.contains(':') {
                        assert!(other.contains(&format!("{{{name}}}")), "{}: `{other}` lacks {{{name}}}", w.language);
                    }
                }
            }
            assert!(w.indicators_intro.lines().all(|l| l.starts_with("  # ")), "{}", w.language);
            assert!(w.header.lines().skip(1).all(|l| l.starts_with("# ")), "{}", w.language);
            assert!(w.files_created.iter().any(|(c, _)| *c == "other"), "{}", w.language);
        }
    }

    #[test]
    fn init_counts_its_files_in_the_sites_language() {
        assert!(words("en").init_done(16, "nf", "cd nf && ").starts_with("\n16 files created in nf. Next:\n"));
        assert!(words("fr-SN").init_done(1, "nf", "").starts_with("\n1 fichier créé dans nf."));
        assert!(words("es").init_done(16, "nf", "").contains("16 archivos creados en nf"));
        assert!(words("ar").init_done(16, "nf", "").contains("أُنشئ 16 ملفًا في nf"));
        assert!(words("ar").init_done(3, "nf", "").contains("أُنشئت 3 ملفات في nf"));
        assert_eq!(words("pt").language, "en");
    }

    #[test]
    fn init_names_each_file_in_the_sites_language_with_the_paths_lined_up() {
        assert_eq!(words("en").init_file("schema.toml", true), "created schema.toml");
        assert_eq!(words("en").init_file("schema.toml", false), "kept    schema.toml (it exists)");
        assert_eq!(words("fr").init_file("schema.toml", true), "créé     schema.toml");
        assert_eq!(words("es").init_file("schema.toml", false), "conservado schema.toml (ya existe)");
        assert!(words("ar").init_file("schema.toml", true).contains("schema.toml"));
        // In the languages written left to right, a kept path starts where a created one does.
        for language in ["en", "fr", "es"] {
            let w = words(language);
            let (created, kept) = (w.init_file("x", true), w.init_file("x", false));
            assert_eq!(created.chars().position(|c| c == 'x'), kept.chars().position(|c| c == 'x'), "{language}");
        }
    }
}
