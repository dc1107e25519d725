//! The home page and case page templates.

use crate::http::Chrome;
use crate::i18n::Tr;
use askama::Template;

pub struct PersonRow {
    pub id: String,
    pub name: String,
    pub role: String,
    pub status: String,
}

pub struct NoteRow {
    pub author: String,
    /// The stored UTC time; the page shows it with `Tr::datetime`.
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
