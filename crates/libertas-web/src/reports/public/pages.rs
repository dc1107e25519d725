//! The public report form (the follow-up page is in `followup`). No account, no JavaScript
//! needed (a small script adds the proof-of-work stamp when it can), and no persistent cookie:
//! the language travels in links and forms, and the only cookie is the session-only, one-time
//! handle that carries the receipt from the form's answer to the receipt page (`receipt`).
//!
//! The form is Post/Redirect/Get: a submission answers with a redirect, so Back never shows a
//! page made from the story, and every field asks the browser not to remember what was typed
//! (`autocomplete="off"`), so Back to the form finds it empty.
//!
//! A submission the server refuses (a field it cannot take, the rate limit) is answered with the
//! form itself, everything typed still in it and the error beside its field: losing a
//! frightened person's story to a rule they could not see would lose the report. The typed text
//! goes only into that answer's body, which, like every page, is `no-store`; never into a URL
//! or a log.

use crate::http::client_addr;
use crate::http::ApiError;
use crate::http::PublicFrame as Frame;
use crate::http::{render, PublicForm};
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
    /// What was typed, when the server refused it: it comes back whole.
    form: TypedReport,
}

/// The report form's fields as typed (empty for a new form). Only ever written into the
/// answer's body (never a URL, a log or a cache: the page is `no-store`).
#[derive(Default)]
pub struct TypedReport {
    pub narrative: String,
    pub location: String,
    pub when: String,
    pub people: String,
    pub identifiers: String,
    pub contact: String,
    pub contact_safety: String,
    pub in_danger_now: bool,
    pub safe_to_contact: Option<bool>,
    /// The field the refusal is about, and its explanation.
    pub invalid: Option<(&'static str, String)>,
}

/// The form's visible fields, in their order on the page.
const FIELDS: [&str; 7] = [
    "narrative",
    "location",
    "when",
    "people",
    "identifiers",
    "contact",
    "contact_safety",
];

impl TypedReport {
    fn from_form(f: &crate::http::Fields) -> Self {
        let text = |name: &str| f.filled(name).unwrap_or_default().to_owned();
        TypedReport {
            narrative: text("narrative"),
            location: text("location"),
            when: text("when"),
            people: text("people"),
            identifiers: text("identifiers"),
            contact: text("contact"),
            contact_safety: text("contact_safety"),
            in_danger_now: f.filled("in_danger_now") == Some("true"),
            safe_to_contact: f.filled("safe_to_contact").map(|v| v == "true"),
            invalid: None,
        }
    }

    /// The explanation of `field`'s error, when the refusal is about it.
    pub fn error_for(&self, field: &str) -> Option<&str> {
        self.invalid
            .as_ref()
            .filter(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }
}
fn report_page(
    state: &AppState,
    t: Tr,
    status: StatusCode,
    error: Option<String>,
    form: TypedReport,
) -> Response {
    let page = ReportPage {
        t,
        p: Frame::new(t, &state.config, "/report"),
        error,
        challenge: state.limiter.challenge(),
        pow_bits: state.config.pow_bits,
        form,
    };
    render(status, &page)
}

pub async fn form(State(state): State<AppState>, t: Tr) -> Response {
    report_page(&state, t, StatusCode::OK, None, TypedReport::default())
}

/// The form again with everything typed, refused with `status` and `message` (above the
/// form, and "everything you typed is still here").
fn refused(
    state: &AppState,
    t: Tr,
    status: StatusCode,
    message: String,
    form: TypedReport,
) -> Response {
    let error = format!("{message} {}", t.get("report-kept"));
    report_page(state, t, status, Some(error), form)
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
    let stamped = state.limiter.form_stamped(&f);
    let limit = if stamped {
        Limit::Report
    } else {
        Limit::ReportWithoutWork
    };
    let typed = TypedReport::from_form(&f);
    if let Err(wait) = state.limiter.check(limit, addr) {
        let msg = t.arg("report-too-many", "minutes", &wait.div_ceil(60).to_string());
        let page = refused(&state, t, StatusCode::TOO_MANY_REQUESTS, msg, typed);
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
            let field = e.field.split('[').next().unwrap_or("narrative");
            let msg = t.get(&format!("report-error-{field}"));
            let mut typed = typed;
            // An error about a field on the page is told beside it; any other above the form.
            return match FIELDS.into_iter().find(|f| *f == field) {
                Some(field) => {
                    typed.invalid = Some((field, msg));
                    let summary = t.get("report-error-summary");
                    report_page(&state, t, StatusCode::BAD_REQUEST, Some(summary), typed)
                }
                None => refused(&state, t, StatusCode::BAD_REQUEST, msg, typed),
            };
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
        // The store's own write limit (the database is busy): the same page as the limiter's.
        Err(ApiError::TooManyRequests(wait)) => {
            let msg = t.arg("report-too-many", "minutes", &wait.div_ceil(60).to_string());
            let page = refused(&state, t, StatusCode::TOO_MANY_REQUESTS, msg, typed);
            crate::http::with_retry_after(page, wait)
        }
        Err(e) => e.into_response(),
    }
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
