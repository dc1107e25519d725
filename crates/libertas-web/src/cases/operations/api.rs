//! `/api/v1/cases/{id}/operations` and `/api/v1/operations/{id}` (+ `/status`): operations
//! with authorities, planned and then executed or cancelled.

use crate::cases::tasks::api::today;
use crate::http::input::{given, uuid};
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
use libertas_domain::cases::decisions::parse_date;
use libertas_domain::cases::operations::{
    parse_agencies, Agency, NewOperation, OperationEnd, OperationLocation, OperationName,
    OperationOutcome, OperationStatus,
};
use libertas_domain::ids::CaseId;
use libertas_domain::ids::PersonId;
use libertas_domain::FieldError;
use libertas_store::cases::OperationView;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// A planned operation.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct NewOperationJson {
    /// A short name (sealed).
    #[schema(schema_with = schema::text::<OperationName>)]
    pub name: String,
    /// 1 to 50 of police, border_police, labour_inspectorate, prosecutor, social_services, ngo,
    /// other (one given twice counts once).
    #[schema(schema_with = schema::code_items::<Agency, 1, 50>)]
    pub agencies: Vec<String>,
    /// Where it takes place (sealed).
    #[schema(schema_with = schema::text::<OperationLocation>)]
    pub location: String,
    /// `YYYY-MM-DD`.
    #[schema(schema_with = schema::date)]
    pub planned_on: String,
}

impl NewOperationJson {
    pub fn parse(&self) -> Result<NewOperation, FieldError> {
        Ok(NewOperation {
            name: OperationName::parse(&self.name)?,
            agencies: parse_agencies(&self.agencies)?,
            location: OperationLocation::parse(&self.location)?,
            planned_on: parse_date("planned_on", &self.planned_on)?,
        })
    }
}

/// Ends a planned operation: `executed` (with `executed_on`, optional `outcome` and the
/// case's victims brought to safety in `people`) or `cancelled` (optional `outcome`).
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct OperationStatusJson {
    /// `executed` or `cancelled`.
    #[schema(schema_with = schema::code::<EndStatus>)]
    pub status: String,
    /// `YYYY-MM-DD`: required to execute, not before the planned date, not in the future.
    #[schema(schema_with = schema::blank_or_date)]
    pub executed_on: Option<String>,
    #[schema(schema_with = schema::blank_or_text::<OperationOutcome>)]
    pub outcome: Option<String>,
    /// Up to 500 person ids of victims of the case (executed operations only).
    #[schema(schema_with = schema::uuid_items_opt::<MAX_RESCUED>)]
    pub people: Option<Vec<String>>,
}

/// The most people one operation records as brought to safety.
const MAX_RESCUED: usize = 500;

/// The statuses an operation can move to: every status but `planned`, where it starts.
pub struct EndStatus;

impl schema::Codes for EndStatus {
    fn codes() -> Vec<&'static str> {
        OperationStatus::ALL
            .iter()
            .filter(|s| **s != OperationStatus::Planned)
            .map(|s| s.as_str())
            .collect()
    }
}

impl OperationStatusJson {
    pub fn parse(&self) -> Result<OperationEnd, FieldError> {
        let status = OperationStatus::parse(&self.status)?;
        if status == OperationStatus::Planned {
            return Err(FieldError::new(
                "status",
                "must be one of executed, cancelled",
            ));
        }
        let people = self.people.as_deref().unwrap_or_default();
        if people.len() > MAX_RESCUED {
            return Err(FieldError::new(
                "people",
                format!("must hold at most {MAX_RESCUED} ids"),
            ));
        }
        let people = people
            .iter()
            .enumerate()
            .map(|(i, p)| uuid(&format!("people[{i}]"), p, "a person id").map(PersonId::from_uuid))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(OperationEnd {
            status,
            executed_on: given(&self.executed_on)
                .map(|s| parse_date("executed_on", s))
                .transpose()?,
            outcome: given(&self.outcome)
                .map(OperationOutcome::parse)
                .transpose()?,
            people,
        })
    }
}

