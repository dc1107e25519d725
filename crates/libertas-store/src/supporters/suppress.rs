//! Suppressed addresses: hard bounces and complaints reported back by the mail provider. A
//! suppressed address gets no message at all — its queued messages are cancelled, and the
//! sender passes over any message to it queued later (a new sign-up's confirmation too) —
//! until supporter-care staff lift it ([`Store::supporter_suppression_lift`]).
//!
//! Reports arrive as an import of the provider's CSV report (`libertas supporters suppress`)
//! or through its signed webhook (`POST /api/v1/public/mail-events`): all or nothing, and
//! idempotent by the provider's event id.

use crate::admin::Operator;
use crate::audit::{Actor, AuditEvent};
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::people::Email;
use serde_json::json;
use std::collections::BTreeMap;
use std::io::Read;

/// Why an address is suppressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SuppressReason {
    /// The receiving server said the mailbox does not exist (or refuses us for good).
    HardBounce,
    /// The recipient marked a message as spam.
    Complaint,
}

impl SuppressReason {
    pub const ALL: [SuppressReason; 2] = [SuppressReason::HardBounce, SuppressReason::Complaint];

    pub fn as_str(self) -> &'static str {
        match self {
            SuppressReason::HardBounce => "hard_bounce",
            SuppressReason::Complaint => "complaint",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == raw.trim())
    }
}

/// One reported address.
#[derive(Clone, Debug)]
pub struct Suppression {
    /// The provider's id of the event, when it gives one (repeats are skipped).
    pub event_id: Option<String>,
    pub email: Email,
    pub reason: SuppressReason,
}

/// A row of a report that cannot be read: its line (the header is line 1), the column and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportError {
    pub line: u64,
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for ReportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}, field {}: {}",
            self.line, self.field, self.message
        )
    }
}

/// The longest event id kept (providers' ids are far shorter).
const MAX_EVENT_ID: usize = 200;

/// Reads a provider report: CSV with a header naming the columns `email` and `reason`
/// (`hard_bounce` or `complaint`) and optionally `id` (the provider's event id); other columns
/// are ignored. Every row is checked before anything is applied; the first bad one is named.
pub fn read_report(input: impl Read) -> Result<Vec<Suppression>, ReportError> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(input);
    let at = |line: u64, field: &str, message: String| ReportError {
        line,
        field: field.into(),
        message,
    };
    let headers = reader
        .headers()
        .map_err(|e| at(1, "header", e.to_string()))?
        .clone();
    let column = |name: &str| headers.iter().position(|h| h.trim() == name);
    let email_col = column("email").ok_or_else(|| at(1, "email", "no such column".into()))?;
    let reason_col = column("reason").ok_or_else(|| at(1, "reason", "no such column".into()))?;
    let id_col = column("id");
    let mut out = vec![];
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            at(line, "row", e.to_string())
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let email = Email::parse(record.get(email_col).unwrap_or(""))
            .map_err(|e| at(line, "email", e.message))?;
        let raw = record.get(reason_col).unwrap_or("");
        let reason = SuppressReason::parse(raw).ok_or_else(|| {
            at(
                line,
                "reason",
                format!("{raw:?} must be hard_bounce or complaint"),
            )
        })?;
        let event_id = match id_col.and_then(|c| record.get(c)).map(str::trim) {
            None | Some("") => None,
            Some(id) if id.len() > MAX_EVENT_ID || id.chars().any(char::is_control) => {
                return Err(at(
                    line,
                    "id",
                    format!(
                        "must be at most {MAX_EVENT_ID} characters, without control characters"
                    ),
                ))
            }
            Some(id) => Some(id.to_owned()),
        };
        out.push(Suppression {
            event_id,
            email,
            reason,
        });
    }
    Ok(out)
}

/// What applying a report did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SuppressOutcome {
    /// Addresses newly suppressed.
    pub suppressed: u64,
    /// Rows whose address was suppressed already, or whose event was applied before.
    pub already: u64,
    /// Queued messages cancelled.
    pub cancelled: u64,
}

