//! The checkpoint: the newest chain head known to have been committed, kept in a file outside
//! the database and authenticated with its own derived key. If the database later holds fewer
//! events than the checkpoint, or a different MAC at that position, events were cut off.

use crate::crypto::Keyring;
use crate::StoreError;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;

/// The checkpoint's file name in the data directory.
pub const CHECKPOINT_FILE: &str = "audit-checkpoint.json";

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub(crate) struct Checkpoint {
    pub seq: i64,
    pub mac: String,
    pub tag: String,
}

impl Checkpoint {
    pub fn new(ring: &Keyring, seq: i64, mac: &str) -> Self {
        Self {
            seq,
            mac: mac.to_owned(),
            tag: Self::tag_for(ring, seq, mac),
        }
    }

    fn tag_for(ring: &Keyring, seq: i64, mac: &str) -> String {
        hex::encode(ring.checkpoint_mac(&[&seq.to_be_bytes(), mac.as_bytes()]))
    }

    pub fn is_authentic(&self, ring: &Keyring) -> bool {
        use subtle::ConstantTimeEq;
        let want = Self::tag_for(ring, self.seq, &self.mac);
        want.as_bytes().ct_eq(self.tag.as_bytes()).into()
    }
}

/// Reads the checkpoint; `Ok(None)` when none was written yet.
pub(crate) fn read(path: &Path) -> Result<Option<Checkpoint>, StoreError> {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map(Some).map_err(|_| {
            StoreError::Audit(format!("checkpoint file {} is damaged", path.display()))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Replaces the checkpoint atomically (write, fsync, rename) if `seq` is newer.
pub(crate) fn write(path: &Path, ring: &Keyring, seq: i64, mac: &str) -> Result<bool, StoreError> {
    if let Ok(Some(old)) = read(path) {
        if old.seq >= seq && old.is_authentic(ring) {
            return Ok(false);
        }
    }
    let cp = Checkpoint::new(ring, seq, mac);
    let tmp = path.with_extension("json.tmp");
    {
        let mut f = crate::private_fs::create(&tmp)?;
        f.write_all(&serde_json::to_vec(&cp).map_err(|e| StoreError::Internal(e.to_string()))?)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)?;
    if let Some(dir) = path.parent() {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(true)
}

/// Sets the checkpoint to exactly this head, even if older (after a restore).
pub(crate) fn reset(path: &Path, ring: &Keyring, seq: i64, mac: &str) -> Result<(), StoreError> {
    let _ = std::fs::remove_file(path);
    write(path, ring, seq, mac).map(|_| ())
}
