//! Templates of the duplicates pages.

use crate::http::Chrome;
use crate::i18n::Tr;
use askama::Template;

/// One side of a pair, ready to show.
pub struct Side {
    pub id: String,
    pub name: String,
    pub birth_date: String,
    pub phone: String,
    pub email: String,
}

/// One open candidate as the reader may see it.
pub struct EntryRow {
    pub id: String,
    /// Both names and the score, when the reader is on a case of each record.
    pub pair: Option<(Side, Side, String)>,
    /// Otherwise the reader's own record, if any.
    pub yours: Option<String>,
    /// Otherwise whom to ask, as one line.
    pub ask: String,
}

/// A merge in the history, with an undo form while it is active.
pub struct MergeRow {
    pub id: String,
    pub kept_id: String,
    pub absorbed_id: String,
    pub merged_at: String,
    pub active: bool,
}

/// The latest job: one sentence, and whether it still runs (the page then reloads itself).
pub struct JobLine {
    pub text: String,
    pub running: bool,
}

#[derive(Template)]
#[template(path = "people/duplicates.html")]
pub struct QueuePage {
    pub t: Tr,
    pub chrome: Chrome,
    pub job: Option<JobLine>,
    pub entries: Vec<EntryRow>,
    pub merges: Vec<MergeRow>,
}

impl QueuePage {
    /// Whether the latest job is still running (then no second one is offered).
    pub fn running(&self) -> bool {
        self.job.as_ref().is_some_and(|j| j.running)
    }
}

#[derive(Template)]
#[template(path = "people/duplicate.html")]
pub struct PairPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub id: String,
    pub a: Side,
    pub b: Side,
    pub score: String,
    pub fields: String,
}
