//! Taking a report: an operator says "I am on this one" so two colleagues do not call the
//! same reporter back, and releasing it gives it back to the queue. Both are audited.
//!
//! Taking or releasing a report someone else holds is allowed (people go home, fall ill) but
//! only when the caller says so (`replace`): without it the store answers a conflict naming
//! `assignee`, and nothing changes. The check and the change share one write transaction, so
//! two operators taking the same report at once cannot both believe they hold it.

use super::require_report_work;
use super::staff::{summary_from, SummaryRow, SUMMARY};
use crate::audit::AuditEvent;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::ids::ReportId;
use libertas_domain::reports::ReportStatus;
use libertas_domain::FieldError;

/// What an operator does with a report's assignee.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Assignment {
    /// The caller holds it from now on.
    Take,
    /// Nobody holds it.
    Release,
}

impl Assignment {
    /// `take` or `release`.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "take" => Some(Assignment::Take),
            "release" => Some(Assignment::Release),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Assignment::Take => "take",
            Assignment::Release => "release",
        }
    }
}

impl Store {
    /// A report's summary (no free text, so not audited), for the queue's roles.
    pub async fn report_summary(
        &self,
        p: &Principal,
        id: ReportId,
    ) -> Result<super::ReportSummary, StoreError> {
        require_report_work(p)?;
        let sql = format!("select {SUMMARY} from reports r where r.id = $1 and r.org_id = $2");
        let row = sqlx::query_as::<_, SummaryRow>(&sql)
            .bind(id.to_string())
            .bind(p.org_id.to_string())
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        summary_from(row)
    }

    /// Takes or releases a report. Returns whether anything changed (taking a report one
    /// already holds, or releasing one nobody holds, changes nothing and is not audited).
    ///
    /// `Conflicting` naming `assignee` when someone else holds it and `replace` is false;
    /// naming `status` when taking a report whose workflow has ended.
    pub async fn assign_report(
        &self,
        p: &Principal,
        id: ReportId,
        what: Assignment,
        replace: bool,
    ) -> Result<bool, StoreError> {
        require_report_work(p)?;
        let rid = id.to_string();
        let me = p.user_id.to_string();
        let mut tx = self.write(p.into()).await?;
        let row: Option<(String, Option<String>)> =
            sqlx::query_as("select status, assigned_to from reports where id = $1 and org_id = $2")
                .bind(&rid)
                .bind(p.org_id.to_string())
                .fetch_optional(tx.conn()?)
                .await?;
        let (status, holder) = row.ok_or(StoreError::NotFound)?;
        let open = matches!(
            ReportStatus::parse(&status),
            Ok(ReportStatus::New | ReportStatus::Screened)
        );
        let new_holder = match what {
            Assignment::Take => Some(me.clone()),
            Assignment::Release => None,
        };
        if holder == new_holder {
            return Ok(false);
        }
        if what == Assignment::Take && !open {
            return Err(StoreError::Conflicting(FieldError::new(
                "status",
                "only a new or screened report can be taken",
            )));
        }
        if holder.as_ref().is_some_and(|h| *h != me) && !replace {
            return Err(StoreError::Conflicting(FieldError::new(
                "assignee",
                "another operator holds this report; say replace to take it over or release it",
            )));
        }
        let now = clock::now_text();
        sqlx::query("update reports set assigned_to = $1, assigned_at = $2 where id = $3")
            .bind(&new_holder)
            .bind(new_holder.as_ref().map(|_| now.clone()))
            .bind(&rid)
            .execute(tx.conn()?)
            .await?;
        let (action, reason) = match what {
            Assignment::Take => ("report.take", "operator took the report"),
            Assignment::Release => ("report.release", "operator released the report"),
        };
        tx.audit(
            AuditEvent::new(action, "report", Some(rid), reason)
                .detail(serde_json::json!({ "from": holder, "to": new_holder })),
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }
}
