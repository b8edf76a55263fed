//! Where each entry of the site's schema.toml is, by list and id, kept on the schema
//! ([`crate::schema::Schema::site_entries`]) for what can only be found once the site's
//! languages are known (see [`crate::schema::languages`]).

use std::collections::BTreeMap;

use super::{Def, Origin, OriginOf, Reporter, SchemaFile};
use crate::diagnostic::Location;
use crate::source::Span;

/// The `id = "..."` line (a field's `name = "..."`) of every entry of the site's file among
/// `files`, by list (`indicators`, `fields`) and id; an entry given twice, at its last place,
/// as the merge keeps it.
pub(super) fn located(
    reporter: &Reporter<'_>,
    files: &[(SchemaFile, OriginOf, bool)],
) -> BTreeMap<(&'static str, String), Location> {
    let mut site_entries = BTreeMap::new();
    for (file, _, _) in files.iter().filter(|(_, _, from_site)| *from_site) {
        macro_rules! located {
            ($($list:ident$(: $what:literal)?),* $(,)?) => {$(
                for item in &file.$list {
                    let (range, id) = (item.span(), item.get_ref().id());
                    let at = reporter.at_id(Origin::Site(Span::new(range.start, range.end)), id);
                    site_entries.insert((stringify!($list), id.to_string()), at);
                }
            )*};
        }
        crate::schema::term_lists!(located);
        located!(fields);
    }
    site_entries
}
