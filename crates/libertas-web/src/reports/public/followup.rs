//! The follow-up page: the reporter comes back with the receipt, reads the organisation's
//! questions and answers them. Like the report form, no account and no persistent cookie; an
//! answer the server refuses comes back in its field with the thread still shown.

use crate::http::client_addr;
use crate::http::ApiError;
use crate::http::PublicFrame as Frame;
use crate::http::{render, PublicForm};
use crate::i18n::Tr;
use crate::limits::Limit;
use crate::state::AppState;
use askama::Template;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use std::net::SocketAddr;

pub struct MessageRow {
    from: &'static str,
    who: String,
    text: String,
    /// The stored UTC time; the page shows it with `Tr::datetime`.
    at: String,
}

#[derive(Template)]
#[template(path = "public/followup.html")]
pub struct FollowupPage {
    t: Tr,
    p: Frame,
    error: Option<String>,
    status: Option<String>,
    messages: Vec<MessageRow>,
    receipt: String,
    /// The answer as typed, when it was refused, and why (told beside the field).
    answer: String,
    answer_error: Option<String>,
}

fn followup_page(state: &AppState, t: Tr, status: StatusCode, error: Option<String>) -> Response {
    render(
        status,
        &FollowupPage {
            t,
            p: Frame::new(t, &state.config, "/report"),
            error,
            status: None,
            messages: vec![],
            receipt: String::new(),
            answer: String::new(),
            answer_error: None,
        },
    )
}

pub async fn followup_form(State(state): State<AppState>, t: Tr) -> Response {
    followup_page(&state, t, StatusCode::OK, None)
}

/// The follow-up form: the receipt finds the report whatever the client did before (a right
/// receipt always works, so strangers trying wrong receipts from a shared address cannot lock
/// the reporter out); a wrong one counts against the client's wrong-receipt budget (429 when
/// it is spent), and an answer counts against the receipt's hourly budget (429 naming the wait,
/// with the thread still shown).
#[tracing::instrument(skip_all)]
pub async fn followup(
    State(state): State<AppState>,
    t: Tr,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    PublicForm(f): PublicForm,
) -> Result<Response, ApiError> {
    let addr = client_addr(&state, peer, &headers);
    let receipt = f.filled("receipt").unwrap_or_default().to_owned();
    let typed = f.filled("answer").unwrap_or_default().to_owned();
    let (found, refusal, status) = match state.store.follow_up(&receipt, f.filled("answer")).await {
        // The answer was refused: the thread is still there to read, the answer still typed.
        Err(libertas_store::StoreError::Invalid(_)) => {
            let thread = state.store.follow_up(&receipt, None).await?;
            let refusal = Refusal {
                answer: typed,
                message: t.get("followup-answer-invalid"),
            };
            return Ok(thread_page(
                &state,
                t,
                thread,
                receipt,
                Some(refusal),
                StatusCode::BAD_REQUEST,
            ));
        }
        Err(libertas_store::StoreError::TooManyRequests(wait)) => {
            let minutes = wait.div_ceil(60).to_string();
            let thread = state.store.follow_up(&receipt, None).await?;
            let refusal = Refusal {
                answer: typed,
                message: t.arg("followup-answers-too-many", "minutes", &minutes),
            };
            let page = thread_page(
                &state,
                t,
                thread,
                receipt,
                Some(refusal),
                StatusCode::TOO_MANY_REQUESTS,
            );
            return Ok(crate::http::with_retry_after(page, wait));
        }
        other => (other?, None, StatusCode::OK),
    };
    if found.is_none() {
        if let Err(wait) = state.limiter.check(Limit::WrongReceipt, addr) {
            let msg = t.arg("report-too-many", "minutes", &wait.div_ceil(60).to_string());
            let page = followup_page(&state, t, StatusCode::TOO_MANY_REQUESTS, Some(msg));
            return Ok(crate::http::with_retry_after(page, wait));
        }
        return Ok(followup_page(
            &state,
            t,
            StatusCode::NOT_FOUND,
            Some(t.get("followup-not-found")),
        ));
    }
    Ok(thread_page(&state, t, found, receipt, refusal, status))
}

/// An answer the reporter typed that was not sent, and why.
struct Refusal {
    answer: String,
    message: String,
}

/// The thread of a report found by its receipt (or the empty form when `found` is `None`),
/// with a refused answer kept in its field.
fn thread_page(
    state: &AppState,
    t: Tr,
    found: Option<libertas_store::reports::FollowUp>,
    receipt: String,
    refusal: Option<Refusal>,
    status: StatusCode,
) -> Response {
    let Some(found) = found else {
        return followup_page(
            state,
            t,
            StatusCode::NOT_FOUND,
            Some(t.get("followup-not-found")),
        );
    };
    let messages = found
        .messages
        .into_iter()
        .map(|m| MessageRow {
            from: m.from,
            who: t.get(if m.from == "question" {
                "followup-from-us"
            } else {
                "followup-from-you"
            }),
            text: m.text,
            at: m.at,
        })
        .collect();
    let (answer, answer_error) = match refusal {
        Some(r) => (r.answer, Some(r.message)),
        None => (String::new(), None),
    };
    let page = FollowupPage {
        t,
        p: Frame::new(t, &state.config, "/report"),
        error: None,
        status: Some(t.get(&format!("followup-status-{}", found.status))),
        messages,
        receipt,
        answer,
        answer_error,
    };
    render(status, &page)
}
