//! Tasks of a case: made by hand or by the decision rules (in the decision's transaction).
//!
//! Titles and descriptions may name people, so both are sealed under the case key; the due
//! date, status and kind stay plain so overdue lists are one indexed query.

use super::require_case_work;
use crate::audit::AuditEvent;
use crate::crypto::{seal_field, DataKey, FieldRef};
use crate::keystore::OwnerKind;
use crate::tx::WriteTx;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::cases::decisions::{date_text, parse_date};
use libertas_domain::cases::tasks::{is_overdue, NewTask, TaskId, TaskKind, TaskStatus};
use libertas_domain::ids::{CaseId, UserId};
use libertas_domain::FieldError;
use serde::Serialize;
use sqlx::FromRow;
use time::Date;
use uuid::Uuid;

/// A task as members of its case see it.
#[derive(Clone, Debug, Serialize)]
pub struct TaskView {
    pub id: TaskId,
    pub case_id: CaseId,
    pub case_person_id: Option<String>,
    pub kind: TaskKind,
    pub title: String,
    pub description: Option<String>,
    pub due_date: Date,
    pub assignee: Option<String>,
    pub status: TaskStatus,
    pub overdue: bool,
    pub created_at: String,
    pub done_at: Option<String>,
}

/// Which tasks a listing returns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TaskFilter {
    /// Only open tasks whose due day has passed.
    pub overdue: bool,
}

/// A task the rules create inside another write.
pub(crate) struct RuleTask<'a> {
    pub case_id: &'a str,
    pub case_person_id: &'a str,
    pub decision_id: &'a str,
    pub kind: TaskKind,
    pub due: Date,
}

pub(super) const TASK_SELECT: &str =
    "select t.id, t.case_id, t.case_person_id, t.kind, t.title, t.description, t.due_date,
        u.username, t.status, t.created_at, t.done_at
     from tasks t left join users u on u.id = t.assignee_id";

/// A row of [`TASK_SELECT`]: title and description sealed, the assignee's username.
#[derive(FromRow)]
struct TaskRow {
    id: String,
    case_id: String,
    case_person_id: Option<String>,
    kind: String,
    title: Vec<u8>,
    description: Option<Vec<u8>>,
    due_date: String,
    username: Option<String>,
    status: String,
    created_at: String,
    done_at: Option<String>,
}

fn seal(key: &DataKey, column: &str, row: &str, value: &str) -> Vec<u8> {
    seal_field(
        key,
        1,
        FieldRef {
            table: "tasks",
            column,
            row,
        },
        value.as_bytes(),
    )
}

/// Inserts a rule-made task unless an open one of the same kind exists for the victim; closes
/// it instead when `close` is set (the decision it waited for has been made).
pub(crate) async fn apply_rule_task(
    tx: &mut WriteTx<'_>,
    key: &DataKey,
    actor: &Principal,
    task: RuleTask<'_>,
    close: bool,
    now: &str,
) -> Result<Option<String>, StoreError> {
    if close {
        sqlx::query(
            "update tasks set status = 'done', done_by = $1, done_at = $2
             where case_person_id = $3 and kind = $4 and status = 'open'",
        )
        .bind(actor.user_id.to_string())
        .bind(now)
        .bind(task.case_person_id)
        .bind(task.kind.as_str())
        .execute(tx.conn()?)
        .await?;
        return Ok(None);
    }
    let open = sqlx::query(
        "select 1 from tasks where case_person_id = $1 and kind = $2 and status = 'open'",
    )
    .bind(task.case_person_id)
    .bind(task.kind.as_str())
    .fetch_optional(tx.conn()?)
    .await?;
    if open.is_some() {
        return Ok(None);
    }
    let id = Uuid::now_v7().to_string();
    sqlx::query(
        "insert into tasks (id, case_id, case_person_id, decision_id, kind, title, due_date, status,
            created_by, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9)",
    )
    .bind(&id)
    .bind(task.case_id)
    .bind(task.case_person_id)
    .bind(task.decision_id)
    .bind(task.kind.as_str())
    .bind(seal(key, "title", &id, task.kind.default_title()))
    .bind(date_text(task.due))
    .bind(actor.user_id.to_string())
    .bind(now)
    .execute(tx.conn()?)
    .await?;
    Ok(Some(id))
}

