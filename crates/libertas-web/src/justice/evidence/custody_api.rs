//! `/api/v1/cases/{id}/evidence/{eid}/custody`: the chain of custody of one evidence file.

use crate::http::input::given;
use crate::http::schema;
use crate::http::ApiError;
use crate::http::ApiPathIds;
use crate::http::ApiPrincipal;
use crate::json::ApiJson;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use libertas_domain::admin::Username;
use libertas_domain::ids::CaseId;
use libertas_domain::justice::evidence::EvidenceId;
use libertas_domain::justice::evidence::NewCustody;
use libertas_domain::justice::evidence::{parse_received_at, CustodyParty, CustodyPurpose};
use libertas_domain::FieldError;
use libertas_store::justice::CustodyView;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;

/// One entry of a custody log.
#[derive(Serialize, ToSchema)]
pub struct CustodyJson {
    #[schema(format = "uuid")]
    id: String,
    /// `intake`, `transfer`, `verified_ok` or `verify_failed`.
    event: String,
    /// Verification entries: `ok`, `mismatch`, `unreadable` or `missing`.
    outcome: Option<String>,
    /// The case member who received the evidence (intake and transfers).
    received_by: Option<String>,
    /// Who handed it over (encrypted at rest).
    received_from: Option<String>,
    /// Why it changed hands (encrypted at rest).
    purpose: Option<String>,
    /// When it changed hands (UTC).
    occurred_at: String,
    recorded_by: String,
    recorded_at: String,
}

impl From<CustodyView> for CustodyJson {
    fn from(c: CustodyView) -> Self {
        Self {
            id: c.id.to_string(),
            event: c.event.as_str().to_owned(),
            outcome: c.outcome.map(|o| o.as_str().to_owned()),
            received_by: c.received_by,
            received_from: c.received_from,
            purpose: c.purpose,
            occurred_at: c.occurred_at,
            recorded_by: c.recorded_by,
            recorded_at: c.recorded_at,
        }
    }
}

/// A hand-over: received by a member of the case, from someone, at a time, for a reason.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCustodyJson {
    /// Username of the case member who received it (else 400 naming `received_by`); default:
    /// the caller.
    #[schema(schema_with = schema::blank_or_username)]
    pub received_by: Option<String>,
    /// The person or organisation it came from, 1–200 characters. Encrypted at rest.
    #[schema(schema_with = schema::text::<CustodyParty>)]
    pub received_from: String,
    /// Why it changed hands, 1–2,000 characters. Encrypted at rest.
    #[schema(schema_with = schema::text::<CustodyPurpose>)]
    pub purpose: String,
    /// RFC 3339, or `YYYY-MM-DDTHH:MM[:SS]` read as UTC; default: now. From 1900, not in the
    /// future (five minutes of clock skew allowed; else 400 naming `received_at`).
    #[schema(schema_with = schema::blank_or_received_at)]
    pub received_at: Option<String>,
}

impl NewCustodyJson {
    /// Request values to domain values; empty optional fields count as not given.
    pub fn parse(&self, now: OffsetDateTime) -> Result<NewCustody, FieldError> {
        Ok(NewCustody {
            received_by: given(&self.received_by)
                .map(|u| Username::parse(u).map_err(|e| e.at("received_by")))
                .transpose()?,
            received_from: CustodyParty::parse(&self.received_from)?,
            purpose: CustodyPurpose::parse(&self.purpose)?,
            received_at: match given(&self.received_at) {
                Some(t) => parse_received_at(t, now)?,
                None => now,
            },
        })
    }
}

/// Records a hand-over in the custody log.
#[utoipa::path(post, path = "/api/v1/cases/{id}/evidence/{eid}/custody", tag = "justice",
    params(("id" = String, Path, description = "case id"), ("eid" = String, Path, description = "evidence id")),
    request_body = NewCustodyJson,
    responses((status = 201, body = CustodyJson), (status = 400), (status = 401), (status = 403),
        (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn add(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathIds(id, eid): ApiPathIds<CaseId, EvidenceId>,
    ApiJson(body): ApiJson<NewCustodyJson>,
) -> Result<Response, ApiError> {
    let new = body.parse(crate::http::clock::now())?;
    let entry = state
        .store
        .add_custody(&p, id, eid, &new, "api: record custody")
        .await?;
    Ok((StatusCode::CREATED, Json(CustodyJson::from(entry))).into_response())
}

/// The custody log, oldest entry first.
#[utoipa::path(get, path = "/api/v1/cases/{id}/evidence/{eid}/custody", tag = "justice",
    params(("id" = String, Path, description = "case id"), ("eid" = String, Path, description = "evidence id")),
    responses((status = 200, description = "`{\"custody\": [Custody]}`"), (status = 400),
        (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathIds(id, eid): ApiPathIds<CaseId, EvidenceId>,
) -> Result<Response, ApiError> {
    let log: Vec<CustodyJson> = state
        .store
        .custody(&p, id, eid, "api: read custody")
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(Json(serde_json::json!({ "custody": log })).into_response())
}
