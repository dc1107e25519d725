//! The helpline's pages: recording a contact with a caller look-up, and what the queue
//! (`queue`) and the report page share: the chrome with the urgent count, one queue line.
//! The report page is in `report`, its forms in `triage` and `assignee`.

use crate::http::page_error;
use crate::http::PageUser;
use crate::http::{error_page, render, Chrome, CsrfForm, Fields};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use libertas_domain::admin::Role;
use libertas_domain::reports::{Channel, RawReport, ReportInput};
use libertas_store::reports::ReportSummary;
use libertas_store::StoreError;

pub(crate) fn works_reports(user: &PageUser) -> bool {
    matches!(user.principal().role, Role::Hotline | Role::Admin)
}

pub(crate) async fn chrome(state: &AppState, user: &PageUser) -> Chrome {
    let mut c = Chrome::for_user(state.config.demo, user.principal(), user.csrf());
    c.urgent_reports = state
        .store
        .urgent_waiting(user.principal())
        .await
        .unwrap_or(0);
    c
}

/// "waiting 3 h 12 min" since `stored`, with the reader's units and group separator.
pub(crate) fn waited(t: Tr, stored: &str) -> String {
    let Some(at) = libertas_store::clock::from_text(stored) else {
        return String::new();
    };
    let mins = (crate::http::clock::now() - at).whole_minutes().max(0);
    let [d, h, m] = [mins / 1440, (mins % 1440) / 60, mins % 60].map(|n| t.number(n));
    let (id, args) = if mins >= 1440 {
        ("reports-waited-days", vec![("days", &d), ("hours", &h)])
    } else if mins >= 60 {
        ("reports-waited-hours", vec![("hours", &h), ("minutes", &m)])
    } else {
        ("reports-waited-minutes", vec![("minutes", &m)])
    };
    let args: Vec<(&str, &str)> = args.into_iter().map(|(k, v)| (k, v.as_str())).collect();
    let text = libertas_domain::i18n::t_args(t.lang, id, &args);
    t.arg("reports-waited", "time", &text)
}

/// One line of the queue (and the summary at the top of the report page).
pub struct QueueRow {
    pub(crate) id: String,
    pub(crate) number: String,
    pub(crate) channel: String,
    pub(crate) status: String,
    pub(crate) verdict: String,
    pub(crate) urgent: bool,
    pub(crate) waited: String,
    pub(crate) replies: i64,
    /// The username of the operator holding it.
    pub(crate) assignee: Option<String>,
}

pub(crate) fn row(t: Tr, s: &ReportSummary) -> QueueRow {
    QueueRow {
        id: s.id.to_string(),
        number: s.number.clone(),
        channel: t.get(&format!("channel-{}", s.channel)),
        status: t.get(&format!("report-status-{}", s.status)),
        verdict: s
            .verdict
            .as_deref()
            .map(|v| t.get(&format!("verdict-{v}")))
            .unwrap_or_else(|| t.get("reports-not-screened")),
        urgent: s.urgent,
        waited: waited(t, &s.created_at),
        replies: s.unanswered_reporter_messages,
        assignee: s.assignee.clone(),
    }
}

#[derive(Template)]
#[template(path = "reports/intake.html")]
pub struct IntakePage {
    t: Tr,
    chrome: Chrome,
    channels: Vec<(&'static str, String)>,
    error: Option<String>,
    lookup: Option<String>,
}

async fn intake_page(
    state: &AppState,
    t: Tr,
    user: &PageUser,
    status: StatusCode,
    error: Option<String>,
    lookup: Option<String>,
) -> Response {
    let channels = Channel::OPERATOR
        .iter()
        .map(|c| (c.as_str(), t.get(&format!("channel-{}", c.as_str()))))
        .collect();
    render(
        status,
        &IntakePage {
            t,
            chrome: chrome(state, user).await,
            channels,
            error,
            lookup,
        },
    )
}

pub async fn intake_form(State(state): State<AppState>, t: Tr, user: PageUser) -> Response {
    if !works_reports(&user) {
        return error_page(t.lang, StatusCode::FORBIDDEN);
    }
    intake_page(&state, t, &user, StatusCode::OK, None, None).await
}

pub async fn intake(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    CsrfForm(f): CsrfForm<Fields>,
) -> Response {
    let parsed = Channel::parse_operator(f.filled("channel").unwrap_or_default()).and_then(|c| {
        let ids: Vec<String> = f
            .filled("identifiers")
            .map(|v| v.lines().map(str::to_owned).collect())
            .unwrap_or_default();
        ReportInput::parse(&RawReport {
            narrative: f.filled("narrative").unwrap_or_default(),
            location: f.filled("location"),
            when: f.filled("when"),
            people: f.filled("people"),
            in_danger_now: f.filled("in_danger_now") == Some("true"),
            identifiers: &ids,
            contact: f.filled("contact"),
            safe_to_contact: f.filled("safe_to_contact").map(|v| v == "true"),
            contact_safety: f.filled("contact_safety"),
            language: f.filled("language"),
        })
        .map(|i| (c, i))
    });
    let (channel, input) = match parsed {
        Ok(v) => v,
        Err(e) => {
            let msg = t.get(&format!(
                "report-error-{}",
                e.field.split('[').next().unwrap_or("narrative")
            ));
            return intake_page(&state, t, &user, StatusCode::BAD_REQUEST, Some(msg), None).await;
        }
    };
    match state
        .store
        .operator_intake(
            user.principal(),
            channel,
            &input,
            state.config.default_region,
        )
        .await
    {
        Ok(id) => {
            if input.in_danger_now {
                crate::alerts::urgent_report(&state, id, user.principal().org_id);
            }
            Redirect::to(&format!("/reports/{id}")).into_response()
        }
        Err(e) => page_error(t, e),
    }
}

/// "This number appears in N earlier reports of your organisation."
pub async fn lookup(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    CsrfForm(f): CsrfForm<Fields>,
) -> Response {
    let raw = f.filled("identifier").unwrap_or_default();
    match state
        .store
        .reports_with_identifier(user.principal(), raw, state.config.default_region)
        .await
    {
        Ok(n) => {
            let msg = t.arg("reports-lookup-result", "count", &n.to_string());
            intake_page(&state, t, &user, StatusCode::OK, None, Some(msg)).await
        }
        // The look-up budget is shared with searches and duplicate checks (the store's).
        Err(StoreError::TooManyRequests(wait)) => {
            let msg = t.arg(
                "lookups-wait-text",
                "minutes",
                &wait.div_ceil(60).to_string(),
            );
            let page = intake_page(
                &state,
                t,
                &user,
                StatusCode::TOO_MANY_REQUESTS,
                Some(msg),
                None,
            )
            .await;
            crate::http::with_retry_after(page, wait)
        }
        Err(e) => page_error(t, e),
    }
}
