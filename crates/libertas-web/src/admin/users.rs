//! Administration of the organisation's accounts and access: users (create, disable, reset a
//! lost second factor), API tokens and browser sessions (list, end). Pages and JSON API.
//!
//! API tokens are still issued only on the server (`libertas token create`), where the issuing
//! administrator stands in for the user's second factor; here they can only be listed and
//! revoked. New users get a random first password, shown once, that they must change.

use crate::http::schema;
use crate::http::ApiError;
use crate::http::{error_page, render, Chrome, CsrfForm, Fields};
use crate::http::{ApiPrincipal, PageUser};
use crate::i18n::Tr;
use crate::json::ApiJson;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use libertas_domain::admin::{Password, Principal, Role, Username};
use libertas_store::admin::UserInfo;
use libertas_store::StoreError;
use serde::Deserialize;
use utoipa::ToSchema;

/// A first password: 100 random bits in five groups of four, easy to read out over a phone.
fn first_password() -> String {
    use rand::RngCore;
    const ALPHABET: &[u8; 32] = b"abcdefghjkmnpqrstuvwxyz234567890";
    let mut b = [0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut b);
    let s: String = b
        .iter()
        .map(|x| char::from(ALPHABET[usize::from(*x) % 32]))
        .collect();
    format!(
        "{}-{}-{}-{}-{}",
        &s[0..4],
        &s[4..8],
        &s[8..12],
        &s[12..16],
        &s[16..20]
    )
}

/// A user of the caller's organisation, or `NotFound` (the store decides who may ask).
async fn org_user(state: &AppState, p: &Principal, username: &str) -> Result<UserInfo, ApiError> {
    state
        .store
        .user_by_username(p, username)
        .await?
        .ok_or(ApiError::NotFound)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUserJson {
    /// 3 to 64 of `a-z 0-9 . _ -` (surrounding white space is trimmed), not yet taken.
    #[schema(schema_with = schema::username)]
    pub username: String,
    #[schema(schema_with = super::roles::role_schema)]
    pub role: String,
}

async fn create(
    state: &AppState,
    p: &Principal,
    username: &str,
    role: &str,
) -> Result<(UserInfo, String), ApiError> {
    let username = Username::parse(username)?;
    let role = Role::parse(role)?;
    let password = first_password();
    let pw = Password::parse_for(&password, username.as_str())?;
    state
        .store
        .create_user(
            p,
            p.org_id,
            &username,
            role,
            &pw,
            "administrator created a user",
        )
        .await
        .map_err(|e| match e {
            // Well formed, but taken: a conflict with what exists (409 naming the field).
            StoreError::Conflict(m) => ApiError::Refused {
                field: "username".into(),
                message: m.into(),
            },
            other => other.into(),
        })?;
    let user = org_user(state, p, username.as_str()).await?;
    Ok((user, password))
}

/// The users of the caller's organisation.
#[utoipa::path(get, path = "/api/v1/admin/users", tag = "admin",
    responses((status = 200, description = "`{\"users\": [...]}`"), (status = 401), (status = 403)), security(("bearer" = [])))]
pub async fn api_users(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
) -> Result<Response, ApiError> {
    let users = state.store.users_of_org(&p, p.org_id).await?;
    Ok(Json(serde_json::json!({ "users": users })).into_response())
}

/// Creates a user with a random first password (returned once; they must change it).
#[utoipa::path(post, path = "/api/v1/admin/users", tag = "admin", request_body = NewUserJson,
    responses((status = 201, description = "`{\"user\", \"first_password\"}`"), (status = 400, description = "`username` (3–64 of a-z 0-9 . _ -) or `role` malformed"), (status = 401), (status = 403),
        (status = 409, description = "the username is taken (`field`: `username`)"), (status = 413), (status = 415), (status = 429, description = "password hashing is saturated; `Retry-After` says when to try again")), security(("bearer" = [])))]
