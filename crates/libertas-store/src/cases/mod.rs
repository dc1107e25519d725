//! Cases, their members and notes.
//!
//! Every method takes the acting [`Principal`] and enforces, in order: the role may work cases
//! at all (else `Forbidden`), the case belongs to the caller's organisation and the caller is a
//! member (else `NotFound`, exactly as if the case did not exist).

mod browse;
mod decisions;
mod members;
mod notes;
mod notifications;
pub mod numbers;
mod operations;
pub(crate) mod page_keys;
mod partners;
mod referral_export;
mod referral_reads;
mod referrals;
mod task_list;
mod tasks;
mod workflow;

pub use browse::{CaseBrowse, CaseList, CaseSort, CASE_PAGE_SIZE};
pub use decisions::{DecisionView, VictimRef};
pub use members::MemberView;
pub use notes::NoteView;
pub use notifications::NotificationView;
pub use operations::{OperationView, RescuedPerson};
pub use partners::{PartnerFilter, PartnerView};

/// Opens a sealed free-text column of a partner (for features that list referrals).
pub(crate) fn partner_text(
    store: &Store,
    partner_id: &str,
    column: &str,
    sealed: Option<Vec<u8>>,
) -> Result<String, StoreError> {
    partners::open(store.ring(), partner_id, column, sealed)
}
pub use referral_reads::INCOMING_PAGE_SIZE;
pub use referrals::ReferralView;
pub use task_list::{TaskBrowse, TaskDue, TaskGroup, TaskItem, TaskList, TASK_PAGE_SIZE};
pub use tasks::{TaskFilter, TaskView};
pub use workflow::TeamMember;

use crate::audit::AuditEvent;
use crate::crypto::{open_field, seal_field, FieldRef};
use crate::keystore::OwnerKind;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::{Capability, Principal};
use libertas_domain::cases::{CaseStatus, CaseTitle};
use libertas_domain::ids::{CaseId, OrgId, UserId};
use serde::Serialize;
use sqlx::FromRow;
use uuid::Uuid;

/// A case as its members see it.
#[derive(Clone, Debug, Serialize)]
pub struct CaseView {
    pub id: CaseId,
    /// The short human id, `C-2026-00123`.
    pub number: String,
    pub org_id: OrgId,
    pub title: String,
    pub status: CaseStatus,
    /// Why the case was closed (a `ClosureReason` code); `None` while it is open.
    pub closure_reason: Option<String>,
    pub owner_id: UserId,
    pub owner: String,
    pub created_at: String,
    pub updated_at: String,
}

pub(crate) fn require_case_work(p: &Principal) -> Result<(), StoreError> {
    if p.can(Capability::WorkCases) {
        Ok(())
    } else {
        Err(StoreError::Forbidden)
    }
}

const CASE_SELECT: &str =
    "select c.id, c.number, c.org_id, c.title, c.status, c.owner_id, u.username, c.created_at, c.updated_at,
     c.closure_reason from cases c join users u on u.id = c.owner_id";

/// A row of [`CASE_SELECT`], title sealed.
#[derive(FromRow)]
struct CaseRow {
    id: String,
    number: Option<String>,
    org_id: String,
    title: Vec<u8>,
    status: String,
    owner_id: String,
    username: String,
    created_at: String,
    updated_at: String,
    closure_reason: Option<String>,
}

