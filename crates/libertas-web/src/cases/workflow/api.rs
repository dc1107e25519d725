//! `/api/v1/cases/{id}/status`, `…/owner`, `…/members/{username}/role|remove`, `…/workflow`:
//! moving a case from open to closed and back, and who works it in which part.

use crate::cases::api::CaseJson;
use crate::http::case_id;
use crate::http::schema::{self, blank_pattern, Codes};
use crate::http::ApiError;
use crate::http::ApiPathId;
use crate::http::ApiPrincipal;
use crate::json::ApiJson;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use libertas_domain::cases::workflow::{
    next_statuses, CaseRole, ClosureReason, ReopenReason, StatusRequest,
};
use libertas_domain::ids::CaseId;
use libertas_store::cases::TeamMember;
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{AnyOfBuilder, ObjectBuilder, OneOfBuilder, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::ToSchema;

/// A status change. Closing (`Closed`, `ClosedReferred`) names a closure reason
/// (`GoalsAchieved`, `ReferredElsewhere`, `SurvivorDeclined`, `LostContact`, `Relocated`,
/// `Deceased`, `NotTrafficking`, `Duplicate`, `Other`); `Active` may name a reopen reason
/// (`NewInformation`, `NewNeeds`, `ClosedInError`, `Other`), which reopening a closed case
/// needs; `FollowUp` names none. A blank reason counts as none.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusJson {
    status: String,
    reason: Option<String>,
}

/// The request rules of `StatusRequest::parse`, one variant per target status.
impl utoipa::PartialSchema for StatusJson {
    fn schema() -> RefOr<Schema> {
        let status = |codes: &[&'static str]| {
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(codes.to_vec()))
        };
        let blank = || {
            AnyOfBuilder::new()
                .item(ObjectBuilder::new().schema_type(Type::Null))
                .item(
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .pattern(Some(blank_pattern())),
                )
        };
        let active = ObjectBuilder::new()
            .property("status", status(&["Active"]))
            .property("reason", schema::blank_or_code::<ReopenReason>())
            .required("status");
        let follow_up = ObjectBuilder::new()
            .property("status", status(&["FollowUp"]))
            .property("reason", blank())
            .required("status");
        let close = ObjectBuilder::new()
            .property("status", status(&["Closed", "ClosedReferred"]))
            .property("reason", schema::code::<ClosureReason>())
            .required("status")
            .required("reason");
        OneOfBuilder::new()
            .description(Some(
                "A status change: `Active` (with a reopen reason to reopen a closed case), \
                 `FollowUp`, or `Closed`/`ClosedReferred` with a closure reason. A blank reason \
                 counts as none.",
            ))
            .item(active)
            .item(follow_up)
            .item(close)
            .into()
    }
}

impl ToSchema for StatusJson {}

/// Moves a case: Active ↔ FollowUp; either → Closed or ClosedReferred with a closure reason;
/// a closed case only back to Active with a reopen reason. A request that does not fit its
/// target status is a 400 naming `status` or `reason`; one that does not fit where the case
/// stands (already there, a closed case not reopened, reopening without a reason) is a 409.
#[utoipa::path(post, path = "/api/v1/cases/{id}/status", tag = "cases", request_body = StatusJson,
    params(("id" = String, Path, description = "case id")),
    responses((status = 200, body = CaseJson), (status = 400), (status = 401), (status = 403), (status = 404),
        (status = 409, description = "the change does not fit the case's current status")),
    security(("bearer" = [])))]
pub async fn set_status(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<CaseId>,
    ApiJson(body): ApiJson<StatusJson>,
) -> Result<Json<CaseJson>, ApiError> {
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
    /// A member of the case whose role works cases (else 400 naming `username`).
    #[schema(schema_with = schema::username)]
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
    ApiPathId(id): ApiPathId<CaseId>,
    ApiJson(body): ApiJson<OwnerJson>,
) -> Result<Json<CaseJson>, ApiError> {
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
    #[schema(schema_with = schema::code::<AssignableRole>)]
    role: String,
}

/// The roles `CaseRole::parse_assignable` accepts.
pub struct AssignableRole;

impl Codes for AssignableRole {
    fn codes() -> Vec<&'static str> {
        CaseRole::assignable().map(CaseRole::as_str).collect()
    }
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

/// Gives a member (not the owner) their part in the case. 404 when `username` is not a member.
#[utoipa::path(post, path = "/api/v1/cases/{id}/members/{username}/role", tag = "cases", request_body = RoleJson,
    params(("id" = String, Path, description = "case id"), ("username" = String, Path, description = "a member")),
    responses((status = 204), (status = 400), (status = 401), (status = 403), (status = 404),
        (status = 409, description = "the member is the owner, whose part is always `lead`")),
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
/// 404 when `username` is not a member.
#[utoipa::path(post, path = "/api/v1/cases/{id}/members/{username}/remove", tag = "cases",
    params(("id" = String, Path, description = "case id"), ("username" = String, Path, description = "a member")),
    responses((status = 204), (status = 400), (status = 401), (status = 403), (status = 404),
        (status = 409, description = "the member is the owner: change the owner first")),
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
    ApiPathId(id): ApiPathId<CaseId>,
) -> Result<Json<WorkflowJson>, ApiError> {
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