impl Store {
    /// Lifts the suppression of `email` (a staff decision: the mailbox works again, or the
    /// person who complained asked in writing to hear from us again), in one audited write
    /// that records why it had been suppressed, never the address. Answers that reason;
    /// `NotFound` when the address is not suppressed. Suppressions hold for the whole
    /// installation (one mail provider), so any supporter-care user may lift one whose
    /// address they know. Messages cancelled by the suppression stay cancelled. Restoring a
    /// backup made before the lift brings the suppression back (a restore adds suppressions,
    /// never removes them): it errs towards sending nothing.
    pub async fn supporter_suppression_lift(
        &self,
        p: &Principal,
        email: &Email,
    ) -> Result<SuppressReason, StoreError> {
        super::require_supporter_care(p)?;
        let index = self.ring().supporter_index("email", email.normalised());
        let mut tx = self.write(p.into()).await?;
        let reason: Option<String> =
            sqlx::query_scalar("select reason from supporters.suppressions where email_index = $1")
                .bind(&index)
                .fetch_optional(tx.conn()?)
                .await?;
        let reason = reason
            .as_deref()
            .and_then(SuppressReason::parse)
            .ok_or(StoreError::NotFound)?;
        sqlx::query("delete from supporters.suppressions where email_index = $1")
            .bind(&index)
            .execute(tx.conn()?)
            .await?;
        tx.audit(
            AuditEvent::new(
                "supporter.suppress.lift",
                "supporter",
                None,
                "staff decision",
            )
            .detail(json!({ "reason": reason.as_str() })),
        )
        .await?;
        tx.commit().await?;
        Ok(reason)
    }

    /// Suppresses the addresses of a provider's report imported by the operator
    /// (`libertas supporters suppress`).
    pub async fn supporter_suppress_import(
        &self,
        op: Operator,
        rows: &[Suppression],
    ) -> Result<SuppressOutcome, StoreError> {
        self.supporter_suppress(Actor::from(op), "import", rows)
            .await
    }

    /// Suppresses the addresses of a report the mail provider sent to its webhook, after the
    /// web layer checked its signature: the audit names the mail provider as the actor.
    pub async fn supporter_suppress_reported(
        &self,
        rows: &[Suppression],
    ) -> Result<SuppressOutcome, StoreError> {
        let provider = Actor {
            user_id: None,
            org_id: None,
            label: "mail provider".into(),
        };
        self.supporter_suppress(provider, "webhook", rows).await
    }

    /// Suppresses the reported addresses, in one audited write: every row or none.
    async fn supporter_suppress(
        &self,
        actor: Actor,
        source: &'static str,
        rows: &[Suppression],
    ) -> Result<SuppressOutcome, StoreError> {
        let now = clock::now_text();
        let mut out = SuppressOutcome::default();
        let mut by_reason: BTreeMap<&str, u64> = BTreeMap::new();
        let mut tx = self.write(actor).await?;
        for row in rows {
            if let Some(id) = &row.event_id {
                let fresh = sqlx::query(
                    "insert into supporters.suppression_events (event_id, created_at)
                     values ($1, $2) on conflict (event_id) do nothing",
                )
                .bind(id)
                .bind(&now)
                .execute(tx.conn()?)
                .await?
                .rows_affected();
                if fresh == 0 {
                    out.already += 1;
                    continue;
                }
            }
            let index = self.ring().supporter_index("email", row.email.normalised());
            let added = sqlx::query(
                "insert into supporters.suppressions (email_index, reason, source, created_at)
                 values ($1, $2, $3, $4) on conflict (email_index) do nothing",
            )
            .bind(&index)
            .bind(row.reason.as_str())
            .bind(source)
            .bind(&now)
            .execute(tx.conn()?)
            .await?
            .rows_affected();
            if added == 0 {
                out.already += 1;
                continue;
            }
            out.suppressed += 1;
            *by_reason.entry(row.reason.as_str()).or_default() += 1;
            out.cancelled += sqlx::query(
                "update supporters.outbox set status = 'cancelled'
                 where status = 'queued'
                   and supporter_id in (select id from supporters.supporters where email_index = $1)",
            )
            .bind(&index)
            .execute(tx.conn()?)
            .await?
            .rows_affected();
        }
        // Counts only: never an address, not even hashed.
        tx.audit(
            AuditEvent::new("supporter.suppress", "supporter", None, source).detail(json!({
                "rows": rows.len(),
                "suppressed": out.suppressed,
                "already": out.already,
                "cancelled": out.cancelled,
                "reasons": by_reason,
            })),
        )
        .await?;
        tx.commit().await?;
        Ok(out)
    }
}
