//! The durable outbox: messages wait here, sealed, until the sender hands them to SMTP.
//!
//! The sender (in the server process) asks for due rows ([`Store::outbox_due`]: ids and the
//! keyed hash of each recipient's domain, nothing personal), picks those whose domain still
//! has room this minute, and claims them ([`Store::outbox_claim`]): the claim counts the
//! attempt and moves `next_attempt_at` a lease ahead, in one audited write, so another
//! sender (another web node) passes them by and a sender that dies mid-way leaves them to be
//! tried again when the lease ends. Then it reports the outcome: sent, or failed (with
//! back-off, or for good). Delivery is therefore at least once: a crash between the SMTP
//! server's acceptance and the `sent` write sends the message again after the lease.

use super::signup::domain_of;
use crate::audit::{Actor, AuditEvent};
use crate::crypto::{open_field, seal_field, DataKey, FieldRef};
use crate::keystore::OwnerKind;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::ids::OrgId;
use libertas_domain::supporters::message::{Message, StatementRequest, UpdateRecipient};
use libertas_domain::supporters::{retry_delay, OutboxId, MAX_ATTEMPTS};
use serde_json::json;
use uuid::Uuid;

/// A message due to be sent: no personal data, only what the sender needs to choose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DueMessage {
    pub id: String,
    /// Keyed hash of the recipient's domain (the per-domain limit's key).
    pub domain: String,
}

/// A claimed message, opened for sending.
#[derive(Clone, Debug)]
pub struct Claimed {
    pub id: String,
    /// `None` for an update's test send (to an address a staff member typed).
    pub supporter_id: Option<String>,
    pub message: Message,
    /// Attempts so far, this one included.
    pub attempts: i64,
}

/// Why a send failed. `code` is the SMTP reply code if there was one (never the server's
/// text, which may quote the address).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendFailure {
    /// Try again later (connection refused, 4xx).
    Temporary { code: Option<String> },
    /// Do not try again (5xx: no such mailbox, refused).
    Permanent { code: Option<String> },
}

/// The outbox of an organisation by status (the supporter staff's overview).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutboxCounts {
    pub queued: i64,
    pub sent: i64,
    pub failed: i64,
    pub cancelled: i64,
    /// Of the queued, those that failed at least once.
    pub retrying: i64,
}

#[derive(sqlx::FromRow)]
struct DueRow {
    id: String,
    domain_index: String,
}

#[derive(sqlx::FromRow)]
struct ClaimRow {
    id: String,
    supporter_id: Option<String>,
    update_id: Option<String>,
    kind: String,
    message: Vec<u8>,
    key_version: i64,
    attempts: i64,
}

#[derive(sqlx::FromRow)]
struct CountRow {
    status: String,
    retrying: i64,
    n: i64,
}

#[derive(sqlx::FromRow)]
struct OutcomeRow {
    supporter_id: Option<String>,
    update_id: Option<String>,
    attempts: i64,
    kind: String,
}

impl OutcomeRow {
    /// What the audit event is about: the supporter, or the update of a test send.
    fn object(&self) -> (&'static str, Option<String>) {
        match &self.supporter_id {
            Some(s) => ("supporter", Some(s.clone())),
            None => ("supporter_update", self.update_id.clone()),
        }
    }
}

/// Whether the recipient of outbox row `o` is a suppressed address (`suppress.rs`): such a
/// message is never due, whenever it was queued.
const SUPPRESSED: &str = "exists (select 1 from supporters.supporters p
     join supporters.suppressions s on s.email_index = p.email_index
     where p.id = o.supporter_id)";

pub(super) fn message_at(id: &str) -> FieldRef<'_> {
    FieldRef {
        table: "supporters.outbox",
        column: "message",
        row: id,
    }
}

