//! Connections to both backends, and the maintenance that must reach below the SQL.
//!
//! Both SQLite and PostgreSQL are reached through sqlx's `Any` driver, so the repository code
//! is written once. The SQL is portable: `$1` placeholders (SQLite accepts them), text times,
//! bigint flags, blobs. The migrations and their runner are in `migrations`.

use crate::StoreError;
use sqlx::any::{install_default_drivers, AnyPoolOptions};
use sqlx::{AnyPool, Executor};
use std::time::{Duration, Instant};

/// How long a SQLite statement waits for a lock before giving up (writers queue).
const BUSY_TIMEOUT_MS: u32 = 30_000;

/// Which database engine a URL points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Result<Self, StoreError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Backend::Postgres)
        } else {
            Err(StoreError::Config(
                "database URL must start with sqlite: or postgres:".into(),
            ))
        }
    }
}

/// Opens a pool. On SQLite every connection uses WAL, `synchronous=FULL` (an acknowledged
/// write survives a power cut), foreign keys and a generous busy timeout, since writers queue.
/// `search_path` selects a PostgreSQL schema (the key store's).
pub(crate) async fn connect(
    url: &str,
    max_connections: u32,
    search_path: Option<&'static str>,
) -> Result<AnyPool, StoreError> {
    connect_attaching(url, max_connections, search_path, None).await
}

/// [`connect`], and on SQLite every connection attaches `attach` (the supporter store's file)
/// as the schema `supporters`, with the same durability settings as the main file, so that
/// `supporters.outbox` names the same table on both backends (on PostgreSQL it is a schema of
/// the same database) and a supporter change shares the writer's transaction with its audit
/// event.
pub(crate) async fn connect_attaching(
    url: &str,
    max_connections: u32,
    search_path: Option<&'static str>,
    attach: Option<String>,
) -> Result<AnyPool, StoreError> {
    install_default_drivers();
    let backend = Backend::of_url(url)?;
    let pool = AnyPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(30))
        .after_connect(move |conn, _meta| {
            let attach = attach.clone();
            Box::pin(async move {
                match backend {
                    Backend::Sqlite => {
                        conn.execute("pragma journal_mode = wal").await?;
                        conn.execute("pragma synchronous = full").await?;
                        conn.execute("pragma foreign_keys = on").await?;
                        conn.execute(format!("pragma busy_timeout = {BUSY_TIMEOUT_MS}").as_str())
                            .await?;
                        // Deleted content is overwritten with zeros, in the pages written to
                        // the WAL and so, after a checkpoint, in the database file.
                        conn.execute("pragma secure_delete = on").await?;
                        if let Some(file) = &attach {
                            let quoted = file.replace('\'', "''");
                            conn.execute(
                                format!("attach database '{quoted}' as supporters").as_str(),
                            )
                            .await?;
                            conn.execute("pragma supporters.journal_mode = wal").await?;
                            conn.execute("pragma supporters.synchronous = full").await?;
                            conn.execute("pragma supporters.secure_delete = on").await?;
                        }
                    }
                    Backend::Postgres => {
                        // The planner's default (4) prices a random read as on a spinning
                        // disk, so for a caseworker's 2,000 of 100,000 cases it scanned every
                        // case (126 ms) instead of looking up the 2,000 (18 ms; the case_list
                        // benchmark). Libertas's data lives on SSD or in memory.
                        conn.execute("set random_page_cost = 1.1").await?;
                        // Statements are prepared once per connection, and after five runs
                        // PostgreSQL may keep one generic plan for every caller: the plan for
                        // a supervisor's 20,000 cases then serves a caseworker's 20 and the
                        // other way round. Planning each run for its own values costs well
                        // under a millisecond.
                        conn.execute("set plan_cache_mode = force_custom_plan")
                            .await?;
                        // Just-in-time compilation pays off for queries running for seconds;
                        // ours run for milliseconds, and the statistics' larger ones (an
                        // admin's exact impact view of a quarter of 100,000 cases) cost 60 to
                        // 180 ms more with it (315 ms against 250 ms measured in psql).
                        conn.execute("set jit = off").await?;
                        if let Some(schema) = search_path {
                            conn.execute(format!("set search_path to {schema}").as_str())
                                .await?;
                        }
                    }
                }
                Ok(())
            })
        })
        .connect(url)
        .await?;
    Ok(pool)
}

/// Whether the main database already holds Libertas tables.
pub(crate) async fn has_schema(pool: &AnyPool) -> Result<bool, StoreError> {
    let row = sqlx::query("select count(*) from organisations")
        .fetch_one(pool)
        .await;
    Ok(row.is_ok())
}

/// The row of SQLite's `pragma wal_checkpoint`: `busy` is 1 when readers blocked it.
#[derive(sqlx::FromRow)]
pub(crate) struct WalCheckpoint {
    pub busy: i64,
}

