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