impl Store {
    /// Queues `message` for supporter `sid`, sealed under the supporter's key, inside the
    /// caller's write (which carries the audit event).
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn queue_message(
        &self,
        tx: &mut crate::WriteTx<'_>,
        org: OrgId,
        sid: &str,
        key: &DataKey,
        version: u32,
        kind: &'static str,
        message: &Message,
    ) -> Result<(), StoreError> {
        let body = serde_json::to_vec(message).map_err(|e| StoreError::Internal(e.to_string()))?;
        self.queue_body(tx, org, sid, key, version, kind, &message.to, &body)
            .await
    }

    /// Queues a statement the supporter asked to be e-mailed: the request only (kind
    /// `statement`); the PDF is made when it is sent ([`Store::compose_statement`]).
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn queue_request(
        &self,
        tx: &mut crate::WriteTx<'_>,
        org: OrgId,
        sid: &str,
        key: &DataKey,
        version: u32,
        to: &str,
        request: &StatementRequest,
    ) -> Result<(), StoreError> {
        let body = serde_json::to_vec(request).map_err(|e| StoreError::Internal(e.to_string()))?;
        self.queue_body(tx, org, sid, key, version, "statement", to, &body)
            .await
    }

    #[allow(clippy::too_many_arguments)]
    async fn queue_body(
        &self,
        tx: &mut crate::WriteTx<'_>,
        org: OrgId,
        sid: &str,
        key: &DataKey,
        version: u32,
        kind: &'static str,
        to: &str,
        body: &[u8],
    ) -> Result<(), StoreError> {
        let id = OutboxId::from_uuid(Uuid::now_v7()).to_string();
        let now = clock::now_text();
        sqlx::query(
            // A message to a suppressed address is kept as cancelled: it is never sent.
            "insert into supporters.outbox (id, supporter_id, org_id, kind, domain_index, message,
                 key_version, status, attempts, next_attempt_at, created_at)
             select $1, $2, $3, $4, $5, $6, $7,
                    case when exists (select 1 from supporters.supporters p
                                      join supporters.suppressions s on s.email_index = p.email_index
                                      where p.id = $2) then 'cancelled' else 'queued' end,
                    0, $8, $8",
        )
        .bind(&id)
        .bind(sid)
        .bind(org.to_string())
        .bind(kind)
        .bind(
            self.ring()
                .supporter_index("domain", &domain_of(to)),
        )
        .bind(seal_field(key, version, message_at(&id), body))
        .bind(i64::from(version))
        .bind(&now)
        .execute(tx.conn()?)
        .await?;
        Ok(())
    }

    /// Up to `limit` queued messages whose time has come, oldest first.
    pub async fn outbox_due(&self, limit: i64) -> Result<Vec<DueMessage>, StoreError> {
        let rows = sqlx::query_as::<_, DueRow>(&format!(
            "select id, domain_index from supporters.outbox o
             where status = 'queued' and next_attempt_at <= $1 and not {SUPPRESSED}
             order by next_attempt_at, id limit $2"
        ))
        .bind(clock::now_text())
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| DueMessage {
                id: r.id,
                domain: r.domain_index,
            })
            .collect())
    }

    /// Claims the messages `ids` that are still due (others have been taken or sent since),
    /// for `lease`, and opens them. The read of each is audited in the same write.
    pub async fn outbox_claim(
        &self,
        ids: &[String],
        lease: time::Duration,
    ) -> Result<Vec<Claimed>, StoreError> {
        let now = clock::now();
        let mut rows = Vec::new();
        let mut tx = self.write(Actor::system()).await?;
        for id in ids {
            let row = sqlx::query_as::<_, ClaimRow>(&format!(
                "select id, supporter_id, update_id, kind, message, key_version,
                        attempts + 1 as attempts
                 from supporters.outbox o
                 where id = $1 and status = 'queued' and next_attempt_at <= $2 and not {SUPPRESSED}"
            ))
            .bind(id)
            .bind(clock::to_text(now))
            .fetch_optional(tx.conn()?)
            .await?;
            let Some(row) = row else { continue };
            sqlx::query(
                "update supporters.outbox set attempts = attempts + 1, next_attempt_at = $2
                 where id = $1",
            )
            .bind(id)
            .bind(clock::to_text(now + lease))
            .execute(tx.conn()?)
            .await?;
            let (object, object_id) = match &row.supporter_id {
                Some(s) => ("supporter", Some(s.clone())),
                None => ("supporter_update", row.update_id.clone()),
            };
            tx.audit(
                AuditEvent::new("supporter.message.send", object, object_id, "outbox sender")
                    .detail(json!({ "message_id": row.id, "attempt": row.attempts })),
            )
            .await?;
            rows.push(row);
        }
        if rows.is_empty() {
            drop(tx);
            return Ok(Vec::new());
        }
        tx.commit().await?;
        let wanted: Vec<(&str, u32)> = rows
            .iter()
            .filter_map(|r| {
                let version = u32::try_from(r.key_version).unwrap_or(1);
                Some((r.supporter_id.as_deref()?, version))
            })
            .collect();
        let keys = self
            .keys()
            .get_many(self.ring(), OwnerKind::Supporter, &wanted)
            .await?;
        let mut updates = super::updates::Texts::default();
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let version = u32::try_from(r.key_version).unwrap_or(1);
            // A test send is sealed under its update's key; anything else under the
            // supporter's. A supporter erased since the message was queued: the key is gone,
            // nothing to send.
            let key = match (&r.supporter_id, &r.update_id) {
                (Some(sid), _) => keys.get(&(sid.clone(), version)).cloned(),
                (None, Some(uid)) => updates.key(self, uid).await?,
                (None, None) => None,
            };
            let Some(key) = key else { continue };
            let body = open_field(&key, message_at(&r.id), &r.message)
                .ok_or(StoreError::Crypto("outbox message"))?;
            let message = match &r.update_id {
                None if r.kind == "statement" => {
                    let request: StatementRequest = serde_json::from_slice(&body)
                        .map_err(|e| StoreError::Internal(e.to_string()))?;
                    let sid = r.supporter_id.as_deref().unwrap_or_default();
                    let Some(m) = self.compose_statement(sid, &request).await? else {
                        continue;
                    };
                    m
                }
                None => serde_json::from_slice(&body)
                    .map_err(|e| StoreError::Internal(e.to_string()))?,
                Some(uid) => {
                    let to: UpdateRecipient = serde_json::from_slice(&body)
                        .map_err(|e| StoreError::Internal(e.to_string()))?;
                    let Some(m) = updates
                        .compose(self, uid, &to, r.supporter_id.is_none())
                        .await?
                    else {
                        continue;
                    };
                    m
                }
            };
            out.push(Claimed {
                id: r.id.clone(),
                supporter_id: r.supporter_id.clone(),
                message,
                attempts: r.attempts,
            });
        }
        Ok(out)
    }

    /// The SMTP server accepted message `id`.
    pub async fn outbox_sent(&self, id: &str) -> Result<(), StoreError> {
        let done = self
            .outbox_record(&[(id.to_owned(), Ok(()))], time::Duration::ZERO)
            .await?;
        done[0].ok_or(StoreError::NotFound).map(|_| ())
    }

    /// Sending message `id` failed: it is tried again after the back-off (`base` doubled per
    /// failed attempt), or marked failed for good when the failure is permanent or the
    /// attempts are used up. Returns whether it will be tried again.
    pub async fn outbox_failed(
        &self,
        id: &str,
        failure: &SendFailure,
        base: time::Duration,
    ) -> Result<bool, StoreError> {
        let done = self
            .outbox_record(&[(id.to_owned(), Err(failure.clone()))], base)
            .await?;
        done[0].ok_or(StoreError::NotFound)
    }

    /// Records what happened to the messages the sender tried in one round, in one audited
    /// write (one event per message): sent, or failed as [`Store::outbox_failed`] says. One
    /// commit per round rather than per message is what lets the sender keep up with a local
    /// relay (the mailing benchmark: a commit per message held it near 80 a second on SQLite).
    /// Answers, per message, whether it will be tried again (`None`: no such row any more,
    /// e.g. its supporter was erased meanwhile).
    pub async fn outbox_record(
        &self,
        outcomes: &[(String, Result<(), SendFailure>)],
        base: time::Duration,
    ) -> Result<Vec<Option<bool>>, StoreError> {
        let mut tx = self.write(Actor::system()).await?;
        let mut answers = Vec::with_capacity(outcomes.len());
        for (id, outcome) in outcomes {
            let row = sqlx::query_as::<_, OutcomeRow>(
                "select supporter_id, update_id, attempts, kind from supporters.outbox
                 where id = $1",
            )
            .bind(id)
            .fetch_optional(tx.conn()?)
            .await?;
            let Some(row) = row else {
                answers.push(None);
                continue;
            };
            let (object, object_id) = row.object();
            let Err(failure) = outcome else {
                sqlx::query(
                    "update supporters.outbox set status = 'sent', sent_at = $2, last_error = null
                     where id = $1 and status = 'queued'",
                )
                .bind(id)
                .bind(clock::now_text())
                .execute(tx.conn()?)
                .await?;
                tx.audit(
                    AuditEvent::new("supporter.message.sent", object, object_id, "outbox sender")
                        .detail(
                            json!({ "message_id": id, "kind": row.kind, "attempts": row.attempts }),
                        ),
                )
                .await?;
                answers.push(Some(false));
                continue;
            };
            let (code, permanent) = match failure {
                SendFailure::Temporary { code } => (code.clone(), false),
                SendFailure::Permanent { code } => (code.clone(), true),
            };
            let retry = !permanent && row.attempts < MAX_ATTEMPTS;
            let code = code.unwrap_or_else(|| "connection".into());
            if retry {
                let next = clock::now() + retry_delay(row.attempts, base);
                sqlx::query(
                    "update supporters.outbox set next_attempt_at = $2, last_error = $3
                     where id = $1 and status = 'queued'",
                )
                .bind(id)
                .bind(clock::to_text(next))
                .bind(&code)
                .execute(tx.conn()?)
                .await?;
            } else {
                sqlx::query(
                    "update supporters.outbox set status = 'failed', last_error = $2
                     where id = $1 and status = 'queued'",
                )
                .bind(id)
                .bind(&code)
                .execute(tx.conn()?)
                .await?;
            }
            tx.audit(
                AuditEvent::new(
                    "supporter.message.failed",
                    object,
                    object_id,
                    "outbox sender",
                )
                .detail(
                    json!({ "message_id": id, "kind": row.kind, "attempts": row.attempts,
                            "code": code, "retry": retry }),
                ),
            )
            .await?;
            answers.push(Some(retry));
        }
        if answers.iter().all(Option::is_none) {
            // Nothing was written (and so nothing audited).
            drop(tx);
            return Ok(answers);
        }
        tx.commit().await?;
        Ok(answers)
    }

    /// The caller's organisation's outbox by status (counts only).
    pub async fn outbox_counts(&self, p: &Principal) -> Result<OutboxCounts, StoreError> {
        super::require_supporter_care(p)?;
        self.count_outbox(Some(p.org_id)).await
    }

    /// The whole outbox by status, for the server's own log (no caller, counts only).
    pub async fn outbox_counts_all(&self) -> Result<OutboxCounts, StoreError> {
        self.count_outbox(None).await
    }

    async fn count_outbox(&self, org: Option<OrgId>) -> Result<OutboxCounts, StoreError> {
        let rows = sqlx::query_as::<_, CountRow>(
            "select status, count(*) as n,
                    sum(case when attempts > 0 then 1 else 0 end) as retrying
             from supporters.outbox where $1 = '' or org_id = $1 group by status",
        )
        .bind(org.map(|o| o.to_string()).unwrap_or_default())
        .fetch_all(self.pool())
        .await?;
        let mut c = OutboxCounts::default();
        for r in rows {
            match r.status.as_str() {
                "queued" => {
                    c.queued = r.n;
                    c.retrying = r.retrying;
                }
                "sent" => c.sent = r.n,
                "failed" => c.failed = r.n,
                "cancelled" => c.cancelled = r.n,
                _ => {}
            }
        }
        Ok(c)
    }
}
