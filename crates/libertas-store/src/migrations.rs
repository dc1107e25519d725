//! The migrations of the main database and of the key store, and the runner that applies them.
//!
//! Each migration is written once, in SQLite's spelling (`migrations/NNNN_name.sql`), and spelt
//! for PostgreSQL at start: outside comments, the word `blob` becomes `bytea`. That is all most
//! migrations need, so the two backends cannot drift apart by accident. What cannot be shared
//! (the audit triggers of 0001, the impact facts' triggers of 0026) lives beside it in
//! `migrations/sqlite/` and `migrations/postgres/` and runs after the shared part, in the same
//! transaction.
//!
//! The runner records each applied migration's version in `schema_migrations` (with its name and
//! time, no checksum) and never runs it again. Editing a migration that has been applied would
//! therefore give fresh databases a different schema from existing ones; migrations are
//! append-only, and the unit test beside this file pins the statements each one runs.

use crate::db::Backend;
use crate::StoreError;
use sqlx::{AnyPool, Executor};

/// A migration: its number, name and SQL.
pub(crate) struct Migration {
    pub version: i64,
    pub name: &'static str,
    /// The SQL both backends run, spelt for SQLite.
    pub shared: &'static str,
    /// SQL only SQLite runs, after `shared`; usually empty.
    pub sqlite: &'static str,
    /// SQL only PostgreSQL runs, after `shared`; usually empty.
    pub postgres: &'static str,
}

impl Migration {
    /// A migration whose SQL is the same on both backends (but for the spelling of `blob`).
    const fn shared(version: i64, name: &'static str, shared: &'static str) -> Migration {
        Migration {
            version,
            name,
            shared,
            sqlite: "",
            postgres: "",
        }
    }

    /// The SQL this migration runs on `backend`.
    pub(crate) fn sql(&self, backend: Backend) -> String {
        let (shared, own) = match backend {
            Backend::Sqlite => (self.shared.to_owned(), self.sqlite),
            Backend::Postgres => (spell_for_postgres(self.shared), self.postgres),
        };
        if own.is_empty() {
            shared
        } else {
            format!("{shared}\n{own}")
        }
    }
}

/// The main database's migrations, in order.
pub(crate) const MAIN_MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "foundation",
        shared: include_str!("../migrations/0001_foundation.sql"),
        sqlite: include_str!("../migrations/sqlite/0001_foundation.sql"),
        postgres: include_str!("../migrations/postgres/0001_foundation.sql"),
    },
    Migration::shared(2, "reports", include_str!("../migrations/0002_reports.sql")),
    Migration::shared(3, "protect", include_str!("../migrations/0003_protect.sql")),
    Migration::shared(
        4,
        "workflow",
        include_str!("../migrations/0004_workflow.sql"),
    ),
    Migration::shared(5, "justice", include_str!("../migrations/0005_justice.sql")),
    Migration::shared(6, "care", include_str!("../migrations/0006_care.sql")),
    Migration::shared(
        7,
        "referrals",
        include_str!("../migrations/0007_referrals.sql"),
    ),
    Migration::shared(
        8,
        "proceedings",
        include_str!("../migrations/0008_proceedings.sql"),
    ),
    Migration::shared(
        9,
        "care_plans",
        include_str!("../migrations/0009_care_plans.sql"),
    ),
    Migration::shared(
        10,
        "training",
        include_str!("../migrations/0010_training.sql"),
    ),
    Migration::shared(11, "search", include_str!("../migrations/0011_search.sql")),
    Migration::shared(
        12,
        "login_attempts",
        include_str!("../migrations/0012_login_attempts.sql"),
    ),
    Migration::shared(13, "safety", include_str!("../migrations/0013_safety.sql")),
    Migration::shared(
        14,
        "sealed_text",
        include_str!("../migrations/0014_sealed_text.sql"),
    ),
    Migration::shared(
        15,
        "stats_releases",
        include_str!("../migrations/0015_stats_releases.sql"),
    ),
    Migration::shared(
        16,
        "audit_browse",
        include_str!("../migrations/0016_audit_browse.sql"),
    ),
    Migration::shared(
        17,
        "case_numbers",
        include_str!("../migrations/0017_case_numbers.sql"),
    ),
    Migration::shared(
        18,
        "report_queue",
        include_str!("../migrations/0018_report_queue.sql"),
    ),
    Migration::shared(
        19,
        "case_lists",
        include_str!("../migrations/0019_case_lists.sql"),
    ),
    Migration::shared(
        21,
        "list_indexes",
        include_str!("../migrations/0021_list_indexes.sql"),
    ),
    Migration::shared(
        22,
        "report_history",
        include_str!("../migrations/0022_report_history.sql"),
    ),
    Migration::shared(
        23,
        "member_case_status",
        include_str!("../migrations/0023_member_case_status.sql"),
    ),
    Migration::shared(
        24,
        "estimates",
        include_str!("../migrations/0024_estimates.sql"),
    ),
    Migration::shared(
        25,
        "duplicates",
        include_str!("../migrations/0025_duplicates.sql"),
    ),
    Migration {
        version: 26,
        name: "impact_facts",
        shared: include_str!("../migrations/0026_impact_facts.sql"),
        sqlite: include_str!("../migrations/sqlite/0026_impact_facts.sql"),
        postgres: include_str!("../migrations/postgres/0026_impact_facts.sql"),
    },
    Migration {
        version: 28,
        name: "impact_months",
        shared: include_str!("../migrations/0028_impact_months.sql"),
        sqlite: include_str!("../migrations/sqlite/0028_impact_months.sql"),
        postgres: include_str!("../migrations/postgres/0028_impact_months.sql"),
    },
    Migration::shared(
        29,
        "indicator_indexes",
        include_str!("../migrations/0029_indicator_indexes.sql"),
    ),
    Migration {
        version: 30,
        name: "indicator_facts",
        shared: include_str!("../migrations/0030_indicator_facts.sql"),
        sqlite: include_str!("../migrations/sqlite/0030_indicator_facts.sql"),
        postgres: include_str!("../migrations/postgres/0030_indicator_facts.sql"),
    },
    Migration::shared(
        31,
        "stories",
        include_str!("../migrations/0031_stories.sql"),
    ),
];

