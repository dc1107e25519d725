//! The tasks page of a case (`/cases/{id}/tasks`, with the deadlines) and the task rows the
//! home page's overdue list shares.

use super::case_id;
use super::decision_pages::{deadline_rows, error_text, load, DeadlineRow, ErrorQuery};
use super::tasks::{task_id, today, NewTaskJson};
use crate::http::page_error;
use crate::http::PageUser;
use crate::http::{error_page, render, Chrome};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use libertas_domain::cases::decisions::date_text;
use libertas_domain::cases::tasks::{TaskKind, TaskStatus};
use libertas_store::cases::TaskView;
use libertas_store::StoreError;
use serde::Deserialize;

/// A task formatted for a table (the case's tasks, or the home page's overdue list).
pub struct TaskRow {
    pub id: String,
    pub case_id: String,
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
        case_id: task.case_id.to_string(),
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
    Path(id): Path<String>,
    Query(q): Query<ErrorQuery>,
) -> Response {
    let Ok(id) = case_id(&id) else {
        return error_page(t.lang, StatusCode::NOT_FOUND);
    };
    let (title, victims, decisions) = match load(&state, &t, &user, id).await {
        Ok(v) => v,
        Err(e) => return page_error(t, e),
    };
    let tasks = match state
        .store
        .case_tasks(user.principal(), id, today(), "page: case tasks")
        .await
    {
        Ok(v) => v,
        Err(e) => return page_error(t, e),
    };
    let tasks = tasks.iter().map(|x| task_row(&t, x)).collect();
    let deadlines = deadline_rows(&t, &victims, &decisions);
    let error = error_text(&t, &q);
    let chrome = Chrome::for_user(state.config.demo, user.principal(), user.csrf());
    render(
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
    )
}

/// The task form; empty description and assignee count as not given.
#[derive(Deserialize)]
pub struct TaskForm {
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
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Path(id): Path<String>,
    Form(f): Form<TaskForm>,
) -> Response {
    if let Err(r) = user.0.check_form(&method, &headers, &f.csrf) {
        return r;
    }
    let Ok(id) = case_id(&id) else {
        return error_page(t.lang, StatusCode::NOT_FOUND);
    };
    let body = NewTaskJson {
        title: f.title,
        description: f.description,
        due_date: f.due_date,
        assignee: f.assignee,
    };
    let back =
        |field: &str| Redirect::to(&format!("/cases/{id}/tasks?error={field}")).into_response();
    let (task, assignee) = match body.parse() {
        Ok(v) => v,
        Err(e) => return back(&e.field),
    };
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
        Ok(_) => Redirect::to(&format!("/cases/{id}/tasks")).into_response(),
        Err(StoreError::Invalid(e)) => back(&e.field),
        Err(e) => page_error(t, e),
    }
}

/// A form that carries nothing but its cross-site token.
#[derive(Deserialize)]
pub struct CsrfForm {
    csrf: String,
}

/// `POST /tasks/{id}/done`: back to the task's case.
pub async fn task_done(
    State(state): State<AppState>,
    t: Tr,
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Path(id): Path<String>,
    Form(f): Form<CsrfForm>,
) -> Response {
    if let Err(r) = user.0.check_form(&method, &headers, &f.csrf) {
        return r;
    }
    let Ok(id) = task_id(&id) else {
        return error_page(t.lang, StatusCode::NOT_FOUND);
    };
    match state
        .store
        .complete_task(user.principal(), id, today(), "page: complete a task")
        .await
    {
        Ok(task) => Redirect::to(&format!("/cases/{}/tasks", task.case_id)).into_response(),
        Err(e) => page_error(t, e),
    }
}
