//! The workflow page of a case (`/cases/{id}/workflow`) and its forms: status, owner, a
//! member's role in the case, removing a member. A refused form comes back with
//! `?error=FIELD`; only the field name travels in the URL.

use crate::cases::decisions::pages::Choice;
use crate::http::{
    case_id, render, Chrome, ConfirmForm, ConfirmPage, CsrfForm, OrPage, PageError, PageResult,
    PageUser, PathId,
};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use libertas_domain::cases::workflow::{
    next_statuses, CaseRole, ClosureReason, ReopenReason, StatusRequest,
};
use libertas_domain::cases::CaseStatus;
use libertas_domain::ids::CaseId;
use libertas_store::StoreError;
use serde::Deserialize;

/// One member, formatted for the team table.
pub struct TeamRow {
    pub username: String,
    pub staff_role: String,
    pub role_in_case: String,
    pub is_owner: bool,
}

#[derive(Template)]
#[template(path = "cases/workflow.html")]
pub struct WorkflowPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub id: String,
    pub title: String,
    pub status: String,
    pub closure_reason: Option<String>,
    pub closed: bool,
    pub next: Vec<Choice>,
    pub reasons: Vec<Choice>,
    pub owner: String,
    pub team: Vec<TeamRow>,
    pub roles: Vec<Choice>,
    pub error: Option<String>,
}

fn status_label(t: &Tr, s: CaseStatus) -> String {
    t.get(&format!("workflow-status-{}", s.as_str()))
}

#[derive(Deserialize)]
pub struct ErrorQuery {
    error: Option<String>,
}

/// `GET /cases/{id}/workflow` (members only).
pub async fn workflow_page(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    PathId(id): PathId<CaseId>,
    crate::http::PageQuery(q): crate::http::PageQuery<ErrorQuery>,
) -> PageResult {
    let p = user.principal();
    let case = state
        .store
        .get_case(p, id, "page: open the case workflow page")
        .await
        .or_page(t)?;
    let team = state.store.case_team(p, id).await.or_page(t)?;
    let closed = matches!(case.status, CaseStatus::Closed | CaseStatus::ClosedReferred);
    let next = next_statuses(case.status)
        .into_iter()
        .map(|s| Choice {
            value: s.as_str().to_owned(),
            label: status_label(&t, s),
        })
        .collect();
    let reasons = if closed {
        ReopenReason::ALL
            .iter()
            .map(|r| Choice {
                value: r.as_str().to_owned(),
                label: t.get(&format!("workflow-reopen-{}", r.as_str())),
            })
            .collect()
    } else {
        ClosureReason::ALL
            .iter()
            .map(|r| Choice {
                value: r.as_str().to_owned(),
                label: t.get(&format!("workflow-closure-{}", r.as_str())),
            })
            .collect()
    };
    let roles = CaseRole::ALL
        .iter()
        .filter(|r| **r != CaseRole::Lead)
        .map(|r| Choice {
            value: r.as_str().to_owned(),
            label: t.get(&format!("workflow-role-{}", r.as_str())),
        })
        .collect();
    let team = team
        .into_iter()
        .map(|m| TeamRow {
            username: m.username,
            staff_role: t.label("staff-role", m.role.as_str()),
            role_in_case: t.get(&format!("workflow-role-{}", m.role_in_case.as_str())),
            is_owner: m.is_owner,
        })
        .collect();
    let closure_reason = case
        .closure_reason
        .as_deref()
        .and_then(ClosureReason::parse)
        .map(|r| t.get(&format!("workflow-closure-{}", r.as_str())));
    let error = q.error.as_deref().map(|f| {
        let f: String = f
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        t.arg("workflow-error", "field", &f)
    });
    let status = status_label(&t, case.status);
    let page = WorkflowPage {
        t,
        chrome,
        id: id.to_string(),
        title: case.title,
        status,
        closure_reason,
        closed,
        next,
        reasons,
        owner: case.owner,
        team,
        roles,
        error,
    };
    Ok(render(StatusCode::OK, &page))
}

/// Where a form goes back to: the page, with the refused field when there is one.
fn back(id: CaseId, t: Tr, r: Result<(), StoreError>) -> PageResult {
    match r {
        Ok(()) => Ok(Redirect::to(&format!("/cases/{id}/workflow")).into_response()),
        Err(e) => match e.field() {
            Some(f) => Err(PageError::redirect(format!(
                "/cases/{id}/workflow?error={}",
                f.field
            ))),
            None => Err(PageError::store(t, e)),
        },
    }
}

/// The case id of a route with a second path value; a malformed one answers the 404 page.
fn case_in(t: Tr, raw: &str) -> Result<CaseId, PageError> {
    case_id(raw).map_err(|_| PageError::not_found(t))
}

#[derive(Deserialize)]
pub struct StatusForm {
    #[allow(dead_code)]
    csrf: String,
    status: String,
    reason: Option<String>,
}

/// `POST /cases/{id}/status`.
pub async fn status_form(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    PathId(id): PathId<CaseId>,
    CsrfForm(f): CsrfForm<StatusForm>,
) -> PageResult {
    let r = match StatusRequest::parse(&f.status, f.reason.as_deref()) {
        Ok(req) => state
            .store
            .change_case_status(user.principal(), id, &req, "page: change a case's status")
            .await
            .map(|_| ()),
        Err(e) => Err(StoreError::Invalid(e)),
    };
    back(id, t, r)
}

#[derive(Deserialize)]
pub struct OwnerForm {
    #[allow(dead_code)]
    csrf: String,
    username: String,
}

/// `POST /cases/{id}/owner`.
pub async fn owner_form(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    PathId(id): PathId<CaseId>,
    CsrfForm(f): CsrfForm<OwnerForm>,
) -> PageResult {
    let r = state
        .store
        .change_case_owner(
            user.principal(),
            id,
            &f.username,
            "page: change a case's owner",
        )
        .await
        .map(|_| ());
    back(id, t, r)
}

#[derive(Deserialize)]
pub struct RoleForm {
    #[allow(dead_code)]
    csrf: String,
    role: String,
}

/// `POST /cases/{id}/members/{username}/role`.
pub async fn role_form(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path((id, username)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<RoleForm>,
) -> PageResult {
    let id = case_in(t, &id)?;
    let r = match CaseRole::parse_assignable(&f.role) {
        Ok(role) => {
            state
                .store
                .set_member_role(
                    user.principal(),
                    id,
                    &username,
                    role,
                    "page: set a member's role in a case",
                )
                .await
        }
        Err(e) => Err(StoreError::Invalid(e)),
    };
    back(id, t, r)
}

/// `POST /cases/{id}/members/{username}/remove`: without `confirm=yes`, a page naming who
/// would lose access to the case (a member of the case only); with it, the removal.
pub async fn remove_form(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    Path((id, username)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<ConfirmForm>,
) -> PageResult {
    let id = case_in(t, &id)?;
    if !f.confirmed() {
        let members = state.store.members(user.principal(), id).await.or_page(t)?;
        if !members.iter().any(|m| m.username == username) {
            return Err(PageError::not_found(t));
        }
        let page = ConfirmPage {
            t,
            chrome,
            question: t.arg("workflow-remove-confirm", "user", &username),
            button: t.arg("workflow-remove-confirm-button", "user", &username),
            action: format!("/cases/{id}/members/{username}/remove"),
            fields: vec![],
            back: format!("/cases/{id}/workflow#team"),
        };
        return Ok(page.respond());
    }
    let r = state
        .store
        .remove_member(
            user.principal(),
            id,
            &username,
            "page: remove a case member",
        )
        .await;
    back(id, t, r)
}
