//! The one error type of the web layer and its responses.
//!
//! API callers get `{"error": {"code", "message", "field"?}}` with a fitting status; internal
//! causes are logged once here with an operation id and never shown. Anything the caller may
//! not see is a plain 404, indistinguishable from a missing record.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use libertas_domain::FieldError;
use libertas_store::StoreError;
use serde_json::json;

#[derive(Debug)]
pub enum ApiError {
    Unauthenticated,
    Forbidden,
    NotFound,
    Invalid {
        field: String,
        message: String,
    },
    BadRequest(String),
    Conflict(String),
    /// 409 naming a field: a conflict with the record's current state, or a refusal because of
    /// one field's value (the reporter said contact is not safe, say).
    Refused {
        field: String,
        message: String,
    },
    PayloadTooLarge,
    UnsupportedMediaType,
    /// Rate limited; retry after this many seconds.
    TooManyRequests(u64),
    Internal(String),
}

impl ApiError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl From<FieldError> for ApiError {
    fn from(e: FieldError) -> Self {
        ApiError::Invalid {
            field: e.field,
            message: e.message,
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => ApiError::NotFound,
            StoreError::Forbidden => ApiError::Forbidden,
            StoreError::Invalid(f) => f.into(),
            StoreError::Conflict(m) => ApiError::Conflict(m.to_owned()),
            StoreError::Refused { field, message } => ApiError::Refused {
                field: field.to_owned(),
                message: message.to_owned(),
            },
            StoreError::TooManyRequests(s) => ApiError::TooManyRequests(s),
            StoreError::Busy { retry_after } => ApiError::TooManyRequests(retry_after),
            StoreError::Conflicting(f) => ApiError::Refused {
                field: f.field,
                message: f.message,
            },
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl ApiError {
    pub fn status_and_body(&self) -> (StatusCode, serde_json::Value) {
        let (status, code, message, field) = match self {
            ApiError::Unauthenticated => (
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                "sign in or send a bearer token".to_owned(),
                None,
            ),
            ApiError::Forbidden => (
                StatusCode::FORBIDDEN,
                "forbidden",
                "your role may not do this".to_owned(),
                None,
            ),
            ApiError::NotFound => (
                StatusCode::NOT_FOUND,
                "not_found",
                "no such resource".to_owned(),
                None,
            ),
            ApiError::Invalid { field, message } => (
                StatusCode::BAD_REQUEST,
                "invalid_field",
                format!("{field}: {message}"),
                Some(field.clone()),
            ),
            ApiError::BadRequest(m) => (StatusCode::BAD_REQUEST, "bad_request", m.clone(), None),
            ApiError::Conflict(m) => (StatusCode::CONFLICT, "conflict", m.clone(), None),
            ApiError::Refused { field, message } => (
                StatusCode::CONFLICT,
                "conflict",
                format!("{field}: {message}"),
                Some(field.clone()),
            ),
            ApiError::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                "the request body is too large".to_owned(),
                None,
            ),
            ApiError::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "send the body as application/json".to_owned(),
                None,
            ),
            ApiError::TooManyRequests(s) => (
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_requests",
                format!("too many requests; try again in {s} seconds"),
                None,
            ),
            ApiError::Internal(cause) => {
                let op = uuid::Uuid::now_v7();
                tracing::error!(operation = %op, cause = %cause, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    format!("something went wrong (operation {op})"),
                    None,
                )
            }
        };
        let mut err = json!({ "code": code, "message": message });
        if let Some(f) = field {
            err["field"] = json!(f);
        }
        (status, json!({ "error": err }))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = self.status_and_body();
        let retry = if let ApiError::TooManyRequests(s) = &self {
            Some(*s)
        } else {
            None
        };
        let mut res = (status, Json(body)).into_response();
        if let Some(s) = retry {
            if let Ok(v) = axum::http::HeaderValue::from_str(&s.to_string()) {
                res.headers_mut().insert(axum::http::header::RETRY_AFTER, v);
            }
        }
        if status == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        res
    }
}

/// Unknown routes: JSON under `/api/`, a page elsewhere.
pub async fn not_found(t: crate::i18n::Tr, uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") {
        ApiError::NotFound.into_response()
    } else {
        super::page::error_page(t.lang, StatusCode::NOT_FOUND)
    }
}
