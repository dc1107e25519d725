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

/// The `where` clauses of a filter and their values, in placeholder order (`$1`…). Only the
/// filters in use are written, so the database can use an index for each of them.
struct Filter {
    clauses: Vec<String>,
    values: Vec<String>,
}

impl Filter {
    fn new(p: &Principal, f: &CaseBrowse) -> Filter {
        let mut out = Filter {
            clauses: vec![],
            values: vec![],
        };
        out.push("c.org_id", p.org_id.to_string(), "=");
        if let Some(s) = f.status {
            out.push("c.status", s.as_str().to_owned(), "=");
        }
        if f.owned {
            out.push("c.owner_id", p.user_id.to_string(), "=");
        }
        if let Some(n) = &f.number {
            // The lower bound lets the database start at the prefix in the number index (a
            // `like` alone cannot, under every collation); the `like` ends the match.
            let prefix = n.replace(['%', '_', '\\'], "");
            out.push("c.number", prefix.clone(), ">=");
            out.push("c.number", format!("{prefix}%"), "like");
        }
        out
    }

    fn push(&mut self, column: &str, value: String, op: &str) {
        self.values.push(value);
        self.clauses
            .push(format!("{column} {op} ${}", self.values.len()));
    }

    /// The clauses with the membership of `user` bound as the last placeholder, either as a
    /// join (the database starts from the memberships) or as `exists` (it starts from the
    /// cases, in index order).
    fn sql(&self, exists: bool) -> String {
        let user = self.values.len() + 1;
        let clauses = self.clauses.join(" and ");
        if exists {
            format!(
                "where {clauses} and exists (select 1 from case_members m
                 where m.case_id = c.id and m.user_id = ${user})"
            )
        } else {
            format!(
                "join case_members m on m.case_id = c.id where {clauses} and m.user_id = ${user}"
            )
        }
    }

    fn bind<'q>(
        &'q self,
        sql: &'q str,
        user: &'q str,
    ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
        let mut q = sqlx::query(sql);
        for v in &self.values {
            q = q.bind(v.as_str());
        }
        q.bind(user)
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
        let filter = Filter::new(p, f);
        let user = p.user_id.to_string();
        // A number (or its start) is found from the number index, then checked for
        // membership; without one, the caller's memberships are counted.
        let by_number = f.number.is_some();
        let count_sql = format!("select count(*) from cases c {}", filter.sql(by_number));
        let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
        for v in &filter.values {
            count = count.bind(v.as_str());
        }
        let total = count.bind(user.as_str()).fetch_one(self.pool()).await?;
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
            let sql = format!(
                "{CASE_SELECT} {} order by {order} limit {on_page} offset {offset}",
                filter.sql(from_index)
            );
            let rows = filter.bind(&sql, &user).fetch_all(self.pool()).await?;
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
}
