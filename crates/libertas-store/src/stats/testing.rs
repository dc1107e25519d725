//! Test support for the indicators (feature `testing`): records are entered through the API
//! today, but protected readers see only quarters that ended weeks ago, so tests move the
//! recording time of cases and decisions back, as if they had been entered then.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::Store;

/// Gives every case and decision recorded at or after `since` (UTC text) the recording time
/// `at` instead.
pub async fn backdate(store: &Store, since: &str, at: &str) {
    for table in ["cases", "decisions"] {
        // Constant table names only; the times are bound.
        sqlx::query(&format!(
            "update {table} set created_at = $1 where created_at >= $2"
        ))
        .bind(at)
        .bind(since)
        .execute(store.pool())
        .await
        .unwrap();
    }
}

/// A value bound to a fixture statement.
pub enum Arg<'a> {
    Text(&'a str),
    Bytes(&'a [u8]),
    Null,
}

/// Runs one fixture statement with bound values: the impact tests and benchmark write plain
/// rows (reports, cases, decisions, referrals, deliveries) at chosen dates directly, since
/// those dates cannot be chosen through the API. Blobs get placeholder bytes: nothing here is
/// ever decrypted by the statistics.
pub async fn exec(store: &Store, sql: &str, args: &[Arg<'_>]) {
    let mut q = sqlx::query(sql);
    for a in args {
        q = match a {
            Arg::Text(t) => q.bind(t.to_string()),
            Arg::Bytes(b) => q.bind(b.to_vec()),
            Arg::Null => q.bind(None::<String>),
        };
    }
    q.execute(store.pool()).await.unwrap();
}
