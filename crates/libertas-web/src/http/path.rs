//! Typed ids in page paths.

use crate::i18n::{lang_of, Tr};
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use std::str::FromStr;

use super::error::ApiError;
use super::page::PageError;
use libertas_domain::ids::CaseId;

/// The one `{id}` of a page route, parsed as `T` (a case id, a partner id…). An id that does not
/// parse answers the 404 page, as a missing record does: a page never says an id was malformed.
pub struct PathId<T>(pub T);

impl<T, S> FromRequestParts<S> for PathId<T>
where
    T: FromStr + Send,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let t = Tr {
            lang: lang_of(parts),
        };
        raw.parse()
            .map(PathId)
            .map_err(|_| PageError::not_found(t).into_response())
    }
}

/// Parses a case id from the path; a malformed id is a 400 naming `id`.
pub fn case_id(raw: &str) -> Result<CaseId, ApiError> {
    raw.parse()
        .map_err(|_| ApiError::invalid("id", "must be a case id (a UUID)"))
}
