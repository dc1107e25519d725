//! `GET /`: the home page for the signed-in user's role.

use super::chart::BarChart;
use crate::http::{clock, render, Chrome, OrPage, PageResult, PageUser};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use libertas_domain::admin::{Capability, Role};
use libertas_store::cases::{CaseBrowse, CaseSort, TaskBrowse, TaskDue, TaskItem};
use libertas_store::home::{AccountWork, CaseWork, JusticeWork, ReportWork};
use time::Date;

/// How many tasks the home lists (the rest are on the cases' task pages).
const DUE_TASKS_SHOWN: i64 = 20;
/// How many recently changed cases the home lists.
const RECENT_CASES_SHOWN: usize = 8;

/// A recently changed case.
pub struct RecentCase {
    pub id: String,
    pub number: String,
    pub title: String,
    pub status: String,
    pub updated: String,
    /// The stored time, for `<time datetime>`.
    pub updated_at: String,
}

/// A task due today or overdue.
pub struct DueRow {
    pub case_id: String,
    pub case_label: String,
    pub person: Option<(String, String)>,
    pub title: String,
    pub due: String,
    /// The due date in the reader's language.
    pub due_shown: String,
    pub overdue: bool,
}

#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    pub t: Tr,
    pub chrome: Chrome,
    pub role: Role,
    pub cases: Option<CaseWork>,
    pub cases_total: i64,
    pub caseload_chart: Option<BarChart>,
    pub recent: Vec<RecentCase>,
    pub due: Vec<DueRow>,
    pub justice: Option<JusticeWork>,
    pub reports: Option<ReportWork>,
    pub reports_chart: Option<BarChart>,
    /// How long the oldest unscreened report has waited, in words.
    pub oldest_wait: Option<String>,
    pub accounts: Option<AccountWork>,
}

impl HomePage {
    /// Whether the role has any case or report work (else the page shows its own links).
    pub fn works(&self) -> bool {
        self.cases.is_some() || self.reports.is_some()
    }
}

/// "3 h", "2 d": how long since a stored time.
fn waited(t: &Tr, since: &str, now: time::OffsetDateTime) -> Option<String> {
    let since = libertas_store::clock::from_text(since)?;
    let hours = (now - since).whole_hours().max(0);
    Some(if hours < 48 {
        t.arg("home-waited-hours", "n", &hours.to_string())
    } else {
        t.arg("home-waited-days", "n", &(hours / 24).to_string())
    })
}

fn due_row(t: &Tr, d: TaskItem, today: Date) -> DueRow {
    let title = match d.task.kind {
        libertas_domain::cases::tasks::TaskKind::Manual => d.task.title.clone(),
        kind => t.get(&format!("protect-task-kind-{}", kind.as_str())),
    };
    DueRow {
        case_id: d.task.case_id.to_string(),
        case_label: format!("{} · {}", d.case_number, d.case_title),
        person: d.person.map(|(id, name)| {
            (
                id.to_string(),
                name.unwrap_or_else(|| t.get("home-person-erased")),
            )
        }),
        title,
        due: d.task.due_date.to_string(),
        due_shown: t.date(&d.task.due_date.to_string()),
        overdue: d.task.due_date < today,
    }
}

pub async fn home(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
) -> PageResult {
    let p = user.principal();
    let store = &state.store;
    let now = clock::now();
    let today = now.date();
    let mut page = HomePage {
        t,
        chrome,
        role: p.role,
        cases: None,
        cases_total: 0,
        caseload_chart: None,
        recent: Vec::new(),
        due: Vec::new(),
        justice: None,
        reports: None,
        reports_chart: None,
        oldest_wait: None,
        accounts: None,
    };
    if p.can(Capability::WorkCases) {
        let work = store.case_work(p, today).await.or_page(t)?;
        page.cases_total = work.caseload.iter().map(|(_, n)| n).sum();
        page.caseload_chart = Some(BarChart::new(
            "caseload",
            t.get("home-chart-caseload"),
            t.get("home-chart-caseload-desc"),
            work.caseload
                .iter()
                .map(|(s, n)| {
                    (
                        t.get(&format!("workflow-status-{}", s.as_str())),
                        *n,
                        format!("/cases?status={}", s.as_str()),
                    )
                })
                .collect(),
        ));
        page.cases = Some(work);
        let recent = store
            .browse_cases(
                p,
                &CaseBrowse {
                    sort: CaseSort::Updated,
                    ..CaseBrowse::default()
                },
                "page: home, recently changed cases",
            )
            .await
            .or_page(t)?;
        page.recent = recent
            .cases
            .into_iter()
            .take(RECENT_CASES_SHOWN)
            .map(|c| RecentCase {
                id: c.id.to_string(),
                number: c.number,
                title: c.title,
                status: t.get(&format!("workflow-status-{}", c.status.as_str())),
                updated: t.datetime(&c.updated_at),
                updated_at: c.updated_at,
            })
            .collect();
        let due = TaskBrowse {
            due: TaskDue::Now,
            limit: DUE_TASKS_SHOWN,
            ..TaskBrowse::default()
        };
        page.due = store
            .browse_tasks(p, &due, today, "page: home, tasks due")
            .await
            .or_page(t)?
            .tasks
            .into_iter()
            .map(|d| due_row(&t, d, today))
            .collect();
        if p.can(Capability::Prosecute) {
            page.justice = Some(store.justice_work(p, today).await.or_page(t)?);
        }
    }
    if matches!(p.role, Role::Hotline | Role::Admin) {
        let work = store.report_work(p).await.or_page(t)?;
        page.oldest_wait = work
            .oldest_new_at
            .as_deref()
            .and_then(|at| waited(&t, at, now));
        page.reports_chart = Some(BarChart::new(
            "week-verdicts",
            t.get("home-chart-verdicts"),
            t.get("home-chart-verdicts-desc"),
            work.week_by_verdict
                .iter()
                .map(|(v, n)| {
                    (
                        t.get(&format!("home-verdict-{v}")),
                        *n,
                        format!("/reports?status=all&verdict={v}"),
                    )
                })
                .collect(),
        ));
        page.reports = Some(work);
    }
    if p.can(Capability::Administer) {
        page.accounts = Some(store.account_work(p, now).await.or_page(t)?);
    }
    Ok(render(StatusCode::OK, &page))
}
