//! Write transactions that always carry their audit events, committed in groups.
//!
//! Every change goes through [`WriteTx`]: it collects the caller's statements and audit
//! events, and refuses to commit a change without at least one audit event, so a change and
//! its audit record land together or not at all.
//!
//! **Group commit.** Durable commits cost one fsync each, and the disk allows only so many per
//! second. So all writes of a process share one writer connection and one open database
//! transaction (the *batch*): each `WriteTx` runs inside its own savepoint of the batch, and
//! when it commits it releases the savepoint and waits; whoever reaches the writer next with a
//! finished write commits the whole batch with one fsync and tells every member the outcome.
//! While one batch is being made durable the next one fills up, so under load many writes
//! share each fsync, and alone a write commits at once. No write is acknowledged before the
//! commit that holds it has succeeded. A write that fails is rolled back to its savepoint
//! without touching the rest of its batch.
//!
//! The batch's first statement takes the audit chain's head row, which serialises writers
//! across several processes (web nodes on one PostgreSQL) too.

use crate::audit::{self, Actor, AuditEvent, Head};
use crate::crypto::Keyring;
use crate::keystore::KeyStore;
use crate::StoreError;
use sqlx::{Any, AnyConnection, AnyPool, Transaction};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex as StdMutex};
use tokio::sync::{Mutex, OwnedMutexGuard};

/// The shared writer: one connection, at most one open batch.
pub(crate) struct Writer {
    pool: AnyPool,
    state: Arc<Mutex<Batch>>,
    /// Outcomes of recent batches by generation, for members that did not commit themselves.
    outcomes: StdMutex<VecDeque<(u64, Result<(), String>)>>,
}

pub(crate) struct Batch {
    tx: Option<Transaction<'static, Any>>,
    head: Head,
    /// The head as it was when the open savepoint began, to restore on rollback.
    saved_head: Option<Head>,
    /// A `WriteTx` ended without commit (an error): its savepoint must be rolled back.
    dirty: bool,
    generation: u64,
    members: usize,
}

const KEEP_OUTCOMES: usize = 4096;

impl Writer {
    /// `pool` must be a pool of exactly one connection.
    pub(crate) fn new(pool: AnyPool) -> Self {
        Self {
            pool,
            state: Arc::new(Mutex::new(Batch {
                tx: None,
                head: Head {
                    seq: 0,
                    mac: String::new(),
                },
                saved_head: None,
                dirty: false,
                generation: 0,
                members: 0,
            })),
            outcomes: StdMutex::new(VecDeque::new()),
        }
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    fn record_outcome(&self, generation: u64, outcome: Result<(), String>) {
        if let Ok(mut o) = self.outcomes.lock() {
            o.push_back((generation, outcome));
            while o.len() > KEEP_OUTCOMES {
                o.pop_front();
            }
        }
    }

    fn outcome_of(&self, generation: u64) -> Option<Result<(), String>> {
        let o = self.outcomes.lock().ok()?;
        o.iter()
            .rev()
            .find(|(g, _)| *g == generation)
            .map(|(_, r)| r.clone())
    }

    /// Rolls back an abandoned savepoint; on failure gives up the whole batch.
    async fn clean(&self, b: &mut Batch) {
        if !b.dirty {
            return;
        }
        b.dirty = false;
        let ok = match b.tx.as_mut() {
            Some(tx) => {
                sqlx::query("rollback to savepoint w")
                    .execute(&mut **tx)
                    .await
                    .is_ok()
                    && sqlx::query("release savepoint w")
                        .execute(&mut **tx)
                        .await
                        .is_ok()
            }
            None => true,
        };
        if let Some(h) = b.saved_head.take() {
            b.head = h;
        }
        if !ok {
            self.abandon(b, "a failed write could not be rolled back".into());
        }
    }

    /// Drops the open batch; its finished members learn that it failed.
    fn abandon(&self, b: &mut Batch, why: String) {
        b.tx = None;
        if b.members > 0 {
            self.record_outcome(b.generation, Err(why));
        }
        b.members = 0;
        b.generation += 1;
    }

    /// Commits the open batch (the caller holds the lock).
    async fn commit_batch(&self, b: &mut Batch) -> Result<(), String> {
        self.clean(b).await;
        let generation = b.generation;
        let Some(mut tx) = b.tx.take() else {
            return self.outcome_of(generation).unwrap_or(Ok(()));
        };
        let result = async {
            sqlx::query("update audit_head set seq = $1, mac = $2 where id = 1")
                .bind(b.head.seq)
                .bind(&b.head.mac)
                .execute(&mut *tx)
                .await?;
            tx.commit().await
        }
        .await
        .map_err(|e| e.to_string());
        self.record_outcome(generation, result.clone());
        b.members = 0;
        b.generation += 1;
        result
    }
}

pub struct WriteTx<'s> {
    writer: &'s Arc<Writer>,
    batch: Option<OwnedMutexGuard<Batch>>,
    ring: &'s Keyring,
    keys: &'s KeyStore,
    events: usize,
    actor: Actor,
}