impl Store {
    /// Opens a case; the creator becomes its owner and first member.
    pub async fn create_case(
        &self,
        p: &Principal,
        title: &CaseTitle,
        reason: &str,
    ) -> Result<CaseView, StoreError> {
        require_case_work(p)?;
        let id = CaseId::from_uuid(Uuid::now_v7());
        let sid = id.to_string();
        let key = self
            .keys()
            .create(self.ring(), OwnerKind::Case, &sid)
            .await?;
        let sealed = seal_field(
            &key,
            1,
            FieldRef {
                table: "cases",
                column: "title",
                row: &sid,
            },
            title.as_str().as_bytes(),
        );
        let now = clock::now_text();
        let mut tx = self.write(p.into()).await?;
        let number = crate::numbers::next_number(
            tx.conn()?,
            &p.org_id.to_string(),
            crate::numbers::NumberKind::Case,
            &now,
        )
        .await?;
        sqlx::query(
            "insert into cases (id, number, org_id, title, status, owner_id, created_at, updated_at)
             values ($1, $7, $2, $3, $4, $5, $6, $6)",
        )
        .bind(&sid)
        .bind(p.org_id.to_string())
        .bind(sealed)
        .bind(CaseStatus::Active.as_str())
        .bind(p.user_id.to_string())
        .bind(&now)
        .bind(&number)
        .execute(tx.conn()?)
        .await?;
        sqlx::query(
            "insert into case_members (case_id, user_id, added_at, added_by, case_status)
             values ($1, $2, $3, $2, $4)",
        )
        .bind(&sid)
        .bind(p.user_id.to_string())
        .bind(&now)
        .bind(CaseStatus::Active.as_str())
        .execute(tx.conn()?)
        .await?;
        tx.audit(AuditEvent::new(
            "case.create",
            "case",
            Some(sid.clone()),
            reason,
        ))
        .await?;
        tx.commit().await?;
        Ok(CaseView {
            id,
            number,
            org_id: p.org_id,
            title: title.as_str().to_owned(),
            status: CaseStatus::Active,
            closure_reason: None,
            owner_id: p.user_id,
            owner: p.username.clone(),
            created_at: now.clone(),
            updated_at: now,
        })
    }

    /// Checks that `p` may see `case` (role, organisation, membership). `NotFound` otherwise.
    pub(crate) async fn check_member(&self, p: &Principal, case: CaseId) -> Result<(), StoreError> {
        require_case_work(p)?;
        let row = sqlx::query(
            "select 1 from cases c join case_members m on m.case_id = c.id
             where c.id = $1 and c.org_id = $2 and m.user_id = $3",
        )
        .bind(case.to_string())
        .bind(p.org_id.to_string())
        .bind(p.user_id.to_string())
        .fetch_optional(self.pool())
        .await?;
        row.map(|_| ()).ok_or(StoreError::NotFound)
    }

    /// One case, title decrypted; the read is audited before it is returned.
    pub async fn get_case(
        &self,
        p: &Principal,
        id: CaseId,
        reason: &str,
    ) -> Result<CaseView, StoreError> {
        self.check_member(p, id).await?;
        let view = self.load_case(id).await?;
        self.record(
            p.into(),
            vec![AuditEvent::new(
                "case.read",
                "case",
                Some(id.to_string()),
                reason,
            )],
        )
        .await?;
        Ok(view)
    }

    /// One case as stored, for callers that have checked access and audit themselves.
    pub(crate) async fn load_case(&self, id: CaseId) -> Result<CaseView, StoreError> {
        let sql = format!("{CASE_SELECT} where c.id = $1");
        let row = sqlx::query(&sql)
            .bind(id.to_string())
            .fetch_one(self.pool())
            .await?;
        self.case_from_row(&row).await
    }

    /// The name of an organisation, shown on views built straight from a write.
    pub(crate) async fn org_name(&self, org: OrgId) -> Result<String, StoreError> {
        Ok(
            sqlx::query_scalar("select name from organisations where id = $1")
                .bind(org.to_string())
                .fetch_one(self.pool())
                .await?,
        )
    }

