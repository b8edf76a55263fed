//! Linking a site again after some of its files changed, were added or were removed, without
//! reading the others again: what `serve` does when a change reaches beyond one page (a new
//! heading, a new or deleted file, a translation).
//!
//! The documents that did not change are moved, not copied, into the new version with the
//! outline of their body (reading every body again was most of a whole link); every
//! document's references and links are checked again, as a link anywhere may name a heading
//! or page that changed. The new version says how its documents relate to the previous
//! one's ([`Changes`]), so that what is made from each document for rendering is made again
//! only for those that changed, and it hands back what it took out, so that a version with
//! errors can be undone.

use super::{Settings, Site, link_docs};
use crate::diagnostic::Diagnostics;
use crate::markdown::Outline;
use crate::model::Doc;
use crate::schema::Schema;

/// One change to a site's documents.
#[derive(Debug)]
pub enum Edit {
    /// A new version of document `.0` (the same file, read again).
    Replace(usize, Doc),
    /// A document of a file that was not in the site.
    Add(Doc),
    /// Document `.0` is gone (its file was deleted or renamed).
    Remove(usize),
}

/// How the documents of a new version of a site relate to those of the previous one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changes {
    /// Per document of the new version: its index in the previous version, or `None` when it
    /// is new.
    pub old_of_new: Vec<Option<usize>>,
    /// Per document of the new version: true when what it shows of itself may differ from the
    /// previous version (it is new or was read again, or its page, its visibility, its
    /// original or its translations changed; a translation takes its data from its original,
    /// so one changed member of a group of translations touches the whole group).
    pub touched: Vec<bool>,
}

impl Changes {
    /// Documents `changed` of a site of `count` documents were replaced in place.
    pub fn in_place(count: usize, changed: &[usize]) -> Changes {
        let mut touched = vec![false; count];
        for &i in changed {
            touched[i] = true;
        }
        Changes { old_of_new: (0..count).map(Some).collect(), touched }
    }

    /// True when no document was added or removed: each keeps its index.
    pub fn same_documents(&self) -> bool {
        self.old_of_new.iter().enumerate().all(|(n, o)| *o == Some(n))
    }
}

/// The documents of the next version, as they are put in order.
struct Next {
    docs: Vec<Doc>,
    /// The outline of each document that kept its body.
    known: Vec<Option<Outline>>,
    old_of_new: Vec<Option<usize>>,
    touched: Vec<bool>,
    undo: Vec<Edit>,
}

impl Next {
    fn with_capacity(n: usize) -> Next {
        Next {
            docs: Vec::with_capacity(n),
            known: Vec::with_capacity(n),
            old_of_new: Vec::with_capacity(n),
            touched: Vec::with_capacity(n),
            undo: Vec::new(),
        }
    }

    fn push(&mut self, doc: Doc, outline: Option<Outline>, old: Option<usize>, touched: bool) {
        self.docs.push(doc);
        self.known.push(outline);
        self.old_of_new.push(old);
        self.touched.push(touched);
    }

    /// A new document: undone by removing it.
    fn add(&mut self, doc: Doc) {
        self.undo.push(Edit::Remove(self.docs.len()));
        self.push(doc, None, None, true);
    }
}

/// A site linked again: the new version, its problems, how its documents relate to the
/// previous version's, and the edits that would take it back to the previous version.
#[derive(Debug)]
pub struct Relinked {
    /// The new version.
    pub site: Site,
    /// Every problem of linking it.
    pub problems: Diagnostics,
    /// How its documents relate to the previous version's.
    pub changes: Changes,
    /// The edits that make the previous version again from this one (with the documents
    /// that were replaced or removed).
    pub undo: Vec<Edit>,
}

