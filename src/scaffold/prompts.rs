//! The words `fieldbook new` and `fieldbook translate` say on the terminal, in the site's
//! language: the questions for required values, what was created, and every refusal. One
//! small table per language, English for any other.

use crate::schema::Term;

/// What `new` and `translate` say. Field labels and descriptions come from the schema.
#[derive(Debug)]
pub struct Prompts {
    /// The language code.
    pub language: &'static str,
    /// Before the ids a value may take ("one of:").
    pub one_of: &'static str,
    /// Before the options that would have given the missing values.
    pub nothing_created: &'static str,
    /// Between two options in that list.
    pub and: &'static str,
    /// After the file is written; `{path}` is its path, `{status}` the status it was given.
    pub created: &'static str,
    /// Between a question's label and its description (French spaces the colon).
    pub colon: &'static str,
    /// Under the question for a list (organizations): how to give several.
    pub several: &'static str,
    /// Why nothing was written: one sentence each, `{name}` for what it names.
    pub refuse: Refusals,
}

/// Why `new` or `translate` wrote nothing, a sentence each. Ids, options, file names and
/// field names (`{…}` and what is in backticks) stay as the author types them.
#[derive(Debug)]
pub struct Refusals {
    /// `--set` without `=`: `{set}`.
    pub set_form: &'static str,
    /// A title with nothing to make a file name of: `{title}`.
    pub no_slug: &'static str,
    /// A title (or `--slug`), `{title}`, whose file name, `{name}`, Windows keeps for a device.
    pub reserved_name: &'static str,
    /// A title (or `--slug`), `{title}`, whose page, `{page}`, Fieldbook writes itself (a
    /// section's list: `communities/index.html`, `communities/page-2.html`).
    pub own_page: &'static str,
    /// The file `new` would write exists: `{path}`.
    pub exists_new: &'static str,
    /// The file exists (found as it was being written): `{path}`.
    pub exists: &'static str,
    /// `init` in `{dir}`, inside the `{folder}/` folder of the site at `{site}`.
    pub inside_site: &'static str,
    /// Before the errors `check` would report in the new file.
    pub would_not_pass: &'static str,
    /// A value refused: `{field}` and why, `{why}` (one of the sentences below).
    pub bad_value: &'static str,
    /// A line break in a value given on one line.
    pub line_break: &'static str,
    /// Another control character in a value: `{code}`, as `001B`.
    pub control: &'static str,
    /// Not a date: `{value}`.
    pub not_a_date: &'static str,
    /// Not a whole number: `{value}`.
    pub not_a_whole_number: &'static str,
    /// Not a number: `{value}`.
    pub not_a_number: &'static str,
    /// Not yes or no: `{value}`.
    pub not_yes_no: &'static str,
    /// Not a point: `{value}`.
    pub not_a_location: &'static str,
    /// A point off the globe: `{value}`.
    pub location_range: &'static str,
    /// An id not in the schema's list: `{value}`, and the ids, `{ids}`.
    pub unknown_id: &'static str,
    /// The same, with the nearest id, `{near}`.
    pub unknown_id_near: &'static str,
    /// A reference to a page that does not exist: `{value}` in the folder `{folder}` (`{kind}`
    /// is the content type's id, `community`).
    pub no_such_page: &'static str,
    /// The same, with the nearest page's id, `{near}`.
    pub no_such_page_near: &'static str,
    /// A field the content type does not have: `{name}`, and its fields, `{fields}`;
    /// `{kind}` is the type in English ("A community profile"), `{kinds}` in `Words::kind_plural`.
    pub no_field: &'static str,
    /// The same, with the nearest field, `{near}`.
    pub no_field_near: &'static str,
    /// `translate`: `{kind}:` is no content type; `{kinds}` are the ids.
    pub no_kind: &'static str,
    /// `translate`: `{page}` is outside content/.
    pub outside_content: &'static str,
    /// `translate`: no page at `{path}`.
    pub no_page: &'static str,
    /// `translate`: `{path}` is itself the `{language}` translation of `{original}`.
    pub is_translation: &'static str,
    /// `translate` on a site in one language, `{site}`, into `{language}`.
    pub one_language: &'static str,
    /// `translate` into the site's own language, `{language}`; `{others}` are its other languages.
    pub own_language: &'static str,
    /// `translate` into the site's own language, `{language}` (`{site}`), on a site in that one
    /// language; `{example}` is another language to list.
    pub own_language_only: &'static str,
    /// `translate` into a language the site does not publish, `{language}`.
    pub not_a_language: &'static str,
    /// `translate`: the original, `{path}`, cannot be read (its errors follow).
    pub unreadable: &'static str,
    /// `translate`: the original, `{name}`, is in `{language}` already.
    pub already_in: &'static str,
}

