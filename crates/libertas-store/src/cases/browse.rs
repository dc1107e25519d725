//! The list of my cases, one page at a time: filtered by status, owner and number, sorted,
//! counted.
//!
//! Titles are sealed under each case's key, so the list cannot be searched by title; it is
//! searched by the short number instead, and only the page shown is decrypted. Access is the
//! same as everywhere in cases: only cases the caller is a member of, in the caller's
//! organisation. The listing is audited as one `case.list` event with the filter and count.

use super::{require_case_work, CaseView, CASE_SELECT};
use crate::audit::AuditEvent;
use crate::{Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::cases::CaseStatus;

/// Cases on one page of the list.
pub const CASE_PAGE_SIZE: i64 = 50;

/// The order of the list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CaseSort {
    /// Most recently changed first (the default).
    #[default]
    Updated,
    /// Newest first.
    Created,
    /// By number, lowest first (oldest numbers of a year first).
    Number,
}

impl CaseSort {
    pub const ALL: [CaseSort; 3] = [CaseSort::Updated, CaseSort::Created, CaseSort::Number];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseSort::Updated => "updated",
            CaseSort::Created => "created",
            CaseSort::Number => "number",
        }
    }

    fn order_by(self) -> &'static str {
        match self {
            CaseSort::Updated => "c.updated_at desc, c.id desc",
            CaseSort::Created => "c.created_at desc, c.id desc",
            CaseSort::Number => "c.number, c.id",
        }
    }
}

/// What to list. The default lists every case of mine, most recently changed first.
#[derive(Clone, Debug, Default)]
pub struct CaseBrowse {
    pub status: Option<CaseStatus>,
    /// Only cases I own (else every case I am a member of).
    pub owned: bool,
    /// A number or the start of one, already upper-cased (`C-2026-001` finds `C-2026-00123`).
    pub number: Option<String>,
    pub sort: CaseSort,
    /// The page, from 0.
    pub page: i64,
}

/// One page of the list.
#[derive(Clone, Debug)]
pub struct CaseList {
    pub cases: Vec<CaseView>,
    /// How many cases match the filter (all pages).
    pub total: i64,
}

impl Store {
    /// One page of the cases `p` is a member of that match `f`. Audited as `case.list`.
    pub async fn browse_cases(
        &self,
        p: &Principal,
        f: &CaseBrowse,
        reason: &str,
    ) -> Result<CaseList, StoreError> {
        require_case_work(p)?;
        // Fixed placeholders: $1 user, $2 org, $3 status, $4 owner, $5 number prefix; an
        // unused filter is bound to null and its clause is always true.
        let filter = "join case_members m on m.case_id = c.id
             where m.user_id = $1 and c.org_id = $2
             and ($3 is null or c.status = $3)
             and ($4 is null or c.owner_id = $4)
             and ($5 is null or c.number like $5)";
        let status = f.status.map(|s| s.as_str().to_owned());
        let owner = f.owned.then(|| p.user_id.to_string());
        let number = f
            .number
            .as_ref()
            .map(|n| format!("{}%", n.replace(['%', '_', '\\'], "")));
        let count_sql = format!("select count(*) from cases c {filter}");
        let total: i64 = sqlx::query_scalar(&count_sql)
            .bind(p.user_id.to_string())
            .bind(p.org_id.to_string())
            .bind(status.clone())
            .bind(owner.clone())
            .bind(number.clone())
            .fetch_one(self.pool())
            .await?;
        let page = f.page.max(0);
        let sql = format!(
            "{CASE_SELECT} {filter} order by {} limit {CASE_PAGE_SIZE} offset {}",
            f.sort.order_by(),
            page * CASE_PAGE_SIZE
        );
        let rows = sqlx::query(&sql)
            .bind(p.user_id.to_string())
            .bind(p.org_id.to_string())
            .bind(status.clone())
            .bind(owner)
            .bind(number.clone())
            .fetch_all(self.pool())
            .await?;
        let cases = self.cases_from_rows(&rows).await?;
        self.record(
            p.into(),
            vec![
                AuditEvent::new("case.list", "case", None, reason).detail(serde_json::json!({
                    "count": cases.len(),
                    "total": total,
                    "page": page,
                    "status": status,
                    "owned": f.owned,
                    "number": number.is_some(),
                })),
            ],
        )
        .await?;
        Ok(CaseList { cases, total })
    }
}
