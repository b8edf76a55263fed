//! Countries as pages show them: in the page's language when Fieldbook knows the country's
//! name in it ([`crate::country::name_in`]), else as the profile wrote it. The model and the
//! exports keep the English name; only what readers see changes with the page.

use super::Job;
use crate::render::views::Env;

impl Env<'_> {
    /// The country named `name` in the model, as this page's language shows it (`Morocco` on a
    /// French page: `Maroc`).
    pub fn country_name<'n>(&self, name: &'n str) -> &'n str {
        crate::country::name_in(name, self.locale.tag())
    }

    /// The name of a country's or tag's page (`job`), as this page's language shows it: a
    /// country in the language, a tag as written.
    pub fn term_name(&self, job: Job, name: &str) -> String {
        match job {
            Job::Countries | Job::Country(..) => self.country_name(name).to_string(),
            _ => name.to_string(),
        }
    }
}