pub async fn api_create(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiJson(body): ApiJson<NewUserJson>,
) -> Result<Response, ApiError> {
    let (user, password) = create(&state, &p, &body.username, &body.role).await?;
    Ok((
        StatusCode::CREATED,
        Json(serde_json::json!({ "user": user, "first_password": password })),
    )
        .into_response())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReasonJson {
    /// Why (recorded in the audit trail): 1 to 500 characters on one line.
    #[schema(schema_with = schema::line::<1, 500>)]
    pub reason: String,
}

fn reason(r: &str) -> Result<String, ApiError> {
    Ok(libertas_domain::text::clean_text(
        "reason", r, 1, 500, false,
    )?)
}

/// Disables a user: every session and token ends. 409 when they are the organisation's last
/// active administrator.
#[utoipa::path(post, path = "/api/v1/admin/users/{username}/disable", tag = "admin", request_body = ReasonJson,
    params(("username" = String, Path, description = "username")),
    responses((status = 204), (status = 400, description = "`reason` missing or invalid (1–500 characters)"), (status = 401), (status = 403), (status = 404), (status = 409, description = "the organisation's last active administrator"), (status = 413), (status = 415)), security(("bearer" = [])))]
pub async fn api_disable(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    Path(username): Path<String>,
    ApiJson(body): ApiJson<ReasonJson>,
) -> Result<Response, ApiError> {
    let why = reason(&body.reason)?;
    state.store.disable_user(&p, &username, &why).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Removes a user's TOTP device (lost phone); they enrol again at next sign-in.
#[utoipa::path(post, path = "/api/v1/admin/users/{username}/reset-totp", tag = "admin", request_body = ReasonJson,
    params(("username" = String, Path, description = "username")),
    responses((status = 204), (status = 400, description = "`reason` missing or invalid (1–500 characters)"), (status = 401), (status = 403), (status = 404), (status = 413), (status = 415)), security(("bearer" = [])))]
pub async fn api_reset_totp(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    Path(username): Path<String>,
    ApiJson(body): ApiJson<ReasonJson>,
) -> Result<Response, ApiError> {
    let why = reason(&body.reason)?;
    state.store.reset_totp(&p, &username, &why).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// The API tokens of the organisation (never their secrets).
#[utoipa::path(get, path = "/api/v1/admin/tokens", tag = "admin",
    responses((status = 200, description = "`{\"tokens\": [...]}`"), (status = 401), (status = 403)), security(("bearer" = [])))]
pub async fn api_tokens(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
) -> Result<Response, ApiError> {
    Ok(Json(serde_json::json!({ "tokens": state.store.org_tokens(&p).await? })).into_response())
}

/// Revokes a token of the organisation.
#[utoipa::path(post, path = "/api/v1/admin/tokens/{id}/revoke", tag = "admin", params(("id" = String, Path, description = "token id")),
    responses((status = 204), (status = 401), (status = 403), (status = 404)), security(("bearer" = [])))]
pub async fn api_revoke_token(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = id
        .parse()
        .map_err(|_| ApiError::invalid("id", "must be a token id (a UUID)"))?;
    state
        .store
        .revoke_org_token(&p, id, "administrator revoked a token")
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// The live browser sessions of the organisation.
#[utoipa::path(get, path = "/api/v1/admin/sessions", tag = "admin",
    responses((status = 200, description = "`{\"sessions\": [...]}`"), (status = 401), (status = 403)), security(("bearer" = [])))]
pub async fn api_sessions(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
) -> Result<Response, ApiError> {
    Ok(
        Json(serde_json::json!({ "sessions": state.store.org_sessions(&p).await? }))
            .into_response(),
    )
}

/// Ends a session of the organisation.
#[utoipa::path(post, path = "/api/v1/admin/sessions/{handle}/end", tag = "admin", params(("handle" = String, Path, description = "session handle")),
    responses((status = 204), (status = 401), (status = 403), (status = 404)), security(("bearer" = [])))]
