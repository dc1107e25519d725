//! The forms of the report page: screen, ask the reporter, refer or close, open a case.

use crate::http::error_page;
use crate::http::page_error;
use crate::http::PageUser;
use crate::i18n::Tr;
use crate::reports::report_id;
use crate::reports::screening::screening_json;
use crate::reports::staff::pages::field;
use crate::reports::staff::report::{report_page, screening_input};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use libertas_domain::cases::CaseTitle;
use libertas_domain::ids::ReportId;
use libertas_domain::reports::ReportStatus;
use libertas_store::reports::{MessageVia, OpenCase};
use libertas_store::StoreError;

/// The report page again, with a 400 and the message `id` explaining what was refused.
async fn refuse(state: &AppState, t: Tr, user: &PageUser, id: ReportId, message: &str) -> Response {
    report_page(
        state,
        t,
        user,
        id,
        StatusCode::BAD_REQUEST,
        Some(t.get(message)),
    )
    .await
}

/// The common start of every form on the report page: parse the fields, check the CSRF token
/// and the origin, parse the report id. The error is the response to send.
#[allow(clippy::result_large_err)]
fn form_for(
    user: &PageUser,
    t: Tr,
    method: &Method,
    headers: &HeaderMap,
    body: &[u8],
    id: &str,
) -> Result<(Vec<(String, String)>, ReportId), Response> {
    let f = crate::reports::staff::pages::fields(body);
    user.0
        .check_form(method, headers, field(&f, "csrf").unwrap_or_default())?;
    let id = report_id(id).map_err(|_| error_page(t.lang, StatusCode::NOT_FOUND))?;
    Ok((f, id))
}

pub async fn screen(
    State(state): State<AppState>,
    t: Tr,
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let (f, id) = match form_for(&user, t, &method, &headers, &body, &id) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let input = screening_input(&f);
    let result = match screening_json(
        input.to_string().as_bytes(),
        crate::reports::screening::law_of(field(&f, "law"), state.config.screening_law)
            .unwrap_or(state.config.screening_law),
        t.lang,
    ) {
        Ok(r) => r,
        Err(_) => return refuse(&state, t, &user, id, "reports-screening-invalid").await,
    };
    match crate::reports::staff::api::save(&state, user.principal(), id, input, &result).await {
        Ok(()) => Redirect::to(&format!("/reports/{id}#screening")).into_response(),
        Err(crate::http::ApiError::NotFound) => error_page(t.lang, StatusCode::NOT_FOUND),
        Err(crate::http::ApiError::Forbidden) => error_page(t.lang, StatusCode::FORBIDDEN),
        Err(_) => refuse(&state, t, &user, id, "reports-move-invalid").await,
    }
}

pub async fn ask(
    State(state): State<AppState>,
    t: Tr,
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let (f, id) = match form_for(&user, t, &method, &headers, &body, &id) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let via = match field(&f, "via").map(MessageVia::parse).transpose() {
        Ok(v) => v,
        Err(_) => return refuse(&state, t, &user, id, "reports-message-invalid").await,
    };
    match state
        .store
        .ask_reporter(
            user.principal(),
            id,
            field(&f, "text").unwrap_or_default(),
            via,
        )
        .await
    {
        Ok(_) => Redirect::to(&format!("/reports/{id}#thread")).into_response(),
        Err(StoreError::Invalid(_)) => {
            refuse(&state, t, &user, id, "reports-message-invalid").await
        }
        // The reporter refused contact (or there is no receipt): 409, saying why.
        Err(StoreError::Refused { field, .. }) => {
            let message = t.get(&format!("reports-message-refused-{field}"));
            report_page(&state, t, &user, id, StatusCode::CONFLICT, Some(message)).await
        }
        Err(e) => page_error(t, e),
    }
}

pub async fn set_status(
    State(state): State<AppState>,
    t: Tr,
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let (f, id) = match form_for(&user, t, &method, &headers, &body, &id) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let to = match field(&f, "status").map(ReportStatus::parse) {
        Some(Ok(s)) => s,
        _ => return refuse(&state, t, &user, id, "reports-move-invalid").await,
    };
    match state
        .store
        .finish_report(user.principal(), id, to, field(&f, "reason"))
        .await
    {
        Ok(()) => Redirect::to(&format!("/reports/{id}")).into_response(),
        Err(StoreError::Invalid(e)) if e.field == "reason" => {
            refuse(&state, t, &user, id, "reports-reason-needed").await
        }
        Err(StoreError::Invalid(_)) => refuse(&state, t, &user, id, "reports-move-invalid").await,
        Err(e) => page_error(t, e),
    }
}

pub async fn open_case(
    State(state): State<AppState>,
    t: Tr,
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let (f, id) = match form_for(&user, t, &method, &headers, &body, &id) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let title = match CaseTitle::parse(field(&f, "title").unwrap_or_default()) {
        Ok(t) => t,
        Err(_) => return refuse(&state, t, &user, id, "reports-title-needed").await,
    };
    let mut people = vec![];
    if let (Some(given), Some(family)) = (field(&f, "given_name"), field(&f, "family_name")) {
        let json = crate::http::NewPersonJson {
            role: field(&f, "role").unwrap_or("victim").to_owned(),
            given_name: given.to_owned(),
            family_name: family.to_owned(),
            ..Default::default()
        };
        match json.parse(crate::http::clock::now().date()) {
            Ok(p) => people.push(p),
            Err(_) => return refuse(&state, t, &user, id, "reports-person-invalid").await,
        }
    }
    match state
        .store
        .open_case_from_report(user.principal(), id, &OpenCase { title, people })
        .await
    {
        Ok(case) => Redirect::to(&format!("/cases/{case}")).into_response(),
        Err(StoreError::Invalid(_)) => refuse(&state, t, &user, id, "reports-move-invalid").await,
        Err(e) => page_error(t, e),
    }
}
