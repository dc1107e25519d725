//! Write transactions that always carry their audit events.
//!
//! Every change goes through [`WriteTx`]: it takes the audit chain's head row first (which
//! serialises writers on both backends and avoids SQLite's read-then-write upgrade deadlock),
//! collects the caller's changes and events, and refuses to commit a change without at least
//! one audit event. The change and its audit record therefore land together or not at all.

use crate::audit::{self, Actor, AuditEvent, Head};
use crate::crypto::Keyring;
use crate::StoreError;
use sqlx::{Any, AnyConnection, Row, Transaction};

pub struct WriteTx<'s> {
    tx: Transaction<'static, Any>,
    ring: &'s Keyring,
    head: Head,
    events: usize,
    actor: Actor,
}

impl<'s> WriteTx<'s> {
    pub(crate) async fn begin(pool: &sqlx::AnyPool, ring: &'s Keyring, actor: Actor) -> Result<Self, StoreError> {
        let mut tx = pool.begin().await?;
        sqlx::query("update audit_head set seq = seq where id = 1")
            .execute(&mut *tx)
            .await?;
        let row = sqlx::query("select seq, mac from audit_head where id = 1")
            .fetch_one(&mut *tx)
            .await?;
        let head = Head {
            seq: row.try_get(0)?,
            mac: row.try_get(1)?,
        };
        Ok(Self {
            tx,
            ring,
            head,
            events: 0,
            actor,
        })
    }

    /// The connection to run this transaction's statements on.
    pub(crate) fn conn(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }

    /// Records an event in this transaction.
    pub async fn audit(&mut self, event: AuditEvent) -> Result<(), StoreError> {
        audit::append(&mut self.tx, self.ring, &mut self.head, &self.actor, event).await?;
        self.events += 1;
        Ok(())
    }

    /// Commits the change with its events.
    pub async fn commit(mut self) -> Result<(), StoreError> {
        if self.events == 0 {
            return Err(StoreError::Internal(
                "a write transaction must record at least one audit event".into(),
            ));
        }
        sqlx::query("update audit_head set seq = $1, mac = $2 where id = 1")
            .bind(self.head.seq)
            .bind(&self.head.mac)
            .execute(&mut *self.tx)
            .await?;
        self.tx.commit().await?;
        Ok(())
    }
}
