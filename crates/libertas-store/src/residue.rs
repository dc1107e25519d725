//! Making destroyed secrets final on disk.
//!
//! Deleting a row does not remove its bytes. On SQLite, `secure_delete` (set on every
//! connection, key store included) zeroes deleted content in the page that is written next;
//! but in WAL mode that page goes to the `-wal` file first, while the database file keeps the
//! old page until a checkpoint, and the WAL itself is reused from its start rather than
//! shortened, so older page images (the inserted key, the row before it was cleared) stay in
//! it. A `truncate` checkpoint copies every new page into the database file and cuts the WAL to
//! zero bytes. It must wait for readers of older snapshots (another process, such as a running
//! `libertas serve`, may hold one), so it is retried for [`SCRUB_WAIT`]; if it still cannot
//! finish, the caller is told where the residue is (the erasure itself stands: the key is gone
//! from the key store's tables, and the WAL is removed when the last connection closes).
//!
//! On PostgreSQL a deleted row stays in its page as a dead tuple until vacuum, and even
//! vacuum does not zero it. The key table is small, so after a key is destroyed it is
//! rewritten into a new file (`vacuum full`), which needs a brief exclusive lock. The rewrite
//! keeps row versions an older snapshot might still see, so it first waits until every
//! transaction that could hold one (in any database of the cluster) has ended. WAL segments, archives, replicas and base backups are outside
//! the program's reach; see `docs/security.md`.

use crate::db::{self, Backend};
use crate::{Store, StoreError};
use std::time::Duration;

/// How long to keep retrying before reporting residue.
pub const SCRUB_WAIT: Duration = Duration::from_secs(10);

/// Where destroyed or erased content may still be on disk after [`SCRUB_WAIT`]: empty when
/// everything was made final.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Residue {
    /// Plain descriptions, such as `"the key store's write-ahead log (keys.sqlite-wal)"`.
    pub pending: Vec<&'static str>,
}

impl Residue {
    pub fn is_clear(&self) -> bool {
        self.pending.is_empty()
    }

    pub(crate) fn merge(&mut self, other: Residue) {
        self.pending.extend(other.pending);
    }
}

/// Proof that a data key was destroyed. It must be handed to [`Store::scrub_keys`], so that no
/// code path destroys a key and leaves its bytes in the key store's files.
#[must_use = "pass it to Store::scrub_keys so that the destroyed key does not linger on disk"]
pub(crate) struct Destroyed {
    /// Whether a key existed (false when the owner was erased before).
    pub existed: bool,
}

impl Store {
    /// Makes a destroyed key final in the key store's files.
    pub(crate) async fn scrub_keys(&self, destroyed: Destroyed) -> Result<Residue, StoreError> {
        drop(destroyed);
        let pool = self.keys().pool();
        let done = match self.backend() {
            Backend::Sqlite => db::truncate_wal(pool, SCRUB_WAIT).await?,
            Backend::Postgres => {
                // Each wait is bounded by the budget.
                db::wait_for_older_snapshots(pool, SCRUB_WAIT).await?
                    && db::vacuum_full(pool, "data_keys", SCRUB_WAIT).await?
            }
        };
        Ok(self.report(
            done,
            match self.backend() {
                Backend::Sqlite => "the key store's write-ahead log (keys.sqlite-wal)",
                Backend::Postgres => "dead row versions in libertas_keys.data_keys",
            },
        ))
    }

    /// Makes cleared rows of the main database (blind-index and search-index digests, sealed
    /// columns) final in its files. SQLite only: on PostgreSQL the dead row versions stay in
    /// the tables' pages until overwritten (see `docs/security.md`).
    pub(crate) async fn scrub_database(&self) -> Result<Residue, StoreError> {
        if self.backend() != Backend::Sqlite {
            return Ok(Residue::default());
        }
        let done = db::truncate_wal(self.pool(), SCRUB_WAIT).await?;
        Ok(self.report(done, "the database's write-ahead log (libertas.sqlite-wal)"))
    }

    fn report(&self, done: bool, place: &'static str) -> Residue {
        if done {
            return Residue::default();
        }
        tracing::error!(
            place,
            wait_seconds = SCRUB_WAIT.as_secs(),
            "destroyed content could not be wiped from disk: readers kept an older snapshot open"
        );
        Residue {
            pending: vec![place],
        }
    }
}

#[cfg(test)]
mod tests {
    /// `secure_delete` is a per-connection setting: every pool, the key store's included,
    /// must have it, or deleted keys stay in the freed space of the page.
    #[tokio::test]
    async fn every_sqlite_connection_deletes_securely() {
        let t = crate::testing::TestData::new("sqlite").await;
        let store = crate::Store::init(t.config.clone()).await.unwrap();
        for pool in [store.pool(), store.keys().pool()] {
            for _ in 0..3 {
                let on: i64 = sqlx::query_scalar("pragma secure_delete")
                    .fetch_one(pool)
                    .await
                    .unwrap();
                assert_eq!(on, 1);
            }
        }
        store.close().await;
    }
}
