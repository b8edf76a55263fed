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
//! (Unicode NFD, combining marks dropped, lowercase), so "tetouan" finds "Tétouan".

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use serde::Serialize;

use super::OutputFile;
use crate::text::fold;

/// Documents per `docs-N.js` shard.
pub const DOCS_PER_SHARD: usize = 1000;
/// Longest term indexed, in characters.
const MAX_TERM: usize = 40;

/// Words too common to help find anything (English and French).
const STOPWORDS: [&str; 60] = [
    "the", "and", "for", "are", "but", "not", "you", "all", "any", "can", "her", "was", "one", "our", "out", "has",
    "his", "how", "its", "who", "did", "yes", "she", "him", "let", "with", "that", "this", "from", "they", "them",
    "than", "then", "into", "onto", "were", "been", "have", "their", "there", "which", "would", "could", "les", "des",
    "une", "est", "pour", "dans", "par", "sur", "aux", "qui", "que", "avec", "ces", "ses", "of", "to", "in",
];

/// Call `emit` with each search term of `text`: folded, at least two characters (or a
/// number), common words left out.
pub fn tokenize(text: &str, mut emit: impl FnMut(&str)) {
    let folded = fold(text);
    for word in folded.split(|c: char| !c.is_alphanumeric()) {
        let count = word.chars().count();
        if count == 0 || (count < 2 && !word.chars().all(|c| c.is_ascii_digit())) {
            continue;
        }
        if count <= 4 && STOPWORDS.contains(&word) {
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

/// The terms of one document and their weights.
#[derive(Debug, Default)]
pub struct Terms {
    weights: HashMap<String, u32>,
}

impl Terms {
    /// Add the words of `text`, each counting `weight`.
    pub fn add(&mut self, text: &str, weight: u32) {
        tokenize(text, |term| {
            *self.weights.entry(term.to_string()).or_insert(0) += weight;
        });
    }

    /// The terms as one compact string, "term\tweight\n" per term: one allocation per
    /// document while the index waits for every page.
    pub fn into_compact(self) -> String {
        let mut out = String::with_capacity(self.weights.len() * 12);
        for (term, weight) in self.weights {
            let _ = writeln!(out, "{term}\t{}", weight.min(99));
        }
        out
    }
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
}

/// A snippet: the summary, or the start of the text, cut at a word.
pub fn snippet(summary: Option<&str>, text: &str) -> String {
    let source = summary.unwrap_or(text).trim();
    let mut out = String::new();
    for word in source.split_whitespace() {
        if out.len() + word.len() > 220 {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
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

fn base36(mut n: usize) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    if n == 0 {
        return "0".into();
    }
    let mut out = Vec::new();
    while n > 0 {
        out.push(DIGITS[n % 36]);
        n /= 36;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A JavaScript string literal (JSON is a subset), safe inside a `<script>` file.
fn js(value: &impl Serialize) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".into())
        .replace("</", "<\\/")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// The index files for `docs` (in document-number order) and their compact terms.
pub fn index_files(docs: &[SearchDoc], terms: &[String]) -> Vec<OutputFile> {
    let mut postings: BTreeMap<&str, Vec<(usize, &str)>> = BTreeMap::new();
    for (number, compact) in terms.iter().enumerate() {
        for line in compact.lines() {
            if let Some((term, weight)) = line.split_once('\t') {
                postings.entry(term).or_default().push((number, weight));
            }
        }
    }
    let mut shards: BTreeMap<String, String> = BTreeMap::new();
    for (term, list) in &postings {
        let shard = shards.entry(shard_key(term)).or_default();
        if !shard.is_empty() {
            shard.push(',');
        }
        let mut encoded = String::with_capacity(list.len() * 5);
        let mut previous = 0;
        for (k, (number, weight)) in list.iter().enumerate() {
            if k > 0 {
                encoded.push(',');
            }
            encoded.push_str(&base36(number - previous));
            encoded.push('.');
            encoded.push_str(weight);
            previous = *number;
        }
        let _ = write!(shard, "{}:{}", js(term), js(&encoded));
    }
    let mut files = Vec::new();
    for (key, body) in &shards {
        files.push(OutputFile {
            path: format!("search/terms-{key}.js"),
            bytes: format!("FieldbookSearch.terms({},{{{body}}});\n", js(key)).into_bytes(),
        });
    }
    for (n, chunk) in docs.chunks(DOCS_PER_SHARD).enumerate() {
        let rows: Vec<[&str; 5]> = chunk.iter().map(|d| [d.kind, &d.title, &d.path, &d.meta, &d.snippet]).collect();
        files.push(OutputFile {
            path: format!("search/docs-{n}.js"),
            bytes: format!("FieldbookSearch.docs({n},{});\n", js(&rows)).into_bytes(),
        });
    }
    // The search script cuts queries with these same rules.
    let meta = serde_json::json!({
        "docs": docs.len(),
        "perShard": DOCS_PER_SHARD,
        "shards": shards.keys().collect::<Vec<_>>(),
        "stop": STOPWORDS.as_slice(),
        "maxTerm": MAX_TERM,
    });
    files.push(OutputFile {
        path: "search/meta.js".into(),
        bytes: format!("FieldbookSearch.meta({});\n", js(&meta)).into_bytes(),
    });
    files
}

#[cfg(test)]
mod tests {
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
        assert_eq!(terms("طنجة"), ["طنجة"]);
    }

    #[test]
    fn postings_are_gaps_in_base_36() {
        let docs = vec![
            SearchDoc {
                kind: "page",
                title: "A".into(),
                path: "a.html".into(),
                meta: String::new(),
                snippet: String::new(),
            },
            SearchDoc {
                kind: "page",
                title: "B".into(),
                path: "b.html".into(),
                meta: String::new(),
                snippet: String::new(),
            },
        ];
        let mut a = Terms::default();
        a.add("Housing housing", 1);
        let mut b = Terms::default();
        b.add("housing", 10);
        let files = index_files(&docs, &[a.into_compact(), b.into_compact()]);
        let h = files.iter().find(|f| f.path == "search/terms-h.js").unwrap();
        assert_eq!(String::from_utf8_lossy(&h.bytes), "FieldbookSearch.terms(\"h\",{\"housing\":\"0.2,1.10\"});\n");
        assert_eq!(base36(36 * 36), "100");
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
