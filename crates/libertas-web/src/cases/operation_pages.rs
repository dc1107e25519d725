//! The operations page of a case (`/cases/{id}/operations`): plan an operation with
//! authorities, then record it as executed (with the victims brought to safety) or cancelled.

use super::case_id;
use super::operations_api::{NewOperationJson, OperationStatusJson};
use super::partner_pages::{all, first, Pairs};
use super::partners_api::path_id;
use super::referral_pages::{error_text, ErrorQuery};
use super::tasks::today;
use crate::http::page_error;
use crate::http::PageUser;
use crate::http::{error_page, render, Chrome};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use libertas_domain::cases::operations::{Agency, OperationStatus};
use libertas_store::cases::OperationView;
use libertas_store::StoreError;

/// An operation ready for the page.
pub struct OperationRow {
    pub id: String,
    pub name: String,
    pub agencies: String,
    pub location: String,
    pub status: String,
    pub status_label: String,
    pub planned_on: String,
    pub executed_on: String,
    pub outcome: String,
    pub people: Vec<String>,
    pub planned: bool,
}

fn row(t: &Tr, v: &OperationView) -> OperationRow {
    OperationRow {
        id: v.id.clone(),
        name: v.name.clone(),
        agencies: v
            .agencies
            .iter()
            .map(|a| t.get(&format!("operations-agency-{a}")))
            .collect::<Vec<_>>()
            .join(", "),
        location: v.location.clone(),
        status: v.status.as_str().to_owned(),
        status_label: t.get(&format!("operations-status-{}", v.status.as_str())),
        planned_on: v.planned_on.clone(),
        executed_on: v.executed_on.clone().unwrap_or_default(),
        outcome: v.outcome.clone().unwrap_or_default(),
        people: v
            .people
            .iter()
            .map(|p| {
                p.name
                    .clone()
                    .unwrap_or_else(|| t.get("person-erased-short"))
            })
            .collect(),
        planned: v.status == OperationStatus::Planned,
    }
}

#[derive(Template)]
#[template(path = "cases/operations.html")]
pub struct OperationsPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub id: String,
    pub title: String,
    pub error: Option<String>,
    pub operations: Vec<OperationRow>,
    pub agencies: Vec<(&'static str, String)>,
    pub victims: Vec<(String, String)>,
}

/// `GET /cases/{id}/operations` (members of the case).
pub async fn page(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path(id): Path<String>,
    Query(q): Query<ErrorQuery>,
) -> Response {
    let Ok(id) = case_id(&id) else {
        return error_page(t.lang, StatusCode::NOT_FOUND);
    };
    let p = user.principal();
    let loaded = async {
        let case = state.store.get_case(p, id, "page: case operations").await?;
        let people = state
            .store
            .case_people(p, id, "page: case operations, victims")
            .await?;
        let ops = state
            .store
            .operations(p, id, "page: case operations")
            .await?;
        Ok::<_, StoreError>((case, people, ops))
    }
    .await;
    let (case, people, ops) = match loaded {
        Ok(x) => x,
        Err(e) => return page_error(t, e),
    };
    let victims = people
        .iter()
        .filter(|v| v.cases.iter().any(|c| c.role == "victim"))
        .map(|v| {
            let name = match (&v.given_name, &v.family_name) {
                (Some(g), Some(f)) => format!("{g} {f}"),
                _ => t.get("person-erased-short"),
            };
            (v.id.to_string(), name)
        })
        .collect();
    let page = OperationsPage {
        chrome: Chrome::for_user(state.config.demo, p, user.csrf()),
        id: id.to_string(),
        title: case.title,
        error: error_text(&t, &q),
        operations: ops.iter().map(|v| row(&t, v)).collect(),
        agencies: Agency::ALL
            .iter()
            .map(|a| {
                (
                    a.as_str(),
                    t.get(&format!("operations-agency-{}", a.as_str())),
                )
            })
            .collect(),
        victims,
        t,
    };
    render(StatusCode::OK, &page)
}

/// `POST /cases/{id}/operations`: plan an operation.
#[tracing::instrument(skip_all)]
pub async fn create(
    State(state): State<AppState>,
    t: Tr,
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Path(id): Path<String>,
    Form(f): Form<Pairs>,
) -> Response {
    if let Err(r) = user.0.check_form(&method, &headers, &first(&f, "csrf")) {
        return r;
    }
    let Ok(case) = case_id(&id) else {
        return error_page(t.lang, StatusCode::NOT_FOUND);
    };
    let back = |field: &str| {
        Redirect::to(&format!("/cases/{case}/operations?error={field}")).into_response()
    };
    let body = NewOperationJson {
        name: first(&f, "name"),
        agencies: all(&f, "agencies"),
        location: first(&f, "location"),
        planned_on: first(&f, "planned_on"),
    };
    let plan = match body.parse() {
        Ok(x) => x,
        Err(e) => return back(&e.field),
    };
    match state
        .store
        .create_operation(
            user.principal(),
            case,
            &plan.name,
            &plan.agencies,
            &plan.location,
            plan.planned_on,
            "page: plan an operation",
        )
        .await
    {
        Ok(_) => Redirect::to(&format!("/cases/{case}/operations")).into_response(),
        Err(StoreError::Invalid(e)) => back(&e.field),
        Err(e) => page_error(t, e),
    }
}

/// `POST /operations/{id}/status`: execute or cancel; back to the case's operations.
#[tracing::instrument(skip_all)]
pub async fn status(
    State(state): State<AppState>,
    t: Tr,
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Path(id): Path<String>,
    Form(f): Form<Pairs>,
) -> Response {
    if let Err(r) = user.0.check_form(&method, &headers, &first(&f, "csrf")) {
        return r;
    }
    let Ok(id) = path_id(&id) else {
        return error_page(t.lang, StatusCode::NOT_FOUND);
    };
    let p = user.principal();
    let current = match state
        .store
        .operation(p, &id, "page: end an operation")
        .await
    {
        Ok(v) => v,
        Err(e) => return page_error(t, e),
    };
    let to = format!("/cases/{}/operations", current.case_id);
    let back = |field: &str| Redirect::to(&format!("{to}?error={field}")).into_response();
    let body = OperationStatusJson {
        status: first(&f, "status"),
        executed_on: Some(first(&f, "executed_on")),
        outcome: Some(first(&f, "outcome")),
        people: Some(all(&f, "people")),
    };
    let end = match body.parse() {
        Ok(x) => x,
        Err(e) => return back(&e.field),
    };
    match state
        .store
        .end_operation(p, &id, &end, today(), "page: end an operation")
        .await
    {
        Ok(_) => Redirect::to(&to).into_response(),
        Err(e) => match e.field() {
            Some(f) => back(&f.field),
            None => page_error(t, e),
        },
    }
}
