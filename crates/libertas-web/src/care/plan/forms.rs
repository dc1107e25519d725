//! The care page's care-plan forms: open a plan, add a goal or a service, change their
//! status, record a delivery. Same shape as `forms.rs`: CSRF and origin first, the API's
//! request types, back to the care page naming the wrong field if any.

use crate::care::forms::{back, get, invalid, start};
use crate::care::plan::json::{
    today, GoalStatusJson, NewCarePlanJson, NewDeliveryJson, NewGoalJson, NewServiceJson,
    ServiceStatusJson,
};
use crate::http::{CsrfForm, Fields, PageError, PageResult, PageUser};
use crate::i18n::Tr;
use crate::state::AppState;
use axum::extract::{Path, State};
use libertas_domain::care::{CareGoalId, CarePlanId, CareServiceId, GoalStatus};

fn field(f: &Fields, key: &str) -> String {
    get(f, key).map(str::to_owned).unwrap_or_default()
}

fn optional(f: &Fields, key: &str) -> Option<String> {
    get(f, key)
        .filter(|v| !v.trim().is_empty())
        .map(str::to_owned)
}

#[tracing::instrument(skip_all)]
pub async fn open_plan(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let person = start(t, &id)?;
    let body = NewCarePlanJson {
        opened_on: optional(&f, "opened_on"),
    };
    let on = body.parse(today()).map_err(|e| invalid(person, &e))?;
    let r = state
        .store
        .open_care_plan(user.principal(), person, on, "page: open a care plan")
        .await
        .map(|_| ());
    back(person, r, t)
}

#[tracing::instrument(skip_all)]
pub async fn add_goal(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let person = start(t, &id)?;
    let plan = field(&f, "plan")
        .parse::<CarePlanId>()
        .map_err(|_| PageError::not_found(t))?;
    let body = NewGoalJson {
        domain: field(&f, "domain"),
        text: field(&f, "text"),
        target_date: optional(&f, "target_date"),
        status: optional(&f, "status"),
    };
    let goal = body.parse().map_err(|e| invalid(person, &e))?;
    let r = state
        .store
        .add_care_goal(user.principal(), plan, &goal, "page: add a care goal")
        .await
        .map(|_| ());
    back(person, r, t)
}

#[tracing::instrument(skip_all)]
pub async fn goal_status(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path((id, goal)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let person = start(t, &id)?;
    let goal = goal
        .parse::<CareGoalId>()
        .map_err(|_| PageError::not_found(t))?;
    let body = GoalStatusJson {
        status: field(&f, "status"),
    };
    let status = GoalStatus::parse(&body.status).map_err(|e| invalid(person, &e))?;
    let r = state
        .store
        .set_care_goal_status(
            user.principal(),
            goal,
            status,
            "page: change a goal's status",
        )
        .await
        .map(|_| ());
    back(person, r, t)
}

#[tracing::instrument(skip_all)]
pub async fn add_service(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let person = start(t, &id)?;
    let plan = field(&f, "plan")
        .parse::<CarePlanId>()
        .map_err(|_| PageError::not_found(t))?;
    let body = NewServiceJson {
        service_type: field(&f, "service_type"),
        provider: field(&f, "provider"),
        start_date: field(&f, "start_date"),
        end_date: optional(&f, "end_date"),
        status: optional(&f, "status"),
    };
    let service = body.parse().map_err(|e| invalid(person, &e))?;
    let r = state
        .store
        .add_care_service(user.principal(), plan, &service, "page: add a care service")
        .await
        .map(|_| ());
    back(person, r, t)
}

#[tracing::instrument(skip_all)]
pub async fn service_status(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path((id, service)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let person = start(t, &id)?;
    let service = service
        .parse::<CareServiceId>()
        .map_err(|_| PageError::not_found(t))?;
    let body = ServiceStatusJson {
        status: field(&f, "status"),
        end_date: optional(&f, "end_date"),
    };
    let (status, end) = body.parse().map_err(|e| invalid(person, &e))?;
    let r = state
        .store
        .set_care_service_status(
            user.principal(),
            service,
            status,
            end,
            "page: change a service's status",
        )
        .await
        .map(|_| ());
    back(person, r, t)
}

#[tracing::instrument(skip_all)]
pub async fn add_delivery(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path((id, service)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let person = start(t, &id)?;
    let service = service
        .parse::<CareServiceId>()
        .map_err(|_| PageError::not_found(t))?;
    let body = NewDeliveryJson {
        delivered_on: field(&f, "delivered_on"),
        delivered: field(&f, "delivered"),
        note: optional(&f, "note"),
    };
    let d = body.parse().map_err(|e| invalid(person, &e))?;
    let r = state
        .store
        .add_care_delivery(
            user.principal(),
            service,
            &d,
            today(),
            "page: record a service delivery",
        )
        .await
        .map(|_| ());
    back(person, r, t)
}