impl Prompts {
    /// The question for field `name`: its label and description (`term`, from the schema
    /// localized to the site's language) around the field's name.
    pub fn question(&self, term: &Term, name: &str) -> String {
        format!("{} ({name}){}{}", term.label, self.colon, term.description)
    }

    /// What to say once a file is written at `path`, with the status it was given.
    pub fn created(&self, path: &str, status: &str) -> String {
        Self::fill(self.created, &[("path", path), ("status", status)])
    }

    /// `template` with each `{name}` of `values` replaced, in one pass: text put in (a title,
    /// a path) is never read again for placeholders ([`crate::text::fill`]).
    pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
        crate::text::fill(template, values)
    }

    /// The values of an answer to a list question: `Caritas Dakar, GIE Jappo` (or with `;`)
    /// is two organizations, as the question says.
    pub fn list_answer(answer: &str) -> Vec<String> {
        answer.split([',', ';', '،']).map(str::trim).filter(|v| !v.is_empty()).map(str::to_string).collect()
    }
}

const TABLE: [Prompts; 4] = [
    Prompts {
        language: "en",
        one_of: "one of:",
        nothing_created: "nothing was created: give",
        and: " and ",
        created: "created {path} (status: {status}). Fill it in, then run `fieldbook check`.",
        colon: ": ",
        several: "several: separate them with commas",
        refuse: Refusals {
            set_form: "`--set {set}` needs the form FIELD=VALUE, such as --set population=12000",
            no_slug: "`{title}` has no letters or digits to make a file name from; give one with --slug",
            reserved_name: "`{title}` would make the file `{name}`, a name Windows keeps for a device (the site could not be unzipped there); give another with --slug",
            own_page: "`{title}` would make the page `{page}`, which Fieldbook writes itself (the list of the section); give another file name with --slug",
            exists_new: "`{path}` already exists; give another title, or choose the file name with --slug",
            exists: "`{path}` already exists; it was left as it was",
            inside_site: "`{dir}` is inside the {folder}/ folder of the site at `{site}`, whose build would publish it; create the new site outside it",
            would_not_pass: "the new file would not pass `fieldbook check`, so it was not written:",
            bad_value: "`{field}`: {why}",
            line_break: "the value holds a line break; give it on one line",
            control: "the value holds the invisible control character U+{code}; remove it",
            not_a_date: "`{value}` is not a date: write a day that exists, as YYYY-MM-DD",
            not_a_whole_number: "`{value}` is not a whole number",
            not_a_number: "`{value}` is not a number: write it with a decimal point and no thousands separator, as `1250000` or `1.25`",
            not_yes_no: "`{value}` is not yes or no",
            not_a_location: "`{value}` is not a location: give latitude and longitude in decimal degrees, as `35.78,-5.81`",
            location_range: "`{value}`: latitude must be -90 to 90 and longitude -180 to 180",
            unknown_id: "unknown id `{value}`; use one of: {ids}",
            unknown_id_near: "unknown id `{value}`; did you mean `{near}`?",
            no_such_page: "there is no {kind} `{value}` in {folder}",
            no_such_page_near: "there is no {kind} `{value}` in {folder}; did you mean `{near}`?",
            no_field: "{kind} has no field `{name}`; its fields are: {fields}",
            no_field_near: "{kind} has no field `{name}`; did you mean `{near}`?",
            no_kind: "`{kind}:` names no kind of page; use one of {kinds}",
            outside_content: "`{page}` is not a page in content/; name one inside it",
            no_page: "there is no page `{path}`; name the original's file (content/communities/ain-lmaati.md) or its id (community:ain-lmaati)",
            is_translation: "`{path}` is the `{language}` translation of `{original}`; translate the original",
            one_language: "the site publishes only `{site}`; list its languages first, such as `languages = [\"{site}\", \"{language}\"]` in fieldbook.toml",
            own_language: "`{language}` is the site's own language, the original's; translate into {others}",
            own_language_only: "`{language}` is the site's own language, the original's: a translation goes into another language, which the site must list first, such as `languages = [\"{site}\", \"{example}\"]` in fieldbook.toml",
            not_a_language: "`{language}` is not one of the site's languages; translate into {others}, or add it to `languages` in fieldbook.toml",
            unreadable: "`{path}` cannot be read, so it cannot be translated yet:",
            already_in: "`{name}` is written in `{language}` already; translate it into another language",
        },
    },
    Prompts {
        language: "fr",
        one_of: "l'une des valeurs :",
        nothing_created: "aucun fichier n'a été créé : indiquez",
        and: " et ",
        created: "{path} créé (status: {status}). Complétez-le, puis lancez `fieldbook check`.",
        colon: " : ",
        several: "plusieurs : séparez-les par des virgules",
        refuse: Refusals {
            set_form: "`--set {set}` doit avoir la forme CHAMP=VALEUR, par exemple --set population=12000",
            no_slug: "`{title}` ne contient ni lettre ni chiffre dont faire un nom de fichier ; indiquez-en un avec --slug",
            reserved_name: "`{title}` donnerait le fichier `{name}`, un nom que Windows réserve à un périphérique (le site ne pourrait pas y être décompressé) ; indiquez-en un autre avec --slug",
            own_page: "`{title}` donnerait la page `{page}`, que Fieldbook écrit lui-même (la liste de la rubrique) ; indiquez un autre nom de fichier avec --slug",
            exists_new: "`{path}` existe déjà ; donnez un autre titre, ou choisissez le nom du fichier avec --slug",
            exists: "`{path}` existe déjà ; il a été laissé tel quel",
            inside_site: "`{dir}` est dans le dossier {folder}/ du site de `{site}`, dont la construction le publierait ; créez le nouveau site en dehors",
            would_not_pass: "le nouveau fichier ne passerait pas `fieldbook check` ; il n'a donc pas été écrit :",
            bad_value: "`{field}` : {why}",
            line_break: "la valeur contient un saut de ligne ; donnez-la sur une seule ligne",
            control: "la valeur contient le caractère de contrôle invisible U+{code} ; supprimez-le",
            not_a_date: "`{value}` n'est pas une date : écrivez un jour qui existe, sous la forme AAAA-MM-JJ",
            not_a_whole_number: "`{value}` n'est pas un nombre entier",
            not_a_number: "`{value}` n'est pas un nombre : écrivez-le avec un point décimal et sans séparateur de milliers, comme `1250000` ou `1.25`",
            not_yes_no: "`{value}` n'est ni yes ni no",
            not_a_location: "`{value}` n'est pas un emplacement : donnez la latitude et la longitude en degrés décimaux, comme `35.78,-5.81`",
            location_range: "`{value}` : la latitude doit être comprise entre -90 et 90, et la longitude entre -180 et 180",
            unknown_id: "identifiant inconnu `{value}` ; utilisez l'un de ceux-ci : {ids}",
            unknown_id_near: "identifiant inconnu `{value}` ; vouliez-vous dire `{near}` ?",
            no_such_page: "il n'y a pas de page `{value}` dans {folder}",
            no_such_page_near: "il n'y a pas de page `{value}` dans {folder} ; vouliez-vous dire `{near}` ?",
            no_field: "le champ `{name}` n'existe pas pour les {kinds} ; leurs champs sont : {fields}",
            no_field_near: "le champ `{name}` n'existe pas pour les {kinds} ; vouliez-vous dire `{near}` ?",
            no_kind: "`{kind}:` ne désigne aucun type de page ; utilisez l'un de ceux-ci : {kinds}",
            outside_content: "`{page}` n'est pas une page de content/ ; indiquez une page qui s'y trouve",
            no_page: "il n'y a pas de page `{path}` ; indiquez le fichier de l'original (content/communities/ain-lmaati.md) ou son identifiant (community:ain-lmaati)",
            is_translation: "`{path}` est la traduction `{language}` de `{original}` ; traduisez l'original",
            one_language: "le site ne publie qu'en `{site}` ; indiquez d'abord ses langues, par exemple `languages = [\"{site}\", \"{language}\"]` dans fieldbook.toml",
            own_language: "`{language}` est la langue du site, celle de l'original ; traduisez dans l'une de ses autres langues : {others}",
            own_language_only: "`{language}` est la langue du site, celle de l'original : une traduction se fait dans une autre langue, que le site doit d'abord indiquer, par exemple `languages = [\"{site}\", \"{example}\"]` dans fieldbook.toml",
            not_a_language: "`{language}` n'est pas l'une des langues du site (ses autres langues : {others}) ; traduisez dans l'une d'elles, ou ajoutez `{language}` à `languages` dans fieldbook.toml",
            unreadable: "`{path}` ne peut pas être lu ; il ne peut donc pas encore être traduit :",
            already_in: "`{name}` est déjà écrit en `{language}` ; traduisez-le dans une autre langue",
        },
    },
    Prompts {
        language: "es",
        one_of: "uno de:",
        nothing_created: "no se creó nada: indique",
        and: " y ",
        created: "se creó {path} (status: {status}). Complételo y luego ejecute `fieldbook check`.",
        colon: ": ",
        several: "varios: sepárelos con comas",
        refuse: Refusals {
            set_form: "`--set {set}` debe tener la forma CAMPO=VALOR, por ejemplo --set population=12000",
            no_slug: "`{title}` no tiene letras ni cifras con las que formar un nombre de archivo; indique uno con --slug",
            reserved_name: "`{title}` daría el archivo `{name}`, un nombre que Windows reserva a un dispositivo (el sitio no podría descomprimirse allí); indique otro con --slug",
            own_page: "`{title}` daría la página `{page}`, que Fieldbook escribe él mismo (la lista de la sección); indique otro nombre de archivo con --slug",
            exists_new: "`{path}` ya existe; dé otro título o elija el nombre del archivo con --slug",
            exists: "`{path}` ya existe; se dejó como estaba",
            inside_site: "`{dir}` está dentro de la carpeta {folder}/ del sitio de `{site}`, cuya construcción lo publicaría; cree el nuevo sitio fuera de ella",
            would_not_pass: "el nuevo archivo no pasaría `fieldbook check`, así que no se escribió:",
            bad_value: "`{field}`: {why}",
            line_break: "el valor contiene un salto de línea; escríbalo en una sola línea",
            control: "el valor contiene el carácter de control invisible U+{code}; elimínelo",
            not_a_date: "`{value}` no es una fecha: escriba un día que exista, en la forma AAAA-MM-DD",
            not_a_whole_number: "`{value}` no es un número entero",
            not_a_number: "`{value}` no es un número: escríbalo con punto decimal y sin separador de miles, como `1250000` o `1.25`",
            not_yes_no: "`{value}` no es yes ni no",
            not_a_location: "`{value}` no es una ubicación: indique la latitud y la longitud en grados decimales, como `35.78,-5.81`",
            location_range: "`{value}`: la latitud debe estar entre -90 y 90, y la longitud entre -180 y 180",
            unknown_id: "identificador desconocido `{value}`; use uno de estos: {ids}",
            unknown_id_near: "identificador desconocido `{value}`; ¿quiso decir `{near}`?",
            no_such_page: "no hay ninguna página `{value}` en {folder}",
            no_such_page_near: "no hay ninguna página `{value}` en {folder}; ¿quiso decir `{near}`?",
            no_field: "el campo `{name}` no existe en este tipo de página ({kinds}); sus campos son: {fields}",
            no_field_near: "el campo `{name}` no existe en este tipo de página ({kinds}); ¿quiso decir `{near}`?",
            no_kind: "`{kind}:` no designa ningún tipo de página; use uno de estos: {kinds}",
            outside_content: "`{page}` no es una página de content/; indique una que esté dentro",
            no_page: "no hay ninguna página `{path}`; indique el archivo del original (content/communities/ain-lmaati.md) o su identificador (community:ain-lmaati)",
            is_translation: "`{path}` es la traducción `{language}` de `{original}`; traduzca el original",
            one_language: "el sitio solo publica en `{site}`; indique primero sus idiomas, por ejemplo `languages = [\"{site}\", \"{language}\"]` en fieldbook.toml",
            own_language: "`{language}` es el idioma del propio sitio, el del original; traduzca a uno de sus otros idiomas: {others}",
            own_language_only: "`{language}` es el idioma del propio sitio, el del original: una traducción se hace a otro idioma, que el sitio debe indicar antes, por ejemplo `languages = [\"{site}\", \"{example}\"]` en fieldbook.toml",
            not_a_language: "`{language}` no es uno de los idiomas del sitio (sus otros idiomas: {others}); traduzca a uno de ellos o añada `{language}` a `languages` en fieldbook.toml",
            unreadable: "`{path}` no se puede leer, así que todavía no se puede traducir:",
            already_in: "`{name}` ya está escrito en `{language}`; tradúzcalo a otro idioma",
        },
    },
    Prompts {
        language: "ar",
        one_of: "إحدى القيم:",
        nothing_created: "لم يُنشأ أي ملف: حدِّد",
        and: " و",
        created: "أُنشئ {path} (status: {status}). أكمِله، ثم شغِّل `fieldbook check`.",
        colon: ": ",
        several: "لأكثر من واحد: افصل بينها بفواصل",
        refuse: Refusals {
            set_form: "يجب أن يكون `--set {set}` بالصيغة FIELD=VALUE، مثل --set population=12000",
            no_slug: "لا يحتوي `{title}` على حروف أو أرقام يُصنع منها اسم ملف؛ حدِّد اسمًا بالخيار --slug",
            reserved_name: "سيعطي `{title}` الملف `{name}`، وهو اسم يحجزه Windows لجهاز (فلا يمكن فك ضغط الموقع هناك)؛ حدِّد اسمًا آخر بالخيار --slug",
            own_page: "سيعطي `{title}` الصفحة `{page}`، التي يكتبها Fieldbook بنفسه (قائمة القسم)؛ حدِّد اسم ملف آخر بالخيار --slug",
            exists_new: "`{path}` موجود من قبل؛ اختر عنوانًا آخر، أو حدِّد اسم الملف بالخيار --slug",
            exists: "`{path}` موجود من قبل؛ تُرك كما هو",
            inside_site: "يقع `{dir}` داخل المجلد {folder}/ للموقع في `{site}`، وسيُنشر مع بنائه؛ أنشئ الموقع الجديد خارجه",
            would_not_pass: "لن يجتاز الملف الجديد `fieldbook check`، لذا لم يُكتب:",
            bad_value: "`{field}`: {why}",
            line_break: "تحتوي القيمة على فاصل أسطر؛ اكتبها في سطر واحد",
            control: "تحتوي القيمة على محرف التحكم غير المرئي U+{code}؛ احذفه",
            not_a_date: "`{value}` ليس تاريخًا: اكتب يومًا موجودًا بالصيغة YYYY-MM-DD",
            not_a_whole_number: "`{value}` ليس عددًا صحيحًا",
            not_a_number: "`{value}` ليس عددًا: اكتبه بنقطة عشرية ومن دون فاصل للآلاف، مثل `1250000` أو `1.25`",
            not_yes_no: "`{value}` ليس yes ولا no",
            not_a_location: "`{value}` ليس موقعًا: أعطِ خط العرض وخط الطول بالدرجات العشرية، مثل `35.78,-5.81`",
            location_range: "`{value}`: يجب أن يكون خط العرض من -90 إلى 90، وخط الطول من -180 إلى 180",
            unknown_id: "المعرّف `{value}` غير معروف؛ استخدم أحد هذه المعرّفات: {ids}",
            unknown_id_near: "المعرّف `{value}` غير معروف؛ هل تقصد `{near}`؟",
            no_such_page: "لا توجد صفحة `{value}` في {folder}",
            no_such_page_near: "لا توجد صفحة `{value}` في {folder}؛ هل تقصد `{near}`؟",
            no_field: "لا يوجد الحقل `{name}` في هذا النوع من الصفحات ({kinds})؛ حقوله هي: {fields}",
            no_field_near: "لا يوجد الحقل `{name}` في هذا النوع من الصفحات ({kinds})؛ هل تقصد `{near}`؟",
            no_kind: "`{kind}:` لا يدل على أي نوع من الصفحات؛ استخدم أحد هذه الأنواع: {kinds}",
            outside_content: "`{page}` ليست صفحة في content/؛ حدِّد صفحة داخله",
            no_page: "لا توجد صفحة `{path}`؛ حدِّد ملف الأصل (content/communities/ain-lmaati.md) أو معرّفه (community:ain-lmaati)",
            is_translation: "`{path}` هي الترجمة `{language}` للملف `{original}`؛ ترجِم الأصل",
            one_language: "لا ينشر الموقع إلا بلغة `{site}`؛ اذكر لغاته أولًا، مثل `languages = [\"{site}\", \"{language}\"]` في fieldbook.toml",
            own_language: "`{language}` هي لغة الموقع نفسه، لغة الأصل؛ ترجِم إلى إحدى لغاته الأخرى: {others}",
            own_language_only: "`{language}` هي لغة الموقع نفسه، لغة الأصل: تكون الترجمة إلى لغة أخرى يجب أن يذكرها الموقع أولًا، مثل `languages = [\"{site}\", \"{example}\"]` في fieldbook.toml",
            not_a_language: "`{language}` ليست من لغات الموقع (لغاته الأخرى: {others})؛ ترجِم إلى إحداها، أو أضف `{language}` إلى `languages` في fieldbook.toml",
            unreadable: "تتعذّر قراءة `{path}`، لذا لا يمكن ترجمته بعد:",
            already_in: "`{name}` مكتوب بلغة `{language}` أصلًا؛ ترجِمه إلى لغة أخرى",
        },
    },
];

