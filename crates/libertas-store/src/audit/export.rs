//! Reading events back: for `libertas audit export` and the admin audit viewer.

use super::chain::{record_from_row, AuditRecord};
use crate::StoreError;
use sqlx::AnyPool;

/// A filter over the trail. Every field narrows the result.
#[derive(Clone, Debug, Default)]
pub struct AuditQuery {
    pub org_id: Option<String>,
    pub object_id: Option<String>,
    pub actor: Option<String>,
    pub after_seq: i64,
    pub limit: i64,
}

pub(crate) async fn query(pool: &AnyPool, q: &AuditQuery) -> Result<Vec<AuditRecord>, StoreError> {
    let rows = sqlx::query(
        "select seq, id, at, org_id, actor_id, actor, action, object_type, object_id, reason,
                detail, prev_mac, mac
         from audit_events
         where seq > $1
           and ($2 is null or org_id = $2)
           and ($3 is null or object_id = $3)
           and ($4 is null or actor = $4)
         order by seq
         limit $5",
    )
    .bind(q.after_seq)
    .bind(&q.org_id)
    .bind(&q.object_id)
    .bind(&q.actor)
    .bind(if q.limit > 0 { q.limit } else { i64::MAX })
    .fetch_all(pool)
    .await?;
    rows.iter().map(record_from_row).collect()
}
