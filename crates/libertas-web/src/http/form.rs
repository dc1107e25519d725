//! Page forms: one extractor, [`CsrfForm`], for every staff form.
//!
//! It reads the body exactly as axum's `Form` does (415 for another content type, 413 past the
//! body limit, 422 when the fields do not fit `T`), then checks the form came from our own site
//! and carries the session's CSRF token (403 page otherwise), as `AnySession::check_form` does.
//! `T` is either a typed struct or [`Fields`], which keeps every field in order, repeated names
//! included (check boxes, multi-selects).
//!
//! The public report pages have no session, hence no CSRF token: they read their fields with
//! [`PublicForm`], which keeps their lenient reading (any content type) so that nobody who
//! could send a report yesterday is turned away today.

use super::auth::PageUser;
use crate::security;
use crate::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, FromRequestParts, RawForm, Request};
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use axum::Form;
use serde::de::DeserializeOwned;
use serde::Deserialize;

/// A submitted staff form whose origin and CSRF token have been checked.
pub struct CsrfForm<T = Fields>(pub T);

impl<T> FromRequest<AppState> for CsrfForm<T>
where
    T: DeserializeOwned + Send,
{
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let user = PageUser::from_request_parts(&mut parts, state).await?;
        let (method, headers) = (parts.method.clone(), parts.headers.clone());
        let RawForm(bytes) = RawForm::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(IntoResponse::into_response)?;
        let value = typed::<T>(bytes.clone(), state).await?;
        // Every `csrf` value must be the session's token; a form without one is refused too.
        let tokens: Vec<String> = form_urlencoded::parse(&bytes)
            .filter(|(k, _)| k == "csrf")
            .map(|(_, v)| v.into_owned())
            .collect();
        let all_match = tokens
            .iter()
            .all(|t| security::token_matches(t, user.csrf()));
        let given = tokens
            .first()
            .filter(|_| all_match)
            .map_or("", String::as_str);
        user.0.check_form(&method, &headers, given)?;
        Ok(CsrfForm(value))
    }
}

/// `T` from the body with axum's own `Form`, so a body that does not fit is refused with the
/// very status and message it was refused with before.
async fn typed<T: DeserializeOwned>(bytes: Bytes, state: &AppState) -> Result<T, Response> {
    let rebuilt = Request::post("/")
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(bytes))
        .map_err(|_| {
            (
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                "internal error",
            )
        })
        .map_err(IntoResponse::into_response)?;
    Form::<T>::from_request(rebuilt, state)
        .await
        .map(|Form(v)| v)
        .map_err(IntoResponse::into_response)
}

/// The fields of a form posted without a session (the public report pages), read from the
/// body as sent whatever its content type, as those pages always read it; only a body past
/// the limit is refused (413, axum's own answer). Their rate limits and proof-of-work stay
/// in the pages' handlers.
pub struct PublicForm(pub Fields);

impl<S: Send + Sync> FromRequest<S> for PublicForm {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let pairs = form_urlencoded::parse(&bytes)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        Ok(PublicForm(Fields(pairs)))
    }
}

/// A form that carries nothing but its CSRF token. The token is required: a form without
/// one is refused with 422 before the CSRF check, as a typed form always was.
#[derive(Debug, Deserialize)]
pub struct CsrfOnly {
    #[allow(dead_code)]
    csrf: String,
}

/// Every field of a form, in the order sent, repeated names included.
#[derive(Debug, Default, Deserialize)]
#[serde(transparent)]
pub struct Fields(Vec<(String, String)>);

impl Fields {
    /// The first value of `name`, as sent (possibly empty).
    pub fn first(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first value of `name` as sent, unless it is blank.
    pub fn filled(&self, name: &str) -> Option<&str> {
        self.first(name).filter(|v| !v.trim().is_empty())
    }

    /// The last value of `name`, as sent (a form read as a map kept the last one).
    pub fn last(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of `name`, in order.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The first value of `name`, trimmed, or empty when absent.
    pub fn text(&self, name: &str) -> String {
        self.first(name)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    }

    /// Every value of `name` that is not blank, trimmed, in order (check boxes).
    pub fn texts(&self, name: &str) -> Vec<String> {
        self.all(name)
            .into_iter()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// The fields as sent.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.0
    }
}
