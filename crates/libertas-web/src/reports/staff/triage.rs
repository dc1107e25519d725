//! The forms of the report page: screen, ask the reporter, refer or close (closing asks for
//! confirmation first, a second step without JavaScript), open a case.

use crate::http::PageUser;
use crate::http::{render, CsrfForm, Fields, PageError, PageResult};
use crate::i18n::Tr;
use crate::reports::report_id;
use crate::reports::screening::screening_json;
use crate::reports::staff::assignee::{ConfirmPage, Hidden};
use crate::reports::staff::report::{report_page, screening_input};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use libertas_domain::cases::CaseTitle;
use libertas_domain::ids::ReportId;
use libertas_domain::reports::ReportStatus;
use libertas_store::reports::{MessageVia, OpenCase};
use libertas_store::StoreError;

/// The report page again, with a 400 and the message `id` explaining what was refused.
async fn refuse(
    state: &AppState,
    t: Tr,
    user: &PageUser,
    id: ReportId,
    message: &str,
) -> PageResult {
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

/// The report of a form's path (checked after the form's CSRF token); a malformed id answers
/// the 404 page.
fn report_in(t: Tr, id: &str) -> Result<ReportId, PageError> {
    report_id(id).map_err(|_| PageError::not_found(t))
}

pub async fn screen(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let id = report_in(t, &id)?;
    let input = screening_input(&f);
    let result = match screening_json(
        input.to_string().as_bytes(),
        crate::reports::screening::law_of(f.filled("law"), state.config.screening_law)
            .unwrap_or(state.config.screening_law),
        t.lang,
    ) {
        Ok(r) => r,
        Err(_) => return refuse(&state, t, &user, id, "reports-screening-invalid").await,
    };
    match crate::reports::staff::api::save(&state, user.principal(), id, input, &result).await {
        Ok(()) => Ok(Redirect::to(&format!("/reports/{id}#screening")).into_response()),
        Err(crate::http::ApiError::NotFound) => Err(PageError::not_found(t)),
        Err(crate::http::ApiError::Forbidden) => Err(PageError::forbidden(t)),
        Err(_) => refuse(&state, t, &user, id, "reports-move-invalid").await,
    }
}

pub async fn ask(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let id = report_in(t, &id)?;
    let via = match f.filled("via").map(MessageVia::parse).transpose() {
        Ok(v) => v,
        Err(_) => return refuse(&state, t, &user, id, "reports-message-invalid").await,
    };
    match state
        .store
        .ask_reporter(
            user.principal(),
            id,
            f.filled("text").unwrap_or_default(),
            via,
        )
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/reports/{id}#thread")).into_response()),
        Err(StoreError::Invalid(_)) => {
            refuse(&state, t, &user, id, "reports-message-invalid").await
        }
        // The reporter refused contact (or there is no receipt): 409, saying why.
        Err(StoreError::Refused { field, .. }) => {
            let message = t.get(&format!("reports-message-refused-{field}"));
            report_page(&state, t, &user, id, StatusCode::CONFLICT, Some(message)).await
        }
        Err(e) => Err(PageError::store(t, e)),
    }
}

pub async fn set_status(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let id = report_in(t, &id)?;
    let to = match f.filled("status").map(ReportStatus::parse) {
        Some(Ok(s)) => s,
        _ => return refuse(&state, t, &user, id, "reports-move-invalid").await,
    };
    // Closing is final: the first post only asks whether to, and changes nothing.
    if to == ReportStatus::Closed && f.filled("confirm") != Some("yes") {
        let Some(reason) = f.filled("reason").map(str::trim).filter(|r| !r.is_empty()) else {
            return refuse(&state, t, &user, id, "reports-reason-needed").await;
        };
        return confirm_close(&state, t, &user, id, reason).await;
    }
    match state
        .store
        .finish_report(user.principal(), id, to, f.filled("reason"))
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/reports/{id}")).into_response()),
        Err(StoreError::Invalid(e)) if e.field == "reason" => {
            refuse(&state, t, &user, id, "reports-reason-needed").await
        }
        Err(StoreError::Invalid(_)) => refuse(&state, t, &user, id, "reports-move-invalid").await,
        Err(e) => Err(PageError::store(t, e)),
    }
}

/// "Close report R-2026-00042?", with the reason as typed, for the second step.
async fn confirm_close(
    state: &AppState,
    t: Tr,
    user: &PageUser,
    id: ReportId,
    reason: &str,
) -> PageResult {
    let s = state
        .store
        .report_summary(user.principal(), id)
        .await
        .map_err(|e| PageError::store(t, e))?;
    let page = ConfirmPage {
        t,
        chrome: crate::reports::staff::pages::chrome(state, user).await,
        heading: t.get("reports-close-confirm-heading"),
        text: t.arg("reports-close-confirm-text", "number", &s.number),
        action: format!("/reports/{id}/status"),
        fields: vec![
            Hidden {
                name: "status",
                value: "closed".to_owned(),
            },
            Hidden {
                name: "reason",
                value: reason.to_owned(),
            },
        ],
        submit: t.get("reports-close-confirm-submit"),
        back: format!("/reports/{id}"),
    };
    Ok(render(StatusCode::OK, &page))
}

pub async fn open_case(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let id = report_in(t, &id)?;
    let title = match CaseTitle::parse(f.filled("title").unwrap_or_default()) {
        Ok(t) => t,
        Err(_) => return refuse(&state, t, &user, id, "reports-title-needed").await,
    };
    let mut people = vec![];
    if let (Some(given), Some(family)) = (f.filled("given_name"), f.filled("family_name")) {
        let json = crate::http::NewPersonJson {
            role: f.filled("role").unwrap_or("victim").to_owned(),
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
        Ok(case) => Ok(Redirect::to(&format!("/cases/{case}")).into_response()),
        Err(StoreError::Invalid(_)) => refuse(&state, t, &user, id, "reports-move-invalid").await,
        Err(e) => Err(PageError::store(t, e)),
    }
}
