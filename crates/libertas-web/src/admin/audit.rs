//! "Who opened this record, and when": the audit trail as JSON for administrators of the
//! organisation (the page is `audit_page`), and `/api/v1/me`.

use crate::http::ApiError;
use crate::http::ApiPrincipal;
use crate::http::{input, schema, ApiQuery};
use crate::state::AppState;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use libertas_domain::admin::{Principal, Username};
use libertas_store::audit::{AuditQuery, AuditRecord};
use serde::Deserialize;

/// The viewer's filters; blank counts as not given.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AuditFilter {
    /// Only events about this object (a person, case, user … id).
    #[param(schema_with = schema::blank_or_uuid)]
    object_id: Option<String>,
    /// Only events by this username.
    #[param(schema_with = schema::blank_or_username)]
    actor: Option<String>,
    /// At most this many events, 1 to 5,000 (default 500).
    #[param(minimum = 1, maximum = 5000)]
    limit: Option<i64>,
}

/// The most events one request returns.
const MAX_EVENTS: i64 = 5000;

impl AuditFilter {
    /// The query the store runs, or a 400 naming the filter that is malformed (an id that is
    /// no UUID, a name no username could have, a limit outside 1 to 5,000).
    fn query(&self) -> Result<AuditQuery, ApiError> {
        let object_id = input::given(&self.object_id)
            .map(|raw| input::uuid("object_id", raw, "an id").map(|id| id.to_string()))
            .transpose()?;
        let actor = input::given(&self.actor)
            .map(|raw| {
                Username::parse(raw)
                    .map(|u| u.as_str().to_owned())
                    .map_err(|e| e.at("actor"))
            })
            .transpose()?;
        let limit = match self.limit {
            None => 500,
            Some(n @ 1..=MAX_EVENTS) => n,
            Some(_) => {
                return Err(ApiError::invalid(
                    "limit",
                    format!("must be a whole number from 1 to {MAX_EVENTS}"),
                ))
            }
        };
        Ok(AuditQuery {
            org_id: None,
            object_id,
            actor,
            after_seq: 0,
            limit,
        })
    }
}

/// The store confines an administrator to their organisation, refuses everyone else
/// (`Forbidden`) and records the read.
async fn events(
    state: &AppState,
    p: &Principal,
    f: &AuditFilter,
) -> Result<Vec<AuditRecord>, ApiError> {
    let q = f.query()?;
    Ok(state.store.audit_events(p, &q).await?)
}

/// Audit events of the caller's organisation (administrators only).
#[utoipa::path(get, path = "/api/v1/audit", params(AuditFilter), tag = "admin",
    responses((status = 200, description = "`{\"events\": [...]}`"), (status = 400, description = "a malformed filter (`object_id`, `actor`, `limit`) or an unknown parameter; `field` names it"), (status = 401), (status = 403)),
    security(("bearer" = [])))]
pub async fn api(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiQuery(f): ApiQuery<AuditFilter>,
) -> Result<Response, ApiError> {
    let found = events(&state, &p, &f).await?;
    Ok(Json(serde_json::json!({ "events": found })).into_response())
}

/// The caller's own identity.
#[utoipa::path(get, path = "/api/v1/me", tag = "admin",
    responses((status = 200, description = "`{\"user_id\", \"username\", \"role\", \"org_id\"}`"), (status = 401)),
    security(("bearer" = [])))]
pub async fn me(ApiPrincipal(p): ApiPrincipal) -> Json<serde_json::Value> {
    Json(serde_json::json!({
        "user_id": p.user_id, "username": p.username, "role": p.role.as_str(), "org_id": p.org_id
    }))
}
