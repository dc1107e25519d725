//! Finding a case by its short number (`C-2026-00123`, see [`crate::numbers`]): only among
//! the cases the caller is a member of.

use crate::numbers::NumberKind;
use crate::{Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::ids::CaseId;

/// Whether `raw` is written as a case number (`C-2026-00123`, any case, blanks around).
pub fn parse_case_number(raw: &str) -> Option<String> {
    NumberKind::Case.parse(raw)
}

impl Store {
    /// The case with this number (`C-2026-00123`) in the caller's organisation, if the caller is
    /// one of its members; `NotFound` otherwise, also for a number that is not written as one.
    pub async fn case_by_number(&self, p: &Principal, raw: &str) -> Result<CaseId, StoreError> {
        super::require_case_work(p)?;
        let number = parse_case_number(raw).ok_or(StoreError::NotFound)?;
        let id: Option<String> = sqlx::query_scalar(
            "select c.id from cases c join case_members m on m.case_id = c.id
             where c.org_id = $1 and c.number = $2 and m.user_id = $3",
        )
        .bind(p.org_id.to_string())
        .bind(&number)
        .bind(p.user_id.to_string())
        .fetch_optional(self.pool())
        .await?;
        id.and_then(|id| id.parse().ok())
            .ok_or(StoreError::NotFound)
    }
}
