//! Published quarters: the figures protected readers see, computed once and then kept.
//!
//! The first protected request for a quarter (once it may be published) gathers every
//! organisation's counts, protects the network's and every organisation's figures together
//! ([`figures::publish`]) and stores what may be printed in `stats_releases`, in one audited
//! write. Every later request, by any reader on any node, is answered from those rows, so
//! figures of a quarter never change under a reader's eyes: comparing two versions of the same
//! quarter cannot single out the records entered in between. Late entries show in exact views
//! only (documented in `docs/indicators.md`).
//!
//! An organisation created after its quarter was published gets its own figures protected on
//! their own when first asked for: the network figures kept then did not count it.

use super::figures::{self, Figures, Publication};
use super::{impact, sources};
use crate::audit::AuditEvent;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::cases::decisions::date_text;
use libertas_domain::stats::Quarter;
use sqlx::FromRow;
use uuid::Uuid;

/// The view rows belong to: each view is protected as its own table (every cell it can show,
/// for the network and every organisation), published and kept on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum View {
    /// The justice indicators (`/indicators`).
    Indicators,
    /// The impact measures: hotline funnel and assistance rate (`/impact`).
    Impact,
}

impl View {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            View::Indicators => "indicators",
            View::Impact => "impact",
        }
    }

    /// The audit action of publishing a quarter of this view.
    fn publish_action(self) -> &'static str {
        match self {
            View::Indicators => "indicators.publish",
            View::Impact => "impact.publish",
        }
    }
}

/// Printed figures of one scope of a published quarter.
pub(crate) struct Release {
    pub published_at: String,
    pub figures: Figures,
}

/// A stored release row: when it was published and its figures as JSON.
#[derive(FromRow)]
struct ReleaseRow {
    published_at: String,
    figures: String,
}

/// `org_id` of the network-wide row.
pub(crate) const NETWORK: &str = "";

impl Store {
    /// The published figures of `quarter` for `org` (an organisation id, or [`NETWORK`]),
    /// publishing the quarter first if nobody has asked for it yet.
    pub(crate) async fn release(
        &self,
        p: &Principal,
        view: View,
        quarter: Quarter,
        org: &str,
    ) -> Result<Release, StoreError> {
        if let Some(r) = self.stored_release(view, quarter, org).await? {
            return Ok(r);
        }
        let period = quarter.period();
        let published: i64 = sqlx::query_scalar(
            "select count(*) from stats_releases where view = $1 and period_from = $2",
        )
        .bind(view.as_str())
        .bind(date_text(period.from))
        .fetch_one(self.pool())
        .await?;
        let ids: Vec<String> = if published == 0 || org == NETWORK {
            sqlx::query_scalar("select id from organisations order by id")
                .fetch_all(self.pool())
                .await?
        } else {
            vec![org.to_owned()]
        };
        let publication = match view {
            View::Indicators => {
                let mut raws = Vec::with_capacity(ids.len());
                for id in ids {
                    let raw = sources::gather(self, &id, period).await?;
                    raws.push((id, raw));
                }
                figures::publish(&raws)
            }
            View::Impact => {
                let mut raws = Vec::with_capacity(ids.len());
                for id in ids {
                    // The month summaries computed here are not kept: a quarter is
                    // published once.
                    let (raw, _) = impact::sources::gather(self, &id, period).await?;
                    raws.push((id, raw));
                }
                impact::figures::publish(&raws)
            }
        };
        self.keep(p, view, quarter, publication).await?;
        self.stored_release(view, quarter, org)
            .await?
            .ok_or_else(|| StoreError::Internal("a published quarter was not kept".into()))
    }

    async fn stored_release(
        &self,
        view: View,
        quarter: Quarter,
        org: &str,
    ) -> Result<Option<Release>, StoreError> {
        let row = sqlx::query_as::<_, ReleaseRow>(
            "select published_at, figures from stats_releases
             where view = $1 and period_from = $2 and org_id = $3",
        )
        .bind(view.as_str())
        .bind(date_text(quarter.first_day()))
        .bind(org)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let figures: Figures = serde_json::from_str(&row.figures)
            .map_err(|_| StoreError::Internal("unreadable published figures".into()))?;
        Ok(Some(Release {
            published_at: row.published_at,
            figures,
        }))
    }

    /// Stores the rows of `publication` that are not stored yet (another request may have
    /// published the quarter meanwhile: its rows win), with one audit event.
    async fn keep(
        &self,
        p: &Principal,
        view: View,
        quarter: Quarter,
        publication: Publication,
    ) -> Result<(), StoreError> {
        let period = quarter.period();
        let (from, to) = (date_text(period.from), date_text(period.to));
        let now = clock::now_text();
        let mut rows = vec![(NETWORK.to_owned(), publication.network)];
        rows.extend(publication.orgs);
        let mut tx = self.write(p.into()).await?;
        let mut kept = 0;
        for (org, figures) in rows {
            let exists = sqlx::query(
                "select 1 from stats_releases where view = $1 and period_from = $2 and org_id = $3",
            )
            .bind(view.as_str())
            .bind(&from)
            .bind(&org)
            .fetch_optional(tx.conn()?)
            .await?
            .is_some();
            if exists {
                continue;
            }
            let body = serde_json::to_string(&figures)
                .map_err(|_| StoreError::Internal("unwritable published figures".into()))?;
            sqlx::query(
                "insert into stats_releases (id, view, period_from, period_to, org_id, published_at, figures)
                 values ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(Uuid::now_v7().to_string())
            .bind(view.as_str())
            .bind(&from)
            .bind(&to)
            .bind(&org)
            .bind(&now)
            .bind(body)
            .execute(tx.conn()?)
            .await?;
            kept += 1;
        }
        tx.audit(
            AuditEvent::new(
                view.publish_action(),
                view.as_str(),
                None,
                "publish a quarter of statistics",
            )
            .detail(serde_json::json!({ "quarter": quarter.label(), "rows": kept })),
        )
        .await?;
        tx.commit().await
    }
}
