//! The public form's receipt, handed over once.
//!
//! The form answers a submission with a redirect (Post/Redirect/Get), so that Back or a reload
//! never re-sends the story and the browser's history holds no page with the receipt in it.
//! The receipt must still reach the reporter exactly once and never through a URL. So the
//! submission stores it here, sealed, under a random one-time *handle* that only the reporter's
//! browser receives (in a session cookie); the one GET that presents the handle deletes the row
//! and shows the receipt. A second GET (Back, Forward, a reload, a replay) finds nothing.
//!
//! The row's id is a hash of the handle and the receipt is sealed under a key derived from the
//! handle, so the database alone reveals no receipt; the handle alone is useless once used. A
//! handle that is never presented expires after [`HANDOFF_TTL`] (expired rows are deleted by
//! the next submission or hand-over). The table is working state, left out of backups.

use crate::audit::{Actor, AuditEvent};
use crate::crypto::{open_field, seal_field, DataKey, FieldRef};
use crate::tx::WriteTx;
use crate::{clock, Store, StoreError};
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::FromRow;
use time::Duration;

/// What the receipt page shows, once.
pub struct HandedOver {
    pub receipt: String,
    /// The reporter said someone is in danger now: the page repeats the emergency number.
    pub in_danger_now: bool,
}

/// How long a receipt waits for the page that shows it.
pub const HANDOFF_TTL: Duration = Duration::minutes(10);

/// A one-time handle: 256 random bits, base64url without padding.
fn new_handle() -> ([u8; 32], String) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    (bytes, data_encoding::BASE64URL_NOPAD.encode(&bytes))
}

fn derive(purpose: &[u8], handle: &[u8; 32]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update((purpose.len() as u64).to_be_bytes());
    h.update(purpose);
    h.update(handle);
    h.finalize().into()
}

/// The row id of a handle (never the handle itself).
fn row_id(handle: &[u8; 32]) -> String {
    hex::encode(derive(b"libertas/v1/receipt-handoff/id", handle))
}

fn sealing_key(handle: &[u8; 32]) -> DataKey {
    DataKey::from_bytes(derive(b"libertas/v1/receipt-handoff/key", handle))
}

fn field(id: &str) -> FieldRef<'_> {
    FieldRef {
        table: "receipt_handoffs",
        column: "receipt",
        row: id,
    }
}

/// A waiting hand-over: the report, its receipt sealed under the handle, the report's danger flag.
#[derive(FromRow)]
struct HandoffRow {
    report_id: String,
    receipt: Vec<u8>,
    in_danger_now: i64,
}

impl Store {
    /// Stores `receipt` of report `rid` for one showing, in the submission's transaction;
    /// returns the handle to give the reporter's browser.
    pub(crate) async fn stash_receipt(
        &self,
        tx: &mut WriteTx<'_>,
        rid: &str,
        receipt: &str,
    ) -> Result<String, StoreError> {
        let now = clock::now();
        sqlx::query("delete from receipt_handoffs where expires_at < $1")
            .bind(clock::to_text(now))
            .execute(tx.conn()?)
            .await?;
        let (bytes, handle) = new_handle();
        let id = row_id(&bytes);
        let sealed = seal_field(&sealing_key(&bytes), 1, field(&id), receipt.as_bytes());
        sqlx::query(
            "insert into receipt_handoffs (id, report_id, receipt, expires_at) values ($1, $2, $3, $4)",
        )
        .bind(&id)
        .bind(rid)
        .bind(sealed)
        .bind(clock::to_text(now + HANDOFF_TTL))
        .execute(tx.conn()?)
        .await?;
        Ok(handle)
    }

    /// The receipt behind `handle`, once: the row is deleted in the same transaction, so a
    /// second call (or a concurrent one) gets `None`, as do unknown and expired handles.
    pub async fn take_receipt(&self, handle: &str) -> Result<Option<HandedOver>, StoreError> {
        let Some(bytes) = data_encoding::BASE64URL_NOPAD
            .decode(handle.as_bytes())
            .ok()
            .and_then(|b| <[u8; 32]>::try_from(b.as_slice()).ok())
        else {
            return Ok(None);
        };
        let id = row_id(&bytes);
        let now = clock::to_text(clock::now());
        let mut tx = self.write(public_actor()).await?;
        let row = sqlx::query_as::<_, HandoffRow>(
            "select h.report_id, h.receipt, r.in_danger_now from receipt_handoffs h
             join reports r on r.id = h.report_id where h.id = $1 and h.expires_at >= $2",
        )
        .bind(&id)
        .bind(&now)
        .fetch_optional(tx.conn()?)
        .await?;
        // Nothing to hand over: the transaction ends unwritten (dropped, rolled back).
        let Some(row) = row else { return Ok(None) };
        let HandoffRow {
            report_id: rid,
            receipt: sealed,
            in_danger_now,
        } = row;
        let in_danger_now = in_danger_now != 0;
        sqlx::query("delete from receipt_handoffs where id = $1 or expires_at < $2")
            .bind(&id)
            .bind(&now)
            .execute(tx.conn()?)
            .await?;
        let receipt = open_field(&sealing_key(&bytes), field(&id), &sealed)
            .and_then(|p| String::from_utf8(p.to_vec()).ok())
            .ok_or(StoreError::Crypto("receipt hand-over"))?;
        tx.audit(AuditEvent::new(
            "report.receipt.shown",
            "report",
            Some(rid),
            "the public form showed the receipt once",
        ))
        .await?;
        tx.commit().await?;
        Ok(Some(HandedOver {
            receipt,
            in_danger_now,
        }))
    }
}

fn public_actor() -> Actor {
    Actor {
        user_id: None,
        org_id: None,
        label: "public".into(),
    }
}
