//! Reports: public (anonymous, with a receipt) and helpline intake; the thread with the
//! reporter; screening, triage and the move to a case; identifiers shared between reports.
//!
//! The `hotline` role of the receiving organisation works reports (administrators too, for
//! oversight). Staff reach a reporter through the receipt thread, or through their contact
//! details only when the reporter said that is safe (`contact`). Free text is sealed under a per-report key; identifiers are kept as blind
//! indexes so reports that mention the same number or address find each other without the
//! value being stored.

mod assign;
mod contact;
mod handoff;
mod numbers;
mod public;
mod queue;
mod staff;
mod triage;

pub use assign::Assignment;
pub use contact::MessageVia;
pub use handoff::{HandedOver, HANDOFF_TTL};
pub use numbers::parse_report_number;
pub use public::{FollowUp, FollowUpMessage, Submitted, ANSWERS_PER_HOUR};
pub use queue::{AssigneeFilter, QueueFilter, QueuePage, QueueSort, StatusFilter, QUEUE_PAGE};
pub use staff::{ReportSummary, ReportView, ThreadMessage};
pub use triage::OpenCase;

use crate::crypto::{key_version_of, open_field, seal_field, DataKey, FieldRef};
use crate::keystore::OwnerKind;
use crate::tx::WriteTx;
use crate::{Store, StoreError};
use libertas_domain::admin::{Principal, Role};
use libertas_domain::ids::{OrgId, ReportId};
use libertas_domain::reports::identifiers::{find_in_text, infer, DefaultRegion, Identifier};
use libertas_domain::reports::ReportInput;

/// Roles that work the report queue.
pub(crate) fn require_report_work(p: &Principal) -> Result<(), StoreError> {
    if matches!(p.role, Role::Hotline | Role::Admin) {
        Ok(())
    } else {
        Err(StoreError::Forbidden)
    }
}

pub(crate) fn seal_opt(
    key: &DataKey,
    table: &str,
    column: &str,
    row: &str,
    v: Option<&str>,
) -> Option<Vec<u8>> {
    v.map(|v| seal_field(key, 1, FieldRef { table, column, row }, v.as_bytes()))
}

/// The identifiers of a report: those given, and those found in its narrative.
pub(crate) fn identifiers_of(
    input: &ReportInput,
    region: DefaultRegion,
) -> Vec<(Identifier, &'static str)> {
    let mut out: Vec<(Identifier, &'static str)> = vec![];
    for raw in &input.identifiers {
        if let Some(i) = infer(raw, region) {
            if !out.iter().any(|(o, _)| *o == i) {
                out.push((i, "form"));
            }
        }
    }
    for text in [
        Some(input.narrative.as_str()),
        input.people.as_deref(),
        input.location.as_deref(),
    ]
    .into_iter()
    .flatten()
    {
        for i in find_in_text(text, region) {
            if !out.iter().any(|(o, _)| *o == i) {
                out.push((i, "narrative"));
            }
        }
    }
    out
}

/// A report row to write: what the public and staff intakes differ in (channel, receipt,
/// author) beside the checked input.
pub(crate) struct NewReportRow<'a> {
    pub id: ReportId,
    pub org: OrgId,
    pub channel: &'a str,
    pub input: &'a ReportInput,
    /// The receipt's hash, for a public report.
    pub receipt_hash: Option<String>,
    /// The staff member who took it, for an intake.
    pub created_by: Option<String>,
    pub region: DefaultRegion,
}

impl Store {
    /// Writes a report row, its identifiers and its key, inside `tx`. Returns nothing the
    /// caller does not already know.
    pub(crate) async fn insert_report(
        &self,
        tx: &mut WriteTx<'_>,
        row: NewReportRow<'_>,
        key: &DataKey,
    ) -> Result<usize, StoreError> {
        let NewReportRow {
            id,
            org,
            channel,
            input,
            receipt_hash,
            created_by,
            region,
        } = row;
        let rid = id.to_string();
        let now = crate::clock::now_text();
        let number = crate::numbers::next_number(
            tx.conn()?,
            &org.to_string(),
            crate::numbers::NumberKind::Report,
            &now,
        )
        .await?;
        let ids_json = (!input.identifiers.is_empty())
            .then(|| serde_json::to_string(&input.identifiers).unwrap_or_default());
        let s = |column: &str, v: Option<&str>| seal_opt(key, "reports", column, &rid, v);
        sqlx::query(
            "insert into reports (id, org_id, channel, status, urgent, in_danger_now, language, narrative, location,
                happened, people, identifiers, contact, contact_safety, safe_to_contact, receipt_hash, created_by,
                created_at, updated_at, number)
             values ($1, $2, $3, 'new', $4, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $17)",
        )
        .bind(&rid)
        .bind(org.to_string())
        .bind(channel)
        .bind(i64::from(input.in_danger_now))
        .bind(&input.language)
        .bind(s("narrative", Some(&input.narrative)))
        .bind(s("location", input.location.as_deref()))
        .bind(s("happened", input.when.as_deref()))
        .bind(s("people", input.people.as_deref()))
        .bind(s("identifiers", ids_json.as_deref()))
        .bind(s("contact", input.contact.as_deref()))
        .bind(s("contact_safety", input.contact_safety.as_deref()))
        .bind(input.safe_to_contact.map(i64::from))
        .bind(receipt_hash)
        .bind(created_by)
        .bind(&now)
        .bind(&number)
        .execute(tx.conn()?)
        .await?;
        let ids = identifiers_of(input, region);
        for (i, source) in &ids {
            sqlx::query(
                "insert into report_identifiers (report_id, org_id, kind, digest, source) values ($1, $2, $3, $4, $5)
                 on conflict do nothing",
            )
            .bind(&rid)
            .bind(org.to_string())
            .bind(i.kind.as_str())
            .bind(self.ring().blind_index(i.kind.as_str(), &i.normal))
            .bind(*source)
            .execute(tx.conn()?)
            .await?;
        }
        Ok(ids.len())
    }

    /// The key of a report, for a sealed value written with it.
    pub(crate) async fn report_key(
        &self,
        rid: &str,
        sealed: &[u8],
    ) -> Result<Option<DataKey>, StoreError> {
        let version = key_version_of(sealed).ok_or(StoreError::Crypto("report field header"))?;
        self.keys()
            .get(self.ring(), OwnerKind::Report, rid, version)
            .await
    }

    /// The digest under which an identifier of `kind` is indexed for reports.
    pub(crate) fn report_digest(&self, i: &Identifier) -> String {
        self.ring().blind_index(i.kind.as_str(), &i.normal)
    }
}

/// Opens one sealed report column.
pub(crate) fn open_text(
    key: Option<&DataKey>,
    column: &str,
    rid: &str,
    sealed: Option<&[u8]>,
) -> Option<String> {
    let plain = open_field(
        key?,
        FieldRef {
            table: "reports",
            column,
            row: rid,
        },
        sealed?,
    )?;
    String::from_utf8(plain.to_vec()).ok()
}