impl Store {
    /// Adds a task by hand. The assignee, if any, must be a member of the case.
    pub async fn add_task(
        &self,
        p: &Principal,
        case: CaseId,
        task: &NewTask,
        assignee: Option<&str>,
        reason: &str,
    ) -> Result<TaskView, StoreError> {
        self.check_member(p, case).await?;
        let cid = case.to_string();
        let assignee_id = match assignee {
            Some(name) => Some(self.member_id(&cid, name).await?),
            None => None,
        };
        let key = self.case_key(&cid).await?;
        let id = TaskId::from_uuid(Uuid::now_v7());
        let tid = id.to_string();
        let now = clock::now_text();
        let mut tx = self.write(p.into()).await?;
        sqlx::query(
            "insert into tasks (id, case_id, kind, title, description, due_date, assignee_id, status,
                created_by, created_at)
             values ($1, $2, 'manual', $3, $4, $5, $6, 'open', $7, $8)",
        )
        .bind(&tid)
        .bind(&cid)
        .bind(seal(&key, "title", &tid, task.title.as_str()))
        .bind(
            task.description
                .as_ref()
                .map(|d| seal(&key, "description", &tid, d.as_str())),
        )
        .bind(date_text(task.due))
        .bind(assignee_id.as_ref().map(UserId::to_string))
        .bind(p.user_id.to_string())
        .bind(&now)
        .execute(tx.conn()?)
        .await?;
        tx.audit(
            AuditEvent::new("case.task.create", "task", Some(tid.clone()), reason)
                .detail(serde_json::json!({ "case_id": cid, "assigned": assignee_id.is_some() })),
        )
        .await?;
        tx.commit().await?;
        Ok(TaskView {
            id,
            case_id: case,
            case_person_id: None,
            kind: TaskKind::Manual,
            title: task.title.as_str().to_owned(),
            description: task.description.as_ref().map(|d| d.as_str().to_owned()),
            due_date: task.due,
            assignee: assignee.map(str::to_owned),
            status: TaskStatus::Open,
            overdue: false,
            created_at: now,
            done_at: None,
        })
    }

    /// A case's tasks, open first, by due date. Audited (titles are narrative data).
    pub async fn case_tasks(
        &self,
        p: &Principal,
        case: CaseId,
        today: Date,
        reason: &str,
    ) -> Result<Vec<TaskView>, StoreError> {
        self.check_member(p, case).await?;
        let sql =
            format!("{TASK_SELECT} where t.case_id = $1 order by t.status desc, t.due_date, t.id");
        let rows = sqlx::query(&sql)
            .bind(case.to_string())
            .fetch_all(self.pool())
            .await?;
        let tasks = self.tasks_from_rows(&rows, today).await?;
        self.record(
            p.into(),
            vec![
                AuditEvent::new("case.task.read", "case", Some(case.to_string()), reason)
                    .detail(serde_json::json!({ "count": tasks.len() })),
            ],
        )
        .await?;
        Ok(tasks)
    }

    /// Open tasks of every case `p` is a member of (only overdue ones with the filter), by due
    /// date. Audited.
    pub async fn my_tasks(
        &self,
        p: &Principal,
        filter: TaskFilter,
        today: Date,
        reason: &str,
    ) -> Result<Vec<TaskView>, StoreError> {
        require_case_work(p)?;
        let sql = format!(
            "{TASK_SELECT} join cases c on c.id = t.case_id join case_members m on m.case_id = t.case_id
             where m.user_id = $1 and c.org_id = $2 and t.status = 'open' and t.due_date < $3
             order by t.due_date, t.id"
        );
        let before = if filter.overdue {
            date_text(today)
        } else {
            String::from("9999-12-31")
        };
        let rows = sqlx::query(&sql)
            .bind(p.user_id.to_string())
            .bind(p.org_id.to_string())
            .bind(before)
            .fetch_all(self.pool())
            .await?;
        let tasks = self.tasks_from_rows(&rows, today).await?;
        self.record(
            p.into(),
            vec![AuditEvent::new("case.task.list", "task", None, reason)
                .detail(serde_json::json!({ "count": tasks.len(), "overdue": filter.overdue }))],
        )
        .await?;
        Ok(tasks)
    }

    /// Marks a task done (again is harmless). `NotFound` unless `p` is a member of its case.
    pub async fn complete_task(
        &self,
        p: &Principal,
        id: TaskId,
        today: Date,
        reason: &str,
    ) -> Result<TaskView, StoreError> {
        require_case_work(p)?;
        let tid = id.to_string();
        let case: String = sqlx::query_scalar("select case_id from tasks where id = $1")
            .bind(&tid)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        let case: CaseId = case
            .parse()
            .map_err(|_| StoreError::Internal("bad task case".into()))?;
        self.check_member(p, case).await?;
        let now = clock::now_text();
        let mut tx = self.write(p.into()).await?;
        sqlx::query("update tasks set status = 'done', done_by = $1, done_at = $2 where id = $3 and status = 'open'")
            .bind(p.user_id.to_string())
            .bind(&now)
            .bind(&tid)
            .execute(tx.conn()?)
            .await?;
        tx.audit(
            AuditEvent::new("case.task.done", "task", Some(tid.clone()), reason)
                .detail(serde_json::json!({ "case_id": case.to_string() })),
        )
        .await?;
        tx.commit().await?;
        let sql = format!("{TASK_SELECT} where t.id = $1");
        let rows = sqlx::query(&sql).bind(&tid).fetch_all(self.pool()).await?;
        self.tasks_from_rows(&rows, today)
            .await?
            .pop()
            .ok_or(StoreError::NotFound)
    }

    /// The id of a member of the case by username; an unknown name or a non-member is the same
    /// 400 naming `assignee`.
    async fn member_id(&self, case: &str, username: &str) -> Result<UserId, StoreError> {
        let id: String = sqlx::query_scalar(
            "select u.id from users u join case_members m on m.user_id = u.id
             where m.case_id = $1 and u.username = $2",
        )
        .bind(case)
        .bind(username.trim())
        .fetch_optional(self.pool())
        .await?
        .ok_or_else(|| {
            FieldError::new("assignee", "must be the username of a member of the case")
        })?;
        id.parse()
            .map_err(|_| StoreError::Internal("bad user id".into()))
    }

    /// The case's current data key (version 1, as notes use).
    pub(crate) async fn case_key(&self, case: &str) -> Result<DataKey, StoreError> {
        self.keys()
            .get(self.ring(), OwnerKind::Case, case, 1)
            .await?
            .ok_or(StoreError::Crypto("case key missing"))
    }

    pub(super) async fn tasks_from_rows(
        &self,
        rows: &[sqlx::any::AnyRow],
        today: Date,
    ) -> Result<Vec<TaskView>, StoreError> {
        let bad = |w: &str| StoreError::Internal(format!("bad task {w}"));
        let rows = rows
            .iter()
            .map(TaskRow::from_row)
            .collect::<Result<Vec<_>, _>>()?;
        // Titles and descriptions are sealed under their cases' keys: read them in one query.
        let mut sealed: Vec<(&str, &[u8])> = Vec::with_capacity(rows.len() * 2);
        for r in &rows {
            sealed.push((&r.case_id, &r.title));
            if let Some(d) = &r.description {
                sealed.push((&r.case_id, d));
            }
        }
        let keys = self.page_case_keys(&sealed).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let (id, case_id) = (r.id, r.case_id);
            let status = TaskStatus::parse(&r.status).map_err(|_| bad("status"))?;
            let due_date = parse_date("due_date", &r.due_date).map_err(|_| bad("due"))?;
            let title = keys.open(&case_id, "tasks", "title", &id, &r.title)?;
            let description = match r.description {
                Some(d) => keys.open(&case_id, "tasks", "description", &id, &d)?,
                None => None,
            };
            out.push(TaskView {
                id: id.parse().map_err(|_| bad("id"))?,
                case_id: case_id.parse().map_err(|_| bad("case"))?,
                case_person_id: r.case_person_id,
                kind: TaskKind::parse(&r.kind).map_err(|_| bad("kind"))?,
                title: title.unwrap_or_default(),
                description,
                due_date,
                assignee: r.username,
                status,
                overdue: is_overdue(status, due_date, today),
                created_at: r.created_at,
                done_at: r.done_at,
            });
        }
        Ok(out)
    }
}
