//! Care plans over JSON: `/api/v1/people/{id}/care-plans`, `/api/v1/care-plans/{id}`,
//! `…/goals`, `…/services`, `/api/v1/goals/{id}/status`, `/api/v1/services/{id}/status`
//! and `/api/v1/services/{id}/deliveries`. Access follows the person, as for consents.

use crate::care::plan::json::{
    today, CarePlanJson, CarePlanListJson, DeliveryJson, DeliveryListJson, GoalJson, GoalListJson,
    GoalStatusJson, NewCarePlanJson, NewDeliveryJson, NewGoalJson, NewServiceJson, ServiceJson,
    ServiceListJson, ServiceStatusJson,
};
use crate::http::ApiError;
use crate::http::ApiPathId;
use crate::http::ApiPrincipal;
use crate::json::ApiJson;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use libertas_domain::care::{CareGoalId, CarePlanId, CareServiceId, GoalStatus};
use libertas_domain::ids::PersonId;

/// Opens a care plan for a victim (409 when one is open) and makes the intake assessment
/// task unless one is open.
#[utoipa::path(post, path = "/api/v1/people/{id}/care-plans", tag = "care", request_body = NewCarePlanJson,
    params(("id" = String, Path, description = "person id")),
    responses((status = 201, body = CarePlanJson), (status = 400), (status = 401), (status = 403), (status = 404),
        (status = 409, description = "the person already has an open care plan, or is no victim in a case of yours")),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn open_plan(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(person): ApiPathId<PersonId>,
    ApiJson(body): ApiJson<NewCarePlanJson>,
) -> Result<Response, ApiError> {
    let on = body.parse(today())?;
    let v = state
        .store
        .open_care_plan(&p, person, on, "api: open a care plan")
        .await?;
    Ok((StatusCode::CREATED, Json(CarePlanJson::from(&v))).into_response())
}

