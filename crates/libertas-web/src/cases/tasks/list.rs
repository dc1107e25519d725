//! `GET /tasks`: the open tasks of all my cases, 50 a page, earliest due first, filtered by
//! when they are due and by kind, each naming its case and person. The filter lives in the
//! URL; the home page's counts link here. A filter it cannot read comes back marked, with
//! status 400 and no tasks.

use super::api::today;
use super::pages::task_title;
use crate::http::list::{self, Choice, FieldErrors, FilterErrors, Pager};
use crate::http::{input, render, Chrome, OrPage, PageError, PageQuery, PageResult, PageUser};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use libertas_domain::admin::Capability;
use libertas_store::cases::{TaskBrowse, TaskDue, TaskGroup, TASK_PAGE_SIZE};
use serde::Deserialize;

/// The filters as typed; blank counts as not given, unknown parameters are ignored.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct TaskFilter {
    #[serde(default)]
    pub due: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub page: Option<String>,
}

/// One row.
pub struct Row {
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
#[template(path = "cases/task_list.html")]
pub struct TaskListPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub dues: Vec<Choice>,
    pub kinds: Vec<Choice>,
    pub errors: FieldErrors,
    pub rows: Vec<Row>,
    pub total: i64,
    pub pager: Pager,
}

impl TaskFilter {
    fn browse(&self) -> Result<TaskBrowse, FilterErrors> {
        let mut errors = FilterErrors::default();
        let mut fail = |field, message| errors.fail(field, message);
        let due = match input::given(&self.due).map(str::trim) {
            None => TaskDue::default(),
            Some(raw) => TaskDue::ALL
                .into_iter()
                .find(|d| d.as_str() == raw)
                .unwrap_or_else(|| {
                    fail("due", "tasks-error-due");
                    TaskDue::default()
                }),
        };
        let group = match input::given(&self.kind).map(str::trim) {
            None => None,
            Some(raw) => match TaskGroup::ALL.into_iter().find(|g| g.as_str() == raw) {
                Some(g) => Some(g),
                None => {
                    fail("kind", "tasks-error-kind");
                    None
                }
            },
        };
        let page = list::read_page(&self.page).unwrap_or_else(|| {
            fail("page", "cases-error-page");
            0
        });
        errors.or(|| TaskBrowse {
            due,
            group,
            page,
            limit: 0,
        })
    }

    /// This view's link on `page` (1-based).
    fn href(&self, page: i64) -> String {
        list::page_href("/tasks", &[("due", &self.due), ("kind", &self.kind)], page)
    }
}

/// `GET /tasks`.
pub async fn list(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    PageQuery(view): PageQuery<TaskFilter>,
) -> PageResult {
    if !user.principal().can(Capability::WorkCases) {
        return Err(PageError::Page(t.lang, StatusCode::FORBIDDEN));
    }
    let query = view.browse();
    let chosen_due = query.as_ref().map(|q| q.due).unwrap_or_default();
    let chosen_group = query.as_ref().ok().and_then(|q| q.group);
    let day = today();
    let (status, rows, total, page, errors) = match query {
        Err(errors) => (StatusCode::BAD_REQUEST, Vec::new(), 0, 0, errors.0),
        Ok(q) => {
            let found = state
                .store
                .browse_tasks(user.principal(), &q, day, "page: task list")
                .await
                .or_page(t)?;
            let rows = found
                .tasks
                .into_iter()
                .map(|i| Row {
                    case_id: i.task.case_id.to_string(),
                    case_label: format!("{} · {}", i.case_number, i.case_title),
                    person: i.person.map(|(id, name)| {
                        (
                            id.to_string(),
                            name.unwrap_or_else(|| t.get("home-person-erased")),
                        )
                    }),
                    title: task_title(&t, &i.task),
                    due: i.task.due_date.to_string(),
                    due_shown: t.date(&i.task.due_date.to_string()),
                    overdue: i.task.due_date < day,
                })
                .collect();
            (StatusCode::OK, rows, found.total, q.page, Vec::new())
        }
    };
    let pager = if errors.is_empty() {
        Pager::numbered(&t, "tasks-pages", total, page, TASK_PAGE_SIZE, |n| {
            view.href(n)
        })
    } else {
        Pager::none(&t, "tasks-pages")
    };
    let dues = TaskDue::ALL
        .into_iter()
        .map(|d| {
            Choice::new(
                d.as_str(),
                t.get(&format!("tasks-due-{}", d.as_str())),
                d == chosen_due,
            )
        })
        .collect();
    let kinds = TaskGroup::ALL
        .into_iter()
        .map(|g| {
            Choice::new(
                g.as_str(),
                t.get(&format!("tasks-kind-{}", g.as_str())),
                chosen_group == Some(g),
            )
        })
        .collect();
    Ok(render(
        status,
        &TaskListPage {
            t,
            chrome,
            dues,
            kinds,
            rows,
            total,
            pager,
            errors: FieldErrors::new(&t, &errors),
        },
    ))
}
