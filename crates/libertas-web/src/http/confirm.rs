//! The second step of a form that takes something away (removing a case member, revoking a
//! token, ending a session): the first submit answers a page naming what will happen, and
//! only its form, which posts the same fields again with `confirm=yes`, makes the change.
//! No JavaScript is needed, and a POST without `confirm=yes` changes nothing.

use super::page::{render, Chrome};
use crate::i18n::Tr;
use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

/// The value of the `confirm` field that carries out the action.
pub const CONFIRMED: &str = "yes";

/// A form that carries only its CSRF token and, on its second step, `confirm=yes`.
#[derive(Debug, Deserialize)]
pub struct ConfirmForm {
    #[allow(dead_code)]
    csrf: String,
    #[serde(default)]
    confirm: Option<String>,
}

impl ConfirmForm {
    /// Whether this is the confirming submit.
    pub fn confirmed(&self) -> bool {
        self.confirm.as_deref() == Some(CONFIRMED)
    }
}

/// The confirmation page.
#[derive(Template)]
#[template(path = "confirm.html")]
pub struct ConfirmPage {
    pub t: Tr,
    pub chrome: Chrome,
    /// What will happen, in a sentence naming the person or thing.
    pub question: String,
    /// The confirming button's text.
    pub button: String,
    /// Where the confirming form posts (the same action as the first submit).
    pub action: String,
    /// The first submit's fields other than `csrf` and `confirm`, sent again.
    pub fields: Vec<(String, String)>,
    /// Where "cancel" goes back to.
    pub back: String,
}

impl ConfirmPage {
    /// The page as a 200 response.
    pub fn respond(&self) -> Response {
        render(StatusCode::OK, self)
    }
}