    /// The cases `p` is a member of, newest first; one audit event for the listing.
    pub async fn my_cases(&self, p: &Principal, reason: &str) -> Result<Vec<CaseView>, StoreError> {
        require_case_work(p)?;
        let sql = format!(
            "{CASE_SELECT} join case_members m on m.case_id = c.id
             where m.user_id = $1 and c.org_id = $2 order by c.created_at desc"
        );
        let rows = sqlx::query(&sql)
            .bind(p.user_id.to_string())
            .bind(p.org_id.to_string())
            .fetch_all(self.pool())
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            out.push(self.case_from_row(r).await?);
        }
        self.record(
            p.into(),
            vec![AuditEvent::new("case.list", "case", None, reason)
                .detail(serde_json::json!({ "count": out.len() }))],
        )
        .await?;
        Ok(out)
    }

    async fn case_from_row(&self, r: &sqlx::any::AnyRow) -> Result<CaseView, StoreError> {
        let bad = |w: &str| StoreError::Internal(format!("bad case {w}"));
        let r = CaseRow::from_row(r)?;
        let id = r.id;
        let title = self
            .open_case_field(&id, "cases", "title", &id, &r.title)
            .await?;
        let (status, org, owner) = (r.status, r.org_id, r.owner_id);
        Ok(CaseView {
            id: id.parse().map_err(|_| bad("id"))?,
            number: r.number.unwrap_or_default(),
            org_id: org.parse().map_err(|_| bad("org"))?,
            title: title.unwrap_or_default(),
            status: CaseStatus::parse(&status).map_err(|_| bad("status"))?,
            closure_reason: r.closure_reason,
            owner_id: owner.parse().map_err(|_| bad("owner"))?,
            owner: r.username,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }

    /// [`Store::case_from_row`] for a page of rows, with the cases' keys read in one query.
    pub(crate) async fn cases_from_rows(
        &self,
        rows: &[sqlx::any::AnyRow],
    ) -> Result<Vec<CaseView>, StoreError> {
        let bad = |w: &str| StoreError::Internal(format!("bad case {w}"));
        let rows = rows
            .iter()
            .map(CaseRow::from_row)
            .collect::<Result<Vec<_>, _>>()?;
        let versions = rows
            .iter()
            .map(|r| {
                crate::crypto::key_version_of(&r.title)
                    .ok_or(StoreError::Crypto("case field header"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let wanted: Vec<(&str, u32)> = rows
            .iter()
            .zip(&versions)
            .map(|(r, v)| (r.id.as_str(), *v))
            .collect();
        let keys = self
            .keys()
            .get_many(self.ring(), OwnerKind::Case, &wanted)
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for (r, version) in rows.into_iter().zip(versions) {
            let title = match keys.get(&(r.id.clone(), version)) {
                None => None,
                Some(key) => {
                    let at = FieldRef {
                        table: "cases",
                        column: "title",
                        row: &r.id,
                    };
                    let plain =
                        open_field(key, at, &r.title).ok_or(StoreError::Crypto("case field"))?;
                    Some(
                        String::from_utf8(plain.to_vec())
                            .map_err(|_| StoreError::Crypto("case field utf-8"))?,
                    )
                }
            };
            out.push(CaseView {
                id: r.id.parse().map_err(|_| bad("id"))?,
                number: r.number.unwrap_or_default(),
                org_id: r.org_id.parse().map_err(|_| bad("org"))?,
                title: title.unwrap_or_default(),
                status: CaseStatus::parse(&r.status).map_err(|_| bad("status"))?,
                closure_reason: r.closure_reason,
                owner_id: r.owner_id.parse().map_err(|_| bad("owner"))?,
                owner: r.username,
                created_at: r.created_at,
                updated_at: r.updated_at,
            });
        }
        Ok(out)
    }

    /// Opens a value sealed under a case's key. `None` if the key was destroyed.
    pub(crate) async fn open_case_field(
        &self,
        case_id: &str,
        table: &str,
        column: &str,
        row: &str,
        sealed: &[u8],
    ) -> Result<Option<String>, StoreError> {
        let version =
            crate::crypto::key_version_of(sealed).ok_or(StoreError::Crypto("case field header"))?;
        let Some(key) = self
            .keys()
            .get(self.ring(), OwnerKind::Case, case_id, version)
            .await?
        else {
            return Ok(None);
        };
        let plain = open_field(&key, FieldRef { table, column, row }, sealed)
            .ok_or(StoreError::Crypto("case field"))?;
        String::from_utf8(plain.to_vec())
            .map(Some)
            .map_err(|_| StoreError::Crypto("case field utf-8"))
    }
}
