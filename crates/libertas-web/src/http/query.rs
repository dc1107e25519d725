//! Query-string extractors: `ApiQuery<T>` for the JSON API, `PageQuery<T>` for pages.
//!
//! axum's own `Query` answers a malformed query string with a plain-text 400 that names nothing;
//! the API promises the JSON error body with the parameter at fault in `field`, as bodies do
//! (`json::ApiJson`). Query types are declared with `#[into_params(parameter_in = Query)]` so
//! the document lists them where they are read.
//!
//! A page's query also carries `lang` (the language switch keeps the page's query and changes
//! only `lang`), which belongs to no page's filter: `PageQuery` takes it out before `T` reads the
//! rest, and answers a query `T` cannot read with the 400 page in the reader's language, never
//! with a raw error.

use crate::http::page::error_page;
use crate::http::ApiError;
use crate::i18n::lang_of;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::Response;
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

/// The query of a page, without `lang`, as `T`. Page query types ignore parameters they do not
/// know (no `deny_unknown_fields`), so a bookmarked or shared link with an extra parameter
/// still opens; a value `T` cannot read answers the 400 page.
pub struct PageQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for PageQuery<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parse_page(parts.uri.query().unwrap_or(""))
            .map(PageQuery)
            .map_err(|_| error_page(lang_of(parts), StatusCode::BAD_REQUEST))
    }
}

/// Parses a page's query string into `T`, leaving `lang` out.
pub fn parse_page<T: DeserializeOwned>(query: &str) -> Result<T, ApiError> {
    let rest: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form_urlencoded::parse(query.as_bytes()).filter(|(k, _)| k != "lang"))
        .finish();
    parse(&rest)
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

    #[test]
    fn a_page_query_leaves_lang_out() {
        let q: Q = parse_page("lang=ro&overdue=true&lang=uk").unwrap();
        assert_eq!(q.overdue, Some(true));
        assert!(parse_page::<Q>("lang=xx").is_ok());
        assert!(parse_page::<Q>("overdue=yes&lang=ro").is_err());
    }
}
