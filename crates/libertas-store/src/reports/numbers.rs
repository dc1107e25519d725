//! Short human ids for reports: `R-2026-00042`, counted per organisation and year like case
//! numbers (`cases::numbers`, migration 0018). An operator reads one aloud to a colleague or
//! writes it on a call sheet; the UUID stays the id of the API and of every link.

use super::require_report_work;
use crate::audit::{Actor, AuditEvent};
use crate::cases::numbers::{next_number, parse_number, year_of};
use crate::{Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::ids::ReportId;

/// Whether `raw` is written as a report number (`R-2026-00042`, any case, blanks around), in
/// its stored form.
pub fn parse_report_number(raw: &str) -> Option<String> {
    parse_number("R", raw)
}

impl Store {
    /// Numbers the reports received before migration 0018, oldest first, in one audited
    /// transaction; returns how many. A start with nothing to number takes no write lock.
    pub async fn number_old_reports(&self) -> Result<u64, StoreError> {
        let pending: Vec<(String, String, String)> = sqlx::query_as(
            "select id, org_id, created_at from reports where number is null
             order by created_at, id",
        )
        .fetch_all(self.pool())
        .await?;
        if pending.is_empty() {
            return Ok(0);
        }
        let mut tx = self.write(Actor::system()).await?;
        for (id, org, created_at) in &pending {
            let number = next_number(tx.conn()?, org, "R", year_of(created_at)).await?;
            sqlx::query("update reports set number = $1 where id = $2 and number is null")
                .bind(&number)
                .bind(id)
                .execute(tx.conn()?)
                .await?;
        }
        tx.audit(
            AuditEvent::new(
                "report.number",
                "report",
                None,
                "numbered the reports received before short report numbers existed",
            )
            .detail(serde_json::json!({ "reports": pending.len() })),
        )
        .await?;
        tx.commit().await?;
        Ok(pending.len() as u64)
    }

    /// The report with this number (`R-2026-00042`) in the caller's organisation, for a role
    /// that works reports; `NotFound` otherwise, also for another organisation's number.
    /// `Invalid` (naming `number`) when `raw` is not written as a report number.
    pub async fn report_by_number(&self, p: &Principal, raw: &str) -> Result<ReportId, StoreError> {
        require_report_work(p)?;
        let number = parse_report_number(raw).ok_or_else(|| {
            StoreError::Invalid(libertas_domain::FieldError::new(
                "number",
                "must be a report number such as R-2026-00042",
            ))
        })?;
        let id: Option<String> =
            sqlx::query_scalar("select id from reports where org_id = $1 and number = $2")
                .bind(p.org_id.to_string())
                .bind(&number)
                .fetch_optional(self.pool())
                .await?;
        id.and_then(|id| id.parse().ok())
            .ok_or(StoreError::NotFound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_numbers_read() {
        assert_eq!(
            parse_report_number(" r-2026-00042 ").as_deref(),
            Some("R-2026-00042")
        );
        for bad in ["C-2026-00042", "R-2026-42", "R-2026", "R-2026-00042x", ""] {
            assert_eq!(parse_report_number(bad), None, "{bad}");
        }
    }
}
