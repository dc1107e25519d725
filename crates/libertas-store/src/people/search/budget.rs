//! One budget for every answer about records the caller may not see.
//!
//! Several paths answer "does this exist outside your cases?": the `others` count of a search,
//! the duplicate warning after adding a person (API and person page), the report identifier
//! look-up and the blind-index count. Each answer is small, but enough of them recover what the
//! caller may not read (a birth date by trying every date, say). So they share one per-user
//! budget, decided here in the store because the store is the one layer every caller (page,
//! API, CLI) passes: at most [`LOOKUP_LIMIT`] look-ups in any [`LOOKUP_WINDOW`], then
//! [`StoreError::TooManyRequests`] until the oldest one leaves the window.
//!
//! Each answered look-up is one row in `lookups` (user, path, time, and a keyed digest of the
//! normalised question, so repeats can be told from new questions) and one audit event with
//! the single action `lookup.elsewhere`, in the same transaction as the path's own audit
//! events. A refused look-up is audited under the same action with `"refused": true`. A user
//! who asks [`PROBING_DISTINCT`] different questions within the window raises
//! `alert.lookup_probing` to their organisation's administrators (quiet for ten minutes per
//! user, see [`crate::audit::alerts`]).
//!
//! The check and the spending happen inside one write transaction, and write transactions
//! are serialised (on one node by the writer, across nodes by the audit head row), so two
//! concurrent look-ups cannot both take the last unit. The table is short-lived working state:
//! rows older than the window are deleted as the user makes new look-ups, and backups leave
//! it out.

use crate::audit::{Alert, AuditEvent};
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use sqlx::FromRow;
use time::{Duration, OffsetDateTime};

/// The window over which look-ups are counted.
pub const LOOKUP_WINDOW: Duration = Duration::minutes(10);
/// Look-ups a user may make within [`LOOKUP_WINDOW`].
pub const LOOKUP_LIMIT: i64 = 30;
/// Different questions within [`LOOKUP_WINDOW`] that alert the administrators.
pub const PROBING_DISTINCT: i64 = 20;

/// The paths that answer about records outside the caller's reach.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LookupPath {
    /// `others` of a people search.
    Search,
    /// `possible_duplicates_elsewhere` after adding a person, and the person page's warning.
    Duplicates,
    /// How many reports of the organisation mention an identifier.
    ReportIdentifier,
    /// How many people of the organisation carry an identifier (blind index).
    IdentifierCount,
}

impl LookupPath {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Search => "search",
            Self::Duplicates => "duplicates",
            Self::ReportIdentifier => "report_identifier",
            Self::IdentifierCount => "identifier_count",
        }
    }
}

/// One look-up about to be answered.
pub(crate) struct Lookup<'a> {
    pub path: LookupPath,
    /// The question in a canonical form (normalised values); only its keyed digest is kept.
    pub question: &'a str,
    /// What the answer revealed, for the audit event: counts and field names only.
    pub detail: serde_json::Value,
}

/// The state of a user's budget within the window.
#[derive(FromRow)]
struct Spent {
    count: i64,
    oldest: Option<String>,
}

impl Store {
    /// `Err(TooManyRequests)` if the caller has no look-up left now (the refusal is audited
    /// like any other, under `lookup.elsewhere`). Spends nothing: paths that do work before
    /// they answer (adding a person, a search) ask first, so a spent budget stops them before
    /// anything is computed or written.
    pub async fn lookup_budget(&self, p: &Principal, path: LookupPath) -> Result<(), StoreError> {
        if !self.config().lookup_limits {
            return Ok(());
        }
        let now = clock::now();
        let spent = spent(self.pool(), p, now).await?;
        let Some(seconds) = wait(&spent, now) else {
            return Ok(());
        };
        self.record(p.into(), vec![refusal(path, seconds)]).await?;
        Err(StoreError::TooManyRequests(seconds))
    }

