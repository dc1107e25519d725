//! The anonymous side: submitting a report and following it up with the receipt.
//!
//! A receipt is 128 random bits, shown once to the reporter and never placed in a URL. Only a
//! keyed hash of it (key derived from the master key, which is outside the database) is
//! stored: enough to find the report, useless to anyone holding only the database. The JSON
//! API returns the receipt in its answer; the form hands it over once through
//! [`handoff`](super::handoff).
//!
//! A receipt may carry at most [`ANSWERS_PER_HOUR`] answers in any hour, counted on the
//! report's own messages (so the limit holds across web nodes and restarts, and is keyed by
//! the report the receipt's hash found, never by the receipt).

use super::{open_text, NewReportRow};
use crate::audit::{Actor, AuditEvent};
use crate::crypto::{seal_field, FieldRef};
use crate::keystore::OwnerKind;
use crate::{clock, Store, StoreError};
use libertas_domain::ids::{OrgId, ReportId, ReportMessageId};
use libertas_domain::reports::identifiers::DefaultRegion;
use libertas_domain::reports::{ReportInput, ReportStatus};
use libertas_domain::text::clean_text;
use rand::RngCore;
use serde::Serialize;
use sqlx::FromRow;
use uuid::Uuid;

/// Answers one receipt may send within an hour: enough for a conversation, too few to bury
/// the helpline (or fill the database) through one receipt.
pub const ANSWERS_PER_HOUR: i64 = 10;

/// What the reporter gets back.
pub struct Submitted {
    pub id: ReportId,
    /// Shown once; never stored. Empty when the receipt waits behind `handle` instead.
    pub receipt: String,
    /// For the form: the one-time handle the receipt page takes it with.
    pub handle: Option<String>,
    pub urgent: bool,
}

/// One message of the thread, as the reporter sees it.
#[derive(Clone, Debug, Serialize)]
pub struct FollowUpMessage {
    /// `question` (from the organisation) or `answer` (from the reporter).
    pub from: &'static str,
    pub text: String,
    pub at: String,
}

/// What a receipt shows: the public status and the thread. Nothing about people or staff.
#[derive(Clone, Debug, Serialize)]
pub struct FollowUp {
    pub status: &'static str,
    pub messages: Vec<FollowUpMessage>,
}

fn public_actor() -> Actor {
    Actor {
        user_id: None,
        org_id: None,
        label: "public".into(),
    }
}

