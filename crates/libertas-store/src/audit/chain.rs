//! Appending events to the chain.

use super::reason::{self, ReasonKey};
use crate::crypto::Keyring;
use crate::{clock, StoreError};
use libertas_domain::ids::{OrgId, UserId};
use serde::Serialize;
use uuid::Uuid;

/// Who did it. `label` is a username, or `cli`, `public`, `system`.
#[derive(Clone, Debug)]
pub struct Actor {
    pub user_id: Option<UserId>,
    pub org_id: Option<OrgId>,
    pub label: String,
}

impl Actor {
    /// The operator at the server's command line.
    pub fn cli() -> Self {
        Self {
            user_id: None,
            org_id: None,
            label: "cli".into(),
        }
    }

    /// Libertas itself (start-up repairs, scheduled work).
    pub fn system() -> Self {
        Self {
            user_id: None,
            org_id: None,
            label: "system".into(),
        }
    }
}

/// One thing that happened. `reason` is the why, supplied by the route or command (and stored
/// sealed, see `audit::reason`); `detail` holds non-sensitive context (counts, code values,
/// field names) and never a personal value.
#[derive(Clone, Debug)]
pub struct AuditEvent {
    pub action: &'static str,
    pub object_type: &'static str,
    pub object_id: Option<String>,
    pub reason: String,
    pub detail: serde_json::Value,
    /// The key the reason will be sealed under, once chosen (before the writer lock if the
    /// event goes through `Store::record`, else when it is appended).
    pub(crate) reason_key: Option<ReasonKey>,
}

impl AuditEvent {
    pub fn new(
        action: &'static str,
        object_type: &'static str,
        object_id: Option<String>,
        reason: impl Into<String>,
    ) -> Self {
        Self {
            action,
            object_type,
            object_id,
            reason: reason.into(),
            detail: serde_json::Value::Object(Default::default()),
            reason_key: None,
        }
    }

    pub fn detail(mut self, detail: serde_json::Value) -> Self {
        self.detail = detail;
        self
    }

    /// Decides (once) which key the reason is sealed under: the person's key for an event
    /// about a person whose key exists, the audit-reason key otherwise.
    pub(crate) async fn choose_reason_key(
        &mut self,
        keys: &crate::keystore::KeyStore,
        ring: &Keyring,
    ) -> Result<(), StoreError> {
        if self.reason_key.is_none() {
            let key =
                reason::key_for(keys, ring, self.object_type, self.object_id.as_deref()).await?;
            self.reason_key = Some(key);
        }
        Ok(())
    }
}

/// A stored event, as exported and shown to administrators.
#[derive(Clone, Debug, Serialize)]
pub struct AuditRecord {
    pub seq: i64,
    pub id: String,
    pub at: String,
    pub org_id: Option<String>,
    pub actor_id: Option<String>,
    pub actor: String,
    pub action: String,
    pub object_type: String,
    pub object_id: Option<String>,
    /// The reason as written (opened from its sealed form); empty when `reason_unavailable`
    /// says why it cannot be shown.
    pub reason: String,
    /// `erased` when the reason was sealed under the key of a person since erased,
    /// `unreadable` when it failed to open; absent when `reason` holds the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason_unavailable: Option<&'static str>,
    pub detail: serde_json::Value,
    /// `reason` exactly as stored (sealed): the MAC covers these bytes.
    #[serde(skip)]
    pub reason_stored: String,
    /// `detail` exactly as stored: the MAC covers these bytes.
    #[serde(skip)]
    pub detail_text: String,
    #[serde(skip)]
    pub prev_mac: String,
    #[serde(skip)]
    pub mac: String,
}

