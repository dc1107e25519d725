//! Routes without authentication: health, the OpenAPI document, static files.

pub(crate) mod info;

use crate::http::{get, Routes};
use crate::state::AppState;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

pub fn router() -> Routes {
    Routes::new()
        .route("/healthz", get(healthz))
        .route("/api/v1/openapi.json", get(openapi))
        .route("/static/app.css", get(css))
        .route("/static/public.css", get(public_css))
        .route("/static/quick-exit.js", get(quick_exit_js))
        .merge(info::router())
}

/// 200 when the database answers, 503 otherwise.
async fn healthz(axum::extract::State(state): axum::extract::State<AppState>) -> Response {
    if state.store.ping().await {
        (StatusCode::OK, Json(serde_json::json!({ "status": "ok" }))).into_response()
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(serde_json::json!({ "status": "database unavailable" })),
        )
            .into_response()
    }
}

async fn openapi() -> Response {
    Json(crate::openapi::document()).into_response()
}

async fn css() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../static/app.css"),
    )
        .into_response()
}

/// Not cached, like the public pages themselves: a cached copy would be a trace of the visit.
async fn public_css() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        include_str!("../../static/public.css"),
    )
        .into_response()
}

/// The quick exit's enhancement; the page works without it.
async fn quick_exit_js() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        include_str!("../../static/quick-exit.js"),
    )
        .into_response()
}
