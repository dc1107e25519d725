//! The operations page of a case (`/cases/{id}/operations`): plan an operation with
//! authorities, then record it as executed (with the victims brought to safety) or cancelled.

use crate::cases::operations::api::{NewOperationJson, OperationStatusJson};
use crate::cases::partners::api::path_id;
use crate::cases::referrals::pages::{error_text, ErrorQuery};
use crate::cases::tasks::api::today;
use crate::http::{
    render, Chrome, CsrfForm, Fields, OrPage, PageError, PageResult, PageUser, PathId,
};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use libertas_domain::cases::operations::{Agency, OperationStatus};
use libertas_domain::ids::CaseId;
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
    chrome: Chrome,
    PathId(id): PathId<CaseId>,
    crate::http::PageQuery(q): crate::http::PageQuery<ErrorQuery>,
) -> PageResult {
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
    let (case, people, ops) = loaded.or_page(t)?;
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
        chrome,
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
    Ok(render(StatusCode::OK, &page))
}

/// `POST /cases/{id}/operations`: plan an operation.
#[tracing::instrument(skip_all)]
pub async fn create(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    PathId(case): PathId<CaseId>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let back = |field: &str| PageError::redirect(format!("/cases/{case}/operations?error={field}"));
    let body = NewOperationJson {
        name: f.text("name"),
        agencies: f.texts("agencies"),
        location: f.text("location"),
        planned_on: f.text("planned_on"),
    };
    let plan = body.parse().map_err(|e| back(&e.field))?;
    match state
        .store
        .create_operation(user.principal(), case, &plan, "page: plan an operation")
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/cases/{case}/operations")).into_response()),
        Err(StoreError::Invalid(e)) => Err(back(&e.field)),
        Err(e) => Err(PageError::store(t, e)),
    }
}

/// `POST /operations/{id}/status`: execute or cancel; back to the case's operations.
#[tracing::instrument(skip_all)]
pub async fn status(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    // Operation ids are read by the partners' `path_id`; a malformed one is the 404 page.
    let id = path_id(&id).map_err(|_| PageError::not_found(t))?;
    let p = user.principal();
    let current = state
        .store
        .operation(p, &id, "page: end an operation")
        .await
        .or_page(t)?;
    let to = format!("/cases/{}/operations", current.case_id);
    let back = |field: &str| PageError::redirect(format!("{to}?error={field}"));
    let body = OperationStatusJson {
        status: f.text("status"),
        executed_on: Some(f.text("executed_on")),
        outcome: Some(f.text("outcome")),
        people: Some(f.texts("people")),
    };
    let end = body.parse().map_err(|e| back(&e.field))?;
    match state
        .store
        .end_operation(p, &id, &end, today(), "page: end an operation")
        .await
    {
        Ok(_) => Ok(Redirect::to(&to).into_response()),
        Err(e) => match e.field() {
            Some(f) => Err(back(&f.field)),
            None => Err(PageError::store(t, e)),
        },
    }
}
