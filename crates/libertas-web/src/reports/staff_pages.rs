//! The helpline's pages: the queue (urgent first, with waiting times), recording a contact
//! with a caller look-up, and one report page that leads through screening and triage.

use super::report_id;
use super::screening::screening_json;
use crate::auth::PageUser;
use crate::cases::pages::page_error;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::{error_page, render, short_time, Chrome};
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use libertas_domain::admin::Role;
use libertas_domain::cases::CaseTitle;
use libertas_domain::reports::screening::{label_id, Act, Indicator, Means, Purpose};
use libertas_domain::reports::{Channel, ReportInput, ReportStatus};
use libertas_store::reports::{OpenCase, ReportSummary, ReportView};
use libertas_store::StoreError;
use time::OffsetDateTime;

fn fields(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn field<'a>(f: &'a [(String, String)], name: &str) -> Option<&'a str> {
    f.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.trim().is_empty())
}

fn all<'a>(f: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    f.iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .collect()
}

fn works_reports(user: &PageUser) -> bool {
    matches!(user.principal().role, Role::Hotline | Role::Admin)
}

async fn chrome(state: &AppState, user: &PageUser) -> Chrome {
    let mut c = Chrome::for_user(state.config.demo, user.principal(), user.csrf());
    c.urgent_reports = state
        .store
        .urgent_waiting(user.principal())
        .await
        .unwrap_or(0);
    c
}

/// "3 h 12 min" since `stored`.
fn waited(t: Tr, stored: &str) -> String {
    let Some(at) = libertas_store::clock::from_text(stored) else {
        return String::new();
    };
    let mins = (OffsetDateTime::now_utc() - at).whole_minutes().max(0);
    let (d, h, m) = (mins / 1440, (mins % 1440) / 60, mins % 60);
    let text = if d > 0 {
        format!("{d} d {h} h")
    } else if h > 0 {
        format!("{h} h {m} min")
    } else {
        format!("{m} min")
    };
    t.arg("reports-waited", "time", &text)
}

pub struct QueueRow {
    id: String,
    channel: String,
    status: String,
    verdict: String,
    urgent: bool,
    waited: String,
    replies: i64,
}

#[derive(Template)]
#[template(path = "reports/queue.html")]
pub struct QueuePage {
    t: Tr,
    chrome: Chrome,
    rows: Vec<QueueRow>,
}

fn row(t: Tr, s: &ReportSummary) -> QueueRow {
    QueueRow {
        id: s.id.to_string(),
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
    }
}

