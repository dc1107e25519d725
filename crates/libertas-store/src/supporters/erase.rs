//! Erasure of a supporter on request, by crypto-shredding (`docs/supporters.md`, "Erasure").
//!
//! The same machinery as a person's erasure (`people/erase.rs`): the supporter's data key is
//! destroyed in the key store first (with a tombstone, owner kind `supporter`) and wiped from
//! the key store's files, so their sealed address, name, regions and messages cannot be opened
//! anywhere, every database backup already taken included. Then one audited write deletes
//! their consents, link hashes and queued messages, blanks what remains of their messages, and
//! turns their row into a tombstone (id, organisation, `erased_at`; status `erased`; the
//! address's blind index and the unsubscribe hash replaced by a value no key produces, so the
//! address can sign up again as a new supporter). Then the write-ahead logs are cut.
//!
//! Restoring a backup from before the erasure brings the row back; the key store's tombstones
//! are applied again after every restore and at every start
//! ([`Store::reapply_supporter_erasures`]).

use super::require_supporter_care;
use crate::audit::{Actor, AuditEvent};
use crate::keystore::OwnerKind;
use crate::residue::Residue;
use crate::{clock, Store, StoreError, WriteTx};
use libertas_domain::admin::Principal;
use libertas_domain::people::Email;
use libertas_domain::supporters::SupporterId;
use serde_json::json;

/// What an erasure did.
#[derive(Clone, Debug)]
pub struct SupporterErasure {
    /// Whether a data key existed and was destroyed.
    pub key_destroyed: bool,
    /// Queued messages dropped.
    pub messages_dropped: u64,
    /// Where erased content could not yet be wiped from disk (readers held older snapshots);
    /// empty when the erasure is final on disk. The erasure stands either way.
    pub residue: Residue,
}

/// What clearing one supporter removed (counts for the audit event).
struct Cleared {
    messages_dropped: u64,
    consents: u64,
    links: u64,
}

impl Store {
    /// The caller's organisation's (not erased) supporter with this address: the first step
    /// of an erasure on request. `NotFound` when there is none, exactly as when the address
    /// belongs to another organisation's supporter. Found by the blind index; nothing is
    /// opened. The look-up is audited.
    pub async fn supporter_by_address(
        &self,
        p: &Principal,
        email: &Email,
    ) -> Result<SupporterId, StoreError> {
        require_supporter_care(p)?;
        let index = self.ring().supporter_index("email", email.normalised());
        let id: Option<String> = sqlx::query_scalar(
            "select id from supporters.supporters
             where email_index = $1 and org_id = $2 and status <> 'erased'",
        )
        .bind(&index)
        .bind(p.org_id.to_string())
        .fetch_optional(self.pool())
        .await?;
        let id = id.ok_or(StoreError::NotFound)?;
        self.record(
            p.into(),
            vec![AuditEvent::new(
                "supporter.find",
                "supporter",
                Some(id.clone()),
                "erasure request",
            )
            .detail(json!({ "by": "address" }))],
        )
        .await?;
        id.parse()
            .map_err(|_| StoreError::Internal("supporter id".into()))
    }

    /// Erases one supporter of the caller's organisation (crypto-shredding). `NotFound` for a
    /// supporter that does not exist, belongs to another organisation or is erased already.
    #[tracing::instrument(skip_all)]
    pub async fn erase_supporter(
        &self,
        p: &Principal,
        id: SupporterId,
        reason: &str,
    ) -> Result<SupporterErasure, StoreError> {
        require_supporter_care(p)?;
        let sid = id.to_string();
        let ours = sqlx::query(
            "select 1 from supporters.supporters
             where id = $1 and org_id = $2 and status <> 'erased'",
        )
        .bind(&sid)
        .bind(p.org_id.to_string())
        .fetch_optional(self.pool())
        .await?
        .is_some();
        if !ours {
            return Err(StoreError::NotFound);
        }
        let destroyed = self.keys().destroy(OwnerKind::Supporter, &sid).await?;
        let key_destroyed = destroyed.existed;
        // The key leaves the key store's files at once, whatever happens next.
        let mut residue = self.scrub_keys(destroyed).await?;
        let mut tx = self.write(p.into()).await?;
        let cleared = clear_supporter(&mut tx, &sid).await?;
        tx.audit(
            AuditEvent::new("supporter.erase", "supporter", Some(sid), reason).detail(json!({
                "key_destroyed": key_destroyed,
                "messages_dropped": cleared.messages_dropped,
                "consents_deleted": cleared.consents,
                "links_deleted": cleared.links,
            })),
        )
        .await?;
        tx.commit().await?;
        residue.merge(self.scrub_database().await?);
        Ok(SupporterErasure {
            key_destroyed,
            messages_dropped: cleared.messages_dropped,
            residue,
        })
    }

