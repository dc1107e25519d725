//! The queue page (`/reports`): one line per report (number, urgency, waiting time, channel,
//! status, verdict, assignee, replies), filtered and sorted by the URL (a GET form, so a view
//! can be bookmarked), 50 a page with the total; and "find a report by its number".
//!
//! A filter that cannot be read comes back in the form as typed, marked and explained, and no
//! reports are shown for it (status 400): a mistyped filter never silently shows everything.
//! The same holds for a number the finder cannot read.

use super::filter::{FilterError, QueueView, ASSIGNEES, SORTS, STATUSES, VERDICTS};
use super::pages::{chrome, row, works_reports, QueueRow};
use crate::http::input::given;
use crate::http::list::{Choice, Pager};
use crate::http::{render, OrPage, PageError, PageQuery, PageResult, PageUser};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use libertas_domain::reports::Channel;
use libertas_store::reports::QUEUE_PAGE;
use libertas_store::StoreError;
use serde::Deserialize;

/// A filter's select: its parameter, label, options and, when refused, the message.
pub struct Select {
    pub name: &'static str,
    pub label: String,
    pub choices: Vec<Choice>,
    pub error: Option<String>,
    pub autofocus: bool,
}

#[derive(Template)]
#[template(path = "reports/queue.html")]
pub struct QueuePage {
    t: Tr,
    chrome: crate::http::Chrome,
    selects: Vec<Select>,
    urgent_only: bool,
    urgent_error: Option<String>,
    urgent_autofocus: bool,
    unanswered_only: bool,
    unanswered_error: Option<String>,
    unanswered_autofocus: bool,
    /// The finder's number as typed, and why it was refused.
    number: String,
    number_error: Option<String>,
    /// The filters were refused: show no reports.
    refused: bool,
    rows: Vec<QueueRow>,
    total: i64,
    pager: Pager,
}

/// A select for `name`: the typed value stays selected; one the queue does not know is kept
/// as an extra option, so the refused page shows what was asked.
fn select(
    t: Tr,
    name: &'static str,
    label: &str,
    typed: &Option<String>,
    options: Vec<(String, String)>,
    errors: &[FilterError],
) -> Select {
    let typed = typed.as_deref().map(str::trim).unwrap_or_default();
    let mut choices: Vec<Choice> = options
        .into_iter()
        .map(|(value, label)| Choice {
            chosen: value == typed,
            value,
            label,
        })
        .collect();
    if !typed.is_empty() && !choices.iter().any(|c| c.chosen) {
        choices.push(Choice::new(typed, typed.to_owned(), true));
    }
    let error = errors.iter().find(|e| e.field == name);
    Select {
        name,
        label: t.get(label),
        choices,
        error: error.map(|e| t.get(e.message)),
        autofocus: errors.first().is_some_and(|e| e.field == name),
    }
}

fn selects(t: Tr, view: &QueueView, errors: &[FilterError]) -> Vec<Select> {
    // The order shown is the one the list has: when none was asked for, the status's default.
    let sort = given(&view.sort)
        .map(str::to_owned)
        .or_else(|| view.filter().ok().map(|f| f.sort.as_str().to_owned()));
    let coded = |codes: &[&str], key: fn(&str) -> String| -> Vec<(String, String)> {
        codes
            .iter()
            .map(|c| (c.to_string(), t.get(&key(c))))
            .collect()
    };
    let mut channels = vec![(String::new(), t.get("reports-filter-any"))];
    channels.extend(
        std::iter::once(Channel::Public)
            .chain(Channel::OPERATOR)
            .map(|c| {
                (
                    c.as_str().to_owned(),
                    t.get(&format!("channel-{}", c.as_str())),
                )
            }),
    );
    let mut verdicts = vec![(String::new(), t.get("reports-filter-any"))];
    verdicts.extend(coded(&VERDICTS, |v| match v {
        "unscreened" => "reports-not-screened".to_owned(),
        v => format!("verdict-{v}"),
    }));
    vec![
        select(
            t,
            "status",
            "reports-col-status",
            &view.status,
            coded(&STATUSES, |s| match s {
                "open" | "all" => format!("reports-filter-status-{s}"),
                s => format!("report-status-{s}"),
            }),
            errors,
        ),
        select(
            t,
            "verdict",
            "reports-col-verdict",
            &view.verdict,
            verdicts,
            errors,
        ),
        select(
            t,
            "assignee",
            "reports-col-assignee",
            &view.assignee,
            coded(&ASSIGNEES, |a| format!("reports-filter-assignee-{a}")),
            errors,
        ),
        select(
            t,
            "channel",
            "reports-col-channel",
            &view.channel,
            channels,
            errors,
        ),
        select(
            t,
            "sort",
            "reports-filter-sort",
            &sort,
            coded(&SORTS, |s| format!("reports-filter-sort-{s}")),
            errors,
        ),
    ]
}

