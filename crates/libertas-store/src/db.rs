//! Connections and migrations for both backends.
//!
//! Both SQLite and PostgreSQL are reached through sqlx's `Any` driver, so the repository code
//! is written once. The SQL is portable: `$1` placeholders (SQLite accepts them), text times,
//! bigint flags, blobs. Migrations are embedded, one folder per backend, applied in order at
//! start inside a transaction each.

use crate::StoreError;
use sqlx::any::{install_default_drivers, AnyPoolOptions};
use sqlx::{AnyPool, Executor, Row};
use std::time::Duration;

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

/// A migration: its number, name and SQL.
pub(crate) struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sqlite: &'static str,
    pub postgres: &'static str,
}

pub(crate) const MAIN_MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "foundation",
        sqlite: include_str!("../migrations/sqlite/0001_foundation.sql"),
        postgres: include_str!("../migrations/postgres/0001_foundation.sql"),
    },
    Migration {
        version: 2,
        name: "reports",
        sqlite: include_str!("../migrations/sqlite/0002_reports.sql"),
        postgres: include_str!("../migrations/postgres/0002_reports.sql"),
    },
    Migration {
        version: 3,
        name: "protect",
        sqlite: include_str!("../migrations/sqlite/0003_protect.sql"),
        postgres: include_str!("../migrations/postgres/0003_protect.sql"),
    },
    Migration {
        version: 4,
        name: "workflow",
        sqlite: include_str!("../migrations/sqlite/0004_workflow.sql"),
        postgres: include_str!("../migrations/postgres/0004_workflow.sql"),
    },
    Migration {
        version: 5,
        name: "justice",
        sqlite: include_str!("../migrations/sqlite/0005_justice.sql"),
        postgres: include_str!("../migrations/postgres/0005_justice.sql"),
    },
    Migration {
        version: 6,
        name: "care",
        sqlite: include_str!("../migrations/sqlite/0006_care.sql"),
        postgres: include_str!("../migrations/postgres/0006_care.sql"),
    },
    Migration {
        version: 7,
        name: "referrals",
        sqlite: include_str!("../migrations/sqlite/0007_referrals.sql"),
        postgres: include_str!("../migrations/postgres/0007_referrals.sql"),
    },
    Migration {
        version: 8,
        name: "proceedings",
        sqlite: include_str!("../migrations/sqlite/0008_proceedings.sql"),
        postgres: include_str!("../migrations/postgres/0008_proceedings.sql"),
    },
    Migration {
        version: 9,
        name: "care_plans",
        sqlite: include_str!("../migrations/sqlite/0009_care_plans.sql"),
        postgres: include_str!("../migrations/postgres/0009_care_plans.sql"),
    },
    Migration {
        version: 10,
        name: "training",
        sqlite: include_str!("../migrations/sqlite/0010_training.sql"),
        postgres: include_str!("../migrations/postgres/0010_training.sql"),
    },
    Migration {
        version: 11,
        name: "search",
        sqlite: include_str!("../migrations/sqlite/0011_search.sql"),
        postgres: include_str!("../migrations/postgres/0011_search.sql"),
    },
    Migration {
        version: 15,
        name: "stats_releases",
        sqlite: include_str!("../migrations/sqlite/0015_stats_releases.sql"),
        postgres: include_str!("../migrations/postgres/0015_stats_releases.sql"),
    },
];

const KEYSTORE_SQL: &str = include_str!("../migrations/keystore/0001_keystore.sql");

/// Opens a pool. On SQLite every connection uses WAL, `synchronous=FULL` (an acknowledged
/// write survives a power cut), foreign keys and a generous busy timeout, since writers queue.
/// `search_path` selects a PostgreSQL schema (the key store's).
pub(crate) async fn connect(
    url: &str,
    max_connections: u32,
    search_path: Option<&'static str>,
) -> Result<AnyPool, StoreError> {
    install_default_drivers();
    let backend = Backend::of_url(url)?;
    let pool = AnyPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(30))
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                match backend {
                    Backend::Sqlite => {
                        conn.execute("pragma journal_mode = wal").await?;
                        conn.execute("pragma synchronous = full").await?;
                        conn.execute("pragma foreign_keys = on").await?;
                        conn.execute("pragma busy_timeout = 30000").await?;
                        conn.execute("pragma secure_delete = on").await?;
                    }
                    Backend::Postgres => {
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

/// Applies every migration not yet recorded in `schema_migrations`.
pub(crate) async fn migrate(
    pool: &AnyPool,
    backend: Backend,
    migrations: &[Migration],
) -> Result<(), StoreError> {
    let mut conn = pool.acquire().await?;
    if backend == Backend::Postgres {
        // Several web nodes may start at once; one migrates, the others wait.
        conn.execute("select pg_advisory_lock(7365646)").await?;
    }
    let result = migrate_locked(&mut conn, backend, migrations).await;
    if backend == Backend::Postgres {
        conn.execute("select pg_advisory_unlock(7365646)").await?;
    }
    result
}

async fn migrate_locked(
    conn: &mut sqlx::AnyConnection,
    backend: Backend,
    migrations: &[Migration],
) -> Result<(), StoreError> {
    conn.execute(
        "create table if not exists schema_migrations (
            version bigint primary key, name text not null, applied_at text not null)",
    )
    .await?;
    let applied: Vec<i64> = sqlx::query("select version from schema_migrations")
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| r.try_get::<i64, _>(0))
        .collect::<Result<_, _>>()?;
    for m in migrations {
        if applied.contains(&m.version) {
            continue;
        }
        let sql = match backend {
            Backend::Sqlite => m.sqlite,
            Backend::Postgres => m.postgres,
        };
        let mut tx = sqlx::Connection::begin(&mut *conn).await?;
        sqlx::raw_sql(sql).execute(&mut *tx).await?;
        sqlx::query(
            "insert into schema_migrations (version, name, applied_at) values ($1, $2, $3)",
        )
        .bind(m.version)
        .bind(m.name)
        .bind(crate::clock::now_text())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        tracing::info!(version = m.version, name = m.name, "applied migration");
    }
    Ok(())
}

/// The key store's migrations, with blobs spelled for the backend.
pub(crate) fn keystore_migrations(backend: Backend) -> Vec<Migration> {
    let sql: &'static str = match backend {
        Backend::Sqlite => KEYSTORE_SQL,
        Backend::Postgres => KEYSTORE_PG.get_or_init(|| KEYSTORE_SQL.replace(" blob ", " bytea ")),
    };
    vec![Migration {
        version: 1,
        name: "keystore",
        sqlite: sql,
        postgres: sql,
    }]
}

static KEYSTORE_PG: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Whether the main database already holds Libertas tables.
pub(crate) async fn has_schema(pool: &AnyPool) -> Result<bool, StoreError> {
    let row = sqlx::query("select count(*) from organisations")
        .fetch_one(pool)
        .await;
    Ok(row.is_ok())
}