pub async fn queue(State(state): State<AppState>, t: Tr, user: PageUser) -> Response {
    if !works_reports(&user) {
        return error_page(t.lang, StatusCode::FORBIDDEN);
    }
    let list = match state.store.report_queue(user.principal(), false).await {
        Ok(l) => l,
        Err(e) => return page_error(t, e),
    };
    let rows = list.iter().map(|s| row(t, s)).collect();
    render(
        StatusCode::OK,
        &QueuePage {
            t,
            chrome: chrome(&state, &user).await,
            rows,
        },
    )
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
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    body: Bytes,
) -> Response {
    let f = fields(&body);
    if let Err(r) = user
        .0
        .check_form(&method, &headers, field(&f, "csrf").unwrap_or_default())
    {
        return r;
    }
    let parsed = Channel::parse_operator(field(&f, "channel").unwrap_or_default()).and_then(|c| {
        let ids: Vec<String> = field(&f, "identifiers")
            .map(|v| v.lines().map(str::to_owned).collect())
            .unwrap_or_default();
        ReportInput::parse(
            field(&f, "narrative").unwrap_or_default(),
            field(&f, "location"),
            field(&f, "when"),
            field(&f, "people"),
            field(&f, "in_danger_now") == Some("true"),
            &ids,
            field(&f, "contact"),
            field(&f, "safe_to_contact").map(|v| v == "true"),
            field(&f, "contact_safety"),
            field(&f, "language"),
        )
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
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    body: Bytes,
) -> Response {
    let f = fields(&body);
    if let Err(r) = user
        .0
        .check_form(&method, &headers, field(&f, "csrf").unwrap_or_default())
    {
        return r;
    }
    let raw = field(&f, "identifier").unwrap_or_default();
    match state
        .store
        .reports_with_identifier(user.principal(), raw, state.config.default_region)
        .await
    {
        Ok(n) => {
            let msg = t.arg("reports-lookup-result", "count", &n.to_string());
            intake_page(&state, t, &user, StatusCode::OK, None, Some(msg)).await
        }
        Err(e) => page_error(t, e),
    }
}

pub struct Check {
    name: &'static str,
    code: &'static str,
    label: String,
    checked: bool,
}

pub struct ThreadRow {
    to_reporter: bool,
    who: String,
    at: String,
    text: String,
}

#[derive(Template)]
#[template(path = "reports/show.html")]
pub struct ReportPage {
    t: Tr,
    chrome: Chrome,
    id: String,
    summary: QueueRow,
    r: ReportView,
    received: String,
    acts: Vec<Check>,
    means: Vec<Check>,
    purposes: Vec<Check>,
    indicators: Vec<Check>,
    age: String,
    result: Option<serde_json::Value>,
    reasons: Vec<String>,
    thread: Vec<ThreadRow>,
    open: bool,
    screened: bool,
    error: Option<String>,
}

fn checks<T: Copy>(
    t: Tr,
    name: &'static str,
    kind: &str,
    all: &[T],
    code: fn(T) -> &'static str,
    saved: &serde_json::Value,
) -> Vec<Check> {
    let chosen: Vec<&str> = saved[name]
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    all.iter()
        .map(|v| {
            let c = code(*v);
            Check {
                name,
                code: c,
                label: t.get(&label_id(kind, c)),
                checked: chosen.contains(&c),
            }
        })
        .collect()
}

async fn report_page(
    state: &AppState,
    t: Tr,
    user: &PageUser,
    id: libertas_domain::ids::ReportId,
    status: StatusCode,
    error: Option<String>,
) -> Response {
    let r = match state
        .store
        .get_report(user.principal(), id, "page: open the report")
        .await
    {
        Ok(r) => r,
        Err(e) => return page_error(t, e),
    };
    let empty = serde_json::Value::Null;
    let saved_input = r.screening.as_ref().map(|s| &s["input"]).unwrap_or(&empty);
    let result = r.screening.as_ref().map(|s| s["result"].clone());
    let reasons = result
        .as_ref()
        .and_then(|v| v["reasons"].as_array())
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let status_now = ReportStatus::parse(&r.summary.status).unwrap_or(ReportStatus::New);
    let page = ReportPage {
        t,
        chrome: chrome(state, user).await,
        id: id.to_string(),
        summary: row(t, &r.summary),
        received: short_time(&r.summary.created_at),
        acts: checks(t, "acts", "act", Act::ALL, Act::as_str, saved_input),
        means: checks(t, "means", "means", Means::ALL, Means::as_str, saved_input),
        purposes: checks(
            t,
            "purposes",
            "purpose",
            Purpose::ALL,
            Purpose::as_str,
            saved_input,
        ),
        indicators: checks(
            t,
            "indicators",
            "indicator",
            Indicator::ALL,
            Indicator::as_str,
            saved_input,
        ),
        age: saved_input["age"]
            .as_u64()
            .map(|a| a.to_string())
            .unwrap_or_default(),
        result,
        reasons,
        thread: r
            .thread
            .iter()
            .map(|m| ThreadRow {
                to_reporter: m.direction == "to_reporter",
                who: m
                    .author
                    .clone()
                    .unwrap_or_else(|| t.get("reports-reporter")),
                at: short_time(&m.at),
                text: m.text.clone(),
            })
            .collect(),
        open: matches!(status_now, ReportStatus::New | ReportStatus::Screened),
        screened: status_now == ReportStatus::Screened,
        error,
        r,
    };
    render(status, &page)
}

pub async fn show(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path(id): Path<String>,
) -> Response {
    let Ok(id) = report_id(&id) else {
        return error_page(t.lang, StatusCode::NOT_FOUND);
    };
    report_page(&state, t, &user, id, StatusCode::OK, None).await
}

/// Builds the screening input JSON from the form.
fn screening_input(f: &[(String, String)]) -> serde_json::Value {
    let mut o = serde_json::Map::new();
    if let Some(age) = field(f, "age") {
        o.insert(
            "age".into(),
            age.trim()
                .parse::<u64>()
                .map(serde_json::Value::from)
                .unwrap_or_else(|_| serde_json::Value::String(age.to_owned())),
        );
    }
    for list in ["acts", "means", "purposes", "indicators"] {
        let v = all(f, list);
        if !v.is_empty() {
            o.insert(list.into(), serde_json::json!(v));
        }
    }
    if let Some(b) = field(f, "border_crossing") {
        o.insert("border_crossing".into(), serde_json::json!(b));
    }
    for flag in [
        "paid_facilitator",
        "free_on_arrival",
        "consented",
        "in_danger_now",
    ] {
        match field(f, flag) {
            Some("true") => {
                o.insert(flag.into(), serde_json::json!(true));
            }
            Some("false") => {
                o.insert(flag.into(), serde_json::json!(false));
            }
            _ => {}
        }
    }
    serde_json::Value::Object(o)
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
    let f = fields(&body);
    if let Err(r) = user
        .0
        .check_form(&method, &headers, field(&f, "csrf").unwrap_or_default())
    {
        return r;
    }
    let Ok(id) = report_id(&id) else {
        return error_page(t.lang, StatusCode::NOT_FOUND);
    };
    let input = screening_input(&f);
    let result = match screening_json(
        input.to_string().as_bytes(),
        super::screening::law_of(field(&f, "law"), state.config.screening_law).unwrap_or(state.config.screening_law),
        t.lang,
    ) {
        Ok(r) => r,
        Err(_) => {
            return report_page(
                &state,
                t,
                &user,
                id,
                StatusCode::BAD_REQUEST,
                Some(t.get("reports-screening-invalid")),
            )
            .await
        }
    };
    match super::staff_api::save(&state, user.principal(), id, input, &result).await {
        Ok(()) => Redirect::to(&format!("/reports/{id}#screening")).into_response(),
        Err(crate::error::ApiError::NotFound) => error_page(t.lang, StatusCode::NOT_FOUND),
        Err(crate::error::ApiError::Forbidden) => error_page(t.lang, StatusCode::FORBIDDEN),
        Err(_) => {
            report_page(
                &state,
                t,
                &user,
                id,
                StatusCode::BAD_REQUEST,
                Some(t.get("reports-move-invalid")),
            )
            .await
        }
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
    let f = fields(&body);
    if let Err(r) = user
        .0
        .check_form(&method, &headers, field(&f, "csrf").unwrap_or_default())
    {
        return r;
    }
    let Ok(id) = report_id(&id) else {
        return error_page(t.lang, StatusCode::NOT_FOUND);
    };
    match state
        .store
        .ask_reporter(user.principal(), id, field(&f, "text").unwrap_or_default())
        .await
    {
        Ok(()) => Redirect::to(&format!("/reports/{id}#thread")).into_response(),
        Err(StoreError::Invalid(_)) => {
            report_page(
                &state,
                t,
                &user,
                id,
                StatusCode::BAD_REQUEST,
                Some(t.get("reports-message-invalid")),
            )
            .await
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
    let f = fields(&body);
    if let Err(r) = user
        .0
        .check_form(&method, &headers, field(&f, "csrf").unwrap_or_default())
    {
        return r;
    }
    let Ok(id) = report_id(&id) else {
        return error_page(t.lang, StatusCode::NOT_FOUND);
    };
    let to = match field(&f, "status").map(ReportStatus::parse) {
        Some(Ok(s)) => s,
        _ => {
            return report_page(
                &state,
                t,
                &user,
                id,
                StatusCode::BAD_REQUEST,
                Some(t.get("reports-move-invalid")),
            )
            .await
        }
    };
    match state
        .store
        .finish_report(user.principal(), id, to, field(&f, "reason"))
        .await
    {
        Ok(()) => Redirect::to(&format!("/reports/{id}")).into_response(),
        Err(StoreError::Invalid(e)) if e.field == "reason" => {
            report_page(
                &state,
                t,
                &user,
                id,
                StatusCode::BAD_REQUEST,
                Some(t.get("reports-reason-needed")),
            )
            .await
        }
        Err(StoreError::Invalid(_)) => {
            report_page(
                &state,
                t,
                &user,
                id,
                StatusCode::BAD_REQUEST,
                Some(t.get("reports-move-invalid")),
            )
            .await
        }
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
    let f = fields(&body);
    if let Err(r) = user
        .0
        .check_form(&method, &headers, field(&f, "csrf").unwrap_or_default())
    {
        return r;
    }
    let Ok(id) = report_id(&id) else {
        return error_page(t.lang, StatusCode::NOT_FOUND);
    };
    let title = match CaseTitle::parse(field(&f, "title").unwrap_or_default()) {
        Ok(t) => t,
        Err(_) => {
            return report_page(
                &state,
                t,
                &user,
                id,
                StatusCode::BAD_REQUEST,
                Some(t.get("reports-title-needed")),
            )
            .await
        }
    };
    let mut people = vec![];
    if let (Some(given), Some(family)) = (field(&f, "given_name"), field(&f, "family_name")) {
        let json = crate::people::NewPersonJson {
            role: field(&f, "role").unwrap_or("victim").to_owned(),
            given_name: given.to_owned(),
            family_name: family.to_owned(),
            ..Default::default()
        };
        match json.parse(OffsetDateTime::now_utc().date()) {
            Ok(p) => people.push(p),
            Err(_) => {
                return report_page(
                    &state,
                    t,
                    &user,
                    id,
                    StatusCode::BAD_REQUEST,
                    Some(t.get("reports-person-invalid")),
                )
                .await
            }
        }
    }
    match state
        .store
        .open_case_from_report(user.principal(), id, &OpenCase { title, people })
        .await
    {
        Ok(case) => Redirect::to(&format!("/cases/{case}")).into_response(),
        Err(StoreError::Invalid(_)) => {
            report_page(
                &state,
                t,
                &user,
                id,
                StatusCode::BAD_REQUEST,
                Some(t.get("reports-move-invalid")),
            )
            .await
        }
        Err(e) => page_error(t, e),
    }
}
