//! Role changes of staff (API and the users page's form) and the organisations overview page
//! (`/admin/organisations`). Administrators only, inside their own organisation; creating
//! organisations stays a task for the operator on the server (`libertas org add`).

use crate::http::ApiError;
use crate::http::ApiPathId;
use crate::http::{render, Chrome, CsrfForm, ErrorPage, Fields};
use crate::http::{ApiPrincipal, OrPage, PageError, PageResult, PageUser};
use crate::i18n::Tr;
use crate::json::ApiJson;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::Json;
use libertas_domain::admin::Role;
use libertas_domain::ids::UserId;
use libertas_store::StoreError;
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::ToSchema;

/// The new role of a user. (Documented as `UserRoleJson`: a case member's role change has
/// its own `RoleJson`.)
#[derive(Deserialize, ToSchema)]
#[schema(as = UserRoleJson)]
#[serde(deny_unknown_fields)]
pub struct RoleJson {
    #[schema(schema_with = role_schema)]
    pub role: String,
}

/// One of the roles, exactly as written.
pub(crate) fn role_schema() -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(Role::ALL.iter().map(|r| r.as_str())))
        .into()
}

/// The user's id and role after the change.
#[derive(Serialize, ToSchema)]
pub struct RoleChangedJson {
    pub id: String,
    pub role: String,
}

/// Changes a user's role (administrators of the user's organisation). 409 when it would
/// leave the organisation without an administrator.
#[utoipa::path(put, path = "/api/v1/admin/users/{id}/role", tag = "admin", request_body = RoleJson,
    params(("id" = String, Path, description = "user id")),
    responses((status = 200, body = RoleChangedJson), (status = 400), (status = 401), (status = 403), (status = 404),
        (status = 409, description = "the organisation would be left without an administrator"), (status = 413), (status = 415)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn api_set_role(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(user): ApiPathId<UserId>,
    ApiJson(body): ApiJson<RoleJson>,
) -> Result<Json<RoleChangedJson>, ApiError> {
    let role = Role::parse(&body.role)?;
    state
        .store
        .set_user_role(&p, user, role, "api: change a user's role")
        .await?;
    Ok(Json(RoleChangedJson {
        id: user.to_string(),
        role: role.as_str().to_owned(),
    }))
}

/// `POST /admin/users/role` (fields `username`, `role`): back to the users page.
#[tracing::instrument(skip_all)]
pub async fn role_form(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let p = user.principal();
    // The last value of a field, as the form was read before (into a map).
    let username = f.last("username").unwrap_or_default();
    let target = state
        .store
        .user_by_username(p, username)
        .await
        .or_page(t)?
        .ok_or_else(|| PageError::not_found(t))?;
    let role = Role::parse(f.last("role").map(str::trim).unwrap_or_default())
        .map_err(|_| PageError::bad_request(t))?;
    match state
        .store
        .set_user_role(p, target.id, role, "page: change a user's role")
        .await
    {
        Ok(()) => Ok(Redirect::to("/admin/users").into_response()),
        Err(StoreError::Conflict(_)) => Ok(render(
            StatusCode::CONFLICT,
            &ErrorPage {
                t,
                chrome,
                heading: t.get("admin-role-refused"),
                message: t.get("admin-role-last-admin"),
            },
        )),
        Err(e) => Err(PageError::store(t, e)),
    }
}

/// One organisation on the overview page.
pub struct OrgRow {
    pub name: String,
    /// The stored time, shown with `Tr::datetime`.
    pub created: String,
    pub own: bool,
    pub users: String,
}

#[derive(Template)]
#[template(path = "admin/organisations.html")]
pub struct OrganisationsPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub orgs: Vec<OrgRow>,
}

/// `GET /admin/organisations`: the organisations on this Libertas; user counts for the
/// administrator's own.
pub async fn organisations(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
) -> PageResult {
    let p = user.principal();
    let list = state
        .store
        .org_overview(p, "page: organisations overview")
        .await
        .or_page(t)?;
    let orgs = list
        .into_iter()
        .map(|o| OrgRow {
            name: o.name,
            created: o.created_at,
            own: o.own,
            users: match (o.users, o.active_users) {
                (Some(all), Some(active)) => format!("{} / {}", t.number(active), t.number(all)),
                _ => String::new(),
            },
        })
        .collect();
    Ok(render(
        StatusCode::OK,
        &OrganisationsPage { chrome, orgs, t },
    ))
}
