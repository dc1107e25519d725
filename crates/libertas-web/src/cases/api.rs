//! `/api/v1/cases…`

use crate::http::schema;
use crate::http::ApiError;
use crate::http::ApiPathId;
use crate::http::ApiPrincipal;
use crate::http::ApiQuery;
use crate::json::ApiJson;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use libertas_domain::cases::{CaseTitle, NoteText};
use libertas_domain::ids::CaseId;
use libertas_store::cases::{CaseView, MemberView, NoteView};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A case as its members see it.
#[derive(Serialize, ToSchema)]
pub struct CaseJson {
    #[schema(format = "uuid")]
    id: String,
    /// The short case number people read aloud and write on paper: `C-`, the year it was
    /// opened, and its count in the organisation that year (`C-2026-00123`).
    #[schema(pattern = r"^C-[0-9]{4}-[0-9]{5,12}$")]
    number: String,
    #[schema(format = "uuid")]
    org_id: String,
    title: String,
    /// HTCDS case status: `Active`, `FollowUp`, `Closed` or `ClosedReferred`.
    status: String,
    /// Why the case was closed (a closure reason code); absent while it is open.
    #[serde(skip_serializing_if = "Option::is_none")]
    closure_reason: Option<String>,
    #[schema(format = "uuid")]
    owner_id: String,
    owner: String,
    created_at: String,
    updated_at: String,
}

