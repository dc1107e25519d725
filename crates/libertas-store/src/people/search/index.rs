//! Writing the search index: with every new person, and at start-up for people indexed under an
//! older version of the normal forms (or before the index existed).
//!
//! Re-indexing at start-up rather than by a separate command keeps the index complete without an
//! operator step: after an upgrade or a restore of an older backup the first start brings every
//! person up to date. It runs in batches, each one transaction with its audit event, and is
//! idempotent, so several web nodes starting at once or a crash half-way do no harm.

use super::super::read::PERSON_COLUMNS;
use crate::audit::{Actor, AuditEvent};
use crate::tx::WriteTx;
use crate::{clock, Store, StoreError};
use libertas_domain::ids::OrgId;
use libertas_domain::people::search::{person_terms, INDEX_VERSION};
use sqlx::Row as _;

/// People re-indexed per transaction.
const BATCH: i64 = 200;

impl Store {
    /// Replaces the search-index rows of one person, in the caller's transaction.
    pub(crate) async fn write_search_terms(
        &self,
        tx: &mut WriteTx<'_>,
        org: &str,
        person: &str,
        names: Option<(&str, &str)>,
        birth_date: Option<&str>,
    ) -> Result<(), StoreError> {
        sqlx::query("delete from search_index where person_id = $1")
            .bind(person)
            .execute(tx.conn()?)
            .await?;
        if let Some((given, family)) = names {
            for (kind, value) in person_terms(given, family, birth_date) {
                sqlx::query(
                    "insert into search_index (person_id, org_id, kind, digest) values ($1, $2, $3, $4)
                     on conflict do nothing",
                )
                .bind(person)
                .bind(org)
                .bind(kind)
                .bind(self.ring().search_index(kind, &value))
                .execute(tx.conn()?)
                .await?;
            }
        }
        sqlx::query(
            "insert into search_index_state (person_id, version, indexed_at) values ($1, $2, $3)
             on conflict (person_id) do update set version = excluded.version, indexed_at = excluded.indexed_at",
        )
        .bind(person)
        .bind(INDEX_VERSION)
        .bind(clock::now_text())
        .execute(tx.conn()?)
        .await?;
        Ok(())
    }

    /// Indexes every person not yet indexed under [`INDEX_VERSION`]; returns how many.
    pub async fn reindex_search(&self) -> Result<u64, StoreError> {
        let sql = format!(
            "select {PERSON_COLUMNS}, p.org_id from persons p
             left join search_index_state s on s.person_id = p.id
             where p.erased_at is null and (s.version is null or s.version < $1)
             order by p.id limit $2"
        );
        let mut total = 0u64;
        loop {
            let rows = sqlx::query(&sql)
                .bind(INDEX_VERSION)
                .bind(BATCH)
                .fetch_all(self.pool())
                .await?;
            if rows.is_empty() {
                return Ok(total);
            }
            let mut tx = self.write(Actor::system()).await?;
            for r in &rows {
                let view = self.person_from_row(r).await?;
                let org: String = r.try_get("org_id")?;
                let org: OrgId = org
                    .parse()
                    .map_err(|_| StoreError::Internal("bad org id".into()))?;
                let names = view.given_name.as_deref().zip(view.family_name.as_deref());
                self.write_search_terms(
                    &mut tx,
                    &org.to_string(),
                    &view.id.to_string(),
                    names,
                    view.birth_date.as_deref(),
                )
                .await?;
            }
            tx.audit(
                AuditEvent::new(
                    "search.reindex",
                    "person",
                    None,
                    "search index built for people indexed under an older version",
                )
                .detail(serde_json::json!({ "people": rows.len(), "version": INDEX_VERSION })),
            )
            .await?;
            tx.commit().await?;
            total += rows.len() as u64;
        }
    }
}
