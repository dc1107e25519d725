//! The tasks page of a case (`/cases/{id}/tasks`, with the deadlines) and the task rows the
//! home page's overdue list shares.

use crate::cases::decisions::pages::{deadline_rows, error_text, load, DeadlineRow, ErrorQuery};
use crate::cases::tasks::api::{task_id, today, NewTaskJson};
use crate::http::{
    render, Chrome, CsrfForm, CsrfOnly, OrPage, PageError, PageResult, PageUser, PathId,
};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use libertas_domain::cases::decisions::date_text;
use libertas_domain::cases::tasks::{TaskKind, TaskStatus};
use libertas_domain::ids::CaseId;
use libertas_store::cases::TaskView;
use libertas_store::StoreError;
use serde::Deserialize;

/// A task formatted for a table (the case's tasks, or the home page's overdue list).
pub struct TaskRow {
    pub id: String,
    pub title: String,
    pub due: String,
    pub assignee: String,
    pub open: bool,
    pub overdue: bool,
}

#[derive(Template)]
#[template(path = "cases/tasks.html")]
pub struct TasksPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub id: String,
    pub title: String,
    pub tasks: Vec<TaskRow>,
    pub deadlines: Vec<DeadlineRow>,
    pub error: Option<String>,
}

/// A task's title as shown: rule-made tasks get their title in the reader's language.
pub fn task_title(t: &Tr, task: &TaskView) -> String {
    match task.kind {
        TaskKind::Manual => task.title.clone(),
        k => t.get(&format!("protect-task-kind-{}", k.as_str())),
    }
}

/// Formats a task for a table in the reader's language.
pub fn task_row(t: &Tr, task: &TaskView) -> TaskRow {
    TaskRow {
        id: task.id.to_string(),
        title: task_title(t, task),
        due: date_text(task.due_date),
        assignee: task.assignee.clone().unwrap_or_default(),
        open: task.status == TaskStatus::Open,
        overdue: task.overdue,
    }
}

/// `GET /cases/{id}/tasks`: the tasks, the deadlines and the form (members only).
pub async fn tasks_page(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    PathId(id): PathId<CaseId>,
    crate::http::PageQuery(q): crate::http::PageQuery<ErrorQuery>,
) -> PageResult {
    let (title, victims, decisions) = load(&state, &t, &user, id).await.or_page(t)?;
    let tasks = state
        .store
        .case_tasks(user.principal(), id, today(), "page: case tasks")
        .await
        .or_page(t)?;
    let tasks = tasks.iter().map(|x| task_row(&t, x)).collect();
    let deadlines = deadline_rows(&t, &victims, &decisions);
    let error = error_text(&t, &q);
    Ok(render(
        StatusCode::OK,
        &TasksPage {
            t,
            chrome,
            id: id.to_string(),
            title,
            tasks,
            deadlines,
            error,
        },
    ))
}

/// The task form; empty description and assignee count as not given.
#[derive(Deserialize)]
pub struct TaskForm {
    #[allow(dead_code)]
    csrf: String,
    title: String,
    description: Option<String>,
    due_date: String,
    assignee: Option<String>,
}

/// `POST /cases/{id}/tasks`: back to the page, with `?error=FIELD` when refused.
#[tracing::instrument(skip_all)]
pub async fn add_task(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    PathId(id): PathId<CaseId>,
    CsrfForm(f): CsrfForm<TaskForm>,
) -> PageResult {
    let body = NewTaskJson {
        title: f.title,
        description: f.description,
        due_date: f.due_date,
        assignee: f.assignee,
    };
    let back = |field: &str| PageError::redirect(format!("/cases/{id}/tasks?error={field}"));
    let (task, assignee) = body.parse().map_err(|e| back(&e.field))?;
    match state
        .store
        .add_task(
            user.principal(),
            id,
            &task,
            assignee.as_ref().map(|a| a.as_str()),
            "page: add a task",
        )
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/cases/{id}/tasks")).into_response()),
        Err(StoreError::Invalid(e)) => Err(back(&e.field)),
        Err(e) => Err(PageError::store(t, e)),
    }
}

/// `POST /tasks/{id}/done`: back to the task's case.
pub async fn task_done(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<CsrfOnly>,
) -> PageResult {
    // Task ids are plain UUIDs read by `task_id`; a malformed one is the 404 page.
    let id = task_id(&id).map_err(|_| PageError::not_found(t))?;
    let task = state
        .store
        .complete_task(user.principal(), id, today(), "page: complete a task")
        .await
        .or_page(t)?;
    Ok(Redirect::to(&format!("/cases/{}/tasks", task.case_id)).into_response())
}
