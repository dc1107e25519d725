//! `ApiQuery<T>`: the query-string extractor of the JSON API.
//!
//! axum's own `Query` answers a malformed query string with a plain-text 400 that names nothing;
//! the API promises the JSON error body with the parameter at fault in `field`, as bodies do
//! (`json::ApiJson`). Query types are declared with `#[into_params(parameter_in = Query)]` so
//! the document lists them where they are read.

use crate::http::ApiError;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

pub struct ApiQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiQuery<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parse(parts.uri.query().unwrap_or("")).map(ApiQuery)
    }
}

/// Parses a query string into `T`, naming the parameter at fault.
pub fn parse<T: DeserializeOwned>(query: &str) -> Result<T, ApiError> {
    let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize::<_, T>(de).map_err(|e| {
        let path = e.path().to_string();
        let msg = e.into_inner().to_string();
        let field = if path == "." || path.is_empty() {
            // An unknown, missing or repeated parameter: serde names it in the message.
            msg.split('`').nth(1).unwrap_or("query").to_owned()
        } else {
            path
        };
        ApiError::invalid(field, msg)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Q {
        overdue: Option<bool>,
        limit: Option<u32>,
    }

    fn field_of(q: &str) -> String {
        match parse::<Q>(q) {
            Err(ApiError::Invalid { field, .. }) => field,
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn names_the_parameter() {
        assert!(parse::<Q>("").is_ok());
        assert!(parse::<Q>("overdue=true&limit=3").is_ok());
        assert_eq!(field_of("overdue=yes"), "overdue");
        assert_eq!(field_of("overdue="), "overdue");
        assert_eq!(field_of("limit=-1"), "limit");
        assert_eq!(field_of("limit=4294967296"), "limit");
        assert_eq!(field_of("other=1"), "other");
        assert_eq!(field_of("limit=1&limit=2"), "limit");
    }
}
