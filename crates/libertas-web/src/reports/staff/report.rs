//! The report page: first and loudly whether the reporter may be contacted (and the safe
//! times), then the story, related reports, the screening form and result, the thread with
//! the reporter, and the triage forms.

use crate::http::PageUser;
use crate::http::{render, Chrome, Fields, OrPage, PageError, PageResult};
use crate::i18n::Tr;
use crate::reports::report_id;
use crate::reports::staff::pages::{chrome, row, QueueRow};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use libertas_domain::reports::screening::{label_id, Act, Indicator, Means, Purpose};
use libertas_domain::reports::ReportStatus;
use libertas_store::reports::ReportView;

pub struct Check {
    name: &'static str,
    code: &'static str,
    label: String,
    checked: bool,
}

pub struct ThreadRow {
    to_reporter: bool,
    /// Sent through the reporter's contact details rather than left for their receipt.
    by_contact: bool,
    who: String,
    /// The stored UTC time; the page shows it with `Tr::datetime`.
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
    /// When the report came in, as stored; the page shows it with `Tr::datetime`.
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
    /// The reader holds the report.
    mine: bool,
    /// Other reports sharing an identifier: id and short number.
    related: Vec<(String, String)>,
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

pub(crate) async fn report_page(
    state: &AppState,
    t: Tr,
    user: &PageUser,
    id: libertas_domain::ids::ReportId,
    status: StatusCode,
    error: Option<String>,
) -> PageResult {
    let r = state
        .store
        .get_report(user.principal(), id, "page: open the report")
        .await
        .or_page(t)?;
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
    let mut related = Vec::with_capacity(r.related.len());
    for other in &r.related {
        let s = state
            .store
            .report_summary(user.principal(), *other)
            .await
            .or_page(t)?;
        related.push((other.to_string(), s.number));
    }
    let page = ReportPage {
        t,
        chrome: chrome(state, user).await,
        id: id.to_string(),
        summary: row(t, &r.summary),
        received: r.summary.created_at.clone(),
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
                by_contact: m.via.as_deref() == Some("contact"),
                who: m
                    .author
                    .clone()
                    .unwrap_or_else(|| t.get("reports-reporter")),
                at: m.at.clone(),
                text: m.text.clone(),
            })
            .collect(),
        open: matches!(status_now, ReportStatus::New | ReportStatus::Screened),
        screened: status_now == ReportStatus::Screened,
        related,
        mine: r.summary.assignee_id.as_deref()
            == Some(user.principal().user_id.to_string().as_str()),
        error,
        r,
    };
    Ok(render(status, &page))
}

pub async fn show(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path(id): Path<String>,
) -> PageResult {
    let id = report_id(&id).map_err(|_| PageError::not_found(t))?;
    report_page(&state, t, &user, id, StatusCode::OK, None).await
}

/// Builds the screening input JSON from the form.
pub(crate) fn screening_input(f: &Fields) -> serde_json::Value {
    let mut o = serde_json::Map::new();
    if let Some(age) = f.filled("age") {
        o.insert(
            "age".into(),
            age.trim()
                .parse::<u64>()
                .map(serde_json::Value::from)
                .unwrap_or_else(|_| serde_json::Value::String(age.to_owned())),
        );
    }
    for list in ["acts", "means", "purposes", "indicators"] {
        let v = f.all(list);
        if !v.is_empty() {
            o.insert(list.into(), serde_json::json!(v));
        }
    }
    if let Some(b) = f.filled("border_crossing") {
        o.insert("border_crossing".into(), serde_json::json!(b));
    }
    for flag in [
        "paid_facilitator",
        "free_on_arrival",
        "consented",
        "in_danger_now",
    ] {
        match f.filled(flag) {
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
