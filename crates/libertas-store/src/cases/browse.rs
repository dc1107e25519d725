//! The list of my cases, one page at a time: filtered by status, owner and number, sorted,
//! counted.
//!
//! Titles are sealed under each case's key, so the list cannot be searched by title; it is
//! searched by the short number instead, and only the page shown is decrypted. Access is the
//! same as everywhere in cases: only cases the caller is a member of, in the caller's
//! organisation. The listing is audited as one `case.list` event with the filter and count.

use super::{require_case_work, CaseView, CASE_SELECT};
use crate::audit::AuditEvent;
use crate::filter::Where;
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

/// Up to this many cases, the page is found by joining the caller's memberships and sorting
/// them (cheap for a caseworker's caseload of a few thousand, whatever the organisation's
/// size). Above it the cases are read in the list's order from an index and each is checked
/// for membership, which stops at the page instead of sorting the whole caseload.
const SORT_IN_MEMORY: i64 = 2_000;

impl CaseSort {
    fn order_by_reversed(self) -> &'static str {
        match self {
            CaseSort::Updated => "c.updated_at, c.id",
            CaseSort::Created => "c.created_at, c.id",
            CaseSort::Number => "c.number desc, c.id desc",
        }
    }
}

/// The cases of `p` that `f` asks for: the `from` and `where` of the list and its count, with
/// the values bound by the returned [`Where`]. Membership is written as a join (the database
/// starts from the caller's memberships) or, when `from_cases`, as `exists` (it starts from
/// the cases, in the order of an index).
fn filter(p: &Principal, f: &CaseBrowse, from_cases: bool) -> (String, Where) {
    let mut w = Where::default();
    w.bind("c.org_id = ?", p.org_id.to_string());
    if let Some(s) = f.status {
        w.bind("c.status = ?", s.as_str());
    }
    if f.owned {
        w.bind("c.owner_id = ?", p.user_id.to_string());
    }
    if let Some(n) = &f.number {
        // The lower bound lets the database start at the prefix in the number index (a
        // `like` alone cannot, under every collation); the `like` ends the match.
        let prefix = n.replace(['%', '_', '\\'], "");
        w.bind("c.number >= ?", prefix.clone());
        w.bind("c.number like ?", format!("{prefix}%"));
    }
    let user = p.user_id.to_string();
    if from_cases {
        w.bind(
            "exists (select 1 from case_members m where m.case_id = c.id and m.user_id = ?)",
            user,
        );
        (format!("where {}", w.sql()), w)
    } else {
        w.bind("m.user_id = ?", user);
        (
            format!("join case_members m on m.case_id = c.id where {}", w.sql()),
            w,
        )
    }
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
        // A number (or its start) is found from the number index, then checked for
        // membership; without one, the caller's memberships are counted.
        let by_number = f.number.is_some();
        let (tail, w) = filter(p, f, by_number);
        let count_sql = format!("select count(*) from cases c {tail}");
        let total: i64 = w.scalar(&count_sql).fetch_one(self.pool()).await?;
        let page = f.page.max(0);
        let cases = if page * CASE_PAGE_SIZE >= total {
            vec![]
        } else {
            let large = total > SORT_IN_MEMORY;
            let from_index = large || by_number;
            // A page in the second half of a large list is read from the end, in the
            // reverse order, so the last page costs what the first does.
            let from_end = large && page * CASE_PAGE_SIZE * 2 > total;
            let on_page = CASE_PAGE_SIZE.min(total - page * CASE_PAGE_SIZE);
            let (order, offset) = if from_end {
                (
                    f.sort.order_by_reversed(),
                    total - page * CASE_PAGE_SIZE - on_page,
                )
            } else {
                (f.sort.order_by(), page * CASE_PAGE_SIZE)
            };
            let (tail, w) = filter(p, f, from_index);
            let sql =
                format!("{CASE_SELECT} {tail} order by {order} limit {on_page} offset {offset}");
            let rows = w.query(&sql).fetch_all(self.pool()).await?;
            let mut cases = self.cases_from_rows(&rows).await?;
            if from_end {
                cases.reverse();
            }
            cases
        };
        let status = f.status.map(|s| s.as_str().to_owned());
        self.record(
            p.into(),
            vec![
                AuditEvent::new("case.list", "case", None, reason).detail(serde_json::json!({
                    "count": cases.len(),
                    "total": total,
                    "page": page,
                    "status": status,
                    "owned": f.owned,
                    "number": f.number.is_some(),
                })),
            ],
        )
        .await?;
        Ok(CaseList { cases, total })
    }

    /// Every case of `p`'s list (no filter, the list's default order), for an export: the
    /// same rows [`Store::browse_cases`] shows page by page. Titles are opened `BATCH` cases
    /// at a time; `progress(done, total)` follows. Not audited here: the export records one
    /// event for the file.
    pub(crate) async fn all_cases(
        &self,
        p: &Principal,
        progress: &(dyn Fn(u64, u64) + Send + Sync),
    ) -> Result<Vec<CaseView>, StoreError> {
        require_case_work(p)?;
        let f = CaseBrowse::default();
        let (tail, w) = filter(p, &f, false);
        let sql = format!("{CASE_SELECT} {tail} order by {}", f.sort.order_by());
        let rows = w.query(&sql).fetch_all(self.pool()).await?;
        let total = rows.len() as u64;
        progress(0, total);
        let mut cases = Vec::with_capacity(rows.len());
        for batch in rows.chunks(crate::exports::BATCH) {
            cases.extend(self.cases_from_rows(batch).await?);
            progress(cases.len() as u64, total);
        }
        Ok(cases)
    }
}