/// The prompts in `language` (`fr`, or `fr` for `fr-SN` and `FR`), or in English: the same
/// reading of a language tag as the site's wording ([`crate::locale::primary`]).
pub fn prompts(language: &str) -> &'static Prompts {
    let base = crate::locale::primary(language);
    TABLE.iter().find(|p| p.language == base).unwrap_or(&TABLE[0])
}

#[cfg(test)]
mod tests {
    use super::{Prompts, Refusals, TABLE, prompts};

    #[test]
    fn the_prompts_come_in_the_sites_language_and_english_otherwise() {
        assert_eq!(prompts("fr").one_of, "l'une des valeurs :");
        assert_eq!(prompts("fr-SN").language, "fr");
        assert_eq!(prompts("FR_sn").language, "fr");
        assert!(prompts("es").nothing_created.starts_with("no se creó"));
        assert!(prompts("ar").created.contains("{path}"));
        assert_eq!(prompts("pt").language, "en");
        assert_eq!(prompts("en").one_of, "one of:");
        // French spaces the colon between a question's label and its description.
        assert_eq!(prompts("fr").colon, " : ");
        assert_eq!(prompts("es").colon, ": ");
        assert_eq!(Prompts::list_answer("Caritas Dakar, GIE Jappo ;Amal,"), ["Caritas Dakar", "GIE Jappo", "Amal"]);
        assert_eq!(Prompts::list_answer("جمعية الأمل، الهلال الأحمر"), ["جمعية الأمل", "الهلال الأحمر"]);
    }

