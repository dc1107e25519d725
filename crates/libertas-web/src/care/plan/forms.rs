//! The care page's care-plan forms: open a plan, add a goal or a service, change their
//! status, record a delivery. Same shape as `forms.rs`: CSRF and origin first, the API's
//! request types, back to the care page naming the wrong field if any.

use crate::care::forms::{back, invalid, start, FormFields};
use crate::care::plan::json::{
    today, GoalStatusJson, NewCarePlanJson, NewDeliveryJson, NewGoalJson, NewServiceJson,
    ServiceStatusJson,
};
use crate::http::error_page;
use crate::http::PageUser;
use crate::i18n::Tr;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::Response;
use axum::Form;
use libertas_domain::care::GoalStatus;
use uuid::Uuid;

fn field(f: &FormFields, key: &str) -> String {
    f.get(key).cloned().unwrap_or_default()
}

fn optional(f: &FormFields, key: &str) -> Option<String> {
    f.get(key).filter(|v| !v.trim().is_empty()).cloned()
}

#[tracing::instrument(skip_all)]
pub async fn open_plan(
    State(state): State<AppState>,
    t: Tr,
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Path(id): Path<String>,
    Form(f): Form<FormFields>,
) -> Response {
    let person = match start(&user, t, &method, &headers, &id, &f) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let body = NewCarePlanJson {
        opened_on: optional(&f, "opened_on"),
    };
    let on = match body.parse(today()) {
        Ok(on) => on,
        Err(e) => return invalid(person, &e),
    };
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
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Path(id): Path<String>,
    Form(f): Form<FormFields>,
) -> Response {
    let person = match start(&user, t, &method, &headers, &id, &f) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Ok(plan) = field(&f, "plan").parse::<Uuid>() else {
        return error_page(t.lang, StatusCode::NOT_FOUND);
    };
    let body = NewGoalJson {
        domain: field(&f, "domain"),
        text: field(&f, "text"),
        target_date: optional(&f, "target_date"),
        status: optional(&f, "status"),
    };
    let goal = match body.parse() {
        Ok(g) => g,
        Err(e) => return invalid(person, &e),
    };
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
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Path((id, goal)): Path<(String, String)>,
    Form(f): Form<FormFields>,
) -> Response {
    let person = match start(&user, t, &method, &headers, &id, &f) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Ok(goal) = goal.parse::<Uuid>() else {
        return error_page(t.lang, StatusCode::NOT_FOUND);
    };
    let body = GoalStatusJson {
        status: field(&f, "status"),
    };
    let status = match GoalStatus::parse(&body.status) {
        Ok(s) => s,
        Err(e) => return invalid(person, &e),
    };
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
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Path(id): Path<String>,
    Form(f): Form<FormFields>,
) -> Response {
    let person = match start(&user, t, &method, &headers, &id, &f) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Ok(plan) = field(&f, "plan").parse::<Uuid>() else {
        return error_page(t.lang, StatusCode::NOT_FOUND);
    };
    let body = NewServiceJson {
        service_type: field(&f, "service_type"),
        provider: field(&f, "provider"),
        start_date: field(&f, "start_date"),
        end_date: optional(&f, "end_date"),
        status: optional(&f, "status"),
    };
    let service = match body.parse() {
        Ok(s) => s,
        Err(e) => return invalid(person, &e),
    };
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
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Path((id, service)): Path<(String, String)>,
    Form(f): Form<FormFields>,
) -> Response {
    let person = match start(&user, t, &method, &headers, &id, &f) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Ok(service) = service.parse::<Uuid>() else {
        return error_page(t.lang, StatusCode::NOT_FOUND);
    };
    let body = ServiceStatusJson {
        status: field(&f, "status"),
        end_date: optional(&f, "end_date"),
    };
    let (status, end) = match body.parse() {
        Ok(x) => x,
        Err(e) => return invalid(person, &e),
    };
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
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Path((id, service)): Path<(String, String)>,
    Form(f): Form<FormFields>,
) -> Response {
    let person = match start(&user, t, &method, &headers, &id, &f) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Ok(service) = service.parse::<Uuid>() else {
        return error_page(t.lang, StatusCode::NOT_FOUND);
    };
    let body = NewDeliveryJson {
        delivered_on: field(&f, "delivered_on"),
        delivered: field(&f, "delivered"),
        note: optional(&f, "note"),
    };
    let d = match body.parse() {
        Ok(d) => d,
        Err(e) => return invalid(person, &e),
    };
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
