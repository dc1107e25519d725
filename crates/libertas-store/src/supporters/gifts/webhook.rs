//! The payment provider's events (`POST /api/v1/public/payment-events`, after the web layer
//! checked the signature): a gift succeeded, a regular gift was cancelled. One request is one
//! write; each event is applied once by its id, and a gift once by its provider id.

use super::ReportedGift;
use crate::audit::{Actor, AuditEvent};
use crate::{clock, Store, StoreError};
use libertas_domain::ids::OrgId;
use libertas_domain::supporters::gifts::CancelledBy;
use serde_json::json;

/// One event of the provider.
#[derive(Clone, Debug)]
pub struct PaymentEvent {
    /// The provider's id of the event: an event applied before changes nothing.
    pub id: String,
    pub kind: PaymentEventKind,
}

#[derive(Clone, Debug)]
pub enum PaymentEventKind {
    /// Money arrived.
    GiftSucceeded(ReportedGift),
    /// The provider ended a subscription or mandate: by the donor's wish, or its own.
    RegularGiftCancelled {
        provider: String,
        subscription: String,
        by: CancelledBy,
    },
}

/// What a request did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PaymentOutcome {
    /// Gifts recorded now.
    pub gifts_added: u64,
    /// Regular gifts cancelled now.
    pub cancelled: u64,
    /// Events applied before, gifts recorded before, regular gifts cancelled before.
    pub already: u64,
    /// Cancellations of a subscription nobody here pays by.
    pub unknown: u64,
}

impl Store {
    /// Applies the provider's events for `org`, in one audited write naming the payment
    /// provider as the actor: every event or none.
    pub async fn payment_events_reported(
        &self,
        org: OrgId,
        events: &[PaymentEvent],
    ) -> Result<PaymentOutcome, StoreError> {
        let provider = Actor {
            user_id: None,
            org_id: Some(org),
            label: "payment provider".into(),
        };
        let now = clock::now_text();
        let mut out = PaymentOutcome::default();
        let mut gifts = vec![];
        let mut cancels = vec![];
        let mut tx = self.write(provider).await?;
        for e in events {
            let fresh = sqlx::query(
                "insert into supporters.payment_events (event_id, created_at)
                 values ($1, $2) on conflict (event_id) do nothing",
            )
            .bind(&e.id)
            .bind(&now)
            .execute(tx.conn()?)
            .await?
            .rows_affected();
            if fresh == 0 {
                out.already += 1;
                continue;
            }
            match &e.kind {
                PaymentEventKind::GiftSucceeded(g) => gifts.push(g.clone()),
                PaymentEventKind::RegularGiftCancelled {
                    provider,
                    subscription,
                    by,
                } => cancels.push((provider, subscription, *by)),
            }
        }
        let [added, already, donors_created, regular_started] =
            self.write_reported(&mut tx, org, &gifts, "webhook").await?;
        out.gifts_added = added;
        out.already += already;
        for (provider, subscription, by) in cancels {
            let key = super::regular_key(self, provider, subscription);
            let found: Option<(String, String)> = sqlx::query_as(
                "select id, status from supporters.regular_gifts
                 where provider_ref_index = $1 and org_id = $2",
            )
            .bind(&key)
            .bind(org.to_string())
            .fetch_optional(tx.conn()?)
            .await?;
            match found.as_ref().map(|(id, s)| (id, s.as_str())) {
                None => out.unknown += 1,
                Some((id, "active")) => {
                    // Journaled (in the key store), so restoring an older backup does not
                    // make it active again.
                    self.journal_regular_gift_cancelled(id, by).await?;
                    sqlx::query(
                        "update supporters.regular_gifts
                         set status = 'cancelled', cancelled_at = $2, cancelled_by = $3
                         where provider_ref_index = $1",
                    )
                    .bind(&key)
                    .bind(&now)
                    .bind(by.as_str())
                    .execute(tx.conn()?)
                    .await?;
                    out.cancelled += 1;
                }
                Some(_) => out.already += 1,
            }
        }
        tx.audit(
            AuditEvent::new("gift.webhook", "gift", None, "payment provider webhook").detail(
                json!({
                    "org_id": org.to_string(),
                    "events": events.len(),
                    "gifts_added": out.gifts_added,
                    "donors_created": donors_created,
                    "regular_started": regular_started,
                    "cancelled": out.cancelled,
                    "already": out.already,
                    "unknown": out.unknown,
                }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(out)
    }
}