    /// The `{names}` in `template`.
    fn placeholders(template: &str) -> Vec<&str> {
        template.split('{').skip(1).filter_map(|p| p.split_once('}').map(|(name, _)| name)).collect()
    }

    #[test]
    fn every_language_says_every_refusal_with_what_the_code_puts_in() {
        // Each refusal, the names the code fills in, and those every language must show.
        type Entry = (&'static str, fn(&Refusals) -> &'static str, &'static [&'static str], &'static [&'static str]);
        let entries: [Entry; 33] = [
            ("set_form", |r| r.set_form, &["set"], &["set"]),
            ("no_slug", |r| r.no_slug, &["title"], &["title"]),
            ("reserved_name", |r| r.reserved_name, &["title", "name"], &["title", "name"]),
            ("own_page", |r| r.own_page, &["title", "page"], &["title", "page"]),
            ("exists_new", |r| r.exists_new, &["path"], &["path"]),
            ("exists", |r| r.exists, &["path"], &["path"]),
            ("inside_site", |r| r.inside_site, &["dir", "folder", "site"], &["dir", "folder", "site"]),
            ("would_not_pass", |r| r.would_not_pass, &[], &[]),
            ("bad_value", |r| r.bad_value, &["field", "why"], &["field", "why"]),
            ("line_break", |r| r.line_break, &[], &[]),
            ("control", |r| r.control, &["code"], &["code"]),
            ("not_a_date", |r| r.not_a_date, &["value"], &["value"]),
            ("not_a_whole_number", |r| r.not_a_whole_number, &["value"], &["value"]),
            ("not_a_number", |r| r.not_a_number, &["value"], &["value"]),
            ("not_yes_no", |r| r.not_yes_no, &["value"], &["value"]),
            ("not_a_location", |r| r.not_a_location, &["value"], &["value"]),
            ("location_range", |r| r.location_range, &["value"], &["value"]),
            ("unknown_id", |r| r.unknown_id, &["value", "ids"], &["value", "ids"]),
            ("unknown_id_near", |r| r.unknown_id_near, &["value", "near"], &["value", "near"]),
            ("no_such_page", |r| r.no_such_page, &["value", "kind", "folder"], &["value", "folder"]),
            (
                "no_such_page_near",
                |r| r.no_such_page_near,
                &["value", "kind", "folder", "near"],
                &["value", "folder", "near"],
            ),
            ("no_field", |r| r.no_field, &["kind", "kinds", "name", "fields"], &["name", "fields"]),
            ("no_field_near", |r| r.no_field_near, &["kind", "kinds", "name", "near"], &["name", "near"]),
            ("no_kind", |r| r.no_kind, &["kind", "kinds"], &["kind", "kinds"]),
            ("outside_content", |r| r.outside_content, &["page"], &["page"]),
            ("no_page", |r| r.no_page, &["path"], &["path"]),
            (
                "is_translation",
                |r| r.is_translation,
                &["path", "language", "original"],
                &["path", "language", "original"],
            ),
            ("one_language", |r| r.one_language, &["site", "language"], &["site", "language"]),
            ("own_language", |r| r.own_language, &["language", "others"], &["language", "others"]),
            (
                "own_language_only",
                |r| r.own_language_only,
                &["language", "site", "example"],
                &["language", "site", "example"],
            ),
            ("not_a_language", |r| r.not_a_language, &["language", "others"], &["language", "others"]),
            ("unreadable", |r| r.unreadable, &["path"], &["path"]),
            ("already_in", |r| r.already_in, &["name", "language"], &["name", "language"]),
        ];
        for table in &TABLE {
            for (name, get, passed, required) in &entries {
                let template = get(&table.refuse);
                let used = placeholders(template);
                assert!(used.iter().all(|p| passed.contains(p)), "{} {name}: `{template}`", table.language);
                assert!(required.iter().all(|p| used.contains(p)), "{} {name}: `{template}`", table.language);
            }
            assert_eq!(placeholders(table.created), ["path", "status"], "{}", table.language);
        }
        // What is put in is not read again: a title may hold braces.
        assert_eq!(Prompts::fill("`{title}` in {path}", &[("title", "{path}"), ("path", "x")]), "`{path}` in x");
        assert_eq!(Prompts::fill("{a} {unknown} {", &[("a", "1")]), "1 {unknown} {");
        assert_eq!(
            prompts("fr").created("content/a.md", "published"),
            "content/a.md créé (status: published). Complétez-le, puis lancez `fieldbook check`."
        );
    }
}
