//! "Who opened this record, and when": the audit viewer (page and JSON) for administrators
//! of the organisation, and `/api/v1/me`.

use crate::auth::{ApiPrincipal, PageUser};
use crate::error::ApiError;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::{render, AuditPage, Chrome};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use libertas_domain::admin::Principal;
use libertas_store::audit::{AuditQuery, AuditRecord};
use serde::Deserialize;

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct AuditFilter {
    /// Only events about this object (a person, case, user … id).
    object_id: Option<String>,
    /// Only events by this username.
    actor: Option<String>,
    /// At most this many events (default 500).
    limit: Option<i64>,
}

/// The store confines an administrator to their organisation, refuses everyone else
/// (`Forbidden`) and records the read.
async fn events(
    state: &AppState,
    p: &Principal,
    f: &AuditFilter,
) -> Result<Vec<AuditRecord>, ApiError> {
    let q = AuditQuery {
        org_id: None,
        object_id: f.object_id.clone().filter(|s| !s.trim().is_empty()),
        actor: f.actor.clone().filter(|s| !s.trim().is_empty()),
        after_seq: 0,
        limit: f.limit.unwrap_or(500).clamp(1, 5000),
    };
    Ok(state.store.audit_events(p, &q).await?)
}

/// Audit events of the caller's organisation (administrators only).
#[utoipa::path(get, path = "/api/v1/audit", params(AuditFilter), tag = "admin",
    responses((status = 200, description = "`{\"events\": [...]}`"), (status = 401), (status = 403)),
    security(("bearer" = [])))]
pub async fn api(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    Query(f): Query<AuditFilter>,
) -> Result<Response, ApiError> {
    let found = events(&state, &p, &f).await?;
    Ok(Json(serde_json::json!({ "events": found })).into_response())
}

pub async fn page(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Query(f): Query<AuditFilter>,
) -> Response {
    let p = user.principal().clone();
    match events(&state, &p, &f).await {
        Ok(found) => render(
            StatusCode::OK,
            &AuditPage {
                t,
                chrome: Chrome::for_user(state.config.demo, &p, user.csrf()),
                object_id: f.object_id.unwrap_or_default(),
                events: found,
            },
        ),
        Err(ApiError::Forbidden) => crate::views::error_page(t.lang, StatusCode::FORBIDDEN),
        Err(e) => e.into_response(),
    }
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
