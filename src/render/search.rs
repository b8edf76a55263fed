//! The offline search index: scripts the search page loads with `<script>` tags, because
//! `fetch`, modules and WebAssembly are blocked when a site is opened from `file://`.
//!
//! - `search/meta.js`: how many documents, which term shards exist.
//! - `search/docs-N.js`: documents N×1000 to N×1000+999: kind, title, path, a short line, a
//!   snippet.
//! - `search/terms-K.js`: every term starting with K, with its postings: document numbers
//!   (as gaps from the previous one, base 36) and a weight (how often and where the term
//!   appears: title, headings and tags weigh more than body text).
//!
//! A query loads only the shards of its words' first letters, so even a large site's search
//! starts fast on a phone. Text is folded the same way here and in `assets/search.js`
//! (Unicode NFD, combining marks dropped, lowercase, Arabic prefixes such as ال taken off), so
//! "tetouan" finds "Tétouan" and "تعليم" finds "والتعليم".

use std::fmt::Write as _;

use rayon::prelude::*;
use serde::Serialize;

use super::OutputFile;
use crate::text::{fold, stem_arabic};

/// Documents per `docs-N.js` shard.
pub const DOCS_PER_SHARD: usize = 1000;
/// Longest term indexed, in characters.
const MAX_TERM: usize = 40;

/// Words too common to help find anything (English and French), in byte order. The search
/// script gets the same list from `meta.js`.
const STOPWORDS: [&str; 60] = [
    "all", "and", "any", "are", "aux", "avec", "been", "but", "can", "ces", "could", "dans", "des", "did", "est",
    "for", "from", "has", "have", "her", "him", "his", "how", "in", "into", "its", "les", "let", "not", "of", "one",
    "onto", "our", "out", "par", "pour", "que", "qui", "ses", "she", "sur", "than", "that", "the", "their", "them",
    "then", "there", "they", "this", "to", "une", "was", "were", "which", "who", "with", "would", "yes", "you",
];

/// Call `emit` with each search term of `text`: folded, at least two characters (or a
/// number), common words left out.
pub fn tokenize(text: &str, emit: impl FnMut(&str)) {
    if text.is_ascii() {
        return tokenize_ascii(text, emit);
    }
    tokenize_folded(text, emit);
}

/// The cut for any text: folded (see [`fold`]), then split at whatever is not a letter or digit,
/// and an Arabic word's prefixes and suffixes taken off ([`stem_arabic`]).
fn tokenize_folded(text: &str, mut emit: impl FnMut(&str)) {
    let folded = fold(text);
    for word in folded.split(|c: char| !c.is_alphanumeric()) {
        let word = stem_arabic(word);
        let count = word.chars().count();
        if count == 0 || (count < 2 && !word.chars().all(|c| c.is_ascii_digit())) {
            continue;
        }
        if is_stopword(word) {
            continue;
        }
        if count > MAX_TERM {
            let cut: String = word.chars().take(MAX_TERM).collect();
            emit(&cut);
        } else {
            emit(word);
        }
    }
}

/// What each byte is to the ASCII tokenizer: 0 ends a word, `LOWER` is a lower-case letter or
/// a digit, `UPPER` a capital. One lookup a byte tells both whether a word goes on and whether
/// it needs lower-casing.
static CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            class[b] = LOWER;
        } else if c.is_ascii_uppercase() {
            class[b] = UPPER;
        }
        b += 1;
    }
    class
};
const LOWER: u8 = 1;
const UPPER: u8 = 2;

