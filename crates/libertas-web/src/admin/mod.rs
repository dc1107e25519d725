//! Signing in and out, the account pages, and the audit viewer.

mod account;
pub(crate) mod audit;
mod login;

use crate::state::AppState;
use axum::routing::{get, post};
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(login::form).post(login::submit))
        .route(
            "/login/totp",
            get(login::totp_form).post(login::totp_submit),
        )
        .route("/logout", post(login::logout))
        .route(
            "/account/password",
            get(account::password_form).post(account::password_submit),
        )
        .route(
            "/account/totp",
            get(account::enrol_form).post(account::enrol_submit),
        )
        .route("/admin/audit", get(audit::page))
        .route("/api/v1/audit", get(audit::api))
        .route("/api/v1/me", get(audit::me))
}