/// The moment (PostgreSQL's clock) and the next transaction id when a wait began.
#[derive(sqlx::FromRow)]
struct Snapshot {
    since: String,
    next_xid: String,
}

/// Cuts a SQLite database's write-ahead log to zero bytes after copying it into the database
/// file (`pragma wal_checkpoint(truncate)`), so that page images holding deleted content are
/// gone from the WAL. Readers in any process that still use an older snapshot block it; it is
/// retried until `budget` has passed. Returns whether it completed.
pub(crate) async fn truncate_wal(pool: &AnyPool, budget: Duration) -> Result<bool, StoreError> {
    let mut conn = pool.acquire().await?;
    // Each attempt waits a little for locks, so the whole stays near `budget`.
    conn.execute("pragma busy_timeout = 500").await?;
    let deadline = Instant::now() + budget;
    let outcome = loop {
        let busy = match sqlx::query_as::<_, WalCheckpoint>("pragma wal_checkpoint(truncate)")
            .fetch_one(&mut *conn)
            .await
        {
            Ok(row) => Ok(row.busy != 0),
            Err(e) if is_busy(&e) => Ok(true),
            Err(e) => Err(e),
        };
        match busy {
            Ok(false) => break Ok(true),
            Ok(true) if Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Ok(true) => break Ok(false),
            Err(e) => break Err(e),
        }
    };
    conn.execute(format!("pragma busy_timeout = {BUSY_TIMEOUT_MS}").as_str())
        .await?;
    Ok(outcome?)
}

fn is_busy(e: &sqlx::Error) -> bool {
    e.as_database_error().is_some_and(|d| {
        let m = d.message();
        m.contains("locked") || m.contains("busy")
    })
}

/// Rewrites a small PostgreSQL table into a new file (`vacuum full`), so that dead row
/// versions — a destroyed key — are no longer in the table's pages. It takes an exclusive lock
/// on the table; each attempt waits at most one second for it (new readers queue behind a
/// waiting `vacuum full`), and attempts are retried until `budget` has passed. Returns whether
/// it completed.
pub(crate) async fn vacuum_full(
    pool: &AnyPool,
    table: &'static str,
    budget: Duration,
) -> Result<bool, StoreError> {
    let mut conn = pool.acquire().await?;
    conn.execute("set lock_timeout = '1s'").await?;
    let deadline = Instant::now() + budget;
    let sql = format!("vacuum full {table}");
    let outcome = loop {
        // `Executor::execute` (a boxed, `Send` future), not `raw_sql(..).execute(..)`, whose
        // future is not `Send` for every lifetime: a web handler awaits this (a supporter's
        // erasure). A plain string without arguments goes by the simple protocol, as
        // `vacuum` needs.
        match conn.execute(sql.as_str()).await {
            Ok(_) => break Ok(true),
            Err(e) if lock_not_available(&e) && Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) if lock_not_available(&e) => break Ok(false),
            Err(e) => break Err(e),
        }
    };
    conn.execute("reset lock_timeout").await?;
    Ok(outcome?)
}

/// Waits until nothing on the PostgreSQL server can still see a row deleted just before:
/// `vacuum full` copies every row version that some snapshot might still see, so a destroyed
/// key would survive the rewrite. Two things hold such a snapshot: a transaction in *any*
/// database of the cluster that had an id before the delete committed (a new snapshot, the
/// rewrite's own included, cannot move past it), and a session of this database whose
/// transaction began before (a running `libertas backup`, an open transaction, an autovacuum
/// `analyze`). Sessions count only if this role may see them in `pg_stat_activity`: its own,
/// or all with `pg_read_all_stats`. Returns whether both were gone before `budget` passed.
pub(crate) async fn wait_for_older_snapshots(
    pool: &AnyPool,
    budget: Duration,
) -> Result<bool, StoreError> {
    let Snapshot { since, next_xid } = sqlx::query_as::<_, Snapshot>(
        "select clock_timestamp()::text as since,
                pg_snapshot_xmax(pg_current_snapshot())::text as next_xid",
    )
    .fetch_one(pool)
    .await?;
    let deadline = Instant::now() + budget;
    loop {
        let clear: bool = sqlx::query_scalar(
            "select pg_snapshot_xmin(pg_current_snapshot()) >= $1::xid8
                and not exists (select 1 from pg_stat_activity
                    where datname = current_database() and pid <> pg_backend_pid()
                      and backend_xmin is not null and xact_start < $2::timestamptz)",
        )
        .bind(&next_xid)
        .bind(&since)
        .fetch_one(pool)
        .await?;
        if clear {
            return Ok(true);
        }
        if Instant::now() >= deadline {
            return Ok(false);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// PostgreSQL's `lock_not_available` (55P03): the lock timeout passed.
fn lock_not_available(e: &sqlx::Error) -> bool {
    e.as_database_error()
        .and_then(|d| d.code())
        .is_some_and(|c| c == "55P03")
}
