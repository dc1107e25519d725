//! Assessment-due tasks (issue 4, item 11): outcome assessments fall due at intake, six months
//! later, then yearly (`libertas_domain::care::schedule`). Opening a care plan makes the
//! intake task unless one is open already; each assessment completes the open task it
//! satisfies and makes the next one. The tasks live in the case's ordinary task list (kind
//! `assessment_due`, on the victim's row of the case the plan was opened through), so they
//! show among the overdue tasks of every member of that case.

use crate::audit::AuditEvent;
use crate::crypto::{seal_field, FieldRef};
use crate::tx::WriteTx;
use crate::{Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::cases::decisions::date_text;
use libertas_domain::cases::tasks::TaskKind;
use sqlx::FromRow;
use time::Date;
use uuid::Uuid;

/// The English title stored (sealed) for the first task; later ones use the kind's title.
pub const INTAKE_TITLE: &str = "Intake outcome assessment due";

/// The case and case-person of a person's open care plan.
#[derive(FromRow)]
struct OpenPlanRow {
    case_id: String,
    case_person_id: String,
}

impl Store {
    /// Inserts an open `assessment_due` task on the person's open care plan unless an open one
    /// exists. Returns the new task's id.
    pub(crate) async fn make_assessment_task(
        &self,
        tx: &mut WriteTx<'_>,
        p: &Principal,
        pid: &str,
        due: Date,
        intake: bool,
        reason: &str,
    ) -> Result<Option<String>, StoreError> {
        let now = crate::clock::now_text();
        let open = sqlx::query(
            "select 1 from tasks t join case_people cp on cp.id = t.case_person_id
             where cp.person_id = $1 and t.kind = $2 and t.status = 'open'",
        )
        .bind(pid)
        .bind(TaskKind::AssessmentDue.as_str())
        .fetch_optional(tx.conn()?)
        .await?;
        if open.is_some() {
            return Ok(None);
        }
        let plan = sqlx::query_as::<_, OpenPlanRow>(
            "select case_id, case_person_id from care_plans
             where person_id = $1 and status = 'open' order by opened_on desc, id desc limit 1",
        )
        .bind(pid)
        .fetch_optional(tx.conn()?)
        .await?;
        let Some(plan) = plan else { return Ok(None) };
        let OpenPlanRow {
            case_id,
            case_person_id,
        } = plan;
        let key = self.case_key(&case_id).await?;
        let id = Uuid::now_v7().to_string();
        let title = if intake {
            INTAKE_TITLE
        } else {
            TaskKind::AssessmentDue.default_title()
        };
        let sealed = seal_field(
            &key,
            1,
            FieldRef {
                table: "tasks",
                column: "title",
                row: &id,
            },
            title.as_bytes(),
        );
        sqlx::query(
            "insert into tasks (id, case_id, case_person_id, kind, title, due_date, status,
                created_by, created_at)
             values ($1, $2, $3, $4, $5, $6, 'open', $7, $8)",
        )
        .bind(&id)
        .bind(&case_id)
        .bind(&case_person_id)
        .bind(TaskKind::AssessmentDue.as_str())
        .bind(sealed)
        .bind(date_text(due))
        .bind(p.user_id.to_string())
        .bind(&now)
        .execute(tx.conn()?)
        .await?;
        tx.audit(
            AuditEvent::new("case.task.create", "task", Some(id.clone()), reason).detail(
                serde_json::json!({ "case_id": case_id, "rule": TaskKind::AssessmentDue.as_str() }),
            ),
        )
        .await?;
        Ok(Some(id))
    }

    /// After an assessment: completes the person's open assessment tasks (the assessment
    /// satisfies them, late or not) and makes the next one, due on `next`.
    pub(crate) async fn advance_assessment_tasks(
        &self,
        tx: &mut WriteTx<'_>,
        p: &Principal,
        pid: &str,
        next: Date,
        reason: &str,
    ) -> Result<(), StoreError> {
        let now = crate::clock::now_text();
        let done = sqlx::query_scalar::<_, String>(
            "select t.id from tasks t join case_people cp on cp.id = t.case_person_id
             where cp.person_id = $1 and t.kind = $2 and t.status = 'open'",
        )
        .bind(pid)
        .bind(TaskKind::AssessmentDue.as_str())
        .fetch_all(tx.conn()?)
        .await?;
        for tid in done {
            sqlx::query(
                "update tasks set status = 'done', done_by = $1, done_at = $2
                 where id = $3 and status = 'open'",
            )
            .bind(p.user_id.to_string())
            .bind(&now)
            .bind(&tid)
            .execute(tx.conn()?)
            .await?;
            tx.audit(
                AuditEvent::new("case.task.done", "task", Some(tid), reason)
                    .detail(serde_json::json!({ "rule": TaskKind::AssessmentDue.as_str() })),
            )
            .await?;
        }
        self.make_assessment_task(tx, p, pid, next, false, reason)
            .await?;
        Ok(())
    }
}
