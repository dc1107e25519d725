//! Re-walking the chain.

use super::chain::record_from_row;
use super::checkpoint;
use crate::crypto::Keyring;
use crate::StoreError;
use sqlx::AnyPool;
use std::path::Path;

/// What `libertas audit verify` reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VerifyOutcome {
    /// Every event verified; `checked` events in all. `checkpoint` is the event the checkpoint
    /// file vouches for (`None` when no checkpoint was written yet, so a cut-off tail could not
    /// be detected).
    Intact {
        checked: u64,
        checkpoint: Option<i64>,
    },
    /// The first event (by position) that does not verify, and why.
    Broken {
        seq: i64,
        id: Option<String>,
        problem: String,
    },
}

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
const BATCH: i64 = 2000;

pub(crate) async fn verify(
    pool: &AnyPool,
    ring: &Keyring,
    checkpoint_path: &Path,
) -> Result<VerifyOutcome, StoreError> {
    let mut expected_seq = 1i64;
    let mut prev_mac = GENESIS.to_owned();
    let mut checked = 0u64;
    let cp = checkpoint::read(checkpoint_path)?;
    if let Some(cp) = &cp {
        if !cp.is_authentic(ring) {
            return Ok(VerifyOutcome::Broken {
                seq: cp.seq,
                id: None,
                problem: format!(
                    "the checkpoint file {} is not authentic",
                    checkpoint_path.display()
                ),
            });
        }
    }
    loop {
        let rows = sqlx::query(
            "select seq, id, at, org_id, actor_id, actor, action, object_type, object_id, reason,
                    detail, prev_mac, mac
             from audit_events where seq >= $1 order by seq limit $2",
        )
        .bind(expected_seq)
        .bind(BATCH)
        .fetch_all(pool)
        .await?;
        if rows.is_empty() {
            break;
        }
        for row in &rows {
            let rec = record_from_row(row)?;
            if rec.seq != expected_seq {
                return Ok(VerifyOutcome::Broken {
                    seq: expected_seq,
                    id: None,
                    problem: format!("event #{expected_seq} is missing (deleted); the next event present is #{} ({})", rec.seq, rec.id),
                });
            }
            if rec.prev_mac != prev_mac {
                return Ok(VerifyOutcome::Broken {
                    seq: rec.seq,
                    id: Some(rec.id),
                    problem: "its link to the previous event does not match (an event before it was removed, replaced or reordered)".into(),
                });
            }
            if rec.expected_mac(ring) != rec.mac {
                return Ok(VerifyOutcome::Broken {
                    seq: rec.seq,
                    id: Some(rec.id),
                    problem: "its MAC does not match its contents (the event was edited)".into(),
                });
            }
            if let Some(cp) = &cp {
                if cp.seq == rec.seq && cp.mac != rec.mac {
                    return Ok(VerifyOutcome::Broken {
                        seq: rec.seq,
                        id: Some(rec.id),
                        problem: "it differs from the checkpointed event at this position (the chain was rewritten)".into(),
                    });
                }
            }
            prev_mac = rec.mac;
            expected_seq += 1;
            checked += 1;
        }
    }
    if let Some(cp) = &cp {
        if cp.seq >= expected_seq {
            return Ok(VerifyOutcome::Broken {
                seq: expected_seq,
                id: None,
                problem: format!(
                    "the chain ends at event #{} but the checkpoint records event #{}: events were cut off",
                    expected_seq - 1,
                    cp.seq
                ),
            });
        }
    }
    Ok(VerifyOutcome::Intact {
        checked,
        checkpoint: cp.map(|c| c.seq),
    })
}
