//! Every diagnostic code Fieldbook reports, with what it means and what to do: the one list
//! that `fieldbook explain` prints, that the guide's troubleshooting page is checked against,
//! and that every diagnostic is checked against (in debug builds, a diagnostic with a code missing here is a bug caught by the
//! tests). A test under `tests/` pins every code by producing it. The texts are English, the
//! source of truth: `explain` says them in French, Spanish or Arabic from the translations in
//! `src/messages/explain/`, where a test fails for a code added here and not translated.

/// One diagnostic code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    /// The code, as printed in `error[code]`.
    pub id: &'static str,
    /// What it means, in a sentence.
    pub means: &'static str,
    /// What to do about it.
    pub fix: &'static str,
}

/// Every code, sorted by id.
pub const CODES: &[Code] = &[
    Code {
        id: "absolute-link",
        means: "A link starts with `/` or `\\`: it breaks when the site is opened from a folder, and `\\\\host` paths point at one computer's files.",
        fix: "Link to the source file relative to this one (`../communities/x.md`) or by id (`community:x`).",
    },
    Code {
        id: "active-file",
        means: "A file beside the pages would run in the reader's browser (HTML, JavaScript, CSS, XML), bypassing the sanitizer.",
        fix: "Put the text in a markdown page or the data in a CSV file; or set `[markdown] trusted_html = true` if every author is trusted.",
    },
    Code {
        id: "active-svg",
        means: "An SVG image holds a script, an event handler, a `javascript:` or outside link, or embedded HTML, or loads something from elsewhere: CSS with `@import` or a `url()`, `image-set()` or `src()` that is not a `#fragment` or `data:image/`, a `<?xml-stylesheet?>`, or an animation (`<set>`, `<animate>`) that sets an event handler or an outside link.",
        fix: "Export a plain SVG from the drawing program, or publish the image as PNG.",
    },
    Code {
        id: "asset-in-own-folder",
        means: "A file in `content/` is in a folder whose pages Fieldbook makes itself (`approaches/`, `countries/`, `coverage/`, `criteria/`, `indicators/`, `research/`, `sectors/`, `tags/`, `topics/`, in any case): it would sit among pages that come and go with the site's lists.",
        fix: "Move the file to a folder of your own, such as `content/images/`, and change the links to it.",
    },
    Code {
        id: "asset-path-taken",
        means: "A file in `content/` would be published where Fieldbook writes a file of its own (`assets/`, `search/`, `data/`, a listing, a page), or where another file of `content/` is published. Folders are published as their slugs (`Photos/` as `photos/`), and paths are compared without case (and without Unicode normalization), as Windows, macOS and USB sticks compare them: `Data/communities.csv` takes the place of the export `data/communities.csv`.",
        fix: "Move or rename the file (or its folder), so that its path differs in more than case from every other file and folder of the site.",
    },
    Code {
        id: "bad-date",
        means: "A date is not a real calendar date, or not written as YYYY-MM-DD.",
        fix: "Write the date as `2026-03-14`.",
    },
    Code {
        id: "bad-document",
        means: "A document in `content/` (docx, pptx, odt, odp, odg, epub) cannot be read: it is not what its name says (a `.doc` renamed `.docx`), it is damaged, or its XML is nested deeper than Fieldbook reads. So it cannot be checked for personal data, and is not published.",
        fix: "Open it and save it again in its own format from the word processor or presentation program.",
    },
    Code {
        id: "bad-fence",
        means: "The frontmatter's fence is not three dashes (`----`, `--`, a typographic dash) or three pluses.",
        fix: "Write `---` (or `+++` for TOML) alone on the first line and after the last field.",
    },
    Code {
        id: "bad-file-name",
        means: "A file or folder name would break on some system: `:`, `\\`, `*`, `?`, control characters, a trailing dot, `CON` or `NUL`, or no letters at all.",
        fix: "Rename it with letters, digits, dashes and dots.",
    },
    Code {
        id: "bad-spreadsheet",
        means: "A spreadsheet in `content/` cannot be read, so it cannot be checked for personal data.",
        fix: "Save it again from the spreadsheet program, or publish it as CSV.",
    },
    Code {
        id: "bad-svg",
        means: "An SVG image cannot be read as XML (or declares a DTD, which could pull in other files).",
        fix: "Export it again, or publish it as PNG.",
    },
    Code {
        id: "bidi-control",
        means: "A field holds an invisible direction control (U+202A to U+202E, U+2066 to U+2069) that can make text show differently from what it says.",
        fix: "Delete it; Arabic text needs no such control, and the marks U+200E and U+200F are allowed.",
    },
    Code {
        id: "broken-link",
        means: "A link leads to a page, heading, id or file that does not exist (or outside `content/`).",
        fix: "Fix the destination; the help suggests the nearest match.",
    },
    Code {
        id: "cannot-format",
        means: "`fmt` could not rewrite a file so that it reads back the same, and left it as it was.",
        fix: "A bug in Fieldbook: report it with the file.",
    },
    Code {
        id: "comment-in-value",
        means: "A `#` glued to a word after a space (`#lebou`, `#2`) starts a YAML comment, so the rest of the line is dropped from the value.",
        fix: "Put the whole value in quotes to keep the `#` and what follows; write a comment as `# note`, with a space.",
    },
    Code {
        id: "confidential-link",
        means: "A published page links to a confidential one: the link's words would be published.",
        fix: "Remove the link, or make the linking page confidential too.",
    },
    Code {
        id: "config",
        means: "`fieldbook.toml` has a mistake: bad TOML, an unknown setting, a value of the wrong type or out of range, or a `language` that is not a language code (`français` for `fr`).",
        fix: "Fix the setting the message names, at the line shown; the help names the nearest setting, or gives the line mended.",
    },
    Code {
        id: "conflicting-fields",
        means: "Two fields that exclude each other are both given (a guidance page's `sector` and `topic`).",
        fix: "Keep one of them.",
    },
    Code {
        id: "control-character",
        means: "A control character (NUL, escape...) or a noncharacter (U+FFFE, U+FFFF) is in the text: no page can show it, it can garble terminals, and it makes the feed invalid XML.",
        fix: "Delete it; it usually comes from copying out of another program.",
    },
    Code {
        id: "country-code-mismatch",
        means: "A profile's `country_code` is not the code of the country its `country` names (`country: Morocco` with `country_code: SEN`). The maps and the country's page follow `country`; the exports carry both, so data joined on the code and on the name disagree.",
        fix: "Correct the one that is wrong. A region or a name no language knows (`country: Kurdistan`) is not compared: its `country_code` says which country it is in.",
    },
    Code {
        id: "cr-line-endings",
        means: "The file uses old Mac line endings (CR only).",
        fix: "Save it with LF or CRLF line endings.",
    },
    Code {
        id: "different-unit",
        means: "A figure is given in another unit than the indicator's, so it cannot be compared with other communities.",
        fix: "Convert the figure to the indicator's unit.",
    },
    Code {
        id: "distribution-sum",
        means: "The parts of a distribution do not add up to 100, beyond what rounding explains.",
        fix: "Check the parts; the help gives the tolerance.",
    },
    Code {
        id: "duplicate-entry",
        means: "A list names the same entry twice (ignoring case and accents).",
        fix: "Remove the repeat.",
    },
    Code {
        id: "duplicate-id",
        means: "Two files have the same id (the file name, made a slug), so they would be one page.",
        fix: "Rename one of them.",
    },
    Code { id: "empty-file", means: "The file is empty.", fix: "Write its frontmatter and text, or delete it." },
    Code {
        id: "figure-in-frontmatter",
        means: "A figure is quoted (`{{ indicator }}`) in a frontmatter field where quoted figures are not filled in (a title, a source, a list): only the text below the frontmatter, `summary`, a criterion's `evidence` and an entry's `notes` are filled in, so the page would show the braces.",
        fix: "Quote the figure in the text or in one of those fields, or write the figure itself in the field.",
    },
    Code {
        id: "figure-not-given",
        means: "A page quotes a figure (`{{ indicator }}`) that the profile does not give, the number of respondents (`n`) of an entry that has none, or a population (`{{ population }}`) the profile does not give.",
        fix: "Give the indicator (or its `n`, or the `population`) in the profile's frontmatter, or write the sentence without the figure.",
    },
    Code {
        id: "figure-not-on-profile",
        means: "A page that is not a community profile quotes a figure of its own (`{{ indicator }}`): only a profile has figures of its own.",
        fix: "Name the profile whose figure it is (`{{ villa-los-almendros: indicator }}`), or write the figure itself; put double braces meant as they are in a code span.",
    },
    Code {
        id: "figure-profile-not-public",
        means: "A page published to everyone quotes a figure of a profile that is a draft or confidential (`{{ profile: indicator }}`), which would put its figure on the public site.",
        fix: "Publish that profile first, or write the sentence without its figure.",
    },
    Code {
        id: "figure-unknown-indicator",
        means: "A quoted figure (`{{ indicator }}`) names an indicator that is not in the schema.",
        fix: "Write the indicator's id as `indicators:` does; the help suggests the nearest one.",
    },
    Code {
        id: "figure-unknown-part",
        means: "A quoted figure asks for a part (`sex=female`) or a dimension that its entry does not give, or for something that is neither a part nor `n`.",
        fix: "Use a dimension and a part the entry's `disaggregation:` gives (the help lists them), or `n`.",
    },
    Code {
        id: "figure-unknown-profile",
        means: "A quoted figure names a profile (`{{ profile: indicator }}`) that the site does not have.",
        fix: "Write the profile's id as its file is named; the help suggests the nearest one.",
    },
    Code {
        id: "figure-withheld",
        means: "A quoted figure is withheld from the public site (a sensitive indicator, or figures that could single people out), so the public page shows a mark in its place.",
        fix: "Make sure the sentence reads well with the mark, or leave the figure out of the text.",
    },
    Code {
        id: "file-name-not-id",
        means: "The file name is not a plain id, so the page id was made from it.",
        fix: "Rename the file to the id the message gives.",
    },
    Code {
        id: "file-not-published",
        means: "A file in `content/` is of a kind that is not published (archives, programs, recordings).",
        fix: "Move it out of `content/`; the guide lists the kinds that are published.",
    },
    Code {
        id: "file-too-large",
        means: "A content file is over 10 MB, a data file over 20 MB, or a document's text more than 20 MB once unpacked.",
        fix: "Split it, or keep large data outside `content/`.",
    },
    Code {
        id: "folder-outside-content",
        means: "A folder of content (`communities/`, `case-studies/`, `projects/`, `guidance/`) with pages in it is beside `content/`, not in it: its pages are not read.",
        fix: "Move the folder into `content/`.",
    },
    Code {
        id: "frontmatter-not-first",
        means: "The frontmatter does not start on the first line.",
        fix: "Remove the lines above the first `---`.",
    },
    Code {
        id: "future-date",
        means: "A date lies in the future where it records something done (an assessment, a review).",
        fix: "Check the year.",
    },
    Code {
        id: "hidden-file",
        means: "A markdown file's name starts with a dot, which hides it, so it is skipped.",
        fix: "Rename it without the dot.",
    },
    Code {
        id: "hidden-link",
        means: "A link leads to a draft or a sensitive indicator, which is not in this build: it is shown as plain text, words kept.",
        fix: "Make sure the words name nothing that must stay private.",
    },
    Code {
        id: "hidden-reference",
        means: "A published page refers to a community that is not published, so the page does not show it.",
        fix: "Publish that profile, or remove the reference.",
    },
    Code {
        id: "html-too-deep",
        means: "Raw HTML is nested too deeply (usually tags opened and never closed).",
        fix: "Close the tags.",
    },
    Code {
        id: "image-location",
        means: "A photo holds the place it was taken (GPS in its EXIF or XMP), which can lead to a returnee's home; the public site publishes it without it.",
        fix: "Remove it from the file in `content/` too (Windows: Properties > Details > Remove Properties and Personal Information; or `exiftool -gps:all= -xmp:gps*= FILE`).",
    },
    Code {
        id: "implausible-date",
        means: "A date is year 0000, before 1900, or too far in the future to be meant.",
        fix: "Check the year.",
    },
    Code { id: "invalid-toml", means: "TOML frontmatter cannot be read.", fix: "Fix the place the message shows." },
    Code {
        id: "invalid-yaml",
        means: "YAML frontmatter cannot be read: no space after a colon, a line without `: `, a bracket never closed, indentation, quotes, tabs, duplicate keys, bad escapes, characters pasted from a word processor (no-break spaces, bullets, a full-width colon).",
        fix: "Fix the place the message shows.",
    },
    Code {
        id: "invisible-text",
        means: "A value is made only of invisible characters, so it would show as empty.",
        fix: "Write the text, or remove the field.",
    },
    Code {
        id: "link-outside-site",
        means: "A symbolic link leads outside the site folder, so nothing of it is read or published.",
        fix: "Copy the file into the site instead of linking to it.",
    },
    Code {
        id: "list-item-cut",
        means: "Two items of a list read as one cut in two at a comma inside parentheses: in a list written on one line between `[` and `]`, every comma separates items, so `[Water for four douars (commune, 2023 to 2025)]` is two.",
        fix: "Put the item in quotes, or write the list one item per line (`- …`).",
    },
    Code {
        id: "location-field",
        means: "A profile's `location` lacks `lat` or `lon`, or has a field other than those two.",
        fix: "Write it as `location: { lat: 35.78, lon: -5.81 }`, latitude and longitude in decimal degrees.",
    },
    Code {
        id: "location-outside-country",
        means: "A profile's location lies far outside the outline of its country: latitude and longitude swapped, a sign lost, or a typing slip.",
        fix: "Check the point on a map; the help says when swapping the two or changing a sign puts it inside the country.",
    },
    Code {
        id: "location-range",
        means: "A latitude is outside -90 to 90, or a longitude outside -180 to 180.",
        fix: "Write decimal degrees, latitude first; the help says when the two look swapped.",
    },
    Code {
        id: "map-country",
        means: "The maps have no outline for a located profile's country, so it is drawn without one.",
        fix: "Write the country by its usual name in English, French, Spanish or Arabic (Morocco, Maroc, Marruecos, المغرب), or as Natural Earth names it; for a region written as the country (`Kurdistan`), give the country's ISO 3166-1 alpha-3 code in `country_code:` (`IRQ`), whose outline is drawn.",
    },
    Code {
        id: "map-outlines",
        means: "A GeoJSON file in `content/maps/` cannot be drawn: broken JSON, positions out of range (another projection), or nothing but points.",
        fix: "Export it as GeoJSON in WGS 84 (EPSG:4326) with polygons or lines.",
    },
    Code {
        id: "method-not-listed",
        means: "A research answer names a method that is not in the profile's `methods`.",
        fix: "Add it to `methods`.",
    },
    Code {
        id: "missing-criteria",
        means: "A profile does not give some favourable-environment criteria, so they show as unknown.",
        fix: "Give them, or write `unknown` where a criterion could not be assessed.",
    },
    Code { id: "missing-field", means: "A required field is missing or empty.", fix: "Add it; the help shows how." },
    Code {
        id: "missing-frontmatter",
        means: "The file has no frontmatter.",
        fix: "Start it with `---`, the fields, and `---`.",
    },
    Code {
        id: "missing-indicators",
        means: "A profile gives only some of the schema's indicators.",
        fix: "Add them, or write `unknown` for one looked for and not established.",
    },
    Code {
        id: "missing-unit",
        means: "A number indicator has no unit in the schema, or a value needs one.",
        fix: "Give the unit.",
    },
    Code {
        id: "more-warnings",
        means: "A file has more warnings of one kind than are shown; this one counts the rest.",
        fix: "Fix the first ones; `check --format json` lists all.",
    },
    Code { id: "no-content", means: "The site has no `content/` folder.", fix: "Create it (`fieldbook init` does)." },
    Code {
        id: "no-method",
        means: "A research answer gives no method.",
        fix: "Name the method or methods that answered the question.",
    },
    Code {
        id: "no-status",
        means: "A page has no `status`, so it is treated as a draft.",
        fix: "Write `status: draft`, `published` or `confidential`.",
    },
    Code {
        id: "no-wording",
        means: "A page's `language` (or the site's) is one the theme has no interface wording in: menus, headings and labels fall back to English.",
        fix: "Add `themes/default/i18n/<language>.toml` with the keys of the English file, or use a language Fieldbook speaks (en, fr, es, ar).",
    },
    Code {
        id: "not-a-file",
        means: "A path in the site is a pipe, socket or device, not a regular file.",
        fix: "Remove it from the site folder.",
    },
    Code {
        id: "not-disaggregated",
        means: "A value is broken down by a dimension the indicator is not disaggregated by.",
        fix: "Use one of the indicator's dimensions.",
    },
    Code { id: "not-utf8", means: "The file is not UTF-8 text.", fix: "Save it as UTF-8." },
    Code {
        id: "not-viable-published",
        means: "A published project was screened `not-viable`: its page shows a project the screening advised against.",
        fix: "Reconsider publishing it, or say in the text why it went ahead.",
    },
    Code {
        id: "odd-language",
        means: "A page's `language` is not a language code Fieldbook knows.",
        fix: "Write a code such as `fr`, `es`, `ar` or `en`.",
    },
    Code {
        id: "off-scale",
        means: "A rating is outside its scale.",
        fix: "Use a value of the scale; the help lists them.",
    },
    Code {
        id: "out-of-range",
        means: "A number is outside what the field allows (a percentage over 100, a negative count, a number too large).",
        fix: "Check the figure.",
    },
    Code {
        id: "page-misnamed",
        means: "A file in `content/` is a page (its text opens with a frontmatter) saved under a name that does not end in `.md` (`bargny.md.txt`, `.markdown`, `.html`), or typed into a word processor (`.rtf`, `.docx`, `.odt`): it is not read as a page, and published as it is it would show its frontmatter, confidential fields included.",
        fix: "Rename it to end in `.md`; a word processor's file, save its text as plain text under such a name.",
    },
    Code {
        id: "personal-data-more",
        means: "A data file or a document has more email addresses or phone numbers than are shown.",
        fix: "Keep lists of people out of `content/`.",
    },
    Code {
        id: "personal-email",
        means: "Something that looks like an email address is in content that may be published.",
        fix: "Move it to `contacts`, which is never published, or remove it.",
    },
    Code {
        id: "personal-name",
        means: "What looks like a person's name is in a field meant for organizations.",
        fix: "Name the organization; keep people in `contacts`.",
    },
    Code {
        id: "personal-phone",
        means: "Something that looks like a phone number is in content that may be published.",
        fix: "Move it to `contacts`, which is never published, or remove it.",
    },
    Code {
        id: "quoted-value",
        means: "A number or date is written in quotes, so it is read as text.",
        fix: "Remove the quotes.",
    },
    Code {
        id: "remote-image",
        means: "An image or embed would be loaded from another site on a public page, telling it who reads the page.",
        fix: "Save the image in `content/`; or set `[markdown] remote_images = true`.",
    },
    Code {
        id: "reserved-name",
        means: "A file would take the place of a page Fieldbook makes (the home page, search, a listing).",
        fix: "Rename the file.",
    },
    Code { id: "review-before-assessment", means: "`reviewed` is earlier than `assessed`.", fix: "Check both dates." },
    Code { id: "review-due", means: "A profile's review falls due soon.", fix: "Plan the review." },
    Code { id: "review-overdue", means: "A profile's review is overdue.", fix: "Review it and update `reviewed`." },
    Code {
        id: "schema",
        means: "The site's `schema.toml` cannot be read or contradicts itself.",
        fix: "Fix the place the message shows.",
    },
    Code {
        id: "schema-label-language",
        means: "An entry the site adds or relabels in schema.toml (an indicator, a criterion, a method, a field…) has no label under `labels` in some of the languages the site publishes in (fieldbook.toml's `languages`): its pages in those languages show its `label`. Fieldbook translates only its own labels, and only while the site keeps them. The same for a description (`descriptions`) and an indicator's survey question (`questions`: the form asks the `question` in those languages).",
        fix: "Add the label in each language the warning lists, to the entry it points at: `labels = { fr = \"…\", ar = \"…\" }` (`descriptions`, `questions` likewise). The site is built all the same.",
    },
    Code {
        id: "sector-as-topic",
        means: "A guidance page names a sector as its `topic`.",
        fix: "Write `sector:` instead.",
    },
    Code {
        id: "small-count",
        means: "A count of people (a total or a disaggregated part) is below the small-count threshold: it is masked in public files.",
        fix: "Nothing to do unless the figure is wrong; the exact value stays in the internal build.",
    },
    Code {
        id: "stale-json-schema",
        means: "A JSON Schema in `schemas/` no longer matches the schema in force, or one for a language of the site is missing. Several are told in one warning: a change to schema.toml makes them all stale at once.",
        fix: "Run `fieldbook schema --json-schema`.",
    },
    Code {
        id: "survey-cannot-write",
        means: "A profile's frontmatter cannot take the imported figures (TOML frontmatter, or `indicators` written on one line or not as a map).",
        fix: "Write the frontmatter in YAML with `indicators:` as a block (`fieldbook fmt` does it), then import again.",
    },
    Code {
        id: "survey-date",
        means: "A submission's date cannot be read (`13/06/2026`, or a spreadsheet's serial number, where KoBoToolbox and ODK Central export `2026-06-13`): the submission counts, but not in the round's date, which the import writes as each figure's `date` and in its `source`. Said once, at the first, with how many others there are. Or the export has no date column at all (`end`, `today`, `_submission_time`, `SubmissionDate`, in any case): the figures are written without a date, and their source without the round's month.",
        fix: "Export the submissions again rather than editing the dates in a spreadsheet or taking their columns out.",
    },
    Code {
        id: "survey-duplicate-column",
        means: "Two columns of the submissions answer the same question (exports merged side by side, a column pasted twice), or are one column's name twice in two cases (`end` and `END`: names are read without regard to case): which one holds the answers cannot be told.",
        fix: "Keep one of the two columns, or export the submissions again.",
    },
    Code {
        id: "survey-empty",
        means: "The submissions file is empty, or has a header and no submissions.",
        fix: "Export the submissions again once the form has some.",
    },
    Code {
        id: "survey-encoding",
        means: "The submissions file is not UTF-8 text (or is UTF-16, binary, or a workbook that cannot be read).",
        fix: "Export it again as CSV (UTF-8) or XLSX; in a spreadsheet, save as \"CSV UTF-8\".",
    },
    Code {
        id: "survey-export-published",
        means: "A file in `content/` is a survey's submissions export (it has a column such as `_uuid`, `_submission_time`, `meta-instanceID` or `fieldbook_version`): published as it is, it would put every answer on the site, with the respondents' names, phone numbers and places.",
        fix: "Keep submissions outside `content/`; `fieldbook import` reads them from anywhere and writes only figures into the profiles.",
    },
    Code {
        id: "survey-form-published",
        means: "A spreadsheet in `content/` is a survey form (XLSForm, with `survey` and `choices` sheets): it is published with its list of communities, which for a form made with `--include-confidential` or `--drafts` names profiles the public site leaves out.",
        fix: "Keep forms outside `content/`, unless you mean to publish this one.",
    },
    Code {
        id: "survey-missing-question",
        means: "A question of the form has no column in the submissions export (an indicator added to the schema after the round, a question taken out of the form): its figures were left as they were.",
        fix: "Nothing for this round, which cannot be collected again; the next round's form (`fieldbook form`) asks it.",
    },
    Code {
        id: "survey-mixed-versions",
        means: "The submissions were made with more than one version of the form: the figures' source names the last version only.",
        fix: "Import each version's submissions on their own if their forms differ; if only the version changed, nothing to do.",
    },
    Code {
        id: "survey-no-unit",
        means: "A number indicator the survey form asks (its `survey` is not `false`) has no `unit` in schema.toml: the question cannot say in what unit to answer, and the import could not write its figures, since a number's figure needs a unit. Every command that reads schema.toml reports it (`check`, `build`, `form`, `import`), at the indicator's `id` line.",
        fix: "Give the indicator its unit in schema.toml (`unit = \"people\"`); or, if no survey asks it, `survey = false`.",
    },
    Code {
        id: "survey-not-a-choice",
        means: "An answer in the submissions is not one of its question's choices.",
        fix: "Correct the submission in KoBoToolbox or ODK Central and export again, or make the form again if the schema changed.",
    },
    Code {
        id: "survey-not-a-number",
        means: "An answer to a count or number question is not a number (or, for a count, not a whole number).",
        fix: "Correct the submission and export again.",
    },
    Code {
        id: "survey-not-asked",
        means: "The submissions export has columns of questions an older form asked and this one no longer does: indicators the schema marks `survey = false`, such as `age-distribution` and `gender-distribution`, whose figures come from a census, a civil register or a household roster, not from a survey's respondents. Those columns are not read; the rest imports.",
        fix: "Nothing for the import; write those indicators' figures into the profiles from their source.",
    },
    Code {
        id: "survey-not-the-form",
        means: "The file is not a submissions export of the form `fieldbook form` makes (it lacks the `community` column, or every indicator question): the message names the columns that are missing.",
        fix: "Export the submissions of that form, or make the form again if the schema changed.",
    },
    Code {
        id: "survey-other-source",
        means: "An indicator's entry comes from another source (an earlier round, a figure typed in): the import left it as it was.",
        fix: "Add `--replace` to replace it with the survey's figure.",
    },
    Code {
        id: "survey-out-of-range",
        means: "A number in the submissions is outside the range the schema gives its indicator.",
        fix: "Correct the submission and export again.",
    },
    Code {
        id: "survey-repeated-submission",
        means: "A submission repeats an earlier row's (the same instance id: `meta/instanceID`, `meta-instanceID`, `_uuid`): it is left out, and the submission counts once; the message says when their answers differ.",
        fix: "Nothing, if it was uploaded twice or exports were merged; if the later row holds corrected answers, correct or delete the first submission in KoBoToolbox or ODK Central and export again.",
    },
    Code {
        id: "survey-respondent-language",
        means: "schema.toml names one respondent of a part (`respondent`), but not in every language of the site (fieldbook.toml's `languages`) under `respondents`. The survey form is made in each of those languages, and the columns of a language without the name show the `respondent` name as written. Fieldbook names the respondents of its own parts in every language it ships. `check` says it, and `form` again.",
        fix: "Add the name in each language the warning lists: `respondents = { es = { displaced = \"…\" } }`. The site is built and the form written all the same.",
    },
    Code {
        id: "survey-review-state",
        means: "Submissions a supervisor has not settled in review are counted: on hold in KoBoToolbox (`_validation_status`), with issues in ODK Central (`ReviewState` `hasIssues`), or with a review state the import does not know. (Those not approved or rejected are left out, and the import's last line says how many.) Said once per state, at the first, with how many others there are.",
        fix: "Nothing, if they should count; if not, make them not approved (KoBoToolbox) or rejected (ODK Central) there and export again.",
    },
    Code {
        id: "survey-separator",
        means: "The submissions file's columns are not separated by `,` or `;`, or a row has more or fewer columns than the header.",
        fix: "Export the file again as CSV or XLSX, rather than editing it.",
    },
    Code {
        id: "survey-unknown-community",
        means: "A submission names a community that has no profile in the site.",
        fix: "Correct the id (the help suggests one), or add `--create --country C --by ORG` to create a draft profile.",
    },
    Code {
        id: "survey-version",
        means: "A value of the `fieldbook_version` column is not a form version (letters, digits, dots and dashes, as `fieldbook form` writes it), and would be shown on the site in the figures' source.",
        fix: "Export the submissions again rather than editing that column.",
    },
    Code {
        id: "symlink-loop",
        means: "A symbolic link leads back into a folder that contains it.",
        fix: "Remove the link.",
    },
    Code {
        id: "template-error",
        means: "A theme template cannot be used (it extends or includes itself, or fails as a whole).",
        fix: "Fix the template the message names.",
    },
    Code {
        id: "template-missing-parent",
        means: "A theme template extends or includes a template that does not exist.",
        fix: "Fix the name, or add the template.",
    },
    Code { id: "template-not-text", means: "A theme template is not UTF-8 text.", fix: "Save it as UTF-8." },
    Code {
        id: "template-render",
        means: "A theme template failed while a page was made: it reads a value the page does not have, or gives a filter a value of the wrong kind. `build` reports each place once, with the first page that failed there and how many others did.",
        fix: "Fix the template at the place shown; test a value some pages lack before using it (`{% if doc.summary %}`). A template under `built-in:` is Fieldbook's own: unless the site's templates give it the value, report it as a bug.",
    },
    Code {
        id: "template-stray-end-tag",
        means: "A theme template closes a block it never opened (`{% endif %}` without `{% if %}`).",
        fix: "Remove the tag, or open its block.",
    },
    Code {
        id: "template-syntax",
        means: "A theme template has a syntax error.",
        fix: "Fix the place the message shows.",
    },
    Code {
        id: "template-unclosed-block",
        means: "A theme template opens a block (`{% if %}`, `{% for %}`, `{% block %}`) and never closes it.",
        fix: "Add the closing tag the help names.",
    },
    Code {
        id: "template-unknown",
        means: "A theme template names a filter, test, function or component that does not exist, includes a template the theme does not have, or defines a block that no template it extends has (so it would never be shown).",
        fix: "Correct the name (the help suggests the nearest one), or add the template.",
    },
    Code {
        id: "theme-manifest",
        means: "The theme's manifest (`theme.toml`) cannot be read, or names a template or value Fieldbook does not make on request.",
        fix: "Fix the place the message shows; the guide's page Themes lists each page template's values.",
    },
    Code {
        id: "theme-path-taken",
        means: "Two static files of the site's theme (`themes/default/static/`) would be published at paths that differ only in case (`Logo.png` and `logo.png`, or a `Style.css` beside Fieldbook's own `style.css`), or in folders that do (`img/` and `Img/`): on Windows, macOS or a USB stick one would replace the other, or the two folders would be one, breaking links once the site passes through such a system.",
        fix: "Rename one of the files (or its folder) so that the paths differ in more than case; to replace a file of Fieldbook's theme, give yours exactly its name.",
    },
    Code {
        id: "theme-reads-undeclared",
        means: "The site has templates of its own but no `theme.toml` saying what they read, so every page gets every value made on request: correct, but slower.",
        fix: "Add `themes/default/theme.toml` with a `[reads]` line for each page template you changed.",
    },
    Code {
        id: "theme-strings",
        means: "A theme's interface strings (`i18n/*.toml`) cannot be read, or an entry there is neither text nor a counted phrase: a form named by no plural category, a counted phrase without `other`.",
        fix: "Fix the place the message shows: each entry is `key = \"text\"`, or a counted phrase with an `other` form.",
    },
    Code {
        id: "time-dropped",
        means: "A date is written with a time of day, which is dropped.",
        fix: "Write the date alone.",
    },
    Code {
        id: "translation-behind",
        means: "A translation's `updated` is earlier than its original's: the original changed in substance since the translation was last brought up to date.",
        fix: "Bring the translation up to date with the original, then set its `updated` to the original's date or later.",
    },
    Code {
        id: "translation-contradicts",
        means: "A translation gives a figure (an indicator value, a disaggregation, a number of respondents, the date, method or confidence of an indicator's figure, a criterion's status) or a fact (country, place code, population, location, assessment or review date, methods), or a number, date or yes-no of a field of the site's own, that differs from its original's (a field's also when its original gives none).",
        fix: "Correct the file that is wrong, or leave the figure out of the translation (an indicator entry may give only its words: `source`, `notes`): it then shows the original's.",
    },
    Code {
        id: "translation-language-mismatch",
        means: "A translation's `language` differs from the language its file name says (`page.fr.md` with `language: es`).",
        fix: "Remove `language:` from the translation, or rename the file to the right suffix.",
    },
    Code {
        id: "translation-language-unknown",
        means: "A file name's suffix makes it a translation into a language the site does not list in `languages`.",
        fix: "Add the language to `languages` in fieldbook.toml, or rename the file.",
    },
    Code {
        id: "translation-of-site-language",
        means: "`fieldbook.toml` has a `[translation]` table for the site's own language, which nothing shows: the pages in that language show `title` and `description` at the top.",
        fix: "Remove the table, or move its title and description to the top of the file.",
    },
    Code {
        id: "translation-without-original",
        means: "A file is named as a translation (`page.fr.md`), but there is no original (`page.md`) beside it; it is not published.",
        fix: "Add the original, rename the file to match an existing page, or drop the language suffix.",
    },
    Code {
        id: "unclosed-frontmatter",
        means: "The frontmatter is never closed.",
        fix: "Add a `---` line after the last field.",
    },
    Code {
        id: "unknown-approach",
        means: "An approach id is not in the schema.",
        fix: "Use one of the approaches the help lists.",
    },
    Code {
        id: "unknown-confidence",
        means: "A confidence level is not one the schema knows.",
        fix: "Use one the help lists.",
    },
    Code {
        id: "unknown-country",
        means: "A profile's `country` is not a country's name in English, French, Spanish or Arabic, so the exports carry no ISO country code for it (`#country+code`), data tools cannot join on it, and pages show it as written in every language.",
        fix: "Write the country's usual name in one of those languages (`Morocco`, `Maroc`, `Marruecos`, `المغرب`, `Côte d'Ivoire`), or add `country_code:` with its ISO 3166-1 alpha-3 code (`MAR`).",
    },
    Code {
        id: "unknown-country-code",
        means: "A profile's `country_code` is not an ISO 3166-1 alpha-3 code.",
        fix: "Write the three capital letters of the code (`MAR` for Morocco, `SEN` for Senegal, `SLV` for El Salvador), or one ISO leaves to users (`XAA` to `XZZ`) for a place the table does not list.",
    },
    Code { id: "unknown-criterion", means: "A criterion id is not in the schema.", fix: "Use one the help lists." },
    Code {
        id: "unknown-dimension",
        means: "A disaggregation dimension is not in the schema.",
        fix: "Use one the help lists.",
    },
    Code {
        id: "unknown-field",
        means: "A field is not in the schema for this content type.",
        fix: "Fix the spelling (the help suggests one), or add the field to `schema.toml`.",
    },
    Code {
        id: "unknown-folder",
        means: "A markdown file is outside the content folders, so it is skipped.",
        fix: "Move it into one of the content folders.",
    },
    Code {
        id: "unknown-indicator",
        means: "An indicator id is not in the schema.",
        fix: "Fix the spelling (the help suggests one), or add it to `schema.toml`.",
    },
    Code { id: "unknown-level", means: "A project level is not in the schema.", fix: "Use one the help lists." },
    Code {
        id: "unknown-license",
        means: "`license` in fieldbook.toml is neither a licence id (`CC-BY-4.0`) nor the web address of the licence's text, so `data/datapackage.json` leaves it out: a data package names a licence by one of those, and data catalogues and `frictionless validate` refuse any other.",
        fix: "Write the licence's SPDX id (`CC-BY-4.0`, `ODbL-1.0`, `OGL-UK-3.0`) or the address of its text (`https://…`).",
    },
    Code { id: "unknown-method", means: "A method id is not in the schema.", fix: "Use one the help lists." },
    Code {
        id: "unknown-part",
        means: "A part of a dimension (a sex, an age group) is not in the schema.",
        fix: "Use one the help lists.",
    },
    Code {
        id: "unknown-project-criterion",
        means: "A screening criterion is not one of the project screening criteria.",
        fix: "Use one the help lists.",
    },
    Code {
        id: "unknown-question",
        means: "A research question id is not in the schema.",
        fix: "Use one the help lists.",
    },
    Code {
        id: "unknown-reference",
        means: "A community a page refers to does not exist.",
        fix: "Use the profile's id (its file name); the help suggests one.",
    },
    Code { id: "unknown-sector", means: "A sector id is not in the schema.", fix: "Use one the help lists." },
    Code { id: "unknown-stage", means: "A project stage is not in the schema.", fix: "Use one the help lists." },
    Code { id: "unknown-status", means: "A status is not one of those allowed here.", fix: "Use one the help lists." },
    Code { id: "unknown-topic", means: "A guidance topic is not in the schema.", fix: "Use one the help lists." },
    Code {
        id: "unpadded-date",
        means: "A date is written without leading zeros (`2026-1-1`), which YAML reads as text.",
        fix: "Write `2026-01-01`.",
    },
    Code {
        id: "unreadable",
        means: "A file or folder cannot be read (permissions, a disk error).",
        fix: "Check its permissions.",
    },
    Code {
        id: "unsafe-link",
        means: "A link could run code or reach the reader's files (`javascript:`, `data:`, `file:`), or uses a scheme Fieldbook does not know.",
        fix: "Use `https:` or a link by id.",
    },
    Code {
        id: "unsuggested-method",
        means: "A research answer uses a method Table 3.1 does not suggest for that area.",
        fix: "Say in the text why it served well, or use a suggested method.",
    },
    Code {
        id: "unused-unit",
        means: "A unit is given for an indicator that is not a number.",
        fix: "Remove the unit.",
    },
    Code {
        id: "wrong-kind",
        means: "A value is of the wrong kind (text where a number is expected, a list where one value is).",
        fix: "Write the kind the help shows.",
    },
];

/// The code with this id.
pub fn find(id: &str) -> Option<&'static Code> {
    CODES.binary_search_by(|code| code.id.cmp(id)).ok().map(|i| &CODES[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sorted_unique_and_written_as_codes() {
        for pair in CODES.windows(2) {
            assert!(pair[0].id < pair[1].id, "{} is out of order or repeated", pair[1].id);
        }
        for code in CODES {
            assert!(code.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{}", code.id);
            assert!(code.means.ends_with('.') && code.fix.ends_with('.'), "{}", code.id);
            assert_eq!(find(code.id), Some(code));
        }
        assert_eq!(find("no-such-code"), None);
    }
}