impl AuditRecord {
    /// The MAC this record must carry, given its fields and its predecessor's MAC.
    pub(crate) fn expected_mac(&self, ring: &Keyring) -> String {
        let detail = &self.detail_text;
        hex::encode(ring.audit_mac(&[
            &self.seq.to_be_bytes(),
            self.id.as_bytes(),
            self.at.as_bytes(),
            self.org_id.as_deref().unwrap_or("").as_bytes(),
            self.actor_id.as_deref().unwrap_or("").as_bytes(),
            self.actor.as_bytes(),
            self.action.as_bytes(),
            self.object_type.as_bytes(),
            self.object_id.as_deref().unwrap_or("").as_bytes(),
            self.reason_stored.as_bytes(),
            detail.as_bytes(),
            self.prev_mac.as_bytes(),
        ]))
    }
}

/// The chain head as seen inside the current write transaction (a row of `audit_head`).
#[derive(Clone, Debug, sqlx::FromRow)]
pub(crate) struct Head {
    pub seq: i64,
    pub mac: String,
}

/// Appends one event inside the caller's transaction and advances `head`. The reason is
/// sealed under `event.reason_key` (the audit-reason key when none was chosen).
pub(crate) async fn append(
    conn: &mut sqlx::AnyConnection,
    ring: &Keyring,
    head: &mut Head,
    actor: &Actor,
    event: AuditEvent,
) -> Result<(), StoreError> {
    let id = Uuid::now_v7().to_string();
    let key = event.reason_key.unwrap_or(ReasonKey::Audit);
    let reason_stored = reason::seal(ring, &key, &id, &event.reason);
    let mut rec = AuditRecord {
        seq: head.seq + 1,
        id,
        at: clock::now_text(),
        org_id: actor.org_id.map(|o| o.to_string()),
        actor_id: actor.user_id.map(|u| u.to_string()),
        actor: actor.label.clone(),
        action: event.action.to_owned(),
        object_type: event.object_type.to_owned(),
        object_id: event.object_id,
        reason: event.reason,
        reason_unavailable: None,
        reason_stored,
        detail_text: event.detail.to_string(),
        detail: event.detail,
        prev_mac: head.mac.clone(),
        mac: String::new(),
    };
    rec.mac = rec.expected_mac(ring);
    sqlx::query(
        "insert into audit_events (seq, id, at, org_id, actor_id, actor, action, object_type,
            object_id, reason, detail, prev_mac, mac)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(rec.seq)
    .bind(&rec.id)
    .bind(&rec.at)
    .bind(&rec.org_id)
    .bind(&rec.actor_id)
    .bind(&rec.actor)
    .bind(&rec.action)
    .bind(&rec.object_type)
    .bind(&rec.object_id)
    .bind(&rec.reason_stored)
    .bind(&rec.detail_text)
    .bind(&rec.prev_mac)
    .bind(&rec.mac)
    .execute(&mut *conn)
    .await?;
    head.seq = rec.seq;
    head.mac = rec.mac;
    Ok(())
}

/// Reads a row of `audit_events` (columns in table order). `reason` is still the stored
/// (sealed) text: `Store::open_reasons` opens it for readers; `audit verify` needs only the
/// stored bytes.
pub(crate) fn record_from_row(row: &sqlx::any::AnyRow) -> Result<AuditRecord, StoreError> {
    use sqlx::Row;
    let detail: String = row.try_get("detail")?;
    let reason: String = row.try_get("reason")?;
    Ok(AuditRecord {
        seq: row.try_get("seq")?,
        id: row.try_get("id")?,
        at: row.try_get("at")?,
        org_id: row.try_get("org_id")?,
        actor_id: row.try_get("actor_id")?,
        actor: row.try_get("actor")?,
        action: row.try_get("action")?,
        object_type: row.try_get("object_type")?,
        object_id: row.try_get("object_id")?,
        reason: reason.clone(),
        reason_unavailable: None,
        reason_stored: reason,
        detail: serde_json::from_str(&detail).unwrap_or(serde_json::Value::Null),
        detail_text: detail,
        prev_mac: row.try_get("prev_mac")?,
        mac: row.try_get("mac")?,
    })
}
