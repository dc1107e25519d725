//! The chain of custody of an evidence file: intake, every hand-over ("received by a member
//! from someone, at a time, because…") and every verification. Entries are only inserted;
//! who handed the evidence over and why are narrative, sealed under the case key.

use super::evidence::seal;
use crate::audit::AuditEvent;
use crate::keystore::OwnerKind;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::ids::CaseId;
use libertas_domain::justice::evidence::{
    CustodyEvent, CustodyId, EvidenceId, NewCustody, VerifyOutcome,
};
use libertas_domain::FieldError;
use serde::Serialize;
use sqlx::FromRow;
use uuid::Uuid;

/// One entry of a custody log.
#[derive(Clone, Debug, Serialize)]
pub struct CustodyView {
    pub id: CustodyId,
    pub evidence_id: EvidenceId,
    pub event: CustodyEvent,
    /// Set on verification entries.
    pub outcome: Option<VerifyOutcome>,
    /// The case member who took the evidence (intake and transfers).
    pub received_by: Option<String>,
    pub received_from: Option<String>,
    pub purpose: Option<String>,
    pub occurred_at: String,
    pub recorded_by: String,
    pub recorded_at: String,
}

const SELECT: &str = "select c.id, c.event, c.outcome, r.username as received_by,
     c.received_from, c.purpose, c.occurred_at, w.username as recorded_by, c.recorded_at
     from evidence_custody c join users w on w.id = c.recorded_by
     left join users r on r.id = c.received_by";

/// A row of [`SELECT`]: who received and who recorded are both usernames, hence the aliases.
#[derive(FromRow)]
struct CustodyRow {
    id: String,
    event: String,
    outcome: Option<String>,
    received_by: Option<String>,
    received_from: Option<Vec<u8>>,
    purpose: Option<Vec<u8>>,
    occurred_at: String,
    recorded_by: String,
    recorded_at: String,
}

impl Store {
    /// Adds a hand-over to the custody log of evidence `id` in `case`.
    pub async fn add_custody(
        &self,
        p: &Principal,
        case: CaseId,
        id: EvidenceId,
        new: &NewCustody,
        reason: &str,
    ) -> Result<CustodyView, StoreError> {
        self.check_member(p, case).await?;
        self.load_evidence(case, id).await?;
        let cid = case.to_string();
        let (receiver_id, receiver) = match &new.received_by {
            None => (p.user_id.to_string(), p.username.clone()),
            Some(u) => {
                let uid: String = sqlx::query_scalar(
                    "select u.id from users u join case_members m on m.user_id = u.id
                     where m.case_id = $1 and u.username = $2",
                )
                .bind(&cid)
                .bind(u.as_str())
                .fetch_optional(self.pool())
                .await?
                .ok_or_else(|| FieldError::new("received_by", "must be a member of the case"))?;
                (uid, u.as_str().to_owned())
            }
        };
        let key = self
            .keys()
            .get(self.ring(), OwnerKind::Case, &cid, 1)
            .await?
            .ok_or(StoreError::Crypto("case key missing"))?;
        let entry = CustodyId::from_uuid(Uuid::now_v7());
        let sid = entry.to_string();
        let at = clock::to_text(new.received_at);
        let now = clock::now_text();
        let mut tx = self.write(p.into()).await?;
        sqlx::query(
            "insert into evidence_custody (id, evidence_id, event, received_by, received_from,
             purpose, occurred_at, recorded_by, recorded_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&sid)
        .bind(id.to_string())
        .bind(CustodyEvent::Transfer.as_str())
        .bind(&receiver_id)
        .bind(seal(
            &key,
            "evidence_custody",
            "received_from",
            &sid,
            new.received_from.as_str(),
        ))
        .bind(seal(
            &key,
            "evidence_custody",
            "purpose",
            &sid,
            new.purpose.as_str(),
        ))
        .bind(&at)
        .bind(p.user_id.to_string())
        .bind(&now)
        .execute(tx.conn()?)
        .await?;
        tx.audit(
            AuditEvent::new(
                "evidence.custody.create",
                "evidence",
                Some(id.to_string()),
                reason,
            )
            .detail(serde_json::json!({ "case_id": cid, "custody_id": sid })),
        )
        .await?;
        tx.commit().await?;
        Ok(CustodyView {
            id: entry,
            evidence_id: id,
            event: CustodyEvent::Transfer,
            outcome: None,
            received_by: Some(receiver),
            received_from: Some(new.received_from.as_str().to_owned()),
            purpose: Some(new.purpose.as_str().to_owned()),
            occurred_at: at,
            recorded_by: p.username.clone(),
            recorded_at: now,
        })
    }

