//! The open tasks of all my cases, one page at a time, filtered by when they are due and by
//! kind, each naming its case (number and title) and the person it is about.
//!
//! Only cases the caller is a member of, in the caller's organisation. Titles and names are
//! opened for the page shown only (the page's cases in one query and one key read); the
//! listing is audited as one `case.task.list` event and one `person.read` event per person
//! named.

use super::tasks::TASK_SELECT;
use super::{require_case_work, TaskView};
use crate::audit::AuditEvent;
use crate::{Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::cases::decisions::date_text;
use libertas_domain::cases::tasks::TaskKind;
use libertas_domain::ids::PersonId;
use time::{Date, Duration};

/// Tasks on one page of the list.
pub const TASK_PAGE_SIZE: i64 = 50;

/// When the listed tasks are due, relative to today.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TaskDue {
    /// Before today.
    Overdue,
    /// Today.
    Today,
    /// Today or before (what is due now; the default).
    #[default]
    Now,
    /// Within the next seven days, overdue ones included.
    Week,
    /// Every open task.
    Any,
}

impl TaskDue {
    pub const ALL: [TaskDue; 5] = [
        TaskDue::Now,
        TaskDue::Overdue,
        TaskDue::Today,
        TaskDue::Week,
        TaskDue::Any,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TaskDue::Overdue => "overdue",
            TaskDue::Today => "today",
            TaskDue::Now => "now",
            TaskDue::Week => "week",
            TaskDue::Any => "any",
        }
    }

    /// The first and last due dates included.
    fn bounds(self, today: Date) -> (Date, Date) {
        let (min, max) = (Date::MIN, Date::MAX);
        match self {
            TaskDue::Overdue => (min, today.previous_day().unwrap_or(min)),
            TaskDue::Today => (today, today),
            TaskDue::Now => (min, today),
            TaskDue::Week => (min, today.checked_add(Duration::days(7)).unwrap_or(max)),
            TaskDue::Any => (min, max),
        }
    }
}

/// Kinds of task people look for together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskGroup {
    /// Made by hand.
    Manual,
    /// Identification decisions (reasonable and conclusive grounds).
    Decision,
    /// Survivors' outcome assessments.
    Assessment,
}

impl TaskGroup {
    pub const ALL: [TaskGroup; 3] = [
        TaskGroup::Manual,
        TaskGroup::Decision,
        TaskGroup::Assessment,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TaskGroup::Manual => "manual",
            TaskGroup::Decision => "decision",
            TaskGroup::Assessment => "assessment",
        }
    }

    fn kinds(self) -> &'static [TaskKind] {
        match self {
            TaskGroup::Manual => &[TaskKind::Manual],
            TaskGroup::Decision => &[
                TaskKind::ReasonableGroundsDue,
                TaskKind::ConclusiveGroundsEarliest,
            ],
            TaskGroup::Assessment => &[TaskKind::AssessmentDue],
        }
    }
}

/// What to list.
#[derive(Clone, Debug, Default)]
pub struct TaskBrowse {
    pub due: TaskDue,
    pub group: Option<TaskGroup>,
    /// The page, from 0.
    pub page: i64,
    /// Rows per page; [`TASK_PAGE_SIZE`] when 0.
    pub limit: i64,
}

/// An open task with the case and the person it is about.
#[derive(Clone, Debug)]
pub struct TaskItem {
    pub task: TaskView,
    /// `C-2026-00123`.
    pub case_number: String,
    pub case_title: String,
    /// The person the task is about, if any, and their name (`None` once erased).
    pub person: Option<(PersonId, Option<String>)>,
}

/// One page of the list.
#[derive(Clone, Debug)]
pub struct TaskList {
    pub tasks: Vec<TaskItem>,
    /// How many tasks match (all pages).
    pub total: i64,
}

impl Store {
    /// One page of the open tasks of `p`'s cases that match `f`, earliest due first.
    pub async fn browse_tasks(
        &self,
        p: &Principal,
        f: &TaskBrowse,
        today: Date,
        reason: &str,
    ) -> Result<TaskList, StoreError> {
        require_case_work(p)?;
        let (first, last) = f.due.bounds(today);
        // The kinds are the domain's own codes, never the caller's text.
        let kinds = f
            .group
            .map(|g| {
                let list: Vec<String> = g
                    .kinds()
                    .iter()
                    .map(|k| format!("'{}'", k.as_str()))
                    .collect();
                format!("and t.kind in ({})", list.join(", "))
            })
            .unwrap_or_default();
        let filter = format!(
            "join cases c on c.id = t.case_id join case_members m on m.case_id = t.case_id
             where m.user_id = $1 and c.org_id = $2 and t.status = 'open'
             and t.due_date >= $3 and t.due_date <= $4 {kinds}"
        );
        let limit = if f.limit > 0 { f.limit } else { TASK_PAGE_SIZE };
        let page = f.page.max(0);
        let total: i64 = sqlx::query_scalar(&format!("select count(*) from tasks t {filter}"))
            .bind(p.user_id.to_string())
            .bind(p.org_id.to_string())
            .bind(date_text(first))
            .bind(date_text(last))
            .fetch_one(self.pool())
            .await?;
        let sql = format!(
            "{TASK_SELECT} {filter} order by t.due_date, t.id limit {limit} offset {}",
            page * limit
        );
        let rows = sqlx::query(&sql)
            .bind(p.user_id.to_string())
            .bind(p.org_id.to_string())
            .bind(date_text(first))
            .bind(date_text(last))
            .fetch_all(self.pool())
            .await?;
        let tasks = self.tasks_from_rows(&rows, today).await?;
        let mut out = Vec::with_capacity(tasks.len());
        let mut events = vec![
            AuditEvent::new("case.task.list", "task", None, reason).detail(serde_json::json!({
                "count": tasks.len(),
                "total": total,
                "due": f.due.as_str(),
                "group": f.group.map(TaskGroup::as_str),
                "page": page,
            })),
        ];
        let ids: Vec<_> = tasks.iter().map(|t| t.case_id).collect();
        let cases = self.load_cases(&ids).await?;
        for task in tasks {
            let case = cases
                .get(&task.case_id)
                .ok_or_else(|| StoreError::Internal("a task's case is gone".into()))?;
            let person = match &task.case_person_id {
                Some(link) => self.link_person_name(link).await?,
                None => None,
            };
            if let Some((id, _)) = &person {
                events.push(
                    AuditEvent::new("person.read", "person", Some(id.to_string()), reason).detail(
                        serde_json::json!({ "case_id": task.case_id.to_string(), "fields": "name" }),
                    ),
                );
            }
            out.push(TaskItem {
                case_number: case.number.clone(),
                case_title: case.title.clone(),
                person,
                task,
            });
        }
        self.record(p.into(), events).await?;
        Ok(TaskList { tasks: out, total })
    }
}