impl<'s> WriteTx<'s> {
    pub(crate) async fn begin(
        writer: &'s Arc<Writer>,
        ring: &'s Keyring,
        keys: &'s KeyStore,
        actor: Actor,
    ) -> Result<Self, StoreError> {
        let mut b = writer.state.clone().lock_owned().await;
        writer.clean(&mut b).await;
        if b.tx.is_none() {
            let mut tx = writer.pool.begin().await?;
            sqlx::query("update audit_head set seq = seq where id = 1")
                .execute(&mut *tx)
                .await?;
            b.head = sqlx::query_as::<_, Head>("select seq, mac from audit_head where id = 1")
                .fetch_one(&mut *tx)
                .await?;
            b.tx = Some(tx);
        }
        let Some(tx) = b.tx.as_mut() else {
            return Err(StoreError::Internal("no write transaction".into()));
        };
        if let Err(e) = sqlx::query("savepoint w").execute(&mut **tx).await {
            writer.abandon(&mut b, e.to_string());
            return Err(e.into());
        }
        b.saved_head = Some(b.head.clone());
        b.dirty = true;
        Ok(Self {
            writer,
            batch: Some(b),
            ring,
            keys,
            events: 0,
            actor,
        })
    }

    fn batch(&mut self) -> Result<&mut Batch, StoreError> {
        self.batch
            .as_deref_mut()
            .ok_or_else(|| StoreError::Internal("write already finished".into()))
    }

    /// The connection to run this transaction's statements on.
    pub(crate) fn conn(&mut self) -> Result<&mut AnyConnection, StoreError> {
        match self.batch.as_deref_mut().and_then(|b| b.tx.as_deref_mut()) {
            Some(c) => Ok(c),
            None => Err(StoreError::Internal("write already finished".into())),
        }
    }

    /// Records an event in this transaction (its reason sealed, see `audit::reason`).
    pub async fn audit(&mut self, mut event: AuditEvent) -> Result<(), StoreError> {
        event.choose_reason_key(self.keys, self.ring).await?;
        let ring = self.ring;
        let actor = self.actor.clone();
        let b = self.batch()?;
        let Some(tx) = b.tx.as_mut() else {
            return Err(StoreError::Internal("no write transaction".into()));
        };
        audit::append(tx, ring, &mut b.head, &actor, event).await?;
        self.events += 1;
        Ok(())
    }

    /// Commits the change with its events: returns once the batch holding it is durable.
    pub async fn commit(mut self) -> Result<(), StoreError> {
        if self.events == 0 {
            return Err(StoreError::Internal(
                "a write transaction must record at least one audit event".into(),
            ));
        }
        let writer = self.writer;
        let generation = {
            let b = self.batch()?;
            let Some(tx) = b.tx.as_mut() else {
                return Err(StoreError::Internal("no write transaction".into()));
            };
            sqlx::query("release savepoint w")
                .execute(&mut **tx)
                .await?;
            b.dirty = false;
            b.saved_head = None;
            b.members += 1;
            b.generation
        };
        // Let others add their writes to this batch, then commit it unless someone did.
        self.batch = None;
        let mut b = writer.state.clone().lock_owned().await;
        let outcome = if b.generation == generation {
            writer.commit_batch(&mut b).await
        } else {
            writer
                .outcome_of(generation)
                .unwrap_or_else(|| Err("the outcome of the commit was lost".into()))
        };
        drop(b);
        outcome.map_err(|e| StoreError::Internal(format!("commit failed: {e}")))
    }
}

/// A write that ends without `commit` (an error, a `?`) is rolled back to its savepoint at
/// once, off the caller's path, so the open batch neither keeps the database locked nor waits
/// for the next writer to clean up. If no other write is waiting in the batch, the whole
/// (empty) transaction is rolled back.
impl Drop for WriteTx<'_> {
    fn drop(&mut self) {
        let Some(mut batch) = self.batch.take() else {
            return;
        };
        let writer = Arc::clone(self.writer);
        match tokio::runtime::Handle::try_current() {
            Ok(rt) => {
                rt.spawn(async move {
                    writer.clean(&mut batch).await;
                    if batch.members == 0 {
                        if let Some(tx) = batch.tx.take() {
                            if let Err(e) = tx.rollback().await {
                                tracing::warn!(error = %e, "rolling back an abandoned write failed");
                            }
                        }
                    }
                });
            }
            // Outside a runtime the next writer cleans up (see `Writer::clean`).
            Err(_) => drop(batch),
        }
    }
}