/// The same cut for ASCII text, without allocating: most text is ASCII, and this runs over
/// every word of every page. A word already in lower case is passed on as it stands.
fn tokenize_ascii(text: &str, mut emit: impl FnMut(&str)) {
    let mut lowered = String::with_capacity(MAX_TERM);
    let bytes = text.as_bytes();
    let mut end = 0;
    while end < bytes.len() {
        let start = end;
        let mut classes = 0;
        while let Some(&b) = bytes.get(end) {
            let class = CLASS[b as usize];
            if class == 0 {
                break;
            }
            classes |= class;
            end += 1;
        }
        if start == end {
            end += 1;
            continue;
        }
        if end - start < 2 && !bytes[start].is_ascii_digit() {
            continue;
        }
        // The text is ASCII, so any byte is a character boundary.
        let word = &text[start..end.min(start + MAX_TERM)];
        let term = if classes & UPPER != 0 {
            lowered.clear();
            lowered.push_str(word);
            lowered.make_ascii_lowercase();
            lowered.as_str()
        } else {
            word
        };
        if is_stopword(term) {
            continue;
        }
        emit(term);
    }
}

/// Longest word of [`STOPWORDS`], in bytes: every one fits in a `u64` beside its length.
const STOPWORD_MAX: usize = 5;

/// A word of at most seven bytes as a number: its bytes in order, its length in the top byte.
/// Two such words are equal exactly when their numbers are.
const fn pack(word: &[u8]) -> u64 {
    let mut packed = (word.len() as u64) << 56;
    let mut i = 0;
    while i < word.len() {
        packed |= (word[i] as u64) << (8 * i);
        i += 1;
    }
    packed
}

/// [`STOPWORDS`] packed, in numeric order. Looking a word up compares numbers rather than
/// calling `memcmp` six times: this check runs for every word of every page, and comparing
/// strings took a sixth of the search index's time.
static PACKED_STOPWORDS: [u64; STOPWORDS.len()] = {
    let mut packed = [0u64; STOPWORDS.len()];
    let mut i = 0;
    while i < STOPWORDS.len() {
        assert!(STOPWORDS[i].len() <= STOPWORD_MAX);
        packed[i] = pack(STOPWORDS[i].as_bytes());
        i += 1;
    }
    // Insertion sort: a const block cannot call `sort`.
    let mut i = 1;
    while i < packed.len() {
        let mut j = i;
        while j > 0 && packed[j - 1] > packed[j] {
            let t = packed[j];
            packed[j] = packed[j - 1];
            packed[j - 1] = t;
            j -= 1;
        }
        i += 1;
    }
    packed
};

/// True for the words of [`STOPWORDS`].
fn is_stopword(term: &str) -> bool {
    term.len() <= STOPWORD_MAX && PACKED_STOPWORDS.binary_search(&pack(term.as_bytes())).is_ok()
}

/// The terms of one document and their weights.
#[derive(Debug, Default)]
pub struct Terms {
    weights: hashbrown::HashMap<String, u32>,
}

impl Terms {
    /// Room for about `terms` distinct terms, so that a long page's map is not rebuilt (and
    /// every term hashed again) each time it fills.
    pub fn with_capacity(terms: usize) -> Terms {
        Terms { weights: hashbrown::HashMap::with_capacity(terms) }
    }

    /// Add the words of `text`, each counting `weight`. Each word is hashed once, found or
    /// not; only a new term is copied.
    pub fn add(&mut self, text: &str, weight: u32) {
        tokenize(text, |term| {
            *self.weights.entry_ref(term).or_insert(0) += weight;
        });
    }

    /// The terms in compact form: one string per document while the index waits for every page.
    pub fn into_compact(self) -> CompactTerms {
        // Grouped by shard (a term's shard is its first character), not sorted in full: the
        // index sorts each shard's terms once, and the order of a document's terms within a
        // shard changes nothing in it. Comparing whole strings was most of this function.
        let mut terms: Vec<(Option<char>, String, u32)> =
            self.weights.into_iter().map(|(term, weight)| (term.chars().next(), term, weight)).collect();
        terms.sort_unstable_by_key(|&(first, _, _)| first);
        let mut text = String::with_capacity(terms.iter().map(|(_, t, _)| t.len() + 4).sum());
        let mut shards: Vec<(String, u32, u32)> = Vec::new();
        // A shard is named after the first character of its terms: name it once per run.
        let mut shard_of: Option<char> = None;
        for (first, term, weight) in terms {
            let start = text.len() as u32;
            text.push_str(&term);
            text.push('\t');
            let weight = weight.min(99) as u8;
            if weight >= 10 {
                text.push(char::from(b'0' + weight / 10));
            }
            text.push(char::from(b'0' + weight % 10));
            text.push('\n');
            match shards.last_mut() {
                Some(last) if shard_of == first => last.2 = text.len() as u32,
                _ => {
                    shards.push((shard_key(&term), start, text.len() as u32));
                    shard_of = first;
                }
            }
        }
        CompactTerms { text, shards }
    }
}