/// The key store's migrations, in order (its own database, or schema on PostgreSQL).
pub(crate) const KEYSTORE_MIGRATIONS: &[Migration] = &[
    Migration::shared(
        1,
        "keystore",
        include_str!("../migrations/keystore/0001_keystore.sql"),
    ),
    Migration::shared(
        2,
        "withdrawals",
        include_str!("../migrations/keystore/0002_withdrawals.sql"),
    ),
];

/// The supporter store's migrations, in order (its own database file, or schema on
/// PostgreSQL; `supporters` module). A sequence of its own: nothing here refers to the case
/// side's tables.
pub(crate) const SUPPORTER_MIGRATIONS: &[Migration] = &[
    Migration::shared(
        1,
        "supporters",
        include_str!("../migrations/supporters/0001_supporters.sql"),
    ),
    Migration {
        version: 2,
        name: "updates",
        shared: include_str!("../migrations/supporters/0002_updates.sql"),
        sqlite: include_str!("../migrations/supporters/sqlite/0002_updates.sql"),
        postgres: include_str!("../migrations/supporters/postgres/0002_updates.sql"),
    },
    Migration::shared(
        3,
        "supporter_erasure",
        include_str!("../migrations/supporters/0003_supporter_erasure.sql"),
    ),
    Migration::shared(
        4,
        "suppressions",
        include_str!("../migrations/supporters/0004_suppressions.sql"),
    ),
    Migration::shared(
        5,
        "gifts",
        include_str!("../migrations/supporters/0005_gifts.sql"),
    ),
    Migration::shared(
        6,
        "stories",
        include_str!("../migrations/supporters/0006_stories.sql"),
    ),
    Migration::shared(
        7,
        "portal",
        include_str!("../migrations/supporters/0007_portal.sql"),
    ),
    Migration::shared(
        10,
        "portal_giving",
        include_str!("../migrations/supporters/0010_portal_giving.sql"),
    ),
];

/// SQLite's SQL spelt for PostgreSQL: the word `blob` outside `--` comments becomes `bytea`.
/// The shared migrations hold no `--` or `blob` inside a string literal.
fn spell_for_postgres(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 64);
    for line in sql.split_inclusive('\n') {
        let (code, comment) = line.split_at(line.find("--").unwrap_or(line.len()));
        let mut last = 0;
        for (at, word) in code.match_indices("blob") {
            let before = code[..at].chars().next_back();
            let after = code[at + word.len()..].chars().next();
            if !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char) {
                out.push_str(&code[last..at]);
                out.push_str("bytea");
                last = at + word.len();
            }
        }
        out.push_str(&code[last..]);
        out.push_str(comment);
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
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
    let applied: Vec<i64> = sqlx::query_scalar("select version from schema_migrations")
        .fetch_all(&mut *conn)
        .await?;
    for m in migrations {
        if applied.contains(&m.version) {
            continue;
        }
        let sql = m.sql(backend);
        let mut tx = sqlx::Connection::begin(&mut *conn).await?;
        sqlx::raw_sql(&sql).execute(&mut *tx).await?;
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

#[cfg(test)]
mod tests;
