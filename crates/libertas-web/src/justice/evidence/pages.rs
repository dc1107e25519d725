//! The evidence page of a case (`/cases/{id}/evidence`): files with their hashes and custody
//! logs, the upload form, a custody form and a verify button per file. Forms post back here
//! and redirect; refusals travel as `?error=<field or reason>`, never as values.

use crate::http::{
    case_id, page_error, render, Chrome, CsrfForm, CsrfOnly, OrPage, PageError, PageResult,
    PageUser,
};
use crate::i18n::Tr;
use crate::justice::evidence::custody_api::NewCustodyJson;
use crate::justice::evidence::upload::{receive, UploadFail};
use crate::justice::evidence_id;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use libertas_store::justice::{CustodyView, EvidenceView};
use libertas_store::StoreError;
use serde::Deserialize;

/// One custody entry as a sentence's parts, in the reader's language.
pub struct CustodyRow {
    pub event: String,
    pub received_by: String,
    pub received_from: String,
    pub purpose: String,
    /// The stored UTC time; the page shows it with `Tr::datetime`.
    pub when: String,
    pub recorded_by: String,
    pub failed: bool,
}

/// One evidence file with its custody log.
pub struct EvidenceRow {
    pub id: String,
    pub file_name: String,
    pub description: String,
    pub media_type: String,
    /// In bytes, with the reader's group separator.
    pub size: String,
    pub sha256: String,
    /// The stored UTC time; the page shows it with `Tr::datetime`.
    pub uploaded: String,
    pub uploader: String,
    pub custody: Vec<CustodyRow>,
}

#[derive(Template)]
#[template(path = "justice/evidence.html")]
pub struct EvidencePage {
    pub t: Tr,
    pub chrome: Chrome,
    pub id: String,
    pub title: String,
    pub max_mib: u64,
    pub items: Vec<EvidenceRow>,
    pub message: Option<String>,
    pub error: Option<String>,
}

/// `?error=` (a field name or reason) and `?verified=` (an outcome) after a redirect.
#[derive(Deserialize)]
pub struct PageQuery {
    error: Option<String>,
    verified: Option<String>,
}

fn custody_row(t: &Tr, c: CustodyView) -> CustodyRow {
    let event = match c.outcome {
        Some(o) => t.get(&format!("justice-outcome-{}", o.as_str())),
        None => t.get(&format!("justice-event-{}", c.event.as_str())),
    };
    CustodyRow {
        failed: c.outcome.is_some_and(|o| o.as_str() != "ok"),
        event,
        received_by: c.received_by.unwrap_or_default(),
        received_from: c.received_from.unwrap_or_default(),
        purpose: c.purpose.unwrap_or_default(),
        when: c.occurred_at,
        recorded_by: c.recorded_by,
    }
}

fn evidence_row(t: &Tr, e: EvidenceView, log: Vec<CustodyView>) -> EvidenceRow {
    EvidenceRow {
        id: e.id.to_string(),
        file_name: e.file_name,
        description: e.description,
        media_type: e.media_type.as_str().to_owned(),
        size: t.number(i64::try_from(e.size_bytes).unwrap_or(i64::MAX)),
        sha256: e.sha256,
        uploaded: e.created_at,
        uploader: e.uploader,
        custody: log.into_iter().map(|c| custody_row(t, c)).collect(),
    }
}

/// Keeps only characters that may appear in a field name or message id.
fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .take(40)
        .collect()
}