/// The queue page for `view`, with the finder's number (and its error) when it was used.
async fn queue_page(
    state: &AppState,
    t: Tr,
    user: &PageUser,
    view: &QueueView,
    number: String,
    number_error: Option<String>,
) -> PageResult {
    if !works_reports(user) {
        return Err(PageError::forbidden(t));
    }
    let (errors, found, page) = match view.filter() {
        Err(errors) => (errors, None, 1),
        Ok(f) => {
            let found = state
                .store
                .report_queue(user.principal(), &f)
                .await
                .or_page(t)?;
            (Vec::new(), Some(found), f.page)
        }
    };
    let refused = found.is_none();
    let (rows, total) = match found {
        Some(f) => (f.reports.iter().map(|s| row(t, s)).collect(), f.total),
        None => (Vec::new(), 0),
    };
    let pager = if refused {
        Pager::none(&t, "reports-pages")
    } else {
        let index = i64::from(page) - 1;
        Pager::numbered(
            &t,
            "reports-pages",
            total,
            index,
            i64::from(QUEUE_PAGE),
            |n| view.href(n),
        )
        .with_links(&t, "reports-page-previous", "reports-page-next")
        .with_page_of(&t, "reports-page-of")
        .with_position()
    };
    let status = if refused || number_error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let urgent_error = errors
        .iter()
        .find(|e| e.field == "urgent")
        .map(|e| t.get(e.message));
    let urgent_autofocus = errors.first().is_some_and(|e| e.field == "urgent");
    let unanswered_error = errors
        .iter()
        .find(|e| e.field == "unanswered")
        .map(|e| t.get(e.message));
    let unanswered_autofocus = errors.first().is_some_and(|e| e.field == "unanswered");
    let page = QueuePage {
        t,
        chrome: chrome(state, user).await,
        selects: selects(t, view, &errors),
        urgent_only: view.urgent.as_deref().map(str::trim) == Some("true"),
        urgent_error,
        urgent_autofocus,
        unanswered_only: view.unanswered.as_deref().map(str::trim) == Some("true"),
        unanswered_error,
        unanswered_autofocus,
        number,
        number_error,
        refused,
        rows,
        total,
        pager,
    };
    Ok(render(status, &page))
}

/// `GET /reports`.
pub async fn queue(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    PageQuery(view): PageQuery<QueueView>,
) -> PageResult {
    queue_page(&state, t, &user, &view, String::new(), None).await
}

#[derive(Deserialize)]
pub struct FindQuery {
    #[serde(default)]
    number: String,
}

/// `GET /reports/find?number=R-2026-00042`: to the report with this number in the reader's
/// organisation; the queue with the number marked (400) when it is not written as a report
/// number; the 404 page when no report of the organisation has it.
pub async fn find(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    PageQuery(q): PageQuery<FindQuery>,
) -> PageResult {
    match state
        .store
        .report_by_number(user.principal(), &q.number)
        .await
    {
        Ok(id) => Ok(Redirect::to(&format!("/reports/{id}")).into_response()),
        Err(StoreError::Invalid(_)) => {
            let msg = Some(t.get("reports-find-invalid"));
            queue_page(&state, t, &user, &QueueView::default(), q.number, msg).await
        }
        Err(e) => Err(PageError::store(t, e)),
    }
}
