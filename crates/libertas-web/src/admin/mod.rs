//! Signing in and out, the account pages, and the audit viewer.

mod access;
mod account;
pub(crate) mod audit;
pub(crate) mod audit_page;
mod login;
pub(crate) mod qr;
pub(crate) mod roles;
pub(crate) mod users;
mod views;

use crate::http::{get, post, put, Routes};

/// The role-change route, documented here and merged into the main document by `openapi/mod.rs`
/// through the cases part (the admin module has no `api_doc` of its own).
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(roles::api_set_role),
    components(schemas(roles::RoleJson, roles::RoleChangedJson))
)]
pub(crate) struct AdminDoc;

/// Routes documented apart from the main list in `openapi/mod.rs` (merged into the document).
pub(crate) fn api_doc() -> utoipa::openapi::OpenApi {
    use utoipa::OpenApi;
    AdminDoc::openapi()
}

pub fn router() -> Routes {
    Routes::new()
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
        .route("/admin/audit", get(audit_page::page))
        .route("/api/v1/audit", get(audit::api))
        .route("/api/v1/me", get(audit::me))
        .route("/admin/users", get(users::users).post(users::users_post))
        .route(
            "/admin/access",
            get(access::access).post(access::access_post),
        )
        .route(
            "/api/v1/admin/users",
            get(users::api_users).post(users::api_create),
        )
        .route(
            "/api/v1/admin/users/{username}/disable",
            post(users::api_disable),
        )
        .route(
            "/api/v1/admin/users/{username}/reset-totp",
            post(users::api_reset_totp),
        )
        .route("/api/v1/admin/tokens", get(users::api_tokens))
        .route(
            "/api/v1/admin/tokens/{id}/revoke",
            post(users::api_revoke_token),
        )
        .route("/admin/organisations", get(roles::organisations))
        .route("/admin/users/role", post(roles::role_form))
        .route("/api/v1/admin/users/{id}/role", put(roles::api_set_role))
        .route("/api/v1/admin/sessions", get(users::api_sessions))
        .route(
            "/api/v1/admin/sessions/{handle}/end",
            post(users::api_end_session),
        )
}
