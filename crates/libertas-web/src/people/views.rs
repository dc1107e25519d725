//! The person page template.

use super::pages::DuplicateNotice;
use crate::http::Chrome;
use crate::i18n::Tr;
use askama::Template;

#[derive(Template)]
#[template(path = "person.html")]
pub struct PersonPage {
    pub t: Tr,
    pub chrome: Chrome,
    /// The person's id, for links to the person's sub-pages (care).
    pub id: String,
    pub name: String,
    pub erased: bool,
    pub facts: Vec<(String, String)>,
    pub cases: Vec<(String, String)>,
    /// Possible existing records, shown once right after the person was added.
    pub duplicates: Option<DuplicateNotice>,
    /// Merges this record took part in, when the reader may see both records.
    pub merges: Vec<PersonMerge>,
}

/// One merge on a person's page: the other record, when, and whether it can still be undone.
pub struct PersonMerge {
    pub id: String,
    /// The other record of the merge.
    pub other_id: String,
    /// "Merged into this record on …" or "Merged into another record on …".
    pub text: String,
    pub active: bool,
}
