//! Sealing free text written before migration 0014.
//!
//! Migration 0014 renamed each plain free-text column that can name a person or place a
//! survivor to `<column>_legacy` and added a sealed column under the old name. SQL cannot
//! encrypt, so this start-up step does the rest: for every row whose sealed column is still
//! empty (or whose legacy column still holds text), it seals the legacy values and empties the
//! legacy columns, in batches, each batch one audited transaction (`data.seal_legacy` by
//! `system`, with the table, column names and row count, never a value).
//!
//! - **Idempotent**: a sealed row has `''` in its legacy columns and is never selected again;
//!   a start with nothing to seal writes nothing.
//! - **Safe if interrupted**: the batch's rows are selected inside its write transaction (under
//!   the writer lock, so no other writer changes them meanwhile) and a row's sealed and legacy
//!   columns change in one statement; a crash leaves every row either sealed or untouched,
//!   and the next start carries on.
//! - **Both backends**: the same SQL. Afterwards, on SQLite the WAL is checkpointed and
//!   truncated so the old page images go (`secure_delete` already zeroes the freed cells); on
//!   PostgreSQL the touched tables are rewritten with `vacuum full` so the dead row versions go
//!   from the live database. What stays in PostgreSQL's WAL archives, replicas and base
//!   backups, and in older `libertas backup` files, is described in `docs/security.md`.
//!
//! It runs after the migrations at every start, and after a restore (a backup from before
//! 0014 brings plaintext back until it runs).

use crate::audit::{Actor, AuditEvent};
use crate::crypto::seal_text;
use crate::db::Backend;
use crate::{Store, StoreError};
use sqlx::Row;

/// Which key seals a table's columns.
#[derive(Clone, Copy)]
enum Scope {
    /// The data key of the row's case (`case_id` column).
    Case,
    /// The master-derived `directory` key.
    Directory,
    /// The master-derived `programme` key.
    Programme,
}

/// A table with free-text columns sealed since 0014.
struct Legacy {
    table: &'static str,
    /// Sealed columns; each has a `<column>_legacy` text column beside it.
    columns: &'static [&'static str],
    scope: Scope,
}

/// Every column 0014 sealed (kept in step with the migration; tested).
const LEGACY: &[Legacy] = &[
    Legacy {
        table: "charges",
        columns: &["law", "section"],
        scope: Scope::Case,
    },
    Legacy {
        table: "hearings",
        columns: &["court"],
        scope: Scope::Case,
    },
    Legacy {
        table: "duty_notifications",
        columns: &["region"],
        scope: Scope::Case,
    },
    Legacy {
        table: "partners",
        columns: &["name", "area", "how_to_refer", "contact"],
        scope: Scope::Directory,
    },
    Legacy {
        table: "training_events",
        columns: &["topic", "place"],
        scope: Scope::Programme,
    },
    Legacy {
        table: "mentoring_sessions",
        columns: &["topic"],
        scope: Scope::Programme,
    },
];

/// Rows sealed per transaction: small enough to keep the writer lock short.
const BATCH: i64 = 200;

/// The `table.column` pairs sealed since 0014 whose plaintext lived in `<column>_legacy`.
pub fn sealed_since_0014() -> Vec<(&'static str, &'static str)> {
    LEGACY
        .iter()
        .flat_map(|l| l.columns.iter().map(move |c| (l.table, *c)))
        .collect()
}

impl Store {
    /// Seals every legacy plaintext value left by migration 0014 and empties its legacy column
    /// (see the module documentation). Returns the number of rows sealed.
    pub async fn seal_legacy_text(&self) -> Result<u64, StoreError> {
        let mut total = 0u64;
        let mut touched = vec![];
        for l in LEGACY {
            let mut sealed_here = 0u64;
            loop {
                let n = self.seal_batch(l).await?;
                sealed_here += n;
                if n < BATCH as u64 {
                    break;
                }
            }
            if sealed_here > 0 {
                touched.push(l.table);
                total += sealed_here;
            }
        }
        if total > 0 {
            self.purge_old_versions(&touched).await?;
            tracing::info!(
                rows = total,
                "sealed free text written before migration 0014"
            );
        }
        Ok(total)
    }

    /// Seals one batch of `l`'s rows in one audited transaction; returns how many.
    async fn seal_batch(&self, l: &Legacy) -> Result<u64, StoreError> {
        let first = l.columns.first().copied().unwrap_or("id");
        let pending: Vec<String> = l
            .columns
            .iter()
            .map(|c| format!("{c}_legacy <> ''"))
            .collect();
        let legacy: Vec<String> = l.columns.iter().map(|c| format!("{c}_legacy")).collect();
        let case_col = match l.scope {
            Scope::Case => "case_id",
            Scope::Directory | Scope::Programme => "id",
        };
        // Constant table and column names only (from LEGACY); values are bound.
        let select = format!(
            "select id, {case_col}, {} from {} where {first} is null or {} order by id limit $1",
            legacy.join(", "),
            l.table,
            pending.join(" or "),
        );
        let sets: Vec<String> = l
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c} = ${}, {c}_legacy = ''", i + 1))
            .collect();
        let update = format!(
            "update {} set {} where id = ${}",
            l.table,
            sets.join(", "),
            l.columns.len() + 1
        );
        // A plain read first, so that a start with nothing to seal takes no write lock.
        let any = sqlx::query(&select)
            .bind(1i64)
            .fetch_optional(self.pool())
            .await?;
        if any.is_none() {
            return Ok(0);
        }
        let mut tx = self.write(Actor::system()).await?;
        let rows = sqlx::query(&select)
            .bind(BATCH)
            .fetch_all(tx.conn()?)
            .await?;
        if rows.is_empty() {
            // Sealed by another node meanwhile: the transaction ends without a change.
            return Ok(0);
        }
        for r in &rows {
            let id: String = r.try_get("id")?;
            let key = match l.scope {
                Scope::Case => self.case_key(&r.try_get::<String, _>("case_id")?).await?,
                Scope::Directory => self.ring().directory.clone(),
                Scope::Programme => self.ring().programme.clone(),
            };
            let mut q = sqlx::query(&update);
            for c in l.columns {
                let plain: String = r.try_get(format!("{c}_legacy").as_str())?;
                q = q.bind(seal_text(&key, l.table, c, &id, &plain));
            }
            q.bind(&id).execute(tx.conn()?).await?;
        }
        tx.audit(
            AuditEvent::new(
                "data.seal_legacy",
                "table",
                Some(l.table.to_owned()),
                "free text written before migration 0014 sealed at start-up",
            )
            .detail(serde_json::json!({ "columns": l.columns, "rows": rows.len() })),
        )
        .await?;
        tx.commit().await?;
        Ok(rows.len() as u64)
    }

    /// Removes the old row versions that held the plaintext from the live database files.
    async fn purge_old_versions(&self, tables: &[&str]) -> Result<(), StoreError> {
        match self.backend() {
            Backend::Sqlite => {
                let busy = sqlx::query_as::<_, crate::db::WalCheckpoint>(
                    "pragma wal_checkpoint(truncate)",
                )
                .fetch_one(self.pool())
                .await?
                .busy;
                if busy != 0 {
                    tracing::warn!(
                        "the WAL could not be truncated after sealing legacy text (readers were \
                         active); it is truncated at the next checkpoint"
                    );
                }
            }
            Backend::Postgres => {
                for t in tables {
                    // A constant table name from LEGACY.
                    sqlx::query(&format!("vacuum full {t}"))
                        .execute(self.pool())
                        .await?;
                }
            }
        }
        Ok(())
    }
}
