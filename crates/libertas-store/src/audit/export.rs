//! Reading events back: for `libertas audit export` and the admin audit viewer.

use super::chain::{record_from_row, AuditRecord};
use super::reason::{Opened, Opener};
use crate::{Store, StoreError};

/// A filter over the trail. Every field narrows the result.
#[derive(Clone, Debug, Default)]
pub struct AuditQuery {
    pub org_id: Option<String>,
    pub object_id: Option<String>,
    pub actor: Option<String>,
    pub after_seq: i64,
    pub limit: i64,
}

/// The events matching `q`, oldest first, their reasons opened.
pub(crate) async fn query(store: &Store, q: &AuditQuery) -> Result<Vec<AuditRecord>, StoreError> {
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
    .fetch_all(store.pool())
    .await?;
    let mut out = rows
        .iter()
        .map(record_from_row)
        .collect::<Result<Vec<_>, _>>()?;
    store.open_reasons(&mut out).await?;
    Ok(out)
}

impl Store {
    /// Replaces each record's stored (sealed) reason with the text as written, or empties it
    /// and says why it cannot be shown (`erased`, `unreadable`). The MAC still covers
    /// `reason_stored`.
    pub(crate) async fn open_reasons(&self, records: &mut [AuditRecord]) -> Result<(), StoreError> {
        let mut opener = Opener::new(self.ring(), self.keys());
        for r in records.iter_mut() {
            match opener
                .open(&r.id, r.object_id.as_deref(), &r.reason_stored)
                .await?
            {
                Opened::Text(t) => {
                    r.reason = t;
                    r.reason_unavailable = None;
                }
                Opened::Unavailable(why) => {
                    r.reason = String::new();
                    r.reason_unavailable = Some(why);
                }
            }
        }
        Ok(())
    }
}
