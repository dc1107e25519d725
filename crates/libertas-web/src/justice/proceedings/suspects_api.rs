//! `/api/v1/cases/{id}/suspects`: the suspects of a case and their HTCDS roles in the
//! trafficking process (`per_RoleInProcess`).

use crate::http::schema;
use crate::http::ApiError;
use crate::http::ApiPathId;
use crate::http::ApiPathIds;
use crate::http::ApiPrincipal;
use crate::json::ApiJson;
use crate::state::AppState;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use libertas_domain::ids::CaseId;
use libertas_domain::ids::PersonId;
use libertas_domain::justice::suspects::{parse_roles, SuspectRole};
use libertas_store::justice::SuspectView;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A suspect of the case with their roles.
#[derive(Serialize, ToSchema)]
pub struct SuspectJson {
    #[schema(format = "uuid")]
    pub person_id: String,
    /// Given and family name (encrypted at rest); `null` once the person was erased.
    pub name: Option<String>,
    /// HTCDS v2 `per_RoleInProcess` codes (plus `Controller`, `Financier`).
    pub roles: Vec<String>,
}

impl From<SuspectView> for SuspectJson {
    fn from(s: SuspectView) -> Self {
        Self {
            person_id: s.person_id.to_string(),
            name: s.name,
            roles: s.roles.iter().map(|r| r.as_str().to_owned()).collect(),
        }
    }
}

/// The whole set of roles of one suspect (replaces the previous set; `[]` clears it).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RolesJson {
    /// Codes: TravellingPartner, Transporter, RecruiterOrIntermediary, BrokerTravelAgent,
    /// TransferredIndividual, HarbouredIndividual, SoldIndividual, BoughtIndividual,
    /// ReceivedIndividual, ControlledIndividual, Smuggler, Abuser, Kidnapper, Exploiter,
    /// Controller, Financier, Other. Anything else is a 400 naming `roles`. At most 34 (twice
    /// the number of codes; a code given twice counts once).
    #[schema(schema_with = schema::code_items::<SuspectRole, 0, 34>)]
    pub roles: Vec<String>,
}

/// Parses a person id from the path; a malformed one is a 400 naming `person_id`.
pub fn person_id(raw: &str) -> Result<PersonId, ApiError> {
    raw.parse()
        .map_err(|_| ApiError::invalid("person_id", "must be a person id (a UUID)"))
}

/// The suspects of a case, names decrypted (each read audited).
#[utoipa::path(get, path = "/api/v1/cases/{id}/suspects", tag = "justice",
    params(("id" = String, Path, description = "case id")),
    responses((status = 200, description = "`{\"suspects\": [Suspect]}`"), (status = 400),
        (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<CaseId>,
) -> Result<Response, ApiError> {
    let list: Vec<SuspectJson> = state
        .store
        .suspects(&p, id, "api: list suspects")
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(Json(serde_json::json!({ "suspects": list })).into_response())
}

/// Sets the roles of a suspect (investigator, legal or admin members of the case).
#[utoipa::path(put, path = "/api/v1/cases/{id}/suspects/{person_id}/roles", tag = "justice",
    params(("id" = String, Path, description = "case id"),
        ("person_id" = String, Path, description = "the suspect's person id")),
    request_body = RolesJson,
    responses((status = 200, description = "`{\"person_id\", \"roles\": [code]}`"),
        (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn set_roles(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathIds(id, pid): ApiPathIds<CaseId, PersonId>,
    ApiJson(body): ApiJson<RolesJson>,
) -> Result<Response, ApiError> {
    let roles = parse_roles(&body.roles)?;
    let set = state
        .store
        .set_suspect_roles(&p, id, pid, &roles, "api: set suspect roles")
        .await?;
    let codes: Vec<&str> = set.iter().map(|r: &SuspectRole| r.as_str()).collect();
    Ok(Json(serde_json::json!({ "person_id": pid.to_string(), "roles": codes })).into_response())
}