/// A new receipt: 128 bits as 26 base32 characters in groups of four.
fn new_receipt() -> String {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let text = data_encoding::BASE32_NOPAD.encode(&bytes);
    text.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// The form a receipt is hashed in: uppercase, without separators, so `abcd-efgh` works too.
fn normalise_receipt(raw: &str) -> String {
    raw.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The report a receipt opens.
#[derive(FromRow)]
struct ReceiptRow {
    id: String,
    status: String,
}

/// One message of a thread: body sealed under the report's key; no author for the reporter.
#[derive(FromRow)]
struct MessageRow {
    id: String,
    direction: String,
    body: Vec<u8>,
    created_at: String,
    username: Option<String>,
    via: Option<String>,
}

/// The reporter's answers within the last hour: how many, and the oldest one's time.
#[derive(FromRow)]
struct RecentAnswers {
    answers: i64,
    oldest: Option<String>,
}

impl Store {
    /// Stores a public report for `org` and returns its receipt.
    pub async fn submit_public_report(
        &self,
        org: OrgId,
        input: &ReportInput,
        region: DefaultRegion,
    ) -> Result<Submitted, StoreError> {
        self.store_public_report(org, input, region, false).await
    }

    /// Stores a public report from the form: the receipt is not returned but kept, sealed, for
    /// the one page that shows it ([`Store::take_receipt`] with the returned `handle`).
    pub async fn submit_public_report_form(
        &self,
        org: OrgId,
        input: &ReportInput,
        region: DefaultRegion,
    ) -> Result<Submitted, StoreError> {
        self.store_public_report(org, input, region, true).await
    }

    async fn store_public_report(
        &self,
        org: OrgId,
        input: &ReportInput,
        region: DefaultRegion,
        hand_over: bool,
    ) -> Result<Submitted, StoreError> {
        let id = ReportId::from_uuid(Uuid::now_v7());
        let rid = id.to_string();
        let receipt = new_receipt();
        let key = self
            .keys()
            .create(self.ring(), OwnerKind::Report, &rid)
            .await?;
        let hash = self.ring().receipt_hash(&normalise_receipt(&receipt));
        let mut tx = self.write(public_actor()).await?;
        let n = self
            .insert_report(
                &mut tx,
                NewReportRow {
                    id,
                    org,
                    channel: "public",
                    input,
                    receipt_hash: Some(hash),
                    created_by: None,
                    region,
                },
                &key,
            )
            .await?;
        let handle = match hand_over {
            true => Some(self.stash_receipt(&mut tx, &rid, &receipt).await?),
            false => None,
        };
        tx.audit(
            AuditEvent::new("report.submit", "report", Some(rid), "public report received")
                .detail(serde_json::json!({ "org_id": org.to_string(), "channel": "public", "identifiers": n, "in_danger_now": input.in_danger_now })),
        )
        .await?;
        tx.commit().await?;
        Ok(Submitted {
            id,
            receipt: if hand_over { String::new() } else { receipt },
            handle,
            urgent: input.in_danger_now,
        })
    }

    /// The report behind a receipt, with its thread; with `answer`, adds the reporter's answer
    /// first. `None` for a receipt that matches nothing (the caller learns nothing more).
    pub async fn follow_up(
        &self,
        receipt: &str,
        answer: Option<&str>,
    ) -> Result<Option<FollowUp>, StoreError> {
        let normal = normalise_receipt(receipt);
        if normal.len() != 26 {
            return Ok(None);
        }
        let hash = self.ring().receipt_hash(&normal);
        let row = sqlx::query_as::<_, ReceiptRow>(
            "select id, status from reports where receipt_hash = $1",
        )
        .bind(&hash)
        .fetch_optional(self.pool())
        .await?;
        let Some(ReceiptRow { id: rid, status }) = row else {
            return Ok(None);
        };
        let status = ReportStatus::parse(&status)
            .map_err(|_| StoreError::Internal("bad report status".into()))?;
        let mut events = vec![AuditEvent::new(
            "report.followup.read",
            "report",
            Some(rid.clone()),
            "reporter used the receipt",
        )];
        if let Some(answer) = answer.map(str::trim).filter(|a| !a.is_empty()) {
            let text = clean_text("answer", answer, 1, 10_000, true)?;
            let mid = ReportMessageId::from_uuid(Uuid::now_v7()).to_string();
            let key = self
                .keys()
                .get(self.ring(), OwnerKind::Report, &rid, 1)
                .await?
                .ok_or(StoreError::Crypto("report key missing"))?;
            let sealed = seal_field(
                &key,
                1,
                FieldRef {
                    table: "report_messages",
                    column: "body",
                    row: &mid,
                },
                text.as_bytes(),
            );
            let mut tx = self.write(public_actor()).await?;
            answers_left(&mut tx, &rid).await?;
            sqlx::query("insert into report_messages (id, report_id, direction, body, created_at) values ($1, $2, 'from_reporter', $3, $4)")
                .bind(&mid)
                .bind(&rid)
                .bind(sealed)
                .bind(clock::now_text())
                .execute(tx.conn()?)
                .await?;
            sqlx::query("update reports set updated_at = $1 where id = $2")
                .bind(clock::now_text())
                .bind(&rid)
                .execute(tx.conn()?)
                .await?;
            tx.audit(AuditEvent::new(
                "report.message.from_reporter",
                "report",
                Some(rid.clone()),
                "reporter answered",
            ))
            .await?;
            tx.commit().await?;
        }
        let messages = self
            .thread(&rid)
            .await?
            .into_iter()
            .map(|m| FollowUpMessage {
                from: if m.direction == "to_reporter" {
                    "question"
                } else {
                    "answer"
                },
                text: m.text,
                at: m.at,
            })
            .collect();
        self.record(public_actor(), std::mem::take(&mut events))
            .await?;
        Ok(Some(FollowUp {
            status: status.public().as_str(),
            messages,
        }))
    }

    /// A report's thread, decrypted, oldest first.
    pub(crate) async fn thread(&self, rid: &str) -> Result<Vec<super::ThreadMessage>, StoreError> {
        let rows = sqlx::query_as::<_, MessageRow>(
            "select m.id, m.direction, m.body, m.created_at, u.username, m.via from report_messages m
             left join users u on u.id = m.author_id where m.report_id = $1 order by m.created_at, m.id",
        )
        .bind(rid)
        .fetch_all(self.pool())
        .await?;
        let key = self
            .keys()
            .get(self.ring(), OwnerKind::Report, rid, 1)
            .await?;
        let mut out = vec![];
        for r in rows {
            let mid = r.id;
            let body = r.body;
            let text = key
                .as_ref()
                .and_then(|k| {
                    crate::crypto::open_field(
                        k,
                        FieldRef {
                            table: "report_messages",
                            column: "body",
                            row: &mid,
                        },
                        &body,
                    )
                })
                .and_then(|p| String::from_utf8(p.to_vec()).ok())
                .unwrap_or_default();
            out.push(super::ThreadMessage {
                direction: r.direction,
                via: r.via,
                text,
                at: r.created_at,
                author: r.username,
            });
        }
        let _ = open_text;
        Ok(out)
    }
}

/// `TooManyRequests` (with the seconds until the oldest answer of the hour ages out) when
/// the report already has [`ANSWERS_PER_HOUR`] answers within the last hour. Runs in the
/// answer's write transaction, so concurrent answers cannot both take the last one.
async fn answers_left(tx: &mut crate::tx::WriteTx<'_>, rid: &str) -> Result<(), StoreError> {
    let now = crate::clock::now();
    let hour = time::Duration::hours(1);
    let row = sqlx::query_as::<_, RecentAnswers>(
        "select count(*) as answers, min(created_at) as oldest from report_messages
         where report_id = $1 and direction = 'from_reporter' and created_at >= $2",
    )
    .bind(rid)
    .bind(clock::to_text(now - hour))
    .fetch_one(tx.conn()?)
    .await?;
    if row.answers < ANSWERS_PER_HOUR {
        return Ok(());
    }
    let oldest = row
        .oldest
        .as_deref()
        .and_then(clock::from_text)
        .unwrap_or(now);
    let wait = (oldest + hour - now).whole_seconds();
    Err(StoreError::TooManyRequests(
        u64::try_from(wait).unwrap_or(0).max(1),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receipts_are_long_and_forgiving() {
        let r = new_receipt();
        assert_eq!(normalise_receipt(&r).len(), 26);
        assert_eq!(
            normalise_receipt(&r.to_lowercase().replace('-', " ")),
            normalise_receipt(&r)
        );
        assert_ne!(new_receipt(), new_receipt());
    }
}
