//! Short human ids: `C-2026-00123` for cases, `R-2026-00042` for reports, counted per
//! organisation, kind and year in `id_counters` (migrations 0017, 0018). People read them aloud
//! on the phone and write them on paper files and call sheets; the UUID stays the id of the
//! API and of every link. The lookups by number stay with their records (`cases::numbers`,
//! `reports::numbers`), because each decides its own access.

use crate::audit::{Actor, AuditEvent};
use crate::{Store, StoreError};
use sqlx::AnyConnection;

/// What is numbered: the letter of its numbers, its table and how its numbering is audited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberKind {
    Case,
    Report,
}

impl NumberKind {
    /// The letter in front of the number.
    pub const fn letter(self) -> &'static str {
        match self {
            NumberKind::Case => "C",
            NumberKind::Report => "R",
        }
    }

    /// `C-2026-00123`: the letter, the year, the count (at least five digits).
    pub fn format(self, year: i32, n: i64) -> String {
        format!("{}-{year}-{n:05}", self.letter())
    }

    /// Whether `raw` is written as a number of this kind (any case, blanks around), in its
    /// stored form (upper case, no blanks around).
    pub fn parse(self, raw: &str) -> Option<String> {
        let raw = raw.trim().to_ascii_uppercase();
        let mut parts = raw.split('-');
        let (letter, year, n) = (parts.next()?, parts.next()?, parts.next()?);
        let ok = letter == self.letter()
            && parts.next().is_none()
            && year.len() == 4
            && year.bytes().all(|b| b.is_ascii_digit())
            && n.len() >= 5
            && n.len() <= 12
            && n.bytes().all(|b| b.is_ascii_digit());
        ok.then_some(raw)
    }

    /// The table, the audit action and object, and the reason of numbering old records.
    fn numbering(self) -> (&'static str, &'static str, &'static str, &'static str) {
        match self {
            NumberKind::Case => (
                "cases",
                "case.number",
                "case",
                "numbered the cases opened before short case numbers existed",
            ),
            NumberKind::Report => (
                "reports",
                "report.number",
                "report",
                "numbered the reports received before short report numbers existed",
            ),
        }
    }
}

/// Takes the next number of `kind` for `org` in the year of `stored_now` (a stored
/// timestamp), inside the caller's write transaction.
pub(crate) async fn next_number(
    conn: &mut AnyConnection,
    org: &str,
    kind: NumberKind,
    stored_now: &str,
) -> Result<String, StoreError> {
    let year = year_of(stored_now);
    let n: i64 = sqlx::query_scalar(
        "insert into id_counters (org_id, kind, year, last) values ($1, $2, $3, 1)
         on conflict (org_id, kind, year) do update set last = id_counters.last + 1
         returning last",
    )
    .bind(org)
    .bind(kind.letter())
    .bind(year)
    .fetch_one(conn)
    .await?;
    Ok(kind.format(year, n))
}

/// The year of a stored timestamp (`2026-…`).
fn year_of(stored: &str) -> i32 {
    stored
        .get(0..4)
        .and_then(|y| y.parse().ok())
        .unwrap_or(1970)
}

impl Store {
    /// Numbers the records of `kind` stored before numbers existed, oldest first, in one
    /// audited transaction; returns how many. A start with nothing to number takes no write
    /// lock.
    pub async fn number_old(&self, kind: NumberKind) -> Result<u64, StoreError> {
        let (table, action, object, reason) = kind.numbering();
        let pending: Vec<(String, String, String)> = sqlx::query_as(&format!(
            "select id, org_id, created_at from {table} where number is null
             order by created_at, id"
        ))
        .fetch_all(self.pool())
        .await?;
        if pending.is_empty() {
            return Ok(0);
        }
        let mut tx = self.write(Actor::system()).await?;
        let update = format!("update {table} set number = $1 where id = $2 and number is null");
        for (id, org, created_at) in &pending {
            let number = next_number(tx.conn()?, org, kind, created_at).await?;
            sqlx::query(&update)
                .bind(&number)
                .bind(id)
                .execute(tx.conn()?)
                .await?;
        }
        tx.audit(
            AuditEvent::new(action, object, None, reason)
                .detail(serde_json::json!({ table: pending.len() })),
        )
        .await?;
        tx.commit().await?;
        Ok(pending.len() as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::NumberKind;

    #[test]
    fn numbers_read_and_write() {
        assert_eq!(NumberKind::Case.format(2026, 123), "C-2026-00123");
        assert_eq!(NumberKind::Case.format(2026, 1_234_567), "C-2026-1234567");
        assert_eq!(
            NumberKind::Case.parse(" c-2026-00123 ").as_deref(),
            Some("C-2026-00123")
        );
        assert_eq!(
            NumberKind::Report.parse(" r-2026-00042 ").as_deref(),
            Some("R-2026-00042")
        );
        for bad in [
            "C-2026-123",
            "R-2026-00123",
            "C-26-00123",
            "C-2026-00123-1",
            "C-2026-0012x",
            "C-2026",
            "",
        ] {
            assert_eq!(NumberKind::Case.parse(bad), None, "{bad}");
        }
        assert_eq!(NumberKind::Report.parse("C-2026-00042"), None);
    }
}
