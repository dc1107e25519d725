//! `/api/v1/people/{id}/care-closures`: closing a survivor's care, which needs a current
//! outcome assessment and a written justification (issue 4, item 11).

use crate::http::schema;
use crate::http::ApiError;
use crate::http::ApiPathId;
use crate::http::ApiPrincipal;
use crate::json::ApiJson;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use libertas_domain::care::ClosureJustification;
use libertas_domain::ids::PersonId;
use libertas_store::care::ClosureView;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Closing a person's care.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewClosureJson {
    /// Why care is closed, 20 to 10,000 characters.
    #[schema(schema_with = schema::text::<ClosureJustification>)]
    pub justification: String,
}

/// One closure of a person's care, with the assessment it rests on.
#[derive(Serialize, ToSchema)]
pub struct ClosureJson {
    id: String,
    assessment_id: String,
    /// Null once the person was erased.
    justification: Option<String>,
    closed_by: String,
    closed_at: String,
}

impl From<ClosureView> for ClosureJson {
    fn from(v: ClosureView) -> Self {
        Self {
            id: v.id,
            assessment_id: v.assessment_id,
            justification: v.justification,
            closed_by: v.closed_by,
            closed_at: v.closed_at,
        }
    }
}

/// Closes a person's care. 409 naming `assessments` without a current (not overdue)
/// assessment; 400 naming `justification` when it is missing or too short.
#[utoipa::path(post, path = "/api/v1/people/{id}/care-closures", tag = "care", request_body = NewClosureJson,
    params(("id" = String, Path, description = "person id")),
    responses((status = 201, body = ClosureJson), (status = 400), (status = 401), (status = 403), (status = 404),
        (status = 409, description = "the person has no current outcome assessment")),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn close(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(person): ApiPathId<PersonId>,
    ApiJson(body): ApiJson<NewClosureJson>,
) -> Result<Response, ApiError> {
    let justification = ClosureJustification::parse(&body.justification)?;
    let today = crate::http::clock::now().date();
    let v = state
        .store
        .close_care(&p, person, &justification, today, "api: close care")
        .await?;
    Ok((StatusCode::CREATED, Json(ClosureJson::from(v))).into_response())
}

/// A person's care closures, oldest first.
#[utoipa::path(get, path = "/api/v1/people/{id}/care-closures", tag = "care",
    params(("id" = String, Path, description = "person id")),
    responses((status = 200, description = "`{\"closures\": [Closure]}`"), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn list(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(person): ApiPathId<PersonId>,
) -> Result<Response, ApiError> {
    let closures: Vec<ClosureJson> = state
        .store
        .care_closures(&p, person, "api: read care closures")
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(Json(serde_json::json!({ "closures": closures })).into_response())
}