pub async fn api_end_session(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    Path(handle): Path<String>,
) -> Result<Response, ApiError> {
    state.store.end_org_session(&p, &handle).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

// ---- pages ----

pub struct UserRow {
    username: String,
    role: String,
    second_factor: bool,
    disabled: bool,
    /// Stored UTC time (the template writes it for the reader, keeping the ISO value).
    created: String,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
pub struct UsersPage {
    t: Tr,
    chrome: Chrome,
    users: Vec<UserRow>,
    roles: Vec<&'static str>,
    created: Option<(String, String)>,
    error: Option<String>,
}

/// The first value of `name` as sent, or empty.
pub(super) fn field<'a>(f: &'a Fields, name: &str) -> &'a str {
    f.first(name).unwrap_or_default()
}

async fn users_page(
    state: &AppState,
    t: Tr,
    user: &PageUser,
    status: StatusCode,
    created: Option<(String, String)>,
    error: Option<String>,
) -> Result<Response, ApiError> {
    let p = user.principal();
    let users = match state.store.users_of_org(p, p.org_id).await {
        Err(StoreError::Forbidden) => return Ok(error_page(t.lang, StatusCode::FORBIDDEN)),
        other => other?,
    };
    let rows = users
        .into_iter()
        .map(|u| UserRow {
            username: u.username,
            role: u.role.as_str().to_owned(),
            second_factor: u.totp_enrolled,
            disabled: u.disabled,
            created: u.created_at,
        })
        .collect();
    let mut chrome = Chrome::for_page_user(state.config.demo, user);
    chrome.urgent_reports = state.store.urgent_waiting(p).await.unwrap_or(0);
    let roles = Role::ALL.iter().map(|r| r.as_str()).collect();
    Ok(render(
        status,
        &UsersPage {
            t,
            chrome,
            users: rows,
            roles,
            created,
            error,
        },
    ))
}

pub async fn users(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
) -> Result<Response, ApiError> {
    users_page(&state, t, &user, StatusCode::OK, None, None).await
}

pub async fn users_post(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    CsrfForm(f): CsrfForm<Fields>,
) -> Result<Response, ApiError> {
    let p = user.principal().clone();
    let outcome = match field(&f, "action") {
        "create" => create(&state, &p, field(&f, "username"), field(&f, "role"))
            .await
            .map(|(u, pw)| Some((u.username, pw))),
        "disable" | "reset-totp" => {
            let result = async {
                // A reason that fails validation is an error naming `reason`, never a
                // silent default.
                let why = reason(field(&f, "reason"))?;
                let target = field(&f, "username");
                if field(&f, "action") == "disable" {
                    state.store.disable_user(&p, target, &why).await?;
                } else {
                    state.store.reset_totp(&p, target, &why).await?;
                }
                Ok::<_, ApiError>(None)
            };
            result.await
        }
        _ => Err(ApiError::invalid("action", "unknown action")),
    };
    match outcome {
        Ok(Some(created)) => {
            users_page(&state, t, &user, StatusCode::CREATED, Some(created), None).await
        }
        Ok(None) => Ok(Redirect::to("/admin/users").into_response()),
        Err(ApiError::Forbidden) => Ok(error_page(t.lang, StatusCode::FORBIDDEN)),
        Err(ApiError::NotFound) => Ok(error_page(t.lang, StatusCode::NOT_FOUND)),
        Err(ApiError::Conflict(_)) => {
            users_page(
                &state,
                t,
                &user,
                StatusCode::CONFLICT,
                None,
                Some(t.get("admin-role-last-admin")),
            )
            .await
        }
        Err(ApiError::Invalid { field, .. }) => {
            users_page(
                &state,
                t,
                &user,
                StatusCode::BAD_REQUEST,
                None,
                Some(t.get(&format!("admin-error-{field}"))),
            )
            .await
        }
        Err(ApiError::Refused { field, .. }) => {
            users_page(
                &state,
                t,
                &user,
                StatusCode::CONFLICT,
                None,
                Some(t.get(&format!("admin-error-{field}"))),
            )
            .await
        }
        Err(e) => Err(e),
    }
}