impl Site {
    /// Link the site again with `edits` applied, keeping the documents that did not change and
    /// their outlines. Documents stay in path order, the order a fresh load gives (a new file
    /// takes its place among them), so the new version is the site a fresh load of the same
    /// files links.
    pub fn relinked(self, edits: Vec<Edit>, schema: &Schema) -> Relinked {
        let Site {
            docs,
            outlines,
            mut assets,
            withheld,
            unpublished,
            audience,
            rules,
            unusable,
            visible,
            paths,
            original,
            translations,
            ..
        } = self;
        if !withheld.is_empty() {
            // Back among the others, in discovery's order, to be admitted again or not.
            assets.extend(withheld);
            assets.sort_by(|a, b| a.path.cmp(&b.path));
        }
        let count = docs.len();
        let mut replaced: Vec<Option<Doc>> = (0..count).map(|_| None).collect();
        let mut removed = vec![false; count];
        let mut added = Vec::new();
        for edit in edits {
            match edit {
                Edit::Replace(i, doc) => replaced[i] = Some(doc),
                Edit::Remove(i) => removed[i] = true,
                Edit::Add(doc) => added.push(doc),
            }
        }
        // The order discovery gives: by path, one folder level at a time (`Path`'s order).
        added.sort_by(|a, b| a.source.path.cmp(&b.source.path));
        let mut added = added.into_iter().peekable();
        let mut next = Next::with_capacity(count + added.len());
        for ((i, doc), outline) in docs.into_iter().enumerate().zip(outlines) {
            while let Some(new) = added.next_if(|new| new.source.path < doc.source.path) {
                next.add(new);
            }
            if removed[i] {
                next.undo.push(Edit::Add(doc));
                continue;
            }
            match replaced[i].take() {
                Some(new) => {
                    next.undo.push(Edit::Replace(next.docs.len(), doc));
                    next.push(new, None, Some(i), true);
                }
                None => next.push(doc, Some(outline), Some(i), false),
            }
        }
        for new in added {
            next.add(new);
        }
        let Next { docs: new_docs, known, old_of_new, mut touched, undo } = next;
        let settings = Settings { assets, audience, rules, unusable, unpublished };
        let kept: Vec<bool> = touched.iter().map(|touched| !touched).collect();
        let (site, problems) = link_docs(new_docs, known, &kept, settings, schema);

        // What changed about a document without its file changing.
        let mut new_of_old = vec![None; count];
        for (n, o) in old_of_new.iter().enumerate() {
            if let Some(o) = *o {
                new_of_old[o] = Some(n);
            }
        }
        for (n, o) in old_of_new.iter().enumerate() {
            let Some(o) = *o else { continue };
            let moved = site.visible[n] != visible[o]
                || site.paths[n] != paths[o]
                || site.original[n] != original[o].and_then(|x| new_of_old[x])
                || !site.translations[n].iter().map(|&t| Some(t)).eq(translations[o].iter().map(|&t| new_of_old[t]));
            if moved {
                touched[n] = true;
            }
        }
        // Every member of a group of translations shows what the others give.
        let groups: Vec<usize> = (0..site.docs.len()).filter(|&n| touched[n]).map(|n| site.original_of(n)).collect();
        for g in groups {
            touched[g] = true;
            for &t in &site.translations[g] {
                touched[t] = true;
            }
        }
        Relinked { site, problems, changes: Changes { old_of_new, touched }, undo }
    }

