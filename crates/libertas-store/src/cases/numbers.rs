//! Short human ids for cases: `C-2026-00123`, counted per organisation and year (migration
//! 0017). People read them aloud on the phone and write them on paper files; the UUID stays
//! the id of the API and of every link.

use crate::audit::{Actor, AuditEvent};
use crate::{Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::ids::CaseId;
use sqlx::AnyConnection;

/// `C-2026-00123`: the kind's letter, the year, the count (at least five digits).
pub fn format_number(kind: &str, year: i32, n: i64) -> String {
    format!("{kind}-{year}-{n:05}")
}

/// Whether `raw` is written as a case number (`C-2026-00123`, any case, blanks around).
pub fn parse_case_number(raw: &str) -> Option<String> {
    parse_number("C", raw)
}

/// Whether `raw` is written as a number of `kind` (`C` cases, `R` reports), in its stored
/// form (upper case, no blanks around).
pub fn parse_number(kind: &str, raw: &str) -> Option<String> {
    let raw = raw.trim().to_ascii_uppercase();
    let mut parts = raw.split('-');
    let (letter, year, n) = (parts.next()?, parts.next()?, parts.next()?);
    let ok = letter == kind
        && parts.next().is_none()
        && year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
        && n.len() >= 5
        && n.len() <= 12
        && n.bytes().all(|b| b.is_ascii_digit());
    ok.then_some(raw)
}

/// Takes the next number of `kind` for `org` in `year`, inside the caller's write transaction.
pub(crate) async fn next_number(
    conn: &mut AnyConnection,
    org: &str,
    kind: &str,
    year: i32,
) -> Result<String, StoreError> {
    let n: i64 = sqlx::query_scalar(
        "insert into id_counters (org_id, kind, year, last) values ($1, $2, $3, 1)
         on conflict (org_id, kind, year) do update set last = id_counters.last + 1
         returning last",
    )
    .bind(org)
    .bind(kind)
    .bind(year)
    .fetch_one(conn)
    .await?;
    Ok(format_number(kind, year, n))
}

/// The year of a stored timestamp (`2026-…`).
pub(crate) fn year_of(stored: &str) -> i32 {
    stored
        .get(0..4)
        .and_then(|y| y.parse().ok())
        .unwrap_or(1970)
}

impl Store {
    /// Numbers the cases opened before migration 0017, oldest first, in one audited
    /// transaction; returns how many. A start with nothing to number takes no write lock.
    pub async fn number_old_cases(&self) -> Result<u64, StoreError> {
        let pending: Vec<(String, String, String)> = sqlx::query_as(
            "select id, org_id, created_at from cases where number is null
             order by created_at, id",
        )
        .fetch_all(self.pool())
        .await?;
        if pending.is_empty() {
            return Ok(0);
        }
        let mut tx = self.write(Actor::system()).await?;
        for (id, org, created_at) in &pending {
            let number = next_number(tx.conn()?, org, "C", year_of(created_at)).await?;
            sqlx::query("update cases set number = $1 where id = $2 and number is null")
                .bind(&number)
                .bind(id)
                .execute(tx.conn()?)
                .await?;
        }
        tx.audit(
            AuditEvent::new(
                "case.number",
                "case",
                None,
                "numbered the cases opened before short case numbers existed",
            )
            .detail(serde_json::json!({ "cases": pending.len() })),
        )
        .await?;
        tx.commit().await?;
        Ok(pending.len() as u64)
    }

    /// The case with this number (`C-2026-00123`) in the caller's organisation, if the caller is
    /// one of its members; `NotFound` otherwise, also for a number that is not written as one.
    pub async fn case_by_number(&self, p: &Principal, raw: &str) -> Result<CaseId, StoreError> {
        super::require_case_work(p)?;
        let number = parse_case_number(raw).ok_or(StoreError::NotFound)?;
        let id: Option<String> = sqlx::query_scalar(
            "select c.id from cases c join case_members m on m.case_id = c.id
             where c.org_id = $1 and c.number = $2 and m.user_id = $3",
        )
        .bind(p.org_id.to_string())
        .bind(&number)
        .bind(p.user_id.to_string())
        .fetch_optional(self.pool())
        .await?;
        id.and_then(|id| id.parse().ok())
            .ok_or(StoreError::NotFound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_and_write() {
        assert_eq!(format_number("C", 2026, 123), "C-2026-00123");
        assert_eq!(format_number("C", 2026, 1_234_567), "C-2026-1234567");
        assert_eq!(
            parse_case_number(" c-2026-00123 ").as_deref(),
            Some("C-2026-00123")
        );
        for bad in [
            "C-2026-123",
            "R-2026-00123",
            "C-26-00123",
            "C-2026-00123-1",
            "C-2026-0012x",
            "",
        ] {
            assert_eq!(parse_case_number(bad), None, "{bad}");
        }
    }
}
