//! Staff are told when a donor cancels a regular gift in the portal: such gifts are listed on
//! the supporter staff's gifts page until someone marks the notice seen (supporter
//! migration 10). Codes, amounts and ids only: nothing personal is read, so the list is not a
//! read of personal data; marking one seen is an audited write.

use super::require_gifts;
use crate::audit::AuditEvent;
use crate::supporters::require_supporter_care;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::supporters::gifts::RegularGiftId;
use serde_json::json;

/// A regular gift the donor cancelled in the portal, not yet seen by staff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DonorCancellation {
    pub regular_gift_id: String,
    pub supporter_id: String,
    pub amount_minor: i64,
    pub currency: String,
    pub frequency: String,
    pub cancelled_at: String,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    supporter_id: String,
    amount_minor: i64,
    currency: String,
    frequency: String,
    cancelled_at: Option<String>,
}

impl Store {
    /// The caller's organisation's regular gifts cancelled by their donors in the portal and
    /// not yet marked seen, newest first (supporter care and the fundraising manager).
    pub async fn donor_cancellations(
        &self,
        p: &Principal,
    ) -> Result<Vec<DonorCancellation>, StoreError> {
        require_supporter_care(p)?;
        let rows = sqlx::query_as::<_, Row>(
            "select id, supporter_id, amount_minor, currency, frequency, cancelled_at
             from supporters.regular_gifts
             where org_id = $1 and status = 'cancelled' and cancelled_by = 'donor'
               and cancelled_by_user is null and donor_notice_seen_at is null
             order by cancelled_at desc, id desc limit 200",
        )
        .bind(p.org_id.to_string())
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| DonorCancellation {
                regular_gift_id: r.id,
                supporter_id: r.supporter_id,
                amount_minor: r.amount_minor,
                currency: r.currency,
                frequency: r.frequency,
                cancelled_at: r.cancelled_at.unwrap_or_default(),
            })
            .collect())
    }

    /// Marks a donor's cancellation seen (the fundraising manager). `NotFound` for one that
    /// is not such a notice of the caller's organisation, or was marked seen already.
    pub async fn donor_cancellation_seen(
        &self,
        p: &Principal,
        id: RegularGiftId,
    ) -> Result<(), StoreError> {
        require_gifts(p)?;
        let rid = id.to_string();
        let mut tx = self.write(p.into()).await?;
        let n = sqlx::query(
            "update supporters.regular_gifts
             set donor_notice_seen_at = $3, donor_notice_seen_by = $4
             where id = $1 and org_id = $2 and status = 'cancelled' and cancelled_by = 'donor'
               and cancelled_by_user is null and donor_notice_seen_at is null",
        )
        .bind(&rid)
        .bind(p.org_id.to_string())
        .bind(clock::now_text())
        .bind(p.user_id.to_string())
        .execute(tx.conn()?)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        tx.audit(
            AuditEvent::new(
                "regular_gift.notice_seen",
                "regular_gift",
                Some(rid),
                "seen",
            )
            .detail(json!({ "cancelled_by": "donor" })),
        )
        .await?;
        tx.commit().await
    }
}