/// A person brought to safety.
#[derive(Serialize, ToSchema)]
pub struct RescuedJson {
    pub person_id: String,
    pub name: Option<String>,
}

/// An operation.
#[derive(Serialize, ToSchema)]
pub struct OperationJson {
    #[schema(format = "uuid")]
    pub id: String,
    pub case_id: String,
    pub name: String,
    pub agencies: Vec<String>,
    pub location: String,
    /// `planned`, `executed` or `cancelled`.
    pub status: String,
    pub planned_on: String,
    pub executed_on: Option<String>,
    pub outcome: Option<String>,
    /// Victims brought to safety (executed operations).
    pub people: Vec<RescuedJson>,
    pub created_by: String,
    pub created_at: String,
    pub updated_at: String,
}

impl From<OperationView> for OperationJson {
    fn from(v: OperationView) -> Self {
        Self {
            id: v.id,
            case_id: v.case_id,
            name: v.name,
            agencies: v.agencies,
            location: v.location,
            status: v.status.as_str().to_owned(),
            planned_on: v.planned_on,
            executed_on: v.executed_on,
            outcome: v.outcome,
            people: v
                .people
                .into_iter()
                .map(|p| RescuedJson {
                    person_id: p.person_id,
                    name: p.name,
                })
                .collect(),
            created_by: v.created_by,
            created_at: v.created_at,
            updated_at: v.updated_at,
        }
    }
}

/// A case's operations by planned date.
#[derive(Serialize, ToSchema)]
pub struct OperationListJson {
    pub operations: Vec<OperationJson>,
}

/// Plans an operation (members of the case).
#[utoipa::path(post, path = "/api/v1/cases/{id}/operations", tag = "operations", request_body = NewOperationJson,
    params(("id" = String, Path, description = "case id")),
    responses((status = 201, body = OperationJson), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn create(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(case): ApiPathId<CaseId>,
    ApiJson(body): ApiJson<NewOperationJson>,
) -> Result<Response, ApiError> {
    let plan = body.parse()?;
    let v = state
        .store
        .create_operation(&p, case, &plan, "api: plan an operation")
        .await?;
    Ok((StatusCode::CREATED, Json(OperationJson::from(v))).into_response())
}

/// A case's operations (members of the case).
#[utoipa::path(get, path = "/api/v1/cases/{id}/operations", tag = "operations",
    params(("id" = String, Path, description = "case id")),
    responses((status = 200, body = OperationListJson), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn list(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(case): ApiPathId<CaseId>,
) -> Result<Json<OperationListJson>, ApiError> {
    let list = state
        .store
        .operations(&p, case, "api: list operations")
        .await?;
    Ok(Json(OperationListJson {
        operations: list.into_iter().map(Into::into).collect(),
    }))
}

/// One operation (members of its case).
#[utoipa::path(get, path = "/api/v1/operations/{id}", tag = "operations",
    params(("id" = String, Path, description = "operation id")),
    responses((status = 200, body = OperationJson), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn get_one(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<Uuid>,
) -> Result<Json<OperationJson>, ApiError> {
    let v = state
        .store
        .operation(&p, &id.to_string(), "api: read an operation")
        .await?;
    Ok(Json(v.into()))
}

/// Executes or cancels a planned operation. 400 naming the field when executing without
/// `executed_on`, with a date before the planned one or in the future, with `people` who are
/// not victims of the case, or when cancelling with `executed_on` or `people`; 409 when the
/// operation is no longer planned.
#[utoipa::path(post, path = "/api/v1/operations/{id}/status", tag = "operations", request_body = OperationStatusJson,
    params(("id" = String, Path, description = "operation id")),
    responses((status = 200, body = OperationJson), (status = 400), (status = 401), (status = 403), (status = 404), (status = 409)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn set_status(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<Uuid>,
    ApiJson(body): ApiJson<OperationStatusJson>,
) -> Result<Json<OperationJson>, ApiError> {
    let end = body.parse()?;
    let v = state
        .store
        .end_operation(&p, &id.to_string(), &end, today(), "api: end an operation")
        .await?;
    Ok(Json(v.into()))
}
