//! Signing in and out, the account pages, and the audit viewer.

mod account;
pub(crate) mod audit;
mod login;
pub(crate) mod people_admin;

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
        .route(
            "/admin/users",
            get(people_admin::users).post(people_admin::users_post),
        )
        .route(
            "/admin/access",
            get(people_admin::access).post(people_admin::access_post),
        )
        .route(
            "/api/v1/admin/users",
            get(people_admin::api_users).post(people_admin::api_create),
        )
        .route(
            "/api/v1/admin/users/{username}/disable",
            post(people_admin::api_disable),
        )
        .route(
            "/api/v1/admin/users/{username}/reset-totp",
            post(people_admin::api_reset_totp),
        )
        .route("/api/v1/admin/tokens", get(people_admin::api_tokens))
        .route(
            "/api/v1/admin/tokens/{id}/revoke",
            post(people_admin::api_revoke_token),
        )
        .route("/api/v1/admin/sessions", get(people_admin::api_sessions))
        .route(
            "/api/v1/admin/sessions/{handle}/end",
            post(people_admin::api_end_session),
        )
}
