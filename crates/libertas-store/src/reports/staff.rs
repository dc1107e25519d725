//! The helpline's side: intake by an operator, the queue, reading a report, asking the
//! reporter a question, and finding other reports that share an identifier.

use super::{open_text, require_report_work, NewReportRow};
use crate::audit::AuditEvent;
use crate::keystore::OwnerKind;
use crate::people::search::{Lookup, LookupPath};
use crate::{Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::ids::ReportId;
use libertas_domain::reports::identifiers::{infer, DefaultRegion};
use libertas_domain::reports::{Channel, ReportInput};
use serde::Serialize;
use sqlx::FromRow;
use uuid::Uuid;

/// A report in the queue: no free text, so the queue can be scanned without reading anyone's
/// story.
#[derive(Clone, Debug, Serialize)]
pub struct ReportSummary {
    pub id: ReportId,
    /// The short report number people read aloud: `R-2026-00042`.
    pub number: String,
    pub channel: String,
    pub status: String,
    pub urgent: bool,
    pub in_danger_now: bool,
    pub verdict: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// Messages from the reporter newer than the last message to them.
    pub unanswered_reporter_messages: i64,
    /// The username of the operator who took the report; none while nobody holds it.
    pub assignee: Option<String>,
    /// The operator's user id, to tell "mine" from "someone else's".
    #[serde(skip)]
    pub assignee_id: Option<String>,
    /// Since when the operator holds it.
    pub assigned_at: Option<String>,
}

/// One message of a report's thread, as staff see it.
#[derive(Clone, Debug, Serialize)]
pub struct ThreadMessage {
    /// `to_reporter` or `from_reporter`.
    pub direction: String,
    /// For messages to the reporter: `receipt` (waits for the reporter's receipt) or
    /// `contact` (through the contact details the reporter gave).
    pub via: Option<String>,
    pub text: String,
    pub at: String,
    /// The staff member who wrote it (none for the reporter).
    pub author: Option<String>,
}

/// A report, decrypted, for the helpline.
#[derive(Clone, Debug, Serialize)]
pub struct ReportView {
    #[serde(flatten)]
    pub summary: ReportSummary,
    // Whether the reporter may be contacted comes first, before the story.
    pub contact: Option<String>,
    /// What the reporter said: `true` contact is safe, `false` do not contact, `None` they
    /// did not say.
    pub safe_to_contact: Option<bool>,
    /// The safe way and times, in the reporter's words.
    pub contact_safety: Option<String>,
    /// Whether staff may reach the reporter through `contact`: only when the reporter said it
    /// is safe and left details. Everything else waits for the reporter's receipt.
    pub contact_allowed: bool,
    pub language: Option<String>,
    pub narrative: Option<String>,
    pub location: Option<String>,
    pub when: Option<String>,
    pub people: Option<String>,
    pub identifiers: Vec<String>,
    pub screening: Option<serde_json::Value>,
    pub close_reason: Option<String>,
    pub case_id: Option<String>,
    pub thread: Vec<ThreadMessage>,
    /// Other reports of the organisation that share an identifier with this one.
    pub related: Vec<ReportId>,
}

pub(crate) const SUMMARY: &str = "r.id, coalesce(r.number, '') as number, r.channel, r.status, r.urgent, r.in_danger_now, r.verdict, r.created_at, r.updated_at,
    (select count(*) from report_messages m where m.report_id = r.id and m.direction = 'from_reporter'
       and m.created_at > coalesce((select max(t.created_at) from report_messages t where t.report_id = r.id and t.direction = 'to_reporter'), ''))
      as unanswered,
    r.assigned_to, r.assigned_at, (select a.username from users a where a.id = r.assigned_to) as assignee";

/// A row of [`SUMMARY`].
#[derive(FromRow)]
pub(crate) struct SummaryRow {
    id: String,
    number: String,
    channel: String,
    status: String,
    urgent: i64,
    in_danger_now: i64,
    verdict: Option<String>,
    created_at: String,
    updated_at: String,
    unanswered: i64,
    assigned_to: Option<String>,
    assigned_at: Option<String>,
    assignee: Option<String>,
}

/// A report as stored, for staff: free text sealed under the report's key; `has_receipt` is
/// 1 when the reporter holds a receipt.
#[derive(FromRow)]
pub(crate) struct ReportRow {
    pub status: String,
    pub narrative: Vec<u8>,
    pub location: Option<Vec<u8>>,
    pub happened: Option<Vec<u8>>,
    pub people: Option<Vec<u8>>,
    pub identifiers: Option<Vec<u8>>,
    pub contact: Option<Vec<u8>>,
    pub contact_safety: Option<Vec<u8>>,
    pub safe_to_contact: Option<i64>,
    pub language: Option<String>,
    pub screening: Option<String>,
    pub close_reason: Option<Vec<u8>>,
    pub case_id: Option<String>,
    pub has_receipt: i64,
}

pub(crate) fn summary_from(r: SummaryRow) -> Result<ReportSummary, StoreError> {
    Ok(ReportSummary {
        id: r
            .id
            .parse()
            .map_err(|_| StoreError::Internal("bad report id".into()))?,
        number: r.number,
        channel: r.channel,
        status: r.status,
        urgent: r.urgent != 0,
        in_danger_now: r.in_danger_now != 0,
        verdict: r.verdict,
        created_at: r.created_at,
        updated_at: r.updated_at,
        unanswered_reporter_messages: r.unanswered,
        assignee: r.assignee,
        assignee_id: r.assigned_to,
        assigned_at: r.assigned_at,
    })
}

impl Store {
    /// Records a contact taken by an operator (phone, e-mail, SMS, walk-in, web).
    pub async fn operator_intake(
        &self,
        p: &Principal,
        channel: Channel,
        input: &ReportInput,
        region: DefaultRegion,
    ) -> Result<ReportId, StoreError> {
        require_report_work(p)?;
        let id = ReportId::from_uuid(Uuid::now_v7());
        let rid = id.to_string();
        let key = self
            .keys()
            .create(self.ring(), OwnerKind::Report, &rid)
            .await?;
        let mut tx = self.write(p.into()).await?;
        let n = self
            .insert_report(
                &mut tx,
                NewReportRow {
                    id,
                    org: p.org_id,
                    channel: channel.as_str(),
                    input,
                    receipt_hash: None,
                    created_by: Some(p.user_id.to_string()),
                    region,
                },
                &key,
            )
            .await?;
        tx.audit(
            AuditEvent::new("report.intake", "report", Some(rid), "operator recorded a contact")
                .detail(serde_json::json!({ "channel": channel.as_str(), "identifiers": n, "in_danger_now": input.in_danger_now })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The number of urgent open reports, for the alert on every helpline page.
    pub async fn urgent_waiting(&self, p: &Principal) -> Result<i64, StoreError> {
        require_report_work(p)?;
        Ok(sqlx::query_scalar("select count(*) from reports where org_id = $1 and urgent = 1 and status in ('new', 'screened')")
            .bind(p.org_id.to_string())
            .fetch_one(self.pool())
            .await?)
    }

    pub(crate) async fn check_report(
        &self,
        p: &Principal,
        id: ReportId,
    ) -> Result<ReportRow, StoreError> {
        require_report_work(p)?;
        sqlx::query_as::<_, ReportRow>(
            "select id, status, narrative, location, happened, people, identifiers, contact, contact_safety, safe_to_contact,
                    language, screening, close_reason, case_id,
                    case when receipt_hash is null then 0 else 1 end as has_receipt
             from reports where id = $1 and org_id = $2",
        )
        .bind(id.to_string())
        .bind(p.org_id.to_string())
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)
    }

    /// One report, decrypted, with its thread and related reports. Audited before returning.
    pub async fn get_report(
        &self,
        p: &Principal,
        id: ReportId,
        reason: &str,
    ) -> Result<ReportView, StoreError> {
        let row = self.check_report(p, id).await?;
        let rid = id.to_string();
        let sql = format!("select {SUMMARY} from reports r where r.id = $1");
        let summary = summary_from(
            sqlx::query_as::<_, SummaryRow>(&sql)
                .bind(&rid)
                .fetch_one(self.pool())
                .await?,
        )?;
        let key = self.report_key(&rid, &row.narrative).await?;
        let text = |sealed: Option<&[u8]>, column: &str| -> Option<String> {
            open_text(key.as_ref(), column, &rid, sealed)
        };
        let identifiers: Vec<String> = text(row.identifiers.as_deref(), "identifiers")
            .and_then(|j| serde_json::from_str(&j).ok())
            .unwrap_or_default();
        let related = self.related_reports(p, &rid).await?;
        let contact = text(row.contact.as_deref(), "contact");
        let safe_to_contact = row.safe_to_contact.map(|v| v != 0);
        let view = ReportView {
            summary,
            language: row.language,
            narrative: text(Some(&row.narrative), "narrative"),
            location: text(row.location.as_deref(), "location"),
            when: text(row.happened.as_deref(), "happened"),
            people: text(row.people.as_deref(), "people"),
            identifiers,
            contact_allowed: super::contact::may_contact(safe_to_contact, contact.is_some())
                .is_ok(),
            contact,
            contact_safety: text(row.contact_safety.as_deref(), "contact_safety"),
            safe_to_contact,
            screening: row.screening.and_then(|s| serde_json::from_str(&s).ok()),
            close_reason: text(row.close_reason.as_deref(), "close_reason"),
            case_id: row.case_id,
            thread: self.thread(&rid).await?,
            related,
        };
        self.record(
            p.into(),
            vec![AuditEvent::new("report.read", "report", Some(rid), reason)],
        )
        .await?;
        Ok(view)
    }

    async fn related_reports(&self, p: &Principal, rid: &str) -> Result<Vec<ReportId>, StoreError> {
        let rows: Vec<String> = sqlx::query_scalar(
            "select distinct o.report_id from report_identifiers me
             join report_identifiers o on o.kind = me.kind and o.digest = me.digest and o.org_id = me.org_id
             where me.report_id = $1 and o.report_id <> $1 and o.org_id = $2 order by o.report_id",
        )
        .bind(rid)
        .bind(p.org_id.to_string())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|s| {
                s.parse()
                    .map_err(|_| StoreError::Internal("bad report id".into()))
            })
            .collect()
    }

    /// How many reports of the caller's organisation mention this identifier (a caller's
    /// number, say). Counts only. An answer about records beyond the one in hand, so it
    /// spends one look-up of the caller's budget shared with searches and duplicate warnings
    /// (`people::search::budget`); `TooManyRequests` when it is spent.
    pub async fn reports_with_identifier(
        &self,
        p: &Principal,
        raw: &str,
        region: DefaultRegion,
    ) -> Result<i64, StoreError> {
        require_report_work(p)?;
        self.lookup_budget(p, LookupPath::ReportIdentifier).await?;
        let Some(i) = infer(raw, region) else {
            return Ok(0);
        };
        let n: i64 = sqlx::query_scalar("select count(distinct report_id) from report_identifiers where org_id = $1 and kind = $2 and digest = $3")
            .bind(p.org_id.to_string())
            .bind(i.kind.as_str())
            .bind(self.report_digest(&i))
            .fetch_one(self.pool())
            .await?;
        let detail = serde_json::json!({ "kind": i.kind.as_str(), "matches": n });
        let lookup = Lookup {
            path: LookupPath::ReportIdentifier,
            question: &format!("{}={}", i.kind.as_str(), i.normal),
            detail: detail.clone(),
        };
        let events = vec![AuditEvent::new(
            "report.identifier.lookup",
            "report",
            None,
            "operator looked up an identifier",
        )
        .detail(detail)];
        self.spend_lookup(p, lookup, events, "operator looked up an identifier")
            .await?;
        Ok(n)
    }
}
