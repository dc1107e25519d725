//! A signed-in supporter's own giving in the portal: every gift and regular gift, and
//! cancelling a regular gift themself. Each call takes the [`PortalSession`] and reaches only
//! that session's supporter's rows; every read and write is audited (counts and codes only).
//!
//! **Staff are told.** A cancellation made here is recorded with `cancelled_by = 'donor'` and
//! no staff user, and shows on the supporter staff's gifts page under "cancelled by donors"
//! until a member of staff marks it seen ([`Store::donor_cancellations`]). It is journaled,
//! so restoring an older backup does not make the gift active again.

use super::{portal_actor, PortalSession};
use crate::audit::AuditEvent;
use crate::supporters::gifts::Giving;
use crate::{clock, Store, StoreError};
use libertas_domain::supporters::gifts::{CancelledBy, RegularGiftId};
use serde_json::json;

impl Store {
    /// The organisation of the session's supporter (not erased), for the audit's actor.
    pub(super) async fn portal_org(&self, s: &PortalSession) -> Result<String, StoreError> {
        sqlx::query_scalar(
            "select org_id from supporters.supporters where id = $1 and status <> 'erased'",
        )
        .bind(&s.supporter_id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)
    }

    /// The signed-in supporter's gifts (newest first) and regular gifts (an audited read).
    pub async fn portal_giving(&self, s: &PortalSession) -> Result<Giving, StoreError> {
        let org = self.portal_org(s).await?;
        let giving = self.giving_rows(&s.supporter_id).await?;
        let event = AuditEvent::new(
            "gift.read",
            "supporter",
            Some(s.supporter_id.clone()),
            "portal",
        )
        .detail(json!({ "gifts": giving.gifts.len(), "regular_gifts": giving.regular.len() }));
        self.record(portal_actor(Some(&org)), vec![event]).await?;
        Ok(giving)
    }

    /// Cancels one of the signed-in supporter's own active regular gifts. `NotFound` for a
    /// gift that is not theirs, does not exist or is cancelled already (the same answer, so
    /// nothing is learnt about other supporters' gifts).
    pub async fn portal_cancel_regular_gift(
        &self,
        s: &PortalSession,
        id: RegularGiftId,
    ) -> Result<(), StoreError> {
        let org = self.portal_org(s).await?;
        let rid = id.to_string();
        let active: Option<String> = sqlx::query_scalar(
            "select id from supporters.regular_gifts
             where id = $1 and supporter_id = $2 and status = 'active'",
        )
        .bind(&rid)
        .bind(&s.supporter_id)
        .fetch_optional(self.pool())
        .await?;
        if active.is_none() {
            return Err(StoreError::NotFound);
        }
        // Journaled first, so restoring an older backup does not make it active again.
        self.journal_regular_gift_cancelled(&rid, CancelledBy::Donor)
            .await?;
        let mut tx = self.write(portal_actor(Some(&org))).await?;
        let n = sqlx::query(
            "update supporters.regular_gifts
             set status = 'cancelled', cancelled_at = $3, cancelled_by = 'donor',
                 cancelled_by_user = null
             where id = $1 and supporter_id = $2 and status = 'active'",
        )
        .bind(&rid)
        .bind(&s.supporter_id)
        .bind(clock::now_text())
        .execute(tx.conn()?)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        tx.audit(
            AuditEvent::new(
                "regular_gift.cancel",
                "regular_gift",
                Some(rid),
                "cancelled",
            )
            .detail(json!({ "supporter_id": s.supporter_id, "by": "donor",
                                "via": "portal" })),
        )
        .await?;
        tx.commit().await
    }
}
