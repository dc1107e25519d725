//! Security alerts to administrators: sustained password guessing, probing look-ups and the
//! like.
//!
//! An alert is an audit event whose action starts with `alert.` and whose actor is `system`,
//! recorded in the organisation concerned (or none, for the whole deployment). Keeping alerts
//! in the audit chain means they cannot be quietly removed, and administrators already read
//! the chain. The same alert about the same object is raised at most once per
//! [`ALERT_QUIET`], so a flood of guesses yields one alert, not a flood of alerts.
//! Details hold counts and codes only, never a personal value, a username typed by a
//! stranger, or a client address.

use super::chain::{record_from_row, AuditRecord};
use super::{Actor, AuditEvent};
use crate::{clock, Store, StoreError};
use libertas_domain::admin::{Capability, Principal};
use libertas_domain::ids::OrgId;
use time::{Duration, OffsetDateTime};

/// How long the same alert about the same object stays quiet after it was raised.
pub const ALERT_QUIET: Duration = Duration::minutes(10);

/// One alert to raise. `action` must start with `alert.`.
#[derive(Clone, Debug)]
pub struct Alert {
    pub action: &'static str,
    /// The organisation whose administrators should see it; `None` for the deployment.
    pub org_id: Option<OrgId>,
    pub object_type: &'static str,
    pub object_id: Option<String>,
    /// Why, in words an administrator understands (no personal data).
    pub reason: String,
    /// Counts, codes, field names.
    pub detail: serde_json::Value,
}

impl Store {
    /// Records an alert unless the same one (action and object) was raised within
    /// [`ALERT_QUIET`]. Returns whether a new alert was recorded.
    pub async fn raise_alert(&self, alert: Alert) -> Result<bool, StoreError> {
        if !alert.action.starts_with("alert.") {
            return Err(StoreError::Internal(format!(
                "alert action {} must start with 'alert.'",
                alert.action
            )));
        }
        let since = clock::to_text(clock::now() - ALERT_QUIET);
        let recent = sqlx::query(
            "select 1 from audit_events
             where action = $1 and at > $2
               and coalesce(object_id, '') = coalesce($3, '')
               and coalesce(org_id, '') = coalesce($4, '')
             limit 1",
        )
        .bind(alert.action)
        .bind(&since)
        .bind(&alert.object_id)
        .bind(alert.org_id.map(|o| o.to_string()))
        .fetch_optional(self.pool())
        .await?;
        if recent.is_some() {
            return Ok(false);
        }
        let actor = Actor {
            org_id: alert.org_id,
            ..Actor::system()
        };
        self.record(
            actor,
            vec![AuditEvent::new(
                alert.action,
                alert.object_type,
                alert.object_id,
                alert.reason,
            )
            .detail(alert.detail)],
        )
        .await?;
        Ok(true)
    }

    /// The newest alerts an administrator may see (their organisation's and the
    /// deployment's), newest first. `Forbidden` for anyone who does not administer.
    pub async fn security_alerts(
        &self,
        p: &Principal,
        since: OffsetDateTime,
        limit: i64,
    ) -> Result<Vec<AuditRecord>, StoreError> {
        if !p.can(Capability::Administer) {
            return Err(StoreError::Forbidden);
        }
        let rows = sqlx::query(
            "select seq, id, at, org_id, actor_id, actor, action, object_type, object_id, reason,
                    detail, prev_mac, mac
             from audit_events
             where action like 'alert.%' and at > $1 and (org_id = $2 or org_id is null)
             order by seq desc
             limit $3",
        )
        .bind(clock::to_text(since))
        .bind(p.org_id.to_string())
        .bind(limit.clamp(1, 1000))
        .fetch_all(self.pool())
        .await?;
        let mut out = rows
            .iter()
            .map(record_from_row)
            .collect::<Result<Vec<_>, _>>()?;
        self.open_reasons(&mut out).await?;
        Ok(out)
    }
}