/// A person's care plans, newest first.
#[utoipa::path(get, path = "/api/v1/people/{id}/care-plans", tag = "care",
    params(("id" = String, Path, description = "person id")),
    responses((status = 200, body = CarePlanListJson), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn plans(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(person): ApiPathId<PersonId>,
) -> Result<Json<CarePlanListJson>, ApiError> {
    let list = state
        .store
        .care_plans(&p, person, "api: read care plans")
        .await?;
    Ok(Json(CarePlanListJson {
        care_plans: list.iter().map(Into::into).collect(),
    }))
}

/// One care plan.
#[utoipa::path(get, path = "/api/v1/care-plans/{id}", tag = "care",
    params(("id" = String, Path, description = "care plan id")),
    responses((status = 200, body = CarePlanJson), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn plan(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<CarePlanId>,
) -> Result<Json<CarePlanJson>, ApiError> {
    let v = state
        .store
        .care_plan(&p, id, "api: read a care plan")
        .await?;
    Ok(Json(CarePlanJson::from(&v)))
}

/// Adds a goal to an open care plan.
#[utoipa::path(post, path = "/api/v1/care-plans/{id}/goals", tag = "care", request_body = NewGoalJson,
    params(("id" = String, Path, description = "care plan id")),
    responses((status = 201, body = GoalJson), (status = 400), (status = 401), (status = 403), (status = 404), (status = 409)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn add_goal(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(plan): ApiPathId<CarePlanId>,
    ApiJson(body): ApiJson<NewGoalJson>,
) -> Result<Response, ApiError> {
    let goal = body.parse()?;
    let v = state
        .store
        .add_care_goal(&p, plan, &goal, "api: add a care goal")
        .await?;
    Ok((StatusCode::CREATED, Json(GoalJson::from(&v))).into_response())
}

/// A care plan's goals.
#[utoipa::path(get, path = "/api/v1/care-plans/{id}/goals", tag = "care",
    params(("id" = String, Path, description = "care plan id")),
    responses((status = 200, body = GoalListJson), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn goals(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<CarePlanId>,
) -> Result<Json<GoalListJson>, ApiError> {
    let v = state
        .store
        .care_plan(&p, id, "api: read care goals")
        .await?;
    Ok(Json(GoalListJson {
        goals: v.goals.iter().map(Into::into).collect(),
    }))
}

/// Changes a goal's status.
#[utoipa::path(post, path = "/api/v1/goals/{id}/status", tag = "care", request_body = GoalStatusJson,
    params(("id" = String, Path, description = "goal id")),
    responses((status = 200, body = GoalJson), (status = 400), (status = 401), (status = 403), (status = 404),
        (status = 409, description = "the care plan is closed")),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn goal_status(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(goal): ApiPathId<CareGoalId>,
    ApiJson(body): ApiJson<GoalStatusJson>,
) -> Result<Json<GoalJson>, ApiError> {
    let status = GoalStatus::parse(&body.status)?;
    let v = state
        .store
        .set_care_goal_status(&p, goal, status, "api: change a goal's status")
        .await?;
    Ok(Json(GoalJson::from(&v)))
}

/// Adds a service to an open care plan.
#[utoipa::path(post, path = "/api/v1/care-plans/{id}/services", tag = "care", request_body = NewServiceJson,
    params(("id" = String, Path, description = "care plan id")),
    responses((status = 201, body = ServiceJson), (status = 400), (status = 401), (status = 403), (status = 404), (status = 409)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn add_service(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(plan): ApiPathId<CarePlanId>,
    ApiJson(body): ApiJson<NewServiceJson>,
) -> Result<Response, ApiError> {
    let service = body.parse()?;
    let v = state
        .store
        .add_care_service(&p, plan, &service, "api: add a care service")
        .await?;
    Ok((StatusCode::CREATED, Json(ServiceJson::from(&v))).into_response())
}

/// A care plan's services with their deliveries.
#[utoipa::path(get, path = "/api/v1/care-plans/{id}/services", tag = "care",
    params(("id" = String, Path, description = "care plan id")),
    responses((status = 200, body = ServiceListJson), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn services(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<CarePlanId>,
) -> Result<Json<ServiceListJson>, ApiError> {
    let v = state
        .store
        .care_plan(&p, id, "api: read care services")
        .await?;
    Ok(Json(ServiceListJson {
        services: v.services.iter().map(Into::into).collect(),
    }))
}

/// Changes a service's status (and optionally its end date).
#[utoipa::path(post, path = "/api/v1/services/{id}/status", tag = "care", request_body = ServiceStatusJson,
    params(("id" = String, Path, description = "service id")),
    responses((status = 200, body = ServiceJson), (status = 400), (status = 401), (status = 403), (status = 404),
        (status = 409, description = "the care plan is closed")),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn service_status(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(service): ApiPathId<CareServiceId>,
    ApiJson(body): ApiJson<ServiceStatusJson>,
) -> Result<Json<ServiceJson>, ApiError> {
    let (status, end) = body.parse()?;
    let v = state
        .store
        .set_care_service_status(&p, service, status, end, "api: change a service's status")
        .await?;
    Ok(Json(ServiceJson::from(&v)))
}

/// Records one delivery of a service.
#[utoipa::path(post, path = "/api/v1/services/{id}/deliveries", tag = "care", request_body = NewDeliveryJson,
    params(("id" = String, Path, description = "service id")),
    responses((status = 201, body = DeliveryJson), (status = 400), (status = 401), (status = 403), (status = 404),
        (status = 409, description = "the care plan is closed")),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn add_delivery(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(service): ApiPathId<CareServiceId>,
    ApiJson(body): ApiJson<NewDeliveryJson>,
) -> Result<Response, ApiError> {
    let d = body.parse()?;
    let v = state
        .store
        .add_care_delivery(&p, service, &d, today(), "api: record a service delivery")
        .await?;
    Ok((StatusCode::CREATED, Json(DeliveryJson::from(&v))).into_response())
}

/// A service's deliveries, oldest first.
#[utoipa::path(get, path = "/api/v1/services/{id}/deliveries", tag = "care",
    params(("id" = String, Path, description = "service id")),
    responses((status = 200, body = DeliveryListJson), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn deliveries(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<CareServiceId>,
) -> Result<Json<DeliveryListJson>, ApiError> {
    let v = state
        .store
        .care_service(&p, id, "api: read service deliveries")
        .await?;
    Ok(Json(DeliveryListJson {
        deliveries: v.deliveries.iter().map(Into::into).collect(),
    }))
}
