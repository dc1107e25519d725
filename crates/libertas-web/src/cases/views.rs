//! The home page and case page templates.

use crate::cases::tasks::pages::TaskRow;
use crate::http::Chrome;
use crate::i18n::Tr;
use askama::Template;

pub struct CaseRow {
    pub id: String,
    /// `C-2026-00123`.
    pub number: String,
    pub title: String,
    pub status: String,
    pub updated: String,
}

#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    pub t: Tr,
    pub chrome: Chrome,
    pub can_work_cases: bool,
    pub cases: Vec<CaseRow>,
    /// Open tasks past their due date in the user's cases.
    pub overdue: Vec<TaskRow>,
}

pub struct PersonRow {
    pub id: String,
    pub name: String,
    pub role: String,
    pub status: String,
}

pub struct NoteRow {
    pub author: String,
    pub created: String,
    pub text: String,
}

pub struct MemberRow {
    pub username: String,
    pub role: String,
}

#[derive(Template)]
#[template(path = "case.html")]
pub struct CasePage {
    pub t: Tr,
    pub chrome: Chrome,
    pub id: String,
    /// `C-2026-00123`.
    pub number: String,
    pub title: String,
    pub status: String,
    pub owner: String,
    pub people: Vec<PersonRow>,
    pub notes: Vec<NoteRow>,
    pub members: Vec<MemberRow>,
    pub error: Option<String>,
}
