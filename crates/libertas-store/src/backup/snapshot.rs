//! One snapshot of the main database and the supporter store, for a backup.
//!
//! **PostgreSQL.** Both are schemas of one database, and a repeatable-read transaction sees
//! every schema as of its first statement: one snapshot, whatever writes go on meanwhile.
//!
//! **SQLite.** The supporter store is a second file, attached to every main connection. What
//! we found (and `tests` below shows): a read transaction over two files in WAL mode is *not*
//! one snapshot by itself. SQLite takes each file's snapshot when the transaction first reads
//! *that* file, so a write committed to the supporter file after the transaction read the main
//! file, but before it read the supporter file, is seen there; and a write to both files
//! commits them one after the other. A backup reading the case tables for a minute and then
//! the supporter tables would hold a supporter whose audit event it lacks.
//!
//! So on SQLite the backup first takes the write lock of both files on a second connection
//! (`begin immediate` takes it on *every* attached database at once). That waits for a write in
//! progress, in this or any other process, to finish committing both files, and holds off the
//! next one. While it is held, the backup's own read transaction reads one row of each file,
//! which fixes both snapshots at the same state. Then the lock is let go (it is held for a few
//! milliseconds, not for the dump) and the dump reads at leisure from the two fixed snapshots.

use crate::db::Backend;
use crate::StoreError;
use sqlx::{Any, AnyPool, Executor, Transaction};

/// A read transaction on `pool` that sees the main database and the supporter store as of
/// one instant.
pub(super) async fn begin(
    pool: &AnyPool,
    backend: Backend,
) -> Result<Transaction<'static, Any>, StoreError> {
    match backend {
        Backend::Postgres => {
            let mut tx = pool.begin().await?;
            sqlx::query("set transaction isolation level repeatable read, read only")
                .execute(&mut *tx)
                .await?;
            Ok(tx)
        }
        Backend::Sqlite => {
            let mut guard = pool.acquire().await?;
            guard.execute("begin immediate").await?;
            let fixed = fix_both(pool).await;
            if guard.execute("rollback").await.is_err() {
                // Never hand a connection with an open transaction back to the pool.
                let _ = guard.close().await;
            }
            fixed
        }
    }
}

/// Begins a transaction and reads from both files, so both snapshots exist from here on.
async fn fix_both(pool: &AnyPool) -> Result<Transaction<'static, Any>, StoreError> {
    let mut tx = pool.begin().await?;
    let _: i64 = sqlx::query_scalar("select count(*) from schema_migrations")
        .fetch_one(&mut *tx)
        .await?;
    let _: i64 = sqlx::query_scalar("select count(*) from supporters.schema_migrations")
        .fetch_one(&mut *tx)
        .await?;
    Ok(tx)
}

#[cfg(test)]
mod tests {
    use crate::testing::TestData;
    use crate::Store;

    async fn counts(tx: &mut sqlx::Transaction<'static, sqlx::Any>) -> (i64, i64) {
        let main: i64 = sqlx::query_scalar("select count(*) from schema_migrations")
            .fetch_one(&mut **tx)
            .await
            .unwrap();
        let theirs: i64 = sqlx::query_scalar("select count(*) from supporters.schema_migrations")
            .fetch_one(&mut **tx)
            .await
            .unwrap();
        (main, theirs)
    }

    /// A write to both files, committed between two reads of the other connection.
    async fn write_both(store: &Store, n: i64) {
        let mut c = store.pool().acquire().await.unwrap();
        let mut tx = sqlx::Connection::begin(&mut *c).await.unwrap();
        for table in ["schema_migrations", "supporters.schema_migrations"] {
            sqlx::query(&format!(
                "insert into {table} (version, name, applied_at) values ($1, 'probe', 'now')"
            ))
            .bind(1000 + n)
            .execute(&mut *tx)
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();
    }

    /// The finding: a plain read transaction takes the supporter file's snapshot late, so it
    /// sees the supporter half of a write it does not see on the main side. The backup's
    /// snapshot sees neither half.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_backup_sees_both_files_as_of_one_instant() {
        let t = TestData::new("sqlite").await;
        let store = Store::init(t.config.clone()).await.unwrap();

        let mut plain = store.pool().begin().await.unwrap();
        let main_before: i64 = sqlx::query_scalar("select count(*) from schema_migrations")
            .fetch_one(&mut *plain)
            .await
            .unwrap();
        write_both(&store, 1).await;
        let (main, theirs) = counts(&mut plain).await;
        assert_eq!(main, main_before, "the main file's snapshot is fixed");
        let mut fresh = store.pool().acquire().await.unwrap();
        let theirs_now: i64 =
            sqlx::query_scalar("select count(*) from supporters.schema_migrations")
                .fetch_one(&mut *fresh)
                .await
                .unwrap();
        assert_eq!(
            theirs, theirs_now,
            "a plain transaction saw the supporter half of a later write"
        );
        drop(plain);
        drop(fresh);

        // Before anything is read through it, the backup's transaction already holds both
        // snapshots: a write to both files after `begin` is seen in neither.
        let mut fresh = store.pool().begin().await.unwrap();
        let before = counts(&mut fresh).await;
        drop(fresh);
        let mut snap = super::begin(store.pool(), crate::db::Backend::Sqlite)
            .await
            .unwrap();
        write_both(&store, 2).await;
        assert_eq!(
            counts(&mut snap).await,
            before,
            "one snapshot of both files"
        );
        drop(snap);
        store.close().await;
    }
}