/// A document's terms, "term\tweight\n" per term in term order, and where each shard's terms
/// start and end in that text.
#[derive(Debug, Clone, Default)]
pub struct CompactTerms {
    text: String,
    shards: Vec<(String, u32, u32)>,
}

/// A searchable page: what a result shows.
#[derive(Debug, Clone, Serialize)]
pub struct SearchDoc {
    /// community, case-study, project, guidance, page or reference.
    pub kind: &'static str,
    /// Title.
    pub title: String,
    /// Site path.
    pub path: String,
    /// A short line: country, approach, sector.
    pub meta: String,
    /// A snippet of text.
    pub snippet: String,
    /// For a page published in several languages: its language, and the site path of its
    /// original, which every language of the page shares (the search script shows one of
    /// them, in the reader's language where it exists). `None` for every other page, whose
    /// row keeps its five fields.
    pub language: Option<(String, String)>,
}

/// The most characters a snippet holds before it is cut.
const SNIPPET_CHARS: usize = 220;

/// A snippet: the summary, or the start of the text, cut at a word once it would pass
/// 220 characters (`SNIPPET_CHARS`; characters, not bytes: an Arabic letter takes two bytes, and
/// an Arabic snippet is as long to read as any other). Runs of spaces and line breaks become
/// one space; a no-break space stays, as the page shows it (French writes `61,5 %` and
/// `revenues : <5` with a narrow one, which must not break there either).
pub fn snippet(summary: Option<&str>, text: &str) -> String {
    let source = summary.unwrap_or(text).trim();
    let breaks = |c: char| c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}');
    let mut out = String::new();
    let mut chars = 0;
    for word in source.split(breaks).filter(|w| !w.is_empty()) {
        let length = word.chars().count();
        if chars + length > SNIPPET_CHARS {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
            chars += 1;
        }
        out.push_str(word);
        chars += length;
    }
    out
}

/// The shard a term belongs to: its first character if a-z or 0-9, else `u` and its code
/// point in hexadecimal. `assets/search.js` computes the same.
pub fn shard_key(term: &str) -> String {
    match term.chars().next() {
        Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit() => c.to_string(),
        Some(c) => format!("u{:x}", c as u32),
        None => "_".into(),
    }
}

/// Append `n` in base 36 (postings are gaps between document numbers, kept short).
fn push_base36(out: &mut String, mut n: usize) {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut digits = [0u8; 16];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = DIGITS[n % 36];
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[at..].iter().map(|&d| d as char));
}

/// A JavaScript string literal (JSON is a subset), safe inside a `<script>` file.
fn js(value: &impl Serialize) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
    // Most values hold none of the three, and each `replace` would copy the whole text.
    if !json.contains("</") && !json.contains(['\u{2028}', '\u{2029}']) {
        return json;
    }
    json.replace("</", "<\\/").replace('\u{2028}', "\\u2028").replace('\u{2029}', "\\u2029")
}

/// The index files for `docs` (in document-number order) and their terms, all at once: what
/// [`IndexBuilder`] makes from them given in one piece.
#[cfg(test)]
fn index_files(docs: &[&SearchDoc], terms: &[&CompactTerms]) -> Vec<OutputFile> {
    let mut builder = IndexBuilder::default();
    let mut files = builder.add(docs, terms);
    files.extend(builder.finish());
    files
}