/// `GET /cases/{id}/evidence` (members only).
pub async fn page(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    Path(id): Path<String>,
    crate::http::PageQuery(q): crate::http::PageQuery<PageQuery>,
) -> PageResult {
    // The id is read after the query, as it always was: a bad query is a 400 first.
    let id = case_id(&id).map_err(|_| PageError::not_found(t))?;
    let p = user.principal();
    let case = state
        .store
        .get_case(p, id, "page: evidence page")
        .await
        .or_page(t)?;
    let list = state
        .store
        .list_evidence(p, id, "page: evidence page")
        .await
        .or_page(t)?;
    let mut items = Vec::with_capacity(list.len());
    for e in list {
        let (e, log) = state
            .store
            .get_evidence(p, id, e.id, "page: evidence page, custody")
            .await
            .or_page(t)?;
        items.push(evidence_row(&t, e, log));
    }
    let error = q.error.as_deref().map(|f| match clean(f).as_str() {
        "too_large" => t.get("justice-error-too-large"),
        "type" => t.get("justice-error-type"),
        "active" => t.get("justice-error-active"),
        other => t.arg("justice-error-field", "field", other),
    });
    let message = q
        .verified
        .as_deref()
        .map(|o| t.get(&format!("justice-verified-{}", clean(o))));
    Ok(render(
        StatusCode::OK,
        &EvidencePage {
            t,
            chrome,
            id: id.to_string(),
            title: case.title,
            max_mib: state.config.max_evidence_bytes / (1024 * 1024),
            items,
            message,
            error,
        },
    ))
}

/// `POST /cases/{id}/evidence` (multipart): the `csrf` field must come before the file.
#[tracing::instrument(skip_all)]
pub async fn upload(
    State(state): State<AppState>,
    t: Tr,
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Path(id): Path<String>,
    mp: Multipart,
) -> Response {
    let Ok(id) = case_id(&id) else {
        return PageError::not_found(t).into_response();
    };
    let check = |token: &str| user.0.check_form(&method, &headers, token).is_ok();
    let back = |e: &str| Redirect::to(&format!("/cases/{id}/evidence?error={e}")).into_response();
    match receive(
        &state,
        user.principal(),
        id,
        mp,
        Some(&check),
        "page: upload evidence",
    )
    .await
    {
        Ok(_) => Redirect::to(&format!("/cases/{id}/evidence")).into_response(),
        Err(UploadFail::Field {
            status,
            field,
            code,
            ..
        }) => match status {
            StatusCode::PAYLOAD_TOO_LARGE => back("too_large"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE => back("type"),
            _ if code == "active_content" => back("active"),
            _ => back(&clean(&field)),
        },
        Err(UploadFail::Refused(r)) => r,
        Err(UploadFail::Store(e)) => page_error(t, e),
    }
}

/// The custody form: the API's fields plus the cross-site token (required: a form without
/// it is a 422, as it always was; [`CsrfForm`] checks its value).
#[derive(Deserialize)]
pub struct CustodyForm {
    #[allow(dead_code)]
    csrf: String,
    received_by: Option<String>,
    received_from: String,
    purpose: String,
    received_at: Option<String>,
}

/// `POST /cases/{id}/evidence/{eid}/custody`.
#[tracing::instrument(skip_all)]
pub async fn add_custody(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path((id, eid)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<CustodyForm>,
) -> PageResult {
    let (Ok(id), Ok(eid)) = (case_id(&id), evidence_id(&eid)) else {
        return Err(PageError::not_found(t));
    };
    let back = |e: &str| PageError::redirect(format!("/cases/{id}/evidence?error={e}"));
    let body = NewCustodyJson {
        received_by: f.received_by,
        received_from: f.received_from,
        purpose: f.purpose,
        received_at: f.received_at,
    };
    let new = body
        .parse(crate::http::clock::now())
        .map_err(|e| back(&clean(&e.field)))?;
    match state
        .store
        .add_custody(user.principal(), id, eid, &new, "page: record custody")
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/cases/{id}/evidence")).into_response()),
        Err(StoreError::Invalid(e)) => Err(back(&clean(&e.field))),
        Err(e) => Err(PageError::store(t, e)),
    }
}

/// `POST /cases/{id}/evidence/{eid}/verify`: back to the page with the outcome.
pub async fn verify(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path((id, eid)): Path<(String, String)>,
    _: CsrfForm<CsrfOnly>,
) -> PageResult {
    let (Ok(id), Ok(eid)) = (case_id(&id), evidence_id(&eid)) else {
        return Err(PageError::not_found(t));
    };
    let r = state
        .store
        .verify_evidence(user.principal(), id, eid, "page: verify evidence")
        .await
        .or_page(t)?;
    Ok(Redirect::to(&format!(
        "/cases/{id}/evidence?verified={}",
        r.outcome.as_str()
    ))
    .into_response())
}