    /// Per document: true when what it shows may have changed with the documents `touched`
    /// (see [`Changes::touched`]): it is one of them, or it names one of them (a reference or
    /// link, shown or hidden, whose title, page or visibility it shows), or it is of a group
    /// of translations one of them is in.
    pub fn affected(&self, touched: &[bool]) -> Vec<bool> {
        (0..self.docs.len())
            .map(|j| {
                let group = self.original_of(j);
                touched[j]
                    || touched[group]
                    || self.translations[group].iter().any(|&t| touched[t])
                    || self.reaches[j].iter().any(|&t| touched[t])
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::{Audience, LinkRules, link};
    use crate::load::ContentFile;
    use crate::model::ContentType;

    /// A document read from `text`, as the file `content/<content_path>`.
    fn doc(content_path: &str, text: &str, schema: &Schema) -> Doc {
        let source = crate::source::SourceFile::new(
            "fieldbook.toml",
            "fieldbook.toml",
            "title = \"T\"\nlanguages = [\"en\", \"fr\"]\n".into(),
        );
        let config = crate::config::Config::parse(&source).unwrap();
        let wording = Vec::new();
        let context = crate::validate::Context {
            schema,
            config: &config,
            today: crate::date::Date::new(2026, 1, 1).unwrap(),
            wording: &wording,
        };
        let content_type = ContentType::from_content_path(content_path).unwrap();
        let file = ContentFile {
            path: std::path::PathBuf::from("/site/content").join(content_path),
            display: format!("content/{content_path}"),
            content_path: content_path.to_string(),
            content_type,
        };
        let (raw, problems) = crate::load::load_text(file, text.to_string());
        assert!(problems.is_ok(), "{content_path}: {problems:?}");
        match crate::validate::validate_file(raw.unwrap(), context) {
            (Ok(doc), problems) if problems.is_ok() => doc,
            (_, problems) => panic!("{content_path}: {problems:?}"),
        }
    }

    fn page(title: &str, body: &str) -> String {
        format!("---\ntitle: {title}\nstatus: published\n---\n\n{body}\n")
    }

    fn site(files: &[(&str, String)], schema: &Schema) -> (Site, Diagnostics) {
        let docs = files.iter().map(|(path, text)| doc(path, text, schema)).collect();
        let validated = crate::validate::Validated { docs, outlines: Vec::new(), unusable: Vec::new() };
        link(validated, crate::link::Files::default(), schema, Audience::PUBLIC, LinkRules::default())
    }

    /// What a site says of itself, to compare a site linked again with one linked afresh.
    fn summary(site: &Site) -> String {
        let docs: Vec<&str> = site.docs.iter().map(|d| d.content_path.as_str()).collect();
        format!(
            "{docs:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
            site.paths,
            site.visible,
            site.original,
            site.translations,
            site.backlinks,
            site.reaches,
            site.outlines,
            site.problems()
        )
    }

    #[test]
    fn adding_removing_and_replacing_gives_what_a_fresh_link_gives() {
        let (schema, _) = crate::schema::load(None);
        let about = ("about.md", page("About", "See [the guide](water.md#wells)."));
        let water = ("water.md", page("Water", "## Wells\n\nText."));
        let zeta = ("zeta.md", page("Zeta", "Back to [about](about.md)."));
        let (old, problems) = site(&[about.clone(), water.clone(), zeta.clone()], &schema);
        assert!(problems.is_ok(), "{problems:?}");

        // A page added between two others, one removed, one with a new heading.
        let middle = ("first.md", page("First", "Hello, [about](about.md)."));
        let water_2 = ("water.md", page("Water", "## Wells\n\n## Pumps\n\nText."));
        let edits = vec![
            Edit::Add(doc(middle.0, &middle.1, &schema)),
            Edit::Remove(2),
            Edit::Replace(1, doc(water_2.0, &water_2.1, &schema)),
        ];
        let Relinked { site: new, problems, changes, undo } = old.relinked(edits, &schema);
        assert!(problems.is_ok(), "{problems:?}");
        let (fresh, _) = site(&[about.clone(), middle.clone(), water_2.clone()], &schema);
        assert_eq!(summary(&new), summary(&fresh));
        assert_eq!(changes.old_of_new, [Some(0), None, Some(1)]);
        assert_eq!(changes.touched, [false, true, true]);
        assert!(!changes.same_documents());
        // The page that links to the changed guide is affected; the guide's search entry too.
        assert_eq!(new.affected(&changes.touched), [true, true, true]);
        assert_eq!(new.affected(&[false, true, false]), [false, true, false], "nothing links to the new page");
        assert_eq!(new.affected(&[true, false, false]), [true, true, false], "the new page links to the first");

        // Undone: the previous version again, in its order.
        let back = new.relinked(undo, &schema);
        let (first, _) = site(&[about, water, zeta], &schema);
        assert_eq!(summary(&back.site), summary(&first));
        assert_eq!(back.changes.old_of_new, [Some(0), Some(2), None]);
    }

    #[test]
    fn a_translation_added_touches_its_original() {
        let (schema, _) = crate::schema::load(None);
        let files = [("about.md", page("About", "Text.")), ("contact.md", page("Contact", "[About](about.md)"))];
        let (old, _) = site(&files, &schema);
        let french = ("about.fr.md", "---\ntitle: À propos\n---\n\nTexte.\n".to_string());
        let relinked = old.relinked(vec![Edit::Add(doc(french.0, &french.1, &schema))], &schema);
        assert!(relinked.problems.is_ok(), "{:?}", relinked.problems);
        let docs: Vec<&str> = relinked.site.docs.iter().map(|d| d.content_path.as_str()).collect();
        assert_eq!(docs, ["about.fr.md", "about.md", "contact.md"], "path order");
        assert_eq!(relinked.changes.touched, [true, true, false]);
        // The contact page links to the page that gained a language.
        assert_eq!(relinked.site.affected(&relinked.changes.touched), [true, true, true]);
        let (fresh, _) = site(&[french, files[0].clone(), files[1].clone()], &schema);
        assert_eq!(summary(&relinked.site), summary(&fresh));
    }

    #[test]
    fn a_removed_page_that_is_linked_to_is_a_broken_link() {
        let (schema, _) = crate::schema::load(None);
        let files = [("about.md", page("About", "Text.")), ("contact.md", page("Contact", "[About](about.md)"))];
        let (old, _) = site(&files, &schema);
        let relinked = old.relinked(vec![Edit::Remove(0)], &schema);
        assert_eq!(relinked.problems.error_count(), 1, "{:?}", relinked.problems);
    }
}
