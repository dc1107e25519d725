//! Signing in and out, the account pages, and the audit viewer.

mod account;
pub(crate) mod audit;
mod login;
mod partner_pages;
pub(crate) mod people_admin;
pub(crate) mod roles;
mod views;

use crate::http::{get, post, put, Routes};

/// The role-change route, documented here and merged into the main document by `openapi.rs`
/// through the cases part (the admin module has no `api_doc` of its own).
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(roles::api_set_role),
    components(schemas(roles::RoleJson, roles::RoleChangedJson))
)]
pub(crate) struct AdminDoc;

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
        .route("/admin/organisations", get(roles::organisations))
        .route("/admin/users/role", post(roles::role_form))
        .route("/api/v1/admin/users/{id}/role", put(roles::api_set_role))
        .route(
            "/admin/partners",
            get(partner_pages::list).post(partner_pages::create),
        )
        .route(
            "/admin/partners/{id}",
            get(partner_pages::edit).post(partner_pages::update),
        )
        .route(
            "/admin/partners/{id}/active",
            post(partner_pages::set_active),
        )
        .route("/api/v1/admin/sessions", get(people_admin::api_sessions))
        .route(
            "/api/v1/admin/sessions/{handle}/end",
            post(people_admin::api_end_session),
        )
}
