//! HTTP for Libertas: server-rendered pages, the JSON API under `/api/v1`, sessions and
//! tokens, security headers and translations.
//!
//! One module per feature, each owning its `router()`: `public` (information pages, health,
//! static files), `admin` (sign-in, accounts, users, roles, audit), `cases` (cases and the
//! protect sub-features: partners, referrals, notifications, operations, decisions, tasks,
//! workflow), `people` (persons and search), `reports` (public reporting and the helpline),
//! `justice` (evidence and proceedings), `care` (consent, assessments, care plans),
//! `training`, `stats` (indicators), `supporters` (the public's e-mail updates sign-up and the
//! supporter staff's pages; `mailer` sends their outbox) and `home` (each role's landing page
//! of counts). [`app`]
//! merges them and wraps them in the security layers; `openapi` gathers their parts of the API
//! document.
//!
//! Every feature builds on the shared layer [`http`] (session extractors, `CsrfForm`,
//! `PathId`, the page chrome, `ApiError`/`PageError`, cookies, the clock) and imports nothing
//! from a sibling feature. Handlers read top to bottom: authenticate → parse → load →
//! authorise → change (with its audit event) → respond. The authorisation checks themselves
//! live in the store, next to the data, so no handler can forget them.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub(crate) mod admin;
mod alerts;
pub(crate) mod care;
pub(crate) mod cases;
pub(crate) mod exports;
pub(crate) mod home;
pub mod http;
mod i18n;
mod json;
pub(crate) mod justice;
#[cfg(test)]
mod layering;
mod limits;
pub mod mailer;
pub mod openapi;
pub(crate) mod people;
mod public;
pub(crate) mod reports;
mod security;
mod server;
mod state;
pub(crate) mod stats;
pub(crate) mod supporters;
pub(crate) mod training;
pub mod webhook_signature;

pub use i18n::parse_time_zone;
pub use server::ServerLimits;
pub use state::{AppState, WebConfig};

use axum::Router;
use std::time::Duration;
use tokio::net::TcpListener;

/// Every feature's routes, merged.
fn routes() -> http::Routes {
    http::Routes::new()
        .merge(public::router())
        .merge(admin::router())
        .merge(cases::router())
        .merge(home::router())
        .merge(people::router())
        .merge(reports::router())
        .merge(justice::router())
        .merge(care::router())
        .merge(training::router())
        .merge(stats::router())
        .merge(exports::router())
        .merge(supporters::router())
}

/// Every route the application serves (method and path template), for the access-matrix
/// tests: a route without a row in the matrix fails them.
pub fn route_table() -> Vec<http::RouteInfo> {
    routes().table()
}

/// The whole application.
pub fn app(state: AppState) -> Router {
    routes()
        .into_router()
        .fallback(http::not_found)
        .layer(axum::extract::DefaultBodyLimit::max(
            state.config.max_body_bytes,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            http::error_pages_keep_menu,
        ))
        .layer(axum::middleware::from_fn(i18n::keep_query))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            i18n::keep_zone,
        ))
        .layer(axum::middleware::from_fn(security::headers))
        .with_state(state)
}

/// Serves until `shutdown` resolves, writing the audit checkpoint every few seconds and once
/// more on the way out. Connections are served under [`ServerLimits`] (header and body read
/// timeouts, idle timeout, a cap on connections; see `server.rs`).
pub async fn serve(
    state: AppState,
    listener: TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let store = state.store.clone();
    let sessions = state.config.sessions;
    let checkpointer = tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(2));
        let mut n = 0u64;
        loop {
            tick.tick().await;
            if let Err(e) = store.checkpoint().await {
                tracing::warn!(error = %e, "audit checkpoint failed");
            }
            n += 1;
            if n.is_multiple_of(30) {
                if let Err(e) = store.sweep_sessions(sessions).await {
                    tracing::warn!(error = %e, "session sweep failed");
                }
            }
        }
    });
    let mailer = mailer::spawn(&state);
    let store = state.store.clone();
    let limits = state.config.server;
    let result = server::serve_with_limits(app(state), listener, limits, shutdown).await;
    checkpointer.abort();
    mailer.abort();
    if let Err(e) = store.checkpoint().await {
        tracing::warn!(error = %e, "final audit checkpoint failed");
    }
    result
}