/// The index files made a piece of the site at a time, in document-number order, so that a
/// build need not hold every page's terms at once (at 100,000 profiles they were most of the
/// memory the index took): each piece's terms are added to their shards' postings and can be
/// dropped; the documents' rows are written a file of [`DOCS_PER_SHARD`] at a time. The files
/// are the same whatever the pieces.
#[derive(Debug, Default)]
pub struct IndexBuilder {
    /// Each shard's postings so far, by key.
    shards: hashbrown::HashMap<String, Shard>,
    /// Documents added so far.
    added: usize,
    /// The rows of the documents whose file is not written yet.
    pending: Vec<Vec<String>>,
}

/// A shard taken out of the builder to take a block's lines: its postings, the lines
/// (document number, its text of this shard), and its key.
type ShardWork<'a> = (Shard, Vec<(usize, &'a str)>, &'a str);

/// A shard's postings so far: for each term, its list and the last document that had it
/// (postings store gaps).
#[derive(Debug, Default)]
struct Shard {
    postings: hashbrown::HashMap<String, (String, usize)>,
}

impl IndexBuilder {
    /// Add the next documents, with their terms; returns the documents' files completed.
    pub fn add(&mut self, docs: &[&SearchDoc], terms: &[&CompactTerms]) -> Vec<OutputFile> {
        // One pass over the documents hands each shard its documents' lines, in document order.
        let mut by_key: hashbrown::HashMap<&str, Vec<(usize, &str)>> = hashbrown::HashMap::new();
        for (k, doc_terms) in terms.iter().enumerate() {
            for &(ref key, start, end) in &doc_terms.shards {
                by_key
                    .entry(key.as_str())
                    .or_default()
                    .push((self.added + k, &doc_terms.text[start as usize..end as usize]));
            }
        }
        let mut work: Vec<ShardWork<'_>> =
            by_key.into_iter().map(|(key, lines)| (self.shards.remove(key).unwrap_or_default(), lines, key)).collect();
        work.par_iter_mut().for_each(|(shard, lines, _)| {
            for &(number, text) in lines.iter() {
                for line in text.lines() {
                    let Some((term, weight)) = line.split_once('\t') else { continue };
                    let (list, last) = match shard.postings.get_mut(term) {
                        Some(found) => found,
                        None => shard.postings.entry(term.to_string()).or_insert_with(|| (String::new(), 0)),
                    };
                    if !list.is_empty() {
                        list.push(',');
                    }
                    push_base36(list, number - *last);
                    *last = number;
                    list.push('.');
                    list.push_str(weight);
                }
            }
        });
        for (shard, _, key) in work {
            self.shards.insert(key.to_string(), shard);
        }
        let mut files = Vec::new();
        for d in docs {
            let mut row = vec![d.kind.to_string(), d.title.clone(), d.path.clone(), d.meta.clone(), d.snippet.clone()];
            if let Some((language, original)) = &d.language {
                row.extend([language.clone(), original.clone()]);
            }
            self.pending.push(row);
            self.added += 1;
            if self.pending.len() == DOCS_PER_SHARD {
                files.push(self.docs_file());
            }
        }
        files
    }

    /// The file of the pending documents' rows.
    fn docs_file(&mut self) -> OutputFile {
        let n = (self.added - 1) / DOCS_PER_SHARD;
        let rows = std::mem::take(&mut self.pending);
        OutputFile {
            path: format!("search/docs-{n}.js"),
            bytes: format!("FieldbookSearch.docs({n},{});\n", js(&rows)).into_bytes(),
        }
    }