    /// The custody log of evidence `id`, oldest first; the read is audited.
    pub async fn custody(
        &self,
        p: &Principal,
        case: CaseId,
        id: EvidenceId,
        reason: &str,
    ) -> Result<Vec<CustodyView>, StoreError> {
        self.check_member(p, case).await?;
        self.load_evidence(case, id).await?;
        let out = self.custody_entries(case, id).await?;
        self.record(
            p.into(),
            vec![AuditEvent::new(
                "evidence.custody.read",
                "evidence",
                Some(id.to_string()),
                reason,
            )
            .detail(serde_json::json!({ "case_id": case.to_string(), "count": out.len() }))],
        )
        .await?;
        Ok(out)
    }

    /// Writes a verification entry and its audit event in one transaction.
    pub(crate) async fn record_verification(
        &self,
        p: &Principal,
        case: CaseId,
        id: EvidenceId,
        outcome: VerifyOutcome,
        reason: &str,
    ) -> Result<CustodyView, StoreError> {
        let entry = CustodyId::from_uuid(Uuid::now_v7());
        let event = if outcome == VerifyOutcome::Ok {
            CustodyEvent::VerifiedOk
        } else {
            CustodyEvent::VerifyFailed
        };
        let now = clock::now_text();
        let mut tx = self.write(p.into()).await?;
        sqlx::query(
            "insert into evidence_custody (id, evidence_id, event, outcome, occurred_at,
             recorded_by, recorded_at) values ($1, $2, $3, $4, $5, $6, $5)",
        )
        .bind(entry.to_string())
        .bind(id.to_string())
        .bind(event.as_str())
        .bind(outcome.as_str())
        .bind(&now)
        .bind(p.user_id.to_string())
        .execute(tx.conn()?)
        .await?;
        tx.audit(
            AuditEvent::new("evidence.verify", "evidence", Some(id.to_string()), reason).detail(
                serde_json::json!({ "case_id": case.to_string(), "outcome": outcome.as_str() }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(CustodyView {
            id: entry,
            evidence_id: id,
            event,
            outcome: Some(outcome),
            received_by: None,
            received_from: None,
            purpose: None,
            occurred_at: now.clone(),
            recorded_by: p.username.clone(),
            recorded_at: now,
        })
    }

    /// The log entries, decrypted (the caller checks access and audits).
    pub(crate) async fn custody_entries(
        &self,
        case: CaseId,
        id: EvidenceId,
    ) -> Result<Vec<CustodyView>, StoreError> {
        let cid = case.to_string();
        let sql = format!("{SELECT} where c.evidence_id = $1 order by c.recorded_at, c.id");
        let rows = sqlx::query_as::<_, CustodyRow>(&sql)
            .bind(id.to_string())
            .fetch_all(self.pool())
            .await?;
        let bad = |w: &str| StoreError::Internal(format!("bad custody {w}"));
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let sid = r.id;
            let (event, outcome) = (r.event, r.outcome);
            let from = self
                .open_opt(&cid, "received_from", &sid, r.received_from)
                .await?;
            let purpose = self.open_opt(&cid, "purpose", &sid, r.purpose).await?;
            out.push(CustodyView {
                id: sid.parse().map_err(|_| bad("id"))?,
                evidence_id: id,
                event: CustodyEvent::parse(&event).map_err(|_| bad("event"))?,
                outcome: outcome.as_deref().map(outcome_of),
                received_by: r.received_by,
                received_from: from,
                purpose,
                occurred_at: r.occurred_at,
                recorded_by: r.recorded_by,
                recorded_at: r.recorded_at,
            });
        }
        Ok(out)
    }

    async fn open_opt(
        &self,
        case: &str,
        column: &str,
        row: &str,
        sealed: Option<Vec<u8>>,
    ) -> Result<Option<String>, StoreError> {
        match sealed {
            Some(s) => {
                self.open_case_field(case, "evidence_custody", column, row, &s)
                    .await
            }
            None => Ok(None),
        }
    }
}

fn outcome_of(s: &str) -> VerifyOutcome {
    match s {
        "ok" => VerifyOutcome::Ok,
        "mismatch" => VerifyOutcome::Mismatch,
        "missing" => VerifyOutcome::Missing,
        _ => VerifyOutcome::Unreadable,
    }
}
