//! `ApiJson<T>`: the JSON body extractor with precise errors.
//!
//! Bodies must be `application/json`, within the size limit, valid UTF-8 JSON, and match the
//! request type exactly (request types deny unknown fields). Every failure names the field
//! path where there is one, e.g. `people[0].birth_date: invalid type: integer, expected a string`.

use crate::http::ApiError;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header::CONTENT_TYPE;
use serde::de::DeserializeOwned;

pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = is_json(req.headers());
        if !is_json {
            return Err(ApiError::UnsupportedMediaType);
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::PayloadTooLarge
            } else {
                ApiError::BadRequest("the request body could not be read".into())
            }
        })?;
        parse(&bytes).map(ApiJson)
    }
}

/// Whether the request says its body is JSON (`application/json` or `application/…+json`).
pub fn is_json(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            let mime = v
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            mime == "application/json"
                || (mime.starts_with("application/") && mime.ends_with("+json"))
        })
        .unwrap_or(false)
}

/// Parses a JSON document into `T`, naming the failing field.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    if std::str::from_utf8(bytes).is_err() {
        return Err(ApiError::BadRequest(
            "the request body is not valid UTF-8".into(),
        ));
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(v) => {
            // Trailing garbage after the document is an error too.
            if de.end().is_err() {
                return Err(ApiError::BadRequest(
                    "the request body holds more than one JSON value".into(),
                ));
            }
            Ok(v)
        }
        Err(e) => {
            let path = e.path().to_string();
            let inner = e.into_inner();
            if inner.is_syntax() || inner.is_eof() {
                return Err(ApiError::BadRequest(format!("malformed JSON: {inner}")));
            }
            let msg = inner.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_owned();
            if path == "." || path.is_empty() {
                // A missing or unknown top-level field: serde names it in the message.
                let field = msg
                    .split('`')
                    .nth(1)
                    .filter(|_| {
                        msg.starts_with("missing field") || msg.starts_with("unknown field")
                    })
                    .unwrap_or("body")
                    .to_owned();
                Err(ApiError::invalid(field, msg))
            } else {
                Err(ApiError::invalid(path, msg))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        title: String,
        n: Option<u8>,
    }

    fn field_of(r: Result<Body, ApiError>) -> String {
        match r {
            Err(ApiError::Invalid { field, .. }) => field,
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn names_fields() {
        assert_eq!(field_of(parse(br#"{"title": 5}"#)), "title");
        assert_eq!(field_of(parse(br#"{"title": "x", "n": 300}"#)), "n");
        assert_eq!(field_of(parse(br#"{"title": "x", "zzz": 1}"#)), "zzz");
        assert_eq!(field_of(parse(br#"{}"#)), "title");
        assert!(matches!(parse::<Body>(b"{"), Err(ApiError::BadRequest(_))));
        assert!(matches!(
            parse::<Body>(b"{\"title\": \"\xff\"}"),
            Err(ApiError::BadRequest(_))
        ));
        assert!(matches!(
            parse::<Body>(br#"{"title": "x"} 1"#),
            Err(ApiError::BadRequest(_))
        ));
    }
}
