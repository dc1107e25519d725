//! `/api/v1/cases/{id}/tasks`, `/api/v1/tasks`: tasks with due dates and assignees, made by
//! hand or by the decision rules.

use crate::http::input::given;
use crate::http::schema;
use crate::http::ApiError;
use crate::http::ApiPrincipal;
use crate::http::ApiQuery;
use crate::http::{ApiId, ApiPathId};
use crate::json::ApiJson;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use libertas_domain::admin::Username;
use libertas_domain::cases::decisions::{date_text, parse_date};
use libertas_domain::cases::tasks::{NewTask, TaskDescription, TaskId, TaskTitle};
use libertas_domain::ids::CaseId;
use libertas_domain::FieldError;
use libertas_store::cases::{TaskFilter, TaskView};
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::ToSchema;

/// Today in UTC: the day deadlines are judged against.
pub fn today() -> Date {
    crate::http::clock::now().date()
}

/// A task as members of its case see it.
#[derive(Serialize, ToSchema)]
pub struct TaskJson {
    #[schema(format = "uuid")]
    pub id: String,
    #[schema(format = "uuid")]
    pub case_id: String,
    /// The victim a rule-made task is about.
    pub case_person_id: Option<String>,
    /// `manual`, `reasonable_grounds_due` or `conclusive_grounds_earliest`.
    pub kind: String,
    pub title: String,
    pub description: Option<String>,
    /// `YYYY-MM-DD`.
    pub due_date: String,
    /// The assignee's username.
    pub assignee: Option<String>,
    /// `open` or `done`.
    pub status: String,
    /// Open and past its due date.
    pub overdue: bool,
    pub created_at: String,
    pub done_at: Option<String>,
}

impl From<TaskView> for TaskJson {
    fn from(t: TaskView) -> Self {
        Self {
            id: t.id.to_string(),
            case_id: t.case_id.to_string(),
            case_person_id: t.case_person_id,
            kind: t.kind.as_str().to_owned(),
            title: t.title,
            description: t.description,
            due_date: date_text(t.due_date),
            assignee: t.assignee,
            status: t.status.as_str().to_owned(),
            overdue: t.overdue,
            created_at: t.created_at,
            done_at: t.done_at,
        }
    }
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct NewTaskJson {
    /// 1–200 characters. Encrypted at rest.
    #[schema(schema_with = schema::text::<TaskTitle>)]
    pub title: String,
    /// Up to 10,000 characters. Encrypted at rest.
    #[schema(schema_with = schema::blank_or_text::<TaskDescription>)]
    pub description: Option<String>,
    /// `YYYY-MM-DD`.
    #[schema(schema_with = schema::date)]
    pub due_date: String,
    /// Username of a member of the case (else 400 naming `assignee`).
    #[schema(schema_with = schema::blank_or_username)]
    pub assignee: Option<String>,
}

impl NewTaskJson {
    pub fn parse(&self) -> Result<(NewTask, Option<Username>), FieldError> {
        let task = NewTask {
            title: TaskTitle::parse(&self.title)?,
            description: given(&self.description)
                .map(TaskDescription::parse)
                .transpose()?,
            due: parse_date("due_date", &self.due_date)?,
        };
        let assignee = given(&self.assignee)
            .map(|a| Username::parse(a).map_err(|e| e.at("assignee")))
            .transpose()?;
        Ok((task, assignee))
    }
}

/// Parses a task id from the path; a malformed id is a 400 naming `id`.
pub fn task_id(raw: &str) -> Result<TaskId, ApiError> {
    raw.parse()
        .map_err(|_| ApiError::invalid("id", TaskId::MESSAGE))
}

/// Adds a task to the case by hand. 400 naming `assignee` when no member of the case has that
/// username.
#[utoipa::path(post, path = "/api/v1/cases/{id}/tasks", tag = "cases", request_body = NewTaskJson,
    params(("id" = String, Path, description = "case id")),
    responses((status = 201, body = TaskJson), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<CaseId>,
    ApiJson(body): ApiJson<NewTaskJson>,
) -> Result<Response, ApiError> {
    let (task, assignee) = body.parse()?;
    let view = state
        .store
        .add_task(
            &p,
            id,
            &task,
            assignee.as_ref().map(Username::as_str),
            "api: add a task",
        )
        .await?;
    Ok((StatusCode::CREATED, Json(TaskJson::from(view))).into_response())
}

/// The case's tasks, open first, by due date.
#[utoipa::path(get, path = "/api/v1/cases/{id}/tasks", tag = "cases", params(("id" = String, Path, description = "case id")),
    responses((status = 200, description = "`{\"tasks\": [Task]}`"), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<CaseId>,
) -> Result<Response, ApiError> {
    let tasks: Vec<TaskJson> = state
        .store
        .case_tasks(&p, id, today(), "api: read case tasks")
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(Json(serde_json::json!({ "tasks": tasks })).into_response())
}

/// Marks a task done (members of its case only; doing it twice is harmless).
#[utoipa::path(post, path = "/api/v1/tasks/{id}/done", tag = "cases", params(("id" = String, Path, description = "task id")),
    responses((status = 200, body = TaskJson), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn done(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<TaskId>,
) -> Result<Json<TaskJson>, ApiError> {
    Ok(Json(
        state
            .store
            .complete_task(&p, id, today(), "api: complete a task")
            .await?
            .into(),
    ))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct TasksQuery {
    /// Only open tasks whose due date has passed.
    overdue: Option<bool>,
}

/// Open tasks of every case the caller is a member of, by due date.
#[utoipa::path(get, path = "/api/v1/tasks", tag = "cases", params(TasksQuery),
    responses((status = 200, description = "`{\"tasks\": [Task]}`"), (status = 400), (status = 401), (status = 403)),
    security(("bearer" = [])))]
pub async fn mine(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiQuery(q): ApiQuery<TasksQuery>,
) -> Result<Response, ApiError> {
    let filter = TaskFilter {
        overdue: q.overdue.unwrap_or(false),
    };
    let tasks: Vec<TaskJson> = state
        .store
        .my_tasks(&p, filter, today(), "api: list my tasks")
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(Json(serde_json::json!({ "tasks": tasks })).into_response())
}
