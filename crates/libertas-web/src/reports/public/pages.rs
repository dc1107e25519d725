//! The public report form and the follow-up page. No account, no JavaScript needed (a small
//! script adds the proof-of-work stamp when it can), and no persistent cookie: the language
//! travels in links and forms, and the only cookie is the session-only, one-time handle that
//! carries the receipt from the form's answer to the receipt page (`receipt_page`).
//!
//! The form is Post/Redirect/Get: a submission answers with a redirect, so Back never shows a
//! page made from the story, and every field asks the browser not to remember what was typed
//! (`autocomplete="off"`), so Back to the form finds it empty.

use crate::http::client_addr;
use crate::http::ApiError;
use crate::http::PublicFrame as Frame;
use crate::http::{render, short_time, PublicForm};
use crate::i18n::Tr;
use crate::limits::Limit;
use crate::reports::public::api::PublicReportJson;
use crate::reports::public::receipt::{handle_cookie, RECEIPT_PATH};
use crate::reports::receiving_org;
use crate::state::AppState;
use askama::Template;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use std::net::SocketAddr;

#[derive(Template)]
#[template(path = "public/report.html")]
pub struct ReportPage {
    t: Tr,
    p: Frame,
    error: Option<String>,
    challenge: String,
    pow_bits: u32,
}

pub struct MessageRow {
    from: &'static str,
    who: String,
    text: String,
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
}

fn report_page(state: &AppState, t: Tr, status: StatusCode, error: Option<String>) -> Response {
    let page = ReportPage {
        t,
        p: Frame::new(t, &state.config, "/report"),
        error,
        challenge: state.limiter.challenge(),
        pow_bits: state.config.pow_bits,
    };
    render(status, &page)
}

pub async fn form(State(state): State<AppState>, t: Tr) -> Response {
    report_page(&state, t, StatusCode::OK, None)
}

#[tracing::instrument(skip_all)]
pub async fn submit(
    State(state): State<AppState>,
    t: Tr,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    PublicForm(f): PublicForm,
) -> Response {
    let addr = client_addr(&state, peer, &headers);
    let stamped = match (f.filled("pow_challenge"), f.filled("pow_nonce")) {
        (Some(c), Some(n)) => state.limiter.verify_stamp(c, n),
        _ => false,
    };
    let limit = if stamped {
        Limit::Report
    } else {
        Limit::ReportWithoutWork
    };
    if let Err(wait) = state.limiter.check(limit, addr) {
        let msg = t.arg("report-too-many", "minutes", &wait.div_ceil(60).to_string());
        let page = report_page(&state, t, StatusCode::TOO_MANY_REQUESTS, Some(msg));
        return crate::http::with_retry_after(page, wait);
    }
    let json = PublicReportJson {
        narrative: f.filled("narrative").unwrap_or_default().to_owned(),
        location: f.filled("location").map(str::to_owned),
        when: f.filled("when").map(str::to_owned),
        people: f.filled("people").map(str::to_owned),
        in_danger_now: Some(f.filled("in_danger_now") == Some("true")),
        identifiers: f
            .filled("identifiers")
            .map(|v| v.lines().map(str::to_owned).collect()),
        contact: f.filled("contact").map(str::to_owned),
        safe_to_contact: f.filled("safe_to_contact").map(|v| v == "true"),
        contact_safety: f.filled("contact_safety").map(str::to_owned),
        language: f.filled("language").map(str::to_owned),
        ..Default::default()
    };
    let input = match json.input() {
        Ok(i) => i,
        Err(e) => {
            let msg = t.get(&format!(
                "report-error-{}",
                e.field.split('[').next().unwrap_or("narrative")
            ));
            return report_page(&state, t, StatusCode::BAD_REQUEST, Some(msg));
        }
    };
    let result = async {
        let org = receiving_org(&state).await?;
        let _permit = state
            .public_writes
            .acquire()
            .await
            .map_err(|_| ApiError::Internal("shutting down".into()))?;
        let done = state
            .store
            .submit_public_report_form(org, &input, state.config.default_region)
            .await?;
        if done.urgent {
            crate::alerts::urgent_report(&state, done.id, org);
        }
        Ok::<_, ApiError>(done)
    }
    .await;
    match result {
        // Post/Redirect/Get: the receipt waits behind a one-time handle for the receipt page.
        Ok(done) => {
            let to = format!("{RECEIPT_PATH}?lang={}", t.code());
            let mut res = Redirect::to(&to).into_response();
            if let Some(c) = done.handle.and_then(|h| handle_cookie(&state, &h)) {
                res.headers_mut().insert(header::SET_COOKIE, c);
            }
            res
        }
        Err(e) => e.into_response(),
    }
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
    let (found, error, status) = match state.store.follow_up(&receipt, f.filled("answer")).await {
        Err(libertas_store::StoreError::Invalid(_)) => {
            return Ok(followup_page(
                &state,
                t,
                StatusCode::BAD_REQUEST,
                Some(t.get("followup-answer-invalid")),
            ))
        }
        Err(libertas_store::StoreError::TooManyRequests(wait)) => {
            // The answer was refused; the thread is still there to read.
            let minutes = wait.div_ceil(60).to_string();
            let thread = state.store.follow_up(&receipt, None).await?;
            let msg = t.arg("followup-answers-too-many", "minutes", &minutes);
            let page = thread_page(
                &state,
                t,
                thread,
                receipt,
                Some(msg),
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
    Ok(thread_page(&state, t, found, receipt, error, status))
}

/// The thread of a report found by its receipt (or the empty form when `found` is `None`).
fn thread_page(
    state: &AppState,
    t: Tr,
    found: Option<libertas_store::reports::FollowUp>,
    receipt: String,
    error: Option<String>,
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
            at: short_time(&m.at),
        })
        .collect();
    let page = FollowupPage {
        t,
        p: Frame::new(t, &state.config, "/report"),
        error,
        status: Some(t.get(&format!("followup-status-{}", found.status))),
        messages,
        receipt,
    };
    render(status, &page)
}

/// The proof-of-work script: finds the stamp with Web Crypto, then submits the form. Without
/// it (JavaScript off, old browser) the form is sent without a stamp and a slower limit applies.
pub async fn pow_js() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        include_str!("../../../static/pow.js"),
    )
        .into_response()
}
