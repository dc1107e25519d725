//! Finding a report by its short number (`R-2026-00042`, see [`crate::numbers`]): only in the
//! caller's organisation, for a role that works reports.

use super::require_report_work;
use crate::numbers::NumberKind;
use crate::{Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::ids::ReportId;

/// Whether `raw` is written as a report number (`R-2026-00042`, any case, blanks around), in
/// its stored form.
pub fn parse_report_number(raw: &str) -> Option<String> {
    NumberKind::Report.parse(raw)
}

impl Store {
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