impl From<CaseView> for CaseJson {
    fn from(c: CaseView) -> Self {
        Self {
            id: c.id.to_string(),
            number: c.number,
            org_id: c.org_id.to_string(),
            title: c.title,
            status: c.status.as_str().to_owned(),
            closure_reason: c.closure_reason,
            owner_id: c.owner_id.to_string(),
            owner: c.owner,
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCase {
    /// 1–200 characters. Encrypted at rest.
    #[schema(schema_with = schema::text::<CaseTitle>)]
    title: String,
}

/// Opens a case; the caller becomes its owner and first member.
#[utoipa::path(post, path = "/api/v1/cases", tag = "cases", request_body = CreateCase,
    responses((status = 201, body = CaseJson), (status = 400), (status = 401), (status = 403)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiJson(body): ApiJson<CreateCase>,
) -> Result<Response, ApiError> {
    let title = CaseTitle::parse(&body.title)?;
    let case = state
        .store
        .create_case(&p, &title, "api: open a case")
        .await?;
    Ok((StatusCode::CREATED, Json(CaseJson::from(case))).into_response())
}

/// The cases the caller is a member of.
#[utoipa::path(get, path = "/api/v1/cases", tag = "cases",
    responses((status = 200, description = "`{\"cases\": [Case]}`"), (status = 401), (status = 403)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
) -> Result<Response, ApiError> {
    let cases: Vec<CaseJson> = state
        .store
        .my_cases(&p, "api: list my cases")
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(Json(serde_json::json!({ "cases": cases })).into_response())
}

/// One case (members only; anyone else gets 404).
#[utoipa::path(get, path = "/api/v1/cases/{id}", tag = "cases", params(("id" = String, Path, description = "case id")),
    responses((status = 200, body = CaseJson), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn get_one(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<CaseId>,
) -> Result<Json<CaseJson>, ApiError> {
    Ok(Json(
        state
            .store
            .get_case(&p, id, "api: read a case")
            .await?
            .into(),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct MemberJson {
    #[schema(format = "uuid")]
    user_id: String,
    username: String,
    role: String,
    added_at: String,
}

impl From<MemberView> for MemberJson {
    fn from(m: MemberView) -> Self {
        Self {
            user_id: m.user_id.to_string(),
            username: m.username,
            role: m.role.as_str().to_owned(),
            added_at: m.added_at,
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMember {
    /// A colleague of the same organisation whose role works cases (else 400 naming
    /// `username`).
    #[schema(schema_with = schema::username)]
    username: String,
}

/// Adds a member: 201 when added, 204 when they already were one.
#[utoipa::path(post, path = "/api/v1/cases/{id}/members", tag = "cases", request_body = NewMember,
    params(("id" = String, Path, description = "case id")),
    responses((status = 201), (status = 204), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn add_member(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<CaseId>,
    ApiJson(body): ApiJson<NewMember>,
) -> Result<Response, ApiError> {
    let added = state
        .store
        .add_member(&p, id, body.username.trim(), "api: add a case member")
        .await?;
    Ok(if added {
        (
            StatusCode::CREATED,
            Json(serde_json::json!({ "case_id": id, "username": body.username.trim() })),
        )
            .into_response()
    } else {
        StatusCode::NO_CONTENT.into_response()
    })
}

/// The members of a case.
#[utoipa::path(get, path = "/api/v1/cases/{id}/members", tag = "cases", params(("id" = String, Path, description = "case id")),
    responses((status = 200, description = "`{\"members\": [Member]}`"), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn members(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<CaseId>,
) -> Result<Response, ApiError> {
    let members: Vec<MemberJson> = state
        .store
        .members(&p, id)
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(Json(serde_json::json!({ "members": members })).into_response())
}

#[derive(Serialize, ToSchema)]
pub struct NoteJson {
    #[schema(format = "uuid")]
    id: String,
    #[schema(format = "uuid")]
    case_id: String,
    #[schema(format = "uuid")]
    author_id: String,
    author: String,
    text: String,
    created_at: String,
}

impl From<NoteView> for NoteJson {
    fn from(n: NoteView) -> Self {
        Self {
            id: n.id.to_string(),
            case_id: n.case_id.to_string(),
            author_id: n.author_id.to_string(),
            author: n.author,
            text: n.text,
            created_at: n.created_at,
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewNote {
    /// 1–50,000 characters. Encrypted at rest under the case key.
    #[schema(schema_with = schema::text::<NoteText>)]
    text: String,
}

/// Adds a note to a case.
#[utoipa::path(post, path = "/api/v1/cases/{id}/notes", tag = "cases", request_body = NewNote,
    params(("id" = String, Path, description = "case id")),
    responses((status = 201, body = NoteJson), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn add_note(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<CaseId>,
    ApiJson(body): ApiJson<NewNote>,
) -> Result<Response, ApiError> {
    let text = NoteText::parse(&body.text)?;
    let note = state
        .store
        .add_note(&p, id, &text, "api: add a case note")
        .await?;
    Ok((StatusCode::CREATED, Json(NoteJson::from(note))).into_response())
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct NotesQuery {
    /// Only the newest `limit` notes (all when absent).
    #[param(minimum = 0, maximum = 100000)]
    limit: Option<i64>,
}

/// The most notes one `limit` may ask for (far beyond any case's notes).
const MAX_NOTES_LIMIT: i64 = 100_000;

/// A case's notes, oldest first.
#[utoipa::path(get, path = "/api/v1/cases/{id}/notes", tag = "cases", params(("id" = String, Path, description = "case id"), NotesQuery),
    responses((status = 200, description = "`{\"notes\": [Note]}`"), (status = 400, description = "`limit` is not a whole number from 0 to 100000"), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn notes(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<CaseId>,
    ApiQuery(q): ApiQuery<NotesQuery>,
) -> Result<Response, ApiError> {
    let limit = match q.limit {
        None => None,
        Some(n @ 0..=MAX_NOTES_LIMIT) => u32::try_from(n).ok(),
        Some(_) => {
            return Err(ApiError::invalid(
                "limit",
                format!("must be a whole number from 0 to {MAX_NOTES_LIMIT}"),
            ))
        }
    };
    let notes: Vec<NoteJson> = state
        .store
        .notes(&p, id, limit, "api: read case notes")
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(Json(serde_json::json!({ "notes": notes })).into_response())
}