    /// The remaining files: the last documents' rows, every shard's terms (made in
    /// parallel), and the index's description, `search/meta.js`.
    pub fn finish(mut self) -> Vec<OutputFile> {
        let mut files = Vec::new();
        if !self.pending.is_empty() {
            files.push(self.docs_file());
        }
        let mut shards: Vec<(String, Shard)> = self.shards.into_iter().collect();
        shards.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let keys: Vec<&str> = shards.iter().map(|(key, _)| key.as_str()).collect();
        let terms: Vec<OutputFile> = shards
            .par_iter()
            .map(|(key, shard)| {
                let mut postings: Vec<(&str, &str)> =
                    shard.postings.iter().map(|(term, (list, _))| (term.as_str(), list.as_str())).collect();
                postings.sort_unstable_by_key(|(term, _)| *term);
                let mut body = String::new();
                for (term, list) in &postings {
                    if !body.is_empty() {
                        body.push(',');
                    }
                    let _ = write!(body, "{}:{}", js(term), js(list));
                }
                OutputFile {
                    path: format!("search/terms-{key}.js"),
                    bytes: format!("FieldbookSearch.terms({},{{{body}}});\n", js(key)).into_bytes(),
                }
            })
            .collect();
        // The search script cuts queries with these same rules.
        let meta = serde_json::json!({
            "docs": self.added,
            "perShard": DOCS_PER_SHARD,
            "shards": keys,
            "stop": STOPWORDS.as_slice(),
            "maxTerm": MAX_TERM,
        });
        let mut all = terms;
        all.append(&mut files);
        all.push(OutputFile {
            path: "search/meta.js".into(),
            bytes: format!("FieldbookSearch.meta({});\n", js(&meta)).into_bytes(),
        });
        all
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn terms(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        tokenize(text, |t| out.push(t.to_string()));
        out
    }

    #[test]
    fn words_are_folded_and_common_ones_dropped() {
        assert_eq!(terms("Tétouan and the HOUSING-crisis, 2026!"), ["tetouan", "housing", "crisis", "2026"]);
        assert_eq!(terms("a 5 é"), ["5"]);
        // Ta marbuta is indexed as ha, as the search script folds it (see text::fold); on a
        // word of four letters or more it is then taken off as an ending (text::stem_arabic).
        assert_eq!(terms("سنة"), ["سنه"]);
        assert_eq!(terms("طنجة"), terms("طنجه"));
        assert_eq!(terms("طنجة"), ["طنج"]);
    }

    #[test]
    fn the_ascii_tokenizer_cuts_as_the_general_one_does() {
        let pieces = ["a", "B", "z", "Q", "0", "9", " ", "-", ".", "\n", "the", "THE", "Housing", "x2", "_"];
        let mut state = 7;
        for n in 0..3000 {
            let len = (crate::text::next_test_random(&mut state) % 40) as usize;
            let mut text: String = (0..len)
                .map(|_| pieces[(crate::text::next_test_random(&mut state) % pieces.len() as u64) as usize])
                .collect();
            if n % 10 == 0 {
                text.push_str(&"Long".repeat(15));
            }
            let (mut ascii, mut folded) = (Vec::new(), Vec::new());
            tokenize_ascii(&text, |t| ascii.push(t.to_string()));
            tokenize_folded(&text, |t| folded.push(t.to_string()));
            assert_eq!(ascii, folded, "{text:?}");
        }
    }

    #[test]
    fn postings_are_gaps_in_base_36() {
        let docs = [
            SearchDoc {
                kind: "page",
                title: "A".into(),
                path: "a.html".into(),
                meta: String::new(),
                snippet: String::new(),
                language: None,
            },
            SearchDoc {
                kind: "page",
                title: "B".into(),
                path: "b.html".into(),
                meta: String::new(),
                snippet: String::new(),
                language: None,
            },
        ];
        let mut a = Terms::default();
        a.add("Housing housing", 1);
        let mut b = Terms::default();
        b.add("housing", 10);
        let (a, b) = (a.into_compact(), b.into_compact());
        let docs: Vec<&SearchDoc> = docs.iter().collect();
        let files = index_files(&docs, &[&a, &b]);
        let h = files.iter().find(|f| f.path == "search/terms-h.js").unwrap();
        assert_eq!(String::from_utf8_lossy(&h.bytes), "FieldbookSearch.terms(\"h\",{\"housing\":\"0.2,1.10\"});\n");
        for (n, text) in [(0, "0"), (35, "z"), (36, "10"), (36 * 36, "100"), (usize::MAX, "3w5e11264sgsf")] {
            let mut out = String::from(",");
            push_base36(&mut out, n);
            assert_eq!(out, format!(",{text}"));
        }
    }

    #[test]
    fn the_index_is_the_same_whatever_the_pieces_it_is_made_in() {
        // 2,500 documents (three files of rows), with words shared between them and words of
        // their own, in several shards.
        let docs: Vec<SearchDoc> = (0..2500)
            .map(|n| SearchDoc {
                kind: "community",
                title: format!("Doc {n}"),
                path: format!("communities/d{n}.html"),
                meta: "Morocco".into(),
                snippet: format!("Snippet {n}"),
                language: (n % 7 == 0).then(|| ("fr".to_string(), format!("communities/d{n}.html"))),
            })
            .collect();
        let terms: Vec<CompactTerms> = (0..2500)
            .map(|n| {
                let mut t = Terms::default();
                t.add(&format!("housing water w{n} t{} école", n % 13), 1 + (n % 3) as u32);
                t.into_compact()
            })
            .collect();
        let docs: Vec<&SearchDoc> = docs.iter().collect();
        let terms: Vec<&CompactTerms> = terms.iter().collect();
        let sorted = |mut files: Vec<OutputFile>| {
            files.sort_by(|a, b| a.path.cmp(&b.path));
            files.into_iter().map(|f| (f.path, f.bytes)).collect::<Vec<_>>()
        };
        let whole = sorted(index_files(&docs, &terms));
        assert!(whole.iter().any(|(path, _)| path == "search/docs-2.js"), "three files of rows");
        for piece in [1, 7, 999, 1000, 2048] {
            let mut builder = IndexBuilder::default();
            let mut files = Vec::new();
            for (d, t) in docs.chunks(piece).zip(terms.chunks(piece)) {
                files.extend(builder.add(d, t));
            }
            files.extend(builder.finish());
            assert!(sorted(files) == whole, "pieces of {piece}");
        }
    }

    #[test]
    fn terms_add_up_and_come_out_grouped_by_shard() {
        // Enough distinct words to make the table grow several times, each seen twice.
        let words: Vec<String> = (0..5000).map(|n| format!("w{n}x {}z{n}", (b'a' + (n % 26) as u8) as char)).collect();
        let mut terms = Terms::default();
        let mut expected: BTreeMap<String, u32> = BTreeMap::new();
        for (n, text) in words.iter().enumerate() {
            let weight = 1 + (n as u32 % 3);
            terms.add(text, weight);
            terms.add(text, 1);
            tokenize(text, |t| *expected.entry(t.to_string()).or_default() += weight + 1);
        }
        terms.add("Tétouan طنجة", 10);
        tokenize("Tétouan طنجة", |t| *expected.entry(t.to_string()).or_default() += 10);
        let compact = terms.into_compact();
        let mut lines: Vec<&str> = compact.text.lines().collect();
        lines.sort_unstable();
        let expected_lines: Vec<String> = expected.iter().map(|(t, w)| format!("{t}\t{}", w.min(&99))).collect();
        assert_eq!(lines, expected_lines);
        let mut keys: Vec<String> = expected.keys().map(|t| shard_key(t)).collect();
        keys.dedup();
        assert_eq!(compact.shards.iter().map(|s| s.0.clone()).collect::<Vec<_>>(), keys);
        for (key, start, end) in &compact.shards {
            for line in compact.text[*start as usize..*end as usize].lines() {
                assert_eq!(&shard_key(line), key, "{line}");
            }
        }
    }

    #[test]
    fn a_snippet_is_cut_at_a_word_by_characters_in_every_script() {
        // 60 words of 4 letters and a space: a Latin and an Arabic text are cut at the same word.
        for word in ["abcd", "مدرس"] {
            let text = vec![word; 60].join(" ");
            let cut = snippet(None, &text);
            assert!(cut.ends_with('…'), "{cut}");
            assert_eq!(cut.trim_end_matches('…').chars().count(), 44 * 5 - 1, "{word}");
        }
        // A short text is kept whole.
        assert_eq!(snippet(None, "مدرسة القرية"), "مدرسة القرية");
    }

    #[test]
    fn a_snippet_keeps_no_break_spaces_and_joins_the_rest() {
        let text = "Ménages :\n 61,5\u{202f}% ; femmes\u{202f}: <5.\u{a0}Fin";
        assert_eq!(snippet(None, text), "Ménages : 61,5\u{202f}% ; femmes\u{202f}: <5.\u{a0}Fin");
        assert_eq!(snippet(Some("  A  summary\n"), text), "A summary");
    }

    #[test]
    fn stopwords_are_exactly_the_published_list() {
        // The search script drops the words of meta.js; the indexer must drop the same ones.
        for word in STOPWORDS {
            assert!(is_stopword(word), "{word}");
        }
        let mut terms = Vec::new();
        tokenize("the theme of their houses, in which there were wells", |t| terms.push(t.to_string()));
        assert_eq!(terms, ["theme", "houses", "wells"]);
        assert!(STOPWORDS.is_sorted(), "kept in order for readers and for meta.js");
        assert!(PACKED_STOPWORDS.is_sorted());
        for word in ["theme", "thee", "a", "x", "zzz", "aaa", "the\0", "thesis", "an", "tha", "whicha"] {
            assert!(!is_stopword(word), "{word}");
        }
    }

    /// The terms of `text` cut the general way: folded, split on anything not alphanumeric.
    fn general_terms(text: &str) -> Vec<String> {
        let mut terms = Vec::new();
        for word in fold(text).split(|c: char| !c.is_alphanumeric()) {
            let count = word.chars().count();
            if count == 0 || (count < 2 && !word.chars().all(|c| c.is_ascii_digit())) || STOPWORDS.contains(&word) {
                continue;
            }
            terms.push(word.chars().take(MAX_TERM).collect::<String>());
        }
        terms
    }

    fn ascii_terms(text: &str) -> Vec<String> {
        let mut terms = Vec::new();
        tokenize_ascii(text, |t| terms.push(t.to_string()));
        terms
    }

    #[test]
    fn the_ascii_path_cuts_like_the_general_one() {
        for text in
            ["The HOUSING-crisis of 2026: a b 5 zz, which", "Their wells", &"x".repeat(60), "Tanger_Nord and the"]
        {
            assert_eq!(ascii_terms(text), general_terms(text), "{text}");
        }
    }

    #[test]
    fn the_ascii_path_cuts_like_the_general_one_on_random_text() {
        // Letters of both cases, digits, punctuation and long runs.
        let alphabet = b"aAbTtHhEe019 -_.,'\n\tWwXxZz";
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..2000 {
            let length = crate::text::next_test_random(&mut state) % 90;
            let text: String = (0..length)
                .map(|_| {
                    let k = crate::text::next_test_random(&mut state) % alphabet.len() as u64;
                    char::from(alphabet[k as usize])
                })
                .collect();
            assert_eq!(ascii_terms(&text), general_terms(&text), "{text:?}");
        }
    }

    #[test]
    fn shard_keys_cover_every_script() {
        assert_eq!(shard_key("housing"), "h");
        assert_eq!(shard_key("2026"), "2");
        assert_eq!(shard_key("طنجة"), "u637");
    }

    #[test]
    fn script_closing_tags_cannot_break_out() {
        assert_eq!(js(&"</script>"), "\"<\\/script>\"");
    }
}