    /// Spends one look-up and records it with `events` (the path's own audit events) in one
    /// transaction; or, when the budget is spent, records the refusal and answers
    /// `TooManyRequests` with the seconds until a look-up is possible again.
    pub(crate) async fn spend_lookup(
        &self,
        p: &Principal,
        lookup: Lookup<'_>,
        events: Vec<AuditEvent>,
        reason: &str,
    ) -> Result<(), StoreError> {
        let now = clock::now();
        let digest = self.ring().search_index("lookup", lookup.question);
        let mut tx = self.write(p.into()).await?;
        sqlx::query("delete from lookups where user_id = $1 and at < $2")
            .bind(p.user_id.to_string())
            .bind(clock::to_text(now - LOOKUP_WINDOW))
            .execute(tx.conn()?)
            .await?;
        let spent = spent(tx.conn()?, p, now).await?;
        let path = lookup.path.as_str();
        if let Some(seconds) = wait(&spent, now).filter(|_| self.config().lookup_limits) {
            tx.audit(refusal(lookup.path, seconds)).await?;
            tx.commit().await?;
            return Err(StoreError::TooManyRequests(seconds));
        }
        sqlx::query(
            "insert into lookups (user_id, org_id, path, digest, at) values ($1, $2, $3, $4, $5)",
        )
        .bind(p.user_id.to_string())
        .bind(p.org_id.to_string())
        .bind(path)
        .bind(&digest[..32])
        .bind(clock::to_text(now))
        .execute(tx.conn()?)
        .await?;
        let distinct: i64 = sqlx::query_scalar(
            "select count(distinct digest) from lookups where user_id = $1 and at >= $2",
        )
        .bind(p.user_id.to_string())
        .bind(clock::to_text(now - LOOKUP_WINDOW))
        .fetch_one(tx.conn()?)
        .await?;
        let mut detail = lookup.detail;
        detail["path"] = serde_json::json!(path);
        detail["in_window"] = serde_json::json!(spent.count + 1);
        detail["distinct_in_window"] = serde_json::json!(distinct);
        tx.audit(AuditEvent::new("lookup.elsewhere", "lookup", None, reason).detail(detail))
            .await?;
        for e in events {
            tx.audit(e).await?;
        }
        tx.commit().await?;
        if distinct >= PROBING_DISTINCT {
            self.raise_alert(Alert {
                action: "alert.lookup_probing",
                org_id: Some(p.org_id),
                object_type: "user",
                object_id: Some(p.user_id.to_string()),
                reason: "many different look-ups of records outside the user's cases".into(),
                detail: serde_json::json!({
                    "distinct": distinct,
                    "window_minutes": LOOKUP_WINDOW.whole_minutes(),
                    "path": path,
                }),
            })
            .await?;
        }
        Ok(())
    }
}

/// The audit event of a refused look-up.
fn refusal(path: LookupPath, seconds: u64) -> AuditEvent {
    AuditEvent::new(
        "lookup.elsewhere",
        "lookup",
        None,
        "look-up refused: the user's budget is spent",
    )
    .detail(serde_json::json!({ "path": path.as_str(), "refused": true, "retry_after": seconds }))
}

/// The caller's look-ups within the window ending `now`.
async fn spent<'e, E>(conn: E, p: &Principal, now: OffsetDateTime) -> Result<Spent, StoreError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    Ok(sqlx::query_as::<_, Spent>(
        "select count(*) as count, min(at) as oldest from lookups where user_id = $1 and at >= $2",
    )
    .bind(p.user_id.to_string())
    .bind(clock::to_text(now - LOOKUP_WINDOW))
    .fetch_one(conn)
    .await?)
}

/// Seconds until the next look-up is allowed, if none is allowed now.
fn wait(spent: &Spent, now: OffsetDateTime) -> Option<u64> {
    if spent.count < LOOKUP_LIMIT {
        return None;
    }
    let oldest = spent
        .oldest
        .as_deref()
        .and_then(clock::from_text)
        .unwrap_or(now);
    let left = (oldest + LOOKUP_WINDOW - now).whole_seconds();
    Some(u64::try_from(left).unwrap_or(0).max(1))
}