    /// Brings the supporter store in line with the key store's supporter tombstones (after a
    /// restore, and at every start). Returns how many supporters had to be cleared again; the
    /// caller then wipes the cleared rows from disk.
    pub(crate) async fn reapply_supporter_erasures(&self) -> Result<usize, StoreError> {
        let erased = self.keys().erased(OwnerKind::Supporter).await?;
        let mut stale = vec![];
        for sid in erased {
            let left = sqlx::query(
                "select 1 from supporters.supporters where id = $1 and status <> 'erased'",
            )
            .bind(&sid)
            .fetch_optional(self.pool())
            .await?
            .is_some();
            if left {
                stale.push(sid);
            }
        }
        if stale.is_empty() {
            return Ok(0);
        }
        let n = stale.len();
        let mut tx = self.write(Actor::system()).await?;
        for sid in stale {
            clear_supporter(&mut tx, &sid).await?;
            tx.audit(AuditEvent::new(
                "supporter.erase.reapply",
                "supporter",
                Some(sid),
                "erasure re-applied to restored data",
            ))
            .await?;
        }
        tx.commit().await?;
        Ok(n)
    }
}

async fn clear_supporter(tx: &mut WriteTx<'_>, sid: &str) -> Result<Cleared, StoreError> {
    let links = sqlx::query("delete from supporters.confirmations where supporter_id = $1")
        .bind(sid)
        .execute(tx.conn()?)
        .await?
        .rows_affected();
    // The portal's sign-in links and sessions end with the person (supporter migration 7).
    for table in [
        "supporters.portal_links",
        "supporters.portal_sessions",
        "supporters.portal_totp",
    ] {
        sqlx::query(&format!("delete from {table} where supporter_id = $1"))
            .bind(sid)
            .execute(tx.conn()?)
            .await?;
    }
    let messages_dropped =
        sqlx::query("delete from supporters.outbox where supporter_id = $1 and status = 'queued'")
            .bind(sid)
            .execute(tx.conn()?)
            .await?
            .rows_affected();
    // Sent, failed and cancelled messages stay counted; what they said is blanked (it was
    // sealed under the destroyed key), and the recipient's domain digest goes.
    sqlx::query(
        "update supporters.outbox set message = $2, domain_index = ''
         where supporter_id = $1",
    )
    .bind(sid)
    .bind(Vec::<u8>::new())
    .execute(tx.conn()?)
    .await?;
    // Gifts stay as they are (amounts, currencies, dates, codes: nothing about the person
    // beyond the id, whose key is gone); a regular gift expects nothing more.
    sqlx::query(
        "update supporters.regular_gifts
         set status = 'cancelled', cancelled_at = $2, cancelled_by = 'erasure'
         where supporter_id = $1 and status = 'active'",
    )
    .bind(sid)
    .bind(clock::now_text())
    .execute(tx.conn()?)
    .await?;
    // Gift Aid declarations (supporter migration 8): the sealed name and address are
    // blanked (the key that opened them is gone) and each one in force ends today; a claim
    // already made keeps its row, so its gifts are not claimed again.
    sqlx::query(
        "update supporters.gift_aid_declarations
         set donor = $2, cancelled_on = coalesce(cancelled_on, $3),
             cancelled_by = coalesce(cancelled_by, 'erasure')
         where supporter_id = $1",
    )
    .bind(sid)
    .bind(Vec::<u8>::new())
    .bind(crate::supporters::gift_aid::date_text(
        crate::supporters::gift_aid::today(),
    ))
    .execute(tx.conn()?)
    .await?;
    let consents = sqlx::query("delete from supporters.consents where supporter_id = $1")
        .bind(sid)
        .execute(tx.conn()?)
        .await?
        .rows_affected();
    sqlx::query(
        "update supporters.supporters
         set status = 'erased', erased_at = $2, email_index = 'erased:' || id, email = $3,
             name = null, unsubscribe_hash = 'erased:' || id, unsubscribe_token = $3
         where id = $1",
    )
    .bind(sid)
    .bind(clock::now_text())
    .bind(Vec::<u8>::new())
    .execute(tx.conn()?)
    .await?;
    Ok(Cleared {
        messages_dropped,
        consents,
        links,
    })
}
