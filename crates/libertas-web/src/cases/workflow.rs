//! `/api/v1/cases/{id}/status`, `…/owner`, `…/members/{username}/role|remove`, `…/workflow`:
//! moving a case from open to closed and back, and who works it in which part.

use super::api::CaseJson;
use super::case_id;
use crate::auth::ApiPrincipal;
use crate::error::ApiError;
use crate::json::ApiJson;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use libertas_domain::cases::workflow::{next_statuses, CaseRole, StatusRequest};
use libertas_store::cases::TeamMember;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusJson {
    /// `Active`, `FollowUp`, `Closed` or `ClosedReferred`.
    status: String,
    /// Required when closing (`GoalsAchieved`, `ReferredElsewhere`, `SurvivorDeclined`,
    /// `LostContact`, `Relocated`, `Deceased`, `NotTrafficking`, `Duplicate`, `Other`) and when
    /// reopening (`NewInformation`, `NewNeeds`, `ClosedInError`, `Other`); refused otherwise.
    reason: Option<String>,
}

/// Moves a case: Active ↔ FollowUp; either → Closed or ClosedReferred with a closure reason;
/// a closed case only back to Active with a reopen reason. 400 names `status` or `reason`.
#[utoipa::path(post, path = "/api/v1/cases/{id}/status", tag = "cases", request_body = StatusJson,
    params(("id" = String, Path, description = "case id")),
    responses((status = 200, body = CaseJson), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn set_status(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<StatusJson>,
) -> Result<Json<CaseJson>, ApiError> {
    let id = case_id(&id)?;
    let request = StatusRequest::parse(&body.status, body.reason.as_deref())?;
    state
        .store
        .change_case_status(&p, id, &request, "api: change a case's status")
        .await?;
    let case = state
        .store
        .get_case(&p, id, "api: read the case after a status change")
        .await?;
    Ok(Json(case.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OwnerJson {
    /// A member of the case whose role works cases.
    username: String,
}

/// Hands the case to another member (owner or administrator only; others get 403).
#[utoipa::path(post, path = "/api/v1/cases/{id}/owner", tag = "cases", request_body = OwnerJson,
    params(("id" = String, Path, description = "case id")),
    responses((status = 200, body = CaseJson), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn set_owner(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<OwnerJson>,
) -> Result<Json<CaseJson>, ApiError> {
    let id = case_id(&id)?;
    let case = state
        .store
        .change_case_owner(&p, id, &body.username, "api: change a case's owner")
        .await?;
    Ok(Json(case.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleJson {
    /// `caseworker`, `investigator`, `legal`, `aftercare` or `support` (`lead` is the owner).
    role: String,
}

/// A member and their part in the case.
#[derive(Serialize, ToSchema)]
pub struct TeamMemberJson {
    #[schema(format = "uuid")]
    user_id: String,
    username: String,
    /// Staff role.
    role: String,
    /// `lead` (the owner), `caseworker`, `investigator`, `legal`, `aftercare` or `support`.
    role_in_case: String,
    is_owner: bool,
}

impl From<TeamMember> for TeamMemberJson {
    fn from(m: TeamMember) -> Self {
        Self {
            user_id: m.user_id.to_string(),
            username: m.username,
            role: m.role.as_str().to_owned(),
            role_in_case: m.role_in_case.as_str().to_owned(),
            is_owner: m.is_owner,
        }
    }
}

/// Gives a member (not the owner) their part in the case.
#[utoipa::path(post, path = "/api/v1/cases/{id}/members/{username}/role", tag = "cases", request_body = RoleJson,
    params(("id" = String, Path, description = "case id"), ("username" = String, Path, description = "a member")),
    responses((status = 204), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn set_role(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    Path((id, username)): Path<(String, String)>,
    ApiJson(body): ApiJson<RoleJson>,
) -> Result<Response, ApiError> {
    let id = case_id(&id)?;
    let role = CaseRole::parse_assignable(&body.role)?;
    state
        .store
        .set_member_role(
            &p,
            id,
            &username,
            role,
            "api: set a member's role in a case",
        )
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Takes a member off the case (owner or administrator only; the owner cannot be removed).
#[utoipa::path(post, path = "/api/v1/cases/{id}/members/{username}/remove", tag = "cases",
    params(("id" = String, Path, description = "case id"), ("username" = String, Path, description = "a member")),
    responses((status = 204), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn remove(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    Path((id, username)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let id = case_id(&id)?;
    state
        .store
        .remove_member(&p, id, &username, "api: remove a case member")
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Where a case stands: status, closure reason, the statuses it may move to, and its team.
#[derive(Serialize, ToSchema)]
pub struct WorkflowJson {
    status: String,
    closure_reason: Option<String>,
    next: Vec<String>,
    owner: String,
    members: Vec<TeamMemberJson>,
}

/// The workflow state of a case (members only).
#[utoipa::path(get, path = "/api/v1/cases/{id}/workflow", tag = "cases",
    params(("id" = String, Path, description = "case id")),
    responses((status = 200, body = WorkflowJson), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn get_workflow(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    Path(id): Path<String>,
) -> Result<Json<WorkflowJson>, ApiError> {
    let id = case_id(&id)?;
    let case = state
        .store
        .get_case(&p, id, "api: read a case's workflow")
        .await?;
    let team = state.store.case_team(&p, id).await?;
    Ok(Json(WorkflowJson {
        status: case.status.as_str().to_owned(),
        closure_reason: case.closure_reason,
        next: next_statuses(case.status)
            .into_iter()
            .map(|s| s.as_str().to_owned())
            .collect(),
        owner: case.owner,
        members: team.into_iter().map(Into::into).collect(),
    }))
}
