//! Erasure by crypto-shredding.
//!
//! The person's data key is destroyed in the key store first: from that moment their sealed
//! values cannot be opened anywhere, including in every database backup already taken. Then,
//! in one audited transaction, their blind-index and search-index rows go and their sealed
//! columns are cleared.
//! The key store keeps a tombstone (id and time only), and every start-up re-applies
//! tombstones, so restoring an older database backup does not bring look-ups back.
//!
//! Both steps are then made final on disk (`residue`): the key store's and the database's
//! write-ahead logs are cut to zero bytes on SQLite, the key table rewritten on PostgreSQL, so
//! a copy of the data directory taken after the erasure holds neither the wrapped key nor the
//! person's digests.

use super::SEALED_COLUMNS;
use crate::admin::Operator;
use crate::audit::{Actor, AuditEvent};
use crate::keystore::OwnerKind;
use crate::residue::Residue;
use crate::{clock, Store, StoreError};
use libertas_domain::ids::PersonId;
use sqlx::FromRow;

/// What an erasure did.
#[derive(Clone, Debug)]
pub struct Erasure {
    /// Whether a data key existed and was destroyed (false when the person was erased before:
    /// erasing again repeats the clearing and the wiping).
    pub key_destroyed: bool,
    /// Where erased content could not yet be wiped from disk because readers held older
    /// snapshots; empty when the erasure is final on disk. The erasure stands either way: the
    /// operator must be told, and repeat it when the server is quiet.
    pub residue: Residue,
}

/// What an erased person may still have: index rows, and whether the row is not erased (0/1).
#[derive(FromRow)]
struct Leftovers {
    index_rows: i64,
    unerased: i64,
}

impl Store {
    /// Crypto-shreds one person. `NotFound` if no such person exists.
    pub async fn erase_person(
        &self,
        op: Operator,
        id: PersonId,
        reason: &str,
    ) -> Result<Erasure, StoreError> {
        let actor = Actor::from(op);
        let pid = id.to_string();
        let exists = sqlx::query("select 1 from persons where id = $1")
            .bind(&pid)
            .fetch_optional(self.pool())
            .await?
            .is_some();
        if !exists {
            return Err(StoreError::NotFound);
        }
        // Records merged into this one (active merges) are the same person: they go too.
        let absorbed: Vec<String> = sqlx::query_scalar(
            "select absorbed_id from person_merges where kept_id = $1 and undone_at is null
             order by absorbed_id",
        )
        .bind(&pid)
        .fetch_all(self.pool())
        .await?;
        let mut key_destroyed = false;
        let mut residue = Residue::default();
        for (i, who) in std::iter::once(&pid).chain(&absorbed).enumerate() {
            let destroyed = self.keys().destroy(OwnerKind::Person, who).await?;
            if i == 0 {
                key_destroyed = destroyed.existed;
            }
            // The key leaves the key store's files at once, whatever happens next.
            residue.merge(self.scrub_keys(destroyed).await?);
        }
        let mut tx = self.write(actor).await?;
        // Their published stories are sealed under keys of the supporter side, not theirs:
        // they are taken back from every update first (`care/stories.rs`).
        let mut stories = self
            .withdraw_stories(&mut tx, &pid, None, "erasure", reason)
            .await?;
        clear_person(&mut tx, &pid).await?;
        for who in &absorbed {
            let more = self
                .withdraw_stories(&mut tx, who, None, "erasure", reason)
                .await?;
            stories.tokens.extend(more.tokens);
            clear_person(&mut tx, who).await?;
            tx.audit(
                AuditEvent::new("person.erase", "person", Some(who.clone()), reason)
                    .detail(serde_json::json!({ "merged_into": pid })),
            )
            .await?;
        }
        tx.audit(
            AuditEvent::new("person.erase", "person", Some(pid), reason).detail(
                serde_json::json!({ "key_destroyed": key_destroyed, "merged": absorbed.len() }),
            ),
        )
        .await?;
        tx.commit().await?;
        self.destroy_copies(stories).await?;
        residue.merge(self.scrub_database().await?);
        Ok(Erasure {
            key_destroyed,
            residue,
        })
    }

    /// Brings the database in line with the key store's tombstones (after a restore, and at
    /// every start in case the second step of an erasure failed). Returns how many people had
    /// to be cleared again; the caller then wipes the cleared rows from disk.
    pub(crate) async fn reapply_erasures(&self) -> Result<usize, StoreError> {
        let erased = self.keys().erased(OwnerKind::Person).await?;
        if erased.is_empty() {
            return Ok(0);
        }
        let mut stale = vec![];
        for pid in erased {
            let row = sqlx::query_as::<_, Leftovers>(
                "select (select count(*) from blind_index where person_id = $1)
                        + (select count(*) from search_index where person_id = $1) as index_rows,
                        (select count(*) from persons where id = $1 and erased_at is null) as unerased",
            )
            .bind(&pid)
            .fetch_one(self.pool())
            .await?;
            if row.index_rows + row.unerased > 0 {
                stale.push(pid);
            }
        }
        if stale.is_empty() {
            return Ok(0);
        }
        let n = stale.len();
        let mut tx = self.write(Actor::system()).await?;
        for pid in stale {
            clear_person(&mut tx, &pid).await?;
            tx.audit(AuditEvent::new(
                "person.erase.reapply",
                "person",
                Some(pid),
                "erasure re-applied to restored data",
            ))
            .await?;
        }
        tx.commit().await?;
        Ok(n)
    }
}

async fn clear_person(tx: &mut crate::WriteTx<'_>, pid: &str) -> Result<(), StoreError> {
    sqlx::query("delete from blind_index where person_id = $1")
        .bind(pid)
        .execute(tx.conn()?)
        .await?;
    for table in ["search_index", "search_index_state"] {
        sqlx::query(&format!("delete from {table} where person_id = $1"))
            .bind(pid)
            .execute(tx.conn()?)
            .await?;
    }
    // A merge's copy of the kept record's earlier values is that person's data too.
    sqlx::query(
        "update person_merges set prev_given_name = null, prev_family_name = null,
            prev_birth_date = null, prev_phone = null, prev_email = null,
            prev_identity_numbers = null
         where kept_id = $1",
    )
    .bind(pid)
    .execute(tx.conn()?)
    .await?;
    let sets: Vec<String> = SEALED_COLUMNS
        .iter()
        .map(|c| format!("{c} = null"))
        .collect();
    let sql = format!(
        "update persons set {}, erased_at = $1 where id = $2",
        sets.join(", ")
    );
    sqlx::query(&sql)
        .bind(clock::now_text())
        .bind(pid)
        .execute(tx.conn()?)
        .await?;
    Ok(())
}
